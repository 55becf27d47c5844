//! Turning pest's errors into messages written for case authors.

use super::Rule;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

const SYNTAX_ERROR: &str = "E0002";

/// Describe a failed parse of the chunk starting at byte `base` of the file.
pub fn describe(file: FileId, base: usize, chunk: &str, err: &Error<Rule>) -> Diagnostic {
    let at = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let found = found_at(chunk, at);
    let at = at.min(chunk.len());
    // pest reads an unclosed `"""` as an empty `""` and fails on the third.
    let opening = if chunk[..at].ends_with("\"\"") && chunk[at..].starts_with('"') {
        at - 2
    } else {
        at
    };
    if let Some(quotes) = unclosed_string(&chunk[opening..]) {
        let span = Span::new(file, base + opening, base + opening + quotes.len());
        return Diagnostic::new(SYNTAX_ERROR, span, "this string is never closed")
            .label("the string starts here")
            .help(format!(
                "add the closing `{quotes}`; a string may run over several lines, so it ends only at its closing quotes (or, unclosed, at the next item)"
            ));
    }
    let span = Span::new(
        file,
        base + at,
        base + at + found.len().max(1).min(chunk.len() - at.min(chunk.len())),
    );
    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let after = previous_token(&chunk[..at]);
    let found_text = if found.is_empty() {
        "the end of the file".to_string()
    } else {
        format!("`{}`", found)
    };
    // After a list's comma only a value can come (the lookahead that keeps a
    // link phrase from being read as ids hides the identifier from pest's
    // list).
    let expected = if after == Some(",") {
        "a value (an identifier, string, number or date)".to_string()
    } else {
        expected
    };
    let message = match after {
        Some(prev) => format!("expected {expected} after `{prev}`, found {found_text}"),
        None => format!("expected {expected}, found {found_text}"),
    };
    let mut diagnostic =
        Diagnostic::new(SYNTAX_ERROR, span, message).label(format!("expected {expected} here"));
    if let Some(help) = help(&err.variant, after, found) {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// The opening quotes of a string that starts `rest` and is never closed.
fn unclosed_string(rest: &str) -> Option<&'static str> {
    if let Some(inner) = rest.strip_prefix("\"\"\"") {
        return (!inner.contains("\"\"\"")).then_some("\"\"\"");
    }
    let inner = rest.strip_prefix('"')?;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return None,
            _ => {}
        }
    }
    Some("\"")
}

fn expected(positives: &[Rule]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    for rule in positives {
        let phrase = match rule {
            Rule::item | Rule::item_kind | Rule::EOI | Rule::chunk => {
                "an item such as `claim`, `argument` or `evidence`"
            }
            Rule::ident => "an identifier",
            Rule::text | Rule::line_string | Rule::block_string => "a string in quotes",
            Rule::body => "`{`",
            Rule::property | Rule::key | Rule::supported_by | Rule::in_context_of => {
                "a property such as `supported by:`, or `}`"
            }
            Rule::values | Rule::value => "a value (an identifier, string, number or date)",
            Rule::range | Rule::date => "a date",
            Rule::number => "a number",
            _ => continue,
        };
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    match phrases.as_slice() {
        [] => "something else".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The token at `at`: a word, a quoted string's start, or one character.
fn found_at(chunk: &str, at: usize) -> &str {
    let rest = chunk.get(at..).unwrap_or("");
    let word = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if word > 0 {
        return &rest[..word.min(40)];
    }
    rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
}

/// The last token before the error, to say where the parser was.
fn previous_token(before: &str) -> Option<&str> {
    let trimmed = strip_comment(before).trim_end();
    let last = trimmed.chars().last()?;
    if last.is_alphanumeric() || last == '_' || last == '-' {
        let start = trimmed
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |i| i + 1);
        let word = &trimmed[start..];
        // Name the link phrases in full: "after `supported by`".
        for phrase in ["supported by", "in context of"] {
            if trimmed.ends_with(phrase) {
                return Some(&trimmed[trimmed.len() - phrase.len()..]);
            }
        }
        Some(word)
    } else if last == ':' {
        let head = &trimmed[..trimmed.len() - 1];
        match previous_token(head) {
            // `key:` as written, when nothing stands between the two (a
            // comment or a line break may).
            Some(key) if head.ends_with(key) => Some(&trimmed[head.len() - key.len()..]),
            _ => Some(&trimmed[head.len()..]),
        }
    } else {
        Some(&trimmed[trimmed.len() - last.len_utf8()..])
    }
}

/// Drop a `//` comment on the last line, so that it is not taken as a token.
fn strip_comment(before: &str) -> &str {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    match before[line_start..].find("//") {
        Some(i) if !before[line_start..line_start + i].contains('"') => &before[..line_start + i],
        _ => before,
    }
}

fn help(variant: &ErrorVariant<Rule>, after: Option<&str>, found: &str) -> Option<String> {
    let ErrorVariant::ParsingError { positives, .. } = variant else {
        return None;
    };
    if after.is_some_and(|a| a.ends_with(':')) && positives.contains(&Rule::values) {
        return Some(
            "write one or more values separated by commas, e.g. `supported by: a1, a2`".into(),
        );
    }
    if found == "," || after == Some(",") {
        return Some("a list may not end with `,`; remove it or add the missing value".into());
    }
    if positives.contains(&Rule::item_kind) || positives.contains(&Rule::EOI) {
        return Some(
            "every item starts with its kind, an id and a text: `claim c1 \"The system is safe\"`"
                .into(),
        );
    }
    if positives.contains(&Rule::key) && found == "=" {
        return Some("properties are written `key: value`".into());
    }
    None
}
