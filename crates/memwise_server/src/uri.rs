//! `file:` URIs ↔ paths. The server keeps each document under the URI the
//! client sent, so it only ever needs a path from a URI (for the settings
//! and the rules' path tests) and a URI for a configuration file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The path of a `file:` URI; `None` for another scheme or a URI whose
/// escapes do not decode to UTF-8.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignore_case(uri, "file:")?;
    // `file:///p`, `file://host/p` (the host is dropped), or `file:/p`.
    let path = match rest.strip_prefix("//") {
        Some(after) => &after[after.find('/')?..],
        None => rest,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `/C:/dir` on Windows names `C:/dir`.
    let bytes = decoded.as_bytes();
    let windows = bytes.len() >= 3
        && bytes[0] == b'/'
        && bytes[1].is_ascii_alphabetic()
        && bytes[2] == b':'
        && cfg!(windows);
    Some(PathBuf::from(if windows {
        &decoded[1..]
    } else {
        &decoded[..]
    }))
}

/// A `file:` URI for an absolute path.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        assert_eq!(
            to_path("file:///home/a%20b/%C3%A9t%C3%A9.py"),
            Some(PathBuf::from("/home/a b/été.py"))
        );
        assert_eq!(
            to_path("file://localhost/x.py"),
            Some(PathBuf::from("/x.py"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///bad%ZZ"), None);
        let path = Path::new("/tmp/a b/été#1.py");
        assert_eq!(to_path(&from_path(path)).as_deref(), Some(path));
    }
}
