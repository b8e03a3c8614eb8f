#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool create

load test_helper

@test "create --help: synopsis on stdout, exit 0" {
	run -0 shm create --help
	[[ "$output" == "Usage: shmtool create"* ]]
}

@test "create SIZE: the bare id on stdout, IPC_PRIVATE, mode 0600, exit 0" {
	run -0 --separate-stderr shm create 4K
	[[ "$output" =~ ^[0-9]+$ ]]
	[ -z "$stderr" ]
	[ "$(proc_field "$output" key)" = 0 ]
	[ "$(proc_field "$output" perms)" = 600 ]
	[ "$(proc_field "$output" size)" = 4096 ]
}

@test "create -> stat -> rm round trip, exit 0" {
	run -0 shm create 8K key:0x4242
	id=$output
	[ "$(proc_field "$id" key)" = $((0x4242)) ]
	run -0 shm rm "$id"
	[ -z "$output" ]
	run -1 proc_field "$id" key
}

@test "create --mode: the permission bits as given; bad modes exit 2" {
	run -0 shm create --mode 0640 1K
	[ "$(proc_field "$output" perms)" = 640 ]
	run -2 shm create --mode 0888 1K
	[[ "$output" == *"invalid mode '0888'"* ]]
	run -2 shm create --mode 04777 1K
}

@test "create with an existing key returns its id (shmget semantics); -v says so" {
	run -0 shm create 8K key:0x1234
	id=$output
	run -0 --separate-stderr shm create -v 4K key:0x1234
	[ "$output" = "$id" ]
	[[ "$stderr" == *"id $id: existing segment returned"* ]]
	[ "$(nsegs)" -eq 1 ]
}

@test "create --excl with an existing key: exit 1, EEXIST explained" {
	run -0 shm create 4K key:0x1234
	id=$output
	run -1 shm create --excl 4K key:0x1234
	[ "$output" = "shmtool: create: key 0x00001234: exists (id $id); --excl refuses it" ]
	run -2 shm create --excl 4K
	[[ "$output" == *"--excl needs a key"* ]]
}

@test "create with an existing smaller segment: exit 1, both sizes shown" {
	run -0 shm create 4K key:0x77
	run -1 shm create 1M key:0x77
	[[ "$output" == *"key 0x00000077: exists as id"*"with size 4.0K"*"smaller than 1.0M"* ]]
}

@test "create ftok:PATH[:PROJ]: the key ftok(3) gives; PROJ defaults to 1" {
	touch "$BATS_TEST_TMPDIR/f"
	run -0 shm create 4K "ftok:$BATS_TEST_TMPDIR/f"
	id1=$output
	run -0 shm create 4K "ftok:$BATS_TEST_TMPDIR/f:7"
	id2=$output
	[ "$id1" != "$id2" ]
	run -0 perl -e 'use IPC::SysV qw(ftok); printf "%d %d\n", unpack("l", pack("L", ftok($ARGV[0], 1))), unpack("l", pack("L", ftok($ARGV[0], 7)))' "$BATS_TEST_TMPDIR/f"
	[ "$output" = "$(proc_field "$id1" key) $(proc_field "$id2" key)" ]
}

@test "create ftok: a missing path is a clear error, exit 1; PROJ 0 is one, 300 a usage error" {
	run -1 shm create 4K ftok:/no/such/file
	[ "$output" = "shmtool: create: ftok:/no/such/file: no such file (ftok makes a key of an existing one)" ]
	run -2 shm create 4K ftok:/etc/passwd:300
	[[ "$output" == *"invalid target 'ftok:/etc/passwd:300': an ftok project is 0 to 255"* ]]
	# 0 is a project, as glibc's ftok takes it.
	run -0 shm create 4K ftok:/etc/passwd:0
	run -2 shm create 4K nokey
	[[ "$output" == *"use key:KEY or ftok:PATH"* ]]
}

