//! MEM202: `functools.cache` or `lru_cache(maxsize=None)` on a function with arguments.

use memwise_core::bounded::{self, CacheBound};
use memwise_core::facts::{
    CacheDecorator, MethodKind, cache_decorator, decorator_callee, static_or_class_method,
};
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Project, ProjectRule, Rule,
    ScopeKind, declare_rule,
};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `functools.cache`, `functools.lru_cache(maxsize=None)` and
    /// `functools.lru_cache(None)` on functions that take at least one
    /// argument: functions outside a class, and `@staticmethod`s and
    /// `@classmethod`s (their keys hold no instance, so MEM201 leaves them
    /// here, but the cache still grows with every argument).
    ///
    /// ## Why is this bad?
    /// An unbounded cache never evicts: every distinct argument, and the
    /// result computed for it, stays in memory for as long as the function
    /// exists, usually the whole program. In a long-running service fed with
    /// ever-new arguments (request ids, file names, user input), the cache
    /// grows until the process runs out of memory. A function without
    /// arguments has a single entry and is not flagged.
    ///
    /// ## Example
    /// ```python
    /// import functools
    ///
    ///
    /// @functools.cache
    /// def load_profile(user_id):
    ///     return {"id": user_id}
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    ///
    ///
    /// @functools.lru_cache(maxsize=128)
    /// def load_profile(user_id):
    ///     return {"id": user_id}
    /// ```
    ///
    /// ## Fix safety
    /// Bounding the cache is unsafe: code that relied on every result being
    /// cached forever (for identity, or for a very expensive call) recomputes
    /// evicted entries. The fix keeps the user's spelling: `ft.lru_cache`
    /// after `import functools as ft`; after `from functools import cache` it
    /// uses a `lru_cache` or `functools` already imported, else adds
    /// `lru_cache` to that import.
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM202`). Whether a
    /// cache leaks depends on how many distinct arguments it ever sees, and
    /// that is seldom visible in the code: on three sets of projects no
    /// rule had been tuned on, 19 of its 24 findings read were false alarms
    /// and one was a real leak (keys were codec names, time zones, column
    /// numbers, command-line choices, a module's attribute names: finite
    /// sets the author knew). Select it to audit a service's caches.
    ///
    /// A cache whose arguments come from a bounded set is not a leak, and is
    /// not reported: when every parameter is annotated as a class, module,
    /// function, `bool` or `Literal[...]`; when the function is called at
    /// least once and every call passes only literals, module-level
    /// constants, classes, modules or functions; when the function makes a
    /// class (a `class` statement or `type(name, bases, ns)` in its body),
    /// whose cache keeps one class per key so that its instances pickle and
    /// compare by class (bounding it would break that); when its body only
    /// emits a warning or a log record (`warnings.warn(...)`,
    /// `logger.warning(...)`): a warn-once cache, bounded by the distinct
    /// warnings the program emits (one that formats a varying value into
    /// its message is missed); a module's `__getattr__` (PEP 562), called
    /// with the attribute names code spells out, whose failed lookups raise
    /// and are not cached; a classmethod whose only parameter is `cls`;
    /// in a module run as a script (it has an `if __name__ ==
    /// "__main__":` block), where the cache lives for one run of the
    /// program; and on a function nested in another that only calls it,
    /// where each call of the enclosing function makes a new cache and drops
    /// it on return (a nested function that is returned or stored keeps its
    /// cache and is reported).
    ///
    /// A call that passes on a parameter of its own module-level caller
    /// (`def get(name): return _load(name)`) is bounded when every call of
    /// that caller passes a bounded value for it (followed three calls deep).
    /// A call made once at import (at module level, in a `for` over what the
    /// module holds, not under a `while` loop or the `__main__` guard) is
    /// bounded whatever it passes: the code runs it a fixed number of times.
    /// "Every call" is decided by the whole project: calls in other checked
    /// files count, through imports and re-exports, and a use that is not a
    /// call (passing the function on, storing it) counts as a call with
    /// unknown arguments. A function nested in another is decided by its
    /// module alone, and so is one spelled like a class (`Record(...)`) or
    /// called through a common standard-library module name: their calls
    /// in other files are not kept. A public function of a library may also be called by
    /// code that is not checked (its users, tests not passed to memwise)
    /// with any value: when every call found passes constants, the rule
    /// trusts them and stays silent, so a cache that users feed with input
    /// is missed; check with `--project-root` to see more callers. Static
    /// and class methods are called through instances and subclasses that
    /// the rule cannot follow: their calls are not read, and their finding
    /// stands unless their annotations bound the keys.
    ///
    /// A public function with no call in the checked files, or one called
    /// with values from elsewhere (configured names, a handful of devices),
    /// is reported although its keys may be bounded in practice: then
    /// suppress it with `# noqa: MEM202`. The message says when callers in
    /// other modules may exist.
    pub UnboundedCache {
        code: "MEM202",
        name: "unbounded-cache",
        opt_in: true,
        fix: FixAvailability::Sometimes,
        test_code: false,
    }
}

