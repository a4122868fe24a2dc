//! MEM000: the engine reports every parse error of a file under this code.

use memwise_core::{Context, FixAvailability, Rule, RuleMeta, declare_rule};
use ruff_python_ast::{AnyNodeRef, NodeKind};

declare_rule! {
    /// ## What it does
    /// Reports a file that does not parse, once per syntax error, at the
    /// error's range. The parser recovers after each error, so every error of
    /// the file is listed.
    ///
    /// ## Why is this bad?
    /// A file that does not parse cannot run, and memwise cannot check it:
    /// the file's other rules are skipped until the errors are fixed. This
    /// rule is always on and cannot be ignored.
    ///
    /// ## Example
    /// ```python
    /// def broken(:
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def fixed():
    ///     pass
    /// ```
    pub SyntaxError {
        code: "MEM000",
        name: "syntax-error",
        opt_in: false,
        fix: FixAvailability::None,
    }
}

impl Rule for SyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn node_kinds(&self) -> &'static [NodeKind] {
        // The engine reports parse errors itself; there is nothing to walk.
        &[]
    }

    fn check<'a>(&self, _cx: &mut Context<'a>, _node: AnyNodeRef<'a>) {}
}
