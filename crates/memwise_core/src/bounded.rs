//! Bounded domains: values that come from a fixed, small set (literals,
//! module-level constants, classes, modules, functions), so a cache or
//! container keyed by them cannot grow without bound. MEM202 and MEM203 ask
//! here, so "bounded" means one thing everywhere.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::context::Context;
use crate::python::{is_main_guard, is_warning_statement, runs_once_at_import};
use crate::semantic::{Binding, BindingKind, ScopeId, ScopeKind, SemanticIndex};
use crate::summary::{ARGUMENTS_UNKNOWN, BoundedCalls};
use crate::uses::{BoundValue, Use, UseKind};

/// Whether `expr`, evaluated in `scope`, can only take one of a bounded set
/// of values: a literal (or a tuple of them), a name bound once at module
/// level, a class, a function, a module, an attribute of a module or class
/// (`logging.INFO`, `Color.RED`), the class of a value (`type(x)`,
/// `x.__class__`), or a loop variable over a literal display of literals
/// (`for name in ("a", "b")`) or a literal item of one (`entry["name"]`
/// over a list of dict literals).
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
        // `entry["name"]` over `for entry in [{"name": "device"}, ...]`: an
        // item of one of the values written there.
        Expr::Subscript(subscript) => {
            matches!(&*subscript.value, Expr::Name(name)
                if index
                    .resolve_name(scope, &name.id, name.start())
                    .is_some_and(|b| index.binding(b).value == BoundValue::ConstantItem))
                && is_bounded_value(index, scope, &subscript.slice)
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
        // `for name in ("a", "b"):`: one of the values written there.
        BindingKind::LoopVariable => binding.value == BoundValue::ConstantItem,
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

/// Whether a cached function's arguments come from a bounded set.
#[derive(Debug)]
pub enum CacheBound {
    /// Bounded, or kept for a reason that bounding would break.
    Bounded,
    /// Nothing shows the arguments are bounded.
    Unbounded,
    /// Bounded if every call of these functions in the other checked files
    /// passes bounded values too (the whole-project pass decides).
    IfEveryCall(Vec<BoundedCalls>),
}

/// Whether a cached function `def` (seen from the scope it is defined in)
/// can only ever see a bounded set of arguments, or keeps its cache for a
/// reason that bounding would break:
/// - the module runs as a script (`if __name__ == "__main__":`): the cache
///   lives for one run of the program;
/// - it makes a class (a `class` statement in its body, or `type(n, b, d)`
///   returned): the cache keeps one class per key, so that instances pickle
///   and compare by class identity;
/// - it only emits a warning or a log record: a warn-once cache, bounded by
///   the distinct warnings the program emits;
/// - every parameter is annotated with a bounded type (classes, modules,
///   functions, `bool`, `Literal[...]`);
/// - every call of it passes bounded values only: decided here for a
///   function nested in a function or private to its module (`_name`)
///   with calls in the module, and by the whole-project pass for a
///   module-level function that other modules may call.
pub fn cache_bound(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> CacheBound {
    if is_script(cx.module()) || makes_class(cx, def) || only_warns(cx, def) {
        return CacheBound::Bounded;
    }
    let index = cx.index();
    let scope = cx.scope();
    // A module's `__getattr__` (PEP 562) is called with the attribute names
    // that code spells out (`mod.name`, `from mod import name`): a finite
    // set, and a failed lookup raises, which a cache does not keep.
    if index.scope(scope).kind == ScopeKind::Module && def.name.as_str() == "__getattr__" {
        return CacheBound::Bounded;
    }
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
        return CacheBound::Bounded;
    }
    let kind = index.scope(scope).kind;
    if kind == ScopeKind::Class {
        return CacheBound::Unbounded;
    }
    // The whole argument list is the key.
    let mut condition = key_condition(def, u64::MAX, true);
    let Some(local) = bounded_local_calls(cx, def, &condition) else {
        return CacheBound::Unbounded;
    };
    condition.local_calls = local.calls;
    let mut conditions = local.passed_on;
    if kind == ScopeKind::Function || (is_private(&def.name) && local.calls > 0) {
        if local.calls == 0 {
            return CacheBound::Unbounded;
        }
        if conditions.is_empty() {
            return CacheBound::Bounded;
        }
    } else {
        conditions.push(condition);
    }
    CacheBound::IfEveryCall(conditions)
}

/// `_name`, not `__dunder__`.
fn is_private(name: &str) -> bool {
    name.starts_with('_') && !name.ends_with("__")
}

/// A function whose body (after its docstring) only emits warnings or log
/// records: cached, it warns once per distinct message.
fn only_warns(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> bool {
    let body = match def.body.split_first() {
        Some((Stmt::Expr(docstring), rest)) if docstring.value.is_string_literal_expr() => rest,
        _ => &def.body[..],
    };
    let Some(scope) = cx.index().definition_scope(def.range) else {
        return false;
    };
    !body.is_empty()
        && body
            .iter()
            .all(|stmt| is_warning_statement(cx.index(), scope, stmt))
}

/// The condition "every call passes bounded values for the parameters in
/// `key` (bit `i` for the `i`-th named parameter as [`BoundedCalls`] lists
/// them), and for `*args`/`**kwargs` too when `rest_is_key`".
pub fn key_condition(def: &ast::StmtFunctionDef, key: u64, rest_is_key: bool) -> BoundedCalls {
    let parameters = &def.parameters;
    let positional: Vec<Box<str>> = parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .map(|p| p.parameter.name.as_str().into())
        .collect();
    let count = positional.len();
    let names: Vec<Box<str>> = positional
        .into_iter()
        .chain(
            parameters
                .kwonlyargs
                .iter()
                .map(|p| p.parameter.name.as_str().into()),
        )
        .collect();
    let key = if names.len() >= 64 {
        key
    } else {
        key & ((1u64 << names.len()) - 1)
    };
    BoundedCalls {
        function: def.name.as_str().into(),
        parameters: names.into_boxed_slice(),
        positional: count,
        key,
        rest_is_key: rest_is_key && (parameters.vararg.is_some() || parameters.kwarg.is_some()),
        local_calls: 0,
        local_bounded: true,
        passed: None,
        local_passed: false,
    }
}

/// What a function's calls in its own module pass for the key.
#[derive(Debug, Default)]
pub struct LocalCalls {
    /// How many calls there are.
    pub calls: u32,
    /// Calls that pass on a parameter of their own module-level function
    /// (`def _dummy(name): return _dummy_(name)`): bounded when every call
    /// of that function passes a bounded value for it, which these
    /// conditions ask (those decided in the module are left out).
    pub passed_on: Vec<BoundedCalls>,
}

/// How deep calls that pass a parameter on are followed.
const MAX_PASSED_ON: usize = 3;

/// The calls of `def` (a function defined in the current scope) in its
/// module, when every use of it is a call that passes bounded values for
/// the key of `condition` (`f.cache_clear()` and other attribute uses
/// aside), or passes on a parameter of its own caller whose calls do;
/// `None` when some use is not such a call.
pub fn bounded_local_calls(
    cx: &Context<'_>,
    def: &ast::StmtFunctionDef,
    condition: &BoundedCalls,
) -> Option<LocalCalls> {
    let index = cx.index();
    let scope = cx.scope();
    bounded_calls_of(
        cx,
        index.binding_at(scope, &def.name.id, def.name.range)?,
        condition,
    )
}

/// [`bounded_local_calls`] for the function bound by `binding`.
pub fn bounded_calls_of(
    cx: &Context<'_>,
    binding: crate::semantic::BindingId,
    condition: &BoundedCalls,
) -> Option<LocalCalls> {
    let mut calls = CallsByCallee::default();
    for stmt in cx.module() {
        calls.visit_stmt(stmt);
    }
    calls_passing_bounded(cx, &calls, binding, condition, 0)
}

/// Whether every call of `def` can be seen and passes its parameter
/// explicitly, so that the parameter's default is never used: `def` is
/// private to its module (`_name`) or nested in a function, used at least
/// once, and every use of it is a call by name that gives the argument by
/// position or keyword (a `*args` or `**kwargs` before it leaves it
/// unknown). `left_out` is what [`uses_leaving_out`] found for it.
pub fn every_local_call_passes(
    cx: &Context<'_>,
    def: &ast::StmtFunctionDef,
    left_out: Option<&LeftOut<'_>>,
) -> bool {
    calls_are_visible(cx, def)
        && left_out.is_some_and(|found| !found.binding.uses.is_empty() && found.leaving.is_empty())
}

/// Whether the default of `parameter`, which the body of `def` (defined in
/// the current scope) mutates, is shown bounded by the calls of `def`
/// (MEM205), in either of two ways:
/// - every call passes `parameter`, by position or keyword: the default is
///   never the object mutated;
/// - the default is written only with keys made of the parameters in `key`
///   (bits as [`key_condition`] numbers them, and whether `*args` or
///   `**kwargs` are among them; `None` when some write is not keyed so),
///   and every call passes bounded values for them: one entry per value.
///
/// Decided here for a function nested in a function or private to its
/// module (`_name`) with uses in the module, and by the whole-project pass
/// for a module-level function that other modules may call, as
/// [`cache_bound`] decides. A method's calls (through `self`, an instance
/// or the class) and a decorated function's are not followed: `Unbounded`.
pub fn default_bound(
    cx: &Context<'_>,
    def: &ast::StmtFunctionDef,
    parameter: &str,
    key: Option<(u64, bool)>,
) -> CacheBound {
    let kind = cx.index().scope(cx.scope()).kind;
    if kind == ScopeKind::Class || !def.decorator_list.is_empty() {
        return CacheBound::Unbounded;
    }
    let Some(left_out) = uses_leaving_out(cx, def, parameter) else {
        return CacheBound::Unbounded;
    };
    let uses = u32::try_from(left_out.binding.uses.len()).unwrap_or(u32::MAX);
    let local_passed = left_out.leaving.is_empty();
    let mut condition = key_condition(def, key.map_or(0, |k| k.0), key.is_some_and(|k| k.1));
    let local = key.and_then(|_| bounded_local_calls(cx, def, &condition));
    if kind == ScopeKind::Function || (is_private(&def.name) && uses > 0) {
        if local_passed && uses > 0 {
            return CacheBound::Bounded;
        }
        return match local {
            Some(local) if local.calls > 0 && local.passed_on.is_empty() => CacheBound::Bounded,
            Some(local) if local.calls > 0 => CacheBound::IfEveryCall(local.passed_on),
            _ => CacheBound::Unbounded,
        };
    }
    if !local_passed && local.is_none() {
        return CacheBound::Unbounded;
    }
    let mut conditions = Vec::new();
    condition.passed = condition.parameters.iter().position(|p| **p == *parameter);
    condition.local_passed = local_passed;
    condition.local_calls = uses;
    condition.local_bounded = false;
    if let Some(local) = local {
        condition.local_calls = local.calls;
        // The keys' condition on the callers of the calls that pass a
        // parameter on would be asked of the other way too: kept only when
        // it is the one way left.
        if local.passed_on.is_empty() || !local_passed {
            condition.local_bounded = true;
            conditions.extend(local.passed_on);
        }
    }
    conditions.push(condition);
    CacheBound::IfEveryCall(conditions)
}

/// Whether every call of `def` is in the checked file: it is private to its
/// module (`_name`) or nested in a function.
pub fn calls_are_visible(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> bool {
    is_private(&def.name.id) || cx.index().scope(cx.scope()).kind == ScopeKind::Function
}

/// The uses of a function that may run it with a parameter's default (see
/// [`uses_leaving_out`]).
pub struct LeftOut<'i> {
    /// The function's binding, with all its uses.
    pub binding: &'i Binding,
    /// Calls by name that do not pass the parameter, and every use that is
    /// not a call by name (the function handed to other code, which may call
    /// it any way).
    pub leaving: Vec<&'i Use>,
}

/// The uses of `def` (bound in the current scope) that may run it with
/// `parameter`'s default. `None` when the index has no binding for `def`.
pub fn uses_leaving_out<'i>(
    cx: &'i Context<'_>,
    def: &ast::StmtFunctionDef,
    parameter: &str,
) -> Option<LeftOut<'i>> {
    let index = cx.index();
    let binding = index.binding(index.binding_at(cx.scope(), &def.name.id, def.name.range)?);
    let position = def
        .parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .position(|p| p.parameter.name.as_str() == parameter);
    let mut calls = CallsByCallee::default();
    for stmt in cx.module() {
        calls.visit_stmt(stmt);
    }
    let leaving = binding
        .uses
        .iter()
        .filter(|used| {
            let Some(call) = calls.find(used.range) else {
                return true;
            };
            !passes_argument(&call.arguments, position, parameter)
        })
        .collect();
    Some(LeftOut { binding, leaving })
}

