//! The properties casec keeps on any input, checked the same way by the
//! generated-case test (tests/generated.rs) and the fuzz targets (fuzz/,
//! which include this module by path): every finding located and rendered in
//! every format, output deterministic, `fmt` idempotent and lossless, the
//! emitters' output valid. Each check panics with `what` (the input's name)
//! on a violation.
#![allow(dead_code)] // each user takes a subset

// robustness.rs also loads it through common/: the two copies are the same.
#[allow(clippy::duplicate_mod)]
#[path = "../common/schema.rs"]
mod schema;
pub mod tokens;

use casec::diagnostic::{Format, Reporter};
use casec::emit::{json, render, Format as Emit, RenderOptions};
use casec::format::{format_source, FormatError};
use casec::source::FileId;
use casec::{Compilation, Options};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The name every input is compiled under.
pub const NAME: &str = "input.case";

/// Freshness judged on a fixed day, so that the date rules run and the
/// result does not depend on when the check runs.
pub fn options() -> Options {
    Options {
        today: casec::syntax::parse_date("2026-11-25"),
        ..Options::default()
    }
}

pub fn compile(bytes: &[u8]) -> Compilation {
    casec::compile(NAME, bytes, options())
}

/// Every finding points into the user's file (secondary labels may point
/// into the prelude), inside it and on character boundaries.
pub fn assert_located(c: &Compilation, what: &str) {
    for d in &c.diagnostics {
        let span = d.primary.span;
        assert_eq!(
            span.file, c.file,
            "{what}: {} `{}` is not located in the file",
            d.code, d.message
        );
        let labels = std::iter::once(&d.primary).chain(&d.secondary);
        for label in labels {
            let file = label.span.file;
            assert!(
                file == c.file || file == FileId::PRELUDE,
                "{what}: {} has a label in file {file:?}",
                d.code
            );
            let text = &c.sources.get(file).text;
            let range = label.span.range();
            assert!(
                range.start <= range.end
                    && text.get(range.clone()).is_some()
                    && text.is_char_boundary(range.start)
                    && text.is_char_boundary(range.end),
                "{what}: {} `{}` has span {range:?}, not on the characters of a {}-byte file",
                d.code,
                d.message,
                text.len()
            );
        }
    }
}

/// The formats `casec check` writes, each with what it must hold.
const FORMATS: [Format; 6] = [
    Format::Human { color: false },
    Format::Human { color: true },
    Format::Short,
    Format::Json,
    Format::Github,
    Format::Sarif,
];

/// Render the findings in every format and check each rendering's shape;
/// returns them all, for comparison between runs.
pub fn assert_rendered(c: &Compilation, what: &str) -> String {
    assert_rendered_in(c, what, &FORMATS)
}

/// [`assert_rendered`] in some of the formats only: the robustness tests
/// compile tens of thousands of inputs.
pub fn assert_rendered_in(c: &Compilation, what: &str, formats: &[Format]) -> String {
    let count = c.diagnostics.len();
    let mut all = String::new();
    for &format in formats {
        let mut out = Vec::new();
        let mut reporter = Reporter::new(format, PathBuf::from("/"), &mut out);
        reporter.report(&c.sources, &c.diagnostics);
        reporter.finish();
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| panic!("{what}: {format:?} output is not UTF-8: {e}"));
        let lines: Vec<&str> = text.lines().collect();
        match format {
            // A megabyte-long line is quoted in windows around the labels,
            // so a finding prints a few lines whatever the input.
            Format::Human { color } => {
                assert!(
                    text.len() <= 16 * 1024 * count.max(1),
                    "{what}: {count} findings render to {} bytes",
                    text.len()
                );
                // Without colour, nothing in it acts on a terminal.
                if !color {
                    for line in &lines {
                        assert_printable(line, what);
                    }
                }
            }
            Format::Short => {
                assert_eq!(lines.len(), count, "{what}: one line per finding");
                for line in &lines {
                    assert!(line_col_after(line, NAME), "{what}: unlocated `{line}`");
                    assert_printable(line, what);
                }
            }
            Format::Json => {
                assert_eq!(lines.len(), count, "{what}: JSON lines");
                for line in &lines {
                    let value: serde_json::Value = serde_json::from_str(line)
                        .unwrap_or_else(|e| panic!("{what}: `{line}` is not JSON: {e}"));
                    let location = &value["location"];
                    assert!(
                        location["path"] == NAME
                            && location["line"].as_u64() >= Some(1)
                            && location["column"].as_u64() >= Some(1),
                        "{what}: unlocated JSON finding {line}"
                    );
                }
            }
            Format::Github => {
                assert_eq!(lines.len(), count, "{what}: one annotation per finding");
                for line in &lines {
                    assert_printable(line, what);
                    assert!(
                        line.starts_with(&format!("::error file={NAME},line="))
                            || line.starts_with(&format!("::warning file={NAME},line=")),
                        "{what}: unlocated annotation `{line}`"
                    );
                }
            }
            Format::Sarif => {
                let log: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{what}: the SARIF log is not JSON: {e}"));
                let results = log["runs"][0]["results"].as_array().map(Vec::len);
                assert_eq!(results, Some(count), "{what}: SARIF results");
            }
        }
        all.push_str(&text);
    }
    all
}

/// A line of a one-line format holds no control character, line separator
/// or direction override: quoted user text cannot end it early, forge
/// another finding, or act on a terminal or a CI log.
fn assert_printable(line: &str, what: &str) {
    let bad = line.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "{what}: {bad:?} in the line {line:?}");
}

