//! The `json` and `json-lines` formats, with ruff's field names.

use std::io::{self, Write};

use memwise_core::Diagnostic;
use serde_json::{Value, json};

use crate::FileReport;

pub(super) fn write_array(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let all: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| json_value(r, d)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

pub(super) fn write_lines(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            serde_json::to_writer(&mut *out, &json_value(report, diagnostic))
                .map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// One finding as a ruff-compatible JSON object (`cell` is set for notebooks).
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
        "cell": start.cell,
        "location": {"row": start.row, "column": start.column},
        "end_location": {"row": end.row, "column": end.column},
        "fix": fix,
        "url": d.rule.url(),
    })
}
