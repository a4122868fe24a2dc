//! MEM205: a mutable default argument that the function fills.

use memwise_core::bounded::{
    CacheBound, LeftOut, calls_are_visible, default_bound, every_local_call_passes,
    is_bounded_value, key_condition, passes_argument, uses_leaving_out,
};
use memwise_core::edits::{indentation_at, line_ending, line_start};
use memwise_core::facts::{MethodKind, static_or_class_method};
use memwise_core::facts_lifetime::{defaults_hold_closure_state, local_function_stays_in_call};
use memwise_core::facts_self::{assigned_values, for_each_scope_statement};
use memwise_core::find::body_contains;
use memwise_core::python::{
    CONTAINER_ADD_METHODS, CONTAINER_REMOVE_METHODS, emptiness_guard, is_class_of,
    is_protocol_method, size_cap_guard,
};
use memwise_core::uses::UseKind;
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Project, ProjectRule, Rule,
    ScopeId, ScopeKind, SemanticIndex, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a parameter whose default is a mutable literal or
    /// constructor (`[]`, `{}`, `set()`, `list()`, `dict()`,
    /// `defaultdict(...)`, `deque()`) and that the function body mutates
    /// (`append`, `extend`, `insert`, `add`, `update`, `setdefault`,
    /// `p[k] = v`, `p[k] += v`, `p += ...`, or an add to one of its items:
    /// `p[k].append(v)` into a `defaultdict(list)`) before any rebinding
    /// of it.
    ///
    /// ## Why is this bad?
    /// The default is evaluated once, when the `def` runs, and the same
    /// object is shared by every call that does not pass the argument. Each
    /// such call adds to it, so it grows for as long as the function exists,
    /// usually the whole program, and calls see each other's data.
    ///
    /// ## Example
    /// ```python
    /// def collect(item, seen=[]):
    ///     seen.append(item)
    ///     return seen
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def collect(item, seen=None):
    ///     if seen is None:
    ///         seen = []
    ///     seen.append(item)
    ///     return seen
    /// ```
    ///
    /// ## Fix safety
    /// The fix defaults the parameter to `None` and creates the container at
    /// the top of the body. It is unsafe: a caller that passed `None` on
    /// purpose now gets a fresh container, code that relied on the shared
    /// object (a memo) loses it, and an annotation such as `list` no longer
    /// covers the default. No fix is offered when the body shares the `def`
    /// line, or when the default names a parameter (`def f(list, acc=list())`).
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM205`). Whether a
    /// shared default grows depends on whether any call leaves the
    /// argument out and on what keys the calls bring, and that is seldom
    /// visible in the function: on the PyPI projects no rule had been
    /// tuned on (corpora 3 to 306), 75 of its 131 findings read were false
    /// alarms and 9 true. Nearly every false one is a default the code
    /// shares on purpose (a memo keyed by a few dtypes or sample rates, a
    /// warn-once set, a stack a parse action pops) or one that every
    /// caller overrides. The exemptions below take the shapes of it that
    /// the code shows; of the judged sites it still reports, 21 are false
    /// alarms against 8 true. Select it to audit mutable defaults: a
    /// default grown by a public function that callers do call without
    /// the argument (a list of results returned to each caller) is the
    /// leak it finds.
    ///
    /// `p -= {...}` and `p &= {...}` take items out of the default and are
    /// not counted as growth (`^=`, `|=`, `+=`, `*=` are).
    ///
    /// A dunder method that the interpreter or its protocol calls with
    /// every argument (`def __deepcopy__(self, memo={})`, which
    /// `copy.deepcopy` always hands its own memo) is not reported: its
    /// defaults are used only by a direct call that leaves them out.
    /// `__init__`, `__new__`, `__call__` and the other methods called with
    /// the caller's own arguments are.
    ///
    /// flake8-bugbear's and ruff's B006 reports every mutable default, this
    /// one among them: a `# noqa: B006` on the default's line says the
    /// sharing was kept after reading it (exabgp's `_unique(name,
    /// counter={})`, marked "intentional accumulator pattern"), and
    /// silences this finding too.
    ///
    /// A mapping default used on purpose as a memo (`def f(x, _memo={})`,
    /// looked up by key in the body: `_memo[k]`, `k in _memo`,
    /// `_memo.get(k)`; a set tested with `in` is a `seen` accumulator, not a
    /// memo) is
    /// reported as a memo, without a fix: a fresh container per call would
    /// throw the entries away. Its help is to bound it with
    /// `functools.lru_cache(maxsize=N)` when the keys are not a small fixed
    /// set; memwise cannot tell from one file whether they are.
    ///
    /// A default filled only while it is empty (every mutation under `if not
    /// D:`, `if D == []:` or `if len(D) == 0:`, alone or in an `and`: a
    /// table built on the first call, a flag
    /// set once) from nothing the call was given stops growing after that
    /// first fill and is not reported. Filled from the arguments
    /// (`if not default: default.append(choices[0])`), it keeps the first
    /// caller's values for every later call and is reported, unless the
    /// parameter is private (`_schema=[]`, named with a leading
    /// underscore): no caller passes it, and keeping what the first call
    /// loaded (tifffile's OME schema) is what it is for.
    ///
    /// A default the function (or a function or lambda it defines) also
    /// takes items out of (`.pop()`, `.remove(x)`, `.clear()`, `del
    /// p[k]`, or a remove method handed on to run later:
    /// `task.add_done_callback(p.discard)`) is a stack, a queue or a set
    /// of running tasks the calls share on purpose, and is not reported.
    ///
    /// A function defined inside another one gets its defaults anew each
    /// time the outer function runs its `def`: they live for that one outer
    /// call. Such a helper is not reported when its default is a memo (a
    /// series term's cache, handed to a summation) or when the outer call
    /// runs it with the default once (a recursive walk whose recursion
    /// passes the list on); it is when the outer call uses the default in
    /// two calls or in a loop (each call then adds to the last one's
    /// items), and whenever the inner function is handed out of the call:
    /// returned (a decorator's wrapper), stored, decorated, or reached
    /// through an attribute. The one exception: a container default made
    /// from the outer function's own values (`counts=Counter(taken)`,
    /// `current=[model]`) can only be made when the outer call runs the
    /// `def`, so the signature's defaults are that closure's state on
    /// purpose, as variables it closed over would be (pytensor's
    /// unique-name generator, made afresh for each conversion), and none
    /// of them is reported.
    ///
    /// A function every call of which passes the argument (by position or
    /// keyword) never uses the default and is not reported. For a function
    /// private to its module (`_name`) or nested in another, the calls are
    /// those of its file; for a module-level one, those of every checked
    /// file, through imports (casadi's graph helpers, whose callers all pass
    /// their tables). A function never called in the checked files is
    /// reported; so is one whose calls pass the argument some by position
    /// and some by keyword across files (the summary keeps the fewest
    /// positional arguments and the keywords common to all calls). Nor is
    /// a store that replaces the whole content (`p[:] = [new]`) counted as
    /// growth.
    ///
    /// A default written only with keys made of the parameters (`memo[name]
    /// = ...`, `memo.setdefault(name, ...)`, `seen.add(name)`, a local bound
    /// once to such a key: `key = (name, file)`), and otherwise only read by
    /// key or taken from, holds one entry per distinct key. When every call
    /// passes literals, module-level constants, classes, functions or
    /// modules for those parameters, it is bounded and not reported
    /// (Cython's utility-code memos, loaded by literal section and file
    /// names). "Every call" is decided as MEM202 decides it: calls in other
    /// checked files count, a call that passes on a parameter of its own
    /// module-level caller is bounded when that caller's calls are, and a
    /// use that is not a call leaves the keys unknown. A public function
    /// may also be called by code that is not checked, with any value: as
    /// MEM202 does, the rule trusts the calls it finds, and the message of
    /// such a memo says when callers in other modules may exist. A default
    /// whose stored values are reached into (`memo[level].append(m)`)
    /// grows with the other arguments and is still reported. The calls of
    /// methods (through `self`, an instance or the class) and of decorated
    /// functions are not followed: their findings stand (Cython's
    /// `load_cached` class methods among them). The one exception is a
    /// method private to its class (`__name`, which Python mangles, so only
    /// the class's own code can call it): when every mention of it in the
    /// class is a call that passes the argument (borb's `Lipsum.__next`),
    /// the default is never used; so is one private by convention
    /// (`_name`) that every mention in its module calls with the argument
    /// (pyannote.database's recursive `_load_database_helper`, whose one
    /// outside call passes a fresh `loading=set()`). Code in another
    /// module that calls such a method is taken at its word not to.
    ///
    /// An item written at the counter of a loop over the parameter itself
    /// (`for i in range(len(p)): p[i] = ...`, or `enumerate(p)`) is one it
    /// already has: replaced, not added. So is any item of a list default
    /// written by index (`defaults[i] = t()` over `defaults=[None,
    /// None]`): a list grows by its methods or a slice store, never by an
    /// index, which raises past its end.
    ///
    /// Writes of keys named in the code (`p["k"] = v`, `p[Device.CONTROL] =
    /// v` with a class or module constant, `p.update(k=v)`,
    /// `p.update({"k": v})` or `p.update({Freq.WEEK: n})`, `p.add("k")`)
    /// replace what the last call
    /// stored: the default never holds more than those keys and is not
    /// reported for them (a keyword-argument table that each call completes
    /// with `params.update(sample_rate=rate)`). The calls still see each
    /// other's values, a correctness matter but not memory. So is
    /// `p.setdefault("total", size)` as a statement of its own (pysmb's
    /// progress-bar arguments); `p.setdefault("k", []).append(v)` still
    /// counts: what it returns is filled in turn. Nor is
    /// a store keyed by the class of a value (`memo[type(obj)] = ...`, or
    /// through a local bound only to `obj.__class__` or `type(obj)`): one
    /// entry per class at most, and the classes are a bounded domain.
    ///
    /// A memo whose every fill sits under a cap on its size (`if
    /// len(_memo) < 64:`, `if MAX > len(_memo):`) is bounded by the code
    /// and is not reported; a memo filled without such a cap is.
    pub MutatedDefaultArgument {
        code: "MEM205",
        name: "mutated-default-argument",
        opt_in: true,
        fix: FixAvailability::Sometimes,
        test_code: false,
        peer_codes: &["B006"],
    }
}

