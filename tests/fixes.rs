//! Fixes (issue 17): what findings carry as replacement edits, `casec check
//! --fix` applying the safe ones to files and to standard input, the JSON
//! diagnostics against their schema, and no fix ever editing a template
//! through one of its instances.

mod common;

use casec::diagnostic::{Applicability, Code};
use casec::{compile, Options};
use common::{casec_command, ROOT};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The README's case, which checks clean but for its artifact (W0610),
/// with a comment to keep.
const CLEAN: &str = r#"case demo "The assistant gives no meaningful cyber uplift" { threshold: 1e-3 }

decision deploy "Release through the API" { window: 2026-12-01 to 2027-05-31 }

component model "The assistant model" { kind: ai  trust: untrusted }

subsystem api "The model behind the API" { components: model }

outcome uplift "The model gives meaningful uplift towards a cyberattack"

// The top claim: reviewers start here.
claim safe "The model cannot do the tasks that uplift requires" {
  about: api
  addresses: uplift
  in context of: deploy
  supported by: evals
}

argument evals "It fails every proxy task under full elicitation" {
  category: inability
  block: dangerous_capability_evals
  supported by: results
}

evidence results "0 of 40 proxy tasks solved" {
  artifact: "https://evals.example.org/runs/cyber-17"
  shows: elicitation, anti_sandbagging, capability_margin
}
"#;

/// `CLEAN` with each `(from, to)` replaced once.
fn broken(edits: &[(&str, &str)]) -> String {
    edits.iter().fold(CLEAN.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "`{from}` is not in the case");
        text.replacen(from, to, 1)
    })
}

/// A misspelt reference, missing commas in `shows:`, a missing colon.
fn with_mistakes() -> String {
    broken(&[
        ("supported by: evals", "supported by: evlas"),
        (
            "shows: elicitation, anti_sandbagging, capability_margin",
            "shows: elicitation anti_sandbagging capability_margin",
        ),
        ("kind: ai", "kind ai"),
        // `blokc` is closest to `block` only.
        ("block: dangerous", "blokc: dangerous"),
    ])
}

