/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The cgroup of a process and the unit or container it names (see
 * cgroup.h for the forms).  The parser and the shortening are pure, for
 * the fuzzer and for fixtures read through $SHMTOOL_PROCFS; the reads
 * are cached per pid for listings, which ask about the same creators
 * thousands of times, and forgotten on request by a watcher, whose pids
 * are reused over weeks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "proc.h"
#include "util.h"

/* How a line's hierarchy ranks: lower is preferred. */
enum {
	RANK_V2,		/* 0::/path */
	RANK_SYSTEMD,		/* N:name=systemd:/path */
	RANK_CPU,		/* N:cpu,cpuacct:/path */
	RANK_MEMORY,		/* N:memory:/path */
	RANK_OTHER,
	NRANKS
};

/* Whether the comma-separated list L (N bytes) holds the item WORD. */
static int
has_item(const char *l, size_t n, const char *word)
{
	size_t	 len = strlen(word), i = 0, j;

	while (i < n) {
		for (j = i; j < n && l[j] != ','; j++)
			;
		if (j - i == len && memcmp(l + i, word, len) == 0)
			return 1;
		i = j + 1;
	}
	return 0;
}

static int
rank_of(const char *id, size_t idlen, const char *ctl, size_t ctllen)
{
	if (idlen == 1 && id[0] == '0' && ctllen == 0)
		return RANK_V2;
	if (has_item(ctl, ctllen, "name=systemd"))
		return RANK_SYSTEMD;
	if (has_item(ctl, ctllen, "cpu"))
		return RANK_CPU;
	if (has_item(ctl, ctllen, "memory"))
		return RANK_MEMORY;
	return RANK_OTHER;
}

char *
cgroup_pick(const char *buf, size_t len)
{
	const char	*s = buf, *end = buf + len, *eol, *c1, *c2;
	const char	*best[NRANKS] = { NULL };
	size_t		 blen[NRANKS] = { 0 }, plen;
	char		*out;
	int		 r, any = -1;

	for (; s < end; s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		/* ID:CONTROLLERS:PATH; the path may hold colons itself. */
		if ((c1 = memchr(s, ':', (size_t)(eol - s))) == NULL ||
		    (c2 = memchr(c1 + 1, ':', (size_t)(eol - c1 - 1))) == NULL)
			continue;
		plen = (size_t)(eol - c2 - 1);
		if (plen == 0 || c2[1] != '/' || c1 == s ||
		    memchr(c2 + 1, '\0', plen) != NULL)
			continue;
		r = rank_of(s, (size_t)(c1 - s), c1 + 1, (size_t)(c2 - c1 - 1));
		if (best[r] == NULL || (blen[r] == 1 && plen > 1)) {
			best[r] = c2 + 1;
			blen[r] = plen;
		}
		if (any == -1 || r < any)
			any = r;
	}
	if (any == -1)
		return NULL;
	/* The first that is not the root; the best one if all are. */
	for (r = 0; r < NRANKS; r++)
		if (best[r] != NULL && blen[r] > 1)
			break;
	if (r == NRANKS)
		r = any;
	out = xmalloc(blen[r] + 1);
	memcpy(out, best[r], blen[r]);
	out[blen[r]] = '\0';
	return out;
}

/* One component of a path: [p, p + n). */
struct comp {
	const char	*p;
	size_t		 n;
};

#define MAXCOMPS	64

static size_t
split(const char *path, struct comp *v)
{
	const char	*s = path, *slash;
	size_t		 n = 0;

	while (*s != '\0' && n < MAXCOMPS) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		slash = strchr(s, '/');
		v[n].p = s;
		v[n].n = slash != NULL ? (size_t)(slash - s) : strlen(s);
		s += v[n++].n;
	}
	return n;
}

static int
starts(const struct comp *c, const char *pre)
{
	size_t	 n = strlen(pre);

	return c->n >= n && memcmp(c->p, pre, n) == 0;
}

static int
ends(const struct comp *c, const char *suf)
{
	size_t	 n = strlen(suf);

	return c->n >= n && memcmp(c->p + c->n - n, suf, n) == 0;
}

