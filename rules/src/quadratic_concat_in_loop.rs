//! MEM307: `+=` on bytes, or on a str held in an attribute or item, inside a loop.

use memwise_core::effects::SPLITTING_METHODS;
use memwise_core::facts_self::{
    assigned_values, calls_self_method, first_parameter_name, for_each_scope_statement,
    method_of_self, methods_that, self_attribute,
};
use memwise_core::find::body_contains_stmt;
use memwise_core::python::{
    innermost_loop_body, int_literal, is_constant_name, leaves_loop_after, loop_suspends,
    once_behind_flag,
};
use memwise_core::uses::BoundValue;
use memwise_core::{
    BindingKind, Context, Diagnostic, FixAvailability, Rule, ScopeKind, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, CmpOp, Expr, NodeKind, Operator, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextRange, TextSize};

declare_rule! {
    /// ## What it does
    /// Checks for `x += ...` inside a `for` or `while` body where `x` is a
    /// local initialised from a bytes literal, or where the target is an
    /// attribute or subscript (`self.buf += chunk`) initialised from a str or
    /// bytes literal.
    ///
    /// ## Why is this bad?
    /// str and bytes are immutable: each `+=` builds a new object and copies
    /// the whole buffer into it, so a loop of n appends copies O(n²) bytes
    /// and churns through ever larger temporary buffers. CPython resizes a
    /// local str in place when nothing else refers to it, but that trick
    /// never applies to bytes, nor to a str stored in an attribute or a
    /// container.
    ///
    /// ## Example
    /// ```python
    /// def read_all(sock):
    ///     data = b""
    ///     while True:
    ///         chunk = sock.recv(4096)
    ///         if not chunk:
    ///             break
    ///         data += chunk
    ///     return data
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def read_all(sock):
    ///     parts = []
    ///     while True:
    ///         chunk = sock.recv(4096)
    ///         if not chunk:
    ///             break
    ///         parts.append(chunk)
    ///     return b"".join(parts)
    /// ```
    ///
    /// ## Known problems
    /// A buffer that is reset inside the same loop (flushed every few items)
    /// stays small and is not flagged; a buffer kept on the instance counts
    /// as reset when the loop calls a method of the class that resets it,
    /// directly or through the methods it calls (a tokenizer's
    /// `self.staged += ch`, emptied by the method that emits each token),
    /// and when the loop or such a method takes its parsed part off the
    /// front (`self.buf = self.buf[n:]`: a packet reader keeps one partial
    /// packet) or keeps a part a split of it gives (`lines, _, self.pending
    /// = self.pending.rpartition(b"\n")`: a line reader keeps the
    /// unfinished line).
    /// Nor is an item indexed by the loop's counter (`lines[i] += comment`
    /// over `for i in range(n)` or `enumerate`), by a key of the mapping it
    /// walks (`for k, v in d.items()`), or by the identity of the object it
    /// walks (`acc[id(v)] += part` over `for v in validators`): each pass
    /// grows another one. Nor is `buf += line` over `text.splitlines(True)`
    /// in the branch for a line without its line end (the `else:` of `if
    /// line[-1] == "\n":`, or `if not line.endswith("\n"):`): every line
    /// but the last keeps its end, so it runs once (the logging stream
    /// adapter FastChat and many others copy). Nor is a `+=` followed in its block by
    /// `break`, `return` or `raise` (`if found: buf += part; break`): the
    /// loop ends after it, so it grows the buffer once. Nor is a `+=` in
    /// the branch a flag guards that sets the flag itself (`if not
    /// started: head += part; started = True`, or the `else:` of `if
    /// self.begin:`), when nothing in the loop (or a method of the class
    /// it calls) clears the flag again: it runs on the first pass only.
    /// Nor is one in a loop
    /// that runs a few times at most: over a literal display (also through a
    /// local bound to one of up to 16 items that the code only reads: snap7's
    /// `available_ids`; or `zip` or `enumerate` of such locals), a small literal
    /// `range` (or one between two offsets of the same value, `range(n - 3,
    /// n + 2)`, or from a count up to a literal stop, `range(self.ndim,
    /// 3)`), a constant, an array's dimensions (`x.shape`,
    /// `range(x.ndim)`, `range(1, len(x.shape))`), or a `while n:` whose body divides `n` by a
    /// constant each time (`n >>= 7` as a varint's groups, `n //= 10` as a
    /// number's digits), which stops after about log(n) steps, or a `for`
    /// that leaves once a count of its passes (the index of `enumerate`, a
    /// `range` target, an `itertools.count(0, 7)` target, a name the body
    /// adds 1 to) reaches a literal up to 100 (a preview of the first three
    /// tokens; a varint read that raises once `shift >= 64`), or a `while` whose test
    /// holds such a count under a literal up to 100 (`while len(data) < n
    /// and retries < 10:`, a receive loop that gives up), or that ends once the
    /// buffer itself reaches a length up to 4096, written as a literal or
    /// an `UPPER_CASE` constant of the module or the class (`while len(buf)
    /// < 32:`, `if len(header) >= 32: break`: a header read until the
    /// magic number is in; `if len(buffer) >= self.MAX_REQUEST_LEN: raise
    /// ...`, also in a loop around the one that grows it), which it never
    /// grows much past, or a `while`
    /// that runs only while the buffer is empty (`while not buf:`: the first
    /// part that is not empty ends it, so nothing is copied). Nor is a `+=`
    /// in the body of an `if` inside the loop whose test holds the
    /// buffer's own length under such a bound (`if len(head) < 1024: head
    /// += chunk[:1024]`, the first bytes of a download kept to check its
    /// signature, as pyzotero does; also one operand of an `and`): once the
    /// buffer reaches the bound nothing more is added. Test code is not
    /// checked: a test's payloads are a few bytes, and no reviewer would
    /// change how a test builds them. A buffer grown in several places of
    /// one loop (both branches of an `if`) is reported once, at the first.
    /// A bytes buffer the loop also reads as it grows (`data.index(b";")`,
    /// `decompress(data)`) cannot wait for a join after the loop: the help
    /// is then a `bytearray`, which grows in place and reads like bytes; a
    /// `while` test that reads it (`while len(data) < n:`) counts. A str
    /// buffer the loop reads as it grows is not reported: str has no
    /// in-place twin, so no help could be followed. A buffer kept on an
    /// object (`self.text += chunk`) in a loop that lets other code run
    /// between passes (an `async for`, an `await` or a `yield` in it, or a
    /// call that wakes another thread: `event.set()`, `cond.notify()`) counts
    /// as read: that code sees the text so far (a streamed response), and a
    /// consumer that stops the generator early keeps the part it got. So
    /// does one kept through `self` that a method the loop calls grows too
    /// (`self.pane.text += note` in both): parts joined after the loop
    /// would lose the order of the two writers' messages. A part
    /// that is the rest of a stream (`buf += proc.stdout.read()`, with no
    /// size, or `readall()`, also through a local name that only such reads
    /// bind: `part = r.read()`, then `while part: buf += part; part =
    /// r.read()`) is not flagged: the first pass appends all
    /// there is and the others nothing, so the buffer is copied once. Nor
    /// is a read of exactly what the buffer still lacks (`while len(buf) <
    /// n: buf += f.read(n - len(buf))`, or `f.read(n)`; `while left > 0:`
    /// with `f.read(left)` and `left -= len(part)`): a file's `read(n)`
    /// returns all n bytes unless the stream ends, so the loop appends once
    /// (pyatv's `_readall`, Vertica's read of one message). A socket's
    /// `recv`, which returns what has arrived, and a fixed chunk size
    /// (`f.read(4096)`) are still reported.
    pub QuadraticConcatInLoop {
        code: "MEM307",
        name: "quadratic-concat-in-loop",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }
}

