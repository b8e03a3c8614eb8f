/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: escaping of untrusted strings.  Whatever the bytes,
 * esc_term() output holds no control character (C0, DEL, C1), no bidi
 * or other format control and no invalid UTF-8, and esc_json() output is
 * a valid JSON string: quoted, none of those raw, valid UTF-8 - which
 * decodes to exactly the input, each byte that is not UTF-8 coming back
 * from its lone surrogate U+DC80..U+DCFF (Python's "surrogateescape").
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The code points that reorder or hide text on a terminal, checked
 * independently of util.c's table: the bidi controls, the zero-width
 * ones, the byte order mark, the line and paragraph separators, and the
 * tags block.
 */
static int
drives_terminal(const unsigned char *s, size_t len)
{
	uint32_t	 cp;
	size_t		 j;

	cp = s[0] & (0x7f >> len);
	for (j = 1; j < len; j++)
		cp = cp << 6 | (s[j] & 0x3f);
	return cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff ||
	    cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f);
}

/*
 * 1 when s[0..n) is valid UTF-8 without C0, DEL or C1 controls, and
 * without what drives_terminal() names.
 */
static int
clean(const unsigned char *s, size_t n)
{
	size_t	 i = 0, len, j;

	while (i < n) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			len = 3;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (j = 1; j < len; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
		}
		if (s[i] == 0xc2 && s[i + 1] < 0xa0)
			return 0;
		if (drives_terminal(s + i, len))
			return 0;
		i += len;
	}
	return 1;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	unsigned char	 u[4];

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (unsigned char)(0xf0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/* The four hex digits at p: 0, or -1. */
static int
hex4(const char *p, unsigned *cp)
{
	int	 k;

	for (k = 0; k < 4; k++)
		if (!isxdigit((unsigned char)p[k]))
			return -1;
	return sscanf(p, "%4x", cp) == 1 ? 0 : -1;
}

/*
 * Decodes the JSON string at p (quotes included) into the bytes OUT, as
 * Python's json.loads() and then .encode("utf-8", "surrogateescape") do:
 * a surrogate pair is one code point beyond the BMP, a lone surrogate
 * U+DC80..U+DCFF the byte 0x80..0xFF; any other lone surrogate cannot be
 * encoded back (-1), and neither can a malformed string.
 */
static int
json_decode(const char *p, size_t n, struct buf *out)
{
	size_t		 i;
	unsigned	 cp, lo;
	unsigned char	 byte;

	if (n < 2 || p[0] != '"' || p[n - 1] != '"')
		return -1;
	for (i = 1; i < n - 1; i++) {
		if (p[i] == '"')
			return -1;
		if (p[i] != '\\') {
			buf_add(out, p + i, 1);
			continue;
		}
		if (++i >= n - 1)
			return -1;
		switch (p[i]) {
		case '"': case '\\': case '/':
			buf_add(out, p + i, 1);
			break;
		case 'b': buf_add(out, "\b", 1); break;
		case 'f': buf_add(out, "\f", 1); break;
		case 'n': buf_add(out, "\n", 1); break;
		case 'r': buf_add(out, "\r", 1); break;
		case 't': buf_add(out, "\t", 1); break;
		case 'u':
			if (i + 4 >= n - 1 || hex4(p + i + 1, &cp) == -1)
				return -1;
			i += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && i + 6 < n - 1 &&
			    p[i + 1] == '\\' && p[i + 2] == 'u' &&
			    hex4(p + i + 3, &lo) == 0 && lo >= 0xdc00 &&
			    lo <= 0xdfff) {
				put_utf8(out, 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00));
				i += 6;
			} else if (cp >= 0xdc80 && cp <= 0xdcff) {
				byte = (unsigned char)(cp - 0xdc00);
				buf_add(out, &byte, 1);
			} else if (cp >= 0xd800 && cp <= 0xdfff)
				return -1;
			else
				put_utf8(out, cp);
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* JSON J decodes to exactly DATA. */
static int
json_round_trips(const uint8_t *data, size_t len, const struct buf *j)
{
	struct buf	 dec = { 0 };
	int		 ok;

	ok = json_decode(j->p, j->len, &dec) == 0 && dec.len == len &&
	    (len == 0 || memcmp(dec.p, data, len) == 0);
	buf_free(&dec);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct buf	 b = { 0 };

	esc_term(&b, (const char *)data, len);
	if (!clean((const unsigned char *)b.p, b.len))
		abort();
	b.len = 0;
	esc_json(&b, (const char *)data, len);
	if (b.len < 2 || b.p[0] != '"' || b.p[b.len - 1] != '"')
		abort();
	for (size_t i = 0; i < b.len; i++) {
		if ((unsigned char)b.p[i] < 0x20)
			abort();
	}
	if (!clean((const unsigned char *)b.p, b.len) ||
	    !json_round_trips(data, len, &b))
		abort();
	buf_free(&b);
	return 0;
}
