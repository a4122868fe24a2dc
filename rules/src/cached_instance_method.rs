//! MEM201: a cache decorator on an instance method pins every instance.

use memwise_core::facts::{
    CacheDecorator, cache_decorator, is_static_or_class_method, keys_without_instance,
    remembers_at_most_last_call,
};
use memwise_core::facts_self::first_parameter_name;
use memwise_core::python::{ENUM_BASES, IMPLICIT_CLASS_METHODS, has_one_instance};
use memwise_core::{
    Context, Diagnostic, FixAvailability, Project, ProjectRule, Rule, ScopeKind, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `functools.lru_cache` and `functools.cache` (and
    /// `cachetools.cached`, `cachetools.func.*`, `async_lru.alru_cache`) on
    /// methods defined in a class body.
    ///
    /// ## Why is this bad?
    /// The cache lives on the function, which lives as long as the class,
    /// usually for the whole program. Every call stores its arguments in the
    /// cache's keys, and the first argument of a method is `self`: every
    /// instance that ever called the method stays alive, with everything it
    /// references, until the cache evicts it (never, for `cache` or
    /// `maxsize=None`). `cache_clear()` then clears the entries of all
    /// instances at once. The message says how many it keeps: every one
    /// for `cache` and `maxsize=None`, up to `maxsize` recently used ones
    /// (128 by default) for a bounded `lru_cache`, which matters when each
    /// instance holds much (a request, a parsed file, a model) and many
    /// are made.
    ///
    /// Static methods, class methods, `__new__`, `__init_subclass__`,
    /// `__class_getitem__`, methods of `enum.Enum` subclasses (whose members
    /// live for the whole program anyway) and methods whose first parameter is
    /// `cls` (turned into class-level accessors by a custom decorator) are not
    /// flagged.
    ///
    /// ## Example
    /// ```python
    /// import functools
    ///
    ///
    /// class DataProcessor:
    ///     def __init__(self, factor):
    ///         self.factor = factor
    ///
    ///     @functools.lru_cache(maxsize=None)
    ///     def process(self, key):
    ///         return self.factor * key
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    ///
    ///
    /// class DataProcessor:
    ///     def __init__(self, factor):
    ///         self.factor = factor
    ///         self.process = functools.lru_cache(maxsize=256)(self._process)
    ///
    ///     def _process(self, key):
    ///         return self.factor * key
    /// ```
    ///
    /// A cache wrapper stored on the instance cannot be pickled: for
    /// instances that are (models saved whole, objects sent to worker
    /// processes), keep a plain dict on the instance and look it up in the
    /// method. A method that never uses `self` needs neither: as a
    /// `@staticmethod` under the same cache it keys no instance, and the
    /// help says so.
    ///
    /// For a method without arguments, `functools.cached_property` stores the
    /// value on the instance, so it dies with it. A `@property` over a cache
    /// cannot be assigned to and a `cached_property` can: where that matters,
    /// the property computes the value once into a private attribute.
    ///
    /// ## Known problems
    /// A class whose instances are few and live for the whole program anyway
    /// (a singleton) loses nothing. A class that says it is one is not
    /// reported (a base or metaclass named as a singleton, a Qt application
    /// class, an `_instance` class attribute handed out by `__new__` or
    /// a class method, or an `__init__` that refuses a second instance:
    /// the cache pins the one instance there is), nor one
    /// whose module makes its instance, with no arguments, when imported
    /// (pynput's `LAYOUT = Layout()`, or blacksheep's `ClassConverter()` in
    /// its module's `class_converters = [...]`: the module keeps it until exit
    /// anyway; or, never calling the class, makes so an instance of every
    /// subclass it derives from it), nor the object a program makes to run (the only use of the
    /// class in its module is one call in the module-level `main`
    /// function, or in the function its `__main__` block calls, not in a
    /// loop), nor a lazy singleton's (the only call of
    /// the class assigns a global under `if <global> is None:`, or is in a
    /// function without parameters under `functools.cache` or
    /// `lru_cache`). Nor, as for MEM106, is a class its module leaves to
    /// others to make (it makes none itself and uses the name for nothing
    /// else) when every checked file that uses it makes it where a process
    /// runs once: at module level when imported (or in the body of a class
    /// defined there, a class attribute: mkdocs' `hooks =
    /// c.Hooks('plugins')`), outside loops of a
    /// package's `__main__` block, or outside loops of a function a process
    /// runs once (`main`, what a `__main__` block calls, any module-level
    /// function of a package's `__main__` module, a click or typer command,
    /// a Django management command's `handle`, a private helper that such
    /// code or the module at import calls once and nothing else mentions).
    /// Another use anywhere, or
    /// no call among the checked files, leaves the finding standing; a
    /// check of the class's file alone reports it, and `--project-root`
    /// gives the answer of a whole run. A module
    /// instance made with arguments (Django's `apps =
    /// Apps(installed_apps=None)`) is one configuration of a class built for
    /// several, and is reported. For a singleton that does not say so,
    /// suppress the finding with `# noqa: MEM201`. Nor is a class that
    /// keeps every instance itself: `__init__` adds `self` to a container
    /// of the class that nothing in the module ever empties (jsons'
    /// `_Wrapper`: `self.instances.append(self)`); the instances live as
    /// long as the class anyway, and the cache pins nothing more (that
    /// registry is MEM105's finding).
    ///
    /// A function whose first parameter is not `self` (`def
    /// warning_once(msg)`) in a class whose other methods name their
    /// instance `self` is a static function missing its `@staticmethod`,
    /// called through the class: no instance reaches its cache, and it is
    /// not reported.
    ///
    /// `lru_cache(maxsize=1)`, and cachetools' `cached(...)` given a cache
    /// made with a size of one (`cached(TTLCache(maxsize=1, ttl=60))`), are
    /// not reported: each remembers only the last
    /// call, so it keeps at most the last instance that called it, which is
    /// normally still in use, and nothing accumulates. Nor is
    /// `lru_cache(maxsize=0)`, which remembers nothing (watchtower turns a
    /// cache off so). Nor is cachetools' `cached(...)` given a key function
    /// that reads attributes of the instance but leaves the instance itself
    /// out of the key (`key=lambda self, login: (self.connection_name,
    /// login)`): its keys hold no instance.
    ///
    /// A bounded cache (`lru_cache` with a `maxsize`) on an immutable value
    /// class (a `typing.NamedTuple` or `namedtuple(...)` subclass, a frozen
    /// dataclass or attrs class, a class frozen as pydantic models and
    /// other `dataclass_transform` classes are: `frozen=True` among its
    /// class keywords, in `model_config` or in a nested `class Config`) is
    /// not reported: its instances hash and
    /// compare by value, so the cache keeps at most `maxsize` small values,
    /// and a per-instance cache cannot be set on them. The same holds for a
    /// class that defines `__eq__` and `__hash__` itself, or `__hash__` under
    /// a class decorator that rebuilds the class with value equality (a
    /// record or tuple factory): equal instances share one entry, which is
    /// what such a memo is for. A plain class that defines only `__hash__`
    /// compares by identity and is still reported. On a class with
    /// `__slots__` (without `__dict__`), the help does not offer
    /// `cached_property`, which needs an instance `__dict__`. A special
    /// method (`__len__`, `__hash__`, `__getitem__`) is looked up on the
    /// class by `len()` and the operators, so neither `cached_property` nor
    /// a per-instance cache can stand in for it: the help then says to keep
    /// the value in an attribute of the instance and have the method return
    /// it.
    pub CachedInstanceMethod {
        code: "MEM201",
        name: "cached-instance-method",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
        peer_codes: &["B019"],
    }
}

impl Rule for CachedInstanceMethod {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtFunctionDef(def) = node else {
            return;
        };
        if def.decorator_list.is_empty()
            || cx.index().scope(cx.scope()).kind != ScopeKind::Class
            || IMPLICIT_CLASS_METHODS.contains(&def.name.as_str())
            || is_static_or_class_method(cx, &def.decorator_list)
            || !receives_instance(def)
        {
            return;
        }
        let Some(stmt) = cx.statements().last().copied() else {
            return;
        };
        let Some(Stmt::ClassDef(class)) = cx.enclosing_definition(stmt) else {
            return;
        };
        if is_enum(cx, class)
            || misses_staticmethod(def, class)
            || has_one_instance(cx.index(), cx.module(), cx.source(), class)
            || cx.containers().keeps_every_instance(&class.name)
        {
            return;
        }
        let value_class = keys_by_value(cx, class);
        for decorator in &def.decorator_list {
            let Some(kind) = cache_decorator(cx, &decorator.expression) else {
                continue;
            };
            // `maxsize=1` keeps only the last caller, which is normally still
            // in use, and `maxsize=0` none: no instance accumulates.
            if matches!(
                kind,
                CacheDecorator::LruCache { .. } | CacheDecorator::ThirdParty
            ) && (remembers_at_most_last_call(&decorator.expression)
                || keys_without_instance(&decorator.expression))
            {
                continue;
            }
            // Instances that hash and compare by value share entries: a
            // bounded cache keeps at most `maxsize` values, and a
            // per-instance cache would lose the sharing (or cannot be set on
            // an immutable class at all).
            if value_class
                && !matches!(
                    kind,
                    CacheDecorator::Cache | CacheDecorator::LruCache { unbounded: true }
                )
            {
                continue;
            }
            // The one instance of a class made once per process lives
            // anyway: the cache pins nothing more.
            let diagnostic = diagnostic(cx, def, class, &decorator.expression, kind);
            cx.report_unless_made_once(diagnostic, class);
        }
    }
}

