#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Safety at the boundaries (issue 14): shmtool never leaves the namespace
# it was asked for, never leaves a create or a set half-done, writes
# names that round-trip, and takes the targets people use.  Each case
# asserts that nothing it must not touch was touched, that a refusal
# names its reason, and that no run died of a signal or hung (timeout
# turns a hang into a failure: status 124).

load test_helper

# no_signal: the last run ended by itself - no signal death (status
# 128 + N), no timeout (124) - and said nothing of a core or a kill.
no_signal() {
	[ "$status" -lt 124 ]
	[[ "$output" != *Killed* ]]
	[[ "$output" != *"core dumped"* ]]
}

# A "container": a process chroot()ed into CTR, paused, in the test's
# namespaces (so --ns joins the test's own IPC namespace).  Its /dev/shm
# is whatever CTR/dev/shm is; HOST is a directory outside CTR that a path
# through /proc/PID/root followed naively would reach.  Sets CTR, HOST,
# INSIDE (HOST as the container sees it: CTR + HOST) and CPID.
start_container() {
	local out=$BATS_TEST_TMPDIR/ctr.pid
	CTR=$BATS_TEST_TMPDIR/ctr
	HOST=$BATS_TEST_TMPDIR/host
	INSIDE=$CTR$HOST
	mkdir -p "$CTR/dev" "$HOST" "$INSIDE"
	echo host > "$HOST/hostobj"
	echo ctr > "$INSIDE/ctrobj"
	[ -x "$BATS_TEST_TMPDIR/chroot-pause" ] || build_c chroot-pause <<'C'
#include <stdio.h>
#include <unistd.h>
/* chroot-pause DIR: chroot(DIR), print the pid, wait. */
int main(int argc, char **argv) {
	if (argc != 2 || chroot(argv[1]) != 0 || chdir("/") != 0) {
		perror("chroot");
		return 1;
	}
	printf("%d\n", (int)getpid());
	fflush(stdout);
	pause();
	return 0;
}
C
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/chroot-pause\" \"$CTR\" > \"$out\""
	wait_for test -s "$out"
	CPID=$(cat "$out")
}

# The host's file and the container's are as they were made.
host_untouched() {
	[ "$(cat "$HOST/hostobj")" = host ]
	[ "$(stat -c %a "$HOST/hostobj")" = 644 ]
	[ "$(find "$HOST" -mindepth 1 | wc -l)" -eq 1 ]
}

# container_cases: what --ns CPID does to POSIX objects goes to the
# container's /dev/shm, as it sees it, and never to HOST - which the
# naive path /proc/CPID/root/dev/shm reaches.
container_cases() {
	run -0 in_ns ls "/proc/$CPID/root/dev/shm/"
	[ "$output" = hostobj ]
	run -0 shm --ns "$CPID" stat --posix --raw --noheadings -o name,size
	[ "$output" = "/ctrobj 4" ]
	run -0 shm --ns "$CPID" dump --format raw /ctrobj
	[ "$output" = ctr ]
	run -1 shm --ns "$CPID" dump /hostobj
	[ "$output" = "shmtool: dump: /hostobj: no such object" ]
	run -1 shm --ns "$CPID" write /hostobj XXXX
	[ "$output" = "shmtool: write: /hostobj: no such object" ]
	run -1 shm --ns "$CPID" set --mode 0600 /hostobj
	run -0 shm --ns "$CPID" write /ctrobj CTR
	[ "$(cat "$INSIDE/ctrobj")" = CTR ]
	run -0 shm --ns "$CPID" create 1K /made
	[ "$(stat -c %s "$INSIDE/made")" = 1024 ]
	run -0 shm --ns "$CPID" who /made
	run -0 --separate-stderr shm --ns "$CPID" limits
	[[ "$output" == *"POSIX objects (/proc/$CPID/root/dev/shm)"* ]]
	# --force: what is tested is where rm acts, not its proofs (the
	# container's files are on a file system unreadable processes reach).
	run -0 --separate-stderr shm --ns "$CPID" rm --posix --all --force
	no_signal
	[ "$(find "$INSIDE" -mindepth 1 | wc -l)" -eq 0 ]
	host_untouched
}

