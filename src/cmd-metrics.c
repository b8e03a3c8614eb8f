/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool metrics: the state of shared memory in the Prometheus text
 * exposition format, for node_exporter's textfile collector (--textfile
 * DIR writes DIR/shmtool.prom atomically) or any scraper of stdout.
 * Segments are summed per IPC namespace (ours, or with --all-namespaces
 * each one, those past --namespaces N summed under ns="other"), POSIX
 * objects for our /dev/shm; owners past --owners N are summed under
 * owner="other", so that the number of series stays bounded on any
 * host.  Rows are summed as each namespace is read and then freed: a
 * container host's thousand namespaces cost their rows once, not at
 * once.
 *
 * What cannot be proven is not counted, by the same proofs as stat and
 * rm (proof.c): a segment is orphaned only when its creator and last
 * user are provably gone, an object unattached only when the scan of
 * /proc saw every process that may hold it.  The rest is exported as such
 * (shmtool_sysv_orphan_unproven_segments, shmtool_unexamined_processes),
 * so that alerts can tell "none" from "cannot tell".
 */
#include "config.h"

#include <sys/stat.h>
#include <assert.h>
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "log.h"
#include "names.h"
#include "ns.h"
#include "posixshm.h"
#include "proc.h"
#include "procmaps.h"
#include "prom.h"
#include "proof.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

#define TEXTFILE_NAME	"shmtool.prom"
#define DEF_OWNERS	10
#define DEF_NAMESPACES	20
#define MAX_TOP		10000
/* As `shmtool limits`: from an exbibyte on, a limit reads "unlimited". */
#define UNLIMITED	(UINT64_C(1) << 60)

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum {
	OPT_TEXTFILE = OPT_CMD,
	OPT_OWNERS,
	OPT_NAMESPACES,
	OPT_SYSLOG
};

static const struct cmd_option metrics_options[] = {
	{ .name = "textfile", .val = OPT_TEXTFILE, .arg = CMD_ARG_DIR },
	{ .name = "owners", .val = OPT_OWNERS, .arg = CMD_ARG_NUMBER },
	{ .name = "namespaces", .val = OPT_NAMESPACES, .arg = CMD_ARG_NUMBER },
	{ .name = "all-namespaces", .val = OPT_ALL_NAMESPACES },
	{ .name = "syslog", .val = OPT_SYSLOG },
	CMD_END
};

static const struct cmd_rule metrics_rules[] = {
	{ CMD_NEEDS, { OPT_NAMESPACES, OPT_ALL_NAMESPACES },
	    "--namespaces applies to --all-namespaces" },
	{ CMD_EXCLUDES, { OPT_ALL_NAMESPACES, CMD_GLOBAL_NS },
	    "--all-namespaces and the global --ns exclude each other" },
	CMD_RULES_END
};

/* Segments or objects of one owner (uid). */
struct owner {
	uint32_t	 uid;
	int		 used;
	uint64_t	 n, bytes;
};

/* An open-addressed table of owners: rows may number 32,000. */
struct owners {
	struct owner	*v;
	size_t		 n, cap;
};

/* The sums over the segments of a namespace, or the objects of /dev/shm. */
struct sums {
	uint64_t	 n, bytes, rss, swap, attaches;
	int		 rss_unknown, swap_unknown;
	uint64_t	 unattached, unattached_bytes;
	uint64_t	 orphaned, orphaned_bytes, unproven;
	uint64_t	 dest, dest_bytes;
	uint64_t	 largest;
	uint64_t	 oldest_orphan;		/* seconds */
	struct owners	 own;
};

/* One IPC namespace, or the namespaces past --namespaces summed. */
struct nsstat {
	const struct ipc_ns *ns;	/* NULL: single mode, or "other" */
	int		 other;
	struct sums	 s;
	int		 has_limits;
	struct shm_limits lim;
	struct shm_usage use;
	double		 seg_ratio, page_ratio;	/* < 0: none */
	char		*cause;		/* why read_limits() failed */
};

/* Everything one run exports. */
struct metrics {
	int		 allns;
	size_t		 top_owners, top_ns;
	int64_t		 now;
	struct nsstat	*ns;		/* what is shown: top N, then "other" */
	size_t		 nns;
	size_t		 namespaces, unreadable;	/* --all-namespaces */
	size_t		 ns_unseen;	/* processes whose namespace is hidden */
	int		 has_posix, has_fs;
	struct sums	 px;
	size_t		 px_skipped, px_unexamined;
	int		 px_complete;	/* the holder scan saw every holder */
	struct posixshm_fs fs;
	int		 rc;
};

/*
 * A failure: on stderr, in the log with --syslog, and exit status 1.
 * The message is raw: names in it are escaped where it is printed.
 */
