// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: attribute policies, and nl80211's
 * vendor and testmode replies and vendor events (inline functions in
 * cfg80211.h).
 */

#include <linux/string.h>
#include <net/cfg80211.h>
#include <net/netlink.h>

#include "vendor.h"

void rwlan_nla_policy_set(struct nla_policy *p, u8 type, u16 len,
			  bool exact_len)
{
	memset(p, 0, sizeof(*p));
	if (exact_len) {
		/* NLA_POLICY_EXACT_LEN */
		p->type = NLA_BINARY;
		p->validation_type = NLA_VALIDATE_RANGE;
		p->min = len;
		p->max = len;
	} else {
		p->type = type;
		p->len = len;
	}
}

struct sk_buff *rwlan_vendor_reply_alloc(struct wiphy *wiphy, int approxlen)
{
	return cfg80211_vendor_cmd_alloc_reply_skb(wiphy, approxlen);
}

int rwlan_vendor_reply_send(struct sk_buff *skb)
{
	return cfg80211_vendor_cmd_reply(skb);
}

struct sk_buff *rwlan_vendor_event_alloc(struct wiphy *wiphy,
					 struct wireless_dev *wdev,
					 int approxlen, int event_idx)
{
	return cfg80211_vendor_event_alloc(wiphy, wdev, approxlen, event_idx,
					   GFP_KERNEL);
}

void rwlan_vendor_event_send(struct sk_buff *skb)
{
	cfg80211_vendor_event(skb, GFP_KERNEL);
}

const struct nla_policy *rwlan_vendor_raw_data(void)
{
	return VENDOR_CMD_RAW_DATA;
}

struct sk_buff *rwlan_testmode_reply_alloc(struct wiphy *wiphy, int approxlen)
{
#ifdef CONFIG_NL80211_TESTMODE
	return cfg80211_testmode_alloc_reply_skb(wiphy, approxlen);
#else
	return NULL;
#endif
}
