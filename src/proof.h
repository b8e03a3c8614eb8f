/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Prove, or don't act: the preconditions of every destructive step, and
 * whether this environment proves them.  Each answer is yes, no, or
 * unknown - what could not be seen (no procfs, hidepid, a process of
 * another user or PID namespace) never counts as "no process" - and an
 * unknown comes with the reason, in words, for the skip or the refusal.
 * The removals of the data layer (sysvipc_remove_if_same,
 * posixshm_unlink) take what they must re-check right before acting;
 * this module answers the rest.  Never prints.
 *
 *   orphaned segment      nattch 0, creator and last user provably gone:
 *                         kill(pid, 0) is ESRCH, or the pid's start time
 *                         (a procfs of our PID namespace) is after the
 *                         time it was seen (reused)
 *   unattached segment    nattch 0, from the kernel (nothing to prove)
 *   unheld object         no process maps it or holds it open, from a
 *                         scan of /proc that saw every process that may
 *                         (proof_holders)
 */
#ifndef PROOF_H
#define PROOF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "procmaps.h"
#include "shm.h"

enum proof {
	PROOF_NO = 0,
	PROOF_YES = 1,
	PROOF_UNKNOWN = -1
};

/* Room for a reason. */
#define PROOF_WHY	256

/*
 * errno of a removal whose precondition could not be proven here (the
 * holder scan was not complete): not attempted.
 */
#define EUNPROVEN	EREMOTEIO

/*
 * Whether S is orphaned: unattached, and its creator and its last user
 * (if it ever had one) gone.  On PROOF_UNKNOWN, WHY (unless NULL) says
 * what could not be seen: "creator pid 812 runs, and its start time
 * cannot be read: /proc hides processes (hidepid=invisible)".
 */
enum proof	 proof_orphaned(const struct shm_seg *, char *);

/*
 * Who maps or holds open the files of device DEV (posixshm_dev), and
 * whether the scan saw every holder there is: H->complete, or H->why
 * says why not ("/proc hides processes (hidepid=invisible)", "2
 * processes could not be read: pid 1 (init), pid 812 (cron); run as
 * root").  A procfs that cannot be read at all is only that: nothing is
 * complete.  Free H with procmaps_holders_free.
 */
void		 proof_holders(dev_t, struct shm_holds *);

/*
 * Whether the object S (its NATTCH counted from H, posixshm_count_holds)
 * is held by no process: PROOF_NO when a holder was seen, PROOF_UNKNOWN
 * when none was but the scan was not complete.
 */
enum proof	 proof_unheld(const struct shm_holds *, const struct shm_seg *);

#endif
