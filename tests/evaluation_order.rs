//! Evaluation order is behaviour: comprehensions whose calls have effects
//! (`pool.submit`, `asyncio.ensure_future`, `mpl_connect`, a read before
//! `close()`, a deliberate `all([...])`, `next()`) are left as they are by
//! `--fix --unsafe-fixes --select ALL`.

use std::path::Path;

use memwise_linter::{CheckOptions, FixMode, Overrides};

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
