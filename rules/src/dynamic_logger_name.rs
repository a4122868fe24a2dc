//! MEM207: `logging.getLogger(...)` with a name built per call.

use memwise_core::facts_self::for_each_scope_statement;
use memwise_core::{Context, Diagnostic, FixAvailability, Rule, declare_rule};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Operator, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `logging.getLogger(x)` (any import form) or
    /// `<logger>.getChild(x)` inside a function, where `x` is not constant:
    /// an f-string with placeholders, a name built with `%`, `+` or
    /// `.format(...)`, `str(...)`, or a parameter of the function.
    ///
    /// ## Why is this bad?
    /// The logging manager keeps every logger it ever created in a dict, for
    /// the life of the process: loggers are never freed. A logger per
    /// request, connection, user or id is a leak that grows with traffic,
    /// reported in picows (picows#72), DIRAC (DIRAC#5280) and wazuh
    /// (wazuh#4463); the same bug in Java burned a 6 GB heap in days.
    ///
    /// ## Example
    /// ```python
    /// import logging
    ///
    ///
    /// def handle(connection_id):
    ///     log = logging.getLogger(f"conn.{connection_id}")
    ///     log.info("opened")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import logging
    ///
    /// logger = logging.getLogger(__name__)
    ///
    ///
    /// def handle(connection_id):
    ///     logger.info("opened", extra={"connection_id": connection_id})
    /// ```
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM207`), as the issue
    /// that asked for it allows: each of its 3 findings on code it was not
    /// written for was a false alarm, a logger name taken as a parameter
    /// whose callers all pass module names or constants (a `getLogger`
    /// wrapper that returns an adapter, a test helper that takes a logger's
    /// name). Telling those from a name per request needs the call sites.
    ///
    /// Names built only from `__name__`, `__module__`, `__qualname__`,
    /// `type(self).__name__`, `self.__class__.__name__`, `cls.__name__`,
    /// string literals and module-level constants are a bounded set and not
    /// flagged. A function that returns the logger it gets (a `get_logger`
    /// wrapper) is not flagged either: its callers decide the name, usually
    /// `__name__`; nor one that stores the logger for a parameter's name on
    /// an attribute (`self.logger = logging.getLogger(name)`: an object
    /// configured by its creator). A name built from a parameter there
    /// (`f"conn.{conn_id}"`) is still flagged. Test code is not checked.
    pub DynamicLoggerName {
        code: "MEM207",
        name: "dynamic-logger-name",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for DynamicLoggerName {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        let is_get_logger = cx.resolves_to(&call.func, &["logging.getLogger"]).is_some();
        let is_get_child =
            matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "getChild");
        if !is_get_logger && !is_get_child {
            return;
        }
        let Some(def) = cx.statements().iter().rev().find_map(|s| match s {
            Stmt::FunctionDef(def) => Some(def),
            _ => None,
        }) else {
            return;
        };
        let name = match (&*call.arguments.args, call.arguments.find_keyword("name")) {
            ([name], None) => name,
            ([], Some(keyword)) => &keyword.value,
            _ => return,
        };
        if !varies(cx, def, name) || returns_logger(cx, def, call) {
            return;
        }
        // `self.logger = getLogger(name)`: an object configured with the
        // logger its creator names, as a wrapper is.
        if matches!(name, Expr::Name(_))
            && matches!(cx.statements().last(), Some(Stmt::Assign(assign))
                if matches!(&*assign.targets, [Expr::Attribute(_)]) && assign.value.range() == call.range())
        {
            return;
        }
        let message = format!(
            "`{}` makes a logger named by `{}`, which varies: the logging manager keeps every logger for the life of the process",
            cx.slice(&*call.func),
            cx.slice(name)
        );
        let help = "use one logger per module; put the varying part in the message, `extra=`, or a `logging.LoggerAdapter`";
        cx.report(Diagnostic::new(&DynamicLoggerName::META, message, call.range()).with_help(help));
    }
}

/// Whether a logger name varies from call to call: built from anything but
/// constants, or a parameter of the function.
fn varies(cx: &Context<'_>, def: &ast::StmtFunctionDef, name: &Expr) -> bool {
    match name {
        Expr::Name(n) => def
            .parameters
            .iter()
            .any(|p| p.name().as_str() == n.id.as_str()),
        Expr::FString(fstring) => {
            let mut parts = Vec::new();
            for element in fstring.value.elements() {
                if let ast::InterpolatedStringElement::Interpolation(interpolation) = element {
                    parts.push(&*interpolation.expression);
                }
            }
            parts.iter().any(|p| !is_fixed(cx, p))
        }
        Expr::BinOp(binop) if matches!(binop.op, Operator::Mod | Operator::Add) => {
            !is_fixed(cx, &binop.left) || !is_fixed(cx, &binop.right)
        }
        Expr::Call(call) => {
            let format = matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "format");
            let str_call = cx.resolves_to(&call.func, &["builtins.str"]).is_some();
            (format || str_call)
                && (call.arguments.args.iter().any(|a| !is_fixed(cx, a))
                    || call
                        .arguments
                        .keywords
                        .iter()
                        .any(|k| !is_fixed(cx, &k.value)))
        }
        _ => false,
    }
}

/// A piece of a name that is the same on every call: a literal, a
/// `__name__`/`__module__`/`__qualname__` (of anything: a class or function
/// name is one of a bounded set), or a name not bound in the function.
fn is_fixed(cx: &Context<'_>, expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_) | Expr::NumberLiteral(_) => true,
        Expr::Name(n) => {
            matches!(n.id.as_str(), "__name__" | "__module__" | "__qualname__")
                || cx
                    .index()
                    .scope(cx.scope())
                    .bindings_of(n.id.as_str())
                    .is_empty()
        }
        Expr::Attribute(a) => matches!(a.attr.as_str(), "__name__" | "__module__" | "__qualname__"),
        Expr::BinOp(binop) => is_fixed(cx, &binop.left) && is_fixed(cx, &binop.right),
        Expr::Tuple(tuple) => tuple.elts.iter().all(|e| is_fixed(cx, e)),
        Expr::FString(fstring) => fstring.value.elements().all(|element| match element {
            ast::InterpolatedStringElement::Interpolation(i) => is_fixed(cx, &i.expression),
            ast::InterpolatedStringElement::Literal(_) => true,
        }),
        _ => false,
    }
}

/// Whether the function hands the logger back (`return getLogger(...)`, or
/// returns the name it was bound to): a wrapper whose callers pick the name.
fn returns_logger(cx: &Context<'_>, def: &ast::StmtFunctionDef, call: &ast::ExprCall) -> bool {
    let bound: Option<&str> = cx.statements().last().and_then(|s| match s {
        Stmt::Assign(assign) => match (&*assign.targets, &*assign.value) {
            ([Expr::Name(n)], Expr::Call(c)) if c.range() == call.range() => Some(n.id.as_str()),
            _ => None,
        },
        _ => None,
    });
    let mut found = false;
    for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::Return(ret) = stmt
            && let Some(value) = &ret.value
        {
            found |= value.range().contains_range(call.range())
                || matches!(&**value, Expr::Name(n) if Some(n.id.as_str()) == bound);
        }
    });
    found
}
