//! What memwise knows about Python itself, in one place: which files are
//! test code, what a main guard is, which methods add to or remove from a
//! container, which methods receive the class. Every rule and the engine ask
//! here; a second copy of one of these facts drifts apart from the first.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ruff_python_ast::comparable::ComparableExpr;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, CmpOp, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::semantic::{ScopeId, ScopeKind, SemanticIndex};
use crate::settings::RuleSettings;

/// A matcher for the `test-paths` setting's globs, built by the linter (which
/// owns glob matching) and asked by [`is_test_code`].
pub type PathMatcher = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// The `test-paths` setting: globs matched, like `per-file-ignores`, against
/// the path relative to the configuration's folder and against the file name.
#[derive(Clone, Default)]
pub struct TestPaths {
    /// The folder the globs are relative to.
    pub root: PathBuf,
    /// The raw globs, for `--show-settings`.
    pub patterns: Vec<String>,
    /// Whether a path (relative to `root`, or a bare file name) matches.
    pub matcher: Option<PathMatcher>,
}

impl fmt::Debug for TestPaths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestPaths")
            .field("root", &self.root)
            .field("patterns", &self.patterns)
            .finish_non_exhaustive()
    }
}

impl TestPaths {
    /// Whether `path` matches one of the globs.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(matcher) = &self.matcher else {
            return false;
        };
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        matcher(relative)
            || path
                .file_name()
                .is_some_and(|name| matcher(Path::new(name)))
    }
}

/// Folders whose files are test code.
const TEST_FOLDERS: &[&str] = &["tests", "test", "testing"];

/// Whether a file is test code, by the spec's one definition: named
/// `test_*.py`, `*_test.py` or `conftest.py`, under a `tests/`, `test/` or
/// `testing/` folder, or matching `test-paths`. Folders are read from the
/// path below the configuration's folder when the file is under it, so a
/// checkout that happens to live in `~/test/` is not all test code.
///
/// Memory held for the life of one test does not leak, and test suites
/// build cycles, keep exceptions and read whole files on purpose: rules
/// that declare so in their metadata do not report here.
pub fn is_test_code(path: &Path, settings: &RuleSettings) -> bool {
    // A relative path is relative to the working folder: made absolute, it
    // is read below the configuration's folder as from any other folder
    // (`cd tests && memwise check .` sees test code as a run from the root).
    let absolute;
    let path = if path.is_relative() && settings.test_paths.root.is_absolute() {
        absolute = std::env::current_dir()
            .map_or_else(|_| path.to_path_buf(), |cwd| folded(&cwd.join(path)));
        absolute.as_path()
    } else {
        path
    };
    let relative = path
        .strip_prefix(&settings.test_paths.root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path);
    is_test_name_or_folder(relative) || settings.test_paths.matches(path)
}

/// Whether only MEM000 reports in the file at `path`: test code
/// ([`is_test_code`]), or a type stub (`.pyi`), which describes code that
/// lives elsewhere and runs nothing itself (its classes are never
/// instantiated, its functions have no bodies).
pub fn is_quiet_code(path: &Path, settings: &RuleSettings) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pyi"))
        || is_test_code(path, settings)
}

/// `path` with `.` and `..` folded away lexically (the configuration
/// resolver makes paths absolute with it too).
pub fn folded(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a module's own name says it holds tests or their helpers: the
/// names of the test folders, since a module is the same whether it is a
/// file or a package folder (`pkg/testing.py` is imported as `pkg/testing/`
/// is: tornado's and pyparsing's `testing`, Django's `tests.py`,
/// PyFilesystem2's `fs/test.py` of test cases), one they begin
/// (`testing_utils.py`), and the test-utilities module
/// (`testutils.py`, `testutil.py`: reportlab's, silx's).
fn is_test_module_name(stem: &str) -> bool {
    TEST_FOLDERS.contains(&stem)
        || matches!(stem, "testutils" | "testutil")
        || stem.starts_with("testing_")
        || stem.starts_with("tests_")
}

fn is_test_name_or_folder(path: &Path) -> bool {
    let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
        return false;
    };
    let stem = file
        .strip_suffix(".py")
        .or_else(|| file.strip_suffix(".pyi"))
        .or_else(|| file.strip_suffix(".ipynb"))
        .unwrap_or("");
    if stem == "conftest"
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || is_test_module_name(stem)
    {
        return true;
    }
    path.parent().is_some_and(|parent| {
        parent.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|c| TEST_FOLDERS.contains(&c))
        })
    })
}

/// Whether `test` is `__name__ == "__main__"` (either way round): the body
/// runs only when the file is executed as a script. `!=` is the opposite:
/// its body runs on import, like any module code.
pub fn is_main_guard(test: &Expr) -> bool {
    let Expr::Compare(compare) = test else {
        return false;
    };
    let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
        return false;
    };
    if !matches!(op, CmpOp::Eq) {
        return false;
    }
    let is_name = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == "__name__");
    let is_main = |e: &Expr| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "__main__");
    (is_name(&compare.left) && is_main(right)) || (is_main(&compare.left) && is_name(right))
}

/// Method names of a logger that emit a record (`logger.warning(...)`).
pub const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
];

/// Whether `stmt` is a statement that only emits a warning or a log record:
/// `warnings.warn(...)`, `logging.warning(...)`, `logger.info(...)` (any
/// receiver: a method named like a logging level, called for its effect).
/// A cache or set that only remembers what was already warned about is
/// bounded by the distinct warnings the program can emit.
pub fn is_warning_statement(index: &SemanticIndex, scope: ScopeId, stmt: &Stmt) -> bool {
    let Stmt::Expr(expression) = stmt else {
        return false;
    };
    let Expr::Call(call) = &*expression.value else {
        return false;
    };
    if index
        .resolves_to(
            scope,
            &call.func,
            &["warnings.warn", "warnings.warn_explicit"],
        )
        .is_some()
    {
        return true;
    }
    matches!(&*call.func, Expr::Attribute(attribute) if LOG_METHODS.contains(&attribute.attr.as_str()))
}

/// Methods that put items into a list, set, dict or deque.
pub const CONTAINER_ADD_METHODS: &[&str] = &[
    "append",
    "appendleft",
    "add",
    "extend",
    "extendleft",
    "insert",
    "setdefault",
    "update",
];

/// The [`CONTAINER_ADD_METHODS`] that take the items of their argument, not
/// the argument itself: `data.update(other)` copies `other`'s entries and
/// keeps no reference to `other`.
pub const CONTAINER_MERGE_METHODS: &[&str] = &["extend", "extendleft", "update"];

/// Methods that take items out of a list, set, dict or deque.
pub const CONTAINER_REMOVE_METHODS: &[&str] =
    &["pop", "popitem", "popleft", "clear", "remove", "discard"];

/// The base class of threads: an attribute a thread stores on itself is
/// read by the thread that started it, once it has joined it.
pub const THREAD_BASES: &[&str] = &["threading.Thread"];

/// The base classes of processes: a subclass's `run` is what the child
/// process started for that one object runs, until it ends.
pub const PROCESS_BASES: &[&str] = &[
    "multiprocessing.Process",
    "multiprocessing.context.Process",
    "multiprocessing.context.SpawnProcess",
    "multiprocessing.context.ForkProcess",
    "multiprocessing.context.ForkServerProcess",
];

/// Whether `base` names a process class ([`PROCESS_BASES`]), also through a
/// start-method context: one the module makes (`spawn_context =
/// multiprocessing.get_context("spawn")`, then `class
/// Monitor(spawn_context.Process)`), one imported from another module
/// (ansible's `multiprocessing_context.Process`) or looked up in a table
/// (mpire's `MP_CONTEXTS['mp']['fork'].Process`), or a module with the
/// standard library's interface (`torch.multiprocessing`, `billiard`).
/// The `Process` classes that start no process (`psutil.Process`, which
/// describes one, and SimPy's simulated processes) are not.
pub fn is_process_base(
    index: &SemanticIndex,
    scope: ScopeId,
    module: &[Stmt],
    base: &Expr,
) -> bool {
    if index.resolves_to(scope, base, PROCESS_BASES).is_some() {
        return true;
    }
    let Expr::Attribute(attribute) = base else {
        return false;
    };
    if attribute.attr.as_str() != "Process" {
        return false;
    }
    if let Expr::Name(context) = attribute.value.as_ref()
        && module.iter().any(|stmt| {
            matches!(stmt, Stmt::Assign(assign)
                if matches!(&*assign.targets, [Expr::Name(target)] if target.id == context.id)
                    && matches!(assign.value.as_ref(), Expr::Call(call)
                        if index.resolves_to(scope, &call.func, &["multiprocessing.get_context"]).is_some()))
        })
    {
        return true;
    }
    match index.qualified_name(scope, &attribute.value) {
        Some(name) => {
            let root = name.as_str().split('.').next().unwrap_or_default();
            !matches!(root, "psutil" | "simpy" | "builtins")
        }
        None => matches!(attribute.value.as_ref(), Expr::Subscript(_)),
    }
}

/// Whether `base` names a thread class: `threading.Thread`, or the
/// `Thread` of a module with its interface looked up in a table of start
/// methods (mpire's `MP_CONTEXTS['threading'].Thread`, next to its
/// process contexts).
pub fn is_thread_base(index: &SemanticIndex, scope: ScopeId, base: &Expr) -> bool {
    index.resolves_to(scope, base, THREAD_BASES).is_some()
        || matches!(base, Expr::Attribute(attribute)
            if attribute.attr.as_str() == "Thread"
                && (matches!(attribute.value.as_ref(), Expr::Subscript(_))
                    || index.resolves_to(scope, &attribute.value, &["threading"]).is_some()))
}

/// The standard library's debugger framework: `bdb.Bdb` installs
/// `self.trace_dispatch` with `sys.settrace` and takes it out again itself
/// (`sys.settrace(None)` in `set_continue` when no breakpoint is left, and
/// in `set_quit`), so a subclass doing the same (datadog's `Debugger`
/// overriding `set_trace`) follows its protocol.
pub const DEBUGGER_BASES: &[&str] = &["bdb.Bdb", "pdb.Pdb"];

/// The `enum` base classes: a subclass's body defines its members, each a
/// singleton that lives as long as the class.
pub const ENUM_BASES: &[&str] = &[
    "enum.Enum",
    "enum.IntEnum",
    "enum.StrEnum",
    "enum.Flag",
    "enum.IntFlag",
    "enum.ReprEnum",
];

/// Class decorators that turn annotated class-body names into per-instance
/// fields and give the class a `__dict__` unless given `slots=True`.
pub const DATACLASS_DECORATORS: &[&str] =
    &["dataclasses.dataclass", "attr.s", "attr.attrs", "attrs.s"];

/// The `attrs` class decorators that turn annotated class-body names into
/// per-instance fields and make slotted classes by default.
pub const ATTRS_DEFINE: &[&str] = &[
    "attr.define",
    "attr.mutable",
    "attr.frozen",
    "attrs.define",
    "attrs.mutable",
    "attrs.frozen",
];

/// Numba's decorators that compile a function to machine code. Its
/// nopython mode takes list comprehensions but no generator expressions,
/// and its lists are native arrays, not lists of Python objects: advice to
/// make a list lazy cannot be followed there.
pub const NUMBA_COMPILERS: &[&str] = &[
    "numba.jit",
    "numba.njit",
    "numba.generated_jit",
    "numba.stencil",
    "numba.cfunc",
    "numba.cuda.jit",
];

/// Whether `def` is compiled by Numba: a decorator (called or not) that
/// `resolves` to one of [`NUMBA_COMPILERS`], or that is named `njit`, a
/// name only Numba's nopython `jit` goes by, also when a package hands it
/// on with its own defaults (`njit = functools.partial(numba.njit, ...)`).
pub fn compiled_by_numba(def: &ast::StmtFunctionDef, resolves: impl Fn(&Expr) -> bool) -> bool {
    def.decorator_list.iter().any(|decorator| {
        let expr = match &decorator.expression {
            Expr::Call(call) => &*call.func,
            other => other,
        };
        let named_njit = match expr {
            Expr::Name(name) => name.id.as_str() == "njit",
            Expr::Attribute(attribute) => attribute.attr.as_str() == "njit",
            _ => false,
        };
        named_njit || resolves(expr)
    })
}

