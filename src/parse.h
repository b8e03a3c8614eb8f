/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The argument grammar shared by every command: SIZE, offsets, DURATION,
 * KEY, octal modes and TARGET.  Each parser returns 0, or -1 with *why
 * set to a short reason; the opt_* wrappers turn that into a usage error
 * that names the option and the argument.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>
#include <sys/types.h>

enum target_type {
	TARGET_ID,		/* 42, id:42 */
	TARGET_KEY,		/* key:0x1234 */
	TARGET_POSIX		/* /name */
};

struct target {
	enum target_type	 type;
	int			 id;
	int32_t			 key;
	const char		*name;	/* POSIX name, with its leading '/' */
	const char		*arg;	/* as given */
};

int	parse_size(const char *, uint64_t *, const char **);
int	parse_offset(const char *, uint64_t *, const char **);
int	parse_duration(const char *, uint64_t *, const char **);
int	parse_key(const char *, int32_t *, const char **);
int	parse_mode(const char *, mode_t *, const char **);
int	parse_target(const char *, struct target *, const char **);
int	parse_posix_name(const char *, const char **);

/*
 * The global --ns: a process (digits) whose IPC namespace to join, or
 * the path of a namespace file (anything with a '/').
 */
struct ns_arg {
	pid_t		 pid;		/* 0 when a path was given */
	const char	*path;		/* NULL when a pid was given */
};
int	parse_ns(const char *, struct ns_arg *, const char **);

/* The same, exiting with status 2 and a message naming WHAT. */
uint64_t	opt_size(const char *what, const char *);
uint64_t	opt_offset(const char *what, const char *);
uint64_t	opt_duration(const char *what, const char *);
int32_t		opt_key(const char *what, const char *);
mode_t		opt_mode(const char *what, const char *);
void		opt_target(const char *, struct target *);
void		opt_ns(const char *, struct ns_arg *);
/* USER or USER:GROUP (names or ids): 1 when a group was given. */
int		opt_owner(const char *, uid_t *, gid_t *);

/* "id 42", "key 0x00001234", "/name": how messages name a target. */
const char	*target_str(const struct target *);

#endif
