/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Tables, raw lines, JSON and detail blocks from the same cells.  JSON,
 * raw and detail output stream row by row; only the aligned table keeps
 * its cells, in one text arena with an offset a cell, because widths are
 * known at the end.  Every string is escaped on the way in: terminals
 * see no control characters, JSON stays valid.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libutil.h>

#include "format.h"
#include "util.h"

struct fmt {
	const struct fmt_col	*cols;
	const size_t		*sel;
	size_t			 nsel;
	const char		*key;
	enum fmt_mode		 mode;
	int			 noheadings;

	size_t			 col;		/* next cell in the row */
	size_t			 nrows;
	struct buf		 text;		/* table: all cells */
	size_t			*off;		/* table: cell starts */
	size_t			 noff, capoff;
	struct buf		 line;		/* streaming: the row */
	char			*footer;
	struct buf		 jtail;		/* JSON: members after the list */
	int			 werr;

	/* Table in two passes (fmt_measure): widths, then printing. */
	int			 measuring, streaming;
	size_t			*w;
	struct buf		 cell;
	const char		*cellp;		/* the cell: cell.p, or plain */
	size_t			 celllen, cellw;

	/* JSON: each cell's lead-in, ,"name": (the first without comma). */
	struct buf		 jlead;
	size_t			*jleadoff;	/* nsel + 1 offsets */
};

struct fmt *
fmt_new(const struct fmt_col *cols, const size_t *sel, size_t nsel,
    const char *key, enum fmt_mode mode, int noheadings)
{
	struct fmt	*f = xcalloc(1, sizeof(*f));

	f->cols = cols;
	f->sel = sel;
	f->nsel = nsel;
	f->key = key;
	f->mode = mode;
	f->noheadings = noheadings;
	if (mode == FMT_JSON) {
		f->jleadoff = xreallocarray(NULL, nsel + 1, sizeof(*f->jleadoff));
		for (size_t i = 0; i < nsel; i++) {
			f->jleadoff[i] = f->jlead.len;
			buf_addstr(&f->jlead, i ? ",\"" : "\"");
			buf_addstr(&f->jlead, cols[sel[i]].json);
			buf_addstr(&f->jlead, "\":");
		}
		f->jleadoff[nsel] = f->jlead.len;
		printf("{\"%s\":[", key);
	}
	else if (mode == FMT_RAW && !noheadings) {
		for (size_t i = 0; i < nsel; i++)
			printf("%s%s", i ? " " : "", cols[sel[i]].name);
		putchar('\n');
	}
	return f;
}

void
fmt_row(struct fmt *f)
{
	f->col = 0;
	if (f->mode != FMT_TABLE)
		f->line.len = 0;
	if (f->mode == FMT_JSON)
		buf_addstr(&f->line, f->nrows ? ",\n{" : "\n{");
	else if (f->mode == FMT_DETAIL && f->nrows)
		buf_addstr(&f->line, "\n");
	f->nrows++;
}

static void
end_row(struct fmt *f)
{
	if (f->mode == FMT_JSON)
		buf_addstr(&f->line, "}");
	if (f->mode == FMT_RAW)
		buf_addstr(&f->line, "\n");
	if (f->line.len != 0 &&
	    fwrite(f->line.p, 1, f->line.len, stdout) != f->line.len)
		f->werr = 1;
	f->line.len = 0;
}

/* Starts the next cell; JSON needs its member name, detail its label. */
static void
cell_begin(struct fmt *f)
{
	const struct fmt_col	*c;

	assert(f->col < f->nsel);	/* no more cells than columns */
	c = &f->cols[f->sel[f->col]];
	switch (f->mode) {
	case FMT_TABLE:
		if (f->measuring || f->streaming)
			break;
		if (f->noff == f->capoff) {
			f->capoff = f->capoff ? f->capoff * 2 : 1024;
			f->off = xreallocarray(f->off, f->capoff,
			    sizeof(*f->off));
		}
		f->off[f->noff++] = f->text.len;
		break;
	case FMT_RAW:
		if (f->col)
			buf_addstr(&f->line, " ");
		break;
	case FMT_JSON:
		buf_add(&f->line, f->jlead.p + f->jleadoff[f->col],
		    f->jleadoff[f->col + 1] - f->jleadoff[f->col]);
		break;
	case FMT_DETAIL: {
		size_t	 n = strlen(c->json) + 1;

		buf_addf(&f->line, "%s:%*s", c->json, n < 11 ? (int)(11 - n) : 1,
		    "");
		break;
	}
	}
}

static void	 put_cell(struct fmt *, size_t, const char *, size_t, size_t);