static void
fail(struct metrics *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(struct metrics *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	/* Escaped once, by whichever prints it. */
	cmd_warnx("%s", msg != NULL ? msg : fmt);
	log_fail("%s", msg != NULL ? msg : fmt);
	free(msg);
	m->rc = EXIT_FAIL;
}

static uint64_t
add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static uint64_t
mul_sat(uint64_t a, uint64_t b)
{
	return a != 0 && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

static struct owner *
owner_slot(struct owners *o, uint32_t uid)
{
	struct owners	 old;
	size_t		 i;

	if (o->n * 2 >= o->cap) {
		old = *o;
		o->cap = old.cap ? old.cap * 2 : 16;
		o->v = xcalloc(o->cap, sizeof(*o->v));
		o->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.v[i].used)
				*owner_slot(o, old.v[i].uid) = old.v[i];
		free(old.v);
	}
	for (i = (uid * 2654435761u) & (o->cap - 1);;
	    i = (i + 1) & (o->cap - 1)) {
		if (!o->v[i].used) {
			o->v[i].used = 1;
			o->v[i].uid = uid;
			o->n++;
			return &o->v[i];
		}
		if (o->v[i].uid == uid)
			return &o->v[i];
	}
}

static void
owner_add(struct owners *o, uint32_t uid, uint64_t n, uint64_t bytes)
{
	struct owner	*e = owner_slot(o, uid);

	e->n += n;
	e->bytes = add_sat(e->bytes, bytes);
}

static void
sums_add(struct sums *t, const struct shm_seg *s, const struct metrics *m)
{
	int64_t	 age;

	t->n++;
	t->bytes = add_sat(t->bytes, s->size);
	if (s->rss < 0)
		t->rss_unknown = 1;
	else
		t->rss = add_sat(t->rss, (uint64_t)s->rss);
	if (s->swap < 0)
		t->swap_unknown = 1;
	else
		t->swap = add_sat(t->swap, (uint64_t)s->swap);
	t->attaches = add_sat(t->attaches, s->nattch);
	if (s->size > t->largest)
		t->largest = s->size;
	owner_add(&t->own, s->uid, 1, s->size);
	if (s->type == SEG_POSIX) {
		/* Unattached only where the scan saw every holder. */
		if (s->nattch == 0 && m->px_complete) {
			t->unattached++;
			t->unattached_bytes = add_sat(t->unattached_bytes,
			    s->size);
		}
		return;
	}
	if (s->perms & SEG_DEST) {
		t->dest++;
		t->dest_bytes = add_sat(t->dest_bytes, s->size);
	}
	if (s->nattch != 0)
		return;
	t->unattached++;
	t->unattached_bytes = add_sat(t->unattached_bytes, s->size);
	/* What stat --orphaned and rm --orphaned would say (proof.c). */
	switch (proof_orphaned(s, NULL)) {
	case PROOF_YES:
		t->orphaned++;
		t->orphaned_bytes = add_sat(t->orphaned_bytes, s->size);
		age = m->now - seg_last_use(s);
		if (age > 0 && (uint64_t)age > t->oldest_orphan)
			t->oldest_orphan = (uint64_t)age;
		break;
	case PROOF_UNKNOWN:
		t->unproven++;
		break;
	case PROOF_NO:
		break;
	}
}

/* The namespaces past the top N, into "other": what adds up, adds up. */
static void
sums_merge(struct sums *to, const struct sums *from)
{
	size_t	 i;

	to->n += from->n;
	to->bytes = add_sat(to->bytes, from->bytes);
	to->rss = add_sat(to->rss, from->rss);
	to->swap = add_sat(to->swap, from->swap);
	to->rss_unknown |= from->rss_unknown;
	to->swap_unknown |= from->swap_unknown;
	to->attaches = add_sat(to->attaches, from->attaches);
	to->unattached += from->unattached;
	to->unattached_bytes = add_sat(to->unattached_bytes,
	    from->unattached_bytes);
	to->orphaned += from->orphaned;
	to->orphaned_bytes = add_sat(to->orphaned_bytes, from->orphaned_bytes);
	to->unproven += from->unproven;
	to->dest += from->dest;
	to->dest_bytes = add_sat(to->dest_bytes, from->dest_bytes);
	if (from->largest > to->largest)
		to->largest = from->largest;
	if (from->oldest_orphan > to->oldest_orphan)
		to->oldest_orphan = from->oldest_orphan;
	for (i = 0; i < from->own.cap; i++)
		if (from->own.v[i].used)
			owner_add(&to->own, from->own.v[i].uid,
			    from->own.v[i].n, from->own.v[i].bytes);
}

/* used / limit, or -1 where the limit is none or "unlimited". */
static double
ratio(uint64_t used, uint64_t limit, uint64_t limit_bytes)
{
	if (limit == 0 || limit_bytes >= UNLIMITED)
		return -1;
	return (double)used / (double)limit;
}

/*
 * The limits and usage of the namespace we are in; with --all-namespaces
 * from IPC_INFO alone (see sysvipc_ipc_info).
 */
static int
read_limits(struct nsstat *st, int allns)
{
	char	*cause = NULL;

	if ((allns ? sysvipc_ipc_info(&st->lim, &cause) :
	    sysvipc_limits(&st->lim, &cause)) == -1) {
		st->cause = cause;
		return -1;
	}
	if (sysvipc_usage(&st->use) == -1) {
		xasprintf(&st->cause, "SHM_INFO: %s", strerror(errno));
		return -1;
	}
	st->has_limits = 1;
	st->seg_ratio = ratio(st->use.segments, st->lim.shmmni, 0);
	st->page_ratio = ratio(st->use.pages, st->lim.shmall,
	    mul_sat(st->lim.shmall, st->lim.pagesize));
	return 0;
}

static void
sum_list(struct sums *t, const struct shm_list *l, const struct metrics *m)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		sums_add(t, &l->segs[i], m);
}

