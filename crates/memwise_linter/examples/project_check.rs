//! What one check of an open document with the project costs the language
//! server: indexes ROOT as `memwise server` does, checks the first 1,000
//! lines of FILE against that index once and keeps its summary (as the
//! server does), then checks them RUNS times, and prints the median and the
//! fastest (and, alone, the same check without the project).
//! `cargo run --release -p memwise_linter --example project_check -- ROOT FILE [RUNS]`
//!
//! With `COMPARE=N` in the environment, it then checks, each against the
//! index, every file where `memwise check ROOT` reports a whole-project or
//! cross-file finding and every Nth other file, and says where the two
//! differ (the language server must report what the CLI reports).

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use memwise_linter::project_index::ProjectIndex;
use memwise_linter::{CheckOptions, Overrides, Resolver, source};

/// The same allocator and settings as the `memwise` binary.
#[global_allocator]
static GLOBAL: memwise_alloc::Allocator = memwise_alloc::Allocator;

fn main() {
    memwise_alloc::tune();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: project_check ROOT FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(50);
    let root = std::fs::canonicalize(root).expect("ROOT exists");
    let file = std::fs::canonicalize(file).expect("FILE exists");
    let resolver = Arc::new(Resolver::new(Overrides::default()).expect("settings"));
    let text: String = std::fs::read_to_string(&file)
        .expect("FILE is readable text")
        .split_inclusive('\n')
        .take(1000)
        .collect();

    let start = Instant::now();
    let index = Mutex::new(ProjectIndex::default());
    let cancelled = AtomicBool::new(false);
    ProjectIndex::build(
        std::slice::from_ref(&root),
        &resolver,
        None,
        &cancelled,
        |_, _| {},
        |path, file| {
            if let Ok(file) = file {
                index.lock().expect("not poisoned").insert(path, file);
            }
        },
    )
    .expect("a thread pool");
    let index = index.into_inner().expect("not poisoned");
    println!(
        "indexed {} files in {:.2} s",
        index.len(),
        start.elapsed().as_secs_f64()
    );
    // As the server does at the end of a build.
    let start = Instant::now();
    index.resolve();
    println!(
        "resolved their links in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );

    // The server keeps the document's own summary once it has checked
    // it: later checks of a change that keeps its names (typing) find
    // the index agreeing with the document. The first check finds the
    // file on disk instead (here, all of it, not the first 1,000 lines).
    let start = Instant::now();
    let (_, own) = source::check_in_project(&resolver, &file, &text, &index);
    println!(
        "first check, against the file on disk: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let mut index = index;
    if let Some(own) = own {
        index.insert(file.clone(), own);
    }
    let index = index;

    let time = |label: &str, check: &dyn Fn() -> usize| {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(check());
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{label}: {} findings; median {:.1} ms, fastest {:.1} ms ({runs} runs)",
            check(),
            times[runs / 2].as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0
        );
    };
    time("alone", &|| {
        source::check(&resolver, &file, &text).diagnostics.len()
    });
    time("with the project", &|| {
        let (checked, _) = source::check_in_project(&resolver, &file, &text, &index);
        for d in &checked.diagnostics {
            if std::env::var_os("SHOW").is_some() {
                println!("  {} {:?} {}", d.rule.code, d.range, d.message);
            }
        }
        checked.diagnostics.len()
    });
    if let Some(every) = std::env::var("COMPARE")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        compare(&root, &resolver, &index, every.max(1));
    }
}

/// (code, start, end, message) of a finding.
type Found = Vec<(&'static str, u32, u32, String)>;

/// Checks files of ROOT against the index as the server does, and
/// compares with what one `memwise check ROOT` reports for them.
fn compare(root: &std::path::Path, resolver: &Arc<Resolver>, index: &ProjectIndex, every: usize) {
    let result = memwise_linter::check(&CheckOptions {
        paths: vec![root.to_path_buf()],
        ..CheckOptions::default()
    })
    .expect("a check");
    let mut cli: std::collections::HashMap<std::path::PathBuf, Found> =
        std::collections::HashMap::new();
    for report in result.reports {
        let found = cli.entry(report.path).or_default();
        for d in report.diagnostics {
            found.push((
                d.rule.code,
                d.range.start().into(),
                d.range.end().into(),
                d.message,
            ));
        }
    }
    // From the registry, so a new whole-project rule is compared too.
    let project_codes: Vec<&str> = memwise_rules::project_rules()
        .iter()
        .map(|rule| rule.meta().code)
        .collect();
    let (paths, _) = ProjectIndex::discover(&[root.to_path_buf()], resolver);
    let (mut checked, mut differ) = (0, 0);
    for (i, path) in paths.iter().enumerate() {
        let expected = cli.remove(path).unwrap_or_default();
        let chosen = i % every == 0 || expected.iter().any(|f| project_codes.contains(&f.0));
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if !chosen {
            continue;
        }
        let (result, _) = source::check_in_project(resolver, path, &text, index);
        let mut found: Found = result
            .diagnostics
            .into_iter()
            .map(|d| {
                (
                    d.rule.code,
                    d.range.start().into(),
                    d.range.end().into(),
                    d.message,
                )
            })
            .collect();
        let mut expected = expected;
        found.sort();
        expected.sort();
        checked += 1;
        if found != expected {
            differ += 1;
            println!("DIFFERS: {}", path.display());
            println!("  server: {found:?}");
            println!("  cli:    {expected:?}");
        }
    }
    println!("compared {checked} files with memwise check: {differ} differ");
}
