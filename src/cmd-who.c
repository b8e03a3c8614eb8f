/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool who: the processes that have segments attached, one row per
 * attach - what ipcs and lsipc cannot tell (they give a count).  One scan
 * of /proc/PID/maps, matched on the shmid in the inode field, counting
 * only processes of our IPC namespace; then a check against nattch, since
 * attaches in other PID namespaces or unreadable processes stay unseen.
 * For POSIX objects (--posix, --all-types, /name) one row per mapping and
 * per open fd, matched on the device and inode of the file, so that an
 * object unlinked while still in use is found too, marked deleted.
 * --all-namespaces does the segments' part for every IPC namespace a
 * process is in, each checked against its own segment table.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "format.h"
#include "listing.h"
#include "names.h"
#include "ns.h"
#include "parse.h"
#include "posixshm.h"
#include "proc.h"
#include "procmaps.h"
#include "proof.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

enum {
	COL_TYPE, COL_ID, COL_KEY, COL_NAME, COL_PID, COL_USER, COL_UNIT,
	COL_CGROUP, COL_COMMAND, COL_VIA, COL_FD, COL_ADDRESS, COL_PERMS,
	COL_STATUS, COL_NS, COL_NSPID, COL_NSCOMMAND, NCOLS
};

/*
 * One row: a segment's attach (s and m, in namespace ns), or a POSIX
 * object's hold (h, with the object's name, and whether it was unlinked).
 */
struct who_row {
	const struct shm_seg	*s;
	const struct shm_map	*m;
	const struct ipc_ns	*ns;
	const struct shm_hold	*h;
	const char		*name;
	int			 deleted;
};

#define ROW(r)	((const struct who_row *)(r))

/*
 * The getters, one a column.  What an object's hold does not have is
 * null ("-"), its namespaces included: an object is in a mount
 * namespace, not an IPC one.
 */
static int
sysv_null(const void *r, struct fmt_val *v)
{
	if (ROW(r)->h == NULL)
		return 0;
	fv_null(v);
	return 1;
}

static int
posix_null(const void *r, struct fmt_val *v)
{
	if (ROW(r)->h != NULL)
		return 0;
	fv_null(v);
	return 1;
}

static void
get_type(const void *r, struct fmt_val *v)
{
	fv_set(v, FV_WORD, ROW(r)->h != NULL, ROW(r)->h != NULL ? "posix" :
	    "sysv");
}

static void
get_id(const void *r, struct fmt_val *v)
{
	if (!sysv_null(r, v))
		fv_int(v, ROW(r)->s->id);
}

static void
get_key(const void *r, struct fmt_val *v)
{
	if (!sysv_null(r, v))
		fv_set(v, FV_KEY, (uint32_t)ROW(r)->s->key, NULL);
}

static void
get_name(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_text(v, ROW(r)->name);
}

static pid_t
row_pid(const void *r)
{
	return ROW(r)->h != NULL ? ROW(r)->h->pid : ROW(r)->m->pid;
}

static void
get_pid(const void *r, struct fmt_val *v)
{
	fv_int(v, row_pid(r));
}

static void
get_user(const void *r, struct fmt_val *v)
{
	fv_text(v, names_user(ROW(r)->h != NULL ? ROW(r)->h->uid :
	    ROW(r)->m->uid));
}

static void
get_command(const void *r, struct fmt_val *v)
{
	fv_text(v, proc_command(row_pid(r)));
}

static void
get_unit(const void *r, struct fmt_val *v)
{
	fv_text(v, proc_unit(row_pid(r)));
}

static void
get_cgroup_path(const void *r, struct fmt_val *v)
{
	fv_text(v, proc_cgroup(row_pid(r)));
}

static int
is_fd(const void *r)
{
	return ROW(r)->h != NULL && ROW(r)->h->fd != -1;
}

static void
get_via(const void *r, struct fmt_val *v)
{
	fv_set(v, FV_WORD, (uint64_t)is_fd(r), is_fd(r) ? "fd" : "map");
}

