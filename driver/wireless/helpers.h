/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-line wrappers for static inline C functions and macros, which
 * bindgen cannot bind. Each module links its own copy of helpers.c (see
 * <module>/wireless_helpers.c), so THIS_MODULE in there is the module's own.
 */
#ifndef RWLAN_HELPERS_H
#define RWLAN_HELPERS_H

#include <linux/hrtimer.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

struct device;
struct device_driver;
struct class;
struct hrtimer;
struct ieee80211_hw;
struct ieee80211_rx_status;
struct ieee80211_tx_info;
struct platform_driver;
struct sk_buff;
struct wiphy;

bool rwlan_ieee80211_is_beacon(__le16 fc);
bool rwlan_ieee80211_is_data(__le16 fc);
bool rwlan_ieee80211_is_mgmt(__le16 fc);
bool rwlan_ieee80211_is_probe_resp(__le16 fc);

/* Socket buffers. */
struct ieee80211_tx_info *rwlan_skb_tx_info(struct sk_buff *skb);
struct ieee80211_rx_status *rwlan_skb_rx_status(struct sk_buff *skb);
void rwlan_skb_free_any(struct sk_buff *skb);
void rwlan_skb_release_source(struct sk_buff *skb);
struct sk_buff *rwlan_skb_copy_atomic(const struct sk_buff *skb);
struct sk_buff *rwlan_skb_clone_atomic(struct sk_buff *skb);
int rwlan_skb_linearize(struct sk_buff *skb);

/* mac80211 hardware description. */
void rwlan_hw_set_flag(struct ieee80211_hw *hw, unsigned int flag);
void rwlan_hw_set_dev(struct ieee80211_hw *hw, struct device *dev);
void rwlan_wiphy_ext_feature_set(struct wiphy *wiphy, unsigned int feature);
const char *rwlan_wiphy_name(struct wiphy *wiphy);
void rwlan_tx_info_clear_status(struct ieee80211_tx_info *info);

/* Time. */
u64 rwlan_ktime_get_real_us(void);
u64 rwlan_ktime_get_boottime_ns(void);

/* High-resolution timers in soft-interrupt mode. */
void rwlan_hrtimer_init_soft(struct hrtimer *timer,
			     enum hrtimer_restart (*function)(struct hrtimer *));
void rwlan_hrtimer_forward_now(struct hrtimer *timer, u64 ns);
bool rwlan_hrtimer_is_queued(struct hrtimer *timer);

/* Delayed work items (process context). */
struct delayed_work;
struct work_struct;
void rwlan_init_delayed_work(struct delayed_work *dwork,
			     void (*fn)(struct work_struct *));
bool rwlan_schedule_delayed_work(struct delayed_work *dwork, unsigned int ms);

/*
 * The gate of a hardware's timer and delayed work: either can be armed only
 * while the gate is open (from start to stop), so closing it and then
 * cancelling both leaves nothing that could fire after mac80211's workqueue
 * is gone.
 */
struct rwlan_gate {
	spinlock_t lock;
	bool open;
};
void rwlan_gate_init(struct rwlan_gate *gate);
void rwlan_gate_set(struct rwlan_gate *gate, bool open);
bool rwlan_gate_is_open(struct rwlan_gate *gate);
bool rwlan_gate_timer_start(struct rwlan_gate *gate, struct hrtimer *timer,
			    u64 ns);
bool rwlan_gate_queue_work(struct rwlan_gate *gate, struct ieee80211_hw *hw,
			   struct delayed_work *dwork, unsigned int ms);

/* Driver-model glue. */
int rwlan_platform_driver_register(struct platform_driver *drv);
struct device *rwlan_device_create(struct class *cls, void *drvdata,
				   const char *name);
int rwlan_device_bind(struct device *dev, struct device_driver *drv);

/*
 * debugfs files holding one number, like DEFINE_DEBUGFS_ATTRIBUTE, with the
 * accessors and format in the file's data rather than in its fops.
 */
struct rwlan_debugfs_attr {
	void *target;
	int (*get)(void *target, u64 *val);
	int (*set)(void *target, u64 val);
	const char *fmt;
};
struct dentry *rwlan_debugfs_create_attr(const char *name, umode_t mode,
					 struct dentry *parent,
					 struct rwlan_debugfs_attr *attr);

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

/* Generic netlink. */
struct genl_family;
struct genl_info;
struct netlink_callback;
struct nla_policy;
struct net;
struct module *rwlan_this_module(void);
void rwlan_nla_policy_set(struct nla_policy *p, u8 type, u16 len,
			  bool exact_len);
struct sk_buff *rwlan_genlmsg_new(void);
void *rwlan_genlmsg_put_reply(struct sk_buff *skb, struct genl_info *info,
			      const struct genl_family *family, u8 cmd);
void *rwlan_genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq,
			const struct genl_family *family, int flags, u8 cmd);
void rwlan_genlmsg_end(struct sk_buff *skb, void *hdr);
void rwlan_genlmsg_cancel(struct sk_buff *skb, void *hdr);
int rwlan_genlmsg_reply(struct sk_buff *skb, struct genl_info *info);
void rwlan_genlmsg_multicast(const struct genl_family *family, struct net *net,
			     struct sk_buff *skb, unsigned int group);
void rwlan_nlmsg_free(struct sk_buff *skb);
void rwlan_genl_notify(struct genl_info *info, struct sk_buff *skb,
		       unsigned int group);
struct net *rwlan_genl_info_net(const struct genl_info *info);
const struct genl_family *rwlan_genl_dump_family(struct netlink_callback *cb);
u32 rwlan_genl_dump_portid(struct netlink_callback *cb);
u32 rwlan_genl_dump_seq(struct netlink_callback *cb);
struct net *rwlan_genl_dump_net(struct sk_buff *skb);
void rwlan_genl_set_err_msg(struct genl_info *info, const char *msg);
struct net *rwlan_wiphy_net(struct wiphy *wiphy);
void rwlan_wiphy_net_set(struct wiphy *wiphy, struct net *net);
struct net *rwlan_init_net(void);
/* Network namespaces: identity, references, and one exit handler per module
 * (-EBUSY for a second) that runs before cfg80211's. */
u64 rwlan_net_cookie(const struct net *net);
struct net *rwlan_maybe_get_net(struct net *net);
void rwlan_get_net(struct net *net);
void rwlan_put_net(struct net *net);
int rwlan_pernet_device_register(void (*exit)(void *data, struct net *net),
				 void *data);
void rwlan_pernet_device_unregister(void);
struct sk_buff *rwlan_genlmsg_new_atomic(void);
int rwlan_genlmsg_unicast(struct net *net, struct sk_buff *skb, u32 portid);
/* Whether a netlink notifier event is a generic netlink socket's release. */
bool rwlan_netlink_notify_generic_release(unsigned long event, void *ptr,
					  struct net **net, u32 *portid);
/* A new buffer holding a copy of `len` bytes at `data`. */
struct sk_buff *rwlan_skb_from_data(const void *data, unsigned int len,
				    bool atomic);

/* Bottom halves. */
void rwlan_local_bh_disable(void);
void rwlan_local_bh_enable(void);

#endif
