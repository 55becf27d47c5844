//! End-to-end tests of the `casec` binary over examples/ and fixtures.

mod common;

use casec::diagnostic::{Code, Family};
use common::{casec_command, example_paths as examples, schema, ROOT};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The day the fixtures are checked on: within their deployment window, so
/// that their findings do not change with the calendar.
const FIXTURE_DAY: &str = "2026-06-01";

/// A day on which every example is current: its evidence fresh, its window
/// not over. Tests pin it so that they do not depend on the calendar.
const QUANTIFIED_DAY: &str = "2026-11-25";

fn casec(args: &[&str]) -> Output {
    casec_command(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the casec binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("cli", name)
}

/// Copy the local artifacts that `case` (a file in folder `from`) cites into
/// the same places under `to`, so that a copy of the case finds them (a
/// missing one is W0610).
fn copy_artifacts(from: &Path, case: &str, to: &Path) {
    for line in case.lines() {
        let Some(rest) = line.trim().strip_prefix("artifact: \"") else {
            continue;
        };
        let Some(path) = rest.split('"').next().filter(|p| !p.contains("://")) else {
            continue;
        };
        let source = from.join(path);
        if source.is_file() {
            let target = to.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

#[test]
fn every_example_checks_clean_under_strict() {
    let files = examples();
    assert!(
        files.len() >= 6,
        "expected the six examples, found {files:?}"
    );
    for file in files {
        let output = casec(&[
            "check",
            "--strict",
            "--today",
            QUANTIFIED_DAY,
            file.to_str().unwrap(),
        ]);
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
    let output = casec(&["check", "--today", QUANTIFIED_DAY, "examples"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(
        // The example project's four files are found in its folder.
        summary.contains(&format!("checked {} files: 0 errors", examples().len() + 4)),
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
    let output = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--format",
        "short",
        path.to_str().unwrap(),
    ]);
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
        "--today",
        FIXTURE_DAY,
        "--format",
        "short",
        "tests/fixtures/diagnostics/E0202.case",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "tests/fixtures/diagnostics/E0202.case:29:17: error[E0202]: no claim or evidence is called `result` (did you mean `results`?)\n"
    );
}

#[test]
fn json_format_is_one_object_per_line() {
    let output = casec(&[
        "check",
        "--today",
        FIXTURE_DAY,
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
        "--today",
        FIXTURE_DAY,
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
    let lenient = casec(&["check", "--today", FIXTURE_DAY, path]);
    assert_eq!(lenient.status.code(), Some(0));
    let strict = casec(&["check", "--today", FIXTURE_DAY, "--strict", path]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(
        casec(&["check", "does/not/exist.case"]).status.code(),
        Some(2)
    );
    // With no path, `check` checks the current folder: here, one with no cases.
    let empty = temp_dir("no-cases");
    let output = casec_in(&empty, &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no .case files in `.`"),
        "{}",
        stderr(&output)
    );
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
fn explain_and_rules_cover_every_code() {
    let output = casec(&["explain", "e0506"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("trustworthiness argument"));
    let rules = stdout(&casec(&["rules"]));
    for &code in Code::ALL {
        let line = format!(
            "{code}  {:<8} {:<28} ",
            code.severity().as_str(),
            code.name()
        );
        assert!(rules.contains(&line), "{code} missing from `casec rules`");
    }
}

#[test]
fn explain_takes_a_rule_name_as_well_as_a_code() {
    let by_name = casec(&["explain", "unjustified-trust"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(stdout(&by_name), stdout(&casec(&["explain", "E0506"])));
    assert!(stdout(&by_name).starts_with("E0506 unjustified-trust (error, argument categories)\n"));
}

#[test]
fn explain_suggests_the_nearest_code_or_name_for_a_typo() {
    let mut messages = String::new();
    for typo in ["E0560", "unjustifed-trust", "no-such-thing"] {
        let output = casec(&["explain", typo]);
        assert_eq!(output.status.code(), Some(2), "{typo}");
        assert!(output.stdout.is_empty(), "{typo}");
        messages.push_str(&stderr(&output));
    }
    insta::assert_snapshot!("explain_typos", messages);
}

#[test]
fn casec_toml_names_rules_by_code_or_by_name() {
    let by_code = project(
        "config-codes",
        "[rules]\nE0302 = \"warn\"\nW0306 = \"allow\"\n",
    );
    let by_name = project(
        "config-names",
        "[rules]\nsupported-leaf = \"warn\"\nunreachable = \"allow\"\n",
    );
    let check = |dir: &Path| {
        casec_in(
            &dir.join("cases"),
            &["check", "--today", FIXTURE_DAY, "--format", "short", "."],
            None,
        )
    };
    let (codes, names) = (check(&by_code), check(&by_name));
    assert_eq!(names.status.code(), Some(0), "{}", stderr(&names));
    assert_eq!(stdout(&names), stdout(&codes));
    assert!(
        stdout(&names).contains("warning[E0302]"),
        "{}",
        stdout(&names)
    );
    let _ = std::fs::remove_dir_all(&by_code);
    let _ = std::fs::remove_dir_all(&by_name);
}

#[test]
fn build_writes_json_that_matches_the_schema_and_is_deterministic() {
    let closed = schema::closed("casec-ir.schema.json");
    let dir = temp_dir("build");
    for file in examples() {
        let out = dir.join("out.json");
        let output = casec(&[
            "build",
            "--today",
            QUANTIFIED_DAY,
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
        let errors = schema::errors(&closed, &value);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        casec(&[
            "build",
            "--today",
            QUANTIFIED_DAY,
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            std::fs::read(&out).unwrap(),
            first,
            "output differs between runs"
        );
    }
}

/// The published schema is open: a document with a field added in a later
/// release of the same version still validates, while casec's own output
/// is held to the closed variant (the test above), so every field it writes
/// is documented.
#[test]
fn the_ir_schema_accepts_fields_added_within_its_version() {
    let output = casec(&[
        "build",
        "--today",
        QUANTIFIED_DAY,
        "examples/agent-watchdog.case",
        "--emit",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["$schema"], "urn:casec:schema:ir:1");
    assert_eq!(
        schema::published("casec-ir.schema.json")["$id"],
        value["$schema"],
        "`$schema` names the schema's `$id`"
    );
    value["added_in_a_later_release"] = serde_json::json!(true);
    value["elements"][0]["added_too"] = serde_json::json!({ "nested": 1 });
    value["summary"]["added_count"] = serde_json::json!(3);
    let published = schema::published("casec-ir.schema.json");
    assert_eq!(schema::errors(&published, &value), Vec::<String>::new());
    let closed = schema::errors(&schema::closed("casec-ir.schema.json"), &value);
    assert_eq!(
        closed.len(),
        3,
        "the closed variant sees each added field: {closed:#?}"
    );
}

/// An absolute path on the command line is named relative to the folder
/// casec runs in, in the JSON IR as in diagnostics: a committed or posted
/// output does not carry the machine's layout.
#[test]
fn outputs_name_files_relative_to_the_working_folder() {
    let absolute = Path::new(ROOT).join("examples/agent-watchdog.case");
    let output = casec(&[
        "build",
        "--today",
        QUANTIFIED_DAY,
        absolute.to_str().unwrap(),
        "--emit",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["source"], "examples/agent-watchdog.case");
    let broken = Path::new(ROOT).join("tests/fixtures/diagnostics/E0202.case");
    let output = casec(&["check", "--format", "short", broken.to_str().unwrap()]);
    assert!(
        stdout(&output).starts_with("tests/fixtures/diagnostics/E0202.case:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn build_snapshot_of_the_base_fixture() {
    let output = casec(&[
        "build",
        "--today",
        FIXTURE_DAY,
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
        "--today",
        FIXTURE_DAY,
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
    for needle in [
        "check",
        "build",
        "explain",
        "rules",
        "fmt",
        "evidence lock",
        "--explain-risk",
        "--emit svg",
        "Exit status",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

/// Copy the quantified example and its artifacts into a fresh folder.
fn quantified_copy(name: &str) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let dir = temp_dir(name);
    let examples = Path::new(ROOT).join("examples");
    copy(&examples.join("artifacts"), &dir.join("artifacts"));
    std::fs::copy(
        examples.join("risk-quantified.case"),
        dir.join("risk-quantified.case"),
    )
    .unwrap();
    dir
}

#[test]
fn changing_an_artifact_fails_the_check_with_both_hashes() {
    let dir = quantified_copy("tamper");
    let case = dir.join("risk-quantified.case");
    let clean = casec(&[
        "check",
        "--strict",
        "--today",
        QUANTIFIED_DAY,
        case.to_str().unwrap(),
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    let artifact = dir.join("artifacts/agent/red-team.json");
    let expected = casec::analysis::integrity::sha256_file(&artifact).unwrap();
    std::fs::write(&artifact, "{\"escapes\": 3}\n").unwrap();
    let actual = casec::analysis::integrity::sha256_file(&artifact).unwrap();
    let output = casec(&["check", "--today", QUANTIFIED_DAY, case.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[E0603]") && text.contains("`artifacts/agent/red-team.json`"),
        "{text}"
    );
    assert!(
        text.contains(&format!("expected: {expected}"))
            && text.contains(&format!("actual:   {actual}")),
        "{text}"
    );
    // Locking records the new digest, and the case checks clean again.
    let lock = casec(&["evidence", "lock", case.to_str().unwrap()]);
    assert_eq!(lock.status.code(), Some(0), "{}", stdout(&lock));
    assert!(
        stdout(&lock).contains(&format!(
            ": evidence `agent_red_team`: updated sha256 {expected} → {actual}"
        )),
        "{}",
        stdout(&lock)
    );
    assert_eq!(
        casec(&[
            "check",
            "--strict",
            "--today",
            QUANTIFIED_DAY,
            case.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
}

#[test]
fn lock_adds_missing_digests_and_touches_nothing_else() {
    let dir = quantified_copy("lock");
    let case = dir.join("risk-quantified.case");
    let original = std::fs::read_to_string(&case).unwrap();
    let unlocked: String = original
        .lines()
        .filter(|l| !l.trim_start().starts_with("sha256:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&case, &unlocked).unwrap();
    let output = casec(&["evidence", "lock", case.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(&case).unwrap(), original);
    let again = casec(&["evidence", "lock", case.to_str().unwrap()]);
    assert!(
        stdout(&again).lines().all(|l| l.ends_with(": unchanged")),
        "{}",
        stdout(&again)
    );
}

#[test]
fn explain_risk_prints_the_derivation_tree() {
    let output = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--explain-risk",
        "no_catastrophe",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("explain_risk", stdout(&output));
    let json = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--format",
        "json",
        "--explain-risk",
        "no_catastrophe",
        "examples/risk-quantified.case",
    ]);
    let lines: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1);
    let tree = lines[0]["explain_risk"]["tree"].as_str().unwrap();
    assert!(stdout(&output).ends_with(tree));
    let missing = casec(&[
        "check",
        "--explain-risk",
        "nope",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn freshness_follows_the_check_date_and_the_age_limit() {
    let case = "examples/risk-quantified.case";
    let late = casec(&["check", "--format", "short", "--today", "2028-02-01", case]);
    let text = stdout(&late);
    assert!(
        text.contains("[W0605]") && text.contains("[W0608]"),
        "{text}"
    );
    let early = casec(&["check", "--format", "short", "--today", "2026-10-25", case]);
    assert!(stdout(&early).contains("[W0606]"), "{}", stdout(&early));
    let strict_age = casec(&[
        "check",
        "--strict",
        "--max-evidence-age",
        "1",
        "--today",
        "2026-11-30",
        case,
    ]);
    assert_eq!(strict_age.status.code(), Some(1));
    // Without --today, SOURCE_DATE_EPOCH gives the day (2028-02-01 here).
    let epoch = casec_command(&["check", "--format", "short", case])
        .env("SOURCE_DATE_EPOCH", "1832976000")
        .output()
        .expect("the casec binary runs");
    assert!(
        stdout(&epoch).contains("before the check date 2028-02-01"),
        "{}",
        stdout(&epoch)
    );
    assert_eq!(
        casec(&["check", "--today", "2026-13-01", case])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn raising_one_subsystems_risk_over_the_threshold_lists_the_contributors() {
    let dir = quantified_copy("over");
    let case = dir.join("risk-quantified.case");
    let text = std::fs::read_to_string(&case).unwrap();
    // The agent's red-team exercise on the egress filter: 6e-5 → 1e-3. The
    // case's bound becomes 4.3e-4 - 6e-5 + 1e-3 = 1.37e-3 > 1e-3.
    let at = text.find("evidence egress_red_team").unwrap();
    let risk = at + text[at..].find("risk: 6e-5").unwrap();
    let raised = format!(
        "{}risk: 1e-3{}",
        &text[..risk],
        &text[risk + "risk: 6e-5".len()..]
    );
    std::fs::write(&case, raised).unwrap();
    let output = casec(&["check", "--today", QUANTIFIED_DAY, case.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output).replace(&dir.display().to_string(), "<dir>");
    assert!(
        text.contains("risk bound 0.00137 is above its threshold 1e-3"),
        "{text}"
    );
    assert!(
        text.contains("largest contributors: `egress_red_team` 0.001 (73%)"),
        "{text}"
    );
    assert!(
        text.contains(
            "outcome `weight_leak`: 0.00112 = `assistant` 3e-5 + `agent` 0.00104 + joint 5e-5"
        ),
        "{text}"
    );
    insta::assert_snapshot!("raised_subsystem_risk", text);
}

fn casec_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write as _;
    let mut child = casec_command(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
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
        let text = std::fs::read_to_string(&fixture).unwrap();
        copy_artifacts(fixture.parent().unwrap(), &text, &dir.join("cases"));
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
        &["check", "--today", FIXTURE_DAY, "--format", "short", "."],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "./E0302.case:34:3: warning[E0302]: evidence `results` cannot be supported by anything\n"
    );
    let denied = casec_in(
        &dir,
        &[
            "check",
            "--today",
            FIXTURE_DAY,
            "--format",
            "short",
            "--deny-warnings",
            "cases",
        ],
        None,
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stdout(&denied).contains("warning[E0302]"),
        "still printed as a warning"
    );
    let strict = casec_in(
        &dir,
        &[
            "check",
            "--today",
            FIXTURE_DAY,
            "--format",
            "short",
            "--strict",
            "cases",
        ],
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
            "--today",
            FIXTURE_DAY,
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
        casec_in(
            &dir,
            &[
                "check",
                "--today",
                FIXTURE_DAY,
                "--config",
                "missing.toml",
                "cases"
            ],
            None
        )
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
    let output = casec_in(
        &dir,
        &[
            "check",
            "--today",
            FIXTURE_DAY,
            "--format",
            "short",
            "cases",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "casec.toml:2:1: error[E0902]: no rule has the code `W0360` (did you mean `W0306`?)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("casec.toml:3:9: error[E0903]: `error` is not a rule level (did you mean"),
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
        "--today",
        FIXTURE_DAY,
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
    let output = casec(&[
        "check",
        "--today",
        FIXTURE_DAY,
        "--format",
        "sarif",
        "tests/fixtures/diagnostics",
        "tests/fixtures/evidence",
        "tests/fixtures/modules",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&validator, &log);
    let found: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    for code in Code::ALL.iter().filter(|c| c.family() != Family::Config) {
        assert!(found.contains(&code.as_str()), "{code} has no SARIF result");
    }
    for code in ["E0901", "E0902", "E0903", "E0904"] {
        let config = format!("tests/fixtures/diagnostics/{code}.toml");
        let output = casec(&[
            "check",
            "--today",
            FIXTURE_DAY,
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
        "--today",
        FIXTURE_DAY,
        "--format",
        "sarif",
        "tests/fixtures/diagnostics/E0506.case",
    ]);
    let mut log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Every rule is listed; keep the one used so the snapshot stays readable.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Code::ALL.len());
    let used = rules.iter().find(|r| r["id"] == "E0506").unwrap().clone();
    driver["rules"] = serde_json::json!([used]);
    insta::assert_json_snapshot!("sarif_run", log);
}

#[test]
fn explain_risk_in_sarif_keeps_standard_output_one_log() {
    let output = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--format",
        "sarif",
        "--explain-risk",
        "no_catastrophe",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif_validator(), &log);
    let text = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--explain-risk",
        "no_catastrophe",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(
        stderr(&output),
        stdout(&text),
        "the derivation goes to standard error"
    );
}

#[test]
fn folders_are_searched_without_following_links_and_each_file_is_checked_once() {
    let dir = temp_dir("links");
    let case = dir.join("a.case");
    std::fs::copy(Path::new(ROOT).join("examples/cyber-inability.case"), &case).unwrap();
    // Links back to the folder would loop; a link to the file names it twice.
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("a.case", dir.join("again.case")).unwrap();
    let folder = dir.to_str().unwrap();
    let file = case.to_str().unwrap();
    let dotted = format!("{folder}/./a.case");
    let output = casec(&["check", "--today", QUANTIFIED_DAY, folder, file, &dotted]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("checked 1 file"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_refuses_to_write_over_its_case_and_writes_dash_to_standard_output() {
    let dir = temp_dir("overwrite");
    let case = dir.join("a.case");
    std::fs::copy(Path::new(ROOT).join("examples/cyber-inability.case"), &case).unwrap();
    let original = std::fs::read(&case).unwrap();
    let path = case.to_str().unwrap();
    let output = casec(&["build", path, "--emit", "svg", "-o", path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is the case file itself"));
    assert_eq!(
        std::fs::read(&case).unwrap(),
        original,
        "the case is untouched"
    );
    let output = casec(&["build", path, "--today", QUANTIFIED_DAY, "-o", "-"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with('{'));
    assert!(!Path::new(ROOT).join("-").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failing_standard_output_is_an_error_not_a_panic() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = casec_command(&["rules"]).stdout(full).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
    // A reader that stops early (`| head`) ends the output quietly.
    let mut child = casec_command(&["build", "examples/agent-watchdog.case", "--emit", "svg"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101));
}

#[test]
fn an_unusable_source_date_epoch_is_named_and_lock_on_a_broken_case_exits_1() {
    let output = casec_command(&["check", "examples/cyber-inability.case"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH=`yesterday` is not a whole number of seconds"),
        "{stderr}"
    );
    let dir = temp_dir("lock-broken");
    let case = dir.join("broken.case");
    std::fs::write(&case, "evidence e \"E\" { artifact: \"a.txt\"\n").unwrap();
    let output = casec(&["evidence", "lock", case.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&case).unwrap(),
        "evidence e \"E\" { artifact: \"a.txt\"\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_risk_suggests_the_nearest_claim_or_argument() {
    let output = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--explain-risk",
        "no_catastrophy",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("did you mean `no_catastrophe`?"),
        "{stderr}"
    );
    let output = casec(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        "--explain-risk",
        "over_outcomes",
        "examples/risk-quantified.case",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("argument over_outcomes: risk ≤ 4.3e-4"));
}

/// Run casec, failing the test (not hanging it) if it does not end in 20 s.
fn casec_within_time(args: &[&str]) -> Output {
    let mut child = casec_command(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the casec binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`casec {}` did not end", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_folder_check_does_not_follow_a_link_out_of_the_folder() {
    let dir = temp_dir("escape");
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("examples/cyber-inability.case"),
        project.join("a.case"),
    )
    .unwrap();
    // Not a case: were it read, its first line would be quoted in a finding.
    std::fs::write(dir.join("secret.txt"), "API_TOKEN=hunter2-do-not-print\n").unwrap();
    std::os::unix::fs::symlink("../secret.txt", project.join("notes.case")).unwrap();
    let output = casec_within_time(&[
        "check",
        "--today",
        QUANTIFIED_DAY,
        project.to_str().unwrap(),
    ]);
    let (out, err) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(2), "{out}{err}");
    assert!(
        !out.contains("hunter2") && !err.contains("hunter2"),
        "{out}{err}"
    );
    assert!(
        err.contains("notes.case") && err.contains("outside"),
        "the link is named: {err}"
    );
    // Named on the command line, the same file is read: the user chose it.
    let named = project.join("notes.case");
    let output = casec_within_time(&["check", named.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn special_files_are_refused_without_blocking_or_reading_them() {
    let dir = temp_dir("special");
    let fifo = dir.join("pipe.case");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["check", fifo],
        vec!["fmt", fifo],
        vec!["fmt", "--check", fifo],
        vec!["evidence", "lock", fifo],
        vec!["build", fifo],
        vec!["check", "/dev/zero"],
        vec!["fmt", "/dev/zero"],
        vec!["check", "--config", fifo, "examples/cyber-inability.case"],
    ] {
        let output = casec_within_time(&args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_refuses_a_hard_linked_file_and_changes_neither_name() {
    let dir = temp_dir("hard-link");
    std::fs::write(dir.join("a.case"), UNFORMATTED).unwrap();
    std::fs::hard_link(dir.join("a.case"), dir.join("b.case")).unwrap();
    let output = casec_in(&dir, &["fmt", "a.case"], None);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("hard links"), "{err}");
    for name in ["a.case", "b.case"] {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).unwrap(),
            UNFORMATTED
        );
    }
    // Still one file with two names, and nothing left beside them.
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(dir.join("a.case")).unwrap().nlink(), 2);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 20, item 13: a duplicate evidence id once made `evidence lock`
/// answer "a casec bug": the duplicate is reported where it is, and the file
/// is left as it was.
#[test]
fn lock_reports_a_duplicate_id_and_writes_nothing() {
    let dir = temp_dir("lock-duplicate");
    std::fs::write(dir.join("a.txt"), "a").unwrap();
    std::fs::write(dir.join("b.txt"), "b").unwrap();
    let case = dir.join("dup.case");
    let text = "case c \"C\" { threshold: 0.1 }\n\
                evidence e \"A\" { artifact: \"a.txt\" }\n\
                evidence e \"B\" { artifact: \"b.txt\" }\n";
    std::fs::write(&case, text).unwrap();
    let output = casec(&["evidence", "lock", case.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("casec bug"), "{stderr}");
    assert!(
        stderr.contains("error[E0201]: the id `e` is declared twice")
            && stderr.contains("dup.case:3:10"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&case).unwrap(), text);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15, end to end: an open doubt on any claim the top claim relies on
/// fails `--strict` at the defeater, with the challenged claim labelled;
/// answered with evidence, the case passes again.
#[test]
fn an_open_defeater_fails_strict_at_the_defeater_until_evidence_answers_it() {
    let dir = quantified_copy("defeaters");
    let case = dir.join("risk-quantified.case");
    let source = std::fs::read_to_string(&case).unwrap();
    let compilation = casec::compile(
        "risk-quantified.case",
        source.as_str(),
        casec::Options::default(),
    );
    let relied: Vec<String> = compilation
        .case
        .of_kind(casec::ir::ElementKind::Claim)
        .filter(|(id, _)| compilation.graph.relied[id.index()])
        .map(|(_, e)| e.id.to_string())
        .collect();
    assert!(relied.len() >= 3, "{relied:?}");
    let check = |text: &str, format: &str| {
        std::fs::write(&case, text).unwrap();
        casec(&[
            "check",
            "--strict",
            "--today",
            QUANTIFIED_DAY,
            "--format",
            format,
            case.to_str().unwrap(),
        ])
    };
    for claim in &relied {
        let open = format!(
            "{source}\ndefeater doubt \"The evaluation may not carry over to deployment\" {{\n  challenges: {claim}\n  doubt: rebuts\n}}\n"
        );
        let defeater_line = open
            .lines()
            .position(|l| l.starts_with("defeater doubt"))
            .unwrap()
            + 1;
        let output = check(&open, "short");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{claim}: {}",
            stdout(&output)
        );
        let text = stdout(&output);
        assert_eq!(text.lines().count(), 1, "{claim}: {text}");
        assert!(
            text.starts_with(&format!(
                "{}:{defeater_line}:10: error[W0802]",
                case.display()
            )),
            "{claim}: {text}"
        );
        let annotation = stdout(&check(&open, "github"));
        assert!(
            annotation.starts_with(&format!(
                "::error file={},line={defeater_line},col=10,",
                case.display()
            )) && annotation.contains("title=W0802::open doubt `doubt`"),
            "{claim}: {annotation}"
        );
        let human = stdout(&check(&open, "human"));
        assert!(
            human.contains(&format!(
                "`{claim}` counts as not developed while the doubt is open"
            )),
            "{claim}: {human}"
        );
        let answered = open.replace(
            "  doubt: rebuts\n",
            "  doubt: rebuts\n  supported by: transfer_study\n",
        ) + "\nevidence transfer_study \"Deployment monitoring matched the evaluation's rates\" {\n  artifact: \"artifacts/agent/red-team.json\"\n}\n";
        let output = check(&answered, "short");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{claim}: {}",
            stdout(&output)
        );
        assert_eq!(stdout(&output), "", "{claim}");
    }
}

/// Issue 15, end to end: a sign-off bound by `casec evidence sign` is
/// current; one byte of a reviewed artifact turns it stale at the binding;
/// re-locking the evidence never refreshes it; signing again does.
#[test]
fn a_changed_artifact_turns_a_sign_off_stale_until_the_reviewer_signs_again() {
    let dir = quantified_copy("signoff");
    let case = dir.join("risk-quantified.case");
    let source = std::fs::read_to_string(&case).unwrap();
    let compilation = casec::compile(
        "risk-quantified.case",
        source.as_str(),
        casec::Options::default(),
    );
    let top = compilation
        .graph
        .top
        .map(|t| compilation.case.get(t).id.to_string())
        .unwrap();
    std::fs::write(
        &case,
        format!("{source}\nsignoff review \"Reviewed the whole case\" {{\n  of: {top}\n  reviewer: \"A. Reviewer, AI Security Institute\"\n  date: 2026-11-20\n}}\n"),
    )
    .unwrap();
    let path = case.to_str().unwrap();
    let check = || {
        casec(&[
            "check",
            "--strict",
            "--today",
            QUANTIFIED_DAY,
            "--format",
            "short",
            path,
        ])
    };
    let unbound = check();
    assert_eq!(unbound.status.code(), Some(1));
    assert!(stdout(&unbound).contains("[W0805]"), "{}", stdout(&unbound));
    let signed = casec(&["evidence", "sign", path, "review"]);
    assert_eq!(signed.status.code(), Some(0), "{}", stderr(&signed));
    assert!(
        stdout(&signed).contains("sign-off `review` of"),
        "{}",
        stdout(&signed)
    );
    let clean = check();
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // The line of the binding `evidence sign` wrote: the sign-off's last.
    let text = std::fs::read_to_string(&case).unwrap();
    let start = text.find("signoff review").unwrap();
    let binding = text[start..].find("sha256:").unwrap() + start;
    let binding_line = text[..binding].lines().count();
    // One byte of an artifact the top claim rests on.
    let artifact = dir.join("artifacts/agent/red-team.json");
    let mut bytes = std::fs::read(&artifact).unwrap();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b' ' { b'\t' } else { b' ' };
    std::fs::write(&artifact, &bytes).unwrap();
    let stale = check();
    assert_eq!(stale.status.code(), Some(1));
    let text = stdout(&stale);
    let line = text
        .lines()
        .find(|l| l.contains("[W0805]"))
        .unwrap_or_else(|| panic!("no W0805 in:\n{text}"));
    assert!(
        line.starts_with(&format!("{path}:{binding_line}:11:")),
        "{line}"
    );
    assert!(line.contains("an artifact it rests on changed"), "{line}");
    // Re-locking the digests clears E0603, never the stale sign-off.
    let lock = casec(&["evidence", "lock", path]);
    assert_eq!(lock.status.code(), Some(0), "{}", stderr(&lock));
    let relocked = check();
    assert_eq!(relocked.status.code(), Some(1));
    let relocked_text = stdout(&relocked);
    let codes: Vec<&str> = relocked_text
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next())
        .collect();
    assert_eq!(codes, ["W0805"], "{}", stdout(&relocked));
    // The re-review: an explicit sign-off, and the case is clean again.
    let resigned = casec(&["evidence", "sign", path, "review"]);
    assert!(
        stdout(&resigned).contains("updated binding"),
        "{}",
        stdout(&resigned)
    );
    let clean = check();
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

/// Issue 15, the example's review round replayed: the case as re-reviewed
/// is clean and its review lists every doubt's state and the sign-off; the
/// red-team evaluation re-run after the sign-off turns it stale at its
/// binding (the review says so); the reviewer's new sign-off makes the case
/// clean again; an open doubt shows in the review, whose verdict fails.
#[test]
fn the_review_round_example_goes_stale_when_an_evaluation_is_re_run() {
    let dir = temp_dir("review-round");
    let case = dir.join("control-review-round.case");
    let source =
        std::fs::read_to_string(Path::new(ROOT).join("examples/control-review-round.case"))
            .unwrap();
    copy_artifacts(&Path::new(ROOT).join("examples"), &source, &dir);
    std::fs::write(&case, &source).unwrap();
    let path = case.to_str().unwrap();
    let check = || {
        casec(&[
            "check",
            "--strict",
            "--today",
            QUANTIFIED_DAY,
            "--format",
            "short",
            path,
        ])
    };
    let review = || {
        let output = casec(&[
            "build",
            "--today",
            QUANTIFIED_DAY,
            "--emit",
            "markdown",
            path,
        ]);
        let text = stdout(&output);
        let start = text
            .find("\n## Doubts")
            .unwrap_or_else(|| panic!("no doubts section:\n{text}"));
        text[start..].to_string()
    };
    let clean = check();
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    insta::assert_snapshot!("review_round_doubts_and_sign_offs", review());
    let summary = |path: &str| {
        let json = casec(&["build", "--today", QUANTIFIED_DAY, "--emit", "json", path]);
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        (
            value["summary"]["doubts"].clone(),
            value["summary"]["signoffs"].clone(),
        )
    };
    assert_eq!(
        summary(path),
        (
            serde_json::json!({ "open": 0, "refuted": 2, "accepted": 1, "counter_evidence": 0 }),
            serde_json::json!({ "current": 1, "stale": 0, "unbound": 0 })
        )
    );
    // The lab re-runs the red-team evaluation after the sign-off.
    let rerun = source
        .replace(
            "The red team iterated attack policies for 8 weeks; the best policy's success plateaued",
            "Re-run: the red team iterated attack policies for 10 weeks; the best policy's success plateaued",
        )
        .replace("  date: 2026-11-20\n  model: \"frontier-2026-11\"\n  shows: control_evaluation", "  date: 2026-11-24\n  model: \"frontier-2026-11\"\n  shows: control_evaluation");
    assert_ne!(rerun, source);
    std::fs::write(&case, &rerun).unwrap();
    let stale = check();
    assert_eq!(stale.status.code(), Some(1));
    let binding = rerun.find("signoff aisi_review").unwrap();
    let binding_line = rerun[..binding + rerun[binding..].find("sha256:").unwrap()]
        .lines()
        .count();
    let text = stdout(&stale);
    assert!(
        text.starts_with(&format!("{path}:{binding_line}:11: error[W0805]"))
            && text.lines().count() == 1,
        "{text}"
    );
    let stale_review = review();
    assert!(
        stale_review.contains("| `aisi_review` | `no_exfiltration` | A. Reviewer, AI Security Institute | 2026-11-25 | **stale** |"),
        "{stale_review}"
    );
    // The re-review.
    let signed = casec(&["evidence", "sign", path, "aisi_review"]);
    assert!(
        stdout(&signed).contains("updated binding"),
        "{}",
        stdout(&signed)
    );
    let clean = check();
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // A new doubt, still open: W0802 at it, and the review says so.
    let doubted = std::fs::read_to_string(&case).unwrap()
        + "\ndefeater audit_budget \"The audit budget may not hold under a burst of suspicious actions\" {\n  challenges: control_protocol\n  doubt: undercuts\n}\n";
    std::fs::write(&case, &doubted).unwrap();
    let open = check();
    assert!(
        stdout(&open).contains("error[W0802]: open doubt `audit_budget`"),
        "{}",
        stdout(&open)
    );
    let open_review = review();
    assert!(
        open_review.contains("| `audit_budget` |") && open_review.contains("| **open** |"),
        "{open_review}"
    );
    let output = casec(&[
        "build",
        "--today",
        QUANTIFIED_DAY,
        "--emit",
        "markdown",
        path,
    ]);
    assert!(
        stdout(&output).contains("4 doubts, 1 open"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("the argument is incomplete"),
        "{}",
        stdout(&output)
    );
}

/// Issue 17: `check` with no path checks the current folder, and a folder
/// walk skips what `.gitignore` and `.ignore` ignore (a build's `target/`),
/// hidden folders, and the `exclude` patterns of casec.toml.
#[test]
fn check_walks_the_current_folder_as_git_and_casec_toml_exclude_say() {
    let dir = temp_dir("walk-ignores");
    let valid = Path::new(ROOT).join("tests/fixtures/diagnostics/valid.case");
    let text = std::fs::read_to_string(&valid).unwrap();
    copy_artifacts(valid.parent().unwrap(), &text, &dir.join("cases"));
    std::fs::write(dir.join("cases/valid.case"), &text).unwrap();
    for broken in [
        "target/debug/copy.case",
        "ignored/by-ignore.case",
        "drafts/draft.case",
        ".hidden/hidden.case",
        "cases/old.draft.case",
    ] {
        let path = dir.join(broken);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "claim broken {\n").unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    std::fs::write(dir.join(".ignore"), "ignored/\n").unwrap();
    std::fs::write(
        dir.join("casec.toml"),
        "exclude = [\"drafts/\", \"*.draft.case\"]\n",
    )
    .unwrap();
    let output = casec_in(&dir, &["check", "--today", FIXTURE_DAY], None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("checked 1 file: 0 errors"),
        "{}",
        stderr(&output)
    );
    // Named on the command line, an ignored file is read.
    let named = casec_in(
        &dir,
        &["check", "--today", FIXTURE_DAY, "target/debug/copy.case"],
        None,
    );
    assert_eq!(named.status.code(), Some(1));
    // `--quiet` leaves out the summary.
    let quiet = casec_in(&dir, &["check", "-q", "--today", FIXTURE_DAY], None);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "");
    // A mistaken exclude is a located finding of casec.toml.
    std::fs::write(
        dir.join("casec.toml"),
        "exclude = [\"drafts/\", 3]\nexlude = []\n",
    )
    .unwrap();
    let output = casec_in(
        &dir,
        &["check", "--today", FIXTURE_DAY, "--format", "short"],
        None,
    );
    let text = stdout(&output);
    assert!(
        text.contains("`exclude` lists patterns in quotes"),
        "{text}"
    );
    assert!(
        text.contains("has no setting `exlude` (did you mean `exclude`?)"),
        "{text}"
    );
}

/// Issue 17: `check -` reads standard input, reported under
/// `--stdin-filename` (which also places its artifacts and casec.toml).
#[test]
fn check_reads_standard_input_under_the_name_given() {
    let dir = temp_dir("check-stdin");
    let output = casec_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "-",
            "--stdin-filename",
            "cases/x.case",
        ],
        Some("claim a \"A\" {\n  about: nothing\n"),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("cases/x.case:1:13: error[E0002]: this `{` is never closed"),
        "{}",
        stdout(&output)
    );
    let unnamed = casec_in(
        &dir,
        &["check", "--format", "short", "-"],
        Some("claim a {\n"),
    );
    assert!(
        stdout(&unnamed).starts_with("<stdin>:1:"),
        "{}",
        stdout(&unnamed)
    );
    let mixed = casec_in(&dir, &["check", "-", "a.case"], Some(""));
    assert_eq!(mixed.status.code(), Some(2));
    let stray = casec_in(
        &dir,
        &["check", "--stdin-filename", "x.case", "a.case"],
        None,
    );
    assert_eq!(stray.status.code(), Some(2));
}

/// Issue 17: the short format keeps a finding's "did you mean".
#[test]
fn the_short_format_keeps_the_suggestion() {
    let dir = temp_dir("short-suggestion");
    let output = casec_in(
        &dir,
        &["check", "--format", "short", "-"],
        Some("claim a \"A\" { supported by: evidnce_one }\nevidence evidence_one \"E\" { artifact: \"https://example.org/e\" }\n"),
    );
    assert!(
        stdout(&output).contains(
            "no claim, argument or evidence is called `evidnce_one` (did you mean `evidence_one`?)"
        ),
        "{}",
        stdout(&output)
    );
}

/// Issue 17: shell completions and a manual page from the clap definition.
#[test]
fn completions_and_the_manual_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = casec(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(
            script.contains("casec") && script.contains("explain"),
            "{shell}: {script}"
        );
    }
    let man = casec(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH casec"),
        "{page}"
    );
    assert!(page.contains("check"), "{page}");
    assert_eq!(casec(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn sarif_results_carry_their_fixes_and_stay_valid() {
    let dir = temp_dir("sarif-fixes");
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/diagnostics/valid.case"))
            .unwrap()
            .replacen("supported by: evals", "supported by: evlas", 1)
            .replacen(
                "shows: elicitation, anti_sandbagging, capability_margin",
                "shows: elicitation anti_sandbagging capability_margin",
                1,
            );
    std::fs::write(dir.join("case.case"), text).unwrap();
    let output = casec_in(
        &dir,
        &[
            "check",
            "--today",
            FIXTURE_DAY,
            "--format",
            "sarif",
            "case.case",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&sarif_validator(), &log);
    let fixes: Vec<serde_json::Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::json!({"ruleId": r["ruleId"], "fixes": r["fixes"]}))
        .collect();
    insta::assert_json_snapshot!("sarif_fixes", fixes);
    // Documentation links, when Cargo.toml names the repository.
    let driver = &log["runs"][0]["tool"]["driver"];
    if let Some(repository) = casec::diagnostic::sarif::repository() {
        assert_eq!(driver["informationUri"], repository);
        assert!(driver["rules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["helpUri"]
                .as_str()
                .is_some_and(|u| u.contains("docs/errors.md#"))));
    }
}
