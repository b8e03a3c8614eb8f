/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool attach: attach to a segment with the shmat(2) flags given, or
 * map a POSIX object, report where and how, and detach - a check that
 * attaching works - or, with --hold, stay attached until a duration
 * passes or a signal comes, pinning the segment or standing in for a
 * consumer while debugging.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "names.h"
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
	OPT_RND = 0x100,
	OPT_REMAP,
	OPT_HOLD
};

static const struct option attach_longopts[] = {
	{ "read-only",	no_argument,		NULL,	'r' },
	{ "address",	required_argument,	NULL,	'a' },
	{ "rnd",	no_argument,		NULL,	OPT_RND },
	{ "remap",	no_argument,		NULL,	OPT_REMAP },
	{ "hold",	optional_argument,	NULL,	OPT_HOLD },
	{ "help",	no_argument,		NULL,	'h' },
	{ NULL,		0,			NULL,	0 }
};

static volatile sig_atomic_t	 got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

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

	switch (error) {
	case EACCES:
		if (sysvipc_get(id, &s) == 0)
			errx(EXIT_FAIL, "id %d: permission denied (owner %s, "
			    "mode %04o; %s)", id, names_user(s.uid),
			    s.perms & 0777, flags & SHM_RDONLY ?
			    "reading needs read permission" :
			    "needs read and write permission, or --read-only "
			    "read permission");
		break;
	case EIDRM:
		errx(EXIT_FAIL, "id %d: removed while attaching", id);
	case EINVAL:
		if (sysvipc_get(id, &s) == -1 && errno == ENOENT)
			errx(EXIT_FAIL, "id %d: no such segment", id);
		if (addr != 0 && !(flags & SHM_RND) &&
		    addr % (uintptr_t)SHMLBA != 0)
			errx(EXIT_FAIL, "address 0x%jx: not a multiple of "
			    "SHMLBA (%lu); --rnd rounds it down", (uintmax_t)addr,
			    (unsigned long)SHMLBA);
		if (flags & SHM_REMAP && addr == 0)
			errx(EXIT_FAIL, "--remap needs --address");
		if (addr != 0)
			errx(EXIT_FAIL, "address 0x%jx: invalid (in use, or "
			    "outside the address space; --remap replaces an "
			    "existing mapping)", (uintmax_t)addr);
		break;
	case ENOMEM:
		if (addr != 0)
			errx(EXIT_FAIL, "id %d: no room at address 0x%jx "
			    "(beyond the address space, or too close to its "
			    "end)", id, (uintmax_t)addr);
		errx(EXIT_FAIL, "id %d: no room in the address space", id);
	}
	errx(EXIT_FAIL, "id %d: shmat: %s", id, strerror(error));
}

/* Until DURATION seconds (0: forever) pass or a signal arrives. */
static void
hold(uint64_t duration, const sigset_t *unblocked)
{
	struct timespec	 now, end, left;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)duration;
	while (!got_signal) {
		if (duration == 0) {
			ppoll(NULL, 0, NULL, unblocked);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			break;
		ppoll(NULL, 0, &left, unblocked);
	}
}

/* Whoever reads our output sees it before we wait. */
static void
hold_ready(void)
{
	if (fflush(stdout) == EOF)
		warn("write error on standard output");
}

/*
 * A POSIX object: mapped whole, shared, read-write or read-only (which
 * read permission allows); the fd is closed at once, so that the hold
 * is the mapping, as an attach is.  HOLD: the duration to hold it.
 */
static int
map_posix(const struct target *t, const struct shm_seg *s, int rdonly,
    const uint64_t *hold_for, const sigset_t *unblocked)
{
	struct segmap	 m;

	if (s->size == 0)
		errx(EXIT_FAIL, "%s: size 0: nothing to map", target_str(t));
	if ((rdonly ? segmap_read(s, SEGMAP_AUTO, &m) :
	    segmap_write(s, &m)) == -1)
		select_map_fail(t, s, SEGMAP_AUTO);
	close(m.fd);
	m.fd = -1;
	printf("%s: mapped at %p, size %llu%s\n", target_str(t),
	    (void *)m.addr, (unsigned long long)m.size, rdonly ?
	    ", read-only" : "");
	if (hold_for != NULL) {
		hold_ready();
		setproctitle("-shmtool: holding %s", target_str(t));
		hold(*hold_for, unblocked);
	}
	segmap_done(&m);
	return EXIT_OK;
}

