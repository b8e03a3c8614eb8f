/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The row of every listing, for both kinds of shared memory: a System V
 * segment (filled by sysvipc.c) or a POSIX object (by posixshm.c), and
 * the list of them that the commands walk.  Who owns a POSIX row's name
 * is said at struct shm_seg; shm_list_free() frees the names a listing
 * owns.  Nothing here touches the kernel.
 */
#ifndef SHM_H
#define SHM_H

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
	size_t		 cap;		/* rows allocated (sysvipc_relist) */
};

/*
 * Moves the rows of the second list to the end of the first (the POSIX
 * objects after the segments), leaving the second empty.
 */
void	shm_list_append(struct shm_list *, struct shm_list *);
/* Frees the rows, and the names of POSIX rows (posixshm_list). */
void	shm_list_free(struct shm_list *);

#endif
