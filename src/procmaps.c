/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Who has which segment attached, from /proc/PID/maps: a System V attach
 * is a shared mapping whose inode field is the shmid and whose path is
 * /SYSV<key>.  The inode, not the name, identifies the segment (the name
 * keeps the old key after IPC_RMID, and every IPC_PRIVATE segment is
 * /SYSV00000000), and inodes repeat in every IPC namespace, so processes
 * in another namespace are skipped (or, for --all-namespaces, each
 * mapping is marked with its process's namespace).  A POSIX object is a
 * file of the /dev/shm file system: its holders are the maps lines with
 * that device and its inode, and the fds that stat to them - never a
 * name, which an unlink takes away and another mount namespace's
 * /dev/shm repeats.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/kcmp.h>

#include "proc.h"
#include "procmaps.h"
#include "util.h"


static uint64_t
hex(const char **sp, const char *end)
{
	const char	*s = *sp;
	uint64_t	 v = 0;

	for (; s < end && isxdigit((unsigned char)*s); s++)
		v = v * 16 + (uint64_t)(*s <= '9' ? *s - '0' :
		    (*s | 0x20) - 'a' + 10);
	*sp = s;
	return v;
}

static void
add_map(struct shm_maps *m, const struct shm_map *e)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n++] = *e;
}

/* The fields of a maps line that both parsers read. */
struct map_head {
	const char	*eol;
	uint64_t	 start, end;
	char		 perms[5];
};

/*
 * The line of BUF around HIT: "start-end perms offset " from its start,
 * up to HIT at most, and its end.  Where the offset ends (at the space
 * before the device), or NULL when it is not a line the kernel writes.
 */
static const char *
map_head(const char *buf, const char *end, const char *hit,
    struct map_head *h)
{
	const char	*p = hit;

	if ((h->eol = memchr(hit, '\n', (size_t)(end - hit))) == NULL)
		h->eol = end;
	while (p > buf && p[-1] != '\n')
		p--;
	h->start = hex(&p, hit);
	if (p >= hit || *p++ != '-')
		return NULL;
	h->end = hex(&p, hit);
	/* Not a range the kernel writes: not a mapping to trust. */
	if (h->end <= h->start || p + 5 >= hit || *p++ != ' ')
		return NULL;
	memcpy(h->perms, p, 4);
	h->perms[4] = '\0';
	p += 4;
	if (*p++ != ' ')
		return NULL;
	hex(&p, hit);
	return p;
}

/* The decimal digits at *SP (none: 0), *SP moved past them. */
static uint64_t
dec(const char **sp, const char *end)
{
	const char	*s = *sp;
	uint64_t	 v = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	*sp = s;
	return v;
}

int
procmaps_next(const char *buf, size_t len, size_t *pos, struct maps_line *l)
{
	const char	*end = buf + len, *s, *eol, *p;
	struct map_head	 h;
	int		 i;

	while (*pos < len) {
		s = buf + *pos;
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		*pos = (size_t)(eol - buf) + (eol < end);
		if ((p = map_head(buf, end, eol, &h)) == NULL)
			continue;
		/* Then " dev inode", and blanks before the path, if any. */
		for (i = 0; i < 2; i++) {
			while (p < eol && *p == ' ')
				p++;
			while (p < eol && *p != ' ')
				p++;
		}
		while (p < eol && *p == ' ')
			p++;
		l->start = h.start;
		l->end = h.end;
		memcpy(l->perms, h.perms, sizeof(l->perms));
		l->path = p;
		l->pathlen = (size_t)(eol - p);
		return 1;
	}
	return 0;
}

/*
 * A line: "start-end perms offset dev inode   path".  Only lines whose
 * path starts with /SYSV count; finding them with memmem skips the rest.
 */
void
procmaps_parse(const char *buf, size_t len, pid_t pid, uid_t uid,
    struct shm_maps *m)
{
	const char	*end = buf + len, *hit, *s, *p;
	struct map_head	 h;
	struct shm_map	 e;
	uint64_t	 ino;

	for (s = buf; s < end && (hit = memmem(s, (size_t)(end - s), " /SYSV",
	    6)) != NULL; s = h.eol) {
		if ((p = map_head(buf, end, hit, &h)) == NULL ||
		    *p++ != ' ')
			continue;
		memset(&e, 0, sizeof(e));
		e.pid = pid;
		e.uid = uid;
		e.start = h.start;
		e.end = h.end;
		memcpy(e.perms, h.perms, sizeof(e.perms));
		/* dev "00:01" */
		hex(&p, hit);
		if (*p++ != ':')
			continue;
		hex(&p, hit);
		if (*p++ != ' ')
			continue;
		if ((ino = dec(&p, hit)) > INT32_MAX)
			continue;
		e.id = (int)ino;
		while (p < hit && *p == ' ')
			p++;
		if (p != hit)
			continue;
		/*
		 * One row a line: mprotect on part of an attach splits it,
		 * and the kernel counts each piece in nattch (the VMA open
		 * hook), so lines, not shmat calls, are what nattch counts.
		 */
		add_map(m, &e);
	}
}

