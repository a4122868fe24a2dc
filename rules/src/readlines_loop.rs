//! MEM301: a loop over a file read in full when the file could be iterated lazily.

use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, RuleMeta, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

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
    /// safe when the file is a name bound once by `open(...)` (or `with
    /// open(...) as f`); on any other object it is unsafe, since not every
    /// object with a `readlines` method iterates its lines. The
    /// `read().splitlines()` forms get no fix: their line endings differ.
    ///
    /// ## Known problems
    /// `read().splitlines()` splits on more line boundaries than a file
    /// iterator does (`\r`, `\x0b`, `\x1c`, ...) and drops the line endings,
    /// so switching to `for line in f:` may need a `line.rstrip("\n")`.
    pub ReadlinesLoop {
        code: "MEM301",
        name: "readlines-loop",
        opt_in: false,
        fix: FixAvailability::Sometimes,
        test_code: true,
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
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

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
                check_iterable(cx, &for_stmt.iter);
            }
            AnyNodeRef::ExprListComp(ast::ExprListComp { generators, .. })
            | AnyNodeRef::ExprSetComp(ast::ExprSetComp { generators, .. })
            | AnyNodeRef::ExprDictComp(ast::ExprDictComp { generators, .. })
            | AnyNodeRef::ExprGenerator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators.iter().filter(|g| !g.is_async) {
                    check_iterable(cx, &generator.iter);
                }
            }
            _ => {}
        }
    }
}

fn check_iterable(cx: &mut Context<'_>, iterable: &Expr) {
    let Some(read) = whole_read(iterable) else {
        return;
    };
    let written = cx.slice(iterable);
    let fix = match read {
        WholeRead::Readlines(file) => Some(readlines_fix(cx, iterable, file)),
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

/// `f.readlines()` → `f`: safe when `f` is a name bound once, by `open(...)`.
fn readlines_fix(cx: &Context<'_>, iterable: &Expr, file: &Expr) -> Fix {
    let text = cx.slice(file);
    let replacement = match file {
        Expr::Name(_) | Expr::Attribute(_) | Expr::Call(_) | Expr::Subscript(_) => text.to_owned(),
        _ => format!("({text})"),
    };
    let message = format!("iterate over `{text}`");
    let edits = vec![Edit::replacement(replacement, iterable.range())];
    if is_opened_file(cx, file) {
        Fix::safe(message, edits)
    } else {
        Fix::unsafe_edits(message, edits)
    }
}

const OPENERS: &[&str] = &["builtins.open", "io.open"];

/// Whether `file` is a name whose one binding in its scope is `f = open(...)`
/// or `with open(...) as f`.
fn is_opened_file(cx: &Context<'_>, file: &Expr) -> bool {
    let Expr::Name(name) = file else {
        return false;
    };
    let index = cx.index();
    let Some(id) = index.resolve_name(cx.scope(), name.id.as_str(), name.start()) else {
        return false;
    };
    let binding = index.binding(id);
    if !matches!(
        binding.kind,
        BindingKind::Assignment | BindingKind::WithItem
    ) || index
        .scope(binding.scope)
        .bindings_of(name.id.as_str())
        .len()
        != 1
    {
        return false;
    }
    let mut finder = OpenBinding {
        cx,
        target: binding.range,
        found: false,
    };
    finder.visit_body(cx.module());
    finder.found
}

/// Looks for the statement that binds `target` to `open(...)`.
struct OpenBinding<'c, 'a> {
    cx: &'c Context<'a>,
    target: TextRange,
    found: bool,
}

impl OpenBinding<'_, '_> {
    fn is_open_call(&self, value: &Expr) -> bool {
        matches!(value, Expr::Call(call) if self.cx.resolves_to(&call.func, OPENERS).is_some())
    }
}

impl<'a> Visitor<'a> for OpenBinding<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found || !stmt.range().contains_range(self.target) {
            return;
        }
        match stmt {
            Stmt::Assign(assign) if matches!(&*assign.targets, [Expr::Name(n)] if n.range == self.target) =>
            {
                self.found = self.is_open_call(&assign.value);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if item
                        .optional_vars
                        .as_deref()
                        .is_some_and(|v| matches!(v, Expr::Name(n) if n.range == self.target))
                    {
                        self.found = self.is_open_call(&item.context_expr);
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
