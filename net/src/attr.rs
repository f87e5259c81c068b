//! Netlink attribute (TLV) codec, written for hostile input: every read is
//! bounds-checked and a malformed buffer yields an [`AttrError`], never a panic.

use crate::nl80211::NlNumber;

const NLA_HDRLEN: usize = 4;
/// High bits of `nla_type` are flags (NLA_F_NESTED, NLA_F_NET_BYTEORDER).
const NLA_TYPE_MASK: u16 = 0x3fff;
const NLA_F_NESTED: u16 = 0x8000;
/// Genetlink header: cmd, version, reserved u16.
pub const GENL_HDRLEN: usize = 4;

/// Why a buffer is not a well-formed attribute stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttrError {
    #[error("attribute header truncated at offset {0}")]
    TruncatedHeader(usize),
    #[error("attribute at offset {offset} claims {len} bytes, {left} left")]
    BadLength {
        offset: usize,
        len: usize,
        left: usize,
    },
    #[error("attribute {kind} has {got} bytes, expected {want}")]
    BadPayload { kind: u16, got: usize, want: usize },
    #[error("attribute {0} is not valid UTF-8")]
    NotUtf8(u16),
    #[error("genetlink header truncated ({0} bytes)")]
    TruncatedGenl(usize),
    #[error("attribute {0} does not fit in a netlink attribute")]
    TooLong(u16),
}

/// One attribute: its type (flags stripped) and payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr<'a> {
    pub kind: u16,
    pub payload: &'a [u8],
}

fn fixed<const N: usize>(a: &Attr<'_>) -> Result<[u8; N], AttrError> {
    a.payload
        .get(..N)
        .and_then(|s| <[u8; N]>::try_from(s).ok())
        .ok_or(AttrError::BadPayload {
            kind: a.kind,
            got: a.payload.len(),
            want: N,
        })
}

impl<'a> Attr<'a> {
    pub fn u8(&self) -> Result<u8, AttrError> {
        fixed::<1>(self).map(|b| b[0])
    }
    pub fn u16(&self) -> Result<u16, AttrError> {
        fixed::<2>(self).map(u16::from_ne_bytes)
    }
    pub fn u32(&self) -> Result<u32, AttrError> {
        fixed::<4>(self).map(u32::from_ne_bytes)
    }
    pub fn i32(&self) -> Result<i32, AttrError> {
        fixed::<4>(self).map(i32::from_ne_bytes)
    }
    /// u64 attributes may be 4 bytes on old kernels (e.g. byte counters).
    pub fn u64(&self) -> Result<u64, AttrError> {
        match self.payload.len() {
            4 => self.u32().map(u64::from),
            _ => fixed::<8>(self).map(u64::from_ne_bytes),
        }
    }
    pub fn mac(&self) -> Result<[u8; 6], AttrError> {
        fixed::<6>(self)
    }
    /// A NUL-terminated string attribute.
    pub fn string(&self) -> Result<String, AttrError> {
        let end = self
            .payload
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.payload.len());
        std::str::from_utf8(&self.payload[..end])
            .map(str::to_owned)
            .map_err(|_| AttrError::NotUtf8(self.kind))
    }
    /// The payload parsed as nested attributes.
    pub fn nested(&self) -> Result<Attrs<'a>, AttrError> {
        Attrs::parse(self.payload)
    }
}

/// Iterator over the attributes of a buffer; stops after the first error.
#[derive(Debug, Clone)]
pub struct AttrIter<'a> {
    buf: &'a [u8],
    offset: usize,
    failed: bool,
}