static void
get_fd(const void *r, struct fmt_val *v)
{
	if (is_fd(r))
		fv_int(v, ROW(r)->h->fd);
	else
		fv_null(v);
}

/* start-end in hex: plain. */
static void
get_address(const void *r, struct fmt_val *v)
{
	const struct who_row	*w = ROW(r);

	if (is_fd(r)) {
		fv_null(v);
		return;
	}
	snprintf(v->buf, sizeof(v->buf), "%llx-%llx", (unsigned long long)
	    (w->h != NULL ? w->h->start : w->m->start), (unsigned long long)
	    (w->h != NULL ? w->h->end : w->m->end));
	fv_set(v, FV_PLAIN, 0, v->buf);
}

static void
get_perms(const void *r, struct fmt_val *v)
{
	fv_text(v, ROW(r)->h != NULL ? ROW(r)->h->perms : ROW(r)->m->perms);
}

static void
get_status(const void *r, struct fmt_val *v)
{
	const struct who_row	*w = ROW(r);

	v->list[0] = w->h != NULL ? "deleted" : "dest";
	fv_set(v, FV_LIST, w->h != NULL ? (uint64_t)w->deleted :
	    (uint64_t)((w->s->perms & SEG_DEST) != 0), NULL);
}

static void
get_ns(const void *r, struct fmt_val *v)
{
	if (!sysv_null(r, v))
		fv_uint(v, ROW(r)->m->ns);
}

static void
get_nspid(const void *r, struct fmt_val *v)
{
	if (!sysv_null(r, v))
		listing_ns_pid(ROW(r)->ns, v);
}

static void
get_nscommand(const void *r, struct fmt_val *v)
{
	if (!sysv_null(r, v))
		listing_ns_command(ROW(r)->ns, v);
}

static const struct fmt_col who_cols[] = {
	[COL_TYPE] = { "TYPE", "type", 0,
	    "sysv (a segment) or posix (an object)", get_type },
	[COL_ID] = { "ID", "id", 1, "shmid", get_id },
	[COL_KEY] = { "KEY", "key", 0, "the segment's key, 0x%08x", get_key },
	[COL_NAME] = { "NAME", "name", 0, "the POSIX object's name, /NAME",
	    get_name, 1 },
	[COL_PID] = { "PID", "pid", 1, "process id", get_pid },
	[COL_USER] = { "USER", "user", 0, "the process's user", get_user },
	[COL_UNIT] = { "UNIT", "unit", 0,
	    "its systemd unit or container (from its cgroup)", get_unit, 1 },
	/* JSON's cgroup is a group name elsewhere: this is cgroup_path. */
	[COL_CGROUP] = { "CGROUP", "cgroup_path", 0, "its cgroup path",
	    get_cgroup_path, 1 },
	[COL_COMMAND] = { "COMMAND", "command", 0,
	    "the process's command line", get_command, 1 },
	[COL_VIA] = { "VIA", "via", 0, "map (a mapping) or fd (an open fd)",
	    get_via },
	[COL_FD] = { "FD", "fd", 1, "the open fd's number", get_fd },
	[COL_ADDRESS] = { "ADDRESS", "address", 0,
	    "address range of the attach, start-end in hex", get_address },
	/* JSON's perms are permission bits: this is "access" there. */
	[COL_PERMS] = { "PERMS", "access", 0,
	    "how it is mapped, as in the maps file (rw-s); an fd's rw, r- or -w",
	    get_perms },
	[COL_STATUS] = { "STATUS", "status", 0,
	    "dest (segment marked for removal), deleted (object unlinked)",
	    get_status },
	LISTING_NS_COLUMNS(COL_NS, COL_NSPID, COL_NSCOMMAND, get_ns,
	    get_nspid, get_nscommand),
};
static_assert(sizeof(who_cols) / sizeof(who_cols[0]) == NCOLS,
    "who_cols matches the column enum");

