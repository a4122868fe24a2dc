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
use memwise_core::python::is_quiet_code;
use memwise_core::summary::{ImportedCall, Target};
use memwise_core::{Diagnostic, FileSummary, Project, RuleSettings};

/// How deep re-exports are followed (`a/__init__.py` importing from
/// `a/b/__init__.py` importing from `a/b/c.py` is two).
const MAX_REEXPORTS: usize = 8;

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
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    let mut parts = Vec::new();
    if stem != "__init__" {
        parts.push(stem);
    }
    let mut dir = path.parent();
    while let Some(folder) = dir {
        let is_package = *has_init
            .entry(folder.to_path_buf())
            .or_insert_with(|| folder.join("__init__.py").is_file());
        if !is_package {
            break;
        }
        match folder.file_name().and_then(|n| n.to_str()) {
            Some(name) => parts.push(name.to_owned()),
            None => break,
        }
        dir = folder.parent();
    }
    parts.reverse();
    parts.join(".")
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
pub(crate) struct Modules {
    names: Vec<String>,
    is_package: Vec<bool>,
    /// `None` when two checked files claim the same module name.
    by_name: HashMap<String, Option<usize>>,
}

impl Modules {
    fn new(entries: &[Entry<'_>]) -> Self {
        let mut has_init = HashMap::default();
        // A relative path stops at the working folder: `model.py` checked
        // from inside `pkg/` is still `pkg.model`, as it is from the root.
        let cwd = std::env::current_dir().unwrap_or_default();
        let names: Vec<String> = entries
            .iter()
            .map(|e| module_name(&crate::config::absolute(&cwd, e.path), &mut has_init))
            .collect();
        Self::from_names(entries, names)
    }

    /// The lookup for `entries` whose module names are known (`names[i]`
    /// is `entries[i]`'s, as [`module_name`] gives it).
    pub(crate) fn from_names(entries: &[Entry<'_>], names: Vec<String>) -> Self {
        let is_package = entries
            .iter()
            .map(|e| e.path.file_stem().is_some_and(|s| s == "__init__"))
            .collect();
        let mut by_name: HashMap<String, Option<usize>> = HashMap::default();
        for (i, name) in names.iter().enumerate() {
            by_name
                .entry(name.clone())
                .and_modify(|slot| *slot = None)
                .or_insert(Some(i));
        }
        Self {
            names,
            is_package,
            by_name,
        }
    }

    fn file(&self, module: &str) -> Option<usize> {
        self.by_name.get(module).copied().flatten()
    }

    /// `.models.Record` seen from `file`, made absolute. An absolute name
    /// (most imports are) is borrowed, not copied.
    fn absolute<'d>(&self, file: usize, dotted: &'d str) -> Option<Cow<'d, str>> {
        let level = dotted.bytes().take_while(|b| *b == b'.').count();
        if level == 0 {
            return Some(Cow::Borrowed(dotted));
        }
        let mut package: Vec<&str> = self.names[file].split('.').collect();
        if !self.is_package[file] {
            package.pop();
        }
        for _ in 1..level {
            package.pop()?;
        }
        let rest = &dotted[level..];
        if !rest.is_empty() {
            package.push(rest);
        }
        Some(Cow::Owned(package.join(".")))
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
    entries: &'r [Entry<'e>],
    modules: &'r Modules,
    /// Built on first lookup: a package's `__init__.py` is searched once per
    /// import of it, and can hold hundreds of names.
    names: Vec<OnceCell<Names<'e>>>,
    /// While set, every module looked up is added to `touched` (as
    /// [`module_key`]): what a kept resolution depends on.
    recording: Cell<bool>,
    touched: RefCell<Vec<u64>>,
}

