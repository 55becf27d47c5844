//! Benchmark: format synthetic cases of growing size (the formatter parses,
//! lays out, then re-parses its output to verify it) and report time and
//! scaling. Run with `cargo bench --bench fmt`. The target: the
//! 100,000-element case in under a second in release.

use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let sizes = [1_000usize, 10_000, 100_000];
    let mut previous: Option<(usize, Duration)> = None;
    println!(
        "{:>9} {:>10} {:>11} {:>10} {:>12}",
        "elements", "source", "fmt", "MB/s", "scaling"
    );
    for size in sizes {
        // Format once first, so that the timed runs start from canonical text
        // and measure the common case (a file that is already formatted).
        let text = casec::format::format_source("bench.case", &casec::synth::generate(size))
            .expect("the synthetic case formats");
        let runs = (0..5)
            .map(|_| {
                let start = Instant::now();
                let formatted = casec::format::format_source("bench.case", &text).expect("formats");
                assert_eq!(formatted.len(), text.len(), "formatting must be idempotent");
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
            "{:>9} {:>8}KB {:>9.1}ms {:>10.1} {:>12}",
            size,
            text.len() / 1024,
            time.as_secs_f64() * 1e3,
            text.len() as f64 / time.as_secs_f64() / 1e6,
            scaling
        );
        previous = Some((size, time));
    }
}
