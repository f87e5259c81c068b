//! The standard descriptors of a [`UsbLayout`], for a transport that
//! answers GET_DESCRIPTOR itself (Raw Gadget): one configuration, one
//! vendor-specific interface with the layout's bulk endpoints, high speed.

use super::{BulkEndpoint, UsbLayout};

pub const DT_DEVICE: u8 = 1;
pub const DT_CONFIG: u8 = 2;
pub const DT_STRING: u8 = 3;
pub const DT_INTERFACE: u8 = 4;
pub const DT_ENDPOINT: u8 = 5;
pub const DT_DEVICE_QUALIFIER: u8 = 6;

/// The configuration's bConfigurationValue.
pub const CONFIG_VALUE: u8 = 1;
/// bMaxPower in 2 mA units: 500 mA, as a bus-powered dongle asks.
pub const MAX_POWER: u8 = 250;
/// High-speed bulk packets.
pub const BULK_MAX_PACKET: u16 = 512;
const EP0_MAX_PACKET: u8 = 64;
const USB_2_0: u16 = 0x0200;
const DEVICE_RELEASE: u16 = 0x0100;
const LANGUAGE_EN_US: u16 = 0x0409;

/// String indexes.
const STR_MANUFACTURER: u8 = 1;
const STR_PRODUCT: u8 = 2;
const STR_SERIAL: u8 = 3;
const STR_CONFIGURATION: u8 = 4;

pub fn device(layout: &UsbLayout) -> Vec<u8> {
    let mut d = vec![18, DT_DEVICE];
    d.extend_from_slice(&USB_2_0.to_le_bytes());
    // Class, subclass, protocol: per interface.
    d.extend_from_slice(&[0, 0, 0, EP0_MAX_PACKET]);
    d.extend_from_slice(&layout.id.vendor.to_le_bytes());
    d.extend_from_slice(&layout.id.product.to_le_bytes());
    d.extend_from_slice(&DEVICE_RELEASE.to_le_bytes());
    d.extend_from_slice(&[STR_MANUFACTURER, STR_PRODUCT, STR_SERIAL, 1]);
    d
}

/// The device qualifier: what the device would be at the other speed.
pub fn device_qualifier() -> Vec<u8> {
    let mut d = vec![10, DT_DEVICE_QUALIFIER];
    d.extend_from_slice(&USB_2_0.to_le_bytes());
    d.extend_from_slice(&[0, 0, 0, EP0_MAX_PACKET, 1, 0]);
    d
}

/// The 7-byte endpoint descriptor of a bulk endpoint.
pub fn endpoint(ep: &BulkEndpoint) -> [u8; 7] {
    let [lo, hi] = BULK_MAX_PACKET.to_le_bytes();
    [7, DT_ENDPOINT, ep.address(), 0x02, lo, hi, 0]
}

/// The configuration with its interface and endpoint descriptors.
pub fn configuration(layout: &UsbLayout) -> Vec<u8> {
    let endpoints = layout.endpoints.len();
    let total = 9 + 9 + 7 * endpoints;
    let mut d = vec![9, DT_CONFIG];
    d.extend_from_slice(&u16::try_from(total).unwrap_or(u16::MAX).to_le_bytes());
    // One interface, this configuration's value and name, bus powered.
    d.extend_from_slice(&[1, CONFIG_VALUE, STR_CONFIGURATION, 0x80, MAX_POWER]);
    let count = u8::try_from(endpoints).unwrap_or(u8::MAX);
    d.extend_from_slice(&[
        9,
        DT_INTERFACE,
        0,
        0,
        count,
        0xFF,
        0xFF,
        0xFF,
        STR_CONFIGURATION,
    ]);
    for ep in &layout.endpoints {
        d.extend_from_slice(&endpoint(ep));
    }
    d
}

/// String descriptor `index` (0: the language list), if there is one.
pub fn string(layout: &UsbLayout, serial: &str, index: u8) -> Option<Vec<u8>> {
    let text = match index {
        0 => {
            let [lo, hi] = LANGUAGE_EN_US.to_le_bytes();
            return Some(vec![4, DT_STRING, lo, hi]);
        }
        STR_MANUFACTURER => layout.manufacturer,
        STR_PRODUCT => layout.product,
        STR_SERIAL => serial,
        STR_CONFIGURATION => layout.configuration,
        _ => return None,
    };
    // UTF-16LE, at most what a one-byte length can describe.
    let mut d = vec![0, DT_STRING];
    for unit in text.encode_utf16().take(126) {
        d.extend_from_slice(&unit.to_le_bytes());
    }
    d[0] = u8::try_from(d.len()).unwrap_or(u8::MAX);
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usb::UsbId;

    #[test]
    fn device_descriptor_carries_the_ids() {
        let d = device(&UsbLayout::rtl8187l(UsbId::RTL8187));
        assert_eq!(d.len(), 18);
        assert_eq!(&d[8..12], &[0xda, 0x0b, 0x87, 0x81]);
        assert_eq!(d[17], 1);
    }

    #[test]
    fn configuration_lists_the_endpoints_with_their_numbers() {
        let d = configuration(&UsbLayout::rtl8187l(UsbId::RTL8187));
        assert_eq!(d.len(), 32);
        assert_eq!(u16::from_le_bytes([d[2], d[3]]), 32);
        assert_eq!(d[9 + 4], 2);
        assert_eq!(&d[18..25], &[7, DT_ENDPOINT, 0x81, 2, 0x00, 0x02, 0]);
        assert_eq!(&d[25..32], &[7, DT_ENDPOINT, 0x02, 2, 0x00, 0x02, 0]);
    }

    #[test]
    fn strings_are_utf16_with_their_length() {
        let l = UsbLayout::rtl8187l(UsbId::RTL8187);
        assert_eq!(string(&l, "s", 0), Some(vec![4, 3, 0x09, 0x04]));
        assert_eq!(
            string(&l, "rwlan", STR_SERIAL),
            Some(vec![12, 3, b'r', 0, b'w', 0, b'l', 0, b'a', 0, b'n', 0])
        );
        assert_eq!(string(&l, "s", 9), None);
    }
}