const MUTABLE_CONSTRUCTORS: &[&str] = &[
    "builtins.list",
    "builtins.dict",
    "builtins.set",
    "collections.defaultdict",
    "collections.deque",
    "collections.OrderedDict",
    "collections.Counter",
];

impl Rule for MutatedDefaultArgument {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFunctionDef]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtFunctionDef(def) = node else {
            return;
        };
        // A protocol method gets every argument from the protocol
        // (`copy.deepcopy` hands `__deepcopy__` its memo): its defaults are
        // never used there.
        if is_protocol_method(def.name.as_str())
            && cx.index().scope(cx.scope()).kind == ScopeKind::Class
        {
            return;
        }
        // A helper defined inside a function gets fresh defaults each time
        // its `def` runs: unless it is handed out, they live for one call of
        // the outer function.
        let dies_with_call = local_function_stays_in_call(cx.index(), cx.scope(), def);
        // A default made from the outer call's values (`Counter(names)`)
        // says the defaults are that closure's state, as a variable it
        // closes over would be: pytensor's name generator, made fresh for
        // each conversion, counts the names it handed out in them.
        if defaults_hold_closure_state(cx.index(), cx.scope(), def, |d| is_mutable(cx, d)) {
            return;
        }
        // Walked for the first mutable default only, and shared by the
        // function's other parameters and guarded fills.
        let mut class_keys_of_def: Option<Vec<&str>> = None;
        let keys_scope = cx
            .index()
            .definition_scope(def.range)
            .map(|scope| (cx.index(), scope));
        for parameter in def.parameters.iter_non_variadic_params() {
            let Some(default) = parameter.default.as_deref() else {
                continue;
            };
            if !is_mutable(cx, default) {
                continue;
            }
            let name = parameter.parameter.name.as_str();
            let class_keys: &[&str] =
                class_keys_of_def.get_or_insert_with(|| class_named_locals(def));
            let list_default = matches!(default, Expr::List(_))
                || matches!(default, Expr::Call(call)
                    if cx.resolves_to(&call.func, &["builtins.list"]).is_some());
            let mut finder = FirstUse {
                name,
                found: None,
                skip: None,
                class_keys,
                keys_scope,
                counters: Vec::new(),
                list_default,
            };
            finder.visit_body(&def.body);
            let Some(Use::Mutation(mut how, mut at)) = finder.found else {
                continue;
            };
            // Only a function whose calls are all in this file is looked up
            // (a walk of the module).
            let left_out = calls_are_visible(cx, def)
                .then(|| uses_leaving_out(cx, def, name))
                .flatten();
            // Every call passes the argument: the default is never the
            // object mutated (scipy's private recursive helpers).
            if every_local_call_passes(cx, def, left_out.as_ref())
                || every_class_call_passes(cx, def, name)
            {
                continue;
            }
            // Taken from as well as added to: a stack or a queue that the
            // calls share on purpose, not an accumulation.
            if removes_from(&def.body, name) {
                continue;
            }
            // `if not D: <fill D>` runs only while the default is empty: it
            // is filled once, on the first call, and never grows after. So
            // it is when every mutation sits under such a guard, and the fill
            // reads no parameter: a fixed table or a flag is the same for
            // every call, while the first caller's arguments kept for every
            // later call are the shared-default bug itself.
            let is_param = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == name);
            // A private parameter (`_schema=[]`) is one no caller passes:
            // the first call's fill is kept for every later one on purpose.
            if let Some(guard) = emptiness_guard(&def.body, at, &is_param)
                && (name.starts_with('_') || !reads_other_parameters(def, name, guard))
            {
                let Some(unguarded) = fill_outside(&finder, def, guard) else {
                    continue;
                };
                (how, at) = unguarded;
            }
            // A mapping looked up by key (`_cache[key]`, `key in _cache`,
            // `_cache.get(key)`) is a memo on purpose, and a fresh one per
            // call would throw every entry away. A set or list tested with
            // `in` is a `seen` accumulator: the classic shared-default bug.
            let mut memo = ReadsByKey { name, found: false };
            if is_mapping(cx, default) {
                memo.visit_body(&def.body);
            }
            // A memo filled only while it is small (`if len(memo) < 64:`)
            // is bounded by the code itself: it pins at most that many
            // entries, whoever the callers are.
            if memo.found
                && let Some(cap) = size_cap_guard(&def.body, at, &is_param)
            {
                let Some(unguarded) = fill_outside(&finder, def, cap) else {
                    continue;
                };
                (how, at) = unguarded;
            }
            // Such a helper's memo is a per-call memo (mpmath's per-series
            // `term(k, _cache={...})`); any other default is shared only if
            // the outer call runs the helper with it more than once (twice,
            // or in a loop: sympy's trial sets, each call adding to the
            // last), not when one call uses it and recursion passes it on.
            if dies_with_call && (memo.found || used_by_one_call(cx, left_out.as_ref())) {
                continue;
            }
            // Every call found passes the argument, or passes bounded values
            // for the parameters that make the default's keys (Cython's
            // utility-code memos, fed literal names): decided here when
            // every call is in this file, by the whole-project pass when
            // other modules may call the function.
            let key = key_parameters(cx, def, name);
            let conditions = match default_bound(cx, def, name, key) {
                CacheBound::Bounded => continue,
                CacheBound::Unbounded => Vec::new(),
                CacheBound::IfEveryCall(conditions) => conditions,
            };
            // A memo keyed by what public callers pass rests on callers this
            // file does not show, as MEM202's caches do: the message says so.
            let visible_to_others = key.is_some()
                && !def.name.as_str().starts_with('_')
                && cx.index().scope(cx.scope()).kind == ScopeKind::Module;
            let message = if memo.found {
                format!(
                    "default `{}` of `{name}` is a memo shared by every call of `{}`, which {how} it without bound{}",
                    cx.slice(default),
                    def.name,
                    if visible_to_others {
                        " (callers in other modules may pass any value)"
                    } else {
                        ""
                    }
                )
            } else {
                format!(
                    "default `{}` of `{name}` is shared by every call of `{}`, which {how} it",
                    cx.slice(default),
                    def.name
                )
            };
            let help = if memo.found {
                format!(
                    "if its keys are not a small fixed set, bound it: drop `{name}` and decorate `{}` with `functools.lru_cache(maxsize=...)`",
                    def.name
                )
            } else {
                format!(
                    "default `{name}` to `None` and create the container in the body (`if {name} is None: {name} = {}`)",
                    cx.slice(default)
                )
            };
            let mut diagnostic =
                Diagnostic::new(&MutatedDefaultArgument::META, message, default.range())
                    .with_secondary(at, "mutated here")
                    .with_help(help);
            if !memo.found
                && let Some(edits) = none_default_edits(cx, def, name, default)
            {
                diagnostic = diagnostic.with_fix(Fix::unsafe_edits(
                    format!("default `{name}` to `None` and create the container in the body"),
                    edits,
                ));
            }
            // Every finding takes the whole-project path, those without
            // conditions too, so that fixes and noqa treat them alike.
            cx.report_unless_bounded_calls(diagnostic, conditions);
        }
    }
}

