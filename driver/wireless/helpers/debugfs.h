/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for debugfs files holding one number
 * (debugfs.c).
 */
#ifndef RWLAN_HELPERS_DEBUGFS_H
#define RWLAN_HELPERS_DEBUGFS_H

#include <linux/types.h>

struct dentry;

/*
 * debugfs files holding one number, like DEFINE_DEBUGFS_ATTRIBUTE, with the
 * accessors and format in the file's data rather than in its fops.
 */
struct rwlan_debugfs_attr {
	void *target;
	int (*get)(void *target, u64 *val);
	int (*set)(void *target, u64 val);
	const char *fmt;
};
struct dentry *rwlan_debugfs_create_attr(const char *name, umode_t mode,
					 struct dentry *parent,
					 struct rwlan_debugfs_attr *attr);

#endif
