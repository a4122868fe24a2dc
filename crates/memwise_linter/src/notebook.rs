//! Jupyter notebooks: the code cells joined into one module (later cells see
//! earlier definitions, as in a kernel), with IPython magics and shell
//! escapes masked, and a map from rows back to cells.

use memwise_core::Diagnostic;
use ruff_text_size::{TextRange, TextSize};
use serde::Deserialize;

/// A notebook's code cells as one Python source.
#[derive(Debug, Clone)]
pub struct Notebook {
    /// The joined, masked source of the code cells.
    pub source: String,
    cells: Vec<CellSpan>,
}

#[derive(Debug, Clone, Copy)]
struct CellSpan {
    /// 1-based position of the cell among all the notebook's cells.
    cell: usize,
    /// 1-based row of the cell's first line in the joined source.
    first_row: usize,
    /// Byte offset of the cell's first line in the joined source.
    start: usize,
    /// Byte offset just past the cell's text (before the joining newline).
    end: usize,
}

#[derive(Deserialize)]
struct RawNotebook {
    cells: Vec<RawCell>,
}

#[derive(Deserialize)]
struct RawCell {
    cell_type: String,
    #[serde(default)]
    source: RawSource,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSource {
    Lines(Vec<String>),
    Text(String),
}

impl Default for RawSource {
    fn default() -> Self {
        Self::Text(String::new())
    }
}

/// Why a notebook's text could not be read.
#[derive(Debug, thiserror::Error)]
#[error("not a valid notebook: {0}")]
pub struct NotebookError(#[source] serde_json::Error);

/// Cell magics whose body is still Python.
const PYTHON_CELL_MAGICS: &[&str] = &["time", "timeit", "capture", "prun", "debug"];

impl Notebook {
    /// Reads a notebook's JSON text.
    pub fn parse(text: &str) -> Result<Self, NotebookError> {
        let raw: RawNotebook = serde_json::from_str(text).map_err(NotebookError)?;
        let mut source = String::new();
        let mut cells = Vec::new();
        let mut row = 1;
        for (i, cell) in raw.cells.iter().enumerate() {
            if cell.cell_type != "code" {
                continue;
            }
            let mut text = match &cell.source {
                RawSource::Lines(lines) => lines.concat(),
                RawSource::Text(text) => text.clone(),
            };
            // Python ends a line at `\r` too, but rows are counted (and
            // magics found) by `\n`: a CR-only cell would shift every later row.
            if text.contains('\r') {
                text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
            let start = source.len();
            let masked = mask_magics(&text);
            source.push_str(&masked);
            let end = source.len();
            if !source.ends_with('\n') {
                source.push('\n');
            }
            cells.push(CellSpan {
                cell: i + 1,
                first_row: row,
                start,
                end,
            });
            // The rows this cell really added: an empty cell after one that
            // ends in a newline adds none.
            row += source[start..].matches('\n').count();
        }
        Ok(Self { source, cells })
    }

    /// The cell (1-based, among all cells) and the row within it of a
    /// 1-based row of the joined source.
    pub fn cell_row(&self, row: usize) -> (usize, usize) {
        let span = self
            .cells
            .iter()
            .rev()
            .find(|span| span.first_row <= row)
            .or_else(|| self.cells.first());
        match span {
            Some(span) => (span.cell, row - span.first_row + 1),
            None => (1, row),
        }
    }

    /// The byte range of the cell that holds `offset`, and its number.
    pub fn cell_range(&self, offset: usize) -> Option<(usize, std::ops::Range<usize>)> {
        self.cells
            .iter()
            .rev()
            .find(|span| span.start <= offset)
            .map(|span| (span.cell, span.start..span.end))
    }

    /// Where a byte offset of the joined source is in the original text of
    /// its cell: the cell (1-based, among all cells) and the byte offset in
    /// `text(cell)`. Rows map exactly (masking keeps them), columns too
    /// except on a masked line, where the offset is kept inside the line.
    pub fn cell_offset<'t>(
        &self,
        offset: usize,
        text: &dyn Fn(usize) -> Option<&'t str>,
    ) -> Option<(usize, usize)> {
        let span = self.cells.iter().rev().find(|span| span.start <= offset)?;
        let before = self.source.get(span.start..offset)?;
        let row = before.matches('\n').count();
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        let text = text(span.cell)?;
        let mut start = 0;
        for _ in 0..row {
            start += text[start..]
                .find(['\n', '\r'])
                .map_or(text.len() - start, |i| {
                    // `\r\n` is one line end, as the join counts it.
                    let end = start + i;
                    i + 1 + usize::from(text[end..].starts_with("\r\n"))
                });
        }
        let line_end = text[start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| start + i);
        let mut at = (start + column).min(line_end);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        Some((span.cell, at))
    }

    /// A finding of the joined source, moved into the original text of the
    /// cell it starts in (for an editor that shows each cell as a
    /// document): its range ends at the end of its line if it runs into
    /// another cell, secondary labels in other cells are dropped, and so is
    /// its fix (notebooks are not fixed). Gives the cell (1-based, among
    /// all cells) too.
    pub fn diagnostic_in_cell<'t>(
        &self,
        diagnostic: &Diagnostic,
        text: &dyn Fn(usize) -> Option<&'t str>,
    ) -> Option<(usize, Diagnostic)> {
        let range = |range: TextRange| -> Option<(usize, TextRange)> {
            let (cell, start) = self.cell_offset(range.start().to_usize(), text)?;
            let end = match self.cell_offset(range.end().to_usize(), text) {
                Some((end_cell, end)) if end_cell == cell && end >= start => end,
                _ => {
                    let cell_text = text(cell)?;
                    cell_text[start..]
                        .find(['\n', '\r'])
                        .map_or(cell_text.len(), |i| start + i)
                }
            };
            let start = TextSize::try_from(start).ok()?;
            let end = TextSize::try_from(end).ok()?;
            Some((cell, TextRange::new(start, end)))
        };
        let (cell, cell_range) = range(diagnostic.range)?;
        let mut moved = diagnostic.clone();
        moved.range = cell_range;
        moved.fix = None;
        moved.secondary = diagnostic
            .secondary
            .iter()
            .filter_map(|label| {
                let (label_cell, label_range) = range(label.range)?;
                (label_cell == cell).then(|| {
                    let mut label = label.clone();
                    label.range = label_range;
                    label
                })
            })
            .collect();
        Some((cell, moved))
    }
}

/// Turns IPython-only lines into Python that parses, keeping the line count
/// (so rows map back to the cell) and the indentation.
fn mask_magics(cell: &str) -> String {
    // A cell magic below a comment (`# NBVAL_SKIP` above `%%bash`, as
    // test markers are written) is no cell magic to IPython, but it is
    // what the author meant, and ruff reads it so: any line that starts
    // one makes the cell not Python.
    let not_python = cell.lines().any(|line| {
        line.trim_start().strip_prefix("%%").is_some_and(|magic| {
            let name = magic.split_whitespace().next().unwrap_or_default();
            name.starts_with(|c: char| c.is_ascii_alphabetic())
                && !PYTHON_CELL_MAGICS.contains(&name)
        })
    });
    if not_python {
        // `%%bash`, `%%html`...: the body is not Python at all.
        let mut out = String::with_capacity(cell.len() + 16);
        for line in cell.split_inclusive('\n') {
            out.push_str("# ");
            out.push_str(line);
        }
        return out;
    }
    let mut out = String::with_capacity(cell.len() + 16);
    for line in cell.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let content = body.trim_end_matches(['\n', '\r']);
        let is_magic = content.starts_with('%')
            || content.starts_with('!')
            || content.starts_with('?')
            || (content.ends_with('?') && !content.starts_with('#') && !content.is_empty())
            || is_shell_assignment(content);
        if is_magic {
            // `pass` keeps an indented block valid when the magic was its only line.
            out.push_str(indent);
            out.push_str("pass  # ");
            out.push_str(body);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `files = !ls` and `x = %time f()`.
fn is_shell_assignment(line: &str) -> bool {
    line.split_once('=').is_some_and(|(left, right)| {
        let right = right.trim_start();
        !left.ends_with(['=', '!', '<', '>'])
            && !right.starts_with('=')
            && (right.starts_with('!') || right.starts_with('%'))
            && left
                .trim()
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ',' || c == ' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_code_cells_and_maps_rows() {
        let text = r##"{"cells": [
            {"cell_type": "markdown", "source": ["# Title"]},
            {"cell_type": "code", "source": ["import numpy as np\n", "%matplotlib inline\n", "x = 1"]},
            {"cell_type": "code", "source": "if x:\n    !ls\ny = 2\n"}
        ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
        let notebook = Notebook::parse(text).expect("valid notebook");
        assert_eq!(
            notebook.source,
            "import numpy as np\npass  # %matplotlib inline\nx = 1\nif x:\n    pass  # !ls\ny = 2\n"
        );
        assert_eq!(notebook.cell_row(1), (2, 1));
        assert_eq!(notebook.cell_row(3), (2, 3));
        assert_eq!(notebook.cell_row(4), (3, 1));
        assert_eq!(notebook.cell_row(6), (3, 3));
    }

    #[test]
    fn non_python_cell_magics_are_commented_out() {
        assert_eq!(mask_magics("%%bash\nls -l\n"), "# %%bash\n# ls -l\n");
        assert_eq!(mask_magics("%%time\nx = 1\n"), "pass  # %%time\nx = 1\n");
        assert_eq!(
            mask_magics("# NBVAL_SKIP\n%%bash\npython3 $DIR/run.py\n"),
            "# # NBVAL_SKIP\n# %%bash\n# python3 $DIR/run.py\n"
        );
        assert_eq!(mask_magics("files = !ls\n"), "pass  # files = !ls\n");
        assert_eq!(mask_magics("a == !b\n"), "a == !b\n");
    }

    #[test]
    fn offsets_map_back_to_the_cells_texts() {
        let cells = ["x = 1\r\n%time y = 2\r\nzz = 3", "a = 'é'; b = 4\n"];
        let text = serde_json::json!({ "cells": [
            { "cell_type": "markdown", "source": "# T" },
            { "cell_type": "code", "source": cells[0] },
            { "cell_type": "code", "source": cells[1] },
        ]})
        .to_string();
        let notebook = Notebook::parse(&text).expect("valid notebook");
        let cell_text = |cell: usize| cells.get(cell.checked_sub(2)?).copied();
        let at = |needle: &str| notebook.source.find(needle).expect("found");
        // Lines end in `\r\n` in the cell, `\n` once joined.
        assert_eq!(
            notebook.cell_offset(at("zz"), &cell_text),
            Some((2, cells[0].find("zz").unwrap()))
        );
        assert_eq!(
            notebook.cell_offset(at("b ="), &cell_text),
            Some((3, cells[1].find("b =").unwrap()))
        );
        // A masked line keeps the offset inside its line.
        let masked = notebook.cell_offset(at("y = 2"), &cell_text);
        let line = cells[0].find('%').unwrap()..=cells[0].find("\r\nzz").unwrap();
        assert!(masked.is_some_and(|(cell, at)| cell == 2 && line.contains(&at)));
    }

    #[test]
    fn malformed_notebooks_are_errors() {
        assert!(Notebook::parse("{").is_err());
        assert!(Notebook::parse("{\"cells\": 3}").is_err());
    }
}
