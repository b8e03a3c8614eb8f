/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Replacing a file all at once: the new contents go to a temporary file
 * in the same directory, which is synced and renamed over the old one,
 * so a reader (node_exporter's textfile collector) sees the old file or
 * the new one, never a part.  The temporary file is removed on failure,
 * and on SIGTERM, SIGINT, SIGHUP and SIGQUIT while it exists.  Its name
 * starts with a dot and does not end in the target's suffix, so that
 * collectors that read the directory's .prom files never pick it up.
 * metrics --textfile writes its text in one go; dump --output streams
 * the bytes into the temporary file and finishes it.
 */
#ifndef ATOMICFILE_H
#define ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Which step failed: the message names the directory or the file. */
enum atomicfile_step {
	ATOMICFILE_DIR,		/* opening the directory */
	ATOMICFILE_CREATE,	/* creating the temporary file in it */
	ATOMICFILE_WRITE,	/* writing or syncing it */
	ATOMICFILE_RENAME	/* renaming it, or syncing the directory */
};

struct atomicfile {
	int			 dirfd, fd;
	int			 live;	/* the temporary file exists */
	const char		*name;
	char			 tmp[64];
	enum atomicfile_step	 step;	/* where it failed */
};

/*
 * Opens directory DIR and creates the temporary file for NAME there: 0,
 * or -1 with errno set and STEP saying what failed.
 */
int	atomicfile_open(struct atomicfile *, const char *, const char *);
/*
 * Writes LEN bytes as the whole new contents with MODE, syncs them,
 * renames the file over NAME and syncs the directory: 0, or -1 with
 * errno and STEP (the temporary file is then gone).
 */
int	atomicfile_commit(struct atomicfile *, const void *, size_t, mode_t);
/*
 * For contents written in pieces to AF->fd: gives the file MODE (and,
 * unless UID is (uid_t)-1, that owner and group where permitted, as
 * only root may give a file away), syncs it, renames it over NAME and
 * syncs the directory: the same results as atomicfile_commit.
 */
int	atomicfile_finish(struct atomicfile *, mode_t, uid_t, gid_t);
/* Removes the temporary file; nothing else changes. */
void	atomicfile_abort(struct atomicfile *);

#endif
