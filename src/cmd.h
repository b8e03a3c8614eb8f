/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The command frame: what every command shares before and after its own
 * work.  A command declares its options in a table (name, short letter,
 * the kind of argument), may splice in the option groups that several
 * commands share (the filters, the output formats), and lists the
 * combinations it refuses as rules; the frame parses argv with them,
 * answers --help, checks the rules once after the last option, and turns
 * every bad argument into one usage error, exit 2.  It is the only code
 * that exits with status 2.  It also prints the messages of commands:
 * each goes out escaped as a whole (esc_term), so callers pass names,
 * paths and causes as they are.
 */
#ifndef CMD_H
#define CMD_H

#include <getopt.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include "format.h"
#include "parse.h"
#include "select.h"

/* Exit statuses: a contract for scripts, documented in shmtool(1). */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

/*
 * The kind of an option's argument or of an operand: what parses it,
 * and what the shell completions offer for it (`shmtool __complete`,
 * src/cmd-complete.c, names each kind).
 */
enum cmd_arg {
	CMD_ARG_NONE = 0,
	CMD_ARG_NUMBER,		/* a size, offset, length or byte */
	CMD_ARG_DURATION,
	CMD_ARG_COLUMNS,	/* a comma-separated column list */
	CMD_ARG_COLUMN,		/* one column name */
	CMD_ARG_TARGET,
	CMD_ARG_FILE,
	CMD_ARG_WORD,		/* one of .words */
	CMD_ARG_USER,		/* USER or UID, maybe :GROUP */
	CMD_ARG_MODE,		/* octal permission bits */
	CMD_ARG_KEY,
	CMD_ARG_ADDRESS,
	CMD_ARG_DIR,		/* a directory */
	CMD_ARG_TEXT,		/* anything: DATA, a key:, ftok: or /NAME */
	CMD_ARG_NS,		/* the global --ns: PID or PATH */
	CMD_ARG_NKINDS		/* their count, no kind */
};

/*
 * One option.  VAL is what cmd_getopt() returns for it; a VAL below 0x100
 * is also the short option -VAL.  An entry with a NULL name and a GROUP
 * splices that group's options in at its place; a NULL name and no group
 * ends the table.
 */
struct cmd_group;
struct cmd_option {
	const char		*name;		/* long name, without "--" */
	int			 val;
	enum cmd_arg		 arg;		/* CMD_ARG_NONE: takes none */
	int			 optional;	/* --hold[=DURATION] */
	const char		*words;		/* CMD_ARG_WORD: "hex raw" */
	int			 also;		/* a pseudo option it sets */
	const struct cmd_group	*group;
};

#define CMD_GROUP(g)	{ .group = &(g) }
#define CMD_END		{ .name = NULL }

/*
 * Pseudo options that rules can name besides real ones: any operand
 * given, any filter that selects (not --posix or --all-types), and the
 * global --ns.
 */
#define CMD_OPERANDS	(-1)
#define CMD_FILTERS	(-2)
#define CMD_GLOBAL_NS	(-3)

/*
 * A rule on the options given, checked once after the last one.  OPTS
 * holds option values (or the pseudo ones), ended by 0.  MSG is the usage
 * error, %1 and %2 in it the two options involved (the first of OPTS for
 * CMD_EXCLUDES and CMD_NEEDS); NULL gives "%1 and %2 exclude each other"
 * or "%1 needs %2".
 */
enum cmd_rule_kind {
	CMD_EXCL,		/* no two of OPTS (lsipc's ul_excl_t) */
	CMD_EXCLUDES,		/* OPTS[0] with none of the others */
	CMD_NEEDS,		/* OPTS[0] only with one of the others */
	CMD_ONE_OF		/* at least one of OPTS */
};

struct cmd_rule {
	enum cmd_rule_kind	 kind;
	int			 opts[8];
	const char		*msg;
};

#define CMD_RULES_END	{ .kind = CMD_EXCL, .opts = { 0 } }

/* Options several commands share, with the rules that come with them. */
struct cmd_group {
	const struct cmd_option	*options;
	const struct cmd_rule	*rules;
};

/*
 * A command: its --help, its options and rules, its operands and
 * columns, and what runs it.  The completions take everything they
 * offer from here.
 */
struct cmd_entry {
	const char	*name;		/* exact, never prefix-matched */
	const char	*summary;	/* one line for `shmtool --help` */
	const char	*synopsis;	/* after "Usage: shmtool " */
	const char	*help;		/* option lines for `COMMAND --help` */
	void		(*help_extra)(void);	/* after the column list */
	int		(*exec)(int, char **);
	const struct cmd_option *options;	/* --help is added */
	const struct cmd_rule *rules;		/* after the groups' */
	/*
	 * The kinds of the operands in order, up to the first
	 * CMD_ARG_NONE; with OPERANDS_REPEAT the last one repeats
	 * (TARGET...).
	 */
	enum cmd_arg	 operands[3];
	int		 operands_repeat;
	/* What -o and --sort name: --help lists them. */
	const struct fmt_col *columns;
	size_t		 ncolumns;
};

extern const struct cmd_entry	*cmd_current;

/*
 * Long-option codes of the groups: above any short option.  Commands
 * number their own from OPT_CMD.
 */
enum {
	OPT_FILTER = 0x100,		/* + enum filter_key */
	OPT_FILTER_END = OPT_FILTER + FILTER_NKEYS,
	OPT_FMT_NOTRUNCATE = 0x180,
	OPT_FMT_TIME,
	OPT_ALL_NAMESPACES,
	OPT_CMD = 0x200
};

