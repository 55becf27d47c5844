//! Every diagnostic code: a fixture that triggers it and a snapshot of how it
//! is rendered, and docs/errors.md in step with the registry.

use casec::check::registry::RULES;
use casec::diagnostic::{render, Style};
use casec::syntax::parse_date;
use casec::{compile_bytes, Options};
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics");

/// Fixtures live here; those of evidence integrity beside their artifacts.
const FIXTURE_DIRS: &[&str] = &["tests/fixtures/diagnostics", "tests/fixtures/evidence"];

/// Fixtures are checked as the CLI checks files (artifacts are read), on a
/// fixed day so that freshness findings do not change with the calendar.
fn options() -> Options {
    Options {
        verify_evidence: true,
        today: parse_date("2026-06-01"),
        ..Options::default()
    }
}

/// The fixture of a code, compiled (`CODE.case`) or, for the rules about
/// casec.toml, loaded as a configuration (`CODE.toml`); and its diagnostics.
fn rendered(code: &str) -> (String, Vec<&'static str>) {
    let config = Path::new(FIXTURES).join(format!("{code}.toml"));
    let (sources, diagnostics) = if config.exists() {
        let text = std::fs::read_to_string(&config).unwrap();
        let loaded =
            casec::config::parse(&format!("tests/fixtures/diagnostics/{code}.toml"), &text);
        (loaded.sources, loaded.diagnostics)
    } else {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let name = FIXTURE_DIRS
            .iter()
            .map(|dir| format!("{dir}/{code}.case"))
            .find(|name| root.join(name).exists())
            .unwrap_or_else(|| panic!("{code} has no fixture in {FIXTURE_DIRS:?}"));
        // Paths stay relative to the package root, as the snapshots show them.
        let bytes = std::fs::read(root.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let compilation = compile_bytes(&name, bytes, options());
        (compilation.sources, compilation.diagnostics)
    };
    let text = diagnostics
        .iter()
        .map(|d| render(&sources, d, Style::Human { color: false }))
        .collect::<Vec<_>>()
        .join("\n");
    (text, diagnostics.iter().map(|d| d.code).collect())
}

#[test]
fn every_code_is_triggered_by_its_fixture_and_snapshotted() {
    for rule in RULES {
        let (text, codes) = rendered(rule.code);
        assert!(
            codes.contains(&rule.code),
            "fixture {} does not trigger it; it gives {codes:?}",
            rule.code
        );
        insta::assert_snapshot!(rule.code, text);
    }
}

#[test]
fn the_base_fixture_is_clean_even_under_strict() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("valid.case")).unwrap();
    let compilation = casec::compile_source(
        "valid.case",
        &text,
        Options {
            strict: true,
            ..options()
        },
    );
    assert!(
        compilation.diagnostics.is_empty(),
        "{:#?}",
        compilation.diagnostics
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("W0304.case")).unwrap();
    let lenient = casec::compile_source("W0304.case", &text, Options::default());
    assert!(!lenient.has_errors());
    let strict = casec::compile_source(
        "W0304.case",
        &text,
        Options {
            strict: true,
            ..Default::default()
        },
    );
    assert!(strict.has_errors());
}

#[test]
fn errors_md_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    let expected = casec::check::registry::markdown();
    if std::env::var_os("CASEC_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/errors.md is stale: run `CASEC_BLESS=1 cargo test --test diagnostics`"
    );
}
