/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * shmtool create: create a segment and print its id, alone, so that
 * `id=$(shmtool create 4K)` works, or a POSIX object and print its name.
 * With a key or a name it has shmget semantics (an existing, large
 * enough one is returned, never resized) unless --excl; every failure is
 * explained with the limits and the usage involved, and what this call
 * made is removed again when --owner, --lock or the size cannot be
 * applied to it, or when its id or name cannot be reported (standard
 * output fails), so that nothing is left half-done.  Where the kernel
 * destroys a segment whose creator exits with nothing attached
 * (kernel.shm_rmid_forced), none is made unless --hold keeps it
 * attached for as long as it is used.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "hold.h"
#include "json.h"
#include "names.h"
#include "parse.h"
#include "posixshm.h"
#include "select.h"
#include "shmtool.h"
#include "sysvipc.h"
#include "util.h"

#ifndef SHM_HUGE_SHIFT
#define SHM_HUGE_SHIFT	26
#endif
#ifndef SHM_NORESERVE
#define SHM_NORESERVE	010000
#endif

enum {
	OPT_HUGETLB = OPT_CMD,
	OPT_NORESERVE,
	OPT_LOCK,
	OPT_OWNER,
	OPT_HOLD
};

static const struct cmd_option create_options[] = {
	{ .name = "mode", .val = 'm', .arg = CMD_ARG_MODE },
	{ .name = "excl", .val = 'x' },
	{ .name = "hugetlb", .val = OPT_HUGETLB, .arg = CMD_ARG_WORD,
	    .optional = 1, .words = "2M 1G" },
	{ .name = "noreserve", .val = OPT_NORESERVE },
	{ .name = "lock", .val = OPT_LOCK },
	{ .name = "owner", .val = OPT_OWNER, .arg = CMD_ARG_USER },
	{ .name = "json", .val = 'J' },
	{ .name = "verbose", .val = 'v' },
	{ .name = "hold", .val = OPT_HOLD, .arg = CMD_ARG_DURATION,
	    .optional = 1 },
	CMD_END
};

struct create_opts {
	uint64_t	 size;
	const char	*size_arg;	/* as given, for messages */
	key_t		 key;		/* IPC_PRIVATE when none */
	mode_t		 mode;
	int		 excl, hugetlb, noreserve, lock, json, verbose;
	unsigned	 huge_log;	/* 0: the default huge page size */
	int		 has_owner, has_group;
	uid_t		 uid;
	gid_t		 gid;
	int		 hold;		/* --hold */
	const uint64_t	*hold_for;	/* its DURATION; NULL: until a signal */
	uint64_t	 hold_secs;
	/* Read before shmget: the kernel resets shm_next_id after it. */
	int64_t		 next_id;	/* -1: none asked for, or unknown */
	int		 rmid_forced;
};

static void
size_str(char *out, size_t sz, uint64_t v)
{
	char	 h[32];

	fmt_size(h, sizeof(h), v);
	if (v < 1024)
		snprintf(out, sz, "%s", h);
	else
		snprintf(out, sz, "%s (%llu bytes)", h, (unsigned long long)v);
}

/*
 * Standard output, flushed: 0, or -1 when what was printed did not get
 * there (a full disk, a closed pipe, >/dev/full, a closed stdout).
 */
static int
flush_out(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		return -1;
	return 0;
}

/*
 * --json: what was made or found, with the keys of every row of
 * shmtool-json(7): a segment's ID and KEY, or an object's NAME (then
 * ID is -1).  Written to the buffer; flush_out() says whether it got out.
 */
static void
print_json(int id, key_t key, const char *name, uint64_t size, int created)
{
	struct json	 j;
	char		 k[11];

	json_init_file(&j, stdout);
	json_obj(&j);
	json_kstr(&j, "type", name != NULL ? "posix" : "sysv");
	json_key(&j, "id");
	if (name == NULL) {
		json_int(&j, id);
		key_hex(k, (uint32_t)key);
		json_kstr(&j, "key", k);
	} else {
		json_null(&j);
		json_knull(&j, "key");
	}
	json_kstr_opt(&j, "name", name);
	json_kuint(&j, "size", size);
	json_kbool(&j, "created", created);
	json_obj_end(&j);
	(void)json_end(&j);
}

