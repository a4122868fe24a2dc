//! What the code does later with a value it stored in an attribute or a
//! variable: lets go of it (sets it to `None`, deletes it, empties the
//! container), or reads it back as a value. Rules that report something kept
//! alive ask here whether the code keeps it on purpose or drops it itself.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::facts_self::for_each_scope_statement;
use crate::python::is_empty_container;
use crate::semantic::{ScopeId, ScopeKind, SemanticIndex};
use crate::uses::UseKind;

/// Whether `def`, bound in `scope`, is a function defined inside another
/// one that never leaves the call that made it: Python runs the `def` (and
/// evaluates its defaults) each time the outer function runs, so the
/// function object and whatever its defaults hold die with that call,
/// unless the function is handed out. It is handed out when it is
/// decorated (the decorator may register it), returned or yielded, stored
/// (assigned, put in a display), or reached through an attribute; called
/// (`walk(part)`, recursively too) or passed to a call (`nsum(term, ...)`)
/// it is not.
pub fn local_function_stays_in_call(
    index: &SemanticIndex,
    scope: ScopeId,
    def: &ast::StmtFunctionDef,
) -> bool {
    if index.scope(scope).kind != ScopeKind::Function || !def.decorator_list.is_empty() {
        return false;
    }
    let Some(id) = index.binding_at(scope, def.name.as_str(), def.name.range) else {
        return false;
    };
    index.binding(id).uses.iter().all(|u| {
        matches!(
            u.kind,
            UseKind::Other | UseKind::Argument | UseKind::Consumed
        )
    })
}

/// Whether one of the container defaults of `def` (those `is_container`
/// accepts), a function defined inside another (bound in the function
/// scope `scope`), is built from that outer
/// function's own values (`names=Counter(external_names)`,
/// `current=[model]`): such a default can only be made when the outer call
/// runs the `def`, so whoever wrote it meant the state of that one closure,
/// not a value every call of a function shares by surprise. The closure's
/// other defaults in the same signature are its state too.
pub fn defaults_hold_closure_state(
    index: &SemanticIndex,
    scope: ScopeId,
    def: &ast::StmtFunctionDef,
    is_container: impl Fn(&Expr) -> bool,
) -> bool {
    if index.scope(scope).kind != ScopeKind::Function {
        return false;
    }
    def.parameters.iter_non_variadic_params().any(|parameter| {
        parameter.default.as_deref().is_some_and(|default| {
            is_container(default)
                && crate::find::expr_contains(default, |e| {
                    let Expr::Name(name) = e else { return false };
                    index
                        .resolve_name(scope, name.id.as_str(), name.range.start())
                        .is_some_and(|b| {
                            index.scope(index.binding(b).scope).kind == ScopeKind::Function
                        })
                })
        })
    })
}

/// Whether a method of `class` undoes a link through one of `attrs`: sets
/// `<x>.<attr> = None`, deletes `<x>.<attr>`, or takes items out of a
/// container reached through it (`self.context.pop()`,
/// `self._parent._children.remove(self)`). Whatever the method is called
/// (`close`, `__exit__`, `rollback`, `_child_finished`), the class breaks
/// the link itself. The constructors only initialise, and `__del__` never
/// runs while the link makes a cycle, so neither counts.
pub fn class_clears_link(class: &ast::StmtClassDef, attrs: &[&str]) -> bool {
    clears_in_functions(&class.body, attrs, |def| {
        !matches!(
            def.name.as_str(),
            "__init__" | "__new__" | "__post_init__" | "__del__"
        )
    })
}

/// Whether a function of `body` (the methods of a class, or a module's
/// functions) other than a constructor sets `<x>.<attr> = None`, deletes
/// it, or takes items out of a container reached through it: the code lets
/// go of what it stored there once it is used (an exception kept to be
/// re-raised later, then cleared). `__init__` setting it to `None` only
/// initialises it.
pub fn clears_attribute_later(body: &[Stmt], attrs: &[&str]) -> bool {
    clears_in_functions(body, attrs, |def| {
        !matches!(def.name.as_str(), "__init__" | "__new__" | "__post_init__")
    })
}

