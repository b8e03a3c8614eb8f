#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool attach

load test_helper

@test "attach --help: synopsis on stdout, exit 0" {
	run -0 shm attach --help
	[[ "$output" == "Usage: shmtool attach"* ]]
}

@test "attach ID: address, size and nattch printed, detached again, exit 0" {
	run -0 shm create 4K
	id=$output
	run -0 shm attach "$id"
	[[ "$output" =~ ^id\ $id:\ attached\ at\ 0x[0-9a-f]+,\ size\ 4096,\ nattch\ 1$ ]]
	[ "$(proc_field "$id" nattch)" = 0 ]
	[ "$(proc_field "$id" lpid)" != 0 ]
}

@test "attach key:KEY and id:N resolve the same segment" {
	run -0 shm create 8K key:0x321
	id=$output
	run -0 shm attach key:0x321
	[[ "$output" == "id $id: attached at "* ]]
	run -0 shm attach "id:$id"
	[[ "$output" == "id $id: attached at "* ]]
}

@test "attach --read-only: SHM_RDONLY, allowed with read permission only" {
	require_root
	run -0 shm create --mode 0644 4K
	id=$output
	run -0 shm_nobody attach --read-only "$id"
	[[ "$output" == *", read-only" ]]
	run -1 shm_nobody attach "$id"
	[ "$output" = "shmtool: attach: id $id: permission denied (owner root, mode 0644; needs read and write permission, or --read-only read permission)" ]
}

@test "attach without permission: EACCES with owner and mode, exit 1" {
	require_root
	run -0 shm create 4K
	id=$output
	run -1 shm_nobody attach -r "$id"
	[[ "$output" == "shmtool: attach: id $id: permission denied (owner root, mode 0600; "* ]]
}

@test "attach --address: unaligned is EINVAL with the SHMLBA rule; --rnd rounds down" {
	run -0 shm create 4K
	id=$output
	run -1 shm attach --address 0x10000123 "$id"
	[[ "$output" == *"address 0x10000123: not a multiple of SHMLBA ("*"); --rnd rounds it down" ]]
	run -0 shm attach --address 0x10000123 --rnd "$id"
	[[ "$output" == "id $id: attached at 0x10000000,"* ]]
	run -0 shm attach --address 0x10000000 --remap "$id"
	[[ "$output" == "id $id: attached at 0x10000000,"* ]]
}

@test "attach usage errors: --rnd/--remap without --address, bad address, no target: exit 2" {
	run -2 shm attach --rnd 0
	[[ "$output" == *"--rnd needs --address"* ]]
	run -2 shm attach --remap 0
	run -2 shm attach --address 0xzz 0
	run -2 shm attach
	run -2 shm attach --hold=5x 0
}

@test "attach of a missing id: exit 1, named" {
	run -1 shm attach 4242
	[ "$output" = "shmtool: attach: id 4242: no such segment" ]
	run -1 shm attach key:0x4242
	[ "$output" = "shmtool: attach: key 0x00004242: no such segment" ]
}

@test "attach --hold in the background raises nattch, releases it on SIGTERM, exit 0" {
	run -0 shm create 4K
	id=$output
	bg_ns "$SHMTOOL" attach --hold "$id"
	pid=$BG_PID
	wait_for nattch_is "$id" 1
	grep -q "holding shmid $id" "/proc/$pid/cmdline"
	kill -TERM "$pid"
	wait "$pid"	# exit 0 (bats fails on any other status; `run` would wait in a subshell)
	[ "$(proc_field "$id" nattch)" = 0 ]
}

@test "attach --hold names itself exactly, whatever the length of the path it was run by" {
	local a0 pid
	run -0 shm create 4K
	id=$output
	# Every argv[0] length from 1 to a little past the title's: libbsd
	# leaves a '.' where a longer argv[0] ended and a ' ' after a title
	# of argv[0]'s very length, which ps showed as "TITLE ." and
	# "TITLE ".  Then one far longer.
	local title="shmtool: holding shmid $id" paths=() n
	for n in $(seq 1 $(( ${#title} + 3 ))); do
		paths+=("$(printf "%${n}s" "" | tr ' ' x)")
	done
	paths+=("$BATS_TEST_TMPDIR/a/path/to/shmtool/longer/than/any/title")
	for a0 in "${paths[@]}"; do
		# shellcheck disable=SC2016
		bg_ns bash -c 'exec -a "$1" "$2" attach --hold "$3" >/dev/null' sh "$a0" "$SHMTOOL" "$id"
		pid=$BG_PID
		wait_for grep -q "holding shmid $id" "/proc/$pid/cmdline"
		[ "$(tr '\0' '|' < "/proc/$pid/cmdline")" = "shmtool: holding shmid $id|" ]
		run -0 ps -o args= -p "$pid"
		[ "$output" = "shmtool: holding shmid $id" ]
		kill -TERM "$pid"
		wait "$pid"
	done
}

@test "attach --hold: SIGINT and SIGHUP end it too, exit 0" {
	run -0 shm create 4K
	id=$output
	for sig in INT HUP; do
		bg_ns "$SHMTOOL" attach --hold "$id"
		pid=$BG_PID
		wait_for nattch_is "$id" 1
		kill -"$sig" "$pid"
		wait "$pid"	# exit 0 (bats fails on any other status; `run` would wait in a subshell)
		[ "$(proc_field "$id" nattch)" = 0 ]
	done
}

@test "attach --hold=DURATION: detaches by itself when it passes, exit 0" {
	run -0 shm create 4K
	id=$output
	run -0 shm attach --hold=1s "$id"
	[ "$(proc_field "$id" nattch)" = 0 ]
}

@test "attach --hold=0: holds for no time, returns at once, exit 0" {
	run -0 shm create 4K
	id=$output
	run -0 timeout 60 "${NS_ENTER[@]}" -- "${SHMTOOL_WRAP[@]}" "$SHMTOOL" attach --hold=0 "$id"
	[[ "$output" == "id $id: attached at 0x"*", nattch 1" ]]
	[ "$(proc_field "$id" nattch)" = 0 ]
	run -0 shm create 4K /h0
	run -0 timeout 60 "${NS_ENTER[@]}" -- "${SHMTOOL_WRAP[@]}" "$SHMTOOL" attach --hold=0s /h0
	[[ "$output" == "/h0: mapped at 0x"* ]]
}

@test "attach of a segment removed while held (dest): still attachable by id" {
	run -0 shm create 4K
	id=$output
	bg_ns "$SHMTOOL" attach --hold "$id"
	wait_for nattch_is "$id" 1
	run -0 shm rm --force "$id"
	run -0 shm attach "$id"
	[[ "$output" == *"nattch 2" ]]
}

# POSIX shared memory objects (/NAME).

@test "attach /name --hold: who shows the mapping and the process title; SIGTERM ends it, exit 0" {
	run -0 shm create 8K /h
	run -0 shm attach /h
	[[ "$output" =~ ^/h:\ mapped\ at\ 0x[0-9a-f]+,\ size\ 8192$ ]]
	bg_ns "$SHMTOOL" attach --hold --read-only /h
	pid=$BG_PID
	wait_for nattch_is /h 1
	grep -q "holding /h" "/proc/$pid/cmdline"
	run -0 shm who --raw --noheadings -o pid,via,perms /h
	[ "$output" = "$pid map r--s" ]
	kill -TERM "$pid"
	wait "$pid"	# exit 0
	[ "$(shm stat --raw --noheadings -o nattch /h)" = 0 ]
	run -2 shm attach --address 0x10000000 /h
	[[ "$output" == *"--address, --rnd and --remap apply to System V segments"* ]]
}
