#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The permission matrix: segments and POSIX objects owned by root (group
# root) with modes 0600, 0640, 0644 and 0666, and nobody, in no group,
# trying every command on them.  Listing and detail always work; reading, writing and
# attaching work exactly where the kernel allows them; changing and
# removing never (nobody is neither owner nor creator, and has no
# CAP_SYS_ADMIN).  Every refusal is exit 1 with one line that names the
# segment, its owner and its mode, and changes nothing: the segment's
# row in /proc/sysvipc/shm and its SHA-256 are the same afterwards.

load test_helper

setup() {
	require_root
	ns_setup
}

MODES=(0600 0640 0644 0666)

# What nobody may do to a root:root segment of each mode (the kernel's
# rule: read needs r, write rw, for "other" - nobody is in no group).
declare -gA MAY=(
	[0600]=""
	[0640]=""
	[0644]="read"
	[0666]="read write"
)

# The row without rss and swap, read from the table, not through shmat
# (which would rewrite lpid and the attach time).
row() {
	in_ns awk -v id="$1" '$2 == id { NF = 14; print }' /proc/sysvipc/shm
}

# One segment of each mode, filled with its own data; IDS[mode] = id.
declare -gA IDS
make_segments() {
	local m
	for m in "${MODES[@]}"; do
		IDS[$m]=$(shm create --mode "$m" 4K)
		shm write "${IDS[$m]}" "root's data in $m"
	done
}

# refused MODE CMD ARGS...: nobody runs shmtool CMD ARGS... on the
# segment of MODE ("@" in ARGS is its id): exit 1, one line naming the
# segment (as "id N", or as $OBJ), the owner and the mode, and nothing
# changed.
refused() {
	local m=$1 id=${IDS[$1]} s0 r0 r1 a obj=${OBJ:-id ${IDS[$1]}}
	local -a args
	shift
	for a in "$@"; do
		args+=("${a//@/$id}")
	done
	s0=$(sha256_of "$id")
	r0=$(row "$id")
	run -1 --separate-stderr shm_nobody "${args[@]}"
	r1=$(row "$id")
	[ "${#stderr_lines[@]}" -eq 1 ] &&
	    [[ "$stderr" == "shmtool: $1: $obj: "*"owner root"*"mode $m"* ]] ||
		{ echo "$m: ${args[*]}: $stderr"; return 1; }
	[ "$r0" = "$r1" ] || { echo "$m: ${args[*]}: row changed: $r0 -> $r1"; return 1; }
	[ "$(sha256_of "$id")" = "$s0" ] || { echo "$m: ${args[*]}: contents changed"; return 1; }
}

may() {
	[[ " ${MAY[$1]} " == *" $2 "* ]]
}

@test "as nobody: the listing and the detail of every mode work, exit 0" {
	local m
	make_segments
	run -0 shm_nobody stat -o ID,OWNER,PERMS --raw --noheadings
	for m in "${MODES[@]}"; do
		[[ "$output" == *"${IDS[$m]} root $m"* ]]
	done
	for m in "${MODES[@]}"; do
		run -0 shm_nobody stat "${IDS[$m]}"
		[[ "$output" == *"owner:     root"* ]]
		[[ "$output" == *"perms:     $m"* ]]
		run -0 shm_nobody stat --json "${IDS[$m]}"
		[[ "$output" == *"\"id\":${IDS[$m]},"*"\"perms\":\"$m\""* ]]
		run -0 shm_nobody who "${IDS[$m]}"
	done
}

@test "as nobody: dump works for 0644 and 0666 only, refusals change nothing" {
	local m
	make_segments
	for m in "${MODES[@]}"; do
		if may "$m" read; then
			run -0 shm_nobody dump --sha256 "${IDS[$m]}"
			[ "$output" = "$(sha256_of "${IDS[$m]}")" ]
			run -0 shm_nobody dump --format string "${IDS[$m]}"
			[ "$output" = "root's data in $m" ]
		else
			refused "$m" dump @
			refused "$m" dump --sha256 @
			refused "$m" dump --format raw --output /dev/null @
		fi
	done
}

