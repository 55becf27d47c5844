//! `casec fmt`: rewrite cases in the canonical layout, or show the diff.

use super::args::stderr_color;
use super::{files, write_out, Outcome};
use casec::diagnostic::{self, Style};
use casec::format::{self, FormatError};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Fmt {
    /// Files or folders (searched recursively for *.case files); `-`
    /// formats standard input to standard output.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Change nothing: print a diff of what would change, and exit 1 if
    /// anything would.
    #[arg(long)]
    check: bool,
    /// Print nothing but the diff (with `--check`) and errors: no summary.
    #[arg(long, short)]
    quiet: bool,
}

impl Fmt {
    /// Format files in place (or check them); `-` alone filters standard input.
    pub fn run(self) -> Outcome {
        let Fmt {
            paths,
            check,
            quiet,
        } = self;
        if paths.iter().any(|p| p == Path::new("-")) {
            if paths.len() > 1 {
                return Err("`-` (standard input) cannot be combined with other paths".into());
            }
            return standard_input(check);
        }
        let files = files::collect(&paths, None)?;
        let (mut changed, mut failed) = (0, 0);
        for file in &files {
            let name = files::display_name(file);
            let bytes = files::read_case(file)?;
            match format::format_bytes(&name, &bytes) {
                Ok(formatted) if formatted.as_bytes() == bytes => {}
                Ok(formatted) => {
                    changed += 1;
                    if check {
                        write_out(&coloured(format::diff(
                            &name,
                            &String::from_utf8_lossy(&bytes),
                            &formatted,
                        )))?;
                    } else {
                        casec::output::write_atomically(file, formatted.as_bytes())
                            .map_err(|e| format!("cannot write `{name}`: {e}"))?;
                    }
                }
                Err(err) => {
                    report_format_error(&name, &err);
                    failed += 1;
                }
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
        if !quiet {
            eprintln!("{verb} {changed} of {} files{failures}", files.len());
        }
        Ok(failed == 0 && !(check && changed > 0))
    }
}

fn standard_input(check: bool) -> Outcome {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let formatted = match format::format_bytes("<stdin>", &bytes) {
        Ok(formatted) => formatted,
        Err(err) => {
            report_format_error("<stdin>", &err);
            return Ok(false);
        }
    };
    let unchanged = formatted.as_bytes() == bytes;
    if !check {
        write_out(&formatted)?;
    } else if !unchanged {
        write_out(&coloured(format::diff(
            "<stdin>",
            &String::from_utf8_lossy(&bytes),
            &formatted,
        )))?;
    }
    Ok(unchanged || !check)
}

/// Print why a file was not formatted (the run fails).
fn report_format_error(name: &str, err: &FormatError) {
    match err {
        FormatError::Invalid {
            sources,
            diagnostics,
        } => {
            let color = stderr_color();
            for d in diagnostics {
                eprint!("{}", diagnostic::render(sources, d, Style::Human { color }));
            }
        }
        FormatError::Unverified(why) => {
            eprintln!(
                "error: `{name}` was left untouched: {why} (a formatter bug; please report it)"
            );
        }
    }
}

/// A unified diff coloured as git colours it (removed lines red, added
/// green, hunk headers cyan) when standard output is a terminal and
/// NO_COLOR is unset; as it is otherwise.
fn coloured(diff: String) -> String {
    use std::io::IsTerminal;
    if !super::args::use_color_auto(std::io::stdout().is_terminal()) {
        return diff;
    }
    colour_diff(&diff)
}

fn colour_diff(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let colour = if body.starts_with("+++") || body.starts_with("---") {
            "\x1b[1m"
        } else if body.starts_with('+') {
            "\x1b[32m"
        } else if body.starts_with('-') {
            "\x1b[31m"
        } else if body.starts_with("@@") {
            "\x1b[36m"
        } else {
            ""
        };
        if colour.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(colour);
            out.push_str(body);
            out.push_str("\x1b[0m");
            out.push_str(end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn diffs_are_coloured_line_by_line() {
        let diff = "--- a.case\n+++ a.case\n@@ -1 +1 @@\n-claim a {x}\n+claim a { x }\n same\n";
        let coloured = super::colour_diff(diff);
        assert!(coloured.contains("\x1b[31m-claim a {x}\x1b[0m\n"));
        assert!(coloured.contains("\x1b[32m+claim a { x }\x1b[0m\n"));
        assert!(coloured.contains("\x1b[36m@@ -1 +1 @@\x1b[0m\n"));
        assert!(coloured.ends_with(" same\n"));
    }
}
