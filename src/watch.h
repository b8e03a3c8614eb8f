/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The engine of `shmtool watch`: what changed in the segment table
 * between two looks, and in /dev/shm as inotify tells it, as events
 * handed to a callback.  A look reads the table into the second of two
 * lists that keep their room (sysvipc_relist), merges it with the first
 * by id and swaps them: nothing is allocated per look but for what an
 * event remembers (the creator of a new segment).  Who made a segment
 * (its creator's command line and cgroup) is read the first time it is
 * seen, while that process most likely still runs, and remembered until
 * the segment goes, so that the removal still says who made it.
 *
 * It never prints: the command decides what to show.  Functions return
 * 0, or -1 with errno and a cause.
 */
#ifndef WATCH_H
#define WATCH_H

#include <stdint.h>
#include <sys/types.h>

#include "sysvipc.h"

enum watch_kind {
	WATCH_EXIST,		/* there at the first look (asked for) */
	WATCH_CREATE,
	WATCH_ATTACH,
	WATCH_DETACH,
	WATCH_MARK,		/* IPC_RMID while attached: dest, key 0 */
	WATCH_REMOVE,		/* a segment is gone */
	WATCH_CHANGE,		/* IPC_SET: ctime moved (owner or mode) */
	WATCH_LOCK,
	WATCH_UNLOCK,
	WATCH_DELETE,		/* an object is gone */
	WATCH_RESIZE,
	WATCH_CHMOD,
	WATCH_CHOWN,
	WATCH_WRITE,		/* an object's mtime moved to a later second */
	WATCH_OVERFLOW,		/* inotify lost events: /dev/shm rescanned */
	WATCH_NKINDS
};

/* A process as it was when an event was seen. */
struct watch_proc {
	pid_t		 pid;		/* 0: none, or not in our PID namespace */
	const char	*command;	/* NULL: gone, or the pid was reused */
	const char	*cgroup;	/* its raw cgroup path; NULL: unknown */
	const char	*unit;		/* the unit or container; NULL: none */
};

struct watch_event {
	enum watch_kind		 kind;
	int64_t			 sec;	/* when it was seen (CLOCK_REALTIME) */
	long			 nsec;
	/* The row now; for a removal or deletion, as it was last seen. */
	const struct shm_seg	*seg;
	/* The row before: change, chmod, chown, resize, write, mark. */
	const struct shm_seg	*old;
	/* A segment's creator, as read when it was first seen. */
	const struct watch_proc	*creator;
	/* Attach and detach: lpid, read now. */
	const struct watch_proc	*last;
	int64_t			 delta;		/* nattch now - before */
	/*
	 * More than one attach or detach between the two looks: the count
	 * moved by more than one, or it moved both ways.
	 */
	int			 several;
};

typedef void	(*watch_fn)(const struct watch_event *, void *);

/* What to watch: watch_new's flags. */
#define WATCH_SYSV	0x01	/* the segment table */
#define WATCH_POSIX	0x02	/* /dev/shm, through inotify */
#define WATCH_EXISTING	0x04	/* an EXIST event for each at the first look */

struct watch;

/*
 * A watcher that hands its events to FN(event, ARG).  With WATCH_POSIX,
 * the inotify watch is set on posixshm's directory here (as the fd
 * posixshm_dir() opened: the --ns process's /dev/shm too).  NULL with
 * errno and *cause.
 */
struct watch	*watch_new(int, watch_fn, void *, char **);
/* The inotify fd to poll for POLLIN, or -1 when objects are not watched. */
int		 watch_fd(const struct watch *);
/*
 * One look: the segment table read and compared, and every object known
 * stat'ed again (a store through a mapping moves mtime without an inotify
 * event).  The first look takes the starting state.
 */
int		 watch_look(struct watch *, char **);
/* What inotify has to say, without waiting. */
int		 watch_notify(struct watch *, char **);

struct watch_stats {
	uint64_t	 looks;
	uint64_t	 look_ns;	/* all looks together */
	uint64_t	 last_ns;	/* the last one */
	size_t		 segments, objects;
	uint64_t	 events;
};
void		 watch_stats(const struct watch *, struct watch_stats *);
void		 watch_free(struct watch *);

#endif