/* The tables show the unit; JSON has the raw cgroup too, at the end. */
static const size_t	 sysv_def[] = { COL_ID, COL_KEY, COL_PID, COL_USER,
	COL_UNIT, COL_COMMAND, COL_ADDRESS, COL_PERMS };
static const size_t	 posix_def[] = { COL_NAME, COL_PID, COL_USER,
	COL_UNIT, COL_COMMAND, COL_VIA, COL_FD, COL_ADDRESS, COL_PERMS,
	COL_STATUS };
static const size_t	 all_def[] = { COL_TYPE, COL_ID, COL_KEY, COL_NAME,
	COL_PID, COL_USER, COL_UNIT, COL_COMMAND, COL_VIA, COL_FD,
	COL_ADDRESS, COL_PERMS, COL_STATUS };
static const size_t	 all_json[] = { COL_TYPE, COL_ID, COL_KEY, COL_NAME,
	COL_PID, COL_USER, COL_COMMAND, COL_VIA, COL_FD, COL_ADDRESS,
	COL_PERMS, COL_STATUS, COL_UNIT, COL_CGROUP };
/* --all-namespaces: the namespace first, its command last, as stat. */
static const size_t	 ns_first[] = { COL_NS, COL_NSPID };
static const size_t	 ns_last[] = { COL_NSCOMMAND };

/* JSON: one row form for both kinds (shmtool-json(7)), every field. */
#define WHO_DEFS(a)	{ COLSET(a), COLSET(a), COLSET(all_json), COLSET(a), \
	COLSET(a) }

static const struct listing who_listing = {
	.cols = who_cols,
	.ncols = NCOLS,
	.key = "attaches",
	.defs = { WHO_DEFS(sysv_def), WHO_DEFS(posix_def), WHO_DEFS(all_def) },
	.ns_first = COLSET(ns_first),
	.ns_last = COLSET(ns_last),
	.ns = COL_NS,
	.nspid = COL_NSPID,
	.nscommand = COL_NSCOMMAND,
};

static const struct cmd_option who_options[] = {
	CMD_GROUP(cmd_output),
	CMD_GROUP(cmd_filters),
	CMD_GROUP(cmd_listing),
	CMD_END
};

static int
seg_by_id(const void *key, const void *elem)
{
	int	 id = *(const int *)key;
	const struct shm_seg *s = elem;

	return id < s->id ? -1 : id > s->id;
}

static int
seg_by_ino(const void *a, const void *b)
{
	const struct shm_seg	*x = a, *y = b;

	return x->px.ino < y->px.ino ? -1 : x->px.ino > y->px.ino;
}

/* POSIX rows by name, then pid, mappings (by address) before fds. */
static int
row_cmp(const void *a, const void *b)
{
	const struct who_row	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if (x->h->pid != y->h->pid)
		return x->h->pid < y->h->pid ? -1 : 1;
	if (x->h->fd != y->h->fd)
		return x->h->fd < y->h->fd ? -1 : 1;
	return x->h->start < y->h->start ? -1 : x->h->start > y->h->start;
}

/*
 * What who gathers before it prints: the rows, and what they point into
 * (the maps, the namespaces' segments, the objects and their holds).
 */
struct who_ctx {
	const size_t	*sel;
	size_t		 nsel;
	struct filter	*flt;
	struct unproven	 u;		/* rows the filters could not prove */
	struct buf	 warnings;	/* lines, printed after the rows */
	int		 allns;		/* --all-namespaces */
	struct ipc_ns_list nl;		/* its namespaces */
	struct ipc_ns	 cur;		/* or ours */
	struct shm_maps	 maps;
	struct shm_list	 objs;		/* the objects asked about */
	int		 objs_listed;	/* objs from select_list */
	struct shm_holds holds;
	struct who_row	*rows;
	size_t		 nrows, caprows;
	int		 rc;
};

static struct who_row *
add_row(struct who_ctx *c)
{
	if (c->nrows == c->caprows) {
		c->caprows = c->caprows ? c->caprows * 2 : 64;
		c->rows = xreallocarray(c->rows, c->caprows, sizeof(*c->rows));
	}
	memset(&c->rows[c->nrows], 0, sizeof(*c->rows));
	return &c->rows[c->nrows++];
}

