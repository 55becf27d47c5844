//! Framework: the paper's six steps. A header and a decision with a window;
//! outcomes, each addressed; justified assumptions; subsystems covering every
//! AI component and every (subsystem, outcome) pair; joint claims.

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ComponentKind, ElementId, ElementKind};
use std::collections::{HashMap, HashSet};

pub fn check(cx: &mut Checker) {
    header_and_decision(cx);
    let coverage = Coverage::new(cx);
    outcomes(cx, &coverage);
    assumptions(cx);
    subsystems(cx, &coverage);
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

/// What a claim can discharge: the outcomes it addresses, for the
/// subsystems it is about, alone or jointly.
struct ClaimCoverage {
    claim: ElementId,
    /// Reached from the top claim (see [`Checker::counts`]).
    counts: bool,
    /// Marked `joint`, or about several subsystems: it argues their joint
    /// risk, so it discharges the joint obligation and no subsystem's own.
    joint: bool,
    about: Vec<ElementId>,
}

/// Every claim's coverage, indexed by outcome and by (subject, outcome), so
/// that each obligation is looked up, not searched for.
#[derive(Default)]
struct Coverage {
    claims: Vec<ClaimCoverage>,
    by_outcome: HashMap<ElementId, Vec<usize>>,
    by_pair: HashMap<(ElementId, ElementId), Vec<usize>>,
}

impl Coverage {
    fn new(cx: &Checker) -> Coverage {
        let mut coverage = Coverage::default();
        for (id, element) in cx.case.of_kind(ElementKind::Claim) {
            let Some(claim) = element.claim() else {
                continue;
            };
            let about: Vec<ElementId> = claim.about.iter().filter_map(|r| r.target).collect();
            let subsystems = about
                .iter()
                .filter(|a| cx.case.get(**a).kind == ElementKind::Subsystem)
                .count();
            let index = coverage.claims.len();
            for outcome in claim.addresses.iter().filter_map(|r| r.target) {
                coverage.by_outcome.entry(outcome).or_default().push(index);
                for subject in &about {
                    coverage
                        .by_pair
                        .entry((*subject, outcome))
                        .or_default()
                        .push(index);
                }
            }
            coverage.claims.push(ClaimCoverage {
                claim: id,
                counts: cx.counts(id),
                joint: claim.joint.is_some() || subsystems > 1,
                about,
            });
        }
        coverage
    }

    fn pick<'a>(
        &'a self,
        indices: Option<&'a Vec<usize>>,
    ) -> impl Iterator<Item = &'a ClaimCoverage> + Clone {
        indices.into_iter().flatten().map(|i| &self.claims[*i])
    }

    /// The claims that address `outcome`.
    fn addressing(&self, outcome: ElementId) -> impl Iterator<Item = &ClaimCoverage> + Clone {
        self.pick(self.by_outcome.get(&outcome))
    }

    /// The claims about `subject` that address `outcome`.
    fn bearing(
        &self,
        subject: ElementId,
        outcome: ElementId,
    ) -> impl Iterator<Item = &ClaimCoverage> + Clone {
        self.pick(self.by_pair.get(&(subject, outcome)))
    }
}

/// Name the claim that would discharge an obligation but is not part of the
/// argument, so that the fix is to link it rather than to write it again.
fn unreached(cx: &Checker, diagnostic: Diagnostic, claim: ElementId) -> Diagnostic {
    cx.not_relied_on(
        diagnostic,
        claim,
        "would count",
        "the claim or argument it supports",
    )
}

