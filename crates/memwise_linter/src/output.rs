//! Rendering findings: `full` (codespan-reporting), `concise`, `json`,
//! `json-lines`, and `--statistics`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use memwise_core::Diagnostic;
use ruff_text_size::TextSize;
use serde_json::{Value, json};

use crate::FileReport;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// The source line with labels and the help as a note.
    #[default]
    Full,
    /// `path:row:col: CODE message`.
    Concise,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    JsonLines,
}

/// A 1-based row and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub row: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl FileReport {
    /// The row and column of a byte offset.
    pub fn location(&self, offset: TextSize) -> Location {
        let lc = self.lines.line_column(offset, &self.source);
        Location {
            row: lc.line.get(),
            column: lc.column.get(),
        }
    }
}

/// Writes every finding of `reports` in `format`.
pub fn write_diagnostics(
    out: &mut dyn Write,
    format: OutputFormat,
    reports: &[FileReport],
    color: bool,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => write_full(out, reports, color),
        OutputFormat::Concise => write_concise(out, reports),
        OutputFormat::Json => {
            let all: Vec<Value> = reports
                .iter()
                .flat_map(|r| r.diagnostics.iter().map(move |d| json_value(r, d)))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
            writeln!(out)
        }
        OutputFormat::JsonLines => {
            for report in reports {
                for diagnostic in &report.diagnostics {
                    serde_json::to_writer(&mut *out, &json_value(report, diagnostic))
                        .map_err(io::Error::other)?;
                    writeln!(out)?;
                }
            }
            Ok(())
        }
    }
}

fn write_concise(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let start = report.location(d.range.start());
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                report.path.display(),
                start.row,
                start.column,
                d.rule.code,
                d.message
            )?;
        }
    }
    Ok(())
}

fn write_full(out: &mut dyn Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    let config = Config::default();
    let mut files = SimpleFiles::new();
    let mut buffer = if color {
        Buffer::Ansi(termcolor::Ansi::new(Vec::new()))
    } else {
        Buffer::Plain(termcolor::NoColor::new(Vec::new()))
    };
    for report in reports {
        let file = files.add(report.path.display().to_string(), report.source.as_str());
        for d in &report.diagnostics {
            let severity = if d.rule.code == "MEM000" {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut labels = vec![Label::primary(file, d.range.to_std_range())];
            labels.extend(
                d.secondary.iter().map(|s| {
                    Label::secondary(file, s.range.to_std_range()).with_message(&s.message)
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

enum Buffer {
    Ansi(termcolor::Ansi<Vec<u8>>),
    Plain(termcolor::NoColor<Vec<u8>>),
}

/// One finding as a ruff-compatible JSON object.
pub fn json_value(report: &FileReport, d: &Diagnostic) -> Value {
    let start = report.location(d.range.start());
    let end = report.location(d.range.end());
    let fix = d.fix.as_ref().map(|fix| {
        json!({
            "applicability": fix.applicability.as_str(),
            "message": fix.message,
            "edits": fix.edits.iter().map(|edit| {
                let s = report.location(edit.range.start());
                let e = report.location(edit.range.end());
                json!({
                    "content": edit.content,
                    "location": {"row": s.row, "column": s.column},
                    "end_location": {"row": e.row, "column": e.column},
                })
            }).collect::<Vec<_>>(),
        })
    });
    json!({
        "code": d.rule.code,
        "name": d.rule.name,
        "message": d.message,
        "help": d.help,
        "filename": report.path.display().to_string(),
        "location": {"row": start.row, "column": start.column},
        "end_location": {"row": end.row, "column": end.column},
        "fix": fix,
        "url": d.rule.url(),
    })
}

/// Writes how many findings each rule has, most first.
pub fn write_statistics(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        counts.entry(d.rule.code).or_insert((0, d.rule.name)).0 += 1;
    }
    let mut rows: Vec<(&str, usize, &str)> = counts
        .into_iter()
        .map(|(code, (count, name))| (code, count, name))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (code, count, name) in rows {
        writeln!(out, "{count:>5}\t{code}\t{name}")?;
    }
    Ok(())
}
