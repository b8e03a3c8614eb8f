/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Process liveness and start times, for the orphan test: a segment's
 * creator pid may have been reused by an unrelated process, which is
 * told apart by its start time (/proc/PID/stat field 22, in clock ticks
 * since boot, plus btime from /proc/stat).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/statfs.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/magic.h>

#include "proc.h"
#include "util.h"

struct pid_ent {
	pid_t	 pid;
	int	 ok;		/* start was read; -1: not tried yet */
	int	 exists;	/* -1: not asked yet */
	int64_t	 start;
};

static struct pid_ent	*cache;
static size_t		 ncache, capcache;
static int64_t		 btime = -1;

const char *
proc_root(void)
{
	const char	*p = getenv("SHMTOOL_PROCFS");

	return p != NULL && *p != '\0' ? p : "/proc";
}

int
proc_open(const char *rel, int flags)
{
	char	 path[4096];

	if (snprintf(path, sizeof(path), "%s/%s", proc_root(), rel) >=
	    (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, flags | O_CLOEXEC);
}

int
proc_read(int dirfd, const char *rel, struct buf *b)
{
	ssize_t	 n;
	int	 fd, saved;

	b->len = 0;
	if ((fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	for (;;) {
		buf_reserve(b, 1 << 16);
		n = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b->len += (size_t)n;
	}
	saved = errno;
	close(fd);
	b->p[b->len] = '\0';
	if (n == -1) {
		errno = saved;
		return -1;
	}
	return 0;
}

/* A small file under the procfs into BUF, NUL-terminated: its length. */
static ssize_t
read_file(const char *rel, char *buf, size_t sz)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = proc_open(rel, O_RDONLY)) == -1)
		return -1;
	do
		n = read(fd, buf, sz - 1);
	while (n == -1 && errno == EINTR);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static int64_t
boot_time(void)
{
	char		 buf[8192];
	const char	*p;

	if (btime != -1)
		return btime;
	btime = 0;
	if (read_file("stat", buf, sizeof(buf)) > 0 &&
	    (p = strstr(buf, "\nbtime ")) != NULL)
		btime = strtoll(p + 7, NULL, 10);
	return btime;
}

static int
read_start(pid_t pid, int64_t *out)
{
	char		 rel[64], buf[1024];
	const char	*p;
	long		 hz;
	int		 i;
	unsigned long long ticks;

	snprintf(rel, sizeof(rel), "%d/stat", (int)pid);
	if (read_file(rel, buf, sizeof(buf)) <= 0)
		return -1;
	/* comm may hold spaces and ')': the fields start after the last. */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	p++;
	/* After ')' come field 3 (state) .. field 22 (starttime). */
	for (i = 3; i < 22; i++) {
		p = strchr(p + 1, ' ');
		if (p == NULL)
			return -1;
	}
	if (sscanf(p, " %llu", &ticks) != 1)
		return -1;
	if ((hz = sysconf(_SC_CLK_TCK)) <= 0)
		hz = 100;
	*out = boot_time() + (int64_t)(ticks / (unsigned long long)hz);
	return 0;
}

/* Open addressing on the pid: a listing may ask about thousands. */
static struct pid_ent *
cache_slot(pid_t pid)
{
	size_t	 i, h;

	if (ncache * 2 >= capcache) {
		struct pid_ent	*old = cache;
		size_t		 oldcap = capcache;

		capcache = oldcap ? oldcap * 2 : 256;
		cache = xcalloc(capcache, sizeof(*cache));
		ncache = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].pid != 0) {
				*cache_slot(old[i].pid) = old[i];
				ncache++;
			}
		}
		free(old);
	}
	h = ((size_t)pid * 2654435761u) & (capcache - 1);
	for (i = h;; i = (i + 1) & (capcache - 1)) {
		if (cache[i].pid == 0 || cache[i].pid == pid)
			return &cache[i];
	}
}

/* The cache entry of PID, made on first use. */
static struct pid_ent *
pid_entry(pid_t pid)
{
	struct pid_ent	*e;

	e = cache_slot(pid);
	if (e->pid == 0) {
		e->pid = pid;
		e->ok = -1;
		e->exists = -1;
		ncache++;
	}
	return e;
}

