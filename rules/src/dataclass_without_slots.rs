//! MEM402: a dataclass created in a loop anywhere in the project, without
//! `slots=True`, gives each of its many instances a `__dict__`.

use crate::missing_slots::first_loop_outside_tests;
use memwise_core::facts::decorator_callee;
use memwise_core::project::ClassId;
use memwise_core::python::{ATTRS_DEFINE, DATACLASS_DECORATORS, has_compiled_twin};
use memwise_core::summary::DataclassFact;
use memwise_core::{
    Applicability, Diagnostic, Edit, Fix, FixAvailability, Project, ProjectRule, PythonVersion,
    ScopeId, SemanticIndex, declare_rule, rule_without_node_checks,
};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Checks for `@dataclass` (and `@attr.s`) classes without
    /// `slots=True` whose instances are created inside a loop or a
    /// comprehension anywhere in the checked files (a whole-project rule),
    /// when the target Python version is 3.10 or newer. Loops in test code
    /// do not count.
    ///
    /// ## Why is this bad?
    /// A dataclass is an ordinary class: each instance carries a `__dict__`
    /// for its fields, a few hundred bytes on top of the values. Since
    /// Python 3.10, `@dataclass(slots=True)` stores the fields in fixed
    /// slots instead, which often halves the memory of a list of records.
    /// `attrs.define` is slotted by default and never flagged.
    ///
    /// Not flagged: an explicit `slots=...` argument, another decorator on
    /// the class (`slots=True` returns a new class object, and a decorator
    /// such as `zope.interface.implementer` may have registered the old
    /// one), a class whose methods
    /// assign attributes on `self` that are not fields, a class using
    /// `__dict__`, `vars()`, `setattr(self, ...)`, `update_wrapper(self, ...)`, `cached_property`, a
    /// weak reference to `self` or `super()` without arguments (which a
    /// slotted dataclass breaks before Python 3.14), a base that is not a
    /// checked slotted class (or has a metaclass, which the class
    /// inherits), and instances given other attributes from
    /// outside (`r = Record(); r.extra = 1`).
    ///
    /// ## Example
    /// ```python
    /// from dataclasses import dataclass
    ///
    ///
    /// @dataclass
    /// class Point:
    ///     x: int
    ///     y: int
    ///
    ///
    /// points = [Point(i, i) for i in range(100_000)]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from dataclasses import dataclass
    ///
    ///
    /// @dataclass(slots=True)
    /// class Point:
    ///     x: int
    ///     y: int
    ///
    ///
    /// points = [Point(i, i) for i in range(100_000)]
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `slots=True` to the decorator. It is unsafe: instances
    /// lose their `__dict__` and `__weakref__`, so code memwise does not see
    /// that sets other attributes on them or takes weak references fails.
    ///
    /// ## Known problems
    /// A class defined in a module that encodes objects through their
    /// `__dict__` (`json.dumps(vo, default=lambda o: o.__dict__)`, also
    /// through what the lambda builds from it, as `{k: v for k, v in
    /// o.__dict__.items() if v is not None}`, or a `JSONEncoder` whose
    /// `default` returns `vars(o)`) is not reported:
    /// its instances are what the module encodes, and slotted ones would
    /// fail to (pymupdf4llm's layout boxes). An encoder in another module
    /// may be handed instances of any class and does not withhold them.
    /// A project with a helper that takes any dataclass, tests it with
    /// `dataclasses.is_dataclass(obj)` and works on `obj.__dict__` or
    /// `vars(obj)` (ib_insync's `dataclassUpdate`, which its package hangs
    /// on every dataclass as `.update()`) is not reported at all: its
    /// dataclasses are used through the instance dictionary that
    /// `slots=True` takes away.
    ///
    /// A module with an extension module of the same name beside it
    /// (`m.cpython-311-x86_64-linux-gnu.so` next to `m.py`, as mypyc- and
    /// Cython-compiled wheels ship) is not reported: Python imports the
    /// compiled module, whose classes' layout is the compiler's. Nor is a
    /// class defined only for type checkers (under `if TYPE_CHECKING:`, or
    /// in the `else` of `if not TYPE_CHECKING:`): it never exists at run
    /// time, and calls reach the class defined for run time. Nor is a class
    /// whose `__init__` raises before anything else (a stand-in for the class
    /// an optional dependency provides): no instance of it is ever made.
    /// Nor is a dataclass that writes its own `__init__` (which `@dataclass`
    /// keeps) and leaves a field with a default unset there (pytest-bdd's
    /// `Step.background`): its instances read the class's default, and
    /// `slots=True` takes the defaults out of the class, so the read would
    /// raise `AttributeError`. The same goes for a dataclass that a checked
    /// class derives from with an `__init__` of its own that calls no
    /// base's, being neither a dataclass nor an attrs class (aider's
    /// `Model(ModelSettings)`, which never runs the fields' `__init__` and
    /// reads `self.accepts_settings` from the base's defaults).
    ///
    /// The target version is read from `target-version`, else from `[project]
    /// requires-python`, Poetry's `[tool.poetry.dependencies] python`,
    /// `setup.cfg`'s `python_requires`, a literal `python_requires=` in
    /// `setup.py`, or `PKG-INFO`'s `Requires-Python` (an unpacked wheel's
    /// `METADATA` counts as one; without `Requires-Python`, its oldest
    /// `Programming Language :: Python :: 3.X` classifier), in that order: a
    /// package that still supports 3.9 is not told to use `slots=True`.
    ///
    /// "Instantiated in a loop" means many instances alive at once: the
    /// instance is kept beyond its iteration (the element of a list, set or
    /// dict comprehension, an argument of `append`/`add`/`insert`/...,
    /// stored with `d[k] = ...` (with a key that changes with the
    /// iteration: `d["last"] = ...`, or `d[name] = ...` with a `name` the
    /// loop does not rebind, replaces one entry) or `obj.a = ...`,
    /// or bound to a name that is then stored), and the loop is not over a few items (a literal list,
    /// tuple, set or dict, also through a name bound to one of up to 16
    /// items that the code only reads, or `zip` or `enumerate` of such
    /// names, or grows by up to eight `.append`
    /// calls outside loops, or a parameter whose default is one
    /// (`def unlock(banks=[0, 1])`; an empty default says nothing), a
    /// `range` of at most 100 (also between two offsets of one value,
    /// `range(n - 3, n + 2)`, or from a count up to a literal stop,
    /// `range(self.ndim, 3)`), an `UPPER_CASE`
    /// constant, as configuration is, or set algebra on such constants
    /// (`META_RTYPES - VIRTUAL_RTYPES`), a class-level table of up to 16
    /// items read through `self` that no code of the file stores, grows
    /// or indexes (`for key, v in self._vars:`), an array's dimensions) nor in a script's `if __name__ ==
    /// "__main__":` block (demo code) or a `unittest.TestCase` class (test
    /// code, also when a library keeps it in the module it tests). An instance made, used and dropped in
    /// each iteration costs one `__dict__` at a time and is not reported (also
    /// when it is added to a list, set or dict the same pass makes anew and
    /// does not keep: `packets = [header]`, `packets.append(C())`, then
    /// `send(packets)`),
    /// nor is one made in the iteration that ends the loop (followed in its
    /// block by `return` or `raise`, or by `break` with no other loop around
    /// to repeat it).
    ///
    /// Attributes set on instances from outside the class are only seen
    /// when the instance is first bound to a name (`r = Record(...)`) and
    /// the attribute is set through that name in the same scope (also by
    /// `setattr(r, ...)`, as MEM401 reads it: a name computed at run time
    /// needs the `__dict__`), or set
    /// (or its `__dict__` read) through `x` in the branch of `if
    /// isinstance(x, Class):`, or through an item an instance was stored
    /// into in the same scope (`rows[i] = Row(...)`, then `rows[i].extra =
    /// ...`; the item spelt the same). Stores through objects of unknown type
    /// (`hyps[i].lang = ...`, `setattr(hyp, "id", ...)` over a loop
    /// variable) are not: they are too common to withhold every dataclass
    /// that does not name the attribute. Through a name that says it holds
    /// one of the class's instances, as MEM401 reads it (`record` or
    /// `new_record` for `Record`, `field_inspection` for `FieldInspection`),
    /// they are: a store of a name that is not a field, or a read of the
    /// instance dictionary (`[vars(field_inspection) for field_inspection
    /// in inspections]`, biothings' report rows), withholds the finding.
    pub DataclassWithoutSlots {
        code: "MEM402",
        name: "dataclass-without-slots",
        opt_in: false,
        fix: FixAvailability::Always,
        test_code: false,
    }
}

