#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# What runs shmtool on many machines: the Prometheus alerting rules of
# contrib/prometheus (valid, and their unit tests pass) and the systemd
# units of contrib/systemd (systemd-analyze verify passes on each, the
# services run the configured binary, hardening that would hide the
# machine's shared memory from the job is absent, and what the metrics
# service runs works).  Nothing here needs systemd as PID 1.

load test_helper

# Only the test that runs shmtool makes the test namespaces.
setup() { :; }
teardown() { ns_teardown; }

: "${PROMTOOL:=promtool}"
RULES=$SHMTOOL_SRCDIR/contrib/prometheus
UNITS=$SHMTOOL_SRCDIR/contrib/systemd

need_promtool() {
	command -v "$PROMTOOL" >/dev/null ||
		skip "promtool is not installed (Debian package prometheus)"
}

@test "contrib/prometheus: the rules are valid and their unit tests pass" {
	need_promtool
	run -0 "$PROMTOOL" check rules "$RULES/shmtool-rules.yml"
	[[ "$output" == *"SUCCESS: 5 rules found"* ]]
	# Rule files are found relative to the test file.
	run -0 "$PROMTOOL" test rules "$RULES/shmtool-rules.test.yml"
	[[ "$output" == *SUCCESS* ]]
}

@test "contrib/prometheus: every metric the rules use is one shmtool or node_exporter writes" {
	local m
	for m in $(grep -o 'shmtool_[a-z_]*' "$RULES/shmtool-rules.yml" | sort -u); do
		grep -q "^\.It Li $m " "${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}/man/shmtool-metrics.1" ||
			{ echo "$m is no metric of shmtool-metrics(1)"; return 1; }
	done
	grep -q 'node_textfile_mtime_seconds' "$RULES/shmtool-rules.yml"
}

