//! Module-level and class-level containers and every way the module touches
//! them: adds (with varying or constant keys, of `self` or another
//! instance), removals, rebinding, `len` bounds, and uses we cannot follow.
//! Built once per file on first use (see [`crate::Context::containers`]);
//! MEM105 and MEM203 both read it.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::python::{
    CONTAINER_ADD_METHODS, CONTAINER_REMOVE_METHODS, is_main_guard, is_warning_statement,
};
use crate::semantic::{BindingId, BindingKind, ScopeCursor, ScopeId, ScopeKind, SemanticIndex};
use crate::traverse::{self, Hooks};
use ruff_python_ast::comparable::ComparableExpr;

/// What a container was built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// `{}` or `dict()`.
    Dict,
    /// `[]` or `list()`.
    List,
    /// `set()`.
    Set,
    /// `collections.defaultdict(...)`.
    DefaultDict,
    /// `collections.OrderedDict()`.
    OrderedDict,
    /// `collections.deque()` without `maxlen`.
    Deque,
    /// `collections.deque(maxlen=N)`: evicts on its own.
    BoundedDeque,
    /// `weakref.WeakSet()`, `WeakValueDictionary()`, `WeakKeyDictionary()`.
    Weak,
}

impl ContainerKind {
    /// Whether entries stay until something removes them.
    pub fn is_strong_and_unbounded(self) -> bool {
        !matches!(self, Self::BoundedDeque | Self::Weak)
    }
}

/// One way the module touches a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TouchKind {
    /// An entry goes in.
    Add {
        /// The key or item is not a constant, so repeated adds grow the container.
        varying: bool,
        /// The item is `self` (or an instance fresh from `__new__`/`cls(...)`).
        instance: bool,
    },
    /// `del c[k]`, `.pop`, `.popitem`, `.popleft`, `.clear()`, `.remove`, `.discard`.
    Remove,
    /// The name or attribute is bound again (`global c; c = {}`, `Cls._reg = []`, `del c`).
    Rebind,
    /// `len(c)` in a comparison or `not c`: the code watches the size.
    LenBound,
    /// A read by key: `k in c`, `c[k]`, `c.get(k)`, `c.setdefault(k, v)`.
    Lookup,
    /// A use we cannot follow (passed on, returned, aliased): anything may happen to it.
    Escape,
}

/// A touch and where it happens.
#[derive(Debug, Clone, Copy)]
pub struct Touch {
    /// What the touch does.
    pub kind: TouchKind,
    /// The smallest range that shows it: the call or the subscript assignment.
    pub range: TextRange,
    /// The innermost statement that holds it.
    pub statement: TextRange,
    /// Whether it runs inside a function or lambda (not at import time).
    pub in_function: bool,
    /// The innermost function or lambda scope it runs in.
    pub function: Option<ScopeId>,
    /// It runs once per definition or once overall, not once per input: in a
    /// class-creation hook (`__init_subclass__`, `__set_name__`), a decorator
    /// (a function that returns one of its parameters), a `register*`
    /// function, or under a fill-once guard (`if not table:`).
    pub at_definition_time: bool,
    /// For a varying add in a `def`: the key or item is built only from
    /// these parameters of it (bit `i` for the `i`-th named parameter,
    /// positional ones first, then keyword-only ones) and bounded values,
    /// so calls that pass bounded values add bounded keys. 0 otherwise.
    pub key_parameters: u64,
}

/// A container bound in a module or class body.
#[derive(Debug)]
pub struct Container {
    /// The bound name.
    pub name: Name,
    /// The class whose body binds it, for class-level containers.
    pub class: Option<Name>,
    /// What it was built with.
    pub kind: ContainerKind,
    /// The assignment statement that creates it.
    pub creation: TextRange,
    /// Every touch, in walk order.
    pub touches: Vec<Touch>,
}

impl Container {
    /// Whether anything in the module removes entries, rebinds it, bounds it
    /// by `len`, or lets it escape where we cannot follow.
    pub fn is_ever_shrunk_or_unknown(&self) -> bool {
        self.touches.iter().any(|t| {
            matches!(
                t.kind,
                TouchKind::Remove | TouchKind::Rebind | TouchKind::LenBound | TouchKind::Escape
            )
        })
    }

