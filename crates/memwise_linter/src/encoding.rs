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
    /// A DOS code page that `encoding_rs` lacks: ASCII, then these
    /// characters for the bytes 0x80 to 0xFF.
    CodePage(&'static str, &'static [char; 128]),
}

/// CP437, the IBM PC's code page (CPython's `cp437`).
const CP437: [char; 128] = [
    '\u{00c7}', '\u{00fc}', '\u{00e9}', '\u{00e2}', '\u{00e4}', '\u{00e0}', '\u{00e5}', '\u{00e7}',
    '\u{00ea}', '\u{00eb}', '\u{00e8}', '\u{00ef}', '\u{00ee}', '\u{00ec}', '\u{00c4}', '\u{00c5}',
    '\u{00c9}', '\u{00e6}', '\u{00c6}', '\u{00f4}', '\u{00f6}', '\u{00f2}', '\u{00fb}', '\u{00f9}',
    '\u{00ff}', '\u{00d6}', '\u{00dc}', '\u{00a2}', '\u{00a3}', '\u{00a5}', '\u{20a7}', '\u{0192}',
    '\u{00e1}', '\u{00ed}', '\u{00f3}', '\u{00fa}', '\u{00f1}', '\u{00d1}', '\u{00aa}', '\u{00ba}',
    '\u{00bf}', '\u{2310}', '\u{00ac}', '\u{00bd}', '\u{00bc}', '\u{00a1}', '\u{00ab}', '\u{00bb}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{2561}', '\u{2562}', '\u{2556}',
    '\u{2555}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255d}', '\u{255c}', '\u{255b}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252c}', '\u{251c}', '\u{2500}', '\u{253c}', '\u{255e}', '\u{255f}',
    '\u{255a}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256c}', '\u{2567}',
    '\u{2568}', '\u{2564}', '\u{2565}', '\u{2559}', '\u{2558}', '\u{2552}', '\u{2553}', '\u{256b}',
    '\u{256a}', '\u{2518}', '\u{250c}', '\u{2588}', '\u{2584}', '\u{258c}', '\u{2590}', '\u{2580}',
    '\u{03b1}', '\u{00df}', '\u{0393}', '\u{03c0}', '\u{03a3}', '\u{03c3}', '\u{00b5}', '\u{03c4}',
    '\u{03a6}', '\u{0398}', '\u{03a9}', '\u{03b4}', '\u{221e}', '\u{03c6}', '\u{03b5}', '\u{2229}',
    '\u{2261}', '\u{00b1}', '\u{2265}', '\u{2264}', '\u{2320}', '\u{2321}', '\u{00f7}', '\u{2248}',
    '\u{00b0}', '\u{2219}', '\u{00b7}', '\u{221a}', '\u{207f}', '\u{00b2}', '\u{25a0}', '\u{00a0}',
];

/// CP850, DOS Latin-1 (CPython's `cp850`).
const CP850: [char; 128] = [
    '\u{00c7}', '\u{00fc}', '\u{00e9}', '\u{00e2}', '\u{00e4}', '\u{00e0}', '\u{00e5}', '\u{00e7}',
    '\u{00ea}', '\u{00eb}', '\u{00e8}', '\u{00ef}', '\u{00ee}', '\u{00ec}', '\u{00c4}', '\u{00c5}',
    '\u{00c9}', '\u{00e6}', '\u{00c6}', '\u{00f4}', '\u{00f6}', '\u{00f2}', '\u{00fb}', '\u{00f9}',
    '\u{00ff}', '\u{00d6}', '\u{00dc}', '\u{00f8}', '\u{00a3}', '\u{00d8}', '\u{00d7}', '\u{0192}',
    '\u{00e1}', '\u{00ed}', '\u{00f3}', '\u{00fa}', '\u{00f1}', '\u{00d1}', '\u{00aa}', '\u{00ba}',
    '\u{00bf}', '\u{00ae}', '\u{00ac}', '\u{00bd}', '\u{00bc}', '\u{00a1}', '\u{00ab}', '\u{00bb}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{00c1}', '\u{00c2}', '\u{00c0}',
    '\u{00a9}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255d}', '\u{00a2}', '\u{00a5}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252c}', '\u{251c}', '\u{2500}', '\u{253c}', '\u{00e3}', '\u{00c3}',
    '\u{255a}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256c}', '\u{00a4}',
    '\u{00f0}', '\u{00d0}', '\u{00ca}', '\u{00cb}', '\u{00c8}', '\u{0131}', '\u{00cd}', '\u{00ce}',
    '\u{00cf}', '\u{2518}', '\u{250c}', '\u{2588}', '\u{2584}', '\u{00a6}', '\u{00cc}', '\u{2580}',
    '\u{00d3}', '\u{00df}', '\u{00d4}', '\u{00d2}', '\u{00f5}', '\u{00d5}', '\u{00b5}', '\u{00fe}',
    '\u{00de}', '\u{00da}', '\u{00db}', '\u{00d9}', '\u{00fd}', '\u{00dd}', '\u{00af}', '\u{00b4}',
    '\u{00ad}', '\u{00b1}', '\u{2017}', '\u{00be}', '\u{00b6}', '\u{00a7}', '\u{00f7}', '\u{00b8}',
    '\u{00b0}', '\u{00a8}', '\u{00b7}', '\u{00b9}', '\u{00b3}', '\u{00b2}', '\u{25a0}', '\u{00a0}',
];

