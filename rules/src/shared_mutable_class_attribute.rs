//! MEM107: a container bound in a class body that methods grow through
//! `self`, as if each instance had its own, while every instance shares it.

use memwise_core::facts::decorator_callee;
use memwise_core::facts_containers::{ContainerKind, TouchKind, may_create_container};
use memwise_core::find::{body_contains, for_each_stmt};
use memwise_core::python::{
    ATTRS_DEFINE, DATACLASS_DECORATORS, ENUM_BASES, has_one_instance, is_class_var,
};
use memwise_core::{
    Context, Diagnostic, FixAvailability, Project, ProjectRule, Rule, ScopeKind, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, ExprContext, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for a class body that binds a name to a mutable container
    /// (`[]`, `{}`, `set()`, `list()`, `dict()`, `defaultdict(...)`,
    /// `OrderedDict()`, `deque()` without `maxlen`) which the class's
    /// methods grow through `self` (`self.items.append(x)`, `.add`,
    /// `.extend`, `.update`, `.setdefault`, `self.items[k] = v`), while no
    /// code binds `self.items` (so every instance reads the class's one
    /// container) and nothing removes from it.
    ///
    /// ## Why is this bad?
    /// `self.items.append(x)` looks like it fills the instance's own list,
    /// but the instance has none: it finds the class attribute, one list
    /// shared by every instance, that lives as long as the class (for a
    /// module-level class, as long as the program). Every instance ever
    /// made adds to it, and nothing it adds is freed when the instance is,
    /// so the list grows for as long as the program makes instances, and
    /// keeps everything they put in it alive.
    ///
    /// ## Example
    /// ```python
    /// class Collector:
    ///     items = []
    ///
    ///     def collect(self, item):
    ///         self.items.append(item)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Collector:
    ///     def __init__(self):
    ///         self.items = []
    ///
    ///     def collect(self, item):
    ///         self.items.append(item)
    /// ```
    ///
    /// ## Known problems
    /// Sharing that is meant is not reported, since the help to make the
    /// container per instance would be wrong there:
    /// - the container is also reached through the class (`Cls.items`,
    ///   `cls.items`, `type(self).items`, `self.__class__.items`): a
    ///   class-level registry or cache, which is MEM203's to judge;
    /// - the name is annotated `ClassVar`, or written like a constant
    ///   (`DEPRECATED = []`, `WARNINGS = set()`): the class says it owns it;
    /// - a dict or set that a method of the class also reads by key (`if k
    ///   in self.c: return self.c[k]`, `self.c.get(k)`, `self.c[k]`, the
    ///   adding method or another, as `get()` reading what `add()` stored): a cache,
    ///   which instances most often share on purpose; whether it is bounded
    ///   is MEM203's question (the lookup that `setdefault` makes itself
    ///   does not count: `self.c.setdefault(k, []).append(v)` groups,
    ///   but `lock = self.c.setdefault(k, Lock())` gets or creates the
    ///   key's value, a lookup as `get` is);
    /// - the class says it has one instance (a `Singleton` base or
    ///   metaclass, an `_instance` handed out by `__new__` or a class
    ///   method, or an `__init__` that refuses a second instance), or its module makes that instance, with no arguments,
    ///   when imported (`LAYOUT = Layout()`, or an item of a module-level
    ///   list, tuple or set display: `converters = [Layout()]`), or it is
    ///   the object a program makes to run (the only use of the class in
    ///   its module is one call in the module-level `main` function, or
    ///   in the function its `__main__` block calls, not in a loop), or a lazy singleton's (the only call assigns a global
    ///   under `if <global> is None:`, or is in a function without
    ///   parameters under `functools.cache` or `lru_cache`), or its module
    ///   makes none and leaves it to others, and every checked file that
    ///   makes it does so where a process runs once, as MEM106 decides it
    ///   (pgAdmin's `permissions_obj = PgAdminPermissions()`, made when
    ///   another module is imported; the whole-project pass decides);
    /// - what is added is the instance itself (`self.all.append(self)`):
    ///   a registry of instances, MEM105's.
    ///
    /// The class body does not bind a plain class attribute, and nothing is
    /// reported, in an `enum.Enum` (the names are members), a `TypedDict`,
    /// a pydantic, SQLModel or msgspec model (their defaults are copied for
    /// each instance), or for an annotated name in a dataclass or an attrs
    /// class (a field, set on each instance by `__init__`). An annotated
    /// name in a class with a base the file does not define is also left
    /// alone: the base may be such a model. A `typing.NamedTuple`'s
    /// defaults are shared by its instances, but a tuple has no `__init__`
    /// to build them in: code that means it builds each instance with
    /// fresh containers in a factory, and it is not reported either.
    ///
    /// An instance that binds its own container anywhere in the file
    /// (`self.items = []`, `obj.items = ...`, also in a subclass or through
    /// `setattr(obj, "items", ...)`), a class that sets attributes by
    /// computed names (`setattr(self, name, value)`,
    /// `self.__dict__.update(...)`), a container that something empties
    /// (`.pop`, `.remove`, `.discard`, `.clear()`, `del`, `c[:] = []`),
    /// (in a subclass of the file too: the chapter extractor that pops
    /// what its base class's listing stored for it), watches the size of
    /// (`len(self.items) > n`) or hands to other code
    /// (`return self.items`, `f(self.items)`), and adds that run once per
    /// definition (in `__set_name__`, in a `register*` method) or with
    /// constant keys (`self.flags["debug"] = True`, or a key from a loop
    /// over a literal display: `for name in ("ospf", "bgp")`, `entry["name"]`
    /// over a literal list of dicts) are not reported. A
    /// base class's list grown from a subclass's methods is not seen.
    ///
    /// A container of a class at the top of its module that another
    /// checked module reaches through the class (`IoMediator.listeners.
    /// remove(self)` in autokey's key grabber, `ClientRouter.
    /// client_heartbeat_pool` handed on by Aim's server) is shared on
    /// purpose as well, as when its own module reaches it so: the
    /// whole-project pass drops the finding (a check of the class's file
    /// alone reports it; `--project-root` gives the answer of a whole
    /// run). A container emptied from another module through an instance
    /// (`config.items.pop()`), or given to each instance by a base class
    /// defined elsewhere, is not seen as such; suppress the finding with
    /// `# noqa: MEM107`.
    pub SharedMutableClassAttribute {
        code: "MEM107",
        name: "shared-mutable-class-attribute",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

/// Base classes whose class-body names are fields copied or built per
/// instance (or enum members), not plain shared class attributes.
const FIELD_BASES: &[&str] = &[
    "pydantic.BaseModel",
    "pydantic.main.BaseModel",
    "pydantic.BaseSettings",
    "pydantic_settings.BaseSettings",
    "sqlmodel.SQLModel",
    "msgspec.Struct",
    "typing.NamedTuple",
    "typing_extensions.NamedTuple",
    "typing.TypedDict",
    "typing_extensions.TypedDict",
];

impl Rule for SharedMutableClassAttribute {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        if cx.index().scope(cx.scope()).kind != ScopeKind::Class {
            return;
        }
        // The container facts are a walk of the whole module, built for the
        // first container asked about. A container grows through `self` only
        // where its class's methods write `self.name`: a class without one
        // is settled first by a search of its own body.
        if !may_create_container(cx.index(), cx.scope(), node) {
            return;
        }
        let Some(Stmt::ClassDef(class)) = cx
            .statements()
            .last()
            .and_then(|stmt| cx.enclosing_definition(stmt))
        else {
            return;
        };
        if created_name(node).is_some_and(|name| !may_reach_through_self(class, name)) {
            return;
        }
        let Some(container) = cx.container_created_by(node) else {
            return;
        };
        if !container.kind.is_strong_and_unbounded() || container.is_ever_shrunk_or_unknown() {
            return;
        }
        // Reached through the class somewhere: shared on purpose (MEM203's).
        if container.through_class || container.touches.iter().any(|t| !t.through_self) {
            return;
        }
        // A name written like a constant (`DEPRECATED`, `WARNINGS`) says the
        // table belongs to the class, as `ClassVar` does.
        if container.name.chars().any(|c| c.is_ascii_uppercase())
            && !container.name.chars().any(|c| c.is_ascii_lowercase())
        {
            return;
        }
        let list_like = matches!(container.kind, ContainerKind::List | ContainerKind::Deque);
        let mut growth = container.touches.iter().filter(|t| {
            matches!(
                t.kind,
                TouchKind::AddThroughSelf {
                    varying: true,
                    instance: false
                }
            ) && t.in_function
                && !t.at_definition_time
                && !t.key_checked
        });
        // A mapping or set that the class also looks keys up in is a cache
        // (`if k in self.c: return self.c[k]`, or `add()` filling what
        // `get()` reads), and a cache shared by every instance is most often
        // meant: whether it is bounded is MEM203's question. (The lookup of
        // `setdefault` itself does not count: `self.c.setdefault(k,
        // []).append(v)` groups; a get-or-create does.)
        if !list_like && container.lookups_apart_from_adds().next().is_some() {
            return;
        }
        let Some(first) = growth.next() else {
            return;
        };
        // The instance itself goes in somewhere: a registry (MEM105's).
        if container
            .touches
            .iter()
            .any(|t| matches!(t.kind, TouchKind::AddThroughSelf { instance: true, .. }))
        {
            return;
        }
        let (annotation, value) = match node {
            AnyNodeRef::StmtAssign(assign) => (None, &*assign.value),
            AnyNodeRef::StmtAnnAssign(assign) => {
                let Some(value) = assign.value.as_deref() else {
                    return;
                };
                (Some(&*assign.annotation), value)
            }
            _ => return,
        };
        if annotation.is_some_and(is_class_var)
            || has_one_instance(cx.index(), cx.module(), cx.source(), class)
            || !binds_class_attributes(cx, class, annotation.is_some())
            || instances_bind_or_empty(cx, class, &container.name)
        {
            return;
        }
        let what = container.kind.name();
        let name = &container.name;
        let diagnostic = Diagnostic::new(
            &SharedMutableClassAttribute::META,
            format!(
                "`{}` is one {what} shared by every `{}` instance: methods add to it through `self` and nothing removes from it",
                container.display(),
                class.name
            ),
            node.range(),
        )
        .with_secondary(first.range, "grows through `self` here")
        .with_help(format!(
            "create it per instance in `__init__` (`self.{name} = {}`), or bound it if sharing is meant",
            cx.slice(value)
        ));
        // Reached through the class in another module (`IoMediator.
        // listeners.remove(self)`), it is shared on purpose too: a class
        // of the module's top level waits for the whole-project pass.
        if cx.module().iter().any(|stmt| stmt.range() == class.range()) {
            let name = name.to_string();
            cx.report_unless_reached_through_class(diagnostic, class, &name);
        } else {
            cx.report(diagnostic);
        }
    }
}

impl ProjectRule for SharedMutableClassAttribute {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// The name a class-body assignment binds, when it binds one name.
fn created_name(node: AnyNodeRef<'_>) -> Option<&str> {
    let target = match node {
        AnyNodeRef::StmtAssign(assign) => match assign.targets.as_slice() {
            [target] => target,
            _ => return None,
        },
        AnyNodeRef::StmtAnnAssign(assign) => &assign.target,
        _ => return None,
    };
    target.as_name_expr().map(|name| name.id.as_str())
}

/// Whether some code may reach `class`'s attribute `name` through `self`,
/// as the container facts see it: an attribute `self.name` where `self` is
/// a parameter of a function defined in `class`'s body (so within that
/// body), or the class itself when it is named `self` (anywhere in the
/// module).
fn may_reach_through_self(class: &ast::StmtClassDef, name: &str) -> bool {
    if class.name.as_str() == "self" {
        return true;
    }
    // `self.name` in any context.
    body_contains(&class.body, |expr| {
        matches!(expr, Expr::Attribute(attribute)
            if attribute.attr.as_str() == name
                && matches!(&*attribute.value, Expr::Name(holder) if holder.id.as_str() == "self"))
    })
}

/// Whether the class body's names are plain class attributes: not enum
/// members, not fields of a model that copies them per instance, and, for
/// an annotated name (`annotated`), not a dataclass or attrs field, nor in
/// a class whose bases the file does not define (it may be such a model).
fn binds_class_attributes(cx: &Context<'_>, class: &ast::StmtClassDef, annotated: bool) -> bool {
    let bases = class.bases();
    if bases.iter().any(|base| {
        cx.resolves_to(decorator_callee(base), ENUM_BASES)
            .or_else(|| cx.resolves_to(decorator_callee(base), FIELD_BASES))
            .is_some()
    }) {
        return false;
    }
    if !annotated {
        return true;
    }
    let fields = class.decorator_list.iter().any(|d| {
        let callee = decorator_callee(&d.expression);
        cx.resolves_to(callee, DATACLASS_DECORATORS)
            .or_else(|| cx.resolves_to(callee, ATTRS_DEFINE))
            .or_else(|| cx.resolves_to(callee, &["pydantic.dataclasses.dataclass"]))
            .is_some()
    });
    !fields
        && bases.iter().all(|base| {
            cx.resolves_to(base, &["builtins.object"]).is_some() || defined_in_file(cx, base)
        })
}

/// Whether `base` is a plain name bound by a `class` statement of this file.
fn defined_in_file(cx: &Context<'_>, base: &Expr) -> bool {
    let Expr::Name(name) = base else {
        return false;
    };
    let index = cx.index();
    index
        .resolve_name(cx.scope(), &name.id, name.start())
        .is_some_and(|b| index.binding(b).kind == memwise_core::BindingKind::ClassDef)
}

/// Whether an instance may hold its own `name`: some code in the file binds
/// or deletes an attribute `name` (`self.items = []`, `other.items =
/// list(...)`, `setattr(obj, "items", ...)`), except through `self` in a
/// method of a class unrelated to `class` (neither it, nor a base or a
/// subclass of it defined in the file), or takes items out of one
/// (`.pop(k)`, `.remove(x)`, `.clear()`, `del obj.items[k]`) with the
/// same exception; or the class sets attributes by computed names
/// (`setattr(self, key, value)`, `self.__dict__.update(...)`,
/// `vars(self).update(...)`).
fn instances_bind_or_empty(cx: &Context<'_>, class: &ast::StmtClassDef, name: &str) -> bool {
    let mut classes = Vec::new();
    for_each_stmt(cx.module(), |stmt| {
        if let Stmt::ClassDef(class) = stmt {
            classes.push(class);
        }
    });
    let related = related_classes(&classes, class);
    let mut finder = Binds {
        name,
        related: &related,
        methods: Vec::new(),
        found: false,
        computed: false,
    };
    for stmt in cx.module() {
        finder.visit_stmt(stmt);
        if finder.found {
            return true;
        }
    }
    let mut in_class = Binds {
        name,
        related: &related,
        methods: Vec::new(),
        found: false,
        computed: false,
    };
    for stmt in &class.body {
        in_class.visit_stmt(stmt);
    }
    in_class.computed
}

/// The names of `class`, of its bases and of its subclasses among
/// `classes`, followed through bases written as plain names.
fn related_classes<'a>(
    classes: &[&'a ast::StmtClassDef],
    class: &'a ast::StmtClassDef,
) -> Vec<&'a str> {
    let base_names = |c: &'a ast::StmtClassDef| {
        c.bases().iter().filter_map(|b| match b {
            Expr::Name(n) => Some(n.id.as_str()),
            Expr::Attribute(a) => Some(a.attr.as_str()),
            _ => None,
        })
    };
    let mut ancestors = vec![class.name.as_str()];
    let mut i = 0;
    while let Some(&current) = ancestors.get(i) {
        for c in classes.iter().filter(|c| c.name.as_str() == current) {
            for base in base_names(c) {
                if !ancestors.contains(&base) {
                    ancestors.push(base);
                }
            }
        }
        i += 1;
    }
    let mut descendants = vec![class.name.as_str()];
    loop {
        let before = descendants.len();
        for c in classes {
            if !descendants.contains(&c.name.as_str())
                && base_names(c).any(|b| descendants.contains(&b))
            {
                descendants.push(c.name.as_str());
            }
        }
        if descendants.len() == before {
            break;
        }
    }
    ancestors.extend(descendants);
    ancestors
}

