//! What a rule reports: a located message with a help line and an optional fix.

use ruff_text_size::{Ranged, TextRange};

use crate::rule::RuleMeta;

/// A finding of one rule in one file, located by byte offsets into the source.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that reported it.
    pub rule: &'static RuleMeta,
    /// What is wrong, naming the concrete thing; lower case, no final period.
    pub message: String,
    /// What to do instead.
    pub help: Option<String>,
    /// Where the diagnostic is anchored: its start decides the `noqa` line.
    pub range: TextRange,
    /// Other places that explain the finding (for example, where a container grows).
    pub secondary: Vec<SecondaryLabel>,
    /// An automatic fix, when the rule can offer one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `range` with `message` and no help yet.
    pub fn new(rule: &'static RuleMeta, message: impl Into<String>, range: TextRange) -> Self {
        Self {
            rule,
            message: one_line(message.into()),
            help: None,
            range,
            secondary: Vec::new(),
            fix: None,
        }
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(one_line(help.into()));
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_secondary(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.secondary.push(SecondaryLabel {
            range,
            message: one_line(message.into()),
        });
        self
    }

    /// Sets the fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// `text` without line breaks: every output format prints a message, a
/// label or a help on one line (`concise` is one finding per line). Code
/// quoted in backticks that spans lines (a multi-line call a rule names)
/// keeps its first line and `…`; any other line break becomes a space.
pub fn one_line(text: String) -> String {
    if !text.contains(['\n', '\r']) {
        return text;
    }
    let pieces: Vec<&str> = text.split('`').collect();
    // With an odd number of backticks the last piece is not quoted.
    let quoted_pieces = if pieces.len() % 2 == 1 {
        pieces.len()
    } else {
        pieces.len() - 1
    };
    let mut out = String::with_capacity(text.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && i < quoted_pieces {
            match piece.split_once(['\n', '\r']) {
                Some((first, _)) => {
                    out.push_str(first.trim_end());
                    out.push('…');
                }
                None => out.push_str(piece),
            }
        } else {
            let mut chars = piece.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '\n' && c != '\r' {
                    out.push(c);
                    continue;
                }
                out.truncate(out.trim_end().len());
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                if chars.peek().is_some() || i + 1 < pieces.len() {
                    out.push(' ');
                }
            }
        }
    }
    out
}

impl Ranged for Diagnostic {
    fn range(&self) -> TextRange {
        self.range
    }
}

/// A labelled range that is not the anchor.
#[derive(Debug, Clone)]
pub struct SecondaryLabel {
    /// The labelled range.
    pub range: TextRange,
    /// What the range shows.
    pub message: String,
}

/// Whether applying a fix keeps the program's behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Behaviour may change; applied only with `--unsafe-fixes`.
    Unsafe,
    /// Behaviour is kept; applied by `--fix`.
    Safe,
}

impl Applicability {
    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// A set of edits that together resolve one diagnostic.
#[derive(Debug, Clone)]
pub struct Fix {
    /// Whether the fix keeps behaviour.
    pub applicability: Applicability,
    /// A short description of what the fix does.
    pub message: String,
    /// Non-overlapping edits, sorted by start.
    pub edits: Vec<Edit>,
}

/// Replace `range` with `content` (an insertion when the range is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The replaced range.
    pub range: TextRange,
    /// The new text.
    pub content: String,
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn messages_are_one_line() {
        assert_eq!(one_line("plain `x` text".into()), "plain `x` text");
        assert_eq!(
            one_line("`f(\n    a,\n)` is built\nonly to be summed".into()),
            "`f(…` is built only to be summed"
        );
        assert_eq!(one_line("a\r\n\r\n  b".into()), "a b");
        assert_eq!(one_line("`a\rb` and `c`".into()), "`a…` and `c`");
        assert_eq!(one_line("odd ` quote\nhere".into()), "odd ` quote here");
        assert_eq!(one_line("a\n`x`\n".into()), "a `x`");
    }
}
