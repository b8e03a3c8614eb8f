/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The parts of stat and who that are one thing: the options they share,
 * TARGETs and the kinds they name, the default columns of each kind and
 * mode (and the NS columns --all-namespaces adds around them), -o, and
 * --sort, which compares the very values the format shows (each
 * column's getter), so that a column is described once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "listing.h"
#include "util.h"

int
listing_option(struct listing_args *a, int ch, const char *arg)
{
	if (cmd_filter_option(&a->flt, ch, arg) ||
	    cmd_output_option(&a->fo, ch, arg))
		return 1;
	if (ch != OPT_ALL_NAMESPACES)
		return 0;
	a->allns = 1;
	return 1;
}

/*
 * The columns of a kind and mode when -o gives none (or -o +LIST adds to
 * them), --all-namespaces putting the namespace's around them.
 */
static size_t *
default_columns(const struct listing *l, const struct listing_args *a,
    size_t *np)
{
	const struct colset	*cs = &l->defs[a->family - 1][a->mode];
	const struct colset	*first = &l->ns_first, *last = &l->ns_last;
	size_t			*v, n = 0;

	v = xreallocarray(NULL, cs->n + first->n + last->n + 1, sizeof(*v));
	if (a->allns) {
		memcpy(v, first->v, first->n * sizeof(*v));
		n = first->n;
	}
	memcpy(v + n, cs->v, cs->n * sizeof(*v));
	n += cs->n;
	if (a->allns) {
		memcpy(v + n, last->v, last->n * sizeof(*v));
		n += last->n;
	}
	*np = n;
	return v;
}

void
listing_operands(struct listing_args *a, const struct listing *l, int argc,
    char **argv)
{
	size_t	*defs, ndefs, i;

	a->mode = fmt_opts_mode(&a->fo);
	a->family = filter_family(&a->flt);
	a->ntg = (size_t)(argc - optind);
	/* TARGETs: the kinds they name decide the columns. */
	if (a->ntg > 0) {
		a->tg = xcalloc(a->ntg, sizeof(*a->tg));
		a->family = 0;
	}
	for (i = 0; i < a->ntg; i++) {
		opt_target(argv[optind + (int)i], &a->tg[i]);
		a->family |= a->tg[i].type == TARGET_POSIX ? FAMILY_POSIX :
		    FAMILY_SYSV;
	}
	if (l->detail && a->mode == FMT_TABLE && a->ntg > 0)
		a->mode = FMT_DETAIL;
	defs = default_columns(l, a, &ndefs);
	if (a->fo.output != NULL) {
		a->nsel = opt_columns(l->cols, l->ncols, a->fo.output, defs,
		    ndefs, &a->sel);
		free(defs);
	} else {
		a->sel = defs;
		a->nsel = ndefs;
	}
	a->fo.now = now_secs();
}

void
listing_free(struct listing_args *a)
{
	free(a->tg);
	free(a->sel);
}

int
listing_ns_needed(const struct listing *l, const size_t *sel, size_t nsel)
{
	size_t	 i;
	int	 need = 0;

	for (i = 0; i < nsel; i++) {
		if (sel[i] == l->ns && need < 1)
			need = 1;
		if (sel[i] == l->nspid || sel[i] == l->nscommand)
			need = 2;
	}
	return need;
}

void
listing_ns_ino(const struct ipc_ns *ns, struct fmt_val *v)
{
	if (ns->ino != 0)
		fv_uint(v, ns->ino);
	else
		fv_null(v);
}

void
listing_ns_pid(const struct ipc_ns *ns, struct fmt_val *v)
{
	if (ns->pid > 0)
		fv_int(v, ns->pid);
	else
		fv_null(v);
}

void
listing_ns_command(const struct ipc_ns *ns, struct fmt_val *v)
{
	fv_text(v, ns_command(ns));
}

const void *
listing_array_next(void *arg)
{
	struct listing_array	*a = arg;

	return a->i < a->n ? a->base + a->size * a->i++ : NULL;
}

void
listing_array_rewind(void *arg)
{
	((struct listing_array *)arg)->i = 0;
}

size_t
listing_sort_column(const struct listing *l, const char *name)
{
	int	 c;

	if ((c = fmt_find_column(l->cols, l->ncols, name, strlen(name))) == -1)
		usage_err("unknown column '%s' for --sort", name);
	return (size_t)c;
}

static int
cmp_i(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_u(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* Lists: the shorter first (none, one word, both), then word by word. */
static int
cmp_list(const struct fmt_val *a, const struct fmt_val *b)
{
	size_t	 i;
	int	 c;

	if ((c = cmp_u(a->u, b->u)) != 0)
		return c;
	for (i = 0; i < a->u && c == 0; i++)
		c = strcmp(a->list[i], b->list[i]);
	return c;
}

int
listing_cmp(const struct fmt_val *a, const struct fmt_val *b)
{
	if (a->type == FV_NULL || b->type == FV_NULL) {
		if (a->type == b->type)
			return 0;
		/* A yes/no that may be unknown: no, unknown, yes. */
		if (a->type == FV_BOOL)
			return a->u ? 1 : -1;
		if (b->type == FV_BOOL)
			return b->u ? -1 : 1;
		return a->type == FV_NULL ? -1 : 1;
	}
	switch (a->type) {
	case FV_INT:
	case FV_TIME:
	case FV_AGE:
		return cmp_i(a->i, b->i);
	case FV_TEXT:
	case FV_PLAIN:
		return strcmp(a->s, b->s);
	case FV_LIST:
		return cmp_list(a, b);
	default:
		return cmp_u(a->u, b->u);
	}
}

struct sort_by {
	const struct fmt_col	*col;
	int			(*tie)(const void *, const void *);
	int			 desc;
};

static int
sort_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_by	*by = arg;
	struct fmt_val		 va, vb;
	int			 c;

	by->col->get(a, &va);
	by->col->get(b, &vb);
	if ((c = listing_cmp(&va, &vb)) != 0)
		return by->desc ? -c : c;
	return by->tie(a, b);
}

void
listing_sort(void *base, size_t n, size_t size, const struct fmt_col *col,
    int (*tie)(const void *, const void *), int desc)
{
	struct sort_by	 by = { col, tie, desc };

	qsort_r(base, n, size, sort_cmp, &by);
}

void
listing_unproven(const struct unproven *u, const char *one,
    const char *many, const char *verb)
{
	if (u->n > 0)
		cmd_warnx("%zu %s not %s, as unproven here: %s", u->n,
		    u->n == 1 ? one : many, verb, u->why);
}
