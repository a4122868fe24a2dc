//! Every `fixtures/<CODE>-<name>.py` is checked with its rule alone: the
//! (line, code) pairs found must equal the `# error: CODE` markers exactly,
//! and the rendered output must equal `<stem>.expected`.
//! `MEMWISE_UPDATE_EXPECTED=1 cargo test` rewrites the expected files; review
//! the diff before committing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use memwise_linter::output::{self, OutputFormat};
use memwise_linter::{CheckOptions, CheckResult, Overrides};

/// The single-file fixtures, sorted.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .expect("fixtures/ exists at the package root")
        .map(|entry| entry.expect("readable fixtures/").path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// The code a fixture is for: `MEM201` of `MEM201-cached-instance-method.py`.
pub fn fixture_code(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    stem.split('-').next().unwrap_or_default().to_owned()
}

/// Checks `paths` with only `code` selected, on one thread.
pub fn check_with(paths: Vec<PathBuf>, code: &str) -> CheckResult {
    memwise_linter::check(&CheckOptions {
        paths,
        overrides: Overrides {
            select: Some(vec![code.to_owned()]),
            ..Overrides::default()
        },
        threads: Some(1),
        ..CheckOptions::default()
    })
    .expect("the fixture run is configured correctly")
}

/// The multi-file fixture: a package with a script, for the whole-project rules.
pub const PROJECT_FIXTURE: &str = "fixtures/MEM306-MEM401-MEM402-project";

/// The codes the multi-file fixture is checked with.
pub fn project_fixture_codes() -> Vec<String> {
    memwise_rules::project_rules()
        .iter()
        .map(|r| r.meta().code.to_owned())
        .collect()
}

/// The `.py` files of the multi-file fixture, sorted.
pub fn project_fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable fixture folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new(PROJECT_FIXTURE), &mut files);
    files.sort();
    files
}

/// Checks the multi-file fixture with the whole-project rules selected.
pub fn check_project_fixture() -> CheckResult {
    memwise_linter::check(&CheckOptions {
        paths: vec![PathBuf::from(PROJECT_FIXTURE)],
        overrides: Overrides {
            select: Some(project_fixture_codes()),
            ..Overrides::default()
        },
        threads: Some(1),
        stdin: None,
        ..CheckOptions::default()
    })
    .expect("the fixture run is configured correctly")
}

/// `# error: MEM201` and `# error: MEM000, MEM000` markers, as sorted (line, code) pairs.
fn markers(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let Some(at) = line.find("# error:") else {
            continue;
        };
        for code in line[at + "# error:".len()..].split(',') {
            let code = code.split_whitespace().next().unwrap_or_default();
            if !code.is_empty() {
                found.push((i + 1, code.to_owned()));
            }
        }
    }
    found.sort();
    found
}

/// `# ok: MEM401` markers: negative cases of a whole-project rule.
fn negative_markers(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let at = line.find("# ok:")?;
            line[at + "# ok:".len()..]
                .split_whitespace()
                .next()
                .map(str::to_owned)
        })
        .collect()
}

/// Findings as sorted (path, line, code).
fn project_findings(result: &CheckResult) -> Vec<(PathBuf, usize, String)> {
    let mut found: Vec<_> = result
        .reports
        .iter()
        .flat_map(|report| {
            report.diagnostics.iter().map(|d| {
                (
                    report.path.clone(),
                    report.location(d.range.start()).row,
                    d.rule.code.to_owned(),
                )
            })
        })
        .collect();
    found.sort();
    found
}

