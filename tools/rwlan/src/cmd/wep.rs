//! Static WEP keys as `iw connect` takes them: `[d:]INDEX:KEY`, the key
//! either 5 or 13 characters (WEP-40, WEP-104) or 10 or 26 hex digits.

use std::str::FromStr;

use crate::ieee80211::{CIPHER_WEP104, CIPHER_WEP40};

/// One key for `connect --key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WepKey {
    /// Key slot 0-3.
    pub index: u8,
    /// The key to send with (`d:`).
    pub default: bool,
    /// 5 or 13 bytes.
    pub data: Vec<u8>,
}

impl WepKey {
    /// The cipher suite selector of the key's length.
    pub fn cipher(&self) -> u32 {
        if self.data.len() == 5 {
            CIPHER_WEP40
        } else {
            CIPHER_WEP104
        }
    }
}

impl FromStr for WepKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (default, rest) = match s.strip_prefix("d:") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (index, key) = rest
            .split_once(':')
            .ok_or_else(|| format!("'{s}' is not [d:]INDEX:KEY"))?;
        let index = match index.parse::<u8>() {
            Ok(i) if i <= 3 => i,
            _ => return Err(format!("WEP key index '{index}' is not 0-3")),
        };
        let data = match key.len() {
            5 | 13 => key.as_bytes().to_vec(),
            10 | 26 => (0..key.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&key[i..i + 2], 16))
                .collect::<Result<_, _>>()
                .map_err(|_| format!("WEP key '{key}' is not hex digits"))?,
            n => {
                return Err(format!(
                    "a WEP key has 5 or 13 characters, or 10 or 26 hex digits, not {n}"
                ))
            }
        };
        Ok(WepKey {
            index,
            default,
            data,
        })
    }
}

/// Checks a set of keys: distinct slots, at most one default; the first
/// key is the default when none is marked.
pub fn default_index(keys: &[WepKey]) -> Result<Option<u8>, String> {
    for (i, k) in keys.iter().enumerate() {
        if keys[..i].iter().any(|o| o.index == k.index) {
            return Err(format!("WEP key {} given twice", k.index));
        }
    }
    let mut defaults = keys.iter().filter(|k| k.default);
    let first = defaults.next();
    if defaults.next().is_some() {
        return Err("only one WEP key can be the default (d:)".into());
    }
    Ok(first.or(keys.first()).map(|k| k.index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_iw_form() {
        let k: WepKey = "d:1:6162636465".parse().expect("hex key");
        assert_eq!(
            (k.index, k.default, k.data.as_slice()),
            (1, true, &b"abcde"[..])
        );
        assert_eq!(k.cipher(), CIPHER_WEP40);
        let k: WepKey = "0:abcdefghijklm".parse().expect("ascii key");
        assert_eq!((k.index, k.default, k.data.len()), (0, false, 13));
        assert_eq!(k.cipher(), CIPHER_WEP104);
        for bad in [
            "abcde",
            "4:abcde",
            "0:abcd",
            "0:zz62636465",
            "x:abcde",
            "d:0:",
        ] {
            assert!(bad.parse::<WepKey>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn one_default() {
        let k = |s: &str| s.parse::<WepKey>().expect("key");
        assert_eq!(default_index(&[k("0:abcde"), k("1:abcde")]), Ok(Some(0)));
        assert_eq!(default_index(&[k("0:abcde"), k("d:1:abcde")]), Ok(Some(1)));
        assert!(default_index(&[k("d:0:abcde"), k("d:1:abcde")]).is_err());
        assert!(default_index(&[k("0:abcde"), k("0:fghij")]).is_err());
        assert_eq!(default_index(&[]), Ok(None));
    }
}
