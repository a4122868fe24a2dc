//! Builds a file's [`FileSummary`] during the rule walk (the same pass, the
//! same index), so whole-project rules can run after the AST is dropped.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use memwise_core::bounded::is_bounded_value;
use memwise_core::effects;
use memwise_core::facts::decorator_callee;
use memwise_core::facts_self::for_each_scope_statement;
use memwise_core::facts_slots::ClassLayout;
use memwise_core::facts_slots::{LayoutScan, body_insertion};
use memwise_core::python::{CONTAINER_ADD_METHODS, is_main_guard, runs_once_at_import};
use memwise_core::semantic::{BindingId, attribute_root};
use memwise_core::summary::{
    ARGUMENTS_UNKNOWN, CallSite, ClassFact, DataclassFact, FunctionFact, FunctionRef, ImportedCall,
    ImportsBuilder, Target,
};
use memwise_core::uses::{ONCE_CONSUMERS, Use, UseKind, consumed_iterable, may_consume};
use memwise_core::{BindingKind, Edit, FileSummary, ScopeId, ScopeKind, SemanticIndex};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// Modules of the standard library that code imports most: calls of their
/// functions never decide a checked file's finding.
const STANDARD_MODULES: &[&str] = &[
    "abc",
    "asyncio",
    "collections",
    "contextlib",
    "copy",
    "dataclasses",
    "datetime",
    "enum",
    "functools",
    "inspect",
    "io",
    "itertools",
    "json",
    "logging",
    "math",
    "operator",
    "os",
    "pathlib",
    "re",
    "shutil",
    "subprocess",
    "sys",
    "tempfile",
    "threading",
    "time",
    "types",
    "typing",
    "typing_extensions",
    "warnings",
    "weakref",
];

/// Decorators that add a `__dict__`-backed class unless given `slots=True`.
const DATACLASS_DECORATORS: &[&str] = &["dataclasses.dataclass", "attr.s", "attr.attrs", "attrs.s"];

/// `attrs` decorators that make slotted classes by default.
const ATTRS_DEFINE: &[&str] = &[
    "attr.define",
    "attr.mutable",
    "attr.frozen",
    "attrs.define",
    "attrs.mutable",
    "attrs.frozen",
];

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
    maybe_unknown_stores: Vec<(TextRange, Box<str>)>,
    /// Calls bound to a name (`x = C()`): the call's position in `calls` and the binding.
    bound_calls: Vec<(usize, BindingId)>,
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
    /// The loops around the walk's position (see [`Summarizer::push_loop`]):
    /// the range of the `for`/`while` statement or
    /// comprehension, the range of its first iterable (evaluated once, not
    /// per iteration), and whether it runs over a few items at most (a
    /// literal display, a small `range`, a constant).
    loops: Vec<(TextRange, TextRange, bool)>,
    /// The bodies of module-level `if __name__ == "__main__":` blocks.
    main_guards: Vec<TextRange>,
    /// Expressions whose value is kept beyond one iteration: a list, set or
    /// dict comprehension's element, an argument of `append`/`add`/...,
    /// the value of `x[k] = ...` or `x.a = ...` (and the items of a tuple
    /// or list display in those places).
    kept: HashSet<TextRange>,
    /// In-loop calls bound to a name (`p = C(...)`): the call's position
    /// in `calls` and the binding, to decide at the end whether the
    /// instance is kept (`ps.append(p)`).
    bound_in_loop: Vec<(usize, BindingId)>,
    /// Names bound by module-level imports: only their loads can be
    /// references of an imported function.
    imported_names: HashSet<Box<str>>,
    /// Callees and the values of attribute loads: part of a longer
    /// expression that [`Summarizer::imported_use`] already counted.
    explained: HashSet<TextRange>,
    /// The position of each target in the summary's `imported_calls`.
    imported_positions: HashMap<Box<str>, usize>,
}

/// A module-level class whose layout is still being collected.
struct OpenClass<'a> {
    /// Its position in the summary's classes.
    fact: usize,
    /// From the first statement of its body to its end.
    body: TextRange,
    scan: LayoutScan<'a>,
}

