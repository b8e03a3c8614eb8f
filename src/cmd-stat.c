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
 * ORPHAN, and NATTCH of POSIX objects) are only computed when needed.
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

#include "format.h"
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
	COL_CPID, COL_LPID, COL_CCOMMAND, COL_ATIME, COL_DTIME, COL_MTIME,
	COL_CTIME, COL_AGE, COL_ORPHAN, COL_NS, COL_NSPID, COL_NSCOMMAND,
	NCOLS
};

static const struct fmt_col stat_cols[] = {
	[COL_TYPE] = { "TYPE", "type", 0, "sysv (a segment) or posix (an object)" },
	[COL_KEY] = { "KEY", "key", 0, "key, 0x%08x" },
	[COL_ID] = { "ID", "id", 1, "shmid" },
	[COL_NAME] = { "NAME", "name", 0, "a POSIX object's name, /NAME" },
	[COL_OWNER] = { "OWNER", "owner", 0, "owner's user name (or uid)" },
	[COL_GROUP] = { "GROUP", "group", 0, "owner's group name (or gid)" },
	[COL_UID] = { "UID", "uid", 1, "owner's uid" },
	[COL_GID] = { "GID", "gid", 1, "owner's gid" },
	[COL_CUSER] = { "CUSER", "cuser", 0, "creator's user name" },
	[COL_CGROUP] = { "CGROUP", "cgroup", 0, "creator's group name" },
	[COL_CUID] = { "CUID", "cuid", 1, "creator's uid" },
	[COL_CGID] = { "CGID", "cgid", 1, "creator's gid" },
	[COL_PERMS] = { "PERMS", "perms", 0, "permissions in octal" },
	[COL_MODE] = { "MODE", "mode", 0, "permissions as rw-------" },
	[COL_SIZE] = { "SIZE", "size", 1, "size (--bytes: in bytes)" },
	[COL_RSS] = { "RSS", "rss", 1,
	    "resident memory (POSIX: resident or swapped)" },
	[COL_SWAP] = { "SWAP", "swap", 1, "swapped out memory" },
	[COL_NATTCH] = { "NATTCH", "nattch", 1,
	    "attaches (POSIX: processes mapping it or holding it open)" },
	[COL_STATUS] = { "STATUS", "status", 0,
	    "dest (marked for removal), locked" },
	[COL_CPID] = { "CPID", "cpid", 1, "creator's pid" },
	[COL_LPID] = { "LPID", "lpid", 1, "pid of the last attach or detach" },
	[COL_CCOMMAND] = { "CCOMMAND", "ccommand", 0,
	    "creator's command, if it still runs" },
	[COL_ATIME] = { "ATIME", "atime", 0, "last attach" },
	[COL_DTIME] = { "DTIME", "dtime", 0, "last detach" },
	[COL_MTIME] = { "MTIME", "mtime", 0, "a POSIX object's last write" },
	[COL_CTIME] = { "CTIME", "ctime", 0, "creation or last change" },
	[COL_AGE] = { "AGE", "age", 1,
	    "since the last attach, detach or change (POSIX: a/m/ctime)" },
	[COL_ORPHAN] = { "ORPHAN", "orphan", 0,
	    "unattached, creator and last user gone" },
	NS_COLUMNS(COL_NS, COL_NSPID, COL_NSCOMMAND),
};
static_assert(sizeof(stat_cols) / sizeof(stat_cols[0]) == NCOLS,
    "stat_cols matches the column enum");

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The default columns of each kind of listing: the table, JSON (every
 * field; the human forms only in detail) and the detail view.  Segments
 * alone keep the columns they always had; POSIX objects show theirs;
 * both together show TYPE and the union.
 */
static const size_t	 sysv_def[] = { COL_KEY, COL_ID, COL_OWNER, COL_PERMS,
	COL_SIZE, COL_NATTCH, COL_STATUS, COL_CPID, COL_LPID, COL_CTIME };