/* ns_each(): one namespace's rows summed, then freed. */
struct ns_ctx {
	struct metrics		*m;
	const struct ipc_ns	*base;
	struct nsstat		*v;
};

static int
read_ns(struct ipc_ns *ns, void *arg)
{
	struct ns_ctx	*c = arg;
	struct nsstat	*st = &c->v[ns - c->base];
	int		 saved;

	st->ns = ns;
	if (ns_read_segments(ns) == -1) {
		shm_list_free(&ns->segs);
		return -1;
	}
	if (read_limits(st, 1) == -1) {
		saved = errno;
		/* Said by ns_strerror(), with the namespace's name. */
		if (ns->why == NULL)
			ns->why = st->cause;
		else
			free(st->cause);
		st->cause = NULL;
		shm_list_free(&ns->segs);
		errno = saved;
		return -1;
	}
	sum_list(&st->s, &ns->segs, c->m);
	shm_list_free(&ns->segs);
	return 0;
}

/* Largest first: bytes, then segments; ties keep the list's order. */
static int
nsstat_cmp(const void *va, const void *vb)
{
	const struct nsstat	*a = va, *b = vb;

	if (a->s.bytes != b->s.bytes)
		return a->s.bytes > b->s.bytes ? -1 : 1;
	if (a->s.n != b->s.n)
		return a->s.n > b->s.n ? -1 : 1;
	return a->ns->pid < b->ns->pid ? -1 : a->ns->pid > b->ns->pid;
}

/*
 * The namespaces that could be read, the largest --namespaces of them
 * as they are, the rest summed into one "other" entry.  Of the rest,
 * limits mean nothing summed: "other" has none, and the highest usage
 * ratio among them, so that an alert on a ratio still fires.
 */
static void
rank_namespaces(struct metrics *m, struct nsstat *v, size_t n)
{
	struct nsstat	*o;
	size_t		 i, keep;

	qsort(v, n, sizeof(*v), nsstat_cmp);
	keep = n < m->top_ns ? n : m->top_ns;
	m->ns = xcalloc(keep + 1, sizeof(*m->ns));
	memcpy(m->ns, v, keep * sizeof(*v));
	m->nns = keep;
	if (keep == n)
		return;
	o = &m->ns[m->nns++];
	o->other = 1;
	o->seg_ratio = o->page_ratio = -1;
	for (i = keep; i < n; i++) {
		sums_merge(&o->s, &v[i].s);
		if (v[i].seg_ratio > o->seg_ratio)
			o->seg_ratio = v[i].seg_ratio;
		if (v[i].page_ratio > o->page_ratio)
			o->page_ratio = v[i].page_ratio;
		free(v[i].s.own.v);
	}
}

static void
gather_all_namespaces(struct metrics *m, struct ipc_ns_list *l)
{
	struct ns_ctx	 c;
	struct nsstat	*v;
	char		*why;
	size_t		 i, n = 0;

	if (ns_list(l) == -1) {
		fail(m, "%s: %s", proc_root(), strerror(errno));
		return;
	}
	m->ns_unseen = l->unseen;
	c.m = m;
	c.base = l->v;
	c.v = xcalloc(l->n ? l->n : 1, sizeof(*c.v));
	if (ns_each(l, read_ns, &c) == -1)
		cmd_err("cannot return to our own IPC namespace");
	/*
	 * A namespace whose last process left since the list was made is
	 * gone, not unreadable: containers come and go.
	 */
	v = c.v;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].error == ESRCH) {
			free(c.v[i].s.own.v);
			continue;
		}
		m->namespaces++;
		if (l->v[i].error != 0) {
			why = ns_strerror(&l->v[i]);
			fail(m, "%s", why);
			free(why);
			m->unreadable++;
			free(c.v[i].s.own.v);
			continue;
		}
		v[n++] = c.v[i];
	}
	rank_namespaces(m, v, n);
	free(c.v);
}

static void
gather_sysv(struct metrics *m)
{
	struct shm_list	 l;
	char		*cause = NULL;

	m->ns = xcalloc(1, sizeof(*m->ns));
	m->nns = 1;
	m->ns->seg_ratio = m->ns->page_ratio = -1;
	if (sysvipc_list(&l, &cause) == -1) {
		fail(m, "%s", cause);
		free(cause);
		m->nns = 0;
		return;
	}
	sum_list(&m->ns->s, &l, m);
	shm_list_free(&l);
	if (read_limits(m->ns, 0) == -1) {
		fail(m, "limits: %s", m->ns->cause);
		free(m->ns->cause);
		m->ns->cause = NULL;
	}
}

