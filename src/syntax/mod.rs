//! Syntax: `.case` source text → [`Ast`], with located syntax errors.
//!
//! pest stops at the first error, so the file is first cut into chunks at
//! every line that starts (in column 0) with an item keyword, and each chunk is
//! parsed on its own: a broken item costs one error, and the items around it
//! are still parsed and checked.

pub mod ast;
pub(crate) mod cursor;
mod error;
mod incremental;
pub mod kinds;
mod literal;

pub use ast::*;
pub use incremental::{relocate_item, ChunkCache};
pub use kinds::ItemKind;
pub use literal::parse_date;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use std::ops::Range;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/case.pest"]
struct CaseParser;

/// At most this many syntax errors are reported per file; past it the rest of
/// the file is still parsed but its errors are summarised in one note.
const MAX_SYNTAX_ERRORS: usize = 50;

/// Parse one file. Never fails: what cannot be parsed becomes diagnostics.
pub fn parse(file: FileId, text: &str) -> (Ast, Vec<Diagnostic>) {
    parse_with(file, text, None)
}

/// Parse a new version of a file, re-using the items of every chunk whose
/// text `cache` saw in the previous version: an editor re-parses only the
/// items that changed. Hand the AST back with [`ChunkCache::recycle`] once
/// done with it.
pub fn parse_edited(file: FileId, text: &str, cache: &mut ChunkCache) -> (Ast, Vec<Diagnostic>) {
    parse_with(file, text, Some(cache))
}

