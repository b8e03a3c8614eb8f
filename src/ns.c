/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * IPC namespaces.  setns(CLONE_NEWIPC) moves us into another namespace:
 * from then on /proc/sysvipc/shm, /proc/sys/kernel/shm*, shmctl and
 * /proc/self/ns/ipc all speak for it (they look at the caller's
 * namespace when opened or called), so every command works there
 * unchanged.  The PID and mount namespaces stay ours: cpid and lpid are
 * given in our PID namespace and looked up in our /proc.
 *
 * The kernel lists no namespaces, only processes: --all-namespaces
 * finds them through /proc/PID/ns/ipc, and names each by its inode and
 * its lowest pid.
 *
 * POSIX objects are in no IPC namespace but in the /dev/shm of a mount
 * namespace: with --ns, that of the process's root.  A container's
 * /dev/shm may be a symbolic link, absolute or with "..", that a path
 * through /proc/PID/root would follow out to the host's files, so it is
 * resolved with openat2(2) inside that root (RESOLVE_IN_ROOT), once, and
 * used only through the fd.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <linux/openat2.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"
#include "proc.h"
#include "sysvipc.h"
#include "util.h"

static int		 joined;
static struct ns_arg	 joined_arg;
static dev_t		 joined_dev;
static uint64_t		 joined_ino;

int
ns_joined(void)
{
	return joined;
}

#ifndef NSFS_MAGIC
#define NSFS_MAGIC	0x6e736673
#endif

/* Why open() of a namespace file failed, for a person. */
static const char *
open_why(int error, const struct ns_arg *a)
{
	switch (error) {
	case ENOENT:
		return a->path != NULL ? "no such file" : "no such process";
	case EACCES:
	case EPERM:
		/* /proc/PID/ns/ipc is only open to those who may ptrace. */
		return a->path != NULL ? "permission denied" :
		    "permission denied (joining its IPC namespace needs "
		    "CAP_SYS_ADMIN)";
	default:
		return strerror(error);
	}
}

/*
 * A namespace file, opened for setns() - which refuses O_PATH fds - but
 * only once an O_PATH look at it (which opens nothing: no FIFO blocks, no
 * device wakes up) says it is one: on nsfs.  *st is the file.  WHAT names
 * it in the cause.
 */
static int
open_nsfile(const char *file, const struct ns_arg *a, const char *what,
    struct stat *st, char **cause)
{
	struct statfs	 sf;
	struct stat	 again;
	int		 pfd, fd, saved;

	if ((pfd = open(file, O_PATH | O_CLOEXEC)) == -1) {
		set_cause(cause, "%s: %s", what, open_why(errno, a));
		return -1;
	}
	if (fstat(pfd, st) == -1 || fstatfs(pfd, &sf) == -1) {
		saved = errno;
		close(pfd);
		errno = saved;
		set_cause(cause, "%s: %s", what, strerror(errno));
		return -1;
	}
	close(pfd);
	if ((uint64_t)sf.f_type != NSFS_MAGIC) {
		errno = EINVAL;
		set_cause(cause, "%s: %s, not an IPC namespace file (such as "
		    "/proc/PID/ns/ipc)", what, file_kind(st->st_mode));
		return -1;
	}
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		set_cause(cause, "%s: %s", what, open_why(errno, a));
		return -1;
	}
	/* Replaced between the look and the open: say so, do nothing. */
	if (fstat(fd, &again) == -1 || again.st_dev != st->st_dev ||
	    again.st_ino != st->st_ino) {
		close(fd);
		errno = ESTALE;
		set_cause(cause, "%s: changed while it was being opened", what);
		return -1;
	}
	return fd;
}