/* "key:KEY" or "ftok:PATH[:PROJ]" (PROJ 0-255, default 1). */
static key_t
parse_key_operand(const char *arg)
{
	struct target	 t;
	int32_t		 key;
	char		*cause;

	if (strncmp(arg, "key:", 4) != 0 && strncmp(arg, "ftok:", 5) != 0)
		usage_err("invalid key '%s': use key:KEY or ftok:PATH[:PROJ]",
		    arg);
	opt_target(arg, &t);
	if (t.type == TARGET_KEY)
		return (key_t)t.key;
	if (select_ftok(&t, &key, &cause) == -1)
		cmd_target_fail(&t, cause);
	return (key_t)key;
}

static void
explain_einval(const struct create_opts *o)
{
	struct shm_limits	 l;
	char			 a[80], b[80], *cause;

	if (sysvipc_limits(&l, &cause) == -1)
		cmd_errx("size %llu: invalid (limits unreadable)",
		    (unsigned long long)o->size);
	snprintf(a, sizeof(a), "%s", o->size_arg);
	if (o->size > l.shmmax) {
		fmt_size(b, sizeof(b), l.shmmax);
		cmd_errx("size %s exceeds SHMMAX (%s)", a, b);
	}
	if (o->size < l.shmmin)
		cmd_errx("size %s is below SHMMIN (%llu)", a,
		    (unsigned long long)l.shmmin);
	if (o->hugetlb && o->huge_log != 0) {
		char	 path[80];

		snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/"
		    "hugepages-%ukB", 1u << (o->huge_log - 10));
		if (access(path, F_OK) == -1)
			cmd_errx("huge pages: no %s huge page pool on this "
			    "system (%s)", o->huge_log == 21 ? "2M" : "1G",
			    path);
	}
	if (o->size > (uint64_t)INT64_MAX)
		cmd_errx("size %s exceeds the largest file the kernel can make "
		    "(8E - 1)", a);
	if (o->hugetlb)
		cmd_errx("size %s: invalid for huge pages", a);
	cmd_errx("size %s: invalid", a);
}

static void
explain_enospc(const struct create_opts *o)
{
	struct shm_limits	 l;
	struct shm_usage	 u;
	uint64_t		 need;
	char			*cause;

	if (sysvipc_limits(&l, &cause) == -1 || sysvipc_usage(&u) == -1)
		cmd_errx("no space for a new segment (ENOSPC)");
	if (u.segments >= l.shmmni)
		cmd_errx("SHMMNI reached: %llu of %llu segments in use",
		    (unsigned long long)u.segments,
		    (unsigned long long)l.shmmni);
	need = (o->size + l.pagesize - 1) / l.pagesize;
	if (u.pages > l.shmall || need > l.shmall - u.pages)
		cmd_errx("SHMALL reached: %llu of %llu pages in use, %llu more "
		    "needed", (unsigned long long)u.pages,
		    (unsigned long long)l.shmall, (unsigned long long)need);
	/*
	 * shm_next_id makes the kernel look for a free slot from that id's
	 * index up, never below; with none free there it fails, and resets
	 * shm_next_id to -1 all the same.
	 */
	if (o->next_id >= 0)
		cmd_errx("kernel.shm_next_id asked for id %lld, and no slot is "
		    "free from its index up (SHMMNI and SHMALL are not "
		    "reached); the kernel has reset shm_next_id to -1: create "
		    "again to get a free id, or write a free one to it",
		    (long long)o->next_id);
	cmd_errx("no space for a new segment (ENOSPC), with %llu of %llu "
	    "segments and %llu of %llu pages in use",
	    (unsigned long long)u.segments, (unsigned long long)l.shmmni,
	    (unsigned long long)u.pages, (unsigned long long)l.shmall);
}

