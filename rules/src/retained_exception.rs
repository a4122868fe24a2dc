//! MEM104: an exception or traceback stored where it outlives its handler.

use memwise_core::facts_lifetime::{
    Holder, ItemUses, StoredUnder, clears_attribute_later, clears_in_body,
    declares_exception_field, drained_by_another_object, handed_to_caller, item_uses,
    loads_attribute, reads_stored_value,
};
use memwise_core::facts_self::{
    WEAK_CONTAINERS, for_each_scope_statement, method_of_self, weak_container_attributes,
};
use memwise_core::python::{
    CONTAINER_ADD_METHODS, THREAD_BASES, emptiness_guard, same_place, statement_path,
};
use memwise_core::semantic::attribute_root;
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
    /// owner is the design (a call of a method of that name,
    /// `logging.exception(...)`, reads another object's). It is reported when the module only tests
    /// whether it is there (`if self._exc is not None:`), where a flag or
    /// `repr(e)` would do, unless the module declares the attribute public
    /// and typed as an exception (`error: Exception | None = None`): such a
    /// field is how the object hands the exception to other modules, which
    /// read it there. Nor is a `threading.Thread` subclass storing it on a
    /// public attribute of its own (`self.exception = e` in `run`): that is
    /// the thread's outcome, which the thread that joins it reads and
    /// raises (lumibot's `raise strategy_thread.exception`), as no
    /// exception crosses threads otherwise. Nor is a store through a public
    /// property of the class with a setter (`self.last_error = e` where
    /// `@last_error.setter` is defined): the getter is the accessor callers
    /// read the exception from, as fluent-logger's senders hand theirs out. A container that holds its items weakly
    /// (`weakref.WeakSet()`, `WeakValueDictionary()`, bound at module level
    /// or on the instance) keeps nothing alive and is not reported. An item under a constant key (`self._result["exception"]
    /// = e`, read back as `self._result.get("exception")`) is one slot, as
    /// an attribute is. Containers are reported even when read, since
    /// every add keeps one more traceback, unless the module uses an item
    /// it reads back as the exception object itself: raises it (`raise
    /// self._problems.pop(0)`, or `error = self._errors[0]` then `raise
    /// error`), returns it (`return self._level_errors.get(level)`), stores
    /// it elsewhere or passes it to other code, or hands the container
    /// whole to other code (`stream.close(reason, self._lost_reasons)`,
    /// `event.fire(**self.request_meta)`). The exceptions are then
    /// deferred, from a callback that cannot raise through the C library
    /// that called it or from a worker, to be raised or reported where the
    /// caller sees them, so each object and its traceback are what that
    /// code receives and no help could be followed. Items only formatted or
    /// inspected (`str`, `repr`, `isinstance`, f-strings, a logger, anything
    /// in `traceback`) do not count: their text would do, and that is the
    /// help. Storing it in `sys.last_exc`
    /// (and `sys.last_value`, `sys.last_traceback`, `sys.last_type`) follows
    /// the interpreter's own post-mortem convention and is not reported. An
    /// exception stored in an attribute of another object
    /// (`self.transport.saved_exception = e`, `result.error = e`) whose
    /// attribute this module never reads (calling a method of that name,
    /// `logger.error(...)`, reads no stored value) is handed off to code elsewhere,
    /// which may take and clear it: not reported, since the rule cannot
    /// follow it there. The same goes for a public attribute of the own
    /// instance that belongs to a base class imported from another module
    /// (`self.handshake_exc = exc` in a subclass of an imported `Protocol`
    /// that neither declares, initialises nor reads it): the base class's
    /// module is where it is read. A private attribute (`self._exception =
    /// e`) counts only when the base comes from the file's own package (a
    /// relative import, or one under a folder the file is in, also as a
    /// generic base `ShuffleRun[K, V]`): a package shares its private names
    /// between its modules, a library's base class knows nothing of them. A store on the method's own instance that is read
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
    /// per entry. Raised again as it is (`raise failure`) by the function
    /// that fills the cache, looked up before the work it saves, the old
    /// traceback stays chained behind every new one and grows with each
    /// hit: that is reported, and the help is then to raise it
    /// `.with_traceback(None)`. Raised as it is by other code (`raise
    /// self._build_failures[link]` where a requirement cannot be met, `raise
    /// state.errors[token]` when a batch result is decoded), the exception
    /// is an error deferred to be delivered there, as from a queue, and is
    /// not reported.
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
    /// the result; a bare `return self.errors` accessor does not count);
    /// nor one stored into an object the function makes and returns as it
    /// is (`outcome = Outcome()`, then `outcome.failures.append((piece,
    /// e))`, also from a helper nested in it, and `return outcome`): the
    /// exceptions are the call's result, as with `return e`; the
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
        let added = matches!(stmt, Stmt::Expr(_));
        let keyed = target.is_subscript_expr();
        let items = if added || keyed {
            let filler = cx
                .enclosing_definition(stmt)
                .map_or(stmt.range(), Ranged::range);
            holder(target).map_or_else(ItemUses::default, |h| item_uses(cx.module(), h, filler))
        } else {
            ItemUses::default()
        };
        // A failure cache that raises what it keeps by key again as it is,
        // in the function that fills it: the old traceback grows with each
        // hit, and that is what is reported.
        let raised_as_is = keyed && items.raised_in_place && !items.raised_fresh;
        if strips_traceback(cx, stmt, &handlers)
            || is_cleared_later(cx, stmt, target)
            || (!added && is_kept_on_purpose(cx, target))
            || (added && added_while_empty(cx, target))
            || (items.as_object && !raised_as_is)
            || (!added && is_handed_off(cx, target))
            || in_returned_result(cx, target)
        {
            return;
        }
        let (message, help) = if raised_as_is {
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
    let class = cx.enclosing_class();
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
            if !attribute.attr.starts_with('_')
                && matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "self")
                && (in_thread_class(cx) || is_public_property(cx, attribute.attr.as_str()))
            {
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

/// Whether the store is in a method of a `threading.Thread` subclass: what
/// the thread keeps on a public attribute of its own (`self.exception =
/// e` in `run`) is its outcome, which the thread that joins it reads there
/// and raises (lumibot's `raise strategy_thread.exception`): it cannot
/// raise across threads any other way.
fn in_thread_class(cx: &Context<'_>) -> bool {
    cx.enclosing_class()
        .is_some_and(|class| cx.derives_from(class, THREAD_BASES))
}

/// Whether the class of the method defines `attr` as a property with a
/// setter (`@last_error.setter`): storing through it hands the exception to
/// the setter, and the getter is the public accessor callers read it
/// from (fluent-logger's `sender.last_error`, which they clear with
/// `clear_last_error()`), as a declared exception field is.
fn is_public_property(cx: &Context<'_>, attr: &str) -> bool {
    cx.enclosing_class().is_some_and(|class| {
        class.body.iter().any(|stmt| {
            stmt.as_function_def_stmt().is_some_and(|def| {
                def.name.as_str() == attr
                    && def.decorator_list.iter().any(|d| {
                        matches!(&d.expression, Expr::Attribute(setter)
                            if setter.attr.as_str() == "setter"
                                && matches!(&*setter.value, Expr::Name(n) if n.id.as_str() == attr))
                    })
            })
        })
    })
}

/// The container `target` stores into (`self._cache` for
/// `self._cache[k][e]`, `ERRORS` for `ERRORS.append`), by the attribute or
/// name it is reached through.
fn holder(mut target: &Expr) -> Option<Holder<'_>> {
    while let Expr::Subscript(s) = target {
        target = &s.value;
    }
    match target {
        Expr::Attribute(a) => Some(Holder::Attribute(a.attr.as_str())),
        Expr::Name(n) => Some(Holder::Name(n.id.as_str())),
        _ => None,
    }
}