static void
gather_posix(struct metrics *m)
{
	struct shm_list	 l;
	struct shm_holds h;
	char		*why;

	if (posixshm_statfs(&m->fs, &why) == -1) {
		fail(m, "%s", why);
		free(why);
		return;
	}
	m->has_fs = 1;
	if (posixshm_list(&l, &m->px_skipped) == -1) {
		fail(m, "%s: %s", posixshm_dir_path(), strerror(errno));
		return;
	}
	if (posixshm_count(l.segs, l.n, &h) == -1) {
		fail(m, "%s: %s", posixshm_dir_path(), strerror(errno));
		shm_list_free(&l);
		return;
	}
	m->has_posix = 1;
	m->px_unexamined = h.unreadable;
	m->px_complete = h.complete;
	procmaps_holders_free(&h);
	sum_list(&m->px, &l, m);
	shm_list_free(&l);
}

/* ---- rendering ------------------------------------------------------ */

/*
 * The families of a namespace's segments, in output order.  Each has
 * one sample per namespace shown (with an ns label under
 * --all-namespaces); a sample whose value is not known is left out.
 * shmtool-metrics(1) has the same table: keep them together.
 */
enum {
	M_SEGMENTS, M_SIZE, M_RESIDENT, M_SWAPPED, M_ATTACHES, M_UNATTACHED,
	M_UNATTACHED_BYTES, M_ORPHANED, M_ORPHANED_BYTES, M_UNPROVEN, M_DEST,
	M_DEST_BYTES, M_LARGEST, M_OLDEST_ORPHAN, M_LIMIT_SEGMENTS,
	M_LIMIT_PAGES, M_LIMIT_BYTES, M_LIMIT_SEGMENT_BYTES, M_USED_PAGES,
	M_USED_BYTES, M_SEGMENTS_RATIO, M_PAGES_RATIO, NSYSV
};

struct famdef {
	const char	*name;
	const char	*help;
};

static const struct famdef sysv_families[] = {
	[M_SEGMENTS] = { "shmtool_sysv_segments",
	    "System V shared memory segments." },
	[M_SIZE] = { "shmtool_sysv_size_bytes",
	    "Total size of the segments." },
	[M_RESIDENT] = { "shmtool_sysv_resident_bytes",
	    "Resident memory of the segments (absent where the kernel does "
	    "not tell)." },
	[M_SWAPPED] = { "shmtool_sysv_swapped_bytes",
	    "Swapped-out memory of the segments (absent where the kernel "
	    "does not tell)." },
	[M_ATTACHES] = { "shmtool_sysv_attaches",
	    "Attaches to the segments, summed (nattch)." },
	[M_UNATTACHED] = { "shmtool_sysv_unattached_segments",
	    "Segments attached nowhere (nattch 0)." },
	[M_UNATTACHED_BYTES] = { "shmtool_sysv_unattached_bytes",
	    "Total size of the segments attached nowhere." },
	[M_ORPHANED] = { "shmtool_sysv_orphaned_segments",
	    "Unattached segments whose creator and last user are provably "
	    "gone." },
	[M_ORPHANED_BYTES] = { "shmtool_sysv_orphaned_bytes",
	    "Total size of the orphaned segments." },
	[M_UNPROVEN] = { "shmtool_sysv_orphan_unproven_segments",
	    "Unattached segments not counted as orphaned because their "
	    "creator or last user could not be told gone or alive "
	    "(another PID namespace, hidepid, no procfs)." },
	[M_DEST] = { "shmtool_sysv_dest_segments",
	    "Segments marked for removal, still attached." },
	[M_DEST_BYTES] = { "shmtool_sysv_dest_bytes",
	    "Total size of the segments marked for removal." },
	[M_LARGEST] = { "shmtool_sysv_largest_segment_bytes",
	    "Size of the largest segment (0 without segments)." },
	[M_OLDEST_ORPHAN] = { "shmtool_sysv_oldest_orphan_age_seconds",
	    "Time since the oldest orphaned segment was last attached, "
	    "detached or changed (0 without orphans)." },
	[M_LIMIT_SEGMENTS] = { "shmtool_sysv_limit_segments",
	    "SHMMNI: the most segments the IPC namespace may hold." },
	[M_LIMIT_PAGES] = { "shmtool_sysv_limit_pages",
	    "SHMALL: the most pages all segments together may take (the "
	    "default, near 2^64, is exported as it is)." },
	[M_LIMIT_BYTES] = { "shmtool_sysv_limit_bytes",
	    "SHMALL in bytes (saturated at 2^64-1)." },
	[M_LIMIT_SEGMENT_BYTES] = { "shmtool_sysv_limit_segment_bytes",
	    "SHMMAX: the largest size of one segment (the default, near "
	    "2^64, is exported as it is)." },
	[M_USED_PAGES] = { "shmtool_sysv_used_pages",
	    "Pages the segments take, counted against SHMALL." },
	[M_USED_BYTES] = { "shmtool_sysv_used_bytes",
	    "The same in bytes." },
	[M_SEGMENTS_RATIO] = { "shmtool_sysv_segments_usage_ratio",
	    "Segments over SHMMNI; under ns=\"other\" the highest of those "
	    "namespaces." },
	[M_PAGES_RATIO] = { "shmtool_sysv_pages_usage_ratio",
	    "Pages over SHMALL (absent when SHMALL is unlimited, 2^60 bytes "
	    "or more); under ns=\"other\" the highest of those namespaces." },
};
static_assert(NELEM(sysv_families) == NSYSV,
    "sysv_families matches its enum");

