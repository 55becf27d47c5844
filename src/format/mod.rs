//! The formatter: `.case` text → one canonical layout (docs/formatting.md).
//!
//! It works from the syntax tree and the comment spans, never from the IR, so
//! every token and every comment is written back. Its output is verified
//! before it is returned: it must parse to the same items, values and
//! comments, or the formatter refuses rather than change what a case says.

pub mod fix;
mod printer;
mod strings;

pub use printer::WIDTH;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap};
use crate::syntax::{
    self, Ast, Item, Member, Param, Part, Property, Template, TemplateEntry, Text, Value, ValueKind,
};

#[derive(Debug)]
pub enum FormatError {
    /// The file does not parse: it is left as it is, with these errors.
    Invalid {
        sources: SourceMap,
        diagnostics: Vec<Diagnostic>,
    },
    /// The formatted text would not read the same as the original. This is
    /// a formatter bug; the check exists so that it can never reach a file.
    Unverified(&'static str),
}

/// Format a file's raw bytes (text that is not UTF-8 is reported, E0001).
pub fn format_bytes(name: &str, bytes: &[u8]) -> Result<String, FormatError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => format_source(name, text),
        Err(_) => {
            let compilation = crate::compile(name, bytes, crate::Options::default());
            Err(FormatError::Invalid {
                sources: compilation.sources,
                diagnostics: compilation.diagnostics,
            })
        }
    }
}

/// Format one file's text.
pub fn format_source(name: &str, text: &str) -> Result<String, FormatError> {
    let mut sources = SourceMap::default();
    let file = sources.add(name, text);
    let (ast, diagnostics) = syntax::parse(file, text);
    if !diagnostics.is_empty() {
        return Err(FormatError::Invalid {
            sources,
            diagnostics,
        });
    }
    // `shows: a b` and `kind ai` are read as meant (and reported) only while
    // the words stay on their line: one property a line would change what
    // the case says, so such a file is left as it is, with its findings.
    if has_stray_words(&ast) {
        let compilation = crate::compile(name, text, crate::Options::default());
        let diagnostics: Vec<Diagnostic> = compilation
            .diagnostics
            .into_iter()
            .filter(|d| d.code == crate::diagnostic::Code::SyntaxError)
            .collect();
        if !diagnostics.is_empty() {
            return Err(FormatError::Invalid {
                sources: compilation.sources,
                diagnostics,
            });
        }
    }
    let mut formatted = printer::Printer::new(text, &ast).print();
    // A byte-order mark is not layout: it stays. Nor is the line ending: a
    // file whose first line ends in CRLF gets CRLF throughout (block strings,
    // copied as written, included).
    if text.starts_with('\u{feff}') {
        formatted.insert(0, '\u{feff}');
    }
    if text.find('\n').is_some_and(|i| text[..i].ends_with('\r')) {
        formatted = formatted.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    // Text that is already canonical comes back unchanged, so there is
    // nothing to verify (and the common case, CI's `fmt --check` of a tidy
    // repository, parses once).
    if formatted != text {
        verify(text, &ast, &formatted)?;
    }
    Ok(formatted)
}

/// Whether a word that no item of its kind takes as a flag follows another
/// property on its line (a missing `,` or `:`, which the lowering mends),
/// in any item, a template's included.
fn has_stray_words(ast: &Ast) -> bool {
    ast.written_items().into_iter().any(|item| {
        let (Some(kind), Some(body)) = (item.kind.element(), &item.body) else {
            return false;
        };
        body.properties.iter().any(|p| {
            p.same_line
                && !p.has_colon
                && matches!(p.key, crate::syntax::Key::Named(_))
                && crate::ir::properties::lookup(kind, p.key.as_str()).is_none()
        })
    })
}

/// A unified diff from `before` to `after`, headed with the file's name.
pub fn diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(name, name)
        .to_string()
}

fn verify(original: &str, ast: &Ast, formatted: &str) -> Result<(), FormatError> {
    let (after, diagnostics) = syntax::parse(FileId(0), formatted);
    if !diagnostics.is_empty() {
        return Err(FormatError::Unverified("the formatted text does not parse"));
    }
    let same_items = ast.items.len() == after.items.len()
        && ast
            .items
            .iter()
            .zip(&after.items)
            .all(|(a, b)| same_item(a, b));
    let same_templates = ast.templates.len() == after.templates.len()
        && ast
            .templates
            .iter()
            .zip(&after.templates)
            .all(|(a, b)| same_template(a, b));
    if !same_items || !same_templates {
        return Err(FormatError::Unverified(
            "the formatted text reads differently",
        ));
    }
    if !comments(original, ast).eq(comments(formatted, &after)) {
        return Err(FormatError::Unverified(
            "the formatted text loses or changes a comment",
        ));
    }
    Ok(())
}

