// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line C for the Rust layer: LED class devices. Only the blocking
 * brightness callback is set, so the LED core always calls it from process
 * context (its own work when the request came from atomic context).
 */

#include <linux/errno.h>
#include <linux/leds.h>

#include "led.h"

int rwlan_led_register(struct device *parent, struct led_classdev *cdev,
		       const char *name, const char *default_trigger,
		       int (*set)(struct led_classdev *, enum led_brightness))
{
#if IS_REACHABLE(CONFIG_LEDS_CLASS)
	cdev->name = name;
	cdev->default_trigger = default_trigger;
	cdev->brightness_set_blocking = set;
	return led_classdev_register(parent, cdev);
#else
	return -EOPNOTSUPP;
#endif
}

void rwlan_led_unregister(struct led_classdev *cdev)
{
#if IS_REACHABLE(CONFIG_LEDS_CLASS)
	led_classdev_unregister(cdev);
#endif
}
