/*
 * Who has which segment attached, from /proc/PID/maps: a System V attach
 * is a shared mapping whose inode field is the shmid and whose path is
 * /SYSV<key>.  The inode, not the name, identifies the segment (the name
 * keeps the old key after IPC_RMID, and every IPC_PRIVATE segment is
 * /SYSV00000000), and inodes repeat in every IPC namespace, so processes
 * in another namespace are skipped (or, for --all-namespaces, each
 * mapping is marked with its process's namespace).  Also the per-process facts stat
 * needs, cached per pid: a listing of thousands of segments made by one
 * process reads its /proc entry once.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procmaps.h"
#include "sysvipc.h"
#include "util.h"


/* The whole of a small /proc file into b (NUL-terminated); -1 on error. */
static int
read_all(int dirfd, const char *rel, struct buf *b)
{
	ssize_t	 n;
	int	 fd, saved;

	b->len = 0;
	if ((fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	for (;;) {
		buf_reserve(b, 1 << 16);
		n = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b->len += (size_t)n;
	}
	saved = errno;
	close(fd);
	b->p[b->len] = '\0';
	if (n == -1) {
		errno = saved;
		return -1;
	}
	return 0;
}

static uint64_t
hex(const char **sp, const char *end)
{
	const char	*s = *sp;
	uint64_t	 v = 0;

	for (; s < end && isxdigit((unsigned char)*s); s++)
		v = v * 16 + (uint64_t)(*s <= '9' ? *s - '0' :
		    (*s | 0x20) - 'a' + 10);
	*sp = s;
	return v;
}

static void
add_map(struct shm_maps *m, const struct shm_map *e)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n++] = *e;
}

/*
 * A line: "start-end perms offset dev inode   path".  Only lines whose
 * path starts with /SYSV count; finding them with memmem skips the rest.
 */
void
procmaps_parse(const char *buf, size_t len, pid_t pid, uid_t uid,
    struct shm_maps *m)
{
	const char	*end = buf + len, *hit, *s, *eol, *p;
	struct shm_map	 e;
	uint64_t	 off, ino;

	for (s = buf; s < end && (hit = memmem(s, (size_t)(end - s), " /SYSV",
	    6)) != NULL; s = eol) {
		eol = memchr(hit, '\n', (size_t)(end - hit));
		if (eol == NULL)
			eol = end;
		p = hit;
		while (p > buf && p[-1] != '\n')
			p--;
		memset(&e, 0, sizeof(e));
		e.pid = pid;
		e.uid = uid;
		e.start = hex(&p, hit);
		if (p >= hit || *p++ != '-')
			continue;
		e.end = hex(&p, hit);
		/* Not a range the kernel writes: not a mapping to trust. */
		if (e.end <= e.start || p + 5 >= hit || *p++ != ' ')
			continue;
		memcpy(e.perms, p, 4);
		p += 4;
		if (*p++ != ' ')
			continue;
		off = hex(&p, hit);
		if (*p++ != ' ')
			continue;
		/* dev "00:01" */
		hex(&p, hit);
		if (*p++ != ':')
			continue;
		hex(&p, hit);
		if (*p++ != ' ')
			continue;
		for (ino = 0; p < hit && *p >= '0' && *p <= '9'; p++)
			ino = ino * 10 + (uint64_t)(*p - '0');
		if (ino > INT32_MAX)
			continue;
		e.id = (int)ino;
		while (p < hit && *p == ' ')
			p++;
		if (p != hit)
			continue;
		p = hit + 6;
		e.namekey = (uint32_t)hex(&p, eol);
		/*
		 * One row a line: mprotect on part of an attach splits it,
		 * and the kernel counts each piece in nattch (the VMA open
		 * hook), so lines, not shmat calls, are what nattch counts.
		 */
		(void)off;
		add_map(m, &e);
	}
}

