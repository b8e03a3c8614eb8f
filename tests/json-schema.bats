#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool-json(7): every command's --json against the JSON Schema of
# doc/schema/COMMAND.json (python3-jsonschema, draft 2020-12), with
# segments and objects, each kind of entry, empty lists and the odd
# cases; and documents that break the contract, rejected.

load test_helper

SCHEMAS=$SHMTOOL_SRCDIR/doc/schema

# valid NAME: the document on stdin is one NAME.json accepts; otherwise
# prints each error with where it is, and fails.
valid() {
	python3 -c 'import jsonschema' 2>/dev/null ||
		{ echo "valid: python3-jsonschema is not installed (./bootstrap installs it)" >&2; return 1; }
	python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(sys.stdin)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
for e in errors:
    print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message[:300])
sys.exit(1 if errors else 0)' "$SCHEMAS/$1.json"
}

# /dev without shm, in the test's mount namespace.
no_dev_shm() {
	local t=$BATS_TEST_TMPDIR/nodevshm
	require_root
	mkdir -p "$t"
	in_ns mount -t tmpfs -o size=1m,mode=0700 shmtool-nodevshm "$t"
	in_ns mkdir "$t/upper" "$t/work" "$t/shm"
	in_ns mount --move /dev/shm "$t/shm"
	in_ns mount -t overlay shmtool-dev -o "lowerdir=/dev,upperdir=$t/upper,workdir=$t/work" /dev
	in_ns rmdir /dev/shm
}

@test "one JSON Schema (draft 2020-12) for each command that prints JSON, and none for another" {
	local c n=0
	local -a cmds
	lines_of cmds commands
	for c in "${cmds[@]}"; do
		run -0 "$SHMTOOL" __complete options "$c"
		if [[ "$output" == *$'\n--json\t-J\t'* || "$output" == $'--json\t-J\t'* ]]; then
			[ -f "$SCHEMAS/$c.json" ] || { echo "$c prints JSON: no $SCHEMAS/$c.json"; false; }
			n=$((n + 1))
		else
			[ ! -e "$SCHEMAS/$c.json" ] || { echo "$c prints no JSON, or not with -J: $c.json"; false; }
		fi
	done
	[ "$n" -eq "$(find "$SCHEMAS" -name '*.json' | wc -l)" ]
	[ "$n" -ge 5 ]
	run -0 python3 -c '
import json, sys, jsonschema
for f in sys.argv[1:]:
    jsonschema.Draft202012Validator.check_schema(json.load(open(f)))' "$SCHEMAS"/*.json
}

