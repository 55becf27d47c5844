//! `casec import gsn2x`: the converter on the gsn2x fixtures (written for
//! these tests from gsn2x's documentation), its generated text as reviewed
//! snapshots, and the binary end to end: import, then `casec check` the
//! result, which must have no errors.

mod common;

use casec::diagnostic::Code;
use casec::migrate::gsn2x::{self, Conversion, Source};
use common::{casec_command, ROOT};
use std::path::Path;
use std::process::Output;

const FIXTURES: &str = "tests/fixtures/gsn2x";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).expect("the fixture is readable")
}

fn convert(paths: &[&str]) -> Conversion {
    let texts: Vec<String> = paths.iter().map(|p| read(p)).collect();
    let sources: Vec<Source> = paths
        .iter()
        .zip(&texts)
        .map(|(path, text)| Source { path, text })
        .collect();
    gsn2x::convert(&sources).expect("the fixtures convert")
}

/// The generated files and the notes, as one reviewable text.
fn rendered(conversion: &Conversion) -> String {
    let mut out = String::new();
    for file in &conversion.files {
        out.push_str(&format!("==> {} <==\n{}\n", file.name, file.text));
    }
    out.push_str("==> notes <==\n");
    for note in &conversion.notes {
        out.push_str(&format!(
            "{}:{} {} [{}] {}\n",
            note.source,
            note.line,
            note.element.as_deref().unwrap_or("-"),
            note.kind.as_str(),
            note.message
        ));
    }
    out
}