impl Rule for QuadraticConcatInLoop {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::StmtAugAssign]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::StmtAugAssign(aug) = node else {
            return;
        };
        if aug.op != Operator::Add {
            return;
        }
        let Some((loop_stmt, loop_range)) = innermost_loop_body(cx.statements()) else {
            return;
        };
        // A loop of a few steps (a literal list, the groups of a varint)
        // copies a few short buffers: no quadratic cost.
        if leaves_loop_after(cx.statements())
            || cx.loop_runs_few_times(loop_stmt)
            || once_behind_flag(cx.statements())
                .is_some_and(|flag| !cleared_in_loop(cx, loop_stmt, flag))
        {
            return;
        }
        // `for line in text.splitlines(True)`: only the last line can lack
        // its line end, so `buf += line` behind that test runs once.
        if only_the_unterminated_line(cx.statements(), aug) {
            return;
        }
        // `buf += stream.read()` with no size reads to the end: the first
        // pass appends everything there is, the others append nothing.
        if reads_to_end(&aug.value)
            || name_reads_to_end(cx, &aug.value)
            || reads_what_is_missing(cx, loop_stmt, aug)
        {
            return;
        }
        let kind = match &*aug.target {
            Expr::Name(name) => {
                let Some(kind) = local_bytes(cx, name.id.as_str(), loop_range) else {
                    return;
                };
                kind
            }
            Expr::Attribute(_) | Expr::Subscript(_) => {
                let Some(kind) = literal_initialised(cx, cx.slice(&*aug.target), loop_range) else {
                    return;
                };
                kind
            }
            _ => return,
        };
        // `parts[i] += x` over `for i in range(n)`: another item each pass.
        if let Expr::Subscript(item) = &*aug.target
            && indexes_by_pass(cx, loop_stmt, &item.slice)
        {
            return;
        }
        if reset_by_method_called_in(cx, loop_stmt, &aug.target)
            || grown_only_below_bound(cx, loop_stmt, aug)
            || cx
                .statements()
                .iter()
                .filter(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
                .any(|outer| capped_by_own_length(cx, outer, &aug.target))
        {
            return;
        }
        let target = cx.slice(&*aug.target);
        // One finding per buffer and loop: `buf += a` in one branch and
        // `buf += b` in another are the same quadratic growth.
        if let Some(outer) = outermost_loop(cx.statements())
            && earlier_concat(cx, outer, target, aug.start())
        {
            return;
        }
        // A buffer kept on an object, in a loop that lets other code run
        // between passes, is read as it grows by that code.
        let read = read_in_loop(cx, loop_stmt, target)
            || !aug.target.is_name_expr() && loop_suspends(loop_stmt)
            || grown_by_method_called_in(cx, loop_stmt, &aug.target);
        let (type_name, help) = match kind {
            // A str the loop reads as it grows (`while len(self.buffer) <
            // n`, `self.buffer.find(...)`) has no in-place twin to grow
            // instead: parts joined after the loop would not be there to
            // read, so no help can be followed.
            Literal::Str if read => return,
            Literal::Str => (
                "str",
                "collect the parts in a list and `\"\".join(parts)` after the loop, or write them to an `io.StringIO`",
            ),
            // The loop reads the buffer as it grows (`data.index(b";")`):
            // parts joined after the loop would not be there to read.
            Literal::Bytes if read => (
                "bytes",
                "make the buffer a `bytearray`: it grows in place and is searched, sliced and decoded like bytes, so the reads in the loop keep working",
            ),
            Literal::Bytes => (
                "bytes",
                "collect the parts in a list and `b\"\".join(parts)` after the loop, or use a `bytearray` or `io.BytesIO`",
            ),
        };
        let message = format!(
            "`{target} += ...` inside a loop copies the whole {type_name} buffer on every iteration"
        );
        cx.report(
            Diagnostic::new(&QuadraticConcatInLoop::META, message, aug.range).with_help(help),
        );
    }
}

