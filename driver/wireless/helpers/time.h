/* SPDX-License-Identifier: GPL-2.0 */
/* The Rust layer's C helpers for clocks and short busy waits (time.c). */
#ifndef RWLAN_HELPERS_TIME_H
#define RWLAN_HELPERS_TIME_H

#include <linux/types.h>


u64 rwlan_ktime_get_real_us(void);
u64 rwlan_ktime_get_boottime_ns(void);
void rwlan_udelay(unsigned long usecs);

#endif
