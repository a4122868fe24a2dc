//! The `full` format: codespan-reporting's view of the source with labels and
//! the help as a note. A notebook finding is shown against its own cell.

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
            (Some(_), Some(source)) => write_cells(&mut buffer, &config, report, source)?,
            _ => write_file(&mut buffer, &config, report)?,
        }
        // Flush per file so a long run streams instead of buffering everything.
        let bytes = match &mut buffer {
            Buffer::Ansi(w) => std::mem::take(w.get_mut()),
            Buffer::Plain(w) => std::mem::take(w.get_mut()),
        };
        out.write_all(&bytes)?;
    }
    Ok(())
}

/// A Python file, whole or as an excerpt: codespan sees only the kept lines
/// but the file's line numbers, so both print the same.
fn write_file(buffer: &mut Buffer, config: &Config, report: &FileReport) -> io::Result<()> {
    let file = Shown {
        name: report.path.display().to_string(),
        source: &report.source,
    };
    let local = |r: TextRange| {
        let start = report.source.text_offset(r.start().to_usize());
        let end = report.source.text_offset(r.end().max(r.start()).to_usize());
        start..end
    };
    for d in &report.diagnostics {
        buffer.emit(config, &file, &to_codespan(d, (), local, |_| true))?;
    }
    Ok(())
}

/// A notebook: one codespan file per cell, with the byte offset its ranges
/// are shifted by.
fn write_cells(
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
    }
    Ok(())
}

/// A finding as codespan shows it, its ranges made local to `file`.
fn to_codespan<F: Copy>(
    d: &Diagnostic,
    file: F,
    local: impl Fn(TextRange) -> Range<usize>,
    shown: impl Fn(&SecondaryLabel) -> bool,
) -> CsDiagnostic<F> {
    let severity = if d.rule.code == "MEM000" {
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
}
