//! Benchmark: format synthetic cases of growing size and report time and
//! scaling. Run with `cargo bench --bench fmt`. The target: the
//! 100,000-element case in under a second in release.
//!
//! Two inputs per size: the generated text as it is (`reformat`: it changes,
//! so the output is parsed again and verified) and the same text once
//! formatted (`canonical`: what `casec fmt --check` meets in a tidy
//! repository; the output equals the input, so it is parsed once). The
//! figures that travel between machines are the scaling ratios and the CPU
//! time (parsing runs on several threads for files over 1 MB).

use std::time::{Duration, Instant};

/// CPU time of this process (user + system), from /proc, if available.
fn cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Median wall time and mean CPU time of five runs.
fn measure(text: &str) -> (Duration, Option<Duration>) {
    let before = cpu();
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let formatted = casec::format::format_source("bench.case", text).expect("formats");
            std::hint::black_box(formatted);
            start.elapsed()
        })
        .collect();
    let used = cpu()
        .zip(before)
        .map(|(after, before)| (after - before) / 5);
    runs.sort();
    (runs[runs.len() / 2], used)
}

fn main() {
    let sizes = [1_000usize, 10_000, 100_000];
    println!(
        "{:>9} {:>10} {:>10} {:>9} {:>9} {:>14}",
        "elements", "input", "wall", "cpu", "MB/s", "scaling"
    );
    for (label, canonical) in [("reformat", false), ("canonical", true)] {
        println!("{label}:");
        let mut previous: Option<(usize, Duration)> = None;
        for size in sizes {
            let mut text = casec::synth::generate(size);
            if canonical {
                text = casec::format::format_source("bench.case", &text).expect("formats");
                let again = casec::format::format_source("bench.case", &text).expect("formats");
                assert_eq!(again, text, "formatting must be idempotent");
            }
            let (time, used) = measure(&text);
            let scaling = previous.map_or(String::from("-"), |(n, t)| {
                format!(
                    "{:.1}x for {}x",
                    time.as_secs_f64() / t.as_secs_f64(),
                    size / n
                )
            });
            println!(
                "{:>9} {:>8}KB {:>8.0}ms {:>7.0}ms {:>9.1} {:>14}",
                size,
                text.len() / 1024,
                time.as_secs_f64() * 1e3,
                used.map_or(f64::NAN, |c| c.as_secs_f64() * 1e3),
                text.len() as f64 / time.as_secs_f64() / 1e6,
                scaling
            );
            previous = Some((size, time));
        }
    }
}
