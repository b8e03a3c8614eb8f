/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool limits: every System V shared memory limit of this IPC
 * namespace, with the usage against it - what `ipcs -m -l`, `ipcs -m -u`
 * and `lsipc -g` show between them - and the size, use and room of the
 * file system of /dev/shm, which holds the POSIX objects: a container's
 * 64 MiB default there is a common cause of crashes (SIGBUS).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "json.h"
#include "posixshm.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

/* Defaults are near 2^64: beyond an exbibyte, people read "unlimited". */
#define UNLIMITED	(UINT64_C(1) << 60)

static const struct cmd_option limits_options[] = {
	{ .name = "bytes", .val = 'b' },
	{ .name = "json", .val = 'J' },
	CMD_END
};

static int	 opt_bytes;

static uint64_t
mul_sat(uint64_t a, uint64_t b)
{
	if (a != 0 && b > UINT64_MAX / a)
		return UINT64_MAX;
	return a * b;
}

static const char *
human(uint64_t v, char *out, size_t sz)
{
	if (v >= UNLIMITED)
		snprintf(out, sz, "unlimited");
	else if (opt_bytes)
		snprintf(out, sz, "%llu", (unsigned long long)v);
	else
		fmt_size(out, sz, v);
	return out;
}

static void
percent(char *out, size_t sz, uint64_t used, uint64_t limit)
{
	if (limit == 0 || limit >= UNLIMITED)
		snprintf(out, sz, "-");
	else
		snprintf(out, sz, "%.1f%%", (double)used * 100.0 /
		    (double)limit);
}

/*
 * --json (shmtool-json(7)): exact numbers, and beside each limit that
 * can be "unlimited" a boolean that says so, so that no consumer has to
 * recognise a number near 2^64 (or read one exactly).  FS is NULL when
 * /dev/shm could not be read.
 */
static void
print_json(const struct shm_limits *l, const struct shm_usage *u,
    const struct posixshm_fs *fs)
{
	struct json	 j;
	uint64_t	 all = mul_sat(l->shmall, l->pagesize);

	json_init_file(&j, stdout);
	json_obj(&j);
	json_key(&j, "limits");
	json_obj(&j);
	json_kuint(&j, "shmmax", l->shmmax);
	json_kbool(&j, "shmmax_unlimited", l->shmmax >= UNLIMITED);
	json_kuint(&j, "shmmin", l->shmmin);
	json_kuint(&j, "shmmni", l->shmmni);
	json_kuint(&j, "shmseg", l->shmseg);
	json_kuint(&j, "shmall", l->shmall);
	json_kuint(&j, "shmall_bytes", all);
	json_kbool(&j, "shmall_unlimited", all >= UNLIMITED);
	json_key(&j, "shm_rmid_forced");
	if (l->rmid_forced < 0)
		json_null(&j);
	else
		json_int(&j, l->rmid_forced);
	json_key(&j, "shm_next_id");
	if (l->next_id_known)
		json_int(&j, l->next_id);
	else
		json_null(&j);
	json_kuint(&j, "page_size", l->pagesize);
	json_obj_end(&j);

	json_key(&j, "usage");
	json_obj(&j);
	json_kuint(&j, "segments", u->segments);
	json_kuint(&j, "pages", u->pages);
	json_kuint(&j, "bytes", mul_sat(u->pages, l->pagesize));
	json_kuint(&j, "rss_pages", u->rss_pages);
	json_kuint(&j, "swap_pages", u->swap_pages);
	json_obj_end(&j);

	json_key(&j, "posix");
	if (fs == NULL)
		json_null(&j);
	else {
		json_obj(&j);
		json_kstr(&j, "path", posixshm_dir_path());
		json_kuint(&j, "size", fs->size);
		/* tmpfs mounted with size=0 has no limit: 0 blocks. */
		json_kbool(&j, "size_unlimited", fs->size == 0);
		json_kuint(&j, "used", fs->used);
		json_kuint(&j, "free", fs->avail);
		json_kuint(&j, "files", fs->files);
		json_kuint(&j, "files_free", fs->ffree);
		json_obj_end(&j);
	}
	json_obj_end(&j);
	(void)json_end(&j);
}

static void
print_pages(const char *label, uint64_t pages, uint64_t psz, const char *tail)
{
	char	 b[32];

	printf("  %-16s %llu pages (%s)%s\n", label, (unsigned long long)pages,
	    human(mul_sat(pages, psz), b, sizeof(b)), tail);
}

