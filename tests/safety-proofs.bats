#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Prove, or don't act (#14): what rm removes, and what stat, who and
# metrics call orphaned or unattached, where /proc cannot show every
# process - hidepid (as nobody and as root), a /proc that is no procfs, a
# child PID namespace sharing /dev/shm and the IPC namespace with
# holders outside it, a user namespace, a thread with an fd table of its
# own - and against real programs: a C holder with several attaches and
# a forked child, and PostgreSQL 15.  Each case: nothing in use is
# removed, the skip or refusal names its reason, and no run dies of a
# signal (run -N asserts the exact status; BATS_TEST_TIMEOUT turns a
# hang into a failure).  Also two rm --all at once, and orphans whose
# creator's pid was reused.

load test_helper

BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=
PG_PID=

setup() { ns_setup; }
teardown() {
	local i
	# A fast shutdown of the server the test started, by its pid.
	if [ -n "$PG_PID" ]; then
		kill -INT "$PG_PID" 2>/dev/null || true
		for i in $(seq 100); do
			kill -0 "$PG_PID" 2>/dev/null || break
			sleep 0.1
		done
	fi
	ns_teardown
	if [ -n "$PG_DIR" ]; then
		rm -rf "$PG_DIR"
	fi
	PG_DIR=
	PG_PID=
}

# as_pg CMD ARGS...: CMD as the postgres user in the test's namespaces.
as_pg() {
	in_ns setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
}

# pg_sql SQL: one psql run over the server's unix socket.
pg_sql() {
	as_pg "$PG_BIN/psql" -X -h "$PG_DIR" -U postgres -Atc "$1"
}

# start_pg: a PostgreSQL 15 cluster of the test's own, started as the
# postgres user inside the test's namespaces, on a unix socket in a
# directory of /tmp only postgres may enter (no TCP), with its main
# shared memory a System V segment and its dynamic shared memory POSIX
# objects; PG_PID is the postmaster.
start_pg() {
	local i
	require_root
	[ -x "$PG_BIN/postgres" ] ||
		skip "PostgreSQL 15 is not installed (Debian package postgresql-15)"
	getent passwd postgres >/dev/null || skip "no postgres user"
	PG_DIR=$(mktemp -d /tmp/shmtool-pg.XXXXXX)
	chown postgres: "$PG_DIR"
	chmod 0700 "$PG_DIR"
	as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -N \
		> "$PG_DIR/initdb.log" 2>&1 ||
		{ cat "$PG_DIR/initdb.log"; return 1; }
	bg_ns sh -c "exec setpriv --reuid=postgres --regid=postgres --init-groups -- \
		$PG_BIN/postgres -D $PG_DIR/data -k $PG_DIR -c listen_addresses= \
		-c dynamic_shared_memory_type=posix -c shared_memory_type=sysv \
		-c shared_buffers=16MB -c max_connections=10 > $PG_DIR/log 2>&1"
	PG_PID=$BG_PID
	for i in $(seq 300); do
		as_pg "$PG_BIN/pg_isready" -q -h "$PG_DIR" && return 0
		kill -0 "$PG_PID" || break
		sleep 0.1
	done
	cat "$PG_DIR/log"
	return 1
}

# A procfs of the test's own over /proc that hides from each user the
# processes of the others (root still sees those it may ptrace), or an
# empty tmpfs there (a chroot, a minimal container); unproc takes either
# away again, for the checks.  Only in the test's mount namespace.
hidepid() { in_ns mount -t proc -o hidepid=invisible proc /proc; }
no_procfs() { in_ns mount -t tmpfs -o size=1m none /proc; }
unproc() { in_ns umount /proc; }

# shmtool in a child PID namespace of the test's namespaces, with its own
# /proc: it shares the IPC namespace and /dev/shm with the processes
# outside it, which it cannot see.
shm_pidns() {
	in_ns unshare --pid --fork --mount-proc "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "$@"
}

