// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving through NAPI. A hardware's port queues its frames; the NAPI
 * context they share takes them from the ports in turn and hands each to
 * its hardware with ieee80211_rx_napi. One context (and, threaded, one
 * kernel thread) serves any number of hardwares, so a frame that many
 * radios hear wakes one poll, and each hardware's frames reach mac80211
 * from one poll at a time, as mac80211 requires. mac80211 forbids mixing
 * ieee80211_rx_napi with ieee80211_rx_irqsafe on one hardware, so a
 * hardware with a port takes every frame through it.
 *
 * A port is open only while its hardware is started: mac80211 warns of
 * frames handed to a stopped hardware, so closing drops what waits and
 * waits for a running poll, and frames arriving closed are dropped.
 */
#include <linux/bottom_half.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/mac80211.h>

#include "rx_napi.h"

/*
 * Frames that may wait in one port, and in all the ports of a context.
 * mac80211's own queue for ieee80211_rx_irqsafe has no bound, but there
 * the senders' softirqs do the receiving and so slow down with it; the
 * poll thread does not slow anyone down, so a sender faster than the
 * receiver (fifty beaconing radios on a slow guest) would fill memory.
 * A receiver that falls behind drops, as a radio whose FIFO overflows.
 */
#define RWLAN_RX_PORT_MAX_QUEUED 1024
#define RWLAN_RX_NAPI_MAX_QUEUED 8192

struct rwlan_rx_napi {
	struct napi_struct napi;
	/* Guards ready and every port's queue, ready entry and open. */
	spinlock_t lock;
	/* Ports with frames waiting. */
	struct list_head ready;
	/* Frames waiting in all ports. */
	unsigned int queued;
	/* Serialises the disable-enable that waits out a running poll. */
	struct mutex sync;
	/* Unregistered; only the NAPI context hangs off it. */
	struct net_device *dev;
};

struct rwlan_rx_port {
	struct rwlan_rx_napi *rx;
	struct ieee80211_hw *hw;
	struct sk_buff_head queue;
	/* In rx->ready while frames wait, else empty. */
	struct list_head ready;
	bool open;
};

static int rwlan_rx_napi_poll(struct napi_struct *napi, int budget)
{
	struct rwlan_rx_napi *rx = container_of(napi, struct rwlan_rx_napi, napi);
	struct rwlan_rx_port *port;
	struct sk_buff *skb;
	int done = 0;

	while (done < budget) {
		spin_lock_irq(&rx->lock);
		port = list_first_entry_or_null(&rx->ready, struct rwlan_rx_port,
						ready);
		if (!port) {
			spin_unlock_irq(&rx->lock);
			break;
		}
		skb = __skb_dequeue(&port->queue);
		rx->queued--;
		/* Ports take turns, a frame each. */
		if (skb_queue_empty(&port->queue))
			list_del_init(&port->ready);
		else
			list_move_tail(&port->ready, &rx->ready);
		spin_unlock_irq(&rx->lock);
		/* Closing the port waits for this poll to end. */
		ieee80211_rx_napi(port->hw, NULL, skb, napi);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/* Bottom halves off, so a poll in softirq mode runs when they come back on. */
static void rwlan_rx_napi_kick(struct rwlan_rx_napi *rx)
{
	if (in_hardirq() || irqs_disabled()) {
		napi_schedule(&rx->napi);
		return;
	}
	local_bh_disable();
	napi_schedule(&rx->napi);
	local_bh_enable();
}

struct rwlan_rx_napi *rwlan_rx_napi_new(const char *name, bool threaded)
{
	struct rwlan_rx_napi *rx = kzalloc(sizeof(*rx), GFP_KERNEL);

	if (!rx)
		return NULL;
	rx->dev = alloc_netdev_dummy(0);
	if (!rx->dev) {
		kfree(rx);
		return NULL;
	}
	/* Names the thread, napi/NAME-ID. */
	strscpy(rx->dev->name, name, sizeof(rx->dev->name));
	spin_lock_init(&rx->lock);
	INIT_LIST_HEAD(&rx->ready);
	mutex_init(&rx->sync);
	netif_napi_add(rx->dev, &rx->napi, rwlan_rx_napi_poll);
	if (threaded && dev_set_threaded(rx->dev, true))
		pr_warn("%s: no NAPI thread, receiving in softirq context\n",
			name);
	napi_enable(&rx->napi);
	return rx;
}

/* No port is left: each holds the context. */
void rwlan_rx_napi_free(struct rwlan_rx_napi *rx)
{
	napi_disable(&rx->napi);
	netif_napi_del(&rx->napi);
	free_netdev(rx->dev);
	mutex_destroy(&rx->sync);
	kfree(rx);
}

struct rwlan_rx_port *rwlan_rx_port_new(struct rwlan_rx_napi *rx,
					struct ieee80211_hw *hw)
{
	struct rwlan_rx_port *port = kzalloc(sizeof(*port), GFP_KERNEL);

	if (!port)
		return NULL;
	port->rx = rx;
	port->hw = hw;
	__skb_queue_head_init(&port->queue);
	INIT_LIST_HEAD(&port->ready);
	return port;
}

void rwlan_rx_port_free(struct rwlan_rx_port *port)
{
	rwlan_rx_port_set_open(port, false);
	kfree(port);
}

void rwlan_rx_port_set_open(struct rwlan_rx_port *port, bool open)
{
	struct rwlan_rx_napi *rx = port->rx;
	struct sk_buff_head dropped;

	__skb_queue_head_init(&dropped);
	spin_lock_irq(&rx->lock);
	port->open = open;
	if (!open) {
		list_del_init(&port->ready);
		rx->queued -= skb_queue_len(&port->queue);
		skb_queue_splice_init(&port->queue, &dropped);
	}
	spin_unlock_irq(&rx->lock);
	if (open)
		return;
	__skb_queue_purge(&dropped);
	/*
	 * A poll may have taken one of the port's frames and be handing it
	 * over: wait for it to end. Frames of other ports queued meanwhile
	 * could not schedule the poll, so schedule it again.
	 */
	mutex_lock(&rx->sync);
	napi_disable(&rx->napi);
	napi_enable(&rx->napi);
	mutex_unlock(&rx->sync);
	rwlan_rx_napi_kick(rx);
}

void rwlan_rx_port_queue(struct rwlan_rx_port *port, struct sk_buff *skb)
{
	struct rwlan_rx_napi *rx = port->rx;
	unsigned long flags;
	bool queued = false;

	spin_lock_irqsave(&rx->lock, flags);
	if (port->open && skb_queue_len(&port->queue) < RWLAN_RX_PORT_MAX_QUEUED &&
	    rx->queued < RWLAN_RX_NAPI_MAX_QUEUED) {
		__skb_queue_tail(&port->queue, skb);
		rx->queued++;
		if (list_empty(&port->ready))
			list_add_tail(&port->ready, &rx->ready);
		queued = true;
	}
	spin_unlock_irqrestore(&rx->lock, flags);
	if (!queued) {
		dev_kfree_skb_any(skb);
		return;
	}
	rwlan_rx_napi_kick(rx);
}
