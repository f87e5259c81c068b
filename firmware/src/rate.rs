//! The RTL8187's rate indices (TX descriptor and RX trailer bits) and the
//! bitrates they stand for, in the 500 kbit/s units radiotap uses.

/// Bitrate of each hardware rate index, in 500 kbit/s.
pub const RATES_500K: [u8; 12] = [2, 4, 11, 22, 12, 18, 24, 36, 48, 72, 96, 108];

/// Bitrate of a hardware rate index, if the index exists.
pub fn index_to_500k(index: u8) -> Option<u8> {
    RATES_500K.get(usize::from(index)).copied()
}

/// Hardware rate index of a bitrate; unknown bitrates map to the nearest lower
/// one (or 1 Mbit/s), since the trailer must name one of the twelve.
pub fn index_of_500k(rate: u8) -> u8 {
    if let Some(i) = RATES_500K.iter().position(|r| *r == rate) {
        return i as u8;
    }
    RATES_500K
        .iter()
        .enumerate()
        .filter(|(_, r)| **r <= rate)
        .max_by_key(|(_, r)| **r)
        .map(|(i, _)| i as u8)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_index() {
        for i in 0..12u8 {
            let r = index_to_500k(i).expect("index");
            assert_eq!(index_of_500k(r), i);
        }
        assert_eq!(index_to_500k(12), None);
    }

    #[test]
    fn unknown_rates_round_down() {
        assert_eq!(index_of_500k(110), 11);
        assert_eq!(index_of_500k(1), 0);
        assert_eq!(index_of_500k(13), 4);
    }
}
