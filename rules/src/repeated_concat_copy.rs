//! MEM309: `x = pandas.concat([x, part])` and the like, inside a loop.

use memwise_core::facts_lifetime::loads_attribute;
use memwise_core::facts_self::{is_self_method_call, method_of_self, methods_that};
use memwise_core::python::same_place;
use memwise_core::python::{innermost_loop_body, leaves_loop_after};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind, Stmt};

declare_rule! {
    /// ## What it does
    /// Checks for a `for` or `while` body that rebuilds an array or frame
    /// from itself and a new piece: `df = pandas.concat([df, part])`,
    /// `arr = numpy.append(arr, row)`, `arr = numpy.concatenate([arr, row])`,
    /// `numpy.vstack`/`hstack`/`row_stack`/`column_stack` and `torch.cat`
    /// with `x` among the pieces, assigned back to `x`.
    ///
    /// ## Why is this bad?
    /// None of these functions grows its input in place: each call allocates
    /// a new object and copies everything gathered so far into it. A loop of
    /// n steps copies O(n²) elements and, at each step, holds the old and the
    /// new copy at once. A pandas maintainer on pandas#35407: "you are doing
    /// an exponential copy here (no kidding u run out ram)"; jobs built this
    /// way never finish or run out of memory.
    ///
    /// ## Example
    /// ```python
    /// import pandas as pd
    ///
    ///
    /// def load(paths):
    ///     df = pd.DataFrame()
    ///     for path in paths:
    ///         df = pd.concat([df, pd.read_csv(path)])
    ///     return df
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import pandas as pd
    ///
    ///
    /// def load(paths):
    ///     parts = []
    ///     for path in paths:
    ///         parts.append(pd.read_csv(path))
    ///     return pd.concat(parts)
    /// ```
    ///
    /// ## Known problems
    /// A loop that runs a few times at most (over a literal display, also
    /// through a local bound to one of up to 16 items that the code only
    /// reads, or `zip` or `enumerate` of such locals, a
    /// constant, `range` of a literal up to 100 (from a literal start or a
    /// count: `range(self.dimensionality, 3)`) or between two offsets of
    /// the same value (`range(n - 3, n + 2)`), an array's dimensions as
    /// `range(len(x.shape))`, `range(1, x.ndim)` or `range(x.ndim)`, or a `while n:` whose body
    /// divides `n` by a constant each time, as `n >>= 7`, or a `for` that
    /// breaks once a count of its passes reaches a literal up to 100, as
    /// `if i == 3: break` over `enumerate(...)`, or a `while` whose test
    /// keeps such a count under a literal up to 100, as `while ... and
    /// tries < 10:`) is not flagged,
    /// nor is one that
    /// leaves right after the concatenation (`break`, `return`, `raise`).
    /// Nor is an `x` that the loop mentions anywhere else: reset inside the
    /// loop (flushed every few pieces), transformed step by step
    /// (`h = layer(h)`), or read while it grows (`model(input_ids)` in a
    /// decoding loop, `len(df)`, a new piece made from it as in a Gray code's
    /// `g = concatenate([g, g[::-1] + n])`, or, for `self.attr`, a method of
    /// the class that reads `attr` called in the loop, such as an overlap
    /// check against the groups gathered so far, or the object itself
    /// handed on in the loop, as a curve handed to the root search that
    /// fits its next point reads the points so far): such a value is needed
    /// whole at every step, so it cannot be concatenated once after the loop.
    /// Test code is not checked.
    pub RepeatedConcatCopy {
        code: "MEM309",
        name: "repeated-concat-copy",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

/// The functions that copy their pieces into a new object. The pieces are
/// the first argument as a list or tuple, except for `numpy.append`, whose
/// first argument is the grown object itself.
const CONCATENATORS: &[&str] = &[
    "pandas.concat",
    "numpy.append",
    "numpy.concatenate",
    "numpy.vstack",
    "numpy.hstack",
    "numpy.row_stack",
    "numpy.column_stack",
    "torch.cat",
    "torch.concat",
    "torch.concatenate",
];

impl Rule for RepeatedConcatCopy {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtAssign(assign) = node else {
            return;
        };
        let [target] = &*assign.targets else {
            return;
        };
        if !matches!(target, Expr::Name(_) | Expr::Attribute(_)) {
            return;
        }
        let Expr::Call(call) = &*assign.value else {
            return;
        };
        let Some(function) = cx.resolves_to(&call.func, CONCATENATORS) else {
            return;
        };
        let Some(first) = call.arguments.args.first() else {
            return;
        };
        let grows_itself = if function == "numpy.append" {
            same_place(first, target)
        } else {
            match first {
                Expr::List(list) => list.elts.iter().any(|e| same_place(e, target)),
                Expr::Tuple(tuple) => tuple.elts.iter().any(|e| same_place(e, target)),
                _ => false,
            }
        };
        if !grows_itself {
            return;
        }
        let Some((loop_stmt, _)) = innermost_loop_body(cx.statements()) else {
            return;
        };
        if cx.loop_runs_few_times(loop_stmt) || leaves_loop_after(cx.statements()) {
            return;
        }
        let target_text = cx.slice(target);
        if used_elsewhere_in_loop(cx, loop_stmt, target) {
            return;
        }
        let callee = cx.slice(&*call.func);
        let message = format!(
            "`{target_text}` is rebuilt with `{callee}` from itself on every iteration: each step copies everything gathered so far"
        );
        let help = format!("collect the pieces in a list and call `{callee}` once after the loop");
        cx.report(
            Diagnostic::new(&RepeatedConcatCopy::META, message, assign.range).with_help(help),
        );
    }
}

/// The pieces of `value` other than `target` itself, if `value` is another
/// concatenation of `target` with more pieces: a second growth in the same
/// loop, not a fresh start. What those pieces read is read while `target`
/// grows (`g = concatenate([g, g[::-1] + n])`).
fn other_pieces<'e>(cx: &Context<'_>, value: &'e Expr, target: &str) -> Option<Vec<&'e Expr>> {
    let Expr::Call(call) = value else {
        return None;
    };
    cx.resolves_to(&call.func, CONCATENATORS)?;
    let (first, rest) = call.arguments.args.split_first()?;
    let elements: &[Expr] = match first {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => std::slice::from_ref(first),
    };
    let (mine, others): (Vec<&Expr>, Vec<&Expr>) =
        elements.iter().partition(|e| cx.slice(*e) == target);
    if mine.is_empty() {
        return None;
    }
    let keywords = call.arguments.keywords.iter().map(|k| &k.value);
    Some(others.into_iter().chain(rest).chain(keywords).collect())
}

/// Whether the loop mentions `target` anywhere but as itself in its growth
/// statements: its target or condition, a reset (`x = empty`), a read
/// (`model(x)`, `len(x)`, a new piece made from it), a step-by-step
/// transformation (`h = layer(h)`), or, for `self.attr`, a call of a method
/// of the class that reads `attr` (an overlap check against the groups
/// gathered so far). A value the loop reads while growing it is the state
/// of an autoregressive process: it cannot be concatenated once after the
/// loop, so the help could not be followed.
fn used_elsewhere_in_loop(cx: &Context<'_>, loop_stmt: &Stmt, target: &Expr) -> bool {
    struct Finder<'c, 'a> {
        cx: &'c Context<'a>,
        target: &'c str,
        /// For `self.attr`: `self`, and the methods of the class that read
        /// `attr` (themselves or through another they call).
        on_self: Option<(&'c str, Vec<&'a str>)>,
        found: bool,
    }
    impl Finder<'_, '_> {
        fn calls_method_reading_target(&self, expr: &Expr) -> bool {
            self.on_self
                .as_ref()
                .is_some_and(|(me, readers)| is_self_method_call(expr, me, readers))
        }
    }
    impl<'v> Visitor<'v> for Finder<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            if self.found {
                return;
            }
            if let Stmt::Assign(assign) = stmt
                && let [bound] = &*assign.targets
                && self.cx.slice(bound) == self.target
                && let Some(pieces) = other_pieces(self.cx, &assign.value, self.target)
            {
                for piece in pieces {
                    self.visit_expr(piece);
                }
                return;
            }
            visitor::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &'v Expr) {
            if self.found {
                return;
            }
            if matches!(expr, Expr::Name(_) | Expr::Attribute(_))
                && self.cx.slice(expr) == self.target
                || self.calls_method_reading_target(expr)
            {
                self.found = true;
                return;
            }
            if let Some((me, _)) = &self.on_self {
                match expr {
                    // Another attribute of the object, or a method of it.
                    Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == *me) =>
                    {
                        return;
                    }
                    // The object itself handed on (`fra.maturity_df(self)`,
                    // `args=(self, t)` to a root search): the code it goes
                    // to may read what it holds so far.
                    Expr::Name(n) if n.id.as_str() == *me => {
                        self.found = true;
                        return;
                    }
                    _ => {}
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let on_self = match target {
        Expr::Attribute(attribute) => attribute.value.as_name_expr().and_then(|name| {
            let (_, class) = method_of_self(cx, name)?;
            let attr = attribute.attr.as_str();
            let readers = methods_that(class, |def| loads_attribute(&def.body, attr));
            Some((name.id.as_str(), readers))
        }),
        _ => None,
    };
    let mut finder = Finder {
        cx,
        target: cx.slice(target),
        on_self,
        found: false,
    };
    finder.visit_stmt(loop_stmt);
    finder.found
}
