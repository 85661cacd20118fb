// SPDX-License-Identifier: GPL-2.0
/* Synthetic xskmap.c: a map type's ops table. */
#include <linux/bpf.h>

static struct bpf_map *xsk_map_alloc(union bpf_attr *attr)
{
	struct xsk_map *m;

	m = bpf_map_area_alloc(size, numa_node);
	if (!m)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&m->map, attr);
	return &m->map;
}

static void xsk_map_free(struct bpf_map *map)
{
	bpf_map_area_free(map);
}

const struct bpf_map_ops xsk_map_ops = {
	.map_meta_equal = bpf_map_meta_equal,
	.map_alloc = xsk_map_alloc,
	.map_free = xsk_map_free,
};
