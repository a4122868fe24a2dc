//! The one traversal order of memwise: the index builder and the rule runner
//! both walk through it, so they enter scopes in the same order and a scope's
//! id is simply the number of scopes entered before it.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, ExceptHandler, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::semantic::ScopeKind;

/// Nesting beyond this many statements and expressions is reported instead of
/// walked. CPython itself refuses far shallower code ("too many nested
/// parentheses", or a `RecursionError` while compiling), so no real program
/// is lost, and our own recursion stays bounded on a large-stack thread.
pub const MAX_DEPTH: u32 = 3_000;

/// What a pass does at each point of the walk.
pub trait Hooks<'a> {
    /// A statement, before its children.
    fn stmt(&mut self, stmt: &'a Stmt);
    /// A statement, after its children.
    fn stmt_exit(&mut self, _stmt: &'a Stmt) {}
    /// An expression, before its children.
    fn expr(&mut self, expr: &'a Expr);
    /// An `except` clause, before its body.
    fn except_handler(&mut self, _handler: &'a ast::ExceptHandlerExceptHandler) {}
    /// A `match` pattern.
    fn pattern(&mut self, _pattern: &'a Pattern) {}
    /// A new scope begins; `node` is the function, class, lambda or comprehension.
    fn push_scope(&mut self, kind: ScopeKind, node: AnyNodeRef<'a>);
    /// The innermost scope ends.
    fn pop_scope(&mut self);
    /// The walk stopped descending at `range`: nesting exceeds [`MAX_DEPTH`].
    fn too_deep(&mut self, range: TextRange);
}

/// Walks `body` (a module's statements) with `hooks`.
pub fn walk_module<'a, H: Hooks<'a>>(hooks: &mut H, body: &'a [Stmt]) {
    let mut traversal = Traversal { hooks, depth: 0 };
    traversal.visit_body(body);
}

struct Traversal<'h, H> {
    hooks: &'h mut H,
    /// How many nodes are open, or from [`STOPPED`] on once the walk has
    /// stopped: one comparison per node tells both.
    depth: u32,
}

/// The depth a stopped walk is set to: it stays past [`MAX_DEPTH`] while
/// the nodes still open (at most `MAX_DEPTH` of them) close.
const STOPPED: u32 = u32::MAX / 2;

impl<'a, H: Hooks<'a>> Traversal<'_, H> {
    /// Returns false once the walk is too deep; the caller then skips the node.
    /// `node`'s range is read only when it is too deep: finding a node's
    /// range is a branch on its kind, once per node otherwise.
    /// A stopped walk skips every node after (a flag of its own cost a
    /// load and a branch for each of the 2.6 million nodes the two walks
    /// visit on a tenth of the benchmark corpus).
    fn descend(&mut self, node: &impl Ranged) -> bool {
        if self.depth >= MAX_DEPTH {
            // The depth grows by one, so it is `MAX_DEPTH` exactly the first
            // time, and past it once stopped.
            if self.depth == MAX_DEPTH {
                self.depth = STOPPED;
                self.hooks.too_deep(node.range());
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn visit_parameters_outside(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters {
            if let Some(annotation) = parameter.annotation() {
                self.visit_annotation(annotation);
            }
            if let Some(default) = parameter.default() {
                self.visit_expr(default);
            }
        }
    }

    fn visit_comprehension_scope(
        &mut self,
        node: AnyNodeRef<'a>,
        generators: &'a [ast::Comprehension],
        elements: &[&'a Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope; everything
        // else runs in the comprehension's own scope.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.hooks.push_scope(ScopeKind::Comprehension, node);
        for (i, generator) in generators.iter().enumerate() {
            self.visit_expr(&generator.target);
            if i > 0 {
                self.visit_expr(&generator.iter);
            }
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.hooks.pop_scope();
    }
}

impl<'a, H: Hooks<'a>> Visitor<'a> for Traversal<'_, H> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.descend(stmt) {
            return;
        }
        self.hooks.stmt(stmt);
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &def.type_params {
                    self.visit_type_params(type_params);
                }
                self.visit_parameters_outside(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_annotation(returns);
                }
                self.hooks.push_scope(ScopeKind::Function, stmt.into());
                self.visit_body(&def.body);
                self.hooks.pop_scope();
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &class.type_params {
                    self.visit_type_params(type_params);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.hooks.push_scope(ScopeKind::Class, stmt.into());
                self.visit_body(&class.body);
                self.hooks.pop_scope();
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.hooks.stmt_exit(stmt);
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if !self.descend(expr) {
            return;
        }
        self.hooks.expr(expr);
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters_outside(parameters);
                }
                self.hooks.push_scope(ScopeKind::Lambda, expr.into());
                self.visit_expr(&lambda.body);
                self.hooks.pop_scope();
            }
            Expr::ListComp(comp) => {
                self.visit_comprehension_scope(expr.into(), &comp.generators, &[&comp.elt]);
            }
            Expr::SetComp(comp) => {
                self.visit_comprehension_scope(expr.into(), &comp.generators, &[&comp.elt]);
            }
            Expr::Generator(comp) => {
                self.visit_comprehension_scope(expr.into(), &comp.generators, &[&comp.elt]);
            }
            Expr::DictComp(comp) => {
                let mut elements: Vec<&Expr> = Vec::with_capacity(2);
                elements.extend(comp.key.as_deref());
                elements.push(&comp.value);
                self.visit_comprehension_scope(expr.into(), &comp.generators, &elements);
            }
            _ => visitor::walk_expr(self, expr),
        }
        self.depth -= 1;
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(inner) = handler;
        self.hooks.except_handler(inner);
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if !self.descend(pattern) {
            return;
        }
        self.hooks.pattern(pattern);
        visitor::walk_pattern(self, pattern);
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts what the walk shows and where it stopped.
    #[derive(Default)]
    struct Counts {
        statements: usize,
        too_deep: Vec<TextRange>,
    }

    impl Hooks<'_> for Counts {
        fn stmt(&mut self, _stmt: &Stmt) {
            self.statements += 1;
        }
        fn expr(&mut self, _expr: &Expr) {}
        fn push_scope(&mut self, _kind: ScopeKind, _node: AnyNodeRef<'_>) {}
        fn pop_scope(&mut self) {}
        fn too_deep(&mut self, range: TextRange) {
            self.too_deep.push(range);
        }
    }

    #[test]
    fn a_walk_too_deep_stops_once_and_skips_the_rest() {
        // `x = 1 + 1 + ...` nests one expression per `+`, with no bracket
        // for the pre-scan to count.
        let depth = MAX_DEPTH as usize + 10;
        let source = format!("a = 1\nx = {}1\nb = 2\n", "1 + ".repeat(depth));
        // The walk recurses once per level: a large stack, as the checker's.
        let counts = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let parsed = ruff_python_parser::parse_module(&source).expect("valid source");
                let mut counts = Counts::default();
                walk_module(&mut counts, &parsed.syntax().body);
                counts
            })
            .expect("thread")
            .join()
            .expect("walk");
        assert_eq!(counts.too_deep.len(), 1);
        // `a = 1` and `x = ...`; `b = 2`, after the stop, is not walked.
        assert_eq!(counts.statements, 2);
    }
}