impl Rule for UnboundedCache {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtFunctionDef(def) = node else {
            return;
        };
        if def.decorator_list.is_empty() || def.parameters.is_empty() {
            return;
        }
        // In a class body only static and class methods are this rule's:
        // an instance method's cache is MEM201's. A class method's `cls` is
        // one of a bounded set of classes; it needs another parameter.
        if cx.index().scope(cx.scope()).kind == ScopeKind::Class {
            match static_or_class_method(cx, &def.decorator_list) {
                Some(MethodKind::Static) => {}
                Some(MethodKind::Class) if def.parameters.len() > 1 => {}
                _ => return,
            }
        }
        if dies_with_enclosing_call(cx, def) {
            return;
        }
        let conditions = match bounded::cache_bound(cx, def) {
            CacheBound::Bounded => return,
            CacheBound::Unbounded => Vec::new(),
            CacheBound::IfEveryCall(conditions) => conditions,
        };
        for decorator in &def.decorator_list {
            let expression = &decorator.expression;
            let unbounded = match cache_decorator(cx, expression) {
                Some(CacheDecorator::Cache) => {
                    matches!(expression, Expr::Name(_) | Expr::Attribute(_))
                }
                Some(CacheDecorator::LruCache { unbounded }) => unbounded,
                _ => false,
            };
            if !unbounded {
                continue;
            }
            let written = cx.slice(expression);
            // A public function's arguments come from callers this file does
            // not show: the message says what the finding rests on.
            let visible_to_others = !def.name.as_str().starts_with('_')
                && cx.index().scope(cx.scope()).kind != ScopeKind::Function;
            let message = format!(
                "`{}` is cached with `{written}`, which never evicts: every distinct argument stays in memory{}",
                def.name,
                if visible_to_others {
                    " (callers in other modules may pass any value)"
                } else {
                    ""
                }
            );
            let help = format!(
                "bound the cache: `@{}(maxsize=128)`",
                bounded_spelling(cx, decorator_callee(expression))
            );
            let mut diagnostic =
                Diagnostic::new(&UnboundedCache::META, message, expression.range()).with_help(help);
            if let Some(edits) = bounding_edits(cx, expression) {
                diagnostic =
                    diagnostic.with_fix(Fix::unsafe_edits("bound the cache to 128 entries", edits));
            }
            cx.report_unless_bounded_calls(diagnostic, conditions.clone());
        }
    }
}

