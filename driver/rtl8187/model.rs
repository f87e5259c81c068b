// SPDX-License-Identifier: GPL-2.0

//! Which member of the family a dongle is: the RTL8187L, or the RTL8187B
//! and its revision. Registers, endpoints, descriptors and TX status all
//! follow from it.

use crate::regs;

/// An RTL8187B's revision, as its CHIP_REV_B register reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RevB {
    B,
    D,
    E,
}

/// The chip behind the USB interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    L,
    B(RevB),
}

impl Model {
    pub(crate) fn is_b(self) -> bool {
        matches!(self, Model::B(_))
    }

    /// An RTL8187B from its revision register, with the name the kernel
    /// log gives it (unknown values are taken for revision B, as the
    /// vendor driver does).
    pub(crate) fn from_rev_b(reg: u8) -> (Model, &'static str) {
        match reg {
            regs::R8187B_B => (Model::B(RevB::B), "RTL8187BvB"),
            regs::R8187B_D => (Model::B(RevB::D), "RTL8187BvD"),
            regs::R8187B_E => (Model::B(RevB::E), "RTL8187BvE"),
            _ => (Model::B(RevB::B), "RTL8187BvB (default)"),
        }
    }
}
