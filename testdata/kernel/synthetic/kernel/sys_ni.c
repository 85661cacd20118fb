// SPDX-License-Identifier: GPL-2.0
/* Synthetic: the -ENOSYS stubs of optional syscalls. */
#include <linux/linkage.h>

COND_SYSCALL(clock_gettime32);
COND_SYSCALL_COMPAT(clock_gettime32);
