//! The fix engine: applies the fixes rules attach, as ruff does, and never
//! hands back a file that no longer parses.
//!
//! One pass applies every allowed fix in order of its first edit; a fix that
//! overlaps one already applied in the pass waits for the next pass, which
//! re-checks the new text. An edit identical to one already applied in the
//! pass is skipped, so two fixes that add the same import add it once.
//! Passes repeat until no fix applies, at most [`MAX_PASSES`] times.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use memwise_core::{Applicability, Diagnostic, Edit, Fix, Severity};
use ruff_text_size::TextSize;

use crate::checker::{Checked, check_source};
use crate::compile_check;
use crate::config::Settings;

/// More passes than this means two fixes undo each other: the file is left alone.
pub const MAX_PASSES: usize = 100;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report only.
    #[default]
    Off,
    /// Apply the fixes and write the files.
    Apply,
    /// Compute the fixes and show them as a diff; write nothing.
    Diff,
}

/// How many fixes of each rule were applied to one file.
pub type FixCounts = BTreeMap<&'static str, usize>;

/// The result of fixing one source.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text (the input when nothing applied).
    pub source: String,
    /// Fixes applied, by rule code.
    pub counts: FixCounts,
    /// The findings of the fixed text; `None` when nothing changed.
    pub checked: Option<Checked>,
}

/// Whether `--fix` (and `--unsafe-fixes` when `unsafe_fixes`) applies `fix`.
pub fn is_applicable(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

/// Why fixing a file was given up; the file is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// A pass of fixes would leave a syntax error.
    #[error(
        "fixes of {rules} would break the file ({error}); left it untouched: this is a bug in memwise, please report it"
    )]
    BreaksSyntax {
        /// The codes of the rules whose fixes the pass applied.
        rules: String,
        /// The syntax error.
        error: String,
    },
    /// The passes kept changing the text.
    #[error(
        "fixes of {rules} did not settle after {MAX_PASSES} passes; left the file untouched: this is a bug in memwise, please report it"
    )]
    DoesNotSettle {
        /// The codes of the rules whose fixes took part.
        rules: String,
    },
    /// A rule or the fixer panicked.
    #[error(
        "memwise panicked while fixing ({0}); left the file untouched: this is a bug, please report it"
    )]
    Panicked(String),
}

/// Applies fixes to `source` until none applies. `checked` is the first
/// check of `source`. Errs, naming the rules, when a pass breaks the syntax or
/// the passes do not settle; the caller then keeps the original text.
pub fn fix_source(
    path: &Path,
    source: &str,
    first: &Checked,
    settings: &Settings,
    unsafe_fixes: bool,
) -> Result<Fixed, FixError> {
    let mut counts = FixCounts::new();
    if has_syntax_errors(&first.diagnostics) {
        return Ok(Fixed {
            source: source.to_owned(),
            counts,
            checked: None,
        });
    }
    let mut text = source.to_owned();
    let mut checked: Option<Checked> = None;
    let mut involved: BTreeSet<&'static str> = BTreeSet::new();
    for pass in 0..MAX_PASSES {
        let diagnostics = checked
            .as_ref()
            .map_or(&first.diagnostics, |c| &c.diagnostics);
        let Some((next, applied)) = apply_pass(&text, diagnostics, unsafe_fixes) else {
            return Ok(Fixed {
                source: text,
                counts,
                checked,
            });
        };
        let next = test_hooks::misbehave(pass, source, next);
        let codes: BTreeSet<&'static str> = applied.keys().copied().collect();
        if let Some(error) = breakage(&text, &next) {
            return Err(FixError::BreaksSyntax {
                rules: join(&codes),
                error,
            });
        }
        for (code, count) in applied {
            *counts.entry(code).or_default() += count;
        }
        involved.extend(codes);
        text = next;
        checked = Some(check_source(path, &text, settings));
    }
    Err(FixError::DoesNotSettle {
        rules: join(&involved),
    })
}

