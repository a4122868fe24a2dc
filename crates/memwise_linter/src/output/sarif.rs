//! The `sarif` format: SARIF 2.1.0, as GitHub code scanning and other CI
//! dashboards read it, with every rule's metadata, help and fixes.

use std::io::{self, Write};

use memwise_core::Diagnostic;
use serde_json::{Value, json};

use crate::FileReport;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let rules = memwise_rules::rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let summary = meta
                .doc_section("What it does")
                .unwrap_or(meta.name)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let why = meta
                .doc_section("Why is this bad?")
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            json!({
                "id": meta.code,
                "name": meta.name,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": why},
                "help": {
                    "text": summary,
                    "markdown": memwise_rules::registry::rule_page(*rule),
                },
                "helpUri": meta.url(),
                "defaultConfiguration": {
                    "enabled": !meta.opt_in,
                    "level": meta.severity.as_str(),
                },
                "properties": {"fix": meta.fix.as_str()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            results.push(result(report, d, rules));
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "memwise",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/memwise/memwise",
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn uri(report: &FileReport) -> String {
    report.path.display().to_string().replace('\\', "/")
}

/// A SARIF region. Notebook rows are rows of the joined cells; the cell is
/// named in the message instead, since SARIF has no notion of cells.
fn region(report: &FileReport, range: ruff_text_size::TextRange) -> Value {
    let start = report.source.line_column(range.start());
    let end = report.source.line_column(range.end());
    json!({
        "startLine": start.line.get(),
        "startColumn": start.column.get(),
        "endLine": end.line.get(),
        "endColumn": end.column.get(),
    })
}

fn result(report: &FileReport, d: &Diagnostic, rules: &[&dyn memwise_core::Rule]) -> Value {
    let index = rules
        .iter()
        .position(|rule| rule.meta().code == d.rule.code)
        .unwrap_or_default();
    let mut text = d.message.clone();
    if let Some(cell) = report.location(d.range.start()).cell {
        text = format!("cell {cell}: {text}");
    }
    if let Some(help) = &d.help {
        text = format!("{text}\nhelp: {help}");
    }
    let artifact = json!({"uri": uri(report)});
    let mut value = json!({
        "ruleId": d.rule.code,
        "ruleIndex": index,
        "level": d.rule.severity.as_str(),
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": region(report, d.range),
        }}],
    });
    if !d.secondary.is_empty() {
        value["relatedLocations"] = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, label)| {
                json!({
                    "id": i,
                    "message": {"text": label.message},
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(report)},
                        "region": region(report, label.range),
                    },
                })
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        value["fixes"] = json!([{
            "description": {"text": format!("{} ({})", fix.message, fix.applicability.as_str())},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(report)},
                "replacements": fix.edits.iter().map(|edit| json!({
                    "deletedRegion": region(report, edit.range),
                    "insertedContent": {"text": edit.content},
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    value
}
