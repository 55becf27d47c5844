//! Project configuration: `casec.toml`, beside the checked files or in a
//! folder above them (up to the repository's root), or named with
//! `--config`. It sets rule levels, naming each rule by its code or its name:
//!
//! ```toml
//! [rules]
//! W0306 = "allow"               # not reported
//! supported-leaf = "warn"       # reported as a warning
//! W0508 = "deny"                # reported as an error
//! ```
//!
//! Mistakes in the file are located diagnostics (E0901–E0904) like any other.

use crate::diagnostic::{code, Code, Diagnostic, Severity};
use crate::source::{FileId, SourceMap, Span};
use crate::suggest;
use crate::syntax::kinds::words;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub(crate) const FILE_NAME: &str = "casec.toml";

/// The top-level settings of casec.toml.
pub(crate) const SETTINGS: &[&str] = &["exclude", "rules"];

words! {
    /// What a project makes of a rule.
    pub enum Level {
        /// Not reported at all.
        Allow => "allow",
        /// Reported as a warning.
        Warn => "warn",
        /// Reported as an error.
        Deny => "deny",
    }
}

impl Level {
    /// The level a mistaken word most likely meant: words other tools use
    /// for levels first, then the closest spelling.
    fn suggest(word: &str) -> Option<&'static str> {
        let word = word.to_ascii_lowercase();
        match word.as_str() {
            "error" | "err" | "forbid" | "fail" => Some("deny"),
            "warning" | "warnings" => Some("warn"),
            "off" | "ignore" | "none" | "allowed" | "disable" | "disabled" => Some("allow"),
            _ => suggest::closest(&word, Level::NAMES.iter().copied()),
        }
    }
}

/// Rule levels by code; rules not named keep their default severity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleLevels {
    levels: BTreeMap<Code, Level>,
}

impl RuleLevels {
    pub fn get(&self, code: Code) -> Option<Level> {
        self.levels.get(&code).copied()
    }

    /// Drop allowed findings and give the others their configured severity.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.levels.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.get(d.code) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                true
            }
            None => true,
        });
    }
}

/// A loaded `casec.toml`: the levels it sets and the mistakes found in it.
#[derive(Debug)]
pub struct Config {
    pub levels: RuleLevels,
    /// Patterns of files and folders a folder walk leaves out, as in a
    /// `.gitignore`, relative to the configuration's folder.
    pub exclude: Vec<String>,
    /// The configuration file, for rendering its diagnostics.
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Config {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The configuration of each checked file: the file named with `--config`,
/// or the nearest `casec.toml` above it. Each file is loaded once.
#[derive(Debug, Default)]
pub struct Configs {
    forced: Option<PathBuf>,
    loaded: HashMap<PathBuf, Config>,
}

impl Configs {
    pub fn new(forced: Option<PathBuf>) -> Configs {
        Configs {
            forced,
            loaded: HashMap::new(),
        }
    }

    /// The configuration for `file`, if any, and whether this call loaded
    /// it (so that its own diagnostics are reported once).
    pub fn for_file(&mut self, file: &Path) -> Result<Option<(&Config, bool)>, String> {
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let Some(path) = self.forced.clone().or_else(|| find(dir)) else {
            return Ok(None);
        };
        let fresh = !self.loaded.contains_key(&path);
        if fresh {
            let config = load(&path)?;
            self.loaded.insert(path.clone(), config);
        }
        Ok(self.loaded.get(&path).map(|config| (config, fresh)))
    }
}

/// A configuration is a few lines; past this, it is not one.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Read and parse a configuration file.
pub fn load(path: &Path) -> Result<Config, String> {
    let cannot_read = |e: &dyn std::fmt::Display| format!("cannot read `{}`: {e}", path.display());
    let bytes = crate::input::read_regular(path, MAX_CONFIG_BYTES).map_err(|e| cannot_read(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| cannot_read(&e))?;
    Ok(parse(&path.display().to_string(), &text))
}

/// The `casec.toml` that applies to files in `dir`: in it or the nearest
/// folder above it, stopping at a repository root (a folder with `.git`).
/// The path is relative to the working folder when the file is under it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    let working = std::env::current_dir().ok();
    for folder in absolute.ancestors() {
        let candidate = folder.join(FILE_NAME);
        if candidate.is_file() {
            let relative = working
                .as_deref()
                .and_then(|w| candidate.strip_prefix(w).ok());
            return Some(relative.map_or(candidate.clone(), Path::to_path_buf));
        }
        if folder.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Parse a configuration file's text. Never fails: mistakes are diagnostics,
/// and the entries that are right still apply (none if the TOML is broken).
pub fn parse(name: &str, text: &str) -> Config {
    let mut sources = SourceMap::default();
    let file = sources.add(name, text);
    let mut config = Config {
        levels: RuleLevels::default(),
        exclude: Vec::new(),
        sources: SourceMap::default(),
        diagnostics: Vec::new(),
    };
    let span = |range: std::ops::Range<usize>| Span::new(file, range.start, range.end);
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            let at = error.span().unwrap_or(0..0);
            config.diagnostics.push(
                Diagnostic::new(Code::InvalidConfig, span(at), format!("{FILE_NAME} is not valid TOML: {}", error.message()))
                    .label("here")
                    .help("casec.toml is TOML: a `[rules]` table of `CODE = \"allow\" | \"warn\" | \"deny\"` lines"),
            );
        }
        config.sources = sources;
        return config;
    }
    for (key, value) in table.get_ref() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("rules", DeValue::Table(rules)) => {
                // In the order written, so that a rule set twice is reported
                // where it is set the second time.
                let mut rules: Vec<_> = rules.iter().collect();
                rules.sort_by_key(|(rule, _)| rule.span().start);
                let mut set_at = HashMap::new();
                for (rule, level) in rules {
                    rule_level(&mut config, file, rule, level, &mut set_at);
                }
            }
            ("rules", _) => config.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    span(value.span()),
                    "`rules` must be a table",
                )
                .label("expected a table")
                .help("write `[rules]` on its own line, then one `CODE = \"LEVEL\"` per line"),
            ),
            ("exclude", DeValue::Array(patterns)) => {
                for pattern in patterns.iter() {
                    match pattern.get_ref() {
                        DeValue::String(text) => config.exclude.push(text.to_string()),
                        _ => config.diagnostics.push(
                            Diagnostic::new(
                                Code::InvalidConfig,
                                span(pattern.span()),
                                "`exclude` lists patterns in quotes",
                            )
                            .label("not a string")
                            .help("write `exclude = [\"generated/\", \"*.draft.case\"]`"),
                        ),
                    }
                }
            }
            ("exclude", _) => config.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    span(value.span()),
                    "`exclude` must be a list of patterns",
                )
                .label("expected a list")
                .help("write `exclude = [\"generated/\", \"*.draft.case\"]` (patterns as in a `.gitignore`, relative to this file's folder)"),
            ),
            (other, _) => config.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    span(key.span()),
                    format!("{FILE_NAME} has no setting `{other}`"),
                )
                .label("unknown setting")
                .help(match suggest::closest(other, SETTINGS.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the settings are `exclude` (patterns a folder walk leaves out) and the rule levels in the `[rules]` table".to_string(),
                }),
            ),
        }
    }
    crate::diagnostic::sort(&mut config.diagnostics);
    config.sources = sources;
    config
}

