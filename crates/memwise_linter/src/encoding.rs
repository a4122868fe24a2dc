//! Decoding source bytes: UTF-8 (with or without a BOM), or the encoding a
//! PEP 263 coding cookie names on one of the first two lines.

use encoding_rs::Encoding;

/// How a file's bytes became its text, so that a fix can write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8; a BOM, if any, is the text's first character and is kept with it.
    Utf8,
    /// ISO-8859-1: one byte per character.
    Latin1,
    /// Another encoding named by a coding cookie.
    Other(&'static Encoding),
}

/// The file's text, or why it cannot be read as Python source.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    decode_with_encoding(bytes).map(|(text, _)| text)
}

/// Encodes fixed text the way [`decode_with_encoding`] decoded the original,
/// or says which character the encoding cannot hold.
pub fn encode(text: &str, encoding: SourceEncoding) -> Result<Vec<u8>, String> {
    match encoding {
        SourceEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        SourceEncoding::Latin1 => text
            .chars()
            .map(|c| {
                u8::try_from(u32::from(c))
                    .map_err(|_| format!("`{c}` cannot be written in latin-1, the file's encoding"))
            })
            .collect(),
        SourceEncoding::Other(encoding) => {
            let (bytes, used, unmappable) = encoding.encode(text);
            if unmappable || used != encoding {
                return Err(format!(
                    "the fixed text cannot be written in {}, the file's encoding",
                    encoding.name()
                ));
            }
            Ok(bytes.into_owned())
        }
    }
}

/// The file's text and how it was encoded, or why it cannot be read as Python source.
pub fn decode_with_encoding(bytes: Vec<u8>) -> Result<(String, SourceEncoding), String> {
    let error = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, SourceEncoding::Utf8)),
        Err(error) => error,
    };
    let bytes = error.as_bytes();
    if let Some(label) = coding_cookie(bytes) {
        let normalized = label.to_ascii_lowercase().replace('_', "-");
        if matches!(normalized.as_str(), "utf-8" | "utf8" | "utf-8-sig") {
            return Err(not_utf8(bytes, error.utf8_error().valid_up_to()));
        }
        let encoding = match normalized.as_str() {
            // Python's latin-1 is ISO-8859-1 proper; WHATWG maps that label to
            // windows-1252, which decodes 0x80-0x9F differently. Map the
            // bytes one to one instead.
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
                return Ok((
                    bytes.iter().map(|b| char::from(*b)).collect(),
                    SourceEncoding::Latin1,
                ));
            }
            other => Encoding::for_label(other.as_bytes()),
        };
        let Some(encoding) = encoding else {
            return Err(format!(
                "unknown source encoding `{label}` in its coding cookie"
            ));
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(format!(
                "not valid {}, the encoding its coding cookie names",
                encoding.name()
            ));
        }
        return Ok((text.into_owned(), SourceEncoding::Other(encoding)));
    }
    Err(not_utf8(bytes, error.utf8_error().valid_up_to()))
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> String {
    let line = bytes[..valid_up_to].split(|b| *b == b'\n').count();
    format!(
        "not valid UTF-8 (first invalid byte on line {line}) and no coding cookie names another encoding"
    )
}

/// The encoding named by `# -*- coding: NAME -*-` (or `coding=NAME`) on the
/// first or second line, as PEP 263 defines it.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|b| *b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
        if !trimmed.starts_with('#') {
            continue;
        }
        let Some(at) = trimmed.find("coding") else {
            continue;
        };
        let rest = &trimmed[at + "coding".len()..];
        let Some(rest) = rest.strip_prefix([':', '=']) else {
            continue;
        };
        let name: String = rest
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies() {
        assert_eq!(
            coding_cookie(b"# -*- coding: latin-1 -*-\n"),
            Some("latin-1".into())
        );
        assert_eq!(
            coding_cookie(b"#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\n"),
            Some("cp1252".into())
        );
        assert_eq!(coding_cookie(b"x = 1\n\n# coding: latin-1\n"), None);
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode(b"# coding: latin-1\nx = '\xe9'\n".to_vec()).as_deref(),
            Ok("# coding: latin-1\nx = '\u{e9}'\n")
        );
        assert_eq!(
            decode(b"# coding: cp1252\nx = '\x80'\n".to_vec()).as_deref(),
            Ok("# coding: cp1252\nx = '\u{20ac}'\n")
        );
        assert!(decode(b"x = '\xe9'\n".to_vec()).is_err_and(|e| e.contains("line 1")));
        assert!(decode(b"# coding: klingon\n\xe9".to_vec()).is_err_and(|e| e.contains("klingon")));
        assert_eq!(
            decode("ok = 'é'".as_bytes().to_vec()).as_deref(),
            Ok("ok = 'é'")
        );
    }

    #[test]
    fn round_trips() {
        for bytes in [
            b"# coding: latin-1\nx = '\xe9\x85'\n".to_vec(),
            b"# coding: cp1252\nx = '\x80'\n".to_vec(),
            b"\xef\xbb\xbfx = 1\r\n".to_vec(),
        ] {
            let (text, encoding) = decode_with_encoding(bytes.clone()).expect("decodes");
            assert_eq!(encode(&text, encoding), Ok(bytes));
        }
        assert!(encode("\u{20ac}", SourceEncoding::Latin1).is_err());
    }
}
