# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Shared set-up for every bats file.  Each test runs in its own private IPC
# namespace and its own mount namespace with a private tmpfs on /dev/shm,
# held open by a sleeping process: a test can never see or remove a segment
# or POSIX object it did not create, and killing the holder at teardown
# frees everything the test made.
#
# Every helper a suite uses lives here, once (tests/bats-lint fails when a
# .bats file defines a function of the same name again).
#
# Use:  load test_helper  (setup and teardown are defined here; a file that
# needs its own calls ns_setup / ns_teardown from them).
#   shm ARGS...             run shmtool inside the test's namespaces
#   in_ns CMD ARGS...       run any command there
#   as_nobody CMD ARGS...   run a command there as nobody (root only)
#   shm_nobody ARGS...      shmtool as nobody
#   for_nobody FILE         a copy of FILE that every user can reach
#   bg_ns CMD ARGS...       start CMD in the background there; sets BG_PID
#   wait_for CMD ARGS...    wait up to 5 s for CMD to succeed
#   json_valid              stdin parses as JSON (python3)
#   lines_of ARRAY CMD...   CMD's output lines in ARRAY, never none
#   commands                the commands shmtool --help lists
#   fixture NAME            a fake procfs with tests/fixtures/NAME
#   build_c NAME            a C program from stdin, in $BATS_TEST_TMPDIR
#   mkseg SIZE MODE [KEY]   a segment made with shmget(2), not shmtool
#   start_holder ID|new ... a C program holding a segment attached
#   live_creator SIZE       a process that made a segment and lives on
#   obj, hold_obj NAME HOW  a C program's POSIX object, made or held
#   proc_field ID COLUMN    a field of /proc/sysvipc/shm
#   nattch_is TARGET N      TARGET has N attaches (for wait_for)
#   nsegs                   how many segments the namespace has
#   size_of NAME            the size of /dev/shm/NAME
#   sha256_of TARGET        the SHA-256 of a segment's or object's bytes
#   user_name, group_name   the name of a uid or gid, or the number
#   require_shell SHELL     skips unless bash (with bash-completion), zsh
#                           or fish is installed
#   complete_in SHELL       completes each line of stdin in SHELL, for real
#   candidates N            answer N of complete_in's $output, sorted

bats_require_minimum_version 1.5.0

: "${SHMTOOL:?SHMTOOL must name the shmtool binary (make check sets it)}"
: "${SHMTOOL_SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
FIXTURES="$SHMTOOL_SRCDIR/tests/fixtures"

NS_PID=
NS_ENTER=()
BG_PIDS=()
NOBODY_DIR=

ns_setup() {
	local ready="$BATS_TEST_TMPDIR/ns-ready" i
	local -a uns=(unshare --ipc --mount --propagation private)

	if [ "$(id -u)" -ne 0 ]; then
		uns=(unshare --user --map-root-user --ipc --mount --propagation private)
	fi
	# shellcheck disable=SC2016
	"${uns[@]}" -- sh -c 'mount -t tmpfs -o size=64m,mode=1777 shmtool-test /dev/shm &&
		: > "$1" && exec sleep 3600' sh "$ready" 3>&- 2>"$BATS_TEST_TMPDIR/ns-err" &
	NS_PID=$!
	for i in $(seq 1 500); do
		[ -e "$ready" ] && break
		kill -0 "$NS_PID" 2>/dev/null || break
		sleep 0.01
	done
	if [ ! -e "$ready" ]; then
		NS_PID=
		skip "cannot make a private IPC + mount namespace: $(head -1 "$BATS_TEST_TMPDIR/ns-err")"
	fi
	NS_ENTER=(nsenter -t "$NS_PID" --ipc --mount)
	if [ "$(id -u)" -ne 0 ]; then
		NS_ENTER=(nsenter -t "$NS_PID" --user --preserve-credentials --ipc --mount)
	fi
	if [ "$(id -u)" -eq 0 ]; then
		nobody_setup
	fi
}

