//! Python knowledge: which calls are known to be free of effects, and
//! whether an expression or a stretch of statements does anything that a
//! lazy evaluation would move (a call with effects, a store through an
//! attribute or subscript, an `await`, a `yield`, a walrus). Rules that
//! suggest making something lazy (MEM304, MEM305, MEM306) ask this module,
//! so "free of effects" means the same everywhere. (The rest of memwise's
//! Python knowledge is in `python.rs`; this module may be folded into it.)

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::is_async;
use crate::semantic::{ScopeId, SemanticIndex};

/// Functions that only compute a value from their arguments: they change no
/// state a later statement could see, raise no `StopIteration`, and block on
/// nothing. Conversions and predicates call the argument's dunder methods
/// (`__str__`, `__len__`, `__eq__`), which by convention have no effects.
/// `getattr`, `next`, `iter`, `print`, `open` and `input` are not here:
/// they run arbitrary code, consume an iterator, or do I/O.
pub const PURE_CALLS: &[&str] = &[
    "builtins.abs",
    "builtins.all",
    "builtins.any",
    "builtins.ascii",
    "builtins.bin",
    "builtins.bool",
    "builtins.bytes",
    "builtins.callable",
    "builtins.chr",
    "builtins.complex",
    "builtins.dict",
    "builtins.divmod",
    "builtins.enumerate",
    "builtins.float",
    "builtins.format",
    "builtins.frozenset",
    "builtins.hasattr",
    "builtins.hash",
    "builtins.hex",
    "builtins.id",
    "builtins.int",
    "builtins.isinstance",
    "builtins.issubclass",
    "builtins.len",
    "builtins.list",
    "builtins.max",
    "builtins.min",
    "builtins.oct",
    "builtins.ord",
    "builtins.pow",
    "builtins.range",
    "builtins.repr",
    "builtins.reversed",
    "builtins.round",
    "builtins.set",
    "builtins.slice",
    "builtins.sorted",
    "builtins.str",
    "builtins.sum",
    "builtins.tuple",
    "builtins.type",
    "builtins.zip",
    "math.ceil",
    "math.floor",
    "math.sqrt",
    "math.log",
    "math.exp",
    "math.isnan",
    "math.isinf",
    "operator.attrgetter",
    "operator.itemgetter",
    "os.fspath",
    "os.path.basename",
    "os.path.dirname",
    "os.path.join",
    "os.path.normpath",
    "os.path.splitext",
    "os.path.split",
    "re.escape",
];

/// Method names that compute a new value from a string, bytes, a
/// sequence, a mapping's views or an array (`tolist`) and change nothing,
/// whatever the receiver; with [`SPLITTING_METHODS`], the methods that
/// compute a new value ([`computes_new_value`]), and with
/// [`SCALAR_RESULT_METHODS`] too, the methods known to be free of effects
/// ([`is_pure_method`]). Names that other common types use for effects
/// are left out: `get` (a queue's `get` consumes), `pop`, `update`,
/// `read`, `copy` (may be deep and slow, or a file copy).
pub const PURE_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "decode",
    "encode",
    "format",
    "items",
    "join",
    "keys",
    "lower",
    "replace",
    "title",
    "tolist",
    "upper",
    "values",
    "zfill",
];

/// Methods of a string or bytes whose result is made of parts of the
/// receiver (`rpartition`'s three, `split`'s pieces, `strip`'s middle):
/// nothing in it is longer than the receiver. They change nothing either.
pub const SPLITTING_METHODS: &[&str] = &[
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "strip",
];

/// Whether a method of that name computes a new value from its receiver
/// and changes nothing: one of [`PURE_METHODS`] or [`SPLITTING_METHODS`].
pub fn computes_new_value(name: &str) -> bool {
    PURE_METHODS.contains(&name) || SPLITTING_METHODS.contains(&name)
}

/// Methods free of effects whose result on a string, a sequence or an
/// array is a number or a bool (or an array's scalar, `item`), never
/// something to iterate: a call of one that is iterated is another type's
/// method of the same name (pymongo's `collection.find()`, a live cursor
/// over the collection), not the string's.
pub const SCALAR_RESULT_METHODS: &[&str] = &[
    "endswith",
    "find",
    "index",
    "isalnum",
    "isalpha",
    "isdigit",
    "isidentifier",
    "islower",
    "isspace",
    "isupper",
    "item",
    "rfind",
    "startswith",
];

