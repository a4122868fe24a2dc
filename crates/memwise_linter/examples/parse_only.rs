//! The benchmark's floor: memwise's own discovery, reading and parsing, in
//! parallel on the same large-stack pool, with no index and no rules.
//! `cargo run --release -p memwise_linter --example parse_only -- [--threads N] PATHS...`

use std::path::PathBuf;
use std::sync::Arc;

use memwise_linter::{Overrides, Resolver, WORKER_STACK_SIZE, discovery, encoding};
use rayon::prelude::*;
use ruff_python_ast::PySourceType;

/// The same allocator and settings as the `memwise` binary, so the floor is
/// comparable.
#[global_allocator]
static GLOBAL: memwise_alloc::Allocator = memwise_alloc::Allocator;

fn main() {
    memwise_alloc::tune();
    let mut args = std::env::args().skip(1).peekable();
    let mut threads = None;
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            threads = args.next().and_then(|n| n.parse::<usize>().ok());
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let resolver = match Resolver::new(Overrides::default()) {
        Ok(resolver) => Arc::new(resolver),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    let Ok(pool) = builder.build() else {
        eprintln!("error: no thread pool");
        std::process::exit(2);
    };
    let (files, parsed, errors) = pool.install(|| {
        let (files, _) = discovery::discover(&paths, &resolver);
        let (parsed, errors) = files
            .par_iter()
            .map(|path| {
                let Ok(bytes) = std::fs::read(path) else {
                    return (0, 0);
                };
                let Ok(source) = encoding::decode(bytes) else {
                    return (0, 0);
                };
                let result =
                    ruff_python_parser::parse_unchecked_source(&source, PySourceType::Python);
                (1, result.errors().len())
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        (files.len(), parsed, errors)
    });
    println!("{files} files, {parsed} parsed, {errors} syntax errors");
}
