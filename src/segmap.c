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
 *
 * What a command acts on is re-checked here, once it is mapped: the id
 * of a segment may have gone to another one since it was selected, a
 * name to another file.  And no byte is loaded from or stored into a
 * mapping where the kernel could answer with SIGBUS (an object truncated
 * by another process, a full tmpfs under a sparse one, a hugetlb segment
 * whose pages ran out) without a guard that turns the signal into an
 * error: reads go through the fd where there is one, stores are preceded
 * by segmap_reserve, and what still touches the mapping runs in
 * guarded(), which catches SIGBUS for the mapping's own addresses only.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "posixshm.h"
#include "proc.h"
#include "procmaps.h"
#include "segmap.h"
#include "sysvipc.h"
#include "util.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif

/*
 * The cause of a failed segmap_read or segmap_write, from errno; REASON
 * says why no mapping could be borrowed (EAGAIN of SEGMAP_NODISTURB).
 */
static void
map_cause(const struct shm_seg *seg, enum segmap_how how,
    const char *reason, char **cause)
{
	int	 posix = seg->type == SEG_POSIX;

	switch (errno) {
	case EAGAIN:
		if (how != SEGMAP_NODISTURB)
			break;
		set_cause(cause, "cannot read without %s: %s", posix ?
		    "changing its atime" : "attaching", reason);
		return;
	case EACCES:
		if (cause != NULL)
			*cause = sysvipc_denied(seg, 0, NULL);
		return;
	case ENOENT:
		set_cause(cause, "%s", posix ? "no such object" :
		    "no such segment");
		return;
	case ESTALE:
		/* Worded as rm words it. */
		set_cause(cause, "changed since it was selected (%s)", posix ?
		    "another file under its name" :
		    "id reused, or the segment changed");
		return;
	}
	set_cause(cause, "%s: %s", posix ? "open" : "attach", strerror(errno));
}

/*
 * Opens a mapping of shmid ID held by PID, if it has one (the one that
 * starts at AT, unless AT is 0) with open(2) FLAGS: the fd, or -1 (errno
 * EPERM/EACCES when there is one that we may not open).
 */
