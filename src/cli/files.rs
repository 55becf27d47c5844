//! Finding and reading the case files a command is given.

use std::path::{Path, PathBuf};

/// Collect `.case` files: files as given, folders searched recursively (not
/// through links to folders, which may loop), in a stable order, each file
/// once however many ways it is named.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            let before = found.len();
            walk(path, &mut found)?;
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

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let cannot_read = |e: std::io::Error| format!("cannot read folder `{}`: {e}", dir.display());
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(cannot_read)?
        .map(|entry| entry.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(cannot_read)?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "case") && path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// Spans are 32-bit byte offsets; a case file is far smaller than this.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// A case file's bytes; one too large to index is refused before reading.
pub fn read_case(path: &Path) -> Result<Vec<u8>, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "`{}` is {size} bytes; casec reads case files of up to 1 GiB (split the case, or check that this is the file you meant)",
            path.display()
        ));
    }
    std::fs::read(path).map_err(cannot_read)
}