static void
explain_hugetlb(const struct create_opts *o, int error)
{
	char		 b[32], sz[16];
	uint64_t	 gid;

	if (o->huge_log != 0)
		snprintf(sz, sizeof(sz), "%s ", o->huge_log == 21 ? "2M" : "1G");
	else
		sz[0] = '\0';
	switch (error) {
	case EPERM:
		if (sysvipc_hugetlb_group(&gid) == 0)
			snprintf(b, sizeof(b), "%llu", (unsigned long long)gid);
		else
			b[0] = '\0';
		cmd_errx("huge pages: permission denied (needs CAP_IPC_LOCK, "
		    "membership of vm.hugetlb_shm_group (gid %s), or "
		    "RLIMIT_MEMLOCK room)", *b ? b : "?");
	case ENOMEM:
		cmd_errx("huge pages: not enough free %shuge pages (see "
		    "HugePages_Free in /proc/meminfo and vm.nr_hugepages)", sz);
	case ENOENT:
	case ENODEV:
		cmd_errx("huge pages: no %shuge page pool on this system", sz);
	}
}

/* Why shmget failed; never returns. */
static noreturn void
explain(const struct create_opts *o, int error)
{
	struct shm_seg	 s;
	char		 a[80];

	if (o->hugetlb && (error == EPERM || error == ENOMEM ||
	    error == ENOENT || error == ENODEV))
		explain_hugetlb(o, error);
	switch (error) {
	case EINVAL:
		explain_einval(o);
		break;
	case ENOSPC:
		explain_enospc(o);
		break;
	case ENOMEM:
		size_str(a, sizeof(a), o->size);
		cmd_errx("size %s: out of memory%s", a, o->noreserve ? "" :
		    " (--noreserve reserves no swap)");
	case EEXIST:
		if (sysvipc_get_key((int32_t)o->key, &s) == 0)
			cmd_errx("key 0x%08x: exists (id %d); --excl refuses "
			    "it", (uint32_t)o->key, s.id);
		cmd_errx("key 0x%08x: exists", (uint32_t)o->key);
	case EACCES:
		if (o->key != IPC_PRIVATE &&
		    sysvipc_get_key((int32_t)o->key, &s) == 0)
			cmd_errx("key 0x%08x: id %d: %s", (uint32_t)o->key,
			    s.id, sysvipc_denied(&s, 0, NULL));
		break;
	}
	cmd_errx("shmget: %s", strerror(error));
}

/* Undo a creation whose --owner or --lock failed, then report. */
static noreturn void
undo(int id, int created, const char *what, int error)
{
	if (created && sysvipc_remove(id) == -1)
		cmd_warn("id %d: removing it again", id);
	cmd_errx("id %d: %s: %s%s%s", id, what, strerror(error),
	    strncmp(what, "--lock", 6) == 0 && (error == EPERM ||
	    error == ENOMEM) ? " (locking needs CAP_IPC_LOCK or "
	    "RLIMIT_MEMLOCK room)" : "", created ?
	    "; segment removed again" : "");
}

/* Why creating or opening /name failed (WHY: posixshm's cause). */
static noreturn void
explain_posix(const char *name, int error, const char *why)
{
	struct shm_seg		 s;
	struct posixshm_fs	 fs;

	switch (error) {
	case EEXIST:
		cmd_errx("%s: exists; --excl refuses it", name);
	case EACCES:
	case EPERM:
		if (posixshm_get(name, &s, NULL) == 0)
			cmd_errx("%s: %s", name, sysvipc_denied(&s, 0, NULL));
		break;
	case ENOTOBJECT:
		cmd_errx("%s: exists, and is %s", name, why);
	case ENOSPC:
		if (posixshm_statfs(&fs, NULL) == 0 && fs.ffree == 0)
			cmd_errx("%s: %s has no free inode (%llu in use)", name,
			    posixshm_dir_path(), (unsigned long long)fs.files);
		break;
	}
	cmd_errx("%s: %s", name, strerror(error));
}

/*
 * Undo the creation of /name open as FD whose WHAT failed, then report:
 * removed only if the name still holds the file this call made.
 */
