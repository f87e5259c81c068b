//! Received frames on bulk IN: the RX_CONF filter and the trailer, 16 bytes
//! on the RTL8187L and 20 on the RTL8187B.
//!
//! A transfer is `frame | FCS | trailer`, the RTL8187L's trailer being
//!
//! ```text
//! 0  flags u32: 0-11 length incl. FCS, 13 CRC error, 16 broadcast,
//!               17 physical address match, 18 multicast, 20-23 rate index,
//!               25 short preamble, 28 last seg., 29 first seg.
//! 4  noise u8, 5 signal u8 (bit 7 = antenna), 6 agc u8, 7 reserved
//! 8  mac_time u64: TSF at the start of the frame
//! ```
//!
//! The host derives the signal in dBm as `-4 - ((27 * agc) >> 6)`.
//!
//! The RTL8187B's trailer (the C driver's `struct rtl8187b_rx_hdr`, packed,
//! little-endian) has the same flags word:
//!
//! ```text
//! 0  flags u32        4  mac_time u64
//! 12 sq u8            13 rssi u8 (bit 7 = antenna)   14 agc u8   15 flags2 u8
//! 16 snr_long2end u16 18 pwdb_g12 s8                 19 fot u8
//! ```
//!
//! and its host derives the signal as `14 - agc / 2`; it reads nothing but
//! flags, mac_time, rssi's bit 7 and agc. The emulator reports signal
//! quality 0 and leaves snr, pwdb, fot and flags2 at 0.

use crate::chip::{Family, MacState};
use crate::fcs;
use crate::frame::{self, FrameType, Header};
use crate::regs;

pub const TRAILER_LEN: usize = 16;
pub const TRAILER_LEN_B: usize = 20;
pub const FCS_LEN: usize = 4;
/// The host's RX buffers are 2500 bytes (RTL8187_MAX_RX); longer transfers would overflow them.
pub const MAX_TRANSFER: usize = 2500;

const FLAG_CRC_ERR: u32 = 1 << 13;
const FLAG_BCAST: u32 = 1 << 16;
const FLAG_PAM: u32 = 1 << 17;
const FLAG_MCAST: u32 = 1 << 18;
const FLAG_SHORT_PREAMBLE: u32 = 1 << 25;
const FLAG_LS: u32 = 1 << 28;
const FLAG_FS: u32 = 1 << 29;

/// Radio conditions of a frame from the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RxInfo {
    pub rate_index: u8,
    pub signal_dbm: i8,
    pub mac_time: u64,
    pub short_preamble: bool,
    /// The antenna that received it, 0 or 1.
    pub antenna: u8,
}

/// Why the MAC did not pass a frame to the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    ReceiverOff,
    Runt,
    TooLong,
    TypeFiltered,
    NotForUs,
    OtherBss,
}

/// AGC value for a signal level, the inverse of the host's formula.
pub fn agc_for_dbm(dbm: i8) -> u8 {
    let loss = (-4i32 - i32::from(dbm)).max(0);
    // Round up so that the host's truncating division lands on `dbm`.
    u8::try_from((loss * 64 + 26) / 27).unwrap_or(u8::MAX)
}

/// The host's signal level for an AGC value.
pub fn dbm_for_agc(agc: u8) -> i32 {
    -4 - ((27 * i32::from(agc)) >> 6)
}

/// An RTL8187B's AGC value for a signal level, the inverse of its host's
/// `14 - agc / 2` (exact from +14 down to -113 dBm).
pub fn agc_b_for_dbm(dbm: i8) -> u8 {
    u8::try_from((2 * (14 - i32::from(dbm))).clamp(0, 255)).unwrap_or(u8::MAX)
}

/// An RTL8187B host's signal level for an AGC value.
pub fn dbm_for_agc_b(agc: u8) -> i32 {
    14 - i32::from(agc) / 2
}

/// Length of the trailer a board puts after the FCS.
pub fn trailer_len(family: Family) -> usize {
    match family {
        Family::L => TRAILER_LEN,
        Family::B { .. } => TRAILER_LEN_B,
    }
}

