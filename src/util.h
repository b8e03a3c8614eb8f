/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Helpers that cannot fail (they exit), standard output handling, and the
 * escaping of untrusted strings for terminals and JSON.
 */
#ifndef UTIL_H
#define UTIL_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Standard output: a large buffer, and a final check for write errors. */
void	 out_init(void);
int	 out_close(void);

/*
 * Strings from segments, /proc and the user database are untrusted: a
 * process name can hold an escape sequence, a file name a bidi override.
 * esc_term() makes control characters, C1 controls, invalid UTF-8 and
 * the code points of utf8_hidden() visible (\e, \n, \x9b, \u202e, ...);
 * esc_json() writes a quoted JSON string that decodes to the exact bytes:
 * a byte that is not UTF-8 is the lone surrogate \udc80..\udcff (what
 * Python's "surrogateescape" makes of it, and turns back into the byte),
 * control characters and utf8_hidden() ones are \u escapes, so that the
 * output stays valid UTF-8 and safe on a terminal.
 * Both append to a growing buffer.
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};
void	 buf_grow(struct buf *, size_t);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_free(struct buf *);

/*
 * Inline: the listing adds a few bytes at a time, about thirty times a
 * row, and a call each time was a sixth of stat --json's instructions.
 */
static inline void
buf_reserve(struct buf *b, size_t more)
{
	if (more > b->cap - b->len)
		buf_grow(b, more);
}

static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n + 1);
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
size_t	 esc_term(struct buf *, const char *, size_t);
/* The length of the UTF-8 character at S (at most N bytes), 0 if invalid. */
size_t	 utf8_len(const unsigned char *, size_t);
/* 1 for a code point a terminal must not get raw: C1, Cf, U+2028/9. */
int	 utf8_hidden(uint32_t);
/* The length of the leading bytes that esc_term() copies unchanged. */
size_t	 esc_plain(const char *, size_t);
void	 esc_json(struct buf *, const char *, size_t);

/*
 * The causes of the data layer: unless CAUSE is NULL, *cause becomes
 * the allocated message (the caller frees it).  errno is kept.
 */
void	 title_init(int, char **, char **);
void	 title_set(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	 set_cause(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Decimal without printf (a listing prints hundreds of thousands),
 * written backwards from end, NUL included: returns the start.
 */
char	*u64_dec(char *end, uint64_t);
/* The same for a signed number: a '-' before the digits if negative. */
char	*i64_dec(char *end, int64_t);

/* A key as the kernel and ipcs show it, "0x%08x", without printf. */
void	 key_hex(char [11], uint32_t);

/*
 * The time ages and --older-than are measured from: now.  With test
 * hooks, $SHMTOOL_TEST_AGE seconds later, so that everything looks that
 * much older: no test can make an inode's ctime old.
 */
int64_t	 now_secs(void);

/* The kind of file MODE says, for messages: "a FIFO", "a directory"... */
const char	*file_kind(mode_t);
/*
 * strerror(3), but in words that say what to do where its own mislead:
 * EFBIG is "File too large" also when `ulimit -f` is what was reached.
 */
const char *file_strerror(int);

/* write(2) all of it, across short writes and EINTR: 0, or -1. */
int	 write_all(int, const void *, size_t);
/* 1 when CAP is in our effective set (capget), 0 when not or unknown. */
int	 cap_effective(int);

/*
 * Test hooks, compiled in only with ./configure --enable-test-hooks (no
 * SHMTOOL_TEST_ string is in a default build).  TEST_HOOK(NAME, RC):
 * when RC is 0 and $SHMTOOL_TEST_NAME holds a command, runs it, once
 * (the variable is then unset), stdout flushed first; returns RC.  A
 * test can so change the segment table at an exact point - between
 * choosing a segment and acting on it - instead of racing a loop against
 * the window.  TEST_FLAG(NAME): whether $SHMTOOL_TEST_NAME is set.
 */
#ifdef ENABLE_TEST_HOOKS
int	 test_hook(const char *, int);
#define TEST_HOOK(name, rc)	test_hook("SHMTOOL_TEST_" name, (rc))
#define TEST_FLAG(name)		(getenv("SHMTOOL_TEST_" name) != NULL)
#else
#define TEST_HOOK(name, rc)	(rc)
#define TEST_FLAG(name)		0
#endif

#endif