@test "create --json (-J): type, id, key, name, size and whether it was created, exit 0" {
	run -0 shm create --json 5000 key:0x10
	[[ "$output" =~ ^\{\"type\":\"sysv\",\"id\":[0-9]+,\"key\":\"0x00000010\",\"name\":null,\"size\":5000,\"created\":true\}$ ]]
	run -0 shm create -J 4K key:0x10
	[[ "$output" =~ ^\{\"type\":\"sysv\",\"id\":[0-9]+,\"key\":\"0x00000010\",\"name\":null,\"size\":5000,\"created\":false\}$ ]]
}

@test "create -v: key, size in pages and mode on stderr, id alone on stdout" {
	run -0 --separate-stderr shm create -v 5000
	[[ "$output" =~ ^[0-9]+$ ]]
	[[ "$stderr" == *"created, key 0x00000000, size 4.9K (5000 bytes) in 2 pages, mode 0600"* ]]
}

@test "create beyond SHMMAX: exit 1, the limit shown" {
	in_ns sh -c 'echo 4096 > /proc/sys/kernel/shmmax'
	run -1 shm create 8K
	[ "$output" = "shmtool: create: size 8K exceeds SHMMAX (4.0K)" ]
}

@test "create beyond SHMMNI: exit 1, used and limit shown" {
	in_ns sh -c 'echo 2 > /proc/sys/kernel/shmmni'
	run -0 shm create 1K
	run -0 shm create 1K
	run -1 shm create 1K
	[ "$output" = "shmtool: create: SHMMNI reached: 2 of 2 segments in use" ]
}

@test "create beyond SHMALL: exit 1, pages used and limit shown" {
	in_ns sh -c 'echo 4 > /proc/sys/kernel/shmall'
	run -0 shm create 8K
	run -1 shm create 12K
	[ "$output" = "shmtool: create: SHMALL reached: 2 of 4 pages in use, 3 more needed" ]
}

@test "create --hugetlb without huge pages or rights: exit 1, explained" {
	require_root
	[[ "${SHMTOOL_WRAP[0]:-}" != valgrind* ]] ||
		skip "valgrind drops SHM_HUGETLB from shmget (it warns so)"
	run -1 shm create --hugetlb 2M
	[[ "$output" == *"huge pages: "* ]]
	run -1 shm_nobody create --hugetlb 2M
	[[ "$output" == *"huge pages: "* ]]
	run -2 shm create --hugetlb=3M 2M
}

@test "create --noreserve: created, exit 0" {
	run -0 shm create --noreserve 1M
	[ "$(proc_field "$output" size)" = 1048576 ]
}

@test "create --lock: the segment is locked (02000 in perms)" {
	require_root
	run -0 shm create --lock 4K
	[ "$(proc_field "$output" perms)" = 2600 ]
}

@test "create --owner USER:GROUP: uid and gid set, creator unchanged" {
	require_root
	run -0 shm create --owner nobody:65534 4K
	id=$output
	[ "$(proc_field "$id" uid)" = 65534 ]
	[ "$(proc_field "$id" gid)" = 65534 ]
	[ "$(proc_field "$id" cuid)" = 0 ]
	run -2 shm create --owner no-such-user-xyz 4K
}

@test "create --lock refused: exit 1, explained, the new segment removed again" {
	require_root
	run -1 as_nobody prlimit --memlock=0:0 "${NOBODY_WRAP[@]}" "$NOBODY_SHMTOOL" create --lock 4K
	[[ "$output" == *"--lock (SHM_LOCK): Operation not permitted (locking needs CAP_IPC_LOCK or RLIMIT_MEMLOCK room); segment removed again"* ]]
	[ "$(nsegs)" -eq 0 ]
}

@test "create --owner on an existing key: nothing changed, a warning" {
	require_root
	run -0 shm create 4K key:0x99
	id=$output
	run -0 --separate-stderr shm create --owner nobody 4K key:0x99
	[ "$output" = "$id" ]
	[[ "$stderr" == *"not applied"* ]]
	[ "$(proc_field "$id" uid)" = 0 ]
}

@test "create as nobody with a root 0600 key: EACCES with owner and mode" {
	require_root
	run -0 shm create 4K key:0x55
	id=$output
	run -1 shm_nobody create 4K key:0x55
	[ "$output" = "shmtool: create: key 0x00000055: id $id: permission denied (owner root, mode 0600)" ]
}

@test "create usage errors: no size, bad size, extra operand, exit 2" {
	run -2 shm create
	run -2 shm create 0
	run -2 shm create 4X
	run -2 shm create 4K key:1 extra
}

@test "a C program (ftok, shmget, shmat, write) interoperates with create, stat and rm" {
	touch "$BATS_TEST_TMPDIR/f"
	build_c interop <<'C'
#include <sys/ipc.h>
#include <sys/shm.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
	key_t k = ftok(argv[1], 'x');
	int id = shmget(k, 0, 0);
	if (id == -1) { perror("shmget"); return 1; }
	char *p = shmat(id, NULL, 0);
	if (p == (void *)-1) { perror("shmat"); return 1; }
	strcpy(p, "hello from C");
	shmdt(p);
	printf("%d\n", id);
	return 0;
}
C
	run -0 shm create 4K "ftok:$BATS_TEST_TMPDIR/f:$(printf %d "'x")"
	id=$output
	run -0 in_ns "$BATS_TEST_TMPDIR/interop" "$BATS_TEST_TMPDIR/f"
	[ "$output" = "$id" ]
	[ "$(proc_field "$id" lpid)" != 0 ]
	run -0 shm rm "$id"
	run -1 proc_field "$id" key
}

# POSIX shared memory objects (/NAME).

@test "create SIZE /name: the name alone on stdout, the mode as given whatever the umask" {
	run -0 --separate-stderr in_ns sh -c "umask 077 && '$SHMTOOL' create --mode 0644 4K /a"
	[ "$output" = /a ]
	[ -z "$stderr" ]
	[ "$(in_ns stat -c '%a %s' /dev/shm/a)" = "644 4096" ]
	run -0 in_ns sh -c "umask 0 && '$SHMTOOL' create 1K /b"
	[ "$(in_ns stat -c '%a %s' /dev/shm/b)" = "600 1024" ]
}

@test "create: an existing object large enough is returned untouched; a smaller one and --excl: exit 1" {
	run -0 shm create 8K /a
	in_ns sh -c 'printf data | dd of=/dev/shm/a conv=notrunc status=none'
	run -0 --separate-stderr shm create -v 4K /a
	[ "$output" = /a ]
	[[ "$stderr" == *"/a: existing object returned, size 8.0K (8192 bytes) in 2 pages, mode 0600" ]]
	[ "$(size_of a)" = 8192 ]
	[ "$(in_ns head -c 4 /dev/shm/a)" = data ]
	run -1 shm create 16K /a
	[ "$output" = "shmtool: create: /a: exists with size 8.0K (8192 bytes), smaller than 16K (16384 bytes)" ]
	run -1 shm create --excl 4K /a
	[ "$output" = "shmtool: create: /a: exists; --excl refuses it" ]
	[ "$(size_of a)" = 8192 ]
}

@test "create /name --json; options of segments are usage errors with /name" {
	run -0 shm create --json 5000 /j
	[ "$output" = '{"type":"posix","id":null,"key":null,"name":"/j","size":5000,"created":true}' ]
	run -0 shm create -J 4K /j
	[ "$output" = '{"type":"posix","id":null,"key":null,"name":"/j","size":5000,"created":false}' ]
	for o in --hugetlb --noreserve --lock; do
		run -2 shm create "$o" 4K /x
		[ "$output" = "shmtool: create: $o applies to System V segments, not to POSIX objects (try 'shmtool create --help')" ]
	done
	run -1 in_ns test -e /dev/shm/x
}

@test "create --owner USER:GROUP /name: the object's uid and gid" {
	require_root
	run -0 shm create --owner nobody:65534 4K /n
	[ "$(in_ns stat -c '%u %g' /dev/shm/n)" = "65534 65534" ]
}

@test "create beyond the room in /dev/shm: created (tmpfs is sparse), with a warning" {
	run -0 --separate-stderr shm create 128M /big
	[ "$output" = /big ]
	[ "$stderr" = "shmtool: create: /big: size 128M (134217728 bytes) is more than the 64M free in /dev/shm: writing all of it will fail (SIGBUS through a mapping)" ]
}
