//! MEM306: a function that builds and returns a list whose every caller, in
//! every checked file, only iterates the result once.

use memwise_core::effects;
use memwise_core::facts_self::for_each_scope_statement;
use memwise_core::uses::UseKind;
use memwise_core::{
    BindingKind, Diagnostic, FixAvailability, FunctionId, Project, ProjectRule, ScopeId,
    SemanticIndex, declare_rule, rule_without_node_checks,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};

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
    /// `if __name__ == "__main__":` block, or in no package; a folder
    /// without `__init__.py` inside a package is a namespace portion of
    /// it, so its modules are a library's) that no other
    /// checked file imports and the script does not export in `__all__`
    /// (a library module with a demo block is still a library: its callers
    /// elsewhere may keep or index the list). A function needs at least one
    /// call; a
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
    /// before its loop starts. Nor does a `for` count as iterating once when
    /// it lets other code run between two items (an `await`, a `yield`, or
    /// a call that wakes another thread in its body): other tasks may change
    /// what a generator would still be reading (Home Assistant's HomeKit
    /// bridges, walked from `hass.data` while a service call awaits each
    /// one). A call whose result is bound to a name and
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

/// Whether a module-level `def` returns a list it builds: every `return`
/// returns a list comprehension or a local list that the body only
/// `append`s or `extend`s to, and nothing yields. The engine records such
/// functions in the file's summary; [`check_function`] decides from their
/// callers.
pub fn returns_built_list(index: &SemanticIndex, def: &ast::StmtFunctionDef) -> bool {
    if def.is_async || !def.decorator_list.is_empty() {
        return false;
    }
    // The `return` statements alone rule out most functions (no return, or
    // one returning anything but a name or a list comprehension) before
    // every expression of the body is walked.
    let mut returns = Vec::new();
    let mut other_returns = false;
    for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::Return(ret) = stmt {
            match ret.value.as_deref() {
                Some(Expr::ListComp(_)) => returns.push(Returned::Comprehension),
                Some(Expr::Name(name)) => returns.push(Returned::Name(name.id.as_str())),
                _ => other_returns = true,
            }
        }
    });
    if other_returns || returns.is_empty() {
        return false;
    }
    let Some(scope) = index.definition_scope(def.range) else {
        return false;
    };
    let mut scan = BodyScan {
        index,
        scope,
        lists: Vec::new(),
        methods: Vec::new(),
        failed: false,
    };
    for stmt in &def.body {
        scan.visit_stmt(stmt);
    }
    if scan.failed {
        return false;
    }
    // As a generator the body would run piece by piece, interleaved with the
    // caller's loop: only a body that computes nothing but its list may move.
    let returned_names: Vec<&str> = returns
        .iter()
        .filter_map(|r| match r {
            Returned::Name(name) => Some(*name),
            Returned::Comprehension => None,
        })
        .collect();
    let appends_to_result = |call: &ast::ExprCall| {
        matches!(call.func.as_ref(), Expr::Attribute(attribute)
            if matches!(attribute.attr.as_str(), "append" | "extend")
                && matches!(attribute.value.as_ref(), Expr::Name(n) if returned_names.contains(&n.id.as_str()))
                && call.arguments.args.iter().all(|a| effects::is_effect_free(index, scope, a)))
    };
    if !effects::body_is_effect_free(index, scope, &def.body, &appends_to_result) {
        return false;
    }
    let scope_facts = index.scope(scope);
    returns.iter().all(|returned| match returned {
        Returned::Comprehension => true,
        Returned::Name(name) => {
            let assignments = scan.lists.iter().filter(|n| *n == name).count();
            let bindings = scope_facts.bindings_of(name);
            let methods = scan.methods.iter().filter(|(n, _)| n == name).count();
            !scope_facts.declares_global(name)
                && !scope_facts.declares_nonlocal(name)
                && assignments > 0
                && bindings.len() == assignments
                && !scan
                    .methods
                    .iter()
                    .any(|(n, m)| n == name && *m != "append" && *m != "extend")
                && bindings.iter().all(|b| {
                    let binding = index.binding(*b);
                    binding.kind == BindingKind::Assignment
                        && binding
                            .uses
                            .iter()
                            .all(|u| matches!(u.kind, UseKind::Attribute | UseKind::Returned))
                        && binding
                            .uses
                            .iter()
                            .filter(|u| u.kind == UseKind::Attribute)
                            .count()
                            <= methods
                })
        }
    })
}

enum Returned<'a> {
    Comprehension,
    Name(&'a str),
}

/// The list assignments and method calls of a function body, without
/// descending into nested functions, classes or lambdas (its returns are
/// read first, by `returns_built_list`). It stops at the first `yield` or
/// `await`, which rules the function out.
struct BodyScan<'a> {
    index: &'a SemanticIndex,
    /// The function's scope, where `list` is resolved.
    scope: ScopeId,
    lists: Vec<&'a str>,
    methods: Vec<(&'a str, &'a str)>,
    failed: bool,
}

impl<'a> Visitor<'a> for BodyScan<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.failed {
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return,
            Stmt::Assign(assign) => {
                if let [Expr::Name(name)] = assign.targets.as_slice() {
                    let builds = match assign.value.as_ref() {
                        Expr::List(_) | Expr::ListComp(_) => true,
                        Expr::Call(call) => {
                            call.arguments.is_empty()
                                && call.func.is_name_expr()
                                && self
                                    .index
                                    .resolves_to(self.scope, &call.func, &["builtins.list"])
                                    .is_some()
                        }
                        _ => false,
                    };
                    if builds {
                        self.lists.push(name.id.as_str());
                    }
                }
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.failed {
            return;
        }
        match expr {
            Expr::Lambda(_) => return,
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.failed = true,
            Expr::Call(call) => {
                if let Expr::Attribute(attribute) = call.func.as_ref()
                    && let Expr::Name(receiver) = attribute.value.as_ref()
                {
                    self.methods
                        .push((receiver.id.as_str(), attribute.attr.as_str()));
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
