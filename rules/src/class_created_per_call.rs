//! MEM404: a class made by `namedtuple(...)` and the like, anew for each use.

use memwise_core::find::body_contains_outside_definitions;
use memwise_core::python::innermost_loop_body;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, ScopeKind, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for a class made by a call (`collections.namedtuple(...)`,
    /// `typing.NamedTuple("X", ...)`, `enum.Enum("X", ...)`, three-argument
    /// `type(name, bases, ns)`, `dataclasses.make_dataclass(...)`) inside a
    /// function, when the class is made anew for each use: made and used in
    /// one expression (instantiated, `namedtuple("P", "x y")(1, 2)`, or an
    /// attribute or item read, `Enum("Mode", "R W").R`), or
    /// made inside a loop and used as a class in the same loop
    /// (instantiated, or its attributes or items read: an enum's members).
    ///
    /// ## Why is this bad?
    /// Each of these calls builds a new class: about a kilobyte or more,
    /// held in reference cycles (the class, its `__mro__`, its methods'
    /// closures) that only the cyclic collector frees, and kept in caches
    /// keyed by class (`functools.singledispatch`, `typing`, `abc`
    /// registries, pickling). Made per call or per item, classes pile up:
    /// reported in ComfyUI, in sympy (sympy#24581) and in psycopg2
    /// (psycopg2#838, a namedtuple class per row cursor).
    ///
    /// ## Example
    /// ```python
    /// from collections import namedtuple
    ///
    ///
    /// def to_points(rows):
    ///     out = []
    ///     for row in rows:
    ///         Point = namedtuple("Point", "x y")
    ///         out.append(Point(*row))
    ///     return out
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from collections import namedtuple
    ///
    /// Point = namedtuple("Point", "x y")
    ///
    ///
    /// def to_points(rows):
    ///     return [Point(*row) for row in rows]
    /// ```
    ///
    /// ## Known problems
    /// Only a class made from constants (the same class every time) is
    /// flagged: a class whose name, bases or fields come from data (a
    /// subclass per registered model, a record type per query's columns) is
    /// made once per definition and cannot simply move to module level; so
    /// is a `type(name, bases, ns)` with a non-empty namespace (a subclass
    /// configured through class attributes, such as a generated migration). A
    /// factory that returns or stores the class it makes is fine and not
    /// flagged, nor is a loop that makes classes to store them (a registry
    /// filled once per definition) without using them there (instantiating
    /// them, reading their attributes or items). Code at
    /// module level runs once and is not flagged. Test code is not checked.
    pub ClassCreatedPerCall {
        code: "MEM404",
        name: "class-created-per-call",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for ClassCreatedPerCall {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[
            NodeKind::ExprCall,
            NodeKind::ExprAttribute,
            NodeKind::ExprSubscript,
            NodeKind::StmtAssign,
        ]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        match node {
            // `namedtuple("P", "x y")(1, 2)`, `Enum("E", "A B").A`,
            // `Enum("E", "A B")["A"]`: a class made to be used at once, a
            // new one per evaluation.
            AnyNodeRef::ExprCall(ast::ExprCall { func: made, .. })
            | AnyNodeRef::ExprAttribute(ast::ExprAttribute { value: made, .. })
            | AnyNodeRef::ExprSubscript(ast::ExprSubscript { value: made, .. }) => {
                let Expr::Call(inner) = &**made else {
                    return;
                };
                if !in_function(cx) || class_maker(cx, inner).is_none() {
                    return;
                }
                report(cx, inner);
            }
            AnyNodeRef::StmtAssign(assign) => {
                if !in_function(cx) {
                    return;
                }
                let [Expr::Name(target)] = &*assign.targets else {
                    return;
                };
                let Expr::Call(call) = &*assign.value else {
                    return;
                };
                if class_maker(cx, call).is_none() {
                    return;
                }
                let Some((loop_stmt, _)) = innermost_loop_body(cx.statements()) else {
                    return;
                };
                if !instantiated_in(loop_stmt, target.id.as_str()) {
                    return;
                }
                report(cx, call);
            }
            _ => {}
        }
    }
}

fn report(cx: &mut Context<'_>, call: &ast::ExprCall) {
    let message = format!(
        "`{}(...)` makes a new class for each use: every class costs a kilobyte or more and is freed only by the cyclic collector",
        cx.slice(&*call.func)
    );
    let help = "define the class once at module level and reuse it";
    cx.report(Diagnostic::new(&ClassCreatedPerCall::META, message, call.range()).with_help(help));
}

/// Whether the walk is inside a function (a loop or an expression at module
/// or class level runs once).
fn in_function(cx: &Context<'_>) -> bool {
    let index = cx.index();
    let mut scope = Some(cx.scope());
    while let Some(id) = scope {
        let s = index.scope(id);
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Lambda) {
            return true;
        }
        scope = s.parent;
    }
    false
}

