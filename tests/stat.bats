#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool stat: the listing (every column, format, filter, sort) against
# fixtures and live segments in the test's own IPC namespace, the detail
# view, the shmctl fallback, and errors.

load test_helper

@test "stat --help: synopsis, every column and filter, exit 0" {
	run -0 shm stat --help
	[[ "$output" == "Usage: shmtool stat"* ]]
	for c in TYPE KEY ID NAME OWNER GROUP UID GID CUSER CGROUP CUID CGID PERMS MODE SIZE RSS SWAP NATTCH STATUS CPID LPID CCOMMAND ATIME DTIME MTIME CTIME AGE ORPHAN; do
		[[ "$output" == *"  $c "* ]] || { echo "missing $c"; return 1; }
	done
	for o in --posix --all-types --owner --creator --key --unattached --orphaned --older-than --larger-than --dest --sort --bytes --raw --json --noheadings --output; do
		[[ "$output" == *"$o"* ]]
	done
}

@test "stat: default columns, human sizes, totals line, exit 0" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat
	# The widths follow the owner names, which vary by machine.
	[[ "${lines[0]}" =~ ^KEY\ +ID\ OWNER\ +PERMS\ SIZE\ NATTCH\ STATUS\ CPID\ LPID\ CTIME$ ]]
	[[ "${lines[1]}" =~ ^0x00000000\ +0\ root\ +0600\ +4\.0K\ +0\ -\ +100\ +100\ 2023-11-1 ]]
	[[ "${lines[2]}" =~ ^0x12345678\ +1\ .*0644\ +64K\ +1\ dest ]]
	[[ "${lines[3]}" =~ ^0xf0000001\ 32769\ nobody\ +0600\ +1\.0G\ +0\ locked\ +103\ +0\  ]]
	[ "${lines[4]}" = "3 segments, 1.0G total size, 68K total rss" ]
	[ "${#lines[@]}" -eq 5 ]
}

@test "stat --bytes: exact sizes and totals" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --bytes -o id,size,rss,swap
	[[ "${lines[3]}" =~ ^32769\ 1073741824\ +0\ 8192$ ]]
	[ "${lines[4]}" = "3 segments, 1073811456 total size, 69632 total rss" ]
}

@test "stat -o: every column, case-insensitive, raw values" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --bytes -o key,id,owner,group,uid,gid,cuser,cgroup,cuid,cgid,perms,mode,size,rss,swap,nattch,status,cpid,lpid,ccommand,atime,dtime,ctime,age,orphan
	[ "${lines[0]}" = "KEY ID OWNER GROUP UID GID CUSER CGROUP CUID CGID PERMS MODE SIZE RSS SWAP NATTCH STATUS CPID LPID CCOMMAND ATIME DTIME CTIME AGE ORPHAN" ]
	local -a f
	read -r -a f <<< "${lines[2]}"
	[ "${#f[@]}" -eq 25 ]
	[ "${f[*]:0:2}" = "0x12345678 1" ]
	[ "${f[2]}" = "$(user_name 1000)" ]
	[ "${f[3]}" = "$(group_name 1000)" ]
	[ "${f[*]:4:6}" = "1000 1000 root root 0 0" ]
	[ "${f[*]:10:6}" = "0644 rw-r--r-- 65536 65536 0 1" ]
	[ "${f[*]:16:4}" = "dest 101 102 -" ]
	[ "${f[*]:20:3}" = "2023-11-14T22:15:00Z 2023-11-14T22:14:10Z 2023-11-14T22:13:20Z" ]
	[ "${f[23]}" -gt 90000000 ]
	[ "${f[24]}" = no ]
	read -r -a f <<< "${lines[3]}"
	[ "${#f[@]}" -eq 25 ]
	[ "${f[2]}" = nobody ]
	[ "${f[16]}" = locked ]
	[ "${f[*]:20:2}" = "- -" ]
	# Unattached, but the pids of a copied table prove nothing here.
	[ "${f[24]}" = - ]
}

@test "stat -o +LIST appends to the defaults; unknown column is a usage error" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat -o +Mode,gid
	[[ "${lines[0]}" =~ CTIME\ +MODE\ +GID$ ]]
	run -2 shm stat -o KEY,BOGUS
	[[ "$output" == *"unknown column 'BOGUS'"* ]]
	run -2 shm stat --sort BOGUS
	run -2 shm stat --json --raw
}

