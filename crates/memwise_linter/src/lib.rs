//! The memwise engine: discovery, configuration, the parallel per-file
//! pipeline, noqa, and output formats. The binary and the tests drive it
//! through [`check`] and [`output`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memwise_core::{Diagnostic, FileSummary};
use notebook::Notebook;
use rayon::prelude::*;

pub mod baseline;
pub mod checker;
mod compile_check;
pub mod config;
pub mod discovery;
pub mod encoding;
mod excerpt;
pub mod fix;
pub mod noqa;
pub mod notebook;
pub mod output;
mod project;
pub mod selection;
pub mod source;
mod summarize;
mod write;

pub use config::{ConfigError, Overrides, Resolver, Settings};
pub use excerpt::ReportSource;
pub use fix::{FixCounts, FixMode};

/// Stack size of the worker threads. Walking and dropping a deeply nested
/// AST recurses once per level; the default 2 MiB overflows long before the
/// depth guard, while reserving this much costs only address space.
pub const WORKER_STACK_SIZE: usize = 512 * 1024 * 1024;

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Files and folders; empty means the current folder.
    pub paths: Vec<PathBuf>,
    /// What the command line changes in every configuration.
    pub overrides: Overrides,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// Check this source, read from standard input, as if it were this file.
    pub stdin: Option<(PathBuf, String)>,
    /// Whether to apply fixes, show them as a diff, or only report.
    pub fix: FixMode,
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

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

/// Locks `mutex`. A poisoned lock only means another thread panicked while
/// holding it; the caches and lists behind these locks are still good.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A file that could not be checked, or a configuration that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
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
    /// What each checked file left for whole-project rules.
    pub summaries: Vec<FileSummary>,
    /// The files fixes changed (or, with `--diff`, would change), sorted by path.
    pub fixes: Vec<FileFix>,
    /// For stdin with `--fix`: the fixed source, or the source unchanged.
    pub stdin_output: Option<String>,
    /// Notes that are neither findings nor errors (a notebook left unfixed).
    pub notes: Vec<String>,
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

/// Runs the check: discovers files, checks them in parallel on large-stack
/// threads, and returns the reports sorted by path.
pub fn check(options: &CheckOptions) -> Result<CheckResult, ConfigError> {
    checker::install_panic_hook();
    let resolver = Arc::new(Resolver::new(options.overrides.clone())?);
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    if let Some(threads) = options.threads {
        builder = builder.num_threads(threads);
    }
    let pool = builder.build().map_err(|e| ConfigError {
        path: "thread pool".to_owned(),
        message: e.to_string(),
    })?;
    let job = FixJob {
        mode: options.fix,
        unsafe_fixes: options.unsafe_fixes,
    };
    if let Some((path, source)) = &options.stdin {
        return Ok(pool.install(|| run_stdin(path, source, &resolver, job)));
    }
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    Ok(pool.install(|| run(&paths, &resolver, job)))
}

/// What to do about fixes in one run.
#[derive(Debug, Clone, Copy)]
struct FixJob {
    mode: FixMode,
    unsafe_fixes: bool,
}

/// Where a checked text came from, so that fixes can be written back.
#[derive(Debug, Clone, Copy)]
enum Origin {
    File,
    Stdin,
}

/// The files a check would look at, and the problems met finding them.
pub fn show_files(options: &CheckOptions) -> Result<(Vec<PathBuf>, Vec<RunError>), ConfigError> {
    let resolver = Arc::new(Resolver::new(options.overrides.clone())?);
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    Ok(discovery::discover(&paths, &resolver))
}

