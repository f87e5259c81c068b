// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: the USB core for drivers of real
 * dongles.
 */

#include <linux/usb.h>

#include "usb.h"

int rwlan_usb_register(struct usb_driver *drv)
{
	return usb_register(drv);
}

void *rwlan_usb_get_intfdata(struct usb_interface *intf)
{
	return usb_get_intfdata(intf);
}

void rwlan_usb_set_intfdata(struct usb_interface *intf, void *data)
{
	usb_set_intfdata(intf, data);
}

struct usb_device *rwlan_interface_to_usbdev(struct usb_interface *intf)
{
	return interface_to_usbdev(intf);
}

struct device *rwlan_usb_interface_dev(struct usb_interface *intf)
{
	return &intf->dev;
}

u16 rwlan_usb_product_id(struct usb_device *udev)
{
	return le16_to_cpu(udev->descriptor.idProduct);
}

void rwlan_init_usb_anchor(struct usb_anchor *anchor)
{
	init_usb_anchor(anchor);
}

void rwlan_usb_fill_bulk_urb(struct urb *urb, struct usb_device *udev,
			     u8 endpoint, bool in, void *buf, int len,
			     void (*complete)(struct urb *), void *context)
{
	unsigned int pipe = in ? usb_rcvbulkpipe(udev, endpoint) :
				 usb_sndbulkpipe(udev, endpoint);

	usb_fill_bulk_urb(urb, udev, pipe, buf, len, complete, context);
}

int rwlan_usb_clear_bulk_in_halt(struct usb_device *udev, u8 endpoint)
{
	return usb_clear_halt(udev, usb_rcvbulkpipe(udev, endpoint));
}

void rwlan_usb_fill_vendor_read_urb(struct urb *urb, struct usb_device *udev,
				    struct usb_ctrlrequest *setup, u8 request,
				    u16 value, u16 index, void *buf, u16 len,
				    void (*complete)(struct urb *), void *context)
{
	setup->bRequestType = USB_DIR_IN | USB_TYPE_VENDOR | USB_RECIP_DEVICE;
	setup->bRequest = request;
	setup->wValue = cpu_to_le16(value);
	setup->wIndex = cpu_to_le16(index);
	setup->wLength = cpu_to_le16(len);
	usb_fill_control_urb(urb, udev, usb_rcvctrlpipe(udev, 0),
			     (unsigned char *)setup, buf, len, complete, context);
}
