/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * A cache keyed by a 32-bit id - a pid, a uid, a gid - for what is read
 * once per id from /proc or the user database: a listing of thousands of
 * segments made by a handful of processes and users asks the same few
 * questions thousands of times.  Open addressing in a power-of-two table.
 * An entry is the caller's struct, whose first member is a struct
 * idcache_key; it stays where it is until the next idcache_get.
 */
#ifndef IDCACHE_H
#define IDCACHE_H

#include <stddef.h>
#include <stdint.h>

struct idcache_key {
	uint32_t	 id;
	int		 used;
};

struct idcache {
	size_t		 esize;		/* bytes of an entry */
	void		*v;
	size_t		 n, cap;
};

/* An empty cache of entries of TYPE. */
#define IDCACHE_INIT(type)	{ .esize = sizeof(type) }

/*
 * The entry of ID.  On first use it is made, zeroed but for its key, and
 * *made is 1 (else 0): the caller fills it in.
 */
void	*idcache_get(struct idcache *, uint32_t, int *);

#endif
