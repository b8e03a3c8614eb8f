#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The argument grammar (SIZE, TARGET, DURATION, KEY, MODE), tested through
# the commands that use it: every malformed value gives one line naming
# it (ending with the --help hint), exit 2, and nothing is done.

load test_helper

# usage_fails MATCH CMD ARGS...: exit 2, one line that names MATCH.
usage_fails() {
	local match=$1
	shift
	run -2 shm "$@"
	[ "${#lines[@]}" -eq 1 ] || { echo "lines: ${#lines[@]}: $output"; return 1; }
	[[ "${lines[0]}" == "shmtool: $1: "*"$match"* ]] || { echo "got: ${lines[0]}"; return 1; }
	[[ "${lines[0]}" == *" (try 'shmtool $1 --help')" ]]
}

@test "SIZE: malformed values are usage errors and create nothing" {
	local v
	for v in -1 0 "" " 1" "1 " 1x 0x 0x10 1e3 +1 4KK 4Q 18446744073709551616 16E 16384P 99999999999G 1.5K; do
		usage_fails "invalid size '$v'" create "$v"
	done
	[ "$(nsegs)" -eq 0 ]
}

@test "SIZE: suffixes are binary; K, KiB and KB mean 1024" {
	local v id
	for v in 4096 4K 4k 4KiB 4KB; do
		id=$(shm create "$v")
		run -0 shm stat -o SIZE --bytes --raw --noheadings "$id"
		[ "$output" = 4096 ]
	done
}

@test "TARGET: malformed values are usage errors" {
	local v
	for v in -1 "" " 1" 1x 1e3 2147483648 18446744073709551616 id: id:x id:-1 key: key:0x key:0x1g key:4294967296 key:-2147483649 key:08 abc //x /a/b / /. /.. "/$(printf 'a%.0s' {1..256})"; do
		usage_fails "invalid target '$v'" stat -- "$v"
	done
	# Without "--", "-1" reads as an option: still a one-line usage error.
	run -2 shm stat -1
	[ "${#lines[@]}" -eq 1 ]
}

@test "TARGET: a bare hex number is refused with the key: hint" {
	usage_fails "write key:0x1234" stat 0x1234
}

@test "TARGET: key 0 is refused: it is IPC_PRIVATE, use the id" {
	usage_fails "use the id" stat key:0
	usage_fails "use the id" stat key:0x0
}

@test "TARGET: id, id:, and key: in hex, octal, decimal and negative decimal" {
	build_c mk <<'C'
#include <stdio.h>
#include <sys/shm.h>
int main(void) { int id = shmget(0xf0000001, 4096, IPC_CREAT | 0600); printf("%d\n", id); return id < 0; }
C
	local id
	id=$(in_ns "$BATS_TEST_TMPDIR/mk")
	for t in "$id" "id:$id" key:0xf0000001 key:0XF0000001 key:036000000001 key:4026531841 key:-268435455; do
		run -0 shm stat -o ID --noheadings "$t"
		[ "$output" = "id:        $id" ]
	done
}

@test "TARGET: a missing id is a runtime failure (exit 1), not a usage error" {
	run -1 shm stat 12345
	[[ "$output" == *"id 12345: no such segment"* ]]
	run -1 shm stat key:0x7777
	[[ "$output" == *"key 0x00007777: no such segment"* ]]
}

@test "DURATION: malformed values are usage errors" {
	local v
	for v in -1 "" " 1" 1x 0x 1e3 10m5 1y 1.5h s 18446744073709551616 99999999999999999w; do
		usage_fails "invalid duration '$v'" stat --older-than "$v"
	done
}

@test "DURATION: seconds, units and sequences are accepted" {
	local v
	for v in 0 90 30s 10m 2h 7d 1w 1h30m; do
		run -0 shm stat --older-than "$v"
	done
}

@test "DURATION: milliseconds, alone and in sequences; whole seconds where seconds are meant" {
	local v
	for v in 10ms 250ms 1s500ms 2m30s250ms 1500ms; do
		run -0 shm watch --timeout 0 --interval "$v"
	done
	# Minutes are still minutes, and "ms" is no minute followed by "s".
	run -0 shm watch --timeout 0 --interval 1m
	for v in ms 1ms5 1mss 5sms 1m5 1.5ms; do
		usage_fails "invalid interval '$v'" watch --interval "$v"
	done
	usage_fails "invalid interval '9ms': at least 10ms" watch --interval 9ms
	# The filters count whole seconds.
	run -0 shm stat --older-than 2000ms
	usage_fails "invalid duration '1500ms': not a whole number of seconds" stat --older-than 1500ms
}

@test "KEY filter: malformed keys are usage errors" {
	local v
	for v in "" 0 0x x 1x 4294967296 0x1ffffffff; do
		usage_fails "invalid key '$v'" stat --key "$v"
	done
}

@test "MODE: malformed modes are usage errors and create nothing" {
	local v
	for v in "" 8 0800 1777 07777 abc -1 " 600" 600x 00000600; do
		usage_fails "invalid mode '$v'" create --mode "$v" 4K
	done
	[ "$(nsegs)" -eq 0 ]
}

@test "OFFSET: malformed offsets are usage errors; 0 is valid" {
	local v
	for v in -1 "" " 1" 1x 0x 1e3 18446744073709551616 16E; do
		usage_fails "invalid offset '$v'" dump --offset "$v" 0
	done
}

@test "options missing their argument are usage errors" {
	usage_fails "needs an argument" create --mode
	usage_fails "needs an argument" stat --older-than
}

# POSIX shared memory objects (/NAME).

@test "TARGET: a bad POSIX name is a usage error in every command, and nothing is made" {
	local n long
	long="/$(printf 'a%.0s' {1..256})"
	for n in // /a/b / /. /.. "$long"; do
		run -2 shm stat -- "$n"
		[ "${#lines[@]}" -eq 1 ]
		[[ "$output" == *"invalid target '$n'"* ]]
		run -2 shm create 4K "$n"
		run -2 shm dump "$n"
		run -2 shm write "$n" x
		run -2 shm rm "$n"
		run -2 shm who "$n"
		run -2 shm attach "$n"
		run -2 shm set --mode 0600 "$n"
	done
	run -0 in_ns ls -A /dev/shm
	[ -z "$output" ]
	# NAME_MAX itself is fine.
	run -0 shm create 1 "${long%a}"
}
