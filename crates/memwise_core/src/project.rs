//! The whole-project view that whole-project rules read: every checked file's
//! summary with its module name, and the classes resolved across files. The
//! linter builds it (`memwise_linter::project`) after the per-file pass.

use std::collections::HashMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::rule::RuleMeta;
use crate::settings::RuleSettings;
use crate::summary::{ClassFact, FileSummary, FunctionFact, ImportedCall};

/// Identifies a class: its file's position in [`Project::files`] and its
/// position in that file's [`FileSummary::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClassId {
    /// The file.
    pub file: usize,
    /// The class within the file.
    pub class: usize,
}

/// One checked file as the project sees it.
#[derive(Debug)]
pub struct ProjectFile<'p> {
    /// The path as it was walked.
    pub path: &'p Path,
    /// The dotted module name, from the package root.
    pub module: &'p str,
    /// What the per-file pass kept.
    pub summary: &'p FileSummary,
    /// The settings rules read for this file.
    pub settings: &'p RuleSettings,
    /// A script: it has an `if __name__ == "__main__":` block, or is in no
    /// package (its folder has no `__init__.py`).
    pub is_script: bool,
    /// Whether the file is test code ([`crate::python::is_test_code`]):
    /// rules that stay silent there are not reported for it, and what it
    /// does in loops is no evidence of many instances.
    pub is_test: bool,
    /// Whether the file's findings are reported (not only indexed, as with
    /// `--project-root`).
    pub reported: bool,
}

impl ProjectFile<'_> {
    /// An import target as this file writes it (`..models.Record`), made
    /// absolute ([`crate::python::absolute_import`]); `"."` gives the
    /// package its relative imports start from.
    pub fn absolute<'d>(&self, dotted: &'d str) -> Option<std::borrow::Cow<'d, str>> {
        crate::python::absolute_import(
            self.module,
            crate::python::is_package_init(self.path),
            dotted,
        )
    }

    /// The module encodes objects of any class through their `__dict__`
    /// ([`crate::summary::SERIALIZED_BY_DICT`]): its own classes are what
    /// it encodes (tuya's value objects, `json.dumps(vo, default=lambda o:
    /// o.__dict__)` beside them), and cannot give up their `__dict__`.
    pub fn encodes_through_dict(&self) -> bool {
        self.summary
            .unknown_attribute_stores
            .iter()
            .any(|name| &**name == crate::summary::SERIALIZED_BY_DICT)
    }
}

/// What the project knows about one class beyond its own file.
#[derive(Debug, Default, Clone)]
pub struct ClassUsage {
    /// Each base resolved to a checked class; `None` for a base that is not one.
    pub bases: Vec<Option<ClassId>>,
    /// Calls of the class inside a loop or comprehension, in every file
    /// (test files too), those in the class's own file first: (file, call
    /// range).
    pub loop_instantiations: Vec<(usize, ruff_text_size::TextRange)>,
    /// Attributes set on its instances from outside the class.
    pub outside_attributes: Vec<Box<str>>,
    /// The class is a base of a class with several bases, where a non-empty
    /// `__slots__` may make the layouts conflict.
    pub in_multiple_inheritance: bool,
    /// Some checked class derives from it.
    pub has_subclasses: bool,
    /// Some checked class derives from it, is neither a dataclass nor an
    /// attrs class, and defines an `__init__` that calls no base's: its
    /// instances never run the fields' `__init__`, and read the defaults
    /// from the class.
    pub subclass_inits_itself: bool,
}

/// Identifies a function: its file and its position in that file's
/// [`FileSummary::functions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FunctionId {
    /// The file.
    pub file: usize,
    /// The function within the file.
    pub function: usize,
}

/// What other checked files do with a function.
#[derive(Debug, Default, Clone)]
pub struct FunctionUsage {
    /// Calls from other files whose result is iterated once.
    pub iterated_calls: u32,
    /// References from other files that are not such calls.
    pub other_references: u32,
    /// Another file imports the function or its whole module at module level.
    pub imported_elsewhere: bool,
}