static void
cell_end(struct fmt *f)
{
	if (f->mode == FMT_TABLE && f->streaming) {
		put_cell(f, f->col, f->cellp, f->celllen, f->cellw);
		if (f->col + 1 == f->nsel) {
			buf_add(&f->line, "\n", 1);
			if (f->line.len >= (1 << 15)) {
				if (fwrite(f->line.p, 1, f->line.len, stdout) !=
				    f->line.len)
					f->werr = 1;
				f->line.len = 0;
			}
		}
	}
	if (f->mode == FMT_DETAIL)
		buf_addstr(&f->line, "\n");
	if (++f->col == f->nsel && f->mode != FMT_TABLE)
		end_row(f);
}

/* Text for the table, raw and detail forms. */
static void
cell_text(struct fmt *f, const char *s)
{
	size_t	 i, start, n;

	if (f->mode == FMT_TABLE) {
		if (f->measuring || f->streaming) {
			/*
			 * Plain text needs no escaping: use it where it is.
			 * The NUL is not plain, so this also finds the end.
			 */
			n = esc_plain(s, SIZE_MAX);
			if (s[n] == '\0') {
				f->cellp = s;
				f->celllen = f->cellw = n;
			} else {
				n += strlen(s + n);
				f->cell.len = 0;
				f->cellw = esc_term(&f->cell, s, n);
				f->cellp = f->cell.p;
				f->celllen = f->cell.len;
			}
			if (f->measuring && f->cellw > f->w[f->col])
				f->w[f->col] = f->cellw;
			return;
		}
		esc_term(&f->text, s, strlen(s));
		return;
	}
	start = f->line.len;
	esc_term(&f->line, s, strlen(s));
	if (f->mode != FMT_RAW)
		return;
	/* Raw output splits on spaces: an empty or spaced value must not. */
	if (f->line.len == start)
		buf_addstr(&f->line, "-");
	for (i = start; i < f->line.len; i++) {
		if (f->line.p[i] == ' ') {
			char	 tail[4] = "x20";
			size_t	 rest = f->line.len - i - 1;

			buf_reserve(&f->line, 4);
			memmove(f->line.p + i + 4, f->line.p + i + 1, rest);
			f->line.p[i] = '\\';
			memcpy(f->line.p + i + 1, tail, 3);
			f->line.len += 3;
			f->line.p[f->line.len] = '\0';
		}
	}
}

void
fmt_str(struct fmt *f, const char *s)
{
	cell_begin(f);
	if (f->mode == FMT_JSON)
		esc_json(&f->line, s, strlen(s));
	else
		cell_text(f, s);
	cell_end(f);
}

void
fmt_num(struct fmt *f, const char *text, const char *num)
{
	cell_begin(f);
	if (f->mode == FMT_JSON)
		buf_addstr(&f->line, num);
	else
		cell_text(f, text);
	cell_end(f);
}

/* A table cell used where it is: P stays valid until cell_end. */
static void
table_cell(struct fmt *f, const char *p, size_t len)
{
	f->cellp = p;
	f->celllen = f->cellw = len;
	if (f->measuring && len > f->w[f->col])
		f->w[f->col] = len;
}

/*
 * A number as text and JSON alike: digits and a sign, nothing to escape
 * and no space to hide, so the table and JSON take it as it is.
 */
static void
fmt_digits(struct fmt *f, const char *p, size_t len)
{
	if (f->mode == FMT_DETAIL || (f->mode == FMT_TABLE &&
	    !f->measuring && !f->streaming)) {
		fmt_num(f, p, p);
		return;
	}
	cell_begin(f);
	if (f->mode == FMT_TABLE)
		table_cell(f, p, len);
	else
		buf_add(&f->line, p, len);
	cell_end(f);
}

void
fmt_plain(struct fmt *f, const char *s, size_t len)
{
	if (f->mode != FMT_TABLE || (!f->measuring && !f->streaming)) {
		fmt_str(f, s);
		return;
	}
	cell_begin(f);
	table_cell(f, s, len);
	cell_end(f);
}

void
fmt_uint(struct fmt *f, uint64_t v)
{
	char	 b[32], *p = u64_dec(b + sizeof(b), v);

	fmt_digits(f, p, (size_t)(b + sizeof(b) - 1 - p));
}

void
fmt_int(struct fmt *f, int64_t v)
{
	char	 b[32], *p;

	if (v >= 0)
		p = u64_dec(b + sizeof(b), (uint64_t)v);
	else {
		p = u64_dec(b + sizeof(b), -(uint64_t)v);
		*--p = '-';
	}
	fmt_digits(f, p, (size_t)(b + sizeof(b) - 1 - p));
}

