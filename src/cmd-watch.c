/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool watch: one line per event as segments and POSIX objects come
 * and go, each with the time it was seen - a line of KEY=VALUE pairs
 * after the event and the object, or with --json one JSON object (JSON
 * Lines, the keys of stat --json) - written out at once, so that a pipe
 * gets each as it happens.  The segment table is read every --interval;
 * /dev/shm speaks through inotify, so its events need no interval.  The
 * engine (watch.c) finds the events; this file chooses, words and
 * prints them, and runs the loop: poll on inotify and on a pipe's
 * reader, the signals that end it quietly, --count and --timeout.
 */
#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "log.h"
#include "names.h"
#include "ns.h"
#include "posixshm.h"
#include "select.h"
#include "shmtool.h"
#include "util.h"
#include "watch.h"

enum {
	OPT_INTERVAL = OPT_CMD,
	OPT_COUNT,
	OPT_TIMEOUT,
	OPT_EXISTING,
	OPT_SYSLOG
};

static const struct cmd_option watch_options[] = {
	{ .name = "json", .val = 'J' },
	{ .name = "interval", .val = OPT_INTERVAL, .arg = CMD_ARG_DURATION },
	{ .name = "count", .val = OPT_COUNT, .arg = CMD_ARG_NUMBER },
	{ .name = "timeout", .val = OPT_TIMEOUT, .arg = CMD_ARG_DURATION },
	{ .name = "existing", .val = OPT_EXISTING },
	{ .name = "syslog", .val = OPT_SYSLOG },
	CMD_GROUP(cmd_filters),
	CMD_END
};

/* The shortest interval: a look at 32,000 segments takes about 40 ms. */
#define MIN_INTERVAL_MS	10
#define DEF_INTERVAL_MS	1000

static const char *const kind_words[WATCH_NKINDS] = {
	[WATCH_EXIST] = "exist",
	[WATCH_CREATE] = "create",
	[WATCH_ATTACH] = "attach",
	[WATCH_DETACH] = "detach",
	[WATCH_MARK] = "mark",
	[WATCH_REMOVE] = "remove",
	[WATCH_CHANGE] = "change",
	[WATCH_LOCK] = "lock",
	[WATCH_UNLOCK] = "unlock",
	[WATCH_DELETE] = "delete",
	[WATCH_RESIZE] = "resize",
	[WATCH_CHMOD] = "chmod",
	[WATCH_CHOWN] = "chown",
	[WATCH_WRITE] = "write",
	[WATCH_OVERFLOW] = "overflow",
};

#define OVERFLOW_REASON	"inotify queue overflowed: events may have been " \
	"missed; the directory was read again"

struct ctx {
	const struct filter	*flt;
	int			 json;
	uint64_t		 limit;		/* --count; 0: none */
	uint64_t		 shown;		/* events printed */
	uint64_t		 ns;		/* --ns: its inode; else 0 */
	int			 done;		/* --count reached */
	int			 werr;		/* standard output failed */
	struct buf		 line, text;
};

/* The signals that end it, and the one that asks how it goes. */
static volatile sig_atomic_t	 got_stop, got_usr1;
/* Those signals, blocked but while ppoll waits. */
static sigset_t			 watch_sigs;

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_stop = 1;
}

/* ---- words --------------------------------------------------------- */

static void
perms_str(char b[5], uint32_t perms)
{
	b[0] = '0';
	b[1] = (char)('0' + (perms >> 6 & 7));
	b[2] = (char)('0' + (perms >> 3 & 7));
	b[3] = (char)('0' + (perms & 7));
	b[4] = '\0';
}

/* " KEY=VALUE" in the log's form; nothing for NULL. */
static void
pair(struct buf *b, const char *key, const char *val)
{
	if (val == NULL)
		return;
	buf_addf(b, " %s=", key);
	log_value(b, val);
}

static void
pair_num(struct buf *b, const char *key, int64_t v)
{
	buf_addf(b, " %s=%lld", key, (long long)v);
}

static void
pair_key(struct buf *b, const char *name, int32_t key)
{
	char	 k[11];

	key_hex(k, (uint32_t)key);
	pair(b, name, k);
}

static void
pair_perms(struct buf *b, const char *name, uint32_t perms)
{
	char	 p[5];

	perms_str(p, perms);
	pair(b, name, p);
}

