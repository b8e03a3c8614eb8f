/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * System V shared memory, read from the kernel.  The listing comes from
 * one pass over /proc/sysvipc/shm, which shows every segment of the
 * namespace whatever its permissions; without it, SHM_INFO gives the
 * highest index and SHM_STAT_ANY each segment.  Nothing here prints.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/capability.h>

#include "names.h"
#include "proc.h"
#include "sysvipc.h"
#include "util.h"

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15	/* Linux 4.17; older headers lack it */
#endif

#define PROC_TABLE	"sysvipc/shm"

/*
 * The parse of a table, fed line by line: every row into a list, or
 * (a lookup) only the row of one id or key, stopping at it.
 */
enum parser_find {
	FIND_ALL = 0,
	FIND_ID,
	FIND_KEY
};

struct parser {
	struct shm_list	*out;
	char		**cause;	/* why it failed */
	size_t		 cap;
	size_t		 populated;	/* bytes of out->segs made present */
	size_t		 line;
	int		 sorted;	/* ids strictly increasing so far */
	enum parser_find find;
	int		 id;		/* FIND_ID */
	int32_t		 key;		/* FIND_KEY */
	int		 done;		/* the row of the id was found */
	struct shm_seg	 row;		/* where a lookup parses each row */
};

static int	parser_grow(struct parser *);

/*
 * Columns are padded with runs of spaces: compare 8 bytes at a time, and
 * the first that differs ends the run (the lowest byte on little-endian
 * machines).  Tabs, which kernels do not write, take the slow way.
 */
