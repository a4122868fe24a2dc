//! The `memwise` binary: parses arguments, runs the engine, maps the outcome
//! to an exit code (0 clean, 1 findings, 2 failure).

mod args;
mod printer;

use std::fmt::Write as _;
use std::io;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use memwise_linter::output::OutputFormat;
use memwise_linter::{CheckOptions, Overrides};

use args::{CheckArgs, Cli, Command, OutputFormatArg, RulesFormat};

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
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
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rule { code } => {
            let Some(rule) = memwise_rules::find(&code.to_ascii_uppercase()) else {
                bail!("unknown rule `{code}`: `memwise rules` lists them");
            };
            printer::print_text(&memwise_rules::registry::rule_page(rule))?;
            Ok(EXIT_CLEAN)
        }
        Command::Rules { output_format } => {
            printer::print_text(&rules_listing(output_format)?)?;
            Ok(EXIT_CLEAN)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8> {
    let options = CheckOptions {
        paths: args.paths,
        overrides: Overrides {
            select: args.select,
            extend_select: args.extend_select,
            ignore: args.ignore,
            target_version: args.target_version,
            config: args.config,
        },
        threads: args.threads,
    };
    let result = memwise_linter::check(&options).map_err(anyhow::Error::new)?;
    let format = match args.output_format {
        OutputFormatArg::Full => OutputFormat::Full,
        OutputFormatArg::Concise => OutputFormat::Concise,
        OutputFormatArg::Json => OutputFormat::Json,
        OutputFormatArg::JsonLines => OutputFormat::JsonLines,
    };
    printer::print_result(
        &result,
        format,
        args.statistics,
        printer::use_color(args.color),
    )
    .context("writing the findings")
    .map_err(unwrap_broken_pipe)?;
    printer::print_errors(&result.errors);
    let human = matches!(format, OutputFormat::Full | OutputFormat::Concise);
    // With errors and nothing found, the error lines say it all: "all checks
    // passed" would be false.
    let nothing_to_say = !result.errors.is_empty() && result.diagnostic_count() == 0;
    if !args.quiet && human && !args.statistics && !nothing_to_say {
        printer::print_summary(&result);
    }
    Ok(if !result.errors.is_empty() {
        EXIT_FAILURE
    } else if result.diagnostic_count() > 0 && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
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

fn rules_listing(format: RulesFormat) -> Result<String> {
    let rules = memwise_rules::rules();
    Ok(match format {
        RulesFormat::Text => {
            let mut text = String::new();
            for rule in rules {
                let meta = rule.meta();
                let _ = writeln!(
                    text,
                    "{:<7} {:<32} {:<8} fix: {}",
                    meta.code,
                    meta.name,
                    if meta.opt_in { "opt-in" } else { "default" },
                    meta.fix.as_str()
                );
            }
            text
        }
        RulesFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    serde_json::json!({
                        "code": meta.code,
                        "name": meta.name,
                        "default": !meta.opt_in,
                        "fix": meta.fix.as_str(),
                        "url": meta.url(),
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list)?;
            text.push('\n');
            text
        }
    })
}
