//! MEM302 (opt-in): a whole file read into memory at once.

use memwise_core::find::{body_contains, expr_contains};
use memwise_core::python::child_blocks;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for reads of a whole file: `.read()` with no size (or `-1`, or
    /// `None`) on a handle from `open(...)`, `.readlines()` outside a loop,
    /// and `Path.read_text()` / `Path.read_bytes()`.
    ///
    /// ## Why is this bad?
    /// The whole file lands in memory at once, however large it is: a log, a
    /// dump or an upload that is small today can be gigabytes tomorrow. Code
    /// that processes the content piece by piece can read it in chunks or line
    /// by line and keep memory flat. This rule is opt-in: reading a small
    /// configuration file whole is fine.
    ///
    /// ## Example
    /// ```python
    /// with open("upload.bin", "rb") as f:
    ///     data = f.read()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("upload.bin", "rb") as f:
    ///     for chunk in iter(lambda: f.read(1 << 20), b""):
    ///         print(len(chunk))
    /// ```
    ///
    /// ## Known problems
    /// The rule cannot know how large the file is; select it where inputs are
    /// unbounded, and silence it with `# noqa: MEM302` where they are not.
    pub WholeFileRead {
        code: "MEM302",
        name: "whole-file-read",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

const OPENERS: &[&str] = &["builtins.open", "io.open", "codecs.open"];

impl Rule for WholeFileRead {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        let Expr::Attribute(attribute) = &*call.func else {
            return;
        };
        let receiver = &*attribute.value;
        let method = attribute.attr.as_str();
        let what = match method {
            "read" if reads_everything(&call.arguments) && is_open_handle(cx, receiver) => "all of",
            "readlines" if call.arguments.is_empty() => "every line of",
            "read_text" | "read_bytes" if call.arguments.args.is_empty() => "all of",
            _ => return,
        };
        // A loop over the lines is MEM301's finding; a method that wraps the
        // same method (`def readlines(self): return self._f.readlines()`)
        // reads whatever its caller asked for.
        if is_loop_iterable(cx, call) || is_wrapper_of(cx, method) {
            return;
        }
        let written = cx.slice(receiver);
        let message = format!("`.{method}()` reads {what} `{written}` into memory at once");
        let help = if method == "readlines" {
            format!("iterate over `{written}` line by line instead of building a list")
        } else {
            "read in chunks (`iter(lambda: f.read(1 << 20), b\"\")`) or line by line".to_owned()
        };
        cx.report(Diagnostic::new(&WholeFileRead::META, message, call.range()).with_help(help));
    }
}

/// `read()`, `read(-1)`, `read(None)`, `read(size=-1)`.
fn reads_everything(arguments: &ast::Arguments) -> bool {
    let size = match (&*arguments.args, &*arguments.keywords) {
        ([], []) => return true,
        ([size], []) => size,
        ([], [keyword]) if keyword.arg.as_ref().is_some_and(|a| a.as_str() == "size") => {
            &keyword.value
        }
        _ => return false,
    };
    match size {
        Expr::NoneLiteral(_) => true,
        Expr::UnaryOp(unary) => {
            unary.op == ast::UnaryOp::USub
                && matches!(&*unary.operand, Expr::NumberLiteral(n) if matches!(n.value, ast::Number::Int(ref i) if i.as_u8() == Some(1)))
        }
        _ => false,
    }
}

fn is_open_call(cx: &Context<'_>, expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if cx.resolves_to(&call.func, OPENERS).is_some())
}

/// `open(...)` itself, or a name bound by an enclosing `with open(...) as f`
/// or by `f = open(...)` earlier in the same block.
fn is_open_handle(cx: &Context<'_>, receiver: &Expr) -> bool {
    if is_open_call(cx, receiver) {
        return true;
    }
    let Expr::Name(name) = receiver else {
        return false;
    };
    let is_target = |e: &Expr| matches!(e, Expr::Name(n) if n.id == name.id);
    let assigns_open = |block: &[Stmt], inner: &Stmt| {
        block
            .iter()
            .take_while(|s| s.start() < inner.start())
            .any(|s| {
                matches!(s, Stmt::Assign(assign)
                    if assign.targets.len() == 1
                        && is_target(&assign.targets[0])
                        && is_open_call(cx, &assign.value))
            })
    };
    let statements = cx.statements();
    for (depth, stmt) in statements.iter().enumerate().rev() {
        if let Stmt::With(with) = stmt
            && with.items.iter().any(|item| {
                item.optional_vars.as_deref().is_some_and(is_target)
                    && is_open_call(cx, &item.context_expr)
            })
        {
            return true;
        }
        // `f = open(...)` among the earlier siblings of the current block.
        if let Some(inner) = statements.get(depth + 1) {
            let found = child_blocks(stmt)
                .into_iter()
                .find(|b| b.iter().any(|s| std::ptr::eq(s, *inner)))
                .is_some_and(|block| assigns_open(block, inner));
            if found {
                return true;
            }
        }
        if matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            return false;
        }
    }
    statements
        .first()
        .is_some_and(|outer| assigns_open(cx.module(), outer))
}

/// Whether the enclosing function has the name of the method it calls.
fn is_wrapper_of(cx: &Context<'_>, method: &str) -> bool {
    cx.statements()
        .iter()
        .rev()
        .find_map(|s| match s {
            Stmt::FunctionDef(def) => Some(def.name.as_str() == method),
            _ => None,
        })
        .unwrap_or(false)
}

/// Whether `iterable` is `call`, or `call.splitlines()` / `call.split(...)`.
fn iterates_call(iterable: &Expr, call: TextRange) -> bool {
    if iterable.range() == call {
        return true;
    }
    matches!(iterable, Expr::Call(outer)
        if matches!(&*outer.func, Expr::Attribute(a)
            if matches!(a.attr.as_str(), "splitlines" | "split") && a.value.range() == call))
}

/// Whether `call`, or the lines split from it, is the iterable of a `for`
/// or a comprehension (MEM301's case).
fn is_loop_iterable(cx: &Context<'_>, call: &ast::ExprCall) -> bool {
    let Some(stmt) = cx.statements().last() else {
        return false;
    };
    if matches!(stmt, Stmt::For(for_stmt) if iterates_call(&for_stmt.iter, call.range())) {
        return true;
    }
    // Only reached for a whole-file read, so walking the one statement
    // around it stays cheap.
    let range = call.range();
    let is_comprehension_over_call = |expr: &Expr| {
        let generators = match expr {
            Expr::ListComp(c) => &c.generators,
            Expr::SetComp(c) => &c.generators,
            Expr::DictComp(c) => &c.generators,
            Expr::Generator(c) => &c.generators,
            _ => return false,
        };
        generators.iter().any(|g| iterates_call(&g.iter, range))
    };
    match stmt {
        Stmt::For(for_stmt) => expr_contains(&for_stmt.iter, is_comprehension_over_call),
        Stmt::While(while_stmt) => expr_contains(&while_stmt.test, is_comprehension_over_call),
        Stmt::If(if_stmt) => expr_contains(&if_stmt.test, is_comprehension_over_call),
        Stmt::With(with) => with
            .items
            .iter()
            .any(|item| expr_contains(&item.context_expr, is_comprehension_over_call)),
        Stmt::FunctionDef(_) | Stmt::ClassDef(_) | Stmt::Try(_) | Stmt::Match(_) => false,
        simple => body_contains(std::slice::from_ref(simple), is_comprehension_over_call),
    }
}
