//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use memwise_core::PythonVersion;

/// memwise: find memory pitfalls in Python code, and how to fix each one.
#[derive(Debug, Parser)]
#[command(name = "memwise", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and folders for memory pitfalls.
    Check(Box<CheckArgs>),
    /// Print the documentation of one rule.
    Rule {
        /// The rule's code or name, such as MEM201 or cached-instance-method.
        #[arg(required_unless_present = "all")]
        rule: Option<String>,
        /// Print every rule's documentation.
        #[arg(long, conflicts_with = "rule")]
        all: bool,
    },
    /// Print memwise's version.
    Version,
    /// List every rule: code, name, default or opt-in, fix.
    Rules {
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        output_format: RulesFormat,
    },
    /// Run the language server over standard input and output (LSP), for
    /// editors; see docs/server.md.
    Server,
    /// Remove the cache that `memwise check` keeps in this folder
    /// (`.memwise_cache` beside the nearest configuration, or `cache-dir`).
    Clean {
        /// The cache folder to remove [env: MEMWISE_CACHE_DIR].
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check [default: .]; `-` reads the source from stdin.
    pub paths: Vec<PathBuf>,
    /// Rules to enable instead of the defaults: codes, prefixes (MEM2) or ALL.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to enable on top of the selected ones.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules to disable.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exclude these files and folders (globs) instead of the defaults.
    #[arg(long, value_delimiter = ',', value_name = "FILE_PATTERN")]
    pub exclude: Option<Vec<String>>,
    /// Exclude these files and folders (globs) as well.
    #[arg(long, value_delimiter = ',', value_name = "FILE_PATTERN")]
    pub extend_exclude: Vec<String>,
    /// Apply the excludes to files named on the command line too (for
    /// pre-commit and editors, which name every file).
    #[arg(long, overrides_with = "no_force_exclude")]
    pub force_exclude: bool,
    #[arg(long, overrides_with = "force_exclude", hide = true)]
    pub no_force_exclude: bool,
    /// `GLOB:CODE` pairs to ignore in matching files, instead of the
    /// configuration's `per-file-ignores`.
    #[arg(long, value_delimiter = ',', value_name = "PER_FILE_IGNORES", value_parser = parse_pair)]
    pub per_file_ignores: Option<Vec<(String, String)>>,
    /// `GLOB:CODE` pairs to ignore in matching files, on top of `per-file-ignores`.
    #[arg(long, value_delimiter = ',', value_name = "PER_FILE_IGNORES", value_parser = parse_pair)]
    pub extend_per_file_ignores: Vec<(String, String)>,
    /// Read no configuration file: defaults and the command line only.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormatArg::Full)]
    pub output_format: OutputFormatArg,
    /// Write the findings to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print findings only: no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// When to colour the output: auto colours only a terminal.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Use this configuration file for every path, instead of discovering one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Index every file under DIR for the whole-project rules (MEM401, MEM402),
    /// while reporting only on the given paths (for pre-commit)
    #[arg(long, value_name = "DIR")]
    pub project_root: Option<PathBuf>,
    /// The oldest Python version the code must run on (py38 ... py314).
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    pub target_version: Option<PythonVersion>,
    /// Worker threads [default: one per core; at most 4 per core]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Read the source from stdin and check it as if it were this file
    /// (its configuration and per-file-ignores apply).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the safe fixes, write the files, and report what remains.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    pub fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too (they may change behaviour).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Apply the safe fixes and write the files, but report no remaining
    /// finding, and exit 0 for them (implies --fix).
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    pub fix_only: bool,
    /// Add a `# noqa: CODE` comment to every line with a finding, and exit.
    #[arg(long, conflicts_with_all = ["fix", "fix_only", "diff", "write_baseline", "baseline", "stdin_filename"])]
    pub add_noqa: bool,
    /// After --fix, list what was fixed in each file.
    #[arg(long)]
    pub show_fixes: bool,
    /// With --fix, exit 1 when a fix was applied, even if no finding remains.
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// Print a unified diff of what --fix would change; write nothing
    /// (exit 1 when there is a diff).
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,
    /// Check every file afresh: read no cache and write none.
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the cache of unchanged files in DIR [env: MEMWISE_CACHE_DIR]
    /// [default: .memwise_cache beside the nearest configuration].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Print the files that would be checked, and exit.
    #[arg(long, conflicts_with = "show_settings")]
    pub show_files: bool,
    /// Print the settings that apply to the first path, and exit.
    #[arg(long)]
    pub show_settings: bool,
}

fn parse_version(text: &str) -> Result<PythonVersion, String> {
    text.parse()
}

fn parse_pair(text: &str) -> Result<(String, String), memwise_linter::config::NotAPair> {
    memwise_linter::config::parse_per_file_ignore(text)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormatArg {
    Full,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
    Junit,
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}
