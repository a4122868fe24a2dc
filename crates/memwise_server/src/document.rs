//! An open document, and its findings as LSP diagnostics. Each diagnostic
//! carries in `data` the edits of its fix and of its `# noqa` action,
//! converted for the version it was found in, so code actions are built
//! without checking again.

use std::path::PathBuf;

use gen_lsp_types as lsp;
use memwise_core::{Applicability, Diagnostic, Edit};
use memwise_linter::noqa::{Problem, UnusedCode};
use memwise_linter::source::NoqaEdits;
use serde::{Deserialize, Serialize};

use crate::position::{Encoding, LineIndex};

/// An open document.
#[derive(Debug)]
pub struct Document {
    /// The path its settings are found for.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// The client's version of it.
    pub version: i32,
    /// Where its lines start.
    pub lines: LineIndex,
    /// Its diagnostics, or `None` while they are stale.
    pub diagnostics: Option<Vec<lsp::Diagnostic>>,
    /// The diagnostics last pushed for it, to tell whether a check caused
    /// by another file changed anything.
    pub published: Option<Vec<lsp::Diagnostic>>,
    /// For a notebook cell, the notebook's URI: the cell is checked with
    /// the other cells, as the notebook.
    pub notebook: Option<String>,
    /// How long its last check with the project took.
    pub cost: Option<std::time::Duration>,
    /// What that check found that a check of the document alone does not
    /// (findings that need the other files), moved along with the edits
    /// since, to be shown until the next check with the project.
    pub carried_add: Vec<lsp::Diagnostic>,
    /// What a check of the document alone finds that the check with the
    /// project did not (a call in another file that bounds a value),
    /// moved along likewise, to be left out meanwhile.
    pub carried_remove: Vec<lsp::Diagnostic>,
}

impl Document {
    /// A document at `version` with `text`.
    pub fn new(path: PathBuf, text: String, version: i32) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            path,
            text,
            version,
            lines,
            diagnostics: None,
            published: None,
            notebook: None,
            cost: None,
            carried_add: Vec::new(),
            carried_remove: Vec::new(),
        }
    }

    /// Applies one change: a range replaced, or the whole text.
    pub fn apply(&mut self, change: lsp::TextDocumentContentChangeEvent, encoding: Encoding) {
        match change {
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
                let start = self.lines.offset(&self.text, partial.range.start, encoding);
                let end = self
                    .lines
                    .offset(&self.text, partial.range.end, encoding)
                    .max(start);
                self.text.replace_range(start..end, &partial.text);
                for carried in [&mut self.carried_add, &mut self.carried_remove] {
                    carried.retain_mut(|d| {
                        shift(&mut d.range, partial.range, &partial.text, encoding)
                    });
                }
            }
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                self.text = whole.text;
                // Nothing says where the old lines went.
                self.carried_add.clear();
                self.carried_remove.clear();
            }
        }
        self.lines = LineIndex::new(&self.text);
        self.diagnostics = None;
    }

    /// An LSP edit for a memwise one.
    pub fn text_edit(&self, edit: &Edit, encoding: Encoding) -> lsp::TextEdit {
        lsp::TextEdit {
            range: self.lines.range(
                &self.text,
                edit.range.start().to_usize(),
                edit.range.end().to_usize(),
                encoding,
            ),
            new_text: edit.content.clone(),
        }
    }

    /// The LSP diagnostic for a finding of this document's current text.
    pub fn to_lsp(
        &self,
        uri: &str,
        diagnostic: &Diagnostic,
        noqa: &NoqaEdits<'_>,
        encoding: Encoding,
    ) -> lsp::Diagnostic {
        let range = |start: usize, end: usize| self.lines.range(&self.text, start, end, encoding);
        let code = diagnostic.rule.code;
        let fix = diagnostic.fix.as_ref().map(|fix| FixData {
            title: fix.message.clone(),
            safe: fix.applicability == Applicability::Safe,
            edits: fix
                .edits
                .iter()
                .map(|edit| self.text_edit(edit, encoding))
                .collect(),
        });
        // A syntax error is always reported: `# noqa` does not hide it.
        let is_error = diagnostic.rule.severity == memwise_core::Severity::Error;
        let noqa = (!is_error)
            .then(|| noqa.edit(diagnostic.range.start(), code))
            .flatten()
            .map(|edit| self.text_edit(&edit, encoding));
        let data = DiagnosticData {
            version: self.version,
            code: code.to_owned(),
            fix,
            noqa,
        };
        let message = match &diagnostic.help {
            Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
            None => diagnostic.message.clone(),
        };
        let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
            .secondary
            .iter()
            .map(|label| lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: lsp::Uri(uri.to_owned()),
                    range: range(label.range.start().to_usize(), label.range.end().to_usize()),
                },
                message: label.message.clone(),
            })
            .collect();
        lsp::Diagnostic {
            range: range(
                diagnostic.range.start().to_usize(),
                diagnostic.range.end().to_usize(),
            ),
            severity: Some(if is_error {
                lsp::DiagnosticSeverity::Error
            } else {
                lsp::DiagnosticSeverity::Warning
            }),
            code: Some(lsp::Code::String(code.to_owned())),
            code_description: Some(lsp::CodeDescription {
                href: lsp::Uri(diagnostic.rule.url()),
            }),
            source: Some(SOURCE.to_owned()),
            message: lsp::Message::String(message),
            tags: None,
            related_information: (!related.is_empty()).then_some(related),
            data: serde_json::to_value(data).ok(),
        }
    }
}

