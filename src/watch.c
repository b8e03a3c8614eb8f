/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The watch engine (see watch.h).  Segments: two lists sorted by id, the
 * one of the last look and the one being read, merged like two sorted
 * files; a row of each has its remembered creator in a parallel array,
 * passed on from one look to the next as the row is.  An id is the same
 * segment while its creator, size and creation stay (an id reused between
 * two looks is a removal and a creation).  Objects: the rows of /dev/shm
 * sorted by name, changed by inotify's events name by name, and compared
 * with a fresh stat at each look; when inotify's queue overflows, the
 * directory is read again and compared whole.
 */
#include "config.h"

#include <sys/inotify.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "posixshm.h"
#include "proc.h"
#include "procmaps.h"
#include "watch.h"
#include "util.h"

/* A creator, remembered; segments made by one process together share it. */
struct creator {
	unsigned int		 refs;
	struct watch_proc	 p;
};

struct watch {
	int			 flags;
	watch_fn		 fn;
	void			*arg;
	int			 looked;	/* the first look is done */

	/*
	 * Segments: the last look, the one being read (and room for
	 * sorting it), their creators.
	 */
	struct shm_list		 cur, next, spare;
	struct creator		**cx, **nx;
	size_t			 cxcap, nxcap;
	struct creator		*recent;	/* the last one remembered */

	/* Objects: sorted by name, which each row owns. */
	int			 ifd;
	struct shm_seg		*objs;
	size_t			 nobj, objcap;

	struct timespec		 now;
	struct watch_stats	 st;
};

static const struct watch_proc	 nobody_proc;

static void
send(struct watch *w, struct watch_event *e)
{
	e->sec = (int64_t)w->now.tv_sec;
	e->nsec = w->now.tv_nsec;
	if (e->creator == NULL)
		e->creator = &nobody_proc;
	w->st.events++;
	w->fn(e, w->arg);
}

static void
simple(struct watch *w, enum watch_kind k, const struct shm_seg *seg,
    const struct shm_seg *old, const struct creator *c)
{
	struct watch_event	 e = { 0 };

	e.kind = k;
	e.seg = seg;
	e.old = old;
	e.creator = c != NULL ? &c->p : NULL;
	send(w, &e);
}

/*
 * The process PID as it is now, if it is the one that acted at SINCE:
 * started by then (a second of slack: btime and the clock ticks round
 * differently).  Read through the caches of proc.c and
 * cgroup.c, which are forgotten at the end of each batch of events.
 */
static void
proc_now(struct watch *w, pid_t pid, int64_t since, struct watch_proc *p)
{
	int64_t	 start;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (pid <= 0)
		return;
	if (proc_start_time(pid, &start) == -1 || start > since + 1)
		return;
	p->command = proc_command(pid);
	p->cgroup = proc_cgroup(pid);
	p->unit = proc_unit(pid);
}

/*
 * After each batch of events: the engine's reads and those of the
 * callback's filters (--orphaned) alike.
 */
