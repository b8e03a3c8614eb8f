#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool watch: every event, made by a C program and by shmtool itself,
# seen with its fields in text and in JSON (the keys of stat --json);
# the creator read while it lives and still told after it exits; POSIX
# events from inotify without a look; filters, --count, --timeout,
# --existing, --syslog and --ns; the signals and a closed pipe; a churn
# of thousands of segments whose event stream adds up to the table.
# Never a timing: "between two looks" is made exact by stopping the
# watcher (SIGSTOP) while the table changes.

load test_helper

# watch_start ARGS...: shmtool watch in the background in the test's
# namespaces, its output in WOUT, its errors in WERR, its pid in WPID;
# returns once it has taken its first look.  It answers SIGUSR1 (on
# standard error) only after that look, and SIGUSR1 is sent only once it
# catches it (before that, the signal would end it).
watch_start() {
	local -a global=()
	if [ "$1" = --ns ]; then
		global=(--ns "$2")
		shift 2
	fi
	WOUT=$BATS_TEST_TMPDIR/watch.$RANDOM.out
	WERR=${WOUT%.out}.err
	# Without the steps' FIFO (fd 5): its reader waits for every writer.
	bg_ns "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "${global[@]}" watch "$@" >"$WOUT" 2>"$WERR" 5>&-
	WPID=$BG_PID
	wait_for catches_usr1 "$WPID"
	kill -USR1 "$WPID"
	wait_for grep -q ' looks ' "$WERR"
}

