//! Fixes: each fixture of a rule with a fix, after `--fix --unsafe-fixes`,
//! equals `<stem>.fixed` (clippy's convention) and fixing it again changes
//! nothing; and the safety net, run as a process: broken or looping fixes,
//! syntax errors, permissions, BOM, CRLF, latin-1, trailing newline, atomic
//! writes, `--diff` and stdin.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use memwise_core::FixAvailability;
use memwise_linter::{CheckOptions, CheckResult, FixMode, Overrides};

use crate::fixtures::{fixture_code, fixture_files};

/// Fixes `source` as if it were `path`, with only `code` selected.
fn fix_with(path: &Path, source: &str, code: &str) -> CheckResult {
    memwise_linter::check(&CheckOptions {
        overrides: Overrides {
            select: Some(vec![code.to_owned()]),
            ..Overrides::default()
        },
        threads: Some(1),
        stdin: Some((path.to_path_buf(), source.to_owned())),
        fix: FixMode::Apply,
        unsafe_fixes: true,
        ..CheckOptions::default()
    })
    .expect("the fixture run is configured correctly")
}

#[test]
fn fixed_fixtures_match_and_are_idempotent() {
    let update = std::env::var_os("MEMWISE_UPDATE_EXPECTED").is_some();
    let mut failures = String::new();
    let mut with_fix = 0;
    for path in fixture_files() {
        let code = fixture_code(&path);
        let Some(rule) = memwise_rules::find(&code) else {
            continue;
        };
        if rule.meta().fix == FixAvailability::None {
            continue;
        }
        with_fix += 1;
        let source = std::fs::read_to_string(&path).expect("fixture is readable");
        let result = fix_with(&path, &source, &code);
        assert!(
            result.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            result.errors
        );
        let fixed = result
            .stdin_output
            .expect("stdin with --fix gives the source back");
        if fixed == source {
            let _ = writeln!(failures, "{}: no fix applied", path.display());
        }
        let again = fix_with(&path, &fixed, &code);
        assert!(
            again.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            again.errors
        );
        if !again.fixes.is_empty() || again.stdin_output.as_deref() != Some(fixed.as_str()) {
            let _ = writeln!(
                failures,
                "{}: fixing the fixed file changed it again: {:?}",
                path.display(),
                again.fixed_counts()
            );
        }
        let fixed_path = path.with_extension("fixed");
        if update {
            std::fs::write(&fixed_path, &fixed).expect("fixed file is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&fixed_path).unwrap_or_default();
        if expected != fixed {
            let _ = writeln!(
                failures,
                "{}: fixed output differs from {} (run with MEMWISE_UPDATE_EXPECTED=1 and review the diff)\n--- actual ---\n{fixed}",
                path.display(),
                fixed_path.display()
            );
        }
    }
    assert!(with_fix >= 6, "the rules with fixes have fixtures");
    assert!(failures.is_empty(), "{failures}");
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn memwise(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_memwise"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("memwise runs");
    if let Some(text) = stdin {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes())
            .expect("stdin is writable");
    } else {
        drop(child.stdin.take());
    }
    let output = child.wait_with_output().expect("memwise ends");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const SAFE: &str = "def total(xs):\n    return sum([x * 2 for x in xs])\n";
const SAFE_FIXED: &str = "def total(xs):\n    return sum(x * 2 for x in xs)\n";
const UNSAFE: &str = "def collect(item, seen=[]):\n    seen.append(item)\n    return seen\n";

/// `args` with the opt-in rules `codes` selected next to the defaults.
fn selecting<'a>(args: &[&'a str], codes: &'a str) -> Vec<&'a str> {
    [args, &["--extend-select", codes]].concat()
}

fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    dir
}

fn read(dir: &tempfile::TempDir, name: &str) -> Vec<u8> {
    std::fs::read(dir.path().join(name)).expect("read")
}

#[test]
fn fix_applies_safe_fixes_and_reports() {
    let dir = project(&[("a.py", SAFE.as_bytes()), ("b.py", UNSAFE.as_bytes())]);
    // MEM205 (opt-in) is the unsafe fix here.
    let run = memwise(
        dir.path(),
        &selecting(&["check", "--fix"], "MEM205"),
        None,
        &[],
    );
    assert_eq!(read(&dir, "a.py"), SAFE_FIXED.as_bytes());
    assert_eq!(
        read(&dir, "b.py"),
        UNSAFE.as_bytes(),
        "unsafe fixes wait for --unsafe-fixes"
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("Fixed 1 problem in 1 file (MEM304: 1)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("1 remaining problem can be fixed with --fix --unsafe-fixes"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("MEM205"), "{}", run.stdout);

    let unsafe_fixes = ["check", "--fix", "--unsafe-fixes"];
    let run = memwise(dir.path(), &selecting(&unsafe_fixes, "MEM205"), None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fixed = String::from_utf8(read(&dir, "b.py")).expect("utf-8");
    assert!(
        fixed.contains("seen=None") && fixed.contains("    if seen is None:\n        seen = []\n"),
        "{fixed}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with(".memwise-fix"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn diff_writes_nothing_and_exits_1() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(dir.path(), &["check", "--diff"], None, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("--- a.py\n+++ a.py\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("-    return sum([x * 2 for x in xs])\n+    return sum(x * 2 for x in xs)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&dir, "a.py"), SAFE.as_bytes());
    assert!(run.stderr.contains("Would fix 1 problem"), "{}", run.stderr);

    let clean = project(&[("a.py", SAFE_FIXED.as_bytes()), ("b.py", UNSAFE.as_bytes())]);
    let run = memwise(clean.path(), &["check", "--diff"], None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn stdin_fix_writes_the_fixed_source_to_stdout() {
    let dir = project(&[]);
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "s.py"],
        Some(SAFE),
        &[],
    );
    assert_eq!(run.stdout, SAFE_FIXED);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("s.py").exists());

    let run = memwise(
        dir.path(),
        &selecting(&["check", "--fix", "--stdin-filename", "s.py"], "MEM205"),
        Some(UNSAFE),
        &[],
    );
    assert_eq!(
        run.stdout, UNSAFE,
        "nothing fixed: the source comes back as it was"
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("MEM205"),
        "remaining findings go to stderr: {}",
        run.stderr
    );
}

#[test]
fn a_fix_that_breaks_parsing_leaves_the_file_untouched() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(
        dir.path(),
        &["check", "--fix"],
        None,
        &[("MEMWISE_TEST_BREAK_FIXES", "1")],
    );
    assert_eq!(read(&dir, "a.py"), SAFE.as_bytes());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: a.py: fixes of MEM304 would break the file")
            && run.stderr.contains("bug in memwise"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("MEM304"),
        "the finding is still reported: {}",
        run.stdout
    );
}

#[test]
fn fixes_that_do_not_settle_leave_the_file_untouched() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(
        dir.path(),
        &["check", "--fix"],
        None,
        &[("MEMWISE_TEST_LOOP_FIXES", "1")],
    );
    assert_eq!(read(&dir, "a.py"), SAFE.as_bytes());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("fixes of MEM304 did not settle"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_with_syntax_errors_are_never_fixed() {
    let broken = "def total(xs):\n    return sum([x for x in xs])\nclass\n";
    let dir = project(&[("a.py", broken.as_bytes())]);
    let run = memwise(dir.path(), &["check", "--fix", "--unsafe-fixes"], None, &[]);
    assert_eq!(read(&dir, "a.py"), broken.as_bytes());
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("MEM000"), "{}", run.stdout);

    // A `# noqa` on the syntax error neither hides it nor lets fixes run.
    let hidden = "def total(xs):\n    return sum([x for x in xs])\n1syntax_error  # noqa\n";
    let dir = project(&[("b.py", hidden.as_bytes())]);
    let run = memwise(dir.path(), &["check", "--fix", "--unsafe-fixes"], None, &[]);
    assert_eq!(read(&dir, "b.py"), hidden.as_bytes());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("MEM000"), "{}", run.stdout);
}

#[test]
fn encoding_bom_line_endings_and_trailing_newline_are_kept() {
    let latin1: &[u8] = b"# -*- coding: latin-1 -*-\r\nname = '\xe9t\xe9'\r\n\r\n\r\ndef collect(item, seen=[]):\r\n    seen.append(item)\r\n    return seen\r\n";
    let bom: &[u8] = b"\xef\xbb\xbfdef total(xs):\n    return sum([x for x in xs])";
    let dir = project(&[("latin.py", latin1), ("bom.py", bom)]);
    let run = memwise(
        dir.path(),
        &selecting(&["check", "--fix", "--unsafe-fixes"], "MEM205"),
        None,
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&dir, "latin.py"),
        b"# -*- coding: latin-1 -*-\r\nname = '\xe9t\xe9'\r\n\r\n\r\ndef collect(item, seen=None):\r\n    if seen is None:\r\n        seen = []\r\n    seen.append(item)\r\n    return seen\r\n"
    );
    assert_eq!(
        read(&dir, "bom.py"),
        b"\xef\xbb\xbfdef total(xs):\n    return sum(x for x in xs)"
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let path = dir.path().join("a.py");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o751)).expect("chmod");
    let run = memwise(dir.path(), &["check", "--fix"], None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&dir, "a.py"), SAFE_FIXED.as_bytes());
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o751);
}