/// Whether the add runs only while the container is empty (under `if not
/// self.errors:`, alone or in an `and`): it keeps one exception at most, the
/// first error, as one attribute would.
fn added_while_empty(cx: &Context<'_>, container: &Expr) -> bool {
    emptiness_guard(cx.scope_body(), container.range(), &|e| {
        same_place(e, container)
    })
    .is_some()
}

/// Whether the exception is handed to another object for code elsewhere to
/// take: stored in an attribute of something other than the method's own
/// instance or class (`self.transport.saved_exception = e`,
/// `result.error = e`), and that attribute is read nowhere in this module.
/// The reader, which may clear it, is in another file; the rule cannot
/// follow it there.
///
/// The same holds for an attribute of the own instance that belongs to a
/// base class imported from another module: this class neither declares,
/// initialises nor reads it, so the base class's module is where it is read
/// (`self.handshake_exc = exc` in a `Protocol` subclass, re-raised by the
/// connection code elsewhere). A private one only with a base from the
/// file's own package.
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
    !own || inherited_from_imported_base(cx, attr)
}

/// Whether `target` is reached through a name the function (or the one
/// around a nested helper) binds to an object it makes (`outcome =
/// SplitOutcome()`) and returns as it is (`return outcome`): the exception
/// goes into the call's result, handed to the caller as `return e` is
/// (pinecone's batch sender collecting each rejected piece with its
/// exception for the bulk engine to report or raise).
fn in_returned_result(cx: &Context<'_>, target: &Expr) -> bool {
    let Some(root) = attribute_root(target) else {
        return false;
    };
    if matches!(target, Expr::Name(_)) {
        return false;
    }
    let index = cx.index();
    let Some(binding) = index.resolve_name(cx.scope(), root.id.as_str(), root.start()) else {
        return false;
    };
    let binding = index.binding(binding);
    if binding.kind != BindingKind::Assignment || binding.scope == ScopeId::MODULE {
        return false;
    }
    let scope_range = index.scope(binding.scope).range;
    let Some(def) = cx.statements().iter().find_map(|s| match s {
        Stmt::FunctionDef(def) if def.range == scope_range => Some(def),
        _ => None,
    }) else {
        return false;
    };
    let name = root.id.as_str();
    let mut made = false;
    let mut returned = false;
    let mut rebound = false;
    for_each_scope_statement(&def.body, &mut |stmt| match stmt {
        Stmt::Assign(assign)
            if assign
                .targets
                .iter()
                .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == name)) =>
        {
            if assign.value.is_call_expr()
                && assign.targets.iter().any(|t| t.range() == binding.range)
            {
                made = true;
            } else {
                rebound = true;
            }
        }
        Stmt::Return(ret) => {
            returned |=
                matches!(ret.value.as_deref(), Some(Expr::Name(n)) if n.id.as_str() == name);
        }
        _ => {}
    });
    made && returned && !rebound
}

