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
            message: message.into(),
            help: None,
            range,
            secondary: Vec::new(),
            fix: None,
        }
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_secondary(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.secondary.push(SecondaryLabel {
            range,
            message: message.into(),
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
