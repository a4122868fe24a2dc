//! What CPython's compiler refuses in source its parser accepts, for the fix
//! safety net: a fix whose result parses can still be a `SyntaxError` when
//! the module is compiled (`f(slots=True, slots=True)` parses;
//! `compile()` says "keyword argument repeated"). `ruff_python_parser`
//! reports none of these, so the checks a fix could plausibly break are
//! made here, with CPython's messages:
//!
//! - a keyword argument repeated in a call or a class's arguments;
//! - a parameter name repeated in a `def` or a `lambda`;
//! - `return`, `yield` or `await` outside a function (a class body is not
//!   one);
//! - `break` or `continue` outside a loop (its `else` is outside);
//! - `nonlocal` at module level;
//! - `from __future__ import` after anything but the docstring and other
//!   future imports.
//!
//! And one that CPython accepts but a fix must never create: a class body
//! that assigns `__slots__` twice (the second silently replaces the first).
//!
//! The caller compares the errors of the fixed text with those of the
//! original, so a check that is stricter than CPython somewhere can only
//! reject a fix that adds such a construct, never a file that had it.

use std::collections::HashSet;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Parameters, Stmt};
use ruff_text_size::{Ranged, TextSize};

/// One compile-time error: CPython's message and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompileError {
    /// CPython's message, without the position.
    pub message: String,
    /// The offset of the construct.
    pub offset: TextSize,
}

/// The compile-time errors of a module that parsed, in source order.
pub(crate) fn errors(module: &[Stmt]) -> Vec<CompileError> {
    let mut check = Check {
        errors: Vec::new(),
        in_function: false,
        in_loop: false,
        at_module: true,
        allowed_futures: allowed_futures(module),
    };
    check.visit_body(module);
    check.errors.sort_by_key(|e| e.offset);
    check.errors
}

/// The future imports at the top of the module, where they are allowed.
fn allowed_futures(module: &[Stmt]) -> HashSet<TextSize> {
    let mut allowed = HashSet::new();
    for (i, stmt) in module.iter().enumerate() {
        match stmt {
            Stmt::Expr(ast::StmtExpr { value, .. })
                if i == 0 && matches!(**value, Expr::StringLiteral(_)) => {}
            Stmt::ImportFrom(import) if is_future(import) => {
                allowed.insert(import.start());
            }
            _ => break,
        }
    }
    allowed
}

fn is_future(import: &ast::StmtImportFrom) -> bool {
    import.level == 0
        && import
            .module
            .as_ref()
            .is_some_and(|m| m.as_str() == "__future__")
}

struct Check {
    errors: Vec<CompileError>,
    in_function: bool,
    in_loop: bool,
    at_module: bool,
    allowed_futures: HashSet<TextSize>,
}

impl Check {
    fn error(&mut self, message: String, node: &impl Ranged) {
        self.errors.push(CompileError {
            message,
            offset: node.start(),
        });
    }

    fn check_parameters(&mut self, parameters: &Parameters) {
        let mut seen = HashSet::new();
        for parameter in parameters {
            let name = parameter.name().as_str();
            if !seen.insert(name) {
                self.error(
                    format!("duplicate argument '{name}' in function definition"),
                    parameter.name(),
                );
            }
        }
    }

    /// Visits a loop's body inside the loop and its `else` outside.
    fn visit_loop(&mut self, body: &[Stmt], orelse: &[Stmt]) {
        let in_loop = self.in_loop;
        self.in_loop = true;
        self.visit_body(body);
        self.in_loop = in_loop;
        self.visit_body(orelse);
    }

    /// Visits a nested body in the given context, restoring the current one.
    fn visit_nested(&mut self, body: &[Stmt], in_function: bool, in_loop: bool) {
        let saved = (self.in_function, self.in_loop, self.at_module);
        (self.in_function, self.in_loop, self.at_module) = (in_function, in_loop, false);
        self.visit_body(body);
        (self.in_function, self.in_loop, self.at_module) = saved;
    }
}