static noreturn void
undo_posix(int fd, const char *name, const char *what, int error)
{
	struct shm_seg	 s, now;

	if (posixshm_fstat(fd, name, &s) == -1 ||
	    posixshm_unlink(&s, 0, NULL, &now) == -1)
		cmd_warn("%s: removing it again", name);
	close(fd);
	cmd_errx("%s: %s: %s; object removed again", name, what,
	    strerror(error));
}

/*
 * A POSIX object: created with O_EXCL, so that we know whether this call
 * made it; the mode is then set as given (the umask does not narrow it,
 * as for segments), the owner, and the size.  An existing one is
 * returned as it is when large enough.  open_posix() creates or opens
 * it: the fd, *CREATED set when this call made it.
 */
static int
open_posix(const struct create_opts *o, const char *name, int *created)
{
	char	*why = NULL;
	int	 fd, tries;

	/* Another namespace's /dev/shm that cannot be reached: say why. */
	if (posixshm_dir(&why) == -1)
		cmd_errx("%s", why);
	for (tries = 0;; tries++) {
		if ((fd = posixshm_create(name, o->mode)) != -1) {
			*created = 1;
			return fd;
		}
		if (errno != EEXIST || o->excl || tries > 8)
			explain_posix(name, errno, NULL);
		if ((fd = posixshm_open(name, O_RDWR, &why)) != -1)
			return fd;
		/* Removed in between: round again. */
		if (errno != ENOENT)
			explain_posix(name, errno, why);
		free(why);
	}
}

/* A POSIX object made, or returned as it is (above); its name printed. */
static int
create_posix(const struct create_opts *o, const char *name)
{
	struct shm_seg		 s, now;
	struct posixshm_fs	 fs;
	char			 a[80], b[80];
	uint64_t		 pages;
	int			 fd, created = 0, error;

	fd = open_posix(o, name, &created);
	if (created) {
		if (posixshm_fsetattr(fd, o->mode, (uid_t)-1, (gid_t)-1) == -1)
			undo_posix(fd, name, "--mode (fchmod)", errno);
		if (o->has_owner && posixshm_fsetattr(fd, (mode_t)-1, o->uid,
		    o->has_group ? o->gid : (gid_t)-1) == -1)
			undo_posix(fd, name, "--owner (fchown)", errno);
		if (posixshm_resize(fd, o->size) == -1)
			undo_posix(fd, name, "size (ftruncate)", errno);
	}
	if (posixshm_fstat(fd, name, &s) == -1)
		cmd_err("%s", name);
	close(fd);
	if (!created && s.size < o->size) {
		size_str(a, sizeof(a), o->size);
		size_str(b, sizeof(b), s.size);
		cmd_errx("%s: exists with size %s, smaller than %s", name, b,
		    a);
	}
	if (!created && o->has_owner)
		cmd_warnx("%s: exists, not created: --owner not applied (see "
		    "shmtool set)", name);
	/* tmpfs grants the pages when they are written: too late to say. */
	if (created && posixshm_statfs(&fs, NULL) == 0 && o->size > fs.avail) {
		size_str(a, sizeof(a), o->size);
		fmt_size(b, sizeof(b), fs.avail);
		cmd_warnx("%s: size %s is more than the %s free in %s: "
		    "writing all of it will fail (SIGBUS through a mapping)",
		    name, a, b, posixshm_dir_path());
	}
	if (o->verbose) {
		pages = (s.size + (uint64_t)getpagesize() - 1) /
		    (uint64_t)getpagesize();
		size_str(a, sizeof(a), s.size);
		cmd_warnx("%s: %s, size %s in %llu page%s, mode %04o",
		    name, created ? "created" :
		    "existing object returned", a, (unsigned long long)pages,
		    pages == 1 ? "" : "s", s.perms & 0777);
	}
	if (o->json)
		print_json(-1, 0, name, s.size, created);
	else
		printf("%s\n", name);
	if (flush_out() == -1) {
		error = errno;
		/* Only if the name still holds the object this call made. */
		if (created && posixshm_unlink(&s, 0, NULL, &now) == -1)
			cmd_warn("%s: removing it again", name);
		cmd_errx("write error on standard output: %s; %s",
		    strerror(error), created ? "the object created is removed "
		    "again" : "the existing object is left as it was");
	}
	return EXIT_OK;
}

