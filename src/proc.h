/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Facts about processes from /proc (under $SHMTOOL_PROCFS): whether a
 * pid is alive and when it started, so that a reused pid is not taken
 * for a segment's creator.  Cached per pid; never prints.
 */
#ifndef PROC_H
#define PROC_H

#include <stdint.h>
#include <sys/types.h>

/*
 * The start time of PID in seconds since the epoch: 0, or -1 with errno
 * ENOENT when there is no such process (or it cannot be read).
 */
int	proc_start_time(pid_t, int64_t *);

/*
 * 1 when the process that was PID at time WHEN is certainly gone: no
 * such process, or the pid now belongs to a process started after WHEN
 * (reused).  0 when it may be the same process, or pid is 0 and WHEN is
 * set (not visible from this pid namespace: unknown, so not gone).
 */
int	proc_gone_since(pid_t, int64_t);

/*
 * Forgets the start times read so far: a long-running caller (watch)
 * reads a reused pid again, and its cache does not grow with every pid
 * the machine hands out.
 */
void	proc_forget(void);

/*
 * Calls FN for each process under the procfs with the procfs's fd, the
 * pid and its directory's name there.  0, or -1 when it cannot be read.
 */
int	proc_each(void (*)(int, pid_t, const char *, void *), void *);

/*
 * 1 when a pid missing from the procfs is a process that is gone: it is
 * a procfs of our own PID namespace, mounted without hidepid.  Otherwise
 * (hidepid, a directory standing in for /proc, another namespace's
 * procfs) processes may hide, and "not found" proves nothing.
 */
int	proc_sees_all(void);

#endif
