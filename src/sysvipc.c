/*
 * System V shared memory, read from the kernel.  The listing comes from
 * one pass over /proc/sysvipc/shm, which shows every segment of the
 * namespace whatever its permissions; without it, SHM_INFO gives the
 * highest index and SHM_STAT_ANY each segment.  Nothing here prints.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysvipc.h"
#include "util.h"

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15	/* Linux 4.17; older headers lack it */
#endif

#define PROC_TABLE	"sysvipc/shm"

static char	 errmsg[256];

const char *
sysvipc_procfs(void)
{
	const char	*p = getenv("SHMTOOL_PROCFS");

	return p != NULL && *p != '\0' ? p : "/proc";
}

const char *
sysvipc_error(void)
{
	return errmsg;
}

static int
open_proc(const char *rel)
{
	char	 path[4096];

	if (snprintf(path, sizeof(path), "%s/%s", sysvipc_procfs(), rel) >=
	    (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* The whole file in one growing buffer; seq_file fills big reads fully. */
static int
slurp(int fd, struct buf *b)
{
	ssize_t	 n;

	for (;;) {
		buf_reserve(b, 1 << 20);
		n = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->p[b->len] = '\0';
	return 0;
}

/* One decimal field (optionally negative) or octal; 0 or -1. */
static int
field(const char **sp, const char *end, int base, int allow_neg,
    int64_t *neg_out, uint64_t *out)
{
	const char	*s = *sp;
	uint64_t	 v = 0, d;
	int		 neg = 0, n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '-' && allow_neg) {
		neg = 1;
		s++;
	}
	for (; s < end && *s >= '0' && *s < '0' + base && *s <= '9'; s++, n++) {
		d = (uint64_t)(*s - '0');
		if (v > (UINT64_MAX - d) / (uint64_t)base)
			return -1;
		v = v * (uint64_t)base + d;
	}
	if (n == 0 || (s < end && *s != ' ' && *s != '\t'))
		return -1;
	*sp = s;
	if (neg) {
		if (v > (uint64_t)INT64_MAX)
			return -1;
		*neg_out = -(int64_t)v;
		*out = 0;
	} else {
		*neg_out = 0;
		*out = v;
	}
	return 0;
}

struct row {
	struct shm_seg	 seg;
	size_t		 line;
};

static int
parse_line(const char *s, const char *end, struct shm_seg *seg,
    const char **why)
{
	uint64_t	 v[16];
	int64_t		 neg;
	int		 n;

	for (n = 0; n < 16; n++) {
		const char *p = s;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		/* key is signed decimal, perms octal, the rest decimal. */
		if (field(&s, end, n == 2 ? 8 : 10, n == 0, &neg, &v[n]) == -1) {
			*why = "not a number";
			return -1;
		}
		if (n == 0) {
			if (neg < INT32_MIN || (neg == 0 && v[0] > UINT32_MAX)) {
				*why = "key out of range";
				return -1;
			}
			v[0] = (uint64_t)(neg != 0 ? (int32_t)neg :
			    (int32_t)(uint32_t)v[0]);
		}
	}
	/* Old kernels (2.6.32) have 14 columns; later ones may add more. */
	if (n < 14) {
		*why = "expected at least 14 numbers";
		return -1;
	}
	if (v[1] > INT32_MAX || v[4] > INT32_MAX || v[5] > INT32_MAX ||
	    v[7] > UINT32_MAX || v[8] > UINT32_MAX || v[9] > UINT32_MAX ||
	    v[10] > UINT32_MAX || v[2] > 07777 || v[11] > INT64_MAX ||
	    v[12] > INT64_MAX || v[13] > INT64_MAX) {
		*why = "value out of range";
		return -1;
	}
	seg->key = (int32_t)(uint32_t)v[0];
	seg->id = (int)v[1];
	seg->perms = (uint32_t)v[2];
	seg->size = v[3];
	seg->cpid = (int32_t)v[4];
	seg->lpid = (int32_t)v[5];
	seg->nattch = v[6];
	seg->uid = (uint32_t)v[7];
	seg->gid = (uint32_t)v[8];
	seg->cuid = (uint32_t)v[9];
	seg->cgid = (uint32_t)v[10];
	seg->atime = (int64_t)v[11];
	seg->dtime = (int64_t)v[12];
	seg->ctime = (int64_t)v[13];
	seg->rss = n > 14 && v[14] <= INT64_MAX ? (int64_t)v[14] : -1;
	seg->swap = n > 15 && v[15] <= INT64_MAX ? (int64_t)v[15] : -1;
	return 0;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row	*ra = a, *rb = b;

	if (ra->seg.id != rb->seg.id)
		return ra->seg.id < rb->seg.id ? -1 : 1;
	return ra->line < rb->line ? -1 : ra->line > rb->line;
}

/*
 * Rows can repeat when segments come and go between two reads of the
 * seq_file: keep the last copy of each id.
 */
static void
rows_finish(struct row *rows, size_t n, struct shm_list *out)
{
	size_t	 i, j = 0;

	if (n > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(rows, n, sizeof(*rows), row_cmp);
	out->segs = xreallocarray(NULL, n, sizeof(*out->segs));
	for (i = 0; i < n; i++) {
		if (i + 1 < n && rows[i + 1].seg.id == rows[i].seg.id)
			continue;
		out->segs[j++] = rows[i].seg;
	}
	out->n = j;
}

static const char *
next_line(const char *s, const char *end)
{
	const char	*nl = memchr(s, '\n', (size_t)(end - s));

	return nl == NULL ? end : nl;
}

int
sysvipc_parse(const char *buf, size_t len, struct shm_list *out)
{
	const char	*s = buf, *end = buf + len, *eol, *why;
	struct row	*rows = NULL;
	size_t		 n = 0, cap = 0, line = 1;

	memset(out, 0, sizeof(*out));
	out->from_proc = 1;
	eol = next_line(s, end);
	if (memmem(s, (size_t)(eol - s), "shmid", 5) == NULL) {
		snprintf(errmsg, sizeof(errmsg),
		    "%s/%s: line 1: not the header of a segment table",
		    sysvipc_procfs(), PROC_TABLE);
		errno = EINVAL;
		return -1;
	}
	for (s = eol; s < end; s = eol) {
		s++;
		line++;
		if (s >= end)
			break;
		eol = next_line(s, end);
		if (eol == s)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		if (parse_line(s, eol, &rows[n].seg, &why) == -1) {
			snprintf(errmsg, sizeof(errmsg), "%s/%s: line %zu: %s",
			    sysvipc_procfs(), PROC_TABLE, line, why);
			free(rows);
			errno = EINVAL;
			return -1;
		}
		rows[n].line = line;
		n++;
	}
	rows_finish(rows, n, out);
	free(rows);
	return 0;
}

static void
seg_from_ds(const struct shmid_ds *ds, int id, struct shm_seg *seg)
{
	memset(seg, 0, sizeof(*seg));
	seg->id = id;
	seg->key = (int32_t)ds->shm_perm.__key;
	seg->perms = (uint32_t)ds->shm_perm.mode & 07777;
	seg->size = (uint64_t)ds->shm_segsz;
	seg->cpid = (int32_t)ds->shm_cpid;
	seg->lpid = (int32_t)ds->shm_lpid;
	seg->nattch = (uint64_t)ds->shm_nattch;
	seg->uid = (uint32_t)ds->shm_perm.uid;
	seg->gid = (uint32_t)ds->shm_perm.gid;
	seg->cuid = (uint32_t)ds->shm_perm.cuid;
	seg->cgid = (uint32_t)ds->shm_perm.cgid;
	seg->atime = (int64_t)ds->shm_atime;
	seg->dtime = (int64_t)ds->shm_dtime;
	seg->ctime = (int64_t)ds->shm_ctime;
	seg->rss = seg->swap = -1;
}

/* Without /proc: SHM_INFO gives the highest index, SHM_STAT_ANY each. */
static int
list_shmctl(struct shm_list *out)
{
	struct shm_info	 info;
	struct shmid_ds	 ds;
	struct row	*rows;
	int		 maxidx, i, id;
	size_t		 n = 0;

	memset(out, 0, sizeof(*out));
	if ((maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info)) == -1)
		return -1;
	rows = xreallocarray(NULL, (size_t)maxidx + 1, sizeof(*rows));
	for (i = 0; i <= maxidx; i++) {
		if ((id = shmctl(i, SHM_STAT_ANY, &ds)) == -1)
			continue;	/* a free slot, or removed meanwhile */
		seg_from_ds(&ds, id, &rows[n].seg);
		rows[n].line = (size_t)i;
		n++;
	}
	rows_finish(rows, n, out);
	free(rows);
	return 0;
}

int
sysvipc_list(struct shm_list *out)
{
	struct buf	 b = { 0 };
	int		 fd, rc, saved;

	if ((fd = open_proc(PROC_TABLE)) == -1) {
		if (errno != ENOENT)
			return -1;
		return list_shmctl(out);
	}
	rc = slurp(fd, &b);
	saved = errno;
	close(fd);
	if (rc == -1) {
		buf_free(&b);
		errno = saved;
		return -1;
	}
	rc = sysvipc_parse(b.p, b.len, out);
	saved = errno;
	buf_free(&b);
	errno = saved;
	return rc;
}

void
sysvipc_list_free(struct shm_list *l)
{
	free(l->segs);
	l->segs = NULL;
	l->n = 0;
}

/*
 * The /proc row of one segment: by id (key == 0) or by key.  Reads the
 * table in blocks and stops at the match, so the detail of one segment
 * does not cost a whole listing.  1 found, 0 not found, -1 no table.
 */
static int
proc_find(int id, int32_t key, struct shm_seg *seg)
{
	char		 blk[1 << 16];
	struct buf	 carry = { 0 };
	const char	*s, *end, *eol, *why;
	ssize_t		 n;
	int		 fd, first = 1, found = 0;

	if ((fd = open_proc(PROC_TABLE)) == -1)
		return -1;
	for (;;) {
		n = read(fd, blk, sizeof(blk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(&carry, blk, (size_t)n);
		s = carry.p;
		end = carry.p + carry.len;
		while ((eol = memchr(s, '\n', (size_t)(end - s))) != NULL) {
			struct shm_seg	 tmp;

			if (!first && parse_line(s, eol, &tmp, &why) == 0 &&
			    (key != 0 ? tmp.key == key : tmp.id == id)) {
				*seg = tmp;
				found = 1;
			}
			first = 0;
			s = eol + 1;
		}
		/* By id, the first match is the one; by key, ids may repeat. */
		if (found && key == 0)
			break;
		memmove(carry.p, s, (size_t)(end - s));
		carry.len = (size_t)(end - s);
	}
	close(fd);
	buf_free(&carry);
	return found;
}

/* SHM_STAT_ANY over every index: the fallback when /proc is missing. */
static int
stat_any(int id, struct shm_seg *seg)
{
	struct shm_list	 l;
	size_t		 i;
	int		 rc = -1;

	if (list_shmctl(&l) == -1)
		return -1;
	errno = ENOENT;
	for (i = 0; i < l.n; i++) {
		if (l.segs[i].id == id) {
			*seg = l.segs[i];
			rc = 0;
		}
	}
	sysvipc_list_free(&l);
	return rc;
}

int
sysvipc_get(int id, struct shm_seg *seg)
{
	struct shmid_ds	 ds;
	struct shm_seg	 row;
	int		 rc, err, found;

	rc = shmctl(id, IPC_STAT, &ds);
	err = errno;
	found = proc_find(id, 0, &row);
	if (rc == 0) {
		seg_from_ds(&ds, id, seg);
		if (found == 1) {
			seg->rss = row.rss;
			seg->swap = row.swap;
		}
		return 0;
	}
	/* Unreadable, or only in the (injected) table: the row has it all. */
	if (found == 1) {
		*seg = row;
		return 0;
	}
	if (err == EACCES || err == EPERM) {
		if (found == -1)
			return stat_any(id, seg);
		errno = err;
		return -1;
	}
	errno = err == EINVAL || err == EIDRM ? ENOENT : err;
	return -1;
}

int
sysvipc_get_key(int32_t key, struct shm_seg *seg)
{
	struct shm_list	 l;
	size_t		 i;
	int		 id;

	/* shmget with no flags asks for no permission: O(1) by key. */
	if ((id = shmget((key_t)key, 0, 0)) != -1 &&
	    sysvipc_get(id, seg) == 0 && seg->key == key)
		return 0;
	switch (proc_find(0, key, seg)) {
	case 1:
		return 0;
	case 0:
		errno = ENOENT;
		return -1;
	}
	if (list_shmctl(&l) == -1)
		return -1;
	errno = ENOENT;
	for (i = 0; i < l.n; i++) {
		if (l.segs[i].key == key) {
			*seg = l.segs[i];
			sysvipc_list_free(&l);
			return 0;
		}
	}
	sysvipc_list_free(&l);
	return -1;
}

int
sysvipc_parse_limit(const char *s, size_t len, uint64_t *out)
{
	const char	*end = s + len;
	int64_t		 neg;

	while (end > s && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end == s || field(&s, end, 10, 1, &neg, out) == -1 || s != end) {
		errno = EINVAL;
		return -1;
	}
	/* shm_next_id is -1 by default; the others are unsigned. */
	if (neg != 0)
		*out = (uint64_t)neg;
	return 0;
}

/* 1 read, 0 file absent, -1 error (EINVAL: not a number). */
static int
read_limit(const char *name, uint64_t *out)
{
	char	 rel[64], b[64];
	ssize_t	 n;
	int	 fd, saved;

	snprintf(rel, sizeof(rel), "sys/kernel/%s", name);
	if ((fd = open_proc(rel)) == -1)
		return errno == ENOENT ? 0 : -1;
	n = read(fd, b, sizeof(b) - 1);
	saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		return -1;
	}
	if (sysvipc_parse_limit(b, (size_t)n, out) == -1) {
		snprintf(errmsg, sizeof(errmsg), "%s/%s: not a number",
		    sysvipc_procfs(), rel);
		return -1;
	}
	return 1;
}

int
sysvipc_limits(struct shm_limits *lim)
{
	struct shminfo	 info;
	uint64_t	 v;
	int		 rc;

	memset(lim, 0, sizeof(*lim));
	lim->pagesize = (uint64_t)sysconf(_SC_PAGESIZE);
	errmsg[0] = '\0';
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&info) == -1)
		return -1;
	lim->shmmax = (uint64_t)info.shmmax;
	lim->shmmin = (uint64_t)info.shmmin;
	lim->shmmni = (uint64_t)info.shmmni;
	lim->shmseg = (uint64_t)info.shmseg;
	lim->shmall = (uint64_t)info.shmall;
	lim->rmid_forced = -1;
	lim->next_id = -1;

	/* The files win: they are what an admin reads and writes. */
	if ((rc = read_limit("shmmax", &v)) == -1)
		return -1;
	if (rc == 1)
		lim->shmmax = v;
	if ((rc = read_limit("shmall", &v)) == -1)
		return -1;
	if (rc == 1)
		lim->shmall = v;
	if ((rc = read_limit("shmmni", &v)) == -1)
		return -1;
	if (rc == 1)
		lim->shmmni = v;
	if ((rc = read_limit("shm_rmid_forced", &v)) == -1)
		return -1;
	if (rc == 1)
		lim->rmid_forced = (int64_t)v;
	if ((rc = read_limit("shm_next_id", &v)) == -1)
		return -1;
	if (rc == 1) {
		lim->next_id = (int64_t)v;
		lim->next_id_known = 1;
	}
	return 0;
}

int
sysvipc_usage(struct shm_usage *u)
{
	struct shm_info	 info;

	memset(u, 0, sizeof(*u));
	if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info) == -1)
		return -1;
	u->segments = (uint64_t)info.used_ids;
	u->pages = (uint64_t)info.shm_tot;
	u->rss_pages = (uint64_t)info.shm_rss;
	u->swap_pages = (uint64_t)info.shm_swp;
	return 0;
}

void
sysvipc_modestr(uint32_t perms, char out[10])
{
	char	 m[12];

	/* strmode() leads with the file type; a segment has none. */
	strmode((mode_t)(perms & 0777), m);
	memcpy(out, m + 1, 9);
	out[9] = '\0';
}
