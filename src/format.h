/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The output layer: an aligned table, --raw (single spaces, nothing
 * truncated) or --json (numbers as numbers, one top-level key even when
 * empty), driven by a column-descriptor table that also gives -o its
 * names and --help its column list.  It never touches IPC: commands hand
 * it cells in the order of the selected columns.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stddef.h>
#include <stdint.h>

enum fmt_mode {
	FMT_TABLE,
	FMT_RAW,
	FMT_JSON,
	FMT_DETAIL		/* "name: value" lines, one block a row */
};

struct fmt_col {
	const char	*name;		/* header and -o name */
	const char	*json;		/* JSON member name */
	int		 right;		/* right-aligned in the table */
	const char	*help;
};

struct fmt;

struct fmt	*fmt_new(const struct fmt_col *, const size_t *, size_t,
		    const char *, enum fmt_mode, int);
void		 fmt_row(struct fmt *);
void		 fmt_str(struct fmt *, const char *);
/*
 * A string the caller knows is plain, printable ASCII without a backslash
 * (esc_plain), LEN bytes long: the table takes it without looking at it.
 */
void		 fmt_plain(struct fmt *, const char *, size_t);
void		 fmt_num(struct fmt *, const char *, const char *);
void		 fmt_uint(struct fmt *, uint64_t);
void		 fmt_int(struct fmt *, int64_t);
/* Not known: JSON null, and plain TEXT ("-") elsewhere. */
void		 fmt_null(struct fmt *, const char *);
/* A string, or for NULL (not known) "-" and JSON null. */
void		 fmt_str_opt(struct fmt *, const char *);
void		 fmt_bool(struct fmt *, int);
void		 fmt_list(struct fmt *, const char *const *, size_t);
/*
 * The aligned table keeps every cell until the widths are known.  A
 * caller that can give its rows twice saves that memory: fmt_measure()
 * returns 1 in table mode, the rows given next only measure, and after
 * fmt_replay() the same rows are printed as they come.  0 in the other
 * modes: give the rows once.
 */
int		 fmt_measure(struct fmt *);
void		 fmt_replay(struct fmt *);
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

/*
 * The output options of listings: -o/--output, --json, --raw and
 * --noheadings, parsed the same way by every command that lists (the
 * command frame's output group, which also refuses contradictions).
 */
struct fmt_opts {
	const char	*output;	/* -o LIST, or NULL */
	int		 json, raw, noheadings;
};

/* The mode they ask for. */
enum fmt_mode	 fmt_opts_mode(const struct fmt_opts *);

/* Values as people read them. */
/* Times: ISO-8601 UTC for machines, local time for people. */
void	 fmt_time_iso(char *, size_t, int64_t);
void	 fmt_time_local(char *, size_t, int64_t);
/* "3d4h", "12m5s": an age in seconds, for people. */
void	 fmt_age(char *, size_t, int64_t);
/* Human size with binary suffix ("4.0K", "1.5G"), exact below 1024. */
void	 fmt_size(char *, size_t, uint64_t);

#endif
