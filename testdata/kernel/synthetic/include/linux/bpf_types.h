/* SPDX-License-Identifier: GPL-2.0 */
/* Synthetic bpf_types.h: table entries made by macro invocations. */
BPF_MAP_TYPE(BPF_MAP_TYPE_ARRAY, array_map_ops)
#ifdef CONFIG_NET
BPF_MAP_TYPE(BPF_MAP_TYPE_DEVMAP, dev_map_ops)
#if defined(CONFIG_XDP_SOCKETS)
BPF_MAP_TYPE(BPF_MAP_TYPE_XSKMAP, xsk_map_ops)
#endif
#endif
