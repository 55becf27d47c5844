//! Quick fixes: the fixes casec's findings carry (see
//! [`crate::diagnostic::Fix`]) as LSP code actions. A safe fix is marked
//! preferred, so an editor's "fix all" or "apply preferred" takes it; a
//! suggested one is offered for the author to choose.

use super::{convert, diagnostics};
use crate::diagnostic::Applicability;
use crate::Compilation;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The quick fixes of the findings whose primary range meets the range asked
/// about, in the order of the findings.
pub(crate) fn code_actions(
    compilation: &Compilation,
    uri: &Uri,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let wanted = params.context.only.as_ref().is_none_or(|only| {
        only.iter()
            .any(|kind| CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str()))
    });
    if !wanted {
        return Vec::new();
    }
    let start = convert::offset(compilation, params.range.start) as u32;
    let end = convert::offset(compilation, params.range.end) as u32;
    let lsp = diagnostics::to_lsp(compilation, uri);
    let mut actions = Vec::new();
    for (d, shown) in compilation.diagnostics.iter().zip(lsp) {
        let span = d.primary.span;
        if span.file != compilation.file || span.start > end || start > span.end {
            continue;
        }
        for fix in &d.fixes {
            let edits = fix
                .edits
                .iter()
                .map(|edit| {
                    TextEdit::new(
                        convert::range(compilation, edit.span),
                        edit.replacement.clone(),
                    )
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.message.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..Default::default()
            }));
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};
    use lsp_types::{CodeActionContext, Position, Range, TextDocumentIdentifier};

    fn params(uri: &Uri, range: Range) -> CodeActionParams {
        CodeActionParams {
            text_document: TextDocumentIdentifier { uri: uri.clone() },
            range,
            context: CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        }
    }

    #[test]
    fn a_misspelt_reference_gets_a_preferred_quick_fix_in_utf16_columns() {
        let text = "claim c \"Ünï 𝔘\" { supported by: evidnce }\nevidence evidence \"E\"\n";
        let compilation = compile("t.case", text, Options::default());
        let uri: Uri = "file:///t.case".parse().unwrap();
        let at = Position::new(0, 33);
        let actions = code_actions(&compilation, &uri, &params(&uri, Range::new(at, at)));
        let [CodeActionOrCommand::CodeAction(action)] = actions.as_slice() else {
            panic!("{actions:#?}");
        };
        assert_eq!(action.title, "replace with `evidence`");
        assert_eq!(action.is_preferred, Some(true));
        let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        // `𝔘` is two UTF-16 units: one more than the characters before.
        let chars = text[..text.find("evidnce").unwrap()].chars().count() as u32;
        assert_eq!(edits[0].range.start, Position::new(0, chars + 1));
        assert_eq!(edits[0].new_text, "evidence");
        // Elsewhere in the file: nothing.
        let far = Position::new(1, 0);
        assert!(code_actions(&compilation, &uri, &params(&uri, Range::new(far, far))).is_empty());
    }
}
