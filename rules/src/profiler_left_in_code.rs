//! MEM501: a memory profiler or tracer left switched on in production code.

use memwise_core::facts::decorator_callee;
use memwise_core::python::behind_a_switch;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::gc_disabled::calls_in;

declare_rule! {
    /// ## What it does
    /// Checks, outside test code and outside an `if __name__ == "__main__":`
    /// block, for the `profile` decorator of `memory_profiler`,
    /// `tracemalloc.start()`, `objgraph.show_*` calls and pympler's
    /// `tracker.SummaryTracker()`.
    ///
    /// ## Why is this bad?
    /// These are debugging tools. `memory_profiler.profile` traces every line
    /// of the function it wraps; `tracemalloc` records a traceback for every
    /// allocation; objgraph and pympler walk the whole heap. Left in
    /// production code they slow every call and hold bookkeeping memory of
    /// their own that grows with the program.
    ///
    /// ## Example
    /// ```python
    /// import tracemalloc
    ///
    ///
    /// def serve():
    ///     tracemalloc.start()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import os
    /// import tracemalloc
    ///
    ///
    /// def serve():
    ///     if os.environ.get("TRACE_MEMORY"):
    ///         tracemalloc.start()
    /// ```
    ///
    /// ## Known problems
    /// A call guarded by any `if` inside the function is taken to be behind a
    /// debug switch and is not flagged.
    ///
    /// `tracemalloc.start()` is not flagged when the code that starts tracing
    /// stops it too: `tracemalloc.stop()` in the same function (a window
    /// measured between two snapshots), in another method of the same class
    /// (a `start`/`stop` or `__enter__`/`__exit__` pair), or, for a start at
    /// module level, among the module's own statements. Tracing then runs
    /// for that window only, not for the rest of the program. Nor is a start
    /// in a method of a class whose methods read what tracing records
    /// (`tracemalloc.take_snapshot()`, `get_traced_memory()`): the class is
    /// a memory tracker, which traces because someone built one. So is a
    /// start in a function that itself reads what is traced (a measurement
    /// of the jobs it runs, between snapshots it takes).
    pub ProfilerLeftInCode {
        code: "MEM501",
        name: "profiler-left-in-code",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

const PROFILER_CALLS: &[&str] = &["tracemalloc.start", "pympler.tracker.SummaryTracker"];

impl Rule for ProfilerLeftInCode {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef, NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        if cx.in_main_guard() {
            return;
        }
        match node {
            AnyNodeRef::StmtFunctionDef(def) => {
                for decorator in &def.decorator_list {
                    let expression = &decorator.expression;
                    let callee = decorator_callee(expression);
                    if cx
                        .resolves_to(callee, &["memory_profiler.profile"])
                        .is_none()
                    {
                        continue;
                    }
                    let message = format!(
                        "`{}` is decorated with `memory_profiler.profile`, which traces every line it runs",
                        def.name
                    );
                    report(cx, message, expression);
                }
            }
            AnyNodeRef::ExprCall(call) => {
                if behind_a_switch(cx.statements()) {
                    return;
                }
                let func = &*call.func;
                let tool = if let Some(found) = cx.resolves_to(func, PROFILER_CALLS) {
                    found
                } else if is_objgraph_show(cx, func) {
                    "objgraph.show_*"
                } else {
                    return;
                };
                if tool == "tracemalloc.start"
                    && (stopped_again(cx, call.range()) || read_by_its_class(cx, call.range()))
                {
                    return;
                }
                let written = cx.slice(func);
                let message = match tool {
                    "tracemalloc.start" => format!(
                        "`{written}()` makes every allocation record a traceback for the rest of the program"
                    ),
                    "pympler.tracker.SummaryTracker" => format!(
                        "`{written}()` keeps heap summaries and walks every object each time it is asked for a diff"
                    ),
                    _ => {
                        format!("`{written}()` walks the whole heap: a debugging aid left in code")
                    }
                };
                report(cx, message, call.range());
            }
            _ => {}
        }
    }
}

fn report(cx: &mut Context<'_>, message: String, range: impl Ranged) {
    cx.report(
        Diagnostic::new(&ProfilerLeftInCode::META, message, range.range())
            .with_help("remove it, or switch it on only behind a debug flag"),
    );
}

/// Whether the code that starts tracing also stops it: `tracemalloc.stop()`
/// in the same function (a measured window, `start()` ... `stop()`, in a
/// `finally:` or not), in another method of the same class (`start`/`stop`,
/// `__enter__`/`__exit__`), or, for a start at module level, among the
/// module's own statements. Tracing then does not run for the rest of the
/// program, which is what the finding says.
fn stopped_again(cx: &Context<'_>, call: TextRange) -> bool {
    const STOP: &[&str] = &["tracemalloc.stop"];
    let statements = cx.statements();
    let Some(at) = statements
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_)))
    else {
        return cx
            .module()
            .iter()
            .filter(|s| !matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
            .any(|s| calls_in(cx, cx.scope(), call, std::slice::from_ref(s), STOP));
    };
    let Stmt::FunctionDef(def) = statements[at] else {
        return false;
    };
    if calls_in(cx, cx.scope(), call, &def.body, STOP) {
        return true;
    }
    matches!(at.checked_sub(1).map(|c| statements[c]), Some(Stmt::ClassDef(class))
        if calls_in(cx, cx.scope(), call, &class.body, STOP))
}

/// Whether tracing starts in a method of a class whose methods read what it
/// records (`tracemalloc.take_snapshot()`, `get_traced_memory()`), or in a
/// function that reads it itself: the class is a memory tracker (a callback
/// that reports the top allocations each episode), the function a
/// measurement (snapshots before and after the work it runs), which traces
/// because someone built one to, not a debugging aid left behind.
fn read_by_its_class(cx: &Context<'_>, call: TextRange) -> bool {
    const READ: &[&str] = &["tracemalloc.take_snapshot", "tracemalloc.get_traced_memory"];
    let statements = cx.statements();
    statements.windows(2).any(|pair| {
        matches!(pair, [Stmt::ClassDef(class), Stmt::FunctionDef(_)]
            if calls_in(cx, cx.scope(), call, &class.body, READ))
    }) || matches!(statements.iter().rev().find(|s| matches!(s, Stmt::FunctionDef(_))),
        Some(Stmt::FunctionDef(def)) if calls_in(cx, cx.scope(), call, &def.body, READ))
}

/// `objgraph.show_growth`, `objgraph.show_backrefs`, ... however imported.
fn is_objgraph_show(cx: &Context<'_>, func: &Expr) -> bool {
    let last = match func {
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        Expr::Name(name) => name.id.as_str(),
        _ => return false,
    };
    if !last.starts_with("show_") {
        return false;
    }
    cx.qualified_name(func).is_some_and(|q| {
        q.as_str()
            .strip_prefix("objgraph.")
            .is_some_and(|rest| rest.starts_with("show_") && !rest.contains('.'))
    })
}