impl ProjectRule for MutatedDefaultArgument {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// Whether `def` is a method private to its class (`__name`, which Python
/// mangles, so only the class's own code can name it; or `_name`, private
/// by convention, whose mentions are then counted in the whole module),
/// called there at least once, and every mention of it there is a call
/// that passes `parameter` (by keyword, or by position after the
/// instance): the default is never the object mutated (borb's
/// `Lipsum.__next`; pyannote.database's recursive `_load_database_helper`,
/// whose one outside call passes a fresh `loading=set()`).
fn every_class_call_passes(cx: &Context<'_>, def: &ast::StmtFunctionDef, parameter: &str) -> bool {
    struct MethodCalls<'n> {
        method: &'n str,
        parameter: &'n str,
        position: Option<usize>,
        mentions: usize,
        passing: usize,
    }
    impl<'a> Visitor<'a> for MethodCalls<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Attribute(attribute) if attribute.attr.as_str() == self.method => {
                    self.mentions += 1;
                }
                Expr::Call(call)
                    if matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == self.method)
                        && passes_argument(&call.arguments, self.position, self.parameter) =>
                {
                    self.passing += 1;
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
    }
    let method = def.name.as_str();
    if !method.starts_with('_') || method.ends_with("__") {
        return false;
    }
    // While the `def` is checked it is the last statement; its class, the
    // one before it.
    let Some(Stmt::ClassDef(class)) = cx.statements().iter().rev().nth(1) else {
        return false;
    };
    // A mangled name is reached only from the class's own body; a
    // conventionally private one, from anywhere in its module.
    let searched: &[Stmt] = if method.starts_with("__") {
        &class.body
    } else {
        cx.module()
    };
    // Through the instance or the class the instance is not among the
    // arguments, except for a static method called through either.
    let skipped = usize::from(!matches!(
        static_or_class_method(cx, &def.decorator_list),
        Some(MethodKind::Static)
    ));
    let position = def
        .parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .position(|p| p.parameter.name.as_str() == parameter)
        .and_then(|at| at.checked_sub(skipped));
    let mut mentions = MethodCalls {
        method,
        parameter,
        position,
        mentions: 0,
        passing: 0,
    };
    mentions.visit_body(searched);
    mentions.mentions > 0 && mentions.mentions == mentions.passing
}

