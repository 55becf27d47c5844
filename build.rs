//! Writes one test per diagnostic fixture (`tests/fixtures/*/CODE.case` or
//! `CODE.toml`) for tests/diagnostics.rs to include, so that a failing rule
//! is named in the test output: `e0505_untrusted_in_trusted_role`.

use std::fmt::Write as _;
use std::path::Path;

/// The folders of fixtures; those of evidence integrity sit beside their
/// artifacts; those of modules are folders (`CODE/case.case` and the
/// modules it imports).
const FIXTURE_DIRS: &[&str] = &[
    "tests/fixtures/diagnostics",
    "tests/fixtures/evidence",
    "tests/fixtures/modules",
];

/// The table of codes, read only for each rule's name in its test's name.
const TABLE: &str = "src/diagnostic/code.rs";

fn main() {
    println!("cargo:rerun-if-changed={TABLE}");
    let table = std::fs::read_to_string(TABLE).unwrap_or_default();
    let mut fixtures = Vec::new();
    for dir in FIXTURE_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        // A package without its tests (as published) has no fixtures.
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
            let stem = path.file_stem().and_then(|s| s.to_str());
            let extension = path.extension().and_then(|e| e.to_str());
            // A project (in the modules folder): its case file is the fixture.
            if path.is_dir() && dir.ends_with("modules") {
                if let Some(stem) = stem.filter(|s| *s != "valid") {
                    fixtures.push((stem.to_string(), format!("{dir}/{stem}/case.case")));
                }
                continue;
            }
            // `valid.case` is the sound base the fixtures are made from.
            if let (Some(stem), Some(extension @ ("case" | "toml"))) = (stem, extension) {
                if stem != "valid" {
                    fixtures.push((stem.to_string(), format!("{dir}/{stem}.{extension}")));
                }
            }
        }
    }
    fixtures.sort();
    let mut tests = String::new();
    for (code, path) in &fixtures {
        // A fixture that names no rule still gets a test, which fails.
        let name = rule_name(&table, code).unwrap_or("no-such-rule");
        let _ = writeln!(
            tests,
            "#[test]\nfn {}_{}() {{\n    fixture({code:?}, {path:?});\n}}\n",
            code.to_ascii_lowercase(),
            name.replace('-', "_")
        );
    }
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("fixture_tests.rs");
    std::fs::write(&out, tests).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The name the table gives `code`: its entry reads `code: "E0505", name: "…"`.
fn rule_name<'a>(table: &'a str, code: &str) -> Option<&'a str> {
    let after = table.split_once(&format!("code: \"{code}\", name: \""))?.1;
    after.split_once('"').map(|(name, _)| name)
}
