//! The whole-project rules over a run whose files not reported are the
//! same as when the pass last ran over all of them: only the reported
//! files and the files kept as reaching them are resolved, and only the
//! summaries their resolution reads are decoded. The rules report on
//! reported files only, and read of other files only what reaches them:
//! the calls, subclasses and references of the reported classes and
//! functions (made in the reported files and their readers), and the
//! bases their classes reach.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use memwise_core::project::{ClassId, ClassUsage, FunctionUsage};
use memwise_core::python::is_quiet_code;
use memwise_core::summary::ImportedCall;
use memwise_core::{Diagnostic, FileSummary, Project};

use super::{
    ClassLinks, Entry, Kinds, Listed, ModuleNames, Modules, Resolver, add_class_links,
    add_class_use, add_function_links, class_links, class_uses, deferred_calls, deferred_key,
    function_links, made_once_key, project_file, run_rules, sort_loops,
};

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
    summary: &(dyn Fn(usize) -> &'e FileSummary + Sync),
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
    let files = Listed {
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

    let kinds = Kinds::read_by(reported.iter().map(|&file| entries[file].summary));
    let mut usages: HashMap<ClassId, ClassUsage> = HashMap::default();
    // Files whose summary the rules may read: those that reach a reported
    // file, and those whose classes the reported classes' bases reach.
    let mut members: HashSet<usize> = reaching.iter().copied().collect();
    if kinds.classes {
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
    if kinds.functions {
        for &file in &reaching {
            let links = function_links(&resolver, file);
            add_function_links(&mut function_usages, &links, |file| {
                entries[file].reported.then_some(file)
            });
        }
    }

    let mut deferred_usages = std::collections::HashMap::new();
    let defers = |file: usize, name: &str| {
        entries[file]
            .reported
            .then(|| deferred_key(entries[file].summary, file, name))
            .flatten()
    };
    let made_once = |file: usize, name: &str| {
        entries[file]
            .reported
            .then(|| made_once_key(entries[file].summary, file, name))
            .flatten()
    };
    if kinds.deferred {
        for &file in &reaching {
            deferred_calls(&resolver, file, defers, |key, usage| {
                deferred_usages
                    .entry(key)
                    .or_insert_with(ImportedCall::default)
                    .merge(usage);
            });
            if !is_quiet_code(entries[file].path, entries[file].settings) {
                class_uses(&resolver, file, made_once, |key, once| {
                    add_class_use(deferred_usages.entry(key).or_default(), once);
                });
            }
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
                project_file(e, module, summary, is_test)
            })
            .collect(),
        usages,
        function_usages,
        deferred_usages,
        unknown_attribute_stores,
    };
    run_rules(&project)
}
