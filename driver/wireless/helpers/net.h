/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for network namespaces: identity, references
 * and per-namespace exit (net.c).
 */
#ifndef RWLAN_HELPERS_NET_H
#define RWLAN_HELPERS_NET_H

#include <linux/types.h>

struct net;

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

#endif
