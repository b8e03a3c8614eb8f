/*
 * Choosing segments: TARGET operands resolved to segments, the
 * filters shared by stat, who and rm (--owner, --creator, --key,
 * --unattached, --orphaned, --older-than, --larger-than, --dest),
 * combined with AND, and the namespaces of --all-namespaces.
 */
#ifndef SELECT_H
#define SELECT_H

#include <getopt.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "ns.h"
#include "parse.h"
#include "sysvipc.h"

struct filter {
	int		 active;	/* any filter given */
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
	{ "dest",	 no_argument,	    NULL, OPT_FILTER_DEST }

/* The --help lines for the filters. */
#define FILTER_HELP \
"      --owner USER|UID       owned by USER\n" \
"      --creator USER|UID     created by USER\n" \
"      --key KEY              with key KEY\n" \
"      --unattached           attached nowhere (nattch 0)\n" \
"      --orphaned             unattached, and creator and last user gone\n" \
"      --older-than DURATION  no attach, detach or change within DURATION\n" \
"      --larger-than SIZE     larger than SIZE\n" \
"      --dest                 marked for removal\n"

/*
 * Handles CH from a command's getopt loop when it is a filter option:
 * 1 if it was one (usage errors exit 2), 0 otherwise.
 */
int	filter_option(struct filter *, int, const char *);
/* 1 when the segment passes every filter given. */
int	filter_match(const struct filter *, const struct shm_seg *, time_t);
/* Keeps the segments of the list that match, in order. */
void	filter_list(const struct filter *, struct shm_list *);

/* nattch 0, and both the creator and the last user gone (or reused). */
int	seg_orphaned(const struct shm_seg *);
/* The time of the last attach, detach or change. */
int64_t	seg_last_use(const struct shm_seg *);

/*
 * Resolves a TARGET to its segment: 0, or -1 with errno (ENOENT: no
 * such segment; ENOTSUP: a POSIX name).  select_warn() prints the
 * message for that errno, naming the target.
 */
int	select_target(const struct target *, struct shm_seg *);
void	select_warn(const struct target *, int);

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
