/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Parsers for the argument grammar of shmtool(1).  Numbers are strict:
 * no sign, no leading blanks, no trailing junk, no silent overflow; a
 * size has an optional binary suffix.  TARGET names a segment by id or
 * key (given, or made by ftok(3) from a path: the path is only split off
 * here, and looked at when the target is resolved), or a POSIX object by
 * name.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* Decimal digits only; stops at the first non-digit. */
static int
parse_digits(const char **sp, uint64_t *out, const char **why)
{
	const char	*s = *sp;
	uint64_t	 v = 0;

	if (*s < '0' || *s > '9') {
		*why = *s == '\0' ? "empty" : "not a number";
		return -1;
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10) {
			*why = "too large";
			return -1;
		}
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*sp = s;
	*out = v;
	return 0;
}

static int
parse_bytes(const char *s, uint64_t *out, const char **why)
{
	static const char	 suffixes[] = "KMGTPE";
	const char		*p;
	uint64_t		 v;
	unsigned		 shift = 0;

	if (parse_digits(&s, &v, why) == -1)
		return -1;
	if (*s != '\0') {
		char c = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);

		if ((p = strchr(suffixes, c)) == NULL || c == '\0') {
			*why = "trailing characters after the number";
			return -1;
		}
		shift = 10 * (unsigned)(p - suffixes + 1);
		s++;
		/* 4K, 4KiB and 4KB all mean 4096: sizes here are binary. */
		if (strcmp(s, "iB") == 0 || strcmp(s, "B") == 0)
			s += strlen(s);
		if (*s != '\0') {
			*why = "unknown suffix (use K, M, G, T, P or E)";
			return -1;
		}
		if (v > (UINT64_MAX >> shift)) {
			*why = "too large";
			return -1;
		}
		v <<= shift;
	}
	*out = v;
	return 0;
}

int
parse_size(const char *s, uint64_t *out, const char **why)
{
	if (parse_bytes(s, out, why) == -1)
		return -1;
	if (*out == 0) {
		*why = "must be at least 1";
		return -1;
	}
	return 0;
}

int
parse_offset(const char *s, uint64_t *out, const char **why)
{
	return parse_bytes(s, out, why);
}

/*
 * 90, 30s, 10m, 2h, 7d, 1w, 250ms, or a sequence such as 1h30m or
 * 1s500ms, in milliseconds; a bare number is seconds.
 */
int
parse_duration_ms(const char *s, uint64_t *out, const char **why)
{
	uint64_t	 total = 0, v, mul;

	if (parse_digits(&s, &v, why) == -1)
		return -1;
	if (*s == '\0') {
		mul = 1000;
		goto last;
	}
	for (;;) {
		switch (*s) {
		case 's':	mul = 1000; break;
		case 'm':
			/* "ms", or minutes: "10m", "1m30s". */
			if (s[1] == 's') {
				mul = 1;
				s++;
			} else
				mul = 60000;
			break;
		case 'h':	mul = 3600000; break;
		case 'd':	mul = 86400000; break;
		case 'w':	mul = 604800000; break;
		default:
			*why = "unknown unit (use ms, s, m, h, d or w)";
			return -1;
		}
		if (*++s == '\0')
			break;
		if (v > (UINT64_MAX - total) / mul) {
			*why = "too large";
			return -1;
		}
		total += v * mul;
		if (parse_digits(&s, &v, why) == -1) {
			*why = "trailing characters after the unit";
			return -1;
		}
		if (*s == '\0') {
			*why = "a number after a unit needs its own unit";
			return -1;
		}
	}
last:
	if (v > (UINT64_MAX - total) / mul) {
		*why = "too large";
		return -1;
	}
	total += v * mul;
	/* Keep within time_t arithmetic, in milliseconds too. */
	if (total > (uint64_t)INT64_MAX / 2) {
		*why = "too large";
		return -1;
	}
	*out = total;
	return 0;
}

/* The same in whole seconds: what the filters and --hold count in. */
int
parse_duration(const char *s, uint64_t *out, const char **why)
{
	uint64_t	 ms;

	if (parse_duration_ms(s, &ms, why) == -1)
		return -1;
	if (ms % 1000 != 0) {
		*why = "not a whole number of seconds";
		return -1;
	}
	*out = ms / 1000;
	return 0;
}

/*
 * A key: 0x-hex, 0-octal or decimal, as a 32-bit value; a negative
 * decimal is accepted because /proc/sysvipc/shm prints keys signed.
 */
int
parse_key(const char *s, int32_t *out, const char **why)
{
	const char	*p = s;
	uint64_t	 v = 0;
	int		 neg = 0, base = 10, digits = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (!neg && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (!neg && p[0] == '0' && p[1] != '\0')
		base = 8;
	for (; *p != '\0'; p++, digits++) {
		int	 d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			d = 99;
		if (d >= base) {
			*why = "not a number (use 0x-hex, 0-octal or decimal)";
			return -1;
		}
		v = v * (uint64_t)base + (uint64_t)d;
		if (v > UINT32_MAX) {
			*why = "out of range (keys are 32 bits)";
			return -1;
		}
	}
	if (digits == 0) {
		*why = *s == '\0' ? "empty" : "not a number";
		return -1;
	}
	if (neg && v > (uint64_t)INT32_MAX + 1) {
		*why = "out of range (keys are 32 bits)";
		return -1;
	}
	if (v == 0) {
		*why = "key 0 is IPC_PRIVATE (or a removed segment): "
		    "use the id instead";
		return -1;
	}
	*out = neg ? (int32_t)(0 - (int64_t)v) : (int32_t)(uint32_t)v;
	return 0;
}

int
parse_mode(const char *s, mode_t *out, const char **why)
{
	unsigned	 v = 0;
	const char	*p;

	if (*s == '\0') {
		*why = "empty";
		return -1;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '7' || p - s >= 4) {
			*why = "not an octal mode (e.g. 0600)";
			return -1;
		}
		v = v * 8 + (unsigned)(*p - '0');
	}
	if (v > 0777) {
		*why = "only the permission bits 0777 can be set";
		return -1;
	}
	*out = (mode_t)v;
	return 0;
}

