//! A project's file summaries kept between checks, for the language
//! server: what `--project-root` indexes on every run, built once and then
//! updated one file at a time. Only summaries are kept, never syntax trees
//! or texts, so its memory stays proportional to what the whole-project
//! rules need.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use memwise_core::FileSummary;

use crate::config::{Resolver, Settings};
use crate::fix::FixMode;
use crate::fixing::FixJob;
use crate::per_file::{self, Outcome};
use crate::project_pass::PassFile;
use crate::report::RunError;

/// One file's summary and the settings that apply to it.
pub struct IndexedFile {
    pub(crate) summary: FileSummary,
    pub(crate) settings: Arc<Settings>,
    pub(crate) fingerprint: u64,
}

impl IndexedFile {
    /// Reads `path` from disk and summarizes it (no finding is kept).
    pub fn read(path: &Path, resolver: &Resolver) -> Result<Self, RunError> {
        let job = FixJob {
            mode: FixMode::Off,
            unsafe_fixes: false,
        };
        match per_file::check_path(path, resolver, job, true, None) {
            Outcome::Checked(file) => Ok(Self {
                summary: file.summary,
                settings: file.settings,
                fingerprint: file.fingerprint,
            }),
            Outcome::Error(error) => Err(error),
        }
    }

    /// An estimate of the bytes its summary holds.
    pub fn approximate_size(&self) -> usize {
        self.summary.approximate_size()
    }
}

/// The summaries of a project's files, by path. Sorted, as the CLI's
/// discovery sorts: when two files claim one module name, the verdicts
/// must not depend on a map's order.
#[derive(Default)]
pub struct ProjectIndex {
    files: BTreeMap<PathBuf, IndexedFile>,
}

impl ProjectIndex {
    /// The files under `roots` that a check of them would index, sorted
    /// (the CLI's discovery: excludes and `.gitignore` apply).
    pub fn discover(roots: &[PathBuf], resolver: &Arc<Resolver>) -> (Vec<PathBuf>, Vec<RunError>) {
        crate::discovery::discover(roots, resolver)
    }

    /// Finds the files under `roots` and reads them on `threads` workers
    /// (one per core when `None`), with the CLI's large stacks: says how many
    /// were found through `found`, then hands each summary to `each` as it
    /// is made. Stops early once `cancelled` is set.
    pub fn build(
        roots: &[PathBuf],
        resolver: &Arc<Resolver>,
        threads: Option<usize>,
        cancelled: &AtomicBool,
        found: impl FnOnce(usize, Vec<RunError>) + Send,
        each: impl Fn(PathBuf, Result<IndexedFile, RunError>) + Sync + Send,
    ) -> Result<(), String> {
        let mut builder = rayon::ThreadPoolBuilder::new().stack_size(crate::WORKER_STACK_SIZE);
        if let Some(threads) = threads {
            builder = builder.num_threads(threads);
        }
        let pool = builder.build().map_err(|e| e.to_string())?;
        pool.install(|| {
            let (paths, errors) = Self::discover(roots, resolver);
            found(paths.len(), errors);
            paths.into_par_iter().for_each(|path| {
                if !cancelled.load(Ordering::Relaxed) {
                    let file = IndexedFile::read(&path, resolver);
                    each(path, file);
                }
            });
        });
        Ok(())
    }

    /// Adds or replaces the summary of `path`; whether its text differs
    /// from the one indexed before (or it is new).
    pub fn insert(&mut self, path: PathBuf, file: IndexedFile) -> bool {
        let fingerprint = file.fingerprint;
        self.files
            .insert(path, file)
            .is_none_or(|old| old.fingerprint != fingerprint)
    }

    /// Takes the entry of `path` out of the index.
    pub fn take(&mut self, path: &Path) -> Option<IndexedFile> {
        self.files.remove(path)
    }

    /// Forgets `path`; whether it was indexed.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.files.remove(path).is_some()
    }

    /// Forgets every file under the folder `folder` (a deleted folder).
    pub fn remove_under(&mut self, folder: &Path) -> usize {
        let before = self.files.len();
        self.files.retain(|path, _| !path.starts_with(folder));
        before - self.files.len()
    }

    /// Whether `path` is indexed.
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// How many files are indexed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is indexed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// An estimate of the bytes the summaries hold.
    pub fn approximate_size(&self) -> usize {
        self.files
            .iter()
            .map(|(path, file)| path.as_os_str().len() + file.approximate_size())
            .sum()
    }

    /// Every file but `except`, as the project pass reads them (only
    /// indexed: never reported).
    pub(crate) fn views_except<'a>(&'a self, except: &Path) -> Vec<PassFile<'a>> {
        self.files
            .iter()
            .filter(|(path, _)| path.as_path() != except)
            .map(|(path, file)| PassFile {
                path,
                summary: &file.summary,
                settings: &file.settings,
                reported: false,
                fingerprint: file.fingerprint,
            })
            .collect()
    }
}
