#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool dump

load test_helper

# seg_from FILE [MODE]: a segment of FILE's size holding FILE's bytes.
seg_from() {
	local id
	id=$(mkseg "$(stat -c %s "$1")" "${2:-600}")
	shm write "$id" --file "$1" >/dev/null
	echo "$id"
}

@test "dump --help: synopsis on stdout, exit 0" {
	run -0 shm dump --help
	[[ "$output" == "Usage: shmtool dump"* ]]
}

@test "dump: identical to hexdump -C on random and repetitive data of many lengths" {
	local n f id kind
	for n in 1 15 16 17 4095 4096 65537; do
		for kind in random repeat; do
			f=$BATS_TEST_TMPDIR/$kind-$n
			if [ "$kind" = random ]; then
				head -c "$n" /dev/urandom > "$f"
			else
				{ head -c 100 /dev/zero; yes 0123456789abcde; } | head -c "$n" > "$f"
			fi
			id=$(seg_from "$f")
			shm dump "$id" > "$f.shm"
			hexdump -C "$f" > "$f.hd"
			cmp "$f.shm" "$f.hd" || { echo "$kind $n differs"; diff "$f.hd" "$f.shm" | head; return 1; }
		done
	done
}

@test "dump --offset/--length: identical to hexdump -C -s -n, length 0 included" {
	local f=$BATS_TEST_TMPDIR/data id s n
	{ head -c 4000 /dev/urandom; head -c 5000 /dev/zero; head -c 1000 /dev/urandom; } > "$f"
	id=$(seg_from "$f")
	for s in 0 1 7 16 4000 4095 9999 10000; do
		for n in 0 1 15 16 17 4096 ""; do
			if [ -n "$n" ]; then
				[ $((s + n)) -le 10000 ] || continue
				shm dump "$id" --offset "$s" --length "$n" > "$f.shm"
				hexdump -C -s "$s" -n "$n" "$f" > "$f.hd"
			else
				shm dump "$id" -s "$s" > "$f.shm"
				hexdump -C -s "$s" "$f" > "$f.hd"
			fi
			cmp "$f.shm" "$f.hd" || { echo "-s $s -n $n differs"; diff "$f.hd" "$f.shm" | head; return 1; }
		done
	done
}

@test "dump --format raw: the exact bytes, to stdout and to --output FILE" {
	local f=$BATS_TEST_TMPDIR/data id
	head -c 70000 /dev/urandom > "$f"
	id=$(seg_from "$f")
	shm dump "$id" --format raw > "$f.out"
	cmp "$f" "$f.out"
	run -0 shm dump "$id" -f raw -s 100 -n 1000 --output "$f.part"
	[ -z "$output" ]
	cmp "$f.part" <(tail -c +101 "$f" | head -c 1000)
	# An existing file is replaced.
	run -0 shm dump "$id" -f raw -o "$f.part"
	cmp "$f" "$f.part"
}

@test "dump --output replaces a file whole: its mode and owner kept, a symlink's target replaced and the link kept, descriptors written directly" {
	require_root
	local id d=$BATS_TEST_TMPDIR
	id=$(mkseg 100 600)
	shm write "$id" --fill 0x61
	printf 'old contents, longer than the new ones: %0200d' 0 > "$d/f"
	chmod 0640 "$d/f"
	chown 65534:65534 "$d/f"
	run -0 shm dump "$id" -f raw -o "$d/f"
	[ "$(stat -c '%a %u %g %s' "$d/f")" = "640 65534 65534 100" ]
	# Through a symbolic link (relative): the file it names is replaced.
	ln -s f "$d/link"
	shm write "$id" --fill 0x62
	run -0 shm dump "$id" -f raw -o "$d/link"
	[ "$(readlink "$d/link")" = f ]
	[ "$(head -c 3 "$d/f")" = bbb ]
	# A dangling one: the file it names is made.
	ln -s new "$d/dangling"
	run -0 shm dump "$id" -f raw -n 3 -o "$d/dangling"
	[ "$(cat "$d/new")" = bbb ]
	# /dev/stdout and a FIFO are written to, not replaced.
	run -0 in_ns sh -c "'$SHMTOOL' dump $id -f raw -n 3 -o /dev/stdout > '$d/out'"
	[ "$(cat "$d/out")" = bbb ]
	mkfifo "$d/fifo"
	run -0 in_ns sh -c "'$SHMTOOL' dump $id -f raw -n 3 -o '$d/fifo' & exec cat '$d/fifo'"
	[ "$output" = bbb ]
	[ -p "$d/fifo" ]
	# In a directory nobody may write, a file of root's that nobody may
	# not is refused, though a rename would replace it; their own is not.
	id=$(mkseg 100 644)
	shm write "$id" --fill 0x63
	chown 65534 "$NOBODY_DIR"
	echo root > "$NOBODY_DIR/root"
	echo nobody > "$NOBODY_DIR/nobody"
	chown 65534 "$NOBODY_DIR/nobody"
	run -1 shm_nobody dump "$id" -f raw -n 3 -o "$NOBODY_DIR/root"
	[ "$output" = "shmtool: dump: $NOBODY_DIR/root: Permission denied" ]
	[ "$(cat "$NOBODY_DIR/root")" = root ]
	run -0 shm_nobody dump "$id" -f raw -n 3 -o "$NOBODY_DIR/nobody"
	[ "$(cat "$NOBODY_DIR/nobody")" = ccc ]
	[ "$(stat -c %U "$NOBODY_DIR/nobody")" = "$(user_name 65534)" ]
}

