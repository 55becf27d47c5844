//! Incremental re-parsing: the input is a text and edits, separated by
//! 0xFF bytes (never part of UTF-8 text). Each edit is two bytes of
//! position, one of how many characters to delete, then the text to insert.
//! After every edit, the parse with the cache of the previous versions must
//! equal a parse from scratch, spans and diagnostics included.
#![no_main]

use casec::source::FileId;
use casec::syntax::{parse, parse_edited, Ast, ChunkCache};

fn shown(ast: &Ast, diagnostics: &[casec::diagnostic::Diagnostic]) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        ast.items, ast.comments, ast.broken, diagnostics
    )
}

/// The byte at or before `at` that starts a character.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let mut text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let file = FileId(1);
    let mut cache = ChunkCache::default();
    let mut versions = 0;
    loop {
        let (ast, diagnostics) = parse_edited(file, &text, &mut cache);
        let (expected, expected_diagnostics) = parse(file, &text);
        assert_eq!(
            shown(&ast, &diagnostics),
            shown(&expected, &expected_diagnostics),
            "version {versions} parses differently with the cache:\n{text}"
        );
        // An odd delete count leaves the AST out of the cache: the next
        // parse must manage without it.
        let Some(edit) = parts.next() else { break };
        if edit.get(2).is_none_or(|n| n % 2 == 0) {
            cache.recycle(ast);
        }
        let position = match edit {
            [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
            _ => 0,
        };
        let start = floor_boundary(&text, position);
        let delete = usize::from(edit.get(2).copied().unwrap_or(0) / 2);
        let end = text[start..]
            .char_indices()
            .nth(delete)
            .map_or(text.len(), |(i, _)| start + i);
        let insert = String::from_utf8_lossy(edit.get(3..).unwrap_or_default());
        text.replace_range(start..end, &insert);
        versions += 1;
    }
});
