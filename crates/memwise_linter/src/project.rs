//! The project model: each checked file's module name from its package root,
//! imports between checked files resolved to their classes (relative imports
//! and `__init__.py` re-exports included), and the whole-project rules run
//! over the summaries once every file has been checked.

// Module names and paths hash on every lookup: FxHash, not SipHash.
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use memwise_core::project::{ClassId, ClassUsage, FunctionId, FunctionUsage, ProjectFile};
use memwise_core::python::{absolute_import, is_quiet_code};
use memwise_core::summary::{ClassUses, DeferredFinding, ImportedCall, Target};
use memwise_core::{Diagnostic, FileSummary, Project, RuleSettings};

/// How deep re-exports are followed (`a/__init__.py` importing from
/// `a/b/__init__.py` importing from `a/b/c.py` is two).
const MAX_REEXPORTS: usize = 8;

pub(crate) mod partial;

/// One checked file as the project pass receives it.
pub(crate) struct Entry<'e> {
    pub(crate) path: &'e Path,
    pub(crate) summary: &'e FileSummary,
    pub(crate) settings: &'e RuleSettings,
    pub(crate) reported: bool,
}

/// The dotted module name of `path` from its package root: the nearest
/// folder above it without an `__init__.py`. `has_init` caches the lookups.
pub(crate) fn module_name(path: &Path, has_init: &mut HashMap<PathBuf, bool>) -> String {
    module_name_with(path, |folder| {
        *has_init
            .entry(folder.to_path_buf())
            .or_insert_with(|| folder.join("__init__.py").is_file())
    })
}

/// [`module_name`], with `is_package` telling whether a folder holds an
/// `__init__.py` (so that many names can be made at once from one set of
/// lookups).
pub(crate) fn module_name_with(path: &Path, is_package: impl FnMut(&Path) -> bool) -> String {
    let mut name = String::new();
    push_module_name(path, is_package, &mut name);
    name
}

/// Appends [`module_name_with`]'s name for `path` to `out`.
fn push_module_name(path: &Path, mut is_package: impl FnMut(&Path) -> bool, out: &mut String) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let mut parts = Vec::new();
    if stem != "__init__" {
        parts.push(stem);
    }
    let mut dir = path.parent();
    while let Some(folder) = dir {
        if !is_package(folder) {
            break;
        }
        match folder.file_name().and_then(|n| n.to_str()) {
            Some(name) => parts.push(name),
            None => break,
        }
        dir = folder.parent();
    }
    for (i, part) in parts.iter().rev().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(part);
    }
}

/// The module names of a run's files, by the files' positions, in one
/// string: a `String` each (and a hash map from name to file) was 1.7 MiB
/// of a cold run's peak on the benchmark corpus.
#[derive(Debug, Default)]
pub(crate) struct ModuleNames {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<u32>,
}

impl ModuleNames {
    /// The name of the file at `file`.
    pub(crate) fn get(&self, file: usize) -> &str {
        let start = match file {
            0 => 0,
            _ => self.ends[file - 1] as usize,
        };
        &self.text[start..self.ends[file] as usize]
    }

    /// How many names there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The names in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|file| self.get(file))
    }

    /// Adds the module name of `path` ([`module_name_with`]).
    fn push_path(&mut self, path: &Path, is_package: impl FnMut(&Path) -> bool) {
        push_module_name(path, is_package, &mut self.text);
        self.end();
    }

    /// Adds `name`.
    pub(crate) fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.end();
    }

    fn end(&mut self) {
        // Past 4 GiB of names the positions would wrap: no run checks
        // that many files.
        let end = u32::try_from(self.text.len()).expect("module names under 4 GiB");
        self.ends.push(end);
    }
}

/// A module name as [`Resolver`] records the modules it looked up: a hash,
/// so that a kept index holds eight bytes per module a file's names reach.
/// Two names that collide only make a file be resolved again needlessly.
pub(crate) fn module_key(name: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    name.hash(&mut hasher);
    hasher.finish()
}

/// The module names, and the lookup from a name to its file.
pub(crate) struct Modules<'n> {
    names: &'n ModuleNames,
    is_package: Vec<bool>,
    /// A hash table of the files by name, open addressing, at most half
    /// full: each slot holds a file's position plus one (0 is empty), with
    /// [`CLAIMED_TWICE`] set when another file has the same name. Four
    /// bytes a slot where a hash map from each name to its file took 33,
    /// half a MiB of the project pass's peak on the benchmark corpus; a
    /// binary search over the names in order cost a run 1% more
    /// instructions (16,000 lookups of 880 on a tenth of that corpus).
    slots: Vec<u32>,
}

/// Set in a [`Modules`] slot whose name two files claim.
const CLAIMED_TWICE: u32 = 1 << 31;

