#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Safety of the contents (issue 14): dump, write and attach never destroy
# a segment under kernel.shm_rmid_forced, never die of a signal (SIGBUS,
# SIGXFSZ, SIGSEGV), never leave an output file or a segment half
# written, and never act on a segment or object other than the one
# selected.  Each case asserts the exact exit status (so, below 128: no
# signal death unless the test sent the signal) and that what was not to
# change did not.

load test_helper

# shm_within SECONDS ARGS...: shm, killed (exit 124) when it has not
# ended within SECONDS: a hang is a failure, not a stuck suite.
shm_within() {
	timeout "$1" "${NS_ENTER[@]}" -- "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "${@:2}"
}

# start_creator [SIZE [MODE]]: a C program in the background that creates
# a segment (4096 bytes, mode 0644) without attaching it and stays alive,
# so that kernel.shm_rmid_forced does not take it at its exit.  Sets ID.
start_creator() {
	local out=$BATS_TEST_TMPDIR/creator.$RANDOM
	[ -x "$BATS_TEST_TMPDIR/creator" ] || build_c creator <<'C'
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv) {
	int id = shmget(IPC_PRIVATE, strtoull(argv[1], NULL, 0),
	    IPC_CREAT | (int)strtol(argv[2], NULL, 8));
	if (id < 0) { perror("shmget"); return 1; }
	printf("%d\n", id);
	fflush(stdout);
	pause();
	return 0;
}
C
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/creator\" ${1:-4096} ${2:-644} > $out"
	wait_for test -s "$out"
	ID=$(cat "$out")
}

# runtime_needs_proc: shmtool runs under valgrind or with ASan, whose
# runtimes read /proc (their options, the address space, a leak check).
runtime_needs_proc() {
	[ "${#SHMTOOL_WRAP[@]}" -gt 0 ] || grep -qa __asan_init "$SHMTOOL"
}

# rmid_forced: kernel.shm_rmid_forced=1 in the test's IPC namespace.
rmid_forced() {
	in_ns sh -c 'echo 1 > /proc/sys/kernel/shm_rmid_forced'
}

# small_devshm: a 64 KiB tmpfs on /dev/shm in the test's mount namespace.
small_devshm() {
	in_ns mount -t tmpfs -o size=64k,mode=1777 shmtool-small /dev/shm
}

# zeros N: the SHA-256 of N zero bytes.
zeros() {
	head -c "$1" /dev/zero | sha256sum | cut -d' ' -f1
}

# no_temp DIR: DIR (in the test's namespaces) holds no temporary file of
# dump --output.
no_temp() {
	run -0 in_ns find "$1" -maxdepth 1 -name '.*.??????'
	[ -z "$output" ]
}

@test "shm_rmid_forced=1: dump, write and attach of a segment attached nowhere are refused with the reason; it is still there" {
	local id sum
	start_creator 4096 666
	id=$ID
	rmid_forced
	sum=$(zeros 4096)
	run -1 shm dump "$id" -n 16
	[ "$output" = "shmtool: dump: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: attaching to read it would destroy it at the detach; keep it attached first, e.g. shmtool attach --hold $id &" ]
	run -1 shm dump "$id" --attach --sha256
	[[ "$output" == "shmtool: dump: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: "* ]]
	run -1 shm write "$id" hello
	[ "$output" = "shmtool: write: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: attaching to write it would destroy it at the detach; keep it attached first, e.g. shmtool attach --hold $id &" ]
	run -1 shm attach "$id"
	[ "$output" = "shmtool: attach: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: attaching would destroy it at the detach; keep it attached first, e.g. shmtool attach --hold $id &" ]
	# As nobody too (setpriv: root only).
	if [ "$(id -u)" -eq 0 ]; then
		run -1 shm_nobody dump "$id" -n 16
		[[ "$output" == "shmtool: dump: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: "* ]]
		run -1 shm_nobody attach --read-only "$id"
		[[ "$output" == "shmtool: attach: id $id: not attached anywhere and kernel.shm_rmid_forced is 1: "* ]]
	fi
	[ "$(proc_field "$id" nattch)" = 0 ]
	[ "$(proc_field "$id" lpid)" = 0 ]
	# Held, it can be read and written; the data is what was written.
	start_holder "$id"
	run -0 shm write "$id" --nul "kept"
	run -0 shm dump "$id" -f string
	[ "$output" = kept ]
	if [ "$(id -u)" -eq 0 ]; then
		run -0 shm_nobody dump "$id" -f string
		[ "$output" = kept ]
		run -0 shm_nobody write "$id" --nul "also"
	else
		run -0 shm write "$id" --nul "also"
	fi
	[ "$(proc_field "$id" nattch)" = 1 ]
	[ "$(shm dump "$id" -f string)" = also ]
	[ "$sum" != "$(sha256_of "$id")" ]
}

