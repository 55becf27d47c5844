//! The commands, one file each, over the options they share (`args.rs`) and
//! the walk that finds case files (`files.rs`).

mod args;
mod build;
mod check;
mod diff;
mod evidence;
mod explain;
mod files;
mod fmt;
mod import;
mod lsp;
mod prelude;
mod rules;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  Check
    casec check                                 every .case file under this folder (.gitignore respected)
    casec check examples/                       every .case file under a folder
    cat case.case | casec check - --stdin-filename case.case   standard input, as that file
    casec check --strict case.case              fail on warnings and undeveloped claims too
    casec check --format short case.case        one line per finding, for editors and grep
    casec check --explain-risk safe case.case   how claim `safe`'s risk bound was derived
    casec explain E0506                         what a diagnostic means and how to fix it
    casec explain unjustified-trust             the same, by the rule's name
  Build
    casec build case.case --emit json -o case.json      the typed IR (docs/json-schema)
    casec build case.case --emit svg -o case.svg        GSN diagram (docs/diagrams.md)
    casec build case.case --emit svg --root c_weights   only the argument under one element
    casec build case.case --emit html -o review.html    self-contained review page
    casec build case.case --emit markdown               the review as text, for pull requests
  Review a change
    casec diff main                             what the work tree changed in the argument since main
    casec diff --format markdown main           the same as a pull-request comment
  Maintain
    casec fmt examples/                         rewrite .case files in the canonical layout
    casec fmt --check .                         show what fmt would change; exit 1 if anything
    casec evidence lock case.case               record the sha256 of every local artifact
  Migrate
    casec import gsn2x index.gsn.yaml -o case/  gsn2x YAML into .case files (docs/migrating-from-gsn2x.md)
  Set up
    casec completions zsh > ~/.zfunc/_casec     shell completions (bash, zsh, fish, elvish, powershell)
    casec man > ~/.local/share/man/man1/casec.1 the manual page

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
    Check(check::Check),
    /// Check one case and write it in another form: the JSON IR only if the
    /// case has no errors; a diagram or review always, with its errors marked.
    Build(build::Build),
    /// Show what a change did to the argument, per element: elements,
    /// links, evidence, the claims resting on changed evidence, risk bounds
    /// and findings (docs/diff.md).
    Diff(diff::Diff),
    /// Format cases in place into the canonical layout (docs/formatting.md).
    Fmt(fmt::Fmt),
    /// Explain a rule, by its code or its name: `casec explain E0506`,
    /// `casec explain unjustified-trust`.
    Explain(explain::Explain),
    /// Work with the evidence files a case names.
    Evidence(evidence::Evidence),
    /// Convert an argument written for another tool into `.case` files:
    /// `casec import gsn2x FILE.yaml… -o DIR` (docs/migrating-from-gsn2x.md).
    Import(import::Import),
    /// Run the language server on standard input and output (for editors).
    ///
    /// Editors start it themselves: point yours at `casec lsp` (VS Code: the
    /// extension in editors/vscode; Neovim and Helix: docs/editors.md). It shows
    /// the findings `casec check FILE` prints, as you type: evidence artifacts
    /// verified, the nearest casec.toml applied, freshness judged on the day of
    /// SOURCE_DATE_EPOCH if the editor's environment sets it, else today (UTC).
    Lsp(lsp::Lsp),
    /// List every rule with its code, severity and summary.
    Rules(rules::Rules),
    /// Print the prelude's categories, building blocks (with their ratings
    /// and requirements), roles and topics, as Markdown (docs/prelude.md).
    Prelude(prelude::Prelude),
    /// Print a shell completion script, generated from these commands:
    /// `casec completions bash > ~/.local/share/bash-completion/completions/casec`.
    Completions(Completions),
    /// Print the manual page (roff), generated from these commands:
    /// `casec man | man -l -`, or `casec man > casec.1`.
    Man,
}

#[derive(clap::Args)]
struct Completions {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "casec", &mut script);
    write_out(&String::from_utf8_lossy(&script))?;
    Ok(true)
}

fn man_page() -> Outcome {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| format!("cannot write the manual page: {e}"))?;
    write_out(&String::from_utf8_lossy(&page))?;
    Ok(true)
}

/// What a command returns: whether the run passes (exit 0, else 1), or why
/// it could not run (exit 2).
type Outcome = Result<bool, String>;

/// Parse the command line and run the command.
pub fn run() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Check(command) => command.run(),
        Command::Build(command) => command.run(),
        Command::Diff(command) => command.run(),
        Command::Fmt(command) => command.run(),
        Command::Explain(command) => command.run(),
        Command::Evidence(command) => command.run(),
        Command::Import(command) => command.run(),
        Command::Lsp(command) => command.run(),
        Command::Rules(command) => command.run(),
        Command::Prelude(command) => command.run(),
        Command::Completions(Completions { shell }) => completions(shell),
        Command::Man => man_page(),
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
