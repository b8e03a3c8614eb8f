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
 * applied to it, so that nothing is left half-done.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "parse.h"
#include "posixshm.h"
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
	OPT_HUGETLB = 0x100,
	OPT_NORESERVE,
	OPT_LOCK,
	OPT_OWNER,
	OPT_JSON
};

static const struct option create_longopts[] = {
	{ "mode",	required_argument,	NULL,	'm' },
	{ "excl",	no_argument,		NULL,	'x' },
	{ "hugetlb",	optional_argument,	NULL,	OPT_HUGETLB },
	{ "noreserve",	no_argument,		NULL,	OPT_NORESERVE },
	{ "lock",	no_argument,		NULL,	OPT_LOCK },
	{ "owner",	required_argument,	NULL,	OPT_OWNER },
	{ "json",	no_argument,		NULL,	OPT_JSON },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ "help",	no_argument,		NULL,	'h' },
	{ NULL,		0,			NULL,	0 }
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

/* "key:KEY" or "ftok:PATH[:PROJ]" (PROJ 1-255, default 1). */
static key_t
parse_key_operand(const char *arg)
{
	const char	*why, *colon;
	char		*path;
	uint64_t	 proj = 1;
	key_t		 k;

	if (strncmp(arg, "key:", 4) == 0)
		return (key_t)opt_key("key", arg + 4);
	if (strncmp(arg, "ftok:", 5) != 0)
		usage_err("invalid key '%s': use key:KEY or ftok:PATH[:PROJ]",
		    arg);
	path = xstrdup(arg + 5);
	/* A path may hold colons: only a numeric last part is PROJ. */
	if ((colon = strrchr(path, ':')) != NULL &&
	    colon[1] >= '0' && colon[1] <= '9' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		if (parse_offset(colon + 1, &proj, &why) == -1 || proj == 0 ||
		    proj > 255)
			usage_err("invalid ftok project '%s': use 1 to 255",
			    colon + 1);
		path[colon - path] = '\0';
	}
	if (*path == '\0')
		usage_err("invalid key '%s': empty ftok path", arg);
	if ((k = ftok(path, (int)proj)) == -1)
		err(EXIT_FAIL, "ftok: %s", safe_str(path));
	free(path);
	return k;
}

static void
explain_einval(const struct create_opts *o)
{
	struct shm_limits	 l;
	char			 a[80], b[80];

	if (sysvipc_limits(&l) == -1)
		errx(EXIT_FAIL, "size %llu: invalid (limits unreadable)",
		    (unsigned long long)o->size);
	snprintf(a, sizeof(a), "%s", o->size_arg);
	if (o->size > l.shmmax) {
		fmt_size(b, sizeof(b), l.shmmax);
		errx(EXIT_FAIL, "size %s exceeds SHMMAX (%s)", a, b);
	}
	if (o->size < l.shmmin)
		errx(EXIT_FAIL, "size %s is below SHMMIN (%llu)", a,
		    (unsigned long long)l.shmmin);
	if (o->hugetlb && o->huge_log != 0) {
		char	 path[80];

		snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/"
		    "hugepages-%ukB", 1u << (o->huge_log - 10));
		if (access(path, F_OK) == -1)
			errx(EXIT_FAIL, "huge pages: no %s huge page pool on "
			    "this system (%s)", o->huge_log == 21 ? "2M" : "1G",
			    path);
	}
	if (o->size > (uint64_t)INT64_MAX)
		errx(EXIT_FAIL, "size %s exceeds the largest file the kernel "
		    "can make (8E - 1)", a);
	if (o->hugetlb)
		errx(EXIT_FAIL, "size %s: invalid for huge pages", a);
	errx(EXIT_FAIL, "size %s: invalid", a);
}