fn clears_in_functions(
    body: &[Stmt],
    attrs: &[&str],
    wanted: impl Fn(&ast::StmtFunctionDef) -> bool,
) -> bool {
    body.iter().any(|stmt| {
        let Stmt::FunctionDef(def) = stmt else {
            return false;
        };
        if !wanted(def) {
            return false;
        }
        clears_in_body(&def.body, attrs)
    })
}

/// Whether a statement of `body`, or of a function nested in it (a callback
/// the method defines), clears one of `attrs`.
pub fn clears_in_body(body: &[Stmt], attrs: &[&str]) -> bool {
    let mut found = false;
    for_each_scope_statement(body, &mut |stmt| {
        found |= match stmt {
            Stmt::FunctionDef(nested) => clears_in_body(&nested.body, attrs),
            other => clears(other, attrs),
        };
    });
    found
}

fn clears(stmt: &Stmt, attrs: &[&str]) -> bool {
    let names_attr = |e: &Expr| matches!(e, Expr::Attribute(a) if attrs.contains(&a.attr.as_str()));
    let reaches_attr = |mut e: &Expr| loop {
        match e {
            Expr::Attribute(a) if attrs.contains(&a.attr.as_str()) => return true,
            Expr::Attribute(a) => e = &a.value,
            Expr::Subscript(s) => e = &s.value,
            _ => return false,
        }
    };
    // `self.children.remove(child)`, `popped = self._parent._nurseries.pop()`
    let removes = |e: &Expr| {
        matches!(e, Expr::Call(call) if matches!(&*call.func, Expr::Attribute(method)
            if crate::python::CONTAINER_REMOVE_METHODS.contains(&method.attr.as_str())
                && reaches_attr(&method.value)))
    };
    match stmt {
        // `self.x = None`, and swapped out: `value, self.x = self.x, None`,
        // `errors, self._errors = self._errors, []` (the contents taken
        // out, as `pop` takes them). A plain `self.errors = []` is a reset
        // for the next batch, which keeps the last batch until then.
        Stmt::Assign(assign) => {
            let lets_go = |v: &Expr| v.is_none_literal_expr() || is_empty_container(v);
            removes(&assign.value)
                || (assign.value.is_none_literal_expr() && assign.targets.iter().any(names_attr))
                || matches!((assign.targets.as_slice(), &*assign.value),
                ([Expr::Tuple(targets)], Expr::Tuple(values))
                    if targets.elts.iter().zip(&values.elts).any(|(t, v)| {
                        names_attr(t) && lets_go(v)
                    }))
        }
        Stmt::AnnAssign(assign) => {
            assign
                .value
                .as_deref()
                .is_some_and(Expr::is_none_literal_expr)
                && names_attr(&assign.target)
        }
        Stmt::Delete(delete) => delete.targets.iter().any(&reaches_attr),
        Stmt::Expr(expr) => removes(&expr.value),
        _ => false,
    }
}