@test "the schemas reject what breaks the contract: a key that means two things, an untyped row, unlimited as a string, a mixed-up entry" {
	# who's mapping protection is "access"; "perms" is the octal mode only.
	run -1 valid who <<< '{"attaches":[{"type":"sysv","id":0,"key":"0x00000000","name":null,"pid":1,"user":"root","command":"x","via":"map","fd":null,"address":"1000-2000","perms":"rw-s","status":[],"unit":null,"cgroup_path":"/"}]}'
	[[ "$output" == *"'access' is a required property"* ]]
	# The same row, right, is accepted: the schema is not merely strict.
	run -0 valid who <<< '{"attaches":[{"type":"sysv","id":0,"key":"0x00000000","name":null,"pid":1,"user":"root","command":"x","via":"map","fd":null,"address":"1000-2000","access":"rw-s","status":[],"unit":null,"cgroup_path":"/"}]}'
	# A row that does not say its kind; a segment without an id.
	run -1 valid stat <<< '{"segments":[{"key":"0x00000000","id":0,"owner":"root"}],"skipped":null}'
	[[ "$output" == *"'type' is a required property"* ]]
	run -0 shm create 4K
	run -0 shm stat --all-types --json
	sed 's/"id":0,/"id":null,/' <<< "$output" > "$BATS_TEST_TMPDIR/noid"
	run -1 valid stat < "$BATS_TEST_TMPDIR/noid"
	# "Unlimited" is a boolean beside the exact number, never a string.
	run -0 shm limits --json
	lim=$output
	sed 's/"shmmax":[0-9]*,/"shmmax":"unlimited",/' <<< "$lim" > "$BATS_TEST_TMPDIR/lim"
	run -1 valid limits < "$BATS_TEST_TMPDIR/lim"
	[[ "$output" == *"/limits/shmmax: 'unlimited' is not of type 'integer'"* ]]
	sed 's/"page_size":[0-9]*/"page_size":4096.5/' <<< "$lim" > "$BATS_TEST_TMPDIR/lim"
	run -1 valid limits < "$BATS_TEST_TMPDIR/lim"
	[[ "$output" == *"/limits/page_size: 4096.5 is not of type 'integer'"* ]]
	# rm: an entry without its type; a dry run that says it removed.
	run -1 valid rm <<< '{"removed":[{"id":1,"key":"0x00000000","name":null,"size":1,"owner":"a","target":null,"reason":"unattached","holders":[]}],"would_remove":[],"skipped":[],"failed":[],"dry_run":false}'
	[[ "$output" == *"'type' is a required property"* ]]
	run -1 valid rm <<< '{"removed":[{"type":"sysv","id":1,"key":"0x00000000","name":null,"size":1,"owner":"a","target":null,"reason":"unattached","holders":[]}],"would_remove":[],"skipped":[],"failed":[],"dry_run":true}'
	# create: an object has no id.
	run -1 valid create <<< '{"type":"posix","id":3,"key":null,"name":"/x","size":1,"created":true}'
}

@test "stat --json: segments and objects together, typed rows, hostile names exact; validates" {
	run -0 shm create 4K
	run -0 shm create 8K key:0x1234
	run -0 shm create 1M /obj
	run -0 shm create 4K $'/n\xff\e[31m'
	in_ns ln -s /etc/passwd /dev/shm/link
	run -0 --separate-stderr shm stat --all-types --json
	valid stat <<< "$output"
	[[ "$output" == *'"type":"sysv","key":"0x00001234"'* ]]
	[[ "$output" == *'"type":"posix","key":null,"id":null,"name":"/obj"'* ]]
	[[ "$output" == *'"name":"/n\udcff\u001b[31m"'* ]]
	[[ "$output" == *'"skipped":1}' ]]
	run -0 shm stat --all-types --json --sort size
	valid stat <<< "$output"
}

@test "stat --json: segments alone and objects alone, every row typed with every key; empty lists; the detail view" {
	run -0 shm stat --json
	valid stat <<< "$output"
	[ "$output" = '{"segments":[],"skipped":null}' ]
	run -0 shm stat --posix --json
	valid stat <<< "$output"
	[ "$output" = '{"segments":[],"skipped":0}' ]
	run -0 shm create 4K key:0x77
	run -0 shm create 4K /o
	run -0 shm stat --json
	valid stat <<< "$output"
	[[ "$output" == *'{"type":"sysv","key":"0x00000077","id":0,"name":null,'* ]]
	run -0 shm stat --posix --json
	valid stat <<< "$output"
	[[ "$output" == *'{"type":"posix","key":null,"id":null,"name":"/o",'* ]]
	run -0 shm stat --json key:0x77 /o
	valid stat <<< "$output"
}

@test "stat --all-namespaces --json: rows with ns, nspid and nscommand; validates" {
	mkseg 4096 0600 >/dev/null
	# shellcheck disable=SC2016
	run -0 in_ns unshare --pid --fork --mount-proc -- sh -c '
		unshare --ipc -- sh -c "exec sleep 600" & p=$!
		while [ "$(cat /proc/$p/comm 2>/dev/null)" != sleep ]; do sleep 0.01; done
		"$@" stat --all-namespaces --json
		kill $p' sh "${SHMTOOL_WRAP[@]}" "$SHMTOOL"
	valid stat <<< "$output"
	[[ "$output" == *'"ns":'* ]]
	[[ "$output" == *'"nscommand":'* ]]
}

