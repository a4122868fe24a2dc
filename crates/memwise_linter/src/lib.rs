//! The memwise engine: discovery, configuration, the parallel per-file
//! pipeline, noqa, and output formats. The binary and the tests drive it
//! through [`check`] and [`output`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub mod add_noqa;
pub mod baseline;
pub mod cache;
pub mod checker;
mod compile_check;
pub mod config;
pub mod discovery;
pub mod encoding;
mod excerpt;
pub mod fix;
mod fixing;
mod nesting;
pub mod noqa;
pub mod notebook;
pub mod output;
mod parse;
mod per_file;
mod project;
pub mod project_index;
mod project_pass;
mod report;
pub mod rules_info;
pub mod selection;
pub mod source;
mod stdin;
mod summarize;
mod write;

pub use config::{ConfigError, Overrides, Resolver, Settings};
pub use excerpt::ReportSource;
pub use fix::{FixCounts, FixMode};
pub use report::{CheckResult, FileFix, FileReport, RunError, io_reason};

use cache::Cache;
use cache::codec::{Codec, Writer};
use fixing::FixJob;
use per_file::Outcome;
use project_pass::{CachedSummary, ProjectFile, project_pass, project_pass_cached};
use stdin::{StdinProject, run_stdin};

/// What a run keeps of each file until every file is checked: an
/// [`Outcome`] with the parts most files lack (fixes, notes, a cache entry,
/// an error) boxed, and its summary encoded. A run holds one per file
/// until the project pass.
// Nearly every file is checked: boxing that variant would add an
// allocation per file to save the rare error's slot.
#[allow(clippy::large_enum_variant)]
enum Kept {
    Checked(KeptFile),
    Error(RunError),
}

/// A checked file, as [`Kept`] holds it.
struct KeptFile {
    report: Option<Box<FileReport>>,
    extras: Option<Box<per_file::Extras>>,
    summary: KeptSummary,
    cached: Option<Box<CachedSummary>>,
    settings: Arc<Settings>,
    fingerprint: u64,
    unused_noqa: Vec<noqa::NoqaWarning>,
    /// Its summary holds deferred findings with conditions (see
    /// [`decode_for_pass`]).
    defers: bool,
}

/// A file's summary while the other files are checked. Decoded, the
/// summaries of the benchmark corpus held about 6.5 MiB, in about 90
/// allocations a file, alive while the largest files were still being
/// parsed; encoded (the cache's format) they are one allocation a file,
/// decoded on every thread once no tree is left in memory. A cold run's
/// peak went from 45 to 40 MiB on one thread, 47 to 42 on two, and is
/// now reached in the project pass, not in the walk.
enum KeptSummary {
    Encoded(Box<[u8]>),
    /// In a run with a cache, which may read back the project pass's
    /// result and then never read the summaries.
    Decoded(Box<memwise_core::FileSummary>),
}

impl Kept {
    /// What is kept of `outcome`; its summary encoded when `encode`.
    fn new(outcome: Outcome, encode: bool) -> Self {
        let file = match outcome {
            Outcome::Checked(file) => file,
            Outcome::Error(error) => return Kept::Error(error),
        };
        let extras = &file.extras;
        let has_extras = extras.fix.is_some()
            || extras.note.is_some()
            || extras.error.is_some()
            || extras.warning.is_some();
        let cached = (file.encoded_summary.is_some() || file.summary_hash.is_some()).then(|| {
            Box::new(CachedSummary {
                encoded: file.encoded_summary,
                hash: file.summary_hash,
            })
        });
        // A finding without conditions stands whatever other files do
        // (most of MEM205's, on methods): only one with conditions, or one
        // that other files' reach through its class drops (MEM107), needs
        // the imported calls kept for the project pass.
        let defers = file
            .summary
            .deferred
            .iter()
            .any(|d| !d.conditions.is_empty() || d.reached.is_some());
        Kept::Checked(KeptFile {
            defers,
            report: file.report,
            extras: has_extras.then(|| Box::new(file.extras)),
            summary: if encode {
                let mut w = Writer::default();
                file.summary.encode(&mut w);
                KeptSummary::Encoded(w.0.into_boxed_slice())
            } else {
                KeptSummary::Decoded(Box::new(file.summary))
            },
            cached,
            settings: file.settings,
            fingerprint: file.fingerprint,
            unused_noqa: file.unused_noqa,
        })
    }
}

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
    /// Keep and use the cache of unchanged files (in the `cache-dir` of
    /// the settings of the current folder).
    pub cache: bool,
}

