//! `memwise_dev new-rule CODE name`: the files a new rule touches, made
//! ready for its author: the rule's file (a working rule that flags a
//! placeholder call, so every meta-test passes before the real detection is
//! written), its `mod`/`pub use` lines, its registry entry, its fixture, its
//! case in the test-code fixture (rules are silent in test code unless they
//! say otherwise) and its docs page. The README row comes from `memwise_dev generate` once the
//! rule is built.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use memwise_core::{FixAvailability, RuleMeta, Severity};
use memwise_rules::registry::{NEVER_ASSIGNED_PREFIX, meta_page};

use crate::PAGE_HEADER;

/// Why a rule cannot be added under this code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewRuleError {
    /// Not `MEM` and three digits, or in the range no rule gets.
    BadCode(String),
    /// Not a kebab-case name of lower-case words.
    BadName(String),
    /// A rule already has this code or name.
    Taken(String),
    /// A file the scaffold would create is already there.
    Exists(PathBuf),
    /// A file the scaffold edits could not be read, or lacks what it edits.
    Unreadable(PathBuf, String),
}

impl fmt::Display for NewRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadCode(code) => write!(
                f,
                "`{code}` is not a rule code: MEM and three digits, not {NEVER_ASSIGNED_PREFIX}xx"
            ),
            Self::BadName(name) => write!(
                f,
                "`{name}` is not a kebab-case name (lower-case words joined by `-`)"
            ),
            Self::Taken(what) => write!(f, "a rule already has {what}"),
            Self::Exists(path) => write!(f, "{} already exists", path.display()),
            Self::Unreadable(path, reason) => write!(f, "{}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for NewRuleError {}

/// Every file the new rule `code`/`name` writes or changes under `root`
/// (the repository), with its new content. Nothing is written.
pub fn new_rule(
    root: &Path,
    code: &str,
    name: &str,
) -> Result<Vec<(PathBuf, String)>, NewRuleError> {
    let well_formed = code.len() == 6
        && code.starts_with("MEM")
        && code[3..].bytes().all(|b| b.is_ascii_digit())
        && !code.starts_with(NEVER_ASSIGNED_PREFIX);
    if !well_formed {
        return Err(NewRuleError::BadCode(code.to_owned()));
    }
    let kebab = !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && name.starts_with(|c: char| c.is_ascii_lowercase());
    if !kebab {
        return Err(NewRuleError::BadName(name.to_owned()));
    }
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        if meta.code == code {
            return Err(NewRuleError::Taken(format!("the code {code}")));
        }
        if meta.name == name {
            return Err(NewRuleError::Taken(format!("the name {name}")));
        }
    }
    let snake = name.replace('-', "_");
    let camel = camel_case(name);
    let rule_file = root.join("rules/src").join(format!("{snake}.rs"));
    let fixture = root.join("fixtures").join(format!("{code}-{name}.py"));
    let page = root.join("docs/rules").join(format!("{code}.md"));
    for path in [&rule_file, &fixture, &page] {
        if path.exists() {
            return Err(NewRuleError::Exists(path.clone()));
        }
    }
    let lib_path = root.join("rules/src/lib.rs");
    let registry_path = root.join("rules/src/registry.rs");
    let lib = read(&lib_path)?;
    let registry = read(&registry_path)?;
    let test_code_path = root.join(TEST_CODE_FIXTURE);
    let test_code = read(&test_code_path)?;
    let docs = rule_docs(code);
    let meta = RuleMeta {
        code: leak(code),
        name: leak(name),
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
        severity: Severity::Warning,
        peer_codes: &[],
        docs: leak(&docs),
    };
    Ok(vec![
        (rule_file, rule_source(code, name, &camel, &docs)),
        (
            lib_path.clone(),
            with_lib_lines(&lib, &snake, &camel).ok_or_else(|| {
                NewRuleError::Unreadable(lib_path, "no `mod` or `pub use` lines".to_owned())
            })?,
        ),
        (
            registry_path.clone(),
            with_registry_entry(&registry, code, &camel).ok_or_else(|| {
                NewRuleError::Unreadable(
                    registry_path,
                    "no `use crate::{...}` or `RULES` list".to_owned(),
                )
            })?,
        ),
        (fixture, fixture_source(code)),
        (
            test_code_path,
            format!("{}{}", test_code, test_code_case(code, &snake)),
        ),
        (page, format!("{PAGE_HEADER}{}", meta_page(&meta))),
    ])
}

fn read(path: &Path) -> Result<String, NewRuleError> {
    std::fs::read_to_string(path)
        .map_err(|e| NewRuleError::Unreadable(path.to_path_buf(), e.to_string()))
}

