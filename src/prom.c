/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Writing the Prometheus text exposition format.  Values are written
 * exactly: integers in decimal (Prometheus reads them as float64, so a
 * limit near 2^64 arrives rounded to 1.8446744073709552e+19), ratios
 * with the 17 significant digits that carry a double whole.  Label
 * values come from the user database and /proc: they are escaped here,
 * and anything that is not UTF-8 is replaced, since one bad byte makes
 * Prometheus drop the whole scrape of the host.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "prom.h"
#include "util.h"

/* HELP text: only '\' and newline are escaped there. */
static void
help_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			buf_addstr(b, "\\\\");
		else if (*s == '\n')
			buf_addstr(b, "\\n");
		else
			buf_add(b, s, 1);
	}
}

void
prom_family(struct buf *b, const char *name, const char *type,
    const char *help)
{
	buf_addf(b, "# HELP %s ", name);
	help_escape(b, help);
	buf_addf(b, "\n# TYPE %s %s\n", name, type);
}

void
prom_escape(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), i, len;

	for (i = 0; i < n; i += len) {
		len = utf8_len(s + i, n - i);
		if (len == 0) {
			buf_addstr(b, "\xef\xbf\xbd");	/* U+FFFD */
			len = 1;
		} else if (s[i] == '\\')
			buf_addstr(b, "\\\\");
		else if (s[i] == '"')
			buf_addstr(b, "\\\"");
		else if (s[i] == '\n')
			buf_addstr(b, "\\n");
		else
			buf_add(b, s + i, len);
	}
}

static void
name_labels(struct buf *b, const char *name, const struct prom_label *l,
    size_t n)
{
	size_t	 i;

	buf_addstr(b, name);
	if (n == 0)
		return;
	buf_addstr(b, "{");
	for (i = 0; i < n; i++) {
		buf_addf(b, "%s%s=\"", i > 0 ? "," : "", l[i].name);
		prom_escape(b, l[i].value);
		buf_addstr(b, "\"");
	}
	buf_addstr(b, "}");
}

void
prom_u64(struct buf *b, const char *name, const struct prom_label *l,
    size_t n, uint64_t v)
{
	char	 num[24];

	name_labels(b, name, l, n);
	buf_addf(b, " %s\n", u64_dec(num + sizeof(num), v));
}

void
prom_double(struct buf *b, const char *name, const struct prom_label *l,
    size_t n, double v)
{
	name_labels(b, name, l, n);
	if (isnan(v))
		buf_addstr(b, " NaN\n");
	else if (isinf(v))
		buf_addstr(b, v > 0 ? " +Inf\n" : " -Inf\n");
	else
		buf_addf(b, " %.17g\n", v);
}