/// Whether a method of that name is known to change nothing, whatever the
/// receiver: one that [`computes_new_value`] or one of
/// [`SCALAR_RESULT_METHODS`].
pub fn is_pure_method(name: &str) -> bool {
    computes_new_value(name) || SCALAR_RESULT_METHODS.contains(&name)
}

/// Functions that write their arguments out (to a stream, to the logging
/// system) and change nothing else: not free of effects, since the output
/// is one, but they take no object out of a container and rebind nothing a
/// later statement reads.
pub const OUTPUT_CALLS: &[&str] = &[
    "builtins.print",
    "logging.debug",
    "logging.info",
    "logging.warning",
    "logging.error",
    "logging.exception",
    "logging.critical",
    "logging.log",
];

/// Whether the call's callee is known to be free of effects, seen from `scope`.
pub fn is_pure_call(index: &SemanticIndex, scope: ScopeId, call: &ast::ExprCall) -> bool {
    is_pure_function(index, scope, &call.func)
}

/// Whether `function` (a callee, or a function passed to `map`/`filter`)
/// is known to be free of effects: one of [`PURE_CALLS`], or a method
/// [`is_pure_method`] names, looked up on a value or on a builtin type
/// (`str.upper`).
pub fn is_pure_function(index: &SemanticIndex, scope: ScopeId, function: &Expr) -> bool {
    if let Expr::Attribute(attribute) = function
        && is_pure_method(attribute.attr.as_str())
        // A function of an imported module (`shutil.split`) is not a method.
        && index
            .qualified_name(scope, function)
            .is_none_or(|q| q.as_str().starts_with("builtins."))
    {
        return true;
    }
    index.resolves_to(scope, function, PURE_CALLS).is_some()
}

/// Whether evaluating `expr` does nothing but compute: every call is
/// known to be free of effects, and there is no `await`, `yield` or walrus.
/// A lambda's body does not run where it is written and is not looked at.
pub fn is_effect_free(index: &SemanticIndex, scope: ScopeId, expr: &Expr) -> bool {
    let mut finder = EffectFinder {
        index,
        scope,
        found: false,
        allowed: None,
    };
    finder.visit_expr(expr);
    !finder.found
}

/// Whether running the statements of `body` (a function's, not looking
/// into nested functions or classes) does nothing but compute local values,
/// apart from the calls `allowed` accepts (MEM306: appending to the list the
/// function returns).
pub fn body_is_effect_free(
    index: &SemanticIndex,
    scope: ScopeId,
    body: &[Stmt],
    allowed: &dyn Fn(&ast::ExprCall) -> bool,
) -> bool {
    let mut finder = EffectFinder {
        index,
        scope,
        found: false,
        allowed: Some(allowed),
    };
    finder.visit_body(body);
    !finder.found
}

/// Whether what a generator expression would run lazily (its elements,
/// conditions, targets and every iterable but the first, which is evaluated
/// at once either way) is free of effects.
pub fn lazy_part_is_effect_free(
    index: &SemanticIndex,
    scope: ScopeId,
    elements: &[&Expr],
    generators: &[ast::Comprehension],
) -> bool {
    let pure = |e: &Expr| is_effect_free(index, scope, e);
    elements.iter().all(|e| pure(e))
        && generators
            .iter()
            .enumerate()
            .all(|(i, g)| (i == 0 || pure(&g.iter)) && pure(&g.target) && g.ifs.iter().all(pure))
}

/// What a generator expression evaluates for each item: its elements,
/// conditions and every iterable but the first (evaluated at once either
/// way). Its targets are not among them.
pub fn lazy_parts<'s, 'e: 's>(
    elements: &'s [&'e Expr],
    generators: &'e [ast::Comprehension],
) -> impl Iterator<Item = &'e Expr> + 's {
    elements.iter().copied().chain(
        generators
            .iter()
            .enumerate()
            .flat_map(|(i, g)| (i > 0).then_some(&g.iter).into_iter().chain(&g.ifs)),
    )
}

