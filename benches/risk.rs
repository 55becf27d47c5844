//! Benchmark: the risk and strength analyses on synthetic cases of growing
//! size, every evidence element quantified. Run with `cargo bench --bench risk`.
//! Parsing and checking are timed by `benches/check.rs`; this times only the
//! propagation, which must stay linear in the number of elements.
//!
//! Past a few tens of thousands of elements the case no longer fits in the
//! CPU caches, so every walk over it slows down per element. To tell that
//! apart from the algorithm's own growth, each size is also timed for a bare
//! walk over the same elements in the same order; the ratio of the two must
//! stay flat.

use casec::analysis::risk::{format_probability, Risk};
use casec::analysis::strength::Strength;
use casec::Compilation;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// Visit every element and its support links in post-order, doing nothing.
fn bare_walk(c: &Compilation) -> usize {
    let mut touched = 0;
    for id in &c.graph.post_order {
        let element = c.case.get(*id);
        touched += element.supported_by.len() + element.id.len();
        touched += c.graph.children[id.index()].len();
    }
    touched
}

fn main() {
    // `CASEC_BENCH_SIZES=100000,300000` times other sizes.
    let sizes: Vec<usize> = std::env::var("CASEC_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let mut previous: Option<(usize, Duration)> = None;
    println!(
        "{:>9} {:>11} {:>10} {:>11} {:>7} {:>10} {:>13}",
        "elements", "propagate", "per elem", "bare walk", "ratio", "bound", "scaling"
    );
    for &size in &sizes {
        let text = casec::synth::generate_quantified(size, "1e-9");
        let c = casec::compile("bench.case", &text, casec::Options::default());
        assert!(!c.has_errors(), "the synthetic case must be clean");
        let elements = c.case.elements.len();
        let propagate = time(9, || {
            black_box(Risk::new(&c.case, &c.graph));
            black_box(Strength::new(&c.case, &c.graph));
        });
        let walk = time(9, || {
            black_box(bare_walk(&c));
        });
        let bound = Risk::new(&c.case, &c.graph).case_bound;
        let scaling = previous.map_or(String::from("-"), |(n, t)| {
            format!(
                "{:.1}x for {:.1}x",
                propagate.as_secs_f64() / t.as_secs_f64(),
                elements as f64 / n as f64
            )
        });
        println!(
            "{:>9} {:>9.2}ms {:>8.3}µs {:>9.2}ms {:>6.1}x {:>10} {:>13}",
            elements,
            propagate.as_secs_f64() * 1e3,
            propagate.as_secs_f64() * 1e6 / elements as f64,
            walk.as_secs_f64() * 1e3,
            propagate.as_secs_f64() / walk.as_secs_f64(),
            bound.map_or_else(|| "unknown".into(), format_probability),
            scaling
        );
        previous = Some((elements, propagate));
    }
}
