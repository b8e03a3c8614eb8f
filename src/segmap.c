/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Access to a segment's contents.  The read path looks for a process of
 * our IPC namespace that maps the segment (the inode field of
 * /proc/PID/maps is the shmid) and opens /proc/PID/map_files/START-END:
 * that open yields the segment's shmem file itself, not the shm file of
 * the attach, so mmap(2) on it does not touch lpid, atime or nattch.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "posixshm.h"
#include "segmap.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif

static const char	*segmap_reason = "";

const char *
segmap_why(void)
{
	return segmap_reason;
}

const char *
segmap_perm_str(const struct shm_seg *seg)
{
	static char	 buf[128];

	snprintf(buf, sizeof(buf), " (owner %s, mode %04o)",
	    names_user(seg->uid), (unsigned)(seg->perms & 0777));
	return buf;
}

/*
 * Opens a mapping of shmid ID held by PID, if it has one (the one that
 * starts at AT, unless AT is 0) with open(2) FLAGS: the fd, or -1 (errno
 * EPERM/EACCES when there is one that we may not open).
 */
static int
mapfiles_pid(pid_t pid, int id, uint64_t size, unsigned long at, int flags)
{
	char		 path[64], *line = NULL;
	size_t		 cap = 0;
	FILE		*f;
	unsigned long	 start, end, ino;
	struct stat	 st;
	int		 n, fd = -1, saved = ENOENT;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (getline(&line, &cap, f) != -1) {
		n = 0;
		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu %n", &start, &end,
		    &ino, &n) != 3 || n == 0)
			continue;
		if (ino != (unsigned long)id || strncmp(line + n, "/SYSV", 5) ||
		    (at != 0 && start != at))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/map_files/%lx-%lx",
		    (int)pid, start, end);
		if ((fd = open(path, flags | O_CLOEXEC)) == -1) {
			saved = errno;
			continue;
		}
		/* The shmid may have been reused since we read the table. */
		if (fstat(fd, &st) == 0 && st.st_ino == (ino_t)id &&
		    (uint64_t)st.st_size == size)
			break;
		close(fd);
		fd = -1;
	}
	free(line);
	fclose(f);
	if (fd == -1)
		errno = saved;
	return fd;
}

/* A map_files fd for the segment, or -1 with segmap_reason set. */
static int
mapfiles_open(const struct shm_seg *seg, pid_t *pidp)
{
	struct stat	 self, ns;
	struct dirent	*de;
	DIR		*d;
	char		 path[64];
	pid_t		 me = getpid();
	long		 pid;
	char		*end;
	int		 fd = -1, denied = 0;

	segmap_reason = "no process in this IPC namespace maps it";
	if (seg->nattch == 0)
		return -1;
	if (stat("/proc/self/ns/ipc", &self) == -1 ||
	    (d = opendir("/proc")) == NULL) {
		segmap_reason = "cannot read /proc";
		return -1;
	}
	while (fd == -1 && (de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		errno = 0;
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || errno != 0 || pid == me)
			continue;
		/* shmid 0 exists in every IPC namespace: ours only. */
		snprintf(path, sizeof(path), "/proc/%ld/ns/ipc", pid);
		if (stat(path, &ns) == -1) {
			if (errno == EACCES || errno == EPERM)
				denied = 1;
			continue;
		}
		if (ns.st_ino != self.st_ino || ns.st_dev != self.st_dev)
			continue;
		fd = mapfiles_pid((pid_t)pid, seg->id, seg->size, 0, O_RDONLY);
		if (fd == -1 && (errno == EPERM || errno == EACCES))
			denied = 1;
		else if (fd != -1)
			*pidp = (pid_t)pid;
	}
	closedir(d);
	if (fd == -1 && denied)
		segmap_reason = "borrowing another process's mapping "
		    "needs root";
	return fd;
}

void *
segmap_shmat(int id, const void *addr, int shmflg)
{
	struct shmid_ds	 ds;
	void		*p;
	int		 saved;

	if ((p = shmat(id, addr, shmflg)) != (void *)-1)
		return p;
	/*
	 * valgrind's shmat asks IPC_STAT for the size first and turns its
	 * EACCES into EINVAL: the segment is there, only refused.
	 */
	saved = errno;
	if (saved != EINVAL || shmctl(id, IPC_STAT, &ds) == 0 ||
	    errno != EACCES)
		errno = saved;
	return (void *)-1;
}

/*
 * shmat(2) with SHMFLG, then, as root, our own mapping's map_files fd
 * opened with FLAGS (after shmat, which has checked the permission);
 * without root there is no fd and the mapping will do.
 */
