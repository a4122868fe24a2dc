//! MEM503: `gc.disable()` without a matching `gc.enable()`.

use memwise_core::find::{body_contains, for_each_stmt};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, ScopeId, ScopeKind, declare_rule};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for `gc.disable()` in a function with no `gc.enable()` in the
    /// `finally:` of a `try` that follows it (or holds it) in that function,
    /// and for `gc.disable()` at module level with no `gc.enable()`,
    /// `gc.freeze()` or `gc.collect()` anywhere in the module.
    ///
    /// ## Why is this bad?
    /// Reference counting cannot free objects that refer to each other; only
    /// the cyclic collector can. With the collector off, every cycle the
    /// program drops stays in memory, and if an exception skips the
    /// `gc.enable()` the collector stays off for good.
    ///
    /// ## Example
    /// ```python
    /// import gc
    ///
    ///
    /// def build(rows):
    ///     gc.disable()
    ///     table = [dict(r) for r in rows]
    ///     gc.enable()
    ///     return table
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import gc
    ///
    ///
    /// def build(rows):
    ///     gc.disable()
    ///     try:
    ///         return [dict(r) for r in rows]
    ///     finally:
    ///         gc.enable()
    /// ```
    ///
    /// ## Known problems
    /// To avoid false alarms the rule also accepts a `gc.enable()` in an
    /// `except` clause of a following `try`, a `finally:` that turns the
    /// collector back on through a function of the module that calls
    /// `gc.enable()` (sqlmap's `_finalize(...)`), `gc.enable` registered as a
    /// callback (`self.addCleanup(gc.enable)`) and a `gc.enable()` in another
    /// method of the same class (`setUp`/`tearDown`), or a `gc.collect()`
    /// there, in the same function, or, for a module-level `gc.disable()`,
    /// in the module; and, for a function of the module, a `try` of the
    /// module that runs it (or a function of the module that calls it) and
    /// turns the collector back on in its `finally:`, itself or through a
    /// function of the module (claripy's wrapper runs `_enter_z3()` in its
    /// `try` and `_exit_z3()` in its `finally:`): code that
    /// collects by hand (on a timer, between frames) has taken collection
    /// over, and cycles are still freed. It stays silent in a
    /// function whose name says it disables something (`disable_gc`), and
    /// in one that sets the collector either way as it is asked (`if state:
    /// gc.enable()` / `else: gc.disable()`): the region is its caller's.
    pub GcDisabled {
        code: "MEM503",
        name: "gc-disabled",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for GcDisabled {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        if !call.arguments.is_empty() || cx.resolves_to(&call.func, &["gc.disable"]).is_none() {
            return;
        }
        let help = "wrap the region in `try: ... finally: gc.enable()`";
        let message = match cx.index().scope(cx.scope()).kind {
            ScopeKind::Function => {
                let statements = cx.statements();
                let Some(at) = statements
                    .iter()
                    .rposition(|s| matches!(s, Stmt::FunctionDef(_)))
                else {
                    return;
                };
                let Stmt::FunctionDef(def) = statements[at] else {
                    return;
                };
                // A function whose job is to switch the collector off
                // (`disable_gc`, `opt_disablegc`) leaves it to its caller.
                if def.name.as_str().to_ascii_lowercase().contains("disable") {
                    return;
                }
                // `if state: gc.enable() else: gc.disable()`: a function that
                // sets the collector to what it is asked for, either way,
                // leaves the region to its caller just the same.
                if statements[at + 1..].iter().any(|stmt| {
                    let Stmt::If(if_stmt) = stmt else {
                        return false;
                    };
                    let branches = std::iter::once(&if_stmt.body[..])
                        .chain(if_stmt.elif_else_clauses.iter().map(|c| &c.body[..]));
                    branches
                        .filter(|b| !b.iter().any(|s| s.range().contains_range(call.range())))
                        .any(|branch| {
                            calls_in(cx, cx.scope(), call.range(), branch, &["gc.enable"])
                        })
                }) {
                    return;
                }
                // A `finally:` may turn it back on through a function of the
                // module that does (sqlmap's `_finalize(...)`, whose first
                // statement is `gc.enable()`), as a caller's may.
                let exits = enabling_functions(cx, call.range());
                let mut finder = EnableFinder::new(cx, cx.scope(), call.range(), &["gc.enable"]);
                finder.mode = Mode::FinallyAfter;
                finder.exits = &exits;
                finder.visit_body(&def.body);
                if finder.found {
                    return;
                }
                // The function collects by hand itself (`gc.collect()` after
                // each file of a batch): it took collection over, as a class
                // that does so on a timer has.
                if calls_in(cx, cx.scope(), call.range(), &def.body, &["gc.collect"]) {
                    return;
                }
                // A method paired with another (`setUp`/`tearDown`,
                // `start`/`stop`) may turn it back on there; a class that
                // calls `gc.collect()` itself (on a timer, between frames)
                // took collection over, and cycles are still freed.
                if let Some(Stmt::ClassDef(class)) = at.checked_sub(1).map(|c| statements[c])
                    && calls_in(
                        cx,
                        cx.scope(),
                        call.range(),
                        &class.body,
                        &["gc.enable", "gc.collect"],
                    )
                {
                    return;
                }
                // A module's function whose caller brackets it: a `try`
                // that runs it and turns the collector back on in its
                // `finally:` (claripy's `_enter_z3`, `_exit_z3`).
                if at == 0 && bracketed_by_caller(cx, call.range(), def.name.as_str(), &exits) {
                    return;
                }
                format!(
                    "`{}` in `{}` is not undone by `gc.enable()` in a `finally:`; an exception leaves the collector off",
                    cx.slice(call),
                    def.name
                )
            }
            ScopeKind::Module => {
                if calls_in(
                    cx,
                    ScopeId::MODULE,
                    call.range(),
                    cx.module(),
                    &["gc.enable", "gc.freeze", "gc.collect"],
                ) {
                    return;
                }
                format!(
                    "`{}` switches the cyclic collector off for the whole program: nothing in the module turns it back on",
                    cx.slice(call)
                )
            }
            _ => return,
        };
        cx.report(Diagnostic::new(&GcDisabled::META, message, call.range()).with_help(help));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// In the `finally:` or an `except` of a `try` that starts after the
    /// call or holds it, or handed over as a callback (`addCleanup(gc.enable)`).
    FinallyAfter,
    /// Any call anywhere in the module.
    Anywhere,
}

/// Whether a `try` of the module (in any function) runs the module's
/// function `name` in its body, itself or through another function of the
/// module that calls it, and turns the collector back on in its
/// `finally:`, itself or through one of `exits`, the functions of the module
/// that do:
/// claripy's wrapper runs `_enter_z3()` and, in its `finally:`,
/// `_exit_z3()`. (A caller two calls away, as pyomo's `run_command` is to
/// `setup_environment`, is not followed.)
fn bracketed_by_caller(cx: &Context<'_>, call: TextRange, name: &str, exits: &[&str]) -> bool {
    let calls_named = |body: &[Stmt], wanted: &str| {
        body_contains(
            body,
            |e| matches!(e, Expr::Call(c) if matches!(&*c.func, Expr::Name(n) if n.id.as_str() == wanted)),
        )
    };
    let functions: Vec<&ast::StmtFunctionDef> = cx
        .module()
        .iter()
        .filter_map(|s| s.as_function_def_stmt())
        .collect();
    let enables = |body: &[Stmt]| calls_in(cx, ScopeId::MODULE, call, body, &["gc.enable"]);
    let callers: Vec<&str> = functions
        .iter()
        .filter(|f| f.name.as_str() != name && calls_named(&f.body, name))
        .map(|f| f.name.as_str())
        .collect();
    let mut bracketed = false;
    for_each_stmt(cx.module(), |stmt| {
        if let Stmt::Try(t) = stmt {
            bracketed |= (enables(&t.finalbody)
                || exits.iter().any(|e| calls_named(&t.finalbody, e)))
                && std::iter::once(name)
                    .chain(callers.iter().copied())
                    .any(|f| calls_named(&t.body, f));
        }
    });
    bracketed
}

/// The module's functions that call `gc.enable()` somewhere in their body.
fn enabling_functions<'a>(cx: &Context<'a>, call: TextRange) -> Vec<&'a str> {
    cx.module()
        .iter()
        .filter_map(|s| s.as_function_def_stmt())
        .filter(|f| calls_in(cx, ScopeId::MODULE, call, &f.body, &["gc.enable"]))
        .map(|f| f.name.as_str())
        .collect()
}