/// Whether a call's `arguments` give `parameter`: by keyword, or at
/// `position` among the positional arguments with no `*args` before it
/// (`position` counts the arguments the call writes, after any bound
/// instance).
pub fn passes_argument(
    arguments: &ast::Arguments,
    position: Option<usize>,
    parameter: &str,
) -> bool {
    let positional = position.is_some_and(|at| {
        arguments.args.len() > at && !arguments.args[..=at].iter().any(Expr::is_starred_expr)
    });
    positional
        || arguments
            .keywords
            .iter()
            .any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == parameter))
}

fn calls_passing_bounded(
    cx: &Context<'_>,
    calls: &CallsByCallee<'_>,
    binding: crate::semantic::BindingId,
    condition: &BoundedCalls,
    depth: usize,
) -> Option<LocalCalls> {
    let index = cx.index();
    let binding = index.binding(binding);
    let mut found = LocalCalls::default();
    for used in &binding.uses {
        if used.kind == UseKind::Attribute {
            // `f.cache_clear()`, `f.cache_info()`.
            continue;
        }
        let call = calls.find(used.range)?;
        // Made once at import: a fixed number of keys, whatever it passes.
        if used.scope == ScopeId::MODULE && runs_once_at_import(cx.module(), call.range()) {
            found.calls += 1;
            continue;
        }
        let mut bounded = |value: &Expr| {
            is_bounded_value(index, used.scope, value)
                || passed_on(cx, calls, used.scope, value, depth, &mut found.passed_on)
        };
        for (i, argument) in call.arguments.args.iter().enumerate() {
            let position = if argument.is_starred_expr() {
                ARGUMENTS_UNKNOWN
            } else {
                i.min(ARGUMENTS_UNKNOWN)
            };
            if condition.is_key_argument(Some(position), None)
                && (argument.is_starred_expr() || !bounded(argument))
            {
                return None;
            }
        }
        for keyword in &call.arguments.keywords {
            let Some(name) = keyword.arg.as_ref() else {
                // `**kwargs` can only fill parameters that the call does
                // not pass otherwise (Python rejects a second value).
                if fills_key(condition, call) {
                    return None;
                }
                continue;
            };
            if condition.is_key_argument(None, Some(name.as_str())) && !bounded(&keyword.value) {
                return None;
            }
        }
        found.calls += 1;
    }
    Some(found)
}

