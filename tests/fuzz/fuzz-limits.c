/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: the parser of the limit files under /proc/sys/kernel
 * (sysvipc_parse_limit), checked against a plain reference: it accepts
 * exactly blanks, an optional '-', digits and trailing newlines or
 * spaces, with the value within 64 bits (a negative one within int64,
 * as shm_next_id's -1), and gives that value.  A value it accepts
 * prints back, as the kernel writes it, to the same value.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysvipc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The rule, written the obvious way: 0 and *out, or -1. */
static int
reference(const char *s, size_t len, uint64_t *out)
{
	size_t		 i = 0, end = len;
	uint64_t	 v = 0;
	int		 neg = 0;

	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == ' '))
		end--;
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < end && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i == end)
		return -1;
	for (; i < end; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg && v > (uint64_t)INT64_MAX)
		return -1;
	*out = neg ? (uint64_t)-(int64_t)v : v;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char	*s = (const char *)data;
	char		 back[32];
	uint64_t	 got = 0, want = 0, again = 0;
	int		 rc, ref, neg;

	rc = sysvipc_parse_limit(s, len, &got);
	ref = reference(s, len, &want);
	if (rc != ref || (rc == 0 && got != want))
		abort();
	if (rc == -1)
		return 0;
	/* Signed when the text was: -1 stays -1, 2^64-1 stays unsigned. */
	neg = memchr(s, '-', len) != NULL;
	if (neg)
		snprintf(back, sizeof(back), "%" PRId64 "\n", (int64_t)got);
	else
		snprintf(back, sizeof(back), "%" PRIu64 "\n", got);
	if (sysvipc_parse_limit(back, strlen(back), &again) != 0 ||
	    again != got)
		abort();
	return 0;
}
