//! Evidence read from Inspect eval logs (`metric:`), end to end through the
//! binary, on real logs written by the inspect-ai package
//! (tests/fixtures/inspect/make_logs.py): the example checks clean; the log
//! of a stronger model committed in its place fails the check at the
//! evidence with the value the log holds; `casec diff` between the two git
//! revisions names the evidence, the claims it supports up to the top and
//! the bound; each finding's mended twin is silent; hostile artifacts get a
//! finding, not a crash.

mod common;

use common::{casec_command, temp_dir, ROOT};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day CI judges freshness on (SOURCE_DATE_EPOCH=1795564800).
const DAY: &str = "2026-11-25";
const EXAMPLE: &str = "inspect-evals.case";
const LOGS: &str = "tests/fixtures/inspect";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    casec_command(args)
        .args(["--today", DAY])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the casec binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The example and the artifacts it cites, in a fresh folder of its own.
fn example_copy(name: &str) -> PathBuf {
    let dir = temp_dir("inspect", name);
    let examples = Path::new(ROOT).join("examples");
    std::fs::copy(examples.join(EXAMPLE), dir.join(EXAMPLE)).unwrap();
    for artifact in [
        "evals/inspect/ctf-proxy.json",
        "evals/cyber/elicitation-protocol.md",
        "evals/cyber/sandbagging.json",
        "evals/cyber/scaling-trend.csv",
    ] {
        let target = dir.join(artifact);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(examples.join(artifact), target).unwrap();
    }
    dir
}

fn log(name: &str) -> PathBuf {
    Path::new(ROOT).join(LOGS).join(name)
}