# catches_usr1 PID: the process has a handler for SIGUSR1 (signal 10).
catches_usr1() {
	local m
	m=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -n "$m" ] && (((16#$m >> 9) & 1))
}

# seen PATTERN [FILE]: waits until a line of the watcher's output (or
# FILE) matches the extended regular expression PATTERN.
seen() {
	wait_for grep -qE -- "$1" "${2:-$WOUT}"
}

# lines_at_least N FILE...: each FILE has N lines or more.
lines_at_least() {
	local f n=$1
	shift
	for f in "$@"; do
		[ "$(wc -l <"$f")" -ge "$n" ] || return 1
	done
}

# count_is N PATTERN: N lines of the watcher's output match PATTERN.
count_is() {
	[ "$(grep -cE -- "$2" "$WOUT")" -eq "$1" ]
}

# after_second T: the clock is past second T (an mtime).
after_second() {
	[ "$(date +%s)" -gt "$1" ]
}

# watch_stop: SIGTERM, and its exit status in WSTATUS.
watch_stop() {
	kill -TERM "$WPID"
	WSTATUS=0
	wait "$WPID" || WSTATUS=$?
}

# A C program that makes one change to a segment for each line on its
# standard input (create, attach, detach, chmod, lock, unlock, rmid),
# then waits for the next; the id on its standard output after each.
segsteps_build() {
	build_c segsteps <<'C'
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
	char line[64];
	void *att[16];
	int id = -1, n = 0, rc;
	struct shmid_ds ds;
	while (fgets(line, sizeof(line), stdin) != NULL) {
		rc = 0;
		if (strncmp(line, "create", 6) == 0)
			rc = id = shmget(0x5ea, 8192, IPC_CREAT | IPC_EXCL | 0600);
		else if (strncmp(line, "attach", 6) == 0)
			rc = (att[n++] = shmat(id, NULL, 0)) == (void *)-1 ? -1 : 0;
		else if (strncmp(line, "detach", 6) == 0)
			rc = shmdt(att[--n]);
		else if (strncmp(line, "chmod", 5) == 0) {
			rc = shmctl(id, IPC_STAT, &ds);
			ds.shm_perm.mode = 0640;
			rc |= shmctl(id, IPC_SET, &ds);
		} else if (strncmp(line, "lock", 4) == 0)
			rc = shmctl(id, SHM_LOCK, NULL);
		else if (strncmp(line, "unlock", 6) == 0)
			rc = shmctl(id, SHM_UNLOCK, NULL);
		else if (strncmp(line, "rmid", 4) == 0)
			rc = shmctl(id, IPC_RMID, NULL);
		if (rc == -1)
			perror(line);
		printf("%d\n", id);
		fflush(stdout);
	}
	return 0;
}
C
}

# steps_start: segsteps in the background reading the FIFO on fd 5; its
# pid in SPID.  step LINE: one change.
steps_start() {
	segsteps_build
	mkfifo "$BATS_TEST_TMPDIR/steps"
	# Read-write, so that neither side waits for the other to open it.
	exec 5<>"$BATS_TEST_TMPDIR/steps"
	# Not bg_ns: a command in the background reads /dev/null unless its
	# own standard input is given.
	"${NS_ENTER[@]}" -- "$BATS_TEST_TMPDIR/segsteps" <"$BATS_TEST_TMPDIR/steps" \
		>"$BATS_TEST_TMPDIR/steps.out" 3>&- 5>&- &
	SPID=$!
	BG_PIDS+=("$SPID")
}
step() {
	echo "$1" >&5
}

# The python3 that checks JSON Lines against stat --json: every line is
# one object, "time" and "event", then exactly the keys of a stat --json
# row in their order (the same row form for both kinds), then the
# event's own keys; the same values for what does not change.
json_check() {
	python3 - "$@" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
assert events, "no events"
stat = json.loads(open(sys.argv[2]).read())["segments"]
assert stat, "no rows from stat"
rows = {(r["type"], r["id"], r["name"]): r for r in stat}
extra = ["ccommand", "delta", "several", "lcommand", "lunit",
         "lcgroup_path", "old"]
for e in events:
    assert isinstance(e, dict), e
    if e["event"] == "overflow":
        assert list(e) == ["time", "event", "type", "dir", "reason"], e
        continue
    for r in stat:
        assert list(e) == ["time", "event"] + list(r) + extra, (list(e), list(r))
    key = (e["type"], e["id"], e["name"])
    r = rows.get(key)
    if r is None or e["event"] not in ("create", "exist"):
        continue
    # What a segment keeps for life; an object may grow after its create.
    same = ("key", "id", "owner", "group", "uid", "gid", "cuser", "cgroup",
            "cuid", "cgid", "size", "cpid", "ctime")
    if e["type"] == "posix":
        same = ("name", "owner", "group", "uid", "gid")
    for k in same:
        assert e[k] == r[k], (k, e[k], r[k])
print(len(events))
PY
}

@test "watch --help: synopsis, options, filters and events, exit 0" {
	run -0 shm watch --help
	[[ "${lines[0]}" == "Usage: shmtool watch [OPTIONS] [FILTERS]" ]]
	local o
	for o in --json --interval --count --timeout --existing --syslog --posix --all-types --owner --key --larger-than; do
		[[ "$output" == *"$o"* ]] || { echo "missing $o"; return 1; }
	done
	[[ "$output" == *"Events: exist, create, attach, detach, mark, remove"* ]]
	run -2 shm watch 42
	[[ "$output" == *"extra operand '42'"* ]]
	run -2 shm watch --posix --key 0x1
	run -2 shm watch --interval 5ms
	[[ "$output" == *"invalid interval '5ms': at least 10ms"* ]]
}

@test "watch: every kind of segment event from a C program, with its fields, in text and JSON at once" {
	require_root
	steps_start
	watch_start --interval 20ms
	local text=$WOUT
	watch_start --interval 20ms --json
	local json=$WOUT
	# Each change is seen by both watchers before the next is made.
	step create
	wait_for lines_at_least 1 "$text" "$json"
	grep -qE "create id [0-9]+ key=0x000005ea size=8192 owner=root perms=0600 cpid=$SPID( cunit=[^ ]+)? ccommand=[^ ]*segsteps$" "$text"
	id=$(head -1 "$BATS_TEST_TMPDIR/steps.out")
	shm stat --json "$id" >"$BATS_TEST_TMPDIR/stat.json"
	step attach
	wait_for lines_at_least 2 "$text" "$json"
	grep -qE "attach id $id nattch=1 delta=\\+1 lpid=$SPID( lunit=[^ ]+)? lcommand=[^ ]*segsteps$" "$text"
	step attach
	wait_for lines_at_least 3 "$text" "$json"
	grep -qE "attach id $id nattch=2 delta=\\+1 " "$text"
	step detach
	wait_for lines_at_least 4 "$text" "$json"
	grep -qE "detach id $id nattch=1 delta=-1 lpid=$SPID" "$text"
	step chmod
	wait_for lines_at_least 5 "$text" "$json"
	grep -qE "change id $id owner=root group=root perms=0640 old_perms=0600$" "$text"
	step lock
	wait_for lines_at_least 6 "$text" "$json"
	grep -qE "lock id $id size=8192 owner=root$" "$text"
	step unlock
	wait_for lines_at_least 7 "$text" "$json"
	grep -qE "unlock id $id size=8192 owner=root$" "$text"
	step rmid
	wait_for lines_at_least 8 "$text" "$json"
	grep -qE "mark id $id nattch=1 old_key=0x000005ea$" "$text"
	step detach
	wait_for lines_at_least 9 "$text" "$json"
	grep -qE "remove id $id key=0x00000000 size=8192 owner=root perms=0640 dest=yes cpid=$SPID" "$text"
	# JSON: the same events, in the same order, each one valid object.
	run -0 awk '{ print $3 }' "$text"
	local kinds=$output
	run -0 python3 -c 'import json, sys; print("\n".join(json.loads(l)["event"] for l in open(sys.argv[1])))' "$json"
	[ "$output" = "$kinds" ]
	[ "${#lines[@]}" -eq 9 ]
	run -0 json_check "$json" "$BATS_TEST_TMPDIR/stat.json"
	[ "$output" = 9 ]
	run -0 python3 - "$json" "$id" "$SPID" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
id, pid = int(sys.argv[2]), int(sys.argv[3])
c = ev[0]
assert (c["event"], c["type"], c["id"], c["key"], c["size"], c["perms"], c["cpid"], c["status"]) == \
    ("create", "sysv", id, "0x000005ea", 8192, "0600", pid, []), c
assert c["ccommand"].endswith("segsteps") and c["ccgroup_path"].startswith("/"), c
assert ev[1]["event"] == "attach" and ev[1]["delta"] == 1 and ev[1]["several"] is False
assert ev[1]["lcommand"].endswith("segsteps") and ev[1]["lpid"] == pid
assert ev[3]["event"] == "detach" and ev[3]["delta"] == -1 and ev[3]["nattch"] == 1
ch = ev[4]
assert ch["event"] == "change" and ch["perms"] == "0640" and ch["old"]["perms"] == "0600", ch
assert ev[5]["status"] == ["locked"] and ev[6]["status"] == [], ev[5]
m = ev[7]
assert m["event"] == "mark" and m["key"] == "0x00000000" and m["status"] == ["dest"] and m["old"]["key"] == "0x000005ea", m
r = ev[8]
assert r["event"] == "remove" and r["ccommand"] == c["ccommand"] and r["cunit"] == c["cunit"], r
assert all(e["time"].endswith("Z") and len(e["time"]) == 24 for e in ev)
PY
	exec 5>&-
}

@test "watch: the creator's command and cgroup, read while it lives, are still told after it exits" {
	steps_start
	watch_start --interval 20ms --json
	step create
	seen '"event":"create"'
	id=$(head -1 "$BATS_TEST_TMPDIR/steps.out")
	# The creator goes; stat no longer knows it, the watcher does.
	exec 5>&-
	wait "$SPID"
	run -0 shm stat --raw --noheadings -o CCOMMAND,CUNIT,CCGROUP "$id"
	[ "$output" = "- - -" ]
	shm rm "$id"
	seen '"event":"remove"'
	run -0 python3 - "$WOUT" "$SPID" <<'PY'
import json, sys
c, r = [json.loads(l) for l in open(sys.argv[1])]
cg = [l.split(":", 2)[2].strip() for l in open("/proc/self/cgroup")]
assert r["event"] == "remove" and r["cpid"] == int(sys.argv[2]), r
assert r["ccommand"].endswith("segsteps"), r
# The cgroup of the test, which the program ran in, as a line of it; a
# unit for it unless it is the root.
assert r["ccgroup_path"] in cg, (r["ccgroup_path"], cg)
assert r["cunit"] or r["ccgroup_path"] == "/", r
assert (r["ccommand"], r["cunit"], r["ccgroup_path"]) == (c["ccommand"], c["cunit"], c["ccgroup_path"])
PY
}

@test "watch: every kind of segment event made by shmtool itself" {
	require_root
	watch_start --interval 20ms
	id=$(shm create 4K key:0x5eb)
	seen "create id $id key=0x000005eb size=4096 owner=root perms=0600 cpid=[0-9]+"
	bg_ns "$SHMTOOL" attach --hold=1h "$id" >/dev/null
	local holder=$BG_PID
	seen "attach id $id nattch=1 delta=\\+1 lpid=[0-9]+ .*lcommand=[^ ]*shmtool"
	shm set --mode 0644 "$id"
	seen "change id $id owner=root group=root perms=0644 old_perms=0600$"
	shm set --owner nobody "$id"
	seen "change id $id owner=nobody old_owner=root group=root perms=0644$"
	shm set --lock "$id"
	seen "lock id $id "
	shm set --unlock "$id"
	seen "unlock id $id "
	shm rm --force "$id"
	seen "mark id $id nattch=1 old_key=0x000005eb$"
	kill "$holder"
	wait "$holder" || true
	seen "remove id $id key=0x00000000 size=4096 owner=nobody perms=0644 dest=yes "
	# Each once, in this order: the last detach destroys it.
	run -0 awk '{ print $3 }' "$WOUT"
	[ "$(echo $output)" = "create attach change change lock unlock mark remove" ]
}

@test "watch: several attaches between two looks are one event with several=yes; an id reused is a remove and a create" {
	steps_start
	watch_start --interval 20ms
	step create
	seen "create id "
	id=$(head -1 "$BATS_TEST_TMPDIR/steps.out")
	# Stopped, the watcher takes no look while the table changes; the
	# program answers each step once it is made.
	kill -STOP "$WPID"
	step attach
	step attach
	step attach
	wait_for lines_at_least 4 "$BATS_TEST_TMPDIR/steps.out"
	kill -CONT "$WPID"
	seen "attach id $id nattch=3 delta=\\+3 several=yes lpid=$SPID"
	kill -STOP "$WPID"
	step detach
	step attach
	wait_for lines_at_least 6 "$BATS_TEST_TMPDIR/steps.out"
	kill -CONT "$WPID"
	seen "attach id $id nattch=3 delta=0 several=yes"
	seen "detach id $id nattch=3 delta=0 several=yes"
	exec 5>&-
	wait "$SPID"
	seen "detach id $id nattch=0 delta=-3 several=yes"
	# The same id for another segment, made while no look was taken.
	kill -STOP "$WPID"
	shm rm "$id"
	in_ns sh -c "echo $id > /proc/sys/kernel/shm_next_id"
	new=$(mkseg 16384 0640)
	[ "$new" = "$id" ]
	kill -CONT "$WPID"
	seen "create id $id key=0x00000000 size=16384 "
	run -0 grep -E " (remove|create) id $id " "$WOUT"
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[1]}" == *" remove id $id key=0x000005ea size=8192 "* ]]
}

