//! A project's file summaries kept between checks, for the language
//! server: what `--project-root` indexes on every run, built once and then
//! updated one file at a time. Only summaries are kept, never syntax trees
//! or texts, so its memory stays proportional to what the whole-project
//! rules need.
//!
//! What the whole-project pass derives from each file alone is kept too,
//! so that a check of one document recomputes only what its text changes:
//! the file's module name and test flag (computed when the file is
//! added), and what its class bases and calls resolve to (resolved when
//! first needed, and again when a module its resolution looked up changes
//! its names, appears or goes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use memwise_core::project::ClassId;
use memwise_core::python::is_quiet_code;
use memwise_core::{Diagnostic, FileSummary};

use crate::config::{Resolver, Settings};
use crate::fix::FixMode;
use crate::fixing::FixJob;
use crate::per_file::{self, Outcome};
use crate::project::{self, ClassLinks, Entry, Modules, add_class_links, module_key, module_name};
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
        match per_file::check_path(path, None, resolver, job, true, None, false) {
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
    /// Each file's place in `slots`. A file keeps its place while it is
    /// indexed, so that kept links can name it.
    paths: BTreeMap<PathBuf, u32>,
    slots: Vec<Option<Slot>>,
    /// Places left by removed files.
    free: Vec<u32>,
    /// Whether each folder holds an `__init__.py`, as the module names
    /// were computed.
    has_init: FxHashMap<PathBuf, bool>,
    /// Each place's class links (classes named by place); `None` until
    /// resolved, or since something they depend on changed.
    links: Mutex<Vec<Option<Resolved>>>,
}

/// An indexed file and what is derived from it alone.
struct Slot {
    file: IndexedFile,
    /// Its dotted module name, from its package root.
    module: String,
    /// Test code (or a stub), as the project pass asks.
    is_test: bool,
}

/// A file's class links and the modules their resolution looked up
/// ([`module_key`]s, sorted).
struct Resolved {
    links: ClassLinks,
    touched: Box<[u64]>,
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
        if let Some(&slot) = self.paths.get(&path) {
            let links = self
                .links
                .get_mut()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let stored = self.slots[slot as usize]
                .as_mut()
                .expect("an indexed path has its place");
            let changed = stored.file.fingerprint != file.fingerprint;
            let renamed = !same_names(&stored.file.summary, &file.summary);
            stored.file = file;
            stored.is_test = is_test;
            links[slot as usize] = None;
            if renamed {
                let key = module_key(&stored.module);
                forget_links_through(links, key);
            }
            return changed;
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let module = module_name(&crate::config::absolute(&cwd, &path), &mut self.has_init);
        let slot = self.free.pop().unwrap_or_else(|| {
            self.slots.push(None);
            u32::try_from(self.slots.len() - 1).expect("fewer than 4 billion files")
        });
        let links = self
            .links
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        links.resize_with(self.slots.len(), || None);
        links[slot as usize] = None;
        forget_links_through(links, module_key(&module));
        self.slots[slot as usize] = Some(Slot {
            file,
            module,
            is_test,
        });
        let package = init_folder(&path);
        self.paths.insert(path, slot);
        if let Some(folder) = package {
            self.package_changed(&folder);
        }
        true
    }

    /// Takes the entry of `path` out of the index.
    pub fn take(&mut self, path: &Path) -> Option<IndexedFile> {
        let slot = self.paths.remove(path)?;
        let stored = self.slots[slot as usize].take()?;
        self.free.push(slot);
        let links = self
            .links
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        links[slot as usize] = None;
        forget_links_through(links, module_key(&stored.module));
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
        let under: Vec<PathBuf> = self
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
        for (path, &slot) in &self.paths {
            if let Some(stored) = self.slots[slot as usize].as_mut() {
                stored.module =
                    module_name(&crate::config::absolute(&cwd, path), &mut self.has_init);
            }
        }
        let links = self
            .links
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        links.fill_with(|| None);
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
        self.files()
            .map(|(path, stored)| {
                path.as_os_str().len() + stored.file.approximate_size() + stored.module.len()
            })
            .sum()
    }

    /// The indexed files in order of their paths, with their places.
    fn files(&self) -> impl Iterator<Item = (&Path, &Slot)> {
        self.paths
            .iter()
            .filter_map(|(path, &slot)| Some((path.as_path(), self.slots[slot as usize].as_ref()?)))
    }

