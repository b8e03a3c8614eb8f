#!/bin/sh
# Benchmarks shmtool stat and who against the standard tools, side by
# side in one run, inside a private IPC namespace (never touches the
# host's segments).  Needs root (unshare --ipc; shmmni is raised inside).
#
#   bench/inventory.sh ./shmtool [SEGMENTS]
#
# Prints the best of RUNS wall times for each command, the ratios the
# issue sets as targets, and the peak RSS of stat against ipcs.
set -eu

if [ $# -lt 1 ]; then
	echo "usage: $0 SHMTOOL [SEGMENTS]" >&2
	exit 2
fi
SHMTOOL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-32000}
RUNS=${RUNS:-15}

if [ "${BENCH_IN_NS:-}" != 1 ]; then
	[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (unshare --ipc)" >&2; exit 1; }
	BENCH_IN_NS=1 exec unshare --ipc -- "$0" "$SHMTOOL" "$N"
fi

# IPCMNI is 32768 without the ipcmni_extend boot option.
echo 32768 > /proc/sys/kernel/shmmni
# perl's builtin shmget: IPC_PRIVATE, one page each.
perl -e 'for (1..$ARGV[0]) { defined shmget(0, 4096, 0600) or die "shmget: $!\n" }' "$N"
have=$(($(wc -l < /proc/sysvipc/shm) - 1))
echo "segments: $have (in a private IPC namespace; $RUNS runs each, best time)"

# best CMD...: the lowest wall time of RUNS runs, in seconds.
best() {
	perl -MTime::HiRes=time -e '
		my ($runs, @cmd) = @ARGV; my $best = 1e9;
		for (1 .. $runs) {
			my $t = time;
			my $pid = fork // die;
			if (!$pid) { open STDOUT, ">", "/dev/null"; exec @cmd or exit 127 }
			waitpid $pid, 0; die "@cmd: exit $?\n" if $?;
			my $d = time - $t; $best = $d if $d < $best;
		}
		printf "%.4f\n", $best' "$RUNS" "$@"
}
rss() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
}
ratio() {
	perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$1" "$2"
}

t_cat=$(best cat /proc/sysvipc/shm)
t_stat=$(best "$SHMTOOL" stat)
t_json=$(best "$SHMTOOL" stat --json)
t_ipcs=$(best ipcs -m)
t_lsipc=$(best lsipc -m)
t_lsjson=$(best lsipc -m --json)

printf '%-24s %8ss\n' "cat /proc/sysvipc/shm" "$t_cat" "shmtool stat" "$t_stat" \
	"shmtool stat --json" "$t_json" "ipcs -m" "$t_ipcs" "lsipc -m" "$t_lsipc" \
	"lsipc -m --json" "$t_lsjson"
echo
echo "stat / cat:                $(ratio "$t_stat" "$t_cat")   (target <= 1.5)"
echo "ipcs -m / stat:            $(ratio "$t_ipcs" "$t_stat")   (target >= 4)"
echo "lsipc -m / stat:           $(ratio "$t_lsipc" "$t_stat")   (target >= 4)"
echo "lsipc -m --json / --json:  $(ratio "$t_lsjson" "$t_json")   (target >= 4)"
r_stat=$(rss "$SHMTOOL" stat)
r_ipcs=$(rss ipcs -m)
echo "peak RSS: shmtool stat ${r_stat} KiB, ipcs -m ${r_ipcs} KiB   (target: stat <= ipcs)"

# who: against reading every /proc/*/maps once.
t_maps=$(best sh -c 'cat /proc/[0-9]*/maps >/dev/null 2>&1; exit 0')
t_who=$(best "$SHMTOOL" who)
echo
printf '%-24s %8ss\n' "cat /proc/*/maps" "$t_maps" "shmtool who" "$t_who"
echo "who / cat maps:            $(ratio "$t_who" "$t_maps")   (target <= 2)"
