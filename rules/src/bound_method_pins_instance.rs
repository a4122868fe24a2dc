//! MEM106: `self` or a bound method of `self` handed to a registry that
//! lives as long as the process.

use memwise_core::facts_self::{
    MethodFacts, StoreForm, bound_method_names, first_parameter_name, for_each_scope_statement,
    method_of_self, private_helpers_of, self_attribute, self_parameter,
};
use memwise_core::facts_slots::class_layout;
use memwise_core::find::{expr_contains, for_each_stmt};
use memwise_core::python::{DEBUGGER_BASES, has_one_instance, is_process_base, is_thread_base};
use memwise_core::semantic::BindingId;
use memwise_core::{
    BindingKind, Context, Diagnostic, FixAvailability, Project, ProjectRule, Rule, ScopeId,
    ScopeKind, declare_rule,
};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, AnyNodeRef, Expr, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for `self`, or a bound method of `self`, handed to a registry
    /// that lives as long as the process: `atexit.register(self.m)`,
    /// `signal.signal(sig, self.m)`, `sys.settrace(self.m)`,
    /// `threading.settrace(self.m)`, and `weakref.finalize(self, self.m)` or
    /// `weakref.finalize(self, f, self)`. A callable that holds `self` in
    /// another way counts the same: a `lambda` that uses `self`, a function
    /// defined in the method whose body uses `self` (a closure over it), and
    /// `functools.partial(...)` of a bound method or with `self` among its
    /// arguments (`atexit.register(lambda: self.close())`,
    /// `signal.signal(sig, partial(stop, self))`). A lambda, nested function
    /// or partial that uses only other values (`lambda: remove_tree(path)`,
    /// `partial(remove_tree, self.path)`) holds no instance; nor does a
    /// lambda whose default reads a value off the instance (`lambda
    /// consumer=self.consumer: close(consumer)`: the default is evaluated
    /// when the lambda is made), unless that value is the instance or a
    /// bound method of it (`lambda s=self: ...`, `lambda stop=self.stop:
    /// stop()`).
    ///
    /// ## Why is this bad?
    /// A bound method holds its instance. The registry keeps the method, so
    /// the instance, and everything it references, stays alive until the
    /// interpreter exits (`atexit`) or until the handler or trace function
    /// is replaced, which long-running code seldom does. For
    /// `weakref.finalize` it is worse: the finalizer holds a strong
    /// reference to the very object it waits for, so that object is never
    /// collected and the finalizer runs only at exit. The Python
    /// documentation of `weakref.finalize` warns about exactly this.
    ///
    /// ## Example
    /// ```python
    /// import weakref
    ///
    ///
    /// class TempDir:
    ///     def __init__(self, path):
    ///         self.path = path
    ///         self._finalizer = weakref.finalize(self, self.cleanup)
    ///
    ///     def cleanup(self):
    ///         remove_tree(self.path)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import weakref
    ///
    ///
    /// class TempDir:
    ///     def __init__(self, path):
    ///         self.path = path
    ///         self._finalizer = weakref.finalize(self, remove_tree, path)
    /// ```
    ///
    /// ## Known problems
    /// This rule is opt-in (select it with `--select MEM106`). Whether an
    /// exit hook or a signal handler pins anything that would otherwise be
    /// freed depends on how many instances a process makes, and that is
    /// seldom visible in the code: on the PyPI projects no rule had been
    /// tuned on (corpora 3 to 302), 179 of its 372 findings read were
    /// false alarms, nearly all the same one: the object a process makes
    /// once (a server, a daemon, a tool's main object) registers the hook
    /// it needs until exit, and the pin is the point. The exemptions below
    /// take the shapes of it that the code shows; of the judged sites it
    /// still reports, 111 are false alarms against 19 true. A signal or trace
    /// slot holds one handler, so a later install frees the instance
    /// before it. Select it to audit exit hooks, signal handlers and
    /// finalizers: `weakref.finalize(self, self.m)`, whose object is never
    /// collected, is the one certain leak among them (of its judged sites,
    /// 3 true, 5 borderline, no false alarm).
    ///
    /// A long-lived singleton loses nothing by registering its own method.
    /// A class that says it is one is not reported (a base or metaclass
    /// named as a singleton, such as `SingletonConfigurable`, a Qt
    /// application class, which Qt allows once per process, or an
    /// `_instance` class attribute handed out by `__new__` or a class
    /// method, or an `__init__` that raises when a class attribute says an
    /// instance exists, as pudb's `Debugger` does, or asserts empty the
    /// global it binds to `self`, as FlexGet's `Manager` does), nor one
    /// whose module binds a global to an instance of it,
    /// made with no arguments, when imported (`profile = GlobalProfiler()`:
    /// the class serves that instance, which the module keeps until exit
    /// anyway; one made with arguments is one configuration of several;
    /// the same when the module never calls the class and binds such an
    /// instance of every subclass it derives from it, as TurboGears'
    /// `hooks = _TGGlobalHooksNamespace()` serves `HooksNamespace`),
    /// nor the object a program makes to run: the only use of the class in
    /// its module is one call in the module-level `main` function (what a
    /// console script or a `__main__` block runs once; also the function
    /// the module's `__main__` block calls, whatever its name: csvkit's
    /// `launch_new_instance`), not in a loop
    /// (supervisor's `pidproxy`: `pp = PidProxy(sys.argv)`; demo code
    /// written straight into a library module's `__main__` block does not
    /// count, nor does a class another use in the module may make again),
    /// nor a lazy singleton's: the only call of the class in its module
    /// assigns a global the function declares, under `if <global> is
    /// None:` (mitogen's `get_classic_worker_model`), or is made by a
    /// function without parameters whose result `functools.cache` or
    /// `lru_cache` keeps (`@lru_cache def get_settings(): return
    /// Settings()`); a type hint naming the class (`def get_backend() ->
    /// Backend:`) makes no instance.
    /// Nor is a class its module leaves to others to make (it makes none
    /// itself and uses the name for nothing else) when every checked file
    /// that uses it makes it where a process runs once: at module level
    /// when imported (a tool's `_handler = SignalHandler()`), or in the
    /// body of a class defined there (a class attribute, made when the
    /// `class` statement runs: mkdocs' `hooks = c.Hooks('plugins')`),
    /// outside any
    /// loop of a package's `__main__` module's `if __name__ ==
    /// "__main__":` block (what `python -m <package>` runs: mriqc's
    /// resource monitor making its one `ResourceRecorder`), or outside
    /// any loop of a module-level function a process runs once: any of a
    /// package's `__main__` module (kuyruk's `python -m kuyruk worker`
    /// making the one `Worker`, pyLoad's `Core`), and elsewhere `main`
    /// (what a console script runs), the function the module's
    /// `__main__` block calls, a command or group of a click or typer
    /// interface (`@click.command()`, `@cli.command()` where `cli` is a
    /// click group defined in the module, an application made there with
    /// `typer.Typer()`, or a name imported from another module: rq's
    /// `worker-pool` making the one `WorkerPool`; a chat bot's
    /// `@bot.command()`, run for every message, is not one, even in a
    /// module that also holds the script that starts the bot),
    /// or the `handle` method of a Django management command (the class
    /// `Command` derived from `BaseCommand` or another command class,
    /// which `manage.py` runs once: django-q's `qcluster` making the one
    /// `Cluster`), or a private helper (`def _name`) that such code or the
    /// module at import calls once, outside loops, and nothing else
    /// mentions (Aim's `_get_tracking_queue()`, called by its `Repo`
    /// class body). Another use anywhere (a subclass, the class handed
    /// to a factory, a call in a loop or in another function), or no call
    /// at all among the checked files, leaves the finding standing: a
    /// library's class is made by code memwise does not see. A check of
    /// the class's file alone reports it; `--project-root` gives the
    /// answer of a whole run.
    /// A class of a script that other modules import and make again is
    /// then missed. For one that
    /// does not say so (a server that runs until exit), suppress the
    /// finding with `# noqa: MEM106`. Nor is a class that keeps every
    /// instance itself: `__init__` adds `self` to a container of the class
    /// that nothing in the module ever empties (`Tracked.all.append(self)`);
    /// its instances live as long as the class anyway (that registry is
    /// MEM105's finding). `weakref.finalize` is reported even then: its
    /// object is never collected.
    ///
    /// `weakref.finalize(self, self._cleanup, ...)` with a `_cleanup` the
    /// class does not define (a base's, perhaps in another module) is not
    /// reported: the finalizer idiom makes it a static or class method
    /// (tempfile's `TemporaryDirectory`), which holds no instance, and
    /// memwise cannot see which it is. For the other registries an
    /// inherited `self.close` still counts as a bound method.
    ///
    /// A handler the code takes back itself is not reported: the previous
    /// handler returned by `signal.signal(...)` is kept (to be restored), the
    /// same class installs another handler for the same signal (or another
    /// trace function; a handler it saved on the instance, as
    /// `self._previous = signal.getsignal(...)` before `signal.signal(...,
    /// self._previous)` in `__exit__`, is the old handler put back; a
    /// handler installed for a signal picked at run time, as
    /// `signal.signal(signum, self)` in a helper called for each signal,
    /// counts as put back by any signal's restore in the class, and a
    /// restore for a signal picked at run time, as Trac's FastCGI server's
    /// loop over the `(signum, handler)` pairs it saved, puts back any
    /// signal the class installed a handler for, unless it runs in the
    /// handler itself or before the install in the same method), or it
    /// calls `atexit.unregister` with the same callable (or with where the
    /// method also stored it: `self._handler = stop` before
    /// `atexit.register(stop)`, then `atexit.unregister(self._handler)`).
    /// Outside the class, a `finally:` anywhere in the module that puts
    /// back the handler of the same named signal (`signal.signal(
    /// signal.SIGWINCH, signal.SIG_DFL)` once Twisted's `conch` has run
    /// its reactor, which made the session) takes it back too; a reset
    /// elsewhere in the module may run before the install, and does not.
    /// Code that never reaches that point still pins the instance.
    ///
    /// `sys.settrace` sets the trace function of the calling thread only:
    /// called from a `threading.Thread` subclass's `run` (or a method it
    /// makes its `run`, as supervisorctl's killable thread does with
    /// `self.run = self.__run`), it lasts as long as that thread, which
    /// holds its own object while it runs anyway, and is not reported. Nor
    /// is a subclass of the standard debugger (`bdb.Bdb`, `pdb.Pdb`)
    /// installing its trace function: `bdb` takes it out again itself
    /// (`sys.settrace(None)` when the user continues with no breakpoint
    /// left, or quits). What a `multiprocessing.Process` subclass's `run`
    /// registers (a signal handler, an `atexit` callback, a trace
    /// function), also one made from a start-method context
    /// (`spawn_context = multiprocessing.get_context("spawn")`, then
    /// `class Monitor(spawn_context.Process)`; a context imported from
    /// another module or looked up in a table, as ansible's
    /// `multiprocessing_context.Process` and mpire's
    /// `MP_CONTEXTS['mp']['fork'].Process`; `torch.multiprocessing`),
    /// lasts as long as the child process started to run that one object,
    /// and is not reported either (composer's `MlflowMonitorProcess`); its
    /// `start` runs in the parent and is. A thread's `run` installs no
    /// signal handler (`signal.signal` raises outside the main thread).
    /// Nor is a signal handler installed by a method that then runs a
    /// `while` loop testing the instance's own state
    /// (`signal.signal(SIGTERM, self.stop)`, then `while self.run:`, as
    /// Sanic's reloader and its extensions' worker processes do, or
    /// circuits' `Manager.run`): the handler is there to end that loop,
    /// the work of the process, and the instance is on the stack while
    /// it runs. A loop that ran before the install, or `while True:`,
    /// says nothing of the kind.
    /// What `run` does through a private helper only it calls
    /// (`self._set_signal_handlers()`) counts as `run`'s; a public method,
    /// or one the parent calls too, may run in the parent. A mixin that
    /// defines `run` for the process (or thread) classes of its module that
    /// derive from it, and that the module never makes itself, runs where
    /// they run (mpire's `AbstractWorker` under its fork, spawn and
    /// threading workers: its signal handlers are not reported, its
    /// `atexit` callbacks are, a thread keeping them until exit).
    /// `psutil.Process`, which starts no process, is no process base.
    /// These exemptions apply to lambdas, closures and partials as to bound
    /// methods (a lambda is never unregistered by `atexit.unregister`, which
    /// compares callables: a new lambda is a new callable).
    pub BoundMethodPinsInstance {
        code: "MEM106",
        name: "bound-method-pins-instance",
        opt_in: true,
        fix: FixAvailability::None,
        test_code: false,
    }
}

