//! The `memwise` binary: parses arguments, runs the engine, maps the outcome
//! to an exit code (0 clean, 1 findings, 2 failure).

mod args;
mod printer;

use std::fmt::Write as _;
use std::io::{self, Read as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use memwise_linter::output::OutputFormat;
use memwise_linter::{CheckOptions, FixMode, Overrides};
use memwise_linter::{baseline, rules_info};

use args::{CheckArgs, Cli, Command, OutputFormatArg, RulesFormat};

/// Parsing allocates and frees millions of small AST nodes; glibc's malloc
/// took a quarter of a corpus run's samples, mimalloc much less (as in ruff).
#[global_allocator]
static GLOBAL: memwise_alloc::Allocator = memwise_alloc::Allocator;

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    memwise_alloc::tune();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // A closed pipe (`memwise check | head`) is not an error to report.
            if error
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(EXIT_CLEAN);
            }
            printer::print_fatal(&format!("{error:#}"));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rule { rule, all } => {
            if all {
                printer::print_text(&rules_info::all_rule_pages())?;
                return Ok(EXIT_CLEAN);
            }
            let wanted = rule.unwrap_or_default();
            let Some(page) = rules_info::rule_page(&wanted) else {
                bail!("unknown rule `{wanted}`: `memwise rules` lists them");
            };
            printer::print_text(&page)?;
            Ok(EXIT_CLEAN)
        }
        Command::Server => match memwise_server::run()? {
            memwise_server::Ending::Clean => Ok(EXIT_CLEAN),
            // The protocol's code for `exit` without `shutdown` first.
            memwise_server::Ending::Abrupt => Ok(EXIT_FINDINGS),
        },
        Command::Clean { cache_dir } => {
            let overrides = Overrides {
                cache_dir: cache_dir.or_else(cache_dir_from_env),
                ..Overrides::default()
            };
            let dir = memwise_linter::cache_dir(overrides).map_err(anyhow::Error::new)?;
            memwise_linter::cache::clean(&dir)?;
            Ok(EXIT_CLEAN)
        }
        Command::Version => {
            printer::print_text(&format!("memwise {}\n", env!("CARGO_PKG_VERSION")))?;
            Ok(EXIT_CLEAN)
        }
        Command::Rules { output_format } => {
            printer::print_text(&rules_listing(output_format))?;
            Ok(EXIT_CLEAN)
        }
    }
}

/// `MEMWISE_CACHE_DIR`, when set and not empty.
fn cache_dir_from_env() -> Option<std::path::PathBuf> {
    std::env::var_os("MEMWISE_CACHE_DIR")
        .filter(|dir| !dir.is_empty())
        .map(std::path::PathBuf::from)
}