@test "stat --json: the schema, numbers as numbers, nulls, booleans; every row typed, skipped null without /dev/shm" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --json
	[ "${lines[0]}" = '{"segments":[' ]
	[ "${lines[2]}" = '{"type":"sysv","key":"0x12345678","id":1,"name":null,"owner":"'"$(user_name 1000)"'","group":"'"$(group_name 1000)"'","uid":1000,"gid":1000,"cuser":"root","cgroup":"root","cuid":0,"cgid":0,"perms":"0644","size":65536,"rss":65536,"swap":0,"nattch":1,"status":["dest"],"cpid":101,"lpid":102,"atime":"2023-11-14T22:15:00Z","dtime":"2023-11-14T22:14:10Z","mtime":null,"ctime":"2023-11-14T22:13:20Z","orphan":false,"cunit":null,"ccgroup_path":null},' ]
	[[ "${lines[3]}" == '{"type":"sysv","key":"0xf0000001","id":32769,'*'"status":["locked"],'*'"atime":null,"dtime":null,'*'"orphan":null,"cunit":null,"ccgroup_path":null}' ]]
	[ "${lines[4]}" = '],"skipped":null}' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --json -o +ccommand,age,mode
	json_valid <<< "$output"
	python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["segments"]) == 3' <<< "$output"
}

@test "stat --json with no segments: an empty array under segments" {
	run -0 shm stat --json
	[ "$output" = '{"segments":[],"skipped":null}' ]
	run -0 shm stat --posix --json
	[ "$output" = '{"segments":[],"skipped":0}' ]
	run -0 shm stat
	[ "${lines[1]}" = "0 segments, 0 total size, 0 total rss" ]
}

@test "stat --raw and --noheadings: single spaces, no header, no totals" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id,key,status
	[ "$output" = $'0 0x00000000 -\n1 0x12345678 dest\n32769 0xf0000001 locked' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --noheadings -o id,size
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[2]}" = "32769 1.0G" ]
}

