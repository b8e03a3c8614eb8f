/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Choosing segments and POSIX objects: TARGET operands resolved to
 * rows, which kind a listing draws from (--posix, --all-types), and the
 * filters shared by stat, who and rm (--owner, --creator, --key,
 * --unattached, --orphaned, --older-than, --larger-than, --dest),
 * combined with AND, and the namespaces of --all-namespaces.
 */
#ifndef SELECT_H
#define SELECT_H

#include <getopt.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>
#include <time.h>

#include "ns.h"
#include "parse.h"
#include "sysvipc.h"

/* What a listing draws from. */
enum family {
	FAMILY_SYSV = 1,	/* the default */
	FAMILY_POSIX = 2,	/* --posix */
	FAMILY_ALL = 3		/* --all-types */
};

struct filter {
	int		 active;	/* any filter given */
	int		 family;	/* 0 until --posix or --all-types */
	int		 has_owner, has_creator, has_key;
	int		 has_older, has_larger;
	uid_t		 owner, creator;
	int32_t		 key;
	uint64_t	 older_than;	/* seconds */
	uint64_t	 larger_than;	/* bytes */
	int		 unattached, orphaned, dest;
};

/* Long-option codes of the filters: above any short option. */
enum {
	OPT_FILTER_OWNER = 0x100,
	OPT_FILTER_CREATOR,
	OPT_FILTER_KEY,
	OPT_FILTER_UNATTACHED,
	OPT_FILTER_ORPHANED,
	OPT_FILTER_OLDER,
	OPT_FILTER_LARGER,
	OPT_FILTER_DEST,
	OPT_FILTER_POSIX,
	OPT_FILTER_ALL_TYPES,
	OPT_FILTER_LAST		/* commands number their own from here */
};

/* Put this in a command's struct option array. */
#define FILTER_LONGOPTS \
	{ "owner",	 required_argument, NULL, OPT_FILTER_OWNER }, \
	{ "creator",	 required_argument, NULL, OPT_FILTER_CREATOR }, \
	{ "key",	 required_argument, NULL, OPT_FILTER_KEY }, \
	{ "unattached",	 no_argument,	    NULL, OPT_FILTER_UNATTACHED }, \
	{ "orphaned",	 no_argument,	    NULL, OPT_FILTER_ORPHANED }, \
	{ "older-than",	 required_argument, NULL, OPT_FILTER_OLDER }, \
	{ "larger-than", required_argument, NULL, OPT_FILTER_LARGER }, \
	{ "dest",	 no_argument,	    NULL, OPT_FILTER_DEST }, \
	{ "posix",	 no_argument,	    NULL, OPT_FILTER_POSIX }, \
	{ "all-types",	 no_argument,	    NULL, OPT_FILTER_ALL_TYPES }

/* The --help lines for the filters. */
#define FILTER_HELP \
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
"                             POSIX: not modified within DURATION\n" \
"      --larger-than SIZE     larger than SIZE\n" \
"      --dest                 marked for removal (segments only)\n"

/*
 * Handles CH from a command's getopt loop when it is a filter option:
 * 1 if it was one (usage errors exit 2), 0 otherwise.
 */
int	filter_option(struct filter *, int, const char *);
/*
 * After the options: with --posix, the filters that only segments have
 * are usage errors.  Returns the family (FAMILY_SYSV when none given).
 */
int	filter_family(const struct filter *);
/* 1 when the segment passes every filter given. */
int	filter_match(const struct filter *, const struct shm_seg *, time_t);
/* Keeps the segments of the list that match, in order. */
void	filter_list(const struct filter *, struct shm_list *);

/*
 * The rows of a listing of FAMILY: segments by id, then POSIX objects by
 * name; *skipped counts the /dev/shm entries that are no objects.  0, or
 * -1 with select_list_error() saying what could not be read.
 */
int	select_list(int, struct shm_list *, size_t *);
const char *select_list_error(void);

/* nattch 0, and both the creator and the last user gone (or reused). */
int	seg_orphaned(const struct shm_seg *);
/* The time of the last attach, detach or change. */
int64_t	seg_last_use(const struct shm_seg *);

/*
 * Resolves a TARGET to its segment or POSIX object: 0, or -1 with errno
 * (ENOENT: there is none; ENOTOBJECT: a name that is not a regular
 * file).  select_reason() says why in words, select_warn() prints that
 * as "TARGET: reason".
 */
int	select_target(const struct target *, struct shm_seg *);
const char *select_reason(const struct target *, int);
void	select_warn(const struct target *, int);

/*
 * Exits 1 saying why the contents of TARGET (resolved to SEG) could not
 * be mapped: segmap_read() or segmap_write(), given the segmap_how, failed
 * with errno set.
 */
noreturn void select_map_fail(const struct target *, const struct shm_seg *,
	    int);

/*
 * --all-namespaces: every IPC namespace (ns_list) with its segments
 * that pass the filters (ns_list_segments).  Exits 1 when /proc cannot
 * be read or our own namespace cannot be joined again.
 */
void	select_namespaces(const struct filter *, struct ipc_ns_list *);
/*
 * Warns about each namespace that could not be read and about processes
 * whose namespace was hidden: EXIT_FAIL when there was any, or EXIT_OK.
 */
int	select_ns_warn(const struct ipc_ns_list *);

#endif
