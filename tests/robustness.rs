//! No input makes casec panic, overflow its stack, or report a finding it
//! cannot locate: random bytes, every truncation and line deletion of every
//! example, mutations, and pathological sizes.

use casec::diagnostic::{render, Code, Format, Style};
use casec::source::FileId;
use casec::Compilation;
mod common;
mod oracle;

use std::path::PathBuf;
use std::process::Command;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn examples() -> Vec<(PathBuf, Vec<u8>)> {
    let files = common::example_paths();
    assert!(!files.is_empty());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Compile `bytes` and assert what tests/oracle holds on any input: every
/// finding located inside the user's file (secondary labels may point into
/// the prelude) on character boundaries, and rendered in every format (one
/// printable line each in the short and GitHub formats).
fn compile_located(bytes: &[u8], what: &str) -> Compilation {
    let compilation = std::panic::catch_unwind(|| oracle::compile(bytes))
        .unwrap_or_else(|_| panic!("compiling {what} panicked"));
    oracle::assert_located(&compilation, what);
    oracle::assert_rendered_in(&compilation, what, RENDERED);
    compilation
}

/// The formats [`compile_located`] renders: the one-line ones, and the human
/// form, whose length is bounded (tests/generated.rs renders all of them).
const RENDERED: &[Format] = &[
    Format::Human { color: true },
    Format::Short,
    Format::Json,
    Format::Github,
];

/// Text that is more than one byte a character: CJK, a dash, an emoji, a
/// combining mark, a right-to-left letter, and runs long enough to pass any
/// cut at a fixed byte count.
const MULTI_BYTE: &[&str] = &[
    "\u{2014}",
    "\u{2014}v2",
    "\u{6f22}\u{5b57}",
    "\u{1f600}",
    "e\u{301}",
    "\u{301}",
    "\u{5d0}",
    "\u{a0}",
    "\u{3000}",
    "// draft \u{2014}v2\n",
];

#[test]
fn multi_byte_text_anywhere_in_every_fixture_and_example_is_handled() {
    let long_run = "\u{6f22}".repeat(14);
    let mixed_run = "\u{e9}\u{6f22}\u{1f600}".repeat(20);
    let mut inserts: Vec<&str> = MULTI_BYTE.to_vec();
    inserts.push(&long_run);
    inserts.push(&mixed_run);
    let mut files = examples();
    let fixtures = std::path::Path::new(common::ROOT).join("tests/fixtures");
    for entry in walk(&fixtures) {
        if entry.extension().is_some_and(|e| e == "case") {
            let bytes = std::fs::read(&entry).unwrap();
            files.push((entry, bytes));
        }
    }
    assert!(files.len() > 40, "{} files", files.len());
    let mut compiled = 0;
    for (path, bytes) in files {
        // The fixture for text that is not UTF-8 has nothing to insert into.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        // Every line start, and a stride of positions within lines.
        let positions: Vec<usize> = text
            .char_indices()
            .enumerate()
            .filter(|&(n, (i, _))| text[..i].ends_with('\n') || n % 97 == 0)
            .map(|(_, (i, _))| i)
            .collect();
        for (n, &at) in positions.iter().enumerate() {
            let insert = inserts[n % inserts.len()];
            let mut edited = text.clone();
            edited.insert_str(at, insert);
            compile_located(
                edited.as_bytes(),
                &format!("{} with {insert:?} at byte {at}", path.display()),
            );
            compiled += 1;
        }
    }
    assert!(compiled > 2_000, "{compiled} inputs");
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_truncation_of_every_example_is_handled() {
    for (path, bytes) in examples() {
        // Every prefix ending on each line, and on a stride of bytes within.
        for end in (0..bytes.len()).filter(|&i| i % 5 == 0 || bytes[i] == b'\n') {
            compile_located(
                &bytes[..end],
                &format!("{} cut at byte {end}", path.display()),
            );
        }
    }
}

#[test]
fn every_line_deletion_of_every_example_is_handled() {
    for (path, bytes) in examples() {
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        for skip in 0..lines.len() {
            let edited: Vec<u8> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .flat_map(|(_, line)| line.iter().copied())
                .collect();
            compile_located(
                &edited,
                &format!("{} without line {}", path.display(), skip + 1),
            );
        }
    }
}

#[test]
fn random_mutations_of_the_examples_are_handled() {
    let mut rng = Rng(0x5EED_CA5E);
    let alphabet = b"{}:,\"\\/\n \t-.%0123456789abcdefxyz_";
    for (path, bytes) in examples() {
        for round in 0..300 {
            let mut edited = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(edited.len().max(1));
                match rng.below(4) {
                    0 => edited.insert(at, alphabet[rng.below(alphabet.len())]),
                    1 if !edited.is_empty() => {
                        edited.remove(at);
                    }
                    2 if !edited.is_empty() => edited[at] = rng.next() as u8,
                    _ => {
                        let from = rng.below(edited.len().max(1));
                        let len = rng.below(40).min(edited.len() - from);
                        let chunk: Vec<u8> = edited[from..from + len].to_vec();
                        edited.splice(at..at, chunk);
                    }
                }
            }
            compile_located(&edited, &format!("{} mutation {round}", path.display()));
        }
    }
}

#[test]
fn arbitrary_bytes_are_handled() {
    let mut rng = Rng(0xB1A5_0001);
    for round in 0..500 {
        let len = rng.below(2000);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        compile_located(&bytes, &format!("random buffer {round}"));
        // Printable junk reaches further into the parser than binary does.
        const ALPHABET: &[u8] = b" \n{}:,\"claim argument x1 y-2 3e4 2026-01-01 //";
        let printable: Vec<u8> = bytes
            .iter()
            .map(|b| ALPHABET[*b as usize % ALPHABET.len()])
            .collect();
        compile_located(&printable, &format!("printable buffer {round}"));
    }
}

#[test]
fn the_cli_exits_0_or_1_with_located_findings_on_junk() {
    let dir = std::env::temp_dir().join(format!("casec-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0xC11);
    let mut inputs: Vec<Vec<u8>> =
        vec![vec![0xff, 0xfe, 0x00, 0x41], b"}}}{{{".to_vec(), Vec::new()];
    inputs.extend((0..5).map(|_| (0..300).map(|_| rng.next() as u8).collect()));
    for (i, bytes) in inputs.iter().enumerate() {
        let path = dir.join(format!("junk{i}.case"));
        std::fs::write(&path, bytes).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_casec"))
            .args(["check", "--format", "short"])
            .arg(&path)
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(code == Some(0) || code == Some(1), "junk{i}: exit {code:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        for line in stdout.lines() {
            let rest = line
                .strip_prefix(&format!("{}:", path.display()))
                .unwrap_or_else(|| panic!("unlocated: {line}"));
            let mut parts = rest.splitn(3, ':');
            let line_no: usize = parts.next().unwrap().parse().unwrap();
            let col: usize = parts.next().unwrap().parse().unwrap();
            assert!(line_no >= 1 && col >= 1, "{line}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run `f` on a thread with a small stack, so that recursion proportional to
/// the input would fail here rather than on a user's machine.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn a_very_deep_support_chain_does_not_overflow_the_stack() {
    on_small_stack(|| {
        let depth = 50_000;
        let mut text = String::from(
            "case deep \"Deep\"\ndecision d \"D\" { window: 2026-01-01 to 2026-12-31 }\noutcome o \"O\"\n",
        );
        for i in 0..depth {
            text.push_str(&format!(
                "claim c{i} \"Level {i}\" {{ supported by: c{} }}\n",
                i + 1
            ));
        }
        text.push_str(&format!(
            "claim c{depth} \"Bottom\" {{ addresses: o  undeveloped }}\n"
        ));
        let compilation = compile_located(text.as_bytes(), "a deep chain");
        assert!(!compilation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::SupportCycle));
        // Close the loop: the cycle is found and reported, not followed forever.
        let cyclic = text.replace(
            "{ addresses: o  undeveloped }",
            "{ addresses: o  supported by: c0 }",
        );
        let compilation = compile_located(cyclic.as_bytes(), "a deep cycle");
        assert!(compilation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::SupportCycle));
        // Close it through a context instead: the bottom is read in the
        // context of an assumption that the top of the chain justifies.
        let circular = text.replace(
            "{ addresses: o  undeveloped }",
            "{ addresses: o  in context of: a  undeveloped }\nassumption a \"A\" { supported by: c0 }",
        );
        let compilation = compile_located(circular.as_bytes(), "a deep circular justification");
        assert!(compilation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::CircularJustification));
    });
}

#[test]
fn very_long_lines_and_nesting_are_handled() {
    on_small_stack(|| {
        let ids: Vec<String> = (0..100_000).map(|i| format!("e{i}")).collect();
        let long_list = format!("claim top \"T\" {{ supported by: {} }}\n", ids.join(", "));
        compile_located(long_list.as_bytes(), "a 100,000-id list");
        let long_string = format!("outcome o \"{}\"\n", "x".repeat(2_000_000));
        compile_located(long_string.as_bytes(), "a 2 MB string");
        let braces = "{".repeat(100_000) + &"}".repeat(100_000);
        compile_located(braces.as_bytes(), "100,000 nested braces");
        let brackets = format!("claim a \"A\" {}", "{ supported by: ".repeat(50_000));
        compile_located(brackets.as_bytes(), "50,000 unclosed bodies");
        // Templates are the grammar's only nesting rules: deep ones are
        // refused before the parser recurses, also after an item on the
        // same line (one chunk with the item).
        for before in ["", "claim a \"A\" ", "claim a \"A\" { x: 1 } "] {
            let deep = format!(
                "{before}template t {{ {}{} }}\n",
                "for x in y { ".repeat(100_000),
                "}".repeat(100_000)
            );
            let compilation = compile_located(deep.as_bytes(), "a template 100,000 levels deep");
            assert!(
                compilation
                    .diagnostics
                    .iter()
                    .any(|d| d.message.contains("nests deeper than")),
                "{before:?}: {:?}",
                compilation.diagnostics
            );
        }
    });
}

/// Issue 20, items 1 and 2: syntax errors next to multi-byte text once sliced
/// `str`s inside a character. Each input panicked before the fix.
#[test]
fn syntax_errors_beside_multi_byte_text_are_located_not_panics() {
    let inputs: &[&str] = &[
        // A comment whose last word follows a non-ASCII character.
        "// draft \u{2014}v2\n}\n",
        // More than 40 bytes of non-ASCII letters where the parser fails.
        "claim a \"x\" {\n  \u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\u{6f22}\n}\n",
        // A stray byte-order mark inside a body (found by the fmt fuzzer).
        "claim a \"x\" {\n  shows\u{feff}x, y\n}\n",
    ];
    for input in inputs {
        let compilation = compile_located(input.as_bytes(), input);
        let syntax = compilation
            .diagnostics
            .iter()
            .find(|d| d.code == Code::SyntaxError)
            .unwrap_or_else(|| panic!("no syntax error for {input:?}"));
        // The comment's word is not taken as the token before the error.
        assert!(!syntax.message.contains("v2"), "{}", syntax.message);
    }
}

/// Issue 20, item 10: messages quote user text (a block string, an artifact
/// path), so a line break, a carriage return or an escape sequence in it
/// once split a finding over several lines of `--format short` or `github`
/// and could forge a finding line in a CI log or retitle the terminal.
#[test]
fn quoted_line_breaks_and_terminal_escapes_stay_on_one_printable_line() {
    // The artifact's `\n` and `\t` are escapes; the rest is raw, as is the
    // escape character after the claim's backslash.
    let text = format!(
        "case c \"C\" {{ threshold: 0.1 }}\n\
         evidence e \"E\" {{\n  \
           artifact: \"gone\\ninput.case:1:1: error[E0001]: forged\x1b[2K\\tx\u{85}\u{2028}\u{202e}.txt\"\n  \
           sha256: \"{}\"\n}}\n\
         claim f \"x\\\x1b]0;owned\x07 y\"\n",
        "0".repeat(64)
    );
    // Evidence verified, so that the missing artifact is reported; the
    // oracle holds each finding to one printable line.
    let options = casec::Options {
        verify_evidence: true,
        ..oracle::options()
    };
    let compilation = casec::compile(oracle::NAME, text.as_bytes(), options);
    let what = "a case with control characters";
    oracle::assert_located(&compilation, what);
    oracle::assert_rendered(&compilation, what);
    assert!(
        compilation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InvalidLiteral && d.message.contains('\x1b')),
        "{:?}",
        compilation.diagnostics
    );
    let forged = compilation
        .diagnostics
        .iter()
        .find(|d| d.message.contains("forged"))
        .unwrap_or_else(|| panic!("{:?}", compilation.diagnostics));
    let short = render(&compilation.sources, forged, Style::Short);
    assert!(
        short.contains(
            "`gone\\ninput.case:1:1: error[E0001]: forged\\u{1b}[2K\\tx\\u{85}\\u{2028}\\u{202e}.txt`"
        ),
        "{short}"
    );
    let github =
        casec::diagnostic::github::render(&compilation.sources, forged, std::path::Path::new("/"));
    assert!(github.contains("gone\\ninput.case"), "{github}");
    assert!(
        github.ends_with('\n') && github.matches('\n').count() == 1,
        "{github}"
    );
}

/// A link phrase is whole words: `supported byx: m` once read as
/// `supported by` and a property `x: m`, and `casec fmt` then split the word.
#[test]
fn a_link_phrase_glued_to_the_next_word_is_a_located_finding() {
    for (body, word, code) in [
        (
            "in context ofcomponents: m",
            "ofcomponents",
            Code::SyntaxError,
        ),
        ("supported byx: m", "byx", Code::SyntaxError),
        ("in contextof: m", "contextof", Code::SyntaxError),
        ("supported by_x: m", "by_x", Code::SyntaxError),
        ("in context of-x: m", "of-x", Code::SyntaxError),
        ("supported: m", ":", Code::SyntaxError),
        // One word that merely starts like a phrase is a key of its own.
        ("supportedby: m", "supportedby", Code::UnknownProperty),
        ("incontext of: m", "incontext", Code::UnknownProperty),
    ] {
        let text = format!("claim a \"A\" {{ {body} }}\nevidence m \"M\"\n");
        let compilation = compile_located(text.as_bytes(), body);
        // The first finding in the body (`incontext of: m` has two).
        let mut found: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::SyntaxError | Code::UnknownProperty))
            .collect();
        found.sort_by_key(|d| d.primary.span.start);
        assert!(!found.is_empty(), "{body}: {:?}", compilation.diagnostics);
        assert_eq!(found[0].code, code, "{body}: {}", found[0].message);
        let at = text.find(word).unwrap();
        assert_eq!(
            found[0].primary.span.range(),
            at..at + word.len(),
            "{body}: {}",
            found[0].message
        );
        match casec::format::format_source("input.case", &text) {
            // The formatter leaves a file that does not parse as it is.
            Err(casec::format::FormatError::Invalid { .. }) => {
                assert_eq!(code, Code::SyntaxError, "{body}")
            }
            Ok(formatted) => {
                assert_eq!(code, Code::UnknownProperty, "{body}: {formatted}");
                // The word is kept whole, and found again.
                let again = compile_located(formatted.as_bytes(), &formatted);
                let unknown = again
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == Code::UnknownProperty)
                    .min_by_key(|d| d.primary.span.start)
                    .map(|d| &formatted[d.primary.span.range()]);
                assert_eq!(unknown, Some(word), "{body}: {formatted}");
            }
            Err(e) => panic!("{body}: {e:?}"),
        }
    }
    // The phrases as they are meant, also with a comment or a line break
    // between their words, and ids that start like them.
    for body in [
        "supported by: m",
        "supported  by\t: m",
        "supported // why\n by: m",
        "in context of: m",
        "in  context\tof: m",
        "supported by: by_x, ofa, in_b, supported",
    ] {
        let text = format!("claim a \"A\" {{ {body} }}\nevidence m \"M\"\n");
        let compilation = compile_located(text.as_bytes(), body);
        assert!(
            !compilation
                .diagnostics
                .iter()
                .any(|d| matches!(d.code, Code::SyntaxError | Code::UnknownProperty)),
            "{body}: {:?}",
            compilation.diagnostics
        );
        let formatted = casec::format::format_source("input.case", &text)
            .unwrap_or_else(|e| panic!("{body}: {e:?}"));
        assert!(
            formatted.contains("supported by: ") || formatted.contains("in context of: m"),
            "{body}: {formatted}"
        );
    }
}

