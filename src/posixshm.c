/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * POSIX shared memory objects: the regular files of /dev/shm, reached
 * the way glibc's shm_open(3) reaches them - by name under one directory
 * fd - but never through a symlink (AT_SYMLINK_NOFOLLOW, O_NOFOLLOW) and
 * never blocking on a FIFO someone left there (O_NONBLOCK, then the
 * file type is checked on the fd itself).  An object's identity is its
 * device and inode: that is what a removal re-checks and what its
 * holders are matched on.  Nothing here prints.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/capability.h>

#include "posixshm.h"
#include "procmaps.h"
#include "proof.h"
#include "shm.h"
#include "util.h"

/*
 * The directory, opened once, on first use (finding another namespace's
 * may cost a scan of /proc): its fd, or the errno and reason of the
 * failure, which every later use reports again.
 */
static struct {
	int		(*open)(const char **, const char **);
	const char	*path;
	const char	*why;
	int		 fd, error, tried;
} dir = { NULL, "/dev/shm", NULL, -1, 0, 0 };

void
posixshm_set_dir(int (*fn)(const char **, const char **))
{
	if (dir.fd != -1)
		close(dir.fd);
	dir.fd = -1;
	dir.tried = 0;
	dir.why = NULL;
	dir.path = "/dev/shm";
	dir.open = fn;
}

static void
dir_open(void)
{
	if (dir.tried)
		return;
	dir.tried = 1;
	if (dir.open != NULL)
		dir.fd = dir.open(&dir.path, &dir.why);
	else
		dir.fd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir.fd == -1)
		dir.error = errno;
}

const char *
posixshm_dir_path(void)
{
	dir_open();
	return dir.path;
}

int
posixshm_dir(char **cause)
{
	dir_open();
	if (dir.fd == -1) {
		errno = dir.error;
		set_cause(cause, "%s: %s", dir.path, dir.why != NULL ?
		    dir.why : strerror(dir.error));
	}
	return dir.fd;
}

int
posixshm_dev(dev_t *dev, char **cause)
{
	struct stat	 st;
	int		 dfd;

	if ((dfd = posixshm_dir(cause)) == -1)
		return -1;
	if (fstat(dfd, &st) == -1) {
		set_cause(cause, "%s: %s", dir.path, strerror(errno));
		return -1;
	}
	*dev = st.st_dev;
	return 0;
}

/* What a file that is not an object is, for the message. */
static const char *
kind_of(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link, which is never followed";
	return file_kind(mode);
}

static void
seg_from_stat(const struct stat *st, const char *name, struct shm_seg *seg)
{
	memset(seg, 0, sizeof(*seg));
	seg->type = SEG_POSIX;
	seg->id = -1;
	seg->px.name = name;
	seg->perms = (uint32_t)st->st_mode & 0777;
	seg->size = (uint64_t)st->st_size;
	seg->uid = (uint32_t)st->st_uid;
	seg->gid = (uint32_t)st->st_gid;
	seg->atime = (int64_t)st->st_atime;
	seg->px.mtime = (int64_t)st->st_mtime;
	seg->ctime = (int64_t)st->st_ctime;
	/*
	 * tmpfs counts the pages an object holds, resident or swapped out,
	 * in st_blocks: known without opening it (any user may list) and
	 * without faulting a page in.
	 */
	seg->rss = (int64_t)st->st_blocks * 512;
	seg->swap = -1;
	seg->px.ino = (uint64_t)st->st_ino;
}

/*
 * The cause of a failure about an object: ENOTOBJECT says what is there
 * instead (MODE is its st_mode).
 */
static void
fail_cause(char **cause, mode_t mode)
{
	if (errno == ENOTOBJECT)
		set_cause(cause, "not a shared memory object (%s)",
		    kind_of(mode));
	else if (errno == ENOENT)
		set_cause(cause, "no such object");
	else
		set_cause(cause, "%s", strerror(errno));
}

/* The entry after the leading '/' of "/name". */
static const char *
entry(const char *name)
{
	return name[0] == '/' ? name + 1 : name;
}

int
posixshm_get(const char *name, struct shm_seg *seg, char **cause)
{
	struct stat	 st;
	int		 dfd;

	if ((dfd = posixshm_dir(cause)) == -1)
		return -1;
	if (fstatat(dfd, entry(name), &st, AT_SYMLINK_NOFOLLOW) == -1) {
		fail_cause(cause, 0);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = ENOTOBJECT;
		fail_cause(cause, st.st_mode);
		return -1;
	}
	seg_from_stat(&st, name, seg);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	const struct shm_seg	*x = a, *y = b;

	return strcmp(x->px.name, y->px.name);
}

