//! Source files, byte spans and line/column conversion.

use serde::Serialize;

/// Index of a file in a [`SourceMap`]. File 0 is always the built-in prelude.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub u32);

impl FileId {
    pub const PRELUDE: FileId = FileId(0);

    /// Ids from this bit up name frames: the expansion of one template
    /// instance, whose spans read as the template's text.
    const FRAME: u32 = 1 << 31;

    /// The id of the `index`th frame.
    pub fn frame(index: usize) -> FileId {
        FileId(FileId::FRAME | index as u32)
    }

    /// The frame's index, if this names one.
    pub(crate) fn frame_index(self) -> Option<usize> {
        (self.0 & FileId::FRAME != 0).then_some((self.0 & !FileId::FRAME) as usize)
    }
}

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (they must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset <= (self.end as usize)
    }
}

/// A one-based line and column. Columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One source file with its line index.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Columns of pure-ASCII text are byte distances: no counting needed,
    /// which keeps many findings on one very long line linear.
    ascii: bool,
    /// Whether the text holds a character a terminal would act on rather
    /// than show (see [`acts_on_terminal`]): its quoted lines then have them
    /// replaced.
    controls: bool,
}

/// A character that must not reach a terminal as it is: a control
/// character other than a tab or a line break (a carriage return counts
/// unless a line feed follows it), a line or paragraph separator, or a
/// direction override or isolate, which reorders what a line shows.
pub(crate) fn acts_on_terminal(c: char, next: Option<char>) -> bool {
    match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// `text` with each character that [`acts_on_terminal`] replaced by a
/// placeholder of the same length in bytes (`?`, `¿` or U+FFFD), so that
/// byte offsets into it stay those of `text`.
pub(crate) fn shown_safely(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if acts_on_terminal(c, chars.peek().copied()) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '\u{bf}',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    out
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        // Held as long as the file: give back the doubling's slack.
        line_starts.shrink_to_fit();
        let mut chars = text.chars().peekable();
        let mut controls = false;
        while let Some(c) = chars.next() {
            if acts_on_terminal(c, chars.peek().copied()) {
                controls = true;
                break;
            }
        }
        SourceFile {
            name: name.into(),
            ascii: text.is_ascii(),
            controls,
            text,
            line_starts,
        }
    }

    /// Zero-based line index of a byte offset.
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line_index: usize) -> usize {
        self.line_starts
            .get(line_index)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Whether the text holds a character that [`acts_on_terminal`].
    pub(crate) fn has_controls(&self) -> bool {
        self.controls
    }

    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = if self.ascii {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Zero-based line and UTF-16 column, as the Language Server Protocol counts.
    pub(crate) fn utf16_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column: usize = if self.ascii {
            offset - start
        } else {
            self.text[start..offset].chars().map(char::len_utf16).sum()
        };
        (line as u32, column as u32)
    }

    /// Byte offset of a zero-based line and UTF-16 column (clamped to the line).
    pub(crate) fn offset_of_utf16(&self, line: u32, column: u32) -> usize {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        if self.ascii {
            return (start + column as usize).min(end);
        }
        let mut units = 0usize;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= column as usize {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// The expansion of one template instance. Its spans are offsets into
/// `file`, the template's file; `at` is the instance that made it (itself in
/// a frame when the instance is inside a template).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub file: FileId,
    pub at: Span,
}

/// All files of one compilation: the prelude first, then the case files,
/// and the frames of template instances.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    frames: Vec<Frame>,
}

impl SourceMap {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name, text));
        FileId((self.files.len() - 1) as u32)
    }

    /// The file a span is in; a frame reads as its template's file.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[self.real(id).0 as usize]
    }

    /// Give a file another name (a caller that compiled a copy names it as
    /// the original).
    pub fn rename(&mut self, id: FileId, name: impl Into<String>) {
        let real = self.real(id);
        if let Some(file) = self.files.get_mut(real.0 as usize) {
            file.name = name.into();
        }
    }

    pub(crate) fn add_frames(&mut self, frames: Vec<Frame>) {
        self.frames = frames;
    }

    pub fn frame(&self, id: FileId) -> Option<&Frame> {
        self.frames.get(id.frame_index()?)
    }

    /// The file whose text a span's offsets are in.
    pub fn real(&self, id: FileId) -> FileId {
        self.frame(id).map_or(id, |frame| frame.file)
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn text(&self, span: Span) -> &str {
        let file = self.get(span.file);
        file.text.get(span.range()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let file = SourceFile::new("a", "ab\ncé d\n");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // 'é' is two bytes; the 'd' after it is the fourth character.
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 4 });
        assert_eq!(file.line_col(9), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let file = SourceFile::new("a", "x\"𝔸\" y");
        let y = file.text.find('y').unwrap();
        assert_eq!(file.utf16_position(y), (0, 6));
        assert_eq!(file.offset_of_utf16(0, 6), y);
    }
}
