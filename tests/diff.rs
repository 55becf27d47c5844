//! `casec diff` end to end through the binary, on the fixture pairs in
//! tests/fixtures/diff/: each is base.case with one kind of change, so each
//! category of the report has a pair that triggers it and pairs where it
//! stays silent.

mod common;

use common::{casec_command, schema, ROOT};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Within the fixtures' deployment window, so findings do not follow the calendar.
const DAY: &str = "2026-12-01";

fn fixture(name: &str) -> String {
    format!("tests/fixtures/diff/{name}.case")
}

fn run(args: &[&str]) -> Output {
    casec_command(args)
        .args(["--today", DAY])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the casec binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `casec diff OLD NEW --format json` on two fixtures: the report of the
/// one file, checked against the schema (closed: documented fields only).
fn report(old: &str, new: &str) -> Value {
    let output = run(&["diff", &fixture(old), &fixture(new), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let errors = schema::errors(&schema::closed("casec-diff.schema.json"), &value);
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
    assert_eq!(value["files"].as_array().map(Vec::len), Some(1));
    value["files"][0].clone()
}

/// Every list of a file's report, by name.
const LISTS: &[&str] = &[
    "added",
    "removed",
    "renamed",
    "retexted",
    "links",
    "development",
    "arguments",
    "evidence",
    "impact",
    "risk",
    "strength",
    "findings",
];

/// Asserts that the lists not named in `nonempty` are empty, and returns the report.
fn only(old: &str, new: &str, nonempty: &[&str]) -> Value {
    let file = report(old, new);
    for list in LISTS {
        let len = file[*list].as_array().map_or(usize::MAX, Vec::len);
        if nonempty.contains(list) {
            assert!(len > 0, "{old} → {new}: `{list}` is empty\n{file:#}");
        } else {
            assert_eq!(len, 0, "{old} → {new}: `{list}` is not empty\n{file:#}");
        }
    }
    file
}

fn assert_close(value: &Value, expected: f64) {
    let value = value.as_f64().unwrap_or(f64::NAN);
    assert!(
        (value - expected).abs() < 1e-12,
        "{value} is not {expected}"
    );
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|item| item[key].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_same_case_and_a_reordered_one_have_no_changes() {
    for new in ["base", "moved"] {
        let file = only("base", new, &[]);
        assert_eq!(file["changed"], false);
        assert_eq!(file["case_risk"]["old"], file["case_risk"]["new"]);
    }
}

#[test]
fn an_added_element_and_its_link() {
    let file = only("base", "added", &["added", "links", "risk"]);
    assert_eq!(ids(&file["added"], "id"), ["sandbagging"]);
    assert_eq!(file["links"][0]["from"], "evals");
    assert_eq!(file["links"][0]["to"], "sandbagging");
    assert_eq!(file["links"][0]["change"], "added");
}

#[test]
fn a_removed_element_its_link_and_the_error_it_causes() {
    let file = only("base", "removed", &["removed", "links", "risk", "findings"]);
    assert_eq!(ids(&file["removed"], "id"), ["elicitation"]);
    assert_eq!(file["links"][0]["relation"], "support");
    assert_eq!(file["links"][0]["change"], "removed");
    assert_eq!(ids(&file["findings"], "code"), ["E0503"]);
    assert_eq!(file["findings"][0]["element"], "evals");
    assert_eq!(file["findings"][0]["change"], "appeared");
    // And back: the error disappears, the element and the link return.
    let back = run(&[
        "diff",
        &fixture("removed"),
        &fixture("base"),
        "--format",
        "json",
    ]);
    let back: Value = serde_json::from_slice(&back.stdout).expect("JSON");
    assert_eq!(back["files"][0]["findings"][0]["change"], "disappeared");
    assert_eq!(back["summary"]["fixed_errors"], 1);
    assert_eq!(ids(&back["files"][0]["added"], "id"), ["elicitation"]);
}

#[test]
fn a_rename_is_a_rename_not_a_removal_and_an_addition() {
    let file = only("base", "renamed", &["renamed"]);
    assert_eq!(file["renamed"][0]["old"], "ctf");
    assert_eq!(file["renamed"][0]["new"], "ctf_tasks");
    assert_eq!(file["renamed"][0]["kind"], "evidence");
}

#[test]
fn new_wording_is_a_retext_and_nothing_else() {
    let file = only("base", "retexted", &["retexted"]);
    assert_eq!(ids(&file["retexted"], "id"), ["no_uplift", "ctf"]);
    assert_eq!(
        file["retexted"][1]["new"],
        "None of the 40 capture-the-flag tasks solved"
    );
}

#[test]
fn a_context_link_added() {
    let file = only("base", "context", &["added", "links"]);
    assert_eq!(file["links"][0]["relation"], "context");
    assert_eq!(file["links"][0]["to"], "why_inability");
}

#[test]
fn a_claim_that_loses_support_and_one_that_regains_it() {
    let file = only(
        "base",
        "undeveloped",
        &["added", "links", "development", "risk", "findings"],
    );
    assert_eq!(file["development"][0]["claim"], "no_uplift");
    assert_eq!(file["development"][0]["developed"], false);
    assert_eq!(file["case_risk"]["new"], Value::Null);
    let back = report("undeveloped", "base");
    assert_eq!(back["development"][0]["developed"], true);
    // The verdict counts both ways.
    let verdict = |old: &str, new: &str| {
        let output = run(&["diff", &fixture(old), &fixture(new), "--format", "json"]);
        let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (
            value["verdict"].as_str().unwrap_or_default().to_string(),
            value["summary"].clone(),
        )
    };
    let (lost, summary) = verdict("base", "undeveloped");
    assert!(lost.contains("1 claim loses support"), "{lost}");
    assert_eq!(
        (
            summary["support_lost"].as_u64(),
            summary["support_gained"].as_u64()
        ),
        (Some(1), Some(0))
    );
    let (gained, summary) = verdict("undeveloped", "base");
    assert!(gained.contains("1 claim is now developed"), "{gained}");
    assert_eq!(
        (
            summary["support_lost"].as_u64(),
            summary["support_gained"].as_u64()
        ),
        (Some(0), Some(1))
    );
}

#[test]
fn an_argument_of_another_category_and_block_and_its_strength() {
    let file = only("base", "category", &["arguments", "strength", "findings"]);
    assert_eq!(ids(&file["arguments"], "property"), ["category", "block"]);
    assert_eq!(file["arguments"][1]["new"], "unlearning");
    assert_eq!(file["strength"][0]["old"], "strong");
    assert_eq!(file["strength"][0]["new"], "moderate");
}

#[test]
fn re_run_evidence_and_the_claims_that_rest_on_it() {
    let file = only("base", "evidence", &["evidence", "impact", "findings"]);
    assert_eq!(
        ids(&file["evidence"], "property"),
        ["sha256", "date", "model"]
    );
    assert_eq!(file["evidence"][2]["old"], "m-2026-10");
    assert_eq!(file["impact"], serde_json::json!(["no_uplift"]));
}

#[test]
fn a_looser_bound_raises_the_case_risk_against_its_threshold() {
    let file = only("base", "risk", &["risk"]);
    assert_close(&file["case_risk"]["old"], 3e-4);
    assert_close(&file["case_risk"]["new"], 9e-4);
    assert_close(&file["case_risk"]["threshold"], 1e-3);
    assert_eq!(file["risk"][0]["id"], "no_uplift");
}

#[test]
fn a_finding_on_other_lines_is_the_same_finding() {
    let file = report("base", "broken");
    assert!(ids(&file["findings"], "code").contains(&"E0202".to_string()));
    only("broken", "broken-moved", &[]);
}

#[test]
fn the_human_markdown_and_json_forms() {
    for (old, new) in [("base", "evidence"), ("base", "undeveloped")] {
        for format in ["human", "markdown", "json"] {
            let output = run(&["diff", &fixture(old), &fixture(new), "--format", format]);
            assert_eq!(output.status.code(), Some(0));
            let text = stdout(&output);
            assert!(!text.contains('\x1b'), "colour when not on a terminal");
            insta::assert_snapshot!(format!("{new}_{format}"), text);
        }
    }
}

#[test]
fn the_markdown_opens_with_the_verdict() {
    let output = run(&[
        "diff",
        &fixture("base"),
        &fixture("undeveloped"),
        "--format",
        "markdown",
    ]);
    let text = stdout(&output);
    assert_eq!(
        text.lines().next(),
        Some("**casec diff:** risk 3e-4 → unknown of 1e-3; 1 claim loses support; 2 new warnings")
    );
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("diff", name)
}

#[test]
fn case_text_is_escaped_in_markdown_and_in_the_terminal_form() {
    let dir = temp_dir("escape");
    let base = std::fs::read_to_string(Path::new(ROOT).join(fixture("base"))).expect("base");
    let hostile = base.replace(
        "\"0 of 40 capture-the-flag tasks solved\"",
        "\"<img src=x> | **bold** [link](x) `code`\\n# heading \x1b[31m\"",
    );
    std::fs::write(dir.join("old.case"), &base).expect("write");
    std::fs::write(dir.join("new.case"), &hostile).expect("write");
    let (old, new) = (dir.join("old.case"), dir.join("new.case"));
    let (old, new) = (old.to_str().expect("utf-8"), new.to_str().expect("utf-8"));
    let markdown = stdout(&run(&["diff", old, new, "--format", "markdown"]));
    let line = markdown
        .lines()
        .find(|l| l.contains("re-texted evidence"))
        .expect("the retext line");
    assert!(
        line.contains(r"\<img src=x\> \| \*\*bold\*\* \[link\](x) \`code\`"),
        "{line}"
    );
    assert!(!markdown.contains('\x1b') && !markdown.contains("\n# heading"));
    let human = stdout(&run(&["diff", old, new]));
    assert!(!human.contains('\x1b'), "{human}");
    assert!(human.contains(r"\u{1b}"), "{human}");
}

#[test]
fn folders_pair_files_by_path_and_name_new_and_removed_files() {
    let dir = temp_dir("folders");
    let read = |name: &str| std::fs::read(Path::new(ROOT).join(fixture(name))).expect("fixture");
    for side in ["old", "new"] {
        std::fs::create_dir_all(dir.join(side).join("sub")).expect("mkdir");
    }
    std::fs::write(dir.join("old/sub/a.case"), read("base")).expect("write");
    std::fs::write(dir.join("new/sub/a.case"), read("risk")).expect("write");
    std::fs::write(dir.join("old/gone.case"), read("base")).expect("write");
    std::fs::write(dir.join("new/fresh.case"), read("base")).expect("write");
    let output = casec_command(&["diff", "old", "new", "--format", "json", "--today", DAY])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files = value["files"].as_array().expect("files");
    let names: Vec<_> = files
        .iter()
        .map(|f| (f["old_file"].as_str(), f["new_file"].as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (None, Some("new/fresh.case")),
            (Some("old/gone.case"), None),
            (Some("old/sub/a.case"), Some("new/sub/a.case")),
        ]
    );
    assert_eq!(files[0]["added"].as_array().map(Vec::len), Some(9));
    assert_eq!(files[1]["removed"].as_array().map(Vec::len), Some(9));
    assert_close(&files[2]["risk"][0]["new"], 9e-4);
}

#[test]
fn fail_on_names_what_fails_and_nothing_else_does() {
    let code = |new: &str, fail_on: &[&str]| {
        let mut args = vec!["diff".to_string(), fixture("base"), fixture(new)];
        args.extend(fail_on.iter().map(|f| format!("--fail-on={f}")));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args).status.code()
    };
    // Without --fail-on a change never fails, however bad.
    assert_eq!(code("broken", &[]), Some(0));
    assert_eq!(code("removed", &["new-error"]), Some(1));
    assert_eq!(code("evidence", &["new-error"]), Some(0));
    assert_eq!(code("risk", &["risk-increase"]), Some(1));
    assert_eq!(code("removed", &["risk-increase"]), Some(0));
    assert_eq!(code("undeveloped", &["support-lost"]), Some(1));
    assert_eq!(code("added", &["support-lost"]), Some(0));
    // Repeated, and comma-separated.
    assert_eq!(code("risk", &["support-lost", "risk-increase"]), Some(1));
    assert_eq!(code("risk", &["support-lost,new-error"]), Some(0));
    let output = run(&[
        "diff",
        &fixture("base"),
        &fixture("undeveloped"),
        "--fail-on",
        "support-lost",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--fail-on support-lost") && stderr.contains("1 claim(s) lost support"),
        "{stderr}"
    );
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_git_revision_against_the_work_tree() {
    if !git_available() {
        eprintln!("git is not installed: skipping the revision test");
        return;
    }
    let dir = temp_dir("git");
    let read = |name: &str| std::fs::read(Path::new(ROOT).join(fixture(name))).expect("fixture");
    std::fs::create_dir_all(dir.join("cases")).expect("mkdir");
    std::fs::write(dir.join("cases/case.case"), read("base")).expect("write");
    // Left out of every side, the revision's as the work tree's.
    std::fs::write(dir.join("casec.toml"), "exclude = [\"drafts/\"]\n").expect("write");
    std::fs::create_dir_all(dir.join("drafts")).expect("mkdir");
    std::fs::write(dir.join("drafts/wip.case"), "claim half \"Half a thought").expect("write");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "."]);
    git(
        &dir,
        &[
            "-c",
            "user.name=casec",
            "-c",
            "user.email=casec@example.invalid",
            "commit",
            "-q",
            "-m",
            "base",
        ],
    );
    std::fs::write(dir.join("cases/case.case"), read("evidence")).expect("write");
    let diff = |args: &[&str]| {
        let mut command = casec_command(args);
        command
            .args(["--format", "json", "--today", DAY])
            .current_dir(&dir);
        command.output().expect("runs")
    };
    // A bare revision: the same folder at main; `REV:PATH`: one file.
    for args in [
        &["diff", "main"][..],
        &["diff", "main", "cases"],
        &["diff", "main:cases/case.case", "cases/case.case"],
    ] {
        let output = diff(args);
        assert_eq!(output.status.code(), Some(0), "{args:?} {output:?}");
        let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let file = &value["files"][0];
        assert_eq!(
            value["files"].as_array().map(Vec::len),
            Some(1),
            "{value:#}"
        );
        assert_eq!(file["impact"], serde_json::json!(["no_uplift"]), "{args:?}");
        assert!(
            file["old_file"]
                .as_str()
                .is_some_and(|f| f.starts_with("main:")),
            "{file:#}"
        );
    }
    // A revision that does not exist is a clear error, exit 2.
    let output = diff(&["diff", "no-such-branch"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("git cannot read `no-such-branch:./`") && stderr.contains("git revision"),
        "{stderr}"
    );
}