/// `ClassVar` or `ClassVar[...]`, however it is imported: a class-body
/// annotation that says the name belongs to the class, not its instances.
pub fn is_class_var(annotation: &Expr) -> bool {
    let head = match annotation {
        Expr::Subscript(subscript) => &*subscript.value,
        other => other,
    };
    match head {
        Expr::Name(name) => name.id.as_str() == "ClassVar",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "ClassVar",
        _ => false,
    }
}

/// Methods that receive the class, not an instance, even without a
/// decorator.
pub const IMPLICIT_CLASS_METHODS: &[&str] = &["__new__", "__init_subclass__", "__class_getitem__"];

/// Whether a method of this name is one the interpreter, or the standard
/// library's protocol it belongs to, calls with every parameter passed:
/// a dunder method other than those called with the caller's own
/// arguments (`__init__`, `__new__`, `__call__`, `__post_init__`,
/// `__init_subclass__`, `__class_getitem__`). `copy.deepcopy` always
/// hands `__deepcopy__` its memo, so `def __deepcopy__(self, memo={})`
/// never uses its default.
pub fn is_protocol_method(name: &str) -> bool {
    name.len() > 4
        && name.starts_with("__")
        && name.ends_with("__")
        && !matches!(
            name,
            "__init__"
                | "__new__"
                | "__call__"
                | "__post_init__"
                | "__init_subclass__"
                | "__class_getitem__"
        )
}

/// The `unittest` base classes of a test case: a class deriving from one
/// is test code in whatever file it is written.
pub const TEST_CASE_CLASSES: &[&str] = &[
    "unittest.TestCase",
    "unittest.IsolatedAsyncioTestCase",
    "unittest.case.TestCase",
];

/// Whether `base` names an xUnit test case class: one of
/// [`TEST_CASE_CLASSES`] however imported, or any class whose name ends in
/// `TestCase`, as the frameworks built on `unittest` name theirs (Django's
/// `TestCase` and `SimpleTestCase`, pyfakefs's, Twisted trial's, absltest's).
fn is_test_case_base(index: &SemanticIndex, base: &Expr) -> bool {
    let last = match base {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return false,
    };
    last.ends_with("TestCase")
        || index
            .resolves_to(ScopeId::MODULE, base, TEST_CASE_CLASSES)
            .is_some()
}

/// The definitions of `module` that are tests wherever they are written: a
/// class deriving from a test case ([`is_test_case_base`]), and what pytest
/// collects by name, as libraries that keep their tests in the modules they
/// test do (dpkt, music21): a function named `test_*` that nothing in the
/// module calls, and a class named `Test*` without an `__init__` that has a
/// `test_*` method (pytest's own `TestReport`, with an `__init__`, is not
/// one). Also an assertion mixin ([`is_assertion_mixin`]) at module level
/// or in a module-level class (pyparsing's `pyparsing_test`, vendored by
/// pip and setuptools, keeps its `TestParseResultsAsserts` there). Their
/// ranges, in source order. A module that imports `pytest` when it is
/// imported (`import pytest` or `from pytest import ...` in its body, not
/// under `try` or `if`) is test support as a whole (scipy's
/// `special/_testutils.py`, plasmapy's `_pytest_helpers`, a pytest plugin):
/// it cannot even be imported without the test runner, so it runs only in
/// test sessions; its one range is the module's.
pub fn test_definitions(index: &SemanticIndex, module: &[Stmt]) -> Vec<TextRange> {
    if let (Some(first), Some(last)) = (module.first(), module.last())
        && module.iter().any(imports_pytest)
    {
        return vec![TextRange::new(first.start(), last.end())];
    }
    let is_test_name = |name: &str| name.starts_with("test_");
    let is_test = |stmt: &Stmt| match stmt {
        Stmt::FunctionDef(def) => {
            is_test_name(def.name.as_str())
                && index
                    .binding_at(ScopeId::MODULE, def.name.as_str(), def.name.range)
                    .is_some_and(|b| index.binding(b).uses.is_empty())
        }
        Stmt::ClassDef(class) => {
            let methods = || class.body.iter().filter_map(Stmt::as_function_def_stmt);
            (class.name.as_str().starts_with("Test")
                && methods().any(|m| is_test_name(m.name.as_str()))
                && !methods().any(|m| m.name.as_str() == "__init__"))
                || class
                    .bases()
                    .iter()
                    .any(|base| is_test_case_base(index, base))
                || is_assertion_mixin(class)
        }
        _ => false,
    };
    let mut tests = Vec::new();
    for stmt in module {
        if is_test(stmt) {
            tests.push(stmt.range());
        } else if let Stmt::ClassDef(class) = stmt {
            tests.extend(
                class
                    .body
                    .iter()
                    .filter_map(Stmt::as_class_def_stmt)
                    .filter(|inner| is_assertion_mixin(inner))
                    .map(Ranged::range),
            );
        }
    }
    tests
}

/// `import pytest`, `import pytest as pt`, `from pytest import fixture`.
fn imports_pytest(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .any(|alias| alias.name.as_str() == "pytest"),
        Stmt::ImportFrom(import) => {
            import.level == 0
                && import
                    .module
                    .as_ref()
                    .is_some_and(|m| m.as_str() == "pytest")
        }
        _ => false,
    }
}

/// A class written to be mixed into test cases: every method it defines is
/// a unittest-style assertion (`assertParseResultsEquals`, `assertJSONEqual`:
/// `assert` and a capital), which only a test calls.
fn is_assertion_mixin(class: &ast::StmtClassDef) -> bool {
    let mut methods = class
        .body
        .iter()
        .filter_map(Stmt::as_function_def_stmt)
        .peekable();
    methods.peek().is_some()
        && methods.all(|m| {
            m.name
                .as_str()
                .strip_prefix("assert")
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_ascii_uppercase())
        })
}

/// Method decorators known to keep nothing on the instance (by the last
/// part of their name). Any other decorator on a method that takes only
/// `self` may be a caching descriptor, as `functools.cached_property`,
/// pandas' `cache_readonly` and Pyramid's `reify` are: it stores its value
/// in the instance's `__dict__`, which `__slots__` would remove.
pub const STATELESS_METHOD_DECORATORS: &[&str] = &[
    "property",
    "setter",
    "getter",
    "deleter",
    "staticmethod",
    "classmethod",
    "abstractmethod",
    "abstractproperty",
    "override",
    "overload",
    "final",
    "cache",
    "lru_cache",
    "wraps",
    "contextmanager",
    "asynccontextmanager",
    "deprecated",
];

/// The statement blocks directly inside a compound statement: a function's
/// body, both blocks of a loop, every branch of an `if`, `try` or `match`.
pub fn child_blocks(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::FunctionDef(def) => vec![&def.body],
        Stmt::With(with) => vec![&with.body],
        Stmt::For(for_stmt) => vec![&for_stmt.body, &for_stmt.orelse],
        Stmt::While(while_stmt) => vec![&while_stmt.body, &while_stmt.orelse],
        Stmt::If(if_stmt) => {
            let mut all: Vec<&[Stmt]> = vec![&if_stmt.body];
            all.extend(if_stmt.elif_else_clauses.iter().map(|c| &c.body[..]));
            all
        }
        Stmt::Try(try_stmt) => {
            let mut all: Vec<&[Stmt]> = vec![&try_stmt.body, &try_stmt.orelse, &try_stmt.finalbody];
            all.extend(try_stmt.handlers.iter().map(|h| match h {
                ast::ExceptHandler::ExceptHandler(h) => &h.body[..],
            }));
            all
        }
        Stmt::Match(match_stmt) => match_stmt.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

/// Whether code at `range`, in the module scope of `module` or the body of
/// a class defined there, runs a fixed number of times when the module is
/// imported: not inside a function, a `while` loop
/// nor under an `if __name__ == "__main__":` guard (a script's entry point,
/// which may loop over its input). A `for` loop at module level iterates
/// what the module holds, so calls in it still run a bounded number of
/// times: registration tables filled by module-level calls are bounded by
/// the code that fills them.
pub fn runs_once_at_import(module: &[Stmt], range: TextRange) -> bool {
    let mut block = module;
    loop {
        let index = block.partition_point(|s| s.end() <= range.start());
        let Some(stmt) = block.get(index) else {
            return false;
        };
        if !stmt.range().contains_range(range) {
            return false;
        }
        match stmt {
            Stmt::While(_) | Stmt::FunctionDef(_) => return false,
            Stmt::If(if_stmt) if is_main_guard(&if_stmt.test) => return false,
            // A class body runs once, when the `class` statement does.
            Stmt::ClassDef(class) => {
                block = &class.body;
                continue;
            }
            _ => {}
        }
        match child_blocks(stmt).into_iter().find(|b| {
            b.first()
                .zip(b.last())
                .is_some_and(|(f, l)| TextRange::new(f.start(), l.end()).contains_range(range))
        }) {
            Some(inner) => block = inner,
            // In the statement itself (its header or a simple statement).
            None => return true,
        }
    }
}

/// Whether `class` says that one instance lives as long as the process: a
/// base or metaclass named as a singleton (`SingletonConfigurable`,
/// `metaclass=Singleton`), a Qt application (`QApplication`,
/// `QCoreApplication`, `QGuiApplication`: one per process), the classic pattern of an `_instance` class
/// attribute handed out by `__new__` or a class method, or an `__init__`
/// that refuses a second instance ([`refuses_second_instance`]).
pub fn is_singleton_class(class: &ast::StmtClassDef) -> bool {
    let named_singleton = |e: &Expr| {
        let name = match e {
            Expr::Name(n) => n.id.as_str(),
            Expr::Attribute(a) => a.attr.as_str(),
            Expr::Call(c) => match &*c.func {
                Expr::Name(n) => n.id.as_str(),
                Expr::Attribute(a) => a.attr.as_str(),
                _ => return false,
            },
            _ => return false,
        };
        // Qt allows one application object per process, and it runs until
        // the program exits.
        name.contains("Singleton")
            || matches!(
                name,
                "QApplication" | "QCoreApplication" | "QGuiApplication"
            )
    };
    if let Some(arguments) = &class.arguments
        && (arguments.args.iter().any(named_singleton)
            || arguments.keywords.iter().any(|k| {
                k.arg.as_ref().is_some_and(|a| a.as_str() == "metaclass")
                    && named_singleton(&k.value)
            }))
    {
        return true;
    }
    let class_names = class_level_names(class);
    let binds_instance = class_names
        .iter()
        .any(|n| matches!(*n, "_instance" | "__instance" | "_singleton"));
    (binds_instance
        && class.body.iter().any(|stmt| {
            matches!(stmt, Stmt::FunctionDef(def)
                if def.name.as_str() == "__new__"
                    || def.decorator_list.iter().any(|d|
                        matches!(&d.expression, Expr::Name(n) if n.id.as_str() == "classmethod")))
        }))
        || refuses_second_instance(class, &class_names)
}

/// The names a class body binds by assignment (`_instance = None`,
/// `_current: ClassVar[list] = []`).
fn class_level_names(class: &ast::StmtClassDef) -> Vec<&str> {
    class
        .body
        .iter()
        .flat_map(|stmt| match stmt {
            Stmt::Assign(a) => a.targets.iter().collect(),
            Stmt::AnnAssign(a) => vec![&*a.target],
            _ => Vec::new(),
        })
        .filter_map(|t| t.as_name_expr().map(|n| n.id.as_str()))
        .collect()
}

/// Whether `__init__` or `__new__` raises when a class attribute says an
/// instance exists (pudb's `if Debugger._current_debugger: raise
/// ValueError("a Debugger instance already exists")`, or locust-plugins'
/// `if not Timescale.first_instance: raise ...`, or `assert not
/// Cls._current`), or asserts empty the module global it binds to `self`
/// (FlexGet's `global manager; assert not manager; ...; manager = self`):
/// one instance at a time, enforced.
fn refuses_second_instance(class: &ast::StmtClassDef, class_attributes: &[&str]) -> bool {
    let names_class_attribute = |test: &Expr| {
        // `if not Timescale.first_instance: raise` (a flag the first
        // instance clears) says the same as `if Debugger._current: raise`.
        let test = match test {
            Expr::UnaryOp(ast::ExprUnaryOp {
                op: ast::UnaryOp::Not,
                operand,
                ..
            }) => operand,
            other => other,
        };
        let test = match test {
            Expr::Compare(compare) => &*compare.left,
            Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "len") => {
                match &*call.arguments.args {
                    [argument] => argument,
                    _ => return false,
                }
            }
            other => other,
        };
        matches!(test, Expr::Attribute(a)
            if class_attributes.contains(&a.attr.as_str())
                && matches!(&*a.value, Expr::Name(n)
                    if n.id == class.name.id || matches!(n.id.as_str(), "cls" | "self")))
    };
    class.body.iter().any(|stmt| {
        let Stmt::FunctionDef(def) = stmt else {
            return false;
        };
        if !matches!(def.name.as_str(), "__init__" | "__new__") {
            return false;
        }
        // FlexGet's `global manager; assert not manager, "only one"; ...;
        // manager = self`: the module global that holds the instance.
        let holders = globals_bound_to_self(def);
        if class_attributes.is_empty() && holders.is_empty() {
            return false;
        }
        let names_holder = |test: &Expr| {
            matches!(test, Expr::UnaryOp(ast::ExprUnaryOp {
                op: ast::UnaryOp::Not,
                operand,
                ..
            }) if matches!(&**operand, Expr::Name(n) if holders.contains(&n.id.as_str())))
        };
        let mut refuses = false;
        crate::facts_self::for_each_scope_statement(&def.body, &mut |stmt| {
            refuses |= match stmt {
                Stmt::If(if_stmt) => {
                    names_class_attribute(&if_stmt.test)
                        && matches!(&*if_stmt.body, [Stmt::Raise(_)])
                }
                // `assert not Cls._current` raises as `if Cls._current:
                // raise` does. Only the negated form: `assert self.task` is
                // a sanity check of what `__init__` was given.
                Stmt::Assert(ast::StmtAssert { test, .. }) => match &**test {
                    Expr::UnaryOp(ast::ExprUnaryOp {
                        op: ast::UnaryOp::Not,
                        ..
                    }) => names_class_attribute(test) || names_holder(test),
                    _ => false,
                },
                _ => false,
            };
        });
        refuses
    })
}