# shmtool in a user namespace of its own (root mapped to root): the
# processes outside it, the test's included, cannot be read.
shm_userns() {
	in_ns unshare --user --map-root-user "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "$@"
}

# maps_it PID NAME: process PID maps /dev/shm/NAME.
maps_it() {
	in_ns grep -q " /dev/shm/$2\$" "/proc/$1/maps"
}

# thread_holder NAME: a program whose second thread unshares its fd
# table (unshare(CLONE_FILES)) and then opens the object: the fd is in
# /proc/PID/task/TID/fd only, the process's own table does not have it.
# Its pid in THREAD_PID.
thread_holder() {
	local out=$BATS_TEST_TMPDIR/tholder.out
	[ -x "$BATS_TEST_TMPDIR/tholder" ] || build_c tholder -pthread <<'C'
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
static const char *name;
static void *thread(void *arg) {
	int fd;
	(void)arg;
	if (unshare(CLONE_FILES) != 0) { perror("unshare"); exit(1); }
	if ((fd = shm_open(name, O_RDWR, 0)) < 0) { perror("shm_open"); exit(1); }
	printf("%d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
	return NULL;
}
int main(int argc, char **argv) {
	pthread_t t;
	name = argv[1];
	(void)argc;
	if (pthread_create(&t, NULL, thread, NULL) != 0) return 1;
	for (;;)
		pause();
}
C
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/tholder\" $1 > $out"
	wait_for test -s "$out"
	THREAD_PID=$(cat "$out")
}

# multi_holder sysv ID | posix NAME: a program that attaches the segment
# (maps the object) twice, then forks; both hold it until teardown (the
# child dies with its parent).  Their pids in PARENT and CHILD.
multi_holder() {
	local out=$BATS_TEST_TMPDIR/multi.$RANDOM
	[ -x "$BATS_TEST_TMPDIR/multi" ] || build_c multi <<'C'
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>
int main(int argc, char **argv) {
	pid_t child;
	int i, fd;
	if (argc != 3) return 2;
	for (i = 0; i < 2; i++) {
		if (strcmp(argv[1], "sysv") == 0) {
			if (shmat(atoi(argv[2]), NULL, 0) == (void *)-1) { perror("shmat"); return 1; }
		} else {
			if ((fd = shm_open(argv[2], O_RDWR, 0)) < 0) { perror("shm_open"); return 1; }
			if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED) { perror("mmap"); return 1; }
			close(fd);
		}
	}
	if ((child = fork()) == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	printf("%d %d\n", (int)getpid(), (int)child);
	fflush(stdout);
	for (;;)
		pause();
}
C
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/multi\" $1 $2 > $out"
	wait_for test -s "$out"
	read -r PARENT CHILD < "$out"
}

@test "hidepid=2, as nobody: a hidden live creator is no proven orphan, one that exited is (kill says so); rm --orphaned removes only that" {
	require_root
	local alive gone
	live_creator 4096
	alive=$ID
	gone=$(mkseg 4096 0600)
	# Nobody's, so that nobody may remove both.
	run -0 shm set --owner nobody "$alive" "$gone"
	hidepid
	run -0 --separate-stderr shm_nobody stat --raw --noheadings -o id,orphan
	[ "$output" = "$alive -"$'\n'"$gone yes" ]
	[ -z "$stderr" ]
	run -0 --separate-stderr shm_nobody stat --raw --noheadings -o id --orphaned
	[ "$output" = "$gone" ]
	[ "$stderr" = "shmtool: stat: 1 row not listed, as unproven here: cannot prove it orphaned: creator pid $CREATOR runs, and whether it is the creator cannot be told: /proc hides processes (hidepid=invisible)" ]
	run -0 --separate-stderr shm_nobody rm -v --orphaned
	[ "${lines[0]}" = "skipped (cannot prove it orphaned: creator pid $CREATOR runs, and whether it is the creator cannot be told: /proc hides processes (hidepid=invisible)) id $alive: key 0x00000000, size 4096, owner nobody" ]
	[ "${lines[1]}" = "removed id $gone: key 0x00000000, size 4096, owner nobody" ]
	[ "${#lines[@]}" -eq 2 ]
	[ -z "$stderr" ]
	unproc
	proc_field "$alive" key
	run -1 proc_field "$gone" key
	kill -0 "$CREATOR"
}

@test "hidepid=2, as nobody: nobody's object held by a root process it cannot see is never proven unused: skipped, refused by name" {
	require_root
	run -0 shm_nobody create 4K /mine
	run -0 shm_nobody create 4K /free
	hold_obj /mine hold
	hidepid
	run -0 --separate-stderr shm_nobody rm -v --posix --all
	[ -z "$stderr" ]
	[ "${lines[0]}" = "skipped (cannot prove it unused: /proc hides processes (hidepid=invisible)) /free: size 4096, owner nobody" ]
	[ "${lines[1]}" = "skipped (cannot prove it unused: /proc hides processes (hidepid=invisible)) /mine: size 4096, owner nobody" ]
	[ "${#lines[@]}" -eq 2 ]
	run -0 --separate-stderr shm_nobody rm --posix --unattached
	[ "$stderr" = "shmtool: rm: 2 not removed, as unproven here (-v lists them): cannot prove it unused: /proc hides processes (hidepid=invisible)" ]
	run -1 shm_nobody rm /mine
	[ "$output" = "shmtool: rm: /mine: cannot prove it unused: /proc hides processes (hidepid=invisible); --force removes it" ]
	unproc
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "free mine " ]
	maps_it "$OBJ_PID" mine
}

