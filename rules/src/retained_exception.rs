//! MEM104: an exception or traceback stored where it outlives its handler.

use memwise_core::facts_lifetime::{
    StoredUnder, clears_attribute_later, clears_in_body, declares_exception_field,
    drained_by_another_object, handed_to_caller, loads_attribute, raises_an_item_of,
    reads_stored_value,
};
use memwise_core::facts_self::{WEAK_CONTAINERS, method_of_self, weak_container_attributes};
use memwise_core::python::{CONTAINER_ADD_METHODS, emptiness_guard, same_place, statement_path};
use memwise_core::{
    BindingKind, Context, Diagnostic, FixAvailability, Rule, ScopeId, declare_rule,
};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for an `except SomeError as e:` handler that stores the exception
    /// `e`, `e.__traceback__` or `sys.exc_info()` where it outlives the
    /// handler: an attribute (`self.error = e`), a container reached through
    /// an attribute or a module-level name (`self.errors.append(e)`,
    /// `ERRORS.append(e)`, `CACHE[key] = e`), or a name declared `global` or
    /// `nonlocal`.
    ///
    /// ## Why is this bad?
    /// An exception holds its traceback, the traceback holds every frame
    /// between the `raise` and the handler, and each frame holds all its
    /// local variables. Python deletes `e` at the end of the handler for
    /// exactly this reason; storing it elsewhere keeps the whole stack and
    /// its data alive for as long as the storage lives, and often creates a
    /// reference cycle through the frame that stores it.
    ///
    /// `raise`, logging, `str(e)`, `repr(e)`, plain local variables and
    /// `return e` are not flagged.
    ///
    /// ## Example
    /// ```python
    /// class Job:
    ///     def run(self):
    ///         try:
    ///             self.work()
    ///         except ValueError as e:
    ///             self.error = e
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import traceback
    ///
    ///
    /// class Job:
    ///     def run(self):
    ///         try:
    ///             self.work()
    ///         except ValueError as e:
    ///             self.error = traceback.TracebackException.from_exception(e)
    /// ```
    ///
    /// ## Known problems
    /// An exception stored in one attribute or variable and read back as a
    /// value anywhere in the module (re-raised later, returned by an
    /// accessor such as `exception()`, passed on) is kept on purpose and not
    /// reported: the caller needs the object itself, and one exception per
    /// owner is the design. It is reported when the module only tests
    /// whether it is there (`if self._exc is not None:`), where a flag or
    /// `repr(e)` would do, unless the module declares the attribute public
    /// and typed as an exception (`error: Exception | None = None`): such a
    /// field is how the object hands the exception to other modules, which
    /// read it there. A container that holds its items weakly
    /// (`weakref.WeakSet()`, `WeakValueDictionary()`, bound at module level
    /// or on the instance) keeps nothing alive and is not reported. An item under a constant key (`self._result["exception"]
    /// = e`, read back as `self._result.get("exception")`) is one slot, as
    /// an attribute is. Containers are reported even when read, since
    /// every add keeps one more traceback, unless the module raises an item
    /// it takes from the container (`raise self._problems.pop(0)`, or
    /// `error = self._errors[0]` then `raise error`): the exceptions are
    /// deferred, from a callback that cannot raise through the C library
    /// that called it or from a worker, to be raised again where the caller
    /// sees them, so each object and its traceback are what that `raise`
    /// delivers and no help could be followed. Storing it in `sys.last_exc`
    /// (and `sys.last_value`, `sys.last_traceback`, `sys.last_type`) follows
    /// the interpreter's own post-mortem convention and is not reported. An
    /// exception stored in an attribute of another object
    /// (`self.transport.saved_exception = e`, `result.error = e`) whose
    /// attribute this module never reads is handed off to code elsewhere,
    /// which may take and clear it: not reported, since the rule cannot
    /// follow it there. The same goes for a public attribute of the own
    /// instance that belongs to a base class imported from another module
    /// (`self.handshake_exc = exc` in a subclass of an imported `Protocol`
    /// that neither declares, initialises nor reads it): the base class's
    /// module is where it is read. A store on the method's own instance that is read
    /// only in another file is not seen as read: the store is then
    /// reported; `e.with_traceback(None)` drops the frames when the
    /// traceback is not needed. An add that runs only while the container
    /// is empty (under `if not self.errors:`) keeps the first error at most,
    /// like an attribute, and is not reported. Nor is an exception stored by
    /// key that the module raises again from the container without its old
    /// traceback (a failure cache: `failure = _FAILURES.get(uri)`, then
    /// `raise failure.with_traceback(None)`): the cached result is the
    /// exception object itself, each `raise` gives it a traceback again, so
    /// no help could be followed, and the code already keeps one traceback
    /// per entry. Raised again as it is (`raise failure`, also from a nested
    /// cache, `raise self._cache["max"][errors]`), the old traceback stays
    /// chained behind every new one and grows with each hit: that is
    /// reported, and the help is then to raise it `.with_traceback(None)`.
    ///
    /// Code that lets go of the exception itself is not reported: another
    /// method of the same class (or, outside a class, a later statement of
    /// the same function) sets the attribute to `None`, swaps it out
    /// (`errors, self._errors = self._errors, []`), deletes it, or empties
    /// the container it went into (an exception kept to be re-raised, then
    /// cleared; `__init__` setting it to `None` only initialises it, and a
    /// plain `self.errors = []` elsewhere is a reset that keeps the last
    /// batch until the next); a
    /// container that code in the module drains through another object
    /// (`self.runner.failed.popleft()` in the class that consumes the
    /// queue, also when items go in by key: `pool.incoming[n] = (e, None)`
    /// popped by the requesting thread) hands each exception on, and is
    /// not reported either, nor is
    /// one the module hands whole to the caller in what it returns or
    /// raises (`return Result(errors=self.errors)`, `raise
    /// NoNameservers(errors=self.errors)`, or through what the object that
    /// collects them hands out: `errors = self.collected.errors`, then
    /// `return ExecutionResult(data, errors or None)`: the exceptions are
    /// the result; a bare `return self.errors` accessor does not count); the
    /// handler drops the frames first (`e.__traceback__ = None`,
    /// `e.with_traceback(None)`); or the traceback goes to another
    /// exception's `__traceback__`, `__cause__` or `__context__`, which is
    /// raised in turn. The last exception kept between two runs still stays
    /// alive until the next one replaces it.
    pub RetainedException {
        code: "MEM104",
        name: "retained-exception",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for RetainedException {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[
            NodeKind::StmtAssign,
            NodeKind::StmtAnnAssign,
            NodeKind::StmtExpr,
        ]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, _node: AnyNodeRef<'a>) {
        let Some(stmt) = cx.statements().last().copied() else {
            return;
        };
        let handlers = enclosing_handlers(cx, stmt);
        if handlers.is_empty() {
            return;
        }
        let stored = match stmt {
            Stmt::Assign(assign) => assign
                .targets
                .iter()
                .find(|t| outlives_handler(cx, t))
                .zip(stored_exception(cx, &assign.value, &handlers)),
            Stmt::AnnAssign(assign) => assign
                .value
                .as_deref()
                .filter(|_| outlives_handler(cx, &assign.target))
                .and_then(|value| stored_exception(cx, value, &handlers))
                .map(|what| (&*assign.target, what)),
            Stmt::Expr(expr) => added_to_container(cx, &expr.value, &handlers),
            _ => None,
        };
        let Some((target, what)) = stored else {
            return;
        };
        let reraised = raised_again(cx, target);
        if strips_traceback(cx, stmt, &handlers)
            || is_cleared_later(cx, stmt, target)
            || reraised == Some(Reraised::Fresh)
            || (!matches!(stmt, Stmt::Expr(_)) && is_kept_on_purpose(cx, target))
            || (matches!(stmt, Stmt::Expr(_)) && added_while_empty(cx, target))
            || (matches!(stmt, Stmt::Expr(_))
                && matches!(target, Expr::Attribute(a) if raises_an_item_of(cx.module(), a.attr.as_str())))
            || (!matches!(stmt, Stmt::Expr(_)) && is_handed_off(cx, target))
        {
            return;
        }
        let (message, help) = if reraised == Some(Reraised::AsIs) {
            (
                format!(
                    "{what} is cached in `{}` and raised again as it is: each `raise` chains its frames onto the stored traceback, which keeps them all alive",
                    first_line(cx.slice(target))
                ),
                "raise the cached exception as `raise cached.with_traceback(None)`: each raise then starts a new traceback and lets the old frames go",
            )
        } else {
            (
                format!(
                    "{what} is stored in `{}`, which outlives the handler and keeps every frame of the traceback alive",
                    first_line(cx.slice(target))
                ),
                "store `str(e)` or `repr(e)`, `traceback.TracebackException.from_exception(e)`, or `e.with_traceback(None)`",
            )
        };
        cx.report(Diagnostic::new(&RetainedException::META, message, stmt.range()).with_help(help));
    }
}

