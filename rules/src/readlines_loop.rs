//! MEM301: a loop over a file read in full when the file could be iterated lazily.

use memwise_core::effects;
use memwise_core::find::{body_contains, expr_contains};
use memwise_core::python::early_exits;
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Checks for loops and comprehensions whose iterable is a whole file
    /// read into memory: `f.readlines()`, `f.read().splitlines()`,
    /// `f.read().split("\n")`, and `path.read_text().splitlines()`.
    ///
    /// ## Why is this bad?
    /// The loop handles one line at a time, but the iterable holds every line
    /// of the file at once: the whole text plus one string object per line,
    /// several times the file's size. A file object is already an iterator
    /// over its lines and reads them lazily, so peak memory stays at one line
    /// however large the file grows.
    ///
    /// ## Example
    /// ```python
    /// with open("access.log") as f:
    ///     for line in f.readlines():
    ///         print(line)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("access.log") as f:
    ///     for line in f:
    ///         print(line)
    /// ```
    ///
    /// ## Fix safety
    /// Only the `readlines()` form is fixed, to iterate the file itself. It is
    /// safe when the file is `open(...)` itself or a name only ever bound by
    /// `open(...)` (or `with open(...) as f`); on any other file object
    /// (`sys.stdin`, `path.open()`, `gzip.open(...)`) it is unsafe. A loop
    /// that may stop early (`break`) gets no fix when the file is used after
    /// it: `readlines()` left the file at its end, iterating it would leave
    /// it where the loop stopped, and `rest = f.read()` would then read the
    /// lines the loop did not. The
    /// `read().splitlines()` forms get no fix: their line endings differ.
    ///
    /// ## Known problems
    /// Only receivers known to be files count: `open(...)` and its relatives
    /// (`io.open`, `codecs.open`, `gzip.open`, ...), `sys.stdin`, a
    /// `pathlib` path's `open()`, and names bound only to one of them; for
    /// `read_text()`, `Path(...)` (and its `parent`, `joinpath(...)`, `/`)
    /// and names bound to one. Other objects have methods of the same names
    /// that do something else (`importlib.metadata`'s
    /// `dist.read_text("top_level.txt")` returns a short text, or `None`), so
    /// a parameter or attribute of unknown type is not reported.
    ///
    /// Standard input read whole before a loop whose lines call anything
    /// not known to be free of effects (`for line in
    /// sys.stdin.readlines(): terminate(line)`; `line.strip()` is) is not
    /// reported: read lazily, each line's effects would happen before the
    /// rest of the input is in.
    ///
    /// A generator expression runs when it is consumed, which may be after
    /// its file is closed (`docs = (l.split() for l in f.readlines())` in a
    /// `with`, handed on after it): only one that the statement making it
    /// consumes (the iterable of a `for`, the argument of `sum`, `set`,
    /// `list`, `str.join`, `extend`, ...) is reported.
    ///
    /// A loop whose body uses the file itself (`f.tell()`, `f.seek(0)`,
    /// `next(f)`) is not reported: iterating the file instead would make
    /// `tell()` raise `OSError` and `seek(0)` loop forever.
    ///
    /// `read().splitlines()` splits on more line boundaries than a file
    /// iterator does (`\r`, `\x0b`, `\x1c`, ...) and drops the line endings,
    /// so switching to `for line in f:` may need a `line.rstrip("\n")`.
    pub ReadlinesLoop {
        code: "MEM301",
        name: "readlines-loop",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: false,
        peer_codes: &["FURB129"],
    }
}

