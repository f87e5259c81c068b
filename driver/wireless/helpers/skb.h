/* SPDX-License-Identifier: GPL-2.0 */
/* The Rust layer's C helpers for socket buffers and their queues (skb.c). */
#ifndef RWLAN_HELPERS_SKB_H
#define RWLAN_HELPERS_SKB_H

#include <linux/types.h>

struct sk_buff;
struct sk_buff_head;

void rwlan_skb_free_any(struct sk_buff *skb);
void rwlan_skb_release_source(struct sk_buff *skb);
struct sk_buff *rwlan_skb_copy_atomic(const struct sk_buff *skb);
struct sk_buff *rwlan_skb_clone_atomic(struct sk_buff *skb);
int rwlan_skb_linearize(struct sk_buff *skb);

struct sk_buff *rwlan_skb_from_data(const void *data, unsigned int len,
				    bool atomic);
void rwlan_skb_queue_head_init(struct sk_buff_head *list);
u32 rwlan_skb_queue_len(const struct sk_buff_head *list);
void rwlan_skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *rwlan_skb_dequeue(struct sk_buff_head *list);
struct sk_buff *rwlan_skb_queue_take_newest(struct sk_buff_head *list,
					    bool (*match)(const u8 *data, u32 len, void *ctx),
					    void *ctx);

#endif
