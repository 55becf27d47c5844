//! Property test over generated cases (tests/generator): well-formed cases and
//! near misses alike are checked with every finding located and rendered,
//! compiled deterministically, formatted idempotently and losslessly, and
//! emitted as valid JSON, SVG and HTML (tests/oracle). A failure names the
//! seed: `generator::generate(seed)` gives the case back.

mod generator;
mod oracle;

use generator::{generate, Intent};

/// Cases per run: enough for every fault and layout choice to occur many
/// times, and a few seconds in a debug build.
const CASES: u64 = 200;

#[test]
fn generated_cases_keep_every_property() {
    let mut near_misses_with_errors = 0;
    let mut broken_well_formed = Vec::new();
    for seed in 0..CASES {
        let case = generate(seed);
        let what = format!("generated case {seed} {:?}\n{}", case.faults, case.text);
        let compilation = oracle::assert_checked(case.text.as_bytes(), &what);
        oracle::assert_fmt_sound(case.text.as_bytes(), &what);
        oracle::assert_emitted(&compilation, &what);
        let syntax_errors = compilation
            .diagnostics
            .iter()
            .filter(|d| d.code.family() == casec::diagnostic::Family::Syntax);
        match case.intent {
            Intent::WellFormed if syntax_errors.count() > 0 => broken_well_formed.push(seed),
            Intent::NearMiss if compilation.has_errors() => near_misses_with_errors += 1,
            _ => {}
        }
    }
    // The generator makes what it says: well-formed cases parse, and most
    // near misses are caught (some, such as a second `combine`, are legal).
    assert!(
        broken_well_formed.is_empty(),
        "well-formed cases with syntax errors: {broken_well_formed:?}"
    );
    assert!(
        near_misses_with_errors > CASES / 3,
        "only {near_misses_with_errors} near misses have errors"
    );
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    assert_eq!(generate(7).text, generate(7).text);
    let distinct: std::collections::HashSet<String> = (0..50).map(|s| generate(s).text).collect();
    assert_eq!(distinct.len(), 50);
}

/// The same properties on every case the project ships (the fuzz targets'
/// seed corpus): a fixture made to trigger one finding must still emit valid
/// output.
#[test]
fn every_fixture_and_example_keeps_every_property() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        collect_cases(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 100, "only {} cases found", files.len());
    for file in files {
        let bytes = std::fs::read(&file).expect("a fixture is readable");
        let what = file.display().to_string();
        let compilation = oracle::assert_checked(&bytes, &what);
        oracle::assert_fmt_sound(&bytes, &what);
        oracle::assert_emitted(&compilation, &what);
    }
}

fn collect_cases(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a fixture folder is readable") {
        let path = entry.expect("a fixture folder is readable").path();
        if path.is_dir() {
            collect_cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "case") {
            out.push(path);
        }
    }
}
