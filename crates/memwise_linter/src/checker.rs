//! The per-file pipeline: parse (with recovery), build the semantic index
//! once, run the enabled rules in one walk, apply noqa and per-file-ignores.
//! The AST is dropped before the function returns.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use memwise_core::traverse::{self, Hooks, MAX_DEPTH};
use memwise_core::{Context, Diagnostic, FileSummary, Rule, ScopeKind, SemanticIndex};
use memwise_rules::SyntaxError;
use ruff_python_ast::{AnyNodeRef, Expr, ModModule, PySourceType, Stmt};
use ruff_python_parser::{ParseOptions, Parsed, parse_unchecked_source};
use ruff_source_file::LineIndex;
use ruff_text_size::{TextRange, TextSize};

use crate::config::Settings;
use crate::nesting;
use crate::noqa::{NoqaMap, UnusedCode};
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

/// A panic that [`catch`] stopped: its message, with where it happened
/// (recorded by the hook, since the payload does not say).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct Panic {
    pub(crate) message: String,
}

/// Runs `work`, turning a panic into its message (with where it happened).
pub(crate) fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Panic> {
    let outer = IN_CATCH.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    IN_CATCH.with(|flag| flag.set(outer));
    result.map_err(|_| Panic {
        message: LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".to_owned()),
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
    /// Memwise codes in noqa comments that are unknown or suppress nothing
    /// (empty unless `warn-unused-noqa` is on and the rules ran).
    pub unused_noqa: Vec<UnusedCode>,
}

/// A panic caught while checking a file, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckPanic {
    /// A rule panicked.
    #[error("rule {rule} panicked: {message}; this is a bug in memwise, please report it")]
    InRule {
        /// The rule's code.
        rule: &'static str,
        /// The panic's message and location.
        message: String,
    },
    /// The parser, the index or the engine panicked.
    #[error("memwise panicked: {message}; this is a bug, please report it")]
    Engine {
        /// The panic's message and location.
        message: String,
    },
}

/// Checks one file's source, catching a panic in the parser, the index or a
/// rule and describing it instead.
pub(crate) fn check_source_guarded(
    path: &Path,
    source: &str,
    settings: &Settings,
    index_only: bool,
) -> Result<Checked, CheckPanic> {
    CURRENT_RULE.with(|rule| rule.set(None));
    catch(|| {
        if index_only {
            index_source(path, source, settings)
        } else {
            check_source(path, source, settings)
        }
    })
    .map_err(|Panic { message }| match CURRENT_RULE.with(Cell::get) {
        Some(rule) => CheckPanic::InRule { rule, message },
        None => CheckPanic::Engine { message },
    })
}

/// Checks one file's source and returns its diagnostics, sorted, with noqa
/// and per-file-ignores applied.
pub fn check_source(path: &Path, source: &str, settings: &Settings) -> Checked {
    // Past the depth bound the parser would take gigabytes or minutes: the
    // file is reported without being parsed.
    if let Some(at) = nesting::too_deep(source, MAX_DEPTH as usize) {
        if skipped_by_directive(source) {
            return Checked::default();
        }
        return Checked {
            diagnostics: vec![too_deep_error(TextSize::try_from(at).unwrap_or_default())],
            scopes: vec![Box::default()],
            ..Checked::default()
        };
    }
    let parsed = parse(source, settings);
    let mut diagnostics = Vec::new();
    let mut index = None;
    let mut summary = FileSummary::default();
    // Whether the rules ran on this file and for test code: only then can
    // a noqa code be said to suppress nothing.
    let mut rules_ran = None;
    // The tests written in this (non-test) module.
    let mut tests = Vec::new();
    // Only real parse errors stop the rules: syntax that the target version
    // lacks (`type X = ...` on py310) still parses into a full tree.
    if parsed.has_invalid_syntax() {
        for error in parsed.errors() {
            diagnostics.push(syntax_error(&error.error.to_string(), error.location));
        }
    } else {
        let module = parsed.syntax();
        let index = index.insert(SemanticIndex::build(module));
        if let Some(range) = index.too_deep {
            diagnostics.push(too_deep_error(range.start()));
        } else {
            let summarize = settings.summarize() && !is_notebook(path);
            let cx = Context::new(source, index, &settings.rule_settings, path)
                .with_module(&module.body);
            let is_test = cx.is_test_file();
            rules_ran = Some(is_test);
            let table = settings.dispatch(is_test);
            // Tests kept in a library module are test code too: the rules
            // that stay out of test files stay out of them, and the
            // summary's loops there do not count.
            tests = memwise_core::python::test_definitions(index, &module.body);
            let mut runner = RuleRunner {
                cx,
                table,
                summarizer: summarize.then(|| {
                    Summarizer::new(
                        source,
                        index,
                        &module.body,
                        tests.clone(),
                        memwise_core::python::is_main_module(path),
                    )
                }),
            };
            // Rules that read a whole scope's statements at once see the
            // module first, as they see a `def` or `class` before its body.
            runner.dispatch(AnyNodeRef::ModModule(module));
            traverse::walk_module(&mut runner, &module.body);
            CURRENT_RULE.with(|rule| rule.set(None));
            let mut deferred = runner.cx.take_deferred();
            deferred.retain(|d| outside_tests(&tests, &d.diagnostic));
            if let Some(summarizer) = runner.summarizer.take() {
                summary = summarizer.finish();
                summary.deferred = deferred;
                diagnostics = runner.cx.into_diagnostics();
            } else {
                // No project pass will see them (a notebook): they stand.
                diagnostics = runner.cx.into_diagnostics();
                diagnostics.extend(deferred.into_iter().map(|d| d.diagnostic));
            }
            let ignored = settings.ignored_for(path);
            if !ignored.is_empty() {
                diagnostics.retain(|d| !ignored.contains(d.rule.code));
            }
        }
        diagnostics.extend(
            parsed
                .unsupported_syntax_errors()
                .iter()
                .map(|error| version_error(&error.to_string(), error.range)),
        );
    }
    let judge_noqa = rules_ran.filter(|_| settings.warn_unused_noqa);
    if diagnostics.is_empty() && judge_noqa.is_none() {
        return Checked {
            summary,
            ..Checked::default()
        };
    }
    // Comments are only read for files that have something to suppress,
    // or whose noqa codes are judged.
    let mut unused_noqa = Vec::new();
    if NoqaMap::may_exist_in(source) {
        let lines = LineIndex::from_source_text(source);
        let noqa = NoqaMap::collect(parsed.tokens(), source, &lines);
        let mut used = HashSet::new();
        diagnostics.retain(|d| {
            let row = lines.line_index(d.range.start()).get();
            // A syntax error is always reported: a line's `# noqa` cannot hide
            // that the file does not run. Only `# memwise: noqa` skips the file.
            if d.rule.severity == memwise_core::Severity::Error {
                return !noqa.skips_file();
            }
            match noqa.suppressed_by(row, d.rule.code) {
                Some(site) => {
                    used.insert((site, d.rule.code));
                    false
                }
                None => true,
            }
        });
        if let Some(is_test) = judge_noqa {
            unused_noqa = noqa.unused(
                &used,
                |code| memwise_rules::find(code).is_some(),
                |code| judged_here(settings, path, is_test, code),
            );
        }
    }
    // After the comments are read, so a `# noqa` on such a line still
    // counts as used.
    if !tests.is_empty() {
        diagnostics.retain(|d| outside_tests(&tests, d));
    }
    if diagnostics.is_empty() {
        return Checked {
            summary,
            unused_noqa,
            ..Checked::default()
        };
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start(), a.rule.code, a.range.end()).cmp(&(
            b.range.start(),
            b.rule.code,
            b.range.end(),
        ))
    });
    let scopes = match &index {
        Some(index) => scope_paths(index, diagnostics.iter().map(|d| d.range.start())),
        None => vec![Box::default(); diagnostics.len()],
    };
    Checked {
        diagnostics,
        scopes,
        summary,
        unused_noqa,
    }
}

