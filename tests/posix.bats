#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# POSIX shared memory objects (/name) in every command, inside the test's
# private mount namespace, whose /dev/shm is a tmpfs of its own: the
# machine's objects are never seen, and holders are matched on that
# tmpfs's device, which no other /dev/shm has.

load test_helper

@test "create SIZE /name: the name alone on stdout, the mode as given whatever the umask" {
	run -0 --separate-stderr in_ns sh -c "umask 077 && '$SHMTOOL' create --mode 0644 4K /a"
	[ "$output" = /a ]
	[ -z "$stderr" ]
	[ "$(in_ns stat -c '%a %s' /dev/shm/a)" = "644 4096" ]
	run -0 in_ns sh -c "umask 0 && '$SHMTOOL' create 1K /b"
	[ "$(in_ns stat -c '%a %s' /dev/shm/b)" = "600 1024" ]
}

@test "create: an existing object large enough is returned untouched; a smaller one and --excl: exit 1" {
	run -0 shm create 8K /a
	in_ns sh -c 'printf data | dd of=/dev/shm/a conv=notrunc status=none'
	run -0 --separate-stderr shm create -v 4K /a
	[ "$output" = /a ]
	[[ "$stderr" == *"/a: existing object returned, size 8.0K (8192 bytes) in 2 pages, mode 0600" ]]
	[ "$(size_of a)" = 8192 ]
	[ "$(in_ns head -c 4 /dev/shm/a)" = data ]
	run -1 shm create 16K /a
	[ "$output" = "shmtool: create: /a: exists with size 8.0K (8192 bytes), smaller than 16K (16384 bytes)" ]
	run -1 shm create --excl 4K /a
	[ "$output" = "shmtool: create: /a: exists; --excl refuses it" ]
	[ "$(size_of a)" = 8192 ]
}

@test "create --json and --owner; options of segments are usage errors with /name" {
	run -0 shm create --json 5000 /j
	[ "$output" = '{"name":"/j","size":5000,"created":true}' ]
	run -0 shm create --json 4K /j
	[ "$output" = '{"name":"/j","size":5000,"created":false}' ]
	if [ "$(id -u)" -eq 0 ]; then
		run -0 shm create --owner nobody:65534 4K /n
		[ "$(in_ns stat -c '%u %g' /dev/shm/n)" = "65534 65534" ]
	fi
	for o in --hugetlb --noreserve --lock; do
		run -2 shm create "$o" 4K /x
		[ "$output" = "shmtool: create: $o applies to System V segments, not to POSIX objects (try 'shmtool create --help')" ]
	done
	run -1 in_ns test -e /dev/shm/x
}

@test "create beyond the room in /dev/shm: created (tmpfs is sparse), with a warning" {
	run -0 --separate-stderr shm create 128M /big
	[ "$output" = /big ]
	[ "$stderr" = "shmtool: create: /big: size 128M (134217728 bytes) is more than the 64M free in /dev/shm: writing all of it will fail (SIGBUS through a mapping)" ]
}

@test "bad POSIX names are usage errors in every command, and nothing is made" {
	local n long
	long="/$(printf 'a%.0s' {1..256})"
	for n in // /a/b / /. /.. "$long"; do
		run -2 shm stat -- "$n"
		[ "${#lines[@]}" -eq 1 ]
		[[ "$output" == *"invalid target '$n'"* ]]
		run -2 shm create 4K "$n"
		run -2 shm dump "$n"
		run -2 shm write "$n" x
		run -2 shm rm "$n"
		run -2 shm who "$n"
		run -2 shm attach "$n"
		run -2 shm set --mode 0600 "$n"
	done
	[ -z "$(in_ns ls -A /dev/shm)" ]
	# NAME_MAX itself is fine.
	run -0 shm create 1 "${long%a}"
}

@test "a C program's object (shm_open, ftruncate 4096, mmap, write 0x11): stat, dump and rm see it" {
	obj /cobj exit
	run -0 shm stat --posix --raw --noheadings --bytes -o name,owner,perms,size,rss,nattch
	[ "$output" = "/cobj root 0600 4096 4096 0" ]
	run -0 shm dump /cobj
	[ "$output" = "$(head -c 4096 /dev/zero | tr '\0' '\021' | hexdump -C)" ]
	run -0 shm dump /cobj --sha256
	[ "$output" = "$(head -c 4096 /dev/zero | tr '\0' '\021' | sha256sum | cut -d' ' -f1)" ]
	run -0 shm stat /cobj
	[[ "$output" == *"name:      /cobj"* ]]
	[[ "$output" == *"size:      4.0K (4096 bytes)"* ]]
	run -0 shm rm -v /cobj
	[ "$output" = "/cobj: size 4096, owner root" ]
	run -1 in_ns test -e /dev/shm/cobj
}

