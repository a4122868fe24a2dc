//! Where users run memwise: editors (stdin), CI formats (SARIF, GitHub,
//! JUnit, GitLab), baselines, notebooks, and the debugging switches.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

const LEAKY: &str = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n        return key\n";
const COMPREHENSION: &str = "total = sum([x for x in range(10)])\n";

/// What one memwise process printed and how it exited.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs the memwise binary in `dir`, with `stdin` as its input if given.
pub(crate) fn memwise(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memwise"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("memwise runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes())
            .expect("stdin accepts the source");
    }
    let output = child.wait_with_output().expect("memwise finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A temporary folder holding `files` (path, content).
pub(crate) fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, content) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }
    dir
}

#[test]
fn stdin_is_checked_as_the_named_file() {
    let dir = project(&[(
        "memwise.toml",
        "[per-file-ignores]\n\"legacy/*.py\" = [\"MEM304\"]\n",
    )]);
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "src/app.py",
        ],
        Some(COMPREHENSION),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "src/app.py:1:13: MEM304 [*] list comprehension passed to `sum` is built in full only to be read once\n"
    );
    // The named file's per-file-ignores apply, though no such file exists.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "legacy/old.py",
        ],
        Some(COMPREHENSION),
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // Syntax errors from stdin are findings too.
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "x.py",
        ],
        Some("def f(:\n"),
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("x.py:1:7: MEM000"), "{}", run.stdout);
}

#[test]
fn github_annotations() {
    let dir = project(&[("pkg/leaky.py", LEAKY), ("broken.py", "x = = 1\n")]);
    let run = memwise(dir.path(), &["check", "--output-format", "github"], None);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        vec![
            "::error file=broken.py,line=1,col=5,endLine=1,endColumn=6,title=MEM000::expected an expression",
            "::warning file=pkg/leaky.py,line=5,col=6,endLine=5,endColumn=39,title=MEM201::`lookup` is cached with `functools.lru_cache`, which keeps every `Service` alive",
        ]
    );
}

#[test]
fn junit_xml_parses() {
    let dir = project(&[("a.py", COMPREHENSION), ("b.py", LEAKY)]);
    let run = memwise(dir.path(), &["check", "--output-format", "junit"], None);
    assert_eq!(run.code, 1);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("failures"), Some("2"));
    let suites: Vec<_> = root
        .children()
        .filter(roxmltree::Node::is_element)
        .collect();
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[0].attribute("name"), Some("a.py"));
    let failure = suites[1]
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert_eq!(failure.attribute("type"), Some("MEM201"));
    assert!(
        failure
            .attribute("message")
            .is_some_and(|m| m.contains("`Service`"))
    );
}

#[test]
fn gitlab_code_quality_parses() {
    let dir = project(&[("a.py", COMPREHENSION), ("b.py", COMPREHENSION)]);
    let run = memwise(dir.path(), &["check", "--output-format", "gitlab"], None);
    let value: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for item in items {
        assert_eq!(item["check_name"], "MEM304");
        assert_eq!(item["severity"], "major");
        assert_eq!(item["location"]["lines"]["begin"], 1);
        assert!(
            item["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("MEM304: "))
        );
    }
    // Same code, same text, different files: the fingerprints still differ.
    assert_ne!(items[0]["fingerprint"], items[1]["fingerprint"]);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sarif-schema-2.1.0.json");
    let dir = project(&[
        ("a.py", COMPREHENSION),
        ("pkg/b.py", LEAKY),
        ("c.py", "x = = 1\n"),
    ]);
    let run = memwise(dir.path(), &["check", "--output-format", "sarif"], None);
    assert_eq!(run.code, 1);
    let log: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "memwise");
    let rules = driver["rules"].as_array().expect("rules metadata");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "MEM201" && r["helpUri"].as_str().is_some())
    );
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let leaky = results
        .iter()
        .find(|r| r["ruleId"] == "MEM201")
        .expect("MEM201");
    assert_eq!(
        leaky["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "pkg/b.py"
    );
    assert_eq!(
        leaky["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(
        rules[usize::try_from(leaky["ruleIndex"].as_u64().expect("index")).expect("small")]["id"],
        "MEM201"
    );

    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        not_run!(
            "SARIF schema validation: {} is absent (it ships in shared/ beside the repository)",
            schema_path.display()
        );
        return;
    };
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF output violates the schema: {errors:#?}"
    );
    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(
        !validator.is_valid(&broken),
        "the schema check accepted an invalid level"
    );
}

