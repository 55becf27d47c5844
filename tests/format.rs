//! Properties of the formatter over every example, every diagnostics fixture
//! that parses, the prelude, generated cases, and randomised re-spellings of
//! all of them (comments everywhere, odd spacing, CRLF, long and re-broken
//! strings): formatting is idempotent, keeps the IR and keeps every comment.

mod common;

use casec::diagnostic::Code;
use casec::format::{self, FormatError, WIDTH};
use casec::source::FileId;
use casec::syntax::{self, Ast, Item};
use casec::Options;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A small deterministic PRNG (SplitMix64), so every run tests the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Every `.case` file of the corpus, with its name.
fn corpus() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures/diagnostics"] {
        let mut paths: Vec<_> = std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "case"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.push(("prelude".into(), casec::compile::PRELUDE.to_string()));
    for size in [10, 300] {
        files.push((format!("synth-{size}"), casec::synth::generate(size)));
    }
    files
}

fn parse(text: &str) -> Option<Ast> {
    let (ast, diagnostics) = syntax::parse(FileId(1), text);
    diagnostics.is_empty().then_some(ast)
}

/// The checked IR as JSON, without source locations, plus the codes found.
fn meaning(text: &str) -> (Value, Vec<Code>) {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("location");
                map.remove("source");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let compilation = casec::compile("t.case", text, Options::default());
    let mut json = casec::emit::json::to_value(&compilation);
    strip(&mut json);
    (
        json,
        compilation.diagnostics.iter().map(|d| d.code).collect(),
    )
}

/// Format `text` and check every property; returns the formatted text and
/// what both mean.
fn check_properties(name: &str, text: &str) -> (String, (Value, Vec<Code>)) {
    let ast = parse(text).unwrap_or_else(|| panic!("{name} must parse:\n{text}"));
    let formatted =
        format::format_source(name, text).unwrap_or_else(|e| panic!("{name}: {e:?}\n{text}"));
    let again = format::format_source(name, &formatted).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(again, formatted, "{name}: formatting is not idempotent");
    let read = meaning(text);
    assert!(
        read == meaning(&formatted),
        "{name}: the IR changed\n{text}\n----\n{formatted}"
    );
    let after = parse(&formatted).unwrap_or_else(|| panic!("{name}: the output does not parse"));
    let before: Vec<&str> = format::comments(text, &ast).collect();
    let kept: Vec<&str> = format::comments(&formatted, &after).collect();
    assert_eq!(before, kept, "{name}: comments changed");
    (formatted, read)
}