@test "hidepid=2, as root: the holder scan is not complete (hidepid), so rm --posix skips and rm /NAME refuses; a creator root sees is alive" {
	require_root
	live_creator 4096
	run -0 shm create 4K /free
	hold_obj /held hold
	hidepid
	run -0 --separate-stderr shm rm -v --posix --unattached
	[ -z "$stderr" ]
	[ "$output" = "skipped (cannot prove it unused: /proc hides processes (hidepid=invisible)) /free: size 4096, owner root" ]
	run -0 --separate-stderr shm rm --json --posix --all
	[ "$output" = '{"removed":[],"would_remove":[],"skipped":[{"type":"posix","id":null,"key":null,"name":"/free","size":4096,"owner":"root","target":null,"reason":"cannot prove it unused: /proc hides processes (hidepid=invisible)","holders":[]},{"type":"posix","id":null,"key":null,"name":"/held","size":4096,"owner":"root","target":null,"reason":"mapped or open in 1 process; --force removes it","holders":[]}],"failed":[],"dry_run":false}' ]
	run -1 shm rm /free
	[ "$output" = "shmtool: rm: /free: cannot prove it unused: /proc hides processes (hidepid=invisible); --force removes it" ]
	run -1 shm rm /held
	[ "$output" = "shmtool: rm: /held: mapped or open: pid $OBJ_PID ($BATS_TEST_TMPDIR/obj /held hold); --force removes it" ]
	# stat and who say what they could not prove, and list nothing unproven.
	run -0 --separate-stderr shm stat --posix --unattached --raw --noheadings -o name
	[ -z "$output" ]
	[ "$stderr" = "shmtool: stat: 1 row not listed, as unproven here: cannot prove it unused: /proc hides processes (hidepid=invisible)" ]
	run -0 --separate-stderr shm who --posix --raw --noheadings -o name,pid,via
	[ "$output" = "/held $OBJ_PID map"$'\n'"/held $OBJ_PID fd" ]
	[ "$stderr" = "shmtool: who: POSIX objects: holders may be missing: /proc hides processes (hidepid=invisible)" ]
	run -0 --separate-stderr shm stat --raw --noheadings -o id,orphan "$ID"
	[ "$output" = "$ID no" ]
	run -0 shm rm --orphaned
	[ -z "$output" ]
	unproc
	proc_field "$ID" key
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "free held " ]
	maps_it "$OBJ_PID" held
}