/// The names `def` declares `global` and binds to its `self` (`global
/// manager` ... `manager = self`).
fn globals_bound_to_self(def: &ast::StmtFunctionDef) -> Vec<&str> {
    let Some(me) = crate::facts_self::first_parameter_name(def) else {
        return Vec::new();
    };
    let declared = declared_globals(def);
    let mut bound = Vec::new();
    crate::facts_self::for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::Assign(assign) = stmt
            && matches!(&*assign.value, Expr::Name(n) if n.id.as_str() == me)
        {
            for target in &assign.targets {
                if let Expr::Name(n) = target
                    && declared.contains(&n.id.as_str())
                {
                    bound.push(n.id.as_str());
                }
            }
        }
    });
    bound
}

/// Whether `class`, defined in `module`, serves one instance that lives as
/// long as the process: it says it is a singleton ([`is_singleton_class`])
/// or its module binds a global to an instance of it when imported
/// ([`module_binds_instance`], pynput's `LAYOUT = Layout()`). What pins
/// that instance (a cache on its methods, a handler, a class-level table)
/// keeps nothing the module's globals do not keep already.
pub fn has_one_instance(
    index: &SemanticIndex,
    module: &[Stmt],
    source: &str,
    class: &ast::StmtClassDef,
) -> bool {
    is_singleton_class(class)
        || module_binds_instance(module, &class.name)
        || serves_subclass_instance(module, class)
        || is_made_once_per_process(index, module, source, class)
}

/// Whether `class` serves, through the subclasses its module derives from
/// it, the instances the module binds to globals when imported: every such
/// subclass is bound to one made with no arguments, and the module never
/// calls the class itself (TurboGears' `HooksNamespace`, whose module
/// keeps `hooks = _TGGlobalHooksNamespace()`). As with an instance of the
/// class itself, the base is written for that one object.
fn serves_subclass_instance(module: &[Stmt], class: &ast::StmtClassDef) -> bool {
    let name = class.name.as_str();
    let mut subclasses = module
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::ClassDef(sub)
                if sub
                    .bases()
                    .iter()
                    .any(|b| matches!(b, Expr::Name(n) if n.id.as_str() == name)) =>
            {
                Some(sub.name.as_str())
            }
            _ => None,
        })
        .peekable();
    if subclasses.peek().is_none() || !subclasses.all(|sub| module_binds_instance(module, sub)) {
        return false;
    }
    !crate::find::body_contains(module, |e| {
        matches!(e, Expr::Call(call)
            if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == name))
    })
}

/// Whether `class` is made once per process by its module: every use of
/// the class's name in its module is a call that makes the one instance,
/// and there is one. Such a call is
/// - one that the module's `main` function makes once (not in a loop, a
///   nested function or a comprehension): the object a program makes to
///   run (supervisor's `pidproxy`: `def main(): pp = PidProxy(sys.argv);
///   pp.go()`; Mailman's master: `loop = Loop(lock, ...)`). A module-level
///   `main` is what a console script, a `__main__` block or `python -m`
///   runs once per process, and the object it makes runs until the process
///   exits. So is the function the module's own `__main__` block calls,
///   whatever its name (csvkit's `launch_new_instance`);
/// - one that a module-level function without parameters, whose result
///   `functools.cache` or `lru_cache` keeps, makes once (`@lru_cache def
///   get_settings(): return Settings()`): its body runs once per process,
///   as `main`'s does;
/// - the lazy singleton's: a module-level function that declares a global
///   and, under `if <global> is None:` (or `if not <global>:`), assigns it
///   the instance (mitogen's `get_classic_worker_model`), so only its first
///   call makes one, which the global keeps until the interpreter exits.
///
/// Any other use (a subclass, the class passed to a factory, a call in a
/// loop, in another function or in demo code written straight into the
/// `__main__` block, as library modules do) may make more, and the class
/// is not exempt. Reading a class attribute (`MiniTerm.DEFAULT_BAUDRATE`)
/// makes none, nor does a use inside the class's own body other than a
/// call (`super(PidProxy, self)`).
pub fn is_made_once_per_process(
    index: &SemanticIndex,
    module: &[Stmt],
    source: &str,
    class: &ast::StmtClassDef,
) -> bool {
    let entry_points = entry_functions(module);
    let runs_once = |def: &ast::StmtFunctionDef| {
        entry_points.contains(&def.range)
            || helper_runs_once(index, module, source, &entry_points, def)
    };
    // Most modules have neither a `main` nor a function assigning a
    // global: they are not walked.
    if !module.iter().any(|s| {
        matches!(s, Stmt::FunctionDef(def)
            if runs_once(def) || declares_global(def))
    }) {
        return false;
    }
    let mut uses = EntryUses::new(class.name.as_str());
    for stmt in module {
        match stmt {
            Stmt::FunctionDef(def) if runs_once(def) => {
                uses.visit_parameters(&def.parameters);
                uses.entry = true;
                uses.visit_body(&def.body);
                uses.entry = false;
            }
            Stmt::FunctionDef(def) => {
                uses.globals = declared_globals(def);
                uses.visit_stmt(stmt);
                uses.globals.clear();
            }
            Stmt::ClassDef(own) if own.range() == class.range() => {
                uses.own_body = true;
                uses.visit_stmt(stmt);
                uses.own_body = false;
            }
            _ => uses.visit_stmt(stmt),
        }
        if uses.other {
            return false;
        }
    }
    uses.calls > 0
}

/// Whether `class`, a module-level class, is left to other modules to
/// make: its module makes no instance of it (no call of the class, not
/// even in its own body, and no class method, which may make one with
/// `cls(...)`), and uses its name for nothing else (no subclass, no
/// factory handed the class, no demo in the `__main__` block). Type hints
/// and class attributes read (`Worker.DEFAULT_QUEUE`) make none. Where the
/// instances come from is then for the whole-project pass to tell.
pub fn is_made_only_elsewhere(module: &[Stmt], class: &ast::StmtClassDef) -> bool {
    if !module.iter().any(|s| s.range() == class.range())
        || class.body.iter().any(|s| {
            matches!(s, Stmt::FunctionDef(def) if def.decorator_list.iter().any(|d| {
                matches!(&d.expression, Expr::Name(n) if n.id.as_str() == "classmethod")
            }))
        })
    {
        return false;
    }
    let mut uses = EntryUses::new(class.name.as_str());
    for stmt in module {
        if stmt.range() == class.range() {
            uses.own_body = true;
            uses.visit_stmt(stmt);
            uses.own_body = false;
        } else {
            uses.visit_stmt(stmt);
        }
        if uses.other {
            return false;
        }
    }
    uses.calls == 0
}

/// The functions of `module` that a process runs once, by their ranges:
/// module-level `main`, a cached function without parameters, those the
/// module's `__main__` block calls (see [`is_made_once_per_process`]), the
/// commands and groups of a command-line interface (what a console script
/// runs: [`is_cli_command`]), and the `handle` method of a Django
/// management command (what `manage.py <command>` runs). The private
/// helpers those or the module at import call once ([`helper_runs_once`])
/// run once too.
pub fn entry_functions(module: &[Stmt]) -> Vec<TextRange> {
    let called = main_guard_calls(module);
    let cli = CliNames::of(module);
    let mut entries = Vec::new();
    for stmt in module {
        match stmt {
            Stmt::FunctionDef(def)
                if runs_once(def) || called.contains(&def.name.as_str()) || cli.decorates(def) =>
            {
                entries.push(def.range);
            }
            Stmt::ClassDef(class) if is_management_command(class) => {
                entries.extend(class.body.iter().filter_map(|s| match s {
                    Stmt::FunctionDef(def) if def.name.as_str() == "handle" => Some(def.range),
                    _ => None,
                }));
            }
            _ => {}
        }
    }
    entries
}

/// Whether `def`, a module-level function, is a private helper (an
/// undecorated `def _name`, bound once) that a process runs once: every
/// load of its name is a call made outside loops, lambdas and
/// comprehensions, in one of `entries` or where the module runs once when
/// imported (at module level or in the body of a module-level class, not
/// under the `__main__` guard): Aim's `_get_tracking_queue()`, which its
/// `Repo` class body calls to make the one task queue. Being private, no
/// other module is taken to call it (as MEM205 takes `_name`). Read from
/// the semantic index's uses of the name: no walk of the module.
pub fn helper_runs_once(
    index: &SemanticIndex,
    module: &[Stmt],
    source: &str,
    entries: &[TextRange],
    def: &ast::StmtFunctionDef,
) -> bool {
    let name = def.name.as_str();
    if !name.starts_with('_')
        || name.starts_with("__")
        || !def.decorator_list.is_empty()
        || !module.iter().any(|s| s.range() == def.range)
    {
        return false;
    }
    let [binding] = index.scope(ScopeId::MODULE).bindings_of(name) else {
        return false;
    };
    let uses = &index.binding(*binding).uses;
    !uses.is_empty()
        && uses.iter().all(|u| {
            let scope = index.scope(u.scope);
            let called = source[u.range.end().to_usize()..].starts_with('(');
            let once = match scope.kind {
                ScopeKind::Function => entries.contains(&scope.range),
                ScopeKind::Module => runs_once_at_import(module, u.range),
                ScopeKind::Class => {
                    in_class_body_at_import(index, u.scope) && runs_once_at_import(module, u.range)
                }
                ScopeKind::Lambda | ScopeKind::Comprehension => false,
            };
            called && once && u.innermost_loop.is_none()
        })
}

/// Whether `scope` is the body of a class defined at module level (or
/// nested only in such classes): it runs once, when the `class` statement
/// does at import, so an instance made there is a class attribute the
/// class keeps for the process (mkdocs' `hooks = c.Hooks('plugins')`).
pub fn in_class_body_at_import(index: &SemanticIndex, scope: ScopeId) -> bool {
    let mut current = scope;
    loop {
        let s = index.scope(current);
        match (s.kind, s.parent) {
            (ScopeKind::Class, Some(ScopeId::MODULE)) => return true,
            (ScopeKind::Class, Some(parent)) => current = parent,
            _ => return false,
        }
    }
}

/// The command-line frameworks whose decorated functions are commands: one
/// runs per invocation of the program.
const CLI_MODULES: &[&str] = &["click", "asyncclick", "rich_click", "typer"];