static void
text_proc(struct buf *b, char who, const struct watch_proc *p)
{
	char	 key[16];

	snprintf(key, sizeof(key), "%cpid", who);
	pair_num(b, key, p->pid);
	snprintf(key, sizeof(key), "%cunit", who);
	pair(b, key, p->unit);
	snprintf(key, sizeof(key), "%ccommand", who);
	pair(b, key, p->command);
}

/* Owner, group and mode now, and before each that changed. */
static void
text_attrs(struct buf *b, const struct shm_seg *s, const struct shm_seg *o)
{
	pair(b, "owner", names_user(s->uid));
	if (o->uid != s->uid)
		pair(b, "old_owner", names_user(o->uid));
	pair(b, "group", names_group(s->gid));
	if (o->gid != s->gid)
		pair(b, "old_group", names_group(o->gid));
	pair_perms(b, "perms", s->perms);
	if ((o->perms & 0777) != (s->perms & 0777))
		pair_perms(b, "old_perms", o->perms);
}

/*
 * An event as one line: "EVENT id ID" or "EVENT /NAME", then pairs.
 * This is also the line --syslog logs, so that a journal search for
 * "create id 32769" finds who made segment 32769.
 */
static void
text_event(struct ctx *c, struct buf *b, const struct watch_event *e)
{
	const struct shm_seg	*s = e->seg, *o = e->old;

	buf_addstr(b, kind_words[e->kind]);
	if (e->kind == WATCH_OVERFLOW) {
		pair(b, "dir", posixshm_dir_path());
		pair(b, "reason", OVERFLOW_REASON);
		return;
	}
	if (s->type == SEG_POSIX) {
		buf_addstr(b, " ");
		log_value(b, seg_name(s));
		if (strcmp(posixshm_dir_path(), "/dev/shm") != 0)
			pair(b, "dir", posixshm_dir_path());
	} else {
		buf_addf(b, " id %d", s->id);
		if (c->ns != 0)
			pair_num(b, "ns", (int64_t)c->ns);
	}
	switch (e->kind) {
	case WATCH_EXIST:
	case WATCH_CREATE:
	case WATCH_REMOVE:
	case WATCH_DELETE:
		if (s->type == SEG_SYSV)
			pair_key(b, "key", s->key);
		pair_num(b, "size", (int64_t)s->size);
		pair(b, "owner", names_user(s->uid));
		pair_perms(b, "perms", s->perms);
		if (s->type == SEG_POSIX)
			break;
		if (e->kind == WATCH_EXIST)
			pair_num(b, "nattch", (int64_t)s->nattch);
		if (e->kind == WATCH_REMOVE && (s->perms & SEG_DEST))
			pair(b, "dest", "yes");
		text_proc(b, 'c', e->creator);
		break;
	case WATCH_ATTACH:
	case WATCH_DETACH:
		pair_num(b, "nattch", (int64_t)s->nattch);
		buf_addf(b, " delta=%s%lld", e->delta > 0 ? "+" : "",
		    (long long)e->delta);
		if (e->several)
			pair(b, "several", "yes");
		text_proc(b, 'l', e->last);
		break;
	case WATCH_MARK:
		pair_num(b, "nattch", (int64_t)s->nattch);
		pair_key(b, "old_key", o->key);
		break;
	case WATCH_CHANGE:
	case WATCH_CHMOD:
	case WATCH_CHOWN:
		text_attrs(b, s, o);
		break;
	case WATCH_LOCK:
	case WATCH_UNLOCK:
		pair_num(b, "size", (int64_t)s->size);
		pair(b, "owner", names_user(s->uid));
		break;
	case WATCH_RESIZE:
		pair_num(b, "size", (int64_t)s->size);
		pair_num(b, "old_size", (int64_t)o->size);
		break;
	case WATCH_WRITE:
		pair_num(b, "size", (int64_t)s->size);
		break;
	case WATCH_OVERFLOW:
	case WATCH_NKINDS:
		break;
	}
}

/* ---- JSON ---------------------------------------------------------- */

/*
 * One line a event through json.c's writer: "time", "event", then the
 * row with exactly the keys, order and forms of a stat --json row
 * (shmtool-json(7); tests/json-schema.bats compares the two), then what
 * only an event has.  What watch does not read is null: orphan (watch
 * proves nothing), an object's nattch (counted only for --unattached).
 */