/*
 * Under shm_rmid_forced, a segment made by a process that exits with
 * nothing attached is destroyed then: printed, its id would name nothing
 * (or, reused, another segment) by the time it is read.
 */
static noreturn void
refuse_forced(void)
{
	cmd_errx("kernel.shm_rmid_forced is 1 in this IPC namespace: a new "
	    "segment would be destroyed as create exits (its creator, with "
	    "nothing attached), before its id is read; nothing created (use "
	    "--hold to keep it attached while it is used)");
}

/*
 * IPC_EXCL first, so that we know whether this call created the segment;
 * without --excl, an existing key is then opened.  A segment removed in
 * between sends us round again.  The id; *created says which.  Unless
 * MAY_CREATE, only an existing segment is returned.
 */
static int
get_segment(const struct create_opts *o, int flags, int may_create,
    int *created)
{
	struct shm_seg	 s;
	char		 a[80], b[80];
	int		 id, tries;

	if (!may_create && (o->key == IPC_PRIVATE || o->excl))
		refuse_forced();
	for (tries = 0;; tries++) {
		id = may_create ? sysvipc_create((int32_t)o->key, o->size,
		    flags) : -1;
		if (id != -1) {
			*created = 1;
			return id;
		}
		if (!may_create)
			errno = EEXIST;
		if (errno != EEXIST || o->excl || tries > 8)
			explain(o, errno);
		if ((id = sysvipc_open((int32_t)o->key, o->size,
		    (int)o->mode)) != -1) {
			*created = 0;
			return id;
		}
		if (errno == ENOENT && !may_create)
			refuse_forced();
		if (errno == ENOENT)
			continue;
		if (errno == EINVAL &&
		    sysvipc_get_key((int32_t)o->key, &s) == 0) {
			size_str(a, sizeof(a), o->size);
			size_str(b, sizeof(b), s.size);
			cmd_errx("key 0x%08x: exists as id %d with size %s, "
			    "smaller than %s", (uint32_t)o->key, s.id, b, a);
		}
		explain(o, errno);
	}
}

/* --owner and --lock on what this call made, undone if they fail. */
static void
apply(const struct create_opts *o, int id)
{
	struct shm_seg	 s;

	if (o->has_owner) {
		if (sysvipc_stat(id, &s) == -1)
			undo(id, 1, "IPC_STAT", errno);
		if (sysvipc_set(&s, o->uid, o->has_group ? o->gid : (gid_t)-1,
		    (mode_t)-1) == -1)
			undo(id, 1, "--owner (IPC_SET)", errno);
	}
	if (o->lock && sysvipc_lock(id, 1) == -1)
		undo(id, 1, "--lock (SHM_LOCK)", errno);
}

/* The id could not be reported: what this call made goes again. */
static noreturn void
unreported(int id, int created, const void *at, int error)
{
	if (at != NULL)
		(void)sysvipc_detach(at);
	if (created && sysvipc_remove(id) == -1)
		cmd_warn("id %d: removing it again", id);
	cmd_errx("write error on standard output: %s; %s", strerror(error),
	    created ? "the segment created is removed again" :
	    "the existing segment is left as it was");
}

/*
 * --hold: attached (read-only if it may be read, which is all a hold
 * needs) before the id is printed, so that it lives while it is used
 * even where shm_rmid_forced destroys an unattached one.
 */