// A whole-project rule: it runs in `check_project`, never per node.
rule_without_node_checks!(DataclassWithoutSlots);

impl ProjectRule for DataclassWithoutSlots {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.check_classes(report, check_class);
    }
}

fn check_class(project: &Project<'_>, id: ClassId) -> Option<Diagnostic> {
    let class = project.class(id);
    let dataclass = class.dataclass.as_ref()?;
    let usage = project.usage(id);
    let (first_file, first_call) = first_loop_outside_tests(project, usage)?;
    if has_compiled_twin(project.files[id.file].path)
        || project.files[id.file].settings.target_version < PythonVersion::new(3, 10)
        || dataclass.has_slots_argument
        || dataclass.other_decorators
        || class.layout.has_slots
        || class.has_keywords
        || class.layout.needs_dict
        || class.layout.creates_no_instances
        || class.layout.zero_argument_super
        || usage.in_multiple_inheritance
        || usage.subclass_inits_itself
        || !project.bases_are_slotted(id)
        || project.files[id.file].encodes_through_dict()
        || project.uses_dataclasses_through_dict()
    {
        return None;
    }
    let field = |name: &str| class.layout.fields().contains(name);
    if class.layout.self_attributes().iter().any(|a| !field(a))
        || usage.outside_attributes.iter().any(|a| !field(a))
        || project.set_through_named(id, &field)
    {
        return None;
    }
    let place = if first_file == id.file {
        "in a loop".to_owned()
    } else {
        format!(
            "in a loop in `{}`",
            project.files[first_file].path.display()
        )
    };
    let mut diagnostic = Diagnostic::new(
        &DataclassWithoutSlots::META,
        format!(
            "`{}` is decorated with `@{}` without `slots=True` and is instantiated {place}, so every instance carries a `__dict__`",
            class.name, dataclass.name
        ),
        dataclass.range,
    )
    .with_help(format!("pass `slots=True` to `{}`", dataclass.name));
    if first_file == id.file {
        diagnostic = diagnostic.with_secondary(first_call, "instantiated in a loop here");
    }
    if let Some(edit) = &dataclass.fix {
        diagnostic = diagnostic.with_fix(Fix {
            applicability: Applicability::Unsafe,
            message: "add `slots=True`".to_owned(),
            edits: vec![edit.clone()],
        });
    }
    Some(diagnostic)
}

