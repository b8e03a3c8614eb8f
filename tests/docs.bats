#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Documentation: every command has a lint-clean man page, a line in
# shmtool(1) and a place in all three completions; the bash completion
# really completes.

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

@test "every command and option is in the bash, zsh and fish completions" {
	local c o cmds opts
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		grep -q "\b$c\b" "$SHMTOOL_SRCDIR/completions/bash/shmtool"
		grep -q "^	$c)" "$SHMTOOL_SRCDIR/completions/zsh/_shmtool"
		grep -q "subcommand_from.*\b$c\b" "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish"
		lines_of opts options_of "$c"
		for o in "${opts[@]}"; do
			grep -q -- "^	$c) .*$o\b" "$SHMTOOL_SRCDIR/completions/bash/shmtool" ||
				{ echo "bash: $c $o"; return 1; }
			grep -q -- "^	$c) .*'$o\b\|^	$c) .*,$o\b" "$SHMTOOL_SRCDIR/completions/zsh/_shmtool" ||
				{ echo "zsh: $c $o"; return 1; }
			grep -q -- "subcommand_from[^\"]*\b$c\b.* -l ${o#--}\b" "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish" ||
				grep -q -- "for c in.*\b$c\b" "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish" ||
				{ echo "fish: $c $o"; return 1; }
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

@test "every global option is in shmtool(1) and in the bash, zsh and fish completions" {
	local o n=0
	for o in $(global_options); do
		n=$((n + 1))
		grep -q -- "^\.It .*Fl ${o#-}\b" "$MANDIR/shmtool.1" ||
			{ echo "shmtool.1: $o"; return 1; }
		grep -q -- "^	local globals=\".*$o\b" "$SHMTOOL_SRCDIR/completions/bash/shmtool" ||
			{ echo "bash: $o"; return 1; }
		grep -q -- "^_shmtool_globals=(.*'[^']*$o[=[]" "$SHMTOOL_SRCDIR/completions/zsh/_shmtool" ||
			{ echo "zsh: $o"; return 1; }
		grep -q -- "not __fish_seen_subcommand_from.* -l ${o#--}\b" "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish" ||
			{ echo "fish: $o"; return 1; }
	done
	# --help, --version and --ns: the section was found.
	[ "$n" -eq 3 ]
}

complete_words() {
	# Runs the bash completion for the words given; prints COMPREPLY.
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_shmtool
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SHMTOOL_SRCDIR/completions/bash/shmtool" "$@"
}

@test "bash completion: commands, options, column lists" {
	run -0 complete_words shmtool li
	[ "$output" = "limits" ]
	run -0 complete_words shmtool limits --j
	[ "$output" = "--json" ]
	run -0 complete_words shmtool stat -o SI
	[ "$output" = "SIZE" ]
	run -0 complete_words shmtool stat -o KEY,SI
	[ "$output" = "KEY,SIZE" ]
}

@test "bash completion: live shmids from the segment table" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 complete_words shmtool rm ""
	[ "$(echo "$output" | sort -n | tr '\n' ' ')" = "0 1 32769 " ]
}

@test "bash completion: the global --ns takes a PID or a path, then the command" {
	run -0 complete_words shmtool --n
	[ "$output" = "--ns" ]
	run -0 complete_words shmtool --ns ""
	grep -qx "$$" <<< "$output"
	run -0 complete_words shmtool --ns /pro
	[ "$output" = "/proc" ]
	run -0 complete_words shmtool --ns 1 li
	[ "$output" = "limits" ]
	run -0 complete_words shmtool --ns 1 stat --all-n
	[ "$output" = "--all-namespaces" ]
	run -0 complete_words shmtool who -o ID,NSP
	[ "$output" = "ID,NSPID" ]
}

# POSIX shared memory objects (/NAME).

@test "bash completion: /name completes the objects of /dev/shm, not semaphores, links or directories" {
	# The objects are the test's own, in its private /dev/shm.
	ns_setup
	in_ns sh -c 'cd /dev/shm && : > app && : > apple && : > sem.app && ln -s app applink && mkdir appdir'
	run -0 in_ns bash -c '
		source "$1"
		COMP_WORDS=(shmtool dump /ap); COMP_CWORD=2
		_shmtool
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SHMTOOL_SRCDIR/completions/bash/shmtool"
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "/app /apple " ]
}
