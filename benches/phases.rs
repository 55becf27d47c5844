//! Benchmark: where the time of re-checking an edited 10,000-element case
//! goes, phase by phase (parse with the chunk cache, lower, graph, analysis
//! of risk and strength, check).
//! Run with `cargo bench --bench phases`.

use std::time::Instant;
fn main() {
    let text = casec::synth::generate(10_000);
    let edited = text.replacen("supported by: ac0_0", "supported by: ac0_O", 1);
    let mut cache = casec::syntax::ChunkCache::default();
    let f = casec::source::FileId(1);
    let (mut ast, _) = casec::syntax::parse_edited(f, &text, &mut cache);
    for i in 0..8 {
        let t_ = if i % 2 == 0 { &edited } else { &text };
        cache.recycle(std::mem::take(&mut ast));
        let t = Instant::now();
        let (a, _) = casec::syntax::parse_edited(f, t_, &mut cache);
        let parse = t.elapsed();
        let t = Instant::now();
        let (case, _) = casec::ir::lower(
            &[casec::ir::Unit::new(casec::ir::Origin::Case, &a)],
            casec::ir::Modules::default(),
        );
        let lower = t.elapsed();
        let t = Instant::now();
        let g = casec::ir::Graph::new(&case);
        let graph = t.elapsed();
        let t = Instant::now();
        let analysis = casec::analysis::Analysis::new(&case, &g, None, None);
        let analyse = t.elapsed();
        let t = Instant::now();
        let options = casec::Options::default();
        let d = casec::check::check(&case, &g, &analysis, f, &options);
        let check = t.elapsed();
        ast = a;
        println!(
            "parse {parse:?} lower {lower:?} graph {graph:?} analysis {analyse:?} check {check:?} ({} diags)",
            d.len()
        );
    }
}