impl Document {
    /// The LSP diagnostic for a code in a noqa comment on `row` (1-based)
    /// that is unknown or suppresses nothing, as the CLI warns about it: on
    /// the code in the comment, tagged unnecessary when it suppresses
    /// nothing. No code of its own: it is not a rule's finding.
    pub fn unused_noqa_to_lsp(&self, unused: &UnusedCode, encoding: Encoding) -> lsp::Diagnostic {
        let text = &self.text;
        let line_start = text
            .split_inclusive('\n')
            .take(unused.row.saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            .min(text.len());
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        // The code after the comment's `#`, as written (any case).
        let upper = line.to_ascii_uppercase();
        let (start, end) = line
            .find('#')
            .and_then(|hash| upper[hash..].find(&unused.code).map(|i| hash + i))
            .map_or((line_start, line_end), |at| {
                (line_start + at, line_start + at + unused.code.len())
            });
        let is_unused = unused.problem == Problem::Unused;
        lsp::Diagnostic {
            range: self.lines.range(text, start, end, encoding),
            severity: Some(lsp::DiagnosticSeverity::Warning),
            code: None,
            code_description: None,
            source: Some(SOURCE.to_owned()),
            message: lsp::Message::String(unused.message()),
            tags: is_unused.then(|| vec![lsp::DiagnosticTag::Unnecessary]),
            related_information: None,
            data: None,
        }
    }
}

/// Moves `range` of the text before an edit (`edited` replaced by `text`)
/// to where it is after it; false when the edit touches it.
fn shift(range: &mut lsp::Range, edited: lsp::Range, text: &str, encoding: Encoding) -> bool {
    let before =
        |a: lsp::Position, b: lsp::Position| (a.line, a.character) <= (b.line, b.character);
    if before(range.end, edited.start) {
        return true;
    }
    if !before(edited.end, range.start) {
        return false;
    }
    let lines = u32::try_from(text.matches('\n').count()).unwrap_or(u32::MAX);
    let last = text.rfind('\n').map_or(text, |i| &text[i + 1..]);
    let units = u32::try_from(encoding.units(last)).unwrap_or(u32::MAX);
    let new_end = lsp::Position {
        line: edited.start.line + lines,
        character: if lines == 0 {
            edited.start.character + units
        } else {
            units
        },
    };
    let moved = |p: lsp::Position| {
        if p.line == edited.end.line {
            lsp::Position {
                line: new_end.line,
                character: new_end.character + (p.character - edited.end.character),
            }
        } else {
            lsp::Position {
                line: p.line + new_end.line - edited.end.line,
                character: p.character,
            }
        }
    };
    *range = lsp::Range {
        start: moved(range.start),
        end: moved(range.end),
    };
    true
}

/// The `source` of every memwise diagnostic.
pub const SOURCE: &str = "memwise";

/// What a diagnostic's `data` holds.
#[derive(Debug, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The document version the edits apply to.
    pub version: i32,
    /// The rule's code.
    pub code: String,
    /// The finding's fix.
    pub fix: Option<FixData>,
    /// The edit that adds the code to the line's `# noqa` comment.
    pub noqa: Option<lsp::TextEdit>,
}

/// A fix, converted.
#[derive(Debug, Serialize, Deserialize)]
pub struct FixData {
    /// What it does.
    pub title: String,
    /// Whether it keeps behaviour.
    pub safe: bool,
    /// Its edits.
    pub edits: Vec<lsp::TextEdit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_ranges_move_with_the_edits() {
        let at = |line, character| lsp::Position { line, character };
        let range = |a, b, c, d| lsp::Range {
            start: at(a, b),
            end: at(c, d),
        };
        let moved = |mut r: lsp::Range, edited, text: &str| {
            shift(&mut r, edited, text, Encoding::Utf16).then_some(r)
        };
        let finding = range(2, 4, 2, 9);
        // Before it: unchanged; after it: unchanged.
        assert_eq!(moved(finding, range(5, 0, 5, 3), "x"), Some(finding));
        // A line inserted above moves it down.
        assert_eq!(
            moved(finding, range(0, 0, 0, 0), "import os\n"),
            Some(range(3, 4, 3, 9))
        );
        // Text replaced earlier on its line moves it along the line, in
        // UTF-16 units (`𝒳` is two).
        assert_eq!(
            moved(finding, range(2, 0, 2, 2), "𝒳𝒳"),
            Some(range(2, 6, 2, 11))
        );
        // Two lines joined into its line.
        assert_eq!(
            moved(finding, range(1, 3, 2, 0), ""),
            Some(range(1, 7, 1, 12))
        );
        // An edit inside it drops it.
        assert_eq!(moved(finding, range(2, 5, 2, 6), "y"), None);
    }

    #[test]
    fn incremental_changes_count_the_negotiated_units() {
        let mut document = Document::new(PathBuf::from("/x.py"), "s = 'é𝒳'\nx = 1\n".into(), 1);
        let change = |line, from, to, text: &str| {
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(
                lsp::TextDocumentContentChangePartial {
                    range: lsp::Range {
                        start: lsp::Position {
                            line,
                            character: from,
                        },
                        end: lsp::Position {
                            line,
                            character: to,
                        },
                    },
                    #[allow(deprecated)]
                    range_length: None,
                    text: text.to_owned(),
                },
            )
        };
        // UTF-16: `é` is one unit, `𝒳` two, so the closing quote is at 8.
        document.apply(change(0, 8, 9, "!'"), Encoding::Utf16);
        assert_eq!(document.text, "s = 'é𝒳!'\nx = 1\n");
        document.apply(change(1, 4, 5, "22"), Encoding::Utf8);
        assert_eq!(document.text, "s = 'é𝒳!'\nx = 22\n");
    }
}
