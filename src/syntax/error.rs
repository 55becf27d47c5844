//! Turning pest's errors into messages written for case authors.

use super::Rule;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
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
    if let Some(diagnostic) = string_run_on(file, base, chunk, at) {
        return diagnostic;
    }
    if let Some(diagnostic) = mistake(file, base, chunk, at, &err.variant, found) {
        return diagnostic;
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

/// A template whose braces nest deeper than `limit`, at the brace too many.
pub(crate) fn too_deep(file: FileId, at: usize, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Code::SyntaxError,
        Span::new(file, at, at + 1),
        format!("this template nests deeper than {limit} levels of braces"),
    )
    .label("one level too many")
    .help("split the template: a part can instantiate another template with `instance` instead of nesting its items")
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
            Rule::item | Rule::item_kind | Rule::EOI | Rule::chunk | Rule::word_template => {
                "an item such as `claim`, `argument` or `evidence`"
            }
            Rule::param
            | Rule::word_param
            | Rule::for_part
            | Rule::word_for
            | Rule::optional_part
            | Rule::word_optional
            | Rule::choice_part
            | Rule::word_choice
            | Rule::template_item => {
                "an item, `param`, `for`, `optional` or `choice` (or `}` to end the template)"
            }
            Rule::choice_option | Rule::word_option => "`option NAME { … }` (or `}`)",
            Rule::ident | Rule::pattern_ident => "an identifier",
            Rule::text | Rule::line_string | Rule::block_string => "a string in quotes",
            Rule::body | Rule::template_body => "`{`",
            Rule::property
            | Rule::template_property
            | Rule::key
            | Rule::link_start
            | Rule::supported_by
            | Rule::in_context_of
            | Rule::word_supported
            | Rule::word_in => "a property such as `supported by:`, or `}`",
            Rule::word_by => "`by` (the link phrase is `supported by`)",
            Rule::word_context => "`context` (the link phrase is `in context of`)",
            Rule::word_of => "`of` (the link phrase is `in context of`)",
            Rule::values | Rule::template_values | Rule::value | Rule::template_value => {
                "a value (an identifier, string, number or date)"
            }
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
    last_token(text).map_or(0, |(_, end)| end)
}

/// Where the last token of `text` starts and ends.
fn last_token(text: &str) -> Option<(usize, usize)> {
    let mut last = None;
    tokens(text, |start, end| last = Some((start, end)));
    last
}

/// Calls `each` with the start and end of every token of `text`: strings
/// whole, comments and white space skipped, any other character one token.
fn tokens(text: &str, mut each: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
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
            _ => {
                let word = rest
                    .find(|c: char| !(c.is_alphanumeric() || "_-.%+".contains(c)))
                    .unwrap_or(rest.len());
                if word > 0 {
                    word
                } else {
                    rest.chars().next().map_or(1, char::len_utf8)
                }
            }
        };
        each(i, i + len);
        i += len;
    }
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

/// An item whose `{` is never closed: the parse fails at the end of its
/// chunk (the next item, or the end of the file). Returns the finding, at the
/// brace, and where a `}` would close the body (after its last token).
pub fn unclosed_brace(
    file: FileId,
    base: usize,
    chunk: &str,
    at: usize,
) -> Option<(Diagnostic, usize)> {
    let end = code_end(chunk);
    if at < end {
        return None;
    }
    let mut open: Vec<usize> = Vec::new();
    let mut last = (0, 0);
    tokens(chunk, |start, finish| {
        match &chunk[start..finish] {
            "{" => open.push(start),
            "}" => {
                open.pop();
            }
            _ => {}
        }
        last = (start, finish);
    });
    let brace = *open.last()?;
    let mut diagnostic = Diagnostic::new(
        Code::SyntaxError,
        Span::new(file, base + brace, base + brace + 1),
        "this `{` is never closed",
    )
    .label("the body starts here");
    if last.0 != brace {
        diagnostic = diagnostic.secondary(
            Span::new(file, base + last.0, base + last.1),
            "the body should end with `}` after this",
        );
    }
    let diagnostic = diagnostic.help(
        "add the closing `}`; an item ends where the next line starts with an item keyword, so the body ran to there",
    );
    Some((diagnostic, end))
}

