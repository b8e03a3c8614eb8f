/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool stat: without TARGET, one row per segment from one pass over
 * the segment table (what ipcs -m and lsipc -m show, faster and with
 * every field), or per POSIX object of /dev/shm (--posix), or both
 * (--all-types); with TARGETs, every field of each as "name: value"
 * lines.  One column table drives -o, the headers, --help, --sort and
 * every format; each kind has its own default columns, and a field a
 * kind does not have is null ("-").  Columns that need /proc (CCOMMAND,
 * CUNIT, CCGROUP, ORPHAN, and NATTCH of POSIX objects) are only computed
 * when needed.
 * --all-namespaces lists the segments of every IPC namespace a process is
 * in, each row with its namespace (NS) and an example process of it
 * (NSPID, NSCOMMAND).
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
	COL_TYPE, COL_KEY, COL_ID, COL_NAME, COL_OWNER, COL_GROUP, COL_UID,
	COL_GID, COL_CUSER, COL_CGROUP, COL_CUID, COL_CGID, COL_PERMS,
	COL_MODE, COL_SIZE, COL_RSS, COL_SWAP, COL_NATTCH, COL_STATUS,
	COL_CPID, COL_LPID, COL_CCOMMAND, COL_CUNIT, COL_CCGROUP, COL_ATIME,
	COL_DTIME, COL_MTIME, COL_CTIME, COL_AGE, COL_ORPHAN, COL_NS, COL_NSPID,
	COL_NSCOMMAND, NCOLS
};

/* A row of the listing: a segment or object, and the namespace it is in. */
struct row {
	const struct shm_seg	*s;
	const struct ipc_ns	*ns;
};

#define SEG(r)	(((const struct row *)(r))->s)
#define NS(r)	(((const struct row *)(r))->ns)

static int64_t	 now;

/*
 * The getters, one a column: what --sort compares and every format
 * shows.  What a POSIX object does not have is null ("-"), its
 * namespaces included: a mount namespace's, not an IPC namespace's.
 */
static int
posix_null(const void *r, struct fmt_val *v)
{
	if (SEG(r)->type != SEG_POSIX)
		return 0;
	fv_null(v);
	return 1;
}

static void
get_type(const void *r, struct fmt_val *v)
{
	fv_set(v, FV_WORD, SEG(r)->type, SEG(r)->type == SEG_POSIX ? "posix" :
	    "sysv");
}

static void
get_key(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_set(v, FV_KEY, (uint32_t)SEG(r)->key, NULL);
}

static void
get_id(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_int(v, SEG(r)->id);
}

static void
get_name(const void *r, struct fmt_val *v)
{
	fv_text(v, seg_name(SEG(r)));
}

static void
get_owner(const void *r, struct fmt_val *v)
{
	fv_text(v, names_user(SEG(r)->uid));
}

static void
get_group(const void *r, struct fmt_val *v)
{
	fv_text(v, names_group(SEG(r)->gid));
}

static void
get_uid(const void *r, struct fmt_val *v)
{
	fv_uint(v, SEG(r)->uid);
}

static void
get_gid(const void *r, struct fmt_val *v)
{
	fv_uint(v, SEG(r)->gid);
}

static void
get_cuser(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_text(v, names_user(seg_cuid(SEG(r))));
}

static void
get_cgroup(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_text(v, names_group(seg_cgid(SEG(r))));
}

static void
get_cuid(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_uint(v, seg_cuid(SEG(r)));
}

static void
get_cgid(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_uint(v, seg_cgid(SEG(r)));
}

static void
get_perms(const void *r, struct fmt_val *v)
{
	fv_set(v, FV_OCTAL, SEG(r)->perms & 0777, NULL);
}

static void
get_mode(const void *r, struct fmt_val *v)
{
	sysvipc_modestr(SEG(r)->perms, v->buf);
	fv_set(v, FV_PLAIN, 0, v->buf);
}

