/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The System V shared memory data layer: reads /proc/sysvipc/shm, the
 * limit files under /proc/sys/kernel and shmctl(2) into structs, and
 * makes every call that creates, changes, attaches or removes a segment.
 * It never prints; callers decide what an error means.  Functions return
 * 0, or -1 with errno set; ENOENT is always "no such segment" (the
 * kernel's EINVAL and EIDRM for a gone id are turned into it here).
 */
#ifndef SYSVIPC_H
#define SYSVIPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "shm.h"

/*
 * Every segment of this IPC namespace, sorted by id, duplicates removed.
 * -1 with errno and *cause: EINVAL when the table could not be parsed
 * (the cause says which line and why), else "cannot list segments: ...".
 */
int		 sysvipc_list(struct shm_list *, char **);
/*
 * The same into a list read before (or zeroed), reusing the room of its
 * rows, and of SPARE's (another such list, whose rows are scratch): a
 * watcher reads the table every second, and allocates only when the
 * table outgrows every earlier one.  On -1 the list is empty but keeps
 * its room; free both with shm_list_free().
 */
int		 sysvipc_relist(struct shm_list *, struct shm_list *, char **);

/* The parser behind sysvipc_list, on a buffer (also for the fuzzer). */
int		 sysvipc_parse(const char *, size_t, struct shm_list *,
		    char **);

/* One segment by id: ENOENT when there is none. */
int		 sysvipc_get(int, struct shm_seg *);
/* The same from shmctl alone, faster: rss and swap unknown (-1). */
int		 sysvipc_stat(int, struct shm_seg *);
/* One segment by key: ENOENT when there is none. */
int		 sysvipc_get_key(int32_t, struct shm_seg *);

struct shm_limits {
	uint64_t	 shmmax;	/* bytes */
	uint64_t	 shmmin;	/* bytes */
	uint64_t	 shmmni;	/* segments */
	uint64_t	 shmseg;	/* per process, as IPC_INFO reports it */
	uint64_t	 shmall;	/* pages */
	int64_t		 rmid_forced;	/* -1: not known */
	int64_t		 next_id;	/* -1: default allocation */
	int		 next_id_known;
	uint64_t	 pagesize;
};

struct shm_usage {
	uint64_t	 segments;
	uint64_t	 pages;		/* allocated */
	uint64_t	 rss_pages;
	uint64_t	 swap_pages;
};

/* -1 with errno and *cause naming the call or file that failed. */
int		 sysvipc_limits(struct shm_limits *, char **);
/*
 * The same from IPC_INFO alone (the files under /proc/sys/kernel can say
 * more: rmid_forced and next_id stay unknown).  For many namespaces: a
 * /proc/sys lookup costs in proportion to the namespaces whose files
 * were opened before, each leaving dentries of its own.
 */
int		 sysvipc_ipc_info(struct shm_limits *, char **);
int		 sysvipc_usage(struct shm_usage *);
/*
 * kernel.shm_rmid_forced of this IPC namespace: 1 or 0, or -1 with
 * errno and *cause naming the file when it cannot be read.
 */
int		 sysvipc_rmid_forced(char **);
/*
 * vm.hugetlb_shm_group, the group that may make huge page segments: 0,
 * or -1 when it cannot be read.
 */
int		 sysvipc_hugetlb_group(uint64_t *);
/* Parse one limit file's contents ("18446744073692774399\n"). */
int		 sysvipc_parse_limit(const char *, size_t, uint64_t *);

/*
 * shmget(2): a new segment of KEY (IPC_EXCL unless IPC_PRIVATE, so that
 * the caller knows it made it) with FLAGS (mode, SHM_HUGETLB...), or the
 * existing one of KEY at least SIZE large (EINVAL: smaller; ENOENT: no
 * such key).  The id, or -1.
 */
int		 sysvipc_create(int32_t, uint64_t, int);
int		 sysvipc_open(int32_t, uint64_t, int);
/*
 * IPC_SET: the owner, group and mode of SEG, (uid_t)-1, (gid_t)-1 and
 * (mode_t)-1 keeping what the row says (not IPC_STAT: the owner of a
 * 0000 segment may change it without reading it).
 */
int		 sysvipc_set(const struct shm_seg *, uid_t, gid_t, mode_t);
/* SHM_LOCK (LOCK != 0) or SHM_UNLOCK. */
int		 sysvipc_lock(int, int);
/*
 * IPC_RMID without a second look: only for a segment this process has
 * just made.  Anything selected goes through sysvipc_remove_if_same.
 */
int		 sysvipc_remove(int);
/*
 * The twin of posixshm_unlink: re-reads SEG right before IPC_RMID and
 * removes it only if it is still the segment that was selected - the same
 * ctime, cpid and size (an id reused, or a segment changed, is not) - and
 * FLAGS hold.  0, or -1 with errno ENOENT (gone), ESTALE (another segment
 * or changed), EBUSY (a flag refused it: attached) or IPC_RMID's (EPERM);
 * *now is the segment as it was re-read (for the owner and mode of a
 * refusal, or its nattch).
 */
#define SYSVIPC_UNATTACHED	0x01	/* attached nowhere now */
/*
 * No attach or detach since it was selected (the same atime, dtime and
 * lpid): what an unattached, old or orphaned segment that a filter chose
 * must still be.  A creator found gone stays gone.
 */
#define SYSVIPC_UNUSED		0x02
/* As many attaches as at the selection (--force: not a late attach). */
#define SYSVIPC_SAME_NATTCH	0x04
int		 sysvipc_remove_if_same(const struct shm_seg *, int,
		    struct shm_seg *now);
/*
 * -1 with errno EPERM when IPC_RMID of SEG will certainly be refused (a
 * user other than root that is neither its owner nor its creator), else
 * 0: a refusal then names the permission first.  Only a forecast.
 */
int		 sysvipc_may_remove(const struct shm_seg *);
/*
 * shmat(2) and shmdt(2).  A failed attach is ENOENT when the id is no
 * segment, EINVAL when the address was refused, EACCES when permission
 * was (also under valgrind, whose shmat says EINVAL then).
 */
void		*sysvipc_attach(int, const void *, int);
int		 sysvipc_detach(const void *);

/*
 * The words of every refusal, for segments and objects alike:
 * "permission denied (owner alice, mode 0600)", with ", creator bob"
 * after the owner when CREATOR (a segment's creator may change it), and
 * "; WHY" before the parenthesis closes when WHY is given.  Allocated.
 */
char		*sysvipc_denied(const struct shm_seg *, int, const char *);

/* "rw-------" for the low nine bits. */
void		 sysvipc_modestr(uint32_t, char [10]);

#endif