const REGISTRIES: &[&str] = &[
    "atexit.register",
    "signal.signal",
    "sys.settrace",
    "threading.settrace",
    "weakref.finalize",
];

impl Rule for BoundMethodPinsInstance {
    fn node_kinds(&self) -> &'static [NodeKind] {
        &[NodeKind::ExprCall]
    }

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {
        let AnyNodeRef::ExprCall(call) = node else {
            return;
        };
        let Some(registry) = cx.resolves_to(&call.func, REGISTRIES) else {
            return;
        };
        let arguments = &call.arguments;
        // The callable the registry keeps, and the other arguments it keeps
        // for the call (only `atexit.register` and `weakref.finalize` take any).
        let (callable, rest): (Option<&Expr>, Vec<&Expr>) = match registry {
            "signal.signal" => (arguments.find_argument_value("handler", 1), Vec::new()),
            "sys.settrace" | "threading.settrace" => (arguments.find_positional(0), Vec::new()),
            "atexit.register" => (
                arguments.find_positional(0),
                extra_arguments(arguments, 1).collect(),
            ),
            _ => {
                // `weakref.finalize(obj, func, *args, **kwargs)` pins `obj` only
                // when it is `self` that the callable or the arguments hold.
                let Some(Expr::Name(watched)) = arguments.find_positional(0) else {
                    return;
                };
                if method_of_self(cx, watched).is_none() {
                    return;
                }
                (
                    arguments.find_positional(1),
                    extra_arguments(arguments, 2).collect(),
                )
            }
        };
        let methods = enclosing_methods(cx);
        // `weakref.finalize(self, self._cleanup, ...)` with `_cleanup` a
        // base's: the finalizer idiom makes it a static or class method
        // (tempfile's `TemporaryDirectory`, tinygrad's `HCQProgram._fini`),
        // which holds no instance; only a method the class defines is known
        // to be bound.
        let callable = callable
            .filter(|c| registry != "weakref.finalize" || !is_inherited_self_attribute(cx, c));
        let pinned = callable
            .and_then(|c| holds_self(cx, &methods, c, true))
            .or_else(|| {
                rest.into_iter()
                    .find_map(|a| holds_self(cx, &methods, a, false))
            });
        let Some(Pinned { class, handed }) = pinned else {
            return;
        };
        if registry != "weakref.finalize"
            && (is_undone(cx, class, registry, call)
                || has_one_instance(cx.index(), cx.module(), cx.source(), class)
                || cx.containers().keeps_every_instance(&class.name))
        {
            return;
        }
        if registry != "weakref.finalize" {
            // What a process subclass's `run` registers lasts as long as the
            // child process started for that one object; a trace function
            // set in a thread's `run` as long as that thread, and a thread
            // cannot install a signal handler at all.
            let own = runs_in_its_own_thread_or_process(cx, class);
            let exempt = match registry {
                "atexit.register" => own == Some(Host::Process),
                "signal.signal" => own.is_some() || serves_until_stopped(cx, call),
                _ => own.is_some() || cx.derives_from(class, DEBUGGER_BASES),
            };
            if exempt {
                return;
            }
        }
        let message = if registry == "weakref.finalize" {
            format!(
                "`weakref.finalize` is handed {handed}, a strong reference to the `{}` it waits for: the object is never collected and the finalizer runs only at exit",
                class.name
            )
        } else {
            let until = match registry {
                "atexit.register" => "until the interpreter exits",
                "signal.signal" => "for as long as the handler is installed",
                _ => "for as long as the trace function is installed",
            };
            format!(
                "{handed} handed to `{}` keeps this `{}` alive {until}",
                cx.slice(&*call.func),
                class.name
            )
        };
        let diagnostic = Diagnostic::new(&BoundMethodPinsInstance::META, message, call.range())
            .with_help(
                "pass a module-level function with only the state it needs (`weakref.finalize(self, close_handle, self._handle)`), or wrap the method in `weakref.WeakMethod`",
            );
        // A finalizer's object is never collected, however many there are.
        if registry == "weakref.finalize" {
            cx.report(diagnostic);
        } else {
            cx.report_unless_made_once(diagnostic, class);
        }
    }
}

