/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for a receive-only net device for captured
 * frames (capture.c).
 */
#ifndef RWLAN_HELPERS_CAPTURE_H
#define RWLAN_HELPERS_CAPTURE_H

#include <linux/types.h>

struct net_device;
struct sk_buff;

/*
 * A receive-only net device for captured frames (a global radiotap
 * monitor): transmit drops, and frames are fed in with their capture
 * header.
 */
struct net_device *rwlan_capture_netdev_create(const char *name_fmt);
void rwlan_capture_netdev_destroy(struct net_device *dev);
bool rwlan_netif_running(const struct net_device *dev);
void rwlan_capture_netdev_rx(struct net_device *dev, const struct sk_buff *frame,
			     const void *hdr, unsigned int hdr_len);
void rwlan_capture_netdev_rx_bytes(struct net_device *dev, const void *hdr,
				   unsigned int hdr_len, const void *frame,
				   unsigned int frame_len);

#endif