/// A `"…"` string that ran over its line break and was closed by the
/// opening quote of a later string, so that the parse failed right after it:
/// reported where it opens, with the place the parser noticed.
fn string_run_on(file: FileId, base: usize, chunk: &str, at: usize) -> Option<Diagnostic> {
    let (start, end) = last_token(chunk.get(..at)?)?;
    let token = &chunk[start..end];
    token.find('\n')?;
    if !token.starts_with('"') || token.starts_with("\"\"\"") || end != at || token.len() < 2 {
        return None;
    }
    // A string closed where it was meant to be is followed by white space
    // or punctuation; the opening quote of another string by its text.
    let next = chunk[end..].chars().next()?;
    if next.is_whitespace() || "{},".contains(next) {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::SyntaxError,
            Span::new(file, base + start, base + start + 1),
            "this string is not closed on its line",
        )
        .label("the string starts here")
        .secondary(
            Span::new(file, base + end - 1, base + end),
            "this quote, meant to open another string, closed it",
        )
        .help(
            "add the closing `\"` where the text ends; a `\"…\"` string may run over several lines, so it ends only at the next `\"`",
        ),
    )
}

/// Words that GSN and other notations use for what a case calls by another
/// keyword.
const OTHER_NOTATIONS: &[(&str, &str)] = &[
    ("goal", "claim"),
    ("strategy", "argument"),
    ("solution", "evidence"),
    ("sn", "evidence"),
    ("g", "claim"),
    ("s", "argument"),
];

/// The item keyword a word written where an item starts was meant to be:
/// another notation's word for it, or a misspelling. The second value says
/// whether it came from another notation.
pub(crate) fn intended_keyword(word: &str) -> Option<(&'static str, bool)> {
    let lower = word.to_ascii_lowercase();
    if let Some((_, keyword)) = OTHER_NOTATIONS.iter().find(|(w, _)| *w == lower) {
        return Some((keyword, true));
    }
    let keywords = super::ItemKind::ALL.iter().map(|k| k.keyword());
    if let Some(keyword) = keywords.clone().find(|k| *k == lower) {
        // `Claim`: the right word, capitalised.
        return Some((keyword, false));
    }
    crate::suggest::closest(&lower, keywords).map(|k| (k, false))
}

/// The mistakes people make most often, each with its own message: another
/// notation's or a misspelt item keyword, a date not written `YYYY-MM-DD`, a
/// range written with a dash, a list in brackets, a key without its `:`.
fn mistake(
    file: FileId,
    base: usize,
    chunk: &str,
    at: usize,
    variant: &ErrorVariant<Rule>,
    found: &str,
) -> Option<Diagnostic> {
    let ErrorVariant::ParsingError { positives, .. } = variant else {
        return None;
    };
    let span = |start: usize, end: usize| Span::new(file, base + start, base + end);
    let before = chunk.get(..at)?;
    let rest = &chunk[at..];
    let at_line_start = before.is_empty() || before.ends_with('\n');
    let item_expected = positives
        .iter()
        .any(|r| matches!(r, Rule::item | Rule::item_kind | Rule::EOI | Rule::chunk));
    if item_expected && at_line_start && !found.is_empty() {
        if let Some((keyword, other_notation)) = intended_keyword(found) {
            let diagnostic = if other_notation {
                Diagnostic::new(
                    Code::SyntaxError,
                    span(at, at + found.len()),
                    format!("`{found}` is not an item kind: a case calls it `{keyword}`"),
                )
                .label(format!("write `{keyword}`"))
                .fix(Fix::replace(span(at, at + found.len()), keyword))
                .help("GSN's goal, strategy and solution are `claim`, `argument` and `evidence` in a case; context, assumption and justification keep their names")
            } else {
                Diagnostic::new(
                    Code::SyntaxError,
                    span(at, at + found.len()),
                    format!("unknown item kind `{found}`"),
                )
                .label("not an item kind")
                .fix(Fix::replace(span(at, at + found.len()), keyword))
                .help(format!("did you mean `{keyword}`?"))
            };
            return Some(diagnostic);
        }
    }
    if let Some(diagnostic) = foreign_date(chunk, at, &span) {
        return Some(diagnostic);
    }
    if let Some((start, end)) = last_token(before) {
        let previous = &chunk[start..end];
        let dash = ["..", "-", "–", "—", "/"]
            .into_iter()
            .find(|d| rest.starts_with(d));
        if let (Some(dash), true) = (dash, is_iso_date(previous)) {
            let after = rest[dash.len()..].trim_start();
            let to = after.get(..10).filter(|d| is_iso_date(d)).unwrap_or("END");
            return Some(
                Diagnostic::new(
                    Code::SyntaxError,
                    span(at, at + dash.len()),
                    format!("a date range is written `START to END`, not with `{dash}`"),
                )
                .label("write `to` here")
                .fix(Fix::new(
                    Applicability::Safe,
                    "replace with `to`",
                    vec![Edit {
                        span: span(at, at + dash.len()),
                        replacement: " to ".into(),
                    }],
                ))
                .help(format!("write `{previous} to {to}`")),
            );
        }
    }
    if rest.starts_with('[') {
        let line = rest.find('\n').unwrap_or(rest.len());
        let close = rest[..line].find(']').map_or(1, |i| i + 1);
        let inner = rest[1..close.max(1)].trim_end_matches(']').trim();
        let mut diagnostic = Diagnostic::new(
            Code::SyntaxError,
            span(at, at + close),
            "a list is written without brackets",
        );
        if close > 1 && rest[..close].ends_with(']') {
            let delete = |start: usize| Edit {
                span: span(start, start + 1),
                replacement: String::new(),
            };
            diagnostic = diagnostic.fix(Fix::new(
                Applicability::Safe,
                "remove the brackets",
                vec![delete(at), delete(at + close - 1)],
            ));
        }
        return Some(
            diagnostic
                .label("remove the brackets")
                .help(match previous_token(before) {
                Some(key) if key.ends_with(':') && !inner.is_empty() => {
                    format!("write the values separated by commas: `{key} {inner}`")
                }
                _ => "write the values separated by commas: `shows: elicitation, anti_sandbagging`"
                    .to_string(),
            }),
        );
    }
    // `threshold 1e-3`: a key, then a value that cannot be a key.
    let value_start = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '"' || c == '-');
    if value_start && in_body(before) {
        let tokens_before = {
            let mut all = Vec::new();
            tokens(before, |s, e| all.push((s, e)));
            all
        };
        if let [.., (ps, pe), (ks, ke)] = tokens_before.as_slice() {
            let key = &chunk[*ks..*ke];
            let prior = &chunk[*ps..*pe];
            if super::is_identifier(key) && prior != ":" && prior != "," {
                let value = found_at(chunk, at);
                return Some(
                    Diagnostic::new(
                        Code::SyntaxError,
                        span(*ks, *ke),
                        format!("expected `:` after `{key}`"),
                    )
                    .label("add `:` after this key")
                    .fix(Fix::new(
                        Applicability::Safe,
                        format!("add `:` after `{key}`"),
                        vec![Edit {
                            span: span(*ke, *ke),
                            replacement: ":".into(),
                        }],
                    ))
                    .secondary(span(at, at + value.len().max(1)), "its value")
                    .help(format!(
                        "a property is written `key: value`: `{key}: {value}`"
                    )),
                );
            }
        }
    }
    None
}