static void
forget_procs(struct watch *w)
{
	proc_forget();
	cgroup_forget();
	/* Its strings are its own, but a pid it names may now be reused. */
	w->recent = NULL;
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static char *
put_str(char **at, const char *s)
{
	char	*p = *at;
	size_t	 n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	memcpy(p, s, n);
	*at += n;
	return p;
}

/* P, kept: one allocation with its strings. */
static struct creator *
remember(struct watch *w, const struct watch_proc *p)
{
	struct creator	*c = w->recent;
	size_t		 n = sizeof(*c);
	char		*at;

	if (c != NULL && c->p.pid == p->pid && same_str(c->p.command,
	    p->command) && same_str(c->p.cgroup, p->cgroup) &&
	    same_str(c->p.unit, p->unit)) {
		c->refs++;
		return c;
	}
	n += p->command != NULL ? strlen(p->command) + 1 : 0;
	n += p->cgroup != NULL ? strlen(p->cgroup) + 1 : 0;
	n += p->unit != NULL ? strlen(p->unit) + 1 : 0;
	c = xmalloc(n);
	at = (char *)(c + 1);
	c->refs = 1;
	c->p.pid = p->pid;
	c->p.command = put_str(&at, p->command);
	c->p.cgroup = put_str(&at, p->cgroup);
	c->p.unit = put_str(&at, p->unit);
	w->recent = c;
	return c;
}

static void
release(struct watch *w, struct creator *c)
{
	if (c == NULL || --c->refs > 0)
		return;
	if (w->recent == c)
		w->recent = NULL;
	free(c);
}

/* ---- segments ----------------------------------------------------- */

/*
 * Whether the row of an id is another segment than before: what a
 * segment keeps for life (creator, size) differs, or what only grows
 * went back, or the removal mark went away.  The key changes only to 0,
 * with the mark.
 */
static int
reused(const struct shm_seg *o, const struct shm_seg *n)
{
	return n->sv.cpid != o->sv.cpid || n->sv.cuid != o->sv.cuid ||
	    n->sv.cgid != o->sv.cgid || n->size != o->size ||
	    n->ctime < o->ctime || n->atime < o->atime ||
	    n->sv.dtime < o->sv.dtime ||
	    ((o->perms & SEG_DEST) && !(n->perms & SEG_DEST)) ||
	    (n->key != o->key && !(n->perms & SEG_DEST));
}

static void	attaches(struct watch *, const struct shm_seg *,
		    const struct shm_seg *, const struct creator *);

/*
 * A segment seen for the first time: its creator, read now.  A new one
 * already attached or detached since it was made: those events too,
 * from a row as it was made.
 */
static struct creator *
born(struct watch *w, const struct shm_seg *s)
{
	struct watch_proc	 p;
	struct creator		*c;
	struct shm_seg		 made;

	proc_now(w, s->sv.cpid, s->ctime, &p);
	c = remember(w, &p);
	if (!w->looked) {
		if (w->flags & WATCH_EXISTING)
			simple(w, WATCH_EXIST, s, NULL, c);
		return c;
	}
	simple(w, WATCH_CREATE, s, NULL, c);
	made = *s;
	made.nattch = 0;
	made.atime = made.sv.dtime = 0;
	attaches(w, &made, s, c);
	return c;
}

static void
gone(struct watch *w, const struct shm_seg *s, struct creator *c)
{
	simple(w, WATCH_REMOVE, s, NULL, c);
	release(w, c);
}

static void
attaches(struct watch *w, const struct shm_seg *o, const struct shm_seg *n,
    const struct creator *c)
{
	struct watch_event	 e = { 0 };
	struct watch_proc	 last;
	int64_t			 delta = (int64_t)(n->nattch - o->nattch);
	int			 att, det;

	att = delta > 0 || n->atime != o->atime;
	det = delta < 0 || n->sv.dtime != o->sv.dtime;
	if (!att && !det)
		return;
	/* Back where it was, or up with a detach seen: both happened. */
	if (delta == 0 || (delta > 0 && det))
		att = det = 1;
	proc_now(w, n->sv.lpid, n->atime > n->sv.dtime ? n->atime :
	    n->sv.dtime, &last);
	e.seg = n;
	e.old = o;
	e.creator = &c->p;
	e.last = &last;
	e.delta = delta;
	e.several = (att && det) || delta > 1 || delta < -1;
	/* Both: in the order of their times, the detach first on a tie. */
	if (att && det && n->sv.dtime <= n->atime) {
		e.kind = WATCH_DETACH;
		send(w, &e);
		det = 0;
	}
	if (att) {
		e.kind = WATCH_ATTACH;
		send(w, &e);
	}
	if (det) {
		e.kind = WATCH_DETACH;
		send(w, &e);
	}
}

static void
changed(struct watch *w, const struct shm_seg *o, const struct shm_seg *n,
    const struct creator *c)
{
	/* ctime counts seconds: a change within one shows in the fields. */
	if (n->ctime != o->ctime || n->uid != o->uid || n->gid != o->gid ||
	    (n->perms & 0777) != (o->perms & 0777))
		simple(w, WATCH_CHANGE, n, o, c);
	if ((n->perms ^ o->perms) & SEG_LOCKED)
		simple(w, n->perms & SEG_LOCKED ? WATCH_LOCK : WATCH_UNLOCK, n,
		    o, c);
	attaches(w, o, n, c);
	if (!(o->perms & SEG_DEST) && (n->perms & SEG_DEST))
		simple(w, WATCH_MARK, n, o, c);
}

static void
grow_creators(struct creator ***v, size_t *cap, size_t n)
{
	if (n <= *cap)
		return;
	*cap = n + n / 2 + 64;
	*v = xreallocarray(*v, *cap, sizeof(**v));
}

static int
look_sysv(struct watch *w, char **cause)
{
	struct shm_list		 tl;
	struct creator		**tx;
	const struct shm_seg	*o, *n;
	size_t			 i = 0, j = 0, tcap;

	if (sysvipc_relist(&w->next, &w->spare, cause) == -1)
		return -1;
	grow_creators(&w->nx, &w->nxcap, w->next.n);
	while (i < w->cur.n || j < w->next.n) {
		o = i < w->cur.n ? &w->cur.segs[i] : NULL;
		n = j < w->next.n ? &w->next.segs[j] : NULL;
		if (n == NULL || (o != NULL && o->id < n->id)) {
			gone(w, o, w->cx[i++]);
			continue;
		}
		if (o == NULL || n->id < o->id) {
			w->nx[j] = born(w, n);
			j++;
			continue;
		}
		if (reused(o, n)) {
			gone(w, o, w->cx[i]);
			w->nx[j] = born(w, n);
		} else {
			w->nx[j] = w->cx[i];
			changed(w, o, n, w->nx[j]);
		}
		i++;
		j++;
	}
	tl = w->cur;
	w->cur = w->next;
	w->next = tl;
	tx = w->cx;
	w->cx = w->nx;
	w->nx = tx;
	tcap = w->cxcap;
	w->cxcap = w->nxcap;
	w->nxcap = tcap;
	return 0;
}

/* ---- objects ------------------------------------------------------ */

/* 1 and its index when NAME is known, else 0 and where it would go. */
static int
obj_find(const struct watch *w, const char *name, size_t *at)
{
	size_t	 lo = 0, hi = w->nobj, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(w->objs[mid].px.name, name)) == 0) {
			*at = mid;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return 0;
}

