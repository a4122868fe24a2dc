//! Fuzz target: decode + parse + semantic index + every rule + every fix, on
//! any bytes. A panic, a stack overflow, a diagnostic outside the source, or
//! a fix that breaks the file or does not settle is a crash.

#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use memwise_linter::{Overrides, Resolver, Settings, WORKER_STACK_SIZE, checker, encoding, fix};

/// Settings with every rule selected, opt-in ones included, built once.
fn settings() -> &'static Arc<Settings> {
    static SETTINGS: OnceLock<Arc<Settings>> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let resolver = Resolver::new(Overrides {
            select: Some(vec!["ALL".to_owned()]),
            ..Overrides::default()
        })
        .expect("ALL is a valid selector");
        // A folder that does not exist: no configuration file can change the run.
        resolver
            .settings_for_file(Path::new("/memwise-fuzz/input.py"))
            .expect("settings without a configuration file")
    })
}

fn check(bytes: Vec<u8>) {
    let Ok(source) = encoding::decode(bytes) else {
        return;
    };
    let checked = checker::check_source(Path::new("input.py"), &source, settings());
    let ranges = checked
        .diagnostics
        .iter()
        .flat_map(|d| std::iter::once(d.range).chain(d.secondary.iter().map(|s| s.range)));
    for range in ranges {
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        assert!(
            start <= end && end <= source.len(),
            "range outside the source"
        );
        assert!(
            source.is_char_boundary(start) && source.is_char_boundary(end),
            "range splits a character"
        );
    }
    assert_eq!(checked.diagnostics.len(), checked.scopes.len());
    // Every fix, unsafe ones included: the engine's own safety net reports a
    // fix that breaks parsing or never settles as an error, which here is a
    // crash; and fixing the fixed text again must change nothing.
    let path = Path::new("input.py");
    let fixed = fix::fix_source(path, &source, &checked, settings(), true)
        .unwrap_or_else(|bug| panic!("{bug}"));
    if let Some(after) = &fixed.checked {
        let again = fix::fix_source(path, &fixed.source, after, settings(), true)
            .unwrap_or_else(|bug| panic!("{bug}"));
        assert_eq!(again.source, fixed.source, "fixing twice differs from fixing once");
    }
}

fuzz_target!(|data: &[u8]| {
    let bytes = data.to_vec();
    // The binary checks files on threads with this stack; the fuzzer's own
    // thread would overflow on deep nesting the binary survives.
    std::thread::Builder::new()
        .stack_size(WORKER_STACK_SIZE)
        .spawn(move || check(bytes))
        .expect("a worker thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
});
