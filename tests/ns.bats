#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# IPC namespaces: the global --ns, and --all-namespaces of stat and who.
# The second namespace is made inside the test's own (so also in its
# user namespace as a normal user).  --all-namespaces runs in a private
# PID namespace with its own /proc, where the only processes are the
# test's: it can never see a namespace or a segment of the machine.

load test_helper

# second_ns SIZE...: a process in a new IPC namespace, made inside the
# test's, with one segment of each SIZE; sets NS2_PID and NS2 (its inode).
second_ns() {
	local ready=$BATS_TEST_TMPDIR/ns2-ready
	mkseg_build
	# shellcheck disable=SC2016
	bg_ns unshare --ipc -- sh -c 'mk=$1 ready=$2; shift 2
		for s in "$@"; do "$mk" "$s" 0600 >/dev/null || exit 1; done
		: > "$ready"; exec sleep 600' sh "$BATS_TEST_TMPDIR/mkseg" "$ready" "$@"
	wait_for test -e "$ready"
	NS2_PID=$BG_PID
	# Its command is shown: wait for the exec.
	wait_for is_running "$NS2_PID" sleep
	NS2=$(ns_of "$NS2_PID")
	[ "$NS2" != "$(ns_of "$NS_PID")" ]
}

# The inode of a process's IPC namespace, seen from the test's.
ns_of() { in_ns stat -L -c %i "/proc/$1/ns/ipc"; }

# is_running PID COMM: the process has become COMM (for wait_for).
is_running() { [ "$(in_ns cat "/proc/$1/comm")" = "$2" ]; }

# in_pidns SCRIPT ARGS...: sh -c SCRIPT in a new PID namespace with its
# own /proc, inside the test's namespaces; everything it starts ends
# with it, and so does the first command that fails (set -e).  The
# script gets T (the test's directory), SHMTOOL, MKSEG and start_ns2
# SIZE... (a process in a new IPC namespace with those segments: its pid
# in P2, the inodes of the two namespaces in N1 and N2).
in_pidns() {
	local script=$1
	shift
	mkseg_build
	# shellcheck disable=SC2016
	in_ns unshare --pid --fork --mount-proc -- sh -c '
		set -e
		T=$1 SHMTOOL=$2 MKSEG=$3; shift 3
		shm() { $SHMTOOL_WRAPPER "$SHMTOOL" "$@"; }
		start_ns2() {
			rm -f "$T/ns2-ready"
			unshare --ipc -- sh -c '\''mk=$1 ready=$2; shift 2
				for s in "$@"; do "$mk" "$s" 0600 >/dev/null || exit 1; done
				: > "$ready"; exec sleep 600'\'' sh "$MKSEG" "$T/ns2-ready" "$@" &
			P2=$!
			i=0
			while [ ! -e "$T/ns2-ready" ] ||
			    [ "$(cat /proc/$P2/comm)" != sleep ]; do
				i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01
			done
			N1=$(stat -L -c %i /proc/1/ns/ipc)
			N2=$(stat -L -c %i /proc/$P2/ns/ipc)
		}
		'"$script" sh "$BATS_TEST_TMPDIR" "$SHMTOOL" "$BATS_TEST_TMPDIR/mkseg" "$@"
}

@test "--ns PID: stat sees only that namespace's segments, and NS is its inode" {
	mkseg 4096 0600 >/dev/null
	mkseg 8192 0600 >/dev/null
	second_ns 100 200 300
	run -0 shm --ns "$NS2_PID" stat --raw --noheadings -o id,size
	[ "$output" = "$(printf '0 100\n1 200\n2 300')" ]
	run -0 shm stat -b --raw --noheadings -o id,size
	[ "$output" = "$(printf '0 4096\n1 8192')" ]
	run -0 shm --ns "$NS2_PID" stat --raw --noheadings -o ns,nspid,nscommand 1
	[ "$output" = "$NS2 $NS2_PID sleep\\x20600" ]
	run -0 shm stat --raw --noheadings -o ns 0
	[ "$output" = "$(ns_of "$NS_PID")" ]
	run -0 shm --ns="$NS2_PID" stat --json -o id,ns 2
	[ "$output" = "$(printf '{"segments":[\n{"id":2,"ns":%s}\n],"skipped":null}' "$NS2")" ]
}