/// Which whole-file read an iterable is.
enum WholeRead<'e> {
    /// `f.readlines()`: the receiver `f`.
    Readlines(&'e Expr),
    /// `f.read().splitlines()` or `.split("\n")`: the receiver `f`.
    ReadSplit(&'e Expr),
    /// `p.read_text().splitlines()` or `.split("\n")`: the receiver `p`.
    ReadTextSplit(&'e Expr),
}

impl Rule for ReadlinesLoop {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[
            NodeKind::StmtFor,
            NodeKind::ExprListComp,
            NodeKind::ExprSetComp,
            NodeKind::ExprDictComp,
            NodeKind::ExprGenerator,
        ]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        match node {
            AnyNodeRef::StmtFor(for_stmt) if !for_stmt.is_async => {
                // The `else` runs after the last line: only the body reads
                // the file between lines.
                let stops = early_exits(&for_stmt.body).breaks.then(|| for_stmt.end());
                check_iterable(cx, &for_stmt.iter, [], &for_stmt.body, None, stops);
            }
            AnyNodeRef::ExprListComp(ast::ExprListComp {
                elt, generators, ..
            })
            | AnyNodeRef::ExprSetComp(ast::ExprSetComp {
                elt, generators, ..
            }) => check_generators(cx, &[elt], generators, None),
            // A generator runs when it is consumed, which may be after its
            // file is closed (`lines = (l.split() for l in f.readlines())`
            // in a `with`, handed on after it).
            AnyNodeRef::ExprGenerator(generator) => check_generators(
                cx,
                &[&generator.elt],
                &generator.generators,
                Some(generator.range),
            ),
            AnyNodeRef::ExprDictComp(ast::ExprDictComp {
                key,
                value,
                generators,
                ..
            }) => {
                let elements: Vec<&Expr> = key.as_deref().into_iter().chain([&**value]).collect();
                check_generators(cx, &elements, generators, None);
            }
            _ => {}
        }
    }
}

/// `lazy`: the range of a generator expression, which runs when consumed.
fn check_generators(
    cx: &mut Context<'_>,
    elements: &[&Expr],
    generators: &[ast::Comprehension],
    lazy: Option<TextRange>,
) {
    for (i, generator) in generators.iter().enumerate() {
        if generator.is_async {
            continue;
        }
        let rest = elements.iter().copied().chain(generator.ifs.iter()).chain(
            generators[i + 1..].iter().flat_map(|g| {
                std::iter::once(&g.iter)
                    .chain(std::iter::once(&g.target))
                    .chain(g.ifs.iter())
            }),
        );
        check_iterable(cx, &generator.iter, rest, &[], lazy, None);
    }
}

/// `rest` and `body` are what runs per line: a comprehension's element,
/// conditions and later generators, or a `for` loop's body and `else`.
fn check_iterable<'e>(
    cx: &mut Context<'_>,
    iterable: &Expr,
    rest: impl IntoIterator<Item = &'e Expr>,
    body: &'e [Stmt],
    lazy: Option<TextRange>,
    stops: Option<TextSize>,
) {
    let Some(read) = whole_read(iterable) else {
        return;
    };
    // Iterating the file lazily is only the same when the generator is
    // consumed by the statement that makes it, while the file is open.
    if let Some(generator) = lazy
        && !consumed_where_made(cx, generator)
    {
        return;
    }
    let rest: Vec<&Expr> = rest.into_iter().collect();
    // Only a receiver known to be a file (or a `pathlib` path) reads a file:
    // `dist.read_text("top_level.txt")` of `importlib.metadata` does not.
    let receiver = match read {
        WholeRead::Readlines(file) | WholeRead::ReadSplit(file) => {
            if !is_file_handle(cx, file, 3) {
                return;
            }
            file
        }
        WholeRead::ReadTextSplit(path) => {
            if !is_path(cx, path, 3) {
                return;
            }
            path
        }
    };
    if let Expr::Name(name) = receiver
        && uses_name(rest.iter().copied(), body, name.id.as_str())
    {
        return;
    }
    // Standard input arrives while the program runs: read lazily, each
    // line's effects (a request sent, a prompt printed) would happen before
    // the rest of the input is in, and an interrupt would leave part done.
    // Reading it all first is the order the code chose.
    if cx.resolves_to(receiver, &["sys.stdin"]).is_some() && !runs_effect_free(cx, &rest, body) {
        return;
    }
    let written = cx.slice(iterable);
    let fix = match read {
        WholeRead::Readlines(file) if !stops.is_some_and(|end| read_after(cx, file, end)) => {
            Some(readlines_fix(cx, iterable, file))
        }
        _ => None,
    };
    let (message, help) = match read {
        WholeRead::Readlines(file) => {
            let file = cx.slice(file);
            (
                format!(
                    "`{written}` reads every line of `{file}` into a list before the loop starts"
                ),
                format!("iterate over `{file}` itself: a file yields its lines lazily"),
            )
        }
        WholeRead::ReadSplit(file) => {
            let file = cx.slice(file);
            (
                format!(
                    "`{written}` reads all of `{file}` and splits it into a list before the loop starts"
                ),
                format!(
                    "iterate over `{file}` itself (`for line in {file}:`), stripping the line endings if needed"
                ),
            )
        }
        WholeRead::ReadTextSplit(path) => {
            let path = cx.slice(path);
            (
                format!(
                    "`{written}` reads all of `{path}` and splits it into a list before the loop starts"
                ),
                format!(
                    "open it and iterate lazily: `with {path}.open() as f: for line in f:`, stripping the line endings if needed"
                ),
            )
        }
    };
    let mut diagnostic =
        Diagnostic::new(&ReadlinesLoop::META, message, iterable.range()).with_help(help);
    if let Some(fix) = fix {
        diagnostic = diagnostic.with_fix(fix);
    }
    cx.report(diagnostic);
}