@test "who --json: attaches of segments, mappings and fds of objects, empty; validates" {
	run -0 shm who --json
	valid who <<< "$output"
	[ "$output" = '{"attaches":[]}' ]
	run -0 shm create 4K
	start_holder "$output"
	run -0 shm create 4K /held
	hold_obj /held hold
	run -0 shm who --json
	valid who <<< "$output"
	[[ "$output" == *'"access":"rw-s"'* ]]
	run -0 shm who --posix --json
	valid who <<< "$output"
	[[ "$output" == *'"via":"fd"'* ]]
	run -0 shm who --all-types --json
	valid who <<< "$output"
	[[ "$output" != *'"perms"'* ]]
}

@test "create --json: a segment, an object, an existing one returned; validates" {
	run -0 shm create -J 4K
	valid create <<< "$output"
	run -0 shm create --json 4K key:0x10
	valid create <<< "$output"
	run -0 shm create --json 4K key:0x10
	valid create <<< "$output"
	[[ "$output" == *'"created":false}' ]]
	run -0 shm create -J 4K /o
	valid create <<< "$output"
	[ "$output" = '{"type":"posix","id":null,"key":null,"name":"/o","size":4096,"created":true}' ]
}

@test "rm --json: removed, would_remove, skipped and failed entries of both kinds, with holders; validates" {
	run -0 shm create 4K key:0x1
	run -0 shm create 4K key:0x2
	held=$output
	start_holder "$held"
	run -0 shm create 4K /a
	run -0 shm create 4K /b
	hold_obj /b map
	run -0 shm rm -J --dry-run --all-types --all
	valid rm <<< "$output"
	[[ "$output" == *'"removed":[],"would_remove":[{"type":"sysv",'* ]]
	[[ "$output" == *'"skipped":[{"type":"sysv","id":'"$held"','* ]]
	run -1 --separate-stderr shm rm -J key:0x1 "$held" /b 4242 /nope
	valid rm <<< "$output"
	[[ "$output" == *'"target":"key 0x00000001","reason":"named"'* ]]
	[[ "$output" == *'"holders":[{"pid":'"$HOLDER_PID"','* ]]
	[[ "$output" == *'"holders":[{"pid":'"$OBJ_PID"','* ]]
	[[ "$output" == *'"name":"/nope","size":null,"owner":null,"target":"/nope","reason":"no such object"'* ]]
	run -0 shm rm -J --posix --all
	valid rm <<< "$output"
	[[ "$output" == *'"removed":[{"type":"posix","id":null,"key":null,"name":"/a",'* ]]
	run -0 shm rm --json --all
	valid rm <<< "$output"
}

@test "limits --json: defaults near 2^64 marked unlimited, small limits not, /dev/shm missing is null; validates" {
	in_ns sh -c 'echo 18446744073692774399 > /proc/sys/kernel/shmmax; echo 18446744073692774399 > /proc/sys/kernel/shmall'
	run -0 shm limits -J
	valid limits <<< "$output"
	[[ "$output" == *'"shmmax":18446744073692774399,"shmmax_unlimited":true,'* ]]
	[[ "$output" == *'"shmall_bytes":18446744073709551615,"shmall_unlimited":true,'* ]]
	in_ns sh -c 'echo 4096 > /proc/sys/kernel/shmmax; echo 1024 > /proc/sys/kernel/shmall'
	run -0 shm limits --json
	valid limits <<< "$output"
	[[ "$output" == *'"shmmax":4096,"shmmax_unlimited":false,'* ]]
	[[ "$output" == *'"shmall_unlimited":false,'* ]]
	[[ "$output" == *'"size_unlimited":false,'* ]]
	no_dev_shm
	run -0 --separate-stderr shm limits --json
	valid limits <<< "$output"
	[[ "$output" == *'"posix":null}' ]]
}

