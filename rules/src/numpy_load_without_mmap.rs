//! MEM303: `numpy.load` reading a whole array that is only ever indexed.

use memwise_core::edits::preferred_quote;
use memwise_core::find::body_contains;
use memwise_core::uses::UseKind;
use memwise_core::{
    BindingKind, Context, Diagnostic, Edit, Fix, FixAvailability, Rule, declare_rule,
};
use ruff_python_ast::{AnyNodeRef, Expr, NodeKind};
use ruff_text_size::Ranged;

declare_rule! {
    /// ## What it does
    /// Checks for `numpy.load(path)` without `mmap_mode` whose result is bound
    /// to a name that, in the same scope, is only ever subscripted or sliced.
    ///
    /// ## Why is this bad?
    /// `numpy.load` reads the whole array into memory, although the code only
    /// looks at some rows or a slice. With `mmap_mode="r"` the file is mapped
    /// instead: the operating system reads just the pages that are touched,
    /// and shares them between processes. `.npz` archives are not flagged:
    /// they load their members lazily and cannot be mapped (a path ending in
    /// `.npz`, or a result indexed by string keys, plain or f-strings).
    ///
    /// ## Example
    /// ```python
    /// import numpy as np
    ///
    /// embeddings = np.load("embeddings.npy")
    /// first = embeddings[0]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import numpy as np
    ///
    /// embeddings = np.load("embeddings.npy", mmap_mode="r")
    /// first = embeddings[0]
    /// ```
    ///
    /// ## Fix safety
    /// Adding `mmap_mode="r"` is unsafe: the array becomes read-only, so code
    /// that writes into it (even through a function it is passed to) raises,
    /// the file must stay in place while the array is in use, and `numpy`
    /// refuses to map an open file object (only a path).
    ///
    /// ## Known problems
    /// A mapped array is read-only: code that writes into the loaded array
    /// needs `mmap_mode="c"` (copy on write) instead. Arrays of Python objects
    /// (`allow_pickle=True`) cannot be mapped and are not flagged; nor is an
    /// array the code writes into through an index (`seg[-1][seg[-1] == 3]
    /// = 4`, `grid[0].fill(0)`, `out=stack[1]`: a subscript is a view of
    /// it). Nor is a
    /// load from an open file object (`np.load(f)` under `with
    /// path.open("rb") as f:`, `np.load(io.BytesIO(data))`): `numpy` maps
    /// only a path and raises given a handle with `mmap_mode`. An argument
    /// the code itself names as an `.npz` archive (`npz_path`, `npzfile`,
    /// `f"{name}.npz"`, or a name assigned one, as `path = data_dir /
    /// "example.npz"`) is taken as one.
    pub NumpyLoadWithoutMmap {
        code: "MEM303",
        name: "numpy-load-without-mmap",
        opt_in: false,
        fix: FixAvailability::Always,
        test_code: false,
    }
}

impl Rule for NumpyLoadWithoutMmap {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtAssign(assign) = node else {
            return;
        };
        let ([Expr::Name(target)], Expr::Call(call)) = (&*assign.targets, &*assign.value) else {
            return;
        };
        if cx.resolves_to(&call.func, &["numpy.load"]).is_none() {
            return;
        }
        let arguments = &call.arguments;
        // A second positional argument is `mmap_mode`; `**kwargs` may hold it.
        if arguments.args.len() != 1
            || arguments.args[0].is_starred_expr()
            || arguments.keywords.iter().any(|k| match k.arg.as_ref() {
                None => true,
                Some(arg) => {
                    arg.as_str() == "mmap_mode"
                        || (arg.as_str() == "allow_pickle"
                            && !matches!(&k.value, Expr::BooleanLiteral(b) if !b.value))
                }
            })
        {
            return;
        }
        // What the code itself calls an `.npz` archive (`"bundle.npz"`,
        // `f"{name}.npz"`, `npz_path`, `npzfile`) loads its members lazily
        // and cannot be mapped.
        if names_npz(cx, &arguments.args[0]) {
            return;
        }
        if is_file_object(cx, &arguments.args[0]) {
            return;
        }
        let index = cx.index();
        let scope = index.scope(cx.scope());
        let name = target.id.as_str();
        if scope.bindings_of(name).len() != 1
            || scope.declares_global(name)
            || scope.declares_nonlocal(name)
        {
            return;
        }
        let Some(binding) = index.binding_at(cx.scope(), name, target.range) else {
            return;
        };
        let binding = index.binding(binding);
        let source = cx.source();
        let only_indexed = !binding.uses.is_empty()
            && binding.uses.iter().all(|u| {
                u.kind == UseKind::Subscripted
                    && !u.is_captured(index, binding)
                    // `data["key"]`, `data[f"{prefix}key"]` read a member of
                    // an `.npz` archive.
                    && !source[u.range.end().to_usize()..]
                        .trim_start()
                        .strip_prefix('[')
                        .is_some_and(|rest| {
                            rest.trim_start()
                                .trim_start_matches(['f', 'F', 'r', 'R', 'b', 'B', 'u', 'U'])
                                .starts_with(['"', '\''])
                        })
            });
        if !only_indexed || writes_through_index(cx, name) {
            return;
        }
        let callee = cx.slice(&*call.func);
        let message = format!(
            "`{callee}` reads all of `{name}` into memory, but `{name}` is only ever indexed"
        );
        let help = "pass `mmap_mode=\"r\"` so that only the parts indexed are read from disk (the array becomes read-only)";
        // The last argument ends where `mmap_mode` goes: a trailing comma, a
        // comment or a line break after it stay where they are.
        let last_end = arguments
            .args
            .iter()
            .map(Ranged::end)
            .chain(arguments.keywords.iter().map(Ranged::end))
            .max()
            .unwrap_or(arguments.args[0].end());
        let hint = match &arguments.args[0] {
            Expr::StringLiteral(path) => Some(cx.slice(path)),
            _ => None,
        };
        let quote = preferred_quote(cx.source(), hint);
        let fix = Fix::unsafe_edits(
            "add `mmap_mode=\"r\"`",
            vec![Edit::insertion(
                format!(", mmap_mode={quote}r{quote}"),
                last_end,
            )],
        );
        cx.report(
            Diagnostic::new(&NumpyLoadWithoutMmap::META, message, call.range())
                .with_help(help)
                .with_fix(fix),
        );
    }
}