/// Whether what a generator expression would run lazily (see
/// [`lazy_part_is_effect_free`]) calls the builtin `next`.
pub fn lazy_part_calls_next(
    index: &SemanticIndex,
    scope: ScopeId,
    elements: &[&Expr],
    generators: &[ast::Comprehension],
) -> bool {
    lazy_parts(elements, generators).any(|e| calls_next(index, scope, e))
}

/// Whether what a generator expression would run lazily (see
/// [`lazy_part_is_effect_free`]) checks each item in a way that raises:
/// it looks something up by a key that changes with the iteration
/// (`header[f"CTYPE{i}"]`, `variables[k]` for each `k`), or converts what
/// the iteration gives to a number (`int(part)` for each part of an
/// address). A list does that for every item before anything reads it, and
/// a missing key or a part that is not a number raises, while a generator
/// read by `any`, `all` or a loop that stops early never looks at the rest.
/// A key that does not change (`row["id"]`, `args[0]`) or a slice is not
/// counted: it fails on the first item if at all, or never.
pub fn lazy_part_checks_items(elements: &[&Expr], generators: &[ast::Comprehension]) -> bool {
    struct Subscripts<'t> {
        targets: Vec<&'t str>,
        found: bool,
    }
    impl Subscripts<'_> {
        fn reads_target(&self, expr: &Expr) -> bool {
            struct Reads<'r, 't>(&'r [&'t str], bool);
            impl<'e> Visitor<'e> for Reads<'_, '_> {
                fn visit_expr(&mut self, expr: &'e Expr) {
                    if let Expr::Name(n) = expr
                        && self.0.contains(&n.id.as_str())
                    {
                        self.1 = true;
                    }
                    visitor::walk_expr(self, expr);
                }
            }
            let mut reads = Reads(&self.targets, false);
            reads.visit_expr(expr);
            reads.1
        }
    }
    impl<'e> Visitor<'e> for Subscripts<'_> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            match expr {
                Expr::Subscript(subscript)
                    if !subscript.slice.is_slice_expr() && self.reads_target(&subscript.slice) =>
                {
                    self.found = true;
                }
                Expr::Call(call)
                    if matches!(&*call.func, Expr::Name(f)
                        if matches!(f.id.as_str(), "int" | "float" | "complex"))
                        && call.arguments.args.iter().any(|a| self.reads_target(a)) =>
                {
                    self.found = true;
                }
                // A lambda's body runs when it is called, not here.
                Expr::Lambda(_) => {}
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut targets = Vec::new();
    for generator in generators {
        crate::python::for_each_target(&generator.target, &mut |target| {
            if let Expr::Name(n) = target {
                targets.push(n.id.as_str());
            }
        });
    }
    let mut finder = Subscripts {
        targets,
        found: false,
    };
    for part in lazy_parts(elements, generators) {
        finder.visit_expr(part);
    }
    finder.found
}

/// Whether what a generator expression would run lazily (see
/// [`lazy_part_is_effect_free`]) awaits or iterates asynchronously: then it
/// would be an async generator, which `sum`, `for` and the like cannot
/// read. An `await` in the first iterable runs at once and does not count.
pub fn lazy_part_is_async(elements: &[&Expr], generators: &[ast::Comprehension]) -> bool {
    elements.iter().any(|e| is_async(e))
        || generators
            .iter()
            .enumerate()
            .any(|(i, g)| g.is_async || (i > 0 && is_async(&g.iter)) || g.ifs.iter().any(is_async))
}

/// Whether the statements of `body` (not looking into nested functions or
/// classes) that lie wholly inside `window` do anything a lazily evaluated
/// expression written before them could observe: a call not known to be
/// free of effects, a store or `del` through an attribute or subscript, an
/// `await` or `yield`, a `global`/`nonlocal` rebinding. Expressions of
/// statements that only partly overlap the window (the `if` around it) are
/// looked at where they lie inside it.
pub fn window_has_effects(
    index: &SemanticIndex,
    scope: ScopeId,
    body: &[Stmt],
    window: TextRange,
) -> bool {
    let mut finder = WindowFinder {
        inner: EffectFinder {
            index,
            scope,
            found: false,
            allowed: None,
        },
        window,
    };
    finder.visit_body(body);
    finder.inner.found
}

