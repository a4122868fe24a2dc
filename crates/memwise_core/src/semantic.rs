//! The per-file semantic index: scopes, bindings, references, and import
//! resolution to qualified names. Built once per file; every rule asks it
//! instead of resolving names on its own. The walk that builds it is in
//! `build`.

mod build;

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashSet as HashSet};
use smallvec::SmallVec;

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{TextRange, TextSize};

use crate::uses::{BoundValue, Use};

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

impl BindingId {
    /// Its position among the file's bindings, for a table kept beside them.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

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
    /// Each name bound here and its bindings, found by [`name_hash`].
    bindings: HashTable<(Name, SmallVec<[BindingId; 2]>)>,
    globals: Vec<Name>,
    nonlocals: Vec<Name>,
}

/// The hash of a name in every scope's table. A name is resolved by asking
/// each enclosing scope in turn (1.5 scopes a resolution on a tenth of the
/// benchmark corpus); a map keyed by the name hashed the text again for
/// each, where this hash is computed once per resolution.
fn name_hash(name: &str) -> u64 {
    FxBuildHasher.hash_one(name)
}

impl Scope {
    /// The bindings of `name` in this scope, in source order.
    pub fn bindings_of(&self, name: &str) -> &[BindingId] {
        self.bindings_hashed(name_hash(name), name)
    }

    /// [`Self::bindings_of`] for a name whose [`name_hash`] is `hash`.
    fn bindings_hashed(&self, hash: u64, name: &str) -> &[BindingId] {
        self.bindings
            .find(hash, |(bound, _)| bound.as_str() == name)
            .map_or(&[], |(_, ids)| ids.as_slice())
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
        build::build(module)
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
        self.resolve_inline(scope, name, offset)
    }

    /// [`Self::resolve_name`], inlined into the index builder's loop over
    /// every load of the file (212,807 of the 249,483 resolutions on a
    /// tenth of the benchmark corpus): called there, each resolution saved
    /// and restored the registers the search uses, about 18 of its 164
    /// instructions. Inlined, the build with its resolutions went from
    /// 60.5M to 56.3M instructions on that tenth.
    #[allow(clippy::inline_always)] // measured: `#[inline]` alone leaves it a call
    #[inline(always)]
    fn resolve_inline(&self, scope: ScopeId, name: &str, offset: TextSize) -> Option<BindingId> {
        let hash = name_hash(name);
        let mut current = Some(scope);
        let mut innermost = true;
        while let Some(id) = current {
            let s = self.scope(id);
            current = s.parent;
            if !innermost && s.kind == ScopeKind::Class {
                continue;
            }
            if s.declares_global(name) {
                return self.scopes[0].bindings_hashed(hash, name).last().copied();
            }
            let ids = s.bindings_hashed(hash, name);
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
    #[allow(clippy::inline_always)] // measured: `#[inline]` alone leaves it a call
    #[inline(always)]
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
        // Inlined where a rule asks, with its candidates known there, so the
        // check costs no call: rules ask about every call of a file (two of
        // them 22,341 times each on a tenth of the benchmark corpus). Only
        // `inline(always)` does it: with `inline` the loop over candidates
        // kept it a call. The rest is out of line, and so is the alias set's
        // lookup, which would otherwise be inlined at every site.
        let last = match expr {
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            Expr::Name(name) => name.id.as_str(),
            _ => return None,
        };
        let plausible = candidates.iter().any(|c| ends_with_segment(c, last));
        if !(plausible || expr.is_name_expr() && self.is_alias(last)) {
            return None;
        }
        self.resolves_to_plausible(scope, expr, candidates)
    }

    /// Whether an import binds `name` under another name, asked out of line
    /// by [`SemanticIndex::resolves_to`]'s inlined check.
    #[inline(never)]
    fn is_alias(&self, name: &str) -> bool {
        self.import_aliases.contains(name)
    }

    /// [`SemanticIndex::resolves_to`] past its check of the last segment.
    #[inline(never)]
    fn resolves_to_plausible<'c>(
        &self,
        scope: ScopeId,
        expr: &Expr,
        candidates: &[&'c str],
    ) -> Option<&'c str> {
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
#[inline]
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
    use ruff_python_ast::{AnyNodeRef, Expr, Stmt};

    use super::*;
    use crate::traverse::{self, Hooks};

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
