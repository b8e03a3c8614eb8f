/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Holding until a duration passes or a signal comes (hold.h).  The wait
 * is ppoll(2) with the signals let in: a handler that only records the
 * signal, and no race between checking for it and sleeping.
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hold.h"
#include "util.h"

static const int		 hold_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t	 got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

void
hold_prepare(struct hold *h)
{
	struct sigaction	 sa;
	sigset_t		 block;
	size_t			 i;

	sigemptyset(&block);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(hold_sigs) / sizeof(hold_sigs[0]); i++) {
		sigaddset(&block, hold_sigs[i]);
		sigaddset(&sa.sa_mask, hold_sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &h->unblocked);
	for (i = 0; i < sizeof(hold_sigs) / sizeof(hold_sigs[0]); i++) {
		sigaction(hold_sigs[i], &sa, NULL);
		sigdelset(&h->unblocked, hold_sigs[i]);
	}
}

int
hold_wait(const struct hold *h, const uint64_t *duration)
{
	struct timespec	 now, end, left;

	clock_gettime(CLOCK_MONOTONIC, &end);
	if (duration != NULL)
		end.tv_sec += (time_t)*duration;
	while (!got_signal) {
		if (duration == NULL) {
			ppoll(NULL, 0, NULL, &h->unblocked);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			break;
		ppoll(NULL, 0, &left, &h->unblocked);
	}
	return got_signal;
}

void
hold_title(const char *what)
{
	struct buf	 b = { 0 };

	esc_term(&b, what, strlen(what));
	title_set("shmtool: holding %s", b.p);
	buf_free(&b);
}
