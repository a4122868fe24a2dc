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
    /// Syntax that the target version lacks but a newer Python accepts
    /// (`type X = ...` or `def f[T]()` before 3.12, `except*` and `x[*a]`
    /// before 3.11, a nested f-string reusing its quotes before 3.12,
    /// `except A, B:` before 3.14, so also Python 2's `except E, e:`) is
    /// reported here too, as CPython of the target version reports it: the
    /// message names the version that added it. Such a file is still checked
    /// by every other rule, since memwise reads the syntax of every version;
    /// its fixes wait until the target version (`target-version`, or
    /// `requires-python` in `pyproject.toml`) says the file may use it.
    ///
    /// Code nested deeper than 3,000 levels (brackets, f-strings and
    /// indented blocks counted before parsing; operators and chains while
    /// walking) is reported here as well and the file's rules are skipped:
    /// CPython refuses far less.
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
        severity: memwise_core::Severity::Error,
    }
}

/// MEM000 for syntax newer than the file's target version (a `type`
/// statement under `py310`). The file parses, so the rules ran on it and
/// their fixes apply: the finding says the file will not run on the oldest
/// Python it claims, not that memwise could not read it.
pub static UNSUPPORTED_SYNTAX: memwise_core::RuleMeta = SyntaxError::META;

// The engine reports every parse error itself; there is nothing to walk.
rule_without_node_checks!(SyntaxError);
