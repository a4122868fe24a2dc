//! MEM305: a local list that is built in full only to be iterated once.

use memwise_core::edits::is_async;
use memwise_core::effects::{
    OUTPUT_CALLS, computes_new_value, is_effect_free, is_pure_call, is_pure_function,
    is_pure_method, lazy_part_checks_items, lazy_part_is_effect_free, lazy_parts,
    window_has_effects,
};
use memwise_core::facts_self::{assigned_values, for_each_scope_statement};
use memwise_core::python::{
    LAZY_WALKERS, early_exits, for_each_target, lazily_walked, loop_suspends,
};
use memwise_core::semantic::attribute_root;
use memwise_core::uses::UseKind;
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, ScopeId, ScopeKind,
    declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Checks for a local name bound to a list comprehension, or to
    /// `list(...)` of a generator expression, `map` or `filter`, whose only use
    /// is to be iterated once: the iterable of one `for` loop or
    /// comprehension, or the argument of a call that consumes it (`sum`,
    /// `any`, `all`, `min`, `max`, `sorted`, `set`, `dict`, ...).
    ///
    /// ## Why is this bad?
    /// Every item of the list is kept in memory at once although the code
    /// only ever looks at one at a time. A generator expression produces the
    /// items as the loop asks for them, so memory stays flat however many
    /// items there are. A list that is also indexed, returned, stored, passed
    /// elsewhere, measured with `len`, used by a nested function or iterated
    /// inside a loop is not flagged: those need a real list.
    ///
    /// ## Example
    /// ```python
    /// def total_size(paths):
    ///     sizes = [len(p) for p in paths]
    ///     return sum(sizes)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def total_size(paths):
    ///     sizes = (len(p) for p in paths)
    ///     return sum(sizes)
    /// ```
    ///
    /// ## Fix safety
    /// Making the list a generator is unsafe: the items are computed while
    /// the loop runs instead of before it, so side effects move, an exception
    /// is raised from the loop rather than from the assignment, and anything
    /// the comprehension reads is read later.
    ///
    /// ## Known problems
    /// A generator runs later than the list would have been built, when the
    /// loop reaches it. The rule stays silent where that would change what
    /// the code does: when a name the comprehension reads lazily is rebound,
    /// or its source is mutated, before the list is used up (the source of
    /// `pairwise(pages)`, `enumerate(rows)`, `zip(a, b)` and the other lazy
    /// walkers of builtins and `itertools` is what they walk: `pages`,
    /// which `pages.insert(...)` in the loop changes); when the list is
    /// built in a `with` block and used after it (the resource is closed);
    /// and when the binding and the use are in different `try:` bodies (the
    /// errors would be caught elsewhere).
    ///
    /// It also stays silent when the comprehension calls anything not known
    /// to be free of effects (`[pool.submit(f, x) for x in xs]`,
    /// `[asyncio.ensure_future(c) for c in coros]`,
    /// `[canvas.mpl_connect(e, h) for e in events]`): the list runs every
    /// call before the loop starts, on purpose, and a generator would run
    /// each one only when the loop reaches it. Likewise when a statement
    /// between the binding and the loop calls something with effects or
    /// stores through an attribute or subscript (`records = [c.record for c
    /// in conns]`, then `c.close()`): it may change what the items read.
    /// Inside the loop, a mutation of the source counts when it is written
    /// there, made by a function nested in the same function, a function of
    /// the module (when the source is reached through a name bound at
    /// module level) or a method of the same class that the loop calls
    /// (`_connect_subtree(child, succ)` popping from `self.unrooted`,
    /// `unregister(name)` deleting from the module's `_handlers`), or possible because the loop hands the
    /// source to a call not known to be free of effects
    /// (`replace_submodule(model, key)` while a generator would still walk
    /// `model.named_modules()`) or calls a method of the source not known to
    /// leave it as it is (`state.set_status(task, ...)` while a generator
    /// would still read `state.tasks_by_status(...)`, `srccol.save(doc)`
    /// while it would still walk the cursor of `srccol.find()`; `get`,
    /// `copy`, `count` and the string and view methods only read, and a
    /// method a string has, iterated, is a string's only when its string
    /// form gives something to iterate: `find` gives a number; a local bound
    /// once to a method call is a view of its receiver, `in_edges =
    /// graph.in_edges(head)` of `graph`, which `graph.remove_edge(...)` in
    /// the loop changes, unless the receiver is a module), or a method of the object
    /// the source is an attribute of (`metric.remove(*labels)` while a
    /// generator would still walk `metric._metrics`). When what a generator
    /// would read is a container other code reaches (the source is an
    /// attribute or an item, as `self.channels.values()`, or the element
    /// takes an item of one, as `self.coins[int(i)]`), a loop that calls a
    /// method of an item (`ch.collect()`, `coin.remove_from_sprite_lists()`),
    /// sets or deletes an attribute of one (`c.name = c.name.lower()`: a
    /// setter runs, and astropy's renames the column in its table's dict),
    /// or hands an item to a call not known to be free of effects
    /// (`destroy(entity)`) counts too: items often take themselves out of
    /// the container they are in, which is why the list is a snapshot. A
    /// method of the same class or enclosing function that gets an item is
    /// read instead, and `print` or `logging` only write it out. The source may be an
    /// item of another object (`resp["raw_attributes"]`, then `del
    /// resp["raw_attributes"][key]`), or the attribute dict of an object
    /// (`[k for k in vars(obj) if k.startswith("_v")]`, `obj.__dict__`),
    /// which an attribute set or deleted on that object changes
    /// (`delattr(obj, k)`, `obj.x = v`, `del obj.x`, or a call that gets
    /// `obj`; `getattr(obj, k)` only reads): a generator would stop with
    /// "dictionary changed size during iteration". What the element and the
    /// conditions read is read again for each item by a generator, so the
    /// same goes for a change the loop makes to it (`seen.add(r)` under `if r
    /// not in seen`, `self.limit = r` under `if r > self.limit`,
    /// `state["limit"] = r`; `hass.data[DOMAIN][ADDRESSES].add(a)` under `if
    /// a not in hass.data[DOMAIN][ADDRESSES]`, an item of shared state tested
    /// for membership): the later items would be filtered against the new
    /// state. A comprehension over the list counts
    /// as its loop: `{v for n in names if (v := headers.pop(n))}` over a
    /// list built from `headers` keeps the list. Mutations through other
    /// names, or through functions of other modules reached some other way,
    /// are not seen.
    ///
    /// A loop that lets other code run between two items (an `await` or a
    /// `yield` in its body, or a call that wakes another thread) keeps the
    /// list when the comprehension reads a parameter, an attribute of one
    /// (`self.x`) or a variable bound outside the function: other tasks may
    /// change it while a generator would still be reading it (aiohomekit
    /// builds its payloads first "to avoid the set size changing between
    /// await calls"). What the outermost iterable builds in full when the
    /// generator is made (`range(count)`, `sorted(...)`) is read at once
    /// either way.
    ///
    /// A list whose one use may stop before its last item (`any`, `all` or
    /// `next` reading it, a `for` over it that can `break` or `return`) and
    /// whose items look something up by a key that changes with the
    /// iteration (`[header[k] for k in keys]`) or convert what the
    /// iteration gives to a number (`[int(x) for x in ip.split(".")]`,
    /// then a `return False` for a part over 255) is not reported: the list
    /// looks up every key (converts every part), and a missing one (one
    /// that is not a number) raises; a generator would stop early and never
    /// raise. Nor is such a list before a loop that acts
    /// on each item (`instances = [self[n] for n in names]`, then
    /// `module.init()` for each): the list checks every key before anything
    /// is done, and a generator would do the work for some and then raise.
    ///
    /// Nor is a list in a function Numba compiles (`@njit`, `@numba.jit`):
    /// its nopython mode takes list comprehensions but no generator
    /// expressions, so the help cannot be followed there.
    pub ListOnlyIterated {
        code: "MEM305",
        name: "list-only-iterated",
        opt_in: false,
        fix: FixAvailability::Always,
        test_code: false,
    }
}