#[cfg(unix)]
#[test]
/// A folder the user cannot create files in does not stop the fix of a file
/// they may write: it is written in place (not atomically), as an editor
/// would save it.
fn an_unwritable_folder_gets_a_writable_file_fixed_in_place() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = project(&[]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(sub.join("a.py"), SAFE).expect("write");
    let run = if is_root() {
        // Root may write anywhere: run memwise as `nobody`, who may write the
        // file (it is theirs) but not the folder it is in.
        if Command::new("setpriv").arg("--version").output().is_err() {
            std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            not_run!(
                "an_unwritable_folder_gets_a_writable_file_fixed_in_place: root without setpriv cannot be refused a folder"
            );
            return;
        }
        std::os::unix::fs::chown(sub.join("a.py"), Some(65534), Some(65534)).expect("chown");
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_memwise"))
            .args(["check", "--fix"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv runs memwise");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    } else {
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        memwise(dir.path(), &["check", "--fix"], None, &[])
    };
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(sub.join("a.py")).expect("read"),
        SAFE_FIXED
    );
    assert!(
        std::fs::read_dir(&sub).expect("ls").all(|e| !e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .starts_with(".memwise")),
        "no temporary file is left"
    );
}

#[test]
fn notebooks_are_not_fixed() {
    let notebook = r#"{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["total = sum([x for x in range(3)])\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#;
    let dir = project(&[("n.ipynb", notebook.as_bytes())]);
    let run = memwise(dir.path(), &["check", "--fix"], None, &[]);
    assert_eq!(read(&dir, "n.ipynb"), notebook.as_bytes());
    assert!(
        run.stderr.contains("notebooks are not fixed"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1);
}

#[test]
fn json_output_carries_the_fix() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(dir.path(), &["check", "--output-format", "json"], None, &[]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let fix = &value[0]["fix"];
    assert_eq!(fix["applicability"], "safe", "{value}");
    assert_eq!(fix["edits"].as_array().map(Vec::len), Some(2), "{value}");
}

/// Syntax newer than the target version is a MEM000 of its own, but the
/// file parses (before and after): its other findings are fixed, and the
/// version finding stays. A file that does not parse is never fixed.
#[test]
fn files_with_syntax_too_new_for_the_target_are_fixed() {
    let too_new = format!("type Alias = list[int]\n\n\n{SAFE}");
    let broken = format!("def f(:\n    pass\n\n\n{SAFE}");
    let dir = project(&[
        ("too_new.py", too_new.as_bytes()),
        ("broken.py", broken.as_bytes()),
    ]);
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--fix",
            "--target-version",
            "py310",
            "--output-format",
            "concise",
        ],
        None,
        &[],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        String::from_utf8(read(&dir, "too_new.py")).expect("utf-8"),
        format!("type Alias = list[int]\n\n\n{SAFE_FIXED}")
    );
    assert_eq!(read(&dir, "broken.py"), broken.as_bytes());
    assert!(
        run.stdout.contains("too_new.py:1:1: MEM000"),
        "{}",
        run.stdout
    );
}

