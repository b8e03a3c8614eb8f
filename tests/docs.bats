#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Documentation: every command has a lint-clean man page, a line in
# shmtool(1) and a place in all three completions; the bash completion
# really completes.

load test_helper

# The pages as built (from man/*.1.in, with the version filled in).
MANDIR=${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}/man

setup() { :; }
teardown() { :; }

commands() {
	"$SHMTOOL" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'
}

@test "shmtool(1) passes mandoc -Tlint" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 mandoc -Tlint -Wwarning "$MANDIR/shmtool.1"
}

@test "every command has a lint-clean man page that shmtool(1) lists" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	local c
	for c in $(commands); do
		[ -f "$MANDIR/shmtool-$c.1" ]
		run -0 mandoc -Tlint -Wwarning "$MANDIR/shmtool-$c.1"
		grep -q "^\.Xr shmtool-$c 1" "$MANDIR/shmtool.1"
		grep -q "^\.Nm shmtool-$c\$" "$MANDIR/shmtool-$c.1"
	done
}

@test "every option in a command's --help is in its man page" {
	local c o
	for c in $(commands); do
		for o in $("$SHMTOOL" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			[ "$o" = "--help" ] && continue
			grep -q -- "^\.It .*Fl ${o#-}\b\|Fl ${o#-}\b" "$MANDIR/shmtool-$c.1" ||
				{ echo "$c: $o missing from shmtool-$c.1"; return 1; }
		done
	done
}

@test "every command and option is in the bash, zsh and fish completions" {
	local c o
	for c in $(commands); do
		grep -q "\b$c\b" "$SHMTOOL_SRCDIR/completions/bash/shmtool"
		grep -q "^	$c)" "$SHMTOOL_SRCDIR/completions/zsh/_shmtool"
		grep -q "subcommand_from.*\b$c\b" "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish"
		for o in $("$SHMTOOL" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			[ "$o" = "--help" ] && continue
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
	mkdir -p "$BATS_TEST_TMPDIR/proc/sysvipc"
	cp "$FIXTURES/shm-basic" "$BATS_TEST_TMPDIR/proc/sysvipc/shm"
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/proc run -0 complete_words shmtool rm ""
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
