//! The per-file semantic index: scopes, bindings, references, and import
//! resolution to qualified names. Built once per file; every rule asks it
//! instead of resolving names on its own.

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};
use smallvec::SmallVec;

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::traverse::{self, Hooks};
use crate::uses::{BoundValue, ONCE_CONSUMERS, Use, UseKind, consumed_iterable};

/// The index of a scope in [`SemanticIndex::scopes`]. Scopes are numbered in
/// the order the shared traversal enters them; the module is scope 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(u32);

impl ScopeId {
    /// The module scope.
    pub const MODULE: Self = Self(0);

    fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a binding in [`SemanticIndex::bindings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BindingId(u32);

/// What kind of code opened a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module itself.
    Module,
    /// A class body.
    Class,
    /// A `def` or `async def` body.
    Function,
    /// A lambda body.
    Lambda,
    /// A list, set or dict comprehension or a generator expression.
    Comprehension,
}

/// A scope and the names bound in it.
#[derive(Debug)]
pub struct Scope {
    /// What opened the scope.
    pub kind: ScopeKind,
    /// The enclosing scope; `None` only for the module.
    pub parent: Option<ScopeId>,
    /// The range of the node that opened the scope (the whole file for the module).
    pub range: TextRange,
    /// The class or function name, for those scopes.
    pub name: Option<Name>,
    bindings: HashMap<Name, SmallVec<[BindingId; 2]>>,
    globals: Vec<Name>,
    nonlocals: Vec<Name>,
}

impl Scope {
    /// The bindings of `name` in this scope, in source order.
    pub fn bindings_of(&self, name: &str) -> &[BindingId] {
        self.bindings.get(name).map_or(&[], |ids| ids.as_slice())
    }

    /// Whether `name` is declared `global` in this scope.
    pub fn declares_global(&self, name: &str) -> bool {
        self.globals.iter().any(|g| g == name)
    }

    /// Whether `name` is declared `nonlocal` in this scope.
    pub fn declares_nonlocal(&self, name: &str) -> bool {
        self.nonlocals.iter().any(|g| g == name)
    }
}

/// A dotted name such as `functools.lru_cache`; builtins are `builtins.<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QualifiedName(Box<str>);

impl QualifiedName {
    /// The dotted text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last segment (`lru_cache` of `functools.lru_cache`).
    pub fn last(&self) -> &str {
        self.0.rsplit('.').next().unwrap_or(&self.0)
    }
}

impl PartialEq<str> for QualifiedName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

/// How a name was bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingKind {
    /// `import m`, `import m as n`, `from m import x [as y]`: the imported thing.
    Import(QualifiedName),
    /// A `def`.
    FunctionDef,
    /// A `class`.
    ClassDef,
    /// `x = ...`, `x: T = ...`, `x += ...`, `(x := ...)`.
    Assignment,
    /// A function or lambda parameter.
    Parameter,
    /// A `for` target or a comprehension target.
    LoopVariable,
    /// `with ... as x`.
    WithItem,
    /// `except ... as x`.
    Exception,
    /// Anything else that binds: `match` captures, `type X = ...`.
    Other,
}

/// One binding of a name.
#[derive(Debug)]
pub struct Binding {
    /// The bound name.
    pub name: Name,
    /// How it was bound.
    pub kind: BindingKind,
    /// The range of the name (or of the import alias).
    pub range: TextRange,
    /// The scope the name lives in (the module for a `global` name).
    pub scope: ScopeId,
    /// Uses before this offset in the same scope see an earlier binding.
    pub available_from: TextSize,
    /// The loads of this binding and how each is used, in traversal order.
    pub uses: Vec<Use>,
    /// What the binding was initialised with (only literals and `+=` are told apart).
    pub value: BoundValue,
}

/// Everything memwise knows about one file's names.
#[derive(Debug)]
pub struct SemanticIndex {
    scopes: Vec<Scope>,
    bindings: Vec<Binding>,
    /// Set when the file nests deeper than the walk allows; rules are skipped.
    pub too_deep: Option<TextRange>,
    /// Names bound by an import under a name other than the imported one's.
    import_aliases: HashSet<Name>,
    /// Every load in traversal order: where it starts and what it resolved to.
    loads: Vec<(TextSize, Option<BindingId>)>,
}

impl SemanticIndex {
    /// Builds the index of a module.
    pub fn build(module: &ast::ModModule) -> Self {
        // Growing these vectors copied them over and over on large files;
        // real code has about one load per 16 bytes and one binding per 64.
        let size = module.range.len().to_usize();
        let mut builder = Builder {
            index: SemanticIndex {
                scopes: vec![Scope {
                    kind: ScopeKind::Module,
                    parent: None,
                    range: module.range,
                    name: None,
                    bindings: HashMap::with_capacity_and_hasher(size / 128, FxBuildHasher),
                    globals: Vec::new(),
                    nonlocals: Vec::new(),
                }],
                bindings: Vec::with_capacity(size / 64),
                too_deep: None,
                import_aliases: HashSet::default(),
                loads: Vec::new(),
            },
            current: ScopeId::MODULE,
            loads: Vec::with_capacity(size / 16),
            current_stmt_end: Vec::new(),
            contexts: Vec::new(),
            context_marks: Vec::new(),
            loops: Vec::new(),
        };
        traverse::walk_module(&mut builder, &module.body);
        builder.finish()
    }

