/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * libFuzzer harness: the argument grammar.  The first byte picks the
 * parser, the rest is the argument.  Checks invariants besides crashes:
 * a size is never 0, a key never 0, a mode within 0777, a POSIX target
 * always a valid name, --ns either a positive pid or a path.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Round trips: every value accepted prints back (decimal, hex, octal,
 * id:, key:) to text that parses to the same value.  PARSE(text of V)
 * gives V back.
 */
static void
same_u64(int (*parse)(const char *, uint64_t *, const char **), uint64_t v)
{
	char		 b[32];
	const char	*why;
	uint64_t	 again;

	snprintf(b, sizeof(b), "%" PRIu64, v);
	if (parse(b, &again, &why) != 0 || again != v)
		abort();
}

static void
same_key(int32_t k)
{
	char		 b[32];
	const char	*why;
	int32_t		 again;

	snprintf(b, sizeof(b), "0x%" PRIx32, (uint32_t)k);
	if (parse_key(b, &again, &why) != 0 || again != k)
		abort();
	/* As /proc/sysvipc/shm prints it: signed decimal. */
	snprintf(b, sizeof(b), "%" PRId32, k);
	if (parse_key(b, &again, &why) != 0 || again != k)
		abort();
}

static void
same_target(const struct target *t)
{
	char		 b[32];
	const char	*why;
	struct target	 again;

	char		*f;

	if (t->type == TARGET_POSIX)
		return;
	/* ftok: PATH and PROJ written out again give the same two. */
	if (t->type == TARGET_FTOK) {
		if (t->proj < 0 || t->proj > 255 || t->pathlen == 0 ||
		    (f = malloc(t->pathlen + 16)) == NULL)
			abort();
		snprintf(f, t->pathlen + 16, "ftok:%.*s:%d", (int)t->pathlen,
		    t->path, t->proj);
		if (parse_target(f, &again, &why) != 0 ||
		    again.type != TARGET_FTOK || again.proj != t->proj ||
		    again.pathlen != t->pathlen ||
		    memcmp(again.path, t->path, t->pathlen) != 0)
			abort();
		free(f);
		return;
	}
	if (t->type == TARGET_ID)
		snprintf(b, sizeof(b), "id:%d", t->id);
	else
		snprintf(b, sizeof(b), "key:0x%" PRIx32, (uint32_t)t->key);
	if (parse_target(b, &again, &why) != 0 || again.type != t->type ||
	    again.id != t->id || again.key != t->key)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct target	 t;
	struct ns_arg	 ns;
	const char	*why;
	uint64_t	 u;
	int32_t		 k;
	mode_t		 m;
	char		*s;

	if (len == 0)
		return 0;
	if ((s = malloc(len)) == NULL)
		return 0;
	memcpy(s, data + 1, len - 1);
	s[len - 1] = '\0';
	switch (data[0] % 8) {
	case 0:
		if (parse_size(s, &u, &why) == 0) {
			if (u == 0)
				abort();
			same_u64(parse_size, u);
		}
		break;
	case 1:
		if (parse_offset(s, &u, &why) == 0)
			same_u64(parse_offset, u);
		break;
	case 2:
		if (parse_duration(s, &u, &why) == 0) {
			if (u > INT64_MAX / 2)
				abort();
			same_u64(parse_duration, u);
		}
		break;
	case 3:
		if (parse_key(s, &k, &why) == 0) {
			if (k == 0)
				abort();
			same_key(k);
		}
		break;
	case 4:
		if (parse_mode(s, &m, &why) == 0) {
			char	 b[8];
			mode_t	 again;

			if (m > 0777)
				abort();
			snprintf(b, sizeof(b), "%o", (unsigned)m);
			if (parse_mode(b, &again, &why) != 0 || again != m)
				abort();
		}
		break;
	case 5:
		if (parse_target(s, &t, &why) == 0) {
			if (t.type == TARGET_POSIX &&
			    parse_posix_name(t.name, &why) != 0)
				abort();
			if (t.type == TARGET_KEY && t.key == 0)
				abort();
			if (t.type == TARGET_ID && t.id < 0)
				abort();
			same_target(&t);
			/*
			 * How messages name it: the name, ftok: as given, or
			 * "id N"/"key K".
			 */
			if (strcmp(target_str(&t), t.type == TARGET_POSIX ?
			    t.name : t.type == TARGET_FTOK ? s : t.str) != 0 ||
			    *target_str(&t) == '\0')
				abort();
		}
		break;
	case 6:
		(void)parse_posix_name(s, &why);
		break;
	case 7:
		if (parse_ns(s, &ns, &why) == 0 && (ns.path == NULL) ==
		    (ns.pid <= 0))
			abort();
		break;
	}
	free(s);
	return 0;
}
