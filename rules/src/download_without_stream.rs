//! MEM310: a `requests` download read in chunks, fetched without `stream=True`.

use memwise_core::{Context, Diagnostic, Edit, Fix, FixAvailability, Rule, declare_rule};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `r = requests.get(...)` (or `post`, `put`, `patch`,
    /// `request`, or the same method on a `requests.Session`) without
    /// `stream=True`, when the same scope then reads the response with
    /// `r.iter_content(...)`, `r.iter_lines(...)` or `r.raw`.
    ///
    /// ## Why is this bad?
    /// Without `stream=True`, `requests` reads the whole body into memory
    /// before the call returns; the chunked reading that follows only walks
    /// over bytes already held. The chunked loop shows that the author meant
    /// to stream: a 1 GB file needs 1 GB of memory, and API clients built
    /// this way have been reported failing with `MemoryError` on large
    /// downloads.
    ///
    /// ## Example
    /// ```python
    /// import requests
    ///
    ///
    /// def download(url, path):
    ///     r = requests.get(url)
    ///     with open(path, "wb") as f:
    ///         for chunk in r.iter_content(chunk_size=65536):
    ///             f.write(chunk)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import requests
    ///
    ///
    /// def download(url, path):
    ///     with requests.get(url, stream=True) as r:
    ///         with open(path, "wb") as f:
    ///             for chunk in r.iter_content(chunk_size=65536):
    ///                 f.write(chunk)
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `stream=True`. It is unsafe: the connection is then held
    /// until the body is consumed or the response closed, so a response that
    /// is not fully read should be used as a context manager
    /// (`with requests.get(..., stream=True) as r:`).
    ///
    /// ## Known problems
    /// A call that passes `stream=` with a value other than `False`, or
    /// `**kwargs` (which may hold it), is left alone, as is a response name
    /// bound more than once in its scope. Only sessions bound in the same
    /// function (or annotated as `requests.Session`) are recognised. Test
    /// code is not checked.
    pub DownloadWithoutStream {
        code: "MEM310",
        name: "download-without-stream",
        opt_in: false,
        fix: FixAvailability::Always,
        test_code: false,
    }
}

const METHODS: &[&str] = &["get", "post", "put", "patch", "request"];

