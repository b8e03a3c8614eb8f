/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The action log: one line per action through syslog(3), identifier
 * "shmtool", facility daemon, so that journald (`journalctl -t shmtool`)
 * or a syslog daemon keeps the history of what cleanup jobs did on each
 * machine.  A line says what was done, to which object and why, as
 * key=value pairs that a person reads and a machine splits (values with
 * spaces or quotes are quoted, control characters and invalid UTF-8
 * made visible as in tables):
 *
 *   action=removed command=rm type=sysv id=32769 key=0x0000abcd size=4096 owner=alice reason=orphaned
 *   action=would-remove command=rm type=posix name=/cache size=1048576 owner=bob reason="unattached, older than 1d"
 *   action=skipped command=rm type=sysv id=7 key=0x00000000 size=4096 owner=carol reason="attached (nattch 2)"
 *   action=failed command=metrics reason="/var/lib/x: permission denied"
 *
 * Segments read through the global --ns add ns=INODE (an id means
 * nothing without its namespace); objects of another /dev/shm add dir=.
 *
 * Wiring a command's --syslog (rm):
 *   after its options:      if (opt_syslog) log_open("rm");
 *   per segment or object:  log_seg(LOG_ACT_REMOVED, &seg, "orphaned");
 *                           LOG_ACT_WOULD_REMOVE under --dry-run,
 *                           LOG_ACT_SKIPPED with why it was left,
 *                           LOG_ACT_FAILED with the error or refusal;
 *   a failure about no one object: log_fail("cannot read ...: %s", ...).
 * Before log_open() every call does nothing, so call sites need no "if"
 * of their own; the log is closed when the process exits.
 *
 * `watch --syslog` logs events, which are what happened to shared memory
 * rather than actions shmtool took: its lines are worded by the command
 * and start with the event, then the object, then pairs in the same form
 * (log_value), so that `journalctl -t shmtool --grep 'create id 32769'`
 * finds the line that recorded who made segment 32769:
 *
 *   create id 32769 key=0x0000abcd size=4096 owner=alice perms=0600 cpid=812 cunit=postgresql@15-main.service ccommand="postgres: main"
 *   delete /cache size=1048576 owner=bob
 */
#ifndef LOG_H
#define LOG_H

#include "shm.h"
#include "util.h"

enum log_action {
	LOG_ACT_REMOVED,	/* notice */
	LOG_ACT_WOULD_REMOVE,	/* info: --dry-run */
	LOG_ACT_SKIPPED,	/* info: selected, but left alone */
	LOG_ACT_FAILED		/* err */
};

/* Starts logging for COMMAND (kept, not copied). */
void	log_open(const char *);
/* 1 after log_open(). */
int	log_enabled(void);
/* One line about a segment or object; REASON may be NULL. */
void	log_seg(enum log_action, const struct shm_seg *, const char *);
/* One failure line, printf-style. */
void	log_fail(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * VALUE in the log's form, appended to B: as it is when plain, else
 * escaped as in tables and quoted.
 */
void	log_value(struct buf *, const char *);
/* One event line (watch), at info; a warning when WARN is set. */
void	log_event(const char *, int);

#endif
