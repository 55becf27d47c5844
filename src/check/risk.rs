//! Quantitative risk: the bounds computed in [`crate::analysis::risk`]
//! against the case's threshold and the bounds its elements state.

use super::Checker;
use crate::analysis::identity::model_of;
use crate::analysis::independence::{common_cause, CommonCause, Shared};
use crate::analysis::risk::{
    exceeds, format_probability as p, independence_justified, unconditioned_step, Rule, TOLERANCE,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{Combine, ElementId, Probability, Spanned};
use crate::source::Span;

/// How many contributors or unquantified elements a note lists.
const LISTED: usize = 5;

pub fn check(cx: &mut Checker) {
    stated_bounds(cx);
    independence(cx);
    stray_given(cx);
    if let Some(threshold) = cx
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.threshold.clone())
    {
        threshold_window(cx, &threshold);
        above_threshold(cx, &threshold);
        unquantified(cx, &threshold);
    }
}

fn stated_bounds(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.case_elements() {
        let (Some(stated), Some(computed)) =
            (element.stated_risk(), cx.analysis.risk.of(id).computed)
        else {
            continue;
        };
        if stated.value.value >= computed * (1.0 - TOLERANCE) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Code::OverstatedBound,
            stated.span,
            format!(
                "{} `{}` states risk {}, but its support gives {}",
                element.kind.as_str(),
                element.id,
                stated.value.written,
                p(computed)
            ),
        )
        .label("promises more than its support gives");
        let children = &cx.graph.children[id.index()];
        let rule = cx.analysis.risk.of(id).rule;
        diagnostic = diagnostic.note(format!(
            "its support ({}):",
            rule.describe(case, children.len())
        ));
        for child in children.iter().take(LISTED) {
            let bound = cx
                .analysis
                .risk
                .shown(case, *child)
                .unwrap_or_else(|| "unknown".into());
            diagnostic = diagnostic.note(format!(
                "  `{}` ({}): {bound}",
                case.get(*child).id,
                case.get(*child).kind.as_str()
            ));
        }
        cx.report(diagnostic.help(format!(
            "state at least {}, strengthen the support, or mark alternatives with `combine: any`",
            p(computed)
        )));
    }
}

fn independence(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.case_elements() {
        let Some(combine) = element.combine() else {
            continue;
        };
        if combine.value == Combine::Chain {
            if let Some((step, missing)) = unconditioned_step(case, cx.graph, id) {
                unconditioned(cx, id, step, &missing);
            }
            continue;
        }
        if combine.value != Combine::Independent {
            continue;
        }
        if independence_justified(case, cx.graph, id) {
            if let Some(cause) = common_cause(case, cx.graph, id) {
                common_cause_found(cx, id, combine.span, cause);
            }
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Code::UnjustifiedIndependence,
            combine.span,
            format!(
                "{} `{}` multiplies the risks of its support without justifying their independence",
                element.kind.as_str(),
                element.id
            ),
        )
        .label("independence is assumed here");
        if let Some(bound) = cx.analysis.risk.of(id).computed {
            diagnostic = diagnostic.note(format!(
                "until it is justified, the smallest alternative's bound is used: {}",
                p(bound)
            ));
        }
        cx.report(diagnostic.help(
            "add `in context of: J`, where J is a `justification` saying why the alternatives cannot fail together (different methods, data, teams)",
        ));
    }
}

/// E0707 at a chain's step that does not state its bound as conditional on
/// the steps before it.
fn unconditioned(cx: &mut Checker, chain: ElementId, step: ElementId, missing: &[ElementId]) {
    let case = cx.case;
    let element = case.get(step);
    let names: Vec<String> = missing
        .iter()
        .map(|m| format!("`{}`", case.get(*m).id))
        .collect();
    let (message, label) = if element.stated_risk().is_none() {
        (
            format!(
                "`{}` is a step of the chain `{}` but states no conditional `risk:`",
                element.id,
                case.get(chain).id
            ),
            "no `risk:` given the steps before it",
        )
    } else {
        (
            format!(
                "`{}` is a step of the chain `{}`, but its risk is not given {}",
                element.id,
                case.get(chain).id,
                names.join(", ")
            ),
            "not stated as conditional",
        )
    };
    let before: Vec<&str> = cx
        .graph
        .premises(chain)
        .take_while(|s| *s != step)
        .map(|s| case.get(s).id.as_str())
        .collect();
    cx.report(
        Diagnostic::new(Code::UnconditionedChainStep, element.id_span, message)
            .label(label)
            .note("until every later step is stated as conditional, the smallest step's bound is used")
            .help(format!(
                "state the probability that `{}` fails given that the earlier steps failed, with `risk: …` and `given: {}`",
                element.id,
                before.join(", ")
            )),
    );
}

