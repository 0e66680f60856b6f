//! SIGINT, SIGTERM and SIGHUP during the quiz: restore the terminal, keep the answers, exit 128 + the
//! signal.
//!
//! Ctrl-C typed at a prompt arrives as a key (the terminal is in raw mode) and is handled by the
//! quiz itself; this covers signals sent by `kill`, a closed terminal or dropped SSH session
//! (SIGHUP), or a supervisor.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use super::answers::Answers;

/// Keeps the handler installed while it lives.
#[derive(Debug)]
pub struct Guard {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: leave raw mode, show the cursor, call `keep` with the latest answers
/// (it saves them and returns what to tell the person), print that, and exit 128 + the signal.
pub fn install<F>(latest: Arc<Mutex<Answers>>, keep: F) -> std::io::Result<Guard>
where
    F: Fn(&Answers) -> String + Send + 'static,
{
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    let handle = signals.handle();
    let thread = std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = crossterm::terminal::disable_raw_mode();
            // The answers first: after SIGHUP the terminal may be gone and writing to it fail.
            let answers = latest.lock().unwrap_or_else(PoisonError::into_inner).clone();
            let message = keep(&answers);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\x1b[?25h\nmsadvise: {message}\n");
            let _ = err.flush();
            std::process::exit(128 + signal);
        }
    });
    Ok(Guard { handle, thread: Some(thread) })
}
