//! The shipped template library (src/prelude.case, docs/templates.md): each
//! template's example checks clean under `--strict`, the cyber inability
//! example written with the templates checks to the same argument as the
//! hand-written one, and a finding inside an instance is reported at the
//! instance with a label at the template line in the prelude.

mod common;

use casec::compile::epoch_day;
use casec::diagnostic::{render, Code, Style};
use casec::ir::{Case, Element, Origin, Ref};
use casec::source::FileId;
use casec::{Compilation, Options};
use common::ROOT;
use std::path::Path;

/// The day CI judges freshness on (SOURCE_DATE_EPOCH=1795564800).
fn options(strict: bool) -> Options {
    Options {
        strict,
        today: epoch_day("1795564800"),
        ..Default::default()
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).expect("the example is readable")
}

fn compile(name: &str, text: &str, strict: bool) -> Compilation {
    casec::compile(name, text, options(strict))
}

/// Every shipped template and the example that instantiates it.
const LIBRARY: &[(&str, &str)] = &[
    ("cyber_inability", "examples/cyber-inability-template.case"),
    ("cyber_risk_model", "examples/cyber-inability-template.case"),
    ("ai_control", "examples/control-template.case"),
    ("monitoring", "examples/monitoring-template.case"),
    ("bootstrap_base", "examples/bootstrapping-template.case"),
    ("amplification_step", "examples/bootstrapping-template.case"),
];

#[test]
fn every_shipped_template_has_an_example_that_checks_clean_under_strict() {
    let prelude = casec::syntax::parse(FileId::PRELUDE, casec::compile::PRELUDE).0;
    let shipped: Vec<&str> = prelude
        .templates
        .iter()
        .map(|t| t.id.name.as_str())
        .collect();
    let listed: Vec<&str> = LIBRARY.iter().map(|(t, _)| *t).collect();
    let mut sorted_shipped = shipped.clone();
    sorted_shipped.sort_unstable();
    let mut sorted_listed = listed.clone();
    sorted_listed.sort_unstable();
    assert_eq!(
        sorted_shipped, sorted_listed,
        "every template in src/prelude.case is listed here with its example"
    );
    for (template, path) in LIBRARY {
        let compilation = compile(path, &read(path), true);
        assert!(
            compilation.diagnostics.is_empty(),
            "{path} does not check clean under --strict: {:#?}",
            compilation.diagnostics
        );
        assert!(
            compilation
                .instances
                .iter()
                .any(|i| i.template == *template),
            "{path} does not instantiate `{template}`"
        );
        let docs = read("docs/templates.md");
        assert!(
            docs.contains(&format!("`{template}`")),
            "docs/templates.md does not document `{template}`"
        );
    }
}

/// An element as the checker sees it, without its id: kind, text, and what
/// each of its links names (by kind and text), sorted.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Shape {
    kind: String,
    text: String,
    supported_by: Vec<(String, String)>,
    in_context_of: Vec<(String, String)>,
    /// Every other reference (`about`, `addresses`, `category`, `block`,
    /// roles, `over`, `members`, `shows`, `top`), as "key: kind text".
    other: Vec<String>,
}

fn target<'c>(case: &'c Case, r: &Ref) -> Option<&'c Element> {
    r.target.map(|id| &case.elements[id.index()])
}

fn named(case: &Case, r: &Ref) -> (String, String) {
    match target(case, r) {
        // Prelude definitions keep their ids: they are the same in both.
        Some(e) if e.origin == Origin::Prelude => (format!("{:?}", e.kind), e.id.to_string()),
        Some(e) => (format!("{:?}", e.kind), e.text().to_string()),
        None => ("unresolved".into(), r.name.to_string()),
    }
}