/// The entries' module names: `known` when the caller has made them (in
/// the entries' order), else looked up here.
fn module_names_of(entries: &[Entry<'_>], known: Option<ModuleNames>) -> ModuleNames {
    let names = known.unwrap_or_else(|| {
        let mut has_init: HashMap<PathBuf, bool> = HashMap::default();
        // A relative path stops at the working folder: `model.py` checked
        // from inside `pkg/` is still `pkg.model`, as it is from the root.
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut names = ModuleNames::default();
        names.ends.reserve_exact(entries.len());
        for e in entries {
            names.push_path(&crate::config::absolute(&cwd, e.path), |folder| {
                *has_init
                    .entry(folder.to_path_buf())
                    .or_insert_with(|| folder.join("__init__.py").is_file())
            });
        }
        names.text.shrink_to_fit();
        names
    });
    debug_assert_eq!(names.len(), entries.len());
    names
}

impl<'n> Modules<'n> {
    /// The lookup over `names`, the entries' module names in their order.
    fn new(entries: &[Entry<'_>], names: &'n ModuleNames) -> Self {
        let is_package = entries.iter().map(|e| is_package(e.path)).collect();
        // At most half full, so that a probe always meets an empty slot.
        let mut slots = vec![0; (names.len() * 2).next_power_of_two()];
        let mask = slots.len() - 1;
        for file in 0..names.len() {
            let name = names.get(file);
            // The top bit marks a name claimed twice: no run checks 2 G files.
            let entry = u32::try_from(file + 1)
                .ok()
                .filter(|e| e & CLAIMED_TWICE == 0)
                .expect("under 2 G files");
            let mut at = slot_of(name, mask);
            loop {
                let slot = slots[at];
                if slot == 0 {
                    slots[at] = entry;
                    break;
                }
                if names.get(((slot & !CLAIMED_TWICE) - 1) as usize) == name {
                    slots[at] = slot | CLAIMED_TWICE;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        Self {
            names,
            is_package,
            slots,
        }
    }

    /// The file whose module name is `module`; `None` when none is, or
    /// when two files claim it.
    fn file(&self, module: &str) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(module, mask);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            let file = ((slot & !CLAIMED_TWICE) - 1) as usize;
            if self.names.get(file) == module {
                return (slot & CLAIMED_TWICE == 0).then_some(file);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Where [`Modules`] starts looking for `name` in a table of `mask + 1`
/// slots.
fn slot_of(name: &str, mask: usize) -> usize {
    // The low bits of the hash pick the slot; the truncation is the point.
    #[allow(clippy::cast_possible_truncation)]
    let hash = module_key(name) as usize;
    hash & mask
}

pub(crate) use memwise_core::python::is_package_init as is_package;

/// Whether a file runs as a script: it has a main guard, or it is a
/// module in no package. A folder without `__init__.py` inside a package
/// is a namespace portion of it (PEP 420: reframe's `reframe/core/`,
/// imported as `reframe.core.logging`): its modules are a library's, not
/// scripts, though their names are read from the folder.
pub(crate) fn is_script(path: &Path, module: &str, summary: &FileSummary) -> bool {
    summary.has_main_guard
        || (!module.contains('.')
            && path.file_stem().is_some_and(|s| s != "__init__")
            && !path
                .parent()
                .and_then(Path::parent)
                .is_some_and(|above| above.join("__init__.py").is_file()))
}

/// The files a [`Resolver`] resolves names across, each by a number: a
/// run's checked files by their position, or a kept index's by its place
/// (where a number may name no file).
pub(crate) trait FileSet<'e> {
    /// One more than the largest number.
    fn len(&self) -> usize;
    /// The summary of `file`.
    fn summary(&self, file: usize) -> &'e FileSummary;
    /// The dotted module name of `file`.
    fn module(&self, file: usize) -> &str;
    /// Whether `file` is a package's `__init__`.
    fn is_package(&self, file: usize) -> bool;
    /// The file whose module name is `module`, when exactly one is.
    fn file(&self, module: &str) -> Option<usize>;
}

/// A run's checked files and their module names, each file's summary
/// asked of `summary`: a run's entries hold them, a pass over the reported
/// files decodes the others' as they are read ([`partial`]).
pub(crate) struct Listed<'r, 'e> {
    pub(crate) summary: &'r (dyn Fn(usize) -> &'e FileSummary + Sync),
    pub(crate) modules: &'r Modules<'r>,
}

impl<'e> FileSet<'e> for Listed<'_, 'e> {
    fn len(&self) -> usize {
        self.modules.names.len()
    }

    fn summary(&self, file: usize) -> &'e FileSummary {
        (self.summary)(file)
    }

    fn module(&self, file: usize) -> &str {
        self.modules.names.get(file)
    }

    fn is_package(&self, file: usize) -> bool {
        self.modules.is_package[file]
    }

    fn file(&self, module: &str) -> Option<usize> {
        self.modules.file(module)
    }
}

/// Lists up to this long are scanned; longer ones are looked up through a
/// map, built once. Maps for every file cost more memory at the end of a
/// run than all the scans of short lists cost time.
const SCAN_UP_TO: usize = 16;

/// A file's module-level classes, functions and imports, looked up by name.
/// A later definition or import of a name wins, as it does when the module
/// runs.
struct Names<'e> {
    summary: &'e FileSummary,
    /// Maps for the lists too long to scan; `None` when none is.
    maps: Option<Box<Maps<'e>>>,
}

struct Maps<'e> {
    classes: Option<HashMap<&'e str, usize>>,
    functions: Option<HashMap<&'e str, usize>>,
    imports: Option<HashMap<&'e str, &'e str>>,
}

impl<'e> Names<'e> {
    fn new(summary: &'e FileSummary) -> Self {
        let maps = Maps {
            classes: map_if_long(summary.classes.iter().map(|c| &*c.name)),
            functions: map_if_long(summary.functions.iter().map(|f| &*f.name)),
            // Collecting in source order leaves the last of each name.
            imports: summary
                .imports
                .iter()
                .nth(SCAN_UP_TO)
                .map(|_| summary.imports.iter().collect()),
        };
        let any = maps.classes.is_some() || maps.functions.is_some() || maps.imports.is_some();
        Self {
            summary,
            maps: any.then(|| Box::new(maps)),
        }
    }

    fn class(&self, name: &str) -> Option<usize> {
        last_position(
            self.maps.as_ref().and_then(|m| m.classes.as_ref()),
            self.summary.classes.iter().map(|c| &*c.name),
            name,
        )
    }

    fn function(&self, name: &str) -> Option<usize> {
        last_position(
            self.maps.as_ref().and_then(|m| m.functions.as_ref()),
            self.summary.functions.iter().map(|f| &*f.name),
            name,
        )
    }

    /// What the import binding `name` refers to.
    fn import(&self, name: &str) -> Option<&'e str> {
        match self.maps.as_ref().and_then(|m| m.imports.as_ref()) {
            Some(map) => map.get(name).copied(),
            None => self
                .summary
                .imports
                .iter()
                .rev()
                .find(|(bound, _)| *bound == name)
                .map(|(_, target)| target),
        }
    }
}

/// Each name's last position in `names`, when the list is too long to scan.
fn map_if_long<'e>(
    names: impl ExactSizeIterator<Item = &'e str>,
) -> Option<HashMap<&'e str, usize>> {
    // Collecting in order leaves the last position of each name.
    (names.len() > SCAN_UP_TO).then(|| names.enumerate().map(|(i, name)| (name, i)).collect())
}

