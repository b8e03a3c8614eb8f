#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The shell completions, driven in the real shells (tests/complete-in):
# bash, zsh and fish all ask `shmtool __complete`, which answers from
# the command table.  The matrix below is made from its own listing of
# every command's options and operands, so a new option or command is
# covered as soon as it is in a table; the cases of issue 17 are named.
# Each test completes the segments and objects of its own namespaces.

load test_helper

# The segment and the object each test makes: TARGETS, sorted.
make_targets() {
	local id
	id=$(shm create 4096)
	shm create 4096 /comp-obj >/dev/null
	SEG=$id
	TARGETS=$(printf '%s\n' "$id" /comp-obj | LC_ALL=C sort)
}

# The rows of the matrix, one a line: KIND<TAB>COMMAND<TAB>WORDS<TAB>LINE,
# LINE to be completed at its end, KIND what it should offer: for each
# command, each option that takes an argument (long, short, and --NAME=
# for an optional one) and each operand, then the position after the
# last one it takes.
matrix() {
	local c ops name short arg kind words desc line i
	local -a kinds
	while IFS=$'\t' read -r c ops desc; do
		while IFS=$'\t' read -r name short arg kind words desc; do
			case $arg in
			required)
				printf '%s\t%s\t%s\t%s\n' "$kind" "$c" "$words" "shmtool $c $name "
				if [ "$short" != - ]; then
					printf '%s\t%s\t%s\t%s\n' "$kind" "$c" "$words" "shmtool $c $short "
				fi ;;
			optional)
				printf '%s\t%s\t%s\t%s\n' "$kind" "$c" "$words" "shmtool $c $name=" ;;
			esac
		done < <("$SHMTOOL" __complete options "$c")
		kinds=()
		if [ "$ops" != - ]; then
			read -r -a kinds <<< "${ops//.../}"
		fi
		line="shmtool $c "
		for i in "${!kinds[@]}"; do
			printf '%s\t%s\t-\t%s\n' "${kinds[i]}" "$c" "$line"
			line+="$(sample "${kinds[i]}") "
		done
		if [[ $ops == *... ]]; then
			printf '%s\t%s\t-\t%s\n' "${kinds[-1]}" "$c" "$line"
		else
			printf 'none\t%s\t-\t%s\n' "$c" "$line"
		fi
	done < <("$SHMTOOL" __complete commands)
}

# An operand of KIND, to complete what comes after it.
sample() {
	case $1 in
	target) echo "$SEG" ;;
	number) echo 4096 ;;
	*) echo x ;;
	esac
}

# kind_ok KIND COMMAND WORDS: $got (the candidates, sorted) is what an
# argument of KIND offers.
kind_ok() {
	case $1 in
	columns | column)
		[ "$got" = "$("$SHMTOOL" __complete columns "$2" | cut -f1 | LC_ALL=C sort)" ] ;;
	word)
		[ "$got" = "$(tr ' ' '\n' <<< "$3" | LC_ALL=C sort)" ] ;;
	target)
		[ "$got" = "$TARGETS" ] ;;
	file)
		grep -qx probe-file <<< "$got" && grep -qx probe-dir <<< "$got" ;;
	dir)
		grep -qx probe-dir <<< "$got" && ! grep -qx probe-file <<< "$got" ;;
	user)
		grep -qx root <<< "$got" ;;
	none | number | duration | mode | key | address | text)
		[ -z "$got" ] ;;
	*)
		echo "no expectation for the kind '$1': add one to kind_ok" >&2
		return 1 ;;
	esac
}