/// The `except` clauses of the same function that hold `stmt`, innermost first.
fn enclosing_handlers<'a>(
    cx: &Context<'a>,
    stmt: &Stmt,
) -> Vec<&'a ast::ExceptHandlerExceptHandler> {
    let mut handlers = Vec::new();
    for enclosing in cx.statements().iter().rev().skip(1) {
        match enclosing {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => break,
            Stmt::Try(try_stmt) => {
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if handler.range.contains_range(stmt.range()) {
                        handlers.push(handler);
                    }
                }
            }
            _ => {}
        }
    }
    handlers
}

/// Whether storing into `target` outlives the handler: an attribute, a
/// subscript of an attribute or of a module-level name, or a `global` or
/// `nonlocal` name.
fn outlives_handler(cx: &Context<'_>, target: &Expr) -> bool {
    match target {
        // `new.__context__ = e` / `__cause__` chains exceptions, as `raise ...
        // from` does; `new.__traceback__ = e.__traceback__` hands the frames to
        // an exception that is raised in turn.
        Expr::Attribute(attribute) => !matches!(
            attribute.attr.as_str(),
            "__context__" | "__cause__" | "__traceback__"
        ),
        Expr::Subscript(subscript) => is_long_lived_container(cx, &subscript.value),
        Expr::Name(name) => {
            let scope = cx.index().scope(cx.scope());
            cx.scope() != ScopeId::MODULE
                && (scope.declares_global(&name.id) || scope.declares_nonlocal(&name.id))
        }
        _ => false,
    }
}

