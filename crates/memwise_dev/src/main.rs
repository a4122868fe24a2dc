//! `cargo run -p memwise_dev -- generate` rewrites the generated docs;
//! `-- check` fails when they are stale; `-- new-rule CODE name` adds the
//! files of a new rule (see [`memwise_dev::new_rule`]).

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: memwise_dev generate|check|new-rule CODE name";

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate"] => generated(&root, true),
        ["check"] => generated(&root, false),
        ["new-rule", code, name] => new_rule(&root, code, name),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Writes the files of a new rule, then says what is left to do.
fn new_rule(root: &Path, code: &str, name: &str) -> ExitCode {
    let files = match memwise_dev::new_rule(root, code, name) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for (path, content) in files {
        if let Err(e) = std::fs::write(&path, content) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("wrote {}", path.display());
    }
    println!(
        "next: write the detection, the docs and the fixture's cases, then run\n  cargo run -p memwise_dev -- generate   (the docs page and the README row)\n  cargo fmt --all && cargo test --workspace   (MEMWISE_UPDATE_EXPECTED=1 writes the fixture's expected output)"
    );
    ExitCode::SUCCESS
}

/// Rewrites (`write`) or checks the generated docs.
fn generated(root: &Path, write: bool) -> ExitCode {
    let readme = match std::fs::read_to_string(root.join("README.md")) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: README.md: {e}");
            return ExitCode::from(2);
        }
    };
    let files = match memwise_dev::generated_files(root, &readme) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut stale = 0;
    for (path, content) in files {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == content {
            continue;
        }
        if write {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if let Err(e) = std::fs::write(&path, content) {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
            println!("wrote {}", path.display());
        } else {
            eprintln!("stale: {}", path.display());
            stale += 1;
        }
    }
    ExitCode::from(u8::from(stale > 0))
}