/// Applies RX_CONF, MSR and the station address to a frame; on acceptance
/// returns the address-match flags of the trailer.
pub fn filter(state: &MacState, frame: &[u8]) -> Result<u32, Rejected> {
    if !state.rx_enabled() {
        return Err(Rejected::ReceiverOff);
    }
    let header = Header::parse(frame).ok_or(Rejected::Runt)?;
    if frame.len() + FCS_LEN + trailer_len(state.family) > MAX_TRANSFER {
        return Err(Rejected::TooLong);
    }
    let conf = state.rx_conf;
    let type_bit = match header.frame_type() {
        FrameType::Management => regs::RX_CONF_MGMT,
        FrameType::Control => regs::RX_CONF_CTRL,
        FrameType::Data => regs::RX_CONF_DATA,
        FrameType::Extension => 0,
    };
    if conf & type_bit == 0 {
        return Err(Rejected::TypeFiltered);
    }
    let a1 = header.addr1();
    let flags = if frame::is_broadcast(&a1) {
        FLAG_BCAST
    } else if frame::is_multicast(&a1) {
        FLAG_MCAST
    } else if a1 == state.mac {
        FLAG_PAM
    } else {
        0
    };
    let monitor = conf & regs::RX_CONF_MONITOR != 0;
    let wanted = match flags {
        FLAG_BCAST => conf & regs::RX_CONF_BROADCAST != 0,
        FLAG_MCAST => conf & regs::RX_CONF_MULTICAST != 0,
        FLAG_PAM => conf & regs::RX_CONF_NICMAC != 0,
        _ => false,
    };
    if !wanted && !monitor {
        return Err(Rejected::NotForUs);
    }
    if !monitor
        && conf & regs::RX_CONF_BSSID != 0
        && state.linked()
        && header.frame_type() == FrameType::Data
    {
        if let Some(bssid) = header.data_bssid() {
            if bssid != state.bssid {
                return Err(Rejected::OtherBss);
            }
        }
    }
    Ok(flags)
}

/// Builds an RTL8187L's bulk IN transfer for an accepted frame.
pub fn build(frame: &[u8], match_flags: u32, info: &RxInfo) -> Vec<u8> {
    build_as(Family::L, frame, match_flags, info)
}

/// Builds the bulk IN transfer of a board of `family` for an accepted frame.
pub fn build_as(family: Family, frame: &[u8], match_flags: u32, info: &RxInfo) -> Vec<u8> {
    let length = frame.len() + FCS_LEN;
    let mut flags = (length as u32 & 0x0FFF) | match_flags | FLAG_LS | FLAG_FS;
    flags |= u32::from(info.rate_index & 0xF) << 20;
    if info.short_preamble {
        flags |= FLAG_SHORT_PREAMBLE;
    }
    let mut out = Vec::with_capacity(length + trailer_len(family));
    out.extend_from_slice(frame);
    out.extend_from_slice(&fcs::fcs(frame));
    out.extend_from_slice(&flags.to_le_bytes());
    let antenna = (info.antenna & 1) << 7;
    match family {
        Family::L => {
            out.push(0); // noise
            out.push(antenna); // signal quality 0; bit 7 = antenna
            out.push(agc_for_dbm(info.signal_dbm));
            out.push(0);
            out.extend_from_slice(&info.mac_time.to_le_bytes());
        }
        Family::B { .. } => {
            out.extend_from_slice(&info.mac_time.to_le_bytes());
            out.push(0); // signal quality
            out.push(antenna); // rssi 0; bit 7 = antenna
            out.push(agc_b_for_dbm(info.signal_dbm));
            out.extend_from_slice(&[0; 5]); // flags2, snr, pwdb, fot
        }
    }
    out
}

