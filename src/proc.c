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

#include "idcache.h"
#include "proc.h"
#include "util.h"

/*
 * The one cache of what was read about a pid: a listing asks about the
 * creator of thousands of segments, most of them the same few processes.
 */
struct pid_ent {
	struct idcache_key	 k;
	int			 started;	/* 1 read, 0 not, -1 not tried */
	int			 exists;	/* -1: not asked yet */
	int64_t			 start;
	int			 cmd_read;	/* command line tried */
	char			*cmd;
};

static struct idcache	 pids = IDCACHE_INIT(struct pid_ent);
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
	fd = dirfd == PROC_ROOT ? proc_open(rel, O_RDONLY) :
	    openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
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

/* The cache entry of PID, made on first use. */
static struct pid_ent *
pid_entry(pid_t pid)
{
	struct pid_ent	*e;
	int		 made;

	e = idcache_get(&pids, (uint32_t)pid, &made);
	if (made) {
		e->started = -1;
		e->exists = -1;
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
	if (e->started == -1)
		e->started = read_start(pid, &e->start) == 0;
	if (!e->started) {
		errno = ENOENT;
		return -1;
	}
	*out = e->start;
	return 0;
}

const char *
proc_command(pid_t pid)
{
	struct pid_ent	*e;
	struct buf	 b = { 0 };
	char		 rel[64];
	size_t		 i;

	if (pid <= 0)
		return NULL;
	e = pid_entry(pid);
	if (e->cmd_read)
		return e->cmd;
	e->cmd_read = 1;
	snprintf(rel, sizeof(rel), "%d/cmdline", (int)pid);
	if (proc_read(PROC_ROOT, rel, &b) == 0 && b.len > 0) {
		/* Arguments are NUL-separated; show them as ps does. */
		while (b.len > 0 && b.p[b.len - 1] == '\0')
			b.len--;
		for (i = 0; i < b.len; i++)
			if (b.p[i] == '\0')
				b.p[i] = ' ';
		b.p[b.len] = '\0';
		e->cmd = xstrdup(b.p);
	} else {
		/* Kernel threads and zombies: the name in brackets. */
		snprintf(rel, sizeof(rel), "%d/comm", (int)pid);
		if (proc_read(PROC_ROOT, rel, &b) == 0) {
			while (b.len > 0 && b.p[b.len - 1] == '\n')
				b.len--;
			b.p[b.len] = '\0';
			xasprintf(&e->cmd, "[%s]", b.p);
		}
	}
	buf_free(&b);
	return e->cmd;
}

size_t
proc_command_cut(const char *cmd, size_t max)
{
	size_t	 len = strlen(cmd);

	if (len <= max)
		return len;
	/* Not inside a character: back up over its continuation bytes. */
	for (len = max; len > 0 && ((unsigned char)cmd[len] & 0xc0) == 0x80;
	    len--)
		;
	return len;
}

void
proc_forget(void)
{
	struct pid_ent	*v = pids.v;
	size_t		 i;

	for (i = 0; i < pids.cap; i++)
		if (v[i].k.used)
			free(v[i].cmd);
	free(pids.v);
	pids.v = NULL;
	pids.n = pids.cap = 0;
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
