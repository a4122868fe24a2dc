//! What a method stores on `self` and what it stores `self` into, read in one
//! scan of the method's body: the shared fact behind the reference-cycle
//! rules (MEM101 back-reference-cycle, MEM103 finalizer-in-cycle), plus the
//! attribute-store shapes and the weakref test that MEM102 reads per scope.

use ruff_python_ast::{self as ast, ExceptHandler, Expr, Stmt};
use ruff_text_size::Ranged;

use crate::context::Context;
use crate::python::{COLLECTION_CLASSES, IMPLICIT_CLASS_METHODS};
use crate::semantic::{BindingId, BindingKind, ScopeId, SemanticIndex};

/// Calls whose result holds its argument weakly.
pub const WEAKREF_WRAPPERS: &[&str] = &["weakref.ref", "weakref.proxy"];

/// Containers that hold their items (`WeakSet`) or values
/// (`WeakValueDictionary`) weakly.
pub const WEAK_CONTAINERS: &[&str] = &["weakref.WeakSet", "weakref.WeakValueDictionary"];

/// How a value is put into an attribute of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreForm {
    /// `o.a = v` (also annotated).
    Attribute,
    /// `o.a[k] = v`.
    Subscript,
    /// `o.a.append(v)`.
    Append,
    /// `o.a.add(v)`.
    Add,
    /// `o.a.insert(i, v)`.
    Insert,
}

/// One statement that puts `value` into attribute `attr` of the object
/// named `holder`, directly or into the container that attribute holds.
#[derive(Debug, Clone, Copy)]
pub struct AttributeStore<'a> {
    /// The plain name whose attribute receives the value (`o` of `o.a = v`).
    pub holder: &'a ast::ExprName,
    /// The attribute (`a` of `o.a = v`).
    pub attr: &'a str,
    /// How the value is put there.
    pub form: StoreForm,
    /// The stored value.
    pub value: &'a Expr,
    /// The statement that stores it.
    pub stmt: &'a Stmt,
}

impl AttributeStore<'_> {
    /// The stored value when it is a plain name.
    pub fn value_name(&self) -> Option<&ast::ExprName> {
        self.value.as_name_expr()
    }

    /// How the store reads, briefly, for messages: `self.children.append(child)`.
    pub fn describe(&self, cx: &Context<'_>) -> String {
        let holder = self.holder.id.as_str();
        let attr = self.attr;
        let value = cx.slice(self.value);
        match self.form {
            StoreForm::Attribute => format!("{holder}.{attr} = {value}"),
            StoreForm::Subscript => format!("{holder}.{attr}[...] = {value}"),
            StoreForm::Append => format!("{holder}.{attr}.append({value})"),
            StoreForm::Add => format!("{holder}.{attr}.add({value})"),
            StoreForm::Insert => format!("{holder}.{attr}.insert(..., {value})"),
        }
    }
}

/// Every store of `stmt` with the shapes of [`StoreForm`]: each target of a
/// chained assignment counts; anything else (tuple targets, other calls)
/// stores nothing here.
pub fn attribute_stores<'a>(stmt: &'a Stmt, out: &mut Vec<AttributeStore<'a>>) {
    let mut push_target = |target: &'a Expr, value: &'a Expr| {
        let (object, form) = match target {
            Expr::Attribute(attribute) => (attribute, StoreForm::Attribute),
            Expr::Subscript(subscript) => match &*subscript.value {
                Expr::Attribute(attribute) => (attribute, StoreForm::Subscript),
                _ => return,
            },
            _ => return,
        };
        if let Expr::Name(holder) = &*object.value {
            out.push(AttributeStore {
                holder,
                attr: object.attr.as_str(),
                form,
                value,
                stmt,
            });
        }
    };
    match stmt {
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                push_target(target, &assign.value);
            }
        }
        Stmt::AnnAssign(assign) => {
            if let Some(value) = &assign.value {
                push_target(&assign.target, value);
            }
        }
        Stmt::Expr(ast::StmtExpr { value, .. }) => {
            let Expr::Call(call) = &**value else {
                return;
            };
            let Expr::Attribute(method) = &*call.func else {
                return;
            };
            let Expr::Attribute(container) = &*method.value else {
                return;
            };
            let Expr::Name(holder) = &*container.value else {
                return;
            };
            let args = &call.arguments;
            if !args.keywords.is_empty() || args.args.iter().any(Expr::is_starred_expr) {
                return;
            }
            let (form, value) = match (method.attr.as_str(), &*args.args) {
                ("append", [value]) => (StoreForm::Append, value),
                ("add", [value]) => (StoreForm::Add, value),
                ("insert", [_, value]) => (StoreForm::Insert, value),
                _ => return,
            };
            out.push(AttributeStore {
                holder,
                attr: container.attr.as_str(),
                form,
                value,
                stmt,
            });
        }
        _ => {}
    }
}

