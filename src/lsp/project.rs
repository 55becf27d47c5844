//! What a document is checked with, so that the editor shows what
//! `casec check FILE` prints: for a document on disk, its evidence artifacts
//! are verified relative to its path, freshness is judged on the check date
//! ([`crate::compile::check_date`]), and the rule levels of the nearest
//! `casec.toml` apply. A document that is not a `file:` URI (an unsaved
//! buffer) has no folder: its artifacts are not read and no configuration
//! applies.
//!
//! Configuration files are read again when their modification time or size
//! changes, looked up each time a document is re-checked. Their own mistakes
//! (E0901–E0904) are published on the configuration file's URI, as
//! `casec check` reports them once per configuration, not on every case.

use super::{convert, diagnostics, prelude};
use crate::config::{self, RuleLevels};
use crate::project::{Files, Parses};
use crate::{Freshness, Settings};
use lsp_types::Uri;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How to compile one document.
#[derive(Debug)]
pub(crate) struct Setting {
    /// The name the document is compiled under: its file path when it has
    /// one (artifacts are resolved from it).
    pub name: String,
    pub settings: Settings,
}

/// What documents are compiled with, and the `casec.toml` files read so far.
#[derive(Debug)]
pub(crate) struct Projects {
    /// What `casec lsp --today` and `--max-evidence-age` pin, as they do for
    /// `casec check`.
    freshness: Freshness,
    configs: HashMap<PathBuf, Loaded>,
    /// The imported files' parses, shared by every document's project: an
    /// edit to one file parses only that file again.
    parses: Parses,
    /// Diagnostics of configuration files read since they were last taken.
    reports: Vec<(Uri, Vec<lsp_types::Diagnostic>)>,
}

#[derive(Debug)]
struct Loaded {
    stamp: Stamp,
    levels: RuleLevels,
}

/// When a file was last modified and its size: a changed stamp means the
/// file must be read again.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Projects {
    pub fn new(freshness: Freshness) -> Projects {
        Projects {
            freshness,
            configs: HashMap::new(),
            parses: Parses::default(),
            reports: Vec::new(),
        }
    }

    /// How to compile the document at `uri`, as of now.
    pub fn setting(&mut self, uri: &Uri) -> Setting {
        let mut options = self.freshness.options();
        let Some(path) = file_path(uri) else {
            options.verify_evidence = false;
            return Setting {
                name: uri.path().as_str().to_string(),
                settings: options.into(),
            };
        };
        let levels = self.levels(&path);
        Setting {
            name: path.display().to_string(),
            settings: Settings {
                options,
                levels,
                files: Files {
                    parses: Some(self.parses.clone()),
                    ..Files::disk()
                },
            },
        }
    }

    /// Forget the parses of files that no document's project reads any more.
    pub(crate) fn keep_parses(&self, read: impl Fn(&Path) -> bool) {
        self.parses.retain(read);
    }

    /// The diagnostics of the configuration files read since the last call,
    /// to publish on their URIs.
    pub(crate) fn take_reports(&mut self) -> Vec<(Uri, Vec<lsp_types::Diagnostic>)> {
        std::mem::take(&mut self.reports)
    }

    /// The rule levels of the nearest `casec.toml` above `file`.
    fn levels(&mut self, file: &Path) -> RuleLevels {
        let Some(path) = file.parent().and_then(config::find) else {
            return RuleLevels::default();
        };
        let stamp = stamp(&path);
        if let Some(loaded) = self.configs.get(&path) {
            if loaded.stamp == stamp {
                return loaded.levels.clone();
            }
        }
        let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let uri = prelude::file_uri(&absolute);
        let (levels, found) = match config::load(&path) {
            Ok(config) => {
                let found = uri.as_ref().map(|uri| {
                    diagnostics::to_lsp_in(&config.sources, &config.diagnostics, |span| {
                        Some(lsp_types::Location::new(
                            uri.clone(),
                            convert::range_in(&config.sources, span),
                        ))
                    })
                });
                (config.levels, found)
            }
            Err(message) => {
                // Unreadable after all (removed meanwhile, no permission):
                // the document is checked with the default levels.
                let found = uri.as_ref().map(|_| {
                    vec![lsp_types::Diagnostic {
                        message,
                        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                        source: Some("casec".into()),
                        ..Default::default()
                    }]
                });
                (RuleLevels::default(), found)
            }
        };
        if let (Some(uri), Some(found)) = (uri, found) {
            self.reports.push((uri, found));
        }
        self.configs.insert(
            path,
            Loaded {
                stamp,
                levels: levels.clone(),
            },
        );
        levels
    }
}