# What another user runs or reads - shmtool, valgrind's suppressions, a
# C helper - is copied into NOBODY_DIR, a directory of /tmp that every
# user can search: the checkout may be where nobody cannot reach it (a
# clone in /root, a 0700 home), and bats's temporary directories always
# are.  Made for each test by root (teardown removes it):
# NOBODY_SHMTOOL is the copy of shmtool, NOBODY_WRAP $SHMTOOL_WRAPPER
# with its files copied too (NOBODY_WRAPPER, the same as one string).
nobody_setup() {
	local w
	NOBODY_DIR=$(mktemp -d /tmp/shmtool-test.XXXXXX)
	chmod 0755 "$NOBODY_DIR"
	NOBODY_SHMTOOL=$(for_nobody "$SHMTOOL")
	NOBODY_WRAP=()
	for w in "${SHMTOOL_WRAP[@]}"; do
		case $w in
		--suppressions=*)
			w=--suppressions=$(for_nobody "${w#--suppressions=}") ;;
		esac
		NOBODY_WRAP+=("$w")
	done
	NOBODY_WRAPPER="${NOBODY_WRAP[*]}"
}

# for_nobody FILE: copies FILE into NOBODY_DIR, readable by every user
# (and executable, if it was); prints the copy's path.
for_nobody() {
	local copy=$NOBODY_DIR/${1##*/}
	[ -n "$NOBODY_DIR" ] || { echo "for_nobody: no NOBODY_DIR (root only)" >&2; return 1; }
	cp "$1" "$copy"
	chmod a+rX "$copy"
	echo "$copy"
}

# Kills what else is still in the IPC namespace of PID (started by a
# test hook, say), never anything of ours: the namespace must be another.
kill_ns_rest() {
	local ns
	ns=$(stat -L -c %i "/proc/$1/ns/ipc" 2>/dev/null) || return 0
	[ -n "$ns" ] && [ "$ns" != "$(stat -L -c %i /proc/self/ns/ipc)" ] || return 0
	stat -L -c '%i %n' /proc/[0-9]*/ns/ipc 2>/dev/null |
		awk -v ns="$ns" -v keep="$1" '$1 == ns { split($2, p, "/"); if (p[3] != keep) print p[3] }' |
		xargs -r kill 2>/dev/null || true
}

ns_teardown() {
	local p
	for p in "${BG_PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${BG_PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	BG_PIDS=()
	if [ -n "$NS_PID" ]; then
		kill_ns_rest "$NS_PID"
		kill "$NS_PID" 2>/dev/null || true
		wait "$NS_PID" 2>/dev/null || true
	fi
	NS_PID=
	if [ -n "$NOBODY_DIR" ]; then
		rm -rf "$NOBODY_DIR"
	fi
	NOBODY_DIR=
}

setup() { ns_setup; }
teardown() { ns_teardown; }

# $SHMTOOL_WRAPPER (e.g. valgrind, from `make valgrind`) runs before
# every shmtool started through these helpers.
read -r -a SHMTOOL_WRAP <<< "${SHMTOOL_WRAPPER:-}"

shm() { "${NS_ENTER[@]}" -- "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "$@"; }
in_ns() { "${NS_ENTER[@]}" -- "$@"; }

require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root (setpriv to nobody)"
}
as_nobody() {
	# Inside `run`, a skip would only end the subshell, and pass.
	if [ "$(id -u)" -ne 0 ]; then
		echo "as_nobody needs root (setpriv): call require_root first" >&2
		return 127
	fi
	in_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}
shm_nobody() { as_nobody "${NOBODY_WRAP[@]}" "$NOBODY_SHMTOOL" "$@"; }

# Starts a command in the test's namespaces in the background, fd 3
# closed so bats does not wait for it; teardown kills it.
bg_ns() {
	"${NS_ENTER[@]}" -- "$@" 3>&- &
	BG_PID=$!
	BG_PIDS+=("$BG_PID")
}

# Waits up to 5 s for a command to succeed.
wait_for() {
	local i
	for i in $(seq 1 500); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.01
	done
	echo "timed out waiting for: $*" >&2
	return 1
}

# Succeeds when standard input is one valid JSON document; fails, saying
# why, when python3 is missing (bootstrap installs it).
json_valid() {
	command -v python3 >/dev/null ||
		{ echo "json_valid: python3 is not installed: cannot check JSON" >&2; return 1; }
	python3 -c 'import json, sys; json.load(sys.stdin)'
}

# lines_of ARRAY CMD ARGS...: the lines CMD prints, in ARRAY; fails when
# there are none, so that a loop over ARRAY cannot pass without a round.
lines_of() {
	local -n lines_of_array=$1
	shift
	mapfile -t lines_of_array < <("$@")
	[ "${#lines_of_array[@]}" -gt 0 ] ||
		{ echo "lines_of: no lines from: $*" >&2; return 1; }
}

# The commands shmtool --help lists, one a line (use it through
# lines_of: a loop over them must not pass without a round).
commands() {
	"$SHMTOOL" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'
}

# fixture NAME [DIR]: a fake procfs holding tests/fixtures/NAME as
# sysvipc/shm, for SHMTOOL_PROCFS; prints its path.
fixture() {
	local d=${2:-$BATS_TEST_TMPDIR/proc-$1}
	mkdir -p "$d/sysvipc"
	cp "$FIXTURES/$1" "$d/sysvipc/shm"
	echo "$d"
}

# user_name UID, group_name GID: the name the system gives the id, or
# the number itself, as shmtool shows an id without a name.
user_name() {
	local n
	n=$(getent passwd "$1" | cut -d: -f1)
	echo "${n:-$1}"
}
group_name() {
	local n
	n=$(getent group "$1" | cut -d: -f1)
	echo "${n:-$1}"
}

# Builds a C program from stdin into $BATS_TEST_TMPDIR/NAME.
build_c() {
	local name=$1
	cat > "$BATS_TEST_TMPDIR/$name.c"
	${CC:-cc} -std=c11 -D_GNU_SOURCE -O0 -o "$BATS_TEST_TMPDIR/$name" \
		"$BATS_TEST_TMPDIR/$name.c" "${@:2}"
}

# mkseg SIZE MODE [KEY]: creates a segment with shmget(2), not shmtool,
# in the test's namespace (KEY defaults to IPC_PRIVATE), and prints its
# id.
mkseg() {
	mkseg_build
	in_ns "$BATS_TEST_TMPDIR/mkseg" "$@"
}

# Builds $BATS_TEST_TMPDIR/mkseg, the program behind mkseg, for tests
# that run it in another namespace.
mkseg_build() {
	[ -x "$BATS_TEST_TMPDIR/mkseg" ] || build_c mkseg <<'C'
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	key_t key = argc > 3 ? (key_t)strtol(argv[3], NULL, 0) : IPC_PRIVATE;
	int id = shmget(key, strtoull(argv[1], NULL, 0),
	    IPC_CREAT | (int)strtol(argv[2], NULL, 8));
	if (id < 0) { perror("shmget"); return 1; }
	printf("%d\n", id);
	return 0;
}
C
}

