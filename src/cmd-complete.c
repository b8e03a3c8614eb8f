/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * `shmtool __complete`: the hidden helper behind the bash, zsh and fish
 * completions, as git's --git-completion-helper.  The scripts hand it
 * the words of the command line and it answers from the command table -
 * each option with the kind of its argument, the operands, the rules
 * on what excludes what, the columns - so that no script lists an
 * option and none can drift from the binary or from the others; the
 * shells add only what they do best themselves (files, users, pids).
 * The queries and the format of the answers are in HACKING.md, and are
 * a contract with the scripts: lines of TAB-separated fields.  Nothing
 * under /proc or /dev/shm is read unless the answer is a list of
 * targets.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "format.h"
#include "names.h"
#include "ns.h"
#include "posixshm.h"
#include "shm.h"
#include "shmtool.h"
#include "util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* What each kind is called in the answers and in `options`. */
static const char *const kind_names[] = {
	[CMD_ARG_NONE] = "none",
	[CMD_ARG_NUMBER] = "number",
	[CMD_ARG_DURATION] = "duration",
	[CMD_ARG_COLUMNS] = "columns",
	[CMD_ARG_COLUMN] = "column",
	[CMD_ARG_TARGET] = "target",
	[CMD_ARG_FILE] = "file",
	[CMD_ARG_WORD] = "word",
	[CMD_ARG_USER] = "user",
	[CMD_ARG_MODE] = "mode",
	[CMD_ARG_KEY] = "key",
	[CMD_ARG_ADDRESS] = "address",
	[CMD_ARG_DIR] = "dir",
	[CMD_ARG_TEXT] = "text",
	[CMD_ARG_NS] = "ns",
};
static_assert(NELEM(kind_names) == CMD_ARG_NKINDS,
    "kind_names names every enum cmd_arg");

/* The command line up to the cursor, as far as it was understood. */
struct line {
	char			**w;	/* the program's name first */
	int			  n;	/* w[n - 1]: the word at the cursor */
	const char		 *ns;	/* the global --ns typed, or NULL */
	const struct cmd_entry	 *ce;	/* the command, or the global one */
	const struct cmd_option	 *opt[CMD_MAXOPTS];
	size_t			  nopt;
	int			  given[CMD_MAXOPTS + 1];	/* values */
	size_t			  ngiven;
	int			  operands;	/* how many were typed */
	int			  dashdash;	/* "--" was */
};

/*
 * A candidate: a word the shell may put at the cursor, and what it is.
 * A word it could not put back as it is (a control character, a tab or
 * a newline in a POSIX name) is left out; the description is escaped.
 */
