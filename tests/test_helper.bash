# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# Shared set-up for every bats file.  Each test runs in its own private IPC
# namespace and its own mount namespace with a private tmpfs on /dev/shm,
# held open by a sleeping process: a test can never see or remove a segment
# or POSIX object it did not create, and killing the holder at teardown
# frees everything the test made.
#
# Use:  load test_helper  (setup and teardown are defined here; a file that
# needs its own calls ns_setup / ns_teardown from them).
#   shm ARGS...           run shmtool inside the test's namespaces
#   in_ns CMD ARGS...     run any command there
#   as_nobody CMD ARGS... run a command there as nobody (root only)
#   shm_nobody ARGS...    shmtool as nobody
#   bg_ns CMD ARGS...     start CMD in the background there; sets BG_PID
#   json_valid            stdin parses as JSON (python3)

bats_require_minimum_version 1.5.0

: "${SHMTOOL:?SHMTOOL must name the shmtool binary (make check sets it)}"
: "${SHMTOOL_SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
FIXTURES="$SHMTOOL_SRCDIR/tests/fixtures"

NS_PID=
NS_ENTER=()
BG_PIDS=()

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
	require_root
	in_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}
shm_nobody() { as_nobody "${SHMTOOL_WRAP[@]}" "$SHMTOOL" "$@"; }

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
# in the test's namespace, and
# prints its id.
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

# The value of one field in /proc/sysvipc/shm (columns as the kernel
# names them) for shmid ID, read inside the test's namespace.
proc_field() {
	local id=$1 col=$2
	in_ns awk -v id="$id" -v col="$col" '
		NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; next }
		$2 == id { print $(idx[col]); found = 1 }
		END { exit !found }' /proc/sysvipc/shm
}