/// Whether the module hands a container stored under the attribute `attr`
/// whole to the caller, wrapped in the value it returns or raises:
/// `return ExecutionResult(data, errors=context.errors)`, `raise
/// NoNameservers(errors=self.errors)`, also through what an object that
/// collects them hands out (`errors = self.collected.errors`, then `return
/// ExecutionResult(data, errors or None)`). The exceptions in it are the result
/// the call delivers, which the caller keeps or drops; a bare `return
/// self.errors` (an accessor) or `return len(self.errors)` does not count.
pub fn handed_to_caller(module: &[Stmt], attr: &str) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Hands<'n, 'a> {
        attr: &'n str,
        /// Names bound to the container, or to what its holder hands out
        /// (`errors = self.collected.errors`).
        names: Vec<&'a str>,
        found: bool,
    }
    impl Hands<'_, '_> {
        /// `x.attr`, what is reached through it (`x.attr.errors`, a
        /// property of the object that collects them), a name bound to
        /// either, or `errors or None`.
        fn is_container(&self, e: &Expr) -> bool {
            match e {
                Expr::Attribute(a) => a.attr.as_str() == self.attr || self.is_container(&a.value),
                Expr::Name(n) => self.names.contains(&n.id.as_str()),
                Expr::BoolOp(b) => b.values.first().is_some_and(|v| self.is_container(v)),
                _ => false,
            }
        }
        /// `Result(..., errors=x.errors)`: a call of a class (named in
        /// CapWords) builds the object that carries it; `len(x.errors)`
        /// only reads it.
        fn wraps(&self, value: &Expr) -> bool {
            let Expr::Call(call) = value else {
                return false;
            };
            let callee = match &*call.func {
                Expr::Name(name) => name.id.as_str(),
                Expr::Attribute(attribute) => attribute.attr.as_str(),
                _ => return false,
            };
            if !crate::python::is_class_name(callee) {
                return false;
            }
            call.arguments.args.iter().any(|a| self.is_container(a))
                || call
                    .arguments
                    .keywords
                    .iter()
                    .any(|k| self.is_container(&k.value))
        }
    }
    impl<'a> Visitor<'a> for Hands<'_, 'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.found {
                return;
            }
            if let Stmt::Assign(assign) = stmt
                && let [Expr::Name(name)] = &*assign.targets
                && self.is_container(&assign.value)
            {
                self.names.push(name.id.as_str());
            }
            self.found = match stmt {
                Stmt::Return(ret) => ret.value.as_deref().is_some_and(|v| self.wraps(v)),
                Stmt::Raise(raise) => raise.exc.as_deref().is_some_and(|v| self.wraps(v)),
                _ => false,
            };
            visitor::walk_stmt(self, stmt);
        }
    }
    let mut hands = Hands {
        attr,
        names: Vec::new(),
        found: false,
    };
    hands.visit_body(module);
    hands.found
}

/// Whether code in `body` takes items out of a container stored under the
/// attribute `attr` of another object than the method's own instance
/// (`self.runner.failed.popleft()`, `job.queue.pop()`): the container is a
/// queue another object drains, so each item it holds is handed on and let
/// go, not kept. Only removals count: an attribute name reached through
/// another object says little about which container it is, and only a
/// removal says the container is consumed.
pub fn drained_by_another_object(body: &[Stmt], attr: &str) -> bool {
    crate::find::body_contains(body, |expr| {
        matches!(expr, Expr::Call(call)
            if matches!(&*call.func, Expr::Attribute(method)
                if crate::python::CONTAINER_REMOVE_METHODS.contains(&method.attr.as_str())
                    && matches!(&*method.value, Expr::Attribute(container)
                        if container.attr.as_str() == attr
                            && !matches!(&*container.value, Expr::Name(n)
                                if matches!(n.id.as_str(), "self" | "cls")))))
    })
}

/// Where a container of stored values is reached: `<x>.<attr>` on any
/// object (an attribute name says little about which object it is on), or a
/// plain name (a module-level container).
#[derive(Debug, Clone, Copy)]
pub enum Holder<'n> {
    Attribute(&'n str),
    Name(&'n str),
}

/// What code does with the items it reads back out of a container: see
/// [`item_uses`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ItemUses {
    /// An item is used as the object itself: raised, returned, yielded,
    /// stored elsewhere or passed to a call that does more than format or
    /// inspect it.
    pub as_object: bool,
    /// An item that stays in the container (read by `c[k]` or `c.get(k)`,
    /// not popped) is raised again as it is (`raise c[k]`) by the function
    /// that fills it, `filler`: a failure cache, looked up before the work
    /// it saves, whose every hit chains new frames onto the traceback the
    /// item already holds. Raised elsewhere, the item is an error deferred
    /// to be delivered once.
    pub raised_in_place: bool,
    /// An item is raised again without its old traceback (`raise
    /// c[k].with_traceback(None)`).
    pub raised_fresh: bool,
}

