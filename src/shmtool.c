/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool: main.  Parses the global options, finds the command in the
 * table by its exact name, runs it, and checks that everything written to
 * standard output really got there.
 */
#include "config.h"

#include <sys/auxv.h>
#include <errno.h>
#include <err.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"
#include "posixshm.h"
#include "parse.h"
#include "shmtool.h"
#include "util.h"

const struct cmd_entry *cmd_table[] = {
	&cmd_stat_entry,
	&cmd_who_entry,
	&cmd_create_entry,
	&cmd_attach_entry,
	&cmd_set_entry,
	&cmd_rm_entry,
	&cmd_dump_entry,
	&cmd_write_entry,
	&cmd_limits_entry,
	&cmd_metrics_entry,
	NULL
};

const struct cmd_entry	*cmd_current;

/* "shmtool: COMMAND" while a command runs, so err(3) names it. */
static char	 progname_buf[64];

enum {
	OPT_NS = 0x100
};

static const struct option global_longopts[] = {
	{ "help",	no_argument,		NULL,	'h' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "ns",		required_argument,	NULL,	OPT_NS },
	{ NULL,		0,			NULL,	0 }
};

static void
global_help(void)
{
	const struct cmd_entry	**cp;

	printf("Usage: shmtool [OPTIONS] COMMAND [ARGS]\n"
	    "Inspect and manage Linux shared memory: System V segments and\n"
	    "POSIX objects (/dev/shm).\n"
	    "\n"
	    "Commands:\n");
	for (cp = cmd_table; *cp != NULL; cp++)
		printf("  %-8s %s\n", (*cp)->name, (*cp)->summary);
	printf("\n"
	    "Options:\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n"
	    "      --ns PID|PATH  run the command in the IPC namespace of process\n"
	    "                     PID, or of a namespace file (needs CAP_SYS_ADMIN)\n"
	    "\n"
	    "Run 'shmtool COMMAND --help' for a command's options.\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

noreturn void
cmd_help(const struct cmd_entry *ce)
{
	printf("Usage: shmtool %s\n%s.\n", ce->synopsis, ce->summary);
	if (ce->help != NULL && *ce->help != '\0')
		printf("\nOptions:\n%s", ce->help);
	printf("  -h, --help          show this help and exit\n");
	if (ce->help_extra != NULL)
		ce->help_extra();
	exit(out_close() == 0 ? EXIT_OK : EXIT_FAIL);
}

noreturn void
usage_err(const char *fmt, ...)
{
	char	*msg;
	va_list	 ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	/*
	 * One line, so a script's `2>&1 | head -1` gets all of it: the
	 * arguments quoted in it may hold newlines or escape sequences.
	 */
	if (cmd_current != NULL)
		warnx("%s (try 'shmtool %s --help')",
		    safe_str(msg != NULL ? msg : fmt), cmd_current->name);
	else
		warnx("%s (try 'shmtool --help')",
		    safe_str(msg != NULL ? msg : fmt));
	free(msg);
	exit(EXIT_USAGE);
}

/*
 * What getopt_long refused.  optopt is the character of a short option;
 * for a long option given an argument it does not take (--json=1) it is
 * the option's value, which need not be a character at all.
 */
static noreturn void
option_err(char **argv, const struct option *longopts)
{
	const char		*a = argv[optind - 1], *eq;
	const struct option	*o;

	if (optopt != 0 && strncmp(a, "--", 2) == 0 &&
	    (eq = strchr(a, '=')) != NULL) {
		for (o = longopts; o->name != NULL; o++) {
			if (o->val == optopt && o->has_arg == no_argument &&
			    strncmp(o->name, a + 2, (size_t)(eq - a - 2)) == 0)
				usage_err("option '--%s' takes no argument",
				    o->name);
		}
	}
	if (optopt > 0 && optopt <= UCHAR_MAX)
		usage_err("unknown option '-%c'", optopt);
	usage_err("unknown option '%s'", a);
}

int
cmd_getopt(int argc, char **argv, const char *optstring,
    const struct option *longopts)
{
	char	 spec[128];
	int	 ch;

	/* A leading ':' makes getopt report missing arguments as ':'. */
	if (snprintf(spec, sizeof(spec), ":%s", optstring) >=
	    (int)sizeof(spec))
		errx(EXIT_FAIL, "option string too long");
	opterr = 0;
	ch = getopt_long(argc, argv, spec, longopts, NULL);
	switch (ch) {
	case 'h':
		cmd_help(cmd_current);
	case '?':
		option_err(argv, longopts);
	case ':':
		if (optopt != 0 && strncmp(argv[optind - 1], "--", 2) != 0)
			usage_err("option '-%c' needs an argument", optopt);
		usage_err("option '%s' needs an argument", argv[optind - 1]);
	}
	return ch;
}

void
cmd_operands(int argc, char **argv, int min, int max)
{
	int	 n = argc - optind;

	if (n < min)
		usage_err(min == 1 ? "missing operand" : "missing operands");
	if (max >= 0 && n > max)
		usage_err("extra operand '%s'", argv[optind + max]);
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**cp;

	for (cp = cmd_table; *cp != NULL; cp++) {
		if (strcmp((*cp)->name, name) == 0)
			return *cp;
	}
	return NULL;
}

/*
 * Installed set-user-ID or set-group-ID (or with file capabilities),
 * shmtool would hand every caller its owner's power over every segment:
 * dump and write anyone's memory, remove anything.  It is refused before
 * anything else runs, environment and arguments included.
 */
static void
refuse_setid(void)
{
	if (getauxval(AT_SECURE) == 0 && getuid() == geteuid() &&
	    getgid() == getegid())
		return;
	errx(EXIT_FAIL, "refusing to run set-user-ID, set-group-ID or with "
	    "file capabilities (uid %u, euid %u, gid %u, egid %u): install "
	    "shmtool without them", (unsigned)getuid(), (unsigned)geteuid(),
	    (unsigned)getgid(), (unsigned)getegid());
}

#ifdef __SANITIZE_ADDRESS__
/*
 * libbsd's setproctitle_init() strdup()s copies it never frees, by
 * design (they live as long as the process): not our leak.
 */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:setproctitle_init\n";
}

/* Quietly: the report would mix into the output tests compare. */
const char	*__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

int
main(int argc, char **argv, char **envp)
{
	const struct cmd_entry	*ce;
	struct ns_arg		 ns;
	int			 ch, status, have_ns = 0;

	/* Messages start "shmtool:" whatever the binary is called. */
	snprintf(progname_buf, sizeof(progname_buf), "shmtool");
	program_invocation_short_name = progname_buf;
	refuse_setid();

	/*
	 * `attach --hold` names itself in ps with setproctitle(3), which
	 * needs the argv and environment area claimed before anything
	 * else looks at them (libbsd moves the environment away).
	 */
	setproctitle_init(argc, argv, envp);

	/*
	 * A reader that goes away (`shmtool stat | head -1`) ends us
	 * quietly through SIGPIPE, whatever the parent left ignored.
	 */
	signal(SIGPIPE, SIG_DFL);
	out_init();

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hV", global_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			global_help();
			return out_close() == 0 ? EXIT_OK : EXIT_FAIL;
		case 'V':
			printf("shmtool %s\n", PACKAGE_VERSION);
			return out_close() == 0 ? EXIT_OK : EXIT_FAIL;
		case OPT_NS:
			if (have_ns)
				usage_err("--ns given twice");
			opt_ns(optarg, &ns);
			have_ns = 1;
			break;
		case ':':
			usage_err("option '%s' needs an argument",
			    argv[optind - 1]);
		default:
			option_err(argv, global_longopts);
		}
	}
	if (optind >= argc)
		usage_err("missing command");
	if ((ce = cmd_find(argv[optind])) == NULL)
		usage_err("unknown command '%s'", argv[optind]);

	cmd_current = ce;
	snprintf(progname_buf, sizeof(progname_buf), "shmtool: %s", ce->name);
	program_invocation_short_name = progname_buf;

	/*
	 * Before the command reads anything: after setns every table,
	 * limit and shmctl call is the other namespace's, so the commands
	 * need not know.
	 */
	if (have_ns) {
		if (ns_join(&ns) == -1)
			errx(EXIT_FAIL, "%s", ns_error());
		/* POSIX objects: the /dev/shm its processes see. */
		posixshm_set_dir(ns_devshm_dir);
	}

	/* Each command parses its own options from a fresh getopt. */
	argc -= optind;
	argv += optind;
	optind = 0;
	status = ce->exec(argc, argv);
	if (out_close() != 0 && status == EXIT_OK)
		status = EXIT_FAIL;
	return status;
}
