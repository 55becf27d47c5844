//! Every diagnostic code: a fixture that triggers it and a snapshot of how it
//! is rendered (one test per code, written by build.rs from the fixture
//! folders), and docs/errors.md in step with the table of codes.

use casec::diagnostic::{code, render, Code, Diagnostic, Style};
use casec::project::Files;
use casec::source::SourceMap;
use casec::syntax::parse_date;
use casec::{compile, Options, Settings};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics");

/// Fixtures live here; those of evidence integrity beside their artifacts;
/// those of modules are folders, a project each (`CODE/case.case`).
const FIXTURE_DIRS: &[&str] = &[
    "tests/fixtures/diagnostics",
    "tests/fixtures/evidence",
    "tests/fixtures/modules",
];

// `#[test] fn e0505_untrusted_in_trusted_role() { fixture("E0505", "tests/fixtures/…") }`, …
include!(concat!(env!("OUT_DIR"), "/fixture_tests.rs"));

/// The fixture `path` (relative to the package root) triggers `code`, and
/// renders as its snapshot shows.
fn fixture(code: &str, path: &str) {
    let rule = Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == code)
        .unwrap_or_else(|| panic!("fixture {path} names no rule: `casec rules` lists them"));
    let (sources, diagnostics) = diagnostics_of(path);
    let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&rule),
        "fixture {path} does not trigger {rule} `{}`; it gives {codes:?}",
        rule.name()
    );
    let text = rendered(&sources, &diagnostics);
    insta::assert_snapshot!(rule.as_str(), text);
}

/// Fixtures are checked as the CLI checks files (artifacts are read), on a
/// fixed day so that freshness findings do not change with the calendar.
fn options() -> Options {
    Options {
        verify_evidence: true,
        today: parse_date("2026-06-01"),
        ..Options::default()
    }
}

/// A fixture compiled (`CODE.case`) or, for the rules about casec.toml,
/// loaded as a configuration (`CODE.toml`); paths stay relative to the
/// package root, as the snapshots show them.
fn diagnostics_of(path: &str) -> (SourceMap, Vec<Diagnostic>) {
    let bytes = std::fs::read(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    if path.ends_with(".toml") {
        let loaded = casec::config::parse(path, &String::from_utf8_lossy(&bytes));
        (loaded.sources, loaded.diagnostics)
    } else {
        let settings = Settings {
            options: options(),
            files: Files::disk(),
            ..Settings::default()
        };
        let compilation = compile(path, bytes, settings);
        (compilation.sources, compilation.diagnostics)
    }
}

fn rendered(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| render(sources, d, Style::Human { color: false }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files named `CODE.case` or `CODE.toml` in the fixture folders, by code.
fn fixture_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in FIXTURE_DIRS {
        for entry in std::fs::read_dir(Path::new(ROOT).join(dir)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                if dir.ends_with("modules") && name != "valid" {
                    files.push((name.clone(), format!("{dir}/{name}/case.case")));
                }
                continue;
            }
            if let Some((stem, "case" | "toml")) = name.rsplit_once('.') {
                if stem != "valid" {
                    files.push((stem.to_string(), format!("{dir}/{name}")));
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_code_has_one_fixture_and_a_snapshot_and_every_fixture_a_code() {
    let files = fixture_files();
    for &code in Code::ALL {
        let fixtures: Vec<_> = files.iter().filter(|(c, _)| c == code.as_str()).collect();
        assert_eq!(
            fixtures.len(),
            1,
            "{code} `{}` needs one fixture: {fixtures:?}",
            code.name()
        );
        let snapshot = format!("tests/snapshots/diagnostics__{code}.snap");
        assert!(
            Path::new(ROOT).join(&snapshot).is_file(),
            "{snapshot} is missing"
        );
    }
    for (stem, path) in &files {
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == stem),
            "{path} is named after no rule"
        );
    }
}

/// The same mistakes as E0902.toml, with rules named by name.
#[test]
fn an_unknown_rule_name_gets_the_nearest_name() {
    let path = "casec.toml";
    let loaded = casec::config::parse(
        path,
        "[rules]\nunreachable = \"allow\"\nunreachble = \"deny\"\nno-such-rule = \"warn\"\n",
    );
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnknownRule, Code::UnknownRule]);
    insta::assert_snapshot!(
        "E0902_by_name",
        rendered(&loaded.sources, &loaded.diagnostics)
    );
}

/// Examples for users that spell a code: `--help` shows `casec explain`.
const EXAMPLES: &[&str] = &["casec explain E0506 "];

/// Outside the table, codes are variants: a string such as `"E0505"` in the
/// library's code (tests aside, which may write casec.toml text) would be a
/// rule code that nothing checks.
#[test]
fn no_rule_code_is_spelt_out_of_the_table() {
    let mut found = Vec::new();
    let mut dirs = vec![Path::new(ROOT).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("src/diagnostic/code.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests come last in a file, after `#[cfg(test)]`.
                let library = text.split("#[cfg(test)]").next().unwrap_or_default();
                for (at, line) in library.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or_default();
                    if spells_a_rule_code(code) && !EXAMPLES.iter().any(|e| code.contains(e)) {
                        found.push(format!("{}:{}: {}", path.display(), at + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "use a `Code` variant:\n{}",
        found.join("\n")
    );
}

/// `E` or `W` and four digits, not part of a longer word or number.
fn spells_a_rule_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|at| {
        let word = |i: usize| {
            bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        matches!(bytes[at], b'E' | b'W')
            && (at == 0 || !word(at - 1))
            && text
                .get(at..at + 5)
                .is_some_and(|c| code::looks_like_a_code(c) && c.len() == 5)
            && !word(at + 5)
    })
}

#[test]
fn the_guard_sees_a_spelt_code() {
    assert!(spells_a_rule_code(r#"Diagnostic::new("E0505", span, "x")"#));
    assert!(spells_a_rule_code("if d.code < W0100 {"));
    assert!(!spells_a_rule_code(
        "Code::UntrustedInTrustedRole, E05050, XE0505"
    ));
}

#[test]
fn the_base_fixture_is_clean_even_under_strict() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("valid.case")).unwrap();
    let compilation = casec::compile(
        // Named by its path, so that its artifacts are found beside it.
        "tests/fixtures/diagnostics/valid.case",
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
    let lenient = casec::compile("W0304.case", &text, Options::default());
    assert!(!lenient.has_errors());
    let strict = casec::compile(
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
fn errors_md_is_generated_from_the_table_of_codes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    let expected = code::markdown();
    if std::env::var_os("CASEC_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/errors.md is stale: run `CASEC_BLESS=1 cargo test --test diagnostics`"
    );
}
