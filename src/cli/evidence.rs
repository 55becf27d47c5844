//! `casec evidence lock`: record the sha256 of every local artifact.

use super::args::stderr_color;
use super::{files, write_out, Outcome};
use casec::diagnostic::{self, Code, Family, Reporter};
use casec::lock::{self, Outcome as Locked};
use casec::project::Files;
use casec::{compile, Compilation, Options, Settings};
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
        /// The case file (or a module's file).
        file: PathBuf,
        /// Lock the whole project: FILE and every module it imports,
        /// directly or not, each in its own file. Nothing is written unless
        /// every file can be locked.
        #[arg(long)]
        project: bool,
    },
    /// Record that a reviewer signed off: bind the sign-off SIGNOFF to what
    /// its element is now (its text, its support all the way down and its
    /// artifacts' digests), in place. Run it when the reviewer signs off;
    /// `lock` never refreshes a sign-off.
    Sign {
        /// The case file.
        file: PathBuf,
        /// The id of the `signoff` item.
        signoff: String,
    },
}

impl Evidence {
    pub fn run(self) -> Outcome {
        match self.command {
            EvidenceCommand::Lock { file, project } => self::lock(&file, project),
            EvidenceCommand::Sign { file, signoff } => self::sign(&file, &signoff),
        }
    }
}

fn sign(file: &Path, signoff: &str) -> Outcome {
    // The artifacts are read: the binding holds their digests as they are.
    let options = Options {
        verify_evidence: true,
        ..Options::default()
    };
    let compilation = compile(&files::display_name(file), files::read_case(file)?, options);
    if !blocking(&compilation, file) {
        return Ok(false);
    }
    let signed = match lock::sign(&compilation, signoff) {
        Ok(signed) => signed,
        Err(why) => {
            eprintln!("error: {why}; nothing was changed");
            return Ok(false);
        }
    };
    let what = match &signed.outcome {
        Locked::Added(digest) => format!("recorded binding sha256 {digest}"),
        Locked::Updated { old, new } => format!("updated binding sha256 {old} → {new}"),
        _ => "unchanged, the binding is current".to_string(),
    };
    write_out(&format!(
        "{}sign-off `{signoff}` of `{}`: {what}\n",
        at(&compilation, signoff),
        signed.of
    ))?;
    if signed.text != compilation.sources.get(compilation.file).text {
        casec::output::write_atomically(file, signed.text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", file.display()))?;
    }
    Ok(true)
}

/// Reports what keeps a file from being edited in place (it does not
/// parse, or declares an id twice); false when something does.
fn blocking(compilation: &Compilation, file: &Path) -> bool {
    let blocking: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.family() == Family::Syntax || d.code == Code::DuplicateId)
        .cloned()
        .collect();
    if blocking.is_empty() {
        return true;
    }
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
    eprintln!("error: `{}` {why}; nothing was changed", file.display());
    false
}

/// The files `lock` locks: `file`, and with `project` every module it
/// imports (as each is named in diagnostics, and where it is on disk).
fn lock_targets(file: &Path, project: bool) -> Result<Vec<(String, PathBuf)>, String> {
    let mut targets = vec![(files::display_name(file), file.to_path_buf())];
    if project {
        // Only which files the project reads matters here: an import that
        // cannot be read is `casec check`'s to report.
        let settings = Settings {
            files: Files::disk(),
            ..Options::default().into()
        };
        let compilation = compile(&targets[0].0, files::read_case(file)?, settings);
        for module in compilation.files.iter().skip(1) {
            if let Some(path) = &module.path {
                let name = compilation.sources.get(module.file).name.clone();
                targets.push((name, path.clone()));
            }
        }
    }
    Ok(targets)
}

fn lock(file: &Path, project: bool) -> Outcome {
    let mut locked_files = Vec::new();
    let mut report = String::new();
    for (name, path) in lock_targets(file, project)? {
        // Only the file's own syntax matters here, and its evidence files
        // (beside it, whichever file imports it).
        let compilation = compile(&name, files::read_case(&path)?, Options::default());
        // What keeps the digests from being recorded: a file that does not
        // parse, or an id declared twice (which of the two would a digest
        // be for?). Only those are reported; the rest is `casec check`'s
        // business. In a project, one such file means no file is written.
        if !blocking(&compilation, &path) {
            return Ok(false);
        }
        let locked = lock::lock(&compilation, &path)?;
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
        locked_files.push((path, locked));
    }
    write_out(&report)?;
    let mut all_locked = true;
    for (path, locked) in &locked_files {
        if locked.changed() {
            casec::output::write_atomically(path, locked.text.as_bytes())
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
        all_locked &= !locked.failed();
    }
    Ok(all_locked)
}

/// Where an item of the file is declared, as diagnostics say it:
/// `file:line:col: ` (by the name written in the file, which in a module is
/// not the qualified id).
fn at(compilation: &Compilation, id: &str) -> String {
    let source = compilation.sources.get(compilation.file);
    compilation
        .ast
        .items
        .iter()
        .find(|item| item.id.name == id)
        .map_or_else(String::new, |item| {
            let at = source.line_col(item.id.span.start as usize);
            format!("{}:{}:{}: ", source.name, at.line, at.column)
        })
}