fn join(codes: &BTreeSet<&'static str>) -> String {
    codes.iter().copied().collect::<Vec<_>>().join(", ")
}

/// Whether the findings include a syntax error (MEM000) that the parser
/// recovered from: such files are never fixed. Syntax only too new for the
/// target version does not count: the file parses, before and after.
pub fn has_syntax_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| {
        d.rule.severity == Severity::Error
            && !std::ptr::eq(d.rule, &raw const memwise_rules::UNSUPPORTED_SYNTAX)
    })
}

/// Why `fixed` must not replace `original`, if it must not: it no longer
/// parses, or CPython's compiler refuses something in it that `original`
/// did not have (a repeated keyword argument parses, yet is a
/// `SyntaxError`; see [`crate::compile_check`]).
pub(crate) fn breakage(original: &str, fixed: &str) -> Option<String> {
    let line = |offset: usize| fixed[..offset.min(fixed.len())].matches('\n').count() + 1;
    let parsed = crate::parse::parse_python(fixed);
    if let Some(e) = parsed.errors().first() {
        return Some(format!(
            "the result no longer parses: {} on line {}",
            e.error,
            line(e.location.start().to_usize())
        ));
    }
    let errors = compile_check::errors(&parsed.syntax().body);
    if errors.is_empty() {
        return None;
    }
    // Only what the fixes added counts: the original is compiled as it is.
    let before = crate::parse::parse_python(original);
    let mut known: Vec<String> = compile_check::errors(&before.syntax().body)
        .into_iter()
        .map(|e| e.message)
        .collect();
    errors.into_iter().find_map(|e| {
        if let Some(i) = known.iter().position(|m| *m == e.message) {
            known.swap_remove(i);
            return None;
        }
        Some(format!(
            "the result does not compile: {} on line {}",
            e.message,
            line(e.offset.to_usize())
        ))
    })
}