/// Each comment's text, as the formatter writes it (no trailing spaces).
pub fn comments<'t>(text: &'t str, ast: &'t Ast) -> impl Iterator<Item = &'t str> {
    ast.comments
        .iter()
        .map(|span| text.get(span.range()).unwrap_or("").trim_end())
}

/// Whether two items say the same, wherever they are written.
pub(crate) fn same_item(a: &Item, b: &Item) -> bool {
    let same_body = match (&a.body, &b.body) {
        (Some(a), Some(b)) => {
            a.properties.len() == b.properties.len()
                && a.properties
                    .iter()
                    .zip(&b.properties)
                    .all(|(a, b)| same_property(a, b))
        }
        (None, None) => true,
        _ => false,
    };
    a.kind == b.kind && a.id.name == b.id.name && same_optional_text(&a.text, &b.text) && same_body
}

fn same_template(a: &Template, b: &Template) -> bool {
    let same_params = a.params.len() == b.params.len()
        && a.params
            .iter()
            .zip(&b.params)
            .all(|(a, b)| same_param(a, b));
    let is_param = |entry: &TemplateEntry| matches!(entry, TemplateEntry::Param(_));
    let same_order = a
        .written_order()
        .iter()
        .map(is_param)
        .eq(b.written_order().iter().map(is_param));
    a.id.name == b.id.name
        && same_optional_text(&a.text, &b.text)
        && same_params
        && same_order
        && same_members(&a.members, &b.members)
}

fn same_param(a: &Param, b: &Param) -> bool {
    a.name.name == b.name.name && a.kind.name == b.kind.name && same_optional_text(&a.text, &b.text)
}

fn same_members(a: &[Member], b: &[Member]) -> bool {
    let same_part = |a: &Part, b: &Part| {
        a.name.name == b.name.name
            && same_optional_text(&a.text, &b.text)
            && same_members(&a.members, &b.members)
    };
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Member::Item(a), Member::Item(b)) => same_item(a, b),
            (Member::Param(a), Member::Param(b)) => same_param(a, b),
            (
                Member::For {
                    var, list, members, ..
                },
                Member::For {
                    var: var_b,
                    list: list_b,
                    members: members_b,
                    ..
                },
            ) => {
                var.name == var_b.name
                    && list.name == list_b.name
                    && same_members(members, members_b)
            }
            (Member::Optional(a), Member::Optional(b)) => same_part(a, b),
            (
                Member::Choice { part, options },
                Member::Choice {
                    part: part_b,
                    options: options_b,
                },
            ) => {
                same_part(part, part_b)
                    && options.len() == options_b.len()
                    && options.iter().zip(options_b).all(|(a, b)| same_part(a, b))
            }
            _ => false,
        })
}

fn same_optional_text(a: &Option<Text>, b: &Option<Text>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_text(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_property(a: &Property, b: &Property) -> bool {
    a.key == b.key
        && a.has_colon == b.has_colon
        && a.values.len() == b.values.len()
        && a.values
            .iter()
            .zip(&b.values)
            .all(|(a, b)| same_value(a, b))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Text(a), ValueKind::Text(b)) => same_text(a, b),
        (a, b) => a == b,
    }
}