impl ProjectRule for CachedInstanceMethod {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// The size of a bounded `functools.lru_cache`, as written (`512`, `MAX`),
/// or `128 (the default size)` for a bare `lru_cache` or `lru_cache()`;
/// `None` for any other cache (`maxsize=None`, `functools.cache`, the
/// third-party ones, whose sizes live in objects they are handed).
fn lru_cache_size(cx: &Context<'_>, decorator: &Expr, kind: CacheDecorator) -> Option<String> {
    if !matches!(kind, CacheDecorator::LruCache { unbounded: false }) {
        return None;
    }
    let size = match decorator {
        Expr::Call(call) => call
            .arguments
            .find_keyword("maxsize")
            .map(|keyword| &keyword.value)
            .or_else(|| call.arguments.args.first()),
        _ => None,
    };
    Some(size.map_or_else(
        || "128 (the default size)".to_owned(),
        |size| cx.slice(size).to_owned(),
    ))
}

/// Whether the first parameter can be an instance. A method whose first
/// parameter is named `cls` is wrapped into a class-level accessor by a
/// decorator memwise cannot see through (Django's `classproperty`,
/// `class_or_instance_method`): the cache then holds classes, not instances.
fn receives_instance(def: &ast::StmtFunctionDef) -> bool {
    let parameters = &def.parameters;
    let first = parameters
        .posonlyargs
        .first()
        .or_else(|| parameters.args.first())
        .map(|p| p.name().as_str());
    match first {
        Some(name) => !matches!(name, "cls" | "mcs" | "mcls" | "metacls"),
        // `def f(*args)` still receives the instance in `args[0]`.
        None => parameters.vararg.is_some(),
    }
}

/// Whether `def` is a static function that lacks its decorator: its first
/// parameter is not `self` (`def warning_once(msg, *args)`), while the
/// class's other methods name their instance `self`. By the class's own
/// convention the parameter is a value, and the callers pass one through
/// the class (`Logger.warning_once("...")`): no instance reaches the cache.
fn misses_staticmethod(def: &ast::StmtFunctionDef, class: &ast::StmtClassDef) -> bool {
    first_parameter_name(def).is_some_and(|name| name != "self")
        && class.body.iter().any(|stmt| {
            stmt.as_function_def_stmt().is_some_and(|other| {
                other.name != def.name && first_parameter_name(other) == Some("self")
            })
        })
}

/// Whether a cache keys the class's instances by value: a
/// `typing.NamedTuple` or `collections.namedtuple(...)` subclass, a frozen
/// dataclass or attrs class, or a class that defines `__hash__` with value
/// equality (equal instances share one entry, which is the point of such a
/// memo, so the cache holds at most `maxsize` values).
fn keys_by_value(cx: &Context<'_>, class: &ast::StmtClassDef) -> bool {
    defines_value_equality(class) || is_immutable_value_class(cx, class)
}

/// A class that writes its own `__hash__` keys by value when its equality
/// is by value too: it defines `__eq__` as well, or a class decorator
/// rebuilds it (a record or tuple factory, as attrs and dataclasses do,
/// brings the `__eq__`). A plain class with only `__hash__` still compares
/// by identity, and its cache keeps each instance.
fn defines_value_equality(class: &ast::StmtClassDef) -> bool {
    let defines = |name: &str| {
        class
            .body
            .iter()
            .any(|stmt| matches!(stmt, Stmt::FunctionDef(def) if def.name.as_str() == name))
    };
    defines("__hash__") && (defines("__eq__") || !class.decorator_list.is_empty())
}

/// A `typing.NamedTuple` or `collections.namedtuple(...)` subclass, a
/// frozen dataclass or attrs class, or a class frozen the way pydantic
/// models and other `dataclass_transform` classes are (`frozen=True` among
/// the class keywords, in `model_config`, or in a nested `class Config`):
/// instances are immutable values, hashed and compared by their fields.
fn is_immutable_value_class(cx: &Context<'_>, class: &ast::StmtClassDef) -> bool {
    if declares_frozen(class) {
        return true;
    }
    let named_tuple = class.bases().iter().any(|base| {
        let callee = match base {
            Expr::Call(call) => &*call.func,
            other => other,
        };
        cx.resolves_to(callee, &["typing.NamedTuple", "collections.namedtuple"])
            .is_some()
    });
    named_tuple
        || class.decorator_list.iter().any(|d| {
            let (callee, frozen) = match &d.expression {
                Expr::Call(call) => (
                    &*call.func,
                    call.arguments.find_keyword("frozen").is_some_and(|k| {
                        matches!(
                            k.value,
                            Expr::BooleanLiteral(ast::ExprBooleanLiteral { value: true, .. })
                        )
                    }),
                ),
                other => (other, false),
            };
            (frozen
                && cx
                    .resolves_to(
                        callee,
                        &[
                            "dataclasses.dataclass",
                            "attr.s",
                            "attr.attrs",
                            "attrs.define",
                            "attr.define",
                        ],
                    )
                    .is_some())
                || cx
                    .resolves_to(callee, &["attrs.frozen", "attr.frozen"])
                    .is_some()
        })
}

/// `class M(Base, frozen=True)`, `model_config = ConfigDict(frozen=True)`
/// (or a dict with `"frozen": True`), or `class Config: frozen = True`.
fn declares_frozen(class: &ast::StmtClassDef) -> bool {
    let is_true = |value: &Expr| {
        matches!(
            value,
            Expr::BooleanLiteral(ast::ExprBooleanLiteral { value: true, .. })
        )
    };
    let keyword_frozen = |arguments: &ast::Arguments| {
        arguments
            .find_keyword("frozen")
            .is_some_and(|k| is_true(&k.value))
    };
    if class.arguments.as_deref().is_some_and(keyword_frozen) {
        return true;
    }
    class.body.iter().any(|stmt| match stmt {
        Stmt::Assign(assign) => {
            matches!(assign.targets.as_slice(), [Expr::Name(n)] if n.id.as_str() == "model_config")
                && match &*assign.value {
                    Expr::Call(call) => keyword_frozen(&call.arguments),
                    Expr::Dict(dict) => dict.items.iter().any(|item| {
                        matches!(&item.key, Some(Expr::StringLiteral(k)) if k.value.to_str() == "frozen")
                            && is_true(&item.value)
                    }),
                    _ => false,
                }
        }
        Stmt::ClassDef(config) if config.name.as_str() == "Config" => {
            config.body.iter().any(|stmt| {
                matches!(stmt, Stmt::Assign(assign)
                    if matches!(assign.targets.as_slice(), [Expr::Name(n)] if n.id.as_str() == "frozen")
                        && is_true(&assign.value))
            })
        }
        _ => false,
    })
}

/// A class body that assigns `__slots__` without `"__dict__"` in it.
fn has_slots_without_dict(class: &ast::StmtClassDef) -> bool {
    class.body.iter().any(|stmt| {
        let (target, value) = match stmt {
            Stmt::Assign(assign) => match assign.targets.as_slice() {
                [target] => (target, &*assign.value),
                _ => return false,
            },
            Stmt::AnnAssign(assign) => match assign.value.as_deref() {
                Some(value) => (&*assign.target, value),
                None => return false,
            },
            _ => return false,
        };
        matches!(target, Expr::Name(n) if n.id.as_str() == "__slots__")
            && !matches!(value, Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. })
                if elts.iter().any(|e| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "__dict__")))
    })
}