/// The values of the plain assignments `name = value` among `body`'s
/// statements in its own scope ([`for_each_scope_statement`]), in order.
pub fn assigned_values<'a>(body: &'a [Stmt], name: &str) -> Vec<&'a Expr> {
    let mut values = Vec::new();
    for_each_scope_statement(body, &mut |stmt| {
        if let Stmt::Assign(assign) = stmt
            && assign
                .targets
                .iter()
                .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == name))
        {
            values.push(&*assign.value);
        }
    });
    values
}

/// Calls `f` on every statement of `body` that runs in the body's own scope:
/// into `if`, loops, `with`, `try` and `match`, but not into nested `def`s
/// and classes, whose code runs at another time and with other names.
pub fn for_each_scope_statement<'a>(body: &'a [Stmt], f: &mut impl FnMut(&'a Stmt)) {
    for stmt in body {
        f(stmt);
        match stmt {
            Stmt::If(if_stmt) => {
                for_each_scope_statement(&if_stmt.body, f);
                for clause in &if_stmt.elif_else_clauses {
                    for_each_scope_statement(&clause.body, f);
                }
            }
            Stmt::For(for_stmt) => {
                for_each_scope_statement(&for_stmt.body, f);
                for_each_scope_statement(&for_stmt.orelse, f);
            }
            Stmt::While(while_stmt) => {
                for_each_scope_statement(&while_stmt.body, f);
                for_each_scope_statement(&while_stmt.orelse, f);
            }
            Stmt::With(with) => for_each_scope_statement(&with.body, f),
            Stmt::Try(try_stmt) => {
                for_each_scope_statement(&try_stmt.body, f);
                for handler in &try_stmt.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    for_each_scope_statement(&handler.body, f);
                }
                for_each_scope_statement(&try_stmt.orelse, f);
                for_each_scope_statement(&try_stmt.finalbody, f);
            }
            Stmt::Match(match_stmt) => {
                for case in &match_stmt.cases {
                    for_each_scope_statement(&case.body, f);
                }
            }
            _ => {}
        }
    }
}

/// The binding a plain name refers to where it is written, from `scope`.
pub fn binding_of(
    index: &SemanticIndex,
    scope: ScopeId,
    name: &ast::ExprName,
) -> Option<BindingId> {
    index.resolve_name(scope, name.id.as_str(), name.range.start())
}

/// Records the bindings `stmt` makes with `n = weakref.ref(...)` or
/// `n = weakref.proxy(...)` in `scope`: a name bound so holds its object
/// weakly.
pub fn record_weak_bindings(
    index: &SemanticIndex,
    scope: ScopeId,
    stmt: &Stmt,
    weak: &mut Vec<BindingId>,
) {
    let Stmt::Assign(assign) = stmt else {
        return;
    };
    let Expr::Call(call) = &*assign.value else {
        return;
    };
    if index
        .resolves_to(scope, &call.func, WEAKREF_WRAPPERS)
        .is_none()
    {
        return;
    }
    for target in &assign.targets {
        if let Expr::Name(name) = target {
            weak.extend(index.resolve_name(scope, name.id.as_str(), stmt.end()));
        }
    }
}

/// The first parameter of `def`, the instance, when `def` is an instance
/// method of the class whose scope is `class_scope` (`def` must be written
/// directly in that class body): not `@staticmethod`/`@classmethod`, not an
/// implicit class method such as `__new__`.
pub fn self_parameter<'a>(
    index: &SemanticIndex,
    class_scope: ScopeId,
    def: &'a ast::StmtFunctionDef,
) -> Option<&'a ast::Identifier> {
    if IMPLICIT_CLASS_METHODS.contains(&def.name.as_str()) {
        return None;
    }
    let static_or_class = def.decorator_list.iter().any(|d| {
        index
            .resolves_to(
                class_scope,
                &d.expression,
                &["builtins.staticmethod", "builtins.classmethod"],
            )
            .is_some()
    });
    if static_or_class {
        return None;
    }
    let parameters = &def.parameters;
    parameters
        .posonlyargs
        .first()
        .or_else(|| parameters.args.first())
        .map(|p| &p.parameter.name)
}

