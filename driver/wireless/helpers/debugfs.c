// SPDX-License-Identifier: GPL-2.0
/* Out-of-line C for the Rust layer: debugfs files holding one number. */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>

#include "debugfs.h"

static int rwlan_attr_get(void *data, u64 *val)
{
	struct rwlan_debugfs_attr *attr = data;

	return attr->get(attr->target, val);
}

static int rwlan_attr_set(void *data, u64 val)
{
	struct rwlan_debugfs_attr *attr = data;

	return attr->set(attr->target, val);
}

static int rwlan_attr_open(struct inode *inode, struct file *file)
{
	struct rwlan_debugfs_attr *attr = inode->i_private;

	return simple_attr_open(inode, file, attr->get ? rwlan_attr_get : NULL,
				attr->set ? rwlan_attr_set : NULL, attr->fmt);
}

static const struct file_operations rwlan_attr_fops = {
	.owner = THIS_MODULE,
	.open = rwlan_attr_open,
	.release = simple_attr_release,
	.read = debugfs_attr_read,
	.write = debugfs_attr_write,
};

struct dentry *rwlan_debugfs_create_attr(const char *name, umode_t mode,
					 struct dentry *parent,
					 struct rwlan_debugfs_attr *attr)
{
	return debugfs_create_file_unsafe(name, mode, parent, attr,
					  &rwlan_attr_fops);
}
