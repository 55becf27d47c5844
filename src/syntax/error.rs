//! Turning pest's errors into messages written for case authors.

use super::Rule;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

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
        return Diagnostic::new(Code::SyntaxError, span, "this string is never closed")
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
    if found == "\u{feff}" {
        return Diagnostic::new(
            Code::SyntaxError,
            span,
            "a byte order mark (U+FEFF) may only stand at the very start of a file",
        )
        .label("an invisible U+FEFF here")
        .help("delete it; it is invisible in most editors, and often comes with pasted text");
    }
    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let after = previous_token(&chunk[..at]);
    let found_text = match found.chars().next() {
        None => "the end of the file".to_string(),
        // A control character is named, never printed.
        Some(c) if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        Some(_) => format!("`{found}`"),
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
    let mut diagnostic = Diagnostic::new(Code::SyntaxError, span, message)
        .label(format!("expected {expected} here"));
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
            Rule::property
            | Rule::key
            | Rule::link_start
            | Rule::supported_by
            | Rule::in_context_of
            | Rule::word_supported
            | Rule::word_in => "a property such as `supported by:`, or `}`",
            Rule::word_by => "`by` (the link phrase is `supported by`)",
            Rule::word_context => "`context` (the link phrase is `in context of`)",
            Rule::word_of => "`of` (the link phrase is `in context of`)",
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

/// At most this many characters of a word are quoted as what was found.
const MAX_FOUND_CHARS: usize = 40;

/// The token at `at`: a word, a quoted string's start, or one character.
fn found_at(chunk: &str, at: usize) -> &str {
    let rest = chunk.get(at..).unwrap_or("");
    let word_end = rest
        .char_indices()
        .take(MAX_FOUND_CHARS)
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if word_end > 0 {
        return &rest[..word_end];
    }
    rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The last token before the error, to say where the parser was.
fn previous_token(before: &str) -> Option<&str> {
    let code = &before[..code_end(before)];
    let last = code.chars().last()?;
    if is_word_char(last) {
        // Name the link phrases in full: "after `supported by`".
        for phrase in ["supported by", "in context of"] {
            if code.ends_with(phrase) {
                return Some(&code[code.len() - phrase.len()..]);
            }
        }
        let start = code
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        Some(&code[start..])
    } else if last == ':' {
        let head = &code[..code.len() - 1];
        match previous_token(head) {
            // `key:` as written, when nothing stands between the two (a
            // comment or a line break may).
            Some(key) if head.ends_with(key) => Some(&code[head.len() - key.len()..]),
            _ => Some(&code[head.len()..]),
        }
    } else {
        Some(&code[code.len() - last.len_utf8()..])
    }
}

/// Where the last token of `text` ends: white space and comments after it
/// are not tokens. Strings are skipped whole, so that a `//` in one is no
/// comment.
fn code_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let len = match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if rest.starts_with("//") => {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            b'"' if rest.starts_with("\"\"\"") => {
                rest[3..].find("\"\"\"").map_or(rest.len(), |n| n + 6)
            }
            b'"' => string_len(rest),
            _ => rest.chars().next().map_or(1, char::len_utf8),
        };
        i += len;
        end = i;
    }
    end
}

/// Length of the `"…"` string that starts `text`, quotes included (all of
/// `text` when it is never closed).
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
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
    if [Rule::word_by, Rule::word_context, Rule::word_of]
        .iter()
        .any(|r| positives.contains(r))
    {
        return Some(
            "a link phrase is whole words followed by `:`: `supported by: a1` or `in context of: d`"
                .into(),
        );
    }
    if positives.contains(&Rule::key) && found == "=" {
        return Some("properties are written `key: value`".into());
    }
    None
}