/// What code in `body` does with the items of the container under `holder`
/// (`c[k]`, `c[a][b]`, `c.get(k)`, `c.pop()`, `c.popleft()`, the values a
/// loop over it, its `values()` or its `items()` binds), directly or
/// through a name bound to one (`error = self._errors[0]`, `trigger, exc =
/// q.popleft()`, also carried through a tuple: `kind, value = (exc.__class__,
/// exc)`). Formatting and inspecting an item (`str`, `repr`, `len`,
/// `isinstance`, f-strings, a logger's methods, anything in `traceback`) is
/// not using the object: its text would do as well.
pub fn item_uses(body: &[Stmt], holder: Holder<'_>, filler: TextRange) -> ItemUses {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Items<'n, 'a> {
        holder: Holder<'n>,
        filler: TextRange,
        /// Names bound to an item, or to another such name, whether that
        /// item stays in the container, and the function they are local to
        /// (by where it starts; 0 for the module): `value` in one function
        /// says nothing of `value` in another.
        names: Vec<(&'a str, Kept, u32)>,
        function: u32,
        /// Whether the last pass bound a name not seen before.
        grew: bool,
        /// The second pass: the names are known, look for uses.
        looking: bool,
        uses: ItemUses,
    }
    impl<'a> Items<'_, 'a> {
        fn is_holder(&self, expr: &Expr) -> bool {
            match (self.holder, expr) {
                (Holder::Attribute(attr), Expr::Attribute(a)) => a.attr.as_str() == attr,
                (Holder::Name(name), Expr::Name(n)) => n.id.as_str() == name,
                _ => false,
            }
        }
        /// Whether `expr` reads an item that stays in the container (`c[k]`,
        /// `c[a][b]`, `c.get(k)`), or one it takes out (`c.pop()`).
        fn item(&self, expr: &Expr) -> Option<Kept> {
            match expr {
                Expr::Subscript(s) => {
                    let mut base = &*s.value;
                    while let Expr::Subscript(inner) = base {
                        base = &inner.value;
                    }
                    self.is_holder(base).then_some(Kept::InPlace)
                }
                Expr::Call(call) => match &*call.func {
                    Expr::Attribute(m) if self.is_holder(&m.value) => match m.attr.as_str() {
                        "get" => Some(Kept::InPlace),
                        "pop" | "popitem" | "popleft" => Some(Kept::TakenOut),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            }
        }
        /// [`Self::item`], also through a name bound to one.
        fn item_or_name(&self, expr: &Expr) -> Option<Kept> {
            self.item(expr).or_else(|| match expr {
                Expr::Name(n) => self
                    .names
                    .iter()
                    .find(|(name, _, f)| *name == n.id.as_str() && *f == self.function)
                    .map(|(_, kept, _)| *kept),
                _ => None,
            })
        }
        fn is_item(&self, expr: &Expr) -> bool {
            self.item_or_name(expr).is_some()
        }
        /// What a loop over `iter` binds to its items: the container, its
        /// `values()` or `items()`.
        fn iterates_items(&self, iter: &Expr) -> bool {
            self.is_holder(iter)
                || matches!(iter, Expr::Call(call) if call.arguments.is_empty()
                    && matches!(&*call.func, Expr::Attribute(m)
                        if matches!(m.attr.as_str(), "values" | "items") && self.is_holder(&m.value)))
        }
        fn bind(&mut self, target: &'a Expr, kept: Kept) {
            match target {
                Expr::Name(n)
                    if !self
                        .names
                        .iter()
                        .any(|(name, _, f)| *name == n.id.as_str() && *f == self.function) =>
                {
                    self.names.push((n.id.as_str(), kept, self.function));
                    self.grew = true;
                }
                Expr::Tuple(t) => t.elts.iter().for_each(|e| self.bind(e, kept)),
                Expr::List(l) => l.elts.iter().for_each(|e| self.bind(e, kept)),
                Expr::Starred(s) => self.bind(&s.value, kept),
                _ => {}
            }
        }
        /// Names bound to items by `target = value`, pairwise through a tuple.
        fn bind_assigned(&mut self, target: &'a Expr, value: &'a Expr) {
            match (target, value) {
                (Expr::Tuple(t), Expr::Tuple(v)) if t.elts.len() == v.elts.len() => {
                    for (t, v) in t.elts.iter().zip(&v.elts) {
                        self.bind_assigned(t, v);
                    }
                }
                (target, value) => {
                    if let Some(kept) = self.item_or_name(value) {
                        self.bind(target, kept);
                    }
                }
            }
        }
        /// Whether evaluating `expr` hands an item on as it is: the item
        /// itself, in a display, either side of `or`/`if`, or with its
        /// traceback swapped (`item.with_traceback(tb)`).
        fn carries(&self, expr: &Expr) -> bool {
            match expr {
                _ if self.is_item(expr) => true,
                Expr::Tuple(ast::ExprTuple { elts, .. })
                | Expr::List(ast::ExprList { elts, .. })
                | Expr::Set(ast::ExprSet { elts, .. }) => elts.iter().any(|e| self.carries(e)),
                Expr::Dict(d) => d.iter().any(|item| self.carries(&item.value)),
                Expr::BoolOp(b) => b.values.iter().any(|v| self.carries(v)),
                Expr::If(e) => self.carries(&e.body) || self.carries(&e.orelse),
                Expr::Starred(s) => self.carries(&s.value),
                Expr::Named(n) => self.carries(&n.value),
                Expr::Call(call) => matches!(&*call.func, Expr::Attribute(m)
                    if m.attr.as_str() == "with_traceback" && self.is_item(&m.value)),
                _ => false,
            }
        }
        fn raised(&mut self, exc: &Expr) {
            if let Expr::Call(call) = exc
                && let Expr::Attribute(m) = &*call.func
                && m.attr.as_str() == "with_traceback"
                && matches!(&*call.arguments.args, [arg] if arg.is_none_literal_expr())
                && self.is_item(&m.value)
            {
                self.uses.raised_fresh = true;
                self.uses.as_object = true;
                return;
            }
            if self.carries(exc) {
                self.uses.as_object = true;
                self.uses.raised_in_place |= self.filler.contains_range(exc.range())
                    && self.item_or_name(exc) == Some(Kept::InPlace);
            }
        }
    }
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Kept {
        InPlace,
        TakenOut,
    }
    impl<'a> Visitor<'a> for Items<'_, 'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(def) => {
                    let outer = std::mem::replace(&mut self.function, def.start().to_u32());
                    visitor::walk_stmt(self, stmt);
                    self.function = outer;
                    return;
                }
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        match target {
                            Expr::Name(_) | Expr::Tuple(_) | Expr::List(_) if !self.looking => {
                                self.bind_assigned(target, &assign.value);
                            }
                            // A binding is not a use.
                            Expr::Name(_) | Expr::Tuple(_) | Expr::List(_) => {}
                            // Stored on another object or in another container.
                            _ if self.looking && self.carries(&assign.value) => {
                                self.uses.as_object = true;
                            }
                            _ => {}
                        }
                    }
                }
                Stmt::For(for_stmt) if !self.looking && self.iterates_items(&for_stmt.iter) => {
                    self.bind(&for_stmt.target, Kept::InPlace);
                }
                Stmt::Return(ret)
                    if self.looking && ret.value.as_deref().is_some_and(|v| self.carries(v)) =>
                {
                    self.uses.as_object = true;
                }
                Stmt::Raise(raise) if self.looking => {
                    if let Some(exc) = raise.exc.as_deref() {
                        self.raised(exc);
                    }
                }
                _ => {}
            }
            visitor::walk_stmt(self, stmt);
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Named(named) if !self.looking => {
                    if let Some(kept) = self.item_or_name(&named.value) {
                        self.bind(&named.target, kept);
                    }
                }
                Expr::Yield(y)
                    if self.looking && y.value.as_deref().is_some_and(|v| self.carries(v)) =>
                {
                    self.uses.as_object = true;
                }
                Expr::Call(call) if self.looking && !formats_or_inspects(&call.func) => {
                    let args = call.arguments.args.iter();
                    let keywords = call.arguments.keywords.iter().map(|k| &k.value);
                    // The container itself handed to other code
                    // (`stream.close(reason, self._errors)`,
                    // `event.fire(**self.meta)`) hands on every item in it.
                    let hands_container = |a: &Expr| {
                        let a = match a {
                            Expr::Starred(s) => &*s.value,
                            other => other,
                        };
                        self.is_holder(a) && !only_reads_items(&call.func)
                    };
                    if args
                        .chain(keywords)
                        .any(|a| self.carries(a) || hands_container(a))
                    {
                        self.uses.as_object = true;
                    }
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
        fn visit_comprehension(&mut self, comprehension: &'a ast::Comprehension) {
            if !self.looking && self.iterates_items(&comprehension.iter) {
                self.bind(&comprehension.target, Kept::InPlace);
            }
            visitor::walk_comprehension(self, comprehension);
        }
    }
    let mut items = Items {
        holder,
        filler,
        names: Vec::new(),
        function: 0,
        grew: true,
        looking: false,
        uses: ItemUses::default(),
    };
    // Names bound to names bound to items: a few passes reach them all.
    for _ in 0..4 {
        if !items.grew {
            break;
        }
        items.grew = false;
        items.visit_body(body);
    }
    items.looking = true;
    items.visit_body(body);
    items.uses
}

