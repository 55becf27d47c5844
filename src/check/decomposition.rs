//! Decompositions over declared members (E0308): an argument `over:` a
//! context that lists `members:` (risk models, proxy tasks, outcomes,
//! subsystems …) needs, for each member, a premise that covers it. A premise
//! covers a context by being read `in context of` it, an outcome by
//! `addresses:`, a component or subsystem by `about:`. The list is declared
//! apart from the argument (where threat modelling put it), so a member left
//! out of the argument is found.

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{Element, ElementId, ElementKind};
use std::collections::HashSet;

pub fn check(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.case_elements() {
        let Some(over) = element.argument().and_then(|a| a.over.as_ref()) else {
            continue;
        };
        let Some(list) = over.target else {
            continue;
        };
        let members = case.get(list).context().map_or(&[][..], |c| &c.members);
        if members.is_empty() {
            cx.report(
                Diagnostic::new(
                    Code::MemberNotCovered,
                    over.span,
                    format!("`{}` decomposes over `{}`, which lists no members", element.id, over.name),
                )
                .label("nothing to decompose over")
                .secondary(case.get(list).id_span, "declared here without `members:`")
                .help(format!(
                    "list what `{}` enumerates on it: `members: m1, m2`, each a context, outcome, component or subsystem",
                    over.name
                )),
            );
            continue;
        }
        // Once per argument, so that a long list over many premises is not
        // members × premises.
        let covered: HashSet<ElementId> = cx.graph.children[id.index()]
            .iter()
            .flat_map(|p| covered_by(case.get(*p)))
            .collect();
        for member in members {
            let Some(target) = member.target else {
                continue;
            };
            if covered.contains(&target) {
                continue;
            }
            let kind = case.get(target).kind;
            cx.report(
                Diagnostic::new(
                    Code::MemberNotCovered,
                    over.span,
                    format!(
                        "`{}` argues over each member of `{}`, but no premise covers `{}`",
                        element.id, over.name, member.name
                    ),
                )
                .label(format!("`{}` is left out", member.name))
                .secondary(member.span, "listed here")
                .help(format!(
                    "support `{}` with a claim that has `{}: {}`",
                    element.id,
                    link_for(kind),
                    member.name
                )),
            );
        }
    }
}

/// The members a premise covers: what it reads as context, addresses or
/// is about.
fn covered_by(premise: &Element) -> impl Iterator<Item = ElementId> + '_ {
    let claim = premise.claim();
    premise
        .in_context_of
        .iter()
        .chain(
            claim
                .into_iter()
                .flat_map(|c| c.addresses.iter().chain(&c.about)),
        )
        .filter_map(|r| r.target)
}

/// The property by which a premise covers a member of this kind.
fn link_for(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Outcome => "addresses",
        ElementKind::Component | ElementKind::Subsystem => "about",
        _ => "in context of",
    }
}