/* Whether a row passes the filters; those unproven are counted. */
static int
match(struct who_ctx *c, const struct shm_seg *s, time_t now)
{
	char	 why[PROOF_WHY];

	switch (filter_match(c->flt, s, now, why)) {
	case PROOF_YES:
		return 1;
	case PROOF_UNKNOWN:
		if (c->u.n++ == 0)
			memcpy(c->u.why, why, sizeof(c->u.why));
		break;
	case PROOF_NO:
		break;
	}
	return 0;
}

/* Keeps the segments that something is attached to. */
static void
keep_attached(struct shm_list *l)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->segs[i].nattch > 0)
			l->segs[n++] = l->segs[i];
	l->n = n;
}

/*
 * The segments of the TARGETs that pass the filters, sorted by id, no id
 * twice; a missing one is reported and makes the status 1.
 */
static void
sysv_targets(struct who_ctx *c, const struct target *tg, size_t ntg,
    time_t now, struct shm_list *l)
{
	struct shm_seg	*segs;
	char		*cause;
	size_t		 i, j, n = 0;
	int		 dup;

	segs = xcalloc(ntg ? ntg : 1, sizeof(*segs));
	for (i = 0; i < ntg; i++) {
		if (tg[i].type == TARGET_POSIX)
			continue;
		if (select_target(&tg[i], &segs[n], &cause) == -1) {
			cmd_target_warn(&tg[i], cause);
			free(cause);
			c->rc = EXIT_FAIL;
			continue;
		}
		if (!match(c, &segs[n], now))
			continue;
		for (dup = 0, j = 0; j < n; j++)
			dup |= segs[j].id == segs[n].id;
		if (!dup)
			n++;
	}
	for (i = 1; i < n; i++) {
		struct shm_seg	 tmp = segs[i];

		for (j = i; j > 0 && segs[j - 1].id > tmp.id; j--)
			segs[j] = segs[j - 1];
		segs[j] = tmp;
	}
	l->segs = segs;
	l->n = n;
}

/*
 * The attached segments that pass the filters, from the ids in the maps
 * alone: when the scan saw every process (procmaps_complete), a segment
 * in no maps has no attach to show, and the table, 40 ms at 32,000
 * segments, three times the scan, is not needed.  -1 when a segment
 * cannot be read: the caller then reads the table.
 */
static int
sysv_from_maps(struct who_ctx *c, const struct shm_maps *maps, time_t now,
    struct shm_list *l)
{
	size_t	 i;
	int	 id;

	l->segs = xcalloc(maps->n ? maps->n : 1, sizeof(*l->segs));
	l->n = 0;
	for (i = 0; i < maps->n; i++) {
		id = maps->v[i].id;
		if (i > 0 && maps->v[i - 1].id == id)
			continue;	/* sorted by id */
		if (sysvipc_stat(id, &l->segs[l->n]) == -1) {
			if (errno == ENOENT)
				continue;	/* gone since */
			free(l->segs);
			l->segs = NULL;
			return -1;
		}
		if (match(c, &l->segs[l->n], now))
			l->n++;
	}
	return 0;
}

/*
 * The rows of one namespace: the mappings of its processes (with
 * --all-namespaces the maps are of every namespace) that are of its
 * segments, counted in found[] for the check against nattch.
 */
static void
show_ns(struct who_ctx *c, const struct ipc_ns *ns,
    const struct shm_maps *maps, size_t *found)
{
	struct who_row	*r;
	struct shm_seg	*s;
	size_t		 i;

	for (i = 0; i < maps->n; i++) {
		if (c->allns && maps->v[i].ns != ns->ino)
			continue;
		s = ns->segs.n == 0 ? NULL : bsearch(&maps->v[i].id,
		    ns->segs.segs, ns->segs.n, sizeof(*ns->segs.segs),
		    seg_by_id);
		if (s == NULL)
			continue;
		found[s - ns->segs.segs]++;
		r = add_row(c);
		r->ns = ns;
		r->s = s;
		r->m = &maps->v[i];
	}
}

