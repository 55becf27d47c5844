//! End-to-end tests of the `casec` binary over examples/ and fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn casec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casec"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .expect("the casec binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    files.sort();
    files
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("casec-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_example_checks_clean_under_strict() {
    let files = examples();
    assert!(
        files.len() >= 6,
        "expected the six examples, found {files:?}"
    );
    for file in files {
        let output = casec(&["check", "--strict", file.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}:\n{}",
            file.display(),
            stdout(&output)
        );
        assert_eq!(stdout(&output), "", "{} is not clean", file.display());
    }
}

#[test]
fn checking_a_folder_finds_every_case_recursively() {
    let output = casec(&["check", "examples"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(
        summary.contains(&format!("checked {} files: 0 errors", examples().len())),
        "{summary}"
    );
}

#[test]
fn removing_the_watchdog_justification_fails_with_a_located_error() {
    let source =
        std::fs::read_to_string(Path::new(ROOT).join("examples/agent-watchdog.case")).unwrap();
    // Drop every argument whose category is trustworthiness or inability.
    let mut kept = Vec::new();
    for item in source.split("\n\n") {
        let trusted_by = item.starts_with("argument")
            && (item.contains("category: trustworthiness") || item.contains("category: inability"));
        if !trusted_by {
            kept.push(item);
        }
    }
    let dir = temp_dir("watchdog");
    let path = dir.join("agent-watchdog.case");
    std::fs::write(&path, kept.join("\n\n")).unwrap();
    let output = casec(&["check", "--format", "short", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.contains("[E0506]"))
        .unwrap_or_else(|| panic!("no E0506 in:\n{text}"));
    assert!(line.starts_with(&format!("{}:", path.display())), "{line}");
    assert!(
        line.contains("watchdog") && line.contains("trustworthiness"),
        "{line}"
    );
}

#[test]
fn short_format_is_one_located_line_per_diagnostic() {
    let output = casec(&[
        "check",
        "--format",
        "short",
        "tests/fixtures/diagnostics/E0202.case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "tests/fixtures/diagnostics/E0202.case:29:17: error[E0202]: no claim or evidence is called `result`\n"
    );
}

#[test]
fn json_format_is_one_object_per_line() {
    let output = casec(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/diagnostics/E0506.case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    insta::assert_json_snapshot!("json_diagnostic", first);
}

#[test]
fn all_errors_of_a_run_are_reported_across_files() {
    let output = casec(&[
        "check",
        "--format",
        "short",
        "tests/fixtures/diagnostics/E0202.case",
        "tests/fixtures/diagnostics/E0506.case",
        "tests/fixtures/diagnostics/valid.case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("[E0202]") && text.contains("[E0506]"),
        "{text}"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let path = "tests/fixtures/diagnostics/W0601.case";
    assert_eq!(casec(&["check", path]).status.code(), Some(0));
    assert_eq!(casec(&["check", "--strict", path]).status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(
        casec(&["check", "does/not/exist.case"]).status.code(),
        Some(2)
    );
    assert_eq!(casec(&["check"]).status.code(), Some(2));
    assert_eq!(casec(&["explain", "E9999"]).status.code(), Some(2));
    assert_eq!(casec(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_file_too_large_to_index_is_refused_without_reading_it() {
    let dir = temp_dir("huge");
    let path = dir.join("huge.case");
    // Sparse: takes no disk space, and is refused before it is read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len((1 << 30) + 1).unwrap();
    let output = casec(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("up to 1 GiB"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_and_rules_cover_the_registry() {
    let output = casec(&["explain", "e0506"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("trustworthiness argument"));
    let rules = stdout(&casec(&["rules"]));
    for rule in casec::check::registry::RULES {
        assert!(
            rules.contains(rule.code),
            "{} missing from `casec rules`",
            rule.code
        );
    }
}

#[test]
fn build_writes_json_that_matches_the_schema_and_is_deterministic() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("docs/json-schema/casec-ir.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    let dir = temp_dir("build");
    for file in examples() {
        let out = dir.join("out.json");
        let output = casec(&[
            "build",
            file.to_str().unwrap(),
            "--emit",
            "json",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let first = std::fs::read(&out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&first).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        casec(&["build", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(
            std::fs::read(&out).unwrap(),
            first,
            "output differs between runs"
        );
    }
}

#[test]
fn build_snapshot_of_the_base_fixture() {
    let output = casec(&[
        "build",
        "tests/fixtures/diagnostics/valid.case",
        "--emit",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("build_valid_json", stdout(&output));
}

#[test]
fn build_writes_nothing_when_the_case_has_errors() {
    let dir = temp_dir("nothing");
    let out = dir.join("out.json");
    let output = casec(&[
        "build",
        "tests/fixtures/diagnostics/E0506.case",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "no temporary file is left behind"
    );
}

#[test]
fn help_teaches_the_commands() {
    let help = stdout(&casec(&["--help"]));
    for needle in ["check", "build", "explain", "rules", "Exit status"] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

fn casec_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_casec"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const UNFORMATTED: &str =
    "case c \"T\" {\n    threshold: 1e-3\n}\nclaim a \"x\" {supported by: b,c // why\n}\n";
const FORMATTED: &str =
    "case c \"T\" { threshold: 1e-3 }\n\nclaim a \"x\" {\n  supported by: b, c // why\n}\n";

#[test]
fn fmt_check_prints_a_diff_changes_nothing_and_exits_1() {
    let dir = temp_dir("fmt-check");
    let path = dir.join("a.case");
    std::fs::write(&path, UNFORMATTED).unwrap();
    let output = casec_in(&dir, &["fmt", "--check", "a.case"], None);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(diff.starts_with("--- a.case\n+++ a.case\n@@"), "{diff}");
    assert!(
        diff.contains("\n-claim a \"x\" {supported by: b,c // why\n"),
        "{diff}"
    );
    assert!(diff.contains("\n+  supported by: b, c // why\n"), "{diff}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), UNFORMATTED);

    let output = casec_in(&dir, &["fmt", "."], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file is left behind"
    );

    let output = casec_in(&dir, &["fmt", "--check", "a.case"], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

#[test]
fn fmt_of_standard_input_writes_standard_output() {
    let dir = temp_dir("fmt-stdin");
    let output = casec_in(&dir, &["fmt", "-"], Some(UNFORMATTED));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), FORMATTED);
    let output = casec_in(&dir, &["fmt", "--check", "-"], Some(UNFORMATTED));
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("--- <stdin>\n+++ <stdin>\n"));
    let output = casec_in(&dir, &["fmt", "--check", "-"], Some(FORMATTED));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        casec_in(&dir, &["fmt", "-", "a.case"], None).status.code(),
        Some(2)
    );
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_untouched() {
    let dir = temp_dir("fmt-broken");
    let broken =
        std::fs::read(Path::new(ROOT).join("tests/fixtures/diagnostics/E0002.case")).unwrap();
    std::fs::write(dir.join("broken.case"), &broken).unwrap();
    std::fs::write(dir.join("fine.case"), UNFORMATTED).unwrap();
    let output = casec_in(&dir, &["fmt", "."], None);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("error[E0002]") && errors.contains("broken.case:"),
        "{errors}"
    );
    assert!(
        errors.contains("reformatted 1 of 2 files; 1 left untouched"),
        "{errors}"
    );
    assert_eq!(std::fs::read(dir.join("broken.case")).unwrap(), broken);
    assert_eq!(
        std::fs::read_to_string(dir.join("fine.case")).unwrap(),
        FORMATTED
    );
    let output = casec_in(&dir, &["fmt", "-"], Some("claim a {"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "", "nothing is written for broken input");
}

/// A project folder with a casec.toml and two cases: one with an unreachable
/// element (W0306), one with supported evidence (E0302).
fn project(name: &str, config: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::create_dir_all(dir.join("cases")).unwrap();
    for code in ["W0306", "E0302"] {
        let fixture = Path::new(ROOT).join(format!("tests/fixtures/diagnostics/{code}.case"));
        std::fs::copy(fixture, dir.join(format!("cases/{code}.case"))).unwrap();
    }
    std::fs::write(dir.join("casec.toml"), config).unwrap();
    dir
}

#[test]
fn casec_toml_sets_rule_levels() {
    let dir = project("config", "[rules]\nE0302 = \"warn\"\nW0306 = \"allow\"\n");
    let output = casec_in(
        &dir.join("cases"),
        &["check", "--format", "short", "."],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "./E0302.case:34:3: warning[E0302]: evidence `results` cannot be supported by anything\n"
    );
    let denied = casec_in(
        &dir,
        &["check", "--format", "short", "--deny-warnings", "cases"],
        None,
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stdout(&denied).contains("warning[E0302]"),
        "still printed as a warning"
    );
    let strict = casec_in(
        &dir,
        &["check", "--format", "short", "--strict", "cases"],
        None,
    );
    assert!(
        stdout(&strict).contains("error[E0302]"),
        "--strict makes configured warnings errors"
    );
    // --config replaces the file found beside the cases.
    std::fs::write(dir.join("other.toml"), "[rules]\nW0306 = \"deny\"\n").unwrap();
    let output = casec_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--config",
            "other.toml",
            "cases",
        ],
        None,
    );
    let text = stdout(&output);
    assert!(
        text.contains("error[W0306]") && text.contains("error[E0302]"),
        "{text}"
    );
    assert_eq!(
        casec_in(&dir, &["check", "--config", "missing.toml", "cases"], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn mistakes_in_casec_toml_are_located_and_fail_the_run() {
    let dir = project(
        "config-bad",
        "[rules]\nW0360 = \"allow\"\nE0302 = \"error\"\n",
    );
    let output = casec_in(&dir, &["check", "--format", "short", "cases"], None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("casec.toml:2:1: error[E0902]: no rule has the code `W0360`\n"),
        "{text}"
    );
    assert!(
        text.contains("casec.toml:3:9: error[E0903]: `error` is not a rule level\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("casec.toml:").count(),
        2,
        "reported once for both cases:\n{text}"
    );
}

#[test]
fn github_annotations_snapshot() {
    let output = casec(&[
        "check",
        "--format",
        "github",
        "--config",
        "tests/fixtures/diagnostics/E0902.toml",
        "tests/fixtures/diagnostics/E0506.case",
        "tests/fixtures/diagnostics/E0002.case",
        "tests/fixtures/diagnostics/W0601.case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("github_annotations", stdout(&output));
}

fn sarif_validator() -> jsonschema::Validator {
    // The OASIS SARIF 2.1.0 schema, as shipped in the serde-sarif crate (src/schema.json).
    let path = Path::new(ROOT).join("tests/schemas/sarif-schema-2.1.0.json");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The `language` patterns (casec writes no language) have a stray `]`
    // that strict regex engines reject; use the pattern they mean.
    fn fix_patterns(value: &mut serde_json::Value) -> usize {
        match value {
            serde_json::Value::Object(map) => {
                let mut fixed = 0;
                if map.get("pattern").and_then(|p| p.as_str())
                    == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
                {
                    map.insert("pattern".into(), "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
                    fixed += 1;
                }
                fixed + map.values_mut().map(fix_patterns).sum::<usize>()
            }
            serde_json::Value::Array(items) => items.iter_mut().map(fix_patterns).sum(),
            _ => 0,
        }
    }
    assert!(fix_patterns(&mut schema) > 0);
    jsonschema::validator_for(&schema).expect("the SARIF schema is valid")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_is_valid_for_every_failing_fixture() {
    let validator = sarif_validator();
    let output = casec(&["check", "--format", "sarif", "tests/fixtures/diagnostics"]);
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&validator, &log);
    let found: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    for rule in casec::check::registry::RULES
        .iter()
        .filter(|r| !r.code.starts_with("E09"))
    {
        assert!(
            found.contains(&rule.code),
            "{} has no SARIF result",
            rule.code
        );
    }
    for code in ["E0901", "E0902", "E0903", "E0904"] {
        let config = format!("tests/fixtures/diagnostics/{code}.toml");
        let output = casec(&[
            "check",
            "--format",
            "sarif",
            "--config",
            &config,
            "tests/fixtures/diagnostics/valid.case",
        ]);
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_valid_sarif(&validator, &log);
        assert_eq!(log["runs"][0]["results"][0]["ruleId"], code);
    }
}

#[test]
fn sarif_snapshot() {
    let output = casec(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/diagnostics/E0506.case",
    ]);
    let mut log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Every rule is listed; keep the one used so the snapshot stays readable.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), casec::check::registry::RULES.len());
    let used = rules.iter().find(|r| r["id"] == "E0506").unwrap().clone();
    driver["rules"] = serde_json::json!([used]);
    insta::assert_json_snapshot!("sarif_run", log);
}
