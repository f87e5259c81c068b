//! The FunctionFS transport: the dongle on a USB device controller through
//! configfs and FunctionFS, with the control, bulk OUT (TX) and bulk IN
//! (RX) loops.
//!
//! FunctionFS numbers the endpoints itself, in the order the interface
//! lists them: on dummy_hcd the RX endpoint becomes IN 1 and the TX one
//! OUT 2, the RTL8187L's. Register access is a device-recipient vendor
//! request, so FunctionFS must pass on control requests for all recipients.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use log::{debug, info, warn};
use usb_gadget::function::custom::{
    Custom, Endpoint, EndpointDirection, EndpointReceiver, EndpointSender, Event, Interface,
};
use usb_gadget::{Class, Config, Gadget, Id, RegGadget, Strings};

use super::{
    Controls, EndpointRole, UsbError, UsbLayout, POLL, REQUEST_REGISTER, REQUEST_TYPE_READ,
    REQUEST_TYPE_WRITE, STALL_DRAIN, TX_BUFFER,
};
use crate::air::Antenna;
use crate::dongle::Dongle;
use crate::fault::Action;

/// The registered gadget and its endpoints.
pub struct Transport {
    gadget: RegGadget,
    custom: Custom,
    rx_ep: EndpointSender,
    tx_ep: EndpointReceiver,
}

/// Registers the gadget and binds it to a UDC (the first one unless named).
/// The layout must be one RX and one TX endpoint, RX first, numbered as
/// FunctionFS will number them on dummy_hcd (IN 1, OUT 2).
pub fn present(
    layout: &UsbLayout,
    udc_name: Option<&str>,
    serial: &str,
) -> Result<Transport, UsbError> {
    let roles: Vec<(u8, EndpointRole)> = layout
        .endpoints
        .iter()
        .map(|e| (e.number, e.role))
        .collect();
    if roles != [(1, EndpointRole::Rx), (2, EndpointRole::Tx)] {
        return Err(UsbError::LayoutNeedsRaw);
    }
    let (rx_ep, rx_dir) = EndpointDirection::device_to_host();
    let (tx_ep, tx_dir) = EndpointDirection::host_to_device();
    let mut builder = Custom::builder().with_interface(
        Interface::new(Class::new(0xFF, 0xFF, 0xFF), layout.configuration)
            .with_endpoint(Endpoint::bulk(rx_dir))
            .with_endpoint(Endpoint::bulk(tx_dir)),
    );
    builder.all_ctrl_recipient = true;
    let (custom, handle) = builder.build();
    let udc = match udc_name {
        None => usb_gadget::default_udc().map_err(UsbError::NoUdc)?,
        Some(name) => usb_gadget::udcs()
            .map_err(UsbError::NoUdc)?
            .into_iter()
            .find(|u| u.name() == name)
            .ok_or_else(|| UsbError::UdcNotFound(name.to_string()))?,
    };
    let gadget = Gadget::new(
        Class::INTERFACE_SPECIFIC,
        Id::new(layout.id.vendor, layout.id.product),
        Strings::new(layout.manufacturer, layout.product, serial),
    )
    .with_config(Config::new(layout.configuration).with_function(handle))
    .bind(&udc)
    .map_err(UsbError::Register)?;
    info!(
        "gadget {} bound to {} (FunctionFS)",
        layout.id,
        udc.name().to_string_lossy()
    );
    Ok(Transport {
        gadget,
        custom,
        rx_ep,
        tx_ep,
    })
}

/// Runs the dongle until `stop` or `pull` is set.
pub fn run(transport: Transport, dongle: &Dongle, controls: &Controls) -> Result<(), UsbError> {
    let Transport {
        gadget,
        mut custom,
        rx_ep,
        tx_ep,
    } = transport;
    let stop = controls.stop;
    let ffs_dir = custom.ffs_dir();
    let result = thread::scope(|s| {
        s.spawn(|| tx_loop(tx_ep, dongle, stop));
        match dongle.antenna() {
            Some(antenna) => {
                s.spawn(|| rx_loop(rx_ep, antenna, dongle, stop));
                s.spawn(|| dongle.tuner().run(antenna, stop));
            }
            None => drop(rx_ep),
        }
        let result = control_loop(&mut custom, dongle, controls);
        if controls.pull.load(Ordering::Relaxed) {
            pull_out(&gadget, dongle);
        }
        stop.store(true, Ordering::Relaxed);
        result
    });
    unplug(gadget, custom, ffs_dir);
    result
}

