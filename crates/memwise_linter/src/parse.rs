//! The one way memwise parses a Python file: the pinned parser, plus a
//! repair for what it rejects though CPython accepts it.
//!
//! `ruff_python_parser` 0.0.10 ends a bare `raise` only at a newline, so
//! `raise;` (a C habit) and `except E: raise; cleanup()` (minified code)
//! are "expected an expression" errors, and the whole file would be
//! skipped as if it did not run. CPython 3.11 and ruff 0.17 accept both.
//! The repair blanks the `;` (and, on the same logical line, the
//! statements after it, which a bare `raise` never lets run) and parses
//! again: the text keeps its length, so every node keeps its offsets and
//! the original source can be read at them.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{ModModule, PySourceType};
use ruff_python_parser::{ParseErrorType, ParseOptions, Parsed, parse_unchecked};
use ruff_text_size::{Ranged, TextRange};

/// Parses `source` as a module with `options`, repairing a bare `raise`
/// followed by `;`. When anything else is wrong the first parse, with all
/// its errors, is what comes back.
pub(crate) fn parse_module(source: &str, options: ParseOptions) -> Parsed<ModModule> {
    let first = parse_unchecked(source, options.clone())
        .try_into_module()
        .expect("a `PySourceType::Python` source parses to a module");
    if first.errors().is_empty() {
        return first;
    }
    let Some(repaired) = repair_bare_raise(source, &first) else {
        return first;
    };
    let again = parse_unchecked(&repaired, options)
        .try_into_module()
        .expect("a `PySourceType::Python` source parses to a module");
    if again.errors().is_empty() {
        again
    } else {
        first
    }
}

/// [`parse_module`] with the default options, for re-reading a fixed
/// source.
pub(crate) fn parse_python(source: &str) -> Parsed<ModModule> {
    parse_module(source, ParseOptions::from(PySourceType::Python))
}

/// `source` with each `;` that follows a bare `raise` blanked, with the
/// rest of its logical line up to a comment, or `None` when some error of
/// `parsed` is not at such a `;`.
fn repair_bare_raise(source: &str, parsed: &Parsed<ModModule>) -> Option<String> {
    let tokens: Vec<_> = parsed
        .tokens()
        .iter()
        .filter(|t| !t.kind().is_trivia() || t.kind() == TokenKind::Comment)
        .collect();
    let mut blanks: Vec<TextRange> = Vec::new();
    for error in parsed.errors() {
        if error.error != ParseErrorType::ExpectedExpression {
            return None;
        }
        let at = tokens.partition_point(|t| t.start() < error.location.start());
        let semi = tokens.get(at).filter(|t| t.kind() == TokenKind::Semi)?;
        if at == 0 || tokens[at - 1].kind() != TokenKind::Raise {
            return None;
        }
        let end = tokens[at..]
            .iter()
            .find(|t| matches!(t.kind(), TokenKind::Newline | TokenKind::Comment))
            .map_or(source.len().try_into().ok()?, Ranged::start);
        blanks.push(TextRange::new(semi.start(), end));
    }
    let mut bytes = source.as_bytes().to_vec();
    for range in blanks {
        for byte in &mut bytes[range.start().to_usize()..range.end().to_usize()] {
            // Line breaks stay, so the lines after keep their numbers.
            if !matches!(*byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
    }
    // Multi-byte characters inside a blanked range become several spaces:
    // the text stays UTF-8 and of the same length.
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_python;
    use ruff_python_ast::Stmt;

    fn errors(source: &str) -> Vec<String> {
        parse_python(source)
            .errors()
            .iter()
            .map(|e| e.error.to_string())
            .collect()
    }

    #[test]
    fn a_bare_raise_before_a_semicolon_parses() {
        let parsed = parse_python("try:\n    f()\nexcept E:\n    raise;\n");
        assert!(parsed.errors().is_empty());
        let Stmt::Try(stmt) = &parsed.syntax().body[0] else {
            panic!("a try statement");
        };
        let Stmt::Raise(raise) = &stmt.handlers[0].as_except_handler().unwrap().body[0] else {
            panic!("a raise statement");
        };
        assert!(raise.exc.is_none());
    }

    #[test]
    fn statements_after_it_on_the_line_never_run_and_are_dropped() {
        let source = "try:\n    f()\nexcept E:raise;g() # noqa: X\nh()\n";
        let parsed = parse_python(source);
        assert!(parsed.errors().is_empty());
        assert_eq!(parsed.syntax().body.len(), 2, "the try and `h()`");
        let comments = parsed
            .tokens()
            .iter()
            .filter(|t| t.kind() == ruff_python_ast::token::TokenKind::Comment)
            .count();
        assert_eq!(comments, 1, "the comment after them is kept");
    }

    #[test]
    fn other_errors_are_reported_as_they_were() {
        let both = errors("def f():\n    raise;\nx = = 1\n");
        assert!(both.len() >= 2, "{both:?}");
        assert!(both.iter().any(|e| e.contains("Expected an expression")));
        assert!(errors("raise ;x = 1\n").is_empty());
    }
}
