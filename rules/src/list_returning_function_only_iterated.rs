//! MEM306: a function that builds and returns a list whose every caller, in
//! every checked file, only iterates the result once.

use memwise_core::{
    Diagnostic, FixAvailability, FunctionId, Project, ProjectRule, RuleMeta, declare_rule,
    rule_without_node_checks,
};

declare_rule! {
    /// ## What it does
    /// Checks for module-level functions that return a list they build (a
    /// list comprehension, or a local list they only `append` or `extend`
    /// to) when every call in the checked files iterates the result once:
    /// the iterable of a `for` or a comprehension, the argument of `sum`,
    /// `any`, `sorted`... (as in MEM305), or a name used only that way.
    /// A whole-project rule: calls in other checked files count.
    ///
    /// ## Why is this bad?
    /// The whole list exists at once, although every caller consumes it one
    /// item at a time. A generator (`yield`) produces the items as they are
    /// needed, so peak memory holds one item instead of all of them.
    ///
    /// Only functions that the checked files can fully see are flagged:
    /// private functions (`_name`), and functions of scripts (a file with an
    /// `if __name__ == "__main__":` block, or in no package) that no other
    /// checked file imports. A function needs at least one call; a
    /// reference that is not such a call (passed as a callback, stored,
    /// returned) keeps it silent.
    ///
    /// ## Example
    /// ```python
    /// def _squares(n):
    ///     return [i * i for i in range(n)]
    ///
    ///
    /// total = 0
    /// for square in _squares(1_000_000):
    ///     total += square
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def _squares(n):
    ///     for i in range(n):
    ///         yield i * i
    ///
    ///
    /// total = 0
    /// for square in _squares(1_000_000):
    ///     total += square
    /// ```
    ///
    /// ## Known problems
    /// A generator runs its body piece by piece, while the caller's loop
    /// runs. The rule stays silent when the function does anything besides
    /// building its list from calls known to be free of effects
    /// (`[pool.submit(f, x) for x in xs]`, a `print` or a store in the
    /// loop that appends): the caller may rely on all of it having happened
    /// before its loop starts. A call whose result is bound to a name and
    /// iterated later (`rows = _rows(); ...; for r in rows`) is still
    /// counted as iterated, although statements in between could change
    /// what the function reads.
    ///
    /// Code outside the checked files (other projects, `getattr` by name,
    /// tests not passed to memwise) may index or measure the list; a
    /// generator would break it. Check with `--project-root` to index the
    /// whole project.
    pub ListReturningFunctionOnlyIterated {
        code: "MEM306",
        name: "list-returning-function-only-iterated",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

// A whole-project rule: it runs in `check_project`, never per node.
rule_without_node_checks!(ListReturningFunctionOnlyIterated);

impl ProjectRule for ListReturningFunctionOnlyIterated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        for id in project.functions() {
            if let Some(diagnostic) = check_function(project, id) {
                report.push((id.file, diagnostic));
            }
        }
    }
}

fn check_function(project: &Project<'_>, id: FunctionId) -> Option<Diagnostic> {
    let function = project.function(id);
    let usage = &project.function_usages[id.file][id.function];
    let private = function.name.starts_with('_') && !function.name.ends_with("__");
    let script = project.files[id.file].is_script && !usage.imported_elsewhere;
    if !function.local_uses_iterate
        || usage.other_references > 0
        || function.local_calls + usage.iterated_calls == 0
        || !(private || script)
    {
        return None;
    }
    let calls = function.local_calls + usage.iterated_calls;
    let callers = if calls == 1 {
        "its only call iterates".to_owned()
    } else {
        format!("each of its {calls} calls iterates")
    };
    Some(
        Diagnostic::new(
            &ListReturningFunctionOnlyIterated::META,
            format!(
                "`{}` builds and returns a whole list, but {callers} it once",
                function.name
            ),
            function.name_range,
        )
        .with_help("make it a generator: `yield` each item instead of collecting them"),
    )
}
