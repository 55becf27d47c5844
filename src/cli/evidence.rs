//! `casec evidence lock`: record the sha256 of every local artifact.

use super::args::stderr_color;
use super::{files, write_out, Outcome};
use casec::diagnostic::{self, Code, Family, Reporter};
use casec::lock::{self, Outcome as Locked};
use casec::{compile_bytes, Compilation, Options};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Evidence {
    #[command(subcommand)]
    command: EvidenceCommand,
}

#[derive(Subcommand)]
enum EvidenceCommand {
    /// Record (or update) the sha256 of every local artifact in the case
    /// file, in place; nothing else in the file changes. URLs are skipped.
    Lock {
        /// The case file.
        file: PathBuf,
    },
}

impl Evidence {
    pub fn run(self) -> Outcome {
        match self.command {
            EvidenceCommand::Lock { file } => self::lock(&file),
        }
    }
}

fn lock(file: &Path) -> Outcome {
    // Only the file's own syntax matters here, and its evidence files.
    let compilation = compile_bytes(
        &file.display().to_string(),
        files::read_case(file)?,
        Options::default(),
    );
    // What keeps the digests from being recorded: a file that does not
    // parse, or an id declared twice (which of the two would a digest be
    // for?). Only those are reported; the rest is `casec check`'s business.
    let blocking: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.family() == Family::Syntax || d.code == Code::DuplicateId)
        .cloned()
        .collect();
    if !blocking.is_empty() {
        let mut reporter = Reporter::new(
            diagnostic::Format::Human {
                color: stderr_color(),
            },
            std::env::current_dir().unwrap_or_default(),
            std::io::stderr().lock(),
        );
        reporter.report(&compilation.sources, &blocking);
        reporter.finish();
        let why = if blocking.iter().any(|d| d.code.family() == Family::Syntax) {
            "does not parse"
        } else {
            "declares an id twice"
        };
        // Like `casec fmt`: the case has errors (exit 1), not the command.
        eprintln!("error: `{}` {why}; nothing was changed", file.display());
        return Ok(false);
    }
    let locked = lock::lock(&compilation, file)?;
    let mut report = String::new();
    for (id, outcome) in &locked.outcomes {
        let what = match outcome {
            Locked::Added(digest) => format!("recorded sha256 {digest}"),
            Locked::Updated { old, new } => format!("updated sha256 {old} → {new}"),
            Locked::Unchanged => "unchanged".to_string(),
            Locked::SkippedUrl => "skipped, a URL is never fetched".to_string(),
            Locked::Failed(status) => format!(
                "not locked, the artifact is {}",
                status.keyword().replace('_', " ")
            ),
        };
        report.push_str(&format!(
            "{}evidence `{id}`: {what}\n",
            at(&compilation, id)
        ));
    }
    write_out(&report)?;
    if locked.changed() {
        casec::output::write_atomically(file, locked.text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", file.display()))?;
    }
    Ok(!locked.failed())
}

/// Where an evidence element is declared, as diagnostics say it: `file:line:col: `.
fn at(compilation: &Compilation, id: &str) -> String {
    let source = compilation.sources.get(compilation.file);
    compilation
        .case
        .lookup(id)
        .map_or_else(String::new, |element| {
            let at = source.line_col(compilation.case.get(element).id_span.start as usize);
            format!("{}:{}:{}: ", source.name, at.line, at.column)
        })
}