/* Unseen attaches are worth a word: the answer is incomplete. */
static void
warn_unseen(struct who_ctx *c, const struct ipc_ns *ns, const size_t *found)
{
	char	 where[80] = "";
	size_t	 i;

	if (c->allns)
		snprintf(where, sizeof(where), "IPC namespace %llu (pid %d): ",
		    (unsigned long long)ns->ino, (int)ns->pid);
	for (i = 0; i < ns->segs.n; i++) {
		if (found[i] >= ns->segs.segs[i].nattch)
			continue;
		buf_addf(&c->warnings, "%sid %d: %zu of %llu attaches found: "
		    "other PID namespaces or unreadable processes%s\n", where,
		    ns->segs.segs[i].id, found[i],
		    (unsigned long long)ns->segs.segs[i].nattch,
		    geteuid() == 0 ? "" : "; run as root");
	}
}

/*
 * The System V part: every attach of the segments asked about (the
 * TARGETs, or the attached segments that pass the filters), per IPC
 * namespace: ours, or with --all-namespaces every one.
 */
static void
who_sysv(struct who_ctx *c, struct target *tg, size_t ntg, time_t now)
{
	struct ipc_ns_list nl = { 0 };
	struct ipc_ns	*cur = &c->cur;
	char		*cause;
	size_t		 i, skipped, *found;

	if (c->allns) {
		if (select_namespaces(c->flt, &nl, &c->u, &cause) == -1)
			cmd_errx("%s", cause);
	} else {
		/* Our namespace: its pid only when a column shows it. */
		(void)ns_current(cur, listing_ns_needed(&who_listing,
		    c->sel, c->nsel) > 1);
		if (tg != NULL)
			sysv_targets(c, tg, ntg, now, &cur->segs);
		nl.v = cur;
		nl.n = 1;
	}
	if ((c->allns ? procmaps_scan_all(&c->maps) :
	    procmaps_scan(&c->maps)) == -1)
		cmd_err("%s", proc_root());
	if (!c->allns && tg == NULL && (!procmaps_complete(&c->maps) ||
	    sysv_from_maps(c, &c->maps, now, &cur->segs) == -1)) {
		if (select_list(FAMILY_SYSV, &cur->segs, &skipped, &cause) == -1)
			cmd_errx("%s", cause);
		filter_list(c->flt, &cur->segs, &c->u);
	}
	for (i = 0; tg == NULL && i < nl.n; i++)
		keep_attached(&nl.v[i].segs);
	for (i = 0; i < nl.n; i++) {
		found = xcalloc(nl.v[i].segs.n + 1, sizeof(*found));
		show_ns(c, &nl.v[i], &c->maps, found);
		warn_unseen(c, &nl.v[i], found);
		free(found);
	}
	if (c->allns)
		c->nl = nl;	/* warned about after the rows */
}

/* "/name" of a hold's path, as the kernel names the file. */
static const char *
hold_name(const struct shm_hold *h)
{
	const char	*slash = strrchr(h->path, '/');

	return slash != NULL ? slash : h->path;
}

/*
 * A /name TARGET that is not in /dev/shm may be an object unlinked while
 * still mapped or open: the one named so among the deleted holds, if
 * UNSEEN[] (the targets not found) has it.  Marks it found.
 */
static int
unlinked_target(const struct shm_hold *h, struct target **unseen,
    size_t nunseen, int *found)
{
	size_t	 j;
	int	 match = 0;

	if (!h->deleted)
		return 0;
	for (j = 0; j < nunseen; j++) {
		if (strcmp(unseen[j]->name, hold_name(h)) == 0) {
			found[j] = 1;
			match = 1;
		}
	}
	return match;
}

