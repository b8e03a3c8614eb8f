/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Holding something - a segment attached, an object mapped - until a
 * duration passes or SIGINT, SIGTERM or SIGHUP arrives: `attach --hold`
 * and `create --hold`.  The signals are blocked from hold_prepare() on
 * and let in only while waiting, so one that arrives before the wait is
 * not lost; whatever is held is then let go by the caller, as after the
 * duration.
 */
#ifndef HOLD_H
#define HOLD_H

#include <signal.h>
#include <stdint.h>

struct hold {
	sigset_t	 unblocked;	/* the mask while waiting */
};

/* Blocks the three signals and installs their handler. */
void	hold_prepare(struct hold *);
/*
 * Waits DURATION seconds, or forever when DURATION is NULL, unless one
 * of the signals comes first: its number, or 0.
 */
int	hold_wait(const struct hold *, const uint64_t *);
/* "-shmtool: holding WHAT" in ps, escaped: a name may hold anything. */
void	hold_title(const char *);

#endif
