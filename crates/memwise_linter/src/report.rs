//! What a run hands back: the findings of each file, what fixing did, and
//! the problems met on the way.

use std::path::{Path, PathBuf};

use memwise_core::{Diagnostic, FileSummary};

use crate::excerpt::ReportSource;
use crate::fix::FixCounts;
use crate::notebook::Notebook;

/// What fixing did to one file.
#[derive(Debug)]
pub struct FileFix {
    /// The file.
    pub path: PathBuf,
    /// Its text before.
    pub original: String,
    /// Its text after (for stdin, what goes to stdout).
    pub fixed: String,
    /// Fixes applied, by rule code.
    pub counts: FixCounts,
}

/// The findings of one file, with what is needed to show them.
#[derive(Debug)]
pub struct FileReport {
    /// The path as it was walked.
    pub path: PathBuf,
    /// The file's text while fixes need it, otherwise the lines the
    /// findings show.
    pub source: ReportSource,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The enclosing `class`/`def` path of each finding.
    pub scopes: Vec<Box<str>>,
    /// For a notebook, how the joined cells map back to cells.
    pub notebook: Option<Notebook>,
}

impl FileReport {
    /// Keeps the findings whose flag in `keep` is set (a missing flag
    /// keeps), with their scopes, which must stay aligned with them.
    pub fn retain_findings(&mut self, keep: &[bool]) {
        let mut flags = keep.iter();
        self.diagnostics.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        self.scopes.retain(|_| *flags.next().unwrap_or(&true));
    }
}

/// A file that could not be checked, or a configuration that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct RunError {
    /// The file or configuration the problem is about.
    pub path: PathBuf,
    /// The reason, on one line.
    pub message: String,
}

impl RunError {
    /// A problem with `path`.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct CheckResult {
    /// Files with findings, sorted by path.
    pub reports: Vec<FileReport>,
    /// Files or configurations that could not be read; the run exits 2.
    pub errors: Vec<RunError>,
    /// How many files were checked.
    pub files_checked: usize,
    /// The files checked and reported on, as given or walked (a baseline
    /// judges only their entries).
    pub checked: Vec<PathBuf>,
    /// What each checked file left for whole-project rules; empty after a
    /// run with a cache whose whole-project result was kept (the summaries
    /// of unchanged files are then never decoded). In a run without a cache
    /// that fixes nothing, each summary's `imported_calls` are left empty
    /// when no reported file has a deferred finding (nothing reads them).
    pub summaries: Vec<FileSummary>,
    /// The files fixes changed (or, with `--diff`, would change), sorted by path.
    pub fixes: Vec<FileFix>,
    /// For stdin with `--fix`: the fixed source, or the source unchanged.
    pub stdin_output: Option<String>,
    /// Notes that are neither findings nor errors (a notebook left unfixed).
    pub notes: Vec<String>,
    /// Memwise codes in noqa comments that are unknown or suppress nothing,
    /// by path and row (`warn-unused-noqa`; not in runs that fix).
    pub unused_noqa: Vec<crate::noqa::NoqaWarning>,
    /// Files left unfixed for a reason that is not a failure (the file
    /// changed on disk after memwise read it); their findings stay reported.
    pub warnings: Vec<RunError>,
}

impl CheckResult {
    /// The number of findings.
    pub fn diagnostic_count(&self) -> usize {
        self.reports.iter().map(|r| r.diagnostics.len()).sum()
    }

    /// Fixes applied (or, with `--diff`, that would be), by rule code.
    pub fn fixed_counts(&self) -> FixCounts {
        let mut total = FixCounts::new();
        for fix in &self.fixes {
            for (code, count) in &fix.counts {
                *total.entry(code).or_default() += count;
            }
        }
        total
    }

    /// Remaining findings whose fix needs `--unsafe-fixes`.
    pub fn unsafe_fixable_count(&self) -> usize {
        self.reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == memwise_core::Applicability::Unsafe)
            })
            .count()
    }
}

/// An I/O error's reason without the "(os error N)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
