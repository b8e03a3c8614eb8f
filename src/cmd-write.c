/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool write: put bytes into a segment or POSIX object - an argument,
 * a file, standard input, or a fill pattern - at an offset.  Everything
 * that can fail is settled before the first byte lands: the bounds, the
 * permission, the whole input (staged in a memfd, read to its end - a
 * file's size may lie, /proc's always does - but at most the room left
 * plus one byte), the identity of the segment (segmap.c) and the pages
 * the bytes go into (segmap_reserve: a full tmpfs is an error, not
 * SIGBUS), so a bad write leaves the segment as it was.  The copy itself
 * holds SIGTERM, SIGINT and SIGHUP back until it is done: a segment has
 * its old contents or all of the new, never a mixture.  An object is
 * never grown: its size is the bound, as a segment's is.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "progress.h"
#include "segmap.h"
#include "select.h"
#include "shm.h"
#include "shmtool.h"
#include "util.h"

/* Bytes read per step from a regular file: progress granularity. */
#define WRITE_CHUNK	(8U << 20)

enum {
	OPT_FILE = OPT_CMD,
	OPT_NUL,
	OPT_ZERO,
	OPT_FILL,
	OPT_TRUNCATE
};

static const struct cmd_option write_options[] = {
	{ .name = "offset", .val = 's', .arg = CMD_ARG_NUMBER },
	{ .name = "length", .val = 'n', .arg = CMD_ARG_NUMBER },
	{ .name = "file", .val = OPT_FILE, .arg = CMD_ARG_FILE },
	{ .name = "nul", .val = OPT_NUL },
	{ .name = "zero", .val = OPT_ZERO },
	{ .name = "fill", .val = OPT_FILL, .arg = CMD_ARG_NUMBER },
	{ .name = "truncate", .val = OPT_TRUNCATE },
	CMD_END
};

static const struct cmd_rule write_rules[] = {
	{ CMD_EXCL, { OPT_ZERO, OPT_FILL },
	    "--zero and --fill contradict each other" },
	{ CMD_EXCLUDES, { OPT_NUL, OPT_ZERO, OPT_FILL },
	    "--nul does not apply to %2" },
	{ CMD_NEEDS, { 'n', OPT_ZERO, OPT_FILL },
	    "--length applies to --zero and --fill only" },
	CMD_RULES_END
};

/* 0..255, in decimal or 0x hex. */
static unsigned char
opt_byte(const char *arg)
{
	unsigned long	 v = 0;
	const char	*s = arg;
	int		 base = 10, digits = 0, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s != '\0'; s++, digits++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			usage_err("invalid fill byte '%s': not a number "
			    "(use 0-255 or 0x00-0xff)", arg);
		v = v * (unsigned long)base + (unsigned long)d;
		if (v > 255)
			usage_err("invalid fill byte '%s': above 255", arg);
	}
	if (digits == 0)
		usage_err("invalid fill byte '%s': empty", arg);
	return (unsigned char)v;
}

/* How the input is staged, best first; each failure moves one step down. */
enum stage_how { STAGE_SPLICE, STAGE_COPY_RANGE, STAGE_SENDFILE, STAGE_READ };

/*
 * Up to WANT bytes from FD to the end of memfd MFD, the kernel copying
 * where it can: splice(2) from a pipe, copy_file_range(2) or sendfile(2)
 * from a file, else read(2) (a terminal, procfs).  The count, 0 at the
 * end of the input, or -1 with errno.
 */
static ssize_t
stage_chunk(int fd, int mfd, size_t want, enum stage_how *how)
{
	static char	 buf[65536];
	ssize_t		 r;

	for (;;) {
		switch (*how) {
		case STAGE_SPLICE:
			r = splice(fd, NULL, mfd, NULL, want, 0);
			break;
		case STAGE_COPY_RANGE:
			r = copy_file_range(fd, NULL, mfd, NULL, want, 0);
			break;
		case STAGE_SENDFILE:
			r = sendfile(mfd, fd, NULL, want);
			break;
		default:
			r = read(fd, buf, want > sizeof(buf) ? sizeof(buf) :
			    want);
			if (r > 0 && write_all(mfd, buf, (size_t)r) == -1)
				return -1;
			return r;
		}
		/* Not between these two files: nothing was copied. */
		if (r != -1 || (errno != EINVAL && errno != EXDEV &&
		    errno != ENOSYS && errno != EOPNOTSUPP))
			return r;
		(*how)++;
	}
}