/// A `&'static str` for a [`RuleMeta`] built once per run of the tool.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// `cached-instance-method` → `CachedInstanceMethod`.
fn camel_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The doc comment's text: the sections the meta-tests ask for, with an
/// example that the placeholder detection flags and one it does not.
fn rule_docs(code: &str) -> String {
    format!(
        " ## What it does
 Checks for calls of `placeholder.leak()` ({code}: replace with what the
 rule finds).

 ## Why is this bad?
 Say how the memory is lost or kept alive.

 ## Example
 ```python
 import placeholder

 placeholder.leak()
 ```

 Use instead:
 ```python
 import placeholder

 placeholder.release()
 ```
"
    )
}

fn rule_source(code: &str, name: &str, camel: &str, docs: &str) -> String {
    let mut doc_lines = String::new();
    for line in docs.lines() {
        let _ = writeln!(doc_lines, "    ///{line}");
    }
    format!(
        "//! {code}: replace with one line on the pattern `{name}` flags.

use memwise_core::{{Context, Diagnostic, FixAvailability, Rule, declare_rule}};
use ruff_python_ast::{{AnyNodeRef, NodeKind}};
use ruff_text_size::Ranged;

declare_rule! {{
{doc_lines}    pub {camel} {{
        code: \"{code}\",
        name: \"{name}\",
        opt_in: false,
        fix: FixAvailability::None,
        test_code: false,
    }}
}}

impl Rule for {camel} {{
    fn node_kinds(&self) -> &'static [NodeKind] {{
        &[NodeKind::ExprCall]
    }}

    fn check<'a>(&self, cx: &mut Context<'a>, node: AnyNodeRef<'a>) {{
        let AnyNodeRef::ExprCall(call) = node else {{
            return;
        }};
        if cx.resolves_to(&call.func, &[\"placeholder.leak\"]).is_none() {{
            return;
        }}
        cx.report(
            Diagnostic::new(
                &Self::META,
                \"`placeholder.leak()` keeps what it is given alive\".to_owned(),
                call.range(),
            )
            .with_help(\"call `placeholder.release()` instead\"),
        );
    }}
}}
"
    )
}

/// The fixture whose lines marked `# MEMxxx outside test code` must be
/// flagged outside test code and not in it (`tests/exemptions.rs`).
const TEST_CODE_FIXTURE: &str = "fixtures/test-code/tests/test_leaks.py";

fn test_code_case(code: &str, snake: &str) -> String {
    format!(
        "


def {snake}_case():
    import placeholder

    placeholder.leak()  # {code} outside test code
"
    )
}

fn fixture_source(code: &str) -> String {
    format!(
        "import placeholder

placeholder.leak()  # error: {code}

# Near misses: calls the rule must not flag.
placeholder.release()
leak = print
leak()
"
    )
}

/// `lib.rs` with `mod snake;` and `pub use snake::Camel;` in sorted place.
fn with_lib_lines(lib: &str, snake: &str, camel: &str) -> Option<String> {
    let mut lines: Vec<String> = lib.lines().map(str::to_owned).collect();
    let module_of = |line: &str| {
        line.strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'))
            .map(str::to_owned)
    };
    let mods: Vec<usize> = (0..lines.len())
        .filter(|i| module_of(&lines[*i]).is_some())
        .collect();
    let at = mods
        .iter()
        .copied()
        .find(|i| module_of(&lines[*i]).is_some_and(|m| m.as_str() > snake))
        .unwrap_or(*mods.last()? + 1);
    lines.insert(at, format!("mod {snake};"));
    let uses: Vec<usize> = (0..lines.len())
        .filter(|i| lines[*i].starts_with("pub use "))
        .collect();
    let path = format!("pub use {snake}::");
    let at = uses
        .iter()
        .copied()
        .find(|i| lines[*i].as_str() > path.as_str())
        .unwrap_or(*uses.last()? + 1);
    lines.insert(at, format!("pub use {snake}::{camel};"));
    Some(lines.join("\n") + "\n")
}