@test "shm_rmid_forced=1: dump as root of a held segment reads through the holder's mapping: lpid unchanged, the segment stays" {
	require_root
	local id lpid
	start_creator 4096 600
	id=$ID
	rmid_forced
	start_holder "$id"
	lpid=$(proc_field "$id" lpid)
	run -0 shm dump "$id" --sha256
	[ "$output" = "$(zeros 4096)" ]
	[ "$(proc_field "$id" lpid)" = "$lpid" ]
	[ "$(proc_field "$id" nattch)" = 1 ]
}

@test "shm_rmid_forced=1 where processes cannot be seen (hidepid=2, a user namespace) or the setting cannot be read (/proc not a procfs): attached nowhere, refused; attached elsewhere, read and kept" {
	require_root
	local id env
	local -a notproc=(unshare --mount --propagation private sh -c "mount -t tmpfs none /proc && exec \"\$0\" \"\$@\"")
	local -a userns=(unshare --user --map-root-user)
	local -a hidepid=(unshare --pid --fork --mount --propagation private sh -c "mount -t proc -o hidepid=2 proc /proc && exec setpriv --reuid=65534 --regid=65534 --clear-groups \"\$0\" \"\$@\"")
	start_creator 4096 644
	id=$ID
	rmid_forced
	for env in notproc userns hidepid; do
		[ "$env" = notproc ] && runtime_needs_proc && continue
		local -n pre=$env
		run -1 in_ns "${pre[@]}" "${NOBODY_WRAP[@]}" "$NOBODY_SHMTOOL" dump "$id" -n 4
		[[ "$output" == *"shmtool: dump: id $id: not attached anywhere and kernel.shm_rmid_forced "* ]] ||
			{ echo "$env: $output"; return 1; }
	done
	if ! runtime_needs_proc; then
		run -1 in_ns "${notproc[@]}" "$NOBODY_SHMTOOL" dump "$id" -n 4
		[ "$output" = "shmtool: dump: id $id: not attached anywhere and kernel.shm_rmid_forced cannot be read (/proc/sys/kernel/shm_rmid_forced: No such file or directory): attaching to read it could destroy it at the detach; keep it attached first, e.g. shmtool attach --hold $id &" ]
	fi
	[ "$(proc_field "$id" nattch)" = 0 ]
	start_holder "$id"
	for env in notproc userns hidepid; do
		[ "$env" = notproc ] && runtime_needs_proc && continue
		local -n pre=$env
		run -0 in_ns "${pre[@]}" "${NOBODY_WRAP[@]}" "$NOBODY_SHMTOOL" dump "$id" --sha256
		[ "$output" = "$(zeros 4096)" ] || { echo "$env: $output"; return 1; }
	done
	[ "$(proc_field "$id" nattch)" = 1 ]
}

@test "shm_rmid_forced=1: attach --hold of a segment attached nowhere warns that the end of the hold destroys it, and it does" {
	local id
	start_creator 4096 600
	id=$ID
	rmid_forced
	run -0 --separate-stderr shm_within 60 attach --hold=0 "$id"
	[ "$stderr" = "shmtool: attach: id $id: attached nowhere else, and kernel.shm_rmid_forced destroys it when this hold ends, unless another process attaches it meanwhile" ]
	[[ "$output" == "id $id: attached at 0x"*", nattch 1" ]]
	run -1 proc_field "$id" nattch
	# Attached elsewhere, no warning, and the segment outlives the hold.
	start_creator 4096 600
	id=$ID
	start_holder "$id"
	run -0 --separate-stderr shm_within 60 attach --hold=0 "$id"
	[ -z "$stderr" ]
	[ "$(proc_field "$id" nattch)" = 1 ]
}

