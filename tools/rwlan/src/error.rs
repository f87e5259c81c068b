//! The error every command returns, and how `main` turns it into one
//! sentence and an exit code that scripts can rely on.

use rwlan_net::genl::NlError;

/// Exit codes, documented in the README.
pub mod exit {
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NOT_FOUND: u8 = 3;
    pub const PERMISSION: u8 = 4;
    pub const TIMEOUT: u8 = 5;
    pub const NOT_SUPPORTED: u8 = 6;
    pub const BUSY: u8 = 7;
    pub const REFUSED: u8 = 8;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Netlink(#[from] NlError),
    #[error("no such interface: {0}")]
    NoInterface(String),
    #[error("no such wiphy: {0}")]
    NoPhy(String),
    #[error("{0}")]
    Usage(String),
    #[error("timed out after {secs} s waiting for {what}")]
    Timeout { what: String, secs: u64 },
    /// The kernel gave up on a peer that never answered (its own timeout).
    #[error("no answer from {0}: the kernel timed out waiting for it")]
    Unanswered(String),
    #[error("{what} failed: {reason}")]
    Refused { what: String, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Usb(#[from] crate::cmd::usb::UsbError),
    #[error("cannot write pcap file: {0}")]
    Pcap(#[from] pcap_file::PcapError),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<crate::nl80211::attr::AttrError> for Error {
    fn from(e: crate::nl80211::attr::AttrError) -> Self {
        Error::Netlink(NlError::Malformed(e))
    }
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// The user-facing sentence: errno and extack turned into advice.
    pub fn report(&self) -> String {
        match self {
            Error::Netlink(NlError::Kernel { cmd, errno, extack }) => {
                let what = describe_cmd(cmd);
                let base = match *errno {
                    libc::EPERM | libc::EACCES => format!(
                        "permission denied while trying to {what}: run as root or grant CAP_NET_ADMIN"
                    ),
                    libc::ENODEV => format!("cannot {what}: no such device"),
                    libc::ENETDOWN => format!(
                        "cannot {what}: the interface is down (bring it up with 'ip link set IFACE up')"
                    ),
                    libc::EOPNOTSUPP => {
                        format!("cannot {what}: the driver does not support this operation")
                    }
                    libc::EBUSY => format!(
                        "cannot {what}: the device is busy (another scan or connection in progress?)"
                    ),
                    libc::EALREADY => format!("cannot {what}: already connected or in progress"),
                    libc::ENOLINK | libc::ENOTCONN => format!("cannot {what}: not connected"),
                    libc::ENOENT => format!("cannot {what}: no such entry"),
                    libc::EINVAL => format!("cannot {what}: the kernel rejected the arguments"),
                    _ => format!(
                        "cannot {what}: {}",
                        std::io::Error::from_raw_os_error(*errno)
                    ),
                };
                match extack {
                    Some(msg) if !msg.is_empty() => format!("{base} (kernel says: {msg})"),
                    _ => base,
                }
            }
            Error::Io { context, source } if is_permission(source) => {
                format!(
                    "{context}: permission denied: run as root or grant CAP_NET_RAW/CAP_NET_ADMIN"
                )
            }
            other => other.to_string(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Netlink(NlError::Kernel { errno, .. }) => match *errno {
                libc::EPERM | libc::EACCES => exit::PERMISSION,
                libc::ENODEV | libc::ENOENT => exit::NOT_FOUND,
                libc::EOPNOTSUPP => exit::NOT_SUPPORTED,
                libc::EBUSY | libc::EALREADY => exit::BUSY,
                _ => exit::FAILURE,
            },
            Error::Netlink(NlError::NoFamily(_)) => exit::NOT_SUPPORTED,
            Error::Netlink(NlError::NoReply { .. }) => exit::TIMEOUT,
            Error::NoInterface(_) | Error::NoPhy(_) => exit::NOT_FOUND,
            Error::Usage(_) => exit::USAGE,
            Error::Timeout { .. } | Error::Unanswered(_) => exit::TIMEOUT,
            Error::Refused { .. } => exit::REFUSED,
            Error::Io { source, .. } if is_permission(source) => exit::PERMISSION,
            Error::Io { source, .. }
                if matches!(source.raw_os_error(), Some(libc::ENODEV | libc::ENOENT)) =>
            {
                exit::NOT_FOUND
            }
            Error::Usb(e) => e.exit_code(),
            _ => exit::FAILURE,
        }
    }
}

fn is_permission(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::PermissionDenied
        || matches!(e.raw_os_error(), Some(libc::EPERM | libc::EACCES))
}

/// nl80211 command name → what the user asked for, for error sentences.
fn describe_cmd(cmd: &str) -> String {
    let text = match cmd {
        "trigger_scan" => "start a scan",
        "get_scan" => "read scan results",
        "connect" => "connect",
        "disconnect" => "disconnect",
        "new_interface" => "add the interface",
        "del_interface" => "delete the interface",
        "set_interface" => "change the interface type",
        "set_wiphy" => "set the channel or wiphy setting",
        "set_wiphy_netns" => "move the wiphy to that namespace",
        "del_station" => "delete the station",
        "abort_scan" => "abort the scan",
        "join_ibss" => "join the IBSS",
        "leave_ibss" => "leave the IBSS",
        "join_mesh" => "join the mesh",
        "leave_mesh" => "leave the mesh",
        "remain_on_channel" => "go off channel",
        "set_power_save" => "set power save",
        "get_power_save" => "read power save",
        "get_station" => "read station information",
        "get_interface" => "read interface information",
        "get_wiphy" => "read wiphy information",
        "get_survey" => "read the survey",
        "req_set_reg" => "set the regulatory domain",
        "reload_regdb" => "reload the regulatory database",
        "new_radio" => "create the radio",
        "del_radio" => "delete the radio",
        "get_radio" => "read the radios",
        other => return format!("run nl80211 {other}"),
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kernel(cmd: &'static str, errno: i32, extack: Option<&str>) -> Error {
        Error::Netlink(NlError::Kernel {
            cmd,
            errno,
            extack: extack.map(str::to_owned),
        })
    }

    #[test]
    fn errno_sentences_and_codes() {
        let e = kernel("trigger_scan", libc::EPERM, None);
        assert!(e
            .report()
            .starts_with("permission denied while trying to start a scan"));
        assert_eq!(e.exit_code(), exit::PERMISSION);
        let e = kernel("trigger_scan", libc::ENETDOWN, None);
        assert!(e.report().contains("interface is down"));
        assert_eq!(e.exit_code(), exit::FAILURE);
        let e = kernel("set_interface", libc::EOPNOTSUPP, None);
        assert_eq!(e.exit_code(), exit::NOT_SUPPORTED);
        let e = kernel("connect", libc::EINVAL, Some("invalid SSID"));
        assert_eq!(
            e.report(),
            "cannot connect: the kernel rejected the arguments (kernel says: invalid SSID)"
        );
        let e = kernel("trigger_scan", libc::EBUSY, None);
        assert_eq!(e.exit_code(), exit::BUSY);
        assert_eq!(Error::NoInterface("x".into()).exit_code(), exit::NOT_FOUND);
    }
}