static int
segmap_attach(const struct shm_seg *seg, struct segmap *m, int shmflg,
    int flags)
{
	struct shmid_ds	 ds;
	void		*p;

	if ((p = segmap_shmat(seg->id, NULL, shmflg)) == (void *)-1)
		return -1;
	m->addr = p;
	m->attached = 1;
	m->size = shmctl(seg->id, IPC_STAT, &ds) == 0 ? ds.shm_segsz :
	    seg->size;
	m->fd = mapfiles_pid(getpid(), seg->id, m->size, (unsigned long)p,
	    flags);
	return 0;
}

/*
 * A POSIX object: its own fd, opened with FLAGS, and the whole file
 * mapped with PROT.  An empty object has nothing to map: ADDR then
 * points at a byte that is never read.
 */
static int
segmap_posix(const struct shm_seg *seg, int fd, int prot, struct segmap *m)
{
	static unsigned char	 none;
	struct shm_seg		 now;
	void			*p;
	int			 saved;

	if (posixshm_fstat(fd, seg->px.name, &now) == -1)
		goto fail;
	m->fd = fd;
	m->size = now.size;
	m->addr = &none;
	if (now.size == 0)
		return 0;
	if (now.size > SIZE_MAX) {
		errno = EFBIG;
		goto fail;
	}
	if ((p = mmap(NULL, (size_t)now.size, prot, MAP_SHARED, fd, 0)) ==
	    MAP_FAILED)
		goto fail;
	m->addr = p;
	return 0;
fail:
	saved = errno;
	close(fd);
	m->fd = -1;
	m->addr = NULL;
	errno = saved;
	return -1;
}

/*
 * Reading a POSIX object sets its atime, the "last read" a debugger
 * looks for; O_NOATIME (the owner's or CAP_FOWNER's) leaves it.
 */
static int
segmap_read_posix(const struct shm_seg *seg, enum segmap_how how,
    struct segmap *m)
{
	int	 fd;

	if ((fd = posixshm_open(seg->px.name, O_RDONLY | O_NOATIME)) == -1 &&
	    errno == EPERM) {
		if (how == SEGMAP_NODISTURB) {
			segmap_reason = "O_NOATIME needs the owner or "
			    "CAP_FOWNER";
			errno = EAGAIN;
			return -1;
		}
		fd = posixshm_open(seg->px.name, O_RDONLY);
	}
	if (fd == -1)
		return -1;
	return segmap_posix(seg, fd, PROT_READ, m);
}

int
segmap_read(const struct shm_seg *seg, enum segmap_how how, struct segmap *m)
{
	void		*p;
	int		 fd;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	if (seg->type == SEG_POSIX)
		return segmap_read_posix(seg, how, m);
	if (how != SEGMAP_ATTACH) {
		if ((fd = mapfiles_open(seg, &m->pid)) != -1) {
			p = mmap(NULL, seg->size, PROT_READ, MAP_SHARED, fd, 0);
			if (p != MAP_FAILED) {
				m->addr = p;
				m->size = seg->size;
				m->fd = fd;
				return 0;
			}
			close(fd);
			segmap_reason = "cannot map the process's mapping";
		}
		if (how == SEGMAP_NODISTURB) {
			errno = EAGAIN;
			return -1;
		}
	}
	return segmap_attach(seg, m, SHM_RDONLY, O_RDONLY);
}

int
segmap_write(const struct shm_seg *seg, struct segmap *m)
{
	int	 fd;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	if (seg->type != SEG_POSIX)
		return segmap_attach(seg, m, 0, O_RDWR);
	if ((fd = posixshm_open(seg->px.name, O_RDWR)) == -1)
		return -1;
	return segmap_posix(seg, fd, PROT_READ | PROT_WRITE, m);
}

void
segmap_done(struct segmap *m)
{
	if (m->fd != -1)
		close(m->fd);
	m->fd = -1;
	if (m->addr == NULL)
		return;
	if (m->attached)
		shmdt(m->addr);
	else if (m->size > 0)
		munmap(m->addr, m->size);
	m->addr = NULL;
}

void
segmap_prefault(const struct segmap *m, uint64_t off, uint64_t len, int write)
{
	uint64_t	 pg = (uint64_t)sysconf(_SC_PAGESIZE), start;

	if (len == 0 || off >= m->size)
		return;
	start = off & ~(pg - 1);
	if (off + len > m->size)
		len = m->size - off;
	(void)madvise(m->addr + start, (size_t)(off + len - start),
	    write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
}

const unsigned char *
segmap_get(const struct segmap *m, uint64_t off, size_t n, unsigned char *buf)
{
	size_t	 got;
	ssize_t	 r;

	if (m->fd == -1) {
		segmap_prefault(m, off, n, 0);
		return m->addr + off;
	}
	for (got = 0; got < n; got += (size_t)r) {
		r = pread(m->fd, buf + got, n - got, (off_t)(off + got));
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r <= 0) {
			if (r == 0)
				errno = EIO;	/* a segment cannot shrink */
			return NULL;
		}
	}
	return buf;
}