int
posixshm_list(struct shm_list *out, size_t *skipped)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	size_t		 cap = 0;
	char		*name;
	int		 dfd, fd;

	memset(out, 0, sizeof(*out));
	*skipped = 0;
	/* readdir needs its own fd: posixshm_dir() stays open for openat. */
	if ((dfd = posixshm_dir(NULL)) == -1 ||
	    (fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;	/* removed meanwhile */
		/* glibc keeps POSIX semaphores here too, as sem.NAME. */
		if (!S_ISREG(st.st_mode) ||
		    strncmp(de->d_name, "sem.", 4) == 0) {
			(*skipped)++;
			continue;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->segs = xreallocarray(out->segs, cap,
			    sizeof(*out->segs));
		}
		xasprintf(&name, "/%s", de->d_name);
		seg_from_stat(&st, name, &out->segs[out->n++]);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->segs, out->n, sizeof(*out->segs), name_cmp);
	return 0;
}

int
posixshm_open(const char *name, int flags, char **cause)
{
	struct stat	 st;
	int		 dfd, fd, saved;

	st.st_mode = 0;
	if ((dfd = posixshm_dir(cause)) == -1)
		return -1;
	if ((fd = openat(dfd, entry(name), flags | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		/* O_NOFOLLOW's ELOOP: say what is there instead. */
		saved = errno;
		if (saved == ELOOP &&
		    fstatat(dfd, entry(name), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			saved = ENOTOBJECT;
		errno = saved;
		fail_cause(cause, st.st_mode);
		return -1;
	}
	if (fstat(fd, &st) == -1)
		saved = errno;
	else if (!S_ISREG(st.st_mode))
		saved = ENOTOBJECT;
	else
		return fd;
	close(fd);
	errno = saved;
	fail_cause(cause, st.st_mode);
	return -1;
}

int
posixshm_fstat(int fd, const char *name, struct shm_seg *seg)
{
	struct stat	 st;

	if (fstat(fd, &st) == -1)
		return -1;
	seg_from_stat(&st, name, seg);
	return 0;
}

int
posixshm_create(const char *name, mode_t mode)
{
	int	 dfd;

	if ((dfd = posixshm_dir(NULL)) == -1)
		return -1;
	return openat(dfd, entry(name), O_RDWR | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, mode);
}

/* The processes among HOLDS that map or hold open inode INO. */
static uint64_t
holders_of(const struct shm_holds *h, uint64_t ino)
{
	struct shm_seg	 one;

	memset(&one, 0, sizeof(one));
	one.type = SEG_POSIX;
	one.px.ino = ino;
	posixshm_count_holds(&one, 1, h);
	return one.nattch;
}

int
posixshm_unlink(const struct shm_seg *seg, int flags,
    const struct shm_holds *holds, struct shm_seg *now)
{
	if (posixshm_get(seg->px.name, now, NULL) == -1) {
		if (errno == ENOTOBJECT)
			errno = ESTALE;
		return -1;
	}
	if (now->px.ino != seg->px.ino || now->size != seg->size ||
	    now->px.mtime != seg->px.mtime) {
		errno = ESTALE;
		return -1;
	}
	if (flags != 0 && holds == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (flags != 0)
		now->nattch = holders_of(holds, now->px.ino);
	if ((flags & POSIXSHM_UNHELD) && now->nattch == 0 && !holds->complete) {
		errno = EUNPROVEN;
		return -1;
	}
	if (((flags & POSIXSHM_UNHELD) && now->nattch != 0) ||
	    ((flags & POSIXSHM_SAME_HOLDERS) && now->nattch != seg->nattch)) {
		errno = EBUSY;
		return -1;
	}
	return unlinkat(posixshm_dir(NULL), entry(seg->px.name), 0);
}

#ifndef SYS_fchmodat2
#define SYS_fchmodat2	452	/* Linux 6.6, the same on every architecture */
#endif

/*
 * chmod of a file open as an O_PATH fd, which fchmod refuses:
 * fchmodat2(AT_EMPTY_PATH), or before Linux 6.6 the fd's /proc link.
 */
static int
path_fchmod(int fd, mode_t mode)
{
	char	 path[64];

	if (syscall(SYS_fchmodat2, fd, "", mode, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -1;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return chmod(path, mode);
}

int
posixshm_may_unlink(const struct shm_seg *seg)
{
	struct stat	 ds;
	uid_t		 me = geteuid();
	int		 dfd;

	/*
	 * Root's powers depend on its user namespace, and a capability may
	 * override the modes: let the kernel say.
	 */
	if (me == 0 || cap_effective(CAP_FOWNER) ||
	    cap_effective(CAP_DAC_OVERRIDE) || (dfd = posixshm_dir(NULL)) == -1 ||
	    fstat(dfd, &ds) == -1)
		return 0;
	if (faccessat(dfd, ".", W_OK | X_OK, AT_EACCESS) == -1 ||
	    ((ds.st_mode & S_ISVTX) && seg->uid != me && ds.st_uid != me)) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
posixshm_setattr(const char *name, mode_t mode, uid_t uid, gid_t gid,
    int *undo, char **cause)
{
	struct stat	 st;
	int		 dfd, fd, rc = -1, saved, chmodded = 0;

	*undo = 0;
	/*
	 * O_PATH needs no permission on the object, as chmod and chown
	 * need none: its owner may change a 0000 object.  The fd pins the
	 * file that was checked to be a regular one.
	 */
	st.st_mode = 0;
	if ((dfd = posixshm_dir(cause)) == -1)
		return -1;
	if ((fd = openat(dfd, entry(name), O_PATH | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		fail_cause(cause, 0);
		return -1;
	}
	if (fstat(fd, &st) == -1)
		goto out;
	if (!S_ISREG(st.st_mode)) {
		errno = ENOTOBJECT;
		goto out;
	}
	/*
	 * The mode first: once the object is given away, its old owner may
	 * no longer change it - nor change it back.
	 */
	if (mode != (mode_t)-1) {
		if (path_fchmod(fd, mode) == -1)
			goto out;
		chmodded = 1;
	}
	if ((uid != (uid_t)-1 || gid != (gid_t)-1) &&
	    fchownat(fd, "", uid, gid, AT_EMPTY_PATH) == -1) {
		saved = errno;
		if (chmodded)
			*undo = path_fchmod(fd, st.st_mode & 07777) == 0 ? 1 : -1;
		errno = saved;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	close(fd);
	errno = saved;
	if (rc == -1)
		fail_cause(cause, st.st_mode);
	return rc;
}

int
posixshm_fsetattr(int fd, mode_t mode, uid_t uid, gid_t gid)
{
	if (mode != (mode_t)-1 && fchmod(fd, mode) == -1)
		return -1;
	if ((uid != (uid_t)-1 || gid != (gid_t)-1) &&
	    fchown(fd, uid, gid) == -1)
		return -1;
	return 0;
}

int
posixshm_resize(int fd, uint64_t size)
{
	if (size > INT64_MAX) {
		errno = EFBIG;
		return -1;
	}
	return ftruncate(fd, (off_t)size);
}

void
posixshm_count_holds(struct shm_seg *v, size_t n, const struct shm_holds *h)
{
	size_t	 i, lo, hi, mid;

	for (i = 0; i < n; i++) {
		if (v[i].type != SEG_POSIX)
			continue;
		/* The first hold of the inode; holds are sorted by inode. */
		for (lo = 0, hi = h->n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (h->v[mid].ino < v[i].px.ino)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Processes, not holds: one a pid (sorted next). */
		v[i].nattch = 0;
		for (; lo < h->n && h->v[lo].ino == v[i].px.ino; lo++)
			if (lo == 0 || h->v[lo - 1].ino != v[i].px.ino ||
			    h->v[lo - 1].pid != h->v[lo].pid)
				v[i].nattch++;
	}
}

int
posixshm_count(struct shm_seg *v, size_t n, struct shm_holds *h)
{
	dev_t	 dev;

	memset(h, 0, sizeof(*h));
	if (posixshm_dev(&dev, NULL) == -1)
		return -1;
	proof_holders(dev, h);
	posixshm_count_holds(v, n, h);
	return 0;
}

int
posixshm_statfs(struct posixshm_fs *fs, char **cause)
{
	struct statvfs	 sv;
	uint64_t	 f;
	int		 dfd;

	if ((dfd = posixshm_dir(cause)) == -1)
		return -1;
	if (fstatvfs(dfd, &sv) == -1) {
		set_cause(cause, "%s: %s", dir.path, strerror(errno));
		return -1;
	}
	f = sv.f_frsize ? (uint64_t)sv.f_frsize : (uint64_t)sv.f_bsize;
	fs->size = (uint64_t)sv.f_blocks * f;
	fs->used = (uint64_t)(sv.f_blocks - sv.f_bfree) * f;
	fs->avail = (uint64_t)sv.f_bavail * f;
	fs->files = (uint64_t)sv.f_files;
	fs->ffree = (uint64_t)sv.f_ffree;
	return 0;
}
