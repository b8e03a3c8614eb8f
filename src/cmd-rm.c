/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool rm: remove segments by id, key or filter, and POSIX objects by
 * name or filter, safely enough for cron.  Nothing is removed without a
 * TARGET, --all or a filter; nothing attached (an object: mapped or
 * open), and nothing whose being unused or orphaned proof.c cannot prove
 * here, unless --force: a TARGET is then refused naming the holders or
 * the reason, a row --all or a filter chose skipped with it.  Every
 * candidate is re-read right before IPC_RMID or unlinkat and skipped
 * when it is no longer the one that was selected (its id reused, the
 * name now another file or the file written, or a late attach); one
 * that another run removed first is "already gone", not a failure.  The
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
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "log.h"
#include "names.h"
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
	OPT_SYSLOG = OPT_CMD
};

static const struct cmd_option rm_options[] = {
	{ .name = "all", .val = 'a' },
	CMD_GROUP(cmd_filters),
	{ .name = "force", .val = 'f' },
	{ .name = "dry-run", .val = 'n' },
	{ .name = "json", .val = 'J' },
	{ .name = "verbose", .val = 'v' },
	{ .name = "syslog", .val = OPT_SYSLOG },
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

/* The lists of the JSON action log (shmtool-json(7)). */
enum rm_list {
	RM_REMOVED,
	RM_WOULD_REMOVE,
	RM_SKIPPED,
	RM_FAILED,
	RM_NLISTS
};

static const char *const rm_list_keys[RM_NLISTS] = {
	[RM_REMOVED] = "removed",
	[RM_WOULD_REMOVE] = "would_remove",
	[RM_SKIPPED] = "skipped",
	[RM_FAILED] = "failed",
};

struct rm_ctx {
	int		 force, dry_run, json, verbose;
	int		 failed;
	struct buf	 list[RM_NLISTS];	/* JSON arrays */
	struct json	 jlist[RM_NLISTS];
	/* The TARGET being removed; NULL: chosen by --all or a filter. */
	const struct target *tgt;
	/* Left because unproven here: how many, and the first reason. */
	struct unproven	 unproven;
	struct shm_maps	 maps;		/* who attaches, read when needed */
	int		 have_maps;
	char		*why;		/* why it was chosen: named, filters */
};

/*
 * One entry of the JSON log, the same keys in every list: S, or when
 * NULL (a TARGET that names nothing) what the TARGET says of it.
 * HOLDERS: a JSON array, or NULL for none.
 */
static void
json_entry(struct rm_ctx *c, enum rm_list l, const struct shm_seg *s,
    const char *reason, const struct buf *holders)
{
	struct json		*j = &c->jlist[l];
	const struct target	*t = c->tgt;
	char			 key[11];
	int			 posix;

	posix = s != NULL ? s->type == SEG_POSIX : t->type == TARGET_POSIX;
	json_obj(j);
	json_kstr(j, "type", posix ? "posix" : "sysv");
	json_key(j, "id");
	if (!posix && (s != NULL || t->type == TARGET_ID))
		json_int(j, s != NULL ? s->id : t->id);
	else
		json_null(j);
	json_key(j, "key");
	if (!posix && (s != NULL || t->type == TARGET_KEY)) {
		key_hex(key, (uint32_t)(s != NULL ? s->key : t->key));
		json_str(j, key);
	} else
		json_null(j);
	json_kstr_opt(j, "name", !posix ? NULL : s != NULL ? s->px.name :
	    t->name);
	json_key(j, "size");
	if (s != NULL)
		json_uint(j, s->size);
	else
		json_null(j);
	json_kstr_opt(j, "owner", s != NULL ? names_user(s->uid) : NULL);
	json_kstr_opt(j, "target", t != NULL ? target_str(t) : NULL);
	json_kstr(j, "reason", reason);
	json_key(j, "holders");
	if (holders != NULL && holders->len > 0)
		json_raw(j, holders->p, holders->len);
	else
		json_raw(j, "[]", 2);
	json_obj_end(j);
}

/*
 * The -v line: what was done first, then the segment or object:
 * "removed id 4: key 0x00001234, size 4096, owner root".  S NULL: a
 * TARGET that names nothing, WHAT.
 */
static void
verbose_line(const char *done, const char *what, const struct shm_seg *s)
{
	if (s == NULL)
		cmd_outf("%s %s", done, what);
	else if (s->type == SEG_POSIX)
		cmd_outf("%s %s: size %llu, owner %s", done, s->px.name,
		    (unsigned long long)s->size, names_user(s->uid));
	else
		cmd_outf("%s id %d: key 0x%08x, size %llu, owner %s", done,
		    s->id, (uint32_t)s->key, (unsigned long long)s->size,
		    names_user(s->uid));
}

/* A -v line with the reason: "skipped (already gone) id 4: ...". */
static void
verbose_because(const char *done, const char *reason, const char *what,
    const struct shm_seg *s)
{
	char	*d;

	xasprintf(&d, "%s (%s)", done, reason);
	verbose_line(d, what, s);
	free(d);
}

/* Removed, or with --dry-run would be: -v and --dry-run say so. */
static void
report_removed(struct rm_ctx *c, const struct shm_seg *s)
{
	log_seg(c->dry_run ? LOG_ACT_WOULD_REMOVE : LOG_ACT_REMOVED, s, c->why);
	if (c->json)
		json_entry(c, c->dry_run ? RM_WOULD_REMOVE : RM_REMOVED, s,
		    c->why, NULL);
	else if (c->verbose || c->dry_run)
		verbose_line(c->dry_run ? "would remove" : "removed", NULL, s);
}

/* Skips are the safety rules at work, not failures: -v tells them. */
static void
report_skipped(struct rm_ctx *c, const struct shm_seg *s, const char *reason)
{
	log_seg(LOG_ACT_SKIPPED, s, reason);
	if (c->json)
		json_entry(c, RM_SKIPPED, s, reason, NULL);
	else if (c->verbose)
		verbose_because("skipped", reason, NULL, s);
}

/*
 * A skip because a precondition could not be proven here: as any skip,
 * and counted, so that a run without -v still says it left something.
 */
static void
report_unproven(struct rm_ctx *c, const struct shm_seg *s, const char *why)
{
	report_skipped(c, s, why);
	if (c->unproven.n++ == 0)
		snprintf(c->unproven.why, sizeof(c->unproven.why), "%s", why);
}

/*
 * A failure: warned, listed, logged and the exit status becomes 1.  S is
 * the segment or object when there is one (NULL: a TARGET that names
 * none).  HOLDERS, unless NULL, is the JSON array of the processes that
 * hold it.  The error goes to standard error with or without -v; -v
 * also puts the failure in its log on standard output.
 */
static void
report_failed(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    const char *reason, const struct buf *holders)
{
	c->failed = 1;
	cmd_warnx("%s: %s", what, reason);
	if (s != NULL)
		log_seg(LOG_ACT_FAILED, s, reason);
	else
		log_fail("%s: %s", what, reason);
	if (c->json)
		json_entry(c, RM_FAILED, s, reason, holders);
	else if (c->verbose)
		verbose_because("failed", reason, what, s);
}

/*
 * The processes that hold something, as who shows them: "pid 812
 * (postgres: checkpointer), pid 813 (...)" for people, and the JSON
 * array [{"pid":812,"command":"..."}] for --json.  Each pid once; PIDS
 * come sorted.
 */
struct holders {
	struct buf	 text, json;
	struct json	 j;
	pid_t		 last;
	size_t		 n;
};

static void
holders_add(struct holders *h, pid_t pid)
{
	const char	*cmd, *shown;
	size_t		 len;

	if (h->n > 0 && pid == h->last)
		return;
	if (h->n == 0) {
		json_init(&h->j, &h->json);
		json_arr(&h->j);
	}
	cmd = proc_command(pid);
	shown = cmd != NULL ? cmd : "?";
	len = proc_command_cut(shown, 64);
	buf_addf(&h->text, "%spid %d (%.*s%s)", h->n > 0 ? ", " : "",
	    (int)pid, (int)len, shown, shown[len] != '\0' ? "..." : "");
	json_obj(&h->j);
	json_kint(&h->j, "pid", pid);
	json_kstr_opt(&h->j, "command", cmd);
	json_obj_end(&h->j);
	h->last = pid;
	h->n++;
}

/* The JSON array, complete: NULL when there is no holder. */
static const struct buf *
holders_json(struct holders *h)
{
	if (h->n == 0)
		return NULL;
	json_arr_end(&h->j);
	return &h->json;
}

static void
holders_free(struct holders *h)
{
	buf_free(&h->text);
	buf_free(&h->json);
}

/*
 * An explicit TARGET that is attached: refused without --force, naming
 * the processes that have it attached (the maps of our IPC namespace,
 * read once) and how many of its NATTCH attaches no maps file showed.
 */
static void
refuse_attached(struct rm_ctx *c, const char *what, const struct shm_seg *s)
{
	struct holders	 h = { 0 };
	char		*reason, unseen[128] = "";
	size_t		 i, seen = 0;

	if (!c->have_maps) {
		if (procmaps_scan(&c->maps) == -1)
			memset(&c->maps, 0, sizeof(c->maps));
		c->have_maps = 1;
	}
	for (i = 0; i < c->maps.n; i++) {
		if (c->maps.v[i].id != s->id)
			continue;
		holders_add(&h, c->maps.v[i].pid);
		seen++;
	}
	if (seen < s->nattch)
		snprintf(unseen, sizeof(unseen), "%s%llu attach%s not visible "
		    "(another PID namespace or an unreadable process)",
		    h.n > 0 ? ", and " : "",
		    (unsigned long long)(s->nattch - seen),
		    s->nattch - seen == 1 ? "" : "es");
	xasprintf(&reason, "attached (nattch %llu): %.*s%s; --force marks it "
	    "for removal", (unsigned long long)s->nattch, (int)h.text.len,
	    h.text.p != NULL ? h.text.p : "", unseen);
	report_failed(c, what, s, reason, holders_json(&h));
	free(reason);
	holders_free(&h);
}

/* An explicit TARGET object that a process maps or holds open. */
static void
refuse_held(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    const struct shm_holds *hs)
{
	struct holders	 h = { 0 };
	char		*reason;
	size_t		 i;

	for (i = 0; i < hs->n; i++)
		if (hs->v[i].ino == s->px.ino)
			holders_add(&h, hs->v[i].pid);
	xasprintf(&reason, "mapped or open: %.*s; --force removes it",
	    (int)h.text.len, h.text.p != NULL ? h.text.p : "");
	report_failed(c, what, s, reason, holders_json(&h));
	free(reason);
	holders_free(&h);
}

/* What the kernel would refuse us: the owner and mode. */
static void
refuse_denied(struct rm_ctx *c, const char *what, const struct shm_seg *s)
{
	char	*reason;

	reason = sysvipc_denied(s, 0, NULL);
	report_failed(c, what, s, reason, NULL);
	free(reason);
}

/* A TARGET whose precondition cannot be proven here: refused. */
static void
refuse_unproven(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    const char *why)
{
	char	*reason;

	xasprintf(&reason, "cannot prove it unused: %s; --force removes it",
	    why);
	report_failed(c, what, s, reason, NULL);
	free(reason);
}

/*
 * Removes S if it is still the segment that was selected, and FLAGS
 * (sysvipc_remove_if_same) hold.  TARGET: named by the user, so what
 * stops it is a failure; else chosen by --all or a filter, and only
 * skipped.
 */
static void
remove_one(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    int flags, int target)
{
	struct shm_seg	 now;
	char		*reason;

	if (c->dry_run || sysvipc_remove_if_same(s, flags, &now) == 0) {
		report_removed(c, s);
		return;
	}
	switch (errno) {
	case ENOENT:
		/* It was there when selected: another run was first. */
		report_skipped(c, s, "already gone");
		break;
	case ESTALE:
		/*
		 * A TARGET whose segment went and whose id was given to
		 * another: what was asked for is not what is there, and
		 * exit 0 would say it was removed.  A segment a filter chose
		 * is only skipped.
		 */
		if (!target)
			report_skipped(c, s, "changed since it was selected "
			    "(id reused, or the segment changed)");
		else
			report_failed(c, what, s, "changed since it was "
			    "selected (id reused, or the segment changed): "
			    "not removed", NULL);
		break;
	case EBUSY:
		if (target && now.nattch > 0) {
			refuse_attached(c, what, &now);
			break;
		}
		if (now.nattch > 0)
			xasprintf(&reason, "attached since it was selected "
			    "(nattch %llu)", (unsigned long long)now.nattch);
		else
			xasprintf(&reason, "attached and detached since it "
			    "was selected");
		report_skipped(c, s, reason);
		free(reason);
		break;
	case EPERM:
		refuse_denied(c, what, &now);
		break;
	default:
		report_failed(c, what, s, strerror(errno), NULL);
	}
}

/*
 * Removes the POSIX object S if its name still holds it unchanged (the
 * same inode, size and mtime: a file written since may be in use) and
 * FLAGS (posixshm_unlink) hold in H, the scan made after the selection.
 * TARGET: named by the user.
 */
static void
remove_posix(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    int flags, const struct shm_holds *h, int target)
{
	struct shm_seg	 now;
	char		*reason;

	if (c->dry_run || posixshm_unlink(s, flags, h, &now) == 0) {
		report_removed(c, s);
		return;
	}
	switch (errno) {
	case ENOENT:
		report_skipped(c, s, "already gone");
		break;
	case ESTALE:
		report_skipped(c, s, "changed since it was selected (another "
		    "file under its name, or written)");
		break;
	case EBUSY:
		if (target) {
			refuse_held(c, what, s, h);
			break;
		}
		xasprintf(&reason, "mapped or opened since it was selected "
		    "(%llu process%s)", (unsigned long long)now.nattch,
		    now.nattch == 1 ? "" : "es");
		report_skipped(c, s, reason);
		free(reason);
		break;
	case EUNPROVEN:
		if (target) {
			refuse_unproven(c, what, s, h->why);
			break;
		}
		xasprintf(&reason, "cannot prove it unused: %s", h->why);
		report_unproven(c, s, reason);
		free(reason);
		break;
	case EPERM:
	case EACCES:
		refuse_denied(c, what, &now);
		break;
	default:
		report_failed(c, what, s, strerror(errno), NULL);
	}
}

/*
 * Whether the row S, selected by --all or a filter, is a candidate: not
 * attached or held (unless --force), and for an object, no holder
 * missed by the scan H.  The reason is reported when it is not.
 */
static int
candidate(struct rm_ctx *c, const struct shm_seg *s,
    const struct shm_holds *h)
{
	char	*reason;

	if (s->nattch > 0 && !c->force) {
		if (s->type == SEG_POSIX)
			xasprintf(&reason, "mapped or open in %llu process%s; "
			    "--force removes it", (unsigned long long)s->nattch,
			    s->nattch == 1 ? "" : "es");
		else
			xasprintf(&reason, "attached (nattch %llu); --force "
			    "removes it", (unsigned long long)s->nattch);
		report_skipped(c, s, reason);
		free(reason);
		return 0;
	}
	/* What we may not remove anyway is refused as such, not unproven. */
	if (s->type == SEG_POSIX && !c->force &&
	    posixshm_may_unlink(s) == -1) {
		refuse_denied(c, s->px.name, s);
		return 0;
	}
	if (s->type == SEG_POSIX && !c->force &&
	    proof_unheld(h, s) != PROOF_YES) {
		xasprintf(&reason, "cannot prove it unused: %s", h->why);
		report_unproven(c, s, reason);
		free(reason);
		return 0;
	}
	return 1;
}

static void
rm_selected(struct rm_ctx *c, struct filter *f, int family)
{
	struct shm_list	 l;
	struct shm_holds h = { 0 }, h2 = { 0 };
	char		 what[32], why[PROOF_WHY], *cause;
	size_t		 i, j, skipped, nposix = 0;
	time_t		 now = (time_t)now_secs();
	enum proof	 m;

	if (select_list(family, &l, &skipped, &cause) == -1)
		cmd_errx("%s", cause);
	if ((family & FAMILY_POSIX) && posixshm_count(l.segs, l.n, &h) == -1)
		cmd_err("%s", posixshm_dir_path());
	f->holds = &h;
	/*
	 * What the filters cannot prove (an orphan whose creator cannot be
	 * seen, an object a scan may have missed holders of) is skipped
	 * with its reason, never taken.
	 */
	for (i = 0, j = 0; i < l.n; i++) {
		m = f->active ? filter_match(f, &l.segs[i], now, why) :
		    PROOF_YES;
		if (m == PROOF_UNKNOWN)
			report_unproven(c, &l.segs[i], why);
		if (m == PROOF_YES && candidate(c, &l.segs[i], &h)) {
			nposix += l.segs[i].type == SEG_POSIX;
			l.segs[j++] = l.segs[i];
		} else if (l.segs[i].type == SEG_POSIX)
			free((char *)(uintptr_t)l.segs[i].px.name);
	}
	l.n = j;
	/* Lets a test change the table between selection and removal. */
	(void)TEST_HOOK("RM_HOOK", 0);
	/*
	 * Who holds the objects now: a scan of its own, after the selection,
	 * that each removal checks against (a late mapping or open stops an
	 * object, as a late attach stops a segment).
	 */
	if (nposix > 0 && !c->dry_run && posixshm_count(NULL, 0, &h2) == -1)
		cmd_err("%s", posixshm_dir_path());
	for (i = 0; i < l.n; i++) {
		const struct shm_seg	*s = &l.segs[i];

		if (s->type == SEG_POSIX) {
			remove_posix(c, s->px.name, s, c->force ?
			    POSIXSHM_SAME_HOLDERS : POSIXSHM_UNHELD, &h2, 0);
			continue;
		}
		snprintf(what, sizeof(what), "id %d", s->id);
		remove_one(c, what, s, c->force ? SYSVIPC_SAME_NATTCH :
		    SYSVIPC_UNATTACHED | SYSVIPC_UNUSED, 0);
	}
	procmaps_holders_free(&h);
	procmaps_holders_free(&h2);
	shm_list_free(&l);
}

/*
 * A segment named by the user.  What we may not remove anyway is refused
 * as such: its holders would not have mattered.
 */
static void
rm_target_seg(struct rm_ctx *c, const char *what, const struct shm_seg *s)
{
	if (c->force)
		remove_one(c, what, s, 0, 1);
	else if (s->nattch > 0 && sysvipc_may_remove(s) == -1)
		refuse_denied(c, what, s);
	else if (s->nattch > 0)
		refuse_attached(c, what, s);
	else
		remove_one(c, what, s, SYSVIPC_UNATTACHED, 1);
}

/* An object named by the user; H: who holds it, scanned after selection. */
static void
rm_target_obj(struct rm_ctx *c, const char *what, const struct shm_seg *s,
    const struct shm_holds *h)
{
	if (c->force) {
		remove_posix(c, what, s, 0, NULL, 1);
		return;
	}
	if (posixshm_may_unlink(s) == -1) {
		refuse_denied(c, what, s);
		return;
	}
	switch (proof_unheld(h, s)) {
	case PROOF_NO:
		refuse_held(c, what, s, h);
		break;
	case PROOF_UNKNOWN:
		refuse_unproven(c, what, s, h->why);
		break;
	case PROOF_YES:
		remove_posix(c, what, s, POSIXSHM_UNHELD, h, 1);
		break;
	}
}

static void
rm_targets(struct rm_ctx *c, int argc, char **argv)
{
	struct target	*t;
	struct shm_seg	*segs;
	struct shm_holds h = { 0 };
	char		*cause;
	int		*found, n = argc - optind, i, nposix = 0;

	t = xreallocarray(NULL, (size_t)n, sizeof(*t));
	/* Zeroed: a row not found is no POSIX row to count. */
	segs = xcalloc((size_t)n, sizeof(*segs));
	found = xcalloc((size_t)n, sizeof(*found));
	/* Every operand is checked for syntax before anything goes. */
	for (i = 0; i < n; i++)
		opt_target(argv[optind + i], &t[i]);
	for (i = 0; i < n; i++) {
		if (select_target(&t[i], &segs[i], &cause) == 0) {
			found[i] = 1;
			nposix += segs[i].type == SEG_POSIX;
			continue;
		}
		memset(&segs[i], 0, sizeof(segs[i]));
		c->tgt = &t[i];
		report_failed(c, target_str(&t[i]), NULL, cause, NULL);
		free(cause);
	}
	(void)TEST_HOOK("RM_HOOK", 0);
	/* Who holds the objects: one scan, after the selection. */
	if (nposix > 0 && !c->force &&
	    posixshm_count(segs, (size_t)n, &h) == -1)
		cmd_err("%s", posixshm_dir_path());
	for (i = 0; i < n; i++) {
		if (!found[i])
			continue;
		c->tgt = &t[i];
		if (segs[i].type == SEG_SYSV)
			rm_target_seg(c, target_str(&t[i]), &segs[i]);
		else
			rm_target_obj(c, target_str(&t[i]), &segs[i], &h);
	}
	procmaps_holders_free(&h);
	c->tgt = NULL;
	free(found);
	free(segs);
	free(t);
}

/*
 * Why rm chose what it removes, for the action log: named on the command
 * line, or the filters it passed ("unattached, orphaned, older than
 * 86400s"); --all is "unattached", which it implies.
 */
static char *
chosen_why(const struct filter *f, int targets)
{
	struct buf	 b = { 0 };
	char		*why;

	if (targets)
		return xstrdup("named");
	if (f->unattached || !f->active)
		buf_addstr(&b, ", unattached");
	if (f->orphaned)
		buf_addstr(&b, ", orphaned");
	if (f->dest)
		buf_addstr(&b, ", marked for removal");
	if (f->has_owner)
		buf_addf(&b, ", owner %s", names_user(f->owner));
	if (f->has_creator)
		buf_addf(&b, ", creator %s", names_user(f->creator));
	if (f->has_key)
		buf_addf(&b, ", key 0x%08x", (uint32_t)f->key);
	if (f->has_older)
		buf_addf(&b, ", older than %llus",
		    (unsigned long long)f->older_than);
	if (f->has_larger)
		buf_addf(&b, ", larger than %llu bytes",
		    (unsigned long long)f->larger_than);
	why = xstrdup(b.p + 2);
	buf_free(&b);
	return why;
}

/*
 * The action log: every list, empty or not, and whether it was a dry
 * run.  A write error is the exit status of out_close(), as for all
 * output; the lists are freed.
 */
static void
print_json(struct rm_ctx *c)
{
	struct json	 j;
	size_t		 i;

	json_init_file(&j, stdout);
	json_obj(&j);
	for (i = 0; i < RM_NLISTS; i++) {
		json_arr_end(&c->jlist[i]);
		json_key(&j, rm_list_keys[i]);
		json_raw(&j, c->list[i].p, c->list[i].len);
	}
	json_kbool(&j, "dry_run", c->dry_run);
	json_obj_end(&j);
	(void)json_end(&j);
}

static int
cmd_rm_exec(int argc, char **argv)
{
	struct rm_ctx	 c;
	struct filter	 f;
	int		 ch, family;
	size_t		 i;

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
		case 'J':
			c.json = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		case OPT_SYSLOG:
			log_open("rm");
			break;
		}
	}
	family = filter_family(&f);
	for (i = 0; i < RM_NLISTS; i++) {
		json_init(&c.jlist[i], &c.list[i]);
		json_arr(&c.jlist[i]);
	}
	c.why = chosen_why(&f, optind < argc);
	if (optind < argc)
		rm_targets(&c, argc, argv);
	else
		rm_selected(&c, &f, family);
	/* Without -v, one line still says that something was left. */
	if (c.unproven.n > 0 && !c.verbose)
		cmd_warnx("%zu not removed, as unproven here (-v lists them): "
		    "%s", c.unproven.n, c.unproven.why);

	if (c.json)
		print_json(&c);
	for (i = 0; i < RM_NLISTS; i++)
		buf_free(&c.list[i]);
	free(c.why);
	if (c.have_maps)
		procmaps_free(&c.maps);
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
	    "  -n, --dry-run       print what would be removed (\"would "
	    "remove ...\"),\n"
	    "                      remove nothing\n"
	    "  -J, --json          an action log: removed, would_remove, "
	    "skipped, failed\n"
	    "  -v, --verbose       a line a segment: removed, skipped (REASON) or\n"
	    "                      failed (REASON), then id, key, size, owner\n"
	    "      --syslog        also log each action through syslog(3)\n"
	    "                      (identifier shmtool, facility daemon)\n",
	.exec = cmd_rm_exec,
	.options = rm_options,
	.rules = rm_rules,
	.operands = { CMD_ARG_TARGET },
	.operands_repeat = 1,
};
