//! Finding the files to check: explicit files always, folders walked with
//! hidden entries, excluded names and `.gitignore` applied while walking.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::sync::{Mutex, PoisonError};

use ignore::{WalkBuilder, WalkState};

use crate::cache::{Cache, DirStamp, KeptFolder, KeptWalk};
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
    let (files, errors) = discover_stat(paths, resolver, None);
    (files.into_iter().map(|(path, _)| path).collect(), errors)
}

/// A discovered file, and what `stat` said of it (links followed) when
/// its names were told apart: the check's cache reads its time and size
/// from it instead of asking again.
pub(crate) type Stated = (PathBuf, Option<std::fs::Metadata>);

/// [`discover`], with each file's `stat`; folders walked before are
/// replayed from `cache` when nothing they depend on changed.
pub(crate) fn discover_stat(
    paths: &[PathBuf],
    resolver: &Arc<Resolver>,
    cache: Option<&Cache>,
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
    if !folders.is_empty() {
        let (walked, walk_errors) = walk(&folders, resolver, cache);
        files.extend(walked);
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

/// The Python files under `folders` (hidden entries, excluded names and
/// ignored ones left out), and the problems met on the way: the kept walk
/// of these folders when it still holds, else a walk, kept for next time.
fn walk(
    folders: &[PathBuf],
    resolver: &Arc<Resolver>,
    cache: Option<&Cache>,
) -> (Vec<PathBuf>, Vec<RunError>) {
    let respect_gitignore = resolver
        .settings_for_dir(&folders[0])
        .map_or(true, |settings| settings.respect_gitignore);
    let key = cache.and_then(|_| walk_key(folders, resolver, respect_gitignore));
    let settings_of = |dir: &Path, metadata: Option<&std::fs::Metadata>| {
        match metadata {
            Some(metadata) => resolver.settings_for_stated_dir(dir, metadata),
            None => resolver.settings_for_dir(dir),
        }
        .map_or(0, |settings| Cache::walk_settings_key(&settings))
    };
    if let (Some(cache), Some(key)) = (cache, key)
        && let Some(mut kept) = cache.kept_walk(key)
        && let Some(files) = kept.replay(|dir, metadata| settings_of(dir, Some(metadata)))
    {
        know_packages(cache, &kept, resolver);
        return (files, Vec::new());
    }
    let start = std::time::SystemTime::now();
    let mut builder = WalkBuilder::new(&folders[0]);
    for folder in &folders[1..] {
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
    let found = Mutex::new(Found::default());
    let keep = key.is_some();
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    let is_link = entry.path_is_symlink();
                    let is_file = entry.file_type().is_some_and(|t| t.is_file())
                        || (is_link && entry.path().is_file());
                    if is_file && is_python(entry.path()) {
                        let mut found = lock(&found);
                        if keep && is_link {
                            found.links.push(entry.path().to_path_buf());
                        }
                        found.files.push(entry.into_path());
                    } else if keep && is_link && is_python(entry.path()) {
                        lock(&found).links.push(entry.into_path());
                    } else if keep && is_dir && !is_link && entry.depth() > 0 {
                        lock(&found).folders.push(entry.into_path());
                    }
                }
                Err(error) => lock(&found).errors.push(walk_error(&error)),
            }
            WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    let mut walk_errors = std::mem::take(&mut found.errors);
    walk_errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    // A walk that met a problem is not kept: the problem is reported anew.
    if let (Some(cache), Some(key), true) = (cache, key, walk_errors.is_empty())
        && let Some(kept) = kept_walk(&found, folders, resolver, |dir| settings_of(dir, None))
        && kept.settled_before(start)
    {
        cache.store_walk(key, &kept);
        know_packages(cache, &kept, resolver);
    }
    (found.files, walk_errors)
}

/// Tells `cache` which folders of `kept`, a walk that holds, are packages.
fn know_packages(cache: &Cache, kept: &KeptWalk, resolver: &Resolver) {
    cache.know_packages(
        kept.folders.iter().filter_map(|folder| {
            Some((resolver.absolute(Path::new(&folder.path)), folder.package?))
        }),
    );
}

/// What a walk found, and (when it is to be kept) where it went.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    errors: Vec<RunError>,
    /// Folders walked into, roots aside.
    folders: Vec<PathBuf>,
    /// Symbolic links with a Python name, to a file or not.
    links: Vec<PathBuf>,
}