static inline const char *
skip_blanks(const char *s, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t	 w;

	while (end - s >= 8) {
		memcpy(&w, s, 8);
		w ^= UINT64_C(0x2020202020202020);
		if (w != 0) {
			s += __builtin_ctzll(w) / 8;
			if (*s != '\t')
				return s;
			break;
		}
		s += 8;
	}
#endif
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * The digits at S in BASE, 8 or 10, as *V: where they end, or NULL when
 * there is none or the number does not fit 64 bits.  The one reader of
 * numbers for the table and the limit files.
 */
static inline const char *
digits(const char *s, const char *end, unsigned int base, uint64_t *v)
{
	const char	*start = s;
	uint64_t	 x = 0;
	/* x * base + d overflows when x > lim, or x == lim and d > limd. */
	uint64_t	 lim = base == 8 ? UINT64_MAX / 8 : UINT64_MAX / 10;
	unsigned int	 limd = base == 8 ? UINT64_MAX % 8 : UINT64_MAX % 10;
	unsigned int	 d;

	for (; s < end && (d = (unsigned int)(unsigned char)*s - '0') < base;
	    s++) {
		if (x > lim || (x == lim && d > limd))
			return NULL;
		x = x * base + d;
	}
	if (s == start)
		return NULL;
	*v = x;
	return s;
}

/*
 * One row: up to 16 numbers split by spaces or tabs; the key is signed
 * decimal, perms octal, the rest decimal.  One pass over the bytes: the
 * table is mostly padding, and 32,000 rows are 5 MB of it.
 */
static int
parse_line(const char *s, const char *end, struct shm_seg *seg,
    const char **why)
{
	uint64_t	 v[16], x;
	int64_t		 neg;
	int		 n, minus;

	for (n = 0; n < 16; n++) {
		s = skip_blanks(s, end);
		if (s == end)
			break;
		minus = n == 0 && *s == '-';
		if ((s = digits(s + minus, end, n == 2 ? 8 : 10, &x)) == NULL ||
		    (s < end && *s != ' ' && *s != '\t') ||
		    (minus && x > (uint64_t)INT64_MAX)) {
			*why = "not a number";
			return -1;
		}
		v[n] = x;
		if (n == 0) {
			neg = minus ? -(int64_t)x : 0;
			if (minus)
				v[0] = 0;
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
	seg->sv.cpid = (int32_t)v[4];
	seg->sv.lpid = (int32_t)v[5];
	seg->nattch = v[6];
	seg->uid = (uint32_t)v[7];
	seg->gid = (uint32_t)v[8];
	seg->sv.cuid = (uint32_t)v[9];
	seg->sv.cgid = (uint32_t)v[10];
	seg->atime = (int64_t)v[11];
	seg->sv.dtime = (int64_t)v[12];
	seg->ctime = (int64_t)v[13];
	seg->rss = n > 14 && v[14] <= INT64_MAX ? (int64_t)v[14] : -1;
	seg->swap = n > 15 && v[15] <= INT64_MAX ? (int64_t)v[15] : -1;
	seg->type = SEG_SYSV;
	return 0;
}

static void
parser_init(struct parser *p, struct shm_list *out, char **cause)
{
	memset(out, 0, sizeof(*out));
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->cause = cause;
	p->sorted = 1;
}

/*
 * A lookup of the row of ID (FIND_ID) or KEY (FIND_KEY) into SEG: OUT
 * becomes a list of at most that one row.
 */
static void
parser_init_find(struct parser *p, struct shm_list *out,
    enum parser_find find, int id, int32_t key, struct shm_seg *seg)
{
	parser_init(p, out, NULL);
	out->segs = seg;
	p->find = find;
	p->id = id;
	p->key = key;
}

/* Where the next row goes: the list's next slot, or a lookup's row. */
static struct shm_seg *
parser_next(struct parser *p)
{
	struct shm_list	*l = p->out;

	if (p->find != FIND_ALL)
		return &p->row;
	if (l->n == p->cap && parser_grow(p) == -1) {
		set_cause(p->cause, "cannot list segments: %s",
		    strerror(errno));
		return NULL;
	}
	return &l->segs[l->n];
}

/*
 * The row parser_next gave is filled in: it joins the list, or it is
 * the one looked up.  A row may come twice (segments came and went
 * between two reads of the seq_file): the later, fresher one wins.  A
 * lookup by id is then done (read_table finishes the block); one by
 * key reads on.
 */
static void
parser_keep(struct parser *p, const struct shm_seg *row)
{
	struct shm_list	*l = p->out;

	if (p->find == FIND_ALL) {
		if (l->n > 0 && row->id <= l->segs[l->n - 1].id)
			p->sorted = 0;
		l->n++;
		return;
	}
	if (p->find == FIND_ID ? row->id != p->id : row->key != p->key)
		return;
	l->segs[0] = *row;
	l->n = 1;
	p->done = p->find == FIND_ID;
}

/* A table that is not one: EINVAL, and the line and why. */
static int
parser_bad(struct parser *p, size_t line, const char *why)
{
	set_cause(p->cause, "%s/%s: line %zu: %s", proc_root(),
	    PROC_TABLE, line, why);
	errno = EINVAL;
	return -1;
}

/*
 * One line (without its newline): 0, or -1 with errno and the cause.  A
 * lookup passes over what it cannot parse: one bad row must not hide
 * the one asked for.
 */
static int
parser_line(struct parser *p, const char *s, const char *eol)
{
	struct shm_seg	*row;
	const char	*why;

	if (++p->line == 1) {
		if (p->find != FIND_ALL ||
		    memmem(s, (size_t)(eol - s), "shmid", 5) != NULL)
			return 0;
		return parser_bad(p, 1, "not the header of a segment table");
	}
	if (eol == s)
		return 0;
	if ((row = parser_next(p)) == NULL)
		return -1;
	if (parse_line(s, eol, row, &why) == -1)
		return p->find != FIND_ALL ? 0 : parser_bad(p, p->line, why);
	parser_keep(p, row);
	return 0;
}

static const struct shm_seg	*sort_base;

/* By id; for one id, the later row (the fresher read) first. */
static int
idx_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_base[x].id != sort_base[y].id)
		return sort_base[x].id < sort_base[y].id ? -1 : 1;
	return x > y ? -1 : x < y;
}

/*
 * The kernel lists segments by index, which is id order unless ids
 * wrapped; rows can repeat when segments come and go between two reads
 * of the seq_file.  Sorted input (the usual case) costs nothing more.
 */
static void
parser_finish(struct parser *p)
{
	struct shm_list	*l = p->out;
	struct shm_seg	*segs;
	size_t		*idx;
	size_t		 i, j = 0;

	if (p->sorted || l->n < 2)
		return;
	idx = xreallocarray(NULL, l->n, sizeof(*idx));
	for (i = 0; i < l->n; i++)
		idx[i] = i;
	sort_base = l->segs;
	qsort(idx, l->n, sizeof(*idx), idx_cmp);
	segs = xreallocarray(NULL, l->n, sizeof(*segs));
	for (i = 0; i < l->n; i++) {
		if (j > 0 && segs[j - 1].id == l->segs[idx[i]].id)
			continue;	/* keep the last copy of each id */
		segs[j++] = l->segs[idx[i]];
	}
	free(idx);
	shm_list_free(l);
	l->segs = segs;
	l->n = j;
	/* Room for just the rows now (sysvipc_relist keeps it). */
	p->cap = l->n;
}

static const char *
next_line(const char *s, const char *end)
{
	const char	*nl = memchr(s, '\n', (size_t)(end - s));

	return nl == NULL ? end : nl;
}

int
sysvipc_parse(const char *buf, size_t len, struct shm_list *out,
    char **cause)
{
	struct parser	 p;
	const char	*s = buf, *end = buf + len, *eol;

	parser_init(&p, out, cause);
	for (; s < end; s = eol + 1) {
		eol = next_line(s, end);
		if (parser_line(&p, s, eol) == -1) {
			shm_list_free(out);
			return -1;
		}
	}
	if (p.line == 0)
		return parser_bad(&p, 1, "not the header of a segment table");
	parser_finish(&p);
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
	seg->sv.cpid = (int32_t)ds->shm_cpid;
	seg->sv.lpid = (int32_t)ds->shm_lpid;
	seg->nattch = (uint64_t)ds->shm_nattch;
	seg->uid = (uint32_t)ds->shm_perm.uid;
	seg->gid = (uint32_t)ds->shm_perm.gid;
	seg->sv.cuid = (uint32_t)ds->shm_perm.cuid;
	seg->sv.cgid = (uint32_t)ds->shm_perm.cgid;
	seg->atime = (int64_t)ds->shm_atime;
	seg->sv.dtime = (int64_t)ds->shm_dtime;
	seg->ctime = (int64_t)ds->shm_ctime;
	seg->rss = seg->swap = -1;
}

/*
 * Without /proc: SHM_INFO gives the highest index, SHM_STAT_ANY each
 * row, fed to P as the table's would be.
 */
static int
list_shmctl(struct parser *p)
{
	struct shm_info	 info;
	struct shmid_ds	 ds;
	struct shm_seg	*row;
	int		 maxidx, i, id;

	if ((maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info)) == -1)
		return -1;
	if (p->find == FIND_ALL) {
		p->cap = (size_t)maxidx + 1;
		p->out->segs = xreallocarray(NULL, p->cap,
		    sizeof(*p->out->segs));
	}
	/*
	 * Zeroed once: valgrind does not know SHM_STAT_ANY fills it, and
	 * would call every field read from it uninitialised.
	 */
	memset(&ds, 0, sizeof(ds));
	for (i = 0; i <= maxidx && !p->done; i++) {
		if ((id = shmctl(i, SHM_STAT_ANY, &ds)) == -1)
			continue;	/* a free slot, or removed meanwhile */
		if ((row = parser_next(p)) == NULL)
			return -1;
		seg_from_ds(&ds, id, row);
		parser_keep(p, row);
	}
	parser_finish(p);
	return 0;
}

