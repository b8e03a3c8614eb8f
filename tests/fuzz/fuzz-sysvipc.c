/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: the /proc/sysvipc/shm table parser, on arbitrary
 * bytes.  Beyond not crashing, a parsed table must be sorted by id
 * without duplicates, and must print back, the kernel's way, to a table
 * that parses to the same rows.  (The limit files: fuzz-limits.c.)
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sysvipc.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
seg_eq(const struct shm_seg *a, const struct shm_seg *b)
{
	return a->id == b->id && a->key == b->key && a->perms == b->perms &&
	    a->size == b->size && a->sv.cpid == b->sv.cpid &&
	    a->sv.lpid == b->sv.lpid && a->nattch == b->nattch &&
	    a->uid == b->uid && a->gid == b->gid && a->sv.cuid == b->sv.cuid &&
	    a->sv.cgid == b->sv.cgid && a->atime == b->atime &&
	    a->sv.dtime == b->sv.dtime && a->ctime == b->ctime &&
	    a->rss == b->rss && a->swap == b->swap;
}

/* The rows as the kernel prints them; an unknown rss or swap as 2^64-1. */
static void
print_table(const struct shm_list *l, struct buf *b)
{
	const struct shm_seg	*s;
	size_t			 i;

	buf_addstr(b, "       key      shmid perms       size  cpid  lpid "
	    "nattch   uid   gid  cuid  cgid      atime      dtime      ctime "
	    "       rss       swap\n");
	for (i = 0; i < l->n; i++) {
		s = &l->segs[i];
		buf_addf(b, "%10" PRId32 " %10d %5" PRIo32 " %10" PRIu64 " %5"
		    PRId32 " %5" PRId32 " %5" PRIu64 " %5" PRIu32 " %5" PRIu32
		    " %5" PRIu32 " %5" PRIu32 " %10" PRId64 " %10" PRId64 " %10"
		    PRId64 " %10" PRIu64 " %10" PRIu64 "\n", s->key, s->id,
		    s->perms, s->size, s->sv.cpid, s->sv.lpid, s->nattch,
		    s->uid, s->gid, s->sv.cuid, s->sv.cgid, s->atime,
		    s->sv.dtime, s->ctime, (uint64_t)s->rss,
		    (uint64_t)s->swap);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct shm_list	 l, again;
	struct buf	 b = { 0 };
	char		*copy, *cause = NULL;
	size_t		 i;

	/* The reader NUL-terminates what it read; so does the fuzzer. */
	copy = malloc(len + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, len);
	copy[len] = '\0';
	if (sysvipc_parse(copy, len, &l, &cause) == 0) {
		for (i = 1; i < l.n; i++) {
			if (l.segs[i - 1].id >= l.segs[i].id)
				abort();
		}
		print_table(&l, &b);
		if (sysvipc_parse(b.p, b.len, &again, NULL) != 0 ||
		    again.n != l.n)
			abort();
		for (i = 0; i < l.n; i++) {
			if (!seg_eq(&l.segs[i], &again.segs[i]))
				abort();
		}
		shm_list_free(&again);
		shm_list_free(&l);
		buf_free(&b);
	} else if (cause == NULL)
		abort();	/* a table refused says why */
	free(cause);
	free(copy);
	return 0;
}