/// Locks `mutex`. A poisoned lock only means another thread panicked while
/// holding it; the caches and lists behind these locks are still good.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs the check: discovers files, checks them in parallel on large-stack
/// threads, and returns the reports sorted by path.
pub fn check(options: &CheckOptions) -> Result<CheckResult, ConfigError> {
    checker::install_panic_hook();
    let resolver = Arc::new(Resolver::new(options.overrides.clone())?);
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    let mut capped = None;
    if let Some(asked) = options.threads {
        let threads = asked.min(max_threads());
        if threads < asked {
            capped = Some(format!(
                "--threads {asked} is more than {threads} ({MAX_THREADS_PER_CORE} per core); using {threads}"
            ));
        }
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
    let owned_cache = options
        .cache
        .then(|| resolver.settings_for_dir(Path::new(".")).ok())
        .flatten()
        .map(|settings| Cache::new(settings.cache_dir.clone()));
    let cache = owned_cache.as_ref();
    if let Some(cache) = cache {
        resolver.keep_folders(cache.folders());
    }
    let mut result = if let Some((path, source)) = &options.stdin {
        let mut result = pool.install(|| {
            run_stdin(
                path,
                source,
                &resolver,
                job,
                StdinProject::Root(&resolver),
                cache,
            )
        });
        // As ruff does: the source comes from standard input, so the paths
        // are not checked; saying so beats leaving them out in silence.
        for ignored in &options.paths {
            result.warnings.push(RunError::new(
                ignored,
                "not checked: --stdin-filename checks standard input only",
            ));
        }
        result
    } else {
        let paths = if options.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            options.paths.clone()
        };
        pool.install(|| run(&paths, &resolver, job, cache))
    };
    if let Some(cache) = cache {
        pool.install(|| cache.persist());
        if let Some(folders) = resolver.folders_to_keep() {
            cache.store_folders(&folders);
        }
    }
    result.notes.splice(0..0, capped);
    // Freeing the run's lookups (settings by folder, every shard's index)
    // was a twentieth of a warm pre-commit run, on this thread, once the
    // work was done: a worker frees them while the caller prints. The pool
    // lets its threads finish what they were given without being waited for.
    pool.spawn(move || drop((resolver, owned_cache)));
    Ok(result)
}

/// Worker threads per core that `--threads` may ask for: more only wait
/// for a core, and each reserves [`WORKER_STACK_SIZE`] of address space
/// (`--threads 100000` asked for 50 TiB and never started).
pub const MAX_THREADS_PER_CORE: usize = 4;

/// The most worker threads a run uses.
fn max_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get) * MAX_THREADS_PER_CORE
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

