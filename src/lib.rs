//! casec: a compiler for AI safety cases written as code.
//!
//! The pipeline, one module per stage:
//! [`syntax`] (pest grammar → AST with spans) → [`ir`] (name resolution,
//! typed IR, derived graph) → [`analysis`] (risk bounds, strength,
//! evidence integrity) → [`check`] (the rules) → [`emit`]
//! (JSON, …). [`compile`] runs the pipeline; the CLI and the language server
//! ([`lsp`]) are thin shells over it.

// The parser pest derives without its `std` feature names `::alloc`. pest's
// `std` feature probes the native stack at every rule it enters (a fifth of
// parse time); casec bounds the only nesting its grammar has (templates,
// `syntax::MAX_TEMPLATE_DEPTH`) before pest sees a chunk.
extern crate alloc;

pub mod analysis;
pub mod check;
pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod format;
pub mod input;
pub mod ir;
pub mod lock;
pub mod lsp;
pub mod migrate;
pub mod output;
pub mod project;
pub mod source;
pub(crate) mod suggest;
pub mod syntax;
/// Synthetic cases for the benchmarks and tests: support code, hidden from
/// the documented API (the benches and tests are other crates, so it must
/// be `pub`).
#[doc(hidden)]
pub mod synth;

pub use compile::{
    compile, compile_edited, Compilation, CompiledFile, Freshness, Options, Settings,
};