/* A sample's value: an integer, a ratio, or none. */
struct value {
	enum { V_NONE, V_U64, V_RATIO } kind;
	uint64_t	 u;
	double		 d;
};

static struct value
u64v(uint64_t u)
{
	struct value	 v = { V_U64, u, 0 };

	return v;
}

static struct value
ratiov(double d)
{
	struct value	 v = { d < 0 ? V_NONE : V_RATIO, 0, d };

	return v;
}

static struct value
sysv_value(const struct nsstat *st, int metric)
{
	const struct sums	*s = &st->s;
	const struct value	 none = { V_NONE, 0, 0 };
	uint64_t		 psz = st->lim.pagesize;

	/* Summed namespaces have no limits, only the highest ratio. */
	if (metric >= M_LIMIT_SEGMENTS && metric <= M_USED_BYTES &&
	    !st->has_limits)
		return none;
	switch (metric) {
	case M_SEGMENTS:	return u64v(s->n);
	case M_SIZE:		return u64v(s->bytes);
	case M_RESIDENT:	return s->rss_unknown ? none : u64v(s->rss);
	case M_SWAPPED:		return s->swap_unknown ? none : u64v(s->swap);
	case M_ATTACHES:	return u64v(s->attaches);
	case M_UNATTACHED:	return u64v(s->unattached);
	case M_UNATTACHED_BYTES: return u64v(s->unattached_bytes);
	case M_ORPHANED:	return u64v(s->orphaned);
	case M_ORPHANED_BYTES:	return u64v(s->orphaned_bytes);
	case M_UNPROVEN:	return u64v(s->unproven);
	case M_DEST:		return u64v(s->dest);
	case M_DEST_BYTES:	return u64v(s->dest_bytes);
	case M_LARGEST:		return u64v(s->largest);
	case M_OLDEST_ORPHAN:	return u64v(s->oldest_orphan);
	case M_LIMIT_SEGMENTS:	return u64v(st->lim.shmmni);
	case M_LIMIT_PAGES:	return u64v(st->lim.shmall);
	case M_LIMIT_BYTES:	return u64v(mul_sat(st->lim.shmall, psz));
	case M_LIMIT_SEGMENT_BYTES: return u64v(st->lim.shmmax);
	case M_USED_PAGES:	return u64v(st->use.pages);
	case M_USED_BYTES:	return u64v(mul_sat(st->use.pages, psz));
	case M_SEGMENTS_RATIO:	return ratiov(st->seg_ratio);
	case M_PAGES_RATIO:	return ratiov(st->page_ratio);
	}
	return none;
}

static void
sample(struct buf *b, const char *name, const struct prom_label *l,
    size_t nl, struct value v)
{
	if (v.kind == V_U64)
		prom_u64(b, name, l, nl, v.u);
	else if (v.kind == V_RATIO)
		prom_double(b, name, l, nl, v.d);
}

/* The ns label of a namespace shown: its inode, or "other". */
static const char *
ns_label(const struct nsstat *st, char *buf, size_t sz)
{
	if (st->other)
		return "other";
	snprintf(buf, sz, "%llu", (unsigned long long)st->ns->ino);
	return buf;
}

/* One owner's line: the label its name makes, and what it has. */
struct owner_row {
	const char	*label;
	uint64_t	 n, bytes;
};

static int
owner_row_label_cmp(const void *va, const void *vb)
{
	const struct owner_row	*a = va, *b = vb;

	return strcmp(a->label, b->label);
}

static int
owner_row_cmp(const void *va, const void *vb)
{
	const struct owner_row	*a = va, *b = vb;

	if (a->bytes != b->bytes)
		return a->bytes > b->bytes ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->label, b->label);
}

/*
 * The owners as shown: one row per name (two uids may share a name:
 * their series would clash), the largest TOP by bytes, then the rest
 * summed as "other" (with a user called other, if one is shown).
 * Returns the number of rows.
 */
