//! The only place that prints: findings to stdout, everything else to stderr.

use std::io::{self, IsTerminal, Write};

use memwise_core::Applicability;
use memwise_linter::baseline;
use memwise_linter::output::{self, OutputFormat};
use memwise_linter::{CheckResult, RunError};

use crate::args::ColorArg;

/// Whether `--color` asks for colour on this stdout.
pub fn use_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        // codespan-reporting's own Auto colours pipes too: ask the terminal.
        ColorArg::Auto => std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal(),
    }
}

/// Where the findings go.
pub enum Sink {
    /// The usual place.
    Stdout,
    /// When stdout carries a fixed source.
    Stderr,
    /// `--output-file`.
    File(std::path::PathBuf),
}

/// Prints the findings (or statistics) to the sink.
pub fn print_result(
    result: &CheckResult,
    format: OutputFormat,
    statistics: bool,
    color: bool,
    sink: &Sink,
) -> io::Result<()> {
    let sink: Box<dyn Write> = match sink {
        Sink::Stdout => Box::new(io::stdout().lock()),
        Sink::Stderr => Box::new(io::stderr().lock()),
        Sink::File(path) => Box::new(std::fs::File::create(path)?),
    };
    let mut out = io::BufWriter::new(sink);
    if statistics && matches!(format, OutputFormat::Json | OutputFormat::JsonLines) {
        output::write_statistics_json(&mut out, &result.reports)?;
    } else if statistics {
        output::write_statistics(&mut out, &result.reports)?;
    } else {
        output::write_diagnostics(&mut out, format, &result.reports, color)?;
    }
    out.flush()
}

/// Findings `--fix` would fix, and those only `--fix --unsafe-fixes`
/// would. Notebooks are never fixed, so their findings count in neither.
fn fixable_counts(result: &CheckResult) -> (usize, usize) {
    let mut safe = 0;
    let mut unsafe_only = 0;
    for report in result.reports.iter().filter(|r| r.notebook.is_none()) {
        for fix in report.diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            match fix.applicability {
                Applicability::Safe => safe += 1,
                Applicability::Unsafe => unsafe_only += 1,
            }
        }
    }
    (safe, unsafe_only)
}

/// The closing lines of a human-readable run, to stderr: the count, and
/// (when not fixing) how many findings `--fix` would fix, as ruff says it.
pub fn print_summary(result: &CheckResult, fixing: bool, unsafe_fixes: bool) {
    let found = result.diagnostic_count();
    let files = result.files_checked;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let line = if found == 0 {
        format!("All checks passed ({} checked).", plural(files, "file"))
    } else {
        format!(
            "Found {} in {} ({} checked).",
            plural(found, "problem"),
            plural(result.reports.len(), "file"),
            plural(files, "file")
        )
    };
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
    if fixing {
        return;
    }
    let (safe, unsafe_only) = fixable_counts(result);
    let (fixable, hidden) = if unsafe_fixes {
        (safe + unsafe_only, 0)
    } else {
        (safe, unsafe_only)
    };
    let flag = if unsafe_fixes {
        "`--fix --unsafe-fixes`"
    } else {
        "`--fix`"
    };
    let _ = match (fixable, hidden) {
        (0, 0) => Ok(()),
        (0, hidden) => writeln!(
            stderr,
            "No fixes available ({hidden} with `--fix --unsafe-fixes`, which may change behaviour)."
        ),
        (fixable, 0) => writeln!(stderr, "[*] {fixable} fixable with {flag}."),
        (fixable, hidden) => writeln!(
            stderr,
            "[*] {fixable} fixable with {flag} ({hidden} more with `--unsafe-fixes`)."
        ),
    };
}