static void
print_human(const struct shm_limits *l, const struct shm_usage *u)
{
	char	 a[32], b[32], pct[16], tail[96];
	uint64_t all = mul_sat(l->shmall, l->pagesize);

	printf("Limits\n");
	printf("  %-16s %-12s largest segment\n", "SHMMAX",
	    human(l->shmmax, a, sizeof(a)));
	printf("  %-16s %-12s smallest segment\n", "SHMMIN",
	    human(l->shmmin, a, sizeof(a)));
	printf("  %-16s %-12llu segments in this IPC namespace\n", "SHMMNI",
	    (unsigned long long)l->shmmni);
	printf("  %-16s %-12llu segments a process may attach "
	    "(as IPC_INFO reports it; not enforced on Linux)\n", "SHMSEG",
	    (unsigned long long)l->shmseg);
	if (all >= UNLIMITED)
		printf("  %-16s %-12s total of all segments (%llu pages)\n",
		    "SHMALL", "unlimited", (unsigned long long)l->shmall);
	else
		printf("  %-16s %-12s total of all segments (%llu pages)\n",
		    "SHMALL", human(all, a, sizeof(a)),
		    (unsigned long long)l->shmall);
	if (l->rmid_forced >= 0)
		printf("  %-16s %-12lld %s\n", "shm_rmid_forced",
		    (long long)l->rmid_forced, l->rmid_forced ?
		    "an unattached segment dies with its creator, and at "
		    "the detach that leaves it unattached" :
		    "segments outlive their users");
	if (l->next_id_known)
		printf("  %-16s %-12lld %s\n", "shm_next_id",
		    (long long)l->next_id, l->next_id < 0 ?
		    "the kernel picks the next id" :
		    "id of the next segment created");
	printf("  %-16s %llu\n", "page size", (unsigned long long)l->pagesize);

	printf("\nUsage\n");
	percent(pct, sizeof(pct), u->segments, l->shmmni);
	printf("  %-16s %llu of %llu (%s)\n", "segments",
	    (unsigned long long)u->segments, (unsigned long long)l->shmmni,
	    pct);
	percent(pct, sizeof(pct), u->pages, l->shmall);
	if (all >= UNLIMITED)
		snprintf(tail, sizeof(tail), " of unlimited");
	else
		snprintf(tail, sizeof(tail), " of %s (%s)",
		    human(all, b, sizeof(b)), pct);
	print_pages("allocated", u->pages, l->pagesize, tail);
	print_pages("resident", u->rss_pages, l->pagesize, "");
	print_pages("swapped", u->swap_pages, l->pagesize, "");
}

/*
 * The file system of /dev/shm.  tmpfs mounted with size=0 has no limit
 * and reports 0 blocks.
 */
static void
print_posix(const struct posixshm_fs *fs)
{
	char	 a[32], pct[16];

	printf("\nPOSIX objects (%s)\n", posixshm_dir_path());
	if (fs->size == 0) {
		printf("  %-16s unlimited\n", "size");
		printf("  %-16s %s\n", "used", human(fs->used, a, sizeof(a)));
		return;
	}
	printf("  %-16s %s\n", "size", human(fs->size, a, sizeof(a)));
	percent(pct, sizeof(pct), fs->used, fs->size);
	printf("  %-16s %s (%s)\n", "used", human(fs->used, a, sizeof(a)),
	    pct);
	printf("  %-16s %s\n", "free", human(fs->avail, a, sizeof(a)));
	if (fs->files > 0) {
		percent(pct, sizeof(pct), fs->files - fs->ffree, fs->files);
		printf("  %-16s %llu of %llu (%s)\n", "files",
		    (unsigned long long)(fs->files - fs->ffree),
		    (unsigned long long)fs->files, pct);
	}
}

static int
cmd_limits_exec(int argc, char **argv)
{
	struct shm_limits	 l;
	struct shm_usage	 u;
	struct posixshm_fs	 fs;
	char			*cause, *why;
	int			 ch, json = 0, has_fs;

	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 'b':
			opt_bytes = 1;
			break;
		case 'J':
			json = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 0, 0);

	if (sysvipc_limits(&l, &cause) == -1)
		cmd_errx("%s", cause);
	if (sysvipc_usage(&u) == -1)
		cmd_err("SHM_INFO");
	/* No /dev/shm (some containers): the System V part still stands. */
	if (!(has_fs = posixshm_statfs(&fs, &why) == 0)) {
		cmd_warnx("%s", why);
		free(why);
	}
	if (json)
		print_json(&l, &u, has_fs ? &fs : NULL);
	else {
		print_human(&l, &u);
		if (has_fs)
			print_posix(&fs);
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_limits_entry = {
	.name = "limits",
	.summary = "Show the shared memory limits and the usage against them",
	.synopsis = "limits [--bytes] [-J | --json]",
	.help =
	    "  -b, --bytes         exact byte counts instead of K, M, G\n"
	    "  -J, --json          JSON, numbers exact, \"unlimited\" marked (see\n"
	    "                      shmtool-json(7))\n",
	.exec = cmd_limits_exec,
	.options = limits_options,
};