static int
cmd_attach_exec(int argc, char **argv)
{
	struct target		 t;
	struct shm_seg		 s;
	struct shmid_ds		 ds;
	struct sigaction	 sa;
	sigset_t		 block, unblocked;
	uintptr_t		 addr = 0;
	uint64_t		 duration = 0;
	void			*p;
	int			 ch, flags = 0, holding = 0, has_addr = 0;
	int			 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t			 i;

	while ((ch = cmd_getopt(argc, argv, "ra:h", attach_longopts)) != -1) {
		switch (ch) {
		case 'r':
			flags |= SHM_RDONLY;
			break;
		case 'a':
			addr = opt_address(optarg);
			has_addr = 1;
			break;
		case OPT_RND:
			flags |= SHM_RND;
			break;
		case OPT_REMAP:
			flags |= SHM_REMAP;
			break;
		case OPT_HOLD:
			holding = 1;
			if (optarg != NULL)
				duration = opt_duration("duration", optarg);
			break;
		}
	}
	cmd_operands(argc, argv, 1, 1);
	if ((flags & SHM_RND) && !has_addr)
		usage_err("--rnd needs --address");
	if ((flags & SHM_REMAP) && !has_addr)
		usage_err("--remap needs --address");
	opt_target(argv[optind], &t);

	if (t.type == TARGET_POSIX && (has_addr || flags & SHM_REMAP))
		usage_err("--address, --rnd and --remap apply to System V "
		    "segments: a POSIX object is mapped where the kernel "
		    "chooses");
	if (select_target(&t, &s) == -1) {
		select_warn(&t, errno);
		return EXIT_FAIL;
	}

	/*
	 * Signals are blocked from here and only let in while holding, so
	 * that one arriving before the wait is not lost.
	 */
	if (holding) {
		sigemptyset(&block);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
			sigaddset(&block, sigs[i]);
			sigaddset(&sa.sa_mask, sigs[i]);
		}
		sigprocmask(SIG_BLOCK, &block, &unblocked);
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			sigaction(sigs[i], &sa, NULL);
		sigdelset(&unblocked, SIGINT);
		sigdelset(&unblocked, SIGTERM);
		sigdelset(&unblocked, SIGHUP);
	}

	if (s.type == SEG_POSIX)
		return map_posix(&t, &s, flags & SHM_RDONLY, holding ? &duration :
		    NULL, &unblocked);
	if ((p = segmap_shmat(s.id, (void *)addr, flags)) == (void *)-1)
		explain(s.id, errno, addr, flags);
	if (shmctl(s.id, IPC_STAT, &ds) == 0) {
		s.size = (uint64_t)ds.shm_segsz;
		s.nattch = (uint64_t)ds.shm_nattch;
	} else if (sysvipc_get(s.id, &s) == -1)
		s.nattch = 0;
	printf("id %d: attached at %p, size %llu, nattch %llu%s\n", s.id, p,
	    (unsigned long long)s.size, (unsigned long long)s.nattch,
	    flags & SHM_RDONLY ? ", read-only" : "");

	if (holding) {
		hold_ready();
		setproctitle("-shmtool: holding shmid %d", s.id);
		hold(duration, &unblocked);
	}
	if (shmdt(p) == -1)
		err(EXIT_FAIL, "id %d: shmdt", s.id);
	return EXIT_OK;
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
	    "      --remap         replace a mapping at ADDR (SHM_REMAP)\n"
	    "      --hold[=DURATION]  stay attached until DURATION passes or\n"
	    "                      SIGINT, SIGTERM or SIGHUP arrives\n",
	.exec = cmd_attach_exec,
};
