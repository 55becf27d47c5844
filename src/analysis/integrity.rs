//! Evidence integrity: each artifact that names a local file and records its
//! sha256 is read and hashed, and the digest compared; one with no sha256 is
//! only looked for.
//!
//! Paths are relative to the case file and may not leave the project root:
//! the nearest folder, from the case's own upwards, that holds `casec.toml`
//! or `.git`, else the case's folder. Both `..` and symbolic links are
//! caught: the path is checked once as written (lexically) and once as the
//! file system resolves it. URLs are never fetched.
//!
//! This is the only analysis that reads files, so compiling from a string
//! (tests, an unsaved editor buffer) leaves it out; the CLI and the language
//! server (for a document on disk) run it.

use crate::ir::ModuleId;
use crate::ir::{Case, ElementId, ElementKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// What checking one evidence element's artifact found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// No `artifact:`.
    NoArtifact,
    /// A URL: never fetched.
    Url,
    /// A local file with no `sha256:` to compare: it exists, and is not read.
    Unhashed,
    /// The file's digest is the recorded one.
    Verified,
    /// The file's digest differs from the recorded one.
    Mismatch { actual: String },
    /// No file at that path.
    Missing,
    /// The path leaves the project root.
    OutsideRoot,
    /// The file exists but cannot be read (e.g. it is a folder).
    Unreadable { reason: String },
}

impl Status {
    /// A stable keyword for the JSON output.
    pub fn keyword(&self) -> &'static str {
        match self {
            Status::NoArtifact => "no_artifact",
            Status::Url => "url_not_fetched",
            Status::Unhashed => "unhashed",
            Status::Verified => "verified",
            Status::Mismatch { .. } => "mismatch",
            Status::Missing => "missing",
            Status::OutsideRoot => "outside_root",
            Status::Unreadable { .. } => "unreadable",
        }
    }
}

/// Whether an artifact is a URL rather than a path.
pub(crate) fn is_url(artifact: &str) -> bool {
    artifact.contains("://")
}

/// Where a case's artifacts are looked for.
#[derive(Clone, Debug)]
pub(crate) struct Location {
    /// The case file's folder, canonical.
    pub dir: PathBuf,
    /// The project root, canonical; `dir` is inside it.
    pub root: PathBuf,
}

impl Location {
    pub fn of(case_path: &Path) -> std::io::Result<Location> {
        let parent = match case_path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let dir = std::fs::canonicalize(parent)?;
        let root = dir
            .ancestors()
            .find(|a| a.join("casec.toml").exists() || a.join(".git").exists())
            .unwrap_or(&dir)
            .to_path_buf();
        Ok(Location { dir, root })
    }

    /// The file an artifact names, or why there is none to read.
    pub fn resolve(&self, artifact: &str) -> Result<PathBuf, Status> {
        let joined = self.dir.join(artifact);
        if !lexically_normal(&joined).starts_with(&self.root) {
            return Err(Status::OutsideRoot);
        }
        let real = match std::fs::canonicalize(&joined) {
            Ok(real) => real,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Status::Missing),
            Err(e) => {
                return Err(Status::Unreadable {
                    reason: e.kind().to_string(),
                })
            }
        };
        if !real.starts_with(&self.root) {
            return Err(Status::OutsideRoot);
        }
        if !real.is_file() {
            return Err(Status::Unreadable {
                reason: "it is not a regular file".into(),
            });
        }
        Ok(real)
    }

    /// The sha256 of the file an artifact names, as lowercase hex.
    pub fn digest(&self, artifact: &str) -> Result<String, Status> {
        let path = self.resolve(artifact)?;
        remembered_sha256(&path).map_err(|e| Status::Unreadable {
            reason: e.kind().to_string(),
        })
    }
}