@test "a sparse object on a full tmpfs: write --fill, DATA and --file are refused before a byte changes, exit 1, no SIGBUS" {
	local f=$BATS_TEST_TMPDIR/in
	small_devshm
	head -c 200000 /dev/urandom > "$f"
	in_ns truncate -s 1M /dev/shm/sparse
	in_ns sh -c 'head -c 65536 /dev/zero > /dev/shm/filler || true'
	run -1 shm write /sparse --fill 0xff
	[ "$output" = "shmtool: write: /sparse: no space left on /dev/shm for the object's pages; nothing written" ]
	run -1 shm write /sparse --offset 500000 "$(head -c 100000 /dev/zero | tr '\0' x)"
	[ "$output" = "shmtool: write: /sparse: no space left on /dev/shm for the object's pages; nothing written" ]
	run -1 shm write /sparse --file "$f"
	[ "$output" = "shmtool: write: /sparse: no space left on /dev/shm for the object's pages; nothing written" ]
	if [ "$(id -u)" -eq 0 ]; then
		run -1 shm_nobody write /sparse x
		[ "$output" = "shmtool: write: /sparse: permission denied (owner root, mode 0644)" ]
	fi
	[ "$(in_ns du -k /dev/shm/sparse | cut -f1)" = 0 ]
	[ "$(sha256_of /sparse)" = "$(zeros 1048576)" ]
}

@test "an object truncated by another process while it is dumped: exit 1, 'the object shrank', no SIGBUS, no output file" {
	require_test_hooks
	local fmt d=$BATS_TEST_TMPDIR
	for fmt in "--sha256" "-f hex" "-f raw -o $d/out" "-f string" "-f raw"; do
		in_ns sh -c 'head -c 1000000 /dev/urandom | tr "\0" x > /dev/shm/t'
		# shellcheck disable=SC2086
		SHMTOOL_TEST_COPY_HOOK="truncate -s 4096 /dev/shm/t" \
		    run -1 --separate-stderr shm dump /t $fmt
		[ "$stderr" = "shmtool: dump: /t: the object shrank while it was read" ] ||
			{ echo "$fmt: $stderr"; return 1; }
		[ ! -e "$d/out" ] || { echo "$fmt: left $d/out"; return 1; }
	done
	no_temp "$d"
	# As nobody, who reads it plainly (no O_NOATIME): the same.
	require_root
	in_ns sh -c 'head -c 1000000 /dev/urandom > /dev/shm/t && chmod 666 /dev/shm/t'
	SHMTOOL_TEST_COPY_HOOK="truncate -s 0 /dev/shm/t" run -1 shm_nobody dump /t
	[ "$output" = "shmtool: dump: /t: the object shrank while it was read" ]
}

@test "an object truncated by another process while it is written: exit 1, no SIGBUS, never grown back" {
	require_test_hooks
	local how f=$BATS_TEST_TMPDIR/in
	head -c 1000000 /dev/urandom > "$f"
	for how in "--fill 7" "--file $f" "$(head -c 100000 /dev/zero | tr '\0' y)"; do
		in_ns sh -c 'head -c 1000000 /dev/zero > /dev/shm/t'
		# shellcheck disable=SC2086
		SHMTOOL_TEST_COPY_HOOK="truncate -s 4096 /dev/shm/t" \
		    run -1 shm write /t $how
		[[ "$output" == "shmtool: write: /t: the object shrank, or the file system holding it is full: "* ]] ||
			{ echo "${how:0:20}: $output"; return 1; }
		[ "$(size_of t)" = 4096 ] || { echo "${how:0:20}: size $(size_of t)"; return 1; }
	done
}

