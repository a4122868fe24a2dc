//! The one list of memwise's rules. A new rule is added here, in its own
//! file, and with its fixture: nothing else.

use memwise_core::{ProjectRule, Rule, RuleMeta};

use crate::{
    AccumulatedAutogradGraph, BackReferenceCycle, BoundMethodPinsInstance, CacheClearInDel,
    CachedInstanceMethod, ClassCreatedPerCall, DataclassWithoutSlots, DownloadWithoutStream,
    DynamicLoggerName, FinalizerInCycle, GcDebugSaveall, GcDisabled, ListComprehensionInCall,
    ListOnlyIterated, ListReturningFunctionOnlyIterated, MissingSlots, MutatedDefaultArgument,
    MutualReferenceCycle, NumpyLoadWithoutMmap, ProfilerLeftInCode, QuadraticConcatInLoop,
    ReadlinesLoop, RepeatedConcatCopy, RetainedException, SharedMutableClassAttribute,
    StrongInstanceRegistry, SubclassWithoutSlots, SyntaxError, UnboundedCache,
    UnboundedMemoContainer, UnprunedTaskCollection, WholeFileRead,
};

static RULES: &[&dyn Rule] = &[
    &SyntaxError,
    &BackReferenceCycle,
    &MutualReferenceCycle,
    &FinalizerInCycle,
    &RetainedException,
    &StrongInstanceRegistry,
    &BoundMethodPinsInstance,
    &SharedMutableClassAttribute,
    &AccumulatedAutogradGraph,
    &CachedInstanceMethod,
    &UnboundedCache,
    &UnboundedMemoContainer,
    &CacheClearInDel,
    &MutatedDefaultArgument,
    &UnprunedTaskCollection,
    &DynamicLoggerName,
    &ReadlinesLoop,
    &WholeFileRead,
    &NumpyLoadWithoutMmap,
    &ListComprehensionInCall,
    &ListOnlyIterated,
    &ListReturningFunctionOnlyIterated,
    &QuadraticConcatInLoop,
    &RepeatedConcatCopy,
    &DownloadWithoutStream,
    &MissingSlots,
    &DataclassWithoutSlots,
    &SubclassWithoutSlots,
    &ClassCreatedPerCall,
    &ProfilerLeftInCode,
    &GcDebugSaveall,
    &GcDisabled,
];

/// The whole-project rules, in code order. They are also in [`rules`], so
/// selection, `memwise rules` and the docs see them: with no node kinds
/// when they only read the project, with their own when they check each
/// file and leave some findings to the project pass.
static PROJECT_RULES: &[&dyn ProjectRule] = &[
    &BoundMethodPinsInstance,
    &SharedMutableClassAttribute,
    &CachedInstanceMethod,
    &UnboundedCache,
    &UnboundedMemoContainer,
    &MutatedDefaultArgument,
    &ListReturningFunctionOnlyIterated,
    &MissingSlots,
    &DataclassWithoutSlots,
];

/// The whole-project rules, in code order.
pub fn project_rules() -> &'static [&'static dyn ProjectRule] {
    PROJECT_RULES
}

/// Codes `MEM900`..`MEM999` are never given to a rule: tests and the docs
/// use `MEM999` as the code of no rule (an unknown selector, an unknown
/// `# noqa` code), so it has no fixture and no page.
pub const NEVER_ASSIGNED_PREFIX: &str = "MEM9";

/// Every rule, in code order.
pub fn rules() -> &'static [&'static dyn Rule] {
    RULES
}

/// The rule with this exact code.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.meta().code == code)
}

/// The markdown page of a rule: what `memwise rule` prints and what
/// `docs/rules/<CODE>.md` holds.
pub fn rule_page(rule: &dyn Rule) -> String {
    meta_page(rule.meta())
}

/// The markdown page of the rule `meta` describes (see [`rule_page`]).
pub fn meta_page(meta: &RuleMeta) -> String {
    let default = if meta.opt_in {
        "opt-in (select it with `--select`)"
    } else {
        "on by default"
    };
    let test_code = if meta.test_code {
        "reports in test code"
    } else {
        "silent in test code"
    };
    let peers = if meta.peer_codes.is_empty() {
        String::new()
    } else {
        let codes: Vec<String> = meta.peer_codes.iter().map(|c| format!("`{c}`")).collect();
        let which = if codes.len() == 1 {
            "it"
        } else {
            "one of them"
        };
        format!(
            "; the same finding as {} of ruff and flake8 plugins, so a `# noqa` naming {which} suppresses it too",
            codes.join(", ")
        )
    };
    format!(
        "# {} ({})\n\n{}; fix: {}; {}{}.\n\n{}",
        meta.name,
        meta.code,
        default,
        meta.fix.as_str(),
        test_code,
        peers,
        meta.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    )
}