/// The largest bound (in bytes or characters) under which a buffer whose
/// loop stops at it counts as small: a page. Filled one byte at a time it
/// copies 8 MiB in all; headers and magic numbers are far shorter.
const SMALL_BUFFER: u64 = 4096;

/// Whether the loop ends once the buffer holds a few bytes: `while
/// len(buf) < 32:`, or an `if len(buf) >= 32: break` (or `raise`,
/// `return`) among its statements
/// (a header read until the magic number is in). The buffer never grows
/// past the bound and one more part, so no pass copies much. Likewise a
/// `while` that runs only while the buffer is empty.
fn capped_by_own_length(cx: &Context<'_>, loop_stmt: &Stmt, target: &Expr) -> bool {
    let caps = |test: &Expr, ops: &[CmpOp]| caps_own_length(cx, test, target, ops);
    let target = cx.slice(target);
    let is_length = |e: &Expr| is_length_of(cx, e, target);
    // `while not buf:` (or `while len(buf) == 0:`) grows the buffer only
    // while it is empty: the first part that is not ends the loop, so
    // nothing is ever copied (sarge's `self.current` waiting for data).
    let while_empty = |test: &Expr| match test {
        Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => {
            cx.slice(&*unary.operand) == target || is_length(&unary.operand)
        }
        Expr::Compare(compare) => {
            matches!((&*compare.ops, &*compare.comparators), ([CmpOp::Eq], [right])
                if is_length(&compare.left) && int_literal(right) == Some(0))
        }
        _ => false,
    };
    let bounded_by_test = match loop_stmt {
        Stmt::While(while_stmt) => {
            caps(&while_stmt.test, &[CmpOp::Lt, CmpOp::LtE]) || while_empty(&while_stmt.test)
        }
        _ => false,
    };
    // `if len(buf) >= 1024: raise ...` (or `break`, `return`) among the
    // loop's statements.
    bounded_by_test
        || loop_body(loop_stmt).iter().any(|stmt| {
            matches!(stmt, Stmt::If(if_stmt)
            if caps(&if_stmt.test, &[CmpOp::Gt, CmpOp::GtE])
                && matches!(
                    if_stmt.body.last(),
                    Some(Stmt::Break(_) | Stmt::Return(_) | Stmt::Raise(_))
                ))
        })
}

/// Whether `test` is `len(buf) OP bound` (or `bound OP' len(buf)`, read
/// as the first form) with `OP` among `ops` and a bound of at most
/// [`SMALL_BUFFER`], for the buffer `target`.
fn caps_own_length(cx: &Context<'_>, test: &Expr, target: &Expr, ops: &[CmpOp]) -> bool {
    let target = cx.slice(target);
    let is_small = |e: &Expr| small_constant(cx, e).is_some_and(|n| n <= SMALL_BUFFER);
    let Expr::Compare(compare) = test else {
        return false;
    };
    let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
        return false;
    };
    (is_length_of(cx, &compare.left, target) && is_small(right) && ops.contains(op))
        || (is_small(&compare.left)
            && is_length_of(cx, right, target)
            && ops.iter().any(|o| *o == mirrored(*op)))
}

/// Whether `e` is `len(<target>)`.
fn is_length_of(cx: &Context<'_>, e: &Expr, target: &str) -> bool {
    matches!(e, Expr::Call(call)
        if matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "len")
            && call.arguments.keywords.is_empty()
            && matches!(call.arguments.args.as_ref(), [buffer] if cx.slice(buffer) == target))
}

/// Whether the `+=` runs only while the buffer is short: it is in the
/// body of an `if` inside the loop whose test (or one operand of an
/// `and` test) holds the buffer's own length under a small bound (`if
/// len(head) < 1024: head += chunk[:1024]`, the first bytes of a
/// download kept to check its signature). Once the buffer reaches the
/// bound nothing is added, so no pass copies more than the bound and
/// one part.
fn grown_only_below_bound(cx: &Context<'_>, loop_stmt: &Stmt, aug: &ast::StmtAugAssign) -> bool {
    let below = |test: &Expr| caps_own_length(cx, test, &aug.target, &[CmpOp::Lt, CmpOp::LtE]);
    cx.statements().iter().any(|stmt| {
        let Stmt::If(if_stmt) = stmt else {
            return false;
        };
        let (Some(first), Some(last)) = (if_stmt.body.first(), if_stmt.body.last()) else {
            return false;
        };
        loop_stmt.range().contains_range(if_stmt.range)
            && TextRange::new(first.start(), last.end()).contains_range(aug.range)
            && match &*if_stmt.test {
                Expr::BoolOp(bool_op) if bool_op.op == ast::BoolOp::And => {
                    bool_op.values.iter().any(below)
                }
                test => below(test),
            }
    })
}

