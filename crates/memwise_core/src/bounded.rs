//! Bounded domains: values that come from a fixed, small set (literals,
//! module-level constants, classes, modules, functions), so a cache or
//! container keyed by them cannot grow without bound. MEM202 and MEM203 ask
//! here, so "bounded" means one thing everywhere.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::context::Context;
use crate::python::is_main_guard;
use crate::semantic::{BindingKind, ScopeId, ScopeKind, SemanticIndex};
use crate::uses::UseKind;

/// Whether `expr`, evaluated in `scope`, can only take one of a bounded set
/// of values: a literal (or a tuple of them), a name bound once at module
/// level, a class, a function, a module, an attribute of a module or class
/// (`logging.INFO`, `Color.RED`), or the class of a value (`type(x)`,
/// `x.__class__`).
pub fn is_bounded_value(index: &SemanticIndex, scope: ScopeId, expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::Tuple(tuple) => tuple.elts.iter().all(|e| is_bounded_value(index, scope, e)),
        Expr::Name(name) => is_bounded_name(index, scope, name),
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "__class__"
                || attribute.attr.as_str() == "__name__"
                || matches!(&*attribute.value, Expr::Name(root)
                if index
                    .resolve_name(scope, &root.id, root.start())
                    .is_some_and(|b| matches!(
                        index.binding(b).kind,
                        BindingKind::Import(_) | BindingKind::ClassDef
                    )))
        }
        Expr::Call(call) => {
            call.arguments.len() == 1
                && index
                    .resolves_to(scope, &call.func, &["builtins.type"])
                    .is_some()
        }
        _ => false,
    }
}

fn is_bounded_name(index: &SemanticIndex, scope: ScopeId, name: &ast::ExprName) -> bool {
    let Some(id) = index.resolve_name(scope, &name.id, name.start()) else {
        // A builtin (`int`, `str`, `len`): one of a fixed set.
        return true;
    };
    let binding = index.binding(id);
    match binding.kind {
        BindingKind::Import(_) | BindingKind::FunctionDef | BindingKind::ClassDef => true,
        // One value for the life of the module.
        BindingKind::Assignment => {
            binding.scope == ScopeId::MODULE
                && index.scope(ScopeId::MODULE).bindings_of(&name.id).len() == 1
        }
        // `cls` of a class method: one of the classes.
        BindingKind::Parameter => name.id.as_str() == "cls",
        _ => false,
    }
}

/// Whether an annotation admits only a bounded set of values: classes
/// (`type`, `type[T]`), modules, functions (`Callable`), `bool`,
/// `Literal[...]`, or an optional of one of them.
pub fn is_bounded_annotation(index: &SemanticIndex, scope: ScopeId, annotation: &Expr) -> bool {
    const BOUNDED: &[&str] = &[
        "builtins.type",
        "builtins.bool",
        "types.ModuleType",
        "types.FunctionType",
        "typing.Type",
        "typing.Callable",
        "collections.abc.Callable",
        "typing.Literal",
        "typing_extensions.Literal",
    ];
    match annotation {
        Expr::Subscript(subscript) => {
            if index
                .resolves_to(scope, &subscript.value, &["typing.Optional"])
                .is_some()
            {
                return is_bounded_annotation(index, scope, &subscript.slice);
            }
            index
                .resolves_to(scope, &subscript.value, BOUNDED)
                .is_some()
        }
        Expr::BinOp(binop) if matches!(binop.op, ast::Operator::BitOr) => {
            is_bounded_annotation(index, scope, &binop.left)
                && is_bounded_annotation(index, scope, &binop.right)
        }
        Expr::NoneLiteral(_) => true,
        _ => index.resolves_to(scope, annotation, BOUNDED).is_some(),
    }
}