/// Whether `body` calls one of `wanted` anywhere, or hands one on as a
/// callback (`self.addCleanup(gc.enable)`); names resolve from `scope`, where
/// the call at `call` stands. Shared with MEM501, which asks the same of
/// `tracemalloc.stop`.
pub(crate) fn calls_in(
    cx: &Context<'_>,
    scope: ScopeId,
    call: TextRange,
    body: &[Stmt],
    wanted: &'static [&'static str],
) -> bool {
    let mut finder = EnableFinder::new(cx, scope, call, wanted);
    finder.visit_body(body);
    finder.found
}

struct EnableFinder<'c, 'a> {
    cx: &'c Context<'a>,
    scope: ScopeId,
    call: TextRange,
    wanted: &'static [&'static str],
    /// Functions of the module whose call counts as one of `wanted`.
    exits: &'c [&'a str],
    mode: Mode,
    found: bool,
}

impl<'c, 'a> EnableFinder<'c, 'a> {
    fn new(
        cx: &'c Context<'a>,
        scope: ScopeId,
        call: TextRange,
        wanted: &'static [&'static str],
    ) -> Self {
        Self {
            cx,
            scope,
            call,
            wanted,
            exits: &[],
            mode: Mode::Anywhere,
            found: false,
        }
    }
}

