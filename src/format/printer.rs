//! Lays out a parsed file in the canonical style (docs/formatting.md).
//!
//! Tokens are written in source order from the syntax tree; before each one,
//! the comments that precede it in the source are written. A comment that
//! shares its source line with code stays at the end of the output line and
//! forces a line break after it; a comment on its own line stays on its own
//! line. Blank lines are kept (one at most) between items, properties and
//! comment groups; everything else about spacing is decided here.

use super::strings::{flatten, segments, width};
use crate::source::Span;
use crate::syntax::{
    Ast, Item, Member, Param, Part, Property, Template, TemplateEntry, Text, ValueKind,
};

/// The widest line the formatter aims for, in characters.
pub const WIDTH: usize = 100;
/// Indentation of the properties in a body.
const PROPERTY_INDENT: usize = 2;
/// Indentation of a line that continues a property, a string or an item head.
const CONTINUATION_INDENT: usize = 4;

/// Where a line starts, which decides its indentation and blank lines.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Items and the comments between them.
    Top,
    /// Properties, the comments between them, and the closing brace.
    Body,
    /// Inside an item head or a property (after a comment broke the line).
    Continuation,
}

/// What the printer can go back to when a one-line body does not fit.
struct Mark {
    out: usize,
    column: usize,
    last_end: usize,
    next_comment: usize,
}

pub(crate) struct Printer<'s> {
    source: &'s str,
    ast: &'s Ast,
    comments: &'s [Span],
    next_comment: usize,
    out: String,
    column: usize,
    /// A comment ends the current line: the next token starts a new one.
    break_pending: bool,
    /// Where in the source the last written token or comment ends.
    last_end: usize,
    /// The next line at the top level follows an item: one blank line.
    after_item: bool,
    /// The next line in a body follows its `{`: no blank line.
    after_open_brace: bool,
    /// The indentation of the items being printed: 0 at the top, more in a
    /// template and its parts.
    base: usize,
}

