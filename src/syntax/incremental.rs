//! Re-parsing an edited file: chunks (items) are parsed independently, so a
//! chunk whose text did not change parses to the same items, only moved.
//! Parsing dominates the time to check a large case (pest reads about
//! 15 MB/s), so an editor that re-checks on every keystroke keeps a cache,
//! and hands each AST back to it once done with it: unchanged items are then
//! moved into the next AST rather than parsed, cloned or freed again.

use super::{parse_chunk, Ast, Item, ParsedChunk, Value, ValueKind};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// What the previous parse of one file found, chunk by chunk.
#[derive(Debug, Default)]
pub struct ChunkCache {
    /// The text of the previous version.
    text: String,
    /// Its chunks, in order.
    chunks: Vec<Chunk>,
    /// The first chunk with each hash of the text (a chunk whose hash is
    /// taken, by a duplicate or a collision, is parsed again next time).
    by_hash: HashMap<u64, usize>,
    /// The previous version's items, once handed back by [`ChunkCache::recycle`].
    items: Vec<Option<Item>>,
    /// How many items the previous parse produced.
    parsed_items: usize,
}

/// One chunk of the previous version.
#[derive(Debug)]
struct Chunk {
    text: Range<usize>,
    /// Its items, as indices into the previous AST's items.
    items: Range<usize>,
    /// Its diagnostics and broken item, as [`ParsedChunk`] has them.
    diagnostics: Vec<Diagnostic>,
    broken: Option<Option<(super::ItemKind, String)>>,
    /// A chunk holding a template is parsed again every time: templates are
    /// few, and their nested items are not kept here.
    has_templates: bool,
}

impl ChunkCache {
    /// Give back the AST of the last parse, so that its unchanged items can
    /// be moved into the next one. It must be that AST: one with another
    /// number of items is ignored, and items outside their chunk are parsed
    /// again.
    pub fn recycle(&mut self, ast: Ast) {
        if ast.items.len() == self.parsed_items {
            self.items = ast.items.into_iter().map(Some).collect();
        }
    }

    /// Parse `chunks` (byte ranges of `text`), re-using what it can.
    pub(super) fn parse(
        &mut self,
        file: FileId,
        text: &str,
        chunks: &[Range<usize>],
    ) -> Vec<ParsedChunk> {
        let mut parsed = Vec::with_capacity(chunks.len());
        let mut next = Vec::with_capacity(chunks.len());
        let mut by_hash = HashMap::with_capacity(chunks.len());
        let mut item_count = 0;
        for range in chunks {
            let chunk_text = &text[range.clone()];
            let hash = hash_of(chunk_text);
            let chunk = self
                .reuse(file, hash, chunk_text, range.start)
                .unwrap_or_else(|| parse_chunk(file, range.start, chunk_text));
            by_hash.entry(hash).or_insert(next.len());
            next.push(Chunk {
                text: range.clone(),
                items: item_count..item_count + chunk.items.len(),
                diagnostics: chunk.diagnostics.clone(),
                broken: chunk.broken.clone(),
                has_templates: !chunk.templates.is_empty(),
            });
            item_count += chunk.items.len();
            parsed.push(chunk);
        }
        self.text = text.to_string();
        self.chunks = next;
        self.by_hash = by_hash;
        self.items = Vec::new();
        self.parsed_items = item_count;
        parsed
    }