/// What decides a walk besides the folders' entries and settings: the
/// folders as given, from where, and whether ignore files are read.
fn walk_key(folders: &[PathBuf], resolver: &Resolver, respect_gitignore: bool) -> Option<u64> {
    let mut w = crate::cache::codec::Writer::default();
    w.str(resolver.absolute(Path::new("")).to_str()?);
    for folder in folders {
        w.str(folder.to_str()?);
    }
    w.u8(u8::from(respect_gitignore));
    Some(crate::cache::hash_bytes(&w.0))
}

/// `found` as a kept walk of `folders`: each folder's stamp and settings
/// now, and the stamps of the ignore files the walk may have read. `None`
/// when a path is not UTF-8 or a folder cannot be stamped.
fn kept_walk(
    found: &Found,
    folders: &[PathBuf],
    resolver: &Resolver,
    settings_of: impl Fn(&Path) -> u64,
) -> Option<KeptWalk> {
    let text = |path: &Path| path.to_str().map(str::to_owned);
    let mut kept = KeptWalk::default();
    let mut ignore_files = Vec::new();
    // Kept in order: a folder's settings are found from its parent's, so
    // a replay that meets the parent first looks each folder up once, and
    // files in the order a run sorts them in are sorted at once.
    let mut walked: Vec<&PathBuf> = found.folders.iter().collect();
    walked.sort();
    for folder in folders.iter().chain(walked) {
        let stamp = DirStamp::of(folder)?;
        // Asked after the folder's stamp: an `__init__.py` added or removed
        // since moves the stamp, and the walk is not replayed.
        let package = match std::fs::symlink_metadata(folder.join("__init__.py")) {
            Ok(metadata) if metadata.is_symlink() => None,
            Ok(metadata) => Some(metadata.is_file()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(false),
            Err(_) => None,
        };
        kept.folders.push(KeptFolder {
            path: text(folder)?,
            stamp,
            settings: settings_of(folder),
            package,
        });
        // A walked folder's entries are in its stamp: an ignore file that
        // is not there now would move it by appearing.
        let gitignore = folder.join(".gitignore");
        if let Some(stamp) = DirStamp::of(&gitignore) {
            ignore_files.push((gitignore, Some(stamp)));
        }
        if folder.join(".git").exists() {
            let exclude = folder.join(".git/info/exclude");
            let stamp = DirStamp::of(&exclude);
            ignore_files.push((exclude, stamp));
        }
    }
    // The folders above a walked one: their ignore files apply below
    // them, and a repository found above changes which do.
    let mut above: Vec<PathBuf> = folders
        .iter()
        .flat_map(|folder| {
            let absolute = resolver.absolute(folder);
            absolute
                .ancestors()
                .skip(1)
                .map(Path::to_path_buf)
                .collect::<Vec<_>>()
        })
        .collect();
    above.sort();
    above.dedup();
    for folder in above {
        for name in [".gitignore", ".git", ".git/info/exclude"] {
            let path = folder.join(name);
            let stamp = DirStamp::of(&path);
            ignore_files.push((path, stamp));
        }
    }
    for (path, stamp) in ignore_files {
        kept.ignore_files.push((text(&path)?, stamp));
    }
    let mut files: Vec<&PathBuf> = found.files.iter().collect();
    files.sort();
    for path in files {
        if !found.links.contains(path) {
            kept.files.push(text(path)?);
        }
    }
    for link in &found.links {
        kept.links.push(text(link)?);
    }
    Some(kept)
}

/// What makes two paths the same file: its device and inode where there
/// are such (a hard link is the same file too), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    // Sorted, not hashed into a list per file: names of one file end up
    // side by side, in the order given, and a tree without links costs a
    // sort instead of an allocation per file (a twentieth of a warm
    // pre-commit run).
    let mut by_id: Vec<(&FileId, usize)> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| Some((id.as_ref()?, i)))
        .collect();
    by_id.sort_unstable();
    let mut keep = vec![true; files.len()];
    for group in by_id
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        let names: Vec<usize> = group.iter().map(|(_, i)| *i).collect();
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
        for &i in &names {
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