/// A container reached through an attribute, or a module-level name seen
/// from inside a function.
fn is_long_lived_container(cx: &Context<'_>, expr: &Expr) -> bool {
    match expr {
        Expr::Attribute(attribute) => !is_weak_attribute(cx, attribute),
        Expr::Subscript(subscript) => is_long_lived_container(cx, &subscript.value),
        Expr::Name(name) => {
            if cx.scope() == ScopeId::MODULE {
                return false;
            }
            cx.index()
                .resolve_name(cx.scope(), &name.id, name.start())
                .is_some_and(|b| {
                    let binding = cx.index().binding(b);
                    binding.scope == ScopeId::MODULE
                        && binding.kind == BindingKind::Assignment
                        && !bound_to_weak_container(cx, binding.range)
                })
        }
        _ => false,
    }
}

/// Whether the module-level name bound at `at` is bound to a container that
/// holds its items weakly (`_errors = weakref.WeakSet()`): adding to it keeps
/// nothing alive.
fn bound_to_weak_container(cx: &Context<'_>, at: TextRange) -> bool {
    let path = statement_path(cx.module(), at);
    let value = match path.last().map(|(block, i)| &block[*i]) {
        Some(Stmt::Assign(assign)) => Some(&*assign.value),
        Some(Stmt::AnnAssign(assign)) => assign.value.as_deref(),
        _ => None,
    };
    value.and_then(Expr::as_call_expr).is_some_and(|call| {
        cx.index()
            .resolves_to(ScopeId::MODULE, &call.func, WEAK_CONTAINERS)
            .is_some()
    })
}

