/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: the /proc/PID/cgroup parser and the shortening of
 * a cgroup path to its unit or container (attribution in stat, who and
 * watch).  Whatever the bytes, a path picked is one of the input's
 * lines' paths (after the second colon, up to the newline), starts with
 * '/' and holds no newline or NUL; the unit made of it is NUL-terminated
 * within its buffer, never empty, and holds no newline either; a buffer
 * too small is never overrun.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*path, unit[256], small[8];
	size_t	 n;

	if ((path = cgroup_pick((const char *)data, len)) == NULL)
		return 0;
	n = strlen(path);
	if (n == 0 || path[0] != '/' || strchr(path, '\n') != NULL ||
	    memmem(data, len, path, n) == NULL)
		abort();
	memset(unit, 'x', sizeof(unit));
	if (cgroup_unit(path, unit, sizeof(unit)) == 0) {
		if (memchr(unit, '\0', sizeof(unit)) == NULL ||
		    unit[0] == '\0' || strchr(unit, '\n') != NULL)
			abort();
	} else if (strspn(path, "/") != n)
		abort();	/* only the root names nothing */
	memset(small, 'x', sizeof(small));
	if (cgroup_unit(path, small, sizeof(small)) == 0 &&
	    memchr(small, '\0', sizeof(small)) == NULL)
		abort();
	free(path);
	return 0;
}
