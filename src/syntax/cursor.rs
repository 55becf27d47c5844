//! What an editor's cursor sits in, read from the raw text: completion runs
//! while the item being typed does not parse yet, so it cannot use the AST.

use super::{scan, ItemKind};

/// The kind of word that belongs where the cursor is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// An item keyword, starting a new item.
    ItemKeyword,
    /// A property key in the body of an item of this kind.
    Key(ItemKind),
    /// A value of `key` on an item of kind `item`.
    Value { item: ItemKind, key: String },
    /// Nothing to offer: inside a string or a comment, at an id being
    /// declared, or in text too broken to read.
    Nothing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub slot: Slot,
    /// Where the word being typed starts: a completion replaces the text
    /// from here to the cursor.
    pub word_start: usize,
}

/// Keys written as several words.
const MULTI_WORD_KEYS: &[&str] = &["supported by", "in context of"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// A string, number, date or stray character: a value that is no id.
    Literal,
    Colon,
    Comma,
    Open,
    Close,
}

/// Where the item being read is.
enum State {
    /// Before the item keyword.
    Start,
    /// After the keyword, at the id.
    Id,
    /// After the id or the text, before the body.
    Head,
    /// In the body, where a key goes.
    Key,
    /// After a key without a colon (a flag, or a key whose `:` is next).
    AfterKey(String),
    /// After `key:` or a comma: a value goes here.
    Value(String),
    /// After a value: a comma, or the next key.
    AfterValue(String),
    /// After the closing brace.
    Done,
}

/// The slot at byte `offset` of `text`.
pub(crate) fn cursor_at(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let chunk_start = scan(before).chunks.last().map_or(0, |c| c.start);
    let Some(mut tokens) = lex(before, chunk_start) else {
        return Cursor {
            slot: Slot::Nothing,
            word_start: offset,
        };
    };
    let word_start = match tokens.last() {
        Some((start, Token::Word(word))) if start + word.len() == offset => {
            let start = *start;
            tokens.pop();
            start
        }
        _ => offset,
    };
    let at_line_start = word_start == 0 || text[..word_start].ends_with('\n');
    let slot = slot_after(&tokens, at_line_start);
    let word_start = match slot {
        Slot::Key(_) => multi_word_start(before, word_start),
        _ => word_start,
    };
    Cursor { slot, word_start }
}

fn slot_after(tokens: &[(usize, Token)], at_line_start: bool) -> Slot {
    let mut kind = ItemKind::Case;
    let mut state = State::Start;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].1;
        i += 1;
        state = match (state, token) {
            (State::Start, Token::Word(word)) => match ItemKind::from_keyword(word) {
                Some(k) => {
                    kind = k;
                    State::Id
                }
                None => return Slot::Nothing,
            },
            (State::Id, Token::Word(_)) => State::Head,
            (State::Head, Token::Literal) => State::Head,
            (State::Head, Token::Open) => State::Key,
            (State::Key | State::AfterKey(_) | State::AfterValue(_), Token::Word(word)) => {
                let (key, words) = read_key(word, &tokens[i..]);
                i += words;
                State::AfterKey(key)
            }
            (State::AfterKey(key), Token::Colon) => State::Value(key),
            (State::Value(key), Token::Word(_) | Token::Literal) => State::AfterValue(key),
            (State::AfterValue(key), Token::Comma) => State::Value(key),
            (State::Key | State::AfterKey(_) | State::AfterValue(_), Token::Close) => State::Done,
            // Anything else does not parse; the syntax error will say so.
            _ => return Slot::Nothing,
        };
    }
    match state {
        State::Start | State::Done => Slot::ItemKeyword,
        State::Head if at_line_start => Slot::ItemKeyword,
        State::Id | State::Head => Slot::Nothing,
        State::Key | State::AfterKey(_) | State::AfterValue(_) => Slot::Key(kind),
        State::Value(key) => Slot::Value { item: kind, key },
    }
}

/// A key starting with `word`; multi-word keys take the words after it.
/// Returns the key and how many more tokens it used.
fn read_key(word: &str, rest: &[(usize, Token)]) -> (String, usize) {
    for key in MULTI_WORD_KEYS {
        let mut words = key.split(' ');
        if words.next() != Some(word) {
            continue;
        }
        let tail: Vec<&str> = words.collect();
        let matches = tail
            .iter()
            .zip(rest)
            .all(|(want, (_, token))| *token == Token::Word(want));
        if matches && rest.len() >= tail.len() {
            return (key.to_string(), tail.len());
        }
    }
    (word.to_string(), 0)
}

/// Where a key being typed starts, when the words typed so far begin a
/// multi-word key (`supported b|` is replaced whole by `supported by`).
fn multi_word_start(before: &str, word_start: usize) -> usize {
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let line = &before[line_start..];
    let typed = line.trim_start();
    let typed_start = before.len() - typed.len();
    if typed.contains(' ') && MULTI_WORD_KEYS.iter().any(|key| key.starts_with(typed)) {
        typed_start
    } else {
        word_start
    }
}