static void
candidate(const char *word, const char *desc)
{
	struct buf	 b = { 0 };
	const char	*p;

	for (p = word; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return;
	if (desc != NULL)
		esc_term(&b, desc, strlen(desc));
	printf("%s\t%s\n", word, b.p != NULL ? b.p : "");
	buf_free(&b);
}

/*
 * The description of --NAME in a --help text: what follows the option
 * and its argument on its line ("  -o, --output LIST   columns..."),
 * and the lines that continue it.  An argument follows the name after
 * one space or a '[' or '='; the description after two spaces or more.
 */
static void
help_desc(struct buf *b, const char *help, const char *name)
{
	const char	*l, *p, *e;
	size_t		 n = strlen(name), start = b->len;

	for (l = help; l != NULL && *l != '\0'; l = e + (*e != '\0')) {
		e = l + strcspn(l, "\n");
		p = l + strspn(l, " ");
		if (p[0] == '-' && p[1] != '-' && p[1] != '\0' && p[2] == ',')
			p += 3 + strspn(p + 3, " ");
		if (strncmp(p, "--", 2) != 0 || strncmp(p + 2, name, n) != 0 ||
		    (p[2 + n] != ' ' && p[2 + n] != '[' && p[2 + n] != '=' &&
		    p + 2 + n != e))
			continue;
		p += 2 + n;
		if (*p == '[' || *p == '=' || (p[0] == ' ' && p[1] != ' ' &&
		    p + 1 < e))
			p += 1 + strcspn(p + 1, " \n");
		p += strspn(p, " ");
		buf_add(b, p, (size_t)(e - p));
		/* Continued: indented past the options, no option of its own. */
		while (*e != '\0') {
			l = e + 1;
			e = l + strcspn(l, "\n");
			p = l + strspn(l, " ");
			if (p - l < 8 || *p == '-' || p == e)
				break;
			if (b->len > start)
				buf_add(b, " ", 1);
			buf_add(b, p, (size_t)(e - p));
		}
		return;
	}
}

static void
option_desc(struct buf *b, const struct cmd_entry *ce,
    const struct cmd_option *o)
{
	b->len = 0;
	buf_add(b, "", 0);	/* "" when it has none */
	help_desc(b, ce->help, o->name);
	if (b->len == 0)
		help_desc(b, cmd_help_line, o->name);
}

static const struct cmd_entry *
find_command(const char *name)
{
	const struct cmd_entry	**cp;

	for (cp = cmd_table; *cp != NULL; cp++)
		if (strcmp((*cp)->name, name) == 0)
			return *cp;
	return NULL;
}

/* The long option NAME (LEN bytes) names: exact, or as getopt_long a
 * prefix of one alone; NULL. */
static const struct cmd_option *
find_long(const struct line *l, const char *name, size_t len)
{
	const struct cmd_option	*found = NULL;
	size_t			 i;

	for (i = 0; i < l->nopt; i++) {
		if (strncmp(l->opt[i]->name, name, len) != 0)
			continue;
		if (l->opt[i]->name[len] == '\0')
			return l->opt[i];
		if (found != NULL)
			return NULL;	/* ambiguous */
		found = l->opt[i];
	}
	return found;
}

static const struct cmd_option *
find_short(const struct line *l, int c)
{
	size_t	 i;

	for (i = 0; i < l->nopt; i++)
		if (l->opt[i]->val == c && c < 0x100)
			return l->opt[i];
	return NULL;
}

static int
was_given(const struct line *l, int val)
{
	size_t	 i;

	for (i = 0; i < l->ngiven; i++)
		if (l->given[i] == val)
			return 1;
	return 0;
}

static void
give(struct line *l, int val)
{
	if (!was_given(l, val) && l->ngiven < NELEM(l->given))
		l->given[l->ngiven++] = val;
}

static void
use_entry(struct line *l, const struct cmd_entry *ce)
{
	l->ce = ce;
	l->nopt = cmd_option_list(ce, l->opt);
	l->ngiven = 0;
	l->operands = 0;
	l->dashdash = 0;
}

/* The first line of an answer: the kind, and what comes before it. */
static void
answer(const char *kind, const char *prefix, size_t len)
{
	printf("%s\t%.*s\n", kind, (int)len, prefix);
}

static void
list_columns(const struct cmd_entry *ce, const char *except, size_t len)
{
	const char	*p, *comma;
	size_t		 i;
	int		 idx, skip[64] = { 0 };

	/* Those the list names already are not offered again. */
	for (p = except; p < except + len; p = comma + 1) {
		comma = memchr(p, ',', (size_t)(except + len - p));
		if (comma == NULL)
			break;
		idx = fmt_find_column(ce->columns, ce->ncolumns, p,
		    (size_t)(comma - p));
		if (idx >= 0 && (size_t)idx < NELEM(skip))
			skip[idx] = 1;
	}
	for (i = 0; i < ce->ncolumns; i++)
		if (i >= NELEM(skip) || !skip[i])
			candidate(ce->columns[i].name, ce->columns[i].help);
}

static void
list_words(const char *words)
{
	char	 w[64];
	size_t	 n;

	for (; *words != '\0'; words += n) {
		words += strspn(words, " ");
		n = strcspn(words, " ");
		if (n == 0 || n >= sizeof(w))
			continue;
		memcpy(w, words, n);
		w[n] = '\0';
		candidate(w, NULL);
	}
}

static void
target_row(const struct shm_seg *s)
{
	char	 size[16], key[11], id[16], *desc;

	fmt_size(size, sizeof(size), s->size);
	if (s->type == SEG_POSIX) {
		xasprintf(&desc, "object, size %s, owner %s", size,
		    names_user(s->uid));
		candidate(seg_name(s), desc);
	} else {
		key_hex(key, (uint32_t)s->key);
		snprintf(id, sizeof(id), "%d", s->id);
		xasprintf(&desc, "segment, key %s, size %s, owner %s", key, size,
		    names_user(s->uid));
		candidate(id, desc);
	}
	free(desc);
}

/*
 * The segments and objects there are: of the namespace of the --ns
 * typed, when one was and it can be joined (or of none).  A kind that
 * cannot be read adds nothing.
 */
static void
list_targets(const char *ns)
{
	static const int	 families[] = { FAMILY_SYSV, FAMILY_POSIX };
	struct shm_list		 l;
	struct ns_arg		 arg;
	const char		*why;
	size_t			 i, j, skipped;

	if (ns != NULL) {
		if (parse_ns(ns, &arg, &why) == -1 || ns_join(&arg, NULL) == -1)
			return;
		posixshm_set_dir(ns_devshm_open);
	}
	for (i = 0; i < NELEM(families); i++) {
		if (select_list(families[i], &l, &skipped, NULL) == -1)
			continue;
		for (j = 0; j < l.n; j++)
			target_row(&l.segs[j]);
		shm_list_free(&l);
	}
}

/*
 * The argument of option O (or an operand, O NULL) of kind KIND at the
 * cursor: WORD is the whole word, VAL where the argument starts in it.
 */
static void
complete_arg(const struct line *l, enum cmd_arg kind,
    const struct cmd_option *o, const char *word, const char *val)
{
	const char	*comma;
	size_t		 pre = (size_t)(val - word), head = 0;

	switch (kind) {
	case CMD_ARG_COLUMNS:
		/* The columns after the last comma; "+" adds to defaults. */
		if ((comma = strrchr(val, ',')) != NULL)
			head = (size_t)(comma + 1 - val);
		else if (*val == '+')
			head = 1;
		answer("columns", word, pre + head);
		if (l->ce->columns != NULL)
			list_columns(l->ce, val, head);
		return;
	case CMD_ARG_COLUMN:
		/* --sort -SIZE: the sign is no part of the name. */
		answer("column", word, pre + (*val == '-' || *val == '+'));
		if (l->ce->columns != NULL)
			list_columns(l->ce, "", 0);
		return;
	case CMD_ARG_WORD:
		answer("word", word, pre);
		list_words(o != NULL && o->words != NULL ? o->words : "");
		return;
	case CMD_ARG_TARGET:
		answer("target", word, pre);
		list_targets(l->ns);
		return;
	case CMD_ARG_USER:
		/* USER:GROUP */
		if ((comma = strchr(val, ':')) != NULL)
			answer("group", word, (size_t)(comma + 1 - word));
		else
			answer("user", word, pre);
		return;
	case CMD_ARG_NS:
		answer(strchr(val, '/') != NULL ? "file" : "pid", word, pre);
		return;
	default:
		answer(kind_names[kind], word, pre);
		return;
	}
}

/*
 * The options that may still be given: not given yet, and breaking no
 * rule of the command with what was.
 */
static void
list_options(const struct line *l)
{
	const struct cmd_option	*o;
	struct buf		 desc = { 0 };
	char			 name[64];
	size_t			 i;

	answer("option", "", 0);
	for (i = 0; i < l->nopt; i++) {
		o = l->opt[i];
		if (was_given(l, o->val) || !cmd_allows(l->ce, l->given,
		    l->ngiven, l->ns != NULL, o->val))
			continue;
		option_desc(&desc, l->ce, o);
		snprintf(name, sizeof(name), "--%s", o->name);
		candidate(name, desc.p);
		if (o->val < 0x100) {
			snprintf(name, sizeof(name), "-%c", o->val);
			candidate(name, desc.p);
		}
	}
	buf_free(&desc);
}

/* The word at the cursor when it starts with '-' (not after "--"). */
static void
complete_dash(const struct line *l, const char *cur)
{
	const struct cmd_option	*o;
	const char		*eq, *p;

	if (cur[1] == '-') {
		if ((eq = strchr(cur, '=')) == NULL) {
			list_options(l);
			return;
		}
		o = find_long(l, cur + 2, (size_t)(eq - cur - 2));
		if (o == NULL || o->arg == CMD_ARG_NONE)
			answer("none", "", 0);
		else
			complete_arg(l, o->arg, o, cur, eq + 1);
		return;
	}
	/* -bo... : the argument attached to the first letter that takes one. */
	for (p = cur + 1; *p != '\0'; p++) {
		if ((o = find_short(l, (unsigned char)*p)) == NULL)
			break;
		if (o->arg != CMD_ARG_NONE) {
			if (p[1] == '\0')
				break;
			complete_arg(l, o->arg, o, cur, p + 1);
			return;
		}
	}
	list_options(l);
}

/*
 * Walks the words from FROM to the cursor over the options of l->ce,
 * noting the options and counting the operands.  GLOBAL: stops at the
 * first operand, the command, and returns its index.  Returns -1 at the
 * cursor; *ARG is then the option whose argument the cursor's word is,
 * or NULL.
 */
static int
walk(struct line *l, int from, int global, const struct cmd_option **arg)
{
	const struct cmd_option	*o;
	const char		*a, *eq, *p;
	int			 i;

	*arg = NULL;
	for (i = from; i < l->n - 1; i++) {
		a = l->w[i];
		if (*arg != NULL) {
			if ((*arg)->arg == CMD_ARG_NS)
				l->ns = a;
			*arg = NULL;
			continue;
		}
		if (l->dashdash || a[0] != '-' || a[1] == '\0') {
			if (global)
				return i;
			l->operands++;
			give(l, CMD_OPERANDS);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			l->dashdash = 1;
			continue;
		}
		if (a[1] == '-') {
			eq = strchr(a, '=');
			o = find_long(l, a + 2, eq != NULL ? (size_t)(eq - a - 2) :
			    strlen(a + 2));
			if (o == NULL)
				continue;
			give(l, o->val);
			if (o->arg == CMD_ARG_NS && eq != NULL)
				l->ns = eq + 1;
			if (o->arg != CMD_ARG_NONE && !o->optional && eq == NULL)
				*arg = o;
			continue;
		}
		for (p = a + 1; *p != '\0'; p++) {
			if ((o = find_short(l, (unsigned char)*p)) == NULL)
				break;
			give(l, o->val);
			if (o->arg == CMD_ARG_NONE)
				continue;
			if (p[1] == '\0' && !o->optional)
				*arg = o;
			break;
		}
	}
	return -1;
}

/* The kind of operand number N of CE. */
static enum cmd_arg
operand_kind(const struct cmd_entry *ce, int n)
{
	int	 i;

	for (i = 0; i < (int)NELEM(ce->operands) && ce->operands[i] !=
	    CMD_ARG_NONE; i++)
		if (i == n)
			return ce->operands[i];
	if (i > 0 && ce->operands_repeat)
		return ce->operands[i - 1];
	return CMD_ARG_NONE;
}

static void
complete_line(struct line *l)
{
	const struct cmd_option	*arg;
	const struct cmd_entry	**cp;
	const char		*cur = l->w[l->n - 1];
	enum cmd_arg		 kind;
	int			 c;

	use_entry(l, &cmd_global_entry);
	c = walk(l, 1, 1, &arg);
	if (arg != NULL) {
		complete_arg(l, arg->arg, arg, cur, cur);
		return;
	}
	if (c == -1) {
		if (cur[0] == '-' && !l->dashdash) {
			complete_dash(l, cur);
			return;
		}
		answer("command", "", 0);
		for (cp = cmd_table; *cp != NULL; cp++)
			candidate((*cp)->name, (*cp)->summary);
		return;
	}
	if ((l->ce = find_command(l->w[c])) == NULL) {
		answer("none", "", 0);
		return;
	}
	use_entry(l, l->ce);
	walk(l, c + 1, 0, &arg);
	if (arg != NULL)
		complete_arg(l, arg->arg, arg, cur, cur);
	else if (cur[0] == '-' && !l->dashdash)
		complete_dash(l, cur);
	else {
		kind = operand_kind(l->ce, l->operands);
		if (kind != CMD_ARG_NONE && !cmd_allows(l->ce, l->given,
		    l->ngiven, l->ns != NULL, CMD_OPERANDS))
			kind = CMD_ARG_NONE;
		complete_arg(l, kind, NULL, cur, cur);
	}
}

/* `options [COMMAND]`: NAME SHORT ARGUMENT KIND WORDS DESCRIPTION. */
static void
query_options(const struct cmd_entry *ce)
{
	const struct cmd_option	*v[CMD_MAXOPTS];
	struct buf		 desc = { 0 };
	size_t			 i, n;
	char			 s[3] = "-";

	n = cmd_option_list(ce, v);
	for (i = 0; i < n; i++) {
		s[1] = v[i]->val < 0x100 ? (char)v[i]->val : '\0';
		option_desc(&desc, ce, v[i]);
		printf("--%s\t%s\t%s\t%s\t%s\t%s\n", v[i]->name, s,
		    v[i]->arg == CMD_ARG_NONE ? "no" : v[i]->optional ?
		    "optional" : "required", kind_names[v[i]->arg],
		    v[i]->words != NULL ? v[i]->words : "-",
		    desc.len > 0 ? desc.p : "-");
	}
	buf_free(&desc);
}

/* `commands`: NAME OPERANDS SUMMARY, OPERANDS as "target...". */
static void
query_commands(void)
{
	const struct cmd_entry	**cp;
	struct buf		 ops = { 0 };
	size_t			 i;

	for (cp = cmd_table; *cp != NULL; cp++) {
		ops.len = 0;
		for (i = 0; i < NELEM((*cp)->operands) &&
		    (*cp)->operands[i] != CMD_ARG_NONE; i++)
			buf_addf(&ops, "%s%s", i > 0 ? " " : "",
			    kind_names[(*cp)->operands[i]]);
		if (i > 0 && (*cp)->operands_repeat)
			buf_addstr(&ops, "...");
		printf("%s\t%s\t%s\n", (*cp)->name, i > 0 ? ops.p : "-",
		    (*cp)->summary);
	}
	buf_free(&ops);
}

static const struct cmd_entry *
command_arg(char *name)
{
	const struct cmd_entry	*ce;

	if (name == NULL)
		usage_err("missing command");
	if ((ce = find_command(name)) == NULL)
		usage_err("unknown command '%s'", name);
	return ce;
}

static int
cmd_complete_exec(int argc, char **argv)
{
	struct line	 l = { 0 };
	const char	*q = argc > 1 ? argv[1] : "";

	if (strcmp(q, "line") == 0) {
		if (argc < 4)
			usage_err("line: give the program's name and the "
			    "word at the cursor at least");
		l.w = argv + 2;
		l.n = argc - 2;
		complete_line(&l);
	} else if (strcmp(q, "commands") == 0)
		query_commands();
	else if (strcmp(q, "options") == 0)
		query_options(argc > 2 ? command_arg(argv[2]) :
		    &cmd_global_entry);
	else if (strcmp(q, "columns") == 0) {
		l.ce = command_arg(argc > 2 ? argv[2] : NULL);
		if (l.ce->columns != NULL)
			list_columns(l.ce, "", 0);
	} else if (strcmp(q, "targets") == 0)
		list_targets(NULL);
	else if (strcmp(q, "--help") == 0)
		cmd_help(&cmd_complete_entry);
	else
		usage_err("unknown query '%s'", q);
	return EXIT_OK;
}

const struct cmd_entry cmd_complete_entry = {
	.name = "__complete",
	.summary = "Answer the shell completions (not for people: see "
	    "HACKING.md)",
	.synopsis = "__complete QUERY [ARGS]",
	.help =
	    "  line PROGRAM WORD...  what to offer for the last WORD\n"
	    "  commands            NAME OPERANDS SUMMARY\n"
	    "  options [COMMAND]   NAME SHORT ARGUMENT KIND WORDS DESCRIPTION\n"
	    "  columns COMMAND     NAME DESCRIPTION\n"
	    "  targets             ID or /NAME, DESCRIPTION\n",
	.exec = cmd_complete_exec,
};
