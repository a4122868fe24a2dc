//! MEM103: a class with `__del__` whose own methods put its instances in a
//! reference cycle.

use memwise_core::facts_lifetime::class_clears_link;
use memwise_core::facts_self::{AttributeStore, MethodFacts, bound_method_names};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for classes that define `__del__` and whose own methods create
    /// a reference cycle through their instances: a back reference between
    /// `self` and another object (the patterns of `back-reference-cycle`,
    /// MEM101), `self` stored on itself (`self.me = self`,
    /// `self.items.append(self)`), or a bound method of `self` stored on
    /// `self` (`self.callback = self.on_event`). The finding is on the
    /// `def __del__` line.
    ///
    /// ## Why is this bad?
    /// An object in a reference cycle never reaches a reference count of
    /// zero: only the cyclic garbage collector frees it, at a time nobody
    /// controls (and never with `gc.disable()`). The cleanup in `__del__`
    /// (closing a file, a socket, a lock, a temporary directory) then runs
    /// late, in whatever thread the collector happens to run in, or not at
    /// all before the interpreter exits.
    ///
    /// ## Example
    /// ```python
    /// class Connection:
    ///     def __init__(self, sock):
    ///         self.sock = sock
    ///         self.on_close = self.close
    ///
    ///     def close(self):
    ///         self.sock.close()
    ///
    ///     def __del__(self):
    ///         self.close()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import weakref
    ///
    ///
    /// class Connection:
    ///     def __init__(self, sock):
    ///         self.sock = sock
    ///         self._finalizer = weakref.finalize(self, sock.close)
    ///
    ///     def close(self):
    ///         self._finalizer()
    /// ```
    ///
    /// ## Known problems
    /// Only the class's own methods are read: a cycle made by a base class,
    /// by a caller, or across two methods is not seen. `self` put into a
    /// container that holds items weakly (`weakref.WeakSet()`, annotated or
    /// not) makes no cycle; put into a container bound only in the class body
    /// (`_all = []`, then `self._all.append(self)`) it is held by the class,
    /// a registry that MEM105 reports, not a cycle through the instance. A
    /// link that a method of the class undoes (sets to `None`, deletes, or
    /// takes out of the container on either side, in `close`, `teardown`,
    /// `__exit__`, `_child_finished`, ...) is not reported: the class breaks
    /// the cycle itself when the object's use ends, and only an object never
    /// finished waits for the collector. Undone only in `__del__`, it never
    /// is. A decorated `def` that the class also assigns through `self`
    /// (`self.sf = sf`) is a settable attribute, not a method: its
    /// decorator made a descriptor (PsychoPy's `attributeSetter`, whose
    /// `__set__` runs the function), so `self._cycles = self.sf` stores its
    /// value and makes no cycle. A plain `def` assigned that way, or a
    /// decorated one never assigned, is still taken as a method.
    pub FinalizerInCycle {
        code: "MEM103",
        name: "finalizer-in-cycle",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for FinalizerInCycle {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtClassDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtClassDef(class) = node else {
            return;
        };
        let Some(del) = class
            .body
            .iter()
            .filter_map(Stmt::as_function_def_stmt)
            .find(|def| def.name.as_str() == "__del__")
        else {
            return;
        };
        let Some((method, store)) = cycle_evidence(cx, class) else {
            return;
        };
        let message = format!(
            "`{}` defines `__del__`, but `{}` in `{method}` puts its instances in a reference cycle, so `__del__` runs only when the cyclic collector gets to them",
            class.name,
            store.describe(cx)
        );
        cx.report(
            Diagnostic::new(&FinalizerInCycle::META, message, del.name.range)
                .with_help(
                    "clean up with `weakref.finalize(self, func, *state)` or a context manager, or break the cycle with a weakref",
                )
                .with_secondary(store.stmt.range(), "the cycle is made here"),
        );
    }
}

/// The first statement, in a method of `class`, that makes a cycle through
/// the instance, and the method's name. A link that a method of the class
/// undoes (`self.on_close = None` in `close`, `teardown`, ...) is the class
/// breaking the cycle itself once the object's use ends.
fn cycle_evidence<'a>(
    cx: &Context<'a>,
    class: &'a ast::StmtClassDef,
) -> Option<(&'a str, AttributeStore<'a>)> {
    let index = cx.index();
    let methods = bound_method_names(index, class);
    let kept = |store: &AttributeStore<'_>| !class_clears_link(class, &[store.attr]);
    MethodFacts::of_class(index, class).find_map(|facts| {
        let name = facts.def.name.as_str();
        let back = facts
            .strong_back_references(index, class)
            .iter()
            .find(|cycle| kept(&cycle.back) && kept(&cycle.forward))
            .map(|cycle| cycle.back);
        back.or_else(|| {
            facts
                .strong_self_on_self(index, class)
                .iter()
                .map(|s| **s)
                .find(|store| kept(store))
        })
        .or_else(|| {
            facts
                .bound_methods_on_self(|m| methods.contains(&m))
                .copied()
                .find(|store| kept(store))
        })
        .map(|store| (name, store))
    })
}
