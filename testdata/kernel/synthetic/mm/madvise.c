// SPDX-License-Identifier: GPL-2.0
/* Synthetic madvise.c: a function under CONFIG_MEMORY_FAILURE. */
#ifdef CONFIG_MEMORY_FAILURE
static int madvise_inject_error(int behavior, unsigned long start,
				unsigned long end)
{
	return memory_failure(start, 0);
}
#endif

static long madvise_dontneed_free(struct vm_area_struct *vma)
{
	return 0;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
#ifdef CONFIG_MEMORY_FAILURE
	if (behavior == MADV_HWPOISON)
		return madvise_inject_error(behavior, start, start + len_in);
#endif
	return madvise_dontneed_free(NULL);
}