    /// Whether the module removes entries, rebinds it, or lets it escape
    /// (a `len` check alone does not remove anything).
    pub fn is_ever_emptied_or_unknown(&self) -> bool {
        self.touches.iter().any(|t| {
            matches!(
                t.kind,
                TouchKind::Remove | TouchKind::Rebind | TouchKind::Escape
            )
        })
    }

    /// Adds made at run time (inside a function).
    pub fn runtime_adds(&self) -> impl Iterator<Item = &Touch> {
        self.touches
            .iter()
            .filter(|t| t.in_function && matches!(t.kind, TouchKind::Add { .. }))
    }

    /// Whether the function `function` also reads the container by key:
    /// the memo pattern (`if k not in c: c[k] = ...`).
    pub fn looked_up_in(&self, function: Option<ScopeId>) -> bool {
        function.is_some()
            && self
                .touches
                .iter()
                .any(|t| t.kind == TouchKind::Lookup && t.function == function)
    }

    /// The display name: `_cache`, or `Widget._all`.
    pub fn display(&self) -> String {
        match &self.class {
            Some(class) => format!("{class}.{}", self.name),
            None => self.name.to_string(),
        }
    }
}

/// The containers of one file.
#[derive(Debug, Default)]
pub struct ContainerFacts {
    containers: Vec<Container>,
}

impl ContainerFacts {
    /// Finds the module's containers and walks the module once to record
    /// every touch.
    pub fn build(body: &[Stmt], index: &SemanticIndex) -> Self {
        let mut collector = Collector {
            index,
            facts: ContainerFacts::default(),
            by_binding: HashMap::new(),
            by_class: HashMap::new(),
            class_by_name: HashMap::new(),
            names: HashSet::new(),
        };
        let class_scopes: HashMap<TextSize, ScopeId> = index
            .scope_ids()
            .filter(|(_, s)| s.kind == ScopeKind::Class)
            .map(|(id, s)| (s.range.start(), id))
            .collect();
        collector.collect(body, ScopeId::MODULE, None, &class_scopes);
        if collector.facts.containers.is_empty() {
            return collector.facts;
        }
        let mut walker = Walker {
            c: collector,
            cursor: ScopeCursor::default(),
            kinds: Vec::new(),
            statements: Vec::new(),
            fill_once: Vec::new(),
            classified: HashSet::new(),
            instances: HashSet::new(),
            parameters: Vec::new(),
            derived: HashMap::new(),
            warn_guards: Vec::new(),
        };
        traverse::walk_module(&mut walker, body);
        walker.c.facts
    }

    /// Every container, in source order of creation.
    pub fn containers(&self) -> &[Container] {
        &self.containers
    }

    /// The container created by the statement at `range`.
    pub fn created_by(&self, range: TextRange) -> Option<&Container> {
        self.containers.iter().find(|c| c.creation == range)
    }
}

struct Collector<'i> {
    index: &'i SemanticIndex,
    facts: ContainerFacts,
    by_binding: HashMap<BindingId, usize>,
    by_class: HashMap<(ScopeId, Name), usize>,
    /// Class name range start → class scope, to follow `Cls._reg`.
    class_by_name: HashMap<TextSize, ScopeId>,
    /// Names of all containers: a cheap filter before resolving.
    names: HashSet<Name>,
}

