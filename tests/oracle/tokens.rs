//! An independent reading of `.case` text as tokens, written from the
//! language reference (docs/language.md) rather than from casec's parser, so
//! that it can judge the formatter: formatting may change layout, never a
//! token, a decoded string or a comment.

/// What the formatter must keep, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// `{`, `}`, `:` or `,`.
    Punct(char),
    /// A keyword, identifier, number, date, `to` or link word, as written.
    Word(String),
    /// A `"…"` string's value: escapes decoded, each line break with the
    /// spaces and tabs before it and the white space after it read as one
    /// space.
    Line(String),
    /// A `"""…"""` string as written, whatever line ending the file uses.
    Block(String),
    /// A comment without its trailing white space.
    Comment(String),
}

/// The white space between tokens: the grammar's, byte-order mark included.
fn is_layout(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{feff}')
}

fn is_punct(c: char) -> bool {
    matches!(c, '{' | '}' | ':' | ',')
}

/// The tokens of `text`, or `None` where a string or comment is unterminated
/// (such text has syntax errors and is never formatted).
pub fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(is_layout);
        let Some(first) = rest.chars().next() else {
            return Some(out);
        };
        if let Some(after) = rest.strip_prefix("//") {
            let end = after.find('\n').unwrap_or(after.len());
            out.push(Token::Comment(
                format!("//{}", &after[..end]).trim_end().to_string(),
            ));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("\"\"\"") {
            let end = after.find("\"\"\"")?;
            out.push(Token::Block(after[..end].replace("\r\n", "\n")));
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix('"') {
            let (value, used) = line_string(after)?;
            out.push(Token::Line(value));
            rest = &after[used..];
        } else if is_punct(first) {
            out.push(Token::Punct(first));
            rest = &rest[first.len_utf8()..];
        } else {
            let end = rest
                .find(|c: char| is_layout(c) || is_punct(c) || c == '"' || c == '/')
                .unwrap_or(rest.len());
            // A lone `/` is no token of the language: such text does not parse.
            let end = if end == 0 { first.len_utf8() } else { end };
            out.push(Token::Word(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
}

/// The comments, and the other tokens.
pub fn split_comments(tokens: Vec<Token>) -> (Vec<Token>, Vec<Token>) {
    tokens
        .into_iter()
        .partition(|t| matches!(t, Token::Comment(_)))
}

/// Decode a `"…"` string whose opening quote is already read: its value and
/// the bytes used, closing quote included.
fn line_string(text: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' => {
                let (_, escaped) = chars.next()?;
                value.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
            }
            '\n' | '\r' => {
                // Spaces and tabs before the break fold away, escaped ones too.
                let kept = value.trim_end_matches([' ', '\t']).len();
                value.truncate(kept);
                while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
                value.push(' ');
            }
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_token() {
        let text = "claim a \"x\\ty\n   z\" { // note  \n  risk: 1e-3%, b }\ncontext c \"\"\"\r\n  k\r\n\"\"\"";
        let words = |w: &str| Token::Word(w.into());
        assert_eq!(
            tokens(text).unwrap(),
            vec![
                words("claim"),
                words("a"),
                Token::Line("x\ty z".into()),
                Token::Punct('{'),
                Token::Comment("// note".into()),
                words("risk"),
                Token::Punct(':'),
                words("1e-3%"),
                Token::Punct(','),
                words("b"),
                Token::Punct('}'),
                words("context"),
                words("c"),
                Token::Block("\n  k\n".into()),
            ]
        );
        assert_eq!(tokens("claim a \"open"), None);
    }
}