/// The last position of `name` in `names`, through `map` when there is one.
fn last_position<'n>(
    map: Option<&HashMap<&str, usize>>,
    mut names: impl ExactSizeIterator<Item = &'n str> + DoubleEndedIterator,
    name: &str,
) -> Option<usize> {
    match map {
        Some(map) => map.get(name).copied(),
        None => names.rposition(|n| n == name),
    }
}

/// Resolves names to checked classes across files.
pub(crate) struct Resolver<'r, 'e> {
    files: &'r dyn FileSet<'e>,
    /// Built on first lookup: a package's `__init__.py` is searched once per
    /// import of it, and can hold hundreds of names.
    names: Vec<OnceCell<Names<'e>>>,
    /// While set, every module looked up is added to `touched` (as
    /// [`module_key`]): what a kept resolution depends on.
    recording: Cell<bool>,
    touched: RefCell<Vec<u64>>,
}

/// Which links of the files the whole-project pass resolves: those the
/// reported files' classes, list-returning functions and deferred
/// findings read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kinds {
    pub(crate) classes: bool,
    pub(crate) functions: bool,
    pub(crate) deferred: bool,
}

impl Kinds {
    pub(crate) const ALL: Self = Self {
        classes: true,
        functions: true,
        deferred: true,
    };

    /// What the reported files, whose summaries are `reported`, read.
    pub(crate) fn read_by<'s>(reported: impl Iterator<Item = &'s FileSummary> + Clone) -> Self {
        Self {
            classes: reported.clone().any(|s| !s.classes.is_empty()),
            functions: reported.clone().any(|s| !s.functions.is_empty()),
            deferred: reported.into_iter().any(|s| {
                s.deferred
                    .iter()
                    .any(DeferredFinding::depends_on_other_files)
            }),
        }
    }

    /// What the reported files among `entries` read.
    fn read_by_entries(entries: &[Entry<'_>]) -> Self {
        Self::read_by(entries.iter().filter(|e| e.reported).map(|e| e.summary))
    }

    /// Whether these are at least `other`.
    pub(crate) fn cover(self, other: Self) -> bool {
        (self.classes || !other.classes)
            && (self.functions || !other.functions)
            && (self.deferred || !other.deferred)
    }

    /// As one byte, for the cache.
    pub(crate) fn bits(self) -> u8 {
        u8::from(self.classes) | u8::from(self.functions) << 1 | u8::from(self.deferred) << 2
    }

    /// From [`Self::bits`].
    pub(crate) fn from_bits(bits: u8) -> Self {
        Self {
            classes: bits & 1 != 0,
            functions: bits & 2 != 0,
            deferred: bits & 4 != 0,
        }
    }
}

/// Everything one file's names resolve to, and the modules the resolution
/// looked up ([`module_key`]s, sorted, each once): it changes only when one
/// of those modules' files (or which file holds the name) changes.
pub(crate) struct Recorded {
    pub(crate) classes: ClassLinks,
    pub(crate) functions: FunctionLinks,
    pub(crate) touched: Box<[u64]>,
}

impl<'r, 'e> Resolver<'r, 'e> {
    pub(crate) fn new(files: &'r dyn FileSet<'e>) -> Self {
        Self {
            files,
            names: (0..files.len()).map(|_| OnceCell::new()).collect(),
            recording: Cell::new(false),
            touched: RefCell::new(Vec::new()),
        }
    }

    /// The class and function links of `file`, with the modules their
    /// resolution looked up, and those that the calls behind deferred
    /// findings would look up ([`deferred_calls`] of any file they reach).
    pub(crate) fn record(&self, file: usize) -> Recorded {
        self.record_kinds(file, Kinds::ALL)
    }

