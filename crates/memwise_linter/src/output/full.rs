//! The `full` format: codespan-reporting's view of the source with labels and
//! the help as a note. A notebook finding is shown against its own cell.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::{Error, Files, SimpleFiles};
use codespan_reporting::term::{self, Config};
use memwise_core::{Diagnostic, SecondaryLabel};
use ruff_text_size::TextRange;

use crate::{FileReport, ReportSource};

enum Buffer {
    Ansi(termcolor::Ansi<Vec<u8>>),
    Plain(termcolor::NoColor<Vec<u8>>),
}

impl Buffer {
    fn emit<'f, F: Files<'f>>(
        &mut self,
        config: &Config,
        files: &'f F,
        diagnostic: &CsDiagnostic<F::FileId>,
    ) -> io::Result<()> {
        let result = match self {
            Buffer::Ansi(w) => term::emit_to_write_style(w, config, files, diagnostic),
            Buffer::Plain(w) => term::emit_to_write_style(w, config, files, diagnostic),
        };
        result.map_err(io::Error::other)
    }

    /// Writes what was rendered so far to `out`: once per finding, so the
    /// output streams and the buffer holds one finding at a time.
    fn drain_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let bytes = match self {
            Buffer::Ansi(w) => w.get_mut(),
            Buffer::Plain(w) => w.get_mut(),
        };
        out.write_all(bytes)?;
        bytes.clear();
        Ok(())
    }
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    let config = Config::default();
    let mut buffer = if color {
        Buffer::Ansi(termcolor::Ansi::new(Vec::new()))
    } else {
        Buffer::Plain(termcolor::NoColor::new(Vec::new()))
    };
    for report in reports {
        match (&report.notebook, report.source.full_text()) {
            (Some(_), Some(source)) => write_cells(out, &mut buffer, &config, report, source)?,
            _ => write_file(out, &mut buffer, &config, report)?,
        }
    }
    Ok(())
}

/// A Python file, whole or as an excerpt: codespan sees only the kept lines
/// but the file's line numbers, so both print the same. A finding on a line
/// longer than [`LONG_LINE`] bytes is shown against a cut of its lines.
fn write_file(
    out: &mut dyn Write,
    buffer: &mut Buffer,
    config: &Config,
    report: &FileReport,
) -> io::Result<()> {
    let file = Shown {
        name: report.path.display().to_string(),
        source: &report.source,
        last_column: Cell::new(None),
    };
    let local = |r: TextRange| {
        let start = report.source.text_offset(r.start().to_usize());
        let end = report.source.text_offset(r.end().max(r.start()).to_usize());
        start..end
    };
    for d in &report.diagnostics {
        match Cut::of(&file, d, local) {
            Some(cut) => buffer.emit(
                config,
                &cut,
                &to_codespan(d, (), |r| cut.map_range(local(r)), |_| true)
                    .with_message(marked(report, d)),
            )?,
            None => buffer.emit(
                config,
                &file,
                &to_codespan(d, (), local, |_| true).with_message(marked(report, d)),
            )?,
        }
        buffer.drain_to(out)?;
    }
    Ok(())
}

/// Lines longer than this are cut around the finding's ranges, as ruff
/// does: a 1 MB line printed once per finding on it made `full` output
/// quadratic (40,000 findings on one line asked for a 3 GB buffer).
const LONG_LINE: usize = 240;

/// How many bytes a cut keeps on each side of a range's start and end.
const CONTEXT: usize = 60;

/// The lines a finding shows, each long one cut to windows around the
/// ranges on it, joined by `…`; line numbers and columns stay the file's.
struct Cut<'r> {
    name: &'r str,
    /// The last column computed on a long line: (the line's start and an
    /// offset in the kept text, the characters between them). Findings come
    /// in order, so counting goes on from there instead of from the line's
    /// start each time.
    last_column: &'r Cell<Option<(usize, usize, usize)>>,
    /// The cut lines, each ending in `\n`.
    text: String,
    lines: Vec<CutLine<'r>>,
}

struct CutLine<'r> {
    /// codespan's 0-based line in the file.
    index: usize,
    /// Where the line starts in `text`, and its length there.
    at: usize,
    len: usize,
    /// The whole line, as the report keeps it.
    original: &'r str,
    /// Where `original` starts in the report's kept text.
    original_start: usize,
    /// The kept windows: (start, end) in the kept text, and where each
    /// starts in `text`.
    windows: Vec<(usize, usize, usize)>,
}