/* A size, or null where it is not known (negative). */
static void
size_val(struct fmt_val *v, int64_t n)
{
	if (n >= 0)
		fv_set(v, FV_SIZE, (uint64_t)n, NULL);
	else
		fv_null(v);
}

static void
get_size(const void *r, struct fmt_val *v)
{
	fv_set(v, FV_SIZE, SEG(r)->size, NULL);
}

static void
get_rss(const void *r, struct fmt_val *v)
{
	size_val(v, SEG(r)->rss);
}

static void
get_swap(const void *r, struct fmt_val *v)
{
	size_val(v, SEG(r)->swap);
}

static void
get_nattch(const void *r, struct fmt_val *v)
{
	fv_uint(v, SEG(r)->nattch);
}

static void
get_status(const void *r, struct fmt_val *v)
{
	size_t	 n = 0;

	if (SEG(r)->perms & SEG_DEST)
		v->list[n++] = "dest";
	if (SEG(r)->perms & SEG_LOCKED)
		v->list[n++] = "locked";
	fv_set(v, FV_LIST, n, NULL);
}

static void
get_cpid(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_int(v, seg_cpid(SEG(r)));
}

static void
get_lpid(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		fv_int(v, seg_lpid(SEG(r)));
}

/*
 * The creator while that process runs and is no reuse, else 0 (and V
 * null): what its command, unit and cgroup are read from.
 */
static pid_t
live_creator(const void *r, struct fmt_val *v)
{
	const struct shm_seg	*s = SEG(r);
	int64_t			 start;

	if (posix_null(r, v))
		return 0;
	if (proc_start_time(seg_cpid(s), &start) == -1 || start > s->ctime) {
		fv_null(v);
		return 0;
	}
	return seg_cpid(s);
}

static void
get_ccommand(const void *r, struct fmt_val *v)
{
	pid_t	 pid;

	if ((pid = live_creator(r, v)) != 0)
		fv_text(v, proc_command(pid));
}

static void
get_cunit(const void *r, struct fmt_val *v)
{
	pid_t	 pid;

	if ((pid = live_creator(r, v)) != 0)
		fv_text(v, proc_unit(pid));
}

static void
get_ccgroup(const void *r, struct fmt_val *v)
{
	pid_t	 pid;

	if ((pid = live_creator(r, v)) != 0)
		fv_text(v, proc_cgroup(pid));
}

/* A time, or null for none (0: never attached, detached...). */
static void
time_val(struct fmt_val *v, int64_t t)
{
	v->type = t != 0 ? FV_TIME : FV_NULL;
	v->i = t;
}

static void
get_atime(const void *r, struct fmt_val *v)
{
	time_val(v, SEG(r)->atime);
}

static void
get_dtime(const void *r, struct fmt_val *v)
{
	time_val(v, seg_dtime(SEG(r)));
}

static void
get_mtime(const void *r, struct fmt_val *v)
{
	time_val(v, seg_mtime(SEG(r)));
}

static void
get_ctime(const void *r, struct fmt_val *v)
{
	time_val(v, SEG(r)->ctime);
}

/* Youngest first when sorted, as the column reads. */
static void
get_age(const void *r, struct fmt_val *v)
{
	v->type = FV_AGE;
	v->i = now - seg_last_use(SEG(r));
}

/* What is proven; unknown where it cannot be (null, "-"). */
static void
get_orphan(const void *r, struct fmt_val *v)
{
	if (posix_null(r, v))
		return;
	switch (proof_orphaned(SEG(r), NULL)) {
	case PROOF_YES:
		fv_set(v, FV_BOOL, 1, NULL);
		break;
	case PROOF_NO:
		fv_set(v, FV_BOOL, 0, NULL);
		break;
	case PROOF_UNKNOWN:
		fv_null(v);
		break;
	}
}

static void
get_ns(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		listing_ns_ino(NS(r), v);
}

static void
get_nspid(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		listing_ns_pid(NS(r), v);
}

static void
get_nscommand(const void *r, struct fmt_val *v)
{
	if (!posix_null(r, v))
		listing_ns_command(NS(r), v);
}

