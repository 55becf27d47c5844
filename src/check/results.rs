//! Results against their criteria: evidence that states what it found and
//! the pre-registered criterion (`result:`, `trials:`, `criterion:`,
//! `refutes:`) must be well formed (E0102), and must not refute the claim
//! it is cited for (E0609). The comparison itself is
//! [`crate::analysis::results`], which the emitters share.

use super::Checker;
use crate::analysis::results::{compare, describe_margin, describe_result};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::ElementKind;

pub fn check(cx: &mut Checker) {
    let case = cx.case;
    for (id, element) in case.of_kind(ElementKind::Evidence) {
        let Some(attrs) = element.evidence() else {
            continue;
        };
        // A value already reported as unusable: what is missing because of
        // it is not reported again.
        if ["result", "trials", "criterion", "refutes"]
            .iter()
            .any(|key| case.rejected(id, key))
        {
            continue;
        }
        let comparison = match compare(attrs) {
            Ok(Some(c)) => c,
            Ok(None) => continue,
            Err(problem) => {
                cx.report(
                    Diagnostic::new(Code::InvalidValue, problem.span, problem.message)
                        .label(problem.label)
                        .help(problem.help),
                );
                continue;
            }
        };
        if !comparison.refuted {
            continue;
        }
        let (Some(result), Some(criterion)) = (&attrs.result, &attrs.criterion) else {
            continue;
        };
        let found = describe_result(attrs).unwrap_or_default();
        let parents = &cx.graph.parents[id.index()];
        let cited_for = if parents.is_empty() {
            String::new()
        } else {
            format!(" ({})", cx.ids(parents, 3))
        };
        let mut diagnostic = Diagnostic::new(
            Code::ResultRefutesClaim,
            result.span,
            format!(
                "evidence `{}` found {found}, {} its criterion {}: it refutes what it is cited for{cited_for}",
                element.id,
                comparison.refutes.phrase(),
                criterion.value.written
            ),
        )
        .label(format!(
            "on the refuting side: margin {}",
            describe_margin(&comparison)
        ))
        .secondary(
            criterion.span,
            format!(
                "a result {} this refutes the claim",
                comparison.refutes.phrase()
            ),
        );
        for parent in parents.iter().take(3) {
            let p = case.get(*parent);
            diagnostic = diagnostic.secondary(p.id_span, format!("`{}` cites it", p.id));
        }
        cx.report(diagnostic.help(
            "the evaluation found what the pre-registered criterion counts against the claim; do not move the criterion after the fact: argue the outcome another way (e.g. control measures instead of inability) or cite a new evaluation",
        ));
    }
}
