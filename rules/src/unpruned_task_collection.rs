//! MEM206: asyncio tasks kept in a long-lived collection that is never pruned.

use memwise_core::bounded::is_bounded_value;
use memwise_core::edits::{indentation_at, line_ending};
use memwise_core::facts_self::{
    bound_only_in_init, for_each_scope_statement, holds_object_of_class, method_of_self,
};
use memwise_core::python::{for_each_target, is_class_of};
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, ScopeKind, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, CmpOp, Expr, NodeKind, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a task made by `asyncio.create_task(...)`,
    /// `asyncio.ensure_future(...)` or `<loop>.create_task(...)` that is
    /// added (`.add`, `.append`, `[k] = task`) to a module-level or `self.`
    /// collection, or one of a class reached through the class
    /// (`Watcher.running`, `cls.running`, `type(self).running`), when
    /// nothing in the module ever takes tasks out of it: no
    /// `add_done_callback(<coll>.discard)`, no `.discard`, `.remove`, `.pop`,
    /// `.clear`, `del`, and no rebinding of the collection (an unpacking
    /// counts: `done, self._pending = await asyncio.wait(self._pending)`
    /// keeps only the tasks still running; so does a loop over a display
    /// that names it and empties each: `for state in (_items, _pumps):
    /// state.clear()`).
    ///
    /// ## Why is this bad?
    /// Keeping a reference to a background task is right (the event loop
    /// holds tasks only weakly; ruff's RUF006 asks for it), but a task that
    /// is never removed keeps its result, or its exception and traceback
    /// with every frame's locals, for as long as the collection lives.
    /// Reported in MicroPythonOS (#261), qtile and pypck: long-running
    /// processes whose task sets grew with every event.
    ///
    /// ## Example
    /// ```python
    /// import asyncio
    ///
    /// background = set()
    ///
    ///
    /// def spawn(coro):
    ///     task = asyncio.create_task(coro)
    ///     background.add(task)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import asyncio
    ///
    /// background = set()
    ///
    ///
    /// def spawn(coro):
    ///     task = asyncio.create_task(coro)
    ///     background.add(task)
    ///     task.add_done_callback(background.discard)
    /// ```
    ///
    /// The help fits the collection: `discard` for a set, `remove` for a
    /// list, and popping the key for a mapping.
    ///
    /// ## Fix safety
    /// For a set and a task bound to a name, the fix adds
    /// `task.add_done_callback(<coll>.discard)` on the line after the add.
    /// It is unsafe: code that later reads finished tasks (their results or
    /// exceptions) from the collection no longer finds them.
    ///
    /// ## Known problems
    /// Any removal from a collection of that name anywhere in the module
    /// counts as pruning, even on another object. A collection the module
    /// asks whether a key is in (`if job_id in self.tasks: continue`, or
    /// `if self.tasks.get(job_id) is None:`) is
    /// also the record of what was started: pruning it would let the same
    /// job run again, so it is not reported. Nor is a store under a key
    /// that is the same on every call (`tasks[self.manager] = task`, with
    /// an attribute only `__init__` binds, or a constant): each call
    /// replaces the one entry. Nor is an add the code runs a bounded
    /// number of times: in `__init__`, once per instance, into a collection
    /// of that instance (`self.polls`, not one of the class), outside loops
    /// or in a loop over a few items (labgrid's coordinator starts its
    /// three endless poll loops there), or in a function that returns
    /// early while the collection holds anything (`if self.poll_tasks:
    /// return`) or adds under `if not self.poll_tasks:`. A local that is
    /// only named `self` (`self: Monitor = ctx.obj` in a command function)
    /// is another object, whose collection another module makes (perhaps a
    /// `weakref.WeakSet`) and prunes: its adds are not reported. Nor is an
    /// add to an attribute the class binds only to objects of a class that
    /// is not a collection (`self.task_manager = TaskManager()`, or a
    /// dataclass field `task_manager: tm.TaskManager =
    /// field(default_factory=tm.TaskManager)`): its `add` is that class's
    /// method, which may prune what it keeps itself (pgqueuer's does).
    /// `__init__` looping
    /// over what it is given still counts. Local collections (that
    /// die with the function, usually after `gather`) are not flagged. Test
    /// code is not checked.
    pub UnprunedTaskCollection {
        code: "MEM206",
        name: "unpruned-task-collection",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: false,
    }
}

