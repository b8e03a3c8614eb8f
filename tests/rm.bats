#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool rm

load test_helper

@test "rm --help: synopsis on stdout, exit 0" {
	run -0 shm rm --help
	[[ "$output" == "Usage: shmtool rm"* ]]
}

@test "rm with no target, no --all and no filter: usage error, exit 2, nothing removed" {
	run -0 shm create 4K
	run -2 shm rm
	[[ "${lines[0]}" == *"nothing to remove"* ]]
	[ "$(nsegs)" -eq 1 ]
	run -2 shm rm --all 0
}

@test "rm ID and key:KEY: silent on success, exit 0; -v one line each" {
	run -0 shm create 4K
	a=$output
	run -0 shm create 8K key:0x1234
	b=$output
	run -0 shm rm "$a"
	[ -z "$output" ]
	run -0 shm rm -v key:0x1234
	[ "$output" = "removed id $b: key 0x00001234, size 8192, owner root" ]
	[ "$(nsegs)" -eq 0 ]
}

@test "rm with several operands: missing reported one by one, others removed, exit 1" {
	run -0 shm create 4K
	a=$output
	run -0 shm create 4K
	b=$output
	run -1 shm rm "$a" 4242 key:0x777 "$b"
	[ "${lines[0]}" = "shmtool: rm: id 4242: no such segment" ]
	[ "${lines[1]}" = "shmtool: rm: key 0x00000777: no such segment" ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(nsegs)" -eq 0 ]
}

@test "rm as nobody on a root segment: refused with owner and mode, unchanged, exit 1" {
	require_root
	run -0 shm create --mode 0644 4K
	id=$output
	run -1 shm_nobody rm "$id"
	[ "$output" = "shmtool: rm: id $id: permission denied (owner root, mode 0644)" ]
	[ "$(proc_field "$id" perms)" = 644 ]
	run -1 shm_nobody rm --all
	[[ "$output" == *"id $id: permission denied (owner root, mode 0644)"* ]]
	[ "$(nsegs)" -eq 1 ]
}

@test "rm of an attached segment by id: refused naming the holder, exit 1; --force marks it dest (key 0), and it goes when the holder exits" {
	run -0 shm create 4K key:0xabc
	id=$output
	bg_ns "$SHMTOOL" attach --hold "$id"
	pid=$BG_PID
	wait_for nattch_is "$id" 1
	# Its title, set once it is attached.
	wait_for grep -q "holding shmid $id" "/proc/$pid/cmdline"
	run -1 shm rm "$id"
	[ "$output" = "shmtool: rm: id $id: attached (nattch 1): pid $pid (shmtool: holding shmid $id); --force marks it for removal" ]
	[ "$(proc_field "$id" key)" = 2748 ]
	run -1 shm rm key:0xabc
	[[ "$output" == "shmtool: rm: key 0x00000abc: attached (nattch 1): pid $pid ("* ]]
	run -0 shm rm --force "$id"
	[ "$(proc_field "$id" key)" = 0 ]
	[ "$(( 8#$(proc_field "$id" perms) & 8#1000 ))" -ne 0 ]
	kill -TERM "$pid"
	wait "$pid"	# exit 0 (bats fails on any other status; `run` would wait in a subshell)
	run -1 proc_field "$id" key
}

@test "rm --all and rm --orphaned never remove a segment held by attach --hold" {
	run -0 shm create 4K
	held=$output
	run -0 shm create 4K
	free=$output
	bg_ns "$SHMTOOL" attach --hold "$held"
	wait_for nattch_is "$held" 1
	run -0 shm rm --orphaned
	proc_field "$held" key
	run -0 shm create 4K
	free=$output
	run -0 --separate-stderr shm rm -v --all
	[ "${lines[0]}" = "skipped (attached (nattch 1); --force removes it) id $held: key 0x00000000, size 4096, owner root" ]
	[ "${lines[1]}" = "removed id $free: key 0x00000000, size 4096, owner root" ]
	[ "${#lines[@]}" -eq 2 ]
	[ -z "$stderr" ]
	proc_field "$held" key
	run -1 proc_field "$free" key
	run -0 shm rm --all --force
	[ "$(proc_field "$held" key)" = 0 ]
}

@test "rm --orphaned removes a segment whose creator is gone" {
	run -0 shm create 4K
	id=$output
	run -0 shm rm --orphaned
	run -1 proc_field "$id" key
}

@test "rm --dry-run prints 'would remove' lines, removes nothing; -v says 'removed': the two never read alike" {
	run -0 shm create 4K key:0x11
	a=$output
	run -0 shm create 4K key:0x12
	b=$output
	run -0 shm rm --dry-run --all
	[ "${lines[0]}" = "would remove id $a: key 0x00000011, size 4096, owner root" ]
	[ "${lines[1]}" = "would remove id $b: key 0x00000012, size 4096, owner root" ]
	run -0 shm rm -v --dry-run "$a"
	[ "$output" = "would remove id $a: key 0x00000011, size 4096, owner root" ]
	[ "$(nsegs)" -eq 2 ]
	run -0 shm rm -v "$a"
	[ "$output" = "removed id $a: key 0x00000011, size 4096, owner root" ]
}

@test "rm -v: a failure is a 'failed (REASON)' line on stdout and the usual error on stderr" {
	run -0 shm create 4K key:0x11
	a=$output
	run -1 --separate-stderr shm rm -v 4242 "$a"
	[ "${lines[0]}" = "failed (no such segment) id 4242" ]
	[ "${lines[1]}" = "removed id $a: key 0x00000011, size 4096, owner root" ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "shmtool: rm: id 4242: no such segment" ]
	# Without -v: the error alone.
	run -1 --separate-stderr shm rm 4242
	[ -z "$output" ]
	[ "$stderr" = "shmtool: rm: id 4242: no such segment" ]
}

@test "rm with a filter: only matching segments; nothing matched is exit 0" {
	run -0 shm create 4K
	small=$output
	run -0 shm create 1M
	big=$output
	run -0 shm rm --larger-than 64K
	proc_field "$small" key
	run -1 proc_field "$big" key
	run -0 shm rm --larger-than 1G
	[ -z "$output" ]
	run -0 shm rm --key 0x999
	[ "$(nsegs)" -eq 1 ]
}

@test "rm --json: an action log of removed, would_remove, skipped and failed, each entry typed with its reason" {
	run -0 shm create 4K key:0x21
	a=$output
	run -0 shm create 4K key:0x22
	b=$output
	run -1 --separate-stderr shm rm --json "$a" 4242 key:0x777
	[ "$output" = "{\"removed\":[{\"type\":\"sysv\",\"id\":$a,\"key\":\"0x00000021\",\"name\":null,\"size\":4096,\"owner\":\"root\",\"target\":\"id $a\",\"reason\":\"named\",\"holders\":[]}],\"would_remove\":[],\"skipped\":[],\"failed\":[{\"type\":\"sysv\",\"id\":4242,\"key\":null,\"name\":null,\"size\":null,\"owner\":null,\"target\":\"id 4242\",\"reason\":\"no such segment\",\"holders\":[]},{\"type\":\"sysv\",\"id\":null,\"key\":\"0x00000777\",\"name\":null,\"size\":null,\"owner\":null,\"target\":\"key 0x00000777\",\"reason\":\"no such segment\",\"holders\":[]}],\"dry_run\":false}" ]
	run -0 shm rm -J -n --unattached
	[ "$output" = "{\"removed\":[],\"would_remove\":[{\"type\":\"sysv\",\"id\":$b,\"key\":\"0x00000022\",\"name\":null,\"size\":4096,\"owner\":\"root\",\"target\":null,\"reason\":\"unattached\",\"holders\":[]}],\"skipped\":[],\"failed\":[],\"dry_run\":true}" ]
	run -0 shm rm --json --all
	[ "$output" = "{\"removed\":[{\"type\":\"sysv\",\"id\":$b,\"key\":\"0x00000022\",\"name\":null,\"size\":4096,\"owner\":\"root\",\"target\":null,\"reason\":\"unattached\",\"holders\":[]}],\"would_remove\":[],\"skipped\":[],\"failed\":[],\"dry_run\":false}" ]
	run -0 shm rm --json --all
	[ "$output" = '{"removed":[],"would_remove":[],"skipped":[],"failed":[],"dry_run":false}' ]
}

@test "rm: id reuse between selection and removal is detected, the new segment kept" {
	require_test_hooks
	run -0 shm create 4K
	id=$output
	# The hook removes the selected segment and makes a new one with
	# the same id, as another program could between our two reads.
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id && echo $id > /proc/sys/kernel/shm_next_id && $SHMTOOL create 8K >/dev/null"
	run -0 --separate-stderr shm rm -v --unattached
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$output" == "skipped (changed since it was selected "*") id $id: key 0x00000000, size 4096, owner root" ]]
	[ "$(proc_field "$id" size)" = 8192 ]
}

@test "rm: an attach between selection and removal is detected, even with --force" {
	require_test_hooks
	run -0 shm create 4K
	id=$output
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL attach --hold $id 3>&- >/dev/null & sleep 0.3"
	run -0 --separate-stderr shm rm -v --force --all
	unset SHMTOOL_TEST_RM_HOOK
	[ "$output" = "skipped (attached since it was selected (nattch 1)) id $id: key 0x00000000, size 4096, owner root" ]
	[ "$(proc_field "$id" size)" = 4096 ]
}

@test "rm: a selected segment removed by someone else meanwhile is skipped, exit 0" {
	require_test_hooks
	run -0 shm create 4K
	id=$output
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id"
	run -0 --separate-stderr shm rm -v --all
	unset SHMTOOL_TEST_RM_HOOK
	[ "$output" = "skipped (already gone) id $id: key 0x00000000, size 4096, owner root" ]
}

@test "rm of a TARGET another run removed after the selection: already gone, exit 0 (-v and --json say so); one that never was: exit 1" {
	require_test_hooks
	run -0 shm create 4K
	id=$output
	run -0 shm create 4K /x
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id && rm /dev/shm/x"
	run -0 --separate-stderr shm rm -v "$id" /x
	[ -z "$stderr" ]
	[ "${lines[0]}" = "skipped (already gone) id $id: key 0x00000000, size 4096, owner root" ]
	[ "${lines[1]}" = "skipped (already gone) /x: size 4096, owner root" ]
	run -0 shm create 4K
	id=$output
	run -0 shm create 4K /x
	export SHMTOOL_TEST_RM_HOOK="ipcrm -m $id && rm /dev/shm/x"
	run -0 shm rm --json "$id" /x
	unset SHMTOOL_TEST_RM_HOOK
	[ "$output" = "{\"removed\":[],\"would_remove\":[],\"skipped\":[{\"type\":\"sysv\",\"id\":$id,\"key\":\"0x00000000\",\"name\":null,\"size\":4096,\"owner\":\"root\",\"target\":\"id $id\",\"reason\":\"already gone\",\"holders\":[]},{\"type\":\"posix\",\"id\":null,\"key\":null,\"name\":\"/x\",\"size\":4096,\"owner\":\"root\",\"target\":\"/x\",\"reason\":\"already gone\",\"holders\":[]}],\"failed\":[],\"dry_run\":false}" ]
	run -1 shm rm "$id"
	[ "$output" = "shmtool: rm: id $id: no such segment" ]
}

@test "rm /NAME of a held object: refused naming the pid and command, exit 1, nothing removed; --force removes the name, the holder keeps its memory" {
	run -0 shm create 4K /held
	hold_obj /held map
	run -1 shm rm /held
	[ "$output" = "shmtool: rm: /held: mapped or open: pid $OBJ_PID ($BATS_TEST_TMPDIR/obj /held map); --force removes it" ]
	in_ns test -f /dev/shm/held
	run -1 --separate-stderr shm rm --json /held
	[ "$output" = "{\"removed\":[],\"would_remove\":[],\"skipped\":[],\"failed\":[{\"type\":\"posix\",\"id\":null,\"key\":null,\"name\":\"/held\",\"size\":4096,\"owner\":\"root\",\"target\":\"/held\",\"reason\":\"mapped or open: pid $OBJ_PID ($BATS_TEST_TMPDIR/obj /held map); --force removes it\",\"holders\":[{\"pid\":$OBJ_PID,\"command\":\"$BATS_TEST_TMPDIR/obj /held map\"}]}],\"dry_run\":false}" ]
	run -0 shm rm --force /held
	run -1 in_ns test -e /dev/shm/held
	run -0 shm who --posix --raw --noheadings -o name,pid,status
	[ "$output" = "/held $OBJ_PID deleted" ]
}

@test "rm usage errors: bad target, bad filter value: exit 2" {
	run -2 shm rm 0xff
	run -2 shm rm --older-than 5x
	run -2 shm rm --owner no-such-user-xyz
}

# POSIX shared memory objects (/NAME).

@test "rm /name: removed; a missing one is 'no such object', exit 1 after the others" {
	run -0 shm create 4K /a
	run -0 shm create 4K /b
	run -1 --separate-stderr shm rm /a /nope /b
	[ "$stderr" = "shmtool: rm: /nope: no such object" ]
	run -0 in_ns ls -A /dev/shm
	[ -z "$output" ]
	run -1 shm rm --json /nope
	[[ "$output" == *'"failed":[{"type":"posix","id":null,"key":null,"name":"/nope","size":null,"owner":null,"target":"/nope","reason":"no such object","holders":[]}]'* ]]
	run -2 shm rm --posix /a
	run -2 shm rm --posix
	[[ "$output" == *"nothing to remove"* ]]
}

@test "rm --posix --unattached --older-than 1d: old unheld objects go; a held one and a fresh one stay" {
	require_test_hooks
	run -0 shm create 4K /old
	run -0 shm create 4K /fresh
	run -0 shm create 4K /held
	# Two days from now, /fresh was just written; the others were not
	# used for two days (no test can make a ctime old).
	export SHMTOOL_TEST_AGE=172800
	in_ns touch -d '+2 days' /dev/shm/fresh
	bg_ns "$SHMTOOL" attach --hold /held
	wait_for nattch_is /held 1
	run -0 shm rm --posix --unattached --older-than 1d --dry-run
	[ "$output" = "would remove /old: size 4096, owner root" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "fresh held old " ]
	run -0 --separate-stderr shm rm -v --posix --unattached --older-than 1d
	unset SHMTOOL_TEST_AGE
	[ "$output" = "removed /old: size 4096, owner root" ]
	[ -z "$stderr" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "fresh held " ]
	# --all with --posix: never a held object without --force.
	run -0 --separate-stderr shm rm -v --posix --all
	[ "${lines[0]}" = "skipped (mapped or open in 1 process; --force removes it) /held: size 4096, owner root" ]
	[ "${lines[1]}" = "removed /fresh: size 4096, owner root" ]
	[ -z "$stderr" ]
	run -0 shm rm --json --posix --all
	[ "$output" = '{"removed":[],"would_remove":[],"skipped":[{"type":"posix","id":null,"key":null,"name":"/held","size":4096,"owner":"root","target":null,"reason":"mapped or open in 1 process; --force removes it","holders":[]}],"failed":[],"dry_run":false}' ]
	run -0 shm rm --posix --all --force
	run -0 in_ns ls -A /dev/shm
	[ -z "$output" ]
	# The holder still has its mapping.
	run -0 shm who --posix --raw --noheadings -o name,status
	[ "$output" = "/held deleted" ]
}

@test "rm --all-types: segments and objects together; without it, objects are left alone" {
	run -0 shm create 4K
	run -0 shm create 4K /o
	run -0 shm rm --all
	[ "$(in_ns ls /dev/shm)" = o ]
	run -0 shm create 4K
	run -0 shm rm -v --all-types --all
	[[ "${lines[0]}" == "removed id "*": key 0x00000000, size 4096, owner root" ]]
	[ "${lines[1]}" = "removed /o: size 4096, owner root" ]
	run -0 in_ns ls -A /dev/shm
	[ -z "$output" ]
}

@test "rm: a mapping made between selection and removal stops it, even with --force" {
	require_test_hooks
	run -0 shm create 4K /x
	local h=$BATS_TEST_TMPDIR/h
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL attach --hold /x 3>&- > $h & echo \$! > $h.pid; until [ -s $h ]; do sleep 0.01; done"
	run -0 --separate-stderr shm rm -v --posix --all --force
	unset SHMTOOL_TEST_RM_HOOK
	BG_PIDS+=("$(cat "$h.pid")")	# teardown ends the holder
	[ -z "$stderr" ]
	[ "$output" = "skipped (mapped or opened since it was selected (1 process)) /x: size 4096, owner root" ]
	in_ns test -f /dev/shm/x
}

@test "rm: another file under the name, or a write, between selection and removal: skipped" {
	require_test_hooks
	run -0 shm create 4K /x
	export SHMTOOL_TEST_RM_HOOK="rm /dev/shm/x && $SHMTOOL create 4K /x >/dev/null"
	run -0 --separate-stderr shm rm -v /x
	[[ "$output" == "skipped (changed since it was selected "*") /x: size 4096, owner root" ]]
	in_ns test -f /dev/shm/x
	# An mtime the write surely moves (the row keeps seconds).
	in_ns touch -d '2 days ago' /dev/shm/x
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL write /x data"
	SHMTOOL_TEST_AGE=172800 run -0 --separate-stderr shm rm -v --posix --older-than 1d
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$output" == "skipped (changed since it was selected "*") /x: size 4096, owner root" ]] || { echo "output: $output"; false; }
	in_ns test -f /dev/shm/x
}

@test "rm --posix as nobody: root's processes cannot be read, so no object is proven unused: skipped with the reason; root's refused as ever" {
	require_root
	run -0 shm create 4K /root-owned
	run -0 shm_nobody create 4K /mine
	run -1 --separate-stderr shm_nobody rm -v --posix --all
	[[ "$output" == *"skipped (cannot prove it unused: "*" could not be read: pid $NS_PID (sleep 3600"*"; run as root) /mine: size 4096, owner nobody"* ]]
	[[ "$output" == *"failed (permission denied (owner root, mode 0600)) /root-owned: size 4096, owner root"* ]]
	[ "$stderr" = "shmtool: rm: /root-owned: permission denied (owner root, mode 0600)" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "mine root-owned " ]
	# Named, it is refused; --force removes what nobody may remove.
	run -1 shm_nobody rm /mine
	[[ "$output" == "shmtool: rm: /mine: cannot prove it unused: "*"; run as root; --force removes it" ]]
	run -0 shm_nobody rm --force /mine
	run -1 shm_nobody rm --force /root-owned
	[ "$output" = "shmtool: rm: /root-owned: permission denied (owner root, mode 0600)" ]
	[ "$(in_ns ls /dev/shm)" = root-owned ]
}

@test "rm --syslog: one line per removal, would-remove, skip and failure, with the type, id or name, owner and reason" {
	fake_syslog
	run -0 shm create 4K key:0xabc
	a=$output
	run -0 shm create 8K
	held=$output
	start_holder "$held"
	run -0 shm create 4K /obj
	# An orphan: its creator (shmtool create) has exited.
	run -0 shm rm --syslog --dry-run --orphaned
	wait_for test -s "$SYSLOG"
	# <30>: daemon (3) * 8 + info (6).
	run -0 grep -c . "$SYSLOG"
	[ "$output" = 1 ]
	run -0 cat "$SYSLOG"
	[[ "$output" =~ ^'<30>'.*' shmtool['[0-9]+']: action=would-remove command=rm type=sysv id='"$a"' key=0x00000abc size=4096 owner=root reason=orphaned'$ ]]
	: > "$SYSLOG"
	run -0 shm rm --syslog --all-types --all
	wait_for grep -q skipped "$SYSLOG"
	wait_for grep -q "name=/obj" "$SYSLOG"
	# <29>: daemon, notice.
	run -0 grep -c '^<29>.* action=removed command=rm type=sysv id='"$a"' .*reason=unattached$' "$SYSLOG"
	[ "$output" = 1 ]
	run -0 grep -c '^<29>.* action=removed command=rm type=posix name=/obj size=4096 owner=root reason=unattached$' "$SYSLOG"
	[ "$output" = 1 ]
	run -0 grep -c '^<30>.* action=skipped command=rm type=sysv id='"$held"' key=0x00000000 size=8192 owner=root reason="attached (nattch 1); --force removes it"$' "$SYSLOG"
	[ "$output" = 1 ]
	: > "$SYSLOG"
	# A refusal and a TARGET that names nothing: err.
	run -1 shm rm --syslog "$held" 4242
	wait_for grep -q 4242 "$SYSLOG"
	run -0 grep -c '^<27>.* action=failed command=rm type=sysv id='"$held"' .*reason="attached (nattch 1): pid ' "$SYSLOG"
	[ "$output" = 1 ]
	run -0 grep -c '^<27>.* action=failed command=rm reason="id 4242: no such segment"$' "$SYSLOG"
	[ "$output" = 1 ]
}

@test "rm without --syslog logs nothing" {
	fake_syslog
	run -0 shm create 4K
	run -0 shm rm --all
	sleep 0.2
	[ ! -s "$SYSLOG" ]
}
