/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The progress line of dump and write: output, on standard error.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdint.h>

/*
 * A progress line on standard error for long transfers: drawn only when
 * standard error is a terminal, ENABLE is set and TOTAL is over 64 MiB,
 * redrawn at most ten times a second, erased at the end.
 */
struct progress {
	const char	*what;
	uint64_t	 total;
	int		 on;
	int64_t		 last;	/* ms, monotonic */
};
void	 progress_init(struct progress *, const char *, uint64_t, int);
void	 progress_update(struct progress *, uint64_t);
void	 progress_end(struct progress *);

#endif