impl ProjectRule for BoundMethodPinsInstance {
    fn check_project(&self, project: &Project<'_>, report: &mut Vec<(usize, Diagnostic)>) {
        project.report_deferred(&Self::META, report);
    }
}

/// Whether the code takes the callable back out of the registry itself:
/// the previous handler returned by this call is kept (to be restored), or
/// the same class installs another handler for the same signal (or another
/// trace function) again, or unregisters the same `atexit` callback.
fn is_undone(
    cx: &Context<'_>,
    class: &ast::StmtClassDef,
    registry: &str,
    call: &ast::ExprCall,
) -> bool {
    if let Some(Stmt::Assign(assign)) = cx.statements().last()
        && assign.value.range() == call.range()
    {
        return true;
    }
    let signal_text = |c: &ast::ExprCall| {
        c.arguments
            .find_argument_value("signalnum", 0)
            .map(|e| cx.slice(e))
    };
    let ours = signal_text(call);
    let registered = registered_as(cx, call);
    // `signal.signal(signum, self)` in a helper or a loop over signals: the
    // number is picked at run time, so the handler put back for a named
    // signal (`signal.signal(signal.SIGINT, self._orig_sigint)`) may be it.
    let ours_at_run_time = call
        .arguments
        .find_argument_value("signalnum", 0)
        .is_some_and(Expr::is_name_expr);
    // `self._previous_handler`, saved with `signal.getsignal` and put back,
    // is data the instance holds, not one of its methods.
    let layout = class_layout(class, cx.module());
    let saved = layout.self_attributes();
    let pins = |h: &Expr| is_self_method(h, |name| saved.contains(name));
    // The method installed as the handler (`self._on_signal`), if the class
    // defines it.
    let handler_body = call
        .arguments
        .find_argument_value("handler", 1)
        .and_then(|h| self_attribute(cx, h))
        .and_then(|(a, _, _)| {
            class.body.iter().find_map(|stmt| match stmt {
                Stmt::FunctionDef(def) if def.name.as_str() == a.attr.as_str() => Some(def.range()),
                _ => None,
            })
        });
    // Gunicorn's `for s in SIGNALS: signal.signal(s, SIG_DFL)` before it
    // installs its own, in the same method: a reset, not a restore.
    let installing = cx
        .statements()
        .iter()
        .rev()
        .find(|s| s.is_function_def_stmt())
        .map(Ranged::range);
    let resets_first = |other: &ast::ExprCall| {
        installing.is_some_and(|f| f.contains_range(other.range())) && other.start() < call.start()
    };
    let mut found = false;
    let mut visitor = CallVisitor(|other: &ast::ExprCall| {
        if other.range() == call.range() {
            return;
        }
        let index = cx.index();
        let registries = &[
            "signal.signal",
            "sys.settrace",
            "threading.settrace",
            "atexit.unregister",
        ];
        // `import signal` inside the method (cmd2's `cmdloop`) binds the
        // module there, not at module level: the call that put the handler
        // back is resolved from the method as well.
        let other_registry = index
            .resolves_to(ScopeId::MODULE, &other.func, registries)
            .or_else(|| index.resolves_to(cx.scope(), &other.func, registries));
        found |= match (registry, other_registry) {
            ("atexit.register", Some("atexit.unregister")) => other
                .arguments
                .find_positional(0)
                .is_some_and(|e| registered.contains(&cx.slice(e))),
            ("signal.signal", Some("signal.signal")) => {
                // Either way round: a restore for a signal picked at run
                // time (`for signum, old in self._saved: signal.signal(signum,
                // old)`) may put back any of the signals installed. Not one
                // in the handler itself (`signal.signal(signum, SIG_DFL)` as
                // it runs): that undoes it only once the signal comes; nor a
                // reset before the install in the same method.
                let theirs_at_run_time = other
                    .arguments
                    .find_argument_value("signalnum", 0)
                    .is_some_and(Expr::is_name_expr)
                    && !handler_body.is_some_and(|body| body.contains_range(other.range()))
                    && !resets_first(other);
                let same_signal = ours.is_some()
                    && (ours_at_run_time || theirs_at_run_time || ours == signal_text(other));
                same_signal
                    && other
                        .arguments
                        .find_argument_value("handler", 1)
                        .is_some_and(|h| !pins(h))
            }
            ("sys.settrace", Some("sys.settrace"))
            | ("threading.settrace", Some("threading.settrace")) => {
                other.arguments.find_positional(0).is_some_and(|h| !pins(h))
            }
            _ => false,
        };
    });
    for stmt in &class.body {
        visitor.visit_stmt(stmt);
    }
    found || (registry == "signal.signal" && restored_in_finally(cx, class, ours))
}

