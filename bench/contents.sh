#!/bin/bash
# bench/contents.sh SHMTOOL: the speed targets of `shmtool dump` and
# `shmtool write` (issue 5), measured against the standard tools on the
# same bytes, best of RUNS (default 3) runs each.  Runs in its own IPC
# and mount namespace (root: unshare --ipc --mount), with a private
# tmpfs, so it never sees or touches anyone else's segments.  Prints the
# times and the throughput ratios; asserts nothing but identical output.
set -eu

if [ -z "${BENCH_IN_NS:-}" ]; then
	[ $# -eq 1 ] || { echo "usage: $0 SHMTOOL" >&2; exit 2; }
	exec unshare --ipc --mount --propagation private \
	    env BENCH_IN_NS=1 "$0" "$(realpath "$1")"
fi

S=$1
RUNS=${RUNS:-3}
T=$(mktemp -d /tmp/shmtool-bench.XXXXXX)
mount -t tmpfs -o size=6g shmtool-bench "$T"
trap 'umount "$T"; rmdir "$T"' EXIT
echo 4398046511104 > /proc/sys/kernel/shmmax

cat > "$T/seg.c" <<'C'
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
	if (strcmp(argv[1], "rm") == 0)
		return shmctl(atoi(argv[2]), IPC_RMID, NULL) == -1;
	int id = shmget(IPC_PRIVATE, strtoull(argv[2], NULL, 0), IPC_CREAT | 0600);
	if (id == -1) { perror("shmget"); return 1; }
	printf("%d\n", id);
	return 0;
}
C
${CC:-cc} -O2 -o "$T/seg" "$T/seg.c"

# best CMD...: the best wall time of RUNS runs, in seconds.
best() {
	local i s e min=
	for i in $(seq 1 "$RUNS"); do
		s=$(date +%s%N)
		"$@"
		e=$(date +%s%N)
		[ -z "$min" ] || [ $((e - s)) -lt "$min" ] && min=$((e - s))
	done
	awk -v ns="$min" 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-44s %8ss %8ss %8sx  (target %s)\n' "$1" "$2" "$3" "$(ratio "$2" "$3")" "$4"; }

echo "shmtool: $S"
echo "runs: best of $RUNS; kernel $(uname -r); $(nproc) CPUs"
printf '%-44s %9s %9s %9s\n' "" "theirs" "shmtool" "ratio"

# Hex: 256 MiB of random bytes (no '*' lines to save work).
head -c 256M /dev/urandom > "$T/hex.bin"
id=$("$T/seg" create $((256 << 20)))
"$S" write "$id" --file "$T/hex.bin"
t_shm=$(best sh -c '"$1" dump "$2" > "$3/shm.out"' _ "$S" "$id" "$T")
t_hd=$(RUNS=1 best sh -c 'hexdump -C "$1/hex.bin" > "$1/hd.out"' _ "$T")
cmp "$T/hd.out" "$T/shm.out" || { echo "hex output differs from hexdump -C" >&2; exit 1; }
rm -f "$T/hd.out"
t_xxd=$(best sh -c 'xxd "$1/hex.bin" > "$1/xxd.out"' _ "$T")
rm -f "$T/xxd.out" "$T/shm.out" "$T/hex.bin"
"$T/seg" rm "$id"
row "hex 256 MiB vs hexdump -C (identical)" "$t_hd" "$t_shm" ">= 100"
row "hex 256 MiB vs xxd" "$t_xxd" "$t_shm" ">= 10"

# Raw: 1 GiB.
head -c 1G /dev/urandom > "$T/raw.bin"
id=$("$T/seg" create $((1 << 30)))
"$S" write "$id" --file "$T/raw.bin"
t_cat=$(best sh -c 'cat "$1/raw.bin" > /dev/null' _ "$T")
t_shm=$(best sh -c '"$1" dump "$2" -f raw > /dev/null' _ "$S" "$id")
row "raw 1 GiB to /dev/null vs cat" "$t_cat" "$t_shm" ">= 0.8"
t_cat=$(best sh -c 'rm -f "$1/out"; cat "$1/raw.bin" > "$1/out"' _ "$T")
t_shm=$(best sh -c 'rm -f "$2/out"; "$1" dump "$3" -f raw > "$2/out"' _ "$S" "$T" "$id")
cmp "$T/raw.bin" "$T/out"
row "raw 1 GiB to a tmpfs file vs cat" "$t_cat" "$t_shm" ">= 0.8"
t_shm=$(best sh -c 'rm -f "$2/out"; "$1" dump "$3" -f raw -o "$2/out"' _ "$S" "$T" "$id")
row "raw 1 GiB --output tmpfs file vs cat" "$t_cat" "$t_shm" ">= 0.8"
rm -f "$T/out"
"$T/seg" rm "$id"

# Write: 1 GiB from a tmpfs file, into a new segment each run (its pages
# get allocated, as cat's output file's do).
t_cat=$(best sh -c 'rm -f "$1/out"; cat "$1/raw.bin" > "$1/out"' _ "$T")
rm -f "$T/out"
t_shm=$(best sh -c 'id=$("$2/seg" create $((1 << 30))); "$1" write "$id" --file "$2/raw.bin"; "$2/seg" rm "$id"' _ "$S" "$T")
row "write 1 GiB from a tmpfs file vs cat copy" "$t_cat" "$t_shm" ">= 0.8"
t_shm=$(best sh -c 'id=$("$2/seg" create $((1 << 30))); "$1" write "$id" < "$2/raw.bin"; "$2/seg" rm "$id"' _ "$S" "$T")
row "write 1 GiB from stdin (tmpfs file) vs cat" "$t_cat" "$t_shm" ">= 0.8"
t_shm=$(best sh -c 'id=$("$2/seg" create $((1 << 30))); cat "$2/raw.bin" | "$1" write "$id"; "$2/seg" rm "$id"' _ "$S" "$T")
row "write 1 GiB from a pipe (staged) vs cat" "$t_cat" "$t_shm" "-"