/// How a module spells the command-line frameworks it imports, and the
/// names it binds to their groups and applications.
#[derive(Default)]
struct CliNames<'m> {
    /// Names bound to a framework module (`import click`, `import typer as t`).
    modules: Vec<&'m str>,
    /// Its decorators imported by name (`from click import command`).
    decorators: Vec<&'m str>,
    /// Every name imported from a framework (`from typer import Typer`).
    imports: Vec<&'m str>,
    /// Names whose `.command`/`.group` decorators make commands: a group
    /// defined here (`@click.group() def cli()`), an application or group
    /// made from a framework (`app = typer.Typer()`), or a name imported
    /// from another module (`from .main import cli`, the usual way a
    /// command-line interface is split over modules; what it is bound to
    /// is not visible from here).
    groups: Vec<&'m str>,
}

impl<'m> CliNames<'m> {
    fn of(module: &'m [Stmt]) -> Self {
        let mut names = Self::default();
        let mut imported = Vec::new();
        for stmt in module {
            match stmt {
                Stmt::Import(import) => {
                    for alias in &import.names {
                        if CLI_MODULES.contains(&alias.name.as_str()) {
                            names
                                .modules
                                .push(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                        }
                    }
                }
                Stmt::ImportFrom(from)
                    if from.level == 0
                        && from
                            .module
                            .as_ref()
                            .is_some_and(|m| CLI_MODULES.contains(&m.as_str())) =>
                {
                    for alias in &from.names {
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                        names.imports.push(bound);
                        if matches!(alias.name.as_str(), "command" | "group") {
                            names.decorators.push(bound);
                        }
                    }
                }
                Stmt::ImportFrom(from) => imported.extend(
                    from.names
                        .iter()
                        .map(|alias| alias.asname.as_ref().unwrap_or(&alias.name).as_str()),
                ),
                _ => {}
            }
        }
        if names.modules.is_empty() && names.imports.is_empty() {
            return names;
        }
        names.groups = imported;
        // In order, so that a subgroup (`@cli.group() def sub()`) is known
        // before its own commands.
        for stmt in module {
            match stmt {
                Stmt::FunctionDef(def) if names.decorates(def) => {
                    names.groups.push(def.name.as_str());
                }
                Stmt::Assign(assign) if names.makes_group(&assign.value) => {
                    names
                        .groups
                        .extend(assign.targets.iter().filter_map(|t| match t {
                            Expr::Name(name) => Some(name.id.as_str()),
                            _ => None,
                        }));
                }
                Stmt::AnnAssign(assign)
                    if assign
                        .value
                        .as_deref()
                        .is_some_and(|v| names.makes_group(v)) =>
                {
                    if let Expr::Name(name) = &*assign.target {
                        names.groups.push(name.id.as_str());
                    }
                }
                _ => {}
            }
        }
        names
    }

    /// Whether `value` calls into a framework: `typer.Typer()`,
    /// `click.Group(...)`, `Typer()` imported from typer.
    fn makes_group(&self, value: &Expr) -> bool {
        matches!(value, Expr::Call(call)
        if crate::semantic::attribute_root(&call.func).is_some_and(|root| {
            let root = root.id.as_str();
            self.modules.contains(&root) || self.imports.contains(&root)
        }))
    }

    /// Whether a decorator makes `def` a command or group of a
    /// command-line interface: `@click.command(...)`, `@group(...)`
    /// imported from click, or `@<group or app>.command(...)` where the
    /// group or app is one (`@cli.command()` under `@click.group() def
    /// cli()`, typer's `@app.command()` under `app = typer.Typer()`). A
    /// `.command` decorator of another kind (a chat bot's `@bot.command()`,
    /// run for every message) is not one, even in a module that also
    /// defines a command-line interface.
    fn decorates(&self, def: &ast::StmtFunctionDef) -> bool {
        if self.modules.is_empty() && self.imports.is_empty() {
            return false;
        }
        def.decorator_list.iter().any(|decorator| {
            let callee = match &decorator.expression {
                Expr::Call(call) => &*call.func,
                other => other,
            };
            match callee {
                Expr::Name(name) => self.decorators.contains(&name.id.as_str()),
                Expr::Attribute(attribute) => {
                    matches!(attribute.attr.as_str(), "command" | "group")
                        && matches!(&*attribute.value, Expr::Name(owner)
                            if self.modules.contains(&owner.id.as_str())
                                || self.groups.contains(&owner.id.as_str()))
                }
                _ => false,
            }
        })
    }
}

/// Whether `class` is a Django management command: the class `Command`
/// that `manage.py <name>` loads from `management/commands/<name>.py`,
/// derived from `BaseCommand` or another command class
/// (`LabelCommand`, a project's own `DaemonCommand`).
fn is_management_command(class: &ast::StmtClassDef) -> bool {
    class.name.as_str() == "Command"
        && class.bases().iter().any(|base| {
            let name = match base {
                Expr::Name(name) => name.id.as_str(),
                Expr::Attribute(attribute) => attribute.attr.as_str(),
                _ => return false,
            };
            name.ends_with("Command")
        })
}

/// The functions the module's `if __name__ == "__main__":` block calls
/// once, by name, as a statement of its own (`launch_new_instance()`,
/// `sys.exit(run())`, `raise SystemExit(cli())`): the script's `main`,
/// whatever it is called.
fn main_guard_calls(module: &[Stmt]) -> Vec<&str> {
    let mut names = Vec::new();
    for stmt in module {
        let Stmt::If(guard) = stmt else {
            continue;
        };
        if !is_main_guard(&guard.test) {
            continue;
        }
        for stmt in &guard.body {
            let value = match stmt {
                Stmt::Expr(expr) => &*expr.value,
                Stmt::Raise(ast::StmtRaise { exc: Some(exc), .. }) => exc,
                _ => continue,
            };
            // `sys.exit(main())` and `SystemExit(main())` hand on what the
            // function returns.
            let call = match value {
                Expr::Call(outer) => match &*outer.arguments.args {
                    [Expr::Call(inner)] if outer.arguments.keywords.is_empty() => inner,
                    _ => outer,
                },
                _ => continue,
            };
            if let Expr::Name(name) = &*call.func {
                names.push(name.id.as_str());
            }
        }
    }
    names
}

/// Whether the module-level function `def` runs once per process: `main`,
/// or a function without parameters whose result `functools.cache` or
/// `lru_cache` keeps.
fn runs_once(def: &ast::StmtFunctionDef) -> bool {
    let cached = |decorator: &ast::Decorator| {
        let callee = match &decorator.expression {
            Expr::Call(call) => &*call.func,
            other => other,
        };
        match callee {
            Expr::Name(name) => matches!(name.id.as_str(), "cache" | "lru_cache"),
            Expr::Attribute(attribute) => {
                matches!(attribute.attr.as_str(), "cache" | "lru_cache")
                    && matches!(&*attribute.value, Expr::Name(m) if m.id.as_str() == "functools")
            }
            _ => false,
        }
    };
    def.name.as_str() == "main"
        || (!def.is_async && def.parameters.is_empty() && def.decorator_list.iter().any(cached))
}

/// The names a function's own body declares `global` (at any depth of
/// its blocks, not in the functions and classes it defines).
fn declared_globals(def: &ast::StmtFunctionDef) -> Vec<&str> {
    let mut names = Vec::new();
    crate::facts_self::for_each_scope_statement(&def.body, &mut |stmt| {
        if let Stmt::Global(global) = stmt {
            names.extend(global.names.iter().map(ast::Identifier::as_str));
        }
    });
    names
}

/// Whether a function's own body declares any name `global`, found
/// without collecting them (the check runs for every module-level
/// function of a candidate's module).
fn declares_global(def: &ast::StmtFunctionDef) -> bool {
    let mut found = false;
    crate::facts_self::for_each_scope_statement(&def.body, &mut |stmt| {
        found |= matches!(stmt, Stmt::Global(_));
    });
    found
}

/// `name is None` or `not name`: the test of a lazy singleton's first call.
fn unset_global(test: &Expr) -> Option<&str> {
    let name = match test {
        Expr::Compare(compare)
            if matches!(&*compare.ops, [ast::CmpOp::Is])
                && matches!(&*compare.comparators, [Expr::NoneLiteral(_)]) =>
        {
            &*compare.left
        }
        Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => &*unary.operand,
        _ => return None,
    };
    name.as_name_expr().map(|n| n.id.as_str())
}

/// Whether code in `stmt` may run more than once for each time the
/// statement is reached: a loop's body, a function's or a class's.
fn may_repeat(stmt: &Stmt) -> bool {
    matches!(
        stmt,
        Stmt::For(_) | Stmt::While(_) | Stmt::FunctionDef(_) | Stmt::ClassDef(_)
    )
}

/// [`may_repeat`] for expressions: a lambda's body, a comprehension's.
fn may_repeat_expr(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_)
    )
}

/// The walk behind [`is_made_once_per_process`].
struct EntryUses<'c> {
    class: &'c str,
    /// Loops, functions, lambdas and comprehensions around the node.
    repeats: u32,
    /// In `main`'s body.
    entry: bool,
    /// In the class's own body.
    own_body: bool,
    /// The globals the module-level function being walked declares.
    globals: Vec<&'c str>,
    /// Calls of the class made once by the entry point.
    calls: u32,
    /// Some other use of the class's name.
    other: bool,
}

impl<'c> EntryUses<'c> {
    /// Nothing seen yet of the class named `class`.
    fn new(class: &'c str) -> Self {
        Self {
            class,
            repeats: 0,
            entry: false,
            own_body: false,
            globals: Vec::new(),
            calls: 0,
            other: false,
        }
    }
}

impl<'a> Visitor<'a> for EntryUses<'_> {
    // A type hint (`def get_backend() -> Orchestrator:`) makes no instance.
    fn visit_annotation(&mut self, _: &'a Expr) {}

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.other {
            return;
        }
        // `if _instance is None: _instance = Cls(...)` in the function
        // (not in a loop or a nested function) that declares `_instance`
        // global.
        if let Stmt::If(if_stmt) = stmt
            && self.repeats == 1
            && let Some(global) = unset_global(&if_stmt.test)
            && self.globals.contains(&global)
        {
            for inner in &if_stmt.body {
                match inner {
                    Stmt::Assign(assign)
                        if matches!(&*assign.targets, [Expr::Name(t)] if t.id.as_str() == global)
                            && matches!(&*assign.value, Expr::Call(call)
                                if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.class)) =>
                    {
                        self.calls += 1;
                        if let Expr::Call(call) = &*assign.value {
                            self.visit_arguments(&call.arguments);
                        }
                    }
                    _ => self.visit_stmt(inner),
                }
            }
            for clause in &if_stmt.elif_else_clauses {
                self.visit_elif_else_clause(clause);
            }
            return;
        }
        let repeats = u32::from(may_repeat(stmt));
        self.repeats += repeats;
        ast::visitor::walk_stmt(self, stmt);
        self.repeats -= repeats;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.other {
            return;
        }
        match expr {
            Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.class) =>
            {
                if self.entry && self.repeats == 0 {
                    self.calls += 1;
                } else {
                    self.other = true;
                    return;
                }
                self.visit_arguments(&call.arguments);
            }
            Expr::Call(call)
                if matches!(&*call.func, Expr::Attribute(a)
                    if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == self.class)) =>
            {
                // `Cls.create(...)`: a class method may make instances.
                self.other |= !self.own_body;
            }
            // Reading a class attribute (`MiniTerm.DEFAULT_BAUDRATE`) makes none.
            Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == self.class) =>
                {}
            Expr::Name(name) if name.id.as_str() == self.class => {
                self.other |= !self.own_body;
            }
            _ if may_repeat_expr(expr) => {
                self.repeats += 1;
                ast::visitor::walk_expr(self, expr);
                self.repeats -= 1;
            }
            _ => ast::visitor::walk_expr(self, expr),
        }
    }
}

/// Whether the module binds a global to an instance of the class named
/// `class`, made with no arguments, when it is imported (`profile =
/// GlobalProfiler()`, also under a module-level `if` or `try`, not in a
/// function or the `__main__` block): the class is written to serve that
/// instance, which the module's globals keep until the interpreter exits.
/// One made with arguments (Django's `apps = Apps(installed_apps=None)`) is
/// one configuration of a class built for several (each migration state
/// makes its own registry).
pub fn module_binds_instance(module: &[Stmt], class: &str) -> bool {
    module.iter().any(|stmt| match stmt {
        Stmt::Assign(ast::StmtAssign { value, .. })
        | Stmt::AnnAssign(ast::StmtAnnAssign {
            value: Some(value), ..
        }) => holds_new_instance(value, class),
        Stmt::FunctionDef(_) | Stmt::ClassDef(_) | Stmt::For(_) | Stmt::While(_) => false,
        Stmt::If(if_stmt) if is_main_guard(&if_stmt.test) => false,
        _ => child_blocks(stmt)
            .into_iter()
            .any(|block| module_binds_instance(block, class)),
    })
}

