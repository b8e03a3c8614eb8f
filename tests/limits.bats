#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool limits: every limit equals /proc/sys/kernel/shm* and
# shmctl(IPC_INFO); usage equals SHM_INFO.

load test_helper

json_get() {
	# json_get KEY.MEMBER < json: the number after "MEMBER": in that object.
	sed -n "s/.*\"$1\":{[^}]*\"$2\":\([-0-9a-z]*\).*/\1/p"
}

ipc_info() {
	build_c ipcinfo <<'C'
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
	struct shminfo i; struct shm_info u;
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&i) < 0) return 1;
	if (shmctl(0, SHM_INFO, (struct shmid_ds *)&u) < 0) return 1;
	printf("%lu %lu %lu %lu %lu %d %lu %lu %lu\n", i.shmmax, i.shmmin, i.shmmni,
	    i.shmseg, i.shmall, u.used_ids, u.shm_tot, u.shm_rss, u.shm_swp);
	return 0;
}
C
	in_ns "$BATS_TEST_TMPDIR/ipcinfo"
}

@test "limits: the table names every limit and the usage, exit 0" {
	run -0 shm limits
	for w in SHMMAX SHMMIN SHMMNI SHMSEG SHMALL shm_rmid_forced shm_next_id "page size" segments allocated resident swapped; do
		[[ "$output" == *"$w"* ]]
	done
}

@test "limits --json: values equal /proc/sys/kernel/shm* and IPC_INFO" {
	run -0 shm limits --json
	json=$output
	[ "$(json_get limits shmmax <<<"$json")" = "$(in_ns cat /proc/sys/kernel/shmmax)" ]
	[ "$(json_get limits shmall <<<"$json")" = "$(in_ns cat /proc/sys/kernel/shmall)" ]
	[ "$(json_get limits shmmni <<<"$json")" = "$(in_ns cat /proc/sys/kernel/shmmni)" ]
	[ "$(json_get limits shm_rmid_forced <<<"$json")" = "$(in_ns cat /proc/sys/kernel/shm_rmid_forced)" ]
	[ "$(json_get limits shm_next_id <<<"$json")" = "$(in_ns cat /proc/sys/kernel/shm_next_id)" ]
	[ "$(json_get limits page_size <<<"$json")" = "$(getconf PAGESIZE)" ]
	read -r max min mni seg all used tot rss swp < <(ipc_info)
	[ "$(json_get limits shmmax <<<"$json")" = "$max" ]
	[ "$(json_get limits shmmin <<<"$json")" = "$min" ]
	[ "$(json_get limits shmseg <<<"$json")" = "$seg" ]
	[ "$(json_get usage segments <<<"$json")" = "$used" ]
	[ "$(json_get usage pages <<<"$json")" = "$tot" ]
}

@test "limits: near-2^64 defaults read unlimited, exact in JSON, no wrap" {
	in_ns sh -c 'echo 18446744073692774399 > /proc/sys/kernel/shmmax; echo 18446744073692774399 > /proc/sys/kernel/shmall'
	run -0 shm limits
	[[ "$output" =~ SHMMAX\ +unlimited ]]
	[[ "$output" =~ SHMALL\ +unlimited ]]
	run -0 shm limits --json
	[ "$(json_get limits shmmax <<<"$output")" = 18446744073692774399 ]
	# pages * page size saturates at 2^64-1 instead of wrapping.
	[ "$(json_get limits shmall_bytes <<<"$output")" = 18446744073709551615 ]
	# "Unlimited" said in so many words, not left to the reader of 2^64.
	[ "$(json_get limits shmmax_unlimited <<<"$output")" = true ]
	[ "$(json_get limits shmall_unlimited <<<"$output")" = true ]
}

