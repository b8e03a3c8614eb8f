/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * User and group names, each looked up once per id (idcache.h): ids are
 * few and lookups many.  Also the parsing of USER and GROUP arguments,
 * and the one wording of a refusal, which names the owner.
 */
#include "config.h"

#include <sys/types.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idcache.h"
#include "names.h"
#include "util.h"

struct name_ent {
	struct idcache_key	 k;
	char			*name;
};

static struct idcache	 users = IDCACHE_INIT(struct name_ent);
static struct idcache	 groups = IDCACHE_INIT(struct name_ent);

static const char *
lookup(struct idcache *c, uint32_t id, int isgroup)
{
	struct name_ent	*e;
	struct passwd	*pw;
	struct group	*gr;
	const char	*name = NULL;
	char		 num[16];
	int		 made;

	e = idcache_get(c, id, &made);
	if (!made)
		return e->name;
	if (isgroup) {
		if ((gr = getgrgid((gid_t)id)) != NULL)
			name = gr->gr_name;
	} else {
		if ((pw = getpwuid((uid_t)id)) != NULL)
			name = pw->pw_name;
	}
	if (name == NULL) {
		snprintf(num, sizeof(num), "%u", id);
		name = num;
	}
	e->name = xstrdup(name);
	return e->name;
}

const char *
names_user(uid_t uid)
{
	return lookup(&users, (uint32_t)uid, 0);
}

const char *
names_group(gid_t gid)
{
	return lookup(&groups, (uint32_t)gid, 1);
}

/* A decimal id in [0, 2^32-2]: -1 is "no change" to chown(2) and shmctl. */
static int
parse_id(const char *s, uint32_t *out)
{
	const char	*errstr;
	long long	 v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtonum(s, 0, (long long)UINT32_MAX - 1, &errstr);
	if (errstr != NULL)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int
names_parse_user(const char *s, uid_t *out)
{
	struct passwd	*pw;
	uint32_t	 id;

	if (*s == '\0')
		return -1;
	if ((pw = getpwnam(s)) != NULL) {
		*out = pw->pw_uid;
		return 0;
	}
	if (parse_id(s, &id) == -1)
		return -1;
	*out = (uid_t)id;
	return 0;
}

int
names_parse_group(const char *s, gid_t *out)
{
	struct group	*gr;
	uint32_t	 id;

	if (*s == '\0')
		return -1;
	if ((gr = getgrnam(s)) != NULL) {
		*out = gr->gr_gid;
		return 0;
	}
	if (parse_id(s, &id) == -1)
		return -1;
	*out = (gid_t)id;
	return 0;
}

char *
names_denied(uid_t owner, uid_t creator, mode_t mode, const char *why)
{
	char	*msg, cr[64] = "";

	/* names_user() keeps every name it looked up: two calls are fine. */
	if (creator != (uid_t)-1)
		snprintf(cr, sizeof(cr), ", creator %s", names_user(creator));
	xasprintf(&msg, "permission denied (owner %s%s, mode %04o%s%s)",
	    names_user(owner), cr, (unsigned)(mode & 07777),
	    why != NULL ? "; " : "", why != NULL ? why : "");
	return msg;
}
