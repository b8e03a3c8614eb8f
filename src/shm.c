/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The list of rows: appending one list to another and freeing it.  A
 * list read from /proc/sysvipc/shm may live in a mapping of its own
 * (sysvipc.c reserves one for shmmni rows), which both have to respect.
 */
#include "config.h"

#include <sys/mman.h>
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shm.h"
#include "util.h"

/* The peak memory of a listing is mostly its rows (see struct shm_seg). */
static_assert(sizeof(void *) != 8 || sizeof(struct shm_seg) == 96,
    "a row of a listing is 96 bytes on 64-bit machines");

/*
 * Move the rows of p to the end of l (the POSIX objects after the
 * segments).  l may live in its reserved mapping: the rows go there while
 * they fit, else the whole list moves to the heap.
 */
void
shm_list_append(struct shm_list *l, struct shm_list *p)
{
	struct shm_seg	*v;
	size_t		 need = l->n + p->n;

	if (p->n == 0) {
		free(p->segs);
	} else if (l->n == 0) {
		shm_list_free(l);
		*l = *p;
	} else {
		if (l->mapped == 0)
			l->segs = xreallocarray(l->segs, need, sizeof(*v));
		else if (need * sizeof(*v) > l->mapped) {
			v = xreallocarray(NULL, need, sizeof(*v));
			memcpy(v, l->segs, l->n * sizeof(*v));
			(void)munmap(l->segs, l->mapped);
			l->segs = v;
			l->mapped = 0;
		}
		memcpy(l->segs + l->n, p->segs, p->n * sizeof(*v));
		l->n = need;
		free(p->segs);
	}
	memset(p, 0, sizeof(*p));
}

void
shm_list_free(struct shm_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->segs[i].type == SEG_POSIX)
			free((char *)(uintptr_t)l->segs[i].px.name);
	if (l->mapped != 0)
		(void)munmap(l->segs, l->mapped);
	else
		free(l->segs);
	l->segs = NULL;
	l->mapped = 0;
	l->n = 0;
	l->cap = 0;
}