/// The file system path of a `file:` URI on this machine; `None` for other
/// schemes and for files on other hosts.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.eq_lowercase("file") {
        return None;
    }
    if let Some(authority) = uri.authority() {
        let host = authority.host().as_str();
        if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
            return None;
        }
    }
    let path = uri.path().as_estr().decode().into_string().ok()?;
    // `file:///C:/cases/x.case` names `C:/cases/x.case` on Windows.
    #[cfg(windows)]
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => path[1..].to_string(),
        _ => path.into_owned(),
    };
    #[cfg(not(windows))]
    let path = path.into_owned();
    let path = PathBuf::from(path);
    path.is_absolute().then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn uri(text: &str) -> Uri {
        text.parse().unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_name_decoded_local_paths() {
        assert_eq!(
            file_path(&uri("file:///work/case%20studies/cyber.case")),
            Some(PathBuf::from("/work/case studies/cyber.case"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/x/%C3%9C.case")),
            Some(PathBuf::from("/x/Ü.case"))
        );
        assert_eq!(file_path(&uri("file://server/share/x.case")), None);
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn unsaved_buffers_are_not_verified_but_dated() {
        let setting = Projects::new(Freshness::default()).setting(&uri("untitled:Untitled-1"));
        assert!(!setting.settings.options.verify_evidence);
        assert!(setting.settings.options.today.is_some());
        assert_eq!(setting.settings.levels, RuleLevels::default());
    }

    #[test]
    fn configurations_are_read_again_when_they_change() {
        let dir = std::env::temp_dir().join(format!("casec-lsp-configs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let case = super::super::prelude::file_uri(&dir.join("x.case")).unwrap();
        let mut projects = Projects::new(Freshness::default());

        let setting = projects.setting(&case);
        assert!(setting.settings.options.verify_evidence);
        assert_eq!(PathBuf::from(&setting.name), dir.join("x.case"));
        assert_eq!(setting.settings.levels, RuleLevels::default());
        assert!(projects.take_reports().is_empty());

        std::fs::write(dir.join(config::FILE_NAME), "[rules]\nW0601 = \"allow\"\n").unwrap();
        let levels = projects.setting(&case).settings.levels;
        assert_eq!(
            levels.get(Code::EvidenceWithoutArtifact),
            Some(config::Level::Allow)
        );
        let reports = projects.take_reports();
        assert_eq!(reports.len(), 1);
        assert!(reports[0].0.as_str().ends_with("/casec.toml"));
        assert!(reports[0].1.is_empty());
        // Unchanged: not read (nor reported) again.
        projects.setting(&case);
        assert!(projects.take_reports().is_empty());

        std::fs::write(dir.join(config::FILE_NAME), "[rules]\nW0601 = \"off\"\n").unwrap();
        let levels = projects.setting(&case).settings.levels;
        assert_eq!(levels, RuleLevels::default());
        let reports = projects.take_reports();
        let codes: Vec<_> = reports[0].1.iter().map(|d| d.code.clone()).collect();
        assert_eq!(
            codes,
            [Some(lsp_types::NumberOrString::String(
                Code::InvalidLevel.to_string()
            ))]
        );
        assert_eq!(reports[0].1[0].range.start.line, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