impl Rule for ListOnlyIterated {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtAssign(assign) = node else {
            return;
        };
        let [Expr::Name(target)] = &*assign.targets else {
            return;
        };
        let index = cx.index();
        let scope = index.scope(cx.scope());
        let name = target.id.as_str();
        // Numba compiles list comprehensions but not generator expressions.
        if scope.kind != ScopeKind::Function
            || cx.in_numba_function()
            || scope.bindings_of(name).len() != 1
            || scope.declares_global(name)
            || scope.declares_nonlocal(name)
        {
            return;
        }
        let Some(built) = built_list(cx, &assign.value) else {
            return;
        };
        let Some(binding) = index.binding_at(cx.scope(), name, target.range) else {
            return;
        };
        let binding = index.binding(binding);
        let [only] = binding.uses.as_slice() else {
            return;
        };
        if !only.iterates_once(index, binding) || only.range.start() < assign.end() {
            return;
        }
        // A generator made inside `with` and run after it reads a closed
        // resource; one made inside `try` raises outside the handlers meant
        // for it.
        let statements = cx.statements();
        let function_at = statements
            .iter()
            .rposition(|s| matches!(s, Stmt::FunctionDef(_)));
        let Some(Stmt::FunctionDef(function)) = function_at.map(|i| statements[i]) else {
            return;
        };
        let leaves_with =
            statements.iter().rev().skip(1).any(|stmt| {
                matches!(stmt, Stmt::With(_)) && !stmt.range().contains_range(only.range)
            });
        if leaves_with
            || innermost_try_body(&function.body, assign.range)
                != innermost_try_body(&function.body, only.range)
        {
            return;
        }
        // Until the list is used up, a generator keeps reading its source and
        // the variables of its expression: the use ends with the `for` that
        // iterates it.
        let mut loop_finder = LoopFinder {
            iterable: only.range,
            end: None,
            body: None,
            target: None,
            loop_stmt: None,
        };
        if only.kind == UseKind::Iterated {
            loop_finder.visit_body(&function.body);
        }
        let window = TextRange::new(
            assign.end(),
            loop_finder
                .end
                .unwrap_or(only.range.end())
                .max(assign.end()),
        );
        // `futures = [pool.submit(f, x) for x in xs]` runs every call now; a
        // generator would run each one only when the loop reaches it. And a
        // call or store between the binding and the loop (`c.close()`,
        // `cursor.execute(...)`) may change what the items read.
        if !list_lazy_part_is_effect_free(cx, &assign.value)
            || window_has_effects(
                index,
                cx.scope(),
                &function.body,
                TextRange::new(assign.end(), only.range.start()),
            )
            || (only.kind == UseKind::Consumed
                && !consumer_arguments_effect_free(cx, &function.body, only.range))
        {
            return;
        }
        // `for k in [k for k in d if ...]: del d[k]` iterates a snapshot on
        // purpose: a generator would see `d` change under it.
        // The module's functions are read for changes of the source; an
        // item handed to one counts as handed to unknown code (its body
        // would have to be followed through the item instead).
        let local_functions = |module: bool| LocalFunctions {
            functions: module
                .then(|| cx.module())
                .into_iter()
                .chain(statements.iter().filter_map(|s| match s {
                    Stmt::FunctionDef(def) => Some(&def.body[..]),
                    _ => None,
                }))
                .collect(),
            class: statements.iter().rev().find_map(|s| match s {
                Stmt::ClassDef(class) => Some(&class.body[..]),
                _ => None,
            }),
        };
        // What the element and the conditions read is read again for each
        // item by a generator: the loop changing it (`seen.add(r)` under
        // `if r not in seen`, `self.limit = r` under `if r > self.limit`)
        // would change which items come.
        let viewed = match lazy_iterable(&assign.value) {
            Some(Expr::Name(name)) => view_sources(&function.body, name.id.as_str())
                .into_iter()
                .filter(|owner| cx.qualified_name(owner).is_none())
                .collect(),
            _ => Vec::new(),
        };
        let sources = mutable_sources(&assign.value)
            .into_iter()
            .chain(viewed)
            .map(|source| (source, false))
            .chain(namespace_owner(cx, &assign.value).map(|owner| (owner, true)))
            .map(|(source, namespace)| (source, namespace, true))
            .chain(lazy_places(cx, &assign.value));
        for (source, namespace, handed_on) in sources {
            let mut mutation = MutationFinder {
                source: cx.slice(source),
                namespace,
                handed_on,
                cx,
                window,
                // Another function of the module reaches the source only
                // through a global: a local of the same name there (or in
                // another call of this one) is another object.
                local_functions: local_functions(is_global(cx, source)),
                followed: Vec::new(),
                found: false,
            };
            mutation.visit_body(&function.body);
            if mutation.found {
                return;
            }
        }
        // `for ch in [ch for ch in self.channels.values()]: ch.collect()`:
        // items of a container other code reaches are handed to code that
        // may take them out of it (a channel removes itself from its
        // connection's channels, a sprite from its sprite lists): the list
        // is a snapshot, and a generator would see the container change.
        if let (Some(body), Some(target)) = (loop_finder.body, loop_finder.target)
            && reads_shared_container(cx, &assign.value)
            && hands_items_on(cx, body, target, &local_functions(false))
        {
            return;
        }
        // `any([header[k] for k in keys])` looks up every key, and a missing
        // one raises; a generator stops at the first true item and never
        // looks up the rest. Before a loop with effects, the list is the
        // check that every key is there before anything is done
        // (`instances = [self[s] for s in names]`, then `sub.init()` for
        // each): a generator would init some before the missing one raised.
        if list_lazy_part_checks_items(&assign.value)
            && (stops_early(cx, &function.body, only.range, loop_finder.body)
                || loop_finder
                    .body
                    .zip(loop_finder.target)
                    .is_some_and(|(body, target)| acts_on_items(body, target)))
        {
            return;
        }
        // `payloads = [... for aid in groupby(chars)]`, then `await put(p)`
        // for each: between two items the event loop runs other tasks (a
        // generator's consumer runs after a `yield`), which may change the
        // parameter, attribute or global a generator would still read
        // (aiohomekit builds its payloads first "to avoid the set size
        // changing between await calls").
        if loop_finder.loop_stmt.is_some_and(loop_suspends)
            && reads_outside_state(cx, &assign.value)
        {
            return;
        }
        // `xs = [i * k for i in items]; k = 2`: a generator would see the new `k`.
        if rebinds_free_names(cx, &assign.value, window) {
            return;
        }
        let how = if only.kind == UseKind::Consumed {
            "passed once to a call that consumes it"
        } else {
            "iterated once"
        };
        let message = format!("`{name}` is built in full as a list ({built}) but only {how}");
        let help =
            format!("make `{name}` a generator expression so its items are produced one at a time");
        let mut diagnostic =
            Diagnostic::new(&ListOnlyIterated::META, message, target.range).with_help(help);
        if let Some(edits) = generator_edits(cx, &assign.value) {
            diagnostic = diagnostic.with_fix(Fix::unsafe_edits(
                format!("make `{name}` a generator expression"),
                edits,
            ));
        }
        cx.report(diagnostic);
    }
}

