/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Out-of-line wrappers (see helpers.h for why) for what a driver of real
 * hardware on USB needs beyond the virtual radios: the USB core's inline
 * functions and macros, delays, RCU read sections and rfkill polling.
 */
#ifndef RWLAN_DONGLE_HELPERS_H
#define RWLAN_DONGLE_HELPERS_H

#include <linux/types.h>

struct sk_buff;
struct sk_buff_head;
struct urb;
struct usb_ctrlrequest;
struct usb_anchor;
struct usb_device;
struct usb_driver;
struct usb_interface;
struct device;
struct wiphy;

int rwlan_usb_register(struct usb_driver *drv);
void *rwlan_usb_get_intfdata(struct usb_interface *intf);
void rwlan_usb_set_intfdata(struct usb_interface *intf, void *data);
struct usb_device *rwlan_interface_to_usbdev(struct usb_interface *intf);
struct device *rwlan_usb_interface_dev(struct usb_interface *intf);
u16 rwlan_usb_product_id(struct usb_device *udev);
void rwlan_init_usb_anchor(struct usb_anchor *anchor);
void rwlan_usb_fill_bulk_urb(struct urb *urb, struct usb_device *udev,
			     u8 endpoint, bool in, void *buf, int len,
			     void (*complete)(struct urb *), void *context);
int rwlan_usb_clear_bulk_in_halt(struct usb_device *udev, u8 endpoint);
void rwlan_usb_fill_vendor_read_urb(struct urb *urb, struct usb_device *udev,
				    struct usb_ctrlrequest *setup, u8 request,
				    u16 value, u16 index, void *buf, u16 len,
				    void (*complete)(struct urb *), void *context);

void rwlan_skb_queue_head_init(struct sk_buff_head *list);
u32 rwlan_skb_queue_len(const struct sk_buff_head *list);
void rwlan_skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *rwlan_skb_dequeue(struct sk_buff_head *list);

void rwlan_udelay(unsigned long usecs);
void rwlan_rcu_read_lock(void);
void rwlan_rcu_read_unlock(void);
void rwlan_wiphy_rfkill_stop_polling(struct wiphy *wiphy);

#endif
