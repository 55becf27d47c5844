//! Benchmark: check, lay out and draw synthetic cases of growing size as
//! SVG, and report time per stage, the end-to-end time and its scaling. Run with `cargo bench --bench render`.
//! Figures are relative (scaling) because machines are noisy.

use casec::emit::gsn::{svg, Diagram, Drawing};
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let sizes = [1_000usize, 10_000, 100_000];
    let mut previous: Option<(usize, Duration)> = None;
    println!(
        "{:>9} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9} {:>12}",
        "elements", "nodes", "check", "model", "layout", "svg", "end to end", "svg size", "scaling"
    );
    for size in sizes {
        let text = casec::synth::generate(size);
        let start = Instant::now();
        let compilation = casec::compile("bench.case", &text, casec::Options::default());
        let check = start.elapsed();
        assert!(
            !compilation.has_errors(),
            "the synthetic case must be clean"
        );
        let runs = if size >= 100_000 { 3 } else { 5 };
        let mut stages = Vec::new();
        let mut nodes = 0;
        let mut bytes = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let diagram = Diagram::new(&compilation, None).expect("the whole case is drawn");
            let modelled = start.elapsed();
            let drawing = Drawing::new(diagram);
            let laid_out = start.elapsed();
            let output = svg::render(&drawing, true);
            let total = start.elapsed();
            nodes = drawing.diagram.nodes.len();
            bytes = output.len();
            stages.push((modelled, laid_out - modelled, total - laid_out, total));
        }
        let model = median(stages.iter().map(|s| s.0).collect());
        let layout = median(stages.iter().map(|s| s.1).collect());
        let draw = median(stages.iter().map(|s| s.2).collect());
        let total = median(stages.iter().map(|s| s.3).collect()) + check;
        let scaling = previous.map_or(String::from("-"), |(n, t)| {
            format!(
                "{:.1}x for {}x",
                total.as_secs_f64() / t.as_secs_f64(),
                size / n
            )
        });
        let ms = |d: Duration| format!("{:.1}ms", d.as_secs_f64() * 1e3);
        println!(
            "{:>9} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>7}MB {:>12}",
            size,
            nodes,
            ms(check),
            ms(model),
            ms(layout),
            ms(draw),
            ms(total),
            bytes / (1024 * 1024),
            scaling
        );
        previous = Some((size, total));
    }
}
