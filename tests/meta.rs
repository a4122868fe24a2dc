//! Checks on the rules' metadata, in the spirit of ruff's registry tests and
//! clippy's lint message convention test.

use std::collections::HashSet;

use memwise_core::FixAvailability;

use crate::fixtures::{check_project_fixture, check_with, fixture_code, fixture_files};

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        assert!(
            meta.code.len() == 6
                && meta.code.starts_with("MEM")
                && meta.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "{}: a code is MEM and three digits",
            meta.code
        );
        assert!(
            !meta.name.is_empty()
                && meta.name.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{}: `{}` is not kebab-case",
            meta.code,
            meta.name
        );
        assert!(
            !meta
                .code
                .starts_with(memwise_rules::registry::NEVER_ASSIGNED_PREFIX),
            "{}: MEM9xx codes stand for no rule in tests and docs",
            meta.code
        );
        assert!(codes.insert(meta.code), "{} is declared twice", meta.code);
        assert!(names.insert(meta.name), "{} is declared twice", meta.name);
    }
    let sorted: Vec<_> = memwise_rules::rules()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    let mut expected = sorted.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "the registry lists rules in code order");
}

#[test]
fn docs_have_the_sections_in_order() {
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        let mut headings = vec![
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
        ];
        if meta.fix != FixAvailability::None {
            headings.push("## Fix safety");
        }
        let mut from = 0;
        for heading in headings {
            let Some(at) = meta.docs[from..].find(heading) else {
                panic!(
                    "{}: docs lack `{heading}` (or it is out of order)",
                    meta.code
                );
            };
            from += at + heading.len();
        }
    }
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let fixtures = fixture_files();
    let project_codes: Vec<&str> = memwise_rules::project_rules()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        // A whole-project rule's fixture is the package under
        // `fixtures/MEM306-MEM401-MEM402-project/`, checked (positive and negative cases) by
        // `project_fixture_matches_markers_and_expected_output`.
        if project_codes.contains(&meta.code) {
            continue;
        }
        let name = format!("fixtures/{}-{}.py", meta.code, meta.name);
        assert!(
            fixtures.iter().any(|f| f.to_str() == Some(name.as_str())),
            "{} has no fixture {name}",
            meta.code
        );
    }
    for fixture in &fixtures {
        let code = fixture_code(fixture);
        let rule = memwise_rules::find(&code)
            .unwrap_or_else(|| panic!("{} names no rule", fixture.display()));
        let expected = format!("{}-{}.py", code, rule.meta().name);
        assert_eq!(
            fixture.file_name().and_then(|n| n.to_str()),
            Some(expected.as_str()),
            "a fixture is named <CODE>-<name>.py"
        );
    }
}

/// A fixture renamed or removed, or a fix taken from a rule, leaves its
/// `.expected` or `.fixed` file behind, which no test would read again.
#[test]
fn every_expected_output_has_its_fixture() {
    for entry in std::fs::read_dir("fixtures").expect("fixtures/ exists") {
        let path = entry.expect("a readable entry").path();
        let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(extension, "expected" | "fixed") {
            continue;
        }
        let fixture = path.with_extension("py");
        let project = path.with_extension("");
        assert!(
            fixture.is_file() || (extension == "expected" && project.is_dir()),
            "{} belongs to no fixture",
            path.display()
        );
        if extension == "fixed" {
            let rule = memwise_rules::find(&fixture_code(&fixture));
            assert!(
                rule.is_some_and(|r| r.meta().fix != FixAvailability::None),
                "{} belongs to a rule without a fix",
                path.display()
            );
        }
    }
}

/// The python code blocks of a docs section.
fn code_block(docs: &str, after: &str) -> String {
    let start = docs.find(after).unwrap_or_else(|| panic!("no `{after}`")) + after.len();
    let rest = &docs[start..];
    let open = rest.find("```python").expect("a python block follows") + "```python".len();
    let close = rest[open..].find("```").expect("the block is closed") + open;
    rest[open..close]
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn doc_examples_trigger_and_fixes_do_not() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        for (section, should_trigger) in [("## Example", true), ("Use instead:", false)] {
            let path = dir
                .path()
                .join(format!("{}_{}.py", meta.code, u8::from(should_trigger)));
            std::fs::write(&path, code_block(meta.docs, section)).expect("writable temp file");
            let result = check_with(vec![path], meta.code);
            let triggered = result
                .reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.rule.code == meta.code);
            assert_eq!(
                triggered,
                should_trigger,
                "{}: the `{section}` block should{} trigger the rule",
                meta.code,
                if should_trigger { "" } else { " not" }
            );
        }
    }
}