fn counts_text(counts: &memwise_linter::FixCounts) -> String {
    counts
        .iter()
        .map(|(code, n)| format!("{code}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// After `--fix`: how many findings were fixed, by rule, to stderr.
pub fn print_fixed(result: &CheckResult, unsafe_fixes: bool) {
    let counts = result.fixed_counts();
    let total: usize = counts.values().sum();
    let mut stderr = io::stderr().lock();
    if total == 0 {
        let _ = writeln!(stderr, "No fixes applied.");
    } else {
        let _ = writeln!(
            stderr,
            "Fixed {total} problem{} in {} file{} ({}).",
            if total == 1 { "" } else { "s" },
            result.fixes.len(),
            if result.fixes.len() == 1 { "" } else { "s" },
            counts_text(&counts)
        );
    }
    let hidden = fixable_counts(result).1;
    if !unsafe_fixes && hidden > 0 {
        let _ = writeln!(
            stderr,
            "{hidden} remaining problem{} can be fixed with --fix --unsafe-fixes.",
            if hidden == 1 { "" } else { "s" }
        );
    }
}

/// After `--fix --show-fixes`: what was fixed in each file, to stderr.
pub fn print_fixes_by_file(result: &CheckResult) {
    let mut stderr = io::stderr().lock();
    for fix in &result.fixes {
        let _ = writeln!(stderr, "- {}:", fix.path.display());
        for (code, count) in &fix.counts {
            let name = memwise_linter::rules_info::rule_name(code);
            let _ = writeln!(stderr, "    {count} × {code} ({name})");
        }
    }
}

/// After `--diff`: how many findings the diff would fix, to stderr.
pub fn print_would_fix(result: &CheckResult) {
    let counts = result.fixed_counts();
    let total: usize = counts.values().sum();
    let line = if total == 0 {
        "No fixes to apply.".to_owned()
    } else {
        format!(
            "Would fix {total} problem{} in {} file{} ({}).",
            if total == 1 { "" } else { "s" },
            result.fixes.len(),
            if result.fixes.len() == 1 { "" } else { "s" },
            counts_text(&counts)
        )
    };
    let _ = writeln!(io::stderr(), "{line}");
}

/// `text` with its control characters escaped (`\u{1b}`, `\n`): a
/// configuration value or a file name quoted in a message must not drive
/// the terminal, nor break the one-line shape of an `error:` line.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One `error: PATH: reason` line per problem, to stderr.
pub fn print_errors(errors: &[RunError]) {
    let mut stderr = io::stderr().lock();
    for error in errors {
        let _ = writeln!(stderr, "error: {}", escaped(&error.to_string()));
    }
}

/// Files left as they were for a reason that is not a failure, to stderr.
pub fn print_warnings(warnings: &[RunError]) {
    let mut stderr = io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {}", escaped(&warning.to_string()));
    }
}

/// Memwise codes in noqa comments that are unknown or suppress nothing,
/// one warning line each, and once how to turn the warning off, to stderr.
pub fn print_unused_noqa(warnings: &[memwise_linter::noqa::NoqaWarning]) {
    if warnings.is_empty() {
        return;
    }
    let mut stderr = io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {}", escaped(&warning.to_string()));
    }
    let _ = writeln!(
        stderr,
        "note: remove {} from {} noqa comment{}, or set `warn-unused-noqa = false` in the configuration",
        if warnings.len() == 1 {
            "this code"
        } else {
            "these codes"
        },
        if warnings.len() == 1 { "its" } else { "their" },
        if warnings.len() == 1 { "" } else { "s" },
    );
}

/// A note that is not a finding, to stderr.
pub fn print_note(text: &str) {
    let _ = writeln!(io::stderr(), "note: {}", escaped(text));
}

/// The error that ended the run, to stderr.
pub fn print_fatal(text: &str) {
    let _ = writeln!(io::stderr(), "error: {}", escaped(text));
}

/// Baseline entries that matched no finding, to stderr.
pub fn print_stale(stale: &[baseline::Entry], path: Option<&std::path::Path>) {
    let mut stderr = io::stderr().lock();
    let file = path.map_or_else(String::new, |p| p.display().to_string());
    let _ = writeln!(
        stderr,
        "note: {} baseline entr{} in {file} no longer match a finding (fixed, or changed); run with --write-baseline {file} to shrink it:",
        stale.len(),
        if stale.len() == 1 { "y" } else { "ies" }
    );
    for entry in stale {
        let _ = writeln!(
            stderr,
            "  stale: {}: {} {}",
            entry.filename, entry.code, entry.message
        );
    }
}

/// Prints text to stdout.
pub fn print_text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
