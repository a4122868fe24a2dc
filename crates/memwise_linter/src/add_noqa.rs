//! `--add-noqa`: a `# noqa: CODE` comment on each line with a finding, so a
//! legacy codebase adopts memwise in one step (as ruff's `--add-noqa`), and
//! only new code is held to it.

use std::collections::BTreeMap;

use memwise_core::Severity;
use ruff_text_size::TextSize;

use crate::source::NoqaEdits;
use crate::write::{WriteError, write_fixed};
use crate::{FileReport, RunError, encoding, io_reason};

/// What `--add-noqa` did.
#[derive(Debug, Default)]
pub struct Added {
    /// Comments added or extended.
    pub lines: usize,
    /// Files changed.
    pub files: usize,
    /// Files left as they were, and why.
    pub errors: Vec<RunError>,
}

/// Adds or extends the `# noqa` comment of every line a finding of
/// `reports` starts on, and writes the files back in their encoding. The
/// file must still hold the text it was checked in. Syntax errors
/// (`MEM000`) are not suppressed: the file is left alone. A line that
/// cannot take a comment (it ends inside a string or with a backslash) is
/// skipped. Notebooks are not edited.
pub fn add_noqa(reports: &[FileReport]) -> Added {
    let mut added = Added::default();
    for report in reports {
        if report.notebook.is_some() {
            added.errors.push(RunError::new(
                &report.path,
                "notebooks get no noqa comments: add them in the notebook",
            ));
            continue;
        }
        if report
            .diagnostics
            .iter()
            .any(|d| d.rule.severity == Severity::Error)
        {
            added.errors.push(RunError::new(
                &report.path,
                "has syntax errors: no noqa comments added",
            ));
            continue;
        }
        let text = match std::fs::read(&report.path)
            .map_err(|e| io_reason(&e))
            .and_then(|bytes| encoding::decode(bytes).map_err(|e| e.to_string()))
        {
            Ok(text) => text,
            Err(reason) => {
                added.errors.push(RunError::new(&report.path, reason));
                continue;
            }
        };
        // The codes of each line, by the line's first byte: one edit per
        // line, applied from the last line up so earlier offsets hold.
        let mut lines: BTreeMap<usize, (TextSize, Vec<&str>)> = BTreeMap::new();
        for d in &report.diagnostics {
            let at = d.range.start().to_usize().min(text.len());
            let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let codes = &mut lines
                .entry(line_start)
                .or_insert((d.range.start(), Vec::new()))
                .1;
            if !codes.contains(&d.rule.code) {
                codes.push(d.rule.code);
            }
        }
        let edits = NoqaEdits::new(&text);
        let mut fixed = text.clone();
        let mut count = 0;
        for (offset, codes) in lines.values().rev() {
            let Some(edit) = edits.edit(*offset, &codes.join(", ")) else {
                continue;
            };
            let at = edit.range.start().to_usize();
            fixed.replace_range(at..edit.range.end().to_usize(), &edit.content);
            count += 1;
        }
        if count == 0 {
            continue;
        }
        match write_fixed(&report.path, &text, &fixed) {
            Ok(()) => {
                added.lines += count;
                added.files += 1;
            }
            Err(WriteError::Changed) => added.errors.push(RunError::new(
                &report.path,
                "changed on disk while memwise was checking it; no noqa comments added",
            )),
            Err(WriteError::Failed(reason)) => added.errors.push(RunError::new(
                &report.path,
                format!("could not add the noqa comments: {reason}"),
            )),
        }
    }
    added
}
