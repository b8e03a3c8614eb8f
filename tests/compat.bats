#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool(1) tells the truth: every command of its EXAMPLES runs, in
# order, and prints what the page shows; and the invocations that COMING
# FROM IPCS AND LSIPC gives as equivalents show and do what ipcs, ipcrm,
# ipcmk and lsipc show and do, side by side in the test's namespace.

load test_helper

need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || skip "$c is not installed"
	done
}

# The literal blocks of shmtool(1)'s EXAMPLES: a command line as "$ CMD"
# or "# CMD", anything else as the output the command before it shows.
man_examples() {
	awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
		on && /^\.Bd/ { bd = 1; next } on && /^\.Ed/ { bd = 0 }
		on && bd' "${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}/man/shmtool.1"
}

@test "shmtool(1) EXAMPLES: every command runs in order, exits 0 and prints what the page shows" {
	local script=$BATS_TEST_TMPDIR/examples.sh line n=0
	require_root
	need pidof
	run -0 man_examples
	# Plain text: no roff escape the page would show differently.
	[[ "$output" != *\\* ]]
	cp /bin/sleep "$BATS_TEST_TMPDIR/postgres"
	{
		echo 'set -e'
		echo "shmtool() { $(printf '%q ' "${SHMTOOL_WRAP[@]}" "$SHMTOOL")\"\$@\"; }"
		echo "out=$BATS_TEST_TMPDIR/out"
		printf 'SHMTOOL_BIN=%q\nFAKE_PG=%q\n' "$SHMTOOL" "$BATS_TEST_TMPDIR/postgres"
		cat <<-'SH'
		# The examples that look for a container run in a PID namespace of their
		# own with one in it (a process named postgres in an IPC namespace with a
		# segment whose creator is gone): there pidof and --all-namespaces find
		# only it.  The rest runs where a user runs it, in the test's PID
		# namespace, the initial one, where rm can prove an object unused.
		in_container() {
			unshare --pid --fork --mount-proc bash -c "$(declare -f shmtool)"'
				unshare --ipc sh -c "\"$1\" create 4K >/dev/null && exec \"$2\" 3600" &
				for i in $(seq 500); do pidof -s postgres >/dev/null && break; sleep 0.01; done
				eval "$3"' sh "$SHMTOOL_BIN" "$FAKE_PG" "$1"
		}
		ex() {
			echo "+ $1"
			case $1 in
			*pidof* | *--all-namespaces*) in_container "$1" > "$out" ;;
			*) eval "$1" > "$out" ;;
			esac
			cat "$out"
		}
		want() { grep -qxF -- "$1" "$out" || { echo "expected: $1"; exit 1; }; }
		SH
		while IFS= read -r line; do
			case $line in
			'$ '* | '# '*)
				n=$((n + 1))
				printf 'ex %q\n' "${line:2}"
				;;
			*) printf 'want %q\n' "$line" ;;
			esac
		done <<< "$output"
	} > "$script"
	# Not a vacuous loop: the section was found.
	[ "$n" -ge 20 ]
	# On failure bats shows the trace (what its
	# --print-output-on-failure sets).
	# shellcheck disable=SC2034
	BATS_PRINT_OUTPUT_ON_FAILURE=1
	run -0 in_ns bash "$script"
}

# Three segments to list: one of mode 0640 with a key, one attached, one
# of nobody's (as root).
make_three() {
	local id
	shm create --mode 0640 4K key:0x1234 >/dev/null
	id=$(shm create 1M)
	bg_ns "$SHMTOOL" attach "$id" --hold=1h
	wait_for attached "$id"
	if [ "$(id -u)" -eq 0 ]; then
		shm_nobody create 8K >/dev/null
	else
		shm create 8K >/dev/null
	fi
}
attached() { [ "$(shm stat --raw --noheadings -o NATTCH "$1")" = 1 ]; }

# table CMD...: CMD's output without the ipcs headers and blank lines,
# fields single-spaced.
table() {
	"$@" | awk 'NF && !/^-----/ && !/^key |^shmid / { $1 = $1; print }'
}

@test "ipcs -m, -p and -c: the shmtool stat columns COMING FROM IPCS gives show the same" {
	local row
	need ipcs
	make_three
	run -0 table in_ns ipcs -m
	row=$output
	# Numeric permissions and sizes in bytes; ipcs's status is blank.
	run -0 table shm stat --raw --noheadings --bytes -o KEY,ID,OWNER,PERMS,SIZE,NATTCH
	[ "$row" = "$(sed 's/ 0\([0-7][0-7][0-7]\) / \1 /' <<< "$output")" ]
	run -0 table in_ns ipcs -m -p
	row=$output
	run -0 table shm stat --raw --noheadings -o ID,OWNER,CPID,LPID
	[ "$row" = "$output" ]
	run -0 table in_ns ipcs -m -c
	row=$output
	run -0 table shm stat --raw --noheadings -o ID,PERMS,CUSER,CGROUP,OWNER,GROUP
	[ "$row" = "$(sed 's/^\([0-9]*\) 0/\1 /' <<< "$output")" ]
	# The same segments in the same order, and one attached.
	[ "$(wc -l <<< "$row")" -eq 3 ]
}