#[test]
fn the_corpus_formats_idempotently_keeping_meaning_and_comments() {
    let mut checked = 0;
    for (name, text) in corpus() {
        if parse(&text).is_some() {
            check_properties(&name, &text);
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} files checked");
}

#[test]
fn the_formatting_guide_shows_canonical_text() {
    let guide = std::fs::read_to_string(Path::new(ROOT).join("docs/formatting.md")).unwrap();
    let example = guide
        .split("```case\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    assert_eq!(format::format_source("guide", example).unwrap(), example);
    let (_, codes) = meaning(example);
    assert!(
        !codes.iter().any(|&code| common::is_malformed(code)),
        "{codes:?}"
    );
}

#[test]
fn the_examples_are_already_canonical() {
    for (name, text) in corpus().into_iter().filter(|(n, _)| n.contains("examples")) {
        let formatted = format::format_source(&name, &text).unwrap();
        assert!(
            formatted == text,
            "{name} is not formatted:\n{}",
            format::diff(&name, &text, &formatted)
        );
    }
}

/// Writes an AST back with random spacing, comments and string breaks.
struct Scrambler<'a> {
    rng: Rng,
    source: &'a str,
    out: String,
    newline: &'static str,
    comments: usize,
    /// Lengthen `"…"` property strings so that the formatter must wrap them.
    lengthen: bool,
}

const ODD_COMMENTS: [&str; 4] = [
    "// plain",
    "// with \"quotes\", \"\"\" and { braces } : commas,",
    "//",
    "// claim looks_like_an_item \"x\" {",
];

impl Scrambler<'_> {
    fn indent(&mut self) -> &'static str {
        [" ", "  ", "\t", "      "][self.rng.below(4)]
    }

    /// Whitespace (and maybe comments) between two tokens; never empty, and
    /// never leaves anything but an item keyword in column 0.
    fn gap(&mut self, before_item: bool) {
        let comment = ODD_COMMENTS[self.rng.below(ODD_COMMENTS.len())];
        self.comments += 1;
        let n = self.comments;
        let indent = if before_item && self.rng.chance(70) {
            ""
        } else {
            self.indent()
        };
        let newline = self.newline;
        let gap = match self.rng.below(12) {
            0..=3 => " ".to_string(),
            4 => " \t ".to_string(),
            5 | 6 => format!("{newline}{indent}"),
            7 => format!("  {newline}{newline}{newline}{indent}"),
            8 => format!(" {comment} {n}{newline}{indent}"),
            9 => format!("{newline}  {comment} {n}  {newline}{indent}"),
            10 => format!("{newline}{newline}// group {n}{newline}//{newline}{newline}{indent}"),
            _ => format!("{comment}{newline}{indent}").replacen("//", " //", 1),
        };
        self.out.push_str(&gap);
    }

    fn token(&mut self, text: &str) {
        self.gap(false);
        self.out.push_str(text);
    }

    fn template(&mut self, template: &casec::syntax::Template) {
        let newline = self.newline;
        self.out.push_str(newline);
        let written = &self.source[template.span.range()];
        self.out.push_str(&written.replace('\n', newline));
        self.out.push_str(newline);
    }

    fn item(&mut self, item: &Item) {
        if !self.out.is_empty() || self.rng.chance(30) {
            self.gap(true);
        }
        self.out.push_str(item.kind.keyword());
        self.token(&item.id.name);
        if let Some(text) = &item.text {
            self.gap(false);
            self.string(text.span.range(), text.block, false);
        }
        let Some(body) = &item.body else { return };
        self.token("{");
        for property in &body.properties {
            for word in property.key.as_str().split(' ') {
                self.token(word);
            }
            if property.has_colon {
                self.token(":");
            }
            for (i, value) in property.values.iter().enumerate() {
                if i > 0 {
                    self.token(",");
                }
                match &value.kind {
                    syntax::ValueKind::Text(text) => {
                        self.gap(false);
                        self.string(text.span.range(), text.block, self.lengthen);
                    }
                    syntax::ValueKind::Range(from, to) => {
                        self.token(&from.to_string());
                        self.token("to");
                        self.token(&to.to_string());
                    }
                    _ => {
                        let written = &self.source[value.span.range()];
                        self.token(written);
                    }
                }
            }
        }
        self.token("}");
    }

    /// A string as written, or for `"…"` strings maybe lengthened and broken
    /// over lines at spaces between two plain characters.
    fn string(&mut self, range: std::ops::Range<usize>, block: bool, lengthen: bool) {
        let written = &self.source[range];
        if block || written.contains('\n') {
            self.out.push_str(written);
            return;
        }
        let mut content = written[1..written.len() - 1].to_string();
        if lengthen && self.rng.chance(50) {
            content.push_str(
                &" and then some more words to make it long".repeat(1 + self.rng.below(4)),
            );
        }
        let chars: Vec<char> = content.chars().collect();
        let mut out = String::from("\"");
        for (i, &c) in chars.iter().enumerate() {
            let plain = |j: usize| chars.get(j).is_some_and(|c| c.is_alphanumeric());
            let escaped = i >= 2 && chars[i - 2] == '\\';
            if c == ' '
                && plain(i.wrapping_sub(1))
                && !escaped
                && plain(i + 1)
                && self.rng.chance(15)
            {
                let trailing = ["", " ", "\t "][self.rng.below(3)];
                let indent = self.indent();
                out.push_str(&format!("{trailing}{}{indent}", self.newline));
            } else {
                out.push(c);
            }
        }
        out.push('"');
        self.out.push_str(&out);
    }
}

