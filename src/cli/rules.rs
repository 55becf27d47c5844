//! `casec rules`: every rule with its code, severity and summary.

use super::{write_out, Outcome};
use casec::check::registry::{self, RULES};
use clap::ValueEnum;

#[derive(clap::Args)]
pub struct Rules {
    /// `text` for a table, `markdown` for docs/errors.md, `json` for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
    Json,
}

impl Rules {
    pub fn run(self) -> Outcome {
        write_out(&match self.format {
            RulesFormat::Text => text(),
            RulesFormat::Json => json(),
            RulesFormat::Markdown => registry::markdown(),
        })?;
        Ok(true)
    }
}

fn text() -> String {
    RULES
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
        .collect()
}

fn json() -> String {
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| serde_json::json!({"code": r.code, "name": r.name, "family": r.family.as_str(), "severity": r.severity.as_str(), "summary": r.summary, "explanation": r.explanation, "configurable": r.configurable()}))
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
}
