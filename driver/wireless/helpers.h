/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-line wrappers for static inline C functions, which bindgen cannot
 * bind. Each module links its own copy of helpers.c (see */wireless_helpers.c).
 */
#ifndef RWLAN_HELPERS_H
#define RWLAN_HELPERS_H

#include <linux/types.h>

bool rwlan_ieee80211_is_beacon(__le16 fc);
bool rwlan_ieee80211_is_data(__le16 fc);
bool rwlan_ieee80211_is_mgmt(__le16 fc);

#endif
