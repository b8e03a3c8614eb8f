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
	COL_TYPE, COL_ID, COL_KEY, COL_NAME, COL_PID, COL_USER, COL_COMMAND,
	COL_VIA, COL_FD, COL_ADDRESS, COL_PERMS, COL_STATUS, COL_NS, COL_NSPID,
	COL_NSCOMMAND, NCOLS
};

static const struct fmt_col who_cols[] = {
	[COL_TYPE] = { "TYPE", "type", 0, "sysv (a segment) or posix (an object)" },
	[COL_ID] = { "ID", "id", 1, "shmid" },
	[COL_KEY] = { "KEY", "key", 0, "the segment's key, 0x%08x" },
	[COL_NAME] = { "NAME", "name", 0, "the POSIX object's name, /NAME" },
	[COL_PID] = { "PID", "pid", 1, "process id" },
	[COL_USER] = { "USER", "user", 0, "the process's user" },
	[COL_COMMAND] = { "COMMAND", "command", 0, "the process's command line" },
	[COL_VIA] = { "VIA", "via", 0, "map (a mapping) or fd (an open fd)" },
	[COL_FD] = { "FD", "fd", 1, "the open fd's number" },
	[COL_ADDRESS] = { "ADDRESS", "address", 0,
	    "address range of the attach, start-end in hex" },
	[COL_PERMS] = { "PERMS", "perms", 0,
	    "how it is mapped, as in the maps file (rw-s); an fd's rw, r- or -w" },
	[COL_STATUS] = { "STATUS", "status", 0,
	    "dest (segment marked for removal), deleted (object unlinked)" },
	NS_COLUMNS(COL_NS, COL_NSPID, COL_NSCOMMAND),
};
static_assert(sizeof(who_cols) / sizeof(who_cols[0]) == NCOLS,
    "who_cols matches the column enum");

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Segments alone keep the columns they always had. */
static const size_t	 sysv_def[] = { COL_ID, COL_KEY, COL_PID, COL_USER,
	COL_COMMAND, COL_ADDRESS, COL_PERMS };
static const size_t	 posix_def[] = { COL_NAME, COL_PID, COL_USER,
	COL_COMMAND, COL_VIA, COL_FD, COL_ADDRESS, COL_PERMS, COL_STATUS };
static const size_t	 all_def[] = { COL_TYPE, COL_ID, COL_KEY, COL_NAME,
	COL_PID, COL_USER, COL_COMMAND, COL_VIA, COL_FD, COL_ADDRESS,
	COL_PERMS, COL_STATUS };

