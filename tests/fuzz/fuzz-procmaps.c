/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: the /proc/PID/maps parsers behind `who`, for System
 * V attaches, for the mappings of POSIX objects (device 00:2a here) and
 * for any line (procmaps_next).  Whatever the bytes, every mapping they
 * return has start <= end and a NUL-terminated permission string; an
 * object's has an inode; a line's path lies inside the buffer.
 */
#include "config.h"

#include <sys/sysmacros.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "procmaps.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct shm_maps	 m;
	struct shm_holds h;
	struct maps_line l;
	char		*copy;
	size_t		 i, pos, last;

	if ((copy = malloc(len + 1)) == NULL)
		return 0;
	memcpy(copy, data, len);
	copy[len] = '\0';
	memset(&m, 0, sizeof(m));
	procmaps_parse(copy, len, 42, 0, &m);
	for (i = 0; i < m.n; i++) {
		if (m.v[i].start > m.v[i].end || m.v[i].id < 0 ||
		    memchr(m.v[i].perms, '\0', sizeof(m.v[i].perms)) == NULL)
			abort();
	}
	procmaps_free(&m);
	memset(&h, 0, sizeof(h));
	procmaps_parse_dev(copy, len, 42, 0, makedev(0, 0x2a), &h);
	for (i = 0; i < h.n; i++) {
		if (h.v[i].start > h.v[i].end || h.v[i].ino == 0 ||
		    h.v[i].fd != -1 || h.v[i].path == NULL ||
		    memchr(h.v[i].perms, '\0', sizeof(h.v[i].perms)) == NULL)
			abort();
		(void)strlen(h.v[i].path);
	}
	procmaps_holders_free(&h);
	for (pos = 0, last = 0; procmaps_next(copy, len, &pos, &l); last = pos) {
		if (l.start > l.end || pos <= last || pos > len ||
		    l.path < copy || l.path + l.pathlen > copy + len ||
		    memchr(l.perms, '\0', sizeof(l.perms)) == NULL)
			abort();
	}
	free(copy);
	return 0;
}
