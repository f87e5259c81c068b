//! The RTL8187L register map as the host sees it over USB.
//!
//! The host addresses MAC registers as `wValue = 0xFF00 + offset` with
//! `wIndex` = page (0-3), and the USB/8051 configuration block as
//! `0xFE00 + offset`. Every offset the emulator gives meaning to is named
//! here once; `name_of` turns an access into the name used by `--trace`.

/// Station address, 6 bytes (IDR0-5).
pub const MAC: u8 = 0x00;
/// Multicast hash filter, 8 bytes.
pub const MAR: u8 = 0x08;
/// TSF timer, 8 bytes: microseconds since power-on.
pub const TSFT: u8 = 0x18;
/// Basic rate set.
pub const BRSR: u8 = 0x2C;
/// BSSID the MAC filters data frames against, 6 bytes.
pub const BSSID: u8 = 0x2E;
pub const RESP_RATE: u8 = 0x34;
pub const EIFS: u8 = 0x35;
/// Command register: reset, RX enable, TX enable.
pub const CMD: u8 = 0x37;
pub const INT_MASK: u8 = 0x3C;
pub const INT_STATUS: u8 = 0x3E;
/// TX configuration; bits 25-27 are the read-only hardware version.
pub const TX_CONF: u8 = 0x40;
/// RX filter configuration.
pub const RX_CONF: u8 = 0x44;
pub const INT_TIMEOUT: u8 = 0x48;
pub const TBDA: u8 = 0x4C;
/// EEPROM mode and the 93C46 pins (CS, SK, DI, DO).
pub const EEPROM_CMD: u8 = 0x50;
pub const CONFIG0: u8 = 0x51;
pub const CONFIG1: u8 = 0x52;
pub const CONFIG2: u8 = 0x53;
pub const ANAPARAM: u8 = 0x54;
/// Media status: link type the MAC filters for.
pub const MSR: u8 = 0x58;
pub const CONFIG3: u8 = 0x59;
pub const CONFIG4: u8 = 0x5A;
pub const TESTR: u8 = 0x5B;
/// Page select: bit 0 maps page-0 accesses at `PAGED_START` and above to page 1.
pub const PGSELECT: u8 = 0x5E;
pub const SECURITY: u8 = 0x5F;
/// First offset PGSELECT banks (TALLY_SEL, ASIC_REV and their neighbours).
pub const PAGED_START: u8 = 0xF0;
pub const ANAPARAM2: u8 = 0x60;
pub const BEACON_INTERVAL: u8 = 0x70;
pub const ATIM_WND: u8 = 0x72;
pub const BEACON_INTERVAL_TIME: u8 = 0x74;
pub const ATIMTR_INTERVAL: u8 = 0x76;
pub const PHY_DELAY: u8 = 0x78;
pub const CARRIER_SENSE_COUNTER: u8 = 0x79;
/// Baseband write window, 4 bytes; writing PHY[0] starts the write.
pub const PHY: u8 = 0x7C;
/// RF 3-wire pins driven by the host: bit 0 data, 1 clock, 2 enable (active low), 3 read.
pub const RF_PINS_OUTPUT: u8 = 0x80;
pub const RF_PINS_ENABLE: u8 = 0x82;
pub const RF_PINS_SELECT: u8 = 0x84;
/// RF 3-wire pins driven by the radio: bit 1 is the data the RTL8225 shifts out.
pub const RF_PINS_INPUT: u8 = 0x86;
pub const RF_PARA: u8 = 0x88;
pub const RF_TIMING: u8 = 0x8C;
pub const GP_ENABLE: u8 = 0x90;
pub const GPIO0: u8 = 0x91;
/// GPIO inputs; bit 1 is the hardware radio switch (set = radio on).
pub const GPIO1: u8 = 0x92;
pub const HSSI_PARA: u8 = 0x94;
pub const TX_AGC_CTL: u8 = 0x9C;
pub const TX_GAIN_CCK: u8 = 0x9D;
pub const TX_GAIN_OFDM: u8 = 0x9E;
pub const TX_ANTENNA: u8 = 0x9F;
pub const WPA_CONF: u8 = 0xB0;
pub const SIFS: u8 = 0xB4;
pub const DIFS: u8 = 0xB5;
pub const SLOT: u8 = 0xB6;
pub const CW_CONF: u8 = 0xBC;
pub const CW_VAL: u8 = 0xBD;
pub const RATE_FALLBACK: u8 = 0xBE;
pub const ACM_CONTROL: u8 = 0xBF;
pub const CONFIG5: u8 = 0xD8;
pub const TX_DMA_POLLING: u8 = 0xD9;
pub const CWR: u8 = 0xDC;
pub const RETRY_CTR: u8 = 0xDE;
pub const INT_MIG: u8 = 0xE2;
pub const TID_AC_MAP: u8 = 0xE8;
pub const ANAPARAM3: u8 = 0xEE;
/// Cumulative retry count the host polls after each TX completion.
pub const TALLY_CNT: u8 = 0xFA;
pub const TALLY_SEL: u8 = 0xFC;
/// On page 1: ASIC revision in bits 0-1 (0 = B-cut, RF writes by bit-banging).
pub const ASIC_REV: u8 = 0xFE;