# start_holder ID|new [ro|twice|split|rmid]: a C program in the
# background, in the test's namespaces, that attaches segment ID (or a
# new 64 KiB one) - read-only (ro), twice, split in two by mprotect, or
# and then marks it for removal (rmid) - and holds it until teardown.
# Returns once it holds it, with the id in ID and its pid in HOLDER_PID.
start_holder() {
	local out=$BATS_TEST_TMPDIR/holder.$RANDOM
	holder_build
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/holder\" $* > $out"
	wait_for test -s "$out"
	read -r ID HOLDER_PID < "$out"
}

holder_build() {
	[ -x "$BATS_TEST_TMPDIR/holder" ] || build_c holder <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
/* holder ID|new [ro|twice|split|rmid]: prints "ID PID" once attached. */
int main(int argc, char **argv) {
	int id = strcmp(argv[1], "new") == 0 ?
	    shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600) : atoi(argv[1]);
	const char *how = argc > 2 ? argv[2] : "";
	char *p;
	if (id < 0) { perror("shmget"); return 1; }
	p = shmat(id, 0, strcmp(how, "ro") == 0 ? SHM_RDONLY : 0);
	if (p == (void *)-1) { perror("shmat"); return 1; }
	if (strcmp(how, "twice") == 0 && shmat(id, 0, 0) == (void *)-1) return 1;
	if (strcmp(how, "split") == 0 && mprotect(p, 4096, PROT_READ) != 0) return 1;
	if (strcmp(how, "rmid") == 0 && shmctl(id, IPC_RMID, 0) < 0) return 1;
	printf("%d %d\n", id, (int)getpid());
	fflush(stdout);
	pause();
	return 0;
}
C
}