    /// A scope by id.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.index()]
    }

    /// A binding by id.
    pub fn binding(&self, id: BindingId) -> &Binding {
        &self.bindings[id.0 as usize]
    }

    /// `id` and its enclosing scopes, innermost first.
    pub fn scopes_from(&self, id: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        std::iter::successors(Some(id), move |s| self.scope(*s).parent)
    }

    /// The binding that a load of `name` at `offset` in `scope` sees, following
    /// Python's rules: function locals are local everywhere in the function,
    /// module and class bindings count from where they are made, class scopes
    /// are invisible to nested functions, and `global`/`nonlocal` redirect.
    pub fn resolve_name(&self, scope: ScopeId, name: &str, offset: TextSize) -> Option<BindingId> {
        let mut current = Some(scope);
        let mut innermost = true;
        while let Some(id) = current {
            let s = self.scope(id);
            current = s.parent;
            if !innermost && s.kind == ScopeKind::Class {
                continue;
            }
            if s.declares_global(name) {
                return self.last_binding(ScopeId::MODULE, name);
            }
            let ids = s.bindings_of(name);
            if ids.is_empty() {
                innermost = false;
                continue;
            }
            if !innermost {
                return ids.last().copied();
            }
            let before = ids
                .iter()
                .rev()
                .find(|b| self.binding(**b).available_from <= offset)
                .copied();
            match s.kind {
                ScopeKind::Module => return before,
                // A class body falls back to the enclosing scopes for names it
                // has not bound yet.
                ScopeKind::Class => {
                    if before.is_some() {
                        return before;
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => {
                    return before.or_else(|| ids.first().copied());
                }
            }
            innermost = false;
        }
        None
    }

    fn last_binding(&self, scope: ScopeId, name: &str) -> Option<BindingId> {
        self.scope(scope).bindings_of(name).last().copied()
    }

    /// The qualified name an expression refers to through imports, as seen
    /// from `scope`: `ft.cache` after `import functools as ft` is
    /// `functools.cache`; an unbound name is a builtin. `None` when the
    /// expression is not a name or attribute chain rooted in an import or a
    /// builtin (a local variable, a parameter, a call result).
    pub fn qualified_name(&self, scope: ScopeId, expr: &Expr) -> Option<QualifiedName> {
        let mut attrs: Vec<&str> = Vec::new();
        let mut current = expr;
        let root = loop {
            match current {
                Expr::Attribute(attribute) => {
                    attrs.push(attribute.attr.as_str());
                    current = &attribute.value;
                }
                Expr::Name(name) => break name,
                _ => return None,
            }
        };
        let mut text = match self.resolve_name(scope, root.id.as_str(), root.range.start()) {
            Some(binding) => match &self.binding(binding).kind {
                BindingKind::Import(qualified) => qualified.as_str().to_owned(),
                _ => return None,
            },
            None => format!("builtins.{}", root.id),
        };
        for attr in attrs.iter().rev() {
            text.push('.');
            text.push_str(attr);
        }
        Some(QualifiedName(text.into_boxed_str()))
    }

    /// Whether `expr` refers to one of `candidates` (qualified names), and
    /// which. Resolves the root name once and compares without allocating:
    /// rules call this on every call expression.
    pub fn resolves_to<'c>(
        &self,
        scope: ScopeId,
        expr: &Expr,
        candidates: &[&'c str],
    ) -> Option<&'c str> {
        // Most calls name none of the candidates. The last segment of what is
        // written must be a candidate's last segment, unless a bare name is an
        // import alias (`from functools import lru_cache as memo`): checking
        // that first spares resolving and comparing for nearly every call.
        let last = match expr {
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            Expr::Name(name) => name.id.as_str(),
            _ => return None,
        };
        let plausible = candidates.iter().any(|c| ends_with_segment(c, last));
        if !(plausible || expr.is_name_expr() && self.import_aliases.contains(last)) {
            return None;
        }
        let name = attribute_root(expr)?;
        let root_qualified: (&str, &str) =
            match self.resolve_name(scope, name.id.as_str(), name.range.start()) {
                Some(binding) => match &self.binding(binding).kind {
                    BindingKind::Import(qualified) => ("", qualified.as_str()),
                    _ => return None,
                },
                None => ("builtins.", name.id.as_str()),
            };
        candidates
            .iter()
            .find(|candidate| matches_chain(expr, candidate, root_qualified))
            .copied()
    }

    /// The binding of the `position`-th load of the walk (every pass walks
    /// in the same order), when that load starts at `start`: a pass that
    /// counts the loads it meets skips resolving them again. `None` when the
    /// position does not match.
    pub fn load_at(&self, position: usize, start: TextSize) -> Option<Option<BindingId>> {
        self.loads
            .get(position)
            .filter(|(at, _)| *at == start)
            .map(|(_, binding)| *binding)
    }

    /// Whether an import binds `name` under another name than the imported
    /// one's (`from m import a as name`).
    pub fn is_import_alias(&self, name: &str) -> bool {
        self.import_aliases.contains(name)
    }

    /// All scopes, in traversal order.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// The scope opened by the `def` or `class` statement spanning `range`,
    /// for a rule that sees the statement (from the enclosing scope) and
    /// reads its body.
    pub fn definition_scope(&self, range: TextRange) -> Option<ScopeId> {
        // Every scope entered before the definition starts before it, except
        // those opened in its own header (decorators, defaults, bases), which
        // are entered right before it; a statement cannot sit inside an
        // expression, so no scope entered after it starts earlier. "Starts
        // before the definition" is therefore true for a prefix of the
        // scopes, and a binary search finds where its header begins.
        let first = self
            .scopes
            .partition_point(|s| s.range.start() < range.start());
        // Only the module can start where the definition does and still
        // enclose it; everything else from `first` on up to the definition
        // lies in its header.
        self.scopes[first..]
            .iter()
            .take_while(|s| s.range.start() <= range.end())
            .position(|s| {
                s.range == range && matches!(s.kind, ScopeKind::Function | ScopeKind::Class)
            })
            .and_then(|i| u32::try_from(first + i).ok())
            .map(ScopeId)
    }

    /// All scopes with their ids, in traversal order.
    pub fn scope_ids(&self) -> impl Iterator<Item = (ScopeId, &Scope)> {
        self.scopes
            .iter()
            .enumerate()
            .map(|(i, s)| (ScopeId(u32::try_from(i).unwrap_or(u32::MAX)), s))
    }

    /// The binding made by the name at `range` in `scope` (an assignment
    /// target, a parameter, ...), if the index recorded one there.
    pub fn binding_at(&self, scope: ScopeId, name: &str, range: TextRange) -> Option<BindingId> {
        self.scope(scope)
            .bindings_of(name)
            .iter()
            .copied()
            .find(|id| self.binding(*id).range == range)
    }
}

/// The name at the root of an attribute chain (`a` of `a.b.c`, `a` itself),
/// or `None` when the chain starts with anything else (a call, a subscript).
pub fn attribute_root(expr: &Expr) -> Option<&ast::ExprName> {
    let mut root = expr;
    while let Expr::Attribute(attribute) = root {
        root = &attribute.value;
    }
    root.as_name_expr()
}

/// Whether the dotted `candidate` ends with the segment `last`. Runs for
/// every candidate on every call of the file, so the cheap byte tests come
/// before any comparison of whole strings.
fn ends_with_segment(candidate: &str, last: &str) -> bool {
    let (c, l) = (candidate.as_bytes(), last.as_bytes());
    let Some(head) = c.len().checked_sub(l.len()) else {
        return false;
    };
    if l.last() != c.last() || l.first() != c.get(head) {
        return false;
    }
    (head == 0 || c[head - 1] == b'.') && c[head..] == *l
}

/// Whether the attribute chain `expr`, whose root resolves to
/// `root.0 + root.1`, spells `candidate`.
fn matches_chain(expr: &Expr, candidate: &str, root: (&str, &str)) -> bool {
    match expr {
        Expr::Attribute(attribute) => candidate
            .strip_suffix(attribute.attr.as_str())
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(|rest| matches_chain(&attribute.value, rest, root)),
        Expr::Name(_) => candidate
            .strip_prefix(root.0)
            .is_some_and(|rest| rest == root.1),
        _ => false,
    }
}

/// What the parent of a name said about it before the name was visited.
#[derive(Clone, Copy)]
enum PendingUse<'a> {
    Known(UseKind),
    /// A positional argument of a call: whether the callee consumes it can
    /// only be decided once every binding is known.
    Argument(&'a ast::ExprCall),
}

/// A load waiting for name resolution at the end of the build.
struct Load<'a> {
    scope: ScopeId,
    name: Name,
    range: TextRange,
    pending: PendingUse<'a>,
    innermost_loop: Option<TextRange>,
}

