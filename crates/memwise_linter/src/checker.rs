//! The per-file pipeline: parse (with recovery), build the semantic index
//! once, run the enabled rules in one walk, apply noqa and per-file-ignores.
//! The AST is dropped before the function returns.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use memwise_core::traverse::{self, Hooks, MAX_DEPTH};
use memwise_core::{Context, Diagnostic, FileSummary, Rule, ScopeKind, SemanticIndex};
use memwise_rules::SyntaxError;
use ruff_python_ast::{AnyNodeRef, Expr, PySourceType, Stmt};
use ruff_python_parser::parse_unchecked_source;
use ruff_source_file::LineIndex;
use ruff_text_size::{TextRange, TextSize};

use crate::config::Settings;
use crate::noqa::NoqaMap;
use crate::selection::RuleSet;
use crate::summarize::Summarizer;

/// The rules to call for each node kind, built once per settings, each
/// with its code (recorded before each call, to blame a panic on it):
/// reading it through `Rule::meta` was a second virtual call per node.
pub struct DispatchTable {
    by_kind: Vec<Vec<(&'static str, &'static dyn Rule)>>,
}

impl std::fmt::Debug for DispatchTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DispatchTable")
    }
}

/// More than the number of `NodeKind` variants.
const NODE_KINDS: usize = 128;

impl DispatchTable {
    /// The table for a set of enabled rules; for test code, only the rules
    /// that report there (`RuleMeta::test_code`): the one place that decides.
    pub fn new(rules: &RuleSet, test_code: bool) -> Self {
        let mut by_kind: Vec<Vec<(&'static str, &'static dyn Rule)>> = vec![Vec::new(); NODE_KINDS];
        for rule in rules.rules().filter(|r| !test_code || r.meta().test_code) {
            for kind in rule.node_kinds() {
                if let Some(slot) = by_kind.get_mut(*kind as usize) {
                    slot.push((rule.meta().code, rule));
                }
            }
        }
        Self { by_kind }
    }

    fn rules_for(&self, node: AnyNodeRef<'_>) -> &[(&'static str, &'static dyn Rule)] {
        self.by_kind
            .get(node.kind() as usize)
            .map_or(&[], Vec::as_slice)
    }
}

thread_local! {
    /// The rule running on this thread, so a panic can be blamed on it.
    static CURRENT_RULE: Cell<Option<&'static str>> = const { Cell::new(None) };
    /// The message of the last panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether this thread is inside [`catch`], where panics are recorded
    /// instead of printed.
    static IN_CATCH: Cell<bool> = const { Cell::new(false) };
}

/// Replaces the default panic output (a message and a backtrace on stderr)
/// with a record that the engine turns into a one-line error for the file,
/// for panics inside [`catch`] only: any other panic (a bug outside the
/// per-file work, or a failing assertion in a test using the library) goes
/// to the hook that was there before.
pub(crate) fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CATCH.with(Cell::get) {
                previous(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{location}")));
        }));
    });
}

/// Runs `work`, turning a panic into its message (with where it happened).
pub(crate) fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = IN_CATCH.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    IN_CATCH.with(|flag| flag.set(outer));
    result.map_err(|_| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".to_owned())
    })
}

/// What checking one source produced.
#[derive(Debug, Default)]
pub struct Checked {
    /// The findings, sorted by position, noqa and per-file-ignores applied.
    pub diagnostics: Vec<Diagnostic>,
    /// For each finding, the enclosing `class`/`def` names joined with `.`
    /// (empty at module level): part of the baseline fingerprint.
    pub scopes: Vec<Box<str>>,
    /// What whole-project rules need of the file (empty when none is enabled).
    pub summary: FileSummary,
}

