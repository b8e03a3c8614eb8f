#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Every command, on a representative set of arguments, under valgrind's
# memcheck: no invalid access, no use of uninitialised memory, no definite
# leak.  (`make valgrind` runs the whole suite this way; this file keeps a
# quick version in every `make check`.)

load test_helper

VALGRIND=(valgrind -q --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite --show-leak-kinds=definite
	--suppressions="$SHMTOOL_SRCDIR/tests/valgrind.supp")

setup() {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	[ -z "${SHMTOOL_SANITIZERS:-}" ] ||
		skip "built with sanitizers: valgrind cannot run an ASan binary (the sanitizers check this build)"
	ns_setup
}

vg() {
	in_ns "${VALGRIND[@]}" "$SHMTOOL" "$@"
}

@test "memcheck: limits, stat (table, raw, JSON, detail) and who" {
	id=$(shm create 64K)
	run -0 vg limits
	run -0 vg limits --json
	run -0 vg stat
	run -0 vg stat --raw -o +MODE,CCOMMAND,ORPHAN,AGE
	run -0 vg stat --json --orphaned
	run -0 vg stat "$id"
	run -0 vg stat --json "$id"
	run -1 vg stat 99999
	run -0 vg who
	run -2 vg stat --older-than 1x
}

@test "memcheck: metrics, to stdout and --textfile, with --syslog" {
	shm create 64K >/dev/null
	shm create 4K /obj >/dev/null
	mkdir "$BATS_TEST_TMPDIR/tf"
	run -0 vg metrics
	run -0 vg metrics --owners 0 --syslog --textfile "$BATS_TEST_TMPDIR/tf"
	run -1 vg metrics --syslog --textfile "$BATS_TEST_TMPDIR/none"
	run -2 vg metrics --owners x
}

@test "memcheck: create, attach, set and rm" {
	run -0 vg create --mode 0640 8K
	id=$output
	run -0 vg create --json 4K key:0x4242
	run -0 vg attach "$id"
	run -0 vg attach --read-only "$id"
	run -0 vg set --mode 0600 "$id"
	run -0 vg rm --dry-run --all
	run -0 vg rm -v "$id"
	run -1 vg rm "$id"
	run -0 vg rm --json --unattached
}

@test "memcheck: write and dump in every format" {
	id=$(shm create 8K)
	run -0 vg write "$id" "hello"
	run -0 vg write --offset 100 --fill 0x41 --length 50 "$id"
	run -0 bash -c 'head -c 4096 /dev/urandom | "$@"' _ "${NS_ENTER[@]}" -- "${VALGRIND[@]}" "$SHMTOOL" write --offset 1000 "$id" -
	run -0 vg dump "$id"
	run -0 vg dump --format string "$id"
	run -0 vg dump --sha256 "$id"
	run -0 vg dump --format raw --output "$BATS_TEST_TMPDIR/raw" "$id"
	run -1 vg dump --offset 9000 "$id"
	run -1 vg write --offset 8190 "$id" "toolong"
}

@test "memcheck: POSIX objects in every command" {
	run -0 vg create --mode 0640 8K /a
	run -0 vg create --json 4K /b
	in_ns sh -c 'cd /dev/shm && : > sem.x && mkdir dir && ln -s a link'
	run -0 vg write /a "hello"
	run -0 bash -c 'head -c 4096 /dev/urandom | "$@"' _ "${NS_ENTER[@]}" -- "${VALGRIND[@]}" "$SHMTOOL" write --offset 100 /a -
	run -0 vg dump /a
	run -0 vg dump --format string /a
	run -0 vg dump --sha256 /a
	run -1 vg dump /link
	run -0 vg stat --posix
	run -0 vg stat --all-types --json --sort name
	run -0 vg stat --posix --unattached --older-than 0 --raw
	run -0 vg stat /a /b
	run -1 vg stat /a /nope
	run -0 vg who --posix
	run -0 vg who --all-types --json
	run -0 vg who --json /a /b
	run -0 vg set --mode 0600 /a
	run -0 vg attach --read-only /a
	run -0 vg limits --json
	run -0 vg rm --dry-run --posix --all
	run -0 vg rm -v /a
	run -1 vg rm /a /link
	run -0 vg rm --json --posix --unattached
}

# PID is in another IPC namespace than the test's (for wait_for).
in_other_ns() {
	[ "$(in_ns readlink "/proc/$1/ns/ipc")" != "$(in_ns readlink /proc/self/ns/ipc)" ]
}

