//! Framework: the paper's six steps. A header and a decision with a window;
//! outcomes, each addressed; justified assumptions; subsystems covering every
//! AI component and every (subsystem, outcome) pair; joint claims.

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ComponentKind, ElementId, ElementKind};
use std::collections::HashSet;

pub fn check(cx: &mut Checker) {
    header_and_decision(cx);
    outcomes(cx);
    assumptions(cx);
    subsystems(cx);
}

/// Exactly one of `kind`; report missing or repeated ones under `code`.
fn exactly_one(cx: &mut Checker, kind: ElementKind, code: Code, example: &str) {
    let all: Vec<_> = cx
        .case
        .of_kind(kind)
        .map(|(_, e)| (e.id.clone(), e.id_span))
        .collect();
    match all.as_slice() {
        [] if cx.case.has_unparsed(kind) => {}
        [] => {
            let span = cx.file_span();
            cx.report(
                Diagnostic::new(code, span, format!("the file has no `{}`", kind.as_str()))
                    .label(format!("{} belongs in this file", kind.with_article()))
                    .help(format!("add one: `{example}`")),
            );
        }
        [_] => {}
        [(_, first), rest @ ..] => {
            for (id, span) in rest {
                cx.report(
                    Diagnostic::new(
                        code,
                        *span,
                        format!("the case has more than one {}: `{id}`", kind.as_str()),
                    )
                    .label(format!("another {}", kind.as_str()))
                    .secondary(*first, "the first one is here")
                    .help(format!(
                        "a case file has exactly one {}: split the file, or merge them",
                        kind.as_str()
                    )),
                );
            }
        }
    }
}

fn header_and_decision(cx: &mut Checker) {
    exactly_one(
        cx,
        ElementKind::Case,
        Code::CaseHeader,
        "case my_case \"What this case argues\" { threshold: 1e-3 }",
    );
    exactly_one(
        cx,
        ElementKind::Decision,
        Code::DeploymentDecision,
        "decision deploy \"…\" { setting: \"internal\"  access: \"…\"  window: 2026-01-01 to 2026-06-30 }",
    );
    if let Some((id, decision)) = cx.case.decision() {
        let unwritten = !cx.case.rejected(id, "window");
        if unwritten && decision.decision().is_some_and(|d| d.window.is_none()) {
            cx.report(
                Diagnostic::new(Code::DeploymentWindow, decision.id_span, format!("decision `{}` has no deployment window", decision.id))
                    .label("for how long does this decision hold?")
                    .help("add `window: 2026-01-01 to 2026-06-30`: the case must be re-assessed when it ends"),
            );
        }
    }
}

fn outcomes(cx: &mut Checker) {
    let outcomes: Vec<ElementId> = cx
        .case
        .of_kind(ElementKind::Outcome)
        .map(|(id, _)| id)
        .collect();
    if outcomes.is_empty() && !cx.case.has_unparsed(ElementKind::Outcome) {
        let span = cx.file_span();
        cx.report(
            Diagnostic::new(Code::NoOutcomes, span, "the case declares no unacceptable outcome")
                .label("what must this deployment not cause?")
                .help("declare what the case rules out: `outcome exfiltration \"Model weights leave the lab\"`"),
        );
    }
    let mut addressed = HashSet::new();
    for (id, claim) in cx.case.of_kind(ElementKind::Claim) {
        if cx.graph.reachable[id.index()] || cx.graph.top.is_none() {
            for outcome in claim.claim().into_iter().flat_map(|c| &c.addresses) {
                addressed.extend(outcome.target);
            }
        }
    }
    for outcome in outcomes {
        if addressed.contains(&outcome) {
            continue;
        }
        let element = cx.case.get(outcome);
        cx.report(
            Diagnostic::new(Code::OutcomeNotAddressed, element.id_span, format!("no claim in the argument addresses outcome `{}`", element.id))
                .label("nothing rules this outcome out")
                .help(format!(
                    "add a claim with `addresses: {}` under the top claim, arguing the outcome will not occur",
                    element.id
                )),
        );
    }
}

