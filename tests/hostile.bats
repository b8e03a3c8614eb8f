#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Hostile strings: process names, command lines and user names that hold
# escape sequences (\e]0;...\a sets a terminal's title, \e[2J clears
# it), BEL, newlines, C1 controls, bidi overrides (U+202E) and other format
# controls, invalid UTF-8 and empty arguments (the command line is
# NUL-separated).  In tables, --raw and the detail view no control
# character, no format control and no invalid UTF-8 reaches standard
# output, and no value breaks its row; JSON parses and gives back the
# exact bytes - the arguments joined by spaces, as ps shows them, each
# byte that is not UTF-8 as a lone surrogate U+DC80..U+DCFF (Python's
# "surrogateescape").  dump.bats checks the bytes of a segment in `dump
# --format string --vis`.

load test_helper

# The arguments of the holder, argv[0] included.
ARGV=($'\e[2J\e]0;pwned\a' $'bell\a' $'two\nlines' $'bad\xff\xfeutf8' $'c1\xc2\x9bcsi' "" 'ok arg' $'tab\there' $'rlo\xe2\x80\xaetxt.exe\xe2\x80\x8bzw')
# Its name (comm, at most 15 bytes): set with prctl(PR_SET_NAME).
COMM=$'\e]0;x\a\n\xff\xc2\x9b'

# holder IDFILE ARGS...: makes a segment, attaches it, renames itself
# COMM, writes the id to IDFILE and sleeps.  With ZOMBIE=1 a child does
# all that and exits unreaped: a zombie has no command line, so its
# name is what shows (as [name]).
build_hostile() {
	build_c holder <<'C'
#include <sys/prctl.h>
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv) {
	char tmp[4096];
	const char *comm = getenv("COMM"), *zombie = getenv("ZOMBIE");
	FILE *f;
	int id;
	if (zombie != NULL && fork() != 0) {
		pause();
		return 0;
	}
	if ((id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)) == -1 ||
	    (zombie == NULL && shmat(id, NULL, 0) == (void *)-1)) {
		perror("shm");
		return 1;
	}
	prctl(PR_SET_NAME, comm);
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	if ((f = fopen(tmp, "w")) == NULL)
		return 1;
	fprintf(f, "%d\n", id);
	fclose(f);
	rename(tmp, argv[1]);
	if (zombie != NULL)
		return 0;
	pause();
	return 0;
}
C
}

# Starts the holder with argv ARGV (argv[1] is the id file) and name
# COMM; sets ID to the segment's id.
start_hostile() {
	local idf=$BATS_TEST_TMPDIR/idfile
	build_hostile
	bg_ns env COMM="$COMM" ${ZOMBIE:+ZOMBIE=1} bash -c 'exec -a "$0" "$@"' \
	    "${ARGV[0]}" "$BATS_TEST_TMPDIR/holder" "$idf" "${ARGV[@]:1}"
	wait_for test -s "$idf"
	ID=$(cat "$idf")
}

# The command line shmtool reports: the arguments joined by spaces.
WANT_CMDLINE="${ARGV[0]} $BATS_TEST_TMPDIR/idfile ${ARGV[*]:1}"

# Standard output fit for a terminal: valid UTF-8, no C0 control but
# the newline, no DEL, no C1 control, and LINES lines.
term_safe() {
	local lines=$1
	python3 -c '
import sys, unicodedata
data = sys.stdin.buffer.read()
text = data.decode("utf-8")    # strict: raises on invalid UTF-8
bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f or
       unicodedata.category(c) in ("Cf", "Zl", "Zp")]
assert not bad, "control characters: %r" % bad
n = text.count("\n")
assert n == int(sys.argv[1]), "%d lines, not %s" % (n, sys.argv[1])
' "$lines"
}