    /// [`Self::record`] of the `kinds` of links only (the others left
    /// empty).
    pub(crate) fn record_kinds(&self, file: usize, kinds: Kinds) -> Recorded {
        self.recording.set(true);
        let classes = if kinds.classes {
            class_links(self, file)
        } else {
            ClassLinks::default()
        };
        let functions = if kinds.functions {
            function_links(self, file)
        } else {
            FunctionLinks::default()
        };
        if kinds.deferred {
            deferred_calls(self, file, |_, _| None, |_, _| {});
            class_uses(self, file, |_, _| None, |_, _| {});
        }
        self.recording.set(false);
        let mut touched = std::mem::take(&mut *self.touched.borrow_mut());
        touched.sort_unstable();
        touched.dedup();
        Recorded {
            classes,
            functions,
            touched: touched.into_boxed_slice(),
        }
    }

    /// The class and function links of `file`.
    pub(crate) fn links(&self, file: usize) -> (ClassLinks, FunctionLinks) {
        (class_links(self, file), function_links(self, file))
    }

    fn names(&self, file: usize) -> &Names<'e> {
        self.names[file].get_or_init(|| Names::new(self.files.summary(file)))
    }

    /// The file of the module `module`, recorded as looked up.
    fn module_file(&self, module: &str) -> Option<usize> {
        if self.recording.get() {
            self.touched.borrow_mut().push(module_key(module));
        }
        self.files.file(module)
    }

    /// `.models.Record` seen from `file`, made absolute. An absolute name
    /// (most imports are) is borrowed, not copied.
    fn absolute<'d>(&self, file: usize, dotted: &'d str) -> Option<Cow<'d, str>> {
        absolute_import(self.files.module(file), self.files.is_package(file), dotted)
    }

    fn class_named(&self, file: usize, name: &str) -> Option<ClassId> {
        let class = self.names(file).class(name)?;
        Some(ClassId { file, class })
    }

    fn function_named(&self, file: usize, name: &str) -> Option<FunctionId> {
        let function = self.names(file).function(name)?;
        Some(FunctionId { file, function })
    }

    /// The checked list-returning function an imported dotted name
    /// reaches, through re-exports.
    fn resolve_function(&self, file: usize, dotted: &str) -> Option<FunctionId> {
        let absolute = self.absolute(file, dotted)?;
        self.function_at(&absolute)
    }

    /// [`Self::resolve_function`] for a name already made absolute.
    fn function_at(&self, absolute: &str) -> Option<FunctionId> {
        self.follow_reexports(absolute, |file, name| self.function_named(file, name))
    }

    /// Finds what `absolute` (`pkg.module.Name`) names with `find`, following
    /// re-exports (`from .models import Record` in `pkg/__init__.py`) a
    /// bounded number of times.
    fn follow_reexports<T>(
        &self,
        absolute: &str,
        find: impl Fn(usize, &str) -> Option<T>,
    ) -> Option<T> {
        // Borrowed until a re-export is followed: most names are not.
        let mut absolute = Cow::Borrowed(absolute);
        for _ in 0..=MAX_REEXPORTS {
            let (module, name) = absolute.rsplit_once('.')?;
            let file = self.module_file(module)?;
            if let Some(found) = find(file, name) {
                return Some(found);
            }
            let target = self.names(file).import(name)?;
            absolute = Cow::Owned(self.absolute(file, target)?.into_owned());
        }
        None
    }

    fn resolve(&self, file: usize, target: &Target) -> Option<ClassId> {
        match target {
            Target::Local(name) => self.class_named(file, name),
            Target::Imported(dotted) => {
                let absolute = self.absolute(file, dotted)?;
                self.follow_reexports(&absolute, |file, name| self.class_named(file, name))
            }
            Target::Unknown => None,
        }
    }
}

/// Walks the calls and references of imported names in `file`
/// ([`FileSummary::imported_calls`]) to the file and function that
/// `defers` says a deferred finding depends on, through re-exports, and
/// hands each one reached in another file to `each`.
pub(crate) fn deferred_calls<'e>(
    resolver: &Resolver<'_, 'e>,
    file: usize,
    defers: impl Fn(usize, &str) -> Option<(usize, Box<str>)>,
    mut each: impl FnMut((usize, Box<str>), &'e ImportedCall),
) {
    for usage in &resolver.files.summary(file).imported_calls {
        let Some(absolute) = resolver.absolute(file, &usage.target) else {
            continue;
        };
        let Some(key) = resolver
            .follow_reexports(&absolute, &defers)
            .or_else(|| through_class(resolver, &absolute, &defers))
        else {
            continue;
        };
        if key.0 == file {
            continue;
        }
        each(key, usage);
    }
}

