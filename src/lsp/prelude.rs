//! The built-in prelude as a file an editor can open: go-to-definition on
//! `monitoring` or `inability` lands in a read-only copy of it, written once
//! per version to the temporary folder.

use crate::compile::PRELUDE;
use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The copy's URI, or `None` if it could not be written (definitions in the
/// prelude then have no location; hover still describes them).
pub fn uri() -> Option<Uri> {
    static URI: OnceLock<Option<Uri>> = OnceLock::new();
    URI.get_or_init(|| file_uri(&write().ok()?)).clone()
}

/// Whether a document is the prelude's copy (it is not a case to check).
pub fn is_prelude(document: &Uri) -> bool {
    uri().is_some_and(|prelude| prelude == *document)
}

fn write() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("casec-{}", env!("CARGO_PKG_VERSION")));
    let path = dir.join("prelude.case");
    if std::fs::read_to_string(&path).is_ok_and(|text| text == PRELUDE) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir)?;
    crate::output::write_atomically(&path, PRELUDE.as_bytes())?;
    // Read-only, because editing the copy would change nothing.
    let mut permissions = std::fs::metadata(&path)?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions)?;
    Ok(path)
}

/// A `file://` URI for an absolute path, percent-encoding what URIs reserve.
pub fn file_uri(path: &Path) -> Option<Uri> {
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
    }
}
