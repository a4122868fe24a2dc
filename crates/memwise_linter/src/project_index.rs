//! A project's file summaries kept between checks, for the language
//! server: what `--project-root` indexes on every run, built once and then
//! updated one file at a time. Only summaries are kept, never syntax trees
//! or texts, so its memory stays proportional to what the whole-project
//! rules need.
//!
//! What the whole-project pass derives from each file alone is kept too,
//! so that a check of one document costs what the document and the files
//! that reach it cost, not what the project does: each file's module name
//! and test flag (computed when the file is added), the lookup from module
//! names to files, how many files store each attribute name on objects of
//! unknown type, and what each file's class bases, calls, references and
//! imports resolve to, with the modules that resolution looked up
//! (resolved at the end of a build, and again when a module a file looked
//! up changes its names, appears or goes). A check reads only the files
//! whose resolution looked up the document's module: no other file can
//! reach it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use memwise_core::FileSummary;
use memwise_core::python::is_quiet_code;

use crate::config::{Resolver, Settings};
use crate::fix::FixMode;
use crate::fixing::FixJob;
use crate::per_file::{self, Outcome};
use crate::project::{self, FileSet, Recorded, module_key, module_name};
use crate::report::RunError;

mod document;

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
        match per_file::check_path(path, None, resolver, job, true, None, false) {
            Outcome::Checked(file) => Ok(Self {
                summary: file.summary,
                settings: file.settings,
                fingerprint: file.fingerprint,
            }),
            Outcome::Error(error) => Err(error),
        }
    }

    /// The same file with its summary copied by the calling thread. A
    /// summary made on a worker thread sits among the freed pieces of its
    /// file's syntax tree, and keeps their pages resident for as long as it
    /// is kept; copied by the thread that keeps it, the summaries of a
    /// whole project lie together in pages of their own, and the workers'
    /// pages go back to the system.
    #[must_use]
    pub fn compacted(self) -> Self {
        Self {
            summary: self.summary.clone(),
            ..self
        }
    }

    /// An estimate of the bytes its summary holds.
    pub fn approximate_size(&self) -> usize {
        self.summary.approximate_size()
    }
}

/// The summaries of a project's files, by path, each at a place (a number)
/// it keeps while it is indexed, so that kept links can name it.
#[derive(Default)]
pub struct ProjectIndex {
    paths: FxHashMap<Arc<Path>, u32>,
    slots: Vec<Option<Slot>>,
    /// Places left by removed files.
    free: Vec<u32>,
    /// Whether each folder holds an `__init__.py`, as the module names
    /// were computed.
    has_init: FxHashMap<PathBuf, bool>,
    /// The places of the files that claim each module name, by its
    /// [`module_key`] (names whose keys collide share a list: each place's
    /// own name is compared).
    by_module: FxHashMap<u64, Vec<u32>>,
    /// How many files store each attribute name on an object of unknown
    /// type.
    unknown_stores: FxHashMap<Box<str>, u32>,
    kept: Mutex<Kept>,
}

/// An indexed file and what is derived from it alone.
struct Slot {
    path: Arc<Path>,
    file: IndexedFile,
    /// Its dotted module name, from its package root.
    module: String,
    /// Test code (or a stub), as the project pass asks.
    is_test: bool,
    /// A package's `__init__`.
    is_package: bool,
}

/// What the files' names resolve to, by place.
#[derive(Default)]
struct Kept {
    /// `None` until resolved, or since something the resolution depends
    /// on changed.
    links: Vec<Option<Recorded>>,
    /// The places whose resolution looked up each module (by
    /// [`module_key`]), sorted. A place resolved again since may still be
    /// listed: its own `touched` says whether it still looks the module up.
    touched_by: FxHashMap<u64, Vec<u32>>,
}

impl Kept {
    /// Forgets the links whose resolution looked up the module `key`.
    fn forget_through(&mut self, key: u64) {
        let Some(places) = self.touched_by.get(&key) else {
            return;
        };
        for &place in places {
            if let Some(kept) = self.links.get_mut(place as usize)
                && kept
                    .as_ref()
                    .is_some_and(|r| r.touched.binary_search(&key).is_ok())
            {
                *kept = None;
            }
        }
    }

    /// The links of `place`, which must be resolved.
    fn of(&self, place: usize) -> &Recorded {
        self.links[place]
            .as_ref()
            .expect("every indexed file is resolved before a check")
    }
}

