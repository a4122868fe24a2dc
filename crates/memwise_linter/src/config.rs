//! Configuration: `memwise.toml` or `[tool.memwise]` in `pyproject.toml`,
//! found from each checked folder upwards (nearest wins), merged with the
//! command line into the `Settings` a file is checked with. `resolver`
//! finds and reads the files, `python_version` reads the Python version a
//! project allows from its packaging files.

mod python_version;
mod resolver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use memwise_core::python::{PathMatcher, TestPaths};
use memwise_core::{PythonVersion, RuleSettings};
use serde::Deserialize;

use crate::checker::DispatchTable;
use crate::selection::{RuleSet, Selector};

pub use python_version::{parse_poetry_python, parse_requires_python};
pub(crate) use resolver::{FolderFacts, Stamp};
pub use resolver::{Resolver, absolute};

/// Names never walked unless `exclude` replaces this list: ruff's default
/// `exclude` (0.17, the same since 0.1), so a project excludes with memwise
/// what it excludes with ruff. Like ruff's, each entry matches a file or
/// folder by its name at any depth (`pkg/dist/` too), or a path relative to
/// the configuration's folder. `build` is not in it: ruff dropped it because
/// packages have `build/` folders of real source; `__pycache__` holds no
/// `.py` files to walk, and hidden folders (`.git`) are skipped anyway.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "__pypackages__",
    "_build",
    "buck-out",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
];

/// A configuration problem: the file it is in and what is wrong.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// The configuration file, or `command line`.
    pub path: String,
    /// What is wrong, on one line.
    pub message: String,
}

impl ConfigError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// The keys of `[tool.memwise]` / `memwise.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Replaces the default rule set.
    pub select: Option<Vec<String>>,
    /// Adds to the selected rules.
    pub extend_select: Option<Vec<String>>,
    /// Removes rules.
    pub ignore: Option<Vec<String>>,
    /// Replaces the default excluded folders and files.
    pub exclude: Option<Vec<String>>,
    /// Adds to the excluded folders and files.
    pub extend_exclude: Option<Vec<String>>,
    /// Glob → codes to ignore in matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// The oldest Python version the code must run on (`py38` ... `py314`).
    pub target_version: Option<String>,
    /// Globs of files that are test code besides the usual names and
    /// folders (relative to the config file, or a file name).
    pub test_paths: Option<Vec<String>>,
    /// Whether `.gitignore` files exclude paths (default true).
    pub respect_gitignore: Option<bool>,
    /// A folder whose files whole-project rules index, while findings are
    /// reported only for the checked paths (relative to the config file).
    pub project_root: Option<PathBuf>,
    /// Whether files named on the command line are excluded too, as ruff's
    /// `force-exclude` (pre-commit and editors name every file).
    pub force_exclude: Option<bool>,
    /// Whether memwise codes in noqa comments that are unknown or suppress
    /// nothing are warned about on stderr (default true).
    pub warn_unused_noqa: Option<bool>,
    /// Where the cache of unchanged files is kept (relative to the config
    /// file; default `.memwise_cache` beside it).
    pub cache_dir: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
    project: Option<PyprojectProject>,
}

#[derive(Deserialize)]
struct PyprojectTool {
    memwise: Option<Options>,
    poetry: Option<PoetryTool>,
}

#[derive(Deserialize)]
struct PoetryTool {
    dependencies: Option<std::collections::BTreeMap<String, toml::Value>>,
}

#[derive(Deserialize)]
struct PyprojectProject {
    #[serde(rename = "requires-python")]
    requires_python: Option<String>,
}

