/*
 * shmtool who: the processes that have segments attached, one row per
 * attach - what ipcs and lsipc cannot tell (they give a count).  One scan
 * of /proc/PID/maps, matched on the shmid in the inode field, counting
 * only processes of our IPC namespace; then a check against nattch, since
 * attaches in other PID namespaces or unreadable processes stay unseen.
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
#include "parse.h"
#include "procmaps.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

enum {
	COL_ID, COL_KEY, COL_PID, COL_USER, COL_COMMAND, COL_ADDRESS,
	COL_PERMS, NCOLS
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
};
static_assert(sizeof(who_cols) / sizeof(who_cols[0]) == NCOLS,
    "who_cols matches the column enum");

static const size_t	 defcols[] = { COL_ID, COL_KEY, COL_PID, COL_USER,
	COL_COMMAND, COL_ADDRESS, COL_PERMS };

static const struct option who_longopts[] = {
	FMT_LONGOPTS,
	FILTER_LONGOPTS,
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
    const struct shm_seg *s, const struct shm_map *m)
{
	char		 b[64];
	const char	*cmd;
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
			if ((cmd = proc_command(m->pid)) != NULL)
				fmt_str(f, cmd);
			else
				fmt_null(f, "-");
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
cmd_who_exec(int argc, char **argv)
{
	struct shm_list	 l;
	struct shm_maps	 maps;
	struct filter	 flt = { 0 };
	struct fmt_opts	 fo = { 0 };
	struct target	 t;
	struct fmt	*f;
	struct shm_seg	*segs, *s;
	enum fmt_mode	 mode;
	const char	*bad;
	size_t		*sel = NULL, *found, nsel, nsegs = 0, i, j;
	int		 ch, rc = EXIT_OK;
	int		 ntg, n, dup;
	time_t		 now;

	while ((ch = cmd_getopt(argc, argv, "o:Jh", who_longopts)) != -1) {
		if (filter_option(&flt, ch, optarg) ||
		    fmt_option(&fo, ch, optarg))
			continue;
		switch (ch) {
		}
	}
	mode = fmt_opts_mode(&fo);
	if (fo.output != NULL) {
		if ((n = fmt_parse_columns(who_cols, NCOLS, fo.output, defcols,
		    sizeof(defcols) / sizeof(defcols[0]), &sel, &bad)) == -1)
			usage_err("unknown column '%s'", bad);
		nsel = (size_t)n;
	} else {
		nsel = sizeof(defcols) / sizeof(defcols[0]);
		sel = xreallocarray(NULL, nsel, sizeof(*sel));
		memcpy(sel, defcols, sizeof(defcols));
	}
	ntg = argc - optind;
	for (i = 0; i < (size_t)ntg; i++)
		opt_target(argv[optind + (int)i], &t);
	now = time(NULL);

	/* The segments asked about, sorted by id, no id twice. */
	if (ntg == 0) {
		if (sysvipc_list(&l) == -1) {
			if (errno == EINVAL && *sysvipc_error() != '\0')
				errx(EXIT_FAIL, "%s", sysvipc_error());
			err(EXIT_FAIL, "cannot list segments");
		}
		filter_list(&flt, &l);
		segs = l.segs;
		for (i = 0; i < l.n; i++)
			if (l.segs[i].nattch > 0)
				segs[nsegs++] = l.segs[i];
	} else {
		segs = xcalloc((size_t)ntg, sizeof(*segs));
		for (i = 0; i < (size_t)ntg; i++) {
			opt_target(argv[optind + (int)i], &t);
			if (select_target(&t, &segs[nsegs]) == -1) {
				select_warn(&t, errno);
				rc = EXIT_FAIL;
				continue;
			}
			if (!filter_match(&flt, &segs[nsegs], now))
				continue;
			for (dup = 0, j = 0; j < nsegs; j++)
				dup |= segs[j].id == segs[nsegs].id;
			if (!dup)
				nsegs++;
		}
		for (i = 1; i < nsegs; i++) {
			struct shm_seg	 tmp = segs[i];

			for (j = i; j > 0 && segs[j - 1].id > tmp.id; j--)
				segs[j] = segs[j - 1];
			segs[j] = tmp;
		}
	}

	if (procmaps_scan(&maps) == -1)
		err(EXIT_FAIL, "%s", sysvipc_procfs());
	found = xcalloc(nsegs ? nsegs : 1, sizeof(*found));
	f = fmt_new(who_cols, sel, nsel, "attaches", mode, fo.noheadings);
	for (i = 0; i < maps.n; i++) {
		s = bsearch(&maps.v[i].id, segs, nsegs, sizeof(*segs),
		    seg_by_id);
		if (s == NULL)
			continue;
		found[s - segs]++;
		put_row(f, sel, nsel, s, &maps.v[i]);
	}
	if (fmt_finish(f) == -1)
		rc = EXIT_FAIL;
	fflush(stdout);

	/* Unseen attaches are worth a word: the answer is incomplete. */
	for (i = 0; i < nsegs; i++) {
		if (found[i] >= segs[i].nattch)
			continue;
		warnx("id %d: %zu of %llu attaches found: other PID namespaces "
		    "or unreadable processes%s", segs[i].id, found[i],
		    (unsigned long long)segs[i].nattch,
		    geteuid() == 0 ? "" : "; run as root");
	}
	free(found);
	procmaps_free(&maps);
	if (ntg == 0)
		sysvipc_list_free(&l);	/* segs is l.segs, filtered */
	else
		free(segs);
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
	    "\nFilters (combined with AND):\n"
	    FILTER_HELP,
	.help_extra = who_help_extra,
	.exec = cmd_who_exec,
};
