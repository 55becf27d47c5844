//! The `casec` command line: a thin shell over the library.

use casec::check::registry::{self, RULES};
use casec::config::{Configs, RuleLevels};
use casec::diagnostic::{self, Reporter, Style};
use casec::emit::gsn::Drawing;
use casec::syntax::{parse_date, Date};
use casec::{compile_bytes, compile_configured, format, Compilation, Freshness, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  Check
    casec check examples/                       every .case file under a folder
    casec check --strict case.case              fail on warnings and undeveloped claims too
    casec check --format short case.case        one line per finding, for editors and grep
    casec check --explain-risk safe case.case   how claim `safe`'s risk bound was derived
    casec explain E0506                         what a diagnostic means and how to fix it
  Build
    casec build case.case --emit json -o case.json      the typed IR (docs/json-schema)
    casec build case.case --emit svg -o case.svg        GSN diagram (docs/diagrams.md)
    casec build case.case --emit svg --root c_weights   only the argument under one element
    casec build case.case --emit html -o review.html    self-contained review page
    casec build case.case --emit markdown               the review as text, for pull requests
  Maintain
    casec fmt examples/                         rewrite .case files in the canonical layout
    casec fmt --check .                         show what fmt would change; exit 1 if anything
    casec evidence lock case.case               record the sha256 of every local artifact

Exit status: 0 the cases are clean (warnings allowed unless --strict or --deny-warnings),
1 a case has errors (or fmt --check would change a file), 2 the command could not run
(bad usage, unreadable file).";

/// A compiler for AI safety cases written as code.
///
/// casec reads `.case` files (claims, typed arguments and evidence), checks
/// them against the rules of safety-case reasoning, and emits JSON, GSN
/// diagrams (SVG, DOT) and review reports (HTML, Markdown).
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
        /// Print how this claim's (or argument's) risk bound and strength were derived.
        #[arg(long, value_name = "CLAIM")]
        explain_risk: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Check one case and write it in another form: the JSON IR only if the
    /// case has no errors; a diagram or review always, with its errors marked.
    Build {
        /// The case file.
        file: PathBuf,
        /// The output form.
        #[arg(long, value_enum, default_value = "json")]
        emit: Emit,
        /// Where to write (atomically); standard output if omitted or `-`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Draw only the sub-argument under this element (svg, dot, html).
        #[arg(long, value_name = "ID")]
        root: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Format cases in place into the canonical layout (docs/formatting.md).
    Fmt {
        /// Files or folders (searched recursively for *.case files); `-`
        /// formats standard input to standard output.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Change nothing: print a diff of what would change, and exit 1 if
        /// anything would.
        #[arg(long)]
        check: bool,
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
    ///
    /// Editors start it themselves: point yours at `casec lsp` (VS Code: the
    /// extension in editors/vscode; Neovim and Helix: docs/editors.md). It shows
    /// the findings `casec check FILE` prints, as you type: evidence artifacts
    /// verified, the nearest casec.toml applied, freshness judged on the day of
    /// SOURCE_DATE_EPOCH if the editor's environment sets it, else today (UTC).
    Lsp {
        /// Accepted for editors that pass it; standard I/O is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
        #[command(flatten)]
        freshness: FreshnessArgs,
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
    /// Fail the run on warnings too (they are still printed as warnings).
    #[arg(long)]
    deny_warnings: bool,
    /// The project configuration to use instead of the nearest casec.toml
    /// above each file.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(flatten)]
    freshness: FreshnessArgs,
}

/// How evidence freshness is judged, for `check`, `build` and `lsp`.
#[derive(clap::Args)]
struct FreshnessArgs {
    /// The date to judge evidence freshness on (default: the day of
    /// SOURCE_DATE_EPOCH if set, else today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<Date>,
    /// Evidence older than this is stale; overrides the case's
    /// `max_evidence_age` (default 365).
    #[arg(long, value_name = "DAYS")]
    max_evidence_age: Option<u32>,
}

impl FreshnessArgs {
    fn pinned(&self) -> Freshness {
        if self.today.is_none() {
            if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
                if casec::compile::epoch_day(&value).is_none() {
                    eprintln!(
                        "warning: SOURCE_DATE_EPOCH=`{value}` is not a whole number of seconds since 1970; evidence freshness is judged on today's date"
                    );
                }
            }
        }
        Freshness {
            today: self.today,
            max_evidence_age: self.max_evidence_age,
        }
    }
}

impl ReportArgs {
    fn reporter<W: Write>(&self, out: W, terminal: bool) -> Reporter<W> {
        let format = match self.format {
            Format::Human => diagnostic::Format::Human {
                color: use_color(self.color, terminal),
            },
            Format::Short => diagnostic::Format::Short,
            Format::Json => diagnostic::Format::Json,
            Format::Sarif => diagnostic::Format::Sarif,
            Format::Github => diagnostic::Format::Github,
        };
        Reporter::new(format, std::env::current_dir().unwrap_or_default(), out)
    }

    /// Whether a run that found these passes.
    fn passes(&self, errors: usize, warnings: usize) -> bool {
        errors == 0 && !(self.deny_warnings && warnings > 0)
    }

    /// What the CLI compiles with: evidence files are read and verified.
    fn options(&self) -> Options {
        Options {
            strict: self.strict,
            ..self.freshness.pinned().options()
        }
    }
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
    /// One SARIF 2.1.0 log, for code scanning (docs/ci.md).
    Sarif,
    /// GitHub Actions annotations (docs/ci.md).
    Github,
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
    /// A GSN diagram (goal, strategy, solution, context shapes).
    Svg,
    /// The same GSN diagram as Graphviz DOT.
    Dot,
    /// A self-contained review page: diagram, coverage, evidence, findings.
    Html,
    /// The review as Markdown, for pull-request comments.
    Markdown,
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
            root,
            report,
        } => build(&file, emit, output.as_deref(), root.as_deref(), &report),
        Command::Fmt { paths, check } => fmt(&paths, check),
        Command::Explain { code } => explain(&code),
        Command::Evidence {
            command: EvidenceCommand::Lock { file },
        } => lock(&file),
        Command::Lsp { freshness, .. } => casec::lsp::run(freshness.pinned()),
        Command::Rules { format } => write_out(&rules(format)).map(|()| true),
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

/// Collect `.case` files: files as given, folders searched recursively (not
/// through links to folders, which may loop), in a stable order, each file
/// once however many ways it is named.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            let before = found.len();
            walk(path, &mut found)?;
            if found.len() == before {
                return Err(format!("no .case files in `{}`", path.display()));
            }
        } else {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    // A file that cannot be resolved is kept: reading it reports why.
    found.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    Ok(found)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let cannot_read = |e: std::io::Error| format!("cannot read folder `{}`: {e}", dir.display());
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(cannot_read)?
        .map(|entry| entry.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(cannot_read)?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "case") && path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// Spans are 32-bit byte offsets; a case file is far smaller than this.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// A case file's bytes; one too large to index is refused before reading.
fn read_case(path: &Path) -> Result<Vec<u8>, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "`{}` is {size} bytes; casec reads case files of up to 1 GiB (split the case, or check that this is the file you meant)",
            path.display()
        ));
    }
    std::fs::read(path).map_err(cannot_read)
}