#[test]
fn fixes_keep_the_users_style() {
    let from_import = "from functools import cache\n\n\n@cache\ndef first(x):\n    return x\n\n\n@cache\ndef second(x):\n    return x\n";
    let alias = "import functools as ft\n\n\n@ft.cache\ndef first(x):\n    return x\n";
    let both =
        "import functools\nfrom functools import cache\n\n\n@cache\ndef first(x):\n    return x\n";
    let quotes = "import numpy as np\n\nNAME = 'x'\n\n\ndef row(path, i):\n    data = np.load(path)\n    return data[i]\n";
    let tabs = "def collect(item, seen=[]):\n\tseen.append(item)\n\treturn seen\n";
    let dir = project(&[
        ("from_import.py", from_import.as_bytes()),
        ("alias.py", alias.as_bytes()),
        ("both.py", both.as_bytes()),
        ("quotes.py", quotes.as_bytes()),
        ("tabs.py", tabs.as_bytes()),
    ]);
    // MEM202 and MEM205 are opt-in: select them next to the defaults.
    let run = memwise(
        dir.path(),
        &selecting(&["check", "--fix", "--unsafe-fixes"], "MEM202,MEM205"),
        None,
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = |name| String::from_utf8(read(&dir, name)).expect("utf-8");
    assert_eq!(
        text("from_import.py"),
        "from functools import cache, lru_cache\n\n\n@lru_cache(maxsize=128)\ndef first(x):\n    return x\n\n\n@lru_cache(maxsize=128)\ndef second(x):\n    return x\n"
    );
    assert_eq!(
        text("alias.py"),
        "import functools as ft\n\n\n@ft.lru_cache(maxsize=128)\ndef first(x):\n    return x\n"
    );
    assert_eq!(
        text("both.py"),
        "import functools\nfrom functools import cache\n\n\n@functools.lru_cache(maxsize=128)\ndef first(x):\n    return x\n"
    );
    assert!(
        text("quotes.py").contains("np.load(path, mmap_mode='r')"),
        "{}",
        text("quotes.py")
    );
    assert_eq!(
        text("tabs.py"),
        "def collect(item, seen=None):\n\tif seen is None:\n\t\tseen = []\n\tseen.append(item)\n\treturn seen\n"
    );
}

#[test]
fn whole_project_fixes_are_applied_after_the_project_pass() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let models = "from dataclasses import dataclass\n\n\nclass Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n\n@dataclass\nclass Row:\n    a: int\n    b: int\n\n\nbig = sum([p for p in range(3)])\n";
    std::fs::create_dir_all(dir.path().join("app")).expect("mkdir");
    std::fs::write(dir.path().join("app/__init__.py"), "").expect("write");
    std::fs::write(dir.path().join("app/models.py"), models).expect("write");
    std::fs::write(
        dir.path().join("app/users.py"),
        "from app.models import Point, Row\n\n\ndef build(n):\n    return [Point(i, i) for i in range(n)], [Row(i, i) for i in range(n)]\n",
    )
    .expect("write");

    // Unsafe fixes (MEM401, MEM402) are only shown by a diff...
    let run = memwise(
        dir.path(),
        &["check", "--diff", "--unsafe-fixes", "."],
        None,
        &[],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("+    __slots__ = (\"x\", \"y\", \"__weakref__\")"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+@dataclass(slots=True)"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&dir, "app/models.py"), models.as_bytes());
    // ...and not applied by --fix alone, which applies the safe MEM304 fix.
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--output-format", "concise", "."],
        None,
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("MEM401") && run.stdout.contains("MEM402"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("MEM304"), "{}", run.stdout);

    let run = memwise(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "."],
        None,
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("MEM401: 1, MEM402: 1"),
        "{}",
        run.stderr
    );
    let fixed = String::from_utf8(read(&dir, "app/models.py")).expect("UTF-8");
    assert!(
        fixed.contains(
            "class Point:\n    __slots__ = (\"x\", \"y\", \"__weakref__\")\n\n    def __init__"
        ),
        "{fixed}"
    );
    assert!(
        fixed.contains("@dataclass(slots=True)\nclass Row:"),
        "{fixed}"
    );
    assert!(fixed.contains("big = sum(p for p in range(3))"), "{fixed}");

    // Fixing the fixed project changes nothing.
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "."],
        None,
        &[],
    );
    assert_eq!(run.code, 0);
    assert_eq!(read(&dir, "app/models.py"), fixed.as_bytes());
}

