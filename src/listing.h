/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * What the listings (stat and who) share: their options (the filters,
 * the output group, --all-namespaces), TARGETs and the kinds they name,
 * the columns shown when -o gives none, the NS columns, --sort over the
 * columns' typed values, and the warnings after the rows.
 */
#ifndef LISTING_H
#define LISTING_H

#include <stddef.h>

#include "format.h"
#include "ns.h"
#include "select.h"

struct colset {
	const size_t	*v;
	size_t		 n;
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define COLSET(a)	{ a, NELEM(a) }

/* A listing command's columns and defaults. */
struct listing {
	const struct fmt_col	*cols;
	size_t			 ncols;
	const char		*key;		/* JSON: the list's member */
	/* When -o gives none, or -o +LIST: [family - 1][mode]. */
	struct colset		 defs[3][FMT_NMODES];
	/* --all-namespaces puts these before and after them. */
	struct colset		 ns_first, ns_last;
	/* NS, NSPID and NSCOMMAND: what they need read. */
	size_t			 ns, nspid, nscommand;
	int			 detail;	/* TARGETs: detail blocks */
};

/* The command line of a listing, once parsed. */
struct listing_args {
	struct filter	 flt;
	struct fmt_opts	 fo;
	enum fmt_mode	 mode;
	int		 family;	/* FAMILY_*, of the filters or TARGETs */
	int		 allns;		/* --all-namespaces */
	struct target	*tg;		/* NULL without TARGETs */
	size_t		 ntg;
	size_t		*sel, nsel;	/* the columns */
};

/* 1 when CH is an option every listing has (A filled in). */
int		 listing_option(struct listing_args *, int, const char *);
/* After the options: TARGETs, the kinds, the mode, the columns. */
void		 listing_operands(struct listing_args *, const struct listing *,
		    int, char **);
void		 listing_free(struct listing_args *);
/* What the NS columns shown need: 0 nothing, 1 the inode, 2 a pid. */
int		 listing_ns_needed(const struct listing *, const size_t *,
		    size_t);

/*
 * The NS, NSPID and NSCOMMAND columns of a struct fmt_col table,
 * indexed by the three given enumerators, with their getters.
 */
#define LISTING_NS_COLUMNS(ns, nspid, nscommand, get_ns, get_nspid,	\
    get_nscommand)							\
	[ns] = { "NS", "ns", 1,						\
	    "IPC namespace, the inode of /proc/PID/ns/ipc", get_ns },	\
	[nspid] = { "NSPID", "nspid", 1,				\
	    "a process in that namespace (the lowest pid)", get_nspid },\
	[nscommand] = { "NSCOMMAND", "nscommand", 0,			\
	    "that process's command", get_nscommand, 1 }

/* The values of those columns for namespace NS (ino 0, pid 0: null). */
void		 listing_ns_ino(const struct ipc_ns *, struct fmt_val *);
void		 listing_ns_pid(const struct ipc_ns *, struct fmt_val *);
void		 listing_ns_command(const struct ipc_ns *, struct fmt_val *);

/* An array of rows as the format's iterator (struct fmt_rows). */
struct listing_array {
	const char	*base;
	size_t		 n, size, i;
};

const void	*listing_array_next(void *);
void		 listing_array_rewind(void *);

/* --sort NAME: the column's index, or a usage error. */
size_t		 listing_sort_column(const struct listing *, const char *);
/*
 * Sorts N rows of SIZE bytes at BASE by the values of COL, ascending
 * (descending with DESC); rows that compare equal by TIE.
 */
void		 listing_sort(void *, size_t, size_t, const struct fmt_col *,
		    int (*)(const void *, const void *), int);
/* How --sort orders two values: <0, 0 or >0. */
int		 listing_cmp(const struct fmt_val *, const struct fmt_val *);

/* "N WHAT not VERB, as unproven here: why", after the rows. */
void		 listing_unproven(const struct unproven *, const char *,
		    const char *, const char *);

#endif