/*
 * The /name TARGETs that are objects, into c->objs; those not in
 * /dev/shm (UNSEEN, NUNSEEN) may be unlinked and still held.
 */
static void
posix_targets(struct who_ctx *c, struct target *tg, size_t ntg,
    struct target **unseen, size_t *nunseen)
{
	struct shm_list	*l = &c->objs;
	char		*cause;
	size_t		 i;

	l->segs = xcalloc(ntg, sizeof(*l->segs));
	for (i = 0; i < ntg; i++) {
		if (tg[i].type != TARGET_POSIX)
			continue;
		if (select_target(&tg[i], &l->segs[l->n], &cause) == 0) {
			l->n++;
			continue;
		}
		/* Not there: unlinked, maybe, and still held. */
		if (errno == ENOENT && posixshm_dir(NULL) != -1 &&
		    !c->flt->active) {
			unseen[(*nunseen)++] = &tg[i];
			free(cause);
			continue;
		}
		cmd_target_warn(&tg[i], cause);
		free(cause);
		c->rc = EXIT_FAIL;
	}
}

/*
 * The rows of the holds of c->objs that pass the filters, and without
 * filters those of objects unlinked while in use that no TARGET excludes
 * (found[] marks the UNSEEN TARGETs they are), sorted.
 */
static void
posix_rows(struct who_ctx *c, int targets, struct target **unseen,
    size_t nunseen, int *found, time_t now)
{
	struct shm_list	*l = &c->objs;
	struct shm_holds *h = &c->holds;
	struct shm_seg	 key, *o;
	struct who_row	*r;
	size_t		 i, first = c->nrows;

	for (i = 0; i < h->n; i++) {
		key.px.ino = h->v[i].ino;
		o = l->n == 0 ? NULL : bsearch(&key, l->segs, l->n,
		    sizeof(*l->segs), seg_by_ino);
		/*
		 * Not in /dev/shm: unlinked while in use (the kernel says
		 * so), or not asked about.  Filters need the object's
		 * fields, so only an unfiltered listing shows it, named as
		 * the kernel names it, or a TARGET that names it and no
		 * object.
		 */
		if (o != NULL ? !match(c, o, now) : c->flt->active ||
		    (targets && !unlinked_target(&h->v[i], unseen, nunseen,
		    found)))
			continue;
		r = add_row(c);
		r->name = o != NULL ? o->px.name : hold_name(&h->v[i]);
		r->deleted = o != NULL ? 0 : h->v[i].deleted;
		r->h = &h->v[i];
	}
	if (c->nrows - first > 1)
		qsort(c->rows + first, c->nrows - first, sizeof(*c->rows),
		    row_cmp);
}

/*
 * The POSIX part: every mapping and open fd of the objects asked about
 * (the /name TARGETs, or those of /dev/shm that pass the filters, and
 * without filters also the unlinked ones still in use, which a /name
 * TARGET also finds when no object has that name any more).
 */
static void
who_posix(struct who_ctx *c, struct target *tg, size_t ntg, time_t now)
{
	struct target	**unseen = NULL;
	char		*cause;
	size_t		 i, skipped, nunseen = 0;
	int		*found = NULL;
	dev_t		 dev;

	if (tg == NULL) {
		if (select_list(FAMILY_POSIX, &c->objs, &skipped, &cause) == -1)
			cmd_errx("%s", cause);
		c->objs_listed = 1;
	} else {
		unseen = xcalloc(ntg, sizeof(*unseen));
		found = xcalloc(ntg, sizeof(*found));
		posix_targets(c, tg, ntg, unseen, &nunseen);
	}
	if (posixshm_dev(&dev, &cause) == -1)
		cmd_errx("%s", cause);
	proof_holders(dev, &c->holds);
	posixshm_count_holds(c->objs.segs, c->objs.n, &c->holds);
	c->flt->holds = &c->holds;
	if (c->objs.n > 1)
		qsort(c->objs.segs, c->objs.n, sizeof(*c->objs.segs),
		    seg_by_ino);
	posix_rows(c, tg != NULL, unseen, nunseen, found, now);
	for (i = 0; i < nunseen; i++) {
		if (found[i])
			continue;
		cmd_target_warn(unseen[i], "no such object");
		c->rc = EXIT_FAIL;
	}
	if (!c->holds.complete)
		buf_addf(&c->warnings, "POSIX objects: holders may be missing: "
		    "%s\n", c->holds.why);
	c->flt->holds = NULL;
	free(unseen);
	free(found);
}