impl Rule for UnprunedTaskCollection {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtExpr, NodeKind::StmtAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let (collection, task, range) = match node {
            AnyNodeRef::StmtExpr(stmt) => {
                let Expr::Call(call) = &*stmt.value else {
                    return;
                };
                let Expr::Attribute(method) = &*call.func else {
                    return;
                };
                let ([task], []) = (&*call.arguments.args, &*call.arguments.keywords) else {
                    return;
                };
                if !matches!(method.attr.as_str(), "add" | "append") {
                    return;
                }
                (&*method.value, task, stmt.range())
            }
            AnyNodeRef::StmtAssign(assign) => {
                let [Expr::Subscript(subscript)] = &*assign.targets else {
                    return;
                };
                (&*subscript.value, &*assign.value, assign.range())
            }
            _ => return,
        };
        let Some(name) = long_lived(cx, collection) else {
            return;
        };
        // `self.task_manager.add(task)` with a `TaskManager` of the program's
        // own: what its `add` keeps, and for how long, is its class's
        // business (pgqueuer's registers the task's `discard` itself).
        if let Expr::Attribute(attribute) = collection
            && is_self_parameter(cx, &attribute.value)
            && cx
                .enclosing_class()
                .is_some_and(|class| holds_object_of_class(class, name))
        {
            return;
        }
        // `tasks[self.manager] = task`: the same key on every call, so each
        // store replaces the last task rather than adding one.
        if let AnyNodeRef::StmtAssign(assign) = node
            && let [Expr::Subscript(subscript)] = &*assign.targets
            && fixed_key(cx, &subscript.slice)
        {
            return;
        }
        if !is_task(cx, task)
            || pruned(cx.module(), name)
            || added_a_few_times(cx, collection, range)
        {
            return;
        }
        let written = cx.slice(collection);
        let message = format!(
            "a task is added to `{written}` and never removed: every finished task keeps its result or exception and traceback"
        );
        // A mapping has no `discard`: its entry is popped by key.
        let help = match node {
            AnyNodeRef::StmtAssign(assign) => match &*assign.targets {
                [Expr::Subscript(subscript)] => format!(
                    "remove each entry when its task is done: `task.add_done_callback(lambda _: {written}.pop({}, None))`, binding the key first if it changes",
                    cx.slice(&*subscript.slice)
                ),
                _ => return,
            },
            // A list has no `discard` either: `remove` takes the task out.
            AnyNodeRef::StmtExpr(stmt)
                if matches!(&*stmt.value, Expr::Call(c)
                    if matches!(&*c.func, Expr::Attribute(a) if a.attr.as_str() == "append")) =>
            {
                format!("remove finished tasks: `task.add_done_callback({written}.remove)`")
            }
            _ => format!(
                "remove finished tasks: `task.add_done_callback({written}.discard)`, as the asyncio documentation shows"
            ),
        };
        let mut diagnostic =
            Diagnostic::new(&UnprunedTaskCollection::META, message, range).with_help(help);
        // A set (`.add`) and a named task: prune it right after the add,
        // on a line of its own at the same indentation.
        if let (AnyNodeRef::StmtExpr(stmt), Expr::Name(task_name)) = (node, task)
            && matches!(&*stmt.value, Expr::Call(c) if matches!(&*c.func, Expr::Attribute(a) if a.attr.as_str() == "add"))
            && let Some(indent) = indentation_at(cx.source(), stmt.start())
        {
            let rest = &cx.source()[stmt.end().to_usize()..];
            let end_of_line = rest
                .find(['\n', '\r'])
                .map_or(cx.source().len(), |i| stmt.end().to_usize() + i);
            let line = format!(
                "{}{indent}{}.add_done_callback({written}.discard)",
                line_ending(cx.source()),
                task_name.id
            );
            // After a `;` the rest of the line is another statement: no fix.
            if !rest[..end_of_line - stmt.end().to_usize()].contains(';') {
                let at = ruff_text_size::TextSize::try_from(end_of_line).unwrap_or(stmt.end());
                diagnostic = diagnostic.with_fix(Fix::unsafe_edits(
                    format!("remove the task from `{written}` when it is done"),
                    vec![Edit::insertion(line, at)],
                ));
            }
        }
        cx.report(diagnostic);
    }
}

/// The name of a collection that outlives the call: `self.<name>` in a
/// method, an attribute of a class (`Probe.running`, `cls.running`,
/// `type(self).running`), or a module-level name not bound in the function.
fn long_lived<'e>(cx: &Context<'_>, collection: &'e Expr) -> Option<&'e str> {
    match collection {
        Expr::Attribute(attribute)
            if is_self_parameter(cx, &attribute.value) || denotes_class(cx, &attribute.value) =>
        {
            Some(attribute.attr.as_str())
        }
        Expr::Name(name) => {
            let index = cx.index();
            let scope = index.scope(cx.scope());
            if scope.kind != ScopeKind::Function || !scope.bindings_of(name.id.as_str()).is_empty()
            {
                return None;
            }
            let module = index
                .scopes()
                .iter()
                .find(|s| s.kind == ScopeKind::Module)?;
            (!module.bindings_of(name.id.as_str()).is_empty()).then_some(name.id.as_str())
        }
        _ => None,
    }
}