impl Rule for DownloadWithoutStream {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign, NodeKind::StmtWith]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        // Each pair is looked at in place: collected into a vector first,
        // every assignment of the file allocated one (13,660 on a tenth of
        // the benchmark corpus).
        match node {
            AnyNodeRef::StmtAssign(assign) => {
                if let [target] = &*assign.targets {
                    check_pair(cx, target, &assign.value);
                }
            }
            AnyNodeRef::StmtWith(with) => {
                for item in &with.items {
                    if let Some(target) = item.optional_vars.as_deref() {
                        check_pair(cx, target, &item.context_expr);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `target = value` (or `with value as target`): reported when `value` is
/// a `requests` call that does not stream and `target` is then read in
/// chunks.
fn check_pair(cx: &mut Context<'_>, target: &Expr, value: &Expr) {
    let Expr::Name(response) = target else {
        return;
    };
    let Expr::Call(call) = value else {
        return;
    };
    if !is_requests_call(cx, call) || streams_or_may(call) {
        return;
    }
    let name = response.id.as_str();
    if cx.index().scope(cx.scope()).bindings_of(name).len() != 1 {
        return;
    }
    let Some(read) = chunked_read(cx, name) else {
        return;
    };
    let callee = cx.slice(&*call.func);
    let message = format!(
        "`{callee}(...)` reads the whole body into memory before `{name}.{read}` reads it in chunks"
    );
    let help = format!(
        "pass `stream=True` and close the response: `with {callee}(..., stream=True) as {name}:`"
    );
    let Some(last) = call
        .arguments
        .args
        .iter()
        .map(Ranged::end)
        .chain(call.arguments.keywords.iter().map(Ranged::end))
        .max()
    else {
        return;
    };
    let edit = match call.arguments.find_keyword("stream") {
        Some(keyword) => Edit::replacement("True", keyword.value.range()),
        None => Edit::insertion(", stream=True", last),
    };
    cx.report(
        Diagnostic::new(&DownloadWithoutStream::META, message, call.range())
            .with_help(help)
            .with_fix(Fix::unsafe_edits("pass `stream=True`", vec![edit])),
    );
}

/// `requests.get(...)` and its siblings, or the same method on a name bound
/// to a `requests.Session`.
fn is_requests_call(cx: &Context<'_>, call: &ast::ExprCall) -> bool {
    if cx
        .resolves_to(
            &call.func,
            &[
                "requests.get",
                "requests.post",
                "requests.put",
                "requests.patch",
                "requests.request",
                "requests.api.get",
                "requests.api.post",
                "requests.api.put",
                "requests.api.patch",
                "requests.api.request",
            ],
        )
        .is_some()
    {
        return true;
    }
    let Expr::Attribute(attribute) = &*call.func else {
        return false;
    };
    if !METHODS.contains(&attribute.attr.as_str()) {
        return false;
    }
    let Expr::Name(session) = &*attribute.value else {
        return false;
    };
    is_session(cx, session.id.as_str())
}

/// Whether `stream=` is passed with anything but `False`, or `**kwargs` may
/// pass it.
fn streams_or_may(call: &ast::ExprCall) -> bool {
    call.arguments
        .keywords
        .iter()
        .any(|keyword| match &keyword.arg {
            None => true,
            Some(arg) => {
                arg.as_str() == "stream"
                    && !matches!(&keyword.value, Expr::BooleanLiteral(b) if !b.value)
            }
        })
}

/// The statements of the current function (or module), where sessions and
/// reads are looked for.
fn current_body<'a>(cx: &Context<'a>) -> (&'a [Stmt], Option<&'a ast::StmtFunctionDef>) {
    match cx
        .statements()
        .iter()
        .rev()
        .find(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
    {
        Some(Stmt::FunctionDef(def)) => (&def.body, Some(def)),
        Some(Stmt::ClassDef(class)) => (&class.body, None),
        _ => (cx.module(), None),
    }
}

/// Whether `name` is bound in the current function to `requests.Session()`
/// (or `requests.session()`), or annotated as `requests.Session`.
fn is_session(cx: &Context<'_>, name: &str) -> bool {
    let is_session_type = |e: &Expr| {
        cx.resolves_to(e, &["requests.Session", "requests.sessions.Session"])
            .is_some()
    };
    let is_session_call = |e: &Expr| {
        matches!(e, Expr::Call(call) if cx
            .resolves_to(
                &call.func,
                &[
                    "requests.Session",
                    "requests.session",
                    "requests.sessions.Session",
                ],
            )
            .is_some())
    };
    let (body, def) = current_body(cx);
    if let Some(def) = def
        && def
            .parameters
            .iter()
            .any(|p| p.name().as_str() == name && p.annotation().is_some_and(is_session_type))
    {
        return true;
    }
    let mut found = false;
    for stmt in body {
        visit_flat(stmt, &mut |s| {
            found |= match s {
                Stmt::Assign(assign) => {
                    matches!(&*assign.targets, [Expr::Name(n)] if n.id.as_str() == name)
                        && is_session_call(&assign.value)
                }
                Stmt::AnnAssign(assign) => {
                    matches!(&*assign.target, Expr::Name(n) if n.id.as_str() == name)
                        && (is_session_type(&assign.annotation)
                            || assign.value.as_deref().is_some_and(is_session_call))
                }
                Stmt::With(with) => with.items.iter().any(|item| {
                    matches!(item.optional_vars.as_deref(), Some(Expr::Name(n)) if n.id.as_str() == name)
                        && is_session_call(&item.context_expr)
                }),
                _ => false,
            };
        });
    }
    found
}

/// Calls `f` on `stmt` and every statement nested in it, except inside
/// nested functions and classes.
fn visit_flat<'a>(stmt: &'a Stmt, f: &mut impl FnMut(&'a Stmt)) {
    f(stmt);
    if matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
        return;
    }
    for block in memwise_core::python::child_blocks(stmt) {
        for inner in block {
            visit_flat(inner, f);
        }
    }
}

/// The first chunked read of `name` in the current scope: `name.iter_content`,
/// `name.iter_lines` or `name.raw`.
fn chunked_read(cx: &Context<'_>, name: &str) -> Option<&'static str> {
    struct Finder<'n> {
        name: &'n str,
        found: Option<&'static str>,
    }
    impl<'v> Visitor<'v> for Finder<'_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            if self.found.is_some() || matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
                return;
            }
            visitor::walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &'v Expr) {
            if let Expr::Attribute(attribute) = expr
                && matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == self.name)
            {
                let read = match attribute.attr.as_str() {
                    "iter_content" => Some("iter_content(...)"),
                    "iter_lines" => Some("iter_lines(...)"),
                    "raw" => Some("raw"),
                    _ => None,
                };
                if read.is_some() {
                    self.found = self.found.or(read);
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let (body, _) = current_body(cx);
    let mut finder = Finder { name, found: None };
    finder.visit_body(body);
    finder.found
}
