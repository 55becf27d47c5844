//! Diagnostics: what every stage reports, and how they are rendered.
//!
//! A [`Diagnostic`] is plain data with spans; rendering to the terminal goes
//! through codespan-reporting, and the JSON form is casec's own documented
//! schema (codespan's carries byte offsets and file ids, not lines). SARIF and
//! GitHub annotations are for CI; [`Reporter`] writes a run in any format.

pub mod code;
mod excerpt;
pub mod fix;
pub mod github;
mod report;
pub mod sarif;

pub use code::{Code, Family};
pub use fix::{Applicability, Edit, Fix};
pub use report::{Format, Reporter};

use crate::source::{FileId, SourceMap, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;
use excerpt::Excerpt;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    /// For a finding on an item a template instance wrote: where it was in
    /// the instance's frame before it was reported at the instance, so that
    /// a diagram can still mark the element it is about.
    pub within: Option<Span>,
    /// Mechanical repairs, as replacement edits in the file's bytes: at most
    /// one [`Applicability::Safe`] (what `casec check --fix` applies), then
    /// any suggestions a reviewer must choose between.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A finding of a rule, at that rule's default severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            within: None,
            fixes: Vec::new(),
        }
    }

    pub fn label(mut self, message: impl Into<String>) -> Diagnostic {
        self.primary.message = message.into();
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Attach a mechanical fix (see [`Fix`]).
    pub fn fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    /// The fix `casec check --fix` may apply without asking, if there is one.
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fixes
            .iter()
            .find(|f| f.applicability == Applicability::Safe)
    }

    /// Apply `f` to every span the finding holds: its labels, `within` and
    /// its fixes' edits (a cached finding moved with its text).
    pub(crate) fn for_each_span_mut(&mut self, f: &impl Fn(&mut Span)) {
        f(&mut self.primary.span);
        self.secondary
            .iter_mut()
            .for_each(|label| f(&mut label.span));
        self.within.iter_mut().for_each(f);
        let edits = self.fixes.iter_mut().flat_map(|fix| fix.edits.iter_mut());
        edits.for_each(|edit| f(&mut edit.span));
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort into a stable reading order: by file, syntax errors first (the
/// likeliest cause of what follows them), then by position and code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let later = |d: &Diagnostic| d.code.family() != Family::Syntax;
    diagnostics.sort_by(|a, b| {
        (
            a.primary.span.file,
            later(a),
            a.primary.span.start,
            a.code.as_str(),
            &a.message,
        )
            .cmp(&(
                b.primary.span.file,
                later(b),
                b.primary.span.start,
                b.code.as_str(),
                &b.message,
            ))
    });
}

/// Keep the first `max` findings of each code (in reading order); the last
/// one kept says how many more there are.
pub(crate) fn limit_per_code(diagnostics: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    let mut seen: HashMap<Code, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len().min(max * 16));
    let mut last_kept: HashMap<Code, usize> = HashMap::new();
    for diagnostic in diagnostics {
        let count = seen.entry(diagnostic.code).or_default();
        *count += 1;
        if *count <= max {
            last_kept.insert(diagnostic.code, kept.len());
            kept.push(diagnostic);
        }
    }
    let mut over: Vec<_> = seen.into_iter().filter(|&(_, n)| n > max).collect();
    over.sort_unstable();
    for (code, count) in over {
        if let Some(&at) = last_kept.get(&code) {
            kept[at].notes.push(format!(
                "{} more {code} findings in this file are not shown: fix these, then check again",
                count - max
            ));
        }
    }
    kept
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.get(id);
        if line_index >= file.line_count() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: file.line_count() - 1,
            });
        }
        Ok(file.line_start(line_index)..file.line_start(line_index + 1))
    }

    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        Ok(self.get(id).line_col(byte_index).column)
    }
}

