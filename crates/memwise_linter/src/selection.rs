//! Rule selectors (`MEM201`, `MEM2`, `ALL`) and the set of rules they enable.

use memwise_core::Rule;

/// A set of rules, by their position in the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSet(u128);

impl RuleSet {
    /// No rule.
    pub const EMPTY: Self = Self(0);

    fn position(code: &str) -> Option<usize> {
        memwise_rules::rules()
            .iter()
            .position(|rule| rule.meta().code == code)
    }

    /// Whether the rule with `code` is in the set.
    pub fn contains(&self, code: &str) -> bool {
        Self::position(code).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// Adds every rule `selector` matches.
    pub fn insert(&mut self, selector: &Selector) {
        for (i, rule) in memwise_rules::rules().iter().enumerate() {
            if selector.matches(rule.meta().code) {
                self.0 |= 1 << i;
            }
        }
    }

    /// Removes every rule `selector` matches.
    pub fn remove(&mut self, selector: &Selector) {
        for (i, rule) in memwise_rules::rules().iter().enumerate() {
            if selector.matches(rule.meta().code) {
                self.0 &= !(1 << i);
            }
        }
    }

    /// The rules of the set, in registry order.
    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        memwise_rules::rules()
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, rule)| *rule)
    }

    /// The rules on when nothing is selected: all but the opt-in ones.
    pub fn defaults() -> Self {
        let mut set = Self::EMPTY;
        for (i, rule) in memwise_rules::rules().iter().enumerate() {
            if !rule.meta().opt_in {
                set.0 |= 1 << i;
            }
        }
        set
    }

    /// Whether no rule is in the set.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

/// One entry of `select`, `extend-select` or `ignore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Every rule.
    All,
    /// Every rule whose code starts with the prefix (a full code is a prefix too).
    Prefix(String),
}

/// A selector that matches no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown rule selector `{0}` (expected a code such as MEM201, a prefix such as MEM2, or ALL; `memwise rules` lists them)"
)]
pub struct UnknownSelector(String);

impl Selector {
    /// Parses a selector, accepting only those that match at least one rule.
    pub fn parse(text: &str) -> Result<Self, UnknownSelector> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("ALL") {
            return Ok(Self::All);
        }
        let upper = text.to_ascii_uppercase();
        let well_formed = upper.len() > 3
            && upper.len() <= 6
            && upper.starts_with("MEM")
            && upper[3..].bytes().all(|b| b.is_ascii_digit());
        let selector = Self::Prefix(upper);
        if well_formed
            && memwise_rules::rules()
                .iter()
                .any(|rule| selector.matches(rule.meta().code))
        {
            Ok(selector)
        } else {
            Err(UnknownSelector(text.to_owned()))
        }
    }

    /// Whether the selector covers `code`.
    pub fn matches(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Prefix(prefix) => code.starts_with(prefix.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_all() {
        assert_eq!(Selector::parse("all"), Ok(Selector::All));
        assert!(Selector::parse("MEM2").is_ok());
        assert!(Selector::parse("mem201").is_ok());
        assert!(Selector::parse("MEM9").is_err());
        assert!(Selector::parse("E501").is_err());
        assert!(Selector::parse("MEM2010").is_err());
    }

    #[test]
    fn ignore_removes_what_select_added() {
        let mut set = RuleSet::EMPTY;
        set.insert(&Selector::All);
        set.remove(&Selector::parse("MEM20").unwrap());
        assert!(set.contains("MEM304"));
        assert!(!set.contains("MEM201"));
        assert!(!set.contains("MEM202"));
    }
}
