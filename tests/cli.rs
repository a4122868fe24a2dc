//! The `memwise` binary run as a process in a temporary folder: exit codes,
//! output formats, configuration discovery, noqa, excludes, bad input.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Project {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

const LEAKY: &str = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n        return key\n";
const CLEAN: &str = "def add(a, b):\n    return a + b\n";
const COMPREHENSION: &str = "total = sum([x for x in range(10)])\n";

impl Project {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn write(&self, path: &str, content: impl AsRef<[u8]>) -> &Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(full, content).expect("write");
        self
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }

    fn run_in(&self, sub: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_memwise"))
            .args(args)
            .current_dir(self.dir.path().join(sub))
            .env_remove("NO_COLOR")
            .output()
            .expect("memwise runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn concise(project: &Project, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    project.run(&all)
}

#[test]
fn exit_codes() {
    let p = Project::new();
    p.write("clean.py", CLEAN);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("All checks passed"), "{}", run.stderr);

    p.write("leaky.py", LEAKY);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "leaky.py:5:6: MEM201 `lookup` is cached with `functools.lru_cache`, which keeps every `Service` alive\n\
         leaky.py:5:6: MEM202 `lookup` is cached with `functools.lru_cache(maxsize=None)`, which never evicts: every distinct argument stays in memory\n"
            .replace("leaky.py:5:6: MEM202 `lookup` is cached with `functools.lru_cache(maxsize=None)`, which never evicts: every distinct argument stays in memory\n", "")
    );
    assert_eq!(concise(&p, &["--exit-zero"]).code, 0);

    // A missing path is an error (2), but the other paths are still checked.
    let run = concise(&p, &["leaky.py", "missing.py"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("MEM201"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("error: missing.py: No such file or directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn quiet_and_statistics() {
    let p = Project::new();
    p.write("a.py", COMPREHENSION)
        .write("b.py", COMPREHENSION)
        .write("c.py", LEAKY);
    let run = concise(&p, &["--quiet"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let run = p.run(&["check", "--statistics"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "    2\tMEM304\tlist-comprehension-in-call\n    1\tMEM201\tcached-instance-method\n"
    );
}

#[test]
fn full_output_has_source_labels_and_help() {
    let p = Project::new();
    p.write("leaky.py", LEAKY);
    let run = p.run(&["check", "--color", "never"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("warning[MEM201]: `lookup` is cached with `functools.lru_cache`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("┌─ leaky.py:5:6"), "{}", run.stdout);
    assert!(
        run.stdout.contains("@functools.lru_cache(maxsize=None)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("= help: `lookup` never uses `self`: make it a `@staticmethod`"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'), "a pipe gets no colour");

    let run = p.run(&["check", "--color", "always"]);
    assert!(run.stdout.contains('\u{1b}'), "--color always colours");
    let run = p.run(&["check"]);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "auto does not colour a pipe"
    );
}

#[test]
fn json_fields() {
    let p = Project::new();
    p.write("leaky.py", LEAKY)
        .write("comp.py", "x = 'é'; total = sum([x for x in 'ab'])\n");
    let run = p.run(&["check", "--output-format", "json"]);
    assert_eq!(run.code, 1);
    let value: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    // Sorted by path: comp.py first.
    let first = &items[0];
    assert_eq!(first["code"], "MEM304");
    assert_eq!(first["name"], "list-comprehension-in-call");
    // Absolute, as ruff writes it.
    let expected = std::fs::canonicalize(p.path().join("comp.py")).expect("exists");
    assert_eq!(first["filename"], expected.display().to_string());
    assert_eq!(first["noqa_row"], 1);
    assert_eq!(first["severity"], "warning");
    // Columns count characters: `é` is one column though two bytes.
    assert_eq!(first["location"]["row"], 1);
    assert_eq!(first["location"]["column"], 22);
    assert_eq!(first["end_location"]["column"], 39);
    // The fix drops the brackets: two deletions, columns in characters.
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["location"]["column"], 22);
    assert_eq!(first["fix"]["edits"][0]["content"], "");
    assert!(
        first["help"]
            .as_str()
            .is_some_and(|h| h.contains("generator"))
    );
    assert!(
        first["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("MEM304.md"))
    );
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("`sum`"))
    );
    let second = &items[1];
    assert_eq!(second["code"], "MEM201");
    assert_eq!(second["location"]["row"], 5);
    assert_eq!(second["location"]["column"], 6);

    let run = p.run(&["check", "--output-format", "json-lines"]);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["code"], "MEM201");

    let clean = Project::new();
    clean.write("clean.py", CLEAN);
    let run = clean.run(&["check", "--output-format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), "[]");
}

#[test]
fn selection_on_the_command_line() {
    let p = Project::new();
    p.write("leaky.py", LEAKY).write("comp.py", COMPREHENSION);
    let run = concise(&p, &["--select", "MEM3"]);
    assert!(
        run.stdout.contains("MEM304") && !run.stdout.contains("MEM201"),
        "{}",
        run.stdout
    );
    let run = concise(&p, &["--ignore", "MEM304"]);
    assert!(
        !run.stdout.contains("MEM304") && run.stdout.contains("MEM201"),
        "{}",
        run.stdout
    );
    let run = concise(&p, &["--select", "MEM201", "--extend-select", "MEM304"]);
    assert!(
        run.stdout.contains("MEM304") && run.stdout.contains("MEM201"),
        "{}",
        run.stdout
    );
    let run = concise(&p, &["--select", "ALL", "--ignore", "MEM2"]);
    assert!(
        run.stdout.contains("MEM304") && !run.stdout.contains("MEM201"),
        "{}",
        run.stdout
    );

    let run = concise(&p, &["--select", "MEM999"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule selector `MEM999`"),
        "{}",
        run.stderr
    );
    let run = concise(&p, &["--target-version", "py27"]);
    assert_eq!(run.code, 2);
}

#[test]
fn configuration_is_found_from_nested_folders() {
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.memwise]\nignore = [\"MEM304\"]\n",
    )
    .write("pkg/sub/comp.py", COMPREHENSION)
    .write("pkg/sub/leaky.py", LEAKY)
    .write("other/memwise.toml", "select = [\"MEM304\"]\n")
    .write("other/comp.py", COMPREHENSION)
    .write("other/leaky.py", LEAKY);
    // From the root: the root config for pkg/, the nearer one for other/.
    let run = concise(&p, &[]);
    assert_eq!(
        run.stdout,
        "other/comp.py:1:13: MEM304 [*] list comprehension passed to `sum` is built in full only to be read once\n\
         pkg/sub/leaky.py:5:6: MEM201 `lookup` is cached with `functools.lru_cache`, which keeps every `Service` alive\n"
    );
    // From a nested folder, the config above it still applies.
    let run = p.run_in("pkg/sub", &["check", "--output-format", "concise", "."]);
    assert!(
        run.stdout.contains("MEM201") && !run.stdout.contains("MEM304"),
        "{}",
        run.stdout
    );
    // --config overrides discovery.
    p.write("strict.toml", "select = [\"ALL\"]\n");
    let run = concise(&p, &["--config", "strict.toml", "pkg"]);
    assert!(
        run.stdout.contains("MEM201") && run.stdout.contains("MEM304"),
        "{}",
        run.stdout
    );
}

#[test]
fn configuration_errors_name_the_file_and_key() {
    let p = Project::new();
    p.write("pyproject.toml", "[tool.memwise]\nselectt = [\"MEM2\"]\n")
        .write("a.py", CLEAN);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pyproject.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `selectt`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);

    let p = Project::new();
    p.write("memwise.toml", "ignore = [\"MEM7\"]\n")
        .write("a.py", CLEAN);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("memwise.toml") && run.stderr.contains("`MEM7`"),
        "{}",
        run.stderr
    );

    let p = Project::new();
    p.write("memwise.toml", "target-version = \"py99\"\n")
        .write("a.py", CLEAN);
    assert_eq!(concise(&p, &[]).code, 2);

    let p = Project::new();
    p.write("memwise.toml", "extend-exclude = [\"gen/[a-\"]\n")
        .write("a.py", CLEAN);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("memwise.toml")
            && run.stderr.contains("`exclude`: invalid glob `gen/[a-`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
}

#[test]
fn per_file_ignores() {
    let p = Project::new();
    p.write(
        "memwise.toml",
        "[per-file-ignores]\n\"legacy/*.py\" = [\"MEM2\"]\n\"scripts/run.py\" = [\"MEM304\"]\n",
    )
    .write("legacy/old.py", LEAKY)
    .write("new/fresh.py", LEAKY)
    .write("scripts/run.py", COMPREHENSION);
    let run = concise(&p, &[]);
    assert!(run.stdout.contains("new/fresh.py"), "{}", run.stdout);
    assert!(!run.stdout.contains("legacy/old.py"), "{}", run.stdout);
    assert!(!run.stdout.contains("scripts/run.py"), "{}", run.stdout);
}

#[test]
fn requires_python_sets_the_target_version() {
    // Nothing in the foundation's rules depends on the version yet; the value
    // must still be read and validated without error.
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[project]\nrequires-python = \">=3.12\"\n[tool.memwise]\n",
    )
    .write("a.py", CLEAN);
    assert_eq!(concise(&p, &[]).code, 0);
}

#[test]
fn noqa_comments() {
    let p = Project::new();
    p.write(
        "a.py",
        "a = sum([x for x in 'ab'])  # noqa: MEM304\n\
         b = sum([x for x in 'ab'])  # noqa\n\
         c = sum([x for x in 'ab'])  # noqa: MEM201\n\
         d = sum([x for x in 'ab'])  # NOQA:MEM201,MEM304\n",
    )
    .write(
        "skipped.py",
        "# memwise: noqa\nx = sum([x for x in 'ab'])\n",
    );
    let run = concise(&p, &[]);
    assert_eq!(
        run.stdout,
        "a.py:3:9: MEM304 [*] list comprehension passed to `sum` is built in full only to be read once\n"
    );
}

#[test]
fn walking_skips_hidden_excluded_and_gitignored() {
    let p = Project::new();
    p.write(".gitignore", "generated/\nskip_me.py\n")
        .write("generated/a.py", COMPREHENSION)
        .write("skip_me.py", COMPREHENSION)
        .write(".hidden/a.py", COMPREHENSION)
        .write(".venv/lib/a.py", COMPREHENSION)
        .write("dist/a.py", COMPREHENSION)
        .write("pkg/__pypackages__/a.py", COMPREHENSION)
        .write("pkg/node_modules/a.py", COMPREHENSION)
        .write("pkg/notes.txt", COMPREHENSION)
        .write("pkg/real.py", COMPREHENSION);
    let run = concise(&p, &[]);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("pkg/real.py:1:13"), "{}", run.stdout);
    // A file named explicitly is checked whatever the ignore rules say.
    let run = concise(&p, &["skip_me.py", "dist/a.py"]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    // respect-gitignore = false checks gitignored files.
    p.write("memwise.toml", "respect-gitignore = false\n");
    let run = concise(&p, &[]);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    // extend-exclude adds patterns; exclude replaces the defaults.
    p.write("memwise.toml", "extend-exclude = [\"pkg\"]\n");
    assert_eq!(concise(&p, &[]).code, 0);
    p.write("memwise.toml", "exclude = []\n");
    let run = concise(&p, &[]);
    assert!(run.stdout.contains("dist/a.py"), "{}", run.stdout);
}

#[test]
fn bad_input_is_reported_and_the_rest_still_checked() {
    let p = Project::new();
    p.write("broken.py", "def f(:\n    pass\n")
        .write("latin1.py", b"x = '\xe9'\n".as_slice())
        .write("leaky.py", LEAKY);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout.contains("broken.py:1:7: MEM000"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("leaky.py:5:6: MEM201"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("error: latin1.py: not valid UTF-8 (first invalid byte on line 1)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn encodings_and_odd_files() {
    let p = Project::new();
    p.write(
        "cookie.py",
        b"# -*- coding: latin-1 -*-\nx = '\xe9'; y = sum([a for a in 'ab'])\n".as_slice(),
    )
    .write("bom.py", "\u{feff}y = sum([a for a in 'ab'])\n")
    .write("cr_only.py", "x = 1\ry = sum([a for a in 'ab'])\r")
    .write("nul.py", "x = 1\0\n");
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("cookie.py:2:18: MEM304"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("bom.py:1:9: MEM304"), "{}", run.stdout);
    // The default format counts columns as the others do: not the BOM,
    // on a short first line nor on a long one shown cut.
    p.write(
        "bom_long.py",
        format!(
            "\u{feff}{}y = sum([a for a in 'ab'])\n",
            "x = 1; ".repeat(60)
        ),
    );
    let full = p.run(&["check", "bom.py", "bom_long.py"]);
    assert!(full.stdout.contains("bom.py:1:9\n"), "{}", full.stdout);
    assert!(
        full.stdout.contains("bom_long.py:1:429\n"),
        "{}",
        full.stdout
    );
    assert!(
        run.stdout.contains("cr_only.py:2:9: MEM304"),
        "{}",
        run.stdout
    );
    // A NUL byte is quoted by the parser; it must not reach the terminal raw.
    assert!(
        run.stdout
            .contains("nul.py:1:6: MEM000 got unexpected token \\0"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\0'));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_explicitly_is_an_error_not_a_hang() {
    let p = Project::new();
    p.write("leaky.py", LEAKY);
    let status = Command::new("mkfifo")
        .arg(p.path().join("pipe.py"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let run = concise(&p, &["pipe.py", "leaky.py"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("error: pipe.py: not a regular file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("leaky.py:5:6: MEM201"),
        "{}",
        run.stdout
    );
    // Walking a folder passes over it quietly, as it does sockets and devices.
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn noqa_does_not_hide_syntax_errors() {
    let p = Project::new();
    p.write("broken.py", "x = = 1  # noqa\ny = = 2  # noqa: MEM000\n")
        .write("skipped.py", "# memwise: noqa\nx = = 1\n");
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "broken.py:1:5: MEM000 expected an expression\nbroken.py:2:5: MEM000 expected an expression\n"
    );
}

#[test]
fn syntax_errors_skip_the_other_rules_of_the_file() {
    let p = Project::new();
    p.write("broken.py", format!("{LEAKY}\nx = = 1\n"));
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "broken.py:9:5: MEM000 expected an expression\n");
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_crash() {
    let depth = 100_000;
    let p = Project::new();
    p.write(
        "deep_parens.py",
        format!("x = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
    )
    .write(
        "deep_calls.py",
        format!("x = {}1{}\n", "f(".repeat(depth), ")".repeat(depth)),
    )
    .write(
        "deep_ops.py",
        format!("x = {}\n", vec!["1"; depth].join(" + ")),
    )
    .write("leaky.py", LEAKY);
    let run = concise(&p, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in ["deep_parens.py", "deep_calls.py", "deep_ops.py"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(file) && l.contains("MEM000") && l.contains("nests deeper")),
            "{file}: {}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("leaky.py:5:6: MEM201"),
        "{}",
        run.stdout
    );
}

#[test]
fn rule_and_rules_commands() {
    let p = Project::new();
    let run = p.run(&["rule", "MEM201"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("# cached-instance-method (MEM201)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("## Why is this bad?"));
    let run = p.run(&["rule", "MEM999"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `MEM999`"),
        "{}",
        run.stderr
    );

    let run = p.run(&["rules"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().any(|l| l.starts_with("MEM304")
        && l.contains("list-comprehension-in-call")
        && l.contains("default")
        && l.contains("test code: no")));
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("MEM201") && l.contains("test code: no"))
    );
    let run = p.run(&["rules", "--output-format", "json"]);
    let value: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let rule = value
        .as_array()
        .and_then(|a| a.iter().find(|r| r["code"] == "MEM202"))
        .expect("MEM202 is listed");
    assert_eq!(rule["name"], "unbounded-cache");
    assert_eq!(rule["default"], false);
    assert_eq!(rule["test_code"], false);

    // Usage errors exit 2.
    assert_eq!(p.run(&["check", "--output-format", "xml"]).code, 2);
}

#[test]
fn default_path_is_the_current_folder() {
    let p = Project::new();
    p.write("sub/leaky.py", LEAKY);
    let run = p.run(&["check", "--output-format", "concise"]);
    assert!(run.stdout.starts_with("sub/leaky.py:5:6"), "{}", run.stdout);
    assert!(p.path().exists());
}

#[test]
fn project_root_indexes_the_project_but_reports_only_given_files() {
    let project = Project::new();
    project
        .write("app/__init__.py", "")
        .write(
            "app/models.py",
            "class Point:\n    def __init__(self, x):\n        self.x = x\n",
        )
        .write(
            "app/use.py",
            "from .models import Point\n\nPOINTS = [Point(i) for i in range(1000)]\n",
        );
    let alone = project.run(&["check", "app/models.py", "--output-format", "concise"]);
    assert_eq!(alone.code, 0, "{}", alone.stdout);
    let indexed = project.run(&[
        "check",
        "app/models.py",
        "--project-root",
        ".",
        "--output-format",
        "concise",
    ]);
    assert_eq!(indexed.code, 1, "{}", indexed.stderr);
    assert!(
        indexed.stdout.contains("app/models.py:1:7: MEM401"),
        "{}",
        indexed.stdout
    );
    assert!(
        !indexed.stdout.contains("app/use.py:"),
        "{}",
        indexed.stdout
    );
    assert!(
        format!("{}{}", indexed.stdout, indexed.stderr).contains("(1 file checked)"),
        "{}",
        indexed.stderr
    );
    project.write("memwise.toml", "project-root = \".\"\n");
    let configured = project.run(&["check", "app/models.py", "--output-format", "concise"]);
    assert_eq!(configured.code, 1, "{}", configured.stdout);
    assert!(
        configured.stdout.contains("MEM401"),
        "{}",
        configured.stdout
    );
    // Per-file-ignores apply to whole-project findings too.
    project.write(
        "memwise.toml",
        "project-root = \".\"\n[per-file-ignores]\n\"app/models.py\" = [\"MEM401\"]\n",
    );
    let ignored = project.run(&["check", "app/models.py", "--output-format", "concise"]);
    assert_eq!(ignored.code, 0, "{}", ignored.stdout);
}

/// `--threads` beyond a few per core is capped, and the run says so: each
/// worker reserves a large stack, and 100,000 of them never started.
#[test]
fn absurd_thread_counts_are_capped() {
    let p = Project::new();
    p.write("leaky.py", LEAKY);
    let run = concise(&p, &["--threads", "100000"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("leaky.py:5:6: MEM201"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .starts_with("note: --threads 100000 is more than "),
        "{}",
        run.stderr
    );
    let run = concise(&p, &["--threads", "2"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
}

/// A control character in a configuration value is escaped in the error
/// that quotes it: it must not reach the terminal (an escape sequence
/// recolours it, a newline breaks the one-line error).
#[test]
fn control_characters_in_configuration_are_escaped() {
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[tool.memwise]\nselect = [\"MEM\\u001b[31mRED\\nX\"]\n",
    )
    .write("a.py", "x = 1\n");
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}') && run.stderr.contains("MEM\\u{1b}[31mRED\\nX"),
        "{:?}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
}

/// Coding cookies CPython accepts: DOS and Windows code pages and Mac Roman
/// are read; an ASCII cookie contradicted by a byte is an error, as in
/// CPython; an encoding memwise cannot read is a clear per-file error.
#[test]
fn coding_cookies_as_cpython_reads_them() {
    let p = Project::new();
    let leaky = b"y = sum([a for a in b])\n";
    let readable: [(&str, &[u8]); 3] = [
        ("cp437.py", b"# -*- coding: cp437 -*-\nx = '\x82\xe1'\n"),
        ("cp932.py", b"# coding: cp932\nx = '\x82\xa0'\n"),
        ("mac.py", b"# coding: mac-roman\nx = '\x8e'\n"),
    ];
    for (name, head) in readable {
        p.write(name, [head, leaky.as_slice()].concat());
    }
    p.write("ascii.py", b"# coding: ascii\nx = '\xe9'\n".as_slice())
        .write("utf7.py", b"# coding: utf-7\nx = '\xe9'\n".as_slice());
    let run = concise(&p, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for (name, _) in readable {
        assert!(
            run.stdout.contains(&format!("{name}:3:9: MEM304")),
            "{name}: {}{}",
            run.stdout,
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("error: ascii.py: not valid ASCII (byte 0xE9 on line 2)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: utf7.py: unsupported source encoding `utf-7`"),
        "{}",
        run.stderr
    );
}