static void
explain_enospc(const struct create_opts *o)
{
	struct shm_limits	 l;
	struct shm_usage	 u;
	uint64_t		 need;

	if (sysvipc_limits(&l) == -1 || sysvipc_usage(&u) == -1)
		errx(EXIT_FAIL, "no space for a new segment (ENOSPC)");
	if (u.segments >= l.shmmni)
		errx(EXIT_FAIL, "SHMMNI reached: %llu of %llu segments in use",
		    (unsigned long long)u.segments,
		    (unsigned long long)l.shmmni);
	need = (o->size + l.pagesize - 1) / l.pagesize;
	errx(EXIT_FAIL, "SHMALL reached: %llu of %llu pages in use, "
	    "%llu more needed", (unsigned long long)u.pages,
	    (unsigned long long)l.shmall, (unsigned long long)need);
}

static void
explain_hugetlb(const struct create_opts *o, int error)
{
	char	 b[32], sz[16];
	int	 fd;
	ssize_t	 n;

	if (o->huge_log != 0)
		snprintf(sz, sizeof(sz), "%s ", o->huge_log == 21 ? "2M" : "1G");
	else
		sz[0] = '\0';
	switch (error) {
	case EPERM:
		b[0] = '\0';
		if ((fd = open("/proc/sys/vm/hugetlb_shm_group",
		    O_RDONLY | O_CLOEXEC)) != -1) {
			n = read(fd, b, sizeof(b) - 1);
			b[n > 0 ? n : 0] = '\0';
			b[strcspn(b, "\n")] = '\0';
			close(fd);
		}
		errx(EXIT_FAIL, "huge pages: permission denied (needs "
		    "CAP_IPC_LOCK, membership of vm.hugetlb_shm_group "
		    "(gid %s), or RLIMIT_MEMLOCK room)", *b ? b : "?");
	case ENOMEM:
		errx(EXIT_FAIL, "huge pages: not enough free %shuge pages "
		    "(see HugePages_Free in /proc/meminfo and vm.nr_hugepages)",
		    sz);
	case ENOENT:
	case ENODEV:
		errx(EXIT_FAIL, "huge pages: no %shuge page pool on this "
		    "system", sz);
	}
}

static void
perm_detail(char *out, size_t sz, const struct shm_seg *s)
{
	snprintf(out, sz, "owner %s, mode %04o", names_user(s->uid),
	    s->perms & 0777);
}

/* Why shmget failed; never returns. */
static noreturn void
explain(const struct create_opts *o, int error)
{
	struct shm_seg	 s;
	char		 a[80], p[96];

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
		errx(EXIT_FAIL, "size %s: out of memory%s", a, o->noreserve ?
		    "" : " (--noreserve reserves no swap)");
	case EEXIST:
		if (sysvipc_get_key((int32_t)o->key, &s) == 0)
			errx(EXIT_FAIL, "key 0x%08x: exists (id %d); --excl "
			    "refuses it", (uint32_t)o->key, s.id);
		errx(EXIT_FAIL, "key 0x%08x: exists", (uint32_t)o->key);
	case EACCES:
		if (o->key != IPC_PRIVATE &&
		    sysvipc_get_key((int32_t)o->key, &s) == 0) {
			perm_detail(p, sizeof(p), &s);
			errx(EXIT_FAIL, "key 0x%08x: id %d: permission denied "
			    "(%s)", (uint32_t)o->key, s.id, p);
		}
		break;
	}
	errx(EXIT_FAIL, "shmget: %s", strerror(error));
}

/* Undo a creation whose --owner or --lock failed, then report. */
static noreturn void
undo(int id, int created, const char *what, int error)
{
	if (created && shmctl(id, IPC_RMID, NULL) == -1)
		warn("id %d: removing it again", id);
	errx(EXIT_FAIL, "id %d: %s: %s%s%s", id, what, strerror(error),
	    strncmp(what, "--lock", 6) == 0 && (error == EPERM || error == ENOMEM) ?
	    " (locking needs CAP_IPC_LOCK or RLIMIT_MEMLOCK room)" : "",
	    created ? "; segment removed again" : "");
}

