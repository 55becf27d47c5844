//! Formatting a document with `casec fmt`'s formatter.

use super::convert;
use crate::format::{self, FormatError};
use crate::source::Span;
use crate::Compilation;
use lsp_types::TextEdit;

/// The edits that make the document canonical: none when it already is, one
/// replacing the whole text otherwise. A document with syntax errors is left
/// alone (`None`): its errors are already shown as diagnostics.
pub(crate) fn format_document(compilation: &Compilation) -> Result<Option<Vec<TextEdit>>, String> {
    let file = compilation.sources.get(compilation.file);
    match format::format_source(&file.name, &file.text) {
        Ok(formatted) if formatted == file.text => Ok(Some(Vec::new())),
        Ok(formatted) => {
            let whole = Span::new(compilation.file, 0, file.text.len());
            Ok(Some(vec![TextEdit::new(
                convert::range(compilation, whole),
                formatted,
            )]))
        }
        Err(FormatError::Invalid { .. }) => Ok(None),
        Err(FormatError::Unverified(why)) => Err(format!(
            "casec left the document untouched: {why} (a formatter bug; please report it)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    #[test]
    fn a_messy_document_is_replaced_whole_and_a_canonical_one_not_at_all() {
        let messy = "outcome   o \"O\"   // kept\n";
        let compilation = compile("x.case", messy, Options::default());
        let edits = format_document(&compilation).unwrap().unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].range.start, lsp_types::Position::new(0, 0));
        assert_eq!(edits[0].range.end, lsp_types::Position::new(1, 0));
        assert!(edits[0].new_text.contains("// kept"));
        let canonical = compile("x.case", edits[0].new_text.clone(), Options::default());
        assert_eq!(format_document(&canonical).unwrap(), Some(Vec::new()));
    }

    #[test]
    fn a_document_with_syntax_errors_is_left_alone() {
        let compilation = compile("x.case", "claim {", Options::default());
        assert_eq!(format_document(&compilation).unwrap(), None);
    }
}
