//! Finding a file's containers: the empty `dict`, `list`, `set`,
//! `defaultdict`, `OrderedDict`, `deque` and weak collections bound to a
//! name in a module or class body.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};

use super::{Container, ContainerFacts, ContainerKind, Touch, TouchKind};
use crate::python::is_main_guard;
use crate::semantic::{BindingId, ScopeId, SemanticIndex};

pub(super) struct Collector<'i> {
    pub(super) index: &'i SemanticIndex,
    pub(super) facts: ContainerFacts,
    pub(super) by_binding: HashMap<BindingId, usize>,
    pub(super) by_class: HashMap<(ScopeId, Name), usize>,
    /// Class name range start → class scope, to follow `Cls._reg`.
    pub(super) class_by_name: HashMap<TextSize, ScopeId>,
    /// Names of all containers: a cheap filter before resolving.
    pub(super) names: HashSet<Name>,
}

impl Collector<'_> {
    pub(super) fn collect(
        &mut self,
        body: &[Stmt],
        scope: ScopeId,
        class: Option<&Name>,
        class_scopes: &HashMap<TextSize, ScopeId>,
    ) {
        for stmt in body {
            match stmt {
                Stmt::Assign(_) | Stmt::AnnAssign(_) => {
                    if let Some((target, value)) = creation_parts(stmt.into()) {
                        self.container(scope, class, stmt, target, value);
                    }
                }
                Stmt::ClassDef(def) => {
                    if let Some(class_scope) = class_scopes.get(&stmt.start()).copied() {
                        self.class_by_name.insert(def.name.start(), class_scope);
                        self.collect(&def.body, class_scope, Some(&def.name.id), class_scopes);
                    }
                }
                // A script's `if __name__ == "__main__":` state ends with the script.
                Stmt::If(if_stmt) if !is_main_guard(&if_stmt.test) => {
                    self.collect(&if_stmt.body, scope, class, class_scopes);
                    for clause in &if_stmt.elif_else_clauses {
                        self.collect(&clause.body, scope, class, class_scopes);
                    }
                }
                Stmt::Try(try_stmt) => {
                    self.collect(&try_stmt.body, scope, class, class_scopes);
                    for handler in &try_stmt.handlers {
                        let ast::ExceptHandler::ExceptHandler(handler) = handler;
                        self.collect(&handler.body, scope, class, class_scopes);
                    }
                    self.collect(&try_stmt.orelse, scope, class, class_scopes);
                    self.collect(&try_stmt.finalbody, scope, class, class_scopes);
                }
                _ => {}
            }
        }
    }

    fn container(
        &mut self,
        scope: ScopeId,
        class: Option<&Name>,
        stmt: &Stmt,
        target: &ast::ExprName,
        value: &Expr,
    ) {
        // `__all__` and other dunders are module protocol, not caches.
        if target.id.starts_with("__") {
            return;
        }
        let Some(kind) = container_kind(self.index, scope, value) else {
            return;
        };
        let bindings = self.index.scope(scope).bindings_of(&target.id);
        let Some(binding) = bindings
            .iter()
            .copied()
            .find(|b| self.index.binding(*b).range == target.range)
        else {
            return;
        };
        let id = self.facts.containers.len();
        let mut touches = Vec::new();
        // Any other binding of the name in the same scope (a second module
        // assignment, `global c; c = {}` in a function) may reset it.
        if bindings.len() > 1 {
            touches.push(Touch {
                kind: TouchKind::Rebind,
                range: target.range,
                statement: stmt.range(),
                through_self: false,
                in_function: false,
                function: None,
                at_definition_time: false,
                key_parameters: 0,
                key_checked: false,
            });
        }
        self.facts.containers.push(Container {
            name: target.id.clone(),
            class: class.cloned(),
            kind,
            creation: stmt.range(),
            touches,
            through_class: false,
        });
        self.names.insert(target.id.clone());
        if class.is_some() {
            self.by_class.insert((scope, target.id.clone()), id);
        } else {
            self.by_binding.insert(binding, id);
        }
    }
}

/// The name and value of an assignment that can create a container: a
/// lone name bound by `=` or by an annotated assignment with a value.
fn creation_parts(node: AnyNodeRef<'_>) -> Option<(&ast::ExprName, &Expr)> {
    match node {
        AnyNodeRef::StmtAssign(assign) => match assign.targets.as_slice() {
            [Expr::Name(target)] => Some((target, &assign.value)),
            _ => None,
        },
        AnyNodeRef::StmtAnnAssign(assign) => match (&*assign.target, &assign.value) {
            (Expr::Name(target), Some(value)) => Some((target, value)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the statement `node` in `scope` could be a container's creation
/// in [`ContainerFacts`]: the same tests on the statement alone, without
/// building the facts (a walk of the whole module) to find out.
pub fn may_create_container(index: &SemanticIndex, scope: ScopeId, node: AnyNodeRef<'_>) -> bool {
    creation_parts(node).is_some_and(|(target, value)| {
        !target.id.starts_with("__") && container_kind(index, scope, value).is_some()
    })
}

/// What `value` builds, if it is an empty container we track.
fn container_kind(index: &SemanticIndex, scope: ScopeId, value: &Expr) -> Option<ContainerKind> {
    match value {
        Expr::Dict(dict) if dict.is_empty() => Some(ContainerKind::Dict),
        Expr::List(list) if list.elts.is_empty() => Some(ContainerKind::List),
        Expr::Call(call) => {
            let name = index.resolves_to(
                scope,
                &call.func,
                &[
                    "builtins.dict",
                    "builtins.list",
                    "builtins.set",
                    "collections.defaultdict",
                    "collections.OrderedDict",
                    "collections.deque",
                    "weakref.WeakSet",
                    "weakref.WeakValueDictionary",
                    "weakref.WeakKeyDictionary",
                ],
            )?;
            let arguments = &call.arguments;
            // `deque([])`, `set(())`: built from an empty literal, as empty
            // as `deque()`.
            let empty = arguments.keywords.is_empty()
                && match &*arguments.args {
                    [] => true,
                    [only] => is_empty_display(only),
                    _ => false,
                };
            match name {
                "builtins.dict" if empty => Some(ContainerKind::Dict),
                "builtins.list" if empty => Some(ContainerKind::List),
                "builtins.set" if empty => Some(ContainerKind::Set),
                "collections.defaultdict" if arguments.args.len() <= 1 => {
                    Some(ContainerKind::DefaultDict)
                }
                "collections.OrderedDict" if empty => Some(ContainerKind::OrderedDict),
                "collections.deque" => {
                    let bounded = arguments
                        .find_keyword("maxlen")
                        .is_some_and(|k| !k.value.is_none_literal_expr())
                        || arguments
                            .args
                            .get(1)
                            .is_some_and(|a| !a.is_none_literal_expr());
                    if bounded {
                        Some(ContainerKind::BoundedDeque)
                    } else if arguments.args.first().is_none_or(is_empty_display) {
                        Some(ContainerKind::Deque)
                    } else {
                        None
                    }
                }
                "weakref.WeakSet" | "weakref.WeakValueDictionary" | "weakref.WeakKeyDictionary" => {
                    Some(ContainerKind::Weak)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `[]`, `()`, `{}`: a display with nothing in it.
fn is_empty_display(expr: &Expr) -> bool {
    match expr {
        Expr::List(list) => list.elts.is_empty(),
        Expr::Tuple(tuple) => tuple.elts.is_empty(),
        Expr::Dict(dict) => dict.is_empty(),
        _ => false,
    }
}
