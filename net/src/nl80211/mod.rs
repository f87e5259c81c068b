//! nl80211's numbers: every C enum of the kernel's uapi header as a Rust
//! enum (`table`, generated), and the trait the attribute codec takes them by.

mod table;

pub use table::*;

/// A number of the nl80211 ABI that can be compared with a raw wire value.
pub trait NlNumber: Copy {
    /// The value as carried in an attribute type, command byte or u32 field.
    fn number(self) -> u32;
}

/// Declares one nl80211 C enum: a Rust enum with `raw`, `from_raw` and the
/// kernel's name for each value. The whole ABI table is generated, so most
/// variants are unused by any one command.
#[macro_export]
macro_rules! nl_enum {
    ($(#[$meta:meta])* $name:ident : $repr:ty { $($variant:ident = $value:literal => $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(dead_code)]
        pub enum $name { $($variant,)* }

        #[allow(dead_code)]
        impl $name {
            /// The value on the wire.
            pub const fn raw(self) -> $repr {
                match self { $(Self::$variant => $value,)* }
            }
            /// The variant for a wire value, `None` for values newer than the table.
            pub const fn from_raw(value: $repr) -> Option<Self> {
                match value { $($value => Some(Self::$variant),)* _ => None }
            }
            /// The kernel's name without the `NL80211_..._` prefix, lower case.
            pub const fn name(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }
        }

        impl $crate::nl80211::NlNumber for $name {
            fn number(self) -> u32 {
                u32::from(self.raw())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// Version byte of the genetlink header that nl80211 expects.
pub const GENL_VERSION: u8 = 0;