/// Checks one file's source, catching a panic in the parser, the index or a
/// rule and describing it instead.
pub(crate) fn check_source_guarded(
    path: &Path,
    source: &str,
    settings: &Settings,
    index_only: bool,
) -> Result<Checked, String> {
    CURRENT_RULE.with(|rule| rule.set(None));
    catch(|| {
        if index_only {
            index_source(path, source, settings)
        } else {
            check_source(path, source, settings)
        }
    })
    .map_err(|message| match CURRENT_RULE.with(Cell::get) {
        Some(code) => {
            format!("rule {code} panicked: {message}; this is a bug in memwise, please report it")
        }
        None => format!("memwise panicked: {message}; this is a bug, please report it"),
    })
}

/// Checks one file's source and returns its diagnostics, sorted, with noqa
/// and per-file-ignores applied.
pub fn check_source(path: &Path, source: &str, settings: &Settings) -> Checked {
    let parsed = parse_unchecked_source(source, PySourceType::Python);
    let mut diagnostics = Vec::new();
    let mut index = None;
    let mut summary = FileSummary::default();
    if parsed.has_syntax_errors() {
        for error in parsed.errors() {
            diagnostics.push(syntax_error(&error.error.to_string(), error.location));
        }
    } else {
        let module = parsed.syntax();
        let index = index.insert(SemanticIndex::build(module));
        if let Some(range) = index.too_deep {
            diagnostics.push(syntax_error(
                &format!(
                    "code nests deeper than {MAX_DEPTH} levels; memwise skips this file's rules (CPython cannot compile it either)"
                ),
                TextRange::at(range.start(), TextSize::new(0)),
            ));
        } else {
            let summarize = settings.summarize() && !is_notebook(path);
            let cx = Context::new(source, index, &settings.rule_settings, path)
                .with_module(&module.body);
            let table = settings.dispatch(cx.is_test_file());
            let mut runner = RuleRunner {
                cx,
                table,
                summarizer: summarize.then(|| Summarizer::new(source, index)),
            };
            // Rules that read a whole scope's statements at once see the
            // module first, as they see a `def` or `class` before its body.
            runner.dispatch(AnyNodeRef::ModModule(module));
            traverse::walk_module(&mut runner, &module.body);
            CURRENT_RULE.with(|rule| rule.set(None));
            if let Some(summarizer) = runner.summarizer.take() {
                summary = summarizer.finish();
            }
            diagnostics = runner.cx.into_diagnostics();
            let ignored = settings.ignored_for(path);
            if !ignored.is_empty() {
                diagnostics.retain(|d| !ignored.contains(d.rule.code));
            }
        }
    }
    if diagnostics.is_empty() {
        return Checked {
            summary,
            ..Checked::default()
        };
    }
    // Comments are only read for files that have something to suppress.
    if NoqaMap::may_exist_in(source) {
        let lines = LineIndex::from_source_text(source);
        let noqa = NoqaMap::collect(parsed.tokens(), source, &lines);
        diagnostics.retain(|d| {
            let row = lines.line_index(d.range.start()).get();
            // A syntax error is always reported: a line's `# noqa` cannot hide
            // that the file does not run. Only `# memwise: noqa` skips the file.
            if d.rule.code == SyntaxError::META.code {
                return !noqa.skips_file();
            }
            !noqa.suppresses(row, d.rule.code)
        });
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start(), a.rule.code, a.range.end()).cmp(&(
            b.range.start(),
            b.rule.code,
            b.range.end(),
        ))
    });
    let scopes = diagnostics
        .iter()
        .map(|d| {
            index
                .as_ref()
                .map(|i| scope_path(i, d.range.start()))
                .unwrap_or_default()
        })
        .collect();
    Checked {
        diagnostics,
        scopes,
        summary,
    }
}

fn is_notebook(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ipynb")
}

