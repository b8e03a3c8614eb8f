/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The output layer: an aligned table, --raw (single spaces, nothing
 * truncated), --json (numbers as numbers, one top-level key even when
 * empty) or detail blocks, driven by a column-descriptor table that also
 * gives -o its names and --help its column list.  Each column has a
 * getter that turns a row into a typed value (struct fmt_val); the
 * format decides how each type is shown, and --sort compares the same
 * values (listing.c).  It never touches IPC: the caller hands it its
 * rows through an iterator, once, and the format walks them as often as
 * it needs.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stddef.h>
#include <stdint.h>

enum fmt_mode {
	FMT_TABLE,
	FMT_RAW,
	FMT_JSON,
	FMT_DETAIL,		/* "name: value" lines, one block a row */
	FMT_EXPORT,		/* NAME="value" pairs, a line a row (lsipc -e) */
	FMT_NMODES
};

/* How times read in text (--time-format); JSON is always ISO-8601 UTC. */
enum fmt_time {
	FMT_TIME_DEFAULT,	/* tables and detail full, raw and export iso */
	FMT_TIME_SHORT,		/* 14:38 today, Nov29 this year, 2025-Nov29 */
	FMT_TIME_FULL,		/* 2026-11-29 14:38:01, local */
	FMT_TIME_ISO		/* 2026-11-29T14:38:01Z, UTC */
};

/* What a value is: how each format shows it, how --sort compares it. */
enum fmt_type {
	FV_NULL,		/* not known: "-", JSON null; sorted first */
	FV_INT,			/* i */
	FV_UINT,		/* u */
	FV_TEXT,		/* s: free text, escaped on the way out */
	FV_PLAIN,		/* s: printable ASCII, no backslash, by construction */
	FV_WORD,		/* s, plain; sorted by u, its rank */
	FV_KEY,			/* u: a key, 0x%08x */
	FV_OCTAL,		/* u: permission bits, 0NNN */
	FV_SIZE,		/* u bytes: K, M, G (exact with bytes; JSON) */
	FV_TIME,		/* i: seconds since the epoch */
	FV_AGE,			/* i: seconds, "3h" (JSON and raw: >= 0) */
	FV_BOOL,		/* u; sorted no, unknown (null), yes */
	FV_LIST			/* list[0..u): words; sorted by count, then words */
};

struct fmt_val {
	enum fmt_type	 type;
	int64_t		 i;
	uint64_t	 u;
	const char	*s;
	const char	*list[4];
	char		 buf[48];	/* room for a getter's own text */
};

/* The values getters give most. */
static inline void
fv_null(struct fmt_val *v)
{
	v->type = FV_NULL;
}

static inline void
fv_int(struct fmt_val *v, int64_t i)
{
	v->type = FV_INT;
	v->i = i;
}

static inline void
fv_uint(struct fmt_val *v, uint64_t u)
{
	v->type = FV_UINT;
	v->u = u;
}

/* TYPE with u, or with s (TEXT, PLAIN, WORD); u is WORD's rank. */
static inline void
fv_set(struct fmt_val *v, enum fmt_type type, uint64_t u, const char *s)
{
	v->type = type;
	v->u = u;
	v->s = s;
}

/* Free text, or null when S is NULL (not known). */
static inline void
fv_text(struct fmt_val *v, const char *s)
{
	v->type = s != NULL ? FV_TEXT : FV_NULL;
	v->s = s;
}

struct fmt_col {
	const char	*name;		/* header and -o name */
	const char	*json;		/* JSON member name */
	int		 right;		/* right-aligned in the table */
	const char	*help;
	/* The value of ROW in this column. */
	void		(*get)(const void *row, struct fmt_val *);
	/* Free text: cut with "..." to fit a terminal (not with --notruncate). */
	int		 free;
};

/*
 * The output options of listings: -o/--output, --json, --raw, --export,
 * --noheadings and --notruncate, parsed the same way by every command
 * that lists (the command frame's output group, which also refuses
 * contradictions); and how values are shown: exact sizes (stat --bytes),
 * the form of times and the time ages are counted from.
 */
struct fmt_opts {
	const char	*output;	/* -o LIST, or NULL */
	int		 json, raw, export, noheadings, notruncate;
	int		 bytes;
	enum fmt_time	 time;
	int64_t		 now;
};

/* The mode they ask for. */
enum fmt_mode	 fmt_opts_mode(const struct fmt_opts *);

/*
 * The rows of a listing: next() gives each in turn and NULL after the
 * last; rewind() starts again from the first (a table walks them twice:
 * widths first, so that no cell is kept).
 */
struct fmt_rows {
	const void	*(*next)(void *);
	void		 (*rewind)(void *);
	void		*arg;
};

struct fmt;

struct fmt	*fmt_new(const struct fmt_col *, const size_t *, size_t,
		    const char *, enum fmt_mode, const struct fmt_opts *);
/* Every row, as the mode needs them: how many there were. */
size_t		 fmt_print(struct fmt *, const struct fmt_rows *);
/* A line under the table (totals); not part of raw or JSON output. */
void		 fmt_footer(struct fmt *, const char *);
/* JSON only: a top-level member after the list, its value as JSON. */
void		 fmt_json_member(struct fmt *, const char *, const char *);
/* Prints what is buffered and frees; 0, or -1 on a write error. */
int		 fmt_finish(struct fmt *);

/*
 * Parses a comma-separated column list (names case-insensitive; a
 * leading '+' appends to the defaults) into indexes.  Returns the count,
 * or -1 with *cause naming the column that is not one.
 */
int		 fmt_parse_columns(const struct fmt_col *, size_t,
		    const char *, const size_t *, size_t, size_t **,
		    char **);
/* The index of the column NAME (any case), or -1. */
int		 fmt_find_column(const struct fmt_col *, size_t,
		    const char *, size_t);
void		 fmt_help_columns(const struct fmt_col *, size_t);

/* Values as people read them. */
/* Times: ISO-8601 UTC for machines, local time for people. */
void	 fmt_time_iso(char *, size_t, int64_t);
void	 fmt_time_local(char *, size_t, int64_t);
/* "3d4h", "12m5s": an age in seconds, for people. */
void	 fmt_age(char *, size_t, int64_t);
/* Human size with binary suffix ("4.0K", "1.5G"), exact below 1024. */
void	 fmt_size(char *, size_t, uint64_t);

#endif
