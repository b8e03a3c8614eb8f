/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The shmtool authors */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>

#define SHA256_HEX	65	/* 64 hex digits and a NUL */

struct sha256;

struct sha256	*sha256_new(char **);
int		 sha256_update(struct sha256 *, const void *, size_t, char **);
int		 sha256_final(struct sha256 *, char *, char **);
void		 sha256_free(struct sha256 *);

#endif