/// Compile one file with its project's rule levels; a project's casec.toml
/// is reported the first time a file uses it.
fn load(
    path: &Path,
    args: &ReportArgs,
    configs: &mut Configs,
    reporter: &mut Reporter<impl Write>,
) -> Result<Compilation, String> {
    let bytes = read_case(path)?;
    let levels = match configs.for_file(path)? {
        Some((config, fresh)) => {
            if fresh {
                reporter.report(&config.sources, &config.diagnostics);
            }
            config.levels.clone()
        }
        None => RuleLevels::default(),
    };
    Ok(compile_configured(
        &path.display().to_string(),
        bytes,
        args.options(),
        &levels,
    ))
}

fn use_color(color: Color, terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

fn check(paths: &[PathBuf], explain_risk: Option<&str>, args: &ReportArgs) -> Result<bool, String> {
    let files = collect(paths)?;
    let mut configs = Configs::new(args.config.clone());
    let stdout = std::io::stdout();
    let mut reporter = args.reporter(stdout.lock(), stdout.is_terminal());
    let mut failed = 0;
    let mut explained = false;
    let mut nearest = None;
    for file in &files {
        let compilation = load(file, args, &mut configs, &mut reporter)?;
        reporter.report(&compilation.sources, &compilation.diagnostics);
        failed += usize::from(compilation.has_errors());
        let found =
            explain_risk.map(|name| casec::emit::risk_tree::find_explainable(&compilation, name));
        if let Some(Err(near)) = &found {
            nearest = nearest.take().or(near.clone());
        }
        if let (Some(name), Some(Ok(claim))) = (explain_risk, found) {
            let tree = casec::emit::risk_tree::explain(&compilation, claim);
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
    reporter.finish();
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
    Ok(args.passes(errors, warnings))
}

fn build(
    file: &Path,
    emit: Emit,
    output: Option<&Path>,
    root: Option<&str>,
    args: &ReportArgs,
) -> Result<bool, String> {
    if root.is_some() && matches!(emit, Emit::Json | Emit::Markdown) {
        return Err("--root applies to a diagram: use it with --emit svg, dot or html".into());
    }
    // `-o -` is standard output, as `-` is standard input for `casec fmt`.
    let output = output.filter(|path| *path != Path::new("-"));
    if let Some(path) = output {
        let same = |a: &Path, b: &Path| matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b);
        if same(path, file) {
            return Err(format!(
                "`-o {}` is the case file itself: writing there would replace the case; name another file",
                path.display()
            ));
        }
    }
    let mut configs = Configs::new(args.config.clone());
    let stderr = std::io::stderr();
    let mut reporter = args.reporter(stderr.lock(), stderr.is_terminal());
    let compilation = load(file, args, &mut configs, &mut reporter)?;
    reporter.report(&compilation.sources, &compilation.diagnostics);
    let (errors, warnings) = (reporter.errors(), reporter.warnings());
    reporter.finish();
    let passes = args.passes(errors, warnings);
    let found = if errors > 0 {
        format!("{errors} error(s)")
    } else {
        format!("{warnings} warning(s) and --deny-warnings is set")
    };
    // The IR is a contract for tools: never written for a case that fails.
    // A diagram or review is for people, and most useful where the case
    // fails: it is written, with the findings marked on it, and the exit
    // status still says the case fails.
    if !passes && matches!(emit, Emit::Json) {
        eprintln!(
            "error: `{}` has {found}; nothing was written",
            file.display()
        );
        return Ok(false);
    }
    let text = match emit {
        Emit::Json => casec::emit::json::emit(&compilation),
        Emit::Svg => {
            let drawing = Drawing::of(&compilation, root)?.with_link_base(&link_base(file, output));
            casec::emit::gsn::svg::render(&drawing, true)
        }
        Emit::Dot => {
            let drawing = Drawing::of(&compilation, root)?.with_link_base(&link_base(file, output));
            casec::emit::gsn::dot::render(&drawing)
        }
        Emit::Html => casec::emit::report::html(&compilation, root, &link_base(file, output))?,
        Emit::Markdown => casec::emit::report::markdown(&compilation),
    };
    match output {
        Some(path) => casec::output::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => write_out(&text)?,
    }
    if !passes {
        eprintln!(
            "error: `{}` has {found}, marked in the {}",
            file.display(),
            if matches!(emit, Emit::Markdown) {
                "review"
            } else {
                "diagram"
            }
        );
    }
    Ok(passes)
}

/// The case file's directory as seen from the output's, URL-encoded and
/// ending in `/` (empty when they are the same), so that links to artifacts
/// (paths relative to the case file) work from the written diagram. Standard
/// output is taken to be read from the current directory.
fn link_base(case: &Path, output: Option<&Path>) -> String {
    let dir = |p: Option<&Path>| match p {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(from), Ok(to)) = (
        std::fs::canonicalize(dir(output.and_then(Path::parent))),
        std::fs::canonicalize(dir(case.parent())),
    ) else {
        return String::new();
    };
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Different roots (drives): only an absolute URL can reach the case.
        let path = to.iter().collect::<PathBuf>();
        return format!(
            "file:///{}/",
            casec::emit::gsn::model::encode_path(path.to_string_lossy().trim_start_matches('/'))
        );
    }
    let mut base = "../".repeat(from.len() - common);
    for part in &to[common..] {
        base.push_str(&casec::emit::gsn::model::encode_path(
            &part.as_os_str().to_string_lossy(),
        ));
        base.push('/');
    }
    base
}

/// Format files in place (or check them); `-` alone filters standard input.
fn fmt(paths: &[PathBuf], check: bool) -> Result<bool, String> {
    if paths.iter().any(|p| p == Path::new("-")) {
        if paths.len() > 1 {
            return Err("`-` (standard input) cannot be combined with other paths".into());
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        let formatted = match format::format_bytes("<stdin>", &bytes) {
            Ok(formatted) => formatted,
            Err(err) => return Ok(report_format_error("<stdin>", &err)),
        };
        let unchanged = formatted.as_bytes() == bytes;
        if !check {
            write_out(&formatted)?;
        } else if !unchanged {
            write_out(&format::diff(
                "<stdin>",
                &String::from_utf8_lossy(&bytes),
                &formatted,
            ))?;
        }
        return Ok(unchanged || !check);
    }
    let files = collect(paths)?;
    let (mut changed, mut failed) = (0, 0);
    for file in &files {
        let name = file.display().to_string();
        let bytes = read_case(file)?;
        match format::format_bytes(&name, &bytes) {
            Ok(formatted) if formatted.as_bytes() == bytes => {}
            Ok(formatted) => {
                changed += 1;
                if check {
                    write_out(&format::diff(
                        &name,
                        &String::from_utf8_lossy(&bytes),
                        &formatted,
                    ))?;
                } else {
                    casec::output::write_atomically(file, formatted.as_bytes())
                        .map_err(|e| format!("cannot write `{name}`: {e}"))?;
                }
            }
            Err(err) => failed += usize::from(!report_format_error(&name, &err)),
        }
    }
    let verb = if check {
        "would reformat"
    } else {
        "reformatted"
    };
    let failures = if failed > 0 {
        format!("; {failed} left untouched because of errors")
    } else {
        String::new()
    };
    eprintln!("{verb} {changed} of {} files{failures}", files.len());
    Ok(failed == 0 && !(check && changed > 0))
}

/// Print why a file was not formatted; always false (the run fails).
fn report_format_error(name: &str, err: &format::FormatError) -> bool {
    match err {
        format::FormatError::Invalid {
            sources,
            diagnostics,
        } => {
            let color = use_color(Color::Auto, std::io::stderr().is_terminal());
            for d in diagnostics {
                eprint!("{}", diagnostic::render(sources, d, Style::Human { color }));
            }
        }
        format::FormatError::Unverified(why) => {
            eprintln!(
                "error: `{name}` was left untouched: {why} (a formatter bug; please report it)"
            );
        }
    }
    false
}

fn lock(file: &Path) -> Result<bool, String> {
    use casec::lock::Outcome;
    // Only the file's own syntax matters here, and its evidence files.
    let compilation = compile_bytes(
        &file.display().to_string(),
        read_case(file)?,
        Options::default(),
    );
    if compilation.diagnostics.iter().any(|d| d.code < "E0100") {
        let stderr = std::io::stderr();
        let color = use_color(Color::Auto, stderr.is_terminal());
        let mut reporter = Reporter::new(
            diagnostic::Format::Human { color },
            std::env::current_dir().unwrap_or_default(),
            stderr.lock(),
        );
        reporter.report(&compilation.sources, &compilation.diagnostics);
        reporter.finish();
        // Like `casec fmt`: the case has errors (exit 1), not the command.
        eprintln!(
            "error: `{}` does not parse; nothing was changed",
            file.display()
        );
        return Ok(false);
    }
    let locked = casec::lock::lock(&compilation, file)?;
    let mut report = String::new();
    let source = compilation.sources.get(compilation.file);
    for (id, outcome) in &locked.outcomes {
        // Where the evidence is declared, as diagnostics say it.
        let at = compilation
            .case
            .lookup(id)
            .map_or_else(String::new, |element| {
                let at = source.line_col(compilation.case.get(element).id_span.start as usize);
                format!("{}:{}:{}: ", source.name, at.line, at.column)
            });
        let what = match outcome {
            Outcome::Added(digest) => format!("recorded sha256 {digest}"),
            Outcome::Updated { old, new } => format!("updated sha256 {old} → {new}"),
            Outcome::Unchanged => "unchanged".to_string(),
            Outcome::SkippedUrl => "skipped, a URL is never fetched".to_string(),
            Outcome::Failed(status) => format!(
                "not locked, the artifact is {}",
                status.keyword().replace('_', " ")
            ),
        };
        report.push_str(&format!("{at}evidence `{id}`: {what}\n"));
    }
    write_out(&report)?;
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
    write_out(&format!(
        "{} {} ({}, {})\n\n{}\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.family.as_str(),
        rule.summary,
        rule.explanation
    ))?;
    Ok(true)
}

/// Write to standard output. A closed pipe (`casec … | head`) ends the
/// output quietly; any other failure (a full disk) is an error.
fn write_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
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
                .map(|r| serde_json::json!({"code": r.code, "name": r.name, "family": r.family.as_str(), "severity": r.severity.as_str(), "summary": r.summary, "explanation": r.explanation, "configurable": r.configurable()}))
                .collect();
            serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
        }
        RulesFormat::Markdown => casec::check::registry::markdown(),
    }
}
