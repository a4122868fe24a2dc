//! The walk of the module that records every touch of a container: adds,
//! removals, rebinding, lookups, `len` bounds and escapes.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::collect::Collector;
use super::operands::is_constant;
use super::{ContainerKind, Touch, TouchKind};
use crate::python::{
    CONTAINER_ADD_METHODS, CONTAINER_REMOVE_METHODS, is_empty_container, key_checked_in_other,
    statement_path,
};
use crate::semantic::{ScopeCursor, ScopeId, ScopeKind};
use crate::traverse::Hooks;

/// Builtins that read a container without keeping or changing it.
const READING_BUILTINS: &[&str] = &[
    "builtins.len",
    "builtins.list",
    "builtins.tuple",
    "builtins.sorted",
    "builtins.set",
    "builtins.frozenset",
    "builtins.iter",
    "builtins.reversed",
    "builtins.enumerate",
    "builtins.any",
    "builtins.all",
    "builtins.sum",
    "builtins.min",
    "builtins.max",
    "builtins.bool",
    "builtins.repr",
    "builtins.str",
    "builtins.print",
    "builtins.isinstance",
    "builtins.zip",
];

pub(super) struct Walker<'i> {
    pub(super) c: Collector<'i>,
    /// The module's statements: what guards an add.
    pub(super) module: &'i [Stmt],
    pub(super) cursor: ScopeCursor,
    pub(super) kinds: Vec<(ScopeKind, ScopeId, bool)>,
    pub(super) statements: Vec<TextRange>,
    /// `if not x:` / `if x is None:` statements around the walk: their
    /// bodies fill something once.
    pub(super) fill_once: Vec<TextRange>,
    /// Container references already explained by their parent node.
    pub(super) classified: HashSet<TextRange>,
    /// Names bound in a function to a fresh instance (`super().__new__(cls)`, `cls(...)`).
    pub(super) instances: HashSet<(ScopeId, Name)>,
    /// For each entry of `kinds`: the named parameters of a `def`.
    pub(super) parameters: Vec<Option<Vec<Name>>>,
    /// Local names bound once to a value built from the function's
    /// parameters and bounded values (see [`Walker::derive`]): which ones.
    pub(super) derived: HashMap<(ScopeId, Name), Option<u64>>,
    /// `if x not in c:` statements around the walk whose body warns.
    pub(super) warn_guards: Vec<WarnGuard>,
    /// Whether the container reference explained last was written
    /// `self.c`: the touch recorded for it is marked so (see
    /// [`Touch::through_self`]).
    pub(super) operand_through_self: bool,
}