/// `Cls()`, or a list, tuple or set display holding one (`converters =
/// [IntConverter(), Cls()]`): the instance lives in the global as long as
/// it would bound to its own name.
fn holds_new_instance(value: &Expr, class: &str) -> bool {
    match value {
        Expr::Call(call) => {
            call.arguments.is_empty()
                && matches!(&*call.func, Expr::Name(n) if n.id.as_str() == class)
        }
        Expr::List(ast::ExprList { elts, .. })
        | Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            elts.iter().any(|elt| holds_new_instance(elt, class))
        }
        _ => false,
    }
}

/// Whether an extension module of the same name sits beside `path`
/// (`ops.cpython-311-x86_64-linux-gnu.so`, `ops.pyd` beside `ops.py`), as
/// in a wheel compiled with mypyc or Cython: the import system tries
/// extension modules before source, so the `.py` is not what runs, and its
/// classes' layout (a `__dict__` or not) is the compiler's.
pub fn has_compiled_twin(path: &Path) -> bool {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|entry| {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            return false;
        };
        name.strip_prefix(stem).is_some_and(|rest| {
            rest.starts_with('.')
                && Path::new(name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("so") || e.eq_ignore_ascii_case("pyd"))
        })
    })
}

/// The range of the innermost `for`/`while` body holding the current
/// statement (the last of `statements`, outermost first), within the
/// current function; with the loop statement. The `else` of a loop runs
/// once and does not count.
pub fn innermost_loop_body<'a>(statements: &[&'a Stmt]) -> Option<(&'a Stmt, TextRange)> {
    let (current, enclosing) = statements.split_last()?;
    for stmt in enclosing.iter().rev() {
        let body = match stmt {
            Stmt::For(for_stmt) => &for_stmt.body,
            Stmt::While(while_stmt) => &while_stmt.body,
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return None,
            _ => continue,
        };
        let (Some(first), Some(last)) = (body.first(), body.last()) else {
            continue;
        };
        let range = TextRange::new(first.start(), last.end());
        if range.contains_range(current.range()) {
            return Some((stmt, range));
        }
    }
    None
}

/// Whether the current statement (the last of `statements`) is followed, in
/// its own block or one that holds it inside the innermost loop, by a
/// `break`, `return` or `raise`: the iteration that runs it is the last, so
/// it runs once per loop.
pub fn leaves_loop_after(statements: &[&Stmt]) -> bool {
    loop_exit_after(statements).is_some()
}

/// The flag that lets the current statement (the last of `statements`) run
/// once per loop: the statement is in the branch of an `if`, inside the
/// innermost loop, taken while the flag (a name or an attribute) is false
/// (`if not started:`, or the `else:` of `if started:`), and that branch
/// sets the flag to `True` itself, with no `continue` to skip the store:
/// the next passes take the other branch (biothings' upload handler reading
/// its headers on the first pass, then `self.begin = True`). Whether
/// anything else clears the flag is the caller's to check.
pub fn once_behind_flag<'a>(statements: &[&'a Stmt]) -> Option<&'a Expr> {
    let [.., Stmt::If(if_stmt), current] = statements else {
        return None;
    };
    let (loop_stmt, _) = innermost_loop_body(statements)?;
    if !loop_stmt.range().contains_range(if_stmt.range) {
        return None;
    }
    let holds = |body: &[Stmt]| body.iter().any(|s| std::ptr::eq(s, *current));
    let (flag, branch) = if holds(&if_stmt.body) {
        let Expr::UnaryOp(ast::ExprUnaryOp {
            op: ast::UnaryOp::Not,
            operand,
            ..
        }) = &*if_stmt.test
        else {
            return None;
        };
        (&**operand, &if_stmt.body[..])
    } else {
        let [clause] = &*if_stmt.elif_else_clauses else {
            return None;
        };
        if clause.test.is_some() || !holds(&clause.body) {
            return None;
        }
        (&*if_stmt.test, &clause.body[..])
    };
    if !matches!(flag, Expr::Name(_) | Expr::Attribute(_)) {
        return None;
    }
    let same = |e: &Expr| ComparableExpr::from(e) == ComparableExpr::from(flag);
    let sets_flag = branch.iter().any(|s| {
        matches!(s, Stmt::Assign(assign)
            if matches!(&*assign.targets, [t] if same(t))
                && matches!(&*assign.value, Expr::BooleanLiteral(b) if b.value))
    });
    (sets_flag && !early_exits(branch).continues).then_some(flag)
}

/// How the innermost loop is left after the current statement (see
/// [`leaves_loop_after`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopExit {
    /// `break`: the innermost loop ends; loops around it go on.
    Break,
    /// `return` or `raise`: every loop of the function ends.
    Leave,
}

/// How a loop's body can end the loop before its iterable is used up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EarlyExits {
    /// A `break` of this loop (not of a loop inside it).
    pub breaks: bool,
    /// A `return`, also from a loop inside it.
    pub returns: bool,
    /// A `continue` of this loop: not a way out, but one past the rest of
    /// the pass.
    pub continues: bool,
}

/// The ways out of a loop whose body is `body`, not looking into nested
/// functions or classes.
pub fn early_exits(body: &[Stmt]) -> EarlyExits {
    struct Exits {
        loops: usize,
        found: EarlyExits,
    }
    impl<'s> Visitor<'s> for Exits {
        fn visit_stmt(&mut self, stmt: &'s Stmt) {
            match stmt {
                Stmt::Return(_) => self.found.returns = true,
                Stmt::Break(_) if self.loops == 0 => self.found.breaks = true,
                Stmt::Continue(_) if self.loops == 0 => self.found.continues = true,
                Stmt::For(_) | Stmt::While(_) => {
                    self.loops += 1;
                    visitor::walk_stmt(self, stmt);
                    self.loops -= 1;
                }
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, _expr: &'s Expr) {}
    }
    let mut exits = Exits {
        loops: 0,
        found: EarlyExits::default(),
    };
    exits.visit_body(body);
    exits.found
}

/// The exit that follows the current statement (the last of `statements`)
/// in its own block or one that holds it inside the innermost loop, if any:
/// the first `break`, `return` or `raise` after it.
pub fn loop_exit_after(statements: &[&Stmt]) -> Option<LoopExit> {
    for depth in (1..statements.len()).rev() {
        let (parent, inner) = (statements[depth - 1], statements[depth]);
        let exit = child_blocks(parent)
            .into_iter()
            .find(|block| block.iter().any(|s| std::ptr::eq(s, inner)))
            .and_then(|block| {
                block
                    .iter()
                    .skip_while(|s| !std::ptr::eq(*s, inner))
                    .skip(1)
                    .find_map(|s| match s {
                        Stmt::Break(_) => Some(LoopExit::Break),
                        Stmt::Return(_) | Stmt::Raise(_) => Some(LoopExit::Leave),
                        _ => None,
                    })
            });
        if exit.is_some() {
            return exit;
        }
        if matches!(
            parent,
            Stmt::For(_) | Stmt::While(_) | Stmt::FunctionDef(_) | Stmt::ClassDef(_)
        ) {
            return None;
        }
    }
    None
}

/// The statements that hold `range`, outermost first, each as the block it
/// sits in and its position there. Descends into every compound statement,
/// class and function bodies included.
pub fn statement_path(module: &[Stmt], range: TextRange) -> Vec<(&[Stmt], usize)> {
    let mut path = Vec::new();
    let mut block = module;
    loop {
        let position = block.partition_point(|s| s.end() <= range.start());
        let Some(stmt) = block.get(position) else {
            return path;
        };
        if !stmt.range().contains_range(range) {
            return path;
        }
        path.push((block, position));
        let mut blocks = child_blocks(stmt);
        if let Stmt::ClassDef(class) = stmt {
            blocks.push(&class.body);
        }
        let holds = |b: &&[Stmt]| {
            b.first()
                .zip(b.last())
                .is_some_and(|(f, l)| TextRange::new(f.start(), l.end()).contains_range(range))
        };
        match blocks.into_iter().find(holds) {
            Some(inner) => block = inner,
            None => return path,
        }
    }
}

/// Whether, on the way from `path[from]` (a function's `def`) to the last
/// statement of `path`, `key` is checked to be in another collection: an
/// earlier `assert key in X`, an earlier `if key not in X:` whose body
/// ends in `raise` or `return`, or an enclosing `if key in X:` (alone or in
/// an `and`). Only values already in `X` get past, so what is added under
/// such a check is bounded by `X` (a locale table, installed backends).
/// Collections for which `is_own` holds (the container being added to, whose
/// `not in` test is the memo's own guard) do not count.
pub fn key_checked_in_other(
    path: &[(&[Stmt], usize)],
    from: usize,
    key: &Expr,
    is_own: impl Fn(&Expr) -> bool,
) -> bool {
    let membership = |test: &Expr, wanted: CmpOp| {
        let tests = match test {
            Expr::BoolOp(bool_op) if bool_op.op == ast::BoolOp::And => &bool_op.values[..],
            test => std::slice::from_ref(test),
        };
        tests.iter().any(|test| {
            matches!(test, Expr::Compare(compare)
                if compare.ops.len() == 1
                    && compare.ops[0] == wanted
                    && same_place(&compare.left, key)
                    && !is_own(&compare.comparators[0]))
        })
    };
    let rejects = |stmt: &Stmt| match stmt {
        Stmt::Assert(assert) => membership(&assert.test, CmpOp::In),
        Stmt::If(if_stmt) => {
            if_stmt.elif_else_clauses.is_empty()
                && membership(&if_stmt.test, CmpOp::NotIn)
                && matches!(if_stmt.body.last(), Some(Stmt::Raise(_) | Stmt::Return(_)))
        }
        _ => false,
    };
    for (depth, &(block, position)) in path.iter().enumerate().skip(from + 1) {
        if block[..position].iter().any(rejects) {
            return true;
        }
        if let (Stmt::If(if_stmt), Some(&(inner, _))) = (&block[position], path.get(depth + 1))
            && std::ptr::eq(inner, if_stmt.body.as_slice())
            && membership(&if_stmt.test, CmpOp::In)
        {
            return true;
        }
    }
    false
}

/// Whether an `if` inside the current function (or at module level) holds
/// the innermost of `statements` (the statements around a node, outermost
/// first): a debugging aid there is behind a switch (`if debug:`, `if
/// os.environ.get("TRACE"):`), which is how such aids should be left in.
pub fn behind_a_switch(statements: &[&Stmt]) -> bool {
    statements
        .iter()
        .rev()
        .skip(1)
        .take_while(|s| !matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        .any(|s| matches!(s, Stmt::If(_)))
}

/// `[]`, `{}`, `()`, `set()`, `list()`, `dict()`, `tuple()`, `deque()`
/// (written so, unresolved): a value that holds nothing, so binding it
/// over a container lets go of all it held.
pub fn is_empty_container(value: &Expr) -> bool {
    match value {
        Expr::List(list) => list.elts.is_empty(),
        Expr::Dict(dict) => dict.items.is_empty(),
        Expr::Tuple(tuple) => tuple.elts.is_empty(),
        Expr::Call(call) => {
            call.arguments.is_empty()
                && matches!(&*call.func, Expr::Name(n)
                    if matches!(n.id.as_str(), "set" | "list" | "dict" | "tuple" | "deque"))
        }
        _ => false,
    }
}

/// Calls `f` with each place an assignment to `target` binds, looking
/// through unpacking: `a, self.b = ...` binds `a` and `self.b`, `first,
/// *rest = ...` binds `first` and `rest`.
pub fn for_each_target<'a>(target: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match target {
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| for_each_target(e, f)),
        Expr::List(list) => list.elts.iter().for_each(|e| for_each_target(e, f)),
        Expr::Starred(starred) => for_each_target(&starred.value, f),
        _ => f(target),
    }
}

