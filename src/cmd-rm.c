/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool rm: remove segments by id, key or filter, and POSIX objects by
 * name or filter, safely enough for cron.  Nothing is removed without a
 * TARGET, --all or a filter; what --all or a filter selects is never
 * removed while attached (an object: mapped or open) unless --force; and
 * every candidate is re-read right before IPC_RMID or unlinkat and
 * skipped when it is no longer the one that was selected (its id reused,
 * the name now another file or the file written, or a late attach).  The
 * table is read once and each candidate costs one IPC_STAT and one
 * IPC_RMID, so thousands of segments go in about the time ipcrm takes;
 * objects cost one scan of /proc to select and one more to re-check.
 */
#include "config.h"

#include <sys/types.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "parse.h"
#include "posixshm.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

enum {
	OPT_JSON = OPT_CMD
};

static const struct cmd_option rm_options[] = {
	{ .name = "all", .val = 'a' },
	CMD_GROUP(cmd_filters),
	{ .name = "force", .val = 'f' },
	{ .name = "dry-run", .val = 'n' },
	{ .name = "json", .val = OPT_JSON },
	{ .name = "verbose", .val = 'v' },
	CMD_END
};

static const struct cmd_rule rm_rules[] = {
	{ CMD_ONE_OF, { CMD_OPERANDS, 'a', CMD_FILTERS },
	    "nothing to remove: give a TARGET, --all or a filter" },
	{ CMD_EXCLUDES, { CMD_OPERANDS, 'a', CMD_FILTERS,
	    OPT_FILTER + FILTER_POSIX, OPT_FILTER + FILTER_ALL_TYPES },
	    "TARGET operands exclude --all, --posix, --all-types and filters" },
	CMD_RULES_END
};

struct rm_ctx {
	int		 force, dry_run, json, verbose;
	int		 failed;
	struct buf	 removed, skipped, failures;	/* JSON arrays */
};

static void
json_sep(struct buf *b)
{
	if (b->len > 0)
		buf_addstr(b, ",");
}

/* The -v and --dry-run line: id, key, size, owner; or name, size, owner. */
static void
report_removed(struct rm_ctx *c, const struct shm_seg *s)
{
	const char	*owner = names_user(s->uid);

	if (s->type == SEG_POSIX && c->json) {
		json_sep(&c->removed);
		buf_addstr(&c->removed, "{\"name\":");
		esc_json(&c->removed, s->px.name, strlen(s->px.name));
		buf_addf(&c->removed, ",\"size\":%llu,\"owner\":",
		    (unsigned long long)s->size);
		esc_json(&c->removed, owner, strlen(owner));
		buf_addstr(&c->removed, "}");
	} else if (s->type == SEG_POSIX) {
		if (c->verbose || c->dry_run)
			cmd_outf("%s: size %llu, owner %s", s->px.name,
			    (unsigned long long)s->size, owner);
	} else if (c->json) {
		json_sep(&c->removed);
		buf_addf(&c->removed, "{\"id\":%d,\"key\":\"0x%08x\","
		    "\"size\":%llu,\"owner\":", s->id, (uint32_t)s->key,
		    (unsigned long long)s->size);
		esc_json(&c->removed, owner, strlen(owner));
		buf_addstr(&c->removed, "}");
	} else if (c->verbose || c->dry_run)
		cmd_outf("id %d: key 0x%08x, size %llu, owner %s", s->id,
		    (uint32_t)s->key, (unsigned long long)s->size, owner);
}

/* Skips are the safety rules at work, not failures: -v tells them. */
static void
report_skipped(struct rm_ctx *c, const struct shm_seg *s, const char *reason)
{
	if (c->json) {
		json_sep(&c->skipped);
		if (s->type == SEG_POSIX) {
			buf_addstr(&c->skipped, "{\"name\":");
			esc_json(&c->skipped, s->px.name, strlen(s->px.name));
		} else
			buf_addf(&c->skipped, "{\"id\":%d", s->id);
		buf_addstr(&c->skipped, ",\"reason\":");
		esc_json(&c->skipped, reason, strlen(reason));
		buf_addstr(&c->skipped, "}");
	}
	if (c->verbose && s->type == SEG_POSIX)
		cmd_warnx("%s: skipped: %s", s->px.name, reason);
	else if (c->verbose)
		cmd_warnx("id %d: skipped: %s", s->id, reason);
}

/* A failure: warned, listed, and the exit status becomes 1. */
static void
report_failed(struct rm_ctx *c, const char *what, int id,
    const char *reason)
{
	c->failed = 1;
	cmd_warnx("%s: %s", what, reason);
	if (c->json) {
		json_sep(&c->failures);
		buf_addstr(&c->failures, "{\"target\":");
		esc_json(&c->failures, what, strlen(what));
		if (id >= 0)
			buf_addf(&c->failures, ",\"id\":%d", id);
		else
			buf_addstr(&c->failures, ",\"id\":null");
		buf_addstr(&c->failures, ",\"reason\":");
		esc_json(&c->failures, reason, strlen(reason));
		buf_addstr(&c->failures, "}");
	}
}