/// Whether `expr` is `self`, the instance a method receives: a local
/// named `self` (`self: Monitor = ctx.obj` in a command function) is
/// another module's object, whose collection that module makes (a
/// `weakref.WeakSet`, perhaps) and prunes.
fn is_self_parameter(cx: &Context<'_>, expr: &Expr) -> bool {
    let Expr::Name(name) = expr else {
        return false;
    };
    if name.id.as_str() != "self" {
        return false;
    }
    let index = cx.index();
    index
        .resolve_name(cx.scope(), &name.id, name.start())
        .is_some_and(|b| index.binding(b).kind == BindingKind::Parameter)
}

/// Whether `expr` is a class, which lives as long as its module: a name
/// bound by a `class` statement, the `cls` parameter of a method, or the
/// class of a value (`type(self)`, `self.__class__`).
fn denotes_class(cx: &Context<'_>, expr: &Expr) -> bool {
    if is_class_of(expr) {
        return true;
    }
    let Expr::Name(name) = expr else {
        return false;
    };
    let index = cx.index();
    let Some(binding) = index.resolve_name(cx.scope(), &name.id, name.start()) else {
        return false;
    };
    let binding = index.binding(binding);
    match binding.kind {
        BindingKind::ClassDef => true,
        BindingKind::Parameter => {
            name.id.as_str() == "cls"
                && index
                    .scope(binding.scope)
                    .parent
                    .is_some_and(|parent| index.scope(parent).kind == ScopeKind::Class)
        }
        _ => false,
    }
}

/// A key that is the same on every call: a bounded value (a literal, a
/// module constant, a class) or an attribute of the instance that only
/// `__init__` binds.
fn fixed_key(cx: &Context<'_>, key: &Expr) -> bool {
    if is_bounded_value(cx.index(), cx.scope(), key) {
        return true;
    }
    let Expr::Attribute(attribute) = key else {
        return false;
    };
    let Some(me) = attribute.value.as_name_expr() else {
        return false;
    };
    method_of_self(cx, me)
        .is_some_and(|(_, class)| bound_only_in_init(class, attribute.attr.as_str()))
}

/// A task: the call itself, or a name bound to one in the current function.
fn is_task(cx: &Context<'_>, task: &Expr) -> bool {
    let creates = |e: &Expr| {
        let Expr::Call(call) = e else {
            return false;
        };
        cx.resolves_to(
            &call.func,
            &["asyncio.create_task", "asyncio.ensure_future"],
        )
        .is_some()
            || matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "create_task")
    };
    match task {
        Expr::Name(name) => {
            let Some(Stmt::FunctionDef(def)) = cx
                .statements()
                .iter()
                .rev()
                .find(|s| matches!(s, Stmt::FunctionDef(_)))
            else {
                return false;
            };
            let mut bound = Vec::new();
            collect_assignments(&def.body, name.id.as_str(), &mut bound);
            !bound.is_empty() && bound.iter().all(|value| creates(value))
        }
        other => creates(other),
    }
}

/// The values assigned to `name` in `body`, outside nested definitions.
fn collect_assignments<'a>(body: &'a [Stmt], name: &str, out: &mut Vec<&'a Expr>) {
    for_each_scope_statement(body, &mut |stmt| {
        if let Stmt::Assign(assign) = stmt
            && matches!(&*assign.targets, [Expr::Name(n)] if n.id.as_str() == name)
        {
            out.push(&assign.value);
        }
    });
}