/// Whether `self.<attr>` is a weak container the class assigns
/// (`self._errors = weakref.WeakSet()`).
fn is_weak_attribute(cx: &Context<'_>, attribute: &ast::ExprAttribute) -> bool {
    let Some(name) = attribute.value.as_name_expr() else {
        return false;
    };
    method_of_self(cx, name).is_some_and(|(_, class)| {
        weak_container_attributes(cx.index(), class).contains(&attribute.attr.as_str())
    })
}

/// `self.errors.append(e)`, `ERRORS.add(e)`: the receiver and what is stored.
fn added_to_container<'a>(
    cx: &Context<'_>,
    expr: &'a Expr,
    handlers: &[&ast::ExceptHandlerExceptHandler],
) -> Option<(&'a Expr, String)> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let Expr::Attribute(attribute) = &*call.func else {
        return None;
    };
    let method = attribute.attr.as_str();
    if !CONTAINER_ADD_METHODS.contains(&method) || !is_long_lived_container(cx, &attribute.value) {
        return None;
    }
    let args = &call.arguments.args;
    let item = match method {
        "insert" | "setdefault" => args.get(1),
        _ => args.first(),
    }?;
    let what = if matches!(method, "extend" | "extendleft") {
        match item {
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                elts.iter().find_map(|e| stored_exception(cx, e, handlers))
            }
            _ => None,
        }
    } else {
        stored_exception(cx, item, handlers)
    };
    what.map(|w| (&*attribute.value, w))
}

/// What of the handled exception `value` holds: the exception, its
/// traceback, or `sys.exc_info()`; looks one level into tuples, lists and
/// dict values.
fn stored_exception(
    cx: &Context<'_>,
    value: &Expr,
    handlers: &[&ast::ExceptHandlerExceptHandler],
) -> Option<String> {
    match value {
        Expr::Name(name) => {
            is_handler_name(cx, name, handlers).then(|| format!("the exception `{}`", name.id))
        }
        Expr::Attribute(attribute) if attribute.attr.as_str() == "__traceback__" => {
            match &*attribute.value {
                Expr::Name(name) if is_handler_name(cx, name, handlers) => {
                    Some(format!("the traceback of `{}`", name.id))
                }
                _ => None,
            }
        }
        Expr::Call(call) if is_exc_info(cx, &call.func) => Some("`sys.exc_info()`".to_owned()),
        Expr::Subscript(subscript) => match &*subscript.value {
            Expr::Call(call) if is_exc_info(cx, &call.func) => Some("`sys.exc_info()`".to_owned()),
            _ => None,
        },
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
            elts.iter().find_map(|e| match e {
                Expr::Tuple(_) | Expr::List(_) | Expr::Dict(_) => None,
                other => stored_exception(cx, other, handlers),
            })
        }
        Expr::Dict(dict) => dict.iter().find_map(|item| match &item.value {
            Expr::Tuple(_) | Expr::List(_) | Expr::Dict(_) => None,
            other => stored_exception(cx, other, handlers),
        }),
        _ => None,
    }
}

fn is_exc_info(cx: &Context<'_>, func: &Expr) -> bool {
    cx.resolves_to(func, &["sys.exc_info"]).is_some()
}

