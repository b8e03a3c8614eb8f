#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# shmtool metrics: the values of the test's own segments and objects,
# what cannot be proven left uncounted (a fixture procfs, hidepid, a
# creator in another PID namespace, processes nobody may read), the
# bounds on owners and namespaces, --textfile's atomic write (signals
# included), --syslog through a datagram socket bound over /dev/log in
# the test's mount namespace, promtool on every output form, and
# node_exporter's textfile collector serving what was written.
# --all-namespaces runs only in a private PID namespace with its own
# /proc, where the only namespaces are the test's.

load test_helper

: "${PROMTOOL:=promtool}"

need_promtool() {
	command -v "$PROMTOOL" >/dev/null ||
		skip "promtool is not installed (Debian package prometheus)"
}

# Standard input is valid exposition text, lint included.
prom_ok() {
	"$PROMTOOL" check metrics
}

# val SERIES: the value of one series (the name with its labels, as
# written) in $output; fails unless it is there exactly once.
val() {
	S=$1 awk 'index($0, ENVIRON["S"] " ") == 1 { v = substr($0, length(ENVIRON["S"]) + 2); n++ }
		END { if (n != 1) exit 1; print v }' <<< "$output"
}

# lacks SERIES: no sample of the series (or family) in $output.
lacks() {
	S=$1 awk 'index($0, ENVIRON["S"] " ") == 1 || index($0, ENVIRON["S"] "{") == 1 { f = 1 }
		END { exit f }' <<< "$output"
}

