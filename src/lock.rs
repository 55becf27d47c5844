//! `casec evidence lock FILE`: record the sha256 of every local artifact in
//! the case file itself, touching nothing else. Edits are byte-precise
//! splices at the spans the parser recorded: an existing digest is replaced
//! inside its quotes' span, a missing one is added as a `sha256: "…"` line
//! after the artifact's value, with the artifact's indentation (or right
//! after the value, on its line, when something other than a comment follows
//! it there). The new text is parsed again before it is handed back: an edit
//! that would break the file is refused, never written.

use crate::analysis::integrity::{is_url, Location, Status};
use crate::compile::Compilation;
use crate::source::SourceFile;
use crate::syntax::{ItemKind, Key, Property, ValueKind};
use std::path::Path;

/// What locking did to one evidence element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added(String),
    Updated {
        old: String,
        new: String,
    },
    Unchanged,
    /// A URL: never fetched, so not locked.
    SkippedUrl,
    /// The artifact could not be hashed.
    Failed(Status),
}

#[derive(Debug)]
pub struct Locked {
    /// The case file's new text.
    pub text: String,
    /// Per evidence element with an artifact, by id, in source order.
    pub outcomes: Vec<(String, Outcome)>,
}

impl Locked {
    pub fn changed(&self) -> bool {
        self.outcomes
            .iter()
            .any(|(_, o)| matches!(o, Outcome::Added(_) | Outcome::Updated { .. }))
    }

    pub fn failed(&self) -> bool {
        self.outcomes
            .iter()
            .any(|(_, o)| matches!(o, Outcome::Failed(_)))
    }
}

fn named<'a>(properties: &'a [Property], key: &str) -> Option<&'a Property> {
    properties.iter().find(|p| p.key == Key::Named(key.into()))
}

/// Compute the locked text of a compiled case read from `case_path`.
pub fn lock(c: &Compilation, case_path: &Path) -> Result<Locked, String> {
    let location = Location::of(case_path)
        .map_err(|e| format!("cannot find the folder of `{}`: {e}", case_path.display()))?;
    let source = c.sources.get(c.file);
    let text = &source.text;
    let mut edits: Vec<Edit> = Vec::new();
    // With the index of its item in the syntax tree, by which the locked
    // text is read back.
    let mut outcomes: Vec<(usize, String, Outcome)> = Vec::new();
    let evidence = c
        .ast
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == ItemKind::Evidence);
    for (index, item) in evidence {
        let Some(body) = &item.body else { continue };
        let Some(artifact) = named(&body.properties, "artifact") else {
            continue;
        };
        let Some(ValueKind::Text(path)) = artifact.values.first().map(|v| &v.kind) else {
            continue;
        };
        let outcome = if is_url(&path.value) {
            Outcome::SkippedUrl
        } else {
            match location.digest(&path.value) {
                Err(status) => Outcome::Failed(status),
                Ok(digest) => {
                    match named(&body.properties, "sha256").and_then(|p| p.values.first()) {
                        Some(old) => {
                            let recorded = match &old.kind {
                                ValueKind::Text(t) => t.value.to_ascii_lowercase(),
                                _ => String::new(),
                            };
                            if recorded == digest {
                                Outcome::Unchanged
                            } else {
                                edits.push((
                                    old.span.start as usize,
                                    old.span.end as usize,
                                    format!("\"{digest}\""),
                                ));
                                Outcome::Updated {
                                    old: recorded,
                                    new: digest,
                                }
                            }
                        }
                        None => {
                            edits.push(insertion(source, artifact, &digest));
                            Outcome::Added(digest)
                        }
                    }
                }
            }
        };
        outcomes.push((index, item.id.name.to_string(), outcome));
    }
    let new_text = splice(text, edits);
    verify(c, &new_text, &outcomes)?;
    Ok(Locked {
        text: new_text,
        outcomes: outcomes
            .into_iter()
            .map(|(_, id, outcome)| (id, outcome))
            .collect(),
    })
}

/// What `casec evidence sign` did to a sign-off's binding.
#[derive(Debug)]
pub struct Signed {
    /// The case file's new text.
    pub text: String,
    /// The element signed off.
    pub of: String,
    pub outcome: Outcome,
}