/// What one method stores on `self` and what it stores `self` into.
#[derive(Debug)]
pub struct MethodFacts<'a> {
    /// The method.
    pub def: &'a ast::StmtFunctionDef,
    /// The method's own scope.
    pub scope: ScopeId,
    /// The name the method gives the instance (its first parameter).
    pub self_name: &'a str,
    /// Values stored into attributes of `self`: `self.a = v`,
    /// `self.a.append(v)`, `self.a[k] = v`, ... (`v` may be `self` itself).
    pub on_self: Vec<AttributeStore<'a>>,
    /// `self` stored into an attribute of another name: `p.a = self`,
    /// `p.a.append(self)`, `p.a[k] = self`, ...
    pub self_into: Vec<AttributeStore<'a>>,
    /// Bindings made from `weakref.ref(...)`/`weakref.proxy(...)` in the method.
    weak: Vec<BindingId>,
}

/// Which shape of back reference closes a cycle (the two patterns of MEM101).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackReferencePattern {
    /// `self` holds `x` and `x.attr = self` points back: self is the owner.
    OwnerChild,
    /// `self.attr = p` and `p` holds `self`: self is the child.
    ChildParent,
}

/// A cycle between `self` and one other object, made within one method.
#[derive(Debug, Clone, Copy)]
pub struct BackReference<'a> {
    /// Which pattern.
    pub pattern: BackReferencePattern,
    /// The store that makes the owner hold the child.
    pub forward: AttributeStore<'a>,
    /// The back edge, from child to owner: the statement a finding anchors at.
    pub back: AttributeStore<'a>,
}

impl<'a> MethodFacts<'a> {
    /// Scans `def`, a method of the class whose scope is `class_scope`.
    /// `None` when it is not an instance method.
    pub fn of(
        index: &SemanticIndex,
        class_scope: ScopeId,
        def: &'a ast::StmtFunctionDef,
    ) -> Option<Self> {
        let self_name = self_parameter(index, class_scope, def)?.as_str();
        let scope = index.definition_scope(def.range)?;
        let mut stores = Vec::new();
        let mut weak = Vec::new();
        for_each_scope_statement(&def.body, &mut |stmt| {
            attribute_stores(stmt, &mut stores);
            record_weak_bindings(index, scope, stmt, &mut weak);
        });
        let (on_self, others): (Vec<_>, Vec<_>) =
            stores.into_iter().partition(|s| s.holder.id == self_name);
        let self_into = others
            .into_iter()
            .filter(|s| s.value_name().is_some_and(|v| v.id == self_name))
            .collect();
        Some(Self {
            def,
            scope,
            self_name,
            on_self,
            self_into,
            weak,
        })
    }

    /// The instance methods of `class` (written directly in its body), scanned.
    pub fn of_class(
        index: &SemanticIndex,
        class: &'a ast::StmtClassDef,
    ) -> impl Iterator<Item = Self> {
        let class_scope = index.definition_scope(class.range);
        class
            .body
            .iter()
            .filter_map(Stmt::as_function_def_stmt)
            .filter_map(move |def| Self::of(index, class_scope?, def))
    }

    /// Whether `value` is `self`.
    pub fn is_self(&self, value: &Expr) -> bool {
        value.as_name_expr().is_some_and(|n| n.id == self.self_name)
    }

    /// The binding of a plain, strongly held name (`None` for `self`, for a
    /// name bound from a weakref, and for anything that is not a plain name).
    fn strong_binding(&self, index: &SemanticIndex, value: &Expr) -> Option<BindingId> {
        let name = value.as_name_expr()?;
        if name.id == self.self_name {
            return None;
        }
        let binding = binding_of(index, self.scope, name)?;
        (!self.weak.contains(&binding)).then_some(binding)
    }