/// Whether a call of the builtin `func` only reads or copies what it is
/// given (`sorted(errors)` lists a dict's keys, `list(errors)` copies it for
/// the caller): the container handed to it is not handed on.
fn only_reads_items(func: &Expr) -> bool {
    matches!(func, Expr::Name(name) if matches!(
        name.id.as_str(),
        "sorted" | "list" | "tuple" | "set" | "frozenset" | "dict" | "iter" | "enumerate"
            | "reversed" | "any" | "all" | "sum" | "min" | "max" | "zip" | "map" | "filter"
    ))
}

/// Whether a call of `func` only formats or inspects its arguments: their
/// text would do as well as the objects.
fn formats_or_inspects(func: &Expr) -> bool {
    match func {
        Expr::Name(name) => matches!(
            name.id.as_str(),
            "str"
                | "repr"
                | "format"
                | "print"
                | "len"
                | "bool"
                | "isinstance"
                | "issubclass"
                | "type"
                | "id"
                | "hash"
                | "getattr"
                | "hasattr"
        ),
        Expr::Attribute(attribute) => {
            crate::python::LOG_METHODS.contains(&attribute.attr.as_str())
                || matches!(attribute.attr.as_str(), "format" | "join")
                || matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "traceback")
        }
        _ => false,
    }
}

