//! Checking one file: read, decode, check, and (with fixes on) fix it.

use std::path::Path;
use std::sync::Arc;

use memwise_core::FileSummary;

use crate::cache::{self, Cache, Probe, Want};
use crate::config::{Resolver, Settings};
use crate::excerpt::ReportSource;
use crate::fix::{self, FixMode};
use crate::fixing::{self, FixJob};
use crate::noqa::NoqaWarning;
use crate::notebook::Notebook;
use crate::report::{FileFix, FileReport, RunError, io_reason};
use crate::{checker, encoding};

/// Where a checked text came from, so that fixes can be written back.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Origin {
    File,
    Stdin,
}

/// What checking one file gave.
// Outcomes are collected once per file and consumed at once; boxing the
// larger variant would cost an allocation per file for nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Outcome {
    Checked(CheckedFile),
    Error(RunError),
}

/// A file checked (and, with fixes on, fixed).
pub(crate) struct CheckedFile {
    /// Its findings, if any.
    pub report: Option<Box<FileReport>>,
    /// What fixing produced besides the report.
    pub extras: Extras,
    /// What it leaves for the whole-project rules (empty while
    /// `encoded_summary` holds it).
    pub summary: FileSummary,
    /// The summary as the cache keeps it, not yet decoded: a warm run whose
    /// whole-project result is kept never decodes it.
    pub encoded_summary: Option<cache::Encoded>,
    /// The hash of the encoded summary, when the cache knows it.
    pub summary_hash: Option<u64>,
    /// The settings that apply to it.
    pub settings: Arc<Settings>,
    /// The [`fingerprint`] of the text the summary was made from.
    pub fingerprint: u64,
    /// Memwise codes in its noqa comments that are unknown or suppress
    /// nothing; only in runs that change no file (a fix moves the lines).
    pub unused_noqa: Vec<NoqaWarning>,
}

/// What fixing a file produced besides its report.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    pub fix: Option<FileFix>,
    pub note: Option<String>,
    pub error: Option<RunError>,
    pub warning: Option<RunError>,
}