/// `pkg.mod.Class.attribute...` (`IoMediator.listeners.append(self)`
/// after `from .iomediator import IoMediator`): the key `defers` gives
/// `Class.attribute` in the file that defines the class (MEM107's
/// [`memwise_core::summary::DeferredFinding::reached`]). The class is the
/// last segment spelled as one with an attribute after it.
fn through_class<T>(
    resolver: &Resolver<'_, '_>,
    absolute: &str,
    defers: impl Fn(usize, &str) -> Option<T>,
) -> Option<T> {
    let mut end = 0;
    let mut class_end = None;
    for segment in absolute.split('.') {
        let start = end;
        end = start + segment.len() + 1;
        let class_like = memwise_core::python::is_class_name(segment)
            && !memwise_core::python::is_constant_name(segment);
        if !class_like && class_end.is_some_and(|c| c + 1 == start) {
            // The attribute right after the class.
            let head = &absolute[..start - 1];
            return resolver.follow_reexports(head, |file, name| {
                defers(file, &format!("{name}.{segment}"))
            });
        }
        if class_like {
            class_end = Some(start + segment.len());
        }
    }
    None
}

/// MEM106's evidence of where a class is made: for each module-level
/// import of `file` that reaches a class (through re-exports) or the
/// module that defines it, the class, as the key `made_once` gives it, with
/// `true` when `file` calls it where a process runs once
/// ([`memwise_core::summary::ClassUses::made_once`]) and `false` when it
/// uses it otherwise. `made_once` says which
/// classes a deferred finding of their file is about.
pub(crate) fn class_uses(
    resolver: &Resolver<'_, '_>,
    file: usize,
    made_once: impl Fn(usize, &str) -> Option<(usize, Box<str>)>,
    mut each: impl FnMut((usize, Box<str>), bool),
) {
    let summary = resolver.files.summary(file);
    let Some(ClassUses {
        made_once: once,
        used,
    }) = summary.class_uses.as_deref().copied()
    else {
        return;
    };
    let mut found = |key: (usize, Box<str>)| {
        if used.may_contain(&key.1) {
            each(key, false);
        } else if once.may_contain(&key.1) {
            each(key, true);
        }
    };
    for (_, target) in summary.imports.iter() {
        let Some(absolute) = resolver.absolute(file, target) else {
            continue;
        };
        // `from .worker import Worker`, or through a package's re-export.
        if let Some(key) = resolver.follow_reexports(&absolute, &made_once) {
            if key.0 != file {
                found(key);
            }
            continue;
        }
        // `from . import worker`, `import app.worker`: `worker.Worker()`.
        let Some(module) = resolver.module_file(&absolute) else {
            continue;
        };
        if module == file {
            continue;
        }
        for deferred in &resolver.files.summary(module).deferred {
            if let Some(key) = deferred
                .made_once
                .as_deref()
                .and_then(|class| made_once(module, class))
            {
                found(key);
            }
        }
    }
}

/// Adds one use of a class from [`class_uses`] to its usage: a call made
/// once per process, or another use, which MEM106 counts as a reference.
pub(crate) fn add_class_use(usage: &mut ImportedCall, once: bool) {
    if once {
        usage.calls += 1;
    } else {
        usage.references += 1;
    }
}

/// The key of the class `name` of `file` when a MEM106 finding of `file`
/// waits on where it is made ([`DeferredFinding::made_once`]).
pub(crate) fn made_once_key(
    summary: &FileSummary,
    file: usize,
    name: &str,
) -> Option<(usize, Box<str>)> {
    summary
        .deferred
        .iter()
        .any(|d| d.made_once.as_deref() == Some(name))
        .then(|| (file, Box::<str>::from(name)))
}

/// The key under which the usages of `name` in other files are merged,
/// when it names a function that a deferred finding of `file` (whose
/// summary is `summary`) depends on.
pub(crate) fn deferred_key(
    summary: &FileSummary,
    file: usize,
    name: &str,
) -> Option<(usize, Box<str>)> {
    made_once_key(summary, file, name).or_else(|| {
        summary
            .deferred
            .iter()
            .any(|d| {
                d.conditions.iter().any(|c| &*c.function == name)
                    || d.reached.as_deref() == Some(name)
            })
            .then(|| (file, Box::<str>::from(name)))
    })
}

/// What other files do with the functions that files' deferred findings
/// depend on: calls and references resolved through imports and
/// re-exports, merged per (file, function).
fn deferred_usages(
    entries: &[Entry<'_>],
    resolver: &Resolver<'_, '_>,
) -> std::collections::HashMap<(usize, Box<str>), ImportedCall> {
    let mut found = std::collections::HashMap::new();
    // Only a reported file's deferred findings are read.
    if entries.iter().all(|e| {
        !e.reported
            || !e
                .summary
                .deferred
                .iter()
                .any(DeferredFinding::depends_on_other_files)
    }) {
        return found;
    }
    let defers = |file: usize, name: &str| deferred_key(entries[file].summary, file, name);
    let made_once = |file: usize, name: &str| made_once_key(entries[file].summary, file, name);
    for (file, entry) in entries.iter().enumerate() {
        deferred_calls(resolver, file, defers, |key, usage| {
            found
                .entry(key)
                .or_insert_with(ImportedCall::default)
                .merge(usage);
        });
        // What tests make is no evidence of how often a program does.
        if !is_quiet_code(entry.path, entry.settings) {
            class_uses(resolver, file, made_once, |key, once| {
                add_class_use(found.entry(key).or_default(), once);
            });
        }
    }
    found
}

/// What one file's class bases and calls resolve to: its part of what the
/// project knows about classes ([`ClassUsage`]), which a kept index holds
/// between checks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ClassLinks {
    /// For each of its classes, each base resolved to a checked class.
    pub(crate) bases: Vec<Vec<Option<ClassId>>>,
    /// Each call (its position in the summary's calls) that reaches a
    /// checked class, and the class.
    pub(crate) calls: Vec<(usize, ClassId)>,
}