/// The cache folder a check in the current folder uses with `overrides`.
pub fn cache_dir(overrides: Overrides) -> Result<PathBuf, ConfigError> {
    let resolver = Resolver::new(overrides)?;
    Ok(resolver.settings_for_dir(Path::new("."))?.cache_dir.clone())
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

/// A summary encoded in this run, decoded for the project pass.
/// `imported_calls` are read only to decide a reported file's deferred
/// findings (`project::deferred_usages`): when no reported file has one,
/// and no fix can rewrite a file into having one (`keep_calls` is false),
/// they are dropped as each summary is decoded. On the benchmark corpus,
/// which defers nothing with the default rules, they were 41,000 entries
/// and as many names, about 4 MB of the project pass's peak.
///
/// The calls of names spelled as classes stay: MEM106's deferred findings
/// read them (a class imported in a function), and there are few.
fn decode_for_pass(bytes: &[u8], keep_calls: bool) -> Option<memwise_core::FileSummary> {
    let mut summary = cache::Summary::decode(bytes)?;
    if !keep_calls {
        let class_like = |call: &memwise_core::summary::ImportedCall| {
            call.target
                .rsplit('.')
                .next()
                .is_some_and(memwise_core::python::is_class_name)
        };
        if summary.imported_calls.iter().any(class_like) {
            summary.imported_calls.retain(class_like);
            summary.imported_calls.shrink_to_fit();
        } else {
            // Dropped, not emptied: an empty list would keep its buffer.
            summary.imported_calls = Vec::new();
        }
    }
    Some(summary)
}

fn run(
    paths: &[PathBuf],
    resolver: &Arc<Resolver>,
    job: FixJob,
    cache: Option<&Cache>,
) -> CheckResult {
    let (stated, mut errors) = discovery::discover_stat(paths, resolver, cache);
    let (index_only, root_error) =
        project_pass::project_root_files(paths, &stated, resolver, cache);
    errors.extend(root_error);
    // A run that fixes reads every summary (fixes rewrite them); any other
    // run with a cache decodes them only if the whole-project result it
    // keeps does not hold.
    let lazy = cache.is_some() && job.mode == FixMode::Off;
    // The largest files first: a file in flight (its text, tree and index)
    // costs memory on top of what the files checked so far keep, so the
    // walk's peak comes when large files meet a full list of kept files. In
    // the order found, the benchmark corpus's largest files came late,
    // two at a time with two threads; first, they meet almost nothing
    // kept, and no large file is left alone at the end of the walk either.
    // The outcomes are put back in the order found, which the rest of the
    // run reads.
    let mut order: Vec<(usize, u64)> = stated
        .iter()
        .chain(&index_only)
        .map(|(_, metadata)| metadata.as_ref().map_or(0, std::fs::Metadata::len))
        .enumerate()
        .collect();
    order.sort_unstable_by_key(|&(i, size)| (std::cmp::Reverse(size), i));
    let mut outcomes: Vec<(usize, Kept)> = order
        .par_iter()
        // One file a task: split by position, the largest files all fell in
        // the first thread's half and the other thread idled once its small
        // files were done (a cold two-thread run took 25-30% longer).
        .with_max_len(1)
        .map(|&(i, _)| {
            let ((path, metadata), index_only) = match stated.get(i) {
                Some(file) => (file, false),
                None => (&index_only[i - stated.len()], true),
            };
            let metadata = metadata.clone();
            let kept = Kept::new(
                per_file::check_path(path, metadata, resolver, job, index_only, cache, lazy),
                !lazy,
            );
            (i, kept)
        })
        .collect();
    drop(order);
    outcomes.sort_unstable_by_key(|(i, _)| *i);
    let files: Vec<PathBuf> = stated.into_iter().map(|(path, _)| path).collect();
    let index_only: Vec<PathBuf> = index_only.into_iter().map(|(path, _)| path).collect();
    let mut result = CheckResult::default();
    // Sized once: grown by doubling, the old and the new buffers of these
    // per-file lists were both alive at the run's end, where memory peaks.
    result.checked.reserve_exact(files.len());
    let mut project_files = Vec::with_capacity(outcomes.len());
    let mut cached_summaries = Vec::with_capacity(if lazy { outcomes.len() } else { 0 });
    let mut encoded = Vec::with_capacity(outcomes.len());
    let reported = files.len();
    let mut reported_defers = false;
    // Each path moves into its project file: a third copy of every path
    // stayed alive through the project pass.
    for (i, ((_, outcome), path)) in outcomes
        .into_iter()
        .zip(files.into_iter().chain(index_only))
        .enumerate()
    {
        let is_reported = i < reported;
        match outcome {
            Kept::Checked(file) => {
                reported_defers |= is_reported && file.defers;
                if is_reported {
                    result.files_checked += 1;
                    result.checked.push(path.clone());
                    result.reports.extend(file.report.map(|r| *r));
                    result.unused_noqa.extend(file.unused_noqa);
                    if let Some(extras) = file.extras {
                        let extras = *extras;
                        result.fixes.extend(extras.fix);
                        result.notes.extend(extras.note);
                        result.warnings.extend(extras.warning);
                        if let Some(error) = extras.error {
                            errors.push(error);
                        }
                    }
                }
                let summary = match file.summary {
                    KeptSummary::Encoded(bytes) => {
                        encoded.push(Some(bytes));
                        memwise_core::FileSummary::default()
                    }
                    KeptSummary::Decoded(summary) => {
                        encoded.push(None);
                        *summary
                    }
                };
                project_files.push(ProjectFile {
                    path,
                    summary,
                    settings: file.settings,
                    reported: is_reported,
                    fingerprint: file.fingerprint,
                });
                // Only a run that keeps summaries encoded reads them.
                if lazy {
                    cached_summaries.push(file.cached.map_or(
                        CachedSummary {
                            encoded: None,
                            hash: None,
                        },
                        |cached| *cached,
                    ));
                }
            }
            Kept::Error(error) => {
                // A file only indexed for the project is not the user's
                // concern in this run.
                if is_reported && !errors.contains(&error) {
                    errors.push(error);
                }
            }
        }
    }
    result.errors = errors;
    let keep_calls = reported_defers || job.mode != FixMode::Off;
    project_files
        .par_iter_mut()
        .zip(encoded)
        .for_each(|(file, bytes)| {
            if let Some(bytes) = bytes {
                let summary = decode_for_pass(&bytes, keep_calls);
                debug_assert!(
                    summary.is_some(),
                    "a summary encoded in this run reads back"
                );
                file.summary = summary.unwrap_or_default();
            }
        });
    let decoded = if let Some(cache) = cache.filter(|_| lazy) {
        let recheck = |path: &Path, reported: bool| {
            let index_only = !reported;
            match per_file::check_path(path, None, resolver, job, index_only, None, false) {
                Outcome::Checked(file) => Some(file.summary),
                Outcome::Error(_) => None,
            }
        };
        project_pass_cached(
            &mut result,
            &mut project_files,
            cached_summaries,
            cache,
            recheck,
        )
    } else {
        project_pass(&mut result, &project_files, job.mode != FixMode::Off);
        true
    };
    if job.mode != FixMode::Off {
        fixing::project_fix_rounds(&mut result, &mut project_files, job);
    }
    if decoded {
        result.summaries = project_files.into_iter().map(|f| f.summary).collect();
    }
    result.unused_noqa.sort_by(|a, b| {
        (&a.path, a.unused.cell, a.unused.row).cmp(&(&b.path, b.unused.cell, b.unused.row))
    });
    // A file that changed is met again by each later round.
    result
        .warnings
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    result.warnings.dedup();
    result
}
