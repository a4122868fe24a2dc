//! Finding the files to check: explicit files always, folders walked with
//! hidden entries, excluded names and `.gitignore` applied while walking.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::sync::{Mutex, PoisonError};

use ignore::{WalkBuilder, WalkState};

use crate::config::Resolver;
use crate::{RunError, io_reason, lock};

/// Whether a walked file is Python source or a notebook memwise checks.
fn is_python(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "py" || ext == "ipynb")
}

/// The files to check under `paths`, sorted, and the problems met on the way.
pub fn discover(paths: &[PathBuf], resolver: &Arc<Resolver>) -> (Vec<PathBuf>, Vec<RunError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut folders = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => folders.push(path.clone()),
            // Named explicitly: always checked, whatever its name or excludes.
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
            if entry.depth() == 0 {
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
    // `./pkg/a.py` is shown as `pkg/a.py`, as ruff and ripgrep show it.
    for file in &mut files {
        if let Ok(stripped) = file.strip_prefix(".") {
            *file = stripped.to_path_buf();
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
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
