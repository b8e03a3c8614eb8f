#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# make install puts every file where the program that reads it looks:
# built once from the tarball's tree (make distdir: a VPATH build needs
# an unconfigured source), configured with the default prefix and with
# --prefix=/usr, each installed into a DESTDIR.  The consumers are asked
# where they look: manpath, pkg-config, zsh's $fpath, fish's
# $fish_complete_path, systemd's unit path.  Where root can mount an
# overlay of the DESTDIR on /usr, bash, zsh, fish and man load the
# installed files for real.

load test_helper

# Each test skips, saying why, where setup_file built nothing (bats
# 1.8 cannot skip from setup_file).
setup() { [ -z "${INSTALL_SKIP:-}" ] || skip "$INSTALL_SKIP"; }
teardown() { :; }

# make without what the outer make check passes down (its variables,
# its jobserver).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }

setup_file() {
	if [ -n "${SHMTOOL_SANITIZERS:-}" ]; then
		export INSTALL_SKIP="the install test runs in the plain build, not the sanitizer one"
		return 0
	fi
	local f=$BATS_FILE_TMPDIR
	BUILD_LOG=$BATS_FILE_TMPDIR/build.log
	build mk -s -C "$SHMTOOL_BUILDDIR" distdir distdir="$f/src" || return 1
	build mkdir "$f/b-local" || return 1
	build sh -c 'cd "$1" && ../src/configure -q' sh "$f/b-local" || return 1
	build mk -s -C "$f/b-local" -j"$(nproc)" || return 1
	build mk -s -C "$f/b-local" install DESTDIR="$f/d-local" || return 1
	# The same objects for /usr: configure leaves config.h as it was, so
	# nothing is compiled again.
	build cp -a "$f/b-local" "$f/b-usr" || return 1
	build sh -c 'cd "$1" && ../src/configure -q --prefix=/usr' sh "$f/b-usr" || return 1
	build mk -s -C "$f/b-usr" install DESTDIR="$f/d-usr" || return 1
}

# One step of setup_file's build, its output in $BUILD_LOG; on failure
# the log's end goes to the terminal (fd 3) and the step fails.
build() {
	"$@" >> "$BUILD_LOG" 2>&1 && return 0
	tail -40 "$BUILD_LOG" >&3
	return 1
}

version() {
	sed -n 's/^AC_INIT(\[shmtool\], *\[\([^]]*\)\].*/\1/p' "$SHMTOOL_SRCDIR/configure.ac"
}

# Succeeds when DIR is one of the lines of stdin.
listed() { grep -qxF -- "$1"; }

# The directories each consumer searches, one a line.
path_dirs() {	# PATH for login shells (login.defs), as a normal user and root
	sed -n 's/^ENV_\(SU\)\{0,1\}PATH[[:space:]]*PATH=//p' /etc/login.defs | tr ':' '\n'
}
man_dirs() {	# manpath for a PATH with BINDIR first
	env -i PATH="$1:/usr/bin:/bin" manpath 2>/dev/null | tr ':' '\n'
}
bash_dirs() {	# bash-completion's own, and each of the default $XDG_DATA_DIRS
	pkg-config --variable=completionsdir bash-completion
	printf '%s/bash-completion/completions\n' /usr/local/share /usr/share
}
# shellcheck disable=SC2016
zsh_dirs() { env -u FPATH zsh -fc 'print -l $fpath'; }
# shellcheck disable=SC2016
fish_dirs() { env -u XDG_DATA_DIRS fish -c 'printf "%s\n" $fish_complete_path'; }
unit_dirs() { pkg-config --variable=systemdsystemunitpath systemd | tr ':' '\n'; }

need_consumers() {
	local c
	for c in manpath pkg-config zsh fish; do
		command -v "$c" >/dev/null || skip "$c is not installed"
	done
	pkg-config --exists bash-completion || skip "bash-completion is not installed"
}

# A misplaced or unknown file: one line for check_placement's caller,
# which fails on any.
problem() { echo "$*"; }

