//! `reg get`, `reg set` and `reg reload`: the regulatory domains cfg80211
//! applies (the global one and those of self-managed wiphys), the user's
//! country hint and the database reload, as iw's `reg` commands.

use std::fmt::Write;

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::{Attrs, GenlMessage};
use crate::nl80211::{Attr, Cmd, DfsRegion, RegRuleAttr, RegRuleFlag, UserRegHint};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Subcommand)]
pub enum RegCommand {
    /// The regulatory domains in force: global, then self-managed wiphys.
    Get,
    /// Hint cfg80211 the country we are in (ISO 3166 alpha2, or 00 for world).
    Set {
        /// Two capital letters, e.g. DE.
        country: String,
    },
    /// Read regulatory.db again (after it was installed or updated).
    Reload,
}

/// One regulatory domain, as cfg80211 reports it.
#[derive(Debug, Serialize)]
pub struct Domain {
    /// The wiphy whose own domain this is; none for the global one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wiphy: Option<u32>,
    pub self_managed: bool,
    pub country: String,
    pub dfs_region: &'static str,
    pub rules: Vec<Rule>,
}

/// One frequency range of a domain; powers in dBm, gain in dBi.
#[derive(Debug, Serialize)]
pub struct Rule {
    pub start_mhz: u32,
    pub end_mhz: u32,
    pub max_bw_mhz: u32,
    pub max_antenna_gain_dbi: Option<u32>,
    pub max_eirp_dbm: u32,
    pub dfs_cac_ms: Option<u32>,
    pub flags: Vec<&'static str>,
}

pub fn run(ctx: &Ctx, command: &RegCommand) -> Result<(), Error> {
    match command {
        RegCommand::Get => get(ctx),
        RegCommand::Set { country } => set(ctx, country),
        RegCommand::Reload => {
            Nl80211::connect()?.request(Cmd::ReloadRegdb, |_| {})?;
            crate::output::emit_result(ctx.json, &serde_json::json!({}))
        }
    }
}

fn get(ctx: &Ctx) -> Result<(), Error> {
    let replies = Nl80211::connect()?.dump(Cmd::GetReg, |_| {})?;
    show(ctx, &replies)
}

/// `phy PHY reg get`: the wiphy's own domain, or the global one it follows.
pub fn get_wiphy(ctx: &Ctx, wiphy: u32) -> Result<(), Error> {
    let replies = Nl80211::connect()?.request(Cmd::GetReg, |w| {
        w.u32(Attr::Wiphy, wiphy);
    })?;
    show(ctx, &replies)
}

fn show(ctx: &Ctx, replies: &[Vec<u8>]) -> Result<(), Error> {
    let mut domains = Vec::new();
    for payload in replies {
        domains.push(decode(&Attrs::parse(GenlMessage::parse(payload)?.attrs)?)?);
    }
    if ctx.json {
        return crate::output::emit_result(true, &domains);
    }
    let mut out = String::new();
    for d in &domains {
        render(&mut out, d);
    }
    crate::output::print(&out)
}

fn set(ctx: &Ctx, country: &str) -> Result<(), Error> {
    let valid =
        country.len() == 2 && (country == "00" || country.bytes().all(|b| b.is_ascii_uppercase()));
    if !valid {
        return Err(Error::Usage(format!(
            "'{country}' is not a country: two capital letters (ISO 3166 alpha2), or 00"
        )));
    }
    let mut nl = Nl80211::connect()?;
    nl.request(Cmd::ReqSetReg, |w| {
        w.string(Attr::RegAlpha2, country)
            .u32(Attr::UserRegHintType, UserRegHint::User.raw());
    })?;
    crate::output::emit_result(ctx.json, &serde_json::json!({ "country": country }))
}

fn decode(a: &Attrs) -> Result<Domain, Error> {
    let alpha2 = a.bytes(Attr::RegAlpha2).unwrap_or_default();
    let country =
        String::from_utf8_lossy(alpha2.split(|b| *b == 0).next().unwrap_or_default()).into_owned();
    let dfs = a.u8(Attr::DfsRegion)?.and_then(DfsRegion::from_raw);
    let mut rules = Vec::new();
    if let Some(list) = a.nested(Attr::RegRules)? {
        for r in list.iter() {
            rules.push(decode_rule(&r.nested()?)?);
        }
    }
    Ok(Domain {
        wiphy: a.u32(Attr::Wiphy)?,
        self_managed: a.has(Attr::WiphySelfManagedReg),
        country,
        dfs_region: dfs_label(dfs),
        rules,
    })
}

