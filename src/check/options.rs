//! How a compilation is checked: what the caller decides, not the case.
//! Declared here, with the rules that read it, so the checker needs nothing
//! from the driver above it; [`crate::compile`] adds the constructors that
//! know the check date.

use crate::syntax::Date;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Treat warnings (undeveloped elements among them) as errors.
    pub strict: bool,
    /// Read the evidence files the case names, relative to the case file's
    /// name, and verify their sha256 (the CLI and the language server do,
    /// see [`Options::verifying`]; a compile from a string does not touch the
    /// file system).
    pub verify_evidence: bool,
    /// The date freshness is judged on; `None` skips the checks that need it.
    pub today: Option<Date>,
    /// Evidence older than this many days is stale; overrides the case's
    /// `max_evidence_age` (default [`DEFAULT_MAX_EVIDENCE_AGE`]).
    pub max_evidence_age: Option<u32>,
    /// The most bytes of one artifact read for a `metric:` (default
    /// [`crate::analysis::readings::DEFAULT_MAX_ARTIFACT_BYTES`]).
    pub max_artifact_bytes: Option<u64>,
}

/// How old evidence may be, in days, unless the case or the caller says.
pub const DEFAULT_MAX_EVIDENCE_AGE: u32 = 365;
