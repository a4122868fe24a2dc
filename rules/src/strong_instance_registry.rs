//! MEM105: a class or module container collects `self` and never lets go.

use memwise_core::facts_containers::TouchKind;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{AnyNodeRef, NodeKind};

declare_rule! {
    /// ## What it does
    /// Checks for a container defined in a class body or at module level
    /// (a list, dict, set, `defaultdict`, `OrderedDict` or `deque`) to which
    /// a method adds `self` (`Cls._all.append(self)`,
    /// `type(self)._reg[key] = self`, `self.__class__._reg.add(self)`,
    /// `_REGISTRY.append(self)`), or an instance fresh from `__new__`, while
    /// nothing in the module ever removes entries from it (`remove`,
    /// `discard`, `pop`, `popitem`, `clear`, `del`).
    ///
    /// ## Why is this bad?
    /// The container lives as long as the class or module, usually the whole
    /// program, and holds a strong reference to every instance ever created.
    /// None of them is ever freed, nor anything they reference. A
    /// `weakref.WeakSet` or `weakref.WeakValueDictionary` keeps the registry
    /// without keeping the instances alive.
    ///
    /// ## Example
    /// ```python
    /// class Connection:
    ///     _all = []
    ///
    ///     def __init__(self, host):
    ///         self.host = host
    ///         Connection._all.append(self)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import weakref
    ///
    ///
    /// class Connection:
    ///     _all = weakref.WeakSet()
    ///
    ///     def __init__(self, host):
    ///         self.host = host
    ///         Connection._all.add(self)
    /// ```
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM105`). On code it
    /// was never tuned on, each of its 4 findings read was a false alarm:
    /// registries filled once per definition (module-level constants,
    /// decorated functions) and memo caches, where weak references would
    /// defeat the design. Select it to audit instance registries.
    ///
    /// Entries keyed by the class itself (`cls._instances[cls] = instance`,
    /// the singleton pattern) are one per class and are not flagged. A
    /// container handed to other code (returned, passed as an argument,
    /// aliased) may be emptied there, so it is not flagged either.
    pub StrongInstanceRegistry {
        code: "MEM105",
        name: "strong-instance-registry",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for StrongInstanceRegistry {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let Some(container) = cx.container_created_by(node) else {
            return;
        };
        if !container.kind.is_strong_and_unbounded() || container.is_ever_emptied_or_unknown() {
            return;
        }
        let name = container.display();
        let diagnostics: Vec<Diagnostic> = container
            .runtime_adds()
            .filter(|t| matches!(t.kind, TouchKind::Add { instance: true, .. }))
            .map(|touch| {
                let written = first_line(cx.slice(touch.range));
                Diagnostic::new(
                    &StrongInstanceRegistry::META,
                    format!(
                        "`{written}` keeps every instance alive: nothing ever removes entries from `{name}`"
                    ),
                    touch.statement,
                )
                .with_help(format!(
                    "make `{name}` a `weakref.WeakSet()` (or `weakref.WeakValueDictionary()` for a mapping) so instances can be freed"
                ))
            })
            .collect();
        for diagnostic in diagnostics {
            cx.report(diagnostic);
        }
    }
}

/// The first line of a snippet, so a message stays on one line.
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim_end()
}
