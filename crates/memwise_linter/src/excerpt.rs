//! The text a report keeps: the whole file while fixes still need it,
//! otherwise only the lines its findings show, with their offsets and line
//! numbers, so that a run's memory does not grow with the corpus.

use std::cell::Cell;
use std::ops::Range;

use memwise_core::Diagnostic;
use ruff_source_file::{LineColumn, OneIndexed};
use ruff_text_size::{TextRange, TextSize};

/// A report's text: the whole file, or an excerpt of whole lines.
///
/// Lines are counted two ways, because the two consumers disagree: codespan
/// ends a line at `\n` only, while `LineIndex` (rows and columns of every
/// other format) also ends one at a lone `\r`. The excerpt keeps whole
/// `\n`-lines and remembers where both counts stand at each of them.
#[derive(Debug, Clone, Default)]
pub struct ReportSource {
    /// The kept lines, one after the other, with their line endings.
    text: String,
    /// The kept lines, by position in the file.
    lines: Vec<KeptLine>,
    /// `text` is the whole file.
    complete: bool,
    /// Where [`ReportSource::line_column`] last stopped: findings are asked
    /// for in order, and counting each one's column from its line's start
    /// was quadratic in the findings of one long line.
    cursor: Cell<Option<Cursor>>,
}

/// A position that [`ReportSource::line_column`] computed.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    /// The kept line.
    k: usize,
    /// Byte offset in the line's text.
    local: usize,
    /// The 0-based row there, and where in the line's text that row starts.
    row: usize,
    row_start: usize,
    /// Characters from the row's start to `local`.
    column: usize,
}

#[derive(Debug, Clone, Copy)]
struct KeptLine {
    /// Byte offset of the line in the file.
    start: u32,
    /// Byte offset of the line in `text`.
    at: u32,
    /// 0-based line, ended by `\n` only (codespan's count).
    index: u32,
    /// 0-based row of the line's start, as `LineIndex` counts rows.
    row: u32,
}

impl ReportSource {
    /// Keeps the whole text: fixes rewrite it, and stdin with `--fix` prints it.
    pub fn full(text: String) -> Self {
        let layout = Layout::new(&text);
        let wanted: Vec<usize> = (0..layout.starts.len()).collect();
        let lines = layout.kept(&wanted);
        Self {
            text,
            lines,
            complete: true,
            cursor: Cell::new(None),
        }
    }

