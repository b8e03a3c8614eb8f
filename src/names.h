/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * User and group names, looked up once per distinct id: a listing of
 * thousands of segments owned by a handful of users must not re-read the
 * user database per row (that is what makes ipcs slow).
 */
#ifndef NAMES_H
#define NAMES_H

#include <sys/types.h>

/* The name, or the id in decimal when it has none.  Never NULL. */
const char	*names_user(uid_t);
const char	*names_group(gid_t);

/*
 * The one wording of a refusal, for a segment, an object or a directory:
 * "permission denied (owner alice, mode 0600)", with ", creator bob"
 * when CREATOR is not (uid_t)-1 and "; WHY" when WHY is not NULL.
 * Allocated.
 */
char		*names_denied(uid_t owner, uid_t creator, mode_t mode,
		    const char *why);

/* USER, UID, or "USER:GROUP": 0, or -1 when a name is unknown. */
int		 names_parse_user(const char *, uid_t *);
int		 names_parse_group(const char *, gid_t *);

#endif