#[test]
fn messages_follow_the_convention() {
    let runs = fixture_files()
        .into_iter()
        .map(|fixture| {
            let code = fixture_code(&fixture);
            (fixture.clone(), check_with(vec![fixture], &code))
        })
        .chain(std::iter::once((
            std::path::PathBuf::from("fixtures/MEM306-MEM401-MEM402-project"),
            check_project_fixture(),
        )));
    for (fixture, result) in runs {
        for d in result.reports.iter().flat_map(|r| &r.diagnostics) {
            let first = d.message.chars().next().unwrap_or(' ');
            assert!(
                !first.is_uppercase() && !d.message.ends_with('.'),
                "{}: messages are lower case without a final period: {:?}",
                fixture.display(),
                d.message
            );
            assert!(
                d.help.as_deref().is_some_and(|h| !h.is_empty()),
                "{}: every diagnostic says what to do instead",
                fixture.display()
            );
        }
    }
}

/// A rule file that declares a rule the registry does not list compiles and
/// passes every other test while being dead (and one without its `mod` line
/// is not even compiled); a docs page for no rule misleads. Both are caught
/// here, from the sources' text, since a rule the registry misses is one no
/// code can enumerate.
#[test]
fn every_rule_file_is_registered_and_every_page_has_a_rule() {
    let registered: HashSet<&str> = memwise_rules::rules()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    let mut declared = HashSet::new();
    let mut declarations = 0;
    for entry in std::fs::read_dir("rules/src").expect("rules/src exists") {
        let path = entry.expect("a readable entry").path();
        let source = std::fs::read_to_string(&path).expect("a readable rule file");
        for code in declared_codes(&source) {
            declarations += 1;
            let code = code.unwrap_or_else(|| {
                panic!(
                    "{}: a `declare_rule!` without a `code: \"MEM...\"` this test can read",
                    path.display()
                )
            });
            assert!(
                registered.contains(code),
                "{} declares {code}, which rules/src/registry.rs does not list",
                path.display()
            );
            declared.insert(code.to_owned());
        }
    }
    assert_eq!(
        (declarations, declared.len()),
        (registered.len(), registered.len()),
        "one `declare_rule!` in rules/src for each registered rule"
    );
    for entry in std::fs::read_dir("docs/rules").expect("docs/rules exists") {
        let path = entry.expect("a readable entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        assert!(
            registered.contains(stem),
            "{} documents no registered rule",
            path.display()
        );
    }
}

/// The code of each `declare_rule!` invocation in `source`, whatever the
/// spacing (rustfmt leaves a brace-delimited macro's body as written); `None`
/// for one whose code is not a plain string literal.
fn declared_codes(source: &str) -> Vec<Option<&str>> {
    let invocations = source.match_indices("declare_rule!").filter(|&(at, _)| {
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        source[line_start..at].trim().is_empty()
    });
    invocations
        .map(|(at, _)| {
            let rest = &source[at..];
            // The first `code:` field, not the word in the doc comment
            // above it nor the end of `test_code:`.
            let (field, _) = rest.match_indices("code").find(|&(i, _)| {
                let line = rest[..i].rsplit('\n').next().unwrap_or_default();
                let ident_before = line
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                !line.trim_start().starts_with("//")
                    && !ident_before
                    && rest[i + "code".len()..].trim_start().starts_with(':')
            })?;
            let after = rest[field + "code".len()..].trim_start();
            let literal = after.strip_prefix(':')?.trim_start().strip_prefix('"')?;
            Some(&literal[..literal.find('"')?])
        })
        .collect()
}

#[test]
fn declared_codes_ignore_spacing_and_mentions() {
    let source = "//! made with declare_rule!\ndeclare_rule! {\n    /// Docs on test code: and the code.\n    pub A {\n        code:\"MEM777\",\n    }\n}\n  declare_rule! { pub B { code :  \"MEM778\" } }\ndeclare_rule! { pub C { code: CODE } }\n";
    assert_eq!(
        declared_codes(source),
        vec![Some("MEM777"), Some("MEM778"), None]
    );
}

/// Outputs decide error or warning from the rule's severity, never from its
/// code: only the syntax error is an error.
#[test]
fn only_the_syntax_error_is_an_error() {
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        assert_eq!(
            meta.severity == memwise_core::Severity::Error,
            meta.name == "syntax-error",
            "{}",
            meta.code
        );
    }
}
