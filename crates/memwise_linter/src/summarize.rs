//! Builds a file's [`FileSummary`] during the rule walk (the same pass, the
//! same index), so whole-project rules can run after the AST is dropped.
//! What a fact means for a rule is decided next to the rule (MEM306's
//! `returns_built_list`, MEM402's `class_decorators`); this module only
//! gathers. `references` records what other files need, `loops` where the
//! walk repeats.

mod loops;
mod references;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};

use memwise_core::facts_lifetime::keeps_parameter;
use memwise_core::facts_slots::ClassLayout;
use memwise_core::facts_slots::{LayoutScan, body_insertion};
use memwise_core::python::{
    CONTAINER_ADD_METHODS, CONTAINER_MERGE_METHODS, DICT_VIEWS, dict_view_receiver, exported_names,
    few_item_display, few_items, from_import_name, is_class_of, is_main_guard, snake_name,
    walked_iterables,
};
use memwise_core::semantic::{BindingId, attribute_root};
use memwise_core::summary::{
    CallSite, ClassFact, DATACLASSES_BY_DICT, FunctionFact, ImportsBuilder, SERIALIZED_BY_DICT,
    Target,
};
use memwise_core::uses::{Use, UseKind};
use memwise_core::{BindingKind, FileSummary, ScopeId, ScopeKind, SemanticIndex};
use memwise_rules::{class_decorators, returns_built_list};

use references::is_private;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// An attribute stored on an object, and its [`named_store`] entry.
type Stored = (Box<str>, Option<Box<str>>);