/// Issue 20, item 9: a case that redefines a prelude name, with the same kind
/// or another, gets every finding in its own file, never in `<prelude>`
/// (a file CI cannot show). Every prelude definition, as every kind.
#[test]
fn redefining_a_prelude_name_is_reported_in_the_case_file() {
    let (prelude, _) = casec::syntax::parse(FileId::PRELUDE, casec::compile::PRELUDE);
    let names: Vec<(String, &str)> = prelude
        .items
        .iter()
        .map(|item| (item.id.name.to_string(), item.kind.keyword()))
        .collect();
    assert!(names.len() > 30, "{names:?}");
    let head = "case c \"C\" { threshold: 0.1 }\n\
                decision d \"D\" { window: 2026-01-01 to 2026-12-31 }\n\
                outcome o \"O\"\n\
                claim top \"T\" { addresses: o  undeveloped }\n";
    for (name, prelude_kind) in &names {
        for kind in ["topic", "block", "role", "category"] {
            let text = format!("{head}{kind} {name} \"mine\"\n");
            let what = format!("`{kind} {name}` over the prelude's {prelude_kind}");
            let compilation = compile_located(text.as_bytes(), &what);
            let duplicate = compilation
                .diagnostics
                .iter()
                .find(|d| d.code == Code::DuplicateId);
            if kind == *prelude_kind {
                // The same kind replaces the prelude's definition.
                assert!(duplicate.is_none(), "{what}: {duplicate:?}");
            } else {
                let at = text.rfind(name.as_str()).unwrap();
                let d =
                    duplicate.unwrap_or_else(|| panic!("{what}: {:?}", compilation.diagnostics));
                assert_eq!(d.primary.span.range(), at..at + name.len(), "{what}");
                assert!(
                    d.message.contains(prelude_kind) && d.message.contains(kind),
                    "{what}: {}",
                    d.message
                );
            }
        }
    }
}
