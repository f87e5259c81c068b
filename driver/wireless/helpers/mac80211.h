/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for mac80211 hardware, wiphys and the frames
 * mac80211 hands over (mac80211.c).
 */
#ifndef RWLAN_HELPERS_MAC80211_H
#define RWLAN_HELPERS_MAC80211_H

#include <linux/types.h>

struct device;
struct ieee80211_hw;
struct ieee80211_reg_rule;
struct ieee80211_rx_status;
struct ieee80211_tx_info;
struct net;
struct sk_buff;
struct wiphy;

bool rwlan_ieee80211_is_beacon(__le16 fc);
bool rwlan_ieee80211_is_data(__le16 fc);
bool rwlan_ieee80211_is_mgmt(__le16 fc);
bool rwlan_ieee80211_is_probe_resp(__le16 fc);

struct ieee80211_tx_info *rwlan_skb_tx_info(struct sk_buff *skb);
struct ieee80211_rx_status *rwlan_skb_rx_status(struct sk_buff *skb);

/* mac80211 hardware description. */
void rwlan_hw_set_flag(struct ieee80211_hw *hw, unsigned int flag);
void rwlan_hw_set_dev(struct ieee80211_hw *hw, struct device *dev);
void rwlan_wiphy_ext_feature_set(struct wiphy *wiphy, unsigned int feature);
const char *rwlan_wiphy_name(struct wiphy *wiphy);
void rwlan_tx_info_clear_status(struct ieee80211_tx_info *info);
struct net *rwlan_wiphy_net(struct wiphy *wiphy);
void rwlan_wiphy_net_set(struct wiphy *wiphy, struct net *net);
void rwlan_wiphy_rfkill_stop_polling(struct wiphy *wiphy);

/* mac80211's LED triggers of a hardware. */
enum rwlan_led_trigger {
	RWLAN_LED_TRIGGER_RADIO,
	RWLAN_LED_TRIGGER_ASSOC,
	RWLAN_LED_TRIGGER_TX,
	RWLAN_LED_TRIGGER_RX,
};
const char *rwlan_hw_led_trigger_name(struct ieee80211_hw *hw,
				      enum rwlan_led_trigger which);
int rwlan_wiphy_apply_custom_regulatory(struct wiphy *wiphy, const u8 *alpha2,
					const struct ieee80211_reg_rule *rules,
					u32 n_rules);

#endif
