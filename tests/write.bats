#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool write

load test_helper

# random_seg ID: fills the segment with random bytes.
random_seg() {
	local size
	size=$(proc_field "$1" size)
	head -c "$size" /dev/urandom | shm write "$1"
}

@test "write --help: synopsis on stdout, exit 0" {
	run -0 shm write --help
	[[ "$output" == "Usage: shmtool write"* ]]
}

@test "write DATA: the bytes as given, no newline added; dump reads them back" {
	local id
	id=$(mkseg 32 600)
	run -0 shm write "$id" "hello"
	[ -z "$output" ]
	run -0 shm dump "$id" -n 8
	[ "$output" = "00000000  68 65 6c 6c 6f 00 00 00                           |hello...|
00000008" ]
	run -0 shm write "$id" --offset 3 "LO"
	run -0 shm dump "$id" -f string
	[ "$output" = "helLO" ]
}

@test "write --nul: a C string over a longer one" {
	local id
	id=$(mkseg 32 600)
	shm write "$id" "a longer message"
	run -0 shm write "$id" --nul "short"
	run -0 shm dump "$id" -f string
	[ "$output" = "short" ]
	[ "$(shm dump "$id" -f raw -n 8 | od -An -c | tr -d ' \n')" = 'short\0er' ]
}

@test "write binary from --file, stdin and '-', at offsets: dump -f raw round trips" {
	local f=$BATS_TEST_TMPDIR/bin id
	head -c 3000 /dev/urandom > "$f"
	id=$(mkseg 10000 600)
	run -0 shm write "$id" --file "$f"
	cmp <(shm dump "$id" -f raw -n 3000) "$f"
	# Standard input, from a pipe (staged) and from a file (direct).
	cat "$f" | shm write "$id" --offset 3000
	shm write "$id" -s 6000 - < "$f"
	run -0 shm write "$id" --offset 9000 --file - < <(head -c 1000 "$f")
	cmp <(shm dump "$id" -f raw -s 3000 -n 3000) "$f"
	cmp <(shm dump "$id" -f raw -s 6000 -n 3000) "$f"
	cmp <(shm dump "$id" -f raw -s 9000) <(head -c 1000 "$f")
	# A file already partly read: from where it stands.
	in_ns sh -c "{ head -c 100 >/dev/null; '$SHMTOOL' write $id; } < '$f'"
	cmp <(shm dump "$id" -f raw -n 2900) <(tail -c +101 "$f")
}

@test "write that does not fit: exit 1, nothing written, from DATA, file and pipe" {
	local f=$BATS_TEST_TMPDIR/big id before
	head -c 101 /dev/urandom > "$f"
	id=$(mkseg 100 600)
	random_seg "$id"
	before=$(sha256_of "$id")
	run -1 shm write "$id" --offset 90 "0123456789A"
	[ "$output" = "shmtool: write: id $id: needs 11 bytes, 10 available at offset 90" ]
	run -1 shm write "$id" --offset 90 --nul "0123456789"
	[ "$output" = "shmtool: write: id $id: needs 11 bytes, 10 available at offset 90" ]
	run -1 shm write "$id" --file "$f"
	[ "$output" = "shmtool: write: id $id: needs 101 bytes, 100 available at offset 0" ]
	run -1 in_ns sh -c "cat '$f' '$f' | '$SHMTOOL' write $id"
	[ "$output" = "shmtool: write: id $id: needs at least 101 bytes, 100 available at offset 0" ]
	run -1 shm write "$id" --offset 101 x
	[ "$output" = "shmtool: write: id $id: offset 101 is beyond the end of the segment (size 100)" ]
	run -1 shm write "$id" --zero --offset 50 --length 51
	[ "$output" = "shmtool: write: id $id: needs 51 bytes, 50 available at offset 50" ]
	[ "$(sha256_of "$id")" = "$before" ]
}

@test "write --truncate: what fits goes in, the drop is reported" {
	local id
	id=$(mkseg 16 600)
	run -0 --separate-stderr shm write "$id" --offset 10 --truncate "0123456789"
	[ "$stderr" = "shmtool: write: id $id: wrote 6 of 10 bytes at offset 10, dropped 4" ]
	run -0 shm dump "$id" -f raw -s 10
	[ "$output" = "012345" ]
	# With --nul the string stays terminated.
	run -0 shm write "$id" --offset 10 --truncate --nul "abcdefgh"
	run -0 shm dump "$id" -f string -s 10
	[ "$output" = "abcde" ]
	run -0 --separate-stderr in_ns sh -c "yes | head -c 100 | '$SHMTOOL' write $id --truncate"
	[ "$stderr" = "shmtool: write: id $id: wrote 16 of at least 17 bytes at offset 0, dropped at least 1" ]
}

@test "write --zero and --fill: a range, by default to the end" {
	local id
	id=$(mkseg 40 600)
	shm write "$id" --fill 0x41
	shm write "$id" --zero --offset 4 --length 4
	shm write "$id" --fill 66 --offset 32
	[ "$(shm dump "$id" -f raw | od -An -c | tr -d ' \n')" = 'AAAA\0\0\0\0AAAAAAAAAAAAAAAAAAAAAAAABBBBBBBB' ]
}

@test "write as nobody to a 0644 segment: refused with owner and mode, unchanged" {
	require_root
	local id before
	id=$(mkseg 64 644)
	random_seg "$id"
	before=$(sha256_of "$id")
	run -1 shm_nobody write "$id" "mine"
	[ "$output" = "shmtool: write: id $id: permission denied (owner root, mode 0644)" ]
	run -1 in_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- sh -c "echo data | $NOBODY_WRAPPER '$NOBODY_SHMTOOL' write $id"
	[ "$output" = "shmtool: write: id $id: permission denied (owner root, mode 0644)" ]
	[ "$(sha256_of "$id")" = "$before" ]
	run -0 shm_nobody dump "$id" --sha256
	[ "$output" = "$before" ]
}

@test "write and dump as nobody (no map_files, the mapping path): file, pipe and hex round trips, exit 0" {
	require_root
	local id f="$BATS_TEST_TMPDIR/in" d="$BATS_TEST_TMPDIR"
	id=$(mkseg 200000 666)
	head -c 150000 /dev/urandom > "$f"
	run -0 shm_nobody write "$id" -s 7 < "$f"
	shm dump "$id" -s 7 -n 150000 -f raw | cmp - "$f"
	cat "$f" | shm_nobody write "$id" -s 3
	shm_nobody dump "$id" -s 3 -n 150000 -f raw | cmp - "$f"
	# As root the same bytes come through the segment's file instead.
	shm_nobody dump "$id" -s 1 > "$d/nobody.hex"
	shm dump "$id" -s 1 > "$d/root.hex"
	cmp "$d/nobody.hex" "$d/root.hex"
	[ "$(shm_nobody dump "$id" --sha256)" = "$(sha256_of "$id")" ]
}

@test "write --nul: a C client reads the string" {
	build_c client <<'C'
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	int id = shmget((key_t)strtol(argv[1], NULL, 0), 0, 0);
	char *p = shmat(id, NULL, SHM_RDONLY);
	if (id == -1 || p == (void *)-1) return 1;
	printf("client got: %s\n", p);
	return 0;
}
C
	local id
	id=$(mkseg 256 600 0x5eed)
	shm write "$id" --fill 0x58
	run -0 shm write key:0x5eed --nul "Hello, client"
	run -0 in_ns "$BATS_TEST_TMPDIR/client" 0x5eed
	[ "$output" = "client got: Hello, client" ]
}

