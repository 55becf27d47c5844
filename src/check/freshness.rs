//! Freshness: evidence produced recently, not in the future, on the model
//! version the case is about; a deployment window that has not ended.
//! The checks that need the date run only when the caller gives one.

use super::Checker;
use crate::compile::DEFAULT_MAX_EVIDENCE_AGE;
use crate::diagnostic::Diagnostic;
use crate::ir::{ElementId, ElementKind};
use crate::syntax::Date;
use std::collections::HashSet;

pub fn check(cx: &mut Checker) {
    if let Some(today) = cx.options.today {
        evidence_dates(cx, today);
        window_ended(cx, today);
    }
    model_versions(cx);
}

fn max_age(cx: &Checker) -> i64 {
    let declared = cx
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.max_evidence_age.as_ref())
        .map(|days| days.value as i64);
    cx.options
        .max_evidence_age
        .map(i64::from)
        .or(declared)
        .unwrap_or(i64::from(DEFAULT_MAX_EVIDENCE_AGE))
}

fn evidence_dates(cx: &mut Checker, today: Date) {
    let max_age = max_age(cx);
    let case = cx.case;
    for (_, element) in case.of_kind(ElementKind::Evidence) {
        let Some(date) = element.evidence().and_then(|e| e.date.as_ref()) else {
            continue;
        };
        let age = today.days() - date.value.days();
        if age > max_age {
            cx.report(
                Diagnostic::new(
                    "W0605",
                    date.span,
                    format!("evidence `{}` is {age} days old, more than the {max_age} days allowed", element.id),
                )
                .label(format!("produced {age} days before {today}"))
                .help("re-run it and update `date:`, or set `max_evidence_age` in the case header if older evidence is acceptable"),
            );
        } else if age < 0 {
            cx.report(
                Diagnostic::new(
                    "W0606",
                    date.span,
                    format!("evidence `{}` is dated {}, after the check date {today}", element.id, date.value),
                )
                .label("in the future")
                .help("fix the date; the check date is today unless `--today YYYY-MM-DD` gives another"),
            );
        }
    }
}

fn window_ended(cx: &mut Checker, today: Date) {
    let Some((_, decision)) = cx.case.decision() else {
        return;
    };
    let Some(window) = decision.decision().and_then(|d| d.window.as_ref()) else {
        return;
    };
    if window.value.end < today {
        cx.report(
            Diagnostic::new(
                "W0608",
                window.span,
                format!(
                    "the deployment window of `{}` ended on {}, before the check date {today}",
                    decision.id, window.value.end
                ),
            )
            .label("ended")
            .help("re-assess the case and give the decision a new window"),
        );
    }
}

/// Evidence that names a model version must match the version of a component
/// in its scope: what the nearest claims above it are `about` (subsystems
/// expanded), and the components bound to roles by the arguments between.
fn model_versions(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.of_kind(ElementKind::Evidence) {
        let Some(model) = element.evidence().and_then(|e| e.model.as_ref()) else {
            continue;
        };
        let versioned: Vec<ElementId> = scope(cx, id)
            .into_iter()
            .filter(|c| {
                case.get(*c)
                    .component()
                    .is_some_and(|a| a.version.is_some())
            })
            .collect();
        let matches = |c: &ElementId| {
            case.get(*c)
                .component()
                .and_then(|a| a.version.as_ref())
                .is_some_and(|v| v.value == model.value)
        };
        if versioned.is_empty() || versioned.iter().any(matches) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            "W0607",
            model.span,
            format!(
                "evidence `{}` was produced on model `{}`, not on the version the case is about",
                element.id, model.value
            ),
        )
        .label("another model version");
        for component in versioned.iter().take(3) {
            if let Some(version) = case
                .get(*component)
                .component()
                .and_then(|a| a.version.as_ref())
            {
                diagnostic = diagnostic.secondary(
                    version.span,
                    format!(
                        "`{}` is version `{}`",
                        case.get(*component).id,
                        version.value
                    ),
                );
            }
        }
        cx.report(diagnostic.help("re-run the evidence on the version under evaluation, or argue in a claim why the results carry over"));
    }
}

/// The components an evidence element speaks about, in a stable order.
fn scope(cx: &Checker, evidence: ElementId) -> Vec<ElementId> {
    let case = cx.case;
    let mut seen = HashSet::from([evidence]);
    let mut queue = vec![evidence];
    let mut components = Vec::new();
    let add = |id: ElementId, components: &mut Vec<ElementId>| {
        let target = case.get(id);
        match target.subsystem() {
            Some(s) => components.extend(s.components.iter().filter_map(|c| c.target)),
            None => components.push(id),
        }
    };
    let mut i = 0;
    while i < queue.len() {
        let node = queue[i];
        i += 1;
        let element = case.get(node);
        if let Some(argument) = element.argument() {
            for binding in &argument.roles {
                if let Some(component) = binding.component.target {
                    add(component, &mut components);
                }
            }
        }
        let about = element.claim().map_or(&[][..], |c| &c.about);
        if !about.is_empty() {
            for subject in about.iter().filter_map(|a| a.target) {
                add(subject, &mut components);
            }
            continue;
        }
        for parent in &cx.graph.parents[node.index()] {
            if seen.insert(*parent) {
                queue.push(*parent);
            }
        }
    }
    let mut unique = HashSet::new();
    components.retain(|c| unique.insert(*c));
    components
}
