//! Searches of a syntax tree for an expression that passes a test: the one
//! walk behind the many "does this mention ..." questions rules ask.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};

/// Whether `expr`, or any expression inside it (lambdas and comprehensions
/// included), passes `test`. The walk stops at the first that does.
pub fn expr_contains<'a>(expr: &'a Expr, test: impl FnMut(&'a Expr) -> bool) -> bool {
    let mut finder = Finder::new(test, true);
    finder.visit_expr(expr);
    finder.found
}

/// Whether any expression in `body`, at any depth (the bodies of the
/// functions and classes it defines included), passes `test`.
pub fn body_contains<'a>(body: &'a [Stmt], test: impl FnMut(&'a Expr) -> bool) -> bool {
    let mut finder = Finder::new(test, true);
    finder.visit_body(body);
    finder.found
}

/// Whether an expression of `body` (or one inside it) passes `test`,
/// outside the functions and classes it defines: those are another
/// scope's code.
pub fn body_contains_outside_definitions<'a>(
    body: &'a [Stmt],
    test: impl FnMut(&'a Expr) -> bool,
) -> bool {
    let mut finder = Finder::new(test, false);
    finder.visit_body(body);
    finder.found
}

/// Whether a statement of `body`, at any depth outside the functions and
/// classes it defines, passes `test`. The walk stops at the first that
/// does.
pub fn body_contains_stmt<'a>(body: &'a [Stmt], test: impl FnMut(&'a Stmt) -> bool) -> bool {
    struct StmtFinder<F> {
        test: F,
        found: bool,
    }
    impl<'a, F: FnMut(&'a Stmt) -> bool> Visitor<'a> for StmtFinder<F> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.found {
                return;
            }
            if (self.test)(stmt) {
                self.found = true;
                return;
            }
            if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
                visitor::walk_stmt(self, stmt);
            }
        }

        fn visit_expr(&mut self, _expr: &'a Expr) {}
    }
    let mut finder = StmtFinder { test, found: false };
    finder.visit_body(body);
    finder.found
}

/// Calls `f` on every statement of `body` at any depth, the bodies of the
/// functions and classes it defines included (every `try`, every `class`
/// of a module).
pub fn for_each_stmt<'a>(body: &'a [Stmt], f: impl FnMut(&'a Stmt)) {
    struct Each<F>(F);
    impl<'a, F: FnMut(&'a Stmt)> Visitor<'a> for Each<F> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            (self.0)(stmt);
            visitor::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, _expr: &'a Expr) {}
    }
    Each(f).visit_body(body);
}

struct Finder<F> {
    test: F,
    /// Whether the bodies of nested functions and classes are searched.
    definitions: bool,
    found: bool,
}

impl<F> Finder<F> {
    fn new(test: F, definitions: bool) -> Self {
        Self {
            test,
            definitions,
            found: false,
        }
    }
}

impl<'a, F: FnMut(&'a Expr) -> bool> Visitor<'a> for Finder<F> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.found
            && (self.definitions || !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found {
            return;
        }
        if (self.test)(expr) {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn module(source: &str) -> ruff_python_ast::ModModule {
        parse_module(source).expect("parses").into_syntax()
    }

    #[test]
    fn finds_a_name_at_any_depth_and_stops_there() {
        let m = module(
            "x = f(lambda: [a for a in loss])\nclass C:\n    def m(self):\n        return deep\n",
        );
        let is_name = |name: &'static str| move |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == name);
        assert!(body_contains(&m.body, is_name("loss")));
        assert!(body_contains(&m.body, is_name("deep")));
        assert!(!body_contains(&m.body, is_name("absent")));
        assert!(!body_contains_outside_definitions(&m.body, is_name("deep")));
        assert!(body_contains_outside_definitions(&m.body, is_name("loss")));
        let Stmt::Assign(assign) = &m.body[0] else {
            panic!("an assignment");
        };
        assert!(expr_contains(&assign.value, is_name("a")));
        let mut seen = 0;
        assert!(expr_contains(&assign.value, |_| {
            seen += 1;
            true
        }));
        assert_eq!(seen, 1, "the walk stops at the first match");
    }
}
