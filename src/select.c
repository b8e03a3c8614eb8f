/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Target resolution and filters.  A POSIX object has no key, creator or
 * removal mark, so those filters never match one; its age is the time
 * since it was last written (mtime), and "unattached" means no process
 * maps it or holds it open.  The orphan test is deliberately
 * conservative: a segment is orphaned only when nothing can still be
 * using it - no attach, and its creator and last user provably gone.
 * What cannot be proven (a pid invisible from this pid namespace) counts
 * as alive, because rm --orphaned acts on the answer.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "names.h"
#include "parse.h"
#include "posixshm.h"
#include "proc.h"
#include "segmap.h"
#include "select.h"
#include "shmtool.h"
#include "util.h"
#include "sysvipc.h"

int
filter_option(struct filter *f, int ch, const char *arg)
{
	switch (ch) {
	case OPT_FILTER_OWNER:
		if (names_parse_user(arg, &f->owner) == -1)
			usage_err("invalid owner '%s': no such user", arg);
		f->has_owner = 1;
		break;
	case OPT_FILTER_CREATOR:
		if (names_parse_user(arg, &f->creator) == -1)
			usage_err("invalid creator '%s': no such user", arg);
		f->has_creator = 1;
		break;
	case OPT_FILTER_KEY:
		f->key = opt_key("key", arg);
		f->has_key = 1;
		break;
	case OPT_FILTER_UNATTACHED:
		f->unattached = 1;
		break;
	case OPT_FILTER_ORPHANED:
		f->orphaned = 1;
		break;
	case OPT_FILTER_OLDER:
		f->older_than = opt_duration("duration", arg);
		f->has_older = 1;
		break;
	case OPT_FILTER_LARGER:
		f->larger_than = opt_offset("size", arg);
		f->has_larger = 1;
		break;
	case OPT_FILTER_DEST:
		f->dest = 1;
		break;
	case OPT_FILTER_POSIX:
	case OPT_FILTER_ALL_TYPES:
		if (f->family != 0 && f->family != (ch == OPT_FILTER_POSIX ?
		    FAMILY_POSIX : FAMILY_ALL))
			usage_err("--posix and --all-types exclude each other");
		f->family = ch == OPT_FILTER_POSIX ? FAMILY_POSIX : FAMILY_ALL;
		/* Which objects, not a filter: rm still wants one. */
		return 1;
	default:
		return 0;
	}
	f->active = 1;
	return 1;
}

int
filter_family(const struct filter *f)
{
	const char	*opt = NULL;

	if (f->family != FAMILY_POSIX)
		return f->family != 0 ? f->family : FAMILY_SYSV;
	if (f->has_key)
		opt = "--key";
	else if (f->has_creator)
		opt = "--creator";
	else if (f->orphaned)
		opt = "--orphaned";
	else if (f->dest)
		opt = "--dest";
	if (opt != NULL)
		usage_err("%s does not apply to POSIX objects (they have no "
		    "key, creator or removal mark)", opt);
	return FAMILY_POSIX;
}

int64_t
seg_last_use(const struct shm_seg *s)
{
	int64_t	 t = s->ctime;

	if (s->type == SEG_POSIX)
		return s->px.mtime;
	if (s->atime > t)
		t = s->atime;
	if (s->sv.dtime > t)
		t = s->sv.dtime;
	return t;
}

int
seg_orphaned(const struct shm_seg *s)
{
	int64_t	 last;

	if (s->type == SEG_POSIX || s->nattch != 0)
		return 0;
	/* The creator existed when the segment was made (<= ctime). */
	if (s->sv.cpid == 0 || !proc_gone_since(s->sv.cpid, s->ctime))
		return 0;
	/* Never attached: there is no last user to wait for. */
	if (s->atime == 0 && s->sv.dtime == 0)
		return 1;
	last = s->atime > s->sv.dtime ? s->atime : s->sv.dtime;
	return s->sv.lpid == s->sv.cpid ||
	    proc_gone_since(s->sv.lpid, last);
}

int
filter_match(const struct filter *f, const struct shm_seg *s, time_t now)
{
	if (s->type == SEG_POSIX && (f->has_creator || f->has_key ||
	    f->dest || f->orphaned))
		return 0;
	if (f->has_owner && s->uid != (uint32_t)f->owner)
		return 0;
	if (f->has_creator && seg_cuid(s) != (uint32_t)f->creator)
		return 0;
	if (f->has_key && s->key != f->key)
		return 0;
	if (f->unattached && s->nattch != 0)
		return 0;
	if (f->dest && !(s->perms & SEG_DEST))
		return 0;
	if (f->has_larger && s->size <= f->larger_than)
		return 0;
	if (f->has_older &&
	    (int64_t)now - seg_last_use(s) < (int64_t)f->older_than)
		return 0;
	/* Last: it reads /proc. */
	if (f->orphaned && !seg_orphaned(s))
		return 0;
	return 1;
}