/// `registry.rs` with `Camel` imported and listed in `RULES` in code order.
fn with_registry_entry(registry: &str, code: &str, camel: &str) -> Option<String> {
    const OPEN: &str = "use crate::{\n";
    let start = registry.find(OPEN)? + OPEN.len();
    let end = start + registry[start..].find("};")?;
    let mut names: Vec<&str> = registry[start..end]
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    names.push(camel);
    names.sort_unstable();
    // Filled to rustfmt's width: 4 spaces, names joined by ", ", 100 columns.
    let mut imports = String::new();
    let mut line = String::new();
    for name in names {
        let item = format!("{name},");
        if !line.is_empty() && 4 + line.len() + 1 + item.len() > 100 {
            let _ = writeln!(imports, "    {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&item);
    }
    let _ = writeln!(imports, "    {line}");
    let mut text = format!("{}{imports}{}", &registry[..start], &registry[end..]);
    // Before the first rule with a greater code, or at the end of the list.
    let list_start = text.find("static RULES: &[&dyn Rule] = &[\n")?;
    let list_end = list_start + text[list_start..].find("];")?;
    let entry = format!("    &{camel},\n");
    let at = memwise_rules::rules()
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.code > code)
        .min_by_key(|meta| meta.code)
        .and_then(|meta| {
            let line = format!("    &{},\n", camel_case(meta.name));
            text[list_start..list_end]
                .find(&line)
                .map(|i| list_start + i)
        })
        .unwrap_or(list_end);
    text.insert_str(at, &entry);
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn number(code: &str) -> u16 {
        code[3..].parse().expect("codes are MEM and three digits")
    }

    // The codes asked about are derived from the registry, not spelled, so
    // the tests keep asking about a free code when a rule later takes one.
    fn code_after_every_rule() -> String {
        let last = memwise_rules::rules()
            .iter()
            .map(|r| number(r.meta().code))
            .max();
        let code = format!("MEM{}", last.expect("rules exist") + 1);
        assert!(!code.starts_with(NEVER_ASSIGNED_PREFIX));
        code
    }

    fn code_before_the_first_memory_rule() -> String {
        let first = memwise_rules::rules()
            .iter()
            .map(|r| number(r.meta().code))
            .filter(|n| (100..200).contains(n))
            .min();
        let code = format!("MEM{}", first.expect("MEM1xx rules exist") - 1);
        assert!(number(&code) >= 100, "no free MEM1xx code below the first");
        code
    }

    #[test]
    fn scaffolds_every_file_a_rule_touches() {
        let code = code_after_every_rule();
        let files = new_rule(&root(), &code, "example-pattern").expect("a free code and name");
        let paths: Vec<String> = files
            .iter()
            .map(|(p, _)| p.strip_prefix(root()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "rules/src/example_pattern.rs",
                "rules/src/lib.rs",
                "rules/src/registry.rs",
                &format!("fixtures/{code}-example-pattern.py"),
                TEST_CODE_FIXTURE,
                &format!("docs/rules/{code}.md"),
            ]
        );
        let content = |i: usize| files[i].1.as_str();
        assert!(content(0).contains(&format!(
            "pub ExamplePattern {{\n        code: \"{code}\",\n        name: \"example-pattern\","
        )));
        assert!(content(1).contains("\nmod example_pattern;\n"));
        assert!(content(1).contains("\npub use example_pattern::ExamplePattern;\n"));
        assert!(content(2).contains(" ExamplePattern,"));
        assert!(content(2).contains("    &ExamplePattern,\n"));
        // After every rule, whose codes are all lower.
        let rules_list = &content(2)[content(2).find("static RULES").unwrap()..];
        let list = &rules_list[..rules_list.find("];").unwrap()];
        assert!(list.trim_end().ends_with("&ExamplePattern,"));
        assert!(content(3).contains(&format!("placeholder.leak()  # error: {code}\n")));
        assert!(content(4).ends_with(&format!(
            "    placeholder.leak()  # {code} outside test code\n"
        )));
        assert!(content(5).starts_with(PAGE_HEADER));
        assert!(content(5).contains(&format!("# example-pattern ({code})\n")));
        assert!(content(5).contains("## Example\n```python\n"));
    }

    #[test]
    fn an_early_code_goes_before_the_later_rules() {
        let code = code_before_the_first_memory_rule();
        let files = new_rule(&root(), &code, "early-pattern").expect("a free code and name");
        let registry = &files[2].1;
        let list = &registry[registry.find("static RULES").unwrap()..];
        let ours = list.find("&EarlyPattern,").unwrap();
        let first_mem1 = list.find("&BackReferenceCycle,").unwrap();
        assert!(ours < first_mem1);
        assert!(list.find("&SyntaxError,").unwrap() < ours);
    }

    #[test]
    fn refuses_bad_or_taken_codes_and_names() {
        let root = root();
        let free = code_after_every_rule();
        assert!(matches!(
            new_rule(&root, "MEM20", "x"),
            Err(NewRuleError::BadCode(_))
        ));
        assert!(matches!(
            new_rule(&root, &format!("{NEVER_ASSIGNED_PREFIX}50"), "x"),
            Err(NewRuleError::BadCode(_))
        ));
        assert!(matches!(
            new_rule(&root, &free, "Bad_Name"),
            Err(NewRuleError::BadName(_))
        ));
        assert!(matches!(
            new_rule(&root, &free, "a--b"),
            Err(NewRuleError::BadName(_))
        ));
        assert!(matches!(
            new_rule(&root, "MEM201", "fresh-name"),
            Err(NewRuleError::Taken(_))
        ));
        assert!(matches!(
            new_rule(&root, &free, "gc-disabled"),
            Err(NewRuleError::Taken(_))
        ));
    }
}
