//! Where the walk is repeated: the loops around the current position, the
//! few-item loops that do not count, and the values kept beyond one
//! iteration.

use memwise_core::python::{LoopExit, loop_exit_after, statement_path};
use memwise_core::semantic::{ScopeId, attribute_root};
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