/// One `RULE = LEVEL` line; `set_at` holds where each rule was set before.
fn rule_level(
    config: &mut Config,
    file: FileId,
    key: &Spanned<Cow<'_, str>>,
    level: &Spanned<DeValue<'_>>,
    set_at: &mut HashMap<Code, Span>,
) {
    let key_span = Span::new(file, key.span().start, key.span().end);
    let level_span = Span::new(file, level.span().start, level.span().end);
    let written = key.get_ref().as_ref();
    let Some(rule) = Code::find(written) else {
        let (message, label) = if code::looks_like_a_code(written) {
            (format!("no rule has the code `{written}`"), "unknown code")
        } else {
            (format!("no rule is called `{written}`"), "unknown rule")
        };
        let help = match Code::nearest(written) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "`casec rules` lists every code and name".to_string(),
        };
        config.diagnostics.push(
            Diagnostic::new(Code::UnknownRule, key_span, message)
                .label(label)
                .help(help),
        );
        return;
    };
    if !rule.configurable() {
        config.diagnostics.push(
            Diagnostic::new(
                Code::FixedRule,
                key_span,
                format!("the level of {rule} (`{}`) cannot be changed", rule.name()),
            )
            .label("fixed level")
            .note(format!(
                "{} rules decide what the case says, so they always apply",
                rule.family().as_str()
            ))
            .help("fix the case instead; docs/errors.md marks which rules are configurable"),
        );
        return;
    }
    if let Some(&first) = set_at.get(&rule) {
        config.diagnostics.push(
            Diagnostic::new(
                Code::InvalidConfig,
                key_span,
                format!("the level of {rule} (`{}`) is set twice", rule.name()),
            )
            .label("set again here")
            .secondary(first, "first set here")
            .help("keep one of the two lines; until then the first applies"),
        );
        return;
    }
    set_at.insert(rule, key_span);
    match level.get_ref() {
        DeValue::String(word) => match Level::parse(word.as_ref()) {
            Some(parsed) => {
                config.levels.levels.insert(rule, parsed);
            }
            None => {
                let help = match Level::suggest(word) {
                    Some(near) => format!("did you mean `\"{near}\"`? The levels are \"allow\", \"warn\" and \"deny\""),
                    None => "the levels are \"allow\", \"warn\" and \"deny\"".to_string(),
                };
                config.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidLevel,
                        level_span,
                        format!("`{word}` is not a rule level"),
                    )
                    .label("unknown level")
                    .help(help),
                );
            }
        },
        _ => config.diagnostics.push(
            Diagnostic::new(
                Code::InvalidLevel,
                level_span,
                format!("the level of {rule} must be a string"),
            )
            .label("not a string")
            .help(format!(
                "write `{written} = \"allow\"`, `\"warn\"` or `\"deny\"`"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(config: &Config) -> Vec<Code> {
        config.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn levels_apply_to_findings() {
        let config = parse(
            FILE_NAME,
            "[rules]\nW0306 = \"allow\"\nE0302 = \"warn\"\nW0508 = \"deny\"\n",
        );
        assert!(config.diagnostics.is_empty(), "{:?}", config.diagnostics);
        let span = Span::new(FileId(1), 0, 0);
        let mut findings = vec![
            Diagnostic::new(Code::Unreachable, span, "unreachable"),
            Diagnostic::new(Code::SupportedLeaf, span, "supported leaf"),
            Diagnostic::new(Code::WeakestPremise, span, "weak premise"),
            Diagnostic::new(Code::UnsupportedElement, span, "untouched"),
        ];
        config.levels.apply(&mut findings);
        let severities: Vec<(Code, Severity)> =
            findings.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            severities,
            [
                (Code::SupportedLeaf, Severity::Warning),
                (Code::WeakestPremise, Severity::Error),
                (Code::UnsupportedElement, Severity::Error)
            ]
        );
    }

    #[test]
    fn mistakes_are_located_with_suggestions() {
        let config = parse(
            FILE_NAME,
            "[rules]\nW0360 = \"allow\"\nE0302 = \"warning\"\nE0202 = \"warn\"\nW0508 = 1\n",
        );
        assert_eq!(
            codes(&config),
            [
                Code::UnknownRule,
                Code::InvalidLevel,
                Code::FixedRule,
                Code::InvalidLevel
            ]
        );
        assert_eq!(
            config.diagnostics[0].help.as_deref(),
            Some("did you mean `W0306`?")
        );
        assert_eq!(config.diagnostics[0].primary.span.range(), 8..13);
        assert!(config.diagnostics[1]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("\"warn\""));
        assert_eq!(config.levels, RuleLevels::default());
    }

    #[test]
    fn rules_are_named_by_code_or_by_name() {
        let config = parse(
            FILE_NAME,
            "[rules]\nunreachable = \"deny\"\nSupported-Leaf = \"warn\"\n",
        );
        assert!(config.diagnostics.is_empty(), "{:?}", config.diagnostics);
        assert_eq!(config.levels.get(Code::Unreachable), Some(Level::Deny));
        assert_eq!(config.levels.get(Code::SupportedLeaf), Some(Level::Warn));
    }

    #[test]
    fn a_mistyped_name_gets_the_nearest_name() {
        let config = parse(
            FILE_NAME,
            "[rules]\nunreachble = \"allow\"\nfoo = \"deny\"\n",
        );
        assert_eq!(codes(&config), [Code::UnknownRule, Code::UnknownRule]);
        let (typo, unknown) = (&config.diagnostics[0], &config.diagnostics[1]);
        assert_eq!(typo.message, "no rule is called `unreachble`");
        assert_eq!(typo.help.as_deref(), Some("did you mean `unreachable`?"));
        assert_eq!(
            unknown.help.as_deref(),
            Some("`casec rules` lists every code and name")
        );
    }

    #[test]
    fn a_rule_set_by_code_and_by_name_is_reported_and_the_first_applies() {
        let config = parse(
            FILE_NAME,
            "[rules]\nW0306 = \"allow\"\nunreachable = \"deny\"\n",
        );
        assert_eq!(codes(&config), [Code::InvalidConfig]);
        let twice = &config.diagnostics[0];
        assert_eq!(
            twice.message,
            "the level of W0306 (`unreachable`) is set twice"
        );
        assert_eq!(twice.primary.span.range(), 24..35);
        assert_eq!(twice.secondary[0].span.range(), 8..13);
        assert_eq!(config.levels.get(Code::Unreachable), Some(Level::Allow));
    }

    #[test]
    fn broken_toml_and_unknown_settings() {
        assert_eq!(
            codes(&parse(FILE_NAME, "[rules\nW0306 = \"allow\"")),
            [Code::InvalidConfig]
        );
        assert_eq!(
            codes(&parse(FILE_NAME, "severity = 1\nrules = 2\n")),
            [Code::InvalidConfig, Code::InvalidConfig]
        );
        assert_eq!(
            codes(&parse(
                FILE_NAME,
                "[rules]\nW0306 = \"allow\"\nW0306 = \"deny\"\n"
            )),
            [Code::InvalidConfig]
        );
        assert!(parse(FILE_NAME, "").diagnostics.is_empty());
    }

    #[test]
    fn the_nearest_file_above_applies() {
        let root = std::env::temp_dir().join(format!("casec-config-{}", std::process::id()));
        let nested = root.join("repo/cases/deep");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        assert_eq!(find(&nested), None);
        std::fs::write(root.join(FILE_NAME), "").unwrap();
        assert_eq!(
            find(&nested),
            None,
            "the search stops at the repository root"
        );
        std::fs::write(root.join("repo").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&nested), Some(root.join("repo").join(FILE_NAME)));
        std::fs::write(root.join("repo/cases").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&nested), Some(root.join("repo/cases").join(FILE_NAME)));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