/// The summary being built, and what must wait for the end of the walk.
pub(crate) struct Summarizer<'a> {
    source: &'a str,
    index: &'a SemanticIndex,
    summary: FileSummary,
    /// `x.attr = ...` with a plain-name receiver: the receiver's range and the attribute.
    attribute_stores: Vec<(TextRange, Box<str>)>,
    /// Attributes stored on receivers of unknown type (see
    /// [`Summarizer::attribute_store`]).
    unknown_stores: Vec<Box<str>>,
    /// Stores through a name that is not `self`, a module, a function or a
    /// class: unknown unless the name turns out bound to a call of a class.
    maybe_unknown_stores: Vec<(TextRange, Stored)>,
    /// The target of each `for name in ("a", "b"):` and the strings it
    /// takes: `setattr(obj, name, ...)` in its body stores those names.
    literal_loop_names: Vec<(TextRange, &'a [Expr])>,
    /// Whether `setattr(x, ...)` or `vars(x)` stored through a name: only
    /// then is a use of a bound name other than `x.attr` a store.
    stores_through_calls: bool,
    /// Calls bound to a name (`x = C()`): the call's position in `calls` and the binding.
    bound_calls: Vec<(usize, BindingId)>,
    /// Calls stored into an item (`results[i, j] = C()`): the scope, the
    /// item's source text and the call's position in `calls`.
    item_calls: Vec<(ScopeId, &'a str, usize)>,
    /// Stores through an item of a named container (`results[i, j].x = ...`):
    /// the scope, the item's source text and the attribute. On an item some
    /// call of a class was stored into, in the same scope, they are that
    /// class's; otherwise of unknown type.
    item_stores: Vec<(ScopeId, &'a str, Stored)>,
    /// Names tested with `if isinstance(x, C):`: the test's position in
    /// `calls`, the name's binding and the statements the test guards. What
    /// those store through the name, or read from its `__dict__`, is done
    /// to an instance of `C`.
    narrowed: Vec<(usize, BindingId, TextRange)>,
    /// Names tested with `dataclasses.is_dataclass(x)`, with what the test
    /// guards, and names whose `__dict__` is read (`x.__dict__`, `vars(x)`),
    /// with where: a read the test guards is a helper that works on any
    /// dataclass through its `__dict__` ([`DATACLASSES_BY_DICT`]).
    dataclass_tests: Vec<(BindingId, TextRange)>,
    dict_reads: Vec<(BindingId, TextSize)>,
    /// Names bound to a display of a few items (`packages = ["a", "b"]`): a
    /// loop over one runs a few times, as one over the display does.
    few_item_names: Vec<BindingId>,
    /// Those of them bound in a class body: the tables a loop reaches
    /// through `self` ([`Summarizer::few_item_class_attribute`]).
    few_item_tables: Vec<BindingId>,
    /// Each such table's name, once the file is scanned for changes of an
    /// attribute of that name, and whether it has none.
    unchanged_tables: std::cell::RefCell<Vec<(Box<str>, bool)>>,
    /// Parameters whose default is such a display (`def unlock(self,
    /// banks=[0, 1])`): the default shows what callers pass, a handful of
    /// settings rather than data.
    few_item_parameters: Vec<BindingId>,
    /// Calls whose result a parent iterates once (a `for`, a comprehension,
    /// a once-consumer such as `sum`), marked before the call is visited.
    iterated_calls: HashSet<TextRange>,
    /// The callee expressions whose call's result is iterated once.
    iterated_callees: HashSet<TextRange>,
    /// For each binding, how far into its uses the walk has come: the rule
    /// walk meets loads in the order the index recorded them, so looking a
    /// load up resumes where the last one was found instead of rescanning.
    use_cursors: HashMap<BindingId, usize>,
    /// How many loads the walk has met: the next load's position in the
    /// index's list (see [`SemanticIndex::load_at`]).
    loads_seen: usize,
    /// The module-level class whose body the walk is in: its layout is
    /// collected from the expressions the walk meets (see [`LayoutScan`]).
    open_class: Option<OpenClass<'a>>,
    /// The module-level imports so far.
    imports: ImportsBuilder,
    /// The module's statements: whether a call runs once at import.
    module: &'a [Stmt],
    /// The module's `def`s by name, the first of each name (see
    /// [`Summarizer::callee_def`]).
    module_functions: HashMap<&'a str, &'a ast::StmtFunctionDef>,
    /// The loops around the walk's position (see [`Summarizer::push_loop`]):
    /// the range of the `for`/`while` statement or
    /// comprehension, the range of its first iterable (evaluated once, not
    /// per iteration), and whether it runs over a few items at most (a
    /// literal display, a small `range`, a constant).
    loops: Vec<(TextRange, TextRange, bool)>,
    /// The file is a package's `__main__` module: what its module-level
    /// functions call outside loops runs once per process.
    main_module: bool,
    /// Its module-level functions a process runs once
    /// ([`memwise_core::python::entry_functions`]), by their ranges.
    entry_functions: Vec<TextRange>,
    /// The bodies of module-level `if __name__ == "__main__":` blocks and
    /// of `unittest.TestCase` classes: demo and test code, whose loops do
    /// not count.
    demo_and_test_code: Vec<TextRange>,
    /// Module-level blocks that run only for type checkers (`if
    /// TYPE_CHECKING:`, the `else` of `if not TYPE_CHECKING:`).
    type_checking_only: Vec<TextRange>,
    /// Expressions whose value is kept beyond one iteration: a list, set or
    /// dict comprehension's element, an argument of `append`/`add`/...,
    /// the value of `x[k] = ...` or `x.a = ...` (and the items of a tuple
    /// or list display in those places).
    kept: HashSet<TextRange>,
    /// In-loop calls bound to a name (`p = C(...)`): the call's position
    /// in `calls` and the binding, to decide at the end whether the
    /// instance is kept (`ps.append(p)`).
    bound_in_loop: Vec<(usize, BindingId, TextRange)>,
    /// Names bound by module-level imports: only their loads can be
    /// references of an imported function.
    imported_names: HashSet<Box<str>>,
    /// For each binding, whether it is an import whose statement the walk
    /// has passed (its name is in `imported_names` then): a load resolved
    /// to one needs no set lookup (see [`Summarizer::may_be_imported`]).
    walked_imports: Vec<bool>,
    /// A callee or the value of an attribute load: part of a longer
    /// expression that [`Summarizer::imported_use`] already counted. The
    /// walk meets a call's callee and an attribute's value right after the
    /// expression itself, so only the last one noted can be met next: one
    /// range, not a set of them (a hash insert for every call of an
    /// imported name, and a lookup for every load of one).
    explained: Option<TextRange>,
    /// The position of each target in the summary's `imported_calls`.
    imported_positions: HashMap<Box<str>, usize>,
    /// A buffer for the qualified name of an imported use (see
    /// [`Summarizer::imported_use`]).
    qualified: String,
}

/// A module-level class whose layout is still being collected.
struct OpenClass<'a> {
    /// Its position in the summary's classes.
    fact: usize,
    /// From the first statement of its body to its end.
    body: TextRange,
    scan: LayoutScan<'a>,
    /// Its `def`s by name, the first of each name: `self.m(C())` looks up
    /// what `m` does with `C()`, and scanning the body for each call was
    /// quadratic in a large test class.
    methods: HashMap<&'a str, &'a ast::StmtFunctionDef>,
}

/// How many `.append(...)` calls outside loops a list bound to a few-item
/// display may take and still hold a few items.
const MAX_STRAIGHT_APPENDS: usize = 8;

/// The first `def` of each name among `body`'s statements.
fn functions_by_name(body: &[Stmt]) -> HashMap<&str, &ast::StmtFunctionDef> {
    // Sized first: grown as `def`s were met, the map of each class and
    // module was rehashed several times (2,939 rehashes on a tenth of the
    // benchmark corpus).
    let defs = body
        .iter()
        .filter(|stmt| stmt.is_function_def_stmt())
        .count();
    let mut functions = HashMap::with_capacity_and_hasher(defs, FxBuildHasher);
    for stmt in body {
        if let Stmt::FunctionDef(def) = stmt {
            functions.entry(def.name.id.as_str()).or_insert(def);
        }
    }
    functions
}

impl<'a> Summarizer<'a> {
    /// `main_module`: the file is a package's `__main__` module
    /// ([`memwise_core::python::is_main_module`]).
    /// `tests`: the module's test definitions
    /// ([`memwise_core::python::test_definitions`]), which the checker
    /// finds once for the rules and the summary.
    pub(crate) fn new(
        source: &'a str,
        index: &'a SemanticIndex,
        module: &'a [Stmt],
        tests: Vec<TextRange>,
        main_module: bool,
    ) -> Self {
        Self {
            source,
            index,
            module,
            main_module,
            entry_functions: memwise_core::python::entry_functions(module),
            module_functions: functions_by_name(module),
            summary: FileSummary::default(),
            attribute_stores: Vec::new(),
            unknown_stores: Vec::new(),
            maybe_unknown_stores: Vec::new(),
            literal_loop_names: Vec::new(),
            stores_through_calls: false,
            bound_calls: Vec::new(),
            item_calls: Vec::new(),
            item_stores: Vec::new(),
            narrowed: Vec::new(),
            dataclass_tests: Vec::new(),
            dict_reads: Vec::new(),
            few_item_names: Vec::new(),
            few_item_tables: Vec::new(),
            unchanged_tables: std::cell::RefCell::default(),
            few_item_parameters: Vec::new(),
            iterated_calls: HashSet::default(),
            iterated_callees: HashSet::default(),
            use_cursors: HashMap::default(),
            loads_seen: 0,
            open_class: None,
            imports: ImportsBuilder::default(),
            loops: Vec::new(),
            // Tests kept in the module they test (a `unittest.TestCase`,
            // pytest's `test_*` functions): what they make lives for one test.
            demo_and_test_code: tests,
            type_checking_only: Vec::new(),
            kept: HashSet::default(),
            bound_in_loop: Vec::new(),
            imported_names: HashSet::default(),
            walked_imports: Vec::new(),
            explained: None,
            imported_positions: HashMap::default(),
            qualified: String::new(),
        }
    }

    /// Stores the layout of the class being collected, once the walk has left it.
    fn close_class(&mut self) {
        if let Some(open) = self.open_class.take() {
            self.summary.classes[open.fact].layout = open.scan.finish();
        }
    }

    /// Whether a loop over `iterable` runs over a few items at most
    /// ([`few_items`]), also through a name bound to a display of a few
    /// items that the code only reads (`for pkg in packages` after
    /// `packages = ["mkdocstrings-python"]`), or through a view of such a
    /// dict (`for l, s in states.items()`).
    fn few_items(&self, iterable: &Expr, scope: ScopeId) -> bool {
        if few_items(iterable) {
            return true;
        }
        // `zip(conditionings, regions)` over two such names (InvokeAI's
        // unconditioned and conditioned pair), as `few_items` takes these
        // walkers of displays; the name handed to the walker is walked.
        if let Some(walked) = walked_iterables(iterable) {
            return walked.iter().all(|a| match a {
                Expr::Name(name) => self.few_item_name(name, scope, Some(a.range())),
                _ => self.few_items(a, scope),
            });
        }
        let viewed = dict_view_receiver(iterable);
        if let Expr::Attribute(attribute) = viewed.unwrap_or(iterable) {
            return self.few_item_class_attribute(attribute, scope);
        }
        let Expr::Name(name) = viewed.unwrap_or(iterable) else {
            return false;
        };
        self.few_item_name(name, scope, None)
    }

    /// [`Summarizer::few_items`] for a name; `walked_at` is where a
    /// walker (`zip(name, ...)`) is handed it, a use that only reads.
    fn few_item_name(
        &self,
        name: &ast::ExprName,
        scope: ScopeId,
        walked_at: Option<TextRange>,
    ) -> bool {
        if self.few_item_names.is_empty() && self.few_item_parameters.is_empty() {
            return false;
        }
        self.index
            .resolve_name(scope, name.id.as_str(), name.start())
            .is_some_and(|b| {
                // A parameter may also be handed on to another function
                // (with the same few items).
                let handed_on = self.few_item_parameters.contains(&b);
                let binding = self.index.binding(b);
                // `roots = []`, then `roots.append(train)` and
                // `roots.append(test)` under `if`s: each append outside a
                // loop adds one item, so a few of them keep it a few.
                // `states.items()`, `.keys()`, `.values()`: a view that
                // reads the entries and leaves them as they are.
                let reads_view = |u: &Use| {
                    self.source
                        .get(usize::from(u.range.end())..)
                        .and_then(|rest| rest.strip_prefix('.'))
                        .is_some_and(|rest| {
                            DICT_VIEWS.iter().any(|view| {
                                rest.strip_prefix(view)
                                    .is_some_and(|call| call.starts_with("()"))
                            })
                        })
                };
                let mut appends = 0;
                let mut appended_once = |u: &Use| {
                    appends += 1;
                    appends <= MAX_STRAIGHT_APPENDS
                        && u.innermost_loop.is_none()
                        && u.scope == binding.scope
                        && self
                            .source
                            .get(usize::from(u.range.end())..)
                            .is_some_and(|rest| rest.starts_with(".append("))
                };
                (handed_on || self.few_item_names.contains(&b))
                    && binding.uses.iter().all(|u| match u.kind {
                        kind if kind.only_reads() => true,
                        UseKind::Argument if walked_at == Some(u.range) => true,
                        UseKind::Argument => handed_on,
                        UseKind::Attribute => !handed_on && (reads_view(u) || appended_once(u)),
                        _ => false,
                    })
            })
    }

    /// `self._vars` in a method, where the class body binds `_vars` once
    /// to a display of a few items and no code of the file stores,
    /// extends or adds to an attribute of that name: a class-level table,
    /// as configuration is (mangadex-downloader's seven settings).
    fn few_item_class_attribute(&self, attribute: &ast::ExprAttribute, scope: ScopeId) -> bool {
        if self.few_item_tables.is_empty()
            || !matches!(&*attribute.value, Expr::Name(n) if matches!(n.id.as_str(), "self" | "cls"))
        {
            return false;
        }
        let mut class_scope = self.index.scope(scope).parent;
        while let Some(id) = class_scope {
            let found = self.index.scope(id);
            if found.kind == ScopeKind::Class {
                break;
            }
            class_scope = found.parent;
        }
        let Some(class_scope) = class_scope else {
            return false;
        };
        let attr = attribute.attr.as_str();
        let [binding] = self.index.scope(class_scope).bindings_of(attr) else {
            return false;
        };
        if !self.few_item_tables.contains(binding) {
            return false;
        }
        if let Some(&(_, unchanged)) = self
            .unchanged_tables
            .borrow()
            .iter()
            .find(|(name, _)| &**name == attr)
        {
            return unchanged;
        }
        // Any store, augmented store or in-place growth of an attribute
        // of that name, through whatever object, may change the table.
        let dotted = format!(".{attr}");
        let unchanged = !self.source.match_indices(&dotted).any(|(at, _)| {
            let after = &self.source[at + dotted.len()..];
            // A longer name (`._vars_by_key`) is another attribute.
            if after.starts_with(|c: char| c == '_' || c.is_alphanumeric()) {
                return false;
            }
            let rest = after.trim_start_matches([' ', '\t']);
            rest.starts_with('=') && !rest.starts_with("==")
                || ["+=", "|=", "["].iter().any(|op| rest.starts_with(op))
                || rest.strip_prefix('.').is_some_and(|call| {
                    CONTAINER_ADD_METHODS
                        .iter()
                        .chain(CONTAINER_MERGE_METHODS)
                        .any(|m| call.starts_with(m))
                })
        });
        self.unchanged_tables
            .borrow_mut()
            .push((attr.into(), unchanged));
        unchanged
    }

    /// A statement, seen from `scope`.
    pub(crate) fn stmt(&mut self, stmt: &'a Stmt, scope: ScopeId) {
        if let Stmt::Assign(assign) = stmt
            && let [Expr::Name(target)] = &*assign.targets
            && few_item_display(&assign.value)
            && let Some(binding) = self
                .index
                .binding_at(scope, target.id.as_str(), target.range)
        {
            self.few_item_names.push(binding);
            if self.index.scope(scope).kind == ScopeKind::Class {
                self.few_item_tables.push(binding);
            }
        }
        if let Stmt::FunctionDef(def) = stmt
            && let Some(body) = self.index.definition_scope(def.range)
        {
            for parameter in def.parameters.iter_non_variadic_params() {
                // An empty default (`items=()`) says nothing of what callers pass.
                if parameter.default.as_deref().is_some_and(|d| {
                    few_item_display(d)
                        && !matches!(d, Expr::List(ast::ExprList { elts, .. })
                            | Expr::Tuple(ast::ExprTuple { elts, .. }) if elts.is_empty())
                }) && let Some(binding) = self.index.binding_at(
                    body,
                    parameter.parameter.name.as_str(),
                    parameter.parameter.name.range,
                ) {
                    self.few_item_parameters.push(binding);
                }
            }
        }
        if self
            .open_class
            .as_ref()
            .is_some_and(|open| stmt.start() >= open.body.end())
        {
            self.close_class();
        }
        match stmt {
            // A class defined only for type checkers never exists at run
            // time: it makes no instances and needs no layout.
            Stmt::ClassDef(class)
                if scope == ScopeId::MODULE
                    && !self
                        .type_checking_only
                        .iter()
                        .any(|r| r.contains_range(class.range)) =>
            {
                self.class(class);
            }
            Stmt::If(if_stmt) if scope == ScopeId::MODULE && is_type_checking(&if_stmt.test) => {
                self.type_checking_only.extend(block_range(&if_stmt.body));
            }
            Stmt::If(if_stmt)
                if scope == ScopeId::MODULE
                    && matches!(&*if_stmt.test, Expr::UnaryOp(u)
                        if u.op == ast::UnaryOp::Not && is_type_checking(&u.operand)) =>
            {
                for clause in &if_stmt.elif_else_clauses {
                    self.type_checking_only.extend(block_range(&clause.body));
                }
            }
            Stmt::Import(import) if scope == ScopeId::MODULE => {
                for alias in &import.names {
                    let (bound, target) = if let Some(asname) = &alias.asname {
                        (asname.id.as_str(), alias.name.id.as_str())
                    } else {
                        let root = alias.name.id.split('.').next().unwrap_or_default();
                        (root, root)
                    };
                    self.import_walked(scope, bound, alias.range);
                    self.imports.push(bound, target);
                }
            }
            Stmt::ImportFrom(import) if scope == ScopeId::MODULE => {
                let module = import.module.as_ref().map(ast::Identifier::as_str);
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    self.import_walked(scope, bound, alias.range);
                    let target = from_import_name(import.level, module, alias.name.id.as_str());
                    self.imports.push(bound, &target);
                }
            }
            // A function-level import's calls count too (through the index,
            // which resolves them in their scope).
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().map_or_else(
                        || alias.name.id.split('.').next().unwrap_or_default(),
                        |a| a.id.as_str(),
                    );
                    self.import_walked(scope, bound, alias.range);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    self.import_walked(scope, bound, alias.range);
                }
            }
            Stmt::FunctionDef(def)
                if scope == ScopeId::MODULE && returns_built_list(self.index, def) =>
            {
                self.summary.functions.push(FunctionFact {
                    name: def.name.id.as_str().into(),
                    name_range: def.name.range,
                    local_calls: 0,
                    local_uses_iterate: true,
                });
            }
            Stmt::If(if_stmt) if scope == ScopeId::MODULE && is_main_guard(&if_stmt.test) => {
                self.summary.has_main_guard = true;
                if let (Some(first), Some(last)) = (if_stmt.body.first(), if_stmt.body.last()) {
                    self.demo_and_test_code
                        .push(TextRange::new(first.start(), last.end()));
                }
            }
            Stmt::For(for_stmt) => {
                // A loop that awaits between items (or yields, or wakes
                // another thread) lets other code change what a generator
                // would still be reading (Home Assistant's bridges, set up
                // and removed while a service call walks them): its list is
                // a snapshot.
                if !for_stmt.is_async
                    && for_stmt.iter.is_call_expr()
                    && !memwise_core::python::loop_suspends(stmt)
                {
                    self.iterated_calls.insert(for_stmt.iter.range());
                }
                if let Expr::Name(target) = &*for_stmt.target
                    && let Expr::Tuple(ast::ExprTuple { elts, .. })
                    | Expr::List(ast::ExprList { elts, .. })
                    | Expr::Set(ast::ExprSet { elts, .. }) = &*for_stmt.iter
                    && elts.iter().all(Expr::is_string_literal_expr)
                {
                    self.literal_loop_names.push((target.range, elts));
                }
                let few = self.few_items(&for_stmt.iter, scope);
                self.push_loop((for_stmt.range(), for_stmt.iter.range(), few));
            }
            Stmt::While(while_stmt) => {
                self.loops.push((
                    while_stmt.range(),
                    TextRange::empty(while_stmt.start()),
                    false,
                ));
            }
            Stmt::Assign(assign) => {
                if assign.targets.iter().any(|t| self.store_keeps(t, scope)) {
                    self.keep(&assign.value);
                }
                assign
                    .targets
                    .iter()
                    .for_each(|t| self.store_target(t, scope));
            }
            Stmt::AnnAssign(assign) if assign.value.is_some() => {
                self.store_target(&assign.target, scope);
            }
            Stmt::AugAssign(assign) => self.store_target(&assign.target, scope),
            _ => {}
        }
    }

    /// The `def` a call runs, where the file says: `self.m(...)` inside a
    /// module-level class that defines `m`, or `f(...)` of a module-level
    /// function.
    fn callee_def(&self, func: &Expr, scope: ScopeId) -> Option<&'a ast::StmtFunctionDef> {
        let (functions, name) = match func {
            Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "self") =>
            {
                let open = self.open_class.as_ref()?;
                (&open.methods, attribute.attr.as_str())
            }
            Expr::Name(name) => {
                // The callee is the next load the walk meets: the index's
                // record of it spares resolving the name again (0.9% of a
                // run's instructions).
                let binding = self
                    .index
                    .load_at(self.loads_seen, name.start())
                    .unwrap_or_else(|| {
                        self.index
                            .resolve_name(scope, name.id.as_str(), name.start())
                    })?;
                let binding = self.index.binding(binding);
                if binding.kind != BindingKind::FunctionDef || binding.scope != ScopeId::MODULE {
                    return None;
                }
                (&self.module_functions, name.id.as_str())
            }
            _ => return None,
        };
        functions.get(name).copied()
    }

    /// `x.__dict__` or `vars(x)` read through a name.
    fn dict_read(&mut self, receiver: &Expr, scope: ScopeId) {
        if let Expr::Name(name) = receiver
            && name.id.as_str() != "self"
            && let Some(binding) = self
                .index
                .resolve_name(scope, name.id.as_str(), name.start())
        {
            self.dict_reads.push((binding, name.start()));
        }
    }

    fn store_target(&mut self, target: &Expr, scope: ScopeId) {
        match target {
            Expr::Attribute(attribute) => {
                self.attribute_store(&attribute.value, attribute.attr.as_str(), scope);
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| self.store_target(e, scope)),
            Expr::List(list) => list.elts.iter().for_each(|e| self.store_target(e, scope)),
            _ => {}
        }
    }

    /// `receiver.attribute = ...` (or `setattr(receiver, "attribute", ...)`,
    /// or a read of `receiver.__dict__`). Through a name, the store is
    /// matched with the call that bound the name at the end; through a name
    /// of unknown type (a parameter, a call of an unknown function) or any
    /// other expression (`self.level.settings = ...`), the receiver may be an
    /// instance of any class: whole-project rules must not assume the
    /// attribute is never stored on theirs.
    fn attribute_store(&mut self, receiver: &Expr, attribute: &str, scope: ScopeId) {
        // `def default(self, o): return o.__dict__`, a `JSONEncoder`'s hook
        // for objects it cannot encode: it is handed objects of any class.
        // (`self.__dict__` there is the encoder's own.)
        if attribute == "__dict__"
            && let Expr::Name(name) = receiver
            && name.id.as_str() != "self"
            && self.index.scope(scope).kind == ScopeKind::Function
            && self
                .index
                .scope(scope)
                .name
                .as_ref()
                .is_some_and(|n| n.as_str() == "default")
            && self
                .index
                .resolve_name(scope, name.id.as_str(), name.start())
                .is_some_and(|b| self.index.binding(b).kind == BindingKind::Parameter)
        {
            self.unknown_stores.push(SERIALIZED_BY_DICT.into());
        }
        if let Expr::Subscript(item) = receiver
            && item.value.is_name_expr()
        {
            let source = self.source;
            self.item_stores.push((
                scope,
                &source[item.range()],
                (attribute.into(), named_store(receiver, attribute)),
            ));
            return;
        }
        let Expr::Name(name) = receiver else {
            self.unknown_stores.push(attribute.into());
            self.unknown_stores.extend(named_store(receiver, attribute));
            return;
        };
        // In `__new__`, the object being built is an instance of the class.
        let in_new = self.index.scope(scope).kind == ScopeKind::Function
            && self
                .index
                .scope(scope)
                .name
                .as_ref()
                .is_some_and(|n| n.as_str() == "__new__");
        let known = matches!(name.id.as_str(), "self" | "cls")
            || in_new
            || self
                .index
                .resolve_name(scope, name.id.as_str(), name.start())
                .is_some_and(|b| {
                    matches!(
                        self.index.binding(b).kind,
                        BindingKind::Import(_) | BindingKind::FunctionDef | BindingKind::ClassDef
                    )
                });
        if !known {
            self.maybe_unknown_stores.push((
                name.range,
                (attribute.into(), named_store(receiver, attribute)),
            ));
        }
        self.attribute_stores.push((name.range, attribute.into()));
    }

    /// An expression, seen from `scope`; `statement` is the innermost statement around it.
    pub(crate) fn expr(&mut self, expr: &'a Expr, scope: ScopeId, statement: Option<&Stmt>) {
        // The layout scan reads attributes and calls only: handing it every
        // expression of a class body was a call for each (74,439 on a tenth
        // of the benchmark corpus).
        if let Some(open) = &mut self.open_class
            && matches!(expr, Expr::Attribute(_) | Expr::Call(_))
            && open.body.contains(expr.start())
        {
            open.scan.expr(expr);
        }
        let call = match expr {
            Expr::Call(call) => call,
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators {
                    if !generator.is_async && generator.iter.is_call_expr() {
                        self.iterated_calls.insert(generator.iter.range());
                    }
                }
                if let Some(first) = generators.first() {
                    let few = generators.iter().all(|g| self.few_items(&g.iter, scope));
                    self.push_loop((expr.range(), first.iter.range(), few));
                }
                // The result of a list, set or dict comprehension keeps every element.
                match expr {
                    Expr::ListComp(comp) => self.keep(&comp.elt),
                    Expr::SetComp(comp) => self.keep(&comp.elt),
                    Expr::DictComp(comp) => {
                        if let Some(key) = &comp.key {
                            self.keep(key);
                        }
                        self.keep(&comp.value);
                    }
                    _ => {}
                }
                return;
            }
            Expr::Name(name) if name.ctx == ExprContext::Load => {
                if self.may_be_imported(name) && self.explained != Some(name.range) {
                    self.imported_use(scope, expr, None);
                }
                // Only a name resolved to an import can be a private
                // import's: the index's record of this load says which are
                // not, before the name is looked up among the aliases.
                let maybe_import = match self.index.load_at(self.loads_seen, name.start()) {
                    Some(Some(binding)) => {
                        matches!(self.index.binding(binding).kind, BindingKind::Import(_))
                    }
                    Some(None) => false,
                    None => true,
                };
                self.loads_seen += 1;
                // Only a private name, or an alias of one, can resolve to a
                // private import: checking that first spares resolving every
                // name of the file.
                if maybe_import
                    && (is_private(name.id.as_str())
                        || self.index.is_import_alias(name.id.as_str()))
                {
                    self.private_reference(scope, expr, name.range);
                }
                return;
            }
            Expr::Attribute(attribute) if attribute.ctx == ExprContext::Load => {
                // Only loads rooted in an imported name read `explained`,
                // and the value has this load's root: a load of anything
                // else need not be noted (an insert for every attribute
                // load was 1% of a run).
                if let Some(root) = attribute_root(expr)
                    && self.may_be_imported(root)
                {
                    if self.explained != Some(attribute.range) {
                        self.imported_use(scope, expr, None);
                    }
                    self.explained = Some(attribute.value.range());
                }
                // `obj.__dict__` needs the instance dictionary `__slots__`
                // removes (`type(obj).__dict__` and `obj.__class__.__dict__`
                // are the class's).
                if attribute.attr.as_str() == "__dict__" && !is_class_of(&attribute.value) {
                    self.attribute_store(&attribute.value, "__dict__", scope);
                    self.dict_read(&attribute.value, scope);
                }
                if is_private(attribute.attr.as_str()) {
                    self.private_reference(scope, expr, attribute.range);
                }
                return;
            }
            _ => return,
        };
        self.call(call, scope, statement);
    }

    /// A call, seen from `scope`. Kept out of [`Summarizer::expr`], which
    /// runs for every expression of the file: inlined there, this made the
    /// rule walk's hook for each expression save and restore every register
    /// it uses, though most expressions are not calls.
    #[inline(never)]
    fn call(&mut self, call: &'a ast::ExprCall, scope: ScopeId, statement: Option<&Stmt>) {
        // `xs.append(C())`, `seen.add(C())`, `list(C(x) for x in xs)`: kept;
        // `xs.extend([C(), C()])` keeps the items, `data.update(C())` reads
        // the instance and drops it.
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && CONTAINER_ADD_METHODS.contains(&attribute.attr.as_str())
            && !self.made_each_pass(&attribute.value, call.range(), scope)
        {
            let merges = CONTAINER_MERGE_METHODS.contains(&attribute.attr.as_str());
            for argument in &call.arguments.args {
                if !merges || matches!(argument, Expr::List(_) | Expr::Tuple(_)) {
                    self.keep(argument);
                }
            }
        }
        // `self.set_state(host, C())`, where `set_state` stores its
        // argument in a container: kept as if stored here.
        if let Some(def) = self.callee_def(&call.func, scope) {
            let is_static = def
                .decorator_list
                .iter()
                .any(|d| matches!(&d.expression, Expr::Name(n) if n.id.as_str() == "staticmethod"));
            let skip = usize::from(!call.func.is_name_expr() && !is_static);
            let parameters = def
                .parameters
                .posonlyargs
                .iter()
                .chain(&def.parameters.args);
            for (argument, parameter) in call.arguments.args.iter().zip(parameters.skip(skip)) {
                if !argument.is_starred_expr()
                    && keeps_parameter(def, parameter.parameter.name.as_str())
                {
                    self.keep(argument);
                }
            }
        }
        if let [Expr::Generator(generator)] = call.arguments.args.as_ref()
            && call.func.is_name_expr()
            && self
                .index
                .resolves_to(
                    scope,
                    &call.func,
                    &[
                        "builtins.list",
                        "builtins.tuple",
                        "builtins.set",
                        "builtins.frozenset",
                        "builtins.dict",
                        "builtins.sorted",
                    ],
                )
                .is_some()
        {
            self.keep(&generator.elt);
        }
        // `json.dumps(vo, default=lambda o: o.__dict__)` encodes whatever it
        // cannot encode otherwise, of any class, through its `__dict__`.
        if call.arguments.keywords.iter().any(|k| {
            k.arg.as_ref().is_some_and(|a| a.as_str() == "default")
                && encodes_through_dict(&k.value)
        }) {
            self.unknown_stores.push(SERIALIZED_BY_DICT.into());
        }
        // `setattr(obj, "name", value)` stores like `obj.name = value`;
        // `vars(obj)` reads the instance dictionary.
        if let Expr::Name(function) = call.func.as_ref()
            && matches!(function.id.as_str(), "setattr" | "vars")
            && self
                .index
                .resolve_name(scope, function.id.as_str(), function.start())
                .is_none()
            && let Some(receiver) = call.arguments.args.first()
            && !matches!(receiver, Expr::Name(n) if n.id.as_str() == "self")
        {
            self.stores_through_calls |= receiver.is_name_expr();
            if function.id.as_str() == "vars" {
                if call.arguments.args.len() == 1 && !is_class_of(receiver) {
                    self.attribute_store(receiver, "__dict__", scope);
                    self.dict_read(receiver, scope);
                }
            } else if let Some(Expr::StringLiteral(name)) = call.arguments.args.get(1) {
                self.attribute_store(receiver, name.value.to_str(), scope);
            } else if let Some(Expr::Name(name)) = call.arguments.args.get(1)
                && let Some(names) = self
                    .index
                    .resolve_name(scope, name.id.as_str(), name.start())
                    .and_then(|b| {
                        let at = self.index.binding(b).range;
                        self.literal_loop_names.iter().find(|(r, _)| *r == at)
                    })
                    .map(|(_, names)| *names)
            {
                // `for f in ("name", "version"): setattr(result, f, ...)`
                // (Conan's `RequirementInfo.copy`) stores those names.
                for attribute in names {
                    if let Expr::StringLiteral(attribute) = attribute {
                        self.attribute_store(receiver, attribute.value.to_str(), scope);
                    }
                }
            } else if call.arguments.args.len() == 3
                && let Expr::Name(name) = receiver
            {
                // A name computed at run time (Kaggle's leaderboard rows get
                // a field per task slug) may be any: an instance of the
                // class that bound the name needs its dictionary, as a read
                // of `obj.__dict__` does. Through a name of unknown type it
                // says nothing of any one class.
                self.attribute_stores.push((name.range, "__dict__".into()));
            }
        }
        if let [Expr::Name(tested)] = call.arguments.args.as_ref()
            // Named so before it is resolved: most one-argument calls are not.
            && match call.func.as_ref() {
                Expr::Name(f) => f.id.as_str() == "is_dataclass",
                Expr::Attribute(a) => a.attr.as_str() == "is_dataclass",
                _ => false,
            }
            && self
                .index
                .resolves_to(scope, &call.func, &["dataclasses.is_dataclass"])
                .is_some()
            && let Some(guarded) = guarded_by(call, statement)
            && let Some(binding) =
                self.index
                    .resolve_name(scope, tested.id.as_str(), tested.start())
        {
            self.dataclass_tests.push((binding, guarded));
        }
        if let Expr::Name(function) = call.func.as_ref()
            && function.id.as_str() == "isinstance"
        {
            self.isinstance(call, scope, statement);
        }
        let root = attribute_root(&call.func);
        // The callee's root is the next load the walk meets.
        let resolved = root.and_then(|root| {
            self.index
                .load_at(self.loads_seen, root.start())
                .unwrap_or_else(|| {
                    self.index
                        .resolve_name(scope, root.id.as_str(), root.start())
                })
        });
        self.note_result_use(scope, call, statement, resolved);
        if let Some(id) = resolved
            && matches!(self.index.binding(id).kind, BindingKind::Import(_))
        {
            self.imported_use(scope, &call.func, Some(call));
        }
        if root.is_some_and(|root| self.may_be_imported(root)) {
            self.explained = Some(call.func.range());
        }
        // Only calls of module-level classes and of imported names matter
        // across files; the binding's kind is checked before anything is
        // built, as most calls are neither.
        let (Some(root), Some(binding_id)) = (root, resolved) else {
            return;
        };
        let binding = self.index.binding(binding_id);
        let local_class = binding.kind == BindingKind::ClassDef
            && binding.scope == ScopeId::MODULE
            && call.func.is_name_expr();
        if !local_class && !matches!(binding.kind, BindingKind::Import(_)) {
            return;
        }
        // `x = C(...)`: attributes later set through `x` come from outside the class.
        let bound = match statement {
            Some(Stmt::Assign(ast::StmtAssign { targets, value, .. }))
                if value.range() == call.range() =>
            {
                match targets.as_slice() {
                    [Expr::Name(name)] => {
                        self.index.binding_at(scope, name.id.as_str(), name.range)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let item = match statement {
            Some(Stmt::Assign(ast::StmtAssign { targets, value, .. }))
                if value.range() == call.range() =>
            {
                match targets.as_slice() {
                    [Expr::Subscript(item)] if item.value.is_name_expr() => {
                        let source = self.source;
                        Some(&source[item.range()])
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        // Many instances are alive at once only when each is kept: collected
        // in a comprehension's result, added to a container, stored on
        // another object, or bound to a name that is then (checked at the end).
        let kept = self.kept.contains(&call.range());
        // Whether the result may be kept is known first: most calls of an
        // import are not, and their use need not be found (a hash lookup
        // of the binding's cursor each; a later lookup scans on from where
        // the last one stopped). The statement path behind `ends_its_loop`
        // is looked up last.
        let in_loop = (kept || bound.is_some())
            && self
                .find_use(binding_id, root.range)
                .is_some_and(|u| u.innermost_loop.is_some())
            && self.repeats_many_times(call.range())
            && !self.ends_its_loop(call.range());
        let bound_in_loop = in_loop && !kept && bound.is_some();
        let in_loop = in_loop && kept;
        if !in_loop && bound.is_none() && item.is_none() {
            return;
        }
        let Some(target) = self.class_target(&call.func, scope, local_class) else {
            return;
        };
        if let Some(bound) = bound {
            self.bound_calls.push((self.summary.calls.len(), bound));
            if bound_in_loop && let Some(repeating) = self.repeating_loop(call.range()) {
                self.bound_in_loop
                    .push((self.summary.calls.len(), bound, repeating));
            }
        }
        if let Some(item) = item {
            self.item_calls
                .push((scope, item, self.summary.calls.len()));
        }
        self.summary.calls.push(CallSite {
            target,
            in_loop,
            range: call.range(),
            stored_attributes: Vec::new(),
        });
    }

    /// How the summary names the class `class` (a module-level class of
    /// this file when `local`, else one reached through an import).
    fn class_target(&self, class: &Expr, scope: ScopeId, local: bool) -> Option<Target> {
        if local {
            let Expr::Name(name) = class else {
                return None;
            };
            return Some(Target::Local(name.id.as_str().into()));
        }
        let qualified = self.index.qualified_name(scope, class)?;
        Some(Target::Imported(qualified.as_str().into()))
    }

    /// `if isinstance(x, C):` (or `(C, D)`, or the test among others joined
    /// by `and`, or an `elif`) with `isinstance` the builtin: in the
    /// statements the test guards `x` is a `C`, so what they store through
    /// `x` or read of `x.__dict__` (stanza's JSON encoder returning
    /// `obj.__dict__` for a `CorefMention`) is done to a `C` from outside
    /// the class. After the branch (`if isinstance(s, Rect): return
    /// list(s)`, then `s.__dict__`) `x` is something else. The stores stay
    /// unknown for every other class.
    fn isinstance(&mut self, call: &ast::ExprCall, scope: ScopeId, statement: Option<&Stmt>) {
        let [Expr::Name(tested), classes] = call.arguments.args.as_ref() else {
            return;
        };
        let Some(Stmt::If(if_stmt)) = statement else {
            return;
        };
        let Some(branch) = guarded_branch(call, if_stmt) else {
            return;
        };
        if self
            .index
            .resolve_name(scope, "isinstance", call.func.start())
            .is_some()
        {
            return;
        }
        let Some(binding) = self
            .index
            .resolve_name(scope, tested.id.as_str(), tested.start())
        else {
            return;
        };
        let classes = match classes {
            Expr::Tuple(tuple) => tuple.elts.as_slice(),
            single => std::slice::from_ref(single),
        };
        for class in classes {
            let Some(root) = attribute_root(class) else {
                continue;
            };
            let Some(root_binding) = self
                .index
                .resolve_name(scope, root.id.as_str(), root.start())
            else {
                continue;
            };
            let kind = &self.index.binding(root_binding).kind;
            let local = *kind == BindingKind::ClassDef
                && self.index.binding(root_binding).scope == ScopeId::MODULE
                && class.is_name_expr();
            if !local && !matches!(kind, BindingKind::Import(_)) {
                continue;
            }
            let Some(target) = self.class_target(class, scope, local) else {
                continue;
            };
            self.narrowed
                .push((self.summary.calls.len(), binding, branch));
            self.summary.calls.push(CallSite {
                target,
                in_loop: false,
                range: call.range(),
                stored_attributes: Vec::new(),
            });
        }
    }

    /// Whether `root`, the next load the walk meets, is spelled as a name
    /// an import binds (`imported_names`), unless the index resolved it to
    /// a binding that is not an import: a set lookup for every load of the
    /// file was 2.5% of a run, and most loads are of locals, parameters
    /// and `self`. Only [`Summarizer::imported_use`] acts on the answer,
    /// directly or through `explained`, and it does nothing for a root
    /// bound to anything but an import, so leaving those out changes
    /// nothing.
    ///
    /// A root resolved to an import whose statement the walk has passed is
    /// spelled as a name in the set: 30% of the loads on a tenth of corpus1
    /// are of imports, and all but a few hundred of those are answered so.
    ///
    /// Inlined where the walk asks (341,546 times on that tenth), so the
    /// answers the index's record gives cost no call; the set is asked
    /// out of line.
    #[inline]
    fn may_be_imported(&self, root: &ast::ExprName) -> bool {
        if let Some(Some(binding)) = self.index.load_at(self.loads_seen, root.start()) {
            if !matches!(self.index.binding(binding).kind, BindingKind::Import(_)) {
                return false;
            }
            if self.walked_imports.get(binding.index()).copied() == Some(true) {
                return true;
            }
        }
        self.spelled_as_imported(root)
    }

    /// Whether an import the walk has passed binds `root`'s name.
    #[inline(never)]
    fn spelled_as_imported(&self, root: &ast::ExprName) -> bool {
        self.imported_names.contains(root.id.as_str())
    }

    /// An import binding `bound` in `scope` (the alias at `range`), met by
    /// the walk.
    fn import_walked(&mut self, scope: ScopeId, bound: &str, range: TextRange) {
        self.imported_names.insert(bound.into());
        // Not found (a `global` sends the binding to the module): the set
        // still answers for it.
        if let Some(binding) = self.index.binding_at(scope, bound, range) {
            let at = binding.index();
            if self.walked_imports.len() <= at {
                self.walked_imports.resize(at + 1, false);
            }
            self.walked_imports[at] = true;
        }
    }

    /// The use of `binding` at `range`, looked up from where the previous
    /// lookup of the same binding stopped.
    fn find_use(&mut self, binding: BindingId, range: TextRange) -> Option<&'a Use> {
        let index = self.index;
        let uses = &index.binding(binding).uses;
        let cursor = self.use_cursors.entry(binding).or_insert(0);
        let found = uses[*cursor..]
            .iter()
            .position(|u| u.range == range)
            .map(|i| *cursor + i)
            // Not ahead of the cursor: the walks disagree on order here;
            // fall back to a full scan rather than miss it.
            .or_else(|| uses.iter().position(|u| u.range == range))?;
        *cursor = found + 1;
        uses.get(found)
    }

    fn class(&mut self, class: &'a ast::StmtClassDef) {
        let scope = ScopeId::MODULE;
        let mut bases = Vec::new();
        let mut has_keywords = false;
        if let Some(arguments) = class.arguments.as_deref() {
            has_keywords = !arguments.keywords.is_empty();
            for base in &arguments.args {
                if base.is_starred_expr() {
                    has_keywords = true;
                    continue;
                }
                if let Expr::Name(name) = base
                    && name.id.as_str() == "object"
                    && self
                        .index
                        .resolve_name(scope, "object", name.start())
                        .is_none()
                {
                    continue;
                }
                bases.push(self.target(scope, base).unwrap_or(Target::Unknown));
            }
        }
        let (dataclass, attrs_define) = class_decorators(self.index, self.source, class);
        if let Some(first) = class.body.first() {
            self.open_class = Some(OpenClass {
                fact: self.summary.classes.len(),
                body: TextRange::new(first.start(), class.end()),
                scan: LayoutScan::begin(class, self.module),
                methods: functions_by_name(&class.body),
            });
        }
        let insertion = body_insertion(self.source, class);
        self.summary.classes.push(ClassFact {
            name: class.name.id.as_str().into(),
            name_range: class.name.range,
            bases,
            has_keywords,
            decorated: !class.decorator_list.is_empty(),
            dataclass: dataclass.map(Box::new),
            attrs_define,
            // Filled in when the walk leaves the body.
            layout: ClassLayout::default(),
            slots_at: insertion.as_ref().map(|(at, _)| *at),
            slots_indent: insertion.map(|(_, indent)| indent.into_boxed_str()),
        });
    }

    /// The finished summary: attributes set through names bound to calls
    /// are matched now that every store has been seen.
    pub(crate) fn finish(mut self) -> FileSummary {
        self.close_class();
        self.summary.imports = std::mem::take(&mut self.imports).finish();
        let module = self.index.scope(ScopeId::MODULE);
        // A function the module exports in `__all__` is its public
        // interface: callers outside the checked files may keep or index
        // the list (MEM306 leaves it alone, as it does other public names of
        // a package).
        let exported = if self.summary.functions.is_empty() {
            Vec::new()
        } else {
            exported_names(self.module)
        };
        for function in &mut self.summary.functions {
            if exported.contains(&&*function.name) {
                function.local_uses_iterate = false;
                continue;
            }
            let bindings = module.bindings_of(&function.name);
            let [only] = bindings else {
                // Redefined or rebound: which one a call reaches is unclear.
                function.local_uses_iterate = false;
                continue;
            };
            let binding = self.index.binding(*only);
            for used in &binding.uses {
                if self.iterated_callees.contains(&used.range) {
                    function.local_calls += 1;
                } else {
                    function.local_uses_iterate = false;
                }
            }
        }
        self.summary.functions.retain(|f| f.local_uses_iterate);
        let narrowed = std::mem::take(&mut self.narrowed);
        let receivers_known = !self.bound_calls.is_empty() || !narrowed.is_empty();
        if receivers_known && !self.attribute_stores.is_empty() {
            self.attribute_stores
                .sort_unstable_by_key(|(r, _)| r.start());
            let everywhere = TextRange::up_to(TextSize::of(self.source));
            let tested = narrowed.iter().map(|(c, b, r)| (c, b, *r));
            let bound = self.bound_calls.iter().map(|(c, b)| (c, b, everywhere));
            for (call, binding, within) in bound.chain(tested) {
                let mut attributes: Vec<Box<str>> = Vec::new();
                // An attribute use (`p.name = ...`), or the receiver of
                // `setattr(p, ...)` or `vars(p)`, a plain load.
                for used in &self.index.binding(*binding).uses {
                    if !within.contains_range(used.range)
                        || used.kind != UseKind::Attribute && !self.stores_through_calls
                    {
                        continue;
                    }
                    if let Ok(found) = self
                        .attribute_stores
                        .binary_search_by_key(&used.range.start(), |(r, _)| r.start())
                    {
                        attributes.push(self.attribute_stores[found].1.clone());
                    }
                }
                self.summary.calls[*call].stored_attributes = attributes;
            }
        }
        // `p = C(...)` in a loop, then `ps.append(p)` / `d[k] = p` in the
        // same loop: kept. A store after the loop (`self.last = p`) keeps
        // only the last one; `return p` ends the loop.
        for (call, binding, repeating) in std::mem::take(&mut self.bound_in_loop) {
            let kept = self
                .index
                .binding(binding)
                .uses
                .iter()
                .any(|u| repeating.contains_range(u.range) && self.kept.contains(&u.range));
            if kept {
                self.summary.calls[call].in_loop = true;
            }
        }
        for (scope, item, (attribute, named)) in std::mem::take(&mut self.item_stores) {
            match self
                .item_calls
                .iter()
                .find(|(s, i, _)| *s == scope && *i == item)
            {
                Some((_, _, call)) => self.summary.calls[*call].stored_attributes.push(attribute),
                None => self
                    .unknown_stores
                    .extend(std::iter::once(attribute).chain(named)),
            }
        }
        // Stores through names bound to a call of a known class were matched
        // above; the rest went to objects of unknown type.
        let matched: HashSet<TextSize> = self
            .bound_calls
            .iter()
            .flat_map(|(_, binding)| self.index.binding(*binding).uses.iter())
            .filter(|u| u.kind == UseKind::Attribute || self.stores_through_calls)
            .map(|u| u.range.start())
            .collect();
        let mut unknown = std::mem::take(&mut self.unknown_stores);
        if self.dataclass_tests.iter().any(|(tested, guarded)| {
            self.dict_reads
                .iter()
                .any(|(read, at)| read == tested && guarded.contains(*at))
        }) {
            unknown.push(DATACLASSES_BY_DICT.into());
        }
        unknown.extend(
            self.maybe_unknown_stores
                .drain(..)
                .filter(|(range, ..)| !matched.contains(&range.start()))
                .flat_map(|(_, (attribute, named))| std::iter::once(attribute).chain(named)),
        );
        unknown.sort_unstable();
        unknown.dedup();
        self.summary.unknown_attribute_stores = unknown.into_boxed_slice();
        self.summary
            .calls
            .retain(|c| c.in_loop || !c.stored_attributes.is_empty());
        // Summaries live until the end of the run, one per file: no slack.
        self.summary.calls.shrink_to_fit();
        self.summary.classes.shrink_to_fit();
        self.summary.functions.shrink_to_fit();
        self.summary.references.shrink_to_fit();
        self.summary.imported_calls.shrink_to_fit();
        self.summary
    }
}

/// `TYPE_CHECKING` or `typing.TYPE_CHECKING` (any module's): true only
/// while a type checker reads the file.
fn is_type_checking(test: &Expr) -> bool {
    match test {
        Expr::Name(name) => name.id.as_str() == "TYPE_CHECKING",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "TYPE_CHECKING",
        _ => false,
    }
}

/// The branch of `if_stmt` that runs only when `call` is true: the one whose
/// test is the call, or an `and` of it with others.
fn guarded_branch(call: &ast::ExprCall, if_stmt: &ast::StmtIf) -> Option<TextRange> {
    let guards = |test: &Expr| match test {
        Expr::Call(_) => test.range() == call.range(),
        Expr::BoolOp(bool_op) => {
            bool_op.op == ast::BoolOp::And
                && bool_op.values.iter().any(|v| v.range() == call.range())
        }
        _ => false,
    };
    let body = if guards(&if_stmt.test) {
        &if_stmt.body
    } else {
        &if_stmt
            .elif_else_clauses
            .iter()
            .find(|c| c.test.as_ref().is_some_and(guards))?
            .body
    };
    block_range(body)
}

/// What runs only when `call` is true, in `statement`: the branch it
/// guards, or after `if not call: raise ...` (or `return`), the rest of the
/// scope (to the end of the file: what the name binds there is the same
/// binding only up to the scope's end).
fn guarded_by(call: &ast::ExprCall, statement: Option<&Stmt>) -> Option<TextRange> {
    let Some(Stmt::If(if_stmt)) = statement else {
        return None;
    };
    if let Some(branch) = guarded_branch(call, if_stmt) {
        return Some(branch);
    }
    let negated = matches!(&*if_stmt.test, Expr::UnaryOp(u)
        if u.op == ast::UnaryOp::Not && u.operand.range() == call.range());
    (negated
        && if_stmt.elif_else_clauses.is_empty()
        && matches!(if_stmt.body.last(), Some(Stmt::Raise(_) | Stmt::Return(_))))
    .then(|| TextRange::new(if_stmt.end(), TextSize::from(u32::MAX)))
}

/// From the first statement of `body` to the end of its last.
fn block_range(body: &[Stmt]) -> Option<TextRange> {
    Some(TextRange::new(body.first()?.start(), body.last()?.end()))
}

/// `vars`, or a lambda that returns its argument's `__dict__` (`lambda o:
/// o.__dict__`, `lambda o: vars(o)`, also as one branch of a conditional
/// or the receiver of a call: `o.__dict__.copy()`).
fn encodes_through_dict(value: &Expr) -> bool {
    // Anywhere in the lambda's body: `o.__dict__`, `vars(o)`, and what is
    // built from them (`{k: v for k, v in o.__dict__.items() if v is not
    // None}`, azure-cli's encoder that drops unset fields).
    struct ReadsDict<'p> {
        parameter: &'p str,
        found: bool,
    }
    impl<'e> Visitor<'e> for ReadsDict<'_> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            let is_parameter =
                |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == self.parameter);
            self.found |= match expr {
                Expr::Attribute(attribute) => {
                    attribute.attr.as_str() == "__dict__" && is_parameter(&attribute.value)
                }
                Expr::Call(call) => {
                    matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "vars")
                        && matches!(call.arguments.args.as_ref(), [a] if is_parameter(a))
                }
                _ => false,
            };
            if !self.found {
                visitor::walk_expr(self, expr);
            }
        }
    }
    match value {
        Expr::Name(name) => name.id.as_str() == "vars",
        Expr::Lambda(lambda) => lambda
            .parameters
            .as_ref()
            .and_then(|p| p.args.first())
            .is_some_and(|p| {
                let mut reads = ReadsDict {
                    parameter: p.parameter.name.as_str(),
                    found: false,
                };
                reads.visit_expr(&lambda.body);
                reads.found
            }),
        _ => false,
    }
}

/// `name.attribute` for a store through a named receiver, its name in
/// [`snake_name`] form (`loop_node.ragged = ...` gives `loop_node.ragged`,
/// `connection.server.dit` gives `server.dit`, an item of a plural,
/// `outputs[i].key_id`, gives `output.key_id`): kept among the unknown
/// stores beside the bare name, so that a class the name is named for
/// (`Node`, `Server`, `Output`) can tell a store is likely meant for its
/// instances. The dot keeps it apart from every attribute name.
fn named_store(receiver: &Expr, attribute: &str) -> Option<Box<str>> {
    let (name, item) = match receiver {
        Expr::Name(name) => (name.id.as_str(), false),
        Expr::Attribute(outer) => (outer.attr.as_str(), false),
        Expr::Subscript(subscript) => match &*subscript.value {
            Expr::Name(name) => (name.id.as_str(), true),
            Expr::Attribute(outer) => (outer.attr.as_str(), true),
            _ => return None,
        },
        _ => return None,
    };
    // `fz_point.__str__ = ...` patches a class or function, not an
    // instance's attribute; `vars(field_inspection)` and
    // `field_inspection.__dict__` read the instance dictionary `__slots__`
    // takes away.
    if matches!(name, "self" | "cls")
        || attribute.starts_with("__") && attribute.ends_with("__") && attribute != "__dict__"
    {
        return None;
    }
    let mut entry = snake_name(name);
    if item {
        // An item of `outputs` is an `output`.
        if !entry.ends_with('s') || entry.ends_with("ss") {
            return None;
        }
        entry.pop();
    }
    entry.push('.');
    entry.push_str(attribute);
    Some(entry.into_boxed_str())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use memwise_core::facts_slots::class_layout;
    use ruff_python_ast::Stmt;

    use crate::checker::check_source;
    use crate::{Overrides, Resolver};

    /// The summary collects a class's layout from the rule walk: it must
    /// read exactly what `class_layout`'s own walk of the body reads.
    #[test]
    fn layouts_from_the_rule_walk_match_a_walk_of_the_body() {
        let source = r#"
import weakref

@decorator(lambda self: self.not_in_body)
class First(Base(self_like=1).attr):
    """Doc."""
    x = None
    y: int = 0

    def __init__(self, a):
        self.a = a
        self.b, self.c = a, a

        def inner():
            self.from_inner = 1

        handler = lambda: setattr(self, "d", 1)

    @staticmethod
    def tool(other):
        other.not_self = 1

    def finalize(this):
        weakref.finalize(this, print)
        return [this.e for _ in range(3)]

    class Nested:
        def __init__(self):
            self.nested = 1

def between():
    pass

class Second:
    __slots__ = ("p",)

    def __init__(self):
        super().__init__()
        self.p = vars(self)

class Third(Second): pass

x = First(1)
x.outside = 2
"#;
        let resolver = Resolver::new(Overrides::default()).expect("default settings");
        let settings = resolver
            .settings_for_file(Path::new("module.py"))
            .expect("default settings");
        let checked = check_source(Path::new("module.py"), source, &settings);
        let parsed = ruff_python_parser::parse_module(source).expect("valid");
        let expected: Vec<String> = parsed
            .syntax()
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::ClassDef(class) => {
                    Some(format!("{:?}", class_layout(class, &parsed.syntax().body)))
                }
                _ => None,
            })
            .collect();
        let found: Vec<String> = checked
            .summary
            .classes
            .iter()
            .map(|class| format!("{:?}", class.layout))
            .collect();
        assert_eq!(found.len(), 3);
        assert_eq!(found, expected);
        assert!(expected[0].contains("from_inner"), "{}", expected[0]);
    }
}