impl Collector<'_> {
    fn collect(
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
                in_function: false,
                function: None,
                at_definition_time: false,
                key_parameters: 0,
            });
        }
        self.facts.containers.push(Container {
            name: target.id.clone(),
            class: class.cloned(),
            kind,
            creation: stmt.range(),
            touches,
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
            let empty = arguments.is_empty();
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
                    } else if arguments.args.is_empty() {
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

struct Walker<'i> {
    c: Collector<'i>,
    cursor: ScopeCursor,
    kinds: Vec<(ScopeKind, ScopeId, bool)>,
    statements: Vec<TextRange>,
    /// `if not x:` / `if x is None:` statements around the walk: their
    /// bodies fill something once.
    fill_once: Vec<TextRange>,
    /// Container references already explained by their parent node.
    classified: HashSet<TextRange>,
    /// Names bound in a function to a fresh instance (`super().__new__(cls)`, `cls(...)`).
    instances: HashSet<(ScopeId, Name)>,
    /// For each entry of `kinds`: the named parameters of a `def`.
    parameters: Vec<Option<Vec<Name>>>,
    /// Local names bound once to a value built from the function's
    /// parameters and bounded values (see [`Walker::derive`]): which ones.
    derived: HashMap<(ScopeId, Name), Option<u64>>,
    /// `if x not in c:` statements around the walk whose body warns.
    warn_guards: Vec<WarnGuard>,
}

/// `if x not in c: <warn>; c.add(x)`: the statement, the container and `x`.
struct WarnGuard {
    statement: TextRange,
    container: usize,
    item: Expr,
}

impl Walker<'_> {
    fn scope(&self) -> ScopeId {
        self.cursor.current()
    }

    fn in_function(&self) -> bool {
        self.kinds
            .iter()
            .any(|k| matches!(k.0, ScopeKind::Function | ScopeKind::Lambda))
    }

    fn function(&self) -> Option<&(ScopeKind, ScopeId, bool)> {
        self.kinds
            .iter()
            .rev()
            .find(|k| matches!(k.0, ScopeKind::Function | ScopeKind::Lambda))
    }

    /// The class scope whose method binds `name` as a parameter (`self`, `cls`).
    fn class_of_parameter(&self, name: &ast::ExprName) -> Option<ScopeId> {
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
    fn is_self(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if name.id == "self" && self.class_of_parameter(name).is_some())
    }

    /// The class `expr` denotes: `Cls`, `cls`, `type(self)`, `self.__class__`.
    fn class_scope(&self, expr: &Expr) -> Option<ScopeId> {
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
    fn container_of(&self, expr: &Expr) -> Option<usize> {
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

    fn via_self(expr: &Expr) -> bool {
        matches!(expr, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id == "self"))
    }

    fn touch(&mut self, container: usize, kind: TouchKind, range: TextRange) {
        let function = self.function();
        let touch = Touch {
            kind,
            range,
            statement: self.statements.last().copied().unwrap_or(range),
            in_function: self.in_function(),
            function: function.map(|f| f.1),
            at_definition_time: function.is_some_and(|f| f.2) || !self.fill_once.is_empty(),
            key_parameters: 0,
        };
        if let Some(c) = self.c.facts.containers.get_mut(container) {
            c.touches.push(touch);
        }
    }

    /// A varying add whose key or item is `key`: records which parameters
    /// of the enclosing `def` it is built from.
    fn touch_add(&mut self, container: usize, key: &Expr, instance: bool, range: TextRange) {
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
        if let Some(touch) = self.c.facts.containers[container].touches.last_mut() {
            touch.key_parameters = parameters;
        }
    }

    /// Which parameters of the innermost `def` `expr` is built from, when
    /// it is built only from them and bounded values (`Some(0)`: from
    /// bounded values alone): a parameter, a local name bound once to such
    /// a value, a tuple, an operator, an attribute or a subscript of them.
    fn derive(&self, expr: &Expr, depth: usize) -> Option<u64> {
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
    fn derive_binding(&mut self, target: &Expr, value: &Expr) {
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
    fn is_warn_once(&self, container: usize, item: &Expr) -> bool {
        let item = ComparableExpr::from(item);
        self.warn_guards
            .iter()
            .any(|g| g.container == container && ComparableExpr::from(&g.item) == item)
    }

    /// `if x not in c ...:` whose body warns: the guard to push.
    fn warn_guard(&self, if_stmt: &ast::StmtIf) -> Option<WarnGuard> {
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

    /// Marks `expr` as explained when it is a container reference.
    fn classify(&mut self, expr: &Expr) -> Option<usize> {
        let container = self.container_of(expr)?;
        self.classified.insert(expr.range());
        Some(container)
    }

    /// Whether `expr` is a name bound by a `class` statement, at any level.
    fn is_class(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if self
            .c
            .index
            .resolve_name(self.scope(), &name.id, name.start())
            .is_some_and(|b| self.c.index.binding(b).kind == BindingKind::ClassDef))
    }

    /// Whether `expr` is an instance: `self`, or a name bound to a fresh one.
    fn is_instance(&self, expr: &Expr) -> bool {
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
    fn is_bounded(&self, expr: &Expr) -> bool {
        is_constant(expr) || crate::bounded::is_bounded_value(self.c.index, self.scope(), expr)
    }

    /// A key that names a class (`cls`, `type(self)`, `Cls`): one entry per
    /// class, bounded by the program's classes.
    fn is_per_class_key(&self, expr: &Expr) -> bool {
        self.class_scope(expr).is_some()
    }

    fn add_with_key(
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

    fn method_call(&mut self, call: &ast::ExprCall) {
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
        if !CONTAINER_ADD_METHODS.contains(&method) || Self::via_self(&attribute.value) {
            return;
        }
        match method {
            "setdefault" => {
                self.touch(container, TouchKind::Lookup, call.range());
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

    fn subscript_store(&mut self, target: &Expr, value: Option<&Expr>, range: TextRange) {
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
        if Self::via_self(&subscript.value) {
            return;
        }
        self.add_with_key(container, &subscript.slice, value, range);
    }

    fn record_instance_name(&mut self, assign: &ast::StmtAssign) {
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
                        if self.c.facts.containers[container].kind == ContainerKind::DefaultDict
                            && !Self::via_self(&subscript.value)
                        {
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

/// Whether `body` emits a warning or a log record, at any depth of its
/// `if`/`with`/`try` blocks (not in nested functions).
fn warns(index: &SemanticIndex, scope: ScopeId, body: &[Stmt]) -> bool {
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

/// A literal key or item: adding it again does not grow the container.
fn is_constant(expr: &Expr) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(source: &str) -> ContainerFacts {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let index = SemanticIndex::build(parsed.syntax());
        ContainerFacts::build(&parsed.syntax().body, &index)
    }

    fn kinds(container: &Container) -> Vec<TouchKind> {
        container.touches.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn module_container_touches() {
        let facts = facts(
            "\
_c = {}

def f(k):
    if k in _c:
        return _c[k]
    _c[k] = 1
    _c['x'] = 2

def g():
    _c.clear()
",
        );
        let [container] = facts.containers() else {
            panic!("one container");
        };
        assert_eq!(container.kind, ContainerKind::Dict);
        assert_eq!(
            kinds(container),
            vec![
                TouchKind::Lookup,
                TouchKind::Lookup,
                TouchKind::Add {
                    varying: true,
                    instance: false
                },
                TouchKind::Add {
                    varying: false,
                    instance: false
                },
                TouchKind::Remove,
            ]
        );
        assert!(container.is_ever_shrunk_or_unknown());
    }

    #[test]
    fn class_containers_through_every_spelling() {
        let facts = facts(
            "\
import weakref

class A:
    _all = []
    _weak = weakref.WeakSet()

    def __init__(self):
        A._all.append(self)
        type(self)._all.append(self)
        self.__class__._all.append(self)
        A._weak.add(self)

    @classmethod
    def make(cls):
        cls._all.append(cls)
",
        );
        let [all, weak] = facts.containers() else {
            panic!("two containers");
        };
        assert_eq!(all.display(), "A._all");
        assert_eq!(weak.kind, ContainerKind::Weak);
        let instance_adds = all
            .runtime_adds()
            .filter(|t| matches!(t.kind, TouchKind::Add { instance: true, .. }))
            .count();
        assert_eq!(instance_adds, 3);
        assert_eq!(all.runtime_adds().count(), 4);
    }

    #[test]
    fn escapes_and_rebinding_are_recorded() {
        let facts = facts(
            "\
_a = []
_b = []

def f():
    return _a

def g():
    global _b
    _b = []
",
        );
        let [a, b] = facts.containers() else {
            panic!("two containers");
        };
        assert_eq!(kinds(a), vec![TouchKind::Escape]);
        assert_eq!(kinds(b), vec![TouchKind::Rebind]);
    }
}