fn shape(case: &Case, e: &Element) -> Shape {
    let list = |refs: &[Ref]| {
        let mut v: Vec<(String, String)> = refs.iter().map(|r| named(case, r)).collect();
        v.sort();
        v
    };
    let mut other = Vec::new();
    let add = |other: &mut Vec<String>, key: &str, refs: &[Ref]| {
        for r in refs {
            let (kind, text) = named(case, r);
            other.push(format!("{key}: {kind} {text}"));
        }
    };
    add(&mut other, "shows", &e.shows);
    if let Some(a) = e.claim() {
        add(&mut other, "about", &a.about);
        add(&mut other, "addresses", &a.addresses);
        other.push(format!("undeveloped: {}", a.undeveloped.is_some()));
    }
    if let Some(a) = e.argument() {
        add(&mut other, "category", a.category.as_slice());
        add(&mut other, "block", a.block.as_slice());
        add(&mut other, "over", a.over.as_slice());
        for binding in &a.roles {
            add(
                &mut other,
                &format!("role {}", binding.role.name),
                std::slice::from_ref(&binding.component),
            );
        }
        other.push(format!("undeveloped: {}", a.undeveloped.is_some()));
    }
    if let Some(a) = e.context() {
        add(&mut other, "members", &a.members);
    }
    if let Some(a) = e.case_attrs() {
        add(&mut other, "top", a.top.as_slice());
    }
    if let Some(a) = e.evidence() {
        other.push(format!("{:?}", a.artifact.as_ref().map(|s| &s.value)));
        other.push(format!("{:?}", a.date.as_ref().map(|s| s.value)));
    }
    other.sort();
    Shape {
        kind: format!("{:?}", e.kind),
        text: e.text().to_string(),
        supported_by: list(&e.supported_by),
        in_context_of: list(&e.in_context_of),
        other,
    }
}

/// The case's own elements, id-independently, as a sorted multiset.
fn shapes(compilation: &Compilation) -> Vec<Shape> {
    let case = &compilation.case;
    let mut shapes: Vec<Shape> = case
        .elements
        .iter()
        .filter(|e| e.origin == Origin::Case)
        .map(|e| shape(case, e))
        .collect();
    shapes.sort();
    shapes
}

/// The findings, id-independently: code, severity and the number of each.
fn findings(compilation: &Compilation) -> Vec<(Code, String)> {
    let mut found: Vec<(Code, String)> = compilation
        .diagnostics
        .iter()
        .map(|d| (d.code, format!("{:?}", d.severity)))
        .collect();
    found.sort_by_key(|(code, severity)| (code.to_string(), severity.clone()));
    found
}

const HAND: &str = "examples/cyber-inability.case";
const TEMPLATED: &str = "examples/cyber-inability-template.case";

#[test]
fn the_templated_cyber_case_checks_to_the_hand_written_argument() {
    let hand = compile(HAND, &read(HAND), false);
    let templated = compile(TEMPLATED, &read(TEMPLATED), false);
    let (a, b) = (shapes(&hand), shapes(&templated));
    assert!(a.len() > 20, "the hand-written case lost its elements");
    for shape in &a {
        assert!(
            b.contains(shape),
            "only the hand-written case has {shape:#?}"
        );
    }
    for shape in &b {
        assert!(a.contains(shape), "only the templated case has {shape:#?}");
    }
    assert_eq!(a, b);
    assert_eq!(findings(&hand), findings(&templated));
    // The comparison sees a changed text, and a changed link.
    let changed = read(TEMPLATED).replace("\"a novice\"", "\"an expert\"");
    assert_ne!(a, shapes(&compile(TEMPLATED, &changed, false)));
    let changed = read(TEMPLATED).replace("results: ics_ctf, ics_agentic", "results: ics_ctf");
    assert_ne!(a, shapes(&compile(TEMPLATED, &changed, false)));
    for strict in [false, true] {
        let hand = compile(HAND, &read(HAND), strict);
        let templated = compile(TEMPLATED, &read(TEMPLATED), strict);
        assert_eq!(findings(&hand), findings(&templated), "strict: {strict}");
    }
    // The same risk bounds for the case.
    let risk = |c: &Compilation| (c.analysis.risk.case_bound, c.analysis.risk.decomposed);
    assert_eq!(risk(&hand), risk(&templated));
}

#[test]
fn the_same_finding_in_both_when_a_result_meets_its_criterion() {
    // A change to the results makes the same finding in both versions.
    let meets =
        |text: String| text.replace("  result: 1\n  trials: 20", "  result: 6\n  trials: 20");
    let hand = compile(HAND, &meets(read(HAND)), false);
    let templated = compile(TEMPLATED, &meets(read(TEMPLATED)), false);
    assert!(
        !findings(&hand).is_empty(),
        "the refuting result is reported"
    );
    assert_eq!(findings(&hand), findings(&templated));
}

