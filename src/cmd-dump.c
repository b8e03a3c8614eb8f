/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool dump: show what is inside a segment or POSIX object - as
 * `hexdump -C` would, raw, as the string a server left there, or as a
 * SHA-256.  It reads a segment through a mapping another process already
 * has when it can (see segmap.c), so that looking does not rewrite lpid
 * and the attach times, and an object with O_NOATIME, keeping its atime.
 * As root the segment's own file is at hand (segmap.c): the kernel then
 * copies the bytes, as cat(1) does, and the hex formatter works on a
 * buffer that stays in the cache.  Otherwise they go out with write(2)
 * straight from the mapping.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "hexdump.h"
#include "parse.h"
#include "segmap.h"
#include "select.h"
#include "shmtool.h"
#include "util.h"

/*
 * Bytes handed over per step: progress granularity, and small enough
 * for the buffer read from the segment's file to stay in the cache
 * between the read and the formatting (8 MiB made hex dumps 3x slower).
 */
#define DUMP_CHUNK	(1U << 20)
/*
 * Bytes hashed per step.  Read into a buffer, they must stay in the L2
 * cache with the page cache's copy until hashed: in 1 MiB steps the
 * kernel's copy took 0.2 s of system time for 256 MiB, in 64 KiB steps
 * 0.05 s, as for `openssl dgst`, which reads 8 KiB at a time.
 */
#define SHA_CHUNK	(64U << 10)

enum dump_format { DUMP_HEX, DUMP_RAW, DUMP_STRING };

enum {
	OPT_FORCE = OPT_CMD,
	OPT_VIS,
	OPT_SHA256,
	OPT_NODISTURB,
	OPT_ATTACH
};

static const struct cmd_option dump_options[] = {
	{ .name = "offset", .val = 's', .arg = CMD_ARG_NUMBER },
	{ .name = "length", .val = 'n', .arg = CMD_ARG_NUMBER },
	{ .name = "format", .val = 'f', .arg = CMD_ARG_WORD,
	    .words = "hex raw string" },
	{ .name = "output", .val = 'o', .arg = CMD_ARG_FILE },
	{ .name = "force", .val = OPT_FORCE },
	{ .name = "vis", .val = OPT_VIS },
	{ .name = "sha256", .val = OPT_SHA256 },
	{ .name = "no-disturb", .val = OPT_NODISTURB },
	{ .name = "attach", .val = OPT_ATTACH },
	CMD_END
};

static const struct cmd_rule dump_rules[] = {
	{ CMD_EXCL, { OPT_NODISTURB, OPT_ATTACH },
	    "--no-disturb and --attach contradict each other" },
	{ CMD_EXCL, { OPT_SHA256, 'f' }, "--sha256 prints a checksum instead "
	    "of the bytes: drop --format" },
	CMD_RULES_END
};

struct dump_out {
	const char	*path;		/* NULL: standard output */
	int		 fd;
	int		 created;	/* we made it: remove it on failure */
};

static void
out_open(struct dump_out *o, const char *path)
{
	o->path = path;
	o->created = 0;
	if (path == NULL) {
		o->fd = STDOUT_FILENO;
		return;
	}
	o->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (o->fd != -1)
		o->created = 1;
	else if (errno == EEXIST)
		o->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (o->fd == -1)
		cmd_err("%s", path);
}

/* A write error: say where, and leave no half-written file we made. */
static noreturn void
out_fail(struct dump_out *o)
{
	int	 e = errno;

	if (o->created)
		unlink(o->path);
	errno = e;
	if (o->path == NULL)
		cmd_err("write error on standard output");
	cmd_err("%s", o->path);
}

static void
out_finish(struct dump_out *o)
{
	if (o->path == NULL)
		return;
	if (close(o->fd) == -1) {
		o->fd = -1;
		out_fail(o);
	}
}

/* SIZE bytes for segmap_get, when it reads through the fd. */
static unsigned char *
dump_buf(const struct segmap *m, size_t size)
{
	return m->fd == -1 ? NULL : xmalloc(size);
}

static noreturn void
dump_read_fail(void)
{
	cmd_err("reading the segment");
}