/// Every checked file and the resolved classes.
#[derive(Debug, Default)]
pub struct Project<'p> {
    /// The files, in the order of their summaries.
    pub files: Vec<ProjectFile<'p>>,
    /// What the project knows of the classes something reaches: a call of
    /// the class the summaries keep, or a checked class deriving from it.
    /// Only those are read: the rules look at classes instantiated in a
    /// loop, and then at their bases, which are reached. Every class here
    /// has its bases resolved; [`Project::usage`] of any other class is
    /// the default, bases unresolved. Whole-project rules report on
    /// reported files only, and the engine resolves these only when a
    /// reported file has a class (empty otherwise). A usage for every
    /// class (16,000 on the benchmark corpus, each with its bases) was
    /// 2.7 MiB of a cold run's peak.
    pub usages: FxHashMap<ClassId, ClassUsage>,
    /// For each file, for each of its list-returning functions, what other
    /// files do with it; resolved only when a reported file has such a
    /// function (all default otherwise).
    pub function_usages: Vec<Vec<FunctionUsage>>,
    /// What other files do with the functions named in a file's
    /// [`crate::summary::DeferredFinding`]s: (file, function name) to their
    /// calls and references, merged.
    pub deferred_usages: HashMap<(usize, Box<str>), ImportedCall>,
    /// Every attribute name some file of the project (reported or not)
    /// stores on an object whose type memwise cannot see
    /// ([`crate::FileSummary::unknown_attribute_stores`]), each once and
    /// sorted: the engine gathers them, so that a kept index need not list
    /// every file.
    pub unknown_attribute_stores: Vec<&'p str>,
}

impl<'p> Project<'p> {
    /// Some checked file works on any dataclass through its `__dict__`
    /// ([`crate::summary::DATACLASSES_BY_DICT`]).
    pub fn uses_dataclasses_through_dict(&self) -> bool {
        self.unknown_attribute_stores
            .binary_search(&crate::summary::DATACLASSES_BY_DICT)
            .is_ok()
    }

    /// The attributes each file stores through a receiver named for
    /// instances of the class whose [`crate::python::snake_name`] is `class`
    /// (`atom.sasa = ...`, `loop_node.ragged = ...` for `node`; see
    /// [`crate::python::named_for_class`]), kept among its unknown stores as
    /// `name.attribute`: (file, attribute).
    pub fn stores_through_named(&self, class: &str) -> Vec<(usize, &'p str)> {
        let named = |entry: &str| {
            entry
                .split_once('.')
                .is_some_and(|(name, _)| crate::python::named_for_class(name, class))
        };
        let mut found = Vec::new();
        // The project's list holds each entry once: most classes have none
        // there, and need no look at every file's.
        if !self
            .unknown_attribute_stores
            .iter()
            .any(|entry| named(entry))
        {
            return found;
        }
        for (file, f) in self.files.iter().enumerate() {
            found.extend(
                f.summary
                    .unknown_attribute_stores
                    .iter()
                    .filter_map(|entry| {
                        let (name, attribute) = entry.split_once('.')?;
                        crate::python::named_for_class(name, class).then_some((file, attribute))
                    }),
            );
        }
        found
    }

    /// `atom.sasa = ...` in a file that knows the class (its own, another
    /// module of its package, or one that imports the class, its module or
    /// something of its module): a store, through a name that says it holds
    /// an `Atom`, of an attribute `Atom` never assigns (`assigned`) nor
    /// defines, or a read of such a name's `__dict__`
    /// (`vars(field_inspection)`). A file that never imports the class's
    /// module names some other class's instances so (a tree's `node.name`,
    /// in a package with several `Node` classes).
    pub fn set_through_named(&self, id: ClassId, assigned: &dyn Fn(&str) -> bool) -> bool {
        let class = self.class(id);
        let module = self.files[id.file].module;
        let class_package = self.files[id.file].absolute(".");
        let knows_class = |file: usize| {
            let this = &self.files[file];
            file == id.file
                || class_package.as_deref().is_some_and(|package| {
                    !package.is_empty() && this.absolute(".").as_deref() == Some(package)
                })
                || this.summary.imports.iter().any(|(_, target)| {
                    this.absolute(target).is_some_and(|target| {
                        target
                            .strip_prefix(module)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
                    })
                })
        };
        self.stores_through_named(&crate::python::snake_name(&class.name))
            .into_iter()
            .any(|(file, attribute)| {
                // A `def` of the class is a property or method: storing it
                // sets through a setter, or fails with `__dict__` too.
                !assigned(attribute)
                    && !class.layout.class_definitions().contains(attribute)
                    && knows_class(file)
            })
    }