    /// The previous version's parse of `chunk_text`, moved to byte `base`,
    /// if it had that chunk and its items were recycled.
    fn reuse(
        &mut self,
        file: FileId,
        hash: u64,
        chunk_text: &str,
        base: usize,
    ) -> Option<ParsedChunk> {
        let old = &self.chunks[*self.by_hash.get(&hash)?];
        if old.has_templates || self.text.get(old.text.clone()) != Some(chunk_text) {
            return None;
        }
        let slots = self.items.get_mut(old.items.clone())?;
        // A chunk that appears twice takes its items the first time only;
        // items outside the chunk come from some other parse.
        let from_this_chunk = |slot: &Option<Item>| {
            slot.as_ref().is_some_and(|item| {
                old.text.start <= item.span.start as usize && item.span.end as usize <= old.text.end
            })
        };
        if !slots.iter().all(from_this_chunk) {
            return None;
        }
        let shift = |span: &mut Span| {
            let start = (span.start as usize).saturating_sub(old.text.start) + base;
            *span = Span::new(file, start, start + (span.end - span.start) as usize);
        };
        let mut items: Vec<Item> = slots.iter_mut().filter_map(Option::take).collect();
        for item in &mut items {
            relocate_item(item, &shift);
        }
        let mut diagnostics = old.diagnostics.clone();
        for diagnostic in &mut diagnostics {
            diagnostic.for_each_span_mut(&shift);
        }
        Some(ParsedChunk {
            items,
            templates: Vec::new(),
            diagnostics,
            broken: old.broken.clone(),
        })
    }
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Apply `shift` to every span of an item (also used to move an expanded
/// template item into its instance's frame).
pub fn relocate_item(item: &mut Item, shift: &impl Fn(&mut Span)) {
    shift(&mut item.span);
    shift(&mut item.kind_span);
    shift(&mut item.id.span);
    if let Some(text) = &mut item.text {
        shift(&mut text.span);
    }
    let Some(body) = &mut item.body else { return };
    shift(&mut body.span);
    for property in &mut body.properties {
        shift(&mut property.span);
        shift(&mut property.key_span);
        for Value { kind, span } in &mut property.values {
            shift(span);
            if let ValueKind::Text(text) = kind {
                shift(&mut text.span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, parse_edited};
    use super::*;

    /// Everything in an AST and its diagnostics, spans included.
    fn shown(ast: &Ast, diagnostics: &[Diagnostic]) -> String {
        format!("{:?}\n{:?}\n{:?}", ast.items, ast.broken, diagnostics)
    }

    /// Parse `text` with the cache, check it against a parse from scratch,
    /// and recycle the AST.
    fn check(cache: &mut ChunkCache, text: &str) {
        let file = FileId(1);
        let (ast, diagnostics) = parse_edited(file, text, cache);
        let (expected, expected_diagnostics) = parse(file, text);
        assert_eq!(
            shown(&ast, &diagnostics),
            shown(&expected, &expected_diagnostics)
        );
        cache.recycle(ast);
    }

    #[test]
    fn an_edited_file_parses_as_if_from_scratch() {
        let first =
            "claim a \"x\" { supported by: b }\n\nclaim b \"é\\q\" { risk: 1e-3 }\n\nclaim c {\n";
        let mut cache = ChunkCache::default();
        check(&mut cache, first);
        // The first item grows: the others move, unchanged.
        let grown = first.replacen("supported by: b", "supported by: b, c", 1);
        check(&mut cache, &grown);
        assert!(cache.items.iter().all(Option::is_some));
        // It shrinks again; a chunk seen twice in one version is parsed again.
        check(&mut cache, first);
        check(&mut cache, &format!("{first}{first}"));
        check(&mut cache, "");
        check(&mut cache, first);
    }

    #[test]
    fn a_moved_finding_moves_its_fixes() {
        // `risk 1e-3` lacks its colon: the finding carries a fix at the key.
        let broken = "claim b \"y\" { risk 1e-3 }\n";
        let mut cache = ChunkCache::default();
        check(&mut cache, &format!("claim a \"x\"\n\n{broken}"));
        check(&mut cache, &format!("claim a \"x, longer\"\n\n{broken}"));
    }

    #[test]
    fn an_ast_that_was_not_recycled_is_parsed_again() {
        let text = "claim a \"x\"\nclaim b \"y\"\n";
        let mut cache = ChunkCache::default();
        check(&mut cache, text);
        // This AST is not recycled, and another is: it is ignored.
        parse_edited(FileId(1), text, &mut cache);
        let (stale, _) = parse(FileId(1), "claim c \"z\"\n");
        cache.recycle(stale);
        assert!(cache.items.is_empty());
        // The next parse starts from nothing and still agrees.
        check(&mut cache, text);
    }
}