static const struct fmt_col stat_cols[] = {
	[COL_TYPE] = { "TYPE", "type", 0,
	    "sysv (a segment) or posix (an object)", get_type },
	[COL_KEY] = { "KEY", "key", 0, "key, 0x%08x", get_key },
	[COL_ID] = { "ID", "id", 1, "shmid", get_id },
	[COL_NAME] = { "NAME", "name", 0, "a POSIX object's name, /NAME",
	    get_name, 1 },
	[COL_OWNER] = { "OWNER", "owner", 0, "owner's user name (or uid)",
	    get_owner },
	[COL_GROUP] = { "GROUP", "group", 0, "owner's group name (or gid)",
	    get_group },
	[COL_UID] = { "UID", "uid", 1, "owner's uid", get_uid },
	[COL_GID] = { "GID", "gid", 1, "owner's gid", get_gid },
	[COL_CUSER] = { "CUSER", "cuser", 0, "creator's user name",
	    get_cuser },
	[COL_CGROUP] = { "CGROUP", "cgroup", 0, "creator's group name",
	    get_cgroup },
	[COL_CUID] = { "CUID", "cuid", 1, "creator's uid", get_cuid },
	[COL_CGID] = { "CGID", "cgid", 1, "creator's gid", get_cgid },
	[COL_PERMS] = { "PERMS", "perms", 0, "permissions in octal",
	    get_perms },
	[COL_MODE] = { "MODE", "mode", 0, "permissions as rw-------",
	    get_mode },
	[COL_SIZE] = { "SIZE", "size", 1, "size (--bytes: in bytes)",
	    get_size },
	[COL_RSS] = { "RSS", "rss", 1,
	    "resident memory (POSIX: resident or swapped)", get_rss },
	[COL_SWAP] = { "SWAP", "swap", 1, "swapped out memory", get_swap },
	[COL_NATTCH] = { "NATTCH", "nattch", 1,
	    "attaches (POSIX: processes mapping it or holding it open)",
	    get_nattch },
	[COL_STATUS] = { "STATUS", "status", 0,
	    "dest (marked for removal), locked", get_status },
	[COL_CPID] = { "CPID", "cpid", 1, "creator's pid", get_cpid },
	[COL_LPID] = { "LPID", "lpid", 1, "pid of the last attach or detach",
	    get_lpid },
	[COL_CCOMMAND] = { "CCOMMAND", "ccommand", 0,
	    "creator's command, if it still runs", get_ccommand, 1 },
	[COL_CUNIT] = { "CUNIT", "cunit", 0,
	    "creator's systemd unit or container, if it still runs",
	    get_cunit, 1 },
	/* JSON's cgroup is the creator's group name (0.1.0). */
	[COL_CCGROUP] = { "CCGROUP", "ccgroup_path", 0,
	    "creator's cgroup path, if it still runs", get_ccgroup, 1 },
	[COL_ATIME] = { "ATIME", "atime", 0, "last attach", get_atime },
	[COL_DTIME] = { "DTIME", "dtime", 0, "last detach", get_dtime },
	[COL_MTIME] = { "MTIME", "mtime", 0, "a POSIX object's last write",
	    get_mtime },
	[COL_CTIME] = { "CTIME", "ctime", 0, "creation or last change",
	    get_ctime },
	[COL_AGE] = { "AGE", "age", 1,
	    "since the last attach, detach or change (POSIX: a/m/ctime)",
	    get_age },
	[COL_ORPHAN] = { "ORPHAN", "orphan", 0,
	    "unattached, creator and last user gone", get_orphan },
	LISTING_NS_COLUMNS(COL_NS, COL_NSPID, COL_NSCOMMAND, get_ns,
	    get_nspid, get_nscommand),
};
static_assert(sizeof(stat_cols) / sizeof(stat_cols[0]) == NCOLS,
    "stat_cols matches the column enum");