int
ns_join(const struct ns_arg *a, char **cause)
{
	struct stat	 st;
	char		 path[4096], what[32], *why = NULL;
	const char	*file = a->path;
	int		 fd, saved;

	if (a->path == NULL) {
		snprintf(path, sizeof(path), "%s/%d/ns/ipc", proc_root(),
		    (int)a->pid);
		snprintf(what, sizeof(what), "process %d", (int)a->pid);
		file = path;
	}
	if ((fd = open_nsfile(file, a, a->path != NULL ? a->path : what, &st,
	    cause)) == -1)
		return -1;
	if (setns(fd, CLONE_NEWIPC) == -1) {
		saved = errno;
		if (saved == EINVAL)
			xasprintf(&why, "not an IPC namespace file (such as "
			    "/proc/PID/ns/ipc)");
		else if (saved == EPERM)
			xasprintf(&why, "cannot join %sIPC namespace %llu: "
			    "permission denied (needs CAP_SYS_ADMIN)",
			    a->path != NULL ? "" : "its ",
			    (unsigned long long)st.st_ino);
		else
			xasprintf(&why, "%s", strerror(saved));
		set_cause(cause, "%s: %s", a->path != NULL ? a->path : what,
		    why);
		free(why);
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	joined = 1;
	joined_arg = *a;
	joined_dev = st.st_dev;
	joined_ino = (uint64_t)st.st_ino;
	return 0;
}

/* One process and its namespace, from /proc/PID/ns/ipc. */
struct nsproc {
	dev_t		 dev;
	uint64_t	 ino;
	pid_t		 pid;
};

struct ns_scan {
	struct nsproc	*v;
	size_t		 n, cap, unseen;
};

static void
scan_proc(int procfd, pid_t pid, const char *name, void *arg)
{
	struct ns_scan	*c = arg;
	struct stat	 st;
	char		 rel[64];

	snprintf(rel, sizeof(rel), "%s/ns/ipc", name);
	if (fstatat(procfd, rel, &st, 0) == -1) {
		if (errno != ENOENT && errno != ESRCH)
			c->unseen++;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].dev = st.st_dev;
	c->v[c->n].ino = (uint64_t)st.st_ino;
	c->v[c->n].pid = pid;
	c->n++;
}

/*
 * Every process's namespace.  Processes that are gone are skipped;
 * those we may not look at are counted in *unseen.
 */
static int
scan_procs(struct nsproc **out, size_t *np, size_t *unseen)
{
	struct ns_scan	 c = { 0 };

	if (proc_each(scan_proc, &c) == -1)
		return -1;
	*out = c.v;
	*np = c.n;
	*unseen = c.unseen;
	return 0;
}

/*
 * The example of a namespace: its lowest pid, but never ours (after
 * --ns we are in it too, and say nothing about it); 0 when none, or -1
 * when /proc cannot be read.
 */
static pid_t
lowest_pid(dev_t dev, uint64_t ino)
{
	struct nsproc	*v;
	size_t		 n, i, unseen;
	pid_t		 pid = 0, self = getpid();

	if (scan_procs(&v, &n, &unseen) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i].dev == dev && v[i].ino == ino && v[i].pid != self &&
		    (pid == 0 || v[i].pid < pid))
			pid = v[i].pid;
	}
	free(v);
	return pid;
}

