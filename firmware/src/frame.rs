//! Just enough of the 802.11 MAC header for the RX filter.

/// Frame type from the frame control field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameType {
    Management,
    Control,
    Data,
    Extension,
}

/// A view of the header fields of a received frame.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    frame: &'a [u8],
}

impl<'a> Header<'a> {
    /// Shortest frame the MAC accepts: frame control, duration, addr1 (an ACK).
    pub const MIN_LEN: usize = 10;

    pub fn parse(frame: &'a [u8]) -> Option<Self> {
        (frame.len() >= Self::MIN_LEN).then_some(Self { frame })
    }

    fn fc(&self) -> u16 {
        u16::from_le_bytes([self.frame[0], self.frame[1]])
    }

    pub fn frame_type(&self) -> FrameType {
        match (self.fc() >> 2) & 3 {
            0 => FrameType::Management,
            1 => FrameType::Control,
            2 => FrameType::Data,
            _ => FrameType::Extension,
        }
    }

    fn addr(&self, n: usize) -> Option<[u8; 6]> {
        let start = 4 + 6 * n;
        self.frame
            .get(start..start + 6)
            .and_then(|a| a.try_into().ok())
    }

    /// Receiver address.
    pub fn addr1(&self) -> [u8; 6] {
        self.addr(0).unwrap_or([0; 6])
    }

    /// The BSSID of a data frame, by its To/From DS bits (none for 4-address frames).
    pub fn data_bssid(&self) -> Option<[u8; 6]> {
        let to_ds = self.fc() & 0x0100 != 0;
        let from_ds = self.fc() & 0x0200 != 0;
        match (to_ds, from_ds) {
            (false, false) => self.addr(2),
            (true, false) => self.addr(0),
            (false, true) => self.addr(1),
            (true, true) => None,
        }
    }
}

pub fn is_broadcast(addr: &[u8; 6]) -> bool {
    addr.iter().all(|b| *b == 0xFF)
}

pub fn is_multicast(addr: &[u8; 6]) -> bool {
    addr[0] & 1 != 0 && !is_broadcast(addr)
}

/// `aa:bb:cc:dd:ee:ff`.
pub fn format_mac(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Parses `aa:bb:cc:dd:ee:ff`.
pub fn parse_mac(text: &str) -> Option<[u8; 6]> {
    let mut mac = [0u8; 6];
    let mut parts = text.split(':');
    for b in mac.iter_mut() {
        *b = u8::from_str_radix(parts.next()?, 16).ok()?;
    }
    parts.next().is_none().then_some(mac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_and_finds_addresses() {
        // Beacon from 02:00:00:00:01:00.
        let mut beacon = vec![0x80, 0x00, 0, 0];
        beacon.extend_from_slice(&[0xFF; 6]);
        beacon.extend_from_slice(&[2, 0, 0, 0, 1, 0]);
        beacon.extend_from_slice(&[2, 0, 0, 0, 1, 0]);
        beacon.extend_from_slice(&[0, 0]);
        let h = Header::parse(&beacon).expect("header");
        assert_eq!(h.frame_type(), FrameType::Management);
        assert!(is_broadcast(&h.addr1()));
        // From-DS data: BSSID is addr2.
        let mut data = beacon.clone();
        data[0] = 0x08;
        data[1] = 0x02;
        let h = Header::parse(&data).expect("header");
        assert_eq!(h.frame_type(), FrameType::Data);
        assert_eq!(h.data_bssid(), Some([2, 0, 0, 0, 1, 0]));
        assert!(Header::parse(&[0xd4, 0, 0]).is_none());
    }

    #[test]
    fn mac_text() {
        let mac = [0x00, 0xe0, 0x4c, 0x81, 0x87, 0x01];
        assert_eq!(parse_mac(&format_mac(&mac)), Some(mac));
        assert_eq!(parse_mac("00:11"), None);
        assert_eq!(parse_mac("00:11:22:33:44:55:66"), None);
        assert!(is_multicast(&[0x33, 0x33, 0, 0, 0, 1]));
    }
}
