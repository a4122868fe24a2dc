//! MEM202: `functools.cache` or `lru_cache(maxsize=None)` on a function with arguments.

use memwise_core::facts::{CacheDecorator, cache_decorator, decorator_callee};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, RuleMeta, ScopeKind, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `functools.cache`, `functools.lru_cache(maxsize=None)` and
    /// `functools.lru_cache(None)` on functions outside a class that take at
    /// least one argument.
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
    /// evicted entries.
    pub UnboundedCache {
        code: "MEM202",
        name: "unbounded-cache",
        opt_in: false,
        fix: FixAvailability::None,
    }
}

impl Rule for UnboundedCache {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtFunctionDef(def) = node else {
            return;
        };
        if def.decorator_list.is_empty()
            || def.parameters.is_empty()
            || cx.index().scope(cx.scope()).kind == ScopeKind::Class
        {
            return;
        }
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
            let message = format!(
                "`{}` is cached with `{written}`, which never evicts: every distinct argument stays in memory",
                def.name
            );
            let help = format!(
                "bound the cache: `@{}(maxsize=128)`",
                bounded_spelling(cx, decorator_callee(expression))
            );
            cx.report(
                Diagnostic::new(&UnboundedCache::META, message, expression.range()).with_help(help),
            );
        }
    }
}

/// `lru_cache` spelled the way the user reaches `functools`: `ft.lru_cache`
/// after `import functools as ft`, `lru_cache` after a `from` import.
fn bounded_spelling(cx: &Context<'_>, callee: &Expr) -> String {
    match callee {
        Expr::Attribute(attribute) => format!("{}.lru_cache", cx.slice(&*attribute.value)),
        _ => "functools.lru_cache".to_owned(),
    }
}