/// What a coding cookie's name means to CPython, where `encoding_rs`'s
/// WHATWG labels disagree or lack it (names lower case, `_` as `-`).
fn python_codec(name: &str) -> Option<Codec> {
    Some(match name {
        "ascii" | "us-ascii" | "646" | "us" | "iso646-us" | "ansi-x3.4-1968" | "cp367"
        | "ibm367" | "csascii" => Codec::Ascii,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" | "ibm819"
        | "latin" => Codec::Latin1,
        "cp437" | "437" | "ibm437" | "cspc8codepage437" => Codec::CodePage("cp437", &CP437),
        "cp850" | "850" | "ibm850" | "cspc850multilingual" => Codec::CodePage("cp850", &CP850),
        "cp932" | "932" | "ms932" | "mskanji" | "ms-kanji" | "shift-jis" | "shiftjis" | "sjis"
        | "s-jis" | "csshiftjis" => Codec::Rs(encoding_rs::SHIFT_JIS),
        "mac-roman" | "macroman" | "macintosh" => Codec::Rs(encoding_rs::MACINTOSH),
        "cp949" | "949" | "ms949" | "uhc" => Codec::Rs(encoding_rs::EUC_KR),
        "cp936" | "936" | "ms936" | "gbk" => Codec::Rs(encoding_rs::GBK),
        "cp950" | "950" | "ms950" | "big5" | "big5-tw" | "csbig5" => Codec::Rs(encoding_rs::BIG5),
        "cp866" | "866" | "ibm866" | "csibm866" => Codec::Rs(encoding_rs::IBM866),
        _ => return None,
    })
}

/// How a cookie's encoding is decoded.
enum Codec {
    Ascii,
    Latin1,
    CodePage(&'static str, &'static [char; 128]),
    Rs(&'static Encoding),
}

/// Why a file's bytes cannot be read as Python source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Neither UTF-8 nor another encoding named by a coding cookie.
    #[error(
        "not valid UTF-8 (first invalid byte on line {line}) and no coding cookie names another encoding"
    )]
    NotUtf8 {
        /// The line of the first invalid byte.
        line: usize,
    },
    /// The coding cookie names ASCII, and a byte is not.
    #[error(
        "not valid ASCII (byte 0x{byte:02X} on line {line}), the encoding its coding cookie names"
    )]
    NotAscii {
        /// The first byte above 0x7F.
        byte: u8,
        /// Its line.
        line: usize,
    },
    /// The coding cookie names an encoding memwise cannot decode.
    #[error(
        "unsupported source encoding `{label}` in its coding cookie: memwise reads UTF-8, latin-1, the DOS code pages 437 and 850, and the encodings of the WHATWG Encoding Standard"
    )]
    Unsupported {
        /// The label as written in the cookie.
        label: String,
    },
    /// The bytes are not valid in the encoding the coding cookie names.
    #[error("not valid {encoding}, the encoding its coding cookie names")]
    Invalid {
        /// The encoding's name.
        encoding: &'static str,
    },
}

