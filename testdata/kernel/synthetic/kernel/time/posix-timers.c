// SPDX-License-Identifier: GPL-2.0
/* Synthetic posix-timers.c: a syscall defined under a condition. */
static int do_clock_gettime(clockid_t which_clock, struct timespec64 *tp)
{
	return kc->clock_get_timespec(which_clock, tp);
}

#ifdef CONFIG_COMPAT_32BIT_TIME

SYSCALL_DEFINE2(clock_gettime32, clockid_t, which_clock,
		struct old_timespec32 __user *, tp)
{
	int err;
	struct timespec64 ts;

	err = do_clock_gettime(which_clock, &ts);
	if (!err && put_old_timespec32(&ts, tp))
		err = -EFAULT;
	return err;
}

#endif