/// The parameters of `def` whose values make every key written into the
/// default `name` (bits as [`key_condition`] numbers them, and whether
/// `*args` or `**kwargs` are among them), when the body only writes keyed
/// entries (`name[k] = v`, `name.setdefault(k, v)`, `name.add(k)`) with
/// keys built from parameters, locals bound once to such keys, and
/// bounded values, and otherwise only reads it by key or takes from it.
/// `None` when it grows another way (`append`, `update`), is handed on or
/// looked into by a nested function, or a stored value is reached into
/// (`name[k].append(x)` grows with other arguments).
fn key_parameters(cx: &Context<'_>, def: &ast::StmtFunctionDef, name: &str) -> Option<(u64, bool)> {
    let scope = cx.index().definition_scope(def.range)?;
    let mut writes = KeyedWrites {
        cx,
        def,
        scope,
        name,
        key: 0,
        rest: false,
        keyed: true,
        nested: 0,
        in_target: false,
    };
    writes.visit_body(&def.body);
    (writes.keyed && (writes.key != 0 || writes.rest)).then_some((writes.key, writes.rest))
}

/// How many locals bound to keys are followed to what they are bound to.
const MAX_KEY_LOCALS: usize = 3;

/// The writes into a default, and their keys (see [`key_parameters`]).
struct KeyedWrites<'c, 'a> {
    cx: &'c Context<'a>,
    def: &'c ast::StmtFunctionDef,
    /// The function's own scope.
    scope: ScopeId,
    name: &'c str,
    /// The parameters the keys are made of.
    key: u64,
    /// `*args` or `**kwargs` are among them.
    rest: bool,
    /// Every use of the default seen so far is a keyed write or a read.
    keyed: bool,
    /// Inside a nested function, class or lambda.
    nested: usize,
    /// Inside an assignment target that is not the default's own item.
    in_target: bool,
}

