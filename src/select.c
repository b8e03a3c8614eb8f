/*
 * Target resolution and filters.  The orphan test is deliberately
 * conservative: a segment is orphaned only when nothing can still be
 * using it - no attach, and its creator and last user provably gone.
 * What cannot be proven (a pid invisible from this pid namespace) counts
 * as alive, because rm --orphaned acts on the answer.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <string.h>
#include <time.h>

#include "names.h"
#include "parse.h"
#include "proc.h"
#include "select.h"
#include "shmtool.h"
#include "util.h"

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
	default:
		return 0;
	}
	f->active = 1;
	return 1;
}

int64_t
seg_last_use(const struct shm_seg *s)
{
	int64_t	 t = s->ctime;

	if (s->atime > t)
		t = s->atime;
	if (s->dtime > t)
		t = s->dtime;
	return t;
}

int
seg_orphaned(const struct shm_seg *s)
{
	int64_t	 last;

	if (s->nattch != 0)
		return 0;
	/* The creator existed when the segment was made (<= ctime). */
	if (s->cpid == 0 || !proc_gone_since(s->cpid, s->ctime))
		return 0;
	/* Never attached: there is no last user to wait for. */
	if (s->atime == 0 && s->dtime == 0)
		return 1;
	last = s->atime > s->dtime ? s->atime : s->dtime;
	return s->lpid == s->cpid || proc_gone_since(s->lpid, last);
}

int
filter_match(const struct filter *f, const struct shm_seg *s, time_t now)
{
	if (f->has_owner && s->uid != (uint32_t)f->owner)
		return 0;
	if (f->has_creator && s->cuid != (uint32_t)f->creator)
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
	}
	l->n = j;
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
	errno = ENOTSUP;
	return -1;
}

void
select_warn(const struct target *t, int error)
{
	switch (error) {
	case ENOENT:
		warnx("%s: no such segment", target_str(t));
		break;
	case ENOTSUP:
		warnx("%s: POSIX shared memory objects are not supported yet",
		    target_str(t));
		break;
	default:
		warnx("%s: %s", target_str(t), strerror(error));
	}
}