/*
 * Stages all of FD, but at most MAX bytes, in a memfd, rewound: the
 * length, or exits on an error.  Nothing has touched the segment yet.
 * The memfd then goes in as a file would, copied by the kernel:
 * staging 1 GiB into malloc'd memory and copying it into the mapping
 * faulted every page twice (0.04x cat).
 */
static uint64_t
stage(int fd, const char *name, uint64_t max, int *out)
{
	enum stage_how	 how = STAGE_SPLICE;
	uint64_t	 len = 0;
	ssize_t		 r;
	int		 mfd;

	if ((mfd = memfd_create("shmtool-write", MFD_CLOEXEC)) == -1)
		cmd_errx("%s: staging: %s; nothing written", name,
		    file_strerror(errno));
	while (len < max) {
		r = stage_chunk(fd, mfd, max - len > (1U << 30) ? (1U << 30) :
		    (size_t)(max - len), &how);
		if (r == -1 && errno == EINTR)
			continue;
		/* The memfd's side: the input read well enough. */
		if (r == -1 && (errno == EFBIG || errno == ENOSPC ||
		    errno == ENOMEM))
			cmd_errx("%s: cannot stage it in memory: %s; nothing "
			    "written", name, file_strerror(errno));
		if (r == -1)
			cmd_errx("%s: nothing written: %s", name,
			    file_strerror(errno));
		if (r == 0)
			break;
		len += (uint64_t)r;
	}
	if (lseek(mfd, 0, SEEK_SET) == -1)
		cmd_errx("%s: staging: %s; nothing written", name,
		    file_strerror(errno));
	*out = mfd;
	return len;
}

/* How the staged bytes go in, best first; each failure moves one step down. */
enum write_how { WRITE_COPY_RANGE, WRITE_SENDFILE, WRITE_READ };

/*
 * Up to N bytes from IN to segment offset AT: the kernel copies from the
 * memfd into the segment's file (copy_file_range(2), else sendfile(2))
 * when there is one, else read(2) into the mapping, which says EFAULT
 * where a store would die of SIGBUS.  The count, 0 at end of file, or -1
 * with errno set.
 */
static ssize_t
write_chunk(const struct segmap *m, int in, uint64_t at, size_t n,
    enum write_how *how)
{
	off_t	 pos = (off_t)at;
	ssize_t	 r;

	for (;;) {
		if (*how == WRITE_COPY_RANGE)
			r = copy_file_range(in, NULL, m->fd, &pos, n, 0);
		else if (*how == WRITE_SENDFILE)
			r = lseek(m->fd, pos, SEEK_SET) == -1 ? -1 :
			    sendfile(m->fd, in, NULL, n);
		else {
			segmap_prefault(m, at, n, 1);
			return read(in, m->addr + at, n);
		}
		/* Not between these two files: nothing was copied. */
		if (r != -1 || (errno != EXDEV && errno != EINVAL &&
		    errno != ENOSYS && errno != EOPNOTSUPP))
			return r;
		(*how)++;
	}
}

/*
 * The staged bytes into the segment: 0, or -1 with errno and *DONE the
 * count that went in.  An object goes through its mapping, never its
 * fd: a write(2) beyond the end of an object another process truncated
 * meanwhile would grow it again.
 */
static int
write_staged(const struct segmap *m, int in, uint64_t off, uint64_t len,
    uint64_t *done)
{
	struct progress	 pr;
	enum write_how	 how;
	ssize_t		 r;

	how = m->fd == -1 || m->object ? WRITE_READ : WRITE_COPY_RANGE;
	progress_init(&pr, "write", len, 1);
	for (*done = 0; *done < len; *done += (uint64_t)r) {
		r = write_chunk(m, in, off + *done, len - *done >
		    WRITE_CHUNK ? WRITE_CHUNK : (size_t)(len - *done), &how);
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r <= 0) {
			progress_end(&pr);
			/* The memfd holds LEN bytes: it cannot end early. */
			if (r == 0)
				errno = EIO;
			return -1;
		}
		progress_update(&pr, *done + (uint64_t)r);
	}
	progress_end(&pr);
	return 0;
}

/*
 * SIGTERM, SIGINT and SIGHUP wait while bytes are copied (HOLD), and
 * take effect after (!HOLD): the segment then holds all of the new.
 */