/// What a stored value is reached through when it is read back.
#[derive(Debug, Clone, Copy)]
pub enum StoredUnder<'n> {
    /// `<x>.<attr>` on any object: an attribute name says little about which
    /// object it is on, so any object counts.
    Attribute(&'n str),
    /// A plain name (a `global` or `nonlocal` variable).
    Name(&'n str),
    /// `<x>.<attr>["key"]`: an item under a constant key, one slot as an
    /// attribute is (`self._result["exception"]`), read as `<x>.<attr>["key"]`
    /// or `<x>.<attr>.get("key")`.
    Slot(&'n str, &'n str),
}

/// Whether code in `body` reads back the value stored under `under` as a
/// value (returns it, raises it, passes it on, reads from it), not only
/// tests whether something is there (`x.a is None`, `if x.a:`, `not x.a`).
/// A value read back is kept on purpose (an exception re-raised later or
/// handed out by an accessor); one only tested could be a flag.
pub fn reads_stored_value(body: &[Stmt], under: StoredUnder<'_>) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Reads<'n> {
        under: StoredUnder<'n>,
        found: bool,
    }
    impl Reads<'_> {
        fn names(&self, expr: &Expr) -> bool {
            match (self.under, expr) {
                (StoredUnder::Attribute(attr), Expr::Attribute(a)) => {
                    a.ctx.is_load() && a.attr.as_str() == attr
                }
                (StoredUnder::Name(name), Expr::Name(n)) => {
                    n.ctx.is_load() && n.id.as_str() == name
                }
                (StoredUnder::Slot(attr, key), Expr::Subscript(s)) => {
                    s.ctx.is_load()
                        && matches!(&*s.value, Expr::Attribute(a) if a.attr.as_str() == attr)
                        && matches!(&*s.slice, Expr::StringLiteral(k) if k.value.to_str() == key)
                }
                (StoredUnder::Slot(attr, key), Expr::Call(call)) => {
                    matches!(&*call.func, Expr::Attribute(get) if get.attr.as_str() == "get"
                        && matches!(&*get.value, Expr::Attribute(a) if a.attr.as_str() == attr))
                        && matches!(call.arguments.args.first(),
                            Some(Expr::StringLiteral(k)) if k.value.to_str() == key)
                }
                _ => false,
            }
        }
        /// Visits a presence test's operand: the stored value itself is not
        /// read, but what it is reached through may be.
        fn visit_tested(&mut self, expr: &Expr) {
            if let Expr::BoolOp(b) = expr {
                for value in &b.values {
                    self.visit_tested(value);
                }
            } else if self.names(expr) {
                if let Expr::Attribute(a) = expr {
                    self.visit_expr(&a.value);
                }
            } else {
                self.visit_expr(expr);
            }
        }
    }
    impl<'a> Visitor<'a> for Reads<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.found {
                return;
            }
            match stmt {
                Stmt::If(s) => {
                    self.visit_tested(&s.test);
                    self.visit_body(&s.body);
                    for clause in &s.elif_else_clauses {
                        if let Some(test) = &clause.test {
                            self.visit_tested(test);
                        }
                        self.visit_body(&clause.body);
                    }
                }
                Stmt::While(s) => {
                    self.visit_tested(&s.test);
                    self.visit_body(&s.body);
                    self.visit_body(&s.orelse);
                }
                Stmt::Assert(s) => {
                    self.visit_tested(&s.test);
                    if let Some(msg) = &s.msg {
                        self.visit_expr(msg);
                    }
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.found {
                return;
            }
            match expr {
                Expr::Compare(c)
                    if c.ops
                        .iter()
                        .all(|op| matches!(op, ast::CmpOp::Is | ast::CmpOp::IsNot))
                        && std::iter::once(&*c.left)
                            .chain(c.comparators.iter())
                            .any(Expr::is_none_literal_expr) =>
                {
                    self.visit_tested(&c.left);
                    for comparator in &c.comparators {
                        self.visit_tested(comparator);
                    }
                }
                Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => self.visit_tested(&u.operand),
                Expr::If(e) => {
                    self.visit_tested(&e.test);
                    self.visit_expr(&e.body);
                    self.visit_expr(&e.orelse);
                }
                _ if self.names(expr) => self.found = true,
                // A method of that name called (`logging.exception(...)`,
                // `future.exception()`) is another object's: an exception
                // is not callable.
                Expr::Call(call) if self.names(&call.func) => {
                    if let Expr::Attribute(method) = &*call.func {
                        self.visit_expr(&method.value);
                    }
                    self.visit_arguments(&call.arguments);
                }
                // `getattr(x, "attr")` reads it as surely as `x.attr`.
                Expr::Call(call)
                    if matches!(self.under, StoredUnder::Attribute(attr)
                        if matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "getattr")
                            && matches!(call.arguments.args.get(1),
                                Some(Expr::StringLiteral(s)) if s.value.to_str() == attr)) =>
                {
                    self.found = true;
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut reads = Reads {
        under,
        found: false,
    };
    reads.visit_body(body);
    reads.found
}

/// Whether code in `body` loads the attribute `attr` of anything
/// (`x.attr`, `getattr(x, "attr")`), for any use but calling it (a method
/// of that name, `log.error(...)`, is not the value stored): a store of it
/// that the module never reads is for code elsewhere.
pub fn loads_attribute(body: &[Stmt], attr: &str) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Loads<'n> {
        attr: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Loads<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.found {
                return;
            }
            match expr {
                Expr::Attribute(a) if !a.ctx.is_store() && a.attr.as_str() == self.attr => {
                    self.found = true;
                }
                Expr::Call(call)
                    if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "getattr")
                        && matches!(call.arguments.args.get(1),
                            Some(Expr::StringLiteral(s)) if s.value.to_str() == self.attr) =>
                {
                    self.found = true;
                }
                // `_LOGGER.error(...)` calls a method of that name: it reads
                // no stored `error` value.
                Expr::Call(call) if call.func.is_attribute_expr() => {
                    if let Expr::Attribute(method) = &*call.func {
                        self.visit_expr(&method.value);
                    }
                    self.visit_arguments(&call.arguments);
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut loads = Loads { attr, found: false };
    loads.visit_body(body);
    loads.found
}

/// Whether `body` declares a public attribute `attr` whose annotation names
/// an exception type (`error: Exception | None = None` in a class body,
/// `self.error: BaseException | None` in a method): the attribute is the
/// object's way of handing an exception to code elsewhere, which reads it
/// there. A private one (`_exc`) is the class's own business.
pub fn declares_exception_field(body: &[Stmt], attr: &str) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Declares<'n> {
        attr: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Declares<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.found {
                return;
            }
            if let Stmt::AnnAssign(assign) = stmt {
                let named = match &*assign.target {
                    Expr::Name(n) => n.id.as_str() == self.attr,
                    Expr::Attribute(a) => a.attr.as_str() == self.attr,
                    _ => false,
                };
                let mut exception = ExceptionNames(false);
                exception.visit_expr(&assign.annotation);
                self.found = named && exception.0;
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    struct ExceptionNames(bool);
    impl<'a> Visitor<'a> for ExceptionNames {
        fn visit_expr(&mut self, expr: &'a Expr) {
            let last = match expr {
                Expr::Name(n) => Some(n.id.as_str()),
                Expr::Attribute(a) => Some(a.attr.as_str()),
                Expr::StringLiteral(s) => s.value.to_str().rsplit(['.', '[', ' ', '|']).next(),
                _ => None,
            };
            self.0 |= last.is_some_and(crate::python::is_exception_name);
            visitor::walk_expr(self, expr);
        }
    }
    if attr.starts_with('_') {
        return false;
    }
    let mut declares = Declares { attr, found: false };
    declares.visit_body(body);
    declares.found
}

/// Whether the body of `def` keeps the value of its parameter `name`
/// beyond the call: stores it by subscript (`self._states[key] = name`) or
/// adds it to a container (`self.items.append(name)`), not looking into
/// nested functions or classes. A call that passes a new object there
/// (`self.set_state(host, State())` in a loop) keeps every one.
pub fn keeps_parameter(def: &ast::StmtFunctionDef, name: &str) -> bool {
    let is_param = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == name);
    let mut found = false;
    for_each_scope_statement(&def.body, &mut |stmt| {
        found |= match stmt {
            Stmt::Assign(assign) => {
                is_param(&assign.value) && assign.targets.iter().any(Expr::is_subscript_expr)
            }
            Stmt::Expr(expr) => matches!(&*expr.value, Expr::Call(call)
                if matches!(&*call.func, Expr::Attribute(method)
                    if crate::python::CONTAINER_ADD_METHODS.contains(&method.attr.as_str())
                        && !crate::python::CONTAINER_MERGE_METHODS.contains(&method.attr.as_str()))
                    && call.arguments.args.iter().any(is_param)),
            _ => false,
        };
    });
    found
}