/// Resolves the class bases and calls of `file`.
pub(crate) fn class_links(resolver: &Resolver<'_, '_>, file: usize) -> ClassLinks {
    let summary = resolver.files.summary(file);
    ClassLinks {
        bases: summary
            .classes
            .iter()
            .map(|fact| {
                fact.bases
                    .iter()
                    .map(|b| resolver.resolve(file, b))
                    .collect()
            })
            .collect(),
        calls: summary
            .calls
            .iter()
            .enumerate()
            .filter_map(|(i, call)| Some((i, resolver.resolve(file, &call.target)?)))
            .collect(),
    }
}

/// Adds what `file` (whose summary is `summary`) does with classes to
/// `usages`, a usage for each class it reaches ([`Project::usages`]; their
/// bases are added once every file's are). Files must be added in order:
/// the first loop and the attributes are kept in the order they were
/// found.
fn add_class_links(
    usages: &mut HashMap<ClassId, ClassUsage>,
    file: usize,
    summary: &FileSummary,
    links: &ClassLinks,
) {
    for (fact, bases) in summary.classes.iter().zip(&links.bases) {
        for base in bases.iter().flatten() {
            add_subclass(usages.entry(*base).or_default(), fact);
        }
    }
    for &(call, id) in &links.calls {
        add_call(usages.entry(id).or_default(), file, &summary.calls[call]);
    }
}

/// What a class `fact` derives from adds to the usage of its base.
pub(crate) fn add_subclass(usage: &mut ClassUsage, fact: &memwise_core::summary::ClassFact) {
    usage.has_subclasses = true;
    if fact.dataclass.is_none() && !fact.attrs_define && fact.layout.init_skips_base {
        usage.subclass_inits_itself = true;
    }
    if fact.bases.len() > 1 {
        usage.in_multiple_inheritance = true;
    }
}

/// What a call of the class in `file` adds to its usage.
pub(crate) fn add_call(
    usage: &mut ClassUsage,
    file: usize,
    call: &memwise_core::summary::CallSite,
) {
    // Every loop, in test files too: which ones count is the rules'
    // decision (see `first_loop_outside_tests`).
    if call.in_loop {
        usage.loop_instantiations.push((file, call.range));
    }
    for attribute in &call.stored_attributes {
        if !usage.outside_attributes.contains(attribute) {
            usage.outside_attributes.push(attribute.clone());
        }
    }
}

/// The first loop shown is the one in the class's own file, if any.
pub(crate) fn sort_loops(usage: &mut ClassUsage, file: usize) {
    usage
        .loop_instantiations
        .sort_by_key(|(f, range)| (*f != file, *f, range.start()));
}

/// What one file's imports and references reach among other files'
/// list-returning functions: its part of [`FunctionUsage`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FunctionLinks {
    /// Each reference of an imported name that reaches a list-returning
    /// function of another file: whether it is an iterated call, and the
    /// function.
    pub(crate) references: Vec<(bool, FunctionId)>,
    /// Each module-level import that reaches another file's list-returning
    /// function, or another file's module as a whole.
    pub(crate) imports: Vec<ImportLink>,
}

/// What one import reaches (see [`FunctionLinks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportLink {
    /// A list-returning function.
    Function(FunctionId),
    /// A whole module: each of its functions is imported elsewhere.
    Module(usize),
}

/// Resolves the imports and references of `file` to other files'
/// list-returning functions and modules.
pub(crate) fn function_links(resolver: &Resolver<'_, '_>, file: usize) -> FunctionLinks {
    let summary = resolver.files.summary(file);
    let mut links = FunctionLinks::default();
    for reference in &summary.references {
        let Target::Imported(dotted) = &reference.target else {
            continue;
        };
        let Some(id) = resolver.resolve_function(file, dotted) else {
            continue;
        };
        if id.file != file {
            links.references.push((reference.iterated, id));
        }
    }
    for (_, target) in summary.imports.iter() {
        // Made absolute once, for both questions.
        let Some(absolute) = resolver.absolute(file, target) else {
            continue;
        };
        if let Some(id) = resolver.function_at(&absolute) {
            if id.file != file {
                links.imports.push(ImportLink::Function(id));
            }
        } else if let Some(module) = resolver.module_file(&absolute)
            && module != file
        {
            links.imports.push(ImportLink::Module(module));
        }
    }
    links
}

/// Adds what a file's [`FunctionLinks`] say to `usages`; `at` turns a file
/// of `links` into its place in `usages` (`None`: not there).
pub(crate) fn add_function_links(
    usages: &mut [Vec<FunctionUsage>],
    links: &FunctionLinks,
    at: impl Fn(usize) -> Option<usize>,
) {
    for &(iterated, id) in &links.references {
        let Some(file) = at(id.file) else {
            continue;
        };
        let usage = &mut usages[file][id.function];
        if iterated {
            usage.iterated_calls += 1;
        } else {
            usage.other_references += 1;
        }
    }
    for link in &links.imports {
        match *link {
            ImportLink::Function(id) => {
                if let Some(file) = at(id.file) {
                    usages[file][id.function].imported_elsewhere = true;
                }
            }
            ImportLink::Module(module) => {
                if let Some(file) = at(module) {
                    for usage in &mut usages[file] {
                        usage.imported_elsewhere = true;
                    }
                }
            }
        }
    }
}