# live_creator SIZE: a process that creates a segment of SIZE and stays
# alive without attaching it; its pid in CREATOR, the id in ID.
live_creator() {
	local f=$BATS_TEST_TMPDIR/creator-id
	bg_ns perl -e '$id = shmget(0, $ARGV[1], 01600); defined $id or die "shmget: $!";
		open(F, ">", "$ARGV[0].tmp") or die; print F "$id\n"; close F;
		rename("$ARGV[0].tmp", $ARGV[0]); sleep 600' "$f" "$1"
	CREATOR=$BG_PID
	wait_for test -s "$f"
	ID=$(cat "$f")
}

# obj NAME HOW: a C program's POSIX object - shm_open(O_CREAT), ftruncate
# 4096, mmap, write 0x11 - then, by HOW: exit, or hold the mapping and
# the fd (hold), the mapping only (map), the fd only (fd), or both after
# shm_unlink (unlink).  Holding, it prints its pid and waits.
obj() {
	obj_build
	in_ns "$BATS_TEST_TMPDIR/obj" "$@"
}

# hold_obj NAME HOW: obj in the background until teardown; returns once
# it holds the object, with its pid in OBJ_PID.
hold_obj() {
	local out=$BATS_TEST_TMPDIR/obj.$RANDOM
	obj_build
	bg_ns sh -c "exec \"$BATS_TEST_TMPDIR/obj\" $1 $2 > $out"
	wait_for test -s "$out"
	OBJ_PID=$(cat "$out")
}

obj_build() {
	[ -x "$BATS_TEST_TMPDIR/obj" ] || build_c obj <<'C'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
int main(int argc, char **argv) {
	const char *how = argc > 2 ? argv[2] : "exit";
	int fd = shm_open(argv[1], O_CREAT | O_RDWR, 0600);
	char *p;
	if (fd < 0 || ftruncate(fd, 4096) < 0) { perror("shm_open"); return 1; }
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) { perror("mmap"); return 1; }
	memset(p, 0x11, 4096);
	if (strcmp(how, "exit") == 0) return 0;
	if (strcmp(how, "map") == 0) close(fd);
	if (strcmp(how, "fd") == 0) munmap(p, 4096);
	if (strcmp(how, "unlink") == 0) shm_unlink(argv[1]);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	pause();
	return 0;
}
C
}

# The value of one field in /proc/sysvipc/shm (columns as the kernel
# names them) for shmid ID, read inside the test's namespace.
proc_field() {
	local id=$1 col=$2
	in_ns awk -v id="$id" -v col="$col" '
		NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; next }
		$2 == id { print $(idx[col]); found = 1 }
		END { exit !found }' /proc/sysvipc/shm
}

# Skips a test that needs the SHMTOOL_TEST_* hooks when the binary under
# test was built without them (./configure --enable-test-hooks, which
# bootstrap passes; a default build has none).
require_test_hooks() {
	"$SHMTOOL" --version | grep -q "built with test hooks" ||
		skip "shmtool was built without test hooks (./configure --enable-test-hooks)"
}

