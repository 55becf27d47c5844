//! `casec explain`: what a rule means and how to fix it, by code or name.

use super::{write_out, Outcome};
use casec::diagnostic::Code;

#[derive(clap::Args)]
pub struct Explain {
    /// The code, as printed in brackets (`error[E0506]`), or the rule's
    /// name, as `casec rules` lists it (`unjustified-trust`).
    code: String,
}

impl Explain {
    pub fn run(self) -> Outcome {
        let written = &self.code;
        let code = Code::find(written).ok_or_else(|| {
            let near = Code::nearest(written)
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            format!("no rule has the code or name `{written}`; {near}`casec rules` lists them all")
        })?;
        write_out(&format!(
            "{code} {} ({}, {})\n\n{}\n\n{}\n",
            code.name(),
            code.severity().as_str(),
            code.family().as_str(),
            code.summary(),
            code.explanation()
        ))?;
        Ok(true)
    }
}