/// The committed log `name` in place of the example's.
fn put_log(dir: &Path, name: &str) {
    std::fs::copy(log(name), dir.join("evals/inspect/ctf-proxy.json")).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=casec",
            "-c",
            "user.email=casec@example.org",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn the_example_reads_its_result_from_the_log_and_checks_clean() {
    let dir = example_copy("clean");
    let output = run_in(&dir, &["check", "--strict", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    // The JSON IR carries what was read: the log's accuracy, model and day.
    let output = run_in(&dir, &["build", EXAMPLE, "--emit", "json", "-o", "-"]);
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let evidence = ir["elements"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["id"] == "ctf_results"))
        .expect("the evidence")
        .clone();
    assert_eq!(evidence["metric"], "accuracy");
    assert_eq!(evidence["result"], 0.025);
    assert_eq!(evidence["model"], "frontier-2026-11");
    assert_eq!(evidence["date"], "2026-05-20");
    assert_eq!(evidence["refuted"], false);
}

#[test]
fn a_stronger_models_log_fails_the_check_at_the_evidence_with_the_value_it_holds() {
    let dir = example_copy("stronger");
    put_log(&dir, "ctf-frontier-2027-02.json");
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    insta::assert_snapshot!(text);
    assert!(text.contains("found 30%, above its criterion 5%"), "{text}");
}

#[test]
fn diff_between_two_revisions_names_the_evidence_the_claims_and_the_bound() {
    let dir = example_copy("diff");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(
        &dir,
        &["commit", "-qm", "the evaluation on frontier-2026-11"],
    );
    put_log(&dir, "ctf-frontier-2027-02.json");
    git(&dir, &["commit", "-qam", "re-run on frontier-2027-02"]);
    let output = run_in(&dir, &["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("**casec diff:** risk 5e-4 → 1 of 1e-3; 2 claims lose support"),
        "{markdown}"
    );
    insta::assert_snapshot!(markdown);
    // From a subfolder of the repository, with paths from its root: the
    // revisions are checked out whole, so their artifacts are read.
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    let output = run_in(
        &dir.join("notes"),
        &[
            "diff",
            "HEAD~1:inspect-evals.case",
            "HEAD:inspect-evals.case",
            "--format",
            "markdown",
        ],
    );
    assert!(
        stdout(&output).starts_with("**casec diff:** risk 5e-4 → 1 of 1e-3"),
        "{output:?}"
    );
    // The work tree against its own last commit: nothing changed.
    let output = run_in(&dir, &["diff", "HEAD", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["files"][0]["changed"], false, "{report:#}");
}

#[test]
fn the_eval_archive_reads_as_the_json_log_does() {
    let dir = example_copy("eval-archive");
    std::fs::copy(
        log("ctf-frontier-2026-11.eval"),
        dir.join("evals/inspect/ctf-proxy.eval"),
    )
    .unwrap();
    let case = std::fs::read_to_string(dir.join(EXAMPLE))
        .unwrap()
        .replace("ctf-proxy.json", "ctf-proxy.eval");
    std::fs::write(dir.join(EXAMPLE), case).unwrap();
    let output = run_in(&dir, &["check", "--strict", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// Each E061x fixture, mended, is silent: the same evidence with the cause
/// of its finding put right.
#[test]
fn each_finding_has_a_sound_twin() {
    let twins: &[(&str, &str, &str)] = &[
        (
            "E0611",
            "\"artifacts/cyber.json\"",
            "\"../inspect/ctf-frontier-2026-11.json\"",
        ),
        ("E0612", "\"acuracy\"", "\"accuracy\""),
        ("E0613", "ctf-error.json", "ctf-frontier-2026-11.json"),
        ("E0614", "samples: 100", "samples: 40"),
        ("E0615", "result: 0\n", "result: 2.5%\n"),
    ];
    let fixtures = Path::new(ROOT).join("tests/fixtures/evidence");
    for (code, flaw, mend) in twins {
        let text = std::fs::read_to_string(fixtures.join(format!("{code}.case"))).unwrap();
        assert!(text.contains(flaw), "{code}: `{flaw}` is the flaw");
        let twin = fixtures.join(format!("twin-{code}-{}.case", std::process::id()));
        std::fs::write(&twin, text.replace(flaw, mend)).unwrap();
        let output = run_in(Path::new(ROOT), &["check", twin.to_str().unwrap()]);
        std::fs::remove_file(&twin).unwrap();
        let fixture = format!("tests/fixtures/evidence/{code}.case");
        let flawed = run_in(Path::new(ROOT), &["check", &fixture]);
        assert!(stdout(&flawed).contains(code), "{code} fixture: {flawed:?}");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{code} twin: {}",
            stdout(&output)
        );
        assert!(
            !stdout(&output).contains("[E06"),
            "{code} twin: {}",
            stdout(&output)
        );
    }
}

/// What cannot be read as a log is one finding at the artifact: junk bytes,
/// a file over the limit, a path out of the project, a folder, a JSON
/// Pointer to nothing.
#[test]
fn hostile_artifacts_get_one_finding_each() {
    let dir = example_copy("hostile");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let evidence = dir.join("evals/inspect/ctf-proxy.json");
    let case = dir.join(EXAMPLE);
    let original = std::fs::read_to_string(&case).unwrap();
    let with_artifact = |artifact: &str, metric: &str| {
        let mut text = original
            .replace("\"evals/inspect/ctf-proxy.json\"", artifact)
            .replace("metric: \"accuracy\"", metric);
        if metric.starts_with("metric: \"/") {
            // A JSON Pointer reads no Inspect run: no scorer, no samples.
            text = text
                .replace("  scorer: \"includes\"\n", "")
                .replace("  samples: 40\n", "");
        }
        std::fs::write(&case, text).unwrap();
    };
    let only = |args: &[&str], code: &str| {
        let output = run_in(&dir, args);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        let codes: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("error[").and_then(|l| l.get(..5)))
            .collect();
        assert_eq!(codes, [code], "{text}");
    };
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&evidence, &bytes).unwrap();
    with_artifact("\"evals/inspect/ctf-proxy.json\"", "metric: \"accuracy\"");
    only(&["check", EXAMPLE], "E0611");
    std::fs::copy(log("ctf-frontier-2026-11.json"), &evidence).unwrap();
    only(&["check", "--max-artifact-bytes", "1000", EXAMPLE], "E0611");
    with_artifact("\"../../etc/passwd\"", "metric: \"accuracy\"");
    only(&["check", EXAMPLE], "E0611");
    with_artifact("\"evals\"", "metric: \"accuracy\"");
    only(&["check", EXAMPLE], "E0611");
    with_artifact(
        "\"evals/inspect/ctf-proxy.json\"",
        "metric: \"/results/scores/0/metrics/nope/value\"",
    );
    only(&["check", EXAMPLE], "E0612");
    with_artifact(
        "\"evals/inspect/ctf-proxy.json\"",
        "metric: \"/results/scores/0/metrics/accuracy/value\"",
    );
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// The example with its evidence's properties edited.
fn edited(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = example_copy(name);
    let case = dir.join(EXAMPLE);
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, edit(text)).unwrap();
    dir
}

fn error_codes(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter_map(|l| l.strip_prefix("error[").and_then(|l| l.get(..5)))
        .map(str::to_string)
        .collect()
}

/// A log that records a failed or invalidated run is one finding, and the
/// evidence then supports nothing: its claim's bound is 1, not the stated
/// risk, and the case's bound follows without a second error.
#[test]
fn evidence_that_was_not_read_supports_nothing() {
    let dir = example_copy("failed-run");
    put_log(&dir, "ctf-error.json");
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0613"], "{}", stdout(&output));
    let output = run_in(&dir, &["check", "--explain-risk", "no_uplift", EXAMPLE]);
    let text = stdout(&output);
    assert!(
        text.contains("evidence ctf_results: risk ≤ 1 [1: its result is to be read from its artifact, and was not]"),
        "{text}"
    );
    assert!(text.contains("case: risk ≤ 1 "), "{text}");
    // Invalidated after it ran: Inspect itself counts it unsuccessful.
    let text = std::fs::read_to_string(log("ctf-frontier-2026-11.json"))
        .unwrap()
        .replacen("\"invalidated\": false", "\"invalidated\": true", 1);
    assert!(
        text.contains("\"invalidated\": true"),
        "the log has the key"
    );
    std::fs::write(dir.join("evals/inspect/ctf-proxy.json"), text).unwrap();
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0613"], "{}", stdout(&output));
    assert!(
        stdout(&output).contains("was invalidated"),
        "{}",
        stdout(&output)
    );
}

/// Keys that would be ignored are errors: a scorer with nothing to score,
/// trials of a rate.
#[test]
fn keys_a_reading_does_not_use_are_errors() {
    let dir = edited("no-metric", |t| {
        t.replace("  metric: \"accuracy\"\n", "  result: 2.5%\n")
    });
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0102"], "{}", stdout(&output));
    assert!(
        stdout(&output).contains("no `metric:`"),
        "{}",
        stdout(&output)
    );
    let dir = edited("trials", |t| {
        t.replace("  samples: 40\n", "  samples: 40\n  trials: 40\n")
    });
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0102"], "{}", stdout(&output));
}

/// What is written beside `metric:` is compared as it is meant: a model
/// with Inspect's provider prefix, a rate to the digits written.
#[test]
fn written_values_agree_as_they_are_meant() {
    let dir = edited("agree", |t| {
        t.replace(
            "  samples: 40\n",
            "  samples: 40\n  model: \"offline/frontier-2026-11\"\n  result: 2.5%\n  date: 2026-05-20\n",
        )
    });
    let output = run_in(&dir, &["check", "--strict", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let dir = edited("disagree", |t| {
        t.replace("  samples: 40\n", "  samples: 40\n  result: 3%\n")
    });
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0615"], "{}", stdout(&output));
    assert!(
        stdout(&output).contains("write `result: 2.5%`"),
        "{}",
        stdout(&output)
    );
}

/// A run whose samples did not all complete reports metrics over those that
/// did: E0614 at the artifact, even without `samples:`; its twin (every
/// sample completed) is the clean example.
#[test]
fn a_run_whose_samples_did_not_all_complete_is_reported() {
    let dir = edited("partial", |t| t.replace("  samples: 40\n", ""));
    let text = std::fs::read_to_string(log("ctf-frontier-2026-11.json")).unwrap();
    let partial = text.replacen("\"completed_samples\": 40", "\"completed_samples\": 35", 1);
    assert_ne!(partial, text, "the log records its completed samples");
    std::fs::write(dir.join("evals/inspect/ctf-proxy.json"), partial).unwrap();
    let output = run_in(&dir, &["check", EXAMPLE]);
    assert_eq!(error_codes(&output), ["E0614"], "{}", stdout(&output));
    assert!(
        stdout(&output).contains("completed 35 of its 40 samples"),
        "{}",
        stdout(&output)
    );
    std::fs::write(dir.join("evals/inspect/ctf-proxy.json"), text).unwrap();
    let output = run_in(&dir, &["check", "--strict", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}