static void
obj_insert(struct watch *w, size_t at, const struct shm_seg *row)
{
	if (w->nobj == w->objcap) {
		w->objcap = w->objcap ? w->objcap * 2 : 16;
		w->objs = xreallocarray(w->objs, w->objcap, sizeof(*w->objs));
	}
	memmove(&w->objs[at + 1], &w->objs[at],
	    (w->nobj - at) * sizeof(*w->objs));
	w->objs[at] = *row;
	w->objs[at].px.name = xstrdup(row->px.name);
	w->nobj++;
}

static void
obj_drop(struct watch *w, size_t at)
{
	struct shm_seg	 gone_row = w->objs[at];

	memmove(&w->objs[at], &w->objs[at + 1],
	    (w->nobj - at - 1) * sizeof(*w->objs));
	w->nobj--;
	simple(w, WATCH_DELETE, &gone_row, NULL, NULL);
	free((char *)(uintptr_t)gone_row.px.name);
}

/* Semaphores share the directory; listings leave them out too. */
static int
is_object_name(const char *name)
{
	return strncmp(name, "/sem.", 5) != 0;
}

/* The same object (inode) as before, compared: K is updated. */
static void
obj_compare(struct watch *w, struct shm_seg *k, const struct shm_seg *row)
{
	struct shm_seg	 old = *k, now = *row;

	now.px.name = k->px.name;
	*k = now;
	if (now.size != old.size)
		simple(w, WATCH_RESIZE, k, &old, NULL);
	if ((now.perms & 0777) != (old.perms & 0777))
		simple(w, WATCH_CHMOD, k, &old, NULL);
	if (now.uid != old.uid || now.gid != old.gid)
		simple(w, WATCH_CHOWN, k, &old, NULL);
	if (now.px.mtime > old.px.mtime && now.size == old.size)
		simple(w, WATCH_WRITE, k, &old, NULL);
}