@test "watch --json: every line of segment and object events (exist, create, attach, change, lock, unlock, mark, detach, remove; create, chmod, write, delete) validates" {
	require_root
	local out=$BATS_TEST_TMPDIR/watch.out id line
	run -0 shm create 4K key:0x15
	run -0 shm create 4K /was
	bg_ns "$SHMTOOL" watch -J --all-types --existing --interval 20ms >"$out"
	local wpid=$BG_PID
	# The first look is over once what was there is listed.
	wait_for grep -q '"event":"exist".*"name":"/was"' "$out"
	id=$(shm create 4K)
	wait_for grep -q "\"event\":\"create\",\"type\":\"sysv\",.*\"id\":$id," "$out"
	bg_ns "$SHMTOOL" attach --hold=1h "$id" >/dev/null
	local holder=$BG_PID
	wait_for grep -q '"event":"attach"' "$out"
	bg_ns "$SHMTOOL" attach --hold=1h "$id" >/dev/null
	local second=$BG_PID
	wait_for grep -q '"event":"attach".*"nattch":2,' "$out"
	kill "$second"
	wait_for grep -q '"event":"detach"' "$out"
	shm set --mode 0644 "$id"
	wait_for grep -q '"event":"change"' "$out"
	shm set --lock "$id"
	wait_for grep -q '"event":"lock"' "$out"
	shm set --unlock "$id"
	wait_for grep -q '"event":"unlock"' "$out"
	shm rm --force "$id"
	wait_for grep -q '"event":"mark"' "$out"
	kill "$holder"
	wait_for grep -q "\"event\":\"remove\",\"type\":\"sysv\",.*\"id\":$id," "$out"
	shm create 4K /o
	wait_for grep -q '"event":"create","type":"posix",.*"name":"/o"' "$out"
	shm set --mode 0604 /o
	wait_for grep -q '"event":"chmod"' "$out"
	# A write is told by the mtime, in seconds: one that can move.
	local t
	t=$(in_ns stat -c %Y /dev/shm/o)
	wait_for bash -c "[ \$(date +%s) -gt $t ]"
	shm write /o hello
	wait_for grep -q '"event":"write"' "$out"
	shm rm /o
	wait_for grep -q '"event":"delete"' "$out"
	kill -TERM "$wpid"
	wait "$wpid"
	# Each line a document of its own (JSON Lines).
	local n=0
	while IFS= read -r line; do
		run -0 valid watch <<<"$line"
		n=$((n + 1))
	done <"$out"
	# Every kind was there (an object may also show a resize: made, then
	# sized).
	run -0 python3 -c 'import json, sys; print(" ".join(sorted({json.loads(l)["event"] for l in open(sys.argv[1])} - {"resize"})))' "$out"
	[ "$output" = "attach change chmod create delete detach exist lock mark remove unlock write" ]
	[ "$n" -ge 14 ]
}

@test "watch --json: the schema rejects a line off the contract: the watch branch's old ccgroup, an object with a creator, a missing key, an object's segment event" {
	require_root
	local out=$BATS_TEST_TMPDIR/watch.out
	bg_ns "$SHMTOOL" watch -J --all-types --interval 20ms >"$out"
	local wpid=$BG_PID
	sleep 0.2
	shm create 4K /o
	wait_for grep -q '"event":"create","type":"posix"' "$out"
	kill -TERM "$wpid"
	wait "$wpid"
	local line
	line=$(head -1 "$out")
	run -0 valid watch <<<"$line"
	edit() { python3 -c 'import json, sys; e = json.loads(sys.argv[1]); exec(sys.argv[2]); print(json.dumps(e))' "$line" "$1"; }
	run -0 edit 'e["ccgroup"] = None'
	run -1 valid watch <<<"$output"
	run -0 edit 'e["ccommand"] = "x"'
	run -1 valid watch <<<"$output"
	run -0 edit 'del e["cunit"]'
	run -1 valid watch <<<"$output"
	run -0 edit 'e["event"] = "attach"'
	run -1 valid watch <<<"$output"
	run -0 edit 'e["time"] = e["time"].replace(".", ",")'
	run -1 valid watch <<<"$output"
}
