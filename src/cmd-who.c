/*
 * shmtool who: the processes that have segments attached, one row per
 * attach - what ipcs and lsipc cannot tell (they give a count).  One scan
 * of /proc/PID/maps, matched on the shmid in the inode field, counting
 * only processes of our IPC namespace; then a check against nattch, since
 * attaches in other PID namespaces or unreadable processes stay unseen.
 * --all-namespaces does the same for every IPC namespace a process is
 * in, each checked against its own segment table.
 */
#include "config.h"

#include <assert.h>
#include <err.h>
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
#include "procmaps.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

enum {
	COL_ID, COL_KEY, COL_PID, COL_USER, COL_COMMAND, COL_ADDRESS,
	COL_PERMS, COL_NS, COL_NSPID, COL_NSCOMMAND, NCOLS
};

static const struct fmt_col who_cols[] = {
	[COL_ID] = { "ID", "id", 1, "shmid" },
	[COL_KEY] = { "KEY", "key", 0, "the segment's key, 0x%08x" },
	[COL_PID] = { "PID", "pid", 1, "process id" },
	[COL_USER] = { "USER", "user", 0, "the process's user" },
	[COL_COMMAND] = { "COMMAND", "command", 0, "the process's command line" },
	[COL_ADDRESS] = { "ADDRESS", "address", 0,
	    "address range of the attach, start-end in hex" },
	[COL_PERMS] = { "PERMS", "perms", 0, "how it is mapped, as in the maps file (rw-s)" },
	[COL_NS] = { "NS", "ns", 1,
	    "IPC namespace, the inode of /proc/PID/ns/ipc" },
	[COL_NSPID] = { "NSPID", "nspid", 1,
	    "a process in that namespace (the lowest pid)" },
	[COL_NSCOMMAND] = { "NSCOMMAND", "nscommand", 0,
	    "that process's command" },
};
static_assert(sizeof(who_cols) / sizeof(who_cols[0]) == NCOLS,
    "who_cols matches the column enum");

static const size_t	 defcols[] = { COL_ID, COL_KEY, COL_PID, COL_USER,
	COL_COMMAND, COL_ADDRESS, COL_PERMS };

enum {
	OPT_ALL_NAMESPACES = OPT_FILTER_LAST
};

static const struct option who_longopts[] = {
	FMT_LONGOPTS,
	FILTER_LONGOPTS,
	{ "all-namespaces", no_argument,	NULL,	OPT_ALL_NAMESPACES },
	{ "help",	no_argument,		NULL,	'h' },
	{ NULL,		0,			NULL,	0 }
};

static void
who_help_extra(void)
{
	fmt_help_columns(who_cols, NCOLS);
}

