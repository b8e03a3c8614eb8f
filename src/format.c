/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Tables, raw lines, JSON and detail blocks from the same typed values.
 * JSON, raw and detail output stream row by row; the aligned table walks
 * the rows twice (widths, then lines), so that it keeps no cell.  Every
 * string is escaped on the way out - terminals see no control
 * characters, JSON stays valid - but the values that are plain by their
 * type (numbers, sizes, times, keys, modes) are used where they are:
 * looking at each of 32,000 rows' cells cost a tenth of a listing.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <libutil.h>

#include "format.h"
#include "util.h"

struct fmt {
	const struct fmt_col	*cols;
	const size_t		*sel;
	size_t			 nsel;
	const char		*key;
	enum fmt_mode		 mode;
	int			 noheadings, bytes, notruncate;
	enum fmt_time		 time;
	int64_t			 now;

	size_t			 col;		/* next cell in the row */
	size_t			 nrows;
	struct buf		 line;		/* the row, or table lines */
	char			*footer;
	struct buf		 jtail;		/* JSON: members after the list */
	int			 werr;

	/* The table walks its rows twice: widths, then printing. */
	int			 measuring;
	size_t			*w;
	struct buf		 cell;
	const char		*cellp;		/* the cell: cell.p, or plain */
	size_t			 celllen, cellw;

	/* JSON: each cell's lead-in, ,"name": (the first without comma). */
	struct buf		 jlead;
	size_t			*jleadoff;	/* nsel + 1 offsets */

	/* Rows come with few distinct times and sizes: each shown once. */
	int64_t			 text_t, iso_t;
	char			 text[64], iso[40], isoq[48];
	size_t			 text_len;
	uint64_t		 size_v;
	char			 size_h[16];
	size_t			 size_len;
};

/* Lead-ins, ,"ccgroup_path": and the like, are copied this much. */
#define JLEAD_COPY	32

