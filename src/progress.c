/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The progress line of long transfers (progress.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "format.h"
#include "progress.h"
#include "util.h"

#define PROGRESS_MIN	(UINT64_C(64) << 20)

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_init(struct progress *pr, const char *what, uint64_t total,
    int enable)
{
	pr->what = what;
	pr->total = total;
	pr->on = enable && total > PROGRESS_MIN && isatty(STDERR_FILENO);
	pr->last = 0;
}

void
progress_update(struct progress *pr, uint64_t done)
{
	char	 line[128], a[16], b[16];
	int64_t	 t;
	int	 n;

	if (!pr->on || (t = now_ms()) - pr->last < 100)
		return;
	pr->last = t;
	fmt_size(a, sizeof(a), done);
	fmt_size(b, sizeof(b), pr->total);
	n = snprintf(line, sizeof(line), "\rshmtool: %s: %3d%% (%s of %s)",
	    pr->what, (int)(done * 100 / pr->total), a, b);
	if (n > 0)
		(void)write_all(STDERR_FILENO, line, (size_t)n < sizeof(line) ?
		    (size_t)n : sizeof(line) - 1);
}

void
progress_end(struct progress *pr)
{
	if (pr->on && pr->last != 0)
		(void)write_all(STDERR_FILENO, "\r\033[K", 4);
	pr->on = 0;
}