@test "watch --posix: events come from inotify without waiting for a look (--interval 1h)" {
	watch_start --posix --interval 1h
	# The first look is the only one in this test.
	in_ns python3 -c 'import os; fd = os.open("/dev/shm/py", os.O_CREAT | os.O_RDWR, 0o600); os.close(fd)'
	seen "create /py size=0 owner=root perms=0600$"
	in_ns python3 -c 'import os; os.truncate("/dev/shm/py", 8192)'
	seen "resize /py size=8192 old_size=0$"
	in_ns chmod 0640 /dev/shm/py
	seen "chmod /py owner=root group=root perms=0640 old_perms=0600$"
	if [ "$(id -u)" -eq 0 ]; then
		in_ns chown nobody /dev/shm/py
		seen "chown /py owner=nobody old_owner=root group=root perms=0640$"
	fi
	# A write moves mtime; one a second at the most is told.
	wait_for after_second "$(in_ns stat -c %Y /dev/shm/py)"
	in_ns python3 -c 'import os; fd = os.open("/dev/shm/py", os.O_WRONLY); os.write(fd, b"x"); os.close(fd)'
	seen "write /py size=8192$"
	in_ns rm /dev/shm/py
	seen "delete /py size=8192 "
	# A C program's object: shm_open, ftruncate, mmap.
	obj /cobj exit
	seen "create /cobj size="
	run -0 shm stat --raw --noheadings --bytes -o size /cobj
	[ "$output" = 4096 ]
	# Semaphores share the directory; they are no objects.
	in_ns touch /dev/shm/sem.x
	in_ns rm /dev/shm/cobj
	seen "delete /cobj "
	run -1 grep -q sem.x "$WOUT"
	: >"$WERR"
	kill -USR1 "$WPID"
	wait_for grep -q ' looks ' "$WERR"
	# Still the first look: every event came from inotify.
	grep -q '^shmtool: watch: 1 looks ' "$WERR"
}

