//! `casec rules`: every rule with its code, severity and summary.

use super::{write_out, Outcome};
use casec::diagnostic::{code, Code};
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
            RulesFormat::Markdown => code::markdown(),
        })?;
        Ok(true)
    }
}

fn text() -> String {
    Code::ALL
        .iter()
        .map(|c| {
            format!(
                "{c}  {:<8} {:<28} {}\n",
                c.severity().as_str(),
                c.name(),
                c.summary()
            )
        })
        .collect()
}

fn json() -> String {
    let rules: Vec<_> = Code::ALL
        .iter()
        .map(|c| serde_json::json!({"code": c, "name": c.name(), "family": c.family().as_str(), "severity": c.severity().as_str(), "summary": c.summary(), "explanation": c.explanation(), "configurable": c.configurable()}))
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
}
