#!/usr/bin/env bats
# The command frame: dispatch, --help of every command, usage errors,
# exit statuses and standard output errors.

load test_helper

commands() {
	"$SHMTOOL" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'
}

@test "--help lists every command with a summary, exit 0" {
	run -0 shm --help
	[[ "$output" == "Usage: shmtool "* ]]
	for c in stat who create attach set rm dump write limits; do
		[[ "$output" == *"  $c "* ]]
	done
}

@test "--version prints the version, exit 0" {
	run -0 shm --version
	[[ "$output" =~ ^shmtool\ [0-9]+\.[0-9]+ ]]
}

@test "every command's --help: synopsis and options on stdout, exit 0" {
	local c n=0
	for c in $(commands); do
		run -0 shm "$c" --help
		[[ "${lines[0]}" == "Usage: shmtool $c"* ]]
		[[ "$output" == *"--help"* ]]
		run -0 shm "$c" -h
		n=$((n + 1))
	done
	[ "$n" -eq 9 ]
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
	local c
	for c in $(commands); do
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
