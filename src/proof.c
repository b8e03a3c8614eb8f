/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The proofs behind every removal (see proof.h).  Two facts about the
 * machine carry them: whether a pid still names the process that was
 * seen (kill(2) says whether any process has it, whatever /proc shows;
 * the start time in a procfs of our PID namespace says whether it is
 * the same one), and whether a scan of /proc saw every process that
 * could hold an object (proc_view: a real procfs, ours, no hidepid, the
 * initial PID namespace; and every process that reaches the file system
 * read).  Where either is missing the answer is "unknown", with the
 * reason, and callers skip or refuse.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/magic.h>

#include "proc.h"
#include "procmaps.h"
#include "proof.h"
#include "util.h"

enum pid_state {
	PID_GONE,	/* no such process, or the pid was reused */
	PID_ALIVE,	/* the process that was seen, by its start time */
	PID_UNSEEN	/* neither can be told here */
};

/*
 * Whether the pids of the segment table are the kernel's for our PID
 * namespace: the kernel translates them for whoever reads the table (or
 * calls shmctl), so they are, unless $SHMTOOL_PROCFS holds a copy of a
 * table, whose pids are another machine's or another moment's.
 */
static int
table_pids_ours(void)
{
	static int	 ours = -1;
	struct statfs	 sf;
	char		 path[4096];

	if (ours != -1)
		return ours;
	snprintf(path, sizeof(path), "%s/sysvipc/shm", proc_root());
	if (statfs(path, &sf) == 0)
		ours = sf.f_type == PROC_SUPER_MAGIC;
	else
		ours = errno == ENOENT;	/* segments come from shmctl */
	return ours;
}

/* Why a procfs hides what we would ask it, or NULL when it does not. */
static const char *
view_why(char *b, size_t sz, int initial)
{
	const struct proc_view	*v = proc_view();

	if (!v->procfs)
		snprintf(b, sz, "%s is not a procfs", proc_root());
	else if (!v->ours)
		snprintf(b, sz, "%s is the procfs of another PID namespace",
		    proc_root());
	else if (v->hidepid[0] != '\0')
		snprintf(b, sz, "%s hides processes (hidepid=%s)",
		    proc_root(), v->hidepid);
	else if (initial && !v->initial)
		snprintf(b, sz, "this is not the initial PID namespace, and "
		    "processes outside it may hold it unseen (run it from "
		    "the host, with --ns PID)");
	else
		return NULL;
	return b;
}

/*
 * Whether the process that had PID at time WHEN (the creator at ctime,
 * the last user at its last attach or detach) is gone.  WHAT names it
 * in WHY.
 */
static enum pid_state
pid_state(pid_t pid, int64_t when, const char *what, char *why)
{
	char	 b[128];
	int64_t	 start;

	if (!table_pids_ours()) {
		snprintf(why, PROOF_WHY, "the pids of a copied table (%s) "
		    "prove nothing here", proc_root());
		return PID_UNSEEN;
	}
	if (pid <= 0) {
		snprintf(why, PROOF_WHY, "the %s is not in this PID namespace "
		    "(pid 0)", what);
		return PID_UNSEEN;
	}
	/* No process has the pid: whatever /proc shows, it is gone. */
	if (!proc_exists(pid))
		return PID_GONE;
	/*
	 * A process has it (EPERM: another user's).  Only its start time
	 * tells whether it is the one seen or a later one given the pid,
	 * read from a procfs whose pids are ours (hidepid may hide it, but
	 * what it shows is true).
	 */
	if (proc_view()->procfs && proc_view()->ours &&
	    proc_start_time(pid, &start) == 0) {
		/*
		 * btime and the tick count round differently: a second of
		 * slack keeps a process that started in the same second from
		 * looking reused.  The error only ever says "alive".
		 */
		return start > when + 1 ? PID_GONE : PID_ALIVE;
	}
	/* It may have exited while we looked (asked again, not cached). */
	if (kill(pid, 0) == -1 && errno == ESRCH)
		return PID_GONE;
	if (view_why(b, sizeof(b), 0) == NULL)
		snprintf(b, sizeof(b), "%s/%d/stat cannot be read",
		    proc_root(), (int)pid);
	snprintf(why, PROOF_WHY, "%s pid %d runs, and whether it is the %s "
	    "cannot be told: %s", what, (int)pid, what, b);
	return PID_UNSEEN;
}

