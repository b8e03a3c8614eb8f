/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * Attribution: the cgroup of a process (/proc/PID/cgroup under the
 * procfs of proc_root()) and the systemd unit or container it
 * names - what answers "which service made this segment" once the pid
 * means nothing.  Cgroup v2 ("0::/path") and v1 ("N:controllers:/path")
 * are read; the path is shortened to what people call the thing:
 *
 *   /system.slice/postgresql@15-main.service         postgresql@15-main.service
 *   /user.slice/user-1000.slice/session-2.scope      session-2.scope
 *   /system.slice/docker-<64 hex>.scope, /docker/<64 hex>
 *                                                    docker:<12 hex>
 *   .../cri-containerd-<64 hex>.scope                containerd:<12 hex>
 *   .../libpod-<64 hex>.scope, /libpod_parent/...    podman:<12 hex>
 *   .../crio-<64 hex>.scope                          crio:<12 hex>
 *   /kubepods.slice/.../kubepods-...-pod<uid>.slice/..., /kubepods/.../pod<uid>/...
 *                                                    k8s:<first 8 of the pod uid>
 *   /lxc.payload.NAME/..., /lxc/NAME/...             lxc:NAME
 *   anything else but /                              the path itself
 *
 * Nothing here prints.
 */
#ifndef CGROUP_H
#define CGROUP_H

#include <stddef.h>
#include <sys/types.h>

/*
 * The path a /proc/PID/cgroup text (LEN bytes, not NUL-terminated)
 * gives: the v2 line's, else the name=systemd hierarchy's, else the
 * cpu's or the memory controller's - the first of them that is not the
 * root "/" (on hybrid machines the v2 line may say "/" while v1 knows
 * the container), else "/".  Allocated; NULL when the text has no
 * line of the form ID:CONTROLLERS:/PATH.
 */
char		*cgroup_pick(const char *, size_t);

/*
 * The unit or container PATH names, as in the table above, into OUT
 * (SZ bytes; a longer path is cut there): 0, or -1 when PATH names
 * nothing (the root "/", or empty).
 */
int		 cgroup_unit(const char *, char *, size_t);

/* The raw cgroup path of PID, read now: allocated, or NULL (errno). */
char		*cgroup_read(pid_t);

/*
 * The same, cached per pid for listings (stat's CUNIT, who's UNIT):
 * the path, or NULL when the process is gone or unreadable.  Valid
 * until cgroup_forget(), which a long-running caller (watch) calls so
 * that a reused pid is read again and the cache does not grow.
 */
const char	*proc_cgroup(pid_t);
/* The unit of proc_cgroup(PID), cached the same way; NULL: none. */
const char	*proc_unit(pid_t);
void		 cgroup_forget(void);

#endif
