// SPDX-License-Identifier: GPL-2.0

//! Error codes drivers need that `kernel::error::code` lacks.

use crate::wireless::bindings;
use kernel::error::Error;

/// Operation not supported (`EOPNOTSUPP`).
pub fn eopnotsupp() -> Error {
    Error::from_errno(-(bindings::EOPNOTSUPP as i32))
}

/// Timed out (`ETIMEDOUT`).
pub fn etimedout() -> Error {
    Error::from_errno(-(bindings::ETIMEDOUT as i32))
}
