/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The System V shared memory data layer: reads /proc/sysvipc/shm, the
 * limit files under /proc/sys/kernel and shmctl(2) into structs.  It never
 * prints; callers decide what an error means.  Functions return 0, or -1
 * with errno set.
 */
#ifndef SYSVIPC_H
#define SYSVIPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Flag bits the kernel keeps above the permission bits. */
#define SEG_DEST	01000	/* SHM_DEST: marked for removal */
#define SEG_LOCKED	02000	/* SHM_LOCKED */

/*
 * One row of a listing: a System V segment, or a POSIX object (whose
 * fields are filled from its inode by posixshm.c; those that have no
 * meaning for it are 0, -1 or NULL as said).
 */
enum seg_type {
	SEG_SYSV = 0,
	SEG_POSIX
};

struct shm_seg {
	int		 id;		/* POSIX: -1 */
	int32_t		 key;		/* POSIX: 0 */
	uint32_t	 perms;		/* permission and flag bits */
	enum seg_type	 type;
	uint64_t	 size;
	uint64_t	 nattch;
	uint32_t	 uid, gid;
	int64_t		 atime, ctime;	/* 0: never */
	int64_t		 rss, swap;	/* bytes; -1: not known */
	/*
	 * What only one kind has shares the room: a listing holds a row per
	 * segment, and 32,000 rows of 96 bytes instead of 120 keep its peak
	 * memory under ipcs's.  Read them through seg_cpid() and the others
	 * below wherever the row may be of either kind.
	 */
	union {
		struct {
			int32_t	 cpid, lpid;
			uint32_t cuid, cgid;
			int64_t	 dtime;		/* 0: never */
		} sv;
		/*
		 * NAME is "/name"; a listing owns it (freed with the list),
		 * a row made from a TARGET borrows the target's.  NATTCH
		 * counts the processes that map or hold the object open,
		 * and is only filled in when asked for (posixshm_count).
		 */
		struct {
			const char *name;
			uint64_t ino;
			int64_t	 mtime;
		} px;
	};
};

/* The fields of the other kind read as unknown: 0, -1 or NULL. */
static inline int32_t
seg_cpid(const struct shm_seg *s)
{
	return s->type == SEG_SYSV ? s->sv.cpid : 0;
}

static inline int32_t
seg_lpid(const struct shm_seg *s)
{
	return s->type == SEG_SYSV ? s->sv.lpid : 0;
}

static inline uint32_t
seg_cuid(const struct shm_seg *s)
{
	return s->type == SEG_SYSV ? s->sv.cuid : (uint32_t)-1;
}

static inline uint32_t
seg_cgid(const struct shm_seg *s)
{
	return s->type == SEG_SYSV ? s->sv.cgid : (uint32_t)-1;
}

static inline int64_t
seg_dtime(const struct shm_seg *s)
{
	return s->type == SEG_SYSV ? s->sv.dtime : 0;
}

static inline const char *
seg_name(const struct shm_seg *s)
{
	return s->type == SEG_POSIX ? s->px.name : NULL;
}

static inline int64_t
seg_mtime(const struct shm_seg *s)
{
	return s->type == SEG_POSIX ? s->px.mtime : 0;
}

struct shm_list {
	struct shm_seg	*segs;
	size_t		 n;
	size_t		 mapped;	/* bytes mapped for segs; 0: malloc */
	int		 from_proc;	/* 0: the shmctl fallback was used */
};

/* The /proc root: $SHMTOOL_PROCFS, or /proc. */
const char	*sysvipc_procfs(void);

/*
 * Every segment of this IPC namespace, sorted by id, duplicates removed.
 * EINVAL means the table could not be parsed; sysvipc_error() then says
 * which line and why.
 */
int		 sysvipc_list(struct shm_list *);
/* Frees the rows, and the names of POSIX rows (posixshm_list). */
void		 sysvipc_list_append(struct shm_list *, struct shm_list *);
void		 sysvipc_list_free(struct shm_list *);
const char	*sysvipc_error(void);

/* The parser behind sysvipc_list, on a buffer (also for the fuzzer). */
int		 sysvipc_parse(const char *, size_t, struct shm_list *);

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

int		 sysvipc_limits(struct shm_limits *);
/*
 * The same from IPC_INFO alone (the files under /proc/sys/kernel can say
 * more: rmid_forced and next_id stay unknown).  For many namespaces: a
 * /proc/sys lookup costs in proportion to the namespaces whose files
 * were opened before, each leaving dentries of its own.
 */
int		 sysvipc_ipc_info(struct shm_limits *);
int		 sysvipc_usage(struct shm_usage *);
/* Parse one limit file's contents ("18446744073692774399\n"). */
int		 sysvipc_parse_limit(const char *, size_t, uint64_t *);

/* "rw-------" for the low nine bits. */
void		 sysvipc_modestr(uint32_t, char [10]);

#endif