@test "--ns PID of a container whose /dev/shm is an absolute symlink: its objects, never the host's" {
	start_container
	ln -s "$HOST" "$CTR/dev/shm"
	container_cases
}

@test "--ns PID of a container whose /dev/shm is a relative symlink climbing with ..: its objects, never the host's" {
	start_container
	ln -s "../../../../../../../../../../../../../../../..$HOST" "$CTR/dev/shm"
	container_cases
}

@test "--ns PID of a container in a user namespace of its own, /dev/shm an absolute symlink: its objects, never the host's" {
	start_container
	kill "$CPID"
	ln -s "$HOST" "$CTR/dev/shm"
	# Container and shmtool in a new user and IPC namespace, as a
	# rootless container engine makes them.
	# shellcheck disable=SC2016
	run -0 --separate-stderr in_ns unshare --user --map-root-user --ipc -- sh -c '
		"$1" "$2" > "$3.u" &
		i=0
		until [ -s "$3.u" ]; do i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01; done
		p=$(cat "$3.u")
		"$4" --ns "$p" stat --posix --raw --noheadings -o name
		"$4" --ns "$p" rm --posix --all --force
		kill "$p"' sh "$BATS_TEST_TMPDIR/chroot-pause" "$CTR" "$BATS_TEST_TMPDIR/ctr.pid" "$SHMTOOL"
	[ "$output" = /ctrobj ]
	[ "$(find "$INSIDE" -mindepth 1 | wc -l)" -eq 0 ]
	host_untouched
}

@test "--ns PID of a container whose /dev/shm loops, is missing or is a /proc magic link: refused with the reason, nothing touched" {
	start_container
	ln -s /dev/shm/x "$CTR/dev/shm"
	run -1 shm --ns "$CPID" rm --posix --all
	no_signal
	[ "$output" = "shmtool: rm: /proc/$CPID/root/dev/shm: too many symbolic links, or a /proc magic link, inside the process's root" ]
	run -1 shm --ns "$CPID" create 4K /new
	[ "$output" = "shmtool: create: /proc/$CPID/root/dev/shm: too many symbolic links, or a /proc magic link, inside the process's root" ]
	rm "$CTR/dev/shm"
	run -1 shm --ns "$CPID" stat --posix
	[ "$output" = "shmtool: stat: /proc/$CPID/root/dev/shm: no such directory inside the process's root" ]
	run -1 shm --ns "$CPID" dump /hostobj
	[ "$output" = "shmtool: dump: /hostobj: /proc/$CPID/root/dev/shm: no such directory inside the process's root" ]
	# limits still shows the System V part, and says what it misses.
	run -0 --separate-stderr shm --ns "$CPID" limits
	[[ "$output" == *SHMMNI* ]]
	[ "$stderr" = "shmtool: limits: /proc/$CPID/root/dev/shm: no such directory inside the process's root" ]
	# A /proc inside the container whose magic link jumps to the
	# test's own root, where HOST is.
	mkdir "$CTR/proc"
	in_ns mount --bind /proc "$CTR/proc"
	ln -s "/proc/$NS_PID/root$HOST" "$CTR/dev/shm"
	run -0 in_ns ls "/proc/$CPID/root/dev/shm/"
	[ "$output" = hostobj ]
	run -1 shm --ns "$CPID" rm --posix --all
	no_signal
	[[ "$output" == *"/proc/$CPID/root/dev/shm: too many symbolic links, or a /proc magic link, inside the process's root" ]]
	host_untouched
	[ "$(cat "$INSIDE/ctrobj")" = ctr ]
}