/// Why an index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Its worker threads could not be started.
    #[error(transparent)]
    ThreadPool(#[from] rayon::ThreadPoolBuildError),
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
    ) -> Result<(), IndexError> {
        let mut builder = rayon::ThreadPoolBuilder::new().stack_size(crate::WORKER_STACK_SIZE);
        if let Some(threads) = threads {
            builder = builder.num_threads(threads);
        }
        let pool = builder.build()?;
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
        let is_test = is_quiet_code(&path, &file.settings.rule_settings);
        let kept = self
            .kept
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&place) = self.paths.get(path.as_path()) {
            let stored = self.slots[place as usize]
                .as_mut()
                .expect("an indexed path has its place");
            let changed = stored.file.fingerprint != file.fingerprint;
            let renamed = !same_names(&stored.file.summary, &file.summary);
            count_stores(&mut self.unknown_stores, &stored.file.summary, false);
            count_stores(&mut self.unknown_stores, &file.summary, true);
            stored.file = file;
            stored.is_test = is_test;
            kept.links[place as usize] = None;
            if renamed {
                kept.forget_through(module_key(&stored.module));
            }
            return changed;
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let module = module_name(&crate::config::absolute(&cwd, &path), &mut self.has_init);
        let place = self.free.pop().unwrap_or_else(|| {
            self.slots.push(None);
            u32::try_from(self.slots.len() - 1).expect("fewer than 4 billion files")
        });
        kept.links.resize_with(self.slots.len(), || None);
        kept.links[place as usize] = None;
        let key = module_key(&module);
        kept.forget_through(key);
        self.by_module.entry(key).or_default().push(place);
        count_stores(&mut self.unknown_stores, &file.summary, true);
        let path: Arc<Path> = Arc::from(path);
        self.slots[place as usize] = Some(Slot {
            path: Arc::clone(&path),
            file,
            module,
            is_test,
            is_package: project::is_package(&path),
        });
        let package = init_folder(&path);
        self.paths.insert(path, place);
        if let Some(folder) = package {
            self.package_changed(&folder);
        }
        true
    }

    /// Takes the entry of `path` out of the index.
    pub fn take(&mut self, path: &Path) -> Option<IndexedFile> {
        let place = self.paths.remove(path)?;
        let stored = self.slots[place as usize].take()?;
        self.free.push(place);
        let key = module_key(&stored.module);
        if let Some(places) = self.by_module.get_mut(&key) {
            places.retain(|p| *p != place);
            if places.is_empty() {
                self.by_module.remove(&key);
            }
        }
        count_stores(&mut self.unknown_stores, &stored.file.summary, false);
        let kept = self
            .kept
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.links[place as usize] = None;
        kept.forget_through(key);
        if let Some(folder) = init_folder(path) {
            self.package_changed(&folder);
        }
        Some(stored.file)
    }

    /// Forgets `path`; whether it was indexed.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.take(path).is_some()
    }

    /// Forgets every file under the folder `folder` (a deleted folder).
    pub fn remove_under(&mut self, folder: &Path) -> usize {
        let under: Vec<Arc<Path>> = self
            .paths
            .keys()
            .filter(|path| path.starts_with(folder))
            .cloned()
            .collect();
        for path in &under {
            self.take(path);
        }
        under.len()
    }

    /// An `__init__.py` came or went in `folder`: if that changes whether
    /// it is a package, every module name is computed again and every file
    /// resolved again (rare: a package made or unmade).
    fn package_changed(&mut self, folder: &Path) {
        let cwd = std::env::current_dir().unwrap_or_default();
        let folder = crate::config::absolute(&cwd, folder);
        let is_package = folder.join("__init__.py").is_file();
        if self
            .has_init
            .get(&folder)
            .is_some_and(|known| *known == is_package)
        {
            return;
        }
        self.has_init.clear();
        self.by_module.clear();
        for (place, stored) in self.slots.iter_mut().enumerate() {
            if let Some(stored) = stored {
                stored.module = module_name(
                    &crate::config::absolute(&cwd, &stored.path),
                    &mut self.has_init,
                );
                let place = u32::try_from(place).expect("fewer than 4 billion files");
                self.by_module
                    .entry(module_key(&stored.module))
                    .or_default()
                    .push(place);
            }
        }
        let kept = self
            .kept
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.links.fill_with(|| None);
        kept.touched_by.clear();
    }

    /// Whether `path` is indexed.
    pub fn contains(&self, path: &Path) -> bool {
        self.paths.contains_key(path)
    }

    /// How many files are indexed.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no file is indexed.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// An estimate of the bytes the summaries hold.
    pub fn approximate_size(&self) -> usize {
        self.slots
            .iter()
            .flatten()
            .map(|stored| {
                stored.path.as_os_str().len() + stored.file.approximate_size() + stored.module.len()
            })
            .sum()
    }

    /// The indexed file at `place`, which must hold one.
    fn slot(&self, place: usize) -> &Slot {
        self.slots[place]
            .as_ref()
            .expect("only the places of indexed files are looked up")
    }

    /// The places of the indexed files whose module name is `module`.
    fn claimants<'a>(&'a self, module: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.by_module
            .get(&module_key(module))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&place| {
                self.slots[place as usize]
                    .as_ref()
                    .is_some_and(|s| s.module == module)
            })
    }

    /// Resolves now what checks would otherwise resolve first (the links
    /// of every file not yet resolved), so that the first check after a
    /// build does not pay for the whole project.
    pub fn resolve(&self) {
        self.resolve_links(&mut crate::lock(&self.kept), None);
    }

    /// Resolves the links of every indexed file that has none, but `skip`
    /// (the file a document stands for, whose links the check makes
    /// itself), against the indexed files.
    fn resolve_links(&self, kept: &mut Kept, skip: Option<u32>) {
        kept.links.resize_with(self.slots.len(), || None);
        let missing: Vec<usize> = (0..self.slots.len())
            .filter(|&place| {
                self.slots[place].is_some()
                    && kept.links[place].is_none()
                    && skip.is_none_or(|skip| skip as usize != place)
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let files = Indexed { index: self };
        let resolver = project::Resolver::new(&files);
        let mut lists = FxHashSet::default();
        for place in missing {
            let recorded = resolver.record(place);
            for &key in &recorded.touched {
                let number = u32::try_from(place).expect("fewer than 4 billion files");
                kept.touched_by.entry(key).or_default().push(number);
                lists.insert(key);
            }
            kept.links[place] = Some(recorded);
        }
        for key in lists {
            if let Some(places) = kept.touched_by.get_mut(&key) {
                places.sort_unstable();
                places.dedup();
            }
        }
    }
}

/// The indexed files, by place.
struct Indexed<'a> {
    index: &'a ProjectIndex,
}