@test "a hugetlb segment without huge pages (SHM_NORESERVE): dump as nobody and write as root are errors, not SIGBUS" {
	require_root
	local id
	# SHM_HUGETLB | SHM_NORESERVE | 0644: shmget succeeds, the pages may not.
	id=$(mkseg $((2 << 20)) 14644 2>/dev/null) || skip "no hugetlb segments here"
	[ "$(awk '/^HugePages_Free/ { print $2 }' /proc/meminfo)" = 0 ] || skip "huge pages are free here: the pages would be had"
	[ "${#SHMTOOL_WRAP[@]}" -eq 0 ] || skip "valgrind's shmat refuses hugetlb segments"
	run -1 shm_nobody dump "$id" -n 32
	[ "$output" = "shmtool: dump: id $id: its pages could not be had (no huge pages left?)" ]
	run -1 shm_nobody dump "$id" --sha256
	[ "$output" = "shmtool: dump: id $id: its pages could not be had (no huge pages left?)" ]
	run -1 shm_nobody dump "$id" -f string
	[ "$output" = "shmtool: dump: id $id: its pages could not be had (no huge pages left?)" ]
	run -1 --separate-stderr shm_nobody dump "$id" -f raw
	[ "$stderr" = "shmtool: dump: id $id: its pages could not be had (no huge pages left?)" ]
	run -1 shm write "$id" --fill 1
	[ "$output" = "shmtool: write: id $id: no memory left for its pages (no huge pages left?); nothing written" ]
	run -1 shm write "$id" hello
	[ "$output" = "shmtool: write: id $id: no memory left for its pages (no huge pages left?); nothing written" ]
}

@test "ulimit -f: dump --output fails naming the limit, the old file intact; write of an object from a file writes nothing; create leaves nothing" {
	local id d=$BATS_TEST_TMPDIR f=$BATS_TEST_TMPDIR/in
	id=$(mkseg 100000 600)
	head -c 100000 /dev/urandom > "$f"
	shm write "$id" --file "$f"
	echo old > "$d/out"
	run -1 in_ns prlimit --fsize=4096 "$SHMTOOL" dump "$id" -f raw -o "$d/out"
	[ "$output" = "shmtool: dump: $d/out: file size limit (ulimit -f) reached (the file is as it was)" ]
	[ "$(cat "$d/out")" = old ]
	run -1 in_ns prlimit --fsize=4096 "$SHMTOOL" dump "$id" -o "$d/new"
	[ "$output" = "shmtool: dump: $d/new: file size limit (ulimit -f) reached (no file made)" ]
	[ ! -e "$d/new" ]
	no_temp "$d"
	# Standard output, a file opened by the shell: the limit, named.
	run -1 in_ns sh -c "prlimit --fsize=4096 '$SHMTOOL' dump $id -f raw > '$d/sh'"
	[ "$output" = "shmtool: dump: write error on standard output: file size limit (ulimit -f) reached" ]
	run -0 shm create 1M /o
	run -1 in_ns prlimit --fsize=4096 "$SHMTOOL" write /o --file "$f"
	[ "$output" = "shmtool: write: $f: cannot stage it in memory: file size limit (ulimit -f) reached; nothing written" ]
	[ "$(sha256_of /o)" = "$(zeros 1048576)" ]
	# Stores through the mapping are no file writes: the limit does not apply.
	run -0 in_ns prlimit --fsize=4096 "$SHMTOOL" write /o --fill 7
	[ "$(sha256_of /o)" = "$(head -c 1048576 /dev/zero | tr '\0' '\7' | sha256sum | cut -d' ' -f1)" ]
	run -1 in_ns prlimit --fsize=4096 "$SHMTOOL" create 1M /big
	[[ "$output" == "shmtool: create: /big: "* ]]
	run -1 in_ns test -e /dev/shm/big
}

@test "SIGTERM while write --file stages its input from a FIFO: shmtool dies of it, the segment keeps its old contents" {
	local id before fifo=$BATS_TEST_TMPDIR/fifo pid st=0
	id=$(mkseg $((4 << 20)) 600)
	head -c $((4 << 20)) /dev/urandom | shm write "$id"
	before=$(sha256_of "$id")
	mkfifo "$fifo"
	bg_ns "${SHMTOOL_WRAP[@]}" "$SHMTOOL" write "$id" --file "$fifo"
	pid=$BG_PID
	# Read-write, so the open does not wait and the input never ends;
	# half of it goes in (a hang there is a failure), then the signal.
	exec 4<> "$fifo"
	timeout 60 sh -c "head -c $((2 << 20)) /dev/zero >&4"
	kill -TERM "$pid"
	# Not through run: its subshell is not the parent.
	wait "$pid" || st=$?
	exec 4>&-
	[ "$st" -eq 143 ]
	[ "$(sha256_of "$id")" = "$before" ]
}