@test "--ns PID: a /dev/shm on a file system the process has not mounted (not in its mountinfo) is refused" {
	in_ns touch /dev/shm/obj
	bg_ns sleep 600
	local p=$BG_PID fake=$BATS_TEST_TMPDIR/proc
	# A procfs whose mountinfo of P lists only the root: the tmpfs on
	# /dev/shm, where "dev/shm" resolves, is not among its mounts.
	mkdir -p "$fake/$p/ns"
	ln -s "/proc/$p/root" "$fake/$p/root"
	ln -s "/proc/$p/ns/ipc" "$fake/$p/ns/ipc"
	in_ns grep ' / / ' "/proc/$p/mountinfo" > "$fake/$p/mountinfo"
	SHMTOOL_PROCFS=$fake run -1 shm --ns "$p" stat --posix
	[ "$output" = "shmtool: stat: $fake/$p/root/dev/shm: on a file system the process has not mounted" ]
	SHMTOOL_PROCFS=$fake run -1 shm --ns "$p" rm --posix --all
	in_ns test -e /dev/shm/obj
	# Its real mountinfo lists it.
	in_ns cat "/proc/$p/mountinfo" > "$fake/$p/mountinfo"
	SHMTOOL_PROCFS=$fake run -0 shm --ns "$p" stat --posix --raw --noheadings -o name
	[ "$output" = /obj ]
}

