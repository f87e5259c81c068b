//! `rwlan dev IFACE vendor send [--nested] OUI SUBCMD DATA...`: a vendor command
//! (`NL80211_CMD_VENDOR`) with its data, printing the driver's reply as
//! `iw vendor send` does.

use std::io::Read;

use clap::Subcommand;
use serde::Serialize;

use super::{parse_u32, Ctx};
use crate::error::Error;
use crate::nl80211::attr::first_reply;
use crate::nl80211::{Attr, Cmd};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Subcommand)]
pub enum VendorCommand {
    /// Send vendor command SUBCMD of OUI (numbers, 0x for hex) with DATA:
    /// hex bytes, in one word or several (`08 00 08 00`, `0x08`,
    /// `08000800`), or `-` for raw bytes from standard input.
    Send {
        /// DATA is netlink attributes: mark it nested, as a command with an
        /// attribute policy requires (the kernel says "expected nested
        /// data" otherwise).
        #[arg(long)]
        nested: bool,
        #[arg(value_parser = parse_u32)]
        oui: u32,
        #[arg(value_parser = parse_u32)]
        subcmd: u32,
        #[arg(allow_hyphen_values = true)]
        data: Vec<String>,
    },
}

/// What a vendor command answered.
#[derive(Debug, Serialize)]
struct Reply {
    ifname: String,
    oui: u32,
    subcmd: u32,
    /// The reply's vendor data in hex; absent if the driver sent none.
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<String>,
}

/// Bytes as `iw` dumps them: two hex digits each, space-separated.
pub fn hex_bytes(data: &[u8]) -> String {
    data.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command's data from its words (see [`VendorCommand::Send`]).
fn parse_data(words: &[String]) -> Result<Vec<u8>, Error> {
    if let [only] = words {
        if only == "-" {
            let mut data = Vec::new();
            std::io::stdin()
                .read_to_end(&mut data)
                .map_err(|e| Error::io("reading vendor data from standard input", e))?;
            return Ok(data);
        }
    }
    let mut data = Vec::new();
    for word in words {
        let digits = word.strip_prefix("0x").unwrap_or(word);
        if digits.is_empty() || digits.len() % 2 != 0 {
            return Err(Error::Usage(format!(
                "'{word}' is not hex bytes (an even number of hex digits)"
            )));
        }
        for pair in digits.as_bytes().chunks(2) {
            let byte = std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or_else(|| Error::Usage(format!("'{word}' is not hex bytes")))?;
            data.push(byte);
        }
    }
    Ok(data)
}

pub fn run(ctx: &Ctx, name: &str, idx: u32, what: VendorCommand) -> Result<(), Error> {
    let VendorCommand::Send {
        nested,
        oui,
        subcmd,
        data,
    } = what;
    if oui > 0xff_ffff {
        return Err(Error::Usage(format!("OUI {oui:#x} has more than 24 bits")));
    }
    let data = parse_data(&data)?;
    let mut nl = Nl80211::connect()?;
    let replies = nl.request(Cmd::Vendor, |w| {
        w.u32(Attr::Ifindex, idx)
            .u32(Attr::VendorId, oui)
            .u32(Attr::VendorSubcmd, subcmd);
        match (data.is_empty(), nested) {
            (true, _) => {}
            (false, true) => {
                w.nested_bytes(Attr::VendorData, &data);
            }
            (false, false) => {
                w.bytes(Attr::VendorData, &data);
            }
        }
    })?;
    let reply = first_reply(&replies)?;
    let reply = Reply {
        ifname: name.to_owned(),
        oui,
        subcmd,
        data: reply.and_then(|a| a.bytes(Attr::VendorData)).map(hex_bytes),
    };
    crate::output::emit(ctx.json, &reply, |r| match &r.data {
        Some(d) => format!("vendor response: {d}\n"),
        None => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::{hex_bytes, parse_data};

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn data_in_any_word_split() {
        let want = vec![8, 0, 8, 0, 5, 0, 0, 0];
        for form in [
            "08 00 08 00 05 00 00 00",
            "0800080005000000",
            "0x08 0x00 0800 0x0500 0000",
        ] {
            assert_eq!(parse_data(&words(form)).ok(), Some(want.clone()), "{form}");
        }
        assert_eq!(parse_data(&[]).ok(), Some(Vec::new()));
    }

    #[test]
    fn data_that_is_not_hex_bytes_is_refused() {
        for bad in ["8", "0x", "zz", "080", "08 0g"] {
            assert!(parse_data(&words(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn bytes_print_as_iw_dumps_them() {
        assert_eq!(hex_bytes(&[8, 0, 0x2b, 0xff]), "08 00 2b ff");
        assert_eq!(hex_bytes(&[]), "");
    }
}