# Holds segment or object $1 attached (mapped) until teardown.
hold() {
	bg_ns "$SHMTOOL" attach --hold=10m "$1"
	wait_for held "$1"
}
held() {
	case $1 in
	/*) in_ns grep -q " /dev/shm${1}$" "/proc/$BG_PID/maps" ;;
	*) [ "$(proc_field "$1" nattch)" -ge 1 ] ;;
	esac
}

@test "metrics: the test namespace's segments and objects, value by value; promtool accepts it" {
	need_promtool
	local dest
	mkseg 4096 0600 >/dev/null
	ID=$(mkseg 8192 0600)
	hold "$ID"
	dest=$(mkseg 16384 0600)
	hold "$dest"
	run -0 shm rm --force "$dest"
	shm create 1M /unheld >/dev/null
	shm create 64K /held >/dev/null
	hold /held
	run -0 --separate-stderr shm metrics
	[ "$stderr" = "" ]
	run -0 prom_ok <<< "$output"
	run -0 shm metrics
	[ "$(val shmtool_sysv_segments)" = 3 ]
	[ "$(val shmtool_sysv_size_bytes)" = 28672 ]
	[ "$(val shmtool_sysv_attaches)" = 2 ]
	[ "$(val shmtool_sysv_unattached_segments)" = 1 ]
	[ "$(val shmtool_sysv_unattached_bytes)" = 4096 ]
	[ "$(val shmtool_sysv_orphaned_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphaned_bytes)" = 4096 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 0 ]
	[ "$(val shmtool_sysv_dest_segments)" = 1 ]
	[ "$(val shmtool_sysv_dest_bytes)" = 16384 ]
	[ "$(val shmtool_sysv_largest_segment_bytes)" = 16384 ]
	[[ "$(val shmtool_sysv_oldest_orphan_age_seconds)" =~ ^[0-9]+$ ]]
	[ "$(val shmtool_sysv_used_pages)" = 7 ]
	[ "$(val 'shmtool_sysv_owner_segments{owner="root"}')" = 3 ]
	[ "$(val 'shmtool_sysv_owner_bytes{owner="root"}')" = 28672 ]
	[ "$(val shmtool_posix_objects)" = 2 ]
	[ "$(val shmtool_posix_size_bytes)" = $((1024 * 1024 + 65536)) ]
	[ "$(val shmtool_posix_holders)" = 1 ]
	[ "$(val shmtool_posix_unattached_objects)" = 1 ]
	[ "$(val shmtool_posix_unattached_bytes)" = $((1024 * 1024)) ]
	[ "$(val shmtool_posix_largest_object_bytes)" = $((1024 * 1024)) ]
	[ "$(val 'shmtool_unexamined_processes{scan="holders"}')" = 0 ]
	# The test's tmpfs: 64 MiB.
	[ "$(val shmtool_posix_fs_size_bytes)" = 67108864 ]
	[ "$(val 'shmtool_build_info{version="'"$("$SHMTOOL" --version | head -1 | cut -d' ' -f2)"'"}')" = 1 ]
	# Without --all-namespaces: no ns label (HELP texts mention one), no
	# namespace series.
	[ "$(grep -v '^#' <<< "$output" | grep -c 'ns="')" = 0 ]
	lacks shmtool_namespaces
	lacks shmtool_namespace_info
}

@test "metrics: a segment whose creator lives is not orphaned; one whose creator exited is" {
	live_creator 4096
	local alive=$ID gone
	gone=$(mkseg 8192 0600)
	run -0 shm metrics
	[ "$(val shmtool_sysv_unattached_segments)" = 2 ]
	[ "$(val shmtool_sysv_orphaned_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphaned_bytes)" = 8192 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 0 ]
	# The creator ends: now both are.
	kill "$CREATOR"
	wait "$CREATOR" 2>/dev/null || true
	run -0 shm metrics
	[ "$(val shmtool_sysv_orphaned_segments)" = 2 ]
	[ "$(val shmtool_sysv_orphaned_bytes)" = 12288 ]
	[ -n "$alive$gone" ]
}

@test "metrics: a procfs that is a copy proves nothing: every orphan is unproven" {
	local p=$BATS_TEST_TMPDIR/proc
	mkdir -p "$p/sysvipc"
	cp "$FIXTURES/shm-basic" "$p/sysvipc/shm"
	SHMTOOL_PROCFS=$p run -0 shm metrics
	[ "$(val shmtool_sysv_segments)" = 3 ]
	[ "$(val shmtool_sysv_size_bytes)" = $((4096 + 65536 + 1073741824)) ]
	[ "$(val shmtool_sysv_resident_bytes)" = $((4096 + 65536)) ]
	[ "$(val shmtool_sysv_swapped_bytes)" = 8192 ]
	[ "$(val shmtool_sysv_attaches)" = 1 ]
	[ "$(val shmtool_sysv_unattached_segments)" = 2 ]
	[ "$(val shmtool_sysv_dest_segments)" = 1 ]
	[ "$(val shmtool_sysv_dest_bytes)" = 65536 ]
	[ "$(val shmtool_sysv_orphaned_segments)" = 0 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 2 ]
	[ "$(val shmtool_sysv_oldest_orphan_age_seconds)" = 0 ]
	# stat gives the same answer: no orphan it could prove.
	SHMTOOL_PROCFS=$p run -0 --separate-stderr shm stat --raw --noheadings -o id --orphaned
	[ -z "$output" ]
	[[ "$stderr" == *"2 rows not listed, as unproven here"* ]]
}

@test "metrics: with hidepid, a hidden live creator is unproven; one that exited is orphaned all the same (kill says so)" {
	require_root
	live_creator 4096
	mkseg 4096 0600 >/dev/null
	run -0 shm metrics
	[ "$(val shmtool_sysv_orphaned_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 0 ]
	# A procfs of our own, hiding other users' processes: in the test's
	# mount namespace only.
	in_ns mount -t proc -o hidepid=invisible proc /proc
	run -0 shm_nobody metrics
	[ "$(val shmtool_sysv_orphaned_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 1 ]
	# Root sees through hidepid.
	run -0 shm metrics
	[ "$(val shmtool_sysv_orphaned_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 0 ]
}

@test "metrics: a creator alive in another PID namespace (pid 0 there) is unproven, not orphaned" {
	live_creator 4096
	run -0 shm metrics
	[ "$(val shmtool_sysv_orphaned_segments)" = 0 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 0 ]
	# From a child PID namespace the creator is invisible (cpid 0).
	run -0 in_ns unshare --pid --fork --mount-proc "${SHMTOOL_WRAP[@]}" "$SHMTOOL" metrics
	[ "$(val shmtool_sysv_unattached_segments)" = 1 ]
	[ "$(val shmtool_sysv_orphaned_segments)" = 0 ]
	[ "$(val shmtool_sysv_orphan_unproven_segments)" = 1 ]
}

@test "metrics: POSIX objects are unattached only when every process was examined" {
	require_root
	shm create 4K /free >/dev/null
	shm create 8K /mapped >/dev/null
	hold /mapped
	run -0 shm metrics
	[ "$(val shmtool_posix_unattached_objects)" = 1 ]
	[ "$(val shmtool_posix_unattached_bytes)" = 4096 ]
	[ "$(val 'shmtool_unexamined_processes{scan="holders"}')" = 0 ]
	# nobody cannot read the root processes that have this /dev/shm:
	# nothing is proven unattached, and the series says why.
	run -0 shm_nobody metrics
	[ "$(val shmtool_posix_objects)" = 2 ]
	[ "$(val shmtool_posix_unattached_objects)" = 0 ]
	[ "$(val shmtool_posix_unattached_bytes)" = 0 ]
	[ "$(val 'shmtool_unexamined_processes{scan="holders"}')" -ge 1 ]
}

# owned UID SIZE: a segment of SIZE owned by UID.
owned() {
	local id
	id=$(mkseg "$2" 0600)
	shm set --owner "$1" "$id"
}

@test "metrics --owners N: the N largest owners by bytes, the rest summed as owner=\"other\"" {
	require_root
	need_promtool
	local daemon bin
	daemon=$(getent passwd 1 | cut -d: -f1)
	bin=$(getent passwd 2 | cut -d: -f1)
	[ -n "$daemon" ] && [ -n "$bin" ] || skip "no users 1 and 2"
	owned 0 4096
	owned 0 4096
	owned 1 65536
	owned 2 8192
	owned 2 8192
	run -0 shm metrics
	[ "$(val "shmtool_sysv_owner_bytes{owner=\"$daemon\"}")" = 65536 ]
	[ "$(val "shmtool_sysv_owner_bytes{owner=\"$bin\"}")" = 16384 ]
	[ "$(val "shmtool_sysv_owner_segments{owner=\"$bin\"}")" = 2 ]
	[ "$(val 'shmtool_sysv_owner_bytes{owner="root"}')" = 8192 ]
	lacks 'shmtool_sysv_owner_bytes{owner="other"}'
	run -0 shm metrics --owners 2
	[ "$(grep -c '^shmtool_sysv_owner_bytes' <<< "$output")" = 3 ]
	[ "$(val "shmtool_sysv_owner_bytes{owner=\"$daemon\"}")" = 65536 ]
	[ "$(val "shmtool_sysv_owner_bytes{owner=\"$bin\"}")" = 16384 ]
	[ "$(val 'shmtool_sysv_owner_bytes{owner="other"}')" = 8192 ]
	[ "$(val 'shmtool_sysv_owner_segments{owner="other"}')" = 2 ]
	run -0 prom_ok <<< "$output"
	run -0 shm metrics --owners 0
	[ "$(grep -c '^shmtool_sysv_owner_bytes' <<< "$output")" = 1 ]
	[ "$(val 'shmtool_sysv_owner_bytes{owner="other"}')" = 90112 ]
	[ "$(val 'shmtool_sysv_owner_segments{owner="other"}')" = 5 ]
}

@test "metrics: owner names with a backslash, a quote and invalid UTF-8 make valid labels; two uids of one name are one owner" {
	require_root
	need_promtool
	local name=$'a\\b"c\xff'
	cp /etc/passwd "$BATS_TEST_TMPDIR/passwd"
	printf '%s:x:4242:4242::/:/bin/sh\n%s:x:4243:4243::/:/bin/sh\n' \
	    "$name" "$name" >> "$BATS_TEST_TMPDIR/passwd"
	in_ns mount --bind "$BATS_TEST_TMPDIR/passwd" /etc/passwd
	owned 4242 4096
	owned 4243 8192
	run -0 shm metrics
	[ "$(val 'shmtool_sysv_owner_bytes{owner="a\\b\"c'$'\xef\xbf\xbd''"}')" = 12288 ]
	[ "$(val 'shmtool_sysv_owner_segments{owner="a\\b\"c'$'\xef\xbf\xbd''"}')" = 2 ]
	run -0 prom_ok <<< "$output"
}

@test "metrics: limits exported as they are; a ratio only against a limit that is not unlimited" {
	mkseg 4096 0600 >/dev/null
	mkseg 8192 0600 >/dev/null
	run -0 shm metrics
	# The 64-bit defaults, near 2^64.
	[ "$(val shmtool_sysv_limit_pages)" = 18446744073692774399 ]
	[ "$(val shmtool_sysv_limit_segment_bytes)" = 18446744073692774399 ]
	[ "$(val shmtool_sysv_limit_bytes)" = 18446744073709551615 ]
	lacks shmtool_sysv_pages_usage_ratio
	[ "$(val shmtool_sysv_used_pages)" = 3 ]
	in_ns sh -c 'echo 10 > /proc/sys/kernel/shmmni && echo 100 > /proc/sys/kernel/shmall && echo 65536 > /proc/sys/kernel/shmmax'
	run -0 shm metrics
	[ "$(val shmtool_sysv_limit_segments)" = 10 ]
	[ "$(val shmtool_sysv_limit_pages)" = 100 ]
	[ "$(val shmtool_sysv_limit_bytes)" = $((100 * $(getconf PAGESIZE))) ]
	[ "$(val shmtool_sysv_limit_segment_bytes)" = 65536 ]
	[ "$(val shmtool_sysv_segments_usage_ratio)" = 0.20000000000000001 ]
	[ "$(val shmtool_sysv_pages_usage_ratio)" = 0.029999999999999999 ]
}

@test "metrics: /dev/shm without a size limit has size 0 and no ratio" {
	need_promtool
	run -0 shm metrics
	[ "$(val shmtool_posix_fs_usage_ratio)" = 0 ]
	in_ns mount -t tmpfs -o size=0,nr_inodes=0 shmtool-unlimited /dev/shm
	run -0 shm metrics
	[ "$(val shmtool_posix_fs_size_bytes)" = 0 ]
	[ "$(val shmtool_posix_fs_files)" = 0 ]
	lacks shmtool_posix_fs_usage_ratio
	lacks shmtool_posix_fs_files_usage_ratio
	run -0 prom_ok <<< "$output"
}

# metrics_pidns SCRIPT: runs SCRIPT (sh) in a private PID namespace with
# its own /proc inside the test's namespaces.  It gets T, SHMTOOL and
# ns_with SIZE... (a process in a new IPC namespace with one segment of
# each SIZE, its pid in P, its namespace's inode in N); the output of
# the script is in $output.
metrics_pidns() {
	mkseg_build
	# shellcheck disable=SC2016
	in_ns unshare --pid --fork --mount-proc -- sh -c '
		T=$1 SHMTOOL=$2 MKSEG=$3 WRAP=$4; k=0
		shm() { $WRAP "$SHMTOOL" "$@"; }
		ns_with() {
			k=$((k + 1)); rm -f "$T/ready$k"
			unshare --ipc -- sh -c '\''mk=$1 ready=$2; shift 2
				for s in "$@"; do "$mk" "$s" 0600 >/dev/null || exit 1; done
				: > "$ready"; exec sleep 600'\'' sh "$MKSEG" "$T/ready$k" "$@" &
			P=$!
			i=0
			while [ ! -e "$T/ready$k" ] || [ "$(cat /proc/$P/comm)" != sleep ]; do
				i=$((i + 1)); [ "$i" -lt 500 ] || exit 9; sleep 0.01
			done
			N=$(stat -L -c %i /proc/$P/ns/ipc)
		}
		'"$1" sh "$BATS_TEST_TMPDIR" "$SHMTOOL" "$BATS_TEST_TMPDIR/mkseg" "${SHMTOOL_WRAPPER:-}"
}

@test "metrics --all-namespaces: each namespace's series with its ns label and command; the rest summed as other" {
	need_promtool
	# shellcheck disable=SC2016
	run -0 metrics_pidns '
		ns_with 4096 4096 4096; NA=$N
		ns_with 65536; NB=$N
		ns_with 8192; NC=$N
		echo "$NA $NB $NC $(stat -L -c %i /proc/1/ns/ipc)"
		shm metrics --all-namespaces --namespaces 2; echo "rc=$?"'
	local na nb nc n0
	read -r na nb nc n0 <<< "${lines[0]}"
	[ "${lines[-1]}" = rc=0 ]
	local text
	text=$(printf '%s\n' "${lines[@]:1:${#lines[@]}-2}")
	run -0 prom_ok <<< "$text"
	output=$text
	# The two largest by bytes, each with its own series.
	[ "$(val "shmtool_sysv_segments{ns=\"$nb\"}")" = 1 ]
	[ "$(val "shmtool_sysv_size_bytes{ns=\"$nb\"}")" = 65536 ]
	[ "$(val "shmtool_sysv_segments{ns=\"$na\"}")" = 3 ]
	[ "$(val "shmtool_sysv_size_bytes{ns=\"$na\"}")" = 12288 ]
	[ "$(val "shmtool_sysv_owner_bytes{ns=\"$na\",owner=\"root\"}")" = 12288 ]
	[ "$(val "shmtool_sysv_limit_segments{ns=\"$na\"}")" -ge 1 ]
	grep -q "^shmtool_namespace_info{ns=\"$na\",pid=\"[0-9]*\",command=\"sleep 600\"} 1$" <<< "$output"
	grep -q "^shmtool_namespace_info{ns=\"$nb\",pid=\"[0-9]*\",command=\"sleep 600\"} 1$" <<< "$output"
	[ "$(grep -c '^shmtool_namespace_info' <<< "$output")" = 2 ]
	# The rest: the third and the PID namespace's own (no segments).
	[ "$(val 'shmtool_sysv_segments{ns="other"}')" = 1 ]
	[ "$(val 'shmtool_sysv_size_bytes{ns="other"}')" = 8192 ]
	[ "$(val 'shmtool_sysv_largest_segment_bytes{ns="other"}')" = 8192 ]
	[[ "$(val 'shmtool_sysv_segments_usage_ratio{ns="other"}')" =~ ^[0-9.e-]+$ ]]
	lacks 'shmtool_sysv_limit_segments{ns="other"}'
	lacks "shmtool_sysv_segments{ns=\"$nc\"}"
	lacks "shmtool_sysv_segments{ns=\"$n0\"}"
	[ "$(val shmtool_namespaces)" = 4 ]
	[ "$(val shmtool_namespaces_unreadable)" = 0 ]
	[ "$(val 'shmtool_unexamined_processes{scan="namespaces"}')" = 0 ]
}

@test "metrics --all-namespaces: a namespace that cannot be joined is counted and reported, exit 1, the rest written" {
	require_root
	need_promtool
	# The namespace's process is nobody's: nobody may open its namespace
	# file, but joining it needs CAP_SYS_ADMIN.
	# shellcheck disable=SC2016
	run -0 metrics_pidns '
		ns_with 4096
		unshare --ipc -- sh -c "$MKSEG 8192 0600 >/dev/null &&
			exec setpriv --reuid=65534 --regid=65534 --clear-groups sleep 600" &
		i=0; while [ "$(cat /proc/$!/comm)" != sleep ]; do i=$((i + 1)); [ $i -lt 500 ] || exit 9; sleep 0.01; done
		setpriv --reuid=65534 --regid=65534 --clear-groups $WRAP "$SHMTOOL" metrics --all-namespaces 2>"$T/err"
		echo "rc=$?"'
	[ "${lines[-1]}" = rc=1 ]
	local text
	text=$(printf '%s\n' "${lines[@]:0:${#lines[@]}-1}")
	run -0 prom_ok <<< "$text"
	output=$text
	[ "$(val shmtool_namespaces_unreadable)" -ge 1 ]
	grep -q "cannot join: permission denied (needs CAP_SYS_ADMIN)" "$BATS_TEST_TMPDIR/err"
	# The root processes whose namespace nobody cannot see are counted.
	[ "$(val 'shmtool_unexamined_processes{scan="namespaces"}')" -ge 1 ]
}

@test "metrics --textfile DIR: DIR/shmtool.prom, mode 0644, the same text as standard output, no temporary file" {
	local d=$BATS_TEST_TMPDIR/textfile
	mkdir "$d"
	# Not an orphan: the age of one would move between the two runs.
	live_creator 4096
	run -0 --separate-stderr shm metrics --textfile "$d"
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[ "$(stat -c %a "$d/shmtool.prom")" = 644 ]
	[ "$(ls -A "$d")" = shmtool.prom ]
	run -0 shm metrics
	[ "$(cat "$d/shmtool.prom")" = "$output" ]
	# Replaced, not appended to.
	echo 'old 1' > "$d/shmtool.prom"
	run -0 shm metrics --textfile "$d"
	[ "$(grep -c '^old' "$d/shmtool.prom")" = 0 ]
	[ "$(ls -A "$d")" = shmtool.prom ]
}

@test "metrics --textfile: a missing directory, a file, a directory nobody may write: exit 1, one clear line, nothing written" {
	local d=$BATS_TEST_TMPDIR/textfile
	run -1 --separate-stderr shm metrics --textfile "$d"
	[ "$output" = "" ]
	[ "$stderr" = "shmtool: metrics: --textfile $d: no such directory" ]
	: > "$d"
	run -1 --separate-stderr shm metrics --textfile "$d"
	[ "$stderr" = "shmtool: metrics: --textfile $d: not a directory" ]
	if [ "$(id -u)" -eq 0 ]; then
		# Where nobody can reach it: the test's tmpfs.
		d=/dev/shm/textfile
		in_ns mkdir -m 0755 "$d"
		run -1 --separate-stderr shm_nobody metrics --textfile "$d"
		[ "$output" = "" ]
		[ "$stderr" = "shmtool: metrics: --textfile $d: cannot create a file there: permission denied (owner root, mode 0755)" ]
		run -0 in_ns ls -A "$d"
		[ "$output" = "" ]
	fi
	run -2 --separate-stderr shm metrics --textfile ''
	[ "$stderr" = "shmtool: metrics: --textfile needs a directory (try 'shmtool metrics --help')" ]
}

@test "metrics --textfile: SIGTERM while the file is written leaves the old file and no temporary file" {
	local d=$BATS_TEST_TMPDIR/textfile
	mkdir "$d"
	echo 'shmtool_old 1' > "$d/shmtool.prom"
	# The hook runs once the temporary file holds the text, before the
	# rename; it kills its parent, shmtool.
	SHMTOOL_TEST_ATOMICFILE_HOOK="ls -A '$d' > '$d.seen'; kill -TERM \$PPID" \
	    run -143 shm metrics --textfile "$d"
	# The temporary file was there, and is gone.
	[[ "$(cat "$d.seen")" == *".shmtool.prom."* ]]
	[ "$(ls -A "$d")" = shmtool.prom ]
	[ "$(cat "$d/shmtool.prom")" = 'shmtool_old 1' ]
}

@test "metrics --syslog: a failure is one action=failed line, facility daemon, priority err, identifier shmtool" {
	fake_syslog
	run -1 shm metrics --syslog --textfile /nonexistent
	wait_for test -s "$SYSLOG"
	[ "$(wc -l < "$SYSLOG")" = 1 ]
	# <27>: daemon (3) * 8 + err (3).
	[[ "$(cat "$SYSLOG")" =~ ^'<27>'.*' shmtool['[0-9]+']: action=failed command=metrics reason="--textfile /nonexistent: no such directory"'$ ]]
	# Without --syslog, nothing is logged.
	: > "$SYSLOG"
	run -1 shm metrics --textfile /nonexistent
	sleep 0.2
	[ ! -s "$SYSLOG" ]
}

@test "metrics --syslog: a name with quotes and a newline stays one line, escaped" {
	fake_syslog
	local d=$BATS_TEST_TMPDIR/$'a "b"\nc'
	run -1 shm metrics --syslog --textfile "$d"
	wait_for test -s "$SYSLOG"
	[ "$(wc -l < "$SYSLOG")" = 1 ]
	cat "$SYSLOG"
	grep -qF 'reason="--textfile '"$BATS_TEST_TMPDIR"'/a \"b\"\nc: no such directory"' "$SYSLOG"
}

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

@test "node_exporter's textfile collector serves what metrics --textfile wrote, with the test's values" {
	command -v prometheus-node-exporter >/dev/null ||
		skip "prometheus-node-exporter is not installed"
	command -v curl >/dev/null || skip "curl is not installed"
	local d=$BATS_TEST_TMPDIR/textfile port url
	mkdir "$d"
	mkseg 4096 0600 >/dev/null
	mkseg 1048576 0600 >/dev/null
	shm create 64K /obj >/dev/null
	run -0 shm metrics --textfile "$d"
	port=$(free_port)
	url=http://127.0.0.1:$port/metrics
	bg_ns prometheus-node-exporter --web.listen-address="127.0.0.1:$port" \
	    --collector.disable-defaults --collector.textfile \
	    --collector.textfile.directory="$d"
	local exporter=$BG_PID
	wait_for curl -sf "$url"
	run -0 curl -sf "$url"
	# Go writes large values in exponent form.
	[ "$(val shmtool_sysv_segments)" = 2 ]
	[ "$(val shmtool_sysv_size_bytes)" = 1.052672e+06 ]
	[ "$(val shmtool_sysv_orphaned_segments)" = 2 ]
	[ "$(val shmtool_posix_objects)" = 1 ]
	[ "$(val shmtool_posix_size_bytes)" = 65536 ]
	[ "$(val 'shmtool_sysv_owner_segments{owner="root"}')" = 2 ]
	# The collector read it without complaint.
	[ "$(val node_textfile_scrape_error)" = 0 ]
	grep -q '^node_textfile_mtime_seconds{file="[^"]*shmtool.prom"}' <<< "$output"
	# A rewrite is served at the next scrape.
	mkseg 8192 0600 >/dev/null
	run -0 shm metrics --textfile "$d"
	run -0 curl -sf "$url"
	[ "$(val shmtool_sysv_segments)" = 3 ]
	kill "$exporter"
	wait "$exporter" 2>/dev/null || true
	run ! curl -sf "$url"
}

@test "promtool check metrics accepts every output form" {
	need_promtool
	local p=$BATS_TEST_TMPDIR/proc f
	mkseg 4096 0600 >/dev/null
	ID=$(mkseg 8192 0600)
	hold "$ID"
	shm create 4K /x >/dev/null
	in_ns sh -c ': > /dev/shm/sem.s; mkdir /dev/shm/dir'
	run -0 shm metrics
	run -0 prom_ok <<< "$output"
	run -0 shm metrics --owners 0
	run -0 prom_ok <<< "$output"
	# The table's extremes: huge sizes and counts, flags, ids.
	for f in shm-basic shm-huge shm-14col shm-negkey shm-dup; do
		mkdir -p "$p/sysvipc"
		cp "$FIXTURES/$f" "$p/sysvipc/shm"
		SHMTOOL_PROCFS=$p run -0 shm metrics
		run -0 prom_ok <<< "$output"
	done
	# A table that cannot be read: reported, its series left out, the
	# rest still valid.
	cp "$FIXTURES/shm-garbage" "$p/sysvipc/shm"
	SHMTOOL_PROCFS=$p run -1 --separate-stderr shm metrics
	[[ "$stderr" == "shmtool: metrics: $p/sysvipc/shm: line "* ]]
	lacks shmtool_sysv_segments
	run -0 prom_ok <<< "$output"
	# No segments and no objects at all.
	kill "$BG_PID"
	wait "$BG_PID" 2>/dev/null || true
	in_ns sh -c 'ipcrm --all=shm; rm -rf /dev/shm/*'
	run -0 shm metrics
	[ "$(val shmtool_sysv_segments)" = 0 ]
	run -0 prom_ok <<< "$output"
}

@test "every metric in the output is in shmtool-metrics(1), and every one there is in some output" {
	local names doc
	# shellcheck disable=SC2016
	run -0 metrics_pidns 'ns_with 4096; shm metrics --all-namespaces --namespaces 0'
	names=$( { printf '%s\n' "$output"; shm metrics; } | awk '/^# TYPE / { print $3 }' | sort -u)
	doc=$(sed -n 's/^\.It Li \(shmtool_[a-z_]*\) Pq .*/\1/p' "${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}/man/shmtool-metrics.1" | sort -u)
	[ "$(wc -l <<< "$names")" -ge 40 ]
	[ "$names" = "$doc" ]
}