@test "watch --posix: the events of objects made by shmtool itself, and a store through a mapping seen at a look" {
	watch_start --posix --interval 20ms --json
	shm create --mode 0600 4K /st
	seen '"event":"create","type":"posix",.*"name":"/st"'
	shm set --mode 0604 /st
	seen '"event":"chmod".*"perms":"0604"'
	wait_for after_second "$(in_ns stat -c %Y /dev/shm/st)"
	shm write /st hello
	seen '"event":"write","type":"posix",.*"name":"/st"'
	# Through a mapping, which inotify does not see; a look does.
	wait_for after_second "$(in_ns stat -c %Y /dev/shm/st)"
	in_ns python3 -c '
import mmap, os
fd = os.open("/dev/shm/st", os.O_RDWR)
m = mmap.mmap(fd, 4096)
m[0:5] = b"again"'
	wait_for count_is 2 '"event":"write"' 
	shm rm /st
	seen '"event":"delete","type":"posix",.*"name":"/st"'
	shm create 4K /keys
	seen '"name":"/keys"'
	shm stat --json --posix >"$BATS_TEST_TMPDIR/stat.json"
	run -0 json_check "$WOUT" "$BATS_TEST_TMPDIR/stat.json"
}

@test "watch --posix: an inotify queue that overflows says so, and the directory is read again" {
	local max
	max=$(cat /proc/sys/fs/inotify/max_queued_events)
	[ "$max" -le 100000 ] || skip "max_queued_events is $max: too many files to make"
	watch_start --posix --interval 1h --json
	kill -STOP "$WPID"
	in_ns python3 -c '
import os, sys
for i in range(int(sys.argv[1]) + 100):
    os.close(os.open("/dev/shm/f%d" % i, os.O_CREAT | os.O_WRONLY, 0o600))
' "$max"
	kill -CONT "$WPID"
	seen '"event":"overflow"'
	grep -q '"reason":"inotify queue overflowed: events may have been missed; the directory was read again"' "$WOUT"
	# Every object there is accounted for, once.
	wait_for count_is $((max + 100)) '"event":"create"' 
	run -0 python3 -c '
import json, sys
names = [json.loads(l).get("name") for l in open(sys.argv[1])]
names = [n for n in names if n]
assert len(names) == len(set(names)), "an object told twice"
print(len(names))' "$WOUT"
	[ "$output" = $((max + 100)) ]
}

