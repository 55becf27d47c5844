//! casec: a compiler for AI safety cases written as code.
//!
//! The pipeline, one module per stage:
//! [`syntax`] (pest grammar → AST) → [`ir`] (name resolution, typed IR) →
//! [`check`] (the rule registry) → [`emit`] (JSON, …). [`compile`] runs it.

pub mod check;
pub mod diagnostic;
pub mod source;
pub mod syntax;
