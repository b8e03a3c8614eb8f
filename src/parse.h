/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The argument grammar shared by every command: SIZE, offsets, DURATION,
 * KEY, octal modes and TARGET.  Each parser returns 0, or -1 with *why
 * set to a short, static reason (as strtonum's errstr); the command frame
 * (cmd.h) turns that into a usage error that names the option and the
 * argument.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>
#include <sys/types.h>

enum target_type {
	TARGET_ID,		/* 42, id:42 */
	TARGET_KEY,		/* key:0x1234 */
	TARGET_FTOK,		/* ftok:PATH[:PROJ], the key ftok(3) makes */
	TARGET_POSIX		/* /name */
};

struct target {
	enum target_type	 type;
	int			 id;
	int32_t			 key;
	const char		*name;	/* POSIX name, with its leading '/' */
	const char		*path;	/* ftok: PATH, PATHLEN bytes of ARG */
	size_t			 pathlen;
	int			 proj;	/* ftok: 0 to 255, default 1 */
	const char		*arg;	/* as given */
	char			 str[24];	/* "id 42", "key 0x00001234" */
};

int	parse_size(const char *, uint64_t *, const char **);
int	parse_offset(const char *, uint64_t *, const char **);
int	parse_duration(const char *, uint64_t *, const char **);
/* The same in milliseconds: DURATION also takes ms (250ms, 1s500ms). */
int	parse_duration_ms(const char *, uint64_t *, const char **);
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

/*
 * How messages name a target: "id 42", "key 0x00001234", the name
 * "/name" or "ftok:PATH:PROJ" as given (messages are escaped when
 * printed).  The text lives in the target: any number of them may be
 * held at once.
 */
const char	*target_str(const struct target *);

#endif
