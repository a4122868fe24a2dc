//! MEM401: a plain class created in a loop anywhere in the project, without
//! `__slots__`, gives each of its many instances a `__dict__`.

use memwise_core::facts_slots::slots_insertion_text;
use memwise_core::project::{ClassId, ClassUsage};
use memwise_core::python::has_compiled_twin;
use memwise_core::{
    Applicability, Diagnostic, Edit, Fix, FixAvailability, Project, ProjectRule, declare_rule,
    rule_without_node_checks,
};
use ruff_text_size::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for plain classes without `__slots__` whose instances are
    /// created inside a loop or a comprehension anywhere in the checked
    /// files (a whole-project rule: the loop may be in another module).
    /// Loops in test code (`test_*.py`, `*_test.py`, `conftest.py`, a
    /// `tests/` folder or a `tests.py` module, `testutils.py`; the README
    /// has the whole list) do not count: tests build instances in loops to
    /// exercise a class, not to keep many alive.
    ///
    /// ## Why is this bad?
    /// Every instance of a class without `__slots__` carries a `__dict__`
    /// for its attributes: on CPython a few hundred bytes per object on top
    /// of the values themselves. A class created in a loop usually has many
    /// instances alive at once (records, nodes, points), and `__slots__`
    /// stores their attributes in fixed fields instead, often halving their
    /// memory.
    ///
    /// Only classes that can take `__slots__` without changing behaviour are
    /// flagged: their bases are `object` or checked classes with
    /// `__slots__`; they have no metaclass (nor a base with one, which
    /// they inherit), no decorator, and are not
    /// exceptions; nothing in them uses `__dict__`, `vars()`,
    /// `setattr(self, ...)`, `functools.update_wrapper(self, ...)` (or
    /// `wraps(fn)(self)`), `__getattr__`/`__setattr__`, `cached_property`
    /// or a weak reference to `self`, nor hands `self` to a function of the
    /// same module that sets its attributes by name (`setattr(obj, k, v)`,
    /// `obj.__dict__`, `vars(obj)`); no method that takes only `self` has a
    /// decorator other than `property`, `staticmethod`, `classmethod`,
    /// `abstractmethod`, `functools.cache` and the like (a descriptor such
    /// as pandas' `cache_readonly` or Pyramid's `reify` keeps its value in
    /// the instance's `__dict__`), and `__init__` has no such decorator
    /// (its wrapper runs on every new instance and may store on it, as
    /// gluonts' `@validated()` stores `__init_args__`); their body gives no lower-case
    /// attribute a `None` or annotated default (`failResult: F | None =
    /// None` is usually shadowed on instances by other code); their `__new__`, if any, sets no
    /// attribute on the object it creates and does create one; no
    /// attribute they assign on `self` is also a class attribute or a
    /// method; no checked code sets another
    /// attribute on an instance they returned (`r = Record(); r.extra = 1`);
    /// and they are not a base of a class with several bases.
    ///
    /// ## Example
    /// ```python
    /// class Point:
    ///     def __init__(self, x, y):
    ///         self.x = x
    ///         self.y = y
    ///
    ///
    /// points = [Point(i, i) for i in range(100_000)]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     __slots__ = ("x", "y")
    ///
    ///     def __init__(self, x, y):
    ///         self.x = x
    ///         self.y = y
    ///
    ///
    /// points = [Point(i, i) for i in range(100_000)]
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `__slots__` listing every attribute the class assigns on
    /// `self`, sorted, at the top of the class body, and `__weakref__` for
    /// a class without bases, so weak references to its instances taken
    /// anywhere keep working (one pointer per instance; a subclass of a
    /// slotted class inherits the base's choice). It is not offered when
    /// any checked file stores an attribute the class never assigns on an
    /// object whose type memwise cannot tell (`self._level.settings = ...`,
    /// `setattr(obj, "name", ...)`, an attribute of a parameter), or reads
    /// `__dict__` through one: that object may be an instance of this class,
    /// and with `__slots__` the store raises `AttributeError`. It is unsafe: code that
    /// memwise does not see (other projects, attributes set on instances
    /// reached through containers, `pickle` protocols 0 and 1, weak
    /// references to a subclass's instances taken elsewhere) may need the
    /// `__dict__` or `__weakref__` the class loses.
    ///
    /// ## Known problems
    /// A class with a docstring whose instances set `self.__doc__` (a
    /// descriptor documented per instance) is not reported: the class's
    /// own `__doc__` conflicts with a slot of that name, so only a
    /// `__dict__` can hold the instance's (the same holds for MEM402 and
    /// MEM403).
    ///
    /// A class defined in a module that encodes objects through their
    /// `__dict__` (`json.dumps(vo, default=lambda o: o.__dict__)`, also
    /// through what the lambda builds from it, as `{k: v for k, v in
    /// o.__dict__.items() if v is not None}`, or a `JSONEncoder` whose
    /// `default` returns `vars(o)`) is not reported:
    /// its instances are what the module encodes, and slotted ones would
    /// fail to (tuya's value objects). An encoder in another module may
    /// be handed instances of any class and does not withhold them (it
    /// withholds the fix, as any `__dict__` read through an object of
    /// unknown type does).
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
    ///
    /// "Instantiated in a loop" means many instances alive at once: the
    /// instance is kept beyond its iteration (the element of a list, set or
    /// dict comprehension, an argument of `append`/`add`/`insert`/...,
    /// stored with `d[k] = ...` or with `obj.a = ...` through an object that
    /// changes with the iteration, passed to a method of the same class or
    /// a function of the same module that stores its argument so
    /// (`self.set_state(host, State())`), or bound to a name that is kept so
    /// in the same loop), and the loop is not over a few items (a literal list,
    /// tuple, set or dict, also through a name bound to one of up to 16
    /// items that the code only reads (or views: `for l, s in
    /// states.items()`; or walks with `zip` or `enumerate`: InvokeAI's
    /// `zip(conditionings, regions)` over a pair), or grows by up to eight `.append`
    /// calls outside loops (`roots = []`, then `roots.append(train)` and
    /// `roots.append(test)` under `if`s), or a parameter whose default is one
    /// (`def unlock(banks=[0, 1])`: the default shows what callers pass; an
    /// empty default does not), a `range` between two offsets of one value
    /// (`range(n - 3, n + 2)`) or up to 100 from a literal
    /// start or a count (`range(self.ndim, 3)`), an `UPPER_CASE` constant, as configuration is, or set algebra on such constants (`META_RTYPES - VIRTUAL_RTYPES`), a class-level table read through `self` or `cls` (`for key, v in self._vars:`, where the class body binds `_vars` to a display of up to 16 items and no code of the file stores, grows or indexes an attribute of that name), an array's dimensions) nor in a script's `if __name__ ==
    /// "__main__":` block (demo code) or a `unittest.TestCase` class (test
    /// code, also when a library keeps it in the module it tests). An instance made, used and dropped in
    /// each iteration costs one `__dict__` at a time and is not reported (also
    /// when it is added to a list, set or dict the same pass makes anew and
    /// does not keep: `packets = [header]`, `packets.append(C())`, then
    /// `send(packets)`);
    /// nor is one stored where the next iteration's replaces it
    /// (`self.current = C()`, `d["last"] = C()`, `d[name] = C()` under
    /// `if name == "args":` in the loop, or with a `name` the loop does not
    /// rebind, or rebinds only from names, attributes and items it does not
    /// change and without a call, as `name = producer["name"]` in a
    /// reconnect loop: the same key
    /// on every pass), merged into another object
    /// (`data.update(C())`, `xs.extend(...)` reads the items, not the
    /// object), returned, or stored only after the loop: one is alive at a
    /// time. Nor is one made in the iteration that ends the loop (followed
    /// in its block by `return` or `raise`, or by `break` with no other
    /// loop around to repeat it): a search that adds what it found and
    /// returns makes one per search.
    ///
    /// Attributes set on instances from outside the class are only seen
    /// when the instance is first bound to a name (`r = Record(...)`) and
    /// the attribute is set through that name in the same scope (also by
    /// `setattr(r, "name", ...)`, by `setattr(r, f, ...)` in a loop over a
    /// literal tuple of names, `for f in ("name", "version")`, which sets
    /// those, and by `setattr(r, key, ...)` with a name computed at run
    /// time, which may be any and needs the `__dict__`, as `vars(r)` does:
    /// Kaggle's leaderboard rows get a field per task), or set
    /// (or its `__dict__` read) through `x` in the branch of `if
    /// isinstance(x, Class):` (a JSON encoder's `return obj.__dict__`
    /// for one class), or set through an item an instance was stored into
    /// in the same scope (`results[i, j] = Pair(...)`, then `results[i,
    /// j].names = ...`; the item spelt the same), or set by a function of
    /// the module on a parameter the class hands `self` to
    /// (`_set_name(name, self)` storing `obj.base_name`) with a name the
    /// class never assigns, or when the
    /// class body gives the attribute a default (`failed = False`) that it
    /// never assigns on `self` and some checked file stores an attribute of
    /// that name on an object whose type memwise cannot tell
    /// (`results[name].failed = True`): such defaults are meant to be
    /// shadowed per instance, which `__slots__` forbids. A class without
    /// bases that reads through `self` an attribute it never sets nor
    /// defines (`self.extents`, which the code that places each label sets)
    /// gets it from outside too, and is not reported. Nor is a class when
    /// a name that says it holds one of its instances (the class's name in
    /// snake case, alone or at the end: `search_state` or `new_search_state`
    /// for `SearchState`, `loop_node` for `Node`, an item of `outputs` for
    /// `Output`; or two or more of its last words, `worker_state` for
    /// `_ManagedWorkerState`; the last word alone, `state`, names too many other
    /// things, and withholding the finding for it lost true ones) is
    /// given an attribute the class never assigns nor defines
    /// (`search_state.training_function = f`), or has its `__dict__` read
    /// (`vars(search_state)`), in the class's module,
    /// another module of its package or one importing from it (flaml's
    /// `SearchState`, biopython's `atom.sasa`): the name is taken at
    /// its word, so an object of another class named the same way
    /// withholds the finding too.
    pub MissingSlots {
        code: "MEM401",
        name: "missing-slots",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: false,
    }
}

