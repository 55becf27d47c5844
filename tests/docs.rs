//! The documentation stays true: its examples compile, and its generated
//! sections match the tables the compiler uses.

mod common;

use casec::diagnostic::{render, Style};
use casec::{compile, Options};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The contents of every fenced block opened with "```{lang}".
fn fenced(markdown: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    markdown
        .split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_language_reference_snippet_is_well_formed() {
    let snippets = fenced(&read("docs/language.md"), "case");
    assert!(
        snippets.len() >= 20,
        "found only {} snippets",
        snippets.len()
    );
    for snippet in snippets {
        // Snippets are fragments, so references may be unresolved; but the
        // syntax, literals and every property must be valid.
        let compilation = compile("snippet.case", &snippet, Options::default());
        let malformed: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| common::is_malformed(d.code))
            .map(|d| render(&compilation.sources, d, Style::Short))
            .collect();
        assert!(malformed.is_empty(), "{snippet}\n{malformed:#?}");
    }
}

#[test]
fn the_casec_toml_example_sets_the_levels_it_says() {
    use casec::config::Level;
    use casec::diagnostic::Code;
    let snippets = fenced(&read("docs/ci.md"), "toml");
    assert_eq!(snippets.len(), 1);
    let config = casec::config::parse("casec.toml", &snippets[0]);
    assert!(config.diagnostics.is_empty(), "{:#?}", config.diagnostics);
    for (code, level) in [
        (Code::Unreachable, Level::Allow),
        (Code::SupportedLeaf, Level::Warn),
        (Code::WeakestPremise, Level::Deny),
    ] {
        assert_eq!(config.levels.get(code), Some(level), "{code}");
    }
}

#[test]
fn the_readme_example_checks_clean_and_its_error_is_shown_verbatim() {
    let readme = read("README.md");
    let example = fenced(&readme, "case")
        .into_iter()
        .next()
        .expect("a case block");
    let clean = compile(
        "demo.case",
        &example,
        Options {
            strict: true,
            ..Default::default()
        },
    );
    assert!(clean.diagnostics.is_empty(), "{:#?}", clean.diagnostics);

    let broken = example.replace("elicitation, anti_sandbagging,", "elicitation,");
    assert_ne!(broken, example);
    let compilation = compile("demo.case", &broken, Options::default());
    let shown: Vec<String> = compilation
        .diagnostics
        .iter()
        .map(|d| render(&compilation.sources, d, Style::Human { color: false }))
        .collect();
    let expected = shown.join("\n");
    let documented = fenced(&readme, "text")
        .into_iter()
        .find(|block| block.starts_with("error[E0503]"))
        .expect("the README shows the E0503 error");
    assert_eq!(documented.trim_end(), expected.trim_end());
}

#[test]
fn the_property_reference_is_generated_from_the_property_table() {
    let path = Path::new(ROOT).join("docs/language.md");
    let text = read("docs/language.md");
    let (start, end) = ("<!-- properties:start -->\n", "<!-- properties:end -->");
    let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
        panic!("docs/language.md lost its property markers");
    };
    let generated = casec::ir::properties::markdown();
    let expected = format!("{}{start}{generated}{}", &text[..a], &text[b..]);
    if std::env::var_os("CASEC_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert!(
        read("docs/language.md") == expected,
        "the property reference in docs/language.md is stale: run `CASEC_BLESS=1 cargo test --test docs`"
    );
}

/// docs/tutorial.md: each `console` block's command, run by the real binary
/// on the `case` block before it (saved as tutorial.case), prints exactly
/// what the block shows; the last file checks clean under `--strict` and is
/// in `casec fmt`'s layout.
#[test]
fn the_tutorial_shows_what_casec_prints_at_every_step() {
    let tutorial = read("docs/tutorial.md");
    let dir = common::temp_dir("docs", "tutorial");
    let mut case = None;
    let mut commands = 0;
    for block in tutorial.split("```").skip(1).step_by(2) {
        if let Some(text) = block.strip_prefix("case\n") {
            case = Some(text.to_string());
            continue;
        }
        let Some(console) = block.strip_prefix("console\n") else {
            continue;
        };
        let (command, shown) = console.split_once('\n').expect("a command line");
        let args: Vec<&str> = command
            .strip_prefix("$ casec ")
            .expect("a `$ casec` command")
            .split(' ')
            .collect();
        let text = case.as_deref().expect("a case block before the command");
        std::fs::write(dir.join("tutorial.case"), text).unwrap();
        let output = common::casec_command(&args)
            .current_dir(&dir)
            .output()
            .expect("casec runs");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            shown,
            "`{command}` prints something else"
        );
        commands += 1;
    }
    assert!(commands >= 5, "only {commands} commands in the tutorial");
    let last = common::casec_command(&["check", "--strict", "tutorial.case"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(last.status.code(), Some(0), "the tutorial ends clean");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_prelude_reference_is_generated_from_the_prelude_and_printed_by_casec_prelude() {
    let path = Path::new(ROOT).join("docs/prelude.md");
    let compilation = compile("<empty>", "", Options::default());
    let expected = casec::emit::prelude::markdown(&compilation.case);
    if std::env::var_os("CASEC_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).ok().as_deref() == Some(expected.as_str()),
        "docs/prelude.md is stale: run `CASEC_BLESS=1 cargo test --test docs`"
    );
    // Every definition of the prelude is on the page.
    for e in compilation
        .case
        .elements
        .iter()
        .filter(|e| e.origin == casec::ir::Origin::Prelude)
    {
        assert!(expected.contains(&format!("| `{}` |", e.id)), "{}", e.id);
    }
    let output = common::casec_command(&["prelude"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

/// docs/diff.md: each `console` block's command, run from the repository
/// root, prints exactly what the block shows.
#[test]
fn the_diff_reference_shows_what_casec_diff_prints() {
    let doc = read("docs/diff.md");
    let mut commands = 0;
    for block in doc.split("```").skip(1).step_by(2) {
        let Some(console) = block.strip_prefix("console\n") else {
            continue;
        };
        let (command, shown) = console.split_once('\n').expect("a command line");
        let args: Vec<&str> = command
            .strip_prefix("$ casec ")
            .expect("a `$ casec` command")
            .split(' ')
            .collect();
        let output = common::casec_command(&args).output().expect("casec runs");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            shown,
            "`{command}` prints something else"
        );
        commands += 1;
    }
    assert!(commands >= 1, "no commands in docs/diff.md");
}

/// The diff workflow passes the refs through the environment: no `${{ }}`
/// inside a `run:` command, where a branch name could inject shell.
#[test]
fn the_diff_workflow_runs_casec_diff_with_refs_from_the_environment() {
    let workflow = read("examples/ci/diff-comment.yml");
    assert!(workflow.contains("casec diff --format markdown"));
    for line in workflow
        .lines()
        .filter(|l| l.trim_start().starts_with("run:"))
    {
        assert!(!line.contains("${{"), "{line}");
    }
    assert!(read("docs/ci.md").contains("examples/ci/diff-comment.yml"));
}
