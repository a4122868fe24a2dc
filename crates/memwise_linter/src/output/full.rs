//! The `full` format: codespan-reporting's view of the source with labels and
//! the help as a note. A notebook finding is shown against its own cell.

use std::collections::HashMap;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

use crate::FileReport;

enum Buffer {
    Ansi(termcolor::Ansi<Vec<u8>>),
    Plain(termcolor::NoColor<Vec<u8>>),
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    let config = Config::default();
    let mut buffer = if color {
        Buffer::Ansi(termcolor::Ansi::new(Vec::new()))
    } else {
        Buffer::Plain(termcolor::NoColor::new(Vec::new()))
    };
    for report in reports {
        let mut files = SimpleFiles::new();
        // One codespan file per source (or per notebook cell), with the byte
        // offset its ranges are shifted by.
        let mut file_ids: HashMap<usize, (usize, usize)> = HashMap::new();
        for d in &report.diagnostics {
            let start = d.range.start().to_usize();
            let (key, name, range) =
                match report.notebook.as_ref().and_then(|nb| nb.cell_range(start)) {
                    Some((cell, range)) => (
                        cell,
                        format!("{}:cell {cell}", report.path.display()),
                        range,
                    ),
                    None => (0, report.path.display().to_string(), 0..report.source.len()),
                };
            let &mut (file, shift) = file_ids.entry(key).or_insert_with(|| {
                let id = files.add(name, &report.source[range.clone()]);
                (id, range.start)
            });
            let local = |r: ruff_text_size::TextRange| {
                let s = r.start().to_usize().saturating_sub(shift);
                let e = r.end().to_usize().saturating_sub(shift);
                s..e.max(s)
            };
            let len = files
                .get(file)
                .map(|f| f.source().len())
                .unwrap_or_default();
            let clamp = |r: std::ops::Range<usize>| r.start.min(len)..r.end.min(len);
            let severity = if d.rule.code == "MEM000" {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut labels = vec![Label::primary(file, clamp(local(d.range)))];
            labels.extend(
                d.secondary
                    .iter()
                    .filter(|s| s.range.start().to_usize() >= shift)
                    .map(|s| {
                        Label::secondary(file, clamp(local(s.range))).with_message(&s.message)
                    }),
            );
            let mut rendered = CsDiagnostic::new(severity)
                .with_code(d.rule.code)
                .with_message(&d.message)
                .with_labels(labels);
            if let Some(help) = &d.help {
                rendered = rendered.with_note(format!("help: {help}"));
            }
            let result = match &mut buffer {
                Buffer::Ansi(w) => term::emit_to_write_style(w, &config, &files, &rendered),
                Buffer::Plain(w) => term::emit_to_write_style(w, &config, &files, &rendered),
            };
            result.map_err(io::Error::other)?;
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