@test "/proc not a procfs: a live creator is unproven, an exited one proven gone; no object is proven unused, a held one least of all" {
	local alive gone owner
	# ASan reads its options from /proc/self/environ: without a procfs
	# its leak checker runs whatever ASAN_OPTIONS says, and fails at exit.
	[ -z "${SHMTOOL_SANITIZERS:-}" ] ||
		skip "the sanitizers' runtime needs a procfs (/proc/self/environ)"
	live_creator 4096
	alive=$ID
	gone=$(mkseg 4096 0600)
	run -0 shm create 4K /free
	hold_obj /held hold
	no_procfs
	# The segments come from shmctl(SHM_STAT_ANY) without /proc.
	run -0 --separate-stderr shm stat --raw --noheadings -o id,orphan
	[ "$output" = "$alive -"$'\n'"$gone yes" ]
	run -0 --separate-stderr shm rm -v --orphaned
	# The owner as the namespace sees it: root, for a normal user too.
	owner=$(in_ns id -un)
	[ "${lines[0]}" = "skipped (cannot prove it orphaned: creator pid $CREATOR runs, and whether it is the creator cannot be told: /proc is not a procfs) id $alive: key 0x00000000, size 4096, owner $owner" ]
	[ "${lines[1]}" = "removed id $gone: key 0x00000000, size 4096, owner $owner" ]
	[ -z "$stderr" ]
	run -0 --separate-stderr shm rm -v --posix --unattached
	[ -z "$stderr" ]
	[[ "${lines[0]}" == "skipped (cannot prove it unused: /proc is not a procfs) /free: size 4096, owner "* ]]
	[[ "${lines[1]}" == "skipped (cannot prove it unused: /proc is not a procfs) /held: size 4096, owner "* ]]
	run -1 shm rm /held
	[ "$output" = "shmtool: rm: /held: cannot prove it unused: /proc is not a procfs; --force removes it" ]
	unproc
	proc_field "$alive" key
	run -1 proc_field "$gone" key
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "free held " ]
	maps_it "$OBJ_PID" held
}

@test "a child PID namespace sharing the IPC namespace and /dev/shm, holders outside it: rm refuses, skips, says why" {
	require_root
	local alive
	live_creator 4096
	alive=$ID
	start_holder new
	run -0 shm create 4K /free
	hold_obj /held hold
	run -1 shm_pidns rm "$ID"
	[ "$output" = "shmtool: rm: id $ID: attached (nattch 1): 1 attach not visible (another PID namespace or an unreadable process); --force marks it for removal" ]
	run -0 --separate-stderr shm_pidns rm -v --orphaned
	[ -z "$stderr" ]
	[ "$output" = "skipped (cannot prove it orphaned: the creator is not in this PID namespace (pid 0)) id $alive: key 0x00000000, size 4096, owner root" ]
	run -0 --separate-stderr shm_pidns rm -v --posix --unattached
	[ "${lines[0]}" = "skipped (cannot prove it unused: this is not the initial PID namespace, and processes outside it may hold it unseen (run it from the host, with --ns PID)) /free: size 4096, owner root" ]
	[ "${lines[1]}" = "skipped (cannot prove it unused: this is not the initial PID namespace, and processes outside it may hold it unseen (run it from the host, with --ns PID)) /held: size 4096, owner root" ]
	run -1 shm_pidns rm /held
	[[ "$output" == "shmtool: rm: /held: cannot prove it unused: this is not the initial PID namespace"*"; --force removes it" ]]
	run -0 --separate-stderr shm_pidns stat --raw --noheadings -o id,orphan "$alive"
	[ "$output" = "$alive -" ]
	[ "$(nsegs)" -eq 2 ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "free held " ]
	maps_it "$OBJ_PID" held
}

