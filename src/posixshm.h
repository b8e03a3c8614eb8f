/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The POSIX shared memory data layer: the objects of /dev/shm
 * (shm_open("/name") is /dev/shm/name) as rows of the same struct as
 * System V segments.  Every access to the directory goes through one
 * directory fd, so that another mount namespace's /dev/shm can stand in
 * for ours (posixshm_set_dir), reached once and safely: nothing here
 * resolves the directory's path again.  Names are never followed: only regular
 * files are objects.  It never prints; functions return 0 or an fd, or
 * -1 with errno set.
 */
#ifndef POSIXSHM_H
#define POSIXSHM_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "shm.h"

/*
 * errno for a name that is not a regular file (a symlink, a directory,
 * a FIFO...): the cause then says what it is.  The functions that take
 * a `char **cause` set it on failure, unless it is NULL, to "no such
 * object", "not a shared memory object (a FIFO)" or strerror's words.
 */
#define ENOTOBJECT	EMEDIUMTYPE

/*
 * The directory: "/dev/shm", unless FN is set (before first use), which
 * opens it on first use: an fd, or -1 with errno and a static reason in
 * its second argument (NULL: strerror's words); it names the directory
 * for messages in its first.
 */
void		 posixshm_set_dir(int (*)(const char **, const char **));
/* How messages name the directory. */
const char	*posixshm_dir_path(void);
/*
 * The directory, opened once: an fd (do not close it), or -1 with errno
 * and *cause "PATH: why" (unless CAUSE is NULL), each time it is asked.
 */
int		 posixshm_dir(char **);
/* The device of its file system: holders are matched on it and the inode. */
int		 posixshm_dev(dev_t *, char **);

/*
 * Every object, sorted by name.  POSIX semaphores (sem.*) and what is
 * not a regular file are left out and counted in *skipped.
 */
int		 posixshm_list(struct shm_list *, size_t *);
/* One object by "/name", kept as the row's name: ENOENT, ENOTOBJECT. */
int		 posixshm_get(const char *, struct shm_seg *, char **);

/*
 * Opens "/name" with the open(2) FLAGS given (access mode, O_NOATIME),
 * never following a symlink and never blocking on a FIFO: the fd, or -1
 * (ENOTOBJECT when it is not a regular file).
 */
int		 posixshm_open(const char *, int, char **);
/* The row of an object open as FD, named NAME (kept, not copied). */
int		 posixshm_fstat(int, const char *, struct shm_seg *);
/* Creates "/name", read-write, failing when it exists: the fd, or -1. */
int		 posixshm_create(const char *, mode_t);
struct shm_holds;
/*
 * Removes the object SEG describes, if the name still holds it
 * unchanged (the same inode, size and mtime) and FLAGS hold in HOLDS, a
 * scan made after the selection (proof_holders): 0, or -1 with errno
 * ENOENT (gone), ESTALE (another object or changed, *now says how it
 * is), EBUSY (held: now->nattch processes), EUNPROVEN (proof.h: the
 * scan was not complete, HOLDS->why says why) or what unlinkat(2) said.
 */
#define POSIXSHM_UNHELD		0x01	/* no holder, from a complete scan */
#define POSIXSHM_SAME_HOLDERS	0x02	/* as many holders as SEG->nattch */
int		 posixshm_unlink(const struct shm_seg *, int,
		    const struct shm_holds *, struct shm_seg *now);
/*
 * -1 with errno EPERM when the kernel will certainly refuse to unlink
 * SEG (a user other than root, neither its owner nor the directory's, in
 * a sticky /dev/shm; or no write permission on the directory), else 0:
 * a refusal then names the permission, not a precondition that would
 * not have mattered.  Only a forecast: the unlink still decides.
 */
int		 posixshm_may_unlink(const struct shm_seg *);
/*
 * Changes the mode (MODE != (mode_t)-1), then the owner (-1: unchanged)
 * of "/name", all or nothing: when the owner cannot be changed, the mode
 * is set back, and *undo says so (1), or that setting it back failed too
 * (-1: the new mode stays); 0 when there was nothing to undo.
 */
int		 posixshm_setattr(const char *, mode_t, uid_t, gid_t, int *,
		    char **);
/* The same, and the size, of an object open as FD (posixshm_create). */
int		 posixshm_fsetattr(int, mode_t, uid_t, gid_t);
int		 posixshm_resize(int, uint64_t);

/*
 * Fills in NATTCH of the POSIX rows among the N given: the processes
 * that map each or hold it open, from one scan of /proc, left in H
 * (proof_holders: whether it was complete, and why not; free it with
 * procmaps_holders_free).  0, or -1 when the directory cannot be read.
 */
int		 posixshm_count(struct shm_seg *, size_t, struct shm_holds *);
/* The same from holders already scanned (proof_holders). */
void		 posixshm_count_holds(struct shm_seg *, size_t,
		    const struct shm_holds *);

/* The file system of the directory, in bytes and inodes. */
struct posixshm_fs {
	uint64_t	 size, used, avail;
	uint64_t	 files, ffree;
};
int		 posixshm_statfs(struct posixshm_fs *, char **);

#endif