struct Builder<'a> {
    index: SemanticIndex,
    current: ScopeId,
    loads: Vec<Load<'a>>,
    /// Ends of the statements being walked: an assignment's names are bound
    /// from the end of its statement on.
    current_stmt_end: Vec<TextSize>,
    /// Use contexts set by a parent for the child name starting at the
    /// offset. A few entries live at a time, so a stack searched from the top
    /// beats a map; entries left unclaimed (a child that is not a load) are
    /// dropped when their statement ends.
    contexts: Vec<(TextSize, PendingUse<'a>)>,
    /// The length of `contexts` when each statement being walked began.
    context_marks: Vec<usize>,
    /// The repeated parts of the loops being walked, innermost last; a
    /// statement's entry is pushed with the statement, so entries that do
    /// not contain a load (a `for`'s iterable) are skipped when looking up.
    loops: Vec<TextRange>,
}

/// What `len` and the once-consumers resolve to, looked up in one pass.
const CALLS_OF_INTEREST: &[&str] = &[
    "builtins.len",
    "builtins.sum",
    "builtins.any",
    "builtins.all",
    "builtins.min",
    "builtins.max",
    "builtins.sorted",
    "builtins.set",
    "builtins.frozenset",
    "builtins.tuple",
    "builtins.dict",
    "collections.Counter",
    "collections.deque",
    "heapq.nlargest",
    "heapq.nsmallest",
];

