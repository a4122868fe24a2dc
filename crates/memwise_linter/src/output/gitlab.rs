//! The `gitlab` format: GitLab Code Quality JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut all: Vec<Value> = Vec::new();
    for report in reports {
        let fingerprints = report.fingerprints();
        for (d, fingerprint) in report.diagnostics.iter().zip(fingerprints) {
            let start = report.location(d.range.start());
            let end = report.location(d.range.end());
            let path = report.path.display().to_string().replace('\\', "/");
            all.push(json!({
                "description": format!("{}: {}", d.rule.code, d.message),
                "check_name": d.rule.code,
                // Fingerprints must differ between files; the file is mixed in here.
                "fingerprint": format!("{fingerprint}-{:016x}", super::fnv1a(path.as_bytes(), super::FNV_OFFSET)),
                "severity": if d.rule.severity == memwise_core::Severity::Error { "blocker" } else { "major" },
                "location": {
                    "path": path,
                    "lines": {"begin": start.row, "end": end.row},
                },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}
