//! The whole-project rules over a run whose files not reported are the
//! same as when the pass last ran over all of them: only the reported
//! files and the files kept as reaching them are resolved, and only the
//! summaries their resolution reads are decoded. The rules report on
//! reported files only, and read of other files only what reaches them:
//! the calls, subclasses and references of the reported classes and
//! functions (made in the reported files and their readers), and the
//! bases their classes reach.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use memwise_core::project::{ClassId, ClassUsage, FunctionUsage, ProjectFile};
use memwise_core::python::is_quiet_code;
use memwise_core::summary::ImportedCall;
use memwise_core::{Diagnostic, FileSummary, Project};

use super::{
    ClassLinks, Entry, FileSet, ModuleNames, Modules, Resolver, add_class_links,
    add_function_links, class_links, deferred_calls, function_links, is_script, run_rules,
    sort_loops,
};

/// A run's files, their summaries decoded only when resolution asks.
struct Lazy<'r, 'e> {
    summary: &'r dyn Fn(usize) -> &'e FileSummary,
    modules: &'r Modules<'r>,
}

impl<'e> FileSet<'e> for Lazy<'_, 'e> {
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

/// The whole-project rules' findings in the reported files of `entries`
/// (by position, before selection, per-file-ignores and noqa), as
/// [`super::check_project`] finds them, given `readers` (every file not
/// reported whose resolution looks up a reported file's module, from
/// [`super::check_project_and_readers`] over the same files not
/// reported) and `stores` (the attribute names the files not reported
/// store on objects of unknown type, sorted). The summary of a file not
/// reported is asked of `summary` (the entry's is not read); `names` are
/// every entry's module name.
pub(crate) fn check_reported<'e>(
    entries: &[Entry<'e>],
    names: &ModuleNames,
    summary: &dyn Fn(usize) -> &'e FileSummary,
    readers: &[usize],
    stores: &[Box<str>],
) -> Vec<(usize, Diagnostic)> {
    let summary_of = |file: usize| {
        if entries[file].reported {
            entries[file].summary
        } else {
            summary(file)
        }
    };
    let modules = Modules::new(entries, names);
    let files = Lazy {
        summary: &summary_of,
        modules: &modules,
    };
    let resolver = Resolver::new(&files);
    let reported: Vec<usize> = (0..entries.len())
        .filter(|&file| entries[file].reported)
        .collect();
    // Only these can reach a reported file: their usages are added up in
    // the files' order, as the whole pass adds them.
    let mut reaching: Vec<usize> = reported.iter().chain(readers).copied().collect();
    reaching.sort_unstable();
    reaching.dedup();

    let reads_classes = reported
        .iter()
        .any(|&file| !entries[file].summary.classes.is_empty());
    let mut usages: HashMap<ClassId, ClassUsage> = HashMap::default();
    // Files whose summary the rules may read: those that reach a reported
    // file, and those whose classes the reported classes' bases reach.
    let mut members: HashSet<usize> = reaching.iter().copied().collect();
    if reads_classes {
        let mut links: HashMap<usize, ClassLinks> = HashMap::default();
        for &file in &reaching {
            let found = class_links(&resolver, file);
            add_class_links(&mut usages, file, summary_of(file), &found);
            links.insert(file, found);
        }
        // Rules read the bases of a reported class and of every class
        // those reach (`bases_are_slotted`): each resolved by its own file.
        let mut stack: Vec<ClassId> = usages
            .keys()
            .filter(|id| entries[id.file].reported)
            .copied()
            .collect();
        let mut seen: HashSet<ClassId> = HashSet::default();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            members.insert(id.file);
            let bases = links
                .entry(id.file)
                .or_insert_with(|| class_links(&resolver, id.file))
                .bases[id.class]
                .clone();
            stack.extend(bases.iter().flatten());
            usages.entry(id).or_default().bases = bases;
        }
        for (id, usage) in &mut usages {
            sort_loops(usage, id.file);
        }
    }

    let mut function_usages: Vec<Vec<FunctionUsage>> = entries
        .iter()
        .map(|e| {
            if e.reported {
                vec![FunctionUsage::default(); e.summary.functions.len()]
            } else {
                Vec::new()
            }
        })
        .collect();
    if reported
        .iter()
        .any(|&file| !entries[file].summary.functions.is_empty())
    {
        for &file in &reaching {
            let links = function_links(&resolver, file);
            add_function_links(&mut function_usages, &links, |file| {
                entries[file].reported.then_some(file)
            });
        }
    }

    let mut deferred_usages = std::collections::HashMap::new();
    let defers = |file: usize, name: &str| {
        (entries[file].reported
            && entries[file]
                .summary
                .deferred
                .iter()
                .flat_map(|d| &d.conditions)
                .any(|c| &*c.function == name))
        .then(|| (file, Box::<str>::from(name)))
    };
    if reported.iter().any(|&file| {
        entries[file]
            .summary
            .deferred
            .iter()
            .any(|d| !d.conditions.is_empty())
    }) {
        for &file in &reaching {
            deferred_calls(&resolver, file, defers, |key, usage| {
                deferred_usages
                    .entry(key)
                    .or_insert_with(ImportedCall::default)
                    .merge(usage);
            });
        }
    }
    drop(resolver);

    let mut unknown_attribute_stores: Vec<&str> = stores
        .iter()
        .map(AsRef::as_ref)
        .chain(
            reported
                .iter()
                .flat_map(|&file| entries[file].summary.unknown_attribute_stores.iter())
                .map(AsRef::as_ref),
        )
        .collect();
    unknown_attribute_stores.sort_unstable();
    unknown_attribute_stores.dedup();

    // Every file keeps its position; one no rule reads stands with no
    // summary, unread.
    let empty = FileSummary::default();
    let project = Project {
        files: entries
            .iter()
            .enumerate()
            .map(|(file, e)| {
                let module = names.get(file);
                let (summary, is_test) = if members.contains(&file) || e.reported {
                    (summary_of(file), is_quiet_code(e.path, e.settings))
                } else {
                    (&empty, false)
                };
                ProjectFile {
                    path: e.path,
                    is_test,
                    is_script: is_script(e.path, module, summary),
                    module,
                    summary,
                    settings: e.settings,
                    reported: e.reported,
                }
            })
            .collect(),
        usages,
        function_usages,
        deferred_usages,
        unknown_attribute_stores,
    };
    run_rules(&project)
}