/*
 * Room for the rows.  32,000 segments take 3 MB, and on virtual machines
 * a page fault can cost 10 us, so the rows live in one mapping reserved
 * for shmmni of them (IPC_INFO is O(1); counting the segments with
 * SHM_INFO walks them all, 2 ms at 32,000) and made present 64 KiB at a
 * time: faults taken together cost less (MADV_POPULATE_WRITE, Linux
 * 5.14), and the peak RSS stays within 64 KiB of what the rows need.
 */
#define POPULATE_STEP	(64UL << 10)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif

static void
parser_reserve(struct parser *p)
{
	struct shminfo	 info;
	size_t		 bytes;
	void		*v;

	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&info) == -1)
		return;
	bytes = ((size_t)info.shmmni + 64) * sizeof(*p->out->segs);
	bytes = (bytes + POPULATE_STEP - 1) / POPULATE_STEP * POPULATE_STEP;
	v = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (v == MAP_FAILED)
		return;
	p->out->segs = v;
	p->out->mapped = bytes;
}

/* Room for one more row: the next piece of the mapping, or realloc. */
static int
parser_grow(struct parser *p)
{
	struct shm_list	*l = p->out;
	size_t		 step;
	void		*v;

	if (l->mapped == 0) {
		p->cap = p->cap == 0 ? 256 : p->cap * 2;
		l->segs = xreallocarray(l->segs, p->cap, sizeof(*l->segs));
		return 0;
	}
	/* More rows than shmmni (it was lowered): move and double. */
	if (p->populated == l->mapped) {
		v = mremap(l->segs, l->mapped, l->mapped * 2, MREMAP_MAYMOVE);
		if (v == MAP_FAILED)
			return -1;
		l->segs = v;
		l->mapped *= 2;
	}
	/*
	 * The first steps double from a page: a short table (a container's
	 * namespace holds a few segments) makes one page present, not 64 KiB.
	 */
	step = p->populated == 0 ? (size_t)sysconf(_SC_PAGESIZE) : p->populated;
	if (step > POPULATE_STEP)
		step = POPULATE_STEP;
	if (step > l->mapped - p->populated)
		step = l->mapped - p->populated;
	(void)madvise((char *)l->segs + p->populated, step,
	    MADV_POPULATE_WRITE);
	p->populated += step;
	p->cap = p->populated / sizeof(*l->segs);
	return 0;
}