/// Whether a `**mapping` argument of `call` may fill a parameter in the
/// key: one that the call's plain positional and named arguments leave
/// open, or `**kwargs` when it is part of the key.
fn fills_key(condition: &BoundedCalls, call: &ast::ExprCall) -> bool {
    if condition.rest_is_key || call.arguments.args.iter().any(Expr::is_starred_expr) {
        return true;
    }
    let positional = call.arguments.args.len();
    condition
        .parameters
        .iter()
        .enumerate()
        .any(|(i, parameter)| {
            let in_key = i < 64 && condition.key & (1 << i) != 0;
            let given = (i < condition.positional && i < positional)
                || call
                    .arguments
                    .keywords
                    .iter()
                    .any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == &**parameter));
            in_key && !given
        })
}

/// Whether `value`, an argument in `scope`, is a parameter of the
/// module-level function `scope` whose every call passes a bounded value
/// for it: then it is bounded too. Conditions left to the whole project
/// go to `conditions`.
fn passed_on(
    cx: &Context<'_>,
    calls: &CallsByCallee<'_>,
    scope: ScopeId,
    value: &Expr,
    depth: usize,
    conditions: &mut Vec<BoundedCalls>,
) -> bool {
    let Expr::Name(name) = value else {
        return false;
    };
    if depth >= MAX_PASSED_ON {
        return false;
    }
    let index = cx.index();
    let function = index.scope(scope);
    if function.kind != ScopeKind::Function || function.parent != Some(ScopeId::MODULE) {
        return false;
    }
    let Some(binding) = index.resolve_name(scope, &name.id, name.start()) else {
        return false;
    };
    if index.binding(binding).kind != BindingKind::Parameter
        || index.binding(binding).scope != scope
        || index.scope(scope).bindings_of(&name.id).len() != 1
    {
        return false;
    }
    let Some(def) = cx.module().iter().find_map(|stmt| match stmt {
        Stmt::FunctionDef(def) if def.range == function.range => Some(def),
        _ => None,
    }) else {
        return false;
    };
    let mut condition = key_condition(def, 0, false);
    let Some(position) = condition.parameters.iter().position(|p| **p == *name.id) else {
        return false;
    };
    if position >= 64 {
        return false;
    }
    condition.key = 1 << position;
    let Some(caller) = index.binding_at(ScopeId::MODULE, &def.name.id, def.name.range) else {
        return false;
    };
    let Some(local) = calls_passing_bounded(cx, calls, caller, &condition, depth + 1) else {
        return false;
    };
    conditions.extend(local.passed_on);
    if !(is_private(&def.name) && local.calls > 0) {
        condition.local_calls = local.calls;
        conditions.push(condition);
    }
    true
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