/// CMD bits.
pub const CMD_TX_ENABLE: u8 = 1 << 2;
pub const CMD_RX_ENABLE: u8 = 1 << 3;
pub const CMD_RESET: u8 = 1 << 4;

/// TX_CONF bits.
pub const TX_CONF_LOOPBACK_MAC: u32 = 1 << 17;
pub const TX_CONF_HWVER_MASK: u32 = 7 << 25;
/// Hardware version the host driver reports as "RTL8187vD" (an RTL8187L).
pub const TX_CONF_R8187VD: u32 = 5 << 25;
/// Hosts name any version but vD's (and the RTL8187B's 6) an RTL8187vB.
pub const TX_CONF_R8187VB: u32 = 0;
/// The RTL8187B's version: on a board with the RTL8187L's USB ID (0bda:8187)
/// it is what tells the host the chip is a B.
pub const TX_CONF_R8187B: u32 = 6 << 25;

/// RTL8187B only, page 0: the chip revision the host reads at probe
/// (0 = B-cut, 1 = D-cut, 2 = E-cut).
pub const B_REVISION: u8 = 0xE1;

/// RX_CONF bits.
pub const RX_CONF_MONITOR: u32 = 1 << 0;
pub const RX_CONF_NICMAC: u32 = 1 << 1;
pub const RX_CONF_MULTICAST: u32 = 1 << 2;
pub const RX_CONF_BROADCAST: u32 = 1 << 3;
/// Bit 6 set would tell the host the EEPROM is a 93C66.
pub const RX_CONF_EEPROM_93C66: u32 = 1 << 6;
pub const RX_CONF_FCS: u32 = 1 << 5;
pub const RX_CONF_DATA: u32 = 1 << 18;
pub const RX_CONF_CTRL: u32 = 1 << 19;
pub const RX_CONF_MGMT: u32 = 1 << 20;
pub const RX_CONF_BSSID: u32 = 1 << 23;

/// EEPROM_CMD fields.
pub const EEPROM_CMD_DO: u8 = 1 << 0;
pub const EEPROM_CMD_DI: u8 = 1 << 1;
pub const EEPROM_CMD_SK: u8 = 1 << 2;
pub const EEPROM_CMD_CS: u8 = 1 << 3;
pub const EEPROM_CMD_MODE_MASK: u8 = 3 << 6;
pub const EEPROM_CMD_NORMAL: u8 = 0;
pub const EEPROM_CMD_LOAD: u8 = 1 << 6;
pub const EEPROM_CMD_PROGRAM: u8 = 2 << 6;

/// MSR link type (bits 2-3).
pub const MSR_LINK_MASK: u8 = 3 << 2;

/// GPIO1 bit carrying the radio switch on RTL8187L boards.
pub const GPIO1_RADIO_ON: u8 = 1 << 1;

/// `wIndex` of the fast RF write request: `wValue` = RF register, data = 16-bit value.
pub const RF_FAST_WRITE_INDEX: u16 = 0x8225;

/// Which block of the address space an access goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// `0xFFxx`: MAC registers, paged.
    Mac,
    /// `0xFExx`: USB and 8051 configuration, not paged.
    Usb,
}

/// Decodes `wValue` into the block and offset, or `None` outside the map.
pub fn decode(w_value: u16) -> Option<(Block, u8)> {
    let offset = (w_value & 0xFF) as u8;
    match w_value >> 8 {
        0xFF => Some((Block::Mac, offset)),
        0xFE => Some((Block::Usb, offset)),
        _ => None,
    }
}

