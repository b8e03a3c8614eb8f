/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool attach: attach to a segment with the shmat(2) flags given, or
 * map a POSIX object, report where and how, and detach - a check that
 * attaching works - or, with --hold, stay attached until a duration
 * passes or a signal comes, pinning the segment or standing in for a
 * consumer while debugging.  It never attaches over memory of its own
 * (--remap would replace it, and shmtool would die of SIGSEGV), and
 * never attaches and detaches a segment nobody has attached where
 * kernel.shm_rmid_forced makes that detach destroy it.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hold.h"
#include "parse.h"
#include "segmap.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

#ifndef SHM_REMAP
#define SHM_REMAP	040000
#endif

enum {
	OPT_RND = OPT_CMD,
	OPT_REMAP,
	OPT_HOLD
};

static const struct cmd_option attach_options[] = {
	{ .name = "read-only", .val = 'r' },
	{ .name = "address", .val = 'a', .arg = CMD_ARG_ADDRESS },
	{ .name = "rnd", .val = OPT_RND },
	{ .name = "remap", .val = OPT_REMAP },
	{ .name = "hold", .val = OPT_HOLD, .arg = CMD_ARG_DURATION,
	    .optional = 1 },
	CMD_END
};

static const struct cmd_rule attach_rules[] = {
	{ CMD_NEEDS, { OPT_RND, 'a' }, NULL },
	{ CMD_NEEDS, { OPT_REMAP, 'a' }, NULL },
	CMD_RULES_END
};

/* 0x-hex or decimal, strictly; 0 is NULL (the kernel chooses). */
static uintptr_t
opt_address(const char *arg)
{
	const char	*p = arg;
	uint64_t	 v = 0;
	unsigned	 base = 10, d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0')
		usage_err("invalid address '%s': empty", arg);
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			usage_err("invalid address '%s': not a number (use "
			    "0x-hex or decimal)", arg);
		if (v > (UINT64_MAX - d) / base || v * base + d > UINTPTR_MAX)
			usage_err("invalid address '%s': too large", arg);
		v = v * base + d;
	}
	return (uintptr_t)v;
}

static noreturn void
explain(int id, int error, uintptr_t addr, int flags)
{
	struct shm_seg	 s;
	char		*msg;

	switch (error) {
	case EACCES:
		if (sysvipc_get(id, &s) == 0) {
			msg = sysvipc_denied(&s, 0, flags & SHM_RDONLY ?
			    "reading needs read permission" :
			    "needs read and write permission, or --read-only "
			    "read permission");
			cmd_errx("id %d: %s", id, msg);
		}
		break;
	case ENOENT:
		cmd_errx("id %d: no such segment", id);
	case EINVAL:
		if (addr != 0 && !(flags & SHM_RND) &&
		    addr % (uintptr_t)SHMLBA != 0)
			cmd_errx("address 0x%jx: not a multiple of SHMLBA "
			    "(%lu); --rnd rounds it down", (uintmax_t)addr,
			    (unsigned long)SHMLBA);
		if (flags & SHM_REMAP && addr == 0)
			cmd_errx("--remap needs --address");
		if (addr != 0)
			cmd_errx("address 0x%jx: invalid (outside the address "
			    "space)", (uintmax_t)addr);
		break;
	case ENOMEM:
		if (addr != 0)
			cmd_errx("id %d: no room at address 0x%jx (beyond the "
			    "address space, or too close to its end)", id,
			    (uintmax_t)addr);
		cmd_errx("id %d: no room in the address space", id);
	}
	cmd_errx("id %d: shmat: %s", id, strerror(error));
}

/* --hold without a duration: until a signal. */
#define HOLD_FOREVER	UINT64_MAX

/* DURATION seconds, or HOLD_FOREVER, or until a signal arrives. */
static void
hold(uint64_t duration, const struct hold *h)
{
	(void)hold_wait(h, duration == HOLD_FOREVER ? NULL : &duration);
}

/* Whoever reads our output sees it before we wait. */
static void
hold_ready(void)
{
	if (fflush(stdout) == EOF)
		cmd_warn("write error on standard output");
}

/*
 * A POSIX object: mapped whole, shared, read-write or read-only (which
 * read permission allows); the fd is closed at once, so that the hold
 * is the mapping, as an attach is.  HOLD: the duration to hold it.
 */
static int
map_posix(const struct target *t, const struct shm_seg *s, int rdonly,
    const uint64_t *hold_for, const struct hold *h)
{
	struct segmap	 m;
	char		*cause;

	if (s->size == 0)
		cmd_errx("%s: size 0: nothing to map", target_str(t));
	if ((rdonly ? segmap_read(s, SEGMAP_AUTO, &m, &cause) :
	    segmap_write(s, &m, &cause)) == -1)
		cmd_target_fail(t, cause);
	close(m.fd);
	m.fd = -1;
	cmd_outf("%s: mapped at %p, size %llu%s", target_str(t),
	    (void *)m.addr, (unsigned long long)m.size, rdonly ?
	    ", read-only" : "");
	if (hold_for != NULL) {
		/* Named in ps before anyone reading our output looks. */
		hold_title(target_str(t));
		hold_ready();
		hold(*hold_for, h);
	}
	segmap_done(&m);
	return EXIT_OK;
}

/*
 * Refuses an address where shmtool has memory of its own: --remap would
 * unmap it (the heap, the stack, the program) and kill shmtool, and
 * without --remap the kernel refuses anyway, less clearly.  The segment
 * is as large as it is now, in pages, from ADDR (rounded down with
 * --rnd).  A --remap whose check cannot be made is refused too.
 */