impl<'r> Cut<'r> {
    /// The cut for `d`, or `None` when no line it shows is long.
    fn of(
        file: &'r Shown<'r>,
        d: &Diagnostic,
        local: impl Fn(TextRange) -> Range<usize>,
    ) -> Option<Self> {
        let source = file.source;
        let kept = source.text();
        let ranges: Vec<Range<usize>> = std::iter::once(d.range)
            .chain(d.secondary.iter().map(|s| s.range))
            .map(&local)
            .collect();
        let first = ranges.iter().map(|r| source.line_index(r.start)).min()?;
        let last = ranges.iter().map(|r| source.line_index(r.end)).max()?;
        let shown: Vec<(usize, Range<usize>)> = (first..=last)
            .filter_map(|index| source.line_range(index).map(|range| (index, range)))
            .collect();
        if shown.iter().all(|(_, range)| range.len() <= LONG_LINE) {
            return None;
        }
        let mut cut = Cut {
            name: &file.name,
            last_column: &file.last_column,
            text: String::new(),
            lines: Vec::new(),
        };
        for (index, range) in shown {
            let original = &kept[range.clone()];
            let content = original.trim_end_matches(['\n', '\r']);
            let floor = |mut i: usize| {
                i = i.min(content.len());
                while !content.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let ceil = |mut i: usize| {
                i = i.min(content.len());
                while !content.is_char_boundary(i) {
                    i += 1;
                }
                i
            };
            let mut wanted: Vec<(usize, usize)> = if content.len() <= LONG_LINE {
                vec![(0, content.len())]
            } else {
                ranges
                    .iter()
                    .flat_map(|r| [r.start, r.end])
                    .filter(|p| (range.start..=range.end).contains(p))
                    .map(|p| {
                        let p = p - range.start;
                        (floor(p.saturating_sub(CONTEXT)), ceil(p + CONTEXT))
                    })
                    .collect()
            };
            if wanted.is_empty() {
                wanted.push((0, ceil(2 * CONTEXT)));
            }
            wanted.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::new();
            for (lo, hi) in wanted {
                match merged.last_mut() {
                    Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                    _ => merged.push((lo, hi)),
                }
            }
            let at = cut.text.len();
            let mut windows = Vec::new();
            let mut end = 0;
            for (lo, hi) in merged {
                if lo > end || (lo > 0 && windows.is_empty()) {
                    cut.text.push('…');
                }
                windows.push((range.start + lo, range.start + hi, cut.text.len()));
                cut.text.push_str(&content[lo..hi]);
                end = hi;
            }
            if end < content.len() {
                cut.text.push('…');
            }
            cut.text.push('\n');
            cut.lines.push(CutLine {
                index,
                at,
                len: cut.text.len() - at,
                original,
                original_start: range.start,
                windows,
            });
        }
        Some(cut)
    }

    /// Where an offset of the kept text is in the cut.
    fn map(&self, offset: usize) -> usize {
        let k = self
            .lines
            .partition_point(|l| l.original_start <= offset)
            .saturating_sub(1);
        let Some(line) = self.lines.get(k) else {
            return 0;
        };
        for &(lo, hi, at) in &line.windows {
            if offset <= hi {
                return at + offset.saturating_sub(lo);
            }
        }
        line.at + line.len - 1
    }

    fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map(range.start);
        start..self.map(range.end).max(start)
    }
}

impl<'a> Files<'a> for Cut<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        let k = self
            .lines
            .partition_point(|l| l.at <= byte_index)
            .saturating_sub(1);
        Ok(self.lines.get(k).map_or(0, |l| l.index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .iter()
            .find(|l| l.index == line_index)
            .map(|l| l.at..l.at + l.len)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: line_index.saturating_sub(1),
            })
    }

    /// The column in the file's line, not in the cut.
    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let Some(line) = self.lines.iter().find(|l| l.index == line_index) else {
            return Ok(1);
        };
        let original = line
            .windows
            .iter()
            .rev()
            .find(|(_, _, at)| *at <= byte_index)
            .map_or(0, |(lo, hi, at)| (lo + (byte_index - at)).min(*hi))
            .saturating_sub(line.original_start);
        let (from, mut count) = match self.last_column.get() {
            Some((start, at, count))
                if start == line.original_start && at <= original + line.original_start =>
            {
                (at - start, count)
            }
            _ => (0, 0),
        };
        count += line
            .original
            .get(from..original)
            .map_or(original.saturating_sub(from), |s| s.chars().count());
        self.last_column.set(Some((
            line.original_start,
            line.original_start + original,
            count,
        )));
        Ok(count + 1 - usize::from(counts_bom(line_index, line.original, original)))
    }
}