/// `[e for x in y]` → `(e for x in y)`; `list(e for x in y)` →
/// `(e for x in y)`; `list(map(f, y))` → `map(f, y)`. Only the brackets or
/// `list(` ... `)` change, so comments inside stay.
fn generator_edits(cx: &Context<'_>, value: &Expr) -> Option<Vec<Edit>> {
    match value {
        Expr::ListComp(comprehension) => {
            let range = comprehension.range();
            Some(vec![
                Edit::replacement("(", TextRange::at(range.start(), TextSize::new(1))),
                Edit::replacement(
                    ")",
                    TextRange::new(range.end() - TextSize::new(1), range.end()),
                ),
            ])
        }
        Expr::Call(call) => {
            let inner = call.arguments.args.first()?;
            let opening = TextRange::new(call.start(), call.arguments.start() + TextSize::new(1));
            let bare_generator = matches!(inner, Expr::Generator(g) if !g.parenthesized);
            let source = cx.source();
            let before = &source[opening.end().to_usize()..inner.start().to_usize()];
            let after = &source[inner.end().to_usize()..call.end().to_usize()];
            let plain = |gap: &str| gap.chars().all(|c| matches!(c, ' ' | '\t'));
            let after_plain = after.strip_suffix(')').is_some_and(plain);
            if bare_generator || !plain(before) || !after_plain {
                // `list(` becomes `(`: the call's own parentheses now hold
                // the generator (or a parenthesized one, which is harmless).
                return Some(vec![Edit::replacement("(", opening)]);
            }
            Some(vec![
                Edit::deletion(TextRange::new(call.start(), inner.start())),
                Edit::deletion(TextRange::new(inner.end(), call.end())),
            ])
        }
        _ => None,
    }
}

/// The source text of what the list is built from (`d` of `[k for k in
/// d.items()]`, `model` of `[k for k, _ in model.named_modules()]`: a
/// method's result may be a live view or a lazy walk of its receiver, unless
/// it is known to compute a new value, as `str.split` does), when
/// it is a plain name, attribute chain or item (`resp["attrs"]`) that could
/// be mutated while the list is iterated; through the iterables a lazy
/// walker is given (`page_list` of `pairwise(page_list)`).
fn mutable_sources(value: &Expr) -> Vec<&Expr> {
    let mut found = Vec::new();
    if let Some(iterable) = lazy_iterable(value) {
        sources_of(iterable, &mut found);
    }
    found
}

/// The places an iterable walks (see [`mutable_sources`]), added to `found`.
fn sources_of<'e>(iterable: &'e Expr, found: &mut Vec<&'e Expr>) {
    let base = match iterable {
        Expr::Call(call) => {
            // `pairwise(page_list)`, `enumerate(rows)`: walked lazily,
            // so what they are given is the source.
            if let Some(walked) = lazily_walked(call) {
                for argument in walked {
                    sources_of(argument, found);
                }
                return;
            }
            let Expr::Attribute(attribute) = &*call.func else {
                return;
            };
            // `value.split(",")` computes a new value from its receiver: a
            // later change to the receiver cannot reach the items. A method
            // whose string form gives a number (`find`) is, iterated, some
            // other type's: `srccol.find()` is a database cursor the loop's
            // `srccol.save(doc)` writes under.
            let method = attribute.attr.as_str();
            if computes_new_value(method) && !matches!(method, "items" | "keys" | "values") {
                return;
            }
            &*attribute.value
        }
        other => other,
    };
    // `resp["raw_attributes"]` is a place too: `del resp["raw_attributes"][k]`
    // in the loop changes it.
    if matches!(
        base,
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)
    ) {
        found.push(base);
    }
}