@test "watch: the filters of stat choose the events; a change is shown by the owner before and after" {
	require_root
	watch_start --interval 20ms --key 0x5ec
	local bykey=$WOUT
	watch_start --interval 20ms --owner nobody --larger-than 4K
	shm_nobody create --mode 0600 4K key:0x5ed >/dev/null
	small=$(shm_nobody create --mode 0600 4K)
	big=$(shm_nobody create --mode 0600 8K key:0x5ec)
	root=$(shm create 8K)
	seen "create id $big "
	seen "create id $big " "$bykey"
	shm set --owner root "$big"
	seen "change id $big owner=root old_owner=nobody "
	shm set --owner nobody "$root"
	seen "change id $root owner=nobody old_owner=root "
	run -0 grep -c . "$WOUT"
	[ "$output" = 3 ]
	run -1 grep -E "id ($small|$root) key|0x000005ed" "$WOUT"
	run -0 grep -c . "$bykey"
	[ "$output" = 2 ]
}

@test "watch --count and --timeout end it for scripts; --existing, and --timeout 0 with it, list what is there" {
	id=$(mkseg 4096 0600 0x5ee)
	run -0 shm watch --timeout 0
	[ -z "$output" ]
	run -0 shm watch --existing --timeout 0
	[[ "$output" =~ ^[0-9-]+\ [0-9:.]+\ exist\ id\ $id\ key=0x000005ee\ size=4096\ owner=[^\ ]+\ perms=0600\ nattch=0\ cpid=[0-9]+$ ]]
	run -0 shm watch --timeout 200ms --interval 10ms
	[ -z "$output" ]
	run -1 --separate-stderr shm watch --count 1 --timeout 200ms --interval 10ms
	[ "$stderr" = "shmtool: watch: timed out after 0 of 1 events" ]
	[ -z "$output" ]
	# Two events end it: the first two of three.  (--timeout: a --count
	# that does not end it fails the test instead of hanging it.)
	bg_ns "${SHMTOOL_WRAP[@]}" "$SHMTOOL" watch --count 2 --timeout 60s --existing --all-types --interval 10ms >"$BATS_TEST_TMPDIR/two"
	local pid=$BG_PID
	wait_for grep -q exist "$BATS_TEST_TMPDIR/two"
	mkseg 4096 0600 >/dev/null
	wait "$pid"
	run -0 awk '{ print $3 }' "$BATS_TEST_TMPDIR/two"
	[ "$(echo $output)" = "exist create" ]
}

