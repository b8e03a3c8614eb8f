/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The Prometheus text exposition format (version 0.0.4), which
 * node_exporter's textfile collector reads: each metric family is its
 * "# HELP" and "# TYPE" lines followed by all of its samples, one a
 * line, "name{label="value",...} value".  This writes into a buffer and
 * touches nothing else.
 */
#ifndef PROM_H
#define PROM_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct prom_label {
	const char	*name;
	const char	*value;
};

/* The HELP and TYPE lines that start a family. */
void	prom_family(struct buf *, const char *, const char *, const char *);
/* A sample of the family: an integer, or a ratio (any double). */
void	prom_u64(struct buf *, const char *, const struct prom_label *,
	    size_t, uint64_t);
void	prom_double(struct buf *, const char *, const struct prom_label *,
	    size_t, double);
/*
 * A label value as the format wants it: '\', '"' and newline escaped;
 * bytes that are not UTF-8 (Prometheus refuses a scrape that holds one)
 * become U+FFFD.
 */
void	prom_escape(struct buf *, const char *);

#endif