static void
hold_signals(int hold, sigset_t *old)
{
	sigset_t	 set;

	if (!hold) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * FILE (NULL: standard input) staged whole, but at most FITS + 1 bytes:
 * one byte beyond the room tells "does not fit".  The count, with the
 * memfd in *SFD and *MORE set when the input went on beyond that byte
 * for all it is known.
 */
static uint64_t
write_input(const char *file, uint64_t fits, int *sfd, int *more)
{
	struct stat	 st;
	const char	*name = file != NULL ? file : "standard input";
	uint64_t	 n;
	off_t		 pos;
	int		 fd = STDIN_FILENO;

	if (file != NULL && (fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		cmd_err("%s", name);
	n = stage(fd, name, fits == UINT64_MAX ? fits : fits + 1, sfd);
	*more = n > fits;
	/*
	 * How much more a file holds, from its size, if that says so: for
	 * the message only, the bytes come from staging.
	 */
	if (*more && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (pos = lseek(fd, 0, SEEK_CUR)) != -1 && st.st_size - pos >= 0) {
		n += (uint64_t)(st.st_size - pos);
		*more = 0;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return n;
}

/*
 * The copy failed part way (another process truncated the object): of
 * LEN bytes at OFF, DONE went in (UINT64_MAX: not known).
 */
static noreturn void
write_fail(const struct target *t, const struct segmap *m, uint64_t off,
    uint64_t len, uint64_t done)
{
	char	*cause = segmap_cause(m, errno);

	if (done == UINT64_MAX)
		cmd_errx("%s: %s: the %llu bytes at offset %llu are written "
		    "in part", target_str(t), cause, (unsigned long long)len,
		    (unsigned long long)off);
	cmd_errx("%s: %s: %llu of %llu bytes written at offset %llu",
	    target_str(t), cause, (unsigned long long)done,
	    (unsigned long long)len, (unsigned long long)off);
}

/* What the command line asks for. */
struct write_opts {
	const char	*file;		/* --file; NULL: standard input */
	const char	*data;		/* DATA, or NULL */
	struct cmd_range r;
	unsigned char	 fillbyte;
	int		 nul, zero, fill, truncate;
};

/* The options and operands into O and T; exits on a usage error. */
static void
write_args(int argc, char **argv, struct write_opts *o, struct target *t)
{
	int	 ch;

	memset(o, 0, sizeof(*o));
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		if (cmd_range_option(&o->r, ch, optarg))
			continue;
		switch (ch) {
		case OPT_FILE:
			if (*optarg == '\0')
				usage_err("invalid file: empty");
			o->file = optarg;
			break;
		case OPT_NUL:
			o->nul = 1;
			break;
		case OPT_ZERO:
			o->zero = 1;
			break;
		case OPT_FILL:
			o->fillbyte = opt_byte(optarg);
			o->fill = 1;
			break;
		case OPT_TRUNCATE:
			o->truncate = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 2);
	opt_target(argv[optind], t);
	if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0)
		o->data = argv[optind + 1];
	if ((o->zero || o->fill) && (argc - optind == 2 || o->file != NULL))
		usage_err("%s fills a range: no DATA, --file or '-'",
		    o->zero ? "--zero" : "--fill");
	if (o->file != NULL && argc - optind == 2)
		usage_err("give DATA, '-' or --file, not more than one");
	if (o->file != NULL && strcmp(o->file, "-") == 0)
		o->file = NULL;
}

/*
 * How many bytes, and where from, with ROOM bytes from the offset to the
 * end: the count that goes in besides the NUL, *N the count asked for
 * (*MORE: at least that), the staged input in *FD.  Exits when they do
 * not fit and --truncate was not given; with no room, no NUL.
 */
static uint64_t
write_plan(struct write_opts *o, const struct target *t, uint64_t room,
    uint64_t *n, int *fd, int *more)
{
	uint64_t	 need;

	if (o->zero || o->fill)
		*n = o->r.has_len ? o->r.len : room;
	else if (o->data != NULL)
		*n = strlen(o->data);
	else
		*n = write_input(o->file, room >= (uint64_t)o->nul ?
		    room - (uint64_t)o->nul : 0, fd, more);
	need = *n + (uint64_t)o->nul;
	if (need > room && !o->truncate) {
		cmd_errx("%s: needs %s%llu bytes, %llu available at offset "
		    "%llu", target_str(t), *more ? "at least " : "",
		    (unsigned long long)need, (unsigned long long)room,
		    (unsigned long long)o->r.off);
	}
	if (o->nul && room == 0)
		o->nul = 0;
	/* What goes in besides the NUL, which stays when truncating. */
	return need > room ? room - (o->nul ? 1 : 0) : *n;
}

/*
 * PUT bytes (and the NUL) into M at the offset, with the signals held
 * back; exits naming what went in when the copy fails part way.
 */
static void
write_copy(const struct write_opts *o, const struct target *t,
    struct segmap *m, int fd, uint64_t put)
{
	sigset_t	 old;
	uint64_t	 done = 0;
	int		 rc;

	hold_signals(1, &old);
	(void)TEST_HOOK("COPY_HOOK", 0);
	if (o->zero || o->fill)
		rc = segmap_fill(m, o->r.off, o->fill ? o->fillbyte : 0,
		    (size_t)put);
	else if (o->data != NULL)
		rc = segmap_put(m, o->r.off, o->data, (size_t)put);
	else
		rc = write_staged(m, fd, o->r.off, put, &done);
	if (rc == 0 && o->nul)
		rc = segmap_put(m, o->r.off + put, "", 1);
	if (rc == -1)
		write_fail(t, m, o->r.off, put + (uint64_t)o->nul, fd == -1 ?
		    UINT64_MAX : done);
	segmap_written(m);
	segmap_done(m);
	if (fd != -1)
		close(fd);
	hold_signals(0, &old);
}

static int
cmd_write_exec(int argc, char **argv)
{
	struct write_opts	 o;
	struct target		 t;
	struct shm_seg		 seg;
	struct segmap		 m;
	const char		*what;
	char			*cause;
	uint64_t		 room, n = 0, put;
	int			 fd = -1, more = 0, fl;

	write_args(argc, argv, &o, &t);
	/* Before anything is opened: a closed one is no empty input. */
	if (!o.zero && !o.fill && o.data == NULL && o.file == NULL &&
	    ((fl = fcntl(STDIN_FILENO, F_GETFL)) == -1 ||
	    (fl & O_ACCMODE) == O_WRONLY))
		cmd_errx("standard input is closed (or not open for reading): "
		    "nothing written");

	if (cmd_select(&t, &seg) == -1)
		return EXIT_FAIL;
	what = seg.type == SEG_POSIX ? "object" : "segment";
	cmd_range_check(&o.r, &t, &seg);
	room = seg.size - o.r.off;
	put = write_plan(&o, &t, room, &n, &fd, &more);

	if (segmap_write(&seg, &m, &cause) == -1)
		cmd_target_fail(&t, cause);
	if (o.r.off + put + (uint64_t)o.nul > m.size)
		cmd_errx("%s: the %s changed size (now %llu)", target_str(&t),
		    what, (unsigned long long)m.size);
	if (segmap_reserve(&m, o.r.off, put + (uint64_t)o.nul, &cause) == -1)
		cmd_errx("%s: %s; nothing written", target_str(&t), cause);
	write_copy(&o, &t, &m, fd, put);
	if (put < n)
		cmd_warnx("%s: wrote %llu of %s%llu bytes at offset %llu, "
		    "dropped %s%llu", target_str(&t), (unsigned long long)put,
		    more ? "at least " : "", (unsigned long long)n,
		    (unsigned long long)o.r.off, more ? "at least " : "",
		    (unsigned long long)(n - put));
	return EXIT_OK;
}

const struct cmd_entry cmd_write_entry = {
	.name = "write",
	.summary = "Write data, a file or standard input into a segment or object",
	.synopsis = "write TARGET [--offset N] [DATA | --file FILE | -]",
	.help =
	    "  -s, --offset N      write at byte N of the segment\n"
	    "      --file FILE     write the contents of FILE\n"
	    "      --nul           append a NUL byte, so C readers see a string\n"
	    "      --zero          fill with zero bytes\n"
	    "      --fill BYTE     fill with BYTE (0-255 or 0x00-0xff)\n"
	    "  -n, --length N      with --zero or --fill: N bytes (default: to\n"
	    "                      the end)\n"
	    "      --truncate      write what fits, report what was dropped\n"
	    "                      (instead of failing and writing nothing)\n"
	    "With no DATA and no --file, or DATA '-': standard input.\n",
	.exec = cmd_write_exec,
	.options = write_options,
	.rules = write_rules,
	.operands = { CMD_ARG_TARGET, CMD_ARG_TEXT },
};
