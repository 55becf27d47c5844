//! Macrosystem risk with substance (the paper's step 6): a joint claim for
//! subsystems that share a model or a monitor must show, below it, the
//! topics that address that shared cause (W0410). That no channel connects
//! the subsystems says nothing about copies of one model coordinating
//! without one, or about one monitor failing for all of them.

use super::Checker;
use crate::analysis::identity::{model_of, same_model};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ElementId, ElementKind};
use std::collections::HashSet;

/// What the subsystems of a joint claim can share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sharing {
    /// Components in different subsystems run one model.
    Model,
    /// One monitor (or monitors that run one model) watches several
    /// subsystems, or a component is part of several.
    Monitor,
}

/// Which topics a joint claim must show for each kind of sharing: the one
/// place this is stated. The topics, with their texts, are the prelude's
/// (`src/prelude.case`), which a case may override.
const REQUIRED: &[(Sharing, &[&str])] = &[
    (
        Sharing::Model,
        &["coordination_without_channel", "collective_strategies"],
    ),
    (Sharing::Monitor, &["shared_monitor_failure"]),
];

/// The roles whose component monitors the others: the same one bound in
/// arguments of two subsystems is a monitor they share.
const MONITOR_ROLES: &[&str] = &["watchdog", "untrusted_monitor"];

/// One shared cause between two subsystems, for the message.
struct Shared {
    kind: Sharing,
    subsystems: (ElementId, ElementId),
    /// The component(s) shared: one when it is the same component, two when
    /// they run one model.
    components: (ElementId, ElementId),
}

pub fn check(cx: &mut Checker) {
    let case = cx.case;
    let all_subsystems: Vec<ElementId> = case
        .of_kind(ElementKind::Subsystem)
        .map(|(id, _)| id)
        .collect();
    if all_subsystems.len() < 2 {
        return;
    }
    let members = |s: ElementId| -> Vec<ElementId> {
        case.get(s)
            .subsystem()
            .into_iter()
            .flat_map(|s| &s.components)
            .filter_map(|c| c.target)
            .collect()
    };
    let monitors: Vec<(ElementId, Vec<ElementId>)> = all_subsystems
        .iter()
        .map(|s| (*s, monitors_of(cx, *s, &members(*s))))
        .collect();
    let watching = |s: ElementId| -> &[ElementId] {
        monitors
            .iter()
            .find(|(id, _)| *id == s)
            .map_or(&[], |(_, m)| m.as_slice())
    };

    for (claim_id, element) in case.of_kind(ElementKind::Claim) {
        let Some(claim) = element.claim() else {
            continue;
        };
        let named: Vec<ElementId> = claim
            .about
            .iter()
            .filter_map(|r| r.target)
            .filter(|t| case.get(*t).kind == ElementKind::Subsystem)
            .collect();
        let subsystems = match (claim.joint.is_some(), named.len()) {
            (_, 2..) => named,
            (true, _) => all_subsystems.clone(),
            (false, _) => continue,
        };
        let mut shared: Vec<Shared> = Vec::new();
        for (i, &a) in subsystems.iter().enumerate() {
            for &b in &subsystems[i + 1..] {
                let (ma, mb) = (members(a), members(b));
                for &x in &ma {
                    for &y in &mb {
                        let kind = if x == y {
                            Sharing::Monitor
                        } else if same_model(case, x, y) {
                            Sharing::Model
                        } else {
                            continue;
                        };
                        shared.push(Shared {
                            kind,
                            subsystems: (a, b),
                            components: (x, y),
                        });
                    }
                }
                for &x in watching(a) {
                    for &y in watching(b) {
                        if x == y || same_model(case, x, y) {
                            shared.push(Shared {
                                kind: Sharing::Monitor,
                                subsystems: (a, b),
                                components: (x, y),
                            });
                        }
                    }
                }
            }
        }
        if shared.is_empty() {
            continue;
        }
        let shown = shown_below(cx, claim_id);
        for (kind, topics) in REQUIRED {
            let of_kind: Vec<&Shared> = shared.iter().filter(|s| s.kind == *kind).collect();
            let Some(first) = of_kind.first() else {
                continue;
            };
            let missing: Vec<ElementId> = topics
                .iter()
                .filter_map(|name| case.definition(name))
                .filter(|topic| !shown.contains(topic))
                .collect();
            if !missing.is_empty() {
                cx.report(finding(cx, claim_id, first, of_kind.len() - 1, &missing));
            }
        }
    }
}

