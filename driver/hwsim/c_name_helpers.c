// SPDX-License-Identifier: GPL-2.0
/* The C-named build's copy of the shared layer's C helpers. */
#include "../wireless/helpers/parts.c"
