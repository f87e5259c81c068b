/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for the USB core for drivers of real dongles
 * (usb.c).
 */
#ifndef RWLAN_HELPERS_USB_H
#define RWLAN_HELPERS_USB_H

#include <linux/types.h>

struct device;
struct urb;
struct usb_anchor;
struct usb_ctrlrequest;
struct usb_device;
struct usb_driver;
struct usb_interface;

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

#endif