static void *
hold_attach(int id, int created)
{
	struct shm_seg	 s;
	void		*p;
	char		*msg;
	int		 error;

	if ((p = sysvipc_attach(id, NULL, SHM_RDONLY)) != (void *)-1 ||
	    (errno == EACCES &&
	    (p = sysvipc_attach(id, NULL, 0)) != (void *)-1))
		return p;
	error = errno;
	if (created && sysvipc_remove(id) == -1)
		cmd_warn("id %d: removing it again", id);
	if (error == EACCES && sysvipc_get(id, &s) == 0) {
		msg = sysvipc_denied(&s, 0, "--hold attaches it");
		cmd_errx("id %d: %s%s", id, msg, created ?
		    "; segment removed again" : "");
	}
	cmd_errx("id %d: --hold: shmat: %s%s", id, strerror(error), created ?
	    "; segment removed again" : "");
}

static int
create_sysv(struct create_opts *o)
{
	struct shm_seg	 s;
	struct shm_limits l;
	struct hold	 h;
	char		 a[80], title[32];
	void		*at = NULL;
	int		 id, flags, created;
	uint64_t	 ps, pages;

	flags = (int)o->mode;
	if (o->hugetlb)
		flags |= SHM_HUGETLB | (int)(o->huge_log << SHM_HUGE_SHIFT);
	if (o->noreserve)
		flags |= SHM_NORESERVE;
	o->next_id = -1;
	o->rmid_forced = 0;
	if (sysvipc_limits(&l, NULL) == 0) {
		o->next_id = l.next_id_known ? l.next_id : -1;
		o->rmid_forced = l.rmid_forced > 0;
	}
	/* Before the segment exists: no signal may leave it behind. */
	if (o->hold)
		hold_prepare(&h);
	id = get_segment(o, flags, !o->rmid_forced || o->hold, &created);
	if (created)
		apply(o, id);
	else if (o->has_owner || o->lock)
		cmd_warnx("id %d: key 0x%08x exists, not created: %s not "
		    "applied (see shmtool set)", id, (uint32_t)o->key,
		    o->has_owner ? "--owner" : "--lock");
	if (o->hold)
		at = hold_attach(id, created);

	/* What it is now; the request where it cannot be read. */
	if (sysvipc_stat(id, &s) == -1) {
		s.size = o->size;
		s.perms = (uint32_t)o->mode;
	}
	if (o->verbose) {
		ps = sysvipc_limits(&l, NULL) == 0 ? l.pagesize :
		    (uint64_t)sysconf(_SC_PAGESIZE);
		pages = (s.size + ps - 1) / ps;
		size_str(a, sizeof(a), s.size);
		cmd_warnx("id %d: %s, key 0x%08x, size %s in %llu page%s, "
		    "mode %04o%s", id, created ? "created" :
		    "existing segment returned", (uint32_t)o->key, a,
		    (unsigned long long)pages, pages == 1 ? "" : "s",
		    (unsigned)s.perms & 0777, o->hugetlb && created ?
		    ", huge pages" : "");
	}
	/* Named in ps before anyone reading the id looks. */
	if (o->hold) {
		snprintf(title, sizeof(title), "shmid %d", id);
		hold_title(title);
	}
	if (o->json)
		print_json(id, o->key, NULL, s.size, created);
	else
		printf("%d\n", id);
	if (flush_out() == -1)
		unreported(id, created, at, errno);
	if (o->hold) {
		(void)hold_wait(&h, o->hold_for);
		if (sysvipc_detach(at) == -1)
			cmd_err("id %d: shmdt", id);
	}
	return EXIT_OK;
}

/*
 * "-1" would read as an unknown option; as SIZE it deserves the size
 * message.  Option arguments (--mode -1) keep their own.
 */
static void
refuse_negative(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		const char *prev = argv[i - 1];

		if (argv[i][0] == '-' && argv[i][1] >= '0' &&
		    argv[i][1] <= '9' && strcmp(prev, "-m") != 0 &&
		    strcmp(prev, "--mode") != 0 && strcmp(prev, "--owner") != 0)
			usage_err("invalid size '%s': must not be negative",
			    argv[i]);
		if (strcmp(argv[i], "--") == 0)
			break;
	}
}

/* --hugetlb's argument: the log2 of the page size, 0: the default. */
static unsigned
opt_huge_log(const char *arg)
{
	if (arg == NULL)
		return 0;
	if (strcasecmp(arg, "2M") == 0)
		return 21;
	if (strcasecmp(arg, "1G") == 0)
		return 30;
	usage_err("invalid huge page size '%s': use 2M or 1G", arg);
}