/*
 * Removes S if it is still the segment that was selected.  CHECK_NATTCH:
 * selected by --all or a filter, so a late attach also stops it, and a
 * segment gone meanwhile is only skipped.
 */
static void
remove_one(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    int check_nattch)
{
	struct shm_seg	 now;
	char		*reason;

	if (c->dry_run) {
		report_removed(c, s);
		return;
	}
	if (sysvipc_remove_if_same(s, check_nattch ? SYSVIPC_SAME_NATTCH : 0,
	    &now) == 0) {
		report_removed(c, s);
		return;
	}
	switch (errno) {
	case ENOENT:
		if (check_nattch)
			report_skipped(c, s, "gone before removal");
		else
			report_failed(c, what, s->id, "no such segment");
		break;
	case ESTALE:
		/*
		 * A TARGET whose segment went and whose id was given to
		 * another: what was asked for is not what is there, and
		 * exit 0 would say it was removed.  A segment a filter chose
		 * is only skipped.
		 */
		if (check_nattch)
			report_skipped(c, s, "changed since it was selected "
			    "(id reused, or the segment changed)");
		else
			report_failed(c, what, s->id, "changed since it was "
			    "selected (id reused, or the segment changed): "
			    "not removed");
		break;
	case EBUSY:
		xasprintf(&reason, "attached since it was selected (nattch "
		    "%llu)", (unsigned long long)now.nattch);
		report_skipped(c, s, reason);
		free(reason);
		break;
	case EPERM:
		reason = sysvipc_denied(&now, 0, NULL);
		report_failed(c, what, s->id, reason);
		free(reason);
		break;
	default:
		report_failed(c, what, s->id, strerror(errno));
	}
}

/*
 * Removes the POSIX object S if its name still holds it unchanged (the
 * same inode, size and mtime: a file written since may be in use).
 * CHECK: selected by --all or a filter.
 */
static void
remove_posix(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    int check)
{
	struct shm_seg	 now;
	char		*reason;

	if (c->dry_run) {
		report_removed(c, s);
		return;
	}
	if (posixshm_unlink(s, &now) == 0) {
		report_removed(c, s);
		return;
	}
	switch (errno) {
	case ENOENT:
		if (check)
			report_skipped(c, s, "gone before removal");
		else
			report_failed(c, what, -1, "no such object");
		break;
	case ESTALE:
		report_skipped(c, s, "changed since it was selected (another "
		    "file under its name, or written)");
		break;
	case EPERM:
	case EACCES:
		reason = sysvipc_denied(&now, 0, NULL);
		report_failed(c, what, -1, reason);
		free(reason);
		break;
	default:
		report_failed(c, what, -1, strerror(errno));
	}
}

/*
 * The holders of the selected POSIX objects now, after the selection:
 * a copy of the rows with NATTCH counted again.
 */
static struct shm_seg *
recount(const struct shm_list *l)
{
	struct shm_seg	*now;
	size_t		 unreadable;

	now = xreallocarray(NULL, l->n ? l->n : 1, sizeof(*now));
	if (l->n > 0)
		memcpy(now, l->segs, l->n * sizeof(*now));
	if (posixshm_count(now, l->n, &unreadable) == -1)
		cmd_err("counting the holders of POSIX objects");
	return now;
}

