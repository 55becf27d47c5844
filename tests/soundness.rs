//! A clean check means a sound argument: each flawed case, written after a
//! published safety case, fails with the rule that names its flaw, and its
//! sound twin passes `--strict`. The rendered findings are snapshotted.

use casec::diagnostic::{render, Style};
use casec::syntax::parse_date;
use casec::{compile_source, Compilation, Options};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Strict, on a day inside every fixture's deployment window.
fn compile(name: &str, text: &str) -> Compilation {
    let options = Options {
        strict: true,
        today: parse_date("2026-12-20"),
        ..Options::default()
    };
    compile_source(name, text, options)
}

fn fixture(name: &str) -> (String, String) {
    let path = format!("tests/fixtures/soundness/{name}.case");
    let text = std::fs::read_to_string(Path::new(ROOT).join(&path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    (path, text)
}

fn errors(compilation: &Compilation) -> Vec<&'static str> {
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == casec::diagnostic::Severity::Error)
        .map(|d| d.code.as_str())
        .collect()
}

fn rendered(compilation: &Compilation) -> String {
    compilation
        .diagnostics
        .iter()
        .map(|d| render(&compilation.sources, d, Style::Human { color: false }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each flawed case: the errors it must raise (under `--strict`, so warnings
/// count as errors too), exactly; their rendering is snapshotted.
const FLAWED: &[(&str, &[&str])] = &[
    // Class 1: obligations met only by claims that count.
    ("missing-subsystem-argument", &["E0408"]),
    (
        "unreached-subsystem-claim",
        &["E0408", "W0306", "W0306", "W0306", "W0306"],
    ),
    (
        "unreached-joint-claim",
        &["E0409", "W0306", "W0306", "W0306", "W0306"],
    ),
    ("claim-about-several-subsystems", &["E0408"]),
    // No unique top claim: one finding at the cause, no coverage echoes.
    ("no-top-claim", &["E0305", "W0304"]),
    // Class 3: a performance claim is not a trust justification.
    ("monitor-performance-claim-only", &["E0506", "E0506"]),
    ("monitor-grades-itself", &["E0507", "E0506"]),
    // Class 8: circular justification through `in context of`.
    ("assumption-justified-in-its-own-context", &["E0307"]),
    // Messages: never advise trusting the system under evaluation.
    ("agent-as-its-own-watchdog", &["E0505", "E0506"]),
    // W0509's help names a fix that exists: the twin below takes it.
    ("weak-block-for-capable-model", &["W0509"]),
    // Class 2: identity of models.
    ("monitor-is-a-copy-of-the-agent", &["E0510"]),
    ("monitor-from-the-agents-family", &["E0510"]),
    ("copy-of-the-agent-as-watchdog", &["E0510"]),
    ("advisor-panel-of-copies", &["E0510"]),
    ("evidence-on-a-model-outside-the-family", &["W0607"]),
    // Class 5: what a control argument needs, about the bound component.
    ("collusion-shown-about-another-monitor", &["E0503"]),
    ("control-without-conservative-extrapolation", &["E0503"]),
    // Class 4: independence that is only asserted. Without it, the smallest
    // bound is used, which is over the threshold.
    ("independent-monitors-on-one-model", &["E0701", "E0706"]),
];

const SOUND: &[&str] = &[
    "monitor-performance-claim",
    "monitor-graded-by-humans",
    "assumption-justified-independently",
    "weak-block-rating-defended",
    "collusion-shown-about-the-watchdog",
    "untrusted-monitoring",
    "evidence-on-checkpoints-of-a-family",
    "independent-monitors-on-two-models",
];

#[test]
fn each_flawed_case_fails_with_the_rule_that_names_its_flaw() {
    for (name, expected) in FLAWED {
        let (path, text) = fixture(name);
        let compilation = compile(&path, &text);
        assert_eq!(
            &errors(&compilation),
            expected,
            "{path}:\n{}",
            rendered(&compilation)
        );
        insta::assert_snapshot!(*name, rendered(&compilation));
    }
}

#[test]
fn each_sound_twin_passes_strict() {
    for name in SOUND {
        let (path, text) = fixture(name);
        let compilation = compile(&path, &text);
        assert!(
            compilation.diagnostics.is_empty(),
            "{path}:\n{}",
            rendered(&compilation)
        );
    }
}

#[test]
fn deleting_one_subsystems_argument_from_the_two_subsystem_example_is_an_error_at_it() {
    let path = "examples/two-subsystems.case";
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
    assert!(compile(path, &text).diagnostics.is_empty());
    // The chat subsystem's claim stays, but nothing links it any more; then
    // it goes too. Either way only the joint claim still names `chat`.
    let unlinked = text.replace(
        "supported by: chat_cannot_leak, agent_cannot_leak",
        "supported by: agent_cannot_leak",
    );
    assert_ne!(unlinked, text);
    let compilation = compile(path, &unlinked);
    let e0408: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "E0408")
        .collect();
    assert_eq!(e0408.len(), 1, "{}", rendered(&compilation));
    let at = &compilation.sources.get(compilation.file).text[e0408[0].primary.span.range()];
    assert_eq!(at, "chat");
}

#[test]
fn a_claim_about_a_subsystem_that_only_a_joint_claim_names_is_not_enough() {
    // The joint claim is about both subsystems and reachable; each
    // subsystem's own claim is what E0408 asks for.
    let (path, text) = fixture("missing-subsystem-argument");
    let compilation = compile(&path, &text);
    let e0408 = compilation
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "E0408")
        .expect("reported");
    assert!(
        e0408
            .notes
            .iter()
            .any(|n| n.contains("`no_joint_leak` is marked `joint`")),
        "{:?}",
        e0408.notes
    );
}