#[test]
fn whole_project_fixes_that_enable_others_settle_in_one_run() {
    // `Child` only qualifies for MEM401 once its base `Base` has `__slots__`.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let shapes = "class Base:\n    def __init__(self, x):\n        self.x = x\n\n\nclass Child(Base):\n    def __init__(self, x, y):\n        super().__init__(x)\n        self.y = y\n";
    std::fs::write(dir.path().join("shapes.py"), shapes).expect("write");
    std::fs::write(
        dir.path().join("build.py"),
        "from shapes import Base, Child\n\nitems = [Base(i) for i in range(1000)] + [Child(i, i) for i in range(1000)]\n",
    )
    .expect("write");
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "."],
        None,
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let fixed = String::from_utf8(read(&dir, "shapes.py")).expect("UTF-8");
    assert!(
        fixed.contains("class Base:\n    __slots__ = (\"x\", \"__weakref__\")"),
        "{fixed}"
    );
    assert!(
        fixed.contains("class Child(Base):\n    __slots__ = (\"y\",)"),
        "{fixed}"
    );
    let again = memwise(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "."],
        None,
        &[],
    );
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.contains("No fixes applied"),
        "{}",
        again.stderr
    );
    assert_eq!(read(&dir, "shapes.py"), fixed.as_bytes());
}