/// The settings that apply to the first path (or the current folder), as text.
pub fn show_settings(options: &CheckOptions) -> Result<String, ConfigError> {
    let resolver = Resolver::new(options.overrides.clone())?;
    let path = options
        .stdin
        .as_ref()
        .map(|(p, _)| p.clone())
        .or_else(|| options.paths.first().cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let settings = if path.is_dir() {
        resolver.settings_for_dir(&path)?
    } else {
        resolver.settings_for_file(&path)?
    };
    Ok(settings.describe(&path))
}

fn run_stdin(path: &Path, source: &str, resolver: &Resolver, job: FixJob) -> CheckResult {
    let mut result = CheckResult::default();
    if job.mode == FixMode::Apply {
        result.stdin_output = Some(source.to_owned());
    }
    match resolver.settings_for_file(path) {
        Ok(settings) => {
            match check_text(path, source.to_owned(), settings, job, Origin::Stdin, false) {
                Outcome::Report(report, summary, extras, settings, fingerprint) => {
                    result.files_checked = 1;
                    result.reports.extend(report.map(|r| *r));
                    let paths = [path.to_path_buf()];
                    let summaries = [summary];
                    let read = [fingerprint];
                    project_pass(
                        &mut result,
                        &paths,
                        &summaries,
                        &[settings],
                        &[true],
                        &read,
                        true,
                    );
                    result.summaries.extend(summaries);
                    if let Some(fix) = extras.fix {
                        if job.mode == FixMode::Apply {
                            result.stdin_output = Some(fix.fixed.clone());
                        }
                        result.fixes.push(fix);
                    }
                    result.notes.extend(extras.note);
                    result.errors.extend(extras.error);
                    result.warnings.extend(extras.warning);
                }
                Outcome::Error(error) => result.errors.push(error),
            }
        }
        Err(error) => result
            .errors
            .push(RunError::new(Path::new(&error.path), error.message)),
    }
    result
}

// Outcomes are collected once per file and consumed at once; boxing the
// larger variant would cost an allocation per file for nothing.
#[allow(clippy::large_enum_variant)]
enum Outcome {
    /// The report, the summary, what fixing produced, the file's settings,
    /// and the [`fingerprint`] of the text the summary was made from.
    Report(
        Option<Box<FileReport>>,
        FileSummary,
        Extras,
        Arc<Settings>,
        u64,
    ),
    Error(RunError),
}

/// What fixing a file produced besides its report.
#[derive(Debug, Default)]
struct Extras {
    fix: Option<FileFix>,
    note: Option<String>,
    error: Option<RunError>,
    warning: Option<RunError>,
}

fn run(paths: &[PathBuf], resolver: &Arc<Resolver>, job: FixJob) -> CheckResult {
    let (files, mut errors) = discovery::discover(paths, resolver);
    let index_only = project_root_files(paths, &files, resolver);
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|path| (path, false))
        .chain(index_only.par_iter().map(|path| (path, true)))
        .map(|(path, index_only)| check_path(path, resolver, job, index_only))
        .collect();
    let mut result = CheckResult::default();
    let mut checked_paths = Vec::new();
    let mut all_settings = Vec::new();
    let mut reported = Vec::new();
    let mut fingerprints = Vec::new();
    for (i, (outcome, path)) in outcomes
        .into_iter()
        .zip(files.iter().chain(&index_only))
        .enumerate()
    {
        let is_reported = i < files.len();
        match outcome {
            Outcome::Report(report, summary, extras, settings, fingerprint) => {
                if is_reported {
                    result.files_checked += 1;
                    result.reports.extend(report.map(|r| *r));
                    result.fixes.extend(extras.fix);
                    result.notes.extend(extras.note);
                    result.warnings.extend(extras.warning);
                    if let Some(error) = extras.error {
                        errors.push(error);
                    }
                }
                result.summaries.push(summary);
                checked_paths.push(path.clone());
                all_settings.push(settings);
                reported.push(is_reported);
                fingerprints.push(fingerprint);
            }
            Outcome::Error(error) => {
                // A file only indexed for the project is not the user's
                // concern in this run.
                if is_reported && !errors.contains(&error) {
                    errors.push(error);
                }
            }
        }
    }
    result.errors = errors;
    let summaries = std::mem::take(&mut result.summaries);
    project_pass(
        &mut result,
        &checked_paths,
        &summaries,
        &all_settings,
        &reported,
        &fingerprints,
        job.mode != FixMode::Off,
    );
    let mut summaries = summaries;
    if job.mode != FixMode::Off {
        // A fix can make another class eligible (a subclass, once its base
        // has `__slots__`): run the whole-project rules again on the fixed
        // summaries until nothing applies, so a second run fixes nothing.
        for _ in 0..MAX_PROJECT_FIX_ROUNDS {
            let applied = apply_project_fixes(
                &mut result,
                &checked_paths,
                &all_settings,
                &mut summaries,
                &mut fingerprints,
                job,
            );
            if applied == 0 || job.mode != FixMode::Apply {
                break;
            }
            strip_project_findings(&mut result);
            project_pass(
                &mut result,
                &checked_paths,
                &summaries,
                &all_settings,
                &reported,
                &fingerprints,
                true,
            );
        }
    }
    result.summaries = summaries;
    // A file that changed is met again by each later round.
    result
        .warnings
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    result.warnings.dedup();
    result
}