/// Whether the enclosing class has a base imported from another module and
/// neither declares `attr` in its body nor initialises it in `__init__`:
/// the attribute is the base class's.
fn inherited_from_imported_base<'a>(cx: &Context<'a>, attr: &str) -> bool {
    let Some(class) = cx.enclosing_class() else {
        return false;
    };
    let index = cx.index();
    // A private attribute (`_exception`) is shared only within one package:
    // the base must come from the package this file is in (a relative
    // import, or one whose first name is a folder above the file), as
    // `ShuffleRun` in `distributed/shuffle/_core.py` declares and re-raises
    // the `_exception` its subclasses in `_rechunk.py` set.
    let private = attr.starts_with('_');
    // A generic base (`ShuffleRun[K, V]`) is the class it subscripts.
    let unsubscripted = |mut base: &'a Expr| {
        while let Expr::Subscript(s) = base {
            base = &s.value;
        }
        base
    };
    let imported = class
        .bases()
        .iter()
        .map(unsubscripted)
        .any(|base| match base {
            Expr::Name(name) => index
                .resolve_name(ScopeId::MODULE, name.id.as_str(), class.start())
                .is_some_and(|b| match &index.binding(b).kind {
                    BindingKind::Import(qualified) => {
                        !private || from_own_package(cx, qualified.as_str())
                    }
                    _ => false,
                }),
            // `protocol.Protocol`: reached through an imported module.
            Expr::Attribute(_) => !private,
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

/// Whether the import `qualified` (`.._core.ShuffleRun`,
/// `distributed.shuffle._core.ShuffleRun`) comes from the package the
/// checked file is in: a relative import, or one whose first name is a
/// folder the file is under.
fn from_own_package(cx: &Context<'_>, qualified: &str) -> bool {
    if qualified.starts_with('.') {
        return true;
    }
    let top = qualified.split('.').next().unwrap_or(qualified);
    cx.path()
        .parent()
        .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == top))
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
