//! What the check benches share: medians, and peak memory measured in a
//! fresh process (the bench run again in [`PEAK_MODE`]) so that earlier
//! runs' freed memory does not count.

use std::time::Duration;

pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

const PEAK_MODE: &str = "--peak-memory-of";

/// In the measuring process (when the bench was run as `BENCH --peak-memory-of
/// FILE`): check the file as `casec check` does, print the peak RSS in KiB
/// and return true.
pub fn serve_peak_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, path] = args.as_slice() else {
        return false;
    };
    if mode != PEAK_MODE {
        return false;
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    let compilation = casec::compile(path, bytes, casec::Options::default());
    std::hint::black_box(&compilation);
    println!("{}", status_kib("VmHWM:").unwrap_or(0));
    true
}

/// The peak resident memory, in KiB, of a process that reads `text` from a
/// file and checks it.
pub fn peak_kib(text: &str) -> Option<u64> {
    let path = std::env::temp_dir().join(format!("casec-bench-{}.case", std::process::id()));
    std::fs::write(&path, text).ok()?;
    let child = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg(PEAK_MODE)
            .arg(&path)
            .output()
    });
    let _ = std::fs::remove_file(&path);
    String::from_utf8(child.ok()?.stdout)
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
