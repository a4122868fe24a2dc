//! What giving a class `__slots__` would meet, read in one scan of the class
//! body: the attributes its methods assign on `self`, the names its body
//! binds, and the uses that need a `__dict__` or a `__weakref__`. Shared by
//! MEM403 (per file) and the summary behind MEM401/MEM402.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextSize};

use crate::python::{STATELESS_METHOD_DECORATORS, for_each_target};

/// Dunder methods whose presence means attribute access is customised, so a
/// fixed layout may break it.
const DICT_DUNDERS: &[&str] = &[
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__getattribute__",
    "__dict__",
    "__weakref__",
    "__getstate__",
    "__setstate__",
    "__reduce__",
    "__reduce_ex__",
    "__copy__",
    "__deepcopy__",
];

/// A list of identifiers, borrowed from a [`ClassLayout`]: the names
/// separated by spaces (identifiers hold none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Names<'a>(&'a str);

impl<'a> Names<'a> {
    /// The names, in order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        self.0.split(' ').filter(|n| !n.is_empty())
    }

    /// Whether `name` is one of them.
    pub fn contains(self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// The names joined by spaces, as a cache writes them.
    pub fn as_joined(self) -> &'a str {
        self.0
    }
}

/// The layout facts of one class.
#[derive(Debug, Default, Clone)]
pub struct ClassLayout {
    /// `__slots__` is bound in the body.
    pub has_slots: bool,
    /// The four lists of names read through [`ClassLayout::self_attributes`],
    /// [`ClassLayout::fields`], [`ClassLayout::class_assignments`] and
    /// [`ClassLayout::class_definitions`], in one allocation: each list's
    /// names joined by spaces, the lists by line breaks (empty when all
    /// are). Whole-project summaries keep a layout for every module-level
    /// class of the project (16,000 on the benchmark corpus, all decoded
    /// at once for the project pass); four strings cost 48 more bytes a
    /// class and an allocation for each list.
    names: Box<str>,
    /// Something in the class needs a `__dict__` or a `__weakref__`.
    pub needs_dict: bool,
    /// `super()` without arguments somewhere in the class.
    pub zero_argument_super: bool,
    /// The body gives a lower-case attribute a default that instances
    /// probably shadow: `x = None`, or annotated `x: T = v` outside a
    /// dataclass-like class (`failResult: Failure | None = None`).
    pub instance_defaults: bool,
    /// `__new__` never uses its class argument, so it never creates an
    /// instance of this class (`def __new__(cls, v): return untag(v)`), or
    /// `__init__` raises before anything else (a stand-in for a class an
    /// optional dependency provides).
    pub creates_no_instances: bool,
    /// The class writes an `__init__` that never calls a base's
    /// (`super().__init__(...)`, `Base.__init__(self, ...)`): what a base
    /// sets up there, its instances take from the base's class attributes
    /// (aider's `Model(ModelSettings)` reading the dataclass's defaults).
    pub init_skips_base: bool,
}

impl ClassLayout {
    /// Sets the four lists, each joined by spaces; `None` when one holds
    /// a line break (a cache read back wrong), which would shift the
    /// lists after it.
    pub fn set_names(
        &mut self,
        self_attributes: &str,
        fields: &str,
        class_assignments: &str,
        class_definitions: &str,
    ) -> Option<()> {
        let lists = [
            self_attributes,
            fields,
            class_assignments,
            class_definitions,
        ];
        if lists.iter().any(|list| list.contains('\n')) {
            return None;
        }
        self.names = if lists.iter().all(|list| list.is_empty()) {
            Box::default()
        } else {
            lists.join("\n").into_boxed_str()
        };
        Some(())
    }

    /// The `i`th line of `names`, as `split('\n').nth(i)` gives it: found
    /// by a pass over the bytes, as a `char` searcher sets up a `memchr` for
    /// each line, more than the short lists cost to read.
    fn list(&self, i: usize) -> Names<'_> {
        let mut rest: &str = &self.names;
        for _ in 0..i {
            match rest.bytes().position(|b| b == b'\n') {
                Some(end) => rest = &rest[end + 1..],
                None => return Names::default(),
            }
        }
        let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
        Names(&rest[..end])
    }

    /// Attributes assigned on `self` (the first parameter of a method), sorted, unique.
    pub fn self_attributes(&self) -> Names<'_> {
        self.list(0)
    }

    /// Names annotated directly in the body (`x: int`, `x: int = 0`).
    pub fn fields(&self) -> Names<'_> {
        self.list(1)
    }

    /// Names assigned a value directly in the body.
    pub fn class_assignments(&self) -> Names<'_> {
        self.list(2)
    }

    /// Names bound by `def` or `class` directly in the body.
    pub fn class_definitions(&self) -> Names<'_> {
        self.list(3)
    }

    /// The bytes the lists hold on the heap.
    pub fn names_heap_size(&self) -> usize {
        self.names.len()
    }
}

