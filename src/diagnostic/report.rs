//! Writing the diagnostics of a run in the format asked for: the line formats
//! as files are checked, SARIF as one log when the run ends.

use super::{github, render, render_json, sarif, Diagnostic, Severity, Style};
use crate::source::SourceMap;
use std::io::Write;
use std::path::PathBuf;

/// How `casec check` prints diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Source excerpts with labels, notes and help.
    Human { color: bool },
    /// One line each: `path:line:col: severity[CODE]: message`.
    Short,
    /// One JSON object per line (docs/errors.md).
    Json,
    /// One SARIF 2.1.0 log for the whole run.
    Sarif,
    /// GitHub Actions annotations, one line each.
    Github,
}

pub struct Reporter<W: Write> {
    format: Format,
    /// The working folder, which CI paths are relative to.
    base: PathBuf,
    out: W,
    sarif: Option<sarif::Log>,
    errors: usize,
    warnings: usize,
    accepted: usize,
}

impl<W: Write> Reporter<W> {
    pub fn new(format: Format, base: PathBuf, out: W) -> Reporter<W> {
        Reporter {
            format,
            base,
            out,
            sarif: (format == Format::Sarif).then(sarif::Log::new),
            errors: 0,
            warnings: 0,
            accepted: 0,
        }
    }

    /// Report the diagnostics of one file (or of a configuration file).
    pub fn report(&mut self, sources: &SourceMap, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            let text = match self.format {
                Format::Human { color } => render(sources, d, Style::Human { color }),
                Format::Short => render(sources, d, Style::Short),
                Format::Json => render_json(sources, d) + "\n",
                Format::Github => github::render(sources, d, &self.base),
                Format::Sarif => {
                    if let Some(log) = &mut self.sarif {
                        log.add(sources, d, &self.base);
                    }
                    continue;
                }
            };
            // A closed pipe (`casec check | head`) is not worth failing over.
            let _ = self.out.write_all(text.as_bytes());
        }
    }

    /// Count the warnings of one file that were accepted in review, each
    /// with its reason: the machine formats (JSON, SARIF) carry them, marked
    /// as accepted; the line formats only count them, in the summary.
    pub fn accepted<'a>(
        &mut self,
        sources: &SourceMap,
        accepted: impl IntoIterator<Item = (&'a Diagnostic, &'a str)>,
    ) {
        for (d, reason) in accepted {
            self.accepted += 1;
            match self.format {
                Format::Json => {
                    let line = super::render_json_accepted(sources, d, Some(reason)) + "\n";
                    let _ = self.out.write_all(line.as_bytes());
                }
                Format::Sarif => {
                    if let Some(log) = &mut self.sarif {
                        log.add_accepted(sources, d, &self.base, Some(reason));
                    }
                }
                Format::Human { .. } | Format::Short | Format::Github => {}
            }
        }
    }

    /// Write output asked for beside the diagnostics (such as a derivation
    /// `casec check --explain-risk` prints): `text` in the human, short and
    /// GitHub formats, `json` as one more line in the JSON format. A SARIF log
    /// is one document with no place for it: returns false and writes nothing,
    /// so that the caller can put `text` elsewhere.
    pub fn extra(&mut self, text: &str, json: &serde_json::Value) -> bool {
        let text = match self.format {
            Format::Human { .. } | Format::Short | Format::Github => text.to_owned(),
            Format::Json => format!("{json}\n"),
            Format::Sarif => return false,
        };
        let _ = self.out.write_all(text.as_bytes());
        true
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    pub fn accepted_count(&self) -> usize {
        self.accepted
    }

    /// End the run: write the SARIF log, if that is the format.
    pub fn finish(mut self) {
        if let Some(log) = &self.sarif {
            let _ = self.out.write_all(log.to_json().as_bytes());
        }
        let _ = self.out.flush();
    }
}
