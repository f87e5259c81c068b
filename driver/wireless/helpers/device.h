/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for driver-model glue: platform drivers and
 * class devices (device.c).
 */
#ifndef RWLAN_HELPERS_DEVICE_H
#define RWLAN_HELPERS_DEVICE_H

#include <linux/types.h>

struct class;
struct device;
struct device_driver;
struct platform_driver;

int rwlan_platform_driver_register(struct platform_driver *drv);
struct device *rwlan_device_create(struct class *cls, void *drvdata,
				   const char *name);
int rwlan_device_bind(struct device *dev, struct device_driver *drv);

#endif
