//! A clean check means a sound argument: each flawed case, written after a
//! published safety case, fails with the rule that names its flaw, and its
//! sound twin passes `--strict`. The rendered findings are snapshotted.

use casec::diagnostic::{render, Style};
use casec::syntax::parse_date;
use casec::{Compilation, Options};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Strict, on a day inside every fixture's deployment window.
fn compile(name: &str, text: &str) -> Compilation {
    let options = Options {
        strict: true,
        today: parse_date("2026-12-20"),
        ..Options::default()
    };
    casec::compile(name, text, options)
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
    // Class 6: a result that refutes the claim it is cited for.
    ("cyber-inability-result-meets-criterion", &["E0609"]),
    // Class 7: a decomposition that leaves a member out.
    ("risk-model-left-out", &["E0308"]),
    // A component that is not deployed says so; one that is needs a subsystem.
    ("advisor-in-no-subsystem", &["E0407"]),
    // What a supporting argument holds up is not relied on.
    ("watchdog-trusted-only-in-a-supporting-argument", &["E0506"]),
    // A supporting argument adds confidence; nothing may rest on it alone.
    ("claim-resting-only-on-a-supporting-argument", &["E0303"]),
    // Class 4, dependent events: a chain states its later steps as conditional.
    ("chain-step-not-conditional", &["E0701", "E0707"]),
    // A usable `--strict`: an acceptance must accept a warning on its item.
    ("acceptance-on-the-wrong-item", &["E0107", "W0509"]),
    // Class 9: macrosystem risk with no substance.
    ("two-subsystems-sharing-a-model", &["W0410"]),
    // Issue 15: an open doubt on what the top claim relies on.
    ("cyber-inability-elicitation-doubt-open", &["W0802"]),
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
    "cyber-inability-result-below-criterion",
    "two-subsystems-sharing-a-model-coordination-argued",
    "each-risk-model-argued",
    "advisor-consulted-not-deployed",
    "supporting-alignment-argument",
    "scheming-chain",
    "cyber-inability-elicitation-doubt-refuted",
];

#[test]
fn a_supporting_argument_changes_no_bound() {
    let example = "examples/risk-quantified.case";
    let text = std::fs::read_to_string(Path::new(ROOT).join(example)).unwrap();
    let without = compile(example, &text);
    let (path, text) = fixture("supporting-alignment-argument");
    let with = compile(&path, &text);
    assert!(without.analysis.risk.case_bound.is_some());
    assert_eq!(
        with.analysis.risk.case_bound,
        without.analysis.risk.case_bound
    );
    // Without `supporting`, the unquantified alignment argument is a premise
    // whose bound is unknown, and the claim falls back to its stated bound.
    let relied = compile(&path, &text.replace("  supporting\n", ""));
    let claim = relied.case.names["assistant_no_uplift"];
    assert_ne!(
        relied.analysis.risk.of(claim).rule,
        with.analysis.risk.of(claim).rule
    );
}

#[test]
fn a_chain_multiplies_conditional_bounds() {
    let (path, text) = fixture("scheming-chain");
    let compilation = compile(&path, &text);
    let top = compilation.case.names["no_sabotage"];
    let bound = compilation.analysis.risk.of(top).bound.unwrap();
    assert!((bound - 1e-3).abs() < 1e-12, "{bound}");
}

/// Sound cases with warnings a reviewer accepted in the source: clean under
/// `--strict`, and the accepted findings are kept, with their reasons.
const ACCEPTED: &[(&str, &[&str])] = &[("weak-block-accepted-in-review", &["W0509"])];

#[test]
fn accepted_warnings_pass_strict_and_are_kept_with_their_reasons() {
    for (name, expected) in ACCEPTED {
        let (path, text) = fixture(name);
        let compilation = compile(&path, &text);
        assert!(
            compilation.diagnostics.is_empty(),
            "{path}:\n{}",
            rendered(&compilation)
        );
        let accepted: Vec<&str> = compilation
            .accepted
            .iter()
            .map(|a| a.diagnostic.code.as_str())
            .collect();
        assert_eq!(&accepted, expected, "{path}");
        assert!(compilation.accepted.iter().all(|a| !a.reason.is_empty()));
    }
}

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

