/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool set: change the owner and the permission bits of segments
 * (IPC_SET) and POSIX objects (chown, chmod), and lock or unlock
 * segments in memory (SHM_LOCK, SHM_UNLOCK), which no standard tool
 * offers.  Each operand is handled on its own: a refused one is reported
 * and the others still changed.  Each is changed all or nothing: the
 * step that can be undone goes first (the lock before IPC_SET, which
 * sets mode and owner at once; an object's mode before its owner, which
 * its old owner could not change back), and is undone when the next one
 * fails; the message says so, or exactly what is left when the undo
 * itself fails.
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

/* A refusal: WHY says who may do it; UNDONE what became of step one. */
static void
denied(const struct target *t, const struct shm_seg *s, int creator,
    const char *why, const char *undone)
{
	char	*msg = sysvipc_denied(s, creator, why);

	cmd_warnx("%s: %s%s", target_str(t), msg, undone);
	free(msg);
}

/* A POSIX object: chmod, then chown, as for any file. */
static int
set_posix(const struct set_opts *o, const struct target *t,
    const struct shm_seg *s)
{
	char		*cause, undone[128];
	int		 undo;

	if (posixshm_setattr(s->px.name, o->has_mode ? o->mode : (mode_t)-1,
	    o->has_owner ? o->uid : (uid_t)-1, o->has_group ? o->gid :
	    (gid_t)-1, &undo, &cause) == 0)
		return 0;
	undone[0] = '\0';
	if (undo == 1)
		snprintf(undone, sizeof(undone), "; mode %04o restored",
		    (unsigned)s->perms & 0777);
	else if (undo == -1)
		snprintf(undone, sizeof(undone), "; its mode is now %04o: "
		    "restoring %04o failed", (unsigned)o->mode,
		    (unsigned)s->perms & 0777);
	if (errno == EPERM)
		denied(t, s, 0, undo != 0 ? "only CAP_CHOWN may give it away" :
		    "only the owner or CAP_FOWNER may change the mode, "
		    "CAP_CHOWN the owner", undone);
	else
		cmd_warnx("%s: %s%s", target_str(t), cause, undone);
	free(cause);
	return -1;
}

/* Why SHM_LOCK or SHM_UNLOCK failed; UNDONE as for denied(). */
static void
lock_failed(const struct target *t, const struct shm_seg *s, int lock,
    const char *undone)
{
	if (errno == EPERM)
		denied(t, s, 1, lock ? "locking needs the owner or creator, and "
		    "CAP_IPC_LOCK or RLIMIT_MEMLOCK room" : "unlocking needs the "
		    "owner or creator, or CAP_IPC_LOCK", undone);
	else if (errno == ENOMEM)
		cmd_warnx("%s: cannot lock: RLIMIT_MEMLOCK exhausted (size "
		    "%llu)%s", target_str(t), (unsigned long long)s->size,
		    undone);
	else if (errno == ENOENT)
		cmd_warnx("%s: no such segment%s", target_str(t), undone);
	else
		cmd_warnx("%s: %s: %s%s", target_str(t), lock ? "SHM_LOCK" :
		    "SHM_UNLOCK", strerror(errno), undone);
}

static int
set_one(const struct set_opts *o, const struct target *t)
{
	struct shm_seg	 s;
	char		 undone[160];
	int		 locked, flipped, error;

	if (cmd_select(t, &s) == -1)
		return -1;
	if (s.type == SEG_POSIX)
		return set_posix(o, t, &s);
	/*
	 * The lock first: SHM_UNLOCK undoes SHM_LOCK (and the reverse),
	 * while IPC_SET may give the segment to someone the caller cannot
	 * act for any more.  Undone only if it changed something.
	 */
	locked = (s.perms & SEG_LOCKED) != 0;
	flipped = (o->lock && !locked) || (o->unlock && locked);
	if ((o->lock || o->unlock) && sysvipc_lock(s.id, o->lock) == -1) {
		lock_failed(t, &s, o->lock, "");
		return -1;
	}
	if (!o->has_mode && !o->has_owner)
		return 0;
	if (sysvipc_set(&s, o->has_owner ? o->uid : (uid_t)-1, o->has_group ?
	    o->gid : (gid_t)-1, o->has_mode ? o->mode : (mode_t)-1) == 0)
		return 0;
	error = errno;
	undone[0] = '\0';
	if (flipped && sysvipc_lock(s.id, locked) == 0)
		snprintf(undone, sizeof(undone), "; %s undone", o->lock ?
		    "--lock" : "--unlock");
	else if (flipped)
		snprintf(undone, sizeof(undone), "; it stays %s (%s it "
		    "again failed: %s)", o->lock ? "locked" : "unlocked",
		    o->lock ? "unlocking" : "locking", strerror(errno));
	errno = error;
	if (errno == EPERM)
		denied(t, &s, 1, "only the owner, the creator or CAP_SYS_ADMIN "
		    "may change it", undone);
	else if (errno == ENOENT)
		cmd_warnx("%s: no such segment%s", target_str(t), undone);
	else
		cmd_warnx("%s: IPC_SET: %s%s", target_str(t), strerror(errno),
		    undone);
	return -1;
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
