//! MEM000: the engine reports every parse error of a file under this code.

use memwise_core::{FixAvailability, declare_rule, rule_without_node_checks};

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
        test_code: true,
    }
}

// The engine reports every parse error itself; there is nothing to walk.
rule_without_node_checks!(SyntaxError);