# check_matrix SHELL: every row of the matrix completed in SHELL.
check_matrix() {
	local -a rows
	local i kind c words line prefix got
	lines_of rows matrix
	# Not vacuous: some options of each kind the commands have now.
	[ "${#rows[@]}" -ge 60 ]
	run -0 complete_in "$1" < <(printf '%s\n' "${rows[@]}" | cut -f4)
	for i in "${!rows[@]}"; do
		IFS=$'\t' read -r kind c words line <<< "${rows[i]}"
		# What the line's last word already holds (--hugetlb=).
		prefix=${line##* }
		got=$(candidates $((i + 1)) | sed "s/^${prefix//\//\\/}//")
		kind_ok "$kind" "$c" "$words" ||
			{ echo "$1: '$line' should offer a $kind; got: $got"; return 1; }
	done
}

@test "bash: every option's argument and every operand completes to its kind, for every command" {
	require_shell bash
	make_targets
	check_matrix bash
}

@test "zsh: every option's argument and every operand completes to its kind, for every command" {
	require_shell zsh
	make_targets
	check_matrix zsh
}

@test "fish: every option's argument and every operand completes to its kind, for every command" {
	require_shell fish
	make_targets
	check_matrix fish
}

# The cases of issue 17, each a line to complete and what it must offer
# exactly (words separated by spaces; '' for nothing), or !WORD: some
# candidates, never WORD.
ISSUE17=(
	"rm -f offers targets, not files (-f is --force)|shmtool rm -f |TARGETS"
	"dump -f offers the formats, not files (-f is --format)|shmtool dump -f |hex raw string"
	"dump ID --output offers files|shmtool dump SEG --output probe-f|probe-file"
	"dump -o offers files, not targets or columns|shmtool dump -o |probe-dir probe-file"
	"stat --posix offers no segment ids (a TARGET names its kind)|shmtool stat --posix |"
	"rm --posix offers no segment ids (no TARGET with it)|shmtool rm --posix |"
	"dump 0 -n offers nothing (a length)|shmtool dump SEG -n |"
	"dump takes one TARGET: nothing after it|shmtool dump SEG |"
	"stat -o SIZE, offers the other columns|shmtool stat -o SIZE,NATT|SIZE,NATTCH"
	"stat -o SIZE, leaves out SIZE|shmtool stat -o SIZE,SIZ|"
	"--output=LIST the same|shmtool who --output=ID,NSP|--output=ID,NSPID"
	"rm offers its own options: no --all-namespaces|shmtool rm --|!--all-namespaces"
	"stat offers --all-namespaces|shmtool stat --all-n|--all-namespaces"
	"after a TARGET, rm offers no --all or filter|shmtool rm SEG --|--dry-run --force --help --json --syslog --verbose"
	"after --posix, stat offers no segment filter|shmtool stat --posix --ke|"
	"more TARGETs after one|shmtool stat SEG |TARGETS"
	"after --, no options but targets|shmtool stat -- /comp|/comp-obj"
	"owner:group completes groups|shmtool set --owner root:roo|root:root"
	"--hold takes its DURATION after =|shmtool attach SEG --hold |"
)

# check_issue17 SHELL
check_issue17() {
	local i why line want
	run -0 complete_in "$1" < <(for i in "${ISSUE17[@]}"; do
		line=${i#*|}
		line=${line%|*}
		echo "${line//SEG/$SEG}"
	done)
	for i in "${!ISSUE17[@]}"; do
		IFS='|' read -r why line want <<< "${ISSUE17[i]}"
		want=${want//TARGETS/$TARGETS}
		got=$(candidates $((i + 1)) | tr '\n' ' ')
		if [[ $want == !* ]]; then
			[[ -n $got && " $got" != *" ${want#!} "* ]] ||
				{ echo "$1: $why: '$line' offered '$got'"; return 1; }
			continue
		fi
		[ "$got" = "$(tr ' ' '\n' <<< "$want" | grep . | LC_ALL=C sort | tr '\n' ' ')" ] ||
			{ echo "$1: $why: '${line//SEG/$SEG}' offered '$got', not '$want'"; return 1; }
	done
}

@test "bash: the completions issue 17 found wrong are right" {
	require_shell bash
	make_targets
	check_issue17 bash
}

@test "zsh: the completions issue 17 found wrong are right" {
	require_shell zsh
	make_targets
	check_issue17 zsh
}

@test "fish: the completions issue 17 found wrong are right" {
	require_shell fish
	make_targets
	check_issue17 fish
}

@test "the scripts pass shellcheck, zsh -n and fish -n" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	run -0 shellcheck -s bash "$SHMTOOL_SRCDIR/completions/bash/shmtool" "$SHMTOOL_SRCDIR/tests/complete-in"
	require_shell zsh
	run -0 zsh -n "$SHMTOOL_SRCDIR/completions/zsh/_shmtool"
	require_shell fish
	run -0 fish -n "$SHMTOOL_SRCDIR/completions/fish/shmtool.fish"
}

# ns_targets SHELL: in a namespace of its own (IPC and mount), a process
# holds two segments and the object /theirs; the --ns typed on the line
# makes TARGET complete them, not the test's /ours.
ns_targets() {
	# Not ns-ready: ns_setup's file of that name exists already.
	local ready=$BATS_TEST_TMPDIR/targets-ready
	shm create 4096 /ours >/dev/null
	# shellcheck disable=SC2016
	bg_ns unshare --ipc --mount -- sh -c 'mount -t tmpfs -o size=1m inner /dev/shm &&
		"$1" create 4096 >/dev/null && "$1" create 4096 >/dev/null &&
		"$1" create 4096 /theirs >/dev/null && : > "$2" && exec sleep 600' \
		sh "$SHMTOOL" "$ready"
	wait_for test -e "$ready"
	run -0 complete_in "$1" < <(printf '%s\n' "shmtool --ns $BG_PID dump " \
		"shmtool --ns=$BG_PID stat 1 " "shmtool dump ")
	[ "$(candidates 1 | tr '\n' ' ')" = "/theirs 0 1 " ]
	[ "$(candidates 2 | tr '\n' ' ')" = "/theirs 0 1 " ]
	[ "$(candidates 3 | tr '\n' ' ')" = "/ours " ]
}

@test "bash: with the global --ns typed, TARGET completes that namespace's segments and objects" {
	require_shell bash
	ns_targets bash
}

@test "zsh: with the global --ns typed, TARGET completes that namespace's segments and objects" {
	require_shell zsh
	ns_targets zsh
}

@test "fish: with the global --ns typed, TARGET completes that namespace's segments and objects" {
	require_shell fish
	ns_targets fish
}

@test "a POSIX name the shell could not take back is left out; one with a space or a quote is offered" {
	local bad
	shm create 1 "/a b" >/dev/null
	shm create 1 "/it's" >/dev/null
	for bad in $'/tab\there' $'/new\nline' $'/esc\e[31m'; do
		in_ns touch "/dev/shm/${bad#/}"
	done
	run -0 shm __complete line shmtool dump /
	[ "${lines[0]}" = $'target\t' ]
	[ "$(cut -f1 <<< "$output" | sed 1d | tr '\n' '|')" = "/a b|/it's|" ]
	require_shell bash
	# bash quotes them itself; zsh and fish quote what they insert.
	run -0 complete_in bash <<< "shmtool dump /"
	[ "$(candidates 1 | tr '\n' '|')" = "/a\\ b|/it\\'s|" ]
}

@test "/NAME completes the objects of /dev/shm, not semaphores, links, directories or FIFOs, in each shell" {
	local sh
	in_ns sh -c 'cd /dev/shm && : > app && : > apple && : > sem.app && ln -s app applink && mkdir appdir && mkfifo appfifo'
	for sh in bash zsh fish; do
		require_shell "$sh"
		run -0 complete_in "$sh" <<< "shmtool dump /ap"
		[ "$(candidates 1 | tr '\n' ' ')" = "/app /apple " ] ||
			{ echo "$sh: $(candidates 1 | tr '\n' ' ')"; return 1; }
	done
}

@test "__complete is hidden: in no --help, no man page and no listing of commands" {
	run -0 "$SHMTOOL" --help
	[[ "$output" != *__complete* ]]
	run -1 grep -rl __complete "$SHMTOOL_SRCDIR/man"
	run -0 "$SHMTOOL" __complete commands
	[[ "$output" != *__complete* ]]
	[[ "$output" == *stat* ]]
}

@test "__complete options: six fields an option, with known kinds, for every command and the global options" {
	local c name short arg kind words desc n=0
	local -a cmds
	lines_of cmds "$SHMTOOL" __complete commands
	# The same commands as --help lists, in its order.
	[ "$(printf '%s\n' "${cmds[@]}" | cut -f1)" = "$(commands)" ]
	for c in "" "${cmds[@]%%$'\t'*}"; do
		while IFS=$'\t' read -r name short arg kind words desc; do
			n=$((n + 1))
			[[ $name == --[a-z]* ]] || { echo "$c: name '$name'"; return 1; }
			[[ $short == - || $short == -? ]] || { echo "$c $name: short '$short'"; return 1; }
			case $arg/$kind in
			no/none | required/[a-z]* | optional/[a-z]*) ;;
			*) echo "$c $name: argument '$arg', kind '$kind'"; return 1 ;;
			esac
			[[ $kind == word || $words == - ]] || { echo "$c $name: words '$words'"; return 1; }
			[ -n "$desc" ] || { echo "$c $name: no description"; return 1; }
			[ "$desc" != - ] || { echo "$c $name: no description"; return 1; }
		done < <("$SHMTOOL" __complete options $c)
	done
	[ "$n" -ge 60 ]
}