fn loop_body(loop_stmt: &Stmt) -> &[Stmt] {
    match loop_stmt {
        Stmt::For(for_stmt) => &for_stmt.body,
        Stmt::While(while_stmt) => &while_stmt.body,
        _ => &[],
    }
}

/// An int literal, or a constant bound to one: an `UPPER_CASE` name the
/// module binds to it, or an `UPPER_CASE` attribute of `self` or `cls`
/// the enclosing class body binds to it (zuul's `self.MAX_REQUEST_LEN`).
fn small_constant(cx: &Context<'_>, expr: &Expr) -> Option<u64> {
    if let Some(n) = int_literal(expr) {
        return Some(n);
    }
    let (name, body) = match expr {
        Expr::Name(name) => (name.id.as_str(), cx.module()),
        Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(n) if matches!(n.id.as_str(), "self" | "cls")) => {
            (attribute.attr.as_str(), &cx.enclosing_class()?.body[..])
        }
        _ => return None,
    };
    if !is_constant_name(name) {
        return None;
    }
    let mut values = body.iter().filter_map(|stmt| match stmt {
        Stmt::Assign(assign)
            if matches!(&*assign.targets, [Expr::Name(n)] if n.id.as_str() == name) =>
        {
            Some(&*assign.value)
        }
        Stmt::AnnAssign(ann) if matches!(&*ann.target, Expr::Name(n) if n.id.as_str() == name) => {
            ann.value.as_deref()
        }
        _ => None,
    });
    match (values.next(), values.next()) {
        (Some(value), None) => int_literal(value),
        _ => None,
    }
}

/// The operator that reads the same with its operands swapped (`<` for `>`).
fn mirrored(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::GtE => CmpOp::LtE,
        other => other,
    }
}

/// Whether `key` takes a new value each pass of the `for` loop: its counter
/// (`for i in range(n)`, `for i, x in enumerate(xs)`), a key of the mapping
/// it walks (`for k, v in d.items()`, `for k in d.keys()`: a mapping's keys
/// are distinct), or the identity of the object it walks (`id(v)` over
/// `for v in validators`). The item grown is another one each time, so no
/// buffer grows across passes. (A key computed from the item, such as
/// `groups[line.key]`, may repeat: a grouping grows the same item again.)
fn indexes_by_pass(cx: &Context<'_>, loop_stmt: &Stmt, key: &Expr) -> bool {
    let Stmt::For(for_stmt) = loop_stmt else {
        return false;
    };
    let key = match key {
        Expr::Name(key) => key,
        // `id(v)`, with `v` the loop's whole target.
        Expr::Call(call)
            if call.arguments.keywords.is_empty()
                && cx.resolves_to(&call.func, &["builtins.id"]).is_some() =>
        {
            return matches!((&call.arguments.args[..], &*for_stmt.target),
                ([Expr::Name(arg)], Expr::Name(target)) if arg.id == target.id);
        }
        _ => return false,
    };
    let Expr::Call(call) = &*for_stmt.iter else {
        return false;
    };
    let first_target = || match &*for_stmt.target {
        Expr::Tuple(targets) => match targets.elts.first() {
            Some(Expr::Name(target)) => Some(target),
            _ => None,
        },
        _ => None,
    };
    let counter = match (&*call.func, &*for_stmt.target) {
        (Expr::Name(_), Expr::Name(target))
            if cx.resolves_to(&call.func, &["builtins.range"]).is_some() =>
        {
            target
        }
        (Expr::Name(_), _)
            if cx
                .resolves_to(&call.func, &["builtins.enumerate"])
                .is_some() =>
        {
            match first_target() {
                Some(target) => target,
                None => return false,
            }
        }
        (Expr::Attribute(method), Expr::Name(target))
            if method.attr.as_str() == "keys" && call.arguments.is_empty() =>
        {
            target
        }
        (Expr::Attribute(method), _)
            if method.attr.as_str() == "items" && call.arguments.is_empty() =>
        {
            match first_target() {
                Some(target) => target,
                None => return false,
            }
        }
        _ => return false,
    };
    counter.id == key.id
}

/// Whether the loop calls a method of the class that resets `self.attr` to a
/// literal or to its own tail, itself or through other methods it calls (a tokenizer's
/// `self.staged += ch`, and `self.flush_stage()`, which emits the token and
/// sets `self.staged = ""`, called at each boundary): the buffer holds one
/// piece between resets, as one reset in the loop itself keeps it.
fn reset_by_method_called_in(cx: &Context<'_>, loop_stmt: &Stmt, target: &Expr) -> bool {
    let Some((attribute, self_name, class)) = self_attribute(cx, target) else {
        return false;
    };
    let attr = attribute.attr.as_str();
    let resets = methods_that(class, |def| {
        let mut finder = AttributeReset {
            attr,
            holder: None,
            found: false,
        };
        finder.visit_body(&def.body);
        finder.found
    });
    if calls_self_method(
        std::slice::from_ref(loop_stmt),
        self_name.id.as_str(),
        &resets,
    ) {
        return true;
    }
    // The loop itself takes the parsed part off the front.
    let mut finder = AttributeReset {
        attr,
        holder: Some(self_name.id.as_str()),
        found: false,
    };
    finder.visit_stmt(loop_stmt);
    finder.found
}

