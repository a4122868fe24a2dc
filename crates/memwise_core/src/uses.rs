//! How each reference of a binding is used: iterated, consumed by a call,
//! subscripted, returned, stored, passed elsewhere, `len()`-ed, captured, in a
//! loop. Recorded by the semantic index while it is built, so rules that ask
//! "is this list only iterated once?" (MEM303, MEM305, MEM306) read one answer.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::TextRange;

use crate::semantic::{Binding, ScopeId, ScopeKind, SemanticIndex};

/// What the expression around a reference does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseKind {
    /// The iterable of a `for` statement or of a comprehension generator.
    Iterated,
    /// The iterable argument of a call that consumes it once (see
    /// [`ONCE_CONSUMERS`] and [`consumed_iterable`]).
    Consumed,
    /// The only argument of the builtin `len`.
    Len,
    /// Read through a subscript or a slice: `x[i]`, `x[a:b]`.
    Subscripted,
    /// Written or deleted through a subscript: `x[i] = v`, `del x[i]`.
    SubscriptTarget,
    /// The receiver of an attribute: `x.append(...)`, `x.shape`.
    Attribute,
    /// Returned or yielded: `return x`, `yield x`, `yield from x`, a lambda's body.
    Returned,
    /// Stored elsewhere: the value of an assignment or a walrus, an element
    /// of a list, tuple, set or dict display.
    Stored,
    /// Any other argument of a call.
    Argument,
    /// Anything else: a comparison, an operand, a condition, a bare call `x()`.
    Other,
}

impl UseKind {
    /// A use that only reads the container, leaving what it holds as it is:
    /// iterated, consumed, measured or indexed.
    pub fn only_reads(self) -> bool {
        matches!(
            self,
            Self::Iterated | Self::Consumed | Self::Len | Self::Subscripted
        )
    }
}

/// One load of a binding.
#[derive(Debug, Clone, Copy)]
pub struct Use {
    /// The range of the loaded name.
    pub range: TextRange,
    /// The scope the load is written in.
    pub scope: ScopeId,
    /// What the surrounding expression does with the value.
    pub kind: UseKind,
    /// The innermost loop whose repeated part holds the load: a `for` body, a
    /// `while` test and body, or a comprehension after its first iterable.
    pub innermost_loop: Option<TextRange>,
}

impl Use {
    /// Whether the load runs once per iteration of a loop that does not also
    /// rebind `binding` on each iteration: the loop encloses the load but not
    /// the binding.
    pub fn in_loop_relative_to(&self, binding: &Binding) -> bool {
        self.innermost_loop
            .is_some_and(|lp| !lp.contains_range(binding.range))
    }

    /// Whether the load sits in a function or lambda nested inside the
    /// binding's scope, which can run any number of times, at any time.
    /// Comprehensions are not counted: they run in place.
    pub fn is_captured(&self, index: &SemanticIndex, binding: &Binding) -> bool {
        index
            .scopes_from(self.scope)
            .take_while(|s| *s != binding.scope)
            .any(|s| {
                matches!(
                    index.scope(s).kind,
                    ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Class
                )
            })
    }

    /// Whether this load iterates the value exactly once, in place: the
    /// iterable of a `for` or comprehension, or the argument of a consumer,
    /// outside any loop relative to the binding and not in a nested function.
    pub fn iterates_once(&self, index: &SemanticIndex, binding: &Binding) -> bool {
        matches!(self.kind, UseKind::Iterated | UseKind::Consumed)
            && !self.in_loop_relative_to(binding)
            && !self.is_captured(index, binding)
    }
}

/// What a binding was initialised with, when rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundValue {
    /// `x = "..."`: a str literal.
    StrLiteral,
    /// `x = b"..."`: a bytes literal.
    BytesLiteral,
    /// `x += ...`: an update of the previous value.
    AugAssign,
    /// `for x in ("a", "b"):`, `for i, entry in enumerate([{"name": "a"},
    /// ...])`: a loop variable over a literal display of literals (or of
    /// tuples and dicts of them), one of the few values written there.
    ConstantItem,
    /// Anything else.
    Unknown,
}