/// Why fixed text cannot be written back in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A character the single-byte encoding has no byte for.
    #[error("`{character}` cannot be written in {encoding}, the file's encoding")]
    Character {
        /// The character.
        character: char,
        /// The encoding's name.
        encoding: &'static str,
    },
    /// Text the encoding cannot hold.
    #[error("the fixed text cannot be written in {encoding}, the file's encoding")]
    Text {
        /// The encoding's name.
        encoding: &'static str,
    },
}

/// The file's text, or why it cannot be read as Python source.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    decode_with_encoding(bytes).map(|(text, _)| text)
}

/// Encodes fixed text the way [`decode_with_encoding`] decoded the original,
/// or says which character the encoding cannot hold.
pub fn encode(text: &str, encoding: SourceEncoding) -> Result<Vec<u8>, EncodeError> {
    match encoding {
        SourceEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        SourceEncoding::Latin1 => text
            .chars()
            .map(|c| {
                u8::try_from(u32::from(c)).map_err(|_| EncodeError::Character {
                    character: c,
                    encoding: "latin-1",
                })
            })
            .collect(),
        SourceEncoding::CodePage(name, table) => text
            .chars()
            .map(|c| match u8::try_from(u32::from(c)) {
                Ok(b) if b < 0x80 => Ok(b),
                _ => table
                    .iter()
                    .position(|t| *t == c)
                    .and_then(|i| u8::try_from(0x80 + i).ok())
                    .ok_or(EncodeError::Character {
                        character: c,
                        encoding: name,
                    }),
            })
            .collect(),
        SourceEncoding::Other(encoding) => {
            let (bytes, used, unmappable) = encoding.encode(text);
            if unmappable || used != encoding {
                return Err(EncodeError::Text {
                    encoding: encoding.name(),
                });
            }
            Ok(bytes.into_owned())
        }
    }
}

/// The file's text and how it was encoded, or why it cannot be read as Python source.
pub fn decode_with_encoding(bytes: Vec<u8>) -> Result<(String, SourceEncoding), DecodeError> {
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
        let encoding = match python_codec(&normalized) {
            // The text is not UTF-8, so not ASCII either: CPython refuses it.
            Some(Codec::Ascii) => {
                let at = bytes.iter().position(|b| *b >= 0x80).unwrap_or_default();
                let line = bytes[..at].split(|b| *b == b'\n').count();
                return Err(DecodeError::NotAscii {
                    byte: bytes.get(at).copied().unwrap_or_default(),
                    line,
                });
            }
            // Python's latin-1 is ISO-8859-1 proper; WHATWG maps that label to
            // windows-1252, which decodes 0x80-0x9F differently. Map the
            // bytes one to one instead.
            Some(Codec::Latin1) => {
                return Ok((
                    bytes.iter().map(|b| char::from(*b)).collect(),
                    SourceEncoding::Latin1,
                ));
            }
            Some(Codec::CodePage(name, table)) => {
                let text = bytes
                    .iter()
                    .map(|b| {
                        if *b < 0x80 {
                            char::from(*b)
                        } else {
                            table[usize::from(b - 0x80)]
                        }
                    })
                    .collect();
                return Ok((text, SourceEncoding::CodePage(name, table)));
            }
            Some(Codec::Rs(encoding)) => Some(encoding),
            None => Encoding::for_label(normalized.as_bytes()),
        };
        let Some(encoding) = encoding else {
            return Err(DecodeError::Unsupported { label });
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(DecodeError::Invalid {
                encoding: encoding.name(),
            });
        }
        return Ok((text.into_owned(), SourceEncoding::Other(encoding)));
    }
    Err(not_utf8(bytes, error.utf8_error().valid_up_to()))
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> DecodeError {
    let line = bytes[..valid_up_to].split(|b| *b == b'\n').count();
    DecodeError::NotUtf8 { line }
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
        assert_eq!(
            decode(b"x = '\xe9'\n".to_vec()),
            Err(DecodeError::NotUtf8 { line: 1 })
        );
        assert!(
            decode(b"# coding: klingon\n\xe9".to_vec())
                .is_err_and(|e| e.to_string().contains("`klingon`"))
        );
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
