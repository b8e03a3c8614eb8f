#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The bad-input matrix.  Every option of every command that takes a
# number (size, offset, length, duration, mode, key, uid, address, byte)
# gets the same twelve values; then unknown options, missing option
# arguments, missing and extra operands, and every malformed TARGET for
# every command that takes one.  An invalid value is exactly one line on
# standard error that names it and ends with the --help hint, nothing on
# standard output, exit 2 - and nothing done: the segment table and
# /dev/shm are the same afterwards, and so are the bytes of the segment
# a write was aimed at.  A valid value runs: exit 0, or exit 1 with one
# line saying what refused it.

load test_helper

# The values, by name, so that the table below can list them.
declare -gA VAL=(
	[neg]=-1 [zero]=0 [2^31]=2147483648 [2^63]=9223372036854775808
	[2^64]=18446744073709551616 [empty]="" [blank1]=" 1" [1x]=1x [0x]=0x
	[1e3]=1e3 [16E]=16E [99999999999G]=99999999999G
)
ALL_NAMES=(neg zero 2^31 2^63 2^64 empty blank1 1x 0x 1e3 16E 99999999999G)
# The invalid values tried.  Under `make valgrind` (a $SHMTOOL_WRAPPER)
# each run costs a second, in the sanitizer build a tenth: four of them,
# one of each kind of error, take every parser through its error paths;
# the valid values all still run.  The plain build tries them all.
NAMES=("${ALL_NAMES[@]}")
[ -z "${SHMTOOL_WRAPPER:-}${SHMTOOL_SANITIZERS:-}" ] || NAMES=(neg 2^64 blank1 16E)

# "ARGS | NAME:STATUS ..." - in ARGS, @V@ is the value and @ID@ a segment
# of 8 KiB; after the bar, the values that are valid there, each with
# the exit status it has (01: either, depending on the build or the
# namespace; -: valid, but not run here).  Every value not listed must
# be a usage error.
ROWS_create=(
	"create @V@ | 2^31:0 2^63:1"
	"create --mode @V@ 4K | zero:0"
	"create -m @V@ 4K | zero:0"
	"create --hugetlb=@V@ 4K |"
	# Unmapped in a user namespace (a normal user's run): exit 1.
	"create --owner @V@ 4K | zero:0 2^31:01"
	"create --owner 0:@V@ 4K | zero:0 2^31:01"
	"create 4K key:@V@ | neg:0 2^31:0"
	# Only an all-digit last part is PROJ: the rest is part of PATH,
	# which does not exist here.
	"create 4K ftok:@DIR@:@V@ | neg:1 zero:0 empty:1 blank1:1 1x:1 0x:1 1e3:1 16E:1 99999999999G:1"
)
ROWS_attach=(
	# 2^31 may be taken (AddressSanitizer's shadow memory is there).
	"attach --address @V@ @ID@ | zero:0 2^31:01 2^63:1"
	"attach -a @V@ @ID@ | zero:0 2^31:01 2^63:1"
	# Valid durations hold (0: until a signal); attach.bats runs those.
	"attach --hold=@V@ @ID@ | zero:- 2^31:-"
)
ROWS_dump=(
	"dump --offset @V@ @ID@ | zero:0 2^31:1 2^63:1"
	"dump -s @V@ @ID@ | zero:0 2^31:1 2^63:1"
	"dump --length @V@ @ID@ | zero:0 2^31:1 2^63:1"
	"dump -n @V@ @ID@ | zero:0 2^31:1 2^63:1"
)
ROWS_write=(
	"write --offset @V@ @ID@ x | zero:0 2^31:1 2^63:1"
	"write -s @V@ @ID@ x | zero:0 2^31:1 2^63:1"
	"write --zero --length @V@ @ID@ | zero:0 2^31:1 2^63:1"
	"write --fill 0x41 -n @V@ @ID@ | zero:0 2^31:1 2^63:1"
	"write --fill @V@ @ID@ | zero:0"
)
ROWS_set=(
	"set --mode @V@ @ID@ | zero:0"
	"set -m @V@ @ID@ | zero:0"
	"set --owner @V@ @ID@ | zero:0 2^31:01"
	"set --owner 0:@V@ @ID@ | zero:0 2^31:01"
)
# --all-namespaces would read the machine's namespaces: not run here.
ROWS_metrics=(
	"metrics --owners @V@ | zero:0"
	"metrics --all-namespaces --namespaces @V@ | zero:-"
)
# watch runs until stopped: --timeout 0 ends it after its first look
# (a --count not reached by then is exit 1, one line).
ROWS_watch=(
	"watch --timeout 0 --interval @V@ | 2^31:0"
	"watch --timeout 0 --count @V@ | 2^31:1 2^63:1"
	"watch --timeout @V@ | zero:0 2^31:-"
)
# The filters are the same code in stat, who and rm; rm acts on them.
filter_rows() {
	local c=$1
	echo "$c --older-than @V@ | zero:0 2^31:0"
	echo "$c --larger-than @V@ | zero:0 2^31:0 2^63:0"
	echo "$c --key @V@ | neg:0 2^31:0"
	echo "$c --owner @V@ | zero:0 2^31:0"
	echo "$c --creator @V@ | zero:0 2^31:0"
}