fn to_codespan(diagnostic: &Diagnostic, excerpt: &Excerpt) -> cs::Diagnostic<FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let primary = &diagnostic.primary;
    let mut labels = vec![
        cs::Label::primary(primary.span.file, excerpt.range(primary.span))
            .with_message(one_line(&primary.message)),
    ];
    labels.extend(diagnostic.secondary.iter().map(|label| {
        cs::Label::secondary(label.span.file, excerpt.range(label.span))
            .with_message(one_line(&label.message))
    }));
    // The message, labels and notes quote user text: shown on one line
    // each, without the control characters a terminal would act on.
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| one_line(note).into_owned())
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", one_line(help)));
    }
    cs::Diagnostic::new(severity)
        .with_code(diagnostic.code.as_str())
        .with_message(one_line(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// How `casec check` prints diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Source excerpts with labels, notes and help.
    Human { color: bool },
    /// One line each: `path:line:col: severity[CODE]: message`.
    Short,
}

/// Render one diagnostic for a terminal or a log.
pub fn render(sources: &SourceMap, diagnostic: &Diagnostic, style: Style) -> String {
    if style == Style::Short {
        return render_short(sources, diagnostic);
    }
    let config = term::Config::default();
    let spans: Vec<Span> = std::iter::once(&diagnostic.primary)
        .chain(&diagnostic.secondary)
        .map(|label| label.span)
        .collect();
    let excerpt = Excerpt::new(sources, &spans);
    let cs = to_codespan(diagnostic, &excerpt);
    let rendered = match style {
        Style::Human { color: true } => {
            let mut buffer = term::termcolor::Buffer::ansi();
            let styles = term::Styles::default();
            let mut writer = term::StylesWriter::new(&mut buffer, &styles);
            term::emit_to_write_style(&mut writer, &config, &excerpt, &cs)
                .map(|()| String::from_utf8_lossy(buffer.as_slice()).into_owned())
        }
        _ => term::emit_into_string(&config, &excerpt, &cs),
    };
    // Spans always come from the files they index, so rendering cannot fail;
    // fall back to the one-line form rather than lose the message if it does.
    rendered.unwrap_or_else(|_| render_short(sources, diagnostic))
}

fn render_short(sources: &SourceMap, diagnostic: &Diagnostic) -> String {
    let file = sources.get(diagnostic.primary.span.file);
    let at = file.line_col(diagnostic.primary.span.start as usize);
    // A suggestion is the fix itself: it stays on the line.
    let suggestion = diagnostic
        .help
        .as_deref()
        .filter(|help| help.starts_with("did you mean"))
        .map(|help| format!(" ({})", one_line(help)))
        .unwrap_or_default();
    format!(
        "{}:{}:{}: {}[{}]: {}{suggestion}\n",
        one_line(&file.name),
        at.line,
        at.column,
        diagnostic.severity.as_str(),
        diagnostic.code,
        one_line(&diagnostic.message)
    )
}

/// `text` fit for a format that prints one line per finding (`short`,
/// `github`): messages quote the user's text (a block string, an artifact
/// path), and a line break, a carriage return or a terminal escape in it
/// must not end the line early, forge another finding in a CI log, or act
/// on the terminal. Line breaks and tabs are shown as `\n`, `\r` and
/// `\t`, and every other control character, line or paragraph separator
/// and direction override as `\u{..}`; the rest is kept.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.into()
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The JSON form of a location: path plus one-based lines and columns.
#[derive(Serialize)]
pub(crate) struct JsonLocation<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start_offset: u32,
    pub end_offset: u32,
}