/*
 * OpenSSL's EVP interface rather than a portable C SHA-256: it picks the
 * CPU's SHA extensions (or AVX2) at run time, 5x faster here than
 * libmd's generic code and as fast as `openssl dgst`.
 */
static void
dump_sha256(const struct segmap *m, uint64_t off, uint64_t len,
    struct dump_out *o, struct progress *pr)
{
	const unsigned char	*p;
	unsigned char	*buf = dump_buf(m, SHA_CHUNK);
	unsigned char	 md[EVP_MAX_MD_SIZE];
	char		 hex[2 * EVP_MAX_MD_SIZE + 1];
	EVP_MD_CTX	*ctx;
	unsigned int	 mdlen, i;
	uint64_t	 done, n;

	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		cmd_errx("sha256: libcrypto cannot start a digest");
	for (done = 0; done < len; done += n) {
		n = len - done < SHA_CHUNK ? len - done : SHA_CHUNK;
		if ((p = segmap_get(m, off + done, (size_t)n, buf)) == NULL)
			dump_read_fail();
		if (EVP_DigestUpdate(ctx, p, (size_t)n) != 1)
			cmd_errx("sha256: libcrypto's digest failed");
		progress_update(pr, done + n);
	}
	if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		cmd_errx("sha256: libcrypto's digest failed");
	EVP_MD_CTX_free(ctx);
	free(buf);
	progress_end(pr);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[2 * mdlen] = '\n';
	if (write_all(o->fd, hex, 2 * mdlen + 1) == -1)
		out_fail(o);
}

static void
dump_hex(const struct segmap *m, uint64_t off, uint64_t len,
    struct dump_out *o, struct progress *pr)
{
	const unsigned char	*p;
	unsigned char	*buf = dump_buf(m, DUMP_CHUNK);
	struct hexdump	*h = xmalloc(sizeof(*h));
	uint64_t	 done, n;

	hexdump_init(h, off, o->fd);
	for (done = 0; done < len; done += n) {
		n = len - done < DUMP_CHUNK ? len - done : DUMP_CHUNK;
		if ((p = segmap_get(m, off + done, (size_t)n, buf)) == NULL)
			dump_read_fail();
		if (hexdump_feed(h, p, (size_t)n) == -1)
			out_fail(o);
		progress_update(pr, done + n);
	}
	if (hexdump_finish(h) == -1)
		out_fail(o);
	progress_end(pr);
	free(h);
	free(buf);
}

/*
 * `hexdump -C -s SIZE` of a SIZE-byte file prints the end offset alone
 * (while -n 0 prints nothing, as hexdump_finish does with no bytes).
 */
static void
dump_hex_end(uint64_t off, struct dump_out *o)
{
	char	 line[32];
	int	 n;

	n = snprintf(line, sizeof(line), "%08llx\n", (unsigned long long)off);
	if (write_all(o->fd, line, (size_t)n) == -1)
		out_fail(o);
}

/* How raw bytes go out, best first; each failure moves one step down. */
enum raw_how { RAW_COPY_RANGE, RAW_SENDFILE, RAW_WRITE };

/*
 * Copies [*pos, *pos + n) of the segment's file to the output in the
 * kernel: copy_file_range(2) as cat does (a file on the same file
 * system), else sendfile(2) (other files, pipes, /dev/null).  Returns 0
 * with *pos advanced, also when HOW dropped to RAW_WRITE part way (the
 * caller copies the rest); -1 with errno set on a real error.
 */
static int
dump_raw_kernel(const struct segmap *m, int out, off_t *pos, uint64_t n,
    enum raw_how *how)
{
	uint64_t	 end = (uint64_t)*pos + n;
	ssize_t		 r;

