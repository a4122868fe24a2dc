//! MEM204: `__del__` clears a method cache that keeps the instance alive.

use memwise_core::facts::{CacheDecorator, cache_decorator};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `__del__` methods that call `self.<method>.cache_clear()`
    /// where `<method>` is a method of the same class decorated with
    /// `functools.lru_cache` or `functools.cache`.
    ///
    /// ## Why is this bad?
    /// The cache lives on the class's function and its keys hold `self`: as
    /// long as an entry for the instance is cached, the instance cannot be
    /// freed and `__del__` never runs. When `__del__` does run (the entry was
    /// evicted, or another instance's finalizer cleared it), `cache_clear()`
    /// empties the cache for every instance of the class, not just this one.
    ///
    /// ## Example
    /// ```python
    /// import functools
    ///
    ///
    /// class Model:
    ///     @functools.lru_cache(maxsize=None)
    ///     def predict(self, x):
    ///         return x * 2
    ///
    ///     def __del__(self):
    ///         self.predict.cache_clear()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    ///
    ///
    /// class Model:
    ///     def __init__(self):
    ///         self.predict = functools.lru_cache(maxsize=256)(self._predict)
    ///
    ///     def _predict(self, x):
    ///         return x * 2
    /// ```
    pub CacheClearInDel {
        code: "MEM204",
        name: "cache-clear-in-del",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for CacheClearInDel {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        let Expr::Attribute(clear) = &*call.func else {
            return;
        };
        if clear.attr.as_str() != "cache_clear" || !call.arguments.is_empty() {
            return;
        }
        let Expr::Attribute(method) = &*clear.value else {
            return;
        };
        let Expr::Name(receiver) = &*method.value else {
            return;
        };
        let Some((del, class)) = enclosing_del(cx) else {
            return;
        };
        let Some(first) = del.parameters.iter_non_variadic_params().next() else {
            return;
        };
        if first.parameter.name.id != receiver.id {
            return;
        }
        let Some(cached) = class.body.iter().find_map(|stmt| match stmt {
            Stmt::FunctionDef(def) if def.name.id == method.attr.id => Some(def),
            _ => None,
        }) else {
            return;
        };
        let decorator = cached.decorator_list.iter().find(|d| {
            matches!(
                cache_decorator(cx, &d.expression),
                Some(CacheDecorator::LruCache { .. } | CacheDecorator::Cache)
            )
        });
        let Some(decorator) = decorator else {
            return;
        };
        let message = format!(
            "`__del__` clears the cache of `{}`, which holds `{}` alive so `__del__` rarely runs, and clears it for every instance",
            cached.name, class.name
        );
        let diagnostic = Diagnostic::new(&CacheClearInDel::META, message, call.range())
            .with_secondary(decorator.expression.range(), "cached here")
            .with_help(format!(
                "make the cache per instance (`self.{0} = functools.lru_cache(maxsize=N)(self._{0})` in `__init__`), or use `functools.cached_property`",
                cached.name
            ));
        cx.report(diagnostic);
    }
}

/// The `__del__` method directly around the walk, and its class.
fn enclosing_del<'a>(
    cx: &Context<'a>,
) -> Option<(&'a ast::StmtFunctionDef, &'a ast::StmtClassDef)> {
    let mut definitions = cx
        .statements()
        .iter()
        .rev()
        .filter(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)));
    let Some(Stmt::FunctionDef(del)) = definitions.next() else {
        return None;
    };
    let Some(Stmt::ClassDef(class)) = definitions.next() else {
        return None;
    };
    (del.name.as_str() == "__del__").then_some((del, class))
}
