//! MEM108: a loss that `.backward()` is called on, accumulated across a loop.

use memwise_core::python::same_place;
use memwise_core::{Context, Diagnostic, Edit, Fix, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a `for` or `while` loop whose body calls `loss.backward()`
    /// and also accumulates `loss` itself (not `loss.item()` or
    /// `loss.detach()`) into something that outlives the iteration:
    /// `total += loss`, `total = total + loss`, `losses.append(loss)`,
    /// `self.running += loss`, `stats[k] += loss`.
    ///
    /// ## Why is this bad?
    /// A loss tensor carries its autograd graph. Adding it to a running total
    /// makes the total a tensor whose graph links to every step's graph, and
    /// appending it to a list keeps each step's graph alive: nothing of the
    /// training history is ever freed. This is the first entry of the PyTorch
    /// FAQ on memory ("My model reports cuda runtime error(2): out of
    /// memory"), and the cause of reported GPU out-of-memory errors and
    /// gigabytes leaked in brax, in Ray's own training loop (ray#40714), in
    /// neuromancer and in many Kaggle notebooks.
    ///
    /// ## Example
    /// ```python
    /// def train(model, loader, optimizer):
    ///     total = 0
    ///     for x, y in loader:
    ///         loss = model(x, y)
    ///         optimizer.zero_grad()
    ///         loss.backward()
    ///         optimizer.step()
    ///         total += loss
    ///     return total / len(loader)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def train(model, loader, optimizer):
    ///     total = 0
    ///     for x, y in loader:
    ///         loss = model(x, y)
    ///         optimizer.zero_grad()
    ///         loss.backward()
    ///         optimizer.step()
    ///         total += loss.item()
    ///     return total / len(loader)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `loss.item()` in a sum and `loss.detach()` in an
    /// `.append(...)`. It is unsafe: the total becomes a Python float (code
    /// that later calls tensor methods on it, or a second `backward()` through
    /// it, changes), and `.item()` waits for the GPU on every step.
    ///
    /// ## Known problems
    /// Only a loss written as a plain name is followed, and only where it is
    /// used bare in arithmetic (`total += loss * n`): a loss passed through
    /// any call (`gather(loss)`, `float(loss)`, `loss.item()`,
    /// `loss.detach()`, `loss.data`) is left alone, as is a loss rebound
    /// between the `backward()` and the accumulation. Accumulation under
    /// `torch.no_grad()`, `torch.inference_mode()` or
    /// `torch.set_grad_enabled(False)` builds no graph and is not flagged;
    /// nor is a total reset inside the same loop, or a `backward()` with an
    /// explicit gradient (the loss is not a scalar). Test code is not
    /// checked.
    pub AccumulatedAutogradGraph {
        code: "MEM108",
        name: "accumulated-autograd-graph",
        opt_in: false,
        fix: FixAvailability::Always,
        test_code: false,
    }
}

impl Rule for AccumulatedAutogradGraph {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtFor, NodeKind::StmtWhile]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let body = match node {
            AnyNodeRef::StmtFor(for_stmt) => &for_stmt.body,
            AnyNodeRef::StmtWhile(while_stmt) => &while_stmt.body,
            _ => return,
        };
        let mut statements = Vec::new();
        collect(cx, body, false, &mut statements);
        let losses: Vec<(&str, TextRange)> = statements
            .iter()
            .filter_map(|(stmt, _)| backward_of(stmt))
            .collect();
        if losses.is_empty() {
            return;
        }
        let mut reported: Vec<&str> = Vec::new();
        for (stmt, no_grad) in &statements {
            if *no_grad {
                continue;
            }
            let Some(accumulation) = accumulation(stmt) else {
                continue;
            };
            let Some((loss, _)) = losses.iter().find(|(loss, backward)| {
                !bare_uses(accumulation.value, loss).is_empty()
                    && !rebound_between(&statements, loss, *backward, stmt.range())
            }) else {
                continue;
            };
            if !outlives_iteration(&statements, &accumulation, stmt) {
                continue;
            }
            let target = cx.slice(accumulation.target);
            if reported.contains(&target) {
                continue;
            }
            reported.push(target);
            let (wrapped, verb) = if accumulation.append {
                (format!("{loss}.detach()"), "appended to")
            } else {
                (format!("{loss}.item()"), "added to")
            };
            let message = format!(
                "`{loss}` is {verb} `{target}` in a loop that calls `{loss}.backward()`: every step's autograd graph stays alive"
            );
            let help = format!("accumulate `{wrapped}` instead, so that `{target}` holds no graph");
            let edits = bare_uses(accumulation.value, loss)
                .into_iter()
                .map(|range| Edit::replacement(wrapped.clone(), range))
                .collect();
            cx.report(
                Diagnostic::new(&AccumulatedAutogradGraph::META, message, stmt.range())
                    .with_help(help)
                    .with_fix(Fix::unsafe_edits(format!("accumulate `{wrapped}`"), edits)),
            );
        }
    }
}

