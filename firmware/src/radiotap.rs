//! Radiotap headers on the antenna's monitor interface: parsing what the
//! virtual radio reports about a received frame, building the header for a
//! frame to inject.

const PRESENT_TSFT: u32 = 0;
const PRESENT_FLAGS: u32 = 1;
const PRESENT_RATE: u32 = 2;
const PRESENT_CHANNEL: u32 = 3;
const PRESENT_DBM_ANTSIGNAL: u32 = 5;
const PRESENT_TX_FLAGS: u32 = 15;
const PRESENT_MCS: u32 = 19;
const PRESENT_EXT: u32 = 31;

/// Flags field bits.
const FLAGS_SHORT_PREAMBLE: u8 = 0x02;
const FLAGS_FCS_AT_END: u8 = 0x10;
const FLAGS_BAD_FCS: u8 = 0x40;

/// (alignment, size) of the fields up to MCS, in present-bit order.
const FIELDS: [(usize, usize); 20] = [
    (8, 8), // TSFT
    (1, 1), // flags
    (1, 1), // rate
    (2, 4), // channel
    (2, 2), // FHSS
    (1, 1), // dBm signal
    (1, 1), // dBm noise
    (2, 2), // lock quality
    (2, 2), // TX attenuation
    (2, 2), // dB TX attenuation
    (1, 1), // dBm TX power
    (1, 1), // antenna
    (1, 1), // dB signal
    (1, 1), // dB noise
    (2, 2), // RX flags
    (2, 2), // TX flags
    (1, 1), // RTS retries
    (1, 1), // data retries
    (4, 8), // XChannel
    (1, 3), // MCS
];

/// Why a captured packet was not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RadiotapError {
    #[error("radiotap header truncated")]
    Truncated,
    #[error("radiotap version {0} is not 0")]
    Version(u8),
}

/// What the radio said about a captured frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Captured {
    /// Bitrate in 500 kbit/s, when a legacy rate was reported.
    pub rate_500k: Option<u8>,
    /// An HT MCS was reported instead of a legacy rate.
    pub ht: bool,
    pub freq: Option<u16>,
    pub signal_dbm: Option<i8>,
    pub tsft: Option<u64>,
    pub short_preamble: bool,
    pub bad_fcs: bool,
    /// The packet is the TX status report of a frame this interface sent.
    pub tx_report: bool,
    /// Offset of the 802.11 frame in the packet.
    pub frame_start: usize,
    /// Length of the frame without any FCS.
    pub frame_len: usize,
}

fn align(offset: usize, to: usize) -> usize {
    offset.div_ceil(to) * to
}

/// Parses the radiotap header of a captured packet.
pub fn parse(packet: &[u8]) -> Result<Captured, RadiotapError> {
    let head = packet.get(..8).ok_or(RadiotapError::Truncated)?;
    if head[0] != 0 {
        return Err(RadiotapError::Version(head[0]));
    }
    let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
    if len < 8 || len > packet.len() {
        return Err(RadiotapError::Truncated);
    }
    let present = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    // Skip extended present words; the first word's fields follow them.
    let mut offset = 8;
    let mut word = present;
    while word & (1 << PRESENT_EXT) != 0 {
        let next = packet
            .get(offset..offset + 4)
            .ok_or(RadiotapError::Truncated)?;
        word = u32::from_le_bytes([next[0], next[1], next[2], next[3]]);
        offset += 4;
    }
    let mut c = Captured {
        frame_start: len,
        ..Captured::default()
    };
    let mut flags = 0u8;
    for (bit, (al, size)) in FIELDS.iter().enumerate() {
        let bit = bit as u32;
        if present & (1 << bit) == 0 {
            continue;
        }
        offset = align(offset, *al);
        let field = packet
            .get(offset..offset + size)
            .filter(|_| offset + size <= len)
            .ok_or(RadiotapError::Truncated)?;
        match bit {
            PRESENT_TSFT => c.tsft = field.try_into().ok().map(u64::from_le_bytes),
            PRESENT_FLAGS => flags = field[0],
            PRESENT_RATE => c.rate_500k = Some(field[0]),
            PRESENT_CHANNEL => c.freq = Some(u16::from_le_bytes([field[0], field[1]])),
            PRESENT_DBM_ANTSIGNAL => c.signal_dbm = Some(i8::from_le_bytes([field[0]])),
            PRESENT_TX_FLAGS => c.tx_report = true,
            PRESENT_MCS => c.ht = true,
            _ => {}
        }
        offset += size;
    }
    c.short_preamble = flags & FLAGS_SHORT_PREAMBLE != 0;
    c.bad_fcs = flags & FLAGS_BAD_FCS != 0;
    let mut frame_len = packet.len() - len;
    if flags & FLAGS_FCS_AT_END != 0 {
        frame_len = frame_len.saturating_sub(4);
    }
    c.frame_len = frame_len;
    Ok(c)
}

