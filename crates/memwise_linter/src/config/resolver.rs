//! Finding each folder's configuration: the nearest `memwise.toml` or
//! `pyproject.toml` upwards, read once and shared by the folders below it.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

// Paths hash on every file and folder: FxHash, not SipHash (no untrusted keys).
use rustc_hash::FxHashMap as HashMap;

use memwise_core::PythonVersion;
use memwise_core::python::folded;

use super::python_version::{
    packaging_requires_python, parse_poetry_python, parse_requires_python,
};
use super::{ConfigError, Options, Overrides, Pyproject, Settings};
use crate::lock;

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
    /// By the folder's path as text, as given and made absolute: hashing a
    /// `Path` walks its components, and every walked entry and every
    /// checked file asks (two spellings of a folder only cost two entries).
    cache: Mutex<HashMap<OsString, Result<Arc<Settings>, ConfigError>>>,
    /// Parsed configuration files: every folder below a `pyproject.toml`
    /// looks at it, and parsing TOML once per folder cost more than checking.
    files: Mutex<HashMap<PathBuf, Result<Found, ConfigError>>>,
    /// Settings by what determines them, so the folders below one
    /// configuration share one `Settings` (a compiled glob set and a dispatch
    /// table each) instead of building their own.
    built: Mutex<HashMap<SettingsKey, Arc<Settings>>>,
    states: Mutex<HashMap<OsString, Result<FolderState, ConfigError>>>,
    /// Folders' own facts kept by an earlier run (the cache's), to be
    /// checked with a `stat` of the folder instead of looked for again; by
    /// the folder's path as text, as `cache` is.
    kept: Mutex<HashMap<OsString, FolderFacts>>,
    /// The facts found in this run that differ from the kept ones.
    learned: Mutex<HashMap<OsString, FolderFacts>>,
}

/// A file's version and identity as `stat` tells them (links followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Modification time, in nanoseconds since the epoch.
    pub mtime: u64,
    /// Size in bytes.
    pub size: u64,
    /// Inode number (0 where there are none).
    pub inode: u64,
    /// A hash of a file's bytes (0 for a folder): configuration files are
    /// few and small, and a rewrite can keep a file's time and size.
    pub content: u64,
}

impl Stamp {
    /// The stamp of `path` now, if it exists and its modification time is
    /// old enough to be trusted: within a tick of the file system's clock
    /// a change can keep the time (git's "racily clean").
    fn settled(path: &Path) -> Option<Self> {
        Self::settled_as(path, &std::fs::metadata(path).ok()?)
    }

