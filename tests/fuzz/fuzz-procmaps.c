/*
 * libFuzzer harness: the /proc/PID/maps parser behind `who`.  Whatever the
 * bytes, every mapping it returns has start <= end and a NUL-terminated
 * permission string.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "procmaps.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct shm_maps	 m;
	char		*copy;
	size_t		 i;

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
	free(copy);
	return 0;
}
