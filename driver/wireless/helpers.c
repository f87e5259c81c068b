// SPDX-License-Identifier: GPL-2.0
/* Out-of-line copies of static inline C functions for the Rust layer. */

#include <linux/ieee80211.h>

#include "helpers.h"

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
