//! `casec check`: report every finding in the cases given.

use super::args::{Format, ReportArgs};
use super::{files, Outcome};
use casec::emit::risk_tree;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Check {
    /// Files or folders (searched recursively for *.case files, skipping
    /// what .gitignore, .ignore and casec.toml's `exclude` leave out); `-`
    /// checks standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The name standard input (`-`) is reported under; it also picks the
    /// casec.toml that applies and where its artifacts are looked for.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Print the findings only, without the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print how this claim's (or argument's) risk bound and strength were derived.
    #[arg(long, value_name = "CLAIM")]
    explain_risk: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

impl Check {
    pub fn run(self) -> Outcome {
        let Check {
            paths,
            stdin_filename,
            quiet,
            explain_risk,
            report: args,
        } = self;
        let explain_risk = explain_risk.as_deref();
        let stdin = paths.iter().any(|p| p == Path::new("-"));
        if stdin && paths.len() > 1 {
            return Err("`-` (standard input) cannot be combined with other paths".into());
        }
        if stdin_filename.is_some() && !stdin {
            return Err("`--stdin-filename` names standard input: give `-` as the path".into());
        }
        let files = if stdin {
            vec![stdin_filename.unwrap_or_else(|| PathBuf::from("<stdin>"))]
        } else {
            files::collect(&paths, args.config_path())?
        };
        let mut configs = args.configs();
        let stdout = std::io::stdout();
        let mut reporter = args.reporter(stdout.lock(), stdout.is_terminal());
        let mut failed = 0;
        let mut explained = false;
        let mut nearest = None;
        for file in &files {
            let compilation = if stdin {
                let bytes = files::read_stdin()?;
                args.compile_bytes(file, bytes, &mut configs, &mut reporter)?
            } else {
                args.compile(file, &mut configs, &mut reporter)?
            };
            reporter.report(&compilation.sources, &compilation.diagnostics);
            reporter.accepted(
                &compilation.sources,
                compilation
                    .accepted
                    .iter()
                    .map(|a| (&a.diagnostic, a.reason.as_str())),
            );
            failed += usize::from(compilation.has_errors());
            let found = explain_risk.map(|name| risk_tree::find_explainable(&compilation, name));
            if let Some(Err(near)) = &found {
                nearest = nearest.take().or(near.clone());
            }
            if let (Some(name), Some(Ok(claim))) = (explain_risk, found) {
                let tree = risk_tree::explain(&compilation, claim);
                let text = format!("{}:\n{tree}", file.display());
                // In the JSON format, standard output stays one object per line.
                let json = serde_json::json!({
                    "explain_risk": {
                        "file": file.display().to_string(),
                        "claim": name,
                        "tree": tree,
                    }
                });
                if !reporter.extra(&text, &json) {
                    // A SARIF log is one document: the derivation goes beside it.
                    eprint!("{text}");
                }
                explained = true;
            }
        }
        if let (Some(name), false) = (explain_risk, explained) {
            let hint = nearest.map_or_else(String::new, |near| format!("; did you mean `{near}`?"));
            return Err(format!(
                "no checked case has a claim or argument called `{name}`{hint}"
            ));
        }
        let (errors, warnings) = (reporter.errors(), reporter.warnings());
        let accepted = reporter.accepted_count();
        reporter.finish();
        if matches!(args.format, Format::Human) && !quiet {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            eprintln!(
                "checked {}: {}, {}{}{}",
                plural(files.len(), "file"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                if accepted > 0 {
                    format!(", {accepted} accepted in review")
                } else {
                    String::new()
                },
                if failed > 0 {
                    format!(" ({} failed)", plural(failed, "file"))
                } else {
                    String::new()
                }
            );
        }
        Ok(args.passes(errors, warnings))
    }
}
