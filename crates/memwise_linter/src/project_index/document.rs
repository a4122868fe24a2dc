//! One document checked against the index: what the whole-project rules
//! find in it, reading only the files whose resolution looked up its
//! module (no other file can reach it), with their kept links unless the
//! document changes names they looked up.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use memwise_core::project::{ClassId, ClassUsage, FunctionUsage, ProjectFile};
use memwise_core::python::is_quiet_code;
use memwise_core::summary::ImportedCall;
use memwise_core::{Diagnostic, FileSummary, Project};

use super::{ProjectIndex, same_names};
use crate::project::{self, ClassLinks, Entry, FileSet, FunctionLinks, module_key, module_name};

impl ProjectIndex {
    /// The whole-project rules' findings in `doc`, a document checked with
    /// the indexed files standing for the rest of the project (as
    /// `memwise check --project-root` sees it, the document replacing its
    /// own indexed file), before selection, per-file-ignores and noqa.
    pub(crate) fn check_document(&self, doc: &Entry<'_>) -> Vec<Diagnostic> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let module = module_name(
            &crate::config::absolute(&cwd, doc.path),
            &mut FxHashMap::default(),
        );
        let replaced = self
            .paths
            .get(doc.path)
            .copied()
            .filter(|&place| self.slots[place as usize].is_some());
        let stored = replaced.map(|place| self.slot(place as usize));
        // The modules through which other files reach the document.
        let mut keys = vec![module_key(&module)];
        // Whether what other files resolve through the document may differ
        // from what they resolved through its indexed file.
        let mut renamed = true;
        if let Some(stored) = stored {
            if stored.module != module {
                keys.push(module_key(&stored.module));
            }
            renamed = stored.module != module || !same_names(&stored.file.summary, doc.summary);
        }
        let document = self.slots.len();
        let files = WithDocument {
            index: self,
            document,
            summary: doc.summary,
            module: &module,
            is_package: project::is_package(doc.path),
            replaced,
        };
        let resolver = project::Resolver::new(&files);
        let mut kept = crate::lock(&self.kept);
        self.resolve_links(&mut kept, replaced);
        let kept = &*kept;
        // Only a file whose resolution looked up the document's module can
        // reach it. In path order, as the CLI adds them up.
        let mut readers: Vec<u32> = keys
            .iter()
            .filter_map(|key| kept.touched_by.get(key))
            .flatten()
            .copied()
            .filter(|&place| {
                Some(place) != replaced
                    && self.slots[place as usize].is_some()
                    && keys
                        .iter()
                        .any(|key| kept.of(place as usize).touched.binary_search(key).is_ok())
            })
            .collect();
        readers.sort_unstable();
        readers.dedup();
        readers.sort_by(|a, b| {
            self.slot(*a as usize)
                .path
                .cmp(&self.slot(*b as usize).path)
        });
        // Their kept links hold unless the document changes names they
        // looked up: then they are resolved again, with the document.
        let fresh: FxHashMap<usize, (ClassLinks, FunctionLinks)> = if renamed {
            readers
                .iter()
                .map(|&place| (place as usize, resolver.links(place as usize)))
                .collect()
        } else {
            FxHashMap::default()
        };
        // Kept links name the document's indexed file by its place.
        let at = |file: usize| {
            if replaced.is_some_and(|r| r as usize == file) {
                document
            } else {
                file
            }
        };
        let own = if doc.summary.classes.is_empty() {
            ClassLinks::default()
        } else {
            project::class_links(&resolver, document)
        };
        let classes_of = |file: usize| -> &ClassLinks {
            if file == document {
                &own
            } else if let Some((classes, _)) = fresh.get(&file) {
                classes
            } else {
                &kept.of(file).classes
            }
        };
        let summary_of = |file: usize| -> &FileSummary {
            if file == document {
                doc.summary
            } else {
                &self.slot(file).file.summary
            }
        };

        // A class's resolved bases, with each file as the project numbers it.
        let class_ids = |bases: &[Option<ClassId>]| -> Vec<Option<ClassId>> {
            bases
                .iter()
                .map(|b| {
                    b.map(|b| ClassId {
                        file: at(b.file),
                        class: b.class,
                    })
                })
                .collect()
        };

