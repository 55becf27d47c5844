//! The mistakes a newcomer makes, one at a time, in a clean case (the
//! README's): each must cost exactly one finding, located at the cause and
//! naming the fix (issue 17). The rendered findings are snapshots.

use casec::diagnostic::{render, Code, Style};
use casec::{compile, Options};

/// The README's case, which checks clean.
const CLEAN: &str = r#"case demo "The assistant gives no meaningful cyber uplift" { threshold: 1e-3 }
decision deploy "Release through the API" { window: 2026-12-01 to 2027-05-31 }
component agent "The assistant model" { kind: ai  trust: untrusted }
subsystem api "The model behind the API" { components: agent }
outcome uplift "The model gives meaningful uplift towards a cyberattack"

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
  artifact: "evals/cyber.json"
  shows: elicitation, anti_sandbagging, capability_margin
}
"#;

/// The findings of `CLEAN` with `from` replaced by `to`, rendered; asserts
/// there are `count` of them, all of `code`.
fn findings(from: &str, to: &str, count: usize, code: Code) -> String {
    assert!(CLEAN.contains(from), "`{from}` is not in the case");
    let text = CLEAN.replacen(from, to, 1);
    let compilation = compile("demo.case", text, Options::default());
    let rendered: Vec<String> = compilation
        .diagnostics
        .iter()
        .map(|d| render(&compilation.sources, d, Style::Human { color: false }))
        .collect();
    let codes: Vec<Code> = compilation.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        vec![code; count],
        "`{from}` → `{to}`:\n{}",
        rendered.join("\n")
    );
    rendered.join("\n")
}

fn one(name: &str, from: &str, to: &str) {
    insta::assert_snapshot!(name, findings(from, to, 1, Code::SyntaxError));
}

#[test]
fn the_case_is_clean() {
    findings("", "", 0, Code::SyntaxError);
}

#[test]
fn an_unclosed_brace_is_reported_where_it_opens_and_the_item_is_still_checked() {
    one(
        "unclosed_brace",
        "  supported by: evals\n}\n",
        "  supported by: evals\n",
    );
}

#[test]
fn an_unclosed_brace_at_the_end_of_the_file() {
    one(
        "unclosed_brace_last",
        "capability_margin\n}\n",
        "capability_margin\n",
    );
}

#[test]
fn a_string_unclosed_on_its_line_is_reported_where_it_opens() {
    one(
        "string_run_on",
        "\"0 of 40 proxy tasks solved\" {",
        "\"0 of 40 proxy tasks solved {",
    );
}

#[test]
fn an_unclosed_string_at_the_end_is_reported_where_it_opens() {
    one(
        "unclosed_string",
        "\"evals/cyber.json\"",
        "\"evals/cyber.json",
    );
}

#[test]
fn a_reference_to_an_item_that_did_not_parse_is_not_a_prelude_role() {
    // `agent` is also a role of the prelude.
    one(
        "broken_component",
        "trust: untrusted }",
        "trust: untrusted: }",
    );
}

#[test]
fn syntax_errors_come_first() {
    // The broken claim leaves its outcome unaddressed: that is not reported,
    // and the syntax error leads.
    let text = CLEAN.replacen("claim safe", "goal safe", 1);
    let compilation = compile("demo.case", text, Options::default());
    assert_eq!(
        compilation.diagnostics.len(),
        1,
        "{:#?}",
        compilation.diagnostics
    );
    let text = CLEAN.replacen("trust: untrusted }", "trust: untrusted: }", 1)
        + "claim extra \"Unreached\"\n";
    let compilation = compile("demo.case", text, Options::default());
    let codes: Vec<Code> = compilation.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes.first(), Some(&Code::SyntaxError), "{codes:?}");
    assert!(codes.len() > 1, "{codes:?}");
}

#[test]
fn missing_commas_are_one_finding() {
    one(
        "missing_commas",
        "shows: elicitation, anti_sandbagging, capability_margin",
        "shows: elicitation anti_sandbagging capability_margin",
    );
}

#[test]
fn missing_commas_in_a_link() {
    let text = CLEAN
        .replacen("supported by: results", "supported by: results e2 e3", 1)
        + "evidence e2 \"More\" { artifact: \"a.json\"  shows: elicitation }\nevidence e3 \"Yet more\" { artifact: \"b.json\"  shows: elicitation }\n";
    let compilation = compile("demo.case", text, Options::default());
    let codes: Vec<Code> = compilation.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::SyntaxError], "{:#?}", compilation.diagnostics);
    assert!(compilation.diagnostics[0].message.contains("`,`"));
}

#[test]
fn a_missing_colon_is_one_finding() {
    one("missing_colon", "kind: ai", "kind ai");
}

#[test]
fn a_missing_colon_before_a_number() {
    one("missing_colon_number", "threshold: 1e-3", "threshold 1e-3");
}

#[test]
fn a_date_not_written_iso() {
    one("date_day_first", "window: 2026-12-01", "window: 15/12/2026");
}

#[test]
fn an_ambiguous_date_is_read_day_first_and_says_so() {
    one("date_ambiguous", "window: 2026-12-01", "window: 01.12.2026");
}

#[test]
fn a_window_written_with_a_dash() {
    one(
        "window_dash",
        "2026-12-01 to 2027-05-31",
        "2026-12-01 - 2027-05-31",
    );
}

#[test]
fn a_list_in_brackets() {
    one(
        "bracketed_list",
        "shows: elicitation, anti_sandbagging, capability_margin",
        "shows: [elicitation, anti_sandbagging, capability_margin]",
    );
}

#[test]
fn gsn_words_name_the_keyword() {
    one("gsn_goal", "claim safe", "goal safe");
    one("gsn_strategy", "argument evals", "strategy evals");
    one("gsn_solution", "evidence results", "solution results");
}

#[test]
fn a_misspelt_keyword() {
    one("keyword_typo", "evidence results", "evidense results");
}