/// Whether the loop may set `flag` (a [`once_behind_flag`]) to something
/// other than `True`, itself or through a method of the class it calls
/// (`self.reset()` clearing `self.begin`): then the branch behind it may
/// run again.
fn cleared_in_loop(cx: &Context<'_>, loop_stmt: &Stmt, flag: &Expr) -> bool {
    let sets_other = |body: &[Stmt], wanted: &str| {
        body_contains_stmt(body, |stmt| stores_other_than_true(cx, stmt, wanted))
    };
    if sets_other(std::slice::from_ref(loop_stmt), cx.slice(flag)) {
        return true;
    }
    let Some((_, self_name, class)) = self_attribute(cx, flag) else {
        return false;
    };
    let path = &cx.slice(flag)[self_name.id.len()..];
    let clearers = methods_that(class, |def| {
        first_parameter_name(def).is_some_and(|me| sets_other(&def.body, &format!("{me}{path}")))
    });
    calls_self_method(
        std::slice::from_ref(loop_stmt),
        self_name.id.as_str(),
        &clearers,
    )
}

/// Whether `stmt` stores to `<wanted>` anything but `True` (or deletes it).
fn stores_other_than_true(cx: &Context<'_>, stmt: &Stmt, wanted: &str) -> bool {
    fn is_flag(cx: &Context<'_>, target: &Expr, wanted: &str) -> bool {
        match target {
            Expr::Tuple(tuple) => tuple.elts.iter().any(|e| is_flag(cx, e, wanted)),
            Expr::List(list) => list.elts.iter().any(|e| is_flag(cx, e, wanted)),
            Expr::Starred(starred) => is_flag(cx, &starred.value, wanted),
            _ => cx.slice(target) == wanted,
        }
    }
    let is_flag = |t: &Expr| is_flag(cx, t, wanted);
    match stmt {
        Stmt::Assign(assign) => {
            assign.targets.iter().any(is_flag)
                && !matches!(&*assign.value, Expr::BooleanLiteral(b) if b.value)
        }
        Stmt::AugAssign(aug) => is_flag(&aug.target),
        Stmt::AnnAssign(ann) => is_flag(&ann.target),
        Stmt::Delete(delete) => delete.targets.iter().any(is_flag),
        _ => false,
    }
}

/// Whether the loop calls a method of the class that grows the buffer it
/// keeps through `self` (`self.text`, `self.pane.text`) too, itself or
/// through the methods it calls: what that method adds falls between the
/// loop's parts, in an order that parts joined after the loop would lose
/// (a status pane that the loop and the method it calls for each file both
/// append messages to). One that only reads it does not count.
fn grown_by_method_called_in(cx: &Context<'_>, loop_stmt: &Stmt, target: &Expr) -> bool {
    let mut root = target;
    while let Expr::Attribute(ast::ExprAttribute { value, .. })
    | Expr::Subscript(ast::ExprSubscript { value, .. }) = root
    {
        root = value;
    }
    let Expr::Name(self_name) = root else {
        return false;
    };
    let Some((_, class)) = method_of_self(cx, self_name) else {
        return false;
    };
    // The path from `self` on (`.pane.text`), to find under whatever name a
    // method gives its own first parameter.
    let path = &cx.slice(target)[self_name.id.len()..];
    let growers = methods_that(class, |def| {
        first_parameter_name(def).is_some_and(|me| {
            let wanted = format!("{me}{path}");
            body_contains_stmt(&def.body, |stmt| {
                matches!(stmt, Stmt::AugAssign(aug)
                    if aug.op == Operator::Add && cx.slice(&*aug.target) == wanted)
            })
        })
    });
    calls_self_method(
        std::slice::from_ref(loop_stmt),
        self_name.id.as_str(),
        &growers,
    )
}

/// Finds `<x>.attr = "..."` (or `b"..."`), the buffer emptied or restarted,
/// or `<x>.attr = <x>.attr[n:]`, its parsed part taken off, or `<x>.attr`
/// bound to a part of itself that a split gives (`head, _, <x>.attr =
/// <x>.attr.partition(sep)`, `<x>.attr = <x>.attr.split(sep)[-1]`).
struct AttributeReset<'n> {
    attr: &'n str,
    /// The object whose attribute it must be, when known (in the loop,
    /// `frag.text = ""` does not empty `self.text`).
    holder: Option<&'n str>,
    found: bool,
}

impl AttributeReset<'_> {
    fn is_buffer(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Attribute(a) if a.attr.as_str() == self.attr)
    }

    /// Whether `target` is the buffer, alone or among the names a tuple
    /// unpacks into.
    fn stores_buffer(&self, target: &Expr) -> bool {
        match target {
            Expr::Attribute(attribute) => {
                attribute.attr.as_str() == self.attr
                    && self.holder.is_none_or(
                        |h| matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == h),
                    )
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().any(|e| self.stores_buffer(e))
            }
            Expr::Starred(starred) => self.stores_buffer(&starred.value),
            _ => false,
        }
    }

    /// Whether `value` is a part of the buffer: a slice of it, or what a
    /// string method that splits it gives, or an item of that.
    fn part_of_buffer(&self, value: &Expr) -> bool {
        match value {
            Expr::Subscript(item) => {
                item.slice.is_slice_expr() && self.is_buffer(&item.value)
                    || self.part_of_buffer(&item.value) && item.value.is_call_expr()
            }
            Expr::Call(call) => matches!(&*call.func, Expr::Attribute(method)
                if SPLITTING_METHODS.contains(&method.attr.as_str())
                    && self.is_buffer(&method.value)),
            _ => false,
        }
    }
}