/// `if x not in c: <warn>; c.add(x)`: the statement, the container and `x`.
pub(super) struct WarnGuard {
    pub(super) statement: TextRange,
    pub(super) container: usize,
    pub(super) item: Expr,
}
impl Walker<'_> {
    pub(super) fn scope(&self) -> ScopeId {
        self.cursor.current()
    }

    pub(super) fn in_function(&self) -> bool {
        self.kinds
            .iter()
            .any(|k| matches!(k.0, ScopeKind::Function | ScopeKind::Lambda))
    }

    pub(super) fn function(&self) -> Option<&(ScopeKind, ScopeId, bool)> {
        self.kinds
            .iter()
            .rev()
            .find(|k| matches!(k.0, ScopeKind::Function | ScopeKind::Lambda))
    }

    pub(super) fn via_self(expr: &Expr) -> bool {
        matches!(expr, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id == "self"))
    }

    pub(super) fn touch(&mut self, container: usize, kind: TouchKind, range: TextRange) {
        let function = self.function();
        let through_self = self.operand_through_self;
        let kind = match kind {
            TouchKind::Add { varying, instance } if through_self => {
                TouchKind::AddThroughSelf { varying, instance }
            }
            other => other,
        };
        let touch = Touch {
            kind,
            range,
            statement: self.statements.last().copied().unwrap_or(range),
            through_self,
            in_function: self.in_function(),
            function: function.map(|f| f.1),
            at_definition_time: function.is_some_and(|f| f.2) || !self.fill_once.is_empty(),
            key_parameters: 0,
            key_checked: false,
        };
        if let Some(c) = self.c.facts.containers.get_mut(container) {
            c.touches.push(touch);
        }
    }

    /// A varying add whose key or item is `key`: records which parameters
    /// of the enclosing `def` it is built from.
    pub(super) fn touch_add(
        &mut self,
        container: usize,
        key: &Expr,
        instance: bool,
        range: TextRange,
    ) {
        let parameters = self
            .derive(key, 0)
            .filter(|_| self.parameters.last().is_some_and(Option::is_some))
            .unwrap_or(0);
        self.touch(
            container,
            TouchKind::Add {
                varying: true,
                instance,
            },
            range,
        );
        let key_checked = self.key_checked(container, key, range);
        if let Some(touch) = self.c.facts.containers[container].touches.last_mut() {
            touch.key_parameters = parameters;
            touch.key_checked = key_checked;
        }
    }

    /// Whether the add at `range`, in a function, is reached only after its
    /// key was checked to be in a collection other than `container`
    /// ([`key_checked_in_other`]).
    fn key_checked(&self, container: usize, key: &Expr, range: TextRange) -> bool {
        let Some(&(_, function, _)) = self.function() else {
            return false;
        };
        let def = self.c.index.scope(function).range;
        let path = statement_path(self.module, range);
        let Some(from) = path.iter().position(|&(block, i)| block[i].range() == def) else {
            return false;
        };
        key_checked_in_other(&path, from, key, |other| {
            self.container_of(other) == Some(container)
        })
    }

    /// Notes how the reference `expr` to `container` is written: through
    /// `self` (for the touch recorded next) or through the class.
    pub(super) fn note_operand(&mut self, container: usize, expr: &Expr) {
        self.operand_through_self = Self::via_self(expr);
        if !self.operand_through_self
            && expr.is_attribute_expr()
            && let Some(c) = self.c.facts.containers.get_mut(container)
        {
            c.through_class = true;
        }
    }

    /// Marks `expr` as explained when it is a container reference.
    pub(super) fn classify(&mut self, expr: &Expr) -> Option<usize> {
        let container = self.container_of(expr)?;
        self.classified.insert(expr.range());
        self.note_operand(container, expr);
        Some(container)
    }

    pub(super) fn add_with_key(
        &mut self,
        container: usize,
        key: &Expr,
        value: Option<&Expr>,
        range: TextRange,
    ) {
        let per_class = self.is_per_class_key(key);
        // A class stored under any key: a registry of the program's classes,
        // or a class factory's memo (one class per key, kept so that the
        // instances pickle and compare by class, as MEM202 leaves it).
        let class_value = value.is_some_and(|v| self.is_per_class_key(v) || self.is_class(v));
        let varying = self.derive(key, 0) != Some(0) && !per_class && !class_value;
        let instance = !per_class && value.is_some_and(|v| self.is_instance(v));
        if varying {
            self.touch_add(container, key, instance, range);
        } else {
            self.touch(container, TouchKind::Add { varying, instance }, range);
        }
    }

    pub(super) fn method_call(&mut self, call: &ast::ExprCall) {
        let Expr::Attribute(attribute) = &*call.func else {
            return;
        };
        let Some(container) = self.classify(&attribute.value) else {
            return;
        };
        let method = attribute.attr.as_str();
        let args = &call.arguments.args;
        if CONTAINER_REMOVE_METHODS.contains(&method) {
            self.touch(container, TouchKind::Remove, call.range());
            return;
        }
        if method == "get" {
            self.touch(container, TouchKind::Lookup, call.range());
            return;
        }
        if !CONTAINER_ADD_METHODS.contains(&method) {
            return;
        }
        match method {
            "setdefault" => {
                // A get-or-create (`lock = c.setdefault(k, Lock())`) reads
                // back what the key holds, as `c.get(k)` does, so its
                // lookup is recorded at the method's own range, apart from
                // the add. Grouping (`c.setdefault(k, []).append(v)`) and a
                // statement that only fills (`c.setdefault(k, 0)`) read
                // nothing back: their lookup is the add's own.
                let reads_back = args.get(1).is_some_and(|d| !is_empty_container(d))
                    && self.statements.last() != Some(&call.range());
                let lookup = if reads_back {
                    attribute.range()
                } else {
                    call.range()
                };
                self.touch(container, TouchKind::Lookup, lookup);
                if let Some(key) = args.first() {
                    self.add_with_key(container, key, args.get(1), call.range());
                }
            }
            "add" => {
                if let Some(item) = args.first() {
                    let varying =
                        self.derive(item, 0) != Some(0) && !self.is_warn_once(container, item);
                    let instance = self.is_instance(item);
                    if varying {
                        self.touch_add(container, item, instance, call.range());
                    } else {
                        self.touch(
                            container,
                            TouchKind::Add { varying, instance },
                            call.range(),
                        );
                    }
                }
            }
            "update" => {
                let constant = call.arguments.args.iter().all(|a| match a {
                    Expr::Dict(dict) => dict
                        .iter()
                        .all(|item| item.key.as_ref().is_some_and(is_constant)),
                    Expr::Set(_) | Expr::List(_) | Expr::Tuple(_) => is_constant(a),
                    _ => false,
                }) && call.arguments.keywords.iter().all(|k| k.arg.is_some());
                self.touch(
                    container,
                    TouchKind::Add {
                        varying: !constant,
                        instance: false,
                    },
                    call.range(),
                );
            }
            _ => {
                // List-like adds grow the container whatever the item is.
                let item = if method == "insert" {
                    args.get(1)
                } else {
                    args.first()
                };
                let instance = matches!(method, "append" | "appendleft" | "insert")
                    && item.is_some_and(|i| self.is_instance(i));
                self.touch(
                    container,
                    TouchKind::Add {
                        varying: true,
                        instance,
                    },
                    call.range(),
                );
            }
        }
    }

    pub(super) fn subscript_store(
        &mut self,
        target: &Expr,
        value: Option<&Expr>,
        range: TextRange,
    ) {
        let Expr::Subscript(subscript) = target else {
            return;
        };
        let Some(container) = self.classify(&subscript.value) else {
            return;
        };
        if matches!(&*subscript.slice, Expr::Slice(_)) {
            // `c[:] = []` replaces the contents.
            self.touch(container, TouchKind::Remove, range);
            return;
        }
        self.add_with_key(container, &subscript.slice, value, range);
    }

    pub(super) fn record_instance_name(&mut self, assign: &ast::StmtAssign) {
        let [Expr::Name(target)] = assign.targets.as_slice() else {
            return;
        };
        let Expr::Call(call) = &*assign.value else {
            return;
        };
        let fresh = match &*call.func {
            Expr::Attribute(attribute) => attribute.attr.as_str() == "__new__",
            Expr::Name(name) => name.id == "cls" && self.class_of_parameter(name).is_some(),
            _ => false,
        };
        if fresh {
            self.instances.insert((self.scope(), target.id.clone()));
        }
    }
}

