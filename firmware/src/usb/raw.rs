//! The Raw Gadget transport: the dongle on a USB device controller through
//! `/dev/raw-gadget`, with its endpoints numbered as the [`UsbLayout`]
//! says (on dummy_hcd: the numbered endpoints for their own number, the
//! configurable `ep-a*`/`ep-b*` ones for any).
//!
//! Threads: one answers endpoint 0 ([`super::raw_ep0`]), one per OUT
//! endpoint reads TX transfers, one per IN endpoint writes (RX frames from
//! a bounded queue, TX status records from the dongle), one listens to the
//! antenna. Every transfer blocks until the host serves it, so the thread
//! that runs [`run`] supervises: it watches the signal flags and, to stop,
//! wakes the blocked threads with a signal until they have all returned.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use log::{debug, info};
use rwlan_raw_gadget::wake::{self, Sleeper};
use rwlan_raw_gadget::{EndpointHandle, RawGadget, Speed};

use super::descriptors::BULK_MAX_PACKET;
use super::{BulkEndpoint, Controls, EndpointRole, UsbError, UsbLayout, POLL, TX_BUFFER};
use crate::air::Antenna;
use crate::dongle::Dongle;
use crate::fault::Action;
use crate::stats::bump;

/// RX transfers waiting for the host. The host driver keeps a dozen or
/// more receive transfers posted, so a full queue means it has none: the
/// frame is dropped, as FunctionFS drops one it cannot queue.
const RX_QUEUE: usize = 8;
/// How long a failing endpoint waits before it tries again (the host
/// resetting or not yet configuring the dongle).
const RETRY: Duration = Duration::from_millis(50);
/// How often the supervisor looks at the signal flags.
const SUPERVISE: Duration = Duration::from_millis(50);
/// How often a stopping supervisor signals the threads still blocked.
const WAKE_EVERY: Duration = Duration::from_millis(20);

/// The gadget, bound and running.
pub struct Transport {
    gadget: RawGadget,
    layout: UsbLayout,
    serial: String,
}

/// Binds a Raw Gadget instance to a UDC (the first one unless named).
pub fn present(layout: &UsbLayout, udc: Option<&str>, serial: &str) -> Result<Transport, UsbError> {
    wake::install().map_err(UsbError::RawGadget)?;
    let device = match udc {
        Some(name) => name.to_string(),
        None => first_udc().map_err(UsbError::NoUdc)?,
    };
    let driver = udc_driver(&device).ok_or_else(|| UsbError::UdcNotFound(device.clone()))?;
    let gadget = RawGadget::open().map_err(UsbError::RawGadget)?;
    gadget
        .init(&driver, &device, Speed::High)
        .map_err(UsbError::RawGadget)?;
    gadget.run().map_err(UsbError::Register)?;
    info!("gadget {} bound to {device} (Raw Gadget)", layout.id);
    Ok(Transport {
        gadget,
        layout: layout.clone(),
        serial: serial.to_string(),
    })
}

/// The first device controller, by name.
fn first_udc() -> io::Result<String> {
    let mut names: Vec<String> = std::fs::read_dir("/sys/class/udc")?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
}

/// The name of the driver behind a device controller (`dummy_udc` for
/// `dummy_udc.0`), which Raw Gadget matches against the gadget's name.
fn udc_driver(device: &str) -> Option<String> {
    let link = std::fs::read_link(format!("/sys/class/udc/{device}/device/driver")).ok()?;
    Some(link.file_name()?.to_string_lossy().into_owned())
}

/// What the threads share.
pub(super) struct Shared<'a> {
    pub gadget: &'a RawGadget,
    pub layout: &'a UsbLayout,
    pub serial: &'a str,
    pub stop: &'a AtomicBool,
    /// The enabled endpoints, once the host has configured the dongle.
    pub endpoints: OnceLock<Vec<(BulkEndpoint, EndpointHandle)>>,
    sleepers: Mutex<Vec<Sleeper>>,
    running: AtomicUsize,
}

/// A thread that may block in Raw Gadget, registered until it returns.
struct Blocking<'s, 'a>(&'s Shared<'a>);