static const size_t	 sysv_json[] = { COL_KEY, COL_ID, COL_OWNER,
	COL_GROUP, COL_UID, COL_GID, COL_CUSER, COL_CGROUP, COL_CUID,
	COL_CGID, COL_PERMS, COL_SIZE, COL_RSS, COL_SWAP, COL_NATTCH,
	COL_STATUS, COL_CPID, COL_LPID, COL_ATIME, COL_DTIME, COL_CTIME,
	COL_ORPHAN };
static const size_t	 sysv_detail[] = { COL_ID, COL_KEY, COL_OWNER,
	COL_GROUP, COL_UID, COL_GID, COL_CUSER, COL_CGROUP, COL_CUID,
	COL_CGID, COL_PERMS, COL_MODE, COL_STATUS, COL_SIZE, COL_RSS,
	COL_SWAP, COL_NATTCH, COL_CPID, COL_CCOMMAND, COL_LPID, COL_ATIME,
	COL_DTIME, COL_CTIME, COL_AGE, COL_ORPHAN };
static const size_t	 posix_def[] = { COL_NAME, COL_OWNER, COL_PERMS,
	COL_SIZE, COL_RSS, COL_NATTCH, COL_MTIME };
static const size_t	 posix_json[] = { COL_TYPE, COL_NAME, COL_OWNER,
	COL_GROUP, COL_UID, COL_GID, COL_PERMS, COL_SIZE, COL_RSS,
	COL_NATTCH, COL_ATIME, COL_MTIME, COL_CTIME };
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
	COL_MTIME, COL_CTIME, COL_ORPHAN };
static const size_t	 all_detail[] = { COL_TYPE, COL_ID, COL_KEY,
	COL_NAME, COL_OWNER, COL_GROUP, COL_UID, COL_GID, COL_CUSER,
	COL_CGROUP, COL_CUID, COL_CGID, COL_PERMS, COL_MODE, COL_STATUS,
	COL_SIZE, COL_RSS, COL_SWAP, COL_NATTCH, COL_CPID, COL_CCOMMAND,
	COL_LPID, COL_ATIME, COL_DTIME, COL_MTIME, COL_CTIME, COL_AGE,
	COL_ORPHAN };

struct colset {
	const size_t	*v;
	size_t		 n;
};

#define COLSET(a)	{ a, NELEM(a) }

/* [family - 1][mode]: FMT_TABLE, FMT_RAW, FMT_JSON, FMT_DETAIL. */
static const struct colset	 colsets[3][4] = {
	{ COLSET(sysv_def), COLSET(sysv_def), COLSET(sysv_json),
	    COLSET(sysv_detail) },
	{ COLSET(posix_def), COLSET(posix_def), COLSET(posix_json),
	    COLSET(posix_detail) },
	{ COLSET(all_def), COLSET(all_def), COLSET(all_json),
	    COLSET(all_detail) },
};

enum {
	OPT_SORT = OPT_CMD
};

static const struct cmd_option stat_options[] = {
	CMD_GROUP(cmd_output),
	{ .name = "bytes", .val = 'b' },
	{ .name = "sort", .val = OPT_SORT, .arg = CMD_ARG_COLUMN },
	CMD_GROUP(cmd_filters),
	CMD_GROUP(cmd_listing),
	CMD_END
};

static const struct cmd_rule stat_rules[] = {
	{ CMD_EXCLUDES, { CMD_OPERANDS, OPT_SORT },
	    "--sort applies to the listing, not to TARGETs" },
	CMD_RULES_END
};

static int	 opt_bytes;
static int64_t	 now;

/* For --sort orphan: no, unknown, yes. */
static int
orphan_rank(const struct shm_seg *s)
{
	switch (proof_orphaned(s, NULL)) {
	case PROOF_NO:
		return 0;
	case PROOF_UNKNOWN:
		return 1;
	case PROOF_YES:
		break;
	}
	return 2;
}

/* The creator's command: only while that process runs and is no reuse. */
static const char *
creator_command(const struct shm_seg *s)
{
	int64_t	 start;

	if (proc_start_time(seg_cpid(s), &start) == -1 || start > s->ctime)
		return NULL;
	return proc_command(seg_cpid(s));
}

