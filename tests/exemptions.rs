//! Behaviour a fixture cannot show because it depends on the file's path or
//! on the whole module: test-code exemptions, module-level `gc.disable()`.

use crate::fixtures::check_with;

fn codes_in(files: &[(&str, &str)], code: &str) -> Vec<(String, usize)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut paths = Vec::new();
    for (path, source) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(&full, source).expect("write");
        paths.push(full);
    }
    let result = check_with(paths, code);
    let mut found: Vec<(String, usize)> = result
        .reports
        .iter()
        .flat_map(|report| {
            let name = report
                .path
                .strip_prefix(dir.path())
                .unwrap_or(&report.path)
                .to_string_lossy()
                .replace('\\', "/");
            report
                .diagnostics
                .iter()
                .map(move |d| (name.clone(), report.location(d.range.start()).row))
        })
        .collect();
    found.sort();
    found
}

const PROFILER: &str = "import tracemalloc\n\ndef run():\n    tracemalloc.start()\n";
const SAVEALL: &str = "import gc\n\ngc.set_debug(gc.DEBUG_SAVEALL)\n";

#[test]
fn profilers_and_saveall_are_allowed_in_test_code() {
    for (code, source) in [("MEM501", PROFILER), ("MEM502", SAVEALL)] {
        let found = codes_in(
            &[
                ("app/core.py", source),
                ("app/test_core.py", source),
                ("app/core_test.py", source),
                ("app/conftest.py", source),
                ("tests/helpers.py", source),
                ("app/test/helpers.py", source),
            ],
            code,
        );
        let expected_row = if code == "MEM501" { 4 } else { 3 };
        assert_eq!(
            found,
            vec![("app/core.py".to_owned(), expected_row)],
            "{code}"
        );
    }
}

#[test]
fn module_level_gc_disable_needs_an_enable_or_freeze_anywhere() {
    let found = codes_in(
        &[
            ("never.py", "import gc\n\ngc.disable()\n"),
            (
                "enabled.py",
                "import gc\n\ngc.disable()\n\ndef done():\n    gc.enable()\n",
            ),
            ("frozen.py", "import gc\n\ngc.disable()\ngc.freeze()\n"),
        ],
        "MEM503",
    );
    assert_eq!(found, vec![("never.py".to_owned(), 3)]);
}
