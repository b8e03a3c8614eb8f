/*
 * libFuzzer harness: the /proc/sysvipc/shm table parser and the limit
 * file parser, on arbitrary bytes.  Beyond not crashing, a parsed table
 * must be sorted by id without duplicates.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sysvipc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct shm_list	 l;
	uint64_t	 v;
	char		*copy;
	size_t		 i;

	/* The reader NUL-terminates what it read; so does the fuzzer. */
	copy = malloc(len + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, len);
	copy[len] = '\0';
	if (sysvipc_parse(copy, len, &l) == 0) {
		for (i = 1; i < l.n; i++) {
			if (l.segs[i - 1].id >= l.segs[i].id)
				abort();
		}
		sysvipc_list_free(&l);
	}
	(void)sysvipc_parse_limit(copy, len, &v);
	free(copy);
	return 0;
}