# json_is KEYS...: the string at that path of the JSON on stdin is the
# bytes of $WANT, exactly: encoded back with "surrogateescape" (each lone
# surrogate U+DC80..U+DCFF is the byte that was not UTF-8).
json_is() {
	python3 -c '
import json, os, sys
d = json.load(sys.stdin)
for k in sys.argv[1:]:
    d = d[int(k)] if k.isdigit() else d[k]
got = d.encode("utf-8", "surrogateescape")
assert got == os.environb[b"WANT"], "%r != %r" % (got, os.environb[b"WANT"])
' "$@"
}

@test "who: a hostile command line, in the table, --raw and JSON" {
	local want=$WANT_CMDLINE
	start_hostile
	run -0 --separate-stderr shm who
	term_safe 2 <<< "$output"
	# The escapes are shown, as text.
	[[ "$output" == *'\e[2J\e]0;pwned\a '*'/idfile bell\a two\nlines bad\xff\xfeutf8 c1\xc2\x9bcsi  ok arg tab\there rlo\u202etxt.exe\u200bzw'* ]]
	run -0 --separate-stderr shm who --raw
	term_safe 2 <<< "$output"
	# Eight fields (UNIT among them): spaces inside a value are \x20.
	[ "$(echo "${lines[1]}" | awk '{ print NF }')" = 8 ]
	run -0 --separate-stderr shm who --json
	WANT=$want json_is attaches 0 command <<< "$output"
	# Nor does JSON carry raw C1 controls: it may be read on a terminal.
	term_safe 3 <<< "$output"
	run -0 --separate-stderr shm who --json -o pid,command "$ID"
	WANT=$want json_is attaches 0 command <<< "$output"
}

@test "stat -o +CCOMMAND and the detail view: a hostile creator command line" {
	local want=$WANT_CMDLINE
	start_hostile
	run -0 --separate-stderr shm stat -o +CCOMMAND
	term_safe 3 <<< "$output"
	[[ "$output" == *'\e[2J\e]0;pwned\a '*'/idfile bell\a two\nlines bad\xff\xfeutf8'* ]]
	run -0 --separate-stderr shm stat --raw -o ID,CCOMMAND
	term_safe 2 <<< "$output"
	[ "$(echo "${lines[1]}" | awk '{ print NF }')" = 2 ]
	run -0 --separate-stderr shm stat "$ID"
	term_safe 27 <<< "$output"
	[[ "$output" == *'ccommand:  \e[2J\e]0;pwned\a '*'/idfile bell\a two\nlines'* ]]
	run -0 --separate-stderr shm stat --json -o +CCOMMAND
	WANT=$want json_is segments 0 ccommand <<< "$output"
	term_safe 3 <<< "$output"
	run -0 --separate-stderr shm stat --json -o ID,CCOMMAND "$ID"
	WANT=$want json_is segments 0 ccommand <<< "$output"
}

@test "a hostile process name: a zombie creator shows as [name], escaped, exact in JSON" {
	ZOMBIE=1 start_hostile
	run -0 --separate-stderr shm stat -o ID,CCOMMAND
	term_safe 3 <<< "$output"
	[[ "$output" == *'[\e]0;x\a\n\xff\xc2\x9b]'* ]]
	run -0 --separate-stderr shm stat "$ID"
	term_safe 27 <<< "$output"
	run -0 --separate-stderr shm stat --json -o ID,CCOMMAND "$ID"
	WANT="[$COMM]" json_is segments 0 ccommand <<< "$output"
	term_safe 3 <<< "$output"
}