@test "--ns: limits are that namespace's" {
	mkseg 4096 0600 >/dev/null
	second_ns 100 200 300
	run -0 shm --ns "$NS2_PID" limits --json
	[[ "$output" == *'"usage":{"segments":3,'* ]]
	run -0 shm limits --json
	[[ "$output" == *'"usage":{"segments":1,'* ]]
}

@test "--ns PATH: /proc/PID/ns/ipc and a bind mount of it work like the PID" {
	second_ns 100
	run -0 shm --ns "/proc/$NS2_PID/ns/ipc" stat --raw --noheadings -o id,size
	[ "$output" = "0 100" ]
	# The bind mount lives in the test's mount namespace only.
	: > "$BATS_TEST_TMPDIR/ipcns"
	in_ns mount --bind "/proc/$NS2_PID/ns/ipc" "$BATS_TEST_TMPDIR/ipcns"
	run -0 shm --ns "$BATS_TEST_TMPDIR/ipcns" stat --raw --noheadings -o id,size,ns
	[ "$output" = "0 100 $NS2" ]
	# Even when the namespace has no process left.
	kill "$NS2_PID"
	wait "$NS2_PID" 2>/dev/null || true
	run -0 shm --ns "$BATS_TEST_TMPDIR/ipcns" stat --raw --noheadings -o id,size,nspid
	[ "$output" = "0 100 -" ]
}

@test "--ns: create, set and rm act in that namespace, not in ours" {
	mkseg 4096 0600 >/dev/null
	second_ns 100
	run -0 shm --ns "$NS2_PID" create 8K
	id=$output
	[ "$id" = 1 ]
	run -0 shm --ns "$NS2_PID" set --mode 0640 "$id"
	run -0 shm --ns "$NS2_PID" stat -b --raw --noheadings -o id,size,perms
	[ "$output" = "$(printf '0 100 0600\n1 8192 0640')" ]
	run -0 shm stat -b --raw --noheadings -o id,size,perms
	[ "$output" = "0 4096 0600" ]
	run -0 shm --ns "$NS2_PID" rm 0
	run -0 shm --ns "$NS2_PID" stat --raw --noheadings -o id
	[ "$output" = "1" ]
	run -0 shm stat -b --raw --noheadings -o id,size
	[ "$output" = "0 4096" ]
}

@test "--ns: who, attach and dump follow the joined namespace" {
	mkseg 4096 0600 >/dev/null
	second_ns 100
	run -0 shm --ns "$NS2_PID" write 0 hello
	bg_ns "$SHMTOOL" --ns "$NS2_PID" attach --hold 0
	holder=$BG_PID
	wait_for nattch_is 0 1 --ns "$NS2_PID"
	run -0 --separate-stderr shm --ns "$NS2_PID" who --raw --noheadings -o id,pid,ns
	[ "$output" = "0 $holder $NS2" ]
	[ "$stderr" = "" ]
	# Our segment 0 is not the one attached: nothing to show here.
	run -0 shm who --raw --noheadings
	[ "$output" = "" ]
	run -0 shm stat --raw --noheadings -o id,nattch
	[ "$output" = "0 0" ]
	run -0 shm --ns "$NS2_PID" dump --format string 0
	[ "$output" = "hello" ]
}

@test "--ns: a malformed PID or a missing argument is a usage error, exit 2, one line" {
	run -2 shm --ns 12x stat
	[ "$output" = "shmtool: invalid --ns '12x': trailing characters after the PID (try 'shmtool --help')" ]
	run -2 shm --ns abc stat
	[ "$output" = "shmtool: invalid --ns 'abc': not a PID or a path (a path has a '/') (try 'shmtool --help')" ]
	run -2 shm --ns 0 stat
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"'0': PID 0 is no process"* ]]
	run -2 shm --ns '' stat
	[[ "$output" == *"invalid --ns '': empty"* ]]
	run -2 shm --ns 99999999999 stat
	[[ "$output" == *"PID out of range"* ]]
	run -2 shm --ns -5 stat
	[ "${#lines[@]}" -eq 1 ]
	run -2 shm --ns
	[ "$output" = "shmtool: option '--ns' needs an argument (try 'shmtool --help')" ]
	run -2 shm --ns 1 --ns 2 stat
	[ "$output" = "shmtool: --ns given twice (try 'shmtool --help')" ]
	# Checked before the command runs, whatever the command.
	run -2 shm --ns 1x limits
}

