//! MEM501: a memory profiler or tracer left switched on in production code.

use memwise_core::facts::decorator_callee;
use memwise_core::python::behind_a_switch;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind};
use ruff_text_size::Ranged;

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
