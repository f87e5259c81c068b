// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: soft hrtimers, delayed work, and the
 * gate that arms them only between a hardware's start and stop.
 */

#include <linux/hrtimer.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/mac80211.h>

#include "deferred.h"

void rwlan_hrtimer_init_soft(struct hrtimer *timer,
			     enum hrtimer_restart (*function)(struct hrtimer *))
{
	hrtimer_init(timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	timer->function = function;
}

void rwlan_hrtimer_forward_now(struct hrtimer *timer, u64 ns)
{
	hrtimer_forward_now(timer, ns_to_ktime(ns));
}

bool rwlan_hrtimer_is_queued(struct hrtimer *timer)
{
	return hrtimer_is_queued(timer);
}

void rwlan_init_delayed_work(struct delayed_work *dwork,
			     void (*fn)(struct work_struct *))
{
	INIT_DELAYED_WORK(dwork, fn);
}

/* On the system workqueue; a disabled work is not queued. */
bool rwlan_schedule_delayed_work(struct delayed_work *dwork, unsigned int ms)
{
	return schedule_delayed_work(dwork, msecs_to_jiffies(ms));
}

void rwlan_gate_init(struct rwlan_gate *gate)
{
	spin_lock_init(&gate->lock);
	gate->open = false;
}

void rwlan_gate_set(struct rwlan_gate *gate, bool open)
{
	unsigned long flags;

	spin_lock_irqsave(&gate->lock, flags);
	gate->open = open;
	spin_unlock_irqrestore(&gate->lock, flags);
}

bool rwlan_gate_is_open(struct rwlan_gate *gate)
{
	return READ_ONCE(gate->open);
}

/* Arming under the lock: a close that follows sees the timer queued. */
bool rwlan_gate_timer_start(struct rwlan_gate *gate, struct hrtimer *timer,
			    u64 ns)
{
	unsigned long flags;
	bool open;

	spin_lock_irqsave(&gate->lock, flags);
	open = gate->open;
	if (open)
		hrtimer_start(timer, ns_to_ktime(ns), HRTIMER_MODE_REL_SOFT);
	spin_unlock_irqrestore(&gate->lock, flags);
	return open;
}

bool rwlan_gate_queue_work(struct rwlan_gate *gate, struct ieee80211_hw *hw,
			   struct delayed_work *dwork, unsigned int ms)
{
	unsigned long flags;
	bool open;

	spin_lock_irqsave(&gate->lock, flags);
	open = gate->open;
	if (open)
		ieee80211_queue_delayed_work(hw, dwork, msecs_to_jiffies(ms));
	spin_unlock_irqrestore(&gate->lock, flags);
	return open;
}
