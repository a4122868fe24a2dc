//! What the binary prints about the rules themselves: `memwise rules` (as
//! text or JSON), `memwise rule`, and a rule's name by code. Here rather
//! than in the binary, so that it stays thin and depends on no rule.

use std::fmt::Write as _;

/// The listing `memwise rules` prints: one line per rule, or a JSON array.
pub fn rules_listing(json: bool) -> String {
    let rules = memwise_rules::rules();
    if !json {
        let mut text = String::new();
        for rule in rules {
            let meta = rule.meta();
            let _ = writeln!(
                text,
                "{:<7} {:<32} {:<8} fix: {:<9} test code: {}",
                meta.code,
                meta.name,
                if meta.opt_in { "opt-in" } else { "default" },
                meta.fix.as_str(),
                if meta.test_code { "yes" } else { "no" }
            );
        }
        return text;
    }
    let list: Vec<_> = rules
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            serde_json::json!({
                "code": meta.code,
                "name": meta.name,
                "default": !meta.opt_in,
                "fix": meta.fix.as_str(),
                "test_code": meta.test_code,
                "url": meta.url(),
            })
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&list).expect("a list of JSON values always serializes");
    text.push('\n');
    text
}

/// Every rule's page, as `memwise rule --all` prints them.
pub fn all_rule_pages() -> String {
    memwise_rules::rules()
        .iter()
        .map(|rule| memwise_rules::registry::rule_page(*rule))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page of the rule with this code (in any case) or name, as `ruff rule`
/// takes either.
pub fn rule_page(wanted: &str) -> Option<String> {
    let found = memwise_rules::find(&wanted.to_ascii_uppercase()).or_else(|| {
        memwise_rules::rules()
            .iter()
            .copied()
            .find(|rule| rule.meta().name == wanted)
    })?;
    Some(memwise_rules::registry::rule_page(found))
}

/// The name of the rule with this code, or nothing for an unknown code.
pub fn rule_name(code: &str) -> &'static str {
    memwise_rules::find(code).map_or("", |rule| rule.meta().name)
}
