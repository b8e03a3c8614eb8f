#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The command frame (src/cmd.c): what every command gets the same way -
# ambiguous abbreviations named, the rules on option combinations checked
# once after the last option whatever the order, and messages that name
# an object escaped exactly once, whichever command prints them.

load test_helper

@test "an ambiguous abbreviation names what it could be, exit 2; an unambiguous one works" {
	run -2 shm rm --al
	[ "$output" = "shmtool: rm: ambiguous option '--al' (could be --all, --all-types) (try 'shmtool rm --help')" ]
	run -2 shm stat --all=1
	[ "$output" = "shmtool: stat: ambiguous option '--all' (could be --all-types, --all-namespaces) (try 'shmtool stat --help')" ]
	run -2 shm stat --nope
	[ "$output" = "shmtool: stat: unknown option '--nope' (try 'shmtool stat --help')" ]
	run -0 shm create 4K
	run -0 shm stat --noh --all-t
	[ "${#lines[@]}" -eq 1 ]
}

@test "option rules hold whatever the order of the options, exit 2" {
	local a b
	for a in --json --raw; do
		b=$([ "$a" = --json ] && echo --raw || echo --json)
		run -2 shm stat "$a" "$b"
		[ "$output" = "shmtool: stat: --json and --raw exclude each other (try 'shmtool stat --help')" ]
	done
	run -2 shm write 1 --fill 1 --zero
	[ "$output" = "shmtool: write: --zero and --fill contradict each other (try 'shmtool write --help')" ]
	run -2 shm write 1 --nul --fill 7
	[ "$output" = "shmtool: write: --nul does not apply to --fill (try 'shmtool write --help')" ]
	run -2 shm attach --remap 1
	[ "$output" = "shmtool: attach: --remap needs --address (try 'shmtool attach --help')" ]
	run -2 shm rm --dest --posix
	[ "$output" = "shmtool: rm: --dest does not apply to POSIX objects (they have no key, creator or removal mark) (try 'shmtool rm --help')" ]
	run -2 shm rm --posix
	[ "$output" = "shmtool: rm: nothing to remove: give a TARGET, --all or a filter (try 'shmtool rm --help')" ]
	run -2 shm rm --owner root 1
	[ "$output" = "shmtool: rm: TARGET operands exclude --all, --posix, --all-types and filters (try 'shmtool rm --help')" ]
}

@test "messages and -v lines name an object escaped exactly once" {
	local name=$'/x\e]0;t\a\xffy'
	local shown='/x\e]0;t\a\xffy'
	for c in "dump" "write --zero" "set --mode 0600" "attach" "rm"; do
		# shellcheck disable=SC2086
		run -1 --separate-stderr shm $c "$name"
		[ "$stderr" = "shmtool: ${c%% *}: $shown: no such object" ] ||
			{ echo "$c: $stderr"; false; }
	done
	in_ns touch "/dev/shm/${name#/}"
	run -0 --separate-stderr shm rm -v "$name"
	[ "$output" = "removed $shown: size 0, owner root" ]
	[ -z "$stderr" ]
	run -0 shm create 4K "$name"
	run -0 shm attach "$name"
	[ "$output" = "$shown: mapped at ${output#*mapped at }" ]
	[[ "$output" == *", size 4096" ]]
}