/// Scans a class body once; `module` is the module's statements, whose
/// functions a method may hand `self` to.
pub fn class_layout<'a>(class: &'a ast::StmtClassDef, module: &'a [Stmt]) -> ClassLayout {
    let mut scan = LayoutScan::begin(class, module);
    let mut walk = Walk(&mut scan);
    for stmt in &class.body {
        walk.visit_stmt(stmt);
    }
    scan.finish()
}

/// Visits every expression of a class body for a [`LayoutScan`].
struct Walk<'s, 'a>(&'s mut LayoutScan<'a>);

impl<'a> Visitor<'a> for Walk<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        self.0.expr(expr);
        visitor::walk_expr(self, expr);
    }
}

/// A class layout being collected: the body's own statements are read when
/// it begins, then every expression of the body (methods included) is
/// shown to [`LayoutScan::expr`], by [`class_layout`]'s own walk or by a
/// pass that already walks the file (the whole-project summary rides the
/// rule walk instead of walking each class body a second time).
#[derive(Debug)]
pub struct LayoutScan<'a> {
    layout: ClassLayout,
    /// The module's statements: a module function a method hands `self` to
    /// may set attributes on it.
    module: &'a [Stmt],
    /// The first parameter of each method that is not static or a classmethod.
    self_names: Vec<&'a str>,
    self_attributes: Vec<&'a str>,
    /// Attributes read through `self`: one the class never sets nor
    /// defines, with no base class to define it, is set on its instances
    /// from outside (`label.extents = ...`, read as `self.extents`).
    self_loads: Vec<&'a str>,
    /// Attributes a function of the module stores on an instance the class
    /// hands it (`_set_name(name, serial, self)`).
    stored_outside: Vec<&'a str>,
    has_bases: bool,
    /// The body starts with a docstring: the class then has a `__doc__` of
    /// its own, which a slot of that name would conflict with.
    documented: bool,
    fields: Vec<&'a str>,
    class_assignments: Vec<&'a str>,
    class_definitions: Vec<&'a str>,
}