@test "watch: SIGTERM and SIGINT end it quietly with exit 0, all lines written" {
	watch_start --interval 20ms
	id=$(mkseg 4096 0600)
	seen "create id $id "
	watch_stop
	[ "$WSTATUS" -eq 0 ] || { cat "$WERR"; return 1; }
	run -1 grep -v ' looks ' "$WERR"
	[ -z "$output" ]
	watch_start --interval 20ms
	kill -INT "$WPID"
	wait "$WPID"
}

# exited PID: the process has ended (a zombie until it is waited for).
exited() {
	local s
	s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
	[ "${s%% *}" = Z ]
}

@test "watch: SIGUSR1 and SIGTERM are taken even when ppoll never waits (a /dev/shm that is never quiet)" {
	require_test_hooks
	# The hook adds a descriptor that is always ready; ppoll then lets
	# no signal in.  (Not watch_start: a watcher deaf to SIGTERM would
	# hang the teardown, so each failure kills it.)
	local err=$BATS_TEST_TMPDIR/busy.err
	SHMTOOL_TEST_WATCH_BUSY=1 bg_ns "${SHMTOOL_WRAP[@]}" "$SHMTOOL" watch --all-types --interval 1h >/dev/null 2>"$err"
	WPID=$BG_PID
	wait_for catches_usr1 "$WPID" || { kill -KILL "$WPID"; return 1; }
	kill -USR1 "$WPID"
	wait_for grep -q ' looks ' "$err" || { kill -KILL "$WPID"; return 1; }
	kill -TERM "$WPID"
	wait_for exited "$WPID" || { kill -KILL "$WPID"; return 1; }
	wait "$WPID"
}

@test "watch | reader: the reader leaving ends it, waiting (exit 0) or writing (SIGPIPE, as in shmtool(1))" {
	local st=$BATS_TEST_TMPDIR/status first=$BATS_TEST_TMPDIR/first
	mkseg 4096 0600 >/dev/null
	# Idle when the reader goes, after two lines: it notices through
	# poll.  The first line (exist) says the first look is done.
	bg_ns bash -c '"$@" | { read -r l; echo "$l" > '"$first"'; read -r l; }
		echo "${PIPESTATUS[0]}" > '"$st" _ "${SHMTOOL_WRAP[@]}" "$SHMTOOL" watch --existing --interval 20ms
	wait_for test -s "$first"
	mkseg 4096 0600 >/dev/null
	wait_for test -s "$st"
	[ "$(cat "$st")" = 0 ]
	# Writing when the reader goes (more than a pipe holds): SIGPIPE.
	rm -f "$st"
	in_ns perl -e 'for (1 .. 2000) { defined shmget(0, 4096, 01600) or die "shmget: $!\n" }'
	bg_ns bash -c '"$@" | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}" > '"$st" _ "${SHMTOOL_WRAP[@]}" "$SHMTOOL" watch --existing --interval 20ms
	wait_for test -s "$st"
	[ "$(cat "$st")" = 141 ]
}