/// (offset, width in bytes, name) of each page-0 MAC register.
const NAMES: &[(u8, u8, &str)] = &[
    (MAC, 6, "MAC"),
    (MAR, 8, "MAR"),
    (0x10, 1, "RX_FIFO_COUNT"),
    (0x12, 1, "TX_FIFO_COUNT"),
    (0x13, 1, "BQREQ"),
    (TSFT, 8, "TSFT"),
    (0x20, 4, "TLPDA"),
    (0x24, 4, "TNPDA"),
    (0x28, 4, "THPDA"),
    (BRSR, 2, "BRSR"),
    (BSSID, 6, "BSSID"),
    (RESP_RATE, 1, "RESP_RATE"),
    (EIFS, 1, "EIFS"),
    (CMD, 1, "CMD"),
    (INT_MASK, 2, "INT_MASK"),
    (INT_STATUS, 2, "INT_STATUS"),
    (TX_CONF, 4, "TX_CONF"),
    (RX_CONF, 4, "RX_CONF"),
    (INT_TIMEOUT, 4, "INT_TIMEOUT"),
    (TBDA, 4, "TBDA"),
    (EEPROM_CMD, 1, "EEPROM_CMD"),
    (CONFIG0, 1, "CONFIG0"),
    (CONFIG1, 1, "CONFIG1"),
    (CONFIG2, 1, "CONFIG2"),
    (ANAPARAM, 4, "ANAPARAM"),
    (MSR, 1, "MSR"),
    (CONFIG3, 1, "CONFIG3"),
    (CONFIG4, 1, "CONFIG4"),
    (TESTR, 1, "TESTR"),
    (PGSELECT, 1, "PGSELECT"),
    (SECURITY, 1, "SECURITY"),
    (ANAPARAM2, 4, "ANAPARAM2"),
    (BEACON_INTERVAL, 2, "BEACON_INTERVAL"),
    (ATIM_WND, 2, "ATIM_WND"),
    (BEACON_INTERVAL_TIME, 2, "BEACON_INTERVAL_TIME"),
    (ATIMTR_INTERVAL, 2, "ATIMTR_INTERVAL"),
    (PHY_DELAY, 1, "PHY_DELAY"),
    (CARRIER_SENSE_COUNTER, 1, "CARRIER_SENSE_COUNTER"),
    (PHY, 4, "PHY"),
    (RF_PINS_OUTPUT, 2, "RF_PINS_OUTPUT"),
    (RF_PINS_ENABLE, 2, "RF_PINS_ENABLE"),
    (RF_PINS_SELECT, 2, "RF_PINS_SELECT"),
    (RF_PINS_INPUT, 2, "RF_PINS_INPUT"),
    (RF_PARA, 4, "RF_PARA"),
    (RF_TIMING, 4, "RF_TIMING"),
    (GP_ENABLE, 1, "GP_ENABLE"),
    (GPIO0, 1, "GPIO0"),
    (GPIO1, 1, "GPIO1"),
    (HSSI_PARA, 4, "HSSI_PARA"),
    (TX_AGC_CTL, 1, "TX_AGC_CTL"),
    (TX_GAIN_CCK, 1, "TX_GAIN_CCK"),
    (TX_GAIN_OFDM, 1, "TX_GAIN_OFDM"),
    (TX_ANTENNA, 1, "TX_ANTENNA"),
    (WPA_CONF, 1, "WPA_CONF"),
    (SIFS, 1, "SIFS"),
    (DIFS, 1, "DIFS"),
    (SLOT, 1, "SLOT"),
    (CW_CONF, 1, "CW_CONF"),
    (CW_VAL, 1, "CW_VAL"),
    (RATE_FALLBACK, 1, "RATE_FALLBACK"),
    (ACM_CONTROL, 1, "ACM_CONTROL"),
    (CONFIG5, 1, "CONFIG5"),
    (TX_DMA_POLLING, 1, "TX_DMA_POLLING"),
    (CWR, 2, "CWR"),
    (RETRY_CTR, 1, "RETRY_CTR"),
    (INT_MIG, 2, "INT_MIG"),
    (TID_AC_MAP, 2, "TID_AC_MAP"),
    (ANAPARAM3, 2, "ANAPARAM3"),
    (0xF0, 4, "AC_VO_PARAM"),
    (0xF4, 4, "AC_VI_PARAM"),
    (0xF8, 2, "AC_BE_PARAM"),
    (TALLY_CNT, 2, "TALLY_CNT"),
    (TALLY_SEL, 1, "TALLY_SEL"),
];

/// Human-readable name of an access, e.g. `TX_CONF`, `MAC+3`, `p1:0xfe`, `usb:0x18`.
pub fn name_of(block: Block, page: u8, offset: u8) -> String {
    match block {
        Block::Usb => format!("usb:{offset:#04x}"),
        Block::Mac if page == 1 && offset == ASIC_REV => "ASIC_REV".to_string(),
        Block::Mac if page == 0 && offset == B_REVISION => "B_REVISION".to_string(),
        Block::Mac if page != 0 => format!("p{page}:{offset:#04x}"),
        Block::Mac => NAMES
            .iter()
            .find(|(start, width, _)| {
                offset >= *start && u16::from(offset) < u16::from(*start) + u16::from(*width)
            })
            .map(|(start, _, name)| {
                if offset == *start {
                    (*name).to_string()
                } else {
                    format!("{name}+{}", offset - start)
                }
            })
            .unwrap_or_else(|| format!("{offset:#04x}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_blocks_and_rejects_the_rest() {
        assert_eq!(decode(0xFF37), Some((Block::Mac, CMD)));
        assert_eq!(decode(0xFE18), Some((Block::Usb, 0x18)));
        assert_eq!(decode(0x0007), None);
    }

    #[test]
    fn names_registers_and_their_bytes() {
        assert_eq!(name_of(Block::Mac, 0, TX_CONF), "TX_CONF");
        assert_eq!(name_of(Block::Mac, 0, MAC + 3), "MAC+3");
        assert_eq!(name_of(Block::Mac, 1, ASIC_REV), "ASIC_REV");
        assert_eq!(name_of(Block::Usb, 0, 0x53), "usb:0x53");
        assert_eq!(name_of(Block::Mac, 0, 0xC3), "0xc3");
    }
}