static size_t
owner_rows(const struct owners *o, size_t top, struct owner_row **out)
{
	struct owner_row	*v, *other = NULL, rest = { NULL, 0, 0 };
	size_t			 i, n = 0, m = 0;

	v = xcalloc(o->n + 1, sizeof(*v));
	for (i = 0; i < o->cap; i++) {
		if (!o->v[i].used)
			continue;
		v[n].label = names_user(o->v[i].uid);
		v[n].n = o->v[i].n;
		v[n++].bytes = o->v[i].bytes;
	}
	qsort(v, n, sizeof(*v), owner_row_label_cmp);
	for (i = 0; i < n; i++) {
		if (m > 0 && strcmp(v[m - 1].label, v[i].label) == 0) {
			v[m - 1].n += v[i].n;
			v[m - 1].bytes = add_sat(v[m - 1].bytes, v[i].bytes);
		} else
			v[m++] = v[i];
	}
	qsort(v, m, sizeof(*v), owner_row_cmp);
	if (m <= top) {
		*out = v;
		return m;
	}
	for (i = top; i < m; i++) {
		rest.n += v[i].n;
		rest.bytes = add_sat(rest.bytes, v[i].bytes);
	}
	for (i = 0; i < top; i++)
		if (strcmp(v[i].label, "other") == 0)
			other = &v[i];
	if (other == NULL) {
		other = &v[top++];
		other->label = "other";
		other->n = other->bytes = 0;
	}
	other->n += rest.n;
	other->bytes = add_sat(other->bytes, rest.bytes);
	*out = v;
	return top;
}

/*
 * The per-owner families of a kind: for each namespace shown (or for
 * /dev/shm), its top owners.  The owner label follows the ns label.
 */
static void
owner_families(struct buf *b, const struct metrics *m, int posix)
{
	static const struct famdef fam[2][2] = {
		{ { "shmtool_sysv_owner_segments",
		    "Segments by owner: the --owners largest by bytes, the "
		    "rest summed under owner=\"other\"." },
		  { "shmtool_sysv_owner_bytes",
		    "Total size of the segments by owner, bounded the same "
		    "way." } },
		{ { "shmtool_posix_owner_objects",
		    "POSIX objects by owner: the --owners largest by bytes, "
		    "the rest summed under owner=\"other\"." },
		  { "shmtool_posix_owner_bytes",
		    "Total size of the objects by owner, bounded the same "
		    "way." } },
	};
	struct owner_row	*rows;
	struct prom_label	 l[2];
	char			 ino[32];
	size_t			 f, i, j, n, nl, nscope;

	nscope = posix ? 1 : m->nns;
	for (f = 0; f < 2; f++) {
		prom_family(b, fam[posix][f].name, "gauge", fam[posix][f].help);
		for (i = 0; i < nscope; i++) {
			nl = 0;
			if (!posix && m->allns) {
				l[nl].name = "ns";
				l[nl++].value = ns_label(&m->ns[i], ino,
				    sizeof(ino));
			}
			l[nl].name = "owner";
			n = owner_rows(posix ? &m->px.own : &m->ns[i].s.own,
			    m->top_owners, &rows);
			for (j = 0; j < n; j++) {
				l[nl].value = rows[j].label;
				prom_u64(b, fam[posix][f].name, l, nl + 1,
				    f == 0 ? rows[j].n : rows[j].bytes);
			}
			free(rows);
		}
	}
}

static void
render_sysv(struct buf *b, const struct metrics *m)
{
	struct prom_label	 l[1] = { { "ns", NULL } };
	char			 ino[32];
	size_t			 f, i;

	for (f = 0; f < NSYSV; f++) {
		prom_family(b, sysv_families[f].name, "gauge",
		    sysv_families[f].help);
		for (i = 0; i < m->nns; i++) {
			if (m->allns)
				l[0].value = ns_label(&m->ns[i], ino,
				    sizeof(ino));
			sample(b, sysv_families[f].name, l, m->allns ? 1 : 0,
			    sysv_value(&m->ns[i], (int)f));
		}
	}
	owner_families(b, m, 0);
}

/* --all-namespaces: which namespace is which, and how many there were. */
static void
render_namespaces(struct buf *b, const struct metrics *m)
{
	struct prom_label	 l[3];
	const char		*cmd;
	char			 ino[32], pid[16];
	size_t			 i;

	prom_family(b, "shmtool_namespace_info", "gauge",
	    "An IPC namespace shown, by its inode (ns), with an example "
	    "process in it (its lowest pid) and that process's command.");
	for (i = 0; i < m->nns; i++) {
		if (m->ns[i].other)
			continue;
		pid[0] = '\0';
		if (m->ns[i].ns->pid > 0)
			snprintf(pid, sizeof(pid), "%d", (int)m->ns[i].ns->pid);
		cmd = ns_command(m->ns[i].ns);
		l[0].name = "ns";
		l[0].value = ns_label(&m->ns[i], ino, sizeof(ino));
		l[1].name = "pid";
		l[1].value = pid;
		l[2].name = "command";
		l[2].value = cmd != NULL ? cmd : "";
		prom_u64(b, "shmtool_namespace_info", l, 3, 1);
	}
	prom_family(b, "shmtool_namespaces", "gauge",
	    "IPC namespaces found, those summed under ns=\"other\" and the "
	    "unreadable ones included.");
	prom_u64(b, "shmtool_namespaces", NULL, 0, m->namespaces);
	prom_family(b, "shmtool_namespaces_unreadable", "gauge",
	    "IPC namespaces that could not be read: their segments are in "
	    "no other series.");
	prom_u64(b, "shmtool_namespaces_unreadable", NULL, 0, m->unreadable);
}

enum {
	P_OBJECTS, P_SIZE, P_RESIDENT, P_HOLDERS, P_UNATTACHED,
	P_UNATTACHED_BYTES, P_LARGEST, P_SKIPPED, NPOSIX
};