impl<'r, 'e> Resolver<'r, 'e> {
    pub(crate) fn new(entries: &'r [Entry<'e>], modules: &'r Modules) -> Self {
        Self {
            entries,
            modules,
            names: entries.iter().map(|_| OnceCell::new()).collect(),
            recording: Cell::new(false),
            touched: RefCell::new(Vec::new()),
        }
    }

    /// [`class_links`] of `file`, with the modules its resolution looked
    /// up (sorted, each once): the file's links change only when one of
    /// those modules' files (or which file holds the name) changes.
    pub(crate) fn class_links_recorded(&self, file: usize) -> (ClassLinks, Box<[u64]>) {
        self.recording.set(true);
        let links = class_links(self, file);
        self.recording.set(false);
        let mut touched = std::mem::take(&mut *self.touched.borrow_mut());
        touched.sort_unstable();
        touched.dedup();
        (links, touched.into_boxed_slice())
    }

    fn names(&self, file: usize) -> &Names<'e> {
        self.names[file].get_or_init(|| Names::new(self.entries[file].summary))
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
        let absolute = self.modules.absolute(file, dotted)?;
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
            if self.recording.get() {
                self.touched.borrow_mut().push(module_key(module));
            }
            let file = self.modules.file(module)?;
            if let Some(found) = find(file, name) {
                return Some(found);
            }
            let target = self.names(file).import(name)?;
            absolute = Cow::Owned(self.modules.absolute(file, target)?.into_owned());
        }
        None
    }

    fn resolve(&self, file: usize, target: &Target) -> Option<ClassId> {
        match target {
            Target::Local(name) => self.class_named(file, name),
            Target::Imported(dotted) => {
                let absolute = self.modules.absolute(file, dotted)?;
                self.follow_reexports(&absolute, |file, name| self.class_named(file, name))
            }
            Target::Unknown => None,
        }
    }
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
    if entries
        .iter()
        .all(|e| !e.reported || e.summary.deferred.is_empty())
    {
        return found;
    }
    let defers = |file: usize, name: &str| {
        entries[file]
            .summary
            .deferred
            .iter()
            .flat_map(|d| &d.conditions)
            .any(|c| &*c.function == name)
            .then(|| (file, Box::<str>::from(name)))
    };
    for (file, entry) in entries.iter().enumerate() {
        for usage in &entry.summary.imported_calls {
            let Some(absolute) = resolver.modules.absolute(file, &usage.target) else {
                continue;
            };
            let Some(key) = resolver.follow_reexports(&absolute, defers) else {
                continue;
            };
            if key.0 == file {
                continue;
            }
            found
                .entry(key)
                .or_insert_with(ImportedCall::default)
                .merge(usage);
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
    let summary = resolver.entries[file].summary;
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
/// `usages`; `at` turns a class of `links` into its place in `usages`.
/// Files must be added in order: the first loop and the attributes are
/// kept in the order they were found.
pub(crate) fn add_class_links(
    usages: &mut [Vec<ClassUsage>],
    file: usize,
    summary: &FileSummary,
    links: &ClassLinks,
    at: impl Fn(ClassId) -> ClassId,
) {
    for (class, (fact, bases)) in summary.classes.iter().zip(&links.bases).enumerate() {
        let bases: Vec<Option<ClassId>> = bases.iter().map(|b| b.map(&at)).collect();
        for base in bases.iter().flatten() {
            let usage = &mut usages[base.file][base.class];
            usage.has_subclasses = true;
            if fact.bases.len() > 1 {
                usage.in_multiple_inheritance = true;
            }
        }
        usages[file][class].bases = bases;
    }
    for &(call, id) in &links.calls {
        let call = &summary.calls[call];
        let id = at(id);
        let usage = &mut usages[id.file][id.class];
        // Every loop, in test files too: which ones count is the
        // rules' decision (see `first_loop_outside_tests`).
        if call.in_loop {
            usage.loop_instantiations.push((file, call.range));
        }
        for attribute in &call.stored_attributes {
            if !usage.outside_attributes.contains(attribute) {
                usage.outside_attributes.push(attribute.clone());
            }
        }
    }
}

/// Builds the project and runs the enabled whole-project rules; returns
/// (file position in `entries`, diagnostic) for reported files only, before
/// selection, per-file-ignores and noqa.
pub(crate) fn check_project(entries: &[Entry<'_>]) -> Vec<(usize, Diagnostic)> {
    let modules = Modules::new(entries);
    let is_test: Vec<bool> = entries
        .iter()
        .map(|e| is_quiet_code(e.path, e.settings))
        .collect();
    check_project_with(entries, modules, &is_test, |resolver, usages| {
        for (file, entry) in entries.iter().enumerate() {
            let links = class_links(resolver, file);
            add_class_links(usages, file, entry.summary, &links, |id| id);
        }
    })
}

/// [`check_project`] with the module names and test flags known, and
/// what files do with classes added to the usages by `classes` (every
/// file's [`ClassLinks`], in order): the language server keeps them
/// between checks.
pub(crate) fn check_project_with(
    entries: &[Entry<'_>],
    modules: Modules,
    is_test: &[bool],
    classes: impl FnOnce(&Resolver<'_, '_>, &mut [Vec<ClassUsage>]),
) -> Vec<(usize, Diagnostic)> {
    let resolver = Resolver::new(entries, &modules);
    // Rules report on reported files only (`Project::classes`,
    // `Project::functions`, `Project::report_deferred`), so what other files
    // do with classes or functions is resolved only when a reported file has
    // some: the language server checks one document against a whole indexed
    // project, and most documents define no list-returning function.
    let reads_classes = entries
        .iter()
        .any(|e| e.reported && !e.summary.classes.is_empty());
    let reads_functions = entries
        .iter()
        .any(|e| e.reported && !e.summary.functions.is_empty());
    let mut usages: Vec<Vec<ClassUsage>> = entries
        .iter()
        .map(|e| vec![ClassUsage::default(); e.summary.classes.len()])
        .collect();
    if reads_classes {
        classes(&resolver, &mut usages);
    }
    let mut function_usages: Vec<Vec<FunctionUsage>> = entries
        .iter()
        .map(|e| vec![FunctionUsage::default(); e.summary.functions.len()])
        .collect();
    for (file, entry) in entries.iter().enumerate().filter(|_| reads_functions) {
        for reference in &entry.summary.references {
            let Target::Imported(dotted) = &reference.target else {
                continue;
            };
            let Some(id) = resolver.resolve_function(file, dotted) else {
                continue;
            };
            if id.file == file {
                continue;
            }
            let usage = &mut function_usages[id.file][id.function];
            if reference.iterated {
                usage.iterated_calls += 1;
            } else {
                usage.other_references += 1;
            }
        }
        for (_, target) in entry.summary.imports.iter() {
            // Made absolute once, for both questions.
            let Some(absolute) = modules.absolute(file, target) else {
                continue;
            };
            if let Some(id) = resolver.function_at(&absolute) {
                if id.file != file {
                    function_usages[id.file][id.function].imported_elsewhere = true;
                }
            } else if let Some(module) = modules.file(&absolute)
                && module != file
            {
                for usage in &mut function_usages[module] {
                    usage.imported_elsewhere = true;
                }
            }
        }
    }
    let deferred_usages = deferred_usages(entries, &resolver);
    // The first loop shown is the one in the class's own file, if any.
    for (file, per_file) in usages.iter_mut().enumerate() {
        for usage in per_file {
            usage
                .loop_instantiations
                .sort_by_key(|(f, range)| (*f != file, *f, range.start()));
        }
    }
    let project = Project {
        files: entries
            .iter()
            .zip(modules.names)
            .zip(is_test)
            .map(|((e, module), is_test)| ProjectFile {
                path: e.path,
                is_test: *is_test,
                is_script: e.summary.has_main_guard
                    || (!module.contains('.')
                        && e.path.file_stem().is_some_and(|s| s != "__init__")),
                module,
                summary: e.summary,
                settings: e.settings,
                reported: e.reported,
            })
            .collect(),
        usages,
        function_usages,
        deferred_usages,
    };
    let mut found = Vec::new();
    for rule in memwise_rules::project_rules() {
        rule.check_project(&project, &mut found);
    }
    // As in the per-file pass, a rule that stays silent in test code is not
    // reported there.
    found.retain(|(file, d)| d.rule.test_code || !is_test[*file]);
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
