// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synthetic namespace.c: the mount path of sys_mount, and a longer detour
 * that a shortest path must not take.
 */
int count_mounts(struct mnt_namespace *ns, struct mount *mnt)
{
	return 0;
}

static int attach_recursive_mnt(struct mount *source_mnt, struct mount *dest_mnt)
{
	return count_mounts(ns, source_mnt);
}

static int graft_tree(struct mount *mnt, struct mount *p)
{
	return attach_recursive_mnt(mnt, p);
}

static int detour_b(struct mount *newmnt)
{
	return graft_tree(newmnt, NULL);
}

static int detour_a(struct mount *newmnt)
{
	return detour_b(newmnt);
}

static int do_add_mount(struct mount *newmnt, struct path *path)
{
	return graft_tree(newmnt, NULL);
}

static int do_new_mount(struct path *path, const char *fstype)
{
	if (!fstype)
		return detour_a(NULL);
	return do_add_mount(NULL, path);
}

int path_mount(const char *dev_name, struct path *path)
{
	return do_new_mount(path, NULL);
}

long do_mount(const char *dev_name, const char __user *dir_name)
{
	if (!dir_name)
		return path_mount(dev_name, NULL);
	return path_mount(dev_name, NULL);
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name,
		char __user *, type, unsigned long, flags, void __user *, data)
{
	return do_mount(kernel_dev, dir_name);
}
