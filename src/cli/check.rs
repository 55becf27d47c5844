//! `casec check`: report every finding in the cases given.

use super::args::{Format, ReportArgs};
use super::{files, write_out, Outcome};
use casec::config::Configs;
use casec::diagnostic::Reporter;
use casec::emit::risk_tree;
use casec::format::fix::{self, Fixed};
use casec::{compile, Compilation};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
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
    /// Apply the safe fixes (misspelt names with one clear candidate,
    /// missing commas and colons) and write each fixed file back in the
    /// canonical layout, then report what remains. A file that would still
    /// have syntax errors is left untouched. With `-`, the fixed text goes
    /// to standard output and the findings to standard error.
    #[arg(long)]
    fix: bool,
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
            fix,
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
        // With `check - --fix` standard output is the fixed text.
        let (out, terminal): (Box<dyn Write>, bool) = if stdin && fix {
            (Box::new(std::io::stderr()), std::io::stderr().is_terminal())
        } else {
            (
                Box::new(std::io::stdout().lock()),
                std::io::stdout().is_terminal(),
            )
        };
        let mut reporter = args.reporter(out, terminal);
        let mut failed = 0;
        let mut fixed = 0;
        let mut explained = false;
        let mut nearest = None;
        // Cases first: a module is checked through the cases that import
        // it, and on its own (its syntax and names) only if none does.
        let files = if stdin {
            files
        } else {
            // Read as the check reads them: a FIFO or a device is not waited on.
            let (modules, cases): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| {
                files::read_case(f).is_ok_and(|text| casec::project::declares_module(&text))
            });
            cases.into_iter().chain(modules).collect()
        };
        let mut covered: HashSet<PathBuf> = HashSet::new();
        let mut reported = HashSet::new();
        for file in &files {
            if std::fs::canonicalize(file).is_ok_and(|real| covered.contains(&real)) {
                continue;
            }
            let compilation = if fix {
                let bytes = if stdin {
                    files::read_stdin()?
                } else {
                    files::read_case(file)?
                };
                let (compilation, count) = fix_file(
                    &args,
                    file,
                    bytes,
                    stdin,
                    quiet,
                    &mut configs,
                    &mut reporter,
                )?;
                fixed += count;
                compilation
            } else if stdin {
                let bytes = files::read_stdin()?;
                args.compile_bytes(file, bytes, &mut configs, &mut reporter)?
            } else {
                args.compile(file, &mut configs, &mut reporter)?
            };
            covered.extend(compilation.files.iter().filter_map(|f| f.path.clone()));
            // A finding in a module that two cases import is reported once.
            let findings: Vec<_> = compilation
                .diagnostics
                .iter()
                .filter(|d| {
                    let at = d.primary.span;
                    at.file == compilation.file
                        || reported.insert((
                            compilation.sources.get(at.file).name.clone(),
                            at.start,
                            at.end,
                            d.code,
                            d.message.clone(),
                        ))
                })
                .cloned()
                .collect();
            reporter.report(&compilation.sources, &findings);
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
                "checked {}: {}{}, {}{}{}",
                plural(files.len(), "file"),
                if fix {
                    format!("{} fixed, ", plural(fixed, "finding"))
                } else {
                    String::new()
                },
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

/// `--fix` on one file: its safe fixes applied and the file written back
/// (or, from standard input, printed), then compiled as it now is. Returns
/// the compilation and how many findings were fixed.
fn fix_file(
    args: &ReportArgs,
    file: &Path,
    bytes: Vec<u8>,
    stdin: bool,
    quiet: bool,
    configs: &mut Configs,
    reporter: &mut Reporter<impl Write>,
) -> Result<(Compilation, usize), String> {
    let settings = args.settings(file, configs, reporter)?;
    let name = files::display_name(file);
    let check = |text: &str| compile(&name, text, &settings);
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        // Not UTF-8 (E0001): nothing to fix.
        if stdin {
            write_bytes(&bytes)?;
        }
        return Ok((compile(&name, bytes, settings), 0));
    };
    let unchanged = |text: &str| -> Result<(Compilation, usize), String> {
        if stdin {
            write_out(text)?;
        }
        Ok((check(text), 0))
    };
    match fix::fix(&name, &text, check) {
        Fixed::Nothing => unchanged(&text),
        Fixed::Text { text: new, applied } => {
            if stdin {
                write_out(&new)?;
            } else {
                casec::output::write_atomically(file, new.as_bytes())
                    .map_err(|e| format!("cannot write `{name}`: {e}"))?;
            }
            if !quiet {
                eprintln!("fixed {name}: {}", describe(&applied));
            }
            Ok((check(&new), applied.len()))
        }
        Fixed::Untouched {
            applied,
            diagnostics,
        } => {
            eprintln!(
                "{name} was left untouched: {} would apply ({}), but {} no safe fix repairs would remain; fix {} first",
                if applied.len() == 1 { "1 fix".to_string() } else { format!("{} fixes", applied.len()) },
                describe(&applied),
                if diagnostics.len() == 1 { "a syntax error".to_string() } else { format!("{} syntax errors", diagnostics.len()) },
                if diagnostics.len() == 1 { "it" } else { "them" },
            );
            unchanged(&text)
        }
        Fixed::Unverified(why) => {
            eprintln!(
                "error: `{name}` was left untouched: {why} (a formatter bug; please report it)"
            );
            unchanged(&text)
        }
    }
}

/// `E0202 replace with `evals`; E0002 add the missing commas`.
fn describe(applied: &[(casec::diagnostic::Code, String)]) -> String {
    applied
        .iter()
        .map(|(code, what)| format!("{code} {}", casec::diagnostic::one_line(what)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn write_bytes(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}
