//! Fix rounds: the per-file fixes of a file as it is checked, and the
//! whole-project fixes after the project pass, each written back only over
//! the text it was computed from.

use std::path::Path;

use memwise_core::Diagnostic;

use crate::config::Settings;
use crate::excerpt::ReportSource;
use crate::fix::{self, FixMode};
use crate::per_file::{Extras, Origin, fingerprint};
use crate::project_pass::{ProjectFile, project_pass};
use crate::report::{CheckResult, FileFix, RunError};
use crate::{checker, write};

/// What to do about fixes in one run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FixJob {
    pub mode: FixMode,
    pub unsafe_fixes: bool,
}

/// Fixes `source` and, with `--fix` on a file, writes it back. Any failure
/// leaves the file as it was and reports its original findings.
pub(crate) fn apply_fixes(
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
    let guarded =
        checker::catch(|| fix::fix_source(path, &source, &checked, settings, job.unsafe_fixes))
            .unwrap_or_else(|panic| Err(fix::FixError::Panicked(panic.message)));
    let fixed = match guarded {
        Ok(fixed) => fixed,
        Err(error) => {
            let extras = Extras {
                error: Some(RunError::new(path, error.to_string())),
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
    // `--diff` goes on exactly as `--fix` does, on the fixed text, so that
    // the whole-project fixes and their rounds see what `--fix` would have
    // written: the diff is what `--fix` does, only nothing is written.
    let file_fix = FileFix {
        path: path.to_path_buf(),
        original: source,
        fixed: fixed.source.clone(),
        counts: fixed.counts,
    };
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

/// How many times whole-project fixes may enable further ones in one run.
const MAX_PROJECT_FIX_ROUNDS: usize = 10;

/// Applies the whole-project fixes after the first project pass. A fix can
/// make another class eligible (a subclass, once its base has
/// `__slots__`): the whole-project rules run again on the fixed summaries
/// until nothing applies, so a second run fixes nothing.
pub(crate) fn project_fix_rounds(result: &mut CheckResult, files: &mut [ProjectFile], job: FixJob) {
    for _ in 0..MAX_PROJECT_FIX_ROUNDS {
        let applied = apply_project_fixes(result, files, job);
        if applied == 0 {
            break;
        }
        strip_project_findings(result);
        project_pass(result, files, true);
    }
}

/// For a buffer read from stdin: applies the fixes of its whole-project
/// findings to the text that goes to stdout (never to a file), as
/// [`project_fix_rounds`] does for files, so `--fix` gives the same text
/// whether a file is read from disk or from stdin. Returns whether some
/// applicable fix overlapped another and was left for another round
/// (`stdin::run_stdin` checks the fixed text again).
pub(crate) fn stdin_project_fixes(result: &mut CheckResult, path: &Path, job: FixJob) -> bool {
    let codes = project_codes();
    let Some(position) = result.reports.iter().position(|r| r.path == path) else {
        return false;
    };
    let report = &result.reports[position];
    let keep: Vec<bool> = report
        .diagnostics
        .iter()
        .map(|d| {
            !codes.contains(&d.rule.code)
                || !d
                    .fix
                    .as_ref()
                    .is_some_and(|f| fix::is_applicable(f, job.unsafe_fixes))
        })
        .collect();
    let applicable: Vec<Diagnostic> = report
        .diagnostics
        .iter()
        .zip(&keep)
        .filter(|(_, keep)| !**keep)
        .map(|(d, _)| d.clone())
        .collect();
    if applicable.is_empty()
        || report.notebook.is_some()
        || fix::has_syntax_errors(&report.diagnostics)
    {
        return false;
    }
    let Some(source) = report.source.full_text() else {
        return false;
    };
    let Some((fixed, counts)) = fix::apply_pass(source, &applicable, job.unsafe_fixes) else {
        return false;
    };
    let left = counts.values().sum::<usize>() < applicable.len();
    if let Some(error) = fix::breakage(source, &fixed) {
        let codes: Vec<&str> = counts.keys().copied().collect();
        result.errors.push(RunError::new(
            path,
            format!(
                "fixes of {} would break the file ({error}); left it untouched: this is a bug in memwise, please report it",
                codes.join(", ")
            ),
        ));
        return false;
    }
    let original = source.to_owned();
    result.reports[position].retain_findings(&keep);
    if job.mode == FixMode::Apply {
        result.stdin_output = Some(fixed.clone());
    }
    match result.fixes.iter_mut().find(|f| f.path == path) {
        Some(file_fix) => {
            file_fix.fixed = fixed;
            for (code, count) in &counts {
                *file_fix.counts.entry(code).or_default() += count;
            }
        }
        None => result.fixes.push(FileFix {
            path: path.to_path_buf(),
            original,
            fixed,
            counts,
        }),
    }
    result.reports.retain(|r| !r.diagnostics.is_empty());
    left
}

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
fn apply_project_fixes(result: &mut CheckResult, files: &mut [ProjectFile], job: FixJob) -> usize {
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
        let Some(position) = files.iter().position(|f| f.path == report.path) else {
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
        let file = &mut files[position];
        let mut checked = checker::check_source(&path, &fixed, &file.settings);
        file.summary = std::mem::take(&mut checked.summary);
        file.fingerprint = fingerprint(&fixed);
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
