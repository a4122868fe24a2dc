//! Baselines: `--write-baseline FILE` records today's findings so a legacy
//! codebase can adopt memwise; `--baseline FILE` then reports only new ones,
//! and names the recorded ones that no longer occur so the file can shrink.
//! Entries match on file, code and a fingerprint of the flagged text and its
//! enclosing scope, never on line numbers, so unrelated edits keep them.
//! A run on some files (pre-commit passes the changed ones) judges and
//! rewrites only those files' entries: the others are neither stale nor
//! dropped.

use std::collections::{HashMap, HashSet};
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

/// `path` absolute and, where it exists, with symbolic links resolved: a
/// baseline made in a folder matches when the folder is reached through a
/// link, and the other way round.
fn resolved(cwd: &Path, path: &Path) -> PathBuf {
    let path = absolute(cwd, path);
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// Turns checked files into the baseline's `filename` keys.
struct Keys {
    cwd: PathBuf,
    folder: PathBuf,
}

impl Keys {
    fn new(baseline: &Path) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let file = absolute(&cwd, baseline);
        let folder = file
            .parent()
            .map_or_else(PathBuf::new, |folder| resolved(&cwd, folder));
        Self { cwd, folder }
    }

    /// The file relative to the baseline's folder, with `/` separators.
    fn key(&self, file: &Path) -> String {
        let file = resolved(&self.cwd, file);
        file.strip_prefix(&self.folder)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// The baseline of `reports`, to be written at `path`: the findings of the
/// `checked` files, and the entries of `previous` (the file as it was) for
/// every file this run did not check.
pub fn from_reports(
    path: &Path,
    reports: &[FileReport],
    checked: &[PathBuf],
    previous: Option<&Baseline>,
) -> Baseline {
    let keys = Keys::new(path);
    let checked: HashSet<String> = checked.iter().map(|file| keys.key(file)).collect();
    let mut findings: Vec<Entry> = previous
        .map(|previous| {
            previous
                .findings
                .iter()
                .filter(|entry| !checked.contains(&entry.filename))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for report in reports {
        let filename = keys.key(&report.path);
        for (d, fingerprint) in report.diagnostics.iter().zip(report.fingerprints()) {
            findings.push(Entry {
                filename: filename.clone(),
                code: d.rule.code.to_owned(),
                fingerprint,
                message: d.message.clone(),
            });
        }
    }
    // By file, each file's entries in the order found: a rewrite on a subset
    // changes only the lines of the files it checked.
    findings.sort_by(|a, b| a.filename.cmp(&b.filename));
    Baseline {
        version: VERSION,
        findings,
    }
}

/// Why a baseline file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Reading or writing the file failed.
    #[error("{}", crate::io_reason(.0))]
    Io(#[from] std::io::Error),
    /// The baseline could not be turned into JSON.
    #[error("{0}")]
    Serialize(#[source] serde_json::Error),
    /// The file is not JSON of a baseline.
    #[error("not a memwise baseline: {0}")]
    NotABaseline(#[source] serde_json::Error),
    /// A baseline of a format this memwise does not read.
    #[error("baseline version {0} is not supported (expected {VERSION})")]
    Version(u32),
}

/// Writes `baseline` as pretty JSON.
pub fn write(path: &Path, baseline: &Baseline) -> Result<(), BaselineError> {
    let mut text = serde_json::to_string_pretty(baseline).map_err(BaselineError::Serialize)?;
    text.push('\n');
    Ok(std::fs::write(path, text)?)
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let text = std::fs::read_to_string(path)?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(BaselineError::NotABaseline)?;
    if baseline.version != VERSION {
        return Err(BaselineError::Version(baseline.version));
    }
    Ok(baseline)
}

/// Drops the findings the baseline records and returns the entries of the
/// `checked` files that matched nothing (stale: fixed, or changed beyond
/// recognition). Entries of files this run did not check are not stale.
pub fn apply(
    path: &Path,
    baseline: &Baseline,
    reports: &mut Vec<FileReport>,
    checked: &[PathBuf],
) -> Vec<Entry> {
    let keys = Keys::new(path);
    let checked: HashSet<String> = checked.iter().map(|file| keys.key(file)).collect();
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
        let filename = keys.key(&report.path);
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
    for entry in baseline
        .findings
        .iter()
        .filter(|entry| checked.contains(&entry.filename))
    {
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
