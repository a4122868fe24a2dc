//! Finding the files to check: explicit files always, folders walked with
//! hidden entries, excluded names and `.gitignore` applied while walking.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::sync::{Mutex, PoisonError};

use ignore::{WalkBuilder, WalkState};

use crate::config::Resolver;
use crate::{RunError, io_reason, lock};

/// Whether a walked file is Python source, a stub or a notebook: the
/// extensions ruff walks, and the `types_or` of the pre-commit hooks.
fn is_python(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "py" || ext == "pyi" || ext == "ipynb")
}

/// The files to check under `paths`, sorted, and the problems met on the way.
pub fn discover(paths: &[PathBuf], resolver: &Arc<Resolver>) -> (Vec<PathBuf>, Vec<RunError>) {
    let (files, errors) = discover_stat(paths, resolver);
    (files.into_iter().map(|(path, _)| path).collect(), errors)
}

/// A discovered file, and what `stat` said of it (links followed) when
/// its names were told apart: the check's cache reads its time and size
/// from it instead of asking again.
pub(crate) type Stated = (PathBuf, Option<std::fs::Metadata>);

/// [`discover`], with each file's `stat`.
pub(crate) fn discover_stat(
    paths: &[PathBuf],
    resolver: &Arc<Resolver>,
) -> (Vec<Stated>, Vec<RunError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut folders = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            // Named explicitly: checked whatever its name or excludes, unless
            // `--force-exclude` asks for the excludes (pre-commit, editors).
            Ok(_) if is_force_excluded(path, resolver) => {}
            Ok(meta) if meta.is_dir() => folders.push(path.clone()),
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            // Reading a FIFO or a device could block forever or never end.
            Ok(_) => errors.push(RunError::new(path, "not a regular file")),
            Err(e) => errors.push(RunError::new(path, io_reason(&e))),
        }
    }
    if let Some((first, rest)) = folders.split_first() {
        let respect_gitignore = resolver
            .settings_for_dir(first)
            .map_or(true, |settings| settings.respect_gitignore);
        let mut builder = WalkBuilder::new(first);
        for folder in rest {
            builder.add(folder);
        }
        builder
            .standard_filters(false)
            .hidden(true)
            .parents(true)
            .git_ignore(respect_gitignore)
            .git_exclude(respect_gitignore)
            .require_git(false)
            .follow_links(false);
        let filter = Arc::clone(resolver);
        builder.filter_entry(move |entry| {
            // A file that is not Python is left out by the walk anyway:
            // its folder's settings need not be looked up for it (more
            // than half of a project's files are not Python).
            if entry.depth() == 0
                || (!entry.file_type().is_some_and(|t| t.is_dir()) && !is_python(entry.path()))
            {
                return true;
            }
            let path = filter.absolute(entry.path());
            let Some(parent) = path.parent() else {
                return true;
            };
            // A broken configuration is reported when its files are checked.
            filter
                .settings_for_dir(parent)
                .map_or(true, |settings| !settings.is_excluded(&path))
        });
        // Walking is a tenth of a whole run on one thread: walk on as many
        // threads as check, and sort afterwards.
        builder.threads(rayon::current_num_threads());
        let found = Mutex::new((Vec::new(), Vec::new()));
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file())
                            || (entry.path_is_symlink() && entry.path().is_file());
                        if is_file && is_python(entry.path()) {
                            lock(&found).0.push(entry.into_path());
                        }
                    }
                    Err(error) => lock(&found).1.push(walk_error(&error)),
                }
                WalkState::Continue
            })
        });
        let (walked, walk_errors) = found.into_inner().unwrap_or_else(PoisonError::into_inner);
        files.extend(walked);
        let mut walk_errors = walk_errors;
        walk_errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        errors.extend(walk_errors);
    }
    let mut files = one_name_per_file(paths, files);
    // `./pkg/a.py` is shown as `pkg/a.py`, as ruff and ripgrep show it.
    for (file, _) in &mut files {
        if let Ok(stripped) = file.strip_prefix(".") {
            *file = stripped.to_path_buf();
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    (files, errors)
}

/// What makes two paths the same file: its device and inode where there
/// are such (a hard link is the same file too), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Canonical(PathBuf),
}

/// The identity of the file at `path` (links followed), if it exists.
pub(crate) fn file_id(path: &Path) -> Option<FileId> {
    let metadata = std::fs::metadata(path).ok();
    file_id_of(path, metadata.as_ref())
}

/// The identity of the file at `path`, whose `stat` gave `metadata`.
pub(crate) fn file_id_of(path: &Path, metadata: Option<&std::fs::Metadata>) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = path;
        metadata.map(|m| FileId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        metadata?;
        std::fs::canonicalize(path).ok().map(FileId::Canonical)
    }
}

/// Keeps one name for each real file: a file named twice (`t` and
/// `$PWD/t`), reached through a symbolic link or a hard link is checked,
/// reported and fixed once. Checking it under each name would report it
/// twice and, with `--fix`, compute fixes from one read and apply them
/// after the other name's fixes were written. The name kept is the one
/// under the path given first, and among those one that is not itself a
/// link, then the first in order.
fn one_name_per_file(given: &[PathBuf], files: Vec<PathBuf>) -> Vec<Stated> {
    use rayon::prelude::*;
    let stats: Vec<Option<std::fs::Metadata>> = files
        .par_iter()
        .map(|f| std::fs::metadata(f).ok())
        .collect();
    let ids: Vec<Option<FileId>> = files
        .iter()
        .zip(&stats)
        .map(|(f, m)| file_id_of(f, m.as_ref()))
        .collect();
    let mut by_id: std::collections::HashMap<&FileId, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(id) = id {
            by_id.entry(id).or_default().push(i);
        }
    }
    let mut keep = vec![true; files.len()];
    for names in by_id.values().filter(|names| names.len() > 1) {
        let rank = |&i: &usize| {
            let file = &files[i];
            let argument = given
                .iter()
                .position(|p| file.starts_with(p))
                .unwrap_or(given.len());
            let is_link = std::fs::symlink_metadata(file).is_ok_and(|m| m.is_symlink());
            (argument, is_link, file)
        };
        let first = names.iter().min_by_key(|i| rank(i)).copied();
        for &i in names {
            keep[i] = Some(i) == first;
        }
    }
    let mut keep = keep.into_iter();
    files
        .into_iter()
        .zip(stats)
        .filter(|_| keep.next().unwrap_or(true))
        .collect()
}

/// Whether `--force-exclude` (flag or setting) leaves out a path named on
/// the command line.
fn is_force_excluded(path: &Path, resolver: &Resolver) -> bool {
    let absolute = resolver.absolute(path);
    let Some(parent) = absolute.parent() else {
        return false;
    };
    resolver
        .settings_for_dir(parent)
        .is_ok_and(|settings| settings.force_exclude && settings.is_force_excluded(&absolute))
}

fn walk_error(error: &ignore::Error) -> RunError {
    let mut current = error;
    let mut path: Option<&Path> = None;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p);
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Io(e) => {
                return RunError::new(path.unwrap_or(Path::new(".")), io_reason(e));
            }
            ignore::Error::Loop { child, .. } => {
                return RunError::new(child, "symbolic link loop");
            }
            other => return RunError::new(path.unwrap_or(Path::new(".")), other.to_string()),
        }
    }
}
