/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * hexdump: the `hexdump -C` formatter behind `shmtool dump`.  The output
 * must match util-linux `hexdump -C -s OFF -n LEN` byte for byte (so users
 * can diff the two), including the '*' line that stands for a run of lines
 * equal to the one before, the short last line and the end offset line, and
 * it must stay fast on segments of gigabytes: lines are assembled with
 * table lookups and word-sized stores into a buffer inside the struct, and
 * handed to write(2) in large blocks.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "hexdump.h"

/* Where hexdump is in its '*' logic. */
enum {
	HEXDUMP_FIRST,		/* nothing shown: the first line always is */
	HEXDUMP_SHOWN,		/* the last full line was printed */
	HEXDUMP_STAR		/* '*' printed; equal lines are swallowed */
};

/* A line with a 16-digit offset is 87 bytes; keep that much room free. */
#define HEXDUMP_LINEMAX	96

/*
 * "xx  " for each byte value.  Storing all four bytes and letting the next
 * store overwrite the fourth turns sixteen lookups into the whole hex
 * column, with the double space between the halves and before '|' falling
 * out for free.
 */
#define HEXDUMP_ROW(h)							\
	h "0  " h "1  " h "2  " h "3  " h "4  " h "5  " h "6  " h "7  "	\
	h "8  " h "9  " h "a  " h "b  " h "c  " h "d  " h "e  " h "f  "
static const char	 hexdump_hex4[] =
	HEXDUMP_ROW("0") HEXDUMP_ROW("1") HEXDUMP_ROW("2") HEXDUMP_ROW("3")
	HEXDUMP_ROW("4") HEXDUMP_ROW("5") HEXDUMP_ROW("6") HEXDUMP_ROW("7")
	HEXDUMP_ROW("8") HEXDUMP_ROW("9") HEXDUMP_ROW("a") HEXDUMP_ROW("b")
	HEXDUMP_ROW("c") HEXDUMP_ROW("d") HEXDUMP_ROW("e") HEXDUMP_ROW("f");

static inline void
hexdump_put4(char *p, unsigned int byte)
{
	memcpy(p, hexdump_hex4 + 4 * byte, 4);
}

/*
 * hexdump prints offsets with "%08x" on a 64-bit value: eight digits, more
 * past 4 GiB.
 */
static char *
hexdump_offset_wide(char *p, uint64_t off)
{
	int	 i, n;

	for (n = 9; n < 16 && off >> (4 * n) != 0; n++)
		continue;
	for (i = n - 1; i >= 0; i--)
		*p++ = "0123456789abcdef"[off >> (4 * i) & 0xf];
	return p;
}

/*
 * Writes the digits (and may scribble two bytes after them, which the
 * caller overwrites); returns the end of the digits.
 */
static inline char *
hexdump_offset(char *p, uint64_t off)
{
	if (off > 0xffffffffU)
		return hexdump_offset_wide(p, off);
	hexdump_put4(p, (unsigned int)(off >> 24));
	hexdump_put4(p + 2, (unsigned int)(off >> 16 & 0xff));
	hexdump_put4(p + 4, (unsigned int)(off >> 8 & 0xff));
	hexdump_put4(p + 6, (unsigned int)(off & 0xff));
	return p + 8;
}

