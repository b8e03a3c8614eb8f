#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The SHMTOOL_TEST_* hooks run commands from the environment and change
# what `who` reports: no place for them in a tool that root runs from
# cron.  They are compiled in only with ./configure --enable-test-hooks
# (bootstrap and make distcheck pass it), and --version then says so.
# Whichever build is under test, one of these proves it: without hooks
# the binary holds no SHMTOOL_TEST_ string and the variables do nothing;
# with them every hook works, once.

load test_helper

has_hooks() {
	"$SHMTOOL" --version | grep -q "built with test hooks"
}

# opens_table VAR=VALUE...: whether `who`, run with those variables and
# SHMTOOL_PROCFS=/proc (which makes it read the segment table, unless
# the scan counts as complete), opened the table.
opens_table() {
	in_ns env SHMTOOL_PROCFS=/proc "$@" strace -f -qq -e trace=openat \
		-o "$BATS_TEST_TMPDIR/trace" "${SHMTOOL_WRAP[@]}" "$SHMTOOL" who >/dev/null
	grep -q sysvipc/shm "$BATS_TEST_TMPDIR/trace"
}

@test "a build without test hooks: no SHMTOOL_TEST_ string in it, and the variables do nothing" {
	has_hooks && skip "this build has test hooks: the next test is its proof"
	run -1 grep -a -c SHMTOOL_TEST_ "$SHMTOOL"
	[ "$output" = 0 ]
	run -0 shm --version
	[ "${#lines[@]}" -eq 1 ]
	run -0 shm create 4K
	id=$output
	SHMTOOL_TEST_SELECT_HOOK="touch $BATS_TEST_TMPDIR/ran" run -0 shm stat "$id"
	SHMTOOL_TEST_AGE=172800 run -0 shm stat --raw --noheadings -o id --older-than 1d
	[ -z "$output" ]
	SHMTOOL_TEST_COPY_HOOK="touch $BATS_TEST_TMPDIR/ran" run -0 shm write "$id" x
	SHMTOOL_TEST_COPY_HOOK="touch $BATS_TEST_TMPDIR/ran" run -0 shm dump "$id" -n 1
	SHMTOOL_TEST_MAP_HOOK="touch $BATS_TEST_TMPDIR/ran" run -0 shm dump "$id" -n 1
	SHMTOOL_TEST_RM_HOOK="touch $BATS_TEST_TMPDIR/ran" run -0 shm rm --all
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	command -v strace >/dev/null || skip "strace is not installed"
	opens_table SHMTOOL_TEST_MAPS_COMPLETE=1
}

@test "a build with test hooks: --version says so, and each hook works, once" {
	has_hooks || skip "this build has no test hooks: the previous test is its proof"
	run -0 grep -a -c SHMTOOL_TEST_SELECT_HOOK "$SHMTOOL"
	run -0 shm --version
	[ "${lines[1]}" = "built with test hooks (configure --enable-test-hooks): not for production use" ]
	run -0 shm create 4K
	id=$output
	# After the first TARGET only: a shmtool the hook runs must not run it.
	SHMTOOL_TEST_SELECT_HOOK="echo x >> $BATS_TEST_TMPDIR/select" run -0 shm stat "$id" "$id"
	[ "$(cat "$BATS_TEST_TMPDIR/select")" = x ]
	# Everything two days older: ages and --older-than.
	run -0 shm stat --raw --noheadings -o id --older-than 1d
	[ -z "$output" ]
	SHMTOOL_TEST_AGE=172800 run -0 shm stat --raw --noheadings -o id --older-than 1d
	[ "$output" = "$id" ]
	SHMTOOL_TEST_AGE=172800 run -0 shm stat --raw --noheadings -o age "$id"
	[ "$output" -ge 172800 ]
	# Once in write and in dump, before the first byte is copied.
	SHMTOOL_TEST_COPY_HOOK="echo x >> $BATS_TEST_TMPDIR/copy" run -0 shm write "$id" x
	SHMTOOL_TEST_COPY_HOOK="echo x >> $BATS_TEST_TMPDIR/copy" run -0 shm dump "$id" -n 1
	[ "$(cat "$BATS_TEST_TMPDIR/copy")" = "x
x" ]
	SHMTOOL_TEST_MAP_HOOK="echo x >> $BATS_TEST_TMPDIR/map" run -0 shm write "$id" x
	SHMTOOL_TEST_MAP_HOOK="echo x >> $BATS_TEST_TMPDIR/map" run -0 shm dump "$id" -n 1
	[ "$(cat "$BATS_TEST_TMPDIR/map")" = "x
x" ]
	SHMTOOL_TEST_RM_HOOK="echo x >> $BATS_TEST_TMPDIR/rm" run -0 shm rm --all
	[ "$(cat "$BATS_TEST_TMPDIR/rm")" = x ]
	command -v strace >/dev/null || skip "strace is not installed"
	opens_table
	run -1 opens_table SHMTOOL_TEST_MAPS_COMPLETE=1
}