@test "a user namespace: the processes outside cannot be read, so no object is proven unused; a live creator is still seen alive" {
	live_creator 4096
	run -0 shm create 4K /free
	hold_obj /held hold
	run -0 --separate-stderr shm_userns rm -v --posix --all
	[ -z "$stderr" ]
	[[ "${lines[0]}" == "skipped (cannot prove it unused: "*" could not be read: pid $NS_PID (sleep 3600), "*") /free: size 4096, owner "* ]]
	# The holder is among them (its command line cut short).
	[[ "${lines[1]}" == "skipped (cannot prove it unused: 3 processes could not be read: pid $NS_PID (sleep 3600), pid $CREATOR (perl "*"), pid $OBJ_PID ("*"...); run as root of the initial user namespace) /held: size 4096, owner "* ]]
	run -1 shm_userns rm /held
	[[ "$output" == "shmtool: rm: /held: cannot prove it unused: "*"; --force removes it" ]]
	run -0 --separate-stderr shm_userns stat --raw --noheadings -o id,orphan
	[ "$output" = "$ID no" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "free held " ]
	maps_it "$OBJ_PID" held
}

@test "a thread with an fd table of its own holds an object: who shows it, rm /NAME refuses naming the pid, rm --posix --all skips it" {
	run -0 shm create 4K /t
	thread_holder /t
	# Not in the process's own table: only the thread's.
	run -0 in_ns ls -l "/proc/$THREAD_PID/fd"
	[[ "$output" != */dev/shm/t* ]]
	run -0 shm who --raw --noheadings -o name,pid,via /t
	[ "$output" = "/t $THREAD_PID fd" ]
	run -1 shm rm /t
	[ "$output" = "shmtool: rm: /t: mapped or open: pid $THREAD_PID ($BATS_TEST_TMPDIR/tholder /t); --force removes it" ]
	run -0 --separate-stderr shm rm -v --posix --all
	[ "$output" = "skipped (mapped or open in 1 process; --force removes it) /t: size 4096, owner root" ]
	[ -z "$stderr" ]
	run -0 shm stat --posix --raw --noheadings -o name,nattch
	[ "$output" = "/t 1" ]
	in_ns test -f /dev/shm/t
}