/// Only the summary of a file that whole-project rules index but whose
/// findings are not reported (`--project-root`): no rule runs.
fn index_source(path: &Path, source: &str, settings: &Settings) -> Checked {
    static NO_RULES: std::sync::OnceLock<DispatchTable> = std::sync::OnceLock::new();
    let parsed = parse_unchecked_source(source, PySourceType::Python);
    if parsed.has_syntax_errors() || is_notebook(path) || !settings.summarize() {
        return Checked::default();
    }
    let module = parsed.syntax();
    let index = SemanticIndex::build(module);
    if index.too_deep.is_some() {
        return Checked::default();
    }
    let mut runner = RuleRunner {
        cx: Context::new(source, &index, &settings.rule_settings, path).with_module(&module.body),
        table: NO_RULES.get_or_init(|| DispatchTable::new(&RuleSet::EMPTY, false)),
        summarizer: Some(Summarizer::new(source, &index)),
    };
    traverse::walk_module(&mut runner, &module.body);
    let summary = runner
        .summarizer
        .take()
        .map(Summarizer::finish)
        .unwrap_or_default();
    Checked {
        summary,
        ..Checked::default()
    }
}

/// Drops the diagnostics that a `# noqa` comment of `source` suppresses:
/// for whole-project findings, whose file was checked (and its comments
/// dropped) before the project pass.
pub(crate) fn apply_noqa(source: &str, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !NoqaMap::may_exist_in(source) {
        return diagnostics;
    }
    let parsed = parse_unchecked_source(source, PySourceType::Python);
    let lines = LineIndex::from_source_text(source);
    let noqa = NoqaMap::collect(parsed.tokens(), source, &lines);
    diagnostics.retain(|d| {
        let row = lines.line_index(d.range.start()).get();
        !noqa.suppresses(row, d.rule.code)
    });
    diagnostics
}

/// `Outer.method` for an offset inside `method` of class `Outer`. Scopes are
/// numbered in pre-order, so the containing ones come outermost first.
fn scope_path(index: &SemanticIndex, offset: TextSize) -> Box<str> {
    let mut path = String::new();
    for scope in index.scopes().iter().skip(1) {
        if scope.range.contains(offset)
            && let Some(name) = &scope.name
        {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
        }
    }
    path.into_boxed_str()
}

fn syntax_error(message: &str, range: TextRange) -> Diagnostic {
    let mut chars = message.chars();
    let message = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect::<String>(),
        None => String::new(),
    };
    // The parser quotes offending text, which may hold NUL or other control
    // characters that would garble a terminal or a one-line format.
    let message: String = message
        .trim_end_matches('.')
        .trim_end()
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    Diagnostic::new(&SyntaxError::META, message, range)
        .with_help("fix the syntax error: memwise checks nothing else in this file until it parses")
}

struct RuleRunner<'a, 't> {
    cx: Context<'a>,
    table: &'t DispatchTable,
    summarizer: Option<Summarizer<'a>>,
}

impl<'a> RuleRunner<'a, '_> {
    fn dispatch(&mut self, node: AnyNodeRef<'a>) {
        for (code, rule) in self.table.rules_for(node) {
            CURRENT_RULE.with(|current| current.set(Some(code)));
            rule.check(&mut self.cx, node);
        }
    }
}

impl<'a> Hooks<'a> for RuleRunner<'a, '_> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        self.cx.push_statement(stmt);
        if let Some(summarizer) = &mut self.summarizer {
            summarizer.stmt(stmt, self.cx.scope());
        }
        self.dispatch(stmt.into());
    }

    fn stmt_exit(&mut self, _stmt: &'a Stmt) {
        self.cx.pop_statement();
    }

    fn expr(&mut self, expr: &'a Expr) {
        if let Some(summarizer) = &mut self.summarizer {
            summarizer.expr(expr, self.cx.scope(), self.cx.statements().last().copied());
        }
        self.dispatch(expr.into());
    }

    fn push_scope(&mut self, _kind: ScopeKind, _node: AnyNodeRef<'a>) {
        self.cx.push_scope();
    }

    fn pop_scope(&mut self) {
        self.cx.pop_scope();
    }

    fn too_deep(&mut self, _range: TextRange) {}
}
