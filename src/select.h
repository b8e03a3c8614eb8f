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

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "ns.h"
#include "parse.h"
#include "proof.h"
#include "shm.h"

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
	/*
	 * The scan the NATTCH of POSIX rows was counted from
	 * (posixshm_count), set by the command: an object is unattached
	 * only where it was complete.  NULL: not counted.
	 */
	const struct shm_holds *holds;
};

/*
 * The rows a filter could neither take nor leave - what --orphaned or
 * --unattached could not prove here: how many, and the first reason.
 */
struct unproven {
	size_t		 n;
	char		 why[PROOF_WHY];
};

/* The filters, in the order of their options (cmd.h numbers them). */
enum filter_key {
	FILTER_OWNER,
	FILTER_CREATOR,
	FILTER_KEY,
	FILTER_UNATTACHED,
	FILTER_ORPHANED,
	FILTER_OLDER,
	FILTER_LARGER,
	FILTER_DEST,
	FILTER_POSIX,
	FILTER_ALL_TYPES,
	FILTER_NKEYS
};

/*
 * The family the options ask for: FAMILY_SYSV when none was given.  The
 * command frame has refused the filters that only segments have with
 * --posix.
 */
int	filter_family(const struct filter *);
/*
 * PROOF_YES when the row passes every filter given, PROOF_NO when it
 * fails one, PROOF_UNKNOWN when it passes the others and --orphaned or
 * --unattached cannot be proven for it here: WHY (unless NULL, room for
 * PROOF_WHY) then says why ("cannot prove it orphaned: ...").  Only
 * PROOF_YES selects.
 */
enum proof filter_match(const struct filter *, const struct shm_seg *,
	    time_t, char *);
/*
 * Keeps the rows of the list that match, in order; U (unless NULL)
 * counts those left out as unproven.
 */
void	filter_list(const struct filter *, struct shm_list *,
	    struct unproven *);

/*
 * The rows of a listing of FAMILY: segments by id, then POSIX objects by
 * name; *skipped counts the /dev/shm entries that are no objects.  0, or
 * -1 with errno and *cause saying what could not be read.
 */
int	select_list(int, struct shm_list *, size_t *, char **);

/*
 * The time of the last attach, detach or change; of an object, the
 * latest of its atime, mtime and ctime.
 */
int64_t	seg_last_use(const struct shm_seg *);

/*
 * Resolves a TARGET to its segment or POSIX object: 0, or -1 with errno
 * (ENOENT: there is none; ENOTOBJECT: a name that is not a regular file)
 * and, unless CAUSE is NULL, *cause saying why in words ("no such
 * segment").  An ftok: target is resolved to its key here, once.
 */
int	select_target(const struct target *, struct shm_seg *, char **);
/*
 * The key ftok(3) makes of an ftok: TARGET's path and project: 0, or -1
 * with errno and *cause (the path cannot be looked at; EINVAL: the key
 * would be 0, IPC_PRIVATE, which names no segment).
 */
int	select_ftok(const struct target *, int32_t *, char **);

/*
 * --all-namespaces: every IPC namespace (ns_list) with its segments
 * that pass the filters (ns_list_segments); U (unless NULL) counts
 * those left out as unproven.  0, or -1 with *cause when /proc cannot be
 * read or our own namespace cannot be joined again.
 */
int	select_namespaces(const struct filter *, struct ipc_ns_list *,
	    struct unproven *, char **);

#endif
