//! Where the walk is repeated: the loops around the current position, the
//! few-item loops that do not count, and the values kept beyond one
//! iteration.

use memwise_core::python::{
    CONTAINER_ADD_METHODS, LoopExit, is_empty_container, loop_exit_after, statement_path,
};
use memwise_core::semantic::{ScopeId, attribute_root};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::Summarizer;

impl Summarizer<'_> {
    /// Marks `value` (and the items of a tuple or list display) as kept
    /// beyond one iteration.
    pub(super) fn keep(&mut self, value: &Expr) {
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
    pub(super) fn push_loop(&mut self, entry: (TextRange, TextRange, bool)) {
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
    pub(super) fn repeats_many_times(&self, range: TextRange) -> bool {
        self.repeating_loop(range).is_some()
    }

    /// The outermost loop that runs the code at `range` many times (see
    /// [`Self::repeats_many_times`]).
    pub(super) fn repeating_loop(&self, range: TextRange) -> Option<TextRange> {
        if self
            .demo_and_test_code
            .iter()
            .any(|g| g.contains_range(range))
        {
            return None;
        }
        self.loops
            .iter()
            .find(|(lp, iter, few)| lp.contains_range(range) && !iter.contains_range(range) && !few)
            .map(|(lp, _, _)| *lp)
    }

    /// Whether the statement around `range` ends the loops that would run it
    /// again: it is followed in its block by `return` or `raise` (no loop of
    /// the function goes on), or by `break` with no other repeating loop
    /// around it. The iteration that runs it is the last, so a call there
    /// makes one instance per run of the loop (`constraints.append(C(...));
    /// return` in a search), not one per item.
    pub(super) fn ends_its_loop(&self, range: TextRange) -> bool {
        let path = statement_path(self.module, range);
        let statements: Vec<&Stmt> = path.iter().map(|(block, at)| &block[*at]).collect();
        let Some(exit) = loop_exit_after(&statements) else {
            return false;
        };
        let function_start = statements
            .iter()
            .rposition(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
            .map_or(0, |i| i + 1);
        let mut ended = statements[function_start..]
            .iter()
            .filter(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
            .map(|s| Ranged::range(*s));
        let ended: Vec<TextRange> = match exit {
            LoopExit::Leave => ended.collect(),
            LoopExit::Break => ended.next_back().into_iter().collect(),
        };
        !self.loops.iter().any(|(lp, iter, few)| {
            lp.contains_range(range) && !iter.contains_range(range) && !few && !ended.contains(lp)
        })
    }

    /// Whether storing through `target` keeps the stored value beyond one
    /// iteration of the loop around `target`. A subscript store fills a
    /// container (`d[k] = v`), unless the key is the same on every pass
    /// (`d["last"] = v`); an attribute store, or a store under such a key,
    /// only does through an object that changes with the iteration
    /// (`node.next = Node()` after `node = ...` in the loop, `rec = rows[i];
    /// rec["item"] = C()`): through a fixed one (`self.current = C()`) each
    /// store replaces the last, so one value is alive at a time.
    pub(super) fn store_keeps(&self, target: &Expr, scope: ScopeId) -> bool {
        let holder = match target {
            Expr::Attribute(attribute) => &*attribute.value,
            Expr::Subscript(subscript) if self.same_key_every_pass(subscript) => &*subscript.value,
            Expr::Subscript(_) => return true,
            _ => return false,
        };
        let (Some(root), Some(repeating)) =
            (attribute_root(holder), self.repeating_loop(target.range()))
        else {
            return true;
        };
        self.index
            .scope(scope)
            .bindings_of(root.id.as_str())
            .iter()
            .any(|&b| repeating.contains_range(self.index.binding(b).range))
    }

    /// Whether `container` (the receiver of an add at `at`) is a list, set
    /// or dict the innermost loop around `at` makes anew before the add on
    /// each pass (`packets = [header]`, then `packets.append(C())` and a
    /// send), and does not keep itself (add it to another container or
    /// store it on an object): each pass's container, and what it holds,
    /// is let go on the next, so the instances added are not many at once.
    pub(super) fn made_each_pass(&self, container: &Expr, at: TextRange, scope: ScopeId) -> bool {
        let Expr::Name(name) = container else {
            return false;
        };
        let Some(&(inner, _, _)) = self
            .loops
            .iter()
            .rev()
            .find(|(lp, iter, _)| lp.contains_range(at) && !iter.contains_range(at))
        else {
            return false;
        };
        let made_here = self
            .index
            .scope(scope)
            .bindings_of(name.id.as_str())
            .iter()
            .map(|&b| self.index.binding(b).range)
            .filter(|r| inner.contains_range(*r) && r.end() <= at.start())
            .any(|r| {
                let path = statement_path(self.module, r);
                path.last().is_some_and(|(block, i)| match &block[*i] {
                    Stmt::Assign(assign) => {
                        matches!(&*assign.targets, [Expr::Name(t)] if t.range == r)
                            && is_new_container(&assign.value)
                    }
                    Stmt::AnnAssign(assign) => {
                        assign.target.range() == r
                            && assign.value.as_deref().is_some_and(is_new_container)
                    }
                    _ => false,
                })
            });
        if !made_here {
            return false;
        }
        let path = statement_path(self.module, inner);
        let Some(loop_stmt) = path
            .iter()
            .map(|(block, i)| &block[*i])
            .find(|s| s.range() == inner)
        else {
            return false;
        };
        let mut keeps = KeepsName {
            name: name.id.as_str(),
            found: false,
        };
        keeps.visit_stmt(loop_stmt);
        !keeps.found
    }

    /// Whether `d[k] = v` stores under the same key on every pass of its
    /// loop, so each value replaces the last: `k` is a literal, or a name
    /// that an `if` (or `elif`) inside the loop has just tested equal to a
    /// literal (`for name in names: if name == "args": d[name] = C()`).
    fn same_key_every_pass(&self, subscript: &ast::ExprSubscript) -> bool {
        let key = &*subscript.slice;
        if key.is_literal_expr() {
            return true;
        }
        let Expr::Name(name) = key else {
            return false;
        };
        let Some(repeating) = self.repeating_loop(subscript.range) else {
            return false;
        };
        // A name the loop never rebinds, or rebinds only from names it
        // never rebinds (`name = producer["name"]` in a reconnect loop):
        // the same key on every pass.
        if let Some(loop_stmt) = statement_path(self.module, subscript.range)
            .iter()
            .map(|(block, at)| &block[*at])
            .find(|s| s.range() == repeating)
        {
            let mut bound = LoopBindings::default();
            bound.visit_stmt(loop_stmt);
            let invariant = |value: &Expr| {
                let mut reads = InvariantReads {
                    bound: &bound,
                    invariant: true,
                };
                reads.visit_expr(value);
                reads.invariant
            };
            let key_name = name.id.as_str();
            if !bound.names.contains(&key_name)
                || bound
                    .values
                    .iter()
                    .filter(|(n, _)| *n == key_name)
                    .all(|(_, value)| value.is_some_and(invariant))
            {
                return true;
            }
        }
        let is_key = |e: &Expr| matches!(e, Expr::Name(n) if n.id == name.id);
        let tests_equal = |test: &Expr| {
            matches!(test, Expr::Compare(compare)
            if matches!(&*compare.ops, [ast::CmpOp::Eq])
                && match (&*compare.left, &compare.comparators[0]) {
                    (left, right) if is_key(left) => right.is_literal_expr(),
                    (left, right) => is_key(right) && left.is_literal_expr(),
                })
        };
        statement_path(self.module, subscript.range)
            .iter()
            .filter(|(block, at)| repeating.contains_range(block[*at].range()))
            .any(|(block, at)| {
                let Stmt::If(if_stmt) = &block[*at] else {
                    return false;
                };
                let within = |body: &[Stmt]| {
                    body.first()
                        .is_some_and(|first| first.start() <= subscript.start())
                        && body
                            .last()
                            .is_some_and(|last| subscript.end() <= last.end())
                };
                (within(&if_stmt.body) && tests_equal(&if_stmt.test))
                    || if_stmt.elif_else_clauses.iter().any(|clause| {
                        within(&clause.body) && clause.test.as_ref().is_some_and(tests_equal)
                    })
            })
    }
}

/// The names a loop binds (its target, assignments, `with ... as`, walrus,
/// `except ... as`, imports), outside nested definitions; and, for each
/// binding, the value of a plain `name = value` (`None` for any other form).
/// Also the attributes it stores (`self.next_id += 1`) and the containers
/// it stores items into, which a read of them cannot count on either.
#[derive(Default)]
struct LoopBindings<'a> {
    names: Vec<&'a str>,
    values: Vec<(&'a str, Option<&'a Expr>)>,
    attributes: Vec<&'a str>,
    containers: Vec<&'a str>,
}

impl LoopBindings<'_> {
    fn bind<'a>(bindings: &mut LoopBindings<'a>, target: &'a Expr, value: Option<&'a Expr>) {
        memwise_core::python::for_each_target(target, &mut |place| match place {
            Expr::Name(n) => {
                bindings.names.push(n.id.as_str());
                bindings.values.push((n.id.as_str(), value));
            }
            Expr::Attribute(a) => bindings.attributes.push(a.attr.as_str()),
            Expr::Subscript(s) => {
                if let Some(root) = attribute_root(&s.value) {
                    bindings.containers.push(root.id.as_str());
                }
            }
            _ => {}
        });
    }
}