/// E0707 at a `given:` on an element that is not a later step of a chain.
fn stray_given(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.case_elements() {
        let Some(first) = element.given.first() else {
            continue;
        };
        let in_chain = cx.graph.parents[id.index()].iter().any(|p| {
            case.get(*p)
                .combine()
                .is_some_and(|c| c.value == Combine::Chain)
                && cx.graph.premises(*p).next() != Some(id)
        });
        if !in_chain {
            cx.report(
                Diagnostic::new(
                    Code::UnconditionedChainStep,
                    first.span,
                    format!("`{}` states `given:`, but is not a later step of a `combine: chain`", element.id),
                )
                .label("conditional on nothing that is combined")
                .help("remove `given:`, or mark the element it supports `combine: chain` and list this element after the steps it is conditional on"),
            );
        }
    }
}

/// E0706: independence justified in words, but the alternatives share a cause.
fn common_cause_found(cx: &mut Checker, id: ElementId, at: Span, cause: CommonCause) {
    let case = cx.case;
    let name = |e: ElementId| case.get(e).id.as_str();
    let (first, second) = (name(cause.first), name(cause.second));
    let (what, spans): (String, Vec<(Span, String)>) = match cause.shared {
        Shared::Support(node) => (
            format!("both rest on `{}`", name(node)),
            vec![(
                case.get(node).id_span,
                format!("`{}` supports both", name(node)),
            )],
        ),
        Shared::Artifact(a, b) => {
            let artifact = |e: ElementId| case.get(e).evidence().and_then(|v| v.artifact.as_ref());
            let mut spans = Vec::new();
            for e in [a, b] {
                if let Some(artifact) = artifact(e) {
                    spans.push((artifact.span, format!("`{}` cites it", name(e))));
                }
            }
            let shown = artifact(a).map_or(String::new(), |v| v.value.clone());
            (
                format!("their evidence cites one artifact, `{shown}`"),
                spans,
            )
        }
        Shared::Model(a, b) if a == b => (
            format!("both rely on the trusted `{}`", name(a)),
            vec![(case.get(a).id_span, "relied on by both".to_string())],
        ),
        Shared::Model(a, b) => (
            format!(
                "they rely on `{}` and `{}`, which run one model",
                name(a),
                name(b)
            ),
            [a, b]
                .into_iter()
                .filter_map(|c| {
                    model_of(case, c).map(|v| (v.span, format!("`{}` runs `{}`", name(c), v.value)))
                })
                .collect(),
        ),
    };
    let mut diagnostic = Diagnostic::new(
        Code::CommonCause,
        at,
        format!(
            "{} `{}` multiplies the risks of `{first}` and `{second}` as independent, but {what}",
            case.get(id).kind.as_str(),
            case.get(id).id
        ),
    )
    .label("independence is assumed here");
    for (span, label) in spans {
        diagnostic = diagnostic.secondary(span, label);
    }
    cx.report(diagnostic.help(format!(
        "give `{first}` and `{second}` their own support, artifacts and models, or combine them with `combine: any` (the smallest bound)"
    )));
}

fn threshold_window(cx: &mut Checker, threshold: &Spanned<Probability>) {
    // Without any decision, E0402 says enough.
    let Some((id, decision)) = cx.case.decision() else {
        return;
    };
    if decision.decision().is_none_or(|d| d.window.is_some()) || cx.case.rejected(id, "window") {
        return;
    }
    cx.report(
        Diagnostic::new(
            Code::ThresholdWithoutWindow,
            threshold.span,
            format!("threshold {} has no time frame: no deployment window is given", threshold.value.written),
        )
        .label("a probability over what period?")
        .help("give the deployment decision a window, e.g. `window: 2026-01-01 to 2026-12-31`: the threshold bounds the risk over it"),
    );
}