/*
 * What is at NAME now against what was known of it: created, deleted,
 * replaced by another file (delete and create), or changed.
 */
static void
obj_check(struct watch *w, const char *name)
{
	struct shm_seg	 row;
	size_t		 at;
	int		 known, here;

	here = is_object_name(name) && posixshm_get(name, &row, NULL) == 0;
	known = obj_find(w, name, &at);
	if (known && (!here || row.px.ino != w->objs[at].px.ino)) {
		obj_drop(w, at);
		known = 0;
	}
	if (!here)
		return;
	if (known) {
		obj_compare(w, &w->objs[at], &row);
		return;
	}
	obj_insert(w, at, &row);
	simple(w, WATCH_CREATE, &w->objs[at], NULL, NULL);
}

/*
 * The directory read whole and compared with what is known (the first
 * look, and after inotify lost events).  Both lists are sorted by name.
 */
static int
obj_rescan(struct watch *w, char **cause)
{
	struct shm_list	 l;
	struct shm_seg	*k, *r;
	size_t		 i = 0, j = 0, skipped;
	int		 c;

	if (posixshm_list(&l, &skipped) == -1) {
		set_cause(cause, "%s: %s", posixshm_dir_path(),
		    strerror(errno));
		return -1;
	}
	while (i < w->nobj || j < l.n) {
		k = i < w->nobj ? &w->objs[i] : NULL;
		r = j < l.n ? &l.segs[j] : NULL;
		c = k == NULL ? 1 : r == NULL ? -1 : strcmp(k->px.name,
		    r->px.name);
		if (c < 0 || (c == 0 && k->px.ino != r->px.ino))
			simple(w, WATCH_DELETE, k, NULL, NULL);
		if (c > 0 || (c == 0 && k->px.ino != r->px.ino)) {
			if (w->looked)
				simple(w, WATCH_CREATE, r, NULL, NULL);
			else if (w->flags & WATCH_EXISTING)
				simple(w, WATCH_EXIST, r, NULL, NULL);
		} else if (c == 0) {
			/* Compared on a copy that takes the new name. */
			struct shm_seg	 tmp = *k;

			tmp.px.name = r->px.name;
			obj_compare(w, &tmp, r);
		}
		i += c <= 0;
		j += c >= 0;
	}
	for (i = 0; i < w->nobj; i++)
		free((char *)(uintptr_t)w->objs[i].px.name);
	free(w->objs);
	w->objs = l.segs;
	w->nobj = w->objcap = l.n;
	return 0;
}

/*
 * Every known object stat'ed again: stores through a mapping move mtime
 * without an inotify event.
 */
static void
look_posix(struct watch *w)
{
	char	 name[NAME_MAX + 2];
	size_t	 i = 0, before;

	while (i < w->nobj) {
		/* obj_check may free the row's name: a copy. */
		snprintf(name, sizeof(name), "%s", w->objs[i].px.name);
		before = w->nobj;
		obj_check(w, name);
		/* Deleted: the next one has moved into its place. */
		if (w->nobj >= before)
			i++;
	}
}

/* ---- the interface ------------------------------------------------ */