/* "/name": one leading slash, no other, not "." or "..", <= NAME_MAX. */
int
parse_posix_name(const char *s, const char **why)
{
	const char	*n = s + 1;

	if (s[0] != '/') {
		*why = "a POSIX name starts with '/'";
		return -1;
	}
	if (*n == '\0') {
		*why = "empty POSIX name";
		return -1;
	}
	if (strchr(n, '/') != NULL) {
		*why = "a POSIX name has no '/' after the first";
		return -1;
	}
	if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0) {
		*why = "'.' and '..' are not POSIX names";
		return -1;
	}
	if (strlen(n) > NAME_MAX) {
		*why = "POSIX name longer than NAME_MAX (255)";
		return -1;
	}
	return 0;
}

static int
parse_id(const char *s, int *out, const char **why)
{
	uint64_t	 v;

	if (parse_digits(&s, &v, why) == -1)
		return -1;
	if (*s != '\0') {
		*why = "trailing characters after the id";
		return -1;
	}
	if (v > INT_MAX) {
		*why = "id out of range";
		return -1;
	}
	*out = (int)v;
	return 0;
}

/*
 * "PATH[:PROJ]" after "ftok:".  Only an all-digit last part is PROJ, so
 * that a path may hold colons; PROJ is 0 to 255, as glibc's ftok(3) takes
 * it (only its low 8 bits count), and 1 when not given, as Perl's
 * IPC::SysV ftok has it.
 */
static int
parse_ftok(const char *s, struct target *t, const char **why)
{
	const char	*colon = strrchr(s, ':'), *p;
	uint64_t	 proj = 1;

	t->path = s;
	t->pathlen = strlen(s);
	if (colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		p = colon + 1;
		if (parse_digits(&p, &proj, why) == -1 || proj > 255) {
			*why = "an ftok project is 0 to 255";
			return -1;
		}
		t->pathlen = (size_t)(colon - s);
	}
	if (t->pathlen == 0) {
		*why = "empty ftok path";
		return -1;
	}
	t->proj = (int)proj;
	return 0;
}

int
parse_target(const char *s, struct target *t, const char **why)
{
	memset(t, 0, sizeof(*t));
	t->arg = s;
	if (strncmp(s, "ftok:", 5) == 0) {
		t->type = TARGET_FTOK;
		return parse_ftok(s + 5, t, why);
	}
	if (s[0] == '/') {
		if (parse_posix_name(s, why) == -1)
			return -1;
		t->type = TARGET_POSIX;
		t->name = s;
		return 0;
	}
	if (strncmp(s, "key:", 4) == 0) {
		t->type = TARGET_KEY;
		if (parse_key(s + 4, &t->key, why) == -1)
			return -1;
		memcpy(t->str, "key ", 4);
		key_hex(t->str + 4, (uint32_t)t->key);
		return 0;
	}
	t->type = TARGET_ID;
	if (strncmp(s, "id:", 3) == 0)
		s += 3;
	else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		*why = "a bare hex number is ambiguous: write key:";
		return -1;
	} else if (*s == '\0') {
		*why = "empty";
		return -1;
	} else if (*s < '0' || *s > '9') {
		*why = "not an id, id:N, key:KEY, ftok:PATH[:PROJ] or /name";
		return -1;
	}
	if (parse_id(s, &t->id, why) == -1)
		return -1;
	snprintf(t->str, sizeof(t->str), "id %d", t->id);
	return 0;
}

/*
 * A pid is digits only; a path needs a '/' ("./ns" for a file here),
 * so that a mistyped pid is never taken for a file name.
 */
int
parse_ns(const char *s, struct ns_arg *ns, const char **why)
{
	const char	*p = s;
	uint64_t	 v;

	memset(ns, 0, sizeof(*ns));
	if (strchr(s, '/') != NULL) {
		ns->path = s;
		return 0;
	}
	if (parse_digits(&p, &v, why) == -1) {
		if (*s != '\0')
			*why = "not a PID or a path (a path has a '/')";
		return -1;
	}
	if (*p != '\0') {
		*why = "trailing characters after the PID";
		return -1;
	}
	if (v == 0 || v > INT_MAX) {
		*why = v == 0 ? "PID 0 is no process" : "PID out of range";
		return -1;
	}
	ns->pid = (pid_t)v;
	return 0;
}

const char *
target_str(const struct target *t)
{
	switch (t->type) {
	case TARGET_POSIX:
		return t->name;
	case TARGET_FTOK:
		return t->arg;
	default:
		return t->str;
	}
}