    /// Keeps only the lines that `diagnostics` show: every line of each
    /// primary range and secondary label (codespan prints all of them), the
    /// first and last line of each fix edit (whose locations JSON and SARIF
    /// print), and any single line between two kept ones, which codespan
    /// prints rather than a break.
    pub fn excerpt(source: &str, diagnostics: &[Diagnostic]) -> Self {
        let layout = Layout::new(source);
        let mut wanted = Vec::new();
        for d in diagnostics {
            let ranges = std::iter::once(d.range).chain(d.secondary.iter().map(|s| s.range));
            for range in ranges {
                wanted.extend(layout.line_of(range.start())..=layout.line_of(range.end()));
            }
            for edit in d.fix.iter().flat_map(|f| &f.edits) {
                wanted.push(layout.line_of(edit.range.start()));
                wanted.push(layout.line_of(edit.range.end()));
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        let gaps: Vec<usize> = wanted
            .windows(2)
            .filter(|pair| pair[1] == pair[0] + 2)
            .map(|pair| pair[0] + 1)
            .collect();
        if !gaps.is_empty() {
            wanted.extend(gaps);
            wanted.sort_unstable();
        }
        let lines = layout.kept(&wanted);
        let mut text =
            String::with_capacity(wanted.iter().map(|&i| layout.range(i).len()).sum::<usize>());
        for &i in &wanted {
            text.push_str(&source[layout.range(i)]);
        }
        Self {
            text,
            lines,
            complete: false,
            cursor: Cell::new(None),
        }
    }

    /// The whole file, when it was kept.
    pub fn full_text(&self) -> Option<&str> {
        self.complete.then_some(self.text.as_str())
    }

    /// The kept text, as the file's row and column of `offset` reads it:
    /// the same as `LineIndex::line_column` on the whole file, for an
    /// offset on a kept line.
    pub fn line_column(&self, offset: TextSize) -> LineColumn {
        let Some(k) = self.kept(offset.to_usize()) else {
            return LineColumn::default();
        };
        let line = self.lines[k];
        let text = self.line_text(k);
        let bytes = text.as_bytes();
        let local = offset
            .to_usize()
            .saturating_sub(line.start as usize)
            .min(bytes.len());
        // Continue from the last position when it is on this line before
        // `offset`; otherwise start at the line's start.
        let from = self
            .cursor
            .get()
            .filter(|c| c.k == k && c.local <= local && text.is_char_boundary(c.local))
            .unwrap_or(Cursor {
                k,
                local: 0,
                row: line.row as usize,
                row_start: 0,
                column: 0,
            });
        let mut row = from.row;
        let mut row_start = from.row_start;
        for cr in memchr::memchr_iter(b'\r', &bytes[from.local..local]) {
            let cr = from.local + cr;
            if bytes.get(cr + 1) != Some(&b'\n') {
                row += 1;
                row_start = cr + 1;
            }
        }
        let counted_from = if row_start == from.row_start {
            from.local
        } else {
            row_start
        };
        let base = if row_start == from.row_start {
            from.column
        } else {
            0
        };
        let mut column = base
            + text
                .get(counted_from..local)
                .map_or(local - counted_from, |s| s.chars().count());
        self.cursor.set(Some(Cursor {
            k,
            local,
            row,
            row_start,
            column,
        }));
        // `LineIndex` does not count a byte order mark as a column.
        if row == 0 && text.starts_with('\u{feff}') {
            column = column.saturating_sub(1);
        }
        LineColumn {
            line: OneIndexed::from_zero_indexed(row),
            column: OneIndexed::from_zero_indexed(column),
        }
    }

    /// The text of `range`, if every line of it was kept.
    pub fn slice(&self, range: TextRange) -> Option<&str> {
        if self.complete {
            return self.text.get(range.to_std_range());
        }
        let first = self.kept(range.start().to_usize())?;
        let last = self.kept(range.end().to_usize())?;
        let on_line = |k: usize, offset: usize| {
            let start = self.lines[k].start as usize;
            offset >= start && offset - start <= self.line_text(k).len()
        };
        let contiguous = self.lines[first..=last.max(first)]
            .windows(2)
            .all(|pair| pair[1].index == pair[0].index + 1);
        if !on_line(first, range.start().to_usize())
            || !on_line(last, range.end().to_usize())
            || !contiguous
        {
            return None;
        }
        self.text.get(
            self.text_offset(range.start().to_usize())..self.text_offset(range.end().to_usize()),
        )
    }

    /// The kept lines, one after the other.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Where a file offset is in the kept text; an offset past its line
    /// (past the end of the file) stops at the line's end.
    pub(crate) fn text_offset(&self, offset: usize) -> usize {
        let Some(k) = self.kept(offset) else {
            return 0;
        };
        let line = self.lines[k];
        let local = offset
            .saturating_sub(line.start as usize)
            .min(self.line_text(k).len());
        line.at as usize + local
    }

    /// codespan's 0-based line of an offset in the kept text.
    pub(crate) fn line_index(&self, text_offset: usize) -> usize {
        let k = self
            .lines
            .partition_point(|l| l.at as usize <= text_offset)
            .saturating_sub(1);
        self.lines.get(k).map_or(0, |l| l.index as usize)
    }

    /// The range in the kept text of codespan's 0-based line, if kept.
    pub(crate) fn line_range(&self, index: usize) -> Option<Range<usize>> {
        let k = self
            .lines
            .binary_search_by_key(&index, |l| l.index as usize)
            .ok()?;
        let at = self.lines[k].at as usize;
        Some(at..at + self.line_text(k).len())
    }

    /// The kept line that holds a file offset: the last one starting at or
    /// before it.
    fn kept(&self, offset: usize) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        Some(
            self.lines
                .partition_point(|l| l.start as usize <= offset)
                .saturating_sub(1),
        )
    }

    fn line_text(&self, k: usize) -> &str {
        let start = self.lines[k].at as usize;
        let end = self
            .lines
            .get(k + 1)
            .map_or(self.text.len(), |l| l.at as usize);
        &self.text[start..end]
    }
}

/// Where the lines of a whole text start, while an excerpt is cut from it.
struct Layout<'a> {
    source: &'a str,
    /// Offsets of codespan's lines: 0 and after each `\n`.
    starts: Vec<u32>,
    /// Offsets of the lone `\r`s, which start a row for `LineIndex` only.
    lone_crs: Vec<usize>,
}