@test "memcheck: --ns, and --all-namespaces of stat and who" {
	id=$(shm create 4K)
	bg_ns "$SHMTOOL" attach --hold "$id"
	bg_ns unshare --ipc -- sleep 600
	wait_for in_other_ns "$BG_PID"
	run -0 vg --ns "$BG_PID" stat -o +NS,NSPID,NSCOMMAND
	run -0 vg --ns "/proc/$BG_PID/ns/ipc" who -o +NS,NSPID,NSCOMMAND
	run -1 vg --ns 2147483647 stat
	run -1 vg --ns "/proc/$BG_PID/ns/mnt" stat
	# In a PID namespace of its own, with a second IPC namespace: only
	# the test's namespaces are there to be found.
	# shellcheck disable=SC2016
	run -0 in_ns unshare --pid --fork --mount-proc -- sh -c '
		unshare --ipc -- sleep 600 &
		i=0
		while [ "$(readlink /proc/$!/ns/ipc)" = "$(readlink /proc/self/ns/ipc)" ]; do
			i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01
		done
		"$@" stat --all-namespaces &&
		"$@" stat --all-namespaces --json --sort nscommand &&
		"$@" who --all-namespaces --json &&
		"$@" metrics --all-namespaces --namespaces 1 --owners 0' sh "${VALGRIND[@]}" "$SHMTOOL"
	[[ "$output" == *'"ns":'* ]]
}

@test "memcheck: watch, every event of both kinds, text and JSON, ended by SIGTERM, --timeout and --count" {
	id=$(shm create 64K)
	shm create 4K /obj >/dev/null
	run -0 vg watch --existing --all-types --timeout 0
	run -0 vg stat -o +CUNIT,CCGROUP "$id"
	run -0 vg who -o +UNIT,CGROUP
	# Changes while a watcher runs, each made once it has seen the one
	# before (valgrind is slow to start and to look); its end (SIGTERM)
	# reports any error or leak through the exit status.
	local out=$BATS_TEST_TMPDIR/watch.out wpid hpid id2
	bg_ns "${VALGRIND[@]}" "$SHMTOOL" watch --existing --all-types --json \
		--interval 50ms >"$out" 2>&1
	wpid=$BG_PID
	wait_for grep -q '"event":"exist","type":"posix"' "$out"
	id2=$(shm create 8K)
	wait_for grep -q "\"event\":\"create\",.*\"id\":$id2," "$out"
	bg_ns "$SHMTOOL" attach --hold "$id2"
	hpid=$BG_PID
	wait_for grep -q '"event":"attach"' "$out"
	shm set --mode 0640 "$id2"
	wait_for grep -q '"event":"change"' "$out"
	shm set --lock "$id2"
	wait_for grep -q '"event":"lock"' "$out"
	shm set --unlock "$id2"
	wait_for grep -q '"event":"unlock"' "$out"
	shm rm --force "$id2"
	wait_for grep -q '"event":"mark"' "$out"
	kill -TERM "$hpid"
	wait_for grep -q '"event":"remove"' "$out"
	shm create 4K /obj2 >/dev/null
	wait_for grep -q '"event":"create","type":"posix",.*"name":"/obj2"' "$out"
	shm set --mode 0640 /obj2
	wait_for grep -q '"event":"chmod"' "$out"
	shm rm /obj2
	wait_for grep -q '"event":"delete"' "$out"
	kill -TERM "$wpid"
	local st=0
	wait "$wpid" || st=$?
	[ "$st" -eq 0 ]
	run -1 vg watch --count 5 --timeout 100ms
	run -2 vg watch --interval 1ms
}

@test "memcheck: __complete, every query and every kind of answer" {
	shm create 4096 >/dev/null
	shm create 4096 /vg-obj >/dev/null
	run -0 vg __complete commands
	run -0 vg __complete options
	run -0 vg __complete options stat
	run -0 vg __complete columns who
	run -0 vg __complete targets
	run -0 vg __complete line shmtool ""
	run -0 vg __complete line shmtool --ns 1 stat --posix --
	run -0 vg __complete line shmtool stat --output=+SIZE,KEY,
	run -0 vg __complete line shmtool dump -f ""
	run -0 vg __complete line shmtool rm 0 ""
	run -0 vg __complete line shmtool set --owner=root:
	run -2 vg __complete line shmtool
}