/// Methods that take items out of a container.
const SHRINKING_METHODS: &[&str] = &["pop", "popitem", "popleft", "remove", "discard", "clear"];

/// Finds stores to attributes named `name`, removals from them (in a
/// subclass too: the class's own are in its container facts), and
/// attribute writes by computed names.
struct Binds<'n, 'a> {
    name: &'n str,
    /// Classes whose instances may be the ones `self.name` binds on.
    related: &'n [&'a str],
    /// For each method being walked: its first parameter, when it is a
    /// method of a class not in `related` (its `self.name` is another
    /// class's attribute).
    methods: Vec<Option<&'a str>>,
    found: bool,
    computed: bool,
}

impl Binds<'_, '_> {
    /// Whether `holder` is the instance of a method of an unrelated class.
    fn is_other_self(&self, holder: Option<&Expr>) -> bool {
        matches!((holder, self.methods.last()),
            (Some(Expr::Name(holder)), Some(Some(first))) if holder.id.as_str() == *first)
    }
}

impl<'a> Visitor<'a> for Binds<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let Stmt::ClassDef(class) = stmt else {
            visitor::walk_stmt(self, stmt);
            return;
        };
        let unrelated = !self.related.contains(&class.name.as_str());
        for inner in &class.body {
            match inner {
                Stmt::FunctionDef(def) => {
                    let first = def
                        .parameters
                        .posonlyargs
                        .first()
                        .or_else(|| def.parameters.args.first())
                        .map(|p| p.parameter.name.as_str());
                    self.methods.push(first.filter(|_| unrelated));
                    visitor::walk_stmt(self, inner);
                    self.methods.pop();
                }
                other => self.visit_stmt(other),
            }
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(attribute)
                if matches!(attribute.ctx, ExprContext::Store | ExprContext::Del)
                    && attribute.attr.as_str() == self.name =>
            {
                self.found |= !self.is_other_self(Some(&attribute.value));
            }
            // Emptied through an instance of the class or of a subclass
            // (`self._cache.pop(key)` in the subclass that consumes what
            // the base stores): the container is drained, not grown.
            Expr::Subscript(subscript)
                if subscript.ctx == ExprContext::Del
                    && matches!(&*subscript.value, Expr::Attribute(a)
                        if a.attr.as_str() == self.name && !self.is_other_self(Some(&a.value))) =>
            {
                self.found = true;
            }
            Expr::Call(call)
                if matches!(&*call.func, Expr::Attribute(method)
                    if SHRINKING_METHODS.contains(&method.attr.as_str())
                        && matches!(&*method.value, Expr::Attribute(a)
                            if a.attr.as_str() == self.name && !self.is_other_self(Some(&a.value)))) =>
            {
                self.found = true;
            }
            Expr::Call(call) => {
                let callee_name = match &*call.func {
                    Expr::Name(n) => Some(n.id.as_str()),
                    Expr::Attribute(a) => Some(a.attr.as_str()),
                    _ => None,
                };
                match (callee_name, &*call.func) {
                    (Some("setattr"), Expr::Name(_)) => match call.arguments.args.get(1) {
                        Some(Expr::StringLiteral(literal)) => {
                            let holder = call.arguments.args.first();
                            self.found |=
                                literal.value.to_str() == self.name && !self.is_other_self(holder);
                        }
                        Some(_) => self.computed = true,
                        None => {}
                    },
                    (Some("update"), Expr::Attribute(a)) => {
                        let dict = match &*a.value {
                            Expr::Attribute(inner) => inner.attr.as_str() == "__dict__",
                            Expr::Call(inner) => {
                                matches!(&*inner.func, Expr::Name(n) if n.id.as_str() == "vars")
                            }
                            _ => false,
                        };
                        self.computed |= dict;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
