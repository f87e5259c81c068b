/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C API rwlan's shared layer binds to: everything bindgen sees. The
 * kernel's own `bindings` crate covers none of 802.11, USB or genetlink.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/hrtimer.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>
#include <net/genetlink.h>
#include <linux/ieee80211.h>
#include <linux/skbuff.h>
#include <linux/usb.h>
#include <net/cfg80211.h>
#include <net/mac80211.h>

#include "helpers/capture.h"
#include "helpers/debugfs.h"
#include "helpers/deferred.h"
#include "helpers/device.h"
#include "helpers/genetlink.h"
#include "helpers/led.h"
#include "helpers/mac80211.h"
#include "helpers/net.h"
#include "helpers/rx_napi.h"
#include "helpers/skb.h"
#include "helpers/sync.h"
#include "helpers/time.h"
#include "helpers/usb.h"
#include "helpers/vendor.h"