	while ((uint64_t)*pos < end && *how != RAW_WRITE) {
		if (*how == RAW_COPY_RANGE)
			r = copy_file_range(m->fd, pos, out, NULL,
			    (size_t)(end - (uint64_t)*pos), 0);
		else
			r = sendfile(out, m->fd, pos,
			    (size_t)(end - (uint64_t)*pos));
		if (r > 0)
			continue;
		if (r == -1 && errno == EINTR)
			continue;
		if (r == 0) {
			errno = EIO;	/* a segment cannot shrink */
			return -1;
		}
		/*
		 * Not supported between these two files (other file
		 * systems, a terminal, O_APPEND): nothing was written.
		 */
		if (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
		    errno == EOPNOTSUPP ||
		    (errno == EBADF && *how == RAW_COPY_RANGE))
			(*how)++;
		else
			return -1;
	}
	return 0;
}

static void
dump_raw(const struct segmap *m, uint64_t off, uint64_t len,
    struct dump_out *o, struct progress *pr)
{
	const unsigned char	*p;
	unsigned char	*buf = NULL;
	enum raw_how	 how = m->fd == -1 ? RAW_WRITE : RAW_COPY_RANGE;
	off_t		 pos;
	uint64_t	 done, n;

	for (done = 0; done < len; done += n) {
		n = len - done < DUMP_CHUNK ? len - done : DUMP_CHUNK;
		pos = (off_t)(off + done);
		if (how != RAW_WRITE &&
		    dump_raw_kernel(m, o->fd, &pos, n, &how) == -1)
			out_fail(o);
		if ((uint64_t)pos < off + done + n) {
			if (buf == NULL && m->fd != -1)
				buf = xmalloc(DUMP_CHUNK);
			p = segmap_get(m, (uint64_t)pos, (size_t)(off + done +
			    n - (uint64_t)pos), buf);
			if (p == NULL)
				dump_read_fail();
			if (write_all(o->fd, p, (size_t)(off + done + n -
			    (uint64_t)pos)) == -1)
				out_fail(o);
		}
		progress_update(pr, done + n);
	}
	free(buf);
	progress_end(pr);
}

/*
 * The bytes up to the first NUL.  On a terminal (or with --vis) control
 * characters and escape sequences are shown as \e, \x9b... so that a
 * segment cannot drive the terminal; then a newline ends the line.
 */
static void
dump_string(const unsigned char *p, uint64_t len, int vis,
    struct dump_out *o)
{
	const unsigned char	*nul;
	struct buf		 b = { 0 };

	if ((nul = memchr(p, '\0', (size_t)len)) != NULL)
		len = (uint64_t)(nul - p);
	if (!vis) {
		if (write_all(o->fd, p, (size_t)len) == -1)
			out_fail(o);
		return;
	}
	esc_term(&b, (const char *)p, (size_t)len);
	buf_add(&b, "\n", 1);
	if (write_all(o->fd, b.p, b.len) == -1)
		out_fail(o);
	buf_free(&b);
}

static enum dump_format
parse_format(const char *arg)
{
	if (strcmp(arg, "hex") == 0)
		return DUMP_HEX;
	if (strcmp(arg, "raw") == 0)
		return DUMP_RAW;
	if (strcmp(arg, "string") == 0)
		return DUMP_STRING;
	usage_err("invalid format '%s': use hex, raw or string", arg);
}

