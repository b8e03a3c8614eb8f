/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Getting at the bytes of a segment, for dump and write.  Reading prefers
 * a mapping some process already has (through /proc/PID/map_files, root
 * only), because shmat(2) rewrites the segment's lpid and attach and
 * detach times: the evidence someone debugging the segment came to look
 * at.  Writing always attaches.  A POSIX object is opened and mapped
 * whole; reading it asks for O_NOATIME, so that its atime stays.  Never
 * prints.
 */
#ifndef SEGMAP_H
#define SEGMAP_H

#include <stdint.h>
#include <sys/types.h>

#include "shm.h"

enum segmap_how {
	SEGMAP_AUTO,		/* map_files when possible, else shmat */
	SEGMAP_ATTACH,		/* always shmat */
	SEGMAP_NODISTURB	/* map_files (POSIX: O_NOATIME) or fail */
};

struct segmap {
	unsigned char	*addr;		/* the whole segment */
	uint64_t	 size;		/* as the kernel says now */
	int		 attached;	/* 1: shmat, 0: an mmap */
	int		 object;	/* 1: a POSIX object's */
	pid_t		 pid;		/* whose mapping was borrowed */
	/*
	 * The segment's shmem file, opened through /proc/PID/map_files
	 * (root only), or -1.  With it the kernel copies the bytes
	 * (pread, sendfile, copy_file_range) from the page cache: no page
	 * fault in this process, which on virtual machines costs more
	 * than the copy.  A POSIX object always has its fd here.
	 */
	int		 fd;
};

/*
 * Maps segment SEG for reading: 0, or -1 with errno and *cause, the
 * words for "TARGET: CAUSE" ("permission denied (owner alice, mode
 * 0600)", "no such segment").  With SEGMAP_NODISTURB, failing to find a
 * usable mapping is EAGAIN, and the cause says why.
 *
 * What is mapped must still be what was selected: a segment with the
 * same ctime, cpid and size, an object with the same inode (ESTALE
 * otherwise: an id reused or a name given to another file).  A segment
 * nobody has attached is not attached when the detach would destroy it
 * (kernel.shm_rmid_forced, see segmap_detach_destroys): EBUSY.
 */
int		 segmap_read(const struct shm_seg *, enum segmap_how,
		    struct segmap *, char **);
/* Attaches SEG read-write (an object: opens and maps it): the same. */
int		 segmap_write(const struct shm_seg *, struct segmap *, char **);
void		 segmap_done(struct segmap *);
/*
 * After writing through M: a POSIX object's mtime is set, since stores
 * through a mapping leave a tmpfs file's as it was, and a write is a
 * modification (--older-than reads mtime).  Nothing for a segment.
 */
void		 segmap_written(const struct segmap *);
/*
 * Maps the pages of [off, off + len) in one call before they are used:
 * where page faults are dear (virtual machines) one fault a page costs
 * far more than the copy.  Best effort (Linux 5.14+), never fails.
 */
void		 segmap_prefault(const struct segmap *, uint64_t, uint64_t,
		    int);
/*
 * The N bytes at OFF: read through the fd into BUF (which must hold N
 * bytes) when there is one; else copied from the mapping into BUF, or,
 * when BUF is NULL, a pointer into the (prefaulted) mapping, to be
 * handed to write(2) only, which says EFAULT where a load would die of
 * SIGBUS.  NULL with errno set when reading failed: ENODATA, the object
 * shrank; EFAULT, the mapping could not be read (see segmap_cause).
 */
const unsigned char *segmap_get(const struct segmap *, uint64_t, size_t,
		    unsigned char *);

/*
 * Before storing into [off, off + len): makes the pages exist (fallocate
 * through the fd, else populating the mapping), so that a full tmpfs
 * under a sparse object, or a hugetlb segment without pages, is an error
 * before the first byte changes rather than SIGBUS in the middle.  0, or
 * -1 with errno (ENOSPC, ENOMEM, EFAULT) and *cause.
 */
int		 segmap_reserve(const struct segmap *, uint64_t, uint64_t,
		    char **);
/*
 * Stores N bytes of SRC, or N times BYTE, at OFF through the mapping,
 * with SIGBUS (another process truncated the object) caught: 0, or -1
 * with errno EFAULT.
 */
int		 segmap_put(const struct segmap *, uint64_t, const void *,
		    size_t);
int		 segmap_fill(const struct segmap *, uint64_t, int, size_t);
/* Words for the errno of a failed segmap_get, put or fill. Allocated. */
char		*segmap_cause(const struct segmap *, int);

/*
 * kernel.shm_rmid_forced destroys a segment at any detach that leaves
 * it unattached.  1 when attaching segment NOW (as it is now) and
 * detaching again would destroy it: nobody has it attached, and the
 * setting is 1 or cannot be read (*cause then says which, with DOING,
 * such as "attaching to read it", and what to do instead); else 0.
 */
int		 segmap_detach_destroys(const struct shm_seg *, const char *,
		    char **);

/*
 * 1 when [ADDR, ADDR + LEN) overlaps memory of this process, with *what
 * naming what is there ("0x7f..-0x7f.. [heap]"); 0 when it is free; -1
 * with errno when /proc/self/maps cannot be read.
 */
int		 segmap_self_overlap(uintptr_t, uint64_t, char **);

#endif