static int
mapfiles_pid(pid_t pid, int id, uint64_t size, uint64_t at, int flags)
{
	struct shm_maps	 m = { 0 };
	struct buf	 b = { 0 };
	struct stat	 st;
	char		 path[4096];
	size_t		 i;
	int		 fd = -1, saved = ENOENT;

	snprintf(path, sizeof(path), "%d/maps", (int)pid);
	if (proc_read(PROC_ROOT, path, &b) == -1) {
		saved = errno;
		buf_free(&b);
		errno = saved;
		return -1;
	}
	procmaps_parse(b.p, b.len, pid, 0, &m);
	buf_free(&b);
	for (i = 0; i < m.n; i++) {
		if (m.v[i].id != id || (at != 0 && m.v[i].start != at))
			continue;
		snprintf(path, sizeof(path), "%s/%d/map_files/%llx-%llx",
		    proc_root(), (int)pid, (unsigned long long)m.v[i].start,
		    (unsigned long long)m.v[i].end);
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
	procmaps_free(&m);
	if (fd == -1)
		errno = saved;
	return fd;
}

/* The walk of the processes for a mapping of a segment to borrow. */
struct borrow {
	const struct shm_seg	*seg;
	struct stat		 self;		/* our ns/ipc */
	pid_t			 me, pid;
	int			 fd, denied;
};

static void
borrow_from(int procfd, pid_t pid, const char *name, void *arg)
{
	struct borrow	*b = arg;
	struct stat	 ns;
	char		 rel[64];

	if (b->fd != -1 || pid == b->me)
		return;
	/* shmid 0 exists in every IPC namespace: ours only. */
	snprintf(rel, sizeof(rel), "%s/ns/ipc", name);
	if (fstatat(procfd, rel, &ns, 0) == -1) {
		if (errno == EACCES || errno == EPERM)
			b->denied = 1;
		return;
	}
	if (ns.st_ino != b->self.st_ino || ns.st_dev != b->self.st_dev)
		return;
	b->fd = mapfiles_pid(pid, b->seg->id, b->seg->size, 0, O_RDONLY);
	if (b->fd == -1 && (errno == EPERM || errno == EACCES))
		b->denied = 1;
	else if (b->fd != -1)
		b->pid = pid;
}

/* A map_files fd for the segment, or -1 with *reason set. */
static int
mapfiles_open(const struct shm_seg *seg, pid_t *pidp, const char **reason)
{
	struct borrow	 b = { .seg = seg, .me = getpid(), .fd = -1 };
	char		 path[4096];

	*reason = "no process in this IPC namespace maps it";
	if (seg->nattch == 0)
		return -1;
	snprintf(path, sizeof(path), "%s/self/ns/ipc", proc_root());
	if (stat(path, &b.self) == -1 || proc_each(borrow_from, &b) == -1) {
		*reason = "cannot read /proc";
		return -1;
	}
	if (b.fd == -1 && b.denied)
		*reason = "borrowing another process's mapping needs root";
	else if (b.fd != -1)
		*pidp = b.pid;
	return b.fd;
}

/* Still the segment that was selected: its id may have been reused. */
static int
same_segment(const struct shm_seg *seg, struct shm_seg *now)
{
	if (sysvipc_stat(seg->id, now) == -1)
		return -1;
	if (now->ctime != seg->ctime || now->sv.cpid != seg->sv.cpid ||
	    now->size != seg->size) {
		errno = ESTALE;
		return -1;
	}
	return 0;
}

/*
 * shmat(2) with SHMFLG, then, as root, our own mapping's map_files fd
 * opened with FLAGS (after shmat, which has checked the permission);
 * without root there is no fd and the mapping will do.  Not when the
 * detach would destroy the segment (DOING says what the attach is for),
 * nor when the id is no longer the segment selected: checked before
 * attaching, so that the detach cannot destroy another one, and again
 * after, when the attach holds the id.
 */
static int
segmap_attach(const struct shm_seg *seg, struct segmap *m, int shmflg,
    int flags, const char *doing, char **cause)
{
	struct shm_seg	 now;
	void		*p;
	int		 saved;

	if (same_segment(seg, &now) == -1)
		goto fail;
	if (segmap_detach_destroys(&now, doing, cause)) {
		errno = EBUSY;
		return -1;
	}
	if ((p = sysvipc_attach(seg->id, NULL, shmflg)) == (void *)-1)
		goto fail;
	if (same_segment(seg, &now) == -1) {
		saved = errno;
		(void)sysvipc_detach(p);
		errno = saved;
		goto fail;
	}
	m->addr = p;
	m->attached = 1;
	m->size = now.size;
	m->fd = mapfiles_pid(getpid(), seg->id, m->size, (uintptr_t)p, flags);
	return 0;
fail:
	map_cause(seg, SEGMAP_AUTO, NULL, cause);
	return -1;
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
	if (now.px.ino != seg->px.ino) {
		errno = ESTALE;
		goto fail;
	}
	m->fd = fd;
	m->object = 1;
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
 * An object that could not be opened: WHY, posixshm_open's cause, is
 * kept for ENOENT and ENOTOBJECT ("not a shared memory object (a
 * FIFO)"); the rest are said as for a segment.
 */
static void
open_cause(const struct shm_seg *seg, char *why, char **cause)
{
	if ((errno == ENOTOBJECT || errno == ENOENT) && cause != NULL) {
		*cause = why;
		return;
	}
	free(why);
	map_cause(seg, SEGMAP_AUTO, NULL, cause);
}

/*
 * Reading a POSIX object sets its atime, the "last read" a debugger
 * looks for; O_NOATIME (the owner's or CAP_FOWNER's) leaves it.
 */
static int
segmap_read_posix(const struct shm_seg *seg, enum segmap_how how,
    struct segmap *m, char **cause)
{
	char	*why = NULL;
	int	 fd;

	fd = posixshm_open(seg->px.name, O_RDONLY | O_NOATIME, &why);
	if (fd == -1 && errno == EPERM) {
		free(why);
		why = NULL;
		if (how == SEGMAP_NODISTURB) {
			errno = EAGAIN;
			map_cause(seg, how, "O_NOATIME needs the owner or "
			    "CAP_FOWNER", cause);
			return -1;
		}
		fd = posixshm_open(seg->px.name, O_RDONLY, &why);
	}
	if (fd == -1) {
		open_cause(seg, why, cause);
		return -1;
	}
	if (segmap_posix(seg, fd, PROT_READ, m) == -1) {
		map_cause(seg, how, NULL, cause);
		return -1;
	}
	return 0;
}

int
segmap_read(const struct shm_seg *seg, enum segmap_how how, struct segmap *m,
    char **cause)
{
	struct shm_seg	 now;
	const char	*reason;
	void		*p;
	int		 fd;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	(void)TEST_HOOK("MAP_HOOK", 0);
	if (seg->type == SEG_POSIX)
		return segmap_read_posix(seg, how, m, cause);
	if (how != SEGMAP_ATTACH) {
		if ((fd = mapfiles_open(seg, &m->pid, &reason)) != -1) {
			/* A holder's mapping holds the id: is it ours still? */
			if (same_segment(seg, &now) == -1) {
				close(fd);
				map_cause(seg, how, NULL, cause);
				return -1;
			}
			p = mmap(NULL, seg->size, PROT_READ, MAP_SHARED, fd, 0);
			if (p != MAP_FAILED) {
				m->addr = p;
				m->size = seg->size;
				m->fd = fd;
				return 0;
			}
			close(fd);
			reason = "cannot map the process's mapping";
		}
		if (how == SEGMAP_NODISTURB) {
			errno = EAGAIN;
			map_cause(seg, how, reason, cause);
			return -1;
		}
	}
	return segmap_attach(seg, m, SHM_RDONLY, O_RDONLY,
	    "attaching to read it", cause);
}

int
segmap_write(const struct shm_seg *seg, struct segmap *m, char **cause)
{
	char	*why = NULL;
	int	 fd;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	(void)TEST_HOOK("MAP_HOOK", 0);
	if (seg->type != SEG_POSIX)
		return segmap_attach(seg, m, 0, O_RDWR,
		    "attaching to write it", cause);
	if ((fd = posixshm_open(seg->px.name, O_RDWR, &why)) == -1) {
		open_cause(seg, why, cause);
		return -1;
	}
	if (segmap_posix(seg, fd, PROT_READ | PROT_WRITE, m) == 0)
		return 0;
	map_cause(seg, SEGMAP_AUTO, NULL, cause);
	return -1;
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
		(void)sysvipc_detach(m->addr);
	else if (m->size > 0)
		munmap(m->addr, m->size);
	m->addr = NULL;
}

void
segmap_written(const struct segmap *m)
{
	if (m->object)
		(void)futimens(m->fd, NULL);
}

/*
 * MADV_POPULATE_*: 0, or -1 with errno EFAULT (a page the kernel would
 * answer with SIGBUS) or ENOMEM.  A kernel without it (before 5.14, or a
 * mapping it does not apply to: EINVAL) is not an error.
 */
static int
populate(const struct segmap *m, uint64_t off, uint64_t len, int write)
{
	uint64_t	 pg = (uint64_t)sysconf(_SC_PAGESIZE), start;

	if (len == 0 || off >= m->size)
		return 0;
	start = off & ~(pg - 1);
	if (off + len > m->size)
		len = m->size - off;
	if (madvise(m->addr + start, (size_t)(off + len - start),
	    write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ) == 0 ||
	    errno == EINVAL)
		return 0;
	return -1;
}

void
segmap_prefault(const struct segmap *m, uint64_t off, uint64_t len, int write)
{
	(void)populate(m, off, len, write);
}

/* The guard: where a SIGBUS in the mapping goes. */
static sigjmp_buf		 guard_env;
static volatile sig_atomic_t	 guard_armed;
static uintptr_t		 guard_lo, guard_hi;

static void
guard_catch(int sig, siginfo_t *si, void *uc)
{
	uintptr_t	 a = (uintptr_t)si->si_addr;

	(void)uc;
	if (guard_armed && a >= guard_lo && a < guard_hi)
		siglongjmp(guard_env, 1);
	/* Not the mapping's: die of it, as without the guard. */
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * memcpy(DST, SRC, N), or memset(DST, BYTE, N) when SRC is NULL, where
 * one side is M's mapping: 0, or -1 with errno EFAULT when the kernel
 * raised SIGBUS for an address of the mapping.  The handler is there
 * only for the copy.
 */
static int
guarded(const struct segmap *m, void *dst, const void *src, int byte,
    size_t n)
{
	struct sigaction	 sa, old;
	volatile int		 rc = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = guard_catch;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	guard_lo = (uintptr_t)m->addr;
	guard_hi = (uintptr_t)m->addr + (uintptr_t)m->size;
	if (sigaction(SIGBUS, &sa, &old) == -1)
		return -1;
	if (sigsetjmp(guard_env, 1) == 0) {
		guard_armed = 1;
		if (src != NULL)
			memcpy(dst, src, n);
		else
			memset(dst, byte, n);
	} else
		rc = -1;
	guard_armed = 0;
	(void)sigaction(SIGBUS, &old, NULL);
	if (rc == -1)
		errno = EFAULT;
	return rc;
}

const unsigned char *
segmap_get(const struct segmap *m, uint64_t off, size_t n, unsigned char *buf)
{
	size_t	 got;
	ssize_t	 r;

	if (m->fd == -1) {
		if (populate(m, off, n, 0) == -1)
			return NULL;
		if (buf == NULL)
			return m->addr + off;
		return guarded(m, buf, m->addr + off, 0, n) == 0 ? buf : NULL;
	}
	for (got = 0; got < n; got += (size_t)r) {
		r = pread(m->fd, buf + got, n - got, (off_t)(off + got));
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r <= 0) {
			/* Only an object can shrink: a segment cannot. */
			if (r == 0)
				errno = ENODATA;
			return NULL;
		}
	}
	return buf;
}

int
segmap_reserve(const struct segmap *m, uint64_t off, uint64_t len,
    char **cause)
{
	if (len == 0)
		return 0;
	/* The pages a sparse object or a segment lacks, allocated now. */
	if (m->fd != -1 && fallocate(m->fd, FALLOC_FL_KEEP_SIZE, (off_t)off,
	    (off_t)len) == 0)
		return 0;
	if ((m->fd != -1 && errno != EOPNOTSUPP && errno != ENODEV &&
	    errno != ENOSYS) || populate(m, off, len, 1) == -1) {
		if (cause != NULL)
			*cause = segmap_cause(m, errno);
		return -1;
	}
	return 0;
}

int
segmap_put(const struct segmap *m, uint64_t off, const void *src, size_t n)
{
	return guarded(m, m->addr + off, src, 0, n);
}

int
segmap_fill(const struct segmap *m, uint64_t off, int byte, size_t n)
{
	return guarded(m, m->addr + off, NULL, byte, n);
}

char *
segmap_cause(const struct segmap *m, int error)
{
	char	*s;

	switch (error) {
	case ENODATA:
		return xstrdup("the object shrank while it was read");
	case EFAULT:
		return xstrdup(m->object ? "the object shrank, or the file "
		    "system holding it is full" : "its pages could not be "
		    "had (no huge pages left?)");
	case ENOSPC:
		if (m->object) {
			xasprintf(&s, "no space left on %s for the object's "
			    "pages", posixshm_dir_path());
			return s;
		}
		return xstrdup("no memory left for its pages (no huge pages "
		    "left?)");
	}
	return xstrdup(strerror(error));
}

int
segmap_detach_destroys(const struct shm_seg *now, const char *doing,
    char **cause)
{
	char	*why = NULL;
	int	 rc;

	if (now->type == SEG_POSIX || now->nattch != 0)
		return 0;
	if ((rc = sysvipc_rmid_forced(&why)) == 0)
		return 0;
	if (rc == 1)
		set_cause(cause, "not attached anywhere and "
		    "kernel.shm_rmid_forced is 1: %s would destroy it at the "
		    "detach; keep it attached first, e.g. shmtool attach "
		    "--hold %d &", doing, now->id);
	else
		set_cause(cause, "not attached anywhere and "
		    "kernel.shm_rmid_forced cannot be read (%s): %s could "
		    "destroy it at the detach; keep it attached first, e.g. "
		    "shmtool attach --hold %d &", why, doing, now->id);
	free(why);
	return 1;
}

int
segmap_self_overlap(uintptr_t addr, uint64_t len, char **what)
{
	struct maps_line l;
	struct buf	 b = { 0 };
	size_t		 pos = 0;
	int		 found = 0, saved;

	if (proc_read(PROC_ROOT, "self/maps", &b) == -1) {
		saved = errno;
		buf_free(&b);
		errno = saved;
		return -1;
	}
	while (!found && procmaps_next(b.p, b.len, &pos, &l)) {
		/* Without ADDR + LEN, which may wrap. */
		if (l.end <= addr || (l.start > addr && l.start - addr >= len))
			continue;
		if (l.pathlen == 0) {
			l.path = "anonymous memory";
			l.pathlen = strlen(l.path);
		}
		xasprintf(what, "0x%llx-0x%llx %.*s", (unsigned long long)l.start,
		    (unsigned long long)l.end, (int)l.pathlen, l.path);
		found = 1;
	}
	buf_free(&b);
	return found;
}
