//! Building the semantic index: one walk of the module binds every name
//! in its scope, records every load, and resolves the loads to bindings
//! (with how each is used) once the walk is done.

use hashbrown::HashTable;
use rustc_hash::FxHashSet as HashSet;
use smallvec::SmallVec;

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{
    Binding, BindingId, BindingKind, QualifiedName, Scope, ScopeId, ScopeKind, SemanticIndex,
};
use crate::python::from_import_name;
use crate::traverse::{self, Hooks};
use crate::uses::{BoundValue, ONCE_CONSUMERS, Use, UseKind, consumed_iterable};

/// Builds the index of a module.
pub(super) fn build(module: &ast::ModModule) -> SemanticIndex {
    // Growing these vectors copied them over and over on large files;
    // real code has about one load per 16 bytes and one binding per 64.
    let size = module.range.len().to_usize();
    // Scopes too: about one per 460 bytes, and each grown vector copied
    // every scope made so far.
    let mut scopes = Vec::with_capacity(size / 512 + 1);
    scopes.push(Scope {
        kind: ScopeKind::Module,
        parent: None,
        range: module.range,
        name: None,
        bindings: HashTable::with_capacity(size / 128),
        globals: Vec::new(),
        nonlocals: Vec::new(),
    });
    let mut builder = Builder {
        index: SemanticIndex {
            scopes,
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
    name: &'a Name,
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

/// Whether `last` is the last segment of one of [`CALLS_OF_INTEREST`].
fn is_interesting_last(last: &str) -> bool {
    matches!(
        last,
        "len"
            | "sum"
            | "any"
            | "all"
            | "min"
            | "max"
            | "sorted"
            | "set"
            | "frozenset"
            | "tuple"
            | "dict"
            | "Counter"
            | "deque"
            | "nlargest"
            | "nsmallest"
    )
}

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
                    .resolve_inline(load.scope, load.name.as_str(), start);
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
        // What `resolves_to` rules out first, decided by one `match` on
        // the callee's last segment instead of its search of the 15
        // candidates (26,206 calls in the build on a tenth of the
        // benchmark corpus, about 240 instructions each): spelled with
        // another last segment, the callee is none of them unless a bare
        // name is an import alias.
        let last = match call.func.as_ref() {
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            Expr::Name(name) => name.id.as_str(),
            _ => return UseKind::Argument,
        };
        if !(is_interesting_last(last)
            || call.func.is_name_expr() && self.index.import_aliases.contains(last))
        {
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
        let hash = super::name_hash(name.as_str());
        self.scope_mut(target)
            .bindings
            .entry(
                hash,
                |(bound, _)| bound == name,
                |(bound, _)| super::name_hash(bound.as_str()),
            )
            .or_insert_with(|| (name.clone(), SmallVec::new()))
            .into_mut()
            .1
            .push(id);
    }

    /// Records what the binding made last was initialised with.
    /// Sets the value of every binding made since there were `first`.
    fn set_values_from(&mut self, first: usize, value: BoundValue) {
        for binding in &mut self.index.bindings[first..] {
            binding.value = value;
        }
    }

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
                let module = import.module.as_ref().map(ast::Identifier::as_str);
                for alias in &import.names {
                    if alias.name.as_str() == "*" {
                        continue;
                    }
                    let qualified = from_import_name(import.level, module, alias.name.as_str());
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
                let first = self.index.bindings.len();
                self.bind_target(&for_stmt.target, &BindingKind::LoopVariable, start);
                if BoundValue::constant_items(&for_stmt.iter) {
                    self.set_values_from(first, BoundValue::ConstantItem);
                }
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
                    name: &name.id,
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
                ScopeKind::Function | ScopeKind::Class => HashTable::with_capacity(8),
                _ => HashTable::new(),
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
                    let first = self.index.bindings.len();
                    self.bind_target(&generator.target, &BindingKind::LoopVariable, start);
                    if BoundValue::constant_items(&generator.iter) {
                        self.set_values_from(first, BoundValue::ConstantItem);
                    }
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

#[cfg(test)]
mod tests {
    /// The `match` that spares `resolves_to` knows every candidate's last
    /// segment, and no other.
    #[test]
    fn interesting_last_segments_are_the_candidates() {
        for candidate in super::CALLS_OF_INTEREST {
            let last = candidate.rsplit('.').next().unwrap_or(candidate);
            assert!(super::is_interesting_last(last), "{candidate}");
        }
        for other in ["list", "print", "length", "Count", ""] {
            assert!(!super::is_interesting_last(other), "{other}");
        }
    }
}
