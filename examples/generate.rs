//! Write a large, clean synthetic case to standard output, for benchmarks
//! and for trying casec at scale:
//!
//! ```text
//! cargo run --release --example generate -- 100000 > /tmp/big.case
//! cargo run --release -- check /tmp/big.case
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let elements = match std::env::args().nth(1).map(|arg| arg.parse::<usize>()) {
        Some(Ok(n)) => n,
        None => 10_000,
        Some(Err(_)) => {
            eprintln!("usage: cargo run --release --example generate -- [ELEMENTS]");
            return ExitCode::from(2);
        }
    };
    let text = casec::synth::generate(elements);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the case: {err}");
            ExitCode::from(2)
        }
    }
}