    /// The MEM101 cycles of this method. Pattern A: `self` holds `x` (any
    /// store form) and `x.attr = self`. Pattern B: `self.attr = p` and `p`
    /// holds `self` in a container. When both edges are plain attribute
    /// assignments the cycle is reported once, as pattern A.
    pub fn back_references(&self, index: &SemanticIndex) -> Vec<BackReference<'a>> {
        let mut found = Vec::new();
        // Pattern A: anchored at each `x.attr = self`.
        for back in self
            .self_into
            .iter()
            .filter(|s| s.form == StoreForm::Attribute)
        {
            let Some(child) = binding_of(index, self.scope, back.holder) else {
                continue;
            };
            if self.weak.contains(&child) {
                continue;
            }
            if let Some(forward) = self
                .on_self
                .iter()
                .find(|s| self.strong_binding(index, s.value) == Some(child))
            {
                found.push(BackReference {
                    pattern: BackReferencePattern::OwnerChild,
                    forward: *forward,
                    back: *back,
                });
            }
        }
        // Pattern B: anchored at each `self.attr = p` whose `p` holds `self`
        // in a container (plain `p.a = self` was reported as pattern A).
        for back in self
            .on_self
            .iter()
            .filter(|s| s.form == StoreForm::Attribute)
        {
            let Some(parent) = self.strong_binding(index, back.value) else {
                continue;
            };
            if let Some(forward) = self.self_into.iter().find(|s| {
                s.form != StoreForm::Attribute
                    && binding_of(index, self.scope, s.holder) == Some(parent)
            }) {
                found.push(BackReference {
                    pattern: BackReferencePattern::ChildParent,
                    forward: *forward,
                    back: *back,
                });
            }
        }
        found.sort_by_key(|r| r.back.stmt.start());
        found
    }

    /// [`MethodFacts::back_references`] less those whose forward edge goes
    /// into a container of `self` that holds items weakly (`self.a =
    /// weakref.WeakSet()` in one of `class`'s methods, or `a =
    /// weakref.WeakSet()` in its body). The class is read only when a
    /// cycle goes through a container.
    pub fn strong_back_references(
        &self,
        index: &SemanticIndex,
        class: &'a ast::StmtClassDef,
    ) -> Vec<BackReference<'a>> {
        let mut cycles = self.back_references(index);
        let through_container = |c: &BackReference<'_>| {
            c.pattern == BackReferencePattern::OwnerChild && c.forward.form != StoreForm::Attribute
        };
        if cycles.iter().any(through_container) {
            let weak = weak_container_attributes(index, class);
            cycles.retain(|c| !(through_container(c) && weak.contains(&c.forward.attr)));
        }
        cycles
    }

    /// Stores that put `self` into its own attributes: `self.x = self`,
    /// `self.a.append(self)`.
    pub fn self_on_self(&self) -> impl Iterator<Item = &AttributeStore<'a>> {
        self.on_self.iter().filter(|s| self.is_self(s.value))
    }

    /// [`Self::self_on_self`] less the stores that make no cycle through
    /// the instance: into a container that holds items weakly, or into a
    /// container bound only in `class`'s body (`_all = []` there, then
    /// `self._all.append(self)`): the class holds that one, a registry
    /// (MEM105's), not the instance.
    pub fn strong_self_on_self(
        &self,
        index: &SemanticIndex,
        class: &'a ast::StmtClassDef,
    ) -> Vec<&AttributeStore<'a>> {
        let stores: Vec<_> = self.self_on_self().collect();
        if stores.iter().all(|s| s.form == StoreForm::Attribute) {
            return stores;
        }
        let weak = weak_container_attributes(index, class);
        let per_instance: Vec<&str> = MethodFacts::of_class(index, class)
            .flat_map(|facts| {
                facts
                    .on_self
                    .iter()
                    .filter(|s| s.form == StoreForm::Attribute)
                    .map(|s| s.attr)
                    .collect::<Vec<_>>()
            })
            .collect();
        let class_level = |attr: &str| {
            !per_instance.contains(&attr)
                && class.body.iter().any(|stmt| match stmt {
                    Stmt::Assign(a) => a
                        .targets
                        .iter()
                        .any(|t| t.as_name_expr().is_some_and(|n| n.id.as_str() == attr)),
                    Stmt::AnnAssign(a) => a
                        .target
                        .as_name_expr()
                        .is_some_and(|n| n.id.as_str() == attr && a.value.is_some()),
                    _ => false,
                })
        };
        stores
            .into_iter()
            .filter(|s| {
                s.form == StoreForm::Attribute || !(weak.contains(&s.attr) || class_level(s.attr))
            })
            .collect()
    }

    /// Stores that put a bound method of `self` on `self` (`self.cb =
    /// self.on_event`), for the method names `is_method` accepts.
    pub fn bound_methods_on_self<'s>(
        &'s self,
        is_method: impl Fn(&str) -> bool + 's,
    ) -> impl Iterator<Item = &'s AttributeStore<'a>> + 's {
        self.on_self.iter().filter(move |s| {
            s.value
                .as_attribute_expr()
                .is_some_and(|a| self.is_self(&a.value) && is_method(a.attr.as_str()))
        })
    }
}