/// The tokens of `text[start..]` with their offsets, or `None` when `text`
/// ends inside a string or a comment.
fn lex(text: &str, start: usize) -> Option<Vec<(usize, Token<'_>)>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        let rest = &text[i..];
        let b = bytes[i];
        let (token, len) = match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if rest.starts_with("//") => {
                i += rest.find('\n')?;
                continue;
            }
            b'"' if rest.starts_with("\"\"\"") => {
                (Token::Literal, 3 + rest[3..].find("\"\"\"")? + 3)
            }
            b'"' => (Token::Literal, line_string_len(rest)?),
            b'{' => (Token::Open, 1),
            b'}' => (Token::Close, 1),
            b':' => (Token::Colon, 1),
            b',' => (Token::Comma, 1),
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                let len = word_len(rest);
                (Token::Word(&rest[..len]), len)
            }
            // Numbers, dates and ranges' second date: `to` joins two dates.
            _ if b.is_ascii_digit() || b == b'-' => {
                let len = word_len(rest);
                let after = rest[len..].trim_start_matches([' ', '\t']);
                let joined = after.strip_prefix("to ").map_or(len, |tail| {
                    let tail = tail.trim_start_matches([' ', '\t']);
                    rest.len() - tail.len() + word_len(tail)
                });
                (Token::Literal, joined.max(1))
            }
            _ => (
                Token::Literal,
                rest.chars().next().map_or(1, char::len_utf8),
            ),
        };
        tokens.push((i, token));
        i += len;
    }
    Some(tokens)
}

/// Length of a run of id characters (`%`, `.` and `+` too, for numbers).
fn word_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_ascii_alphanumeric() || "_-.%+".contains(c)))
        .unwrap_or(text.len())
}

/// Length of a `"…"` string with its quotes, if it is closed.
fn line_string_len(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor at `|` in `text`.
    fn at(text: &str) -> Cursor {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        cursor_at(&text, offset)
    }

    fn value(item: ItemKind, key: &str) -> Slot {
        Slot::Value {
            item,
            key: key.to_string(),
        }
    }

    #[test]
    fn keys_and_values_inside_a_body() {
        assert_eq!(
            at("claim a \"x\" {\n  |\n}").slot,
            Slot::Key(ItemKind::Claim)
        );
        assert_eq!(
            at("claim a \"x\" {\n  ab|\n}").slot,
            Slot::Key(ItemKind::Claim)
        );
        assert_eq!(
            at("claim a \"x\" {\n  supported by: |").slot,
            value(ItemKind::Claim, "supported by")
        );
        assert_eq!(
            at("argument a \"x\" {\n  in context of: d, as|").slot,
            value(ItemKind::Argument, "in context of")
        );
        assert_eq!(
            at("argument a \"x\" {\n  undeveloped\n  block: mon|").slot,
            value(ItemKind::Argument, "block")
        );
        assert_eq!(
            at("claim a \"x\" {\n  about: m\n  |").slot,
            Slot::Key(ItemKind::Claim)
        );
        assert_eq!(
            at("decision d \"x\" { window: 2026-01-01 to 2026-06-30 |").slot,
            Slot::Key(ItemKind::Decision)
        );
    }

    #[test]
    fn the_word_being_typed_is_replaced_whole() {
        let cursor = at("claim a \"x\" {\n  supported b|");
        assert_eq!(cursor.slot, Slot::Key(ItemKind::Claim));
        assert_eq!(cursor.word_start, "claim a \"x\" {\n  ".len());
        let cursor = at("claim a \"x\" { about: sub|");
        assert_eq!(cursor.word_start, "claim a \"x\" { about: ".len());
    }

    #[test]
    fn item_keywords_between_items() {
        assert_eq!(at("|").slot, Slot::ItemKeyword);
        assert_eq!(at("claim a \"x\" { }\ncl|").slot, Slot::ItemKeyword);
        assert_eq!(at("claim a \"x\"\n\nev|").slot, Slot::ItemKeyword);
        assert_eq!(
            at("claim a \"x\" {}\nclaim b \"y\" { |").slot,
            Slot::Key(ItemKind::Claim)
        );
    }

    #[test]
    fn nothing_inside_strings_comments_or_ids() {
        assert_eq!(at("claim a \"x |").slot, Slot::Nothing);
        assert_eq!(at("claim a \"\"\"\n  supported by: |").slot, Slot::Nothing);
        assert_eq!(
            at("claim a \"x\" {\n  // supported by: |").slot,
            Slot::Nothing
        );
        assert_eq!(at("claim ab|").slot, Slot::Nothing);
        assert_eq!(
            at("claim a \"x\\\" {\" { about: |").slot,
            value(ItemKind::Claim, "about")
        );
    }
}