// A whole-project rule: it runs in `check_project`, never per node.
rule_without_node_checks!(MissingSlots);

impl ProjectRule for MissingSlots {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.check_classes(report, check_class);
    }
}

fn check_class(project: &Project<'_>, id: ClassId) -> Option<Diagnostic> {
    let class = project.class(id);
    let usage = project.usage(id);
    let (first_file, first_call) = first_loop_outside_tests(project, usage)?;
    if has_compiled_twin(project.files[id.file].path)
        || class.layout.has_slots
        || class.decorated
        || class.has_keywords
        || class.layout.needs_dict
        || class.layout.creates_no_instances
        || usage.in_multiple_inheritance
        || !project.bases_are_slotted(id)
        || project.files[id.file].encodes_through_dict()
    {
        return None;
    }
    // `failResult: Failure | None = None` in the body is usually a
    // per-instance default that other code shadows (`info.failResult = f`),
    // which `__slots__` turns into an `AttributeError`; memwise cannot see
    // every such store, so these classes are left alone.
    if class.layout.instance_defaults {
        return None;
    }
    let assigned = |name: &str| class.layout.self_attributes().contains(name);
    // `missing_candidate = False` in the body, never assigned on `self`,
    // and `result.missing_candidate = True` somewhere through an object
    // whose type memwise cannot tell: a per-instance default set from
    // outside, which `__slots__` would turn into an `AttributeError`.
    let unknown = &project.unknown_attribute_stores;
    let default_set_outside = |name: &str| !assigned(name) && unknown.binary_search(&name).is_ok();
    if class
        .layout
        .class_assignments()
        .iter()
        .any(default_set_outside)
        || usage.outside_attributes.iter().any(|a| !assigned(a))
        || project.set_through_named(id, &assigned)
        || class
            .layout
            .class_assignments()
            .iter()
            .chain(class.layout.class_definitions().iter())
            .any(assigned)
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
        &MissingSlots::META,
        format!(
            "`{}` has no `__slots__` and is instantiated {place}, so every instance carries a `__dict__`",
            class.name
        ),
        class.name_range,
    )
    .with_help("add `__slots__` naming the attributes the class assigns on `self`");
    if first_file == id.file {
        diagnostic = diagnostic.with_secondary(first_call, "instantiated in a loop here");
    }
    // `__slots__` makes storing any other attribute an `AttributeError`:
    // a store of a name the class never assigns, through an object of
    // unknown type, may be meant for this class.
    let stored_elsewhere = project
        .unknown_attribute_stores
        .iter()
        .any(|name| !name.contains('.') && !assigned(name));
    if !stored_elsewhere
        && let (Some(at), Some(indent)) = (class.slots_at, class.slots_indent.as_deref())
    {
        let mut names: Vec<&str> = class.layout.self_attributes().iter().collect();
        // A class without `__slots__` can be weakly referenced, and code
        // elsewhere may do so (a `WeakKeyDictionary` keyed by instances, a
        // decorator taking `weakref.ref(self)`): the slot keeps that
        // working for one pointer per instance. A slotted base may already
        // have it, and naming it twice is a `TypeError`, so only a class
        // without bases gets it.
        if project.usage(id).bases.is_empty() {
            names.push("__weakref__");
        }
        diagnostic = diagnostic.with_fix(Fix {
            applicability: Applicability::Unsafe,
            message: "add `__slots__`".to_owned(),
            edits: vec![Edit {
                range: TextRange::empty(at),
                content: slots_insertion_text(indent, &names),
            }],
        });
    }
    Some(diagnostic)
}

/// The first loop that instantiates the class outside test code, the class's
/// own file first. Tests build instances in loops to exercise a class, not
/// to hold many of them, so only loops in other code are evidence (MEM401
/// and MEM402).
pub(crate) fn first_loop_outside_tests(
    project: &Project<'_>,
    usage: &ClassUsage,
) -> Option<(usize, TextRange)> {
    usage
        .loop_instantiations
        .iter()
        .copied()
        .find(|(file, _)| !project.files[*file].is_test)
}