/// The places that a local, bound once in `body` to a call, walks:
/// `edges = graph.in_edges(head)` is a live view of `graph`, which a loop
/// that removes edges changes under a generator over `edges`. (A module's
/// function, `utils.get_skins()`, is no view: the caller leaves modules
/// out.)
fn view_sources<'e>(body: &'e [Stmt], name: &str) -> Vec<&'e Expr> {
    let mut found = Vec::new();
    if let [value @ Expr::Call(_)] = assigned_values(body, name).as_slice() {
        sources_of(value, &mut found);
    }
    found
}

/// Whether `place` (`_handlers`, `_state.tasks`, `vars(obj)`'s `obj`) is
/// reached through a name bound at module level.
fn is_global(cx: &Context<'_>, place: &Expr) -> bool {
    let mut root = place;
    let name = loop {
        root = match root {
            Expr::Name(name) => break name,
            Expr::Attribute(attribute) => &attribute.value,
            Expr::Subscript(subscript) => &subscript.value,
            _ => return false,
        };
    };
    let index = cx.index();
    index
        .resolve_name(cx.scope(), name.id.as_str(), name.start())
        .is_some_and(|binding| index.binding(binding).scope == ScopeId::MODULE)
}

/// What a generator made of the list would iterate: the first iterable of
/// the comprehension, of the generator given to `list(...)`, or of the
/// `map`/`filter` call.
fn lazy_iterable(value: &Expr) -> Option<&Expr> {
    if let Some((_, generators)) = comprehension_parts(value) {
        return Some(&generators.first()?.iter);
    }
    match value {
        Expr::Call(call) => match call.arguments.args.first()? {
            Expr::Call(inner) => inner.arguments.args.get(1),
            _ => None,
        },
        _ => None,
    }
}

/// The element and the comprehensions of a list built by a comprehension
/// or by `list(<generator expression>)` (not by `list(map(...))`).
fn comprehension_parts(value: &Expr) -> Option<(&Expr, &[ast::Comprehension])> {
    match value {
        Expr::ListComp(comp) => Some((&comp.elt, &comp.generators)),
        Expr::Call(call) => match call.arguments.args.first()? {
            Expr::Generator(generator) => Some((&generator.elt, &generator.generators)),
            _ => None,
        },
        _ => None,
    }
}

/// The object whose attributes the list is built from (`obj` of `[k for k
/// in vars(obj) if ...]`, of `obj.__dict__` and of `vars(obj).items()`):
/// the list is a snapshot of its namespace, and setting or deleting an
/// attribute of `obj` while a generator walked that dict would stop the
/// loop with "dictionary changed size during iteration" (relstorage's
/// `copy` deletes the `_v_` attributes it lists).
fn namespace_owner<'e>(cx: &Context<'_>, value: &'e Expr) -> Option<&'e Expr> {
    let mut iterable = lazy_iterable(value)?;
    if let Expr::Call(call) = iterable
        && call.arguments.is_empty()
        && let Expr::Attribute(view) = &*call.func
        && matches!(view.attr.as_str(), "items" | "keys" | "values")
    {
        iterable = &view.value;
    }
    let owner = match iterable {
        Expr::Attribute(attribute) if attribute.attr.as_str() == "__dict__" => &*attribute.value,
        Expr::Call(call)
            if call.arguments.keywords.is_empty()
                && cx.resolves_to(&call.func, &["builtins.vars"]).is_some() =>
        {
            let [owner] = &*call.arguments.args else {
                return None;
            };
            owner
        }
        _ => return None,
    };
    matches!(
        owner,
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)
    )
    .then_some(owner)
}

/// Finds the `for` whose iterable is the list and whether its body mutates
/// the list's source: `del src[k]`, `src[k] = v`, `src.pop(...)`, ...
/// The innermost `try:` body (as a range) holding `range`, not looking into
/// nested functions or classes.
fn innermost_try_body(body: &[Stmt], range: TextRange) -> Option<TextRange> {
    let stmt = body.iter().find(|s| s.range().contains_range(range))?;
    let blocks: Vec<&[Stmt]> = match stmt {
        Stmt::Try(try_stmt) => {
            if let (Some(first), Some(last)) = (try_stmt.body.first(), try_stmt.body.last()) {
                let body_range = TextRange::new(first.start(), last.end());
                if body_range.contains_range(range) {
                    return innermost_try_body(&try_stmt.body, range).or(Some(body_range));
                }
            }
            let mut blocks: Vec<&[Stmt]> = vec![&try_stmt.orelse, &try_stmt.finalbody];
            blocks.extend(try_stmt.handlers.iter().map(|h| match h {
                ast::ExceptHandler::ExceptHandler(h) => &h.body[..],
            }));
            blocks
        }
        Stmt::If(if_stmt) => {
            let mut blocks: Vec<&[Stmt]> = vec![&if_stmt.body];
            blocks.extend(if_stmt.elif_else_clauses.iter().map(|c| &c.body[..]));
            blocks
        }
        Stmt::For(for_stmt) => vec![&for_stmt.body, &for_stmt.orelse],
        Stmt::While(while_stmt) => vec![&while_stmt.body, &while_stmt.orelse],
        Stmt::With(with) => vec![&with.body],
        Stmt::Match(match_stmt) => match_stmt.cases.iter().map(|c| &c.body[..]).collect(),
        _ => return None,
    };
    blocks
        .into_iter()
        .find_map(|block| innermost_try_body(block, range))
}

