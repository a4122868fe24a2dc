//! Baselines: `--write-baseline FILE` records today's findings so a legacy
//! codebase can adopt memwise; `--baseline FILE` then reports only new ones,
//! and names the recorded ones that no longer occur so the file can shrink.
//! Entries match on file, code and a fingerprint of the flagged text and its
//! enclosing scope, never on line numbers, so unrelated edits keep them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::FileReport;
use crate::config::absolute;

/// The baseline file's format version.
const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format version.
    pub version: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline's folder, with `/` separators.
    pub filename: String,
    /// The rule code.
    pub code: String,
    /// The fingerprint (see `FileReport::fingerprints`).
    pub fingerprint: String,
    /// The message when recorded, for people reading the file.
    #[serde(default)]
    pub message: String,
}

fn key_path(baseline: &Path, file: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let folder = absolute(&cwd, baseline)
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf);
    let file = absolute(&cwd, file);
    file.strip_prefix(&folder)
        .unwrap_or(&file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The baseline of `reports`, to be written at `path`.
pub fn from_reports(path: &Path, reports: &[FileReport]) -> Baseline {
    let mut findings = Vec::new();
    for report in reports {
        let filename = key_path(path, &report.path);
        for (d, fingerprint) in report.diagnostics.iter().zip(report.fingerprints()) {
            findings.push(Entry {
                filename: filename.clone(),
                code: d.rule.code.to_owned(),
                fingerprint,
                message: d.message.clone(),
            });
        }
    }
    Baseline {
        version: VERSION,
        findings,
    }
}

/// Writes `baseline` as pretty JSON.
pub fn write(path: &Path, baseline: &Baseline) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(baseline).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| crate::io_reason(&e))
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::io_reason(&e))?;
    let baseline: Baseline =
        serde_json::from_str(&text).map_err(|e| format!("not a memwise baseline: {e}"))?;
    if baseline.version != VERSION {
        return Err(format!(
            "baseline version {} is not supported (expected {VERSION})",
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Drops the findings the baseline records and returns the entries that
/// matched nothing (stale: fixed, or changed beyond recognition).
pub fn apply(path: &Path, baseline: &Baseline, reports: &mut Vec<FileReport>) -> Vec<Entry> {
    let key = |filename: &str, code: &str, fingerprint: &str| {
        (filename.to_owned(), code.to_owned(), fingerprint.to_owned())
    };
    let mut remaining: HashMap<(String, String, String), usize> = HashMap::new();
    for entry in &baseline.findings {
        *remaining
            .entry(key(&entry.filename, &entry.code, &entry.fingerprint))
            .or_default() += 1;
    }
    for report in reports.iter_mut() {
        let filename = key_path(path, &report.path);
        let fingerprints = report.fingerprints();
        let mut keep = Vec::with_capacity(fingerprints.len());
        for (d, fingerprint) in report.diagnostics.iter().zip(&fingerprints) {
            let known = remaining
                .get_mut(&key(&filename, d.rule.code, fingerprint))
                .filter(|count| **count > 0);
            match known {
                Some(count) => {
                    *count -= 1;
                    keep.push(false);
                }
                None => keep.push(true),
            }
        }
        report.retain_findings(&keep);
    }
    reports.retain(|report| !report.diagnostics.is_empty());
    let mut stale = Vec::new();
    for entry in &baseline.findings {
        if let Some(count) =
            remaining.get_mut(&key(&entry.filename, &entry.code, &entry.fingerprint))
            && *count > 0
        {
            *count -= 1;
            stale.push(entry.clone());
        }
    }
    stale
}