void
fmt_null(struct fmt *f, const char *text)
{
	if (f->mode == FMT_TABLE)
		fmt_plain(f, text, strlen(text));
	else
		fmt_num(f, text, "null");
}

void
fmt_str_opt(struct fmt *f, const char *s)
{
	if (s != NULL)
		fmt_str(f, s);
	else
		fmt_null(f, "-");
}

void
fmt_bool(struct fmt *f, int v)
{
	fmt_num(f, v ? "yes" : "no", v ? "true" : "false");
}

void
fmt_list(struct fmt *f, const char *const *items, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;

	if (n == 0 && f->mode == FMT_TABLE) {
		fmt_plain(f, "-", 1);
		return;
	}
	cell_begin(f);
	if (f->mode == FMT_JSON) {
		buf_addstr(&f->line, "[");
		for (i = 0; i < n; i++) {
			if (i)
				buf_addstr(&f->line, ",");
			esc_json(&f->line, items[i], strlen(items[i]));
		}
		buf_addstr(&f->line, "]");
	} else {
		for (i = 0; i < n; i++) {
			if (i)
				buf_addstr(&b, ",");
			buf_addstr(&b, items[i]);
		}
		cell_text(f, n == 0 ? "-" : b.p);
	}
	/* The cell may point into b until it ends. */
	cell_end(f);
	buf_free(&b);
}

void
fmt_footer(struct fmt *f, const char *s)
{
	struct buf	 b = { 0 };

	esc_term(&b, s, strlen(s));
	free(f->footer);
	f->footer = b.p;
}

void
fmt_json_member(struct fmt *f, const char *name, const char *json)
{
	if (f->mode != FMT_JSON)
		return;
	buf_addf(&f->jtail, ",\"%s\":%s", name, json);
}

/* One cell of a table line, padded to its column's width. */
static void
put_cell(struct fmt *f, size_t c, const char *s, size_t len, size_t cw)
{
	const struct fmt_col	*col = &f->cols[f->sel[c]];
	size_t			 pad = f->w[c] > cw ? f->w[c] - cw : 0;
	char			*p;

	/* Room for the separator, the cell, its padding and a NUL. */
	buf_reserve(&f->line, 1 + len + pad + 1);
	p = f->line.p + f->line.len;
	if (c)
		*p++ = ' ';
	if (col->right) {
		memset(p, ' ', pad);
		p += pad;
	}
	memcpy(p, s, len);
	p += len;
	if (!col->right && c + 1 < f->nsel) {
		memset(p, ' ', pad);
		p += pad;
	}
	*p = '\0';
	f->line.len = (size_t)(p - f->line.p);
}

static void
flush_line(struct fmt *f)
{
	if (f->line.len != 0 &&
	    fwrite(f->line.p, 1, f->line.len, stdout) != f->line.len)
		f->werr = 1;
	f->line.len = 0;
}

static void
print_header(struct fmt *f)
{
	size_t	 c, n;

	if (f->noheadings)
		return;
	for (c = 0; c < f->nsel; c++) {
		n = strlen(f->cols[f->sel[c]].name);
		put_cell(f, c, f->cols[f->sel[c]].name, n, n);
	}
	buf_add(&f->line, "\n", 1);
	flush_line(f);
}

static void
init_widths(struct fmt *f)
{
	size_t	 c;

	f->w = xcalloc(f->nsel ? f->nsel : 1, sizeof(*f->w));
	for (c = 0; c < f->nsel; c++)
		f->w[c] = f->noheadings ? 0 : strlen(f->cols[f->sel[c]].name);
}

