//! A source read from standard input, checked as the file it names, with
//! the rest of the project (none, the files under the project root, or the
//! language server's kept index) standing around it for the whole-project
//! rules. `memwise check --stdin-filename` and the server's checks share it.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::fixing::{self, FixJob};
use crate::per_file::{self, Origin, Outcome};
use crate::project_index::ProjectIndex;
use crate::project_pass::{self, PassFile, ProjectFile, project_pass_indexed, project_pass_on};
use crate::{CheckResult, FileReport, FixMode, ReportSource, Resolver, RunError};

/// What the whole-project rules see besides a source read from stdin.
#[derive(Clone, Copy)]
pub(crate) enum StdinProject<'a> {
    /// The source alone.
    Alone,
    /// The files under the configured project root, read now (as `memwise
    /// check --stdin-filename` does).
    Root(&'a Arc<Resolver>),
    /// A kept index (the language server's); its entry for the source's
    /// path, if any, is left out: the source stands for it.
    Index(&'a ProjectIndex),
}

/// How many times whole-project fixes of a source from stdin may be looked
/// for again on the fixed text.
const MAX_STDIN_FIX_ROUNDS: usize = 10;

/// Checks one source read from stdin as the file `path`, with the rest of
/// the project that `project` gives for the whole-project rules.
pub(crate) fn run_stdin(
    path: &Path,
    source: &str,
    resolver: &Resolver,
    job: FixJob,
    project: StdinProject<'_>,
    cache: Option<&Cache>,
) -> CheckResult {
    let (mut result, mut left) = run_stdin_once(path, source, resolver, job, project, cache);
    // One pass applies the whole-project fixes that do not overlap (two
    // defaults of one `def` each insert at the top of its body): the rest
    // are found again on the fixed text, as `project_fix_rounds` does for
    // files, so that stdin and a file get the same text.
    for _ in 0..MAX_STDIN_FIX_ROUNDS {
        if !left {
            break;
        }
        let Some(at) = result.fixes.iter().position(|f| f.path == path) else {
            break;
        };
        let done = result.fixes.swap_remove(at);
        let (mut again, more) = run_stdin_once(path, &done.fixed, resolver, job, project, cache);
        if let Some(fix) = again.fixes.iter_mut().find(|f| f.path == path) {
            fix.original = done.original;
            for (code, count) in done.counts {
                *fix.counts.entry(code).or_default() += count;
            }
        } else {
            if job.mode == FixMode::Apply {
                again.stdin_output = Some(done.fixed.clone());
            }
            again.fixes.push(done);
        }
        (result, left) = (again, more);
    }
    result
}

/// [`run_stdin`] once: the result, and whether whole-project fixes were
/// left out of the pass for overlapping another.
fn run_stdin_once(
    path: &Path,
    source: &str,
    resolver: &Resolver,
    job: FixJob,
    project: StdinProject<'_>,
    cache: Option<&Cache>,
) -> (CheckResult, bool) {
    let mut left = false;
    let mut result = CheckResult::default();
    if job.mode == FixMode::Apply {
        result.stdin_output = Some(source.to_owned());
    }
    match resolver.settings_for_file(path) {
        // An editor names every buffer: under `--force-exclude` an excluded
        // one is not checked (and with `--fix`, is echoed unchanged).
        Ok(settings) if settings.force_exclude && settings.is_force_excluded(path) => {}
        Ok(settings) => {
            match per_file::check_text(path, source.to_owned(), settings, job, Origin::Stdin, false)
            {
                Outcome::Checked(file) => {
                    let extras = file.extras;
                    result.unused_noqa = file.unused_noqa;
                    result.files_checked = 1;
                    result.checked.push(path.to_path_buf());
                    // The buffer's report holds its text, so the project
                    // pass reads noqa comments from the buffer, not the disk.
                    result.reports.push(file.report.map_or_else(
                        || FileReport {
                            path: path.to_path_buf(),
                            source: ReportSource::full(source.to_owned()),
                            diagnostics: Vec::new(),
                            scopes: Vec::new(),
                            notebook: None,
                        },
                        |r| *r,
                    ));
                    let mut files = vec![ProjectFile {
                        path: path.to_path_buf(),
                        summary: file.summary,
                        settings: file.settings,
                        reported: true,
                        fingerprint: file.fingerprint,
                    }];
                    // With a project root, the rest of the project is indexed
                    // (never reported), so an editor shows the whole-project
                    // findings of the buffer as a full run would. The file on
                    // disk is left out: the buffer stands for it.
                    let given = [path.to_path_buf()];
                    let (others, root_error) = match project {
                        StdinProject::Root(resolver) => project_pass::project_root_files(
                            &given,
                            &[(path.to_path_buf(), None)],
                            resolver,
                            cache,
                        ),
                        StdinProject::Alone | StdinProject::Index(_) => (Vec::new(), None),
                    };
                    result.errors.extend(root_error);
                    let index_job = FixJob {
                        mode: FixMode::Off,
                        ..job
                    };
                    let indexed: Vec<Outcome> = others
                        .par_iter()
                        .map(|(other, metadata)| {
                            per_file::check_path(
                                other,
                                metadata.clone(),
                                resolver,
                                index_job,
                                true,
                                cache,
                                false,
                            )
                        })
                        .collect();
                    for ((other, _), outcome) in others.into_iter().zip(indexed) {
                        if let Outcome::Checked(checked) = outcome {
                            files.push(ProjectFile {
                                path: other,
                                summary: checked.summary,
                                settings: checked.settings,
                                reported: false,
                                fingerprint: checked.fingerprint,
                            });
                        }
                    }
                    if let StdinProject::Index(index) = project {
                        project_pass_indexed(&mut result, files[0].view(), index);
                    } else {
                        let views: Vec<PassFile<'_>> =
                            files.iter().map(ProjectFile::view).collect();
                        project_pass_on(&mut result, &views, true);
                    }
                    result.reports.retain(|r| !r.diagnostics.is_empty());
                    result
                        .summaries
                        .extend(files.into_iter().map(|f| f.summary));
                    if let Some(fix) = extras.fix {
                        if job.mode == FixMode::Apply {
                            result.stdin_output = Some(fix.fixed.clone());
                        }
                        result.fixes.push(fix);
                    }
                    if job.mode != FixMode::Off {
                        left = fixing::stdin_project_fixes(&mut result, path, job);
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
    (result, left)
}
