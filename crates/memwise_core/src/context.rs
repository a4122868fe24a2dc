//! What a rule sees while it runs: the source, the semantic index, where the
//! walk is, and where to report.

use std::cell::OnceCell;
use std::path::Path;

use ruff_python_ast::{AnyNodeRef, Expr, Stmt, StmtClassDef};
use ruff_text_size::Ranged;

use crate::diagnostic::Diagnostic;
use crate::facts_containers::{Container, ContainerFacts, may_create_container};
use crate::python::{is_made_only_elsewhere, is_main_guard, is_quiet_code};
use crate::semantic::{QualifiedName, ScopeCursor, ScopeId, ScopeKind, SemanticIndex};
use crate::settings::RuleSettings;
use crate::summary::{BoundedCalls, DeferredFinding};

/// Per-file state handed to every rule call.
pub struct Context<'a> {
    source: &'a str,
    index: &'a SemanticIndex,
    settings: &'a RuleSettings,
    path: &'a Path,
    scopes: ScopeCursor,
    statements: Vec<&'a Stmt>,
    diagnostics: Vec<Diagnostic>,
    deferred: Vec<DeferredFinding>,
    module: &'a [Stmt],
    containers: OnceCell<ContainerFacts>,
    is_test_file: bool,
}

impl<'a> Context<'a> {
    /// A context at the top of a module. Used by the engine.
    pub fn new(
        source: &'a str,
        index: &'a SemanticIndex,
        settings: &'a RuleSettings,
        path: &'a Path,
    ) -> Self {
        Self {
            source,
            index,
            settings,
            path,
            scopes: ScopeCursor::default(),
            statements: Vec::new(),
            diagnostics: Vec::new(),
            deferred: Vec::new(),
            module: &[],
            containers: OnceCell::new(),
            is_test_file: is_quiet_code(path, settings),
        }
    }

    /// Engine: the module's statements, from which whole-file facts are
    /// computed on first use, and which a rule may read whole (MEM503).
    #[must_use]
    pub fn with_module(mut self, body: &'a [Stmt]) -> Self {
        self.module = body;
        self
    }

    /// The module's module-level and class-level containers and their
    /// touches, computed once per file on first use.
    pub fn containers(&self) -> &ContainerFacts {
        self.containers
            .get_or_init(|| ContainerFacts::build(self.module, self.index))
    }

    /// The container that the module- or class-level assignment `node`
    /// creates, if any. Statements that cannot create one are answered
    /// without building [`Context::containers`].
    pub fn container_created_by(&self, node: AnyNodeRef<'_>) -> Option<&Container> {
        let scope = self.scope();
        if !matches!(
            self.index.scope(scope).kind,
            ScopeKind::Module | ScopeKind::Class
        ) || !may_create_container(self.index, scope, node)
        {
            return None;
        }
        self.containers().created_by(node.range())
    }