/// Whether two expressions name the same variable or attribute path:
/// `total` and `total`, `self.total` and `self.total`.
pub fn same_place(a: &Expr, b: &Expr) -> bool {
    match (a, b) {
        (Expr::Name(a), Expr::Name(b)) => a.id == b.id,
        (Expr::Attribute(a), Expr::Attribute(b)) => {
            a.attr.as_str() == b.attr.as_str() && same_place(&a.value, &b.value)
        }
        _ => false,
    }
}

/// The `if` of `body` (not looking into nested functions or classes) whose
/// body holds `range` and whose test says the container is empty, alone or
/// in an `and` (`if not D:`, `if is_event and not evaluated:`, `if D ==
/// []:`, `if len(D) == 0:`), `is_container` telling the container's
/// expression: what runs there runs only while the container is empty, so
/// it fills the container once.
pub fn emptiness_guard<'a>(
    body: &'a [Stmt],
    range: TextRange,
    is_container: &dyn Fn(&Expr) -> bool,
) -> Option<&'a Stmt> {
    guarding_if(body, range, &|test| tests_empty(test, is_container))
}

/// Whether `test` is true only when the container is empty: `not C`, `C ==
/// []` (or `{}`, `()`, `""`, either side), `len(C) == 0` (or `0 == len(C)`,
/// `not len(C)`).
fn tests_empty(test: &Expr, is_container: &dyn Fn(&Expr) -> bool) -> bool {
    let is_len = |e: &Expr| is_len_of(e, is_container);
    let is_empty = |e: &Expr| match e {
        Expr::List(list) => list.elts.is_empty(),
        Expr::Tuple(tuple) => tuple.elts.is_empty(),
        Expr::Dict(dict) => dict.items.is_empty(),
        Expr::StringLiteral(string) => string.value.is_empty(),
        _ => false,
    };
    match test {
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
            is_container(&u.operand) || is_len(&u.operand)
        }
        Expr::Compare(compare) => {
            let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
                return false;
            };
            let left = &*compare.left;
            *op == CmpOp::Eq
                && (is_container(left) && is_empty(right)
                    || is_empty(left) && is_container(right)
                    || is_len(left) && int_literal(right) == Some(0)
                    || int_literal(left) == Some(0) && is_len(right))
        }
        _ => false,
    }
}

/// The `if` of `body` whose body holds `range` and whose test caps the
/// container's size from above, alone or in an `and`: `len(C) < N`,
/// `len(C) <= N`, `N > len(C)`, `N >= len(C)` (`if len(cache) < 64:`). What
/// runs there adds only while the container is small, so the code itself
/// bounds it, as an emptiness guard bounds it to one fill.
pub fn size_cap_guard<'a>(
    body: &'a [Stmt],
    range: TextRange,
    is_container: &dyn Fn(&Expr) -> bool,
) -> Option<&'a Stmt> {
    let is_len = |e: &Expr| is_len_of(e, is_container);
    guarding_if(body, range, &|test| {
        let Expr::Compare(compare) = test else {
            return false;
        };
        let (Some(op), Some(right)) = (compare.ops.first(), compare.comparators.first()) else {
            return false;
        };
        compare.ops.len() == 1
            && match op {
                CmpOp::Lt | CmpOp::LtE => is_len(&compare.left),
                CmpOp::Gt | CmpOp::GtE => is_len(right),
                _ => false,
            }
    })
}

/// Whether `expr` is `len(C)`, `is_container` telling `C`.
fn is_len_of(expr: &Expr, is_container: &dyn Fn(&Expr) -> bool) -> bool {
    matches!(expr, Expr::Call(call)
        if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "len")
            && call.arguments.keywords.is_empty()
            && matches!(call.arguments.args.as_ref(), [argument] if is_container(argument)))
}

/// The `if` of `body` (not looking into nested functions or classes) whose
/// body holds `range` and whose test, alone or one operand of an `and`,
/// satisfies `is_guard`.
fn guarding_if<'a>(
    body: &'a [Stmt],
    range: TextRange,
    is_guard: &dyn Fn(&Expr) -> bool,
) -> Option<&'a Stmt> {
    let stmt = body.iter().find(|s| s.range().contains_range(range))?;
    if matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
        return None;
    }
    if let Stmt::If(if_stmt) = stmt
        && let (Some(first), Some(last)) = (if_stmt.body.first(), if_stmt.body.last())
        && TextRange::new(first.start(), last.end()).contains_range(range)
    {
        let tests = match &*if_stmt.test {
            Expr::BoolOp(b) if b.op == ast::BoolOp::And => &b.values[..],
            test => std::slice::from_ref(test),
        };
        if tests.iter().any(is_guard) {
            return Some(stmt);
        }
    }
    child_blocks(stmt)
        .into_iter()
        .find_map(|block| guarding_if(block, range, is_guard))
}

/// The names a module exports in `__all__` (`__all__ = [...]`, `__all__ +=
/// [...]`, `__all__.extend([...])`, `__all__.append("x")` at module level):
/// its public interface, which code outside the checked files may use in
/// any way.
pub fn exported_names(module: &[Stmt]) -> Vec<&str> {
    fn add<'a>(names: &mut Vec<&'a str>, e: &'a Expr) {
        let elts = match e {
            Expr::List(list) => &list.elts[..],
            Expr::Tuple(tuple) => &tuple.elts[..],
            single @ Expr::StringLiteral(_) => std::slice::from_ref(single),
            _ => return,
        };
        for elt in elts {
            if let Expr::StringLiteral(s) = elt {
                names.push(s.value.to_str());
            }
        }
    }
    let is_all = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == "__all__");
    let mut names = Vec::new();
    for stmt in module {
        match stmt {
            Stmt::Assign(assign) if assign.targets.iter().any(is_all) => {
                add(&mut names, &assign.value);
            }
            Stmt::AnnAssign(assign) if is_all(&assign.target) => {
                if let Some(value) = &assign.value {
                    add(&mut names, value);
                }
            }
            Stmt::AugAssign(assign) if is_all(&assign.target) => {
                add(&mut names, &assign.value);
            }
            Stmt::Expr(expr) => {
                if let Expr::Call(call) = &*expr.value
                    && let Expr::Attribute(method) = &*call.func
                    && is_all(&method.value)
                    && matches!(method.attr.as_str(), "extend" | "append")
                    && let Some(arg) = call.arguments.args.first()
                {
                    add(&mut names, arg);
                }
            }
            _ => {}
        }
    }
    names
}

/// The dotted name that `from MODULE import NAME` binds, a relative import
/// kept relative: `from a import b` is `a.b`, `from . import x` is `.x`,
/// `from ..a import b` is `..a.b`. The index and the file summaries both
/// build import names with it.
pub fn from_import_name(level: u32, module: Option<&str>, name: &str) -> String {
    // Sized exactly: pushed into a string that grew as it went, each name
    // was reallocated twice or three times, and the index's `Box<str>` of
    // it shrank it once more (12,764 names on a tenth of the benchmark
    // corpus, 4.9M instructions in growing alone).
    let dots = level as usize;
    let length = dots + module.map_or(0, |module| module.len() + 1) + name.len();
    let mut dotted = String::with_capacity(length);
    dotted.extend(std::iter::repeat_n('.', dots));
    if let Some(module) = module {
        dotted.push_str(module);
        dotted.push('.');
    }
    dotted.push_str(name);
    dotted
}

/// Whether each pass of a `for`/`while` loop may hand control to other code
/// before the next: an `async for` (each step awaits), or an `await`,
/// `yield` or `yield from` in its test or body (not in a nested function),
/// or a call that wakes another thread (`event.set()`, `cond.notify()`).
/// State the loop builds in an attribute is then seen half built by that
/// code (a streamed response's text so far), so it cannot wait until the
/// loop is over.
pub fn loop_suspends(loop_stmt: &Stmt) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Suspends(bool);
    impl<'a> Visitor<'a> for Suspends {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                _ if self.0 => {}
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::For(ast::StmtFor { is_async: true, .. })
                | Stmt::With(ast::StmtWith { is_async: true, .. }) => self.0 = true,
                _ => visitor::walk_stmt(self, stmt),
            }
        }

        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                _ if self.0 => {}
                Expr::Lambda(_) => {}
                Expr::Await(_) | Expr::Yield(_) | Expr::YieldFrom(_) => self.0 = true,
                // `event.set()`, `condition.notify()`: another thread wakes
                // and reads what the loop has built so far.
                Expr::Call(call)
                    if call.arguments.is_empty()
                        && matches!(&*call.func, Expr::Attribute(a)
                            if matches!(a.attr.as_str(), "set" | "notify" | "notify_all")) =>
                {
                    self.0 = true;
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut suspends = Suspends(false);
    suspends.visit_stmt(loop_stmt);
    suspends.0
}

/// Whether a `for`/`while` statement runs a few times at most: a `for` over
/// [`few_items`] or one that [`stops_after_few_passes`], or a `while` whose count shrinks geometrically (see
/// [`shrinks_each_iteration`]) or [`counts_to_few_passes`]. What such a loop grows stays small: a
/// quadratic copy over a handful of steps is no cost.
pub fn runs_few_times(loop_stmt: &Stmt) -> bool {
    match loop_stmt {
        Stmt::For(for_stmt) => few_items(&for_stmt.iter) || stops_after_few_passes(for_stmt),
        Stmt::While(while_stmt) => {
            shrinks_each_iteration(while_stmt) || counts_to_few_passes(while_stmt)
        }
        _ => false,
    }
}

/// A list, tuple, set or dict display of at most 16 items, none starred
/// or unpacked (`**rest`): a few items, as configuration is.
pub fn few_item_display(expr: &Expr) -> bool {
    match expr {
        Expr::List(ast::ExprList { elts, .. })
        | Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            elts.len() <= 16 && !elts.iter().any(Expr::is_starred_expr)
        }
        Expr::Dict(dict) => {
            dict.items.len() <= 16 && dict.items.iter().all(|item| item.key.is_some())
        }
        _ => false,
    }
}

/// Whether a `for` loop walks a name of `scope` bound once, among
/// `body`'s statements, to a [`few_item_display`] that the code only
/// reads (iterates, measures, indexes): `ids = [0x0000, 0x0011, 0x001C]`,
/// then `for i in ids:` runs three times; also `zip`, `enumerate`,
/// `reversed` or `sorted` of such names (`for c, r in zip(conds,
/// regions):`).
pub fn iterates_local_few_items(
    index: &SemanticIndex,
    scope: ScopeId,
    loop_stmt: &Stmt,
    body: &[Stmt],
) -> bool {
    let Stmt::For(for_stmt) = loop_stmt else {
        return false;
    };
    local_few_items(index, scope, &for_stmt.iter, body, None)
}

/// [`iterates_local_few_items`] for one iterable: a local bound to a
/// few-item display, or `enumerate`/`zip`/`reversed`/`sorted` of such
/// locals or of what [`few_items`] takes. `walked_at` is where a walker
/// is handed the name, a use that only reads it.
fn local_few_items(
    index: &SemanticIndex,
    scope: ScopeId,
    iterable: &Expr,
    body: &[Stmt],
    walked_at: Option<TextRange>,
) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};

    struct Assigned<'a> {
        target: TextRange,
        value: Option<&'a Expr>,
    }
    impl<'a> Visitor<'a> for Assigned<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                _ if self.value.is_some() => {}
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Assign(assign) if matches!(&*assign.targets, [Expr::Name(n)] if n.range == self.target) =>
                {
                    self.value = Some(&assign.value);
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, _: &'a Expr) {}
    }
    if let Some(walked) = walked_iterables(iterable) {
        return walked
            .iter()
            .all(|a| few_items(a) || local_few_items(index, scope, a, body, Some(a.range())));
    }
    let Expr::Name(name) = iterable else {
        return false;
    };
    let [only] = index.scope(scope).bindings_of(name.id.as_str()) else {
        return false;
    };
    let binding = index.binding(*only);
    if !binding
        .uses
        .iter()
        .all(|u| u.kind.only_reads() || walked_at == Some(u.range))
    {
        return false;
    }
    let mut assigned = Assigned {
        target: binding.range,
        value: None,
    };
    assigned.visit_body(body);
    assigned.value.is_some_and(few_item_display)
}

/// The value of a non-negative integer literal (`3`, `0x7f`).
pub fn int_literal(expr: &Expr) -> Option<u64> {
    match expr {
        Expr::NumberLiteral(n) => n.value.as_int().and_then(ast::Int::as_u64),
        _ => None,
    }
}

