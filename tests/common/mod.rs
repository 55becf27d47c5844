//! Helpers shared by the end-to-end test crates (each uses a subset).
#![allow(dead_code)]

pub mod schema;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The `casec` binary, run from the repository root without colours.
pub fn casec_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_casec"));
    command.args(args).current_dir(ROOT).env("NO_COLOR", "1");
    command
}

/// Every `examples/*.case`, sorted.
pub fn example_paths() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("examples"))
        .expect("examples/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    files.sort();
    files
}

/// A fresh, empty folder for one test.
pub fn temp_dir(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("casec-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary folder is writable");
    dir
}

/// Whether a finding says the text itself is malformed (syntax, literals,
/// keys and values) rather than what it links to: a fragment of a case may
/// leave references dangling, but must be well formed.
pub fn is_malformed(code: casec::diagnostic::Code) -> bool {
    use casec::diagnostic::{Code, Family};
    match code.family() {
        Family::Syntax | Family::Templates => true,
        Family::Names => !matches!(
            code,
            Code::DuplicateId
                | Code::UnresolvedReference
                | Code::WrongKindReference
                | Code::RepeatedReference
        ),
        _ => false,
    }
}