static const struct cmd_option who_options[] = {
	CMD_GROUP(cmd_output),
	CMD_GROUP(cmd_filters),
	CMD_GROUP(cmd_listing),
	CMD_END
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

static void
cell_address(struct fmt *f, uint64_t start, uint64_t end)
{
	char	 b[64];

	snprintf(b, sizeof(b), "%llx-%llx", (unsigned long long)start,
	    (unsigned long long)end);
	fmt_str(f, b);
}

static void
put_row(struct fmt *f, const size_t *sel, size_t nsel, const struct who_row *r)
{
	char		 b[64];
	const char	*st[1];
	pid_t		 pid = r->h != NULL ? r->h->pid : r->m->pid;
	uid_t		 uid = r->h != NULL ? r->h->uid : r->m->uid;
	size_t		 i;

	fmt_row(f);
	for (i = 0; i < nsel; i++) {
		switch (sel[i]) {
		case COL_TYPE:
			fmt_str(f, r->h != NULL ? "posix" : "sysv");
			break;
		case COL_ID:
			if (r->h != NULL)
				fmt_null(f, "-");
			else
				fmt_int(f, r->s->id);
			break;
		case COL_KEY:
			if (r->h != NULL)
				fmt_null(f, "-");
			else {
				key_hex(b, (uint32_t)r->s->key);
				fmt_plain(f, b, 10);
			}
			break;
		case COL_NAME:
			if (r->h != NULL)
				fmt_str(f, r->name);
			else
				fmt_null(f, "-");
			break;
		case COL_PID:
			fmt_int(f, pid);
			break;
		case COL_USER:
			fmt_str(f, names_user(uid));
			break;
		case COL_COMMAND:
			fmt_str_opt(f, proc_command(pid));
			break;
		case COL_VIA:
			fmt_str(f, r->h != NULL && r->h->fd != -1 ? "fd" : "map");
			break;
		case COL_FD:
			if (r->h != NULL && r->h->fd != -1)
				fmt_int(f, r->h->fd);
			else
				fmt_null(f, "-");
			break;
		case COL_ADDRESS:
			if (r->h == NULL)
				cell_address(f, r->m->start, r->m->end);
			else if (r->h->fd == -1)
				cell_address(f, r->h->start, r->h->end);
			else
				fmt_null(f, "-");
			break;
		case COL_PERMS:
			fmt_str(f, r->h != NULL ? r->h->perms : r->m->perms);
			break;
		case COL_STATUS:
			st[0] = r->h != NULL ? "deleted" : "dest";
			fmt_list(f, st, r->h != NULL ? (size_t)r->deleted :
			    (size_t)((r->s->perms & SEG_DEST) != 0));
			break;
		/* An object is in a mount namespace, not an IPC one. */
		case COL_NS:
			if (r->h == NULL)
				fmt_uint(f, r->m->ns);
			else
				fmt_null(f, "-");
			break;
		case COL_NSPID:
			if (r->h == NULL && r->ns->pid > 0)
				fmt_int(f, r->ns->pid);
			else
				fmt_null(f, "-");
			break;
		case COL_NSCOMMAND:
			fmt_str_opt(f, r->h == NULL ? ns_command(r->ns) : NULL);
			break;
		}
	}
}

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

struct who_ctx {
	struct fmt	*f;
	const size_t	*sel;
	size_t		 nsel;
	struct filter	*flt;
	struct unproven	 u;		/* rows the filters could not prove */
	struct buf	 warnings;	/* lines, printed after the rows */
	int		 allns;		/* --all-namespaces */
	struct ipc_ns_list nl;		/* its namespaces */
	int		 rc;
};

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
	struct who_row	 r = { 0 };
	struct shm_seg	*s;
	size_t		 i;

	r.ns = ns;
	for (i = 0; i < maps->n; i++) {
		if (c->allns && maps->v[i].ns != ns->ino)
			continue;
		s = ns->segs.n == 0 ? NULL : bsearch(&maps->v[i].id,
		    ns->segs.segs, ns->segs.n, sizeof(*ns->segs.segs),
		    seg_by_id);
		if (s == NULL)
			continue;
		found[s - ns->segs.segs]++;
		r.s = s;
		r.m = &maps->v[i];
		put_row(c->f, c->sel, c->nsel, &r);
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
	struct ipc_ns	 cur;
	struct shm_maps	 maps;
	char		*cause;
	size_t		 i, skipped, *found;
	int		 wantpid;

	if (c->allns) {
		if (select_namespaces(c->flt, &nl, &c->u, &cause) == -1)
			cmd_errx("%s", cause);
	} else {
		/* Our namespace: its pid only when a column shows it. */
		for (i = 0, wantpid = 0; i < c->nsel; i++)
			wantpid |= c->sel[i] == COL_NSPID ||
			    c->sel[i] == COL_NSCOMMAND;
		(void)ns_current(&cur, wantpid);
		if (tg != NULL)
			sysv_targets(c, tg, ntg, now, &cur.segs);
		nl.v = &cur;
		nl.n = 1;
	}
	if ((c->allns ? procmaps_scan_all(&maps) : procmaps_scan(&maps)) == -1)
		cmd_err("%s", proc_root());
	if (!c->allns && tg == NULL && (!procmaps_complete(&maps) ||
	    sysv_from_maps(c, &maps, now, &cur.segs) == -1)) {
		if (select_list(FAMILY_SYSV, &cur.segs, &skipped, &cause) == -1)
			cmd_errx("%s", cause);
		filter_list(c->flt, &cur.segs, &c->u);
	}
	for (i = 0; tg == NULL && i < nl.n; i++)
		keep_attached(&nl.v[i].segs);
	for (i = 0; i < nl.n; i++) {
		found = xcalloc(nl.v[i].segs.n + 1, sizeof(*found));
		show_ns(c, &nl.v[i], &maps, found);
		warn_unseen(c, &nl.v[i], found);
		free(found);
	}
	procmaps_free(&maps);
	if (c->allns) {
		c->nl = nl;	/* warned about after the rows */
		return;
	}
	shm_list_free(&cur.segs);
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
 * The POSIX part: every mapping and open fd of the objects asked about
 * (the /name TARGETs, or those of /dev/shm that pass the filters, and
 * without filters also the unlinked ones still in use, which a /name
 * TARGET also finds when no object has that name any more).
 */
static void
who_posix(struct who_ctx *c, struct target *tg, size_t ntg, time_t now)
{
	struct shm_list	 l = { 0 };
	struct shm_holds h;
	struct shm_seg	 key, *o;
	struct who_row	*rows;
	struct target	**unseen = NULL;
	char		*cause;
	size_t		 i, n = 0, skipped, nunseen = 0;
	int		*found = NULL;
	dev_t		 dev;

	if (tg == NULL) {
		if (select_list(FAMILY_POSIX, &l, &skipped, &cause) == -1)
			cmd_errx("%s", cause);
	} else {
		l.segs = xcalloc(ntg ? ntg : 1, sizeof(*l.segs));
		unseen = xcalloc(ntg ? ntg : 1, sizeof(*unseen));
		found = xcalloc(ntg ? ntg : 1, sizeof(*found));
		for (i = 0; i < ntg; i++) {
			if (tg[i].type != TARGET_POSIX)
				continue;
			if (select_target(&tg[i], &l.segs[l.n], &cause) == 0) {
				l.n++;
				continue;
			}
			/* Not there: unlinked, maybe, and still held. */
			if (errno == ENOENT && posixshm_dir(NULL) != -1 &&
			    !c->flt->active) {
				unseen[nunseen++] = &tg[i];
				free(cause);
				continue;
			}
			cmd_target_warn(&tg[i], cause);
			free(cause);
			c->rc = EXIT_FAIL;
		}
	}
	if (posixshm_dev(&dev, &cause) == -1)
		cmd_errx("%s", cause);
	proof_holders(dev, &h);
	posixshm_count_holds(l.segs, l.n, &h);
	c->flt->holds = &h;
	if (l.n > 1)
		qsort(l.segs, l.n, sizeof(*l.segs), seg_by_ino);

	rows = xcalloc(h.n ? h.n : 1, sizeof(*rows));
	for (i = 0; i < h.n; i++) {
		key.px.ino = h.v[i].ino;
		o = l.n == 0 ? NULL : bsearch(&key, l.segs, l.n,
		    sizeof(*l.segs), seg_by_ino);
		if (o != NULL) {
			if (!match(c, o, now))
				continue;
			rows[n].name = o->px.name;
		} else {
			/*
			 * Not in /dev/shm: unlinked while in use (the kernel
			 * says so), or not asked about.  Filters need the
			 * object's fields, so only an unfiltered listing
			 * shows it, named as the kernel names it, or a
			 * TARGET that names it and no object.
			 */
			if (c->flt->active || (tg != NULL &&
			    !unlinked_target(&h.v[i], unseen, nunseen, found)))
				continue;
			rows[n].name = hold_name(&h.v[i]);
			rows[n].deleted = h.v[i].deleted;
		}
		rows[n++].h = &h.v[i];
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), row_cmp);
	for (i = 0; i < n; i++)
		put_row(c->f, c->sel, c->nsel, &rows[i]);
	for (i = 0; i < nunseen; i++) {
		if (found[i])
			continue;
		cmd_target_warn(unseen[i], "no such object");
		c->rc = EXIT_FAIL;
	}
	if (!h.complete)
		buf_addf(&c->warnings, "POSIX objects: holders may be missing: "
		    "%s\n", h.why);
	free(rows);
	free(unseen);
	free(found);
	c->flt->holds = NULL;
	procmaps_holders_free(&h);
	if (tg == NULL)
		shm_list_free(&l);
	else
		free(l.segs);
}

static int
cmd_who_exec(int argc, char **argv)
{
	struct who_ctx	 c = { 0 };
	struct filter	 flt = { 0 };
	struct fmt_opts	 fo = { 0 };
	struct target	*tg = NULL;
	enum fmt_mode	 mode;
	const size_t	*def;
	size_t		 defs[NCOLS + 1];
	const char	*line, *eol;
	size_t		*sel = NULL, nsel, ndef, i, ntg;
	int		 ch, family;
	time_t		 now;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_filter_option(&flt, ch, optarg) ||
		    cmd_output_option(&fo, ch, optarg))
			continue;
		switch (ch) {
		case OPT_ALL_NAMESPACES:
			c.allns = 1;
			break;
		}
	}
	mode = fmt_opts_mode(&fo);
	family = filter_family(&flt);
	ntg = (size_t)(argc - optind);
	if (ntg > 0) {
		tg = xcalloc(ntg, sizeof(*tg));
		family = 0;
		for (i = 0; i < ntg; i++) {
			opt_target(argv[optind + (int)i], &tg[i]);
			family |= tg[i].type == TARGET_POSIX ? FAMILY_POSIX :
			    FAMILY_SYSV;
		}
	}
	def = family == FAMILY_SYSV ? sysv_def : family == FAMILY_POSIX ?
	    posix_def : all_def;
	ndef = family == FAMILY_SYSV ? NELEM(sysv_def) :
	    family == FAMILY_POSIX ? NELEM(posix_def) : NELEM(all_def);
	/* --all-namespaces: the namespace first. */
	if (c.allns) {
		defs[0] = COL_NS;
		memcpy(defs + 1, def, ndef * sizeof(*def));
		def = defs;
		ndef++;
	}
	if (fo.output != NULL)
		nsel = opt_columns(who_cols, NCOLS, fo.output, def, ndef, &sel);
	else {
		nsel = ndef;
		sel = xreallocarray(NULL, nsel, sizeof(*sel));
		memcpy(sel, def, ndef * sizeof(*sel));
	}
	now = (time_t)now_secs();

	c.f = fmt_new(who_cols, sel, nsel, "attaches", mode, fo.noheadings);
	c.sel = sel;
	c.nsel = nsel;
	c.flt = &flt;
	if (family & FAMILY_SYSV)
		who_sysv(&c, tg, ntg, now);
	if (family & FAMILY_POSIX)
		who_posix(&c, tg, ntg, now);
	if (fmt_finish(c.f) == -1)
		c.rc = EXIT_FAIL;
	fflush(stdout);
	for (line = c.warnings.p; line != NULL && *line != '\0'; line = eol + 1) {
		eol = strchr(line, '\n');
		cmd_warnx("%.*s", (int)(eol - line), line);
	}
	buf_free(&c.warnings);
	if (c.u.n > 0)
		cmd_warnx("%zu %s not shown, as unproven here: %s", c.u.n,
		    c.u.n == 1 ? "segment or object" : "segments or objects",
		    c.u.why);
	if (c.allns) {
		if (cmd_ns_warn(&c.nl) != EXIT_OK)
			c.rc = EXIT_FAIL;
		ns_list_free(&c.nl);
	}
	free(tg);
	free(sel);
	return c.rc;
}

const struct cmd_entry cmd_who_entry = {
	.name = "who",
	.summary = "Show the processes that have segments or POSIX objects",
	.synopsis = "who [OPTIONS] [FILTERS] [TARGET...]",
	.help =
	    "  -o, --output LIST   columns to show (-o +LIST: add to the defaults)\n"
	    "      --json          JSON: {\"attaches\":[...]}, numbers as numbers\n"
	    "      --raw           single spaces, nothing truncated\n"
	    "      --noheadings    no header line\n"
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
