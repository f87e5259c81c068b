// SPDX-License-Identifier: GPL-2.0
/* This module's copy of the shared layer's C helpers. */
#include "../wireless/helpers/parts.c"