/// Whether a cached function `def` (seen from the scope it is defined in)
/// can only ever see a bounded set of arguments, or keeps its cache for a
/// reason that bounding would break:
/// - the module runs as a script (`if __name__ == "__main__":`): the cache
///   lives for one run of the program;
/// - it makes a class (a `class` statement in its body, or `type(n, b, d)`
///   returned): the cache keeps one class per key, so that instances pickle
///   and compare by class identity;
/// - every parameter is annotated with a bounded type (classes, modules,
///   functions, `bool`, `Literal[...]`);
/// - it is private to its module (`_name`, or defined inside a function),
///   and every call of it there passes bounded values only.
pub fn is_bounded_cache(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> bool {
    if is_script(cx.module()) || makes_class(cx, def) {
        return true;
    }
    let index = cx.index();
    let scope = cx.scope();
    let parameters: Vec<&ast::ParameterWithDefault> = def
        .parameters
        .iter_non_variadic_params()
        .filter(|p| !matches!(p.parameter.name.as_str(), "self" | "cls"))
        .collect();
    if def.parameters.vararg.is_none()
        && def.parameters.kwarg.is_none()
        && !parameters.is_empty()
        && parameters.iter().all(|p| {
            p.parameter
                .annotation
                .as_deref()
                .is_some_and(|a| is_bounded_annotation(index, scope, a))
        })
    {
        return true;
    }
    let private = def.name.as_str().starts_with('_')
        || matches!(index.scope(scope).kind, ScopeKind::Function);
    if !private || matches!(index.scope(scope).kind, ScopeKind::Class) {
        return false;
    }
    let Some(binding) = index.binding_at(scope, &def.name.id, def.name.range) else {
        return false;
    };
    let binding = index.binding(binding);
    let mut calls = CallsByCallee::default();
    for stmt in cx.module() {
        calls.visit_stmt(stmt);
    }
    let mut called = false;
    for used in &binding.uses {
        if used.kind == UseKind::Attribute {
            // `f.cache_clear()`, `f.cache_info()`.
            continue;
        }
        let Some(call) = calls.find(used.range) else {
            return false;
        };
        let bounded = call
            .arguments
            .args
            .iter()
            .all(|a| is_bounded_value(index, used.scope, a))
            && call
                .arguments
                .keywords
                .iter()
                .all(|k| k.arg.is_some() && is_bounded_value(index, used.scope, &k.value));
        if !bounded {
            return false;
        }
        called = true;
    }
    called
}

/// Whether the module has a top-level `if __name__ == "__main__":` block.
pub fn is_script(module: &[Stmt]) -> bool {
    module
        .iter()
        .any(|s| matches!(s, Stmt::If(i) if is_main_guard(&i.test)))
}

/// A `class` statement directly in the body, or a returned `type(n, b, d)`.
fn makes_class(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> bool {
    def.body.iter().any(|stmt| match stmt {
        Stmt::ClassDef(_) => true,
        Stmt::Return(ast::StmtReturn {
            value: Some(value), ..
        }) => is_type_call(cx, value),
        Stmt::Assign(assign) => is_type_call(cx, &assign.value),
        _ => false,
    })
}

fn is_type_call(cx: &Context<'_>, expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            (call.arguments.args.len() == 3
                && cx.resolves_to(&call.func, &["builtins.type"]).is_some())
                || cx
                    .resolves_to(&call.func, &["types.new_class", "typing.cast"])
                    .is_some_and(|name| {
                        name == "types.new_class"
                            || call.arguments.args.iter().any(|a| is_type_call(cx, a))
                    })
        }
        _ => false,
    }
}

/// Every call whose callee is a plain name, by the callee's range.
#[derive(Default)]
struct CallsByCallee<'a> {
    calls: Vec<(TextRange, &'a ast::ExprCall)>,
}

impl<'a> CallsByCallee<'a> {
    fn find(&self, callee: TextRange) -> Option<&'a ast::ExprCall> {
        self.calls
            .iter()
            .find(|(range, _)| *range == callee)
            .map(|(_, call)| *call)
    }
}

impl<'a> Visitor<'a> for CallsByCallee<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Name(name) = &*call.func
        {
            self.calls.push((name.range, call));
        }
        visitor::walk_expr(self, expr);
    }
}
