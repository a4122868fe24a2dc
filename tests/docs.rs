//! The generated docs must match what `memwise_dev` produces from the rules.

use std::path::Path;

#[test]
fn generated_docs_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md exists");
    let files =
        memwise_dev::generated_files(root, &readme).expect("README.md has the table markers");
    for (path, content) in files {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == content,
            "{} is stale: run `cargo run -p memwise_dev -- generate`",
            path.display()
        );
    }
}