/// Whether anything in the module takes items out of a collection named
/// `name` (any receiver), binds it more than once, or asks whether a key is
/// in it (`job_id in self.tasks`, `self.tasks.get(job_id) is None`): then
/// it is also the record of what was
/// started, and pruning it would change what the code lets run again.
fn pruned(module: &[Stmt], name: &str) -> bool {
    struct Finder<'n> {
        name: &'n str,
        bindings: u32,
        found: bool,
    }
    fn names(expr: &Expr, name: &str) -> bool {
        match expr {
            Expr::Name(n) => n.id.as_str() == name,
            Expr::Attribute(a) => a.attr.as_str() == name,
            _ => false,
        }
    }
    impl<'v> Visitor<'v> for Finder<'_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            // `for state in (_items, _pumps): state.clear()` empties each
            // collection the display names.
            if let Stmt::For(for_stmt) = stmt
                && let Expr::Name(each) = &*for_stmt.target
                && let Expr::Tuple(ast::ExprTuple { elts, .. })
                | Expr::List(ast::ExprList { elts, .. }) = &*for_stmt.iter
                && elts.iter().any(|e| names(e, self.name))
            {
                let mut each_one = Finder {
                    name: each.id.as_str(),
                    bindings: 0,
                    found: false,
                };
                each_one.visit_body(&for_stmt.body);
                self.found |= each_one.found;
            }
            match stmt {
                // `done, self._pending = await asyncio.wait(self._pending)`
                // rebinds it to the tasks still running.
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        for_each_target(target, &mut |place| {
                            if names(place, self.name) {
                                self.bindings += 1;
                            }
                        });
                    }
                }
                Stmt::AnnAssign(assign)
                    if assign.value.is_some() && names(&assign.target, self.name) =>
                {
                    self.bindings += 1;
                }
                Stmt::AugAssign(aug)
                    if names(&aug.target, self.name) && aug.op != Operator::Add =>
                {
                    self.found = true;
                }
                Stmt::Delete(delete)
                    if delete.targets.iter().any(|t| match t {
                        Expr::Subscript(s) => names(&s.value, self.name),
                        other => names(other, self.name),
                    }) =>
                {
                    self.found = true;
                }
                _ => {}
            }
            visitor::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &'v Expr) {
            if let Expr::Compare(compare) = expr
                && compare
                    .ops
                    .iter()
                    .zip(&compare.comparators)
                    .any(|(op, right)| {
                        matches!(op, CmpOp::In | CmpOp::NotIn) && names(right, self.name)
                    })
            {
                self.found = true;
            }
            // `tasks.get(key) is None` asks the same as `key not in tasks`.
            if let Expr::Compare(compare) = expr
                && let [CmpOp::Is | CmpOp::IsNot] = &*compare.ops
                && let [Expr::NoneLiteral(_)] = &*compare.comparators
                && let Expr::Call(call) = &*compare.left
                && let Expr::Attribute(method) = &*call.func
                && method.attr.as_str() == "get"
                && names(&method.value, self.name)
            {
                self.found = true;
            }
            if let Expr::Attribute(attribute) = expr
                && names(&attribute.value, self.name)
                && memwise_core::python::CONTAINER_REMOVE_METHODS
                    .iter()
                    .chain(&["difference_update", "intersection_update"])
                    .any(|m| *m == attribute.attr.as_str())
            {
                self.found = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder {
        name,
        bindings: 0,
        found: false,
    };
    finder.visit_body(module);
    finder.found || finder.bindings > 1
}

/// Whether the code bounds how many tasks this add puts in the collection:
/// it runs in `__init__`, once per instance, on that instance's collection
/// (`self.polls`), outside loops or in loops over a few items (labgrid's
/// coordinator starts its three poll loops there),
/// or in a function that returns early while the collection holds
/// anything (`if self.poll_tasks: return`) or adds only under `if not
/// self.poll_tasks:`: it fills the collection once.
fn added_a_few_times(cx: &Context<'_>, collection: &Expr, add: TextRange) -> bool {
    let statements = cx.statements();
    let Some(at) = statements
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_)))
    else {
        return false;
    };
    let Stmt::FunctionDef(function) = statements[at] else {
        return false;
    };
    let inside = &statements[at + 1..];
    let loops_few = inside
        .iter()
        .filter(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
        .all(|s| cx.loop_runs_few_times(s));
    // Once per instance bounds a collection of that instance only: a
    // class-level or module-level one gets the tasks of every instance.
    let on_instance = matches!(collection, Expr::Attribute(attribute)
        if matches!(&*attribute.value, Expr::Name(receiver)
            if function.parameters.args.first().is_some_and(|p| p.parameter.name.id == receiver.id)));
    if function.name.as_str() == "__init__" && on_instance && loops_few {
        return true;
    }
    let written = cx.slice(collection);
    let is_collection = |e: &Expr| cx.slice(e) == written;
    let empty_test = |test: &Expr| matches!(test, Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not && is_collection(&u.operand));
    let guarded_by_if = inside.iter().any(|s| {
        matches!(s, Stmt::If(if_stmt) if empty_test(&if_stmt.test)
            && if_stmt.body.iter().any(|b| b.range().contains_range(add)))
    });
    let add_at = inside.first().map_or(add.start(), Ranged::start);
    let returns_early = function.body.iter().any(|s| {
        s.end() <= add_at
            && matches!(s, Stmt::If(if_stmt)
                if is_collection(&if_stmt.test)
                    && if_stmt.elif_else_clauses.is_empty()
                    && matches!(if_stmt.body.last(), Some(Stmt::Return(_))))
    });
    loops_few && (guarded_by_if || returns_early)
}