/*
 * A short table leaves its mapping for the heap: each mapping holds at
 * least a page, and --all-namespaces on a container host reads a
 * thousand tables of a few rows.  From POPULATE_STEP of rows on, the
 * mapping wastes less than the rows take.
 */
static void
parser_shrink(struct parser *p)
{
	struct shm_list	*l = p->out;
	struct shm_seg	*v = NULL;

	if (l->mapped == 0 || l->n * sizeof(*v) >= POPULATE_STEP)
		return;
	if (l->n > 0) {
		v = xreallocarray(NULL, l->n, sizeof(*v));
		memcpy(v, l->segs, l->n * sizeof(*v));
	}
	(void)munmap(l->segs, l->mapped);
	l->segs = v;
	l->mapped = 0;
}

/*
 * One pass in blocks, parsed as it comes: the table is never held whole
 * (32,000 segments make 5 MB of text), and a lookup by id reads no block
 * after the one that held its row (within a block, a later copy of the
 * row, the fresher read, wins as in a listing).  The kernel hands the
 * table over a page a read, so a bigger block would only add to the
 * peak memory.  0, or -1 with errno and the cause.
 */
static int
read_table(int fd, struct parser *p)
{
	char		 blk[1 << 14];
	const char	*s, *end, *eol;
	size_t		 carry = 0;
	ssize_t		 n;

	while (!p->done) {
		n = read(fd, blk + carry, sizeof(blk) - carry);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			set_cause(p->cause, "cannot list segments: %s",
			    strerror(errno));
			return -1;
		}
		end = blk + carry + n;
		s = blk;
		if (n == 0) {
			/* A last line without a newline. */
			if (carry > 0 && parser_line(p, s, end) == -1)
				return -1;
			break;
		}
		while ((eol = memchr(s, '\n', (size_t)(end - s))) != NULL) {
			if (parser_line(p, s, eol) == -1)
				return -1;
			s = eol + 1;
		}
		carry = (size_t)(end - s);
		if (carry == sizeof(blk))
			return parser_bad(p, p->line + 1, "too long");
		memmove(blk, s, carry);
	}
	if (p->line == 0)
		return parser_bad(p, 1, "not the header of a segment table");
	return 0;
}