/*
 * Local time, cached: segments made together share their second.  Digits,
 * dashes, colons and a space: plain text (fmt_plain), LEN long.
 */
static const char *
local_time(int64_t t, size_t *len)
{
	static int64_t	 last = -1;
	static char	 b[64];
	static size_t	 blen;

	if (t != last) {
		fmt_time_local(b, sizeof(b), t);
		blen = strlen(b);
		last = t;
	}
	*len = blen;
	return b;
}

/* ISO-8601 UTC, and quoted for JSON; cached like local_time. */
static const char *
iso_time(int64_t t, const char **json)
{
	static int64_t	 last = -1;
	static char	 iso[40], quoted[48];

	if (t != last) {
		fmt_time_iso(iso, sizeof(iso), t);
		snprintf(quoted, sizeof(quoted), "\"%s\"", iso);
		last = t;
	}
	*json = quoted;
	return iso;
}

static void
cell_time(struct fmt *f, enum fmt_mode mode, int64_t t)
{
	char		 text[160], age[32];
	const char	*iso, *json, *local;
	size_t		 len;

	if (t == 0) {
		fmt_null(f, "-");
		return;
	}
	switch (mode) {
	case FMT_JSON:
		iso = iso_time(t, &json);
		fmt_num(f, iso, json);
		break;
	case FMT_RAW:
		/* No spaces in raw output: a machine reads it. */
		fmt_str(f, iso_time(t, &json));
		break;
	case FMT_DETAIL:
		fmt_age(age, sizeof(age), now - t);
		snprintf(text, sizeof(text), "%s (%s ago)", local_time(t, &len),
		    age);
		fmt_str(f, text);
		break;
	case FMT_TABLE:
		local = local_time(t, &len);
		fmt_plain(f, local, len);
		break;
	}
}

static void
cell_size(struct fmt *f, enum fmt_mode mode, uint64_t v, int known)
{
	static uint64_t	 lastv = UINT64_MAX;
	static char	 h[16] = "16E";
	static size_t	 hlen = 3;
	char		 b[32], *num, text[64];

	if (!known) {
		fmt_null(f, "-");
		return;
	}
	if (opt_bytes || mode == FMT_JSON) {
		fmt_uint(f, v);
		return;
	}
	/* Segments come in few sizes: humanize each once. */
	if (v != lastv) {
		fmt_size(h, sizeof(h), v);
		hlen = strlen(h);
		lastv = v;
	}
	/* Digits, a point and a unit letter: plain (no setlocale here). */
	if (mode == FMT_TABLE) {
		fmt_plain(f, h, hlen);
		return;
	}
	num = u64_dec(b + sizeof(b), v);
	if (mode == FMT_DETAIL && v >= 1024) {
		snprintf(text, sizeof(text), "%s (%s bytes)", h, num);
		fmt_num(f, text, num);
	} else
		fmt_num(f, h, num);
}