struct fmt *
fmt_new(const struct fmt_col *cols, const size_t *sel, size_t nsel,
    const char *key, enum fmt_mode mode, const struct fmt_opts *o)
{
	struct fmt	*f = xcalloc(1, sizeof(*f));

	f->cols = cols;
	f->sel = sel;
	f->nsel = nsel;
	f->key = key;
	f->mode = mode;
	f->noheadings = o->noheadings;
	f->bytes = o->bytes;
	f->notruncate = o->notruncate;
	f->now = o->now;
	f->time = o->time;
	if (f->time == FMT_TIME_DEFAULT)
		f->time = mode == FMT_RAW || mode == FMT_EXPORT ? FMT_TIME_ISO :
		    FMT_TIME_FULL;
	f->text_t = f->iso_t = -1;
	/* The cache starts full: humanize_number would say 8.0E for it. */
	f->size_v = UINT64_MAX;
	memcpy(f->size_h, "16E", 4);
	f->size_len = 3;
	if (mode == FMT_JSON) {
		f->jleadoff = xreallocarray(NULL, nsel + 1, sizeof(*f->jleadoff));
		for (size_t i = 0; i < nsel; i++) {
			f->jleadoff[i] = f->jlead.len;
			buf_addstr(&f->jlead, i ? ",\"" : "\"");
			buf_addstr(&f->jlead, cols[sel[i]].json);
			buf_addstr(&f->jlead, "\":");
		}
		f->jleadoff[nsel] = f->jlead.len;
		/* json_member copies JLEAD_COPY bytes of any lead-in. */
		buf_reserve(&f->jlead, JLEAD_COPY);
		memset(f->jlead.p + f->jlead.len, 0, JLEAD_COPY);
		printf("{\"%s\":[", key);
	}
	else if (mode == FMT_RAW && !o->noheadings) {
		for (size_t i = 0; i < nsel; i++)
			printf("%s%s", i ? " " : "", cols[sel[i]].name);
		putchar('\n');
	}
	return f;
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
row_begin(struct fmt *f)
{
	f->col = 0;
	if (f->mode == FMT_TABLE)
		return;
	f->line.len = 0;
	if (f->mode == FMT_JSON)
		buf_addstr(&f->line, f->nrows ? ",\n{" : "\n{");
	else if (f->mode == FMT_DETAIL && f->nrows)
		buf_addstr(&f->line, "\n");
}

static void
row_end(struct fmt *f)
{
	f->nrows++;
	switch (f->mode) {
	case FMT_TABLE:
		if (f->measuring)
			return;
		buf_add(&f->line, "\n", 1);
		if (f->line.len < (1 << 15))
			return;
		break;
	case FMT_JSON:
		buf_addstr(&f->line, "}");
		break;
	case FMT_RAW:
	case FMT_EXPORT:
		buf_addstr(&f->line, "\n");
		break;
	case FMT_DETAIL:
	case FMT_NMODES:
		break;
	}
	flush_line(f);
}

/* Starts the next cell; JSON needs its member name, detail its label. */
static void
cell_begin(struct fmt *f)
{
	const struct fmt_col	*c;
	size_t			 n;

	assert(f->col < f->nsel);	/* no more cells than columns */
	c = &f->cols[f->sel[f->col]];
	switch (f->mode) {
	case FMT_TABLE:
		break;
	case FMT_RAW:
		if (f->col)
			buf_addstr(&f->line, " ");
		break;
	case FMT_JSON:
		buf_add(&f->line, f->jlead.p + f->jleadoff[f->col],
		    f->jleadoff[f->col + 1] - f->jleadoff[f->col]);
		break;
	case FMT_DETAIL:
		n = strlen(c->json) + 1;
		buf_addf(&f->line, "%s:%*s", c->json, n < 11 ? (int)(11 - n) : 1,
		    "");
		break;
	case FMT_EXPORT:
		buf_addf(&f->line, "%s%s=\"", f->col ? " " : "", c->name);
		break;
	case FMT_NMODES:
		break;
	}
}

static void	 put_cell(struct fmt *, size_t, const char *, size_t, size_t);

static void
cell_end(struct fmt *f)
{
	if (f->mode == FMT_TABLE) {
		if (f->measuring) {
			if (f->cellw > f->w[f->col])
				f->w[f->col] = f->cellw;
		} else
			put_cell(f, f->col, f->cellp, f->celllen, f->cellw);
	}
	if (f->mode == FMT_DETAIL)
		buf_addstr(&f->line, "\n");
	else if (f->mode == FMT_EXPORT)
		buf_addstr(&f->line, "\"");
	f->col++;
}

/* Raw output splits on spaces: an empty or spaced value must not. */
static void
raw_spaces(struct buf *b, size_t start)
{
	size_t	 i, rest;

	if (b->len == start)
		buf_addstr(b, "-");
	for (i = start; i < b->len; i++) {
		if (b->p[i] != ' ')
			continue;
		rest = b->len - i - 1;
		buf_reserve(b, 4);
		memmove(b->p + i + 4, b->p + i + 1, rest);
		memcpy(b->p + i, "\\x20", 4);
		b->len += 3;
		b->p[b->len] = '\0';
	}
}

/*
 * --export: what lsipc -e escapes, as it does: a quote, backslash,
 * backquote, dollar sign and every byte that is not printable ASCII as
 * \xHH, so that a shell's eval takes the line as it is.
 */
static void
export_text(struct buf *b, const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p >= 0x7f || strchr("\"\\`$", *p) != NULL)
			buf_addf(b, "\\x%02x", *p);
		else
			buf_add(b, (const char *)p, 1);
	}
}