/* A time as stat --json gives it: ISO-8601 UTC, or null for never. */
static void
j_time(struct json *j, const char *key, int64_t t)
{
	char	 iso[40];

	if (t == 0) {
		json_knull(j, key);
		return;
	}
	fmt_time_iso(iso, sizeof(iso), t);
	json_kstr(j, key, iso);
}

/* Bytes, or null when not known (-1). */
static void
j_bytes(struct json *j, const char *key, int64_t v)
{
	if (v < 0)
		json_knull(j, key);
	else
		json_kint(j, key, v);
}

static void
j_perms(struct json *j, uint32_t perms)
{
	char	 p[5];

	perms_str(p, perms);
	json_kstr(j, "perms", p);
}

static void
j_status(struct json *j, uint32_t perms)
{
	json_key(j, "status");
	json_arr(j);
	if (perms & SEG_DEST)
		json_str(j, "dest");
	if (perms & SEG_LOCKED)
		json_str(j, "locked");
	json_arr_end(j);
}

/* A null for a key the other kind has: the row keeps every key. */
static void
j_sysv_int(struct json *j, const struct shm_seg *s, const char *key,
    int64_t v)
{
	if (s->type == SEG_SYSV)
		json_kint(j, key, v);
	else
		json_knull(j, key);
}

static void
j_sysv_str(struct json *j, const struct shm_seg *s, const char *key,
    const char *v)
{
	json_kstr_opt(j, key, s->type == SEG_SYSV ? v : NULL);
}

/* The row of stat --json: type ... orphan, cunit, ccgroup_path. */
static void
j_row(struct json *j, const struct shm_seg *s, const struct watch_proc *cr)
{
	char	 k[11];
	int	 sysv = s->type == SEG_SYSV;

	json_kstr(j, "type", sysv ? "sysv" : "posix");
	key_hex(k, (uint32_t)s->key);
	j_sysv_str(j, s, "key", k);
	j_sysv_int(j, s, "id", s->id);
	json_kstr_opt(j, "name", seg_name(s));
	json_kstr(j, "owner", names_user(s->uid));
	json_kstr(j, "group", names_group(s->gid));
	json_kuint(j, "uid", s->uid);
	json_kuint(j, "gid", s->gid);
	j_sysv_str(j, s, "cuser", names_user(seg_cuid(s)));
	j_sysv_str(j, s, "cgroup", names_group(seg_cgid(s)));
	j_sysv_int(j, s, "cuid", seg_cuid(s));
	j_sysv_int(j, s, "cgid", seg_cgid(s));
	j_perms(j, s->perms);
	json_kuint(j, "size", s->size);
	j_bytes(j, "rss", s->rss);
	j_bytes(j, "swap", sysv ? s->swap : -1);
	if (sysv)
		json_kuint(j, "nattch", s->nattch);
	else
		json_knull(j, "nattch");
	if (sysv)
		j_status(j, s->perms);
	else {
		json_key(j, "status");
		json_arr(j);
		json_arr_end(j);
	}
	j_sysv_int(j, s, "cpid", seg_cpid(s));
	j_sysv_int(j, s, "lpid", seg_lpid(s));
	j_time(j, "atime", s->atime);
	j_time(j, "dtime", seg_dtime(s));
	j_time(j, "mtime", seg_mtime(s));
	j_time(j, "ctime", s->ctime);
	json_knull(j, "orphan");
	json_kstr_opt(j, "cunit", sysv && cr != NULL ? cr->unit : NULL);
	json_kstr_opt(j, "ccgroup_path", sysv && cr != NULL ? cr->cgroup :
	    NULL);
}

/* What changed, as it was: "old":{...} with the row's keys, or null. */
static void
j_old(struct json *j, const struct shm_seg *o)
{
	char	 k[11];

	json_key(j, "old");
	if (o == NULL) {
		json_null(j);
		return;
	}
	json_obj(j);
	json_kuint(j, "uid", o->uid);
	json_kstr(j, "owner", names_user(o->uid));
	json_kuint(j, "gid", o->gid);
	json_kstr(j, "group", names_group(o->gid));
	j_perms(j, o->perms);
	if (o->type == SEG_SYSV) {
		key_hex(k, (uint32_t)o->key);
		json_kstr(j, "key", k);
		json_kuint(j, "nattch", o->nattch);
		j_status(j, o->perms);
	} else {
		json_kuint(j, "size", o->size);
		j_time(j, "mtime", seg_mtime(o));
	}
	json_obj_end(j);
}