impl<'a> AttrIter<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        AttrIter {
            buf,
            offset: 0,
            failed: false,
        }
    }
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Result<Attr<'a>, AttrError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.offset >= self.buf.len() {
            return None;
        }
        let rest = self.buf.get(self.offset..).unwrap_or_default();
        let result = parse_one(rest, self.offset);
        match result {
            Ok((attr, advance)) => {
                self.offset = self.offset.saturating_add(advance);
                Some(Ok(attr))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Parses the attribute at the start of `rest`; returns it and the aligned
/// distance to the next one.
fn parse_one(rest: &[u8], offset: usize) -> Result<(Attr<'_>, usize), AttrError> {
    let header = rest
        .get(..NLA_HDRLEN)
        .ok_or(AttrError::TruncatedHeader(offset))?;
    let len = usize::from(u16::from_ne_bytes([header[0], header[1]]));
    let kind = u16::from_ne_bytes([header[2], header[3]]) & NLA_TYPE_MASK;
    if len < NLA_HDRLEN || len > rest.len() {
        return Err(AttrError::BadLength {
            offset,
            len,
            left: rest.len(),
        });
    }
    let payload = rest.get(NLA_HDRLEN..len).unwrap_or_default();
    // The last attribute's padding may be missing; clamp to what is there.
    let advance = align4(len).min(rest.len());
    Ok((Attr { kind, payload }, advance))
}

const fn align4(len: usize) -> usize {
    (len + 3) & !3
}

/// All attributes of one level, validated up front so lookups cannot fail.
#[derive(Debug, Clone, Default)]
pub struct Attrs<'a> {
    list: Vec<Attr<'a>>,
}

impl<'a> Attrs<'a> {
    pub fn parse(buf: &'a [u8]) -> Result<Self, AttrError> {
        let list = AttrIter::new(buf).collect::<Result<Vec<_>, _>>()?;
        Ok(Attrs { list })
    }

    pub fn get(&self, kind: impl NlNumber) -> Option<Attr<'a>> {
        let want = kind.number();
        self.list
            .iter()
            .copied()
            .find(|a| u32::from(a.kind) == want)
    }

    pub fn has(&self, kind: impl NlNumber) -> bool {
        self.get(kind).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = Attr<'a>> + '_ {
        self.list.iter().copied()
    }

    pub fn u8(&self, kind: impl NlNumber) -> Result<Option<u8>, AttrError> {
        self.get(kind).map(|a| a.u8()).transpose()
    }
    pub fn u16(&self, kind: impl NlNumber) -> Result<Option<u16>, AttrError> {
        self.get(kind).map(|a| a.u16()).transpose()
    }
    pub fn u32(&self, kind: impl NlNumber) -> Result<Option<u32>, AttrError> {
        self.get(kind).map(|a| a.u32()).transpose()
    }
    pub fn i32(&self, kind: impl NlNumber) -> Result<Option<i32>, AttrError> {
        self.get(kind).map(|a| a.i32()).transpose()
    }
    pub fn u64(&self, kind: impl NlNumber) -> Result<Option<u64>, AttrError> {
        self.get(kind).map(|a| a.u64()).transpose()
    }
    pub fn mac(&self, kind: impl NlNumber) -> Result<Option<[u8; 6]>, AttrError> {
        self.get(kind).map(|a| a.mac()).transpose()
    }
    pub fn string(&self, kind: impl NlNumber) -> Result<Option<String>, AttrError> {
        self.get(kind).map(|a| a.string()).transpose()
    }
    pub fn bytes(&self, kind: impl NlNumber) -> Option<&'a [u8]> {
        self.get(kind).map(|a| a.payload)
    }
    pub fn nested(&self, kind: impl NlNumber) -> Result<Option<Attrs<'a>>, AttrError> {
        self.get(kind).map(|a| a.nested()).transpose()
    }
}

/// A genetlink message body: command byte and attribute bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenlMessage<'a> {
    pub cmd: u8,
    pub attrs: &'a [u8],
}

