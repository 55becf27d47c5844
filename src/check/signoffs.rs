//! Review sign-offs: each names what was reviewed, by whom and when (E0806),
//! and its binding still matches what the element is now (W0805).

use super::Checker;
use crate::analysis::signoff;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::ElementKind;

pub fn check(cx: &mut Checker) {
    let signoffs: Vec<_> = cx
        .case
        .of_kind(ElementKind::Signoff)
        .map(|(id, _)| id)
        .collect();
    for id in signoffs {
        let element = cx.case.get(id);
        let Some(attrs) = element.signoff() else {
            continue;
        };
        let mut missing: Vec<&str> = Vec::new();
        for (key, given) in [
            ("of", attrs.of.is_some()),
            (
                "reviewer",
                attrs
                    .reviewer
                    .as_ref()
                    .is_some_and(|r| !r.value.trim().is_empty()),
            ),
            ("date", attrs.date.is_some()),
        ] {
            if !given && !cx.case.rejected(id, key) {
                missing.push(key);
            }
        }
        if !missing.is_empty() {
            let keys: Vec<String> = missing.iter().map(|k| format!("`{k}:`")).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            cx.report(
                Diagnostic::new(
                    Code::IncompleteSignoff,
                    element.id_span,
                    format!(
                        "sign-off `{}` has no {}",
                        element.id,
                        crate::ir::properties::join_or(&keys)
                    ),
                )
                .label("what was reviewed, by whom and when?")
                .help("a sign-off says `of: ELEMENT`, `reviewer: \"who\"` and `date: YYYY-MM-DD`"),
            );
        }
        let Some(review) = signoff::review(cx.case, cx.graph, cx.analysis.integrity.as_ref(), id)
        else {
            continue;
        };
        if review.current {
            continue;
        }
        let of = cx.case.get(review.of);
        let sign = format!("casec evidence sign FILE {}", element.id);
        let diagnostic = match &attrs.sha256 {
            None => Diagnostic::new(
                Code::StaleSignoff,
                element.id_span,
                format!(
                    "sign-off `{}` of `{}` is not bound to what was reviewed",
                    element.id, of.id
                ),
            )
            .label("no `sha256:` binding yet")
            .help(format!(
                "when the reviewer signs off, record the binding: `{sign}`"
            )),
            Some(recorded) => {
                let mut d = Diagnostic::new(
                    Code::StaleSignoff,
                    recorded.span,
                    format!(
                        "sign-off `{}` of `{}` is stale: {} changed since the review",
                        element.id,
                        of.id,
                        if review.changed_artifacts.is_empty() {
                            "its text, its support or an artifact's recorded digest"
                        } else {
                            "an artifact it rests on"
                        }
                    ),
                )
                .label("bound to what was reviewed, which is no longer what the case says")
                .secondary(
                    of.id_span,
                    format!("`{}` as it stands has not been reviewed", of.id),
                );
                for artifact in review.changed_artifacts.iter().take(4) {
                    let evidence = cx.case.get(*artifact);
                    d = d.secondary(
                        evidence.id_span,
                        format!("the artifact of `{}` changed", evidence.id),
                    );
                }
                d.note(format!("the content bound now is sha256 {}", review.binding))
                    .help(format!(
                        "ask the reviewer to review `{}` again, then record the new binding: `{sign}`; `casec evidence lock` never refreshes a sign-off",
                        of.id
                    ))
            }
        };
        cx.report(diagnostic);
    }
}
