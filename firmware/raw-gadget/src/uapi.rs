//! The structures and ioctl numbers of `include/uapi/linux/usb/raw_gadget.h`.

/// Longest UDC driver or device name `USB_RAW_IOCTL_INIT` takes, with its NUL.
pub const MAX_NAME: usize = 128;
/// Endpoints `USB_RAW_IOCTL_EPS_INFO` reports at most.
pub(crate) const EPS_NUM_MAX: usize = 30;
const EP_NAME_MAX: usize = 16;
/// `usb_raw_ep_info.addr` of an endpoint that takes any number.
pub const EP_ADDR_ANY: u32 = 0xff;
/// `usb_raw_ep_io.flags`: end an IN transfer that fills whole packets with a zero-length one.
pub(crate) const IO_FLAGS_ZERO: u16 = 0x0001;

pub(crate) const EVENT_CONNECT: u32 = 1;
pub(crate) const EVENT_CONTROL: u32 = 2;
pub(crate) const EVENT_SUSPEND: u32 = 3;
pub(crate) const EVENT_RESUME: u32 = 4;
pub(crate) const EVENT_RESET: u32 = 5;
pub(crate) const EVENT_DISCONNECT: u32 = 6;

/// `struct usb_raw_init`.
#[repr(C)]
pub(crate) struct RawInit {
    pub driver_name: [u8; MAX_NAME],
    pub device_name: [u8; MAX_NAME],
    pub speed: u8,
}

/// Size of `struct usb_ctrlrequest`.
pub(crate) const CTRL_REQUEST_LEN: usize = 8;

/// `struct usb_raw_event` with room for the one payload it carries, a
/// `struct usb_ctrlrequest`.
#[repr(C)]
pub(crate) struct RawEvent {
    pub kind: u32,
    pub length: u32,
    pub data: [u8; CTRL_REQUEST_LEN],
}

/// Header of `struct usb_raw_ep_io`; the data follows it.
pub(crate) const EP_IO_HEADER: usize = 8;

/// `struct usb_raw_ep_info`; `caps` holds the bitfield `struct usb_raw_ep_caps`.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct RawEpInfo {
    pub name: [u8; EP_NAME_MAX],
    pub addr: u32,
    pub caps: u32,
    pub maxpacket_limit: u16,
    pub max_streams: u16,
    pub reserved: u32,
}

/// Bits of `struct usb_raw_ep_caps`, in declaration order (little-endian bitfield).
pub(crate) const CAP_BULK: u32 = 1 << 2;
pub(crate) const CAP_INT: u32 = 1 << 3;
pub(crate) const CAP_DIR_IN: u32 = 1 << 4;
pub(crate) const CAP_DIR_OUT: u32 = 1 << 5;

/// `struct usb_raw_eps_info`.
#[repr(C)]
pub(crate) struct RawEpsInfo {
    pub eps: [RawEpInfo; EPS_NUM_MAX],
}

/// `struct usb_endpoint_descriptor` as `USB_RAW_IOCTL_EP_ENABLE` reads it
/// (packed, with the audio fields).
#[repr(C, packed)]
pub(crate) struct RawEndpointDescriptor {
    pub length: u8,
    pub descriptor_type: u8,
    pub endpoint_address: u8,
    pub attributes: u8,
    pub max_packet_size: u16,
    pub interval: u8,
    pub refresh: u8,
    pub synch_address: u8,
}

const _: () = assert!(core::mem::size_of::<RawInit>() == 257);
const _: () = assert!(core::mem::size_of::<RawEvent>() == 16);
const _: () = assert!(core::mem::size_of::<RawEpInfo>() == 32);
const _: () = assert!(core::mem::size_of::<RawEpsInfo>() == 960);
const _: () = assert!(core::mem::size_of::<RawEndpointDescriptor>() == 9);

// asm-generic/ioctl.h, which x86, arm and most others use.
const IOC_WRITE: u32 = 1;
const IOC_READ: u32 = 2;