/*
 * The default columns of each kind of listing: the table, JSON and the
 * detail view.  Segments alone keep the columns they always had; POSIX
 * objects show theirs; both together show TYPE and the union.  JSON has
 * one row form for both kinds (shmtool-json(7)): every field, typed,
 * null where the kind has none; the human forms only in detail.
 */
static const size_t	 sysv_def[] = { COL_KEY, COL_ID, COL_OWNER, COL_PERMS,
	COL_SIZE, COL_NATTCH, COL_STATUS, COL_CPID, COL_LPID, COL_CTIME };
static const size_t	 sysv_detail[] = { COL_ID, COL_KEY, COL_OWNER,
	COL_GROUP, COL_UID, COL_GID, COL_CUSER, COL_CGROUP, COL_CUID,
	COL_CGID, COL_PERMS, COL_MODE, COL_STATUS, COL_SIZE, COL_RSS,
	COL_SWAP, COL_NATTCH, COL_CPID, COL_CCOMMAND, COL_CUNIT, COL_CCGROUP,
	COL_LPID, COL_ATIME, COL_DTIME, COL_CTIME, COL_AGE, COL_ORPHAN };
static const size_t	 posix_def[] = { COL_NAME, COL_OWNER, COL_PERMS,
	COL_SIZE, COL_RSS, COL_NATTCH, COL_MTIME };
static const size_t	 posix_detail[] = { COL_NAME, COL_TYPE, COL_OWNER,
	COL_GROUP, COL_UID, COL_GID, COL_PERMS, COL_MODE, COL_SIZE, COL_RSS,
	COL_NATTCH, COL_ATIME, COL_MTIME, COL_CTIME, COL_AGE };
static const size_t	 all_def[] = { COL_TYPE, COL_KEY, COL_ID, COL_NAME,
	COL_OWNER, COL_PERMS, COL_SIZE, COL_NATTCH, COL_STATUS, COL_CPID,
	COL_LPID, COL_CTIME };
static const size_t	 all_json[] = { COL_TYPE, COL_KEY, COL_ID, COL_NAME,
	COL_OWNER, COL_GROUP, COL_UID, COL_GID, COL_CUSER, COL_CGROUP,
	COL_CUID, COL_CGID, COL_PERMS, COL_SIZE, COL_RSS, COL_SWAP,
	COL_NATTCH, COL_STATUS, COL_CPID, COL_LPID, COL_ATIME, COL_DTIME,
	COL_MTIME, COL_CTIME, COL_ORPHAN, COL_CUNIT, COL_CCGROUP };
static const size_t	 all_detail[] = { COL_TYPE, COL_ID, COL_KEY,
	COL_NAME, COL_OWNER, COL_GROUP, COL_UID, COL_GID, COL_CUSER,
	COL_CGROUP, COL_CUID, COL_CGID, COL_PERMS, COL_MODE, COL_STATUS,
	COL_SIZE, COL_RSS, COL_SWAP, COL_NATTCH, COL_CPID, COL_CCOMMAND,
	COL_CUNIT, COL_CCGROUP, COL_LPID, COL_ATIME, COL_DTIME, COL_MTIME,
	COL_CTIME, COL_AGE, COL_ORPHAN };
/* --all-namespaces: the namespace first, its command last. */
static const size_t	 ns_first[] = { COL_NS, COL_NSPID };
static const size_t	 ns_last[] = { COL_NSCOMMAND };

static const struct listing stat_listing = {
	.cols = stat_cols,
	.ncols = NCOLS,
	.key = "segments",
	/* FMT_TABLE, FMT_RAW, FMT_JSON, FMT_DETAIL, FMT_EXPORT. */
	.defs = {
		{ COLSET(sysv_def), COLSET(sysv_def), COLSET(all_json),
		    COLSET(sysv_detail), COLSET(sysv_def) },
		{ COLSET(posix_def), COLSET(posix_def), COLSET(all_json),
		    COLSET(posix_detail), COLSET(posix_def) },
		{ COLSET(all_def), COLSET(all_def), COLSET(all_json),
		    COLSET(all_detail), COLSET(all_def) },
	},
	.ns_first = COLSET(ns_first),
	.ns_last = COLSET(ns_last),
	.ns = COL_NS,
	.nspid = COL_NSPID,
	.nscommand = COL_NSCOMMAND,
	.detail = 1,
};

