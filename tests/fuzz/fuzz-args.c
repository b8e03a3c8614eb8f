/*
 * libFuzzer harness: the argument grammar.  The first byte picks the
 * parser, the rest is the argument.  Checks invariants besides crashes:
 * a size is never 0, a key never 0, a mode within 0777, a POSIX target
 * always a valid name, --ns either a positive pid or a path.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdnoreturn.h>

#include "parse.h"
#include "shmtool.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* parse.c's opt_* wrappers call this; the harness never uses them. */
noreturn void
usage_err(const char *fmt, ...)
{
	(void)fmt;
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
		if (parse_size(s, &u, &why) == 0 && u == 0)
			abort();
		break;
	case 1:
		(void)parse_offset(s, &u, &why);
		break;
	case 2:
		if (parse_duration(s, &u, &why) == 0 && u > INT64_MAX / 2)
			abort();
		break;
	case 3:
		if (parse_key(s, &k, &why) == 0 && k == 0)
			abort();
		break;
	case 4:
		if (parse_mode(s, &m, &why) == 0 && m > 0777)
			abort();
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
			(void)target_str(&t);
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