/// Whether a column counted from the start of line `line_index` (text
/// `line`, up to byte `upto`) counted a byte order mark, which the other
/// formats and editors do not count (ruff's `LineIndex` neither).
fn counts_bom(line_index: usize, line: &str, upto: usize) -> bool {
    line_index == 0 && line.starts_with('\u{feff}') && upto >= '\u{feff}'.len_utf8()
}

/// A notebook: one codespan file per cell, with the byte offset its ranges
/// are shifted by.
fn write_cells(
    out: &mut dyn Write,
    buffer: &mut Buffer,
    config: &Config,
    report: &FileReport,
    source: &str,
) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut file_ids: HashMap<usize, (usize, usize)> = HashMap::new();
    for d in &report.diagnostics {
        let start = d.range.start().to_usize();
        let (key, name, range) = match report.notebook.as_ref().and_then(|nb| nb.cell_range(start))
        {
            Some((cell, range)) => (
                cell,
                format!("{}:cell {cell}", report.path.display()),
                range,
            ),
            None => (0, report.path.display().to_string(), 0..source.len()),
        };
        let &mut (file, shift) = file_ids.entry(key).or_insert_with(|| {
            let id = files.add(name, &source[range.clone()]);
            (id, range.start)
        });
        let len = files
            .get(file)
            .map(|f| f.source().len())
            .unwrap_or_default();
        let local = |r: TextRange| {
            let s = r.start().to_usize().saturating_sub(shift);
            let e = r.end().to_usize().saturating_sub(shift);
            s.min(len)..e.max(s).min(len)
        };
        let in_cell = |s: &SecondaryLabel| s.range.start().to_usize() >= shift;
        buffer.emit(config, &files, &to_codespan(d, file, local, in_cell))?;
        buffer.drain_to(out)?;
    }
    Ok(())
}

/// The message with ruff's `[*]` before it when `--fix` fixes the finding
/// (`warning[MEM304]: [*] list comprehension ...`), as `concise` marks it.
fn marked(report: &FileReport, d: &Diagnostic) -> String {
    if super::fix_marker(report, d).is_empty() {
        d.message.clone()
    } else {
        format!("[*] {}", d.message)
    }
}

/// A finding as codespan shows it, its ranges made local to `file`.
fn to_codespan<F: Copy>(
    d: &Diagnostic,
    file: F,
    local: impl Fn(TextRange) -> Range<usize>,
    shown: impl Fn(&SecondaryLabel) -> bool,
) -> CsDiagnostic<F> {
    let severity = if d.rule.severity == memwise_core::Severity::Error {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut labels = vec![Label::primary(file, local(d.range))];
    labels.extend(
        d.secondary
            .iter()
            .filter(|s| shown(s))
            .map(|s| Label::secondary(file, local(s.range)).with_message(&s.message)),
    );
    let mut rendered = CsDiagnostic::new(severity)
        .with_code(d.rule.code)
        .with_message(&d.message)
        .with_labels(labels);
    if let Some(help) = &d.help {
        rendered = rendered.with_note(format!("help: {help}"));
    }
    rendered
}

/// A report's text as one codespan file: offsets into the kept lines,
/// line numbers of the file.
struct Shown<'r> {
    name: String,
    source: &'r ReportSource,
    /// See [`Cut::last_column`].
    last_column: Cell<Option<(usize, usize, usize)>>,
}

impl<'a> Files<'a> for Shown<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.source.text())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.source.line_index(byte_index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        // Only a line outside the excerpt is missing: codespan asks for
        // nothing but the lines of labels and those between them.
        self.source
            .line_range(line_index)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: line_index.saturating_sub(1),
            })
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let text = self.source.text();
        let range = self.line_range((), line_index)?;
        let column = codespan_reporting::files::column_index(text, range.clone(), byte_index) + 1;
        let line = &text[range.clone()];
        Ok(column
            - usize::from(counts_bom(
                line_index,
                line,
                byte_index.saturating_sub(range.start),
            )))
    }
}