@test "SIGTERM and SIGHUP during the copy of write are held back: the segment holds all of the new bytes, then shmtool dies of the signal" {
	require_test_hooks
	local id f=$BATS_TEST_TMPDIR/in sig status
	id=$(mkseg $((8 << 20)) 600)
	for sig in TERM HUP; do
		head -c $((8 << 20)) /dev/urandom > "$f"
		case $sig in TERM) status=143 ;; HUP) status=129 ;; esac
		SHMTOOL_TEST_COPY_HOOK="kill -$sig \$PPID" run "-$status" shm write "$id" --file "$f"
		[ "$(sha256_of "$id")" = "$(sha256sum < "$f" | cut -d' ' -f1)" ] ||
			{ echo "SIG$sig: mixed or old contents"; return 1; }
	done
	# DATA and --fill, the same.
	SHMTOOL_TEST_COPY_HOOK="kill -TERM \$PPID" run -143 shm write "$id" --fill 0x41
	[ "$(shm dump "$id" -f raw -s $(((8 << 20) - 4)))" = AAAA ]
}

@test "SIGTERM during dump --output: the old file intact, no temporary file left" {
	require_test_hooks
	local id d=$BATS_TEST_TMPDIR
	id=$(mkseg 100000 600)
	shm write "$id" --fill 0x42
	echo old > "$d/out"
	# Before the first byte, and once all of them are in the temporary file.
	SHMTOOL_TEST_COPY_HOOK="kill -TERM \$PPID" run -143 shm dump "$id" -f raw -o "$d/out"
	[ "$(cat "$d/out")" = old ]
	no_temp "$d"
	SHMTOOL_TEST_ATOMICFILE_HOOK="ls -A '$d' > '$d.seen'; kill -TERM \$PPID" \
	    run -143 shm dump "$id" -f raw -o "$d/out"
	[[ "$(cat "$d.seen")" == *".out."* ]]
	[ "$(cat "$d/out")" = old ]
	no_temp "$d"
	# Without a signal it is replaced.
	run -0 shm dump "$id" -f raw -o "$d/out"
	[ "$(head -c 4 "$d/out")" = BBBB ]
	[ "$(stat -c %s "$d/out")" = 100000 ]
}

@test "dump --output onto a full file system: exit 1, the old file intact, no temporary file left" {
	local id small=$BATS_TEST_TMPDIR/small
	id=$(mkseg 200000 600)
	head -c 200000 /dev/urandom | shm write "$id"
	mkdir "$small"
	in_ns mount -t tmpfs -o size=64k shmtool-small "$small"
	in_ns sh -c "echo old > '$small/out'"
	run -1 shm dump "$id" -f raw -o "$small/out"
	[ "$output" = "shmtool: dump: $small/out: No space left on device (the file is as it was)" ]
	run -1 shm dump "$id" -o "$small/hex"
	[ "$output" = "shmtool: dump: $small/hex: No space left on device (no file made)" ]
	[ "$(in_ns cat "$small/out")" = old ]
	run -0 in_ns ls -A "$small"
	[ "$output" = out ]
}

@test "dump /o -o /dev/shm/o, or to a link to it: refused, the object intact" {
	local sum
	run -0 shm create 64K /o
	shm write /o --fill 0x44
	sum=$(sha256_of /o)
	run -1 shm dump /o -f raw -o /dev/shm/o
	[ "$output" = "shmtool: dump: /dev/shm/o: is the object /o itself: refusing to write it over what it is read from" ]
	in_ns ln -s /dev/shm/o "$BATS_TEST_TMPDIR/sym"
	in_ns ln /dev/shm/o /dev/shm/hard
	run -1 shm dump /o -o "$BATS_TEST_TMPDIR/sym"
	[ "$output" = "shmtool: dump: $BATS_TEST_TMPDIR/sym: is the object /o itself: refusing to write it over what it is read from" ]
	run -1 shm dump /o --sha256 -o /dev/shm/hard
	[[ "$output" == *": is the object /o itself: refusing to write it over what it is read from" ]]
	[ "$(sha256_of /o)" = "$sum" ]
	[ "$(size_of o)" = 65536 ]
	# Another object is another file: allowed.
	run -0 shm dump /o -f raw -o /dev/shm/copy
	[ "$(sha256_of /copy)" = "$sum" ]
}