void
filter_list(const struct filter *f, struct shm_list *l)
{
	time_t	 now = time(NULL);
	size_t	 i, j = 0;

	if (!f->active)
		return;
	for (i = 0; i < l->n; i++) {
		if (filter_match(f, &l->segs[i], now))
			l->segs[j++] = l->segs[i];
		else if (l->segs[i].type == SEG_POSIX)
			free((char *)(uintptr_t)l->segs[i].px.name);
	}
	l->n = j;
}

static char	 list_err[512];

const char *
select_list_error(void)
{
	return list_err;
}

int
select_list(int family, struct shm_list *l, size_t *skipped)
{
	struct shm_list	 p;
	int		 saved;

	memset(l, 0, sizeof(*l));
	*skipped = 0;
	if ((family & FAMILY_SYSV) && sysvipc_list(l) == -1) {
		saved = errno;
		if (errno == EINVAL && *sysvipc_error() != '\0')
			snprintf(list_err, sizeof(list_err), "%s",
			    sysvipc_error());
		else
			snprintf(list_err, sizeof(list_err), "cannot list "
			    "segments: %s", strerror(errno));
		errno = saved;
		return -1;
	}
	if (!(family & FAMILY_POSIX))
		return 0;
	if (posixshm_list(&p, skipped) == -1) {
		saved = errno;
		snprintf(list_err, sizeof(list_err), "%s: %s",
		    posixshm_dir_path(), strerror(errno));
		sysvipc_list_free(l);
		errno = saved;
		return -1;
	}
	sysvipc_list_append(l, &p);
	return 0;
}

int
select_target(const struct target *t, struct shm_seg *seg)
{
	switch (t->type) {
	case TARGET_ID:
		return hook_point("SHMTOOL_TEST_SELECT_HOOK",
		    sysvipc_get(t->id, seg));
	case TARGET_KEY:
		return hook_point("SHMTOOL_TEST_SELECT_HOOK",
		    sysvipc_get_key(t->key, seg));
	case TARGET_POSIX:
		break;
	}
	return posixshm_get(t->name, seg);
}

const char *
select_reason(const struct target *t, int error)
{
	static char	 why[160];

	switch (error) {
	case ENOENT:
		return t->type == TARGET_POSIX ? "no such object" :
		    "no such segment";
	case ENOTOBJECT:
		snprintf(why, sizeof(why), "not a shared memory object (%s)",
		    posixshm_error());
		return why;
	}
	return strerror(error);
}

void
select_warn(const struct target *t, int error)
{
	warnx("%s: %s", target_str(t), select_reason(t, error));
}

noreturn void
select_map_fail(const struct target *t, const struct shm_seg *seg, int how)
{
	int	 posix = seg->type == SEG_POSIX;

	switch (errno) {
	case EAGAIN:
		if (how == SEGMAP_NODISTURB)
			errx(EXIT_FAIL, "%s: cannot read without %s: %s",
			    target_str(t), posix ? "changing its atime" :
			    "attaching", segmap_why());
		break;
	case EACCES:
		errx(EXIT_FAIL, "%s: permission denied%s", target_str(t),
		    segmap_perm_str(seg));
	case EINVAL:
	case EIDRM:
		if (!posix)
			errx(EXIT_FAIL, "%s: no such segment", target_str(t));
		break;
	case ENOENT:
	case ENOTOBJECT:
		if (posix)
			errx(EXIT_FAIL, "%s: %s", target_str(t),
			    select_reason(t, errno));
		break;
	}
	err(EXIT_FAIL, "%s: %s", target_str(t), posix ? "open" : "attach");
}

void
select_namespaces(const struct filter *f, struct ipc_ns_list *l)
{
	size_t	 i;

	if (ns_list(l) == -1)
		err(EXIT_FAIL, "%s", sysvipc_procfs());
	if (ns_list_segments(l) == -1)
		err(EXIT_FAIL, "cannot return to our own IPC namespace");
	for (i = 0; i < l->n; i++)
		filter_list(f, &l->v[i].segs);
}

int
select_ns_warn(const struct ipc_ns_list *l)
{
	size_t	 i;
	int	 rc = EXIT_OK;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].error == 0)
			continue;
		warnx("%s", ns_strerror(&l->v[i]));
		rc = EXIT_FAIL;
	}
	if (l->unseen > 0) {
		warnx("%zu process%s not examined (permission denied): their "
		    "IPC namespaces may be missing; run as root", l->unseen,
		    l->unseen == 1 ? "" : "es");
		rc = EXIT_FAIL;
	}
	return rc;
}
