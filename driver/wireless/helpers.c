// SPDX-License-Identifier: GPL-2.0
/* Out-of-line copies of static inline C functions for the Rust layer. */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/ieee80211.h>
#include <linux/if_arp.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/netfilter.h>
#include <linux/platform_device.h>
#include <linux/skbuff.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/dst.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/mac80211.h>

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

void rwlan_skb_free_any(struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
}

void rwlan_skb_release_source(struct sk_buff *skb)
{
	skb_orphan(skb);
	skb_dst_drop(skb);
	skb->mark = 0;
	skb_ext_reset(skb);
	nf_reset_ct(skb);
}

struct sk_buff *rwlan_skb_copy_atomic(const struct sk_buff *skb)
{
	return skb_copy(skb, GFP_ATOMIC);
}

struct sk_buff *rwlan_skb_clone_atomic(struct sk_buff *skb)
{
	return skb_clone(skb, GFP_ATOMIC);
}

int rwlan_skb_linearize(struct sk_buff *skb)
{
	return skb_linearize(skb);
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

u64 rwlan_ktime_get_real_us(void)
{
	return ktime_to_us(ktime_get_real());
}

u64 rwlan_ktime_get_boottime_ns(void)
{
	return ktime_get_boottime_ns();
}

void rwlan_hrtimer_init_soft(struct hrtimer *timer,
			     enum hrtimer_restart (*function)(struct hrtimer *))
{
	hrtimer_init(timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	timer->function = function;
}

void rwlan_hrtimer_forward_now(struct hrtimer *timer, u64 ns)
{
	hrtimer_forward_now(timer, ns_to_ktime(ns));
}

bool rwlan_hrtimer_is_queued(struct hrtimer *timer)
{
	return hrtimer_is_queued(timer);
}

void rwlan_init_delayed_work(struct delayed_work *dwork,
			     void (*fn)(struct work_struct *))
{
	INIT_DELAYED_WORK(dwork, fn);
}

/* On the system workqueue; a disabled work is not queued. */
bool rwlan_schedule_delayed_work(struct delayed_work *dwork, unsigned int ms)
{
	return schedule_delayed_work(dwork, msecs_to_jiffies(ms));
}

void rwlan_gate_init(struct rwlan_gate *gate)
{
	spin_lock_init(&gate->lock);
	gate->open = false;
}

void rwlan_gate_set(struct rwlan_gate *gate, bool open)
{
	unsigned long flags;

	spin_lock_irqsave(&gate->lock, flags);
	gate->open = open;
	spin_unlock_irqrestore(&gate->lock, flags);
}

bool rwlan_gate_is_open(struct rwlan_gate *gate)
{
	return READ_ONCE(gate->open);
}

/* Arming under the lock: a close that follows sees the timer queued. */
bool rwlan_gate_timer_start(struct rwlan_gate *gate, struct hrtimer *timer,
			    u64 ns)
{
	unsigned long flags;
	bool open;

	spin_lock_irqsave(&gate->lock, flags);
	open = gate->open;
	if (open)
		hrtimer_start(timer, ns_to_ktime(ns), HRTIMER_MODE_REL_SOFT);
	spin_unlock_irqrestore(&gate->lock, flags);
	return open;
}

bool rwlan_gate_queue_work(struct rwlan_gate *gate, struct ieee80211_hw *hw,
			   struct delayed_work *dwork, unsigned int ms)
{
	unsigned long flags;
	bool open;

	spin_lock_irqsave(&gate->lock, flags);
	open = gate->open;
	if (open)
		ieee80211_queue_delayed_work(hw, dwork, msecs_to_jiffies(ms));
	spin_unlock_irqrestore(&gate->lock, flags);
	return open;
}

int rwlan_platform_driver_register(struct platform_driver *drv)
{
	return platform_driver_register(drv);
}

struct device *rwlan_device_create(struct class *cls, void *drvdata,
				   const char *name)
{
	return device_create(cls, NULL, 0, drvdata, "%s", name);
}

int rwlan_device_bind(struct device *dev, struct device_driver *drv)
{
	dev->driver = drv;
	return device_bind_driver(dev);
}

void rwlan_local_bh_disable(void)
{
	local_bh_disable();
}

void rwlan_local_bh_enable(void)
{
	local_bh_enable();
}

static int rwlan_attr_get(void *data, u64 *val)
{
	struct rwlan_debugfs_attr *attr = data;

	return attr->get(attr->target, val);
}

static int rwlan_attr_set(void *data, u64 val)
{
	struct rwlan_debugfs_attr *attr = data;

	return attr->set(attr->target, val);
}

static int rwlan_attr_open(struct inode *inode, struct file *file)
{
	struct rwlan_debugfs_attr *attr = inode->i_private;

	return simple_attr_open(inode, file, attr->get ? rwlan_attr_get : NULL,
				attr->set ? rwlan_attr_set : NULL, attr->fmt);
}

static const struct file_operations rwlan_attr_fops = {
	.owner = THIS_MODULE,
	.open = rwlan_attr_open,
	.release = simple_attr_release,
	.read = debugfs_attr_read,
	.write = debugfs_attr_write,
};

struct dentry *rwlan_debugfs_create_attr(const char *name, umode_t mode,
					 struct dentry *parent,
					 struct rwlan_debugfs_attr *attr)
{
	return debugfs_create_file_unsafe(name, mode, parent, attr,
					  &rwlan_attr_fops);
}

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

struct module *rwlan_this_module(void)
{
	return THIS_MODULE;
}

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

struct sk_buff *rwlan_genlmsg_new(void)
{
	return genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
}

void *rwlan_genlmsg_put_reply(struct sk_buff *skb, struct genl_info *info,
			      const struct genl_family *family, u8 cmd)
{
	return genlmsg_put(skb, info->snd_portid, info->snd_seq, family, 0, cmd);
}

void *rwlan_genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq,
			const struct genl_family *family, int flags, u8 cmd)
{
	return genlmsg_put(skb, portid, seq, family, flags, cmd);
}

void rwlan_genlmsg_end(struct sk_buff *skb, void *hdr)
{
	genlmsg_end(skb, hdr);
}

void rwlan_genlmsg_cancel(struct sk_buff *skb, void *hdr)
{
	genlmsg_cancel(skb, hdr);
}

int rwlan_genlmsg_reply(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_reply(skb, info);
}

void rwlan_genlmsg_multicast(const struct genl_family *family, struct net *net,
			     struct sk_buff *skb, unsigned int group)
{
	genlmsg_multicast_netns(family, net, skb, 0, group, GFP_KERNEL);
}

void rwlan_genl_notify(struct genl_info *info, struct sk_buff *skb,
		       unsigned int group)
{
	genl_notify(info->family, skb, info, group, GFP_KERNEL);
}

void rwlan_nlmsg_free(struct sk_buff *skb)
{
	nlmsg_free(skb);
}

struct net *rwlan_genl_info_net(const struct genl_info *info)
{
	return genl_info_net(info);
}

const struct genl_family *rwlan_genl_dump_family(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->info.family;
}

u32 rwlan_genl_dump_portid(struct netlink_callback *cb)
{
	return NETLINK_CB(cb->skb).portid;
}

u32 rwlan_genl_dump_seq(struct netlink_callback *cb)
{
	return cb->nlh->nlmsg_seq;
}

struct net *rwlan_genl_dump_net(struct sk_buff *skb)
{
	return sock_net(skb->sk);
}

void rwlan_genl_set_err_msg(struct genl_info *info, const char *msg)
{
	/* GENL_SET_ERR_MSG wants a literal; this is what it stores. */
	if (info->extack)
		info->extack->_msg = msg;
}

struct net *rwlan_wiphy_net(struct wiphy *wiphy)
{
	return wiphy_net(wiphy);
}

void rwlan_wiphy_net_set(struct wiphy *wiphy, struct net *net)
{
	wiphy_net_set(wiphy, net);
}

struct net *rwlan_init_net(void)
{
	return &init_net;
}

/* Network namespaces. */
u64 rwlan_net_cookie(const struct net *net)
{
	return net->net_cookie;
}

struct net *rwlan_maybe_get_net(struct net *net)
{
	return maybe_get_net(net);
}

void rwlan_get_net(struct net *net)
{
	get_net(net);
}

void rwlan_put_net(struct net *net)
{
	put_net(net);
}

/*
 * Pernet methods get no context but the namespace, so each module has one
 * exit handler, kept here. It is set before the operations are registered
 * and cleared after they are unregistered: no exit method runs then.
 */
static DEFINE_MUTEX(rwlan_pernet_lock);
static void (*rwlan_pernet_exit_fn)(void *data, struct net *net);
static void *rwlan_pernet_data;

static void rwlan_pernet_exit(struct net *net)
{
	rwlan_pernet_exit_fn(rwlan_pernet_data, net);
}

static struct pernet_operations rwlan_pernet_ops = {
	.exit = rwlan_pernet_exit,
};

int rwlan_pernet_device_register(void (*exit)(void *data, struct net *net),
				 void *data)
{
	int err = -EBUSY;

	mutex_lock(&rwlan_pernet_lock);
	if (!rwlan_pernet_exit_fn) {
		rwlan_pernet_exit_fn = exit;
		rwlan_pernet_data = data;
		err = register_pernet_device(&rwlan_pernet_ops);
		if (err) {
			rwlan_pernet_exit_fn = NULL;
			rwlan_pernet_data = NULL;
		}
	}
	mutex_unlock(&rwlan_pernet_lock);
	return err;
}

void rwlan_pernet_device_unregister(void)
{
	mutex_lock(&rwlan_pernet_lock);
	if (rwlan_pernet_exit_fn) {
		unregister_pernet_device(&rwlan_pernet_ops);
		rwlan_pernet_exit_fn = NULL;
		rwlan_pernet_data = NULL;
	}
	mutex_unlock(&rwlan_pernet_lock);
}

struct sk_buff *rwlan_genlmsg_new_atomic(void)
{
	return genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
}

int rwlan_genlmsg_unicast(struct net *net, struct sk_buff *skb, u32 portid)
{
	return genlmsg_unicast(net, skb, portid);
}

bool rwlan_netlink_notify_generic_release(unsigned long event, void *ptr,
					  struct net **net, u32 *portid)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return false;
	*net = n->net;
	*portid = n->portid;
	return true;
}

struct sk_buff *rwlan_skb_from_data(const void *data, unsigned int len,
				    bool atomic)
{
	struct sk_buff *skb = alloc_skb(len, atomic ? GFP_ATOMIC : GFP_KERNEL);

	if (skb)
		skb_put_data(skb, data, len);
	return skb;
}

/* USB drivers of real hardware: a concern of their own. */
#include "dongle_helpers.c"
