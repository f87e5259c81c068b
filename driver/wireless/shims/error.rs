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

/// Cannot send after transport endpoint shutdown (`ESHUTDOWN`): a USB
/// transfer killed because its device went away.
pub fn eshutdown() -> Error {
    Error::from_errno(-(bindings::ESHUTDOWN as i32))
}