/// Whether `before` ends inside an item's body (an unclosed `{`).
fn in_body(before: &str) -> bool {
    let mut depth = 0i32;
    tokens(before, |start, end| match &before[start..end] {
        "{" => depth += 1,
        "}" => depth -= 1,
        _ => {}
    });
    depth > 0
}

/// `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A date around `at` written `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY/MM/DD` or
/// with dots or dashes that way: a finding naming the `YYYY-MM-DD` form.
fn foreign_date(chunk: &str, at: usize, span: &dyn Fn(usize, usize) -> Span) -> Option<Diagnostic> {
    let date_char = |c: char| c.is_ascii_digit() || "/.-".contains(c);
    let start = chunk[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| date_char(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = at
        + chunk[at..]
            .char_indices()
            .take_while(|&(_, c)| date_char(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    let written = &chunk[start..end];
    let separator = written.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = written.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (x, y, z) = (number(a)?, number(b)?, number(c)?);
    let iso = |year: u32, month: u32, day: u32| format!("{year:04}-{month:02}-{day:02}");
    let valid = |month: u32, day: u32| (1..=12).contains(&month) && (1..=31).contains(&day);
    let (suggestion, note) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        if separator == '-' || !valid(y, z) {
            return None;
        }
        (iso(x, y, z), None)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        if valid(y, x) && (x > 12 || !valid(x, y)) {
            (iso(z, y, x), None)
        } else if valid(x, y) && y > 12 {
            (iso(z, x, y), None)
        } else if valid(y, x) {
            (
                iso(z, y, x),
                Some(format!(
                    "read as day/month; if `{written}` is month/day, write `{}`",
                    iso(z, x, y)
                )),
            )
        } else {
            return None;
        }
    } else {
        return None;
    };
    let mut diagnostic = Diagnostic::new(
        Code::SyntaxError,
        span(start, end),
        format!("dates are written `YYYY-MM-DD`, found `{written}`"),
    )
    .label(format!("write `{suggestion}`"));
    // A date read one way of two is the author's to confirm.
    let mut fix = Fix::replace(span(start, end), suggestion.clone());
    if let Some(note) = note {
        diagnostic = diagnostic.note(note);
        fix.applicability = Applicability::Suggested;
    }
    diagnostic = diagnostic.fix(fix);
    Some(diagnostic.help(format!(
        "write `{suggestion}`: one form (ISO 8601) that reads the same in every country"
    )))
}
