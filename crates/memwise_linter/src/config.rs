//! Configuration: `memwise.toml` or `[tool.memwise]` in `pyproject.toml`,
//! found from each checked folder upwards (nearest wins), merged with the
//! command line into the `Settings` a file is checked with.

use std::collections::BTreeMap;

// Paths hash on every file and folder: FxHash, not SipHash (no untrusted keys).
use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use memwise_core::python::{PathMatcher, TestPaths};
use memwise_core::{PythonVersion, RuleSettings};
use serde::Deserialize;

use crate::checker::DispatchTable;
use crate::lock;
use crate::selection::{RuleSet, Selector};

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
}

impl Settings {
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

/// Splits a command-line `GLOB:CODE` pair at its last colon.
pub fn parse_per_file_ignore(text: &str) -> Result<(String, String), String> {
    match text.rsplit_once(':') {
        Some((glob, code)) if !glob.is_empty() && !code.trim().is_empty() => {
            Ok((glob.to_owned(), code.trim().to_owned()))
        }
        _ => Err(format!(
            "`{text}` is not a `GLOB:CODE` pair (such as `tests/*.py:MEM201`)"
        )),
    }
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob: Glob = GlobBuilder::new(pattern)
            .literal_separator(false)
            .build()
            .map_err(|e| format!("invalid glob `{pattern}`: {e}"))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| e.to_string())
}

/// The lowest Python version a `requires-python` specifier allows.
pub fn parse_requires_python(specifier: &str) -> Option<PythonVersion> {
    specifier
        .split(',')
        .filter_map(|clause| {
            let clause = clause.trim();
            let version = clause
                .strip_prefix(">=")
                .or_else(|| clause.strip_prefix("~="))
                .or_else(|| clause.strip_prefix("=="))
                .or_else(|| clause.strip_prefix('>'))?;
            python3_version(version)
        })
        .min()
        .map(|v| v.clamp(PythonVersion::MIN, PythonVersion::MAX))
}

/// `3.9` or `3.9.1` (a missing minor is 0) as a Python 3 version; any
/// other major version is not one memwise targets.
fn python3_version(version: &str) -> Option<PythonVersion> {
    let mut parts = version.trim().split('.');
    let major: u8 = parts.next()?.trim().parse().ok()?;
    let minor: u8 = parts
        .next()
        .and_then(|m| m.trim().parse().ok())
        .unwrap_or(0);
    (major == 3).then(|| PythonVersion::new(3, minor))
}

/// The lowest Python version a Poetry constraint allows: `^3.9`, `~3.9`,
/// `>=3.9,<4.0`, `3.9.*`, `3.9`, alternatives joined by `||`.
pub fn parse_poetry_python(constraint: &str) -> Option<PythonVersion> {
    constraint
        .split("||")
        .filter_map(|alternative| {
            alternative
                .split(',')
                .filter_map(|clause| {
                    let clause = clause.trim();
                    let version = clause
                        .strip_prefix(">=")
                        .or_else(|| clause.strip_prefix("=="))
                        .or_else(|| clause.strip_prefix('^'))
                        .or_else(|| clause.strip_prefix("~="))
                        .or_else(|| clause.strip_prefix('~'))
                        .or_else(|| clause.strip_prefix('>'))
                        .or_else(|| clause.strip_prefix('='))
                        .or_else(|| {
                            clause
                                .starts_with(|c: char| c.is_ascii_digit())
                                .then_some(clause)
                        })?;
                    python3_version(version)
                })
                .min()
        })
        .min()
        .map(|v| v.clamp(PythonVersion::MIN, PythonVersion::MAX))
}

/// The oldest Python version the packaging files of a folder other than
/// `pyproject.toml` allow, in the spec's order: `setup.cfg` `[options]
/// python_requires`, a literal `python_requires=` in `setup.py`, then
/// `Requires-Python` in `PKG-INFO` (or an unpacked wheel's `METADATA`).
fn packaging_requires_python(dir: &Path) -> Option<PythonVersion> {
    let read = |name: &str| {
        let path = dir.join(name);
        path.is_file()
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten()
    };
    if let Some(text) = read("setup.cfg") {
        let mut in_options = false;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                in_options = line == "[options]";
            } else if in_options
                && let Some((key, value)) = line.split_once('=')
                && key.trim() == "python_requires"
                && let Some(version) = parse_requires_python(value.trim())
            {
                return Some(version);
            }
        }
    }
    if let Some(text) = read("setup.py") {
        for (at, _) in text.match_indices("python_requires") {
            let rest = text[at + "python_requires".len()..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start();
            // Only a plain string literal: an f-string or a name is not read.
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                continue;
            };
            let body = &rest[1..];
            if let Some(end) = body.find(quote)
                && let Some(version) = parse_requires_python(&body[..end])
            {
                return Some(version);
            }
        }
    }
    // An sdist has `PKG-INFO`; an unpacked wheel has the same fields in its
    // one `*.dist-info/METADATA` (several, as in `site-packages`, say nothing
    // about the folder's own code).
    let text = read("PKG-INFO").or_else(|| {
        let mut infos = std::fs::read_dir(dir).ok()?.filter_map(|entry| {
            let path = entry.ok()?.path();
            path.extension()
                .is_some_and(|e| e == "dist-info")
                .then_some(path)
        });
        let info = infos.next()?;
        if infos.next().is_some() {
            return None;
        }
        std::fs::read_to_string(info.join("METADATA")).ok()
    })?;
    text.lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| line.strip_prefix("Requires-Python:"))
        .and_then(|value| parse_requires_python(value.trim()))
}