# nattch_is TARGET N [GLOBAL-OPTION...]: TARGET has N attaches (for
# wait_for).  A segment id of the test's namespace is read from
# /proc/sysvipc/shm, the kernel's own count; an object (/NAME, which has
# no such count), or a segment behind a global option such as --ns, from
# shmtool stat.
nattch_is() {
	local target=$1 n=$2
	shift 2
	if [ $# -eq 0 ] && [[ "$target" != /* ]]; then
		[ "$(proc_field "$target" nattch)" = "$n" ]
	else
		[ "$(shm "$@" stat --raw --noheadings -o nattch "$target")" = "$n" ]
	fi
}

# The number of segments in the test's namespace; nothing when the table
# cannot be read, so that [ "$(nsegs)" -eq 0 ] fails then.
nsegs() {
	local table
	table=$(in_ns cat /proc/sysvipc/shm) || return 1
	echo $(($(wc -l <<< "$table") - 1))
}

# size_of NAME: the size of the object /NAME, read inside the test's
# namespace.
size_of() {
	in_ns stat -c %s "/dev/shm/$1"
}

# sha256_of TARGET: root's checksum of a segment's or an object's bytes
# (through shmtool dump, which may attach: call it before reading a row
# whose lpid or atime matters).
sha256_of() {
	shm dump --sha256 "$1"
}

# require_shell SHELL: skips the test unless SHELL can complete here:
# bash with bash-completion, zsh (with zsh/zpty), or fish.
require_shell() {
	case $1 in
	bash) [ -r /usr/share/bash-completion/bash_completion ] ||
		skip "bash-completion is not installed" ;;
	zsh) command -v zsh >/dev/null || skip "zsh is not installed" ;;
	fish) command -v fish >/dev/null || skip "fish is not installed" ;;
	esac
}

# complete_in SHELL: each line of stdin completed in SHELL (bash, zsh or
# fish) as if TAB were pressed at its end, with the scripts of
# completions/ and this shmtool first on PATH (tests/complete-in says
# how); inside the test's namespaces when it has them, in a directory
# holding probe-file and probe-dir/.  Prints "N<TAB>WORD" for each
# candidate of line N.
complete_in() {
	local bin=$BATS_TEST_TMPDIR/complete-bin dir=$BATS_TEST_TMPDIR/complete-cwd
	local -a enter=()
	mkdir -p "$bin" "$dir/probe-dir"
	: > "$dir/probe-file"
	ln -sf "$SHMTOOL" "$bin/shmtool"
	# Joining a mount namespace leaves us in its root: --wd comes back.
	[ -z "$NS_PID" ] || enter=("${NS_ENTER[@]}" --wd="$dir" --)
	(cd "$dir" && "${enter[@]}" env PATH="$bin:$PATH" \
		"$SHMTOOL_SRCDIR/tests/complete-in" "$1")
}

# candidates N: the words complete_in offered for line N, from $output,
# sorted, one a line (nothing when it offered none).
candidates() {
	awk -F '\t' -v n="$1" '$1 == n { sub(/^[^\t]*\t/, ""); print }' <<< "$output" |
		LC_ALL=C sort -u
}

# fake_syslog: a datagram socket bound over /dev/log in the test's mount
# namespace (/dev is overlaid there with a writable layer; the test's
# /dev/shm is moved back on top), its datagrams appended to $SYSLOG one
# a line.
fake_syslog() {
	local t=$BATS_TEST_TMPDIR/devlog
	require_root
	SYSLOG=$BATS_TEST_TMPDIR/syslog
	mkdir -p "$t"
	in_ns mount -t tmpfs -o size=1m,mode=0700 shmtool-devlog "$t"
	in_ns mkdir "$t/upper" "$t/work" "$t/shm"
	in_ns mount --move /dev/shm "$t/shm"
	in_ns mount -t overlay shmtool-dev -o "lowerdir=/dev,upperdir=$t/upper,workdir=$t/work" /dev
	in_ns mount --move "$t/shm" /dev/shm
	in_ns rm -f /dev/log
	bg_ns python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
open(sys.argv[1] + ".ready", "w").close()
while True:
    d = s.recv(65536)
    with open(sys.argv[1], "ab") as f:
        f.write(d.rstrip(b"\0\n") + b"\n")
' "$SYSLOG"
	wait_for test -e "$SYSLOG.ready"
}
