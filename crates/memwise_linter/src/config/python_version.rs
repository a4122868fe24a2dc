//! The oldest Python version a project allows, read from its packaging
//! files: `requires-python`, Poetry's `python` dependency, `setup.cfg`,
//! `setup.py` and `PKG-INFO`/`METADATA`.

use std::path::{Path, PathBuf};

use memwise_core::PythonVersion;

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

/// Whether a folder entry named `name` is an unpacked wheel's metadata
/// folder: its extension, as `Path::extension` tells it, is `dist-info`
/// (a name that ends so but is only `.dist-info` has none).
fn is_dist_info(name: &[u8]) -> bool {
    const ENDING: &[u8] = b".dist-info";
    name.len() > ENDING.len() && name.ends_with(ENDING)
}

/// The oldest Python version the packaging files of a folder other than
/// `pyproject.toml` allow, in the spec's order: `setup.cfg` `[options]
/// python_requires`, a literal `python_requires=` in `setup.py`, then
/// `Requires-Python` in `PKG-INFO` (or an unpacked wheel's `METADATA`), or
/// failing that the oldest `Programming Language :: Python :: 3.X`
/// classifier there. Every file and folder it looks into is added to `read`, so that the
/// answer can be kept for as long as they do not change.
pub(super) fn packaging_requires_python(
    dir: &Path,
    read_paths: &mut Vec<PathBuf>,
) -> Option<PythonVersion> {
    let read_paths = std::cell::RefCell::new(read_paths);
    let read = |name: &str| {
        let path = dir.join(name);
        path.is_file()
            .then(|| {
                let text = std::fs::read_to_string(&path).ok();
                read_paths.borrow_mut().push(path);
                text
            })
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
        // Told by the entry's name: joining every entry to the folder and
        // parsing the path back for its extension cost about 600
        // instructions an entry, in every folder a run configures (8,205
        // entries on a tenth of the benchmark corpus).
        let mut infos = std::fs::read_dir(dir).ok()?.filter_map(|entry| {
            let entry = entry.ok()?;
            is_dist_info(entry.file_name().as_encoded_bytes()).then(|| entry.path())
        });
        let info = infos.next()?;
        if infos.next().is_some() {
            return None;
        }
        let metadata = info.join("METADATA");
        let text = std::fs::read_to_string(&metadata).ok();
        let mut read_paths = read_paths.borrow_mut();
        read_paths.push(info);
        read_paths.push(metadata);
        text
    })?;
    let headers = || text.lines().take_while(|line| !line.is_empty());
    headers()
        .find_map(|line| line.strip_prefix("Requires-Python:"))
        .and_then(|value| parse_requires_python(value.trim()))
        // Without `Requires-Python` (hydra-core's wheel), the trove
        // classifiers still say which versions the package supports: the
        // oldest `Programming Language :: Python :: 3.X` listed.
        .or_else(|| {
            headers()
                .filter_map(|line| {
                    line.strip_prefix("Classifier:")?
                        .trim()
                        .strip_prefix("Programming Language :: Python :: 3.")
                })
                .filter_map(|minor| python3_version(&format!("3.{minor}")))
                .min()
        })
        // Classifiers outlive the versions a package still runs on
        // (openwisp-monitoring lists 3.4 and uses `:=`): older than memwise
        // supports is the oldest it does, as for `requires-python`.
        .map(|v| v.clamp(PythonVersion::MIN, PythonVersion::MAX))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::is_dist_info;

    #[test]
    fn dist_info_is_told_by_name_as_by_extension() {
        for name in [
            "x-1.0.dist-info",
            "x.dist-info",
            ".dist-info",
            "..dist-info",
            "dist-info",
            "x.dist-info.bak",
            "x.DIST-INFO",
            "x.egg-info",
            "xdist-info",
            "",
        ] {
            assert_eq!(
                is_dist_info(name.as_bytes()),
                Path::new("/folder")
                    .join(name)
                    .extension()
                    .is_some_and(|e| e == "dist-info"),
                "{name}"
            );
        }
    }
}