int
sysvipc_list(struct shm_list *out, char **cause)
{
	struct parser	 p;
	int		 fd, saved;

	parser_init(&p, out, cause);
	if ((fd = proc_open(PROC_TABLE, O_RDONLY)) == -1) {
		if (errno == ENOENT && list_shmctl(&p) == 0)
			return 0;
		saved = errno;
		shm_list_free(out);
		errno = saved;
		set_cause(cause, "cannot list segments: %s", strerror(errno));
		return -1;
	}
	parser_reserve(&p);
	if (read_table(fd, &p) == -1) {
		saved = errno;
		close(fd);
		shm_list_free(out);
		errno = saved;
		return -1;
	}
	close(fd);
	parser_finish(&p);
	parser_shrink(&p);
	return 0;
}

/* A row's id and where it was read: what the relist sorts. */
struct relist_key {
	int32_t		 id;
	uint32_t	 pos;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct relist_key	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * The rows of L in id order, the later copy of a repeated id kept (as
 * parser_finish does), without allocating once SPARE has the room: the
 * keys (8 bytes a row) are sorted at the end of SPARE's rows, the rows
 * gathered at their start, and the two arrays swapped.  In a table that
 * churns, new segments take free low slots with higher ids, so the
 * kernel's order is rarely the ids'.
 */
static void
relist_sort(struct shm_list *l, struct shm_list *spare)
{
	struct relist_key	*key;
	struct shm_seg		*tv;
	size_t			 need, i, j, tc;

	/* Room for the rows and, after them, the keys. */
	need = l->n + (l->n * sizeof(*key) + sizeof(*tv) - 1) / sizeof(*tv);
	if (spare->cap < need) {
		/* With room to spare: a table that moves by a row or two. */
		spare->cap = need + need / 4;
		spare->segs = xreallocarray(spare->segs, spare->cap, sizeof(*tv));
	}
	key = (struct relist_key *)(void *)(spare->segs + l->n);
	for (i = 0; i < l->n; i++) {
		key[i].id = l->segs[i].id;
		key[i].pos = (uint32_t)i;
	}
	qsort(key, l->n, sizeof(*key), key_cmp);
	for (i = 0, j = 0; i < l->n; i++) {
		if (i + 1 < l->n && key[i + 1].id == key[i].id)
			continue;	/* a later copy follows */
		spare->segs[j++] = l->segs[key[i].pos];
	}
	tv = l->segs;
	l->segs = spare->segs;
	spare->segs = tv;
	tc = l->cap;
	l->cap = spare->cap;
	spare->cap = tc;
	l->n = j;
	spare->n = 0;
}

int
sysvipc_relist(struct shm_list *l, struct shm_list *spare, char **cause)
{
	struct parser	 p;
	struct shm_seg	*kept;
	size_t		 cap;
	int		 fd, rc, saved;

	if ((fd = proc_open(PROC_TABLE, O_RDONLY)) == -1) {
		saved = errno;
		shm_list_free(l);
		parser_init(&p, l, cause);
		if (saved == ENOENT && list_shmctl(&p) == 0) {
			l->cap = p.cap;
			return 0;
		}
		shm_list_free(l);
		errno = saved;
		set_cause(cause, "cannot list segments: %s", strerror(errno));
		return -1;
	}
	/* The rows' room stays; only a list in a mapping starts afresh. */
	if (l->mapped != 0)
		shm_list_free(l);
	kept = l->segs;
	cap = l->cap;
	parser_init(&p, l, cause);
	l->segs = kept;
	p.cap = cap;
	rc = read_table(fd, &p);
	saved = errno;
	close(fd);
	/* What the parser holds now, grown or not. */
	l->cap = p.cap;
	if (rc == -1)
		l->n = 0;
	else if (!p.sorted && l->n > 1)
		relist_sort(l, spare);
	errno = saved;
	return rc;
}

/*
 * The row of one segment, by id or by key, from the table: the detail
 * of one segment does not cost a whole listing.  1 found, 0 not found,
 * -1 no table.
 */
static int
table_find(enum parser_find find, int id, int32_t key, struct shm_seg *seg)
{
	struct shm_list	 l;
	struct parser	 p;
	int		 fd;

	if ((fd = proc_open(PROC_TABLE, O_RDONLY)) == -1)
		return -1;
	parser_init_find(&p, &l, find, id, key, seg);
	(void)read_table(fd, &p);
	close(fd);
	return l.n == 1;
}

/*
 * EINVAL and EIDRM from shmctl(2) on an id: there is no such segment
 * (any more).  Every call on an id goes through here, so that callers
 * see one errno for it: ENOENT.
 */
static int
gone(int error)
{
	return error == EINVAL || error == EIDRM ? ENOENT : error;
}

/* IPC_STAT: 0, or -1 with errno (ENOENT: gone). */
static int
stat_id(int id, struct shm_seg *seg)
{
	struct shmid_ds	 ds;

	if (shmctl(id, IPC_STAT, &ds) == -1) {
		errno = gone(errno);
		return -1;
	}
	seg_from_ds(&ds, id, seg);
	return 0;
}

/*
 * One segment by id from shmctl alone, without rss and swap (the table
 * is not read: at 32,000 segments it costs more than the question).  A
 * caller who may not read it gets it through SHM_STAT_ANY, which wants
 * the slot: the id's low bits, 15 of them, or 24 with ipcmni_extend.
 */
int
sysvipc_stat(int id, struct shm_seg *seg)
{
	struct shmid_ds	 ds;
	int		 error;

	if (stat_id(id, seg) == 0)
		return 0;
	error = errno;
	memset(&ds, 0, sizeof(ds));	/* for valgrind: see list_shmctl() */
	if ((error == EACCES || error == EPERM) &&
	    (shmctl(id & 0x7fff, SHM_STAT_ANY, &ds) == id ||
	    shmctl(id & 0xffffff, SHM_STAT_ANY, &ds) == id)) {
		seg_from_ds(&ds, id, seg);
		return 0;
	}
	errno = error;
	return -1;
}

int
sysvipc_get(int id, struct shm_seg *seg)
{
	struct shm_seg	 row;
	int		 rc, error, found;

	rc = stat_id(id, seg);
	error = errno;
	found = table_find(FIND_ID, id, 0, &row);
	if (rc == 0) {
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
	/* No table: SHM_STAT_ANY at the id's slot. */
	if ((error == EACCES || error == EPERM) && found == -1)
		return sysvipc_stat(id, seg);
	errno = error;
	return -1;
}

int
sysvipc_get_key(int32_t key, struct shm_seg *seg)
{
	struct shm_list	 l;
	struct parser	 p;
	int		 id, found;

	/* shmget with no flags asks for no permission: O(1) by key. */
	if ((id = shmget((key_t)key, 0, 0)) != -1 &&
	    sysvipc_get(id, seg) == 0 && seg->key == key)
		return 0;
	if ((found = table_find(FIND_KEY, 0, key, seg)) == -1) {
		parser_init_find(&p, &l, FIND_KEY, 0, key, seg);
		if (list_shmctl(&p) == -1)
			return -1;
		found = l.n == 1;
	}
	if (found)
		return 0;
	errno = ENOENT;
	return -1;
}

int
sysvipc_parse_limit(const char *s, size_t len, uint64_t *out)
{
	const char	*end = s + len;
	uint64_t	 v = 0;
	int		 minus;

	while (end > s && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	s = skip_blanks(s, end);
	minus = s < end && *s == '-';
	if (digits(s + minus, end, 10, &v) != end ||
	    (minus && v > (uint64_t)INT64_MAX)) {
		errno = EINVAL;
		return -1;
	}
	/* shm_next_id is -1 by default; the others are unsigned. */
	*out = minus ? (uint64_t)-(int64_t)v : v;
	return 0;
}

/*
 * The number in file REL of the procfs: 1 read, 0 file absent, -1 error
 * (EINVAL: not a number).
 */
static int
read_sysctl(const char *rel, uint64_t *out, char **cause)
{
	char	 b[64];
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = proc_open(rel, O_RDONLY)) == -1) {
		if (errno == ENOENT)
			return 0;
		set_cause(cause, "%s/%s: %s", proc_root(), rel,
		    strerror(errno));
		return -1;
	}
	n = read(fd, b, sizeof(b) - 1);
	saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		set_cause(cause, "%s/%s: %s", proc_root(), rel,
		    strerror(errno));
		return -1;
	}
	if (sysvipc_parse_limit(b, (size_t)n, out) == -1) {
		set_cause(cause, "%s/%s: not a number", proc_root(), rel);
		return -1;
	}
	return 1;
}

