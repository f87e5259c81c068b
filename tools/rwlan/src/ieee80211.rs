//! IEEE 802.11 numbers that rwlan prints by name: status and reason codes,
//! cipher and AKM suites. Unknown values print as their number.

/// WEP-40's cipher suite selector.
pub const CIPHER_WEP40: u32 = 0x000f_ac01;
/// WEP-104's cipher suite selector.
pub const CIPHER_WEP104: u32 = 0x000f_ac05;

/// Cipher suite selector (OUI << 8 | type) → name, as iw prints them.
pub fn cipher_name(suite: u32) -> String {
    let name = match suite {
        CIPHER_WEP40 => "WEP40 (00-0f-ac:1)",
        CIPHER_WEP104 => "WEP104 (00-0f-ac:5)",
        0x000f_ac02 => "TKIP (00-0f-ac:2)",
        0x000f_ac04 => "CCMP-128 (00-0f-ac:4)",
        0x000f_ac06 => "CMAC (00-0f-ac:6)",
        0x000f_ac08 => "GCMP-128 (00-0f-ac:8)",
        0x000f_ac09 => "GCMP-256 (00-0f-ac:9)",
        0x000f_ac0a => "CCMP-256 (00-0f-ac:10)",
        0x000f_ac0b => "GMAC-128 (00-0f-ac:11)",
        0x000f_ac0c => "GMAC-256 (00-0f-ac:12)",
        0x000f_ac0d => "CMAC-256 (00-0f-ac:13)",
        _ => {
            return format!(
                "{:02x}-{:02x}-{:02x}:{}",
                (suite >> 24) & 0xff,
                (suite >> 16) & 0xff,
                (suite >> 8) & 0xff,
                suite & 0xff
            )
        }
    };
    name.to_owned()
}

/// Cipher names inside RSN/WPA elements (short form, as in iw scan output).
pub fn suite_cipher(oui: [u8; 3], kind: u8) -> String {
    let known = match (oui, kind) {
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 0) => Some("Use group cipher suite"),
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 1) => Some("WEP-40"),
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 2) => Some("TKIP"),
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 4) => Some("CCMP"),
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 5) => Some("WEP-104"),
        ([0x00, 0x0f, 0xac], 6) => Some("AES-128-CMAC"),
        ([0x00, 0x0f, 0xac], 8) => Some("GCMP-128"),
        ([0x00, 0x0f, 0xac], 9) => Some("GCMP-256"),
        ([0x00, 0x0f, 0xac], 10) => Some("CCMP-256"),
        _ => None,
    };
    known.map_or_else(|| unknown_suite(oui, kind), str::to_owned)
}

/// AKM suite names inside RSN/WPA elements.
pub fn suite_akm(oui: [u8; 3], kind: u8) -> String {
    let known = match (oui, kind) {
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 1) => Some("IEEE 802.1X"),
        ([0x00, 0x0f, 0xac] | [0x00, 0x50, 0xf2], 2) => Some("PSK"),
        ([0x00, 0x0f, 0xac], 3) => Some("FT/IEEE 802.1X"),
        ([0x00, 0x0f, 0xac], 4) => Some("FT/PSK"),
        ([0x00, 0x0f, 0xac], 5) => Some("IEEE 802.1X/SHA-256"),
        ([0x00, 0x0f, 0xac], 6) => Some("PSK/SHA-256"),
        ([0x00, 0x0f, 0xac], 8) => Some("SAE"),
        ([0x00, 0x0f, 0xac], 9) => Some("FT/SAE"),
        ([0x00, 0x0f, 0xac], 18) => Some("OWE"),
        ([0x00, 0x0f, 0xac], 24) => Some("SAE-EXT-KEY"),
        _ => None,
    };
    known.map_or_else(|| unknown_suite(oui, kind), str::to_owned)
}

fn unknown_suite(oui: [u8; 3], kind: u8) -> String {
    format!("{:02x}-{:02x}-{:02x}:{kind}", oui[0], oui[1], oui[2])
}

/// IEEE 802.11 status codes (Table 9-50), the ones a connect can return.
pub fn status_name(code: u16) -> &'static str {
    match code {
        0 => "Successful",
        1 => "Unspecified failure",
        10 => "Cannot support all requested capabilities",
        11 => "Reassociation denied: association cannot be confirmed",
        12 => "Association denied for a reason outside the standard",
        13 => "Authentication algorithm not supported",
        14 => "Authentication transaction sequence number out of order",
        15 => "Authentication rejected: challenge failure",
        16 => "Authentication rejected: timeout waiting for next frame",
        17 => "Association denied: AP cannot handle more stations",
        18 => "Association denied: basic rates not supported",
        30 => "Association rejected temporarily, try again later",
        31 => "Robust management frame policy violation",
        37 => "Request declined",
        40 => "Invalid information element",
        41 => "Invalid group cipher",
        42 => "Invalid pairwise cipher",
        43 => "Invalid AKMP",
        45 => "Cipher suite rejected by policy",
        53 => "Invalid PMKID",
        72 => "Invalid RSNE capabilities",
        _ => "unknown status",
    }
}

/// IEEE 802.11 reason codes (Table 9-49) for deauthentication/disassociation.
pub fn reason_name(code: u16) -> &'static str {
    match code {
        1 => "Unspecified",
        2 => "Previous authentication no longer valid",
        3 => "Deauthenticated because sending station is leaving",
        4 => "Disassociated due to inactivity",
        5 => "Disassociated because AP is unable to handle all associated stations",
        6 => "Class 2 frame received from nonauthenticated station",
        7 => "Class 3 frame received from nonassociated station",
        8 => "Disassociated because sending station is leaving",
        9 => "Station requesting association is not authenticated",
        14 => "MIC failure",
        15 => "4-way handshake timeout",
        16 => "Group key handshake timeout",
        23 => "IEEE 802.1X authentication failed",
        _ => "unknown reason",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(cipher_name(0x000f_ac04), "CCMP-128 (00-0f-ac:4)");
        assert_eq!(cipher_name(0x0050_f201), "00-50-f2:1");
        assert_eq!(suite_akm([0, 0x0f, 0xac], 2), "PSK");
        assert_eq!(suite_cipher([1, 2, 3], 7), "01-02-03:7");
        assert_eq!(
            status_name(17),
            "Association denied: AP cannot handle more stations"
        );
        assert_eq!(
            reason_name(3),
            "Deauthenticated because sending station is leaving"
        );
    }
}
