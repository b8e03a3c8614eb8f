#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool rm

load test_helper

@test "rm --help: synopsis on stdout, exit 0" {
	run -0 shm rm --help
	[[ "$output" == "Usage: shmtool rm"* ]]
}

@test "rm with no target, no --all and no filter: usage error, exit 2, nothing removed" {
	run -0 shm create 4K
	run -2 shm rm
	[[ "${lines[0]}" == *"nothing to remove"* ]]
	[ "$(nsegs)" -eq 1 ]
	run -2 shm rm --all 0
}

@test "rm ID and key:KEY: silent on success, exit 0; -v one line each" {
	run -0 shm create 4K
	a=$output
	run -0 shm create 8K key:0x1234
	b=$output
	run -0 shm rm "$a"
	[ -z "$output" ]
	run -0 shm rm -v key:0x1234
	[ "$output" = "id $b: key 0x00001234, size 8192, owner root" ]
	[ "$(nsegs)" -eq 0 ]
}

@test "rm with several operands: missing reported one by one, others removed, exit 1" {
	run -0 shm create 4K
	a=$output
	run -0 shm create 4K
	b=$output
	run -1 shm rm "$a" 4242 key:0x777 "$b"
	[ "${lines[0]}" = "shmtool: rm: id 4242: no such segment" ]
	[ "${lines[1]}" = "shmtool: rm: key 0x00000777: no such segment" ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(nsegs)" -eq 0 ]
}

@test "rm as nobody on a root segment: refused with owner and mode, unchanged, exit 1" {
	require_root
	run -0 shm create --mode 0644 4K
	id=$output
	run -1 shm_nobody rm "$id"
	[ "$output" = "shmtool: rm: id $id: permission denied (owner root, mode 0644)" ]
	[ "$(proc_field "$id" perms)" = 644 ]
	run -1 shm_nobody rm --all
	[[ "$output" == *"id $id: permission denied (owner root, mode 0644)"* ]]
	[ "$(nsegs)" -eq 1 ]
}

@test "rm of an attached segment by id marks it dest (key 0); it goes when the holder exits" {
	run -0 shm create 4K key:0xabc
	id=$output
	bg_ns "$SHMTOOL" attach --hold "$id"
	pid=$BG_PID
	wait_for nattch_is "$id" 1
	run -0 shm rm "$id"
	[ "$(proc_field "$id" key)" = 0 ]
	[ "$(( 8#$(proc_field "$id" perms) & 8#1000 ))" -ne 0 ]
	kill -TERM "$pid"
	wait "$pid"	# exit 0 (bats fails on any other status; `run` would wait in a subshell)
	run -1 proc_field "$id" key
}

@test "rm --all and rm --orphaned never remove a segment held by attach --hold" {
	run -0 shm create 4K
	held=$output
	run -0 shm create 4K
	free=$output
	bg_ns "$SHMTOOL" attach --hold "$held"
	wait_for nattch_is "$held" 1
	run -0 shm rm --orphaned
	proc_field "$held" key
	run -0 shm create 4K
	free=$output
	run -0 --separate-stderr shm rm -v --all
	[ "$output" = "id $free: key 0x00000000, size 4096, owner root" ]
	[[ "$stderr" == *"id $held: skipped: attached (nattch 1); --force removes it"* ]]
	proc_field "$held" key
	run -1 proc_field "$free" key
	run -0 shm rm --all --force
	[ "$(proc_field "$held" key)" = 0 ]
}

@test "rm --orphaned removes a segment whose creator is gone" {
	run -0 shm create 4K
	id=$output
	run -0 shm rm --orphaned
	run -1 proc_field "$id" key
}

@test "rm --dry-run prints what would go in the -v format, removes nothing" {
	run -0 shm create 4K key:0x11
	a=$output
	run -0 shm create 4K key:0x12
	b=$output
	run -0 shm rm --dry-run --all
	[ "${lines[0]}" = "id $a: key 0x00000011, size 4096, owner root" ]
	[ "${lines[1]}" = "id $b: key 0x00000012, size 4096, owner root" ]
	run -0 shm rm --dry-run "$a"
	[ "$output" = "id $a: key 0x00000011, size 4096, owner root" ]
	[ "$(nsegs)" -eq 2 ]
}

@test "rm with a filter: only matching segments; nothing matched is exit 0" {
	run -0 shm create 4K
	small=$output
	run -0 shm create 1M
	big=$output
	run -0 shm rm --larger-than 64K
	proc_field "$small" key
	run -1 proc_field "$big" key
	run -0 shm rm --larger-than 1G
	[ -z "$output" ]
	run -0 shm rm --key 0x999
	[ "$(nsegs)" -eq 1 ]
}

@test "rm --json: an action log of removed, skipped and failed" {
	run -0 shm create 4K key:0x21
	a=$output
	run -1 --separate-stderr shm rm --json "$a" 4242
	[ "$output" = "{\"removed\":[{\"id\":$a,\"key\":\"0x00000021\",\"size\":4096,\"owner\":\"root\"}],\"skipped\":[],\"failed\":[{\"target\":\"id 4242\",\"id\":4242,\"reason\":\"no such segment\"}],\"dry_run\":false}" ]
	run -0 shm rm --json --all
	[ "$output" = '{"removed":[],"skipped":[],"failed":[],"dry_run":false}' ]
}

@test "rm: id reuse between selection and removal is detected, the new segment kept" {
	run -0 shm create 4K
	id=$output
	# The hook removes the selected segment and makes a new one with
	# the same id, as another program could between our two reads.
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id && echo $id > /proc/sys/kernel/shm_next_id && $SHMTOOL create 8K >/dev/null"
	run -0 --separate-stderr shm rm -v --unattached
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$stderr" == *"id $id: skipped: changed since it was selected"* ]]
	[ "$(proc_field "$id" size)" = 8192 ]
}

@test "rm: an attach between selection and removal is detected, even with --force" {
	run -0 shm create 4K
	id=$output
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL attach --hold $id 3>&- >/dev/null & sleep 0.3"
	run -0 --separate-stderr shm rm -v --force --all
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$stderr" == *"id $id: skipped: attached since it was selected (nattch 1)"* ]]
	[ "$(proc_field "$id" size)" = 4096 ]
}

@test "rm: a selected segment removed by someone else meanwhile is skipped, exit 0" {
	run -0 shm create 4K
	id=$output
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id"
	run -0 --separate-stderr shm rm -v --all
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$stderr" == *"id $id: skipped: gone before removal"* ]]
}

@test "rm usage errors: bad target, bad filter value: exit 2" {
	run -2 shm rm 0xff
	run -2 shm rm --older-than 5x
	run -2 shm rm --owner no-such-user-xyz
}