impl<'a> Layout<'a> {
    fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        // Sized exactly: a vector grown by doubling leaves a trail of freed
        // blocks per file, which the allocator keeps resident for a while.
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| to_u32(i + 1)));
        let lone_crs = memchr::memchr_iter(b'\r', bytes)
            .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
            .collect();
        Self {
            source,
            starts,
            lone_crs,
        }
    }

    /// codespan's 0-based line of an offset (past the end: the last line).
    fn line_of(&self, offset: TextSize) -> usize {
        let offset = offset.to_u32().min(to_u32(self.source.len()));
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    fn range(&self, index: usize) -> Range<usize> {
        let start = self.starts[index] as usize;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.source.len(), |&s| s as usize);
        start..end
    }

    /// The kept lines for sorted, distinct line indices.
    fn kept(&self, wanted: &[usize]) -> Vec<KeptLine> {
        let mut at = 0;
        wanted
            .iter()
            .map(|&index| {
                let start = self.starts[index] as usize;
                let row = index + self.lone_crs.partition_point(|&cr| cr < start);
                let line = KeptLine {
                    start: self.starts[index],
                    at: to_u32(at),
                    index: to_u32(index),
                    row: to_u32(row),
                };
                at += self.range(index).len();
                line
            })
            .collect()
    }
}

/// Sources are at most 4 GiB: `TextSize` offsets are `u32`.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).expect("source offsets fit in u32, as TextSize requires")
}

/// A report's text as the cache keeps it: what was kept, exactly.
impl crate::cache::codec::Codec for ReportSource {
    fn encode(&self, w: &mut crate::cache::codec::Writer) {
        let Self {
            text,
            lines,
            complete,
            cursor: _,
        } = self;
        w.str(text);
        w.varint(lines.len() as u64);
        for line in lines {
            let KeptLine {
                start,
                at,
                index,
                row,
            } = *line;
            for value in [start, at, index, row] {
                w.varint(u64::from(value));
            }
        }
        w.u8(u8::from(*complete));
    }

