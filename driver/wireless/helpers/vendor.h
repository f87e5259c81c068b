/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for attribute policies, and the vendor and
 * testmode commands of nl80211 with their replies and events (vendor.c).
 */
#ifndef RWLAN_HELPERS_VENDOR_H
#define RWLAN_HELPERS_VENDOR_H

#include <linux/types.h>

struct nla_policy;
struct sk_buff;
struct wiphy;
struct wireless_dev;

void rwlan_nla_policy_set(struct nla_policy *p, u8 type, u16 len,
			  bool exact_len);

/* Replies and events, each with NL80211_ATTR_VENDOR_DATA open for the
 * driver's attributes; sending closes it and consumes the buffer. */
struct sk_buff *rwlan_vendor_reply_alloc(struct wiphy *wiphy, int approxlen);
int rwlan_vendor_reply_send(struct sk_buff *skb);
struct sk_buff *rwlan_vendor_event_alloc(struct wiphy *wiphy,
					 struct wireless_dev *wdev,
					 int approxlen, int event_idx);
void rwlan_vendor_event_send(struct sk_buff *skb);
const struct nla_policy *rwlan_vendor_raw_data(void);
/* A testmode reply (NULL without CONFIG_NL80211_TESTMODE); sent like a
 * vendor reply. */
struct sk_buff *rwlan_testmode_reply_alloc(struct wiphy *wiphy, int approxlen);

#endif