# What a command could have changed: the segment table and /dev/shm.
state() {
	in_ns sh -c 'cat /proc/sysvipc/shm; ls -A /dev/shm'
}

# A live 8 KiB segment with known contents in $ID, again after a valid
# value that may have removed it or written to it (it may also have
# changed its mode or owner: root fills it all the same).
live_seg() {
	if [ -z "${ID:-}" ] || ! proc_field "$ID" key >/dev/null 2>&1; then
		ID=$(mkseg 8192 0600)
	fi
	shm write --fill 0x5a "$ID"
}

# row_args ROW NAME: the row's arguments with value NAME, in ARGS.
row_args() {
	local w v=${VAL[$2]}
	local -a words
	read -r -a words <<< "${1%%|*}"
	ARGS=()
	for w in "${words[@]}"; do
		w=${w//@ID@/$ID}
		w=${w//@DIR@/$BATS_TEST_TMPDIR/ftok}
		ARGS+=("${w//@V@/"$v"}")
	done
}

# The exit status the row gives value NAME, or nothing: a usage error.
row_status() {
	local valid=" ${1#*|} "
	[[ "$valid" == *" $2:"* ]] || return 0
	valid=${valid#* "$2":}
	echo "${valid%% *}"
}

# An invalid value: exit 2, one line that quotes it, nothing on stdout.
check_invalid() {
	local cmd=$1 v=$2
	shift 2
	run -2 --separate-stderr shm "$@" </dev/null
	[ -z "$output" ] && [ "${#stderr_lines[@]}" -eq 1 ] &&
	    [[ "$stderr" == "shmtool: $cmd: "*"'"*"$v"*"'"*" (try 'shmtool $cmd --help')" ]] ||
		{ echo "invalid: ${*@Q}: stdout '$output', stderr '$stderr'"; return 1; }
}

# A valid value: the status the row says; refused, one line that is no
# usage error.
check_valid() {
	local cmd=$1 want=$2
	shift 2
	case $want in
	-)	return 0 ;;
	0)	run -0 --separate-stderr shm "$@" </dev/null ;;
	1)	run -1 --separate-stderr shm "$@" </dev/null ;;
	*)	run --separate-stderr shm "$@" </dev/null
		[[ "$want" == *"$status"* ]] ||
			{ echo "valid: ${*@Q}: status $status: $stderr"; return 1; } ;;
	esac
	if [ "$status" -eq 1 ]; then
		[ "${#stderr_lines[@]}" -eq 1 ] && [[ "$stderr" == "shmtool: $cmd: "* ]] &&
		    [[ "$stderr" != *"--help')" ]] ||
			{ echo "valid: ${*@Q}: $stderr"; return 1; }
	fi
}