@test "write to a missing segment or POSIX object: exit 1 naming it" {
	run -1 shm write 4242 x
	[ "$output" = "shmtool: write: id 4242: no such segment" ]
	run -1 shm write /name x
	[ "$output" = "shmtool: write: /name: no such object" ]
	run -1 shm write 4242 --file /nonexistent
	[ "$output" = "shmtool: write: id 4242: no such segment" ]
}

@test "write --file that cannot be read: exit 1, nothing written" {
	local id before
	id=$(mkseg 64 600)
	random_seg "$id"
	before=$(sha256_of "$id")
	run -1 shm write "$id" --file "$BATS_TEST_TMPDIR/none"
	[ "$output" = "shmtool: write: $BATS_TEST_TMPDIR/none: No such file or directory" ]
	run -1 shm write "$id" --file "$BATS_TEST_TMPDIR"
	[[ "$output" == "shmtool: write: $BATS_TEST_TMPDIR: nothing written: "* ]]
	[ "$(sha256_of "$id")" = "$before" ]
}

@test "write --file of a file whose size lies (/proc, a pipe through /dev/fd): its real bytes, read to the end" {
	local id want
	id=$(mkseg 4096 600)
	want=$(cat /proc/version)
	[ -n "$want" ]
	run -0 shm write "$id" --nul --file /proc/version
	run -0 shm dump "$id" -f string
	[ "$output" = "$want" ]
	run -0 in_ns bash -c "'$SHMTOOL' write $id --nul --file <(printf 'from a pipe')"
	run -0 shm dump "$id" -f string
	[ "$output" = "from a pipe" ]
	# Too much of it is refused, and nothing is written.
	id=$(mkseg 10 600)
	run -1 shm write "$id" --file /proc/version
	[ "$output" = "shmtool: write: id $id: needs at least 11 bytes, 10 available at offset 0" ]
	[ "$(sha256_of "$id")" = "$(head -c 10 /dev/zero | sha256sum | cut -d' ' -f1)" ]
}

@test "write from a closed standard input: exit 1 naming it, nothing written" {
	local id before
	id=$(mkseg 64 600)
	random_seg "$id"
	before=$(sha256_of "$id")
	run -1 in_ns sh -c "exec '$SHMTOOL' write $id <&-"
	[ "$output" = "shmtool: write: standard input is closed (or not open for reading): nothing written" ]
	run -1 in_ns sh -c "exec '$SHMTOOL' write $id --file - <&-"
	[ "$output" = "shmtool: write: standard input is closed (or not open for reading): nothing written" ]
	# An empty one is no error: nothing to write.
	run -0 shm write "$id" < /dev/null
	[ "$(sha256_of "$id")" = "$before" ]
	# Closed standard output and error do not make it write elsewhere.
	run -0 in_ns sh -c "echo data | '$SHMTOOL' write $id >&- 2>&-"
	[ "$(shm dump "$id" -f raw -n 5 | od -An -c | tr -d ' ')" = 'data\n' ]
}

@test "write usage errors: exit 2 and one line" {
	local id a
	id=$(mkseg 64 600)
	for a in "" "$id a b" "$id --offset x" "$id --fill 256" "$id --fill x" \
	    "$id --fill" "$id --zero DATA" "$id --zero --fill 1" "$id --length 4 x" \
	    "$id --nul --zero" "$id --file f DATA" "$id --file f -" "0x10 x" "$id --bogus"; do
		# shellcheck disable=SC2086
		run -2 shm write $a
		[ "${#lines[@]}" -eq 1 ] || { echo "$a: $output"; return 1; }
		[[ "${lines[0]}" == *" (try 'shmtool write --help')" ]]
	done
}
