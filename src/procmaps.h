/*
 * Processes, read from /proc: who has System V segments mapped (one scan
 * of /proc/PID/maps, only for processes in our IPC namespace), and the
 * per-process facts a listing needs (start time, command line), cached
 * per pid and read only when asked.  Nothing here prints.
 */
#ifndef PROCMAPS_H
#define PROCMAPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One attach of a segment, as one or more adjacent maps lines. */
struct shm_map {
	pid_t		 pid;
	int		 id;		/* the inode field: the shmid */
	uint32_t	 namekey;	/* from /SYSV<key>: the key at attach */
	uint64_t	 start, end;
	char		 perms[5];	/* "rw-s" */
	uid_t		 uid;		/* owner of /proc/PID */
};

struct shm_maps {
	struct shm_map	*v;
	size_t		 n, cap;
	size_t		 nprocs;	/* processes looked at */
	size_t		 skipped;	/* unreadable, or gone meanwhile */
	size_t		 otherns;	/* in another IPC namespace */
};

/*
 * Every System V attach of the processes in our IPC namespace, sorted by
 * id, pid and address.  0, or -1 when /proc cannot be read.
 */
int		 procmaps_scan(struct shm_maps *);
void		 procmaps_free(struct shm_maps *);
/* The parser behind it, on one maps file (also for tests and fuzzers). */
void		 procmaps_parse(const char *, size_t, pid_t, uid_t,
		    struct shm_maps *);

/*
 * The start time of a process in seconds since the epoch: 0, or -1 with
 * errno ENOENT when it is gone.  Cached per pid.
 */
int		 proc_start_time(pid_t, int64_t *);
/*
 * 1 when the process is alive and started no later than T (so it can be
 * the one that did something at T), 0 when it is gone or the pid was
 * reused.  A pid of 0 (not visible from our PID namespace) is gone.
 */
int		 proc_alive_since(pid_t, int64_t);
/* The command line (or "[comm]"), cached; NULL when gone. */
const char	*proc_command(pid_t);

#endif
