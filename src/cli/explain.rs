//! `casec explain`: what a diagnostic code means and how to fix it.

use super::{write_out, Outcome};
use casec::check::registry;

#[derive(clap::Args)]
pub struct Explain {
    /// The code, as printed in brackets: `error[E0506]`.
    code: String,
}

impl Explain {
    pub fn run(self) -> Outcome {
        let code = &self.code;
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
}