impl<'a> Visitor<'a> for LoopBindings<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.names.push(def.name.as_str());
                self.values.push((def.name.as_str(), None));
                return;
            }
            Stmt::ClassDef(class) => {
                self.names.push(class.name.as_str());
                self.values.push((class.name.as_str(), None));
                return;
            }
            Stmt::Assign(assign) => {
                let value = match &*assign.targets {
                    [Expr::Name(_)] => Some(&*assign.value),
                    _ => None,
                };
                for target in &assign.targets {
                    Self::bind(self, target, value);
                }
            }
            Stmt::AnnAssign(assign) => Self::bind(self, &assign.target, None),
            Stmt::AugAssign(assign) => Self::bind(self, &assign.target, None),
            Stmt::For(for_stmt) => Self::bind(self, &for_stmt.target, None),
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(vars) = &item.optional_vars {
                        Self::bind(self, vars, None);
                    }
                }
            }
            Stmt::Try(try_stmt) => {
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(name) = &handler.name {
                        self.names.push(name.as_str());
                        self.values.push((name.as_str(), None));
                    }
                }
            }
            Stmt::Import(ast::StmtImport { names, .. })
            | Stmt::ImportFrom(ast::StmtImportFrom { names, .. }) => {
                for alias in names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.names.push(bound);
                    self.values.push((bound, None));
                }
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Named(named) => Self::bind(self, &named.target, None),
            // A comprehension's names are its own.
            Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_) => return,
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// Whether an expression reads only names the loop does not bind, and
/// calls nothing (a call may return something new each pass).
struct InvariantReads<'b, 'a> {
    bound: &'b LoopBindings<'a>,
    invariant: bool,
}