impl<'v> Visitor<'v> for EnableFinder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'v Stmt) {
        if self.found {
            return;
        }
        match (self.mode, stmt) {
            // Another function's `finally:` does not protect this one.
            (Mode::FinallyAfter, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) => {}
            (Mode::FinallyAfter, Stmt::Try(try_stmt)) => {
                let holds_call = try_stmt
                    .body
                    .iter()
                    .any(|s| s.range().contains_range(self.call));
                if try_stmt.start() >= self.call.end() || holds_call {
                    let mut inner = EnableFinder {
                        mode: Mode::Anywhere,
                        ..*self
                    };
                    inner.visit_body(&try_stmt.finalbody);
                    // `except BaseException: gc.enable(); raise` restores it too.
                    for handler in &try_stmt.handlers {
                        let ast::ExceptHandler::ExceptHandler(handler) = handler;
                        let catches_all = handler.type_.as_deref().is_none_or(|t| {
                            self.cx
                                .index()
                                .resolves_to(self.scope, t, &["builtins.BaseException"])
                                .is_some()
                        });
                        if catches_all {
                            inner.visit_body(&handler.body);
                        }
                    }
                    if inner.found {
                        self.found = true;
                        return;
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'v Expr) {
        if self.found {
            return;
        }
        if let Expr::Call(call) = expr {
            // `self.addCleanup(gc.enable)`, `atexit.register(gc.enable)`.
            let callback = call.arguments.args.iter().any(|arg| {
                self.cx
                    .index()
                    .resolves_to(self.scope, arg, self.wanted)
                    .is_some()
            });
            if callback {
                self.found = true;
                return;
            }
        }
        if self.mode == Mode::Anywhere
            && let Expr::Call(call) = expr
            && (self
                .cx
                .index()
                .resolves_to(self.scope, &call.func, self.wanted)
                .is_some()
                || matches!(&*call.func, Expr::Name(n) if self.exits.contains(&n.id.as_str())))
        {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}
