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
 *
 * --output FILE is all or nothing: the bytes go to a temporary file in
 * FILE's directory, which replaces FILE once complete (atomicfile.c), so
 * that a failure, a full disk or a signal leaves FILE as it was.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/vfs.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "atomicfile.h"
#include "hexdump.h"
#include "parse.h"
#include "posixshm.h"
#include "progress.h"
#include "segmap.h"
#include "select.h"
#include "sha256.h"
#include "shm.h"
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

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC	0x9fa0
#endif

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

/*
 * Where the bytes go: standard output, a file written directly (a
 * terminal, a FIFO, a device, a descriptor such as /dev/stdout), or a
 * regular file replaced through a temporary one.
 */
struct dump_out {
	const char		*path;		/* NULL: standard output */
	int			 fd;
	int			 atomic;	/* through AF */
	struct atomicfile	 af;
	char			*real;		/* AF's: symlinks followed */
	int			 exists;	/* REAL is there: OLD */
	struct stat		 old;
};

/* A dump: what is read, from where, and where it goes. */
struct dump {
	const struct target	*t;
	struct segmap		 m;
	struct dump_out		 o;
	struct progress		 pr;
	uint64_t		 off, len;
};

/* The directory of PATH, allocated: "." when it names none. */
static char *
dir_of(const char *path)
{
	char	*dir = xstrdup(path), *slash;

	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		return xstrdup(".");
	}
	slash[slash == dir ? 1 : 0] = '\0';
	return dir;
}

/*
 * Where the bytes for PATH go: 1 when into *REAL (allocated) through a
 * temporary file, *EXISTS and *ST saying what is there now; 0 when PATH
 * is opened and written directly.  A symbolic link is followed to the
 * file it names, which is replaced while the link stays.  A link procfs
 * makes (/dev/stdout, /dev/fd/N, /proc/PID/fd/N) stands for a
 * descriptor, and anything but a regular file for itself: those are
 * written directly, as is a path that cannot be looked at (open then
 * says why).
 */
