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
}

impl Fmt {
    /// Format files in place (or check them); `-` alone filters standard input.
    pub fn run(self) -> Outcome {
        let Fmt { paths, check } = self;
        if paths.iter().any(|p| p == Path::new("-")) {
            if paths.len() > 1 {
                return Err("`-` (standard input) cannot be combined with other paths".into());
            }
            return standard_input(check);
        }
        let files = files::collect(&paths)?;
        let (mut changed, mut failed) = (0, 0);
        for file in &files {
            let name = file.display().to_string();
            let bytes = files::read_case(file)?;
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
        eprintln!("{verb} {changed} of {} files{failures}", files.len());
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
        write_out(&format::diff(
            "<stdin>",
            &String::from_utf8_lossy(&bytes),
            &formatted,
        ))?;
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