# Checks every file under DESTDIR, installed for PREFIX, against the
# directories its consumer searches; prints one line per misplaced or
# unknown file, then a count of each kind found.
check_placement() {
	local destdir=$1 prefix=$2 f p dir
	local bin=0 man=0 bash=0 zsh=0 fish=0 schema=0
	while IFS= read -r f; do
		p=${f#"$destdir"} dir=${p%/*}
		case $p in
		*/bin/shmtool)
			path_dirs | listed "$dir" || problem "$p: $dir is not on the default PATH"
			[ "$dir" = "$prefix/bin" ] || problem "$p: not in $prefix/bin"
			bin=$((bin + 1)) ;;
		*/man[1-8]/*.[1-8])
			[ "${dir##*/man}" = "${p##*.}" ] || problem "$p: in the wrong section directory"
			man_dirs "$prefix/bin" | listed "${dir%/*}" ||
				problem "$p: ${dir%/*} is not on manpath for $prefix/bin"
			man=$((man + 1)) ;;
		*/_shmtool)
			zsh_dirs | listed "$dir" || problem "$p: $dir is not on zsh's \$fpath"
			zsh=$((zsh + 1)) ;;
		*/shmtool.fish)
			fish_dirs | listed "$dir" || problem "$p: $dir is not on fish's \$fish_complete_path"
			fish=$((fish + 1)) ;;
		*/shmtool)
			bash_dirs | listed "$dir" || problem "$p: bash-completion does not search $dir"
			bash=$((bash + 1)) ;;
		*/schema/*.json)
			# Data for validators, where shmtool-json(7) says it is.
			[ "$dir" = "$prefix/share/shmtool/schema" ] || problem "$p: not in $prefix/share/shmtool/schema"
			grep -qF "$dir/" "$destdir$prefix/share/man/man7/shmtool-json.7" ||
				problem "$p: shmtool-json(7) does not name $dir"
			schema=$((schema + 1)) ;;
		*.service | *.timer)
			unit_dirs | listed "$dir" || problem "$p: $dir is not on systemd's unit path" ;;
		*)
			echo "$p: no rule in tests/install.bats says where its consumer looks: add one" ;;
		esac
	done < <(find "$destdir" ! -type d | LC_ALL=C sort)
	echo "bin=$bin man=$man bash=$bash zsh=$zsh fish=$fish schema=$schema"
}

# The man pages the source has.
npages() { find "$BATS_FILE_TMPDIR/src/man" -name '*.[1-8].in' | wc -l; }
# The JSON Schemas it has.
nschemas() { find "$BATS_FILE_TMPDIR/src/doc/schema" -name '*.json' | wc -l; }

@test "make install, default prefix: every file where its consumer looks (fish and zsh too)" {
	need_consumers
	run -0 check_placement "$BATS_FILE_TMPDIR/d-local" /usr/local
	echo "$output"
	[ "$output" = "bin=1 man=$(npages) bash=1 zsh=1 fish=1 schema=$(nschemas)" ]
}

@test "make install --prefix=/usr: every file where its consumer looks" {
	need_consumers
	run -0 check_placement "$BATS_FILE_TMPDIR/d-usr" /usr
	echo "$output"
	[ "$output" = "bin=1 man=$(npages) bash=1 zsh=1 fish=1 schema=$(nschemas)" ]
}

# Runs, in a private mount namespace with DESTDIR/usr laid over /usr,
# the shells and man as a user would, printing what each found.
load_installed() {
	local destdir=$1 prefix=$2
	# shellcheck disable=SC2016
	unshare --mount --propagation private -- env -i HOME="$BATS_TEST_TMPDIR" \
		PATH="$prefix/bin:/usr/bin:/bin" TERM=dumb LC_ALL=C.UTF-8 bash -c '
		mount -t overlay shmtool-install -o "lowerdir=$1/usr:/usr" /usr || exit 3
		echo "bin=$(command -v shmtool)"
		echo "version=$(shmtool --version)"
		# (Debian links /usr/local/man to share/man)
		echo "man=$(readlink -f "$(man -w shmtool-stat)")"
		echo "bash=$(bash -c "source /usr/share/bash-completion/bash_completion
			__load_completion shmtool && complete -p shmtool")"
		echo "zsh=$(zsh -fc "autoload -Uz compinit && compinit -u -D &&
			print -r -- \${_comps[shmtool]}")"
		echo "fish=$(fish -c "complete -C\"shmtool li\"" | cut -f1)"
	' _ "$destdir" "$prefix"
}

# Lays DESTDIR/usr over /usr and checks that PREFIX/bin/shmtool, its
# man page and the three completions are what the programs find.
check_loaded() {
	local destdir=$1 prefix=$2
	require_root
	need_consumers
	unshare --mount --propagation private -- mount -t overlay shmtool-probe \
		-o "lowerdir=$destdir/usr:/usr" /usr 2>/dev/null ||
		skip "cannot mount an overlay on /usr here"
	run -0 load_installed "$destdir" "$prefix"
	echo "$output"
	[ "${lines[0]}" = "bin=$prefix/bin/shmtool" ]
	[ "${lines[1]}" = "version=shmtool $(version)" ]
	[ "${lines[2]}" = "man=$prefix/share/man/man1/shmtool-stat.1" ]
	[[ "${lines[3]}" =~ ^bash=complete\ (.*\ )?-F\ _shmtool\ (.*\ )?shmtool$ ]]
	[ "${lines[4]}" = "zsh=_shmtool" ]
	[ "${lines[5]}" = "fish=limits" ]
}

@test "installed with the default prefix: bash, zsh, fish and man load the files" {
	check_loaded "$BATS_FILE_TMPDIR/d-local" /usr/local
}

@test "installed with --prefix=/usr: bash, zsh, fish and man load the files" {
	check_loaded "$BATS_FILE_TMPDIR/d-usr" /usr
}

@test "make uninstall leaves nothing but empty directories, with either prefix" {
	local b d
	for b in b-local b-usr; do
		d=$BATS_TEST_TMPDIR/$b
		mk -s -C "$BATS_FILE_TMPDIR/$b" install DESTDIR="$d" >/dev/null
		run -0 find "$d" ! -type d
		[ -n "$output" ]
		mk -s -C "$BATS_FILE_TMPDIR/$b" uninstall DESTDIR="$d" >/dev/null
		run -0 find "$d" ! -type d
		[ -z "$output" ] || { echo "left by make uninstall ($b): $output"; return 1; }
	done
}

@test "a default ./configure build has no test hooks (no SHMTOOL_TEST_ string)" {
	"$BATS_FILE_TMPDIR/src/configure" --help | grep -q -- '--enable-test-hooks' ||
		skip "test hooks not yet behind --enable-test-hooks"
	run -1 grep -c SHMTOOL_TEST_ "$BATS_FILE_TMPDIR/d-local/usr/local/bin/shmtool"
	[ "$output" = 0 ]
}
