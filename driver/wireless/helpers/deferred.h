/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for soft hrtimers, delayed work, and the gate
 * that arms them only between a hardware's start and stop (deferred.c).
 */
#ifndef RWLAN_HELPERS_DEFERRED_H
#define RWLAN_HELPERS_DEFERRED_H

#include <linux/types.h>
#include <linux/spinlock_types.h>
#include <linux/hrtimer.h>

struct delayed_work;
struct hrtimer;
struct ieee80211_hw;
struct work_struct;

void rwlan_hrtimer_init_soft(struct hrtimer *timer,
			     enum hrtimer_restart (*function)(struct hrtimer *));
void rwlan_hrtimer_forward_now(struct hrtimer *timer, u64 ns);
bool rwlan_hrtimer_is_queued(struct hrtimer *timer);

void rwlan_init_delayed_work(struct delayed_work *dwork,
			     void (*fn)(struct work_struct *));
bool rwlan_schedule_delayed_work(struct delayed_work *dwork, unsigned int ms);

/*
 * The gate of a hardware's timer and delayed work: either can be armed only
 * while the gate is open (from start to stop), so closing it and then
 * cancelling both leaves nothing that could fire after mac80211's workqueue
 * is gone.
 */
struct rwlan_gate {
	spinlock_t lock;
	bool open;
};
void rwlan_gate_init(struct rwlan_gate *gate);
void rwlan_gate_set(struct rwlan_gate *gate, bool open);
bool rwlan_gate_is_open(struct rwlan_gate *gate);
bool rwlan_gate_timer_start(struct rwlan_gate *gate, struct hrtimer *timer,
			    u64 ns);
bool rwlan_gate_queue_work(struct rwlan_gate *gate, struct ieee80211_hw *hw,
			   struct delayed_work *dwork, unsigned int ms);

#endif