/// A per-file fix (MEM304) and two whole-project ones (MEM401, MEM402) in
/// one file: the mix that wrote `slots=True, slots=True` when edits from one
/// read were applied to another.
const MODELS: &str = "import dataclasses\n\n\n@dataclasses.dataclass(frozen=True)\nclass Row:\n    a: int\n\n\nclass Point:\n    def __init__(self, x):\n        self.x = x\n\n\ndef build(n):\n    return [Point(i) for i in range(n)], [Row(i) for i in range(n)]\n\n\ndef total(xs):\n    return sum([x * 2 for x in xs])\n";
const MODELS_FIXED: &str = "import dataclasses\n\n\n@dataclasses.dataclass(frozen=True, slots=True)\nclass Row:\n    a: int\n\n\nclass Point:\n    __slots__ = (\"x\", \"__weakref__\")\n\n    def __init__(self, x):\n        self.x = x\n\n\ndef build(n):\n    return [Point(i) for i in range(n)], [Row(i) for i in range(n)]\n\n\ndef total(xs):\n    return sum(x * 2 for x in xs)\n";

#[test]
fn a_file_named_twice_is_checked_and_fixed_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("t")).expect("mkdir");
    std::fs::write(dir.path().join("t/m.py"), MODELS).expect("write");
    let absolute = dir.path().join("t").display().to_string();
    let run = memwise(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "t", &absolute],
        None,
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(read(&dir, "t/m.py"), MODELS_FIXED.as_bytes());
    assert!(
        run.stderr
            .contains("Fixed 3 problems in 1 file (MEM304: 1, MEM401: 1, MEM402: 1)")
            && run.stderr.contains("(1 file checked)"),
        "{}",
        run.stderr
    );

    // Reported once, under the name given first.
    std::fs::write(dir.path().join("t/m.py"), MODELS).expect("write");
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--select",
            "MEM304",
            "t",
            &absolute,
        ],
        None,
        &[],
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("t/m.py:"), "{}", run.stdout);
    let run = memwise(
        dir.path(),
        &["check", "--show-files", &absolute, "t"],
        None,
        &[],
    );
    assert_eq!(run.stdout, format!("{absolute}/m.py\n"));
}