/// `..` and `.` removed without asking the file system.
pub(crate) fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The sha256 of a file, read again only when its modification time or size
/// has changed: the language server re-checks a case on every edit, and must
/// not re-read large artifacts each time.
fn remembered_sha256(path: &Path) -> std::io::Result<String> {
    type Stamp = (std::time::SystemTime, u64);
    static DIGESTS: OnceLock<Mutex<HashMap<PathBuf, (Stamp, String)>>> = OnceLock::new();
    let meta = std::fs::metadata(path)?;
    let stamp = (meta.modified()?, meta.len());
    let digests = DIGESTS.get_or_init(Default::default);
    let remembered = digests
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(path)
        .filter(|(at, _)| *at == stamp)
        .map(|(_, digest)| digest.clone());
    if let Some(digest) = remembered {
        return Ok(digest);
    }
    let digest = sha256_file(path)?;
    digests
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(path.to_path_buf(), (stamp, digest.clone()));
    Ok(digest)
}

pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex; sha2 0.11's digests no longer format with `{:x}`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
    out
}

/// The status of every evidence element of a case.
#[derive(Debug, Default)]
pub struct Integrity {
    /// Indexed by [`ElementId`]; `None` for elements that are not evidence.
    statuses: Vec<Option<Status>>,
}

/// Where each file of a project looks for the artifacts it names: beside
/// itself, and inside the case's project root.
#[derive(Debug)]
pub struct Places {
    case: std::io::Result<Location>,
    /// The folder of each module's file, canonical, by module.
    modules: Vec<Option<PathBuf>>,
}

impl Places {
    pub fn new(case_path: &Path, module_dirs: Vec<Option<PathBuf>>) -> Places {
        Places {
            case: Location::of(case_path),
            modules: module_dirs,
        }
    }

    /// Where the files of `module` (`None`: the case file) look.
    pub(crate) fn of(&self, module: Option<ModuleId>) -> Result<Location, &std::io::Error> {
        let case = self.case.as_ref()?;
        let dir = module.and_then(|m| self.modules.get(m.index())?.clone());
        Ok(match dir {
            Some(dir) => Location {
                dir,
                root: case.root.clone(),
            },
            None => case.clone(),
        })
    }
}

impl Integrity {
    pub fn new(case: &Case, places: &Places) -> Integrity {
        let mut statuses = vec![None; case.elements.len()];
        for (id, element) in case.of_kind(ElementKind::Evidence) {
            let location = places.of(element.module);
            let attrs = element.evidence();
            let artifact = attrs.and_then(|a| a.artifact.as_ref());
            let recorded = attrs.and_then(|a| a.sha256.as_ref());
            let status = match (artifact, recorded, &location) {
                (None, _, _) => Status::NoArtifact,
                (Some(a), _, _) if is_url(&a.value) => Status::Url,
                // Not read, but looked for: a missing file backs nothing.
                (Some(a), None, Ok(location)) => match location.resolve(&a.value) {
                    Err(Status::Missing) => Status::Missing,
                    _ => Status::Unhashed,
                },
                (Some(_), None, Err(_)) => Status::Unhashed,
                (Some(_), Some(_), Err(e)) => Status::Unreadable {
                    reason: e.kind().to_string(),
                },
                (Some(a), Some(expected), Ok(location)) => match location.digest(&a.value) {
                    Ok(actual) if actual == expected.value => Status::Verified,
                    Ok(actual) => Status::Mismatch { actual },
                    Err(status) => status,
                },
            };
            statuses[id.index()] = Some(status);
        }
        Integrity { statuses }
    }

