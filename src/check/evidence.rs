//! Evidence: every piece of evidence names the artifact it is.

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::ir::ElementKind;

pub fn check(cx: &mut Checker) {
    let bare: Vec<_> = cx
        .case
        .of_kind(ElementKind::Evidence)
        .filter(|(_, e)| e.evidence().is_some_and(|a| a.artifact.is_none()))
        .map(|(_, e)| (e.id.clone(), e.id_span))
        .collect();
    for (id, span) in bare {
        cx.report(
            Diagnostic::new("W0601", span, format!("evidence `{id}` names no artifact"))
                .label("a reviewer cannot find what this evidence is")
                .help(
                    "add `artifact: \"path/to/report.json\"` (relative to the case file) or a URL",
                ),
        );
    }
}