    /// Every file but `except`, as the project pass reads them (only
    /// indexed: never reported).
    pub(crate) fn views_except<'a>(&'a self, except: &Path) -> Vec<PassFile<'a>> {
        self.paths
            .iter()
            .filter(|(path, _)| path.as_path() != except)
            .filter_map(|(path, &slot)| {
                let stored = self.slots[slot as usize].as_ref()?;
                Some(PassFile {
                    path,
                    summary: &stored.file.summary,
                    settings: &stored.file.settings,
                    reported: false,
                    fingerprint: stored.file.fingerprint,
                    slot: Some(slot),
                })
            })
            .collect()
    }

    /// [`project::check_project`] over `entries`, where `files[i]` is the
    /// file of `entries[i]`: those from [`Self::views_except`] bring what
    /// the index keeps, and only the others (the checked document) and the
    /// files whose links went through a module the document changes are
    /// resolved now.
    pub(crate) fn check_project(
        &self,
        entries: &[Entry<'_>],
        files: &[PassFile<'_>],
    ) -> Vec<(usize, Diagnostic)> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut has_init = FxHashMap::default();
        let mut names = Vec::with_capacity(entries.len());
        let mut is_test = Vec::with_capacity(entries.len());
        // Where each place's classes are in `entries` (the document stands
        // for its own file).
        let mut position = vec![usize::MAX; self.slots.len()];
        // Modules whose file differs from the indexed one: links that went
        // through them are resolved again.
        let mut changed: Vec<u64> = Vec::new();
        let mut replaced = Vec::new();
        for (at, (entry, file)) in entries.iter().zip(files).enumerate() {
            if let Some(stored) = file
                .slot
                .and_then(|slot| self.slots[slot as usize].as_ref())
            {
                names.push(stored.module.clone());
                is_test.push(stored.is_test);
                if let Some(slot) = file.slot {
                    position[slot as usize] = at;
                }
                continue;
            }
            let module = module_name(&crate::config::absolute(&cwd, entry.path), &mut has_init);
            is_test.push(is_quiet_code(entry.path, entry.settings));
            let indexed = self
                .paths
                .get(entry.path)
                .and_then(|&slot| Some((slot, self.slots[slot as usize].as_ref()?)));
            match indexed {
                Some((slot, stored)) => {
                    position[slot as usize] = at;
                    replaced.push(slot);
                    if stored.module != module || !same_names(&stored.file.summary, entry.summary) {
                        changed.push(module_key(&stored.module));
                        changed.push(module_key(&module));
                    }
                }
                None => changed.push(module_key(&module)),
            }
            names.push(module);
        }
        let modules = Modules::from_names(entries, names);
        project::check_project_with(entries, modules, &is_test, |resolver, usages| {
            let mut links = crate::lock(&self.links);
            self.resolve_links(&mut links, &replaced);
            for (at, (entry, file)) in entries.iter().zip(files).enumerate() {
                let kept = file
                    .slot
                    .and_then(|slot| links.get(slot as usize)?.as_ref())
                    .filter(|r| {
                        !changed
                            .iter()
                            .any(|key| r.touched.binary_search(key).is_ok())
                            // Kept links name only indexed files; should one
                            // not be here, resolving again is still right.
                            && r.links
                                .bases
                                .iter()
                                .flatten()
                                .flatten()
                                .chain(r.links.calls.iter().map(|(_, id)| id))
                                .all(|id| position.get(id.file).is_some_and(|at| *at != usize::MAX))
                    });
                if let Some(resolved) = kept {
                    let at_place = |id: ClassId| ClassId {
                        file: position[id.file],
                        class: id.class,
                    };
                    add_class_links(usages, at, entry.summary, &resolved.links, at_place);
                } else {
                    let links = project::class_links(resolver, at);
                    add_class_links(usages, at, entry.summary, &links, |id| id);
                }
            }
        })
    }

    /// Resolves now what checks would otherwise resolve first (the class
    /// links of every file not yet resolved), so that the first check
    /// after a build does not pay for the whole project.
    pub fn resolve(&self) {
        self.resolve_links(&mut crate::lock(&self.links), &[]);
    }

    /// Resolves the links of every place that has none, but `skip` (files a
    /// document stands for, whose links the check makes itself), against
    /// the indexed files.
    fn resolve_links(&self, links: &mut Vec<Option<Resolved>>, skip: &[u32]) {
        links.resize_with(self.slots.len(), || None);
        let missing = self
            .paths
            .values()
            .any(|&slot| links[slot as usize].is_none() && !skip.contains(&slot));
        if !missing {
            return;
        }
        let (slots, entries): (Vec<u32>, Vec<Entry<'_>>) = self
            .paths
            .iter()
            .filter_map(|(path, &slot)| {
                let stored = self.slots[slot as usize].as_ref()?;
                Some((
                    slot,
                    Entry {
                        path,
                        summary: &stored.file.summary,
                        settings: &stored.file.settings.rule_settings,
                        reported: false,
                    },
                ))
            })
            .unzip();
        let names = slots
            .iter()
            .filter_map(|&slot| Some(self.slots[slot as usize].as_ref()?.module.clone()))
            .collect();
        let modules = Modules::from_names(&entries, names);
        let resolver = project::Resolver::new(&entries, &modules);
        for (at, &slot) in slots.iter().enumerate() {
            if links[slot as usize].is_some() || skip.contains(&slot) {
                continue;
            }
            let (mut found, touched) = resolver.class_links_recorded(at);
            let place = |id: &mut ClassId| id.file = slots[id.file] as usize;
            found.bases.iter_mut().flatten().flatten().for_each(place);
            found.calls.iter_mut().for_each(|(_, id)| place(id));
            links[slot as usize] = Some(Resolved {
                links: found,
                touched,
            });
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
}

/// Forgets the links whose resolution looked up the module `key`.
fn forget_links_through(links: &mut [Option<Resolved>], key: u64) {
    for slot in links {
        if slot
            .as_ref()
            .is_some_and(|r| r.touched.binary_search(&key).is_ok())
        {
            *slot = None;
        }
    }
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