/// One pass: the new text and the fixes applied per rule, or `None` when no
/// fix applies.
pub fn apply_pass(
    source: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> Option<(String, FixCounts)> {
    let mut fixes: Vec<(&'static str, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d.rule.code, f)))
        .filter(|(_, f)| is_applicable(f, unsafe_fixes) && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(code, fix)| {
        let first = fix.edits.iter().map(|e| e.range.start()).min();
        (first, *code)
    });
    let mut output = String::with_capacity(source.len());
    let mut last: Option<TextSize> = None;
    let mut applied_edits: BTreeSet<(TextSize, TextSize, &str)> = BTreeSet::new();
    let mut counts = FixCounts::new();
    for (code, fix) in fixes {
        let mut edits: Vec<&Edit> = fix
            .edits
            .iter()
            .filter(|e| !applied_edits.contains(&(e.range.start(), e.range.end(), &e.content)))
            .collect();
        edits.sort_by_key(|e| (e.range.start(), e.range.end()));
        if edits.is_empty() {
            // Everything it would do is done already (the same import).
            *counts.entry(code).or_default() += 1;
            continue;
        }
        let overlaps = edits
            .first()
            .is_some_and(|first| last.is_some_and(|last| last >= first.range.start()))
            || edits
                .windows(2)
                .any(|pair| pair[0].range.end() > pair[1].range.start())
            || edits
                .iter()
                .any(|e| e.range.end().to_usize() > source.len());
        if overlaps {
            continue;
        }
        for edit in edits {
            let from = last.map_or(0, |l| l.to_usize());
            output.push_str(&source[from..edit.range.start().to_usize()]);
            output.push_str(&edit.content);
            last = Some(edit.range.end());
            applied_edits.insert((edit.range.start(), edit.range.end(), &edit.content));
        }
        *counts.entry(code).or_default() += 1;
    }
    let last = last?;
    output.push_str(&source[last.to_usize()..]);
    (output != source).then_some((output, counts))
}

/// A unified diff of `original` → `fixed` for `path`, as `patch` and
/// `git apply` read one: lines end at `\n` only. A `\r` stays part of its
/// line (CRLF and CR-only files), and a last line without `\n` gets the
/// `\ No newline at end of file` marker, so a CR-only file is one line and
/// its hunk never runs into the next file's header.
pub fn unified_diff(path: &Path, original: &str, fixed: &str) -> String {
    use std::fmt::Write as _;
    let name = path.display();
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let new: Vec<&str> = fixed.split_inclusive('\n').collect();
    let diff = similar::TextDiff::configure().diff_slices(&old, &new);
    let mut out = String::new();
    for ops in diff.grouped_ops(3) {
        if out.is_empty() {
            let _ = writeln!(out, "--- {name}\n+++ {name}");
        }
        let header = similar::udiff::UnifiedDiffHunk::new(ops.clone(), &diff, true).header();
        let _ = writeln!(out, "{header}");
        for change in ops.iter().flat_map(|op| diff.iter_changes(op)) {
            let line = change.value();
            let _ = write!(out, "{}{line}", change.tag());
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// Debug builds only: environment switches that make the fixes misbehave,
/// so that the tests can prove the safety net holds (a rule's real fixes
/// should never trigger it).
#[cfg(debug_assertions)]
mod test_hooks {
    /// `MEMWISE_TEST_BREAK_FIXES`: every pass leaves an unclosed bracket.
    /// `MEMWISE_TEST_UNCOMPILABLE_FIXES`: every pass adds a call that parses
    /// but does not compile (a repeated keyword argument).
    /// `MEMWISE_TEST_LOOP_FIXES`: every pass undoes itself, so the same
    /// fixes apply again and again.
    pub fn misbehave(_pass: usize, original: &str, next: String) -> String {
        if std::env::var_os("MEMWISE_TEST_BREAK_FIXES").is_some() {
            return format!("{next}\n(\n");
        }
        if std::env::var_os("MEMWISE_TEST_UNCOMPILABLE_FIXES").is_some() {
            return format!("{next}\nprint(end='', end='')\n");
        }
        if std::env::var_os("MEMWISE_TEST_LOOP_FIXES").is_some() {
            return original.to_owned();
        }
        next
    }
}

#[cfg(not(debug_assertions))]
mod test_hooks {
    pub fn misbehave(_pass: usize, _original: &str, next: String) -> String {
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memwise_core::Edit;
    use ruff_text_size::TextRange;

    fn diagnostic(fix: Fix) -> Diagnostic {
        Diagnostic::new(&memwise_rules::SyntaxError::META, "x", TextRange::default()).with_fix(fix)
    }

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(TextSize::new(start), TextSize::new(end))
    }

    #[test]
    fn overlapping_fixes_wait_and_identical_edits_apply_once() {
        let source = "abcdef";
        let import = Edit::insertion("!", TextSize::new(0));
        let diagnostics = vec![
            diagnostic(Fix::safe(
                "a",
                vec![import.clone(), Edit::replacement("B", range(1, 2))],
            )),
            diagnostic(Fix::safe(
                "b",
                vec![import, Edit::replacement("D", range(3, 4))],
            )),
            diagnostic(Fix::safe("c", vec![Edit::replacement("X", range(3, 5))])),
            diagnostic(Fix::unsafe_edits("d", vec![Edit::deletion(range(5, 6))])),
        ];
        let (text, counts) = apply_pass(source, &diagnostics, false).expect("fixes apply");
        assert_eq!(text, "!aBcDef");
        assert_eq!(counts.values().sum::<usize>(), 2);
        let (text, _) = apply_pass(source, &diagnostics, true).expect("fixes apply");
        assert_eq!(text, "!aBcDe");
    }

    #[test]
    fn nothing_to_apply() {
        assert!(apply_pass("x = 1\n", &[], true).is_none());
    }
}