/// A configuration file found in a folder.
#[derive(Clone)]
struct Found {
    path: PathBuf,
    options: Option<Options>,
    requires_python: Option<PythonVersion>,
}

fn read_config_file(path: &Path) -> Result<Found, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::new(shown.clone(), crate::io_reason(&e)))?;
    let toml_error = |e: toml::de::Error| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let message = e.message().trim().replace('\n', " ");
        match line {
            Some(line) => ConfigError::new(shown.clone(), format!("line {line}: {message}")),
            None => ConfigError::new(shown.clone(), message),
        }
    };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    if is_pyproject {
        let pyproject: Pyproject = toml::from_str(&text).map_err(toml_error)?;
        let (memwise, poetry) = pyproject
            .tool
            .map_or((None, None), |t| (t.memwise, t.poetry));
        // Poetry's `python` dependency: a string, or a table with `version`.
        let poetry_python = poetry
            .and_then(|p| p.dependencies)
            .and_then(|d| d.get("python").cloned())
            .and_then(|v| match v {
                toml::Value::String(s) => Some(s),
                toml::Value::Table(t) => {
                    t.get("version").and_then(|v| v.as_str()).map(str::to_owned)
                }
                _ => None,
            })
            .and_then(|s| parse_poetry_python(&s));
        Ok(Found {
            path: path.to_owned(),
            options: memwise,
            requires_python: pyproject
                .project
                .and_then(|p| p.requires_python)
                .and_then(|s| parse_requires_python(&s))
                .or(poetry_python),
        })
    } else {
        let options: Options = toml::from_str(&text).map_err(toml_error)?;
        Ok(Found {
            path: path.to_owned(),
            options: Some(options),
            requires_python: None,
        })
    }
}

/// Finds and caches the settings for each folder.
pub struct Resolver {
    overrides: Overrides,
    cwd: PathBuf,
    forced: Option<Result<Arc<Settings>, ConfigError>>,
    cache: Mutex<HashMap<PathBuf, Result<Arc<Settings>, ConfigError>>>,
    /// Parsed configuration files: every folder below a `pyproject.toml`
    /// looks at it, and parsing TOML once per folder cost more than checking.
    files: Mutex<HashMap<PathBuf, Result<Found, ConfigError>>>,
    /// Settings by what determines them, so the folders below one
    /// configuration share one `Settings` (a compiled glob set and a dispatch
    /// table each) instead of building their own.
    built: Mutex<HashMap<SettingsKey, Arc<Settings>>>,
    states: Mutex<HashMap<PathBuf, Result<FolderState, ConfigError>>>,
}

type SettingsKey = (Option<PathBuf>, Option<PythonVersion>);

/// A folder's nearest memwise configuration, and the nearest
/// `requires-python` between the folder and it.
type FolderState = (Option<Arc<Found>>, Option<PythonVersion>);

impl Resolver {
    /// A resolver for a run with these command-line overrides.
    pub fn new(overrides: Overrides) -> Result<Self, ConfigError> {
        let cwd = std::env::current_dir()
            .map_err(|e| ConfigError::new("current directory", crate::io_reason(&e)))?;
        let forced = match &overrides.config {
            Some(path) => {
                let absolute = absolute(&cwd, path);
                let found = read_config_file(&absolute).map_err(|mut e| {
                    e.path = path.display().to_string();
                    e
                })?;
                let root = absolute
                    .parent()
                    .map_or_else(|| cwd.clone(), Path::to_path_buf);
                let options = found.options.unwrap_or_default();
                Some(
                    Settings::build(
                        &cwd,
                        root,
                        Some(path.clone()),
                        &options,
                        found.requires_python,
                        &overrides,
                    )
                    .map(Arc::new),
                )
            }
            None => None,
        };
        // Command-line selectors are checked once, up front, so a typo is one
        // error rather than one per folder.
        Settings::build(
            &cwd,
            cwd.clone(),
            None,
            &Options::default(),
            None,
            &overrides,
        )?;
        Ok(Self {
            overrides,
            cwd,
            forced,
            cache: Mutex::new(HashMap::default()),
            files: Mutex::new(HashMap::default()),
            built: Mutex::new(HashMap::default()),
            states: Mutex::new(HashMap::default()),
        })
    }

