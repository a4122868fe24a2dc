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

/// `--statistics --output-format json`: ruff's fields, one object per rule
/// with findings, most first.
pub fn write_statistics(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut rows: Vec<(&str, &str, usize, usize)> = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let fixable = usize::from(d.fix.is_some() && report.notebook.is_none());
            match rows.iter_mut().find(|row| row.0 == d.rule.code) {
                Some(row) => {
                    row.2 += 1;
                    row.3 += fixable;
                }
                None => rows.push((d.rule.code, d.rule.name, 1, fixable)),
            }
        }
    }
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let all: Vec<Value> = rows
        .into_iter()
        .map(|(code, name, count, fixable)| {
            json!({
                "code": code,
                "name": name,
                "count": count,
                "fixable": fixable > 0,
                "fixable_count": fixable,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

/// One finding as a ruff-compatible JSON object: ruff's fields (`cell` is
/// set for notebooks, `filename` is absolute), plus `help` and `severity`.
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
    // Absolute, as ruff writes it: tools that read the output run from
    // folders of their own.
    // Stdin without a name is `-`, as in ruff.
    let filename = if report.path.as_os_str() == "-" {
        report.path.clone()
    } else {
        std::env::current_dir().map_or_else(
            |_| report.path.clone(),
            |cwd| crate::config::absolute(&cwd, &report.path),
        )
    };
    json!({
        "cell": start.cell,
        "code": d.rule.code,
        "end_location": {"row": end.row, "column": end.column},
        "filename": filename.display().to_string(),
        "fix": fix,
        "help": d.help,
        "location": {"row": start.row, "column": start.column},
        "message": d.message,
        "name": d.rule.name,
        // A `# noqa` comment suppresses a finding on the line it starts on.
        "noqa_row": start.row,
        // As the `full` format labels it: a syntax error is an error.
        "severity": d.rule.severity.as_str(),
        "url": d.rule.url(),
    })
}