/// Whether `name` is the `as` name of one of the enclosing handlers, not
/// rebound since.
fn is_handler_name(
    cx: &Context<'_>,
    name: &ast::ExprName,
    handlers: &[&ast::ExceptHandlerExceptHandler],
) -> bool {
    let Some(binding) = cx.index().resolve_name(cx.scope(), &name.id, name.start()) else {
        return false;
    };
    let binding = cx.index().binding(binding);
    binding.kind == BindingKind::Exception
        && handlers
            .iter()
            .any(|h| h.name.as_ref().is_some_and(|n| n.range == binding.range))
}

/// Whether the handler drops the frames of the exception it keeps:
/// `e.__traceback__ = None` or `e.with_traceback(None)` as a statement.
fn strips_traceback(
    cx: &Context<'_>,
    stmt: &Stmt,
    handlers: &[&ast::ExceptHandlerExceptHandler],
) -> bool {
    let is_handled = |e: &Expr| matches!(e, Expr::Name(n) if is_handler_name(cx, n, handlers));
    handlers.iter().any(|handler| {
        handler.body.iter().any(|s| {
            s.start() < stmt.start()
                && match s {
                    Stmt::Assign(assign) => {
                        assign.value.is_none_literal_expr()
                            && assign.targets.iter().any(|t| matches!(t,
                                Expr::Attribute(a) if a.attr.as_str() == "__traceback__" && is_handled(&a.value)))
                    }
                    Stmt::Expr(expr) => matches!(&*expr.value, Expr::Call(call)
                        if matches!(&*call.func, Expr::Attribute(a)
                            if a.attr.as_str() == "with_traceback" && is_handled(&a.value))
                        && call.arguments.args.first().is_some_and(Expr::is_none_literal_expr)),
                    _ => false,
                }
        })
    })
}

/// Whether the code lets go of the stored exception once it is used: the
/// attribute (or the container reached through it) is set to `None`,
/// deleted or emptied by another method of the same class, or later in the
/// same function outside a class (an exception kept to be re-raised, then
/// cleared); or the container is a queue another object of the module
/// drains (`self.runner.failed.popleft()`).
fn is_cleared_later(cx: &Context<'_>, stmt: &Stmt, target: &Expr) -> bool {
    let mut attr = None;
    let mut expr = target;
    loop {
        match expr {
            Expr::Attribute(a) => {
                attr = Some(a.attr.as_str());
                break;
            }
            Expr::Subscript(s) => expr = &s.value,
            _ => break,
        }
    }
    let Some(attr) = attr else {
        return false;
    };
    let Some(Stmt::FunctionDef(function)) = cx.enclosing_definition(stmt) else {
        return false;
    };
    let class = cx.statements().iter().rev().find_map(|s| match s {
        Stmt::ClassDef(class) => Some(class),
        _ => None,
    });
    // A container another object takes the items out of is a queue: each
    // exception is handed on to its consumer (which may need its traceback)
    // and let go there.
    // An item stored by key (`pool._incoming[counter] = (e, ...)`) goes
    // into the container as an add does.
    let into_container = matches!(stmt, Stmt::Expr(_)) || target.is_subscript_expr();
    if into_container && drained_by_another_object(cx.module(), attr) {
        return true;
    }
    // A container the module returns or raises wrapped in its result
    // carries the exceptions to the caller: they are what the call delivers.
    if matches!(stmt, Stmt::Expr(_)) && handed_to_caller(cx.module(), attr) {
        return true;
    }
    match class {
        Some(class) => clears_attribute_later(&class.body, &[attr]),
        // Outside a class, an attribute name says little about which object
        // it is on: only the same function clearing it later counts.
        None => function
            .body
            .iter()
            .filter(|s| s.start() > stmt.end())
            .any(|s| clears_in_body(std::slice::from_ref(s), &[attr])),
    }
}