/* kernel.NAME: as read_sysctl. */
static int
read_limit(const char *name, uint64_t *out, char **cause)
{
	char	 rel[64];

	snprintf(rel, sizeof(rel), "sys/kernel/%s", name);
	return read_sysctl(rel, out, cause);
}

int
sysvipc_hugetlb_group(uint64_t *gid)
{
	return read_sysctl("sys/vm/hugetlb_shm_group", gid, NULL) == 1 ? 0 :
	    -1;
}

int
sysvipc_ipc_info(struct shm_limits *lim, char **cause)
{
	struct shminfo	 info;

	memset(lim, 0, sizeof(*lim));
	lim->pagesize = (uint64_t)sysconf(_SC_PAGESIZE);
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&info) == -1) {
		set_cause(cause, "IPC_INFO: %s", strerror(errno));
		return -1;
	}
	lim->shmmax = (uint64_t)info.shmmax;
	lim->shmmin = (uint64_t)info.shmmin;
	lim->shmmni = (uint64_t)info.shmmni;
	lim->shmseg = (uint64_t)info.shmseg;
	lim->shmall = (uint64_t)info.shmall;
	lim->rmid_forced = -1;
	lim->next_id = -1;
	return 0;
}

int
sysvipc_limits(struct shm_limits *lim, char **cause)
{
	uint64_t	 v;
	int		 rc;

	if (sysvipc_ipc_info(lim, cause) == -1)
		return -1;
	/* The files win: they are what an admin reads and writes. */
	if ((rc = read_limit("shmmax", &v, cause)) == -1)
		return -1;
	if (rc == 1)
		lim->shmmax = v;
	if ((rc = read_limit("shmall", &v, cause)) == -1)
		return -1;
	if (rc == 1)
		lim->shmall = v;
	if ((rc = read_limit("shmmni", &v, cause)) == -1)
		return -1;
	if (rc == 1)
		lim->shmmni = v;
	if ((rc = read_limit("shm_rmid_forced", &v, cause)) == -1)
		return -1;
	if (rc == 1)
		lim->rmid_forced = (int64_t)v;
	if ((rc = read_limit("shm_next_id", &v, cause)) == -1)
		return -1;
	if (rc == 1) {
		lim->next_id = (int64_t)v;
		lim->next_id_known = 1;
	}
	return 0;
}