# The units as make builds them, with the binary of this build in
# ExecStart (verify checks that it exists), in a directory of their own;
# MANPAGES is a man path where Documentation= finds our pages.
units_here() {
	local f bin
	bin=$(dirname "$SHMTOOL")
	U=$BATS_TEST_TMPDIR/units
	mkdir -p "$U" "$BATS_TEST_TMPDIR/man/man1"
	for f in "$UNITS"/*.service.in; do
		f=${f##*/}
		sed "s|@bindir@|$bin|g" "$UNITS/$f" > "$U/${f%.in}"
	done
	cp "$UNITS"/*.timer "$U"
	# The pages as built (a VPATH build makes them in its own tree).
	ln -sf "${SHMTOOL_BUILDDIR:-$SHMTOOL_SRCDIR}"/man/*.1 "$BATS_TEST_TMPDIR/man/man1/"
	MANPAGES=$BATS_TEST_TMPDIR/man
}

@test "contrib/systemd: systemd-analyze verify passes on each unit" {
	command -v systemd-analyze >/dev/null ||
		skip "systemd-analyze is not installed (Debian package systemd)"
	local u man=yes
	units_here
	# Documentation= is checked with man(1) when there is one.
	command -v man >/dev/null || man=no
	for u in "$U"/*; do
		MANPATH=$MANPAGES run -0 systemd-analyze verify --man="$man" "$u"
		[ "$output" = "" ] || { echo "$u: $output"; return 1; }
	done
	[ "$(ls "$U" | wc -l)" -eq 5 ]
}

@test "contrib/systemd: verify fails on a unit that is wrong (the check can fail)" {
	command -v systemd-analyze >/dev/null ||
		skip "systemd-analyze is not installed (Debian package systemd)"
	units_here
	sed -i 's|^ExecStart=.*|ExecStart=shmtool-not-a-path metrics|' "$U/shmtool-metrics.service"
	run -1 systemd-analyze verify --man=no "$U/shmtool-metrics.service"
	units_here
	sed -i 's|^OnCalendar=.*|OnCalendar=every blue moon|' "$U/shmtool-metrics.timer"
	run -1 systemd-analyze verify --man=no "$U/shmtool-metrics.timer"
}

@test "contrib/systemd: the services make builds run the configured bindir's shmtool" {
	[ -n "${SHMTOOL_BINDIR:-}" ] || skip "run by make check, which knows the bindir"
	local f
	for f in shmtool-cleanup.service shmtool-metrics.service shmtool-watch.service; do
		[ -f "${SHMTOOL_BUILDDIR:?}/contrib/systemd/$f" ]
		[ "$(grep -c '@bindir@' "$SHMTOOL_BUILDDIR/contrib/systemd/$f")" = 0 ]
		grep -q "$SHMTOOL_BINDIR/shmtool " "$SHMTOOL_BUILDDIR/contrib/systemd/$f"
	done
}

# setting UNIT KEY: the value of KEY= in UNIT (comments ignored).
setting() {
	sed -n "s/^$2=//p" "$UNITS/$1"
}

@test "contrib/systemd: hardened, and nothing that would give the job an empty namespace of its own" {
	local u k
	for u in shmtool-cleanup.service.in shmtool-metrics.service.in shmtool-watch.service.in; do
		[ "$(setting "$u" ProtectSystem)" = strict ]
		[ "$(setting "$u" NoNewPrivileges)" = yes ]
		[ -n "$(setting "$u" CapabilityBoundingSet)" ]
		[ "$(setting "$u" SystemCallFilter)" = @system-service ]
		for k in PrivateIPC PrivateDevices PrivateUsers ProtectProc ProcSubset \
		    PrivatePIDs TemporaryFileSystem InaccessiblePaths; do
			[ -z "$(setting "$u" "$k")" ] ||
				{ echo "$u sets $k="; return 1; }
		done
		# Each is explained where it is left out.
		grep -q '^#   PrivateIPC=yes' "$UNITS/$u"
		grep -q '^#   PrivateDevices=yes' "$UNITS/$u"
	done
	# The cleanup removes others' segments and objects; metrics only reads.
	[[ "$(setting shmtool-cleanup.service.in CapabilityBoundingSet)" == *CAP_SYS_ADMIN* ]]
	[[ "$(setting shmtool-metrics.service.in CapabilityBoundingSet)" != *CAP_SYS_ADMIN* ]]
	[[ "$(setting shmtool-watch.service.in CapabilityBoundingSet)" != *CAP_SYS_ADMIN* ]]
	[ "$(setting shmtool-metrics.service.in ReadWritePaths)" = -/var/lib/prometheus/node-exporter ]
	[ -z "$(setting shmtool-watch.service.in ReadWritePaths)" ]
	grep -q -- '--syslog' "$UNITS/shmtool-cleanup.service.in"
	[ "$(setting shmtool-cleanup.timer OnCalendar)" = daily ]
	[ "$(setting shmtool-metrics.timer OnCalendar)" = minutely ]
}

@test "contrib/systemd: the cleanup removes orphaned segments and unattached objects older than a day" {
	local exec
	exec=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$UNITS/shmtool-cleanup.service.in")
	[[ "$exec" == *"shmtool rm --syslog --orphaned --older-than 1d;"* ]]
	[[ "$exec" == *"shmtool rm --syslog --posix --unattached --older-than 1d ||"* ]]
}

@test "contrib/systemd: what the metrics service runs works (its directory put elsewhere)" {
	ns_setup
	local args d=$BATS_TEST_TMPDIR/textfile
	mkdir "$d"
	args=$(setting shmtool-metrics.service.in ExecStart)
	args=${args#@bindir@/shmtool }
	args=${args//\/var\/lib\/prometheus\/node-exporter/$d}
	# shellcheck disable=SC2086
	run -0 shm $args
	[ -s "$d/shmtool.prom" ]
}

@test "contrib/systemd: the watch service records every kind, with --syslog, its output not logged twice" {
	[ "$(setting shmtool-watch.service.in ExecStart)" = "@bindir@/shmtool watch --all-types --existing --syslog" ]
	[ "$(setting shmtool-watch.service.in StandardOutput)" = null ]
	[ "$(setting shmtool-watch.service.in Restart)" = on-failure ]
	# Why the host's /proc and /dev/shm are needed is said where the
	# settings that would hide them are left out.
	grep -q "^# Not set, on purpose: the watch needs the host's /proc" "$UNITS/shmtool-watch.service.in"
	grep -q "journalctl -t shmtool --grep 'create id 32769'" "$UNITS/shmtool-watch.service.in"
}

@test "contrib/systemd: what the watch service runs works (ended by its timeout)" {
	ns_setup
	local args
	args=$(setting shmtool-watch.service.in ExecStart)
	args=${args#@bindir@/shmtool }
	mkseg 4096 0600 >/dev/null
	# shellcheck disable=SC2086
	run -0 shm $args --timeout 0
	[[ "$output" == *" exist id "* ]]
}

