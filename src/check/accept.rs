//! Warnings accepted in review: an item's `accept: "RULE: reason"` takes the
//! findings of that rule located on the item out of the count (even under
//! `--strict`) and keeps them, with the reason, for the summary, the JSON and
//! the review. An acceptance that accepts nothing, or that names a finding
//! which is an error here, is itself an error (E0107), so an acceptance
//! cannot outlive the warning it was written for.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{Case, ElementId, ElementKind, Origin};
use crate::source::Span;

/// A finding a reviewer accepted, and why.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub diagnostic: Diagnostic,
    pub reason: String,
    /// The item the acceptance is written on, and where.
    pub element: ElementId,
    pub at: Span,
}

/// Moves the accepted warnings out of `diagnostics`, and adds a finding for
/// each acceptance that accepts nothing.
pub fn apply(case: &Case, diagnostics: &mut Vec<Diagnostic>) -> Vec<Accepted> {
    let mut accepted = Vec::new();
    let mut taken = vec![false; diagnostics.len()];
    let mut unused = Vec::new();
    for (id, element) in case
        .case_elements()
        .filter(|(_, e)| e.origin == Origin::Case)
    {
        for acceptance in &element.accepts {
            let on_item = |d: &Diagnostic| {
                d.code == acceptance.code
                    && d.primary.span.file == element.span.file
                    && d.primary.span.start >= element.span.start
                    && d.primary.span.end <= element.span.end
            };
            let mut matched = false;
            let mut error = None;
            for (i, d) in diagnostics.iter().enumerate() {
                if taken[i] || !on_item(d) {
                    continue;
                }
                if d.severity == Severity::Error {
                    error = Some(i);
                    continue;
                }
                taken[i] = true;
                matched = true;
                accepted.push(Accepted {
                    diagnostic: d.clone(),
                    reason: acceptance.reason.clone(),
                    element: id,
                    at: acceptance.span,
                });
            }
            if !matched {
                let kind = if element.kind == ElementKind::Case {
                    "the case header".to_string()
                } else {
                    format!("{} `{}`", element.kind.as_str(), element.id)
                };
                let code = acceptance.code;
                let diagnostic = if let Some(i) = error {
                    Diagnostic::new(
                        Code::UnusedAcceptance,
                        acceptance.span,
                        format!(
                            "`{}` is an error on {kind}, and errors cannot be accepted",
                            code.as_str()
                        ),
                    )
                    .label("accepts an error")
                    .secondary(diagnostics[i].primary.span, "the error")
                    .help("fix what the error says; only warnings are accepted in review")
                } else {
                    let diagnostic = Diagnostic::new(
                        Code::UnusedAcceptance,
                        acceptance.span,
                        format!(
                            "this accepts `{}` ({}), but {kind} has no such finding",
                            code.as_str(),
                            code.name()
                        ),
                    )
                    .label("accepts nothing");
                    // The same warning elsewhere is the likelier meaning.
                    match diagnostics.iter().find(|d| d.code == code && d.severity == Severity::Warning) {
                        Some(elsewhere) => diagnostic
                            .secondary(elsewhere.primary.span, format!("a `{}` finding is here", code.as_str()))
                            .help("move the acceptance to the item that finding is on: an acceptance covers the findings located on its own item"),
                        None => diagnostic.help("remove the acceptance: the warning it was written for is gone"),
                    }
                };
                unused.push(diagnostic);
            }
        }
    }
    let mut i = 0;
    diagnostics.retain(|_| {
        i += 1;
        !taken[i - 1]
    });
    diagnostics.extend(unused);
    accepted
}