@test "as nobody: write works for 0666 only, refusals change nothing" {
	local m
	make_segments
	for m in "${MODES[@]}"; do
		if may "$m" write; then
			run -0 shm_nobody write "${IDS[$m]}" "nobody"
			run -0 shm dump --format string "${IDS[$m]}"
			[ "$output" = "nobody data in $m" ]
			run -0 shm_nobody write --zero "${IDS[$m]}"
			run -0 shm dump --format string "${IDS[$m]}"
			[ -z "$output" ]
		else
			refused "$m" write @ "nobody's"
			refused "$m" write --zero @
			refused "$m" write --fill 0xff --offset 100 --length 10 @
			refused "$m" write --file /etc/passwd @
		fi
	done
}

@test "as nobody: attach read-only where reading is allowed, read-write where writing is" {
	local m
	make_segments
	for m in "${MODES[@]}"; do
		if may "$m" read; then
			run -0 shm_nobody attach --read-only "${IDS[$m]}"
			[[ "$output" == "id ${IDS[$m]}: attached at "*", read-only" ]]
		else
			refused "$m" attach --read-only @
		fi
		if may "$m" write; then
			run -0 shm_nobody attach "${IDS[$m]}"
		else
			refused "$m" attach @
		fi
		# Detached again: nothing left attached either way.
		[ "$(proc_field "${IDS[$m]}" nattch)" = 0 ]
	done
}

@test "as nobody: set --mode, --owner, --lock and --unlock are refused for every mode" {
	local m
	make_segments
	for m in "${MODES[@]}"; do
		refused "$m" set --mode 0777 @
		refused "$m" set --owner nobody @
		refused "$m" set --mode 0600 --owner nobody:nogroup @
		refused "$m" set --lock @
		refused "$m" set --unlock @
	done
}

@test "as nobody: rm by id, by key and by filter is refused for every mode" {
	local m id
	make_segments
	for m in "${MODES[@]}"; do
		refused "$m" rm @
		refused "$m" rm -v @
	done
	id=$(shm create --mode 0666 4K key:0x4242)
	IDS[0666]=$id
	OBJ="key 0x00004242" refused 0666 rm key:0x4242
	# --all tries each and reports each: one line a segment, exit 1.
	run -1 --separate-stderr shm_nobody rm --all
	[ "${#stderr_lines[@]}" -eq 5 ]
	for m in "${MODES[@]}"; do
		[[ "$stderr" == *"id ${IDS[$m]}: permission denied (owner root, mode $m)"* ]]
	done
	[ "$(nsegs)" -eq 5 ]
}

@test "as nobody: what nobody owns, nobody may change and remove" {
	local id
	id=$(shm_nobody create --mode 0600 4K)
	run -0 shm_nobody set --mode 0640 "$id"
	[ "$(proc_field "$id" perms)" = 640 ]
	run -0 shm_nobody write "$id" mine
	run -0 shm_nobody rm "$id"
	run -1 proc_field "$id" key
}

# POSIX objects: root's, one of each mode, in the test's own /dev/shm
# (a sticky directory, as on every system).  OBJS[mode] = /name.
declare -gA OBJS
make_objects() {
	local m
	for m in "${MODES[@]}"; do
		OBJS[$m]=/o$m
		shm create --mode "$m" 4K "${OBJS[$m]}" >/dev/null
		shm write "${OBJS[$m]}" "root's data in $m"
	done
}

# What an object is, all of it that an operation could change: size,
# mode, owner, group, inode, and the modification and change times.
meta() {
	in_ns stat -c '%s %a %U %G %i %y %z' "/dev/shm/${1#/}"
}

# refused_obj MODE CMD ARGS...: like refused, for the object of MODE.
refused_obj() {
	local m=$1 o=${OBJS[$1]} s0 m0 a
	local -a args
	shift
	for a in "$@"; do
		args+=("${a//@/$o}")
	done
	s0=$(sha256_of "$o")
	m0=$(meta "$o")
	run -1 --separate-stderr shm_nobody "${args[@]}"
	[ "${#stderr_lines[@]}" -eq 1 ] &&
	    [[ "$stderr" == "shmtool: $1: $o: permission denied (owner root, mode $m"* ]] ||
		{ echo "$m: ${args[*]}: $stderr"; return 1; }
	[ "$(meta "$o")" = "$m0" ] || { echo "$m: ${args[*]}: changed: $m0 -> $(meta "$o")"; return 1; }
	[ "$(sha256_of "$o")" = "$s0" ] || { echo "$m: ${args[*]}: contents changed"; return 1; }
}

