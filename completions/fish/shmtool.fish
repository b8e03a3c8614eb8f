# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The shmtool authors
# fish completion for shmtool(1).  Everything it offers comes from
# `shmtool __complete line` (HACKING.md): the binary knows its commands,
# options, the kinds of their arguments, its rules, columns and live
# segments and objects, so this function only asks, and adds the files,
# directories, users, groups and pids itself.

function __shmtool_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l answer ($words[1] __complete line $words $cur 2>/dev/null)
    set -q answer[1]; or return
    set -l head (string split -m 1 \t -- $answer[1])
    set -l kind $head[1]
    set -l prefix "$head[2]"
    set -e answer[1]
    set -l rest (string sub -s (math (string length -- $prefix) + 1) -- $cur)
    set -l natives
    switch $kind
        case command option column columns target word
            for line in $answer
                printf '%s%s\n' $prefix $line
            end
            return
        case file
            set natives (__fish_complete_path $rest)
        case dir
            set natives (__fish_complete_directories $rest)
        case user
            set natives (__fish_complete_users)
        case group
            set natives (__fish_complete_groups)
        case pid
            set natives (__fish_complete_pids)
    end
    for line in $natives
        printf '%s%s\n' $prefix $line
    end
end

complete -c shmtool -f -a '(__shmtool_complete)'