static void
rm_selected(struct rm_ctx *c, const struct filter *f, int family)
{
	struct shm_list	 l;
	struct shm_seg	*now = NULL;
	char		 what[32], reason[128], *cause;
	size_t		 i, skipped, unreadable = 0, nposix = 0;

	if (select_list(family, &l, &skipped, &cause) == -1)
		cmd_errx("%s", cause);
	if ((family & FAMILY_POSIX) &&
	    posixshm_count(l.segs, l.n, &unreadable) == -1)
		cmd_err("counting the holders of POSIX objects");
	filter_list(f, &l);
	for (i = 0; i < l.n; i++)
		nposix += l.segs[i].type == SEG_POSIX;
	if (nposix > 0 && unreadable > 0 && !c->force)
		cmd_warnx("%zu process%s could not be read: an object only %s "
		    "or hold%s open counts as unattached%s", unreadable,
		    unreadable == 1 ? "" : "es", unreadable == 1 ? "it maps" :
		    "they map", unreadable == 1 ? "s" : "",
		    geteuid() == 0 ? "" : "; run as root");
	/* Lets a test change the table between selection and removal. */
	(void)TEST_HOOK("RM_HOOK", 0);
	if (nposix > 0 && !c->dry_run)
		now = recount(&l);
	for (i = 0; i < l.n; i++) {
		const struct shm_seg	*s = &l.segs[i];

		if (s->nattch > 0 && !c->force) {
			if (s->type == SEG_POSIX)
				snprintf(reason, sizeof(reason), "mapped or "
				    "open in %llu process%s; --force removes "
				    "it", (unsigned long long)s->nattch,
				    s->nattch == 1 ? "" : "es");
			else
				snprintf(reason, sizeof(reason), "attached "
				    "(nattch %llu); --force removes it",
				    (unsigned long long)s->nattch);
			report_skipped(c, s, reason);
			continue;
		}
		if (s->type == SEG_POSIX) {
			/* A late mapping or open stops it, as a late attach. */
			if (now != NULL && now[i].nattch != s->nattch) {
				snprintf(reason, sizeof(reason), "mapped or "
				    "opened since it was selected (%llu "
				    "process%s)", (unsigned long long)
				    now[i].nattch, now[i].nattch == 1 ? "" :
				    "es");
				report_skipped(c, s, reason);
				continue;
			}
			remove_posix(c, s->px.name, s, 1);
			continue;
		}
		snprintf(what, sizeof(what), "id %d", s->id);
		remove_one(c, what, s, 1);
	}
	free(now);
	sysvipc_list_free(&l);
}

static void
rm_targets(struct rm_ctx *c, int argc, char **argv)
{
	struct target	*t;
	struct shm_seg	*segs;
	char		*cause;
	int		*found, n = argc - optind, i;

	t = xreallocarray(NULL, (size_t)n, sizeof(*t));
	segs = xreallocarray(NULL, (size_t)n, sizeof(*segs));
	found = xcalloc((size_t)n, sizeof(*found));
	/* Every operand is checked for syntax before anything goes. */
	for (i = 0; i < n; i++)
		opt_target(argv[optind + i], &t[i]);
	for (i = 0; i < n; i++) {
		if (select_target(&t[i], &segs[i], &cause) == 0) {
			found[i] = 1;
			continue;
		}
		report_failed(c, target_str(&t[i]), t[i].type == TARGET_ID &&
		    errno == ENOENT ? t[i].id : -1, cause);
		free(cause);
	}
	(void)TEST_HOOK("RM_HOOK", 0);
	for (i = 0; i < n; i++) {
		if (!found[i])
			continue;
		if (segs[i].type == SEG_POSIX)
			remove_posix(c, target_str(&t[i]), &segs[i], 0);
		else
			remove_one(c, target_str(&t[i]), &segs[i], 0);
	}
	free(found);
	free(segs);
	free(t);
}

static int
cmd_rm_exec(int argc, char **argv)
{
	struct rm_ctx	 c;
	struct filter	 f;
	int		 ch, family;

	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_filter_option(&f, ch, optarg))
			continue;
		/* --all means no filter: the rules check that it is given. */
		switch (ch) {
		case 'f':
			c.force = 1;
			break;
		case 'n':
			c.dry_run = 1;
			break;
		case OPT_JSON:
			c.json = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		}
	}
	family = filter_family(&f);
	if (optind < argc)
		rm_targets(&c, argc, argv);
	else
		rm_selected(&c, &f, family);

	if (c.json) {
		printf("{\"removed\":[%.*s],\"skipped\":[%.*s],"
		    "\"failed\":[%.*s],\"dry_run\":%s}\n",
		    (int)c.removed.len, c.removed.p ? c.removed.p : "",
		    (int)c.skipped.len, c.skipped.p ? c.skipped.p : "",
		    (int)c.failures.len, c.failures.p ? c.failures.p : "",
		    c.dry_run ? "true" : "false");
	}
	buf_free(&c.removed);
	buf_free(&c.skipped);
	buf_free(&c.failures);
	return c.failed ? EXIT_FAIL : EXIT_OK;
}

const struct cmd_entry cmd_rm_entry = {
	.name = "rm",
	.summary = "Remove segments or objects by id, key, name or filter, safely",
	.synopsis = "rm [OPTIONS] TARGET... | --all | FILTERS",
	.help =
	    "  -a, --all           every segment (object) not attached\n"
	    CMD_FILTER_HELP
	    "  -f, --force         also attached segments and objects mapped\n"
	    "                      or open (with --all or filters)\n"
	    "  -n, --dry-run       print what would be removed, remove "
	    "nothing\n"
	    "      --json          an action log: removed, skipped, failed\n"
	    "  -v, --verbose       a line per removed segment: id, key, "
	    "size, owner\n",
	.exec = cmd_rm_exec,
	.options = rm_options,
	.rules = rm_rules,
	.operands = { CMD_ARG_TARGET },
	.operands_repeat = 1,
};