/// The attributes of `class`'s instances that hold a weak container
/// ([`WEAK_CONTAINERS`]): assigned one in a method (`self.a =
/// weakref.WeakSet()`) or in the class body (`a = weakref.WeakSet()`).
pub fn weak_container_attributes<'a>(
    index: &SemanticIndex,
    class: &'a ast::StmtClassDef,
) -> Vec<&'a str> {
    let Some(class_scope) = index.definition_scope(class.range) else {
        return Vec::new();
    };
    let is_weak = |scope: ScopeId, value: &Expr| {
        value.as_call_expr().is_some_and(|call| {
            index
                .resolves_to(scope, &call.func, WEAK_CONTAINERS)
                .is_some()
        })
    };
    // Annotated or not: `_instances: WeakSet[T] = WeakSet()` is as weak.
    let mut weak: Vec<&str> = class
        .body
        .iter()
        .flat_map(|stmt| match stmt {
            Stmt::Assign(assign) if is_weak(class_scope, &assign.value) => {
                assign.targets.iter().collect()
            }
            Stmt::AnnAssign(assign)
                if assign
                    .value
                    .as_deref()
                    .is_some_and(|v| is_weak(class_scope, v)) =>
            {
                vec![&*assign.target]
            }
            _ => Vec::new(),
        })
        .filter_map(Expr::as_name_expr)
        .map(|name| name.id.as_str())
        .collect();
    for facts in MethodFacts::of_class(index, class) {
        weak.extend(
            facts
                .on_self
                .iter()
                .filter(|s| s.form == StoreForm::Attribute && is_weak(facts.scope, s.value))
                .map(|s| s.attr),
        );
    }
    weak
}

/// The instance methods defined in `class`'s body whose bound methods are
/// callables: plain or otherwise decorated `def`s, but not static or class
/// methods and not properties (`self.p` of a property is its value). Nor is
/// a decorated `def` that the class's methods also assign through the
/// instance (`self.sf = sf`): a method would be shadowed by that, so its
/// decorator made a settable attribute (a descriptor with `__set__`, as
/// PsychoPy's `attributeSetter`), and `self.sf` reads its value.
pub fn bound_method_names<'a>(index: &SemanticIndex, class: &'a ast::StmtClassDef) -> Vec<&'a str> {
    let Some(class_scope) = index.definition_scope(class.range) else {
        return Vec::new();
    };
    class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .filter(|def| {
            self_parameter(index, class_scope, def).is_some()
                && !def.decorator_list.iter().any(|d| {
                    let expression = &d.expression;
                    index
                        .resolves_to(
                            class_scope,
                            expression,
                            &["builtins.property", "functools.cached_property"],
                        )
                        .is_some()
                        || matches!(expression, Expr::Attribute(a)
                            if matches!(a.attr.as_str(), "setter" | "getter" | "deleter"))
                })
                && (def.decorator_list.is_empty()
                    || !assigned_through_self(class, def.name.as_str()))
        })
        .map(|def| def.name.as_str())
        .collect()
}

/// Whether a method of `class` assigns `<self>.attr` (its first parameter's
/// attribute).
fn assigned_through_self(class: &ast::StmtClassDef, attr: &str) -> bool {
    class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .any(|def| {
            first_parameter_name(def).is_some_and(|me| {
                crate::find::body_contains(&def.body, |expr| {
                    matches!(expr, Expr::Attribute(a)
                        if a.ctx.is_store()
                            && a.attr.as_str() == attr
                            && matches!(&*a.value, Expr::Name(n) if n.id.as_str() == me))
                })
            })
        })
}