@test "hostile user and group names: escaped in stat and who, exact in JSON" {
	require_root
	local name=$'ev\e[31mil\a\xff' gname=$'gr\e]0;t\a\xc2\x9b'
	# A passwd and a group file of our own, in the test's mount
	# namespace only.
	cp /etc/passwd "$BATS_TEST_TMPDIR/passwd"
	cp /etc/group "$BATS_TEST_TMPDIR/group"
	printf '%s:x:4242:4242::/:/bin/sh\n' "$name" >> "$BATS_TEST_TMPDIR/passwd"
	printf '%s:x:4242:\n' "$gname" >> "$BATS_TEST_TMPDIR/group"
	in_ns mount --bind "$BATS_TEST_TMPDIR/passwd" /etc/passwd
	in_ns mount --bind "$BATS_TEST_TMPDIR/group" /etc/group
	# The holder runs as that user: it owns and created the segment.
	# It writes its id where that user may, the test's private /dev/shm.
	build_hostile
	holder=$(for_nobody "$BATS_TEST_TMPDIR/holder")
	bg_ns setpriv --reuid=4242 --regid=4242 --clear-groups env COMM=x \
	    "$holder" /dev/shm/id
	wait_for in_ns test -s /dev/shm/id
	ID=$(in_ns cat /dev/shm/id)
	run -0 --separate-stderr shm stat -o ID,OWNER,GROUP,CUSER,CGROUP
	term_safe 3 <<< "$output"
	[[ "$output" == *'ev\e[31mil\a\xff gr\e]0;t\a\xc2\x9b'* ]]
	run -0 --separate-stderr shm stat "$ID"
	term_safe 27 <<< "$output"
	run -0 --separate-stderr shm who -o ID,USER
	term_safe 2 <<< "$output"
	[[ "$output" == *'ev\e[31mil\a\xff'* ]]
	run -0 --separate-stderr shm stat --json "$ID"
	WANT=$name json_is segments 0 owner <<< "$output"
	WANT=$name json_is segments 0 cuser <<< "$output"
	WANT=$gname json_is segments 0 group <<< "$output"
	term_safe 3 <<< "$output"
	run -0 --separate-stderr shm who --json
	WANT=$name json_is attaches 0 user <<< "$output"
	term_safe 3 <<< "$output"
	run -0 --separate-stderr shm rm --json --dry-run --force "$ID"
	WANT=$name json_is would_remove 0 owner <<< "$output"
	term_safe 1 <<< "$output"
}

# Hostile files in /dev/shm: a symbolic link is never followed, a FIFO
# never blocks, and control characters in a name never reach the terminal.

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

@test "object names with control characters: escaped in tables and messages; JSON stays valid" {
	in_ns sh -c "touch \"/dev/shm/\$(printf 'ev\\033[31mil')\""
	run -0 shm stat --posix -o name
	[ "${lines[1]}" = '/ev\e[31mil' ]
	run -0 shm stat --posix --json -o name
	[[ "$output" == *'"name":"/ev\u001b[31mil"'* ]]
	json_valid <<<"$output"
	run -1 shm dump "/$(printf 'no\033such')"
	[ "$output" = 'shmtool: dump: /no\esuch: no such object' ]
}

@test "object names with bidi and zero-width controls: escaped in tables and messages, exact in JSON" {
	# U+202E makes "/rlo<U+202E>txt.exe" read "/rloexe.txt"; U+2066
	# isolates, U+200B and U+FEFF hide, U+E0001 tags.
	local name=$'rlo\xe2\x80\xaetxt.exe\xe2\x81\xa6\xe2\x80\x8b\xef\xbb\xbf\xf3\xa0\x80\x81'
	in_ns touch "/dev/shm/$name"
	run -0 --separate-stderr shm stat --posix -o name
	term_safe 3 <<< "$output"
	[ "${lines[1]}" = '/rlo\u202etxt.exe\u2066\u200b\ufeff\U000e0001' ]
	run -0 --separate-stderr shm stat --posix --raw --noheadings -o name
	[ "$output" = '/rlo\u202etxt.exe\u2066\u200b\ufeff\U000e0001' ]
	run -0 --separate-stderr shm stat --posix --json -o name
	term_safe 3 <<< "$output"
	[ "${lines[1]}" = '{"name":"/rlo\u202etxt.exe\u2066\u200b\ufeff\udb40\udc01"}' ]
	WANT=/$name json_is segments 0 name <<< "$output"
	run -1 shm dump "/no-$name"
	[ "$output" = 'shmtool: dump: /no-rlo\u202etxt.exe\u2066\u200b\ufeff\U000e0001: no such object' ]
}