enum proof
proof_orphaned(const struct shm_seg *s, char *why)
{
	char		 cw[PROOF_WHY], lw[PROOF_WHY];
	enum pid_state	 c, l = PID_GONE;
	int64_t		 last;

	if (s->type == SEG_POSIX || s->nattch != 0)
		return PROOF_NO;
	c = pid_state(s->sv.cpid, s->ctime, "creator", cw);
	if (c == PID_ALIVE)
		return PROOF_NO;
	/*
	 * Never attached: no last user to wait for.  Otherwise the last
	 * user is asked about on its own, even with the creator's pid: a
	 * process that got the creator's pid may have attached since.
	 */
	if (s->atime != 0 || s->sv.dtime != 0) {
		last = s->atime > s->sv.dtime ? s->atime : s->sv.dtime;
		l = pid_state(s->sv.lpid, last, "last user", lw);
		if (l == PID_ALIVE)
			return PROOF_NO;
	}
	if (c == PID_GONE && l == PID_GONE)
		return PROOF_YES;
	if (why != NULL)
		snprintf(why, PROOF_WHY, "%s", c == PID_UNSEEN ? cw : lw);
	return PROOF_UNKNOWN;
}

/* "pid 1 (init), pid 812 (cron)": the processes that could not be read. */
static void
unread_list(const struct shm_holds *h, char *b, size_t sz)
{
	const char	*cmd;
	size_t		 i, n, cut, len = 0;

	n = h->unreadable < sizeof(h->unread) / sizeof(h->unread[0]) ?
	    h->unreadable : sizeof(h->unread) / sizeof(h->unread[0]);
	b[0] = '\0';
	for (i = 0; i < n && len < sz; i++) {
		if ((cmd = proc_command(h->unread[i])) == NULL)
			cmd = "?";
		cut = proc_command_cut(cmd, 32);
		len += (size_t)snprintf(b + len, sz - len, "%spid %d (%.*s%s)",
		    i > 0 ? ", " : "", (int)h->unread[i], (int)cut, cmd,
		    cmd[cut] != '\0' ? "..." : "");
	}
	if (len < sz && h->unreadable > n)
		snprintf(b + len, sz - len, ", ...");
}

void
proof_holders(dev_t dev, struct shm_holds *h)
{
	char	 b[PROOF_WHY], list[160];
	int	 saved;

	if (procmaps_holders(dev, h) == -1) {
		saved = errno;
		h->complete = 0;
		snprintf(h->why, sizeof(h->why), "%s cannot be read: %s",
		    proc_root(), strerror(saved));
		return;
	}
	h->complete = 0;
	if (view_why(b, sizeof(b), 1) != NULL) {
		snprintf(h->why, sizeof(h->why), "%s", b);
		return;
	}
	if (h->unreadable > 0) {
		unread_list(h, list, sizeof(list));
		snprintf(h->why, sizeof(h->why), "%zu process%s could not be "
		    "read: %s%s", h->unreadable, h->unreadable == 1 ? "" :
		    "es", list, geteuid() != 0 ? "; run as root" :
		    !proc_view()->init_user ? "; run as root of the initial "
		    "user namespace" : "");
		return;
	}
	h->complete = 1;
	h->why[0] = '\0';
}

enum proof
proof_unheld(const struct shm_holds *h, const struct shm_seg *s)
{
	if (s->nattch != 0)
		return PROOF_NO;
	return h != NULL && h->complete ? PROOF_YES : PROOF_UNKNOWN;
}