/// Whether a `finally:` outside the class puts back the named signal's
/// handler (`signal.signal(signal.SIGWINCH, signal.SIG_DFL)`): the cleanup
/// of the function that ran the program (Twisted's `conch`, whose reactor
/// makes the session that installs it), so the handler is taken back once
/// that run ends. A reset elsewhere may run before the install.
fn restored_in_finally(cx: &Context<'_>, class: &ast::StmtClassDef, signal: Option<&str>) -> bool {
    let Some(signal) = signal else {
        return false;
    };
    let mut found = false;
    for_each_stmt(cx.module(), |stmt| {
        let Stmt::Try(try_stmt) = stmt else {
            return;
        };
        if found || class.range().contains_range(stmt.range()) {
            return;
        }
        let mut visitor = CallVisitor(|call: &ast::ExprCall| {
            found |= cx
                .index()
                .resolves_to(ScopeId::MODULE, &call.func, &["signal.signal"])
                .is_some()
                && call
                    .arguments
                    .find_argument_value("signalnum", 0)
                    .is_some_and(|s| cx.slice(s) == signal && !s.is_name_expr())
                && call
                    .arguments
                    .find_argument_value("handler", 1)
                    .is_some_and(|h| !is_self_method(h, |_| false));
        });
        for stmt in &try_stmt.finalbody {
            visitor.visit_stmt(stmt);
        }
    });
    found
}