int
proc_exists(pid_t pid)
{
	struct pid_ent	*e;

	if (pid <= 0)
		return 0;
	e = pid_entry(pid);
	/* EPERM: a process of another user has it. */
	if (e->exists == -1)
		e->exists = kill(pid, 0) == 0 || errno != ESRCH;
	return e->exists;
}

int
proc_start_time(pid_t pid, int64_t *out)
{
	struct pid_ent	*e;

	if (pid <= 0) {
		errno = ENOENT;
		return -1;
	}
	e = pid_entry(pid);
	if (e->ok == -1)
		e->ok = read_start(pid, &e->start) == 0;
	if (!e->ok) {
		errno = ENOENT;
		return -1;
	}
	*out = e->start;
	return 0;
}

int
proc_each(void (*fn)(int, pid_t, const char *, void *), void *arg)
{
	struct dirent	*de;
	DIR		*d;
	char		*end;
	long		 pid;

	if ((d = opendir(proc_root())) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid > INT32_MAX)
			continue;
		fn(dirfd(d), (pid_t)pid, de->d_name, arg);
	}
	closedir(d);
	return 0;
}

/* The super options of the last mount at PATH (in mountinfo's form). */
static int
mount_options(const char *path, char *out, size_t sz)
{
	char	 line[4096], *f[12], *p, *sep;
	FILE	*fp;
	int	 n, found = 0;

	snprintf(line, sizeof(line), "%s/self/mountinfo", proc_root());
	if ((fp = fopen(line, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		/* ID PARENT DEV ROOT MOUNTPOINT OPTS [TAGS...] - TYPE SRC SUPER */
		for (n = 0, p = line; n < 5 && (f[n] = strsep(&p, " ")) != NULL;
		    n++)
			;
		if (n < 5 || strcmp(f[4], path) != 0 || p == NULL ||
		    (sep = strstr(p, " - ")) == NULL)
			continue;
		p = sep + 3;
		for (n = 0; n < 3 && (f[n] = strsep(&p, " \n")) != NULL; n++)
			;
		if (n == 3) {
			snprintf(out, sz, "%s", f[2]);
			found = 1;
		}
	}
	fclose(fp);
	return found ? 0 : -1;
}

/* The inodes of the initial namespaces (PROC_PID_INIT_INO and so on). */
#define PID_INIT_INO	0xEFFFFFFCU
#define USER_INIT_INO	0xEFFFFFFDU

const struct proc_view *
proc_view(void)
{
	static struct proc_view	 v;
	static int		 done;
	struct statfs		 sf;
	struct stat		 st;
	char			 path[4096], opts[1024], *o, *p;
	ssize_t			 n;

	if (done)
		return &v;
	done = 1;
	if (statfs(proc_root(), &sf) == -1 ||
	    sf.f_type != PROC_SUPER_MAGIC)
		return &v;
	v.procfs = 1;
	/* Its pids are ours: /proc/self is this process. */
	snprintf(path, sizeof(path), "%s/self", proc_root());
	if ((n = readlink(path, opts, sizeof(opts) - 1)) <= 0)
		return &v;
	opts[n] = '\0';
	if (strtol(opts, NULL, 10) != (long)getpid())
		return &v;
	v.ours = 1;
	snprintf(path, sizeof(path), "%s/self/ns/pid", proc_root());
	v.initial = stat(path, &st) == 0 && st.st_ino == PID_INIT_INO;
	snprintf(path, sizeof(path), "%s/self/ns/user", proc_root());
	v.init_user = stat(path, &st) == 0 && st.st_ino == USER_INIT_INO;
	/*
	 * hidepid=1/noaccess, 2/invisible, 4/ptraceable hide processes;
	 * unknown options count as hiding (the safe side).
	 */
	if (realpath(proc_root(), path) == NULL ||
	    mount_options(path, opts, sizeof(opts)) == -1) {
		snprintf(v.hidepid, sizeof(v.hidepid), "unknown");
		return &v;
	}
	for (p = opts; (o = strsep(&p, ",")) != NULL;) {
		if (strncmp(o, "hidepid=", 8) == 0 && strcmp(o + 8, "0") != 0 &&
		    strcmp(o + 8, "off") != 0)
			snprintf(v.hidepid, sizeof(v.hidepid), "%s", o + 8);
	}
	return &v;
}

int
proc_sees_all(void)
{
	const struct proc_view	*v = proc_view();

	return v->procfs && v->ours && v->hidepid[0] == '\0';
}