/* Text for the table, raw, export and detail forms, escaped. */
static void
cell_text(struct fmt *f, const char *s)
{
	size_t	 n, start;

	if (f->mode == FMT_EXPORT) {
		export_text(&f->line, s);
		return;
	}
	if (f->mode == FMT_TABLE) {
		/*
		 * Plain text needs no escaping: use it where it is.  The
		 * NUL is not plain, so this also finds the end.
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
		return;
	}
	start = f->line.len;
	esc_term(&f->line, s, strlen(s));
	if (f->mode == FMT_RAW)
		raw_spaces(&f->line, start);
}

/* A string: escaped text, or a JSON string. */
static void
str_cell(struct fmt *f, const char *s)
{
	cell_begin(f);
	if (f->mode == FMT_JSON)
		esc_json(&f->line, s, strlen(s));
	else
		cell_text(f, s);
	cell_end(f);
}

/* TEXT in the table, raw and detail forms; JSON takes NUM as it is. */
static void
num_cell(struct fmt *f, const char *text, const char *num)
{
	cell_begin(f);
	if (f->mode == FMT_JSON)
		buf_addstr(&f->line, num);
	else
		cell_text(f, text);
	cell_end(f);
}

/*
 * Plain text, LEN bytes long (printable ASCII without a backslash, by
 * the type of its value): the table takes it without looking at it.
 */
static void
plain_cell(struct fmt *f, const char *s, size_t len)
{
	char	*p;

	if (f->mode != FMT_TABLE && f->mode != FMT_JSON) {
		str_cell(f, s);
		return;
	}
	cell_begin(f);
	if (f->mode == FMT_JSON) {
		/* Nothing in it to escape: quoted as it is. */
		buf_reserve(&f->line, len + 3);
		p = f->line.p + f->line.len;
		*p = '"';
		memcpy(p + 1, s, len);
		memcpy(p + 1 + len, "\"", 2);
		f->line.len += len + 2;
	} else {
		f->cellp = s;
		f->celllen = f->cellw = len;
	}
	cell_end(f);
}

/*
 * A number as text and JSON alike: digits and a sign, nothing to escape
 * and no space to hide, so the table, raw and JSON take it as it is.
 */
static void
digits_cell(struct fmt *f, const char *p, size_t len)
{
	if (f->mode == FMT_DETAIL) {
		num_cell(f, p, p);
		return;
	}
	cell_begin(f);
	if (f->mode == FMT_TABLE) {
		f->cellp = p;
		f->celllen = f->cellw = len;
	} else
		buf_add(&f->line, p, len);
	cell_end(f);
}

static void
uint_cell(struct fmt *f, uint64_t v)
{
	char	 b[32], *p = u64_dec(b + sizeof(b), v);

	digits_cell(f, p, (size_t)(b + sizeof(b) - 1 - p));
}

static void
int_cell(struct fmt *f, int64_t v)
{
	char	 b[32], *p = i64_dec(b + sizeof(b), v);

	digits_cell(f, p, (size_t)(b + sizeof(b) - 1 - p));
}

static void
null_cell(struct fmt *f)
{
	if (f->mode == FMT_TABLE)
		plain_cell(f, "-", 1);
	else
		num_cell(f, f->mode == FMT_EXPORT ? "" : "-", "null");
}

static void
list_cell(struct fmt *f, const char *const *items, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;

	if (n == 0 && f->mode == FMT_TABLE) {
		plain_cell(f, "-", 1);
		return;
	}
	if (n == 0 && f->mode == FMT_EXPORT) {
		null_cell(f);
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

/* T as --time-format says, kept: rows made together share their second. */
static const char *
time_text(struct fmt *f, int64_t t)
{
	struct tm	 tm, today;
	time_t		 tt = (time_t)t, now = (time_t)f->now;

	if (t == f->text_t)
		return f->text;
	switch (f->time) {
	case FMT_TIME_ISO:
		fmt_time_iso(f->text, sizeof(f->text), t);
		break;
	case FMT_TIME_SHORT:
		/* lsipc's short form: the time today, else the day. */
		localtime_r(&tt, &tm);
		localtime_r(&now, &today);
		strftime(f->text, sizeof(f->text), tm.tm_year != today.tm_year ?
		    "%Y-%b%d" : tm.tm_yday != today.tm_yday ? "%b%d" : "%H:%M",
		    &tm);
		break;
	default:
		fmt_time_local(f->text, sizeof(f->text), t);
		break;
	}
	f->text_len = strlen(f->text);
	f->text_t = t;
	return f->text;
}

/* ISO-8601 UTC, quoted for JSON in f->isoq; kept like time_text. */
static const char *
iso_time(struct fmt *f, int64_t t)
{
	if (t != f->iso_t) {
		fmt_time_iso(f->iso, sizeof(f->iso), t);
		snprintf(f->isoq, sizeof(f->isoq), "\"%s\"", f->iso);
		f->iso_t = t;
	}
	return f->iso;
}

static void
time_cell(struct fmt *f, int64_t t)
{
	char		 text[160], age[32];
	const char	*s;

	switch (f->mode) {
	case FMT_JSON:
		iso_time(f, t);
		num_cell(f, f->iso, f->isoq);
		break;
	case FMT_DETAIL:
		fmt_age(age, sizeof(age), f->now - t);
		snprintf(text, sizeof(text), "%s (%s ago)", time_text(f, t),
		    age);
		str_cell(f, text);
		break;
	case FMT_TABLE:
		/* Digits, letters, dashes, colons and a space: plain. */
		s = time_text(f, t);
		plain_cell(f, s, f->text_len);
		break;
	default:
		/* Raw output escapes the space of the full form. */
		str_cell(f, time_text(f, t));
		break;
	}
}

/* V humanized, kept: segments come in few sizes. */
static const char *
size_text(struct fmt *f, uint64_t v)
{
	if (v != f->size_v) {
		fmt_size(f->size_h, sizeof(f->size_h), v);
		f->size_len = strlen(f->size_h);
		f->size_v = v;
	}
	return f->size_h;
}

static void
size_cell(struct fmt *f, uint64_t v)
{
	char	 b[32], *num, text[64];

	if (f->bytes || f->mode == FMT_JSON) {
		uint_cell(f, v);
		return;
	}
	size_text(f, v);
	/* Digits, a point and a unit letter: plain (no setlocale here). */
	if (f->mode == FMT_TABLE) {
		plain_cell(f, f->size_h, f->size_len);
		return;
	}
	num = u64_dec(b + sizeof(b), v);
	if (f->mode == FMT_DETAIL && v >= 1024) {
		snprintf(text, sizeof(text), "%s (%s bytes)", f->size_h, num);
		num_cell(f, text, num);
	} else
		num_cell(f, f->size_h, num);
}

static void
age_cell(struct fmt *f, int64_t s)
{
	char	 b[32];

	if (f->mode == FMT_JSON || f->mode == FMT_RAW ||
	    f->mode == FMT_EXPORT) {
		int_cell(f, s < 0 ? 0 : s);
		return;
	}
	fmt_age(b, sizeof(b), s);
	num_cell(f, b, b);
}

/* Permission bits as four octal digits, 0644. */
static void
octal_perms(char b[5], uint64_t u)
{
	b[0] = '0';
	b[1] = (char)('0' + (u >> 6 & 7));
	b[2] = (char)('0' + (u >> 3 & 7));
	b[3] = (char)('0' + (u & 7));
	b[4] = '\0';
}

/* One value, as its type is shown in this mode. */
static void
put_val(struct fmt *f, const struct fmt_val *v)
{
	char	 b[16];

	switch (v->type) {
	case FV_NULL:
		null_cell(f);
		break;
	case FV_INT:
		int_cell(f, v->i);
		break;
	case FV_UINT:
		uint_cell(f, v->u);
		break;
	case FV_TEXT:
		str_cell(f, v->s);
		break;
	case FV_PLAIN:
	case FV_WORD:
		plain_cell(f, v->s, strlen(v->s));
		break;
	case FV_KEY:
		key_hex(b, (uint32_t)v->u);
		plain_cell(f, b, 10);
		break;
	case FV_OCTAL:
		octal_perms(b, v->u);
		plain_cell(f, b, 4);
		break;
	case FV_SIZE:
		size_cell(f, v->u);
		break;
	case FV_TIME:
		time_cell(f, v->i);
		break;
	case FV_AGE:
		age_cell(f, v->i);
		break;
	case FV_BOOL:
		num_cell(f, v->u ? "yes" : "no", v->u ? "true" : "false");
		break;
	case FV_LIST:
		list_cell(f, v->list, (size_t)v->u);
		break;
	}
}

/*
 * The text of a value that the table and JSON both show as it is, with
 * nothing to escape: digits, words, keys, modes, and free text that is
 * plain and has no quote (user and group names, mostly).  In B or in
 * the value, *LEN long; NULL for anything else.  *QUOTE: JSON quotes it.
 */
static inline const char *
bare_text(const struct fmt_val *v, char b[32], size_t *len, int *quote)
{
	char	*p;

	*quote = 1;
	switch (v->type) {
	case FV_TEXT:
		/* The NUL is not plain: this finds the end too. */
		*len = esc_plain(v->s, SIZE_MAX);
		if (v->s[*len] != '\0' || memchr(v->s, '"', *len) != NULL)
			return NULL;
		return v->s;
	case FV_PLAIN:
	case FV_WORD:
		*len = strlen(v->s);
		return v->s;
	case FV_KEY:
		key_hex(b, (uint32_t)v->u);
		*len = 10;
		return b;
	case FV_OCTAL:
		octal_perms(b, v->u);
		*len = 4;
		return b;
	case FV_INT:
		p = i64_dec(b + 32, v->i);
		break;
	case FV_UINT:
		p = u64_dec(b + 32, v->u);
		break;
	default:
		return NULL;
	}
	*quote = 0;
	*len = (size_t)(b + 31 - p);
	return p;
}

/*
 * A JSON member whose value needs no escaping, lead-in and all, in one
 * copy; 1 if V is of such a type.  Numbers, nulls, booleans, times and
 * words are most of a JSON row, and the general path, cell by cell and
 * mode by mode, was half of stat --json's instructions.
 */
static int
json_member(struct fmt *f, const struct fmt_val *v)
{
	/* Each readable for JLEAD_COPY bytes from its start. */
	static const char	 kw[3][JLEAD_COPY] = { "null", "true", "false" };
	char			 b[2 * JLEAD_COPY], *d;
	const char		*s, *lead = f->jlead.p + f->jleadoff[f->col];
	size_t			 n, ll = f->jleadoff[f->col + 1] -
				    f->jleadoff[f->col];
	int			 q = 0;

	switch (v->type) {
	case FV_NULL:
		s = kw[0];
		n = 4;
		break;
	case FV_BOOL:
		s = kw[v->u ? 1 : 2];
		n = v->u ? 4 : 5;
		break;
	case FV_AGE:
		s = i64_dec(b + JLEAD_COPY, v->i < 0 ? 0 : v->i);
		n = (size_t)(b + JLEAD_COPY - 1 - s);
		break;
	case FV_SIZE:
		s = u64_dec(b + JLEAD_COPY, v->u);
		n = (size_t)(b + JLEAD_COPY - 1 - s);
		break;
	case FV_TIME:
		iso_time(f, v->i);
		s = f->isoq;
		n = strlen(s);
		break;
	default:
		if ((s = bare_text(v, b, &n, &q)) == NULL)
			return 0;
		break;
	}
	buf_reserve(&f->line, ll + n + 2 * JLEAD_COPY + 3);
	d = f->line.p + f->line.len;
	/*
	 * Copies of a known size are a few moves; of the size of a lead-in
	 * or a number, a call to memcpy: a sixth of stat --json's work.
	 * What lies past the end is overwritten, or past the line's end.
	 */
	if (ll <= JLEAD_COPY)
		memcpy(d, lead, JLEAD_COPY);
	else
		memcpy(d, lead, ll);
	d += ll;
	if (q)
		*d++ = '"';
	if (n < JLEAD_COPY && v->type != FV_PLAIN && v->type != FV_WORD &&
	    v->type != FV_TEXT)
		memcpy(d, s, JLEAD_COPY);
	else
		memcpy(d, s, n);
	d += n;
	if (q)
		*d++ = '"';
	*d = '\0';
	f->line.len = (size_t)(d - f->line.p);
	f->col++;
	return 1;
}

/*
 * The same for a table cell that is plain: measured or put as it is,
 * its width its length.  The table walks its rows twice, so this counts
 * double.  Free text with a quote takes the general path, which shows
 * it as it is all the same.
 */
static int
table_member(struct fmt *f, const struct fmt_val *v)
{
	char		 b[32];
	const char	*s;
	size_t		 n;
	int		 q;

	switch (v->type) {
	case FV_NULL:
		s = "-";
		n = 1;
		break;
	case FV_LIST:
		if (v->u != 0)
			return 0;
		s = "-";
		n = 1;
		break;
	case FV_TIME:
		s = time_text(f, v->i);
		n = f->text_len;
		break;
	case FV_SIZE:
		if (f->bytes) {
			s = u64_dec(b + sizeof(b), v->u);
			n = (size_t)(b + sizeof(b) - 1 - s);
		} else {
			s = size_text(f, v->u);
			n = f->size_len;
		}
		break;
	default:
		if ((s = bare_text(v, b, &n, &q)) == NULL)
			return 0;
		break;
	}
	if (!f->measuring)
		put_cell(f, f->col, s, n, n);
	else if (n > f->w[f->col])
		f->w[f->col] = n;
	f->col++;
	return 1;
}

static void
put_row(struct fmt *f, const void *row)
{
	struct fmt_val	 v;
	size_t		 i;

	row_begin(f);
	for (i = 0; i < f->nsel; i++) {
		f->cols[f->sel[i]].get(row, &v);
		if (f->mode == FMT_JSON ? !json_member(f, &v) :
		    f->mode != FMT_TABLE || !table_member(f, &v))
			put_val(f, &v);
	}
	row_end(f);
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

/* The bytes of S (LEN long) that fill W columns on screen. */
static size_t
cut(const char *s, size_t len, size_t w)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		/* UTF-8 continuation bytes take no column. */
		if (((unsigned char)s[i] & 0xc0) != 0x80 && w-- == 0)
			break;
	}
	return i;
}

/*
 * N spaces at P, where room for PAD_FILL is reserved: a fill of a known
 * size is a few moves, of a cell's padding a call to memset.
 */
#define PAD_FILL	32
static inline char *
spaces(char *p, size_t n)
{
	if (n <= PAD_FILL)
		memset(p, ' ', PAD_FILL);
	else
		memset(p, ' ', n);
	return p + n;
}

/*
 * One cell of a table line, padded to its column's width; a cell wider
 * than its column (free text cut to fit the terminal) ends in "...".
 */
static void
put_cell(struct fmt *f, size_t c, const char *s, size_t len, size_t cw)
{
	static const char	 ellipsis[] = "\u2026";
	const struct fmt_col	*col = &f->cols[f->sel[c]];
	size_t			 pad = f->w[c] > cw ? f->w[c] - cw : 0;
	char			*p;

	/* Room for the separator, the cell, its padding and a NUL. */
	buf_reserve(&f->line, 1 + len + (pad > PAD_FILL ? pad : PAD_FILL) +
	    sizeof(ellipsis));
	p = f->line.p + f->line.len;
	if (c)
		*p++ = ' ';
	if (col->right)
		p = spaces(p, pad);
	if (cw > f->w[c]) {
		len = cut(s, len, f->w[c] - 1);
		memcpy(p, s, len);
		memcpy(p + len, ellipsis, sizeof(ellipsis) - 1);
		p += sizeof(ellipsis) - 1;
	} else
		memcpy(p, s, len);
	p += len;
	if (!col->right && c + 1 < f->nsel)
		p = spaces(p, pad);
	*p = '\0';
	f->line.len = (size_t)(p - f->line.p);
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

/* The terminal's width when the table goes to one; 0 when not. */
static size_t
terminal_width(void)
{
	struct winsize	 ws;
	const char	*cols;
	long		 n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((cols = getenv("COLUMNS")) != NULL && (n = atol(cols)) > 0)
		return (size_t)n;
	return 80;
}

/*
 * On a terminal, the free-text columns give up what the line has beyond
 * the terminal's width, the widest first, down to their heading or 5
 * columns: the table fits where it can, and is never cut elsewhere.
 */
static void
fit(struct fmt *f)
{
	size_t	 c, widest, total, min, width;

	if (f->notruncate || (width = terminal_width()) == 0)
		return;
	for (c = 0, total = f->nsel - 1; c < f->nsel; c++)
		total += f->w[c];
	while (total > width) {
		for (c = 0, widest = f->nsel; c < f->nsel; c++) {
			min = strlen(f->cols[f->sel[c]].name);
			if (f->cols[f->sel[c]].free && f->w[c] > (min < 5 ? 5 :
			    min) && (widest == f->nsel || f->w[c] > f->w[widest]))
				widest = c;
		}
		if (widest == f->nsel)
			break;
		f->w[widest]--;
		total--;
	}
}

size_t
fmt_print(struct fmt *f, const struct fmt_rows *rows)
{
	const void	*r;
	size_t		 c;

	if (f->mode == FMT_TABLE) {
		/* Widths first, then the lines: no cell is kept. */
		f->w = xcalloc(f->nsel ? f->nsel : 1, sizeof(*f->w));
		for (c = 0; c < f->nsel; c++)
			f->w[c] = f->noheadings ? 0 :
			    strlen(f->cols[f->sel[c]].name);
		f->measuring = 1;
		while ((r = rows->next(rows->arg)) != NULL)
			put_row(f, r);
		f->measuring = 0;
		f->nrows = 0;
		if (f->nsel > 0)
			fit(f);
		rows->rewind(rows->arg);
		print_header(f);
	}
	while ((r = rows->next(rows->arg)) != NULL)
		put_row(f, r);
	return f->nrows;
}

int
fmt_finish(struct fmt *f)
{
	int	 rc;

	switch (f->mode) {
	case FMT_TABLE:
		flush_line(f);
		if (f->footer != NULL)
			printf("%s\n", f->footer);
		break;
	case FMT_JSON:
		printf("%s]%s}\n", f->nrows ? "\n" : "",
		    f->jtail.p != NULL ? f->jtail.p : "");
		break;
	case FMT_RAW:
	case FMT_DETAIL:
	case FMT_EXPORT:
	case FMT_NMODES:
		break;
	}
	rc = f->werr || ferror(stdout) ? -1 : 0;
	buf_free(&f->line);
	buf_free(&f->cell);
	buf_free(&f->jlead);
	buf_free(&f->jtail);
	free(f->jleadoff);
	free(f->w);
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
	return o->json ? FMT_JSON : o->raw ? FMT_RAW : o->export ? FMT_EXPORT :
	    FMT_TABLE;
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
