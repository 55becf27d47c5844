//! Benchmark: a project of many modules against the same number of
//! elements in one file, and module resolution as the modules grow.
//! Run with `cargo bench --bench modules`. Figures are ratios: machines are
//! noisy.

// Only `median`: the peak-memory helpers measure one file, not a project.
#[allow(dead_code)]
mod common;

use casec::project::Files;
use casec::{compile, Options, Settings};
use common::median;
use std::path::Path;
use std::time::{Duration, Instant};

fn check_project(dir: &Path) -> Duration {
    let case = dir.join("case.case");
    let text = std::fs::read_to_string(&case).expect("the project was written");
    let settings = Settings {
        options: Options::default(),
        files: Files::disk(),
        ..Settings::default()
    };
    let runs = (0..5)
        .map(|_| {
            let start = Instant::now();
            let c = compile(&case.to_string_lossy(), text.as_str(), settings.clone());
            assert!(
                !c.has_errors(),
                "the synthetic project must be clean: {:?}",
                c.diagnostics.first()
            );
            start.elapsed()
        })
        .collect();
    median(runs)
}

fn check_one_file(elements: usize) -> Duration {
    let text = casec::synth::generate(elements);
    let runs = (0..5)
        .map(|_| {
            let start = Instant::now();
            let c = compile("bench.case", text.as_str(), Options::default());
            assert!(!c.has_errors());
            start.elapsed()
        })
        .collect();
    median(runs)
}

fn write_project(modules: usize, elements: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "casec-bench-modules-{modules}-{elements}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).expect("a temporary folder");
    for (path, text) in casec::synth::project(modules, elements) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(path, text).expect("writable");
    }
    dir
}

fn main() {
    println!(
        "{:>8} {:>9} {:>12} {:>12} {:>8}",
        "modules", "elements", "project", "one file", "ratio"
    );
    for (modules, elements) in [(10, 10_000), (100, 100_000)] {
        let dir = write_project(modules, elements);
        let project = check_project(&dir);
        let one = check_one_file(elements);
        println!(
            "{modules:>8} {elements:>9} {:>10.1}ms {:>10.1}ms {:>7.2}x",
            project.as_secs_f64() * 1e3,
            one.as_secs_f64() * 1e3,
            project.as_secs_f64() / one.as_secs_f64()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    // Module resolution as the modules grow, the elements fixed.
    let mut previous: Option<(usize, Duration)> = None;
    for modules in [100, 1_000] {
        let dir = write_project(modules, 50_000);
        let time = check_project(&dir);
        let scaling = previous.map_or(String::from("-"), |(m, t)| {
            format!(
                "{:.1}x for {}x the modules",
                time.as_secs_f64() / t.as_secs_f64(),
                modules / m
            )
        });
        println!(
            "{modules:>8} modules, 50000 elements: {:>8.1}ms  {scaling}",
            time.as_secs_f64() * 1e3
        );
        previous = Some((modules, time));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
