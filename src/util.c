/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Small helpers used everywhere: allocation that exits on failure,
 * standard output with a final write check, escaping of untrusted strings,
 * and the formatting of times, ages and sizes.
 */
#include "config.h"

#include <sys/syscall.h>
#include <sys/stat.h>
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>

#include "util.h"

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		err(EXIT_FAILURE, "malloc");
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		err(EXIT_FAILURE, "calloc");
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t sz)
{
	void	*p;

	if ((p = reallocarray(old, n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		err(EXIT_FAILURE, "reallocarray");
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		err(EXIT_FAILURE, "strdup");
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(ret, fmt, ap);
	va_end(ap);
	if (n < 0)
		err(EXIT_FAILURE, "asprintf");
	return n;
}

void
out_init(void)
{
	static char	obuf[1 << 16];

	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
}

int
out_close(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error on standard output");
		return -1;
	}
	return 0;
}

/* Room for MORE bytes past the length, by doubling. */
void
buf_grow(struct buf *b, size_t more)
{
	size_t	 cap;

	if (b->len + more <= b->cap)
		return;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap < b->len + more) {
		if (cap > SIZE_MAX / 2)
			errx(EXIT_FAILURE, "buffer too large");
		cap *= 2;
	}
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		errx(EXIT_FAILURE, "vsnprintf");
	buf_reserve(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when
 * the bytes there are not one; *cpp gets its code point.  Overlong forms
 * and surrogates are invalid.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cpp)
{
	size_t		 len, i;
	uint32_t	 cp;

	if (s[0] < 0x80) {
		*cpp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*cpp = cp;
	return len;
}

size_t
utf8_len(const unsigned char *s, size_t n)
{
	uint32_t	 cp;

	return utf8_decode(s, n, &cp);
}

/*
 * Code points that change how a terminal draws what follows, or draw
 * nothing: C1 controls; the format controls of Unicode (category Cf:
 * the bidi embeddings, overrides and isolates U+202A..U+202E and
 * U+2066..U+2069, the marks U+200E, U+200F and U+061C, the zero-width
 * U+200B..U+200D, U+2060..U+2064 and U+FEFF, tags, ...); and the line
 * and paragraph separators U+2028 and U+2029.  A name with U+202E shown
 * raw reads backwards: "/txt.exe" can look like "/exe.txt".
 */
int
utf8_hidden(uint32_t cp)
{
	static const struct { uint32_t lo, hi; } r[] = {
		{ 0x0080, 0x009f }, { 0x00ad, 0x00ad }, { 0x0600, 0x0605 },
		{ 0x061c, 0x061c }, { 0x06dd, 0x06dd }, { 0x070f, 0x070f },
		{ 0x0890, 0x0891 }, { 0x08e2, 0x08e2 }, { 0x180e, 0x180e },
		{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x2064 },
		{ 0x2066, 0x206f }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
		{ 0x110bd, 0x110bd }, { 0x110cd, 0x110cd },
		{ 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 },
		{ 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 },
		{ 0xe0020, 0xe007f }
	};
	size_t	 i;

	if (cp < 0x80 || (cp > 0x9f && cp < 0xad))
		return 0;
	for (i = 0; i < sizeof(r) / sizeof(r[0]) && cp >= r[i].lo; i++)
		if (cp <= r[i].hi)
			return 1;
	return 0;
}

static const char *
esc_c(unsigned char c)
{
	switch (c) {
	case '\n':	return "\\n";
	case '\t':	return "\\t";
	case '\r':	return "\\r";
	case 0x1b:	return "\\e";
	case '\a':	return "\\a";
	case '\b':	return "\\b";
	case '\\':	return "\\\\";
	}
	return NULL;
}

/* Printable ASCII but the backslash, which escapes start with. */
size_t
esc_plain(const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i;

	for (i = 0; i < n && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\'; i++)
		;
	return i;
}

size_t
esc_term(struct buf *b, const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	const char		*e;
	size_t			 i, len, before, width = 0;
	uint32_t		 cp;

	buf_reserve(b, n + 1);
	for (i = 0; i < n; i += len) {
		/*
		 * Most cells are plain printable ASCII: copy such a run whole.
		 * The room reserved above holds it unless escapes used it.
		 */
		if ((len = esc_plain(str + i, n - i)) > 0) {
			buf_reserve(b, len + 1);
			memcpy(b->p + b->len, s + i, len);
			b->len += len;
			width += len;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len > 1 && !utf8_hidden(cp)) {
			buf_add(b, s + i, len);
			width++;
			continue;
		}
		before = b->len;
		/*
		 * Valid, but it drives the terminal: U+202E as \u202e.  C1
		 * controls keep the form of bytes (\xc2\x9b), as they had.
		 */
		if (len > 1 && cp >= 0xa0)
			buf_addf(b, cp > 0xffff ? "\\U%08x" : "\\u%04x",
			    (unsigned)cp);
		else if (len == 1 && (e = esc_c(s[i])) != NULL)
			buf_addstr(b, e);
		else {
			if (len == 0)
				len = 1;
			for (size_t j = 0; j < len; j++)
				buf_addf(b, "\\x%02x", s[i + j]);
		}
		/* Escapes are ASCII: one column a byte. */
		width += b->len - before;
	}
	buf_reserve(b, 1);
	b->p[b->len] = '\0';
	return width;
}

/* \uXXXX, or a surrogate pair beyond the BMP. */
static void
json_u(struct buf *b, uint32_t cp)
{
	if (cp > 0xffff) {
		cp -= 0x10000;
		buf_addf(b, "\\u%04x\\u%04x", (unsigned)(0xd800 + (cp >> 10)),
		    (unsigned)(0xdc00 + (cp & 0x3ff)));
	} else
		buf_addf(b, "\\u%04x", (unsigned)cp);
}

void
esc_json(struct buf *b, const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, len;
	uint32_t		 cp;

	buf_reserve(b, n + 3);
	b->p[b->len++] = '"';
	for (i = 0; i < n; i += len) {
		/* Runs of printable ASCII but quote and backslash, whole. */
		for (len = 0; i + len < n && s[i + len] >= 0x20 &&
		    s[i + len] < 0x7f && s[i + len] != '"' &&
		    s[i + len] != '\\'; len++)
			;
		if (len > 0) {
			buf_add(b, s + i, len);
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		/*
		 * A byte that is not UTF-8 becomes the lone surrogate
		 * U+DC80..U+DCFF (Python's "surrogateescape"): no valid
		 * UTF-8 string decodes to one, so the name comes back
		 * exactly, and never collides with one that has the text
		 * "\x9b" in it.
		 */
		if (len == 0) {
			buf_addf(b, "\\u%04x", 0xdc00u + s[i]);
			len = 1;
			continue;
		}
		/*
		 * Valid JSON raw, but a terminal showing the JSON obeys C1
		 * controls and bidi overrides: escaped, they decode the same.
		 */
		if (len > 1 && utf8_hidden(cp)) {
			json_u(b, cp);
			continue;
		}
		if (len > 1) {
			buf_add(b, s + i, len);
			continue;
		}
		switch (s[i]) {
		case '"':	buf_add(b, "\\\"", 2); break;
		case '\\':	buf_add(b, "\\\\", 2); break;
		case '\n':	buf_add(b, "\\n", 2); break;
		case '\t':	buf_add(b, "\\t", 2); break;
		case '\r':	buf_add(b, "\\r", 2); break;
		case '\b':	buf_add(b, "\\b", 2); break;
		case '\f':	buf_add(b, "\\f", 2); break;
		default:
			if (s[i] < 0x20 || s[i] == 0x7f)
				buf_addf(b, "\\u%04x", s[i]);
			else {
				buf_reserve(b, 1);
				b->p[b->len++] = (char)s[i];
			}
		}
	}
	buf_add(b, "\"", 1);
}

void
set_cause(char **cause, const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		err(EXIT_FAILURE, "vasprintf");
	va_end(ap);
	errno = saved;
}

char *
u64_dec(char *end, uint64_t v)
{
	/* Two digits a division: listings print a few numbers a cell. */
	static const char	 d2[] =
	    "0001020304050607080910111213141516171819"
	    "2021222324252627282930313233343536373839"
	    "4041424344454647484950515253545556575859"
	    "6061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";

	*--end = '\0';
	while (v >= 100) {
		end -= 2;
		memcpy(end, d2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, d2 + 2 * v, 2);
	} else
		*--end = (char)('0' + v);
	return end;
}

char *
i64_dec(char *end, int64_t v)
{
	char	*p;

	if (v >= 0)
		return u64_dec(end, (uint64_t)v);
	p = u64_dec(end, -(uint64_t)v);
	*--p = '-';
	return p;
}

void
key_hex(char b[11], uint32_t k)
{
	static const char	 hexd[] = "0123456789abcdef";
	int			 i;

	b[0] = '0';
	b[1] = 'x';
	for (i = 0; i < 8; i++)
		b[2 + i] = hexd[k >> (28 - 4 * i) & 0xf];
	b[10] = '\0';
}

int64_t
now_secs(void)
{
	int64_t		 t = (int64_t)time(NULL);
#ifdef ENABLE_TEST_HOOKS
	const char	*age = getenv("SHMTOOL_TEST_AGE");

	if (age != NULL)
		t += strtoll(age, NULL, 10);
#endif
	return t;
}

const char *
file_kind(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return "a regular file";
	case S_IFLNK:	return "a symbolic link";
	case S_IFDIR:	return "a directory";
	case S_IFIFO:	return "a FIFO";
	case S_IFSOCK:	return "a socket";
	case S_IFCHR:	return "a character device";
	case S_IFBLK:	return "a block device";
	}
	return "a file of unknown type";
}

int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		/* Below 2 GiB: Linux writes at most 0x7ffff000 at once. */
		if ((w = write(fd, c, n > (1U << 30) ? (1U << 30) : n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
cap_effective(int cap)
{
	struct __user_cap_header_struct	 h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	 d[_LINUX_CAPABILITY_U32S_3];

	memset(d, 0, sizeof(d));
	if (cap < 0 || cap >= 32 * _LINUX_CAPABILITY_U32S_3 ||
	    syscall(SYS_capget, &h, d) == -1)
		return 0;
	return (d[cap / 32].effective >> (cap % 32)) & 1;
}

const char *
file_strerror(int error)
{
	if (error == EFBIG)
		return "file size limit (ulimit -f) reached";
	return strerror(error);
}

#ifdef ENABLE_TEST_HOOKS
int
test_hook(const char *name, int rc)
{
	const char	*env = getenv(name);
	char		*cmd;

	if (rc != 0 || env == NULL || *env == '\0')
		return rc;
	/* Once: a shmtool run by the hook must not run it again. */
	cmd = xstrdup(env);
	unsetenv(name);
	fflush(stdout);
	if (system(cmd) != 0)
		warnx("%s failed", name);
	free(cmd);
	return rc;
}
#endif

/*
 * The process title (ps, /proc/PID/cmdline), through libbsd's
 * setproctitle(3), which must claim the argument and environment area
 * before anything else reads them.
 */
static char	*args_start, *args_end;

void
title_init(int argc, char **argv, char **envp)
{
	int	 i;
	char	*e;

	/* The kernel's arg_end - 1: the NUL ending the last argument. */
	for (i = 0; i < argc; i++) {
		e = argv[i] + strlen(argv[i]);
		if (e > args_end)
			args_end = e;
	}
	args_start = argc > 0 ? argv[0] : NULL;
	setproctitle_init(argc, argv, envp);
}

void
title_set(const char *fmt, ...)
{
	char	 t[256];
	size_t	 n;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	setproctitle("-%s", t);
	n = strlen(t);
	if (args_start == NULL || strncmp(args_start, t, n) != 0)
		return;
	/*
	 * libbsd marks the end of a title that is not argv[0]'s length for
	 * kernels that stopped reading at argv[0]'s end: a ' ' after a
	 * title of that very length, a '.' where argv[0] ended after a
	 * shorter one.  Linux looks at the last byte of the arguments
	 * instead: NUL, it shows the whole area ("TITLE ." or "TITLE " in
	 * ps and in rm's "held by"); not NUL, the title alone, up to its
	 * NUL.  So end the title with a NUL, and make that last byte not
	 * NUL where it lies past the title.
	 */
	if (args_start[n] == ' ')
		args_start[n] = '\0';
	if (args_end > args_start + n)
		*args_end = '.';
}
