//! MEM304: a list comprehension built only to be consumed once by a call.

use memwise_core::effects::{
    is_effect_free, lazy_part_calls_next, lazy_part_checks_items, lazy_part_is_async,
    lazy_part_is_effect_free,
};
use memwise_core::uses::{ONCE_CONSUMERS, consumed_iterable, may_consume};
use memwise_core::{Context, Diagnostic, Edit, Fix, FixAvailability, Rule, declare_rule};
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
    /// Dropping the brackets is safe when the comprehension calls only
    /// functions known to be free of effects (`len`, `str`, `isinstance`,
    /// string methods, ...) and so do the call's other arguments. It is
    /// unsafe otherwise: a call inside the comprehension may raise
    /// `StopIteration`, which a generator turns into `RuntimeError`, and the
    /// other arguments (`key=g()`, `sum`'s start) are evaluated before a
    /// generator's items but after a list's. For `any` and `all` it is always
    /// unsafe: they stop at the first decisive item, so with a generator the
    /// remaining items are never computed.
    ///
    /// ## Known problems
    /// The rule stays silent where a generator would change what the code
    /// does: `any([...])`/`all([...])` whose items call anything not known to
    /// be free of effects (`all([form.is_valid() for form in forms])`
    /// validates every form on purpose) or look something up by a key that
    /// changes with the iteration (`any([header[k] for k in keys])` looks up
    /// every key, and a missing one raises; a generator would stop early and
    /// never raise) or convert what the iteration gives to a number
    /// (`all([int(p) < 256 for p in parts])` raises on a part that is not
    /// one, which a generator stopped by an earlier part never reaches), a
    /// comprehension that calls `next()`
    /// (its `StopIteration` would become a `RuntimeError`), and a
    /// comprehension with effects beside other arguments with effects (their
    /// order would change), and a comprehension that awaits or iterates
    /// asynchronously (as a generator expression it would be an async
    /// generator, which `sum` and the other consumers cannot read, so the
    /// help could not be followed). The first iterable (`work(forms)` in
    /// `all([len(f) for f in work(forms)])`) runs at once in both forms and
    /// does not count. Nor is a comprehension in a function Numba compiles
    /// (`@njit`, `@numba.jit`) reported: its nopython mode takes list
    /// comprehensions but no generator expressions.
    pub ListComprehensionInCall {
        code: "MEM304",
        name: "list-comprehension-in-call",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: false,
        peer_codes: &["C419"],
    }
}

impl Rule for ListComprehensionInCall {
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
        // The first iterable runs at once either way; the rest runs lazily.
        let elements = [&*comprehension.elt];
        // Without brackets, `[await f(x) for x in xs]` is an async generator
        // the consumer cannot read: the help cannot be followed.
        // Numba compiles list comprehensions but not generator expressions.
        if lazy_part_is_async(&elements, &comprehension.generators) || cx.in_numba_function() {
            return;
        }
        let short_circuits = matches!(consumer, "builtins.any" | "builtins.all");
        let index = cx.index();
        let pure =
            lazy_part_is_effect_free(index, cx.scope(), &elements, &comprehension.generators);
        // `all([form.is_valid() for form in forms])` runs every call on
        // purpose: a generator would stop at the first false one.
        // `any([header[k] for k in keys])` looks up every key, and a missing
        // one raises; a generator stops at the first true item.
        if short_circuits && (!pure || lazy_part_checks_items(&elements, &comprehension.generators))
        {
            return;
        }
        // A `StopIteration` from `next()` ends a list comprehension's caller
        // as `StopIteration`, a generator's as `RuntimeError`.
        if lazy_part_calls_next(index, cx.scope(), &elements, &comprehension.generators) {
            return;
        }
        // The other arguments run before a generator's items but after a
        // list's: `sorted([f(x) for x in xs], key=g())`.
        let others_pure = call
            .arguments
            .args
            .iter()
            .chain(call.arguments.keywords.iter().map(|k| &k.value))
            .filter(|a| a.range() != iterable.range())
            .all(|a| is_effect_free(index, cx.scope(), a));
        if !pure && !others_pure {
            return;
        }
        let callee = cx.slice(&*call.func);
        let message = format!(
            "list comprehension passed to `{callee}` is built in full only to be read once"
        );
        let help = if short_circuits {
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
        let edits = brackets_to_generator(cx, call, comprehension);
        // Safe only when nothing can tell the difference: the items call
        // nothing with effects (so no `StopIteration` either) and the whole
        // list is still read.
        diagnostic = diagnostic.with_fix(if short_circuits || !pure || !others_pure {
            Fix::unsafe_edits("drop the brackets", edits)
        } else {
            Fix::safe("drop the brackets", edits)
        });
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