impl<'a> LayoutScan<'a> {
    /// Reads the statements directly in the body of `class`, defined in the
    /// module whose statements are `module`.
    pub fn begin(class: &'a ast::StmtClassDef, module: &'a [Stmt]) -> Self {
        let mut layout = ClassLayout::default();
        let mut self_names: Vec<&str> = Vec::new();
        // Borrowed from the AST while scanning; joined into `Names` at the end.
        let mut class_assignments: Vec<&str> = Vec::new();
        let mut fields: Vec<&str> = Vec::new();
        let mut class_definitions: Vec<&str> = Vec::new();
        let mut defaulted_fields: Vec<&str> = Vec::new();
        let mut own_init = None;
        for stmt in &class.body {
            match stmt {
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        bound_names(target, &mut class_assignments);
                        if assign.value.is_none_literal_expr()
                            && matches!(target, Expr::Name(n) if is_instance_like(n.id.as_str()))
                        {
                            layout.instance_defaults = true;
                        }
                    }
                }
                Stmt::AnnAssign(assign) => {
                    if let Expr::Name(name) = assign.target.as_ref() {
                        fields.push(name.id.as_str());
                        if assign.value.is_some() {
                            class_assignments.push(name.id.as_str());
                            defaulted_fields.push(name.id.as_str());
                            if is_instance_like(name.id.as_str()) {
                                layout.instance_defaults = true;
                            }
                        }
                    }
                }
                Stmt::AugAssign(assign) => bound_names(&assign.target, &mut class_assignments),
                Stmt::FunctionDef(def) => {
                    class_definitions.push(def.name.id.as_str());
                    if def.name.id.as_str() == "__init__" {
                        own_init = Some(def);
                    }
                    if def.name.id.as_str() == "__new__" {
                        let (sets_attributes, uses_cls) = new_facts(def);
                        layout.needs_dict |= sets_attributes;
                        layout.creates_no_instances = !uses_cls;
                    }
                    // `def __init__(...): raise ImportError("needs torch-sparse")`:
                    // a stand-in for a class an optional dependency provides;
                    // building one always fails.
                    if def.name.id.as_str() == "__init__"
                        && def
                            .body
                            .iter()
                            .find(|s| !is_docstring(s))
                            .is_some_and(Stmt::is_raise_stmt)
                    {
                        layout.creates_no_instances = true;
                    }
                    let is_static = def.decorator_list.iter().any(|d| {
                        decorator_last(&d.expression)
                            .is_some_and(|n| n == "staticmethod" || n == "classmethod")
                    });
                    if !is_static
                        && let Some(first) = def
                            .parameters
                            .posonlyargs
                            .iter()
                            .chain(&def.parameters.args)
                            .next()
                        && !self_names.contains(&first.parameter.name.id.as_str())
                    {
                        self_names.push(first.parameter.name.id.as_str());
                    }
                    // `cached_property` among them: it writes to `__dict__`.
                    // A decorated `__init__` runs the decorator's wrapper on
                    // every new instance, which may store on it attributes
                    // the class never names (gluonts' `@validated()` sets
                    // `self.__init_args__`).
                    if may_cache_on_instance(def)
                        || (def.name.id.as_str() == "__init__" && has_unknown_decorator(def))
                    {
                        layout.needs_dict = true;
                    }
                }
                Stmt::ClassDef(nested) => class_definitions.push(nested.name.id.as_str()),
                _ => {}
            }
        }
        // `@dataclass` keeps an `__init__` the class writes itself, and
        // its instances read a field that `__init__` leaves unset from the
        // class's default (pytest-bdd's `Step.background`). `slots=True`
        // takes the defaults out of the class to make room for the slots:
        // reading such a field then raises `AttributeError`.
        if let Some(init) = own_init {
            layout.init_skips_base = !crate::find::body_contains_outside_definitions(
                &init.body,
                |expr| {
                    matches!(expr, Expr::Call(call)
                        if matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "__init__"))
                },
            );
        }
        if let Some(init) = own_init
            && is_plain_dataclass(class)
            && !defaulted_fields.is_empty()
        {
            let stored = init_self_stores(init);
            if defaulted_fields.iter().any(|f| !stored.contains(f)) {
                layout.needs_dict = true;
            }
        }
        layout.has_slots = class_assignments
            .iter()
            .chain(&fields)
            .any(|n| *n == "__slots__");
        if class_definitions
            .iter()
            .chain(&class_assignments)
            .any(|n| DICT_DUNDERS.contains(n))
        {
            layout.needs_dict = true;
        }
        Self {
            layout,
            module,
            self_names,
            self_attributes: Vec::new(),
            self_loads: Vec::new(),
            stored_outside: Vec::new(),
            has_bases: class
                .bases()
                .iter()
                .any(|b| !matches!(b, Expr::Name(n) if n.id.as_str() == "object")),
            documented: class.body.first().is_some_and(is_docstring),
            fields,
            class_assignments,
            class_definitions,
        }
    }

    /// The finished layout.
    pub fn finish(mut self) -> ClassLayout {
        self.self_attributes.sort_unstable();
        self.self_attributes.dedup();
        let mut layout = self.layout;
        let known = |name: &&str| {
            self.self_attributes.binary_search(name).is_ok()
                || self.fields.contains(name)
                || self.class_assignments.contains(name)
                || self.class_definitions.contains(name)
        };
        if !self.self_loads.iter().all(known) || !self.stored_outside.iter().all(known) {
            layout.needs_dict = true;
        }
        // `self.__doc__ = ...` in a class with a docstring: a per-instance
        // docstring can only live in a `__dict__` (a `__doc__` slot
        // conflicts with the class's own, a ValueError at class creation).
        if self.documented && self.self_attributes.binary_search(&"__doc__").is_ok() {
            layout.needs_dict = true;
        }
        let set = layout.set_names(
            &self.self_attributes.join(" "),
            &self.fields.join(" "),
            &self.class_assignments.join(" "),
            &self.class_definitions.join(" "),
        );
        debug_assert!(set.is_some(), "identifiers hold no line breaks");
        layout
    }
}