/* Columns on screen: UTF-8 continuation bytes take none. */
static size_t
width(const char *s, size_t len)
{
	size_t	 i, w = 0;

	for (i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

static void
print_table(struct fmt *f)
{
	size_t	 i, len;

	init_widths(f);
	for (i = 0; i < f->noff; i++) {
		len = (i + 1 < f->noff ? f->off[i + 1] : f->text.len) - f->off[i];
		len = width(f->text.p + f->off[i], len);
		if (len > f->w[i % f->nsel])
			f->w[i % f->nsel] = len;
	}
	print_header(f);
	for (i = 0; i < f->noff; i++) {
		len = (i + 1 < f->noff ? f->off[i + 1] : f->text.len) - f->off[i];
		put_cell(f, i % f->nsel, f->text.p + f->off[i], len,
		    width(f->text.p + f->off[i], len));
		if (i % f->nsel + 1 == f->nsel) {
			buf_add(&f->line, "\n", 1);
			if (f->line.len >= (1 << 15))
				flush_line(f);
		}
	}
	flush_line(f);
}

int
fmt_measure(struct fmt *f)
{
	if (f->mode != FMT_TABLE || f->nrows != 0)
		return 0;
	init_widths(f);
	f->measuring = 1;
	return 1;
}

void
fmt_replay(struct fmt *f)
{
	assert(f->measuring);	/* fmt_replay after fmt_measure only */
	f->measuring = 0;
	f->streaming = 1;
	f->nrows = 0;
	print_header(f);
}

int
fmt_finish(struct fmt *f)
{
	int	 rc;

	switch (f->mode) {
	case FMT_TABLE:
		if (f->streaming)
			flush_line(f);
		else
			print_table(f);
		if (f->footer != NULL)
			printf("%s\n", f->footer);
		break;
	case FMT_JSON:
		printf("%s]%s}\n", f->nrows ? "\n" : "",
		    f->jtail.p != NULL ? f->jtail.p : "");
		break;
	case FMT_RAW:
	case FMT_DETAIL:
		break;
	}
	rc = f->werr || ferror(stdout) ? -1 : 0;
	buf_free(&f->text);
	buf_free(&f->line);
	buf_free(&f->cell);
	buf_free(&f->jlead);
	buf_free(&f->jtail);
	free(f->jleadoff);
	free(f->w);
	free(f->off);
	free(f->footer);
	free(f);
	return rc;
}

int
fmt_find_column(const struct fmt_col *cols, size_t ncols, const char *name,
    size_t len)
{
	size_t	 i;

	for (i = 0; i < ncols; i++) {
		if (strlen(cols[i].name) == len &&
		    strncasecmp(cols[i].name, name, len) == 0)
			return (int)i;
	}
	return -1;
}

int
fmt_parse_columns(const struct fmt_col *cols, size_t ncols,
    const char *list, const size_t *defs, size_t ndefs, size_t **out,
    char **cause)
{
	const char	*p, *comma;
	size_t		*sel, n = 0, cap;
	int		 idx;

	cap = ndefs + strlen(list) / 2 + 2;
	sel = xreallocarray(NULL, cap, sizeof(*sel));
	if (*list == '+') {
		memcpy(sel, defs, ndefs * sizeof(*sel));
		n = ndefs;
		list++;
	}
	for (p = list;; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		idx = fmt_find_column(cols, ncols, p, (size_t)(comma - p));
		if (idx == -1) {
			set_cause(cause, "unknown column '%.*s'",
			    (int)(comma - p), p);
			free(sel);
			return -1;
		}
		if (n == cap)
			sel = xreallocarray(sel, cap *= 2, sizeof(*sel));
		sel[n++] = (size_t)idx;
		if (*comma == '\0')
			break;
	}
	*out = sel;
	return (int)n;
}

void
fmt_help_columns(const struct fmt_col *cols, size_t ncols)
{
	size_t	 i;

	printf("\nColumns (-o, case-insensitive; -o +LIST appends):\n");
	for (i = 0; i < ncols; i++)
		printf("  %-9s %s\n", cols[i].name, cols[i].help);
}

enum fmt_mode
fmt_opts_mode(const struct fmt_opts *o)
{
	return o->json ? FMT_JSON : o->raw ? FMT_RAW : FMT_TABLE;
}

/*
 * Values as people read them: times, ages and sizes.
 */

/* T in local time or UTC; the number when it has no date. */
static void
fmt_time(char *out, size_t sz, int64_t t, int local)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if ((local ? localtime_r(&tt, &tm) : gmtime_r(&tt, &tm)) == NULL ||
	    strftime(out, sz, local ? "%Y-%m-%d %H:%M:%S" :
	    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, sz, "%lld", (long long)t);
}

void
fmt_time_iso(char *out, size_t sz, int64_t t)
{
	fmt_time(out, sz, t, 0);
}

void
fmt_time_local(char *out, size_t sz, int64_t t)
{
	fmt_time(out, sz, t, 1);
}

void
fmt_age(char *out, size_t sz, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(out, sz, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(out, sz, "%lldm%llds", (long long)(s / 60),
		    (long long)(s % 60));
	else if (s < 86400)
		snprintf(out, sz, "%lldh%lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else
		snprintf(out, sz, "%lldd%lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
}

void
fmt_size(char *out, size_t sz, uint64_t v)
{
	/* ls -h style: "1023", "4.0K", "15M"; four columns at most. */
	if (v < 1024)
		snprintf(out, sz, "%llu", (unsigned long long)v);
	else if (humanize_number(out, sz < 5 ? sz : 5, (int64_t)(v > INT64_MAX ?
	    INT64_MAX : v), "", HN_AUTOSCALE, HN_DECIMAL | HN_NOSPACE) == -1)
		snprintf(out, sz, "%llu", (unsigned long long)v);
}
