//! Freshness: evidence produced recently, not in the future, on the model
//! version the case is about; a deployment window that has not ended.
//! The checks that need the date run only when the caller gives one.

use super::identity::{self, Versions};
use super::Checker;
use super::DEFAULT_MAX_EVIDENCE_AGE;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ElementId, ElementKind};
use crate::syntax::Date;

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
                    Code::StaleEvidence,
                    date.span,
                    format!("evidence `{}` is {age} days old, more than the {max_age} days allowed", element.id),
                )
                .label(format!("produced {age} days before {today}"))
                .help("re-run it and update `date:`, or set `max_evidence_age` in the case header if older evidence is acceptable"),
            );
        } else if age < 0 {
            cx.report(
                Diagnostic::new(
                    Code::FutureEvidence,
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
                Code::WindowEnded,
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
    let has_model = |e: &crate::ir::Element| e.evidence().is_some_and(|a| a.model.is_some());
    if !case
        .of_kind(ElementKind::Evidence)
        .any(|(_, e)| has_model(e))
    {
        return;
    }
    let scopes = identity::scopes(cx, identity::Members::All);
    for (id, element) in case.of_kind(ElementKind::Evidence) {
        let Some(model) = element.evidence().and_then(|e| e.model.as_ref()) else {
            continue;
        };
        let versioned: Vec<ElementId> = scopes[id.index()]
            .iter()
            .copied()
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
                .is_some_and(|v| Versions::new(&v.value).overlap(Versions::new(&model.value)))
        };
        if versioned.is_empty() || versioned.iter().any(matches) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Code::ModelVersionMismatch,
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