/// How many times whole-project fixes may enable further ones in one run.
const MAX_PROJECT_FIX_ROUNDS: usize = 10;

/// The codes of the whole-project rules.
fn project_codes() -> Vec<&'static str> {
    memwise_rules::registry::project_rules()
        .iter()
        .map(|rule| rule.meta().code)
        .collect()
}

/// Removes the whole-project findings from the reports, before the project
/// pass runs again.
fn strip_project_findings(result: &mut CheckResult) {
    let codes = project_codes();
    for report in &mut result.reports {
        let keep: Vec<bool> = report
            .diagnostics
            .iter()
            .map(|d| !codes.contains(&d.rule.code))
            .collect();
        report.retain_findings(&keep);
    }
    result
        .reports
        .retain(|report| !report.diagnostics.is_empty());
}

/// Applies the fixes of whole-project findings (MEM401, MEM402), which only
/// exist once every file is summarized, after the per-file fixes: one pass,
/// re-parsed, written atomically in the file's encoding (or only diffed);
/// the file's per-file findings are then checked again on the new text.
fn apply_project_fixes(
    result: &mut CheckResult,
    paths: &[PathBuf],
    settings: &[Arc<Settings>],
    summaries: &mut [FileSummary],
    fingerprints: &mut [u64],
    job: FixJob,
) -> usize {
    let project_codes = project_codes();
    let mut applied_total = 0;
    let mut index = 0;
    while index < result.reports.len() {
        let report = &result.reports[index];
        index += 1;
        let applicable: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| project_codes.contains(&d.rule.code))
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| fix::is_applicable(f, job.unsafe_fixes))
            })
            .cloned()
            .collect();
        if applicable.is_empty()
            || report.notebook.is_some()
            || fix::has_syntax_errors(&report.diagnostics)
        {
            continue;
        }
        let Some(position) = paths.iter().position(|p| *p == report.path) else {
            continue;
        };
        // A run that fixes keeps the whole text of every report.
        let Some(source) = report.source.full_text() else {
            continue;
        };
        let path = report.path.clone();
        let Some((fixed, counts)) = fix::apply_pass(source, &applicable, job.unsafe_fixes) else {
            continue;
        };
        let codes: Vec<&str> = counts.keys().copied().collect();
        let applied_here: usize = counts.values().sum();
        if let Some(error) = fix::breakage(source, &fixed) {
            result.errors.push(RunError::new(
                &path,
                format!(
                    "fixes of {} would break the file ({error}); left it untouched: this is a bug in memwise, please report it",
                    codes.join(", ")
                ),
            ));
            continue;
        }
        if job.mode == FixMode::Apply {
            match write::write_fixed(&path, source, &fixed) {
                Ok(()) => {}
                Err(write::WriteError::Changed) => {
                    result.warnings.push(changed_on_disk(&path));
                    continue;
                }
                Err(write::WriteError::Failed(reason)) => {
                    result.errors.push(RunError::new(
                        &path,
                        format!(
                            "could not write the fixes of {}, left the file untouched: {reason}",
                            codes.join(", ")
                        ),
                    ));
                    continue;
                }
            }
        }
        match result.fixes.iter_mut().find(|f| f.path == path) {
            Some(file_fix) => {
                file_fix.fixed.clone_from(&fixed);
                for (code, count) in &counts {
                    *file_fix.counts.entry(code).or_default() += count;
                }
            }
            None => result.fixes.push(FileFix {
                path: path.clone(),
                original: source.to_owned(),
                fixed: fixed.clone(),
                counts,
            }),
        }
        applied_total += applied_here;
        if job.mode == FixMode::Diff {
            continue;
        }
        // What remains: the per-file findings of the new text, and the
        // whole-project findings that had no fix to apply (their anchors
        // move past the inserted text).
        let edits: Vec<(usize, usize, usize)> = {
            let mut edits: Vec<_> = applicable
                .iter()
                .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
                .map(|e| {
                    (
                        e.range.start().to_usize(),
                        e.range.end().to_usize(),
                        e.content.len(),
                    )
                })
                .collect();
            edits.sort_unstable();
            edits.dedup();
            edits
        };
        let shift = |offset: ruff_text_size::TextSize| {
            let mut moved = offset.to_usize();
            for &(start, end, len) in &edits {
                if end <= offset.to_usize() {
                    moved = moved + len - (end - start);
                }
            }
            ruff_text_size::TextSize::try_from(moved).unwrap_or(offset)
        };
        let report = &result.reports[index - 1];
        let mut remaining: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| project_codes.contains(&d.rule.code))
            .filter(|d| {
                !applicable
                    .iter()
                    .any(|a| a.range == d.range && a.rule.code == d.rule.code)
            })
            .cloned()
            .map(|mut d| {
                d.range =
                    ruff_text_size::TextRange::new(shift(d.range.start()), shift(d.range.end()));
                d.fix = None;
                d
            })
            .collect();
        let mut checked = checker::check_source(&path, &fixed, &settings[position]);
        if let Some(summary) = summaries.get_mut(position) {
            *summary = std::mem::take(&mut checked.summary);
        }
        if let Some(read) = fingerprints.get_mut(position) {
            *read = fingerprint(&fixed);
        }
        let mut scopes = checked.scopes;
        scopes.extend(remaining.iter().map(|_| Box::<str>::default()));
        let mut diagnostics = checked.diagnostics;
        diagnostics.append(&mut remaining);
        let mut paired: Vec<(Diagnostic, Box<str>)> = diagnostics.into_iter().zip(scopes).collect();
        paired.sort_by_key(|(d, _)| (d.range.start(), d.rule.code, d.range.end()));
        let report = &mut result.reports[index - 1];
        (report.diagnostics, report.scopes) = paired.into_iter().unzip();
        report.source = ReportSource::full(fixed);
        if report.diagnostics.is_empty() {
            index -= 1;
            result.reports.remove(index);
        }
    }
    applied_total
}