impl<'a> Hooks<'a> for Walker<'_> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        self.statements.push(stmt.range());
        if let Stmt::If(if_stmt) = stmt
            && is_emptiness_test(&if_stmt.test)
        {
            self.fill_once.push(stmt.range());
        }
        if let Stmt::If(if_stmt) = stmt
            && let Some(guard) = self.warn_guard(if_stmt)
        {
            self.warn_guards.push(guard);
        }
        match stmt {
            Stmt::Assign(assign) => {
                self.record_instance_name(assign);
                if let [target] = assign.targets.as_slice() {
                    self.derive_binding(target, &assign.value);
                }
                for target in &assign.targets {
                    match target {
                        Expr::Subscript(_) => {
                            self.subscript_store(target, Some(&assign.value), stmt.range());
                        }
                        Expr::Attribute(_) => {
                            if let Some(container) = self.classify(target)
                                && !Self::via_self(target)
                            {
                                self.touch(container, TouchKind::Rebind, stmt.range());
                            }
                        }
                        _ => {}
                    }
                }
            }
            Stmt::AnnAssign(assign) if assign.value.is_some() => {
                self.subscript_store(&assign.target, assign.value.as_deref(), stmt.range());
            }
            Stmt::AugAssign(assign) => match &*assign.target {
                Expr::Subscript(subscript) => {
                    if let Some(container) = self.classify(&subscript.value) {
                        // `c[k] += 1` only creates the key on a defaultdict.
                        if self.c.facts.containers[container].kind == ContainerKind::DefaultDict {
                            self.add_with_key(container, &subscript.slice, None, stmt.range());
                        }
                    }
                }
                target @ (Expr::Name(_) | Expr::Attribute(_)) => {
                    if let Some(container) = self.classify(target)
                        && !Self::via_self(target)
                    {
                        self.touch(
                            container,
                            TouchKind::Add {
                                varying: true,
                                instance: false,
                            },
                            stmt.range(),
                        );
                    }
                }
                _ => {}
            },
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    match target {
                        Expr::Subscript(subscript) => {
                            if let Some(container) = self.classify(&subscript.value) {
                                self.touch(container, TouchKind::Remove, stmt.range());
                            }
                        }
                        other => {
                            if let Some(container) = self.classify(other) {
                                self.touch(container, TouchKind::Rebind, stmt.range());
                            }
                        }
                    }
                }
            }
            Stmt::For(for_stmt) => {
                self.classify(&for_stmt.iter);
                self.derive_binding(&for_stmt.target, &for_stmt.iter);
            }
            Stmt::If(if_stmt) => {
                self.classify(&if_stmt.test);
                for clause in &if_stmt.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.classify(test);
                    }
                }
            }
            Stmt::While(while_stmt) => {
                self.classify(&while_stmt.test);
            }
            Stmt::Assert(assert) => {
                self.classify(&assert.test);
            }
            _ => {}
        }
    }

    fn stmt_exit(&mut self, stmt: &'a Stmt) {
        self.statements.pop();
        if self.fill_once.last() == Some(&stmt.range()) {
            self.fill_once.pop();
        }
        if self
            .warn_guards
            .last()
            .is_some_and(|g| g.statement == stmt.range())
        {
            self.warn_guards.pop();
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                self.method_call(call);
                // Resolve the callee only when a container is passed.
                let passes_container = call
                    .arguments
                    .args
                    .iter()
                    .any(|a| self.container_of(a).is_some());
                if passes_container
                    && self
                        .c
                        .index
                        .resolves_to(self.scope(), &call.func, READING_BUILTINS)
                        .is_some()
                {
                    for argument in &call.arguments.args {
                        self.classify(argument);
                    }
                }
            }
            Expr::Compare(compare) => {
                for operand in std::iter::once(&*compare.left).chain(compare.comparators.iter()) {
                    if let Some(container) = self.classify(operand) {
                        self.touch(container, TouchKind::Lookup, compare.range);
                        continue;
                    }
                    if let Expr::Call(call) = operand
                        && let [argument] = call.arguments.args.as_ref()
                        && self
                            .c
                            .index
                            .resolves_to(self.scope(), &call.func, &["builtins.len"])
                            .is_some()
                        && let Some(container) = self.container_of(argument)
                    {
                        self.note_operand(container, argument);
                        self.touch(container, TouchKind::LenBound, compare.range);
                    }
                }
            }
            Expr::Subscript(subscript) => match subscript.ctx {
                ExprContext::Load => {
                    if let Some(container) = self.classify(&subscript.value) {
                        self.touch(container, TouchKind::Lookup, subscript.range);
                    }
                }
                ExprContext::Del => {
                    if let Some(container) = self.classify(&subscript.value) {
                        self.touch(container, TouchKind::Remove, subscript.range);
                    }
                }
                ExprContext::Store => {
                    if !self.classified.contains(&subscript.value.range()) {
                        let range = subscript.range;
                        self.subscript_store(expr, None, range);
                    }
                }
                ExprContext::Invalid => {}
            },
            Expr::BoolOp(bool_op) => {
                for value in &bool_op.values {
                    self.classify(value);
                }
            }
            Expr::UnaryOp(unary) => {
                // `if not c: fill(c)` fills it once.
                if let Some(container) = self.classify(&unary.operand)
                    && unary.op == ast::UnaryOp::Not
                {
                    self.touch(container, TouchKind::LenBound, unary.range);
                }
            }
            Expr::If(if_expr) => {
                self.classify(&if_expr.test);
            }
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators {
                    self.classify(&generator.iter);
                }
            }
            _ => {}
        }
        // A load nobody explained: the container escapes our view.
        let is_load = match expr {
            Expr::Name(name) => name.ctx.is_load(),
            Expr::Attribute(attribute) => attribute.ctx.is_load(),
            _ => false,
        };
        if is_load
            && !self.classified.contains(&expr.range())
            && let Some(container) = self.container_of(expr)
        {
            self.note_operand(container, expr);
            self.touch(container, TouchKind::Escape, expr.range());
        }
    }

    fn push_scope(&mut self, kind: ScopeKind, node: AnyNodeRef<'a>) {
        self.cursor.push();
        let definition_time = match node {
            AnyNodeRef::StmtFunctionDef(def) => {
                matches!(def.name.as_str(), "__init_subclass__" | "__set_name__")
                    || def.name.starts_with("register")
                    || returns_a_parameter(def)
            }
            _ => false,
        };
        self.kinds
            .push((kind, self.cursor.current(), definition_time));
        self.parameters.push(match node {
            AnyNodeRef::StmtFunctionDef(def) => Some(parameter_names(def)),
            _ => None,
        });
    }

    fn pop_scope(&mut self) {
        self.cursor.pop(self.c.index);
        self.kinds.pop();
        self.parameters.pop();
    }

    fn too_deep(&mut self, _range: TextRange) {}
}
/// `not x`, `x is None`, `len(x) == 0`: a guard that fills `x` (or a
/// related table) once.
fn is_emptiness_test(test: &Expr) -> bool {
    match test {
        Expr::UnaryOp(unary) => {
            unary.op == ast::UnaryOp::Not
                && matches!(&*unary.operand, Expr::Name(_) | Expr::Attribute(_))
        }
        Expr::Compare(compare) => {
            matches!(compare.ops.as_ref(), [ast::CmpOp::Is | ast::CmpOp::Eq])
                && compare.comparators.first().is_some_and(|c| {
                    c.is_none_literal_expr()
                        || matches!(c, Expr::NumberLiteral(n) if n.value.as_int().is_some_and(|i| i.as_u8() == Some(0)))
                })
        }
        _ => false,
    }
}

/// A `def`'s named parameters: positional ones first (positional-only
/// before the others), then keyword-only ones, as
/// [`crate::bounded::key_condition`] lists them.
fn parameter_names(def: &ast::StmtFunctionDef) -> Vec<Name> {
    let parameters = &def.parameters;
    parameters
        .posonlyargs
        .iter()
        .chain(&parameters.args)
        .chain(&parameters.kwonlyargs)
        .map(|p| p.parameter.name.id.clone())
        .collect()
}

/// A decorator returns the function or class it was given.
fn returns_a_parameter(def: &ast::StmtFunctionDef) -> bool {
    let Some(Stmt::Return(ast::StmtReturn {
        value: Some(value), ..
    })) = def.body.last()
    else {
        return false;
    };
    let Expr::Name(name) = &**value else {
        return false;
    };
    def.parameters
        .iter_non_variadic_params()
        .any(|p| p.parameter.name.id == name.id)
}
