/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Target resolution and filters.  A POSIX object has no key, creator or
 * removal mark, so those filters never match one; its age is the time
 * since it was last used as far as its inode tells - the latest of
 * atime, mtime and ctime - and "unattached" means no process maps it or
 * holds it open.  --orphaned and --unattached select only what proof.c
 * proves: a row whose answer is unknown here (a creator this PID
 * namespace cannot see, a scan of /proc that missed processes) is
 * neither taken nor dropped silently, but counted with its reason,
 * because rm acts on the answer.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse.h"
#include "posixshm.h"
#include "proc.h"
#include "proof.h"
#include "select.h"
#include "util.h"
#include "sysvipc.h"

int
filter_family(const struct filter *f)
{
	return f->family != 0 ? f->family : FAMILY_SYSV;
}

int64_t
seg_last_use(const struct shm_seg *s)
{
	int64_t	 t = s->ctime;

	if (s->atime > t)
		t = s->atime;
	/*
	 * An object's stores through a mapping move its mtime only when a
	 * page is first made writable, and later ones move nothing; a new
	 * mapping moves atime, ftruncate and chmod ctime.  The latest of
	 * the three is the best evidence of use there is - and it can
	 * still be old for a busy producer, so a cleanup's safety rests
	 * on "unattached", not on the age.
	 */
	if (s->type == SEG_POSIX)
		return s->px.mtime > t ? s->px.mtime : t;
	if (s->sv.dtime > t)
		t = s->sv.dtime;
	return t;
}

enum proof
filter_match(const struct filter *f, const struct shm_seg *s, time_t now,
    char *why)
{
	char	 b[PROOF_WHY];

	if (s->type == SEG_POSIX && (f->has_creator || f->has_key ||
	    f->dest || f->orphaned))
		return PROOF_NO;
	if (f->has_owner && s->uid != (uint32_t)f->owner)
		return PROOF_NO;
	if (f->has_creator && seg_cuid(s) != (uint32_t)f->creator)
		return PROOF_NO;
	if (f->has_key && s->key != f->key)
		return PROOF_NO;
	if (f->unattached && s->nattch != 0)
		return PROOF_NO;
	if (f->dest && !(s->perms & SEG_DEST))
		return PROOF_NO;
	if (f->has_larger && s->size <= f->larger_than)
		return PROOF_NO;
	if (f->has_older &&
	    (int64_t)now - seg_last_use(s) < (int64_t)f->older_than)
		return PROOF_NO;
	/* A count of holders is a proof only from a complete scan. */
	if (f->unattached && s->type == SEG_POSIX &&
	    proof_unheld(f->holds, s) != PROOF_YES) {
		if (why != NULL)
			snprintf(why, PROOF_WHY, "cannot prove it unused: %.200s",
			    f->holds != NULL ? f->holds->why :
			    "its holders were not counted");
		return PROOF_UNKNOWN;
	}
	/* Last: it reads /proc. */
	if (f->orphaned) {
		switch (proof_orphaned(s, b)) {
		case PROOF_NO:
			return PROOF_NO;
		case PROOF_UNKNOWN:
			if (why != NULL)
				snprintf(why, PROOF_WHY, "cannot prove it "
				    "orphaned: %.200s", b);
			return PROOF_UNKNOWN;
		case PROOF_YES:
			break;
		}
	}
	return PROOF_YES;
}

void
filter_list(const struct filter *f, struct shm_list *l, struct unproven *u)
{
	time_t		 now = (time_t)now_secs();
	enum proof	 m;
	char		 why[PROOF_WHY];
	size_t		 i, j = 0;

	if (!f->active)
		return;
	for (i = 0; i < l->n; i++) {
		m = filter_match(f, &l->segs[i], now, why);
		if (m == PROOF_YES) {
			l->segs[j++] = l->segs[i];
			continue;
		}
		if (m == PROOF_UNKNOWN && u != NULL && u->n++ == 0)
			memcpy(u->why, why, sizeof(u->why));
		if (l->segs[i].type == SEG_POSIX)
			free((char *)(uintptr_t)l->segs[i].px.name);
	}
	l->n = j;
}

int
select_list(int family, struct shm_list *l, size_t *skipped, char **cause)
{
	struct shm_list	 p;
	int		 saved;

	memset(l, 0, sizeof(*l));
	*skipped = 0;
	if ((family & FAMILY_SYSV) && sysvipc_list(l, cause) == -1)
		return -1;
	if (!(family & FAMILY_POSIX))
		return 0;
	if (posixshm_list(&p, skipped) == -1) {
		saved = errno;
		/* The directory's own failure says why; else reading it. */
		if (posixshm_dir(cause) != -1)
			set_cause(cause, "%s: %s", posixshm_dir_path(),
			    strerror(saved));
		shm_list_free(l);
		errno = saved;
		return -1;
	}
	shm_list_append(l, &p);
	return 0;
}

int
select_ftok(const struct target *t, int32_t *key, char **cause)
{
	char	*path;
	key_t	 k;
	int	 saved;

	path = xmalloc(t->pathlen + 1);
	memcpy(path, t->path, t->pathlen);
	path[t->pathlen] = '\0';
	/* glibc's ftok: the path's inode and device, and PROJ's low byte. */
	k = ftok(path, t->proj);
	saved = errno;
	free(path);
	if (k == -1) {
		errno = saved;
		set_cause(cause, "%s", errno == ENOENT ? "no such file (ftok "
		    "makes a key of an existing one)" : strerror(errno));
		return -1;
	}
	if (k == IPC_PRIVATE) {
		errno = EINVAL;
		set_cause(cause, "ftok makes key 0 of it, which is "
		    "IPC_PRIVATE: no segment has it (give another PROJ)");
		return -1;
	}
	*key = (int32_t)k;
	return 0;
}

int
select_target(const struct target *t, struct shm_seg *seg, char **cause)
{
	int32_t	 key = 0;
	int	 rc;

	switch (t->type) {
	case TARGET_ID:
		rc = TEST_HOOK("SELECT_HOOK", sysvipc_get(t->id, seg));
		break;
	case TARGET_KEY:
	case TARGET_FTOK:
		if (t->type == TARGET_FTOK) {
			if (select_ftok(t, &key, cause) == -1)
				return -1;
		} else
			key = t->key;
		rc = TEST_HOOK("SELECT_HOOK", sysvipc_get_key(key, seg));
		if (rc == -1 && errno == ENOENT && t->type == TARGET_FTOK) {
			set_cause(cause, "no such segment (key 0x%08x)",
			    (uint32_t)key);
			return -1;
		}
		break;
	default:
		return posixshm_get(t->name, seg, cause);
	}
	if (rc == -1)
		set_cause(cause, "%s", errno == ENOENT ? "no such segment" :
		    strerror(errno));
	return rc;
}

int
select_namespaces(const struct filter *f, struct ipc_ns_list *l,
    struct unproven *u, char **cause)
{
	size_t	 i;

	if (ns_list(l) == -1) {
		set_cause(cause, "%s: %s", proc_root(), strerror(errno));
		return -1;
	}
	if (ns_list_segments(l) == -1) {
		set_cause(cause, "cannot return to our own IPC namespace: %s",
		    strerror(errno));
		ns_list_free(l);
		return -1;
	}
	for (i = 0; i < l->n; i++)
		filter_list(f, &l->v[i].segs, u);
	return 0;
}
