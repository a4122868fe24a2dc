//! MEM403: a subclass of `str`, `bytes`, `int`, `tuple` or a namedtuple
//! without `__slots__` gives every instance a `__dict__`.

use memwise_core::facts_slots::{body_insertion, class_layout, slots_insertion_text};
use memwise_core::python::is_class_var;
use memwise_core::{
    Applicability, BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, ScopeId,
    declare_rule,
};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for classes that derive from `str`, `bytes`, `int`, `tuple`
    /// or a `collections.namedtuple(...)` class without defining
    /// `__slots__`.
    ///
    /// ## Why is this bad?
    /// These built-in types store their value inline and have no
    /// `__dict__`. A subclass without `__slots__` adds one to every
    /// instance (about a hundred bytes once used, plus the pointer), which
    /// for a small value type such as a `namedtuple` record can double its
    /// size. `__slots__ = ()` keeps the subclass as compact as its base.
    ///
    /// Classes whose methods assign attributes on `self`, or that use
    /// `__dict__`, `vars()`, `setattr(self, ...)`, `update_wrapper(self, ...)` or weak references to
    /// `self`, need the `__dict__` and are not flagged. Classes written
    /// in the class form of `typing.NamedTuple` (`class P(NamedTuple):`)
    /// get empty slots automatically and are not flagged either; a subclass
    /// of the call form (`class Q(NamedTuple("P", [...]))`) is, like one of
    /// a `namedtuple`, and so is a subclass of a subscripted `tuple`
    /// (`class R(tuple[str, int])`).
    ///
    /// ## Example
    /// ```python
    /// from collections import namedtuple
    ///
    ///
    /// class Point(namedtuple("Point", "x y")):
    ///     def norm(self):
    ///         return (self.x**2 + self.y**2) ** 0.5
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from collections import namedtuple
    ///
    ///
    /// class Point(namedtuple("Point", "x y")):
    ///     __slots__ = ()
    ///
    ///     def norm(self):
    ///         return (self.x**2 + self.y**2) ** 0.5
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `__slots__ = ()` at the top of the class body. It is
    /// unsafe: code elsewhere that sets attributes on instances
    /// (`p.label = "a"`) or takes weak references to them then fails with
    /// `AttributeError`/`TypeError`, and memwise does not see every such
    /// place.
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM403`). CPython
    /// creates an instance's `__dict__` only when something is stored in
    /// it, so an unused one costs a pointer or two (8 to 24 bytes measured
    /// on Python 3.11, against a `str` or tuple of 50 to 100), and code that
    /// does store attributes on instances, often from other modules or
    /// through decorators such as a `method_cache` that `setattr`s onto the
    /// instance, breaks under `__slots__ = ()`. On projects no rule had
    /// been tuned on, 14 of 29 findings read were false alarms and one was
    /// worth fixing. Select it for value types made by the million.
    ///
    /// Attributes set on instances from other modules are not seen; review
    /// the callers before applying the fix. A class body that announces
    /// instance attributes by annotation (`key: bytes` with no value, not a
    /// `ClassVar`) is not flagged: code elsewhere sets them on instances
    /// (`result = Params(...); result.key = key`), and a `tuple`, `int` or
    /// `bytes` subclass cannot list them in `__slots__`.
    pub SubclassWithoutSlots {
        code: "MEM403",
        name: "subclass-without-slots",
        opt_in: true,
        fix: FixAvailability::Sometimes,
        test_code: false,
        peer_codes: &["SLOT000", "SLOT001", "SLOT002"],
    }
}

const VALUE_BASES: &[&str] = &[
    "builtins.str",
    "builtins.bytes",
    "builtins.int",
    "builtins.tuple",
];

/// Calls that make a tuple class without `__slots__` on its subclasses.
/// Only the class form of `typing.NamedTuple` (`class P(NamedTuple): ...`)
/// gives its subclasses empty slots; a subclass of the call form
/// (`class Q(NamedTuple("P", [...]))`) gets a `__dict__` like a
/// `namedtuple`'s.
const NAMEDTUPLE: &[&str] = &[
    "collections.namedtuple",
    "typing.NamedTuple",
    "typing_extensions.NamedTuple",
];

/// Subscripted bases that are the `tuple` class underneath: `tuple[str, int]`.
const SUBSCRIPTED_TUPLES: &[&str] = &["builtins.tuple", "typing.Tuple"];

impl Rule for SubclassWithoutSlots {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtClassDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtClassDef(class) = node else {
            return;
        };
        let Some(arguments) = class.arguments.as_deref() else {
            return;
        };
        // Every base must be a value type: a mixin without slots brings a
        // `__dict__` anyway, and a keyword (a metaclass) may build the class
        // differently.
        if !arguments.keywords.is_empty() || arguments.args.is_empty() {
            return;
        }
        let mut described = Vec::new();
        for base in &arguments.args {
            let Some(description) = value_base(cx, base) else {
                return;
            };
            described.push(description);
        }
        let layout = class_layout(class, cx.module());
        if layout.has_slots
            || layout.needs_dict
            || layout.creates_no_instances
            || !layout.self_attributes().is_empty()
            || declares_instance_attributes(class)
        {
            return;
        }
        let base = described.join(", ");
        let mut diagnostic = Diagnostic::new(
            &Self::META,
            format!(
                "`{}` derives from {base} without `__slots__`, so every instance gets a `__dict__`",
                class.name
            ),
            class.name.range(),
        )
        .with_help("add `__slots__ = ()` to the class body");
        if let Some((at, indent)) = body_insertion(cx.source(), class) {
            diagnostic = diagnostic.with_fix(Fix {
                applicability: Applicability::Unsafe,
                message: "add `__slots__ = ()`".to_owned(),
                edits: vec![Edit {
                    range: TextRange::empty(at),
                    content: slots_insertion_text(&indent, &[]),
                }],
            });
        }
        cx.report(diagnostic);
    }
}

/// How a value-type base reads in the message, or `None` for another base.
/// Whether the class body announces attributes that instances carry
/// (`key: bytes` with no value, not a `ClassVar`): code elsewhere sets
/// them (`result.key = key`), so the instances need their `__dict__`, and
/// a `str`/`int`/`bytes`/`tuple` subclass cannot name them in `__slots__`.
fn declares_instance_attributes(class: &ast::StmtClassDef) -> bool {
    class.body.iter().any(|stmt| {
        let Stmt::AnnAssign(ann) = stmt else {
            return false;
        };
        ann.value.is_none() && ann.target.is_name_expr() && !is_class_var(&ann.annotation)
    })
}

fn value_base(cx: &Context<'_>, base: &Expr) -> Option<String> {
    if let Some(found) = cx.resolves_to(base, VALUE_BASES) {
        return Some(format!("`{}`", found.trim_start_matches("builtins.")));
    }
    if let Expr::Call(call) = base
        && cx.resolves_to(&call.func, NAMEDTUPLE).is_some()
    {
        return Some("a `namedtuple`".to_owned());
    }
    // `class R(tuple[str, int])` is a `tuple` subclass.
    if let Expr::Subscript(subscript) = base
        && cx
            .resolves_to(&subscript.value, SUBSCRIPTED_TUPLES)
            .is_some()
    {
        return Some("`tuple`".to_owned());
    }
    let Expr::Name(name) = base else {
        return None;
    };
    // `Point = namedtuple(...)` at module level, then `class P(Point)`.
    let index = cx.index();
    let binding = index.binding(index.resolve_name(cx.scope(), name.id.as_str(), name.start())?);
    if binding.kind != BindingKind::Assignment || binding.scope != ScopeId::MODULE {
        return None;
    }
    let only = index
        .scope(ScopeId::MODULE)
        .bindings_of(name.id.as_str())
        .len()
        == 1;
    if !only {
        return None;
    }
    cx.module().iter().find_map(|stmt| {
        let Stmt::Assign(ast::StmtAssign { targets, value, .. }) = stmt else {
            return None;
        };
        let [Expr::Name(target)] = targets.as_slice() else {
            return None;
        };
        if target.range != binding.range {
            return None;
        }
        let Expr::Call(call) = value.as_ref() else {
            return None;
        };
        cx.index()
            .resolves_to(ScopeId::MODULE, &call.func, NAMEDTUPLE)
            .map(|_| format!("the `namedtuple` `{}`", name.id))
    })
}
