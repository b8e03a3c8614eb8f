/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool write: put bytes into a segment or POSIX object - an argument,
 * a file, standard input, or a fill pattern - at an offset.  Everything
 * that can fail is settled before the first byte lands: the bounds, the
 * permission, and for pipes the whole input (staged, at most the room
 * left plus one byte), so a bad write leaves the segment as it was.  An
 * object is never grown: its size is the bound, as a segment's is.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "segmap.h"
#include "select.h"
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

/*
 * Stages all of FD, but at most MAX bytes, in a memfd, rewound: the
 * length, or exits on an error.  Nothing has touched the segment yet.
 * From a pipe splice(2) moves the bytes in the kernel, and the memfd
 * then goes in as a file would: staging 1 GiB into malloc'd memory and
 * copying it into the mapping faulted every page twice (0.04x cat).
 */
static uint64_t
stage(int fd, const char *name, uint64_t max, int *out)
{
	static char	 buf[65536];
	uint64_t	 len = 0;
	size_t		 want;
	ssize_t		 r;
	int		 mfd, pipe_in = 1;

	if ((mfd = memfd_create("shmtool-write", MFD_CLOEXEC)) == -1)
		cmd_err("%s: staging: nothing written", name);
	while (len < max) {
		want = max - len > (1U << 30) ? (1U << 30) :
		    (size_t)(max - len);
		if (pipe_in) {
			r = splice(fd, NULL, mfd, NULL, want, 0);
			/* Not a pipe (a terminal, a socket): read(2). */
			if (r == -1 && errno == EINVAL) {
				pipe_in = 0;
				continue;
			}
		} else {
			r = read(fd, buf, want > sizeof(buf) ? sizeof(buf) :
			    want);
			if (r > 0 && write_all(mfd, buf, (size_t)r) == -1)
				cmd_err("%s: staging: nothing written", name);
		}
		if (r == -1) {
			if (errno == EINTR)
				continue;
			cmd_err("%s: nothing written", name);
		}
		if (r == 0)
			break;
		len += (uint64_t)r;
	}
	if (lseek(mfd, 0, SEEK_SET) == -1)
		cmd_err("%s: staging: nothing written", name);
	*out = mfd;
	return len;
}

/* How a file goes in, best first; each failure moves one step down. */
enum write_how { WRITE_COPY_RANGE, WRITE_SENDFILE, WRITE_READ };

