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
#include <sys/ipc.h>
#include <sys/shm.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "parse.h"
#include "posixshm.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"

enum {
	OPT_OWNER = 0x100,
	OPT_LOCK,
	OPT_UNLOCK
};

static const struct option set_longopts[] = {
	{ "mode",	required_argument,	NULL,	'm' },
	{ "owner",	required_argument,	NULL,	OPT_OWNER },
	{ "lock",	no_argument,		NULL,	OPT_LOCK },
	{ "unlock",	no_argument,		NULL,	OPT_UNLOCK },
	{ "help",	no_argument,		NULL,	'h' },
	{ NULL,		0,			NULL,	0 }
};

struct set_opts {
	int	 has_mode, has_owner, has_group, lock, unlock;
	mode_t	 mode;
	uid_t	 uid;
	gid_t	 gid;
};

static void
denied(const struct target *t, const struct shm_seg *s, const char *why)
{
	char	 owner[64];

	snprintf(owner, sizeof(owner), "%s", names_user(s->uid));
	warnx("%s: permission denied (owner %s, creator %s, mode %04o; %s)",
	    target_str(t), owner, names_user(seg_cuid(s)), s->perms & 0777,
	    why);
}

/* A POSIX object: chown and chmod, as for any file. */
static int
set_posix(const struct set_opts *o, const struct target *t,
    const struct shm_seg *s)
{
	if (posixshm_setattr(s->px.name, o->has_mode ? o->mode : (mode_t)-1,
	    o->has_owner ? o->uid : (uid_t)-1, o->has_group ? o->gid :
	    (gid_t)-1) == 0)
		return 0;
	if (errno == EPERM)
		warnx("%s: permission denied (owner %s, mode %04o; only the "
		    "owner or CAP_FOWNER may change the mode, CAP_CHOWN the "
		    "owner)", target_str(t), names_user(s->uid),
		    s->perms & 0777);
	else
		warnx("%s: %s", target_str(t), select_reason(t, errno));
	return -1;
}

static int
set_one(const struct set_opts *o, const struct target *t)
{
	struct shm_seg	 s;
	struct shmid_ds	 ds;

	if (select_target(t, &s) == -1) {
		select_warn(t, errno);
		return -1;
	}
	if (s.type == SEG_POSIX)
		return set_posix(o, t, &s);
	if (o->has_mode || o->has_owner) {
		/*
		 * From the table rather than IPC_STAT: the owner of a 0000
		 * segment may change it without being able to read it.
		 * IPC_SET takes only uid, gid and the low nine mode bits.
		 */
		memset(&ds, 0, sizeof(ds));
		ds.shm_perm.uid = o->has_owner ? o->uid : s.uid;
		ds.shm_perm.gid = o->has_group ? o->gid : s.gid;
		ds.shm_perm.mode = (unsigned short)(o->has_mode ? o->mode :
		    (s.perms & 0777));
		if (shmctl(s.id, IPC_SET, &ds) == -1) {
			if (errno == EPERM)
				denied(t, &s, "only the owner, the creator or "
				    "CAP_SYS_ADMIN may change it");
			else if (errno == EINVAL || errno == EIDRM)
				warnx("%s: no such segment", target_str(t));
			else
				warn("%s: IPC_SET", target_str(t));
			return -1;
		}
	}
	if (o->lock || o->unlock) {
		if (shmctl(s.id, o->lock ? SHM_LOCK : SHM_UNLOCK, NULL) == -1) {
			if (errno == EPERM)
				denied(t, &s, o->lock ? "locking needs the "
				    "owner or creator, and CAP_IPC_LOCK or "
				    "RLIMIT_MEMLOCK room" : "unlocking needs "
				    "the owner or creator, or CAP_IPC_LOCK");
			else if (errno == ENOMEM)
				warnx("%s: cannot lock: RLIMIT_MEMLOCK "
				    "exhausted (size %llu)", target_str(t),
				    (unsigned long long)s.size);
			else if (errno == EINVAL || errno == EIDRM)
				warnx("%s: no such segment", target_str(t));
			else
				warn("%s: %s", target_str(t), o->lock ?
				    "SHM_LOCK" : "SHM_UNLOCK");
			return -1;
		}
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
	while ((ch = cmd_getopt(argc, argv, "m:h", set_longopts)) != -1) {
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
	if (o.lock && o.unlock)
		usage_err("--lock and --unlock exclude each other");
	if (!o.has_mode && !o.has_owner && !o.lock && !o.unlock)
		usage_err("nothing to change: give --mode, --owner, --lock or "
		    "--unlock");
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
};
