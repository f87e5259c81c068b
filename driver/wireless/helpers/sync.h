/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for bottom halves and RCU read sections
 * (sync.c).
 */
#ifndef RWLAN_HELPERS_SYNC_H
#define RWLAN_HELPERS_SYNC_H

#include <linux/types.h>


void rwlan_local_bh_disable(void);
void rwlan_local_bh_enable(void);
void rwlan_rcu_read_lock(void);
void rwlan_rcu_read_unlock(void);

#endif