/// Whether `diagnostic` stands given the tests written in its module: its
/// rule reports in test code, or it lies outside them.
fn outside_tests(tests: &[TextRange], diagnostic: &Diagnostic) -> bool {
    diagnostic.rule.test_code || !tests.iter().any(|t| t.contains(diagnostic.range.start()))
}

/// Whether a noqa `code` that suppressed nothing in this file is worth a
/// warning: its rule runs here (selected, not ignored for the file, and
/// reporting in test code if this is test code), and what it finds depends
/// on this file alone. A whole-project rule's finding depends on which
/// files the run sees (pre-commit passes a few), so its codes are not
/// judged.
fn judged_here(settings: &Settings, path: &Path, is_test: bool, code: &str) -> bool {
    let Some(rule) = memwise_rules::find(code) else {
        return false;
    };
    let meta = rule.meta();
    settings.rules.contains(meta.code)
        && !settings.ignored_for(path).contains(meta.code)
        && (meta.test_code || !is_test)
        && !memwise_rules::registry::project_rules()
            .iter()
            .any(|r| r.meta().code == meta.code)
}

/// Parses `source` for the settings' target version, so that the syntax
/// that version lacks is listed apart from the real errors.
fn parse(source: &str, settings: &Settings) -> Parsed<ModModule> {
    let target = settings.rule_settings.target_version;
    let options = ParseOptions::from(PySourceType::Python).with_target_version(
        ruff_python_ast::PythonVersion::from((target.major, target.minor)),
    );
    crate::parse::parse_module(source, options)
}

fn is_notebook(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ipynb")
}

/// The finding for code nested past [`MAX_DEPTH`], seen by the pre-scan
/// (brackets, f-strings, indentation) or by the walk (operators, chains).
fn too_deep_error(at: TextSize) -> Diagnostic {
    syntax_error(
        &format!(
            "code nests deeper than {MAX_DEPTH} levels; memwise skips this file's rules (CPython cannot compile it either)"
        ),
        TextRange::empty(at),
    )
}