impl<'a> Builder<'a> {
    fn finish(mut self) -> SemanticIndex {
        debug_assert_eq!(CALLS_OF_INTEREST[1..], *ONCE_CONSUMERS);
        let loads = std::mem::take(&mut self.loads);
        // Resolve first and count, so each binding's uses are allocated once.
        self.index.loads = loads
            .iter()
            .map(|load| {
                let start = load.range.start();
                let binding = self
                    .index
                    .resolve_name(load.scope, load.name.as_str(), start);
                (start, binding)
            })
            .collect();
        let mut counts = vec![0u32; self.index.bindings.len()];
        for binding in self.index.loads.iter().filter_map(|(_, binding)| *binding) {
            counts[binding.0 as usize] += 1;
        }
        for (binding, count) in self.index.bindings.iter_mut().zip(counts) {
            binding.uses.reserve_exact(count as usize);
        }
        // Out of the index while its bindings are filled in below.
        let resolved = std::mem::take(&mut self.index.loads);
        for (load, &(_, binding)) in loads.into_iter().zip(&resolved) {
            let Some(binding) = binding else {
                continue;
            };
            let kind = match load.pending {
                PendingUse::Known(kind) => kind,
                PendingUse::Argument(call) => self.argument_kind(load.scope, call, load.range),
            };
            let binding = &mut self.index.bindings[binding.0 as usize];
            binding.uses.push(Use {
                range: load.range,
                scope: load.scope,
                kind,
                innermost_loop: load.innermost_loop,
            });
        }
        self.index.loads = resolved;
        self.index
    }

    fn argument_kind(&self, scope: ScopeId, call: &ast::ExprCall, range: TextRange) -> UseKind {
        // `len` takes one argument and the consumers one or two: other calls
        // need no resolving.
        if !matches!(call.arguments.args.len(), 1 | 2) {
            return UseKind::Argument;
        }
        match self.index.resolves_to(scope, &call.func, CALLS_OF_INTEREST) {
            Some("builtins.len") => {
                if call.arguments.len() == 1 {
                    UseKind::Len
                } else {
                    UseKind::Argument
                }
            }
            Some(consumer) => {
                if consumed_iterable(consumer, call).is_some_and(|arg| arg.range() == range) {
                    UseKind::Consumed
                } else {
                    UseKind::Argument
                }
            }
            None => UseKind::Argument,
        }
    }

    /// Tells the child `expr`, if it is a plain name, how it is used.
    fn set_use(&mut self, expr: &Expr, pending: PendingUse<'a>) {
        if let Expr::Name(name) = expr {
            self.contexts.push((name.range.start(), pending));
        }
    }

    fn set_uses(&mut self, exprs: &[Expr], kind: UseKind) {
        for expr in exprs {
            self.set_use(expr, PendingUse::Known(kind));
        }
    }

    fn innermost_loop(&self, range: TextRange) -> Option<TextRange> {
        self.loops
            .iter()
            .rev()
            .find(|lp| lp.contains_range(range))
            .copied()
    }

    /// Records what `stmt` does with the names directly under it.
    fn note_statement_uses(&mut self, stmt: &'a Stmt) {
        let known = |kind| PendingUse::Known(kind);
        match stmt {
            Stmt::For(for_stmt) => {
                if !for_stmt.is_async {
                    self.set_use(&for_stmt.iter, known(UseKind::Iterated));
                }
                if let (Some(first), Some(last)) = (for_stmt.body.first(), for_stmt.body.last()) {
                    self.loops.push(TextRange::new(first.start(), last.end()));
                }
            }
            Stmt::While(while_stmt) => {
                let end = while_stmt.body.last().map_or(while_stmt.end(), Ranged::end);
                self.loops
                    .push(TextRange::new(while_stmt.test.start(), end));
            }
            Stmt::Return(ast::StmtReturn {
                value: Some(value), ..
            }) => self.set_use(value, known(UseKind::Returned)),
            Stmt::Assign(ast::StmtAssign { value, .. })
            | Stmt::AnnAssign(ast::StmtAnnAssign {
                value: Some(value), ..
            }) => self.set_use(value, known(UseKind::Stored)),
            _ => {}
        }
    }

