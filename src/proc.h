/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Facts about processes from /proc (under $SHMTOOL_PROCFS, the root
 * every module reads through proc_root): when a pid started, so that a
 * reused pid is not taken for a segment's creator, its command line,
 * the walk of every pid, and what the procfs lets us see at all
 * (proc_view): the proofs of proof.c rest on them.  One cache per pid
 * (idcache.h) holds what was read; never prints.
 */
#ifndef PROC_H
#define PROC_H

#include <stdint.h>
#include <sys/types.h>

struct buf;

/* The procfs everything is read from: $SHMTOOL_PROCFS, or /proc. */
const char	*proc_root(void);
/*
 * Opens REL under it with open(2) FLAGS (and O_CLOEXEC): an fd, or -1
 * with errno.
 */
int	proc_open(const char *, int);
/*
 * The whole of a small file, REL under the directory fd DIRFD (as for
 * openat(2)) or under the procfs (PROC_ROOT), into B, NUL-terminated:
 * 0, or -1 with errno.
 */
#define PROC_ROOT	(-1)
int	proc_read(int, const char *, struct buf *);

/*
 * The start time of PID in seconds since the epoch: 0, or -1 with errno
 * ENOENT when there is no such process (or it cannot be read).
 */
int	proc_start_time(pid_t, int64_t *);

/*
 * Whether any process of our PID namespace has PID (kill(PID, 0) is not
 * ESRCH: whatever /proc shows or hides), asked once a run.
 */
int	proc_exists(pid_t);

/* The command line (or "[comm]"), cached; NULL when gone. */
const char	*proc_command(pid_t);
/*
 * How much of a command line to show in a message of at most MAX bytes
 * of it: a whole UTF-8 character at the end, and "..." said by the
 * caller when it is less than the whole.
 */
size_t		 proc_command_cut(const char *, size_t);

/*
 * Forgets what was read about pids so far (start times, command lines):
 * a long-running caller (watch) reads a reused pid again, and its cache
 * does not grow with every pid the machine hands out.
 */
void	proc_forget(void);

/*
 * Calls FN for each process under the procfs with the procfs's fd, the
 * pid and its directory's name there.  0, or -1 when it cannot be read.
 */
int	proc_each(void (*)(int, pid_t, const char *, void *), void *);

/*
 * What the procfs lets us see.  A pid missing from it is a process that
 * is gone only when it is a procfs (statfs), of our own PID namespace
 * (its "self" is us), mounted without hidepid; and it shows every
 * process that may share our IPC namespace or /dev/shm only when our
 * PID namespace is the initial one, which no process is outside of.
 */
struct proc_view {
	int	 procfs;	/* a procfs, not a directory standing in */
	int	 ours;		/* of our PID namespace */
	char	 hidepid[16];	/* the hidepid= that hides processes, or "" */
	int	 initial;	/* our PID namespace is the initial one */
	int	 init_user;	/* our user namespace is the initial one */
};

/* Asked once, then cached. */
const struct proc_view *proc_view(void);
/* procfs, ours, and no hidepid: a pid it does not show is gone. */
int	proc_sees_all(void);

#endif