static void
check_address(const struct shm_seg *s, uintptr_t addr, int flags)
{
	uint64_t	 pg = (uint64_t)sysconf(_SC_PAGESIZE), len;
	char		*what;
	int		 rc;

	if (flags & SHM_RND)
		addr -= addr % (uintptr_t)SHMLBA;
	len = s->size > UINT64_MAX - pg ? UINT64_MAX : (s->size + pg - 1) &
	    ~(pg - 1);
	if ((rc = segmap_self_overlap(addr, len, &what)) == 1)
		cmd_errx("id %d: address 0x%jx: shmtool's own memory is there "
		    "(%s): attach elsewhere", s->id, (uintmax_t)addr, what);
	if (rc == -1 && (flags & SHM_REMAP))
		cmd_err("id %d: --remap: cannot tell what is at 0x%jx",
		    s->id, (uintmax_t)addr);
}

/* What the command line asks for. */
struct attach_opts {
	uintptr_t	 addr;
	uint64_t	 duration;	/* --hold's */
	int		 flags;		/* SHM_RDONLY, SHM_RND, SHM_REMAP */
	int		 holding, has_addr;
};

/* The options and operand into O and T; exits on a usage error. */
static void
attach_args(int argc, char **argv, struct attach_opts *o, struct target *t)
{
	int	 ch;

	memset(o, 0, sizeof(*o));
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 'r':
			o->flags |= SHM_RDONLY;
			break;
		case 'a':
			o->addr = opt_address(optarg);
			o->has_addr = 1;
			break;
		case OPT_RND:
			o->flags |= SHM_RND;
			break;
		case OPT_REMAP:
			o->flags |= SHM_REMAP;
			break;
		case OPT_HOLD:
			o->holding = 1;
			o->duration = optarg != NULL ?
			    opt_duration("duration", optarg) : HOLD_FOREVER;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 1);
	opt_target(argv[optind], t);

	if (t->type == TARGET_POSIX && (o->has_addr || o->flags & SHM_REMAP))
		usage_err("--address, --rnd and --remap apply to System V "
		    "segments: a POSIX object is mapped where the kernel "
		    "chooses");
}

/* Attaches segment S as O asks, holds it if asked, and detaches. */
static int
attach_sysv(const struct target *t, struct shm_seg *s,
    struct attach_opts *o, struct hold *h)
{
	struct shm_seg	 now;
	void		*p;
	char		*cause = NULL;
	int		 last;

	/* As it is now: the size for the address, nattch for the detach. */
	if (sysvipc_stat(s->id, &now) == 0)
		*s = now;
	if (o->has_addr)
		check_address(s, o->addr, o->flags);
	last = segmap_detach_destroys(s, "attaching", &cause);
	if (last && !o->holding)
		cmd_target_fail(t, cause);
	if (last)
		cmd_warnx("%s: attached nowhere else, and "
		    "kernel.shm_rmid_forced destroys it when this hold ends, "
		    "unless another process attaches it meanwhile",
		    target_str(t));
	free(cause);
	if ((p = sysvipc_attach(s->id, (void *)o->addr, o->flags)) ==
	    (void *)-1)
		explain(s->id, errno, o->addr, o->flags);
	if (sysvipc_stat(s->id, &now) == 0 || sysvipc_get(s->id, &now) == 0) {
		s->size = now.size;
		s->nattch = now.nattch;
	} else
		s->nattch = 0;
	printf("id %d: attached at %p, size %llu, nattch %llu%s\n", s->id, p,
	    (unsigned long long)s->size, (unsigned long long)s->nattch,
	    o->flags & SHM_RDONLY ? ", read-only" : "");

	if (o->holding) {
		/* Named in ps before anyone reading our output looks. */
		title_set("shmtool: holding shmid %d", s->id);
		hold_ready();
		hold(o->duration, h);
	}
	if (sysvipc_detach(p) == -1)
		cmd_err("id %d: shmdt", s->id);
	return EXIT_OK;
}

static int
cmd_attach_exec(int argc, char **argv)
{
	struct attach_opts	 o;
	struct target		 t;
	struct shm_seg		 s;
	struct hold		 h;

	attach_args(argc, argv, &o, &t);
	if (cmd_select(&t, &s) == -1)
		return EXIT_FAIL;

	/*
	 * Signals are blocked from here and only let in while holding, so
	 * that one arriving before the wait is not lost.
	 */
	if (o.holding)
		hold_prepare(&h);

	if (s.type == SEG_POSIX)
		return map_posix(&t, &s, o.flags & SHM_RDONLY, o.holding ?
		    &o.duration : NULL, &h);
	return attach_sysv(&t, &s, &o, &h);
}

const struct cmd_entry cmd_attach_entry = {
	.name = "attach",
	.summary = "Attach to a segment or map an object, or hold it attached",
	/* Continuation lines line up after "Usage: shmtool attach ". */
	.synopsis = "attach TARGET [--read-only] [--address ADDR [--rnd]]\n"
	    "                      [--remap] [--hold[=DURATION]]",
	.help =
	    "  -r, --read-only     attach read-only (SHM_RDONLY)\n"
	    "  -a, --address ADDR  attach at ADDR (0x-hex or decimal)\n"
	    "      --rnd           round ADDR down to SHMLBA (SHM_RND)\n"
	    "      --remap         pass SHM_REMAP (ADDR never overlaps\n"
	    "                      shmtool's own memory: refused there)\n"
	    "      --hold[=DURATION]  stay attached until DURATION passes or\n"
	    "                      SIGINT, SIGTERM or SIGHUP arrives (=0: no\n"
	    "                      time; without it: until a signal)\n",
	.exec = cmd_attach_exec,
	.options = attach_options,
	.rules = attach_rules,
	.operands = { CMD_ARG_TARGET },
};
