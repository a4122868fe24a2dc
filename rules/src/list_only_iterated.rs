//! MEM305: a local list that is built in full only to be iterated once.

use memwise_core::uses::UseKind;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, RuleMeta, ScopeKind, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for a local name bound to a list comprehension, or to
    /// `list(...)` of a generator expression, `map` or `filter`, whose only use
    /// is to be iterated once: the iterable of one `for` loop or
    /// comprehension, or the argument of a call that consumes it (`sum`,
    /// `any`, `all`, `min`, `max`, `sorted`, `set`, `dict`, ...).
    ///
    /// ## Why is this bad?
    /// Every item of the list is kept in memory at once although the code
    /// only ever looks at one at a time. A generator expression produces the
    /// items as the loop asks for them, so memory stays flat however many
    /// items there are. A list that is also indexed, returned, stored, passed
    /// elsewhere, measured with `len`, used by a nested function or iterated
    /// inside a loop is not flagged: those need a real list.
    ///
    /// ## Example
    /// ```python
    /// def total_size(paths):
    ///     sizes = [len(p) for p in paths]
    ///     return sum(sizes)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def total_size(paths):
    ///     sizes = (len(p) for p in paths)
    ///     return sum(sizes)
    /// ```
    ///
    /// ## Known problems
    /// A generator runs later than the list would have been built, when the
    /// loop reaches it: if the code between the binding and the loop changes
    /// what the comprehension reads, the items differ. The rule stays silent
    /// when the list is built inside a `with` block and iterated after it,
    /// where the generator would read a closed resource.
    pub ListOnlyIterated {
        code: "MEM305",
        name: "list-only-iterated",
        opt_in: false,
        fix: FixAvailability::None,
    }
}

impl Rule for ListOnlyIterated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtAssign(assign) = node else {
            return;
        };
        let [Expr::Name(target)] = &*assign.targets else {
            return;
        };
        let index = cx.index();
        let scope = index.scope(cx.scope());
        let name = target.id.as_str();
        if scope.kind != ScopeKind::Function
            || scope.bindings_of(name).len() != 1
            || scope.declares_global(name)
            || scope.declares_nonlocal(name)
        {
            return;
        }
        let Some(built) = built_list(cx, &assign.value) else {
            return;
        };
        let Some(binding) = index.binding_at(cx.scope(), name, target.range) else {
            return;
        };
        let binding = index.binding(binding);
        let [only] = binding.uses.as_slice() else {
            return;
        };
        if !only.iterates_once(index, binding) || only.range.start() < assign.end() {
            return;
        }
        // A generator made inside `with` and run after it reads a closed resource.
        let leaves_with =
            cx.statements().iter().rev().skip(1).any(|stmt| {
                matches!(stmt, Stmt::With(_)) && !stmt.range().contains_range(only.range)
            });
        if leaves_with {
            return;
        }
        let how = if only.kind == UseKind::Consumed {
            "passed once to a call that consumes it"
        } else {
            "iterated once"
        };
        let message = format!("`{name}` is built in full as a list ({built}) but only {how}");
        let help =
            format!("make `{name}` a generator expression so its items are produced one at a time");
        cx.report(Diagnostic::new(&ListOnlyIterated::META, message, target.range).with_help(help));
    }
}

/// `[... for ...]`, or `list(...)` of a generator expression, `map` or `filter`.
fn built_list(cx: &Context<'_>, value: &Expr) -> Option<&'static str> {
    match value {
        Expr::ListComp(_) => Some("a list comprehension"),
        Expr::Call(call) => {
            let [argument] = &*call.arguments.args else {
                return None;
            };
            if !call.arguments.keywords.is_empty()
                || cx.resolves_to(&call.func, &["builtins.list"]).is_none()
            {
                return None;
            }
            match argument {
                Expr::Generator(_) => Some("`list` of a generator"),
                Expr::Call(inner) => cx
                    .resolves_to(&inner.func, &["builtins.map", "builtins.filter"])
                    .map(|f| {
                        if f == "builtins.map" {
                            "`list` of `map`"
                        } else {
                            "`list` of `filter`"
                        }
                    }),
                _ => None,
            }
        }
        _ => None,
    }
}