/// `text` without the item that starts with `start` (up to its closing
/// brace at the start of a line).
fn without_item(text: &str, start: &str) -> String {
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` is in the example"));
    let end = text[at..].find("\n}\n").expect("the item closes") + at + 3;
    format!("{}{}", &text[..at], &text[end..])
}

/// The diagnostics with `code` whose primary span is in the case file, on
/// the instance `instance`, and which have a label in the prelude.
fn at_instance_with_prelude_label<'c>(
    compilation: &'c Compilation,
    code: Code,
    instance: &str,
) -> Vec<&'c casec::diagnostic::Diagnostic> {
    let text = &compilation.sources.get(compilation.file).text;
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter(|d| {
            d.primary.span.file == compilation.file
                && &text[d.primary.span.range()] == instance
                && d.secondary.iter().any(|l| l.span.file == FileId::PRELUDE)
        })
        .collect()
}

#[test]
fn removing_one_risk_models_results_is_reported_at_the_instance_with_a_label_in_the_template() {
    let text = read(TEMPLATED);
    let removed = without_item(
        &without_item(&text, "evidence ics_ctf"),
        "evidence ics_agentic",
    );
    let compilation = compile("removed.case", &removed, false);
    let found =
        at_instance_with_prelude_label(&compilation, Code::UnresolvedReference, "ics_model");
    assert_eq!(found.len(), 2, "{:#?}", compilation.diagnostics);
    let prelude = casec::compile::PRELUDE;
    for d in found {
        let label = d
            .secondary
            .iter()
            .find(|l| l.span.file == FileId::PRELUDE)
            .expect("a label in the prelude");
        assert_eq!(&prelude[label.span.range()], "{results}");
        assert!(
            label.message.contains("cyber_risk_model"),
            "{}",
            label.message
        );
    }

    // Leaving the results out of the instance as well: the missing
    // parameter, at the instance, with its declaration in the prelude.
    let removed = removed.replace("  results: ics_ctf, ics_agentic\n", "");
    let compilation = compile("removed.case", &removed, false);
    let found = at_instance_with_prelude_label(&compilation, Code::TemplateArgument, "ics_model");
    assert_eq!(found.len(), 1, "{:#?}", compilation.diagnostics);
    // One mistake, one finding: the top instance's reference to the claim
    // the failed instance would have written is not reported again.
    assert!(!compilation
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnresolvedReference && d.message.contains("ics_model.no_uplift")));
}

#[test]
fn the_choices_and_optional_parts_of_the_cyber_template_change_the_argument() {
    let text = read(TEMPLATED);
    // Prompting only: the elicitation claim says so and is framed by the
    // decision, whose access gives users no fine-tuning.
    let prompting = compile(
        "prompting.case",
        &text.replace("elicitation: fine_tuning", "elicitation: prompting"),
        true,
    );
    assert!(
        prompting.diagnostics.is_empty(),
        "{:#?}",
        prompting.diagnostics
    );
    let claim =
        &prompting.case.elements[prompting.case.names["cyber.elicitation_adequate"].index()];
    assert!(
        claim.text().contains("without fine-tuning"),
        "{}",
        claim.text()
    );
    assert_eq!(claim.in_context_of.len(), 1);

    // No choice made: a located error at the instance.
    let unmade = compile(
        "unmade.case",
        &text.replace("  elicitation: fine_tuning\n", ""),
        false,
    );
    assert!(unmade
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ChoiceNotMade && d.message.contains("elicitation")));

    // The margin left out: its claim is not written, and the risk models
    // that still rest on it are told so where they name it.
    let without = compile(
        "without.case",
        &text.replace("  include: margin\n", ""),
        false,
    );
    assert!(!without
        .case
        .names
        .contains_key("cyber.capability_margin_holds"));
    assert!(without
        .diagnostics
        .iter()
        .any(|d| d.message.contains("cyber.capability_margin_holds")));
}

#[test]
fn every_snippet_in_the_template_docs_is_an_excerpt_of_a_checked_example() {
    let docs = read("docs/templates.md");
    let examples: Vec<String> = LIBRARY.iter().map(|(_, path)| read(path)).collect();
    let mut snippets = 0;
    let mut rest = docs.as_str();
    while let Some(open) = rest.find("```case\n") {
        let body = &rest[open + "```case\n".len()..];
        let close = body.find("```").expect("the snippet closes");
        let snippet = &body[..close];
        assert!(
            examples.iter().any(|e| e.contains(snippet)),
            "this snippet of docs/templates.md is in no example:\n{snippet}"
        );
        snippets += 1;
        rest = &body[close + 3..];
    }
    assert!(
        snippets >= 4,
        "docs/templates.md shows an instance of each template family"
    );
    // The README's template section shows the cyber example's instance.
    let readme = read("README.md");
    let section = &readme[readme.find("## Templates").expect("a templates section")..];
    let open = section.find("```case\n").expect("a snippet") + "```case\n".len();
    let snippet = &section[open..open + section[open..].find("```").expect("it closes")];
    assert!(
        examples.iter().any(|e| e.contains(snippet)),
        "the README's template snippet is in no example:\n{snippet}"
    );
}

