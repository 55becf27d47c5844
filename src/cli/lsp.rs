//! `casec lsp`: the language server, for editors.

use super::args::FreshnessArgs;
use super::Outcome;

#[derive(clap::Args)]
pub struct Lsp {
    /// Accepted for editors that pass it; standard I/O is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
    #[command(flatten)]
    freshness: FreshnessArgs,
}

impl Lsp {
    pub fn run(self) -> Outcome {
        casec::lsp::run(self.freshness.pinned())
    }
}
