//! Benchmark: a case that instantiates one template 10,000 times, against
//! the same case written out by hand (same ids, texts and links). Run with
//! `cargo bench --bench templates`; the figure is the ratio of the two
//! check times, which the issue asks to stay within 2x.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

const HEADER: &str = r#"case bench "Templates at scale" { top: safe }

decision deploy "Deploy the assistant to internal staff" {
  setting: "internal"
  access: "staff"
  window: 2026-01-01 to 2026-12-31
}

component model "The assistant model" {
  kind: ai
  trust: untrusted
}

subsystem assistant "The assistant" { components: model }

outcome uplift "The assistant gives meaningful uplift toward a cyberattack"

context settings "The evaluation settings" { members: ctf, agentic }

context ctf "Capture-the-flag challenges"

context agentic "Agentic tasks with tools"
"#;

const TEMPLATE: &str = r#"
template capability_evals "An inability argument over evaluation settings" {
  param system: component
  param settings: members
  param solved: number

  argument argument "{system} cannot perform the proxy tasks in any setting" {
    category: inability
    block: dangerous_capability_evals
    over: {settings}
    supported by: {settings}-below
  }

  for setting in settings {
    claim {setting}-below "{system} stays below the capability criterion in {setting}" {
      in context of: {setting}
      supported by: {setting}-results
    }

    evidence {setting}-results "{solved} proxy tasks solved in {setting}" {
      artifact: "evals/cyber.json"
      shows: elicitation, anti_sandbagging, capability_margin
    }
  }
}
"#;

fn top(n: usize) -> String {
    let support: Vec<String> = (0..n).map(|i| format!("e{i}.argument")).collect();
    format!(
        "\nclaim safe \"The assistant gives no meaningful cyber uplift\" {{\n  about: assistant\n  addresses: uplift\n  in context of: deploy\n  supported by: {}\n}}\n",
        support.join(", ")
    )
}

fn templated(n: usize) -> String {
    let mut text = format!("{HEADER}{TEMPLATE}{}", top(n));
    for i in 0..n {
        let _ = write!(
            text,
            "\ninstance e{i} {{\n  template: capability_evals\n  system: model\n  settings: settings\n  solved: {}\n}}\n",
            i % 3
        );
    }
    text
}

fn by_hand(n: usize) -> String {
    let mut text = format!("{HEADER}{}", top(n));
    for i in 0..n {
        let solved = i % 3;
        let _ = write!(
            text,
            "\nargument e{i}.argument \"model cannot perform the proxy tasks in any setting\" {{\n  category: inability\n  block: dangerous_capability_evals\n  over: settings\n  supported by: e{i}.ctf-below, e{i}.agentic-below\n}}\n"
        );
        for setting in ["ctf", "agentic"] {
            let _ = write!(
                text,
                "\nclaim e{i}.{setting}-below \"model stays below the capability criterion in {setting}\" {{\n  in context of: {setting}\n  supported by: e{i}.{setting}-results\n}}\n\nevidence e{i}.{setting}-results \"{solved} proxy tasks solved in {setting}\" {{\n  artifact: \"evals/cyber.json\"\n  shows: elicitation, anti_sandbagging, capability_margin\n}}\n"
            );
        }
    }
    text
}

fn check(text: &str) -> (Duration, usize) {
    let runs: Vec<(Duration, usize)> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let compilation = casec::compile("bench.case", text, casec::Options::default());
            assert!(
                !compilation.has_errors(),
                "the benchmark case must be clean"
            );
            (start.elapsed(), compilation.case.elements.len())
        })
        .collect();
    let mut times: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    times.sort();
    (times[times.len() / 2], runs[0].1)
}

fn main() {
    println!(
        "{:>10} {:>12} {:>12} {:>8}",
        "instances", "by hand", "templated", "ratio"
    );
    for n in [1_000usize, 10_000] {
        let (hand, hand_elements) = check(&by_hand(n));
        let (template, template_elements) = check(&templated(n));
        assert_eq!(hand_elements, template_elements, "the same elements");
        println!(
            "{:>10} {:>10.1}ms {:>10.1}ms {:>7.2}x",
            n,
            hand.as_secs_f64() * 1e3,
            template.as_secs_f64() * 1e3,
            template.as_secs_f64() / hand.as_secs_f64()
        );
    }
}
