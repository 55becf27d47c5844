//! casec diagnostics as LSP diagnostics: the same codes and messages as
//! `casec check`, with notes and help on the lines after the message and
//! secondary labels as related information.

use super::convert;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span};
use crate::Compilation;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

pub(crate) fn to_lsp(compilation: &Compilation, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
    to_lsp_in(&compilation.sources, &compilation.diagnostics, |span| {
        convert::location(compilation, uri, span)
    })
}

/// Diagnostics located in `sources` (a case, or a `casec.toml`); `locate`
/// places secondary labels.
pub(crate) fn to_lsp_in(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    locate: impl Fn(Span) -> Option<Location>,
) -> Vec<lsp_types::Diagnostic> {
    diagnostics
        .iter()
        .map(|d| convert_one(sources, &locate, d))
        .collect()
}

fn convert_one(
    sources: &SourceMap,
    locate: &impl Fn(Span) -> Option<Location>,
    d: &Diagnostic,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: locate(label.span)?,
                message: label.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: convert::range_in(sources, d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("casec".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::{compile, Options};

    #[test]
    fn codes_help_and_secondary_labels_carry_over() {
        let text = "claim a \"x\"\nclaim a \"y\"\n";
        let compilation = compile("t.case", text, Options::default());
        let uri: Uri = "file:///t.case".parse().unwrap();
        let diagnostics = to_lsp(&compilation, &uri);
        let twice = diagnostics
            .iter()
            .find(|d| d.code == Some(NumberOrString::String(Code::DuplicateId.to_string())))
            .unwrap();
        assert_eq!(twice.range.start.line, 1);
        assert!(twice
            .message
            .starts_with("the id `a` is declared twice\nhelp: "));
        let related = twice.related_information.as_ref().unwrap();
        assert_eq!(related[0].location.range.start.line, 0);
        assert_eq!(related[0].location.uri, uri);
    }
}