impl<'a> GenlMessage<'a> {
    /// Splits a netlink payload into genetlink header and attributes.
    pub fn parse(payload: &'a [u8]) -> Result<Self, AttrError> {
        let cmd = *payload
            .first()
            .ok_or(AttrError::TruncatedGenl(payload.len()))?;
        let attrs = payload
            .get(GENL_HDRLEN..)
            .ok_or(AttrError::TruncatedGenl(payload.len()))?;
        Ok(GenlMessage { cmd, attrs })
    }
}

/// Builds a genetlink payload (header plus attributes).
/// The attributes of the first reply to a request, if the kernel sent one.
pub fn first_reply(replies: &[Vec<u8>]) -> Result<Option<Attrs<'_>>, AttrError> {
    replies
        .first()
        .map(|r| GenlMessage::parse(r).and_then(|m| Attrs::parse(m.attrs)))
        .transpose()
}

#[derive(Debug, Clone)]
pub struct AttrWriter {
    buf: Vec<u8>,
    error: Option<AttrError>,
}

impl AttrWriter {
    pub fn new(cmd: u8, version: u8) -> Self {
        AttrWriter {
            buf: vec![cmd, version, 0, 0],
            error: None,
        }
    }

    pub fn bytes(&mut self, kind: impl NlNumber, payload: &[u8]) -> &mut Self {
        let kind = (kind.number() as u16) & NLA_TYPE_MASK;
        self.raw(kind, payload)
    }

    fn raw(&mut self, kind: u16, payload: &[u8]) -> &mut Self {
        let Ok(len) = u16::try_from(payload.len() + NLA_HDRLEN) else {
            self.error.get_or_insert(AttrError::TooLong(kind));
            return self;
        };
        self.buf.extend_from_slice(&len.to_ne_bytes());
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        self.buf.extend_from_slice(payload);
        self.pad();
        self
    }

    fn pad(&mut self) {
        while !self.buf.len().is_multiple_of(4) {
            self.buf.push(0);
        }
    }

    pub fn u32(&mut self, kind: impl NlNumber, v: u32) -> &mut Self {
        self.bytes(kind, &v.to_ne_bytes())
    }
    pub fn u64(&mut self, kind: impl NlNumber, v: u64) -> &mut Self {
        self.bytes(kind, &v.to_ne_bytes())
    }
    pub fn flag(&mut self, kind: impl NlNumber) -> &mut Self {
        self.bytes(kind, &[])
    }
    /// A NUL-terminated string.
    pub fn string(&mut self, kind: impl NlNumber, s: &str) -> &mut Self {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        self.bytes(kind, &v)
    }

    /// A nested attribute whose children are already encoded in `payload`.
    pub fn nested_bytes(&mut self, kind: impl NlNumber, payload: &[u8]) -> &mut Self {
        let kind = ((kind.number() as u16) & NLA_TYPE_MASK) | NLA_F_NESTED;
        self.raw(kind, payload)
    }

    /// Writes a nested attribute whose children `fill` adds.
    pub fn nest(&mut self, kind: impl NlNumber, fill: impl FnOnce(&mut Self)) -> &mut Self {
        let start = self.buf.len();
        let kind = ((kind.number() as u16) & NLA_TYPE_MASK) | NLA_F_NESTED;
        self.buf.extend_from_slice(&[0, 0]);
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        fill(self);
        match u16::try_from(self.buf.len() - start) {
            Ok(len) => {
                if let Some(slot) = self.buf.get_mut(start..start + 2) {
                    slot.copy_from_slice(&len.to_ne_bytes());
                }
            }
            Err(_) => {
                self.error.get_or_insert(AttrError::TooLong(kind));
            }
        }
        self
    }

    /// A nested list whose children are numbered 1.. (e.g. SCAN_SSIDS).
    pub fn nest_list<'s>(
        &mut self,
        kind: impl NlNumber,
        items: impl IntoIterator<Item = &'s [u8]>,
    ) -> &mut Self {
        self.nest(kind, |w| {
            for (i, item) in items.into_iter().enumerate() {
                w.raw(u16::try_from(i + 1).unwrap_or(u16::MAX), item);
            }
        })
    }

    pub fn finish(self) -> Result<Vec<u8>, AttrError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.buf),
        }
    }
}