@test "a command whose usage names a TARGET completes targets (its entry's .operands say so)" {
	local c ops desc n=0
	local -a cmds
	lines_of cmds "$SHMTOOL" __complete commands
	for c in "${cmds[@]}"; do
		IFS=$'\t' read -r c ops desc <<< "$c"
		"$SHMTOOL" "$c" --help | sed -n '1,/^[^ U]/p' | grep -q TARGET || continue
		n=$((n + 1))
		[[ $ops == target* ]] || { echo "$c: usage names TARGET, operands '$ops'"; return 1; }
	done
	# Not vacuous: stat, who, attach, set, rm, dump and write.
	[ "$n" -ge 7 ]
}

@test "__complete reads /proc and /dev/shm only when the answer is targets" {
	command -v strace >/dev/null || skip "strace is not installed"
	local q
	# The words before the cursor's, '|', the cursor's.
	local self='^$'
	# The sanitizers' runtime reads /proc/self/ (maps, environ) as it
	# starts, whatever the command: not shmtool's reading.
	[ -z "${SHMTOOL_SANITIZERS:-}" ] || self='"/proc/self/'
	for q in "stat -o|" "rm|--" "dump -f|" "|" "--ns|" "stat --posix|" "|st"; do
		# shellcheck disable=SC2086
		run -0 strace -f -e trace=%file -o "$BATS_TEST_TMPDIR/trace" \
			"$SHMTOOL" __complete line shmtool ${q%|*} "${q#*|}"
		run -1 grep -E '"/(proc|dev/shm)' <(grep -v -E "$self" "$BATS_TEST_TMPDIR/trace")
	done
	# Not vacuous: the trace shows the reading of targets.
	run -0 strace -f -e trace=%file -o "$BATS_TEST_TMPDIR/trace" \
		"$SHMTOOL" __complete line shmtool dump ""
	run -0 grep -c -E '"/(proc/sysvipc/shm|dev/shm)"' "$BATS_TEST_TMPDIR/trace"
	[ "$output" -eq 2 ]
}

