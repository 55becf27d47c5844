//! Finding and reading the case files a command is given.

use casec::config;
use casec::input::{self, ReadError};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};

/// How a file is named in every output (diagnostics, JSON, SARIF, reviews):
/// relative to the folder casec runs in when it lies under it, so that an
/// absolute path given on the command line does not put the machine's
/// layout into what a project commits or a CI log shows; else as given.
pub fn display_name(path: &Path) -> String {
    let relative = path
        .is_absolute()
        .then(std::env::current_dir)
        .and_then(Result::ok)
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    match relative {
        Some(relative) if !relative.as_os_str().is_empty() => relative.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// Collect `.case` files: files as given, folders searched recursively, in a
/// stable order, each file once however many ways it is named. A folder walk
/// skips what `.gitignore`, `.ignore` and `.git/info/exclude` files ignore
/// (as git, ripgrep and ruff do, inside a repository or not), hidden files
/// and folders, and the `exclude` patterns of the project's casec.toml
/// (`forced`, from `--config`, or the nearest above the folder); a file
/// named on the command line is always read. A walk does not follow links
/// to folders (they may loop), and refuses a link to a file outside the
/// folder it was given: a case from a pull request could name
/// `/proc/self/environ` and have a finding quote it into a CI log.
pub fn collect(paths: &[PathBuf], forced: Option<&Path>) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            let before = found.len();
            let root = std::fs::canonicalize(path)
                .map_err(|e| format!("cannot read folder `{}`: {e}", path.display()))?;
            let excludes = excludes(path, forced);
            walk(path, &root, excludes, &mut found)?;
            if found.len() == before {
                return Err(format!("no .case files in `{}`", path.display()));
            }
        } else {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    // A file that cannot be resolved is kept: reading it reports why.
    found.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    Ok(found)
}

/// The `exclude` patterns of the casec.toml that applies to `dir`, as a
/// gitignore matcher rooted at the configuration's folder. A configuration
/// that cannot be read excludes nothing here: checking reports it.
fn excludes(dir: &Path, forced: Option<&Path>) -> Option<Gitignore> {
    let path = forced
        .map(Path::to_path_buf)
        .or_else(|| config::find(dir))?;
    let loaded = config::load(&path).ok()?;
    if loaded.exclude.is_empty() {
        return None;
    }
    let folder = std::path::absolute(&path).ok()?.parent()?.to_path_buf();
    let mut builder = GitignoreBuilder::new(&folder);
    for pattern in &loaded.exclude {
        // Invalid patterns are reported where the configuration is parsed.
        let _ = builder.add_line(None, pattern);
    }
    builder.build().ok()
}

fn walk(
    dir: &Path,
    root: &Path,
    excludes: Option<Gitignore>,
    files: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let excluded = move |path: &Path, is_dir: bool| {
        excludes.as_ref().is_some_and(|matcher| {
            std::path::absolute(path).is_ok_and(|absolute| {
                absolute.starts_with(matcher.path())
                    && matcher
                        .matched_path_or_any_parents(&absolute, is_dir)
                        .is_ignore()
            })
        })
    };
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !excluded(entry.path(), is_dir)
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| format!("cannot read folder `{}`: {e}", dir.display()))?;
        let Some(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() || path.extension().is_none_or(|e| e != "case") || !path.is_file() {
            continue;
        }
        if kind.is_symlink() && !std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(root)) {
            // The target is not named: it may itself be the secret.
            return Err(format!(
                "`{}` is a link to a file outside `{}`; a folder check reads only the files in it (name the file itself to check it)",
                path.display(),
                root.display()
            ));
        }
        files.push(path.to_path_buf());
    }
    Ok(())
}

/// Spans are 32-bit byte offsets; a case file is far smaller than this.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// A case file's bytes: a regular file only, refused past 1 GiB (before
/// reading when its length says so, else once the limit is read).
pub fn read_case(path: &Path) -> Result<Vec<u8>, String> {
    let too_large = || {
        format!(
            "`{}` is more than 1 GiB; casec reads case files of up to 1 GiB (split the case, or check that this is the file you meant)",
            path.display()
        )
    };
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    input::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge(_) => too_large(),
        e => format!("cannot read `{}`: {e}", path.display()),
    })
}

/// Standard input's bytes, up to the size of a case file.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(
            "standard input is more than 1 GiB; casec reads case files of up to 1 GiB".into(),
        );
    }
    Ok(bytes)
}