fn check(mut args: CheckArgs) -> Result<u8> {
    // `memwise check -` reads the source from stdin, as ruff does; it is
    // shown as `-` unless `--stdin-filename` names it.
    let dash = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    if dash {
        args.paths.clear();
        if args.stdin_filename.is_none() {
            args.stdin_filename = Some(std::path::PathBuf::from("-"));
        }
    }
    let stdin = match &args.stdin_filename {
        Some(path) if !args.show_files => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .context("reading the source from stdin")?;
            // Decoded as a file would be (BOM, PEP 263 coding cookie), and
            // refused with the same one-line reason. The fixed source is
            // written back as UTF-8, so other encodings are not fixed.
            let is_utf8 = std::str::from_utf8(&bytes).is_ok();
            let source = memwise_linter::encoding::decode(bytes)
                .map_err(|reason| anyhow::anyhow!("{}: {reason}", path.display()))?;
            if !is_utf8 && (args.fix || args.diff) {
                bail!(
                    "{}: fixing source from stdin needs UTF-8; this source is in the encoding its coding cookie names",
                    path.display()
                );
            }
            Some((path.clone(), source))
        }
        _ => None,
    };
    let options = CheckOptions {
        paths: args.paths,
        overrides: Overrides {
            select: args.select,
            extend_select: args.extend_select,
            ignore: args.ignore,
            target_version: args.target_version,
            config: args.config,
            project_root: args.project_root,
            force_exclude: if args.force_exclude {
                Some(true)
            } else if args.no_force_exclude {
                Some(false)
            } else {
                None
            },
            exclude: args.exclude,
            extend_exclude: args.extend_exclude,
            per_file_ignores: args.per_file_ignores,
            extend_per_file_ignores: args.extend_per_file_ignores,
            isolated: args.isolated,
            cache_dir: args.cache_dir.or_else(cache_dir_from_env),
        },
        threads: args.threads,
        stdin,
        fix: if args.diff {
            FixMode::Diff
        } else if args.fix || args.fix_only {
            FixMode::Apply
        } else {
            FixMode::Off
        },
        unsafe_fixes: args.unsafe_fixes,
        cache: !args.no_cache,
    };
    if args.show_files {
        let (files, errors) = memwise_linter::show_files(&options).map_err(anyhow::Error::new)?;
        let mut text = String::new();
        for file in files {
            let _ = writeln!(text, "{}", file.display());
        }
        printer::print_text(&text)?;
        printer::print_errors(&errors);
        return Ok(if errors.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FAILURE
        });
    }
    if args.show_settings {
        let text = memwise_linter::show_settings(&options).map_err(anyhow::Error::new)?;
        printer::print_text(&text)?;
        return Ok(EXIT_CLEAN);
    }
    let mut result = memwise_linter::check(&options).map_err(anyhow::Error::new)?;
    if args.fix_only {
        // As ruff's `--fix-only`: what remains is neither shown nor failed on.
        result.reports.clear();
    }
    for note in &result.notes {
        printer::print_note(note);
    }
    printer::print_warnings(&result.warnings);
    if args.add_noqa {
        let added = memwise_linter::add_noqa::add_noqa(&result.reports);
        printer::print_errors(&result.errors);
        printer::print_errors(&added.errors);
        if !args.quiet {
            printer::print_note(&format!(
                "added {} noqa comment{} in {} file{}",
                added.lines,
                if added.lines == 1 { "" } else { "s" },
                added.files,
                if added.files == 1 { "" } else { "s" },
            ));
        }
        return Ok(if result.errors.is_empty() && added.errors.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FAILURE
        });
    }
    if options.fix == FixMode::Diff {
        return diff(&result, args.quiet);
    }

    if let Some(path) = &args.write_baseline {
        // A run on some files rewrites only their entries. An existing file
        // that is not a baseline is not overwritten: it may be a typo.
        let previous = if path.exists() {
            Some(baseline::read(path).map_err(|reason| {
                anyhow::anyhow!(
                    "{}: {reason}; not overwritten (remove it to start a new baseline)",
                    path.display()
                )
            })?)
        } else {
            None
        };
        let baseline =
            baseline::from_reports(path, &result.reports, &result.checked, previous.as_ref());
        baseline::write(path, &baseline)
            .map_err(|reason| anyhow::anyhow!("{}: {reason}", path.display()))?;
        printer::print_errors(&result.errors);
        printer::print_note(&format!(
            "wrote {} finding(s) to {}",
            baseline.findings.len(),
            path.display()
        ));
        return Ok(if result.errors.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FAILURE
        });
    }
    let mut stale = Vec::new();
    if let Some(path) = &args.baseline {
        let baseline = baseline::read(path)
            .map_err(|reason| anyhow::anyhow!("{}: {reason}", path.display()))?;
        stale = baseline::apply(path, &baseline, &mut result.reports, &result.checked);
    }

    let format = match args.output_format {
        OutputFormatArg::Full => OutputFormat::Full,
        OutputFormatArg::Concise => OutputFormat::Concise,
        OutputFormatArg::Json => OutputFormat::Json,
        OutputFormatArg::JsonLines => OutputFormat::JsonLines,
        OutputFormatArg::Sarif => OutputFormat::Sarif,
        OutputFormatArg::Github => OutputFormat::Github,
        OutputFormatArg::Junit => OutputFormat::Junit,
        OutputFormatArg::Gitlab => OutputFormat::Gitlab,
    };
    // With stdin and `--fix`, stdout carries the fixed source: the findings
    // that remain go to stderr.
    let to_stderr = result.stdin_output.is_some();
    if let Some(fixed) = &result.stdin_output {
        printer::print_text(fixed)
            .context("writing the fixed source")
            .map_err(unwrap_broken_pipe)?;
    }
    let sink = match (&args.output_file, to_stderr) {
        (Some(path), _) => printer::Sink::File(path.clone()),
        (None, true) => printer::Sink::Stderr,
        (None, false) => printer::Sink::Stdout,
    };
    let color = printer::use_color(args.color) && matches!(sink, printer::Sink::Stdout);
    printer::print_result(&result, format, args.statistics, color, &sink)
        .with_context(|| match &args.output_file {
            Some(path) => format!("writing the findings to {}", path.display()),
            None => "writing the findings".to_owned(),
        })
        .map_err(unwrap_broken_pipe)?;
    printer::print_errors(&result.errors);
    if !args.quiet {
        printer::print_unused_noqa(&result.unused_noqa);
    }
    if !stale.is_empty() && !args.quiet {
        printer::print_stale(&stale, args.baseline.as_deref());
    }
    let human = matches!(format, OutputFormat::Full | OutputFormat::Concise);
    // With errors and nothing found, the error lines say it all: "all checks
    // passed" would be false.
    let nothing_to_say = !result.errors.is_empty() && result.diagnostic_count() == 0;
    if options.fix == FixMode::Apply && !args.quiet {
        printer::print_fixed(&result, args.unsafe_fixes);
        if args.show_fixes {
            printer::print_fixes_by_file(&result);
        }
    }
    if !args.quiet && human && !args.statistics && !nothing_to_say && !args.fix_only {
        printer::print_summary(&result, options.fix != FixMode::Off, args.unsafe_fixes);
    }
    let fixed_any = options.fix == FixMode::Apply && !result.fixes.is_empty();
    let code = if !result.errors.is_empty() {
        EXIT_FAILURE
    } else if (result.diagnostic_count() > 0 && !args.exit_zero)
        || (fixed_any && args.exit_non_zero_on_fix)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    // The process ends right after: freeing a summary per file and every
    // report one by one would only delay the exit.
    std::mem::forget(result);
    Ok(code)
}

/// `--diff`: the unified diffs on stdout, a count on stderr; exit 1 when
/// there is a diff, 2 when a file could not be read or fixed.
fn diff(result: &memwise_linter::CheckResult, quiet: bool) -> Result<u8> {
    let mut text = String::new();
    for fix in &result.fixes {
        text.push_str(&memwise_linter::fix::unified_diff(
            &fix.path,
            &fix.original,
            &fix.fixed,
        ));
    }
    printer::print_text(&text)
        .context("writing the diff")
        .map_err(unwrap_broken_pipe)?;
    printer::print_errors(&result.errors);
    if !quiet {
        printer::print_would_fix(result);
    }
    Ok(if !result.errors.is_empty() {
        EXIT_FAILURE
    } else if result.fixes.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// Keeps a broken pipe recognisable under the added context.
fn unwrap_broken_pipe(error: anyhow::Error) -> anyhow::Error {
    match error.root_cause().downcast_ref::<io::Error>() {
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        _ => error,
    }
}

fn rules_listing(format: RulesFormat) -> String {
    rules_info::rules_listing(matches!(format, RulesFormat::Json))
}