/* The rows, then the warnings gathered on the way; frees it all. */
static void
who_print(struct who_ctx *c, const struct listing_args *a)
{
	struct listing_array arr = { (const char *)c->rows, c->nrows,
	    sizeof(*c->rows), 0 };
	struct fmt_rows	 it = { listing_array_next, listing_array_rewind,
	    &arr };
	struct fmt	*f;
	const char	*line, *eol;

	f = fmt_new(who_cols, a->sel, a->nsel, who_listing.key, a->mode,
	    &a->fo);
	fmt_print(f, &it);
	if (fmt_finish(f) == -1)
		c->rc = EXIT_FAIL;
	fflush(stdout);
	for (line = c->warnings.p; line != NULL && *line != '\0'; line = eol + 1) {
		eol = strchr(line, '\n');
		cmd_warnx("%.*s", (int)(eol - line), line);
	}
	buf_free(&c->warnings);
	listing_unproven(&c->u, "segment or object", "segments or objects",
	    "shown");
	if (c->allns) {
		if (cmd_ns_warn(&c->nl) != EXIT_OK)
			c->rc = EXIT_FAIL;
		ns_list_free(&c->nl);
	} else
		shm_list_free(&c->cur.segs);
	procmaps_free(&c->maps);
	procmaps_holders_free(&c->holds);
	if (c->objs_listed)
		shm_list_free(&c->objs);
	else
		free(c->objs.segs);
	free(c->rows);
}

static int
cmd_who_exec(int argc, char **argv)
{
	struct who_ctx	 c = { 0 };
	struct listing_args a = { 0 };
	int		 ch;

	while ((ch = cmd_getopt(argc, argv)) != -1)
		(void)listing_option(&a, ch, optarg);
	listing_operands(&a, &who_listing, argc, argv);
	c.allns = a.allns;
	c.sel = a.sel;
	c.nsel = a.nsel;
	c.flt = &a.flt;
	if (a.family & FAMILY_SYSV)
		who_sysv(&c, a.tg, a.ntg, (time_t)a.fo.now);
	if (a.family & FAMILY_POSIX)
		who_posix(&c, a.tg, a.ntg, (time_t)a.fo.now);
	who_print(&c, &a);
	listing_free(&a);
	return c.rc;
}

const struct cmd_entry cmd_who_entry = {
	.name = "who",
	.summary = "Show the processes that have segments or POSIX objects",
	.synopsis = "who [OPTIONS] [FILTERS] [TARGET...]",
	.help =
	    "  -o, --output LIST   columns to show (-o +LIST: add to the defaults)\n"
	    "  -J, --json          JSON: {\"attaches\":[...]}, numbers as numbers\n"
	    "                      (shmtool-json(7))\n"
	    "  -r, --raw           single spaces, nothing truncated\n"
	    "  -e, --export        NAME=\"value\" pairs, a line a row (as lsipc -e)\n"
	    "  -n, --noheadings    no header line\n"
	    "      --notruncate    on a terminal, never cut NAME and the commands\n"
	    "                      to fit its width\n"
	    "      --all-namespaces\n"
	    "                      every IPC namespace a process is in, with NS\n"
	    "                      columns (as root; no TARGETs, segments only)\n"
	    "\nFilters (combined with AND):\n"
	    CMD_FILTER_HELP,
	.exec = cmd_who_exec,
	.options = who_options,
	.operands = { CMD_ARG_TARGET },
	.operands_repeat = 1,
	.columns = who_cols,
	.ncolumns = NCOLS,
};
