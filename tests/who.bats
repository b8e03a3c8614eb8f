#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool who: one row per attach, from /proc/*/maps, only in the test's
# IPC namespace, with the check against nattch.

load test_helper

@test "who --help: synopsis, columns and filters, exit 0" {
	run -0 shm who --help
	[[ "$output" == "Usage: shmtool who"* ]]
	for c in TYPE ID KEY NAME PID USER UNIT CGROUP COMMAND VIA FD ADDRESS PERMS STATUS; do
		[[ "$output" == *"  $c "* ]] || { echo "missing $c"; return 1; }
	done
	[[ "$output" == *"--posix"* ]]
	[[ "$output" == *"--all-types"* ]]
	[[ "$output" == *"--orphaned"* ]]
	[[ "$output" == *"--dest"* ]]
}

@test "who: two attaching processes, one row each, exit 0" {
	start_holder new
	pid1=$HOLDER_PID
	start_holder "$ID" ro
	pid2=$HOLDER_PID
	run -0 --separate-stderr shm who
	[ "$stderr" = "" ]
	[[ "${lines[0]}" =~ ^ID\ KEY\ +PID\ USER\ +UNIT\ +COMMAND\ +ADDRESS\ +PERMS$ ]]
	[ "${#lines[@]}" -eq 3 ]
	[[ "$output" =~ $ID\ 0x00000000\ +$pid1\ root\ +[^\ ]+\ +[^\ ]*holder\ new\ +[0-9a-f]+-[0-9a-f]+\ rw-s ]]
	[[ "$output" =~ $ID\ 0x00000000\ +$pid2\ root\ +[^\ ]+\ +[^\ ]*holder\ $ID\ ro\ +[0-9a-f]+-[0-9a-f]+\ r--s ]]
	run -0 shm who --json
	[ "${lines[0]}" = '{"attaches":[' ]
	[[ "${lines[1]}" =~ ^\{\"type\":\"sysv\",\"id\":$ID,\"key\":\"0x00000000\",\"name\":null,\"pid\":[0-9]+,\"user\":\"root\",\"command\":\".*holder\ [^\"]*\",\"via\":\"map\",\"fd\":null,\"address\":\"[0-9a-f]+-[0-9a-f]+\",\"access\":\"r[w-]-s\",\"status\":\[\],\"unit\":(null|\"[^\"]*\"),\"cgroup_path\":(null|\"[^\"]*\")\}, ]]
	[ "${lines[3]}" = ']}' ]
	run -0 shm who --raw --noheadings -o pid "$ID"
	[ "$output" = "$(printf '%s\n' "$pid1" "$pid2" | sort -n)" ]
}

@test "who: UNIT and CGROUP name the process's cgroup, as /proc/PID/cgroup says it" {
	start_holder new
	run -0 --separate-stderr shm who --json "$ID"
	json_valid <<<"$output"
	run -0 python3 - "$output" "$HOLDER_PID" <<'PY'
import json, sys
row, = json.loads(sys.argv[1])["attaches"]
paths = [l.rstrip("\n").split(":", 2)[2] for l in open("/proc/%s/cgroup" % sys.argv[2])]
assert row["cgroup_path"] in paths, (row["cgroup_path"], paths)
# A unit for every cgroup but the root.
assert (row["unit"] is None) == (row["cgroup_path"] == "/"), row
print(row["unit"] or "-")
PY
	local unit=$output
	run -0 shm who --raw --noheadings -o pid,unit "$ID"
	[ "$output" = "$HOLDER_PID $unit" ]
}

@test "who: address ranges match the maps; an attach split by mprotect is two rows, as nattch counts" {
	start_holder new
	run -0 shm who --raw --noheadings -o address,perms "$ID"
	[ "${#lines[@]}" -eq 1 ]
	range=${lines[0]%% *}
	[ $(( 0x${range#*-} - 0x${range%-*} )) -eq 65536 ]
	in_ns grep -q "^$range rw-s 00000000 00:01 $ID " "/proc/$HOLDER_PID/maps"
	start_holder new split
	run -0 --separate-stderr shm who --raw --noheadings -o address,perms "$ID"
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == *" r--s" ]]
	[[ "${lines[1]}" == *" rw-s" ]]
	[ "$(proc_field "$ID" nattch)" = 2 ]
	[ "$stderr" = "" ]
}

@test "who: two attaches in one process are two rows (nattch counts attaches)" {
	start_holder new twice
	run -0 --separate-stderr shm who -o id,pid "$ID"
	[ "${#lines[@]}" -eq 3 ]
	[ "$stderr" = "" ]
	[ "$(proc_field "$ID" nattch)" = 2 ]
}

@test "who after IPC_RMID: key 0, --dest finds the held segment" {
	# A segment neither attached nor marked: no --dest row of either.
	mkseg 4096 0600 0x4242 >/dev/null
	start_holder new rmid
	run -0 shm who --dest --raw --noheadings -o id,key,pid
	[ "$output" = "$ID 0x00000000 $HOLDER_PID" ]
	run -0 shm stat --raw --noheadings -o id,status,nattch --dest
	[ "$output" = "$ID dest 1" ]
	run -0 shm who --unattached
	[ "${#lines[@]}" -eq 1 ]
}

@test "who: a second IPC namespace with the same shmid is not counted" {
	start_holder new
	# Another namespace, its own segment with the same id 0, attached.
	# Made from inside the test's namespaces, so that it also works in a
	# user namespace (as a normal user).
	bg_ns unshare --ipc -- sh -c "exec \"$BATS_TEST_TMPDIR/holder\" new > \"$BATS_TEST_TMPDIR/other\""
	wait_for test -s "$BATS_TEST_TMPDIR/other"
	read -r other_id other_pid < "$BATS_TEST_TMPDIR/other"
	[ "$other_id" = "$ID" ]
	[ "$other_pid" != "$HOLDER_PID" ]
	run -0 --separate-stderr shm who --raw --noheadings -o id,pid
	[ "$output" = "$ID $HOLDER_PID" ]
	[ "$stderr" = "" ]
}

@test "who: fewer attaches found than nattch: say so and why" {
	start_holder new
	# The holder's attach, hidden: a fake /proc where its maps are empty.
	d=$BATS_TEST_TMPDIR/fake
	mkdir -p "$d/sysvipc" "$d/self/ns"
	in_ns cat /proc/sysvipc/shm > "$d/sysvipc/shm"
	ln -s "/proc/$HOLDER_PID/ns/ipc" "$d/self/ns/ipc"
	mkdir -p "$d/$HOLDER_PID/ns"
	ln -s "/proc/$HOLDER_PID/ns/ipc" "$d/$HOLDER_PID/ns/ipc"
	: > "$d/$HOLDER_PID/maps"
	SHMTOOL_PROCFS=$d run -0 --separate-stderr shm who
	[ "${#lines[@]}" -eq 1 ]
	[[ "$stderr" == "shmtool: who: id $ID: 0 of 1 attaches found: other PID namespaces or unreadable processes"* ]]
}

@test "who: escapes untrusted command lines in tables and JSON" {
	holder_build
	cp "$BATS_TEST_TMPDIR/holder" "$BATS_TEST_TMPDIR/$(printf 'evil\033[31m')"
	out=$BATS_TEST_TMPDIR/evil.out
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/$(printf 'evil\033[31m')\" new > $out"
	wait_for test -s "$out"
	run -0 shm who -o command
	[[ "$output" == *'evil\e[31m new'* ]]
	[[ "$output" != *$'\033'* ]]
	run -0 shm who --json -o command
	[[ "$output" == *'evil\u001b[31m new"'* ]]
}

@test "who: nothing attached prints only the header; missing TARGET exits 1" {
	run -0 shm who
	[ "$output" = "ID KEY PID USER UNIT COMMAND ADDRESS PERMS" ]
	run -0 shm who --json
	[ "$output" = '{"attaches":[]}' ]
	run -1 --separate-stderr shm who 42
	[ "$stderr" = "shmtool: who: id 42: no such segment" ]
	run -2 shm who -o BOGUS
	run -2 shm who --json --raw
}

# Whether root can read every process's maps here: a virtual machine's init
# may hold capabilities that root lacks.
every_maps_readable() {
	in_ns sh -c 'for p in /proc/[0-9]*; do head -c0 "$p/maps" 2>/dev/null || { [ -e "$p" ] || continue; exit 1; }; done'
}

# The who that looks segments up from the maps alone: for real where root
# reads every process, else through the test hook.
who_fast() {
	if [ "$(id -u)" -eq 0 ] && [ "$(readlink /proc/self/ns/pid)" = "pid:[4026531836]" ] &&
	    [ "$(readlink /proc/self/ns/user)" = "user:[4026531837]" ] && every_maps_readable; then
		"$@"
	else
		require_test_hooks
		SHMTOOL_TEST_MAPS_COMPLETE=1 "$@"
	fi
}

@test "who: the attaches found from the maps alone equal those checked against the table" {
	command -v strace >/dev/null || skip "strace is not installed"
	start_holder new
	start_holder "$ID" ro
	start_holder new twice
	start_holder new rmid
	mkseg 4096 0600 >/dev/null
	# The fast path is the one taken: it never opens the table.
	who_fast in_ns strace -f -qq -e trace=openat -o "$BATS_TEST_TMPDIR/trace" \
		"${SHMTOOL_WRAP[@]}" "$SHMTOOL" who >/dev/null
	run -1 grep -c sysvipc/shm "$BATS_TEST_TMPDIR/trace"
	[ "$output" = 0 ]
	# SHMTOOL_PROCFS, even as /proc, makes who read the segment table.
	for args in "" "--json" "--dest" "--raw -o +STATUS" "--larger-than 1K" \
	    "--owner root" "--owner nobody" "--unattached" "-o ID,KEY,PERMS,STATUS"; do
		# shellcheck disable=SC2086
		who_fast run -0 --separate-stderr shm who $args
		a=$output
		# shellcheck disable=SC2086
		SHMTOOL_PROCFS=/proc run -0 --separate-stderr shm who $args
		[ "$a" = "$output" ] || { echo "who $args: $a != $output"; return 1; }
	done
	[ "$(shm who --raw --noheadings | wc -l)" -eq 5 ]
}

@test "who as nobody: other users' processes are unreadable, so the table is read" {
	command -v strace >/dev/null || skip "strace is not installed"
	require_root
	start_holder new
	run -0 --separate-stderr in_ns strace -f -qq -e trace=openat -o "$BATS_TEST_TMPDIR/trace" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "${NOBODY_WRAP[@]}" "$NOBODY_SHMTOOL" who
	[[ "$stderr" == *"0 of 1 attaches found"* ]]
	grep -q sysvipc/shm "$BATS_TEST_TMPDIR/trace"
}

@test "who where a process may be hidden (not root, another PID namespace, an unreadable process): the table is read" {
	command -v strace >/dev/null || skip "strace is not installed"
	# Root that reads every process in the initial namespaces knows the
	# scan complete: the maps-only test above covers that machine.
	if every_maps_readable && [ "$(readlink /proc/self/ns/pid)" = "pid:[4026531836]" ] &&
	    [ "$(id -u)" -eq 0 ]; then
		skip "root reads every process here: nothing is hidden"
	fi
	start_holder new
	run -0 --separate-stderr in_ns strace -f -qq -e trace=openat -o "$BATS_TEST_TMPDIR/trace" \
		"${SHMTOOL_WRAP[@]}" "$SHMTOOL" who
	[ "${#lines[@]}" -eq 2 ]
	grep -q sysvipc/shm "$BATS_TEST_TMPDIR/trace"
}

# POSIX shared memory objects (/NAME).

@test "who /name: one row per mapping and per open fd, VIA says which; JSON" {
	hold_obj /w hold
	pid=$OBJ_PID
	run -0 shm who /w
	[[ "${lines[0]}" =~ ^NAME\ +PID\ USER\ +UNIT\ +COMMAND\ +VIA\ FD\ ADDRESS\ +PERMS\ STATUS$ ]]
	[[ "${lines[1]}" =~ ^/w\ +$pid\ root\ +[^\ ]+\ +[^\ ]*obj\ /w\ hold\ +map\ +-\ [0-9a-f]+-[0-9a-f]+\ rw-s\ +-$ ]]
	[[ "${lines[2]}" =~ ^/w\ +$pid\ root\ +[^\ ]+\ +[^\ ]*obj\ /w\ hold\ +fd\ +[0-9]+\ -\ +rw\ +-$ ]]
	[ "${#lines[@]}" -eq 3 ]
	range=$(shm who --raw --noheadings -o address /w | head -1)
	in_ns grep -q "^$range rw-s " "/proc/$pid/maps"
	run -0 shm who --json /w
	[[ "${lines[1]}" =~ ^\{\"type\":\"posix\",\"id\":null,\"key\":null,\"name\":\"/w\",\"pid\":$pid,\"user\":\"root\",\"command\":\"[^\"]*obj\ /w\ hold\",\"via\":\"map\",\"fd\":null,\"address\":\"[0-9a-f]+-[0-9a-f]+\",\"access\":\"rw-s\",\"status\":\[\],\"unit\":(null|\"[^\"]*\"),\"cgroup_path\":(null|\"[^\"]*\")\},$ ]]
	[[ "${lines[2]}" =~ ^\{\"type\":\"posix\",.*\"name\":\"/w\",\"pid\":$pid,.*\"via\":\"fd\",\"fd\":[0-9]+,\"address\":null,\"access\":\"rw\",\"status\":\[\],\"unit\":(null|\"[^\"]*\"),\"cgroup_path\":(null|\"[^\"]*\")\}$ ]]
	json_valid <<<"$output"
	run -1 --separate-stderr shm who /w /nope
	[ "$stderr" = "shmtool: who: /nope: no such object" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "who --posix: an object unlinked while still mapped is shown as deleted" {
	hold_obj /gone unlink
	pid=$OBJ_PID
	run -1 in_ns test -e /dev/shm/gone
	run -0 shm stat --posix --raw --noheadings
	[ -z "$output" ]
	run -0 shm who --posix --raw --noheadings -o name,pid,via,status
	[ "$output" = $'/gone '"$pid"$' map deleted\n/gone '"$pid"' fd deleted' ]
	run -0 shm who --all-types --raw --noheadings -o type,name,status
	[ "$output" = $'posix /gone deleted\nposix /gone deleted' ]
	# Filters need the object's fields: an unlinked one has none to match.
	run -0 shm who --posix --raw --noheadings --owner root
	[ -z "$output" ]
}

@test "who --posix: a process with another /dev/shm, same name, is never counted" {
	hold_obj /same hold
	mine=$OBJ_PID
	# A mount namespace inside the test's, with a tmpfs of its own.
	bg_ns unshare --mount --propagation private -- sh -c "mount -t tmpfs other /dev/shm && exec \"$BATS_TEST_TMPDIR/obj\" /same hold > \"$BATS_TEST_TMPDIR/other\""
	wait_for test -s "$BATS_TEST_TMPDIR/other"
	other=$(cat "$BATS_TEST_TMPDIR/other")
	[ "$other" != "$mine" ]
	run -0 shm who --posix --raw --noheadings -o pid
	[ "$output" = "$mine"$'\n'"$mine" ]
	[[ "$output" != *"$other"* ]]
	[ "$(shm stat --raw --noheadings -o nattch /same)" = 1 ]
}

# on_tty COLS CMD...: CMD in the test's namespaces with its standard output
# on a pseudo-terminal COLS columns wide (script(1)), carriage returns
# taken out.
on_tty() {
	local cols=$1
	shift
	in_ns script -qec "stty cols $cols; $*" /dev/null | tr -d '\r'
}

@test "who on a terminal: COMMAND cut with an ellipsis to fit its width; whole with --notruncate, -r, -J, -e or not on a terminal" {
	start_holder new pad "$(printf 'p%.0s' {1..200})"
	run -0 on_tty 70 "$SHMTOOL" who
	[ "${#lines[@]}" -eq 2 ]
	[ "$(printf '%s' "${lines[1]}" | sed 's/…/./g' | wc -c)" -le 70 ]
	[[ "${lines[1]}" == *"… "* ]]
	[[ "${lines[1]}" =~ \ rw-s$ ]]
	run -0 on_tty 70 "$SHMTOOL" who --notruncate
	[[ "${lines[1]}" == *"$(printf 'p%.0s' {1..200}) "* ]]
	run -0 on_tty 70 "$SHMTOOL" who -r
	[[ "${lines[1]}" == *"$(printf 'p%.0s' {1..200}) "* ]]
	run -0 on_tty 70 "$SHMTOOL" who -J
	[[ "${lines[1]}" == *"$(printf 'p%.0s' {1..200})\""* ]]
	run -0 on_tty 70 "$SHMTOOL" who -e
	[[ "${lines[0]}" == *"$(printf 'p%.0s' {1..200})\" "* ]]
	run -0 shm who
	[[ "${lines[1]}" == *"$(printf 'p%.0s' {1..200}) "* ]]
	# COLUMNS where the terminal gives no size.
	run -0 in_ns script -qec "stty cols 0; COLUMNS=72 $SHMTOOL who" /dev/null
	[[ "$output" == *"… "* ]]
	[ "$(printf '%s' "${lines[0]}" | tr -d '\r' | wc -c)" -le 72 ]
}

@test "who -r, -n, -e: lsipc's short flags; --export as lsipc -e; -e with -J or -n refused" {
	start_holder new
	run -0 shm who -r -n -o id,pid
	[ "$output" = "$ID $HOLDER_PID" ]
	run -0 shm who --raw --noheadings -o id,pid
	[ "$output" = "$ID $HOLDER_PID" ]
	run -0 shm who -e -o id,pid,fd,status
	[ "$output" = "ID=\"$ID\" PID=\"$HOLDER_PID\" FD=\"\" STATUS=\"\"" ]
	eval "$output"
	[ "$PID" = "$HOLDER_PID" ]
	run -2 shm who -e -J
	[[ "$output" == *"--json and --export exclude each other"* ]]
	run -2 shm who -e -n
	[[ "$output" == *"--export has no headings to leave out"* ]]
}