/// What the callable handed to `atexit.register` goes by: its own text and,
/// for a name, each target the same function also binds it to
/// (`self._atexit_handler = stop` before `atexit.register(stop)`): the class
/// finds the closure there to unregister it, a lambda or closure being
/// otherwise out of its reach.
fn registered_as<'a>(cx: &Context<'a>, call: &'a ast::ExprCall) -> Vec<&'a str> {
    struct Aliases<'a, 'c> {
        cx: &'c Context<'a>,
        name: &'a str,
        found: Vec<&'a str>,
    }
    impl<'a> Visitor<'a> for Aliases<'a, '_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if let Stmt::Assign(assign) = stmt
                && let [target] = &*assign.targets
                && matches!(&*assign.value, Expr::Name(n) if n.id.as_str() == self.name)
            {
                self.found.push(self.cx.slice(target));
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    let Some(callable) = call.arguments.find_positional(0) else {
        return Vec::new();
    };
    let mut aliases = Aliases {
        cx,
        name: "",
        found: vec![cx.slice(callable)],
    };
    if let Expr::Name(name) = callable
        && let Some(Stmt::FunctionDef(function)) = cx
            .statements()
            .iter()
            .rev()
            .copied()
            .find(|s| s.is_function_def_stmt())
    {
        aliases.name = name.id.as_str();
        aliases.visit_body(&function.body);
    }
    aliases.found
}

/// `self.m`, `self`, or an expression that mentions `self` (a lambda, a
/// `functools.partial`): another handler that pins the instance too, not
/// one that takes it back. `self.x` where `is_data(x)` (an attribute the
/// class assigns, such as a saved previous handler) is not a method.
fn is_self_method(expr: &Expr, is_data: impl Fn(&str) -> bool) -> bool {
    match expr {
        Expr::Attribute(attribute) => {
            matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "self")
                && !is_data(attribute.attr.as_str())
        }
        Expr::Name(name) => name.id.as_str() == "self",
        Expr::Lambda(_) | Expr::Call(_) => {
            let mut mentions = NameVisitor(false);
            mentions.visit_expr(expr);
            mentions.0
        }
        _ => false,
    }
}