/// The statements of a loop body at any depth, except inside nested loops
/// (they are checked on their own), functions and classes; each with whether
/// it runs under `torch.no_grad()` or the like.
fn collect<'a>(cx: &Context<'_>, body: &'a [Stmt], no_grad: bool, out: &mut Vec<(&'a Stmt, bool)>) {
    for stmt in body {
        out.push((stmt, no_grad));
        match stmt {
            Stmt::For(_) | Stmt::While(_) | Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::With(with) => {
                let disables = with
                    .items
                    .iter()
                    .any(|item| disables_grad(cx, &item.context_expr));
                collect(cx, &with.body, no_grad || disables, out);
            }
            _ => {
                for block in memwise_core::python::child_blocks(stmt) {
                    collect(cx, block, no_grad, out);
                }
            }
        }
    }
}

/// `torch.no_grad()`, `torch.inference_mode()`, `torch.set_grad_enabled(False)`.
fn disables_grad(cx: &Context<'_>, expr: &Expr) -> bool {
    let Expr::Call(call) = expr else {
        return false;
    };
    match cx.resolves_to(
        &call.func,
        &[
            "torch.no_grad",
            "torch.inference_mode",
            "torch.set_grad_enabled",
            "torch.enable_grad",
        ],
    ) {
        Some("torch.no_grad" | "torch.inference_mode") => true,
        Some("torch.set_grad_enabled") => matches!(
            call.arguments.args.first(),
            Some(Expr::BooleanLiteral(b)) if !b.value
        ),
        _ => false,
    }
}

/// `loss.backward()` (no explicit gradient: the loss is a scalar) as an
/// expression statement: the name and the statement's range.
fn backward_of(stmt: &Stmt) -> Option<(&str, TextRange)> {
    let Stmt::Expr(expr) = stmt else {
        return None;
    };
    let Expr::Call(call) = &*expr.value else {
        return None;
    };
    let Expr::Attribute(attribute) = &*call.func else {
        return None;
    };
    if attribute.attr.as_str() != "backward" || !call.arguments.args.is_empty() {
        return None;
    }
    let Expr::Name(name) = &*attribute.value else {
        return None;
    };
    Some((name.id.as_str(), stmt.range()))
}

/// An accumulating statement: where it accumulates, and what.
struct Accumulation<'a> {
    target: &'a Expr,
    value: &'a Expr,
    append: bool,
}

fn accumulation(stmt: &Stmt) -> Option<Accumulation<'_>> {
    match stmt {
        Stmt::AugAssign(aug) if aug.op == Operator::Add => Some(Accumulation {
            target: &aug.target,
            value: &aug.value,
            append: false,
        }),
        Stmt::Assign(assign) => {
            let [target] = &*assign.targets else {
                return None;
            };
            let Expr::BinOp(binop) = &*assign.value else {
                return None;
            };
            if binop.op != Operator::Add || !same_place(target, &binop.left) {
                return None;
            }
            Some(Accumulation {
                target,
                value: &binop.right,
                append: false,
            })
        }
        Stmt::Expr(expr) => {
            let Expr::Call(call) = &*expr.value else {
                return None;
            };
            let Expr::Attribute(attribute) = &*call.func else {
                return None;
            };
            let ([value], []) = (&*call.arguments.args, &*call.arguments.keywords) else {
                return None;
            };
            (attribute.attr.as_str() == "append").then_some(Accumulation {
                target: &attribute.value,
                value,
                append: true,
            })
        }
        _ => None,
    }
}

