//! The `casec` command line: a thin shell over the library.

use casec::check::registry::{self, RULES};
use casec::diagnostic::{self, Severity, Style};
use casec::syntax::{parse_date, Date};
use casec::{compile_bytes, Compilation, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  casec check examples/                 check every .case file under a folder
  casec check --strict case.case        fail on warnings and undeveloped claims too
  casec check --format short case.case  one line per finding, for editors and grep
  casec build case.case --emit json -o case.json
  casec explain E0506                   what a diagnostic means and how to fix it
  casec check --explain-risk safe case.case   how claim `safe`'s risk bound was derived
  casec evidence lock case.case         record the sha256 of every local artifact

Exit status: 0 the cases are clean (warnings allowed unless --strict),
1 a case has errors, 2 the command could not run (bad usage, unreadable file).";

/// A compiler for AI safety cases written as code.
///
/// casec reads `.case` files (claims, typed arguments and evidence), checks
/// them against the rules of safety-case reasoning, and emits JSON.
#[derive(Parser)]
#[command(name = "casec", version, after_help = AFTER_HELP, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check cases and report every error and warning found.
    Check {
        /// Files or folders (searched recursively for *.case files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print how this claim's risk bound and strength were derived.
        #[arg(long, value_name = "CLAIM")]
        explain_risk: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Check one case and, if it has no errors, write it in another form.
    Build {
        /// The case file.
        file: PathBuf,
        /// The output form.
        #[arg(long, value_enum, default_value = "json")]
        emit: Emit,
        /// Where to write (atomically); standard output if omitted.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Explain a diagnostic code, e.g. `casec explain E0506`.
    Explain {
        /// The code, as printed in brackets: `error[E0506]`.
        code: String,
    },
    /// Work with the evidence files a case names.
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
    },
    /// Run the language server on standard input and output (for editors).
    Lsp {
        /// Accepted for editors that pass it; standard I/O is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// List every rule with its code, severity and summary.
    Rules {
        /// `text` for a table, `markdown` for docs/errors.md, `json` for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
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

#[derive(clap::Args)]
struct ReportArgs {
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Colour the human format (honours NO_COLOR under `auto`).
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Treat warnings, undeveloped claims among them, as errors.
    #[arg(long)]
    strict: bool,
    /// The date to judge evidence freshness on (default: the day of
    /// SOURCE_DATE_EPOCH if set, else today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<Date>,
    /// Evidence older than this is stale; overrides the case's
    /// `max_evidence_age` (default 365).
    #[arg(long, value_name = "DAYS")]
    max_evidence_age: Option<u32>,
}

impl ReportArgs {
    /// What the CLI compiles with: evidence files are read and verified.
    fn options(&self) -> Options {
        Options {
            strict: self.strict,
            verify_evidence: true,
            today: Some(self.today.unwrap_or_else(check_date)),
            max_evidence_age: self.max_evidence_age,
        }
    }
}

/// The check date without `--today`: the day of `SOURCE_DATE_EPOCH` (the
/// reproducible-builds convention, seconds since 1970) if it is set and
/// valid, else today (UTC).
fn check_date() -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or_else(Date::today, |seconds| {
            Date::from_days(seconds.div_euclid(86_400))
        })
}

fn date_arg(text: &str) -> Result<Date, String> {
    parse_date(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Source excerpts with labels, notes and help.
    Human,
    /// One line each: path:line:col: severity[CODE]: message.
    Short,
    /// One JSON object per line (schema in docs/errors.md).
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Emit {
    /// The checked IR (docs/json-schema/casec-ir.schema.json).
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            paths,
            explain_risk,
            report,
        } => check(&paths, explain_risk.as_deref(), &report),
        Command::Build {
            file,
            emit,
            output,
            report,
        } => build(&file, emit, output.as_deref(), &report),
        Command::Explain { code } => explain(&code),
        Command::Evidence {
            command: EvidenceCommand::Lock { file },
        } => lock(&file),
        Command::Lsp { .. } => casec::lsp::run(),
        Command::Rules { format } => {
            print!("{}", rules(format));
            Ok(true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Collect `.case` files: files as given, folders searched recursively, in a
/// stable order.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files)
                .map_err(|e| format!("cannot read folder `{}`: {e}", path.display()))?;
            if files.len() == before {
                return Err(format!("no .case files in `{}`", path.display()));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "case") {
            files.push(path);
        }
    }
    Ok(())
}

/// Spans are 32-bit byte offsets; a case file is far smaller than this.
const MAX_FILE_BYTES: u64 = 1 << 30;

fn load(path: &Path, options: Options) -> Result<Compilation, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "`{}` is {size} bytes; casec reads case files of up to 1 GiB (split the case, or check that this is the file you meant)",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    Ok(compile_bytes(&path.display().to_string(), bytes, options))
}

fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Print a compilation's diagnostics; returns (errors, warnings).
fn report(compilation: &Compilation, args: &ReportArgs, out: &mut impl Write) -> (usize, usize) {
    let color = use_color(args.color);
    for d in &compilation.diagnostics {
        let text = match args.format {
            Format::Human => diagnostic::render(&compilation.sources, d, Style::Human { color }),
            Format::Short => diagnostic::render(&compilation.sources, d, Style::Short),
            Format::Json => diagnostic::render_json(&compilation.sources, d) + "\n",
        };
        let _ = out.write_all(text.as_bytes());
    }
    (
        compilation.count(Severity::Error),
        compilation.count(Severity::Warning),
    )
}

fn check(paths: &[PathBuf], explain_risk: Option<&str>, args: &ReportArgs) -> Result<bool, String> {
    let files = collect(paths)?;
    let options = args.options();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut errors, mut warnings, mut failed) = (0, 0, 0);
    let mut explained = false;
    for file in &files {
        let compilation = load(file, options)?;
        let (e, w) = report(&compilation, args, &mut out);
        errors += e;
        warnings += w;
        failed += usize::from(e > 0);
        let claim =
            explain_risk.and_then(|name| casec::emit::risk_tree::find_claim(&compilation, name));
        if let Some(claim) = claim {
            let tree = casec::emit::risk_tree::explain(&compilation, claim);
            if matches!(args.format, Format::Json) {
                // Keep standard output one JSON object per line.
                let line = serde_json::json!({
                    "explain_risk": {
                        "file": file.display().to_string(),
                        "claim": explain_risk,
                        "tree": tree,
                    }
                });
                let _ = writeln!(out, "{line}");
            } else {
                let _ = write!(out, "{}:\n{tree}", file.display());
            }
            explained = true;
        }
    }
    if let (Some(name), false) = (explain_risk, explained) {
        return Err(format!("no checked case has a claim called `{name}`"));
    }
    if matches!(args.format, Format::Human) {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        eprintln!(
            "checked {}: {}, {}{}",
            plural(files.len(), "file"),
            plural(errors, "error"),
            plural(warnings, "warning"),
            if failed > 0 {
                format!(" ({} failed)", plural(failed, "file"))
            } else {
                String::new()
            }
        );
    }
    Ok(errors == 0)
}

fn build(
    file: &Path,
    emit: Emit,
    output: Option<&Path>,
    args: &ReportArgs,
) -> Result<bool, String> {
    let compilation = load(file, args.options())?;
    let (errors, _) = report(&compilation, args, &mut std::io::stderr().lock());
    if errors > 0 {
        eprintln!(
            "error: `{}` has {errors} error(s); nothing was written",
            file.display()
        );
        return Ok(false);
    }
    let text = match emit {
        Emit::Json => casec::emit::json::emit(&compilation),
    };
    match output {
        Some(path) => casec::output::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(true)
}

fn lock(file: &Path) -> Result<bool, String> {
    use casec::lock::Outcome;
    // Only the file's own syntax matters here, and its evidence files.
    let compilation = load(file, Options::default())?;
    if compilation.diagnostics.iter().any(|d| d.code < "E0100") {
        let human = ReportArgs {
            format: Format::Human,
            color: Color::Auto,
            strict: false,
            today: None,
            max_evidence_age: None,
        };
        report(&compilation, &human, &mut std::io::stderr().lock());
        return Err(format!(
            "`{}` does not parse; nothing was changed",
            file.display()
        ));
    }
    let locked = casec::lock::lock(&compilation, file)
        .map_err(|e| format!("cannot find the folder of `{}`: {e}", file.display()))?;
    for (id, outcome) in &locked.outcomes {
        match outcome {
            Outcome::Added(digest) => println!("{id}: recorded sha256 {digest}"),
            Outcome::Updated { old, new } => println!("{id}: updated sha256 {old} → {new}"),
            Outcome::Unchanged => println!("{id}: unchanged"),
            Outcome::SkippedUrl => println!("{id}: skipped, a URL is never fetched"),
            Outcome::Failed(status) => println!(
                "{id}: not locked, the artifact is {}",
                status.keyword().replace('_', " ")
            ),
        }
    }
    if locked.changed() {
        casec::output::write_atomically(file, locked.text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", file.display()))?;
    }
    Ok(!locked.failed())
}

fn explain(code: &str) -> Result<bool, String> {
    let rule = registry::find(code).ok_or_else(|| {
        format!("no diagnostic has the code `{code}`; `casec rules` lists them all")
    })?;
    println!(
        "{} {} ({}, {})\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.family.as_str()
    );
    println!("{}\n", rule.summary);
    println!("{}", rule.explanation);
    Ok(true)
}

fn rules(format: RulesFormat) -> String {
    match format {
        RulesFormat::Text => RULES
            .iter()
            .map(|r| {
                format!(
                    "{}  {:<8} {:<28} {}\n",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.summary
                )
            })
            .collect(),
        RulesFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|r| serde_json::json!({"code": r.code, "name": r.name, "family": r.family.as_str(), "severity": r.severity.as_str(), "summary": r.summary, "explanation": r.explanation}))
                .collect();
            serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
        }
        RulesFormat::Markdown => casec::check::registry::markdown(),
    }
}