static int
is_hex(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' &&
		    p[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * A container id: at least 12 lowercase hex digits, all of [p, p + n).
 * "WHAT:<first 12>" into out.
 */
static int
container(const char *what, const char *p, size_t n, char *out, size_t sz)
{
	if (n < 12 || !is_hex(p, n))
		return 0;
	snprintf(out, sz, "%s:%.12s", what, p);
	return 1;
}

/* PRE<hex>SUF as a whole component: the container WHAT. */
static int
scope_of(const struct comp *c, const char *pre, const char *suf,
    const char *what, char *out, size_t sz)
{
	size_t	 a = strlen(pre), b = strlen(suf);

	if (c->n <= a + b || !starts(c, pre) || !ends(c, suf))
		return 0;
	return container(what, c->p + a, c->n - a - b, out, sz);
}

/*
 * Kubernetes: the pod's uid from "kubepods-burstable-pod<uid>.slice"
 * (systemd driver, '-' written '_') or "pod<uid>" (cgroupfs driver).
 */
static int
k8s_pod(const struct comp *v, size_t n, char *out, size_t sz)
{
	const char	*p, *uid = NULL;
	size_t		 i, len = 0, k, hexn;

	if (n == 0 || !starts(&v[0], "kubepods"))
		return 0;
	for (i = 1; i < n && uid == NULL; i++) {
		if (starts(&v[i], "kubepods") && ends(&v[i], ".slice") &&
		    (p = memmem(v[i].p, v[i].n, "-pod", 4)) != NULL) {
			uid = p + 4;
			len = (size_t)(v[i].p + v[i].n - 6 - uid);
		} else if (starts(&v[i], "pod") && v[i].n > 3) {
			uid = v[i].p + 3;
			len = v[i].n - 3;
		}
	}
	if (uid == NULL)
		return 0;
	/* The uid's first group: 8 hex digits before '-' or '_'. */
	for (k = 0, hexn = 0; k < len && hexn < 8; k++) {
		if (uid[k] == '-' || uid[k] == '_')
			break;
		hexn++;
	}
	if (hexn == 0 || !is_hex(uid, hexn))
		return 0;
	snprintf(out, sz, "k8s:%.*s", (int)hexn, uid);
	return 1;
}

/* A container's scope anywhere in the path, the deepest first. */
static int
container_of(const struct comp *v, size_t n, char *out, size_t sz)
{
	size_t	 i;

	if (k8s_pod(v, n, out, sz))
		return 1;
	for (i = n; i-- > 0;) {
		if (scope_of(&v[i], "docker-", ".scope", "docker", out, sz) ||
		    scope_of(&v[i], "cri-containerd-", ".scope", "containerd",
		    out, sz) ||
		    scope_of(&v[i], "nerdctl-", ".scope", "containerd", out,
		    sz) ||
		    scope_of(&v[i], "libpod-", ".scope", "podman", out, sz) ||
		    scope_of(&v[i], "crio-", ".scope", "crio", out, sz))
			return 1;
		/* cgroupfs drivers: /docker/<id>, /libpod_parent/libpod-<id>. */
		if (i + 1 < n && v[i].n == 6 && starts(&v[i], "docker") &&
		    container("docker", v[i + 1].p, v[i + 1].n, out, sz))
			return 1;
		if (i + 1 < n && starts(&v[i], "libpod_parent") &&
		    starts(&v[i + 1], "libpod-") &&
		    container("podman", v[i + 1].p + 7, v[i + 1].n - 7, out, sz))
			return 1;
		/* LXC: lxc.payload.NAME (4.0), or /lxc/NAME before it. */
		if (starts(&v[i], "lxc.payload.") && v[i].n > 12) {
			snprintf(out, sz, "lxc:%.*s", (int)(v[i].n - 12),
			    v[i].p + 12);
			return 1;
		}
		if (i == 0 && n > 1 && v[0].n == 3 && starts(&v[0], "lxc")) {
			snprintf(out, sz, "lxc:%.*s", (int)v[1].n, v[1].p);
			return 1;
		}
	}
	return 0;
}

/* Units that hold processes (slices only hold other units). */
static int
is_unit(const struct comp *c)
{
	return ends(c, ".service") || ends(c, ".scope") ||
	    ends(c, ".socket") || ends(c, ".mount") || ends(c, ".swap");
}

int
cgroup_unit(const char *path, char *out, size_t sz)
{
	struct comp	 v[MAXCOMPS];
	size_t		 n, i, unit = MAXCOMPS;

	if (sz == 0)
		return -1;
	out[0] = '\0';
	if ((n = split(path, v)) == 0)
		return -1;
	if (container_of(v, n, out, sz))
		return 0;
	for (i = 0; i < n; i++)
		if (is_unit(&v[i]))
			unit = i;
	/*
	 * A user's systemd keeps itself in user@UID.service/init.scope:
	 * that process belongs to the service.
	 */
	if (unit != MAXCOMPS && unit > 0 && v[unit].n == 10 &&
	    starts(&v[unit], "init.scope") && is_unit(&v[unit - 1]))
		unit--;
	if (unit != MAXCOMPS) {
		snprintf(out, sz, "%.*s", (int)v[unit].n, v[unit].p);
		return 0;
	}
	snprintf(out, sz, "%s", path);
	return 0;
}

char *
cgroup_read(pid_t pid)
{
	char	 rel[64], b[1 << 14];
	size_t	 len = 0;
	ssize_t	 n;
	int	 fd, saved;

	if (pid <= 0) {
		errno = ENOENT;
		return NULL;
	}
	snprintf(rel, sizeof(rel), "%d/cgroup", (int)pid);
	if ((fd = proc_open(rel, O_RDONLY)) == -1)
		return NULL;
	/* A longer file is cut at a line: the hierarchies wanted come first. */
	while (len < sizeof(b)) {
		n = read(fd, b + len, sizeof(b) - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	saved = errno;
	close(fd);
	if (len == 0) {
		errno = saved != 0 ? saved : ENOENT;
		return NULL;
	}
	return cgroup_pick(b, len);
}

/* The cache: open addressing on the pid. */
struct cg_ent {
	pid_t		 pid;
	int		 used, unit_done;
	char		*path;
	char		*unit;
};

static struct cg_ent	*cache;
static size_t		 ncache, capcache;

static struct cg_ent *
slot(pid_t pid)
{
	struct cg_ent	*old;
	size_t		 i, oldcap;

	if (ncache * 2 >= capcache) {
		old = cache;
		oldcap = capcache;
		capcache = oldcap ? oldcap * 2 : 64;
		cache = xcalloc(capcache, sizeof(*cache));
		ncache = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].used) {
				*slot(old[i].pid) = old[i];
				ncache++;
			}
		}
		free(old);
	}
	for (i = ((uint32_t)pid * 2654435761u) & (capcache - 1);;
	    i = (i + 1) & (capcache - 1)) {
		if (!cache[i].used || cache[i].pid == pid)
			return &cache[i];
	}
}

static struct cg_ent *
lookup(pid_t pid)
{
	struct cg_ent	*e = slot(pid);

	if (!e->used) {
		e->used = 1;
		e->pid = pid;
		e->path = cgroup_read(pid);
		ncache++;
	}
	return e;
}

const char *
proc_cgroup(pid_t pid)
{
	return pid > 0 ? lookup(pid)->path : NULL;
}

const char *
proc_unit(pid_t pid)
{
	struct cg_ent	*e;
	char		 u[256];

	if (pid <= 0)
		return NULL;
	e = lookup(pid);
	if (!e->unit_done) {
		e->unit_done = 1;
		if (e->path != NULL && cgroup_unit(e->path, u, sizeof(u)) == 0)
			e->unit = xstrdup(u);
	}
	return e->unit;
}

void
cgroup_forget(void)
{
	size_t	 i;

	for (i = 0; i < capcache; i++) {
		free(cache[i].path);
		free(cache[i].unit);
	}
	free(cache);
	cache = NULL;
	ncache = capcache = 0;
}