#[test]
fn project_fixture_matches_markers_and_expected_output() {
    let mut expected = Vec::new();
    let mut negatives = Vec::new();
    for path in project_fixture_files() {
        let source = std::fs::read_to_string(&path).expect("fixture is readable");
        for (line, code) in markers(&source) {
            expected.push((path.clone(), line, code));
        }
        negatives.extend(negative_markers(&source));
    }
    expected.sort();
    for code in project_fixture_codes() {
        assert!(
            expected.iter().any(|(_, _, c)| *c == code),
            "{PROJECT_FIXTURE}: no positive case (`# error: {code}`)"
        );
        assert!(
            negatives.contains(&code),
            "{PROJECT_FIXTURE}: no negative case (`# ok: {code}`)"
        );
    }
    let result = check_project_fixture();
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert_eq!(
        project_findings(&result),
        expected,
        "markers differ from findings"
    );
    let rendered = render(&result);
    let expected_path = Path::new("fixtures/MEM306-MEM401-MEM402-project.expected");
    if std::env::var_os("MEMWISE_UPDATE_EXPECTED").is_some() {
        std::fs::write(expected_path, &rendered).expect("expected file is writable");
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    assert_eq!(
        expected, rendered,
        "rendered output differs from fixtures/MEM306-MEM401-MEM402-project.expected (run with MEMWISE_UPDATE_EXPECTED=1 and review the diff)"
    );
}

#[test]
fn project_fixes_keep_indentation() {
    let result = check_project_fixture();
    let report = result
        .reports
        .iter()
        .find(|r| r.path.ends_with("models.py"))
        .expect("models.py has findings");
    let fixed_class = |name: &str| {
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with(&format!("`{name}`")))
            .expect("the class is flagged");
        let fix = d.fix.as_ref().expect("a fix is offered");
        assert_eq!(fix.applicability, memwise_core::Applicability::Unsafe);
        // A run without fixes keeps only an excerpt of the file.
        let mut source = std::fs::read_to_string(&report.path).expect("the fixture is readable");
        for edit in fix.edits.iter().rev() {
            source.replace_range(std::ops::Range::<usize>::from(edit.range), &edit.content);
        }
        source
    };
    assert!(fixed_class("Record").contains(
        "    \"\"\"A row, created in a loop by `app.users` through the re-export.\"\"\"\n\n    __slots__ = (\"key\", \"value\", \"__weakref__\")\n\n    def __init__"
    ));
    assert!(fixed_class("Node").contains(
        "class Node:  # error: MEM401\n    __slots__ = (\"children\", \"parent\", \"__weakref__\")\n\n    def"
    ));
    assert!(fixed_class("Sample").contains("@dataclass(slots=True)  # error: MEM402"));
    assert!(fixed_class("Frozen").contains("@dataclasses.dataclass(frozen=True, slots=True)"));
    assert!(fixed_class("AttrsPoint").contains("@attr.s(auto_attribs=True, slots=True)"));
}

fn findings(result: &CheckResult) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = result
        .reports
        .iter()
        .flat_map(|report| {
            report
                .diagnostics
                .iter()
                .map(|d| (report.location(d.range.start()).row, d.rule.code.to_owned()))
        })
        .collect();
    found.sort();
    found
}

fn render(result: &CheckResult) -> String {
    let mut out = Vec::new();
    output::write_diagnostics(&mut out, OutputFormat::Full, &result.reports, false)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the renderer writes UTF-8")
}

#[test]
fn fixtures_match_markers_and_expected_output() {
    let update = std::env::var_os("MEMWISE_UPDATE_EXPECTED").is_some();
    let mut failures = String::new();
    let files = fixture_files();
    assert!(files.len() >= 4, "fixtures are missing");
    for path in files {
        let code = fixture_code(&path);
        let source = std::fs::read_to_string(&path).expect("fixture is readable");
        let expected_markers = markers(&source);
        assert!(
            expected_markers.iter().any(|(_, c)| *c == code),
            "{}: has no positive case (`# error: {code}`)",
            path.display()
        );
        let result = check_with(vec![path.clone()], &code);
        assert!(
            result.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            result.errors
        );
        let actual = findings(&result);
        if actual != expected_markers {
            let missing: Vec<_> = expected_markers
                .iter()
                .filter(|m| !actual.contains(m))
                .collect();
            let extra: Vec<_> = actual
                .iter()
                .filter(|m| !expected_markers.contains(m))
                .collect();
            let _ = writeln!(
                failures,
                "{}: markers differ from findings\n  expected but not found: {missing:?}\n  found but not marked: {extra:?}",
                path.display()
            );
        }
        let rendered = render(&result);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &rendered).expect("expected file is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != rendered {
            let _ = writeln!(
                failures,
                "{}: rendered output differs from {} (run with MEMWISE_UPDATE_EXPECTED=1 and review the diff)\n--- actual ---\n{rendered}",
                path.display(),
                expected_path.display()
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn markers_parse_repeated_codes() {
    assert_eq!(
        markers("x  # error: MEM000, MEM000\ny\nz # error: MEM201"),
        vec![
            (1, "MEM000".to_owned()),
            (1, "MEM000".to_owned()),
            (3, "MEM201".to_owned())
        ]
    );
}

#[test]
fn dataclass_slots_need_python_3_10() {
    let run = |version: &str| {
        memwise_linter::check(&CheckOptions {
            paths: vec![PathBuf::from(PROJECT_FIXTURE)],
            overrides: Overrides {
                select: Some(vec!["MEM402".to_owned()]),
                target_version: Some(version.parse().expect("a valid version")),
                ..Overrides::default()
            },
            threads: Some(1),
            stdin: None,
            ..CheckOptions::default()
        })
        .expect("the fixture run is configured correctly")
        .diagnostic_count()
    };
    assert_eq!(run("py39"), 0);
    assert!(run("py310") > 0);
}