fn same_text(a: &Text, b: &Text) -> bool {
    a.value == b.value && a.block == b.block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn fmt(text: &str) -> String {
        let formatted = format_source("t.case", text).unwrap_or_else(|e| panic!("{e:?}"));
        let again = format_source("t.case", &formatted).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(again, formatted, "not idempotent");
        formatted
    }

    #[test]
    fn a_crlf_file_stays_crlf_throughout() {
        let text = "case   c \"C\"\r\ncontext n \"\"\"\r\n  two\r\n  lines\r\n  \"\"\"\r\n";
        let formatted = fmt(text);
        assert!(
            !formatted.replace("\r\n", "").contains('\n'),
            "{formatted:?}"
        );
        assert!(
            !formatted.replace("\r\n", "").contains('\r'),
            "{formatted:?}"
        );
        assert!(formatted.starts_with("case c \"C\"\r\n"), "{formatted:?}");
        // An LF file stays LF.
        assert!(!fmt("case   c \"C\"\n").contains('\r'));
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        assert_eq!(
            fmt("\u{feff}// note\ncase   c \"C\"\n"),
            "\u{feff}// note\ncase c \"C\"\n"
        );
    }

    #[test]
    fn lays_out_items_one_property_per_line() {
        assert_eq!(
            fmt("claim   c1 \"Safe\"{about:agent  supported by :a,b\n undeveloped}\nevidence e \"x\""),
            "claim c1 \"Safe\" {\n  about: agent\n  supported by: a, b\n  undeveloped\n}\n\nevidence e \"x\"\n"
        );
    }

    #[test]
    fn a_single_short_property_stays_on_one_line() {
        assert_eq!(
            fmt("case c \"T\" {\n  threshold: 1e-3\n}\n"),
            "case c \"T\" { threshold: 1e-3 }\n"
        );
        assert_eq!(fmt("claim c \"T\" {   }"), "claim c \"T\" {}\n");
    }

    #[test]
    fn keeps_comments_where_they_belong() {
        let source = "// header\n\n\n// about a\nclaim a \"x\" { // why\n  // own line\n  about: b, // trailing\n    c\n\n\n  joint\n  // last\n} // end\n// eof\n";
        let expected = "// header\n\n// about a\nclaim a \"x\" { // why\n  // own line\n  about: b, // trailing\n    c\n\n  joint\n  // last\n} // end\n\n// eof\n";
        assert_eq!(fmt(source), expected);
    }

    #[test]
    fn comments_inside_keys_and_heads_survive() {
        let formatted = fmt("claim // k\n a \"x\" {\n  supported // s\n by: b\n}\n");
        assert_eq!(
            formatted,
            "claim // k\n    a \"x\" {\n  supported by: // s\n    b\n}\n"
        );
    }

    #[test]
    fn long_lists_wrap_at_the_width() {
        let ids: Vec<String> = (0..40).map(|i| format!("element_{i}")).collect();
        let formatted = fmt(&format!(
            "argument a \"x\" {{ supported by: {} }}",
            ids.join(",")
        ));
        assert!(formatted.lines().all(|l| l.len() <= WIDTH), "{formatted}");
        assert!(formatted.contains(",\n    element_"), "{formatted}");
    }

    #[test]
    fn long_strings_rewrap_and_block_strings_stay() {
        let words = "word ".repeat(40);
        let formatted = fmt(&format!(
            "evidence a \"x\" {{ artifact: \"{words}end\" }}\nclaim b \"\"\"\n   {words}\n  \"\"\"\n"
        ));
        let lines: Vec<&str> = formatted.lines().collect();
        assert!(
            lines[1].len() <= WIDTH && lines[2].starts_with("    word"),
            "{formatted}"
        );
        assert!(formatted.contains(&format!("   {words}\n")), "{formatted}");
    }

    #[test]
    fn item_texts_are_joined_onto_one_line() {
        let long = "a headline that goes on ".repeat(6);
        let formatted = fmt(&format!("claim a \"{long}\n   and on\"\n"));
        assert_eq!(formatted, format!("claim a \"{long}and on\"\n"));
    }

    #[test]
    fn syntax_errors_are_reported_not_formatted() {
        match format_source("t.case", "claim a \"x\" { supported by: }\n") {
            Err(FormatError::Invalid { diagnostics, .. }) => {
                assert_eq!(diagnostics[0].code, Code::SyntaxError)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n\n"), "");
        assert_eq!(fmt("// only\n\n\n// comments"), "// only\n\n// comments\n");
    }

    #[test]
    fn imports_in_a_row_sit_tight_and_apart_from_other_items() {
        // One blank line after the header and before the next item; between
        // imports, the author's grouping (tight, or one blank line).
        let text = "module m \"M\" { owner: \"team\" }\nimport a \"a.case\"\nimport b \"b.case\"\n\n\nimport c \"c.case\"\nclaim c \"C\" { undeveloped }\n";
        assert_eq!(
            fmt(text),
            "module m \"M\" { owner: \"team\" }\n\nimport a \"a.case\"\nimport b \"b.case\"\n\nimport c \"c.case\"\n\nclaim c \"C\" { undeveloped }\n"
        );
    }
}
