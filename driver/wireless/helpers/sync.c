// SPDX-License-Identifier: GPL-2.0
/* Out-of-line C for the Rust layer: bottom halves and RCU read sections. */

#include <linux/bottom_half.h>
#include <linux/rcupdate.h>

#include "sync.h"

void rwlan_local_bh_disable(void)
{
	local_bh_disable();
}

void rwlan_local_bh_enable(void)
{
	local_bh_enable();
}

void rwlan_rcu_read_lock(void)
{
	rcu_read_lock();
}

void rwlan_rcu_read_unlock(void)
{
	rcu_read_unlock();
}
