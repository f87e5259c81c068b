// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: generic netlink families, messages and
 * dumps.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "genetlink.h"

struct module *rwlan_this_module(void)
{
	return THIS_MODULE;
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