@test "--ns naming a FIFO, a directory, a regular file or a device: refused at once, exit 1, one line" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	echo data > "$BATS_TEST_TMPDIR/plain"
	local f
	for f in fifo:"a FIFO" .:"a directory" plain:"a regular file"; do
		run -1 in_ns timeout 5 "$SHMTOOL" --ns "$BATS_TEST_TMPDIR/${f%%:*}" stat
		no_signal
		[ "$output" = "shmtool: stat: $BATS_TEST_TMPDIR/${f%%:*}: ${f#*:}, not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
	done
	# A device is only looked at (O_PATH), never opened.
	run -1 in_ns timeout 5 "$SHMTOOL" --ns /dev/null limits
	[ "$output" = "shmtool: limits: /dev/null: a character device, not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
	run -1 in_ns timeout 5 "$SHMTOOL" --ns "/proc/$NS_PID/ns/mnt" stat
	[ "$output" = "shmtool: stat: /proc/$NS_PID/ns/mnt: not an IPC namespace file (such as /proc/PID/ns/ipc)" ]
}

# ---- create: all or nothing ------------------------------------------

# objects: the names in the test's /dev/shm, one a line.
objects() { in_ns ls -A /dev/shm; }

@test "create whose standard output fails (>/dev/full, closed): exit 1, what it made removed, an existing one untouched" {
	run -0 shm create 4K key:0x51
	local keyed=$output
	run -0 shm create 4K /kept
	for how in full closed; do
		for what in "4K" "4K key:0x52" "4K /new" "4K --json /new2"; do
			if [ "$how" = full ]; then
				run -1 in_ns sh -c "\"\$0\" create $what > /dev/full" "$SHMTOOL"
			else
				run -1 in_ns sh -c "\"\$0\" create $what >&-" "$SHMTOOL"
			fi
			no_signal
			[[ "$output" == "shmtool: create: write error on standard output: "*"; the "*" created is removed again" ]]
			[ "$(nsegs)" -eq 1 ]
			[ "$(objects)" = kept ]
		done
	done
	# What was only returned stays.
	run -1 in_ns sh -c '"$0" create 4K key:0x51 > /dev/full' "$SHMTOOL"
	[[ "$output" == *"; the existing segment is left as it was" ]]
	run -1 in_ns sh -c '"$0" create 4K /kept >&-' "$SHMTOOL"
	[[ "$output" == *"; the existing object is left as it was" ]]
	[ "$(proc_field "$keyed" key)" = $((0x51)) ]
	[ "$(objects)" = kept ]
}

@test "create where kernel.shm_rmid_forced is 1: refused, nothing made, as root and as nobody; an existing key still returned" {
	run -0 shm create 4K key:0x61
	local keyed=$output
	# A live creator holds it against the sysctl's first sweep.
	start_holder "$keyed"
	in_ns sh -c 'echo 1 > /proc/sys/kernel/shm_rmid_forced'
	local why="shmtool: create: kernel.shm_rmid_forced is 1 in this IPC namespace: a new segment would be destroyed as create exits (its creator, with nothing attached), before its id is read; nothing created (use --hold to keep it attached while it is used)"
	for what in "4K" "4K key:0x62" "--excl 4K key:0x63" "--json 4K"; do
		# shellcheck disable=SC2086
		run -1 --separate-stderr shm create $what
		no_signal
		[ "$output" = "" ]
		[ "$stderr" = "$why" ]
	done
	if [ "$(id -u)" -eq 0 ]; then
		run -1 --separate-stderr shm_nobody create 4K
		[ "$stderr" = "$why" ]
	fi
	[ "$(nsegs)" -eq 1 ]
	run -0 shm create 4K key:0x61
	[ "$output" = "$keyed" ]
	# Objects are no segments: made as ever.
	run -0 shm create 4K /obj
	[ "$(objects)" = obj ]
}

@test "create --hold where kernel.shm_rmid_forced is 1: the id is printed while it lives, attached; gone once the hold ends" {
	in_ns sh -c 'echo 1 > /proc/sys/kernel/shm_rmid_forced'
	local out=$BATS_TEST_TMPDIR/held
	bg_ns sh -c "exec \"$SHMTOOL\" create --hold --mode 0640 64K > \"$out\""
	local holder=$BG_PID
	wait_for test -s "$out"
	id=$(cat "$out")
	[[ "$id" =~ ^[0-9]+$ ]]
	[ "$(proc_field "$id" nattch)" = 1 ]
	[ "$(proc_field "$id" size)" = 65536 ]
	# Usable by another program meanwhile.
	run -0 shm write "$id" hello
	run -0 shm dump --format string "$id"
	[ "$output" = hello ]
	kill -TERM "$holder"
	wait "$holder"	# exit 0: bats fails on any other status (`run wait` in its capture may not wait for our child)
	run -1 proc_field "$id" size
	[ "$(nsegs)" -eq 0 ]
	# --hold=DURATION: 0 lets go at once, and exits 0.
	run -0 shm create --hold=0 4K
	[[ "$output" =~ ^[0-9]+$ ]]
	[ "$(nsegs)" -eq 0 ]
	# Without the sysctl the segment stays after the hold.
	in_ns sh -c 'echo 0 > /proc/sys/kernel/shm_rmid_forced'
	run -0 shm create --hold=0 4K
	[ "$(proc_field "$output" nattch)" = 0 ]
	run -2 shm create --hold 4K /obj
	[ "$output" = "shmtool: create: --hold applies to System V segments, not to POSIX objects (shmtool attach --hold maps one) (try 'shmtool create --help')" ]
}

@test "create when kernel.shm_next_id names a taken last slot: ENOSPC blamed on shm_next_id, not SHMALL; the next create works" {
	in_ns sh -c 'echo 32767 > /proc/sys/kernel/shm_next_id'
	run -0 shm create 4K
	[ "$output" = 32767 ]
	in_ns sh -c 'echo 32767 > /proc/sys/kernel/shm_next_id'
	run -1 shm create 4K
	no_signal
	[ "$output" = "shmtool: create: kernel.shm_next_id asked for id 32767, and no slot is free from its index up (SHMMNI and SHMALL are not reached); the kernel has reset shm_next_id to -1: create again to get a free id, or write a free one to it" ]
	[ "$(nsegs)" -eq 1 ]
	[ "$(in_ns cat /proc/sys/kernel/shm_next_id)" = -1 ]
	run -0 shm create 4K
	[ "$output" = 0 ]
}

# ---- set: all or nothing ---------------------------------------------

# nobody_with ARGS...: shmtool as nobody with the capabilities (+cap,...)
# or the limits given before it: CAPS=+ipc_lock, MEMLOCK=0.
nobody_with() {
	local -a pre=()
	[ -z "${MEMLOCK:-}" ] || pre=(prlimit "--memlock=$MEMLOCK:$MEMLOCK")
	if [ -n "${CAPS:-}" ]; then
		in_ns "${pre[@]}" setpriv --reuid=65534 --regid=65534 --clear-groups \
		    --inh-caps "$CAPS" --ambient-caps "$CAPS" -- "$NOBODY_SHMTOOL" "$@"
	else
		in_ns "${pre[@]}" setpriv --reuid=65534 --regid=65534 --clear-groups \
		    -- "$NOBODY_SHMTOOL" "$@"
	fi
}

@test "set --mode with --lock as the owner without lock rights: refused before anything changes, the mode stays" {
	require_root
	run -0 shm create --owner nobody 4K
	id=$output
	MEMLOCK=0 run -1 nobody_with set --mode 0666 --lock "$id"
	no_signal
	[ "$output" = "shmtool: set: id $id: permission denied (owner nobody, creator root, mode 0600; locking needs the owner or creator, and CAP_IPC_LOCK or RLIMIT_MEMLOCK room)" ]
	[ "$(proc_field "$id" perms)" = 600 ]
	# The mode alone is the owner's to change.
	MEMLOCK=0 run -0 nobody_with set --mode 0640 "$id"
	[ "$(proc_field "$id" perms)" = 640 ]
}

@test "set --mode with --lock or --unlock whose IPC_SET is refused after the lock: the lock is undone, and said so" {
	require_root
	run -0 shm create 4K
	id=$output
	# CAP_IPC_LOCK lets nobody lock another user's segment, not change it.
	CAPS=+ipc_lock run -1 nobody_with set --mode 0666 --lock "$id"
	no_signal
	[ "$output" = "shmtool: set: id $id: permission denied (owner root, creator root, mode 0600; only the owner, the creator or CAP_SYS_ADMIN may change it); --lock undone" ]
	[ "$(proc_field "$id" perms)" = 600 ]
	run -0 shm set --lock "$id"
	[ "$(proc_field "$id" perms)" = 2600 ]
	CAPS=+ipc_lock run -1 nobody_with set --owner nobody --unlock "$id"
	[ "$output" = "shmtool: set: id $id: permission denied (owner root, creator root, mode 0600; only the owner, the creator or CAP_SYS_ADMIN may change it); --unlock undone" ]
	[ "$(proc_field "$id" perms)" = 2600 ]
	[ "$(proc_field "$id" uid)" = 0 ]
	# A lock already there is not "undone" into an unlock.
	CAPS=+ipc_lock run -1 nobody_with set --mode 0666 --lock "$id"
	[[ "$output" == *"may change it)" ]]
	[ "$(proc_field "$id" perms)" = 2600 ]
}

@test "set /NAME --mode with --owner whose chown is refused: the mode is restored, and said so" {
	require_root
	run -0 shm create --owner nobody 4K /o
	run -1 nobody_with set --mode 0666 --owner root /o
	no_signal
	[ "$output" = "shmtool: set: /o: permission denied (owner nobody, mode 0600; only CAP_CHOWN may give it away); mode 0600 restored" ]
	[ "$(in_ns stat -c '%a %U' /dev/shm/o)" = "600 nobody" ]
	# Not the owner: the chmod is refused first, nothing changes.
	run -0 shm create 4K /r
	run -1 nobody_with set --mode 0666 --owner nobody /r
	[ "$output" = "shmtool: set: /r: permission denied (owner root, mode 0600; only the owner or CAP_FOWNER may change the mode, CAP_CHOWN the owner)" ]
	[ "$(in_ns stat -c '%a %U' /dev/shm/r)" = "600 root" ]
	# Root gives it away and sets the mode in one go.
	run -0 shm set --mode 0640 --owner nobody /r
	[ "$(in_ns stat -c '%a %U' /dev/shm/r)" = "640 nobody" ]
}

# ---- names that round-trip -------------------------------------------

@test "JSON names round-trip: the byte 0x9b and the text \\x9b differ, and a name read back from --json removes exactly its object" {
	local bad=$'/j\x9b' text='/j\x9b'
	in_ns touch "/dev/shm/${bad#/}" "/dev/shm/${text#/}"
	run -0 shm stat --posix --json -o name
	[ "${lines[1]}" = '{"name":"/j\\x9b"},' ]
	[ "${lines[2]}" = '{"name":"/j\udc9b"}' ]
	# What a script does: json.loads, then the bytes back.
	shm stat --posix --json -o name | python3 -c '
import json, sys
for o in json.load(sys.stdin)["segments"]:
    sys.stdout.buffer.write(o["name"].encode("utf-8", "surrogateescape") + b"\0")
' > "$BATS_TEST_TMPDIR/names"
	mapfile -d '' names < "$BATS_TEST_TMPDIR/names"
	[ "${#names[@]}" -eq 2 ]
	[ "${names[0]}" = "$text" ]
	[ "${names[1]}" = "$bad" ]
	run -0 shm dump --format raw "${names[1]}"
	run -0 shm rm "${names[1]}"
	run -0 in_ns ls -A /dev/shm
	[ "$output" = 'j\x9b' ]
	run -0 shm rm "${names[0]}"
	run -0 in_ns ls -A /dev/shm
	[ -z "$output" ]
}

@test "every format control Unicode has (Cf, Zl, Zp) is escaped for a terminal, and exact in JSON" {
	command -v pkg-config >/dev/null || skip "pkg-config is not installed"
	local src=$SHMTOOL_SRCDIR/src
	# shellcheck disable=SC2046
	build_c esc -I"$(dirname "$SHMTOOL")" -I"$src" $(pkg-config --cflags libbsd-overlay) \
		"$src/util.c" $(pkg-config --libs libbsd-overlay) <<'C'
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "util.h"
/* esc: each line of stdin through esc_term, a tab, then esc_json. */
int main(void) {
	char line[4096];
	struct buf t = { 0 }, j = { 0 };
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		t.len = j.len = 0;
		esc_term(&t, line, strlen(line));
		esc_json(&j, line, strlen(line));
		printf("%s\t%s\n", t.p, j.p);
	}
	return 0;
}
C
	run -0 python3 -c '
import json, subprocess, sys, unicodedata
cps = [c for c in range(0x80, 0x110000)
       if not 0xd800 <= c <= 0xdfff and
       unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")]
plain = [0xe9, 0x4e2d, 0x1f600, 0x5d0, 0x627]     # e acute, CJK, emoji, Hebrew, Arabic
inp = "".join("x%sy\n" % chr(c) for c in cps + plain).encode()
out = subprocess.run([sys.argv[1]], input=inp, stdout=subprocess.PIPE,
                     check=True).stdout.decode("utf-8").splitlines()
assert len(out) == len(cps) + len(plain)
for c, line in zip(cps + plain, out):
    term, js = line.split("\t")
    want = ("x\\u%04xy" if c <= 0xffff else "x\\U%08xy") % c
    if c in plain:
        want = "x%sy" % chr(c)
    assert term == want, "U+%04X: %r" % (c, term)
    assert json.loads(js) == "x%sy" % chr(c), "U+%04X: %r" % (c, js)
    if c not in plain:
        assert js.isascii(), "U+%04X raw in JSON: %r" % (c, js)
print(len(cps))
' "$BATS_TEST_TMPDIR/esc"
	# Not vacuous: Unicode has over a hundred and fifty of them.
	[ "$output" -gt 150 ]
}

# ---- targets people use ----------------------------------------------

# ftok_key PATH PROJ: the key glibc's ftok(3) makes, as /proc prints it.
ftok_key() {
	[ -x "$BATS_TEST_TMPDIR/ftok" ] || build_c ftok <<'C'
#include <sys/ipc.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	key_t k = ftok(argv[1], atoi(argv[2]));
	if (k == -1) { perror("ftok"); return 1; }
	printf("%d\n", (int)k);
	return 0;
}
C
	"$BATS_TEST_TMPDIR/ftok" "$@"
}

