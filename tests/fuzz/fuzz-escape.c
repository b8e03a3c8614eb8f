/*
 * libFuzzer harness: escaping of untrusted strings.  Whatever the bytes,
 * esc_term() output holds no control character (C0, DEL, C1) and no
 * invalid UTF-8, and esc_json() output is a valid JSON string: quoted,
 * no raw control characters, valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 1 when s[0..n) is valid UTF-8 without C0, DEL or C1 controls. */
static int
clean(const unsigned char *s, size_t n)
{
	size_t	 i = 0, len, j;

	while (i < n) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			len = 3;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (j = 1; j < len; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
		}
		if (s[i] == 0xc2 && s[i + 1] < 0xa0)
			return 0;
		i += len;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct buf	 b = { 0 };

	esc_term(&b, (const char *)data, len);
	if (!clean((const unsigned char *)b.p, b.len))
		abort();
	b.len = 0;
	esc_json(&b, (const char *)data, len);
	if (b.len < 2 || b.p[0] != '"' || b.p[b.len - 1] != '"')
		abort();
	for (size_t i = 0; i < b.len; i++) {
		if ((unsigned char)b.p[i] < 0x20)
			abort();
	}
	buf_free(&b);
	return 0;
}
