/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Rust layer's C helpers for LED class devices (led.c).
 */
#ifndef RWLAN_HELPERS_LED_H
#define RWLAN_HELPERS_LED_H

#include <linux/leds.h>

struct device;

int rwlan_led_register(struct device *parent, struct led_classdev *cdev,
		       const char *name, const char *default_trigger,
		       int (*set)(struct led_classdev *, enum led_brightness));
void rwlan_led_unregister(struct led_classdev *cdev);

#endif