    /// [`Stamp::settled`] of `path`, whose `stat` gave `metadata`.
    fn settled_as(path: &Path, metadata: &std::fs::Metadata) -> Option<Self> {
        let mtime = metadata.modified().ok()?;
        let age = std::time::SystemTime::now().duration_since(mtime).ok()?;
        if age < std::time::Duration::from_secs(2) {
            return None;
        }
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        let content = if metadata.is_file() {
            crate::cache::hash_bytes(&std::fs::read(path).ok()?)
        } else {
            0
        };
        Some(Self {
            mtime: u64::try_from(mtime.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
                .ok()?,
            size: metadata.len(),
            inode,
            content,
        })
    }
}

/// What a folder itself says about configuration, not what it inherits:
/// which of its files configures memwise, and the `requires-python` its
/// own files give. It holds while the folder's entries do not change (its
/// modification time) and the files read for it do not (their stamps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFacts {
    /// The folder's stamp when the facts were found.
    pub stamp: Stamp,
    /// The files and folders read for them, with their stamps.
    pub read: Vec<(PathBuf, Stamp)>,
    /// Its `memwise.toml` or `pyproject.toml` with a `[tool.memwise]`.
    pub config: Option<PathBuf>,
    /// The oldest Python its own files allow.
    pub requires_python: Option<PythonVersion>,
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
            kept: Mutex::new(HashMap::default()),
            learned: Mutex::new(HashMap::default()),
        })
    }

    /// `path` made absolute against the working directory.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        absolute(&self.cwd, path)
    }

    /// The settings for a file (by its folder).
    pub fn settings_for_file(&self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        // A file's folder as given is most often known already: looking it
        // up so spares making the file's path absolute.
        if matches!(file.components().next_back(), Some(Component::Normal(_)))
            && let Some(parent) = file.parent()
        {
            return self.settings_for_dir(parent);
        }
        let absolute = absolute(&self.cwd, file);
        let dir = absolute.parent().unwrap_or(&absolute).to_path_buf();
        self.settings_for_dir(&dir)
    }

    /// The settings for a folder: the nearest configuration at or above it.
    pub fn settings_for_dir(&self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        self.settings_for_dir_as(dir, None)
    }

    /// [`Resolver::settings_for_dir`] of a folder whose `stat` (links
    /// followed) gave `metadata` just now: a replayed walk has stamped each
    /// folder already, and the folder's own facts are checked against the
    /// same `stat` instead of a second one.
    pub(crate) fn settings_for_stated_dir(
        &self,
        dir: &Path,
        metadata: &std::fs::Metadata,
    ) -> Result<Arc<Settings>, ConfigError> {
        self.settings_for_dir_as(dir, Some(metadata))
    }

    fn settings_for_dir_as(
        &self,
        dir: &Path,
        metadata: Option<&std::fs::Metadata>,
    ) -> Result<Arc<Settings>, ConfigError> {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        // Walked paths are looked up as they are first: making them absolute
        // allocates, and every walked entry asks.
        if let Some(hit) = self.settings_cache().get(dir.as_os_str()) {
            return hit.clone();
        }
        let absolute_dir = absolute(&self.cwd, dir);
        let result = self
            .folder_state(&absolute_dir, metadata)
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
        if absolute_dir.as_os_str() != dir.as_os_str() {
            cache.insert(dir.as_os_str().to_owned(), result.clone());
        }
        cache.insert(absolute_dir.into_os_string(), result.clone());
        result
    }

    /// The nearest memwise configuration at or above `dir`, and the nearest
    /// `requires-python` below it (or anywhere above, without one). Built on
    /// the parent's state, so each folder costs a `stat` (none when its
    /// `metadata` is given) when its facts are kept.
    fn folder_state(
        &self,
        dir: &Path,
        metadata: Option<&std::fs::Metadata>,
    ) -> Result<FolderState, ConfigError> {
        if let Some(hit) = self.states().get(dir.as_os_str()) {
            return hit.clone();
        }
        let result = self.folder_state_uncached(dir, metadata);
        self.states()
            .insert(dir.as_os_str().to_owned(), result.clone());
        result
    }

    fn folder_state_uncached(
        &self,
        dir: &Path,
        metadata: Option<&std::fs::Metadata>,
    ) -> Result<FolderState, ConfigError> {
        if self.overrides.isolated {
            return Ok((None, None));
        }
        let own = self.own_facts(dir, metadata)?;
        if let Some(path) = own.config {
            let mut found = self.read_cached(&path)?;
            found.requires_python = own.requires_python;
            return Ok((Some(Arc::new(found)), None));
        }
        let (config, between) = match dir.parent() {
            Some(parent) => self.folder_state(parent, None)?,
            None => (None, None),
        };
        Ok((config, own.requires_python.or(between)))
    }

    /// What `dir` itself says: kept from an earlier run when the folder
    /// and the files read for it are as they were (a `stat` each; most
    /// folders have none), else looked for (two `stat`s, a listing of the
    /// folder, and the packaging files read). `metadata` is the folder's
    /// `stat`, if the caller made one.
    fn own_facts(
        &self,
        dir: &Path,
        metadata: Option<&std::fs::Metadata>,
    ) -> Result<FolderFacts, ConfigError> {
        let stamp = match metadata {
            Some(metadata) => Stamp::settled_as(dir, metadata),
            None => Stamp::settled(dir),
        };
        let kept = stamp.and_then(|stamp| {
            let kept = lock(&self.kept).get(dir.as_os_str()).cloned()?;
            (kept.stamp == stamp
                && kept
                    .read
                    .iter()
                    .all(|(path, was)| Stamp::settled(path) == Some(*was)))
            .then_some(kept)
        });
        // Facts that still hold are kept as they are: nothing to learn.
        if let Some(kept) = kept {
            return Ok(kept);
        }
        let mut read = Vec::new();
        let mut config = None;
        let mut requires_python = None;
        for file in ["memwise.toml", "pyproject.toml"] {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            let found = self.read_cached(&path)?;
            read.push(path.clone());
            requires_python = requires_python.or(found.requires_python);
            if found.options.is_some() {
                config = Some(path);
                break;
            }
        }
        if requires_python.is_none() {
            requires_python = packaging_requires_python(dir, &mut read);
        }
        let stamps: Option<Vec<(PathBuf, Stamp)>> = read
            .into_iter()
            .map(|path| Stamp::settled(&path).map(|stamp| (path, stamp)))
            .collect();
        let facts = FolderFacts {
            // A placeholder when the facts are not to be kept.
            stamp: stamp.unwrap_or(Stamp {
                mtime: 0,
                size: 0,
                inode: 0,
                content: 0,
            }),
            read: stamps.clone().unwrap_or_default(),
            config,
            requires_python,
        };
        // Kept only if the folder and every file read were settled before
        // they were looked at: a change after that moves a stamp.
        if stamp.is_some() && stamps.is_some() {
            lock(&self.learned).insert(dir.as_os_str().to_owned(), facts.clone());
        }
        Ok(facts)
    }

    /// Gives the resolver the folders' facts an earlier run kept.
    pub(crate) fn keep_folders(&self, facts: HashMap<OsString, FolderFacts>) {
        // A warm run looks up about as many folders as were kept: sized
        // once, the maps are not grown and rehashed on the way (a tenth of
        // the lookups of a replayed walk).
        self.states().reserve(facts.len());
        self.settings_cache().reserve(facts.len());
        *lock(&self.kept) = facts;
    }

    /// The folders' facts to keep for the next run, if any differs from
    /// what was kept: those of this run, and those kept for folders this
    /// run did not look at.
    pub(crate) fn folders_to_keep(&self) -> Option<HashMap<OsString, FolderFacts>> {
        let learned = std::mem::take(&mut *lock(&self.learned));
        let mut all = std::mem::take(&mut *lock(&self.kept));
        let changed = learned
            .iter()
            .any(|(dir, facts)| all.get(dir) != Some(facts));
        if !changed {
            return None;
        }
        all.extend(learned);
        Some(all)
    }

    fn states(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<OsString, Result<FolderState, ConfigError>>> {
        lock(&self.states)
    }

    fn settings_cache(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<OsString, Result<Arc<Settings>, ConfigError>>> {
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
    // Most paths a run meets (walked under the root as given, or made
    // absolute once) need no folding: joined, not pushed component by
    // component.
    if let Some(plain) = plain_absolute(cwd, path) {
        return plain;
    }
    // `cwd.join` of an absolute path is that path.
    folded(&cwd.join(path))
}

/// [`absolute`] of a path that needs no folding: absolute, or relative
/// (after any leading `./`) to a `cwd` that needs none either, with no
/// `.` or `..` component, no doubled or final separator (a name that
/// starts with a dot is left to the general case too).
fn plain_absolute(cwd: &Path, path: &Path) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt as _;
        let is_plain = |bytes: &[u8]| {
            bytes.len() == 1
                || (!bytes.windows(2).any(|w| w == b"//" || w == b"/.")
                    && bytes.last() != Some(&b'/'))
        };
        let mut bytes = path.as_os_str().as_encoded_bytes();
        if bytes.first() == Some(&b'/') {
            return is_plain(bytes).then(|| path.to_path_buf());
        }
        while let Some(rest) = bytes.strip_prefix(b"./") {
            bytes = rest;
        }
        let base = cwd.as_os_str().as_encoded_bytes();
        if bytes.is_empty()
            || bytes[0] == b'.'
            || !is_plain(bytes)
            || base.first() != Some(&b'/')
            || !is_plain(base)
        {
            return None;
        }
        let mut joined = Vec::with_capacity(base.len() + 1 + bytes.len());
        joined.extend_from_slice(base);
        if base.len() > 1 {
            joined.push(b'/');
        }
        joined.extend_from_slice(bytes);
        Some(PathBuf::from(std::ffi::OsString::from_vec(joined)))
    }
    #[cfg(not(unix))]
    {
        let _ = (cwd, path);
        None
    }
}

fn relative_to(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_made_absolute_as_any_other() {
        let paths = [
            "a", "a/b", "./a/b", "././a", "a/b/", "/x/y", "/x/./y", "/x/../y", "../a", ".a/b",
            "a/.b", "", ".", "/", "a//b", "./", "/x//y", "/x/y/", "a/..", "a/.../b",
        ];
        for cwd in ["/", "/work", "/work/.hidden", "/a//b", "/w/x/"] {
            for path in paths {
                let (cwd, path) = (Path::new(cwd), Path::new(path));
                assert_eq!(
                    absolute(cwd, path),
                    folded(&cwd.join(path)),
                    "{} in {}",
                    path.display(),
                    cwd.display()
                );
            }
        }
    }
}