static int
out_resolve(const char *path, char **real, int *exists, struct stat *st)
{
	struct statfs	 sf;
	char		*p = xstrdup(path), *dir, link[PATH_MAX];
	ssize_t		 n;
	int		 hops;

	for (hops = 0; hops < 40; hops++) {
		if (lstat(p, st) == -1) {
			if (errno != ENOENT)
				break;
			*exists = 0;
			*real = p;
			return 1;
		}
		if (!S_ISLNK(st->st_mode)) {
			if (!S_ISREG(st->st_mode))
				break;
			*exists = 1;
			*real = p;
			return 1;
		}
		dir = dir_of(p);
		if ((statfs(dir, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC) ||
		    (n = readlink(p, link, sizeof(link) - 1)) == -1) {
			free(dir);
			break;
		}
		link[n] = '\0';
		free(p);
		if (link[0] == '/')
			p = xstrdup(link);
		else
			xasprintf(&p, "%s/%s", dir, link);
		free(dir);
	}
	free(p);
	return 0;
}

/*
 * Before anything is read: refuses FILE when it is the object dumped
 * (written through a temporary file it would be unlinked, directly it
 * would be emptied before it is read), and opens what is written
 * directly, so that a terminal is known for what it is.
 */
static void
out_plan(struct dump_out *o, const char *path, const struct shm_seg *seg)
{
	struct stat	 st;
	dev_t		 dev;
	int		 fl;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = path;
	if (path == NULL) {
		o->fd = STDOUT_FILENO;
		fl = fcntl(o->fd, F_GETFL);
		if (fl == -1 || (fl & O_ACCMODE) == O_RDONLY)
			cmd_errx("standard output is closed (or not open for "
			    "writing)");
		return;
	}
	if (seg->type == SEG_POSIX && stat(path, &st) == 0 &&
	    st.st_ino == (ino_t)seg->px.ino && posixshm_dev(&dev, NULL) == 0 &&
	    st.st_dev == dev)
		cmd_errx("%s: is the object %s itself: refusing to write it "
		    "over what it is read from", path, seg->px.name);
	o->atomic = out_resolve(path, &o->real, &o->exists, &o->old);
	/*
	 * The rename needs only the directory's permission: a file the
	 * caller may not write stays refused, as open(2) refused it.
	 */
	if (o->atomic && o->exists && access(o->real, W_OK) == -1)
		cmd_err("%s", path);
	if (o->atomic)
		return;
	o->fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
	if (o->fd == -1)
		cmd_err("%s", path);
}

/* Once the contents can be read: the temporary file. */
static void
out_open(struct dump_out *o)
{
	char	*slash, *dir;

	if (!o->atomic)
		return;
	dir = dir_of(o->real);
	slash = strrchr(o->real, '/');
	if (atomicfile_open(&o->af, dir, slash == NULL ? o->real :
	    slash + 1) == -1) {
		if (o->af.step == ATOMICFILE_DIR)
			cmd_err("%s", dir);
		cmd_err("%s: cannot make a temporary file in %s", o->path,
		    dir);
	}
	free(dir);
	o->fd = o->af.fd;
}

/* The temporary file goes; FILE stays as it was. */
static void
out_abort(struct dump_out *o)
{
	if (o->atomic && o->fd != -1)
		atomicfile_abort(&o->af);
	o->fd = -1;
}

/* A write error: say where, and leave FILE as it was. */
static noreturn void
out_fail(struct dump_out *o)
{
	int	 e = errno;

	out_abort(o);
	if (o->path == NULL)
		cmd_errx("write error on standard output: %s",
		    file_strerror(e));
	if (o->atomic)
		cmd_errx("%s: %s (%s)", o->path, file_strerror(e), o->exists ?
		    "the file is as it was" : "no file made");
	cmd_errx("%s: %s", o->path, file_strerror(e));
}

/*
 * The temporary file replaces FILE, with its mode, owner and group; a
 * new file gets 0666 less the umask, as open(2) would give it.
 */
static void
out_finish(struct dump_out *o)
{
	mode_t	 mode, um;

	if (o->path == NULL)
		return;
	if (!o->atomic) {
		if (close(o->fd) == -1)
			out_fail(o);
		return;
	}
	um = umask(0);
	umask(um);
	mode = o->exists ? o->old.st_mode & 07777 : 0666 & ~um;
	if (atomicfile_finish(&o->af, mode, o->exists ? o->old.st_uid :
	    (uid_t)-1, o->old.st_gid) == -1) {
		o->fd = -1;
		out_fail(o);
	}
	o->fd = -1;
}

/* Reading failed (errno): the object shrank, or its pages ran out. */
static noreturn void
dump_read_fail(struct dump *d)
{
	int	 e = errno;

	out_abort(&d->o);
	cmd_target_fail(d->t, segmap_cause(&d->m, e));
}

/* The digest of the range, through libcrypto (sha256.c). */
static void
dump_sha256(struct dump *d)
{
	const unsigned char	*p;
	unsigned char	*buf = xmalloc(SHA_CHUNK);
	char		 hex[SHA256_HEX], *cause = NULL;
	struct sha256	*ctx;
	uint64_t	 done, n;

	if ((ctx = sha256_new(&cause)) == NULL)
		cmd_errx("sha256: %s", cause);
	for (done = 0; done < d->len; done += n) {
		n = d->len - done < SHA_CHUNK ? d->len - done : SHA_CHUNK;
		if ((p = segmap_get(&d->m, d->off + done, (size_t)n, buf)) ==
		    NULL)
			dump_read_fail(d);
		if (sha256_update(ctx, p, (size_t)n, &cause) == -1)
			cmd_errx("sha256: %s", cause);
		progress_update(&d->pr, done + n);
	}
	if (sha256_final(ctx, hex, &cause) == -1)
		cmd_errx("sha256: %s", cause);
	sha256_free(ctx);
	free(buf);
	progress_end(&d->pr);
	hex[SHA256_HEX - 1] = '\n';
	if (write_all(d->o.fd, hex, SHA256_HEX) == -1)
		out_fail(&d->o);
}

static void
dump_hex(struct dump *d)
{
	const unsigned char	*p;
	unsigned char	*buf = xmalloc(DUMP_CHUNK);
	struct hexdump	*h = xmalloc(sizeof(*h));
	uint64_t	 done, n;

	hexdump_init(h, d->off, d->o.fd);
	for (done = 0; done < d->len; done += n) {
		n = d->len - done < DUMP_CHUNK ? d->len - done : DUMP_CHUNK;
		if ((p = segmap_get(&d->m, d->off + done, (size_t)n, buf)) ==
		    NULL)
			dump_read_fail(d);
		if (hexdump_feed(h, p, (size_t)n) == -1)
			out_fail(&d->o);
		progress_update(&d->pr, done + n);
	}
	if (hexdump_finish(h) == -1)
		out_fail(&d->o);
	progress_end(&d->pr);
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
 * caller copies the rest); -1 with errno set on a real error, ENODATA
 * when the object ended early.
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
			errno = ENODATA;	/* an object shrank */
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

/*
 * Without the segment's file the bytes go from the mapping to write(2),
 * which says EFAULT for a page that cannot be had, where a load would
 * die of SIGBUS.
 */
static void
dump_raw(struct dump *d)
{
	const unsigned char	*p;
	unsigned char	*buf = NULL;
	enum raw_how	 how = d->m.fd == -1 ? RAW_WRITE : RAW_COPY_RANGE;
	off_t		 pos;
	uint64_t	 done, n, end;

	for (done = 0; done < d->len; done += n) {
		n = d->len - done < DUMP_CHUNK ? d->len - done : DUMP_CHUNK;
		pos = (off_t)(d->off + done);
		end = d->off + done + n;
		if (how != RAW_WRITE &&
		    dump_raw_kernel(&d->m, d->o.fd, &pos, n, &how) == -1) {
			if (errno == ENODATA)
				dump_read_fail(d);
			out_fail(&d->o);
		}
		if ((uint64_t)pos < end) {
			if (buf == NULL && d->m.fd != -1)
				buf = xmalloc(DUMP_CHUNK);
			p = segmap_get(&d->m, (uint64_t)pos, (size_t)(end -
			    (uint64_t)pos), buf);
			if (p == NULL)
				dump_read_fail(d);
			if (write_all(d->o.fd, p, (size_t)(end -
			    (uint64_t)pos)) == -1) {
				if (errno == EFAULT && buf == NULL)
					dump_read_fail(d);
				out_fail(&d->o);
			}
		}
		progress_update(&d->pr, done + n);
	}
	free(buf);
	progress_end(&d->pr);
}

/*
 * The bytes up to the first NUL, read a chunk at a time.  On a terminal
 * (or with --vis) control characters and escape sequences are shown as
 * \e, \x9b... so that a segment cannot drive the terminal; then a
 * newline ends the line.  Escaped as a whole, so that a character cut by
 * a chunk's end is not taken for invalid UTF-8.
 */
static void
dump_string(struct dump *d, int vis)
{
	const unsigned char	*p, *nul = NULL;
	unsigned char		*buf = xmalloc(DUMP_CHUNK);
	struct buf		 raw = { 0 }, b = { 0 };
	uint64_t		 done, n;

	for (done = 0; done < d->len && nul == NULL; done += n) {
		n = d->len - done < DUMP_CHUNK ? d->len - done : DUMP_CHUNK;
		if ((p = segmap_get(&d->m, d->off + done, (size_t)n, buf)) ==
		    NULL)
			dump_read_fail(d);
		if ((nul = memchr(p, '\0', (size_t)n)) != NULL)
			n = (uint64_t)(nul - p);
		if (vis)
			buf_add(&raw, p, (size_t)n);
		else if (write_all(d->o.fd, p, (size_t)n) == -1)
			out_fail(&d->o);
	}
	free(buf);
	if (!vis)
		return;
	esc_term(&b, raw.p != NULL ? raw.p : "", raw.len);
	buf_add(&b, "\n", 1);
	if (write_all(d->o.fd, b.p, b.len) == -1)
		out_fail(&d->o);
	buf_free(&b);
	buf_free(&raw);
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

/* What the command line asks for. */
struct dump_opts {
	enum dump_format	 fmt;
	enum segmap_how		 how;
	const char		*output;	/* -o, or NULL */
	struct cmd_range	 r;
	int			 force, vis, sha;
};

/* The options and operand into O and T; exits on a usage error. */
static void
dump_args(int argc, char **argv, struct dump_opts *o, struct target *t)
{
	int	 ch, attach = 0;

	memset(o, 0, sizeof(*o));
	o->fmt = DUMP_HEX;
	o->how = SEGMAP_AUTO;
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_range_option(&o->r, ch, optarg))
			continue;
		switch (ch) {
		case 'f':
			o->fmt = parse_format(optarg);
			break;
		case 'o':
			if (*optarg == '\0')
				usage_err("invalid output file: empty");
			o->output = optarg;
			break;
		case OPT_FORCE:
			o->force = 1;
			break;
		case OPT_VIS:
			o->vis = 1;
			break;
		case OPT_SHA256:
			o->sha = 1;
			break;
		case OPT_NODISTURB:
			o->how = SEGMAP_NODISTURB;
			break;
		case OPT_ATTACH:
			attach = 1;
			o->how = SEGMAP_ATTACH;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 1);
	opt_target(argv[optind], t);
	if (o->vis && o->fmt != DUMP_STRING)
		usage_err("--vis applies to --format string only");
	if (o->force && o->fmt != DUMP_RAW)
		usage_err("--force applies to --format raw only");

	if (attach && t->type == TARGET_POSIX)
		usage_err("--attach applies to System V segments: a POSIX "
		    "object is opened");
}

/*
 * The length to read (to the end without --length), checked against
 * SEG's size before attaching: a refusal must not disturb either.
 */
static uint64_t
dump_length(const struct dump_opts *o, const struct target *t,
    const struct shm_seg *seg, const char *what)
{
	cmd_range_check(&o->r, t, seg);
	if (!o->r.has_len)
		return seg->size - o->r.off;
	if (o->r.len > seg->size - o->r.off)
		cmd_errx("%s: offset %llu + length %llu is beyond the end of "
		    "the %s (size %llu)", target_str(t),
		    (unsigned long long)o->r.off, (unsigned long long)o->r.len,
		    what, (unsigned long long)seg->size);
	return o->r.len;
}

/* The bytes of D, opened, to its output in the form O asks for. */
static void
dump_contents(struct dump *d, const struct dump_opts *o)
{
	int	 vis = o->vis;

	out_open(&d->o);
	if (o->fmt == DUMP_STRING && !o->sha && isatty(d->o.fd))
		vis = 1;
	/*
	 * Not over the data itself when that goes to the terminal too; a
	 * checksum is written once the progress line is gone.
	 */
	progress_init(&d->pr, "dump", d->len, o->sha || o->output != NULL ||
	    !isatty(STDOUT_FILENO));
	(void)TEST_HOOK("COPY_HOOK", 0);
	if (o->sha)
		dump_sha256(d);
	else if (o->fmt == DUMP_HEX && d->len == 0 && !o->r.has_len &&
	    d->off > 0)
		dump_hex_end(d->off, &d->o);
	else if (o->fmt == DUMP_HEX)
		dump_hex(d);
	else if (o->fmt == DUMP_RAW)
		dump_raw(d);
	else
		dump_string(d, vis);
}

static int
cmd_dump_exec(int argc, char **argv)
{
	struct dump_opts	 o;
	struct target		 t;
	struct shm_seg		 seg;
	struct dump		 d;
	const char		*what;
	char			*cause;

	dump_args(argc, argv, &o, &t);
	if (cmd_select(&t, &seg) == -1)
		return EXIT_FAIL;
	what = seg.type == SEG_POSIX ? "object" : "segment";
	memset(&d, 0, sizeof(d));
	d.t = &t;
	d.off = o.r.off;
	d.len = dump_length(&o, &t, &seg, what);
	out_plan(&d.o, o.output, &seg);
	/* Of the descriptor: --output /dev/tty is a terminal too. */
	if (o.fmt == DUMP_RAW && !o.sha && !o.force && isatty(d.o.fd))
		cmd_errx("refusing to write binary data to a terminal (use "
		    "--output FILE or --force)");

	if (segmap_read(&seg, o.how, &d.m, &cause) == -1)
		cmd_target_fail(&t, cause);
	/* An object may have shrunk meanwhile. */
	if (d.off + d.len > d.m.size)
		cmd_errx("%s: the %s changed size (now %llu)", target_str(&t),
		    what, (unsigned long long)d.m.size);
	dump_contents(&d, &o);
	segmap_done(&d.m);
	out_finish(&d.o);
	free(d.o.real);
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
	    "  -o, --output FILE   write to FILE instead of standard output:\n"
	    "                      replaced whole, or left as it was\n"
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
