//! What the client says at `initialize`: the capabilities the server acts
//! on, read leniently from the raw JSON (a client that gets one unrelated
//! capability's shape wrong still gets a server), and the editor-level
//! overrides in `initializationOptions`.

use std::path::{Path, PathBuf};

use gen_lsp_types::PositionEncodingKind;
use memwise_linter::Overrides;
use serde::Deserialize;
use serde_json::Value;

use crate::position::Encoding;
use crate::uri;

/// The client's capabilities and settings that change what the server does.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// How positions count.
    pub encoding: Encoding,
    /// The client asks for diagnostics (`textDocument/diagnostic`) instead
    /// of being sent them.
    pub pull: bool,
    /// The client can be told to pull every document's diagnostics again.
    pub refresh: bool,
    /// The client watches files for the server when asked to.
    pub watch: bool,
    /// The first workspace folder (or the root URI's folder).
    pub root: Option<PathBuf>,
    /// Every workspace folder (or the root URI's folder): the project the
    /// index holds.
    pub roots: Vec<PathBuf>,
    /// The client shows `$/progress` for tokens the server creates.
    pub progress: bool,
    /// The editor-level overrides.
    pub options: InitOptions,
}

/// `initializationOptions`, all optional, in the editor's settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InitOptions {
    /// Replaces the rules the configuration selects.
    pub select: Option<Vec<String>>,
    /// Adds rules.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Removes rules.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Offers unsafe fixes as quick fixes (never in fix-all).
    #[serde(default)]
    pub unsafe_fixes: bool,
    /// A configuration file for every document, as `--config`; relative to
    /// the first workspace folder.
    pub config: Option<PathBuf>,
    /// Whether an open document whose path is excluded goes unchecked, as
    /// `--force-exclude`; true unless the editor says otherwise, as in
    /// ruff's server (a file opened from `.venv/` is not the project's).
    pub force_exclude: Option<bool>,
}

impl InitOptions {
    /// The overrides these options make, as the CLI's flags would.
    pub fn overrides(&self, root: Option<&Path>) -> Overrides {
        Overrides {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            config: self.config.as_ref().map(|config| match root {
                Some(root) if config.is_relative() => root.join(config),
                _ => config.clone(),
            }),
            force_exclude: Some(self.force_exclude.unwrap_or(true)),
            ..Overrides::default()
        }
    }
}

impl ClientSettings {
    /// Reads the `initialize` parameters. Errs with a message for options
    /// that cannot be read; the server then starts with none.
    pub fn from_initialize(params: &Value) -> (Self, Option<String>) {
        let flag = |pointer: &str| {
            params
                .pointer(pointer)
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let offered: Option<Vec<PositionEncodingKind>> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|value| serde_json::from_value(value.clone()).ok());
        let root = params
            .pointer("/workspaceFolders/0/uri")
            .or_else(|| params.get("rootUri"))
            .and_then(Value::as_str)
            .and_then(uri::to_path)
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        let folders: Vec<PathBuf> = params
            .get("workspaceFolders")
            .and_then(Value::as_array)
            .map(|folders| {
                folders
                    .iter()
                    .filter_map(|f| f.get("uri").and_then(Value::as_str).and_then(uri::to_path))
                    .collect()
            })
            .unwrap_or_default();
        let roots = if folders.is_empty() {
            root.iter().cloned().collect()
        } else {
            folders
        };
        let (options, error) = match params.get("initializationOptions") {
            None | Some(Value::Null) => (InitOptions::default(), None),
            Some(value) => match InitOptions::deserialize(value) {
                Ok(options) => (options, None),
                Err(error) => (
                    InitOptions::default(),
                    Some(format!("memwise: initializationOptions ignored: {error}")),
                ),
            },
        };
        let settings = Self {
            encoding: Encoding::negotiate(offered.as_deref()),
            pull: params
                .pointer("/capabilities/textDocument/diagnostic")
                .is_some_and(Value::is_object),
            refresh: flag("/capabilities/workspace/diagnostics/refreshSupport"),
            watch: flag("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration"),
            root,
            roots,
            progress: flag("/capabilities/window/workDoneProgress"),
            options,
        };
        (settings, error)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_capabilities_and_options() {
        let (settings, error) = ClientSettings::from_initialize(&json!({
            "capabilities": {
                "general": { "positionEncodings": ["utf-8", "utf-16"] },
                "textDocument": { "diagnostic": { "dynamicRegistration": false } },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
            },
            "workspaceFolders": [{ "uri": "file:///w", "name": "w" }],
            "initializationOptions": { "select": ["MEM1"], "unsafeFixes": true, "config": "m.toml" },
        }));
        assert_eq!(error, None);
        assert_eq!(settings.encoding, Encoding::Utf8);
        assert!(settings.pull && settings.watch && !settings.refresh);
        let overrides = settings.options.overrides(settings.root.as_deref());
        assert_eq!(overrides.config, Some(PathBuf::from("/w/m.toml")));
        assert!(settings.options.unsafe_fixes);
        let (settings, error) =
            ClientSettings::from_initialize(&json!({ "initializationOptions": { "selct": [] } }));
        assert_eq!(settings.encoding, Encoding::Utf16);
        assert!(error.is_some_and(|e| e.contains("selct")));
    }
}