static int
map_cmp(const void *a, const void *b)
{
	const struct shm_map	*x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

struct each_ctx {
	void	(*fn)(int, pid_t, void *);
	void	 *arg;
};

static void
open_process(int procfd, pid_t pid, const char *name, void *arg)
{
	struct each_ctx	*e = arg;
	int		 pfd;

	if ((pfd = openat(procfd, name, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return;		/* gone */
	e->fn(pfd, pid, e->arg);
	close(pfd);
}

/*
 * Calls FN with an fd of each process's directory under the procfs (a
 * process gone meanwhile is left out).  0, or -1 when it cannot be read.
 */
static int
each_process(void (*fn)(int, pid_t, void *), void *arg)
{
	struct each_ctx	 e = { fn, arg };

	return proc_each(open_process, &e);
}

struct sysv_scan {
	struct stat	 self;		/* our /proc/self/ns/ipc */
	struct shm_maps	*m;
	struct buf	 b;
	int		 all;		/* every IPC namespace, not only ours */
};

/*
 * A process that could not be read counts when permission was the cause:
 * one that exited meanwhile, or a zombie (it has no namespaces left),
 * has nothing attached.
 */
static void
unreadable(struct shm_maps *m)
{
	if (errno == EACCES || errno == EPERM)
		m->skipped++;
}

static void
scan_sysv(int pfd, pid_t pid, void *arg)
{
	struct sysv_scan	*c = arg;
	struct stat		 st;
	uint64_t		 ns;
	size_t			 first, i;

	if (fstatat(pfd, "ns/ipc", &st, 0) == -1) {
		unreadable(c->m);
		return;
	}
	if (!c->all && (st.st_dev != c->self.st_dev ||
	    st.st_ino != c->self.st_ino))
		return;
	ns = (uint64_t)st.st_ino;
	if (fstat(pfd, &st) == -1 || proc_read(pfd, "maps", &c->b) == -1) {
		unreadable(c->m);
		return;
	}
	first = c->m->n;
	procmaps_parse(c->b.p, c->b.len, pid, st.st_uid, c->m);
	for (i = first; i < c->m->n; i++)
		c->m->v[i].ns = ns;
}

static int
scan(struct shm_maps *m, int all)
{
	struct sysv_scan	 c;
	char			 path[4096];
	int			 rc;

	memset(m, 0, sizeof(*m));
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.all = all;
	/* Like the segment table, processes come from $SHMTOOL_PROCFS. */
	snprintf(path, sizeof(path), "%s/self/ns/ipc", proc_root());
	if (stat(path, &c.self) == -1)
		return -1;
	rc = each_process(scan_sysv, &c);
	buf_free(&c.b);
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), map_cmp);
	return rc;
}

int
procmaps_scan(struct shm_maps *m)
{
	return scan(m, 0);
}

int
procmaps_scan_all(struct shm_maps *m)
{
	return scan(m, 1);
}

/* Whether the symlink /proc/self/ns/WHAT reads as EXPECT. */
static int
ns_is(const char *what, const char *expect)
{
	char	 path[64], b[64];
	ssize_t	 n;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", what);
	if ((n = readlink(path, b, sizeof(b) - 1)) == -1)
		return 0;
	b[n] = '\0';
	return strcmp(b, expect) == 0;
}

int
procmaps_complete(const struct shm_maps *m)
{
	/*
	 * Tests stand this in for a machine where root reads every process,
	 * which a virtual machine's init with capabilities of its own can
	 * prevent.
	 */
	if (TEST_FLAG("MAPS_COMPLETE"))
		return 1;
	/*
	 * Root in the initial user and PID namespaces sees and may read
	 * every process, unless hidepid hides those it may not ptrace; the
	 * inodes are the kernel's fixed ones (PROC_USER_INIT_INO,
	 * PROC_PID_INIT_INO).
	 */
	return m->skipped == 0 && geteuid() == 0 &&
	    getenv("SHMTOOL_PROCFS") == NULL && proc_sees_all() &&
	    ns_is("user", "user:[4026531837]") &&
	    ns_is("pid", "pid:[4026531836]");
}

void
procmaps_free(struct shm_maps *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static void
add_hold(struct shm_holds *h, const struct shm_hold *e, const char *path,
    size_t len)
{
	struct shm_hold	*n;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	n = &h->v[h->n++];
	*n = *e;
	/* The kernel marks an unlinked file's path; the name is before it. */
	if (len >= 10 && memcmp(path + len - 10, " (deleted)", 10) == 0) {
		n->deleted = 1;
		len -= 10;
	}
	n->path = xmalloc(len + 1);
	memcpy(n->path, path, len);
	n->path[len] = '\0';
}

/*
 * Lines "start-end perms offset MAJ:MIN inode path" whose device is DEV:
 * memmem finds " MAJ:MIN " (a field no earlier one can hold: they have
 * no colon), and the line is then read from its start.
 */
void
procmaps_parse_dev(const char *buf, size_t len, pid_t pid, uid_t uid,
    dev_t dev, struct shm_holds *h)
{
	const char	*end = buf + len, *hit, *s, *p;
	struct map_head	 mh;
	struct shm_hold	 e;
	char		 needle[40];
	size_t		 nlen;
	uint64_t	 ino;

	nlen = (size_t)snprintf(needle, sizeof(needle), " %02x:%02x ",
	    major(dev), minor(dev));
	for (s = buf; s < end && (hit = memmem(s, (size_t)(end - s), needle,
	    nlen)) != NULL; s = mh.eol) {
		/* The device must be the fourth field, not text in a path. */
		if ((p = map_head(buf, end, hit, &mh)) != hit)
			continue;
		p = hit + nlen;
		ino = dec(&p, mh.eol);
		if (ino == 0 || p == hit + nlen || (p < mh.eol && *p != ' '))
			continue;
		memset(&e, 0, sizeof(e));
		e.pid = pid;
		e.uid = uid;
		e.fd = -1;
		e.start = mh.start;
		e.end = mh.end;
		memcpy(e.perms, mh.perms, sizeof(e.perms));
		e.ino = ino;
		while (p < mh.eol && *p == ' ')
			p++;
		add_hold(h, &e, p, (size_t)(mh.eol - p));
	}
}

/* An fd's access mode from DIR/fdinfo/FD: "rw", "r-" or "-w". */
static void
fd_perms(int pfd, const char *dir, const char *fd, char perms[5],
    struct buf *b)
{
	char		 rel[300];
	const char	*f;
	unsigned long	 flags;

	snprintf(perms, 5, "-");
	snprintf(rel, sizeof(rel), "%sfdinfo/%s", dir, fd);
	if (proc_read(pfd, rel, b) == -1 ||
	    (f = strstr(b->p, "flags:")) == NULL)
		return;
	flags = strtoul(f + 6, NULL, 8);
	snprintf(perms, 5, "%s", (flags & 3) == 2 ? "rw" : (flags & 3) == 1 ?
	    "-w" : "r-");
}

struct hold_scan {
	dev_t		 dev;
	pid_t		 self;
	struct shm_holds *h;
	struct buf	 b;
};

static int
refused(void)
{
	return errno == EACCES || errno == EPERM;
}

/* Whether the process's holds from FIRST on have fd FD of inode INO. */
static int
has_fd(const struct shm_holds *h, size_t first, long fd, uint64_t ino)
{
	size_t	 i;

	for (i = first; i < h->n; i++)
		if (h->v[i].fd == fd && h->v[i].ino == ino)
			return 1;
	return 0;
}

/*
 * The fds in DIR ("" for the process's table, "task/TID/" for a
 * thread's) that are files on the device: -1 if refused.  DEDUP: the
 * table may be one already read (two threads may share a table of
 * their own, and kcmp may not be allowed), so an fd of the process
 * seen since FIRST is not added twice.
 */
static int
scan_fds(int pfd, const char *dir, pid_t pid, uid_t uid, struct hold_scan *c,
    int dedup, size_t first)
{
	struct dirent	*de;
	struct stat	 st;
	struct shm_hold	 e;
	char		 link[PATH_MAX + 16], rel[64], *endp;
	DIR		*d;
	ssize_t		 n;
	long		 fd;
	int		 dfd;

	snprintf(rel, sizeof(rel), "%sfd", dir);
	if ((dfd = openat(pfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		fd = strtol(de->d_name, &endp, 10);
		if (*endp != '\0' || fd < 0 || fd > INT_MAX)
			continue;
		/* Sockets, pipes, anonymous inodes: no path, no stat needed. */
		n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (n <= 0 || link[0] != '/')
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, 0) == -1 ||
		    st.st_dev != c->dev || !S_ISREG(st.st_mode))
			continue;
		if (dedup && has_fd(c->h, first, fd, (uint64_t)st.st_ino))
			continue;
		memset(&e, 0, sizeof(e));
		e.pid = pid;
		e.uid = uid;
		e.ino = (uint64_t)st.st_ino;
		e.fd = (int)fd;
		fd_perms(pfd, dir, de->d_name, e.perms, &c->b);
		add_hold(c->h, &e, link, (size_t)n);
	}
	closedir(d);
	return 0;
}

/*
 * The fds of the threads that have a table of their own: a thread that
 * called unshare(CLONE_FILES) holds what it opens since in
 * /proc/PID/task/TID/fd only.  One stat says a process has one thread
 * (the task directory's link count is 2 + threads), the common case,
 * which then costs nothing more; else kcmp(KCMP_FILES) says which
 * threads share the leader's table, and where it cannot (not allowed,
 * or no kcmp) every thread's table is read.  -1 if refused.
 */
static int
scan_threads(int pfd, pid_t pid, uid_t uid, struct hold_scan *c,
    size_t first)
{
	struct dirent	*de;
	struct stat	 st;
	char		 dir[64], *endp;
	DIR		*d;
	long		 tid;
	int		 tfd, k, rc = 0;

	if (fstatat(pfd, "task", &st, 0) == -1)
		return -1;
	if (st.st_nlink <= 3)
		return 0;
	if ((tfd = openat(pfd, "task", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(tfd)) == NULL) {
		close(tfd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		tid = strtol(de->d_name, &endp, 10);
		if (*endp != '\0' || tid <= 0 || tid == pid || tid > INT32_MAX)
			continue;
		k = (int)syscall(SYS_kcmp, pid, (pid_t)tid, KCMP_FILES, 0, 0);
		if (k == 0)
			continue;	/* the leader's table, read already */
		snprintf(dir, sizeof(dir), "task/%ld/", tid);
		if (scan_fds(pfd, dir, pid, uid, c, 1, first) == -1 &&
		    refused())
			rc = -1;
	}
	closedir(d);
	return rc;
}

/*
 * Whether a process has the file system of DEV mounted (the third field
 * of a mountinfo line is its MAJ:MIN; anyone may read the file), or may
 * have: one that has not can hold its files only if handed an fd.  One
 * that is exiting (EINVAL, ENOENT, ESRCH) holds nothing any more.
 */
static int
reaches(int pfd, dev_t dev, struct buf *b)
{
	const char	*s, *eol, *p;
	char		 field[40];
	size_t		 n;
	int		 i;

	if (proc_read(pfd, "mountinfo", b) == -1)
		return refused();
	n = (size_t)snprintf(field, sizeof(field), "%u:%u ", major(dev),
	    minor(dev));
	for (s = b->p; *s != '\0'; s = *eol ? eol + 1 : eol) {
		eol = s + strcspn(s, "\n");
		for (p = s, i = 0; i < 2 && p < eol; i++) {
			p = memchr(p, ' ', (size_t)(eol - p));
			p = p == NULL ? eol : p + 1;
		}
		if ((size_t)(eol - p) > n && memcmp(p, field, n) == 0)
			return 1;
	}
	return 0;
}

static void
scan_holds(int pfd, pid_t pid, void *arg)
{
	struct hold_scan	*c = arg;
	struct stat		 st;
	size_t			 first;
	int			 denied = 0;

	/* Not the looking: our own fds and maps are not holds. */
	if (pid == c->self || fstat(pfd, &st) == -1)
		return;
	first = c->h->n;
	if (proc_read(pfd, "maps", &c->b) == 0)
		procmaps_parse_dev(c->b.p, c->b.len, pid, st.st_uid, c->dev,
		    c->h);
	else if (refused())
		denied = 1;
	if (scan_fds(pfd, "", pid, st.st_uid, c, 0, first) == -1 && refused())
		denied = 1;
	if (scan_threads(pfd, pid, st.st_uid, c, first) == -1 && refused())
		denied = 1;
	if (denied && reaches(pfd, c->dev, &c->b)) {
		if (c->h->unreadable < sizeof(c->h->unread) /
		    sizeof(c->h->unread[0]))
			c->h->unread[c->h->unreadable] = pid;
		c->h->unreadable++;
	}
}

static int
hold_cmp(const void *a, const void *b)
{
	const struct shm_hold	*x = a, *y = b;

	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->fd != y->fd)
		return x->fd < y->fd ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

int
procmaps_holders(dev_t dev, struct shm_holds *h)
{
	struct hold_scan	 c;
	int			 rc;

	memset(h, 0, sizeof(*h));
	memset(&c, 0, sizeof(c));
	c.dev = dev;
	c.self = getpid();
	c.h = h;
	rc = each_process(scan_holds, &c);
	buf_free(&c.b);
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), hold_cmp);
	return rc;
}

void
procmaps_holders_free(struct shm_holds *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		free(h->v[i].path);
	free(h->v);
	memset(h, 0, sizeof(*h));
}