/// Whether `line` starts with `name:LINE:COLUMN:`, both at least 1.
fn line_col_after(line: &str, name: &str) -> bool {
    let Some(rest) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let mut number = || parts.next().and_then(|n| n.parse::<usize>().ok());
    number().is_some_and(|l| l >= 1) && number().is_some_and(|c| c >= 1)
}

/// Compile `bytes`: every finding located and rendered in every format, and
/// a second compilation gives byte-identical findings and JSON.
pub fn assert_checked(bytes: &[u8], what: &str) -> Compilation {
    let first = compile(bytes);
    assert_located(&first, what);
    let rendered = assert_rendered(&first, what);
    let second = compile(bytes);
    assert!(
        rendered == assert_rendered(&second, what),
        "{what}: findings differ between two compilations"
    );
    assert!(
        json::emit(&first) == json::emit(&second),
        "{what}: the JSON differs between two compilations"
    );
    first
}

/// `fmt` on `bytes`: text that parses is formatted to text that formats to
/// itself, with the same tokens, decoded strings and comments (read by the
/// independent [`tokens`]), and the same findings; text that does not parse
/// is refused with located errors; the formatter never refuses its own
/// output.
pub fn assert_fmt_sound(bytes: &[u8], what: &str) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        let refused = casec::format::format_bytes(NAME, bytes);
        assert!(
            matches!(refused, Err(FormatError::Invalid { .. })),
            "{what}: text that is not UTF-8 is formatted: {refused:?}"
        );
        return;
    };
    let formatted = match format_source(NAME, text) {
        Ok(formatted) => formatted,
        Err(FormatError::Invalid { diagnostics, .. }) => {
            assert!(!diagnostics.is_empty(), "{what}: refused without a reason");
            return;
        }
        Err(FormatError::Unverified(why)) => panic!("{what}: the formatter failed: {why}"),
    };
    match format_source(NAME, &formatted) {
        Ok(again) => assert!(
            again == formatted,
            "{what}: fmt is not idempotent\n--- once\n{formatted}\n--- twice\n{again}"
        ),
        Err(e) => panic!("{what}: fmt refuses its own output ({e:?})\n{formatted}"),
    }
    let before = tokens::tokens(text).unwrap_or_else(|| panic!("{what}: formatted an open string"));
    let after = tokens::tokens(&formatted).unwrap_or_default();
    // Comments keep their order, but one inside a key or an item head moves
    // out of it: the two sequences are compared apart.
    let (comments_before, code_before) = tokens::split_comments(before);
    let (comments_after, code_after) = tokens::split_comments(after);
    assert_same(
        &code_before,
        &code_after,
        &format!("{what}: fmt changes a token"),
        &formatted,
    );
    assert_same(
        &comments_before,
        &comments_after,
        &format!("{what}: fmt changes a comment"),
        &formatted,
    );
    assert_eq!(
        codes(&compile(bytes)),
        codes(&compile(formatted.as_bytes())),
        "{what}: the formatted case has other findings\n{formatted}"
    );
}

fn assert_same(before: &[tokens::Token], after: &[tokens::Token], what: &str, formatted: &str) {
    if before != after {
        let at = before.iter().zip(after).take_while(|(a, b)| a == b).count();
        panic!(
            "{what}: #{at} {:?} became {:?}\n{formatted}",
            before.get(at),
            after.get(at)
        );
    }
}

/// How many findings of each code.
fn codes(c: &Compilation) -> BTreeMap<casec::diagnostic::Code, usize> {
    let mut codes = BTreeMap::new();
    for d in &c.diagnostics {
        *codes.entry(d.code).or_insert(0) += 1;
    }
    codes
}

fn ir_schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        jsonschema::validator_for(&schema::closed("casec-ir.schema.json"))
            .expect("the IR schema is a valid schema")
    })
}

/// The JSON IR is valid against its published schema; the SVG diagram and
/// the HTML review are well-formed XML; each emitter writes the same text
/// twice.
pub fn assert_emitted(c: &Compilation, what: &str) {
    let emit = |format| render(c, format, &RenderOptions::default());
    let text = emit(Emit::Json).unwrap_or_else(|e| panic!("{what}: no JSON: {e}"));
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{what}: the JSON IR is not JSON: {e}"));
    // casec writes the JSON IR only for a case without errors; in one with
    // errors a reference that did not resolve keeps the name it was written
    // with, which a template may have filled with a non-identifier (E1008).
    let dangling = |e: &jsonschema::ValidationError| {
        c.has_errors()
            && matches!(
                e.kind(),
                jsonschema::error::ValidationErrorKind::Pattern { .. }
            )
    };
    let errors: Vec<String> = ir_schema()
        .iter_errors(&value)
        .filter(|e| !dangling(e))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: the JSON IR breaks its schema: {errors:#?}"
    );
    for format in [Emit::Svg, Emit::Html, Emit::Dot, Emit::Markdown] {
        let text = emit(format);
        if let (Ok(text), Emit::Svg | Emit::Html) = (&text, format) {
            assert_xml(text, &format!("{what}: the {format:?}"));
        }
        assert_eq!(text, emit(format), "{what}: the {format:?} differs");
    }
}

fn assert_xml(text: &str, what: &str) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    if let Err(e) = roxmltree::Document::parse_with_options(text, options) {
        panic!("{what} is not well-formed XML: {e}");
    }
}
