//! Endpoint 0 over Raw Gadget: every request the device controller does
//! not answer itself (dummy_hcd answers SET_ADDRESS, GET_STATUS and the
//! halt features) comes here: the standard ones a dongle must answer
//! (descriptors, configuration, interface) and the vendor register
//! requests, which go to the dongle.

use std::io;

use log::{debug, info, warn};
use rwlan_raw_gadget::{ControlRequest, EndpointHandle, Event};

use super::descriptors::{self, CONFIG_VALUE, MAX_POWER};
use super::raw::Shared;
use super::{BulkEndpoint, UsbError, REQUEST_REGISTER, REQUEST_TYPE_READ, REQUEST_TYPE_WRITE};
use crate::dongle::Dongle;

const GET_STATUS: u8 = 0;
const GET_DESCRIPTOR: u8 = 6;
const GET_CONFIGURATION: u8 = 8;
const SET_CONFIGURATION: u8 = 9;
const GET_INTERFACE: u8 = 10;
const SET_INTERFACE: u8 = 11;
const TYPE_MASK: u8 = 0x60;
const TYPE_STANDARD: u8 = 0x00;
const TYPE_VENDOR: u8 = 0x40;

/// Answers events until the dongle stops.
pub(super) fn control_loop(shared: &Shared, dongle: &Dongle) -> Result<(), UsbError> {
    let mut configured = false;
    while !shared.stop.load(std::sync::atomic::Ordering::Relaxed) {
        let event = match shared.gadget.event_fetch() {
            Ok(event) => event,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(UsbError::RawGadget(e)),
        };
        match event {
            Event::Connect => match shared.gadget.eps_info() {
                Ok(eps) => debug!("controller endpoints: {eps:?}"),
                Err(e) => debug!("controller endpoints unknown: {e}"),
            },
            // The host resets the dongle when a driver lets go of it.
            Event::Reset | Event::Disconnect if configured => {
                configured = false;
                info!("host deconfigured the dongle");
            }
            Event::Control(req) => {
                // A reply fails when the host gave up on the request (its
                // timeout) and sent the next one.
                if let Err(e) = answer(shared, dongle, &req, &mut configured) {
                    crate::stats::bump(&dongle.stats.ctrl_cancelled);
                    debug!("control request {req:?} failed: {e}");
                }
            }
            other => debug!("Raw Gadget event {other:?}"),
        }
    }
    Ok(())
}

/// Acknowledges a request without a data stage.
fn ack(shared: &Shared) -> io::Result<()> {
    shared.gadget.ep0_read(&mut []).map(drop)
}

/// Sends `data`, cut to what the host asked for.
fn reply(shared: &Shared, req: &ControlRequest, data: &[u8]) -> io::Result<()> {
    if req.length == 0 {
        return ack(shared);
    }
    let n = data.len().min(usize::from(req.length));
    shared.gadget.ep0_write(&data[..n]).map(drop)
}

fn stall(shared: &Shared, req: &ControlRequest) -> io::Result<()> {
    debug!("stalling control request {req:?}");
    shared.gadget.ep0_stall()
}

fn answer(
    shared: &Shared,
    dongle: &Dongle,
    req: &ControlRequest,
    configured: &mut bool,
) -> io::Result<()> {
    match req.request_type & TYPE_MASK {
        TYPE_VENDOR if req.request == REQUEST_REGISTER => register(shared, dongle, req),
        TYPE_STANDARD => standard(shared, req, configured),
        _ => stall(shared, req),
    }
}

