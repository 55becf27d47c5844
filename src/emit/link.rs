//! Links to evidence artifacts: the one place that decides whether an
//! artifact value may become a link, and what the link points to. The SVG
//! and DOT diagrams and the HTML review all link through [`href`]; the
//! Markdown review shows artifacts as code, never as links.
//!
//! An artifact is case text, so a hostile case can write anything there.
//! A browser reading a URL drops white space and control characters before
//! it reads the scheme (`java\tscript:`, a leading tab or NBSP), so the
//! value is normalised the same way, more strictly, before its scheme is
//! tested; only `http`, `https` and `file` URLs and paths are linked
//! (`mailto:` is not evidence, and `javascript:`, `data:`, `vbscript:` and
//! every other scheme stay text). The link written is checked once more as
//! a browser will read it.

use std::path::{Path, PathBuf};

/// The schemes an artifact link may have.
const SAFE_SCHEMES: [&str; 3] = ["http", "https", "file"];

/// Characters a URL parser may drop or a reader cannot see: control
/// characters, all Unicode white space (NBSP, U+3000 …), and invisible
/// format characters (soft hyphen, zero-width and direction marks, BOM).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The value without any invisible character, as the scheme is read from.
fn normalise(artifact: &str) -> String {
    artifact.chars().filter(|c| !is_invisible(*c)).collect()
}

/// The URL scheme a value starts with, lower-cased: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`. A single letter is a drive (`C:\`).
fn scheme(value: &str) -> Option<String> {
    let (scheme, _) = value.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let is_scheme = first.is_ascii_alphabetic()
        && scheme.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

fn is_safe_scheme(scheme: &str) -> bool {
    SAFE_SCHEMES.contains(&scheme)
}

/// Percent-encode every invisible character (as UTF-8), for a URL.
fn encode_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as a URL path: `\` becomes `/`, and everything but unreserved
/// characters, `/` and a few harmless delimiters is percent-encoded (UTF-8).
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'\\' => out.push('/'),
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Where a link to an artifact points, or `None` when it must not be a
/// link. A URL with a safe scheme is kept (invisible characters inside it
/// percent-encoded); an absolute path becomes a `file:` URL; a path
/// relative to the case file is encoded and prefixed with `base`, the case
/// file's directory as seen from where the output is written (see
/// [`base`]).
pub fn href(artifact: &str, base: &str) -> Option<String> {
    let normalised = normalise(artifact);
    if normalised.is_empty() {
        return None;
    }
    let trimmed = artifact.trim_matches(is_invisible);
    let link = match scheme(&normalised) {
        Some(scheme) if is_safe_scheme(&scheme) => encode_invisible(trimmed),
        Some(_) => return None,
        None => {
            let path = encode_path(trimmed);
            let drive = path.as_bytes().get(1) == Some(&b':');
            if path.starts_with('/') {
                format!("file://{path}")
            } else if drive {
                format!("file:///{path}")
            } else {
                format!("{base}{path}")
            }
        }
    };
    // What a browser reads: nothing invisible is left, so its scheme (if
    // any) is the one tested here.
    match scheme(&link) {
        Some(scheme) if !is_safe_scheme(&scheme) => None,
        _ => Some(link),
    }
}

/// The case file's directory as seen from the output's, URL-encoded and
/// ending in `/` (empty when they are the same), so that links to artifacts
/// (paths relative to the case file) work from the written output. Standard
/// output (`None`) is taken to be read from the current directory.
pub fn base(case: &Path, output: Option<&Path>) -> String {
    let dir = |p: Option<&Path>| match p {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(from), Ok(to)) = (
        std::fs::canonicalize(dir(output.and_then(Path::parent))),
        std::fs::canonicalize(dir(case.parent())),
    ) else {
        return String::new();
    };
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Different roots (drives): only an absolute URL can reach the case.
        let path = to.iter().collect::<PathBuf>();
        return format!(
            "file:///{}/",
            encode_path(path.to_string_lossy().trim_start_matches('/'))
        );
    }
    let mut base = "../".repeat(from.len() - common);
    for part in &to[common..] {
        base.push_str(&encode_path(&part.as_os_str().to_string_lossy()));
        base.push('/');
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_web_urls_are_linked() {
        for (artifact, link) in [
            ("evals/cyber.json", "evals/cyber.json"),
            ("https://example.org/run/1", "https://example.org/run/1"),
            ("HTTPS://example.org/a", "HTTPS://example.org/a"),
            ("file:///tmp/x", "file:///tmp/x"),
            ("C:\\runs\\a.json", "file:///C:/runs/a.json"),
            ("/abs/path", "file:///abs/path"),
            ("  evals/a.json\t", "evals/a.json"),
            (" https://example.org/a b", "https://example.org/a%20b"),
        ] {
            assert_eq!(href(artifact, "").as_deref(), Some(link), "{artifact:?}");
        }
        assert_eq!(
            href("evals/run 1#2.json", "../cases/").as_deref(),
            Some("../cases/evals/run%201%232.json")
        );
        assert_eq!(href("évals/a?b", "").as_deref(), Some("%C3%A9vals/a%3Fb"));
        assert_eq!(
            href("/abs/x y", "../").as_deref(),
            Some("file:///abs/x%20y")
        );
        assert_eq!(
            href("https://example.org/a?b=1&c", "../").as_deref(),
            Some("https://example.org/a?b=1&c")
        );
    }

    /// Every way of hiding a script scheme that a browser would still run.
    #[test]
    fn script_schemes_are_never_linked_however_they_are_dressed() {
        let schemes = [
            "javascript:alert(1)",
            "data:text/html,<script>x</script>",
            "vbscript:msgbox(1)",
        ];
        let dresses: [fn(&str) -> String; 12] = [
            |s| s.to_string(),
            |s| s.to_uppercase(),
            |s| format!("{}{}", s[..1].to_uppercase(), &s[1..]),
            |s| format!(" {s}"),
            |s| format!("\t{s}"),
            |s| format!("\n\r{s}"),
            |s| format!("\u{A0}{s}"),
            |s| format!("\u{3000}{s}"),
            |s| format!("\u{FEFF}\u{200B}{s}"),
            |s| format!("\u{1}{s}"),
            |s| format!("{}\t{}", &s[..2], &s[2..]),
            |s| format!("{}\n{}", &s[..3], &s[3..]),
        ];
        for scheme in schemes {
            for dress in dresses {
                let artifact = dress(scheme);
                for base in ["", "../", "file:///c/"] {
                    assert_eq!(
                        href(&artifact, base),
                        None,
                        "{artifact:?} with base {base:?}"
                    );
                }
            }
        }
        for refused in ["mailto:a@example.org", "ftp://x", "", " \u{A0}\t"] {
            assert_eq!(href(refused, ""), None, "{refused:?}");
        }
    }

    /// Text that only looks like a scheme once entities are decoded is a
    /// path: encoded, so no browser decodes it into one.
    #[test]
    fn entity_like_text_stays_a_harmless_path() {
        for artifact in [
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&#58;x",
        ] {
            let link = href(artifact, "").unwrap();
            assert!(!link.contains('&') && !link.contains('#'), "{link}");
            assert_eq!(scheme(&link), None, "{link}");
        }
    }
}