    /// The facts of a class.
    pub fn class(&self, id: ClassId) -> &'p ClassFact {
        &self.files[id.file].summary.classes[id.class]
    }

    /// The facts of a function.
    pub fn function(&self, id: FunctionId) -> &'p FunctionFact {
        &self.files[id.file].summary.functions[id.function]
    }

    /// Every list-returning function of every reported file.
    pub fn functions(&self) -> impl Iterator<Item = FunctionId> + '_ {
        self.files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.reported)
            .flat_map(|(file, f)| {
                (0..f.summary.functions.len()).map(move |function| FunctionId { file, function })
            })
    }

    /// Reports the findings `rule` left to the project pass (see
    /// [`crate::Context::report_unless_bounded_calls`]) whose conditions do
    /// not all hold: some call of the function, in some checked file,
    /// passes an unbounded key, it is used otherwise, or it is never called;
    /// and those about a class ([`crate::Context::report_unless_made_once`])
    /// that another file may make more than once, uses otherwise, or never
    /// makes.
    pub fn report_deferred(&self, rule: &RuleMeta, report: &mut Vec<(usize, Diagnostic)>) {
        for (file, f) in self.files.iter().enumerate().filter(|(_, f)| f.reported) {
            for deferred in &f.summary.deferred {
                if deferred.diagnostic.rule.code != rule.code {
                    continue;
                }
                let usage = |name: &str| self.deferred_usages.get(&(file, name.into()));
                // Reached through the class in another file: shared on
                // purpose (MEM107).
                let reached = deferred
                    .reached
                    .as_deref()
                    .and_then(usage)
                    .is_some_and(|u| u.calls + u.references > 0);
                // Made only where a process runs once (MEM106, MEM107).
                let made_once = deferred
                    .made_once
                    .as_deref()
                    .and_then(usage)
                    .is_some_and(|u| u.calls > 0 && u.references == 0);
                // Without conditions the finding stands.
                let bounded = !deferred.conditions.is_empty()
                    && deferred
                        .conditions
                        .iter()
                        .all(|condition| condition.holds(usage(&condition.function)));
                let holds = reached || made_once || bounded;
                if !holds {
                    report.push((file, deferred.diagnostic.clone()));
                }
            }
        }
    }

    /// What the project knows about a class (see [`Project::usages`]).
    pub fn usage(&self, id: ClassId) -> &ClassUsage {
        static UNREACHED: ClassUsage = ClassUsage {
            bases: Vec::new(),
            loop_instantiations: Vec::new(),
            outside_attributes: Vec::new(),
            in_multiple_inheritance: false,
            has_subclasses: false,
            subclass_inits_itself: false,
        };
        self.usages.get(&id).unwrap_or(&UNREACHED)
    }

    /// Runs a per-class check of a whole-project rule on every class of
    /// every reported file; a finding goes to the class's file.
    pub fn check_classes(
        &self,
        report: &mut Vec<(usize, Diagnostic)>,
        check: impl Fn(&Self, ClassId) -> Option<Diagnostic>,
    ) {
        report.extend(
            self.classes()
                .filter_map(|id| check(self, id).map(|diagnostic| (id.file, diagnostic))),
        );
    }

    /// Every class of every reported file.
    pub fn classes(&self) -> impl Iterator<Item = ClassId> + '_ {
        self.files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.reported)
            .flat_map(|(file, f)| {
                (0..f.summary.classes.len()).map(move |class| ClassId { file, class })
            })
    }

    /// Whether the class defines `__slots__` (or is a slotted dataclass or
    /// an `attrs.define` class) and every base it has does too, so its
    /// instances have no `__dict__` once it is slotted itself. A base with
    /// a metaclass (or another class keyword) does not count: the class
    /// inherits the metaclass, which builds its layout as it likes
    /// (Mopidy's model metaclass writes `__slots__` into every model).
    pub fn bases_are_slotted(&self, id: ClassId) -> bool {
        self.bases_slotted_from(id, 0)
    }

    fn bases_slotted_from(&self, id: ClassId, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        self.usage(id).bases.iter().all(|base| {
            base.is_some_and(|b| {
                let fact = self.class(b);
                let slotted = fact.layout.has_slots
                    || fact.attrs_define
                    || fact
                        .dataclass
                        .as_ref()
                        .is_some_and(|d| d.has_slots_argument);
                slotted && !fact.has_keywords && self.bases_slotted_from(b, depth + 1)
            })
        })
    }
}

/// A whole-project rule: it reads every file's summary at once, after the
/// per-file pass. Like [`crate::Rule`], it holds no state.
pub trait ProjectRule: crate::RuleIdentity + Send + Sync {
    /// Reports findings as (file position in [`Project::files`], diagnostic).
    /// The engine applies selection, per-file-ignores and noqa afterwards.
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>);
}