@test "real program: a C holder with two attaches and a forked child; rm of the segment and of the object refused naming both pids" {
	local seg
	seg=$(mkseg 65536 0600)
	multi_holder sysv "$seg"
	[ "$(proc_field "$seg" nattch)" = 4 ]
	run -1 shm rm "$seg"
	[ "$output" = "shmtool: rm: id $seg: attached (nattch 4): pid $PARENT ($BATS_TEST_TMPDIR/multi sysv $seg), pid $CHILD ($BATS_TEST_TMPDIR/multi sysv $seg); --force marks it for removal" ]
	run -1 --separate-stderr shm rm --json "$seg"
	[ "$output" = "{\"removed\":[],\"would_remove\":[],\"skipped\":[],\"failed\":[{\"type\":\"sysv\",\"id\":$seg,\"key\":\"0x00000000\",\"name\":null,\"size\":65536,\"owner\":\"root\",\"target\":\"id $seg\",\"reason\":\"attached (nattch 4): pid $PARENT ($BATS_TEST_TMPDIR/multi sysv $seg), pid $CHILD ($BATS_TEST_TMPDIR/multi sysv $seg); --force marks it for removal\",\"holders\":[{\"pid\":$PARENT,\"command\":\"$BATS_TEST_TMPDIR/multi sysv $seg\"},{\"pid\":$CHILD,\"command\":\"$BATS_TEST_TMPDIR/multi sysv $seg\"}]}],\"dry_run\":false}" ]
	run -0 shm create 64K /m
	local p1=$PARENT c1=$CHILD
	multi_holder posix /m
	run -1 shm rm /m
	[ "$output" = "shmtool: rm: /m: mapped or open: pid $PARENT ($BATS_TEST_TMPDIR/multi posix /m), pid $CHILD ($BATS_TEST_TMPDIR/multi posix /m); --force removes it" ]
	run -0 --separate-stderr shm rm -v --all-types --all
	[ "${lines[0]}" = "skipped (attached (nattch 4); --force removes it) id $seg: key 0x00000000, size 65536, owner root" ]
	[ "${lines[1]}" = "skipped (mapped or open in 2 processes; --force removes it) /m: size 65536, owner root" ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(proc_field "$seg" nattch)" = 4 ]
	[ "$(proc_field "$seg" perms)" = 600 ]
	in_ns test -f /dev/shm/m
	maps_it "$CHILD" m
	kill -0 "$p1" "$c1"
}

@test "two rm --all --all-types at once over 2,000 segments and 2,000 objects: both exit 0, no failure, each removal reported once, the held ones left" {
	local out=$BATS_TEST_TMPDIR
	[ -x "$BATS_TEST_TMPDIR/mkmany" ] || build_c mkmany <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <sys/shm.h>
int main(int argc, char **argv) {
	int i, n = atoi(argv[1]);
	(void)argc;
	for (i = 0; i < n; i++)
		if (shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600) < 0) { perror("shmget"); return 1; }
	return 0;
}
C
	start_holder new
	hold_obj /held hold
	in_ns "$BATS_TEST_TMPDIR/mkmany" 2000
	in_ns sh -c 'cd /dev/shm && seq -f o%g 2000 | xargs touch'
	# shellcheck disable=SC2016
	run -0 in_ns bash -c '
		"${@:3}" rm --json --all --all-types > "$1/a" 2> "$1/a.err" & a=$!
		"${@:3}" rm --json --all --all-types > "$1/b" 2> "$1/b.err" & b=$!
		wait "$a"; sa=$?
		wait "$b"; sb=$?
		echo "$sa $sb"' sh "$out" x "${SHMTOOL_WRAP[@]}" "$SHMTOOL"
	[ "$output" = "0 0" ]
	[ ! -s "$out/a.err" ]
	[ ! -s "$out/b.err" ]
	# shellcheck disable=SC2016
	run -0 python3 -c '
import json, sys
a, b = (json.load(open(sys.argv[1] + "/" + f)) for f in "ab")
assert a["failed"] == [] and b["failed"] == [], "failed entries"
key = lambda e: (e["type"], e["id"], e["name"])
removed = [key(e) for e in a["removed"] + b["removed"]]
assert len(removed) == len(set(removed)) == 4000, len(removed)
for r in (a, b):
    for e in r["skipped"]:
        assert e["reason"] in ("already gone",
            "attached (nattch 1); --force removes it",
            "mapped or open in 1 process; --force removes it"), e
print(len(a["removed"]), len(b["removed"]))' "$out"
	[ "$(nsegs)" -eq 1 ]
	proc_field "$ID" key
	[ "$(in_ns ls /dev/shm)" = held ]
}