/// Whether `expr` calls the builtin `next` anywhere outside a lambda: a
/// `StopIteration` it raises inside a generator becomes a `RuntimeError`.
pub fn calls_next(index: &SemanticIndex, scope: ScopeId, expr: &Expr) -> bool {
    struct NextFinder<'i> {
        index: &'i SemanticIndex,
        scope: ScopeId,
        found: bool,
    }
    impl<'e> Visitor<'e> for NextFinder<'_> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            match expr {
                Expr::Lambda(_) => return,
                Expr::Call(call)
                    if self
                        .index
                        .resolves_to(self.scope, &call.func, &["builtins.next"])
                        .is_some() =>
                {
                    self.found = true;
                    return;
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = NextFinder {
        index,
        scope,
        found: false,
    };
    finder.visit_expr(expr);
    finder.found
}

struct EffectFinder<'i> {
    index: &'i SemanticIndex,
    scope: ScopeId,
    found: bool,
    /// Calls with effects that the caller accepts anyway.
    allowed: Option<&'i dyn Fn(&ast::ExprCall) -> bool>,
}

impl<'e> Visitor<'e> for EffectFinder<'_> {
    fn visit_expr(&mut self, expr: &'e Expr) {
        if self.found {
            return;
        }
        match expr {
            Expr::Lambda(_) => return,
            Expr::Await(_) | Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Named(_) => {
                self.found = true;
                return;
            }
            Expr::Call(call)
                if !is_pure_call(self.index, self.scope, call)
                    && !self.allowed.is_some_and(|allowed| allowed(call)) =>
            {
                self.found = true;
                return;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        if self.found {
            return;
        }
        let stores_through = |target: &Expr| {
            matches!(
                target,
                Expr::Attribute(_) | Expr::Subscript(_) | Expr::Tuple(_) | Expr::List(_)
            ) && !matches!(target, Expr::Tuple(t) if t.elts.iter().all(Expr::is_name_expr))
                && !matches!(target, Expr::List(l) if l.elts.iter().all(Expr::is_name_expr))
        };
        if let Stmt::FunctionDef(def) = stmt {
            // Only the decorators and defaults run here.
            for decorator in &def.decorator_list {
                self.visit_expr(&decorator.expression);
            }
            for default in def
                .parameters
                .iter_non_variadic_params()
                .filter_map(|p| p.default.as_deref())
            {
                self.visit_expr(default);
            }
            return;
        }
        // A class body, `global`/`nonlocal`, entering a context manager and
        // importing run code or rebind beyond the function; stores through
        // an attribute or subscript change what others read.
        let effect = match stmt {
            Stmt::ClassDef(_)
            | Stmt::Global(_)
            | Stmt::Nonlocal(_)
            | Stmt::With(_)
            | Stmt::Import(_)
            | Stmt::ImportFrom(_) => true,
            Stmt::Delete(delete) => delete.targets.iter().any(|t| !t.is_name_expr()),
            Stmt::Assign(assign) => assign.targets.iter().any(stores_through),
            Stmt::AugAssign(assign) => stores_through(&assign.target),
            Stmt::AnnAssign(assign) => assign.value.is_some() && stores_through(&assign.target),
            _ => false,
        };
        if effect {
            self.found = true;
            return;
        }
        visitor::walk_stmt(self, stmt);
    }
}

/// Looks at what lies inside a window of the source.
struct WindowFinder<'i> {
    inner: EffectFinder<'i>,
    window: TextRange,
}