#[test]
fn a_malformed_result_or_criterion_is_an_error_at_the_value_that_is_wrong() {
    let (path, text) = fixture("cyber-inability-result-below-criterion");
    let stated = "  result: 1\n  trials: 5\n  criterion: 3\n  refutes: at_or_above\n";
    assert!(text.contains(stated));
    for (written, at) in [
        // No side: which results refute is never guessed.
        ("  result: 1\n  trials: 5\n  criterion: 3\n", "3"),
        (
            "  result: 1\n  trials: 5\n  refutes: at_or_above\n",
            "at_or_above",
        ),
        ("  trials: 5\n", "5"),
        ("  criterion: 3\n  refutes: at_or_above\n", "3"),
        // A count of the trials is whole and at most the trials.
        (
            "  result: 6\n  trials: 5\n  criterion: 3\n  refutes: at_or_above\n",
            "6",
        ),
        (
            "  result: 1.5\n  trials: 5\n  criterion: 3\n  refutes: at_or_above\n",
            "1.5",
        ),
        (
            "  result: 20%\n  trials: 5\n  criterion: 3\n  refutes: at_or_above\n",
            "20%",
        ),
        (
            "  result: 1\n  trials: 5\n  criterion: 6\n  refutes: at_or_above\n",
            "6",
        ),
        // A percentage is not compared with a count.
        (
            "  result: 20%\n  criterion: 3\n  refutes: at_or_above\n",
            "3",
        ),
        // Shapes: the lowering's own errors.
        ("  result: 1\n  trials: 0\n", "0"),
        (
            "  result: 1\n  trials: 5\n  criterion: 3\n  refutes: over\n",
            "over",
        ),
        ("  result: \"one\"\n", "\"one\""),
    ] {
        let case = text.replace(stated, written);
        let compilation = compile(&path, &case);
        let source = &compilation.sources.get(compilation.file).text;
        let found: Vec<(&str, &str)> = compilation
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), &source[d.primary.span.range()]))
            .collect();
        assert_eq!(
            found,
            [("E0102", at)],
            "{written}\n{}",
            rendered(&compilation)
        );
    }
}

#[test]
fn the_margin_is_in_the_json_and_the_review() {
    for (name, margin, refuted) in [
        ("cyber-inability-result-below-criterion", 2.0, false),
        ("cyber-inability-result-meets-criterion", -1.0, true),
    ] {
        let (path, text) = fixture(name);
        let compilation = compile(&path, &text);
        let emit = |format| casec::emit::render(&compilation, format, &Default::default()).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&emit(casec::emit::Format::Json)).unwrap();
        let evidence = json["elements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "ransomware_ctf")
            .unwrap();
        assert_eq!(evidence["margin"], margin, "{name}");
        assert_eq!(evidence["refuted"], refuted, "{name}");
        assert_eq!(evidence["trials"], 5);
        assert_eq!(evidence["refutes"], "at_or_above");
        let review = emit(casec::emit::Format::Markdown);
        let expected = format!(
            "(result: {} of 5, refuted at or above 3: margin {})",
            if refuted { 4 } else { 1 },
            margin
        );
        assert!(review.contains(&expected), "{name}: {review}");
    }
}

#[test]
fn a_component_in_both_subsystems_is_a_shared_cause_the_joint_claim_must_address() {
    let path = "examples/two-subsystems.case";
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
    let shared = text.replace(
        "subsystem chat \"The public chat assistant\" { components: chat_model }",
        "subsystem chat \"The public chat assistant\" { components: chat_model, egress_filter }",
    );
    assert_ne!(shared, text);
    let compilation = compile(path, &shared);
    let found: Vec<_> = compilation
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "W0410",
            "joint claim `no_joint_leak` does not show `shared_monitor_failure`, but `chat` and `coding_agent` share `egress_filter`"
        )],
        "{}",
        rendered(&compilation)
    );
    // Shown below the joint claim, it is addressed.
    let addressed = shared.replace(
        "  shows: channels_argued\n}\n\nevidence joint_red_team",
        "  shows: channels_argued, shared_monitor_failure\n}\n\nevidence joint_red_team",
    );
    assert_ne!(addressed, shared);
    assert!(
        compile(path, &addressed).diagnostics.is_empty(),
        "{}",
        rendered(&compile(path, &addressed))
    );
}

#[test]
fn one_watchdog_bound_in_both_subsystems_arguments_is_a_shared_monitor() {
    // Findings other than W0410 do not matter here: only that the watchdog
    // both arguments bind is found shared, and its sharing named.
    let case = r#"
component agent_a "Agent A" { kind: ai  trust: untrusted  version: "a-1" }
component agent_b "Agent B" { kind: ai  trust: untrusted  version: "b-1" }
component monitor "The watchdog" { kind: ai  trust: trusted  version: "m-1" }
subsystem first "A" { components: agent_a }
subsystem second "B" { components: agent_b }
outcome harm "Harm"
claim top "Neither causes harm" { addresses: harm  supported by: a_safe, b_safe, together }
claim a_safe "A is safe" { about: first  addresses: harm  supported by: watch_a }
claim b_safe "B is safe" { about: second  addresses: harm  supported by: watch_b }
argument watch_a "Watched" { category: control  block: monitoring  agent: agent_a  watchdog: monitor  undeveloped }
argument watch_b "Watched" { category: control  block: monitoring  agent: agent_b  watchdog: monitor  undeveloped }
claim together "Not together" { about: first, second  addresses: harm  joint  undeveloped }
"#;
    let compilation = compile("shared-watchdog.case", case);
    let w0410: Vec<&str> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "W0410")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        w0410,
        ["joint claim `together` does not show `shared_monitor_failure`, but `first` and `second` share `monitor`"],
        "{}",
        rendered(&compilation)
    );
}