/*
 * Up to N bytes from IN to segment offset AT: the kernel copies from the
 * page cache into the segment's file (copy_file_range(2) as cat does,
 * else sendfile(2)) when there is one, else read(2) into the mapping.
 * The count, 0 at end of file, or -1 with errno set.
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

static int
cmd_write_exec(int argc, char **argv)
{
	struct target	 t;
	struct shm_seg	 seg;
	struct segmap	 m;
	struct stat	 st;
	struct progress	 pr;
	const char	*file = NULL, *data = NULL, *name = "standard input";
	const char	*what;
	char		*cause;
	unsigned char	 fillbyte = 0;
	uint64_t	 off = 0, len = 0, room, n = 0, need, put, done, fits;
	off_t		 pos;
	ssize_t		 r;
	enum write_how	 how;
	int		 ch, fd = -1, sfd, has_len = 0, nul = 0, zero = 0;
	int		 fill = 0, truncate = 0, more = 0;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 's':
			off = opt_offset("offset", optarg);
			break;
		case 'n':
			len = opt_offset("length", optarg);
			has_len = 1;
			break;
		case OPT_FILE:
			if (*optarg == '\0')
				usage_err("invalid file: empty");
			file = optarg;
			break;
		case OPT_NUL:
			nul = 1;
			break;
		case OPT_ZERO:
			zero = 1;
			break;
		case OPT_FILL:
			fillbyte = opt_byte(optarg);
			fill = 1;
			break;
		case OPT_TRUNCATE:
			truncate = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 2);
	opt_target(argv[optind], &t);
	if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0)
		data = argv[optind + 1];
	if ((zero || fill) && (argc - optind == 2 || file != NULL))
		usage_err("%s fills a range: no DATA, --file or '-'",
		    zero ? "--zero" : "--fill");
	if (file != NULL && argc - optind == 2)
		usage_err("give DATA, '-' or --file, not more than one");

	if (select_target(&t, &seg, &cause) == -1) {
		cmd_target_warn(&t, cause);
		free(cause);
		return EXIT_FAIL;
	}
	what = seg.type == SEG_POSIX ? "object" : "segment";
	if (off > seg.size)
		cmd_errx("%s: offset %llu is beyond the end of the %s (size "
		    "%llu)", target_str(&t), (unsigned long long)off, what,
		    (unsigned long long)seg.size);
	room = seg.size - off;

	/* How many bytes, and where from. */
	if (zero || fill)
		n = has_len ? len : room;
	else if (data != NULL)
		n = strlen(data);
	else {
		if (file != NULL && strcmp(file, "-") != 0) {
			name = file;
			if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
				cmd_err("%s", name);
		} else
			fd = STDIN_FILENO;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			/* Its size is known: it can go straight in. */
			if ((pos = lseek(fd, 0, SEEK_CUR)) == -1)
				pos = 0;
			n = st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
		} else {
			/* One byte beyond the room tells "does not fit". */
			fits = room >= (uint64_t)nul ? room - (uint64_t)nul : 0;
			n = stage(fd, name, fits == UINT64_MAX ? fits :
			    fits + 1, &sfd);
			more = n > fits;
			if (fd > STDIN_FILENO)
				close(fd);
			fd = sfd;
		}
	}
	need = n + (uint64_t)nul;
	if (need > room && !truncate) {
		cmd_errx("%s: needs %s%llu bytes, %llu available at offset "
		    "%llu", target_str(&t), more ? "at least " : "",
		    (unsigned long long)need, (unsigned long long)room,
		    (unsigned long long)off);
	}
	/* What goes in besides the NUL, which stays when truncating. */
	put = need > room ? room - (nul && room > 0 ? 1 : 0) : n;
	if (nul && room == 0)
		nul = 0;

	if (segmap_write(&seg, &m, &cause) == -1)
		cmd_target_fail(&t, cause);
	if (off + put + (uint64_t)nul > m.size)
		cmd_errx("%s: the %s changed size (now %llu)", target_str(&t),
		    what, (unsigned long long)m.size);

	if (zero || fill || data != NULL)
		segmap_prefault(&m, off, put, 1);
	if (zero || fill)
		memset(m.addr + off, fill ? fillbyte : 0, (size_t)put);
	else if (data != NULL)
		memcpy(m.addr + off, data, (size_t)put);
	else {
		how = m.fd == -1 ? WRITE_READ : WRITE_COPY_RANGE;
		progress_init(&pr, "write", put, 1);
		for (done = 0; done < put; done += (uint64_t)r) {
			r = write_chunk(&m, fd, off + done, put - done >
			    WRITE_CHUNK ? WRITE_CHUNK : (size_t)(put - done),
			    &how);
			if (r == -1 && errno == EINTR) {
				r = 0;
				continue;
			}
			if (r <= 0) {
				progress_end(&pr);
				if (r == 0)
					errno = EIO;
				cmd_err("%s: %s while reading: %llu of %llu "
				    "bytes written at offset %llu", name,
				    r == 0 ? "shrank" : "failed",
				    (unsigned long long)done,
				    (unsigned long long)put,
				    (unsigned long long)off);
			}
			progress_update(&pr, done + (uint64_t)r);
		}
		progress_end(&pr);
	}
	if (nul)
		m.addr[off + put] = '\0';
	segmap_written(&m);
	segmap_done(&m);
	if (fd > STDIN_FILENO)
		close(fd);
	if (put < n)
		cmd_warnx("%s: wrote %llu of %s%llu bytes at offset %llu, "
		    "dropped %s%llu", target_str(&t), (unsigned long long)put,
		    more ? "at least " : "", (unsigned long long)n,
		    (unsigned long long)off, more ? "at least " : "",
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