/// Whether a walked expression loads a name `self`.
struct NameVisitor(bool);

impl<'a> Visitor<'a> for NameVisitor {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && name.id.as_str() == "self"
        {
            self.0 = true;
        }
        visitor::walk_expr(self, expr);
    }
}

struct CallVisitor<F>(F);

impl<'a, F: FnMut(&'a ast::ExprCall)> Visitor<'a> for CallVisitor<F> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            (self.0)(call);
        }
        visitor::walk_expr(self, expr);
    }
}

/// Positional arguments from `start` on, and keyword values.
fn extra_arguments(arguments: &ast::Arguments, start: usize) -> impl Iterator<Item = &Expr> {
    arguments
        .args
        .iter()
        .skip(start)
        .chain(arguments.keywords.iter().map(|k| &k.value))
}

/// An instance method around the call, with the binding of its instance
/// parameter: the `self` a lambda or nested function can close over.
struct Method<'a> {
    class: &'a ast::StmtClassDef,
    self_binding: BindingId,
}

/// Whether the method that installs the handler (directly, not in a
/// function it defines) then runs a `while` loop that tests the instance's
/// own state (`signal.signal(SIGTERM, self.stop)`, then `while self.run:`
/// with `stop` clearing `self.run`, as Sanic's reloader and its
/// extensions' worker processes do). The handler exists to end that loop,
/// the process's work, and the instance is alive on the stack while it
/// runs.
fn serves_until_stopped(cx: &Context<'_>, call: &ast::ExprCall) -> bool {
    let statements = cx.statements();
    let Some(position) = statements
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
    else {
        return false;
    };
    let (Some(Stmt::ClassDef(_)), Stmt::FunctionDef(def)) = (
        position.checked_sub(1).map(|i| statements[i]),
        statements[position],
    ) else {
        return false;
    };
    let Some(instance) = first_parameter_name(def) else {
        return false;
    };
    let mut found = false;
    for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::While(loop_stmt) = stmt
            && !found
            && loop_stmt.start() > call.end()
        {
            found = expr_contains(&loop_stmt.test, |e| {
                matches!(e, Expr::Attribute(attribute)
                    if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == instance))
            });
        }
    });
    found
}

/// The instance methods around the current statement, innermost first.
fn enclosing_methods<'a>(cx: &Context<'a>) -> Vec<Method<'a>> {
    let index = cx.index();
    cx.statements()
        .windows(2)
        .rev()
        .filter_map(|pair| {
            let (Stmt::ClassDef(class), Stmt::FunctionDef(def)) = (pair[0], pair[1]) else {
                return None;
            };
            let class_scope = index.definition_scope(class.range)?;
            let parameter = self_parameter(index, class_scope, def)?;
            let def_scope = index.definition_scope(def.range)?;
            let self_binding = index.binding_at(def_scope, parameter.as_str(), parameter.range)?;
            Some(Method {
                class,
                self_binding,
            })
        })
        .collect()
}

/// What a class's `run` runs in, when it is not the caller's thread.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Host {
    /// The child process a `multiprocessing.Process` starts for the object.
    Process,
    /// A thread other than the main one.
    Thread,
    /// One or the other: a mixin whose subclasses are processes and threads
    /// (mpire's `AbstractWorker`, under its fork, spawn and threading
    /// workers).
    ProcessOrThread,
}