fn is_enum(cx: &Context<'_>, class: &ast::StmtClassDef) -> bool {
    cx.derives_from(class, ENUM_BASES)
}

fn diagnostic(
    cx: &Context<'_>,
    def: &ast::StmtFunctionDef,
    class: &ast::StmtClassDef,
    decorator: &Expr,
    kind: CacheDecorator,
) -> Diagnostic {
    let written = cx.slice(memwise_core::facts::decorator_callee(decorator));
    // A bounded cache evicts: it keeps the instances of its most recent
    // entries, not every instance that ever called the method.
    let message = match lru_cache_size(cx, decorator, kind) {
        Some(size) => format!(
            "`{}` is cached with `{written}`, which keeps up to {size} recently used `{}` instances alive",
            def.name, class.name
        ),
        None => format!(
            "`{}` is cached with `{written}`, which keeps every `{}` alive",
            def.name, class.name
        ),
    };
    // `self` alone: the value can live on the instance instead, unless
    // `__slots__` leave no `__dict__` for `cached_property` to store it in.
    let help = if has_slots_without_dict(class) {
        format!(
            "`{}` has `__slots__`, so `cached_property` cannot store on it: add a slot and compute the value in `__init__`, or make `{}` a `@staticmethod` with hashable arguments",
            class.name, def.name
        )
    } else if is_dunder(&def.name) {
        // Python looks special methods up on the type: neither a property
        // nor a per-instance attribute can stand in for them.
        format!(
            "keep the value in an attribute of the instance (set in `__init__` or on the first call) and have `{}` return it",
            def.name
        )
    } else if def.parameters.len() <= 1 && def.parameters.vararg.is_none() {
        let is_property = def.decorator_list.iter().any(|d| {
            cx.resolves_to(&d.expression, &["builtins.property"])
                .is_some()
        });
        // `cached_property` can be assigned to, where a plain property
        // cannot: code that keeps the property read-only on purpose needs
        // the second way.
        if is_property {
            return Diagnostic::new(&CachedInstanceMethod::META, message, decorator.range())
                .with_help(format!(
                    "use `@functools.cached_property` instead of `@property` with a cache: the value is stored on the instance and dies with it; to keep `{0}` read-only, have the property compute it once into a private attribute (`self._{0}`) and return that",
                    def.name
                ));
        }
        format!(
            "use `@functools.cached_property` so the value is stored on the instance and dies with it (callers then read `.{0}` without calling it), or keep it in an attribute set on the first call",
            def.name
        )
    } else if let Some(instance) = unused_instance(cx, def) {
        // Nothing the method computes depends on the instance: as a static
        // method the same cache serves every caller and keys no instance
        // (and the class still pickles, which a per-instance cache wrapper
        // would not).
        format!(
            "`{}` never uses `{instance}`: make it a `@staticmethod` under the same cache, so the keys hold no instance",
            def.name
        )
    } else {
        format!(
            "make the cache per instance in `__init__` (`self.{0} = functools.lru_cache(maxsize=N)(self._{0})`, or a dict on the instance if instances are pickled: a cache wrapper cannot be), or a `@staticmethod` with hashable arguments",
            def.name
        )
    };
    Diagnostic::new(&CachedInstanceMethod::META, message, decorator.range()).with_help(help)
}

/// The name of the method's first parameter when the body never reads it
/// (nor calls `super()`, which reads it implicitly).
fn unused_instance<'d>(cx: &Context<'_>, def: &'d ast::StmtFunctionDef) -> Option<&'d str> {
    let first = def
        .parameters
        .posonlyargs
        .first()
        .or_else(|| def.parameters.args.first())?;
    let name = first.name();
    let index = cx.index();
    let scope = index.definition_scope(def.range)?;
    let binding = index.binding_at(scope, name.as_str(), name.range)?;
    if !index.binding(binding).uses.is_empty() {
        return None;
    }
    let mut calls_super = CallsSuper(false);
    calls_super.visit_body(&def.body);
    (!calls_super.0).then_some(name.as_str())
}

/// Whether a body mentions `super` (a zero-argument `super()` reads the
/// method's first parameter without naming it).
struct CallsSuper(bool);

impl<'a> Visitor<'a> for CallsSuper {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if matches!(expr, Expr::Name(n) if n.id.as_str() == "super") {
            self.0 = true;
        }
        if !self.0 {
            visitor::walk_expr(self, expr);
        }
    }
}

fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}
