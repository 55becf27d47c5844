//! Re-wrapping `"…"` strings without changing their value.
//!
//! The parser reads a line break inside `"…"`, with the spaces and tabs before
//! it and all whitespace after it, as one space (see
//! `syntax::literal::line_string`). So a string can be laid on one line and
//! broken again at any single space that has no whitespace on either side,
//! and it still reads the same. Both steps below mirror the decoder unit by
//! unit (a unit is one character or one escape), so escapes such as `\t`
//! before a line break are handled exactly as the decoder handles them.

use std::borrow::Cow;

/// The character an escape stands for (`\n` → newline, …). Unknown escapes
/// never reach the formatter: files with them are rejected (E0003).
fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        other => other,
    }
}

fn is_folded_away(decoded: char) -> bool {
    decoded == ' ' || decoded == '\t'
}

/// The content of a `"…"` string (without its quotes) laid on one line, with
/// each line break folded the way the parser reads it.
pub fn flatten(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['\n', '\r']) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    // Where each unit starts in `out`, and the character it decodes to.
    let mut units: Vec<(usize, char)> = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let start = out.len();
                out.push('\\');
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                    units.push((start, unescape(escaped)));
                }
            }
            '\n' | '\r' => {
                while let Some(&(start, decoded)) = units.last() {
                    if !is_folded_away(decoded) {
                        break;
                    }
                    out.truncate(start);
                    units.pop();
                }
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                units.push((out.len(), ' '));
                out.push(' ');
            }
            c => {
                units.push((out.len(), c));
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// Split one-line string content at every space where a line break may go:
/// the parts joined by single spaces give the content back.
pub(crate) fn segments(flat: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut chars = flat.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            if let Some((_, escaped)) = chars.next() {
                previous = Some(unescape(escaped));
            }
            continue;
        }
        let breakable = c == ' '
            && previous.is_some_and(|p| !is_folded_away(p))
            && chars.peek().is_some_and(|&(_, next)| !next.is_whitespace());
        if breakable {
            segments.push(&flat[start..i]);
            start = i + 1;
        }
        previous = Some(c);
    }
    segments.push(&flat[start..]);
    segments
}

/// Display width in columns, counted in characters like diagnostics are.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// The value the parser reads from a `"…"` string with this content.
    fn decode(raw: &str) -> String {
        let (ast, diagnostics) = crate::syntax::parse(FileId(1), &format!("claim a \"{raw}\""));
        assert!(diagnostics.is_empty(), "{raw:?}: {diagnostics:?}");
        ast.items[0]
            .text
            .as_ref()
            .map(|t| t.value.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn flattening_keeps_the_value() {
        for raw in [
            "one\n     two",
            "trailing   \n\t  next",
            "tab escape\\t\n  gone",
            "escaped \\\\t\n  kept",
            "crlf\r\n  line",
            "blank\n\n\n  lines",
            "no breaks at all",
            "quote \\\" and\n  more",
        ] {
            let flat = flatten(raw);
            assert!(!flat.contains('\n'), "{flat:?}");
            assert_eq!(decode(&flat), decode(raw), "{raw:?} → {flat:?}");
        }
    }

    #[test]
    fn every_segment_boundary_may_become_a_line_break() {
        for flat in [
            "a plain sentence of words",
            "double  spaces  stay  put",
            "tab\t before and \\t escape then space",
            "ends with space ",
            " starts with space",
            "escaped \\\\ backslash then words",
        ] {
            let parts = segments(flat);
            assert_eq!(parts.join(" "), flat);
            let wrapped = parts.join("\n    ");
            assert_eq!(decode(&wrapped), decode(flat), "{flat:?} → {wrapped:?}");
        }
        assert_eq!(segments("a  b c"), ["a  b", "c"]);
        assert_eq!(segments("x\\t y"), ["x\\t y"]);
    }
}
