// SPDX-License-Identifier: GPL-2.0
/* Out-of-line C for the Rust layer: clocks and short busy waits. */

#include <linux/delay.h>
#include <linux/timekeeping.h>

#include "time.h"

u64 rwlan_ktime_get_real_us(void)
{
	return ktime_to_us(ktime_get_real());
}

u64 rwlan_ktime_get_boottime_ns(void)
{
	return ktime_get_boottime_ns();
}

void rwlan_udelay(unsigned long usecs)
{
	udelay(usecs);
}