/// Where a statement can be inserted at the top of a class body (before
/// the first statement after the docstring), and the body's indentation;
/// `None` when the body starts on the `class` line (`class A: pass`), holds
/// only a docstring, or is not indented with blanks.
pub fn body_insertion(source: &str, class: &ast::StmtClassDef) -> Option<(TextSize, String)> {
    let first = class.body.first()?;
    let docstring = is_docstring(first);
    let anchor = if docstring { class.body.get(1)? } else { first };
    let start = usize::from(anchor.start());
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = source.get(line_start..start)?;
    if indent.is_empty() || !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    Some((anchor.start(), indent.to_owned()))
}

/// The text inserted at a point found by [`body_insertion`]:
/// `__slots__ = ("a", "b")`, a blank line, and the indentation.
pub fn slots_insertion_text(indent: &str, names: &[&str]) -> String {
    let tuple = match names {
        [] => "()".to_owned(),
        [one] => format!("(\"{one}\",)"),
        many => format!(
            "({})",
            many.iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("__slots__ = {tuple}\n\n{indent}")
}

/// Whether `__new__` sets attributes on the object it creates
/// (`obj = super().__new__(cls); obj._name = name`: they live in the
/// `__dict__` too, but not on `self`), and whether it reads its class
/// argument at all.
fn new_facts(def: &ast::StmtFunctionDef) -> (bool, bool) {
    struct Scan<'n> {
        cls: Option<&'n str>,
        stores: bool,
        uses_cls: bool,
    }
    impl<'a> Visitor<'a> for Scan<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Attribute(attribute) if attribute.ctx == ExprContext::Store => {
                    self.stores = true;
                }
                Expr::Name(name) if Some(name.id.as_str()) == self.cls => self.uses_cls = true,
                Expr::Call(call) if call.arguments.is_empty() => {
                    // `super().__new__(...)` finds the class on its own.
                    if matches!(call.func.as_ref(), Expr::Name(n) if n.id.as_str() == "super") {
                        self.uses_cls = true;
                    }
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
    }
    let cls = def
        .parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .next()
        .map(|p| p.parameter.name.id.as_str());
    let mut scan = Scan {
        cls,
        stores: false,
        // `def __new__(*args)` passes the class on in `args`.
        uses_cls: cls.is_none(),
    };
    for stmt in &def.body {
        scan.visit_stmt(stmt);
    }
    (scan.stores, scan.uses_cls)
}

fn decorator_last(expression: &Expr) -> Option<&str> {
    let callee = match expression {
        Expr::Call(call) => &call.func,
        other => other,
    };
    match callee {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

/// A method that takes only `self` under a decorator not known to keep
/// nothing on the instance: a descriptor that may cache its value in the
/// instance's `__dict__` (see [`STATELESS_METHOD_DECORATORS`]). Or any
/// method under a caching decorator other than `functools`' (which keep
/// their cache on the function): `@cachedmethod`, `@memoize_method` may
/// keep the cache, or the cached function itself, on the instance.
fn may_cache_on_instance(def: &ast::StmtFunctionDef) -> bool {
    let parameters = &def.parameters;
    let only_self = parameters.posonlyargs.len() + parameters.args.len() == 1
        && parameters.vararg.is_none()
        && parameters.kwarg.is_none()
        && parameters.kwonlyargs.is_empty();
    let caches_per_instance = def.decorator_list.iter().any(|d| {
        decorator_last(&d.expression).is_some_and(|name| {
            let name = name.to_ascii_lowercase();
            (name.contains("cache") || name.contains("memo"))
                && !matches!(name.as_str(), "cache" | "lru_cache")
        })
    });
    (only_self && has_unknown_decorator(def)) || caches_per_instance
}

/// Whether a decorator of `def` is not among those known to keep nothing on
/// the instance (see [`STATELESS_METHOD_DECORATORS`]).
fn has_unknown_decorator(def: &ast::StmtFunctionDef) -> bool {
    def.decorator_list.iter().any(|d| {
        decorator_last(&d.expression)
            .is_none_or(|name| !STATELESS_METHOD_DECORATORS.contains(&name))
    })
}

/// Decorated with the standard library's `dataclass`, which (unlike
/// `attrs`) leaves a class's own `__init__` in place.
fn is_plain_dataclass(class: &ast::StmtClassDef) -> bool {
    class
        .decorator_list
        .iter()
        .any(|d| decorator_last(&d.expression) == Some("dataclass"))
}

/// The attributes `__init__` stores on its first parameter, anywhere in
/// its body.
fn init_self_stores(init: &ast::StmtFunctionDef) -> Vec<&str> {
    struct Stores<'a> {
        this: Option<&'a str>,
        names: Vec<&'a str>,
    }
    impl<'a> Visitor<'a> for Stores<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Attribute(attribute) = expr
                && attribute.ctx == ExprContext::Store
                && matches!(attribute.value.as_ref(), Expr::Name(n) if Some(n.id.as_str()) == self.this)
            {
                self.names.push(attribute.attr.as_str());
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut stores = Stores {
        this: init
            .parameters
            .posonlyargs
            .iter()
            .chain(&init.parameters.args)
            .next()
            .map(|p| p.parameter.name.id.as_str()),
        names: Vec::new(),
    };
    stores.visit_body(&init.body);
    stores.names
}

/// A name that reads like instance data, not a dunder or a CONSTANT.
fn is_instance_like(name: &str) -> bool {
    !name.starts_with("__") && name.chars().any(char::is_lowercase)
}

/// `weakref.ref`, `WeakSet`, `weak_ref`...: a callee that probably takes a
/// weak reference, which a slotted class without `__weakref__` refuses.
fn mentions_weak(callee: &Expr) -> bool {
    match callee {
        Expr::Name(name) => contains_weak(name.id.as_str()),
        Expr::Attribute(attribute) => {
            contains_weak(attribute.attr.as_str()) || mentions_weak(&attribute.value)
        }
        _ => false,
    }
}

/// `weak` in any case, without allocating a lower-cased copy.
fn contains_weak(name: &str) -> bool {
    name.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"weak"))
}

fn bound_names<'a>(target: &'a Expr, out: &mut Vec<&'a str>) {
    for_each_target(target, &mut |place| {
        if let Expr::Name(name) = place {
            out.push(name.id.as_str());
        }
    });
}

