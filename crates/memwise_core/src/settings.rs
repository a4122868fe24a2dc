//! The part of the configuration that rules read while they run.

use std::fmt;
use std::str::FromStr;

use crate::python::TestPaths;

/// A Python minor version of 3.x, as in `target-version = "py310"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion {
    /// The major version (always 3 for the versions memwise accepts).
    pub major: u8,
    /// The minor version.
    pub minor: u8,
}

impl PythonVersion {
    /// The oldest version memwise accepts.
    pub const MIN: Self = Self::new(3, 8);
    /// The newest version memwise accepts.
    pub const MAX: Self = Self::new(3, 14);
    /// The version assumed when nothing says otherwise.
    pub const DEFAULT: Self = Self::new(3, 10);

    /// A version 3.`minor`.
    pub const fn new(major: u8, minor: u8) -> Self {
        Self { major, minor }
    }

    /// Every accepted version, oldest first.
    pub fn all() -> impl Iterator<Item = Self> {
        (Self::MIN.minor..=Self::MAX.minor).map(|minor| Self::new(3, minor))
    }
}

impl Default for PythonVersion {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "py{}{}", self.major, self.minor)
    }
}

impl FromStr for PythonVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected =
            || format!("`{s}` is not a target version: expected one of py38, py39, ... py314");
        let digits = s.strip_prefix("py").ok_or_else(expected)?;
        let minor = digits
            .strip_prefix('3')
            .and_then(|m| m.parse::<u8>().ok())
            .ok_or_else(expected)?;
        let version = Self::new(3, minor);
        if (Self::MIN..=Self::MAX).contains(&version) {
            Ok(version)
        } else {
            Err(expected())
        }
    }
}

/// Settings that change what a rule reports.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// The oldest Python version the checked code must run on.
    pub target_version: PythonVersion,
    /// The `test-paths` setting, read by [`crate::python::is_test_code`].
    pub test_paths: TestPaths,
}
