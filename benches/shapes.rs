//! Benchmark: check each adversarial shape of `casec::synth::Shape` at two
//! sizes and report time, peak memory and their growth, which for a linear
//! checker is about the size ratio (10x input: ideally at most ~11x time).
//! Run with `cargo bench --bench shapes`; `CASEC_BENCH_SIZES=1000,10000`
//! for other sizes, `CASEC_BENCH_RUNS=1` for fewer runs, `CASEC_SHAPES=chain`
//! for the shapes whose name contains a word.

mod common;

use casec::synth::Shape;
use common::median;
use std::time::{Duration, Instant};

fn setting<T: std::str::FromStr>(name: &str) -> Option<Vec<T>> {
    let value = std::env::var(name).ok()?;
    let values: Vec<T> = value
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    (!values.is_empty()).then_some(values)
}

fn main() {
    if common::serve_peak_mode() {
        return;
    }
    let sizes = setting("CASEC_BENCH_SIZES").unwrap_or_else(|| vec![10_000usize, 100_000]);
    let runs = setting("CASEC_BENCH_RUNS").map_or(3, |r: Vec<usize>| r[0].max(1));
    let only = std::env::var("CASEC_SHAPES").unwrap_or_default();
    println!(
        "{:<30} {:>8} {:>9} {:>10} {:>8} {:>12} {:>12}",
        "shape", "elements", "source", "check", "peak", "time growth", "memory growth"
    );
    for shape in Shape::ALL {
        if !shape.name().contains(only.as_str()) {
            continue;
        }
        let mut previous: Option<(usize, Duration, u64)> = None;
        for &size in &sizes {
            let text = shape.generate(size);
            let time = median(
                (0..runs)
                    .map(|_| {
                        let start = Instant::now();
                        let compilation =
                            casec::compile("bench.case", &text, casec::Options::default());
                        std::hint::black_box(&compilation);
                        start.elapsed()
                    })
                    .collect(),
            );
            let peak = common::peak_kib(&text).unwrap_or(0);
            let (time_growth, memory_growth) = previous.map_or_else(
                || ("-".to_string(), "-".to_string()),
                |(n, t, m)| {
                    (
                        format!(
                            "{:.1}x / {}x",
                            time.as_secs_f64() / t.as_secs_f64(),
                            size / n
                        ),
                        format!("{:.1}x", peak as f64 / m.max(1) as f64),
                    )
                },
            );
            println!(
                "{:<30} {:>8} {:>7}KB {:>8.1}ms {:>6}MB {:>12} {:>12}",
                shape.name(),
                size,
                text.len() / 1024,
                time.as_secs_f64() * 1e3,
                peak / 1024,
                time_growth,
                memory_growth
            );
            previous = Some((size, time, peak));
        }
    }
}