static void
json_event(struct ctx *c, struct buf *b, const struct watch_event *e)
{
	struct json	 j;
	struct tm	 tm;
	time_t		 t = (time_t)e->sec;
	char		 when[48], sec[32];
	int		 al = e->kind == WATCH_ATTACH || e->kind == WATCH_DETACH;
	int		 sysv;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(sec, sizeof(sec), "%lld", (long long)e->sec);
	snprintf(when, sizeof(when), "%s.%03ldZ", sec, e->nsec / 1000000);
	json_init(&j, b);
	json_obj(&j);
	json_kstr(&j, "time", when);
	json_kstr(&j, "event", kind_words[e->kind]);
	if (e->kind == WATCH_OVERFLOW) {
		json_kstr(&j, "type", "posix");
		json_kstr(&j, "dir", posixshm_dir_path());
		json_kstr(&j, "reason", OVERFLOW_REASON);
		json_obj_end(&j);
		buf_addstr(b, "\n");
		return;
	}
	sysv = e->seg->type == SEG_SYSV;
	j_row(&j, e->seg, e->creator);
	/* --ns: the namespace watched, as --all-namespaces names it. */
	if (c->ns != 0)
		json_kuint(&j, "ns", c->ns);
	json_kstr_opt(&j, "ccommand", sysv && e->creator != NULL ?
	    e->creator->command : NULL);
	if (al)
		json_kint(&j, "delta", e->delta);
	else
		json_knull(&j, "delta");
	if (al)
		json_kbool(&j, "several", e->several);
	else
		json_knull(&j, "several");
	json_kstr_opt(&j, "lcommand", al ? e->last->command : NULL);
	json_kstr_opt(&j, "lunit", al ? e->last->unit : NULL);
	json_kstr_opt(&j, "lcgroup_path", al ? e->last->cgroup : NULL);
	j_old(&j, e->old);
	json_obj_end(&j);
	(void)json_end(&j);
	buf_addstr(b, "\n");
}

/* ---- the events ---------------------------------------------------- */

/*
 * Whether ROW passes the filters.  An object's NATTCH (the processes
 * that map it or hold it open) is counted only when --unattached asks:
 * it costs a pass over /proc.  What cannot be proven here (--orphaned,
 * --unattached without every process seen) is shown: watch acts on
 * nothing, and a line too many beats an event missed.
 */
static int
passes(const struct ctx *c, const struct shm_seg *row, time_t now)
{
	struct shm_seg	 s = *row;
	struct shm_holds h = { 0 };
	struct filter	 f = *c->flt;
	enum proof	 p;

	if (s.type == SEG_POSIX && f.unattached) {
		if (posixshm_count(&s, 1, &h) == -1) {
			procmaps_holders_free(&h);
			return 1;	/* not known: shown */
		}
		f.holds = &h;
	}
	p = filter_match(&f, &s, now, NULL);
	procmaps_holders_free(&h);
	return p != PROOF_NO;
}

/* Shown when the row before or after it passes the filters. */
static int
wanted(const struct ctx *c, const struct watch_event *e)
{
	time_t	 now = (time_t)e->sec;

	if (e->kind == WATCH_OVERFLOW || !c->flt->active)
		return 1;
	return passes(c, e->seg, now) ||
	    (e->old != NULL && passes(c, e->old, now));
}

static void
on_event(const struct watch_event *e, void *arg)
{
	struct ctx	*c = arg;
	struct tm	 tm;
	time_t		 t = (time_t)e->sec;
	char		 when[40];

	if (c->done || !wanted(c, e))
		return;
	c->text.len = 0;
	c->line.len = 0;
	if (!c->json || log_enabled())
		text_event(c, &c->text, e);
	if (c->json)
		json_event(c, &c->line, e);
	else {
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm) == 0)
			snprintf(when, sizeof(when), "%lld", (long long)e->sec);
		buf_addf(&c->line, "%s.%03ld %s\n", when, e->nsec / 1000000,
		    c->text.p);
	}
	/* Out at once: a reader of the pipe sees each as it happens. */
	if (fwrite(c->line.p, 1, c->line.len, stdout) != c->line.len ||
	    fflush(stdout) == EOF) {
		c->werr = c->done = 1;
		return;
	}
	log_event(c->text.p, e->kind == WATCH_OVERFLOW);
	if (e->kind != WATCH_OVERFLOW && ++c->shown == c->limit)
		c->done = 1;
}