@test "dump to a closed standard output: exit 1, nothing read" {
	local id lpid
	id=$(mkseg 64 600)
	lpid=$(proc_field "$id" lpid)
	run -1 in_ns sh -c "exec '$SHMTOOL' dump $id >&-"
	[ "$output" = "shmtool: dump: standard output is closed (or not open for writing)" ]
	[ "$(proc_field "$id" lpid)" = "$lpid" ]
}

@test "dump --output: a new file gets 0666 minus the umask" {
	local id
	id=$(mkseg 100 600)
	run -0 in_ns sh -c "umask 027 && '$SHMTOOL' dump $id -o '$BATS_TEST_TMPDIR/o'"
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/o")" = 640 ]
}

@test "dump --sha256: the checksum of the range" {
	local f=$BATS_TEST_TMPDIR/data id
	head -c 5000 /dev/urandom > "$f"
	id=$(seg_from "$f")
	run -0 shm dump "$id" --sha256
	[ "$output" = "$(sha256sum < "$f" | cut -d' ' -f1)" ]
	run -0 shm dump "$id" --sha256 --offset 10 --length 20
	[ "$output" = "$(tail -c +11 "$f" | head -c 20 | sha256sum | cut -d' ' -f1)" ]
}

@test "libcrypto is loaded by dump --sha256 only: every other run goes without it" {
	local id lib
	# Not linked: each run would pay its 1.6 MiB of relocations.
	run -0 ldd "$SHMTOOL"
	[[ "$output" != *libcrypto* ]]
	id=$(mkseg 100 600)
	# Where the library is, so that the test's mount namespace can hide it.
	lib=$(ldconfig -p | awk '/libcrypto\.so\.[0-9]+ .*x86-64|libcrypto\.so\.[0-9]+ \(libc6\)/ { print $NF; exit }')
	[ -n "$lib" ] || skip "ldconfig names no libcrypto"
	lib=$(readlink -f "$lib")
	run -0 in_ns mount --bind /dev/null "$lib"
	# What needs no digest works without it.
	run -0 shm dump "$id" --length 16
	[[ "${lines[0]}" == "00000000  00 00 "* ]]
	run -1 --separate-stderr shm dump "$id" --sha256
	[ "$output" = "" ]
	[[ "$stderr" == "shmtool: dump: sha256: cannot load OpenSSL's libcrypto: "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

# digest FILE: sha256sum's digest of FILE, the hex alone.
digest() { sha256sum < "$1" | cut -d' ' -f1; }

# Sizes around SHA-256's 64-byte block, the 64 KiB hashing step, the 1 MiB
# step of the other formats, and none of them.
SHA_SIZES="1 55 56 64 65 4095 65535 65536 65537 1048575 1048577 3158033"

# sha_seg N MODE: a segment of N random bytes, also in $BATS_TEST_TMPDIR/r-N.
sha_seg() {
	head -c "$1" /dev/urandom > "$BATS_TEST_TMPDIR/r-$1"
	seg_from "$BATS_TEST_TMPDIR/r-$1" "$2"
}

@test "dump --sha256 is sha256sum's digest at many sizes: through shmat, --attach and a holder's mapping" {
	local n f id want
	for n in $SHA_SIZES; do
		f=$BATS_TEST_TMPDIR/r-$n
		id=$(sha_seg "$n" 600)
		want=$(digest "$f")
		# Attached, then (as root) read through our own mapping's file.
		run -0 shm dump "$id" --sha256
		[ "$output" = "$want" ] || { echo "size $n: $output"; return 1; }
		run -0 shm dump "$id" --sha256 --attach
		[ "$output" = "$want" ] || { echo "size $n, --attach: $output"; return 1; }
		# Through the holder's mapping (map_files), or not at all: a
		# user namespace's root may not borrow it.
		start_holder "$id"
		if [ "$(id -u)" -ne 0 ]; then
			run -1 shm dump "$id" --sha256 --no-disturb
			[ "$output" = "shmtool: dump: id $id: cannot read without attaching: borrowing another process's mapping needs root" ] ||
				{ echo "size $n, --no-disturb: $output"; return 1; }
			continue
		fi
		run -0 shm dump "$id" --sha256 --no-disturb
		[ "$output" = "$want" ] || { echo "size $n, --no-disturb: $output"; return 1; }
		[ "$n" -gt 2 ] || continue
		run -0 shm dump "$id" --sha256 --no-disturb --offset 1 --length $((n - 2))
		[ "$output" = "$(tail -c +2 "$f" | head -c $((n - 2)) | sha256sum | cut -d' ' -f1)" ] ||
			{ echo "size $n, bytes 1 to $((n - 2)): $output"; return 1; }
	done
}

@test "dump --sha256 as nobody (the mapping itself, no file): sha256sum's digest at many sizes" {
	local n id
	require_root
	for n in $SHA_SIZES; do
		id=$(sha_seg "$n" 644)
		run -0 shm_nobody dump "$id" --sha256
		[ "$output" = "$(digest "$BATS_TEST_TMPDIR/r-$n")" ] ||
			{ echo "size $n: $output"; return 1; }
	done
}

@test "dump --sha256 of POSIX objects is sha256sum's digest, size 0 included, as owner and as nobody" {
	local n f want
	for n in 0 $SHA_SIZES; do
		f=$BATS_TEST_TMPDIR/r-$n
		head -c "$n" /dev/urandom > "$f"
		# shellcheck disable=SC2016
		in_ns sh -c 'cat > "/dev/shm/o$1" && chmod 644 "/dev/shm/o$1"' sh "$n" < "$f"
		want=$(digest "$f")
		run -0 shm dump "/o$n" --sha256
		[ "$output" = "$want" ] || { echo "size $n: $output"; return 1; }
		run -0 shm dump "/o$n" --sha256 --no-disturb
		[ "$output" = "$want" ] || { echo "size $n, --no-disturb: $output"; return 1; }
		[ "$(id -u)" -eq 0 ] || continue
		run -0 shm_nobody dump "/o$n" --sha256
		[ "$output" = "$want" ] || { echo "size $n, as nobody: $output"; return 1; }
	done
}

# on_tty CMD...: runs CMD in the test's namespaces with standard input,
# output and error on a pseudo-terminal (script(1)); prints what the
# terminal got, with its \r\n line ends.
on_tty() {
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	in_ns script -qec "$*" /dev/null
}

@test "dump --sha256 of 65 MiB, standard error on a terminal: progress, erased before the digest" {
	local id want cmd
	in_ns sh -c 'echo 1073741824 > /proc/sys/kernel/shmmax'
	id=$(mkseg $((65 << 20)) 600)
	want=$(head -c $((65 << 20)) /dev/zero | sha256sum | cut -d' ' -f1)
	cmd=$(printf '%q ' "${SHMTOOL_WRAP[@]}" "$SHMTOOL" dump "$id" --sha256)
	# Both on the terminal, as typed at a shell.
	run -0 on_tty "$cmd"
	[[ "$output" == $'\rshmtool: dump: '*'% ('*' of 65M)'* ]]
	[[ "$output" == *$'\r\e[K'"$want"$'\r' ]]
	# Only standard error on it: the digest alone in the file.
	run -0 on_tty "$cmd > $BATS_TEST_TMPDIR/sum"
	[[ "$output" == $'\rshmtool: dump: '*'% ('*' of 65M)'*$'\r\e[K' ]]
	[ "$(cat "$BATS_TEST_TMPDIR/sum")" = "$want" ]
	# Standard error elsewhere: nothing but the digest on the terminal.
	run -0 on_tty "$cmd 2>/dev/null"
	[ "$output" = "$want"$'\r' ]
}

@test "dump -f raw to a terminal named by --output (/dev/tty): refused without --force, exit 1" {
	local id cmd
	id=$(mkseg 64 600)
	shm write "$id" "binary"
	cmd=$(printf '%q ' "${SHMTOOL_WRAP[@]}" "$SHMTOOL" dump "$id" -f raw -n 6)
	run -1 on_tty "$cmd -o /dev/tty"
	[ "$output" = $'shmtool: dump: refusing to write binary data to a terminal (use --output FILE or --force)\r' ]
	run -0 on_tty "$cmd -o /dev/tty --force"
	[ "$output" = "binary" ]
}

@test "dump --format string: up to the first NUL, escapes only with --vis" {
	local id
	id=$(mkseg 64 600)
	printf 'red\033[31m\a bell\0after' | shm write "$id"
	run -0 shm dump "$id" --format string
	[ "$output" = $'red\e[31m\a bell' ]
	run -0 shm dump "$id" --format string --vis
	[ "$output" = 'red\e[31m\a bell' ]
	# No NUL at all: the whole range.
	run -0 shm dump "$id" -f string -s 15 -n 5
	[ "$output" = "after" ]
}

@test "dump --format string reads what a C server stored under its ftok key" {
	build_c server <<'C'
#include <sys/ipc.h>
#include <sys/shm.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
	key_t key = ftok(argv[1], 'S');
	int id = shmget(key, 4096, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	if (key == -1 || id == -1 || p == (void *)-1) return 1;
	strcpy(p, "Hello from the server");
	printf("0x%08x\n", (unsigned)key);
	return shmdt(p);
}
C
	local key
	key=$(in_ns "$BATS_TEST_TMPDIR/server" "$BATS_TEST_TMPDIR")
	run -0 shm dump "key:$key" --format string
	[ "$output" = "Hello from the server" ]
}

@test "dump of a held segment as root leaves lpid and atime unchanged" {
	require_root
	local id lpid atime
	id=$(mkseg 4096 600)
	shm write "$id" "evidence"
	start_holder "$id"
	lpid=$(proc_field "$id" lpid)
	atime=$(proc_field "$id" atime)
	sleep 1.1
	run -0 shm dump "$id" --no-disturb -f string
	[ "$output" = evidence ]
	run -0 shm dump "$id" -n 16
	[ "$(proc_field "$id" lpid)" = "$lpid" ]
	[ "$(proc_field "$id" atime)" = "$atime" ]
	# --attach really attaches: the evidence is gone.
	run -0 shm dump "$id" --attach -n 16
	[ "$(proc_field "$id" lpid)" != "$lpid" ]
	[ "$(proc_field "$id" atime)" != "$atime" ]
}

@test "dump --no-disturb with nobody attached: exit 1, says why" {
	local id
	id=$(mkseg 64 600)
	run -1 shm dump "$id" --no-disturb
	[ "$output" = "shmtool: dump: id $id: cannot read without attaching: no process in this IPC namespace maps it" ]
}

@test "dump as nobody: mode 0644 readable, 0600 refused with owner and mode" {
	require_root
	local a b
	a=$(mkseg 64 644)
	b=$(mkseg 64 600)
	shm write "$a" "public"
	run -0 shm_nobody dump "$a" -f string
	[ "$output" = public ]
	run -1 shm_nobody dump "$b"
	[ "$output" = "shmtool: dump: id $b: permission denied (owner root, mode 0600)" ]
}

@test "dump beyond the end: exit 1 with the segment's size, nothing printed" {
	local id
	id=$(mkseg 100 600)
	run -1 --separate-stderr shm dump "$id" --offset 101
	[ -z "$output" ]
	[ "$stderr" = "shmtool: dump: id $id: offset 101 is beyond the end of the segment (size 100)" ]
	run -1 shm dump "$id" --offset 50 --length 51
	[ "$output" = "shmtool: dump: id $id: offset 50 + length 51 is beyond the end of the segment (size 100)" ]
	run -0 shm dump "$id" --offset 100
	[ "$output" = "00000064" ]
}

@test "dump of a missing segment or POSIX object: exit 1 naming it" {
	run -1 shm dump 4242
	[ "$output" = "shmtool: dump: id 4242: no such segment" ]
	run -1 shm dump key:0x1234
	[ "$output" = "shmtool: dump: key 0x00001234: no such segment" ]
	run -1 shm dump /name
	[ "$output" = "shmtool: dump: /name: no such object" ]
}

@test "dump usage errors: exit 2 and one line" {
	local id a
	id=$(mkseg 64 600)
	for a in "" "$id extra" "$id --offset x" "$id --length -1" "$id --format bin" \
	    "$id --no-disturb --attach" "$id --sha256 --format raw" "$id --vis" \
	    "$id --force" "$id --output" "0x10" "$id --bogus"; do
		# shellcheck disable=SC2086
		run -2 shm dump $a
		[ "${#lines[@]}" -eq 1 ] || { echo "$a: $output"; return 1; }
		[[ "${lines[0]}" == *" (try 'shmtool dump --help')" ]]
	done
}

@test "dump of a 65 MiB segment into a pipe: no progress bar without a terminal" {
	local id
	in_ns sh -c 'echo 1073741824 > /proc/sys/kernel/shmmax'
	id=$(mkseg $((65 << 20)) 600)
	run -0 --separate-stderr shm dump "$id" --sha256
	[ -z "$stderr" ]
	[ "$output" = "$(head -c $((65 << 20)) /dev/zero | sha256sum | cut -d' ' -f1)" ]
}

# POSIX shared memory objects (/NAME).

@test "dump and write /name: hexdump -C identical, raw round trip, bounds, never grown" {
	local f=$BATS_TEST_TMPDIR/data
	head -c 5000 /dev/urandom > "$f"
	run -0 shm create 5000 /d
	run -0 shm write /d --file "$f"
	shm dump /d > "$f.hex"
	hexdump -C "$f" | cmp - "$f.hex"
	shm dump /d -s 100 -n 1000 > "$f.hex"
	hexdump -C -s 100 -n 1000 "$f" | cmp - "$f.hex"
	shm dump /d -f raw | cmp - "$f"
	cat "$f" | shm write /d --offset 0
	run -1 shm write /d --offset 4990 "0123456789A"
	[ "$output" = "shmtool: write: /d: needs 11 bytes, 10 available at offset 4990" ]
	run -1 in_ns sh -c "cat '$f' '$f' | '$SHMTOOL' write /d"
	[ "$output" = "shmtool: write: /d: needs at least 5001 bytes, 5000 available at offset 0" ]
	run -1 shm dump /d --offset 5001
	[ "$output" = "shmtool: dump: /d: offset 5001 is beyond the end of the object (size 5000)" ]
	[ "$(size_of d)" = 5000 ]
	shm dump /d -f raw | cmp - "$f"
	run -0 --separate-stderr shm write /d --offset 4998 --truncate abcd
	[ "$stderr" = "shmtool: write: /d: wrote 2 of 4 bytes at offset 4998, dropped 2" ]
	[ "$(size_of d)" = 5000 ]
	run -0 shm write /d --nul "hello"
	run -0 shm dump /d -f string
	[ "$output" = hello ]
}

@test "an empty object: dump prints nothing, write has no room, attach nothing to map" {
	in_ns touch /dev/shm/empty
	run -0 shm dump /empty
	[ -z "$output" ]
	run -1 shm write /empty x
	[ "$output" = "shmtool: write: /empty: needs 1 bytes, 0 available at offset 0" ]
	run -1 shm attach /empty
	[ "$output" = "shmtool: attach: /empty: size 0: nothing to map" ]
	run -2 shm dump --attach /empty
}

@test "dump reads with O_NOATIME: atime stays as root; as nobody --no-disturb says why" {
	require_root
	run -0 shm create --mode 0644 4K /seen
	in_ns touch -a -d '3 days ago' /dev/shm/seen
	atime=$(in_ns stat -c %X /dev/shm/seen)
	run -0 shm dump /seen -n 16
	run -0 shm dump /seen --no-disturb --sha256
	[ "$(in_ns stat -c %X /dev/shm/seen)" = "$atime" ]
	run -0 shm_nobody dump /seen -n 16
	[ "$(in_ns stat -c %X /dev/shm/seen)" != "$atime" ]
	run -1 shm_nobody dump /seen --no-disturb
	[ "$output" = "shmtool: dump: /seen: cannot read without changing its atime: O_NOATIME needs the owner or CAP_FOWNER" ]
}