/// What the command line adds to or overrides in every configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: replaces `select`.
    pub select: Option<Vec<String>>,
    /// `--extend-select`.
    pub extend_select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--target-version`.
    pub target_version: Option<PythonVersion>,
    /// `--config FILE`: use this file for every checked path.
    pub config: Option<PathBuf>,
    /// `--project-root DIR`: replaces `project-root`.
    pub project_root: Option<PathBuf>,
    /// `--force-exclude` (`Some(true)`) or `--no-force-exclude`: whether
    /// excludes apply to files named on the command line.
    pub force_exclude: Option<bool>,
    /// `--exclude`: replaces `exclude`.
    pub exclude: Option<Vec<String>>,
    /// `--extend-exclude`: adds to `extend-exclude`.
    pub extend_exclude: Vec<String>,
    /// `--per-file-ignores` (`GLOB:CODES` pairs): replaces `per-file-ignores`.
    pub per_file_ignores: Option<Vec<(String, String)>>,
    /// `--extend-per-file-ignores`: adds to `per-file-ignores`.
    pub extend_per_file_ignores: Vec<(String, String)>,
    /// `--isolated`: read no configuration file.
    pub isolated: bool,
    /// `--cache-dir` or `MEMWISE_CACHE_DIR`: replaces `cache-dir`.
    pub cache_dir: Option<PathBuf>,
}

/// Everything that decides how one file is checked.
#[derive(Debug)]
pub struct Settings {
    /// The folder relative paths and globs are matched from.
    pub root: PathBuf,
    /// The configuration file these settings came from.
    pub config_path: Option<PathBuf>,
    /// The enabled rules.
    pub rules: RuleSet,
    /// The raw `exclude` patterns, for `--show-settings`-style output.
    pub exclude_patterns: Vec<String>,
    exclude: GlobSet,
    per_file_ignores: Vec<(GlobSet, RuleSet)>,
    per_file_ignore_patterns: Vec<(String, Vec<String>)>,
    /// Settings read by rules.
    pub rule_settings: RuleSettings,
    /// Whether `.gitignore` excludes paths.
    pub respect_gitignore: bool,
    /// The folder whole-project rules index (`project-root`, made absolute
    /// from the config file's folder), if set.
    pub project_root: Option<PathBuf>,
    /// Whether excludes apply to files named on the command line.
    pub force_exclude: bool,
    /// Whether unknown or unused memwise noqa codes are warned about.
    pub warn_unused_noqa: bool,
    /// Where the cache of unchanged files is kept (absolute): `cache-dir`,
    /// or `.memwise_cache` in `root`.
    pub cache_dir: PathBuf,
    /// The working directory, against which relative paths are made
    /// absolute before they are matched: globs are relative to `root`, and
    /// must match the same files whatever folder memwise runs from.
    cwd: PathBuf,
    /// The dispatch tables for other code and for test code.
    dispatch: [OnceLock<DispatchTable>; 2],
    /// The hashes the cache keys entries and walks with, made once: a warm
    /// run asks for them for every file and folder, from every thread.
    hashes: [OnceLock<u64>; 2],
}

/// Which of the hashes a [`Settings`] keeps.
#[derive(Clone, Copy)]
pub(crate) enum SettingsHash {
    /// What decides a file's findings.
    Entry = 0,
    /// What decides which entries of a folder a walk leaves out.
    Walk = 1,
}

impl Settings {
    /// The hash `which`, made by `make` the first time it is asked for.
    pub(crate) fn hash(&self, which: SettingsHash, make: impl FnOnce(&Self) -> u64) -> u64 {
        *self.hashes[which as usize].get_or_init(|| make(self))
    }

    /// The rules to call per node kind, in test code or elsewhere.
    pub fn dispatch(&self, test_code: bool) -> &DispatchTable {
        self.dispatch[usize::from(test_code)]
            .get_or_init(|| DispatchTable::new(&self.rules, test_code))
    }

    /// Whether a whole-project rule is enabled, so the per-file pass must
    /// leave a summary.
    pub fn summarize(&self) -> bool {
        memwise_rules::registry::project_rules()
            .iter()
            .any(|rule| self.rules.contains(rule.meta().code))
    }

    /// Whether `path` (a file or folder met while walking) is excluded: its
    /// name matches a pattern at any depth, or its path relative to `root`.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if let Some(name) = path.file_name()
            && self.exclude.is_match(Path::new(name))
        {
            return true;
        }
        let path = absolute(&self.cwd, path);
        path.strip_prefix(&self.root)
            .is_ok_and(|relative| self.exclude.is_match(relative))
    }

    /// Whether a file named on the command line is excluded under
    /// `--force-exclude`: the file or a folder it is in, below `root`,
    /// would not have been walked (ruff's `force-exclude` asks the same).
    pub fn is_force_excluded(&self, path: &Path) -> bool {
        let path = absolute(&self.cwd, path);
        if !path.starts_with(&self.root) {
            // Outside the configuration's folder only the file's own name
            // can match: the folders above say nothing about this project.
            return self.is_excluded(&path);
        }
        path.ancestors()
            .take_while(|ancestor| *ancestor != self.root)
            .any(|ancestor| self.is_excluded(ancestor))
    }

    /// A readable account of these settings, for `--show-settings`.
    pub fn describe(&self, path: &Path) -> String {
        let rules: Vec<&str> = self.rules.rules().map(|r| r.meta().code).collect();
        let config = self
            .config_path
            .as_ref()
            .map_or_else(|| "none (defaults)".to_owned(), |p| p.display().to_string());
        let per_file = if self.per_file_ignore_patterns.is_empty() {
            "none".to_owned()
        } else {
            self.per_file_ignore_patterns
                .iter()
                .map(|(glob, codes)| format!("{glob} = [{}]", codes.join(", ")))
                .collect::<Vec<_>>()
                .join("; ")
        };
        format!(
            "Settings for: {}\nconfig file: {config}\nroot: {}\nrules: {}\nexclude: [{}]\nper-file-ignores: {per_file}\ntest-paths: [{}]\ntarget-version: {}\nrespect-gitignore: {}\nforce-exclude: {}\nproject-root: {}\nwarn-unused-noqa: {}\ncache-dir: {}\n",
            path.display(),
            self.root.display(),
            rules.join(", "),
            self.exclude_patterns.join(", "),
            self.rule_settings.test_paths.patterns.join(", "),
            self.rule_settings.target_version,
            self.respect_gitignore,
            self.force_exclude,
            self.project_root
                .as_ref()
                .map_or_else(|| "none".to_owned(), |p| p.display().to_string()),
            self.warn_unused_noqa,
            self.cache_dir.display(),
        )
    }

    /// The rules `per-file-ignores` turns off for `path`.
    pub fn ignored_for(&self, path: &Path) -> RuleSet {
        let mut ignored = RuleSet::EMPTY;
        let path = absolute(&self.cwd, path);
        let path = path.as_path();
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let name = path.file_name().map(Path::new);
        for (globs, rules) in &self.per_file_ignores {
            if globs.is_match(relative) || name.is_some_and(|n| globs.is_match(n)) {
                for rule in rules.rules() {
                    ignored.insert(&Selector::Prefix(rule.meta().code.to_owned()));
                }
            }
        }
        ignored
    }

    fn build(
        cwd: &Path,
        root: PathBuf,
        config_path: Option<PathBuf>,
        options: &Options,
        requires_python: Option<PythonVersion>,
        overrides: &Overrides,
    ) -> Result<Self, ConfigError> {
        let origin = config_path
            .as_ref()
            .map_or_else(|| "command line".to_owned(), |p| p.display().to_string());
        let selectors = |entries: &[String], key: &str| -> Result<Vec<Selector>, ConfigError> {
            entries
                .iter()
                .map(|entry| {
                    Selector::parse(entry).map_err(|message| {
                        ConfigError::new(origin.clone(), format!("`{key}`: {message}"))
                    })
                })
                .collect()
        };
        let cli = |entries: &[String], flag: &str| -> Result<Vec<Selector>, ConfigError> {
            entries
                .iter()
                .map(|entry| {
                    Selector::parse(entry).map_err(|message| {
                        ConfigError::new("command line", format!("`{flag}`: {message}"))
                    })
                })
                .collect()
        };

        let mut rules = if let Some(select) = &overrides.select {
            let mut set = RuleSet::EMPTY;
            for selector in cli(select, "--select")? {
                set.insert(&selector);
            }
            set
        } else if let Some(select) = &options.select {
            let mut set = RuleSet::EMPTY;
            for selector in selectors(select, "select")? {
                set.insert(&selector);
            }
            set
        } else {
            RuleSet::defaults()
        };
        for selector in selectors(
            options.extend_select.as_deref().unwrap_or_default(),
            "extend-select",
        )? {
            rules.insert(&selector);
        }
        for selector in cli(&overrides.extend_select, "--extend-select")? {
            rules.insert(&selector);
        }
        for selector in selectors(options.ignore.as_deref().unwrap_or_default(), "ignore")? {
            rules.remove(&selector);
        }
        for selector in cli(&overrides.ignore, "--ignore")? {
            rules.remove(&selector);
        }

        let mut exclude_patterns: Vec<String> = match (&overrides.exclude, &options.exclude) {
            (Some(patterns), _) | (None, Some(patterns)) => patterns.clone(),
            (None, None) => DEFAULT_EXCLUDES.iter().map(|s| (*s).to_owned()).collect(),
        };
        exclude_patterns.extend(options.extend_exclude.iter().flatten().cloned());
        exclude_patterns.extend(overrides.extend_exclude.iter().cloned());
        let exclude = glob_set(&exclude_patterns)
            .map_err(|message| ConfigError::new(origin.clone(), format!("`exclude`: {message}")))?;

        // The command line's pairs replace (`--per-file-ignores`) or extend
        // (`--extend-per-file-ignores`) the file's table, as in ruff.
        let mut per_file_ignore_patterns: Vec<(String, Vec<String>)> =
            match &overrides.per_file_ignores {
                Some(pairs) => group_pairs(pairs),
                None => options
                    .per_file_ignores
                    .iter()
                    .flatten()
                    .map(|(glob, codes)| (glob.clone(), codes.clone()))
                    .collect(),
            };
        per_file_ignore_patterns.extend(group_pairs(&overrides.extend_per_file_ignores));
        let mut per_file_ignores = Vec::new();
        for (pattern, codes) in &per_file_ignore_patterns {
            let globs = glob_set(std::slice::from_ref(pattern)).map_err(|message| {
                ConfigError::new(origin.clone(), format!("`per-file-ignores`: {message}"))
            })?;
            let mut set = RuleSet::EMPTY;
            for selector in selectors(codes, "per-file-ignores")? {
                set.insert(&selector);
            }
            per_file_ignores.push((globs, set));
        }

        let configured = match &options.target_version {
            Some(text) => Some(text.parse::<PythonVersion>().map_err(|message| {
                ConfigError::new(origin.clone(), format!("`target-version`: {message}"))
            })?),
            None => None,
        };
        let target_version = overrides
            .target_version
            .or(configured)
            .or(requires_python)
            .unwrap_or_default();

        let test_patterns = options.test_paths.clone().unwrap_or_default();
        let matcher: Option<PathMatcher> = if test_patterns.is_empty() {
            None
        } else {
            let globs = glob_set(&test_patterns).map_err(|message| {
                ConfigError::new(origin.clone(), format!("`test-paths`: {message}"))
            })?;
            Some(Arc::new(move |path: &Path| globs.is_match(path)))
        };
        let test_paths = TestPaths {
            root: root.clone(),
            patterns: test_patterns,
            matcher,
        };

        let project_root = overrides
            .project_root
            .as_ref()
            .map(|p| absolute(cwd, p))
            .or_else(|| {
                options.project_root.as_ref().map(|p| {
                    if p.is_absolute() {
                        p.clone()
                    } else {
                        root.join(p)
                    }
                })
            });
        let cache_dir = overrides.cache_dir.as_ref().map_or_else(
            || {
                options
                    .cache_dir
                    .as_ref()
                    .map_or_else(|| root.join(".memwise_cache"), |p| absolute(&root, p))
            },
            |p| absolute(cwd, p),
        );
        Ok(Self {
            root,
            config_path,
            rules,
            exclude_patterns,
            exclude,
            per_file_ignores,
            per_file_ignore_patterns,
            rule_settings: RuleSettings {
                target_version,
                test_paths,
            },
            respect_gitignore: options.respect_gitignore.unwrap_or(true),
            project_root,
            force_exclude: overrides
                .force_exclude
                .or(options.force_exclude)
                .unwrap_or(false),
            warn_unused_noqa: options.warn_unused_noqa.unwrap_or(true),
            cache_dir,
            cwd: cwd.to_path_buf(),
            dispatch: [OnceLock::new(), OnceLock::new()],
            hashes: [OnceLock::new(), OnceLock::new()],
        })
    }
}

/// `GLOB:CODE` pairs from the command line, grouped by glob in order.
fn group_pairs(pairs: &[(String, String)]) -> Vec<(String, Vec<String>)> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (glob, code) in pairs {
        match grouped.iter_mut().find(|(g, _)| g == glob) {
            Some((_, codes)) => codes.push(code.clone()),
            None => grouped.push((glob.clone(), vec![code.clone()])),
        }
    }
    grouped
}

/// A command-line per-file-ignore that is not a `GLOB:CODE` pair.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a `GLOB:CODE` pair (such as `tests/*.py:MEM201`)")]
pub struct NotAPair(String);

/// Splits a command-line `GLOB:CODE` pair at its last colon.
pub fn parse_per_file_ignore(text: &str) -> Result<(String, String), NotAPair> {
    match text.rsplit_once(':') {
        Some((glob, code)) if !glob.is_empty() && !code.trim().is_empty() => {
            Ok((glob.to_owned(), code.trim().to_owned()))
        }
        _ => Err(NotAPair(text.to_owned())),
    }
}

/// A glob pattern in the configuration that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("invalid glob `{pattern}`: {source}")]
struct BadGlob {
    pattern: String,
    #[source]
    source: globset::Error,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, BadGlob> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob: Glob = GlobBuilder::new(pattern)
            .literal_separator(false)
            .build()
            .map_err(|source| BadGlob {
                pattern: pattern.clone(),
                source,
            })?;
        builder.add(glob);
    }
    builder.build().map_err(|source| BadGlob {
        pattern: patterns.join(", "),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requires_python_lower_bound() {
        assert_eq!(
            parse_requires_python(">=3.9"),
            Some(PythonVersion::new(3, 9))
        );
        assert_eq!(
            parse_requires_python(">=3.11, <4"),
            Some(PythonVersion::new(3, 11))
        );
        assert_eq!(
            parse_requires_python("~=3.12.1"),
            Some(PythonVersion::new(3, 12))
        );
        assert_eq!(parse_requires_python(">=3.6"), Some(PythonVersion::MIN));
        assert_eq!(parse_requires_python("<4"), None);
        for (constraint, minor) in [
            ("^3.9", 9),
            ("~3.10", 10),
            (">=3.9,<4.0", 9),
            ("3.11.*", 11),
            ("^3.12 || ^3.9", 9),
        ] {
            assert_eq!(
                parse_poetry_python(constraint),
                Some(PythonVersion::new(3, minor)),
                "{constraint}"
            );
        }
        assert_eq!(parse_poetry_python("*"), None);
    }
}
