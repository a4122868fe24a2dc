//! What a file tells the whole-project rules about other files: calls and
//! loads of imported functions (and whether they pass bounded keys),
//! whether a call's result is iterated once, and the imported private
//! names a file refers to.

use memwise_core::bounded::is_bounded_value;
use memwise_core::python::{
    helper_runs_once, in_class_body_at_import, is_class_name, is_constant_name, is_exception_name,
    runs_once_at_import,
};
use memwise_core::semantic::{BindingId, attribute_root};
use memwise_core::summary::{ARGUMENTS_UNKNOWN, FunctionRef, ImportedCall, Target};
use memwise_core::uses::{ONCE_CONSUMERS, consumed_iterable, may_consume};
use memwise_core::{BindingKind, ScopeId, ScopeKind};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::Summarizer;

impl Summarizer<'_> {
    /// A call (`call`) or another load of a name reached through a
    /// module-level import: what the project pass needs to decide whether
    /// every call of a function in another file passes bounded keys.
    pub(super) fn imported_use(
        &mut self,
        scope: ScopeId,
        callee: &Expr,
        call: Option<&ast::ExprCall>,
    ) {
        // The name through the import, as `SemanticIndex::qualified_name`
        // spells it, written into a buffer kept across calls: the import
        // is resolved once, and a name already seen allocates nothing.
        let Some(root) = attribute_root(callee) else {
            return;
        };
        // Every caller runs before the walk has counted the root's load (the
        // root is the next load it meets), so the index's record of that
        // load spares resolving the name again (1.2% of a run).
        let resolved = self
            .index
            .load_at(self.loads_seen, root.start())
            .unwrap_or_else(|| {
                self.index
                    .resolve_name(scope, root.id.as_str(), root.start())
            });
        let imported = match resolved {
            Some(binding) => match &self.index.binding(binding).kind {
                BindingKind::Import(qualified) => Some(qualified.as_str()),
                _ => return,
            },
            // An unbound name is a builtin.
            None => None,
        };
        // Whether the name is left out is decided by its first and last
        // segments, known before it is spelled: most uses are left out
        // (the standard library's modules, classes), and spelling the
        // name and looking it up was most of this function's cost. Each
        // segment is searched for only when it is needed.
        let last = match (callee, imported) {
            (Expr::Attribute(attribute), _) => attribute.attr.as_str(),
            (_, Some(imported)) => last_segment(imported),
            (_, None) => root.id.as_str(),
        };
        if is_left_out(|| imported.map_or("builtins", first_segment), last) {
            return;
        }
        // A name spelled as a class: where it is made is what matters
        // (MEM106), whether only where a process runs once or elsewhere too.
        // Through a module-level import, which the project pass resolves
        // from the summary's imports, that is kept as a bit of the class's
        // name, which costs no string; through an import in a function (and
        // for a builtin), by name, as a function's uses are.
        let class_like = is_class_name(last);
        let once = class_like
            && call.is_some_and(|call| {
                (scope == ScopeId::MODULE
                    && (runs_once_at_import(self.module, call.range())
                        || self.runs_once_in_main_block(call.range())))
                    || (in_class_body_at_import(self.index, scope)
                        && runs_once_at_import(self.module, call.range()))
                    || self.runs_once_per_process(scope, call.range())
            });
        if class_like
            && resolved.is_some_and(|binding| self.index.binding(binding).scope == ScopeId::MODULE)
        {
            let uses = self.summary.class_uses.get_or_insert_default();
            if once {
                uses.made_once.insert(last);
            } else {
                uses.used.insert(last);
            }
            return;
        }
        let mut qualified = std::mem::take(&mut self.qualified);
        qualified.clear();
        if let Some(imported) = imported {
            qualified.push_str(imported);
        } else {
            qualified.push_str("builtins.");
            qualified.push_str(root.id.as_str());
        }
        push_attributes(callee, &mut qualified);
        let position = self.imported_position(&qualified);
        self.qualified = qualified;
        let usage = &mut self.summary.imported_calls[position];
        let Some(call) = call else {
            usage.references += 1;
            return;
        };
        if class_like {
            // A call that may run many times is a use MEM106 does not
            // accept, as a reference is. The arguments are not looked at, so
            // they count as unbounded and as passed by no call, should a
            // function be named so.
            if once {
                usage.calls += 1;
            } else {
                usage.references += 1;
            }
            usage.unbounded_positions = u64::MAX;
            if usage.unbounded_keywords.is_empty() {
                usage.unbounded_keywords.push("**".into());
            }
            return;
        }
        // Which parameters every call passes (MEM205: a default that no
        // call leaves to be used), whatever the values.
        let positional = call
            .arguments
            .args
            .iter()
            .take_while(|a| !a.is_starred_expr())
            .count();
        let named = call
            .arguments
            .keywords
            .iter()
            .filter_map(|k| k.arg.as_ref().map(ast::Identifier::as_str));
        usage.note_passed(
            usage.calls == 0,
            u32::try_from(positional).unwrap_or(u32::MAX),
            named,
        );
        usage.calls += 1;
        // A call made once at import (a registration table filled by
        // module-level calls) adds a fixed number of keys, whatever it passes.
        if scope == ScopeId::MODULE && runs_once_at_import(self.module, call.range()) {
            return;
        }
        for (i, argument) in call.arguments.args.iter().enumerate() {
            if argument.is_starred_expr() {
                usage.unbounded_positions |= 1 << ARGUMENTS_UNKNOWN;
            } else if !is_bounded_value(self.index, scope, argument) {
                usage.unbounded_positions |= 1 << i.min(ARGUMENTS_UNKNOWN);
            }
        }
        for keyword in &call.arguments.keywords {
            let name = keyword.arg.as_ref().map_or("**", |a| a.as_str());
            if (keyword.arg.is_none() || !is_bounded_value(self.index, scope, &keyword.value))
                && !usage.unbounded_keywords.iter().any(|k| &**k == name)
            {
                usage.unbounded_keywords.push(name.into());
            }
        }
    }

    /// Whether code at `range`, in `scope`, runs once per process because
    /// it is in no loop of a function that a process runs once: any
    /// module-level one in a package's `__main__` module, the program
    /// `python -m` runs, whose commands each run once (kuyruk's
    /// `run_worker` making the one `Worker`); elsewhere `main` (what a
    /// console script runs), a cached function without parameters, what
    /// the module's `__main__` block calls, a click or typer command, or a
    /// Django management command's `handle` (django-q's `qcluster` making
    /// the one `Cluster`), or a private helper one of those or the module
    /// at import calls once (Aim's `_get_tracking_queue()`).
    fn runs_once_per_process(&self, scope: ScopeId, range: TextRange) -> bool {
        let scope = self.index.scope(scope);
        let module_level = scope.parent == Some(ScopeId::MODULE);
        scope.kind == ScopeKind::Function
            && ((self.main_module && module_level)
                || self.entry_functions.contains(&scope.range)
                || (module_level
                    && scope.name.as_ref().is_some_and(|n| n.starts_with('_'))
                    && self.module.iter().any(|stmt| {
                        matches!(stmt, Stmt::FunctionDef(def)
                        if def.range == scope.range
                            && helper_runs_once(
                                self.index,
                                self.module,
                                self.source,
                                &self.entry_functions,
                                def,
                            ))
                    })))
            && !self.in_loop(range)
    }

    /// Whether code at `range`, in the module scope of a package's
    /// `__main__` module, is in its `if __name__ == "__main__":` block and
    /// outside loops. There the block is what `python -m <package>` runs,
    /// once per process (mriqc's resource monitor making its one
    /// `ResourceRecorder`), not the demo a library module keeps in it.
    fn runs_once_in_main_block(&self, range: TextRange) -> bool {
        self.main_module
            && self
                .demo_and_test_code
                .iter()
                .any(|block| block.contains_range(range))
            && !self.in_loop(range)
    }

    /// Whether code at `range` runs once per pass of a loop around it (in
    /// a loop's body, not its first iterable).
    fn in_loop(&self, range: TextRange) -> bool {
        self.loops
            .iter()
            .any(|(lp, iterable, _)| lp.contains_range(range) && !iterable.contains_range(range))
    }

    /// The position in the summary's `imported_calls` of the uses of
    /// `qualified`, a name [`is_left_out`] keeps, added if new.
    fn imported_position(&mut self, qualified: &str) -> usize {
        if let Some(&position) = self.imported_positions.get(qualified) {
            return position;
        }
        let target: Box<str> = qualified.into();
        self.summary.imported_calls.push(ImportedCall {
            target: target.clone(),
            ..ImportedCall::default()
        });
        let position = self.summary.imported_calls.len() - 1;
        self.imported_positions.insert(target, position);
        position
    }

    /// Marks what iterates the results of nested calls, and records whether
    /// this call's own result is iterated once.
    pub(super) fn note_result_use(
        &mut self,
        scope: ScopeId,
        call: &ast::ExprCall,
        statement: Option<&Stmt>,
        callee: Option<BindingId>,
    ) {
        if may_consume(call, Expr::is_call_expr)
            && let Some(consumer) = self.index.resolves_to(scope, &call.func, ONCE_CONSUMERS)
            && let Some(iterable) = consumed_iterable(consumer, call)
            && iterable.is_call_expr()
        {
            self.iterated_calls.insert(iterable.range());
        }
        // Whether a call's result is iterated is read back only for imported
        // callees (`private_reference`) and module-level functions (`finish`):
        // the rest, mostly methods and builtins, need not be looked at.
        let Some(callee) = callee else {
            return;
        };
        let callee = self.index.binding(callee);
        let read_back = match callee.kind {
            BindingKind::Import(_) => true,
            BindingKind::FunctionDef => callee.scope == ScopeId::MODULE,
            _ => false,
        };
        if !read_back {
            return;
        }
        let mut iterated = self.iterated_calls.contains(&call.range());
        // `xs = f(...)` whose only use iterates it once, as MEM305 reads it.
        if !iterated
            && let Some(Stmt::Assign(ast::StmtAssign { targets, value, .. })) = statement
            && value.range() == call.range()
            && let [Expr::Name(name)] = targets.as_slice()
            && let Some(binding) = self.index.binding_at(scope, name.id.as_str(), name.range)
            // Another binding of the name may flow to the same later loads
            // (`r = f() if ... else r = g(); return r`), which the index
            // attributes to only one of them.
            && self.index.scope(scope).bindings_of(name.id.as_str()).len() == 1
        {
            let binding = self.index.binding(binding);
            iterated = matches!(binding.uses.as_slice(), [only] if only.iterates_once(self.index, binding));
        }
        if iterated {
            self.iterated_callees.insert(call.func.range());
        }
    }

    /// A load of a name or attribute: when it is an imported private name
    /// (`_helper`, `mod._helper`), whole-project MEM306 must know whether
    /// it is called and the result iterated.
    pub(super) fn private_reference(&mut self, scope: ScopeId, expr: &Expr, range: TextRange) {
        let Some(name) = attribute_root(expr) else {
            return;
        };
        let Some(binding) = self
            .index
            .resolve_name(scope, name.id.as_str(), name.start())
        else {
            return;
        };
        if !matches!(self.index.binding(binding).kind, BindingKind::Import(_)) {
            return;
        }
        let Some(qualified) = self.index.qualified_name(scope, expr) else {
            return;
        };
        if !is_private(qualified.last()) {
            return;
        }
        let iterated = self.iterated_callees.contains(&range);
        self.summary.references.push(FunctionRef {
            target: Target::Imported(qualified.as_str().into()),
            iterated,
        });
    }

    /// What a base refers to.
    pub(super) fn target(&self, scope: ScopeId, expr: &Expr) -> Option<Target> {
        let name = attribute_root(expr)?;
        let binding = self
            .index
            .resolve_name(scope, name.id.as_str(), name.start())?;
        let binding = self.index.binding(binding);
        match &binding.kind {
            BindingKind::ClassDef if binding.scope == ScopeId::MODULE && expr.is_name_expr() => {
                Some(Target::Local(name.id.as_str().into()))
            }
            BindingKind::Import(_) => {
                let qualified = self.index.qualified_name(scope, expr)?;
                Some(Target::Imported(qualified.as_str().into()))
            }
            _ => None,
        }
    }
}