static void
watch_help_extra(void)
{
	printf("\nEvents: exist, create, attach, detach, mark, remove, change, "
	    "lock,\nunlock (segments); exist, create, delete, resize, chmod, "
	    "chown, write\n(objects); overflow (inotify lost events).  SIGUSR1 "
	    "prints how it goes.\n");
}

/* ---- the loop ------------------------------------------------------ */

/*
 * The signals that came while ppoll found a descriptor ready: ppoll
 * lets them in only when nothing is ready (it then fails with EINTR),
 * and restores the mask otherwise, so that a /dev/shm that is never
 * quiet would keep SIGTERM out for good.
 */
static void
take_signals(void)
{
	const struct timespec	 zero = { 0, 0 };
	int			 sig;

	while ((sig = sigtimedwait(&watch_sigs, NULL, &zero)) > 0)
		on_signal(sig);
}

static uint64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
status(const struct watch *w, const struct ctx *c)
{
	struct watch_stats	 st;

	watch_stats(w, &st);
	cmd_warnx("%llu looks (last %.1f ms, mean %.1f ms), %zu segments, "
	    "%zu objects, %llu events, %llu shown",
	    (unsigned long long)st.looks, st.last_ns / 1e6,
	    st.looks ? st.look_ns / 1e6 / (double)st.looks : 0.0,
	    st.segments, st.objects, (unsigned long long)st.events,
	    (unsigned long long)c->shown);
}

/*
 * Whether standard output is a pipe or socket, whose reader can go away
 * while nothing is written: poll tells then (POLLERR, POLLHUP).
 */
static int
out_can_close(void)
{
	struct stat	 st;

	return fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode));
}

static void
fail(const char *cause)
{
	log_fail("%s", cause);
	cmd_errx("%s", cause);
}

/*
 * Looks every INTERVAL ms and reads inotify as it speaks, until a
 * signal, --count, --timeout (0: none, else DEADLINE ms), the reader of
 * the pipe going away, or an error.  Returns 1 when the timeout ended it.
 */
static int
run(struct watch *w, struct ctx *c, uint64_t interval, uint64_t deadline,
    const sigset_t *waitmask)
{
	struct pollfd	 pfd[3];
	struct timespec	 ts;
	uint64_t	 now, next, until;
	char		*cause;
	nfds_t		 n = 0;
	int		 ifd = watch_fd(w), outfd = -1, rc;

	if (ifd != -1)
		pfd[n++] = (struct pollfd){ .fd = ifd, .events = POLLIN };
	if (out_can_close()) {
		outfd = (int)n;
		pfd[n++] = (struct pollfd){ .fd = STDOUT_FILENO, .events = 0 };
	}
	/* Tests: a descriptor always ready, as a /dev/shm never quiet. */
	if (TEST_FLAG("WATCH_BUSY"))
		pfd[n++] = (struct pollfd){ .fd = open("/dev/null",
		    O_RDONLY | O_CLOEXEC), .events = POLLIN };
	next = now_ms() + interval;
	while (!c->done && !got_stop) {
		if (got_usr1) {
			got_usr1 = 0;
			status(w, c);
		}
		now = now_ms();
		if (deadline != 0 && now >= deadline)
			return 1;
		until = deadline != 0 && deadline < next ? deadline : next;
		until = until > now ? until - now : 0;
		ts.tv_sec = (time_t)(until / 1000);
		ts.tv_nsec = (long)(until % 1000) * 1000000;
		rc = ppoll(pfd, n, &ts, waitmask);
		if (rc == -1 && errno != EINTR)
			cmd_err("poll");
		take_signals();
		if (rc > 0 && outfd != -1 &&
		    (pfd[outfd].revents & (POLLERR | POLLHUP)))
			break;		/* the reader went away */
		if (rc > 0 && ifd != -1 && (pfd[0].revents & POLLIN) &&
		    watch_notify(w, &cause) == -1)
			fail(cause);
		if (c->done || got_stop)
			break;
		if ((now = now_ms()) < next)
			continue;
		if (watch_look(w, &cause) == -1)
			fail(cause);
		/* A look that took longer than the interval: the next now. */
		next += interval;
		if (next <= now)
			next = now + interval;
	}
	return 0;
}