/// The files under the project root (`--project-root`/`project-root`, as
/// the settings of the first checked path say) that were not given: they
/// are indexed for the whole-project rules, never reported.
fn project_root_files(
    paths: &[PathBuf],
    files: &[PathBuf],
    resolver: &Arc<Resolver>,
) -> Vec<PathBuf> {
    let first = paths
        .first()
        .map_or_else(|| PathBuf::from("."), Clone::clone);
    let settings = if first.is_dir() {
        resolver.settings_for_dir(&first)
    } else {
        resolver.settings_for_file(&first)
    };
    let Some(root) = settings.ok().and_then(|s| s.project_root.clone()) else {
        return Vec::new();
    };
    let given: std::collections::HashSet<discovery::FileId> =
        files.iter().filter_map(|f| discovery::file_id(f)).collect();
    let (all, _) = discovery::discover(&[root], resolver);
    all.into_iter()
        .filter(|f| discovery::file_id(f).is_none_or(|id| !given.contains(&id)))
        .collect()
}

/// Runs the whole-project rules over the summaries and adds their findings,
/// after selection, per-file-ignores and noqa, to the reports. A flagged
/// file whose report kept only an excerpt, or that has no report, is read
/// again for its comments and the lines its new findings show; a new report
/// keeps the whole text when `keep_text` (fixes will rewrite it).
fn project_pass(
    result: &mut CheckResult,
    paths: &[PathBuf],
    summaries: &[FileSummary],
    settings: &[Arc<Settings>],
    reported: &[bool],
    fingerprints: &[u64],
    keep_text: bool,
) {
    if !settings.iter().any(|s| s.summarize()) {
        return;
    }
    let entries: Vec<project::Entry<'_>> = paths
        .iter()
        .zip(summaries)
        .zip(settings)
        .zip(reported)
        .map(|(((path, summary), settings), reported)| project::Entry {
            path,
            summary,
            settings: &settings.rule_settings,
            reported: *reported,
        })
        .collect();
    let mut found = project::check_project(&entries);
    found.retain(|(file, d)| {
        settings[*file].rules.contains(d.rule.code)
            && !settings[*file]
                .ignored_for(&paths[*file])
                .contains(d.rule.code)
    });
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|(file, d)| (*file, d.range.start(), d.rule.code));
    let mut start = 0;
    while start < found.len() {
        let file = found[start].0;
        let end = found[start..]
            .iter()
            .position(|(f, _)| *f != file)
            .map_or(found.len(), |i| start + i);
        let diagnostics: Vec<Diagnostic> =
            found[start..end].iter().map(|(_, d)| d.clone()).collect();
        start = end;
        let path = &paths[file];
        let position = result.reports.iter().position(|r| &r.path == path);
        let kept = position.and_then(|i| result.reports[i].source.full_text().map(str::to_owned));
        let source = match kept {
            Some(text) => text,
            None => match std::fs::read(path)
                .map_err(|e| io_reason(&e))
                .and_then(encoding::decode)
            {
                // The findings' positions come from the summary: they hold
                // only in the text the summary was made from.
                Ok(text) if fingerprint(&text) == fingerprints[file] => text,
                Ok(_) => {
                    let warning = RunError::new(
                        path,
                        "changed on disk while memwise was checking it; its whole-project findings are left out",
                    );
                    if !result.warnings.contains(&warning) {
                        result.warnings.push(warning);
                    }
                    continue;
                }
                Err(reason) => {
                    result.errors.push(RunError::new(path, reason));
                    continue;
                }
            },
        };
        let diagnostics = checker::apply_noqa(&source, diagnostics);
        if diagnostics.is_empty() {
            continue;
        }
        let scopes = vec![Box::<str>::default(); diagnostics.len()];
        if let Some(i) = position {
            let report = &mut result.reports[i];
            report.diagnostics.extend(diagnostics);
            report.scopes.extend(scopes);
            let mut paired: Vec<(Diagnostic, Box<str>)> = report
                .diagnostics
                .drain(..)
                .zip(report.scopes.drain(..))
                .collect();
            paired.sort_by_key(|(d, _)| (d.range.start(), d.rule.code, d.range.end()));
            (report.diagnostics, report.scopes) = paired.into_iter().unzip();
            if report.source.full_text().is_none() {
                report.source = ReportSource::excerpt(&source, &report.diagnostics);
            }
        } else {
            let source = if keep_text {
                ReportSource::full(source)
            } else {
                ReportSource::excerpt(&source, &diagnostics)
            };
            result.reports.push(FileReport {
                path: path.clone(),
                source,
                diagnostics,
                scopes,
                notebook: None,
            });
        }
    }
    result.reports.sort_by(|a, b| a.path.cmp(&b.path));
}