/// What `def` does to the attributes of its parameter `name`: whether it
/// sets or reads them by computed names or through its `__dict__`
/// (`setattr(obj, k, v)`, `obj.__dict__.update(...)`, `vars(obj)`: the
/// object needs a `__dict__`), and the names it stores on it (`obj.x = v`).
fn parameter_attribute_stores<'a>(
    def: &'a ast::StmtFunctionDef,
    name: &str,
) -> (bool, Vec<&'a str>) {
    struct Scan<'n, 'a> {
        name: &'n str,
        dynamic: bool,
        stored: Vec<&'a str>,
    }
    impl<'a> Visitor<'a> for Scan<'_, 'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            let is_param = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == self.name);
            match expr {
                Expr::Call(call)
                    if matches!(call.func.as_ref(), Expr::Name(f)
                        if matches!(f.id.as_str(), "setattr" | "delattr" | "vars"))
                        && call.arguments.args.first().is_some_and(is_param) =>
                {
                    self.dynamic = true;
                }
                Expr::Attribute(attribute)
                    if attribute.attr.as_str() == "__dict__" && is_param(&attribute.value) =>
                {
                    self.dynamic = true;
                }
                Expr::Attribute(attribute)
                    if attribute.ctx == ExprContext::Store && is_param(&attribute.value) =>
                {
                    self.stored.push(attribute.attr.as_str());
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut scan = Scan {
        name,
        dynamic: false,
        stored: Vec::new(),
    };
    scan.visit_body(&def.body);
    (scan.dynamic, scan.stored)
}

impl<'a> LayoutScan<'a> {
    fn is_self(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if self.self_names.contains(&name.id.as_str()))
    }

    /// One expression of the class body (the caller walks into its children).
    pub fn expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(attribute) => {
                let attr = attribute.attr.as_str();
                // Every attribute of every method passes here: the dunder
                // test is cheap before the list is searched.
                if attr.starts_with("__") && DICT_DUNDERS.contains(&attr) {
                    self.layout.needs_dict = true;
                }
                if self.is_self(&attribute.value) {
                    match attribute.ctx {
                        ExprContext::Store => self.self_attributes.push(attr),
                        ExprContext::Load if !self.has_bases && !attr.starts_with("__") => {
                            self.self_loads.push(attr);
                        }
                        _ => {}
                    }
                }
            }
            Expr::Call(call) => self.call(call),
            _ => {}
        }
    }

    /// A call in the class body. Kept out of [`LayoutScan::expr`], which
    /// runs for every attribute of the body: inlined, its many locals made
    /// each of those calls save and restore every register.
    #[inline(never)]
    fn call(&mut self, call: &'a ast::ExprCall) {
        let callee = match call.func.as_ref() {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        let first_is_self = call.arguments.args.first().is_some_and(|a| self.is_self(a));
        let any_self = call.arguments.args.iter().any(|a| self.is_self(a))
            || call
                .arguments
                .keywords
                .iter()
                .any(|k| self.is_self(&k.value));
        match callee {
            Some("vars") if !call.arguments.args.is_empty() => {
                self.layout.needs_dict = true;
            }
            // `functools.update_wrapper(self, fn)` copies the
            // wrapped function's `__name__`, `__doc__`, `__wrapped__`
            // and `__dict__` onto the instance (a callable object
            // standing in for a function).
            Some("setattr" | "delattr" | "update_wrapper") if first_is_self => {
                self.layout.needs_dict = true;
            }
            Some("super") if call.arguments.is_empty() => {
                self.layout.zero_argument_super = true;
            }
            _ if any_self && mentions_weak(&call.func) => self.layout.needs_dict = true,
            _ => {}
        }
        // `getSimple(self, attrs, "a", "b")`, a function of the
        // module that `setattr`s on its argument: the instance gets
        // attributes its class never names. So does one that stores
        // named attributes on it (`_set_name(name, serial, self)`
        // setting `obj._base_name`), unless the class assigns them too.
        if any_self
            && let Expr::Name(name) = call.func.as_ref()
            && let Some(position) = call.arguments.args.iter().position(|a| self.is_self(a))
            && let Some(def) = self.module.iter().find_map(|stmt| match stmt {
                Stmt::FunctionDef(def) if def.name.id == name.id => Some(def),
                _ => None,
            })
            && let Some(parameter) = def
                .parameters
                .posonlyargs
                .iter()
                .chain(&def.parameters.args)
                .nth(position)
        {
            let (dynamic, stored) =
                parameter_attribute_stores(def, parameter.parameter.name.id.as_str());
            self.layout.needs_dict |= dynamic;
            self.stored_outside.extend(stored);
        }
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && attribute.attr.as_str() == "finalize"
            && any_self
        {
            self.layout.needs_dict = true;
        }
        // `functools.wraps(fn)(self)`: `update_wrapper` by another name.
        if first_is_self
            && let Expr::Call(decorator) = call.func.as_ref()
            && match decorator.func.as_ref() {
                Expr::Name(name) => name.id.as_str() == "wraps",
                Expr::Attribute(attribute) => attribute.attr.as_str() == "wraps",
                _ => false,
            }
        {
            self.layout.needs_dict = true;
        }
    }
}