/// Record the binding of the sign-off `name` to what its element is now:
/// the one explicit act that makes a sign-off current (locking the evidence
/// never does). `c` must have been compiled with the evidence verified, so
/// that the binding holds the artifacts' digests as they are; a sign-off of
/// an element whose artifacts no longer have their recorded digests is
/// refused, as is one that does not say what, by whom and when.
pub fn sign(c: &Compilation, name: &str) -> Result<Signed, String> {
    let found = c
        .ast
        .items
        .iter()
        .enumerate()
        .find(|(_, i)| i.kind == ItemKind::Signoff && i.id.name == name);
    let Some((index, item)) = found else {
        let signoffs = c
            .ast
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Signoff)
            .map(|i| i.id.name.as_str());
        return Err(match crate::suggest::closest(name, signoffs) {
            Some(near) => format!("no sign-off is called `{name}`; did you mean `{near}`?"),
            None => format!("no sign-off is called `{name}`: declare it first, `signoff {name} \"…\" {{ of: … reviewer: \"…\" date: … }}`"),
        });
    };
    let id = c
        .case
        .lookup(name)
        .filter(|id| c.case.get(*id).kind == crate::ir::ElementKind::Signoff)
        .ok_or_else(|| format!("the sign-off `{name}` is declared twice"))?;
    let attrs = c.case.get(id).signoff().cloned().unwrap_or_default();
    if attrs.reviewer.is_none() || attrs.date.is_none() || attrs.of.is_none() {
        return Err(format!(
            "the sign-off `{name}` must say what was reviewed, by whom and when (`of:`, `reviewer:` and `date:`) before it is bound"
        ));
    }
    let review =
        crate::analysis::signoff::review(&c.case, &c.graph, c.analysis.integrity.as_ref(), id)
            .ok_or_else(|| format!("the sign-off `{name}` names no element the case declares"))?;
    let of = c.case.get(review.of).id.to_string();
    if !review.changed_artifacts.is_empty() {
        let changed: Vec<String> = review
            .changed_artifacts
            .iter()
            .map(|e| format!("`{}`", c.case.get(*e).id))
            .collect();
        return Err(format!(
            "the artifacts of {} changed since their digests were recorded: review them, run `casec evidence lock`, then sign off",
            changed.join(", ")
        ));
    }
    let body = item.body.as_ref().ok_or("the sign-off has no properties")?;
    let digest = review.binding;
    let source = c.sources.get(c.file);
    let (edit, outcome) = match named(&body.properties, "sha256").and_then(|p| p.values.first()) {
        Some(old) => {
            let recorded = match &old.kind {
                ValueKind::Text(t) => t.value.to_ascii_lowercase(),
                _ => String::new(),
            };
            if recorded == digest {
                (None, Outcome::Unchanged)
            } else {
                (
                    Some((
                        old.span.start as usize,
                        old.span.end as usize,
                        format!("\"{digest}\""),
                    )),
                    Outcome::Updated {
                        old: recorded,
                        new: digest.clone(),
                    },
                )
            }
        }
        None => {
            let last = body
                .properties
                .last()
                .ok_or("the sign-off has no properties")?;
            (
                Some(insertion(source, last, &digest)),
                Outcome::Added(digest.clone()),
            )
        }
    };
    let text = splice(&source.text, edit.into_iter().collect());
    verify(c, &text, &[(index, name.to_string(), outcome.clone())])?;
    Ok(Signed { text, of, outcome })
}

/// Replace `text[start..end]` with the replacement, for each edit.
type Edit = (usize, usize, String);

/// Apply non-overlapping edits in one pass from the front: each byte of the
/// result is written once, into a string allocated once at its final size.
/// (Splicing each edit into the whole text moved the rest of the file once
/// per edit: quadratic in the number of digests.)
fn splice(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|(start, _, _)| *start);
    let removed: usize = edits.iter().map(|(start, end, _)| end - start).sum();
    let added: usize = edits.iter().map(|(_, _, r)| r.len()).sum();
    let mut out = String::with_capacity(text.len() - removed + added);
    let mut at = 0;
    for (start, end, replacement) in &edits {
        out.push_str(&text[at..*start]);
        out.push_str(replacement);
        at = *end;
    }
    out.push_str(&text[at..]);
    out
}