/* The mount id of an open file, from /proc/self/fdinfo: 0 if unknown. */
static uint64_t
mnt_id(int fd)
{
	char		 path[64], b[512], *p;
	ssize_t		 n;
	int		 ifd;
	uint64_t	 id = 0;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if ((ifd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(ifd, b, sizeof(b) - 1);
	close(ifd);
	b[n > 0 ? n : 0] = '\0';
	if ((p = strstr(b, "\nmnt_id:")) != NULL)
		id = strtoull(p + 8, NULL, 10);
	return id;
}

/*
 * 1 when mount ID is one that process PID has mounted (the first field
 * of a line of its mountinfo), 0 when not, -1 when that cannot be read.
 */
static int
mounted_in(pid_t pid, uint64_t id)
{
	char		 path[4096], *line = NULL;
	size_t		 cap = 0;
	FILE		*f;
	int		 found = 0;

	snprintf(path, sizeof(path), "%s/%d/mountinfo", proc_root(),
	    (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (!found && getline(&line, &cap, f) != -1)
		found = strtoull(line, NULL, 10) == id;
	free(line);
	fclose(f);
	return found;
}

/* What openat2's ERROR means inside a process's root, or NULL. */
static const char *
in_root_why(int error)
{
	switch (error) {
	case ENOSYS:
		return "reaching it inside the process's root, never "
		    "following a link out, needs openat2(2) (Linux 5.6)";
	case ENOENT:
		return "no such directory inside the process's root";
	case ENOTDIR:
		return "not a directory inside the process's root";
	case ELOOP:
		return "too many symbolic links, or a /proc magic link, "
		    "inside the process's root";
	case EXDEV:
	case EAGAIN:
		return "a rename raced its resolution inside the process's "
		    "root";
	}
	return NULL;
}

/* The /dev/shm of process PID, in its root: an fd, or -1 and *why. */
static int
devshm_in_root(pid_t pid, const char **why)
{
	struct open_how	 how;
	struct stat	 st;
	const char	*reason;
	char		 path[4096];
	uint64_t	 dir_mnt, root_mnt;
	int		 rootfd, fd, saved;

	/* The magic link: the process's own root, wherever it is. */
	snprintf(path, sizeof(path), "%s/%d/root", proc_root(), (int)pid);
	if ((rootfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT) {
			errno = ESRCH;
			*why = "the process has ended";
		}
		return -1;
	}
	/* The process may have ended, its pid gone to another since. */
	snprintf(path, sizeof(path), "%s/%d/ns/ipc", proc_root(),
	    (int)pid);
	if (stat(path, &st) == -1 || st.st_dev != joined_dev ||
	    (uint64_t)st.st_ino != joined_ino) {
		close(rootfd);
		errno = ESRCH;
		*why = "the process has left the IPC namespace or ended";
		return -1;
	}
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	/*
	 * "/" and ".." stop at that root, absolute links start there, and
	 * no /proc magic link jumps elsewhere: what the process sees.
	 */
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	if ((fd = (int)syscall(SYS_openat2, rootfd, "dev/shm", &how,
	    sizeof(how))) == -1) {
		saved = errno;
		close(rootfd);
		if ((reason = in_root_why(saved)) != NULL)
			*why = reason;
		errno = saved;
		return -1;
	}
	/*
	 * A last look: the directory is on the mount of the root, or on
	 * one mounted in the process's mount namespace (its mountinfo
	 * lists those under its root).  Skipped when it cannot be read.
	 */
	dir_mnt = mnt_id(fd);
	root_mnt = mnt_id(rootfd);
	close(rootfd);
	if (dir_mnt != 0 && dir_mnt != root_mnt &&
	    mounted_in(pid, dir_mnt) == 0) {
		close(fd);
		errno = EXDEV;
		*why = "on a file system the process has not mounted";
		return -1;
	}
	return fd;
}

int
ns_devshm_open(const char **path, const char **why)
{
	static char	 dir[4096];
	pid_t		 pid;

	*why = NULL;
	*path = "/dev/shm";
	if (!joined)
		return open("/dev/shm", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pid = joined_arg.pid;
	if (pid == 0 && (pid = lowest_pid(joined_dev, joined_ino)) <= 0) {
		/* Our own /dev/shm would not be the namespace asked for. */
		snprintf(dir, sizeof(dir), "the /dev/shm of IPC namespace %llu",
		    (unsigned long long)joined_ino);
		*path = dir;
		if (pid == 0) {
			errno = ESRCH;
			*why = "no process is in that namespace to say which "
			    "it is";
		}
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/%d/root/dev/shm", proc_root(),
	    (int)pid);
	*path = dir;
	return devshm_in_root(pid, why);
}

int
ns_current(struct ipc_ns *ns, int wantpid)
{
	struct stat	 st;
	char		 path[4096];

	memset(ns, 0, sizeof(*ns));
	/* Like procmaps_scan: whatever $SHMTOOL_PROCFS says we are. */
	snprintf(path, sizeof(path), "%s/self/ns/ipc", proc_root());
	if (stat(path, &st) == -1)
		return -1;
	ns->dev = st.st_dev;
	ns->ino = (uint64_t)st.st_ino;
	if (wantpid && (ns->pid = lowest_pid(ns->dev, ns->ino)) == -1) {
		ns->pid = 0;
		return -1;
	}
	return 0;
}

static int
nsproc_cmp(const void *va, const void *vb)
{
	const struct nsproc	*a = va, *b = vb;

	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static int
ns_pid_cmp(const void *va, const void *vb)
{
	const struct ipc_ns	*a = va, *b = vb;

	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

int
ns_list(struct ipc_ns_list *l)
{
	struct nsproc	*v;
	struct ipc_ns	*ns = NULL;
	size_t		 n, i;
	pid_t		 self = getpid();

	memset(l, 0, sizeof(*l));
	if (scan_procs(&v, &n, &l->unseen) == -1)
		return -1;
	/* By namespace, then pid: each one's first row has its lowest. */
	if (n > 1)
		qsort(v, n, sizeof(*v), nsproc_cmp);
	l->v = xcalloc(n ? n : 1, sizeof(*l->v));
	for (i = 0; i < n; i++) {
		if (ns == NULL || v[i].dev != ns->dev || v[i].ino != ns->ino) {
			ns = &l->v[l->n++];
			ns->dev = v[i].dev;
			ns->ino = v[i].ino;
		}
		/* Ours is listed, but is no example (as in lowest_pid). */
		if (ns->pid == 0 && v[i].pid != self)
			ns->pid = v[i].pid;
	}
	free(v);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), ns_pid_cmp);
	return 0;
}

/*
 * Joins a listed namespace through its example process, after checking
 * that the process is still in it (it may have exited, and its pid been
 * reused, since the list was made).
 */
static int
enter(const struct ipc_ns *ns)
{
	struct stat	 st;
	char		 path[4096];
	int		 fd, saved;

	snprintf(path, sizeof(path), "%s/%d/ns/ipc", proc_root(),
	    (int)ns->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	if (fstat(fd, &st) == -1 || st.st_dev != ns->dev ||
	    (uint64_t)st.st_ino != ns->ino) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	if (setns(fd, CLONE_NEWIPC) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

int
ns_each(struct ipc_ns_list *l, int (*fn)(struct ipc_ns *, void *), void *arg)
{
	struct ipc_ns	*ns;
	struct stat	 self;
	size_t		 i;
	int		 fd, moved;

	/* The way back: always the real one, whatever $SHMTOOL_PROCFS. */
	if ((fd = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &self) == -1) {
		close(fd);
		return -1;
	}
	for (i = 0; i < l->n; i++) {
		ns = &l->v[i];
		/* Our own needs no setns, which would want CAP_SYS_ADMIN. */
		moved = ns->dev != self.st_dev ||
		    ns->ino != (uint64_t)self.st_ino;
		if (moved && enter(ns) == -1) {
			ns->error = errno;
			continue;
		}
		if (fn(ns, arg) == -1)
			ns->error = errno;
		if (moved && setns(fd, CLONE_NEWIPC) == -1) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

int
ns_read_segments(struct ipc_ns *ns)
{
	char	*why = NULL;

	if (sysvipc_list(&ns->segs, &why) == 0)
		return 0;
	/* A table not parsed: which line and why. */
	if (errno == EINVAL)
		ns->why = why;
	else
		free(why);
	return -1;
}

static int
list_one(struct ipc_ns *ns, void *arg)
{
	return ns_read_segments(ns);
}

int
ns_list_segments(struct ipc_ns_list *l)
{
	return ns_each(l, list_one, NULL);
}

void
ns_list_free(struct ipc_ns_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		shm_list_free(&l->v[i].segs);
		free(l->v[i].why);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const char *
ns_command(const struct ipc_ns *ns)
{
	return ns->pid > 0 ? proc_command(ns->pid) : NULL;
}

char *
ns_strerror(const struct ipc_ns *ns)
{
	const char	*what;
	char		*msg;

	switch (ns->error) {
	case EPERM:
	case EACCES:
		what = "cannot join: permission denied (needs CAP_SYS_ADMIN)";
		break;
	case ESRCH:
		what = "cannot join: the process left it or ended meanwhile";
		break;
	default:
		what = NULL;
		break;
	}
	if (what != NULL)
		xasprintf(&msg, "IPC namespace %llu (pid %d): %s",
		    (unsigned long long)ns->ino, (int)ns->pid, what);
	else
		xasprintf(&msg, "IPC namespace %llu (pid %d): cannot list "
		    "segments: %s", (unsigned long long)ns->ino, (int)ns->pid,
		    ns->why != NULL ? ns->why : strerror(ns->error));
	return msg;
}
