//! Benchmark: parse-only throughput (the pre-scan, pest and the conversion
//! to the AST) on one thread, for the generated case and for the same
//! elements written on one line each, in MB/s.
//! Run with `cargo bench --bench parse` (size: `CASEC_BENCH_ELEMENTS`).

use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median time to parse `text` from nothing on one thread (an empty
/// chunk cache parses every chunk, in order, on the calling thread).
fn parse_time(text: &str) -> Duration {
    let runs = (0..RUNS)
        .map(|_| {
            let mut cache = casec::syntax::ChunkCache::default();
            let start = Instant::now();
            let (ast, diagnostics) =
                casec::syntax::parse_edited(casec::source::FileId(1), text, &mut cache);
            let elapsed = start.elapsed();
            assert!(diagnostics.is_empty(), "the generated case parses");
            assert!(!ast.items.is_empty());
            elapsed
        })
        .collect();
    median(runs)
}

fn main() {
    let elements = std::env::var("CASEC_BENCH_ELEMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let text = casec::synth::generate(elements);
    // Every item on one line: the same tokens, no line breaks inside items.
    let flat: String = text
        .split("\n\n")
        .map(|item| item.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    println!("parse only, one thread, median of {RUNS}, {elements} elements");
    for (name, text) in [("generated", &text), ("items on one line", &flat)] {
        let time = parse_time(text);
        let mb = text.len() as f64 / 1e6;
        println!(
            "{name:>18}: {mb:>6.1} MB in {:>7.1} ms = {:>5.1} MB/s",
            time.as_secs_f64() * 1e3,
            mb / time.as_secs_f64()
        );
    }
}