/* Why creating or opening /name failed; never returns. */
static noreturn void
explain_posix(const char *name, int error)
{
	struct shm_seg		 s;
	struct posixshm_fs	 fs;
	char			 p[96];

	switch (error) {
	case EEXIST:
		errx(EXIT_FAIL, "%s: exists; --excl refuses it", safe_str(name));
	case EACCES:
	case EPERM:
		if (posixshm_get(name, &s) == 0) {
			perm_detail(p, sizeof(p), &s);
			errx(EXIT_FAIL, "%s: permission denied (%s)",
			    safe_str(name), p);
		}
		break;
	case ENOTOBJECT:
		errx(EXIT_FAIL, "%s: exists, and is not a shared memory object "
		    "(%s)", safe_str(name), posixshm_error());
	case ENOSPC:
		if (posixshm_statfs(&fs) == 0 && fs.ffree == 0)
			errx(EXIT_FAIL, "%s: %s has no free inode (%llu in use)",
			    safe_str(name), posixshm_dir_path(),
			    (unsigned long long)fs.files);
		break;
	}
	errx(EXIT_FAIL, "%s: %s", safe_str(name), strerror(error));
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
	    posixshm_unlink(&s, &now) == -1)
		warn("%s: removing it again", safe_str(name));
	close(fd);
	errx(EXIT_FAIL, "%s: %s: %s; object removed again", safe_str(name),
	    what, strerror(error));
}

/*
 * A POSIX object: created with O_EXCL, so that we know whether this call
 * made it; the mode is then set as given (the umask does not narrow it,
 * as for segments), the owner, and the size.  An existing one is
 * returned as it is when large enough.
 */
static int
create_posix(const struct create_opts *o, const char *name)
{
	struct shm_seg		 s;
	struct posixshm_fs	 fs;
	char			 a[80], b[80];
	uint64_t		 pages;
	int			 fd, tries, created = 0;

	for (tries = 0;; tries++) {
		if ((fd = posixshm_create(name, o->mode)) != -1) {
			created = 1;
			break;
		}
		if (errno != EEXIST || o->excl || tries > 8)
			explain_posix(name, errno);
		if ((fd = posixshm_open(name, O_RDWR)) != -1)
			break;
		/* Removed in between: round again. */
		if (errno != ENOENT)
			explain_posix(name, errno);
	}
	if (created) {
		if (fchmod(fd, o->mode) == -1)
			undo_posix(fd, name, "--mode (fchmod)", errno);
		if (o->has_owner && fchown(fd, o->uid, o->has_group ? o->gid :
		    (gid_t)-1) == -1)
			undo_posix(fd, name, "--owner (fchown)", errno);
		if (ftruncate(fd, (off_t)o->size) == -1)
			undo_posix(fd, name, "size (ftruncate)", errno);
	}
	if (posixshm_fstat(fd, name, &s) == -1)
		err(EXIT_FAIL, "%s", safe_str(name));
	close(fd);
	if (!created && s.size < o->size) {
		size_str(a, sizeof(a), o->size);
		size_str(b, sizeof(b), s.size);
		errx(EXIT_FAIL, "%s: exists with size %s, smaller than %s",
		    safe_str(name), b, a);
	}
	if (!created && o->has_owner)
		warnx("%s: exists, not created: --owner not applied (see "
		    "shmtool set)", safe_str(name));
	/* tmpfs grants the pages when they are written: too late to say. */
	if (created && posixshm_statfs(&fs) == 0 && o->size > fs.avail) {
		size_str(a, sizeof(a), o->size);
		fmt_size(b, sizeof(b), fs.avail);
		warnx("%s: size %s is more than the %s free in %s: writing "
		    "all of it will fail (SIGBUS through a mapping)",
		    safe_str(name), a, b, posixshm_dir_path());
	}
	if (o->verbose) {
		pages = (s.size + (uint64_t)getpagesize() - 1) /
		    (uint64_t)getpagesize();
		size_str(a, sizeof(a), s.size);
		warnx("%s: %s, size %s in %llu page%s, mode %04o",
		    safe_str(name), created ? "created" :
		    "existing object returned", a, (unsigned long long)pages,
		    pages == 1 ? "" : "s", s.perms & 0777);
	}
	if (o->json) {
		struct buf	 j = { 0 };

		esc_json(&j, name, strlen(name));
		printf("{\"name\":%s,\"size\":%llu,\"created\":%s}\n", j.p,
		    (unsigned long long)s.size, created ? "true" : "false");
		buf_free(&j);
	} else
		printf("%s\n", name);
	return EXIT_OK;
}

