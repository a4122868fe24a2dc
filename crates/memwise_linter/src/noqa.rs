//! `# noqa` comments: per line (`# noqa`, `# noqa: MEM201, MEM304`) and per
//! file (`# memwise: noqa` on its own line).

use std::collections::HashMap;

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

/// What one directive suppresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// Every diagnostic.
    All,
    /// Diagnostics with these codes (upper case).
    Codes(Vec<String>),
}

impl Directive {
    fn covers(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Codes(codes) => codes.iter().any(|c| c == code),
        }
    }
}

/// The noqa directives of one file.
#[derive(Debug, Default)]
pub struct NoqaMap {
    lines: HashMap<usize, Directive>,
    file: Option<Directive>,
}

impl NoqaMap {
    /// Whether `source` may hold a directive at all: every directive spells
    /// `noqa` (in any case), and most files have none, which spares their
    /// tokens (or a whole re-parse) being read for comments.
    pub fn may_exist_in(source: &str) -> bool {
        let bytes = source.as_bytes();
        // `q` is rare in code, so the scan stops at few places.
        memchr::memchr2_iter(b'q', b'Q', bytes).any(|i| {
            i >= 2
                && bytes
                    .get(i - 2..i + 2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"noqa"))
        })
    }

    /// Reads the directives from a file's comment tokens.
    pub fn collect(tokens: &Tokens, source: &str, lines: &LineIndex) -> Self {
        let mut map = Self::default();
        for token in tokens.iter().filter(|t| t.kind() == TokenKind::Comment) {
            let text = &source[token.range()];
            let row = lines.line_index(token.start()).get();
            let line_start = lines.line_start(lines.line_index(token.start()), source);
            let own_line = source[line_start.to_usize()..token.start().to_usize()]
                .chars()
                .all(char::is_whitespace);
            if own_line && let Some(directive) = parse_file_directive(text) {
                map.file = Some(merge(map.file.take(), directive));
                continue;
            }
            if let Some(directive) = parse_line_directive(text) {
                let merged = merge(map.lines.remove(&row), directive);
                map.lines.insert(row, merged);
            }
        }
        map
    }

    /// Whether the whole file is skipped.
    pub fn skips_file(&self) -> bool {
        self.file == Some(Directive::All)
    }

    /// Whether a diagnostic with `code` starting on 1-based `row` is suppressed.
    pub fn suppresses(&self, row: usize, code: &str) -> bool {
        self.file.as_ref().is_some_and(|d| d.covers(code))
            || self.lines.get(&row).is_some_and(|d| d.covers(code))
    }
}

/// Whether `comment` (from its `#` to the line end) is a `# memwise: noqa`
/// that skips the whole file.
pub(crate) fn skips_file(comment: &str) -> bool {
    parse_file_directive(comment) == Some(Directive::All)
}

fn merge(existing: Option<Directive>, new: Directive) -> Directive {
    match (existing, new) {
        (Some(Directive::All), _) | (_, Directive::All) => Directive::All,
        (Some(Directive::Codes(mut a)), Directive::Codes(b)) => {
            a.extend(b);
            Directive::Codes(a)
        }
        (None, new) => new,
    }
}

/// `# memwise: noqa` or `# memwise: noqa: MEM201`.
fn parse_file_directive(comment: &str) -> Option<Directive> {
    let rest = comment.strip_prefix('#')?.trim_start();
    let rest = strip_prefix_ignore_case(rest, "memwise:")?.trim_start();
    let rest = strip_prefix_ignore_case(rest, "noqa")?;
    Some(parse_codes(rest))
}

/// `# noqa`, `# noqa: MEM201, MEM304`, also after other comment text
/// (`# type: ignore  # noqa: MEM201`).
fn parse_line_directive(comment: &str) -> Option<Directive> {
    let mut search = comment;
    while let Some(hash) = search.find('#') {
        let after = search[hash + 1..].trim_start();
        if let Some(rest) = strip_prefix_ignore_case(after, "noqa") {
            // `# noqaxyz` is not a directive.
            if rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace) {
                return Some(parse_codes(rest));
            }
        }
        search = &search[hash + 1..];
    }
    None
}

/// The codes after `noqa`: `: MEM201, MEM304`. No codes means everything.
fn parse_codes(rest: &str) -> Directive {
    let Some(list) = rest.trim_start().strip_prefix(':') else {
        return Directive::All;
    };
    let mut codes = Vec::new();
    for word in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        let is_code = word.len() >= 2
            && word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word.ends_with(|c: char| c.is_ascii_digit())
            && word.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_code {
            break;
        }
        codes.push(word.to_ascii_uppercase());
    }
    if codes.is_empty() {
        Directive::All
    } else {
        Directive::Codes(codes)
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_without_noqa_are_told_apart() {
        assert!(NoqaMap::may_exist_in("x = 1  # NoQA: MEM201\n"));
        assert!(NoqaMap::may_exist_in("# memwise: noqa"));
        assert!(!NoqaMap::may_exist_in("x = 1  # no qa\nn"));
        assert!(!NoqaMap::may_exist_in(""));
    }

    #[test]
    fn line_directives() {
        assert_eq!(parse_line_directive("# noqa"), Some(Directive::All));
        assert_eq!(parse_line_directive("#NOQA"), Some(Directive::All));
        assert_eq!(
            parse_line_directive("# noqa: MEM201, mem304"),
            Some(Directive::Codes(vec!["MEM201".into(), "MEM304".into()]))
        );
        assert_eq!(
            parse_line_directive("# type: ignore  # noqa:MEM201 because"),
            Some(Directive::Codes(vec!["MEM201".into()]))
        );
        assert_eq!(parse_line_directive("# noqanope"), None);
        assert_eq!(parse_line_directive("# a comment"), None);
    }

    #[test]
    fn file_directives() {
        assert_eq!(
            parse_file_directive("# memwise: noqa"),
            Some(Directive::All)
        );
        assert_eq!(
            parse_file_directive("# memwise: noqa: MEM201"),
            Some(Directive::Codes(vec!["MEM201".into()]))
        );
        assert_eq!(parse_file_directive("# noqa"), None);
    }
}
