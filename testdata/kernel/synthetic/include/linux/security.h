/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Synthetic security.h: an include guard, and a static inline stub in the
 * #else of CONFIG_SECURITY.
 */
#ifndef __LINUX_SECURITY_H
#define __LINUX_SECURITY_H

#ifdef CONFIG_BPF_SYSCALL
#ifdef CONFIG_SECURITY
extern int security_bpf(int cmd, union bpf_attr *attr, unsigned int size);
#else
static inline int security_bpf(int cmd, union bpf_attr *attr,
			       unsigned int size)
{
	return 0;
}
#endif /* CONFIG_SECURITY */
#endif /* CONFIG_BPF_SYSCALL */

#endif /* __LINUX_SECURITY_H */
