//! Building blocks for fixes that keep the user's style: their line ending,
//! their indentation, their quotes.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{TextRange, TextSize};

use crate::diagnostic::{Applicability, Edit, Fix};

impl Edit {
    /// Replaces `range` with `content`.
    pub fn replacement(content: impl Into<String>, range: TextRange) -> Self {
        Self {
            range,
            content: content.into(),
        }
    }

    /// Inserts `content` at `offset`.
    pub fn insertion(content: impl Into<String>, offset: TextSize) -> Self {
        Self {
            range: TextRange::empty(offset),
            content: content.into(),
        }
    }

    /// Deletes `range`.
    pub fn deletion(range: TextRange) -> Self {
        Self {
            range,
            content: String::new(),
        }
    }
}

impl Fix {
    /// A fix of `edits` (sorted here) described by `message`.
    pub fn new(
        applicability: Applicability,
        message: impl Into<String>,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort_by_key(|e| (e.range.start(), e.range.end()));
        Self {
            applicability,
            message: message.into(),
            edits,
        }
    }

    /// A fix applied by `--fix`.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, message, edits)
    }

    /// A fix applied only with `--unsafe-fixes`.
    pub fn unsafe_edits(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, message, edits)
    }
}

/// The file's line ending: that of its first line, `\n` when it has none.
pub fn line_ending(source: &str) -> &'static str {
    match source.find('\n') {
        Some(i) if i > 0 && source.as_bytes()[i - 1] == b'\r' => "\r\n",
        None if source.contains('\r') => "\r",
        _ => "\n",
    }
}

/// The offset where the line holding `offset` starts (after a BOM on the
/// first line).
pub fn line_start(source: &str, offset: TextSize) -> TextSize {
    let before = &source[..offset.to_usize()];
    let first = if before.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let start = before.rfind(['\n', '\r']).map_or(first, |i| i + 1);
    TextSize::try_from(start).unwrap_or_default()
}

/// The whitespace before `offset` on its line, if only whitespace precedes
/// it there (the statement starts its line).
pub fn indentation_at(source: &str, offset: TextSize) -> Option<&str> {
    let start = line_start(source, offset).to_usize();
    let indent = &source[start..offset.to_usize()];
    indent
        .chars()
        .all(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .then_some(indent)
}

/// The quote the file prefers for new strings: the one its first string
/// literal in `hint` uses, else the more common of `"` and `'` in the file.
pub fn preferred_quote(source: &str, hint: Option<&str>) -> char {
    if let Some(hint) = hint
        && let Some(quote) = hint.chars().find(|c| matches!(c, '"' | '\''))
    {
        return quote;
    }
    let double = source.matches('"').count();
    let single = source.matches('\'').count();
    if single > double { '\'' } else { '"' }
}

/// Whether `expr` awaits or iterates asynchronously anywhere: as a
/// generator expression it would become an async generator, which `sum`,
/// `for` and the like cannot consume.
pub fn is_async(expr: &Expr) -> bool {
    struct AwaitFinder(bool);
    impl<'v> Visitor<'v> for AwaitFinder {
        fn visit_expr(&mut self, expr: &'v Expr) {
            if matches!(expr, Expr::Await(_)) {
                self.0 = true;
            }
            visitor::walk_expr(self, expr);
        }
        fn visit_comprehension(&mut self, comprehension: &'v ast::Comprehension) {
            if comprehension.is_async {
                self.0 = true;
            }
            visitor::walk_comprehension(self, comprehension);
        }
    }
    let mut finder = AwaitFinder(false);
    finder.visit_expr(expr);
    finder.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        assert_eq!(line_ending("x = 1\r\ny = 2\r\n"), "\r\n");
        assert_eq!(line_ending("x = 1\ny = 2\n"), "\n");
        assert_eq!(line_ending("x = 1"), "\n");
    }

    #[test]
    fn indentation() {
        let source = "def f():\n    x = 1; y = 2\n";
        assert_eq!(indentation_at(source, TextSize::new(13)), Some("    "));
        assert_eq!(indentation_at(source, TextSize::new(20)), None);
        assert_eq!(
            line_start("\u{feff}def f(): pass", TextSize::new(6)),
            TextSize::new(3)
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(preferred_quote("x = 'a'\n", None), '\'');
        assert_eq!(preferred_quote("x = 'a'\n", Some("\"p\"")), '"');
        assert_eq!(preferred_quote("x = 1\n", None), '"');
    }
}
