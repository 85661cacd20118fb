/*
 * ftw — ftriage capture workload.  Runs inside the capture VM (static binary).
 *
 *   ftw SCENARIO
 *
 * Scenarios (each performs the listed syscalls, nothing else while tracing):
 *   openat        openat of a missing path (-> ENOENT), then of an existing file (-> fd)
 *   openat-bad    only the failing openat
 *   openat-good   only the succeeding openat
 *   bpf           bpf(BPF_MAP_CREATE) with invalid attrs (-> EINVAL), then a valid array map
 *   bpf-bad / bpf-good
 *   mount         mount with an unknown fstype (-> ENODEV), then a tmpfs mount (-> 0) + umount
 *   mount-bad / mount-good
 *   madvise-soft-offline
 *                 madvise(MADV_SOFT_OFFLINE) on one anonymous page that was mmapped and
 *                 written before tracing starts: 0 with CONFIG_MEMORY_FAILURE=y (the page
 *                 is migrated and the old frame taken offline), EINVAL without it
 *                 (do_madvise rejects the unknown behavior); needs CAP_SYS_ADMIN (root)
 *
 * Before every syscall a line "ftriage: <what>" is written to trace_marker, and
 * after it "ftriage: <what> -> <ret> (<errno name>)", so traces are self-describing.
 *
 * Tracing control: the VM's init configures the tracer with tracing_on=0 and
 * writes our pid into set_ftrace_pid/set_event_pid (it starts us via exec).
 * We open trace_marker and tracing_on *before* switching tracing on, so the
 * only traced syscalls are the ones of the scenario (plus the marker writes
 * and the final write to tracing_on).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TRACEFS "/sys/kernel/tracing"

static int marker_fd = -1;
static int on_fd = -1;

static void marker(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    if (write(marker_fd, buf, (size_t)n) < 0)
        perror("trace_marker");
}

static const char *errname(int e)
{
    switch (e) {
    case 0: return "OK";
    case ENOENT: return "ENOENT";
    case EINVAL: return "EINVAL";
    case ENODEV: return "ENODEV";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EBUSY: return "EBUSY";
    case ENOMEM: return "ENOMEM";
    case EIO: return "EIO";
    case EFAULT: return "EFAULT";
#ifdef EHWPOISON
    case EHWPOISON: return "EHWPOISON";
#endif
    default: return "E?";
    }
}

static void result(const char *what, long ret, int err)
{
    marker("ftriage: %s -> %ld (%s)\n", what, ret, ret < 0 ? errname(err) : "OK");
    printf("ftw: %s -> %ld (%s)\n", what, ret, ret < 0 ? errname(err) : "OK");
}

/* ---- openat ---- */
static void openat_bad(void)
{
    const char *what = "openat missing /nonexistent/ftriage.conf";
    marker("ftriage: %s\n", what);
    long r = syscall(SYS_openat, AT_FDCWD, "/nonexistent/ftriage.conf", O_RDONLY);
    int e = errno;
    result(what, r, e);
}

static void openat_good(void)
{
    const char *what = "openat existing /etc/ftriage.conf";
    marker("ftriage: %s\n", what);
    long r = syscall(SYS_openat, AT_FDCWD, "/etc/ftriage.conf", O_RDONLY);
    int e = errno;
    result(what, r, e);
    if (r >= 0)
        close((int)r);
}

/* ---- bpf ---- */
static long sys_bpf(int cmd, union bpf_attr *attr)
{
    return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static void bpf_bad(void)
{
    /* array map with key_size 8: array_map_alloc_check() wants key_size == 4 -> EINVAL */
    const char *what = "bpf BPF_MAP_CREATE array key_size=8 (invalid)";
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.map_type = BPF_MAP_TYPE_ARRAY;
    a.key_size = 8;
    a.value_size = 8;
    a.max_entries = 4;
    marker("ftriage: %s\n", what);
    long r = sys_bpf(BPF_MAP_CREATE, &a);
    int e = errno;
    result(what, r, e);
    if (r >= 0)
        close((int)r);
}

static void bpf_good(void)
{
    const char *what = "bpf BPF_MAP_CREATE array key_size=4 value_size=8 max_entries=4";
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.map_type = BPF_MAP_TYPE_ARRAY;
    a.key_size = 4;
    a.value_size = 8;
    a.max_entries = 4;
    marker("ftriage: %s\n", what);
    long r = sys_bpf(BPF_MAP_CREATE, &a);
    int e = errno;
    result(what, r, e);
    if (r >= 0)
        close((int)r);
}

/* ---- mount ---- */
static void mount_bad(void)
{
    const char *what = "mount none /mnt fstype=ftriagefs (unknown fstype)";
    marker("ftriage: %s\n", what);
    long r = mount("none", "/mnt", "ftriagefs", 0, NULL);
    int e = errno;
    result(what, r, e);
}

static void mount_good(void)
{
    const char *what = "mount none /mnt fstype=tmpfs";
    marker("ftriage: %s\n", what);
    long r = mount("none", "/mnt", "tmpfs", 0, "size=64k");
    int e = errno;
    result(what, r, e);
    if (r == 0) {
        marker("ftriage: umount /mnt\n");
        long u = umount("/mnt");
        e = errno;
        result("umount /mnt", u, e);
    }
}

/* ---- madvise ---- */
#ifndef MADV_SOFT_OFFLINE
#define MADV_SOFT_OFFLINE 101
#endif

static void madvise_soft_offline(void)
{
    const char *what = "madvise MADV_SOFT_OFFLINE len=4096 (anonymous page, written)";
    /* mmap + first write happen before the marker: only madvise is in the graph */
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("ftw: mmap");
        return;
    }
    memset(p, 0x5a, (size_t)pg);
    marker("ftriage: %s\n", what);
    long r = syscall(SYS_madvise, p, (size_t)pg, MADV_SOFT_OFFLINE);
    int e = errno;
    result(what, r, e);
    munmap(p, (size_t)pg);
}

struct scenario {
    const char *name;
    void (*fn[2])(void);
};

static const struct scenario scenarios[] = {
    {"openat", {openat_bad, openat_good}},
    {"openat-bad", {openat_bad, NULL}},
    {"openat-good", {openat_good, NULL}},
    {"bpf", {bpf_bad, bpf_good}},
    {"bpf-bad", {bpf_bad, NULL}},
    {"bpf-good", {bpf_good, NULL}},
    {"mount", {mount_bad, mount_good}},
    {"mount-bad", {mount_bad, NULL}},
    {"mount-good", {mount_good, NULL}},
    {"madvise-soft-offline", {madvise_soft_offline, NULL}},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
        return 2;
    }
    const struct scenario *sc = NULL;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        if (strcmp(scenarios[i].name, argv[1]) == 0)
            sc = &scenarios[i];
    if (!sc) {
        fprintf(stderr, "ftw: unknown scenario %s\n", argv[1]);
        return 2;
    }
    marker_fd = open(TRACEFS "/trace_marker", O_WRONLY);
    on_fd = open(TRACEFS "/tracing_on", O_WRONLY);
    if (marker_fd < 0 || on_fd < 0) {
        perror("ftw: open tracefs");
        return 1;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    if (write(on_fd, "1", 1) != 1)
        perror("tracing_on=1");
    marker("ftriage: begin scenario %s pid %d\n", sc->name, (int)getpid());
    for (int i = 0; i < 2; i++)
        if (sc->fn[i])
            sc->fn[i]();
    marker("ftriage: end scenario %s\n", sc->name);
    if (write(on_fd, "0", 1) != 1)
        perror("tracing_on=0");
    return 0;
}
