// SPDX-License-Identifier: GPL-2.0
/*
 * The layer's C helpers as one module links them: the core, and the
 * optional parts its Kbuild line names (RWLAN_PART_<part>, the same parts
 * its Rust is compiled with). Each module links its own copy, so
 * THIS_MODULE in there is the module's own.
 */
#include "debugfs.c"
#include "deferred.c"
#include "device.c"
#include "mac80211.c"
#include "net.c"
#include "rx_napi.c"
#include "skb.c"
#include "sync.c"
#include "time.c"
#include "vendor.c"

#ifdef RWLAN_PART_capture
#include "capture.c"
#endif
#ifdef RWLAN_PART_genetlink
#include "genetlink.c"
#endif
#ifdef RWLAN_PART_led
#include "led.c"
#endif
#ifdef RWLAN_PART_usb
#include "usb.c"
#endif