impl Drop for Blocking<'_, '_> {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

impl<'a> Shared<'a> {
    /// Registers the calling thread as one the supervisor must wake to stop.
    fn blocking(&self) -> Blocking<'_, 'a> {
        self.running.fetch_add(1, Ordering::AcqRel);
        self.sleepers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Sleeper::current());
        Blocking(self)
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Waits until the host has configured the dongle; `None` when stopping.
    fn handle(&self, ep: &BulkEndpoint) -> Option<EndpointHandle> {
        loop {
            if self.stopping() {
                return None;
            }
            if let Some(eps) = self.endpoints.get() {
                return eps.iter().find(|(e, _)| e == ep).map(|(_, h)| *h);
            }
            thread::sleep(RETRY);
        }
    }

    /// Signals the blocked threads until every one has returned.
    fn wake_all(&self) {
        while self.running.load(Ordering::Acquire) > 0 {
            for sleeper in self
                .sleepers
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
            {
                sleeper.wake();
            }
            thread::sleep(WAKE_EVERY);
        }
    }
}

/// What the antenna thread hands the RX endpoint's writer.
enum RxItem {
    Transfer(Vec<u8>),
    /// Halt the endpoint once the transfers before it have reached the host.
    Halt,
}

/// Runs the dongle until `stop` or `pull` is set.
pub fn run(transport: Transport, dongle: &Dongle, controls: &Controls) -> Result<(), UsbError> {
    let Transport {
        gadget,
        layout,
        serial,
    } = transport;
    let shared = Shared {
        gadget: &gadget,
        layout: &layout,
        serial: &serial,
        stop: controls.stop,
        endpoints: OnceLock::new(),
        sleepers: Mutex::new(Vec::new()),
        running: AtomicUsize::new(0),
    };
    let (rx_queue, rx_items) = mpsc::sync_channel(RX_QUEUE);
    let shared = &shared;
    let result = thread::scope(|s| {
        let control = s.spawn(move || {
            let _blocking = shared.blocking();
            super::raw_ep0::control_loop(shared, dongle)
        });
        for &ep in &layout.endpoints {
            match ep.role {
                EndpointRole::Tx => drop(s.spawn(move || tx_loop(shared, ep, dongle))),
                EndpointRole::TxStatus => drop(s.spawn(move || status_loop(shared, ep, dongle))),
                EndpointRole::Rx => {}
            }
        }
        let rx_ep = layout.with_role(EndpointRole::Rx).next().copied();
        match (dongle.antenna(), rx_ep) {
            (Some(antenna), Some(ep)) => {
                s.spawn(move || rx_writer(shared, ep, rx_items, dongle));
                s.spawn(move || rx_loop(antenna, dongle, rx_queue, shared.stop));
                s.spawn(move || dongle.tuner().run(antenna, shared.stop));
            }
            (Some(antenna), None) => {
                drop(s.spawn(move || dongle.tuner().run(antenna, shared.stop)))
            }
            (None, _) => {}
        }
        while !shared.stopping() && !control.is_finished() {
            if controls.pull.load(Ordering::Relaxed) {
                pull_out(dongle);
            }
            if controls.toggle_radio.swap(false, Ordering::Relaxed) {
                dongle.set_radio(!dongle.radio_on());
            }
            thread::sleep(SUPERVISE);
        }
        if controls.pull.load(Ordering::Relaxed) {
            pull_out(dongle);
        }
        shared.stop.store(true, Ordering::Relaxed);
        shared.wake_all();
        control.join().unwrap_or(Ok(()))
    });
    // Closing the instance unregisters the gadget: the host sees it leave.
    drop(gadget);
    info!("gadget off the bus");
    result
}

/// Pulls the dongle out, as when a real one is yanked: exiting kills the
/// threads inside their transfers (a fatal signal ends Raw Gadget's waits
/// and cancels the requests), and the last close of `/dev/raw-gadget`
/// unregisters the gadget, so the host sees a disconnect with its own
/// transfers in flight.
fn pull_out(dongle: &Dongle) -> ! {
    info!("pulling out");
    info!("pulled out: {}", dongle.stats.summary());
    std::process::exit(0)
}

/// Whether an error is the wake-up signal (or another) ending a wait.
fn interrupted(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}

/// Reads TX transfers from one OUT endpoint and sends them to the air.
fn tx_loop(shared: &Shared, ep: BulkEndpoint, dongle: &Dongle) {
    let _blocking = shared.blocking();
    let Some(handle) = shared.handle(&ep) else {
        return;
    };
    let mut buf = vec![0u8; TX_BUFFER];
    let mut failing = false;
    while !shared.stopping() {
        match shared.gadget.ep_read(handle, &mut buf) {
            Ok(n) => {
                failing = false;
                dongle.transmit(&buf[..n]);
            }
            Err(e) if interrupted(&e) => {}
            Err(e) => {
                if !failing {
                    debug!("bulk OUT {} not ready: {e}", ep.number);
                }
                failing = true;
                thread::sleep(RETRY);
            }
        }
    }
}

/// Writes one transfer to an IN endpoint; a transfer filling whole
/// packets gets a zero-length packet so the host's larger buffer completes.
fn write_in(shared: &Shared, handle: EndpointHandle, data: &[u8]) -> io::Result<usize> {
    let zlp = data.len().is_multiple_of(usize::from(BULK_MAX_PACKET));
    shared.gadget.ep_write(handle, data, zlp)
}

/// Sends the TX status records the dongle produces on one IN endpoint.
fn status_loop(shared: &Shared, ep: BulkEndpoint, dongle: &Dongle) {
    let _blocking = shared.blocking();
    let Some(handle) = shared.handle(&ep) else {
        return;
    };
    while !shared.stopping() {
        let Some(record) = dongle.next_tx_status(POLL) else {
            continue;
        };
        if let Err(e) = write_in(shared, handle, &record) {
            debug!("TX status on bulk IN {} lost: {e}", ep.number);
            if !interrupted(&e) {
                thread::sleep(RETRY);
            }
        }
    }
}

/// Writes the queued RX transfers to the RX endpoint, one at a time: each
/// waits until the host has taken it, so a halt that follows in the queue
/// finds the endpoint idle, as dummy_hcd requires of an IN endpoint.
fn rx_writer(shared: &Shared, ep: BulkEndpoint, items: Receiver<RxItem>, dongle: &Dongle) {
    let _blocking = shared.blocking();
    let Some(handle) = shared.handle(&ep) else {
        return;
    };
    while !shared.stopping() {
        match items.recv_timeout(POLL) {
            Ok(RxItem::Transfer(transfer)) => match write_in(shared, handle, &transfer) {
                Ok(_) => bump(&dongle.stats.rx_frames),
                Err(e) => {
                    bump(&dongle.stats.rx_host_busy);
                    debug!("bulk IN {} transfer lost: {e}", ep.number);
                    if !interrupted(&e) {
                        thread::sleep(RETRY);
                    }
                }
            },
            // The halt lasts until the host clears it (CLEAR_FEATURE
            // ENDPOINT_HALT, which the controller answers); transfers
            // written meanwhile wait and reach the host after that.
            Ok(RxItem::Halt) => match shared.gadget.set_halt(handle) {
                Ok(()) => {
                    bump(&dongle.stats.rx_stalls);
                    info!("bulk IN halted");
                }
                Err(e) => debug!("halting bulk IN failed: {e}"),
            },
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Turns what the antenna hears into RX transfers for the writer, dropping
/// them while the host takes none.
fn rx_loop(antenna: &Antenna, dongle: &Dongle, queue: SyncSender<RxItem>, stop: &AtomicBool) {
    let mut buf = vec![0u8; 8192];
    while !stop.load(Ordering::Relaxed) {
        let Some(heard) = super::hear(antenna, &mut buf) else {
            continue;
        };
        let item = match dongle.receive(&heard) {
            None => continue,
            Some(Action::Deliver(transfer)) => RxItem::Transfer(transfer),
            Some(Action::Pause(d)) => {
                thread::sleep(d);
                continue;
            }
            Some(Action::Stall) => RxItem::Halt,
        };
        match queue.try_send(item) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                bump(&dongle.stats.rx_host_busy);
                debug!("bulk IN busy, frame dropped");
            }
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}
