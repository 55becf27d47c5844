//! casec diagnostics as LSP diagnostics: the same codes and messages as
//! `casec check`, with notes and help on the lines after the message and
//! secondary labels as related information.

use super::convert;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span};
use crate::Compilation;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

pub(crate) fn to_lsp(compilation: &Compilation, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
    let own = |d: &&Diagnostic| compilation.sources.real(d.primary.span.file) == compilation.file;
    let own: Vec<Diagnostic> = compilation
        .diagnostics
        .iter()
        .filter(own)
        .cloned()
        .collect();
    to_lsp_in(&compilation.sources, &own, |span| {
        convert::location(compilation, uri, span)
    })
}

/// The diagnostics of the document `uri`'s compilation that are located in
/// the other files of its project (the modules it imports), by file.
pub(crate) fn elsewhere(
    compilation: &Compilation,
    uri: &Uri,
) -> Vec<(Uri, Vec<lsp_types::Diagnostic>)> {
    let mut by_file: std::collections::BTreeMap<String, (Uri, Vec<lsp_types::Diagnostic>)> =
        Default::default();
    for d in &compilation.diagnostics {
        let file = compilation.sources.real(d.primary.span.file);
        if file == compilation.file {
            continue;
        }
        let Some(target) = convert::file_uri(compilation, uri, file) else {
            continue;
        };
        let locate = |span| convert::location(compilation, uri, span);
        by_file
            .entry(target.as_str().to_string())
            .or_insert_with(|| (target.clone(), Vec::new()))
            .1
            .push(convert_one(&compilation.sources, &locate, d));
    }
    by_file.into_values().collect()
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
