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
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, path] = args.as_slice() {
        if mode == PEAK_MODE {
            return measure_peak(path);
        }
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

/// Peak memory of checking the largest case, measured in a fresh process
/// (this bench run again, in the mode below) so that earlier runs' freed
/// memory does not count: the process reads the file and checks it, as
/// `casec check` does, then reports its high-water mark.
fn peak_memory(size: usize) {
    let path = std::env::temp_dir().join(format!("casec-bench-{}.case", std::process::id()));
    let text = casec::synth::generate(size);
    if let Err(err) = std::fs::write(&path, &text) {
        println!("peak memory: cannot write {}: {err}", path.display());
        return;
    }
    let child = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg(PEAK_MODE)
            .arg(&path)
            .output()
    });
    let _ = std::fs::remove_file(&path);
    let peak_kib = child
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|out| out.trim().parse::<u64>().ok());
    match peak_kib {
        Some(kib) => println!(
            "peak memory of a process checking {size} elements: {} MB for {} MB of source ({:.1}x)",
            kib / 1024,
            text.len() / (1024 * 1024),
            kib as f64 * 1024.0 / text.len() as f64
        ),
        None => println!("peak memory: the measuring process failed"),
    }
}

const PEAK_MODE: &str = "--peak-memory-of";

/// In the measuring process: check the file, print the peak RSS in KiB.
fn measure_peak(path: &str) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let compilation = casec::compile(path, bytes, casec::Options::default());
    assert!(!compilation.has_errors());
    println!("{}", status_kib("VmHWM:").unwrap_or(0));
}
