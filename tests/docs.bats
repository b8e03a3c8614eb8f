#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Documentation: every command has a lint-clean man page and a line in
# shmtool(1), and its options are in its man page and what bash, zsh and
# fish complete (asked of the shells themselves; tests/completion.bats
# holds the rest of what they complete).

load test_helper

# These read files: no namespaces but for a test that asks for them
# (ns_setup); the shared teardown ends what it made.

# The pages as built (from man/*.1.in, with the version filled in).
MANDIR=${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}/man
setup() { :; }

@test "shmtool(1) passes mandoc -Tlint" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 mandoc -Tlint -Wwarning "$MANDIR/shmtool.1"
}

@test "every command has a lint-clean man page that shmtool(1) lists" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	local c cmds
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		[ -f "$MANDIR/shmtool-$c.1" ]
		run -0 mandoc -Tlint -Wwarning "$MANDIR/shmtool-$c.1"
		grep -q "^\.Xr shmtool-$c 1" "$MANDIR/shmtool.1"
		grep -q "^\.Nm shmtool-$c\$" "$MANDIR/shmtool-$c.1"
	done
}

# Lines of stdin wider than 80 columns, or holding a tab (whose width
# depends on the column it starts at).
too_wide() {
	LC_ALL=C awk 'length > 80 || /\t/ { printf "%d columns: %s\n", length, $0 }'
}

@test "every --help fits 80 columns, with its usage line first" {
	local c n=0
	run -0 "$SHMTOOL" --help
	[[ "${lines[0]}" == "Usage: shmtool "* ]]
	run -0 too_wide <<< "$output"
	[ -z "$output" ] || { echo "shmtool --help: $output"; return 1; }
	for c in $(commands); do
		n=$((n + 1))
		run -0 "$SHMTOOL" "$c" --help
		[[ "${lines[0]}" == "Usage: shmtool $c "* ]] ||
			{ echo "$c: ${lines[0]}"; return 1; }
		run -0 too_wide <<< "$output"
		[ -z "$output" ] || { echo "$c --help: $output"; return 1; }
	done
	# The command list was found.
	[ "$n" -ge 9 ]
}

@test "every option in a command's --help is in its man page" {
	local c o cmds opts
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		lines_of opts options_of "$c"
		for o in "${opts[@]}"; do
			grep -q -- "^\.It .*Fl ${o#-}\b\|Fl ${o#-}\b" "$MANDIR/shmtool-$c.1" ||
				{ echo "$c: $o missing from shmtool-$c.1"; return 1; }
		done
	done
}

# options_of CMD: the long options CMD's --help names, but --help.
options_of() {
	"$SHMTOOL" "$1" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u | grep -vx -- --help
}

# The options before the command, from the Options section of --help.
global_options() {
	"$SHMTOOL" --help | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

@test "every global option is in shmtool(1)" {
	local o n=0
	for o in $(global_options); do
		n=$((n + 1))
		grep -q -- "^\.It .*Fl ${o#-}\b" "$MANDIR/shmtool.1" ||
			{ echo "shmtool.1: $o"; return 1; }
	done
	# --help, --version and --ns: the section was found.
	[ "$n" -eq 3 ]
}

# offers SHELL: each command and each of its options (as --help lists
# them), and the global options, are what SHELL completes - asked of
# the shell itself - and --ns takes a pid or a path before the command.
offers() {
	local c i
	local -a cmds
	lines_of cmds commands
	run -0 complete_in "$1" < <(printf '%s\n' "shmtool " "shmtool --" \
		"shmtool --ns " "shmtool --ns /pro" "shmtool --ns 1 li" \
		"shmtool --ns 1 stat --all" "shmtool stat --all"
		printf 'shmtool %s --\n' "${cmds[@]}")
	[ "$(candidates 1)" = "$(commands | LC_ALL=C sort)" ]
	[ "$(candidates 2)" = "$(global_options | LC_ALL=C sort)" ]
	# Pids: some, and nothing else.
	[ -n "$(candidates 3)" ]
	[ -z "$(candidates 3 | grep -v '^[0-9][0-9]*$')" ]
	[ "$(candidates 4)" = /proc ]
	[ "$(candidates 5)" = limits ]
	# stat refuses --all-namespaces with the global --ns.
	[ "$(candidates 6)" = --all-types ]
	[ "$(candidates 7 | tr '\n' ' ')" = "--all-namespaces --all-types " ]
	i=7
	for c in "${cmds[@]}"; do
		i=$((i + 1))
		[ "$(candidates $i)" = "$( (options_of "$c"; echo --help) | LC_ALL=C sort)" ] ||
			{ echo "$1: shmtool $c --<TAB> offers $(candidates $i | tr '\n' ' ')"; return 1; }
	done
}

@test "bash completes every command, every option of each and the global options" {
	require_shell bash
	offers bash
}

@test "zsh completes every command, every option of each and the global options" {
	require_shell zsh
	offers zsh
}

@test "fish completes every command, every option of each and the global options" {
	require_shell fish
	offers fish
}
