//! What an operand of a touch denotes: a container, a class, an instance,
//! a key built from the function's parameters or from bounded values.

use ruff_python_ast::comparable::ComparableExpr;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::walk::{Walker, WarnGuard};
use crate::python::is_warning_statement;
use crate::semantic::{BindingKind, ScopeId, ScopeKind, SemanticIndex};

impl Walker<'_> {
    /// The class scope whose method binds `name` as a parameter (`self`, `cls`).
    pub(super) fn class_of_parameter(&self, name: &ast::ExprName) -> Option<ScopeId> {
        let binding = self
            .c
            .index
            .resolve_name(self.scope(), &name.id, name.start())?;
        let binding = self.c.index.binding(binding);
        if binding.kind != BindingKind::Parameter {
            return None;
        }
        let parent = self.c.index.scope(binding.scope).parent?;
        (self.c.index.scope(parent).kind == ScopeKind::Class).then_some(parent)
    }

    /// Whether `name` is the `self` parameter of a method.
    pub(super) fn is_self(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if name.id == "self" && self.class_of_parameter(name).is_some())
    }

    /// The class `expr` denotes: `Cls`, `cls`, `type(self)`, `self.__class__`.
    pub(super) fn class_scope(&self, expr: &Expr) -> Option<ScopeId> {
        match expr {
            Expr::Name(name) => {
                if name.id == "cls" {
                    return self.class_of_parameter(name);
                }
                let binding = self
                    .c
                    .index
                    .resolve_name(self.scope(), &name.id, name.start())?;
                let binding = self.c.index.binding(binding);
                if binding.kind != BindingKind::ClassDef {
                    return None;
                }
                self.c.class_by_name.get(&binding.range.start()).copied()
            }
            Expr::Call(call) => {
                let [argument] = call.arguments.args.as_ref() else {
                    return None;
                };
                if !call.arguments.keywords.is_empty()
                    || self
                        .c
                        .index
                        .resolves_to(self.scope(), &call.func, &["builtins.type"])
                        .is_none()
                {
                    return None;
                }
                match argument {
                    Expr::Name(name) if name.id == "self" => self.class_of_parameter(name),
                    _ => None,
                }
            }
            Expr::Attribute(attribute) if attribute.attr.as_str() == "__class__" => {
                match &*attribute.value {
                    Expr::Name(name) if name.id == "self" => self.class_of_parameter(name),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The container `expr` refers to, whatever its context.
    pub(super) fn container_of(&self, expr: &Expr) -> Option<usize> {
        match expr {
            Expr::Name(name) => {
                if !self.c.names.contains(&name.id) {
                    return None;
                }
                let binding = self
                    .c
                    .index
                    .resolve_name(self.scope(), &name.id, name.start())?;
                self.c.by_binding.get(&binding).copied()
            }
            Expr::Attribute(attribute) => {
                if !self.c.names.contains(attribute.attr.as_str()) {
                    return None;
                }
                let class = self.class_scope(&attribute.value).or_else(|| {
                    // `self._reg` reads the class attribute unless the
                    // instance shadows it; count it only to find removals.
                    match &*attribute.value {
                        Expr::Name(name) if name.id == "self" => self.class_of_parameter(name),
                        _ => None,
                    }
                })?;
                self.c
                    .by_class
                    .get(&(class, attribute.attr.id.clone()))
                    .copied()
            }
            _ => None,
        }
    }

    /// Which parameters of the innermost `def` `expr` is built from, when
    /// it is built only from them and bounded values (`Some(0)`: from
    /// bounded values alone): a parameter, a local name bound once to such
    /// a value, a tuple, an operator, an attribute or a subscript of them.
    pub(super) fn derive(&self, expr: &Expr, depth: usize) -> Option<u64> {
        if depth > 8 {
            return None;
        }
        if self.is_bounded(expr) || self.is_per_class_key(expr) {
            return Some(0);
        }
        match expr {
            Expr::Name(name) => {
                let function = self.function()?;
                let id = self
                    .c
                    .index
                    .resolve_name(self.scope(), &name.id, name.start())?;
                let binding = self.c.index.binding(id);
                if binding.scope != function.1 {
                    return None;
                }
                if binding.kind == BindingKind::Parameter {
                    let parameters = self.parameters.last()?.as_ref()?;
                    let position = parameters.iter().position(|p| *p == name.id)?;
                    return (position < 64).then(|| 1u64 << position);
                }
                if self
                    .c
                    .index
                    .scope(binding.scope)
                    .bindings_of(&name.id)
                    .len()
                    != 1
                {
                    return None;
                }
                self.derived
                    .get(&(binding.scope, name.id.clone()))
                    .copied()
                    .flatten()
            }
            Expr::Tuple(tuple) => tuple
                .elts
                .iter()
                .try_fold(0, |mask, e| Some(mask | self.derive(e, depth + 1)?)),
            Expr::BinOp(binop) => {
                Some(self.derive(&binop.left, depth + 1)? | self.derive(&binop.right, depth + 1)?)
            }
            // An attribute of a parameter (`spec.name`) is as bounded as the
            // arguments; one of a module-level object is state that changes.
            Expr::Attribute(attribute) => self
                .derive(&attribute.value, depth + 1)
                .filter(|mask| *mask != 0),
            Expr::Subscript(subscript) => Some(
                self.derive(&subscript.value, depth + 1)?
                    | self.derive(&subscript.slice, depth + 1)?,
            ),
            _ => None,
        }
    }

    /// `x = value` or `for x in value` in a function: remembers what `x` is
    /// built from.
    pub(super) fn derive_binding(&mut self, target: &Expr, value: &Expr) {
        let Expr::Name(name) = target else {
            return;
        };
        let Some(function) = self.function().map(|f| f.1) else {
            return;
        };
        let derived = self.derive(value, 0);
        self.derived
            .entry((function, name.id.clone()))
            .and_modify(|d| *d = None)
            .or_insert(derived);
    }

    /// Whether `c.add(item)` is guarded by `if item not in c:` whose body
    /// also warns: a warn-once set.
    pub(super) fn is_warn_once(&self, container: usize, item: &Expr) -> bool {
        let item = ComparableExpr::from(item);
        self.warn_guards
            .iter()
            .any(|g| g.container == container && ComparableExpr::from(&g.item) == item)
    }

    /// `if x not in c ...:` whose body warns: the guard to push.
    pub(super) fn warn_guard(&self, if_stmt: &ast::StmtIf) -> Option<WarnGuard> {
        let tests: &[Expr] = match &*if_stmt.test {
            Expr::BoolOp(bool_op) if bool_op.op == ast::BoolOp::And => &bool_op.values,
            test => std::slice::from_ref(test),
        };
        let (container, item) = tests.iter().find_map(|test| {
            let Expr::Compare(compare) = test else {
                return None;
            };
            let ([ast::CmpOp::NotIn], [right]) = (&*compare.ops, &*compare.comparators) else {
                return None;
            };
            Some((self.container_of(right)?, (*compare.left).clone()))
        })?;
        warns(self.c.index, self.scope(), &if_stmt.body).then(|| WarnGuard {
            statement: if_stmt.range,
            container,
            item,
        })
    }

    /// Whether `expr` is a name bound by a `class` statement, at any level.
    pub(super) fn is_class(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if self
            .c
            .index
            .resolve_name(self.scope(), &name.id, name.start())
            .is_some_and(|b| self.c.index.binding(b).kind == BindingKind::ClassDef))
    }

    /// Whether `expr` is an instance: `self`, or a name bound to a fresh one.
    pub(super) fn is_instance(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => {
                self.is_self(expr)
                    || self
                        .c
                        .index
                        .resolve_name(self.scope(), &name.id, name.start())
                        .is_some_and(|b| {
                            let binding = self.c.index.binding(b);
                            self.instances.contains(&(binding.scope, name.id.clone()))
                        })
            }
            _ => false,
        }
    }

    /// A key from a bounded domain: a literal, a module-level constant, a
    /// class, a module or a function ([`crate::bounded::is_bounded_value`]).
    pub(super) fn is_bounded(&self, expr: &Expr) -> bool {
        is_constant(expr) || crate::bounded::is_bounded_value(self.c.index, self.scope(), expr)
    }

    /// A key that names a class (`cls`, `type(self)`, `Cls`): one entry per
    /// class, bounded by the program's classes.
    pub(super) fn is_per_class_key(&self, expr: &Expr) -> bool {
        self.class_scope(expr).is_some()
    }
}

/// Whether `body` emits a warning or a log record, at any depth of its
/// `if`/`with`/`try` blocks (not in nested functions).
pub(super) fn warns(index: &SemanticIndex, scope: ScopeId, body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::If(if_stmt) => {
            warns(index, scope, &if_stmt.body)
                || if_stmt
                    .elif_else_clauses
                    .iter()
                    .any(|c| warns(index, scope, &c.body))
        }
        Stmt::With(with) => warns(index, scope, &with.body),
        Stmt::Try(try_stmt) => {
            warns(index, scope, &try_stmt.body) || warns(index, scope, &try_stmt.finalbody)
        }
        _ => is_warning_statement(index, scope, stmt),
    })
}

/// A literal key or item: adding it again does not grow the container.
pub(crate) fn is_constant(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_constant),
        Expr::List(list) => list.elts.iter().all(is_constant),
        Expr::Set(set) => set.elts.iter().all(is_constant),
        _ => false,
    }
}