    /// Records what `expr` does with the names directly under it.
    fn note_expression_uses(&mut self, expr: &'a Expr) {
        let known = |kind| PendingUse::Known(kind);
        match expr {
            Expr::Call(call) => {
                for arg in &call.arguments.args {
                    self.set_use(arg, PendingUse::Argument(call));
                }
                for keyword in &call.arguments.keywords {
                    self.set_use(&keyword.value, known(UseKind::Argument));
                }
            }
            Expr::Subscript(subscript) => {
                let kind = if subscript.ctx.is_load() {
                    UseKind::Subscripted
                } else {
                    UseKind::SubscriptTarget
                };
                self.set_use(&subscript.value, known(kind));
            }
            Expr::Attribute(attribute) => {
                self.set_use(&attribute.value, known(UseKind::Attribute));
            }
            Expr::List(list) => self.set_uses(&list.elts, UseKind::Stored),
            Expr::Tuple(tuple) => self.set_uses(&tuple.elts, UseKind::Stored),
            Expr::Set(set) => self.set_uses(&set.elts, UseKind::Stored),
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if let Some(key) = &item.key {
                        self.set_use(key, known(UseKind::Stored));
                    }
                    self.set_use(&item.value, known(UseKind::Stored));
                }
            }
            Expr::Named(named) => self.set_use(&named.value, known(UseKind::Stored)),
            Expr::Yield(ast::ExprYield {
                value: Some(value), ..
            })
            | Expr::YieldFrom(ast::ExprYieldFrom { value, .. }) => {
                self.set_use(value, known(UseKind::Returned));
            }
            Expr::Lambda(lambda) => self.set_use(&lambda.body, known(UseKind::Returned)),
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators {
                    if !generator.is_async {
                        self.set_use(&generator.iter, known(UseKind::Iterated));
                    }
                }
            }
            _ => {}
        }
    }

    fn scope_mut(&mut self, id: ScopeId) -> &mut Scope {
        &mut self.index.scopes[id.index()]
    }

    fn statement_end(&self) -> TextSize {
        self.current_stmt_end.last().copied().unwrap_or_default()
    }

    fn bind(&mut self, name: &Name, range: TextRange, kind: BindingKind, available_from: TextSize) {
        self.bind_in(self.current, name, range, kind, available_from);
    }

    fn bind_in(
        &mut self,
        scope: ScopeId,
        name: &Name,
        range: TextRange,
        kind: BindingKind,
        available_from: TextSize,
    ) {
        // `global x` / `nonlocal x` make the binding land in another scope.
        let target = {
            let s = self.index.scope(scope);
            if s.declares_global(name) {
                ScopeId::MODULE
            } else if s.declares_nonlocal(name) {
                self.index
                    .scopes_from(scope)
                    .skip(1)
                    .find(|id| {
                        let candidate = self.index.scope(*id);
                        candidate.kind == ScopeKind::Function
                            && !candidate.bindings_of(name).is_empty()
                    })
                    .unwrap_or(scope)
            } else {
                scope
            }
        };
        let id = BindingId(u32::try_from(self.index.bindings.len()).unwrap_or(u32::MAX));
        self.index.bindings.push(Binding {
            name: name.clone(),
            kind,
            range,
            scope: target,
            available_from,
            uses: Vec::new(),
            value: BoundValue::Unknown,
        });
        self.scope_mut(target)
            .bindings
            .entry(name.clone())
            .or_default()
            .push(id);
    }

    /// Records what the binding made last was initialised with.
    fn set_last_value(&mut self, value: BoundValue) {
        if let Some(last) = self.index.bindings.last_mut() {
            last.value = value;
        }
    }

    /// Binds every plain name in an assignment target (`a`, `a, *b`, `[a, b]`).
    fn bind_target(&mut self, target: &Expr, kind: &BindingKind, available_from: TextSize) {
        match target {
            Expr::Name(name) => {
                self.bind(&name.id, name.range, kind.clone(), available_from);
            }
            Expr::Tuple(tuple) => {
                for element in &tuple.elts {
                    self.bind_target(element, kind, available_from);
                }
            }
            Expr::List(list) => {
                for element in &list.elts {
                    self.bind_target(element, kind, available_from);
                }
            }
            Expr::Starred(starred) => self.bind_target(&starred.value, kind, available_from),
            _ => {}
        }
    }

    fn bind_import(&mut self, stmt: &Stmt) {
        let end = stmt.end();
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let full = alias.name.id.as_str();
                    if let Some(asname) = &alias.asname {
                        self.index.import_aliases.insert(asname.id.clone());
                        // `import a.b as c` binds `c` to `a.b`.
                        self.bind(
                            &asname.id,
                            alias.range,
                            BindingKind::Import(QualifiedName(full.into())),
                            end,
                        );
                    } else {
                        // `import a.b` binds `a`, which then reaches `a.b`.
                        let root = full.split('.').next().unwrap_or(full);
                        self.bind(
                            &Name::new(root),
                            alias.range,
                            BindingKind::Import(QualifiedName(root.into())),
                            end,
                        );
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                let mut module = ".".repeat(import.level as usize);
                if let Some(name) = &import.module {
                    module.push_str(name.as_str());
                }
                for alias in &import.names {
                    if alias.name.as_str() == "*" {
                        continue;
                    }
                    let separator = if module.ends_with('.') || module.is_empty() {
                        ""
                    } else {
                        "."
                    };
                    let qualified = format!("{module}{separator}{}", alias.name.as_str());
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    if alias.asname.is_some() {
                        self.index.import_aliases.insert(bound.id.clone());
                    }
                    self.bind(
                        &bound.id,
                        alias.range,
                        BindingKind::Import(QualifiedName(qualified.into())),
                        end,
                    );
                }
            }
            _ => {}
        }
    }

    fn bind_parameters(&mut self, parameters: &ast::Parameters) {
        for parameter in parameters {
            let name = parameter.name();
            self.bind(
                &name.id,
                name.range,
                BindingKind::Parameter,
                parameter.as_parameter().range.start(),
            );
        }
    }
}

