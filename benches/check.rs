//! Benchmark: check synthetic cases of growing size and report time, scaling
//! and peak memory. Run with `cargo bench --bench check`.
//! Figures are relative (scaling, memory / source size) because machines are noisy.

use std::time::{Duration, Instant};

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
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
                let compilation =
                    casec::compile_source("bench.case", &text, casec::Options::default());
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
    // Peak memory of one more check of the largest case, over its source size.
    let text = casec::synth::generate(*sizes.last().unwrap_or(&100_000));
    let before = status_kib("VmRSS:").unwrap_or(0);
    let compilation = casec::compile_source("bench.case", &text, casec::Options::default());
    let peak = status_kib("VmHWM:").unwrap_or(0);
    drop(compilation);
    println!(
        "peak memory while checking: {} MB for {} MB of source ({:.1}x)",
        peak.saturating_sub(before) / 1024,
        text.len() / (1024 * 1024),
        peak.saturating_sub(before) as f64 * 1024.0 / text.len() as f64
    );
}