fn parse_with(file: FileId, text: &str, cache: Option<&mut ChunkCache>) -> (Ast, Vec<Diagnostic>) {
    let scan = scan(text);
    let mut ast = Ast {
        items: Vec::with_capacity(scan.chunks.len()),
        comments: scan
            .comments
            .iter()
            .map(|r| Span::new(file, r.start, r.end))
            .collect(),
        broken: Vec::new(),
        templates: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    let mut suppressed = 0usize;
    let chunks = match cache {
        Some(cache) => cache.parse(file, text, &scan.chunks),
        None => {
            let threads = if text.len() < PARALLEL_PARSE_BYTES {
                1
            } else {
                std::thread::available_parallelism().map_or(1, |n| n.get())
            };
            parse_chunks(file, text, &scan.chunks, threads)
        }
    };
    for parsed in chunks {
        ast.items.extend(parsed.items);
        ast.templates.extend(parsed.templates);
        match parsed.broken {
            Some(broken) => {
                ast.broken.extend(broken);
                if diagnostics.len() < MAX_SYNTAX_ERRORS {
                    diagnostics.extend(parsed.diagnostics);
                } else {
                    suppressed += 1;
                }
            }
            None => diagnostics.extend(parsed.diagnostics),
        }
    }
    if suppressed > 0 {
        if let Some(last) = diagnostics.last_mut() {
            last.notes.push(format!(
                "{suppressed} more syntax errors in this file are not shown"
            ));
        }
    }
    (ast, diagnostics)
}

/// Below this size a file is parsed on one thread: starting threads would
/// cost more than they save.
const PARALLEL_PARSE_BYTES: usize = 256 * 1024;

/// Parse every chunk, on as many threads as the machine offers for a large
/// file. Chunks are independent, and each thread takes a contiguous run of
/// them, so concatenating the runs keeps source order: the result is the
/// same on any number of threads.
fn parse_chunks(
    file: FileId,
    text: &str,
    chunks: &[Range<usize>],
    threads: usize,
) -> Vec<ParsedChunk> {
    // Consecutive clean chunks are merged into one, so that a large file's
    // items are not held in a small vector each.
    let parse_run = |run: &[Range<usize>]| -> Vec<ParsedChunk> {
        let mut parsed_run = Vec::new();
        let mut clean = ParsedChunk {
            items: Vec::with_capacity(run.len()),
            ..ParsedChunk::default()
        };
        for batch in run.chunks(BATCH_CHUNKS) {
            if let Some(mut items) = parse_batch(file, text, batch) {
                clean.items.append(&mut items);
                continue;
            }
            for range in batch {
                let mut parsed = parse_chunk(file, range.start, &text[range.clone()]);
                if parsed.broken.is_none()
                    && parsed.diagnostics.is_empty()
                    && parsed.templates.is_empty()
                {
                    clean.items.append(&mut parsed.items);
                } else {
                    parsed_run.push(std::mem::take(&mut clean));
                    parsed_run.push(parsed);
                }
            }
        }
        parsed_run.push(clean);
        parsed_run
    };
    if threads < 2 || chunks.len() < 2 {
        return parse_run(chunks);
    }
    // Split at chunk boundaries into runs of about equal bytes.
    let mut runs = Vec::with_capacity(threads);
    let mut rest = chunks;
    for remaining_threads in (1..=threads).rev() {
        let Some(last) = rest.last() else { break };
        let first_start = rest[0].start;
        let target = first_start + (last.end - first_start) / remaining_threads;
        let split = rest.partition_point(|range| range.end <= target).max(1);
        let (run, tail) = rest.split_at(split.min(rest.len()));
        runs.push(run);
        rest = tail;
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(|| parse_run(run)))
            .collect();
        let mut parsed = Vec::with_capacity(chunks.len());
        for handle in handles {
            // A panic in a parsing thread is a bug: pass it on unchanged.
            parsed.extend(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        parsed
    })
}

/// Consecutive chunks are first parsed together, this many at a time: one
/// parser run per item costs more than the item itself.
const BATCH_CHUNKS: usize = 64;

/// The items of consecutive chunks parsed in one run, if they parse cleanly
/// and each chunk holds exactly the item it starts; `None` sends the caller
/// back to parsing them one by one, which locates errors per item (and keeps
/// an unterminated string from running on into the next chunk).
fn parse_batch(file: FileId, text: &str, batch: &[Range<usize>]) -> Option<Vec<Item>> {
    let (first, last) = (batch.first()?, batch.last()?);
    // A failed batch is not described: its error may lie where no chunk
    // parsed alone would put one.
    // A template is parsed on its own, after its depth is checked.
    if batch
        .iter()
        .any(|range| may_hold_template(&text[range.clone()]))
    {
        return None;
    }
    let pairs = CaseParser::parse(Rule::chunk, &text[first.start..last.end]).ok()?;
    let parsed = converted(file, first.start, pairs);
    if !parsed.diagnostics.is_empty() {
        return None;
    }
    // A chunk that does not start with an item keyword can only be the
    // file's first (comments and blank lines before the first item).
    let item_chunks = batch
        .iter()
        .filter(|range| starts_item(&text[range.start..range.end]))
        .map(|range| range.start);
    let mut starts = parsed.items.iter().map(|item| item.span.start as usize);
    let aligned = item_chunks.eq(starts.by_ref()) && starts.next().is_none();
    aligned.then_some(parsed.items)
}

/// What one chunk parses to, with spans from byte `base` of the file.
#[derive(Debug, Default)]
struct ParsedChunk {
    items: Vec<Item>,
    templates: Vec<Template>,
    /// The syntax error of a chunk that does not parse, or the literal errors
    /// (E0003) of one that does.
    diagnostics: Vec<Diagnostic>,
    /// `Some` when the chunk does not parse: the item it seems to start.
    broken: Option<Option<(ItemKind, String)>>,
}

fn parse_chunk(file: FileId, base: usize, chunk: &str) -> ParsedChunk {
    if let Some(at) = template_too_deep(chunk) {
        return ParsedChunk {
            diagnostics: vec![error::too_deep(file, base + at, MAX_TEMPLATE_DEPTH)],
            broken: Some(broken_item(chunk)),
            ..ParsedChunk::default()
        };
    }
    match CaseParser::parse(Rule::chunk, chunk) {
        Ok(pairs) => converted(file, base, pairs),
        Err(err) => {
            if let Some(recovered) = unclosed_body(file, base, chunk, &err) {
                return recovered;
            }
            ParsedChunk {
                diagnostics: vec![error::describe(file, base, chunk, &err)],
                broken: Some(broken_item(chunk)),
                ..ParsedChunk::default()
            }
        }
    }
}

/// A chunk whose only fault is a body that is never closed: reported at its
/// `{`, and parsed with the `}` put back, so that its item is still checked
/// (one mistake, one finding). `None` if that does not parse either.
fn unclosed_body(
    file: FileId,
    base: usize,
    chunk: &str,
    err: &pest::error::Error<Rule>,
) -> Option<ParsedChunk> {
    let at = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let (diagnostic, end) = error::unclosed_brace(file, base, chunk, at)?;
    let mut mended = String::with_capacity(chunk.len() + 1);
    mended.push_str(&chunk[..end]);
    mended.push('}');
    mended.push_str(&chunk[end..]);
    let pairs = CaseParser::parse(Rule::chunk, &mended).ok()?;
    let mut parsed = converted(file, base, pairs);
    // The `}` put back is not in the file: spans end at the body's last token.
    let limit = (base + end) as u32;
    for item in &mut parsed.items {
        item.span.end = item.span.end.min(limit);
        if let Some(body) = &mut item.body {
            body.span.end = body.span.end.min(limit);
        }
    }
    parsed.diagnostics.insert(0, diagnostic);
    parsed.broken = Some(None);
    Some(parsed)
}

/// How deeply a template's braces may nest: the template's own, a part,
/// parts within it, an item's body. The grammar recurses once per level, so
/// this bound keeps any input from exhausting the parser's stack.
pub(crate) const MAX_TEMPLATE_DEPTH: usize = 12;

fn starts_template(chunk: &str) -> bool {
    let chunk = chunk.trim_start_matches('\u{feff}');
    chunk.starts_with("template") && chunk[8..].starts_with([' ', '\t', '\r', '\n'])
}

/// Whether pest may meet a template in `chunk`: one may follow an item on
/// its line, in the item's chunk.
fn may_hold_template(chunk: &str) -> bool {
    chunk.contains("template")
}

/// Where the braces of a chunk that may hold a template first nest deeper
/// than [`MAX_TEMPLATE_DEPTH`], outside strings and comments; `None` for any
/// other chunk. Linear in the chunk. Templates are the only rules of the
/// grammar that nest, so this bounds pest's recursion (which has no stack
/// guard: see `lib.rs`).
fn template_too_deep(chunk: &str) -> Option<usize> {
    if !may_hold_template(chunk) {
        return None;
    }
    let bytes = chunk.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += chunk[i..].find('\n').unwrap_or(chunk.len() - i);
                continue;
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3 + chunk[i + 3..]
                    .find("\"\"\"")
                    .map_or(chunk.len() - i - 3, |n| n + 3);
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_TEMPLATE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The items of a chunk that parsed, with the literal errors in them.
fn converted(file: FileId, base: usize, mut pairs: Pairs<Rule>) -> ParsedChunk {
    let mut parsed = ParsedChunk::default();
    let convert = Converter {
        file,
        base,
        diagnostics: &mut parsed.diagnostics,
    };
    let mut items = (Vec::new(), Vec::new());
    if let Some(pair) = pairs.next() {
        convert.chunk(pair, &mut items);
    }
    (parsed.items, parsed.templates) = items;
    parsed
}

/// What a linear pre-scan of the file finds: item chunks and comments.
struct Scan {
    chunks: Vec<std::ops::Range<usize>>,
    comments: Vec<std::ops::Range<usize>>,
}

fn scan(text: &str) -> Scan {
    #[derive(PartialEq)]
    enum State {
        Code,
        LineString,
        BlockString,
    }
    let bytes = text.as_bytes();
    let mut chunk_starts = vec![0usize];
    let mut comments = Vec::new();
    let mut state = State::Code;
    let mut i = 0;
    let mut line_start = true;
    let mut in_template = false;
    while i < bytes.len() {
        // A new item begins at a keyword in column 0, outside `"""` strings.
        // An unterminated `"…"` string therefore ends at the next item.
        let keyword = line_start && state != State::BlockString && starts_item(&text[i..]);
        // Inside a template, a line that merely looks like an item (`for x
        // in list {`, `optional part {`) belongs to the template.
        let lookalike =
            line_start && !in_template && state == State::Code && looks_like_item(&text[i..]);
        if keyword || lookalike {
            if i != 0 {
                chunk_starts.push(i);
            }
            state = State::Code;
            in_template = keyword && starts_template(&text[i..]);
        }
        line_start = false;
        let b = bytes[i];
        match state {
            State::Code => {
                if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
                    let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                    comments.push(i..end);
                    i = end;
                    continue;
                } else if bytes[i..].starts_with(b"\"\"\"") {
                    state = State::BlockString;
                    i += 3;
                    continue;
                } else if b == b'"' {
                    state = State::LineString;
                }
            }
            State::LineString => {
                if b == b'\\' {
                    i += 1;
                } else if b == b'"' {
                    state = State::Code;
                }
            }
            State::BlockString => {
                if bytes[i..].starts_with(b"\"\"\"") {
                    state = State::Code;
                    i += 3;
                    continue;
                }
            }
        }
        if bytes.get(i) == Some(&b'\n') {
            line_start = true;
        }
        i += 1;
    }
    let mut chunks: Vec<_> = chunk_starts
        .windows(2)
        .map(|pair| pair[0]..pair[1])
        .collect();
    chunks.push(chunk_starts[chunk_starts.len() - 1]..text.len());
    Scan { chunks, comments }
}

/// The kind and id a broken chunk starts with, if it starts like an item
/// (with another notation's word or a misspelling for its kind, the kind
/// meant).
fn broken_item(chunk: &str) -> Option<(ItemKind, String)> {
    let mut words = chunk.split_whitespace();
    let word = words.next()?;
    let kind = ItemKind::from_keyword(word).or_else(|| {
        error::intended_keyword(word).and_then(|(keyword, _)| ItemKind::from_keyword(keyword))
    })?;
    let id: String = words
        .next()
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    Some((kind, id))
}

/// Whether `word` can be written as an id (the grammar's `ident`).
pub(crate) fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A line that starts like an item with a word that is not an item keyword
/// (`goal g1 "…"`, `evidense e1 {`): its own chunk, so that the mistake
/// costs that item only, not also the item above it.
fn looks_like_item(rest: &str) -> bool {
    let word = |text: &str| {
        text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(text.len())
    };
    let first = word(rest);
    if first == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let after = &rest[first..];
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    if gap == 0 {
        return false;
    }
    let after = &after[gap..];
    let id = word(after);
    if id == 0 || !is_identifier(&after[..id]) {
        return false;
    }
    let after = after[id..].trim_start_matches([' ', '\t']);
    after.starts_with(['"', '{'])
}

/// Whether `word` can be written where an id is read: identifiers joined by
/// dots (`instance.element`, see the grammar's `ident`).
pub(crate) fn is_reference(word: &str) -> bool {
    word.split('.').all(is_identifier)
}

fn starts_item(rest: &str) -> bool {
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    word_end > 0
        && ItemKind::from_keyword(&rest[..word_end]).is_some()
        && rest[word_end..].starts_with([' ', '\t', '\r', '\n'])
}

/// Turns pest pairs of one chunk into AST nodes with file-relative spans.
struct Converter<'d> {
    file: FileId,
    base: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Converter<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.file, self.base + span.start(), self.base + span.end())
    }

    fn chunk(mut self, pair: Pair<Rule>, parsed: &mut (Vec<Item>, Vec<Template>)) {
        for pair in pair.into_inner() {
            match pair.as_rule() {
                Rule::item => parsed.0.push(self.item(pair)),
                Rule::template => parsed.1.push(self.template(pair)),
                _ => {}
            }
        }
    }

    fn template(&mut self, pair: Pair<Rule>) -> Template {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind_span = inner.next().map_or(span, |p| self.span(&p));
        let mut template = Template {
            kind_span,
            id: Name {
                name: Default::default(),
                span,
            },
            text: None,
            params: Vec::new(),
            members: Vec::new(),
            span,
        };
        for part in inner {
            match part.as_rule() {
                Rule::ident => template.id = self.name(&part),
                Rule::text => template.text = Some(self.text(part)),
                Rule::param => template.params.push(self.param(part)),
                _ => {
                    if let Some(member) = self.member(part) {
                        template.members.push(member);
                    }
                }
            }
        }
        template
    }

    fn param(&mut self, pair: Pair<Rule>) -> Param {
        let span = self.span(&pair);
        let mut names = Vec::new();
        let mut text = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::ident => names.push(self.name(&part)),
                Rule::text => text = Some(self.text(part)),
                _ => {}
            }
        }
        let mut names = names.into_iter();
        let blank = || Name {
            name: Default::default(),
            span,
        };
        Param {
            name: names.next().unwrap_or_else(blank),
            kind: names.next().unwrap_or_else(blank),
            text,
            span,
        }
    }

    /// A template member; `None` for what is not one (keywords, braces).
    fn member(&mut self, pair: Pair<Rule>) -> Option<Member> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::template_item => Some(Member::Item(self.item(pair))),
            Rule::param => Some(Member::Param(self.param(pair))),
            Rule::for_part => {
                let mut names = Vec::new();
                let mut members = Vec::new();
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::ident => names.push(self.name(&part)),
                        _ => members.extend(self.member(part)),
                    }
                }
                let mut names = names.into_iter();
                let blank = || Name {
                    name: Default::default(),
                    span,
                };
                Some(Member::For {
                    var: names.next().unwrap_or_else(blank),
                    list: names.next().unwrap_or_else(blank),
                    members,
                    span,
                })
            }
            Rule::optional_part => Some(Member::Optional(self.part(pair))),
            Rule::choice_part => {
                let (part, options) = self.part_with_options(pair);
                Some(Member::Choice { part, options })
            }
            _ => None,
        }
    }

    /// `KEYWORD NAME "text" { members }`
    fn part(&mut self, pair: Pair<Rule>) -> Part {
        self.part_with_options(pair).0
    }

    /// A part, and the options inside it when it is a choice.
    fn part_with_options(&mut self, pair: Pair<Rule>) -> (Part, Vec<Part>) {
        let span = self.span(&pair);
        let mut options = Vec::new();
        let mut part = Part {
            name: Name {
                name: Default::default(),
                span,
            },
            text: None,
            members: Vec::new(),
            span,
        };
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::ident => part.name = self.name(&inner),
                Rule::text => part.text = Some(self.text(inner)),
                Rule::choice_option => options.push(self.part(inner)),
                _ => part.members.extend(self.member(inner)),
            }
        }
        (part, options)
    }

    fn item(&mut self, pair: Pair<Rule>) -> Item {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let mut item = Item {
            kind: ItemKind::Case,
            kind_span: span,
            id: Name {
                name: Default::default(),
                span,
            },
            text: None,
            body: None,
            span,
        };
        for part in inner.by_ref() {
            match part.as_rule() {
                Rule::item_kind => {
                    item.kind_span = self.span(&part);
                    // The grammar accepts only the table's keywords (tests/kinds.rs).
                    item.kind = ItemKind::from_keyword(part.as_str()).unwrap_or(ItemKind::Case);
                }
                Rule::ident | Rule::pattern_ident => item.id = self.name(&part),
                Rule::text => item.text = Some(self.text(part)),
                Rule::body | Rule::template_body => item.body = Some(self.body(part)),
                _ => {}
            }
        }
        item
    }

    fn name(&self, pair: &Pair<Rule>) -> Name {
        Name {
            name: pair.as_str().into(),
            span: self.span(pair),
        }
    }

    fn body(&mut self, pair: Pair<Rule>) -> Body {
        let span = self.span(&pair);
        let text = pair.as_str();
        let mut properties: Vec<Property> = pair
            .into_inner()
            .filter(|p| matches!(p.as_rule(), Rule::property | Rule::template_property))
            .map(|p| self.property(p))
            .collect();
        // Whether each property starts on the line where the one before it
        // ends (its last value, or its key), for the hints on a missing `,`
        // or `:` (`shows: a b`, `kind ai`).
        let body_start = span.start;
        for i in 1..properties.len() {
            let previous = &properties[i - 1];
            let end = previous
                .values
                .last()
                .map_or(previous.key_span.end, |v| v.span.end);
            let start = properties[i].key_span.start;
            let gap = text.get((end - body_start) as usize..(start - body_start) as usize);
            properties[i].same_line = gap.is_some_and(|gap| !gap.contains('\n'));
        }
        Body {
            properties: properties.into_boxed_slice(),
            span,
        }
    }

    fn property(&mut self, pair: Pair<Rule>) -> Property {
        let span = self.span(&pair);
        let mut property = Property {
            key: Key::SupportedBy,
            key_span: span,
            values: Box::default(),
            // Set by the values: the grammar has no `:` without them, and the
            // pair's text may run on over a comment that holds a `:`.
            has_colon: false,
            same_line: false,
            span,
        };
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::key => {
                    property.key_span = self.span(&part);
                    let key = part.into_inner().next();
                    property.key = match key.as_ref().map(Pair::as_rule) {
                        Some(Rule::supported_by) => Key::SupportedBy,
                        Some(Rule::in_context_of) => Key::InContextOf,
                        _ => Key::Named(key.map_or_else(Default::default, |k| k.as_str().into())),
                    };
                }
                Rule::values | Rule::template_values => {
                    property.has_colon = true;
                    property.values = part.into_inner().map(|value| self.value(value)).collect();
                }
                _ => {}
            }
        }
        property
    }

    fn value(&mut self, pair: Pair<Rule>) -> Value {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::ident | Rule::pattern_ident => ValueKind::Name(pair.as_str().into()),
            Rule::text => ValueKind::Text(self.text(pair)),
            Rule::number => literal::number(pair.as_str(), span, self.diagnostics),
            Rule::date => literal::date(pair.as_str(), span, self.diagnostics)
                .map_or(ValueKind::Invalid, ValueKind::Date),
            _ => {
                let dates: Vec<Option<Date>> = pair
                    .into_inner()
                    .filter(|d| d.as_rule() == Rule::date)
                    .map(|d| {
                        let span = self.span(&d);
                        literal::date(d.as_str(), span, self.diagnostics)
                    })
                    .collect();
                match dates.as_slice() {
                    [Some(from), Some(to)] => ValueKind::Range(*from, *to),
                    _ => ValueKind::Invalid,
                }
            }
        };
        Value { kind, span }
    }

    fn text(&mut self, pair: Pair<Rule>) -> Text {
        let span = self.span(&pair);
        let literal = pair.into_inner().next();
        let block = literal.as_ref().map(Pair::as_rule) == Some(Rule::block_string);
        let raw = literal
            .and_then(|l| l.into_inner().next())
            .map_or("", |inner| inner.as_str());
        // The content starts after the opening quote(s).
        let content_start = span.start as usize + if block { 3 } else { 1 };
        let value = if block {
            literal::block_string(raw)
        } else {
            literal::line_string(raw, self.file, content_start, self.diagnostics)
        };
        Text {
            value: value.into(),
            block,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// Items, diagnostics and broken items of parsed chunks, in order.
    fn flatten(chunks: Vec<ParsedChunk>) -> String {
        let mut all = (Vec::new(), Vec::new(), Vec::new());
        for chunk in chunks {
            all.0.extend(chunk.items);
            all.1.extend(chunk.diagnostics);
            all.2.extend(chunk.broken);
        }
        format!("{all:?}")
    }

    #[test]
    fn batches_of_chunks_parse_as_the_chunks_do_one_by_one() {
        let one_by_one = |text: &str| {
            let scan = scan(text);
            let chunks = scan.chunks.iter();
            flatten(
                chunks
                    .map(|range| parse_chunk(FileId(1), range.start, &text[range.clone()]))
                    .collect(),
            )
        };
        let batched = |text: &str| flatten(parse_chunks(FileId(1), text, &scan(text).chunks, 1));
        let tricky = [
            // An unterminated string that, parsed together with the next
            // chunk, swallows its keyword and still parses.
            "claim a \"open\nclaim b \" claim c \"z\"\n",
            // An indented item inside another's chunk.
            "claim d \"d\"\n  claim e \"e\"\n",
            // Comments before the first item; a bad literal.
            "// leading\n\nevidence f \"f\" { date: 2026-02-30 }\nclaim g \"g\"\n",
        ];
        for text in tricky {
            assert_eq!(batched(text), one_by_one(text), "{text}");
        }
        let mut examples = 0;
        for entry in std::fs::read_dir("examples")
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            examples += 1;
            assert_eq!(
                batched(&text),
                one_by_one(&text),
                "{}",
                entry.path().display()
            );
        }
        assert!(examples > 3, "the examples are read from the crate root");
    }

    #[test]
    fn a_trailing_comma_before_a_link_is_named() {
        let text = "claim c \"C\" {\n  addresses: o,\n  in context of: d\n}\n";
        let (_, errors) = parse(FileId(1), text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.starts_with("expected a value"),
            "{}",
            errors[0].message
        );
        assert!(errors[0]
            .help
            .as_ref()
            .is_some_and(|h| h.contains("may not end with `,`")));
        // Ids that merely start like a link phrase are still ids.
        let (ast, errors) = parse(
            FileId(1),
            "claim c \"C\" { supported by: in_a, supported }\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            ast.items[0]
                .body
                .as_ref()
                .map(|b| b.properties[0].values.len()),
            Some(2)
        );
    }

    #[test]
    fn an_unclosed_string_is_named_as_such() {
        for (text, quotes) in [
            ("context n \"never closed\n  on two lines\n", "`\"`"),
            ("context n \"an escaped \\\" is no end\n", "`\"`"),
            ("context n \"\"\" block\n  text\n", "`\"\"\"`"),
        ] {
            let (_, errors) = parse(FileId(1), text);
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(errors[0].message, "this string is never closed");
            assert_eq!(errors[0].primary.span.start, 10, "{text}");
            assert!(errors[0].help.as_ref().is_some_and(|h| h.contains(quotes)));
        }
    }

    #[test]
    fn a_byte_order_mark_is_read_as_white_space_only_at_the_start_of_the_file() {
        let (ast, errors) = parse(FileId(1), "\u{feff}case c \"C\"\nclaim a \"A\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(ast.items.len(), 2);
        assert_eq!(ast.items[0].span.start, 3, "the item starts after the mark");
        let (_, errors) = parse(FileId(1), "\u{feff}// note\n\nclaim a \"A\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        for text in [
            "case c \"C\"\nclaim a\u{feff} \"A\"\n",
            "claim a \"A\" {\u{feff}}\n",
            "\u{feff}\u{feff}claim a \"A\"\n",
        ] {
            let (_, errors) = parse(FileId(1), text);
            assert_eq!(errors.len(), 1, "{text:?}: {errors:?}");
            let at = text.rfind('\u{feff}').unwrap_or(0);
            assert_eq!(errors[0].primary.span.range(), at..at + 3, "{text:?}");
            assert!(
                errors[0].message.contains("U+FEFF"),
                "{}",
                errors[0].message
            );
        }
    }

    #[test]
    fn a_comment_between_a_key_and_its_colon_is_described_without_a_panic() {
        // The comment ends in a two-byte character where `key:` would start.
        let (_, errors) = parse(FileId(1), "claim a \"x\" {\n  k //\u{e9}\n: }\n");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("after `:`"),
            "{}",
            errors[0].message
        );
        // Where only a batch of items would meet that error.
        let (_, errors) = parse(
            FileId(1),
            "claim a \"open\nclaim b \" { k //\u{e9}\n: }\"\n",
        );
        assert!(
            errors.iter().all(|e| e.code == Code::SyntaxError),
            "{errors:?}"
        );
    }

    #[test]
    fn an_error_after_a_comment_ending_in_non_ascii_text_names_the_code_before_it() {
        // The comment's last word follows a three-byte dash.
        let (_, errors) = parse(
            FileId(1),
            "claim a \"x\" {\n  k: v,\n  // draft \u{2014}v2\n}\n",
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.ends_with("after `,`, found `}`"),
            "{}",
            errors[0].message
        );
        let (_, errors) = parse(FileId(1), "// draft \u{2014}v2\n}\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(!errors[0].message.contains("v2"), "{}", errors[0].message);
        // A `//` inside a string on the last line is no comment.
        let (_, errors) = parse(FileId(1), "claim a \"x\" { k: \"http://\u{e9}\" ; }\n");
        assert!(
            errors[0].message.contains("after `\"`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_long_run_of_non_ascii_letters_at_an_error_is_quoted_whole_characters() {
        let word = "\u{6f22}".repeat(14);
        let (_, errors) = parse(FileId(1), &format!("claim a \"x\" {{ {word} }}\n"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        let found = &errors[0].message;
        assert!(found.contains(&"\u{6f22}".repeat(13)), "{found}");
        let span = errors[0].primary.span;
        assert!(span.end > span.start);
    }

    #[test]
    fn parsing_on_several_threads_gives_the_same_result_as_on_one() {
        let mut text = crate::synth::generate(300);
        // Broken items and bad literals among clean ones, at both ends of runs.
        text.insert_str(0, "claim {\n\n");
        text.push_str("\nevidence e \"x\" { date: 2026-13-40 }\n\nclaim z z z\n");
        let middle = text.len() / 2;
        let at = middle + text[middle..].find("\n\n").unwrap_or(0) + 2;
        text.insert_str(at, "argument } oops\n\n");
        let scan = scan(&text);
        let debug = |threads| flatten(parse_chunks(FileId(1), &text, &scan.chunks, threads));
        let one = debug(1);
        assert!(
            one.contains("SyntaxError") && one.contains("InvalidLiteral"),
            "the fixture must have errors"
        );
        for threads in [2, 3, 7] {
            assert_eq!(debug(threads), one, "{threads} threads");
        }
    }

    fn parse_ok(text: &str) -> Ast {
        let (ast, diagnostics) = parse(FileId(1), text);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        ast
    }

    #[test]
    fn parses_an_item_with_links_flags_and_values() {
        let ast = parse_ok(
            "claim c1 \"The agent is safe\" {\n  about: agent\n  undeveloped\n  risk: 1e-4\n  supported by: a1, a2\n  in context of: d\n}\n",
        );
        let item = &ast.items[0];
        assert_eq!(item.kind, ItemKind::Claim);
        assert_eq!(item.id.name, "c1");
        assert_eq!(
            item.text.as_ref().unwrap().value.as_ref(),
            "The agent is safe"
        );
        let props = &item.body.as_ref().unwrap().properties;
        let keys: Vec<&str> = props.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "about",
                "undeveloped",
                "risk",
                "supported by",
                "in context of"
            ]
        );
        assert!(props[1].values.is_empty() && !props[1].has_colon);
        assert_eq!(props[3].values.len(), 2);
        assert_eq!(
            props[2].values[0].kind,
            ValueKind::Number {
                value: 1e-4,
                percent: false,
                written: "1e-4".into()
            }
        );
    }

    #[test]
    fn line_strings_fold_line_breaks_and_block_strings_keep_them() {
        let ast = parse_ok(
            "claim a \"one\n     two\" \nclaim b \"\"\"\n    first\n      second\n    \"\"\"\n",
        );
        assert_eq!(
            ast.items[0].text.as_ref().unwrap().value.as_ref(),
            "one two"
        );
        assert_eq!(
            ast.items[1].text.as_ref().unwrap().value.as_ref(),
            "first\n  second"
        );
    }

    #[test]
    fn a_broken_item_does_not_hide_the_next_one() {
        let (ast, diagnostics) = parse(
            FileId(1),
            "claim a \"x\" { supported by: }\nclaim b \"y\"\n// note\nevidence e \"z\"\n",
        );
        assert_eq!(diagnostics.len(), 1);
        let ids: Vec<&str> = ast.items.iter().map(|i| i.id.name.as_str()).collect();
        assert_eq!(ids, ["b", "e"]);
        assert_eq!(ast.comments.len(), 1);
    }

    #[test]
    fn an_unterminated_string_ends_at_the_next_item() {
        let (ast, diagnostics) = parse(FileId(1), "claim a \"x\nclaim b \"y\"\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(ast.items.len(), 1);
        assert_eq!(ast.items[0].id.name, "b");
    }

    #[test]
    fn identifiers_follow_the_grammar() {
        for word in ["a", "_b", "c-1_d"] {
            assert!(is_identifier(word), "{word}");
            assert!(parse(FileId(1), &format!("claim {word} \"x\""))
                .1
                .is_empty());
        }
        for word in ["", "1a", "-a", "a b", "é"] {
            assert!(!is_identifier(word), "{word}");
        }
    }

    #[test]
    fn non_ascii_text_anywhere_does_not_crash_the_scanner() {
        let (ast, _) = parse(
            FileId(1),
            "claim a \"\"\"\n  Café\n  \"\"\"\nclaim é \"x\"\n",
        );
        assert_eq!(ast.items[0].text.as_ref().unwrap().value.as_ref(), "Café");
    }

    #[test]
    fn a_colon_in_a_comment_after_a_flag_is_not_the_flags() {
        let ast = parse_ok("claim a \"x\" {\n  undeveloped // note: later\n}\n");
        assert!(!ast.items[0].body.as_ref().unwrap().properties[0].has_colon);
    }

    #[test]
    fn dates_ranges_and_percentages() {
        let ast = parse_ok("decision d \"x\" { window: 2026-01-01 to 2026-06-30 threshold: 1% }");
        let props = &ast.items[0].body.as_ref().unwrap().properties;
        let window = Date {
            year: 2026,
            month: 1,
            day: 1,
        };
        let end = Date {
            year: 2026,
            month: 6,
            day: 30,
        };
        assert_eq!(props[0].values[0].kind, ValueKind::Range(window, end));
        assert_eq!(
            props[1].values[0].kind,
            ValueKind::Number {
                value: 1.0,
                percent: true,
                written: "1%".into()
            }
        );
    }
}