@test "__complete line: the kind and what goes before it, then candidates and what they are" {
	make_targets
	run -0 shm __complete line shmtool stat --output=+SIZE,KEY,NAT
	[ "${lines[0]}" = $'columns\t--output=+SIZE,KEY,' ]
	[ "${lines[1]}" = $'TYPE\tsysv (a segment) or posix (an object)' ]
	[[ "$output" != *$'\nKEY\t'* ]]
	run -0 shm __complete line shmtool dump ""
	[ "${lines[0]}" = $'target\t' ]
	[ "${lines[1]}" = "$SEG"$'\tsegment, key 0x00000000, size 4.0K, owner '"$(user_name 0)" ]
	[ "${lines[2]}" = $'/comp-obj\tobject, size 4.0K, owner '"$(user_name 0)" ]
	run -0 shm __complete line shmtool --ns=/proc/1/ns/i
	[ "${lines[0]}" = $'file\t--ns=' ]
	run -0 shm __complete line shmtool set --owner=root:r
	[ "${lines[0]}" = $'group\t--owner=root:' ]
	run -0 shm __complete line shmtool dump -ofi
	[ "${lines[0]}" = $'file\t-o' ]
	run -0 shm __complete line shmtool rm -vf ""
	[ "${lines[0]}" = $'target\t' ]
	run -0 shm __complete line shmtool nosuchcommand ""
	[ "$output" = $'none\t' ]
	run -2 shm __complete nosuchquery
	run -2 shm __complete line shmtool
}