@test "as nobody, POSIX objects of every mode: listed and detailed; read, written, mapped exactly as the kernel allows" {
	local m o
	make_objects
	run -0 --separate-stderr shm_nobody stat --posix -o NAME,OWNER,PERMS --raw --noheadings
	for m in "${MODES[@]}"; do
		[[ "$output" == *"${OBJS[$m]} root $m"* ]]
	done
	for m in "${MODES[@]}"; do
		o=${OBJS[$m]}
		run -0 --separate-stderr shm_nobody stat --json "$o"
		[[ "$output" == *"\"name\":\"$o\""*"\"perms\":\"$m\""* ]]
		if may "$m" read; then
			run -0 shm_nobody dump --format string "$o"
			[ "$output" = "root's data in $m" ]
			run -0 shm_nobody attach --read-only "$o"
		else
			refused_obj "$m" dump @
			refused_obj "$m" dump --sha256 @
			refused_obj "$m" attach --read-only @
		fi
		if may "$m" write; then
			run -0 shm_nobody write "$o" "nobody"
			run -0 shm dump --format string "$o"
			[ "$output" = "nobody data in $m" ]
			run -0 shm_nobody attach "$o"
			# An existing object is returned as it is.
			run -0 shm_nobody create 4K "$o"
			[ "$output" = "$o" ]
		else
			refused_obj "$m" write @ "nobody's"
			refused_obj "$m" write --zero @
			refused_obj "$m" attach @
			refused_obj "$m" create 4K @
		fi
	done
}

@test "as nobody, POSIX objects of every mode: set and rm are refused, nothing changes" {
	local m
	make_objects
	for m in "${MODES[@]}"; do
		refused_obj "$m" set --mode 0777 @
		refused_obj "$m" set --owner nobody @
		refused_obj "$m" rm @
		refused_obj "$m" rm -v --force @
	done
	# A listing removal tries each and reports each.
	run -1 --separate-stderr shm_nobody rm --posix --all
	[ "${#stderr_lines[@]}" -ge 4 ]
	for m in "${MODES[@]}"; do
		[[ "$stderr" == *"${OBJS[$m]}: permission denied (owner root, mode $m)"* ]]
	done
	[ "$(in_ns ls /dev/shm | wc -l)" -eq 4 ]
}

# POSIX shared memory objects (/NAME).

@test "as nobody, a root object: refused with owner and mode, unchanged; listed all the same" {
	require_root
	run -0 shm create --mode 0644 4K /r
	run -0 shm write /r --fill 7
	before=$(shm dump /r --sha256)
	run -1 shm_nobody write /r x
	[ "$output" = "shmtool: write: /r: permission denied (owner root, mode 0644)" ]
	run -1 shm_nobody rm /r
	[ "$output" = "shmtool: rm: /r: permission denied (owner root, mode 0644)" ]
	run -1 shm_nobody attach /r
	[ "$output" = "shmtool: attach: /r: permission denied (owner root, mode 0644)" ]
	run -0 shm_nobody attach --read-only /r
	[[ "$output" == "/r: mapped at 0x"*", size 4096, read-only" ]]
	run -1 shm_nobody set --mode 0666 /r
	[[ "$output" == "shmtool: set: /r: permission denied (owner root, mode 0644; "* ]]
	run -0 shm set --mode 0600 /r
	run -1 shm_nobody dump /r
	[ "$output" = "shmtool: dump: /r: permission denied (owner root, mode 0600)" ]
	run -1 shm_nobody create 4K /r
	[ "$output" = "shmtool: create: /r: permission denied (owner root, mode 0600)" ]
	# Listing opens nothing: nobody sees it, with its size.
	run -0 --separate-stderr shm_nobody stat --posix --raw --noheadings -o name,owner,perms,size --bytes
	[ "$output" = "/r root 0600 4096" ]
	[ "$(shm dump /r --sha256)" = "$before" ]
}