struct watch *
watch_new(int flags, watch_fn fn, void *arg, char **cause)
{
	struct watch	*w = xcalloc(1, sizeof(*w));
	char		 path[64];
	int		 dfd, saved;

	w->flags = flags;
	w->fn = fn;
	w->arg = arg;
	w->ifd = -1;
	if (!(flags & WATCH_POSIX))
		return w;
	if ((dfd = posixshm_dir(cause)) == -1) {
		saved = errno;
		watch_free(w);
		errno = saved;
		return NULL;
	}
	if ((w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		goto fail;
	/*
	 * The directory posixshm opened, through its fd's link: the same
	 * directory whatever its path, also another namespace's.
	 */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dfd);
	if (inotify_add_watch(w->ifd, path, IN_CREATE | IN_DELETE |
	    IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_MODIFY |
	    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) == -1 &&
	    (errno != ENOENT || inotify_add_watch(w->ifd,
	    posixshm_dir_path(), IN_CREATE | IN_DELETE | IN_MOVED_FROM |
	    IN_MOVED_TO | IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF |
	    IN_MOVE_SELF | IN_ONLYDIR) == -1))
		goto fail;
	return w;
fail:
	saved = errno;
	set_cause(cause, "%s: cannot watch: %s", posixshm_dir_path(),
	    strerror(saved));
	watch_free(w);
	errno = saved;
	return NULL;
}

int
watch_fd(const struct watch *w)
{
	return w->ifd;
}

static uint64_t
ns_since(const struct timespec *a)
{
	struct timespec	 b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (uint64_t)(b.tv_sec - a->tv_sec) * 1000000000u +
	    (uint64_t)(b.tv_nsec - a->tv_nsec);
}

int
watch_look(struct watch *w, char **cause)
{
	struct timespec	 t0;
	int		 rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_REALTIME, &w->now);
	if ((w->flags & WATCH_SYSV) && look_sysv(w, cause) == -1)
		rc = -1;
	if (rc == 0 && (w->flags & WATCH_POSIX)) {
		if (!w->looked)
			rc = obj_rescan(w, cause);
		else
			look_posix(w);
	}
	forget_procs(w);
	w->looked = 1;
	w->st.looks++;
	w->st.last_ns = ns_since(&t0);
	w->st.look_ns += w->st.last_ns;
	return rc;
}

/* The directory itself went away: nothing more can be watched there. */
#define DIR_GONE	(IN_IGNORED | IN_UNMOUNT | IN_DELETE_SELF | IN_MOVE_SELF)

int
watch_notify(struct watch *w, char **cause)
{
	char				 b[4096 + sizeof(struct inotify_event) + NAME_MAX + 1]
					    __attribute__((aligned(__alignof__(struct inotify_event))));
	char				 name[NAME_MAX + 2];
	const struct inotify_event	*ev;
	ssize_t				 n, off;
	int				 rc = 0;

	if (w->ifd == -1)
		return 0;
	clock_gettime(CLOCK_REALTIME, &w->now);
	while (rc == 0 && (n = read(w->ifd, b, sizeof(b))) > 0) {
		for (off = 0; rc == 0 && off < n;
		    off += (ssize_t)(sizeof(*ev) + ev->len)) {
			ev = (const struct inotify_event *)(void *)(b + off);
			if (ev->mask & IN_Q_OVERFLOW) {
				simple(w, WATCH_OVERFLOW, NULL, NULL, NULL);
				rc = obj_rescan(w, cause);
			} else if (ev->mask & DIR_GONE) {
				set_cause(cause, "%s: removed or unmounted: its "
				    "objects can no longer be watched",
				    posixshm_dir_path());
				errno = ENOENT;
				rc = -1;
			} else if (ev->len > 0 && ev->name[0] != '\0') {
				snprintf(name, sizeof(name), "/%s", ev->name);
				obj_check(w, name);
			}
		}
	}
	if (rc == 0 && n == -1 && errno != EAGAIN && errno != EINTR) {
		set_cause(cause, "%s: inotify: %s", posixshm_dir_path(),
		    strerror(errno));
		rc = -1;
	}
	forget_procs(w);
	return rc;
}

void
watch_stats(const struct watch *w, struct watch_stats *st)
{
	*st = w->st;
	st->segments = w->cur.n;
	st->objects = w->nobj;
}

void
watch_free(struct watch *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->cur.n; i++)
		release(w, w->cx[i]);
	shm_list_free(&w->cur);
	shm_list_free(&w->next);
	shm_list_free(&w->spare);
	free(w->cx);
	free(w->nx);
	for (i = 0; i < w->nobj; i++)
		free((char *)(uintptr_t)w->objs[i].px.name);
	free(w->objs);
	if (w->ifd != -1)
		close(w->ifd);
	forget_procs(w);
	free(w);
}