impl<'e> Visitor<'e> for WindowFinder<'_> {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        if self.inner.found || stmt.end() <= self.window.start() {
            return;
        }
        if stmt.start() >= self.window.end() {
            return;
        }
        if self.window.contains_range(stmt.range()) {
            self.inner.visit_stmt(stmt);
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            // The value runs before the targets are stored.
            Stmt::Assign(ast::StmtAssign { value, .. })
            | Stmt::AugAssign(ast::StmtAugAssign { value, .. })
            | Stmt::AnnAssign(ast::StmtAnnAssign {
                value: Some(value), ..
            }) => self.visit_expr(value),
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        if self.inner.found
            || expr.end() <= self.window.start()
            || expr.start() >= self.window.end()
        {
            return;
        }
        if self.window.contains_range(expr.range()) {
            self.inner.visit_expr(expr);
            return;
        }
        match expr {
            Expr::Lambda(_) => {}
            // A comprehension evaluates its first iterable first; the
            // element, written before it, runs after.
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                if let Some(first) = generators.first() {
                    self.visit_expr(&first.iter);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        PURE_METHODS, SCALAR_RESULT_METHODS, SPLITTING_METHODS, calls_next, computes_new_value,
        is_effect_free, is_pure_method, window_has_effects,
    };
    use crate::semantic::{ScopeId, SemanticIndex};
    use ruff_python_ast::Stmt;
    use ruff_text_size::{TextRange, TextSize};

    fn first_expr(source: &str) -> (SemanticIndex, ruff_python_ast::ModModule) {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let module = parsed.into_syntax();
        let index = SemanticIndex::build(&module);
        (index, module)
    }

    fn pure(source: &str) -> bool {
        let (index, module) = first_expr(source);
        let Stmt::Expr(stmt) = &module.body[module.body.len() - 1] else {
            panic!("expression statement expected");
        };
        is_effect_free(&index, ScopeId::MODULE, &stmt.value)
    }

    #[test]
    fn pure_and_effectful_expressions() {
        assert!(pure("[len(x) + 1 for x in xs]"));
        assert!(pure(
            "[str(x).strip().lower() for x in xs if isinstance(x, int)]"
        ));
        assert!(pure("[c.record for c in conns]"));
        assert!(pure("sorted(xs, key=lambda x: f(x))"));
        assert!(pure("import os\n[os.path.join(a, b) for a in xs]"));
        assert!(!pure("[pool.submit(f, x) for x in xs]"));
        assert!(!pure(
            "import asyncio\n[asyncio.ensure_future(c) for c in cs]"
        ));
        assert!(!pure("[canvas.mpl_connect(e, h) for e in es]"));
        assert!(!pure("[next(it) for _ in range(3)]"));
        assert!(!pure("[getattr(o, n) for n in names]"));
        assert!(!pure("[(y := x) for x in xs]"));
        // A local `len` is not the builtin.
        assert!(!pure("def len(x): pass\n[len(x) for x in xs]"));
        // `os.path.join` is pure; a method named `join` on a module is not known.
        assert!(!pure("import shutil\n[shutil.split(x) for x in xs]"));
    }

    #[test]
    fn method_lists_agree() {
        // Each name has one home.
        for name in SPLITTING_METHODS.iter().chain(SCALAR_RESULT_METHODS) {
            assert!(!PURE_METHODS.contains(name), "{name}");
        }
        for name in SCALAR_RESULT_METHODS {
            assert!(!SPLITTING_METHODS.contains(name), "{name}");
        }
        assert!(is_pure_method("split") && computes_new_value("split"));
        assert!(is_pure_method("find") && !computes_new_value("find"));
    }

    #[test]
    fn next_is_found() {
        let (index, module) = first_expr("tuple([next(it) for _ in range(3)])");
        let Stmt::Expr(stmt) = &module.body[0] else {
            panic!()
        };
        assert!(calls_next(&index, ScopeId::MODULE, &stmt.value));
    }

    #[test]
    fn windows() {
        let source = "a = 1\nb = len(a)\nc.x = 2\nprint(a)\nd = 3\n";
        let (index, module) = first_expr(source);
        let window = |from: u32, to: u32| TextRange::new(TextSize::new(from), TextSize::new(to));
        // `b = len(a)` only.
        assert!(!window_has_effects(
            &index,
            ScopeId::MODULE,
            &module.body,
            window(6, 17)
        ));
        // `c.x = 2`
        assert!(window_has_effects(
            &index,
            ScopeId::MODULE,
            &module.body,
            window(17, 25)
        ));
        // `print(a)`
        assert!(window_has_effects(
            &index,
            ScopeId::MODULE,
            &module.body,
            window(25, 34)
        ));
    }
}
