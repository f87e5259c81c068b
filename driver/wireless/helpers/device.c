// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: driver-model glue: platform drivers
 * and class devices.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/platform_device.h>

#include "device.h"

int rwlan_platform_driver_register(struct platform_driver *drv)
{
	return platform_driver_register(drv);
}

struct device *rwlan_device_create(struct class *cls, void *drvdata,
				   const char *name)
{
	return device_create(cls, NULL, 0, drvdata, "%s", name);
}

int rwlan_device_bind(struct device *dev, struct device_driver *drv)
{
	dev->driver = drv;
	return device_bind_driver(dev);
}
