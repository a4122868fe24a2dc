//! Byte offsets ↔ LSP positions in the negotiated encoding. A line ends at
//! `\n`, `\r\n` or `\r`, as the protocol says; a column counts UTF-8 bytes,
//! UTF-16 code units or code points of the line, and a tab is one unit.

use gen_lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// Code points.
    Utf32,
}

impl Encoding {
    /// The encoding to use of those a client offers, in its order of
    /// preference among the ones memwise speaks; UTF-16 when it offers none.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind {
                PositionEncodingKind::UTF8 => Some(Self::Utf8),
                PositionEncodingKind::UTF16 => Some(Self::Utf16),
                PositionEncodingKind::UTF32 => Some(Self::Utf32),
                PositionEncodingKind::Custom(_) => None,
            })
            .unwrap_or(Self::Utf16)
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
            Self::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The length of `text` in these units.
    pub fn units(self, text: &str) -> usize {
        text.chars().map(|c| self.width(c)).sum()
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
            Self::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\n' | b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// The byte range of line `line`'s content, without its line ending.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The position of byte `offset` (clamped to the text, and moved back
    /// to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let (start, end) = self.line(text, line);
        let column: usize = text[start..offset.min(end)]
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `position`: a column past the line's end means
    /// its end, a line past the last means the end of the text, and a
    /// column inside a character (half a surrogate pair) its start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The range of bytes `start..end`.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range {
            start: self.position(text, start, encoding),
            end: self.position(text, end, encoding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_the_negotiated_units() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝒳` is 4 bytes and 2 units; a tab is 1.
        let text = "a = 1\n\ts = 'é𝒳' + x\r\nlast\rcr";
        let index = LineIndex::new(text);
        let x = text.find("x\r").expect("x");
        assert_eq!(index.position(text, x, Encoding::Utf16), pos(1, 13));
        assert_eq!(index.position(text, x, Encoding::Utf8), pos(1, 16));
        assert_eq!(index.position(text, x, Encoding::Utf32), pos(1, 12));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = index.position(text, x, encoding);
            assert_eq!(index.offset(text, p, encoding), x);
        }
        let cr = text.find("cr").expect("cr");
        assert_eq!(index.position(text, cr, Encoding::Utf16), pos(3, 0));
        // Past the line's end: its end, before the line ending.
        assert_eq!(
            index.offset(text, pos(0, 99), Encoding::Utf16),
            text.find('\n').expect("newline")
        );
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        // Inside a surrogate pair: the character's start.
        let astral = text.find('𝒳').expect("astral");
        assert_eq!(index.offset(text, pos(1, 8), Encoding::Utf16), astral);
    }

    #[test]
    fn negotiation_prefers_the_clients_order() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF8, K::UTF16])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::Custom("x".into()), K::UTF32])),
            Encoding::Utf32
        );
    }
}