/// The ranges where `loss` is used bare in `value`: the whole value, or an
/// operand of arithmetic. A use inside any call, attribute or subscript is
/// not bare (`loss.item()`, `float(loss)`, `loss.data`), and then nothing is
/// returned: the value may well be detached.
fn bare_uses(value: &Expr, loss: &str) -> Vec<TextRange> {
    fn walk(expr: &Expr, loss: &str, out: &mut Vec<TextRange>) -> bool {
        match expr {
            Expr::Name(name) => {
                if name.id.as_str() == loss {
                    out.push(name.range);
                }
                true
            }
            Expr::NumberLiteral(_) => true,
            Expr::BinOp(binop) => walk(&binop.left, loss, out) && walk(&binop.right, loss, out),
            Expr::UnaryOp(unary) => walk(&unary.operand, loss, out),
            // Other operands (`x.size(0)`, `len(batch)`) are fine as long as
            // they do not mention the loss.
            other => !mentions(other, loss),
        }
    }
    let mut out = Vec::new();
    if walk(value, loss, &mut out) {
        out
    } else {
        Vec::new()
    }
}

/// Whether `expr` mentions the name `loss` anywhere.
fn mentions(expr: &Expr, loss: &str) -> bool {
    memwise_core::find::expr_contains(
        expr,
        |e| matches!(e, Expr::Name(name) if name.id.as_str() == loss),
    )
}

/// Whether `loss` is assigned by a statement between the `backward()` and
/// the accumulation (when the accumulation comes after it): then what is
/// accumulated is another value, often a detached one.
fn rebound_between(
    statements: &[(&Stmt, bool)],
    loss: &str,
    backward: TextRange,
    accumulation: TextRange,
) -> bool {
    if accumulation.start() < backward.start() {
        return false;
    }
    statements.iter().any(|(stmt, _)| {
        stmt.start() > backward.end()
            && stmt.end() <= accumulation.start()
            && assigns_name(stmt, loss)
    })
}

/// Whether `stmt` itself binds `name` with an assignment.
fn assigns_name(stmt: &Stmt, name: &str) -> bool {
    let is = |e: &Expr| match e {
        Expr::Name(n) => n.id.as_str() == name,
        Expr::Tuple(t) => t
            .elts
            .iter()
            .any(|e| matches!(e, Expr::Name(n) if n.id.as_str() == name)),
        _ => false,
    };
    match stmt {
        Stmt::Assign(assign) => assign.targets.iter().any(is),
        Stmt::AnnAssign(assign) => is(&assign.target),
        Stmt::AugAssign(assign) => is(&assign.target),
        _ => false,
    }
}

/// Whether the accumulator lives past one iteration: its root name is not
/// bound afresh by a plain assignment inside the loop (the accumulation
/// itself aside). Attributes and items of `self` or of outer objects live on.
fn outlives_iteration(
    statements: &[(&Stmt, bool)],
    accumulation: &Accumulation<'_>,
    at: &Stmt,
) -> bool {
    let mut root = accumulation.target;
    loop {
        root = match root {
            Expr::Attribute(a) => &a.value,
            Expr::Subscript(s) => &s.value,
            _ => break,
        };
    }
    let Expr::Name(name) = root else {
        return false;
    };
    let name = name.id.as_str();
    !statements.iter().any(|(stmt, _)| {
        !std::ptr::eq(*stmt, at)
            && match stmt {
                Stmt::Assign(assign) => assign.targets.iter().any(|t| binds_root(t, name)),
                Stmt::AnnAssign(assign) => {
                    assign.value.is_some() && binds_root(&assign.target, name)
                }
                Stmt::With(with) => with
                    .items
                    .iter()
                    .filter_map(|item| item.optional_vars.as_deref())
                    .any(|t| binds_root(t, name)),
                _ => false,
            }
    })
}

/// Whether the assignment target `target` rebinds the plain name `name`.
fn binds_root(target: &Expr, name: &str) -> bool {
    match target {
        Expr::Name(n) => n.id.as_str() == name,
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
            elts.iter().any(|e| binds_root(e, name))
        }
        Expr::Starred(s) => binds_root(&s.value, name),
        _ => false,
    }
}