/// Whether the one exception stored under an attribute or a name is kept
/// on purpose: the module reads it back as a value (re-raises it, returns it
/// from an accessor, passes it on), or it goes where the interpreter keeps
/// the last exception for post-mortem debugging (`sys.last_exc`, which
/// `pdb.pm()` reads). Containers are not exempt: each add keeps one more
/// traceback.
fn is_kept_on_purpose(cx: &Context<'_>, target: &Expr) -> bool {
    let under = match target {
        Expr::Attribute(attribute) => {
            if cx.resolves_to(target, POST_MORTEM).is_some() {
                return true;
            }
            if declares_exception_field(cx.module(), attribute.attr.as_str()) {
                return true;
            }
            StoredUnder::Attribute(attribute.attr.as_str())
        }
        Expr::Name(name) => StoredUnder::Name(name.id.as_str()),
        Expr::Subscript(item) => match (&*item.value, &*item.slice) {
            (Expr::Attribute(attribute), Expr::StringLiteral(key)) => {
                StoredUnder::Slot(attribute.attr.as_str(), key.value.to_str())
            }
            _ => return false,
        },
        _ => return false,
    };
    reads_stored_value(cx.module(), under)
}

/// How the module raises again what it stored by key in the container (a
/// failure cache: `failure = _FAILURES.get(uri)`, then `raise failure`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reraised {
    /// Without its old traceback (`raise failure.with_traceback(None)`):
    /// the cached result is the exception object itself, which each `raise`
    /// gives one traceback again, so neither `str(e)` nor dropping the
    /// frames before storing can be followed, and the code already keeps it
    /// to one traceback.
    Fresh,
    /// As it is (`raise failure`): the old traceback stays chained behind
    /// each new one and grows with every hit (sphinx's cached
    /// `PycodeError`); raising it `.with_traceback(None)` is the help.
    AsIs,
}