impl<'a> Hooks<'a> for Builder<'a> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        self.current_stmt_end.push(stmt.end());
        self.context_marks.push(self.contexts.len());
        self.note_statement_uses(stmt);
        let end = stmt.end();
        match stmt {
            Stmt::FunctionDef(def) => {
                self.bind(&def.name.id, def.name.range, BindingKind::FunctionDef, end);
            }
            Stmt::ClassDef(class) => {
                self.bind(&class.name.id, class.name.range, BindingKind::ClassDef, end);
            }
            Stmt::Import(_) | Stmt::ImportFrom(_) => self.bind_import(stmt),
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    self.bind_target(target, &BindingKind::Assignment, end);
                    if target.is_name_expr() {
                        self.set_last_value(BoundValue::of(&assign.value));
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                self.bind_target(&assign.target, &BindingKind::Assignment, end);
                if let (true, Some(value)) = (assign.target.is_name_expr(), &assign.value) {
                    self.set_last_value(BoundValue::of(value));
                }
            }
            Stmt::AugAssign(assign) => {
                self.bind_target(&assign.target, &BindingKind::Assignment, end);
                if assign.target.is_name_expr() {
                    self.set_last_value(BoundValue::AugAssign);
                }
            }
            Stmt::For(for_stmt) => {
                let start = for_stmt.target.start();
                self.bind_target(&for_stmt.target, &BindingKind::LoopVariable, start);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(vars) = &item.optional_vars {
                        self.bind_target(vars, &BindingKind::WithItem, vars.start());
                    }
                }
            }
            Stmt::Global(global) => {
                let names = global.names.iter().map(|n| n.id.clone());
                self.scope_mut(self.current).globals.extend(names);
            }
            Stmt::Nonlocal(nonlocal) => {
                let names = nonlocal.names.iter().map(|n| n.id.clone());
                self.scope_mut(self.current).nonlocals.extend(names);
            }
            Stmt::TypeAlias(alias) => {
                self.bind_target(&alias.name, &BindingKind::Other, end);
            }
            _ => {}
        }
    }

    fn stmt_exit(&mut self, stmt: &'a Stmt) {
        self.current_stmt_end.pop();
        if let Some(mark) = self.context_marks.pop() {
            self.contexts.truncate(mark);
        }
        let pushed_loop = match stmt {
            Stmt::For(for_stmt) => !for_stmt.body.is_empty(),
            Stmt::While(_) => true,
            _ => false,
        };
        if pushed_loop {
            self.loops.pop();
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        self.note_expression_uses(expr);
        match expr {
            Expr::Name(name) if name.ctx.is_load() => {
                let start = name.range.start();
                let pending = match self.contexts.iter().rposition(|(at, _)| *at == start) {
                    Some(found) => self.contexts.remove(found).1,
                    None => PendingUse::Known(UseKind::Other),
                };
                self.loads.push(Load {
                    scope: self.current,
                    name: name.id.clone(),
                    range: name.range,
                    pending,
                    innermost_loop: self.innermost_loop(name.range),
                });
            }
            Expr::Named(named) => {
                // The walrus binds in the nearest scope that is not a comprehension.
                let scope = self
                    .index
                    .scopes_from(self.current)
                    .find(|s| self.index.scope(*s).kind != ScopeKind::Comprehension)
                    .unwrap_or(ScopeId::MODULE);
                if let Expr::Name(name) = &*named.target {
                    self.bind_in(
                        scope,
                        &name.id,
                        name.range,
                        BindingKind::Assignment,
                        named.end(),
                    );
                }
            }
            _ => {}
        }
    }

    fn except_handler(&mut self, handler: &'a ast::ExceptHandlerExceptHandler) {
        if let Some(name) = &handler.name {
            self.bind(&name.id, name.range, BindingKind::Exception, name.start());
        }
    }

    fn pattern(&mut self, pattern: &'a Pattern) {
        let name = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = name {
            let end = self.statement_end();
            self.bind(
                &name.id,
                name.range,
                BindingKind::Other,
                end.min(name.start()),
            );
        }
    }

    fn push_scope(&mut self, kind: ScopeKind, node: AnyNodeRef<'a>) {
        let name = match node {
            AnyNodeRef::StmtFunctionDef(def) => Some(def.name.id.clone()),
            AnyNodeRef::StmtClassDef(class) => Some(class.name.id.clone()),
            _ => None,
        };
        if kind == ScopeKind::Comprehension {
            // Everything after the first iterable runs once per item.
            self.loops.push(node.range());
        }
        let id = ScopeId(u32::try_from(self.index.scopes.len()).unwrap_or(u32::MAX));
        self.index.scopes.push(Scope {
            kind,
            parent: Some(self.current),
            range: node.range(),
            name,
            // Rehashing while names were bound was a third of binding's cost:
            // functions and classes bind a handful of names, a lambda or a
            // comprehension one or two.
            bindings: match kind {
                ScopeKind::Function | ScopeKind::Class => {
                    HashMap::with_capacity_and_hasher(8, FxBuildHasher)
                }
                _ => HashMap::default(),
            },
            globals: Vec::new(),
            nonlocals: Vec::new(),
        });
        self.current = id;
        match node {
            AnyNodeRef::StmtFunctionDef(def) => self.bind_parameters(&def.parameters),
            AnyNodeRef::ExprLambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.bind_parameters(parameters);
                }
            }
            AnyNodeRef::ExprListComp(ast::ExprListComp { generators, .. })
            | AnyNodeRef::ExprSetComp(ast::ExprSetComp { generators, .. })
            | AnyNodeRef::ExprDictComp(ast::ExprDictComp { generators, .. })
            | AnyNodeRef::ExprGenerator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators {
                    let start = generator.target.start();
                    self.bind_target(&generator.target, &BindingKind::LoopVariable, start);
                }
            }
            _ => {}
        }
    }

    fn pop_scope(&mut self) {
        if self.index.scope(self.current).kind == ScopeKind::Comprehension {
            self.loops.pop();
        }
        self.current = self
            .index
            .scope(self.current)
            .parent
            .unwrap_or(ScopeId::MODULE);
    }

    fn too_deep(&mut self, range: TextRange) {
        self.index.too_deep.get_or_insert(range);
    }
}