static int
map_cmp(const void *a, const void *b)
{
	const struct shm_map	*x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* ALL: every IPC namespace, not only ours. */
static int
scan(struct shm_maps *m, int all)
{
	struct stat	 self, st;
	struct dirent	*de;
	struct buf	 b = { 0 };
	DIR		*d;
	char		 path[4096];
	int		 dfd, pfd;
	char		*endp;
	long		 pid;
	size_t		 first, i;
	uint64_t	 ns;

	memset(m, 0, sizeof(*m));
	/* Like the segment table, processes come from $SHMTOOL_PROCFS. */
	snprintf(path, sizeof(path), "%s/self/ns/ipc", sysvipc_procfs());
	if (stat(path, &self) == -1)
		return -1;
	if ((d = opendir(sysvipc_procfs())) == NULL)
		return -1;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, &endp, 10);
		if (*endp != '\0' || pid <= 0)
			continue;
		if ((pfd = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			continue;	/* gone */
		m->nprocs++;
		if (fstatat(pfd, "ns/ipc", &st, 0) == -1) {
			m->skipped++;
			close(pfd);
			continue;
		}
		if (!all && (st.st_dev != self.st_dev ||
		    st.st_ino != self.st_ino)) {
			m->otherns++;
			close(pfd);
			continue;
		}
		ns = (uint64_t)st.st_ino;
		if (fstat(pfd, &st) == -1 || read_all(pfd, "maps", &b) == -1) {
			m->skipped++;
			close(pfd);
			continue;
		}
		close(pfd);
		first = m->n;
		procmaps_parse(b.p, b.len, (pid_t)pid, st.st_uid, m);
		for (i = first; i < m->n; i++)
			m->v[i].ns = ns;
	}
	closedir(d);
	buf_free(&b);
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), map_cmp);
	return 0;
}

int
procmaps_scan(struct shm_maps *m)
{
	return scan(m, 0);
}

int
procmaps_scan_all(struct shm_maps *m)
{
	return scan(m, 1);
}

void
procmaps_free(struct shm_maps *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Command lines, cached per pid: open addressing on the pid. */
struct pinfo {
	pid_t		 pid;
	int		 used;
	char		*cmd;
};

static struct pinfo	*pcache;
static size_t		 pcache_n, pcache_cap;

static struct pinfo *
pinfo_slot(pid_t pid)
{
	size_t	 i;

	if (pcache_n * 2 >= pcache_cap) {
		struct pinfo	*old = pcache;
		size_t		 oldcap = pcache_cap;

		pcache_cap = oldcap ? oldcap * 2 : 64;
		pcache = xcalloc(pcache_cap, sizeof(*pcache));
		for (i = 0; i < oldcap; i++) {
			if (old[i].used) {
				size_t	 j = ((uint32_t)old[i].pid *
				    2654435761u) & (pcache_cap - 1);

				while (pcache[j].used)
					j = (j + 1) & (pcache_cap - 1);
				pcache[j] = old[i];
			}
		}
		free(old);
	}
	for (i = ((uint32_t)pid * 2654435761u) & (pcache_cap - 1);;
	    i = (i + 1) & (pcache_cap - 1)) {
		if (!pcache[i].used || pcache[i].pid == pid)
			return &pcache[i];
	}
}

const char *
proc_command(pid_t pid)
{
	struct pinfo	*pi;
	struct buf	 b = { 0 };
	char		 path[64];
	size_t		 i;

	if (pid <= 0)
		return NULL;
	pi = pinfo_slot(pid);
	if (pi->used)
		return pi->cmd;
	pi->used = 1;
	pi->pid = pid;
	pcache_n++;
	snprintf(path, sizeof(path), "%s/%d/cmdline", sysvipc_procfs(),
	    (int)pid);
	if (read_all(AT_FDCWD, path, &b) == 0 && b.len > 0) {
		/* Arguments are NUL-separated; show them as ps does. */
		while (b.len > 0 && b.p[b.len - 1] == '\0')
			b.len--;
		for (i = 0; i < b.len; i++)
			if (b.p[i] == '\0')
				b.p[i] = ' ';
		b.p[b.len] = '\0';
		pi->cmd = xstrdup(b.p);
	} else {
		/* Kernel threads and zombies: the name in brackets. */
		snprintf(path, sizeof(path), "%s/%d/comm", sysvipc_procfs(),
		    (int)pid);
		if (read_all(AT_FDCWD, path, &b) == 0) {
			while (b.len > 0 && b.p[b.len - 1] == '\n')
				b.len--;
			b.p[b.len] = '\0';
			xasprintf(&pi->cmd, "[%s]", b.p);
		}
	}
	buf_free(&b);
	return pi->cmd;
}
