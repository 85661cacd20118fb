// SPDX-License-Identifier: GPL-2.0
/* Synthetic posix-stubs.c: the same syscall when POSIX timers are off. */
#ifdef CONFIG_COMPAT_32BIT_TIME
SYSCALL_DEFINE2(clock_gettime32, clockid_t, which_clock,
		struct old_timespec32 __user *, tp)
{
	return -EINVAL;
}
#endif
