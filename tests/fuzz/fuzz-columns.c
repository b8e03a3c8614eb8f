/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: column lists for -o ("KEY,ID", "+SIZE", any case).
 * Every index returned must be within the table, and the names of the
 * columns chosen, as a list, must choose the same columns again.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct fmt_col cols[] = {
	{ .name = "KEY", .json = "key" },
	{ .name = "ID", .json = "id", .right = 1 },
	{ .name = "OWNER", .json = "owner" },
	{ .name = "SIZE", .json = "size", .right = 1 },
	{ .name = "CCOMMAND", .json = "ccommand" },
};
static const size_t defs[] = { 0, 1, 3 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	size_t		*sel;
	char		*s, *cause = NULL;
	int		 n, i;

	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	n = fmt_parse_columns(cols, sizeof(cols) / sizeof(cols[0]), s, defs,
	    sizeof(defs) / sizeof(defs[0]), &sel, &cause);
	if (n >= 0) {
		struct buf	 names = { 0 };
		size_t		*again;
		int		 m;

		for (i = 0; i < n; i++) {
			if (sel[i] >= sizeof(cols) / sizeof(cols[0]))
				abort();
			if (i > 0)
				buf_addstr(&names, ",");
			buf_addstr(&names, cols[sel[i]].name);
		}
		if (n > 0) {
			m = fmt_parse_columns(cols, sizeof(cols) /
			    sizeof(cols[0]), names.p, defs, sizeof(defs) /
			    sizeof(defs[0]), &again, NULL);
			if (m != n || memcmp(again, sel, (size_t)n *
			    sizeof(*sel)) != 0)
				abort();
			free(again);
		}
		buf_free(&names);
		free(sel);
	} else if (cause == NULL)
		abort();	/* a list refused names the column */
	free(cause);
	free(s);
	return 0;
}