/// A string literal statement: a docstring.
fn is_docstring(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(e) if e.value.is_string_literal_expr())
}

#[cfg(test)]
mod tests {
    use super::ClassLayout;

    #[test]
    fn names_keep_order_and_membership() {
        let mut layout = ClassLayout::default();
        assert!(layout.self_attributes().is_empty());
        assert_eq!(layout.class_definitions().iter().count(), 0);
        assert!(layout.set_names("a _b __c__", "", "x", "").is_some());
        let names = layout.self_attributes();
        assert_eq!(names.iter().collect::<Vec<_>>(), ["a", "_b", "__c__"]);
        assert!(names.contains("_b"));
        assert!(!names.contains("b"));
        assert!(!names.contains(""));
        assert!(!names.is_empty());
        let none = layout.fields();
        assert!(none.is_empty());
        assert_eq!(none.iter().count(), 0);
        assert!(!none.contains(""));
        assert_eq!(layout.class_assignments().as_joined(), "x");
        assert!(layout.class_definitions().is_empty());
        assert!(layout.set_names("a\nb", "", "", "").is_none());
    }

    #[test]
    fn each_list_is_its_line() {
        let mut layout = ClassLayout::default();
        for lists in [
            ["a b", "c", "", "d e"],
            ["", "", "", "z"],
            ["x", "", "", ""],
            ["", "é", "", ""],
        ] {
            assert!(
                layout
                    .set_names(lists[0], lists[1], lists[2], lists[3])
                    .is_some()
            );
            let read = [
                layout.self_attributes(),
                layout.fields(),
                layout.class_assignments(),
                layout.class_definitions(),
            ];
            assert_eq!(read.map(super::Names::as_joined), lists);
        }
        assert_eq!(layout.list(4).as_joined(), "");
    }
}
