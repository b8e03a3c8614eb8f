/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool set: change the owner and the permission bits of segments
 * (IPC_SET) and POSIX objects (chown, chmod), and lock or unlock
 * segments in memory (SHM_LOCK, SHM_UNLOCK), which no standard tool
 * offers.  Each operand is handled on its own: a refused one is reported
 * and the others still changed.
 */
#include "config.h"

#include <sys/types.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "parse.h"
#include "posixshm.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"

enum {
	OPT_OWNER = OPT_CMD,
	OPT_LOCK,
	OPT_UNLOCK
};

static const struct cmd_option set_options[] = {
	{ .name = "mode", .val = 'm', .arg = CMD_ARG_MODE },
	{ .name = "owner", .val = OPT_OWNER, .arg = CMD_ARG_USER },
	{ .name = "lock", .val = OPT_LOCK },
	{ .name = "unlock", .val = OPT_UNLOCK },
	CMD_END
};

static const struct cmd_rule set_rules[] = {
	{ CMD_EXCL, { OPT_LOCK, OPT_UNLOCK }, NULL },
	{ CMD_ONE_OF, { 'm', OPT_OWNER, OPT_LOCK, OPT_UNLOCK },
	    "nothing to change: give --mode, --owner, --lock or --unlock" },
	CMD_RULES_END
};

struct set_opts {
	int	 has_mode, has_owner, has_group, lock, unlock;
	mode_t	 mode;
	uid_t	 uid;
	gid_t	 gid;
};

/* A refusal: WHY says who may do it. */
static void
denied(const struct target *t, const struct shm_seg *s, int creator,
    const char *why)
{
	char	*msg = sysvipc_denied(s, creator, why);

	cmd_target_warn(t, msg);
	free(msg);
}

/* A POSIX object: chown and chmod, as for any file. */
static int
set_posix(const struct set_opts *o, const struct target *t,
    const struct shm_seg *s)
{
	char	*cause;

	if (posixshm_setattr(s->px.name, o->has_mode ? o->mode : (mode_t)-1,
	    o->has_owner ? o->uid : (uid_t)-1, o->has_group ? o->gid :
	    (gid_t)-1, &cause) == 0)
		return 0;
	if (errno == EPERM)
		denied(t, s, 0, "only the owner or CAP_FOWNER may change the "
		    "mode, CAP_CHOWN the owner");
	else
		cmd_target_warn(t, cause);
	free(cause);
	return -1;
}

static int
set_one(const struct set_opts *o, const struct target *t)
{
	struct shm_seg	 s;
	char		*cause;

	if (select_target(t, &s, &cause) == -1) {
		cmd_target_warn(t, cause);
		free(cause);
		return -1;
	}
	if (s.type == SEG_POSIX)
		return set_posix(o, t, &s);
	if ((o->has_mode || o->has_owner) && sysvipc_set(&s, o->has_owner ?
	    o->uid : (uid_t)-1, o->has_group ? o->gid : (gid_t)-1,
	    o->has_mode ? o->mode : (mode_t)-1) == -1) {
		if (errno == EPERM)
			denied(t, &s, 1, "only the owner, the creator or "
			    "CAP_SYS_ADMIN may change it");
		else if (errno == ENOENT)
			cmd_target_warn(t, "no such segment");
		else
			cmd_warn("%s: IPC_SET", target_str(t));
		return -1;
	}
	if ((o->lock || o->unlock) && sysvipc_lock(s.id, o->lock) == -1) {
		if (errno == EPERM)
			denied(t, &s, 1, o->lock ? "locking needs the owner or "
			    "creator, and CAP_IPC_LOCK or RLIMIT_MEMLOCK room" :
			    "unlocking needs the owner or creator, or "
			    "CAP_IPC_LOCK");
		else if (errno == ENOMEM)
			cmd_warnx("%s: cannot lock: RLIMIT_MEMLOCK exhausted "
			    "(size %llu)", target_str(t),
			    (unsigned long long)s.size);
		else if (errno == ENOENT)
			cmd_target_warn(t, "no such segment");
		else
			cmd_warn("%s: %s", target_str(t), o->lock ? "SHM_LOCK" :
			    "SHM_UNLOCK");
		return -1;
	}
	return 0;
}

static int
cmd_set_exec(int argc, char **argv)
{
	struct set_opts	 o;
	struct target	 t;
	int		 ch, i, status = EXIT_OK;

	memset(&o, 0, sizeof(o));
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 'm':
			o.mode = opt_mode("mode", optarg);
			o.has_mode = 1;
			break;
		case OPT_OWNER:
			o.has_group = opt_owner(optarg, &o.uid, &o.gid);
			o.has_owner = 1;
			break;
		case OPT_LOCK:
			o.lock = 1;
			break;
		case OPT_UNLOCK:
			o.unlock = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 1, -1);
	/* All operands are checked before anything is changed. */
	for (i = optind; i < argc; i++) {
		opt_target(argv[i], &t);
		if (t.type == TARGET_POSIX && (o.lock || o.unlock))
			usage_err("--lock and --unlock apply to System V "
			    "segments, not to POSIX objects");
	}
	for (i = optind; i < argc; i++) {
		opt_target(argv[i], &t);
		if (set_one(&o, &t) == -1)
			status = EXIT_FAIL;
	}
	return status;
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.summary = "Change the mode, owner or lock of segments or objects",
	/* Continuation lines line up after "Usage: shmtool set ". */
	.synopsis = "set TARGET... [--mode OCTAL] [--owner USER[:GROUP]]\n"
	    "                   [--lock | --unlock]",
	.help =
	    "  -m, --mode OCTAL    the permission bits (low nine only)\n"
	    "      --owner USER[:GROUP]  the owner (IPC_SET, chown); creator ids\n"
	    "                      stay\n"
	    "      --lock          lock in memory (SHM_LOCK; segments only)\n"
	    "      --unlock        unlock (SHM_UNLOCK; segments only)\n",
	.exec = cmd_set_exec,
	.options = set_options,
	.rules = set_rules,
	.operands = { CMD_ARG_TARGET },
	.operands_repeat = 1,
};
