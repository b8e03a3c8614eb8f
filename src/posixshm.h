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

#include "sysvipc.h"

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
/*
 * Removes the object SEG describes, if the name still holds it
 * unchanged (the same inode, size and mtime): 0, or -1 with errno
 * ENOENT (gone), ESTALE (another object or changed, *now says how it
 * is) or what unlinkat(2) said.
 */
int		 posixshm_unlink(const struct shm_seg *, struct shm_seg *now);
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
 * that map each or hold it open, from one scan of /proc.  *unreadable
 * counts the processes that could not be read, whose holds are
 * therefore unknown.
 */
int		 posixshm_count(struct shm_seg *, size_t, size_t *);
struct shm_holds;
/* The same from holders already scanned (procmaps_holders). */
void		 posixshm_count_holds(struct shm_seg *, size_t,
		    const struct shm_holds *);

/* The file system of the directory, in bytes and inodes. */
struct posixshm_fs {
	uint64_t	 size, used, avail;
	uint64_t	 files, ffree;
};
int		 posixshm_statfs(struct posixshm_fs *, char **);

#endif