impl KeyedWrites<'_, '_> {
    fn is_default(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(n) if n.id.as_str() == self.name)
    }

    /// `name[...]`.
    fn is_item(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Subscript(s) if self.is_default(&s.value))
    }

    /// A key written into the default: its parameters join the key, and
    /// anything else (a call's result, a loop variable) fails.
    fn key(&mut self, key: &Expr) {
        if !self.adds_key(key, 0) {
            self.keyed = false;
        }
        self.visit_expr(key);
    }

    fn adds_key(&mut self, key: &Expr, depth: usize) -> bool {
        let index = self.cx.index();
        match key {
            Expr::Tuple(tuple) => tuple.elts.iter().all(|e| self.adds_key(e, depth)),
            _ if is_bounded_value(index, self.scope, key) => true,
            Expr::Name(local) => {
                let Some(id) = index.resolve_name(self.scope, &local.id, local.start()) else {
                    return false;
                };
                let binding = index.binding(id);
                if binding.scope != self.scope
                    || index.scope(self.scope).bindings_of(&local.id).len() != 1
                {
                    return false;
                }
                match binding.kind {
                    BindingKind::Parameter => self.adds_parameter(&local.id),
                    BindingKind::Assignment if depth < MAX_KEY_LOCALS => {
                        let Some(value) = assigned_values(&self.def.body, &local.id).pop() else {
                            return false;
                        };
                        self.adds_key(value, depth + 1)
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn adds_parameter(&mut self, parameter: &str) -> bool {
        let parameters = &self.def.parameters;
        let is_rest = |p: Option<&ast::Parameter>| p.is_some_and(|p| p.name.as_str() == parameter);
        if is_rest(parameters.vararg.as_deref()) || is_rest(parameters.kwarg.as_deref()) {
            self.rest = true;
            return true;
        }
        let condition = key_condition(self.def, 0, false);
        match condition.parameters.iter().position(|p| **p == *parameter) {
            Some(at) if at < 64 && parameter != self.name => {
                self.key |= 1 << at;
                true
            }
            _ => false,
        }
    }
}

impl<'a> Visitor<'a> for KeyedWrites<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.keyed {
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {
                self.nested += 1;
                visitor::walk_stmt(self, stmt);
                self.nested -= 1;
            }
            Stmt::Assign(assign) if self.nested == 0 => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.target(target);
                }
            }
            Stmt::Delete(delete) if self.nested == 0 => {
                for target in &delete.targets {
                    match target {
                        Expr::Subscript(item) if self.is_default(&item.value) => {
                            self.visit_expr(&item.slice);
                        }
                        _ => self.target(target),
                    }
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if !self.keyed {
            return;
        }
        match expr {
            // Looked into later, with its own names.
            Expr::Lambda(_) => {
                self.nested += 1;
                visitor::walk_expr(self, expr);
                self.nested -= 1;
            }
            Expr::Name(_) if self.is_default(expr) => self.keyed = false,
            _ if self.nested > 0 => visitor::walk_expr(self, expr),
            // A read by key, outside a target that stores into the item.
            Expr::Subscript(item) if self.is_default(&item.value) => {
                if self.in_target || !item.ctx.is_load() {
                    self.keyed = false;
                } else {
                    self.visit_expr(&item.slice);
                }
            }
            // What a stored value holds, reached into: it may grow.
            Expr::Attribute(attribute)
                if self.is_item(&attribute.value)
                    || matches!(&*attribute.value, Expr::Call(call)
                        if matches!(&*call.func, Expr::Attribute(m)
                            if self.is_default(&m.value))) =>
            {
                self.keyed = false;
            }
            Expr::Compare(compare) => {
                self.visit_expr(&compare.left);
                for (op, right) in compare.ops.iter().zip(&compare.comparators) {
                    if !(matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn) && self.is_default(right))
                    {
                        self.visit_expr(right);
                    }
                }
            }
            Expr::Call(call) => {
                let Expr::Attribute(method) = &*call.func else {
                    visitor::walk_expr(self, expr);
                    return;
                };
                if !self.is_default(&method.value) {
                    visitor::walk_expr(self, expr);
                    return;
                }
                let arguments = &call.arguments;
                match (method.attr.as_str(), &*arguments.args) {
                    ("setdefault", [key, rest @ ..]) if arguments.keywords.is_empty() => {
                        self.key(key);
                        for argument in rest {
                            self.visit_expr(argument);
                        }
                    }
                    ("add", [key]) if arguments.keywords.is_empty() => self.key(key),
                    ("get" | "keys" | "values" | "items" | "copy" | "__contains__", _) => {
                        visitor::walk_arguments(self, arguments);
                    }
                    (method, _)
                        if CONTAINER_REMOVE_METHODS.contains(&method)
                            || writes_fixed_keys(method, arguments, is_constant) =>
                    {
                        visitor::walk_arguments(self, arguments);
                    }
                    _ => self.keyed = false,
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl KeyedWrites<'_, '_> {
    /// An assignment target: the default's item is a keyed write; anything
    /// else that reaches into the default stores where it may grow.
    fn target(&mut self, target: &Expr) {
        match target {
            Expr::Subscript(item) if self.is_default(&item.value) => self.key(&item.slice),
            _ => {
                let outer = std::mem::replace(&mut self.in_target, true);
                self.visit_expr(target);
                self.in_target = outer;
            }
        }
    }
}

/// Whether at most one use of the function runs it with the parameter's
/// default (`left_out`, from [`uses_leaving_out`]), and that use is a call
/// written in the scope that defines it, outside any loop there that does
/// not also run the `def` again: one call per fresh default.
fn used_by_one_call(cx: &Context<'_>, left_out: Option<&LeftOut<'_>>) -> bool {
    let Some(found) = left_out else {
        return false;
    };
    match found.leaving.as_slice() {
        [] => true,
        [only] => {
            only.kind == UseKind::Other
                && only.scope == cx.scope()
                && !only.in_loop_relative_to(found.binding)
        }
        _ => false,
    }
}

/// The first mutation of `name` outside the body of `guard`: the fill that
/// grows the default when the guarded one does not.
fn fill_outside(
    first: &FirstUse<'_>,
    def: &ast::StmtFunctionDef,
    guard: &Stmt,
) -> Option<(&'static str, TextRange)> {
    let mut rest = FirstUse {
        found: None,
        skip: Some(guarded_body(guard)),
        counters: Vec::new(),
        ..*first
    };
    rest.visit_body(&def.body);
    match rest.found {
        Some(Use::Mutation(how, at)) => Some((how, at)),
        _ => None,
    }
}

/// The range of the statements an `if` guards (its body, not its `else`).
fn guarded_body(stmt: &Stmt) -> TextRange {
    match stmt {
        Stmt::If(if_stmt) => match (if_stmt.body.first(), if_stmt.body.last()) {
            (Some(first), Some(last)) => TextRange::new(first.start(), last.end()),
            _ => stmt.range(),
        },
        _ => stmt.range(),
    }
}

/// Whether the body of the guard `stmt` (the `if`) fills the container from
/// a parameter of `def` other than `name`: a parameter read there, outside
/// what it returns.
fn reads_other_parameters(def: &ast::StmtFunctionDef, name: &str, stmt: &Stmt) -> bool {
    struct Reads<'d> {
        def: &'d ast::StmtFunctionDef,
        name: &'d str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Reads<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if !matches!(
                stmt,
                Stmt::Return(_) | Stmt::FunctionDef(_) | Stmt::ClassDef(_)
            ) {
                visitor::walk_stmt(self, stmt);
            }
        }

        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Name(n) = expr
                && n.ctx.is_load()
                && n.id.as_str() != self.name
                && self.def.parameters.includes(n.id.as_str())
            {
                self.found = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut reads = Reads {
        def,
        name,
        found: false,
    };
    if let Stmt::If(if_stmt) = stmt {
        reads.visit_body(&if_stmt.body);
    }
    reads.found
}

/// `name=None`, and `if name is None: name = <default>` before the first
/// statement after the docstring, indented as the body is, with the file's
/// line ending.
fn none_default_edits(
    cx: &Context<'_>,
    def: &ast::StmtFunctionDef,
    name: &str,
    default: &Expr,
) -> Option<Vec<Edit>> {
    // In the body the default's names would see the parameters:
    // `def f(list, acc=list())` cannot become `acc = list()`.
    let mut names = NameCollector(Vec::new());
    names.visit_expr(default);
    if def
        .parameters
        .iter()
        .any(|p| names.0.iter().any(|n| n == p.name().as_str()))
    {
        return None;
    }
    let source = cx.source();
    let body = match def.body.as_slice() {
        [Stmt::Expr(docstring), rest @ ..] if docstring.value.is_string_literal_expr() => rest,
        body => body,
    };
    // After the `if p is None:` blocks an earlier fix made, so that the
    // containers are created in parameter order.
    let first = body.iter().find(|stmt| !is_none_check(def, stmt))?;
    let indent = indentation_at(source, first.start())?;
    let def_indent = &source[line_start(source, def.start()).to_usize()..def.start().to_usize()];
    // The range of a decorated `def` starts at its first decorator, which is
    // indented as the `def` is; a body on the `def` line has no unit.
    let unit = indent.strip_prefix(def_indent).filter(|u| !u.is_empty())?;
    let nl = line_ending(source);
    let creation = format!(
        "{indent}if {name} is None:{nl}{indent}{unit}{name} = {}{nl}",
        cx.slice(default)
    );
    Some(vec![
        Edit::replacement("None", default.range()),
        Edit::insertion(creation, line_start(source, first.start())),
    ])
}

/// The names an expression loads.
struct NameCollector(Vec<String>);

impl<'a> Visitor<'a> for NameCollector {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr {
            self.0.push(name.id.to_string());
        }
        visitor::walk_expr(self, expr);
    }
}

/// `if p is None: ...` without `else`, for a parameter `p`.
fn is_none_check(def: &ast::StmtFunctionDef, stmt: &Stmt) -> bool {
    let Stmt::If(if_stmt) = stmt else {
        return false;
    };
    let Expr::Compare(compare) = &*if_stmt.test else {
        return false;
    };
    if_stmt.elif_else_clauses.is_empty()
        && matches!(&*compare.ops, [ast::CmpOp::Is])
        && matches!(&*compare.comparators, [Expr::NoneLiteral(_)])
        && matches!(&*compare.left, Expr::Name(n)
            if def.parameters.iter_non_variadic_params().any(|p| p.parameter.name.as_str() == n.id.as_str()))
}

/// `{}`, `dict()`, `defaultdict(...)`, `OrderedDict()`, `Counter()`.
fn is_mapping(cx: &Context<'_>, default: &Expr) -> bool {
    match default {
        Expr::Dict(_) => true,
        Expr::Call(call) => cx
            .resolves_to(
                &call.func,
                &[
                    "builtins.dict",
                    "collections.defaultdict",
                    "collections.OrderedDict",
                    "collections.Counter",
                ],
            )
            .is_some(),
        _ => false,
    }
}

/// A fresh mutable container: a literal, or a call of a mutable constructor
/// (a `deque` with a `maxlen` evicts and does not count).
fn is_mutable(cx: &Context<'_>, default: &Expr) -> bool {
    match default {
        Expr::List(_) | Expr::Dict(_) | Expr::Set(_) => true,
        Expr::Call(call) => match cx.resolves_to(&call.func, MUTABLE_CONSTRUCTORS) {
            Some("collections.deque") => {
                call.arguments.find_keyword("maxlen").is_none() && call.arguments.args.len() < 2
            }
            Some(_) => true,
            None => false,
        },
        _ => false,
    }
}

fn is_constant(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => true,
        Expr::UnaryOp(unary) => matches!(&*unary.operand, Expr::NumberLiteral(_)),
        Expr::Tuple(tuple) => tuple.elts.iter().all(is_constant),
        _ => false,
    }
}

#[derive(Debug, Clone, Copy)]
enum Use {
    /// The body mutates the parameter (what it does, where).
    Mutation(&'static str, TextRange),
    /// The body binds the name to something else.
    Rebinding,
}

/// Finds the first mutation or rebinding of `name` in source order,
/// without entering nested functions, classes or lambdas (they run later,
/// if at all).
/// Whether a function body looks a parameter up by key: `p[k]` read,
/// `k in p`, `p.get(k)` (not looking into nested functions or classes).
struct ReadsByKey<'n> {
    name: &'n str,
    found: bool,
}

impl<'a> Visitor<'a> for ReadsByKey<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let is_param = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == self.name);
        // `p[k].append(v)` reaches an item to add to it: an accumulation
        // (a `defaultdict(list)` grouping), not a lookup.
        if let Expr::Call(call) = expr
            && let Some((subscript, _)) = item_add(call, self.name)
        {
            self.visit_expr(&subscript.slice);
            visitor::walk_arguments(self, &call.arguments);
            return;
        }
        self.found |= match expr {
            Expr::Subscript(subscript) => subscript.ctx.is_load() && is_param(&subscript.value),
            Expr::Compare(compare) => {
                compare
                    .ops
                    .iter()
                    .any(|op| matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn))
                    && compare.comparators.iter().any(is_param)
            }
            Expr::Call(call) => matches!(&*call.func, Expr::Attribute(attribute)
                if attribute.attr.as_str() == "get" && is_param(&attribute.value)),
            _ => false,
        };
        if !self.found && !matches!(expr, Expr::Lambda(_)) {
            visitor::walk_expr(self, expr);
        }
    }
}