impl NlNumber for u16 {
    fn number(self) -> u32 {
        u32::from(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nl80211::Attr as A;
    use proptest::prelude::*;

    #[test]
    fn round_trip_scalars_strings_and_nests() {
        let mut w = AttrWriter::new(7, 0);
        w.u32(A::Ifindex, 3)
            .string(A::Ifname, "wlan0")
            .flag(A::SplitWiphyDump)
            .nest_list(A::ScanSsids, [&b"ab"[..], &b""[..]])
            .u64(A::Wdev, 1 << 33);
        let buf = w.finish().expect("small payload");
        let msg = GenlMessage::parse(&buf).expect("genl header");
        assert_eq!(msg.cmd, 7);
        let attrs = Attrs::parse(msg.attrs).expect("valid attrs");
        assert_eq!(attrs.u32(A::Ifindex), Ok(Some(3)));
        assert_eq!(attrs.string(A::Ifname), Ok(Some("wlan0".into())));
        assert!(attrs.has(A::SplitWiphyDump));
        assert_eq!(attrs.u64(A::Wdev), Ok(Some(1 << 33)));
        let ssids = attrs.nested(A::ScanSsids).expect("ok").expect("present");
        let items: Vec<_> = ssids.iter().map(|a| (a.kind, a.payload)).collect();
        assert_eq!(items, vec![(1, &b"ab"[..]), (2, &b""[..])]);
    }

    #[test]
    fn malformed_lengths_are_errors() {
        assert!(matches!(
            Attrs::parse(&[1, 0]),
            Err(AttrError::TruncatedHeader(0))
        ));
        assert!(matches!(
            Attrs::parse(&[3, 0, 1, 0]),
            Err(AttrError::BadLength { .. })
        ));
        assert!(matches!(
            Attrs::parse(&[200, 0, 1, 0, 0, 0]),
            Err(AttrError::BadLength { .. })
        ));
        let attrs = Attrs::parse(&[5, 0, 3, 0, 9]).expect("unpadded last attribute");
        assert_eq!(attrs.u8(A::Ifindex), Ok(Some(9)));
        assert!(attrs.u32(A::Ifindex).is_err());
        assert!(GenlMessage::parse(&[1, 0]).is_err());
    }

    #[test]
    fn oversized_attribute_is_reported() {
        let mut w = AttrWriter::new(1, 0);
        w.bytes(A::Ie, &vec![0; 70_000]);
        assert!(matches!(w.finish(), Err(AttrError::TooLong(_))));
    }

    /// Walks every attribute recursively with every accessor, as decoders do.
    fn exercise(buf: &[u8], depth: u32) {
        for a in AttrIter::new(buf).flatten() {
            let _ = (a.u8(), a.u16(), a.u32(), a.u64(), a.mac(), a.string());
            if depth < 4 {
                exercise(a.payload, depth + 1);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, rng_seed: proptest::test_runner::RngSeed::Fixed(0x0072_776c_616e), ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_bytes_never_panic(buf in proptest::collection::vec(any::<u8>(), 0..512)) {
            exercise(&buf, 0);
        }

        #[test]
        fn written_attributes_parse_back(items in proptest::collection::vec(
            (1u16..300, proptest::collection::vec(any::<u8>(), 0..64)), 0..16)) {
            let mut w = AttrWriter::new(1, 0);
            for (k, p) in &items {
                w.bytes(*k, p);
            }
            let buf = w.finish().expect("small");
            let msg = GenlMessage::parse(&buf).expect("header");
            let got: Vec<_> = AttrIter::new(msg.attrs)
                .map(|a| a.map(|a| (a.kind, a.payload.to_vec())))
                .collect::<Result<_, _>>()
                .expect("parses");
            prop_assert_eq!(got, items);
        }
    }
}
