/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * A small JSON writer for the output layer: objects, arrays, keys,
 * strings (esc_json: exact bytes, safe on a terminal), numbers exact in
 * decimal, null and booleans.  It places the commas itself, so no caller
 * builds JSON by hand.  It writes into a growing buffer - one the caller
 * owns (a row format.c is assembling), or its own, flushed to a FILE as
 * it fills.  shmtool-json(7) is the contract the documents follow.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

#define JSON_DEPTH	32	/* nesting the writer tracks */

struct json {
	struct buf	*b;		/* where it writes: own or the caller's */
	struct buf	 own;
	FILE		*fp;		/* NULL: the caller's buffer */
	int		 werr;
	unsigned	 depth;
	int		 keyed;		/* a key was written: its value next */
	uint32_t	 nonempty;	/* bit d: level d has a member */
};

/* Into B, which the caller owns and reads (nothing is flushed). */
void	 json_init(struct json *, struct buf *);
/* Into FP, through a buffer written out as it fills and by json_end(). */
void	 json_init_file(struct json *, FILE *);
/*
 * The document is complete: writes the rest (and a newline) to the FILE
 * of json_init_file(); 0, or -1 if a write failed.  Frees nothing the
 * caller owns.
 */
int	 json_end(struct json *);

void	 json_obj(struct json *);		/* { */
void	 json_obj_end(struct json *);		/* } */
void	 json_arr(struct json *);		/* [ */
void	 json_arr_end(struct json *);		/* ] */
/* A member's name: a constant of the program, plain ASCII. */
void	 json_key(struct json *, const char *);
/* Whitespace between values, for a reader: a newline before a row. */
void	 json_newline(struct json *);

void	 json_str(struct json *, const char *);
void	 json_strn(struct json *, const char *, size_t);
/* A string, or null for NULL (not known). */
void	 json_str_opt(struct json *, const char *);
void	 json_int(struct json *, int64_t);
void	 json_uint(struct json *, uint64_t);
void	 json_null(struct json *);
void	 json_bool(struct json *, int);
/* A value already in JSON form (a cached, quoted time): written as is. */
void	 json_raw(struct json *, const char *, size_t);

/* A member: json_key() and the value in one call. */
void	 json_kstr(struct json *, const char *, const char *);
void	 json_kstr_opt(struct json *, const char *, const char *);
void	 json_kint(struct json *, const char *, int64_t);
void	 json_kuint(struct json *, const char *, uint64_t);
void	 json_knull(struct json *, const char *);
void	 json_kbool(struct json *, const char *, int);

#endif