/// Whether a function body, or a function or lambda it defines, takes
/// items out of the parameter `name`: `p.pop()`, `p.remove(x)`,
/// `p.clear()`, `del p[k]`, or hands out a bound remove method
/// (`add_done_callback(p.discard)`, asyncio's way to keep a task
/// referenced until it is done).
fn removes_from(body: &[Stmt], name: &str) -> bool {
    let is_param = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == name);
    body_contains(body, |expr| match expr {
        Expr::Subscript(item) => item.ctx.is_del() && is_param(&item.value),
        Expr::Attribute(method) => {
            CONTAINER_REMOVE_METHODS.contains(&method.attr.as_str()) && is_param(&method.value)
        }
        _ => false,
    })
}

struct FirstUse<'n> {
    name: &'n str,
    found: Option<Use>,
    /// Statements not to look into: the body of a guarding `if`, already
    /// accounted for (its `else` is not guarded and is looked into).
    skip: Option<TextRange>,
    /// Locals bound only to the class of a value (see [`class_named_locals`]).
    class_keys: &'n [&'n str],
    /// The function's own scope, where a key is looked up to tell whether
    /// it is a bounded value ([`is_bounded_value`]).
    keys_scope: Option<(&'n SemanticIndex, ScopeId)>,
    /// The counters of the loops being walked that run over the
    /// parameter's own items ([`FirstUse::counter_over_param`]).
    counters: Vec<String>,
    /// Whether the default is a list: `p[i] = v` replaces an item it has
    /// (or raises), and only a slice store can make it longer.
    list_default: bool,
}

