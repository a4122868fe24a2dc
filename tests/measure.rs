//! Measurements for `docs/project-analysis.md`, run by hand on the real
//! corpus: `cargo test --test integration summary_sizes -- --ignored --nocapture`.

use std::path::PathBuf;

use memwise_linter::{CheckOptions, Overrides};

#[test]
#[ignore = "needs the corpus from ../shared/bench/fetch-corpus.sh in /tmp/corpus"]
fn summary_sizes() {
    let corpus =
        PathBuf::from(std::env::var("MEMWISE_CORPUS").unwrap_or_else(|_| "/tmp/corpus".to_owned()));
    let result = memwise_linter::check(&CheckOptions {
        paths: vec![corpus],
        overrides: Overrides::default(),
        threads: None,
        stdin: None,
        ..CheckOptions::default()
    })
    .expect("the corpus run is configured correctly");
    let mut sizes: Vec<usize> = result
        .summaries
        .iter()
        .map(memwise_core::FileSummary::approximate_size)
        .collect();
    sizes.sort_unstable();
    let total: usize = sizes.iter().sum();
    let count = sizes.len().max(1);
    let classes: usize = result.summaries.iter().map(|s| s.classes.len()).sum();
    let calls: usize = result.summaries.iter().map(|s| s.calls.len()).sum();
    let functions: usize = result.summaries.iter().map(|s| s.functions.len()).sum();
    let references: usize = result.summaries.iter().map(|s| s.references.len()).sum();
    let imports: usize = result.summaries.iter().map(|s| s.imports.len()).sum();
    let imported_calls: usize = result
        .summaries
        .iter()
        .map(|s| s.imported_calls.len())
        .sum();
    let deferred: usize = result.summaries.iter().map(|s| s.deferred.len()).sum();
    println!(
        "files {count}, total {total} bytes, mean {} bytes, median {} bytes, max {} bytes; classes {classes}, calls {calls}, functions {functions}, references {references}, imports {imports}, imported names used {imported_calls}, deferred findings {deferred}",
        total / count,
        sizes[sizes.len() / 2],
        sizes.last().copied().unwrap_or(0)
    );
}