/* The options into O; exits on a usage error. */
static void
create_args(int argc, char **argv, struct create_opts *o)
{
	int	 ch;

	memset(o, 0, sizeof(*o));
	o->key = IPC_PRIVATE;
	o->mode = 0600;
	while ((ch = cmd_getopt(argc, argv)) != -1) {
		switch (ch) {
		case 'm':
			o->mode = opt_mode("mode", optarg);
			break;
		case 'x':
			o->excl = 1;
			break;
		case OPT_HUGETLB:
			o->hugetlb = 1;
			o->huge_log = opt_huge_log(optarg);
			break;
		case OPT_NORESERVE:
			o->noreserve = 1;
			break;
		case OPT_LOCK:
			o->lock = 1;
			break;
		case OPT_OWNER:
			o->has_group = opt_owner(optarg, &o->uid, &o->gid);
			o->has_owner = 1;
			break;
		case 'J':
			o->json = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case OPT_HOLD:
			o->hold = 1;
			o->hold_for = NULL;
			if (optarg != NULL) {
				o->hold_secs = opt_duration("duration", optarg);
				o->hold_for = &o->hold_secs;
			}
			break;
		}
	}
}

static int
cmd_create_exec(int argc, char **argv)
{
	struct create_opts	 o;

	refuse_negative(argc, argv);
	create_args(argc, argv, &o);
	cmd_operands(argc, argv, 1, 2);
	o.size = opt_size("size", argv[optind]);
	o.size_arg = argv[optind];
	if (o.size > SIZE_MAX)
		usage_err("invalid size '%s': too large", argv[optind]);
	if (argc - optind == 2 && argv[optind + 1][0] == '/') {
		struct target	 t;

		opt_target(argv[optind + 1], &t);
		if (o.hugetlb || o.noreserve || o.lock || o.hold)
			usage_err("%s applies to System V segments, not to "
			    "POSIX objects%s", o.hugetlb ? "--hugetlb" :
			    o.noreserve ? "--noreserve" : o.lock ? "--lock" :
			    "--hold", o.hold ? " (shmtool attach --hold maps "
			    "one)" : "");
		if (o.size > (uint64_t)INT64_MAX)
			usage_err("invalid size '%s': too large for a file",
			    argv[optind]);
		return create_posix(&o, argv[optind + 1]);
	}
	if (argc - optind == 2)
		o.key = parse_key_operand(argv[optind + 1]);
	if (o.excl && o.key == IPC_PRIVATE)
		usage_err("--excl needs a key: IPC_PRIVATE always creates");
	return create_sysv(&o);
}

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.summary = "Create a segment or POSIX object and print its id or name",
	.synopsis = "create [OPTIONS] SIZE [key:KEY | ftok:PATH[:PROJ] | /NAME]",
	.help =
	    "  -m, --mode OCTAL    permissions (default 0600), as given\n"
	    "  -x, --excl          fail if the key or name exists\n"
	    "      --hugetlb[=2M|1G]  back it with huge pages (segments only)\n"
	    "      --noreserve     reserve no swap for it (segments only)\n"
	    "      --lock          lock it in memory (SHM_LOCK; segments only)\n"
	    "      --owner USER[:GROUP]  give it to USER (IPC_SET, fchown)\n"
	    "  -J, --json          {\"type\":...,\"id\":...,\"key\":...,\"name\":...,\n"
	    "                      \"size\":...,\"created\":...}, see shmtool-json(7)\n"
	    "  -v, --verbose       a line about it on standard error\n"
	    "      --hold[=DURATION]  keep it attached until DURATION passes\n"
	    "                      or SIGINT, SIGTERM or SIGHUP arrives (segments\n"
	    "                      only; needed where kernel.shm_rmid_forced is 1)\n",
	.exec = cmd_create_exec,
	.options = create_options,
	.operands = { CMD_ARG_NUMBER, CMD_ARG_TEXT },
};