/// Every attribute name some file stores on an object of unknown type
/// (each once, sorted, so that rules can look a name up).
fn unknown_attribute_stores<'p>(entries: &[Entry<'p>]) -> Vec<&'p str> {
    let mut names: Vec<&'p str> = entries
        .iter()
        .flat_map(|e| e.summary.unknown_attribute_stores.iter())
        .map(AsRef::as_ref)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Builds the project and runs the enabled whole-project rules; returns
/// (file position in `entries`, diagnostic) for reported files only, before
/// selection, per-file-ignores and noqa. `modules` are the entries' module
/// names when the caller made them already: a warm run that keys its kept
/// result makes them from its kept walks, and making them again here (a
/// `stat` per folder, on one thread) was a sixteenth of a pre-commit run
/// whose summary moved.
pub(crate) fn check_project(
    entries: &[Entry<'_>],
    modules: Option<ModuleNames>,
) -> Vec<(usize, Diagnostic)> {
    check_project_with(entries, modules, None)
}

/// [`check_project`], and the files not reported whose resolution of the
/// [`Kinds`] of links the pass reads (returned too) looked up the module of
/// a reported file, in order: no other file can reach a reported file, and
/// which files do stays the same while only reported files change
/// (whatever a resolution looks up before it first meets a reported module
/// is unchanged), so a kept list of them lets a later run resolve only
/// these ([`partial::check_reported`]).
pub(crate) fn check_project_and_readers(
    entries: &[Entry<'_>],
    modules: Option<ModuleNames>,
) -> (Vec<(usize, Diagnostic)>, Vec<usize>, Kinds) {
    let mut readers = Vec::new();
    let found = check_project_with(entries, modules, Some(&mut readers));
    (found, readers, Kinds::read_by_entries(entries))
}

fn check_project_with(
    entries: &[Entry<'_>],
    modules: Option<ModuleNames>,
    readers: Option<&mut Vec<usize>>,
) -> Vec<(usize, Diagnostic)> {
    let names = module_names_of(entries, modules);
    let modules = Modules::new(entries, &names);
    let is_test: Vec<bool> = entries
        .iter()
        .map(|e| is_quiet_code(e.path, e.settings))
        .collect();
    let summary = |file: usize| entries[file].summary;
    let listed = Listed {
        summary: &summary,
        modules: &modules,
    };
    let resolver = Resolver::new(&listed);
    // Rules report on reported files only (`Project::classes`,
    // `Project::functions`, `Project::report_deferred`), so what other files
    // do with classes or functions is resolved only when a reported file has
    // some.
    let kinds = Kinds::read_by_entries(entries);
    let (reads_classes, reads_functions) = (kinds.classes, kinds.functions);
    // Recording what each file's resolution looks up costs the links the
    // pass would resolve anyway, so the links are taken from the records.
    let (mut recorded_classes, mut recorded_functions) = (None, None);
    if let Some(readers) = readers {
        let mut watched: Vec<u64> = entries
            .iter()
            .zip(names.iter())
            .filter(|(e, _)| e.reported)
            .map(|(_, module)| module_key(module))
            .collect();
        watched.sort_unstable();
        // Only the links the pass resolves anyway: a later run that needs
        // others runs the whole pass again.
        let recorded = on_all_threads(&listed, entries.len(), |resolver, file| {
            resolver.record_kinds(file, kinds)
        });
        let mut classes = Vec::with_capacity(recorded.len());
        let mut functions = Vec::with_capacity(recorded.len());
        for (file, record) in recorded.into_iter().enumerate() {
            if !entries[file].reported
                && record
                    .touched
                    .iter()
                    .any(|key| watched.binary_search(key).is_ok())
            {
                readers.push(file);
            }
            classes.push(record.classes);
            functions.push(record.functions);
        }
        (recorded_classes, recorded_functions) = (Some(classes), Some(functions));
    }
    let mut usages: HashMap<ClassId, ClassUsage> = HashMap::default();
    if reads_classes {
        let mut links =
            recorded_classes.unwrap_or_else(|| on_all_threads(&listed, entries.len(), class_links));
        for (file, (entry, links)) in entries.iter().zip(&links).enumerate() {
            add_class_links(&mut usages, file, entry.summary, links);
        }
        // Each reached class's bases move into its usage: copied, they
        // were alive twice at the project pass's peak.
        for (id, usage) in &mut usages {
            usage.bases = std::mem::take(&mut links[id.file].bases[id.class]);
        }
    }
    let mut function_usages: Vec<Vec<FunctionUsage>> = entries
        .iter()
        .map(|e| vec![FunctionUsage::default(); e.summary.functions.len()])
        .collect();
    if reads_functions {
        let links = recorded_functions
            .unwrap_or_else(|| on_all_threads(&listed, entries.len(), function_links));
        for links in &links {
            add_function_links(&mut function_usages, links, Some);
        }
    }
    let deferred_usages = deferred_usages(entries, &resolver);
    for (id, usage) in &mut usages {
        sort_loops(usage, id.file);
    }
    drop(resolver);
    // Freed before the project is built, which reuses the memory.
    drop(modules);
    let project = Project {
        files: entries
            .iter()
            .zip(names.iter())
            .zip(is_test)
            .map(|((e, module), is_test)| project_file(e, module, e.summary, is_test))
            .collect(),
        usages,
        function_usages,
        deferred_usages,
        unknown_attribute_stores: unknown_attribute_stores(entries),
    };
    run_rules(&project)
}

/// The file of `e`, as the rules read it, with `summary` (the entry's, or
/// one that stands for it).
fn project_file<'p>(
    e: &Entry<'p>,
    module: &'p str,
    summary: &'p FileSummary,
    is_test: bool,
) -> ProjectFile<'p> {
    ProjectFile {
        path: e.path,
        is_test,
        is_script: is_script(e.path, module, summary),
        module,
        summary,
        settings: e.settings,
        reported: e.reported,
    }
}

/// `links` of each of the `count` files of `files`, resolved on all threads
/// and returned in the files' order (their usages are added up in that
/// order). Resolving every file's names was the longest stretch of a whole
/// pass on one thread. Each piece of work has a resolver of its own: a
/// resolver builds its lookups as it goes, and is not shared.
fn on_all_threads<'e, T: Send>(
    files: &Listed<'_, 'e>,
    count: usize,
    links: impl Fn(&Resolver<'_, 'e>, usize) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    // Pieces large enough that a resolver's lookups are made once for
    // many files, not once per file.
    (0..count)
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || Resolver::new(files),
            |resolver, file| links(resolver, file),
        )
        .collect()
}