fn above_threshold(cx: &mut Checker, threshold: &Spanned<Probability>) {
    let risk = &cx.analysis.risk;
    let Some(bound) = risk.case_bound else { return };
    if !exceeds(bound, threshold.value.value) {
        return;
    }
    // Refuted evidence (E0609, at its result) bounds its claim by 1: the
    // bound then follows from that one finding, which says what to do.
    let refuted = |id: &ElementId| risk.of(*id).rule == Rule::Refuted;
    if risk.contributions.iter().any(|(id, _)| refuted(id)) {
        return;
    }
    let case = cx.case;
    let mut diagnostic = Diagnostic::new(
        Code::RiskAboveThreshold,
        threshold.span,
        format!(
            "the case's risk bound {} is above its threshold {}",
            p(bound),
            threshold.value.written
        ),
    )
    .label(format!("the case's bound is {}", p(bound)));
    if let Some(top) = cx.graph.top {
        let element = case.get(top);
        diagnostic = diagnostic.secondary(
            element.id_span,
            format!(
                "top claim; its support gives {}",
                p(risk.of(top).bound.unwrap_or(bound))
            ),
        );
    }
    let top_bound = cx.graph.top.and_then(|t| risk.of(t).bound).unwrap_or(0.0);
    if risk
        .decomposed
        .is_some_and(|d| d > top_bound * (1.0 + TOLERANCE))
    {
        diagnostic = diagnostic.note(format!(
            "the sum over outcomes, {}, is larger than the top claim's {} and is the one used",
            risk.decomposed.map_or_else(|| "unknown".into(), p),
            p(top_bound)
        ));
    }
    // Per outcome, each subsystem's unilateral risk and the joint risk: the
    // paper's steps 5 and 6, so that the subsystem at fault stands out.
    for outcome in &risk.outcomes {
        let terms: Vec<String> = outcome
            .terms
            .iter()
            .map(|t| {
                let part = t
                    .subsystem
                    .map_or_else(|| "joint".to_string(), |s| format!("`{}`", case.get(s).id));
                let bound = t.claim.and_then(|id| risk.shown(case, id));
                format!("{part} {}", bound.as_deref().unwrap_or("unknown"))
            })
            .collect();
        diagnostic = diagnostic.note(format!(
            "outcome `{}`: {} = {}",
            case.get(outcome.outcome).id,
            outcome.bound.map_or_else(|| "unknown".into(), p),
            terms.join(" + ")
        ));
    }
    let total: f64 = risk.contributions.iter().map(|(_, share)| share).sum();
    if !risk.contributions.is_empty() && total > 0.0 {
        let largest: Vec<String> = risk
            .contributions
            .iter()
            .take(LISTED)
            .map(|(id, share)| {
                format!(
                    "`{}` {} ({:.0}%)",
                    case.get(*id).id,
                    p(*share),
                    100.0 * share / total
                )
            })
            .collect();
        diagnostic = diagnostic.note(format!("largest contributors: {}", largest.join(", ")));
    }
    cx.report(diagnostic.help(
        "lower the largest contributors' risk (more or stronger evidence), add alternative arguments, or revisit the threshold with the decision maker; `casec check --explain-risk CLAIM` shows the derivation",
    ));
}

fn unquantified(cx: &mut Checker, threshold: &Spanned<Probability>) {
    let risk = &cx.analysis.risk;
    let case = cx.case;
    let states_risks = case.case_elements().any(|(_, e)| e.stated_risk().is_some());
    if risk.case_bound.is_some() || !states_risks || cx.graph.top.is_none() {
        return;
    }
    let missing: Vec<ElementId> = case
        .case_elements()
        .filter(|(id, _)| cx.graph.reachable[id.index()] && risk.of(*id).rule == Rule::NoNumber)
        .map(|(id, _)| id)
        .collect();
    let mut diagnostic = Diagnostic::new(
        Code::UnquantifiedRisk,
        threshold.span,
        format!(
            "the case states risks, but its bound cannot be computed against threshold {}",
            threshold.value.written
        ),
    )
    .label("the bound is unknown");
    if !missing.is_empty() {
        diagnostic = diagnostic.note(format!(
            "no risk is stated for {}",
            cx.ids(&missing, LISTED)
        ));
    }
    for outcome in &risk.outcomes {
        for term in outcome.terms.iter().filter(|t| t.claim.is_none()) {
            let part = term.subsystem.map_or_else(
                || "the joint risk".to_string(),
                |s| format!("subsystem `{}`", case.get(s).id),
            );
            diagnostic = diagnostic.note(format!(
                "no claim bounds {part} for outcome `{}`",
                case.get(outcome.outcome).id
            ));
        }
    }
    cx.report(
        diagnostic.help("give each of them a `risk:`, or state a bound on the claim above them"),
    );
}
