#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Races.  A segment removed between the moment a command chose it and
# the moment it acts is reported as gone (exit 1, "no such segment"),
# never a crash, and nothing else is touched; an id given to a new
# segment in that window is never removed; listings taken while segments
# come and go as fast as a loop can make them stay whole.
#
# The window is hit exactly, not raced: $SHMTOOL_TEST_SELECT_HOOK runs
# right after a TARGET is resolved (see TEST_HOOK in src/util.h; the
# binary needs ./configure --enable-test-hooks, else these tests skip).
# rm.bats does the same for rm --all and the filters with
# $SHMTOOL_TEST_RM_HOOK: a segment gone before removal is skipped, an
# id reused is skipped ("rm: id reuse between selection and removal is
# detected, the new segment kept"), and so is a late attach.

load test_helper

# gone CMD ARGS... ("@" is the segment): the hook removes the segment
# the command has just chosen; exit 1, one line saying it is gone, and
# the other segment is still there.
gone() {
	local id other a obj
	local -a args
	id=$(mkseg 8192 0600 "${KEY:-0}")
	other=$(mkseg 4096 0600)
	for a in "$@"; do
		args+=("${a//@/$id}")
	done
	obj=${KEY:+key $(printf '0x%08x' "$KEY")}
	obj=${obj:-id $id}
	SHMTOOL_TEST_SELECT_HOOK="ipcrm -m $id" run -1 --separate-stderr shm "${args[@]}"
	[ "$stderr" = "shmtool: $1: $obj: no such segment" ] ||
		{ echo "${args[*]}: $stderr"; return 1; }
	run -1 proc_field "$id" key
	proc_field "$other" key >/dev/null
	in_ns ipcrm -m "$other"
}

@test "removed between selection and action: dump, write, set and attach say it is gone, exit 1" {
	require_test_hooks
	gone dump @
	gone dump --sha256 @
	gone dump --format raw --output /dev/null @
	gone write @ data
	gone write --zero @
	gone write --fill 0x41 --offset 10 --length 10 @
	gone set --mode 0640 @
	gone set --owner nobody @
	gone set --lock @
	gone attach @
	gone attach --read-only @
	gone attach --hold=1 @
	# rm of a TARGET another run removed first: "already gone", exit 0
	# (rm.bats).
	KEY=0x7777 gone dump key:0x7777
	KEY=0x7777 gone write key:0x7777 data
	[ "$(nsegs)" -eq 0 ]
}

@test "removed between selection and action: stat shows what it read, and says so for the next TARGET" {
	require_test_hooks
	local a b
	a=$(mkseg 4096 0600)
	b=$(mkseg 4096 0600)
	# The hook runs once, after the first TARGET is resolved.
	SHMTOOL_TEST_SELECT_HOOK="ipcrm -m $b" run -1 --separate-stderr shm stat -o ID --noheadings --raw "$a" "$b"
	[ "$output" = "$a" ]
	[ "$stderr" = "shmtool: stat: id $b: no such segment" ]
	c=$(mkseg 4096 0600)
	SHMTOOL_TEST_SELECT_HOOK="ipcrm -m $c" run -0 --separate-stderr shm stat --json "$c"
	[[ "$output" == *"\"id\":$c,"* ]]
	json_valid <<< "$output"
}

@test "rm TARGET whose id was given to a new segment meanwhile: not removed, exit 1" {
	require_test_hooks
	local id
	id=$(mkseg 4096 0600)
	# The hook removes the chosen segment and makes a new one with the
	# same id, as another program could between our two reads.
	SHMTOOL_TEST_SELECT_HOOK="ipcrm -m $id && echo $id > /proc/sys/kernel/shm_next_id && $SHMTOOL create 8K >/dev/null" \
	    run -1 --separate-stderr shm rm "$id"
	[ "$stderr" = "shmtool: rm: id $id: changed since it was selected (id reused, or the segment changed): not removed" ]
	[ "$(proc_field "$id" size)" = 8192 ]
	# The same in the --json action log.
	id2=$(mkseg 4096 0600 0x99)
	SHMTOOL_TEST_SELECT_HOOK="ipcrm -m $id2 && echo $id2 > /proc/sys/kernel/shm_next_id && $SHMTOOL create 8K >/dev/null" \
	    run -1 --separate-stderr shm rm --json key:0x99
	[[ "$output" == *'"failed":[{"type":"sysv","id":'"$id2"',"key":"0x00000099","name":null,"size":4096,"owner":"root","target":"key 0x00000099","reason":"changed since it was selected'* ]]
	json_valid <<< "$output"
	[ "$(proc_field "$id2" size)" = 8192 ]
}

