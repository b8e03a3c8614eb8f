#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The suite's own honesty: tests/bats-lint finds the assertions that
# cannot fail a test (an '&&' list on a line that is not the test's
# last, '|| true' after an assertion, run without a status, '! CMD') and
# helpers defined again outside test_helper.bash.  The suite passes it;
# each fixture in tests/fixtures/lint plants one pattern, and the lint
# names each place, FILE:LINE, and nothing else.

load test_helper

# Reads files only: no namespaces.
setup() {
	cd "$SHMTOOL_SRCDIR"
}

LINT=(python3 tests/bats-lint --helper tests/test_helper.bash)

# lint_finds FIXTURE LINE:RULE...: the lint fails on
# tests/fixtures/lint/FIXTURE.bats, reporting each RULE at its LINE, in
# that order, and nothing else.
lint_finds() {
	local f=tests/fixtures/lint/$1.bats i
	shift
	run -1 "${LINT[@]}" "$f"
	[ "${#lines[@]}" -eq $# ]
	for ((i = 1; i <= $#; i++)); do
		[[ "${lines[i - 1]}" == "$f:${!i%%:*}: ${!i#*:}: "* ]] ||
			{ echo "expected $f:${!i}, got: ${lines[i - 1]}"; return 1; }
	done
}

@test "lint: every suite and test_helper.bash pass, and every @test was read" {
	local -a files
	files=(tests/*.bats tests/test_helper.bash)
	[ "${#files[@]}" -ge 19 ]
	run -0 "${LINT[@]}" --summary "${files[@]}"
	[ "${#lines[@]}" -eq 1 ]
	read -r nfiles _ ntests _ nfuncs _ <<< "$output"
	[ "$output" = "$nfiles files, $ntests tests, $nfuncs functions" ]
	[ "$nfiles" -eq "${#files[@]}" ]
	[ "$ntests" -eq "$(cat tests/*.bats | grep -c '^@test ')" ]
	# Those at the start of a line at least (a test may define its own).
	[ "$nfuncs" -ge "$(cat "${files[@]}" | grep -cE '^[a-z_0-9]+\(\) ')" ]
}

@test "lint: '&&' on a line that is not the test's last, in a test, a function, a loop, a branch" {
	lint_finds and-chain 11:and-chain 12:and-chain 19:and-chain \
	    20:and-chain 21:and-chain 24:and-chain 27:and-chain 29:and-chain
	[[ "${lines[0]}" == *": bash ignores a failure before the last '&&' (one assertion per line)" ]]
}

@test "lint: '|| true', '|| :' and handlers that report without failing" {
	lint_finds or-true 10:or-true 11:or-true 12:or-echo 13:or-echo
}

@test "lint: run without -N or ! whose status nobody reads" {
	lint_finds run-status 10:run-status 12:run-status 13:run-status
}

@test "lint: '! CMD' as a statement" {
	lint_finds bang 9:bang 10:bang
}

@test "lint: a helper of test_helper.bash defined again (setup and teardown excepted)" {
	lint_finds redefined 13:redefined 17:redefined
	[[ "$output" == *"function mkseg is defined in test_helper.bash: use that one"* ]]
}

@test "lint: quotes, here-documents, [[ ]], arrays and handlers that fail are no finding" {
	run -0 "${LINT[@]}" --summary tests/fixtures/lint/clean.bats
	[ "$output" = "1 files, 1 tests, 1 functions" ]
}

@test "lint: a file without a @test, or no file, is an error" {
	printf 'f() {\n\ttrue\n}\n' > "$BATS_TEST_TMPDIR/empty.bats"
	run -1 "${LINT[@]}" "$BATS_TEST_TMPDIR/empty.bats"
	[ "$output" = "$BATS_TEST_TMPDIR/empty.bats:1: no-tests: a .bats file in which no @test block was found" ]
	run -2 "${LINT[@]}"
}