@test "stat --posix: sorted by name; sem.*, directories, symlinks and FIFOs skipped and counted" {
	in_ns sh -c 'cd /dev/shm && echo b > b && : > a && : > sem.lock && mkdir dir && ln -s a link && mkfifo fifo'
	run -0 shm stat --posix -o name,size --bytes
	[ "${lines[0]}" = "NAME SIZE" ]
	[ "${lines[1]}" = "/a      0" ]
	[ "${lines[2]}" = "/b      2" ]
	[ "${lines[3]}" = "2 objects, 2 total size, 4096 total rss; 4 other files in /dev/shm skipped (semaphores, not regular files)" ]
	[ "${#lines[@]}" -eq 4 ]
	run -0 shm stat --posix --json -o name
	[ "$output" = $'{"segments":[\n{"name":"/a"},\n{"name":"/b"}\n],"skipped":4}' ]
	run -0 shm stat --posix --raw --noheadings -o name
	[ "$output" = $'/a\n/b' ]
	run -0 shm stat --posix --json
	json_valid <<<"$output"
}

@test "stat --posix --json: the schema, numbers as numbers; stat /name and --all-types agree" {
	run -0 shm create --mode 0640 5000 /o
	run -0 shm write /o --fill 1
	run -0 shm stat --posix --json
	[[ "${lines[1]}" =~ ^\{\"type\":\"posix\",\"name\":\"/o\",\"owner\":\"root\",\"group\":\"root\",\"uid\":0,\"gid\":0,\"perms\":\"0640\",\"size\":5000,\"rss\":8192,\"nattch\":0,\"atime\":\"20[0-9-]+T[0-9:]+Z\",\"mtime\":\"20[0-9-]+T[0-9:]+Z\",\"ctime\":\"20[0-9-]+T[0-9:]+Z\"\}$ ]]
	run -0 shm stat --json /o
	[[ "${lines[1]}" == '{"type":"posix","name":"/o",'* ]]
	run -0 shm stat /o
	for f in name type owner group uid gid perms mode size rss nattch atime mtime ctime age; do
		[[ "$output" == *"$f:"* ]] || { echo "missing $f"; return 1; }
	done
	[[ "$output" == *"mode:      rw-r-----"* ]]
	[[ "$output" != *"key:"* ]]
	[[ "$output" != *"cpid:"* ]]
	run -0 shm stat --all-types --json
	[[ "${lines[1]}" == '{"type":"posix","key":null,"id":null,"name":"/o",'*'"cuser":null,'*'"swap":null,'*'"cpid":null,"lpid":null,'*'"dtime":null,'*'"orphan":null}' ]]
	json_valid <<<"$output"
}

@test "stat --all-types: segments then objects, TYPE column, what a kind lacks is -" {
	run -0 shm create 4K key:0x42
	id=$output
	run -0 shm create 8K /x
	run -0 shm stat --all-types --raw --noheadings -o type,key,id,name,size,mtime
	[ "${lines[0]}" = "sysv 0x00000042 $id - 4.0K -" ]
	[[ "${lines[1]}" =~ ^posix\ -\ -\ /x\ 8\.0K\ 20[0-9-]+T ]]
	run -0 shm stat --all-types
	[[ "${lines[0]}" =~ ^TYPE\ +KEY\ +ID\ NAME\ +OWNER ]]
	[ "${lines[3]}" = "1 segment and 1 object, 12K total size, 0 total rss" ]
	# Without a kind chosen, only segments, as always.
	run -0 shm stat --raw --noheadings -o id
	[ "$output" = "$id" ]
	run -0 shm stat --all-types --raw --noheadings -o name --sort size
	[ "$output" = $'-\n/x' ]
}

@test "stat --all-types --sort: what a kind lacks sorts as unknown, never as the other kind's fields" {
	# The two kinds share storage for cpid, lpid, creator ids, dtime,
	# name, inode and mtime: each must read as 0, -1 or none for the
	# kind that lacks it.
	run -0 shm create 4K key:0x42
	id=$output
	run -0 shm attach "$id"
	run -0 shm create 8K /x
	for spec in cpid:/x lpid:/x dtime:/x cuid:- cgid:- cuser:/x \
	    mtime:- name:- ; do
		run -0 shm stat --all-types --raw --noheadings -o name \
		    --sort "${spec%%:*}"
		[ "${lines[0]}" = "${spec#*:}" ] || { echo "$spec: $output"; return 1; }
	done
	run -0 shm stat --all-types --raw --noheadings -o name,cpid,cuid,dtime,mtime
	[[ "${lines[0]}" =~ ^-\ [1-9][0-9]*\ 0\ 20[0-9-]+T.*\ -$ ]]
	[[ "${lines[1]}" =~ ^/x\ -\ -\ -\ 20[0-9-]+T ]]
}

@test "stat --posix: NATTCH counts the processes that map or hold it open; --unattached" {
	hold_obj /held hold
	hold_obj /held map
	hold_obj /fdonly fd
	run -0 shm create 4K /free
	run -0 shm stat --posix --raw --noheadings -o name,nattch
	[ "$output" = $'/fdonly 1\n/free 0\n/held 2' ]
	run -0 shm stat --posix --raw --noheadings -o name --unattached
	[ "$output" = /free ]
	run -0 shm stat --posix --raw --noheadings -o name --sort nattch
	[ "$output" = $'/free\n/fdonly\n/held' ]
}

@test "filters: --older-than reads mtime, a write renews it; filters of segments only" {
	run -0 shm create 4K /old
	run -0 shm create 1M /new
	in_ns touch -d '2 days ago' /dev/shm/old
	run -0 shm stat --posix --raw --noheadings -o name --older-than 1d
	[ "$output" = /old ]
	run -0 shm stat --posix --raw --noheadings -o name --larger-than 4K --owner root
	[ "$output" = /new ]
	run -0 shm write /old x
	run -0 shm stat --posix --raw --noheadings -o name --older-than 1d
	[ -z "$output" ]
	for o in "--key 0x1" "--creator root" --orphaned --dest; do
		# shellcheck disable=SC2086
		run -2 shm stat --posix $o
		[[ "$output" == *"${o%% *} does not apply to POSIX objects"* ]]
		# shellcheck disable=SC2086
		run -0 shm stat --all-types --raw --noheadings -o name $o
		[ -z "$output" ]
	done
	run -2 shm stat --posix --all-types
	run -2 shm stat --posix /old
}

@test "rm /name: removed; a missing one is 'no such object', exit 1 after the others" {
	run -0 shm create 4K /a
	run -0 shm create 4K /b
	run -1 --separate-stderr shm rm /a /nope /b
	[ "$stderr" = "shmtool: rm: /nope: no such object" ]
	[ -z "$(in_ns ls -A /dev/shm)" ]
	run -1 shm rm --json /nope
	[[ "$output" == *'"failed":[{"target":"/nope","id":null,"reason":"no such object"}]'* ]]
	run -2 shm rm --posix /a
	run -2 shm rm --posix
	[[ "$output" == *"nothing to remove"* ]]
}

@test "rm --posix --unattached --older-than 1d: old unheld objects go; a held one and a fresh one stay" {
	run -0 shm create 4K /old
	run -0 shm create 4K /fresh
	run -0 shm create 4K /held
	in_ns touch -d '2 days ago' /dev/shm/old /dev/shm/held
	bg_ns "$SHMTOOL" attach --hold /held
	wait_for nattch_is /held 1
	run -0 shm rm --posix --unattached --older-than 1d --dry-run
	[ "$output" = "/old: size 4096, owner root" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "fresh held old " ]
	run -0 --separate-stderr shm rm -v --posix --unattached --older-than 1d
	[ "$output" = "/old: size 4096, owner root" ]
	[ -z "$stderr" ]
	[ "$(in_ns ls /dev/shm | tr '\n' ' ')" = "fresh held " ]
	# --all with --posix: never a held object without --force.
	run -0 --separate-stderr shm rm -v --posix --all
	[ "$output" = "/fresh: size 4096, owner root" ]
	[ "$stderr" = "shmtool: rm: /held: skipped: mapped or open in 1 process; --force removes it" ]
	run -0 shm rm --json --posix --all
	[ "$output" = '{"removed":[],"skipped":[{"name":"/held","reason":"mapped or open in 1 process; --force removes it"}],"failed":[],"dry_run":false}' ]
	run -0 shm rm --posix --all --force
	[ -z "$(in_ns ls -A /dev/shm)" ]
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
	[[ "${lines[0]}" == "id "*": key 0x00000000, size 4096, owner root" ]]
	[ "${lines[1]}" = "/o: size 4096, owner root" ]
	[ -z "$(in_ns ls -A /dev/shm)" ]
}

@test "rm: a mapping made between selection and removal stops it, even with --force" {
	run -0 shm create 4K /x
	local h=$BATS_TEST_TMPDIR/h
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL attach --hold /x 3>&- > $h & echo \$! > $h.pid; until [ -s $h ]; do sleep 0.01; done"
	run -0 --separate-stderr shm rm -v --posix --all --force
	unset SHMTOOL_TEST_RM_HOOK
	BG_PIDS+=("$(cat "$h.pid")")	# teardown ends the holder
	[ -z "$output" ]
	[ "$stderr" = "shmtool: rm: /x: skipped: mapped or opened since it was selected (1 process)" ]
	in_ns test -f /dev/shm/x
}

@test "rm: another file under the name, or a write, between selection and removal: skipped" {
	run -0 shm create 4K /x
	export SHMTOOL_TEST_RM_HOOK="rm /dev/shm/x && $SHMTOOL create 4K /x >/dev/null"
	run -0 --separate-stderr shm rm -v /x
	[[ "$stderr" == "shmtool: rm: /x: skipped: changed since it was selected"* ]]
	in_ns test -f /dev/shm/x
	in_ns touch -d '2 days ago' /dev/shm/x
	export SHMTOOL_TEST_RM_HOOK="$SHMTOOL write /x data"
	run -0 --separate-stderr shm rm -v --posix --older-than 1d
	unset SHMTOOL_TEST_RM_HOOK
	[[ "$stderr" == "shmtool: rm: /x: skipped: changed since it was selected"* ]] || { echo "stderr: $stderr"; false; }
	in_ns test -f /dev/shm/x
}

@test "a symlink in /dev/shm is never followed: rm, dump, write, set, create refuse it, its target stays" {
	echo secret > "$BATS_TEST_TMPDIR/outside"
	in_ns sh -c "echo inside > /dev/shm/target && ln -s target /dev/shm/link && ln -s '$BATS_TEST_TMPDIR/outside' /dev/shm/out"
	local why="not a shared memory object (a symbolic link, which is never followed)"
	for l in link out; do
		run -1 shm dump "/$l"
		[ "$output" = "shmtool: dump: /$l: $why" ]
		run -1 shm write "/$l" XXXX
		[ "$output" = "shmtool: write: /$l: $why" ]
		run -1 shm rm "/$l"
		[ "$output" = "shmtool: rm: /$l: $why" ]
		run -1 shm set --mode 0666 "/$l"
		[ "$output" = "shmtool: set: /$l: $why" ]
		run -1 shm attach "/$l"
		run -1 shm create 4K "/$l"
		[ "$output" = "shmtool: create: /$l: exists, and is not a shared memory object (a symbolic link, which is never followed)" ]
	done
	[ "$(in_ns cat /dev/shm/target)" = inside ]
	[ "$(cat "$BATS_TEST_TMPDIR/outside")" = secret ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/outside")" != 666 ]
	in_ns test -L /dev/shm/link
	run -0 shm rm --posix --all
	in_ns test -L /dev/shm/out
}

@test "a FIFO or directory in /dev/shm is refused without blocking" {
	in_ns sh -c 'mkfifo /dev/shm/fifo && mkdir /dev/shm/dir'
	run -1 shm dump /fifo
	[ "$output" = "shmtool: dump: /fifo: not a shared memory object (a FIFO)" ]
	run -1 shm write /dir x
	[ "$output" = "shmtool: write: /dir: not a shared memory object (a directory)" ]
	run -1 shm stat /fifo
}

@test "dump and write /name: hexdump -C identical, raw round trip, bounds, never grown" {
	local f=$BATS_TEST_TMPDIR/data
	head -c 5000 /dev/urandom > "$f"
	run -0 shm create 5000 /d
	run -0 shm write /d --file "$f"
	shm dump /d > "$f.hex"
	hexdump -C "$f" | cmp - "$f.hex"
	shm dump /d -s 100 -n 1000 > "$f.hex"
	hexdump -C -s 100 -n 1000 "$f" | cmp - "$f.hex"
	shm dump /d -f raw | cmp - "$f"
	cat "$f" | shm write /d --offset 0
	run -1 shm write /d --offset 4990 "0123456789A"
	[ "$output" = "shmtool: write: /d: needs 11 bytes, 10 available at offset 4990" ]
	run -1 in_ns sh -c "cat '$f' '$f' | '$SHMTOOL' write /d"
	[ "$output" = "shmtool: write: /d: needs at least 5001 bytes, 5000 available at offset 0" ]
	run -1 shm dump /d --offset 5001
	[ "$output" = "shmtool: dump: /d: offset 5001 is beyond the end of the object (size 5000)" ]
	[ "$(size_of d)" = 5000 ]
	shm dump /d -f raw | cmp - "$f"
	run -0 --separate-stderr shm write /d --offset 4998 --truncate abcd
	[ "$stderr" = "shmtool: write: /d: wrote 2 of 4 bytes at offset 4998, dropped 2" ]
	[ "$(size_of d)" = 5000 ]
	run -0 shm write /d --nul "hello"
	run -0 shm dump /d -f string
	[ "$output" = hello ]
}

@test "an empty object: dump prints nothing, write has no room, attach nothing to map" {
	in_ns touch /dev/shm/empty
	run -0 shm dump /empty
	[ -z "$output" ]
	run -1 shm write /empty x
	[ "$output" = "shmtool: write: /empty: needs 1 bytes, 0 available at offset 0" ]
	run -1 shm attach /empty
	[ "$output" = "shmtool: attach: /empty: size 0: nothing to map" ]
	run -2 shm dump --attach /empty
}

@test "dump reads with O_NOATIME: atime stays as root; as nobody --no-disturb says why" {
	require_root
	run -0 shm create --mode 0644 4K /seen
	in_ns touch -a -d '3 days ago' /dev/shm/seen
	atime=$(in_ns stat -c %X /dev/shm/seen)
	run -0 shm dump /seen -n 16
	run -0 shm dump /seen --no-disturb --sha256
	[ "$(in_ns stat -c %X /dev/shm/seen)" = "$atime" ]
	run -0 shm_nobody dump /seen -n 16
	[ "$(in_ns stat -c %X /dev/shm/seen)" != "$atime" ]
	run -1 shm_nobody dump /seen --no-disturb
	[ "$output" = "shmtool: dump: /seen: cannot read without changing its atime: O_NOATIME needs the owner or CAP_FOWNER" ]
}

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

@test "as nobody: rm --posix removes only nobody's own, and warns of processes it cannot read" {
	require_root
	run -0 shm create 4K /root-owned
	run -0 shm_nobody create 4K /mine
	run -1 --separate-stderr shm_nobody rm -v --posix --all
	[ "$output" = "/mine: size 4096, owner nobody" ]
	[[ "$stderr" == *"could not be read: an object only"*"counts as unattached; run as root"* ]]
	[[ "$stderr" == *"/root-owned: permission denied (owner root, mode 0600)"* ]]
	[ "$(in_ns ls /dev/shm)" = root-owned ]
}

@test "attach /name --hold: who shows the mapping and the process title; SIGTERM ends it, exit 0" {
	run -0 shm create 8K /h
	run -0 shm attach /h
	[[ "$output" =~ ^/h:\ mapped\ at\ 0x[0-9a-f]+,\ size\ 8192$ ]]
	bg_ns "$SHMTOOL" attach --hold --read-only /h
	pid=$BG_PID
	wait_for nattch_is /h 1
	grep -q "holding /h" "/proc/$pid/cmdline"
	run -0 shm who --raw --noheadings -o pid,via,perms /h
	[ "$output" = "$pid map r--s" ]
	kill -TERM "$pid"
	wait "$pid"	# exit 0
	[ "$(shm stat --raw --noheadings -o nattch /h)" = 0 ]
	run -2 shm attach --address 0x10000000 /h
	[[ "$output" == *"--address, --rnd and --remap apply to System V segments"* ]]
}

@test "who /name: one row per mapping and per open fd, VIA says which; JSON" {
	hold_obj /w hold
	pid=$OBJ_PID
	run -0 shm who /w
	[[ "${lines[0]}" =~ ^NAME\ +PID\ USER\ +COMMAND\ +VIA\ FD\ ADDRESS\ +PERMS\ STATUS$ ]]
	[[ "${lines[1]}" =~ ^/w\ +$pid\ root\ +[^\ ]*obj\ /w\ hold\ +map\ +-\ [0-9a-f]+-[0-9a-f]+\ rw-s\ +-$ ]]
	[[ "${lines[2]}" =~ ^/w\ +$pid\ root\ +[^\ ]*obj\ /w\ hold\ +fd\ +[0-9]+\ -\ +rw\ +-$ ]]
	[ "${#lines[@]}" -eq 3 ]
	range=$(shm who --raw --noheadings -o address /w | head -1)
	in_ns grep -q "^$range rw-s " "/proc/$pid/maps"
	run -0 shm who --json /w
	[[ "${lines[1]}" =~ ^\{\"name\":\"/w\",\"pid\":$pid,\"user\":\"root\",\"command\":\"[^\"]*obj\ /w\ hold\",\"via\":\"map\",\"fd\":null,\"address\":\"[0-9a-f]+-[0-9a-f]+\",\"perms\":\"rw-s\",\"status\":\[\]\},$ ]]
	[[ "${lines[2]}" =~ ^\{\"name\":\"/w\",\"pid\":$pid,.*\"via\":\"fd\",\"fd\":[0-9]+,\"address\":null,\"perms\":\"rw\",\"status\":\[\]\}$ ]]
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

@test "limits: /dev/shm size, used and free as statvfs gives them (the test's 64 MiB tmpfs)" {
	run -0 shm create 1M /fill
	run -0 shm write /fill --fill 0x55
	read -r blocks bfree bavail bsize < <(in_ns stat -f -c '%b %f %a %S' /dev/shm)
	run -0 shm limits --json
	json_valid <<<"$output"
	[[ "$output" == *"\"posix\":{\"path\":\"/dev/shm\",\"size\":$((blocks * bsize)),\"used\":$(((blocks - bfree) * bsize)),\"free\":$((bavail * bsize)),"* ]]
	[ $((blocks * bsize)) -eq 67108864 ]
	[ $(((blocks - bfree) * bsize)) -eq 1048576 ]
	run -0 shm limits
	[[ "$output" == *$'POSIX objects (/dev/shm)\n  size             64M\n  used             1.0M (1.6%)\n  free             63M\n  files '* ]]
	run -0 shm limits --bytes
	[[ "$output" == *"  size             67108864"* ]]
}

@test "set /name: mode and owner; --lock is a usage error" {
	run -0 shm create 4K /s
	run -0 shm set --mode 0640 /s
	[ "$(in_ns stat -c %a /dev/shm/s)" = 640 ]
	if [ "$(id -u)" -eq 0 ]; then
		run -0 shm set --owner nobody /s
		[ "$(in_ns stat -c %u /dev/shm/s)" = 65534 ]
	fi
	run -2 shm set --lock /s
	run -1 shm set --mode 0600 /nope
	[ "$output" = "shmtool: set: /nope: no such object" ]
}

@test "names with control characters are escaped in tables and messages; JSON stays valid" {
	in_ns sh -c "touch \"/dev/shm/\$(printf 'ev\\033[31mil')\""
	run -0 shm stat --posix -o name
	[ "${lines[1]}" = '/ev\e[31mil' ]
	run -0 shm stat --posix --json -o name
	[[ "$output" == *'"name":"/ev\u001b[31mil"'* ]]
	json_valid <<<"$output"
	run -1 shm dump "/$(printf 'no\033such')"
	[ "$output" = 'shmtool: dump: /no\esuch: no such object' ]
}

@test "bash completion: /name completes the objects of /dev/shm, not semaphores, links or directories" {
	in_ns sh -c 'cd /dev/shm && : > app && : > apple && : > sem.app && ln -s app applink && mkdir appdir'
	run -0 in_ns bash -c '
		source "$1"
		COMP_WORDS=(shmtool dump /ap); COMP_CWORD=2
		_shmtool
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SHMTOOL_SRCDIR/completions/bash/shmtool"
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "/app /apple " ]
}