fn check_path(path: &Path, resolver: &Resolver, job: FixJob, index_only: bool) -> Outcome {
    let settings = match resolver.settings_for_file(path) {
        Ok(settings) => settings,
        Err(error) => {
            return Outcome::Error(RunError::new(Path::new(&error.path), error.message));
        }
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::Error(RunError::new(path, io_reason(&error))),
    };
    let text = match encoding::decode(bytes) {
        Ok(text) => text,
        Err(reason) => return Outcome::Error(RunError::new(path, reason)),
    };
    check_text(path, text, settings, job, Origin::File, index_only)
}

fn is_notebook(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ipynb")
}

/// Checks a file's text: a notebook's code cells, or Python source; with
/// fixes on, fixes it first and reports what remains.
fn check_text(
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
            Err(message) => return Outcome::Error(RunError::new(path, message)),
        }
    } else {
        (text, None)
    };
    let checked = match checker::check_source_guarded(path, &source, &settings, index_only) {
        Ok(checked) => checked,
        Err(message) => return Outcome::Error(RunError::new(path, message)),
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
        apply_fixes(path, source, checked, &settings, job, origin)
    };
    let summary = std::mem::take(&mut checked.summary);
    // A notebook's summary positions are in its joined cells, but what is
    // read again for them is the file.
    let read = read_fingerprint.unwrap_or_else(|| fingerprint(&source));
    if checked.diagnostics.is_empty() {
        return Outcome::Report(None, summary, extras, settings, read);
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
    Outcome::Report(
        Some(Box::new(FileReport {
            path: path.to_path_buf(),
            source,
            diagnostics: checked.diagnostics,
            scopes: checked.scopes,
            notebook,
        })),
        summary,
        extras,
        settings,
        read,
    )
}

