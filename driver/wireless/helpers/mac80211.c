// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: mac80211 hardware, wiphys and the
 * frames mac80211 hands over.
 */

#include <linux/ieee80211.h>
#include <linux/overflow.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/cfg80211.h>
#include <net/mac80211.h>

#include "mac80211.h"

bool rwlan_ieee80211_is_beacon(__le16 fc)
{
	return ieee80211_is_beacon(fc);
}

bool rwlan_ieee80211_is_data(__le16 fc)
{
	return ieee80211_is_data(fc);
}

bool rwlan_ieee80211_is_mgmt(__le16 fc)
{
	return ieee80211_is_mgmt(fc);
}

bool rwlan_ieee80211_is_probe_resp(__le16 fc)
{
	return ieee80211_is_probe_resp(fc);
}

struct ieee80211_tx_info *rwlan_skb_tx_info(struct sk_buff *skb)
{
	return IEEE80211_SKB_CB(skb);
}

struct ieee80211_rx_status *rwlan_skb_rx_status(struct sk_buff *skb)
{
	return IEEE80211_SKB_RXCB(skb);
}

void rwlan_hw_set_flag(struct ieee80211_hw *hw, unsigned int flag)
{
	_ieee80211_hw_set(hw, flag);
}

void rwlan_hw_set_dev(struct ieee80211_hw *hw, struct device *dev)
{
	SET_IEEE80211_DEV(hw, dev);
}

void rwlan_wiphy_ext_feature_set(struct wiphy *wiphy, unsigned int feature)
{
	wiphy_ext_feature_set(wiphy, feature);
}

const char *rwlan_wiphy_name(struct wiphy *wiphy)
{
	return wiphy_name(wiphy);
}

void rwlan_tx_info_clear_status(struct ieee80211_tx_info *info)
{
	ieee80211_tx_info_clear_status(info);
}

struct net *rwlan_wiphy_net(struct wiphy *wiphy)
{
	return wiphy_net(wiphy);
}

void rwlan_wiphy_net_set(struct wiphy *wiphy, struct net *net)
{
	wiphy_net_set(wiphy, net);
}

void rwlan_wiphy_rfkill_stop_polling(struct wiphy *wiphy)
{
	wiphy_rfkill_stop_polling(wiphy);
}

/*
 * The name of one of mac80211's LED triggers for a hardware (enum
 * rwlan_led_trigger), or NULL without CONFIG_MAC80211_LEDS.
 */
const char *rwlan_hw_led_trigger_name(struct ieee80211_hw *hw,
				      enum rwlan_led_trigger which)
{
	switch (which) {
	case RWLAN_LED_TRIGGER_RADIO:
		return ieee80211_get_radio_led_name(hw);
	case RWLAN_LED_TRIGGER_ASSOC:
		return ieee80211_get_assoc_led_name(hw);
	case RWLAN_LED_TRIGGER_TX:
		return ieee80211_get_tx_led_name(hw);
	case RWLAN_LED_TRIGGER_RX:
		return ieee80211_get_rx_led_name(hw);
	}
	return NULL;
}

/*
 * A regulatory domain has its rules in a flexible array, which Rust cannot
 * lay out: build it here from the caller's rules. cfg80211 copies it.
 */
int rwlan_wiphy_apply_custom_regulatory(struct wiphy *wiphy, const u8 *alpha2,
					const struct ieee80211_reg_rule *rules,
					u32 n_rules)
{
	struct ieee80211_regdomain *rd;

	rd = kzalloc(struct_size(rd, reg_rules, n_rules), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;
	rd->n_reg_rules = n_rules;
	rd->alpha2[0] = alpha2[0];
	rd->alpha2[1] = alpha2[1];
	memcpy(rd->reg_rules, rules, flex_array_size(rd, reg_rules, n_rules));
	wiphy->regulatory_flags |= REGULATORY_CUSTOM_REG;
	wiphy_apply_custom_regulatory(wiphy, rd);
	kfree(rd);
	return 0;
}
