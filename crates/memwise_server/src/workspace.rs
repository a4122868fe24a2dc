//! The settings and the workspace: the editor's overrides and the
//! configuration files (read again when they change), and the workspace
//! index (built in the background, merged between messages, kept current
//! as files change on disk or in the editor).

use std::path::Path;
use std::sync::Arc;

use gen_lsp_types as lsp;
use memwise_linter::Resolver;
use memwise_linter::project_index::ProjectIndex;
use serde_json::{Value, json};

use crate::index::Event;
use crate::server::{PROGRESS_STEP, Server};

impl Server<'_> {
    /// Builds the resolver for the editor's overrides; on an error (a
    /// misspelt rule in the options), logs it and uses no overrides.
    pub(crate) fn load_settings(&mut self) {
        let overrides = self.client.options.overrides(self.client.root.as_deref());
        self.resolver = match Resolver::new(overrides) {
            Ok(resolver) => Some(resolver),
            Err(error) => {
                self.log(
                    lsp::MessageType::Error,
                    format!("memwise: the editor's settings are ignored: {error}"),
                );
                Resolver::new(memwise_linter::Overrides::default()).ok()
            }
        }
        .map(Arc::new);
    }

    /// A configuration file changed: forget what was read, check again.
    pub(crate) fn reload(&mut self) {
        self.load_settings();
        // The settings of every indexed file may have changed with it.
        self.start_index();
        for document in self.documents.values_mut() {
            document.diagnostics = None;
        }
        if self.client.pull {
            if self.client.refresh {
                self.request("workspace/diagnostic/refresh", Value::Null);
            }
        } else {
            self.dirty.extend(self.documents.keys().cloned());
        }
    }

    /// Another file's summary changed: the open documents (but `except`,
    /// the one that changed) are checked again.
    pub(crate) fn project_changed(&mut self, except: Option<&str>) {
        for (uri, document) in &mut self.documents {
            let owner = document.notebook.as_ref().unwrap_or(uri);
            if Some(owner.as_str()) == except {
                continue;
            }
            document.diagnostics = None;
            if !self.client.pull {
                self.stale.insert(owner.clone());
            }
        }
        self.refresh_wanted = true;
    }

    /// Asks a pulling client to pull every document again, if the project
    /// changed since it last did.
    pub(crate) fn send_refresh(&mut self) {
        if self.client.pull && self.client.refresh && self.refresh_wanted {
            self.refresh_wanted = false;
            self.request("workspace/diagnostic/refresh", Value::Null);
        }
    }

    /// Whether `path` is in a workspace folder: the project the index holds.
    pub(crate) fn in_workspace(&self, path: &Path) -> bool {
        self.client.roots.iter().any(|root| path.starts_with(root))
    }

    /// Reads `path` from disk into the index again (or forgets it, and all
    /// under it, once deleted); an open document's summary is its buffer's
    /// and stays. Whether the index changed.
    pub(crate) fn refresh_from_disk(&mut self, path: &Path, deleted: bool) -> bool {
        if !self.in_workspace(path) || self.documents.values().any(|d| d.path == path) {
            return false;
        }
        if deleted || !path.exists() {
            let removed = self.index.remove(path);
            return self.index.remove_under(path) > 0 || removed;
        }
        let Some(resolver) = self.resolver.clone() else {
            return false;
        };
        match crate::index::read(path, &resolver) {
            Some(Ok(file)) => self.index.insert(path.to_path_buf(), file),
            Some(Err(_)) | None => self.index.remove(path),
        }
    }

    /// Starts (again) building the index of the workspace folders in the
    /// background, with `$/progress` reports when the client shows them.
    pub(crate) fn start_index(&mut self) {
        let Some(resolver) = self.resolver.clone() else {
            return;
        };
        self.end_progress("cancelled");
        if self.client.roots.is_empty() {
            // No folder left: no project beyond the open documents.
            self.indexer.cancel();
            if !self.index.is_empty() {
                self.index = ProjectIndex::default();
                self.project_changed(None);
            }
            return;
        }
        self.indexer.start(self.client.roots.clone(), resolver);
        if self.client.progress {
            self.next_id += 1;
            let token = format!("memwise-index-{}", self.next_id);
            self.request("window/workDoneProgress/create", json!({ "token": token }));
            self.notify(
                "$/progress",
                json!({ "token": token, "value": {
                    "kind": "begin",
                    "title": "memwise",
                    "message": "indexing the workspace",
                    "percentage": 0,
                    "cancellable": false,
                }}),
            );
            self.progress = Some(token);
        }
    }

    pub(crate) fn end_progress(&mut self, message: &str) {
        if let Some(token) = self.progress.take() {
            self.notify(
                "$/progress",
                json!({ "token": token, "value": { "kind": "end", "message": message } }),
            );
        }
    }

    /// Merges what the background build reports.
    pub(crate) fn on_index_event(&mut self, event: Event) {
        match event {
            Event::Found {
                generation,
                total,
                errors,
            } => {
                if let Some(build) = self.indexer.current(generation) {
                    build.total = total;
                    for error in errors {
                        self.log(lsp::MessageType::Warning, format!("memwise: {error}"));
                    }
                }
            }
            Event::File {
                generation,
                path,
                file,
            } => {
                let Some(build) = self.indexer.current(generation) else {
                    return;
                };
                build.read += 1;
                // A file that cannot be read is reported when it is checked,
                // not while the workspace is indexed.
                if let Ok(file) = file {
                    build.index.insert(path, file.compacted());
                }
                let percentage =
                    u32::try_from(build.read * 100 / build.total.max(1)).unwrap_or(100);
                if percentage >= build.reported + PROGRESS_STEP {
                    build.reported = percentage;
                    let message = format!("{}/{} files", build.read, build.total);
                    if let Some(token) = &self.progress {
                        self.notify(
                            "$/progress",
                            json!({ "token": token, "value": {
                                "kind": "report",
                                "message": message,
                                "percentage": percentage,
                            }}),
                        );
                    }
                }
            }
            Event::Read { path, file } => {
                // An open document's summary is its buffer's.
                if self.documents.values().any(|d| d.path == path) {
                    return;
                }
                self.read_changed |= match file {
                    Some(Ok(file)) => self.index.insert(path, file.compacted()),
                    Some(Err(_)) | None => self.index.remove(&path),
                };
            }
            Event::ReadDone => {
                if std::mem::take(&mut self.read_changed) {
                    self.project_changed(None);
                    self.send_refresh();
                }
            }
            Event::Done { generation, error } => {
                if self.indexer.current(generation).is_none() {
                    return;
                }
                let Some(build) = self.indexer.build.take() else {
                    return;
                };
                if let Some(error) = error {
                    self.log(
                        lsp::MessageType::Error,
                        format!("memwise: the workspace could not be indexed: {error}"),
                    );
                }
                let mut old = std::mem::replace(&mut self.index, build.index);
                // An open document's summary is its buffer's.
                for document in self.documents.values() {
                    if let Some(file) = old.take(&document.path) {
                        self.index.insert(document.path.clone(), file);
                    }
                }
                drop(old);
                for path in build.changed {
                    self.refresh_from_disk(&path, false);
                }
                // Resolved here, once, not by the first check of a document.
                self.index.resolve();
                let count = self.index.len();
                // An estimate: what the summaries hold, not the allocator's
                // overhead.
                #[allow(clippy::cast_precision_loss)]
                let size = self.index.approximate_size() as f64 / 1024.0 / 1024.0;
                self.end_progress(&format!(
                    "indexed {count} files ({size:.1} MiB of summaries)"
                ));
                self.project_changed(None);
                self.send_refresh();
            }
        }
    }
}
