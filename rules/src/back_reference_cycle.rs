//! MEM101: a method makes `self` and another object point at each other.

use memwise_core::facts_lifetime::class_clears_link;
use memwise_core::facts_self::{BackReference, BackReferencePattern, MethodFacts};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, ScopeKind, declare_rule};
use ruff_python_ast::{AnyNodeRef, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for methods that make an owner and its child point at each
    /// other strongly:
    ///
    /// - the method stores `x` on `self` (`self.a = x`, `self.a.append(x)`,
    ///   `self.a.add(x)`, `self.a[k] = x`, `self.a.insert(i, x)`) and also sets
    ///   `x.attr = self`; the finding is on `x.attr = self`;
    /// - the method sets `self.attr = p` and stores `self` into a container
    ///   of `p` (`p.a.append(self)`, `p.a.add(self)`, `p.a[k] = self`,
    ///   `p.a.insert(i, self)`); the finding is on `self.attr = p`.
    ///
    /// `self.attr = p` with a plain `p.a = self` is one cycle and is reported
    /// once, on `p.a = self`. A back edge held through `weakref.ref(...)` or
    /// `weakref.proxy(...)` (directly, or through a name bound to one) is not
    /// flagged, and neither is a child kept in a `weakref.WeakSet` or
    /// `weakref.WeakValueDictionary` that the class assigns to the attribute.
    ///
    /// ## Why is this bad?
    /// Two objects that reference each other never reach a reference count
    /// of zero. CPython frees them only when the cyclic garbage collector
    /// runs, so a tree of nodes with parent links, and everything it holds
    /// (buffers, sockets, large arrays), outlives its last use by an
    /// unpredictable time, and memory grows between collections. With
    /// `gc.disable()` or `gc.freeze()` in play it is never freed.
    ///
    /// ## Example
    /// ```python
    /// class Tree:
    ///     def __init__(self):
    ///         self.children = []
    ///
    ///     def add(self, child):
    ///         self.children.append(child)
    ///         child.parent = self
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import weakref
    ///
    ///
    /// class Tree:
    ///     def __init__(self):
    ///         self.children = []
    ///
    ///     def add(self, child):
    ///         self.children.append(child)
    ///         child.parent = weakref.proxy(self)
    /// ```
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM101`). On code it
    /// was never tuned on, every one of its findings read was a false alarm
    /// (12 of 12 on ten projects from PyPI, the one on the held-back half of
    /// the second corpus): most back links belong to a structure the design
    /// keeps whole (a parse tree's `parent`, a column's table), which the
    /// cyclic collector frees when the structure goes, and a weak link there
    /// frees what the code still needs. Select it to audit for cycles that
    /// delay freeing.
    ///
    /// The two edges must be made in the same method; a cycle built across
    /// methods, or through another helper, is not seen. A container that is
    /// itself weak on the other object's side (`p.members` a `WeakSet`) is
    /// not recognised.
    ///
    /// A class that undoes the link itself when an object's use ends is not
    /// reported: a method of the class other than a constructor or
    /// `__del__` (`close`, `__exit__`, `unlink`, `rollback`,
    /// `_child_finished`, ...) sets either edge's attribute to `None`,
    /// deletes it, or takes items out of a container reached through it
    /// (`self.context.frames.pop()`). Code that never calls that method
    /// still keeps the cycle.
    pub BackReferenceCycle {
        code: "MEM101",
        name: "back-reference-cycle",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for BackReferenceCycle {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtFunctionDef(def) = node else {
            return;
        };
        if cx.index().scope(cx.scope()).kind != ScopeKind::Class {
            return;
        }
        let Some(facts) = MethodFacts::of(cx.index(), cx.scope(), def) else {
            return;
        };
        if facts.self_into.is_empty() {
            return;
        }
        let Some(stmt) = cx.statements().last().copied() else {
            return;
        };
        let Some(Stmt::ClassDef(class)) = cx.enclosing_definition(stmt) else {
            return;
        };
        for cycle in facts.strong_back_references(cx.index(), class) {
            // The class breaks the cycle itself when its use ends.
            if class_clears_link(class, &[cycle.back.attr, cycle.forward.attr]) {
                continue;
            }
            cx.report(diagnostic(cx, &cycle, facts.self_name, class.name.as_str()));
        }
    }
}

fn diagnostic(
    cx: &Context<'_>,
    cycle: &BackReference<'_>,
    self_name: &str,
    class: &str,
) -> Diagnostic {
    let back = cycle.back.describe(cx);
    let forward = cycle.forward.describe(cx);
    let (message, help) = match cycle.pattern {
        BackReferencePattern::OwnerChild => {
            let child = cycle.back.holder.id.as_str();
            (
                format!(
                    "`{back}` points back at the `{class}` that holds `{child}`: the two keep each other alive"
                ),
                format!(
                    "hold the back edge weakly: `{child}.{} = weakref.proxy({self_name})` (or `weakref.ref`, or a property over a weakref)",
                    cycle.back.attr
                ),
            )
        }
        BackReferencePattern::ChildParent => {
            let parent = cx.slice(cycle.back.value);
            (
                format!(
                    "`{back}` points back at `{parent}`, which holds this `{class}`: the two keep each other alive"
                ),
                format!(
                    "hold the back edge weakly: `{self_name}.{} = weakref.proxy({parent})` (or `weakref.ref`, or a property over a weakref)",
                    cycle.back.attr
                ),
            )
        }
    };
    Diagnostic::new(&BackReferenceCycle::META, message, cycle.back.stmt.range())
        .with_help(help)
        .with_secondary(
            cycle.forward.stmt.range(),
            format!("`{forward}` is the forward edge"),
        )
}
