//! Mechanical fixes a finding carries: replacement edits in the bytes of the
//! file it is in. A fix is attached where the finding is made, once (the
//! did-you-mean of a reference, the commas of `shows: a b`), never worked out
//! again from a message. JSON, SARIF and the language server show every fix;
//! `casec check --fix` applies the safe ones.

use crate::source::{FileId, Span};
use serde::Serialize;

/// Whether a fix may be applied without a reviewer choosing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// It repairs what was plainly meant and changes nothing else the case
    /// argues: a misspelt name with one clear candidate, a missing comma or
    /// colon. `casec check --fix` applies it.
    Safe,
    /// It changes what the case argues (a declaration stub, marking a claim
    /// `undeveloped`, a topic added to `shows:`): offered to the author, in
    /// an editor or a tool, never applied by `--fix`.
    Suggested,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Suggested => "suggested",
        }
    }
}

/// Replace the bytes `span` covers (nothing, for an insertion) with
/// `replacement`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, in a few words: ``replace with `monitoring` ``.
    pub message: String,
    pub applicability: Applicability,
    /// Edits in one file, none overlapping another.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(applicability: Applicability, message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            message: message.into(),
            applicability,
            edits,
        }
    }

    /// A safe fix replacing `span` with `text`.
    pub fn replace(span: Span, text: impl Into<String>) -> Fix {
        let text = text.into();
        Fix::new(
            Applicability::Safe,
            format!("replace with `{text}`"),
            vec![Edit {
                span,
                replacement: text,
            }],
        )
    }

    /// The fix of a misspelt name: `near` in place of `span`, safe when no
    /// other name was as close (`unique`), else only suggested.
    pub(crate) fn did_you_mean(span: Span, near: &str, unique: bool) -> Fix {
        let mut fix = Fix::replace(span, near);
        if !unique {
            fix.applicability = Applicability::Suggested;
        }
        fix
    }

    /// Whether every edit is in `file` (not in the prelude, nor in the frame
    /// of a template instance, whose text is the template's).
    pub fn is_in(&self, file: FileId) -> bool {
        !self.edits.is_empty() && self.edits.iter().all(|e| e.span.file == file)
    }

    /// Whether it edits one file of the project: not the prelude, nor a
    /// template instance's frame (whose text is the template's, shared by
    /// every instance).
    pub(crate) fn is_in_files(&self) -> bool {
        self.edits.first().is_some_and(|first| {
            let file = first.span.file;
            file != FileId::PRELUDE && file.frame_index().is_none() && self.is_in(file)
        })
    }
}

/// Whether two edits would touch the same bytes, or insert at a point the
/// other replaces or also inserts at (where their order would be a guess).
fn conflict(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    let touching = (a.end == b.start || b.end == a.start) && a.start < a.end && b.start < b.end;
    a.start <= b.end && b.start <= a.end && !touching
}

/// `text` with `fixes` applied, taken in order of position and each whole
/// or not at all: a fix with an edit outside `file`'s text, off a character
/// boundary, or in conflict with a fix taken already, is left out. Returns
/// the new text and the indices (into `fixes`) of the fixes applied.
pub fn apply(text: &str, file: FileId, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    let first = |fix: &Fix| fix.edits.iter().map(|e| e.span.start).min();
    order.sort_by_key(|&i| (first(fixes[i]), i));
    let valid = |edit: &Edit| {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        edit.span.file == file
            && start <= end
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && end <= text.len()
    };
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for i in order {
        let fix = fixes[i];
        let ok = !fix.edits.is_empty()
            && fix.edits.iter().all(valid)
            && fix.edits.iter().enumerate().all(|(j, e)| {
                !fix.edits[..j].iter().any(|o| conflict(o, e))
                    && !taken.iter().any(|t| conflict(t, e))
            });
        if ok {
            taken.extend(&fix.edits);
            applied.push(i);
        }
    }
    taken.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for edit in taken {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    applied.sort_unstable();
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: FileId = FileId(1);

    fn insert(at: usize, text: &str) -> Fix {
        Fix::new(
            Applicability::Safe,
            "insert",
            vec![Edit {
                span: Span::new(F, at, at),
                replacement: text.into(),
            }],
        )
    }

    #[test]
    fn edits_apply_from_the_end_so_offsets_stay_true() {
        let fixes = [
            insert(1, ","),
            Fix::replace(Span::new(F, 2, 5), "xyz"),
            insert(6, ","),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (text, applied) = apply("a bcd e", F, &refs);
        assert_eq!(text, "a, xyz ,e");
        assert_eq!(applied, [0, 1, 2]);
    }

    #[test]
    fn overlapping_fixes_keep_the_first_and_bad_spans_are_left_out() {
        let fixes = [
            Fix::replace(Span::new(F, 0, 3), "one"),
            Fix::replace(Span::new(F, 2, 4), "two"),
            insert(0, "x"),
            Fix::replace(Span::new(F, 3, 4), "!"),
            Fix::replace(Span::new(F, 2, 99), "far"),
            Fix::replace(Span::new(FileId(2), 0, 1), "other file"),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (text, applied) = apply("abcd", F, &refs);
        assert_eq!(applied, [0, 3]);
        assert_eq!(text, "one!");
        // Inside a multi-byte character: left out.
        let (text, applied) = apply("é", F, &[&Fix::replace(Span::new(F, 1, 2), "e")]);
        assert_eq!((text.as_str(), applied.len()), ("é", 0));
    }
}