static void
put_row(struct fmt *f, const size_t *sel, size_t nsel,
    const struct shm_seg *s, const struct shm_map *m,
    const struct ipc_ns *ns)
{
	char		 b[64];
	size_t		 i;

	fmt_row(f);
	for (i = 0; i < nsel; i++) {
		switch (sel[i]) {
		case COL_ID:
			fmt_int(f, s->id);
			break;
		case COL_KEY:
			snprintf(b, sizeof(b), "0x%08x", (uint32_t)s->key);
			fmt_str(f, b);
			break;
		case COL_PID:
			fmt_int(f, m->pid);
			break;
		case COL_USER:
			fmt_str(f, names_user(m->uid));
			break;
		case COL_COMMAND:
			fmt_str_opt(f, proc_command(m->pid));
			break;
		case COL_ADDRESS:
			snprintf(b, sizeof(b), "%llx-%llx",
			    (unsigned long long)m->start,
			    (unsigned long long)m->end);
			fmt_str(f, b);
			break;
		case COL_PERMS:
			fmt_str(f, m->perms);
			break;
		case COL_NS:
			fmt_uint(f, m->ns);
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
}

static int
seg_by_id(const void *key, const void *elem)
{
	int	 id = *(const int *)key;
	const struct shm_seg *s = elem;

	return id < s->id ? -1 : id > s->id;
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
static int
targets(int argc, char **argv, const struct filter *flt, struct shm_list *l)
{
	struct target	 t;
	struct shm_seg	*segs;
	size_t		 ntg = (size_t)(argc - optind), i, j, n = 0;
	time_t		 now = time(NULL);
	int		 rc = EXIT_OK, dup;

	segs = xcalloc(ntg ? ntg : 1, sizeof(*segs));
	for (i = 0; i < ntg; i++) {
		opt_target(argv[optind + (int)i], &t);
		if (select_target(&t, &segs[n]) == -1) {
			select_warn(&t, errno);
			rc = EXIT_FAIL;
			continue;
		}
		if (!filter_match(flt, &segs[n], now))
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
	return rc;
}

/*
 * The rows of one namespace: the mappings of its processes (ALL: the
 * maps are of every namespace) that are of its segments, counted in
 * found[] for the check against nattch.
 */
static void
show(struct fmt *f, const size_t *sel, size_t nsel, const struct ipc_ns *ns,
    const struct shm_maps *maps, int all, size_t *found)
{
	struct shm_seg	*s;
	size_t		 i;

	for (i = 0; i < maps->n; i++) {
		if (all && maps->v[i].ns != ns->ino)
			continue;
		s = bsearch(&maps->v[i].id, ns->segs.segs, ns->segs.n,
		    sizeof(*ns->segs.segs), seg_by_id);
		if (s == NULL)
			continue;
		found[s - ns->segs.segs]++;
		put_row(f, sel, nsel, s, &maps->v[i], ns);
	}
}

/* Unseen attaches are worth a word: the answer is incomplete. */
static void
warn_unseen(const struct ipc_ns *ns, const size_t *found, int all)
{
	char	 where[80] = "";
	size_t	 i;

	if (all)
		snprintf(where, sizeof(where), "IPC namespace %llu (pid %d): ",
		    (unsigned long long)ns->ino, (int)ns->pid);
	for (i = 0; i < ns->segs.n; i++) {
		if (found[i] >= ns->segs.segs[i].nattch)
			continue;
		warnx("%sid %d: %zu of %llu attaches found: other PID "
		    "namespaces or unreadable processes%s", where,
		    ns->segs.segs[i].id, found[i],
		    (unsigned long long)ns->segs.segs[i].nattch,
		    geteuid() == 0 ? "" : "; run as root");
	}
}

static int
cmd_who_exec(int argc, char **argv)
{
	struct ipc_ns_list nl = { 0 };
	struct ipc_ns	 cur;
	struct shm_maps	 maps;
	struct filter	 flt = { 0 };
	struct fmt_opts	 fo = { 0 };
	struct target	 t;
	struct fmt	*f;
	enum fmt_mode	 mode;
	const char	*bad;
	size_t		*sel = NULL, **found, defs[NCOLS], ndefs = 0, nsel, i;
	int		 ch, rc = EXIT_OK, allns = 0, wantpid;
	int		 ntg, n;

	while ((ch = cmd_getopt(argc, argv, "o:Jh", who_longopts)) != -1) {
		if (filter_option(&flt, ch, optarg) ||
		    fmt_option(&fo, ch, optarg))
			continue;
		switch (ch) {
		case OPT_ALL_NAMESPACES:
			allns = 1;
			break;
		}
	}
	mode = fmt_opts_mode(&fo);
	ntg = argc - optind;
	if (ntg > 0 && allns)
		usage_err("--all-namespaces lists every segment: no TARGETs");
	if (allns && ns_joined())
		usage_err("--all-namespaces and the global --ns exclude each "
		    "other");
	/* --all-namespaces: the namespace first. */
	if (allns)
		defs[ndefs++] = COL_NS;
	memcpy(defs + ndefs, defcols, sizeof(defcols));
	ndefs += sizeof(defcols) / sizeof(defcols[0]);
	if (fo.output != NULL) {
		if ((n = fmt_parse_columns(who_cols, NCOLS, fo.output, defs,
		    ndefs, &sel, &bad)) == -1)
			usage_err("unknown column '%s'", bad);
		nsel = (size_t)n;
	} else {
		nsel = ndefs;
		sel = xreallocarray(NULL, nsel, sizeof(*sel));
		memcpy(sel, defs, nsel * sizeof(*sel));
	}
	for (i = 0; i < (size_t)ntg; i++)
		opt_target(argv[optind + (int)i], &t);

	/* The segments asked about, per namespace, sorted by id. */
	if (allns)
		select_namespaces(&flt, &nl);
	else {
		/* Our namespace: its pid only when a column shows it. */
		for (i = 0, wantpid = 0; i < nsel; i++)
			wantpid |= sel[i] == COL_NSPID || sel[i] == COL_NSCOMMAND;
		(void)ns_current(&cur, wantpid);
		if (ntg > 0)
			rc = targets(argc, argv, &flt, &cur.segs);
		else if (sysvipc_list(&cur.segs) == -1) {
			if (errno == EINVAL && *sysvipc_error() != '\0')
				errx(EXIT_FAIL, "%s", sysvipc_error());
			err(EXIT_FAIL, "cannot list segments");
		} else
			filter_list(&flt, &cur.segs);
		nl.v = &cur;
		nl.n = 1;
	}
	for (i = 0; ntg == 0 && i < nl.n; i++)
		keep_attached(&nl.v[i].segs);

	if ((allns ? procmaps_scan_all(&maps) : procmaps_scan(&maps)) == -1)
		err(EXIT_FAIL, "%s", sysvipc_procfs());
	found = xcalloc(nl.n ? nl.n : 1, sizeof(*found));
	f = fmt_new(who_cols, sel, nsel, "attaches", mode, fo.noheadings);
	for (i = 0; i < nl.n; i++) {
		found[i] = xcalloc(nl.v[i].segs.n + 1, sizeof(**found));
		show(f, sel, nsel, &nl.v[i], &maps, allns, found[i]);
	}
	if (fmt_finish(f) == -1)
		rc = EXIT_FAIL;
	fflush(stdout);
	for (i = 0; i < nl.n; i++) {
		warn_unseen(&nl.v[i], found[i], allns);
		free(found[i]);
	}
	free(found);
	if (allns) {
		if (select_ns_warn(&nl) != EXIT_OK)
			rc = EXIT_FAIL;
		ns_list_free(&nl);
	} else
		sysvipc_list_free(&cur.segs);
	procmaps_free(&maps);
	free(sel);
	return rc;
}

const struct cmd_entry cmd_who_entry = {
	.name = "who",
	.summary = "Show the processes that have segments attached",
	.synopsis = "who [OPTIONS] [FILTERS] [TARGET...]",
	.help =
	    "  -o, --output LIST   columns to show (-o +LIST: add to the defaults)\n"
	    "      --json          JSON: {\"attaches\":[...]}, numbers as numbers\n"
	    "      --raw           single spaces, nothing truncated\n"
	    "      --noheadings    no header line\n"
	    "      --all-namespaces\n"
	    "                      every IPC namespace a process is in, with NS\n"
	    "                      columns (as root; no TARGETs)\n"
	    "\nFilters (combined with AND):\n"
	    FILTER_HELP,
	.help_extra = who_help_extra,
	.exec = cmd_who_exec,
};