impl<'a> Visitor<'a> for AttributeReset<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::Assign(assign) = stmt
            && let [target] = &*assign.targets
            && self.stores_buffer(target)
            && match &*assign.value {
                Expr::StringLiteral(_) | Expr::BytesLiteral(_) => target.is_attribute_expr(),
                // `self.buffer = self.buffer[n:]`: the parsed part taken off
                // the front, so the buffer holds only what is not parsed yet;
                // `lines, _, self.pending = self.pending.rpartition(b"\n")`:
                // it holds the unfinished line.
                value => self.part_of_buffer(value),
            }
        {
            self.found = true;
        }
        if !self.found && !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }
}

/// Whether a `while` loop reads exactly what its buffer still lacks: its
/// test is `len(buf) < n` and the part is `x.read(n)` or `x.read(n -
/// len(buf))`, or its test is a count `r` of bytes left (`while r > 0:`,
/// `while r:`) that the body lowers (`r -= len(data)`) and the part is
/// `x.read(r)`; the part may be a local the body binds to that read
/// (`data = f.read(r)`, then `buf += data`). A file's `read(size)` returns
/// every byte asked for unless the stream ends, so the loop appends once
/// and stops (pyatv's `_readall`, pwntools' `dd`): nothing is copied
/// again. A socket's `recv` returns what has arrived, and a read of a
/// fixed chunk size (`f.read(4096)`) until the end is the quadratic loop
/// itself: neither is taken for this.
fn reads_what_is_missing(cx: &Context<'_>, loop_stmt: &Stmt, aug: &ast::StmtAugAssign) -> bool {
    let Stmt::While(while_stmt) = loop_stmt else {
        return false;
    };
    let target = cx.slice(&*aug.target);
    let is_len_of_target = |e: &Expr| {
        matches!(e, Expr::Call(call)
            if cx.resolves_to(&call.func, &["builtins.len"]).is_some()
                && matches!(&*call.arguments.args, [arg] if cx.slice(arg) == target)
                && call.arguments.keywords.is_empty())
    };
    // The size the part is read with.
    let part = match &*aug.value {
        Expr::Name(name) => {
            let bound = while_stmt.body.iter().find_map(|stmt| match stmt {
                Stmt::Assign(assign)
                    if matches!(assign.targets.as_slice(), [Expr::Name(t)] if t.id == name.id) =>
                {
                    Some(&*assign.value)
                }
                _ => None,
            });
            match bound {
                Some(value) => value,
                None => return false,
            }
        }
        value => value,
    };
    let Expr::Call(call) = part else {
        return false;
    };
    let (Expr::Attribute(method), [size], []) = (
        &*call.func,
        &*call.arguments.args,
        &*call.arguments.keywords,
    ) else {
        return false;
    };
    if method.attr.as_str() != "read" {
        return false;
    }
    let Expr::Compare(test) = &*while_stmt.test else {
        // `while r:` with `x.read(r)`, `r` lowered in the body.
        return matches!((&*while_stmt.test, size), (Expr::Name(t), Expr::Name(r))
            if t.id == r.id && lowers(&while_stmt.body, r.id.as_str()));
    };
    // The test as `lesser < greater`.
    let (lesser, greater) = match (&*test.ops, &*test.comparators) {
        ([CmpOp::Lt], [right]) => (&*test.left, right),
        ([CmpOp::Gt], [right]) => (right, &*test.left),
        _ => return false,
    };
    if is_len_of_target(lesser) {
        // `while len(buf) < n:` with `read(n)` or `read(n - len(buf))`.
        let wanted = cx.slice(greater);
        return cx.slice(size) == wanted
            || matches!(size, Expr::BinOp(sub)
                if sub.op == Operator::Sub
                    && cx.slice(&*sub.left) == wanted
                    && is_len_of_target(&sub.right));
    }
    // `while r > 0:` with `read(r)`, `r` lowered in the body.
    matches!((lesser, greater, size), (Expr::NumberLiteral(_), Expr::Name(r), Expr::Name(s))
        if r.id == s.id && cx.slice(lesser) == "0" && lowers(&while_stmt.body, r.id.as_str()))
}

/// Whether `body` lowers `name` in a statement of its own (`r -= n`).
fn lowers(body: &[Stmt], name: &str) -> bool {
    let mut found = false;
    for_each_scope_statement(body, &mut |stmt| {
        found |= matches!(stmt, Stmt::AugAssign(aug)
            if aug.op == Operator::Sub
                && matches!(&*aug.target, Expr::Name(t) if t.id.as_str() == name));
    });
    found
}