@test "ftok:PATH:PROJ is a TARGET of every command, PROJ 0 to 255 as glibc takes it, 1 when left out" {
	local f=$BATS_TEST_TMPDIR/ftok-file proj key id t
	touch "$f"
	for proj in 0 255 1; do
		key=$(ftok_key "$f" "$proj")
		t=ftok:$f:$proj
		[ "$proj" != 1 ] || t=ftok:$f
		run -0 shm create 8K "$t"
		id=$output
		[ "$(proc_field "$id" key)" = "$key" ]
		run -0 shm stat --raw --noheadings -o id "$t"
		[ "$output" = "$id" ]
		run -0 shm who --raw --noheadings "$t"
		[ -z "$output" ]
		run -0 shm write "$t" hello
		run -0 shm dump --format string "$t"
		[ "$output" = hello ]
		run -0 shm set --mode 0640 "$t"
		[ "$(proc_field "$id" perms)" = 640 ]
		run -0 shm attach "$t"
		[[ "$output" == "id $id: attached at "* ]]
		run -0 shm rm "$t"
		run -1 proc_field "$id" key
		run -1 shm stat "$t"
		no_signal
		[ "$output" = "shmtool: stat: $t: no such segment (key $(printf '0x%08x' "$((key & 0xffffffff))"))" ]
	done
	run -1 shm rm "ftok:$BATS_TEST_TMPDIR/none:0"
	[ "$output" = "shmtool: rm: ftok:$BATS_TEST_TMPDIR/none:0: no such file (ftok makes a key of an existing one)" ]
	run -2 shm stat "ftok:$f:256"
	[ "$output" = "shmtool: stat: invalid target 'ftok:$f:256': an ftok project is 0 to 255 (try 'shmtool stat --help')" ]
	run -2 shm dump ftok:
	[ "$output" = "shmtool: dump: invalid target 'ftok:': empty ftok path (try 'shmtool dump --help')" ]
}

