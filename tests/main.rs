//! The root package's integration tests: rule fixtures, rule metadata,
//! generated docs, and the command line run as a process.

/// Says that a test could not run (part of) what it checks here. Written to
/// the process's stderr itself, past the harness's output capture (which
/// only takes `print!`/`eprint!`), so CI's log shows it although the test
/// passes.
macro_rules! not_run {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "\n*** NOT RUN: {} ***", format_args!($($arg)*));
    }};
}

mod cache;
mod cli;
mod docs;
mod exemptions;
mod fix_safety;
mod fixes;
mod fixtures;
mod habits;
mod integrations;
mod measure;
mod meta;
mod robustness;