    fn decode(r: &mut crate::cache::codec::Reader<'_>) -> Option<Self> {
        let text = r.str()?.to_owned();
        let count = r.usize()?;
        let mut lines = Vec::with_capacity(count.min(text.len() + 1));
        for _ in 0..count {
            let line = KeptLine {
                start: r.u32()?,
                at: r.u32()?,
                index: r.u32()?,
                row: r.u32()?,
            };
            // A kept line's text must lie in the kept text, in order.
            let previous = lines.last().map_or(0, |l: &KeptLine| l.at);
            if line.at < previous || line.at as usize > text.len() {
                return None;
            }
            lines.push(line);
        }
        let complete = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        Some(Self {
            text,
            lines,
            complete,
            cursor: Cell::new(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memwise_core::{Diagnostic, SecondaryLabel};
    use ruff_source_file::LineIndex;

    fn range(source: &str, needle: &str) -> TextRange {
        let start = source.find(needle).expect("the needle is in the source");
        TextRange::new(
            TextSize::try_from(start).unwrap(),
            TextSize::try_from(start + needle.len()).unwrap(),
        )
    }

    fn diagnostic(range: TextRange) -> Diagnostic {
        let rule = memwise_rules::registry::rules()[0].meta();
        Diagnostic::new(rule, "message", range)
    }

    /// Every offset on a kept line has the row and column `LineIndex` gives
    /// (past a line's `\n` is the next line, which has its own entry).
    fn assert_same_positions(source: &str, excerpt: &ReportSource) {
        let index = LineIndex::from_source_text(source);
        for k in 0..excerpt.lines.len() {
            let start = excerpt.lines[k].start as usize;
            let text = excerpt.line_text(k);
            assert_eq!(&source[start..start + text.len()], text);
            let end = (!text.ends_with('\n')).then_some((text.len(), ' '));
            for (local, _) in text.char_indices().chain(end) {
                let offset = TextSize::try_from(start + local).unwrap();
                assert_eq!(
                    excerpt.line_column(offset),
                    index.line_column(offset, source),
                    "offset {offset:?} of {source:?}"
                );
            }
        }
    }

    #[test]
    fn keeps_only_the_lines_shown() {
        let source = "a = 1\nb = 2\nc = [\n    3,\n]\nd = 4\ne = 5\nf = 6\ng = 7\nh = 8\n";
        let mut d = diagnostic(range(source, "[\n    3,\n]"));
        d.secondary.push(SecondaryLabel {
            range: range(source, "h = 8"),
            message: "here".to_owned(),
        });
        let excerpt = ReportSource::excerpt(source, &[d]);
        assert_eq!(excerpt.text(), "c = [\n    3,\n]\nh = 8\n");
        assert_eq!(excerpt.full_text(), None);
        assert_same_positions(source, &excerpt);
        assert_eq!(
            excerpt.slice(range(source, "[\n    3,\n]")),
            Some("[\n    3,\n]")
        );
        // Not kept: no text rather than the wrong text.
        assert_eq!(excerpt.slice(range(source, "d = 4")), None);
        // codespan's view: offsets in the kept text, line numbers of the file.
        let h = excerpt.text_offset(range(source, "h = 8").start().to_usize());
        assert_eq!(h, 15);
        assert_eq!(excerpt.line_index(h), 9);
        assert_eq!(excerpt.line_range(9), Some(15..21));
        assert_eq!(excerpt.line_range(5), None);
    }

    #[test]
    fn one_line_between_two_kept_ones_is_kept() {
        let source = "a\nb\nc\nd\n";
        let mut d = diagnostic(range(source, "a"));
        d.secondary.push(SecondaryLabel {
            range: range(source, "c"),
            message: String::new(),
        });
        assert_eq!(ReportSource::excerpt(source, &[d]).text(), "a\nb\nc\n");
    }

    #[test]
    fn crlf_lone_cr_bom_and_wide_characters() {
        let source = "\u{feff}x = 'é'\r\ny = 1\rz = 'ß' + w\r\nlast";
        let diagnostics = [
            diagnostic(range(source, "x")),
            diagnostic(range(source, "w")),
            diagnostic(range(source, "last")),
        ];
        let excerpt = ReportSource::excerpt(source, &diagnostics);
        assert_eq!(excerpt.text(), source, "every line is shown");
        assert_same_positions(source, &excerpt);
        let excerpt = ReportSource::excerpt(source, &diagnostics[1..2]);
        assert_eq!(excerpt.text(), "y = 1\rz = 'ß' + w\r\n");
        assert_same_positions(source, &excerpt);
        assert_eq!(
            excerpt.line_column(range(source, "w").start()),
            LineColumn {
                line: OneIndexed::from_zero_indexed(2),
                column: OneIndexed::from_zero_indexed(10),
            }
        );
        assert_eq!(excerpt.slice(range(source, "'ß' + w")), Some("'ß' + w"));
    }

    #[test]
    fn end_of_file_and_empty_ranges() {
        let source = "a = 1\nb = 2\n";
        let end = TextSize::try_from(source.len()).unwrap();
        let excerpt = ReportSource::excerpt(source, &[diagnostic(TextRange::empty(end))]);
        assert_eq!(excerpt.text(), "");
        assert_eq!(
            excerpt.line_column(end),
            LineIndex::from_source_text(source).line_column(end, source)
        );
        assert_eq!(excerpt.slice(TextRange::empty(end)), Some(""));
        assert_eq!(excerpt.line_range(2), Some(0..0));
    }

    #[test]
    fn full_text_is_kept_whole() {
        let source = "a\r\nb\n";
        let full = ReportSource::full(source.to_owned());
        assert_eq!(full.full_text(), Some(source));
        assert_same_positions(source, &full);
    }
}