/// The method and class in which `name` is the instance: `name` must refer
/// to the first parameter of an instance method written directly in a class
/// body (from a nested function or lambda too, as a closure does).
pub fn method_of_self<'a>(
    cx: &Context<'a>,
    name: &ast::ExprName,
) -> Option<(&'a ast::StmtFunctionDef, &'a ast::StmtClassDef)> {
    let index = cx.index();
    let binding = index.binding(binding_of(index, cx.scope(), name)?);
    if binding.kind != BindingKind::Parameter {
        return None;
    }
    let statements = cx.statements();
    statements.windows(2).rev().find_map(|pair| {
        let (Stmt::ClassDef(class), Stmt::FunctionDef(def)) = (pair[0], pair[1]) else {
            return None;
        };
        let class_scope = index.definition_scope(class.range)?;
        let parameter = self_parameter(index, class_scope, def)?;
        (parameter.range == binding.range).then_some((def, class))
    })
}

/// For `self.attr` read in a method (`self` its first parameter): the
/// attribute, the name `self` goes by, and the class of the method.
pub fn self_attribute<'a>(
    cx: &Context<'a>,
    expr: &'a Expr,
) -> Option<(
    &'a ast::ExprAttribute,
    &'a ast::ExprName,
    &'a ast::StmtClassDef,
)> {
    let Expr::Attribute(attribute) = expr else {
        return None;
    };
    let name = attribute.value.as_name_expr()?;
    let (_, class) = method_of_self(cx, name)?;
    Some((attribute, name, class))
}