/// Whether what a generator would read lazily includes a container that
/// code elsewhere reaches: the source is an attribute or an item
/// (`self.channels.values()`, `scene.entities`), or the element takes an
/// item of one (`[self.coins[int(i)] for i in indices]`).
fn reads_shared_container(cx: &Context<'_>, value: &Expr) -> bool {
    struct Subscripts(bool);
    impl<'e> Visitor<'e> for Subscripts {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if let Expr::Subscript(subscript) = expr
                && subscript.value.is_attribute_expr()
            {
                self.0 = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    // A plain name's text has neither: an attribute's or an item's has one.
    let shared_source = mutable_sources(value)
        .iter()
        .any(|source| cx.slice(source).contains(['.', '[']));
    if shared_source {
        return true;
    }
    let element = match value {
        Expr::ListComp(comp) => &*comp.elt,
        _ => return false,
    };
    let mut subscripts = Subscripts(false);
    subscripts.visit_expr(element);
    subscripts.0
}

/// Whether the loop body calls a method of an item (`ch.collect()`), other
/// than one known only to read, sets or deletes an attribute of one (its
/// setter is a method too), or hands an item to a call not known to be
/// free of effects (`destroy(entity)`). A function of the same class or
/// enclosing function that gets an item is read for changes of the source
/// already, as any call there is.
fn hands_items_on(
    cx: &Context<'_>,
    body: &[Stmt],
    target: &Expr,
    local_functions: &LocalFunctions<'_>,
) -> bool {
    struct Calls<'c, 'a> {
        cx: &'c Context<'a>,
        items: Vec<&'c str>,
        local_functions: &'c LocalFunctions<'c>,
        found: bool,
    }
    impl<'e> Visitor<'e> for Calls<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'e Stmt) {
            // `column.name = column.name.lower()`: a store runs the item's
            // setter, as a call of its method would (astropy's column,
            // renamed, moves in its table's dict of columns).
            let targets: &[Expr] = match stmt {
                Stmt::Assign(assign) => &assign.targets,
                Stmt::AugAssign(aug) => std::slice::from_ref(&*aug.target),
                Stmt::AnnAssign(ann) => std::slice::from_ref(&*ann.target),
                Stmt::Delete(delete) => &delete.targets,
                _ => &[],
            };
            if targets.iter().any(|t| matches!(t, Expr::Attribute(attribute)
                if matches!(&*attribute.value, Expr::Name(n) if self.items.contains(&n.id.as_str()))))
            {
                self.found = true;
            }
            if !self.found && !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
                visitor::walk_stmt(self, stmt);
            }
        }

        fn visit_expr(&mut self, expr: &'e Expr) {
            if self.found {
                return;
            }
            if let Expr::Call(call) = expr {
                let is_item =
                    |e: &Expr| matches!(e, Expr::Name(n) if self.items.contains(&n.id.as_str()));
                let method_of_item = matches!(&*call.func, Expr::Attribute(attribute)
                    if is_item(&attribute.value)
                        && !is_pure_method(attribute.attr.as_str())
                        && !matches!(attribute.attr.as_str(), "get" | "copy" | "count"));
                let handed = call
                    .arguments
                    .args
                    .iter()
                    .chain(call.arguments.keywords.iter().map(|k| &k.value))
                    .any(is_item)
                    && !is_pure_call(self.cx.index(), self.cx.scope(), call)
                    && self.cx.resolves_to(&call.func, OUTPUT_CALLS).is_none()
                    && self.local_functions.callee(&call.func).is_none();
                if method_of_item || handed {
                    self.found = true;
                    return;
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let items: Vec<&str> = match target {
        Expr::Name(name) => vec![name.id.as_str()],
        Expr::Tuple(tuple) => tuple
            .elts
            .iter()
            .filter_map(|e| e.as_name_expr().map(|n| n.id.as_str()))
            .collect(),
        _ => return false,
    };
    let mut calls = Calls {
        cx,
        items,
        local_functions,
        found: false,
    };
    calls.visit_body(body);
    calls.found
}

/// Whether a loop body acts on each item through a statement of its own:
/// a call of a method of the loop variable whose result is dropped
/// (`module.init()`, `sub.update(init=True)`), work done to the item
/// rather than with it.
fn acts_on_items(body: &[Stmt], target: &Expr) -> bool {
    let Expr::Name(item) = target else {
        return false;
    };
    let mut acts = false;
    for_each_scope_statement(body, &mut |stmt| {
        acts |= matches!(stmt, Stmt::Expr(statement)
            if matches!(&*statement.value, Expr::Call(call)
                if matches!(&*call.func, Expr::Attribute(method)
                    if matches!(&*method.value, Expr::Name(n) if n.id == item.id))));
    });
    acts
}

/// Finds the end (and the body) of the `for` statement whose iterable is
/// the list, or the end of a comprehension over it.
struct LoopFinder<'v> {
    iterable: TextRange,
    end: Option<TextSize>,
    body: Option<&'v [Stmt]>,
    target: Option<&'v Expr>,
    /// The `for` over the list, when the use is one.
    loop_stmt: Option<&'v Stmt>,
}

impl<'v> Visitor<'v> for LoopFinder<'v> {
    fn visit_stmt(&mut self, stmt: &'v Stmt) {
        if let Stmt::For(for_stmt) = stmt
            && for_stmt.iter.range() == self.iterable
        {
            self.end = Some(for_stmt.end());
            self.body = Some(&for_stmt.body);
            self.target = Some(&for_stmt.target);
            self.loop_stmt = Some(stmt);
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    /// A comprehension over the list (`{b for name in names if
    /// (h := headers.pop(name))}`) runs its elements while it iterates, as a
    /// loop's body does: the use ends where the comprehension does.
    fn visit_expr(&mut self, expr: &'v Expr) {
        if self.end.is_some() {
            return;
        }
        let generators = match expr {
            Expr::ListComp(c) => &c.generators,
            Expr::SetComp(c) => &c.generators,
            Expr::DictComp(c) => &c.generators,
            Expr::Generator(c) => &c.generators,
            _ => {
                visitor::walk_expr(self, expr);
                return;
            }
        };
        if generators
            .first()
            .is_some_and(|g| g.iter.range() == self.iterable)
        {
            self.end = Some(expr.end());
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

/// The places a generator made of the list would read for each item, other
/// than its source: the variables, attributes (`self.limit`) and
/// containers (`seen` of `r not in seen`, `state` of `state["limit"]`)
/// its element, conditions and inner iterables read, when they hold state
/// (a variable or a parameter: not an import, a function or a class, nor
/// the comprehension's own variables).
fn lazy_places<'e>(cx: &Context<'_>, value: &'e Expr) -> Vec<(&'e Expr, bool, bool)> {
    struct Places<'c, 'e> {
        cx: &'c Context<'c>,
        own: Vec<&'e str>,
        /// Each place as a source (not a namespace), and whether it is
        /// tested for membership (`r in seen`): handed to a call, such a
        /// container may be filled or emptied.
        found: Vec<(&'e Expr, bool, bool)>,
        container: bool,
    }
    impl Places<'_, '_> {
        fn holds_state(&self, place: &Expr) -> bool {
            let Some(name) = attribute_root(place) else {
                return false;
            };
            if self.own.contains(&name.id.as_str()) {
                return false;
            }
            let index = self.cx.index();
            index
                .resolve_name(self.cx.scope(), name.id.as_str(), name.start())
                .is_some_and(|b| {
                    !matches!(
                        index.binding(b).kind,
                        BindingKind::Import(_) | BindingKind::FunctionDef | BindingKind::ClassDef
                    )
                })
        }
    }
    impl<'e> Visitor<'e> for Places<'_, 'e> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            match expr {
                // `state["limit"]`: the container, whose items the loop may
                // set (a store the finder sees; handing `state` on does not
                // count, as most such reads are of a tuple's field, `pt[0]`).
                Expr::Subscript(subscript) => {
                    // `a not in hass.data[DOMAIN][ADDRESSES]`: the item
                    // tested for membership is a container of its own, which
                    // the loop may fill (`hass.data[DOMAIN][ADDRESSES].add(a)`).
                    if self.container && self.holds_state(item_root(expr)) {
                        self.found.push((expr, false, true));
                    }
                    self.visit_expr(&subscript.value);
                    self.visit_expr(&subscript.slice);
                }
                Expr::Compare(compare) => {
                    self.visit_expr(&compare.left);
                    for (op, comparator) in compare.ops.iter().zip(&compare.comparators) {
                        self.container = matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn);
                        self.visit_expr(comparator);
                    }
                }
                Expr::Name(ast::ExprName { ctx, .. })
                | Expr::Attribute(ast::ExprAttribute { ctx, .. })
                    if ctx.is_load() =>
                {
                    if self.holds_state(expr) {
                        self.found.push((expr, false, self.container));
                    } else if let Expr::Attribute(attribute) = expr {
                        self.container = false;
                        self.visit_expr(&attribute.value);
                    }
                }
                Expr::Call(call) => {
                    // `r.startswith(p)`: the method is not a place; its receiver is.
                    if let Expr::Attribute(method) = &*call.func {
                        self.visit_expr(&method.value);
                    } else {
                        self.visit_expr(&call.func);
                    }
                    for argument in &call.arguments.args {
                        self.visit_expr(argument);
                    }
                    for keyword in &call.arguments.keywords {
                        self.visit_expr(&keyword.value);
                    }
                }
                _ => visitor::walk_expr(self, expr),
            }
            self.container = false;
        }
    }
    let Some((element, generators)) = comprehension_parts(value) else {
        return Vec::new();
    };
    let mut places = Places {
        cx,
        own: Vec::new(),
        found: Vec::new(),
        container: false,
    };
    for generator in generators {
        for_each_target(&generator.target, &mut |target| {
            if let Expr::Name(name) = target {
                places.own.push(name.id.as_str());
            }
        });
    }
    for part in lazy_parts(&[element], generators) {
        places.visit_expr(part);
    }
    places.found
}

/// What an item chain is an item of: `hass.data` for
/// `hass.data[DOMAIN][ADDRESSES]`.
fn item_root(mut expr: &Expr) -> &Expr {
    while let Expr::Subscript(subscript) = expr {
        expr = &subscript.value;
    }
    expr
}

/// Whether the comprehension reads state that code outside the call can
/// reach: a parameter (`self` among them), or a variable bound outside the
/// function by assignment (a global, a closure's). Imported names,
/// functions and classes are not state, nor are the function's own
/// locals. The outermost iterable is evaluated when the generator is
/// made: only what it then walks lazily counts (a name, an attribute, an
/// item, a dict view, `zip`/`map`/`groupby`... over them), not what a call
/// builds in full there (`sorted(...)`, `header.split(",")`, `range(n)`).
fn reads_outside_state(cx: &Context<'_>, value: &Expr) -> bool {
    struct Loads<'e>(Vec<&'e ast::ExprName>);
    impl<'e> Visitor<'e> for Loads<'e> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if let Expr::Name(name) = expr
                && name.ctx.is_load()
            {
                self.0.push(name);
            }
            visitor::walk_expr(self, expr);
        }
    }
    /// The names an outermost iterable leaves to be read lazily.
    fn walked_lazily<'e>(iterable: &'e Expr, loads: &mut Loads<'e>) {
        match iterable {
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => loads.visit_expr(iterable),
            Expr::Call(call) => match &*call.func {
                Expr::Name(f) if LAZY_WALKERS.contains(&f.id.as_str()) => {
                    for argument in &call.arguments.args {
                        walked_lazily(argument, loads);
                    }
                }
                Expr::Attribute(method)
                    if matches!(method.attr.as_str(), "keys" | "values" | "items") =>
                {
                    walked_lazily(&method.value, loads);
                }
                _ => {}
            },
            _ => {}
        }
    }
    let mut loads = Loads(Vec::new());
    let (element, generators): (Vec<&Expr>, &[ast::Comprehension]) = match value {
        Expr::ListComp(comp) => (vec![&*comp.elt], &comp.generators),
        Expr::Call(call) => {
            if let Some(Expr::Generator(generator)) = call.arguments.args.first() {
                (vec![&*generator.elt], &generator.generators)
            } else {
                // `list(map(f, xs))`: what `map` is given is walked lazily.
                for argument in &call.arguments.args {
                    walked_lazily(argument, &mut loads);
                }
                (Vec::new(), &[])
            }
        }
        _ => (Vec::new(), &[]),
    };
    for (i, generator) in generators.iter().enumerate() {
        if i == 0 {
            walked_lazily(&generator.iter, &mut loads);
        } else {
            loads.visit_expr(&generator.iter);
        }
        for condition in &generator.ifs {
            loads.visit_expr(condition);
        }
    }
    for expr in element {
        loads.visit_expr(expr);
    }
    let index = cx.index();
    let function = cx.scope();
    loads.0.iter().any(|name| {
        let Some(id) = index.resolve_name(function, name.id.as_str(), name.start()) else {
            return false;
        };
        let binding = index.binding(id);
        match binding.kind {
            BindingKind::Parameter => binding.scope == function,
            BindingKind::Assignment => binding.scope != function,
            _ => false,
        }
    })
}