        // What the project does with the document's classes, and the
        // bases of every class their bases reach (`bases_are_slotted`).
        let mut usages = vec![ClassUsage::default(); doc.summary.classes.len()];
        let mut chain: FxHashMap<ClassId, Vec<Option<ClassId>>> = FxHashMap::default();
        if !usages.is_empty() {
            let adds = std::iter::once(document).chain(readers.iter().map(|&p| p as usize));
            for file in adds {
                let summary = summary_of(file);
                let links = classes_of(file);
                for (class, (fact, bases)) in summary.classes.iter().zip(&links.bases).enumerate() {
                    let bases = class_ids(bases);
                    for base in bases.iter().flatten().filter(|b| b.file == document) {
                        project::add_subclass(&mut usages[base.class], fact);
                    }
                    if file == document {
                        usages[class].bases = bases;
                    }
                }
                for &(call, id) in &links.calls {
                    if at(id.file) == document {
                        project::add_call(&mut usages[id.class], file, &summary.calls[call]);
                    }
                }
            }
            let mut stack: Vec<ClassId> = usages
                .iter()
                .flat_map(|u| u.bases.iter().flatten())
                .filter(|b| b.file != document)
                .copied()
                .collect();
            while let Some(id) = stack.pop() {
                if chain.contains_key(&id) {
                    continue;
                }
                let bases = class_ids(&classes_of(id.file).bases[id.class]);
                stack.extend(bases.iter().flatten().filter(|b| b.file != document));
                chain.insert(id, bases);
            }
        }

        // What other files do with the document's list-returning functions.
        let mut function_usages = vec![FunctionUsage::default(); doc.summary.functions.len()];
        if !function_usages.is_empty() {
            for &place in &readers {
                let place = place as usize;
                let links = fresh
                    .get(&place)
                    .map_or(&kept.of(place).functions, |(_, functions)| functions);
                project::add_function_links(
                    std::slice::from_mut(&mut function_usages),
                    links,
                    |file| (at(file) == document).then_some(0),
                );
            }
        }

        // What other files do with the functions its deferred findings
        // depend on.
        let mut deferred: HashMap<(usize, Box<str>), ImportedCall> = HashMap::new();
        if !doc.summary.deferred.is_empty() {
            let defers = |file: usize, name: &str| {
                (file == document)
                    .then(|| project::deferred_key(doc.summary, file, name))
                    .flatten()
            };
            let made_once = |file: usize, name: &str| {
                (file == document)
                    .then(|| project::made_once_key(doc.summary, file, name))
                    .flatten()
            };
            for &place in &readers {
                project::deferred_calls(&resolver, place as usize, defers, |(_, name), usage| {
                    deferred.entry((0, name)).or_default().merge(usage);
                });
                // What tests make is no evidence of how often a program does.
                if !self.slot(place as usize).is_test {
                    project::class_uses(&resolver, place as usize, made_once, |(_, name), once| {
                        project::add_class_use(deferred.entry((0, name)).or_default(), once);
                    });
                }
            }
        }

