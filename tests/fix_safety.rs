//! Fixes that the rule could have known to break code are not offered.
//! Evaluation order is behaviour: comprehensions whose calls have effects
//! (`pool.submit`, `asyncio.ensure_future`, `mpl_connect`, a read before
//! `close()`, a deliberate `all([...])`, `next()`) are left as they are by
//! `--fix --unsafe-fixes --select ALL`. `__slots__` is not added to a class
//! when the project stores other attributes on objects of unknown type.

use std::path::Path;

use memwise_linter::{CheckOptions, FixMode, Overrides};

/// Checks a temporary project of `files` with `code` selected: for each
/// finding, its file, line and whether it carries a fix.
fn findings_with_fixes(files: &[(&str, &str)], code: &str) -> Vec<(String, usize, bool)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, source) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&full, source).expect("write");
    }
    let result = memwise_linter::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        overrides: Overrides {
            select: Some(vec![code.to_owned()]),
            ..Overrides::default()
        },
        threads: Some(1),
        ..CheckOptions::default()
    })
    .expect("the run is configured correctly");
    let mut out: Vec<(String, usize, bool)> = result
        .reports
        .iter()
        .flat_map(|report| {
            let name = report
                .path
                .strip_prefix(dir.path())
                .unwrap_or(&report.path)
                .to_string_lossy()
                .replace('\\', "/");
            report.diagnostics.iter().map(move |d| {
                (
                    name.clone(),
                    report.location(d.range.start()).row,
                    d.fix.is_some(),
                )
            })
        })
        .collect();
    out.sort();
    out
}

const LEVEL: &str = "\
class Level:
    def __init__(self, decision):
        self.decision = decision
        self.var_settings = set()


LEVELS = [Level(d) for d in range(1000)]
";

#[test]
fn slots_are_not_offered_when_other_attributes_are_stored_through_unknown_objects() {
    // SymPy's SAT solver: `self._current_level.varsettings = ...` stores an
    // attribute `Level` never assigns, through an object memwise cannot type.
    let solver = "\
class Solver:
    def __init__(self, level):
        self._current_level = level

    def step(self, settings):
        self._current_level.varsettings = settings
";
    assert_eq!(
        findings_with_fixes(
            &[("pkg/level.py", LEVEL), ("pkg/solver.py", solver)],
            "MEM401"
        ),
        vec![("pkg/level.py".to_owned(), 1, false)]
    );
    // `setattr` with a literal name, and a read of `__dict__`, count too.
    for other in [
        "def tag(obj):\n    setattr(obj, \"tag\", 1)\n",
        "def dump(obj):\n    return obj.__dict__\n",
        "def dump(obj):\n    return vars(obj)\n",
    ] {
        assert_eq!(
            findings_with_fixes(
                &[("pkg/level.py", LEVEL), ("pkg/other.py", other)],
                "MEM401"
            ),
            vec![("pkg/level.py".to_owned(), 1, false)],
            "{other}"
        );
    }
    // Stores of names the class assigns, on `self`, on modules, and in a
    // `__new__` on the object it builds, leave the fix.
    let harmless = "\
import os


class Other:
    def __new__(cls):
        obj = super().__new__(cls)
        obj.anything = 1
        return obj

    def __init__(self):
        self.count = 0


def reset(level):
    level.decision = None
    os.environ_cache = None
    return type(level).__dict__
";
    assert_eq!(
        findings_with_fixes(
            &[("pkg/level.py", LEVEL), ("pkg/other.py", harmless)],
            "MEM401"
        ),
        vec![("pkg/level.py".to_owned(), 1, true)]
    );
}

#[test]
fn effectful_comprehensions_are_left_alone() {
    let path = Path::new("tests/data/effectful_comprehensions.py");
    let source = std::fs::read_to_string(path).expect("the data file is readable");
    let result = memwise_linter::check(&CheckOptions {
        overrides: Overrides {
            select: Some(vec!["ALL".to_owned()]),
            ..Overrides::default()
        },
        threads: Some(1),
        stdin: Some((path.to_path_buf(), source.clone())),
        fix: FixMode::Apply,
        unsafe_fixes: true,
        ..CheckOptions::default()
    })
    .expect("the run is configured correctly");
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let fixed = result
        .stdin_output
        .expect("stdin with --fix gives the source back");
    assert_eq!(fixed, source);
    let codes: Vec<&str> = result
        .reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.rule.code))
        .filter(|c| matches!(*c, "MEM304" | "MEM305" | "MEM306"))
        .collect();
    assert!(codes.is_empty(), "{codes:?}");
}

const SAMPLE: &str = "\
from dataclasses import dataclass