/// Whether and how the module raises again an item of the container that
/// `target` stores into (`C[k]`, `C.get(k)`, also one level of a nested
/// cache, `C[a][b]`, read as `C["x"][b]`), directly or through a name
/// bound to it.
fn raised_again(cx: &Context<'_>, target: &Expr) -> Option<Reraised> {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Raises<'c, F> {
        reads_item: F,
        items: Vec<&'c str>,
        raised: Vec<&'c Expr>,
    }
    impl<'c, F: Fn(&Expr) -> bool> Visitor<'c> for Raises<'c, F> {
        fn visit_stmt(&mut self, stmt: &'c Stmt) {
            match stmt {
                Stmt::Assign(assign) if (self.reads_item)(&assign.value) => {
                    if let [Expr::Name(name)] = &*assign.targets {
                        self.items.push(name.id.as_str());
                    }
                }
                Stmt::Raise(raise) => {
                    if let Some(exc) = raise.exc.as_deref() {
                        self.raised.push(exc);
                    }
                }
                _ => {}
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    /// The container under its subscripts: `self._cache` for
    /// `self._cache[k][e]`.
    fn base(mut expr: &Expr) -> &Expr {
        while let Expr::Subscript(s) = expr {
            expr = &s.value;
        }
        expr
    }
    let Expr::Subscript(_) = target else {
        return None;
    };
    let container = cx.slice(base(target));
    // `C[k]`, `C.get(k)`, `C.get(k, default)`: an item read back.
    let reads_item = |expr: &Expr| match expr {
        Expr::Subscript(_) => cx.slice(base(expr)) == container,
        Expr::Call(call) => matches!(&*call.func, Expr::Attribute(a)
            if a.attr.as_str() == "get" && cx.slice(base(&a.value)) == container),
        _ => false,
    };
    let mut raises = Raises {
        reads_item,
        items: Vec::new(),
        raised: Vec::new(),
    };
    raises.visit_body(cx.module());
    let is_item = |exc: &Expr| {
        (raises.reads_item)(exc)
            || matches!(exc, Expr::Name(n) if raises.items.contains(&n.id.as_str()))
    };
    let mut found = None;
    for exc in &raises.raised {
        if let Expr::Call(call) = exc
            && let Expr::Attribute(a) = &*call.func
            && a.attr.as_str() == "with_traceback"
            && matches!(&*call.arguments.args, [arg] if arg.is_none_literal_expr())
            && is_item(&a.value)
        {
            return Some(Reraised::Fresh);
        }
        if is_item(exc) {
            found = Some(Reraised::AsIs);
        }
    }
    found
}

/// Whether the add runs only while the container is empty (under `if not
/// self.errors:`, alone or in an `and`): it keeps one exception at most, the
/// first error, as one attribute would.
fn added_while_empty(cx: &Context<'_>, container: &Expr) -> bool {
    let body = cx
        .statements()
        .iter()
        .rev()
        .skip(1)
        .find_map(|s| match s {
            Stmt::FunctionDef(def) => Some(&def.body[..]),
            Stmt::ClassDef(class) => Some(&class.body[..]),
            _ => None,
        })
        .unwrap_or(cx.module());
    emptiness_guard(body, container.range(), &|e| same_place(e, container)).is_some()
}

/// Whether the exception is handed to another object for code elsewhere to
/// take: stored in an attribute of something other than the method's own
/// instance or class (`self.transport.saved_exception = e`,
/// `result.error = e`), and that attribute is read nowhere in this module.
/// The reader, which may clear it, is in another file; the rule cannot
/// follow it there.
///
/// The same holds for a public attribute of the own instance that belongs to
/// a base class imported from another module: this class neither declares,
/// initialises nor reads it, so the base class's module is where it is read
/// (`self.handshake_exc = exc` in a `Protocol` subclass, re-raised by the
/// connection code elsewhere).
fn is_handed_off(cx: &Context<'_>, target: &Expr) -> bool {
    let Expr::Attribute(attribute) = target else {
        return false;
    };
    let attr = attribute.attr.as_str();
    if loads_attribute(cx.module(), attr) {
        return false;
    }
    let own = matches!(&*attribute.value, Expr::Name(n)
        if matches!(n.id.as_str(), "self" | "cls"));
    !own || (!attr.starts_with('_') && inherited_from_imported_base(cx, attr))
}

/// Whether the enclosing class has a base imported from another module and
/// neither declares `attr` in its body nor initialises it in `__init__`:
/// the attribute is the base class's.
fn inherited_from_imported_base(cx: &Context<'_>, attr: &str) -> bool {
    let Some(class) = cx.statements().iter().rev().find_map(|s| match s {
        Stmt::ClassDef(class) => Some(class),
        _ => None,
    }) else {
        return false;
    };
    let index = cx.index();
    let imported = class.bases().iter().any(|base| match base {
        Expr::Name(name) => index
            .resolve_name(ScopeId::MODULE, name.id.as_str(), class.start())
            .is_some_and(|b| matches!(index.binding(b).kind, BindingKind::Import(_))),
        // `protocol.Protocol`: reached through an imported module.
        Expr::Attribute(_) => true,
        _ => false,
    });
    let names_attr = |e: &Expr| match e {
        Expr::Name(n) => n.id.as_str() == attr,
        Expr::Attribute(a) => a.attr.as_str() == attr,
        _ => false,
    };
    let declares = |stmt: &Stmt| match stmt {
        Stmt::AnnAssign(assign) => names_attr(&assign.target),
        Stmt::Assign(assign) => assign.targets.iter().any(names_attr),
        _ => false,
    };
    let owned = class.body.iter().any(|stmt| match stmt {
        Stmt::FunctionDef(def) if def.name.as_str() == "__init__" => def.body.iter().any(declares),
        other => declares(other),
    });
    imported && !owned
}

/// Where the interpreter itself keeps the last unhandled exception.
const POST_MORTEM: &[&str] = &[
    "sys.last_exc",
    "sys.last_value",
    "sys.last_traceback",
    "sys.last_type",
];

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim_end()
}