/// Whether `body` adds 1 to `name` in a statement of its own (`tries +=
/// 1`): the name counts the passes of the loop whose body it is.
fn counts_passes_in(body: &[Stmt], name: &str) -> bool {
    body.iter().any(|stmt| {
        matches!(stmt, Stmt::AugAssign(aug)
            if aug.op == ast::Operator::Add
                && matches!(&*aug.target, Expr::Name(t) if t.id.as_str() == name)
                && int_literal(&aug.value) == Some(1))
    })
}

/// A `while` whose test (alone, or one operand of an `and`) holds a count
/// of its passes under a literal up to 100 (`while len(data) < n and
/// retries < 10:`), where the count is a name the body adds 1 to in a
/// statement of its own: it runs that many times at most (a receive loop
/// with a retry limit), as [`stops_after_few_passes`] reads a `for`.
fn counts_to_few_passes(while_stmt: &ast::StmtWhile) -> bool {
    let small = |e: &Expr| int_literal(e).is_some_and(|n| n <= 100);
    let counted = |name: &str| counts_passes_in(&while_stmt.body, name);
    let bounds = |test: &Expr| {
        let Expr::Compare(compare) = test else {
            return false;
        };
        match (&*compare.ops, &*compare.comparators) {
            ([CmpOp::Lt | CmpOp::LtE], [bound]) => {
                small(bound) && matches!(&*compare.left, Expr::Name(n) if counted(n.id.as_str()))
            }
            ([CmpOp::Gt | CmpOp::GtE], [Expr::Name(n)]) => {
                small(&compare.left) && counted(n.id.as_str())
            }
            _ => false,
        }
    };
    match &*while_stmt.test {
        Expr::BoolOp(bool_op) if bool_op.op == ast::BoolOp::And => {
            bool_op.values.iter().any(bounds)
        }
        test => bounds(test),
    }
}

/// A `for` whose body leaves it once a count of its passes reaches a
/// literal up to 100 (`for i, t in enumerate(tokens): if i == 3: break`):
/// the count is the index of `enumerate(...)` (from a literal start), the
/// target of a `range` from a literal start or of an `itertools.count`
/// from a literal start by a literal step (`for shift in count(0, 7): if
/// shift >= 64: raise ...`, a varint's), or a name the body adds 1 to
/// in a statement of its own; the test (`==`, `>=`, `>`) is a statement of
/// the body whose block ends with `break`, `return` or `raise`.
fn stops_after_few_passes(for_stmt: &ast::StmtFor) -> bool {
    let literal = int_literal;
    let call_of = |name: &str| match &*for_stmt.iter {
        Expr::Call(call) if matches!(&*call.func, Expr::Name(f) if f.id.as_str() == name) => {
            Some(call)
        }
        _ => None,
    };
    // The name counting the passes from the iterable: it starts from a
    // literal, so reaching the bound takes at most that many passes.
    let index = match &*for_stmt.target {
        Expr::Tuple(tuple) => call_of("enumerate")
            .filter(|call| call.arguments.keywords.is_empty())
            .filter(|call| match call.arguments.args.as_ref() {
                [_] => true,
                [_, start] => literal(start).is_some(),
                _ => false,
            })
            .and_then(|_| match tuple.elts.first() {
                Some(Expr::Name(name)) => Some(name.id.as_str()),
                _ => None,
            }),
        Expr::Name(name) => call_of("range")
            .filter(|call| match call.arguments.args.as_ref() {
                [_] => true,
                [start, ..] => literal(start).is_some(),
                _ => false,
            })
            .or_else(|| {
                // `itertools.count(0, 7)`: from a literal start by a
                // literal step, one per pass (a varint's shifts).
                let Expr::Call(call) = &*for_stmt.iter else {
                    return None;
                };
                let is_count = match &*call.func {
                    Expr::Name(f) => f.id.as_str() == "count",
                    Expr::Attribute(a) => {
                        a.attr.as_str() == "count"
                            && matches!(&*a.value, Expr::Name(m) if m.id.as_str() == "itertools")
                    }
                    _ => false,
                };
                (is_count
                    && call.arguments.keywords.is_empty()
                    && match call.arguments.args.as_ref() {
                        [] => true,
                        [start] => literal(start).is_some(),
                        [start, step] => {
                            literal(start).is_some() && literal(step).is_some_and(|n| n >= 1)
                        }
                        _ => false,
                    })
                .then_some(call)
            })
            .map(|_| name.id.as_str()),
        _ => None,
    };
    let counted = |name: &str| index == Some(name) || counts_passes_in(&for_stmt.body, name);
    for_stmt.body.iter().any(|stmt| {
        let Stmt::If(if_stmt) = stmt else {
            return false;
        };
        let Expr::Compare(compare) = &*if_stmt.test else {
            return false;
        };
        matches!(&*compare.ops, [CmpOp::Eq | CmpOp::GtE | CmpOp::Gt])
            && matches!(&*compare.left, Expr::Name(name) if counted(name.id.as_str()))
            && matches!(&*compare.comparators, [bound] if literal(bound).is_some_and(|n| n <= 100))
            && matches!(
                if_stmt.body.last(),
                Some(Stmt::Break(_) | Stmt::Return(_) | Stmt::Raise(_))
            )
    })
}

/// `while n:` (or `while n > 0x7f:`, `while n >= 10:`) whose body divides `n`
/// by a constant in a statement of its own block, so every iteration that
/// goes on shrinks it (`n >>= 7`, `n //= 10`, `n = n >> 8`): the loop runs
/// about log(n) times, once per digit of a number or group of a varint.
pub fn shrinks_each_iteration(while_stmt: &ast::StmtWhile) -> bool {
    let counter = match &*while_stmt.test {
        Expr::Name(name) => name,
        Expr::Compare(compare)
            if matches!(&*compare.ops, [CmpOp::Gt | CmpOp::GtE | CmpOp::NotEq])
                && matches!(&*compare.comparators, [Expr::NumberLiteral(_)]) =>
        {
            let Expr::Name(name) = &*compare.left else {
                return false;
            };
            name
        }
        _ => return false,
    };
    let is_counter = |e: &Expr| matches!(e, Expr::Name(n) if n.id == counter.id);
    let divisor = |op: ast::Operator, by: &Expr| {
        let Some(by) = int_literal(by) else {
            return false;
        };
        match op {
            ast::Operator::RShift => by >= 1,
            ast::Operator::FloorDiv => by >= 2,
            _ => false,
        }
    };
    while_stmt.body.iter().any(|stmt| match stmt {
        Stmt::AugAssign(aug) => is_counter(&aug.target) && divisor(aug.op, &aug.value),
        Stmt::Assign(assign) => {
            matches!(&*assign.targets, [target] if is_counter(target))
                && matches!(&*assign.value, Expr::BinOp(binary)
                    if is_counter(&binary.left) && divisor(binary.op, &binary.right))
        }
        _ => false,
    })
}

/// The iterables a walker of them is called on: `enumerate(xs)`,
/// `zip(xs, ys)`, `reversed(xs)`, `sorted(xs, key=...)`, which yield no
/// more items than `xs` holds (`zip` no more than the shortest). Shared
/// by [`few_items`], [`iterates_local_few_items`] and the summary's test
/// of the same.
pub fn walked_iterables(iterable: &Expr) -> Option<&[Expr]> {
    let Expr::Call(call) = iterable else {
        return None;
    };
    let Expr::Name(walker) = &*call.func else {
        return None;
    };
    (matches!(
        walker.id.as_str(),
        "enumerate" | "zip" | "reversed" | "sorted"
    ) && !call.arguments.args.is_empty()
        && call.arguments.keywords.iter().all(|k| k.arg.is_some()))
    .then_some(&call.arguments.args[..])
}

/// Whether a loop's iterable has a few items at most, as configuration
/// does: a literal display, `range(n)` with a literal `n` up to 100, a
/// constant (an `UPPER_CASE` name or attribute), an array's dimensions
/// (`x.shape`, `range(x.ndim)`, `range(len(x.shape))`), a dict display's items,
/// set algebra on those (`META - VIRTUAL`, `A | B`), or
/// `enumerate`/`zip`/`reversed`/`sorted` of those.
pub fn few_items(iterable: &Expr) -> bool {
    match iterable {
        Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Dict(_) | Expr::StringLiteral(_) => {
            true
        }
        Expr::Name(name) => is_constant_name(name.id.as_str()),
        // An array's dimensions: a handful, whatever its size.
        Expr::Attribute(attribute) => {
            is_constant_name(attribute.attr.as_str()) || attribute.attr.as_str() == "shape"
        }
        // Set algebra on such collections (`META_RTYPES - VIRTUAL_RTYPES`)
        // gives at most their items; `-` and `&` at most the left one's.
        Expr::BinOp(binary) => match binary.op {
            ast::Operator::Sub | ast::Operator::BitAnd => few_items(&binary.left),
            ast::Operator::BitOr => few_items(&binary.left) && few_items(&binary.right),
            _ => false,
        },
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Name(function) => match function.id.as_str() {
                // `range(stop)`, `range(start, stop[, step])`: a literal
                // stop up to 100, from a literal start or a count (not a
                // step: `range(0, len(xs), 2)` runs over all of `xs`).
                "range" => {
                    let literal = |e: Option<&Expr>| match e {
                        Some(Expr::NumberLiteral(n)) => n.value.as_int().and_then(ast::Int::as_u64),
                        _ => None,
                    };
                    let args = &call.arguments.args;
                    // `range(x.ndim)`, `range(1, len(x.shape))`: at most
                    // the dimensions, from a literal start.
                    if let [stop] | [Expr::NumberLiteral(_), stop] = args.as_ref()
                        && counts_dimensions(stop)
                    {
                        return true;
                    }
                    // `range(n - 3, n + 2)`: five passes around `n`,
                    // whatever `n` is.
                    if let [start, stop, ..] = args.as_ref()
                        && let (Some((start_base, start_offset)), Some((stop_base, stop_offset))) =
                            (offset_from(start), offset_from(stop))
                        && ComparableExpr::from(start_base) == ComparableExpr::from(stop_base)
                        && stop_offset - start_offset <= 100
                    {
                        return true;
                    }
                    // `range(self.dimensionality, 3)`: up to a literal stop
                    // from a count, an index or a size, which is not
                    // negative, in steps up (exodus_ii's padding to three
                    // dimensions).
                    let counted = |e: Option<&Expr>| match e {
                        Some(Expr::Name(_) | Expr::Attribute(_)) => true,
                        Some(Expr::Call(call)) => {
                            matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "len")
                        }
                        _ => false,
                    };
                    let up = args.get(2).is_none_or(|step| literal(Some(step)).is_some());
                    let (start, stop) = match args.len() {
                        1 => (Some(0), literal(args.first())),
                        2 | 3 if up && counted(args.first()) => (Some(0), literal(args.get(1))),
                        2 | 3 => (literal(args.first()), literal(args.get(1))),
                        _ => (None, None),
                    };
                    start.is_some() && stop.is_some_and(|n| n <= 100)
                }
                _ if walked_iterables(iterable).is_some() => {
                    call.arguments.args.iter().all(few_items)
                }
                _ => false,
            },
            Expr::Attribute(_) => dict_view_receiver(iterable).is_some_and(few_items),
            _ => false,
        },
        _ => false,
    }
}

/// Builtins and `itertools` functions that walk the iterables they are
/// given lazily, an item at a time as their result is walked: a generator
/// over `pairwise(pages)` still reads `pages` while a loop over it runs.
pub const LAZY_WALKERS: &[&str] = &[
    "accumulate",
    "batched",
    "chain",
    "compress",
    "cycle",
    "dropwhile",
    "enumerate",
    "filter",
    "filterfalse",
    "groupby",
    "islice",
    "iter",
    "map",
    "pairwise",
    "reversed",
    "starmap",
    "takewhile",
    "zip",
    "zip_longest",
];

