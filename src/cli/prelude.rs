//! `casec prelude`: the reference of the built-in prelude.

use super::{write_out, Outcome};

#[derive(clap::Args)]
pub struct Prelude {}

impl Prelude {
    pub fn run(self) -> Outcome {
        let compilation = casec::compile("<empty>", "", casec::Options::default());
        write_out(&casec::emit::prelude::markdown(&compilation.case))?;
        Ok(true)
    }
}