/// The components bound to a monitoring role in arguments of subsystem `s`:
/// arguments under a claim about `s` or one of its members, or that bind a
/// member of `s` to another role.
fn monitors_of(cx: &Checker, s: ElementId, members: &[ElementId]) -> Vec<ElementId> {
    let case = cx.case;
    let mut out = Vec::new();
    for (id, element) in case.of_kind(ElementKind::Argument) {
        let Some(argument) = element.argument() else {
            continue;
        };
        let monitor = |b: &&crate::ir::RoleBinding| MONITOR_ROLES.contains(&b.role.name.as_str());
        let under_claim_about_s = cx.graph.parents[id.index()].iter().any(|p| {
            case.get(*p).claim().is_some_and(|c| {
                c.joint.is_none()
                    && c.about
                        .iter()
                        .filter_map(|r| r.target)
                        .any(|t| t == s || members.contains(&t))
            })
        });
        let binds_member = argument
            .roles
            .iter()
            .filter(|b| !monitor(b))
            .filter_map(|b| b.component.target)
            .any(|c| members.contains(&c));
        if !(under_claim_about_s || binds_member) {
            continue;
        }
        for binding in argument.roles.iter().filter(monitor) {
            if let Some(component) = binding.component.target {
                if !out.contains(&component) {
                    out.push(component);
                }
            }
        }
    }
    out
}

/// The topics shown by the claim or anything in its support, transitively.
fn shown_below(cx: &Checker, claim: ElementId) -> HashSet<ElementId> {
    let mut shown = HashSet::new();
    let mut seen = vec![false; cx.case.elements.len()];
    let mut stack = vec![claim];
    while let Some(node) = stack.pop() {
        if std::mem::replace(&mut seen[node.index()], true) {
            continue;
        }
        shown.extend(cx.case.get(node).shows.iter().filter_map(|t| t.target));
        stack.extend(cx.graph.children[node.index()].iter().copied());
    }
    shown
}

fn finding(
    cx: &Checker,
    claim: ElementId,
    shared: &Shared,
    more: usize,
    missing: &[ElementId],
) -> Diagnostic {
    let case = cx.case;
    let name = |id: ElementId| case.get(id).id.as_str();
    let (a, b) = shared.subsystems;
    let (x, y) = shared.components;
    let what = match (shared.kind, x == y) {
        (Sharing::Model, _) => format!(
            "`{a}` and `{b}` run one model (`{x}` and `{y}`)",
            a = name(a),
            b = name(b),
            x = name(x),
            y = name(y)
        ),
        (Sharing::Monitor, true) => format!(
            "`{a}` and `{b}` share `{x}`",
            a = name(a),
            b = name(b),
            x = name(x)
        ),
        (Sharing::Monitor, false) => format!(
            "`{a}` and `{b}` are monitored by `{x}` and `{y}`, which run one model",
            a = name(a),
            b = name(b),
            x = name(x),
            y = name(y)
        ),
    };
    let more = match more {
        0 => String::new(),
        n => format!(" (and {n} more shared)"),
    };
    let element = case.get(claim);
    let topics: Vec<String> = missing.iter().map(|t| format!("`{}`", name(*t))).collect();
    let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
    let either = crate::ir::properties::join_or(&topics);
    let mut diagnostic = Diagnostic::new(
        Code::SharedCauseNotAddressed,
        element.id_span,
        format!(
            "joint claim `{}` does not show {either}, but {what}{more}",
            element.id
        ),
    )
    .label(match shared.kind {
        Sharing::Model => "copies of one model can fail together without a channel",
        Sharing::Monitor => "one monitor failing leaves them all unwatched",
    });
    for component in if x == y { vec![x] } else { vec![x, y] } {
        let c = case.get(component);
        diagnostic = match model_of(case, component) {
            Some(version) if shared.kind == Sharing::Model || x != y => {
                diagnostic.secondary(version.span, format!("`{}` runs `{}`", c.id, version.value))
            }
            _ => diagnostic.secondary(c.id_span, format!("`{}` is declared here", c.id)),
        };
    }
    for topic in missing {
        let t = case.get(*topic);
        diagnostic = diagnostic.note(format!("`{}`: {}", t.id, t.text()));
    }
    let list: Vec<&str> = missing.iter().map(|t| name(*t)).collect();
    diagnostic.help(format!(
        "support `{}` with claims or evidence marked `shows: {}`; that no channel connects the subsystems does not address {}",
        element.id,
        list.join(", "),
        if missing.len() == 1 { "it" } else { "them" }
    ))
}