/// Whether the call is in what a `threading.Thread` subclass runs in its
/// own thread or a `multiprocessing.Process` subclass in its own process:
/// its `run`, a method it makes its `run` (`self.run = self.__run`,
/// supervisorctl's killable thread), or a private helper only those call
/// (mpire's `_set_signal_handlers`). A mixin that defines `run` for the
/// process and thread classes of its module that derive from it, and that
/// the module never makes itself, runs there too.
/// `sys.settrace` sets the trace function of the calling thread only: it
/// is dropped when that thread ends, and the running thread holds its own
/// object anyway. `signal.signal` works only in the main thread (elsewhere
/// it raises `ValueError`), so a thread installs no handler. The child
/// process of a `Process` lives to run its one object (composer's
/// `MlflowMonitorProcess` installs its signal handlers in `run`), so
/// nothing it registers there outlives that object.
fn runs_in_its_own_thread_or_process(cx: &Context<'_>, class: &ast::StmtClassDef) -> Option<Host> {
    let host = host_of(cx, class).or_else(|| mixin_host(cx, class))?;
    let method = cx
        .statements()
        .windows(2)
        .rev()
        .find_map(|pair| match pair {
            [Stmt::ClassDef(c), Stmt::FunctionDef(def)] if c.range == class.range => Some(def),
            _ => None,
        })?;
    // `self.run = self.__run` in one of its methods (supervisorctl).
    let made_run: Vec<&str> = bound_method_names(cx.index(), class)
        .into_iter()
        .filter(|&name| {
            MethodFacts::of_class(cx.index(), class).any(|facts| {
                facts
                    .bound_methods_on_self(|m| m == name)
                    .any(|store| store.attr == "run" && store.form == StoreForm::Attribute)
            })
        })
        .chain(["run"])
        .collect();
    private_helpers_of(class, &made_run)
        .contains(&method.name.as_str())
        .then_some(host)
}

/// Whether `class`'s own bases make it a process or a thread.
fn host_of(cx: &Context<'_>, class: &ast::StmtClassDef) -> Option<Host> {
    let bases = class.bases();
    if bases
        .iter()
        .any(|base| is_process_base(cx.index(), ScopeId::MODULE, cx.module(), base))
    {
        Some(Host::Process)
    } else if bases
        .iter()
        .any(|base| is_thread_base(cx.index(), ScopeId::MODULE, base))
    {
        Some(Host::Thread)
    } else {
        None
    }
}

