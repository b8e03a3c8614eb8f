#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The command frame: dispatch, --help of every command, usage errors,
# exit statuses and standard output errors.

load test_helper

@test "--help lists every command with a summary, exit 0" {
	run -0 shm --help
	[[ "$output" == "Usage: shmtool "* ]]
	for c in stat who create attach set rm dump write limits metrics; do
		[[ "$output" == *"  $c "* ]]
	done
}

@test "--version prints the version, exit 0" {
	run -0 shm --version
	[[ "$output" =~ ^shmtool\ [0-9]+\.[0-9]+ ]]
}

@test "every command's --help: synopsis and options on stdout, exit 0" {
	local c n=0 cmds
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		run -0 shm "$c" --help
		[[ "${lines[0]}" == "Usage: shmtool $c"* ]]
		[[ "$output" == *"--help"* ]]
		run -0 shm "$c" -h
		n=$((n + 1))
	done
	[ "$n" -eq 11 ]
}

@test "no command: usage error, exit 2" {
	run -2 shm
	[ "$output" = "shmtool: missing command (try 'shmtool --help')" ]
}

@test "unknown command: exit 2, named" {
	run -2 shm frobnicate
	[ "$output" = "shmtool: unknown command 'frobnicate' (try 'shmtool --help')" ]
}

@test "command names are exact: no prefix matching" {
	run -2 shm lim
	[[ "$output" == *"unknown command 'lim'"* ]]
	run -2 shm LIMITS
}

@test "unknown global option: exit 2" {
	run -2 shm --bogus limits
	[ "$output" = "shmtool: unknown option '--bogus' (try 'shmtool --help')" ]
	run -2 shm -Q limits
	[ "$output" = "shmtool: unknown option '-Q' (try 'shmtool --help')" ]
}

@test "unknown command option: one line naming it and the help, exit 2" {
	local c cmds
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		run -2 shm "$c" --no-such-option
		[ "$output" = "shmtool: $c: unknown option '--no-such-option' (try 'shmtool $c --help')" ]
	done
}

@test "extra operand: exit 2" {
	run -2 shm limits extra
	[ "$output" = "shmtool: limits: extra operand 'extra' (try 'shmtool limits --help')" ]
}

@test "write error on stdout (/dev/full): message and exit 1" {
	run -1 bash -c '"$@" > /dev/full' _ "${NS_ENTER[@]}" -- "$SHMTOOL" limits
	[[ "$output" == *"shmtool: limits: write error on standard output"* ]]
	run -1 bash -c '"$@" > /dev/full' _ "${NS_ENTER[@]}" -- "$SHMTOOL" --help
}

@test "a reader that leaves early ends shmtool quietly (SIGPIPE)" {
	run -0 bash -c 'set -o pipefail; "$@" limits | head -c 1 >/dev/null; s=${PIPESTATUS[0]}; [ "$s" -eq 0 ] || [ "$s" -eq 141 ]' _ "${NS_ENTER[@]}" -- "$SHMTOOL"
	[ -z "$output" ]
}

@test "SIGPIPE ignored by the parent: still quiet, no error message" {
	run -0 bash -c 'trap "" PIPE; "$@" limits | head -c 1 >/dev/null; true' _ "${NS_ENTER[@]}" -- "$SHMTOOL"
	[ -z "$output" ]
}

@test "global options stop at the command name" {
	run -0 shm limits --json
	[[ "$output" == "{"* ]]
}

# A copy of shmtool installed MODE (4755, 2755) in the test's private
# /dev/shm, which nobody can reach (the bats temporary directories are
# root's alone) and which is mounted without nosuid.
setid_copy() {
	require_root
	in_ns findmnt -no OPTIONS /dev/shm | grep -qw nosuid &&
		skip "the test's /dev/shm is mounted nosuid: set-id bits would be ignored"
	in_ns cp "$SHMTOOL" /dev/shm/shmtool-setid
	in_ns chown root:root /dev/shm/shmtool-setid
	in_ns chmod "$1" /dev/shm/shmtool-setid
}

# refused_setid IDS: the one line of the refusal, naming the ids.  (The
# leak checker of a sanitizer build cannot look at a set-id process, and
# says so on lines of its own afterwards.)
refused_setid() {
	[ "${stderr_lines[0]}" = "shmtool: refusing to run set-user-ID, set-group-ID or with file capabilities ($1): install shmtool without them" ]
	[ -n "${SHMTOOL_SANITIZERS:-}" ] || [ "${#stderr_lines[@]}" -eq 1 ]
}

@test "installed setuid root and run by nobody: refused before anything, exit 1" {
	setid_copy 4755
	id=$(shm create 4K)
	run -1 --separate-stderr as_nobody /dev/shm/shmtool-setid rm --all --force
	[ -z "$output" ]
	refused_setid "uid 65534, euid 0, gid 65534, egid 65534"
	[ "$(proc_field "$id" size)" = 4096 ]
	# Even --help and --version, and a bad command: nothing is looked at.
	run -1 --separate-stderr as_nobody /dev/shm/shmtool-setid --help
	[ -z "$output" ]
	run -1 --separate-stderr as_nobody /dev/shm/shmtool-setid no-such-command
	refused_setid "uid 65534, euid 0, gid 65534, egid 65534"
	# Root running it gains nothing from the bit: it runs.
	run -0 in_ns /dev/shm/shmtool-setid stat -o ID --noheadings
	[ "$output" = "$id" ]
}

@test "installed setgid root and run by nobody: refused, exit 1" {
	setid_copy 2755
	run -1 --separate-stderr as_nobody /dev/shm/shmtool-setid limits
	refused_setid "uid 65534, euid 65534, gid 65534, egid 0"
}

@test "with file capabilities and run by nobody: refused (the kernel's AT_SECURE), exit 1" {
	command -v setcap >/dev/null || skip "setcap is not installed"
	setid_copy 0755
	in_ns setcap cap_ipc_owner+ep /dev/shm/shmtool-setid ||
		skip "the test's /dev/shm does not keep file capabilities"
	id=$(shm create --mode 0600 4K)
	run -1 --separate-stderr as_nobody /dev/shm/shmtool-setid dump --sha256 "$id"
	[ -z "$output" ]
	refused_setid "uid 65534, euid 65534, gid 65534, egid 65534"
}