/// A register access (vendor request 5).
fn register(shared: &Shared, dongle: &Dongle, req: &ControlRequest) -> io::Result<()> {
    match req.request_type {
        REQUEST_TYPE_READ => {
            match dongle.control_read(req.value, req.index, usize::from(req.length)) {
                Ok(data) => reply(shared, req, &data),
                Err(_) => shared.gadget.ep0_stall(),
            }
        }
        REQUEST_TYPE_WRITE => {
            let mut data = vec![0u8; usize::from(req.length)];
            let n = shared.gadget.ep0_read(&mut data)?;
            // A refused write has already been counted and logged; the
            // data stage is complete, so the host sees success.
            let _ = dongle.control_write(req.value, req.index, &data[..n]);
            Ok(())
        }
        _ => stall(shared, req),
    }
}

fn standard(shared: &Shared, req: &ControlRequest, configured: &mut bool) -> io::Result<()> {
    match (req.request, req.is_in()) {
        (GET_DESCRIPTOR, true) => {
            let [index, kind] = req.value.to_le_bytes();
            let layout = shared.layout;
            let descriptor = match kind {
                descriptors::DT_DEVICE => Some(descriptors::device(layout)),
                descriptors::DT_CONFIG => Some(descriptors::configuration(layout)),
                descriptors::DT_STRING => descriptors::string(layout, shared.serial, index),
                descriptors::DT_DEVICE_QUALIFIER => Some(descriptors::device_qualifier()),
                _ => None,
            };
            match descriptor {
                Some(d) => reply(shared, req, &d),
                None => stall(shared, req),
            }
        }
        (SET_CONFIGURATION, false) => set_configuration(shared, req, configured),
        (GET_CONFIGURATION, true) => {
            reply(shared, req, &[if *configured { CONFIG_VALUE } else { 0 }])
        }
        (SET_INTERFACE, false) if req.value == 0 => ack(shared),
        (GET_INTERFACE, true) => reply(shared, req, &[0]),
        (GET_STATUS, true) => reply(shared, req, &[0, 0]),
        _ => stall(shared, req),
    }
}

/// SET_CONFIGURATION: the endpoints are enabled the first time and stay
/// enabled across host resets (dummy_hcd cancels their transfers but keeps
/// them); a configuration clears their halts, as USB says it does.
fn set_configuration(
    shared: &Shared,
    req: &ControlRequest,
    configured: &mut bool,
) -> io::Result<()> {
    if req.value == 0 {
        if *configured {
            info!("host deconfigured the dongle");
        }
        *configured = false;
        return ack(shared);
    }
    if req.value != u16::from(CONFIG_VALUE) {
        return stall(shared, req);
    }
    match shared.endpoints.get() {
        Some(eps) => {
            for (ep, handle) in eps {
                if let Err(e) = shared.gadget.clear_halt(*handle) {
                    debug!("clearing the halt of endpoint {:#04x}: {e}", ep.address());
                }
            }
        }
        None => match enable_endpoints(shared) {
            Ok(eps) => {
                let _ = shared.endpoints.set(eps);
            }
            Err(e) => {
                warn!("cannot enable the endpoints: {e}");
                return stall(shared, req);
            }
        },
    }
    shared.gadget.configure()?;
    shared.gadget.vbus_draw(u32::from(MAX_POWER))?;
    ack(shared)?;
    *configured = true;
    info!("host configured the dongle");
    Ok(())
}

/// Enables every endpoint of the layout with its own number.
fn enable_endpoints(shared: &Shared) -> io::Result<Vec<(BulkEndpoint, EndpointHandle)>> {
    let mut enabled = Vec::new();
    for ep in &shared.layout.endpoints {
        match shared.gadget.ep_enable(descriptors::endpoint(ep)) {
            Ok(handle) => enabled.push((*ep, handle)),
            Err(e) => {
                if let Ok(eps) = shared.gadget.eps_info() {
                    let names: Vec<String> = eps
                        .iter()
                        .map(|i| format!("{}@{:#x}", i.name, i.addr))
                        .collect();
                    warn!("the controller offers: {}", names.join(" "));
                }
                return Err(io::Error::new(
                    e.kind(),
                    format!("endpoint {:#04x}: {e}", ep.address()),
                ));
            }
        }
    }
    Ok(enabled)
}