/// The locked text must read as the original did, with the new digests:
/// the same items, and each new digest in the item it was made for (found
/// by its index, so that the check is linear and ids need not be unique).
fn verify(
    c: &Compilation,
    locked: &str,
    outcomes: &[(usize, String, Outcome)],
) -> Result<(), String> {
    let (ast, errors) = crate::syntax::parse(c.file, locked);
    let same_items = errors.is_empty()
        && ast.items.len() == c.ast.items.len()
        && ast
            .items
            .iter()
            .zip(&c.ast.items)
            .all(|(new, old)| new.kind == old.kind && new.id.name == old.id.name);
    let digest_of = |index: usize| {
        let item = ast.items.get(index)?;
        let sha = named(&item.body.as_ref()?.properties, "sha256")?;
        match &sha.values.first()?.kind {
            ValueKind::Text(t) => Some(t.value.to_ascii_lowercase()),
            _ => None,
        }
    };
    let digests_read_back = same_items
        && outcomes.iter().all(|(index, _, outcome)| match outcome {
            Outcome::Added(new) | Outcome::Updated { new, .. } => {
                digest_of(*index).as_deref() == Some(new.as_str())
            }
            _ => true,
        });
    if digests_read_back {
        Ok(())
    } else {
        Err("recording the digests would change how the file reads (a casec bug: please report it with the file); nothing was changed".into())
    }
}

