//! MEM502: `gc.set_debug` with `DEBUG_SAVEALL` or `DEBUG_LEAK` outside test code.

use memwise_core::find::body_contains_outside_definitions;
use memwise_core::python::behind_a_switch;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for `gc.set_debug(...)` whose flags include `gc.DEBUG_SAVEALL`
    /// or `gc.DEBUG_LEAK` (which contains it), outside test code.
    ///
    /// ## Why is this bad?
    /// With `DEBUG_SAVEALL` the collector no longer frees the unreachable
    /// objects it finds: it appends them to `gc.garbage`, where they stay
    /// for the rest of the program. Every reference cycle the program ever
    /// drops becomes a permanent leak.
    ///
    /// ## Example
    /// ```python
    /// import gc
    ///
    /// gc.set_debug(gc.DEBUG_SAVEALL)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import gc
    ///
    /// gc.set_debug(gc.DEBUG_STATS)
    /// ```
    ///
    /// ## Known problems
    /// A function (or module) that reads `gc.garbage`, or sets the flags
    /// again after the call (`gc.set_debug(old_flags)`), is a diagnostic:
    /// a leak hunt whose saved objects are its output, or one collection
    /// with saving on and then the old flags back. Neither is reported,
    /// nor is a function of the module that sets the flag for another
    /// function of the module that calls it and reads `gc.garbage` (Leo's
    /// `printGcSummary` calling `g.enable_gc_debug()`).
    ///
    /// A call guarded by any `if` inside the function (or at module level)
    /// is taken to be behind a debug switch (`if debug:`), a diagnostic mode
    /// switched on on purpose, and is not flagged, as MEM501 does for
    /// profilers.
    pub GcDebugSaveall {
        code: "MEM502",
        name: "gc-debug-saveall",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

const SAVING_FLAGS: &[&str] = &["gc.DEBUG_SAVEALL", "gc.DEBUG_LEAK"];

impl Rule for GcDebugSaveall {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        if cx.resolves_to(&call.func, &["gc.set_debug"]).is_none() {
            return;
        }
        // `if debug: gc.set_debug(gc.DEBUG_LEAK)`: a diagnostic mode switched
        // on on purpose, whose `gc.garbage` the code then reads.
        if behind_a_switch(cx.statements()) {
            return;
        }
        let Some(flag) = call
            .arguments
            .args
            .iter()
            .chain(call.arguments.keywords.iter().map(|k| &k.value))
            .find_map(|arg| saving_flag(cx, arg))
        else {
            return;
        };
        if diagnoses(cx, call.range()) || called_to_diagnose(cx) {
            return;
        }
        let flag = flag.trim_start_matches("gc.");
        let message = format!(
            "`{}` sets `{flag}`, which keeps every unreachable object in `gc.garbage` forever",
            cx.slice(&*call.func)
        );
        cx.report(
            Diagnostic::new(&GcDebugSaveall::META, message, call.range()).with_help(
                "remove it; for diagnosis use `gc.DEBUG_STATS` or `gc.DEBUG_COLLECTABLE`",
            ),
        );
    }
}

/// The saving flag named in a flags expression such as `gc.DEBUG_STATS | gc.DEBUG_LEAK`.
fn saving_flag<'c>(cx: &Context<'_>, flags: &Expr) -> Option<&'c str> {
    match flags {
        Expr::BinOp(binop) => {
            saving_flag(cx, &binop.left).or_else(|| saving_flag(cx, &binop.right))
        }
        Expr::Name(_) | Expr::Attribute(_) => cx.resolves_to(flags, SAVING_FLAGS),
        _ => None,
    }
}

/// Whether the flag is set by a function of the module that another
/// function of the module calls (`enable_gc_debug()`, or through the
/// module's own alias, `g.enable_gc_debug()`) and that reads `gc.garbage`:
/// one leak hunt split in two, as Leo's `printGcSummary` turns saving on
/// and then reports what was saved.
fn called_to_diagnose(cx: &Context<'_>) -> bool {
    let Some(setter) = cx
        .statements()
        .iter()
        .rev()
        .find(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        .and_then(|s| s.as_function_def_stmt())
    else {
        return false;
    };
    let module = cx.module();
    if !module.iter().any(|s| {
        s.as_function_def_stmt()
            .is_some_and(|def| std::ptr::eq(def, setter))
    }) {
        return false;
    }
    let name = setter.name.as_str();
    let calls_setter = |expr: &Expr| {
        matches!(expr, Expr::Call(call) if match &*call.func {
            Expr::Name(n) => n.id.as_str() == name,
            Expr::Attribute(a) => a.attr.as_str() == name,
            _ => false,
        })
    };
    module
        .iter()
        .filter_map(|s| s.as_function_def_stmt())
        .filter(|def| !std::ptr::eq(*def, setter))
        .any(|def| {
            body_contains_outside_definitions(&def.body, calls_setter)
                && body_contains_outside_definitions(&def.body, |expr| {
                    matches!(expr, Expr::Attribute(_))
                        && cx.resolves_to(expr, &["gc.garbage"]).is_some()
                })
        })
}

/// Whether the function (or module) that sets the flag reads what it saves
/// (`gc.garbage`: a leak-hunting helper, whose output is the point) or
/// sets the flags again after it (`gc.set_debug(old_flags)`: saving for one
/// diagnostic collection, then back to normal).
fn diagnoses(cx: &Context<'_>, set_at: TextRange) -> bool {
    let body = match cx
        .statements()
        .iter()
        .rev()
        .find(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
    {
        Some(Stmt::FunctionDef(def)) => &def.body[..],
        Some(_) => return false,
        None => cx.module(),
    };
    body_contains_outside_definitions(body, |expr| match expr {
        Expr::Attribute(_) => cx.resolves_to(expr, &["gc.garbage"]).is_some(),
        Expr::Call(call) => {
            call.start() > set_at.end()
                && cx.resolves_to(&call.func, &["gc.set_debug"]).is_some()
                && !call
                    .arguments
                    .args
                    .iter()
                    .any(|arg| saving_flag(cx, arg).is_some())
        }
        _ => false,
    })
}