/// Whether a name the comprehension reads lazily (anything but its first
/// iterable and its own loop variables) is rebound in the function inside
/// `window`.
fn rebinds_free_names(cx: &Context<'_>, value: &Expr, window: TextRange) -> bool {
    /// Loaded names, and the names the comprehension binds itself.
    struct Loads<'e>(Vec<&'e str>, Vec<&'e str>);
    impl<'e> Visitor<'e> for Loads<'e> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if let Expr::Name(name) = expr {
                if name.ctx.is_load() {
                    self.0.push(name.id.as_str());
                } else {
                    self.1.push(name.id.as_str());
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut loads = Loads(Vec::new(), Vec::new());
    if let Some((element, generators)) = comprehension_parts(value) {
        for generator in generators {
            loads.visit_expr(&generator.target);
        }
        for part in lazy_parts(&[element], generators) {
            loads.visit_expr(part);
        }
    }
    let scope = cx.index().scope(cx.scope());
    let Loads(loaded, own) = loads;
    loaded
        .iter()
        .filter(|name| !own.contains(name))
        .any(|name| {
            scope
                .bindings_of(name)
                .iter()
                .any(|id| window.contains_range(cx.index().binding(*id).range))
        })
}

/// The functions a call in the window may reach and the rule can read: the
/// ones nested in an enclosing function (`_connect_subtree(child, succ)`,
/// also from inside itself), the module's own (`unregister(name)` deleting
/// from the module's `_handlers`) and the methods of the enclosing class
/// (`self._unlink(node)`).
struct LocalFunctions<'a> {
    /// The module's body (when it is read), then the bodies of the
    /// enclosing functions.
    functions: Vec<&'a [Stmt]>,
    class: Option<&'a [Stmt]>,
}