/// Whether an own-line `# memwise: noqa` skips the file, for a file the
/// parser never read.
fn skipped_by_directive(source: &str) -> bool {
    NoqaMap::may_exist_in(source)
        && nesting::own_line_comments(source).into_iter().any(|at| {
            let line = &source[at..];
            let end = line.find(['\n', '\r']).unwrap_or(line.len());
            crate::noqa::skips_file(&line[..end])
        })
}

/// Only the summary of a file that whole-project rules index but whose
/// findings are not reported (`--project-root`): no rule runs.
fn index_source(path: &Path, source: &str, settings: &Settings) -> Checked {
    static NO_RULES: std::sync::OnceLock<DispatchTable> = std::sync::OnceLock::new();
    if nesting::too_deep(source, MAX_DEPTH as usize).is_some() {
        return Checked::default();
    }
    let parsed = parse(source, settings);
    if parsed.has_invalid_syntax() || is_notebook(path) || !settings.summarize() {
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
        summarizer: Some(Summarizer::new(
            source,
            &index,
            &module.body,
            memwise_core::python::test_definitions(&index, &module.body),
            memwise_core::python::is_main_module(path),
        )),
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

/// `Outer.method` for each offset inside `method` of class `Outer`, for
/// offsets in increasing order. One sweep over the named scopes: looking
/// through every scope for every finding took minutes on a file with a
/// comprehension (a scope) and a finding on each of 100,000 lines.
fn scope_paths(index: &SemanticIndex, offsets: impl Iterator<Item = TextSize>) -> Vec<Box<str>> {
    // Only `def` and `class` scopes have names. They are numbered in
    // pre-order and nest properly, so they come sorted by start, and the
    // ones open at an offset form a stack, outermost first.
    let mut named = index
        .scopes()
        .iter()
        .filter_map(|scope| scope.name.as_ref().map(|name| (scope.range, name.as_str())))
        .peekable();
    let mut open: Vec<(TextRange, &str)> = Vec::new();
    let mut paths = Vec::new();
    let mut last: Option<(TextSize, Box<str>)> = None;
    for offset in offsets {
        debug_assert!(last.as_ref().is_none_or(|(at, _)| *at <= offset));
        while let Some((range, name)) = named.next_if(|(range, _)| range.start() <= offset) {
            while open
                .last()
                .is_some_and(|(outer, _)| !outer.contains(range.start()))
            {
                open.pop();
            }
            open.push((range, name));
        }
        while open
            .last()
            .is_some_and(|(range, _)| !range.contains(offset))
        {
            open.pop();
        }
        let path = match &last {
            Some((at, path)) if *at == offset => path.clone(),
            _ => open
                .iter()
                .map(|(_, name)| *name)
                .collect::<Vec<_>>()
                .join(".")
                .into_boxed_str(),
        };
        last = Some((offset, path.clone()));
        paths.push(path);
    }
    paths
}

fn syntax_error(message: &str, range: TextRange) -> Diagnostic {
    Diagnostic::new(&SyntaxError::META, one_line_message(message), range)
        .with_help("fix the syntax error: memwise checks nothing else in this file until it parses")
}

/// Syntax that the target version's CPython rejects but a newer one accepts
/// (`type X = ...` with `target-version = "py310"`, Python 2's `except E, e:`
/// before 3.14): a `MEM000` of its own kind that never stops the file's
/// other rules, because the parser built the whole tree.
fn version_error(message: &str, range: TextRange) -> Diagnostic {
    Diagnostic::new(
        &memwise_rules::UNSUPPORTED_SYNTAX,
        one_line_message(message),
        range,
    )
    .with_help(
        "memwise still checks this file: set `target-version` (or `requires-python`) to the oldest Python it must run on, or write it for that version",
    )
}

/// The parser's message in the form of a finding: lower case first letter,
/// no final period, control characters escaped.
fn one_line_message(message: &str) -> String {
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
    message
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The sweep gives, for every offset, the names of the named scopes
    /// that contain it, outermost first: what looking through every scope
    /// for each offset gives.
    #[test]
    fn scope_paths_match_the_scopes_containing_each_offset() {
        let source = "\
@decorate(lambda: [x for x in y])
class Outer:
    def method(self, d=lambda: 1):
        def inner():
            return [z for z in w]
        return inner
    class Nested:
        pass
    x = 1
def f(): pass
y = 2
";
        let parsed = ruff_python_parser::parse_module(source).expect("valid");
        let index = SemanticIndex::build(parsed.syntax());
        let offsets: Vec<TextSize> = (0..=source.len())
            .map(|i| TextSize::try_from(i).expect("small"))
            .collect();
        let swept = scope_paths(&index, offsets.iter().copied());
        for (offset, path) in offsets.iter().zip(&swept) {
            let expected: Vec<&str> = index
                .scopes()
                .iter()
                .filter(|s| s.range.contains(*offset))
                .filter_map(|s| s.name.as_deref())
                .collect();
            assert_eq!(&**path, expected.join("."), "at {offset:?}");
        }
        assert!(swept.iter().any(|p| &**p == "Outer.method.inner"));
        assert!(swept.iter().any(|p| &**p == "Outer.Nested"));
        assert!(swept.iter().any(|p| &**p == "f"));
    }
}
