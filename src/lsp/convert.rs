//! Between casec's byte spans and LSP's zero-based lines and UTF-16 columns.

use super::prelude;
use crate::source::{FileId, SourceMap, Span};
use crate::Compilation;
use lsp_types::{Location, Position, Range, Uri};

/// The byte offset in the document of an LSP position (clamped to the text).
pub fn offset(compilation: &Compilation, position: Position) -> usize {
    compilation
        .sources
        .get(compilation.file)
        .offset_of_utf16(position.line, position.character)
}

/// The LSP range of a span, in whichever file it lies.
pub fn range(compilation: &Compilation, span: Span) -> Range {
    range_in(&compilation.sources, span)
}

/// The LSP range of a span in one of `sources`.
pub(crate) fn range_in(sources: &SourceMap, span: Span) -> Range {
    let file = sources.get(span.file);
    let (line, character) = file.utf16_position(span.start as usize);
    let (end_line, end_character) = file.utf16_position(span.end as usize);
    Range::new(
        Position::new(line, character),
        Position::new(end_line, end_character),
    )
}

/// Where a span is, for the client: the document itself, or the prelude's
/// read-only copy (`None` if that copy could not be written).
pub fn location(compilation: &Compilation, uri: &Uri, span: Span) -> Option<Location> {
    Some(Location::new(
        file_uri(compilation, uri, span.file)?,
        range(compilation, span),
    ))
}

/// The URI of a file of the compilation whose document is `uri`: the
/// document, the prelude's read-only copy, or another file of its project
/// (a module it imports). An element a template instance wrote is where
/// its template is.
pub(crate) fn file_uri(compilation: &Compilation, uri: &Uri, file: FileId) -> Option<Uri> {
    let real = compilation.sources.real(file);
    if real == FileId::PRELUDE {
        prelude::uri()
    } else if real == compilation.file {
        Some(uri.clone())
    } else {
        let path = compilation
            .files
            .iter()
            .find(|f| f.file == real)?
            .path
            .as_ref()?;
        prelude::file_uri(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    #[test]
    fn ranges_count_utf16_units_and_round_trip() {
        let text = "claim c \"Ünïcødé — ✓ 𝔘\" { supported by: e }\nevidence e \"x\"\n";
        let compilation = compile("t.case", text, Options::default());
        let start = text.find(": e").unwrap() + 2;
        let span = Span::new(compilation.file, start, start + 1);
        let range = range(&compilation, span);
        // 𝔘 is one character but two UTF-16 units.
        let chars = text[..start].chars().count() as u32;
        assert_eq!(range.start, Position::new(0, chars + 1));
        assert_eq!(offset(&compilation, range.start), start);
        assert_eq!(offset(&compilation, Position::new(9, 0)), text.len());
    }
}