@test "who /NAME finds an object unlinked while still mapped or open; a live object of the name wins; none: exit 1" {
	hold_obj /gone unlink
	run -0 --separate-stderr shm who --raw --noheadings -o name,pid,via,status /gone
	[ "$output" = "$(printf '%s\n' "/gone $OBJ_PID map deleted" "/gone $OBJ_PID fd deleted")" ]
	[ -z "$stderr" ]
	run -0 shm who --json -o name,status /gone
	[[ "$output" == *'{"name":"/gone","status":["deleted"]}'* ]]
	run -1 --separate-stderr shm who --raw --noheadings -o name,via /gone /none
	[ "$output" = "$(printf '%s\n' "/gone map" "/gone fd")" ]
	[ "$stderr" = "shmtool: who: /none: no such object" ]
	# A new object under the name is the one the name names now.
	run -0 shm create 4K /gone
	run -0 shm who --raw --noheadings /gone
	[ -z "$output" ]
}

@test "--older-than and AGE of objects: the latest of atime, mtime and ctime - each one recent keeps an object" {
	require_test_hooks
	local d=/dev/shm
	run -0 shm create 4K /old
	run -0 shm create 4K /read
	run -0 shm create 4K /written
	run -0 shm create 4K /changed
	# Two days from now, /read was read (atime), /written written (mtime).
	in_ns touch -a -d '+2 days' "$d/read"
	in_ns touch -m -d '+2 days' "$d/written"
	export SHMTOOL_TEST_AGE=172800
	run -0 shm stat --posix --raw --noheadings -o name --older-than 1d
	[ "$output" = "$(printf '%s\n' /changed /old)" ]
	run -0 shm rm --dry-run --posix --unattached --older-than 1d
	[ "$output" = "$(printf '%s\n' "would remove /changed: size 4096, owner root" "would remove /old: size 4096, owner root")" ]
	run -0 shm stat --raw --noheadings -o age /read
	[ "$output" -lt 86400 ]
	run -0 shm stat --raw --noheadings -o age /old
	[ "$output" -ge 172800 ]
	unset SHMTOOL_TEST_AGE
	# Now: an atime and an mtime two days old, but a ctime of now.
	in_ns touch -d '2 days ago' "$d/changed"
	run -0 shm stat --posix --raw --noheadings -o name --older-than 1d
	[ -z "$output" ]
	run -0 shm rm --posix --unattached --older-than 1d
	[ "$(in_ns ls "$d" | tr '\n' ' ')" = "changed old read written " ]
}