enum {
	OPT_SORT = OPT_CMD,
	OPT_REVERSE
};

static const struct cmd_option stat_options[] = {
	CMD_GROUP(cmd_output),
	{ .name = "bytes", .val = 'b' },
	{ .name = "sort", .val = OPT_SORT, .arg = CMD_ARG_COLUMN },
	{ .name = "reverse", .val = OPT_REVERSE },
	{ .name = "time-format", .val = OPT_FMT_TIME, .arg = CMD_ARG_WORD,
	    .words = "short full iso" },
	CMD_GROUP(cmd_filters),
	CMD_GROUP(cmd_listing),
	CMD_END
};

static const struct cmd_rule stat_rules[] = {
	{ CMD_EXCLUDES, { CMD_OPERANDS, OPT_SORT, OPT_REVERSE },
	    "%2 applies to the listing, not to TARGETs" },
	CMD_RULES_END
};

/*
 * --sort: by the column's value; ties by kind, namespace (in the order
 * of the list), id, then name.
 */
static size_t	 sort_col = COL_ID;
static int	 sort_desc;		/* --sort -COL, --reverse */

static int
row_tie(const void *va, const void *vb)
{
	const struct row	*ra = va, *rb = vb;
	const struct shm_seg	*a = ra->s, *b = rb->s;
	int			 c;

	if ((c = (int)a->type - (int)b->type) != 0)
		return c;
	if (ra->ns != rb->ns)
		return ra->ns < rb->ns ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return strcmp(seg_name(a) != NULL ? seg_name(a) : "",
	    seg_name(b) != NULL ? seg_name(b) : "");
}

/* The totals line, summed as the rows are gathered. */
struct total {
	size_t		 n, nposix;
	uint64_t	 size, rss;
	int		 rss_unknown;
};

static void
total_add(struct total *t, const struct shm_seg *s)
{
	t->n++;
	t->nposix += s->type == SEG_POSIX;
	t->size = t->size + s->size < t->size ? UINT64_MAX : t->size + s->size;
	if (s->rss < 0)
		t->rss_unknown = 1;
	else
		t->rss += (uint64_t)s->rss;
}

/* "3 segments", "1 object", "2 segments and 1 object": what was listed. */
static void
count_str(char *out, size_t sz, int family, const struct total *t)
{
	size_t	 ns = t->n - t->nposix, np = t->nposix;

	if (family == FAMILY_SYSV)
		snprintf(out, sz, "%zu segment%s", ns, ns == 1 ? "" : "s");
	else if (family == FAMILY_POSIX)
		snprintf(out, sz, "%zu object%s", np, np == 1 ? "" : "s");
	else
		snprintf(out, sz, "%zu segment%s and %zu object%s", ns,
		    ns == 1 ? "" : "s", np, np == 1 ? "" : "s");
}

static void
totals(struct fmt *f, const struct listing_args *a, const struct total *t,
    size_t skipped)
{
	char		 line[256], what[64], size[32], rss[32], skip[96];

	if (a->fo.bytes) {
		snprintf(size, sizeof(size), "%llu",
		    (unsigned long long)t->size);
		snprintf(rss, sizeof(rss), "%llu", (unsigned long long)t->rss);
	} else {
		fmt_size(size, sizeof(size), t->size);
		fmt_size(rss, sizeof(rss), t->rss);
	}
	count_str(what, sizeof(what), a->family, t);
	skip[0] = '\0';
	if (skipped > 0)
		snprintf(skip, sizeof(skip), "; %zu other file%s in %s "
		    "skipped (semaphores, not regular files)", skipped,
		    skipped == 1 ? "" : "s", posixshm_dir_path());
	snprintf(line, sizeof(line), "%s, %s total size, %s total rss%s",
	    what, size, t->rss_unknown ? "unknown" : rss, skip);
	fmt_footer(f, line);
}

