// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: a receive-only net device for captured
 * frames.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/dst.h>

#include "capture.h"

static netdev_tx_t rwlan_capture_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops rwlan_capture_netdev_ops = {
	.ndo_start_xmit = rwlan_capture_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void rwlan_capture_setup(struct net_device *dev)
{
	u8 addr[ETH_ALEN] = { 0x12 };

	dev->netdev_ops = &rwlan_capture_netdev_ops;
	ether_setup(dev);
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->type = ARPHRD_IEEE80211_RADIOTAP;
	eth_hw_addr_set(dev, addr);
}

struct net_device *rwlan_capture_netdev_create(const char *name_fmt)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(0, name_fmt, NET_NAME_UNKNOWN, rwlan_capture_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return dev;
}

void rwlan_capture_netdev_destroy(struct net_device *dev)
{
	unregister_netdev(dev);
	free_netdev(dev);
}

bool rwlan_netif_running(const struct net_device *dev)
{
	return netif_running(dev);
}

static void rwlan_capture_deliver(struct net_device *dev, struct sk_buff *skb)
{
	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->pkt_type = PACKET_OTHERHOST;
	skb->protocol = htons(ETH_P_802_2);
	memset(skb->cb, 0, sizeof(skb->cb));
	netif_rx(skb);
}

void rwlan_capture_netdev_rx(struct net_device *dev, const struct sk_buff *frame,
			     const void *hdr, unsigned int hdr_len)
{
	struct sk_buff *skb = skb_copy_expand(frame, hdr_len, 0, GFP_ATOMIC);

	if (!skb)
		return;
	memcpy(skb_push(skb, hdr_len), hdr, hdr_len);
	rwlan_capture_deliver(dev, skb);
}

void rwlan_capture_netdev_rx_bytes(struct net_device *dev, const void *hdr,
				   unsigned int hdr_len, const void *frame,
				   unsigned int frame_len)
{
	struct sk_buff *skb = dev_alloc_skb(hdr_len + frame_len);

	if (!skb)
		return;
	skb_put_data(skb, hdr, hdr_len);
	skb_put_data(skb, frame, frame_len);
	rwlan_capture_deliver(dev, skb);
}