/// Whether the uses of a name whose first and last segments are `first`
/// and `last` are left out of the summary's `imported_calls`. Functions
/// matter (their calls decide MEM202, MEM203 and MEM205), and classes
/// (MEM106: where instances are made), and summaries live until the end of
/// the run: names spelled as constants (`DEBUG`, `MAX_SIZE`), and names of
/// the standard library's common modules, are left out, and exception
/// classes: what raises, catches or tests for one decides no finding, and
/// they are a good part of the class names a module uses.
fn is_left_out<'a>(first: impl FnOnce() -> &'a str, last: &str) -> bool {
    is_constant_name(last) || is_exception_name(last) || is_standard_module(first())
}

/// `a` of `a.b.c`.
fn first_segment(qualified: &str) -> &str {
    let bytes = qualified.as_bytes();
    &qualified[..bytes.iter().position(|&b| b == b'.').unwrap_or(bytes.len())]
}

/// `c` of `a.b.c`.
fn last_segment(qualified: &str) -> &str {
    let bytes = qualified.as_bytes();
    &qualified[bytes.iter().rposition(|&b| b == b'.').map_or(0, |i| i + 1)..]
}

/// Appends `.attr` for each attribute of the chain `expr`, root first.
fn push_attributes(expr: &Expr, text: &mut String) {
    if let Expr::Attribute(attribute) = expr {
        push_attributes(&attribute.value, text);
        text.push('.');
        text.push_str(attribute.attr.as_str());
    }
}

/// Whether `name` is one of the modules of the standard library that code
/// imports most: calls of their functions never decide a checked file's
/// finding. A `match` compares the length first and the bytes inline;
/// searching a list of names called `memcmp` for each (0.4% of a run).
fn is_standard_module(name: &str) -> bool {
    matches!(
        name,
        "abc"
            | "asyncio"
            | "collections"
            | "contextlib"
            | "copy"
            | "dataclasses"
            | "datetime"
            | "enum"
            | "functools"
            | "inspect"
            | "io"
            | "itertools"
            | "json"
            | "logging"
            | "math"
            | "operator"
            | "os"
            | "pathlib"
            | "re"
            | "shutil"
            | "subprocess"
            | "sys"
            | "tempfile"
            | "threading"
            | "time"
            | "types"
            | "typing"
            | "typing_extensions"
            | "warnings"
            | "weakref"
    )
}

/// `_helper` but not `__dunder__`.
pub(super) fn is_private(name: &str) -> bool {
    name.starts_with('_') && !name.ends_with("__")
}
