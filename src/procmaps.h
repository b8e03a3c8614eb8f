/*
 * Processes, read from /proc (or $SHMTOOL_PROCFS): who has System V
 * segments mapped (one scan of /proc/PID/maps, only for processes in our
 * IPC namespace), and command lines, cached per pid and read only when
 * asked.  Start times are in proc.h.  Nothing here prints.
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
	uint32_t	 namekey;	/* from /SYSV<key>: the key at attach */
	uint64_t	 start, end;
	char		 perms[5];	/* "rw-s" */
	uid_t		 uid;		/* owner of /proc/PID */
	uint64_t	 ns;		/* its IPC namespace (inode) */
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
/* The same for the processes of every IPC namespace, sorted by it first. */
int		 procmaps_scan_all(struct shm_maps *);
void		 procmaps_free(struct shm_maps *);
/* The parser behind it, on one maps file (also for tests and fuzzers). */
void		 procmaps_parse(const char *, size_t, pid_t, uid_t,
		    struct shm_maps *);

/* The command line (or "[comm]"), cached; NULL when gone. */
const char	*proc_command(pid_t);

#endif
