//! Reads rwlan_rtl8187's USB device table from the driver's source, so that
//! `rwlan usb` names the IDs the driver really serves.

use std::env;
use std::fs;
use std::path::PathBuf;

const DRIVER: &str = "../../driver/rtl8187/rwlan_rtl8187.rs";

fn main() {
    println!("cargo:rerun-if-changed={DRIVER}");
    let source = fs::read_to_string(DRIVER)
        .unwrap_or_else(|e| panic!("cannot read {DRIVER} for its USB ID table: {e}"));
    let ids = device_table(&source)
        .unwrap_or_else(|| panic!("no usb_device_table!(...) with IDs in {DRIVER}"));
    let mut out = String::from(
        "/// rwlan_rtl8187's USB device table (vendor, product), from its source.\n\
         pub const RWLAN_RTL8187_IDS: &[(u16, u16)] = &[\n",
    );
    for (vendor, product) in ids {
        out.push_str(&format!("    (0x{vendor:04x}, 0x{product:04x}),\n"));
    }
    out.push_str("];\n");
    let path = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("rwlan_rtl8187_ids.rs");
    fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The `(vendor, product, info)` entries of the first `usb_device_table!`.
fn device_table(source: &str) -> Option<Vec<(u16, u16)>> {
    let start = source.find("usb_device_table!(")?;
    let body = &source[start..];
    let body = &body[..body.find(");")?];
    let mut ids = Vec::new();
    for line in body.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        let Some(tuple) = line.strip_prefix('(') else {
            continue;
        };
        let fields: Vec<&str> = tuple.split(',').map(str::trim).collect();
        if fields.len() < 2 {
            continue;
        }
        let hex = |s: &str| u16::from_str_radix(s.trim_start_matches("0x"), 16).ok();
        ids.push((hex(fields[0])?, hex(fields[1])?));
    }
    (!ids.is_empty()).then_some(ids)
}
