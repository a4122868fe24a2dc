//! Module-level and class-level containers and every way the module touches
//! them: adds (with varying or constant keys, of `self` or another
//! instance), removals, rebinding, `len` bounds, and uses we cannot follow.
//! Built once per file on first use (see [`crate::Context::containers`]);
//! MEM105 and MEM203 both read it. This file holds the facts; `collect`
//! finds the containers, `walk` records the touches, and `operands` says
//! what an operand of a touch denotes.

mod collect;
mod operands;
mod walk;

use std::collections::{HashMap, HashSet};

use ruff_python_ast::Stmt;
use ruff_python_ast::name::Name;
use ruff_text_size::{TextRange, TextSize};

pub use collect::may_create_container;
pub(crate) use operands::is_constant;

use crate::semantic::{ScopeCursor, ScopeId, ScopeKind, SemanticIndex};
use crate::traverse;
use collect::Collector;
use walk::Walker;

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

    /// How a message names it: `dict`, `list`, `deque`, ...
    pub fn name(self) -> &'static str {
        match self {
            Self::Dict => "dict",
            Self::List => "list",
            Self::Set => "set",
            Self::DefaultDict => "defaultdict",
            Self::OrderedDict => "OrderedDict",
            Self::Deque | Self::BoundedDeque => "deque",
            Self::Weak => "weak container",
        }
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
    /// An entry goes in through an instance of the class that binds the
    /// container (`self.c.append(x)`, `self.c[k] = v`): the instance reads
    /// the class's one container unless it binds its own. Not an `Add`:
    /// MEM105 and MEM203 judge what goes in through the class; MEM107 this.
    AddThroughSelf {
        /// As for `Add`.
        varying: bool,
        /// As for `Add`.
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
    /// The container was reached through `self` (`self.c`), not through
    /// its class (`Cls.c`, `cls.c`, `type(self).c`) or its module name.
    pub through_self: bool,
    /// Whether it runs inside a function or lambda (not at import time).
    pub in_function: bool,
    /// The innermost function or lambda scope it runs in.
    pub function: Option<ScopeId>,
    /// It runs once per definition or once overall, not once per input: in a
    /// class-creation hook (`__init_subclass__`, `__set_name__`), a decorator
    /// (a function that returns one of its parameters), a `register*`
    /// function, or under a fill-once guard (`if not table:`).
    pub at_definition_time: bool,
    /// For a varying add in a `def`: its key is first checked to be in
    /// another collection (`assert k in SUPPORTED`, `if k not in
    /// installed: raise`), so the keys it adds are bounded by that one.
    pub key_checked: bool,
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
    /// For a class-level container: some code reaches it through the class
    /// (`Cls.c`, `cls.c`, `type(self).c`, `self.__class__.c`), if only to
    /// read it.
    pub through_class: bool,
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

    /// Whether the function `function` reads the container by key apart
    /// from its adds: the lookup `setdefault` makes itself does not count
    /// (`c.setdefault(k, []).append(v)` groups values; it is no memo)
    /// unless the call hands back a value it did not just make empty
    /// (`lock = c.setdefault(k, Lock())`: get-or-create).
    pub fn looked_up_apart_from_adds(&self, function: Option<ScopeId>) -> bool {
        self.lookups_apart_from_adds()
            .any(|lookup| lookup.function == function)
    }

    /// The key lookups that are not an add's own (see
    /// [`Self::looked_up_apart_from_adds`]), in any function.
    pub fn lookups_apart_from_adds(&self) -> impl Iterator<Item = &Touch> {
        self.touches.iter().filter(|lookup| {
            lookup.kind == TouchKind::Lookup
                && !self
                    .touches
                    .iter()
                    .any(|add| add.range == lookup.range && add.kind != TouchKind::Lookup)
        })
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
    pub fn build<'i>(body: &'i [Stmt], index: &'i SemanticIndex) -> Self {
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
            module: body,
            cursor: ScopeCursor::default(),
            kinds: Vec::new(),
            statements: Vec::new(),
            fill_once: Vec::new(),
            classified: HashSet::new(),
            instances: HashSet::new(),
            operand_through_self: false,
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

    /// Whether a container of the class named `class` (bound in its body)
    /// gets every instance at run time (`self.instances.append(self)`,
    /// `Cls._all[key] = self`) and nothing in the module ever takes one
    /// out: the class keeps all its instances alive for the whole program
    /// (MEM105's registry), so what else pins them (a cache keyed by
    /// `self`, a handler) keeps nothing more.
    pub fn keeps_every_instance(&self, class: &str) -> bool {
        self.containers.iter().any(|c| {
            c.class.as_ref().is_some_and(|n| n.as_str() == class)
                && c.kind.is_strong_and_unbounded()
                && !c.is_ever_emptied_or_unknown()
                && c.touches.iter().any(|t| {
                    t.in_function
                        && matches!(
                            t.kind,
                            TouchKind::Add { instance: true, .. }
                                | TouchKind::AddThroughSelf { instance: true, .. }
                        )
                })
        })
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
    fn adds_through_self_are_told_apart() {
        let facts = facts(
            "\
class A:
    items = []
    table = {}

    def add(self, x):
        self.items.append(x)
        self.table[x] = 1

    @classmethod
    def names(cls):
        return sorted(cls.table)
",
        );
        let [items, table] = facts.containers() else {
            panic!("two containers");
        };
        assert_eq!(
            kinds(items),
            vec![TouchKind::AddThroughSelf {
                varying: true,
                instance: false
            }]
        );
        assert!(items.touches.iter().all(|t| t.through_self));
        assert!(!items.through_class);
        // MEM203 and MEM105 read `Add` only: what goes in through `self` is
        // not theirs.
        assert_eq!(items.runtime_adds().count(), 0);
        assert!(table.through_class);
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