impl<'a> LocalFunctions<'a> {
    fn callee(&self, func: &Expr) -> Option<&'a ast::StmtFunctionDef> {
        let find = |body: &'a [Stmt], name: &str| {
            body.iter().find_map(|stmt| match stmt {
                Stmt::FunctionDef(def) if def.name.as_str() == name => Some(def),
                _ => None,
            })
        };
        match func {
            // The innermost definition of the name wins, as Python looks it up.
            Expr::Name(name) => self
                .functions
                .iter()
                .rev()
                .find_map(|body| find(body, name.id.as_str())),
            Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "self") => {
                find(self.class?, attribute.attr.as_str())
            }
            _ => None,
        }
    }
}

/// Looks for a mutation of the list's source (`del src[k]`, `src[k] = v`,
/// `src.pop(...)`, ...) inside `window`: written there, in a local function
/// called there, or possible because the source is handed to a call whose
/// effects are unknown (`_get_submodules(model, key)`).
struct MutationFinder<'c, 'a> {
    source: &'a str,
    /// The source is an object whose attribute dict the list copies: an
    /// attribute set or deleted on it (`obj.x = v`, `del obj.x`) changes
    /// that dict.
    namespace: bool,
    /// Whether handing the source to a call not known to be free of effects
    /// counts as a change (not for a value the element only reads, such as
    /// `max_workers` of `apps[i:i + max_workers]`, which the loop may pass
    /// on as it likes).
    handed_on: bool,
    cx: &'c Context<'a>,
    window: TextRange,
    local_functions: LocalFunctions<'a>,
    /// The local functions already read, so recursion ends.
    followed: Vec<TextRange>,
    found: bool,
}

impl<'a> MutationFinder<'_, 'a> {
    /// Whether a local function called in the window mutates the source
    /// anywhere in its body (or in the local functions it calls).
    fn callee_mutates(&mut self, call: &'a ast::ExprCall) -> bool {
        let Some(def) = self.local_functions.callee(&call.func) else {
            return false;
        };
        if self.followed.contains(&def.range) {
            return false;
        }
        self.followed.push(def.range);
        let window = std::mem::replace(&mut self.window, def.range);
        self.visit_body(&def.body);
        self.window = window;
        self.found
    }

    /// `helper(src, k)`: a call that is not known to be free of effects
    /// may change the source it receives.
    fn hands_on_source(&self, call: &ast::ExprCall) -> bool {
        call.arguments
            .args
            .iter()
            .chain(call.arguments.keywords.iter().map(|k| &k.value))
            .any(|a| self.is_source(a))
            && self.handed_on
            && !is_pure_call(self.cx.index(), self.cx.scope(), call)
            // Reading an attribute (`getattr(obj, name)`) leaves the object
            // as it is.
            && self
                .cx
                .resolves_to(&call.func, &["builtins.getattr", "builtins.hasattr"])
                .is_none()
    }

    fn is_source(&self, expr: &Expr) -> bool {
        self.cx.slice(expr) == self.source
    }

    /// Whether `expr` is an object the source is an attribute of (`metric`
    /// for `metric._metrics`), other than the own instance or class.
    fn is_source_owner(&self, expr: &Expr) -> bool {
        if matches!(expr, Expr::Name(n) if matches!(n.id.as_str(), "self" | "cls")) {
            return false;
        }
        self.source
            .strip_prefix(self.cx.slice(expr))
            .is_some_and(|rest| rest.starts_with('.'))
    }

    fn is_source_item(&self, expr: &Expr) -> bool {
        (match expr {
            Expr::Subscript(subscript) => self.is_source(&subscript.value),
            Expr::Attribute(attribute) if self.namespace => self.is_source(&attribute.value),
            _ => false,
        }) || self.is_source(expr)
    }
}