impl<'a> FileSet<'a> for Indexed<'a> {
    fn len(&self) -> usize {
        self.index.slots.len()
    }

    fn summary(&self, file: usize) -> &'a FileSummary {
        &self.index.slot(file).file.summary
    }

    fn module(&self, file: usize) -> &str {
        &self.index.slot(file).module
    }

    fn is_package(&self, file: usize) -> bool {
        self.index.slot(file).is_package
    }

    fn file(&self, module: &str) -> Option<usize> {
        let mut claimants = self.index.claimants(module);
        let first = claimants.next()?;
        claimants.next().is_none().then_some(first as usize)
    }
}

/// Counts (`add`) or uncounts the attribute names `summary` stores on
/// objects of unknown type.
fn count_stores(counts: &mut FxHashMap<Box<str>, u32>, summary: &FileSummary, add: bool) {
    for name in &summary.unknown_attribute_stores {
        if add {
            *counts.entry(name.clone()).or_default() += 1;
        } else if let Some(count) = counts.get_mut(name) {
            *count -= 1;
            if *count == 0 {
                counts.remove(name);
            }
        }
    }
}

/// The folder of `path` if it is an `__init__.py`.
fn init_folder(path: &Path) -> Option<PathBuf> {
    if path.file_name()? == "__init__.py" {
        path.parent().map(Path::to_path_buf)
    } else {
        None
    }
}