#[test]
fn baseline_survives_shifted_lines_and_reports_new_and_stale() {
    let dir = project(&[("a.py", COMPREHENSION), ("pkg/b.py", LEAKY)]);
    let run = memwise(
        dir.path(),
        &["check", "--write-baseline", "memwise-baseline.json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote 2 finding(s)"), "{}", run.stderr);
    let baseline: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("memwise-baseline.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(baseline["findings"].as_array().map(Vec::len), Some(2));

    let check = |args: &[&str]| {
        let mut all = vec![
            "check",
            "--output-format",
            "concise",
            "--baseline",
            "memwise-baseline.json",
        ];
        all.extend_from_slice(args);
        memwise(dir.path(), &all, None)
    };
    let run = check(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");

    // Unrelated edits move the known findings: still known.
    std::fs::write(
        dir.path().join("pkg/b.py"),
        format!(
            "\"\"\"Docs.\"\"\"\n\nimport os\n\n\n{}",
            LEAKY.replace("import functools\n", "import functools\nimport sys\n")
        ),
    )
    .expect("edit");
    std::fs::write(
        dir.path().join("a.py"),
        format!("# header\n\n{COMPREHENSION}"),
    )
    .expect("edit");
    let run = check(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // A new finding is reported; a fixed one is stale.
    std::fs::write(
        dir.path().join("a.py"),
        "# header\n\ntotal = sum(x for x in range(10))\nother = max([y for y in range(3)])\n",
    )
    .expect("edit");
    let run = check(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "a.py:4:13: MEM304 [*] list comprehension passed to `max` is built in full only to be read once\n"
    );
    assert!(run.stderr.contains("1 baseline entry"), "{}", run.stderr);
    assert!(run.stderr.contains("stale: a.py: MEM304"), "{}", run.stderr);

    // A baseline that is not one is an error.
    std::fs::write(dir.path().join("bad.json"), "{}").expect("write");
    let run = memwise(dir.path(), &["check", "--baseline", "bad.json"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("bad.json: not a memwise baseline"),
        "{}",
        run.stderr
    );
}

fn notebook(cells: &[(&str, &str)]) -> String {
    let cells: Vec<Value> = cells
        .iter()
        .map(|(kind, source)| {
            let lines: Vec<String> = source.split_inclusive('\n').map(str::to_owned).collect();
            serde_json::json!({"cell_type": kind, "source": lines, "metadata": {}})
        })
        .collect();
    serde_json::json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
        .to_string()
}

#[test]
fn notebooks_report_cells() {
    let nb = notebook(&[
        ("markdown", "# Analysis\n"),
        (
            "code",
            "import numpy as np\n%matplotlib inline\n!pip install x\n",
        ),
        (
            "code",
            "data = [1, 2]\ntotal = sum([x for x in data])\nok = sum([x for x in data])  # noqa: MEM304\n",
        ),
    ]);
    let dir = project(&[("analysis.ipynb", &nb), ("broken.ipynb", "{\"cells\": [")]);
    let run = memwise(dir.path(), &["check", "--output-format", "concise"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "analysis.ipynb:cell 3:2:13: MEM304 list comprehension passed to `sum` is built in full only to be read once\n"
    );
    assert!(
        run.stderr
            .contains("error: broken.ipynb: not a valid notebook"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1
    );

    let run = memwise(
        dir.path(),
        &["check", "--output-format", "json", "analysis.ipynb"],
        None,
    );
    let value: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value[0]["cell"], 3);
    assert_eq!(value[0]["location"]["row"], 2);
    let expected = std::fs::canonicalize(dir.path().join("analysis.ipynb")).expect("exists");
    assert_eq!(value[0]["filename"], expected.display().to_string());

    let run = memwise(
        dir.path(),
        &["check", "--color", "never", "analysis.ipynb"],
        None,
    );
    assert!(
        run.stdout.contains("┌─ analysis.ipynb:cell 3:2:13"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("total = sum([x for x in data])"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_files_and_settings() {
    let dir = project(&[
        (
            "pyproject.toml",
            "[project]\nrequires-python = \">=3.11\"\n[tool.memwise]\nignore = [\"MEM202\"]\n",
        ),
        ("pkg/a.py", ""),
        ("pkg/nb.ipynb", "{}"),
        ("dist/b.py", ""),
        ("notes.txt", ""),
    ]);
    let run = memwise(dir.path(), &["check", "--show-files"], None);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "pkg/a.py\npkg/nb.ipynb\n");
    let run = memwise(dir.path(), &["check", "--show-settings", "pkg/a.py"], None);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("config file: pyproject.toml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("target-version: py311"),
        "{}",
        run.stdout
    );
    let rules = run
        .stdout
        .lines()
        .find(|l| l.starts_with("rules: "))
        .expect("a rules line");
    assert!(
        rules.contains("MEM201") && rules.contains("MEM304"),
        "{rules}"
    );
    assert!(
        !rules.contains("MEM202"),
        "ignored in pyproject.toml: {rules}"
    );
}

fn memwise_bytes(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memwise"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("memwise runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts the source");
    let output = child.wait_with_output().expect("memwise finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn stdin_is_decoded_like_a_file() {
    let dir = project(&[]);
    let check = [
        "check",
        "--output-format",
        "concise",
        "--stdin-filename",
        "in.py",
    ];
    let latin1: &[u8] = b"# -*- coding: latin-1 -*-\nx = '\xe9'; y = sum([a for a in 'ab'])\n";
    let run = memwise_bytes(dir.path(), &check, latin1);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("in.py:2:18: MEM304"),
        "{}",
        run.stdout
    );

    let run = memwise_bytes(dir.path(), &check, b"x = '\xe9'\n");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: in.py: not valid UTF-8 (first invalid byte on line 1)"),
        "{}",
        run.stderr
    );

    // The fixed source would go out as UTF-8 under a latin-1 cookie: refused.
    let mut fix = check.to_vec();
    fix.push("--fix");
    let run = memwise_bytes(dir.path(), &fix, latin1);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("fixing source from stdin needs UTF-8"),
        "{}",
        run.stderr
    );
}
