//! MEM203: a module or class container that functions keep filling and
//! nothing ever empties.

use memwise_core::bounded::{self, is_bounded_annotation};
use memwise_core::facts_containers::{ContainerKind, Touch, TouchKind};
use memwise_core::summary::BoundedCalls;
use memwise_core::{
    Context, Diagnostic, FixAvailability, Project, ProjectRule, Rule, ScopeId, ScopeKind,
    declare_rule,
};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind, Stmt};
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
    /// This rule is opt-in (select it with `--select MEM203`). Most
    /// module-level tables that only grow are registries and interning
    /// tables whose keys come from a finite set the code cannot show: on
    /// three sets of projects no rule had been tuned on, 38 of its 40
    /// findings read were false alarms (lexer and directive registries,
    /// plugin tables, `sys.modules`-sized maps, modes that run once). Select
    /// it to audit a long-running service.
    ///
    /// To stay quiet on registries, a dict or set counts as growing only
    /// where the adding function also looks keys up in it (`k in c`, `c[k]`,
    /// `c.get(k)`, `c.setdefault(k, v)`: the memo pattern), and adds are not
    /// counted when they run once per definition or once overall: in
    /// `__init_subclass__` or `__set_name__`, in a decorator (a function that
    /// returns its parameter), in a `register*` function, under a fill-once
    /// guard (`if not table:`), or when the stored value is a class (a
    /// registry of classes, or a class factory's memo that keeps one class
    /// per key so that instances pickle and compare by class). A
    /// write-only dict that does grow with input is therefore missed.
    ///
    /// Keys from a bounded domain do not count as growth: literals,
    /// module-level constants (a name bound once at module level), classes
    /// (`type(x)`, `x.__class__`, a class name), modules and functions, a
    /// local name bound once to one of them, a loop variable over one of
    /// them (`for kind in KINDS:`), and a container annotated with such a
    /// key type (`dict[type[Exception], str]`, `set[type]`,
    /// `dict[Literal["a", "b"], int]`).
    ///
    /// A key built from the adding function's parameters (`c[name] = ...`,
    /// `key = (name, token); c[key] = ...`) is bounded when the function is
    /// called at least once and every call passes bounded values for those
    /// parameters (`_symbols("x", n)`: `n` is not part of the key), or
    /// passes on a parameter of its own caller whose calls do in turn
    /// (`def _dummy(name): return _dummy_(name)`, followed three calls
    /// deep). A call made once at import (at module level, in a `for` over
    /// what the module holds, not under a `while` loop or the `__main__`
    /// guard) counts as bounded whatever it passes: a registration table
    /// filled by module-level calls holds a fixed number of keys. "Every
    /// call" is decided by the whole project, as MEM202 does: calls in
    /// other checked files count, a use that is not a call counts as one
    /// with unknown arguments, and a public function's callers outside the
    /// checked files (a library's users) are not seen, so a memo they feed
    /// with input is missed. This holds for dicts and sets only: a list
    /// grows with every call, whatever the arguments.
    ///
    /// A key checked to be in another collection before it is added
    /// (`assert code in SUPPORTED`, `if name not in installed: raise ...`,
    /// or the add under `if key in known:`) is bounded by that collection:
    /// only what it holds gets in. (The collection itself, if it grows, is
    /// judged on its own.)
    ///
    /// A warn-once set is bounded by the distinct warnings the program can
    /// emit: a set whose add is guarded by `if x not in s:` (alone or in an
    /// `and`) and whose guarded block also emits a warning or a log record
    /// (`warnings.warn(...)`, `logger.warning(...)`) is not reported. The
    /// keys it remembers are the names a program uses (storage keys,
    /// deprecated options), not its input; a program that warns once per
    /// request id is missed. A memo whose
    /// keys come from a small domain the code does not show (configured
    /// aliases, language codes) is bounded in practice; suppress the finding
    /// with `# noqa: MEM203`. A container handed to other code (returned, passed
    /// as an argument, aliased) or emptied from another module is not seen
    /// as emptied there: the first is not flagged, the second is.
    pub UnboundedMemoContainer {
        code: "MEM203",
        name: "unbounded-memo-container",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for UnboundedMemoContainer {
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
        let growing: Vec<&Touch> = container
            .runtime_adds()
            .filter(|t| {
                matches!(t.kind, TouchKind::Add { varying: true, .. })
                    && !t.at_definition_time
                    && !t.key_checked
                    && (list_like || container.looked_up_in(t.function))
            })
            .collect();
        let Some(first) = growing.first().copied() else {
            return;
        };
        // A key built from the adding function's parameters is bounded when
        // every call of that function passes bounded values for them. (A
        // list grows with every call, whatever the arguments.)
        let mut conditions = Vec::new();
        if !list_like {
            let mut bounded = true;
            for touch in &growing {
                match bounded_by_calls(cx, touch) {
                    Some(CallBound::Bounded) => {}
                    Some(CallBound::IfEveryCall(more)) => conditions.extend(more),
                    None => {
                        bounded = false;
                        break;
                    }
                }
            }
            if !bounded {
                conditions.clear();
            } else if conditions.is_empty() {
                return;
            }
        }
        let level = if scope_kind == ScopeKind::Class {
            "class-level"
        } else {
            "module-level"
        };
        let what = container.kind.name();
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
        cx.report_unless_bounded_calls(diagnostic, conditions);
    }
}

impl ProjectRule for UnboundedMemoContainer {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// What the calls of an adding function say about its keys.
enum CallBound {
    /// Every call in the module passes bounded keys, and the function is
    /// private to the module.
    Bounded,
    /// Every call in the module does; calls of these functions in other
    /// files decide.
    IfEveryCall(Vec<BoundedCalls>),
}

/// For an add in a module-level `def` whose key is built from its
/// parameters: whether the calls of that `def` bound the key. `None` when
/// the key is not built from parameters, or some call passes an unbounded
/// value (or the function is used other than by calls).
fn bounded_by_calls(cx: &Context<'_>, touch: &Touch) -> Option<CallBound> {
    if touch.key_parameters == 0 {
        return None;
    }
    let index = cx.index();
    let scope = index.scope(touch.function?);
    if scope.kind != ScopeKind::Function || scope.parent != Some(ScopeId::MODULE) {
        return None;
    }
    let def = cx.module().iter().find_map(|stmt| match stmt {
        Stmt::FunctionDef(def) if def.range == scope.range => Some(def),
        _ => None,
    })?;
    let mut condition = bounded::key_condition(def, touch.key_parameters, false);
    let binding = index.binding_at(ScopeId::MODULE, &def.name.id, def.name.range)?;
    let local = bounded::bounded_calls_of(cx, binding, &condition)?;
    condition.local_calls = local.calls;
    let private = def.name.starts_with('_') && !def.name.ends_with("__");
    let mut conditions = local.passed_on;
    if !(private && local.calls > 0) {
        conditions.push(condition);
    }
    Some(if conditions.is_empty() {
        CallBound::Bounded
    } else {
        CallBound::IfEveryCall(conditions)
    })
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
