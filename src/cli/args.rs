//! The options several commands share: how findings are reported, how
//! evidence freshness is judged, and compiling a file as they say.

use super::files;
use casec::config::{Configs, RuleLevels};
use casec::diagnostic::{self, Reporter};
use casec::syntax::{parse_date, Date};
use casec::{compile, Compilation, Freshness, Options, Settings};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ReportArgs {
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
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

/// How evidence is judged (its freshness, the artifacts read), for
/// `check`, `build` and `lsp`.
#[derive(clap::Args)]
pub struct FreshnessArgs {
    /// The date to judge evidence freshness on (default: the day of
    /// SOURCE_DATE_EPOCH if set, else today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<Date>,
    /// Evidence older than this is stale; overrides the case's
    /// `max_evidence_age` (default 365).
    #[arg(long, value_name = "DAYS")]
    max_evidence_age: Option<u32>,
    /// The most bytes of an artifact read for evidence with `metric:`
    /// (default 268435456, 256 MiB).
    #[arg(long, value_name = "BYTES")]
    max_artifact_bytes: Option<u64>,
}

impl FreshnessArgs {
    /// What the options pin; an unusable SOURCE_DATE_EPOCH is named, since
    /// freshness then falls back to today's date.
    pub fn pinned(&self) -> Freshness {
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
            max_artifact_bytes: self.max_artifact_bytes,
        }
    }
}

impl ReportArgs {
    pub fn reporter<W: Write>(&self, out: W, terminal: bool) -> Reporter<W> {
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
    pub fn passes(&self, errors: usize, warnings: usize) -> bool {
        errors == 0 && !(self.deny_warnings && warnings > 0)
    }

    /// The project configurations these options choose.
    pub fn configs(&self) -> Configs {
        Configs::new(self.config.clone())
    }

    /// The configuration named with `--config`, if one was.
    pub fn config_path(&self) -> Option<&Path> {
        self.config.as_deref()
    }

    /// Compile one file with its project's rule levels, evidence read and
    /// verified; a project's casec.toml is reported the first time a file
    /// uses it.
    pub fn compile(
        &self,
        path: &Path,
        configs: &mut Configs,
        reporter: &mut Reporter<impl Write>,
    ) -> Result<Compilation, String> {
        let bytes = files::read_case(path)?;
        self.compile_bytes(path, bytes, configs, reporter)
    }

    /// [`ReportArgs::compile`] for bytes read already (standard input),
    /// named `path`.
    pub fn compile_bytes(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        configs: &mut Configs,
        reporter: &mut Reporter<impl Write>,
    ) -> Result<Compilation, String> {
        let settings = self.settings(path, configs, reporter)?;
        Ok(compile(&files::display_name(path), bytes, settings))
    }

    /// What `path` is compiled with: these options and its project's rule
    /// levels (its casec.toml's findings are reported the first time a file
    /// uses it).
    pub fn settings(
        &self,
        path: &Path,
        configs: &mut Configs,
        reporter: &mut Reporter<impl Write>,
    ) -> Result<Settings, String> {
        let levels = match configs.for_file(path)? {
            Some((config, fresh)) => {
                if fresh {
                    reporter.report(&config.sources, &config.diagnostics);
                }
                config.levels.clone()
            }
            None => RuleLevels::default(),
        };
        Ok(Settings {
            options: self.options(),
            levels,
            files: casec::project::Files::disk(),
        })
    }

    /// What a check under these options does.
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
pub enum Format {
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

fn use_color(color: Color, terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

/// Whether the commands without a `--color` colour what they print on
/// standard error: when it is a terminal and NO_COLOR is unset.
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    use_color(Color::Auto, std::io::stderr().is_terminal())
}

/// Whether output to a stream that is (or is not) a terminal is coloured
/// when nothing asks otherwise: a terminal, and NO_COLOR unset.
pub fn use_color_auto(terminal: bool) -> bool {
    use_color(Color::Auto, terminal)
}