/// The qualified name of the class-making function `call` calls, when it is
/// called in its class-making form.
fn class_maker(cx: &Context<'_>, call: &ast::ExprCall) -> Option<&'static str> {
    let maker = cx.resolves_to(
        &call.func,
        &[
            "collections.namedtuple",
            "typing.NamedTuple",
            "typing_extensions.NamedTuple",
            "enum.Enum",
            "enum.IntEnum",
            "enum.StrEnum",
            "enum.Flag",
            "enum.IntFlag",
            "builtins.type",
            "dataclasses.make_dataclass",
        ],
    )?;
    let positional = call.arguments.args.len();
    let makes_class = match maker {
        "builtins.type" => positional == 3,
        "collections.namedtuple" | "dataclasses.make_dataclass" => positional >= 1,
        // `Enum("Color", "RED GREEN")`, `NamedTuple("P", [...])`: the
        // functional forms take a name and members; `Color(1)` is a lookup.
        _ => positional >= 2,
    };
    (makes_class && same_class_every_time(cx, call, maker)).then_some(maker)
}

/// Whether every argument is a constant, so that each call makes the same
/// class again and "define it once at module level" can be followed. A
/// class whose name or fields come from data (a subclass per registered
/// model, a record type per query) is made per definition, not per use.
/// Names not bound in the function (classes such as `int`, module
/// constants) count as constants. A `type(name, bases, ns)` with a
/// non-empty namespace configures a subclass (a definition whose class
/// attributes its base reads, as a migration or an admin class): only an
/// empty namespace is flagged.
fn same_class_every_time(cx: &Context<'_>, call: &ast::ExprCall, maker: &str) -> bool {
    if maker == "builtins.type"
        && !matches!(call.arguments.args.get(2), Some(Expr::Dict(ns)) if ns.items.is_empty())
    {
        return false;
    }
    let scope = cx.index().scope(cx.scope());
    let outer_name = |e: &Expr| match e {
        Expr::Name(n) => scope.bindings_of(n.id.as_str()).is_empty(),
        Expr::Attribute(a) => {
            matches!(&*a.value, Expr::Name(n) if scope.bindings_of(n.id.as_str()).is_empty())
        }
        _ => false,
    };
    call.arguments
        .args
        .iter()
        .all(|arg| is_constant(arg, &outer_name))
        && call
            .arguments
            .keywords
            .iter()
            .all(|k| k.arg.is_some() && is_constant(&k.value, &outer_name))
}

/// A literal, or a list, tuple, set or dict of literals.
fn is_constant(expr: &Expr, outer_name: &impl Fn(&Expr) -> bool) -> bool {
    if outer_name(expr) {
        return true;
    }
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => true,
        Expr::List(list) => list.elts.iter().all(|e| is_constant(e, outer_name)),
        Expr::Tuple(tuple) => tuple.elts.iter().all(|e| is_constant(e, outer_name)),
        Expr::Set(set) => set.elts.iter().all(|e| is_constant(e, outer_name)),
        Expr::Dict(dict) => dict.items.iter().all(|item| {
            item.key
                .as_ref()
                .is_some_and(|k| is_constant(k, outer_name))
                && is_constant(&item.value, outer_name)
        }),
        _ => false,
    }
}

/// Whether the loop uses the class bound to `name` as a class there:
/// calls it (makes an instance), or reads one of its attributes or items
/// (an enum's members, `Color.RED` or `Color["RED"]`; `Point._make(row)`).
/// Only stored or handed on, it may be a registry's entry.
fn instantiated_in(loop_stmt: &Stmt, name: &str) -> bool {
    let is_class = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == name);
    body_contains_outside_definitions(std::slice::from_ref(loop_stmt), |expr| match expr {
        Expr::Call(call) => is_class(&call.func),
        Expr::Attribute(attribute) => attribute.ctx.is_load() && is_class(&attribute.value),
        Expr::Subscript(subscript) => subscript.ctx.is_load() && is_class(&subscript.value),
        _ => false,
    })
}