/// Fixes `source` and, with `--fix` on a file, writes it back. Any failure
/// leaves the file as it was and reports its original findings.
fn apply_fixes(
    path: &Path,
    source: String,
    checked: checker::Checked,
    settings: &Settings,
    job: FixJob,
    origin: Origin,
) -> (String, checker::Checked, Extras) {
    let fixable = checked.diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| fix::is_applicable(f, job.unsafe_fixes))
    });
    if !fixable || fix::has_syntax_errors(&checked.diagnostics) {
        return (source, checked, Extras::default());
    }
    let guarded = checker::catch(|| {
        fix::fix_source(path, &source, &checked, settings, job.unsafe_fixes)
    })
    .unwrap_or_else(|message| {
        Err(format!("memwise panicked while fixing ({message}); left the file untouched: this is a bug, please report it"))
    });
    let fixed = match guarded {
        Ok(fixed) => fixed,
        Err(message) => {
            let extras = Extras {
                error: Some(RunError::new(path, message)),
                ..Extras::default()
            };
            return (source, checked, extras);
        }
    };
    let Some(new_checked) = fixed.checked else {
        return (source, checked, Extras::default());
    };
    if job.mode == FixMode::Apply && matches!(origin, Origin::File) {
        let extras = match write::write_fixed(path, &source, &fixed.source) {
            Ok(()) => None,
            Err(write::WriteError::Changed) => Some(Extras {
                warning: Some(changed_on_disk(path)),
                ..Extras::default()
            }),
            Err(write::WriteError::Failed(reason)) => Some(Extras {
                error: Some(RunError::new(
                    path,
                    format!("could not write the fixes, left the file untouched: {reason}"),
                )),
                ..Extras::default()
            }),
        };
        if let Some(extras) = extras {
            return (source, checked, extras);
        }
    }
    let file_fix = FileFix {
        path: path.to_path_buf(),
        original: source,
        fixed: fixed.source.clone(),
        counts: fixed.counts,
    };
    // With `--diff` nothing is written: the findings stay those of the file.
    if job.mode == FixMode::Diff {
        let original = file_fix.original.clone();
        return (
            original,
            checked,
            Extras {
                fix: Some(file_fix),
                ..Extras::default()
            },
        );
    }
    (
        fixed.source,
        new_checked,
        Extras {
            fix: Some(file_fix),
            ..Extras::default()
        },
    )
}

/// The warning for a file whose fixes were not written because it changed
/// on disk after memwise read it.
fn changed_on_disk(path: &Path) -> RunError {
    RunError::new(
        path,
        "changed on disk since memwise read it; its fixes were not written",
    )
}

/// A fast 64-bit hash of a text, to tell whether a file read again is the
/// text read first (not against tampering: against a file edited meanwhile).
pub(crate) fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &byte in chunks.remainder() {
        hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    hash
}
