//! Rule identity and behaviour: `RuleMeta`, the `Rule` trait and `declare_rule!`.

use ruff_python_ast::{AnyNodeRef, NodeKind};

use crate::context::Context;

/// Whether a rule can offer an automatic fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// Help text only.
    None,
    /// Some findings have a fix, others only help.
    Sometimes,
    /// Every finding has a fix.
    Always,
}

impl FixAvailability {
    /// The lower-case name used by `memwise rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Sometimes => "sometimes",
            Self::Always => "always",
        }
    }
}

/// What identifies and documents a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// The permanent code, `MEM` and three digits.
    pub code: &'static str,
    /// The kebab-case name of the flagged pattern.
    pub name: &'static str,
    /// Runs only when selected explicitly (a code, a prefix or `ALL`).
    pub opt_in: bool,
    /// Whether findings carry fixes.
    pub fix: FixAvailability,
    /// Whether the rule reports in test code ([`crate::python::is_test_code`]).
    /// Only MEM000 does: memory held for one test does not leak, and what a
    /// test reads, builds or concatenates is fixture-sized, so materialising
    /// it wastes nothing a reviewer would change. The engine skips the
    /// others on test files.
    pub test_code: bool,
    /// How serious a finding is: whether the file could be checked at all.
    pub severity: Severity,
    /// The codes under which other linters report the same thing
    /// (flake8-bugbear's and ruff's `B019` for MEM201). A `# noqa` naming
    /// one of them was written after reading that very finding, so it
    /// suppresses this rule's too.
    pub peer_codes: &'static [&'static str],
    /// The markdown documentation, from the rule's doc comment.
    pub docs: &'static str,
}

/// How serious a rule's findings are. Outputs map it to their own levels
/// (SARIF `error`/`warning`, GitHub `::error`/`::warning`, LSP severities);
/// nothing compares rule codes to decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file does not parse as it is (MEM000): it cannot run, its other
    /// rules may not have run, no fix is applied to it, and no `# noqa`
    /// comment of one line hides it.
    Error,
    /// A memory pitfall in code that runs.
    Warning,
}

impl Severity {
    /// The lowercase name JSON and SARIF use.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl RuleMeta {
    /// The text of a `## Section` of the docs, without its heading.
    pub fn doc_section(&self, heading: &str) -> Option<&'static str> {
        let marker = format!("## {heading}\n");
        let start = self.docs.find(&marker)? + marker.len();
        let rest = &self.docs[start..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        Some(rest[..end].trim())
    }

    /// A link to the rule's page.
    pub fn url(&self) -> String {
        format!(
            "https://github.com/memwise/memwise/blob/main/docs/rules/{}.md",
            self.code
        )
    }
}

/// A rule's identity. [`declare_rule!`] implements it from the declaration,
/// so a rule states its code and name once; single-file and whole-project
/// rules share it.
pub trait RuleIdentity {
    /// The rule's identity.
    fn meta(&self) -> &'static RuleMeta;
}

/// A single-file rule. Rules hold no state; the engine calls [`Rule::check`]
/// only for the node kinds the rule asks for.
pub trait Rule: RuleIdentity + Send + Sync {
    /// The node kinds [`Rule::check`] wants to see.
    fn node_kinds(&self) -> &'static [NodeKind];

    /// Inspects one node of a wanted kind and reports through `cx`.
    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>);
}

/// Declares a rule's unit struct and its [`RuleMeta`], keeping the doc
/// comment as the rule's documentation.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub CachedInstanceMethod {
///         code: "MEM201",
///         name: "cached-instance-method",
///         opt_in: false,
///         fix: FixAvailability::None,
///         test_code: false,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (@severity) => {
        $crate::Severity::Warning
    };
    (@severity $severity:expr) => {
        $severity
    };
    (@peers) => {
        &[]
    };
    (@peers $peers:expr) => {
        $peers
    };
    (
        $(#[doc = $doc:literal])+
        $vis:vis $rule:ident {
            code: $code:literal,
            name: $name:literal,
            opt_in: $opt_in:literal,
            fix: $fix:expr,
            test_code: $test_code:literal
            $(, severity: $severity:expr)?
            $(, peer_codes: $peers:expr)? $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $rule;

        impl $rule {
            /// The rule's identity and documentation.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                name: $name,
                opt_in: $opt_in,
                fix: $fix,
                test_code: $test_code,
                severity: $crate::declare_rule!(@severity $($severity)?),
                peer_codes: $crate::declare_rule!(@peers $($peers)?),
                docs: concat!($($doc, "\n"),+),
            };
        }

        impl $crate::RuleIdentity for $rule {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
        }
    };
}

/// Implements [`Rule`] for a rule that never inspects nodes: the engine
/// reports it itself (MEM000) or a whole-project pass runs it. It is still a
/// `Rule`, so selection, `memwise rules` and the docs see it like any other.
#[macro_export]
macro_rules! rule_without_node_checks {
    ($rule:ident) => {
        impl $crate::Rule for $rule {
            fn node_kinds(&self) -> &'static [::ruff_python_ast::NodeKind] {
                &[]
            }

            fn check<'a>(
                &self,
                _cx: &mut $crate::Context<'a>,
                _node: ::ruff_python_ast::AnyNodeRef<'a>,
            ) {
            }
        }
    };
}