    /// The module's top-level statements.
    pub fn module(&self) -> &'a [Stmt] {
        self.module
    }

    /// Whether the file is test code or a stub ([`is_quiet_code`]). The engine does not
    /// call rules that stay silent in test code on such a file.
    pub fn is_test_file(&self) -> bool {
        self.is_test_file
    }

    /// Whether the current statement is inside the body of a module-level
    /// `if __name__ == "__main__":` block (not its `else`).
    pub fn in_main_guard(&self) -> bool {
        let [first, .., current] = self.statements.as_slice() else {
            return false;
        };
        let Stmt::If(outer) = first else {
            return false;
        };
        if !is_main_guard(&outer.test) {
            return false;
        }
        outer
            .body
            .iter()
            .any(|s| s.range().contains_range(current.range()))
    }

    /// The file's text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The text of a node.
    pub fn slice(&self, ranged: impl Ranged) -> &'a str {
        &self.source[ranged.range()]
    }

    /// The file's semantic index.
    pub fn index(&self) -> &'a SemanticIndex {
        self.index
    }

    /// The settings rules read.
    pub fn settings(&self) -> &'a RuleSettings {
        self.settings
    }

    /// The path of the file as it was walked.
    pub fn path(&self) -> &'a Path {
        self.path
    }

    /// The scope the walk is in.
    pub fn scope(&self) -> ScopeId {
        self.scopes.current()
    }

    /// The statements enclosing the current node, outermost first; while a
    /// rule checks a statement, that statement is the last one.
    pub fn statements(&self) -> &[&'a Stmt] {
        &self.statements
    }

    /// Whether `loop_stmt`, one of the enclosing statements, runs a few
    /// times at most: [`crate::python::runs_few_times`], or a `for` over a
    /// local bound to a few-item display
    /// ([`crate::python::iterates_local_few_items`]).
    pub fn loop_runs_few_times(&self, loop_stmt: &Stmt) -> bool {
        if crate::python::runs_few_times(loop_stmt) {
            return true;
        }
        // The local is bound in the scope the loop is in: the innermost
        // function around it, or the module.
        let body = match self.enclosing_definition(loop_stmt) {
            Some(Stmt::FunctionDef(def)) => &def.body[..],
            Some(_) => return false,
            None => self.module(),
        };
        crate::python::iterates_local_few_items(self.index(), self.scope(), loop_stmt, body)
    }

    /// Whether the innermost `def` around the current node is compiled by
    /// Numba ([`crate::python::compiled_by_numba`]).
    pub fn in_numba_function(&self) -> bool {
        self.statements
            .iter()
            .rev()
            .find_map(|s| match s {
                Stmt::FunctionDef(def) => Some(def),
                _ => None,
            })
            .is_some_and(|def| {
                crate::python::compiled_by_numba(def, |e| {
                    self.resolves_to(e, crate::python::NUMBA_COMPILERS)
                        .is_some()
                })
            })
    }

    /// The innermost `class` statement enclosing the current node (through
    /// any `def` in between).
    pub fn enclosing_class(&self) -> Option<&'a StmtClassDef> {
        self.statements.iter().rev().find_map(|s| match s {
            Stmt::ClassDef(class) => Some(class),
            _ => None,
        })
    }

    /// Whether one of `class`'s bases resolves, from the current scope, to
    /// one of `candidates` (`ENUM_BASES`, `THREAD_BASES`).
    pub fn derives_from(&self, class: &StmtClassDef, candidates: &[&str]) -> bool {
        class
            .bases()
            .iter()
            .any(|base| self.resolves_to(base, candidates).is_some())
    }

    /// The body of the scope the current statement runs in: the innermost
    /// `def` or `class` around it (not the statement itself, when it is
    /// one), or the module.
    pub fn scope_body(&self) -> &'a [Stmt] {
        self.statements
            .iter()
            .rev()
            .skip(1)
            .find_map(|s| match s {
                Stmt::FunctionDef(def) => Some(&def.body[..]),
                Stmt::ClassDef(class) => Some(&class.body[..]),
                _ => None,
            })
            .unwrap_or(self.module())
    }

    /// The innermost enclosing `def` or `class` statement, not counting `stmt`
    /// itself: the node that owns the scope `stmt` is in.
    pub fn enclosing_definition(&self, stmt: &Stmt) -> Option<&'a Stmt> {
        self.statements
            .iter()
            .rev()
            .filter(|s| !std::ptr::eq(**s, stmt))
            .find(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
            .copied()
    }

    /// The qualified name `expr` refers to from the current scope.
    pub fn qualified_name(&self, expr: &Expr) -> Option<QualifiedName> {
        self.index.qualified_name(self.scope(), expr)
    }

    /// Which of `candidates` `expr` refers to from the current scope.
    #[inline]
    pub fn resolves_to<'c>(&self, expr: &Expr, candidates: &[&'c str]) -> Option<&'c str> {
        self.index.resolves_to(self.scope(), expr, candidates)
    }

    /// Reports a finding.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports a finding unless every call of the functions in
    /// `conditions`, in every checked file, passes bounded keys: the
    /// whole-project pass decides (see [`BoundedCalls::holds`]). Without
    /// conditions the finding stands, but is still reported by that pass,
    /// so that all of a rule's findings take one path (fixes, noqa).
    pub fn report_unless_bounded_calls(
        &mut self,
        diagnostic: Diagnostic,
        conditions: Vec<BoundedCalls>,
    ) {
        self.deferred.push(DeferredFinding {
            diagnostic,
            conditions,
            made_once: None,
            reached: None,
        });
    }

    /// Reports a finding about every instance of `class` (a handler or a
    /// cache that pins each one). A class its module leaves to others to
    /// make ([`is_made_only_elsewhere`]) may be made once per process there
    /// (kuyruk's `python -m kuyruk worker` making the one `Worker`): the
    /// finding then waits for the whole-project pass, which drops it if
    /// the class is made so everywhere (see [`DeferredFinding::made_once`]).
    pub fn report_unless_made_once(&mut self, diagnostic: Diagnostic, class: &StmtClassDef) {
        if !is_made_only_elsewhere(self.module(), class) {
            self.report(diagnostic);
            return;
        }
        self.deferred.push(DeferredFinding {
            diagnostic,
            conditions: Vec::new(),
            made_once: Some(class.name.as_str().into()),
            reached: None,
        });
    }

    /// Reports a finding about the container `attribute` of the
    /// module-level class `class` unless another checked file reaches it
    /// through the class (`Class.attribute`), or, for a class its module
    /// leaves to others to make, unless they make it only where a process
    /// runs once (one instance shares with no other): the whole-project
    /// pass decides (see [`DeferredFinding::reached`] and
    /// [`DeferredFinding::made_once`]).
    pub fn report_unless_reached_through_class(
        &mut self,
        diagnostic: Diagnostic,
        class: &StmtClassDef,
        attribute: &str,
    ) {
        let name = class.name.as_str();
        let made_once = is_made_only_elsewhere(self.module(), class).then(|| name.into());
        self.deferred.push(DeferredFinding {
            diagnostic,
            conditions: Vec::new(),
            made_once,
            reached: Some(format!("{name}.{attribute}").into()),
        });
    }

    /// Engine: the findings left to the whole-project pass.
    pub fn take_deferred(&mut self) -> Vec<DeferredFinding> {
        std::mem::take(&mut self.deferred)
    }

    /// Engine: entering a statement.
    pub fn push_statement(&mut self, stmt: &'a Stmt) {
        self.statements.push(stmt);
    }

    /// Engine: leaving a statement.
    pub fn pop_statement(&mut self) {
        self.statements.pop();
    }

    /// Engine: entering the next scope in traversal order.
    pub fn push_scope(&mut self) {
        self.scopes.push();
    }

    /// Engine: leaving the current scope.
    pub fn pop_scope(&mut self) {
        self.scopes.pop(self.index);
    }

    /// Engine: the findings reported so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