/// Whether the file may be used from `end` on, where a loop that stopped
/// early left it: after `readlines()` it is at its end, iterated lazily it
/// would be where the loop stopped (`rest = f.read()` after a `break`
/// would read the lines the loop did not).
fn read_after(cx: &Context<'_>, file: &Expr, end: TextSize) -> bool {
    match file {
        Expr::Name(name) => {
            let index = cx.index();
            index
                .resolve_name(cx.scope(), name.id.as_str(), name.start())
                .is_none_or(|b| index.binding(b).uses.iter().any(|u| u.range.start() >= end))
        }
        // `open(p).readlines()`: nothing else holds that file.
        Expr::Call(_) => false,
        _ => true,
    }
}

/// Whether the generator expression at `generator` is iterated to the end
/// by the statement that makes it: the iterable of a `for` statement, or
/// the argument of a once-consumer (`sum`, `set`, `sorted`, ...), of `list`,
/// of `str.join` or of a method that adds every item (`extend`, `update`,
/// `writelines`). Bound to a name, returned or handed to another
/// function, it may run after its file is closed.
fn consumed_where_made(cx: &Context<'_>, generator: TextRange) -> bool {
    struct Finder<'c, 'a> {
        cx: &'c Context<'a>,
        generator: TextRange,
        found: bool,
    }
    impl<'v> Visitor<'v> for Finder<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            match stmt {
                Stmt::For(for_stmt) => {
                    self.found |= for_stmt.iter.range() == self.generator;
                    self.visit_expr(&for_stmt.iter);
                }
                // Only the statement's own expressions: its body is other
                // statements, and a nested definition runs later.
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::If(if_stmt) => self.visit_expr(&if_stmt.test),
                Stmt::While(while_stmt) => self.visit_expr(&while_stmt.test),
                Stmt::With(with) => {
                    for item in &with.items {
                        self.visit_expr(&item.context_expr);
                    }
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, expr: &'v Expr) {
            if self.found || !expr.range().contains_range(self.generator) {
                return;
            }
            if let Expr::Call(call) = expr
                && call
                    .arguments
                    .args
                    .iter()
                    .any(|argument| argument.range() == self.generator)
            {
                // The iterable of a once-consumer (as MEM304 picks it:
                // `sum(gen, start)`'s first, `heapq.nlargest(n, gen)`'s
                // last), of `list`, of `str.join`, or of a method that adds
                // every item at once (`extend`, `update`, `writelines`).
                let only = matches!(&*call.arguments.args, [a] if a.range() == self.generator);
                self.found = self
                    .cx
                    .resolves_to(&call.func, memwise_core::uses::ONCE_CONSUMERS)
                    .and_then(|consumer| memwise_core::uses::consumed_iterable(consumer, call))
                    .is_some_and(|iterable| iterable.range() == self.generator)
                    || only
                        && (matches!(&*call.func, Expr::Attribute(a)
                            if matches!(a.attr.as_str(), "join" | "extend" | "update" | "writelines"))
                            || self
                                .cx
                                .resolves_to(&call.func, &["builtins.list"])
                                .is_some());
                return;
            }
            if matches!(expr, Expr::Lambda(_)) {
                return;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let Some(stmt) = cx.statements().last() else {
        return false;
    };
    let mut finder = Finder {
        cx,
        generator,
        found: false,
    };
    finder.visit_stmt(stmt);
    finder.found
}

/// `f.readlines()` → `f`: safe when `f` is a name bound once, by `open(...)`.
fn readlines_fix(cx: &Context<'_>, iterable: &Expr, file: &Expr) -> Fix {
    let text = cx.slice(file);
    let replacement = match file {
        Expr::Name(_) | Expr::Attribute(_) | Expr::Call(_) | Expr::Subscript(_) => text.to_owned(),
        _ => format!("({text})"),
    };
    let message = format!("iterate over `{text}`");
    let edits = vec![Edit::replacement(replacement, iterable.range())];
    let opened = match file {
        Expr::Name(_) => every_bound_value(cx, file, &|v| is_open_call(cx, v)),
        _ => is_open_call(cx, file),
    };
    if opened {
        Fix::safe(message, edits)
    } else {
        Fix::unsafe_edits(message, edits)
    }
}

/// Calls that return a file object, which iterates its lines lazily.
const OPENERS: &[&str] = &[
    "builtins.open",
    "io.open",
    "codecs.open",
    "gzip.open",
    "bz2.open",
    "lzma.open",
];

/// The classes of `pathlib` whose `read_text()` reads a file.
const PATH_CLASSES: &[&str] = &[
    "pathlib.Path",
    "pathlib.PurePath",
    "pathlib.PosixPath",
    "pathlib.WindowsPath",
];

/// `open(...)` and its relatives, called directly.
fn is_open_call(cx: &Context<'_>, value: &Expr) -> bool {
    matches!(value, Expr::Call(call) if cx.resolves_to(&call.func, OPENERS).is_some())
}

/// Whether `expr` is known to be a file object: `open(...)` (or `gzip.open`,
/// ...), `<path>.open(...)`, `sys.stdin`, or a name bound once to one of
/// them (`f = open(p)`, `with open(p) as f`).
fn is_file_handle(cx: &Context<'_>, expr: &Expr, depth: u8) -> bool {
    match expr {
        Expr::Call(call) => {
            is_open_call(cx, expr)
                || matches!(&*call.func, Expr::Attribute(a)
                    if a.attr.as_str() == "open" && is_path(cx, &a.value, depth))
        }
        Expr::Attribute(_) => cx.resolves_to(expr, &["sys.stdin"]).is_some(),
        Expr::Name(_) if depth > 0 => {
            every_bound_value(cx, expr, &|value| is_file_handle(cx, value, depth - 1))
        }
        _ => false,
    }
}

/// Whether `expr` is known to be a `pathlib` path: `Path(...)`, a path's
/// `parent`, `joinpath(...)`, `with_suffix(...)`, ..., `path / "x"`, or a
/// name bound once to one of them.
fn is_path(cx: &Context<'_>, expr: &Expr, depth: u8) -> bool {
    match expr {
        Expr::Call(call) => {
            cx.resolves_to(&call.func, PATH_CLASSES).is_some()
                || matches!(&*call.func, Expr::Attribute(a)
                    if matches!(
                        a.attr.as_str(),
                        "joinpath" | "with_suffix" | "with_name" | "with_stem" | "resolve"
                            | "absolute" | "expanduser"
                    ) && is_path(cx, &a.value, depth))
        }
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "parent" && is_path(cx, &attribute.value, depth)
        }
        Expr::BinOp(binop) => {
            matches!(binop.op, ast::Operator::Div) && is_path(cx, &binop.left, depth)
        }
        Expr::Name(_) if depth > 0 => {
            every_bound_value(cx, expr, &|value| is_path(cx, value, depth - 1))
        }
        _ => false,
    }
}

/// Whether every binding of the name in its scope is a plain assignment
/// (`f = open(...)`) or a `with` item (`with open(...) as f`) whose value
/// `test` accepts: then whichever binding a load sees, the value is known.
fn every_bound_value(cx: &Context<'_>, name: &Expr, test: &dyn Fn(&Expr) -> bool) -> bool {
    let Expr::Name(name) = name else {
        return false;
    };
    let index = cx.index();
    let Some(id) = index.resolve_name(cx.scope(), name.id.as_str(), name.start()) else {
        return false;
    };
    let scope = index.scope(index.binding(id).scope);
    if scope.declares_global(name.id.as_str()) || scope.declares_nonlocal(name.id.as_str()) {
        return false;
    }
    scope.bindings_of(name.id.as_str()).iter().all(|id| {
        let binding = index.binding(*id);
        if !matches!(
            binding.kind,
            BindingKind::Assignment | BindingKind::WithItem
        ) {
            return false;
        }
        let mut finder = BoundValue {
            target: binding.range,
            found: None,
        };
        finder.visit_body(cx.module());
        finder.found.is_some_and(test)
    })
}

/// Looks for the value that the statement binding `target` assigns.
struct BoundValue<'a> {
    target: TextRange,
    found: Option<&'a Expr>,
}

impl<'a> Visitor<'a> for BoundValue<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() || !stmt.range().contains_range(self.target) {
            return;
        }
        match stmt {
            Stmt::Assign(assign) if matches!(&*assign.targets, [Expr::Name(n)] if n.range == self.target) =>
            {
                self.found = Some(&assign.value);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if item
                        .optional_vars
                        .as_deref()
                        .is_some_and(|v| matches!(v, Expr::Name(n) if n.range == self.target))
                    {
                        self.found = Some(&item.context_expr);
                        return;
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, _expr: &'a Expr) {}
}

/// Whether any of `parts` loads the name `name`: a loop body that uses the
/// file (`f.tell()`, `f.seek(0)`, `next(f)`) cannot iterate it instead.
fn uses_name<'e>(parts: impl IntoIterator<Item = &'e Expr>, stmts: &'e [Stmt], name: &str) -> bool {
    let is_name = |expr: &Expr| matches!(expr, Expr::Name(n) if n.id.as_str() == name);
    parts.into_iter().any(|part| expr_contains(part, is_name)) || body_contains(stmts, is_name)
}

/// `receiver.<method>(<no arguments>)`: the receiver.
fn method_call<'e>(expr: &'e Expr, method: &str) -> Option<(&'e Expr, &'e ast::Arguments)> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let Expr::Attribute(attribute) = &*call.func else {
        return None;
    };
    (attribute.attr.as_str() == method).then_some((&*attribute.value, &call.arguments))
}