impl<'v> Visitor<'v> for InvariantReads<'_, '_> {
    fn visit_expr(&mut self, expr: &'v Expr) {
        match expr {
            Expr::Name(n) if self.bound.names.contains(&n.id.as_str()) => self.invariant = false,
            Expr::Attribute(a) if self.bound.attributes.contains(&a.attr.as_str()) => {
                self.invariant = false;
            }
            Expr::Subscript(s)
                if attribute_root(&s.value)
                    .is_some_and(|r| self.bound.containers.contains(&r.id.as_str())) =>
            {
                self.invariant = false;
            }
            Expr::Call(_)
            | Expr::Await(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::Named(_)
            | Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_) => self.invariant = false,
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// A display or comprehension, or an empty `list()`/`set()`/`dict()`: a new
/// container each time it runs.
fn is_new_container(value: &Expr) -> bool {
    matches!(
        value,
        Expr::List(_)
            | Expr::Set(_)
            | Expr::Dict(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
    ) || is_empty_container(value)
}

/// Finds the container named `name` kept beyond its pass: added to another
/// container, stored on an object or under a key, or yielded.
struct KeepsName<'n> {
    name: &'n str,
    found: bool,
}

impl KeepsName<'_> {
    fn is_it(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(n) if n.id.as_str() == self.name)
    }
}

impl<'a> Visitor<'a> for KeepsName<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found {
            return;
        }
        if let Stmt::Assign(assign) = stmt
            && self.is_it(&assign.value)
            && assign.targets.iter().any(|t| !t.is_name_expr())
        {
            self.found = true;
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found {
            return;
        }
        self.found = match expr {
            Expr::Call(call) => {
                matches!(&*call.func, Expr::Attribute(a)
                    if CONTAINER_ADD_METHODS.contains(&a.attr.as_str()))
                    && call.arguments.args.iter().any(|a| self.is_it(a))
            }
            Expr::Yield(y) => y.value.as_deref().is_some_and(|v| self.is_it(v)),
            _ => false,
        };
        if !self.found {
            visitor::walk_expr(self, expr);
        }
    }
}
