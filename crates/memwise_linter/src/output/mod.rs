//! Rendering findings: `full` (codespan-reporting), `concise`, `json`,
//! `json-lines`, `sarif`, `github`, `junit`, `gitlab`, and `--statistics`.

mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use ruff_text_size::TextSize;

use crate::FileReport;

pub use json::{json_value, write_statistics as write_statistics_json};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// The source line with labels and the help as a note.
    #[default]
    Full,
    /// `path:row:col: CODE message`.
    Concise,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// A 1-based row and character column; for notebooks, within `cell`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 1-based line (within the cell for a notebook).
    pub row: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based cell of a notebook.
    pub cell: Option<usize>,
}

impl FileReport {
    /// The row and column of a byte offset.
    pub fn location(&self, offset: TextSize) -> Location {
        let lc = self.source.line_column(offset);
        let (cell, row) = match &self.notebook {
            Some(notebook) => {
                let (cell, row) = notebook.cell_row(lc.line.get());
                (Some(cell), row)
            }
            None => (None, lc.line.get()),
        };
        Location {
            row,
            column: lc.column.get(),
            cell,
        }
    }

    /// The path as shown: `nb.ipynb:cell 3` for a notebook location.
    pub fn display_path(&self, location: Location) -> String {
        match location.cell {
            Some(cell) => format!("{}:cell {cell}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }

    /// A fingerprint per diagnostic that survives unrelated edits: the code,
    /// the enclosing `class`/`def` names, and the flagged text with its
    /// white space folded, numbered among identical ones in the file. Line
    /// numbers are deliberately left out.
    pub fn fingerprints(&self) -> Vec<String> {
        let mut seen: HashMap<(u64, u64), u32> = HashMap::new();
        self.diagnostics
            .iter()
            .zip(&self.scopes)
            .map(|(d, scope)| {
                let text = self.source.slice(d.range).unwrap_or_default();
                let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let key = (
                    fnv1a(d.rule.code.as_bytes(), fnv1a(scope.as_bytes(), FNV_OFFSET)),
                    fnv1a(folded.as_bytes(), FNV_OFFSET),
                );
                let occurrence = seen.entry(key).or_insert(0);
                *occurrence += 1;
                let hash = fnv1a(
                    &occurrence.to_le_bytes(),
                    fnv1a(&key.1.to_le_bytes(), key.0),
                );
                format!("{hash:016x}")
            })
            .collect()
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: a hash whose value never changes between runs, versions or
/// machines, as a baseline stored in a repository needs.
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes every finding of `reports` in `format`.
pub fn write_diagnostics(
    out: &mut dyn Write,
    format: OutputFormat,
    reports: &[FileReport],
    color: bool,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => full::write(out, reports, color),
        OutputFormat::Concise => write_concise(out, reports),
        OutputFormat::Json => json::write_array(out, reports),
        OutputFormat::JsonLines => json::write_lines(out, reports),
        OutputFormat::Sarif => sarif::write(out, reports),
        OutputFormat::Github => github::write(out, reports),
        OutputFormat::Junit => junit::write(out, reports),
        OutputFormat::Gitlab => gitlab::write(out, reports),
    }
}

fn write_concise(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let start = report.location(d.range.start());
            writeln!(
                out,
                "{}:{}:{}: {}{} {}",
                report.display_path(start),
                start.row,
                start.column,
                d.rule.code,
                fix_marker(report, d),
                d.message
            )?;
        }
    }
    Ok(())
}

/// ` [*]` after the code of a finding `--fix` fixes, as ruff marks it (a
/// notebook is never fixed, and an unsafe fix needs `--unsafe-fixes`).
fn fix_marker(report: &FileReport, d: &memwise_core::Diagnostic) -> &'static str {
    let safe = d
        .fix
        .as_ref()
        .is_some_and(|f| f.applicability == memwise_core::Applicability::Safe);
    if safe && report.notebook.is_none() {
        " [*]"
    } else {
        ""
    }
}

/// Writes how many findings each rule has, most first.
pub fn write_statistics(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        counts.entry(d.rule.code).or_insert((0, d.rule.name)).0 += 1;
    }
    let mut rows: Vec<(&str, usize, &str)> = counts
        .into_iter()
        .map(|(code, (count, name))| (code, count, name))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut text = String::new();
    for (code, count, name) in rows {
        let _ = writeln!(text, "{count:>5}\t{code}\t{name}");
    }
    out.write_all(text.as_bytes())
}

/// Escapes text for XML content and attributes.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        // Pinned: a baseline written today must match one read next year.
        assert_eq!(fnv1a(b"", FNV_OFFSET), FNV_OFFSET);
        assert_eq!(fnv1a(b"a", FNV_OFFSET), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
