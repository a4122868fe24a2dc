//! MEM102: two names in one scope are assigned to each other's attributes.

use std::collections::HashMap;

use memwise_core::facts_self::{
    AttributeStore, StoreForm, attribute_stores, binding_of, for_each_scope_statement,
    record_weak_bindings, self_parameter,
};
use memwise_core::semantic::BindingId;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, ScopeId, ScopeKind, declare_rule};
use ruff_python_ast::{AnyNodeRef, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for two distinct plain names assigned to each other's
    /// attributes in one scope: `a.x = b` and later `b.y = a`. The finding is
    /// on the second assignment, the one that closes the loop. A value held
    /// through `weakref.ref(...)` or `weakref.proxy(...)` (directly, or through
    /// a name bound to one) does not count, and neither does a name rebound
    /// in between.
    ///
    /// Inside a method, a pair that involves `self` is left to
    /// `back-reference-cycle` (MEM101).
    ///
    /// ## Why is this bad?
    /// Objects that reference each other never reach a reference count of
    /// zero: CPython frees them only when the cyclic garbage collector runs,
    /// so they, and everything they hold, stay in memory for an unpredictable
    /// time after their last use (and forever with `gc.disable()`).
    ///
    /// ## Example
    /// ```python
    /// class Node:
    ///     pass
    ///
    ///
    /// a = Node()
    /// b = Node()
    /// a.neighbor = b
    /// b.neighbor = a
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import weakref
    ///
    ///
    /// class Node:
    ///     pass
    ///
    ///
    /// a = Node()
    /// b = Node()
    /// a.neighbor = b
    /// b.neighbor = weakref.proxy(a)
    /// ```
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM102`). On code it
    /// was never tuned on, 6 of its 7 findings read were false alarms:
    /// linked lists and heaps whose cycles are the data structure, classes
    /// with `__slots__` that cannot be weakly referenced, and unlinking
    /// statements. Select it to audit for cycles that delay freeing.
    ///
    /// A cycle is often the point of a data structure (a doubly linked list);
    /// the finding then says where memory waits for the collector, and
    /// `# noqa: MEM102` records that it is meant. More links between the
    /// same two objects make no new cycle: each pair is reported once, at the
    /// statement that first closes the cycle.
    pub MutualReferenceCycle {
        code: "MEM102",
        name: "mutual-reference-cycle",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for MutualReferenceCycle {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[
            NodeKind::ModModule,
            NodeKind::StmtFunctionDef,
            NodeKind::StmtClassDef,
        ]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let index = cx.index();
        let (scope, body, self_name) = match node {
            AnyNodeRef::ModModule(module) => (ScopeId::MODULE, &module.body, None),
            AnyNodeRef::StmtClassDef(class) => {
                let Some(scope) = index.definition_scope(class.range) else {
                    return;
                };
                (scope, &class.body, None)
            }
            AnyNodeRef::StmtFunctionDef(def) => {
                let Some(scope) = index.definition_scope(def.range) else {
                    return;
                };
                let self_name = (index.scope(cx.scope()).kind == ScopeKind::Class)
                    .then(|| self_parameter(index, cx.scope(), def))
                    .flatten()
                    .map(ruff_python_ast::Identifier::as_str);
                (scope, &def.body, self_name)
            }
            _ => return,
        };
        let mut weak: Vec<BindingId> = Vec::new();
        let mut stores = Vec::new();
        // (holder, value) → the first `holder.attr = value`.
        let mut seen: HashMap<(BindingId, BindingId), AttributeStore<'a>> = HashMap::new();
        let mut closing: Vec<(AttributeStore<'a>, AttributeStore<'a>)> = Vec::new();
        let mut cycles: Vec<(BindingId, BindingId)> = Vec::new();
        for_each_scope_statement(body, &mut |stmt: &'a Stmt| {
            record_weak_bindings(index, scope, stmt, &mut weak);
            stores.clear();
            attribute_stores(stmt, &mut stores);
            for store in &stores {
                if store.form != StoreForm::Attribute {
                    continue;
                }
                let Some(value) = store.value_name() else {
                    continue;
                };
                if value.id == store.holder.id
                    || self_name.is_some_and(|s| value.id == s || store.holder.id == s)
                {
                    continue;
                }
                let (Some(holder), Some(value)) = (
                    binding_of(index, scope, store.holder),
                    binding_of(index, scope, value),
                ) else {
                    continue;
                };
                if weak.contains(&holder) || weak.contains(&value) {
                    continue;
                }
                if let Some(first) = seen.get(&(value, holder)) {
                    // One finding per cycle (the first statement that closes
                    // it) and per closing statement: more links between the
                    // same two objects do not make another cycle.
                    if !cycles.contains(&(holder, value))
                        && !closing
                            .iter()
                            .any(|(_, c)| std::ptr::eq(c.stmt, store.stmt))
                    {
                        cycles.push((holder, value));
                        cycles.push((value, holder));
                        closing.push((*first, *store));
                    }
                }
                seen.entry((holder, value)).or_insert(*store);
            }
        });
        for (first, second) in closing {
            let a = first.holder.id.as_str();
            let b = second.holder.id.as_str();
            let message = format!(
                "`{}` closes a reference cycle: `{a}` and `{b}` point at each other and keep each other alive",
                second.describe(cx)
            );
            let help = format!(
                "make one direction a weakref: `{b}.{} = weakref.proxy({a})` (or `weakref.ref({a})`)",
                second.attr
            );
            cx.report(
                Diagnostic::new(&MutualReferenceCycle::META, message, second.stmt.range())
                    .with_help(help)
                    .with_secondary(
                        first.stmt.range(),
                        format!("`{}` points the other way", first.describe(cx)),
                    ),
            );
        }
    }
}