/// Whether two summaries of one file define the same names in the same
/// order, so that what other files resolve through it is unchanged.
fn same_names(a: &FileSummary, b: &FileSummary) -> bool {
    a.imports == b.imports
        && a.classes.len() == b.classes.len()
        && a.classes
            .iter()
            .zip(&b.classes)
            .all(|(x, y)| x.name == y.name)
        && a.functions.len() == b.functions.len()
        && a.functions
            .iter()
            .zip(&b.functions)
            .all(|(x, y)| x.name == y.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckOptions, Overrides};

    /// A change to a file's text.
    type Edit = dyn Fn(&str) -> String;

    /// (path, code, range, message) of each finding.
    type Found = Vec<(PathBuf, &'static str, (u32, u32), String)>;

    fn span(range: ruff_text_size::TextRange) -> (u32, u32) {
        (range.start().into(), range.end().into())
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("folder");
        for entry in std::fs::read_dir(from).expect("fixture folder") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }

    /// What `memwise check ROOT` reports.
    fn cli(root: &Path) -> Found {
        let result = crate::check(&CheckOptions {
            paths: vec![root.to_path_buf()],
            overrides: Overrides {
                select: Some(vec!["ALL".to_owned()]),
                ..Overrides::default()
            },
            threads: Some(1),
            ..CheckOptions::default()
        })
        .expect("a check");
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        let mut found: Found = result
            .reports
            .into_iter()
            .flat_map(|report| {
                let path = report.path;
                report
                    .diagnostics
                    .into_iter()
                    .map(move |d| (path.clone(), d.rule.code, span(d.range), d.message))
            })
            .collect();
        found.sort();
        found
    }

    /// What the language server reports for `path` with `text` open, and
    /// the summary it then keeps for the file.
    fn server(
        resolver: &Resolver,
        index: &ProjectIndex,
        path: &Path,
        text: &str,
    ) -> (Found, IndexedFile) {
        let (checked, own) = crate::source::check_in_project(resolver, path, text, index);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let mut found: Found = checked
            .diagnostics
            .into_iter()
            .map(|d| (path.to_path_buf(), d.rule.code, span(d.range), d.message))
            .collect();
        found.sort();
        (found, own.expect("a summary"))
    }

    /// Every file checked as an open document against `index` (its text
    /// from disk) gives what the CLI gives for it.
    fn every_file_as_the_cli(
        resolver: &Arc<Resolver>,
        index: &ProjectIndex,
        root: &Path,
        step: &str,
    ) {
        let expected = cli(root);
        let (paths, _) = crate::discovery::discover(&[root.to_path_buf()], resolver);
        let mut found: Found = paths
            .iter()
            .flat_map(|path| {
                let text = std::fs::read_to_string(path).expect("text");
                server(resolver, index, path, &text).0
            })
            .collect();
        found.sort();
        assert_eq!(found, expected, "after {step}");
    }

    #[test]
    fn checks_against_a_kept_index_match_the_cli_as_files_change() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = std::fs::canonicalize(dir.path())
            .expect("a path")
            .join("project");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/MEM306-MEM401-MEM402-project");
        copy_dir(&fixture, &root);
        let resolver = Arc::new(
            Resolver::new(Overrides {
                select: Some(vec!["ALL".to_owned()]),
                ..Overrides::default()
            })
            .expect("settings"),
        );
        let mut index = ProjectIndex::default();
        let (paths, _) = ProjectIndex::discover(std::slice::from_ref(&root), &resolver);
        for path in &paths {
            index.insert(
                path.clone(),
                IndexedFile::read(path, &resolver).expect("readable"),
            );
        }
        assert!(
            cli(&root).iter().any(|f| f.1 == "MEM401"),
            "the fixture has findings to keep"
        );
        every_file_as_the_cli(&resolver, &index, &root, "indexing");

        // Each edit: the edited document checked before its summary is
        // kept (the server's order), then every file against the index.
        let edits: [(&str, &Edit); 5] = [
            // The re-export through which `app.users` reaches `Record` goes.
            ("app/__init__.py", &|t| {
                t.replace("import Record, Sample", "import Sample")
            }),
            // A body changes, no name does.
            ("app/models.py", &|t| {
                t.replace("self.children = []", "self.children = None")
            }),
            // A class is renamed and another added before it.
            ("app/models.py", &|t| {
                t.replace("class Record:", "class Extra:\n    pass\n\n\nclass Row:")
            }),
            // The re-export comes back, under the new name.
            ("app/__init__.py", &|t| {
                t.replace("import Sample", "import Row as Record, Sample")
            }),
            // A new module instantiates a class in a loop.
            ("app/extra.py", &|_| {
                "from .models import Node\n\n\ndef make(n):\n    return [Node(None) for _ in range(n)]\n"
                    .to_owned()
            }),
        ];
        for (step, (file, edit)) in edits.iter().enumerate() {
            let path = root.join(file);
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            let text = edit(&old);
            assert_ne!(old, text, "edit {step} changes {file}");
            std::fs::write(&path, &text).expect("write");
            let (found, own) = server(&resolver, &index, &path, &text);
            let mut expected = cli(&root);
            expected.retain(|f| f.0 == path);
            assert_eq!(found, expected, "{file} as edited in step {step}");
            index.insert(path, own);
            every_file_as_the_cli(&resolver, &index, &root, &format!("step {step}"));
        }

        // A file deleted on disk leaves the index.
        let gone = root.join("app/users.py");
        std::fs::remove_file(&gone).expect("delete");
        assert!(index.remove(&gone));
        every_file_as_the_cli(&resolver, &index, &root, "a deletion");
    }
}