@test "--ns: a process that does not exist: exit 1, named, nothing on stdout" {
	run -1 --separate-stderr shm --ns 2147483647 stat
	[ "$output" = "" ]
	[ "$stderr" = "shmtool: stat: process 2147483647: no such process" ]
}

@test "--ns PATH that is not an IPC namespace file: exit 1, clear message" {
	second_ns 100
	run -1 shm --ns "/proc/$NS2_PID/ns/mnt" stat
	[ "$output" = "shmtool: stat: /proc/$NS2_PID/ns/mnt: not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
	echo data > "$BATS_TEST_TMPDIR/plain"
	run -1 shm --ns "$BATS_TEST_TMPDIR/plain" limits
	[ "$output" = "shmtool: limits: $BATS_TEST_TMPDIR/plain: a regular file, not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
	run -1 shm --ns "$BATS_TEST_TMPDIR/none" stat
	[ "$output" = "shmtool: stat: $BATS_TEST_TMPDIR/none: no such file" ]
	run -1 shm --ns "$BATS_TEST_TMPDIR" stat
	[ "$output" = "shmtool: stat: $BATS_TEST_TMPDIR: a directory, not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
}

@test "--ns as nobody: exit 1, the message names the process and CAP_SYS_ADMIN" {
	require_root
	second_ns 100
	# Another user's process: its namespace file cannot even be opened.
	run -1 --separate-stderr shm_nobody --ns "$NS2_PID" stat
	[ "$output" = "" ]
	[ "$stderr" = "shmtool: stat: process $NS2_PID: permission denied (joining its IPC namespace needs CAP_SYS_ADMIN)" ]
	# Its own process: opened, but setns wants the capability.
	bg_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- sleep 600
	wait_for is_running "$BG_PID" sleep
	run -1 --separate-stderr shm_nobody --ns "$BG_PID" create 4K
	[ "$output" = "" ]
	[ "$stderr" = "shmtool: create: process $BG_PID: cannot join its IPC namespace $(ns_of "$NS_PID"): permission denied (needs CAP_SYS_ADMIN)" ]
	# Nothing was made in either namespace.
	run -0 shm stat --raw --noheadings
	[ "$output" = "" ]
}

@test "stat --all-namespaces: exactly the test's two namespaces, each with its segments and example process" {
	mkseg 4096 0600 >/dev/null
	# shellcheck disable=SC2016
	run -0 in_pidns '
		start_ns2 100 200
		echo "$N1 $N2 $P2"
		shm stat --all-namespaces -b --raw --noheadings -o ns,nspid,id,size,nscommand
		shm stat --all-namespaces --raw --noheadings -o ns | sort -u
		shm stat --all-namespaces --json -o ns,nspid,nscommand,id
		shm stat --all-namespaces | head -1'
	read -r n1 n2 p2 <<< "${lines[0]}"
	[ "$n1" = "$(ns_of "$NS_PID")" ]
	[ "$n1" != "$n2" ]
	# Every row, and nothing else: another namespace would show here.
	# The first namespace's example is pid 1, the shell of this script.
	[[ "${lines[1]}" == "$n1 1 0 4096 sh\\x20-c\\x20"* ]]
	[ "${lines[2]}" = "$n2 $p2 0 100 sleep\\x20600" ]
	[ "${lines[3]}" = "$n2 $p2 1 200 sleep\\x20600" ]
	[ "$(printf '%s\n' "${lines[4]}" "${lines[5]}")" = "$(printf '%s\n' "$n1" "$n2" | sort)" ]
	[ "${lines[6]}" = '{"segments":[' ]
	[[ "${lines[7]}" == "{\"ns\":$n1,\"nspid\":1,\"nscommand\":\"sh -c "*"\",\"id\":0}," ]]
	[ "${lines[8]}" = "{\"ns\":$n2,\"nspid\":$p2,\"nscommand\":\"sleep 600\",\"id\":0}," ]
	[ "${lines[9]}" = "{\"ns\":$n2,\"nspid\":$p2,\"nscommand\":\"sleep 600\",\"id\":1}" ]
	[ "${lines[10]}" = '],"skipped":null}' ]
	[[ "${lines[11]}" =~ ^\ +NS\ NSPID\ KEY\ +ID\ OWNER\ .*\ CTIME\ +NSCOMMAND$ ]]
	[ "${#lines[@]}" -eq 12 ]
}

@test "stat --all-namespaces: JSON by default has ns, nspid and nscommand; totals cover every namespace" {
	mkseg 4096 0600 >/dev/null
	# shellcheck disable=SC2016
	run -0 in_pidns '
		start_ns2 100
		shm stat --all-namespaces --json
		shm stat --all-namespaces --bytes | tail -1'
	[[ "${lines[1]}" =~ ^\{\"ns\":[0-9]+,\"nspid\":1,\"type\":\"sysv\",\"key\":\"0x00000000\",\"id\":0,.*,\"orphan\":null,\"cunit\":(null|\"[^\"]*\"),\"ccgroup_path\":(null|\"[^\"]*\"),\"nscommand\":\"sh\ -c\ .*\"\},$ ]]
	[[ "${lines[2]}" =~ ^\{\"ns\":[0-9]+,\"nspid\":[0-9]+,.*\"size\":100,.*\"nscommand\":\"sleep\ 600\"\}$ ]]
	[ "${lines[4]}" = "2 segments, 4196 total size, 0 total rss" ]
}

@test "stat --all-namespaces: filters and --sort apply across namespaces" {
	mkseg 4096 0600 >/dev/null
	mkseg 50 0600 >/dev/null
	# shellcheck disable=SC2016
	run -0 in_pidns '
		start_ns2 100 200
		echo "$N1 $N2"
		shm stat --all-namespaces -b --raw --noheadings -o ns,id,size --larger-than 150
		echo --
		shm stat --all-namespaces -b --raw --noheadings -o ns,id,size --sort size
		echo --
		shm stat --all-namespaces --raw --noheadings -o ns,id --sort ns'
	read -r n1 n2 <<< "${lines[0]}"
	[ "${lines[1]}" = "$n1 0 4096" ]
	[ "${lines[2]}" = "$n2 1 200" ]
	[ "${lines[3]}" = "--" ]
	[ "${lines[4]}" = "$n1 1 50" ]
	[ "${lines[5]}" = "$n2 0 100" ]
	[ "${lines[6]}" = "$n2 1 200" ]
	[ "${lines[7]}" = "$n1 0 4096" ]
	[ "${lines[8]}" = "--" ]
	# By inode, whichever is smaller; ties by id.
	[ "$(printf '%s\n' "${lines[@]:9}")" = "$(printf '%s\n' "$n1 0" "$n1 1" "$n2 0" "$n2 1" | sort -n -k1,1 -k2,2)" ]
	[ "${#lines[@]}" -eq 13 ]
}

@test "--all-namespaces with TARGETs or with --ns: usage error, exit 2" {
	second_ns 100
	run -2 shm stat --all-namespaces 0
	[ "$output" = "shmtool: stat: --all-namespaces lists every segment: no TARGETs (try 'shmtool stat --help')" ]
	run -2 shm who --all-namespaces 0
	[ "$output" = "shmtool: who: --all-namespaces lists every segment: no TARGETs (try 'shmtool who --help')" ]
	run -2 shm --ns "$NS2_PID" stat --all-namespaces
	[ "$output" = "shmtool: stat: --all-namespaces and the global --ns exclude each other (try 'shmtool stat --help')" ]
	run -2 shm --ns "$NS2_PID" who --all-namespaces
	[ "${#lines[@]}" -eq 1 ]
}

@test "who --all-namespaces: attaches of both namespaces with NS; unseen attaches warned per namespace" {
	mkseg 4096 0600 >/dev/null
	mkseg 4096 0600 >/dev/null
	# Attached from outside the private PID namespace: unseen there.
	bg_ns "$SHMTOOL" attach --hold 1
	wait_for nattch_is 1 1
	# shellcheck disable=SC2016
	run -0 --separate-stderr in_pidns '
		start_ns2 100 200
		"$SHMTOOL" attach --hold 0 > /dev/null &
		nsenter --ipc=/proc/$P2/ns/ipc "$SHMTOOL" attach --hold 1 > /dev/null &
		# Attached, and named so (the title comes after shmat).
		i=0
		until pgrep -f "^shmtool: holding shmid 0( |$)" >/dev/null &&
		    pgrep -f "^shmtool: holding shmid 1( |$)" >/dev/null; do
			i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01
		done
		echo "$N1 $N2"
		shm who --all-namespaces --raw --noheadings -o ns,id,command
		shm who --all-namespaces --json -o ns,id,nspid
		shm who --all-namespaces | head -1'
	read -r n1 n2 <<< "${lines[0]}"
	# The title alone, whatever the length of the path to shmtool.
	[ "${lines[1]}" = "$n1 0 shmtool:\\x20holding\\x20shmid\\x200" ]
	[ "${lines[2]}" = "$n2 1 shmtool:\\x20holding\\x20shmid\\x201" ]
	[ "${lines[3]}" = '{"attaches":[' ]
	[ "${lines[4]}" = "{\"ns\":$n1,\"id\":0,\"nspid\":1}," ]
	[[ "${lines[5]}" =~ ^\{\"ns\":$n2,\"id\":1,\"nspid\":[0-9]+\}$ ]]
	[ "${lines[6]}" = ']}' ]
	[[ "${lines[7]}" =~ ^\ +NS\ NSPID\ ID\ KEY\ +PID\ USER\ +UNIT\ +COMMAND\ .*\ PERMS\ NSCOMMAND$ ]]
	[ "${#lines[@]}" -eq 8 ]
	# id 1 of the first namespace is held outside: said (by each of the
	# three), naming its namespace.
	warning="shmtool: who: IPC namespace $n1 (pid 1): id 1: 0 of 1 attaches found: other PID namespaces or unreadable processes"
	[ "$stderr" = "$(printf '%s\n' "$warning" "$warning" "$warning")" ]
}

@test "stat --all-namespaces as nobody: our namespace only, the rest warned, exit 1" {
	require_root
	mkseg 4096 0644 >/dev/null
	# shellcheck disable=SC2016
	NOBODY_SHMTOOL=$NOBODY_SHMTOOL NOBODY_WRAPPER=$NOBODY_WRAPPER \
	    run -1 --separate-stderr in_pidns '
		start_ns2 100
		# A process of nobody in the second namespace: seen, not joinable.
		nsenter --ipc=/proc/$P2/ns/ipc setpriv --reuid=65534 --regid=65534 --clear-groups sleep 600 &
		N=$!
		i=0
		until [ "$(cat /proc/$N/comm)" = sleep ]; do
			i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01
		done
		echo "$N1 $N2 $N"
		setpriv --reuid=65534 --regid=65534 --clear-groups $NOBODY_WRAPPER "$NOBODY_SHMTOOL" stat --all-namespaces -b --raw --noheadings -o ns,id,size'
	read -r n1 n2 n <<< "${lines[0]}"
	[ "${lines[1]}" = "$n1 0 4096" ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "$stderr" == *"shmtool: stat: IPC namespace $n2 (pid $n): cannot join: permission denied (needs CAP_SYS_ADMIN)"* ]]
	[[ "$stderr" == *"processes not examined (permission denied): their IPC namespaces may be missing; run as root"* ]]
}

@test "--ns PID: POSIX objects are those of the /dev/shm that process sees" {
	local ready=$BATS_TEST_TMPDIR/mnt-ready
	shm create 4K /ours >/dev/null
	# A process in new IPC and mount namespaces with a /dev/shm of its own.
	# shellcheck disable=SC2016
	bg_ns unshare --ipc --mount -- sh -c 'mount -t tmpfs -o size=1m inner /dev/shm &&
		printf hello > /dev/shm/theirs && : > "$1" && exec sleep 600' sh "$ready"
	wait_for test -e "$ready"
	wait_for is_running "$BG_PID" sleep
	run -0 shm --ns "$BG_PID" stat --posix --raw --noheadings -o name,size
	[ "$output" = "/theirs 5" ]
	run -0 shm stat --posix --raw --noheadings -o name
	[ "$output" = /ours ]
	run -0 shm --ns "$BG_PID" dump --format raw /theirs
	[ "$output" = hello ]
	run -0 shm --ns "$BG_PID" create 1K /made-there
	run -0 in_ns test -e "/proc/$BG_PID/root/dev/shm/made-there"
	run -1 in_ns test -e /dev/shm/made-there
	run -0 shm --ns "$BG_PID" rm /made-there /theirs
	run -0 shm --ns "$BG_PID" stat --posix --raw --noheadings
	[ -z "$output" ]
	run -0 shm --ns "$BG_PID" limits
	[[ "$output" == *"/proc/$BG_PID/root/dev/shm"* ]]
	# Objects are not in IPC namespaces: --all-namespaces is for segments.
	run -2 shm stat --all-namespaces --posix
	[[ "$output" == *"--all-namespaces lists System V segments"* ]]
	run -2 shm who --all-namespaces --all-types
}

@test "ns_devshm_open: /dev/shm, or that of the --ns process, or of the lowest pid in a namespace file's namespace; none without a process" {
	command -v pkg-config >/dev/null || skip "pkg-config is not installed"
	# The namespace-file case without a process needs the function
	# itself: a small program asks src/ns.c.
	local src=$SHMTOOL_SRCDIR/src
	# shellcheck disable=SC2046
	build_c devshm -I"$(dirname "$SHMTOOL")" -I"$src" $(pkg-config --cflags libbsd-overlay) \
		"$src/ns.c" "$src/proc.c" "$src/procmaps.c" "$src/sysvipc.c" "$src/shm.c" "$src/idcache.c" "$src/names.c" "$src/util.c" \
		$(pkg-config --libs libbsd-overlay) <<'C'
#include "config.h"
#include <sys/stat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ns.h"
/*
 * devshm [PID|PATH]: ns_devshm_open(), after joining PID or PATH: its
 * path, and whether test-object is in the directory it opened.
 */
int main(int argc, char **argv) {
	struct ns_arg a = { 0 };
	struct stat st;
	const char *path, *why;
	char *cause;
	int fd;
	if (argc > 1) {
		if (strchr(argv[1], '/') != NULL)
			a.path = argv[1];
		else
			a.pid = atoi(argv[1]);
		if (ns_join(&a, &cause) == -1) { fprintf(stderr, "%s\n", cause); return 1; }
	}
	if ((fd = ns_devshm_open(&path, &why)) == -1) {
		printf("%s: %s\n", path, why != NULL ? why : "?");
		return 1;
	}
	printf("%s %s\n", path, fstatat(fd, "test-object", &st, 0) == 0 ? "sees" : "misses");
	return 0;
}
C
	second_ns 100
	local ns2=$NS2
	in_ns touch /dev/shm/test-object
	run -0 in_ns "$BATS_TEST_TMPDIR/devshm"
	[ "$output" = "/dev/shm sees" ]
	run -0 in_ns "$BATS_TEST_TMPDIR/devshm" "$NS2_PID"
	[ "$output" = "/proc/$NS2_PID/root/dev/shm sees" ]
	: > "$BATS_TEST_TMPDIR/ipcns"
	in_ns mount --bind "/proc/$NS2_PID/ns/ipc" "$BATS_TEST_TMPDIR/ipcns"
	run -0 in_ns "$BATS_TEST_TMPDIR/devshm" "$BATS_TEST_TMPDIR/ipcns"
	[ "$output" = "/proc/$NS2_PID/root/dev/shm sees" ]
	kill "$NS2_PID"
	wait "$NS2_PID" 2>/dev/null || true
	# No process: no /dev/shm goes with that namespace - never ours.
	run -1 in_ns "$BATS_TEST_TMPDIR/devshm" "$BATS_TEST_TMPDIR/ipcns"
	[ "$output" = "the /dev/shm of IPC namespace $ns2: no process is in that namespace to say which it is" ]
	run -1 shm --ns "$BATS_TEST_TMPDIR/ipcns" stat --posix
	[ "$output" = "shmtool: stat: the /dev/shm of IPC namespace $ns2: no process is in that namespace to say which it is" ]
	in_ns test -e /dev/shm/test-object
}

@test "--help: the global --ns; stat and who list --all-namespaces and the NS columns" {
	run -0 shm --help
	[[ "$output" == *"--ns PID|PATH"* ]]
	for c in stat who; do
		run -0 shm "$c" --help
		[[ "$output" == *"--all-namespaces"* ]]
		[[ "$output" == *"  NS "* ]]
		[[ "$output" == *"  NSPID "* ]]
		[[ "$output" == *"  NSCOMMAND "* ]]
	done
}
