# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# fish completion for shmtool(1): commands, options, live shmids, POSIX
# names and column lists.

function __shmtool_ids
    set -l procfs /proc
    set -q SHMTOOL_PROCFS; and set procfs $SHMTOOL_PROCFS
    test -r $procfs/sysvipc/shm; and awk 'NR > 1 { print $2 }' $procfs/sysvipc/shm 2>/dev/null
    for f in /dev/shm/*
        test -f $f; and not test -L $f; or continue
        string match -q 'sem.*' (basename $f); and continue
        echo /(basename $f)
    end
end

set -l cmds stat who create attach set rm dump write limits metrics watch
complete -c shmtool -f
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -l help -d 'show help'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -l version -d 'show the version'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a stat -d 'list segments or POSIX objects, or every field of some'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a who -d 'show the processes that have segments or objects'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a create -d 'create a segment or object, print its id or name'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a attach -d 'attach to a segment or map an object, or hold it'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -l ns -r -a '(__fish_complete_pids)' -d 'run in the IPC namespace of a process or namespace file'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a set -d 'change mode, owner or lock'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a rm -d 'remove segments or objects, safely'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a dump -d 'show what is inside a segment or object'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a write -d 'write into a segment or object'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a limits -d 'show the limits and usage'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a metrics -d 'write metrics for Prometheus'
complete -c shmtool -n "not __fish_seen_subcommand_from $cmds" -a watch -d 'print segments and objects as they come and go'

complete -c shmtool -n "__fish_seen_subcommand_from stat who attach set rm dump write" -a '(__shmtool_ids)'

set -l stat_cols TYPE KEY ID NAME OWNER GROUP UID GID CUSER CGROUP CUID CGID PERMS MODE SIZE RSS SWAP NATTCH STATUS CPID LPID CCOMMAND CUNIT CCGROUP ATIME DTIME MTIME CTIME AGE ORPHAN NS NSPID NSCOMMAND
set -l who_cols TYPE ID KEY NAME PID USER UNIT CGROUP COMMAND VIA FD ADDRESS PERMS STATUS NS NSPID NSCOMMAND

# Filters shared by stat, who and rm, and the kind they choose from.
for c in stat who rm watch
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l posix -d 'POSIX objects instead of segments'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l all-types -d 'segments and POSIX objects'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l owner -x -a '(__fish_complete_users)' -d 'owner is USER or UID'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l creator -x -a '(__fish_complete_users)' -d 'creator is USER or UID'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l key -x -d 'key is KEY'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l unattached -d 'nattch is 0'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l orphaned -d 'creator and last user gone'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l older-than -x -d 'idle for DURATION'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l larger-than -x -d 'size above SIZE'
    complete -c shmtool -n "__fish_seen_subcommand_from $c" -l dest -d 'marked for removal'
end

# stat
complete -c shmtool -n "__fish_seen_subcommand_from stat" -s o -l output -x -a "$stat_cols" -d 'columns'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l json -d 'JSON'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l raw -d 'raw'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l noheadings -d 'no header'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l bytes -d 'exact sizes'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l sort -x -a "$stat_cols" -d 'sort by column'
complete -c shmtool -n "__fish_seen_subcommand_from stat" -l all-namespaces -d 'every IPC namespace'
# who
complete -c shmtool -n "__fish_seen_subcommand_from who" -s o -l output -x -a "$who_cols" -d 'columns'
complete -c shmtool -n "__fish_seen_subcommand_from who" -l json -d 'JSON'
complete -c shmtool -n "__fish_seen_subcommand_from who" -l raw -d 'raw'
complete -c shmtool -n "__fish_seen_subcommand_from who" -l noheadings -d 'no header'
complete -c shmtool -n "__fish_seen_subcommand_from who" -l all-namespaces -d 'every IPC namespace'
# create
complete -c shmtool -n "__fish_seen_subcommand_from create" -l mode -x -d 'octal mode'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l excl -d 'fail if the key exists'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l hugetlb -x -a '2M 1G' -d 'huge pages'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l noreserve -d 'no swap reservation'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l lock -d 'lock in memory'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l owner -x -a '(__fish_complete_users)' -d 'owner'
complete -c shmtool -n "__fish_seen_subcommand_from create" -l json -d 'JSON'
complete -c shmtool -n "__fish_seen_subcommand_from create" -s v -l verbose -d 'explain'
# attach
complete -c shmtool -n "__fish_seen_subcommand_from attach" -l read-only -d 'attach read-only'
complete -c shmtool -n "__fish_seen_subcommand_from attach" -l address -x -d 'address'
complete -c shmtool -n "__fish_seen_subcommand_from attach" -l rnd -d 'round down to SHMLBA'
complete -c shmtool -n "__fish_seen_subcommand_from attach" -l remap -d 'replace a mapping'
complete -c shmtool -n "__fish_seen_subcommand_from attach" -l hold -d 'stay attached'
# set
complete -c shmtool -n "__fish_seen_subcommand_from set" -l mode -x -d 'octal mode'
complete -c shmtool -n "__fish_seen_subcommand_from set" -l owner -x -a '(__fish_complete_users)' -d 'owner'
complete -c shmtool -n "__fish_seen_subcommand_from set" -l lock -d 'SHM_LOCK'
complete -c shmtool -n "__fish_seen_subcommand_from set" -l unlock -d 'SHM_UNLOCK'
# rm
complete -c shmtool -n "__fish_seen_subcommand_from rm" -l all -d 'every segment'
complete -c shmtool -n "__fish_seen_subcommand_from rm" -l force -d 'also attached segments'
complete -c shmtool -n "__fish_seen_subcommand_from rm" -l dry-run -d 'remove nothing'
complete -c shmtool -n "__fish_seen_subcommand_from rm" -l json -d 'JSON action log'
complete -c shmtool -n "__fish_seen_subcommand_from rm" -s v -l verbose -d 'one line a segment'
# dump
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l offset -x -d 'offset'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l length -x -d 'length'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l format -x -a 'hex raw string' -d 'format'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l output -r -F -d 'file'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l force -d 'binary to a terminal'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l vis -d 'escape control characters'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l sha256 -d 'checksum'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l no-disturb -d 'read through a mapping'
complete -c shmtool -n "__fish_seen_subcommand_from dump" -l attach -d 'force shmat'
# write
complete -c shmtool -n "__fish_seen_subcommand_from write" -l offset -x -d 'offset'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l file -r -F -d 'file'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l nul -d 'append a NUL'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l zero -d 'fill with zeros'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l fill -x -d 'fill byte'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l length -x -d 'length'
complete -c shmtool -n "__fish_seen_subcommand_from write" -l truncate -d 'write what fits'
# limits
complete -c shmtool -n "__fish_seen_subcommand_from limits" -s b -l bytes -d 'exact byte counts'
complete -c shmtool -n "__fish_seen_subcommand_from limits" -l json -d 'JSON'
# metrics
complete -c shmtool -n "__fish_seen_subcommand_from metrics" -l textfile -x -a '(__fish_complete_directories)' -d 'write DIR/shmtool.prom atomically'
complete -c shmtool -n "__fish_seen_subcommand_from metrics" -l owners -x -d 'series for the N largest owners'
complete -c shmtool -n "__fish_seen_subcommand_from metrics" -l all-namespaces -d 'every IPC namespace'
complete -c shmtool -n "__fish_seen_subcommand_from metrics" -l namespaces -x -d 'series for the N largest namespaces'
complete -c shmtool -n "__fish_seen_subcommand_from metrics" -l syslog -d 'log failures through syslog'
# watch
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l json -d 'one JSON object per event'
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l interval -x -d 'how often the segment table is read'
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l count -x -d 'end after N events'
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l timeout -x -d 'end after DURATION'
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l existing -d 'an exist event for each one already there'
complete -c shmtool -n "__fish_seen_subcommand_from watch" -l syslog -d 'log each event through syslog'

complete -c shmtool -n "__fish_seen_subcommand_from $cmds" -l help -d 'show help'
