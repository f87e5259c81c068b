/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for receiving through NAPI (rx_napi.c): each
 * hardware's received frames wait in its port, and one NAPI context that
 * several hardwares share hands them to mac80211 with ieee80211_rx_napi,
 * so the network stack merges them (GRO) and takes them in batches.
 */
#ifndef RWLAN_HELPERS_RX_NAPI_H
#define RWLAN_HELPERS_RX_NAPI_H

#include <linux/types.h>

struct ieee80211_hw;
struct rwlan_rx_napi;
struct rwlan_rx_port;
struct sk_buff;

struct rwlan_rx_napi *rwlan_rx_napi_new(const char *name, bool threaded);
void rwlan_rx_napi_free(struct rwlan_rx_napi *rx);

struct rwlan_rx_port *rwlan_rx_port_new(struct rwlan_rx_napi *rx,
					struct ieee80211_hw *hw);
void rwlan_rx_port_free(struct rwlan_rx_port *port);
void rwlan_rx_port_set_open(struct rwlan_rx_port *port, bool open);
void rwlan_rx_port_queue(struct rwlan_rx_port *port, struct sk_buff *skb);

#endif
