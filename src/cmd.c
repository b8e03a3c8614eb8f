/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The command frame.  A command's option table (with the groups spliced
 * in) is flattened once into what getopt_long wants; every option seen
 * is noted, so that the rules - which options exclude or need which -
 * are checked once, as data, after the last one (lsipc's ul_excl_t,
 * with messages of our own).  Every usage error goes out here, as one
 * line, exit 2; every other message of a command goes through the same
 * escaping, so no name or path can drive the terminal.
 */
#include "config.h"

#include <errno.h>
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "ns.h"
#include "util.h"

const struct cmd_entry	*cmd_current;

/* CMD_MAXOPTS: enough for the largest table, stat's, with room to grow. */
#define MAXOPTS		CMD_MAXOPTS
#define MAXRULES	8

/* The current command's options, flattened for getopt_long. */
static struct {
	const struct cmd_entry	*ce;
	const struct cmd_option	*opt[MAXOPTS];
	unsigned char		 seen[MAXOPTS];
	size_t			 n;
	const struct cmd_rule	*rules[MAXRULES];	/* lists, in order */
	size_t			 nrules;
	int			 filters;	/* CMD_FILTERS seen */
	int			 operands;	/* CMD_OPERANDS given */
	int			 ns;		/* CMD_GLOBAL_NS: typed */
	struct option		 longopts[MAXOPTS + 1];
	char			 optstring[3 * MAXOPTS + 2];
} frame;

static const struct cmd_option help_option = { .name = "help", .val = 'h' };

#define OPT_F(k)	(OPT_FILTER + FILTER_ ## k)

static const struct cmd_option filter_options[] = {
	{ .name = "owner", .val = OPT_F(OWNER), .arg = CMD_ARG_USER,
	    .also = CMD_FILTERS },
	{ .name = "creator", .val = OPT_F(CREATOR), .arg = CMD_ARG_USER,
	    .also = CMD_FILTERS },
	{ .name = "key", .val = OPT_F(KEY), .arg = CMD_ARG_KEY,
	    .also = CMD_FILTERS },
	{ .name = "unattached", .val = OPT_F(UNATTACHED),
	    .also = CMD_FILTERS },
	{ .name = "orphaned", .val = OPT_F(ORPHANED), .also = CMD_FILTERS },
	{ .name = "older-than", .val = OPT_F(OLDER), .arg = CMD_ARG_DURATION,
	    .also = CMD_FILTERS },
	{ .name = "larger-than", .val = OPT_F(LARGER), .arg = CMD_ARG_NUMBER,
	    .also = CMD_FILTERS },
	{ .name = "dest", .val = OPT_F(DEST), .also = CMD_FILTERS },
	/* Which objects, not a filter: rm still wants one. */
	{ .name = "posix", .val = OPT_F(POSIX) },
	{ .name = "all-types", .val = OPT_F(ALL_TYPES) },
	CMD_END
};

static const struct cmd_rule filter_rules[] = {
	{ CMD_EXCL, { OPT_F(POSIX), OPT_F(ALL_TYPES) }, NULL },
	{ CMD_EXCLUDES, { OPT_F(POSIX), OPT_F(KEY), OPT_F(CREATOR),
	    OPT_F(ORPHANED), OPT_F(DEST) }, "%2 does not apply to POSIX "
	    "objects (they have no key, creator or removal mark)" },
	CMD_RULES_END
};

const struct cmd_group cmd_filters = { filter_options, filter_rules };

static const struct cmd_option output_options[] = {
	{ .name = "output", .val = 'o', .arg = CMD_ARG_COLUMNS },
	{ .name = "json", .val = 'J' },
	{ .name = "raw", .val = 'r' },
	{ .name = "export", .val = 'e' },
	{ .name = "noheadings", .val = 'n' },
	{ .name = "notruncate", .val = OPT_FMT_NOTRUNCATE },
	CMD_END
};

static const struct cmd_rule output_rules[] = {
	{ CMD_EXCL, { 'J', 'r', 'e' }, NULL },
	{ CMD_EXCL, { 'J', 'n' }, "--json has no headings to leave out" },
	{ CMD_EXCL, { 'e', 'n' }, "--export has no headings to leave out" },
	CMD_RULES_END
};