#[cfg(unix)]
#[test]
fn a_linked_file_is_checked_and_fixed_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("m.py"), MODELS).expect("write");
    // A symbolic link sorts before the file, a hard link after it: the
    // real name is kept either way.
    std::os::unix::fs::symlink("m.py", dir.path().join("a_link.py")).expect("symlink");
    std::fs::hard_link(dir.path().join("m.py"), dir.path().join("z_hard.py")).expect("link");
    let run = memwise(dir.path(), &["check", "--show-files"], None, &[]);
    assert_eq!(run.stdout, "m.py\n");
    let run = memwise(dir.path(), &["check", "--fix", "--unsafe-fixes"], None, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(read(&dir, "m.py"), MODELS_FIXED.as_bytes());
    assert!(
        run.stderr.contains("(1 file checked)") && !run.stderr.contains("error"),
        "{}",
        run.stderr
    );
}

#[test]
fn concurrent_fix_runs_never_apply_stale_edits() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("m{i}.py")), MODELS).expect("write");
    }
    let runs: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_memwise"))
                .args(["check", "--fix", "--unsafe-fixes", "--threads", "2"])
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("memwise runs")
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().expect("memwise ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        // A run that found a file changed by another leaves it and says so;
        // none may fail or call it a bug.
        assert!(!stderr.contains("error:"), "{stderr}");
        assert!(output.status.code().is_some_and(|c| c <= 1), "{stderr}");
    }
    for i in 0..30 {
        let name = format!("m{i}.py");
        assert_eq!(
            String::from_utf8(read(&dir, &name)).expect("UTF-8"),
            MODELS_FIXED,
            "{name}"
        );
    }
}

#[test]
fn a_fix_that_does_not_compile_leaves_the_file_untouched() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(
        dir.path(),
        &["check", "--fix"],
        None,
        &[("MEMWISE_TEST_UNCOMPILABLE_FIXES", "1")],
    );
    assert_eq!(read(&dir, "a.py"), SAFE.as_bytes());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "error: a.py: fixes of MEM304 would break the file (the result does not compile: keyword argument repeated: end on line 4)"
        ),
        "{}",
        run.stderr
    );
}

/// Copies of one project, to fix one with `--fix` and patch the other
/// with the output of `--diff`.
fn project_twice(files: &[(&str, &[u8])]) -> (tempfile::TempDir, tempfile::TempDir) {
    (project(files), project(files))
}