@test "orphans: a creator whose pid was reused is gone; a process that got the pid and attached since is the last user, alive" {
	mkseg_build
	build_c touchseg <<'C'
#include <stdlib.h>
#include <sys/shm.h>
#include <unistd.h>
/* touchseg ID: attaches and detaches the segment, then lives on. */
int main(int argc, char **argv) {
	void *p;
	(void)argc;
	if ((p = shmat(atoi(argv[1]), NULL, SHM_RDONLY)) == (void *)-1) return 1;
	shmdt(p);
	for (;;)
		pause();
}
C
	# A PID namespace of its own, where ns_last_pid hands a pid out again.
	# shellcheck disable=SC2016
	run -0 in_ns unshare --pid --fork --mount-proc bash -c '
		set -e
		T=$1; shift
		cpid() { awk -v id="$1" "\$2 == id { print \$5 }" /proc/sysvipc/shm; }
		reuse() {
			echo $(($1 - 1)) > /proc/sys/kernel/ns_last_pid
			"${@:2}" &
			[ "$!" = "$1" ] || { echo "pid $1 not reused: got $!"; exit 1; }
		}
		a=$("$T/mkseg" 4096 600)
		b=$("$T/mkseg" 4096 600)
		ca=$(cpid "$a")
		cb=$(cpid "$b")
		# Start times count in whole seconds from a rounded boot time,
		# and a second of slack keeps a same-second start alive: a
		# reused pid must start well over two seconds later.
		sleep 3.5
		reuse "$ca" sleep 600
		reuse "$cb" "$T/touchseg" "$b"
		for i in $(seq 500); do
			[ "$(awk -v id="$b" "\$2 == id { print \$6 }" /proc/sysvipc/shm)" = "$cb" ] && break
			sleep 0.01
		done
		"$@" stat --raw --noheadings -o id,orphan,cpid,lpid
		"$@" rm -v --orphaned
		"$@" stat --raw --noheadings -o id' sh "$BATS_TEST_TMPDIR" "${SHMTOOL_WRAP[@]}" "$SHMTOOL"
	[ "${#lines[@]}" -eq 4 ]
	[[ "${lines[0]}" =~ ^([0-9]+)\ yes\ ([0-9]+)\ 0$ ]]
	a=${BASH_REMATCH[1]}
	ca=${BASH_REMATCH[2]}
	[[ "${lines[1]}" =~ ^([0-9]+)\ no\ ([0-9]+)\ ([0-9]+)$ ]]
	b=${BASH_REMATCH[1]}
	[ "${BASH_REMATCH[2]}" = "${BASH_REMATCH[3]}" ]
	[ "${lines[2]}" = "removed id $a: key 0x00000000, size 4096, owner root" ]
	[ "${lines[3]}" = "$b" ]
	[ -n "$ca" ]
}

@test "PostgreSQL 15: rm of its DSM objects and of its main segment refused naming the postmaster and its processes; the filters leave them; it still accepts connections" {
	local o seg named=0
	local -a objs
	start_pg
	# A parallel query: dynamic shared memory in use.
	run -0 pg_sql "set max_parallel_workers_per_gather = 2; set parallel_setup_cost = 0;
		set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0;
		create table t as select generate_series(1, 100000) x; select count(*) from t"
	[ "${lines[-1]}" = 100000 ]
	lines_of objs in_ns ls /dev/shm
	seg=$(shm stat --raw --noheadings -o id)
	[[ "$seg" =~ ^[0-9]+$ ]]
	for o in "${objs[@]}"; do
		[[ "$o" == PostgreSQL.* ]]
		run -1 shm rm "/$o"
		[[ "$output" == "shmtool: rm: /$o: mapped or open: pid "*"(postgres: "*"; --force removes it" ]]
		[[ "$output" != *$'\n'* ]]
		if [[ "$output" == *"pid $PG_PID ($PG_BIN/postgres -D "* ]]; then
			named=$((named + 1))
		fi
	done
	# The control segment is the postmaster's.
	[ "$named" -ge 1 ]
	run -1 shm rm "$seg"
	[[ "$output" == "shmtool: rm: id $seg: attached (nattch "*"): pid $PG_PID ($PG_BIN/postgres -D "*"), pid "*" (postgres: checkpointer"*"; --force marks it for removal" ]]
	run -0 --separate-stderr shm rm -v --posix --unattached
	[ -z "$output" ]
	run -0 --separate-stderr shm rm -v --orphaned
	[ -z "$output" ]
	run -0 --separate-stderr shm rm -v --all --all-types
	[ -n "$output" ]
	# Each line a skip: nothing of the server's removed.
	[ "$(grep -vc '^skipped (' <<< "$output")" -eq 0 ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "${objs[*]} " ]
	[ "$(shm stat --raw --noheadings -o id)" = "$seg" ]
	[ "$(proc_field "$seg" perms)" = 600 ]
	run -0 pg_sql "select 1"
	[ "$output" = 1 ]
	run -0 pg_sql "select count(*) from t"
	[ "$output" = 100000 ]
}
