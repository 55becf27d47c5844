//! Finding and reading the case files a command is given.

use casec::input::{self, ReadError};
use std::path::{Path, PathBuf};

/// Collect `.case` files: files as given, folders searched recursively, in a
/// stable order, each file once however many ways it is named. A walk does
/// not follow links to folders (they may loop), and refuses a link to a file
/// outside the folder it was given: a case from a pull request could name
/// `/proc/self/environ` and have a finding quote it into a CI log.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            let before = found.len();
            let root = std::fs::canonicalize(path)
                .map_err(|e| format!("cannot read folder `{}`: {e}", path.display()))?;
            walk(path, &root, &mut found)?;
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

fn walk(dir: &Path, root: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let cannot_read = |e: std::io::Error| format!("cannot read folder `{}`: {e}", dir.display());
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(cannot_read)?
        .map(|entry| entry.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(cannot_read)?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, root, files)?;
        } else if path.extension().is_some_and(|e| e == "case") && path.is_file() {
            if kind.is_symlink() && !std::fs::canonicalize(&path).is_ok_and(|t| t.starts_with(root))
            {
                // The target is not named: it may itself be the secret.
                return Err(format!(
                    "`{}` is a link to a file outside `{}`; a folder check reads only the files in it (name the file itself to check it)",
                    path.display(),
                    root.display()
                ));
            }
            files.push(path);
        }
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
