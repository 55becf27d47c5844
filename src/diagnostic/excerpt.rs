//! What the human format quotes of a file. A line too long to quote whole (a
//! minified or generated case, text junk without line breaks) is cut to a
//! window around each label on it, so that a diagnostic prints a few short
//! lines rather than megabytes; the line and column numbers shown stay those
//! of the real file.

use crate::source::{FileId, SourceMap, Span};
use codespan_reporting::files::{Error as FilesError, Files};
use std::ops::Range;

/// Lines longer than this many bytes are cut around their labels.
const MAX_QUOTED_LINE: usize = 400;
/// Bytes of the line kept on each side of a label on a cut line.
const CONTEXT: usize = 60;
/// A label on a cut line is underlined for at most this many bytes.
const MAX_LABEL: usize = 120;
const ELLIPSIS: &str = "…";

/// The files one diagnostic points into, as codespan is shown them.
pub(super) struct Excerpt<'a> {
    sources: &'a SourceMap,
    /// Files with a label on an over-long line: only their labelled lines.
    cut: Vec<CutFile>,
}

/// The labelled lines of one file, one window each, as a small text of its own.
struct CutFile {
    file: FileId,
    text: String,
    /// Every line of `text`. Windows of lines that are not consecutive in the
    /// file are separated by two empty lines, so that codespan draws a break.
    lines: Vec<CutLine>,
}

struct CutLine {
    /// The line in `CutFile::text`, ellipses and line break included.
    range: Range<usize>,
    /// `None` for the empty lines that mark a gap.
    quoted: Option<Quoted>,
}

/// What a line of the cut text shows of the real file.
struct Quoted {
    line_index: usize,
    /// The real byte range the window shows, and where it starts in the cut text.
    shown: Range<usize>,
    shown_at: usize,
}

impl<'a> Excerpt<'a> {
    /// The view for labels at `spans`; files whose labelled lines are all
    /// short are shown as they are.
    pub(super) fn new(sources: &'a SourceMap, spans: &[Span]) -> Excerpt<'a> {
        let mut files: Vec<FileId> = spans.iter().map(|s| s.file).collect();
        files.sort_by_key(|f| f.0);
        files.dedup();
        let cut = files
            .into_iter()
            .filter_map(|file| {
                let in_file: Vec<Range<usize>> = spans
                    .iter()
                    .filter(|s| s.file == file)
                    .map(|s| s.range())
                    .collect();
                CutFile::new(sources, file, &in_file)
            })
            .collect();
        Excerpt { sources, cut }
    }

    /// Where a label's span is in the view: on a cut file, in the window of
    /// its first line that holds its start, cut to that window and to
    /// [`MAX_LABEL`] bytes.
    pub(super) fn range(&self, span: Span) -> Range<usize> {
        let Some(cut) = self.cut_file(span.file) else {
            return span.range();
        };
        let (start, end) = (span.start as usize, span.end as usize);
        let line = self.sources.get(span.file).line_index(start);
        let on_line = || {
            cut.lines
                .iter()
                .filter_map(|line| line.quoted.as_ref())
                .filter(move |q| q.line_index == line)
        };
        let window = on_line()
            .find(|q| q.shown.start <= start && start <= q.shown.end)
            .or_else(|| on_line().next_back());
        let text = self.sources.get(span.file).text.as_str();
        window.map_or(0..0, |q| {
            let start = start.clamp(q.shown.start, q.shown.end);
            let end = floor(text, end.clamp(start, q.shown.end.min(start + MAX_LABEL)));
            let at = |offset: usize| q.shown_at + offset - q.shown.start;
            at(start)..at(end)
        })
    }

    fn cut_file(&self, file: FileId) -> Option<&CutFile> {
        self.cut.iter().find(|cut| cut.file == file)
    }
}

impl CutFile {
    /// `None` when every labelled line is short enough to quote whole and
    /// the file holds nothing a terminal would act on.
    fn new(sources: &SourceMap, file: FileId, labels: &[Range<usize>]) -> Option<CutFile> {
        let source = sources.get(file);
        let text = source.text.as_str();
        // A line without its `\n` (a `\r` before it stays: a label may be on
        // either).
        let content = |line: usize| {
            let start = source.line_start(line);
            let end = source.line_start(line + 1);
            start
                ..text[start..end]
                    .strip_suffix('\n')
                    .map_or(end, |l| start + l.len())
        };
        let long = |offset: usize| content(source.line_index(offset)).len() > MAX_QUOTED_LINE;
        // A file holding characters a terminal would act on is always cut,
        // so that only the quoted lines are copied to replace them.
        if !source.has_controls() && !labels.iter().any(|r| long(r.start) || long(r.end)) {
            return None;
        }
        // Cut, every label is shown on its first line.
        let mut by_line: Vec<(usize, Range<usize>)> = labels
            .iter()
            .map(|r| (source.line_index(r.start), r.clone()))
            .collect();
        by_line.sort_by_key(|(line, r)| (*line, r.start));
        // Each label's window, merged where they overlap on a line.
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        for (line, label) in by_line {
            let whole = content(line);
            let window = if whole.len() <= MAX_QUOTED_LINE {
                whole
            } else {
                let start = label.start.clamp(whole.start, whole.end);
                let end = label.end.clamp(start, (start + MAX_LABEL).min(whole.end));
                floor(text, start.saturating_sub(CONTEXT).max(whole.start))
                    ..ceil(text, (end + CONTEXT).min(whole.end))
            };
            match windows.last_mut() {
                Some((last_line, last)) if *last_line == line && window.start <= last.end => {
                    last.end = last.end.max(window.end);
                }
                _ => windows.push((line, window)),
            }
        }
        let mut cut = CutFile {
            file,
            text: String::new(),
            lines: Vec::with_capacity(windows.len()),
        };
        let mut previous_line = None;
        for (line, shown) in windows {
            if previous_line.is_some_and(|p: usize| line > p + 1) {
                for _ in 0..2 {
                    let at = cut.text.len();
                    cut.text.push('\n');
                    cut.lines.push(CutLine {
                        range: at..at + 1,
                        quoted: None,
                    });
                }
            }
            previous_line = Some(line);
            let whole = content(line);
            let start = cut.text.len();
            if shown.start > whole.start {
                cut.text.push_str(ELLIPSIS);
            }
            let shown_at = cut.text.len();
            cut.text.push_str(&text[shown.clone()]);
            if shown.end < whole.end {
                cut.text.push_str(ELLIPSIS);
            }
            cut.text.push('\n');
            cut.lines.push(CutLine {
                range: start..cut.text.len(),
                quoted: Some(Quoted {
                    line_index: line,
                    shown,
                    shown_at,
                }),
            });
        }
        if source.has_controls() {
            cut.text = crate::source::shown_safely(&cut.text);
        }
        Some(cut)
    }

