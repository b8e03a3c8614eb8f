/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: escaping of untrusted strings.  Whatever the bytes,
 * esc_term() output holds no control character (C0, DEL, C1) and no
 * invalid UTF-8, and esc_json() output is a valid JSON string: quoted,
 * no raw control characters (C1 included), valid UTF-8 - which decodes
 * to the input, with each byte that is not UTF-8 as the text \xNN.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 1 when s[0..n) is valid UTF-8 without C0, DEL or C1 controls. */
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
		i += len;
	}
	return 1;
}

/* The length of the UTF-8 sequence at s, or 0: written out plainly. */
static size_t
u8len(const unsigned char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 len, j;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		len = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (j = 1; j < len; j++) {
		if ((s[j] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[j] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	unsigned char	 u[3];

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	}
}

/* Decodes the JSON string at p (quotes included) into OUT: 0, or -1. */
static int
json_decode(const char *p, size_t n, struct buf *out)
{
	size_t		 i;
	unsigned	 cp;

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
			if (i + 4 >= n - 1 || !isxdigit((unsigned char)p[i + 1]) ||
			    !isxdigit((unsigned char)p[i + 2]) ||
			    !isxdigit((unsigned char)p[i + 3]) ||
			    !isxdigit((unsigned char)p[i + 4]) ||
			    sscanf(p + i + 1, "%4x", &cp) != 1)
				return -1;
			put_utf8(out, cp);
			i += 4;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* JSON J decodes to DATA, each byte that is not UTF-8 as \xNN text. */
static int
json_round_trips(const uint8_t *data, size_t len, const struct buf *j)
{
	struct buf	 dec = { 0 }, want = { 0 };
	size_t		 i, n;
	int		 ok;

	for (i = 0; i < len; i += n) {
		if ((n = u8len(data + i, len - i)) == 0) {
			buf_addf(&want, "\\x%02x", data[i]);
			n = 1;
		} else
			buf_add(&want, data + i, n);
	}
	ok = json_decode(j->p, j->len, &dec) == 0 && dec.len == want.len &&
	    (want.len == 0 || memcmp(dec.p, want.p, want.len) == 0);
	buf_free(&dec);
	buf_free(&want);
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