fn whole_read(iterable: &Expr) -> Option<WholeRead<'_>> {
    if let Some((file, args)) = method_call(iterable, "readlines") {
        return args.is_empty().then_some(WholeRead::Readlines(file));
    }
    let text = split_into_lines(iterable)?;
    if let Some((file, args)) = method_call(text, "read") {
        return args.is_empty().then_some(WholeRead::ReadSplit(file));
    }
    // `read_text(encoding=...)` takes no size: any arguments still read it all.
    method_call(text, "read_text").map(|(path, _)| WholeRead::ReadTextSplit(path))
}

/// `text.splitlines()` or `text.split("\n")`: the text.
fn split_into_lines(expr: &Expr) -> Option<&Expr> {
    if let Some((text, args)) = method_call(expr, "splitlines") {
        let keepends_only = args
            .keywords
            .iter()
            .all(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "keepends"))
            && args.args.len() <= 1
            && args.args.iter().all(Expr::is_boolean_literal_expr);
        return keepends_only.then_some(text);
    }
    let (text, args) = method_call(expr, "split")?;
    let [Expr::StringLiteral(separator)] = &*args.args else {
        return None;
    };
    (args.keywords.is_empty() && separator.value.to_str() == "\n").then_some(text)
}

/// Whether what runs per line only computes ([`effects::is_effect_free`]:
/// `line.strip()`, `int(line)`); a call with effects (`print(line)`, a
/// request sent) would interleave with the input if it were read lazily.
fn runs_effect_free(cx: &Context<'_>, rest: &[&Expr], body: &[Stmt]) -> bool {
    let (index, scope) = (cx.index(), cx.scope());
    rest.iter()
        .all(|e| effects::is_effect_free(index, scope, e))
        && effects::body_is_effect_free(index, scope, body, &|_| false)
}