/// Walks scopes in the same order the index numbered them, so a pass can
/// follow along with [`ScopeCursor::push`] / [`ScopeCursor::pop`].
#[derive(Debug)]
pub struct ScopeCursor {
    next: u32,
    current: ScopeId,
}

impl Default for ScopeCursor {
    fn default() -> Self {
        Self {
            next: 1,
            current: ScopeId::MODULE,
        }
    }
}

impl ScopeCursor {
    /// The scope the walk is in.
    pub fn current(&self) -> ScopeId {
        self.current
    }

    /// Enters the next scope in traversal order.
    pub fn push(&mut self) {
        self.current = ScopeId(self.next);
        self.next += 1;
    }

    /// Leaves the current scope.
    pub fn pop(&mut self, index: &SemanticIndex) {
        self.current = index.scope(self.current).parent.unwrap_or(ScopeId::MODULE);
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{Expr, Stmt};

    use super::*;

    /// The qualified name of every decorator in `source`, resolved from the
    /// scope it is written in, in source order.
    fn decorators(source: &str) -> Vec<Option<String>> {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let index = SemanticIndex::build(parsed.syntax());
        let mut collector = Collector {
            index: &index,
            scope: Vec::new(),
            cursor: ScopeCursor::default(),
            found: Vec::new(),
        };
        traverse::walk_module(&mut collector, &parsed.syntax().body);
        collector.found
    }

    struct Collector<'i> {
        index: &'i SemanticIndex,
        scope: Vec<ScopeId>,
        cursor: ScopeCursor,
        found: Vec<Option<String>>,
    }

    impl<'a> Hooks<'a> for Collector<'_> {
        fn stmt(&mut self, stmt: &'a Stmt) {
            if let Stmt::FunctionDef(def) = stmt {
                for decorator in &def.decorator_list {
                    let name = self
                        .index
                        .qualified_name(self.cursor.current(), &decorator.expression);
                    self.found.push(name.map(|n| n.as_str().to_owned()));
                }
            }
        }
        fn expr(&mut self, _expr: &'a Expr) {}
        fn push_scope(&mut self, _kind: ScopeKind, _node: AnyNodeRef<'a>) {
            self.cursor.push();
            self.scope.push(self.cursor.current());
        }
        fn pop_scope(&mut self) {
            self.cursor.pop(self.index);
            self.scope.pop();
        }
        fn too_deep(&mut self, _range: TextRange) {}
    }