/// Marks the trailer (of `trailer_len` bytes) of a built transfer as
/// carrying a bad FCS; both trailers start with the flags word.
pub fn set_crc_error(transfer: &mut [u8], trailer_len: usize) {
    let Some(at) = transfer.len().checked_sub(trailer_len) else {
        return;
    };
    if let Some(bytes) = transfer.get_mut(at..at + 4) {
        let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) | FLAG_CRC_ERR;
        bytes.copy_from_slice(&flags.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: [u8; 6] = [0x00, 0xE0, 0x4C, 0x81, 0x87, 0x42];
    const AP: [u8; 6] = [0x02, 0x00, 0x00, 0x00, 0x01, 0x00];

    fn state(rx_conf: u32) -> MacState {
        MacState {
            mac: ME,
            bssid: AP,
            rx_conf,
            tx_conf: 0,
            cmd: regs::CMD_RX_ENABLE | regs::CMD_TX_ENABLE,
            msr: 2 << 2,
            channel: Some(1),
            radio_on: true,
            rx_antenna: 0,
            family: Family::L,
        }
    }

    /// RX_CONF as rtl8187_start writes it.
    const HOST_CONF: u32 = 1 << 31
        | 1 << 28
        | regs::RX_CONF_BSSID
        | regs::RX_CONF_MGMT
        | regs::RX_CONF_DATA
        | 7 << 13
        | 7 << 10
        | regs::RX_CONF_BROADCAST
        | regs::RX_CONF_NICMAC;

    fn frame(fc0: u8, fc1: u8, a1: [u8; 6], a2: [u8; 6], a3: [u8; 6]) -> Vec<u8> {
        let mut f = vec![fc0, fc1, 0, 0];
        f.extend_from_slice(&a1);
        f.extend_from_slice(&a2);
        f.extend_from_slice(&a3);
        f.extend_from_slice(&[0x10, 0x00, 0xAA, 0xBB]);
        f
    }

    #[test]
    fn accepts_beacons_and_own_unicast() {
        let s = state(HOST_CONF);
        assert_eq!(
            filter(&s, &frame(0x80, 0, [0xFF; 6], AP, AP)),
            Ok(FLAG_BCAST)
        );
        assert_eq!(filter(&s, &frame(0x08, 0x02, ME, AP, AP)), Ok(FLAG_PAM));
    }

    #[test]
    fn rejects_others_unicast_unless_monitoring() {
        let other = [0x02, 0, 0, 0, 9, 9];
        let f = frame(0x08, 0x02, other, AP, AP);
        assert_eq!(filter(&state(HOST_CONF), &f), Err(Rejected::NotForUs));
        assert_eq!(filter(&state(HOST_CONF | regs::RX_CONF_MONITOR), &f), Ok(0));
    }

    #[test]
    fn control_frames_need_the_ctrl_bit() {
        let ack = [
            0xd4, 0x00, 0x00, 0x00, ME[0], ME[1], ME[2], ME[3], ME[4], ME[5],
        ];
        assert_eq!(filter(&state(HOST_CONF), &ack), Err(Rejected::TypeFiltered));
        assert_eq!(
            filter(&state(HOST_CONF | regs::RX_CONF_CTRL), &ack),
            Ok(FLAG_PAM)
        );
    }

    #[test]
    fn multicast_needs_its_bit_or_monitor() {
        let f = frame(0x08, 0x02, [0x33, 0x33, 0, 0, 0, 1], AP, AP);
        assert_eq!(filter(&state(HOST_CONF), &f), Err(Rejected::NotForUs));
        assert_eq!(
            filter(&state(HOST_CONF | regs::RX_CONF_MULTICAST), &f),
            Ok(FLAG_MCAST)
        );
    }

    #[test]
    fn data_from_another_bss_is_dropped_when_linked() {
        let other_ap = [0x02, 0, 0, 0, 7, 0];
        let f = frame(0x08, 0x02, [0xFF; 6], other_ap, other_ap);
        assert_eq!(filter(&state(HOST_CONF), &f), Err(Rejected::OtherBss));
        let mut unlinked = state(HOST_CONF);
        unlinked.msr = 0;
        assert!(filter(&unlinked, &f).is_ok());
    }

    #[test]
    fn receiver_off_drops_everything() {
        let mut s = state(HOST_CONF);
        s.cmd = 0;
        assert_eq!(
            filter(&s, &frame(0x80, 0, [0xFF; 6], AP, AP)),
            Err(Rejected::ReceiverOff)
        );
        let mut s = state(HOST_CONF);
        s.radio_on = false;
        assert_eq!(
            filter(&s, &frame(0x80, 0, [0xFF; 6], AP, AP)),
            Err(Rejected::ReceiverOff)
        );
    }

    #[test]
    fn oversized_frames_are_dropped() {
        let mut f = frame(0x08, 0x02, ME, AP, AP);
        f.resize(MAX_TRANSFER, 0);
        assert_eq!(filter(&state(HOST_CONF), &f), Err(Rejected::TooLong));
    }

    #[test]
    fn trailer_layout_matches_the_host_parser() {
        let f = frame(0x80, 0, [0xFF; 6], AP, AP);
        let info = RxInfo {
            rate_index: 7,
            signal_dbm: -30,
            mac_time: 0x1122_3344_5566,
            short_preamble: true,
            antenna: 1,
        };
        let t = build(&f, FLAG_BCAST, &info);
        assert_eq!(t.len(), f.len() + FCS_LEN + TRAILER_LEN);
        assert_eq!(fcs::crc32(&t[..f.len() + FCS_LEN]), 0x2144_DF1C);
        let tr = &t[t.len() - TRAILER_LEN..];
        let flags = u32::from_le_bytes([tr[0], tr[1], tr[2], tr[3]]);
        assert_eq!((flags & 0xFFF) as usize, f.len() + FCS_LEN);
        assert_eq!((flags >> 20) & 0xF, 7);
        assert_ne!(flags & FLAG_BCAST, 0);
        assert_ne!(flags & FLAG_SHORT_PREAMBLE, 0);
        assert_eq!(flags & FLAG_CRC_ERR, 0);
        assert_eq!(dbm_for_agc(tr[6]), -30);
        assert_eq!(tr[5] >> 7, 1);
        assert_eq!(
            u64::from_le_bytes(tr[8..16].try_into().expect("8 bytes")),
            0x1122_3344_5566
        );
    }

    #[test]
    fn b_trailer_layout_matches_the_host_parser() {
        // struct rtl8187b_rx_hdr, packed: flags 0..4, mac_time 4..12, sq 12,
        // rssi 13 (bit 7 antenna), agc 14, flags2 15, snr 16..18, pwdb 18,
        // fot 19: 20 bytes.
        let f = frame(0x08, 0x02, ME, AP, AP);
        let info = RxInfo {
            rate_index: 11,
            signal_dbm: -52,
            mac_time: 0x0102_0304_0506_0708,
            short_preamble: false,
            antenna: 1,
        };
        let b = Family::B { revision: 2 };
        let t = build_as(b, &f, FLAG_PAM, &info);
        assert_eq!(t.len(), f.len() + FCS_LEN + 20);
        assert_eq!(fcs::crc32(&t[..f.len() + FCS_LEN]), 0x2144_DF1C);
        let tr = &t[t.len() - 20..];
        let flags = u32::from_le_bytes([tr[0], tr[1], tr[2], tr[3]]);
        assert_eq!((flags & 0xFFF) as usize, f.len() + FCS_LEN);
        assert_eq!((flags >> 20) & 0xF, 11);
        assert_ne!(flags & FLAG_PAM, 0);
        assert_eq!(flags & FLAG_LS & FLAG_FS, flags & FLAG_LS & FLAG_FS);
        assert_eq!(
            u64::from_le_bytes(tr[4..12].try_into().expect("8 bytes")),
            0x0102_0304_0506_0708
        );
        assert_eq!(tr[13] >> 7, 1);
        // signal = 14 - agc / 2
        assert_eq!(tr[14], 132);
        assert_eq!(dbm_for_agc_b(tr[14]), -52);
        assert_eq!(&tr[15..20], &[0; 5]);
        let mut t = t;
        set_crc_error(&mut t, TRAILER_LEN_B);
        let tr = &t[t.len() - 20..];
        assert_ne!(
            u32::from_le_bytes([tr[0], tr[1], tr[2], tr[3]]) & FLAG_CRC_ERR,
            0
        );
    }

    #[test]
    fn b_agc_round_trips_and_clamps() {
        for dbm in -113i8..=14 {
            assert_eq!(
                dbm_for_agc_b(agc_b_for_dbm(dbm)),
                i32::from(dbm),
                "{dbm} dBm"
            );
        }
        assert_eq!(agc_b_for_dbm(-128), 255);
        assert_eq!(agc_b_for_dbm(20), 0);
    }

    #[test]
    fn a_b_board_leaves_room_for_its_longer_trailer() {
        let mut s = state(HOST_CONF);
        s.family = Family::B { revision: 0 };
        let mut f = frame(0x08, 0x02, ME, AP, AP);
        f.resize(MAX_TRANSFER - FCS_LEN - TRAILER_LEN, 0);
        assert!(filter(&state(HOST_CONF), &f).is_ok());
        assert_eq!(filter(&s, &f), Err(Rejected::TooLong));
    }

    #[test]
    fn agc_round_trips_the_usual_range() {
        for dbm in -95i8..=-4 {
            assert_eq!(dbm_for_agc(agc_for_dbm(dbm)), i32::from(dbm), "{dbm} dBm");
        }
        assert_eq!(agc_for_dbm(10), 0);
    }

    #[test]
    fn crc_error_flag_can_be_set() {
        let mut t = build(
            &frame(0x80, 0, [0xFF; 6], AP, AP),
            0,
            &RxInfo {
                rate_index: 0,
                signal_dbm: -40,
                mac_time: 0,
                short_preamble: false,
                antenna: 0,
            },
        );
        set_crc_error(&mut t, TRAILER_LEN);
        let tr = &t[t.len() - TRAILER_LEN..];
        assert_ne!(
            u32::from_le_bytes([tr[0], tr[1], tr[2], tr[3]]) & FLAG_CRC_ERR,
            0
        );
        set_crc_error(&mut [0u8; 3], TRAILER_LEN);
    }
}