/* Whether NATTCH of POSIX objects must be counted: it is read. */
static int
needs_holders(const struct listing_args *a)
{
	size_t	 i;

	if (a->flt.unattached || sort_col == COL_NATTCH)
		return 1;
	for (i = 0; i < a->nsel; i++)
		if (a->sel[i] == COL_NATTCH)
			return 1;
	return 0;
}

/*
 * Counts the holders of the POSIX rows into H (for the filters); a
 * warning when the scan may have missed some, since NATTCH then leaves
 * them out - unless --unattached, whose line about the rows it could not
 * prove says it (listing_unproven).
 */
static void
count_holders(struct shm_seg *v, size_t n, struct filter *flt,
    struct shm_holds *h)
{
	size_t	 i;

	for (i = 0; i < n && v[i].type != SEG_POSIX; i++)
		;
	if (i == n)
		return;
	if (posixshm_count(v, n, h) == -1)
		cmd_err("%s", posixshm_dir_path());
	flt->holds = h;
	if (!h->complete && !flt->unattached)
		cmd_warnx("NATTCH of POSIX objects may leave out holders: %s",
		    h->why);
}

/*
 * The rows of every namespace given, in the order of the lists (each
 * sorted: segments by id, then objects by name; the namespaces by their
 * pid), or of ROWS when --sort made them.  T, unless NULL, adds them up
 * on the first walk: 32,000 rows are 3 MB, and a walk of its own over
 * them costs a millisecond of cache misses.
 */
struct walk {
	const struct ipc_ns	*v;
	size_t			 nns;
	const struct row	*rows;
	size_t			 nrows;
	size_t			 i, j;
	struct row		 cur;
	struct total		*t;
};

static const void *
walk_next(void *arg)
{
	struct walk		*w = arg;
	const struct row	*r;

	if (w->rows != NULL) {
		if (w->i == w->nrows)
			return NULL;
		r = &w->rows[w->i++];
	} else {
		while (w->i < w->nns && w->j == w->v[w->i].segs.n) {
			w->i++;
			w->j = 0;
		}
		if (w->i == w->nns)
			return NULL;
		w->cur.s = &w->v[w->i].segs.segs[w->j++];
		w->cur.ns = &w->v[w->i];
		r = &w->cur;
	}
	if (w->t != NULL)
		total_add(w->t, r->s);
	return r;
}

static void
walk_rewind(void *arg)
{
	struct walk	*w = arg;

	w->i = w->j = 0;
	w->t = NULL;
}

