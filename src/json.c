/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The JSON writer (json.h).  Each level of nesting keeps one bit: whether
 * it has a member yet, which decides the comma; a key leaves the writer
 * waiting for its value, which takes no comma.  Numbers go through
 * u64_dec (no printf, no locale); strings through esc_json.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "util.h"

/* The own buffer goes out when it holds this much. */
#define JSON_FLUSH	(1 << 15)

void
json_init(struct json *j, struct buf *b)
{
	memset(j, 0, sizeof(*j));
	j->b = b;
}

void
json_init_file(struct json *j, FILE *fp)
{
	memset(j, 0, sizeof(*j));
	j->b = &j->own;
	j->fp = fp;
}

static void
flush(struct json *j)
{
	if (j->fp == NULL || j->b->len == 0)
		return;
	if (fwrite(j->b->p, 1, j->b->len, j->fp) != j->b->len)
		j->werr = 1;
	j->b->len = 0;
}

int
json_end(struct json *j)
{
	int	 rc;

	assert(j->depth == 0);	/* every object and array closed */
	if (j->fp == NULL)
		return 0;
	buf_add(j->b, "\n", 1);
	flush(j);
	rc = j->werr || ferror(j->fp) ? -1 : 0;
	buf_free(&j->own);
	return rc;
}

/* Before a value: the comma, unless it is a key's or the first. */
static void
value(struct json *j)
{
	if (j->keyed) {
		j->keyed = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->nonempty & (UINT32_C(1) << j->depth))
			buf_add(j->b, ",", 1);
		j->nonempty |= UINT32_C(1) << j->depth;
	}
}

static void
open_level(struct json *j, char c)
{
	value(j);
	assert(j->depth + 1 < JSON_DEPTH);	/* nesting the writer tracks */
	j->depth++;
	j->nonempty &= ~(UINT32_C(1) << j->depth);
	buf_add(j->b, &c, 1);
}

static void
close_level(struct json *j, char c)
{
	assert(j->depth > 0 && !j->keyed);	/* open, and no key waiting */
	j->depth--;
	buf_add(j->b, &c, 1);
	if (j->depth == 0 || j->b->len >= JSON_FLUSH)
		flush(j);
}

void
json_obj(struct json *j)
{
	open_level(j, '{');
}

void
json_obj_end(struct json *j)
{
	close_level(j, '}');
}

void
json_arr(struct json *j)
{
	open_level(j, '[');
}

void
json_arr_end(struct json *j)
{
	close_level(j, ']');
}

void
json_key(struct json *j, const char *key)
{
	size_t	 n = strlen(key);

	assert(!j->keyed);	/* a key needs its value first */
	value(j);
	buf_reserve(j->b, n + 3);
	j->b->p[j->b->len++] = '"';
	buf_add(j->b, key, n);
	buf_add(j->b, "\":", 2);
	j->keyed = 1;
}

void
json_newline(struct json *j)
{
	buf_add(j->b, "\n", 1);
}

void
json_strn(struct json *j, const char *s, size_t n)
{
	value(j);
	esc_json(j->b, s, n);
}

void
json_str(struct json *j, const char *s)
{
	json_strn(j, s, strlen(s));
}

void
json_str_opt(struct json *j, const char *s)
{
	if (s == NULL)
		json_null(j);
	else
		json_str(j, s);
}

void
json_raw(struct json *j, const char *s, size_t n)
{
	value(j);
	buf_add(j->b, s, n);
}

void
json_uint(struct json *j, uint64_t v)
{
	char	 b[24], *p = u64_dec(b + sizeof(b), v);

	json_raw(j, p, (size_t)(b + sizeof(b) - 1 - p));
}

void
json_int(struct json *j, int64_t v)
{
	char	 b[24], *p = i64_dec(b + sizeof(b), v);

	json_raw(j, p, (size_t)(b + sizeof(b) - 1 - p));
}

void
json_null(struct json *j)
{
	json_raw(j, "null", 4);
}

void
json_bool(struct json *j, int v)
{
	if (v)
		json_raw(j, "true", 4);
	else
		json_raw(j, "false", 5);
}

void
json_kstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void
json_kstr_opt(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str_opt(j, s);
}

void
json_kint(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void
json_kuint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void
json_knull(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

void
json_kbool(struct json *j, const char *key, int v)
{
	json_key(j, key);
	json_bool(j, v);
}