static int
cmd_create_exec(int argc, char **argv)
{
	struct create_opts	 o;
	struct shmid_ds		 ds;
	struct shm_limits	 l;
	char			 a[80];
	int			 ch, id, flags, created = 0, tries;
	long			 ps;

	/*
	 * "-1" would read as an unknown option; as SIZE it deserves the
	 * size message.  Option arguments (--mode -1) keep their own.
	 */
	for (ch = 1; ch < argc; ch++) {
		const char *prev = argv[ch - 1];

		if (argv[ch][0] == '-' && argv[ch][1] >= '0' &&
		    argv[ch][1] <= '9' && strcmp(prev, "-m") != 0 &&
		    strcmp(prev, "--mode") != 0 && strcmp(prev, "--owner") != 0)
			usage_err("invalid size '%s': must not be negative",
			    argv[ch]);
		if (strcmp(argv[ch], "--") == 0)
			break;
	}

	memset(&o, 0, sizeof(o));
	o.key = IPC_PRIVATE;
	o.mode = 0600;
	while ((ch = cmd_getopt(argc, argv, "m:xvh", create_longopts)) != -1) {
		switch (ch) {
		case 'm':
			o.mode = opt_mode("mode", optarg);
			break;
		case 'x':
			o.excl = 1;
			break;
		case OPT_HUGETLB:
			o.hugetlb = 1;
			if (optarg == NULL)
				o.huge_log = 0;
			else if (strcasecmp(optarg, "2M") == 0)
				o.huge_log = 21;
			else if (strcasecmp(optarg, "1G") == 0)
				o.huge_log = 30;
			else
				usage_err("invalid huge page size '%s': use 2M "
				    "or 1G", optarg);
			break;
		case OPT_NORESERVE:
			o.noreserve = 1;
			break;
		case OPT_LOCK:
			o.lock = 1;
			break;
		case OPT_OWNER:
			o.has_group = opt_owner(optarg, &o.uid, &o.gid);
			o.has_owner = 1;
			break;
		case OPT_JSON:
			o.json = 1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		}
	}
	cmd_operands(argc, argv, 1, 2);
	o.size = opt_size("size", argv[optind]);
	o.size_arg = argv[optind];
	if (o.size > SIZE_MAX)
		usage_err("invalid size '%s': too large", argv[optind]);
	if (argc - optind == 2 && argv[optind + 1][0] == '/') {
		struct target	 t;

		opt_target(argv[optind + 1], &t);
		if (o.hugetlb || o.noreserve || o.lock)
			usage_err("%s applies to System V segments, not to "
			    "POSIX objects", o.hugetlb ? "--hugetlb" :
			    o.noreserve ? "--noreserve" : "--lock");
		if (o.size > (uint64_t)INT64_MAX)
			usage_err("invalid size '%s': too large for a file",
			    argv[optind]);
		return create_posix(&o, argv[optind + 1]);
	}
	if (argc - optind == 2)
		o.key = parse_key_operand(argv[optind + 1]);
	if (o.excl && o.key == IPC_PRIVATE)
		usage_err("--excl needs a key: IPC_PRIVATE always creates");

	flags = (int)o.mode;
	if (o.hugetlb)
		flags |= SHM_HUGETLB | (int)(o.huge_log << SHM_HUGE_SHIFT);
	if (o.noreserve)
		flags |= SHM_NORESERVE;

	/*
	 * IPC_EXCL first, so that we know whether this call created the
	 * segment; without --excl, an existing key is then opened.  A
	 * segment removed in between sends us round again.
	 */
	for (tries = 0;; tries++) {
		id = shmget(o.key, (size_t)o.size, flags | IPC_CREAT |
		    (o.key != IPC_PRIVATE ? IPC_EXCL : 0));
		if (id != -1) {
			created = 1;
			break;
		}
		if (errno != EEXIST || o.excl || tries > 8)
			explain(&o, errno);
		id = shmget(o.key, (size_t)o.size, (int)o.mode);
		if (id != -1)
			break;
		if (errno == ENOENT)
			continue;
		if (errno == EINVAL) {
			struct shm_seg	 s;
			char		 b[80];

			if (sysvipc_get_key((int32_t)o.key, &s) == 0) {
				size_str(a, sizeof(a), o.size);
				size_str(b, sizeof(b), s.size);
				errx(EXIT_FAIL, "key 0x%08x: exists as id %d "
				    "with size %s, smaller than %s",
				    (uint32_t)o.key, s.id, b, a);
			}
		}
		explain(&o, errno);
	}

	if (created && o.has_owner) {
		if (shmctl(id, IPC_STAT, &ds) == -1)
			undo(id, created, "IPC_STAT", errno);
		ds.shm_perm.uid = o.uid;
		if (o.has_group)
			ds.shm_perm.gid = o.gid;
		if (shmctl(id, IPC_SET, &ds) == -1)
			undo(id, created, "--owner (IPC_SET)", errno);
	}
	if (created && o.lock && shmctl(id, SHM_LOCK, NULL) == -1)
		undo(id, created, "--lock (SHM_LOCK)", errno);
	if (!created && (o.has_owner || o.lock))
		warnx("id %d: key 0x%08x exists, not created: %s not applied "
		    "(see shmtool set)", id, (uint32_t)o.key,
		    o.has_owner ? "--owner" : "--lock");

	memset(&ds, 0, sizeof(ds));
	ds.shm_segsz = (size_t)o.size;
	ds.shm_perm.mode = (unsigned short)o.mode;
	if (shmctl(id, IPC_STAT, &ds) == -1 && !created)
		ds.shm_segsz = (size_t)o.size;

	if (o.verbose) {
		ps = sysconf(_SC_PAGESIZE);
		if (sysvipc_limits(&l) == 0)
			ps = (long)l.pagesize;
		size_str(a, sizeof(a), (uint64_t)ds.shm_segsz);
		fprintf(stderr, "shmtool: create: id %d: %s, key 0x%08x, "
		    "size %s in %llu page%s, mode %04o%s\n", id,
		    created ? "created" : "existing segment returned",
		    (uint32_t)o.key, a,
		    (unsigned long long)(((uint64_t)ds.shm_segsz +
		    (uint64_t)ps - 1) / (uint64_t)ps),
		    ((uint64_t)ds.shm_segsz + (uint64_t)ps - 1) /
		    (uint64_t)ps == 1 ? "" : "s",
		    (unsigned)ds.shm_perm.mode & 0777,
		    o.hugetlb && created ? ", huge pages" : "");
	}
	if (o.json)
		printf("{\"id\":%d,\"key\":\"0x%08x\",\"size\":%llu,"
		    "\"created\":%s}\n", id, (uint32_t)o.key,
		    (unsigned long long)ds.shm_segsz,
		    created ? "true" : "false");
	else
		printf("%d\n", id);
	return EXIT_OK;
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
	    "      --json          {\"id\":...,\"key\":...,\"size\":...} or\n"
	    "                      {\"name\":...,\"size\":...}\n"
	    "  -v, --verbose       a line about it on standard error\n",
	.exec = cmd_create_exec,
};