# Each row: first every invalid value, then the table, /dev/shm and (for
# write) the contents are compared with before; then the valid values,
# each on a fresh segment (they may act on it).
run_rows() {
	local row name cmd want before after sum n=0
	for row in "$@"; do
		cmd=${row%% *}
		live_seg
		sum=
		if [ "$cmd" = write ]; then
			sum=$(shm dump --sha256 "$ID")
		fi
		before=$(state)
		for name in "${NAMES[@]}"; do
			[ -z "$(row_status "$row" "$name")" ] || continue
			row_args "$row" "$name"
			check_invalid "$cmd" "${VAL[$name]}" "${ARGS[@]}"
			n=$((n + 1))
		done
		after=$(state)
		[ "$before" = "$after" ] ||
			{ echo "$row: changed the table:"; diff <(echo "$before") <(echo "$after"); return 1; }
		if [ -n "$sum" ]; then
			[ "$(shm dump --sha256 "$ID")" = "$sum" ] ||
				{ echo "$row: changed the contents"; return 1; }
		fi
		for name in "${ALL_NAMES[@]}"; do
			want=$(row_status "$row" "$name")
			[ -n "$want" ] || continue
			row_args "$row" "$name"
			check_valid "$cmd" "$want" "${ARGS[@]}"
			live_seg
			n=$((n + 1))
		done
	done
	# The table is not empty by accident.
	[ "$n" -ge $(($# * ${#NAMES[@]})) ]
}

@test "matrix: create SIZE, --mode, --hugetlb, --owner, key: and ftok: PROJ" {
	mkdir "$BATS_TEST_TMPDIR/ftok"
	run_rows "${ROWS_create[@]}"
}

@test "matrix: attach --address and --hold" {
	run_rows "${ROWS_attach[@]}"
}

@test "matrix: dump --offset and --length" {
	run_rows "${ROWS_dump[@]}"
}

@test "matrix: write --offset, --length and --fill; the contents stay" {
	run_rows "${ROWS_write[@]}"
}

@test "matrix: set --mode and --owner" {
	run_rows "${ROWS_set[@]}"
}

@test "matrix: metrics --owners and --namespaces" {
	run_rows "${ROWS_metrics[@]}"
}

@test "matrix: watch --interval, --count and --timeout" {
	run_rows "${ROWS_watch[@]}"
}

@test "matrix: the filters of stat, who, rm and watch" {
	local c rows
	for c in stat who rm "watch --timeout 0"; do
		mapfile -t rows < <(filter_rows "$c")
		run_rows "${rows[@]}"
	done
}

@test "valid but beyond a limit: exit 1 naming the limit, nothing created" {
	local before
	before=$(state)
	run -1 --separate-stderr shm create 9223372036854775808
	[ "$stderr" = "shmtool: create: size 9223372036854775808 exceeds the largest file the kernel can make (8E - 1)" ]
	in_ns sh -c 'echo 1073741824 > /proc/sys/kernel/shmmax'
	run -1 --separate-stderr shm create 2147483648
	[ "$stderr" = "shmtool: create: size 2147483648 exceeds SHMMAX (1.0G)" ]
	[ "$(state)" = "$before" ]
	ID=$(mkseg 8192 0600)
	run -1 --separate-stderr shm write --zero --length 2147483648 "$ID"
	[ "$stderr" = "shmtool: write: id $ID: needs 2147483648 bytes, 8192 available at offset 0" ]
	run -1 --separate-stderr shm dump --offset 9223372036854775808 "$ID"
	[ "$stderr" = "shmtool: dump: id $ID: offset 9223372036854775808 is beyond the end of the segment (size 8192)" ]
}

@test "an address beyond the address space: exit 1 naming the segment and the address" {
	ID=$(mkseg 8192 0600)
	run -1 --separate-stderr shm attach --address 9223372036854775808 "$ID"
	[ "$stderr" = "shmtool: attach: id $ID: no room at address 0x8000000000000000 (beyond the address space, or too close to its end)" ]
	[ "$(proc_field "$ID" nattch)" = 0 ]
}

# usage_one CMD ARGS...: exit 2, one line on stderr for CMD ending with
# the hint, nothing on stdout.  Callers compare state() around a batch.
usage_one() {
	run -2 --separate-stderr shm "$@" </dev/null
	[ -z "$output" ] && [ "${#stderr_lines[@]}" -eq 1 ] &&
	    [[ "$stderr" == "shmtool: $1: "*" (try 'shmtool $1 --help')" ]] ||
		{ echo "${*@Q}: stdout '$output', stderr '$stderr'"; return 1; }
}

@test "unknown short options, and arguments to options that take none: exit 2, named" {
	local c before cmds
	lines_of cmds commands
	ID=$(mkseg 8192 0600)
	before=$(state)
	for c in "${cmds[@]}"; do
		usage_one "$c" -Q "$ID"
		[[ "$stderr" == *"unknown option '-Q'"* ]]
		# A byte that is no character is escaped, not printed raw.
		usage_one "$c" $'-\001' "$ID"
		[[ "$stderr" == *"unknown option '-\\x01'"* ]]
	done
	# getopt reports these with the option's value, which is no
	# character for options without a short form.
	local -A noarg=([create]=--json [attach]=--rnd [dump]=--vis [write]=--nul
		[stat]=--json [who]=--raw [set]=--lock [rm]=--all [limits]=--bytes
		[metrics]=--syslog [watch]=--existing)
	for c in "${cmds[@]}"; do
		usage_one "$c" "${noarg[$c]}=1" "$ID"
		[[ "$stderr" == *"option '${noarg[$c]}' takes no argument"* ]]
	done
	usage_one stat --js=1
	[[ "$stderr" == *"option '--json' takes no argument"* ]]
	run -2 --separate-stderr shm --help=1
	[ "$stderr" = "shmtool: option '--help' takes no argument (try 'shmtool --help')" ]
	[ "$(state)" = "$before" ]
}

@test "unknown options with newlines or escapes: still one line, escaped" {
	local before
	before=$(state)
	usage_one stat $'--a\nb'
	[ "$stderr" = "shmtool: stat: unknown option '--a\\nb' (try 'shmtool stat --help')" ]
	usage_one create $'1\e[2J\n'
	[[ "$stderr" == *"invalid size '1\\e[2J\\n'"* ]]
	[ "$(state)" = "$before" ]
}

@test "every option that takes an argument, given none: exit 2, named" {
	local c o n=0 before cmds
	lines_of cmds commands
	ID=$(mkseg 8192 0600)
	before=$(state)
	for c in "${cmds[@]}"; do
		# "-s, --offset N" and "--older-than DURATION" in --help.
		for o in $("$SHMTOOL" "$c" --help |
		    grep -oE -- '^ +(-[a-zA-Z], )?--[a-z-]+ [A-Z]' |
		    grep -oE -- '-[a-zA-Z]\b|--[a-z-]+'); do
			usage_one "$c" "$ID" "$o"
			[[ "$stderr" == *"option '$o' needs an argument"* ]]
			n=$((n + 1))
		done
	done
	[ "$n" -ge 30 ]
	[ "$(state)" = "$before" ]
}

@test "missing operands: exit 2 for every command that needs one" {
	local before
	mkseg 8192 0600
	before=$(state)
	usage_one create
	usage_one create --mode 0600
	usage_one attach
	usage_one attach --read-only
	usage_one dump
	usage_one dump --sha256
	usage_one write
	usage_one write --zero
	usage_one set --mode 0600
	usage_one rm
	usage_one rm --force
	[[ "$stderr" == *"nothing to remove"* ]]
	[ "$(state)" = "$before" ]
}

@test "extra operands: exit 2 naming the first one, nothing done" {
	local before
	ID=$(mkseg 8192 0600)
	before=$(state)
	usage_one create 4K key:0x10 extra
	[[ "$stderr" == *"extra operand 'extra'"* ]]
	usage_one attach "$ID" "$ID"
	usage_one dump "$ID" extra
	usage_one write "$ID" data extra
	[[ "$stderr" == *"extra operand 'extra'"* ]]
	usage_one limits extra
	usage_one rm --all "$ID"
	usage_one rm --unattached "$ID"
	[[ "$stderr" == *"TARGET operands exclude --all, --posix, --all-types and filters"* ]]
	[ "$(state)" = "$before" ]
}

@test "every malformed TARGET, for every command that takes one: exit 2, named" {
	local c t n=0 before
	local -a pre
	local -a bad=("" " 1" 1x 1e3 2147483648 18446744073709551616 x - 0x10
		id: id:x id:-1 id:1x "id: 1" key: key:0 key:0x key:0x1g key:4294967296
		key:-2147483649 key:08 key:1e3
		/ // //x /a/ /a/b /. /.. "/$(printf 'a%.0s' {1..256})")
	# Under a wrapper or the sanitizers (see NAMES), every third one.
	if [ -n "${SHMTOOL_WRAPPER:-}${SHMTOOL_SANITIZERS:-}" ]; then
		for t in "${!bad[@]}"; do
			[ $((t % 3)) -eq 0 ] || unset "bad[$t]"
		done
	fi
	ID=$(mkseg 8192 0600)
	before=$(state)
	for c in stat who attach set rm dump write; do
		pre=()
		if [ "$c" = set ]; then
			pre=(--mode 0640)
		fi
		for t in "${bad[@]}"; do
			usage_one "$c" "${pre[@]}" -- "$t"
			[[ "$stderr" == *"invalid target '$t'"* ]] ||
				{ echo "$c: $t: $stderr"; return 1; }
			# After a good TARGET: still nothing done.
			case $c in
			set|rm)
				usage_one "$c" "${pre[@]}" -- "$ID" "$t" ;;
			esac
			n=$((n + 1))
		done
	done
	[ "$n" -ge $((7 * ${#bad[@]})) ]
	[ "$(state)" = "$before" ]
}
