//! `casec lsp`: a Language Server over standard input and output.
//!
//! Each open document is compiled whole by the same pipeline `casec check`
//! runs (a 10,000-element case re-checks in a few tens of milliseconds, so
//! full-document sync needs no incremental analysis), with what `casec check`
//! would check its file with: artifacts verified, the check date, the
//! nearest `casec.toml` (see `project.rs`). Every feature answers
//! from the last [`Compilation`](crate::Compilation) of the document:
//! the AST and IR keep a span on every node, and [`crate::ir::query`] and
//! [`crate::syntax::cursor`] turn a cursor offset into the id or slot there.
//!
//! Definitions from the built-in prelude (categories, building blocks, roles,
//! topics) have no file of their own: go-to-definition on one opens a
//! read-only copy of the prelude written to a private folder of the server's
//! own under the temporary folder (see [`prelude`]).

mod actions;
mod completion;
mod convert;
mod diagnostics;
mod formatting;
mod hover;
mod navigation;
mod prelude;
mod project;
mod server;
mod symbols;
mod templates;
pub mod transport;

pub use server::serve;

/// Run the server over standard input and output until the client exits:
/// `Ok(true)` after `shutdown` and `exit`, `Ok(false)` after an `exit`
/// without `shutdown`, an error if the input ends first. A malformed frame
/// is answered and skipped (see [`transport`]). Documents on disk are judged
/// as `freshness` pins (see [`project`]).
pub fn run(freshness: crate::Freshness) -> Result<bool, String> {
    let input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let (connection, transport) = transport::connect(input, std::io::stdout())
        .map_err(|e| format!("the language server could not start: {e}"))?;
    let clean = serve(connection, freshness);
    prelude::remove_copy();
    transport.finish()?;
    clean
}