@test "id reused between selection and write or dump: refused as changed, the new segment untouched" {
	require_test_hooks
	local id
	mkseg_build
	for cmd in "write ID hello" "write ID --fill 1" "dump ID -n 16" "dump ID --attach --sha256"; do
		id=$(mkseg 4096 600)
		shm write "$id" --fill 0x45
		# Between the selection and the attach: removed, and its id given to a new one.
		SHMTOOL_TEST_SELECT_HOOK="'$SHMTOOL' rm $id && echo $id > /proc/sys/kernel/shm_next_id && '$BATS_TEST_TMPDIR/mkseg' 4096 600 >/dev/null" \
		    run -1 --separate-stderr shm ${cmd/ID/$id}
		[ "$stderr" = "shmtool: ${cmd%% *}: id $id: changed since it was selected (id reused, or the segment changed)" ] ||
			{ echo "$cmd: $stderr"; return 1; }
		[ -z "$output" ]
		[ "$(sha256_of "$id")" = "$(zeros 4096)" ] || { echo "$cmd: the new segment was written"; return 1; }
		shm rm "$id"
	done
}

@test "an object replaced under its name between selection and open: write and dump refused as changed, the new object untouched" {
	require_test_hooks
	local cmd
	for cmd in "write /o hello" "write /o --fill 1" "dump /o -n 16" "dump /o --sha256"; do
		in_ns sh -c 'rm -f /dev/shm/o && head -c 4096 /dev/urandom > /dev/shm/o'
		# Between the selection and the open: another file takes the name.
		SHMTOOL_TEST_MAP_HOOK="rm /dev/shm/o && head -c 4096 /dev/zero > /dev/shm/o" \
		    run -1 --separate-stderr shm $cmd
		[ "$stderr" = "shmtool: ${cmd%% *}: /o: changed since it was selected (another file under its name)" ] ||
			{ echo "$cmd: $stderr"; return 1; }
		[ -z "$output" ]
		[ "$(sha256_of /o)" = "$(zeros 4096)" ] || { echo "$cmd: the new object was written"; return 1; }
	done
}

@test "attach --remap --address over shmtool's own program, heap or stack: refused naming it, exit 1, no SIGSEGV" {
	require_test_hooks
	command -v setarch >/dev/null || skip "setarch (util-linux) is not installed"
	local id maps=$BATS_TEST_TMPDIR/maps region addr
	run -0 shm create 64K
	id=$output
	# Without address randomization shmtool is laid out alike at each run
	# of the same command line length and environment: a first run, at a
	# free address (also where ASan keeps its shadow), records where its
	# memory is.
	export SHMTOOL_TEST_SELECT_HOOK="cat /proc/\$PPID/maps > $maps"
	run -0 in_ns setarch -R "${SHMTOOL_WRAP[@]}" "$SHMTOOL" attach --remap --address 0x000040000000 "$id"
	for region in text heap stack; do
		case $region in
		text) addr=$(awk -v p="${SHMTOOL##*/}" '$6 ~ "/" p "$" { split($1, a, "-"); print a[1]; exit }' "$maps") ;;
		*) addr=$(awk -v r="[$region]" '$6 == r { split($1, a, "-"); print a[1] }' "$maps") ;;
		esac
		# A sanitizer's allocator, or valgrind's, leaves no brk heap.
		if [ -z "$addr" ] && [ "$region" = heap ]; then
			runtime_needs_proc && continue
		fi
		[ -n "$addr" ] || { echo "no $region in $(cat "$maps")"; return 1; }
		run -1 in_ns setarch -R "${SHMTOOL_WRAP[@]}" "$SHMTOOL" attach --remap --address "$(printf '0x%012x' "0x$addr")" "$id"
		[[ "$output" == "shmtool: attach: id $id: address $(printf '0x%x' "0x$addr"): shmtool's own memory is there (0x"*"): attach elsewhere" ]] ||
			{ echo "$region: $output"; return 1; }
	done
	[ "$(proc_field "$id" nattch)" = 0 ]
}