fn casec(args: &[&str]) -> Output {
    casec_command(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the casec binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn single_file_snapshot() {
    let conversion = convert(&[&format!("{FIXTURES}/agent.gsn.yaml")]);
    insta::assert_snapshot!("gsn2x_agent", rendered(&conversion));
}

#[test]
fn the_conversion_is_deterministic() {
    let paths = [&format!("{FIXTURES}/agent.gsn.yaml")];
    let first = rendered(&convert(&[paths[0]]));
    for _ in 0..3 {
        assert_eq!(rendered(&convert(&[paths[0]])), first);
    }
}

#[test]
fn single_file_imports_and_checks() {
    let dir = common::temp_dir("import", "single");
    let out = dir.to_string_lossy().into_owned();
    let import = casec(&[
        "import",
        "gsn2x",
        &format!("{FIXTURES}/agent.gsn.yaml"),
        "-o",
        &out,
    ]);
    let stderr = text(&import.stderr);
    assert!(import.status.success(), "{stderr}");
    // What was not carried over is listed per file and element.
    assert!(
        stderr.contains("not carried over as written, per file and element:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`S1` (line 33): not carried over: rankIncrement: 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`CG1` (line 67): not carried over: the whole element"),
        "{stderr}"
    );
    let case = dir.join("agent.case");
    assert!(case.is_file());
    let check = casec(&["check", "--today", "2026-06-01", &case.to_string_lossy()]);
    let report = text(&check.stdout) + &text(&check.stderr);
    assert!(check.status.success(), "{report}");
    assert!(report.contains(" 0 errors"), "{report}");

    // A second import does not replace the file without --force.
    let again = casec(&[
        "import",
        "gsn2x",
        &format!("{FIXTURES}/agent.gsn.yaml"),
        "-o",
        &out,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    let forced = casec(&[
        "import",
        "gsn2x",
        &format!("{FIXTURES}/agent.gsn.yaml"),
        "-o",
        &out,
        "--force",
    ]);
    assert!(forced.status.success());
    // A symbolic link where a file would go is never written through.
    #[cfg(unix)]
    {
        let elsewhere = dir.join("elsewhere.txt");
        std::fs::write(&elsewhere, "keep").unwrap();
        std::fs::remove_file(&case).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &case).unwrap();
        let linked = casec(&[
            "import",
            "gsn2x",
            &format!("{FIXTURES}/agent.gsn.yaml"),
            "-o",
            &out,
            "--force",
        ]);
        assert_eq!(linked.status.code(), Some(2));
        assert!(text(&linked.stderr).contains("is a symbolic link"));
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_yaml_is_a_located_error() {
    let dir = common::temp_dir("import", "bad");
    let bad = dir.join("bad.gsn.yaml");
    std::fs::write(&bad, "G1:\n  text: [unclosed\n").unwrap();
    let out = dir.join("out");
    let import = casec(&[
        "import",
        "gsn2x",
        &bad.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(import.status.code(), Some(2));
    let stderr = text(&import.stderr);
    assert!(stderr.contains("bad.gsn.yaml:"), "{stderr}");
    assert!(stderr.contains("not valid YAML"), "{stderr}");
    assert!(!out.join("bad.case").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

const MODULAR: [&str; 4] = [
    "tests/fixtures/gsn2x/modular/index.gsn.yaml",
    "tests/fixtures/gsn2x/modular/security.gsn.yaml",
    "tests/fixtures/gsn2x/modular/alignment.gsn.yaml",
    "tests/fixtures/gsn2x/modular/control.gsn.yaml",
];

#[test]
fn modular_snapshot() {
    let conversion = convert(&MODULAR);
    insta::assert_snapshot!("gsn2x_modular", rendered(&conversion));
}

#[test]
fn modular_imports_and_checks() {
    let dir = common::temp_dir("import", "modular");
    let out = dir.to_string_lossy().into_owned();
    // The entry point alone: the modules it `uses` are read from it.
    let import = casec(&["import", "gsn2x", MODULAR[0], "-o", &out]);
    let stderr = text(&import.stderr);
    assert!(import.status.success(), "{stderr}");
    for name in [
        "index.case",
        "security.case",
        "alignment.case",
        "control.case",
    ] {
        assert!(dir.join(name).is_file(), "{name}\n{stderr}");
    }
    // The same files as converting all four named.
    let conversion = convert(&MODULAR);
    for file in &conversion.files {
        assert_eq!(
            std::fs::read_to_string(dir.join(&file.name)).unwrap(),
            file.text,
            "{}",
            file.name
        );
    }
    let case = dir.join("index.case");
    let check = casec(&["check", "--today", "2026-06-01", &case.to_string_lossy()]);
    let report = text(&check.stdout) + &text(&check.stderr);
    assert!(check.status.success(), "{report}");
    assert!(report.contains(" 0 errors"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn fenced(markdown: &str, lang: &str) -> Vec<String> {
    let open = format!("```{lang}\n");
    let mut blocks = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find(&open) {
        let body = &rest[start + open.len()..];
        let end = body.find("```\n").expect("a closed block");
        blocks.push(body[..end].to_string());
        rest = &body[end..];
    }
    blocks
}

/// docs/migrating-from-gsn2x.md: its `yaml` block, imported by the real
/// binary, writes exactly its `case` block and prints exactly its `text`
/// block; the case compiles with no errors.
#[test]
fn the_migration_guide_shows_what_the_importer_writes_and_prints() {
    let doc = read("docs/migrating-from-gsn2x.md");
    let yaml = &fenced(&doc, "yaml")[0];
    let case = &fenced(&doc, "case")[0];
    let printed = &fenced(&doc, "text")[0];
    let dir = common::temp_dir("import", "guide");
    std::fs::write(dir.join("agent.gsn.yaml"), yaml).unwrap();
    let import = std::process::Command::new(env!("CARGO_BIN_EXE_casec"))
        .args(["import", "gsn2x", "agent.gsn.yaml"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", text(&import.stderr));
    assert_eq!(&text(&import.stderr), printed);
    assert_eq!(
        &std::fs::read_to_string(dir.join("agent.case")).unwrap(),
        case
    );
    let compilation = casec::compile("agent.case", case.as_bytes(), casec::Options::default());
    let errors: Vec<&str> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == casec::diagnostic::Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every fixture, with each line deleted and cut at every few characters:
/// the converter never panics, and whatever it writes is well-formed casec
/// (no syntax error, no malformed key or value), the notes in file order.
#[test]
fn broken_gsn2x_files_never_give_an_unreadable_case() {
    let mut paths = vec![format!("{FIXTURES}/agent.gsn.yaml")];
    paths.extend(MODULAR.iter().map(|p| p.to_string()));
    let mut converted = 0;
    for path in &paths {
        let text = read(path);
        let lines: Vec<&str> = text.lines().collect();
        let mut variants: Vec<String> = (0..lines.len())
            .map(|skip| {
                let kept: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, l)| *l)
                    .collect();
                kept.join("\n")
            })
            .collect();
        variants.extend(
            (0..text.len())
                .step_by(5)
                .filter(|&cut| text.is_char_boundary(cut))
                .map(|cut| text[..cut].to_string()),
        );
        // And characters YAML gives meaning to, put in at random places (a
        // fixed seed, so that a failure is found again).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let specials: Vec<char> = ":[]{},-&*!|>'\"#%@`? \n\tG.".chars().collect();
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..200 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let at = (seed >> 33) as usize % chars.len();
            let with = specials[(seed >> 20) as usize % specials.len()];
            let mut mutated = chars.clone();
            mutated[at] = with;
            variants.push(mutated.into_iter().collect());
        }
        for variant in variants {
            let Ok(conversion) = gsn2x::convert(&[Source {
                path: "m.gsn.yaml",
                text: &variant,
            }]) else {
                continue;
            };
            converted += 1;
            let case = &conversion.files[0].text;
            let compilation = casec::compile("m.case", case.as_bytes(), casec::Options::default());
            let malformed: Vec<&str> = compilation
                .diagnostics
                .iter()
                .filter(|d| {
                    // References are resolved by the converter: none dangles,
                    // none is of the wrong kind, none is repeated.
                    common::is_malformed(d.code)
                        || matches!(
                            d.code,
                            Code::DuplicateId
                                | Code::UnresolvedReference
                                | Code::WrongKindReference
                                | Code::RepeatedReference
                                | Code::SupportedLeaf
                        )
                })
                .map(|d| d.message.as_str())
                .collect();
            assert!(
                malformed.is_empty(),
                "{malformed:?}\n{variant}\n---\n{case}"
            );
            let lines: Vec<usize> = conversion.notes.iter().map(|n| n.line).collect();
            let mut sorted = lines.clone();
            sorted.sort();
            assert_eq!(lines, sorted, "{variant}");
        }
    }
    assert!(converted > 100, "only {converted} variants converted");
}

/// Links a module cannot make (into the case, or closing a cycle of
/// imports) are dropped and noted; what is written checks as one project.
#[test]
fn links_that_would_need_a_cycle_are_dropped_and_the_project_checks() {
    let dir = common::temp_dir("import", "cycle");
    let files = [
        (
            "main.gsn.yaml",
            "module: {name: main, brief: Main}\nG1: {text: Top, supportedBy: [S1]}\nS1: {text: S, supportedBy: [G2, G3]}\nG2: {text: Two, undeveloped: true}\nC1: {text: Main context}\n",
        ),
        (
            "a.gsn.yaml",
            "module:\n  name: a\n  extends:\n    - module: main\n      develops:\n        G2: [Sa]\nSa: {text: Sa, supportedBy: [Gb], inContextOf: [C1]}\nG3: {text: Three, supportedBy: [Gb]}\n",
        ),
        ("b.gsn.yaml", "module: {name: b}\nGb: {text: B goal, supportedBy: [G3, Snb]}\nSnb: {text: E}\n"),
    ];
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source { path, text })
        .collect();
    let conversion = gsn2x::convert(&sources).unwrap();
    let notes: Vec<&str> = conversion
        .notes
        .iter()
        .map(|n| n.message.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("a module cannot refer to the case")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("would make the imports circular")),
        "{notes:?}"
    );
    for file in &conversion.files {
        std::fs::write(dir.join(&file.name), &file.text).unwrap();
    }
    let case = dir.join("main.case");
    let check = casec(&["check", "--today", "2026-06-01", &case.to_string_lossy()]);
    let report = text(&check.stdout) + &text(&check.stderr);
    assert!(check.status.success(), "{report}");
    assert!(report.contains(" 0 errors"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}
