/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The action log through syslog(3): see log.h for the line's form and
 * how a command wires it.  The facility is daemon: the lines are a
 * maintenance job's record, which belongs with the other services' in
 * the journal or daemon.log; authpriv is for authentication and would
 * put them where only root reads (auth.log).  Names and reasons come
 * from untrusted places (object names, user names, /proc), so every
 * value is escaped as in tables and quoted when it holds a blank, a
 * quote or an '=': one action stays one line and one set of pairs.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"
#include "names.h"
#include "ns.h"
#include "posixshm.h"
#include "shm.h"
#include "util.h"

static const char	*log_command;
static uint64_t		 log_ns;	/* joined with --ns: its inode */

static const struct {
	const char	*word;
	int		 priority;
} actions[] = {
	[LOG_ACT_REMOVED] = { "removed", LOG_NOTICE },
	[LOG_ACT_WOULD_REMOVE] = { "would-remove", LOG_INFO },
	[LOG_ACT_SKIPPED] = { "skipped", LOG_INFO },
	[LOG_ACT_FAILED] = { "failed", LOG_ERR },
};

void
log_open(const char *command)
{
	struct ipc_ns	 cur;

	log_command = command;
	if (ns_joined() && ns_current(&cur, 0) == 0)
		log_ns = cur.ino;
	/* LOG_NDELAY: connect now, while /dev/log is surely reachable. */
	openlog("shmtool", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

int
log_enabled(void)
{
	return log_command != NULL;
}

/* Characters a value may hold unquoted. */
static int
plain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("/._:@+,-", c) != NULL;
}

void
log_value(struct buf *b, const char *val)
{
	struct buf	 e = { 0 };
	size_t		 i;
	int		 plain = *val != '\0';

	for (i = 0; val[i] != '\0' && plain; i++)
		plain = plain_char((unsigned char)val[i]);
	if (plain) {
		buf_addstr(b, val);
		return;
	}
	esc_term(&e, val, strlen(val));
	buf_addstr(b, "\"");
	for (i = 0; i < e.len; i++) {
		if (e.p[i] == '"')
			buf_addstr(b, "\\");
		buf_add(b, &e.p[i], 1);
	}
	buf_addstr(b, "\"");
	buf_free(&e);
}

/* " KEY=VALUE", the value escaped and, unless plain, quoted. */
static void
pair(struct buf *b, const char *key, const char *val)
{
	buf_addf(b, " %s=", key);
	log_value(b, val);
}

static void
start(struct buf *b, enum log_action a)
{
	buf_addf(b, "action=%s", actions[a].word);
	pair(b, "command", log_command);
}

void
log_seg(enum log_action a, const struct shm_seg *s, const char *reason)
{
	struct buf	 b = { 0 };
	char		 num[32], key[11];

	if (log_command == NULL)
		return;
	start(&b, a);
	if (s->type == SEG_POSIX) {
		pair(&b, "type", "posix");
		pair(&b, "name", seg_name(s));
		if (strcmp(posixshm_dir_path(), "/dev/shm") != 0)
			pair(&b, "dir", posixshm_dir_path());
	} else {
		pair(&b, "type", "sysv");
		if (log_ns != 0)
			pair(&b, "ns", u64_dec(num + sizeof(num), log_ns));
		snprintf(num, sizeof(num), "%d", s->id);
		pair(&b, "id", num);
		key_hex(key, (uint32_t)s->key);
		pair(&b, "key", key);
	}
	pair(&b, "size", u64_dec(num + sizeof(num), s->size));
	pair(&b, "owner", names_user(s->uid));
	if (reason != NULL)
		pair(&b, "reason", reason);
	syslog(actions[a].priority, "%s", b.p);
	buf_free(&b);
}

void
log_event(const char *line, int warn)
{
	if (log_command == NULL)
		return;
	syslog(warn ? LOG_WARNING : LOG_INFO, "%s", line);
}

void
log_fail(const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;
	char		*msg;

	if (log_command == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	start(&b, LOG_ACT_FAILED);
	pair(&b, "reason", msg != NULL ? msg : fmt);
	syslog(actions[LOG_ACT_FAILED].priority, "%s", b.p);
	free(msg);
	buf_free(&b);
}