impl FirstUse<'_> {
    fn is_param(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(n) if n.id.as_str() == self.name)
    }

    /// The counter of `for i in range(len(p))` or `for i, _ in
    /// enumerate(p)` over the parameter: `p[i] = v` in its body replaces
    /// an item the parameter already has.
    fn counter_over_param<'s>(&self, for_stmt: &'s ast::StmtFor) -> Option<&'s str> {
        let Expr::Call(call) = &*for_stmt.iter else {
            return None;
        };
        let Expr::Name(function) = &*call.func else {
            return None;
        };
        let target = match (
            function.id.as_str(),
            &*call.arguments.args,
            &*for_stmt.target,
        ) {
            (
                "range",
                [Expr::Call(len)] | [Expr::NumberLiteral(_), Expr::Call(len)],
                Expr::Name(target),
            ) if matches!(&*len.func, Expr::Name(f) if f.id.as_str() == "len")
                && matches!(&*len.arguments.args, [p] if self.is_param(p)) =>
            {
                target
            }
            ("enumerate", [p], Expr::Tuple(targets)) if self.is_param(p) => {
                targets.elts.first()?.as_name_expr()?
            }
            _ => return None,
        };
        Some(target.id.as_str())
    }

    /// A key that names one slot whatever the call: a constant, a bounded
    /// value of the module, or a class.
    fn is_fixed_key(&self, key: &Expr) -> bool {
        is_constant(key)
            || self
                .keys_scope
                .is_some_and(|(index, scope)| is_bounded_value(index, scope, key))
            || is_class_of(key)
            || matches!(key, Expr::Name(name) if self.class_keys.contains(&name.id.as_str()))
    }

    /// `p.setdefault("total", n)` as a statement of its own, what it
    /// returns dropped: a write of one named key, as `p["total"] = n` is,
    /// that keeps the first value. Kept, the returned item is usually filled
    /// in turn, and the call counts as growth.
    fn setdefault_of_fixed_key<'s>(&self, stmt: &'s Stmt) -> Option<&'s ast::ExprCall> {
        let Stmt::Expr(ast::StmtExpr { value, .. }) = stmt else {
            return None;
        };
        let Expr::Call(call) = &**value else {
            return None;
        };
        let Expr::Attribute(method) = &*call.func else {
            return None;
        };
        (method.attr.as_str() == "setdefault"
            && self.is_param(&method.value)
            && call.arguments.keywords.is_empty()
            && matches!(&*call.arguments.args, [key, _] if self.is_fixed_key(key)))
        .then_some(call)
    }

    fn set(&mut self, found: Use) {
        if self.found.is_none() {
            self.found = Some(found);
        }
    }

    fn target(&mut self, target: &Expr) {
        match target {
            Expr::Name(_) if self.is_param(target) => self.set(Use::Rebinding),
            // A constant index or key replaces one slot, and `p[:] = ...`
            // all of them: neither grows it past what is stored.
            // Nor does a key that is a class (`memo[type(obj)] = ...`): the
            // program's classes are a bounded domain; nor a module or class
            // constant (`data[Device.CONTROL] = mode`).
            Expr::Subscript(subscript)
                if self.is_param(&subscript.value)
                    && (!self.list_default || subscript.slice.is_slice_expr())
                    && !matches!(&*subscript.slice, Expr::Name(i)
                        if self.counters.iter().any(|c| c == i.id.as_str()))
                    && !self.is_fixed_key(&subscript.slice)
                    && !is_whole_slice(&subscript.slice) =>
            {
                self.set(Use::Mutation("stores into", subscript.range));
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.target(element);
                }
            }
            Expr::Starred(starred) => self.target(&starred.value),
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for FirstUse<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() || self.skip.is_some_and(|r| r.contains_range(stmt.range())) {
            return;
        }
        if let Some(call) = self.setdefault_of_fixed_key(stmt) {
            visitor::walk_arguments(self, &call.arguments);
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.target(target);
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                    self.target(&assign.target);
                }
            }
            Stmt::AugAssign(assign) => {
                self.visit_expr(&assign.value);
                // `p -= {...}` and `p &= {...}` only take items out: the
                // shared default never grows through them.
                if self.is_param(&assign.target)
                    && !matches!(assign.op, ast::Operator::Sub | ast::Operator::BitAnd)
                {
                    self.set(Use::Mutation("extends", assign.range));
                }
                // `p[k] += 1` stores `p[k]` as `p[k] = v` does (a counter
                // per word in a `defaultdict(int)` default).
                if matches!(&*assign.target, Expr::Subscript(s) if self.is_param(&s.value)) {
                    self.target(&assign.target);
                }
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.target(&for_stmt.target);
                let counter = self.counter_over_param(for_stmt);
                if let Some(counter) = counter {
                    self.counters.push(counter.to_string());
                }
                self.visit_body(&for_stmt.body);
                if counter.is_some() {
                    self.counters.pop();
                }
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(vars) = &item.optional_vars {
                        self.target(vars);
                    }
                }
                self.visit_body(&with.body);
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    if self.is_param(target) {
                        self.set(Use::Rebinding);
                    }
                }
            }
            Stmt::Import(ast::StmtImport { names, .. })
            | Stmt::ImportFrom(ast::StmtImportFrom { names, .. }) => {
                let rebinds = names.iter().any(|alias| {
                    alias.asname.as_ref().unwrap_or(&alias.name).as_str() == self.name
                });
                if rebinds {
                    self.set(Use::Rebinding);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(inner) = handler;
        if inner.name.as_ref().is_some_and(|n| n.as_str() == self.name) {
            self.set(Use::Rebinding);
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        match expr {
            Expr::Lambda(_) => {}
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.target(&named.target);
            }
            Expr::Call(call) => {
                if let Expr::Attribute(attribute) = &*call.func
                    && self.is_param(&attribute.value)
                    && CONTAINER_ADD_METHODS.contains(&attribute.attr.as_str())
                    && !writes_fixed_keys(attribute.attr.as_str(), &call.arguments, |k| {
                        self.is_fixed_key(k)
                    })
                {
                    // Arguments run before the call mutates.
                    visitor::walk_arguments(self, &call.arguments);
                    let how = match attribute.attr.as_str() {
                        "append" | "appendleft" => "appends to",
                        "extend" | "extendleft" => "extends",
                        "insert" => "inserts into",
                        "add" => "adds to",
                        "update" => "updates",
                        _ => "stores into",
                    };
                    self.set(Use::Mutation(how, call.range()));
                    return;
                }
                // `p[k].append(v)`: an item of the default grows (in a
                // `defaultdict(list)` default, a new key as well), whatever
                // the key.
                if let Some((_, method)) = item_add(call, self.name)
                    && !writes_fixed_keys(method, &call.arguments, |k| self.is_fixed_key(k))
                {
                    visitor::walk_arguments(self, &call.arguments);
                    self.set(Use::Mutation("adds to an item of", call.range()));
                    return;
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// `p[k].append(v)` and the other adds on an item of the parameter
/// `name`: the item reached, and the method.
fn item_add<'c>(call: &'c ast::ExprCall, name: &str) -> Option<(&'c ast::ExprSubscript, &'c str)> {
    let Expr::Attribute(attribute) = &*call.func else {
        return None;
    };
    let Expr::Subscript(subscript) = &*attribute.value else {
        return None;
    };
    let method = attribute.attr.as_str();
    (matches!(&*subscript.value, Expr::Name(n) if n.id.as_str() == name)
        && CONTAINER_ADD_METHODS.contains(&method))
    .then_some((subscript, method))
}

/// Whether a call of `method` on the default only writes keys or items
/// named in the code (`p.update(fs=rate)`, `p.update({"__doc__": doc})`,
/// `p.add("flag")`, keys `is_fixed` accepts: `{Freq.WEEK: n}` as
/// `p[Freq.WEEK] = n` is): as `p["k"] = v`, each call
/// replaces what the last one stored, and the default never holds more
/// than those keys, however many calls there are.
fn writes_fixed_keys(
    method: &str,
    arguments: &ast::Arguments,
    is_fixed: impl Fn(&Expr) -> bool,
) -> bool {
    let named_keywords = arguments.keywords.iter().all(|k| k.arg.is_some());
    match (method, &*arguments.args) {
        ("update", []) => named_keywords,
        ("update", [Expr::Dict(dict)]) => {
            named_keywords
                && dict
                    .items
                    .iter()
                    .all(|item| item.key.as_ref().is_some_and(&is_fixed))
        }
        ("update", [Expr::Set(set)]) => named_keywords && set.elts.iter().all(&is_fixed),
        ("add", [key]) => is_fixed(key),
        _ => false,
    }
}

/// The names `def` binds only by assigning the class of a value (`o_type =
/// obj.__class__`, or `type(obj)` in the `except`): a memo keyed by one
/// holds an entry per class at most (dill's `get_seq` cache).
fn class_named_locals(def: &ast::StmtFunctionDef) -> Vec<&str> {
    let mut class_named: Vec<&str> = Vec::new();
    let mut other: Vec<&str> = def.parameters.iter().map(|p| p.name().as_str()).collect();
    for_each_scope_statement(&def.body, &mut |stmt| {
        let mut bind = |target, is_class| bind_name(target, is_class, &mut class_named, &mut other);
        match stmt {
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    bind(target, is_class_of(&assign.value));
                }
            }
            Stmt::AnnAssign(assign) => {
                bind(
                    &assign.target,
                    assign.value.as_deref().is_some_and(is_class_of),
                );
            }
            Stmt::AugAssign(assign) => bind(&assign.target, false),
            Stmt::For(for_stmt) => bind(&for_stmt.target, false),
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(vars) = &item.optional_vars {
                        bind(vars, false);
                    }
                }
            }
            _ => {}
        }
    });
    class_named.retain(|name| !other.contains(name));
    class_named
}

/// Sorts the names `target` binds: into `class_named` when it is one name
/// assigned a class (`is_class`), into `other` otherwise.
fn bind_name<'a>(
    target: &'a Expr,
    is_class: bool,
    class_named: &mut Vec<&'a str>,
    other: &mut Vec<&'a str>,
) {
    match target {
        Expr::Name(name) if is_class => class_named.push(name.id.as_str()),
        _ => target_names(target, other),
    }
}

/// The names an assignment target binds.
fn target_names<'a>(target: &'a Expr, out: &mut Vec<&'a str>) {
    match target {
        Expr::Name(name) => out.push(name.id.as_str()),
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
            for element in elts {
                target_names(element, out);
            }
        }
        Expr::Starred(starred) => target_names(&starred.value, out),
        _ => {}
    }
}

/// `[:]`: the whole sequence.
fn is_whole_slice(slice: &Expr) -> bool {
    matches!(slice, Expr::Slice(s) if s.lower.is_none() && s.upper.is_none() && s.step.is_none())
}