static void
put_cell(struct fmt *f, enum fmt_mode mode, size_t col,
    const struct shm_seg *s, const struct ipc_ns *ns)
{
	char		 b[64];
	const char	*st[2];
	size_t		 n = 0;

	/* What a POSIX object does not have. */
	if (s->type == SEG_POSIX) {
		switch (col) {
		case COL_KEY: case COL_ID: case COL_CUSER: case COL_CGROUP:
		case COL_CUID: case COL_CGID: case COL_CPID: case COL_LPID:
		case COL_CCOMMAND: case COL_ORPHAN:
		case COL_NS: case COL_NSPID: case COL_NSCOMMAND:
			/* A mount namespace's, not an IPC namespace's. */
			fmt_null(f, "-");
			return;
		}
	}
	switch (col) {
	case COL_TYPE:
		fmt_str(f, s->type == SEG_POSIX ? "posix" : "sysv");
		break;
	case COL_NAME:
		if (seg_name(s) != NULL)
			fmt_str(f, seg_name(s));
		else
			fmt_null(f, "-");
		break;
	case COL_KEY:
		key_hex(b, (uint32_t)s->key);
		fmt_plain(f, b, 10);
		break;
	case COL_ID:
		fmt_int(f, s->id);
		break;
	case COL_OWNER:
		fmt_str(f, names_user(s->uid));
		break;
	case COL_GROUP:
		fmt_str(f, names_group(s->gid));
		break;
	case COL_UID:
		fmt_uint(f, s->uid);
		break;
	case COL_GID:
		fmt_uint(f, s->gid);
		break;
	case COL_CUSER:
		fmt_str(f, names_user(seg_cuid(s)));
		break;
	case COL_CGROUP:
		fmt_str(f, names_group(seg_cgid(s)));
		break;
	case COL_CUID:
		fmt_uint(f, seg_cuid(s));
		break;
	case COL_CGID:
		fmt_uint(f, seg_cgid(s));
		break;
	case COL_PERMS:
		b[0] = '0';
		b[1] = (char)('0' + (s->perms >> 6 & 7));
		b[2] = (char)('0' + (s->perms >> 3 & 7));
		b[3] = (char)('0' + (s->perms & 7));
		b[4] = '\0';
		fmt_plain(f, b, 4);
		break;
	case COL_MODE:
		sysvipc_modestr(s->perms, b);
		fmt_plain(f, b, strlen(b));
		break;
	case COL_SIZE:
		cell_size(f, mode, s->size, 1);
		break;
	case COL_RSS:
		cell_size(f, mode, (uint64_t)s->rss, s->rss >= 0);
		break;
	case COL_SWAP:
		cell_size(f, mode, (uint64_t)s->swap, s->swap >= 0);
		break;
	case COL_NATTCH:
		fmt_uint(f, s->nattch);
		break;
	case COL_STATUS:
		if (s->perms & SEG_DEST)
			st[n++] = "dest";
		if (s->perms & SEG_LOCKED)
			st[n++] = "locked";
		fmt_list(f, st, n);
		break;
	case COL_CPID:
		fmt_int(f, seg_cpid(s));
		break;
	case COL_LPID:
		fmt_int(f, seg_lpid(s));
		break;
	case COL_CCOMMAND:
		fmt_str_opt(f, creator_command(s));
		break;
	case COL_ATIME:
		cell_time(f, mode, s->atime);
		break;
	case COL_DTIME:
		cell_time(f, mode, seg_dtime(s));
		break;
	case COL_MTIME:
		cell_time(f, mode, seg_mtime(s));
		break;
	case COL_CTIME:
		cell_time(f, mode, s->ctime);
		break;
	case COL_AGE:
		if (mode == FMT_JSON || mode == FMT_RAW) {
			fmt_int(f, now - seg_last_use(s) < 0 ? 0 :
			    now - seg_last_use(s));
		} else {
			fmt_age(b, sizeof(b), now - seg_last_use(s));
			fmt_num(f, b, b);
		}
		break;
	case COL_ORPHAN:
		/* What is proven; unknown where it cannot be (null, "-"). */
		switch (proof_orphaned(s, NULL)) {
		case PROOF_YES:
			fmt_bool(f, 1);
			break;
		case PROOF_NO:
			fmt_bool(f, 0);
			break;
		case PROOF_UNKNOWN:
			fmt_null(f, "-");
			break;
		}
		break;
	case COL_NS:
		if (ns->ino != 0)
			fmt_uint(f, ns->ino);
		else
			fmt_null(f, "-");
		break;
	case COL_NSPID:
		if (ns->pid > 0)
			fmt_int(f, ns->pid);
		else
			fmt_null(f, "-");
		break;
	case COL_NSCOMMAND:
		fmt_str_opt(f, ns_command(ns));
		break;
	}
}

static void
put_row(struct fmt *f, enum fmt_mode mode, const size_t *sel, size_t nsel,
    const struct shm_seg *s, const struct ipc_ns *ns)
{
	size_t	 i;

	fmt_row(f);
	for (i = 0; i < nsel; i++)
		put_cell(f, mode, sel[i], s, ns);
}