    /// `path` made absolute against the working directory.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        absolute(&self.cwd, path)
    }

    /// The settings for a file (by its folder).
    pub fn settings_for_file(&self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        let absolute = absolute(&self.cwd, file);
        let dir = absolute.parent().unwrap_or(&absolute).to_path_buf();
        self.settings_for_dir(&dir)
    }

    /// The settings for a folder: the nearest configuration at or above it.
    pub fn settings_for_dir(&self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        // Walked paths are looked up as they are first: making them absolute
        // allocates, and every walked entry asks.
        if let Some(hit) = self.settings_cache().get(dir) {
            return hit.clone();
        }
        let absolute_dir = absolute(&self.cwd, dir);
        let result = self
            .folder_state(&absolute_dir)
            .and_then(|(config, between)| match config {
                Some(config) => {
                    let requires_python = config.requires_python.or(between);
                    self.build_shared((Some(config.path.clone()), requires_python), || {
                        let root = config.path.parent().unwrap_or(&self.cwd).to_path_buf();
                        Settings::build(
                            &self.cwd,
                            root,
                            Some(relative_to(&self.cwd, &config.path)),
                            config.options.as_ref().unwrap_or(&Options::default()),
                            requires_python,
                            &self.overrides,
                        )
                    })
                }
                None => self.build_shared((None, between), || {
                    Settings::build(
                        &self.cwd,
                        self.cwd.clone(),
                        None,
                        &Options::default(),
                        between,
                        &self.overrides,
                    )
                }),
            });
        let mut cache = self.settings_cache();
        cache.insert(absolute_dir, result.clone());
        cache.insert(dir.to_path_buf(), result.clone());
        result
    }

    /// The nearest memwise configuration at or above `dir`, and the nearest
    /// `requires-python` below it (or anywhere above, without one). Built on
    /// the parent's state, so each folder costs two `stat`s.
    fn folder_state(&self, dir: &Path) -> Result<FolderState, ConfigError> {
        if let Some(hit) = self.states().get(dir) {
            return hit.clone();
        }
        let result = self.folder_state_uncached(dir);
        self.states().insert(dir.to_path_buf(), result.clone());
        result
    }

    fn folder_state_uncached(&self, dir: &Path) -> Result<FolderState, ConfigError> {
        if self.overrides.isolated {
            return Ok((None, None));
        }
        let mut own_requires_python = None;
        for file in ["memwise.toml", "pyproject.toml"] {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            let found = self.read_cached(&path)?;
            own_requires_python = own_requires_python.or(found.requires_python);
            if found.options.is_some() {
                let mut found = found;
                found.requires_python = found
                    .requires_python
                    .or_else(|| packaging_requires_python(dir));
                return Ok((Some(Arc::new(found)), None));
            }
        }
        if own_requires_python.is_none() {
            own_requires_python = packaging_requires_python(dir);
        }
        let (config, between) = match dir.parent() {
            Some(parent) => self.folder_state(parent)?,
            None => (None, None),
        };
        Ok((config, own_requires_python.or(between)))
    }

    fn states(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Result<FolderState, ConfigError>>> {
        lock(&self.states)
    }

    fn settings_cache(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Result<Arc<Settings>, ConfigError>>> {
        lock(&self.cache)
    }

    fn read_cached(&self, path: &Path) -> Result<Found, ConfigError> {
        let files = || lock(&self.files);
        if let Some(hit) = files().get(path) {
            return hit.clone();
        }
        let result = read_config_file(path).map_err(|mut e| {
            e.path = relative_to(&self.cwd, path).display().to_string();
            e
        });
        files().insert(path.to_path_buf(), result.clone());
        result
    }

    fn build_shared(
        &self,
        key: SettingsKey,
        make: impl FnOnce() -> Result<Settings, ConfigError>,
    ) -> Result<Arc<Settings>, ConfigError> {
        let shared = || lock(&self.built);
        if let Some(hit) = shared().get(&key) {
            return Ok(Arc::clone(hit));
        }
        let settings = Arc::new(make()?);
        Ok(Arc::clone(shared().entry(key).or_insert(settings)))
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` folded lexically.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn relative_to(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
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
