/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Atomic replacement of a file, through a temporary file in its
 * directory.  Everything goes through the directory's fd, so the
 * directory cannot be swapped under us between the steps.  The signal
 * handler removes the temporary file and dies of the signal, as the
 * caller would have without it: a killed metrics job leaves neither a
 * partial file nor a stray one for the collector to trip over.
 */
#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "util.h"

static const int	 cleanup_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };
#define NSIG_CLEANUP	(sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))

/* What the handler removes: set while a temporary file exists. */
static volatile sig_atomic_t	 armed;
static int			 armed_dirfd;
static char			 armed_tmp[64];
static struct sigaction		 saved[NSIG_CLEANUP];

static void
on_signal(int sig)
{
	if (armed)
		(void)unlinkat(armed_dirfd, armed_tmp, 0);
	armed = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
arm(const struct atomicfile *af)
{
	struct sigaction	 sa;
	size_t			 i;

	memcpy(armed_tmp, af->tmp, sizeof(armed_tmp));
	armed_dirfd = af->dirfd;
	armed = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIG_CLEANUP; i++)
		sigaction(cleanup_signals[i], &sa, &saved[i]);
}

/* Called with the signals blocked, so that the handler cannot run halfway. */
static void
disarm(void)
{
	size_t	 i;

	armed = 0;
	for (i = 0; i < NSIG_CLEANUP; i++)
		sigaction(cleanup_signals[i], &saved[i], NULL);
}

static void
block(sigset_t *old)
{
	sigset_t	 set;
	size_t		 i;

	sigemptyset(&set);
	for (i = 0; i < NSIG_CLEANUP; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* A name of the form ".NAME.XXXXXX", made unique by O_EXCL. */
static int
create_tmp(struct atomicfile *af)
{
	static const char	 chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t			 len, i;
	int			 tries;

	len = (size_t)snprintf(af->tmp, sizeof(af->tmp), ".%.40s.XXXXXX",
	    af->name);
	for (tries = 0; tries < 100; tries++) {
		for (i = len - 6; i < len; i++)
			af->tmp[i] = chars[arc4random_uniform(sizeof(chars) - 1)];
		af->fd = openat(af->dirfd, af->tmp, O_WRONLY | O_CREAT |
		    O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (af->fd != -1 || errno != EEXIST)
			return af->fd;
	}
	return -1;
}

int
atomicfile_open(struct atomicfile *af, const char *dir, const char *name)
{
	sigset_t	 old;
	int		 saved_errno;

	memset(af, 0, sizeof(*af));
	af->fd = -1;
	af->name = name;
	af->step = ATOMICFILE_DIR;
	if ((af->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	af->step = ATOMICFILE_CREATE;
	/* Armed as the file appears: no signal may fall in between. */
	block(&old);
	if (create_tmp(af) == -1) {
		saved_errno = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(af->dirfd);
		af->dirfd = -1;
		errno = saved_errno;
		return -1;
	}
	af->live = 1;
	arm(af);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}

/* Closes and removes the temporary file, if it is still there. */
static void
drop_tmp(struct atomicfile *af)
{
	sigset_t	 old;
	int		 saved_errno = errno;

	block(&old);
	if (af->fd != -1)
		close(af->fd);
	af->fd = -1;
	if (af->live) {
		(void)unlinkat(af->dirfd, af->tmp, 0);
		af->live = 0;
		disarm();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved_errno;
}

void
atomicfile_abort(struct atomicfile *af)
{
	drop_tmp(af);
	if (af->dirfd != -1)
		close(af->dirfd);
	af->dirfd = -1;
}

int
atomicfile_commit(struct atomicfile *af, const void *p, size_t len,
    mode_t mode)
{
	af->step = ATOMICFILE_WRITE;
	if (write_all(af->fd, p, len) == -1) {
		atomicfile_abort(af);
		return -1;
	}
	return atomicfile_finish(af, mode, (uid_t)-1, (gid_t)-1);
}

int
atomicfile_finish(struct atomicfile *af, mode_t mode, uid_t uid, gid_t gid)
{
	sigset_t	 old;
	int		 rc, fd = af->fd;

	af->step = ATOMICFILE_WRITE;
	/* The temporary file's 0600 would keep the collector's user out. */
	if (uid != (uid_t)-1 && fchown(fd, uid, gid) == -1 && errno != EPERM)
		goto fail;
	if (fchmod(fd, mode) == -1 ||
	    TEST_HOOK("ATOMICFILE_HOOK", 0) != 0 ||
	    fsync(fd) == -1 || (af->fd = -1, close(fd)) == -1)
		goto fail;
	af->step = ATOMICFILE_RENAME;
	block(&old);
	if ((rc = renameat(af->dirfd, af->tmp, af->dirfd, af->name)) == 0) {
		af->live = 0;
		disarm();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* The rename itself must reach the disk, not only the data. */
	if (rc == -1 || fsync(af->dirfd) == -1)
		goto fail;
	close(af->dirfd);
	af->dirfd = -1;
	return 0;
fail:
	atomicfile_abort(af);
	return -1;
}
