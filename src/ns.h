/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * IPC namespaces: joining one for the global --ns, and finding every one
 * that a process is in, for --all-namespaces.  A namespace is named by
 * the inode of its /proc/PID/ns/ipc file (readlink shows ipc:[INODE]).
 * Nothing here prints: failures come back as errno and a cause, and
 * ns_strerror() puts a namespace's in words.
 */
#ifndef NS_H
#define NS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "parse.h"
#include "shm.h"

struct ipc_ns {
	dev_t		 dev;
	uint64_t	 ino;		/* its name */
	pid_t		 pid;		/* an example: its lowest but ours; 0 none */
	int		 error;		/* errno when it could not be read */
	char		*why;		/* then sysvipc_list's cause, or NULL */
	struct shm_list	 segs;		/* its segments (ns_list_segments) */
};

struct ipc_ns_list {
	struct ipc_ns	*v;		/* in the order of their example pid */
	size_t		 n;
	size_t		 unseen;	/* processes whose namespace is hidden */
};

/*
 * --ns: joins the IPC namespace of a process or of a namespace file.
 * 0, or -1 with errno (ENOENT, EACCES, EINVAL: not an IPC namespace,
 * EPERM: no CAP_SYS_ADMIN) and *cause saying what and why.
 */
int		 ns_join(const struct ns_arg *, char **);
/* 1 once ns_join() succeeded. */
int		 ns_joined(void);

/*
 * Opens the /dev/shm of the joined namespace's processes (for
 * posixshm_set_dir): "dev/shm" resolved inside the root of the --ns
 * process (for a namespace file, of the lowest pid in that namespace)
 * with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), so that no
 * symbolic link there leads out of it; "/dev/shm" without --ns.  The
 * mount namespace is not joined: /proc would then be the container's,
 * while cpid and lpid stay in our PID namespace.  An fd, or -1 with
 * errno and, unless strerror says it, a static reason in *why (ENOSYS:
 * no openat2; ESRCH: no process in the namespace, or it left; ENOENT,
 * ENOTDIR, ELOOP: not inside its root); *path names the directory for
 * messages ("/proc/PID/root/dev/shm").
 */
int		 ns_devshm_open(const char **, const char **);

/*
 * The namespace we are in: dev and inode, and with a nonzero second
 * argument its example pid (one pass over /proc).  0, or -1 with errno.
 */
int		 ns_current(struct ipc_ns *, int);

/*
 * Every IPC namespace some process in /proc is in, ordered by their
 * example pid (the lowest, never ours: after --ns we are in it too).  -1 with errno only when /proc cannot be read; processes
 * whose namespace may not be read are counted in unseen.
 */
int		 ns_list(struct ipc_ns_list *);
/*
 * Reads the segment table of each namespace of the list: joins it,
 * sysvipc_list(), joins ours again.  A namespace that cannot be joined
 * or read gets its error (ESRCH: its example process is gone) and no
 * segments.  -1 only when we cannot get back into our own namespace.
 */
int		 ns_list_segments(struct ipc_ns_list *);
/*
 * The same frame for any reading: calls FN(ns, ARG) inside each
 * namespace of the list in turn (ours without a setns).  A namespace
 * that cannot be joined gets its error and no call; when FN returns -1,
 * its errno becomes the namespace's error.  -1 only when we cannot get
 * back into our own namespace.
 */
int		 ns_each(struct ipc_ns_list *, int (*)(struct ipc_ns *, void *),
		    void *);
/*
 * Inside a namespace (from ns_each): sysvipc_list() into its segs, and
 * on a table that cannot be parsed the parser's message into its why.
 */
int		 ns_read_segments(struct ipc_ns *);
void		 ns_list_free(struct ipc_ns_list *);
/* The command line of its example process; NULL when there is none. */
const char	*ns_command(const struct ipc_ns *);
/* "IPC namespace 4026531839 (pid 1): ..." for its error: allocated. */
char		*ns_strerror(const struct ipc_ns *);

#endif