impl<'a> Summarizer<'a> {
    pub(crate) fn new(source: &'a str, index: &'a SemanticIndex, module: &'a [Stmt]) -> Self {
        Self {
            source,
            index,
            module,
            summary: FileSummary::default(),
            attribute_stores: Vec::new(),
            unknown_stores: Vec::new(),
            maybe_unknown_stores: Vec::new(),
            bound_calls: Vec::new(),
            iterated_calls: HashSet::default(),
            iterated_callees: HashSet::default(),
            use_cursors: HashMap::default(),
            loads_seen: 0,
            open_class: None,
            imports: ImportsBuilder::default(),
            loops: Vec::new(),
            main_guards: Vec::new(),
            kept: HashSet::default(),
            bound_in_loop: Vec::new(),
            imported_names: HashSet::default(),
            explained: HashSet::default(),
            imported_positions: HashMap::default(),
        }
    }

    /// Stores the layout of the class being collected, once the walk has left it.
    fn close_class(&mut self) {
        if let Some(open) = self.open_class.take() {
            self.summary.classes[open.fact].layout = open.scan.finish();
        }
    }

    /// A statement, seen from `scope`.
    pub(crate) fn stmt(&mut self, stmt: &'a Stmt, scope: ScopeId) {
        if self
            .open_class
            .as_ref()
            .is_some_and(|open| stmt.start() >= open.body.end())
        {
            self.close_class();
        }
        match stmt {
            Stmt::ClassDef(class) if scope == ScopeId::MODULE => self.class(class),
            Stmt::Import(import) if scope == ScopeId::MODULE => {
                for alias in &import.names {
                    let (bound, target) = if let Some(asname) = &alias.asname {
                        (asname.id.as_str(), alias.name.id.as_str())
                    } else {
                        let root = alias.name.id.split('.').next().unwrap_or_default();
                        (root, root)
                    };
                    self.imported_names.insert(bound.into());
                    self.imports.push(bound, target);
                }
            }
            Stmt::ImportFrom(import) if scope == ScopeId::MODULE => {
                let mut module = ".".repeat(import.level as usize);
                if let Some(name) = &import.module {
                    module.push_str(name.id.as_str());
                }
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    self.imported_names.insert(bound.into());
                    let target = if module.ends_with('.') {
                        format!("{module}{}", alias.name.id)
                    } else {
                        format!("{module}.{}", alias.name.id)
                    };
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
                    self.imported_names.insert(bound.into());
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    self.imported_names.insert(bound.into());
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
                    self.main_guards
                        .push(TextRange::new(first.start(), last.end()));
                }
            }
            Stmt::For(for_stmt) => {
                if !for_stmt.is_async && for_stmt.iter.is_call_expr() {
                    self.iterated_calls.insert(for_stmt.iter.range());
                }
                self.push_loop((
                    for_stmt.range(),
                    for_stmt.iter.range(),
                    few_items(&for_stmt.iter),
                ));
            }
            Stmt::While(while_stmt) => {
                self.loops.push((
                    while_stmt.range(),
                    TextRange::empty(while_stmt.start()),
                    false,
                ));
            }
            Stmt::Assign(assign) => {
                if assign
                    .targets
                    .iter()
                    .any(|t| matches!(t, Expr::Subscript(_) | Expr::Attribute(_)))
                {
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
        let Expr::Name(name) = receiver else {
            self.unknown_stores.push(attribute.into());
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
            self.maybe_unknown_stores
                .push((name.range, attribute.into()));
        }
        self.attribute_stores.push((name.range, attribute.into()));
    }

    /// An expression, seen from `scope`; `statement` is the innermost statement around it.
    pub(crate) fn expr(&mut self, expr: &'a Expr, scope: ScopeId, statement: Option<&Stmt>) {
        if let Some(open) = &mut self.open_class
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
                    let few = generators.iter().all(|g| few_items(&g.iter));
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
                if self.imported_names.contains(name.id.as_str())
                    && !self.explained.contains(&name.range)
                {
                    self.imported_use(scope, expr, None);
                }
                self.loads_seen += 1;
                // Only a private name, or an alias of one, can resolve to a
                // private import: checking that first spares resolving every
                // name of the file.
                if is_private(name.id.as_str()) || self.index.is_import_alias(name.id.as_str()) {
                    self.private_reference(scope, expr, name.range);
                }
                return;
            }
            Expr::Attribute(attribute) if attribute.ctx == ExprContext::Load => {
                if !self.explained.contains(&attribute.range)
                    && let Some(root) = attribute_root(expr)
                    && self.imported_names.contains(root.id.as_str())
                {
                    self.imported_use(scope, expr, None);
                }
                self.explained.insert(attribute.value.range());
                // `obj.__dict__` needs the instance dictionary `__slots__`
                // removes (`type(obj).__dict__` and `obj.__class__.__dict__`
                // are the class's).
                if attribute.attr.as_str() == "__dict__" && !is_class_of(&attribute.value) {
                    self.attribute_store(&attribute.value, "__dict__", scope);
                }
                if is_private(attribute.attr.as_str()) {
                    self.private_reference(scope, expr, attribute.range);
                }
                return;
            }
            _ => return,
        };
        // `xs.append(C())`, `seen.add(C())`, `list(C(x) for x in xs)`: kept.
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && CONTAINER_ADD_METHODS.contains(&attribute.attr.as_str())
        {
            for argument in &call.arguments.args {
                self.keep(argument);
            }
        }
        if let Expr::Name(function) = call.func.as_ref()
            && matches!(
                function.id.as_str(),
                "list" | "tuple" | "set" | "frozenset" | "dict" | "sorted"
            )
            && let [Expr::Generator(generator)] = call.arguments.args.as_ref()
        {
            self.keep(&generator.elt);
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
            if function.id.as_str() == "vars" {
                if call.arguments.args.len() == 1 && !is_class_of(receiver) {
                    self.attribute_store(receiver, "__dict__", scope);
                }
            } else if let Some(Expr::StringLiteral(name)) = call.arguments.args.get(1) {
                self.attribute_store(receiver, name.value.to_str(), scope);
            }
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
        self.explained.insert(call.func.range());
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
        let in_loop = self
            .find_use(binding_id, root.range)
            .is_some_and(|u| u.innermost_loop.is_some())
            && self.repeats_many_times(call.range());
        // Many instances are alive at once only when each is kept: collected
        // in a comprehension's result, added to a container, stored on
        // another object, or bound to a name that is then (checked at the end).
        let kept = self.kept.contains(&call.range());
        let bound_in_loop = in_loop && !kept && bound.is_some();
        let in_loop = in_loop && kept;
        if !in_loop && bound.is_none() {
            return;
        }
        let target = if local_class {
            Target::Local(root.id.as_str().into())
        } else {
            let Some(qualified) = self.index.qualified_name(scope, &call.func) else {
                return;
            };
            Target::Imported(qualified.as_str().into())
        };
        if let Some(bound) = bound {
            self.bound_calls.push((self.summary.calls.len(), bound));
            if bound_in_loop {
                self.bound_in_loop.push((self.summary.calls.len(), bound));
            }
        }
        self.summary.calls.push(CallSite {
            target,
            in_loop,
            range: call.range(),
            stored_attributes: Vec::new(),
        });
    }

    /// A call (`call`) or another load of a name reached through a
    /// module-level import: what the project pass needs to decide whether
    /// every call of a function in another file passes bounded keys.
    fn imported_use(&mut self, scope: ScopeId, callee: &Expr, call: Option<&ast::ExprCall>) {
        let Some(qualified) = self.index.qualified_name(scope, callee) else {
            return;
        };
        // Only functions matter, and summaries live until the end of the
        // run: names spelled as classes or constants (`Record`, `DEBUG`),
        // and names of the standard library's common modules, are left
        // out (a function named like a class loses the calls elsewhere
        // that would have made its finding stand).
        let last = qualified.last();
        let root = qualified.as_str().split('.').next().unwrap_or_default();
        if last.starts_with(|c: char| c.is_ascii_uppercase()) || STANDARD_MODULES.contains(&root) {
            return;
        }
        let target: Box<str> = qualified.as_str().into();
        let position = *self
            .imported_positions
            .entry(target.clone())
            .or_insert_with(|| {
                self.summary.imported_calls.push(ImportedCall {
                    target,
                    ..ImportedCall::default()
                });
                self.summary.imported_calls.len() - 1
            });
        let usage = &mut self.summary.imported_calls[position];
        let Some(call) = call else {
            usage.references += 1;
            return;
        };
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

    /// Marks `value` (and the items of a tuple or list display) as kept
    /// beyond one iteration.
    fn keep(&mut self, value: &Expr) {
        self.kept.insert(value.range());
        if let Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) =
            value
        {
            for element in elts {
                self.kept.insert(element.range());
            }
        }
    }

    /// Enters a loop. The walk visits nodes in source order, so loops that
    /// end before this one starts are left for good: the list holds only
    /// the loops around the current position, and lookups stay short.
    fn push_loop(&mut self, entry: (TextRange, TextRange, bool)) {
        let start = entry.0.start();
        while self
            .loops
            .last()
            .is_some_and(|(lp, _, _)| lp.end() <= start)
        {
            self.loops.pop();
        }
        self.loops.push(entry);
    }

    /// Whether code at `range` runs many times: inside a loop seen so far
    /// (not in its first iterable) that is not over a few items, and not in
    /// the `if __name__ == "__main__":` block of a script (demo code).
    fn repeats_many_times(&self, range: TextRange) -> bool {
        if self.main_guards.iter().any(|g| g.contains_range(range)) {
            return false;
        }
        self.loops
            .iter()
            .any(|(lp, iter, few)| lp.contains_range(range) && !iter.contains_range(range) && !few)
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

    /// Marks what iterates the results of nested calls, and records whether
    /// this call's own result is iterated once.
    fn note_result_use(
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
    fn private_reference(&mut self, scope: ScopeId, expr: &Expr, range: TextRange) {
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
    fn target(&self, scope: ScopeId, expr: &Expr) -> Option<Target> {
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
        let mut dataclass = None;
        let mut attrs_define = false;
        for decorator in &class.decorator_list {
            let callee = decorator_callee(&decorator.expression);
            let Some(qualified) = self.index.qualified_name(scope, callee) else {
                continue;
            };
            if ATTRS_DEFINE.contains(&qualified.as_str()) {
                attrs_define = true;
            } else if DATACLASS_DECORATORS.contains(&qualified.as_str()) {
                let mut fact = self.dataclass(&decorator.expression, callee);
                fact.other_decorators = class.decorator_list.len() > 1;
                dataclass = Some(fact);
            }
        }
        if let Some(first) = class.body.first() {
            self.open_class = Some(OpenClass {
                fact: self.summary.classes.len(),
                body: TextRange::new(first.start(), class.end()),
                scan: LayoutScan::begin(class),
            });
        }
        let insertion = body_insertion(self.source, class);
        self.summary.classes.push(ClassFact {
            name: class.name.id.as_str().into(),
            name_range: class.name.range,
            bases,
            has_keywords,
            decorated: !class.decorator_list.is_empty(),
            dataclass,
            attrs_define,
            // Filled in when the walk leaves the body.
            layout: ClassLayout::default(),
            slots_at: insertion.as_ref().map(|(at, _)| *at),
            slots_indent: insertion.map(|(_, indent)| indent.into_boxed_str()),
        });
    }

    fn dataclass(&self, expression: &Expr, callee: &Expr) -> DataclassFact {
        let name = self.source[callee.range()].into();
        let (has_slots_argument, fix) = match expression {
            Expr::Call(call) => {
                let has_slots = call
                    .arguments
                    .keywords
                    .iter()
                    .any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "slots"));
                let last = call
                    .arguments
                    .args
                    .iter()
                    .map(Ranged::end)
                    .chain(call.arguments.keywords.iter().map(Ranged::end))
                    .max();
                let fix = match last {
                    Some(end) => Edit {
                        range: TextRange::empty(end),
                        content: ", slots=True".to_owned(),
                    },
                    None => Edit {
                        range: TextRange::empty(call.arguments.end() - TextSize::from(1)),
                        content: "slots=True".to_owned(),
                    },
                };
                (has_slots, Some(fix))
            }
            _ => (
                false,
                Some(Edit {
                    range: TextRange::empty(expression.end()),
                    content: "(slots=True)".to_owned(),
                }),
            ),
        };
        DataclassFact {
            range: expression.range(),
            name,
            has_slots_argument,
            fix,
            other_decorators: false,
        }
    }

    /// The finished summary: attributes set through names bound to calls
    /// are matched now that every store has been seen.
    pub(crate) fn finish(mut self) -> FileSummary {
        self.close_class();
        self.summary.imports = std::mem::take(&mut self.imports).finish();
        let module = self.index.scope(ScopeId::MODULE);
        for function in &mut self.summary.functions {
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
        if !self.bound_calls.is_empty() && !self.attribute_stores.is_empty() {
            self.attribute_stores
                .sort_unstable_by_key(|(r, _)| r.start());
            for (call, binding) in &self.bound_calls {
                let mut attributes: Vec<Box<str>> = Vec::new();
                for used in &self.index.binding(*binding).uses {
                    if used.kind != UseKind::Attribute {
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
        // `p = C(...)` in a loop, then `ps.append(p)` / `d[k] = p`: kept.
        for (call, binding) in std::mem::take(&mut self.bound_in_loop) {
            let kept = self
                .index
                .binding(binding)
                .uses
                .iter()
                .any(|u| u.kind == UseKind::Stored || self.kept.contains(&u.range));
            if kept {
                self.summary.calls[call].in_loop = true;
            }
        }
        // Stores through names bound to a call of a known class were matched
        // above; the rest went to objects of unknown type.
        let matched: HashSet<TextSize> = self
            .bound_calls
            .iter()
            .flat_map(|(_, binding)| self.index.binding(*binding).uses.iter())
            .filter(|u| u.kind == UseKind::Attribute)
            .map(|u| u.range.start())
            .collect();
        let mut unknown = std::mem::take(&mut self.unknown_stores);
        unknown.extend(
            self.maybe_unknown_stores
                .drain(..)
                .filter(|(range, _)| !matched.contains(&range.start()))
                .map(|(_, attribute)| attribute),
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

/// Whether a loop's iterable has a few items at most, as configuration
/// does: a literal display, `range(n)` with a literal `n` up to 100, a
/// constant (an `UPPER_CASE` name or attribute), a dict display's items, or
/// `enumerate`/`zip`/`reversed`/`sorted` of those.
fn few_items(iterable: &Expr) -> bool {
    match iterable {
        Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Dict(_) | Expr::StringLiteral(_) => {
            true
        }
        Expr::Name(name) => is_constant_name(name.id.as_str()),
        Expr::Attribute(attribute) => is_constant_name(attribute.attr.as_str()),
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Name(function) => match function.id.as_str() {
                "range" => {
                    matches!(call.arguments.args.last(), Some(Expr::NumberLiteral(n))
                        if n.value.as_int().and_then(ast::Int::as_u64).is_some_and(|n| n <= 100))
                }
                "enumerate" | "zip" | "reversed" | "sorted" => {
                    !call.arguments.args.is_empty() && call.arguments.args.iter().all(few_items)
                }
                _ => false,
            },
            Expr::Attribute(attribute) => {
                matches!(attribute.attr.as_str(), "items" | "keys" | "values")
                    && call.arguments.is_empty()
                    && few_items(&attribute.value)
            }
            _ => false,
        },
        _ => false,
    }
}

/// `SETTINGS`, `INSTALLED_APPS`: a module-level constant by convention.
fn is_constant_name(name: &str) -> bool {
    name.len() > 1
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// `type(x)` or `x.__class__`: a class, whose `__dict__` is not an instance's.
fn is_class_of(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            matches!(call.func.as_ref(), Expr::Name(n) if n.id.as_str() == "type")
                && call.arguments.args.len() == 1
        }
        Expr::Attribute(attribute) => attribute.attr.as_str() == "__class__",
        _ => false,
    }
}

/// `_helper` but not `__dunder__`.
fn is_private(name: &str) -> bool {
    name.starts_with('_') && !name.ends_with("__")
}

/// Whether a module-level `def` returns a list it builds: every `return`
/// returns a list comprehension or a local list that the body only
/// `append`s or `extend`s to, and nothing yields.
fn returns_built_list(index: &SemanticIndex, def: &ast::StmtFunctionDef) -> bool {
    if def.is_async || !def.decorator_list.is_empty() {
        return false;
    }
    // The `return` statements alone rule out most functions (no return, or
    // one returning anything but a name or a list comprehension) before
    // every expression of the body is walked.
    let mut returns = Vec::new();
    let mut other_returns = false;
    for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::Return(ret) = stmt {
            match ret.value.as_deref() {
                Some(Expr::ListComp(_)) => returns.push(Returned::Comprehension),
                Some(Expr::Name(name)) => returns.push(Returned::Name(name.id.as_str())),
                _ => other_returns = true,
            }
        }
    });
    if other_returns || returns.is_empty() {
        return false;
    }
    let mut scan = BodyScan::default();
    for stmt in &def.body {
        scan.visit_stmt(stmt);
    }
    if scan.failed {
        return false;
    }
    let Some(scope) = index.definition_scope(def.range) else {
        return false;
    };
    // As a generator the body would run piece by piece, interleaved with the
    // caller's loop: only a body that computes nothing but its list may move.
    let returned_names: Vec<&str> = returns
        .iter()
        .filter_map(|r| match r {
            Returned::Name(name) => Some(*name),
            Returned::Comprehension => None,
        })
        .collect();
    let appends_to_result = |call: &ast::ExprCall| {
        matches!(call.func.as_ref(), Expr::Attribute(attribute)
            if matches!(attribute.attr.as_str(), "append" | "extend")
                && matches!(attribute.value.as_ref(), Expr::Name(n) if returned_names.contains(&n.id.as_str()))
                && call.arguments.args.iter().all(|a| effects::is_effect_free(index, scope, a)))
    };
    if !effects::body_is_effect_free(index, scope, &def.body, &appends_to_result) {
        return false;
    }
    let scope_facts = index.scope(scope);
    returns.iter().all(|returned| match returned {
        Returned::Comprehension => true,
        Returned::Name(name) => {
            let assignments = scan.lists.iter().filter(|n| *n == name).count();
            let bindings = scope_facts.bindings_of(name);
            let methods = scan.methods.iter().filter(|(n, _)| n == name).count();
            !scope_facts.declares_global(name)
                && !scope_facts.declares_nonlocal(name)
                && assignments > 0
                && bindings.len() == assignments
                && !scan
                    .methods
                    .iter()
                    .any(|(n, m)| n == name && *m != "append" && *m != "extend")
                && bindings.iter().all(|b| {
                    let binding = index.binding(*b);
                    binding.kind == BindingKind::Assignment
                        && binding
                            .uses
                            .iter()
                            .all(|u| matches!(u.kind, UseKind::Attribute | UseKind::Returned))
                        && binding
                            .uses
                            .iter()
                            .filter(|u| u.kind == UseKind::Attribute)
                            .count()
                            <= methods
                })
        }
    })
}

enum Returned<'a> {
    Comprehension,
    Name(&'a str),
}

/// The list assignments and method calls of a function body, without
/// descending into nested functions, classes or lambdas (its returns are
/// read first, by `returns_built_list`). It stops at the first `yield` or
/// `await`, which rules the function out.
#[derive(Default)]
struct BodyScan<'a> {
    lists: Vec<&'a str>,
    methods: Vec<(&'a str, &'a str)>,
    failed: bool,
}

impl<'a> Visitor<'a> for BodyScan<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.failed {
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return,
            Stmt::Assign(assign) => {
                if let [Expr::Name(name)] = assign.targets.as_slice() {
                    let builds = match assign.value.as_ref() {
                        Expr::List(_) | Expr::ListComp(_) => true,
                        Expr::Call(call) => {
                            call.arguments.is_empty()
                                && matches!(call.func.as_ref(), Expr::Name(f) if f.id.as_str() == "list")
                        }
                        _ => false,
                    };
                    if builds {
                        self.lists.push(name.id.as_str());
                    }
                }
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.failed {
            return;
        }
        match expr {
            Expr::Lambda(_) => return,
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.failed = true,
            Expr::Call(call) => {
                if let Expr::Attribute(attribute) = call.func.as_ref()
                    && let Expr::Name(receiver) = attribute.value.as_ref()
                {
                    self.methods
                        .push((receiver.id.as_str(), attribute.attr.as_str()));
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
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
                Stmt::ClassDef(class) => Some(format!("{:?}", class_layout(class))),
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
