//! Benchmark: check synthetic cases of growing size and report time, scaling
//! and peak memory. Run with `cargo bench --bench check`.
//! Figures are relative (scaling, memory / source size) because machines are noisy.

mod common;

use common::median;
use std::time::{Duration, Instant};

fn main() {
    if common::serve_peak_mode() {
        return;
    }
    let sizes = [1_000usize, 10_000, 100_000];
    let mut previous: Option<(usize, Duration)> = None;
    println!(
        "{:>9} {:>10} {:>11} {:>10} {:>12}",
        "elements", "source", "check", "per elem", "scaling"
    );
    for size in sizes {
        let text = casec::synth::generate(size);
        let runs = (0..5)
            .map(|_| {
                let start = Instant::now();
                let compilation = casec::compile("bench.case", &text, casec::Options::default());
                assert!(
                    !compilation.has_errors(),
                    "the synthetic case must be clean"
                );
                start.elapsed()
            })
            .collect();
        let time = median(runs);
        let scaling = previous.map_or(String::from("-"), |(n, t)| {
            format!(
                "{:.1}x for {}x",
                time.as_secs_f64() / t.as_secs_f64(),
                size / n
            )
        });
        println!(
            "{:>9} {:>8}KB {:>9.1}ms {:>8.2}µs {:>12}",
            size,
            text.len() / 1024,
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() * 1e6 / size as f64,
            scaling
        );
        previous = Some((size, time));
    }
    peak_memory(*sizes.last().unwrap_or(&100_000));
}

/// Peak memory of checking the largest case (the process reads the file
/// and checks it, as `casec check` does).
fn peak_memory(size: usize) {
    let text = casec::synth::generate(size);
    match common::peak_kib(&text) {
        Some(kib) => println!(
            "peak memory of a process checking {size} elements: {} MB for {} MB of source ({:.1}x)",
            kib / 1024,
            text.len() / (1024 * 1024),
            kib as f64 * 1024.0 / text.len() as f64
        ),
        None => println!("peak memory: the measuring process failed"),
    }
}