@test "watch: a table that cannot be read is an error (exit 1), not a silent stop" {
	p=$(fixture shm-garbage)
	SHMTOOL_PROCFS=$p run -1 --separate-stderr shm watch --timeout 0
	[[ "$stderr" == "shmtool: watch: $p/sysvipc/shm: line "* ]]
	# A table that goes bad after the first look ends it too.
	p=$(fixture shm-basic)
	SHMTOOL_PROCFS=$p watch_start --interval 20ms
	cp "$FIXTURES/shm-garbage" "$p/sysvipc/shm"
	local st=0
	wait "$WPID" || st=$?
	[ "$st" -eq 1 ]
	[[ "$(tail -1 "$WERR")" == "shmtool: watch: $p/sysvipc/shm: line "* ]]
}

@test "watch: a table that grows and comes out of id order between looks (ids wrapped, rows read twice)" {
	# A fake procfs whose table is replaced whole (rename) between looks.
	local d=$BATS_TEST_TMPDIR/fake
	mkdir -p "$d/sysvipc"
	table() {
		python3 - "$d/sysvipc/shm" "$@" <<'PY'
import os, sys
path, rows = sys.argv[1], sys.argv[2:]
with open(path + ".new", "w") as f:
    f.write("key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap\n")
    for r in rows:
        id, size = r.split(":")
        f.write("0 %s 600 %s 0 0 0 0 0 0 0 0 0 1700000000 0 0\n" % (id, size))
os.rename(path + ".new", path)
PY
	}
	table 70000:4096 5:4096 40000:4096
	SHMTOOL_PROCFS=$d watch_start --existing --interval 20ms --json
	seen '"event":"exist".*"id":70000,'
	# 300 rows in the kernel's slot order, not the ids'; id 12 read twice
	# as the table changed under the read: the later row is the one.
	local -a rows=(12:4096)
	for i in $(seq 300 -1 2); do
		rows+=("$((i * 32768 + i % 7)):8192")
	done
	rows+=(5:4096 12:16384)
	table "${rows[@]}"
	seen '"event":"create".*"id":12,.*"size":16384,'
	wait_for count_is 303 '"event":"(exist|create)"'
	run -0 python3 - "$WOUT" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
kinds = [(e["event"], e["id"]) for e in ev]
assert kinds[:3] == [("exist", 5), ("exist", 40000), ("exist", 70000)], kinds[:3]
later = kinds[3:]
# In id order within a look; 40000 and 70000 gone, 12 and 299 new made.
assert ("remove", 40000) in later and ("remove", 70000) in later, later
creates = [id for k, id in later if k == "create"]
assert creates == sorted(creates) and len(creates) == 300, len(creates)
assert [e["size"] for e in ev if e["id"] == 12] == [16384]
print(len(ev))
PY
	[ "$output" = 305 ]
}

@test "watch --syslog: each event is a line of the journal, found by 'create id N'" {
	fake_syslog
	watch_start --interval 20ms --syslog --all-types
	steps_start
	step create
	seen "create id "
	id=$(head -1 "$BATS_TEST_TMPDIR/steps.out")
	shm create 4K /logged >/dev/null
	seen "create /logged"
	wait_for grep -q "create /logged" "$SYSLOG"
	# <30>: daemon (3) * 8 + info (6); the line is the output's, without the time.
	run -0 grep "create id $id " "$SYSLOG"
	[[ "$output" =~ ^'<30>'.*' shmtool['[0-9]+']: create id '$id' key=0x000005ea size=8192 owner='[^\ ]+' perms=0600 cpid='$SPID.*' ccommand='[^\ ]*segsteps$ ]]
	[[ "$(grep "create id $id " "$WOUT")" == *" ${output#*]: }" ]]
	exec 5>&-
}