/// Whether `def` is nested in a function that only calls it: each call of
/// the enclosing function makes a new cache, dropped when it returns. One
/// that escapes (returned, stored, passed on) may live as long as anything.
fn dies_with_enclosing_call(cx: &Context<'_>, def: &ast::StmtFunctionDef) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Escapes<'n> {
        name: &'n str,
        escapes: bool,
    }
    impl<'a> Visitor<'a> for Escapes<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.name) =>
                {
                    visitor::walk_arguments(self, &call.arguments);
                }
                Expr::Name(n) if n.id.as_str() == self.name => self.escapes = true,
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    if cx.index().scope(cx.scope()).kind != ScopeKind::Function {
        return false;
    }
    let Some(Stmt::FunctionDef(outer)) = cx
        .statements()
        .iter()
        .rev()
        .find(|s| matches!(s, Stmt::FunctionDef(f) if !std::ptr::eq(f, def)))
        .copied()
    else {
        return false;
    };
    let mut escapes = Escapes {
        name: def.name.as_str(),
        escapes: false,
    };
    for stmt in &outer.body {
        match stmt {
            // The cached function's own body may call itself.
            Stmt::FunctionDef(f) if std::ptr::eq(f, def) => {}
            other => escapes.visit_stmt(other),
        }
    }
    !escapes.escapes
}

impl ProjectRule for UnboundedCache {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// `cache` → `lru_cache(maxsize=128)` in the user's spelling;
/// `lru_cache(maxsize=None)` → `lru_cache(maxsize=128)`;
/// `lru_cache(None)` → `lru_cache(maxsize=128)`.
fn bounding_edits(cx: &Context<'_>, expression: &Expr) -> Option<Vec<Edit>> {
    match expression {
        Expr::Call(call) => {
            let none = match call.arguments.find_keyword("maxsize") {
                Some(keyword) => {
                    return Some(vec![Edit::replacement("128", keyword.value.range())]);
                }
                None => call.arguments.args.first()?,
            };
            // A keyword may not come before another positional argument.
            let bound = if call.arguments.args.len() == 1 {
                "maxsize=128"
            } else {
                "128"
            };
            Some(vec![Edit::replacement(bound, none.range())])
        }
        Expr::Attribute(attribute) => Some(vec![Edit::replacement(
            format!("{}.lru_cache(maxsize=128)", cx.slice(&*attribute.value)),
            expression.range(),
        )]),
        Expr::Name(name) => {
            let index = cx.index();
            let at = name.start();
            let resolves = |local: &str, qualified: &str| {
                index
                    .resolve_name(cx.scope(), local, at)
                    .is_some_and(|id| matches!(&index.binding(id).kind, BindingKind::Import(q) if q.as_str() == qualified))
            };
            let replace = |spelling: &str| {
                Edit::replacement(format!("{spelling}(maxsize=128)"), expression.range())
            };
            if resolves("lru_cache", "functools.lru_cache") {
                return Some(vec![replace("lru_cache")]);
            }
            if resolves("functools", "functools") {
                return Some(vec![replace("functools.lru_cache")]);
            }
            // Add `lru_cache` to the `from functools import cache` that binds
            // the decorator, when nothing in the file binds `lru_cache` yet.
            let id = index.resolve_name(cx.scope(), name.id.as_str(), at)?;
            let binding = index.binding(id);
            if !matches!(&binding.kind, BindingKind::Import(q) if q.as_str() == "functools.cache")
                || index
                    .scopes()
                    .iter()
                    .any(|s| !s.bindings_of("lru_cache").is_empty())
                || !imports_from_functools(cx.module(), binding.range)
            {
                return None;
            }
            Some(vec![
                Edit::insertion(", lru_cache", binding.range.end()),
                replace("lru_cache"),
            ])
        }
        _ => None,
    }
}

/// Whether the alias at `alias` is in a module-level `from functools import ...`.
fn imports_from_functools(module: &[Stmt], alias: ruff_text_size::TextRange) -> bool {
    module.iter().any(|stmt| {
        matches!(stmt, Stmt::ImportFrom(import)
            if import.level == 0
                && import.module.as_ref().is_some_and(|m| m.as_str() == "functools")
                && import.names.iter().any(|a| a.range == alias))
    })
}

/// `lru_cache` spelled the way the user reaches `functools`: `ft.lru_cache`
/// after `import functools as ft`, `lru_cache` after a `from` import.
fn bounded_spelling(cx: &Context<'_>, callee: &Expr) -> String {
    match callee {
        Expr::Attribute(attribute) => format!("{}.lru_cache", cx.slice(&*attribute.value)),
        _ => "functools.lru_cache".to_owned(),
    }
}