/* A row of the listing: a segment or object, and the namespace it is in. */
struct row {
	const struct shm_seg	*s;
	const struct ipc_ns	*ns;
};

/*
 * --sort: by the column's value; ties by kind, namespace (in the order
 * of the list), id, then name.
 */
static size_t	 sort_col;

static int
cmp_num(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_unum(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a == NULL ? "" : a, b == NULL ? "" : b);
}

static int
row_cmp(const void *va, const void *vb)
{
	const struct row	*ra = va, *rb = vb;
	const struct shm_seg	*a = ra->s, *b = rb->s;
	char			 ma[10], mb[10];
	int			 c = 0;

	switch (sort_col) {
	case COL_TYPE:
		break;
	case COL_NAME:
		c = cmp_str(seg_name(a), seg_name(b));
		break;
	case COL_KEY:
		c = cmp_unum((uint32_t)a->key, (uint32_t)b->key);
		break;
	case COL_ID:
		break;
	case COL_OWNER:
		c = cmp_str(names_user(a->uid), names_user(b->uid));
		break;
	case COL_GROUP:
		c = cmp_str(names_group(a->gid), names_group(b->gid));
		break;
	case COL_UID:
		c = cmp_unum(a->uid, b->uid);
		break;
	case COL_GID:
		c = cmp_unum(a->gid, b->gid);
		break;
	case COL_CUSER:
		c = cmp_str(names_user(seg_cuid(a)), names_user(seg_cuid(b)));
		break;
	case COL_CGROUP:
		c = cmp_str(names_group(seg_cgid(a)), names_group(seg_cgid(b)));
		break;
	case COL_CUID:
		c = cmp_unum(seg_cuid(a), seg_cuid(b));
		break;
	case COL_CGID:
		c = cmp_unum(seg_cgid(a), seg_cgid(b));
		break;
	case COL_PERMS:
		c = cmp_unum(a->perms & 0777, b->perms & 0777);
		break;
	case COL_MODE:
		sysvipc_modestr(a->perms, ma);
		sysvipc_modestr(b->perms, mb);
		c = strcmp(ma, mb);
		break;
	case COL_SIZE:
		c = cmp_unum(a->size, b->size);
		break;
	case COL_RSS:
		c = cmp_num(a->rss, b->rss);
		break;
	case COL_SWAP:
		c = cmp_num(a->swap, b->swap);
		break;
	case COL_NATTCH:
		c = cmp_unum(a->nattch, b->nattch);
		break;
	case COL_STATUS:
		c = cmp_unum(a->perms & (SEG_DEST | SEG_LOCKED),
		    b->perms & (SEG_DEST | SEG_LOCKED));
		break;
	case COL_CPID:
		c = cmp_num(seg_cpid(a), seg_cpid(b));
		break;
	case COL_LPID:
		c = cmp_num(seg_lpid(a), seg_lpid(b));
		break;
	case COL_CCOMMAND:
		c = cmp_str(creator_command(a), creator_command(b));
		break;
	case COL_ATIME:
		c = cmp_num(a->atime, b->atime);
		break;
	case COL_DTIME:
		c = cmp_num(seg_dtime(a), seg_dtime(b));
		break;
	case COL_MTIME:
		c = cmp_num(seg_mtime(a), seg_mtime(b));
		break;
	case COL_CTIME:
		c = cmp_num(a->ctime, b->ctime);
		break;
	case COL_AGE:
		/* Youngest first, as the AGE column reads. */
		c = cmp_num(seg_last_use(b), seg_last_use(a));
		break;
	case COL_ORPHAN:
		/* No, unknown, yes. */
		c = orphan_rank(a) - orphan_rank(b);
		break;
	case COL_NS:
		c = cmp_unum(ra->ns->ino, rb->ns->ino);
		break;
	case COL_NSPID:
		c = cmp_num(ra->ns->pid, rb->ns->pid);
		break;
	case COL_NSCOMMAND:
		c = cmp_str(ns_command(ra->ns), ns_command(rb->ns));
		break;
	}
	/* Ties: segments by namespace and id, then objects by name. */
	if (c == 0)
		c = cmp_num(a->type, b->type);
	if (c == 0 && ra->ns != rb->ns)
		c = ra->ns < rb->ns ? -1 : 1;
	if (c == 0)
		c = cmp_num(a->id, b->id);
	return c != 0 ? c : cmp_str(seg_name(a), seg_name(b));
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
totals(struct fmt *f, int family, const struct total *t, size_t skipped)
{
	char		 line[256], what[64], size[32], rss[32], skip[96];

	if (opt_bytes) {
		snprintf(size, sizeof(size), "%llu",
		    (unsigned long long)t->size);
		snprintf(rss, sizeof(rss), "%llu", (unsigned long long)t->rss);
	} else {
		fmt_size(size, sizeof(size), t->size);
		fmt_size(rss, sizeof(rss), t->rss);
	}
	count_str(what, sizeof(what), family, t);
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
needs_holders(const size_t *sel, size_t nsel, const struct filter *flt)
{
	size_t	 i;

	if (flt->unattached || sort_col == COL_NATTCH)
		return 1;
	for (i = 0; i < nsel; i++)
		if (sel[i] == COL_NATTCH)
			return 1;
	return 0;
}

/*
 * Counts the holders of the POSIX rows into H (for the filters); a
 * warning when the scan may have missed some, since NATTCH then leaves
 * them out - unless --unattached, whose line about the rows it could not
 * prove says it (unproven_warn).
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

/* One line on what the filters could not prove, after the listing. */
static void
unproven_warn(const struct unproven *u)
{
	if (u->n > 0)
		cmd_warnx("%zu row%s not listed, as unproven here: %s", u->n,
		    u->n == 1 ? "" : "s", u->why);
}

/*
 * The columns of a kind and mode when -o gives none (or -o +LIST adds to
 * them); --all-namespaces puts the namespace first and its command last.
 */
static size_t *
default_columns(int family, enum fmt_mode mode, int allns, size_t *np)
{
	const struct colset	*cs = &colsets[family - 1][mode];
	size_t			*v, n = 0;

	v = xreallocarray(NULL, cs->n + 3, sizeof(*v));
	if (allns) {
		v[n++] = COL_NS;
		v[n++] = COL_NSPID;
	}
	memcpy(v + n, cs->v, cs->n * sizeof(*v));
	n += cs->n;
	if (allns)
		v[n++] = COL_NSCOMMAND;
	*np = n;
	return v;
}

/* Which namespace facts the columns need: 0 none, 1 the inode, 2 a pid. */
static int
ns_needed(const size_t *sel, size_t nsel)
{
	size_t	 i;
	int	 need = 0;

	for (i = 0; i < nsel; i++) {
		if (sel[i] == COL_NS && need < 1)
			need = 1;
		if (sel[i] == COL_NSPID || sel[i] == COL_NSCOMMAND)
			need = 2;
	}
	return need;
}

/*
 * Every row, in order: sorted ROWS, or without them the lists as read.
 * T, unless NULL, adds them up on the way: 32,000 rows are 3 MB, and a
 * pass of its own over them costs a millisecond of cache misses.
 */
static void
put_rows(struct fmt *f, enum fmt_mode mode, const size_t *sel, size_t nsel,
    const struct row *rows, size_t n, const struct ipc_ns *v, size_t nns,
    struct total *t)
{
	size_t	 i, j;

	if (rows != NULL) {
		for (i = 0; i < n; i++) {
			if (t != NULL)
				total_add(t, rows[i].s);
			put_row(f, mode, sel, nsel, rows[i].s, rows[i].ns);
		}
		return;
	}
	for (i = 0; i < nns; i++) {
		for (j = 0; j < v[i].segs.n; j++) {
			if (t != NULL)
				total_add(t, &v[i].segs.segs[j]);
			put_row(f, mode, sel, nsel, &v[i].segs.segs[j], &v[i]);
		}
	}
}

/*
 * The listing: the rows of every namespace given, as one table.  Each
 * list is sorted (segments by id, then objects by name) and the
 * namespaces by their pid, so only --sort needs an array of rows.
 */
static int
list(const struct ipc_ns *v, size_t nns, const size_t *sel, size_t nsel,
    enum fmt_mode mode, int noheadings, int family, size_t skipped)
{
	struct total	 t = { 0 };
	struct row	*rows = NULL;
	struct fmt	*f;
	char		 num[32];
	size_t		 i, j, n = 0, nrows = 0;
	int		 rc = EXIT_OK;

	for (i = 0; i < nns; i++)
		nrows += v[i].segs.n;
	if (sort_col != COL_ID && nrows > 1) {
		rows = xreallocarray(NULL, nrows, sizeof(*rows));
		for (i = 0; i < nns; i++) {
			for (j = 0; j < v[i].segs.n; j++) {
				rows[n].s = &v[i].segs.segs[j];
				rows[n++].ns = &v[i];
			}
		}
		qsort(rows, n, sizeof(*rows), row_cmp);
	}
	f = fmt_new(stat_cols, sel, nsel, "segments", mode, noheadings);
	/*
	 * Two passes instead of holding every cell of the table; the totals
	 * under it come from the first.
	 */
	if (fmt_measure(f)) {
		put_rows(f, mode, sel, nsel, rows, n, v, nns, &t);
		fmt_replay(f);
	}
	put_rows(f, mode, sel, nsel, rows, n, v, nns, NULL);
	if (mode == FMT_TABLE && !noheadings)
		totals(f, family, &t, skipped);
	if (family & FAMILY_POSIX) {
		snprintf(num, sizeof(num), "%zu", skipped);
		fmt_json_member(f, "skipped", num);
	}
	if (fmt_finish(f) == -1)
		rc = EXIT_FAIL;
	free(rows);
	return rc;
}

/*
 * Detail: every field of each TARGET; the warnings about those not found
 * (each target's cause) wait until the found ones are printed.
 */
static int
detail(const struct target *tg, size_t ntg, const size_t *sel, size_t nsel,
    enum fmt_mode mode, int noheadings, int family, struct filter *flt,
    const struct ipc_ns *cur)
{
	struct fmt	*f;
	struct shm_seg	*v;
	struct shm_holds h = { 0 };
	struct unproven	 u = { 0 };
	char		**cause, why[PROOF_WHY];
	size_t		 i, n, nfound;
	int		 rc = EXIT_OK;

	cause = xcalloc(ntg, sizeof(*cause));
	v = xcalloc(ntg, sizeof(*v));
	for (i = 0, nfound = 0; i < ntg; i++) {
		if (select_target(&tg[i], &v[nfound], &cause[i]) == -1)
			rc = EXIT_FAIL;
		else
			nfound++;
	}
	if ((family & FAMILY_POSIX) && needs_holders(sel, nsel, flt))
		count_holders(v, nfound, flt, &h);
	for (i = 0, n = 0; i < nfound; i++) {
		switch (filter_match(flt, &v[i], (time_t)now, why)) {
		case PROOF_YES:
			v[n++] = v[i];
			break;
		case PROOF_UNKNOWN:
			if (u.n++ == 0)
				memcpy(u.why, why, sizeof(u.why));
			break;
		case PROOF_NO:
			break;
		}
	}
	f = fmt_new(stat_cols, sel, nsel, "segments", mode, noheadings);
	for (i = 0; i < n; i++)
		put_row(f, mode, sel, nsel, &v[i], cur);
	if (fmt_finish(f) == -1)
		rc = EXIT_FAIL;
	fflush(stdout);
	for (i = 0; i < ntg; i++) {
		if (cause[i] != NULL)
			cmd_target_warn(&tg[i], cause[i]);
		free(cause[i]);
	}
	unproven_warn(&u);
	procmaps_holders_free(&h);
	free(cause);
	free(v);
	return rc;
}

static int
cmd_stat_exec(int argc, char **argv)
{
	struct ipc_ns_list nl;
	struct ipc_ns	 cur = { 0 };
	struct shm_holds h = { 0 };
	struct unproven	 u = { 0 };
	struct target	*tg;
	struct filter	 flt = { 0 };
	struct fmt_opts	 fo = { 0 };
	enum fmt_mode	 mode;
	const char	*sortname = NULL;
	char		*cause;
	size_t		*sel = NULL, *defs, nsel, ndefs, i, ntg, skipped = 0;
	int		 ch, rc = EXIT_OK, family, allns = 0, need;
	int		 sc;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_filter_option(&flt, ch, optarg) ||
		    cmd_output_option(&fo, ch, optarg))
			continue;
		switch (ch) {
		case 'b':
			opt_bytes = 1;
			break;
		case OPT_SORT:
			sortname = optarg;
			break;
		case OPT_ALL_NAMESPACES:
			allns = 1;
			break;
		}
	}
	mode = fmt_opts_mode(&fo);
	family = filter_family(&flt);
	if (sortname != NULL) {
		if ((sc = fmt_find_column(stat_cols, NCOLS, sortname,
		    strlen(sortname))) == -1)
			usage_err("unknown column '%s' for --sort", sortname);
		sort_col = (size_t)sc;
	} else
		sort_col = COL_ID;
	ntg = (size_t)(argc - optind);
	tg = xcalloc(ntg ? ntg : 1, sizeof(*tg));
	/* TARGETs: the kinds they name decide the columns. */
	if (ntg > 0)
		family = 0;
	for (i = 0; i < ntg; i++) {
		opt_target(argv[optind + (int)i], &tg[i]);
		family |= tg[i].type == TARGET_POSIX ? FAMILY_POSIX :
		    FAMILY_SYSV;
	}

	if (mode == FMT_TABLE && ntg > 0)
		mode = FMT_DETAIL;
	defs = default_columns(family, mode, allns, &ndefs);
	if (fo.output != NULL) {
		nsel = opt_columns(stat_cols, NCOLS, fo.output, defs, ndefs,
		    &sel);
		free(defs);
	} else {
		sel = defs;
		nsel = ndefs;
	}
	now = now_secs();
	/* Our namespace, for NS columns without --all-namespaces. */
	if (!allns && (need = ns_needed(sel, nsel)) > 0)
		(void)ns_current(&cur, need > 1);

	if (ntg > 0)
		rc = detail(tg, ntg, sel, nsel, mode, fo.noheadings, family,
		    &flt, &cur);
	else if (allns) {
		if (select_namespaces(&flt, &nl, &u, &cause) == -1)
			cmd_errx("%s", cause);
		rc = list(nl.v, nl.n, sel, nsel, mode, fo.noheadings, family,
		    0);
		unproven_warn(&u);
		fflush(stdout);
		if (cmd_ns_warn(&nl) != EXIT_OK)
			rc = EXIT_FAIL;
		ns_list_free(&nl);
	} else {
		if (select_list(family, &cur.segs, &skipped, &cause) == -1)
			cmd_errx("%s", cause);
		if ((family & FAMILY_POSIX) && needs_holders(sel, nsel, &flt))
			count_holders(cur.segs.segs, cur.segs.n, &flt, &h);
		filter_list(&flt, &cur.segs, &u);
		rc = list(&cur, 1, sel, nsel, mode, fo.noheadings, family,
		    skipped);
		fflush(stdout);
		unproven_warn(&u);
		procmaps_holders_free(&h);
		shm_list_free(&cur.segs);
	}
	free(sel);
	free(tg);
	return rc;
}

const struct cmd_entry cmd_stat_entry = {
	.name = "stat",
	.summary = "List segments or POSIX objects, or show every field of some",
	.synopsis = "stat [OPTIONS] [FILTERS] [TARGET...]",
	.help =
	    "  -o, --output LIST   columns to show (-o +LIST: add to the defaults)\n"
	    "      --json          JSON: {\"segments\":[...]}, numbers as numbers\n"
	    "      --raw           single spaces, nothing truncated, ISO times\n"
	    "      --noheadings    no header line and no totals\n"
	    "  -b, --bytes         exact byte counts instead of K, M, G\n"
	    "      --sort COLUMN   order of the listing (default: ID)\n"
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
