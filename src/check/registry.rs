use crate::diagnostic::Severity;
pub fn default_severity(_code: &str) -> Severity { Severity::Error }
