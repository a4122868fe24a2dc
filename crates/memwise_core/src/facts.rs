//! Facts about decorators and calls that several rules share, resolved
//! through the semantic index so that every import form counts.

use ruff_python_ast::{self as ast, Expr};

use crate::context::Context;

/// Which caching decorator a decorator expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheDecorator {
    /// `functools.lru_cache`, bare or called; `unbounded` when `maxsize=None`.
    LruCache {
        /// `maxsize` is `None`.
        unbounded: bool,
    },
    /// `functools.cache`: never evicts.
    Cache,
    /// A third-party cache: `cachetools.cached`, `cachetools.func.*`, `async_lru.alru_cache`.
    ThirdParty,
}

const FUNCTOOLS_CACHES: &[&str] = &["functools.lru_cache", "functools.cache"];

const THIRD_PARTY_CACHES: &[&str] = &[
    "cachetools.cached",
    "cachetools.func.ttl_cache",
    "cachetools.func.lru_cache",
    "cachetools.func.lfu_cache",
    "cachetools.func.rr_cache",
    "cachetools.func.fifo_cache",
    "cachetools.func.mru_cache",
    "async_lru.alru_cache",
];

/// The callee of a decorator: `lru_cache` of `@lru_cache(maxsize=1)`.
pub fn decorator_callee(expression: &Expr) -> &Expr {
    match expression {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// Classifies a decorator expression as a cache, if it is one.
pub fn cache_decorator(cx: &Context<'_>, expression: &Expr) -> Option<CacheDecorator> {
    let callee = decorator_callee(expression);
    if let Some(name) = cx.resolves_to(callee, FUNCTOOLS_CACHES) {
        return Some(if name == "functools.cache" {
            CacheDecorator::Cache
        } else {
            CacheDecorator::LruCache {
                unbounded: match expression {
                    Expr::Call(call) => is_unbounded_lru_call(&call.arguments),
                    _ => false,
                },
            }
        });
    }
    cx.resolves_to(callee, THIRD_PARTY_CACHES)
        .map(|_| CacheDecorator::ThirdParty)
}

/// `lru_cache(1)` or `lru_cache(maxsize=1)`, or cachetools' `cached(...)`
/// given a cache object made with a size of one (`cached(TTLCache(maxsize=1,
/// ttl=1800))`): the cache remembers only the last call, so it never
/// accumulates entries. A size of zero (`lru_cache(maxsize=0)`, a switch
/// that turns the cache off) remembers nothing at all.
pub fn remembers_at_most_last_call(expression: &Expr) -> bool {
    let Expr::Call(call) = expression else {
        return false;
    };
    let cache_object = call
        .arguments
        .find_keyword("cache")
        .map(|keyword| &keyword.value)
        .or_else(|| call.arguments.args.first());
    let arguments = match cache_object {
        Some(Expr::Call(cache)) => &cache.arguments,
        _ => &call.arguments,
    };
    let Some(size) = maxsize_argument(arguments) else {
        return false;
    };
    matches!(size, Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(n), .. }) if n.as_u64().is_some_and(|n| n <= 1))
}

/// cachetools' `cached(..., key=lambda self, login: (self.name, login))`:
/// a key function that reads the instance's attributes but never puts the
/// instance itself in the key, so the cache's keys hold no instance.
pub fn keys_without_instance(expression: &Expr) -> bool {
    let Expr::Call(call) = expression else {
        return false;
    };
    let Some(Expr::Lambda(lambda)) = call.arguments.find_keyword("key").map(|k| &k.value) else {
        return false;
    };
    let Some(first) = lambda
        .parameters
        .as_deref()
        .and_then(|p| p.posonlyargs.iter().chain(&p.args).next())
    else {
        return false;
    };
    let me = first.parameter.name.as_str();
    // Each read of an attribute of the instance visits the instance as a
    // name too: the key holds it only if it is named more often.
    let (mut names, mut receivers) = (0, 0);
    crate::find::expr_contains(&lambda.body, |e| {
        match e {
            Expr::Name(n) if n.id.as_str() == me => names += 1,
            Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == me) =>
            {
                receivers += 1;
            }
            _ => {}
        }
        false
    });
    names == receivers
}

/// `lru_cache(maxsize=None)` or `lru_cache(None)`.
fn is_unbounded_lru_call(arguments: &ast::Arguments) -> bool {
    maxsize_argument(arguments).is_some_and(Expr::is_none_literal_expr)
}

/// The `maxsize` given to `lru_cache(...)`: by keyword or first positional.
fn maxsize_argument(arguments: &ast::Arguments) -> Option<&Expr> {
    arguments
        .find_keyword("maxsize")
        .map(|keyword| &keyword.value)
        .or_else(|| arguments.args.first())
}

/// Which of `@staticmethod` and `@classmethod` a method has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// `@staticmethod`.
    Static,
    /// `@classmethod`.
    Class,
}

/// Whether a decorator list holds `@staticmethod` or `@classmethod`, and which.
pub fn static_or_class_method(
    cx: &Context<'_>,
    decorators: &[ast::Decorator],
) -> Option<MethodKind> {
    decorators.iter().find_map(|d| {
        match cx.resolves_to(
            &d.expression,
            &["builtins.staticmethod", "builtins.classmethod"],
        )? {
            "builtins.staticmethod" => Some(MethodKind::Static),
            _ => Some(MethodKind::Class),
        }
    })
}

/// Whether a decorator list holds `@staticmethod` or `@classmethod`.
pub fn is_static_or_class_method(cx: &Context<'_>, decorators: &[ast::Decorator]) -> bool {
    decorators.iter().any(|d| {
        cx.resolves_to(
            &d.expression,
            &["builtins.staticmethod", "builtins.classmethod"],
        )
        .is_some()
    })
}