@dataclass
class Sample:
    name: str


SAMPLES = [Sample(str(i)) for i in range(1000)]
";

#[test]
fn every_packaging_source_sets_the_target_version() {
    // `slots=True` needs Python 3.10: each source that says 3.9 keeps MEM402 silent.
    for (file, content) in [
        (
            "pyproject.toml",
            "[tool.poetry.dependencies]\npython = \"^3.9\"\n",
        ),
        (
            "pyproject.toml",
            "[tool.poetry.dependencies]\npython = { version = \">=3.9,<4\" }\n",
        ),
        (
            "setup.cfg",
            "[metadata]\nname = x\n\n[options]\npython_requires = >=3.9\n",
        ),
        (
            "setup.py",
            "from setuptools import setup\n\nsetup(name=\"x\", python_requires=\">=3.9\")\n",
        ),
        (
            "PKG-INFO",
            "Metadata-Version: 2.1\nName: x\nRequires-Python: >=3.9\n\nbody\n",
        ),
        (
            "x-1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: x\nRequires-Python: >=3.9\n\nbody\n",
        ),
        // No `Requires-Python`: the oldest version classifier says it.
        (
            "x-1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: x\nClassifier: Programming Language :: Python :: 3\nClassifier: Programming Language :: Python :: 3.11\nClassifier: Programming Language :: Python :: 3.9\n\nbody\n",
        ),
    ] {
        assert_eq!(
            findings_with_fixes(&[(file, content), ("pkg/sample.py", SAMPLE)], "MEM402"),
            vec![],
            "{file}: {content}"
        );
    }
    // `[project] requires-python` comes first, and 3.10 allows the fix.
    assert_eq!(
        findings_with_fixes(
            &[
                (
                    "pyproject.toml",
                    "[project]\nrequires-python = \">=3.10\"\n\n[tool.poetry.dependencies]\npython = \"^3.9\"\n"
                ),
                ("pkg/sample.py", SAMPLE)
            ],
            "MEM402"
        ),
        vec![("pkg/sample.py".to_owned(), 4, true)]
    );
    // `Requires-Python` comes before the classifiers.
    assert_eq!(
        findings_with_fixes(
            &[
                (
                    "PKG-INFO",
                    "Metadata-Version: 2.1\nName: x\nRequires-Python: >=3.10\nClassifier: Programming Language :: Python :: 3.9\n\nbody\n"
                ),
                ("pkg/sample.py", SAMPLE)
            ],
            "MEM402"
        ),
        vec![("pkg/sample.py".to_owned(), 4, true)]
    );
}

/// A version older than memwise supports, as stale classifiers say
/// (`3.4` beside `2.7`), is the oldest it supports, 3.8: `:=` parses there,
/// a `match` statement (3.10) still does not.
#[test]
fn packaging_versions_are_clamped_to_the_oldest_supported() {
    let metadata = "Metadata-Version: 2.1\nName: x\nClassifier: Programming Language :: Python :: 2.7\nClassifier: Programming Language :: Python :: 3.4\n\nbody\n";
    let walrus = "def f(xs):\n    if (n := len(xs)) > 1:\n        return n\n";
    let matching = "def f(x):\n    match x:\n        case 1:\n            return 1\n";
    assert_eq!(
        findings_with_fixes(
            &[
                ("x-1.0.dist-info/METADATA", metadata),
                ("pkg/walrus.py", walrus),
                ("pkg/matching.py", matching)
            ],
            "MEM000"
        ),
        vec![("pkg/matching.py".to_owned(), 2, false)]
    );
}

/// A `.py` beside an extension module of the same name (a mypyc- or
/// Cython-compiled wheel) is not what imports: its classes' layout is the
/// compiler's, so neither layout rule reports them.
#[test]
fn compiled_modules_get_no_layout_findings() {
    let plain = "class Point:\n    def __init__(self, x):\n        self.x = x\n\n\nPOINTS = [Point(i) for i in range(1000)]\n";
    for (code, source) in [("MEM401", plain), ("MEM402", SAMPLE)] {
        assert_eq!(
            findings_with_fixes(&[("pkg/__init__.py", ""), ("pkg/m.py", source)], code).len(),
            1,
            "{code} reports the plain module"
        );
        for twin in ["pkg/m.cpython-311-x86_64-linux-gnu.so", "pkg/m.pyd"] {
            assert_eq!(
                findings_with_fixes(
                    &[("pkg/__init__.py", ""), ("pkg/m.py", source), (twin, "")],
                    code
                ),
                vec![],
                "{code} beside {twin}"
            );
        }
    }
}