/// `for line in text.splitlines(True): if line[-1] == "\n": ... else:
/// buf += line` (the logging stream adapter many projects copy): lines
/// kept with their ends all end in a line break but the last, so the
/// branch for a line without one runs once per loop.
fn only_the_unterminated_line(statements: &[&Stmt], aug: &ast::StmtAugAssign) -> bool {
    let [.., Stmt::For(for_stmt), Stmt::If(if_stmt), current] = statements else {
        return false;
    };
    let (Expr::Name(line), Expr::Name(part)) = (&*for_stmt.target, &*aug.value) else {
        return false;
    };
    if line.id != part.id
        || !for_stmt
            .body
            .iter()
            .any(|s| matches!(s, Stmt::If(i) if std::ptr::eq(i, if_stmt)))
    {
        return false;
    }
    let Expr::Call(call) = &*for_stmt.iter else {
        return false;
    };
    let keeps_ends = matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "splitlines")
        && match (&*call.arguments.args, &*call.arguments.keywords) {
            ([Expr::BooleanLiteral(b)], []) => b.value,
            ([], [keyword]) => {
                keyword
                    .arg
                    .as_ref()
                    .is_some_and(|a| a.as_str() == "keepends")
                    && matches!(&keyword.value, Expr::BooleanLiteral(b) if b.value)
            }
            _ => false,
        };
    if !keeps_ends {
        return false;
    }
    let is_line = |e: &Expr| matches!(e, Expr::Name(n) if n.id == line.id);
    let is_newline = |e: &Expr| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "\n");
    // `line[-1] == "\n"` (`!=` for the other branch) or
    // `line.endswith("\n")` (under `not` for the other branch).
    let ends_test = |test: &Expr| -> Option<bool> {
        match test {
            Expr::Compare(compare) => {
                let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
                    return None;
                };
                let last_char = matches!(&*compare.left, Expr::Subscript(sub)
                    if is_line(&sub.value)
                        && matches!(&*sub.slice, Expr::UnaryOp(u)
                            if u.op == UnaryOp::USub && int_literal(&u.operand) == Some(1)));
                if !last_char || !is_newline(right) {
                    return None;
                }
                match op {
                    CmpOp::Eq => Some(true),
                    CmpOp::NotEq => Some(false),
                    _ => None,
                }
            }
            Expr::Call(_) => ends_test_call(test, &is_line, &is_newline).then_some(true),
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                ends_test_call(&u.operand, &is_line, &is_newline).then_some(false)
            }
            _ => None,
        }
    };
    let holds = |body: &[Stmt]| body.iter().any(|s| std::ptr::eq(s, *current));
    match ends_test(&if_stmt.test) {
        // The test says the line ends: the `+=` must be in the `else:`.
        Some(true) => matches!(&*if_stmt.elif_else_clauses, [clause]
            if clause.test.is_none() && holds(&clause.body)),
        Some(false) => holds(&if_stmt.body),
        None => false,
    }
}

/// `line.endswith("\n")`, for [`only_the_unterminated_line`].
fn ends_test_call(
    expr: &Expr,
    is_line: &dyn Fn(&Expr) -> bool,
    is_newline: &dyn Fn(&Expr) -> bool,
) -> bool {
    matches!(expr, Expr::Call(call)
        if matches!(&*call.func, Expr::Attribute(a)
            if a.attr.as_str() == "endswith" && is_line(&a.value))
            && matches!(&*call.arguments.args, [arg] if is_newline(arg))
            && call.arguments.keywords.is_empty())
}

/// A local name bound only by `part = x.read()` (no size), as in
/// `part = r.read()` / `while part: buf += part; part = r.read()`: each
/// part is the rest of a stream, so the second is empty and the loop
/// appends once, as with `buf += r.read()` itself.
fn name_reads_to_end(cx: &Context<'_>, value: &Expr) -> bool {
    let Expr::Name(name) = value else {
        return false;
    };
    let index = cx.index();
    let scope = index.scope(cx.scope());
    if scope.kind != ScopeKind::Function
        || scope.declares_global(name.id.as_str())
        || scope.declares_nonlocal(name.id.as_str())
    {
        return false;
    }
    let bindings = scope.bindings_of(name.id.as_str());
    if bindings.is_empty()
        || bindings
            .iter()
            .any(|id| index.binding(*id).kind != BindingKind::Assignment)
    {
        return false;
    }
    // Every binding must be one of these plain assignments: a `for`
    // target, a tuple target or a walrus would bind it otherwise.
    let values = assigned_values(cx.scope_body(), name.id.as_str());
    values.len() == bindings.len() && values.iter().all(|v| reads_to_end(v))
}