impl<'a> JsonLocation<'a> {
    pub fn of(sources: &'a SourceMap, span: Span) -> JsonLocation<'a> {
        let file = sources.get(span.file);
        let start = file.line_col(span.start as usize);
        let end = file.line_col(span.end as usize);
        JsonLocation {
            path: &file.name,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            start_offset: span.start,
            end_offset: span.end,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    location: JsonLocation<'a>,
}

/// What each line of `casec check --format json` holds, and the version of
/// its schema (`docs/json-schema/casec-diagnostics.schema.json`): fields are
/// only added within a version.
pub(crate) const JSON_FORMAT: &str = "casec-diagnostic";
pub(crate) const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonEdit<'a> {
    location: JsonLocation<'a>,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    format: &'static str,
    version: u32,
    code: Code,
    severity: Severity,
    message: &'a str,
    location: JsonLocation<'a>,
    label: &'a str,
    related: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    fixes: Vec<JsonFix<'a>>,
    /// Why a reviewer accepted this warning, when one did (`accept:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<&'a str>,
}

/// One diagnostic as one line of JSON (see `docs/errors.md`).
pub(crate) fn render_json(sources: &SourceMap, diagnostic: &Diagnostic) -> String {
    render_json_accepted(sources, diagnostic, None)
}

/// As [`render_json`], for a warning accepted in review with this reason.
pub(crate) fn render_json_accepted(
    sources: &SourceMap,
    diagnostic: &Diagnostic,
    accepted: Option<&str>,
) -> String {
    let json = JsonDiagnostic {
        format: JSON_FORMAT,
        version: JSON_VERSION,
        code: diagnostic.code,
        severity: diagnostic.severity,
        message: &diagnostic.message,
        location: JsonLocation::of(sources, diagnostic.primary.span),
        label: &diagnostic.primary.message,
        related: diagnostic
            .secondary
            .iter()
            .map(|label| JsonLabel {
                message: &label.message,
                location: JsonLocation::of(sources, label.span),
            })
            .collect(),
        notes: &diagnostic.notes,
        help: diagnostic.help.as_deref(),
        fixes: diagnostic
            .fixes
            .iter()
            .map(|fix| JsonFix {
                message: &fix.message,
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        location: JsonLocation::of(sources, edit.span),
                        replacement: &edit.replacement,
                    })
                    .collect(),
            })
            .collect(),
        accepted,
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&json).unwrap_or_default()
}

/// A file's name as a path relative to `base` (the working folder) when it
/// is under it, without `./` steps, as CI services expect repository paths.
pub(crate) fn relative_path(name: &str, base: &Path) -> String {
    let path = Path::new(name);
    let relative = match path.strip_prefix(base) {
        Ok(inside) if path.is_absolute() => inside,
        _ => path,
    };
    if relative.is_absolute() {
        return relative.to_string_lossy().into_owned();
    }
    let parts: Vec<_> = relative
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_escapes_line_breaks_controls_and_overrides_and_keeps_the_rest() {
        use super::one_line;
        assert_eq!(
            one_line("plain `text` \u{e9}\u{6f22}"),
            "plain `text` \u{e9}\u{6f22}"
        );
        assert!(matches!(one_line("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            one_line("a\nb\r\nc\td\x1b[2K\x07\u{7f}\u{85}\u{2028}\u{2029}\u{202e}\u{2066}"),
            "a\\nb\\r\\nc\\td\\u{1b}[2K\\u{7}\\u{7f}\\u{85}\\u{2028}\\u{2029}\\u{202e}\\u{2066}"
        );
    }

    use super::*;

    fn at(code: Code, start: usize) -> Diagnostic {
        Diagnostic::new(code, Span::new(FileId::PRELUDE, start, start + 1), "x")
    }

    #[test]
    fn findings_past_the_limit_are_counted_on_the_last_one_kept() {
        let mut all: Vec<_> = (0..5).map(|i| at(Code::UnresolvedReference, i)).collect();
        all.push(at(Code::DuplicateId, 9));
        let kept = limit_per_code(all, 3);
        let codes: Vec<_> = kept.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::UnresolvedReference,
                Code::UnresolvedReference,
                Code::UnresolvedReference,
                Code::DuplicateId
            ]
        );
        assert_eq!(kept[2].notes.len(), 1);
        assert!(kept[2].notes[0].starts_with("2 more E0202 findings"));
        assert!(kept[0].notes.is_empty() && kept[3].notes.is_empty());
    }
}
