#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The layers of the source (HACKING.md), checked on the source itself so
# that no change quietly undoes them: commands make no kernel call on a
# segment or an object (the data layer does, and says "gone" and
# "permission denied" one way); the library never exits, never prints a
# usage error and never includes the command frame; and no two modules
# include each other, directly or around a circle.

load test_helper

# No namespaces needed: these read files.
setup() { :; }
teardown() { :; }

SRC=$SHMTOOL_SRCDIR/src
LIB=(parse select format json sha256 shm sysvipc posixshm segmap ns procmaps proc idcache proof names hexdump progress cgroup watch)

# code REGEX FILE...: the lines of code that match, comments left out (a
# line that starts with "/*" or "*").
code() {
	grep -nE "$1" "${@:2}" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*/?\*'
}

lib_files() {
	local m
	for m in "${LIB[@]}"; do
		echo "$SRC/$m.c"
	done
}

@test "commands call no shmget, shmat, shmdt, shmctl, shm_unlink, unlinkat, fchown, fchmod or ftruncate: the data layer does" {
	local calls='\b(shmget|shmat|shmdt|shmctl|shm_unlink|unlinkat|fchown|fchmod|ftruncate)[[:space:]]*\('
	run -1 code "$calls" "$SRC"/cmd-*.c
	[ -z "$output" ]
	# Not vacuous: the data layer has them.
	run -0 code "$calls" "$SRC/sysvipc.c" "$SRC/posixshm.c"
	[ "${#lines[@]}" -ge 5 ]
}

@test "a segment that is gone, and a refusal, are put in words in one place each" {
	# EINVAL and EIDRM of shmctl become ENOENT in one function.
	run -0 code 'EIDRM' "$SRC"/*.c
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"sysvipc.c:"* ]]
	run -0 code 'permission denied \(owner' "$SRC"/*.c
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"names.c:"* ]]
}

@test "the library never exits and never includes the command frame: errors come back as causes" {
	local -a files
	mapfile -t files < <(lib_files)
	[ "${#files[@]}" -eq "${#LIB[@]}" ]
	run -1 code '\b(usage_err|exit|errx?|warnx?)[[:space:]]*\(' "${files[@]}"
	[ -z "$output" ]
	run -1 code '#include "(cmd|shmtool)\.h"' "${files[@]}"
	[ -z "$output" ]
	# The frame is the only code that exits with status 2.
	run -0 code 'EXIT_USAGE' "$SRC"/*.c
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"cmd.c:"* ]]
}

@test "no include circle between the modules" {
	local f b m d
	for f in "$SRC"/*.[ch]; do
		b=${f##*/}
		m=${b%.*}
		for d in $(sed -nE 's/^#include "([a-z-]+)\.h".*/\1/p' "$f"); do
			case $d in "$m" | config) ;; *) echo "$m $d" ;; esac
		done
	done > "$BATS_TEST_TMPDIR/edges"
	# Not vacuous: every module is in the graph.
	[ "$(wc -l < "$BATS_TEST_TMPDIR/edges")" -gt 40 ]
	run -0 tsort "$BATS_TEST_TMPDIR/edges"
	[[ "$output" != *loop* ]]
}