int
sysvipc_rmid_forced(char **cause)
{
	uint64_t	 v;
	int		 rc;

	if ((rc = read_limit("shm_rmid_forced", &v, cause)) == 1)
		return v != 0;
	if (rc == 0) {
		errno = ENOENT;
		set_cause(cause, "%s/sys/kernel/shm_rmid_forced: %s",
		    proc_root(), strerror(errno));
	}
	return -1;
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

int
sysvipc_create(int32_t key, uint64_t size, int flags)
{
	return shmget((key_t)key, (size_t)size, flags | IPC_CREAT |
	    (key != IPC_PRIVATE ? IPC_EXCL : 0));
}

int
sysvipc_open(int32_t key, uint64_t size, int mode)
{
	return shmget((key_t)key, (size_t)size, mode);
}

int
sysvipc_set(const struct shm_seg *seg, uid_t uid, gid_t gid, mode_t mode)
{
	struct shmid_ds	 ds;

	/*
	 * From the row rather than IPC_STAT: the owner of a 0000 segment
	 * may change it without being able to read it.  IPC_SET takes
	 * only uid, gid and the low nine mode bits.
	 */
	memset(&ds, 0, sizeof(ds));
	ds.shm_perm.uid = uid != (uid_t)-1 ? uid : seg->uid;
	ds.shm_perm.gid = gid != (gid_t)-1 ? gid : seg->gid;
	ds.shm_perm.mode = (unsigned short)(mode != (mode_t)-1 ? mode :
	    seg->perms & 0777);
	if (shmctl(seg->id, IPC_SET, &ds) == -1) {
		errno = gone(errno);
		return -1;
	}
	return 0;
}

int
sysvipc_lock(int id, int lock)
{
	if (shmctl(id, lock ? SHM_LOCK : SHM_UNLOCK, NULL) == -1) {
		errno = gone(errno);
		return -1;
	}
	return 0;
}

int
sysvipc_remove(int id)
{
	if (shmctl(id, IPC_RMID, NULL) == -1) {
		errno = gone(errno);
		return -1;
	}
	return 0;
}

int
sysvipc_remove_if_same(const struct shm_seg *seg, int flags,
    struct shm_seg *now)
{
	/*
	 * The segment as it is now: IPC_STAT is O(1); the table is read
	 * only when IPC_STAT is refused (a segment we may remove but not
	 * read).
	 */
	if (stat_id(seg->id, now) == -1 &&
	    (errno == ENOENT || sysvipc_get(seg->id, now) == -1))
		return -1;
	if (now->ctime != seg->ctime || now->sv.cpid != seg->sv.cpid ||
	    now->size != seg->size) {
		errno = ESTALE;
		return -1;
	}
	if (((flags & SYSVIPC_UNATTACHED) && now->nattch != 0) ||
	    ((flags & SYSVIPC_UNUSED) && (now->atime != seg->atime ||
	    now->sv.dtime != seg->sv.dtime || now->sv.lpid != seg->sv.lpid)) ||
	    ((flags & SYSVIPC_SAME_NATTCH) && now->nattch != seg->nattch)) {
		errno = EBUSY;
		return -1;
	}
	return sysvipc_remove(seg->id);
}

int
sysvipc_may_remove(const struct shm_seg *seg)
{
	uid_t	 me = geteuid();

	/* Root's powers depend on its user namespace: let the kernel say. */
	if (me != 0 && !cap_effective(CAP_SYS_ADMIN) && seg->uid != me &&
	    seg->sv.cuid != me) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

void *
sysvipc_attach(int id, const void *addr, int flags)
{
	struct shmid_ds	 ds;
	void		*p;
	int		 error;

	if ((p = shmat(id, addr, flags)) != (void *)-1)
		return p;
	error = errno;
	/*
	 * EINVAL is an address refused, or an id that is no segment: ask.
	 * valgrind's shmat asks IPC_STAT for the size first and turns its
	 * EACCES into EINVAL: the segment is there, only refused.
	 */
	if (error != EINVAL)
		error = gone(error);
	else if (shmctl(id, IPC_STAT, &ds) == -1)
		error = errno == EACCES ? EACCES : gone(errno);
	errno = error;
	return (void *)-1;
}

int
sysvipc_detach(const void *addr)
{
	return shmdt(addr);
}

char *
sysvipc_denied(const struct shm_seg *s, int creator, const char *why)
{
	return names_denied(s->uid, creator ? seg_cuid(s) : (uid_t)-1,
	    (mode_t)(s->perms & 0777), why);
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
