//! MEM203: a module or class container that functions keep filling and
//! nothing ever empties.

use memwise_core::bounded::is_bounded_annotation;
use memwise_core::facts_containers::{ContainerKind, TouchKind};
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, RuleMeta, ScopeKind, declare_rule};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for a container created at module level or in a class body
    /// (`{}`, `dict()`, `[]`, `list()`, `set()`, `defaultdict(...)`,
    /// `OrderedDict()`, `deque()` without `maxlen`) that functions keep adding
    /// to with keys or items that vary (`c[k] = v`, `c.setdefault(k, v)`,
    /// `c.update(...)`, `c.append(x)`, `c.add(x)`, `c.extend(...)`), while
    /// nothing in the module ever removes from it or bounds it (`del c[k]`,
    /// `.pop`, `.popitem`, `.clear()`, `.remove`, `.discard`, rebinding it
    /// through `global`, or comparing `len(c)`).
    ///
    /// ## Why is this bad?
    /// A hand-made memo table or log at module level lives for the whole
    /// program. Each new key or item stays in it forever, so in a
    /// long-running process fed with ever-new inputs it grows until memory
    /// runs out. Adds with constant keys (`c["x"] = ...`) do not grow it and
    /// are not counted; a container that collects `self` is MEM105's.
    ///
    /// ## Example
    /// ```python
    /// _results = {}
    ///
    ///
    /// def lookup(key):
    ///     if key not in _results:
    ///         _results[key] = key * 2
    ///     return _results[key]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    ///
    ///
    /// @functools.lru_cache(maxsize=1024)
    /// def lookup(key):
    ///     return key * 2
    /// ```
    ///
    /// ## Known problems
    /// To stay quiet on registries, a dict or set counts as growing only
    /// where the adding function also looks keys up in it (`k in c`, `c[k]`,
    /// `c.get(k)`, `c.setdefault(k, v)`: the memo pattern), and adds are not
    /// counted when they run once per definition or once overall: in
    /// `__init_subclass__` or `__set_name__`, in a decorator (a function that
    /// returns its parameter), in a `register*` function, under a fill-once
    /// guard (`if not table:`), or when the stored value is a class. A
    /// write-only dict that does grow with input is therefore missed.
    ///
    /// Keys from a bounded domain do not count as growth: literals,
    /// module-level constants (a name bound once at module level), classes
    /// (`type(x)`, `x.__class__`, a class name), modules and functions, and
    /// a container annotated with such a key type (`dict[type[Exception],
    /// str]`, `set[type]`, `dict[Literal["a", "b"], int]`). A memo whose
    /// keys come from a small domain the code does not show (configured
    /// aliases, language codes) is bounded in practice; suppress the finding
    /// with `# noqa: MEM203`. A container handed to other code (returned, passed
    /// as an argument, aliased) or emptied from another module is not seen
    /// as emptied there: the first is not flagged, the second is.
    pub UnboundedMemoContainer {
        code: "MEM203",
        name: "unbounded-memo-container",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for UnboundedMemoContainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let Some(container) = cx.container_created_by(node) else {
            return;
        };
        let scope_kind = cx.index().scope(cx.scope()).kind;
        let range = node.range();
        if !container.kind.is_strong_and_unbounded() || container.is_ever_shrunk_or_unknown() {
            return;
        }
        // Keys declared to be classes, modules, functions, flags or literals
        // (`dict[type[Exception], str]`): one entry per member of a bounded set.
        if let AnyNodeRef::StmtAnnAssign(assign) = node
            && has_bounded_keys(cx, &assign.annotation)
        {
            return;
        }
        // A container that receives instances is a registry: MEM105.
        if container
            .touches
            .iter()
            .any(|t| matches!(t.kind, TouchKind::Add { instance: true, .. }))
        {
            return;
        }
        // Lists and deques grow with every add; a mapping or set grows like a
        // memo only when the adding function also looks keys up in it (a
        // write-only registry is filled from the program's own names).
        let list_like = matches!(container.kind, ContainerKind::List | ContainerKind::Deque);
        let Some(first) = container.runtime_adds().find(|t| {
            matches!(t.kind, TouchKind::Add { varying: true, .. })
                && !t.at_definition_time
                && (list_like || container.looked_up_in(t.function))
        }) else {
            return;
        };
        let level = if scope_kind == ScopeKind::Class {
            "class-level"
        } else {
            "module-level"
        };
        let what = kind_name(container.kind);
        let help = match container.kind {
            ContainerKind::List | ContainerKind::Deque => {
                "use `collections.deque(maxlen=N)`, or remove entries once they are used"
            }
            _ => {
                "use `functools.lru_cache(maxsize=N)` on the function, or a bounded `cachetools.LRUCache`/`TTLCache`"
            }
        };
        let diagnostic = Diagnostic::new(
            &UnboundedMemoContainer::META,
            format!(
                "{level} {what} `{}` only ever grows: functions add to it and nothing removes from it",
                container.display()
            ),
            range,
        )
        .with_secondary(first.range, "grows here")
        .with_help(help);
        cx.report(diagnostic);
    }
}

/// `dict[K, V]`, `set[K]`, `Dict[K, V]`, ... whose key or item type `K`
/// admits only a bounded set of values.
fn has_bounded_keys(cx: &Context<'_>, annotation: &Expr) -> bool {
    let Expr::Subscript(subscript) = annotation else {
        return false;
    };
    let key = match &*subscript.slice {
        Expr::Tuple(tuple) => match tuple.elts.first() {
            Some(first) => first,
            None => return false,
        },
        other => other,
    };
    is_bounded_annotation(cx.index(), cx.scope(), key)
}

fn kind_name(kind: ContainerKind) -> &'static str {
    match kind {
        ContainerKind::Dict => "dict",
        ContainerKind::List => "list",
        ContainerKind::Set => "set",
        ContainerKind::DefaultDict => "defaultdict",
        ContainerKind::OrderedDict => "OrderedDict",
        ContainerKind::Deque | ContainerKind::BoundedDeque => "deque",
        ContainerKind::Weak => "weak container",
    }
}
