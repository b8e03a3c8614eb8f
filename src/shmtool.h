/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Declarations shared by every command: the command table entry, the exit
 * statuses that scripts rely on, and the small option-parsing frame that
 * gives every command the same --help, the same usage errors and the same
 * exit status 2.
 */
#ifndef SHMTOOL_H
#define SHMTOOL_H

#include <getopt.h>
#include <stdarg.h>
#include <stdnoreturn.h>

/* Exit statuses: a contract for scripts, documented in shmtool(1). */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

struct cmd_entry {
	const char	*name;		/* exact name, never prefix-matched */
	const char	*summary;	/* one line for `shmtool --help` */
	const char	*synopsis;	/* after "Usage: shmtool " */
	const char	*help;		/* option lines for `COMMAND --help` */
	void		(*help_extra)(void);	/* e.g. the column list */
	int		(*exec)(int, char **);
};

extern const struct cmd_entry	*cmd_current;

extern const struct cmd_entry	cmd_attach_entry;
extern const struct cmd_entry	cmd_create_entry;
extern const struct cmd_entry	cmd_dump_entry;
extern const struct cmd_entry	cmd_limits_entry;
extern const struct cmd_entry	cmd_metrics_entry;
extern const struct cmd_entry	cmd_rm_entry;
extern const struct cmd_entry	cmd_set_entry;
extern const struct cmd_entry	cmd_stat_entry;
extern const struct cmd_entry	cmd_who_entry;
extern const struct cmd_entry	cmd_write_entry;

extern const struct cmd_entry	*cmd_table[];

/*
 * getopt_long for a command: handles --help (exit 0), unknown options and
 * missing arguments (exit 2).  Returns the option character or -1.
 */
int		cmd_getopt(int, char **, const char *, const struct option *);
noreturn void	cmd_help(const struct cmd_entry *);
noreturn void	usage_err(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* Usage error unless argc - optind is within [min, max] (max < 0: any). */
void		cmd_operands(int, char **, int, int);

#endif
