// SPDX-License-Identifier: GPL-2.0

//! Block-ack (A-MPDU) session requests and a driver's answers.

use crate::wireless::vif::MacAddr;

/// A block-ack (A-MPDU) session action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmpduAction {
    /// Start a TX session.
    TxStart,
    /// Stop a TX session (any flavour).
    TxStop,
    /// A TX session is operational.
    TxOperational,
    /// Start an RX session.
    RxStart,
    /// Stop an RX session.
    RxStop,
    /// Something this layer does not know.
    Other,
}

/// How a driver answers an [`AmpduAction`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmpduReply {
    /// Done.
    Done,
    /// TX session may start at once, without waiting for a callback.
    TxStartImmediate,
    /// Not supported (`-EOPNOTSUPP`).
    NotSupported,
}

/// A block-ack request: the action, peer and traffic identifier.
#[derive(Clone, Copy, Debug)]
pub struct AmpduParams {
    /// What to do.
    pub action: AmpduAction,
    /// The peer station's address.
    pub peer: MacAddr,
    /// The traffic identifier.
    pub tid: u16,
}
