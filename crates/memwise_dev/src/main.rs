//! `cargo run -p memwise_dev -- generate` rewrites the generated docs;
//! `-- check` fails when they are stale.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mode = std::env::args().nth(1).unwrap_or_default();
    let readme = match std::fs::read_to_string(root.join("README.md")) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: README.md: {e}");
            return ExitCode::from(2);
        }
    };
    let files = match memwise_dev::generated_files(&root, &readme) {
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
        match mode.as_str() {
            "generate" => {
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                if let Err(e) = std::fs::write(&path, content) {
                    eprintln!("error: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
                println!("wrote {}", path.display());
            }
            "check" => {
                eprintln!("stale: {}", path.display());
                stale += 1;
            }
            _ => {
                eprintln!("usage: memwise_dev generate|check");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::from(u8::from(stale > 0))
}