static int
cmd_dump_exec(int argc, char **argv)
{
	struct target		 t;
	struct shm_seg		 seg;
	struct segmap		 m;
	struct dump_out		 o;
	struct progress		 pr;
	enum dump_format	 fmt = DUMP_HEX;
	enum segmap_how		 how = SEGMAP_AUTO;
	const char		*output = NULL, *what;
	char			*cause;
	uint64_t		 off = 0, len = 0;
	int			 ch, has_len = 0, force = 0;
	int			 vis = 0, sha = 0, attach = 0;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 's':
			off = opt_offset("offset", optarg);
			break;
		case 'n':
			len = opt_offset("length", optarg);
			has_len = 1;
			break;
		case 'f':
			fmt = parse_format(optarg);
			break;
		case 'o':
			if (*optarg == '\0')
				usage_err("invalid output file: empty");
			output = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_VIS:
			vis = 1;
			break;
		case OPT_SHA256:
			sha = 1;
			break;
		case OPT_NODISTURB:
			how = SEGMAP_NODISTURB;
			break;
		case OPT_ATTACH:
			attach = 1;
			how = SEGMAP_ATTACH;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 1);
	opt_target(argv[optind], &t);
	if (vis && fmt != DUMP_STRING)
		usage_err("--vis applies to --format string only");
	if (force && fmt != DUMP_RAW)
		usage_err("--force applies to --format raw only");

	if (attach && t.type == TARGET_POSIX)
		usage_err("--attach applies to System V segments: a POSIX "
		    "object is opened");

	if (select_target(&t, &seg, &cause) == -1) {
		cmd_target_warn(&t, cause);
		free(cause);
		return EXIT_FAIL;
	}
	what = seg.type == SEG_POSIX ? "object" : "segment";
	/* Checked before attaching: a refusal must not disturb either. */
	if (off > seg.size)
		cmd_errx("%s: offset %llu is beyond the end of the %s (size "
		    "%llu)", target_str(&t), (unsigned long long)off, what,
		    (unsigned long long)seg.size);
	if (!has_len)
		len = seg.size - off;
	else if (len > seg.size - off)
		cmd_errx("%s: offset %llu + length %llu is beyond the end of "
		    "the %s (size %llu)", target_str(&t),
		    (unsigned long long)off, (unsigned long long)len, what,
		    (unsigned long long)seg.size);
	if (fmt == DUMP_RAW && !sha && !force && output == NULL &&
	    isatty(STDOUT_FILENO))
		cmd_errx("refusing to write binary data to a terminal (use "
		    "--output FILE or --force)");

	if (segmap_read(&seg, how, &m, &cause) == -1)
		cmd_target_fail(&t, cause);
	/* The id may have been reused for a smaller segment meanwhile. */
	if (off + len > m.size)
		cmd_errx("%s: the %s changed size (now %llu)", target_str(&t),
		    what, (unsigned long long)m.size);

	out_open(&o, output);
	if (fmt == DUMP_STRING && !sha && isatty(o.fd))
		vis = 1;
	/*
	 * Not over the data itself when that goes to the terminal too; a
	 * checksum is written once the progress line is gone.
	 */
	progress_init(&pr, "dump", len, sha || output != NULL ||
	    !isatty(STDOUT_FILENO));
	if (sha)
		dump_sha256(&m, off, len, &o, &pr);
	else if (fmt == DUMP_HEX && len == 0 && !has_len && off > 0)
		dump_hex_end(off, &o);
	else if (fmt == DUMP_HEX)
		dump_hex(&m, off, len, &o, &pr);
	else if (fmt == DUMP_RAW)
		dump_raw(&m, off, len, &o, &pr);
	else
		dump_string(m.addr + off, len, vis, &o);
	segmap_done(&m);
	out_finish(&o);
	return EXIT_OK;
}

const struct cmd_entry cmd_dump_entry = {
	.name = "dump",
	.summary = "Show what is inside a segment or POSIX object",
	/* Continuation lines line up after "Usage: shmtool dump ". */
	.synopsis = "dump TARGET [--offset N] [--length N]\n"
	    "                    [--format hex|raw|string] [--output FILE]",
	.help =
	    "  -s, --offset N      start at byte N of the segment\n"
	    "  -n, --length N      show N bytes (default: to the end)\n"
	    "  -f, --format FMT    hex (as hexdump -C, the default), raw, or\n"
	    "                      string (up to the first NUL)\n"
	    "  -o, --output FILE   write to FILE instead of standard output\n"
	    "      --force         raw binary even to a terminal\n"
	    "      --vis           string: show control characters as escapes\n"
	    "                      (the default on a terminal)\n"
	    "      --sha256        print the SHA-256 of the range instead\n"
	    "      --no-disturb    read through another process's mapping, so\n"
	    "                      lpid and times stay (POSIX: with O_NOATIME,\n"
	    "                      so atime stays); fail if impossible\n"
	    "      --attach        always attach (shmat), even when a mapping\n"
	    "                      could be borrowed (segments only)\n",
	.exec = cmd_dump_exec,
	.options = dump_options,
	.rules = dump_rules,
	.operands = { CMD_ARG_TARGET },
};