/// What a module-level class's decorators say about its layout, for the
/// file's summary: its dataclass decorator, if any (what MEM402 reports and
/// fixes), and whether an `attrs` decorator already makes it slotted.
pub fn class_decorators(
    index: &SemanticIndex,
    source: &str,
    class: &ast::StmtClassDef,
) -> (Option<DataclassFact>, bool) {
    let mut dataclass = None;
    let mut attrs_define = false;
    for decorator in &class.decorator_list {
        let callee = decorator_callee(&decorator.expression);
        let Some(qualified) = index.qualified_name(ScopeId::MODULE, callee) else {
            continue;
        };
        if ATTRS_DEFINE.contains(&qualified.as_str()) {
            attrs_define = true;
        } else if DATACLASS_DECORATORS.contains(&qualified.as_str()) {
            let mut fact = dataclass_fact(source, &decorator.expression, callee);
            fact.other_decorators = class.decorator_list.len() > 1;
            dataclass = Some(fact);
        }
    }
    (dataclass, attrs_define)
}

/// The fact of a dataclass decorator: where it is, how it is spelled, and
/// the edit that adds `slots=True`.
fn dataclass_fact(source: &str, expression: &Expr, callee: &Expr) -> DataclassFact {
    let name = source[callee.range()].into();
    let (has_slots_argument, fix) = match expression {
        Expr::Call(call) => {
            let has_slots = call
                .arguments
                .keywords
                .iter()
                .any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "slots"));
            let last = call
                .arguments
                .args
                .iter()
                .map(Ranged::end)
                .chain(call.arguments.keywords.iter().map(Ranged::end))
                .max();
            let fix = match last {
                Some(end) => Edit {
                    range: TextRange::empty(end),
                    content: ", slots=True".to_owned(),
                },
                None => Edit {
                    range: TextRange::empty(call.arguments.end() - TextSize::from(1)),
                    content: "slots=True".to_owned(),
                },
            };
            (has_slots, Some(fix))
        }
        _ => (
            false,
            Some(Edit {
                range: TextRange::empty(expression.end()),
                content: "(slots=True)".to_owned(),
            }),
        ),
    };
    DataclassFact {
        range: expression.range(),
        name,
        has_slots_argument,
        fix,
        other_decorators: false,
    }
}