/// Checks the file at `path`, or serves it from `cache`; with `lazy`, a
/// summary served from the cache is left encoded (`encoded_summary`).
/// `metadata` is the file's `stat` if discovery made one (else the cache
/// makes it).
pub(crate) fn check_path(
    path: &Path,
    metadata: Option<std::fs::Metadata>,
    resolver: &Resolver,
    job: FixJob,
    index_only: bool,
    cache: Option<&Cache>,
    lazy: bool,
) -> Outcome {
    let settings = match resolver.settings_for_file(path) {
        Ok(settings) => settings,
        Err(error) => {
            return Outcome::Error(RunError::new(Path::new(&error.path), error.message));
        }
    };
    let want = if index_only {
        Want::Summary
    } else if job.mode == FixMode::Off {
        Want::Findings
    } else {
        Want::NoFindings
    };
    // Notebooks are rare and leave no summary: they are checked each time.
    // Entries are keyed by the path as text (a path that is not UTF-8 has
    // none).
    let cached = cache.filter(|_| !is_notebook(path)).and_then(|cache| {
        Some((
            cache,
            Cache::key(resolver.absolute(path), metadata, &settings)?,
        ))
    });
    let mut rehash = None;
    if let Some((cache, key)) = &cached {
        match cache.probe(key, want, lazy) {
            Probe::Hit(entry) => return Outcome::Checked(entry.into_checked(path, settings, want)),
            Probe::Rehash(content) => rehash = Some(content),
            Probe::Miss => {}
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::Error(RunError::new(path, io_reason(&error))),
    };
    let content = cached.as_ref().map(|_| cache::hash_bytes(&bytes));
    if let (Some((cache, key)), Some(expected)) = (&cached, rehash)
        && content == Some(expected)
        && let Some(entry) = cache.rehashed(key, want, lazy)
    {
        return Outcome::Checked(entry.into_checked(path, settings, want));
    }
    let text = match encoding::decode(bytes) {
        Ok(text) => text,
        Err(reason) => return Outcome::Error(RunError::new(path, reason.to_string())),
    };
    let mut outcome = check_text(path, text, settings, job, Origin::File, index_only);
    // A run that fixes stores nothing it checked: its findings' text moves.
    if let (Some((cache, key)), Some(content), Outcome::Checked(file)) =
        (cached, content, &mut outcome)
        && (index_only || job.mode == FixMode::Off)
    {
        file.summary_hash = cache.store(key, content, file, index_only);
    }
    outcome
}

fn is_notebook(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ipynb")
}

/// Checks a file's text: a notebook's code cells, or Python source; with
/// fixes on, fixes it first and reports what remains.
pub(crate) fn check_text(
    path: &Path,
    text: String,
    settings: Arc<Settings>,
    job: FixJob,
    origin: Origin,
    index_only: bool,
) -> Outcome {
    let read_fingerprint = is_notebook(path).then(|| fingerprint(&text));
    let (source, notebook) = if is_notebook(path) {
        match Notebook::parse(&text) {
            Ok(mut notebook) => (std::mem::take(&mut notebook.source), Some(notebook)),
            Err(error) => return Outcome::Error(RunError::new(path, error.to_string())),
        }
    } else {
        (text, None)
    };
    let checked = match checker::check_source_guarded(path, &source, &settings, index_only) {
        Ok(checked) => checked,
        Err(panic) => return Outcome::Error(RunError::new(path, panic.to_string())),
    };
    // A file indexed only for the whole-project rules is never fixed.
    let (source, mut checked, extras) = if job.mode == FixMode::Off || index_only {
        (source, checked, Extras::default())
    } else if notebook.is_some() {
        let fixable = checked.diagnostics.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| fix::is_applicable(f, job.unsafe_fixes))
        });
        let note = fixable.then(|| {
            format!(
                "{}: notebooks are not fixed; their findings are reported as they are",
                path.display()
            )
        });
        (
            source,
            checked,
            Extras {
                note,
                ..Extras::default()
            },
        )
    } else {
        fixing::apply_fixes(path, source, checked, &settings, job, origin)
    };
    let summary = std::mem::take(&mut checked.summary);
    let unused_noqa = if job.mode == FixMode::Off {
        std::mem::take(&mut checked.unused_noqa)
            .into_iter()
            .map(|mut unused| {
                if let Some(notebook) = &notebook {
                    let (cell, row) = notebook.cell_row(unused.row);
                    (unused.cell, unused.row) = (Some(cell), row);
                }
                NoqaWarning {
                    path: path.to_path_buf(),
                    unused,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    // A notebook's summary positions are in its joined cells, but what is
    // read again for them is the file.
    let read = read_fingerprint.unwrap_or_else(|| fingerprint(&source));
    let mut file = CheckedFile {
        report: None,
        extras,
        summary,
        encoded_summary: None,
        summary_hash: None,
        settings,
        fingerprint: read,
        unused_noqa,
    };
    if checked.diagnostics.is_empty() {
        return Outcome::Checked(file);
    }
    // Fixes rewrite the text later (whole-project ones, after every file is
    // checked); stdin and notebooks are single and rare. Any other report
    // keeps only what its findings show, or memory grows with the corpus.
    let source =
        if job.mode != FixMode::Off || matches!(origin, Origin::Stdin) || notebook.is_some() {
            ReportSource::full(source)
        } else {
            ReportSource::excerpt(&source, &checked.diagnostics)
        };
    file.report = Some(Box::new(FileReport {
        path: path.to_path_buf(),
        source,
        diagnostics: checked.diagnostics,
        scopes: checked.scopes,
        notebook,
    }));
    Outcome::Checked(file)
}

/// A hash of a text, to tell whether a file read again is the text read
/// first (not against tampering: against a file edited meanwhile).
pub(crate) fn fingerprint(text: &str) -> u64 {
    crate::cache::hash_bytes(text.as_bytes())
}
