//! The habits ruff users bring, run as a process: `--force-exclude`, `-` for
//! stdin, excludes and per-file-ignores on the command line, `--isolated`,
//! `--output-file`, `--exit-non-zero-on-fix`, `memwise version`; and the
//! same findings whatever folder memwise runs from and however the paths
//! are spelled.

use std::path::{Path, PathBuf};

const COMPREHENSION: &str = "total = sum([x for x in range(10)])\n";

use crate::integrations::{Run, memwise, project};

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise", "--quiet"];
    all.extend_from_slice(args);
    memwise(dir, &all, None)
}

/// The `path:row:col: CODE` of each finding, its path made absolute from
/// the folder memwise ran in and resolved through symbolic links.
fn findings(dir: &Path, stdout: &str) -> Vec<String> {
    let mut found: Vec<String> = stdout
        .lines()
        .filter_map(|line| {
            let (path, rest) = line.split_once(':')?;
            let code = rest.split(' ').nth(1)?;
            let position = rest.split(' ').next()?;
            let absolute = std::fs::canonicalize(dir.join(path)).ok()?;
            Some(format!("{}:{position} {code}", absolute.display()))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn force_exclude_applies_excludes_to_named_files() {
    let dir = project(&[
        (
            "memwise.toml",
            "extend-exclude = [\"generated\", \"legacy.py\"]\n",
        ),
        ("generated/deep/a.py", COMPREHENSION),
        ("legacy.py", COMPREHENSION),
        ("dist/b.py", COMPREHENSION),
        ("app.py", COMPREHENSION),
    ]);
    let named = ["generated/deep/a.py", "legacy.py", "dist/b.py", "app.py"];
    // Without the flag, a named file is checked whatever the excludes say.
    let run = concise(dir.path(), &named);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    // With it, a file excluded by name, or inside an excluded folder, is not.
    let mut args = vec!["--force-exclude"];
    args.extend(named);
    let run = concise(dir.path(), &args);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "app.py:1:13: MEM304 [*] list comprehension passed to `sum` is built in full only to be read once\n"
    );
    // The same from another folder, with other spellings of the paths.
    let sub = dir.path().join("generated");
    let run = concise(&sub, &["--force-exclude", "deep/a.py", "../legacy.py"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // A named folder that is excluded is skipped as a whole.
    let run = concise(dir.path(), &["--force-exclude", "generated"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    // The setting does what the flag does; `--no-force-exclude` undoes it.
    std::fs::write(
        dir.path().join("memwise.toml"),
        "force-exclude = true\nextend-exclude = [\"legacy.py\"]\n",
    )
    .expect("write");
    let run = concise(dir.path(), &["legacy.py"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    let run = concise(dir.path(), &["legacy.py", "--no-force-exclude"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    // With stdin, an excluded `--stdin-filename` is not checked either.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--stdin-filename",
            "legacy.py",
            "--output-format",
            "concise",
        ],
        Some(COMPREHENSION),
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn default_excludes_are_ruffs_and_match_names_at_any_depth() {
    let dir = project(&[
        ("pkg/operations/build/steps.py", COMPREHENSION),
        ("pkg/vendor/dist/copy.py", COMPREHENSION),
        ("docs/_build/conf.py", COMPREHENSION),
        ("pkg/.eggs/x.py", COMPREHENSION),
        ("pkg/__pypackages__/y.py", COMPREHENSION),
        ("stubs/api.pyi", COMPREHENSION),
    ]);
    let run = memwise(dir.path(), &["check", "--show-files"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A package's `build/` folder is source (ruff does not exclude it);
    // `dist` and `_build` are skipped at any depth; stubs are walked.
    assert_eq!(run.stdout, "pkg/operations/build/steps.py\nstubs/api.pyi\n");
}

#[test]
fn dash_reads_stdin() {
    let dir = project(&[]);
    let run = memwise(
        dir.path(),
        &["check", "-", "--output-format", "concise"],
        Some(COMPREHENSION),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("-:1:13: MEM304 "), "{}", run.stdout);
    let run = memwise(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "pkg/app.py",
            "--output-format",
            "concise",
        ],
        Some(COMPREHENSION),
    );
    assert!(
        run.stdout.starts_with("pkg/app.py:1:13: MEM304 "),
        "{}",
        run.stdout
    );
}

#[test]
fn excludes_and_per_file_ignores_on_the_command_line() {
    let dir = project(&[
        (
            "pyproject.toml",
            "[tool.memwise]\nextend-exclude = [\"skipped\"]\n[tool.memwise.per-file-ignores]\n\"scripts/*.py\" = [\"MEM304\"]\n",
        ),
        ("skipped/a.py", COMPREHENSION),
        ("scripts/t.py", COMPREHENSION),
        ("app/m.py", COMPREHENSION),
    ]);
    let shown = |run: &Run| {
        run.stdout
            .lines()
            .map(|l| l.split(':').next().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&concise(dir.path(), &[])), ["app/m.py"]);
    assert_eq!(
        shown(&concise(dir.path(), &["--extend-exclude", "app"])),
        Vec::<String>::new()
    );
    // `--exclude` replaces the file's `exclude` (its `extend-exclude` stays).
    assert_eq!(
        shown(&concise(dir.path(), &["--exclude", "scripts"])),
        ["app/m.py"]
    );
    // `--per-file-ignores` replaces the file's table, `--extend-...` adds.
    assert_eq!(
        shown(&concise(
            dir.path(),
            &["--per-file-ignores", "app/*:MEM304"]
        )),
        ["scripts/t.py"]
    );
    assert_eq!(
        shown(&concise(
            dir.path(),
            &["--extend-per-file-ignores", "app/*.py:MEM3"]
        )),
        Vec::<String>::new()
    );
    let run = concise(dir.path(), &["--per-file-ignores", "app"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("GLOB:CODE"), "{}", run.stderr);
    // `--isolated` reads no configuration: defaults only.
    assert_eq!(
        shown(&concise(dir.path(), &["--isolated"])),
        ["app/m.py", "scripts/t.py", "skipped/a.py"]
    );
}

#[test]
fn output_file_version_and_exit_non_zero_on_fix() {
    let dir = project(&[("a.py", COMPREHENSION)]);
    let run = concise(dir.path(), &["-o", "out.txt"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    let written = std::fs::read_to_string(dir.path().join("out.txt")).expect("written");
    assert!(written.starts_with("a.py:1:13: MEM304 "), "{written}");

    let run = memwise(dir.path(), &["version"], None);
    assert_eq!(
        run.stdout,
        format!("memwise {}\n", env!("CARGO_PKG_VERSION"))
    );

    // Every finding is fixed: 0, unless asked to fail on a fix.
    let run = concise(dir.path(), &["--fix", "--exit-non-zero-on-fix"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    let run = concise(dir.path(), &["--fix", "--exit-non-zero-on-fix"]);
    assert_eq!(run.code, 0, "nothing left to fix");
}

/// A project with a configuration at its root, per-file-ignores, an
/// exclude, and a whole-project finding across modules.
fn cwd_project() -> tempfile::TempDir {
    project(&[
        (
            "proj/pyproject.toml",
            "[tool.memwise]\nextend-exclude = [\"pkg/generated\"]\nproject-root = \".\"\n[tool.memwise.per-file-ignores]\n\"tests/*.py\" = [\"MEM304\"]\n",
        ),
        ("proj/pkg/__init__.py", ""),
        (
            "proj/pkg/model.py",
            "class Point:\n    def __init__(self, x):\n        self.x = x\n",
        ),
        (
            "proj/pkg/use.py",
            "from pkg.model import Point\n\npoints = [Point(i) for i in range(100_000)]\n",
        ),
        ("proj/pkg/generated/g.py", COMPREHENSION),
        ("proj/tests/test_a.py", COMPREHENSION),
        ("proj/app.py", COMPREHENSION),
    ])
}

#[test]
fn findings_do_not_depend_on_the_working_folder() {
    let dir = cwd_project();
    let root = dir.path().join("proj");
    let from_root = concise(&root, &["."]);
    let expected = findings(&root, &from_root.stdout);
    assert!(
        expected.iter().any(|f| f.ends_with("MEM401")),
        "the project finds MEM401: {expected:?}"
    );
    assert!(
        !expected
            .iter()
            .any(|f| f.contains("tests") || f.contains("generated")),
        "{expected:?}"
    );
    let absolute = root.display().to_string();
    let runs: Vec<(PathBuf, Vec<&str>)> = vec![
        (root.clone(), vec![]),
        (root.clone(), vec!["./"]),
        (root.clone(), vec![absolute.as_str()]),
        (dir.path().to_path_buf(), vec!["proj"]),
        (dir.path().to_path_buf(), vec!["proj/"]),
        (root.join("pkg"), vec![".."]),
        (root.join("tests"), vec![".."]),
        (std::env::temp_dir(), vec![absolute.as_str()]),
    ];
    for (cwd, args) in runs {
        let run = concise(&cwd, &args);
        assert_eq!(
            findings(&cwd, &run.stdout),
            expected,
            "from {} with {args:?}: {}",
            cwd.display(),
            run.stderr
        );
    }
    // Checking a subfolder reports only its files, with the root's
    // configuration: per-file-ignores still apply from inside `tests`,
    // and the whole project is still indexed from inside `pkg`.
    let run = concise(&root.join("tests"), &["."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = concise(&root.join("pkg"), &["."]);
    let from_pkg = findings(&root.join("pkg"), &run.stdout);
    let expected_pkg: Vec<String> = expected
        .iter()
        .filter(|f| f.contains("/pkg/"))
        .cloned()
        .collect();
    assert_eq!(from_pkg, expected_pkg, "{}", run.stderr);
    // Test code is test code from inside its folder too: MEM201 is silent
    // in `tests/`, whether the run starts at the root or in `tests/`.
    let leaky = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n        return key\n";
    std::fs::write(root.join("tests/helpers.py"), leaky).expect("write");
    let run = concise(&root, &["tests"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = concise(&root.join("tests"), &["."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = concise(&root.join("pkg"), &["../tests/helpers.py"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    std::fs::remove_file(root.join("tests/helpers.py")).expect("remove");
    // A single named file, from anywhere, gets the same per-file-ignores.
    let run = concise(dir.path(), &["proj/tests/test_a.py"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn fixable_findings_are_marked_and_counted() {
    // MEM304 has a safe fix; MEM202 (opt-in, selected here) an unsafe one;
    // MEM201 none.
    let dir = project(&[
        ("comp.py", COMPREHENSION),
        (
            "cache.py",
            "import functools\n\n\n@functools.lru_cache(maxsize=None)\ndef load(key):\n    return key\n",
        ),
    ]);
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--extend-select",
            "MEM202",
            "--output-format",
            "concise",
        ],
        None,
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("comp.py:1:13: MEM304 [*] list comprehension"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(": MEM202 `load`"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("[*] 1 fixable with `--fix` (1 more with `--unsafe-fixes`).\n"),
        "{}",
        run.stderr
    );
    // The `full` format marks them too, after the code as ruff does; a
    // finding with only an unsafe fix (MEM202 here) is not marked.
    let run = memwise(
        dir.path(),
        &["check", "--extend-select", "MEM202", "--color", "never"],
        None,
    );
    assert!(
        run.stdout
            .contains("warning[MEM304]: [*] list comprehension passed to `sum`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("warning[MEM202]: `load`"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("[*]").count(), 1, "{}", run.stdout);
    let run = memwise(
        dir.path(),
        &["check", "--extend-select", "MEM202", "--unsafe-fixes"],
        None,
    );
    assert!(
        run.stderr
            .contains("[*] 2 fixable with `--fix --unsafe-fixes`.\n"),
        "{}",
        run.stderr
    );
    // `--statistics` honours `--output-format json`, with ruff's fields.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--extend-select",
            "MEM202",
            "--statistics",
            "--output-format",
            "json",
        ],
        None,
    );
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(2), "{rows}");
    assert_eq!(rows[0]["code"], "MEM202");
    assert_eq!(rows[0]["name"], "unbounded-cache");
    assert_eq!(rows[0]["count"], 1);
    assert_eq!(rows[0]["fixable"], true);
    assert_eq!(rows[0]["fixable_count"], 1);
}

#[test]
fn notebook_fix_messages_tell_the_truth() {
    let nb = serde_json::json!({
        "cells": [{"cell_type": "code", "source": ["total = sum([x for x in range(3)])\n"], "metadata": {}}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    })
    .to_string();
    let dir = project(&[("analysis.ipynb", &nb)]);
    // Notebooks are not fixed: no `[*]`, no advice to run `--fix`.
    let run = memwise(dir.path(), &["check", "--output-format", "concise"], None);
    assert!(!run.stdout.contains("[*]"), "{}", run.stdout);
    assert!(!run.stderr.contains("--fix"), "{}", run.stderr);
    let run = memwise(dir.path(), &["check", "--color", "never"], None);
    assert!(
        run.stdout.contains("warning[MEM304]: list"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("[*]"), "{}", run.stdout);
    let run = memwise(dir.path(), &["check", "--fix"], None);
    assert!(
        run.stderr.contains("notebooks are not fixed"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("can be fixed"), "{}", run.stderr);
    assert!(!run.stderr.contains("fixable"), "{}", run.stderr);
}

#[test]
fn json_has_ruffs_fields() {
    let dir = project(&[("pkg/comp.py", COMPREHENSION)]);
    let run = memwise(
        &dir.path().join("pkg"),
        &["check", "--output-format", "json"],
        None,
    );
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let finding = &value[0];
    let mut keys: Vec<&str> = finding
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cell",
            "code",
            "end_location",
            "filename",
            "fix",
            "help",
            "location",
            "message",
            "name",
            "noqa_row",
            "severity",
            "url"
        ]
    );
    let absolute = std::fs::canonicalize(dir.path().join("pkg/comp.py")).expect("exists");
    assert_eq!(finding["filename"], absolute.display().to_string());
    assert_eq!(finding["noqa_row"], 1);
    assert_eq!(finding["severity"], "warning");
}

fn baseline_entries(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("a baseline");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["filename"].as_str().unwrap_or_default().to_owned(),
                f["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_baseline_used_on_a_subset_judges_only_that_subset() {
    let dir = project(&[
        ("a.py", COMPREHENSION),
        ("b.py", COMPREHENSION),
        ("c.py", COMPREHENSION),
    ]);
    let run = memwise(
        dir.path(),
        &["check", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(baseline_entries(&dir.path().join("base.json")).len(), 3);

    // Checking one file (as pre-commit does) calls no other entry stale.
    let run = memwise(
        dir.path(),
        &["check", "--baseline", "base.json", "a.py"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("stale"), "{}", run.stderr);
    // A checked file's own vanished finding is stale.
    std::fs::write(dir.path().join("a.py"), "total = 1\n").expect("write");
    let run = memwise(
        dir.path(),
        &["check", "--baseline", "base.json", "a.py"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 baseline entry"), "{}", run.stderr);
    assert!(run.stderr.contains("stale: a.py: MEM304"), "{}", run.stderr);

    // Rewriting on a subset rewrites only its files' entries.
    std::fs::write(
        dir.path().join("c.py"),
        format!("{COMPREHENSION}{COMPREHENSION}"),
    )
    .expect("write");
    let run = memwise(
        dir.path(),
        &["check", "--write-baseline", "base.json", "a.py", "c.py"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        baseline_entries(&dir.path().join("base.json")),
        [
            ("b.py".to_owned(), "MEM304".to_owned()),
            ("c.py".to_owned(), "MEM304".to_owned()),
            ("c.py".to_owned(), "MEM304".to_owned()),
        ]
    );
    // A file that is not a baseline is not overwritten.
    std::fs::write(dir.path().join("notes.json"), "{}").expect("write");
    let run = memwise(
        dir.path(),
        &["check", "--write-baseline", "notes.json"],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.json")).expect("kept"),
        "{}"
    );
}

#[cfg(unix)]
#[test]
fn a_baseline_matches_through_a_symbolic_link() {
    let dir = project(&[("real/a.py", COMPREHENSION)]);
    let real = dir.path().join("real");
    let run = memwise(&real, &["check", "--write-baseline", "base.json"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::os::unix::fs::symlink(&real, dir.path().join("link")).expect("a symlink");
    let link = dir.path().join("link");
    let cases: [(&Path, Vec<String>); 3] = [
        (
            dir.path(),
            vec!["link".into(), "--baseline".into(), "real/base.json".into()],
        ),
        (
            dir.path(),
            vec!["real".into(), "--baseline".into(), "link/base.json".into()],
        ),
        (
            dir.path(),
            vec![
                link.join("a.py").display().to_string(),
                "--baseline".into(),
                real.join("base.json").display().to_string(),
            ],
        ),
    ];
    for (cwd, args) in cases {
        let mut all = vec!["check".to_owned()];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let run = memwise(cwd, &all, None);
        assert_eq!(run.code, 0, "{all:?}: {}{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("stale"), "{all:?}: {}", run.stderr);
    }
}

#[test]
fn stdin_indexes_the_project_root() {
    let dir = cwd_project();
    let root = dir.path().join("proj");
    let model = std::fs::read_to_string(root.join("pkg/model.py")).expect("read");
    // The buffer of the class's module: its instances are made in a loop in
    // another module, which only the project root shows.
    let run = memwise(
        &root,
        &[
            "check",
            "--stdin-filename",
            "pkg/model.py",
            "--output-format",
            "concise",
        ],
        Some(&model),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("pkg/model.py:1:7: MEM401 "),
        "{}",
        run.stdout
    );
    // The buffer, not the file on disk, is what is checked: with `__slots__`
    // in the buffer nothing is found, whatever the disk says.
    let slotted = model.replace(
        "class Point:\n",
        "class Point:\n    __slots__ = (\"x\", \"__weakref__\")\n\n",
    );
    let run = memwise(
        &root,
        &[
            "check",
            "--stdin-filename",
            "pkg/model.py",
            "--output-format",
            "concise",
        ],
        Some(&slotted),
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // `--project-root` on the command line does the same from elsewhere.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--project-root",
            "proj",
            "--stdin-filename",
            "proj/pkg/model.py",
            "--output-format",
            "concise",
        ],
        Some(&model),
    );
    assert!(
        run.stdout.contains("MEM401"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn rule_by_name_and_all_rules() {
    let dir = project(&[]);
    let by_code = memwise(dir.path(), &["rule", "mem201"], None);
    let by_name = memwise(dir.path(), &["rule", "cached-instance-method"], None);
    assert_eq!(by_code.code, 0);
    assert_eq!(by_code.stdout, by_name.stdout);
    assert!(
        by_name
            .stdout
            .starts_with("# cached-instance-method (MEM201)"),
        "{}",
        by_name.stdout
    );
    let all = memwise(dir.path(), &["rule", "--all"], None);
    assert!(
        all.stdout.contains(&by_code.stdout),
        "--all holds every page"
    );
    assert!(all.stdout.contains("(MEM503)"), "{}", all.stdout);
    let unknown = memwise(dir.path(), &["rule", "no-such-rule"], None);
    assert_eq!(unknown.code, 2);
}

#[test]
fn fix_only_and_show_fixes() {
    let leaky = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n        return key\n";
    let dir = project(&[("a.py", COMPREHENSION), ("leaky.py", leaky)]);
    // The fix is applied; the finding without a fix is neither shown nor
    // failed on.
    let run = memwise(dir.path(), &["check", "--fix-only", "--show-fixes"], None);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.py")).expect("read"),
        "total = sum(x for x in range(10))\n"
    );
    assert!(
        run.stderr.contains("Fixed 1 problem in 1 file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("- a.py:\n    1 × MEM304 (list-comprehension-in-call)\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Found"), "{}", run.stderr);
    // Without --fix-only the remaining finding is reported as usual.
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--output-format", "concise"],
        None,
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("leaky.py:5:6: MEM201"),
        "{}",
        run.stdout
    );
}

#[test]
fn add_noqa_adopts_a_legacy_file_in_one_step() {
    let leaky = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)  # cache it\n    def lookup(self, key):\n        return key\n";
    let dir = project(&[
        (
            "a.py",
            "total = sum([x for x in range(10)]) + max([y for y in range(3)])\n",
        ),
        ("leaky.py", leaky),
        ("clean.py", "x = 1\n"),
    ]);
    let run = memwise(dir.path(), &["check", "--add-noqa"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("added 2 noqa comments in 2 files"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.py")).expect("read"),
        "total = sum([x for x in range(10)]) + max([y for y in range(3)])  # noqa: MEM304\n"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("leaky.py"))
            .expect("read")
            .contains("@functools.lru_cache(maxsize=None)  # cache it  # noqa: MEM201\n")
    );
    // Nothing is left to report.
    let run = concise(dir.path(), &[]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn noqa_codes_that_are_unknown_or_suppress_nothing_are_warned_about() {
    let source = "\
# memwise: noqa: MEM104, F401
import functools
a = sum([x for x in range(3)])  # noqa: MEM304
b = sum([x for x in range(3)])  # noqa: MEM103, E501
c = 1  # noqa: MEM999
d = 2  # noqa: E501
e = 3  # noqa
f = 4  # noqa: MEM302
g = 5  # noqa: MEM401
";
    let dir = project(&[
        ("app.py", source),
        ("tests/test_app.py", "h = 1  # noqa: MEM103\n"),
        ("clean.py", "i = 1  # noqa: MEM304, mem999\n"),
    ]);
    let run = memwise(dir.path(), &["check", "--output-format", "concise"], None);
    // The finding on line 4 decides the exit code; the warnings do not.
    assert_eq!(run.code, 1, "{}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    // Not warned about: codes of other tools on a line (`E501`), a bare
    // `# noqa`, a code that did suppress (line 3), an opt-in rule that is
    // not selected (MEM302), a whole-project rule (MEM401: what it finds
    // depends on the files a run sees), a rule silent in test code.
    assert_eq!(
        warnings,
        [
            "warning: app.py:1: noqa code MEM104 suppresses nothing: no MEM104 finding in this file",
            "warning: app.py:1: noqa code F401 is not a memwise rule (`memwise rules` lists them)",
            "warning: app.py:4: noqa code MEM103 suppresses nothing: no MEM103 finding starts on this line",
            "warning: app.py:5: noqa code MEM999 is not a memwise rule (`memwise rules` lists them)",
            "warning: clean.py:1: noqa code MEM304 suppresses nothing: no MEM304 finding starts on this line",
            "warning: clean.py:1: noqa code MEM999 is not a memwise rule (`memwise rules` lists them)",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("set `warn-unused-noqa = false`"),
        "{}",
        run.stderr
    );
    // A clean file with a stale code still exits 0.
    let run = memwise(dir.path(), &["check", "clean.py"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("clean.py:1: noqa code MEM304"),
        "{}",
        run.stderr
    );
    // Selecting MEM302 makes its code judged; ignoring MEM201 for a file
    // leaves its code alone.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "app.py",
            "--extend-select",
            "MEM302",
            "--per-file-ignores",
            "app.py:MEM201",
        ],
        None,
    );
    assert!(
        run.stderr.contains("app.py:8: noqa code MEM302"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("MEM201"), "{}", run.stderr);
    // stdin is judged as the file it stands for; `--quiet` says nothing.
    let run = memwise(
        dir.path(),
        &["check", "--stdin-filename", "clean.py"],
        Some("i = 1  # noqa: MEM999\n"),
    );
    assert!(
        run.stderr.contains("warning: clean.py:1: noqa code MEM999"),
        "{}",
        run.stderr
    );
    let run = memwise(dir.path(), &["check", "--quiet"], None);
    assert!(!run.stderr.contains("noqa"), "{}", run.stderr);
    // A run that fixes moves lines under the comments: it does not judge them.
    let run = memwise(dir.path(), &["check", "--fix", "clean.py"], None);
    assert!(!run.stderr.contains("noqa"), "{}", run.stderr);

    // The setting turns the warning off.
    std::fs::write(
        dir.path().join("memwise.toml"),
        "warn-unused-noqa = false\n",
    )
    .expect("write");
    let run = memwise(dir.path(), &["check"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("noqa"), "{}", run.stderr);
    let run = memwise(dir.path(), &["check", "--show-settings", "app.py"], None);
    assert!(
        run.stdout.contains("\nwarn-unused-noqa: false\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn unused_noqa_warnings_in_a_notebook_name_the_cell() {
    let nb = serde_json::json!({
        "cells": [
            {"cell_type": "code", "source": ["a = 1\n"], "metadata": {}},
            {"cell_type": "code", "source": ["b = 2\n", "c = 3  # noqa: MEM304\n"], "metadata": {}}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    })
    .to_string();
    let dir = project(&[("analysis.ipynb", &nb)]);
    let run = memwise(dir.path(), &["check"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: analysis.ipynb:cell 2:2: noqa code MEM304 suppresses nothing"),
        "{}",
        run.stderr
    );
}