/// The methods of `class` that do what `does` says of a method, themselves
/// or through another such method they call on `self` (`self.flush()`,
/// which resets the buffer): what a call of one of them does to the
/// instance. A class has a bounded number of methods, so this ends.
pub fn methods_that(
    class: &ast::StmtClassDef,
    does: impl Fn(&ast::StmtFunctionDef) -> bool,
) -> Vec<&str> {
    let methods: Vec<&ast::StmtFunctionDef> = class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .collect();
    let mut found: Vec<&str> = methods
        .iter()
        .filter(|def| does(def))
        .map(|def| def.name.as_str())
        .collect();
    loop {
        let before = found.len();
        for def in &methods {
            let name = def.name.as_str();
            if !found.contains(&name)
                && first_parameter_name(def)
                    .is_some_and(|me| calls_self_method(&def.body, me, &found))
            {
                found.push(name);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// `roots` and the private methods of `class` (`_name`, not dunder) that
/// only they reach: called on `self` from one of them, themselves or
/// through another such method, and not named on `self` anywhere else in
/// the class. Code outside the class does not call a private method, so
/// such a helper runs only where its roots run (mpire's
/// `_set_signal_handlers`, called from the worker's `run`).
pub fn private_helpers_of<'a>(class: &'a ast::StmtClassDef, roots: &[&'a str]) -> Vec<&'a str> {
    let methods: Vec<&ast::StmtFunctionDef> = class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .collect();
    let mut found: Vec<&str> = roots.to_vec();
    loop {
        let before = found.len();
        for candidate in &methods {
            let name = candidate.name.as_str();
            if found.contains(&name) || !name.starts_with('_') || name.ends_with("__") {
                continue;
            }
            let mut called = false;
            let mut elsewhere = false;
            for def in &methods {
                let Some(me) = first_parameter_name(def) else {
                    continue;
                };
                if found.contains(&def.name.as_str()) {
                    called |= calls_self_method(&def.body, me, &[name]);
                } else {
                    elsewhere |= names_self_attribute(&def.body, me, name);
                }
            }
            if called && !elsewhere {
                found.push(name);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether `body` names `<self_name>.<attr>` (called, stored or passed on).
fn names_self_attribute(body: &[Stmt], self_name: &str, attr: &str) -> bool {
    crate::find::body_contains(body, |expr| {
        matches!(expr, Expr::Attribute(a)
            if a.attr.as_str() == attr
                && matches!(&*a.value, Expr::Name(n) if n.id.as_str() == self_name))
    })
}

/// Whether the methods of `class` bind `self.<attr>` in `__init__` and
/// nowhere else (its own `self`, any statement form, nested blocks but not
/// nested definitions): the attribute keeps one value for the instance's
/// life, so a store keyed by it replaces one entry instead of adding one.
pub fn bound_only_in_init(class: &ast::StmtClassDef, attr: &str) -> bool {
    let mut in_init = false;
    for def in class.body.iter().filter_map(Stmt::as_function_def_stmt) {
        let Some(me) = first_parameter_name(def) else {
            continue;
        };
        let mut stores = Vec::new();
        let mut changed = false;
        for_each_scope_statement(&def.body, &mut |stmt| {
            attribute_stores(stmt, &mut stores);
            changed |= matches!(stmt, Stmt::AugAssign(aug) if matches!(&*aug.target,
                Expr::Attribute(a) if a.attr.as_str() == attr));
        });
        if changed
            || stores.iter().any(|s| {
                s.form == StoreForm::Attribute && s.attr == attr && s.holder.id.as_str() == me
            })
        {
            if def.name.as_str() != "__init__" {
                return false;
            }
            in_init = true;
        }
    }
    in_init
}

/// Whether every value a class binds to its instances' attribute `attr`
/// (stored on the instance in its methods, or declared in its body: an
/// annotation, a value, a dataclass or attrs field's `default_factory` or
/// `factory`) is an object of a class that is not a collection
/// ([`COLLECTION_CLASSES`]): `self.tasks = TaskManager()`, `tasks:
/// tm.TaskManager = field(default_factory=tm.TaskManager)`. `None` does
/// not count either way; anything else (a literal, `set()`, a call of a
/// function) says it may be a collection.
pub fn holds_object_of_class(class: &ast::StmtClassDef, attr: &str) -> bool {
    fn names_class(expr: &Expr) -> bool {
        let last = match expr {
            Expr::Name(name) => name.id.as_str(),
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            _ => return false,
        };
        crate::python::is_class_name(last) && !COLLECTION_CLASSES.contains(&last)
    }
    fn annotation(expr: &Expr) -> Option<bool> {
        match expr {
            Expr::NoneLiteral(_) => None,
            Expr::BinOp(ast::ExprBinOp {
                left,
                op: ast::Operator::BitOr,
                right,
                ..
            }) => match (annotation(left), annotation(right)) {
                (Some(l), Some(r)) => Some(l && r),
                (one, None) | (None, one) => one,
            },
            Expr::Subscript(subscript) => {
                let base = &*subscript.value;
                let wrapper = match base {
                    Expr::Name(n) => n.id.as_str(),
                    Expr::Attribute(a) => a.attr.as_str(),
                    _ => "",
                };
                match wrapper {
                    "Optional" | "ClassVar" | "Final" => annotation(&subscript.slice),
                    "Annotated" | "Union" => Some(false),
                    _ => Some(names_class(base)),
                }
            }
            other => Some(names_class(other)),
        }
    }
    fn value(expr: &Expr) -> Option<bool> {
        match expr {
            Expr::NoneLiteral(_) => None,
            Expr::Call(call) => {
                let field = match &*call.func {
                    Expr::Name(n) => matches!(n.id.as_str(), "field" | "ib"),
                    Expr::Attribute(a) => matches!(a.attr.as_str(), "field" | "ib"),
                    _ => false,
                };
                if field {
                    let factory = call
                        .arguments
                        .find_keyword("default_factory")
                        .or_else(|| call.arguments.find_keyword("factory"));
                    return Some(factory.is_some_and(|k| names_class(&k.value)));
                }
                Some(names_class(&call.func))
            }
            _ => Some(false),
        }
    }
    let mut verdicts: Vec<bool> = Vec::new();
    let is_attr = |target: &Expr| matches!(target, Expr::Name(n) if n.id.as_str() == attr);
    for stmt in &class.body {
        match stmt {
            Stmt::AnnAssign(assign) if is_attr(&assign.target) => {
                verdicts.extend(annotation(&assign.annotation));
                verdicts.extend(assign.value.as_deref().and_then(value));
            }
            Stmt::Assign(assign) if assign.targets.iter().any(is_attr) => {
                verdicts.extend(value(&assign.value));
            }
            Stmt::FunctionDef(def) => {
                let Some(me) = first_parameter_name(def) else {
                    continue;
                };
                let mut stores = Vec::new();
                for_each_scope_statement(&def.body, &mut |stmt| {
                    attribute_stores(stmt, &mut stores);
                });
                for store in stores.iter().filter(|s| {
                    s.form == StoreForm::Attribute && s.attr == attr && s.holder.id.as_str() == me
                }) {
                    if let Stmt::AnnAssign(assign) = store.stmt {
                        verdicts.extend(annotation(&assign.annotation));
                    }
                    verdicts.extend(value(store.value));
                }
            }
            _ => {}
        }
    }
    !verdicts.is_empty() && verdicts.iter().all(|v| *v)
}

/// The name of a method's first parameter, the instance in an instance
/// method (`self` by convention, not by rule).
pub fn first_parameter_name(def: &ast::StmtFunctionDef) -> Option<&str> {
    def.parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .next()
        .map(|p| p.parameter.name.as_str())
}

/// Whether `expr` is a call `<self_name>.<m>(...)` of one of `methods`.
pub fn is_self_method_call(expr: &Expr, self_name: &str, methods: &[&str]) -> bool {
    matches!(expr, Expr::Call(call)
        if matches!(&*call.func, Expr::Attribute(method)
            if matches!(&*method.value, Expr::Name(n) if n.id.as_str() == self_name)
                && methods.contains(&method.attr.as_str())))
}

/// Whether `body` calls `<self_name>.<m>(...)` for one of `methods`.
pub fn calls_self_method(body: &[Stmt], self_name: &str, methods: &[&str]) -> bool {
    !methods.is_empty()
        && crate::find::body_contains(body, |expr| is_self_method_call(expr, self_name, methods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_facts(source: &str, check: impl Fn(&SemanticIndex, Vec<MethodFacts<'_>>)) {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let index = SemanticIndex::build(parsed.syntax());
        let class = parsed
            .syntax()
            .body
            .iter()
            .find_map(Stmt::as_class_def_stmt)
            .expect("a class");
        check(&index, MethodFacts::of_class(&index, class).collect());
    }

    #[test]
    fn definition_scope_skips_scopes_in_the_header() {
        let source = "\
class A:
    @decorate(lambda: 0)
    def f(self, key=lambda: [x for x in ()]):
        return [y for y in ()]
";
        let parsed = ruff_python_parser::parse_module(source).expect("valid");
        let index = SemanticIndex::build(parsed.syntax());
        let class = parsed.syntax().body[0].as_class_def_stmt().expect("class");
        let def = class.body[0].as_function_def_stmt().expect("def");
        let class_scope = index.definition_scope(class.range).expect("class scope");
        let def_scope = index.definition_scope(def.range).expect("def scope");
        assert_eq!(index.scope(class_scope).name.as_deref(), Some("A"));
        assert_eq!(index.scope(def_scope).name.as_deref(), Some("f"));
        assert_eq!(index.scope(def_scope).parent, Some(class_scope));
    }

    #[test]
    fn stores_on_and_into_self() {
        let source = "\
import weakref

class A:
    def m(this, x, p):
        this.a = x
        this.b.append(x)
        this.c[1] = x
        this.d.insert(0, x)
        p.owner = this
        p.items.add(this)
        this.me = this
        this.cb = this.m
        this.w = weakref.ref(x)
        if x:
            x.parent = this

    @staticmethod
    def s(self, x):
        self.a = x
";
        class_facts(source, |index, methods| {
            assert_eq!(methods.len(), 1);
            let facts = &methods[0];
            assert_eq!(facts.self_name, "this");
            let forms: Vec<_> = facts.on_self.iter().map(|s| s.form).collect();
            assert_eq!(
                forms,
                vec![
                    StoreForm::Attribute,
                    StoreForm::Append,
                    StoreForm::Subscript,
                    StoreForm::Insert,
                    StoreForm::Attribute,
                    StoreForm::Attribute,
                    StoreForm::Attribute,
                ]
            );
            assert_eq!(facts.self_into.len(), 3);
            assert_eq!(facts.self_on_self().count(), 1);
            assert_eq!(facts.bound_methods_on_self(|m| m == "m").count(), 1);
            let cycles = facts.back_references(index);
            // `x.parent = this` closes a cycle with the stores of `x`; `p`
            // holds `this` but is not held by it.
            assert_eq!(cycles.len(), 1);
            assert_eq!(cycles[0].pattern, BackReferencePattern::OwnerChild);
        });
    }

    #[test]
    fn weak_names_break_the_cycle() {
        let source = "\
from weakref import proxy

class A:
    def m(self, parent):
        parent = proxy(parent)
        self.parent = parent
        parent.children.append(self)

    def n(self, parent):
        self.parent = parent
        parent.children.append(self)
";
        class_facts(source, |index, methods| {
            assert!(methods[0].back_references(index).is_empty());
            let cycles = methods[1].back_references(index);
            assert_eq!(cycles.len(), 1);
            assert_eq!(cycles[0].pattern, BackReferencePattern::ChildParent);
        });
    }
}