/// Where and what to insert for a missing `sha256:` after `artifact`. Line
/// ends are looked up in the file's line table, never searched for: on a
/// file written on one line a search would cross the file per digest.
fn insertion(source: &SourceFile, artifact: &Property, digest: &str) -> Edit {
    let text = source.text.as_str();
    let key_start = artifact.key_span.start as usize;
    let line_start = source.line_start(source.line_index(key_start));
    let indent = &text[line_start..key_start];
    // The property's span runs on over trailing blanks; its value's does not.
    let value_end = artifact
        .values
        .last()
        .map_or(artifact.span.end, |v| v.span.end) as usize;
    // The `\n` that ends the value's line, or the end of the file.
    let next_line = source.line_start(source.line_index(value_end) + 1);
    let line_end = if next_line > value_end && text[..next_line].ends_with('\n') {
        next_line - 1
    } else {
        text.len()
    };
    let after = text[value_end..line_end].trim();
    let own_line = indent.chars().all(|c| c == ' ' || c == '\t');
    if !own_line || !(after.is_empty() || after.starts_with("//")) {
        // Other things share the artifact's line: stay on it, right after
        // the value.
        return (value_end, value_end, format!(" sha256: \"{digest}\""));
    }
    let (at, newline) = if text[..line_end].ends_with('\r') {
        (line_end - 1, "\r\n")
    } else {
        (line_end, "\n")
    };
    (at, at, format!("{newline}{indent}sha256: \"{digest}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, Options};

    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn adds_updates_and_leaves_everything_else_alone() {
        let dir = std::env::temp_dir().join(format!("casec-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "abc").unwrap();
        let text = "// keep me\nevidence e1 \"x\" {\n    artifact: \"a.txt\" // the run\n    date: 2026-01-01\n}\r\n\
                    evidence e2 \"y\" { artifact: \"a.txt\" }\n\
                    evidence e3 \"z\" {\r\n  artifact: \"a.txt\"\r\n  sha256: \"0000000000000000000000000000000000000000000000000000000000000000\"\r\n}\n\
                    evidence e4 \"u\" { artifact: \"https://example.org/r\" }\n\
                    evidence e5 \"m\" { artifact: \"missing.txt\" }\n";
        let path = dir.join("c.case");
        let c = compile(&path.display().to_string(), text, Options::default());
        let locked = lock(&c, &path).unwrap();
        let expected = format!(
            "// keep me\nevidence e1 \"x\" {{\n    artifact: \"a.txt\" // the run\n    sha256: \"{ABC}\"\n    date: 2026-01-01\n}}\r\n\
             evidence e2 \"y\" {{ artifact: \"a.txt\" sha256: \"{ABC}\" }}\n\
             evidence e3 \"z\" {{\r\n  artifact: \"a.txt\"\r\n  sha256: \"{ABC}\"\r\n}}\n\
             evidence e4 \"u\" {{ artifact: \"https://example.org/r\" }}\n\
             evidence e5 \"m\" {{ artifact: \"missing.txt\" }}\n"
        );
        assert_eq!(locked.text, expected);
        let outcomes: Vec<&Outcome> = locked.outcomes.iter().map(|(_, o)| o).collect();
        assert_eq!(outcomes[0], &Outcome::Added(ABC.into()));
        assert!(matches!(outcomes[2], Outcome::Updated { .. }));
        assert_eq!(outcomes[3], &Outcome::SkippedUrl);
        assert_eq!(outcomes[4], &Outcome::Failed(Status::Missing));
        // Locking again changes nothing.
        let again = compile(
            &path.display().to_string(),
            &locked.text,
            Options::default(),
        );
        let relocked = lock(&again, &path).unwrap();
        assert_eq!(relocked.text, locked.text);
        assert!(!relocked.changed());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Issue 20, item 11: locking 40k digests took 19 times as long as
    /// 10k. The edits are applied in one pass: the result matches applying
    /// them one by one from the back, and is written into a single
    /// allocation of its final size (no copy of the file per edit).
    #[test]
    fn edits_are_spliced_in_one_pass() {
        let text: String = (0..2_000).map(|i| format!("line {i}\n")).collect();
        // Replacements, insertions and deletions, given in no order.
        let mut edits: Vec<Edit> = Vec::new();
        let mut at = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let edit = match n % 3 {
                0 => (at, at + 4, format!("LINE{n}")),
                1 => (at + line.len() - 1, at + line.len() - 1, " sha256".into()),
                _ => (at, at + 1, String::new()),
            };
            edits.push(edit);
            at += line.len();
        }
        edits.reverse();
        edits.swap(0, 1000);
        let mut one_by_one = text.clone();
        let mut from_the_back = edits.clone();
        from_the_back.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        for (start, end, replacement) in &from_the_back {
            one_by_one.replace_range(*start..*end, replacement);
        }
        let spliced = splice(&text, edits);
        assert_eq!(spliced, one_by_one);
        assert_eq!(spliced.capacity(), spliced.len(), "allocated once, exactly");
        assert_eq!(splice("abc", Vec::new()), "abc");
    }

    #[test]
    fn a_locked_text_is_read_back_by_item_not_by_id() {
        let text =
            "evidence e \"x\" { artifact: \"a.txt\" }\nevidence e \"y\" { artifact: \"b.txt\" }\n";
        let c = compile("c.case", text, Options::default());
        let other = "0".repeat(64);
        let locked = format!(
            "evidence e \"x\" {{ artifact: \"a.txt\" sha256: \"{ABC}\" }}\nevidence e \"y\" {{ artifact: \"b.txt\" sha256: \"{other}\" }}\n"
        );
        let both = vec![
            (0, "e".to_string(), Outcome::Added(ABC.into())),
            (1, "e".to_string(), Outcome::Added(other.clone())),
        ];
        assert!(verify(&c, &locked, &both).is_ok());
        let swapped = vec![
            (0, "e".to_string(), Outcome::Added(other)),
            (1, "e".to_string(), Outcome::Added(ABC.into())),
        ];
        assert!(verify(&c, &locked, &swapped).is_err());
    }

    #[test]
    fn a_locked_text_that_reads_differently_is_refused() {
        let text = "evidence e \"x\" { artifact: \"a.txt\" }\n";
        let c = compile("c.case", text, Options::default());
        let added = vec![(0, "e".to_string(), Outcome::Added(ABC.into()))];
        let good = format!("evidence e \"x\" {{ artifact: \"a.txt\" sha256: \"{ABC}\" }}\n");
        assert!(verify(&c, &good, &added).is_ok());
        let outside = format!("evidence e \"x\" {{ artifact: \"a.txt\" }} sha256: \"{ABC}\"\n");
        assert!(verify(&c, &outside, &added).is_err());
        let missing = text.to_string();
        assert!(verify(&c, &missing, &added).is_err());
    }

    #[test]
    fn a_digest_goes_after_the_value_wherever_the_value_is() {
        let dir = std::env::temp_dir().join(format!("casec-lock-value-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "abc").unwrap();
        // The value on the line after its key; a closing brace after the
        // value; a string that runs on to the next line after it.
        let text = "evidence e1 \"x\" {\n  artifact:\n    \"a.txt\"\n}\n\
                    evidence e2 \"y\" {\n  date: 2026-01-01\n  artifact: \"a.txt\" }\n\
                    evidence e3 \"z\" {\n  artifact: \"a.txt\" model: \"long\n  name\"\n}\n";
        let path = dir.join("c.case");
        let c = compile(&path.display().to_string(), text, Options::default());
        let locked = lock(&c, &path).unwrap();
        let expected = format!(
            "evidence e1 \"x\" {{\n  artifact:\n    \"a.txt\"\n  sha256: \"{ABC}\"\n}}\n\
             evidence e2 \"y\" {{\n  date: 2026-01-01\n  artifact: \"a.txt\" sha256: \"{ABC}\" }}\n\
             evidence e3 \"z\" {{\n  artifact: \"a.txt\" sha256: \"{ABC}\" model: \"long\n  name\"\n}}\n"
        );
        assert_eq!(locked.text, expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
