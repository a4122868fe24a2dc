//! MEM304: a list comprehension built only to be consumed once by a call.

use memwise_core::edits::is_async;
use memwise_core::uses::{ONCE_CONSUMERS, consumed_iterable, may_consume};
use memwise_core::{Context, Diagnostic, Edit, Fix, FixAvailability, Rule, RuleMeta, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Checks for a list comprehension passed as the iterable of a call that
    /// consumes it once: `sum`, `any`, `all`, `min`, `max`, `sorted`, `set`,
    /// `frozenset`, `tuple`, `dict`, `collections.Counter`,
    /// `collections.deque`, `heapq.nlargest` and `heapq.nsmallest`.
    ///
    /// ## Why is this bad?
    /// The comprehension builds the whole list in memory before the call reads
    /// it once and throws it away. A generator expression hands the items
    /// over one at a time, so peak memory stays constant however long the
    /// input is. `min` and `max` with two or more positional arguments compare
    /// those arguments and are not flagged; `str.join` builds a list anyway
    /// and is faster with one, so it is not flagged either.
    ///
    /// ## Example
    /// ```python
    /// total = sum([len(line) for line in open("log.txt")])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// total = sum(len(line) for line in open("log.txt"))
    /// ```
    ///
    /// ## Fix safety
    /// Dropping the brackets is safe, except for `any` and `all`: they stop at
    /// the first decisive item, so with a generator the remaining items are
    /// never computed, and side effects in the comprehension no longer run.
    /// A comprehension that awaits gets no fix: as a generator expression it
    /// would be an async generator.
    pub ListComprehensionInCall {
        code: "MEM304",
        name: "list-comprehension-in-call",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: true,
    }
}

impl Rule for ListComprehensionInCall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        if !may_consume(call, Expr::is_list_comp_expr) {
            return;
        }
        let Some(consumer) = cx.resolves_to(&call.func, ONCE_CONSUMERS) else {
            return;
        };
        let Some(iterable) = consumed_iterable(consumer, call) else {
            return;
        };
        let Expr::ListComp(comprehension) = iterable else {
            return;
        };
        let callee = cx.slice(&*call.func);
        let message = format!(
            "list comprehension passed to `{callee}` is built in full only to be read once"
        );
        let help = if matches!(consumer, "builtins.any" | "builtins.all") {
            format!(
                "drop the brackets to pass a generator expression; `{callee}` then also stops computing items at the first decisive one"
            )
        } else {
            format!(
                "drop the brackets to pass a generator expression: `{callee}` reads it one item at a time"
            )
        };
        let mut diagnostic = Diagnostic::new(
            &ListComprehensionInCall::META,
            message,
            comprehension.range(),
        )
        .with_help(help);
        // With `await` inside, a generator expression is an async generator
        // the call cannot consume.
        if !is_async(iterable) {
            let edits = brackets_to_generator(cx, call, comprehension);
            diagnostic =
                diagnostic.with_fix(if matches!(consumer, "builtins.any" | "builtins.all") {
                    Fix::unsafe_edits("drop the brackets", edits)
                } else {
                    Fix::safe("drop the brackets", edits)
                });
        }
        cx.report(diagnostic);
    }
}

/// Edits that turn the comprehension's brackets into a generator: deleted
/// when it is the call's sole argument and nothing but the closing paren
/// follows, else replaced by parentheses (a generator must be parenthesized
/// beside other arguments or a trailing comma).
fn brackets_to_generator(
    cx: &Context<'_>,
    call: &ast::ExprCall,
    comprehension: &ast::ExprListComp,
) -> Vec<Edit> {
    let range = comprehension.range();
    let open = TextRange::at(range.start(), TextSize::new(1));
    let close = TextRange::new(range.end() - TextSize::new(1), range.end());
    let arguments = &call.arguments;
    let after = &cx.source()[range.end().to_usize()..arguments.end().to_usize()];
    let sole = arguments.len() == 1 && after.trim_start() == ")";
    if sole {
        vec![Edit::deletion(open), Edit::deletion(close)]
    } else {
        vec![Edit::replacement("(", open), Edit::replacement(")", close)]
    }
}