#[test]
fn the_other_options_of_every_choice_expand_to_a_well_linked_argument() {
    // Each change selects the options (and leaves out the optional parts)
    // the examples do not: the expansion stays free of template errors and
    // of dangling references; what the checker then says about the argument
    // (a topic the other option does not show) is the case's business.
    let variants: &[(&str, &[(&str, &str)])] = &[
        (
            "examples/control-template.case",
            &[
                ("red_team: substitution", "red_team: prompting"),
                ("monitor_trust: inability", "monitor_trust: trustworthiness"),
                ("  include: optimal_rate\n", ""),
            ],
        ),
        (
            "examples/monitoring-template.case",
            &[
                (
                    "watchdog_trust: trustworthiness",
                    "watchdog_trust: inability",
                ),
                ("  include: audit\n", ""),
            ],
        ),
        (
            "examples/bootstrapping-template.case",
            &[
                ("assurance: trustworthiness", "assurance: inability"),
                ("  include: method\n", ""),
            ],
        ),
    ];
    for (path, changes) in variants {
        let mut text = read(path);
        for (from, to) in *changes {
            assert!(text.contains(from), "{path} has `{from}`");
            text = text.replace(from, to);
        }
        let compilation = compile(path, &text, false);
        let broken: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| {
                d.code.family() == casec::diagnostic::Family::Templates
                    || d.code == Code::UnresolvedReference
            })
            .collect();
        assert!(broken.is_empty(), "{path}: {broken:#?}");
        assert!(
            !compilation.instances.is_empty(),
            "{path} still expands its instances"
        );
    }
}

/// A finding that lists the names in scope lists them in declaration order,
/// the same on every run (they once came in hash-map order, which the fuzz
/// step's determinism check caught); templates are checked in source order.
#[test]
fn template_findings_list_names_in_declaration_order() {
    let params = ["p1", "p2", "p3", "p4", "p5", "p6"];
    let declared: String = params
        .iter()
        .map(|p| format!("  param {p}: text \"what\"\n"))
        .collect();
    let text: String = ["t1", "t2"]
        .iter()
        .map(|t| {
            format!("template {t} \"A template\" {{\n{declared}  claim c \"{{nope}}\"\n}}\n\n")
        })
        .collect();
    let c = compile("order.case", &text, false);
    let found: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TemplateDeclaration)
        .collect();
    assert_eq!(found.len(), 2, "{:#?}", c.diagnostics);
    assert!(found[0].primary.span.start < found[1].primary.span.start);
    for d in found {
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains("p1, p2, p3, p4, p5, p6"), "{help}");
    }
}

/// A template's parameters belong to its body: one written inside a part is
/// reported where it is written (E1005), once, with the fix, and the
/// template is not expanded.
#[test]
fn a_parameter_inside_a_part_is_reported_where_it_is_written() {
    let text = "template t \"A template\" {\n  param settings: members \"the settings\"\n\n  for s in settings {\n    param late: number \"a nested parameter\"\n    claim {s}-c \"safe in {s}\" { undeveloped }\n  }\n}\n";
    let c = compile("nested.case", text, false);
    let found: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TemplateDeclaration)
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", c.diagnostics);
    let at = found[0].primary.span;
    assert_eq!(
        &text[at.range()],
        "param late: number \"a nested parameter\""
    );
    let rendered = render(&c.sources, found[0], Style::Human { color: false });
    insta::assert_snapshot!(rendered);
}