/// Applies a unified diff with `patch -p0` in `dir`; `false` when `patch`
/// is not installed (the caller says so loudly).
fn apply_patch(dir: &Path, diff: &str) -> bool {
    let Ok(mut child) = Command::new("patch")
        .args(["-p0", "--batch", "--silent"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        not_run!("`patch` is not installed: the --diff output is not applied");
        return false;
    };
    {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(diff.as_bytes())
            .expect("patch reads the diff");
    }
    let output = child.wait_with_output().expect("patch ends");
    assert!(
        output.status.success(),
        "patch refused the diff: {}{}\n--- diff\n{diff}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

#[test]
fn diff_is_exactly_what_fix_writes() {
    // A per-file fix and whole-project fixes in one file; a subclass that
    // qualifies only once its base is fixed; CR-only, CRLF and unterminated
    // files next to each other.
    let shapes = "class Base:\n    def __init__(self, x):\n        self.x = x\n\n\nclass Child(Base):\n    def __init__(self, x, y):\n        super().__init__(x)\n        self.y = y\n";
    let build = "from shapes import Base, Child\n\nitems = [Base(i) for i in range(1000)] + [Child(i, i) for i in range(1000)]\n";
    let files: [(&str, &[u8]); 6] = [
        ("models.py", MODELS.as_bytes()),
        ("shapes.py", shapes.as_bytes()),
        ("build.py", build.as_bytes()),
        (
            "cr.py",
            b"def total(xs):\r    return sum([x * 2 for x in xs])\r",
        ),
        (
            "crlf.py",
            b"def total(xs):\r\n    return sum([x * 2 for x in xs])\r\n",
        ),
        (
            "open.py",
            b"def total(xs):\n    return sum([x * 2 for x in xs])",
        ),
    ];
    let (diffed, fixed) = project_twice(&files);
    let diff = memwise(
        diffed.path(),
        &["check", "--diff", "--unsafe-fixes"],
        None,
        &[],
    );
    let fix = memwise(
        fixed.path(),
        &["check", "--fix", "--unsafe-fixes"],
        None,
        &[],
    );
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert_eq!(fix.code, 0, "{}{}", fix.stdout, fix.stderr);
    let counts = |text: &str, prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .map(str::to_owned)
    };
    assert_eq!(
        counts(&diff.stderr, "Would fix "),
        counts(&fix.stderr, "Fixed "),
        "{}\n{}",
        diff.stderr,
        fix.stderr
    );
    // Per-file fixes stay in the diff of a file whole-project fixes change.
    assert!(
        diff.stdout.contains("+    return sum(x * 2 for x in xs)\n")
            && diff
                .stdout
                .contains("+@dataclasses.dataclass(frozen=True, slots=True)\n")
            && diff.stdout.contains("+    __slots__ = (\"y\",)\n"),
        "{}",
        diff.stdout
    );
    // Every file header starts a line: a CR-only file is one line for
    // `patch`, marked as unterminated.
    for (name, _) in &files[3..] {
        assert!(
            diff.stdout
                .contains(&format!("\n--- {name}\n+++ {name}\n@@ "))
                || diff.stdout.starts_with(&format!("--- {name}\n")),
            "{name}: {}",
            diff.stdout
        );
    }
    assert!(
        diff.stdout.contains(
            "-def total(xs):\r    return sum([x * 2 for x in xs])\r\n\\ No newline at end of file\n"
        ),
        "{}",
        diff.stdout
    );
    if apply_patch(diffed.path(), &diff.stdout) {
        for (name, _) in files {
            assert_eq!(
                read(&diffed, name),
                read(&fixed, name),
                "{name}: patching with --diff differs from --fix"
            );
        }
    }
}

/// Whether the tests run as root (`id -u` is 0): root passes permission
/// checks, so some of them prove less and say so.
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::metadata(dir.path()).expect("stat").uid() == 0
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_the_rest_fixed() {
    use std::os::unix::fs::PermissionsExt as _;
    // The folder lets anyone replace the file by a rename; the file itself
    // says it must not change. As root this holds through the mode bits
    // (root may open anything for writing), otherwise through the open.
    let dir = project(&[("a.py", SAFE.as_bytes()), ("b.py", SAFE.as_bytes())]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let a = dir.path().join("a.py");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = memwise(dir.path(), &["check", "--fix"], None, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: a.py: could not write the fixes, left the file untouched: the file is read-only for this user"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(read(&dir, "a.py"), SAFE.as_bytes());
    assert_eq!(read(&dir, "b.py"), SAFE_FIXED.as_bytes());
    let mode = std::fs::metadata(&a).expect("stat").permissions().mode() & 0o7777;
    assert_eq!(mode, 0o444);
}

#[cfg(unix)]
#[test]
fn setuid_bits_owner_and_hard_links_are_kept() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = project(&[("a.py", SAFE.as_bytes()), ("b.py", SAFE.as_bytes())]);
    let a = dir.path().join("a.py");
    std::fs::hard_link(dir.path().join("b.py"), dir.path().join("b_link.py")).expect("link");
    let owner = if is_root() {
        std::os::unix::fs::chown(&a, Some(12345), Some(12345)).expect("chown as root");
        Some(12345)
    } else {
        not_run!(
            "not root: cannot give a file to another owner, so keeping the owner is not tested"
        );
        None
    };
    // After the owner: changing it clears the setuid bit.
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o4755)).expect("chmod");
    let b_inode = std::fs::metadata(dir.path().join("b.py"))
        .expect("stat")
        .ino();
    let run = memwise(dir.path(), &["check", "--fix"], None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&dir, "a.py"), SAFE_FIXED.as_bytes());
    let meta = std::fs::metadata(&a).expect("stat");
    assert_eq!(meta.permissions().mode() & 0o7777, 0o4755, "setuid kept");
    if let Some(owner) = owner {
        assert_eq!((meta.uid(), meta.gid()), (owner, owner), "owner kept");
    }
    // Both names still show one file, now fixed.
    assert_eq!(read(&dir, "b.py"), SAFE_FIXED.as_bytes());
    assert_eq!(read(&dir, "b_link.py"), SAFE_FIXED.as_bytes());
    let b = std::fs::metadata(dir.path().join("b.py")).expect("stat");
    assert_eq!((b.ino(), b.nlink()), (b_inode, 2), "hard link kept");
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let stale = dir.path().join(".memwise-fix-AbC123.tmp");
    let fresh = dir.path().join(".memwise-fix-XyZ789.tmp");
    std::fs::write(&stale, "half a file").expect("write");
    std::fs::write(&fresh, "another run's file").expect("write");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .expect("open")
        .set_modified(an_hour_ago)
        .expect("set the time");
    let run = memwise(dir.path(), &["check", "--fix"], None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!stale.exists(), "a killed run's temporary file is removed");
    assert!(fresh.exists(), "a live run's temporary file is left alone");
}

