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
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"
#include "posixshm.h"
#include "shmtool.h"
#include "util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

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
	&cmd_watch_entry,
	NULL
};

/* "shmtool: COMMAND" while a command runs, so err(3) names it. */
static char	 progname_buf[64];

enum {
	OPT_NS = 0x100
};

static const struct cmd_option global_options[] = {
	{ .name = "help", .val = 'h' },
	{ .name = "version", .val = 'V' },
	{ .name = "ns", .val = OPT_NS, .arg = CMD_ARG_NS },
	CMD_END
};

/*
 * The options before the command, as an entry of their own: main parses
 * them from it, --help shows its lines, and the completions offer them.
 */
const struct cmd_entry cmd_global_entry = {
	.name = "shmtool",
	.help =
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n"
	    "      --ns PID|PATH  run the command in the IPC namespace of process\n"
	    "                     PID, or of a namespace file (needs CAP_SYS_ADMIN)\n",
	.options = global_options,
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
	    "%s"
	    "\n"
	    "Run 'shmtool COMMAND --help' for a command's options.\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n",
	    cmd_global_entry.help);
}

/*
 * A binary built for the test suite says so: its test hooks run commands
 * from the environment, which has no place where root runs shmtool.
 */
static void
version(void)
{
	printf("shmtool %s\n", PACKAGE_VERSION);
#ifdef ENABLE_TEST_HOOKS
	printf("built with test hooks (configure --enable-test-hooks): "
	    "not for production use\n");
#endif
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**cp;

	for (cp = cmd_table; *cp != NULL; cp++) {
		if (strcmp((*cp)->name, name) == 0)
			return *cp;
	}
	/* Hidden: for the shell completions, in no --help. */
	if (strcmp(name, cmd_complete_entry.name) == 0)
		return &cmd_complete_entry;
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

/*
 * A standard descriptor the caller closed (`shmtool write ID <&-`) would
 * go to the next file opened - a staging memfd at 1 takes whatever is
 * printed, a directory at 0 is read as the data.  Each is taken by
 * /dev/null opened the wrong way round, so that using it fails with
 * EBADF, as a closed one does: reading standard input, or writing the
 * output, is still an error, never an empty success.
 */
static void
hold_stdio(void)
{
	int	 fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		(void)open("/dev/null", fd == STDIN_FILENO ? O_WRONLY :
		    O_RDONLY);
	}
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

/*
 * What every command runs with, set before anything else: the name in
 * messages, no set-ID, the standard descriptors, the process title and
 * the signals.
 */
static void
process_setup(int argc, char **argv, char **envp)
{
	/* Messages start "shmtool:" whatever the binary is called. */
	snprintf(progname_buf, sizeof(progname_buf), "shmtool");
	program_invocation_short_name = progname_buf;
	refuse_setid();
	hold_stdio();

	/*
	 * `attach --hold` names itself in ps with setproctitle(3), which
	 * needs the argv and environment area claimed before anything
	 * else looks at them (libbsd moves the environment away).
	 */
	title_init(argc, argv, envp);

	/*
	 * A reader that goes away (`shmtool stat | head -1`) ends us
	 * quietly through SIGPIPE, whatever the parent left ignored.
	 */
	signal(SIGPIPE, SIG_DFL);
	/*
	 * Beyond `ulimit -f` a write fails with EFBIG, which is reported;
	 * SIGXFSZ would kill us first and leave the file half written.
	 */
	signal(SIGXFSZ, SIG_IGN);
	out_init();
}

/*
 * The global options, up to the command: --ns into NS (*HAVE_NS set).
 * -1 to go on, or the exit status of --help and --version.
 */
static int
global_args(int argc, char **argv, struct ns_arg *ns, int *have_ns)
{
	struct option	 global_longopts[NELEM(global_options)];
	char		 global_optstring[16] = "+:";
	int		 ch;

	cmd_getopt_table(global_options, global_longopts, global_optstring);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, global_optstring, global_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			global_help();
			return out_close() == 0 ? EXIT_OK : EXIT_FAIL;
		case 'V':
			version();
			return out_close() == 0 ? EXIT_OK : EXIT_FAIL;
		case OPT_NS:
			if (*have_ns)
				usage_err("--ns given twice");
			opt_ns(optarg, ns);
			*have_ns = 1;
			break;
		case ':':
			usage_err("option '%s' needs an argument",
			    argv[optind - 1]);
		default:
			cmd_option_err(argv, global_longopts);
		}
	}
	return -1;
}

int
main(int argc, char **argv, char **envp)
{
	const struct cmd_entry	*ce;
	struct ns_arg		 ns;
	char			*cause;
	int			 status, have_ns = 0;

	process_setup(argc, argv, envp);
	if ((status = global_args(argc, argv, &ns, &have_ns)) != -1)
		return status;
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
		if (ns_join(&ns, &cause) == -1)
			cmd_errx("%s", cause);
		/* POSIX objects: the /dev/shm its processes see. */
		posixshm_set_dir(ns_devshm_open);
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
