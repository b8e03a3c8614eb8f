/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The shmtool authors */

/*
 * SHA-256 through OpenSSL's libcrypto (EVP: it picks the CPU's SHA
 * extensions or AVX2 at run time, as fast as `openssl dgst`), loaded
 * the first time a digest is asked for.  Linked in, libcrypto costs
 * every run of every command 1.6 MiB of resident memory for its
 * relocations - more than a quarter of what listing 32,000 segments
 * takes - and only dump --sha256 uses it.
 */

#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/opensslv.h>

#include "sha256.h"
#include "util.h"

#define STR1(x)		#x
#define STR(x)		STR1(x)
/* The soname of the libcrypto whose headers we were built with. */
#define LIBCRYPTO	"libcrypto.so." STR(OPENSSL_VERSION_MAJOR)

struct sha256 {
	EVP_MD_CTX	*ctx;
};

static struct {
	int		  loaded;
	EVP_MD_CTX	*(*ctx_new)(void);
	void		 (*ctx_free)(EVP_MD_CTX *);
	const EVP_MD	*(*md)(void);
	int		 (*init)(EVP_MD_CTX *, const EVP_MD *, ENGINE *);
	int		 (*update)(EVP_MD_CTX *, const void *, size_t);
	int		 (*final)(EVP_MD_CTX *, unsigned char *, unsigned int *);
} lc;

/*
 * The function NAME of H into *FN.  Through memcpy: ISO C has no
 * conversion from dlsym's void * to a function pointer, POSIX guarantees
 * the representation.
 */
static int
sym(void *h, const char *name, void *fn, char **cause)
{
	void	*p;

	if ((p = dlsym(h, name)) == NULL) {
		set_cause(cause, "%s has no %s", LIBCRYPTO, name);
		return -1;
	}
	memcpy(fn, &p, sizeof(p));
	return 0;
}

static int
load(char **cause)
{
	const char	*e;
	void		*h;

	if (lc.loaded)
		return 0;
	if ((h = dlopen(LIBCRYPTO, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		set_cause(cause, "cannot load OpenSSL's libcrypto: %s",
		    e != NULL ? e : LIBCRYPTO);
		return -1;
	}
	if (sym(h, "EVP_MD_CTX_new", &lc.ctx_new, cause) == -1 ||
	    sym(h, "EVP_MD_CTX_free", &lc.ctx_free, cause) == -1 ||
	    sym(h, "EVP_sha256", &lc.md, cause) == -1 ||
	    sym(h, "EVP_DigestInit_ex", &lc.init, cause) == -1 ||
	    sym(h, "EVP_DigestUpdate", &lc.update, cause) == -1 ||
	    sym(h, "EVP_DigestFinal_ex", &lc.final, cause) == -1) {
		dlclose(h);
		return -1;
	}
	/* Kept open: its functions are ours until exit. */
	lc.loaded = 1;
	return 0;
}

struct sha256 *
sha256_new(char **cause)
{
	struct sha256	*s;

	if (load(cause) == -1)
		return NULL;
	s = xmalloc(sizeof(*s));
	if ((s->ctx = lc.ctx_new()) == NULL ||
	    lc.init(s->ctx, lc.md(), NULL) != 1) {
		set_cause(cause, "libcrypto cannot start a SHA-256 digest");
		sha256_free(s);
		return NULL;
	}
	return s;
}

int
sha256_update(struct sha256 *s, const void *p, size_t n, char **cause)
{
	if (lc.update(s->ctx, p, n) != 1) {
		set_cause(cause, "libcrypto's SHA-256 digest failed");
		return -1;
	}
	return 0;
}

/* The digest in HEX (SHA256_HEX bytes, NUL-terminated). */
int
sha256_final(struct sha256 *s, char *hex, char **cause)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 len, i;

	if (lc.final(s->ctx, md, &len) != 1 || len != 32) {
		set_cause(cause, "libcrypto's SHA-256 digest failed");
		return -1;
	}
	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

void
sha256_free(struct sha256 *s)
{
	if (s == NULL)
		return;
	if (s->ctx != NULL)
		lc.ctx_free(s->ctx);
	free(s);
}