static const struct famdef posix_families[] = {
	[P_OBJECTS] = { "shmtool_posix_objects",
	    "POSIX shared memory objects (the regular files of /dev/shm but "
	    "sem.*)." },
	[P_SIZE] = { "shmtool_posix_size_bytes",
	    "Total size of the objects." },
	[P_RESIDENT] = { "shmtool_posix_resident_bytes",
	    "Memory the objects take, resident or swapped." },
	[P_HOLDERS] = { "shmtool_posix_holders",
	    "Processes that map or hold open an object, summed over the "
	    "objects." },
	[P_UNATTACHED] = { "shmtool_posix_unattached_objects",
	    "Objects no process maps or holds open; 0 while any process "
	    "could not be examined (shmtool_unexamined_processes)." },
	[P_UNATTACHED_BYTES] = { "shmtool_posix_unattached_bytes",
	    "Total size of the unattached objects, counted the same way." },
	[P_LARGEST] = { "shmtool_posix_largest_object_bytes",
	    "Size of the largest object (0 without objects)." },
	[P_SKIPPED] = { "shmtool_posix_skipped_files",
	    "Files of /dev/shm that are no objects: POSIX semaphores "
	    "(sem.*) and what is not a regular file." },
};
static_assert(NELEM(posix_families) == NPOSIX,
    "posix_families matches its enum");

static uint64_t
posix_value(const struct metrics *m, int metric)
{
	switch (metric) {
	case P_OBJECTS:		return m->px.n;
	case P_SIZE:		return m->px.bytes;
	case P_RESIDENT:	return m->px.rss;
	case P_HOLDERS:		return m->px.attaches;
	case P_UNATTACHED:	return m->px.unattached;
	case P_UNATTACHED_BYTES: return m->px.unattached_bytes;
	case P_LARGEST:		return m->px.largest;
	case P_SKIPPED:		return m->px_skipped;
	}
	return 0;
}

/* The file system of /dev/shm: size, use, room, inodes. */
static void
render_fs(struct buf *b, const struct posixshm_fs *fs)
{
	static const struct famdef fam[] = {
		{ "shmtool_posix_fs_size_bytes",
		    "Size of the file system of /dev/shm (0: no limit)." },
		{ "shmtool_posix_fs_used_bytes",
		    "Bytes used in the file system of /dev/shm." },
		{ "shmtool_posix_fs_free_bytes",
		    "Bytes free in the file system of /dev/shm." },
		{ "shmtool_posix_fs_files",
		    "Inodes of the file system of /dev/shm (0: no limit)." },
		{ "shmtool_posix_fs_files_free",
		    "Free inodes of the file system of /dev/shm." },
		{ "shmtool_posix_fs_usage_ratio",
		    "Bytes used over the size (absent without a size limit)." },
		{ "shmtool_posix_fs_files_usage_ratio",
		    "Inodes used over the inodes (absent without a limit)." },
	};
	struct value	 v[NELEM(fam)] = {
		u64v(fs->size), u64v(fs->used), u64v(fs->avail),
		u64v(fs->files), u64v(fs->ffree),
		ratiov(fs->size == 0 ? -1 : (double)fs->used /
		    (double)fs->size),
		ratiov(fs->files == 0 ? -1 : (double)(fs->files - fs->ffree) /
		    (double)fs->files),
	};
	size_t		 i;

	for (i = 0; i < NELEM(fam); i++) {
		prom_family(b, fam[i].name, "gauge", fam[i].help);
		sample(b, fam[i].name, NULL, 0, v[i]);
	}
}

static void
render_posix(struct buf *b, const struct metrics *m)
{
	size_t	 f;

	if (m->has_posix) {
		for (f = 0; f < NPOSIX; f++) {
			prom_family(b, posix_families[f].name, "gauge",
			    posix_families[f].help);
			prom_u64(b, posix_families[f].name, NULL, 0,
			    posix_value(m, (int)f));
		}
		owner_families(b, m, 1);
	}
	if (m->has_fs)
		render_fs(b, &m->fs);
}

static void
render(struct buf *b, const struct metrics *m)
{
	struct prom_label	 l[1];

	prom_family(b, "shmtool_build_info", "gauge",
	    "The shmtool that wrote these metrics.");
	l[0].name = "version";
	l[0].value = PACKAGE_VERSION;
	prom_u64(b, "shmtool_build_info", l, 1, 1);
	if (m->nns > 0)
		render_sysv(b, m);
	if (m->allns)
		render_namespaces(b, m);
	render_posix(b, m);
	prom_family(b, "shmtool_unexamined_processes", "gauge",
	    "Processes that could not be examined: scan=\"holders\" "
	    "(whether they map or hold open a POSIX object), "
	    "scan=\"namespaces\" (which IPC namespace they are in).");
	l[0].name = "scan";
	l[0].value = "holders";
	prom_u64(b, "shmtool_unexamined_processes", l, 1, m->px_unexamined);
	if (m->allns) {
		l[0].value = "namespaces";
		prom_u64(b, "shmtool_unexamined_processes", l, 1,
		    m->ns_unseen);
	}
}

