/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for generic netlink families, messages and
 * dumps (genetlink.c).
 */
#ifndef RWLAN_HELPERS_GENETLINK_H
#define RWLAN_HELPERS_GENETLINK_H

#include <linux/types.h>

struct genl_family;
struct genl_info;
struct module;
struct net;
struct netlink_callback;
struct sk_buff;

struct module *rwlan_this_module(void);
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
struct sk_buff *rwlan_genlmsg_new_atomic(void);
int rwlan_genlmsg_unicast(struct net *net, struct sk_buff *skb, u32 portid);

bool rwlan_netlink_notify_generic_release(unsigned long event, void *ptr,
					  struct net **net, u32 *portid);

#endif