/// Runs the enabled whole-project rules over `project`.
pub(crate) fn run_rules(project: &Project<'_>) -> Vec<(usize, Diagnostic)> {
    let mut found = Vec::new();
    for rule in memwise_rules::project_rules() {
        rule.check_project(project, &mut found);
    }
    // As in the per-file pass, a rule that stays silent in test code is not
    // reported there.
    found.retain(|(file, d)| d.rule.test_code || !project.files[*file].is_test);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use memwise_core::summary::{FunctionFact, ImportsBuilder};
    use ruff_text_size::{TextRange, TextSize};

    #[test]
    fn a_later_definition_or_import_of_a_name_wins() {
        let function = |name: &str| FunctionFact {
            name: name.into(),
            name_range: TextRange::empty(TextSize::new(0)),
            local_calls: 0,
            local_uses_iterate: true,
        };
        // Short lists are scanned, long ones mapped: both must agree.
        for filler in [0, SCAN_UP_TO] {
            let mut functions = vec![function("load"), function("save")];
            let mut imports = ImportsBuilder::default();
            imports.push("Record", ".old.Record");
            for i in 0..filler {
                functions.push(function(&format!("f{i}")));
                imports.push(&format!("name{i}"), ".other");
            }
            functions.push(function("load"));
            imports.push("Record", ".models.Record");
            let last = functions.len() - 1;
            let summary = FileSummary {
                functions,
                imports: imports.finish(),
                ..FileSummary::default()
            };
            let names = Names::new(&summary);
            assert_eq!(names.maps.is_some(), filler > 0);
            assert_eq!(names.function("load"), Some(last));
            assert_eq!(names.function("save"), Some(1));
            assert_eq!(names.function("missing"), None);
            assert_eq!(names.import("Record"), Some(".models.Record"));
            assert_eq!(names.import("missing"), None);
            assert_eq!(names.class("Record"), None);
        }
    }

    #[test]
    fn a_module_name_claimed_twice_names_no_file() {
        let paths: Vec<PathBuf> = ["a/x.py", "b/y.py", "c/x.py", "d/z.py", "e/x.py"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let summary = FileSummary::default();
        let settings = RuleSettings::default();
        let entries: Vec<Entry<'_>> = paths
            .iter()
            .map(|path| Entry {
                path,
                summary: &summary,
                settings: &settings,
                reported: true,
            })
            .collect();
        let mut names = ModuleNames::default();
        for name in ["pkg.x", "pkg.y", "pkg.x", "pkg.z", "pkg.x"] {
            names.push(name);
        }
        let modules = Modules::new(&entries, &names);
        assert_eq!(modules.file("pkg.y"), Some(1));
        assert_eq!(modules.file("pkg.z"), Some(3));
        assert_eq!(modules.file("pkg.x"), None);
        assert_eq!(modules.file("pkg"), None);
        assert_eq!(Modules::new(&[], &ModuleNames::default()).file("pkg"), None);
    }

    #[test]
    fn module_names_follow_init_files() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let app = dir.path().join("proj/app");
        std::fs::create_dir_all(app.join("sub")).expect("folders");
        std::fs::write(app.join("__init__.py"), "").expect("write");
        std::fs::write(app.join("sub/__init__.py"), "").expect("write");
        let mut cache = HashMap::default();
        assert_eq!(
            module_name(&app.join("models.py"), &mut cache),
            "app.models"
        );
        assert_eq!(module_name(&app.join("__init__.py"), &mut cache), "app");
        assert_eq!(module_name(&app.join("sub/x.py"), &mut cache), "app.sub.x");
        assert_eq!(
            module_name(&dir.path().join("proj/script.py"), &mut cache),
            "script"
        );
    }
}