#[cfg(unix)]
#[test]
fn an_unprivileged_user_keeps_other_owners_files() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    // As root, run memwise as `nobody` (65534) through `setpriv`; as any
    // other user the files cannot be given away, so there is nothing to set up.
    let setpriv = Command::new("setpriv").arg("--version").output();
    if !is_root() || setpriv.is_err() {
        not_run!("an_unprivileged_user_keeps_other_owners_files needs root and setpriv");
        return;
    }
    let dir = project(&[("root.py", SAFE.as_bytes()), ("group.py", SAFE.as_bytes())]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    // root.py: root's, read-only to others. group.py: root's, writable by
    // nobody's group, so nobody may write it in place but not own it.
    let group = dir.path().join("group.py");
    std::os::unix::fs::chown(&group, Some(0), Some(65534)).expect("chown");
    std::fs::set_permissions(&group, std::fs::Permissions::from_mode(0o664)).expect("chmod");
    let inode = std::fs::metadata(&group).expect("stat").ino();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_memwise"))
        .args(["check", "--fix", "."])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv runs memwise");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: root.py: could not write the fixes, left the file untouched: the file is read-only for this user"),
        "{stderr}"
    );
    assert_eq!(read(&dir, "root.py"), SAFE.as_bytes());
    let root = std::fs::metadata(dir.path().join("root.py")).expect("stat");
    assert_eq!(root.uid(), 0, "root's file stays root's");
    assert_eq!(read(&dir, "group.py"), SAFE_FIXED.as_bytes());
    let meta = std::fs::metadata(&group).expect("stat");
    assert_eq!(
        (meta.ino(), meta.uid(), meta.gid()),
        (inode, 0, 65534),
        "written in place: the same file, owner and group"
    );
}

#[test]
fn paths_beside_stdin_filename_are_named_as_not_checked() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "s.py",
            "a.py",
        ],
        Some(SAFE),
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("s.py:2:"), "{}", run.stdout);
    assert!(!run.stdout.contains("a.py"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("warning: a.py: not checked: --stdin-filename checks standard input only"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_project_root_is_an_error() {
    let dir = project(&[("a.py", SAFE.as_bytes())]);
    let run = memwise(
        dir.path(),
        &["check", "--project-root", "nowhere", "a.py"],
        None,
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.starts_with("error: ")
            && l.ends_with("nowhere: project-root: No such file or directory")),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("MEM304"), "the files are still checked");

    std::fs::write(dir.path().join("memwise.toml"), "project-root = \"a.py\"\n").expect("write");
    let run = memwise(dir.path(), &["check", "a.py"], None, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let root = dir.path().join("a.py");
    assert!(
        run.stderr.contains(&format!(
            "error: {}: project-root is not a folder",
            root.display()
        )),
        "{}",
        run.stderr
    );
}
