/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * A small cache of user and group names, keyed by id.  Open addressing
 * in a power-of-two table; ids are few and lookups many.
 */
#include "config.h"

#include <sys/types.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "util.h"

struct name_ent {
	uint32_t	 id;
	int		 used;
	int		 known;
	char		*name;
};

struct name_cache {
	struct name_ent	*v;
	size_t		 n;
	size_t		 cap;
};

static struct name_cache	users, groups;

static struct name_ent *
cache_slot(struct name_cache *c, uint32_t id)
{
	size_t	 i;

	if (c->n * 2 >= c->cap) {
		struct name_ent	*old = c->v;
		size_t		 oldcap = c->cap;

		c->cap = oldcap == 0 ? 64 : oldcap * 2;
		c->v = xcalloc(c->cap, sizeof(*c->v));
		c->n = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].used) {
				struct name_ent *e = cache_slot(c, old[i].id);

				*e = old[i];
				c->n++;
			}
		}
		free(old);
	}
	for (i = (id * 2654435761u) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
		if (!c->v[i].used || c->v[i].id == id)
			return &c->v[i];
	}
}

static struct name_ent *
cache_get(struct name_cache *c, uint32_t id, int isgroup)
{
	struct name_ent	*e;
	struct passwd	*pw;
	struct group	*gr;
	const char	*name = NULL;
	char		 num[16];

	e = cache_slot(c, id);
	if (e->used)
		return e;
	if (isgroup) {
		if ((gr = getgrgid((gid_t)id)) != NULL)
			name = gr->gr_name;
	} else {
		if ((pw = getpwuid((uid_t)id)) != NULL)
			name = pw->pw_name;
	}
	e->known = name != NULL;
	if (name == NULL) {
		snprintf(num, sizeof(num), "%u", id);
		name = num;
	}
	e->name = xstrdup(name);
	e->id = id;
	e->used = 1;
	c->n++;
	return e;
}

const char *
names_user(uid_t uid)
{
	return cache_get(&users, (uint32_t)uid, 0)->name;
}

const char *
names_group(gid_t gid)
{
	return cache_get(&groups, (uint32_t)gid, 1)->name;
}

int
names_user_known(uid_t uid)
{
	return cache_get(&users, (uint32_t)uid, 0)->known;
}

int
names_group_known(gid_t gid)
{
	return cache_get(&groups, (uint32_t)gid, 1)->known;
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