impl BoundValue {
    /// Whether `iterable` is a literal display of literals (or of tuples
    /// and dicts of them), or `enumerate` of one: a loop over it binds its
    /// target to one of a few values written in the code
    /// ([`BoundValue::ConstantItem`]).
    pub fn constant_items(iterable: &Expr) -> bool {
        fn constant(expr: &Expr) -> bool {
            match expr {
                Expr::Dict(dict) => dict
                    .items
                    .iter()
                    .all(|item| item.key.as_ref().is_some_and(constant) && constant(&item.value)),
                _ => crate::facts_containers::is_constant(expr),
            }
        }
        match iterable {
            Expr::List(ast::ExprList { elts, .. })
            | Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => elts.iter().all(constant),
            Expr::Call(call) => {
                matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "enumerate")
                    && call.arguments.keywords.is_empty()
                    && matches!(&*call.arguments.args, [only] if Self::constant_items(only))
            }
            _ => false,
        }
    }

    /// Classifies the value of an assignment to a plain name.
    pub fn of(value: &Expr) -> Self {
        match value {
            Expr::StringLiteral(_) => Self::StrLiteral,
            Expr::BytesLiteral(_) => Self::BytesLiteral,
            _ => Self::Unknown,
        }
    }
}

/// Calls that iterate their iterable argument exactly once and keep nothing
/// of it but their result (MEM304 and MEM305).
pub const ONCE_CONSUMERS: &[&str] = &[
    "builtins.sum",
    "builtins.any",
    "builtins.all",
    "builtins.min",
    "builtins.max",
    "builtins.sorted",
    "builtins.set",
    "builtins.frozenset",
    "builtins.tuple",
    "builtins.dict",
    "collections.Counter",
    "collections.deque",
    "heapq.nlargest",
    "heapq.nsmallest",
];

/// Whether some consumer could iterate an argument of `call` that `test`
/// accepts: a cheap syntactic check that spares resolving the callee of
/// nearly every call ([`consumed_iterable`] only ever picks one of one or
/// two positional arguments).
pub fn may_consume(call: &ast::ExprCall, test: impl Fn(&Expr) -> bool) -> bool {
    let args = &call.arguments.args;
    matches!(args.len(), 1 | 2) && args.iter().any(test)
}

/// The argument of `call` that `consumer` (one of [`ONCE_CONSUMERS`])
/// iterates once: the only positional argument; `sum(iterable, start)`'s
/// first; `heapq.nlargest(n, iterable)`'s last. `None` when the call compares
/// its arguments instead (`min(a, b)`), bounds the result (`deque(xs, 5)`),
/// or unpacks `*args`.
pub fn consumed_iterable<'e>(consumer: &str, call: &'e ast::ExprCall) -> Option<&'e Expr> {
    let args = &call.arguments.args;
    if args.is_empty() || args.iter().any(Expr::is_starred_expr) {
        return None;
    }
    let heap = matches!(consumer, "heapq.nlargest" | "heapq.nsmallest");
    match (args.len(), heap) {
        (2, true) => Some(&args[1]),
        (1, false) => Some(&args[0]),
        (2, false) if consumer == "builtins.sum" => Some(&args[0]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::UseKind;
    use crate::semantic::SemanticIndex;

    /// The use kinds of `xs` in the first function of `source`, and whether
    /// each load iterates it once.
    fn uses_of_xs(source: &str) -> Vec<(UseKind, bool)> {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let index = SemanticIndex::build(parsed.syntax());
        let scope = index
            .scopes()
            .iter()
            .position(|s| !s.bindings_of("xs").is_empty())
            .expect("a scope binds xs");
        let scope = &index.scopes()[scope];
        let id = scope.bindings_of("xs")[0];
        let binding = index.binding(id);
        binding
            .uses
            .iter()
            .map(|u| (u.kind, u.iterates_once(&index, binding)))
            .collect()
    }

    #[test]
    fn kinds_and_loops() {
        let source = "\
def f(data, out):
    xs = [d for d in data]
    for x in xs: pass
    sum(xs)
    min(xs, key=len)
    max(xs, 1)
    len(xs)
    xs[0]
    xs[0] = 1
    xs.sort()
    out.y = xs
    print(xs)
    [y for y in xs]
    for _ in data:
        for x in xs: pass
    def g():
        return xs
";
        assert_eq!(
            uses_of_xs(source),
            vec![
                (UseKind::Iterated, true),
                (UseKind::Consumed, true),
                (UseKind::Consumed, true),
                (UseKind::Argument, false),
                (UseKind::Len, false),
                (UseKind::Subscripted, false),
                (UseKind::SubscriptTarget, false),
                (UseKind::Attribute, false),
                (UseKind::Stored, false),
                (UseKind::Argument, false),
                (UseKind::Iterated, true),
                (UseKind::Iterated, false),
                (UseKind::Returned, false),
            ]
        );
    }
}
