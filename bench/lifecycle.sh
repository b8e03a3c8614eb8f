#!/bin/sh
# Times `shmtool rm` with a filter against `ipcrm --all=shm` on 32,000
# segments, each inside its own private IPC namespace (needs root, so
# that no segment outside it can be touched), and prints the ratio.
# Usage: bench/lifecycle.sh path/to/shmtool [count]
set -eu
SHMTOOL=${1:?usage: $0 path/to/shmtool [count]}
N=${2:-32000}
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (unshare --ipc)" >&2; exit 1; }

# Creates N unattached 1-byte segments in the current namespace.
make_segs='echo 32768 > /proc/sys/kernel/shmmni
perl -e "use IPC::SysV qw(IPC_PRIVATE IPC_CREAT); for (1..\$ARGV[0]) { defined shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600) or die \"shmget: \$!\" }" "$1"'

run() {
	# $1: label, $2: remover command; prints seconds.
	unshare --ipc sh -c "$make_segs
		[ \$(awk 'NR > 1' /proc/sysvipc/shm | wc -l) -eq $N ] || exit 1
		s=\$(date +%s.%N); $2; e=\$(date +%s.%N)
		[ \$(awk 'NR > 1' /proc/sysvipc/shm | wc -l) -eq 0 ] || { echo '$1 left segments' >&2; exit 1; }
		echo \"\$e - \$s\" | bc" sh "$N"
}

t_ipcrm=$(run ipcrm "ipcrm --all=shm")
t_shm=$(run shmtool "$SHMTOOL rm --unattached")
printf 'segments %d\nipcrm --all=shm          %.3f s\nshmtool rm --unattached  %.3f s\nratio                    %.2f\n' \
	"$N" "$t_ipcrm" "$t_shm" "$(echo "$t_shm / $t_ipcrm" | bc -l)"
