//! SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), as
//! code-scanning services read it: one log with one run, the rule metadata
//! from the table of codes, and one result per diagnostic. Only the parts casec
//! fills are modelled; `tests/schemas/sarif-schema-2.1.0.json` checks them.

use super::{relative_path, Applicability, Code, Diagnostic, Fix, Severity};
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where casec's source and documentation are published: Cargo.toml's
/// `repository`, if it names one.
pub fn repository() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY").trim_end_matches('/')).filter(|r| !r.is_empty())
}

/// A rule's entry in docs/errors.md under `repository` (each entry has an
/// anchor named by its code in lower case).
pub(crate) fn help_uri(repository: &str, code: Code) -> String {
    format!(
        "{repository}/blob/main/docs/errors.md#{}",
        code.as_str().to_ascii_lowercase()
    )
}

#[derive(Serialize)]
pub(crate) struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// casec counts columns in characters, as diagnostics print them.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: Code,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: Code,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    /// A warning accepted in review: SARIF's in-source suppression.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

/// SARIF's `fix`: the edits, as replacements of regions of one artifact.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// `safe` (what `casec check --fix` applies) or `suggested`.
    applicability: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// One-based lines and columns; the end column is one past the last
/// character, as SARIF counts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

impl Log {
    /// A log with every rule and no results yet.
    pub fn new() -> Log {
        Log::published_at(repository())
    }

    /// As [`Log::new`], with the tool's and each rule's documentation under
    /// `repository` when there is one.
    pub(crate) fn published_at(repository: Option<&str>) -> Log {
        let rules = Code::ALL
            .iter()
            .map(|&code| ReportingDescriptor {
                id: code,
                name: code.name(),
                short_description: Message {
                    text: code.summary().to_string(),
                },
                full_description: Message {
                    text: code.explanation().to_string(),
                },
                help: Message {
                    text: format!(
                        "{} (`casec explain {code}` prints this in a terminal.)",
                        code.explanation()
                    ),
                },
                help_uri: repository.map(|r| help_uri(r, code)),
                default_configuration: Configuration {
                    level: level(code.severity()),
                },
            })
            .collect();
        Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "casec",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: repository.map(str::to_string),
                        rules,
                    },
                },
                column_kind: "unicodeCodePoints",
                results: Vec::new(),
            }],
        }
    }

    /// Add a result; paths are written relative to `base` (the working folder).
    pub fn add(&mut self, sources: &SourceMap, diagnostic: &Diagnostic, base: &Path) {
        self.add_accepted(sources, diagnostic, base, None);
    }

    /// As [`Log::add`], for a warning accepted in review with this reason.
    pub(crate) fn add_accepted(
        &mut self,
        sources: &SourceMap,
        diagnostic: &Diagnostic,
        base: &Path,
        accepted: Option<&str>,
    ) {
        let mut text = diagnostic.message.clone();
        for note in &diagnostic.notes {
            text.push_str(&format!("\nnote: {note}"));
        }
        if let Some(help) = &diagnostic.help {
            text.push_str(&format!("\nhelp: {help}"));
        }
        let location = |id, span, label: &str| Location {
            id,
            physical_location: physical_location(sources, span, base),
            message: (!label.is_empty()).then(|| Message {
                text: label.to_string(),
            }),
        };
        let primary = &diagnostic.primary;
        self.runs[0].results.push(SarifResult {
            rule_id: diagnostic.code,
            rule_index: diagnostic.code.index(),
            level: level(diagnostic.severity),
            message: Message { text },
            locations: [location(None, primary.span, &primary.message)],
            related_locations: diagnostic
                .secondary
                .iter()
                .enumerate()
                .map(|(i, label)| location(Some(i + 1), label.span, &label.message))
                .collect(),
            suppressions: accepted
                .map(|reason| Suppression {
                    kind: "inSource",
                    justification: reason.to_string(),
                })
                .into_iter()
                .collect(),
            fixes: diagnostic
                .fixes
                .iter()
                .map(|fix| sarif_fix(sources, fix, base))
                .collect(),
        });
    }

    /// The log as pretty JSON, ending in a newline.
    pub(crate) fn to_json(&self) -> String {
        // Plain strings and numbers always serialise.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

impl Default for Log {
    fn default() -> Log {
        Log::new()
    }
}

fn physical_location(sources: &SourceMap, span: Span, base: &Path) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&sources.get(span.file).name, base),
        },
        region: region(sources, span),
    }
}

fn region(sources: &SourceMap, span: Span) -> Region {
    let file = sources.get(span.file);
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end as usize);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// A fix's edits are all in one file (compile drops any other).
fn sarif_fix(sources: &SourceMap, fix: &Fix, base: &Path) -> SarifFix {
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for edit in &fix.edits {
        let uri = uri(&sources.get(edit.span.file).name, base);
        let replacement = Replacement {
            deleted_region: region(sources, edit.span),
            inserted_content: Content {
                text: edit.replacement.clone(),
            },
        };
        match changes.iter_mut().find(|c| c.artifact_location.uri == uri) {
            Some(change) => change.replacements.push(replacement),
            None => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation { uri },
                replacements: vec![replacement],
            }),
        }
    }
    let how = match fix.applicability {
        Applicability::Safe => "safe: `casec check --fix` applies it",
        Applicability::Suggested => "suggested: it changes what the case argues",
    };
    SarifFix {
        description: Message {
            text: format!("{} ({how})", fix.message),
        },
        artifact_changes: changes,
        properties: FixProperties {
            applicability: fix.applicability,
        },
    }
}

/// A URI reference for a file name: relative to `base` when the file is
/// under it, else an absolute `file://` URI; reserved characters escaped.
fn uri(name: &str, base: &Path) -> String {
    let path = relative_path(name, base);
    let mut out = String::with_capacity(path.len());
    if Path::new(&path).is_absolute() {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_when_they_can_be_and_escaped() {
        let base = Path::new("/work/repo");
        assert_eq!(uri("cases/a b.case", base), "cases/a%20b.case");
        assert_eq!(uri("./cases/a.case", base), "cases/a.case");
        assert_eq!(uri("/work/repo/cases/é.case", base), "cases/%C3%A9.case");
        assert_eq!(uri("/elsewhere/x.case", base), "file:///elsewhere/x.case");
        assert_eq!(uri("<stdin>", base), "%3Cstdin%3E");
    }

    #[test]
    fn rules_link_to_their_entry_in_the_docs() {
        let log = Log::published_at(Some("https://example.org/casec"));
        let json: serde_json::Value = serde_json::from_str(&log.to_json()).unwrap();
        let driver = &json["runs"][0]["tool"]["driver"];
        assert_eq!(driver["informationUri"], "https://example.org/casec");
        assert_eq!(
            driver["rules"][0]["helpUri"],
            "https://example.org/casec/blob/main/docs/errors.md#e0001"
        );
        let log = Log::published_at(None);
        let json: serde_json::Value = serde_json::from_str(&log.to_json()).unwrap();
        assert!(json["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].is_null());
    }
}
