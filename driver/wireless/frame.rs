// SPDX-License-Identifier: GPL-2.0

//! 802.11 frame header fields.

use super::bindings;
use super::vif::MacAddr;

/// The frame control field of an 802.11 header, as it is on the air
/// (little endian).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameControl(u16);

impl FrameControl {
    /// Reads the field from the first two bytes of a frame.
    pub fn from_le_bytes(bytes: [u8; 2]) -> Self {
        Self(u16::from_le_bytes(bytes))
    }

    // The raw value keeps the on-air byte order, which is what the C
    // helpers take (`__le16`).
    fn raw(self) -> u16 {
        self.0.to_le()
    }

    /// A management frame.
    pub fn is_mgmt(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_mgmt(self.raw()) }
    }

    /// A beacon.
    pub fn is_beacon(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_beacon(self.raw()) }
    }

    /// A data frame (any subtype).
    pub fn is_data(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_data(self.raw()) }
    }

    /// A control frame (type 1: ACK, RTS, block ack request, ...).
    pub fn is_ctl(self) -> bool {
        self.0 & FC_TYPE_MASK == FC_TYPE_CTL
    }

    /// A probe response.
    pub fn is_probe_resp(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_probe_resp(self.raw()) }
    }
}

/// The type bits of the frame control field, and the control type.
const FC_TYPE_MASK: u16 = 0x000c;
const FC_TYPE_CTL: u16 = 0x0004;

/// Frame control bits of the second byte (flags) on the air.
const FC1_MOREFRAGS: u8 = 0x04;
const FC1_PWRMGT: u8 = 0x10;

/// Where the fields of an 802.11 header start.
const DURATION_OFFSET: usize = 2;
const ADDR1_OFFSET: usize = 4;
const ADDR2_OFFSET: usize = 10;
const ADDR3_OFFSET: usize = 16;
const SEQ_CTRL_OFFSET: usize = 22;

impl FrameControl {
    /// The value as it is on the air.
    pub fn to_le_bytes(self) -> [u8; 2] {
        self.0.to_le_bytes()
    }

    /// The sender is in power save.
    pub fn pwrmgt(self) -> bool {
        self.to_le_bytes()[1] & FC1_PWRMGT != 0
    }

    /// More fragments of this MSDU follow.
    pub fn more_frags(self) -> bool {
        self.to_le_bytes()[1] & FC1_MOREFRAGS != 0
    }
}

/// Reads `N` bytes at `at`, if `bytes` has them.
fn field<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// The 802.11 header at the start of a frame, read in place.
///
/// Every frame has frame control, duration and addr1; addr2 (16 bytes
/// on), addr3 and the sequence control (24 bytes on) depend on the frame
/// type, so their getters say `None` when the frame is too short.
///
/// # Invariants
///
/// `bytes` holds at least [`Header::MIN_LEN`] bytes.
#[derive(Clone, Copy)]
pub struct Header<'a> {
    bytes: &'a [u8],
}

impl<'a> Header<'a> {
    /// Frame control, duration and addr1: the shortest frame (an ACK or
    /// CTS without FCS).
    pub const MIN_LEN: usize = ADDR1_OFFSET + 6;

    /// The header of `frame`; `None` if it is shorter than any frame.
    pub fn new(frame: &'a [u8]) -> Option<Self> {
        // INVARIANT: checked here.
        (frame.len() >= Self::MIN_LEN).then_some(Self { bytes: frame })
    }

    /// Reads a field the invariant guarantees.
    fn fixed<const N: usize>(&self, at: usize) -> [u8; N] {
        field(self.bytes, at).unwrap_or([0; N])
    }

    /// The frame control field.
    pub fn frame_control(&self) -> FrameControl {
        FrameControl::from_le_bytes(self.fixed(0))
    }

    /// The duration/ID field.
    pub fn duration(&self) -> u16 {
        u16::from_le_bytes(self.fixed(DURATION_OFFSET))
    }

    /// The receiver address.
    pub fn addr1(&self) -> MacAddr {
        self.fixed(ADDR1_OFFSET)
    }

    /// The transmitter address, if the frame has one.
    pub fn addr2(&self) -> Option<MacAddr> {
        field(self.bytes, ADDR2_OFFSET)
    }

    /// The third address, if the frame has one.
    pub fn addr3(&self) -> Option<MacAddr> {
        field(self.bytes, ADDR3_OFFSET)
    }

    /// The sequence control field, if the frame has one.
    pub fn seq_ctrl(&self) -> Option<u16> {
        field(self.bytes, SEQ_CTRL_OFFSET).map(u16::from_le_bytes)
    }

    /// The sender is in power save.
    pub fn pwrmgt(&self) -> bool {
        self.frame_control().pwrmgt()
    }
}

/// The 802.11 header at the start of a frame, for changing it in place.
///
/// # Invariants
///
/// `bytes` holds at least [`Header::MIN_LEN`] bytes.
pub struct HeaderMut<'a> {
    bytes: &'a mut [u8],
}

impl<'a> HeaderMut<'a> {
    /// The header of `frame`; `None` if it is shorter than any frame.
    pub fn new(frame: &'a mut [u8]) -> Option<Self> {
        // INVARIANT: checked here.
        (frame.len() >= Header::MIN_LEN).then_some(Self { bytes: frame })
    }

    /// Reading the header.
    pub fn as_header(&self) -> Header<'_> {
        // INVARIANT: the same bytes.
        Header { bytes: self.bytes }
    }

    /// Writes `N` bytes at `at`; false if the frame ends before.
    fn put<const N: usize>(&mut self, at: usize, v: [u8; N]) -> bool {
        match at
            .checked_add(N)
            .and_then(|end| self.bytes.get_mut(at..end))
        {
            Some(f) => {
                f.copy_from_slice(&v);
                true
            }
            None => false,
        }
    }

    /// Sets the frame control field.
    pub fn set_frame_control(&mut self, fc: FrameControl) {
        self.put(0, fc.to_le_bytes());
    }

    /// Sets or clears the power-management bit.
    pub fn set_pwrmgt(&mut self, on: bool) {
        let mut fc = self.as_header().frame_control().to_le_bytes();
        if on {
            fc[1] |= FC1_PWRMGT;
        } else {
            fc[1] &= !FC1_PWRMGT;
        }
        self.put(0, fc);
    }

    /// Sets the duration/ID field.
    pub fn set_duration(&mut self, v: u16) {
        self.put(DURATION_OFFSET, v.to_le_bytes());
    }

    /// Sets the first address (the receiver).
    pub fn set_addr1(&mut self, a: &MacAddr) {
        self.put(ADDR1_OFFSET, *a);
    }

    /// Sets addr2; false if the frame has none.
    pub fn set_addr2(&mut self, a: &MacAddr) -> bool {
        self.put(ADDR2_OFFSET, *a)
    }

    /// Sets addr3; false if the frame has none.
    pub fn set_addr3(&mut self, a: &MacAddr) -> bool {
        self.put(ADDR3_OFFSET, *a)
    }

    /// Sets the sequence control field; false if the frame has none.
    pub fn set_seq_ctrl(&mut self, v: u16) -> bool {
        self.put(SEQ_CTRL_OFFSET, v.to_le_bytes())
    }
}