fn decode_rule(r: &Attrs) -> Result<Rule, Error> {
    let khz = |k| -> Result<u32, Error> { Ok(r.u32(k)?.unwrap_or(0) / 1000) };
    let flags = r.u32(RegRuleAttr::RegRuleFlags)?.unwrap_or(0);
    let gain = r.u32(RegRuleAttr::PowerRuleMaxAntGain)?.unwrap_or(0) / 100;
    Ok(Rule {
        start_mhz: khz(RegRuleAttr::FreqRangeStart)?,
        end_mhz: khz(RegRuleAttr::FreqRangeEnd)?,
        max_bw_mhz: khz(RegRuleAttr::FreqRangeMaxBw)?,
        max_antenna_gain_dbi: (gain != 0).then_some(gain),
        max_eirp_dbm: r.u32(RegRuleAttr::PowerRuleMaxEirp)?.unwrap_or(0) / 100,
        dfs_cac_ms: if flags & RegRuleFlag::Dfs.raw() != 0 {
            r.u32(RegRuleAttr::DfsCacTime)?
        } else {
            None
        },
        flags: FLAG_LABELS
            .iter()
            .filter(|(f, _)| flags & f.raw() != 0)
            .map(|(_, label)| *label)
            .collect(),
    })
}

/// The rule flags iw prints, in its order and words.
const FLAG_LABELS: &[(RegRuleFlag, &str)] = &[
    (RegRuleFlag::NoOfdm, "NO-OFDM"),
    (RegRuleFlag::NoCck, "NO-CCK"),
    (RegRuleFlag::NoIndoor, "NO-INDOOR"),
    (RegRuleFlag::NoOutdoor, "NO-OUTDOOR"),
    (RegRuleFlag::Dfs, "DFS"),
    (RegRuleFlag::PtpOnly, "PTP-ONLY"),
    (RegRuleFlag::AutoBw, "AUTO-BW"),
    (RegRuleFlag::IrConcurrent, "IR-CONCURRENT"),
    (RegRuleFlag::NoHt40minus, "NO-HT40MINUS"),
    (RegRuleFlag::NoHt40plus, "NO-HT40PLUS"),
    (RegRuleFlag::No80mhz, "NO-80MHZ"),
    (RegRuleFlag::No160mhz, "NO-160MHZ"),
    (RegRuleFlag::NoHe, "NO-HE"),
    // iw 5.19 still calls NO_IR by its older name.
    (RegRuleFlag::NoIr, "PASSIVE-SCAN"),
];

fn dfs_label(region: Option<DfsRegion>) -> &'static str {
    match region {
        Some(DfsRegion::Fcc) => "DFS-FCC",
        Some(DfsRegion::Etsi) => "DFS-ETSI",
        Some(DfsRegion::Jp) => "DFS-JP",
        Some(DfsRegion::Unset) | None => "DFS-UNSET",
    }
}

/// One domain as `iw reg get` prints it.
fn render(out: &mut String, d: &Domain) {
    match d.wiphy {
        Some(p) => {
            let managed = if d.self_managed {
                " (self-managed)"
            } else {
                ""
            };
            let _ = writeln!(out, "phy#{p}{managed}");
        }
        None => out.push_str("global\n"),
    }
    let _ = writeln!(out, "country {}: {}", d.country, d.dfs_region);
    for r in &d.rules {
        let gain = r
            .max_antenna_gain_dbi
            .map_or_else(|| "N/A".to_owned(), |g| g.to_string());
        let cac = r
            .dfs_cac_ms
            .map_or_else(|| "N/A".to_owned(), |ms| format!("{ms} ms"));
        let _ = write!(
            out,
            "\t({} - {} @ {}), ({gain}, {}), ({cac})",
            r.start_mhz, r.end_mhz, r.max_bw_mhz, r.max_eirp_dbm
        );
        for f in &r.flags {
            let _ = write!(out, ", {f}");
        }
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_iw() {
        let d = Domain {
            wiphy: None,
            self_managed: false,
            country: "DE".into(),
            dfs_region: dfs_label(Some(DfsRegion::Etsi)),
            rules: vec![
                Rule {
                    start_mhz: 2400,
                    end_mhz: 2483,
                    max_bw_mhz: 40,
                    max_antenna_gain_dbi: None,
                    max_eirp_dbm: 20,
                    dfs_cac_ms: None,
                    flags: vec![],
                },
                Rule {
                    start_mhz: 5250,
                    end_mhz: 5350,
                    max_bw_mhz: 80,
                    max_antenna_gain_dbi: Some(6),
                    max_eirp_dbm: 20,
                    dfs_cac_ms: Some(60000),
                    flags: vec!["NO-OUTDOOR", "DFS", "AUTO-BW"],
                },
            ],
        };
        let mut out = String::new();
        render(&mut out, &d);
        assert_eq!(
            out,
            "global\ncountry DE: DFS-ETSI\n\t(2400 - 2483 @ 40), (N/A, 20), (N/A)\n\
             \t(5250 - 5350 @ 80), (6, 20), (60000 ms), NO-OUTDOOR, DFS, AUTO-BW\n\n"
        );
    }

    #[test]
    fn self_managed_wiphy_heading() {
        let d = Domain {
            wiphy: Some(3),
            self_managed: true,
            country: "US".into(),
            dfs_region: dfs_label(None),
            rules: vec![],
        };
        let mut out = String::new();
        render(&mut out, &d);
        assert_eq!(out, "phy#3 (self-managed)\ncountry US: DFS-UNSET\n\n");
    }
}