/* --sort: the rows of every namespace in one array, sorted. */
static struct row *
sorted_rows(const struct ipc_ns *v, size_t nns, size_t *np)
{
	struct row	*rows;
	size_t		 i, j, n = 0;

	for (i = 0; i < nns; i++)
		n += v[i].segs.n;
	*np = n;
	if ((sort_col == COL_ID && !sort_desc) || n < 2)
		return NULL;
	rows = xreallocarray(NULL, n, sizeof(*rows));
	for (i = 0, n = 0; i < nns; i++) {
		for (j = 0; j < v[i].segs.n; j++) {
			rows[n].s = &v[i].segs.segs[j];
			rows[n++].ns = &v[i];
		}
	}
	/* By ID: the order of the lists (segments by id, objects by name). */
	if (sort_col == COL_ID) {
		for (i = 0; i < n / 2; i++) {
			struct row	 tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	} else
		listing_sort(rows, n, sizeof(*rows), &stat_cols[sort_col],
		    row_tie, sort_desc);
	return rows;
}

/* The listing: the rows of every namespace given, as one table. */
static int
list(const struct listing_args *a, const struct ipc_ns *v, size_t nns,
    const size_t *skipped)
{
	struct total	 t = { 0 };
	struct walk	 w = { .v = v, .nns = nns, .t = &t };
	struct fmt_rows	 it = { walk_next, walk_rewind, &w };
	struct fmt	*f;
	char		 num[32];
	struct row	*rows;
	int		 rc = EXIT_OK;

	rows = sorted_rows(v, nns, &w.nrows);
	w.rows = rows;
	f = fmt_new(stat_cols, a->sel, a->nsel, stat_listing.key, a->mode,
	    &a->fo);
	fmt_print(f, &it);
	if (a->mode == FMT_TABLE && !a->fo.noheadings)
		totals(f, a, &t, skipped != NULL ? *skipped : 0);
	/* What /dev/shm has that is not an object; null: not read. */
	if ((a->family & FAMILY_POSIX) && skipped != NULL)
		snprintf(num, sizeof(num), "%zu", *skipped);
	else
		memcpy(num, "null", 5);
	fmt_json_member(f, "skipped", num);
	if (fmt_finish(f) == -1)
		rc = EXIT_FAIL;
	free(rows);
	return rc;
}

/* The TARGETs found, in V (their causes in CAUSE); how many. */
static size_t
find_targets(const struct listing_args *a, struct shm_seg *v, char **cause)
{
	size_t	 i, n = 0;

	for (i = 0; i < a->ntg; i++)
		if (select_target(&a->tg[i], &v[n], &cause[i]) == 0)
			n++;
	return n;
}

/* Keeps the N rows of V that pass the filters; how many. */
static size_t
keep_matching(struct filter *flt, struct shm_seg *v, size_t n,
    struct unproven *u)
{
	char	 why[PROOF_WHY];
	size_t	 i, kept = 0;

	for (i = 0; i < n; i++) {
		switch (filter_match(flt, &v[i], (time_t)now, why)) {
		case PROOF_YES:
			v[kept++] = v[i];
			break;
		case PROOF_UNKNOWN:
			if (u->n++ == 0)
				memcpy(u->why, why, sizeof(u->why));
			break;
		case PROOF_NO:
			break;
		}
	}
	return kept;
}

/*
 * Detail: every field of each TARGET; the warnings about those not found
 * (each target's cause) wait until the found ones are printed.
 */
static int
detail(struct listing_args *a, const struct ipc_ns *cur)
{
	struct ipc_ns	 one = *cur;
	struct shm_holds h = { 0 };
	struct unproven	 u = { 0 };
	char		**cause;
	size_t		 i, n;
	int		 rc;

	cause = xcalloc(a->ntg, sizeof(*cause));
	one.segs.segs = xcalloc(a->ntg, sizeof(*one.segs.segs));
	n = find_targets(a, one.segs.segs, cause);
	if ((a->family & FAMILY_POSIX) && needs_holders(a))
		count_holders(one.segs.segs, n, &a->flt, &h);
	one.segs.n = keep_matching(&a->flt, one.segs.segs, n, &u);
	rc = list(a, &one, 1, NULL);
	fflush(stdout);
	for (i = 0; i < a->ntg; i++) {
		if (cause[i] != NULL) {
			cmd_target_warn(&a->tg[i], cause[i]);
			rc = EXIT_FAIL;
		}
		free(cause[i]);
	}
	listing_unproven(&u, "row", "rows", "listed");
	procmaps_holders_free(&h);
	free(cause);
	free(one.segs.segs);
	return rc;
}

/* Every segment of every IPC namespace a process is in. */
static int
list_namespaces(struct listing_args *a)
{
	struct ipc_ns_list nl;
	struct unproven	 u = { 0 };
	char		*cause;
	int		 rc;

	if (select_namespaces(&a->flt, &nl, &u, &cause) == -1)
		cmd_errx("%s", cause);
	rc = list(a, nl.v, nl.n, NULL);
	listing_unproven(&u, "row", "rows", "listed");
	fflush(stdout);
	if (cmd_ns_warn(&nl) != EXIT_OK)
		rc = EXIT_FAIL;
	ns_list_free(&nl);
	return rc;
}

/* The segments or objects of our namespace (CUR) that pass the filters. */
static int
list_current(struct listing_args *a, struct ipc_ns *cur)
{
	struct shm_holds h = { 0 };
	struct unproven	 u = { 0 };
	char		*cause;
	size_t		 skipped = 0;
	int		 rc;

	if (select_list(a->family, &cur->segs, &skipped, &cause) == -1)
		cmd_errx("%s", cause);
	if ((a->family & FAMILY_POSIX) && needs_holders(a))
		count_holders(cur->segs.segs, cur->segs.n, &a->flt, &h);
	filter_list(&a->flt, &cur->segs, &u);
	rc = list(a, cur, 1, &skipped);
	fflush(stdout);
	listing_unproven(&u, "row", "rows", "listed");
	procmaps_holders_free(&h);
	shm_list_free(&cur->segs);
	return rc;
}

static int
cmd_stat_exec(int argc, char **argv)
{
	struct listing_args a = { 0 };
	struct ipc_ns	 cur = { 0 };
	const char	*sortname = NULL;
	int		 ch, rc, need;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (listing_option(&a, ch, optarg))
			continue;
		switch (ch) {
		case 'b':
			a.fo.bytes = 1;
			break;
		case OPT_SORT:
			sortname = optarg;
			break;
		case OPT_REVERSE:
			sort_desc ^= 1;
			break;
		}
	}
	if (sortname != NULL && *sortname == '-') {
		sort_desc ^= 1;
		sortname++;
	}
	if (sortname != NULL)
		sort_col = listing_sort_column(&stat_listing, sortname);
	listing_operands(&a, &stat_listing, argc, argv);
	now = a.fo.now;
	/* Our namespace, for NS columns without --all-namespaces. */
	if (!a.allns && (need = listing_ns_needed(&stat_listing, a.sel,
	    a.nsel)) > 0)
		(void)ns_current(&cur, need > 1);

	if (a.ntg > 0)
		rc = detail(&a, &cur);
	else if (a.allns)
		rc = list_namespaces(&a);
	else
		rc = list_current(&a, &cur);
	listing_free(&a);
	return rc;
}