/*
 * The filters of select.h; the output options of format.h; and what a
 * listing (stat, who) adds: --all-namespaces, and the rules on TARGETs.
 */
extern const struct cmd_group	cmd_filters;
extern const struct cmd_group	cmd_output;
extern const struct cmd_group	cmd_listing;

/* The --help lines for the filters. */
#define CMD_FILTER_HELP \
"      --posix                POSIX objects (/dev/shm) instead of segments\n" \
"      --all-types            segments and POSIX objects\n" \
"      --owner USER|UID       owned by USER\n" \
"      --creator USER|UID     created by USER (segments only)\n" \
"      --key KEY              with key KEY (segments only)\n" \
"      --unattached           attached nowhere (nattch 0); POSIX: no\n" \
"                             process maps it or has it open\n" \
"      --orphaned             unattached, and creator and last user gone\n" \
"                             (segments only)\n" \
"      --older-than DURATION  no attach, detach or change within DURATION;\n" \
"                             POSIX: no access, modification or change\n" \
"                             (atime, mtime, ctime) within DURATION\n" \
"      --larger-than SIZE     larger than SIZE\n" \
"      --dest                 marked for removal (segments only)\n"

/*
 * getopt_long over the current command's table: handles --help (exit 0),
 * unknown, ambiguous and malformed options (exit 2).  Returns the
 * option's value, or -1 after the last option, once the rules hold.
 */
int		cmd_getopt(int, char **);
/* 1 when CH was a filter (F filled in) or an output option (O). */
int		cmd_filter_option(struct filter *, int, const char *);
int		cmd_output_option(struct fmt_opts *, int, const char *);

/* -s/--offset and -n/--length (dump, write): where in the contents. */
struct cmd_range {
	uint64_t	 off, len;
	int		 has_len;	/* --length given */
};
/* 1 when CH was -s or -n (R filled in), else 0. */
int		cmd_range_option(struct cmd_range *, int, const char *);
/* Exits (1) when R's offset is beyond the end of S, which T named. */
void		cmd_range_check(const struct cmd_range *, const struct target *,
		    const struct shm_seg *);
/*
 * For the completions: the options of CE with its groups spliced in and
 * --help, in order, into V (room for CMD_MAXOPTS): their count.
 */
#define CMD_MAXOPTS	64
size_t		cmd_option_list(const struct cmd_entry *,
		    const struct cmd_option **);
/*
 * For the completions: 1 when option VAL (or CMD_OPERANDS) may join the
 * N options GIVEN (values, CMD_OPERANDS among them for operands typed;
 * NS: the global --ns was typed), 0 when a rule of CE that excludes
 * would then be broken that was not before.
 */
int		cmd_allows(const struct cmd_entry *, const int *given, size_t n,
		    int ns, int val);
/*
 * getopt_long's view of a table without groups, such as main's global
 * options: LONGOPTS gets an entry each and the end, OPTSTRING (which
 * may start with "+:") the short options appended.
 */
void		cmd_getopt_table(const struct cmd_option *, struct option *,
		    char *);
/* Usage error unless argc - optind is within [min, max] (max < 0: any). */
void		cmd_operands(int, char **, int, int);
noreturn void	cmd_help(const struct cmd_entry *);
/* The --help line of the --help every command has. */
extern const char cmd_help_line[];
noreturn void	usage_err(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/*
 * What getopt_long refused in ARGV with LONGOPTS, said as a usage error
 * (main's global options use it too).
 */
noreturn void	cmd_option_err(char **, const struct option *);

/* The argument grammar of parse.h: a usage error naming WHAT, or the value. */
uint64_t	opt_size(const char *what, const char *);
uint64_t	opt_offset(const char *what, const char *);
uint64_t	opt_duration(const char *what, const char *);
uint64_t	opt_duration_ms(const char *what, const char *);
int32_t		opt_key(const char *what, const char *);
mode_t		opt_mode(const char *what, const char *);
void		opt_target(const char *, struct target *);
void		opt_ns(const char *, struct ns_arg *);
/* USER or USER:GROUP (names or ids): 1 when a group was given. */
int		opt_owner(const char *, uid_t *, gid_t *);
/* An -o column list: the count; *sel is allocated. */
size_t		opt_columns(const struct fmt_col *, size_t, const char *,
		    const size_t *, size_t, size_t **);

/*
 * Messages, as warn(3) and err(3) give them ("shmtool: COMMAND: ..."),
 * escaped as a whole: control characters and invalid UTF-8 in a name or
 * path show as \e, \x9b...  cmd_warn and cmd_err append strerror(errno);
 * cmd_errx and cmd_err exit 1.
 */
void		cmd_warnx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		cmd_warn(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
noreturn void	cmd_errx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
noreturn void	cmd_err(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* A line on standard output, escaped the same way; the newline added. */
void		cmd_outf(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

/* "TARGET: CAUSE": a TARGET that could not be resolved or used. */
void		cmd_target_warn(const struct target *, const char *);
noreturn void	cmd_target_fail(const struct target *, const char *);
/*
 * select_target(), warning as cmd_target_warn() when it fails: 0, or -1
 * (the command then exits 1, or goes on to the next TARGET).
 */
int		cmd_select(const struct target *, struct shm_seg *);
/*
 * --all-namespaces: the warnings after the rows, about each namespace
 * that could not be read and about processes whose namespace was
 * hidden: EXIT_FAIL when there was any, or EXIT_OK.
 */
int		cmd_ns_warn(const struct ipc_ns_list *);

#endif