    pub fn of(&self, id: ElementId) -> Option<&Status> {
        self.statuses.get(id.index())?.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("casec-integrity-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("project/cases")).unwrap();
        std::fs::write(dir.join("project/casec.toml"), "").unwrap();
        std::fs::write(dir.join("secret.txt"), "outside").unwrap();
        std::fs::write(dir.join("project/report.txt"), "abc").unwrap();
        dir
    }

    #[test]
    fn digests_are_lowercase_hex_sha256() {
        let dir = scratch("digest");
        let location = Location::of(&dir.join("project/cases/x.case")).unwrap();
        assert_eq!(
            location.root,
            std::fs::canonicalize(dir.join("project")).unwrap()
        );
        assert_eq!(
            location.digest("../report.txt"),
            Ok("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".into())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn digests_are_read_again_when_the_file_changes() {
        let dir = scratch("remembered");
        let location = Location::of(&dir.join("project/cases/x.case")).unwrap();
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(location.digest("../report.txt").as_deref(), Ok(abc));
        assert_eq!(location.digest("../report.txt").as_deref(), Ok(abc));
        std::fs::write(dir.join("project/report.txt"), "abcd").unwrap();
        let abcd = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589";
        assert_eq!(location.digest("../report.txt").as_deref(), Ok(abcd));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_may_not_leave_the_project_root() {
        let dir = scratch("escape");
        let location = Location::of(&dir.join("project/cases/x.case")).unwrap();
        assert_eq!(
            location.resolve("../../secret.txt"),
            Err(Status::OutsideRoot)
        );
        assert_eq!(
            location.resolve("../../nothing.txt"),
            Err(Status::OutsideRoot)
        );
        assert_eq!(location.resolve("missing.txt"), Err(Status::Missing));
        assert_eq!(
            location.resolve(".."),
            Err(Status::Unreadable {
                reason: "it is not a regular file".into()
            })
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("project/cases/link.txt"))
                .unwrap();
            assert_eq!(location.resolve("link.txt"), Err(Status::OutsideRoot));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn urls_are_never_fetched_and_digests_compare_without_case() {
        let dir = scratch("url");
        let case = dir.join("project/cases/x.case");
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        let text = format!(
            "evidence remote \"r\" {{ artifact: \"https://example.invalid/run.json\" sha256: \"{upper}\" }}\n\
             evidence local \"l\" {{ artifact: \"../report.txt\" sha256: \"{upper}\" }}\n"
        );
        let c = crate::compile(
            &case.display().to_string(),
            &text,
            crate::Options {
                verify_evidence: true,
                ..Default::default()
            },
        );
        let integrity = c.analysis.integrity.as_ref().unwrap();
        let status = |name: &str| integrity.of(c.case.lookup(name).unwrap()).cloned();
        assert_eq!(status("remote"), Some(Status::Url));
        assert_eq!(status("local"), Some(Status::Verified));
        assert!(!c.diagnostics.iter().any(|d| matches!(
            d.code,
            Code::ArtifactUnreadable | Code::ArtifactHashMismatch | Code::ArtifactOutsideRoot
        )));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unhashed_artifact_is_looked_for_and_a_missing_one_is_a_warning() {
        let dir = scratch("unhashed");
        let case = dir.join("project/cases/x.case");
        let text = "evidence here \"h\" { artifact: \"../report.txt\" }\n\
                    evidence gone \"g\" { artifact: \"../gone.txt\" }\n\
                    evidence remote \"r\" { artifact: \"https://example.invalid/run.json\" }\n";
        let c = crate::compile(
            &case.display().to_string(),
            text,
            crate::Options {
                verify_evidence: true,
                ..Default::default()
            },
        );
        let integrity = c.analysis.integrity.as_ref().unwrap();
        let status = |name: &str| integrity.of(c.case.lookup(name).unwrap()).cloned();
        assert_eq!(status("here"), Some(Status::Unhashed));
        assert_eq!(status("gone"), Some(Status::Missing));
        assert_eq!(status("remote"), Some(Status::Url));
        let missing: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ArtifactMissing)
            .collect();
        assert_eq!(missing.len(), 1, "{:#?}", c.diagnostics);
        assert!(missing[0].message.contains("`../gone.txt`"));
        assert_eq!(missing[0].severity, crate::diagnostic::Severity::Warning);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
