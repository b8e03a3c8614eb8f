/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Processes, read from /proc (or $SHMTOOL_PROCFS): who has System V
 * segments mapped (one scan of /proc/PID/maps, only for processes in our
 * IPC namespace), who maps or holds open POSIX objects (maps and fds,
 * matched on device and inode).  Start times and command lines are in
 * proc.h.  Nothing here prints.
 */
#ifndef PROCMAPS_H
#define PROCMAPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One mapping of a segment: one maps line (what nattch counts). */
struct shm_map {
	pid_t		 pid;
	int		 id;		/* the inode field: the shmid */
	uint64_t	 start, end;
	char		 perms[5];	/* "rw-s" */
	uid_t		 uid;		/* owner of /proc/PID */
	uint64_t	 ns;		/* its IPC namespace (inode) */
};

struct shm_maps {
	struct shm_map	*v;
	size_t		 n, cap;
	size_t		 skipped;	/* unreadable (not: exited, zombie) */
};

/*
 * Every System V attach of the processes in our IPC namespace, sorted by
 * id, pid and address.  0, or -1 when /proc cannot be read.
 */
int		 procmaps_scan(struct shm_maps *);
/* The same for the processes of every IPC namespace, sorted by it first. */
int		 procmaps_scan_all(struct shm_maps *);
/*
 * 1 when the scan saw every attach there is in our IPC namespace: run as
 * root in the initial user and PID namespaces on the real /proc, and no
 * process could not be read.  Then a segment in no maps has no attach.
 */
int		 procmaps_complete(const struct shm_maps *);
void		 procmaps_free(struct shm_maps *);
/* The parser behind it, on one maps file (also for tests and fuzzers). */
void		 procmaps_parse(const char *, size_t, pid_t, uid_t,
		    struct shm_maps *);

/*
 * Any line of a maps file, "start-end perms offset dev inode path":
 * PATH points into the buffer, PATHLEN bytes up to the end of the line
 * (0 for anonymous memory).
 */
struct maps_line {
	uint64_t	 start, end;
	char		 perms[5];
	const char	*path;
	size_t		 pathlen;
};

/*
 * The line of BUF (LEN bytes) at *POS, *POS moved past it: 1, or 0 at
 * the end.  A line the kernel would not write is passed over.
 */
int		 procmaps_next(const char *, size_t, size_t *,
		    struct maps_line *);

/*
 * A process that maps a POSIX object (one maps line) or holds it open
 * (one fd).  The object is known by its inode on the file system of
 * /dev/shm; PATH is what the kernel shows, " (deleted)" cut off and
 * told in DELETED.
 */
struct shm_hold {
	pid_t		 pid;
	uid_t		 uid;		/* owner of /proc/PID */
	uint64_t	 ino;
	int		 fd;		/* the fd, or -1 for a mapping */
	uint64_t	 start, end;	/* a mapping's range */
	char		 perms[5];	/* "rw-s"; an fd's "rw", "r-", "-w" */
	char		*path;
	int		 deleted;
};

struct shm_holds {
	struct shm_hold	*v;
	size_t		 n, cap;
	/*
	 * Maps or fds refused to us, and the file system mounted there
	 * (the first few of them by pid, for messages).
	 */
	size_t		 unreadable;
	pid_t		 unread[3];
	/* Set by proof_holders: every holder there is was seen, or why not. */
	int		 complete;
	char		 why[256];
};

/*
 * Every mapping and open fd of a regular file on device DEV, of every
 * process (IPC namespaces do not matter to files), sorted by inode,
 * pid, then mappings by address before fds by number.  The fds of a
 * thread with a table of its own (unshare(CLONE_FILES), or a clone
 * without CLONE_FILES) are its process's too.  0, or -1 when /proc
 * cannot be read.  Whether that was every holder is proof_holders's
 * question.
 */
int		 procmaps_holders(dev_t, struct shm_holds *);
void		 procmaps_holders_free(struct shm_holds *);
/* The maps part of it, on one maps file (also for the fuzzer). */
void		 procmaps_parse_dev(const char *, size_t, pid_t, uid_t, dev_t,
		    struct shm_holds *);

#endif