const struct cmd_entry cmd_stat_entry = {
	.name = "stat",
	.summary = "List segments or POSIX objects, or show every field of some",
	.synopsis = "stat [OPTIONS] [FILTERS] [TARGET...]",
	.help =
	    "  -o, --output LIST   columns to show (-o +LIST: add to the defaults)\n"
	    "  -J, --json          JSON: {\"segments\":[...]}, numbers as numbers\n"
	    "                      (shmtool-json(7))\n"
	    "  -r, --raw           single spaces, nothing truncated, ISO times\n"
	    "  -e, --export        NAME=\"value\" pairs, a line a row (as lsipc -e)\n"
	    "  -n, --noheadings    no header line and no totals\n"
	    "      --notruncate    on a terminal, never cut NAME and the commands\n"
	    "                      to fit its width\n"
	    "  -b, --bytes         exact byte counts instead of K, M, G\n"
	    "      --time-format short|full|iso\n"
	    "                      times as 14:38, 2026-11-29 14:38:01 (the\n"
	    "                      default) or 2026-11-29T14:38:01Z (--raw's)\n"
	    "      --sort [-]COLUMN  order of the listing (default: ID); -COLUMN:\n"
	    "                      descending (--sort -size: the largest first)\n"
	    "      --reverse       the other way round\n"
	    "      --all-namespaces\n"
	    "                      every IPC namespace a process is in, with NS\n"
	    "                      columns (as root; no TARGETs, segments only)\n"
	    "\nFilters (combined with AND):\n"
	    CMD_FILTER_HELP,
	.exec = cmd_stat_exec,
	.options = stat_options,
	.rules = stat_rules,
	.operands = { CMD_ARG_TARGET },
	.operands_repeat = 1,
	.columns = stat_cols,
	.ncolumns = NCOLS,
};