/// Pulls the dongle out, as when a real one is yanked: the gadget leaves
/// its UDC while the bulk loops are mid-transfer, the host sees the
/// disconnect with its transfers in flight, and the emulator exits.
///
/// The control loop must have stopped first: FunctionFS holds its mutex
/// while a control reply waits for the host, and unbinding takes that
/// mutex after cancelling the reply in flight; a reply queued in between
/// would never complete, and the unbind would wait for ever.
///
/// The process exits at once because the bulk loops cannot be joined: once
/// the endpoints are disabled, FunctionFS blocks each new transfer until
/// the gadget is bound again. Exiting ends those waits; the unbound gadget
/// stays in configfs, as a dead emulator's would.
///
/// A SIGKILL alone would pull harder, but 6.12's FunctionFS can then keep
/// the gadget bound for good: its completion worker may hold the dying
/// process's last mm reference, and its `mmput` waits in `exit_aio` for
/// completions queued behind itself on the same ordered workqueue. With the
/// gadget unbound first, pending reads complete with errors and never touch
/// the mm.
fn pull_out(gadget: &RegGadget, dongle: &Dongle) -> ! {
    info!("pulling out");
    match gadget.bind(None) {
        Ok(()) => info!("pulled out: {}", dongle.stats.summary()),
        Err(e) => warn!("pulling out: unbinding from the UDC failed: {e}"),
    }
    std::process::exit(0)
}

/// Takes the dongle off the bus and removes its gadget.
///
/// The order matters. 6.12's FunctionFS reaches into the gadget's configfs
/// item when its last file closes, and the last reference to an endpoint file
/// may belong to an AIO request that completes later, on a kernel worker. If
/// the gadget were removed before that, the worker would touch a freed item.
/// So: unbind from the UDC first (the host sees the unplug and FunctionFS
/// stops looking at the gadget), close every file, wait until FunctionFS
/// unmounts (only possible once the last reference is gone), then remove.
fn unplug(gadget: RegGadget, custom: Custom, ffs_dir: io::Result<PathBuf>) {
    if let Err(e) = gadget.bind(None) {
        warn!("unbinding the gadget from its UDC failed: {e}");
    }
    drop(custom);
    match ffs_dir {
        Ok(dir) => wait_unmounted(&dir),
        Err(e) => warn!("FunctionFS directory unknown, removing at once: {e}"),
    }
    if let Err(e) = gadget.remove() {
        warn!("removing the gadget failed: {e}");
    }
}

/// How long FunctionFS may stay busy after its files were closed.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(30);

/// Unmounts FunctionFS at `dir`, retrying while files are still open.
fn wait_unmounted(dir: &Path) {
    let start = Instant::now();
    loop {
        match rustix::mount::unmount(dir, rustix::mount::UnmountFlags::empty()) {
            Ok(()) => {
                debug!("FunctionFS released after {:?}", start.elapsed());
                return;
            }
            Err(rustix::io::Errno::BUSY) if start.elapsed() < RELEASE_TIMEOUT => {
                thread::sleep(Duration::from_millis(20));
            }
            Err(e) => {
                warn!("FunctionFS at {} still busy: {e}", dir.display());
                return;
            }
        }
    }
}

/// Answers control requests until `stop` or `pull` is set.
fn control_loop(custom: &mut Custom, dongle: &Dongle, controls: &Controls) -> Result<(), UsbError> {
    while !controls.stop.load(Ordering::Relaxed) && !controls.pull.load(Ordering::Relaxed) {
        if controls.toggle_radio.swap(false, Ordering::Relaxed) {
            dongle.set_radio(!dongle.radio_on());
        }
        let event = match custom.event_timeout(POLL) {
            Ok(Some(event)) => event,
            Ok(None) => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // The host gave up on a control request (its timeout) and sent the next one.
            Err(e) if e.raw_os_error() == Some(libc::EIDRM) => {
                crate::stats::bump(&dongle.stats.ctrl_cancelled);
                debug!("host cancelled a control request");
                continue;
            }
            Err(e) => return Err(UsbError::Control(e)),
        };
        match event {
            Event::SetupDeviceToHost(sender) => {
                let req = sender.ctrl_req().clone();
                let reply = (req.request_type == REQUEST_TYPE_READ
                    && req.request == REQUEST_REGISTER)
                    .then(|| {
                        dongle
                            .control_read(req.value, req.index, usize::from(req.length))
                            .ok()
                    })
                    .flatten();
                let sent = match reply {
                    Some(data) => sender.send(&data).map(|_| ()),
                    None => {
                        debug!("stalling control IN request {req:?}");
                        sender.halt()
                    }
                };
                if let Err(e) = sent {
                    debug!("control IN reply failed: {e}");
                }
            }
            Event::SetupHostToDevice(receiver) => {
                let req = receiver.ctrl_req().clone();
                if req.request_type == REQUEST_TYPE_WRITE && req.request == REQUEST_REGISTER {
                    match receiver.recv_all() {
                        Ok(data) => {
                            // A refused write has already been counted and logged;
                            // the data stage is complete, so the host sees success.
                            let _ = dongle.control_write(req.value, req.index, &data);
                        }
                        Err(e) => debug!("control OUT data failed: {e}"),
                    }
                } else {
                    debug!("stalling control OUT request {req:?}");
                    if let Err(e) = receiver.halt() {
                        debug!("stall failed: {e}");
                    }
                }
            }
            Event::Enable => info!("host configured the dongle"),
            Event::Disable => info!("host deconfigured the dongle"),
            Event::Unbind => {
                info!("gadget unbound");
            }
            other => debug!("FunctionFS event {other:?}"),
        }
    }
    Ok(())
}