fn scramble(text: &str, seed: u64, lengthen: bool) -> String {
    let ast = parse(text).expect("only parsing files are scrambled");
    let mut rng = Rng(seed);
    let newline = if rng.chance(20) { "\r\n" } else { "\n" };
    let mut scrambler = Scrambler {
        rng,
        source: text,
        out: String::new(),
        newline,
        comments: 0,
        lengthen,
    };
    // Templates are copied as written, each in its place among the items.
    let mut templates = ast.templates.iter().peekable();
    for item in &ast.items {
        while let Some(template) = templates.next_if(|t| t.span.start < item.span.start) {
            scrambler.template(template);
        }
        scrambler.item(item);
    }
    for template in templates {
        scrambler.template(template);
    }
    if scrambler.rng.chance(50) {
        scrambler.gap(true);
    }
    scrambler.out
}

#[test]
fn scrambled_spellings_format_back_keeping_meaning_and_comments() {
    let mut scrambled_files = 0;
    for (name, text) in corpus().into_iter().filter(|(_, t)| t.len() < 20_000) {
        if parse(&text).is_none() {
            continue;
        }
        let original = meaning(&text);
        for seed in 0..3u64 {
            let variant = scramble(&text, seed * 7919 + name.len() as u64, false);
            let variant_name = format!("{name} (seed {seed})");
            let (_, read) = check_properties(&variant_name, &variant);
            assert!(
                read == original,
                "{variant_name}: the scrambler changed the IR"
            );
            scrambled_files += 1;
        }
        let long = scramble(&text, name.len() as u64, true);
        let (formatted, _) = check_properties(&format!("{name}, long strings"), &long);
        assert_lines_fit(&name, &formatted);
    }
    assert!(scrambled_files > 100);
}

/// Every line fits the width, except headlines, block strings, comments and
/// lines holding a word too long to break.
fn assert_lines_fit(name: &str, formatted: &str) {
    let mut in_block = false;
    for line in formatted.lines() {
        let quotes = line.matches("\"\"\"").count();
        let exempt = in_block
            || quotes > 0
            || line.contains("//")
            || is_head(line)
            || line.split(' ').any(|word| word.chars().count() > WIDTH / 2);
        assert!(
            exempt || line.chars().count() <= WIDTH,
            "{name}: line too long:\n{line}"
        );
        in_block ^= quotes % 2 == 1;
    }
}

/// An item's head (`KIND ID "text"`, maybe moved by comments onto
/// continuation lines as `ID "text"` or `"text"`), whose text never wraps.
fn is_head(line: &str) -> bool {
    let trimmed = line.trim_start();
    let first = trimmed.split(' ').next().unwrap_or("");
    let whole_text = trimmed.starts_with('"')
        && (trimmed.ends_with('"') || trimmed.ends_with('{') || trimmed.ends_with('}'));
    line.starts_with(|c: char| c.is_ascii_alphabetic())
        || whole_text
        || (!first.ends_with(':') && trimmed[first.len()..].starts_with(" \""))
}

#[test]
fn arbitrary_edits_never_panic_and_never_change_meaning() {
    let alphabet = [
        "\"", "{", "}", ":", ",", "/", "//", "\n", " ", "\\", "a", "\"\"\"", "é", "-", "1",
    ];
    let mut rng = Rng(42);
    for (name, text) in corpus().into_iter().filter(|(_, t)| t.len() < 20_000) {
        for _ in 0..10 {
            let mut mutated = text.clone();
            for _ in 0..1 + rng.below(3) {
                let mut at = rng.below(mutated.len() + 1);
                while !mutated.is_char_boundary(at) {
                    at -= 1;
                }
                if rng.chance(50) {
                    mutated.insert_str(at, alphabet[rng.below(alphabet.len())]);
                } else {
                    let mut end = (at + 1 + rng.below(4)).min(mutated.len());
                    while !mutated.is_char_boundary(end) {
                        end += 1;
                    }
                    mutated.replace_range(at..end, "");
                }
            }
            match format::format_source(&name, &mutated) {
                Ok(_) => {
                    check_properties(&name, &mutated);
                }
                Err(FormatError::Invalid { diagnostics, .. }) => assert!(!diagnostics.is_empty()),
                Err(FormatError::Unverified(why)) => panic!("{name}: {why}:\n{mutated}"),
            }
        }
    }
}