fn outcomes(cx: &mut Checker, coverage: &Coverage) {
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
    // A claim that did not parse may be the one that addresses an outcome:
    // its syntax error is the finding, not the outcomes it leaves open.
    if cx.case.has_unparsed(ElementKind::Claim) {
        return;
    }
    for outcome in outcomes {
        let mut addressing = coverage.addressing(outcome);
        if addressing.clone().any(|c| c.counts) {
            continue;
        }
        let element = cx.case.get(outcome);
        let diagnostic = Diagnostic::new(
            Code::OutcomeNotAddressed,
            element.id_span,
            format!(
                "no claim in the argument addresses outcome `{}`",
                element.id
            ),
        )
        .label("nothing rules this outcome out");
        let diagnostic = match addressing.next() {
            Some(unreached_claim) => unreached(cx, diagnostic, unreached_claim.claim),
            None => diagnostic.help(format!(
                "add a claim with `addresses: {}` under the top claim, arguing the outcome will not occur",
                element.id
            )),
        };
        cx.report(diagnostic);
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

fn subsystems(cx: &mut Checker, coverage: &Coverage) {
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
        let deployed = component
            .component()
            .is_none_or(|c| c.not_deployed.is_none());
        if is_ai && deployed && !grouped.contains(&id) {
            cx.report(
                Diagnostic::new(Code::ComponentOutsideSubsystem, component.id_span, format!("AI component `{}` belongs to no subsystem", component.id))
                    .label("its risk is assessed nowhere")
                    .help(format!(
                        "list it in a subsystem with the components it interacts with: `subsystem s \"…\" {{ components: {} }}`, or, if it only helps make the case (an advisor consulted in evaluation, a red-team model), mark it `not_deployed`",
                        component.id
                    )),
            );
        }
    }

    // As for outcomes: a claim that did not parse may cover any pair.
    if case.has_unparsed(ElementKind::Claim) {
        return;
    }
    let outcomes: Vec<ElementId> = case
        .of_kind(ElementKind::Outcome)
        .map(|(id, _)| id)
        .collect();
    for subsystem in &subsystems {
        for outcome in &outcomes {
            let bearing = || coverage.bearing(*subsystem, *outcome);
            if bearing().any(|c| c.counts && !c.joint) {
                continue;
            }
            let (s, o) = (case.get(*subsystem), case.get(*outcome));
            let diagnostic = Diagnostic::new(
                Code::UncoveredSubsystemOutcome,
                s.id_span,
                format!(
                    "no claim argues that subsystem `{}` cannot cause outcome `{}`",
                    s.id, o.id
                ),
            )
            .label("its risk for this outcome is not assessed")
            .secondary(o.id_span, "the outcome is declared here");
            let own_claim_help = |own: &str| {
                format!(
                    "add a claim{own} with `about: {}` and `addresses: {}`, under the top claim",
                    s.id, o.id
                )
            };
            // An own claim left out of the argument is the likelier fix.
            let diagnostic = if let Some(own) = bearing().find(|c| !c.joint) {
                unreached(cx, diagnostic, own.claim)
            } else if let Some(joint) = bearing().find(|c| c.counts) {
                let claim = case.get(joint.claim);
                diagnostic
                    .secondary(claim.id_span, "this claim argues joint risk")
                    .note(format!(
                        "`{}` {}: it argues the subsystems' joint risk, not that `{}` alone cannot cause `{}`",
                        claim.id,
                        if claim.claim().is_some_and(|c| c.joint.is_some()) {
                            "is marked `joint`".to_string()
                        } else {
                            format!("is about {} together", cx.ids(&joint.about, 4))
                        },
                        s.id,
                        o.id
                    ))
                    .help(own_claim_help(" of its own"))
            } else {
                diagnostic.help(own_claim_help(""))
            };
            cx.report(diagnostic);
        }
    }
    if subsystems.len() >= 2 {
        for outcome in &outcomes {
            let joint = || coverage.addressing(*outcome).filter(|c| c.joint);
            if joint().any(|c| c.counts) {
                continue;
            }
            let o = case.get(*outcome);
            let diagnostic = Diagnostic::new(
                Code::MissingJointClaim,
                o.id_span,
                format!(
                    "no claim argues that the {} subsystems cannot jointly cause outcome `{}`",
                    subsystems.len(),
                    o.id
                ),
            )
            .label("collusion and correlated failures are not addressed");
            let diagnostic = match joint().next() {
                Some(unreached_claim) => unreached(cx, diagnostic, unreached_claim.claim),
                None => diagnostic.help(format!(
                    "add a claim marked `joint` with `addresses: {}`",
                    o.id
                )),
            };
            cx.report(diagnostic);
        }
    }
}
