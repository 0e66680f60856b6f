//! The `msadvise` binary: everything lives in the library so tests can drive it whole.

use std::process::ExitCode;

fn main() -> ExitCode {
    msadvise::run(std::env::args_os())
}
