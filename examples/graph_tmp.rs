use casec::source::FileId;
use std::time::Instant;
fn minflt() -> u64 { let s = std::fs::read_to_string("/proc/self/stat").unwrap(); let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect(); f[7].parse().unwrap() }
fn main() {
    for n in [10_000usize, 100_000] {
        let text = casec::synth::generate(n);
        let (ast, _) = casec::syntax::parse(FileId(1), &text);
        for _ in 0..3 {
            let (case, _) = casec::ir::lower(&[(casec::ir::Origin::Case, &ast)]);
            let f0 = minflt();
            let t = Instant::now();
            let g1 = casec::ir::Graph::new(&case);
            let first = t.elapsed();
            let f1 = minflt();
            let t = Instant::now();
            let g2 = casec::ir::Graph::new(&case);
            let second = t.elapsed();
            let f2 = minflt();
            println!("{n}: graph first {first:?} ({} faults) second {second:?} ({} faults) {}", f1 - f0, f2 - f1, g1.roots.len() + g2.roots.len());
        }
    }
}
