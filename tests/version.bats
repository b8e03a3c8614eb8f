#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# The version is set once, in configure.ac's AC_INIT; --version, the man
# pages, NEWS and debian/changelog must say the same.

load test_helper

setup() { :; }
teardown() { :; }

# The version of configure.ac's AC_INIT.
version() {
	sed -n 's/^AC_INIT(\[shmtool\], *\[\([^]]*\)\].*/\1/p' "$SHMTOOL_SRCDIR/configure.ac"
}

@test "configure.ac sets a version" {
	run -0 version
	[[ "$output" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "--version prints configure.ac's version" {
	run -0 "$SHMTOOL" --version
	# A build with test hooks says so on a second line.
	[ "${lines[0]}" = "shmtool $(version)" ]
}

@test "every man page is made from a .in source and its .Os names the version" {
	local v page n=0
	v=$(version)
	for page in "$SHMTOOL_SRCDIR"/man/*.[1-8]; do
		[ -e "$page" ] || continue
		[ -f "$page.in" ] ||
			{ echo "${page#"$SHMTOOL_SRCDIR"/}: commit it as ${page#"$SHMTOOL_SRCDIR"/}.in (.Os shmtool @PACKAGE_VERSION@) and list it in MANPAGES"; return 1; }
	done
	for page in "$SHMTOOL_SRCDIR"/man/*.[1-8].in; do
		grep -qx '\.Os shmtool @PACKAGE_VERSION@' "$page" ||
			{ echo "${page#"$SHMTOOL_SRCDIR"/}: its .Os line must be '.Os shmtool @PACKAGE_VERSION@'"; return 1; }
		page=$SHMTOOL_BUILDDIR/man/$(basename "$page" .in)
		[ -f "$page" ] || { echo "$page was not built: is it in MANPAGES?"; return 1; }
		grep -qx "\.Os shmtool $v" "$page" || { echo "$page: .Os is not 'shmtool $v'"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}

@test "the man pages' footer says shmtool and the version, not BSD" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 mandoc -Tascii "$SHMTOOL_BUILDDIR/man/shmtool.1"
	[[ "${lines[-1]}" =~ ^shmtool\ "$(version)"\  ]]
}

@test "NEWS starts with configure.ac's version" {
	run -0 grep -m1 '^shmtool [0-9]' "$SHMTOOL_SRCDIR/NEWS"
	[[ "$output" =~ ^shmtool\ "$(version)"\ \( ]]
}

@test "debian/changelog's latest entry is configure.ac's version" {
	[ -f "$SHMTOOL_SRCDIR/debian/changelog" ] ||
		skip "no debian/ here (the tarball does not ship it)"
	run -0 sed -n '1s/^shmtool (\([^)]*\)).*/\1/p' "$SHMTOOL_SRCDIR/debian/changelog"
	[ "$output" = "$(version)" ]
}