#[test]
fn a_large_generated_case_formats_idempotently() {
    let text = casec::synth::generate(5_000);
    let formatted = format::format_source("synth", &text).unwrap();
    assert_eq!(
        format::format_source("synth", &formatted).unwrap(),
        formatted
    );
}

/// Found by the fmt fuzzer: `block: a b` inside a template is a missing
/// comma, read as meant only while the words share a line. The formatter
/// must leave such a file as it is, as it does outside templates.
#[test]
fn stray_words_in_a_template_member_are_left_on_their_line() {
    let text = std::fs::read_to_string("tests/fixtures/diagnostics/E1008.case")
        .expect("the E1008 fixture")
        .replacen(
            "block: dangerous_capability_evals",
            "block: window dangerous_capability_evals",
            1,
        );
    match format::format_source("stray.case", &text) {
        Err(FormatError::Invalid { diagnostics, .. }) => {
            let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, [Code::SyntaxError], "{diagnostics:#?}");
        }
        Ok(formatted) => panic!("formatted a missing comma apart:\n{formatted}"),
        Err(FormatError::Unverified(why)) => panic!("{why}"),
    }
}

/// A parameter written after a member stays where it is written: moving it
/// up among the others would move the lines around it (and once, with a
/// string running past its line, changed what the template said).
#[test]
fn a_parameter_after_a_member_stays_where_it_is_written() {
    let text = "template t \"A template\" {\n  param system: component \"the model\"\n\n  claim c \"{system} is safe\" {\n    undeveloped\n  }\n\n  // why it comes late\n  param other: number \"a late parameter\"\n  param more: number \"another\"\n  claim d \"{system} again\" { undeveloped }\n}\n";
    let formatted = format::format_source("late.case", text).expect("formats");
    assert_eq!(
        formatted,
        "template t \"A template\" {\n  param system: component \"the model\"\n\n  claim c \"{system} is safe\" { undeveloped }\n\n  // why it comes late\n  param other: number \"a late parameter\"\n  param more: number \"another\"\n\n  claim d \"{system} again\" { undeveloped }\n}\n"
    );
    assert_eq!(
        format::format_source("late.case", &formatted).ok(),
        Some(formatted)
    );
}

/// A parameter written inside a part (an error, E1005) is written back where
/// it was, not dropped.
#[test]
fn a_parameter_inside_a_part_is_kept() {
    let text = "template t \"A template\" {\n  param settings: members \"the settings\"\n\n  for s in settings {\n    param late: number \"a nested parameter\"\n    claim {s}-c \"safe in {s}\" {\n      undeveloped\n    }\n  }\n}\n";
    let formatted = format::format_source("nested.case", text).expect("formats");
    assert_eq!(
        formatted,
        "template t \"A template\" {\n  param settings: members \"the settings\"\n\n  for s in settings {\n    param late: number \"a nested parameter\"\n    claim {s}-c \"safe in {s}\" { undeveloped }\n  }\n}\n"
    );
}

/// `to` written together with the second date of a range (`to2026-06-30`)
/// is a word of its own: the formatter once spaced it into a range, which
/// changed a token. It leaves the file as it is, with the finding (the CI
/// fuzzer's input is kept as a seed, fuzz/seeds/fmt-glued-to.seed).
#[test]
fn a_range_with_its_to_glued_to_the_date_is_left_as_it_is() {
    let text = "decision d \"D\" {\n  window: 2026-01-01  to2026-06-30\n}\n";
    match format::format_source("glued.case", text) {
        Err(FormatError::Invalid { diagnostics, .. }) => {
            let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, [Code::SyntaxError], "{diagnostics:#?}");
            assert!(diagnostics[0].message.contains("`to` is written together"));
        }
        Ok(formatted) => panic!("formatted a glued `to` apart:\n{formatted}"),
        Err(FormatError::Unverified(why)) => panic!("{why}"),
    }
    let seed = std::fs::read("fuzz/seeds/fmt-glued-to.seed").expect("the seed");
    assert!(format::format_bytes("seed.case", &seed).is_err());
}
