// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: network namespaces: identity,
 * references and per-namespace exit.
 */

#include <linux/mutex.h>
#include <net/net_namespace.h>

#include "net.h"

struct net *rwlan_init_net(void)
{
	return &init_net;
}

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