fn tx_loop(mut ep: EndpointReceiver, dongle: &Dongle, stop: &AtomicBool) {
    let mut failing = false;
    while !stop.load(Ordering::Relaxed) {
        match ep.recv_timeout(BytesMut::with_capacity(TX_BUFFER), POLL) {
            Ok(Some(data)) => {
                failing = false;
                dongle.transmit(&data);
            }
            Ok(None) => {}
            Err(e) => {
                if !failing {
                    debug!("bulk OUT not ready: {e}");
                }
                failing = true;
                thread::sleep(POLL);
            }
        }
    }
}

fn rx_loop(mut ep: EndpointSender, antenna: &Antenna, dongle: &Dongle, stop: &AtomicBool) {
    let mut buf = vec![0u8; 8192];
    let mut max_packet = None;
    while !stop.load(Ordering::Relaxed) {
        let Some(heard) = super::hear(antenna, &mut buf) else {
            continue;
        };
        let Some(action) = dongle.receive(&heard) else {
            continue;
        };
        match action {
            Action::Deliver(transfer) => {
                let mps = *max_packet.get_or_insert_with(|| ep.max_packet_size().unwrap_or(512));
                deliver(&mut ep, transfer, mps, dongle);
            }
            Action::Pause(d) => thread::sleep(d),
            Action::Stall => stall(&mut ep, dongle),
        }
    }
}

/// Halts bulk IN. The endpoint then stays halted, failing every transfer
/// the host asks for, until the host clears the halt (CLEAR_FEATURE
/// ENDPOINT_HALT, which the device controller answers without us); frames
/// queued meanwhile reach the host after that.
///
/// A device halts an endpoint between transfers: dummy_hcd refuses to halt
/// an IN endpoint with transfers queued (EAGAIN), so what is queued must
/// reach the host first. A host that takes nothing (its receive transfers
/// lost to an earlier halt) gets no further halt, only the one it never
/// recovered from.
fn stall(ep: &mut EndpointSender, dongle: &Dongle) {
    if let Err(e) = ep.flush_timeout(STALL_DRAIN) {
        debug!("bulk IN not drained, not halting it: {e}");
        return;
    }
    // FunctionFS reports a halt it made as EBADMSG (the read that asks for
    // it transfers nothing).
    match ep.control().and_then(|c| c.halt()) {
        Err(e) if e.raw_os_error() != Some(libc::EBADMSG) => {
            debug!("halting bulk IN failed: {e}");
        }
        _ => {
            crate::stats::bump(&dongle.stats.rx_stalls);
            info!("bulk IN halted");
        }
    }
}

/// Queues a transfer on bulk IN, dropping it when the host has no buffers
/// posted. A transfer filling whole packets gets a zero-length packet so the
/// host's larger URB completes.
fn deliver(ep: &mut EndpointSender, transfer: Vec<u8>, max_packet: usize, dongle: &Dongle) {
    let needs_zlp = max_packet > 0 && transfer.len().is_multiple_of(max_packet);
    match ep.try_send(Bytes::from(transfer)) {
        Ok(()) => {
            crate::stats::bump(&dongle.stats.rx_frames);
            if needs_zlp {
                let _ = ep.try_send(Bytes::new());
            }
        }
        Err(e) => {
            crate::stats::bump(&dongle.stats.rx_host_busy);
            debug!("bulk IN busy, frame dropped: {e}");
        }
    }
}