/// Radiotap header for injecting a frame at a legacy bitrate (500 kbit/s units).
pub fn tx_header(rate_500k: u8) -> [u8; 9] {
    let present: u32 = 1 << PRESENT_RATE;
    let mut h = [0u8; 9];
    h[2..4].copy_from_slice(&9u16.to_le_bytes());
    h[4..8].copy_from_slice(&present.to_le_bytes());
    h[8] = rate_500k;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header mac80211 puts on a frame hwsim received: TSFT, flags,
    /// rate, channel, dBm signal, RX flags.
    fn hwsim_rx(frame: &[u8]) -> Vec<u8> {
        let present: u32 = 1 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 14;
        let mut p = vec![0, 0, 0, 0];
        p.extend_from_slice(&present.to_le_bytes());
        p.extend_from_slice(&0x0102_0304_0506_0708u64.to_le_bytes()); // TSFT at 8
        p.push(0x02); // flags: short preamble
        p.push(22); // 11 Mbit/s
        p.extend_from_slice(&2437u16.to_le_bytes()); // channel at 18
        p.extend_from_slice(&0x00a0u16.to_le_bytes());
        p.push((-42i8).to_le_bytes()[0]);
        p.push(0); // pad to 2 for RX flags
        p.extend_from_slice(&0u16.to_le_bytes());
        let len = p.len() as u16;
        p[2..4].copy_from_slice(&len.to_le_bytes());
        p.extend_from_slice(frame);
        p
    }

    #[test]
    fn parses_a_received_frame() {
        let frame = [0x80u8; 30];
        let p = hwsim_rx(&frame);
        let c = parse(&p).expect("parse");
        assert_eq!(c.rate_500k, Some(22));
        assert_eq!(c.freq, Some(2437));
        assert_eq!(c.signal_dbm, Some(-42));
        assert_eq!(c.tsft, Some(0x0102_0304_0506_0708));
        assert!(c.short_preamble);
        assert!(!c.tx_report);
        assert_eq!(&p[c.frame_start..c.frame_start + c.frame_len], &frame[..]);
    }

    #[test]
    fn recognises_tx_reports_and_fcs() {
        let present: u32 = 1 << 1 | 1 << 15;
        let mut p = vec![0, 0, 12, 0];
        p.extend_from_slice(&present.to_le_bytes());
        p.push(FLAGS_FCS_AT_END);
        p.push(0);
        p.extend_from_slice(&0u16.to_le_bytes());
        p.extend_from_slice(&[0u8; 14]);
        let c = parse(&p).expect("parse");
        assert!(c.tx_report);
        assert_eq!(c.frame_len, 10);
    }

    #[test]
    fn skips_extended_present_words() {
        let present0: u32 = 1 << 2 | 1 << 31;
        let present1: u32 = 0;
        let mut p = vec![0, 0, 13, 0];
        p.extend_from_slice(&present0.to_le_bytes());
        p.extend_from_slice(&present1.to_le_bytes());
        p.push(108);
        p.extend_from_slice(&[1, 2, 3]);
        let c = parse(&p).expect("parse");
        assert_eq!(c.rate_500k, Some(108));
        assert_eq!(c.frame_len, 3);
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse(&[0, 0, 8]), Err(RadiotapError::Truncated));
        assert_eq!(
            parse(&[1, 0, 8, 0, 0, 0, 0, 0]),
            Err(RadiotapError::Version(1))
        );
        assert_eq!(
            parse(&[0, 0, 200, 0, 0, 0, 0, 0]),
            Err(RadiotapError::Truncated)
        );
        // Present bit promises a TSFT the header has no room for.
        assert_eq!(
            parse(&[0, 0, 8, 0, 1, 0, 0, 0, 9, 9]),
            Err(RadiotapError::Truncated)
        );
    }

    #[test]
    fn tx_header_round_trips() {
        let mut p = tx_header(12).to_vec();
        p.extend_from_slice(&[0u8; 24]);
        let c = parse(&p).expect("parse");
        assert_eq!(c.rate_500k, Some(12));
        assert_eq!(c.frame_start, 9);
        assert_eq!(c.frame_len, 24);
    }
}