fn assumptions(cx: &mut Checker) {
    let unjustified: Vec<_> = cx
        .case
        .of_kind(ElementKind::Assumption)
        .filter(|(_, a)| a.supported_by.is_empty())
        .map(|(_, a)| (a.id.clone(), a.id_span))
        .collect();
    for (id, span) in unjustified {
        cx.report(
            Diagnostic::new(Code::UnjustifiedAssumption, span, format!("assumption `{id}` is not justified"))
                .label("assumed, but nothing supports it")
                .help("add `supported by:` with the claims, arguments or evidence that justify it (the paper requires every deployment assumption to be justified)"),
        );
    }
}

fn subsystems(cx: &mut Checker) {
    let case = cx.case;
    let subsystems: Vec<ElementId> = case
        .of_kind(ElementKind::Subsystem)
        .map(|(id, _)| id)
        .collect();
    let mut grouped = HashSet::new();
    for id in &subsystems {
        for component in case
            .get(*id)
            .subsystem()
            .into_iter()
            .flat_map(|s| &s.components)
        {
            grouped.extend(component.target);
        }
    }
    for (id, component) in case.of_kind(ElementKind::Component) {
        let is_ai = component
            .component()
            .and_then(|c| c.kind.as_ref())
            .is_some_and(|k| k.value == ComponentKind::Ai);
        if is_ai && !grouped.contains(&id) {
            cx.report(
                Diagnostic::new(Code::ComponentOutsideSubsystem, component.id_span, format!("AI component `{}` belongs to no subsystem", component.id))
                    .label("its risk is assessed nowhere")
                    .help(format!(
                        "list it in a subsystem with the components it interacts with: `subsystem s \"…\" {{ components: {} }}`",
                        component.id
                    )),
            );
        }
    }

    let outcomes: Vec<ElementId> = case
        .of_kind(ElementKind::Outcome)
        .map(|(id, _)| id)
        .collect();
    let mut covered: HashSet<(ElementId, ElementId)> = HashSet::new();
    let mut joint: HashSet<ElementId> = HashSet::new();
    for (_, element) in case.of_kind(ElementKind::Claim) {
        let Some(claim) = element.claim() else {
            continue;
        };
        for outcome in claim.addresses.iter().filter_map(|o| o.target) {
            if claim.joint.is_some() {
                joint.insert(outcome);
            }
            for subject in claim.about.iter().filter_map(|a| a.target) {
                covered.insert((subject, outcome));
            }
        }
    }
    for subsystem in &subsystems {
        for outcome in &outcomes {
            if covered.contains(&(*subsystem, *outcome)) {
                continue;
            }
            let (s, o) = (case.get(*subsystem), case.get(*outcome));
            cx.report(
                Diagnostic::new(
                    Code::UncoveredSubsystemOutcome,
                    s.id_span,
                    format!(
                        "no claim argues that subsystem `{}` cannot cause outcome `{}`",
                        s.id, o.id
                    ),
                )
                .label("its risk for this outcome is not assessed")
                .secondary(o.id_span, "the outcome is declared here")
                .help(format!(
                    "add a claim with `about: {}` and `addresses: {}`",
                    s.id, o.id
                )),
            );
        }
    }
    if subsystems.len() >= 2 {
        for outcome in outcomes.iter().filter(|o| !joint.contains(o)) {
            let o = case.get(*outcome);
            cx.report(
                Diagnostic::new(
                    Code::MissingJointClaim,
                    o.id_span,
                    format!(
                        "no claim argues that the {} subsystems cannot jointly cause outcome `{}`",
                        subsystems.len(),
                        o.id
                    ),
                )
                .label("collusion and correlated failures are not addressed")
                .help(format!(
                    "add a claim marked `joint` with `addresses: {}`",
                    o.id
                )),
            );
        }
    }
}
