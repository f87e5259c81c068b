//! Writing results: JSON or iw-style text, and quiet exit on a closed pipe
//! (`rwlan dev | head` must not panic).

use std::io::Write;

use serde::Serialize;

use crate::error::Error;

/// Writes `text` to stdout; a closed pipe ends the process quietly.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Error::io("cannot write to stdout", e)),
        Ok(()) => Ok(()),
    }
}

/// Prints `value` as pretty JSON or via its text renderer.
pub fn emit<T: Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> Result<(), Error> {
    if json {
        let mut s = serde_json::to_string_pretty(value)?;
        s.push('\n');
        print(&s)
    } else {
        print(&text(value))
    }
}

/// The result of a command that, like iw's, prints nothing on success:
/// `value` as JSON with `--json`, nothing otherwise.
pub fn emit_result<T: Serialize>(json: bool, value: &T) -> Result<(), Error> {
    emit(json, value, |_| String::new())
}

/// One JSON object per line, for streams (events).
pub fn emit_line<T: Serialize>(value: &T) -> Result<(), Error> {
    let mut s = serde_json::to_string(value)?;
    s.push('\n');
    print(&s)
}
