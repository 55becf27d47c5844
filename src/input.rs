//! Reading the files casec is named: regular files only (a FIFO or a device
//! could block or never end), and never more than a limit, whatever the
//! file's metadata says (files under /proc report a length of 0).

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not a regular file: what it is instead ("a FIFO", "a folder", …).
    NotRegular(&'static str),
    /// Longer than the limit, in bytes.
    TooLarge(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => e.fmt(f),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge(limit) => write!(f, "it is longer than {limit} bytes"),
        }
    }
}

/// The bytes of the regular file at `path` (a symbolic link is followed),
/// refused if it holds more than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer; non-blocking, it
        // returns at once and the type check below refuses it.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    // The type of what was opened, not of what the path named a moment before.
    let kind = file.metadata().map_err(ReadError::Io)?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotRegular(describe(kind)));
    }
    read_bounded(file, limit)
}

fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_never_ends_is_cut_at_the_limit() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_bounded(endless, 1000),
            Err(ReadError::TooLarge(1000))
        ));
        let bytes = read_bounded(&b"exactly"[..], 7).unwrap();
        assert_eq!(bytes, b"exactly");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_read() {
        for (path, what) in [("/dev/zero", "a device"), ("/", "a folder")] {
            match read_regular(Path::new(path), 1 << 20) {
                Err(ReadError::NotRegular(kind)) => assert_eq!(kind, what, "{path}"),
                other => panic!("{path}: {other:?}"),
            }
        }
    }
}