/* ---- the command ---------------------------------------------------- */

static size_t
opt_top(const char *what, const char *arg)
{
	const char	*errstr;
	long long	 v;

	/* Digits only: strtoll would take " 1" and "+1". */
	v = strtonum(arg, 0, MAX_TOP, &errstr);
	if (errstr != NULL || *arg < '0' || *arg > '9')
		usage_err("invalid %s '%s': a count from 0 to %d", what, arg,
		    MAX_TOP);
	return (size_t)v;
}

/* Why the textfile could not be written, in words. */
static void
textfile_fail(struct metrics *m, const char *dir, const struct atomicfile *af)
{
	struct stat	 st;
	char		*perm = NULL;
	const char	*why = strerror(errno);

	/* A refusal names the directory's owner and mode. */
	if ((errno == EACCES || errno == EPERM) && stat(dir, &st) == 0) {
		perm = names_denied(st.st_uid, (uid_t)-1, st.st_mode, NULL);
		why = perm;
	} else if (errno == EACCES || errno == EPERM)
		why = "permission denied";
	else if (errno == EROFS)
		why = "read-only file system";
	switch (af->step) {
	case ATOMICFILE_DIR:
		if (errno == ENOENT)
			why = "no such directory";
		else if (errno == ENOTDIR)
			why = "not a directory";
		fail(m, "--textfile %s: %s", dir, why);
		break;
	case ATOMICFILE_CREATE:
		fail(m, "--textfile %s: cannot create a file there: %s",
		    dir, why);
		break;
	case ATOMICFILE_WRITE:
	case ATOMICFILE_RENAME:
		fail(m, "--textfile %s: cannot write %s: %s", dir,
		    TEXTFILE_NAME, why);
		break;
	}
	free(perm);
}

static void
metrics_free(struct metrics *m)
{
	size_t	 i;

	for (i = 0; i < m->nns; i++)
		free(m->ns[i].s.own.v);
	free(m->ns);
	free(m->px.own.v);
}

static int
cmd_metrics_exec(int argc, char **argv)
{
	struct metrics		 m = { 0 };
	struct ipc_ns_list	 nl = { 0 };
	struct atomicfile	 af;
	struct buf		 out = { 0 };
	const char		*textfile = NULL;
	int			 ch, use_syslog = 0;

	m.top_owners = DEF_OWNERS;
	m.top_ns = DEF_NAMESPACES;
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case OPT_TEXTFILE:
			textfile = optarg;
			break;
		case OPT_OWNERS:
			m.top_owners = opt_top("owner count", optarg);
			break;
		case OPT_NAMESPACES:
			m.top_ns = opt_top("namespace count", optarg);
			break;
		case OPT_ALL_NAMESPACES:
			m.allns = 1;
			break;
		case OPT_SYSLOG:
			use_syslog = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 0, 0);
	if (textfile != NULL && *textfile == '\0')
		usage_err("--textfile needs a directory");
	if (use_syslog)
		log_open("metrics");

	/* Before the work: a directory that cannot take the file says so now. */
	if (textfile != NULL && atomicfile_open(&af, textfile,
	    TEXTFILE_NAME) == -1) {
		textfile_fail(&m, textfile, &af);
		return EXIT_FAIL;
	}
	m.now = now_secs();
	if (m.allns)
		gather_all_namespaces(&m, &nl);
	else
		gather_sysv(&m);
	gather_posix(&m);
	render(&out, &m);
	if (textfile == NULL)
		fwrite(out.p, 1, out.len, stdout);
	else if (atomicfile_commit(&af, out.p, out.len, 0644) == -1)
		textfile_fail(&m, textfile, &af);
	buf_free(&out);
	metrics_free(&m);
	ns_list_free(&nl);
	return m.rc;
}

const struct cmd_entry cmd_metrics_entry = {
	.name = "metrics",
	.summary = "Write metrics for Prometheus (node_exporter's textfile)",
	/* Continuation lines line up after "Usage: shmtool metrics ". */
	.synopsis = "metrics [--textfile DIR] [--owners N] [--syslog]\n"
	    "                       [--all-namespaces [--namespaces N]]",
	.help =
	    "      --textfile DIR  write DIR/" TEXTFILE_NAME " atomically "
	    "(node_exporter's\n"
	    "                      textfile directory) instead of standard "
	    "output\n"
	    "      --owners N      per-owner series for the N largest owners, "
	    "the rest\n"
	    "                      summed as owner=\"other\" (default 10)\n"
	    "      --all-namespaces\n"
	    "                      segments of every IPC namespace a process "
	    "is in,\n"
	    "                      with an ns label (as root)\n"
	    "      --namespaces N  with --all-namespaces: series for the N "
	    "largest\n"
	    "                      namespaces, the rest summed as ns=\"other\" "
	    "(default 20)\n"
	    "      --syslog        also log failures through syslog(3)\n",
	.exec = cmd_metrics_exec,
	.options = metrics_options,
	.rules = metrics_rules,
};