const struct cmd_group cmd_output = { output_options, output_rules };

static const struct cmd_option listing_options[] = {
	{ .name = "all-namespaces", .val = OPT_ALL_NAMESPACES },
	CMD_END
};

static const struct cmd_rule listing_rules[] = {
	{ CMD_EXCLUDES, { CMD_OPERANDS, OPT_F(POSIX), OPT_F(ALL_TYPES) },
	    "--posix and --all-types apply to the listing; a TARGET names "
	    "its own kind" },
	{ CMD_EXCLUDES, { OPT_ALL_NAMESPACES, CMD_OPERANDS },
	    "--all-namespaces lists every segment: no TARGETs" },
	{ CMD_EXCLUDES, { OPT_ALL_NAMESPACES, OPT_F(POSIX), OPT_F(ALL_TYPES) },
	    "--all-namespaces lists System V segments: POSIX objects belong "
	    "to mount namespaces (use --ns PID --posix)" },
	{ CMD_EXCLUDES, { OPT_ALL_NAMESPACES, CMD_GLOBAL_NS },
	    "--all-namespaces and the global --ns exclude each other" },
	CMD_RULES_END
};

const struct cmd_group cmd_listing = { listing_options, listing_rules };

/* The escaped text of a formatted message, in B. */
static void
vformat(struct buf *b, const char *fmt, va_list ap)
{
	char	*msg;

	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	b->len = 0;
	esc_term(b, msg != NULL ? msg : fmt, strlen(msg != NULL ? msg : fmt));
	free(msg);
}

static void
vmessage(int error, const char *fmt, va_list ap)
{
	struct buf	 b = { 0 };

	vformat(&b, fmt, ap);
	if (error != 0)
		warnx("%s: %s", b.p, strerror(error));
	else
		warnx("%s", b.p);
	buf_free(&b);
}

void
cmd_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmessage(0, fmt, ap);
	va_end(ap);
}

void
cmd_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 error = errno;

	va_start(ap, fmt);
	vmessage(error, fmt, ap);
	va_end(ap);
}

noreturn void
cmd_errx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmessage(0, fmt, ap);
	va_end(ap);
	exit(EXIT_FAIL);
}

noreturn void
cmd_err(const char *fmt, ...)
{
	va_list	 ap;
	int	 error = errno;

	va_start(ap, fmt);
	vmessage(error, fmt, ap);
	va_end(ap);
	exit(EXIT_FAIL);
}

void
cmd_outf(const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	vformat(&b, fmt, ap);
	va_end(ap);
	buf_add(&b, "\n", 1);
	fwrite(b.p, 1, b.len, stdout);
	buf_free(&b);
}

noreturn void
usage_err(const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	vformat(&b, fmt, ap);
	va_end(ap);
	/*
	 * One line, so a script's `2>&1 | head -1` gets all of it: the
	 * arguments quoted in it may hold newlines or escape sequences.
	 */
	if (cmd_current != NULL)
		warnx("%s (try 'shmtool %s --help')", b.p, cmd_current->name);
	else
		warnx("%s (try 'shmtool --help')", b.p);
	buf_free(&b);
	exit(EXIT_USAGE);
}

const char cmd_help_line[] =
    "  -h, --help          show this help and exit\n";

noreturn void
cmd_help(const struct cmd_entry *ce)
{
	printf("Usage: shmtool %s\n%s.\n", ce->synopsis, ce->summary);
	if (ce->help != NULL && *ce->help != '\0')
		printf("\nOptions:\n%s", ce->help);
	printf("%s", cmd_help_line);
	if (ce->columns != NULL)
		fmt_help_columns(ce->columns, ce->ncolumns);
	if (ce->help_extra != NULL)
		ce->help_extra();
	exit(out_close() == 0 ? EXIT_OK : EXIT_FAIL);
}

/*
 * "--al" that begins more than one long option (and is none of them):
 * "ambiguous option '--al' (could be --all, --all-types)".
 */