/* What the command line asks for. */
struct watch_args {
	struct filter	 flt;
	uint64_t	 interval;
	uint64_t	 timeout;
	int		 has_timeout;
	int		 flags;
	int		 syslog;
};

static void
watch_args(int argc, char **argv, struct watch_args *a, struct ctx *c)
{
	int	 ch, family;

	a->interval = DEF_INTERVAL_MS;
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_filter_option(&a->flt, ch, optarg))
			continue;
		switch (ch) {
		case 'J':
			c->json = 1;
			break;
		case OPT_INTERVAL:
			a->interval = opt_duration_ms("interval", optarg);
			if (a->interval < MIN_INTERVAL_MS)
				usage_err("invalid interval '%s': at least "
				    "%dms", optarg, MIN_INTERVAL_MS);
			break;
		case OPT_COUNT:
			c->limit = opt_size("count", optarg);
			break;
		case OPT_TIMEOUT:
			a->timeout = opt_duration_ms("timeout", optarg);
			a->has_timeout = 1;
			break;
		case OPT_EXISTING:
			a->flags |= WATCH_EXISTING;
			break;
		case OPT_SYSLOG:
			a->syslog = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 0, 0);
	family = filter_family(&a->flt);
	a->flags |= (family & FAMILY_SYSV ? WATCH_SYSV : 0) |
	    (family & FAMILY_POSIX ? WATCH_POSIX : 0);
}

/*
 * The signals wait while a look runs and arrive in ppoll, so that a
 * look is never cut in half and the flags are seen at once.  *ORIG gets
 * the mask to wait with.
 */
static void
watch_signals(sigset_t *orig)
{
	struct sigaction sa;
	sigset_t	 block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGUSR1);
	watch_sigs = block;
	sigprocmask(SIG_BLOCK, &block, orig);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

static int
cmd_watch_exec(int argc, char **argv)
{
	struct watch_args a = { 0 };
	struct ctx	 c = { 0 };
	struct ipc_ns	 cur;
	struct watch	*w;
	sigset_t	 orig;
	uint64_t	 deadline = 0;
	char		*cause;
	int		 timed_out;

	watch_args(argc, argv, &a, &c);
	c.flt = &a.flt;
	if (a.syslog)
		log_open("watch");
	/* Ids mean nothing without their namespace: --ns says which. */
	if (ns_joined() && ns_current(&cur, 0) == 0)
		c.ns = cur.ino;
	watch_signals(&orig);

	if ((w = watch_new(a.flags, on_event, &c, &cause)) == NULL)
		fail(cause);
	if (a.has_timeout)
		deadline = now_ms() + a.timeout;
	if (watch_look(w, &cause) == -1)
		fail(cause);
	/* --timeout 0: the first look only (with --existing, a listing). */
	timed_out = a.has_timeout && a.timeout == 0 ? !c.done :
	    run(w, &c, a.interval, deadline, &orig);
	watch_free(w);
	buf_free(&c.line);
	buf_free(&c.text);
	if (c.werr)
		return EXIT_FAIL;
	if (timed_out && c.limit != 0) {
		cmd_warnx("timed out after %llu of %llu events",
		    (unsigned long long)c.shown, (unsigned long long)c.limit);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_watch_entry = {
	.name = "watch",
	.summary = "Print segments and POSIX objects as they come and go",
	.synopsis = "watch [OPTIONS] [FILTERS]",
	.help =
	    "  -J, --json          one JSON object per event (JSON Lines): \"time\",\n"
	    "                      \"event\", the row of stat --json, the event's keys\n"
	    "      --interval DURATION\n"
	    "                      how often the segment table is read "
	    "(default 1s,\n"
	    "                      at least 10ms); objects need none (inotify)\n"
	    "      --count N       end after N events\n"
	    "      --timeout DURATION\n"
	    "                      end after DURATION (exit 1 if --count was "
	    "not\n"
	    "                      reached)\n"
	    "      --existing      first an exist event for each one already "
	    "there\n"
	    "      --syslog        also log each event through syslog(3)\n"
	    "\nFilters (combined with AND; an event is shown when the segment "
	    "or\nobject passes them before or after it):\n"
	    CMD_FILTER_HELP,
	.help_extra = watch_help_extra,
	.exec = cmd_watch_exec,
	.options = watch_options,
};
