//! The built-in prelude as a file an editor can open: go-to-definition on
//! `monitoring` or `inability` lands in a read-only copy of it.
//!
//! The copy is written once per server into a private folder of its own
//! under the temporary folder: created exclusively (a folder already there,
//! or a link planted at its name, is never used), with an unpredictable name
//! and mode 0700, so that no other local user can plant a link where the
//! copy goes or swap the copy. The file itself is created exclusively too,
//! and the folder is removed when the server ends.

use crate::compile::PRELUDE;
use lsp_types::Uri;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The private folder the copy is in, removed by [`remove_copy`].
static FOLDER: Mutex<Option<tempfile::TempDir>> = Mutex::new(None);

/// The copy's URI, or `None` if it could not be written (definitions in the
/// prelude then have no location; hover still describes them).
pub fn uri() -> Option<Uri> {
    static URI: OnceLock<Option<Uri>> = OnceLock::new();
    URI.get_or_init(|| match write() {
        Ok(path) => file_uri(&path),
        Err(e) => {
            eprintln!("casec lsp: no copy of the prelude to open: {e}");
            None
        }
    })
    .clone()
}

/// Whether a document is the prelude's copy (it is not a case to check).
pub(crate) fn is_prelude(document: &Uri) -> bool {
    uri().is_some_and(|prelude| prelude == *document)
}

/// Remove the copy and its folder (when the server ends).
pub(crate) fn remove_copy() {
    if let Ok(mut folder) = FOLDER.lock() {
        if let Some(folder) = folder.take() {
            let _ = folder.close();
        }
    }
}

fn write() -> std::io::Result<PathBuf> {
    // `tempdir` creates the folder with mkdir, which fails on anything
    // already at the name (a link included), under a random name.
    let mut builder = tempfile::Builder::new();
    builder.prefix(concat!("casec-", env!("CARGO_PKG_VERSION"), "-prelude-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let folder = builder.tempdir()?;
    let path = folder.path().join("prelude.case");
    let mut options = std::fs::OpenOptions::new();
    // Exclusive: never through a link, never into a file already there.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Read-only, because editing the copy would change nothing.
        options.mode(0o444);
    }
    let mut file = options.open(&path)?;
    file.write_all(PRELUDE.as_bytes())?;
    #[cfg(not(unix))]
    {
        let mut permissions = file.metadata()?.permissions();
        permissions.set_readonly(true);
        file.set_permissions(permissions)?;
    }
    drop(file);
    if let Ok(mut slot) = FOLDER.lock() {
        *slot = Some(folder);
    } else {
        // Kept for the rest of the process rather than removed under the editor.
        let _ = folder.keep();
    }
    Ok(path)
}

/// A `file://` URI for an absolute path, percent-encoding what URIs reserve.
pub(crate) fn file_uri(path: &Path) -> Option<Uri> {
    let path = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_encode_reserved_characters() {
        let uri = file_uri(Path::new("/tmp/a b/c#d.case")).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/c%23d.case");
    }

    #[test]
    fn the_copy_holds_the_prelude() {
        let uri = uri().expect("the temporary folder is writable");
        assert!(is_prelude(&uri));
        let path = uri.as_str().trim_start_matches("file://");
        assert_eq!(std::fs::read_to_string(path).unwrap(), PRELUDE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let folder = Path::new(path).parent().unwrap();
            let mode = std::fs::symlink_metadata(folder)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "the folder is private");
            let name = folder.file_name().unwrap().to_str().unwrap();
            assert!(name.len() > "casec-0.1.0-prelude-".len(), "{name}");
        }
    }
}