/// What a mixin's `run` runs in: the hosts of the classes of its module
/// that derive from it, when there is at least one, each is a process or a
/// thread, and the module never calls the mixin itself.
fn mixin_host(cx: &Context<'_>, class: &ast::StmtClassDef) -> Option<Host> {
    struct Uses<'a, 'c> {
        name: &'a str,
        subclasses: Vec<&'c ast::StmtClassDef>,
        called: bool,
    }
    impl<'c> Visitor<'c> for Uses<'_, 'c> {
        fn visit_stmt(&mut self, stmt: &'c Stmt) {
            if let Stmt::ClassDef(def) = stmt
                && def
                    .bases()
                    .iter()
                    .any(|b| matches!(b, Expr::Name(n) if n.id.as_str() == self.name))
            {
                self.subclasses.push(def);
            }
            visitor::walk_stmt(self, stmt);
        }
        fn visit_expr(&mut self, expr: &'c Expr) {
            if let Expr::Call(call) = expr
                && matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.name)
            {
                self.called = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut uses = Uses {
        name: class.name.as_str(),
        subclasses: Vec::new(),
        called: false,
    };
    uses.visit_body(cx.module());
    if uses.called || uses.subclasses.is_empty() {
        return None;
    }
    let mut hosts = uses.subclasses.iter().map(|sub| host_of(cx, sub));
    hosts.try_fold(None, |seen, host| match (seen, host?) {
        (None, h) => Some(Some(h)),
        (Some(a), b) if a == b => Some(Some(a)),
        _ => Some(Some(Host::ProcessOrThread)),
    })?
}

/// What the registry is handed that holds the instance, and its class.
struct Pinned<'a> {
    class: &'a ast::StmtClassDef,
    /// How the message names it: `` `self.m` ``, `a lambda that uses `self``.
    handed: String,
}

/// Whether `expr` holds the instance of an enclosing method: the instance
/// or a bound method of it ([`pins_self`]), a lambda or a function whose
/// body loads that instance (a closure over `self`), or a
/// `functools.partial` whose function or arguments do.
fn holds_self<'a>(
    cx: &Context<'a>,
    methods: &[Method<'a>],
    expr: &Expr,
    as_callable: bool,
) -> Option<Pinned<'a>> {
    let index = cx.index();
    // The method whose instance is loaded somewhere in `range`.
    let closing_over = |range: TextRange| {
        methods.iter().find_map(|method| {
            let binding = index.binding(method.self_binding);
            binding
                .uses
                .iter()
                .any(|u| range.contains_range(u.range))
                .then_some((method.class, binding.name.as_str()))
        })
    };
    match expr {
        Expr::Name(_) | Expr::Attribute(_) if pins_self(cx, expr, as_callable) => {
            let name = match expr {
                Expr::Attribute(attribute) => attribute.value.as_name_expr()?,
                _ => expr.as_name_expr()?,
            };
            let (_, class) = method_of_self(cx, name)?;
            Some(Pinned {
                class,
                handed: format!("`{}`", cx.slice(expr)),
            })
        }
        // A default (`lambda consumer=self.consumer: close(consumer)`) is
        // evaluated when the lambda is made: the lambda keeps its value, not
        // what it was read from, so it holds the instance only when that
        // value does (`s=self`, `cb=self.close`).
        Expr::Lambda(lambda) => {
            if let Some((class, name)) = closing_over(lambda.body.range()) {
                return Some(Pinned {
                    class,
                    handed: format!("a lambda that uses `{name}`"),
                });
            }
            let parameters = lambda.parameters.as_deref()?;
            let held = parameters
                .posonlyargs
                .iter()
                .chain(&parameters.args)
                .chain(&parameters.kwonlyargs)
                .filter_map(|p| p.default.as_deref())
                .find_map(|default| holds_self(cx, methods, default, false))?;
            Some(Pinned {
                class: held.class,
                handed: format!("a lambda whose default is {}", held.handed),
            })
        }
        // A function defined inside the method: its closure holds `self`.
        Expr::Name(name) => {
            let binding = index.binding(index.resolve_name(cx.scope(), &name.id, name.start())?);
            if binding.kind != BindingKind::FunctionDef {
                return None;
            }
            let (_, def) = index.scope_ids().find(|(_, s)| {
                s.kind == ScopeKind::Function
                    && s.parent == Some(binding.scope)
                    && s.range.contains_range(binding.range)
            })?;
            let (class, self_name) = closing_over(def.range)?;
            Some(Pinned {
                class,
                handed: format!("`{}`, a function that uses `{self_name}`,", name.id),
            })
        }
        Expr::Call(call) => {
            cx.resolves_to(&call.func, &["functools.partial"])?;
            let arguments = &call.arguments;
            let held = arguments
                .find_positional(0)
                .and_then(|f| holds_self(cx, methods, f, true))
                .or_else(|| {
                    extra_arguments(arguments, 1).find_map(|a| holds_self(cx, methods, a, false))
                })?;
            Some(Pinned {
                class: held.class,
                handed: format!("`{}` (it holds {})", cx.slice(&*call.func), held.handed),
            })
        }
        _ => None,
    }
}

/// Whether `expr` is the instance or a bound method of it. Where the
/// registry calls `expr` (`as_callable`), `self.m` counts unless the class
/// stores data under `m`, since the method may be inherited; where `expr` is
/// only kept as an argument, `self.m` counts only for a method the class
/// defines (`self.path` there is the state the finalizer should get).
fn pins_self(cx: &Context<'_>, expr: &Expr, as_callable: bool) -> bool {
    match expr {
        Expr::Name(name) => method_of_self(cx, name).is_some(),
        Expr::Attribute(_) => {
            let Some((attribute, _, class)) = self_attribute(cx, expr) else {
                return false;
            };
            let method = attribute.attr.as_str();
            if bound_method_names(cx.index(), class).contains(&method) {
                return true;
            }
            as_callable && !defined_in_class(cx, class, method)
        }
        _ => false,
    }
}

/// `self.m` where the class defines nothing named `m` (neither a method nor
/// data): what it reads comes from a base.
fn is_inherited_self_attribute(cx: &Context<'_>, expr: &Expr) -> bool {
    self_attribute(cx, expr)
        .is_some_and(|(attribute, _, class)| !defined_in_class(cx, class, attribute.attr.as_str()))
}

/// Whether the class binds `name` other than as a method: a class attribute,
/// or `self.name = ...` in one of its methods.
fn defined_in_class(cx: &Context<'_>, class: &ast::StmtClassDef, name: &str) -> bool {
    let in_body = class.body.iter().any(|stmt| match stmt {
        Stmt::FunctionDef(def) => def.name.as_str() == name,
        Stmt::Assign(assign) => assign
            .targets
            .iter()
            .any(|t| t.as_name_expr().is_some_and(|n| n.id == name)),
        Stmt::AnnAssign(assign) => assign.target.as_name_expr().is_some_and(|n| n.id == name),
        _ => false,
    });
    in_body
        || MethodFacts::of_class(cx.index(), class)
            .any(|facts| facts.on_self.iter().any(|s| s.attr == name))
}
