//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! diagnostic, which the runner turns into an annotation on the file.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE`
//! Columns are only given for a one-line span (GitHub ignores them otherwise).

use super::{one_line, relative_path, Diagnostic, Severity};
use crate::source::SourceMap;
use std::path::Path;

/// One annotation line, ending in a newline.
pub fn render(sources: &SourceMap, diagnostic: &Diagnostic, base: &Path) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let span = diagnostic.primary.span;
    let file = sources.get(span.file);
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end as usize);
    let path = escape_property(&one_line(&relative_path(&file.name, base)));
    let position = if start.line == end.line {
        format!(
            "line={},col={},endLine={},endColumn={}",
            start.line, start.column, end.line, end.column
        )
    } else {
        format!("line={},endLine={}", start.line, end.line)
    };
    let properties = format!(
        "file={path},{position},title={}",
        escape_property(diagnostic.code.as_str())
    );
    // Each part on one line of its own (quoted line breaks are shown as
    // `\n`), joined by the line breaks of a multi-line annotation, which
    // `escape_data` then encodes as `%0A`.
    let mut message = one_line(&diagnostic.message).into_owned();
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {}", one_line(note)));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {}", one_line(help)));
    }
    format!("::{command} {properties}::{}\n", escape_data(&message))
}

/// Escape a message: `%` first, then the line breaks that would end the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as a message, plus the `:` and `,` that separate
/// properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::Span;

    #[test]
    fn escapes_messages_and_properties() {
        assert_eq!(
            escape_data("100% sure\r\nnext: a, b"),
            "100%25 sure%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("dir,1/a:b%.case"), "dir%2C1/a%3Ab%25.case");
    }

    #[test]
    fn multi_line_spans_give_no_columns() {
        let mut sources = SourceMap::default();
        let file = sources.add("a,b.case", "claim x \"y\n z\"\n");
        let one_line =
            Diagnostic::new(Code::MissingText, Span::new(file, 6, 7), "one line").help("50% done");
        assert_eq!(
            render(&sources, &one_line, Path::new("/")),
            "::error file=a%2Cb.case,line=1,col=7,endLine=1,endColumn=8,title=E0104::one line%0Ahelp: 50%25 done\n"
        );
        let two_lines = Diagnostic::new(
            Code::EvidenceWithoutArtifact,
            Span::new(file, 8, 13),
            "two lines",
        );
        assert_eq!(
            render(&sources, &two_lines, Path::new("/")),
            "::warning file=a%2Cb.case,line=1,endLine=2,title=W0601::two lines\n"
        );
    }
}