impl<'s> Printer<'s> {
    pub fn new(source: &'s str, ast: &'s Ast) -> Printer<'s> {
        Printer {
            source,
            ast,
            comments: &ast.comments,
            next_comment: 0,
            out: String::with_capacity(source.len() + source.len() / 8),
            column: 0,
            break_pending: false,
            last_end: 0,
            after_item: false,
            after_open_brace: false,
            base: 0,
        }
    }

    pub fn print(mut self) -> String {
        let ast = self.ast;
        // Items and templates, in source order.
        let mut templates = ast.templates.iter().peekable();
        let mut after_import = false;
        for item in &ast.items {
            while let Some(template) = templates.next_if(|t| t.span.start < item.span.start) {
                self.template(template);
                after_import = false;
            }
            // Imports in a row sit tight, as a list of what the file uses.
            let import = item.kind == crate::syntax::ItemKind::Import;
            if import && after_import {
                self.after_item = false;
            }
            self.item(item);
            after_import = import;
        }
        for template in templates {
            self.template(template);
        }
        self.comments_before(usize::MAX, Place::Top);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }

    fn item(&mut self, item: &Item) {
        let keyword = item.kind.keyword();
        self.line_token(keyword, item.kind_span, self.base, Place::Top);
        let item_start = self.out.len() - keyword.len();
        self.inline_token(&item.id.name, item.id.span, false);
        if let Some(text) = &item.text {
            // An item's text is its headline: kept on one line, so that it
            // reads (and greps) as one sentence.
            self.text(text, "", false, false);
        }
        if let Some(body) = &item.body {
            // The brace joins the head: comments before it follow it instead.
            self.out.push_str(" {");
            self.column += 2;
            self.after_open_brace = true;
            let end = body.span.end as usize;
            let mark = self.mark();
            let one_line = body.properties.len() <= 1
                && !self.has_comment_in(item.kind_span.start as usize, end);
            if one_line && self.one_line_body(&body.properties, item_start, end) {
                self.after_item = true;
                return;
            }
            self.reset(mark);
            for property in &body.properties {
                self.property(property);
            }
            self.close(end);
        }
        self.after_open_brace = false;
        self.after_item = true;
    }

    /// The closing `}` of a body or part ending at source offset `end`.
    fn close(&mut self, end: usize) {
        self.comments_before(end - 1, Place::Body);
        self.new_line(self.base, false);
        self.write("}");
        self.break_pending = false;
        self.last_end = end;
    }

    /// `template ID "text" {`, its parameters, then its members, indented.
    fn template(&mut self, template: &Template) {
        self.line_token("template", template.kind_span, self.base, Place::Top);
        self.inline_token(&template.id.name, template.id.span, false);
        if let Some(text) = &template.text {
            self.text(text, "", false, false);
        }
        self.open_part();
        // In the order written: a parameter after a member stays there (the
        // verification compares the order too). Parameters in a row sit
        // tight; a blank line parts them from members, either way round.
        let mut after_param = false;
        for entry in template.written_order() {
            match entry {
                TemplateEntry::Param(param) => {
                    if after_param {
                        self.after_item = false;
                    }
                    self.param(param);
                    after_param = true;
                }
                TemplateEntry::Member(member) => {
                    self.after_item |= after_param;
                    self.member(member);
                    after_param = false;
                }
            }
        }
        self.close_part(template.span.end as usize);
    }

    fn open_part(&mut self) {
        self.out.push_str(" {");
        self.column += 2;
        self.after_open_brace = true;
        self.after_item = false;
        self.base += PROPERTY_INDENT;
    }

    fn close_part(&mut self, end: usize) {
        self.base -= PROPERTY_INDENT;
        self.close(end);
        self.after_open_brace = false;
        self.after_item = true;
    }

    fn param(&mut self, param: &Param) {
        self.line_token("param", param.span, self.base, Place::Top);
        self.inline_token(&format!("{}:", param.name.name), param.name.span, false);
        self.inline_token(&param.kind.name, param.kind.span, false);
        if let Some(text) = &param.text {
            self.text(text, "", true, true);
        }
    }

    fn members(&mut self, members: &[Member]) {
        for member in members {
            self.member(member);
        }
    }

    fn member(&mut self, member: &Member) {
        match member {
            Member::Item(item) => self.item(item),
            Member::Param(param) => self.param(param),
            Member::For {
                var,
                list,
                members,
                span,
            } => {
                self.line_token("for", *span, self.base, Place::Top);
                self.inline_token(&var.name, var.span, false);
                self.write(" in");
                self.inline_token(&list.name, list.span, false);
                self.open_part();
                self.members(members);
                self.close_part(span.end as usize);
            }
            Member::Optional(part) => self.part("optional", part, |p| p.members(&part.members)),
            Member::Choice { part, options } => self.part("choice", part, |p| {
                for option in options {
                    p.part("option", option, |p| p.members(&option.members));
                }
            }),
        }
    }

    /// `KEYWORD NAME "text" { … }`, the inside written by `inner`.
    fn part(&mut self, keyword: &str, part: &Part, inner: impl FnOnce(&mut Self)) {
        self.line_token(keyword, part.span, self.base, Place::Top);
        self.inline_token(&part.name.name, part.name.span, false);
        if let Some(text) = &part.text {
            self.text(text, "", false, false);
        }
        self.open_part();
        inner(self);
        self.close_part(part.span.end as usize);
    }

    /// `KIND ID "text" { key: value }` on one line, if it fits; `{}` if empty.
    fn one_line_body(&mut self, properties: &[Property], item_start: usize, end: usize) -> bool {
        match properties.first() {
            None => self.out.push('}'),
            Some(property) => {
                self.inline_token(&key_text(property), property.key_span, false);
                self.values(property);
                self.out.push_str(" }");
            }
        }
        self.column += if properties.is_empty() { 1 } else { 2 };
        self.last_end = end;
        self.after_open_brace = false;
        self.column <= WIDTH && !self.out[item_start..].contains('\n')
    }

    fn property(&mut self, property: &Property) {
        self.line_token(
            &key_text(property),
            property.key_span,
            self.base + PROPERTY_INDENT,
            Place::Body,
        );
        self.values(property);
    }

    fn values(&mut self, property: &Property) {
        let last = property.values.len().saturating_sub(1);
        for (i, value) in property.values.iter().enumerate() {
            let suffix = if i < last { "," } else { "" };
            // The first value stays beside its key; later ones move to a
            // continuation line when they do not fit.
            let may_break = i > 0;
            match &value.kind {
                ValueKind::Text(text) => self.text(text, suffix, may_break, true),
                ValueKind::Name(name) => {
                    self.inline_token(&format!("{name}{suffix}"), value.span, may_break)
                }
                ValueKind::Range(from, to) => {
                    self.inline_token(&format!("{from} to {to}{suffix}"), value.span, may_break)
                }
                ValueKind::Number { .. } | ValueKind::Date(_) | ValueKind::Invalid => {
                    let written = self.source.get(value.span.range()).unwrap_or("");
                    self.inline_token(&format!("{written}{suffix}"), value.span, may_break)
                }
            }
        }
    }

    /// A string: `"""…"""` exactly as written; `"…"` on one line, or (if
    /// `wrap`) wrapped at spaces onto continuation lines when it does not fit.
    fn text(&mut self, text: &Text, suffix: &str, may_break: bool, wrap: bool) {
        let written = self.source.get(text.span.range()).unwrap_or("");
        if text.block {
            self.inline_token(&format!("{written}{suffix}"), text.span, may_break);
            return;
        }
        let content = flatten(
            written
                .get(1..written.len().saturating_sub(1))
                .unwrap_or(""),
        );
        let whole = format!("\"{content}\"{suffix}");
        self.comments_before(text.span.start as usize, Place::Continuation);
        self.separate(width(&whole), may_break);
        if !wrap || self.column + width(&whole) <= WIDTH {
            self.write(&whole);
        } else {
            self.wrapped(&content, suffix);
        }
        self.last_end = text.span.end as usize;
    }

    fn wrapped(&mut self, content: &str, suffix: &str) {
        self.write("\"");
        let parts = segments(content);
        let last = parts.len() - 1;
        for (i, part) in parts.iter().enumerate() {
            // The closing quote must fit on the line of the last part.
            let needed = width(part) + usize::from(i == last);
            if i > 0 {
                if self.column + 1 + needed > WIDTH {
                    self.new_line(self.base + CONTINUATION_INDENT, false);
                } else {
                    self.write(" ");
                }
            }
            self.write(part);
        }
        self.write("\"");
        self.write(suffix);
    }

    /// A token that starts a line: an item keyword, a property key, `}`.
    fn line_token(&mut self, text: &str, span: Span, indent: usize, place: Place) {
        self.comments_before(span.start as usize, place);
        let blank = self.wants_blank_line(place, span.start as usize);
        self.new_line(indent, blank);
        self.write(text);
        self.break_pending = false;
        self.last_end = span.end as usize;
    }

    /// A token that follows others on its line.
    fn inline_token(&mut self, text: &str, span: Span, may_break: bool) {
        self.comments_before(span.start as usize, Place::Continuation);
        self.separate(width(text), may_break);
        self.write(text);
        self.last_end = span.end as usize;
    }

    /// A space before the next token, or a line break when a comment ended
    /// the line or the token does not fit (and breaking gains room).
    fn separate(&mut self, token_width: usize, may_break: bool) {
        let continuation = self.base + CONTINUATION_INDENT;
        let overflows = self.column + 1 + token_width > WIDTH && self.column > continuation;
        if self.break_pending || (may_break && overflows) {
            self.new_line(continuation, false);
            self.break_pending = false;
        } else {
            self.write(" ");
        }
    }

    /// Write every comment that starts before `offset` in the source.
    fn comments_before(&mut self, offset: usize, place: Place) {
        while let Some(&span) = self.comments.get(self.next_comment) {
            let (start, end) = (span.start as usize, span.end as usize);
            if start >= offset {
                break;
            }
            self.next_comment += 1;
            let comment = self.source.get(start..end).unwrap_or("").trim_end();
            let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
            let own_line = self.source[line_start..start].trim().is_empty();
            // A comment after code stays beside it, unless the line
            // already ends in a comment.
            if own_line || self.break_pending || self.out.is_empty() || self.out.ends_with('\n') {
                let blank = self.wants_blank_line(place, start);
                let indent = match place {
                    Place::Top => self.base,
                    Place::Body => self.base + PROPERTY_INDENT,
                    Place::Continuation => self.base + CONTINUATION_INDENT,
                };
                self.new_line(indent, blank);
            } else {
                self.write(" ");
            }
            self.write(comment);
            self.break_pending = true;
            self.last_end = end;
        }
    }

    /// Whether a line at `place` starting at source offset `start` gets a
    /// blank line before it; clears the one-shot flags.
    fn wants_blank_line(&mut self, place: Place, start: usize) -> bool {
        let kept = has_blank_line(self.source.get(self.last_end..start).unwrap_or(""));
        let blank = match place {
            Place::Top if self.after_item => true,
            Place::Body if self.after_open_brace => false,
            Place::Continuation => false,
            Place::Top | Place::Body => kept,
        };
        match place {
            Place::Top => self.after_item = false,
            Place::Body => self.after_open_brace = false,
            Place::Continuation => {}
        }
        blank
    }

    fn new_line(&mut self, indent: usize, blank: bool) {
        if !self.out.is_empty() {
            if !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            if blank && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        }
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.column = indent;
    }

    /// Append text, keeping track of the column (block strings span lines).
    fn write(&mut self, text: &str) {
        self.out.push_str(text);
        match text.rfind('\n') {
            Some(i) => self.column = width(&text[i + 1..]),
            None => self.column += width(text),
        }
    }

    fn has_comment_in(&self, start: usize, end: usize) -> bool {
        let rest = &self.comments[self.next_comment..];
        let first = rest.partition_point(|c| (c.start as usize) < start);
        rest.get(first).is_some_and(|c| (c.start as usize) < end)
    }

    fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            column: self.column,
            last_end: self.last_end,
            next_comment: self.next_comment,
        }
    }

    fn reset(&mut self, mark: Mark) {
        self.out.truncate(mark.out);
        self.column = mark.column;
        self.last_end = mark.last_end;
        self.next_comment = mark.next_comment;
        self.after_open_brace = true;
        self.break_pending = false;
    }
}

/// `key:` for a property with values, `key` for a flag.
fn key_text(property: &Property) -> String {
    let key = property.key.as_str();
    if property.has_colon {
        format!("{key}:")
    } else {
        key.to_string()
    }
}

/// Whether whitespace between two tokens holds an empty line.
fn has_blank_line(gap: &str) -> bool {
    let mut lines = gap.split('\n');
    lines.next();
    let mut middle: Vec<&str> = lines.collect();
    middle.pop();
    middle.iter().any(|line| line.trim().is_empty())
}
