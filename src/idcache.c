/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The cache of idcache.h: linear probing from Knuth's multiplicative
 * hash, the table doubled when half full, so that a probe is short.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "idcache.h"
#include "util.h"

static struct idcache_key *
entry(const struct idcache *c, size_t i)
{
	return (struct idcache_key *)(void *)((char *)c->v + i * c->esize);
}

/* The slot of ID: its entry, or the free slot where it would go. */
static struct idcache_key *
slot(const struct idcache *c, uint32_t id)
{
	struct idcache_key	*k;
	size_t			 i;

	for (i = (id * 2654435761u) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
		k = entry(c, i);
		if (!k->used || k->id == id)
			return k;
	}
}

static void
grow(struct idcache *c)
{
	struct idcache	 old = *c;
	size_t		 i;

	c->cap = old.cap == 0 ? 64 : old.cap * 2;
	c->v = xcalloc(c->cap, c->esize);
	for (i = 0; i < old.cap; i++)
		if (entry(&old, i)->used)
			memcpy(slot(c, entry(&old, i)->id), entry(&old, i),
			    c->esize);
	free(old.v);
}

void *
idcache_get(struct idcache *c, uint32_t id, int *made)
{
	struct idcache_key	*k;

	if (c->n * 2 >= c->cap)
		grow(c);
	k = slot(c, id);
	*made = !k->used;
	if (*made) {
		k->used = 1;
		k->id = id;
		c->n++;
	}
	return k;
}