        // The project the rules see: the document first, then, in path
        // order, the files its classes' usages name.
        let mut members: Vec<usize> = usages
            .iter()
            .flat_map(|u| u.loop_instantiations.iter().map(|(file, _)| *file))
            .chain(chain.keys().map(|id| id.file))
            .chain(chain.values().flatten().flatten().map(|id| id.file))
            .filter(|file| *file != document)
            .collect();
        members.sort_unstable();
        members.dedup();
        members.sort_by(|a, b| self.slot(*a).path.cmp(&self.slot(*b).path));
        let mut position: FxHashMap<usize, usize> = FxHashMap::default();
        position.insert(document, 0);
        for (i, file) in members.iter().enumerate() {
            position.insert(*file, i + 1);
        }
        let place = |id: ClassId| ClassId {
            file: position[&id.file],
            class: id.class,
        };
        for usage in &mut usages {
            for base in usage.bases.iter_mut().flatten() {
                *base = place(*base);
            }
            for (file, _) in &mut usage.loop_instantiations {
                *file = position[file];
            }
            project::sort_loops(usage, 0);
        }
        // Every class of the document, and the bases its bases reach
        // (`Project::usages`: the classes rules may read).
        let mut all_usages: FxHashMap<ClassId, ClassUsage> = usages
            .into_iter()
            .enumerate()
            .map(|(class, usage)| (ClassId { file: 0, class }, usage))
            .collect();
        let mut all_function_usages = vec![function_usages];
        let mut project_files = vec![ProjectFile {
            path: doc.path,
            is_test: is_quiet_code(doc.path, doc.settings),
            is_script: project::is_script(doc.path, &module, doc.summary),
            module: &module,
            summary: doc.summary,
            settings: doc.settings,
            reported: doc.reported,
        }];
        for &file in &members {
            let stored = self.slot(file);
            for class in 0..stored.file.summary.classes.len() {
                if let Some(bases) = chain.get(&ClassId { file, class }) {
                    all_usages.insert(
                        place(ClassId { file, class }),
                        ClassUsage {
                            bases: bases.iter().map(|b| b.map(place)).collect(),
                            ..ClassUsage::default()
                        },
                    );
                }
            }
            all_function_usages.push(vec![
                FunctionUsage::default();
                stored.file.summary.functions.len()
            ]);
            project_files.push(ProjectFile {
                path: &stored.path,
                module: &stored.module,
                summary: &stored.file.summary,
                settings: &stored.file.settings.rule_settings,
                is_script: project::is_script(&stored.path, &stored.module, &stored.file.summary),
                is_test: stored.is_test,
                reported: false,
            });
        }
        // Only read for a class of the document (MEM401's fix).
        let unknown_attribute_stores = if doc.summary.classes.is_empty() {
            Vec::new()
        } else {
            self.unknown_stores_with(stored.map(|s| &s.file.summary), doc.summary)
        };
        let project = Project {
            files: project_files,
            usages: all_usages,
            function_usages: all_function_usages,
            deferred_usages: deferred,
            unknown_attribute_stores,
        };
        project::run_rules(&project)
            .into_iter()
            .filter(|(file, _)| *file == 0)
            .map(|(_, d)| d)
            .collect()
    }

    /// Every attribute name stored on an object of unknown type in the
    /// indexed files but `replaced`, and in `document` (each once).
    fn unknown_stores_with<'a>(
        &'a self,
        replaced: Option<&FileSummary>,
        document: &'a FileSummary,
    ) -> Vec<&'a str> {
        let in_replaced = |name: &str| {
            replaced.is_some_and(|s| {
                s.unknown_attribute_stores
                    .binary_search_by(|n| (**n).cmp(name))
                    .is_ok()
            })
        };
        let left = |name: &str| {
            self.unknown_stores.get(name).copied().unwrap_or(0) > u32::from(in_replaced(name))
        };
        let mut names: Vec<&str> = self
            .unknown_stores
            .keys()
            .map(|name| &**name)
            .filter(|name| left(name))
            .collect();
        names.extend(
            document
                .unknown_attribute_stores
                .iter()
                .map(|name| &**name)
                .filter(|name| !left(name)),
        );
        names
    }
}

/// The indexed files with a document in place of its own file (if
/// indexed): the document's number is one past the places.
struct WithDocument<'a> {
    index: &'a ProjectIndex,
    document: usize,
    summary: &'a FileSummary,
    module: &'a str,
    is_package: bool,
    replaced: Option<u32>,
}

impl<'a> FileSet<'a> for WithDocument<'a> {
    fn len(&self) -> usize {
        self.document + 1
    }

    fn summary(&self, file: usize) -> &'a FileSummary {
        if file == self.document {
            self.summary
        } else {
            &self.index.slot(file).file.summary
        }
    }

    fn module(&self, file: usize) -> &str {
        if file == self.document {
            self.module
        } else {
            &self.index.slot(file).module
        }
    }

    fn is_package(&self, file: usize) -> bool {
        if file == self.document {
            self.is_package
        } else {
            self.index.slot(file).is_package
        }
    }

    fn file(&self, module: &str) -> Option<usize> {
        let mut found = (module == self.module).then_some(self.document);
        let mut count = usize::from(found.is_some());
        for place in self.index.claimants(module) {
            if Some(place) != self.replaced {
                count += 1;
                found = Some(place as usize);
            }
        }
        (count == 1).then_some(found).flatten()
    }
}