impl<'a> Visitor<'a> for Check {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.check_parameters(&def.parameters);
                for decorator in &def.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &def.type_params {
                    self.visit_type_params(type_params);
                }
                self.visit_parameters(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_annotation(returns);
                }
                self.visit_nested(&def.body, true, false);
            }
            Stmt::ClassDef(class) => {
                let slots = class
                    .body
                    .iter()
                    .filter(|s| assigns_slots(s))
                    .collect::<Vec<_>>();
                if let Some(second) = slots.get(1) {
                    self.error(
                        format!("class '{}' assigns __slots__ more than once", class.name),
                        *second,
                    );
                }
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &class.type_params {
                    self.visit_type_params(type_params);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.visit_nested(&class.body, false, false);
            }
            Stmt::For(ast::StmtFor {
                target,
                iter,
                body,
                orelse,
                ..
            }) => {
                self.visit_expr(iter);
                self.visit_expr(target);
                self.visit_loop(body, orelse);
            }
            Stmt::While(ast::StmtWhile {
                test, body, orelse, ..
            }) => {
                self.visit_expr(test);
                self.visit_loop(body, orelse);
            }
            Stmt::Return(_) if !self.in_function => {
                self.error("'return' outside function".to_owned(), stmt);
                visitor::walk_stmt(self, stmt);
            }
            Stmt::Break(_) if !self.in_loop => {
                self.error("'break' outside loop".to_owned(), stmt);
            }
            Stmt::Continue(_) if !self.in_loop => {
                self.error("'continue' not properly in loop".to_owned(), stmt);
            }
            Stmt::Nonlocal(_) if self.at_module => {
                self.error(
                    "nonlocal declaration not allowed at module level".to_owned(),
                    stmt,
                );
            }
            Stmt::ImportFrom(import)
                if is_future(import) && !self.allowed_futures.contains(&import.start()) =>
            {
                self.error(
                    "from __future__ imports must occur at the beginning of the file".to_owned(),
                    stmt,
                );
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.check_parameters(parameters);
                    self.visit_parameters(parameters);
                }
                let saved = (self.in_function, self.in_loop, self.at_module);
                (self.in_function, self.in_loop, self.at_module) = (true, false, false);
                self.visit_expr(&lambda.body);
                (self.in_function, self.in_loop, self.at_module) = saved;
                return;
            }
            Expr::Yield(_) | Expr::YieldFrom(_) if !self.in_function => {
                self.error("'yield' outside function".to_owned(), expr);
            }
            Expr::Await(_) if !self.in_function => {
                self.error("'await' outside function".to_owned(), expr);
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_arguments(&mut self, arguments: &'a ast::Arguments) {
        let mut seen = HashSet::new();
        for keyword in &arguments.keywords {
            if let Some(name) = &keyword.arg
                && !seen.insert(name.as_str())
            {
                self.error(format!("keyword argument repeated: {name}"), keyword);
            }
        }
        visitor::walk_arguments(self, arguments);
    }
}

/// Whether a class-body statement binds `__slots__` (`=`, `: ... =`).
fn assigns_slots(stmt: &Stmt) -> bool {
    let is_slots =
        |target: &Expr| matches!(target, Expr::Name(name) if name.id.as_str() == "__slots__");
    match stmt {
        Stmt::Assign(assign) => assign.targets.iter().any(is_slots),
        Stmt::AnnAssign(assign) => assign.value.is_some() && is_slots(&assign.target),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::PySourceType;
    use ruff_python_parser::parse_unchecked_source;

    use super::*;

    fn messages(source: &str) -> Vec<String> {
        let parsed = parse_unchecked_source(source, PySourceType::Python);
        assert!(parsed.errors().is_empty(), "{source:?} parses");
        errors(&parsed.syntax().body)
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    /// Each case is what Python 3.11's `ast.parse` accepts and `compile`
    /// refuses, with `compile`'s message.
    #[test]
    fn what_cpython_refuses_at_compile_time() {
        let cases = [
            ("f(a=1, a=2)\n", "keyword argument repeated: a"),
            (
                "@dataclass(frozen=True, slots=True, slots=True)\nclass C:\n    pass\n",
                "keyword argument repeated: slots",
            ),
            (
                "class C(metaclass=A, metaclass=B): pass\n",
                "keyword argument repeated: metaclass",
            ),
            (
                "def f(a, a): pass\n",
                "duplicate argument 'a' in function definition",
            ),
            (
                "def f(a, *, b, **b): pass\n",
                "duplicate argument 'b' in function definition",
            ),
            (
                "lambda a, a: 0\n",
                "duplicate argument 'a' in function definition",
            ),
            ("return 1\n", "'return' outside function"),
            (
                "def f():\n    class C:\n        return 1\n",
                "'return' outside function",
            ),
            ("yield 1\n", "'yield' outside function"),
            ("class C:\n    x = yield\n", "'yield' outside function"),
            ("await x\n", "'await' outside function"),
            ("break\n", "'break' outside loop"),
            (
                "for x in y:\n    pass\nelse:\n    break\n",
                "'break' outside loop",
            ),
            (
                "while x:\n    def f():\n        continue\n",
                "'continue' not properly in loop",
            ),
            (
                "nonlocal x\n",
                "nonlocal declaration not allowed at module level",
            ),
            (
                "import os\nfrom __future__ import annotations\n",
                "from __future__ imports must occur at the beginning of the file",
            ),
            (
                "class C:\n    __slots__ = ('x',)\n    __slots__ = ('x',)\n",
                "class 'C' assigns __slots__ more than once",
            ),
        ];
        for (source, message) in cases {
            assert_eq!(messages(source), [message], "{source:?}");
        }
    }

    #[test]
    fn what_cpython_accepts() {
        let sources = [
            "f(a=1, **kw, b=2)\nf(**a, **a)\n",
            "def f(a, b=1, *c, d, **e):\n    return lambda x, y: (yield x)\n",
            "async def f():\n    await x\n    return [await y for y in z]\n",
            "for x in y:\n    if x:\n        break\n    while x:\n        continue\nelse:\n    pass\n",
            "def f():\n    x = 1\n    def g():\n        nonlocal x\n",
            "'''doc'''\nfrom __future__ import annotations\nfrom __future__ import division\nimport os\n",
            "class C:\n    if x:\n        __slots__ = ()\n    else:\n        __slots__ = ('a',)\n",
            "class C:\n    __slots__ = ('x',)\n\n    class D:\n        __slots__ = ('x',)\n",
        ];
        for source in sources {
            assert_eq!(messages(source), Vec::<String>::new(), "{source:?}");
        }
    }
}