    /// The index, in the cut text, of the line holding `offset`.
    fn line_index(&self, offset: usize) -> usize {
        let index = self.lines.partition_point(|line| line.range.end <= offset);
        index.min(self.lines.len().saturating_sub(1))
    }

    /// What the cut text's line `index` shows, unless it marks a gap.
    fn quoted(&self, index: usize) -> Option<&Quoted> {
        self.lines.get(index)?.quoted.as_ref()
    }
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.sources.name(id)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        match self.cut_file(id) {
            Some(cut) => Ok(&cut.text),
            None => self.sources.source(id),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        match self.cut_file(id) {
            Some(cut) => Ok(cut.line_index(byte_index)),
            None => self.sources.line_index(id, byte_index),
        }
    }

    fn line_number(&'a self, id: FileId, line_index: usize) -> Result<usize, FilesError> {
        match self.cut_file(id) {
            Some(cut) => Ok(cut.quoted(line_index).map_or(0, |q| q.line_index) + 1),
            None => self.sources.line_number(id, line_index),
        }
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let Some(cut) = self.cut_file(id) else {
            return self.sources.column_number(id, line_index, byte_index);
        };
        let real = cut
            .quoted(line_index)
            .map_or(0, |q| q.shown.start + byte_index.saturating_sub(q.shown_at));
        Ok(self.sources.get(id).line_col(real).column)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let Some(cut) = self.cut_file(id) else {
            return self.sources.line_range(id, line_index);
        };
        match cut.lines.get(line_index) {
            Some(line) => Ok(line.range.clone()),
            None => Err(FilesError::LineTooLarge {
                given: line_index,
                max: cut.lines.len().saturating_sub(1),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{render, Code, Diagnostic, Style};

    const PLAIN: Style = Style::Human { color: false };

    /// Issue 20, item 10 in the human format: a quoted line holding an
    /// escape sequence, a lone carriage return or a direction override
    /// once reached the terminal as it was.
    #[test]
    fn control_characters_in_quoted_lines_are_shown_as_placeholders() {
        let mut sources = SourceMap::default();
        let text = "case c \"C\"\r\nclaim a \"x\x1b]0;owned\x07 \u{85}\u{202e}y\r z\" {\r\n  k: v\r\n}\r\n";
        let file = sources.add("ctl.case", text);
        let at = text.find("k:").unwrap();
        let d = Diagnostic::new(Code::UnknownProperty, Span::new(file, at, at + 1), "no k")
            .label("unknown")
            .secondary(Span::new(file, 15, 20), "the claim");
        let rendered = render(&sources, &d, PLAIN);
        assert!(
            !rendered.contains(
                |c: char| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)
            ),
            "{rendered:?}"
        );
        insta::assert_snapshot!(rendered, @r#"
        error[E0101]: no k
          ┌─ ctl.case:3:3
          │
        2 │ claim a "x?]0;owned? ¿�y? z" {
          │    ----- the claim
        3 │   k: v
          │   ^ unknown
        "#);
        // A file without them is quoted as it is, line breaks and all.
        let plain = sources.add("plain.case", "claim a \"x\"\r\n");
        let d = Diagnostic::new(Code::MissingText, Span::new(plain, 6, 7), "m").label("here");
        assert!(render(&sources, &d, PLAIN).contains("claim a \"x\""));
    }

    #[test]
    fn a_label_on_a_long_line_is_quoted_in_a_window_with_its_real_column() {
        let mut sources = SourceMap::default();
        let line = format!("{}claim bad{}\n", "x ".repeat(5_000), " y".repeat(5_000));
        let file = sources.add("long.case", line);
        let at = 10_000 + "claim ".len();
        let d = Diagnostic::new(
            Code::UnresolvedReference,
            Span::new(file, at, at + 3),
            "no such claim",
        )
        .label("unknown");
        let rendered = render(&sources, &d, PLAIN);
        insta::assert_snapshot!(rendered, @r"
        error[E0202]: no such claim
          ┌─ long.case:1:10007
          │
        1 │ …x x x x x x x x x x x x x x x x x x x x x x x x x x x claim bad y y y y y y y y y y y y y y y y y y y y y y y y y y y y y y…
          │                                                              ^^^ unknown
        ");
    }

    #[test]
    fn labels_far_apart_get_a_window_each_and_short_lines_stay_whole() {
        let mut sources = SourceMap::default();
        let long = format!("first{}last\n", "·".repeat(3_000));
        let text = format!("{long}\n\n\nclaim short \"ok\"\n");
        let file = sources.add("far.case", text.clone());
        let last = long.find("last").unwrap_or(0);
        let short = text.find("short").unwrap_or(0);
        let d = Diagnostic::new(Code::DuplicateId, Span::new(file, 0, 5), "three places")
            .label("here")
            .secondary(Span::new(file, last, last + 4), "and here")
            .secondary(Span::new(file, short, short + 5), "and on line 5");
        let rendered = render(&sources, &d, PLAIN);
        insta::assert_snapshot!(rendered, @r#"
        error[E0201]: three places
          ┌─ far.case:1:1
          │
        1 │ first······························…
          │ ^^^^^ here
        1 │ …······························last
          │                                ---- and here
          ·
        5 │ claim short "ok"
          │       ----- and on line 5
        "#);
    }

    #[test]
    fn a_label_on_the_line_break_of_a_long_crlf_line_keeps_its_column() {
        let mut sources = SourceMap::default();
        let text = format!("[rules]\r\nW0601 = \"{}\r\nnext\r\n", "x".repeat(500));
        let file = sources.add("casec.toml", text.clone());
        let at = text.find("\r\nnext").unwrap_or(0) + 1;
        let d = Diagnostic::new(Code::UnknownRule, Span::new(file, at, at), "unterminated")
            .label("here");
        let rendered = render(&sources, &d, PLAIN);
        assert!(rendered.contains("casec.toml:2:511"), "{rendered}");
        assert!(rendered.len() < 600, "{rendered}");
    }

    #[test]
    fn a_label_running_into_a_long_line_is_cut_too() {
        let mut sources = SourceMap::default();
        let text = format!("claim a \"A\"\n{}\n", "y".repeat(100_000));
        let file = sources.add("into.case", text.clone());
        let d = Diagnostic::new(
            Code::SyntaxError,
            Span::new(file, 6, text.len() - 1),
            "runs on",
        )
        .label("from here");
        let rendered = render(&sources, &d, PLAIN);
        assert!(rendered.contains("into.case:1:7"), "{rendered}");
        assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
    }

    #[test]
    fn a_long_label_on_a_long_line_of_wide_characters_is_cut_between_characters() {
        let mut sources = SourceMap::default();
        // Nine bytes a round: a cut at a fixed byte count lands inside one.
        let text = format!("claim a \"{}\"\n", "\u{e9}\u{6f22}\u{1f600}".repeat(100));
        let file = sources.add("wide.case", text.clone());
        let starts = text.char_indices().map(|(i, _)| i).skip(9).take(3);
        for start in starts {
            let d = Diagnostic::new(
                Code::SyntaxError,
                Span::new(file, start, text.len() - 2),
                "wide",
            )
            .label("all of it");
            let rendered = render(&sources, &d, PLAIN);
            assert!(rendered.contains("wide.case:1:"), "{rendered}");
            assert!(rendered.contains("^^^ all of it"), "{rendered}");
            let excerpt = Excerpt::new(&sources, &[d.primary.span]);
            let range = excerpt.range(d.primary.span);
            let cut = &excerpt.cut[0].text;
            assert!(
                cut.is_char_boundary(range.start) && cut.is_char_boundary(range.end),
                "{range:?}"
            );
        }
    }

    #[test]
    fn lines_of_ordinary_length_are_quoted_whole() {
        let mut sources = SourceMap::default();
        let file = sources.add("short.case", "claim a \"A\" { supported by: b }\n");
        let d = Diagnostic::new(
            Code::UnresolvedReference,
            Span::new(file, 29, 30),
            "no such claim",
        )
        .label("unknown");
        let excerpt = Excerpt::new(&sources, &[d.primary.span]);
        assert!(excerpt.cut.is_empty());
        assert_eq!(excerpt.range(d.primary.span), 29..30);
    }
}