/// The iterables a call of one of [`LAZY_WALKERS`] (by its name, or as
/// `itertools.<name>`) walks lazily (not the function `map` or `filter`
/// applies, nor `islice`'s bounds), or `None` for any other call.
pub fn lazily_walked(call: &ast::ExprCall) -> Option<&[Expr]> {
    // `pool.map(f, xs)`, `objects.filter(...)`: another type's method of the
    // same name, which may walk nothing lazily.
    let name = match &*call.func {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(module) if module.id.as_str() == "itertools") => {
            attribute.attr.as_str()
        }
        _ => return None,
    };
    if !LAZY_WALKERS.contains(&name) {
        return None;
    }
    let args = &call.arguments.args[..];
    Some(match name {
        "zip" | "zip_longest" | "chain" => args,
        "map" | "filter" | "filterfalse" | "starmap" | "dropwhile" | "takewhile" => {
            args.get(1..).unwrap_or_default()
        }
        "compress" => &args[..args.len().min(2)],
        _ => &args[..args.len().min(1)],
    })
}

/// The methods that return a view of a dict's entries.
pub const DICT_VIEWS: &[&str] = &["items", "keys", "values"];

/// The dict whose view `expr` takes (`d` in `d.items()`, `d.keys()`,
/// `d.values()`): a loop over the view runs once per entry of `d`.
pub fn dict_view_receiver(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Call(call) if call.arguments.is_empty() => match call.func.as_ref() {
            Expr::Attribute(attribute) if DICT_VIEWS.contains(&attribute.attr.as_str()) => {
                Some(&attribute.value)
            }
            _ => None,
        },
        _ => None,
    }
}

/// `x`, `x + n` or `x - n` with a literal `n`: the base and the offset, so
/// that two bounds over the same base have a constant distance.
fn offset_from(expr: &Expr) -> Option<(&Expr, i64)> {
    let literal = |e: &Expr| match e {
        Expr::NumberLiteral(n) => n
            .value
            .as_int()
            .and_then(ast::Int::as_u64)
            .and_then(|n| i64::try_from(n).ok()),
        _ => None,
    };
    match expr {
        Expr::BinOp(binary) => {
            let n = literal(&binary.right)?;
            match binary.op {
                ast::Operator::Add => Some((&binary.left, n)),
                ast::Operator::Sub => Some((&binary.left, -n)),
                _ => None,
            }
        }
        Expr::Name(_) | Expr::Attribute(_) => Some((expr, 0)),
        _ => None,
    }
}

/// `len(x.shape)`, `x.ndim`, `x.dim()`: how many dimensions an array or a
/// tensor has, a handful whatever its size.
fn counts_dimensions(expr: &Expr) -> bool {
    match expr {
        Expr::Attribute(attribute) => attribute.attr.as_str() == "ndim",
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Name(function) => {
                function.id.as_str() == "len"
                    && matches!(call.arguments.args.as_ref(),
                        [Expr::Attribute(a)] if a.attr.as_str() == "shape")
            }
            Expr::Attribute(method) => method.attr.as_str() == "dim" && call.arguments.is_empty(),
            _ => false,
        },
        _ => false,
    }
}

/// Whether `path` is a package's `__init__`: its relative imports start
/// from its own module, not its parent.
pub fn is_package_init(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "__init__")
}

/// Whether the file is a package's `__main__` module: the program that
/// `python -m package` runs, once per process.
pub fn is_main_module(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "__main__")
}

/// An import target as written in module `module` (`.models.Record`, kept
/// with its leading dots), made absolute; `is_package` says `module` is a
/// package's `__init__`, from which one dot means the package itself. An
/// absolute name (most imports are) is borrowed, not copied; `None` for
/// dots that climb above the top package.
pub fn absolute_import<'d>(
    module: &str,
    is_package: bool,
    dotted: &'d str,
) -> Option<std::borrow::Cow<'d, str>> {
    let level = dotted.bytes().take_while(|b| *b == b'.').count();
    if level == 0 {
        return Some(std::borrow::Cow::Borrowed(dotted));
    }
    let mut package: Vec<&str> = module.split('.').collect();
    if !is_package {
        package.pop();
    }
    for _ in 1..level {
        package.pop()?;
    }
    let rest = &dotted[level..];
    if !rest.is_empty() {
        package.push(rest);
    }
    Some(std::borrow::Cow::Owned(package.join(".")))
}

/// Classes of the standard library and `typing` whose instances are
/// collections, by their last name: a capitalized callable or annotation
/// outside this list names a class of the program's own (or a library's),
/// whose `add` or `append` is its own method.
pub const COLLECTION_CLASSES: &[&str] = &[
    "ChainMap",
    "Counter",
    "DefaultDict",
    "Deque",
    "Dict",
    "FrozenSet",
    "List",
    "Mapping",
    "MutableMapping",
    "MutableSequence",
    "MutableSet",
    "OrderedDict",
    "Sequence",
    "Set",
    "UserDict",
    "UserList",
    "WeakKeyDictionary",
    "WeakSet",
    "WeakValueDictionary",
];

/// An identifier in lowercase snake case, without leading or trailing
/// underscores: `SearchState` and `search_state` give `search_state`,
/// `HTTPServer` gives `http_server`, `_atom` gives `atom`.
pub fn snake_name(name: &str) -> String {
    let name = name.trim_matches('_');
    let bytes = name.as_bytes();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &b) in bytes.iter().enumerate() {
        // A capital starts a word after a small letter or digit, or before
        // one when it ends a run of capitals (`HTTPServer`).
        let starts_word = i > 0
            && b.is_ascii_uppercase()
            && (!bytes[i - 1].is_ascii_uppercase() && bytes[i - 1] != b'_'
                || bytes[i - 1].is_ascii_uppercase()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase));
        if starts_word {
            out.push('_');
        }
        out.push(b.to_ascii_lowercase() as char);
    }
    out
}

/// Whether a variable named `variable` (in [`snake_name`] form) is named for
/// instances of the class whose [`snake_name`] is `class`: it is the
/// class's name (`atom` for `Atom`, `search_state` for `SearchState`) or
/// ends with it after an underscore (`loop_node` for `Node`), or it is
/// two or more of the class's last words (`worker_state` for
/// `_ManagedWorkerState`: the class's name qualifies what the variable
/// names). A class's last word alone (`item` for `SpotItem`) names too
/// many other things; a name under three letters (`db`) names nothing.
pub fn named_for_class(variable: &str, class: &str) -> bool {
    let ends = |long: &str, short: &str| {
        long.strip_suffix(short)
            .is_some_and(|head| head.is_empty() || head.ends_with('_'))
    };
    class.len() >= 3 && (ends(variable, class) || variable.contains('_') && ends(class, variable))
}

/// `type(x)` or `x.__class__`: the class of a value, not an instance. Its
/// `__dict__` is the class's (the summary's instance-dictionary reads), and
/// a memo keyed by it holds an entry per class at most (MEM205).
pub fn is_class_of(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            matches!(call.func.as_ref(), Expr::Name(f) if f.id.as_str() == "type")
                && call.arguments.args.len() == 1
                && call.arguments.keywords.is_empty()
        }
        Expr::Attribute(attribute) => attribute.attr.as_str() == "__class__",
        _ => false,
    }
}

/// `Worker`, `HTTPServer`: a name spelled as a class (a constant,
/// [`is_constant_name`], is spelled so too; ask that first where it
/// matters).
pub fn is_class_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// `ValueError`, `ConfigException`, `DeprecatedWarning`: an exception class
/// by its name.
pub fn is_exception_name(name: &str) -> bool {
    name.ends_with("Error") || name.ends_with("Exception") || name.ends_with("Warning")
}

/// `SETTINGS`, `INSTALLED_APPS`: a module-level constant by convention.
pub fn is_constant_name(name: &str) -> bool {
    name.len() > 1
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_code_by_name_and_folder() {
        let settings = RuleSettings::default();
        for yes in [
            "test_a.py",
            "pkg/a_test.py",
            "conftest.py",
            "proj/tests/helpers.py",
            "proj/test/sub/x.py",
            "proj/testing/x.py",
            // A module named as a test folder, or for test utilities.
            "testing.py",
            "pkg/tests.py",
            "fs/test.py",
            "pkg/testutils.py",
            "pkg/common/testing_utils.py",
        ] {
            assert!(is_test_code(Path::new(yes), &settings), "{yes}");
        }
        for no in [
            "pkg/contest.py",
            "src/latest.py",
            "pkg/testament.py",
            "pkg/attestation.py",
            "proj/attest/x.py",
        ] {
            assert!(!is_test_code(Path::new(no), &settings), "{no}");
        }
    }

    #[test]
    fn folders_above_the_root_do_not_count() {
        let mut settings = RuleSettings::default();
        settings.test_paths.root = PathBuf::from("/home/me/test/proj");
        assert!(!is_test_code(
            Path::new("/home/me/test/proj/pkg/a.py"),
            &settings
        ));
        assert!(is_test_code(
            Path::new("/home/me/test/proj/tests/a.py"),
            &settings
        ));
    }

    #[test]
    fn test_paths_globs() {
        let mut settings = RuleSettings::default();
        settings.test_paths.root = PathBuf::from("/p");
        settings.test_paths.matcher = Some(Arc::new(|p: &Path| p.starts_with("checks")));
        assert!(is_test_code(Path::new("/p/checks/a.py"), &settings));
        assert!(!is_test_code(Path::new("/p/pkg/a.py"), &settings));
    }

    #[test]
    fn snake_names() {
        for (name, snake) in [
            ("SearchState", "search_state"),
            ("search_state", "search_state"),
            ("HTTPServer", "http_server"),
            ("_atom", "atom"),
            ("ARC4", "arc4"),
            ("Transaction2", "transaction2"),
            ("Has_Underscore", "has_underscore"),
        ] {
            assert_eq!(snake_name(name), snake, "{name}");
        }
        assert!(named_for_class("loop_node", "node"));
        assert!(named_for_class("atom", "atom"));
        assert!(!named_for_class("item", "spot_item"));
        assert!(!named_for_class("subnode", "node"));
        assert!(!named_for_class("db", "db"));
        assert!(named_for_class("worker_state", "managed_worker_state"));
        assert!(!named_for_class("state", "managed_worker_state"));
        assert!(!named_for_class("ker_state", "managed_worker_state"));
    }

    #[test]
    fn from_import_names() {
        assert_eq!(from_import_name(0, Some("a.b"), "c"), "a.b.c");
        assert_eq!(from_import_name(1, None, "x"), ".x");
        assert_eq!(from_import_name(2, Some("a"), "b"), "..a.b");
    }

    /// The names of the functions `entry_functions` and `helper_runs_once`
    /// find in `source`.
    fn entry_names(source: &str) -> Vec<String> {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let module = &parsed.syntax().body;
        let index = SemanticIndex::build(parsed.syntax());
        let entries = entry_functions(module);
        module
            .iter()
            .filter_map(|s| match s {
                Stmt::FunctionDef(def)
                    if entries.contains(&def.range)
                        || helper_runs_once(&index, module, source, &entries, def) =>
                {
                    Some(def.name.to_string())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn commands_of_a_command_line_interface() {
        let source = "\
import click
import typer
from typer import Typer
from .main import root
bot = make_bot()
app = typer.Typer()
other = Typer()
@click.group()
def cli(): ...
@cli.group()
def sub(): ...
@sub.command()
def deep(): ...
@app.command()
def serve(): ...
@other.command()
def other_cmd(): ...
@root.command()
def split(): ...
@bot.command()
def answer(): ...
def helper(): ...
";
        assert_eq!(
            entry_names(source),
            ["cli", "sub", "deep", "serve", "other_cmd", "split"]
        );
        // Without a command-line framework, `.command` means something else.
        assert!(entry_names("from .main import root\n@root.command()\ndef f(): ...\n").is_empty());
    }

    #[test]
    fn private_helpers_run_once() {
        let source = "\
def _wrap(f):
    return f
def _queue():
    return Queue()
def _pool():
    return Pool()
def _twice():
    return Pool()
def _looped():
    return Pool()
def _passed():
    return Pool()
def _recursive(n):
    return _recursive(n - 1)
def main():
    _pool()
    for _ in range(3):
        _looped()
    register(_passed)
class Repo:
    queue = _queue()
    def open(self):
        return _twice()
    @_wrap
    def close(self): ...
_twice()
if __name__ == \"__main__\":
    main()
";
        // `main` runs once, as what the `__main__` block calls; `_queue`
        // once, from a class body at import, and `_pool` from `main`.
        // `_twice` is also called by a method, `_looped` in a loop,
        // `_passed` handed on, `_recursive` by itself, `_wrap` is a
        // decorator.
        assert_eq!(entry_names(source), ["_queue", "_pool", "main"]);
    }
}