fn casec_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write as _;
    let mut child = casec_command(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the casec binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn case_file(name: &str, text: &str) -> (PathBuf, PathBuf) {
    let dir = common::temp_dir("fixes", name);
    let path = dir.join("demo.case");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn json_lines(output: &Output) -> Vec<Value> {
    text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

fn codes(lines: &[Value]) -> Vec<&str> {
    lines.iter().filter_map(|l| l["code"].as_str()).collect()
}

#[test]
fn check_fix_repairs_names_commas_and_colons_and_reformats_the_file() {
    let (dir, path) = case_file("repair", &with_mistakes());
    let before = casec_in(&dir, &["check", "--format", "json", "demo.case"], None);
    assert_eq!(
        codes(&json_lines(&before)),
        ["E0002", "E0002", "E0202", "E0501", "E0101"]
    );

    let output = casec_in(&dir, &["check", "--fix", "demo.case"], None);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("fixed demo.case: E0002 write `kind: ai`; E0002 add the missing commas; E0202 replace with `evals`; E0101 replace with `block`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("checked 1 file: 4 findings fixed, 0 errors, 0 warnings"),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    // Repaired and in the canonical layout: `fmt` would change nothing.
    let canonical = casec::format::format_source("demo.case", CLEAN).unwrap();
    assert_eq!(fixed, canonical);
    assert!(fixed.contains("// The top claim: reviewers start here."));
    let after = casec_in(&dir, &["check", "--format", "json", "demo.case"], None);
    assert_eq!(after.status.code(), Some(0));
    assert!(json_lines(&after).is_empty());
    // Nothing left behind beside the file.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    // A second run has nothing to fix and leaves the file as it is.
    let again = casec_in(&dir, &["check", "--fix", "demo.case"], None);
    assert!(!text(&again.stderr).contains("fixed demo.case"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn missing_commas_in_a_link_are_fixed() {
    let text = broken(&[("supported by: results", "supported by: results e2 e3")])
        + "evidence e2 \"More\" { artifact: \"https://e.example/2\"  shows: elicitation }\n"
        + "evidence e3 \"Yet more\" { artifact: \"https://e.example/3\"  shows: elicitation }\n";
    let (dir, path) = case_file("link", &text);
    let output = casec_in(&dir, &["check", "--fix", "demo.case"], None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        self::text(&output.stderr)
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("supported by: results, e2, e3\n"), "{fixed}");
}

#[test]
fn a_suggested_fix_is_in_the_json_but_not_applied() {
    // A claim with no support: marking it `undeveloped` is the author's call.
    let text = broken(&[("  supported by: evals\n", "")]);
    let (dir, path) = case_file("suggested", &text);
    let output = casec_in(
        &dir,
        &["check", "--fix", "--format", "json", "demo.case"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let lines = json_lines(&output);
    let unsupported = lines
        .iter()
        .find(|l| l["code"] == "E0303")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    let fix = &unsupported["fixes"][0];
    assert_eq!(fix["applicability"], "suggested");
    assert_eq!(fix["message"], "mark `safe` undeveloped");
    assert_eq!(fix["edits"][0]["replacement"], " undeveloped ");
    // Applied by hand, it does what it says.
    let at = fix["edits"][0]["location"]["start_offset"]
        .as_u64()
        .unwrap() as usize;
    let applied = format!("{} undeveloped {}", &text[..at], &text[at..]);
    let compilation = compile("demo.case", applied, Options::default());
    let found: Vec<Code> = compilation.diagnostics.iter().map(|d| d.code).collect();
    assert!(found.contains(&Code::Undeveloped), "{found:?}");
    assert!(!found.contains(&Code::UnsupportedElement), "{found:?}");
}

#[test]
fn check_fix_of_standard_input_prints_the_fixed_text() {
    let dir = common::temp_dir("fixes", "stdin");
    let output = casec_in(
        &dir,
        &["check", "--fix", "-", "--stdin-filename", "demo.case"],
        Some(&with_mistakes()),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let canonical = casec::format::format_source("demo.case", CLEAN).unwrap();
    assert_eq!(text(&output.stdout), canonical);
    assert!(text(&output.stderr).contains("fixed demo.case:"));
    // Findings go to standard error, which keeps standard output the text.
    let unfixable = broken(&[("  supported by: evals\n", "")]);
    let output = casec_in(&dir, &["check", "--fix", "-"], Some(&unfixable));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), unfixable);
    assert!(text(&output.stderr).contains("error[E0303]"));
}

#[test]
fn a_file_that_keeps_a_syntax_error_is_left_untouched() {
    let text = with_mistakes() + "claim broken \"Unclosed\" {\n";
    let (dir, path) = case_file("untouched", &text);
    let output = casec_in(&dir, &["check", "--fix", "demo.case"], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let stderr = self::text(&output.stderr);
    assert!(
        stderr.contains("demo.case was left untouched: 4 fixes would apply"),
        "{stderr}"
    );
    assert!(stderr.contains("but a syntax error no safe fix repairs would remain"));
}

#[test]
fn a_tie_between_two_names_is_only_suggested() {
    // `e` is as close to `e1` as to `e2`: a reviewer picks.
    let text = broken(&[("supported by: results", "supported by: e")])
        + "evidence e1 \"One\" { artifact: \"https://e.example/1\" }\n"
        + "evidence e2 \"Two\" { artifact: \"https://e.example/2\" }\n";
    let compilation = compile("demo.case", text, Options::default());
    let unresolved = compilation
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnresolvedReference)
        .expect("E0202");
    assert_eq!(unresolved.fixes.len(), 1);
    assert_eq!(unresolved.fixes[0].applicability, Applicability::Suggested);
    assert!(unresolved.safe_fix().is_none());
}

#[test]
fn an_undeclared_name_gets_a_suggested_declaration() {
    let text = broken(&[(
        "supported by: results",
        "supported by: results, transcripts",
    )]);
    let compilation = compile("demo.case", text.clone(), Options::default());
    let unresolved = compilation
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnresolvedReference)
        .expect("E0202");
    let [fix] = unresolved.fixes.as_slice() else {
        panic!("{:#?}", unresolved.fixes);
    };
    assert_eq!(fix.applicability, Applicability::Suggested);
    let (applied, _) = casec::diagnostic::fix::apply(&text, compilation.file, &[fix]);
    assert!(
        applied.contains(
            "}\n\nclaim transcripts \"TODO: state what `transcripts` is\" { undeveloped }\n"
        ),
        "{applied}"
    );
    let after = compile("demo.case", applied, Options::default());
    assert!(!after
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnresolvedReference));
}

#[test]
fn a_missing_topic_is_suggested_on_each_direct_support() {
    let text = broken(&[(
        "shows: elicitation, anti_sandbagging, capability_margin",
        "shows: elicitation, capability_margin",
    )]);
    let compilation = compile("demo.case", text.clone(), Options::default());
    let missing = compilation
        .diagnostics
        .iter()
        .find(|d| d.code == Code::MissingRequiredSupport)
        .expect("E0503");
    let [fix] = missing.fixes.as_slice() else {
        panic!("{:#?}", missing.fixes);
    };
    assert_eq!(fix.applicability, Applicability::Suggested);
    assert_eq!(fix.message, "mark `results` `shows: anti_sandbagging`");
    let (applied, _) = casec::diagnostic::fix::apply(&text, compilation.file, &[fix]);
    assert!(applied.contains("shows: elicitation, capability_margin, anti_sandbagging\n"));
    let after = compile("demo.case", applied, Options::default());
    assert!(after.diagnostics.is_empty(), "{:#?}", after.diagnostics);
}

#[test]
fn no_fix_edits_a_template_through_its_instance() {
    let path = format!("{ROOT}/tests/fixtures/diagnostics/E1001.case");
    let base = std::fs::read_to_string(path).unwrap().replace(
        "template: capability_eval\n",
        "template: capability_evals\n",
    );
    // Inside the template: a topic missing and a misspelt reference, found
    // on the elements each instance writes.
    let text = base
        .replace(
            "shows: elicitation, anti_sandbagging, capability_margin",
            "shows: elicitation, capability_margin",
        )
        .replace(
            "supported by: {setting}-results",
            "supported by: {setting}-result",
        );
    let compilation = compile("t.case", text, Options::default());
    let in_instance: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.within.is_some())
        .collect();
    assert!(!in_instance.is_empty(), "{:#?}", compilation.diagnostics);
    for d in &in_instance {
        assert!(d.fixes.is_empty(), "{d:#?}");
    }
    for d in &compilation.diagnostics {
        for fix in &d.fixes {
            assert!(fix.is_in(compilation.file), "{d:#?}");
        }
    }
}

fn diagnostics_validator() -> jsonschema::Validator {
    let path = Path::new(ROOT).join("docs/json-schema/casec-diagnostics.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is valid")
}

#[test]
fn json_diagnostics_match_their_schema_for_every_fixture() {
    let validator = diagnostics_validator();
    let dir = common::temp_dir("fixes", "schema");
    std::fs::write(dir.join("mistakes.case"), with_mistakes()).unwrap();
    let fixtures = Path::new(ROOT).join("tests/fixtures/diagnostics");
    let output = casec_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--explain-risk",
            "safe",
            fixtures.to_str().unwrap(),
            "mistakes.case",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let mut fixes = 0;
    for line in &lines {
        let errors: Vec<String> = validator
            .iter_errors(line)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{line}\n{errors:#?}");
        fixes += line["fixes"].as_array().map_or(0, Vec::len);
    }
    assert!(lines.iter().any(|l| l.get("explain_risk").is_some()));
    assert!(fixes >= 5, "{fixes} fixes");
    // The format and version say which schema a line follows.
    assert!(lines
        .iter()
        .filter(|l| l.get("code").is_some())
        .all(|l| l["format"] == "casec-diagnostic" && l["version"] == 1));
}

#[test]
fn explain_suggests_the_code_for_a_short_or_bare_number() {
    for (written, meant) in [
        ("W304", "W0304"),
        ("E202", "E0202"),
        ("304", "W0304"),
        ("0202", "E0202"),
    ] {
        let output = casec_command(&["explain", written]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{written}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!("did you mean `{meant}`?")),
            "{written}: {stderr}"
        );
    }
}