impl<'a> Visitor<'a> for MutationFinder<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let mutates = match stmt {
            Stmt::Delete(delete) => delete.targets.iter().any(|t| self.is_source_item(t)),
            Stmt::Assign(assign) => assign.targets.iter().any(|t| self.is_source_item(t)),
            Stmt::AugAssign(assign) => self.is_source_item(&assign.target),
            _ => false,
        };
        if mutates && self.window.contains_range(stmt.range()) {
            self.found = true;
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && self.window.contains_range(call.range())
            && (self.hands_on_source(call) || self.callee_mutates(call))
        {
            self.found = true;
            return;
        }
        // `src.pop(k)`, `src.sort()`, and any method of the source not
        // known to leave it as it is: `self._state.set_status(task, ...)`
        // may move the task out of what `self._state.tasks_by_status(...)`
        // yields (luigi's scheduler). The same for a method of the object the
        // source is an attribute of: `metric.remove(*labels)` while iterating
        // `metric._metrics` (flower); the own instance's methods are read
        // instead (`callee_mutates`).
        if let Expr::Call(call) = expr
            && let Expr::Attribute(attribute) = &*call.func
            && (self.is_source(&attribute.value) || self.is_source_owner(&attribute.value))
            && self.window.contains_range(call.range())
            && !is_pure_method(attribute.attr.as_str())
            && !matches!(attribute.attr.as_str(), "get" | "copy" | "count")
        {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

/// Whether what a generator would run later (everything but the first
/// iterable, which is evaluated at once either way) calls only functions
/// known to be free of effects. For `list(map(f, xs))` that is `f` itself.
fn list_lazy_part_is_effect_free(cx: &Context<'_>, value: &Expr) -> bool {
    let index = cx.index();
    let scope = cx.scope();
    let pure = |e: &Expr| is_effect_free(index, scope, e);
    let generators_pure = |elt: &[&Expr], generators: &[ast::Comprehension]| {
        lazy_part_is_effect_free(index, scope, elt, generators)
    };
    match value {
        Expr::ListComp(comp) => generators_pure(&[&comp.elt], &comp.generators),
        Expr::Call(call) => match call.arguments.args.first() {
            Some(Expr::Generator(generator)) => {
                generators_pure(&[&generator.elt], &generator.generators)
            }
            Some(Expr::Call(inner)) => match inner.arguments.args.first() {
                Some(Expr::Lambda(lambda)) => pure(&lambda.body),
                Some(Expr::NoneLiteral(_)) => true,
                Some(function) => is_pure_function(index, scope, function),
                None => false,
            },
            _ => false,
        },
        _ => false,
    }
}

/// For a list passed to a consumer (`sorted(xs, key=g())`): whether the
/// consumer's other arguments, which run before a generator's items but
/// after a list's, are free of effects.
fn consumer_arguments_effect_free(cx: &Context<'_>, body: &[Stmt], use_range: TextRange) -> bool {
    let Some((call, true)) = consuming_call(body, use_range) else {
        return false;
    };
    call.arguments
        .args
        .iter()
        .chain(call.arguments.keywords.iter().map(|k| &k.value))
        .filter(|a| a.range() != use_range)
        .all(|a| is_effect_free(cx.index(), cx.scope(), a))
}

/// The call that reads the list's use at `use_range`: as an argument
/// (`sorted(xs)`, `true` for direct) or through a generator expression over
/// it passed as one (`any(x > 0 for x in xs)`, `false`).
fn consuming_call(body: &[Stmt], use_range: TextRange) -> Option<(&ast::ExprCall, bool)> {
    struct Finder<'e> {
        use_range: TextRange,
        found: Option<(&'e ast::ExprCall, bool)>,
    }
    impl<'e> Visitor<'e> for Finder<'e> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if !expr.range().contains_range(self.use_range) {
                return;
            }
            if let Expr::Call(call) = expr {
                for argument in &call.arguments.args {
                    let direct = argument.range() == self.use_range;
                    let through_generator = matches!(argument, Expr::Generator(generator)
                        if generator.generators.first()
                            .is_some_and(|g| g.iter.range() == self.use_range));
                    if direct || through_generator {
                        self.found = Some((call, direct));
                        return;
                    }
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder {
        use_range,
        found: None,
    };
    finder.visit_body(body);
    finder.found
}

/// `[... for ...]`, or `list(...)` of a generator expression, `map` or `filter`.
fn built_list(cx: &Context<'_>, value: &Expr) -> Option<&'static str> {
    if is_async(value) {
        return None;
    }
    match value {
        Expr::ListComp(_) => Some("a list comprehension"),
        Expr::Call(call) => {
            let [argument] = &*call.arguments.args else {
                return None;
            };
            if !call.arguments.keywords.is_empty()
                || cx.resolves_to(&call.func, &["builtins.list"]).is_none()
            {
                return None;
            }
            match argument {
                Expr::Generator(_) => Some("`list` of a generator"),
                Expr::Call(inner) => cx
                    .resolves_to(&inner.func, &["builtins.map", "builtins.filter"])
                    .map(|f| {
                        if f == "builtins.map" {
                            "`list` of `map`"
                        } else {
                            "`list` of `filter`"
                        }
                    }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// [`lazy_part_checks_items`] for the list's comprehension (`[...]`, or
/// `list(...)` of a generator expression).
fn list_lazy_part_checks_items(value: &Expr) -> bool {
    comprehension_parts(value)
        .is_some_and(|(element, generators)| lazy_part_checks_items(&[element], generators))
}

/// Whether the one use of the list may stop before its last item: a `for`
/// loop over it that can `break` or `return`, or `any`/`all`/`next` reading
/// it (directly or through a generator expression over it). A list has
/// computed every item by then; a generator never computes the rest.
fn stops_early(
    cx: &Context<'_>,
    body: &[Stmt],
    use_range: TextRange,
    loop_body: Option<&[Stmt]>,
) -> bool {
    if let Some(loop_body) = loop_body {
        let exits = early_exits(loop_body);
        return exits.breaks || exits.returns;
    }
    consuming_call(body, use_range).is_some_and(|(call, _)| {
        cx.resolves_to(
            &call.func,
            &["builtins.any", "builtins.all", "builtins.next"],
        )
        .is_some()
    })
}
