//! `casec check`: report every finding in the cases given.

use super::args::{Format, ReportArgs};
use super::{files, Outcome};
use casec::emit::risk_tree;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Check {
    /// Files or folders (searched recursively for *.case files).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
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
            explain_risk,
            report: args,
        } = self;
        let explain_risk = explain_risk.as_deref();
        let files = files::collect(&paths)?;
        let mut configs = args.configs();
        let stdout = std::io::stdout();
        let mut reporter = args.reporter(stdout.lock(), stdout.is_terminal());
        let mut failed = 0;
        let mut explained = false;
        let mut nearest = None;
        for file in &files {
            let compilation = args.compile(file, &mut configs, &mut reporter)?;
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
        if matches!(args.format, Format::Human) {
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