static inline char
hexdump_char(unsigned char c)
{
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

/*
 * The ascii column for eight bytes at once: a byte is kept when it lies in
 * 0x20..0x7e, else replaced by '.'.  Each test leaves its verdict in the
 * top bit of the byte, and no addition carries into the next byte.
 */
static inline void
hexdump_ascii8(char *dst, const unsigned char *src)
{
	const uint64_t	 ones = 0x0101010101010101U;
	const uint64_t	 high = ones * 0x80;
	uint64_t	 x, low, ok, keep;

	memcpy(&x, src, 8);
	low = x & ~high;
	ok = (low + ones * 0x60) & ~(low + ones) & ~x & high;
	keep = (ok >> 7) * 0xff;
	x = (x & keep) | (ones * '.' & ~keep);
	memcpy(dst, &x, 8);
}

/* A full 16-byte line at off into p; returns the end of the line. */
static inline char *
hexdump_full(char *p, uint64_t off, const unsigned char *b)
{
	p = hexdump_offset(p, off);
	p[0] = ' ';
	p[1] = ' ';
	p += 2;
	/* Spelt out: -O2 does not unroll loops, and this is the hot spot. */
	hexdump_put4(p, b[0]);
	hexdump_put4(p + 3, b[1]);
	hexdump_put4(p + 6, b[2]);
	hexdump_put4(p + 9, b[3]);
	hexdump_put4(p + 12, b[4]);
	hexdump_put4(p + 15, b[5]);
	hexdump_put4(p + 18, b[6]);
	hexdump_put4(p + 21, b[7]);
	hexdump_put4(p + 25, b[8]);
	hexdump_put4(p + 28, b[9]);
	hexdump_put4(p + 31, b[10]);
	hexdump_put4(p + 34, b[11]);
	hexdump_put4(p + 37, b[12]);
	hexdump_put4(p + 40, b[13]);
	hexdump_put4(p + 43, b[14]);
	hexdump_put4(p + 46, b[15]);
	p[50] = '|';
	hexdump_ascii8(p + 51, b);
	hexdump_ascii8(p + 59, b + 8);
	p[67] = '|';
	p[68] = '\n';
	return p + 69;
}

/*
 * The short last line: hexdump pads the hex column with spaces so that
 * '|' stays in the same column, and shows only the bytes that exist.
 */
static char *
hexdump_short(char *p, uint64_t off, const unsigned char *b, size_t n)
{
	size_t	 i;

	p = hexdump_offset(p, off);
	p[0] = ' ';
	p[1] = ' ';
	p += 2;
	memset(p, ' ', 50);
	for (i = 0; i < n; i++)
		memcpy(p + 3 * i + (i >= 8), hexdump_hex4 + 4 * b[i], 2);
	p[50] = '|';
	for (i = 0; i < n; i++)
		p[51 + i] = hexdump_char(b[i]);
	p[51 + n] = '|';
	p[52 + n] = '\n';
	return p + 53 + n;
}

static inline int
hexdump_same(const unsigned char *a, const unsigned char *b)
{
	uint64_t	 a0, a1, b0, b1;

	memcpy(&a0, a, 8);
	memcpy(&a1, a + 8, 8);
	memcpy(&b0, b, 8);
	memcpy(&b1, b + 8, 8);
	return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/*
 * Write out the buffer.  On failure the unwritten rest is kept, so that a
 * caller retrying hexdump_finish neither loses nor repeats output.
 */
static int
hexdump_flush(struct hexdump *h)
{
	size_t	 done = 0;
	ssize_t	 n;

	while (done < h->olen) {
		n = write(h->fd, h->obuf + done, h->olen - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* A zero-byte write would otherwise spin forever. */
			if (n == 0)
				errno = EIO;
			memmove(h->obuf, h->obuf + done, h->olen - done);
			h->olen -= done;
			return -1;
		}
		done += (size_t)n;
	}
	h->olen = 0;
	return 0;
}

/*
 * The full lines of a chunk.  State and the output position live in locals
 * so that the stores into obuf (char, which may alias anything) do not
 * force them to be reloaded on every line.
 */
static int
hexdump_lines(struct hexdump *h, const unsigned char *b, size_t nlines,
    uint64_t off)
{
	const unsigned char	*prev = h->prev;
	char			*o = h->obuf + h->olen;
	char			*lim;
	int			 state = h->state;
	int			 rv = 0;

	lim = h->obuf + HEXDUMP_BUFSIZE - HEXDUMP_LINEMAX;
	for (; nlines > 0; nlines--, b += HEXDUMP_LINE, off += HEXDUMP_LINE) {
		if (o > lim) {
			h->olen = (size_t)(o - h->obuf);
			if ((rv = hexdump_flush(h)) == -1)
				break;
			o = h->obuf + h->olen;
		}
		if (state != HEXDUMP_FIRST && hexdump_same(b, prev)) {
			if (state == HEXDUMP_SHOWN) {
				state = HEXDUMP_STAR;
				*o++ = '*';
				*o++ = '\n';
			}
			continue;
		}
		state = HEXDUMP_SHOWN;
		prev = b;
		o = hexdump_full(o, off, b);
	}
	/* The chunk may be gone by the next feed: keep a copy. */
	if (prev != h->prev)
		memcpy(h->prev, prev, HEXDUMP_LINE);
	h->state = state;
	h->olen = (size_t)(o - h->obuf);
	return rv;
}

void
hexdump_init(struct hexdump *h, uint64_t start_offset, int fd)
{
	h->off = start_offset;
	h->fd = fd;
	h->state = HEXDUMP_FIRST;
	h->plen = 0;
	h->olen = 0;
}

int
hexdump_feed(struct hexdump *h, const void *buf, size_t len)
{
	const unsigned char	*b = buf;
	size_t			 n;

	/* Complete the line left over by the previous chunk first. */
	if (h->plen > 0) {
		n = HEXDUMP_LINE - h->plen;
		if (n > len)
			n = len;
		memcpy(h->part + h->plen, b, n);
		h->plen += n;
		h->off += n;
		b += n;
		len -= n;
		if (h->plen < HEXDUMP_LINE)
			return 0;
		h->plen = 0;
		if (hexdump_lines(h, h->part, 1, h->off - HEXDUMP_LINE) == -1)
			return -1;
	}
	n = len / HEXDUMP_LINE;
	if (n > 0) {
		if (hexdump_lines(h, b, n, h->off) == -1)
			return -1;
		h->off += n * HEXDUMP_LINE;
		b += n * HEXDUMP_LINE;
		len -= n * HEXDUMP_LINE;
	}
	memcpy(h->part, b, len);
	h->plen = len;
	h->off += len;
	return 0;
}

int
hexdump_finish(struct hexdump *h)
{
	char	*p;

	/* No byte fed: hexdump -C prints nothing, not even an offset. */
	if (h->state != HEXDUMP_FIRST || h->plen > 0) {
		if (h->olen > HEXDUMP_BUFSIZE - 2 * HEXDUMP_LINEMAX &&
		    hexdump_flush(h) == -1)
			return -1;
		p = h->obuf + h->olen;
		/* Never folded into a '*' run, even when equal to a prefix. */
		if (h->plen > 0)
			p = hexdump_short(p, h->off - h->plen, h->part,
			    h->plen);
		p = hexdump_offset(p, h->off);
		*p++ = '\n';
		h->olen = (size_t)(p - h->obuf);
		h->state = HEXDUMP_FIRST;
		h->plen = 0;
	}
	return hexdump_flush(h);
}
