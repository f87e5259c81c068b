// SPDX-License-Identifier: GPL-2.0
/* Out-of-line C for the Rust layer: socket buffers and their queues. */

#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/dst.h>

#include "skb.h"

void rwlan_skb_free_any(struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
}

void rwlan_skb_release_source(struct sk_buff *skb)
{
	skb_orphan(skb);
	skb_dst_drop(skb);
	skb->mark = 0;
	skb_ext_reset(skb);
	nf_reset_ct(skb);
}

struct sk_buff *rwlan_skb_copy_atomic(const struct sk_buff *skb)
{
	return skb_copy(skb, GFP_ATOMIC);
}

struct sk_buff *rwlan_skb_clone_atomic(struct sk_buff *skb)
{
	return skb_clone(skb, GFP_ATOMIC);
}

int rwlan_skb_linearize(struct sk_buff *skb)
{
	return skb_linearize(skb);
}

struct sk_buff *rwlan_skb_from_data(const void *data, unsigned int len,
				    bool atomic)
{
	struct sk_buff *skb = alloc_skb(len, atomic ? GFP_ATOMIC : GFP_KERNEL);

	if (skb)
		skb_put_data(skb, data, len);
	return skb;
}

/* sk_buff_head: its own spinlock, taken with interrupts off. */
void rwlan_skb_queue_head_init(struct sk_buff_head *list)
{
	skb_queue_head_init(list);
}

u32 rwlan_skb_queue_len(const struct sk_buff_head *list)
{
	return skb_queue_len_lockless(list);
}

void rwlan_skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	skb_queue_tail(list, skb);
}

struct sk_buff *rwlan_skb_dequeue(struct sk_buff_head *list)
{
	return skb_dequeue(list);
}

/*
 * Unlinks and returns the newest buffer on @list whose bytes @match
 * accepts, or NULL: the walk and the unlink under the queue's lock, with
 * interrupts off as every user of the queue takes it.
 */
struct sk_buff *rwlan_skb_queue_take_newest(struct sk_buff_head *list,
					    bool (*match)(const u8 *data, u32 len, void *ctx),
					    void *ctx)
{
	struct sk_buff *skb, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	skb_queue_reverse_walk(list, skb) {
		if (match(skb->data, skb->len, ctx)) {
			__skb_unlink(skb, list);
			found = skb;
			break;
		}
	}
	spin_unlock_irqrestore(&list->lock, flags);
	return found;
}