# churn FILE: makes, attaches, removes and detaches segments as fast as
# it can, eight alive at a time, some with keys; every 16 rounds the
# round count goes to FILE (renamed into place, so it is never half
# written).
build_churn() {
	build_c churn <<'C'
#include <sys/shm.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
	int ids[8];
	void *ps[8];
	char tmp[4096];
	unsigned long n;
	memset(ids, -1, sizeof(ids));
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	for (n = 1;; n++) {
		int s = (int)(n % 8);
		if (ids[s] != -1) {
			shmctl(ids[s], IPC_RMID, NULL);
			if (ps[s] != (void *)-1)
				shmdt(ps[s]);
		}
		ids[s] = shmget(n % 3 ? IPC_PRIVATE : (key_t)(0x5000 + n % 5),
		    4096 * (1 + n % 4), IPC_CREAT | 0600);
		ps[s] = ids[s] == -1 ? (void *)-1 : shmat(ids[s], NULL, 0);
		if (n % 16 == 0) {
			FILE *f = fopen(tmp, "w");
			if (f != NULL) {
				fprintf(f, "%lu\n", n);
				fclose(f);
				rename(tmp, argv[1]);
			}
		}
	}
}
C
}

rounds() { cat "$BATS_TEST_TMPDIR/rounds"; }
rounds_above() { [ "$(rounds)" -gt "$1" ]; }

@test "stat and who while segments come and go as fast as a loop makes them: exit 0, valid JSON" {
	local i first
	build_churn
	# Niced: on a small machine it would starve what it races.
	bg_ns nice -n 19 "$BATS_TEST_TMPDIR/churn" "$BATS_TEST_TMPDIR/rounds"
	wait_for test -s "$BATS_TEST_TMPDIR/rounds"
	first=$(rounds)
	for i in $(seq 8); do
		run -0 --separate-stderr shm stat --json -o +CCOMMAND,ORPHAN,AGE,MODE
		json_valid <<< "$output"
		run -0 --separate-stderr shm who --json
		json_valid <<< "$output"
		run -0 --separate-stderr shm stat
		run -0 --separate-stderr shm stat --raw --orphaned -o +CCOMMAND
		run -0 --separate-stderr shm who
		run -0 --separate-stderr shm rm --dry-run --all
	done
	# The loop really ran meanwhile (no time limit: it only has to move).
	wait_for rounds_above "$first"
}

@test "stat, dump and who of TARGETs that come and go: shown, or exit 1 'no such segment'" {
	local i id
	build_churn
	# Niced: on a small machine it would starve what it races.
	bg_ns nice -n 19 "$BATS_TEST_TMPDIR/churn" "$BATS_TEST_TMPDIR/rounds"
	wait_for test -s "$BATS_TEST_TMPDIR/rounds"
	for i in $(seq 10); do
		id=$(shm stat -o ID --noheadings --raw | tail -1)
		[ -n "$id" ]
		for c in "stat" "stat --json" "dump --sha256" "who --json"; do
			# shellcheck disable=SC2086
			run --separate-stderr shm $c "$id"
			case $status in
			0)	;;
			1)	[[ "$stderr" == *"id $id: no such segment"* ]] ||
					{ echo "$c $id: $stderr"; return 1; } ;;
			*)	echo "$c $id: status $status: $stderr"; return 1 ;;
			esac
		done
	done
}