@test "watch --ns: the events of another IPC namespace, with its inode" {
	require_root
	bg_ns unshare --ipc sleep 3600
	local other=$BG_PID ino
	# Unshared once it runs sleep.
	wait_for grep -qx sleep "/proc/$other/comm"
	ino=$(stat -L -c %i "/proc/$other/ns/ipc")
	watch_start --ns "$other" --interval 20ms
	mkseg_build
	in_ns nsenter -t "$other" --ipc "$BATS_TEST_TMPDIR/mkseg" 4096 0600 >/dev/null
	seen "create id 0 ns=$ino key=0x00000000 size=4096 "
	# Our own namespace's segments are not its.
	mkseg 4096 0600 >/dev/null
	in_ns nsenter -t "$other" --ipc "$BATS_TEST_TMPDIR/mkseg" 8192 0600 >/dev/null
	seen "create id [0-9]+ ns=$ino key=0x00000000 size=8192 "
	run -0 grep -c create "$WOUT"
	[ "$output" = 2 ]
}

@test "watch: a churn of thousands of segments, and the event stream adds up to the table" {
	build_c churn <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>
/* churn N: N random creations, removals, attaches, detaches and chmods. */
int main(int argc, char **argv) {
	static int ids[4096];
	void *att[32];
	int n = atoi(argv[1]), nid = 0, natt = 0, i, k, r;
	struct shmid_ds ds;
	srand(7);
	for (i = 0; i < n; i++) {
		r = rand() % 20;
		if (r < 9 || nid == 0) {
			if ((k = shmget(IPC_PRIVATE, 4096 * (1 + rand() % 4), IPC_CREAT | 0600)) >= 0)
				ids[nid++] = k;
		} else if (r < 15) {
			k = rand() % nid;
			shmctl(ids[k], IPC_RMID, NULL);
			ids[k] = ids[--nid];
		} else if (r < 17 && natt < 32) {
			if ((att[natt] = shmat(ids[rand() % nid], NULL, 0)) != (void *)-1)
				natt++;
		} else if (r < 18 && natt > 0) {
			shmdt(att[--natt]);
		} else if (shmctl(ids[k = rand() % nid], IPC_STAT, &ds) == 0) {
			ds.shm_perm.mode = 0600 | (rand() % 2 ? 040 : 0);
			shmctl(ids[k], IPC_SET, &ds);
		}
		if (i % 8 == 0)
			usleep(100);
	}
	printf("%d\n", nid);
	return 0;
}
C
	watch_start --interval 10ms --json
	run -0 in_ns "$BATS_TEST_TMPDIR/churn" 6000
	# A last segment: once its event is out, the stream has seen every
	# change before it.
	last=$(mkseg 4096 0600 0x5e471e1)
	seen "\"event\":\"create\".*\"id\":$last,"
	watch_stop
	[ "$WSTATUS" -eq 0 ]
	in_ns cat /proc/sysvipc/shm >"$BATS_TEST_TMPDIR/table"
	run -0 python3 - "$WOUT" "$BATS_TEST_TMPDIR/table" <<'PY'
import json, sys
view, creates = {}, 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    id = e["id"]
    if e["event"] == "create":
        assert id not in view, ("created twice", id)
        creates += 1
    elif id not in view:
        raise AssertionError(("event for an unknown segment", e["event"], id))
    if e["event"] == "remove":
        del view[id]
    else:
        view[id] = e
rows = [l.split() for l in open(sys.argv[2])][1:]
table = {int(r[1]): r for r in rows}
assert sorted(view) == sorted(table), (len(view), len(table))
for id, r in table.items():
    e = view[id]
    assert e["key"] == "0x%08x" % (int(r[0]) & 0xffffffff), (id, e["key"], r[0])
    assert e["size"] == int(r[3]) and e["nattch"] == int(r[6]), (id, e, r)
    assert int(e["perms"], 8) == int(r[2], 8) & 0o777 and e["uid"] == int(r[7]), (id, e, r)
    assert e["cpid"] == int(r[4]) and e["lpid"] == int(r[5]), (id, e, r)
print(creates, len(view))
PY
	# Thousands were made while watching, and it saw them.
	read -r creates left <<<"$output"
	[ "$creates" -ge 1000 ]
	[ "$left" -eq "$(nsegs)" ]
}