@test "lsipc -m -o LIST, -c, -t, -b, -r: shmtool stat -o takes the same column names" {
	local cols=KEY,ID,OWNER,CUID,CUSER,CGID,CGROUP,UID,GID,GROUP,SIZE,NATTCH,CPID,LPID
	need lsipc
	make_three
	run -0 in_ns lsipc -m -b --raw --noheadings -o "$cols"
	[ "${#lines[@]}" -eq 3 ]
	[ "$output" = "$(shm stat --bytes --raw --noheadings -o "$cols")" ]
	# lsipc's USER is OWNER; -P's numeric PERMS is PERMS; its PERMS is MODE.
	run -0 in_ns lsipc -m --raw --noheadings -P -o ID,USER,PERMS
	[ "$output" = "$(shm stat --raw --noheadings -o ID,OWNER,PERMS)" ]
	run -0 in_ns lsipc -m --raw --noheadings -o ID,PERMS
	[ "$output" = "$(shm stat --raw --noheadings -o ID,MODE)" ]
	# -c adds CUID CGID UID GID, -t ATTACH DETACH: +LIST adds those.
	run -0 in_ns lsipc -m -c --raw
	[[ "${lines[0]}" == *" CUID CGID UID GID" ]]
	run -0 shm stat --raw -o +CUID,CGID,UID,GID
	[[ "${lines[0]}" == *" CUID CGID UID GID" ]]
	run -0 in_ns lsipc -m -t --raw
	[[ "${lines[0]}" == *" ATTACH DETACH COMMAND" ]]
	run -0 shm stat --raw -o +ATIME,DTIME
	[[ "${lines[0]}" == *" ATIME DTIME" ]]
}

# state: what is left of the segments, as ipcs would tell: key, size,
# nattch and whether marked for removal, sorted.
state() { shm stat --raw --noheadings --bytes -o KEY,SIZE,NATTCH,STATUS | sort; }
# No segment left (state read at each try, not once when wait_for is called).
no_segments() { [ -z "$(state)" ]; }

@test "ipcrm -m ID of an attached segment: shmtool rm --force ID marks it the same way" {
	local a b
	need ipcrm
	a=$(shm create 4K key:0x1234)
	b=$(shm create 4K key:0x5678)
	bg_ns "$SHMTOOL" attach "$a" --hold=1h
	bg_ns "$SHMTOOL" attach "$b" --hold=1h
	wait_for attached "$a"
	wait_for attached "$b"
	run -0 in_ns ipcrm -m "$a"
	run -0 shm rm --force "$b"
	run -0 shm stat --raw --noheadings --bytes -o KEY,SIZE,NATTCH,STATUS
	[ "${lines[0]}" = "0x00000000 4096 1 dest" ]
	[ "${lines[1]}" = "0x00000000 4096 1 dest" ]
}

@test "ipcrm -M KEY and shmtool rm key:KEY remove the same segment" {
	need ipcrm
	shm create 4K key:0x1234 >/dev/null
	shm create 4K key:0x5678 >/dev/null
	shm create 8K key:0x9abc >/dev/null
	run -0 in_ns ipcrm -M 0x1234
	run -0 shm rm key:0x5678
	run -0 state
	[ "$output" = "0x00009abc 8192 0 -" ]
}

@test "ipcrm --all=shm: shmtool rm --all --force leaves the same; --all alone spares the attached" {
	local ipcrm_left id
	need ipcrm
	# make_set: three segments, the one of key 0x5678 attached until
	# teardown (each set's holder is another process).
	make_set() {
		shm create 4K key:0x1234 >/dev/null
		id=$(shm create 4K key:0x5678)
		shm create 8K >/dev/null
		bg_ns "$SHMTOOL" attach "$id" --hold=1h
		wait_for attached "$id"
	}
	make_set
	run -0 in_ns ipcrm --all=shm
	ipcrm_left=$(state)
	[ "$ipcrm_left" = "0x00000000 4096 1 dest" ]
	kill "$BG_PID"
	wait_for no_segments
	make_set
	run -0 shm rm --all --force
	[ "$(state)" = "$ipcrm_left" ]
	kill "$BG_PID"
	wait_for no_segments
	make_set
	run -0 shm rm --all
	[ "$(state)" = "0x00005678 4096 1 -" ]
}

@test "ipcmk -M SIZE -p MODE and shmtool create --mode MODE SIZE: same size and mode; ipcmk picks a key" {
	local out
	need ipcmk
	run -0 in_ns ipcmk -M 8K -p 0640
	[[ "$output" =~ ^"Shared memory id: "([0-9]+)$ ]]
	out=$(shm stat --raw --noheadings --bytes -o SIZE,PERMS "${BASH_REMATCH[1]}")
	[ "$(shm stat --raw --noheadings -o KEY "${BASH_REMATCH[1]}")" != 0x00000000 ]
	run -0 shm create --mode 0640 8K
	[ "$out" = "$(shm stat --raw --noheadings --bytes -o SIZE,PERMS "$output")" ]
	[ "$(shm stat --raw --noheadings -o KEY "$output")" = 0x00000000 ]
	# Without -p and --mode: 0644 and 0600.
	run -0 in_ns ipcmk -M 1
	[ "$(shm stat --raw --noheadings -o PERMS "${output##* }")" = 0644 ]
	run -0 shm create 1
	[ "$(shm stat --raw --noheadings -o PERMS "$output")" = 0600 ]
}