const fn ioc(dir: u32, nr: u32, size: usize) -> u32 {
    (dir << 30) | ((size as u32) << 16) | ((b'U' as u32) << 8) | nr
}

// The header declares the event and I/O arguments by their fixed parts.
pub(crate) const IOCTL_INIT: u32 = ioc(IOC_WRITE, 0, core::mem::size_of::<RawInit>());
pub(crate) const IOCTL_RUN: u32 = ioc(0, 1, 0);
pub(crate) const IOCTL_EVENT_FETCH: u32 = ioc(IOC_READ, 2, 8);
pub(crate) const IOCTL_EP0_WRITE: u32 = ioc(IOC_WRITE, 3, EP_IO_HEADER);
pub(crate) const IOCTL_EP0_READ: u32 = ioc(IOC_READ | IOC_WRITE, 4, EP_IO_HEADER);
pub(crate) const IOCTL_EP_ENABLE: u32 = ioc(IOC_WRITE, 5, 9);
pub(crate) const IOCTL_EP_DISABLE: u32 = ioc(IOC_WRITE, 6, 4);
pub(crate) const IOCTL_EP_WRITE: u32 = ioc(IOC_WRITE, 7, EP_IO_HEADER);
pub(crate) const IOCTL_EP_READ: u32 = ioc(IOC_READ | IOC_WRITE, 8, EP_IO_HEADER);
pub(crate) const IOCTL_CONFIGURE: u32 = ioc(0, 9, 0);
pub(crate) const IOCTL_VBUS_DRAW: u32 = ioc(IOC_WRITE, 10, 4);
pub(crate) const IOCTL_EPS_INFO: u32 = ioc(IOC_READ, 11, core::mem::size_of::<RawEpsInfo>());
pub(crate) const IOCTL_EP0_STALL: u32 = ioc(0, 12, 0);
pub(crate) const IOCTL_EP_SET_HALT: u32 = ioc(IOC_WRITE, 13, 4);
pub(crate) const IOCTL_EP_CLEAR_HALT: u32 = ioc(IOC_WRITE, 14, 4);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ioctl_numbers_match_the_header() {
        // As the C macros expand on x86_64.
        assert_eq!(IOCTL_INIT, 0x4101_5500);
        assert_eq!(IOCTL_RUN, 0x0000_5501);
        assert_eq!(IOCTL_EVENT_FETCH, 0x8008_5502);
        assert_eq!(IOCTL_EP0_WRITE, 0x4008_5503);
        assert_eq!(IOCTL_EP0_READ, 0xc008_5504);
        assert_eq!(IOCTL_EP_ENABLE, 0x4009_5505);
        assert_eq!(IOCTL_EP_DISABLE, 0x4004_5506);
        assert_eq!(IOCTL_EP_WRITE, 0x4008_5507);
        assert_eq!(IOCTL_EP_READ, 0xc008_5508);
        assert_eq!(IOCTL_CONFIGURE, 0x0000_5509);
        assert_eq!(IOCTL_VBUS_DRAW, 0x4004_550a);
        assert_eq!(IOCTL_EPS_INFO, 0x83c0_550b);
        assert_eq!(IOCTL_EP0_STALL, 0x0000_550c);
        assert_eq!(IOCTL_EP_SET_HALT, 0x4004_550d);
        assert_eq!(IOCTL_EP_CLEAR_HALT, 0x4004_550e);
    }

    #[test]
    fn field_offsets_match_the_header() {
        assert_eq!(core::mem::offset_of!(RawInit, device_name), 128);
        assert_eq!(core::mem::offset_of!(RawInit, speed), 256);
        assert_eq!(core::mem::offset_of!(RawEpInfo, addr), 16);
        assert_eq!(core::mem::offset_of!(RawEpInfo, caps), 20);
        assert_eq!(core::mem::offset_of!(RawEpInfo, maxpacket_limit), 24);
        assert_eq!(
            core::mem::offset_of!(RawEndpointDescriptor, max_packet_size),
            4
        );
    }
}