    #[test]
    fn import_forms_resolve() {
        let source = "\
import functools
import functools as ft
from functools import lru_cache as memo
import os.path
from . import sibling
from ..pkg import thing

@functools.cache
def a(): ...
@ft.lru_cache(maxsize=1)
def b(): ...
@memo
def c(): ...
@os.path.join
def d(): ...
@sibling.deco
def e(): ...
@thing
def f(): ...
@staticmethod
def g(): ...
";
        let parsed = ruff_python_parser::parse_module(source).expect("valid");
        let index = SemanticIndex::build(parsed.syntax());
        let names: Vec<_> = parsed
            .syntax()
            .body
            .iter()
            .filter_map(|s| s.as_function_def_stmt())
            .map(|def| {
                let expr = match &def.decorator_list[0].expression {
                    Expr::Call(call) => &*call.func,
                    other => other,
                };
                index
                    .qualified_name(ScopeId::MODULE, expr)
                    .map(|q| q.as_str().to_owned())
            })
            .collect();
        assert_eq!(
            names,
            vec![
                Some("functools.cache".to_owned()),
                Some("functools.lru_cache".to_owned()),
                Some("functools.lru_cache".to_owned()),
                Some("os.path.join".to_owned()),
                Some(".sibling.deco".to_owned()),
                Some("..pkg.thing".to_owned()),
                Some("builtins.staticmethod".to_owned()),
            ]
        );
    }

    #[test]
    fn local_rebinding_shadows_an_import() {
        let source = "\
from functools import cache

def cache(f):
    return f

@cache
def a(): ...
";
        assert_eq!(decorators(source), vec![None]);
    }

    #[test]
    fn module_bindings_count_from_where_they_are_made() {
        let source = "\
from functools import cache

@cache
def a(): ...

cache = None
";
        assert_eq!(decorators(source), vec![Some("functools.cache".to_owned())]);
    }

    #[test]
    fn class_bodies_shadow_for_themselves_only() {
        let source = "\
from functools import cache

class A:
    cache = staticmethod(print)

    @cache
    def a(self): ...

    def outer(self):
        @cache
        def inner(): ...
";
        // In the class body `cache` is the class attribute; inside a method
        // the class scope is invisible, so it is the import again.
        assert_eq!(
            decorators(source),
            vec![None, Some("functools.cache".to_owned())]
        );
    }

    #[test]
    fn function_locals_and_globals() {
        let source = "\
import functools

def f():
    functools = None
    @functools.cache
    def a(): ...

def g():
    global functools
    @functools.cache
    def b(): ...
";
        assert_eq!(
            decorators(source),
            vec![None, Some("functools.cache".to_owned())]
        );
    }

    #[test]
    fn loads_are_kept_in_walk_order_with_their_bindings() {
        // Every load again, in the order a walk meets them, with its scope.
        struct Loads<'i> {
            index: &'i SemanticIndex,
            cursor: ScopeCursor,
            seen: Vec<(TextRange, String, ScopeId)>,
        }
        impl<'a> Hooks<'a> for Loads<'_> {
            fn stmt(&mut self, _stmt: &'a Stmt) {}
            fn expr(&mut self, expr: &'a Expr) {
                if let Expr::Name(name) = expr
                    && name.ctx.is_load()
                {
                    self.seen
                        .push((name.range, name.id.to_string(), self.cursor.current()));
                }
            }
            fn push_scope(&mut self, _kind: ScopeKind, _node: AnyNodeRef<'a>) {
                self.cursor.push();
            }
            fn pop_scope(&mut self) {
                self.cursor.pop(self.index);
            }
            fn too_deep(&mut self, _range: TextRange) {}
        }
        let source = "import os\nclass C:\n    x = len\n    def f(self, y=x):\n        return [os.path.join(z, y) for z in self.items] + [x]\nprint(C().f())\n";
        let parsed = ruff_python_parser::parse_module(source).expect("valid");
        let index = SemanticIndex::build(parsed.syntax());
        let mut loads = Loads {
            index: &index,
            cursor: ScopeCursor::default(),
            seen: Vec::new(),
        };
        traverse::walk_module(&mut loads, &parsed.syntax().body);
        assert_eq!(loads.seen.len(), index.loads.len());
        let mut bound = 0;
        for (position, (range, name, scope)) in loads.seen.iter().enumerate() {
            let recorded = index.load_at(position, range.start()).expect("same order");
            assert_eq!(
                recorded,
                index.resolve_name(*scope, name, range.start()),
                "{name}"
            );
            bound += usize::from(recorded.is_some());
        }
        // `len` and `print` are builtins, and the method's `x` does not see
        // the class body's; the rest are bound.
        assert_eq!(bound, loads.seen.len() - 3);
        // A position that does not match is told apart.
        assert_eq!(index.load_at(0, TextSize::new(1)), None);
        assert_eq!(
            index.load_at(loads.seen.len(), loads.seen[0].0.start()),
            None
        );
    }

    #[test]
    fn references_are_recorded() {
        let parsed = ruff_python_parser::parse_module("x = 1\nprint(x)\ndef f():\n    return x\n")
            .expect("valid");
        let index = SemanticIndex::build(parsed.syntax());
        let binding = index
            .resolve_name(ScopeId::MODULE, "x", TextSize::new(100))
            .expect("x is bound");
        assert_eq!(index.binding(binding).uses.len(), 2);
        assert_eq!(index.binding(binding).kind, BindingKind::Assignment);
    }
}