@test "limits: values written in a private namespace are shown (sysctls are per namespace)" {
	in_ns sh -c 'echo 32768 > /proc/sys/kernel/shmmni; echo 4294967295 > /proc/sys/kernel/shmall; echo 4294967295 > /proc/sys/kernel/shmmax'
	run -0 shm limits --json
	[ "$(json_get limits shmmni <<<"$output")" = 32768 ]
	[ "$(json_get limits shmall <<<"$output")" = 4294967295 ]
	[ "$(json_get limits shmmax <<<"$output")" = 4294967295 ]
	[ "$(json_get limits shmall_bytes <<<"$output")" = $((4294967295 * $(getconf PAGESIZE))) ]
	[ "$(json_get limits shmmax_unlimited <<<"$output")" = false ]
	[ "$(json_get limits shmall_unlimited <<<"$output")" = false ]
	read -r max min mni _ < <(ipc_info)
	[ "$max" = 4294967295 ]
	[ "$mni" = 32768 ]
	run -0 shm limits
	[[ "$output" =~ SHMMNI\ +32768 ]]
	[[ "$output" =~ SHMMAX\ +4.0G ]]
	run -0 shm limits --bytes
	[[ "$output" =~ SHMMAX\ +4294967295 ]]
}

@test "limits: usage counts this namespace's segments only" {
	build_c mk <<'C'
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
	for (int i = 0; i < 3; i++)
		if (shmget(IPC_PRIVATE, 8192, 0600) < 0) return 1;
	return 0;
}
C
	in_ns "$BATS_TEST_TMPDIR/mk"
	run -0 shm limits --json
	[ "$(json_get usage segments <<<"$output")" = 3 ]
	[ "$(json_get usage pages <<<"$output")" = 6 ]
	run -0 shm limits
	[[ "$output" =~ segments\ +3\ of ]]
}

@test "limits: shm_next_id set in the namespace is shown" {
	in_ns sh -c 'echo 77 > /proc/sys/kernel/shm_next_id'
	run -0 shm limits --json
	[ "$(json_get limits shm_next_id <<<"$output")" = 77 ]
}

@test "limits: a garbage limit file is an error naming the file, exit 1" {
	mkdir -p "$BATS_TEST_TMPDIR/proc/sys/kernel"
	echo "lots" > "$BATS_TEST_TMPDIR/proc/sys/kernel/shmmax"
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/proc run -1 shm limits
	[[ "$output" == *"sys/kernel/shmmax: not a number"* ]]
}

@test "limits: without the limit files, IPC_INFO gives the values" {
	mkdir -p "$BATS_TEST_TMPDIR/empty"
	in_ns sh -c 'echo 1234 > /proc/sys/kernel/shmmni'
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/empty run -0 shm limits --json
	[ "$(json_get limits shmmni <<<"$output")" = 1234 ]
	[ "$(json_get limits shm_next_id <<<"$output")" = null ]
}

@test "limits: operands and unknown options are usage errors" {
	run -2 shm limits 1
	run -2 shm limits --jsn
}

# POSIX shared memory objects (/NAME).

@test "limits: /dev/shm size, used and free as statvfs gives them (the test's 64 MiB tmpfs)" {
	run -0 shm create 1M /fill
	run -0 shm write /fill --fill 0x55
	read -r blocks bfree bavail bsize < <(in_ns stat -f -c '%b %f %a %S' /dev/shm)
	run -0 shm limits --json
	json_valid <<<"$output"
	[[ "$output" == *"\"posix\":{\"path\":\"/dev/shm\",\"size\":$((blocks * bsize)),\"size_unlimited\":false,\"used\":$(((blocks - bfree) * bsize)),\"free\":$((bavail * bsize)),"* ]]
	[ $((blocks * bsize)) -eq 67108864 ]
	[ $(((blocks - bfree) * bsize)) -eq 1048576 ]
	run -0 shm limits
	[[ "$output" == *$'POSIX objects (/dev/shm)\n  size             64M\n  used             1.0M (1.6%)\n  free             63M\n  files '* ]]
	run -0 shm limits --bytes
	[[ "$output" == *"  size             67108864"* ]]
}