@test "stat --sort: by size, by key, by owner; ties by id" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort size
	[ "$output" = $'0\n1\n32769' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort KEY
	[ "$output" = $'0\n1\n32769' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort rss
	[ "$output" = $'32769\n0\n1' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort swap
	[ "$output" = $'0\n1\n32769' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort ctime
	[ "$output" = $'0\n1\n32769' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort cpid
	[ "$output" = $'0\n1\n32769' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id --sort nattch
	[ "$output" = $'0\n32769\n1' ]
}

@test "stat: 14-column tables from old kernels: rss and swap unknown" {
	p=$(fixture shm-14col)
	SHMTOOL_PROCFS=$p run -0 shm stat -o id,key,nattch,rss,swap
	[[ "${lines[1]}" =~ ^\ 3\ 0x00000000\ +0\ +-\ +-$ ]]
	[[ "${lines[2]}" =~ ^\ 7\ 0x00001234\ +2\ +-\ +-$ ]]
	[ "${lines[3]}" = "2 segments, 12K total size, unknown total rss" ]
	SHMTOOL_PROCFS=$p run -0 shm stat --json -o id,rss,swap
	[ "${lines[1]}" = '{"id":3,"rss":null,"swap":null},' ]
}

@test "stat: values near 2^64 are exact in JSON and do not wrap" {
	p=$(fixture shm-huge)
	SHMTOOL_PROCFS=$p run -0 shm stat --json -o id,size,nattch,uid,status
	[ "${lines[1]}" = '{"id":2147483647,"size":18446744073709551615,"nattch":18446744073709551615,"uid":4294967295,"status":["dest","locked"]}' ]
	SHMTOOL_PROCFS=$p run -0 shm stat --bytes --raw --noheadings -o size,nattch,owner
	[ "$output" = "18446744073709551615 18446744073709551615 4294967295" ]
	SHMTOOL_PROCFS=$p run -0 shm stat -o size
	[[ "${lines[1]}" =~ 16E ]]
}

@test "stat: negative keys print as 32-bit hex" {
	p=$(fixture shm-negkey)
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o key,id
	[ "$output" = $'0xffffffff 5\n0x80000000 6' ]
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat --json -o key --key -268435455
	[ "${lines[1]}" = '{"key":"0xf0000001"}' ]
}

@test "stat: duplicated rows are de-duplicated by shmid, the last kept, sorted by id" {
	p=$(fixture shm-dup)
	SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings --bytes -o id,key,size
	[ "$output" = $'10 0x0000000b 4096\n20 0x0000000c 8192' ]
}

@test "stat: a garbage line is rejected naming the file and line, exit 1" {
	p=$(fixture shm-garbage)
	SHMTOOL_PROCFS=$p run -1 shm stat
	[[ "$output" == *"shmtool: stat: $p/sysvipc/shm: line 3: not a number" ]]
	mkdir -p "$BATS_TEST_TMPDIR/hdr/sysvipc"
	echo "hello" > "$BATS_TEST_TMPDIR/hdr/sysvipc/shm"
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/hdr run -1 shm stat
	[[ "$output" == *"line 1: not the header of a segment table" ]]
	printf 'key shmid\n1 2 600\n' > "$BATS_TEST_TMPDIR/hdr/sysvipc/shm"
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/hdr run -1 shm stat
	[[ "$output" == *"line 2: expected at least 14 numbers" ]]
}

@test "stat: live segments equal /proc/sysvipc/shm, and the fallback gives the same" {
	id1=$(mkseg 10000 640 0x1234)
	id2=$(mkseg 4096 600)
	run -0 shm stat --raw --noheadings --bytes -o id,key,perms,size,cpid,nattch,uid,cuid
	live=$output
	[ "${lines[0]}" = "$id1 0x00001234 0640 10000 $(proc_field "$id1" cpid) 0 0 0" ]
	[ "${lines[1]}" = "$id2 0x00000000 0600 4096 $(proc_field "$id2" cpid) 0 0 0" ]
	mkdir -p "$BATS_TEST_TMPDIR/empty"
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/empty run -0 shm stat --raw --noheadings --bytes -o id,key,perms,size,cpid,nattch,uid,cuid
	[ "$output" = "$live" ]
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/empty run -0 shm stat --json -o id,rss
	[[ "$output" == *'"rss":null'* ]]
	SHMTOOL_PROCFS=$BATS_TEST_TMPDIR/empty run -0 shm stat "$id1" key:0x1234
	[[ "$output" == *"size:      9.8K (10000 bytes)"* ]]
}

@test "stat: more segments than shmmni (lowered after they were made): all listed" {
	# The rows are kept in room reserved for shmmni of them; 3,000 rows
	# with shmmni 1 must grow it.
	in_ns perl -e 'for (1 .. 3000) { defined shmget(0, 4096, 01600) or die "shmget: $!" }'
	in_ns sh -c 'echo 1 > /proc/sys/kernel/shmmni'
	run -0 shm stat --raw --noheadings -o id
	[ "${#lines[@]}" -eq 3000 ]
	[ "$output" = "$(in_ns awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n)" ]
}

@test "stat: as nobody, a root 0600 segment is listed and detailed" {
	require_root
	id=$(mkseg 4096 600 0x77)
	run -0 shm_nobody stat --raw --noheadings -o id,owner,perms
	[ "$output" = "$id root 0600" ]
	run -0 shm_nobody stat "$id"
	[[ "$output" == *"owner:     root"* ]]
	[[ "$output" == *"perms:     0600"* ]]
	# nobody cannot search $BATS_TEST_TMPDIR: a path that does not exist.
	SHMTOOL_PROCFS=/nonexistent-shmtool-procfs run -0 shm_nobody stat --raw --noheadings -o id,owner
	[ "$output" = "$id root" ]
	SHMTOOL_PROCFS=/nonexistent-shmtool-procfs run -0 shm_nobody stat "$id"
	[[ "$output" == *"id:        $id"* ]]
}

@test "stat TARGET: every field as name: value lines, local times and ages" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -0 shm stat 1
	for f in id key owner group uid gid cuser cgroup cuid cgid perms mode status size rss swap nattch cpid ccommand lpid atime dtime ctime age orphan; do
		[[ "$output" == *"$f:"* ]] || { echo "missing $f"; return 1; }
	done
	[[ "$output" == *"mode:      rw-r--r--"* ]]
	[[ "$output" == *"size:      64K (65536 bytes)"* ]]
	[[ "$output" =~ atime:\ +2023-11-1[45]\ [0-9:]+\ \([0-9]+d[0-9]+h\ ago\) ]]
	SHMTOOL_PROCFS=$p run -0 shm stat --json 1 key:0xf0000001
	[[ "${lines[1]}" == '{"type":"sysv","key":"0x12345678","id":1,'* ]]
	[[ "${lines[2]}" == '{"type":"sysv","key":"0xf0000001","id":32769,'* ]]
	[ "${lines[3]}" = '],"skipped":null}' ]
}

@test "stat TARGET: a missing one says so after the others, exit 1" {
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p run -1 --separate-stderr shm stat 42 1
	[[ "$output" == "id:        1"* ]]
	[ "$stderr" = "shmtool: stat: id 42: no such segment" ]
	run -2 shm stat 0x12
	run -2 shm stat nonsense
}

@test "filters: owner, creator, key, unattached, dest, larger-than, older-than (AND)" {
	p=$(fixture shm-basic)
	# ids FILTER...: the ids stat lists, on one line, in IDS.
	ids() {
		SHMTOOL_PROCFS=$p run -0 shm stat --raw --noheadings -o id "$@"
		IDS=${output//$'\n'/ }
	}
	ids --owner root
	[ "$IDS" = 0 ]
	ids --owner 65534
	[ "$IDS" = 32769 ]
	ids --creator 0
	[ "$IDS" = "0 1" ]
	ids --key 0x12345678
	[ "$IDS" = 1 ]
	ids --unattached
	[ "$IDS" = "0 32769" ]
	ids --dest
	[ "$IDS" = 1 ]
	ids --larger-than 64K
	[ "$IDS" = 32769 ]
	ids --larger-than 4096 --unattached
	[ "$IDS" = 32769 ]
	ids --older-than 1d
	[ "$IDS" = "0 1 32769" ]
	ids --older-than 100000d
	[ -z "$IDS" ]
	SHMTOOL_PROCFS=$p run -0 shm stat --unattached --json -o id
	[ "$output" = $'{"segments":[\n{"id":0},\n{"id":32769}\n],"skipped":null}' ]
	run -2 shm stat --owner no-such-user-xyz
}

@test "orphans: a copied table (SHMTOOL_PROCFS) proves nothing: ORPHAN unknown, never selected; CCOMMAND only for the real creator" {
	# A fake procfs whose table names this shell ($$) and the namespace
	# holder as creators; /proc/PID and /proc/stat are the real ones.
	# Its pids are another moment's: whether one is gone or reused is
	# for a real table to say (safety-proofs.bats).
	d=$BATS_TEST_TMPDIR/fake
	mkdir -p "$d/sysvipc"
	ln -s /proc/stat "$d/stat"
	ln -s "/proc/$$" "$d/$$"
	ln -s "/proc/$NS_PID" "$d/$NS_PID"
	now=$(date +%s)
	{
		echo "key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap"
		# created long before this shell started: its pid was reused
		echo "1 1 600 4096 $$ $$ 0 0 0 0 0 1000 1000 1000 4096 0"
		# created now by the live holder
		echo "2 2 600 4096 $NS_PID $NS_PID 0 0 0 0 0 0 0 $now 4096 0"
		# creator gone (no /proc entry), never attached
		echo "3 3 600 4096 999999 0 0 0 0 0 0 0 0 1000 4096 0"
		# attached: never an orphan
		echo "4 4 600 4096 999999 999999 1 0 0 0 0 1000 0 1000 4096 0"
	} > "$d/sysvipc/shm"
	SHMTOOL_PROCFS=$d run -0 shm stat --raw --noheadings -o id,orphan,ccommand
	[ "${lines[0]}" = "1 - -" ]
	[[ "${lines[1]}" == "2 - sleep"* ]]
	[ "${lines[2]}" = "3 - -" ]
	[ "${lines[3]}" = "4 no -" ]
	SHMTOOL_PROCFS=$d run -0 --separate-stderr shm stat --raw --noheadings -o id --orphaned
	[ -z "$output" ]
	[ "$stderr" = "shmtool: stat: 3 rows not listed, as unproven here: cannot prove it orphaned: the pids of a copied table ($d) prove nothing here" ]
	SHMTOOL_PROCFS=$d run -0 shm stat --json -o id,orphan --sort orphan
	[ "${lines[1]}" = '{"id":4,"orphan":false},' ]
	[ "${lines[2]}" = '{"id":1,"orphan":null},' ]
}

@test "orphans: a live creator's segment, then the creator exits" {
	id=$(mkseg 4096 600)
	run -0 shm stat --raw --noheadings -o id,orphan --orphaned
	[ "$output" = "$id yes" ]
	start_holder "$id"
	[ "$(proc_field "$id" nattch)" = 1 ]
	run -0 shm stat --raw --noheadings -o id,orphan
	[ "$output" = "$id no" ]
	run -0 shm stat --orphaned --json
	[ "$output" = '{"segments":[],"skipped":null}' ]
}

@test "CUNIT and CCGROUP: the creator's unit or container from its cgroup (v1, v2, systemd, docker, podman, containerd, k8s, lxc), while it lives" {
	# A fake procfs: one segment per file of tests/fixtures/cgroup,
	# whose creator (pid 100 + n) started before it and has that file
	# as its cgroup.
	local d=$BATS_TEST_TMPDIR/fake f n=0 pid
	local -a names
	mkdir -p "$d/sysvipc"
	printf 'cpu 0 0 0 0\nbtime 1600000000\n' >"$d/stat"
	lines_of names ls "$FIXTURES/cgroup"
	{
		echo "key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap"
		for f in "${names[@]}"; do
			pid=$((100 + n))
			mkdir "$d/$pid"
			# Field 22, the start time in ticks since boot: 100.
			echo "$pid ($f) S$(printf ' 1%.0s' {4..21}) 100 0 0 0" >"$d/$pid/stat"
			printf '%s\0' "$f" >"$d/$pid/cmdline"
			cp "$FIXTURES/cgroup/$f" "$d/$pid/cgroup"
			echo "0 $n 600 4096 $pid 0 0 0 0 0 0 0 0 1700000000 4096 0"
			n=$((n + 1))
		done
		# A creator that started after the segment: its pid was reused.
		mkdir "$d/999"
		echo "999 (late) S$(printf ' 1%.0s' {4..21}) 99999999999 0 0 0" >"$d/999/stat"
		cp "$FIXTURES/cgroup/v2-service" "$d/999/cgroup"
		echo "0 $n 600 4096 999 0 0 0 0 0 0 0 0 1700000000 4096 0"
	} >"$d/sysvipc/shm"
	SHMTOOL_PROCFS=$d run -0 shm stat --json -o id,ccommand,cunit,ccgroup
	run -0 python3 - "$output" "$FIXTURES/cgroup" <<'PY'
import json, os, sys
hexid = "3f1c9e2ab7d8"
want = {
    "containerd": "containerd:" + hexid,
    "docker-cgroupfs": "docker:" + hexid,
    "docker-systemd": "docker:" + hexid,
    "garbage": None,
    "hybrid-root": "/process_api/e8be24567bb73bef816fc0f3902dbb9d",
    "init": "init.scope",
    "k8s-cgroupfs": "k8s:7f3b2c1a",
    "k8s-systemd": "k8s:7f3b2c1a",
    "lxc": "lxc:web1",
    "odd-path": "/my group/with:colon",
    "podman-rootful": "podman:" + hexid,
    "podman-rootless": "podman:" + hexid,
    "root": None,
    "v1-docker": "docker:" + hexid,
    "v1-systemd": "cron.service",
    "v2-service": "postgresql@15-main.service",
    "v2-session": "session-2.scope",
    "v2-user-app": "vte-spawn-5f2e.scope",
    "v2-user-manager": "user@1000.service",
}
rows = json.loads(sys.argv[1])["segments"]
names = sorted(os.listdir(sys.argv[2]))
assert sorted(want) == names, names
for r, name in zip(rows, names):
    assert r["ccommand"] == name, (r, name)
    assert r["cunit"] == want[name], (name, r["cunit"], want[name])
    raw = None
    for line in open(os.path.join(sys.argv[2], name)):
        if line.startswith("0::"):
            raw = line[3:].rstrip("\n")
    if name in ("v1-systemd", "v1-docker", "k8s-cgroupfs", "hybrid-root"):
        assert r["ccgroup_path"].startswith("/") and r["ccgroup_path"] != "/", r
    elif name == "garbage":
        assert r["ccgroup_path"] is None, r
    else:
        assert r["ccgroup_path"] == raw, (name, r["ccgroup_path"], raw)
late = rows[len(names)]
assert (late["ccommand"], late["cunit"], late["ccgroup_path"]) == (None, None, None), late
print(len(rows))
PY
	[ "$output" = $((n + 1)) ]
	# The table form: a name with a blank stays one field in --raw.
	SHMTOOL_PROCFS=$d run -0 shm stat --raw --noheadings -o id,cunit
	[[ "$output" == *" /my\x20group/with:colon"* ]]
}

@test "names: unknown ids print as numbers, names are never truncated" {
	d=$BATS_TEST_TMPDIR/names
	mkdir -p "$d/sysvipc"
	{
		echo "key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap"
		echo "1 1 600 4096 1 1 0 4000000 4000001 0 0 0 0 1000 4096 0"
	} > "$d/sysvipc/shm"
	SHMTOOL_PROCFS=$d run -0 shm stat --raw --noheadings -o owner,group,cuser,cgroup
	[ "$output" = "4000000 4000001 root root" ]
}

# POSIX shared memory objects (/NAME).

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
	[ "$output" = "removed /cobj: size 4096, owner root" ]
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
	[[ "${lines[1]}" =~ ^\{\"type\":\"posix\",\"key\":null,\"id\":null,\"name\":\"/o\",\"owner\":\"root\",\"group\":\"root\",\"uid\":0,\"gid\":0,\"cuser\":null,\"cgroup\":null,\"cuid\":null,\"cgid\":null,\"perms\":\"0640\",\"size\":5000,\"rss\":8192,\"swap\":null,\"nattch\":0,\"status\":\[\],\"cpid\":null,\"lpid\":null,\"atime\":\"20[0-9-]+T[0-9:]+Z\",\"dtime\":null,\"mtime\":\"20[0-9-]+T[0-9:]+Z\",\"ctime\":\"20[0-9-]+T[0-9:]+Z\",\"orphan\":null,\"cunit\":null,\"ccgroup_path\":null\}$ ]]
	[ "${lines[2]}" = '],"skipped":0}' ]
	run -0 shm stat --json /o
	[[ "${lines[1]}" == '{"type":"posix","key":null,"id":null,"name":"/o",'* ]]
	run -0 shm stat /o
	for f in name type owner group uid gid perms mode size rss nattch atime mtime ctime age; do
		[[ "$output" == *"$f:"* ]] || { echo "missing $f"; return 1; }
	done
	[[ "$output" == *"mode:      rw-r-----"* ]]
	[[ "$output" != *"key:"* ]]
	[[ "$output" != *"cpid:"* ]]
	run -0 shm stat --all-types --json
	[[ "${lines[1]}" == '{"type":"posix","key":null,"id":null,"name":"/o",'*'"cuser":null,'*'"swap":null,'*'"cpid":null,"lpid":null,'*'"dtime":null,'*'"orphan":null,"cunit":null,"ccgroup_path":null}' ]]
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

@test "stat --all-types --sort: what a kind lacks sorts as unknown, first, never as the other kind's fields" {
	# The two kinds share storage for cpid, lpid, creator ids, dtime,
	# name, inode and mtime: what a kind lacks is null ("-"), and null
	# sorts before every value, whatever the field's own sentinel.
	run -0 shm create 4K key:0x42
	id=$output
	run -0 shm attach "$id"
	run -0 shm create 8K /x
	for spec in cpid:/x lpid:/x dtime:/x cuid:/x cgid:/x cuser:/x \
	    key:/x orphan:/x mtime:- name:- ; do
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

@test "filters of objects: --older-than reads the latest of atime, mtime and ctime; filters of segments only are usage errors" {
	require_test_hooks
	run -0 shm create 4K /old
	run -0 shm create 1M /new
	# Two days from now, /new was just written; /old was not used since.
	in_ns touch -d '+2 days' /dev/shm/new
	SHMTOOL_TEST_AGE=172800 run -0 shm stat --posix --raw --noheadings -o name --older-than 1d
	[ "$output" = /old ]
	run -0 shm stat --posix --raw --noheadings -o name --larger-than 4K --owner root
	[ "$output" = /new ]
	# An mtime two days old is not enough: the ctime is of now.
	in_ns touch -d '2 days ago' /dev/shm/old
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

@test "stat --sort -COLUMN and --reverse: descending; the man page's largest first is true" {
	local a b c
	a=$(shm create 8K)
	b=$(shm create 64K)
	c=$(shm create 4K)
	run -0 shm stat --sort -size -r -n -o id
	[ "$output" = "$b"$'\n'"$a"$'\n'"$c" ]
	run -0 shm stat --sort size --reverse -r -n -o id
	[ "$output" = "$b"$'\n'"$a"$'\n'"$c" ]
	run -0 shm stat --sort -size --reverse -r -n -o id
	[ "$output" = "$c"$'\n'"$a"$'\n'"$b" ]
	run -0 shm stat --reverse -r -n -o id
	[ "$output" = "$c"$'\n'"$b"$'\n'"$a" ]
	run -0 shm stat --sort -id -r -n -o id
	[ "$output" = "$c"$'\n'"$b"$'\n'"$a" ]
	# shmtool-stat(1)'s EXAMPLES: "largest first".
	grep -q -- '--sort -size' "$SHMTOOL_SRCDIR/man/shmtool-stat.1.in"
	run -1 grep -- '--sort size' "$SHMTOOL_SRCDIR/man/shmtool-stat.1.in"
	run -2 shm stat --sort -bogus
	[[ "$output" == *"unknown column 'bogus' for --sort"* ]]
	run -2 shm stat --reverse "$a"
}

@test "stat -e: NAME=\"value\" pairs as lsipc -e, escaped so that eval takes them; nothing known is empty" {
	run -0 shm create 4K key:0x42
	id=$output
	run -0 shm stat -e -o key,id,size,status,ctime
	[[ "$output" =~ ^KEY=\"0x00000042\"\ ID=\"$id\"\ SIZE=\"4.0K\"\ STATUS=\"\"\ CTIME=\"20[0-9-]+T[0-9:]+Z\"$ ]]
	run -0 shm stat -e -b -o size
	[ "$output" = 'SIZE="4096"' ]
	run -0 shm create 10 '/a"b$c`d\e f'
	run -0 shm stat --all-types -e -o type,id,name
	[ "${lines[0]}" = "TYPE=\"sysv\" ID=\"$id\" NAME=\"\"" ]
	[ "${lines[1]}" = 'TYPE="posix" ID="" NAME="/a\x22b\x24c\x60d\x5ce f"' ]
	eval "${lines[1]}"
	[ "$NAME" = '/a\x22b\x24c\x60d\x5ce f' ]
	run -2 shm stat -e --raw
	run -2 shm stat -e -n
}

@test "stat --time-format short, full, iso: tables, raw and detail; JSON stays ISO; a bad word is a usage error" {
	run -0 shm create 4K
	id=$output
	run -0 shm stat --time-format short -n -o ctime
	[[ "$output" =~ ^[0-9][0-9]:[0-9][0-9]$ ]]
	run -0 shm stat --time-format full -n -o ctime
	[[ "$output" =~ ^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]\ [0-9:]{8}$ ]]
	run -0 shm stat -n -o ctime
	[[ "$output" =~ ^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]\ [0-9:]{8}$ ]]
	run -0 shm stat --time-format iso -n -o ctime
	[[ "$output" =~ ^20[0-9-]+T[0-9:]+Z$ ]]
	run -0 shm stat --time-format full -r -n -o ctime
	[[ "$output" =~ ^20[0-9-]+\\x20[0-9:]+$ ]]
	run -0 shm stat --time-format short -J -o ctime
	[[ "${lines[1]}" =~ ^\{\"ctime\":\"20[0-9-]+T[0-9:]+Z\"\}$ ]]
	run -0 shm stat --time-format iso "$id"
	[[ "$output" =~ ctime:\ +20[0-9-]+T[0-9:]+Z\ \( ]]
	run -2 shm stat --time-format long
	[[ "$output" == *"invalid time format 'long'"* ]]
}

@test "stat --posix on a terminal: a long NAME is cut with an ellipsis to fit; whole with --notruncate and off a terminal" {
	long=/$(printf 'n%.0s' {1..150})
	run -0 shm create 10 "$long"
	run -0 in_ns script -qec "stty cols 60; $SHMTOOL stat --posix" /dev/null
	[[ "${lines[1]}" == /nnnn*"… "* ]]
	[ "$(printf '%s' "${lines[0]}" | tr -d '\r' | wc -c)" -le 60 ]
	run -0 in_ns script -qec "stty cols 60; $SHMTOOL stat --posix --notruncate" /dev/null
	[[ "${lines[1]}" == "$long "* ]]
	run -0 shm stat --posix
	[[ "${lines[1]}" == "$long "* ]]
}
