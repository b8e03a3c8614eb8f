#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool set

load test_helper

@test "set --help: synopsis on stdout, exit 0" {
	run -0 shm set --help
	[[ "$output" == "Usage: shmtool set"* ]]
}

@test "set --mode: the low nine bits change, exit 0" {
	run -0 shm create 4K
	id=$output
	run -0 shm set --mode 0640 "$id"
	[ -z "$output" ]
	[ "$(proc_field "$id" perms)" = 640 ]
	run -2 shm set --mode 01777 "$id"
}

@test "set --owner USER:GROUP: uid and gid change, creator ids stay" {
	require_root
	run -0 shm create 4K key:0x5
	id=$output
	run -0 shm set --owner nobody:65534 key:0x5
	[ "$(proc_field "$id" uid)" = 65534 ]
	[ "$(proc_field "$id" gid)" = 65534 ]
	[ "$(proc_field "$id" cuid)" = 0 ]
	[ "$(proc_field "$id" cgid)" = 0 ]
	[ "$(proc_field "$id" perms)" = 600 ]
}

@test "set --lock and --unlock: the SHM_LOCKED flag follows" {
	require_root
	run -0 shm create 4K
	id=$output
	run -0 shm set --lock "$id"
	[ "$(proc_field "$id" perms)" = 2600 ]
	run -0 shm set --unlock "$id"
	[ "$(proc_field "$id" perms)" = 600 ]
}

@test "set as nobody on a root segment: refused, explained, unchanged, exit 1" {
	require_root
	run -0 shm create --mode 0644 4K
	id=$output
	run -1 shm_nobody set --mode 0666 "$id"
	[ "$output" = "shmtool: set: id $id: permission denied (owner root, creator root, mode 0644; only the owner, the creator or CAP_SYS_ADMIN may change it)" ]
	[ "$(proc_field "$id" perms)" = 644 ]
	run -1 shm_nobody set --lock "$id"
	[[ "$output" == *"permission denied"*"CAP_IPC_LOCK"* ]]
	[ "$(proc_field "$id" perms)" = 644 ]
}

@test "set with several operands: a missing one reported, the others changed, exit 1" {
	run -0 shm create 4K
	a=$output
	run -0 shm create 4K
	b=$output
	run -1 shm set --mode 0604 "$a" 9999 "$b"
	[ "$output" = "shmtool: set: id 9999: no such segment" ]
	[ "$(proc_field "$a" perms)" = 604 ]
	[ "$(proc_field "$b" perms)" = 604 ]
}

@test "set usage errors: nothing to change, --lock with --unlock, no target, bad target: exit 2" {
	run -2 shm set 0
	[[ "$output" == *"nothing to change"* ]]
	run -2 shm set --lock --unlock 0
	[[ "$output" == *"exclude each other"* ]]
	run -2 shm set --mode 0600
	run -2 shm set --mode 0600 0 nonsense
	run -2 shm set --owner no-such-user-xyz 0
}

# POSIX shared memory objects (/NAME).

@test "set /name: the mode; --lock is a usage error; a missing object, exit 1" {
	run -0 shm create 4K /s
	run -0 shm set --mode 0640 /s
	[ "$(in_ns stat -c %a /dev/shm/s)" = 640 ]
	run -2 shm set --lock /s
	run -1 shm set --mode 0600 /nope
	[ "$output" = "shmtool: set: /nope: no such object" ]
}

@test "set --owner USER /name: the object's uid" {
	require_root
	run -0 shm create 4K /s
	run -0 shm set --owner nobody /s
	[ "$(in_ns stat -c %u /dev/shm/s)" = 65534 ]
}