/// `x.read()`, `x.read(-1)` or `x.readall()`: the rest of a stream. Not
/// `self.read()`: a class's own `read` means what the class makes it
/// (esptool's loader returns one SLIP frame per call).
fn reads_to_end(value: &Expr) -> bool {
    let Expr::Call(call) = value else {
        return false;
    };
    let Expr::Attribute(method) = &*call.func else {
        return false;
    };
    if !call.arguments.keywords.is_empty()
        || matches!(&*method.value, Expr::Name(receiver) if receiver.id.as_str() == "self")
    {
        return false;
    }
    match (method.attr.as_str(), &*call.arguments.args) {
        ("read" | "readall", []) => true,
        ("read", [Expr::UnaryOp(op)]) => {
            op.op == ruff_python_ast::UnaryOp::USub
                && matches!(&*op.operand, Expr::NumberLiteral(n) if matches!(n.value, ruff_python_ast::Number::Int(ref i) if i.as_u8() == Some(1)))
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Literal {
    Str,
    Bytes,
}

/// The outermost `for`/`while` statement holding the current statement,
/// within the current function.
fn outermost_loop<'a>(statements: &[&'a Stmt]) -> Option<&'a Stmt> {
    let (_, enclosing) = statements.split_last()?;
    let start = enclosing
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        .map_or(0, |i| i + 1);
    enclosing[start..]
        .iter()
        .find(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
        .copied()
}

/// Whether `outer` holds a `target += ...` that starts before `before`.
fn earlier_concat(cx: &Context<'_>, outer: &Stmt, target: &str, before: TextSize) -> bool {
    struct Finder<'c, 'a> {
        cx: &'c Context<'a>,
        target: &'c str,
        before: TextSize,
        found: bool,
        /// Statements left to look at: a loop with thousands of `+=` to
        /// different buffers must not make the rule quadratic (past the
        /// budget, a repeat is reported again rather than searched for).
        budget: u32,
    }
    impl<'v> Visitor<'v> for Finder<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            if self.found || self.budget == 0 || stmt.start() >= self.before {
                return;
            }
            self.budget -= 1;
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::AugAssign(aug)
                    if aug.op == Operator::Add && self.cx.slice(&*aug.target) == self.target =>
                {
                    self.found = true;
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }

        fn visit_expr(&mut self, _expr: &'v Expr) {}
    }
    let mut finder = Finder {
        cx,
        target,
        before,
        found: false,
        budget: 2_000,
    };
    finder.visit_stmt(outer);
    finder.found
}

/// Whether the loop (its body, or a `while` test) reads `target` other
/// than to grow it with `+=`.
fn read_in_loop(cx: &Context<'_>, loop_stmt: &Stmt, target: &str) -> bool {
    struct Reads<'c, 'a> {
        cx: &'c Context<'a>,
        target: &'c str,
        found: bool,
        /// As in `earlier_concat`: a huge loop is not searched to the end.
        budget: u32,
    }
    impl<'v> Visitor<'v> for Reads<'_, '_> {
        fn visit_stmt(&mut self, stmt: &'v Stmt) {
            if self.found || self.budget == 0 {
                return;
            }
            self.budget -= 1;
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::AugAssign(aug) if self.cx.slice(&*aug.target) == self.target => {
                    self.visit_expr(&aug.value);
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }

        fn visit_expr(&mut self, expr: &'v Expr) {
            if self.found {
                return;
            }
            let load = match expr {
                Expr::Name(name) => name.ctx.is_load(),
                Expr::Attribute(attribute) => attribute.ctx.is_load(),
                Expr::Subscript(subscript) => subscript.ctx.is_load(),
                _ => false,
            };
            if load && self.cx.slice(expr) == self.target {
                self.found = true;
                return;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut reads = Reads {
        cx,
        target,
        found: false,
        budget: 2_000,
    };
    match loop_stmt {
        Stmt::For(for_stmt) => reads.visit_body(&for_stmt.body),
        // The test runs before every iteration: `while len(buf) < n` reads
        // the buffer as it grows.
        Stmt::While(while_stmt) => {
            reads.visit_expr(&while_stmt.test);
            reads.visit_body(&while_stmt.body);
        }
        _ => {}
    }
    reads.found
}

/// A local whose every binding is a bytes literal or a `+=`, with no
/// literal (re)initialisation inside the loop itself.
fn local_bytes(cx: &Context<'_>, name: &str, loop_range: TextRange) -> Option<Literal> {
    let index = cx.index();
    let scope = index.scope(cx.scope());
    if scope.declares_global(name) || scope.declares_nonlocal(name) {
        return None;
    }
    let mut initialised = false;
    for id in scope.bindings_of(name) {
        let binding = index.binding(*id);
        if binding.kind != BindingKind::Assignment {
            return None;
        }
        match binding.value {
            BoundValue::BytesLiteral if !loop_range.contains_range(binding.range) => {
                initialised = true;
            }
            BoundValue::AugAssign => {}
            _ => return None,
        }
    }
    initialised.then_some(Literal::Bytes)
}

/// `target = "..."` or `= b"..."` in the current function or, for
/// `self.<attr>`, in any method of the enclosing class, and never inside the
/// loop itself.
fn literal_initialised(cx: &Context<'_>, target: &str, loop_range: TextRange) -> Option<Literal> {
    let statements = cx.statements();
    let function_at = statements
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)));
    let mut finder = InitFinder {
        source: cx.source(),
        target,
        found: Vec::new(),
        depth: 0,
    };
    match function_at.map(|i| (i, statements[i])) {
        Some((i, Stmt::FunctionDef(def))) => {
            let class = i.checked_sub(1).and_then(|c| match statements[c] {
                Stmt::ClassDef(class) => Some(class),
                _ => None,
            });
            match class {
                Some(class) if target.starts_with("self.") => finder.visit_body(&class.body),
                _ => {
                    finder.depth = 1;
                    finder.visit_body(&def.body);
                }
            }
        }
        Some(_) => return None,
        None => finder.visit_body(cx.module()),
    }
    if finder.found.is_empty()
        || finder
            .found
            .iter()
            .any(|(r, _)| loop_range.contains_range(*r))
    {
        return None;
    }
    let first = finder.found[0].1;
    finder
        .found
        .iter()
        .all(|(_, kind)| *kind == first)
        .then_some(first)
}

/// Collects `target = <str or bytes literal>` statements, entering methods
/// of the class or function being searched but no deeper definitions.
struct InitFinder<'s> {
    source: &'s str,
    target: &'s str,
    found: Vec<(TextRange, Literal)>,
    depth: u32,
}

impl<'a> Visitor<'a> for InitFinder<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                // Methods of the searched class are one level down; anything
                // nested deeper has its own `self`.
                if self.depth == 0 {
                    self.depth += 1;
                    self.visit_body(&def.body);
                    self.depth -= 1;
                }
            }
            Stmt::ClassDef(_) => {}
            Stmt::Assign(assign) => {
                if let [target] = &*assign.targets
                    && &self.source[target.range()] == self.target
                {
                    let literal = match &*assign.value {
                        Expr::StringLiteral(_) => Some(Literal::Str),
                        Expr::BytesLiteral(_) => Some(Literal::Bytes),
                        _ => None,
                    };
                    if let Some(literal) = literal {
                        self.found.push((assign.range, literal));
                    }
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, _expr: &'a Expr) {}
}