/// Methods of a numpy array that change it in place.
const IN_PLACE_METHODS: &[&str] = &[
    "fill",
    "itemset",
    "partition",
    "put",
    "resize",
    "setfield",
    "sort",
];

/// Whether the scope of the current statement writes into part of the
/// array `name` through an index: `img[-1][img[-1] == 3] = 4`,
/// `img[0].fill(0)`, `np.add(a, b, out=img[1:])`. A subscript is a view,
/// so each writes the loaded array, which a mapping with `mmap_mode="r"`
/// makes read-only: the fix would break the code. (A write straight into
/// it, `img[0] = 4`, is not an indexed read and never gets this far.)
fn writes_through_index(cx: &Context<'_>, name: &str) -> bool {
    let body = cx.scope_body();
    // `img[a][b]`: an index of the array, at any depth.
    let indexes_array = |expr: &Expr| {
        let mut part = expr;
        let mut indexed = false;
        while let Expr::Subscript(subscript) = part {
            part = &subscript.value;
            indexed = true;
        }
        indexed && matches!(part, Expr::Name(n) if n.id.as_str() == name)
    };
    body_contains(body, |expr| match expr {
        Expr::Subscript(subscript) => !subscript.ctx.is_load() && indexes_array(&subscript.value),
        Expr::Call(call) => {
            matches!(&*call.func, Expr::Attribute(method)
                if IN_PLACE_METHODS.contains(&method.attr.as_str())
                    && indexes_array(&method.value))
                || call.arguments.keywords.iter().any(|k| {
                    k.arg.as_ref().is_some_and(|a| a.as_str() == "out") && indexes_array(&k.value)
                })
        }
        _ => false,
    })
}

/// Whether `arg` is an open file object rather than a path: a call that
/// opens one (`open(path, "rb")`, `path.open("rb")`, `gzip.open(...)`,
/// `io.BytesIO(data)`, `urlopen(url)`), or a name bound by `with ... as f`
/// (what a context manager hands out is a handle). `numpy` maps only a path:
/// given a file object with `mmap_mode` it raises, so the help could not be
/// followed.
fn is_file_object(cx: &Context<'_>, arg: &Expr) -> bool {
    match arg {
        Expr::Call(call) => {
            let callee = match &*call.func {
                Expr::Name(name) => name.id.as_str(),
                Expr::Attribute(attribute) => attribute.attr.as_str(),
                _ => return false,
            };
            matches!(
                callee,
                "open"
                    | "BytesIO"
                    | "urlopen"
                    | "GzipFile"
                    | "TemporaryFile"
                    | "NamedTemporaryFile"
            )
        }
        Expr::Name(name) => cx
            .index()
            .resolve_name(cx.scope(), &name.id, name.start())
            .is_some_and(|b| cx.index().binding(b).kind == BindingKind::WithItem),
        _ => false,
    }
}

/// Whether the code calls the loaded path an `.npz` archive: the argument's
/// text names one, or the argument is a name whose one assignment in reach
/// does (`path = data_dir / "example.npz"`, then `np.load(path)`).
fn names_npz(cx: &Context<'_>, argument: &Expr) -> bool {
    let names = |text: &str| text.to_ascii_lowercase().contains("npz");
    if names(cx.slice(argument)) {
        return true;
    }
    let Expr::Name(name) = argument else {
        return false;
    };
    let index = cx.index();
    let Some(binding) = index.resolve_name(cx.scope(), name.id.as_str(), name.start()) else {
        return false;
    };
    let binding = index.binding(binding);
    if binding.kind != BindingKind::Assignment {
        return false;
    }
    // The assigned value, from the `=` after the name to the end of its line.
    let source = cx.source();
    let rest = &source[binding.range.end().to_usize()..];
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    line.trim_start().starts_with('=') && names(line)
}