static void
ambiguous_err(const char *a, const struct option *longopts)
{
	const struct option	*o;
	struct buf		 b = { 0 };
	size_t			 len = strcspn(a + 2, "=");
	int			 n = 0;

	for (o = longopts; o->name != NULL; o++) {
		if (strncmp(o->name, a + 2, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return;		/* exact: not what went wrong */
		buf_addf(&b, "%s--%s", n++ ? ", " : "", o->name);
	}
	if (n > 1)
		usage_err("ambiguous option '%.*s' (could be %s)",
		    (int)len + 2, a, b.p);
	buf_free(&b);
}

/*
 * What getopt_long refused.  optopt is the character of a short option;
 * for a long option given an argument it does not take (--json=1) it is
 * the option's value, which need not be a character at all.
 */
noreturn void
cmd_option_err(char **argv, const struct option *longopts)
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
	if (strncmp(a, "--", 2) == 0)
		ambiguous_err(a, longopts);
	usage_err("unknown option '%s'", a);
}

/* O as getopt_long's LO, and its letter appended to OPTSTRING. */
static void
getopt_add(const struct cmd_option *o, struct option *lo, char *optstring)
{
	char	*p;

	lo->name = o->name;
	lo->has_arg = o->arg == CMD_ARG_NONE ? no_argument : o->optional ?
	    optional_argument : required_argument;
	lo->flag = NULL;
	lo->val = o->val;
	if (o->val >= 0x100)
		return;
	p = optstring + strlen(optstring);
	*p++ = (char)o->val;
	if (lo->has_arg != no_argument)
		*p++ = ':';
	if (lo->has_arg == optional_argument)
		*p++ = ':';
	*p = '\0';
}

void
cmd_getopt_table(const struct cmd_option *opts, struct option *longopts,
    char *optstring)
{
	for (; opts->name != NULL; opts++)
		getopt_add(opts, longopts++, optstring);
	memset(longopts, 0, sizeof(*longopts));
}

static void
add_option(const struct cmd_option *o)
{
	if (frame.n == MAXOPTS)
		errx(EXIT_FAIL, "internal error: too many options");
	frame.opt[frame.n] = o;
	getopt_add(o, &frame.longopts[frame.n++], frame.optstring);
}

static void
add_rules(const struct cmd_rule *r)
{
	if (r == NULL)
		return;
	if (frame.nrules == MAXRULES)
		errx(EXIT_FAIL, "internal error: too many rule lists");
	frame.rules[frame.nrules++] = r;
}

static int
opt_index(int val)
{
	size_t	 i;

	for (i = 0; i < frame.n; i++)
		if (frame.opt[i]->val == val)
			return (int)i;
	return -1;
}

/* The table of CE, its groups spliced in, for getopt_long. */
static void
flatten(const struct cmd_entry *ce)
{
	const struct cmd_option	*o, *g;

	memset(&frame, 0, sizeof(frame));
	frame.ce = ce;
	/* A leading ':' makes getopt report missing arguments as ':'. */
	frame.optstring[0] = ':';
	for (o = ce->options; o != NULL && (o->name != NULL ||
	    o->group != NULL); o++) {
		if (o->name != NULL) {
			add_option(o);
			continue;
		}
		for (g = o->group->options; g->name != NULL; g++)
			add_option(g);
		add_rules(o->group->rules);
	}
	/* The global options have their own --help. */
	if (opt_index('h') == -1)
		add_option(&help_option);
	add_rules(ce->rules);
}

/* VAL (an option's, or CMD_OPERANDS) was given. */
static void
note(int val)
{
	int	 i;

	if (val == CMD_OPERANDS)
		frame.operands = 1;
	else if ((i = opt_index(val)) != -1) {
		frame.seen[i] = 1;
		if (frame.opt[i]->also == CMD_FILTERS)
			frame.filters = 1;
	}
}

static int
given(int val)
{
	int	 i;

	switch (val) {
	case CMD_OPERANDS:
		return frame.operands;
	case CMD_FILTERS:
		return frame.filters;
	case CMD_GLOBAL_NS:
		return frame.ns || ns_joined();
	}
	return (i = opt_index(val)) != -1 && frame.seen[i];
}

static void
opt_name(struct buf *b, int val)
{
	int	 i;

	if (val == CMD_OPERANDS)
		buf_addstr(b, "TARGET");
	else if (val == CMD_FILTERS)
		buf_addstr(b, "filters");
	else if (val == CMD_GLOBAL_NS)
		buf_addstr(b, "--ns");
	else if ((i = opt_index(val)) != -1)
		buf_addf(b, "--%s", frame.opt[i]->name);
}

/* A broken rule: MSG with %1 and %2 standing for the options A and B. */
static noreturn void
rule_err(const char *msg, int a, int b)
{
	struct buf	 m = { 0 };
	const char	*p;

	for (p = msg; *p != '\0'; p++) {
		if (p[0] == '%' && (p[1] == '1' || p[1] == '2')) {
			opt_name(&m, *++p == '1' ? a : b);
			continue;
		}
		buf_add(&m, p, 1);
	}
	usage_err("%s", m.p);
}

static size_t
rule_len(const struct cmd_rule *r)
{
	size_t	 n;

	for (n = 0; n < 8 && r->opts[n] != 0; n++)
		;
	return n;
}

/*
 * A CMD_EXCL or CMD_EXCLUDES rule broken by what was given: 1, with the
 * two options that exclude each other in *A and *B.
 */
static int
excluded(const struct cmd_rule *r, int *a, int *b)
{
	size_t	 i, j, n = rule_len(r);

	for (i = 0; i < (r->kind == CMD_EXCL ? n : 1); i++)
		for (j = i + 1; given(r->opts[i]) && j < n; j++)
			if (given(r->opts[j])) {
				*a = r->opts[i];
				*b = r->opts[j];
				return 1;
			}
	return 0;
}

static void
check_rule(const struct cmd_rule *r)
{
	size_t	 j, n = rule_len(r);
	int	 a, b;

	switch (r->kind) {
	case CMD_EXCL:
	case CMD_EXCLUDES:
		if (excluded(r, &a, &b))
			rule_err(r->msg != NULL ? r->msg :
			    "%1 and %2 exclude each other", a, b);
		break;
	case CMD_NEEDS:
		if (!given(r->opts[0]))
			break;
		for (j = 1; j < n; j++)
			if (given(r->opts[j]))
				return;
		rule_err(r->msg != NULL ? r->msg : "%1 needs %2", r->opts[0],
		    r->opts[1]);
	case CMD_ONE_OF:
		for (j = 0; j < n; j++)
			if (given(r->opts[j]))
				return;
		rule_err(r->msg, r->opts[0], r->opts[0]);
	}
}

static void
check_rules(int argc)
{
	const struct cmd_rule	*r;
	size_t			 i;

	frame.operands = optind < argc;
	for (i = 0; i < frame.nrules; i++)
		for (r = frame.rules[i]; r->opts[0] != 0; r++)
			check_rule(r);
}

int
cmd_getopt(int argc, char **argv)
{
	int	 ch;

	if (frame.ce != cmd_current)
		flatten(cmd_current);
	opterr = 0;
	ch = getopt_long(argc, argv, frame.optstring, frame.longopts, NULL);
	switch (ch) {
	case -1:
		check_rules(argc);
		return -1;
	case 'h':
		cmd_help(cmd_current);
	case '?':
		cmd_option_err(argv, frame.longopts);
	case ':':
		if (optopt != 0 && strncmp(argv[optind - 1], "--", 2) != 0)
			usage_err("option '-%c' needs an argument", optopt);
		usage_err("option '%s' needs an argument", argv[optind - 1]);
	}
	note(ch);
	return ch;
}

size_t
cmd_option_list(const struct cmd_entry *ce, const struct cmd_option **v)
{
	size_t	 n;

	flatten(ce);
	n = frame.n;
	memcpy(v, frame.opt, n * sizeof(*v));
	frame.ce = NULL;	/* cmd_getopt() starts afresh */
	return n;
}

/* How many CMD_EXCL and CMD_EXCLUDES rules what was given breaks. */
static size_t
count_excluded(void)
{
	const struct cmd_rule	*r;
	size_t			 i, n = 0;
	int			 a, b;

	for (i = 0; i < frame.nrules; i++)
		for (r = frame.rules[i]; r->opts[0] != 0; r++)
			if ((r->kind == CMD_EXCL || r->kind == CMD_EXCLUDES) &&
			    excluded(r, &a, &b))
				n++;
	return n;
}

int
cmd_allows(const struct cmd_entry *ce, const int *given, size_t n, int ns,
    int val)
{
	size_t	 i, before;
	int	 ok;

	flatten(ce);
	frame.ns = ns;
	for (i = 0; i < n; i++)
		note(given[i]);
	/* Noting more only breaks more: a rule newly broken is VAL's. */
	before = count_excluded();
	note(val);
	ok = count_excluded() == before;
	frame.ce = NULL;
	return ok;
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

/* USER or UID: the uid, or a usage error saying "invalid WHAT". */
static uid_t
opt_uid(const char *what, const char *user, const char *arg)
{
	uid_t	 uid;

	if (names_parse_user(user, &uid) == -1)
		usage_err("invalid %s '%s': no such user", what, arg);
	return uid;
}

int
cmd_range_option(struct cmd_range *r, int ch, const char *arg)
{
	switch (ch) {
	case 's':
		r->off = opt_offset("offset", arg);
		return 1;
	case 'n':
		r->len = opt_offset("length", arg);
		r->has_len = 1;
		return 1;
	}
	return 0;
}

void
cmd_range_check(const struct cmd_range *r, const struct target *t,
    const struct shm_seg *s)
{
	if (r->off > s->size)
		cmd_errx("%s: offset %llu is beyond the end of the %s (size "
		    "%llu)", target_str(t), (unsigned long long)r->off,
		    s->type == SEG_POSIX ? "object" : "segment",
		    (unsigned long long)s->size);
}

int
cmd_filter_option(struct filter *f, int ch, const char *arg)
{
	if (ch < OPT_FILTER || ch >= OPT_FILTER_END)
		return 0;
	switch ((enum filter_key)(ch - OPT_FILTER)) {
	case FILTER_OWNER:
		f->owner = opt_uid("owner", arg, arg);
		f->has_owner = 1;
		break;
	case FILTER_CREATOR:
		f->creator = opt_uid("creator", arg, arg);
		f->has_creator = 1;
		break;
	case FILTER_KEY:
		f->key = opt_key("key", arg);
		f->has_key = 1;
		break;
	case FILTER_UNATTACHED:
		f->unattached = 1;
		break;
	case FILTER_ORPHANED:
		f->orphaned = 1;
		break;
	case FILTER_OLDER:
		f->older_than = opt_duration("duration", arg);
		f->has_older = 1;
		break;
	case FILTER_LARGER:
		f->larger_than = opt_offset("size", arg);
		f->has_larger = 1;
		break;
	case FILTER_DEST:
		f->dest = 1;
		break;
	case FILTER_POSIX:
	case FILTER_ALL_TYPES:
		f->family = ch == OPT_F(POSIX) ? FAMILY_POSIX : FAMILY_ALL;
		return 1;
	case FILTER_NKEYS:
		return 0;
	}
	f->active = 1;
	return 1;
}

int
cmd_output_option(struct fmt_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'o':
		o->output = arg;
		break;
	case 'J':
		o->json = 1;
		break;
	case 'r':
		o->raw = 1;
		break;
	case 'e':
		o->export = 1;
		break;
	case 'n':
		o->noheadings = 1;
		break;
	case OPT_FMT_NOTRUNCATE:
		o->notruncate = 1;
		break;
	case OPT_FMT_TIME:
		o->time = strcmp(arg, "short") == 0 ? FMT_TIME_SHORT :
		    strcmp(arg, "full") == 0 ? FMT_TIME_FULL :
		    strcmp(arg, "iso") == 0 ? FMT_TIME_ISO : FMT_TIME_DEFAULT;
		if (o->time == FMT_TIME_DEFAULT)
			usage_err("invalid time format '%s': short, full or iso",
			    arg);
		break;
	default:
		return 0;
	}
	return 1;
}

/* A usage error "invalid WHAT 'ARG': WHY" for what PARSE refuses. */
static uint64_t
opt_u64(int (*parse)(const char *, uint64_t *, const char **),
    const char *what, const char *arg)
{
	const char	*why;
	uint64_t	 v;

	if (parse(arg, &v, &why) == -1)
		usage_err("invalid %s '%s': %s", what, arg, why);
	return v;
}

uint64_t
opt_size(const char *what, const char *arg)
{
	return opt_u64(parse_size, what, arg);
}

uint64_t
opt_offset(const char *what, const char *arg)
{
	return opt_u64(parse_offset, what, arg);
}

uint64_t
opt_duration(const char *what, const char *arg)
{
	return opt_u64(parse_duration, what, arg);
}

uint64_t
opt_duration_ms(const char *what, const char *arg)
{
	return opt_u64(parse_duration_ms, what, arg);
}

int32_t
opt_key(const char *what, const char *arg)
{
	const char	*why;
	int32_t		 v;

	if (parse_key(arg, &v, &why) == -1)
		usage_err("invalid %s '%s': %s", what, arg, why);
	return v;
}

mode_t
opt_mode(const char *what, const char *arg)
{
	const char	*why;
	mode_t		 v;

	if (parse_mode(arg, &v, &why) == -1)
		usage_err("invalid %s '%s': %s", what, arg, why);
	return v;
}

void
opt_target(const char *arg, struct target *t)
{
	const char	*why;

	if (parse_target(arg, t, &why) != -1)
		return;
	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X'))
		usage_err("invalid target '%s': %s%s", arg, why, arg);
	usage_err("invalid target '%s': %s", arg, why);
}

void
opt_ns(const char *arg, struct ns_arg *ns)
{
	const char	*why;

	if (parse_ns(arg, ns, &why) == -1)
		usage_err("invalid --ns '%s': %s", arg, why);
}

int
opt_owner(const char *arg, uid_t *uid, gid_t *gid)
{
	char		 user[256];
	const char	*colon = strchr(arg, ':');
	size_t		 n = colon != NULL ? (size_t)(colon - arg) :
			    strlen(arg);

	if (n >= sizeof(user))
		usage_err("invalid owner '%s': name too long", arg);
	memcpy(user, arg, n);
	user[n] = '\0';
	*uid = opt_uid("owner", user, user);
	if (colon == NULL)
		return 0;
	if (names_parse_group(colon + 1, gid) == -1)
		usage_err("invalid owner '%s': no such group", arg);
	return 1;
}

size_t
opt_columns(const struct fmt_col *cols, size_t ncols, const char *list,
    const size_t *defs, size_t ndefs, size_t **sel)
{
	char	*cause;
	int	 n;

	if ((n = fmt_parse_columns(cols, ncols, list, defs, ndefs, sel,
	    &cause)) == -1)
		usage_err("%s", cause);
	return (size_t)n;
}

void
cmd_target_warn(const struct target *t, const char *cause)
{
	cmd_warnx("%s: %s", target_str(t), cause);
}

noreturn void
cmd_target_fail(const struct target *t, const char *cause)
{
	cmd_errx("%s: %s", target_str(t), cause);
}

int
cmd_select(const struct target *t, struct shm_seg *s)
{
	char	*cause;

	if (select_target(t, s, &cause) == 0)
		return 0;
	cmd_target_warn(t, cause);
	free(cause);
	return -1;
}

int
cmd_ns_warn(const struct ipc_ns_list *l)
{
	size_t	 i;
	char	*msg;
	int	 rc = EXIT_OK;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].error == 0)
			continue;
		msg = ns_strerror(&l->v[i]);
		cmd_warnx("%s", msg);
		free(msg);
		rc = EXIT_FAIL;
	}
	if (l->unseen > 0) {
		cmd_warnx("%zu process%s not examined (permission denied): "
		    "their IPC namespaces may be missing; run as root",
		    l->unseen, l->unseen == 1 ? "" : "es");
		rc = EXIT_FAIL;
	}
	return rc;
}
