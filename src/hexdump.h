/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * A streaming formatter whose output is byte-for-byte that of `hexdump -C`
 * (util-linux), '*' lines and final offset line included, so that
 * `shmtool dump` can be diffed against hexdump of the same bytes.  The
 * caller feeds the data in chunks of any size; output goes to a file
 * descriptor through write(2) in large blocks, with no allocation.
 */
#ifndef HEXDUMP_H
#define HEXDUMP_H

#include <stddef.h>
#include <stdint.h>

#define HEXDUMP_LINE	16		/* bytes shown per line */
#define HEXDUMP_BUFSIZE	(128 * 1024)	/* output buffer, flushed when full */

struct hexdump {
	uint64_t	 off;		/* absolute offset of the next byte */
	int		 fd;		/* output, written with write(2) */
	int		 state;		/* before, after or in a '*' run */
	size_t		 plen;		/* bytes pending in part[] */
	size_t		 olen;		/* bytes pending in obuf[] */
	unsigned char	 prev[HEXDUMP_LINE];	/* last full line */
	unsigned char	 part[HEXDUMP_LINE];	/* line cut by a chunk end */
	char		 obuf[HEXDUMP_BUFSIZE];
};

/*
 * Start a dump whose first byte is at start_offset (the offsets printed are
 * absolute, as with `hexdump -C -s start_offset`).  The struct is large
 * (HEXDUMP_BUFSIZE); after hexdump_finish it must be initialised again
 * before reuse.
 */
void	hexdump_init(struct hexdump *, uint64_t start_offset, int fd);
/* 0, or -1 with errno set when writing failed. */
int	hexdump_feed(struct hexdump *, const void *buf, size_t len);
/*
 * Prints the short last line and the end offset line (nothing at all when
 * no byte was fed, as hexdump -C does for empty input), then flushes.
 * 0, or -1 with errno set.
 */
int	hexdump_finish(struct hexdump *);

#endif
