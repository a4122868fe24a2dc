//! What each request and notification does: requests answered in turn,
//! document and workspace notifications recorded for the main loop to
//! check (`server.rs` reads the messages, `check.rs` checks).

use std::path::PathBuf;
use std::time::Instant;

use gen_lsp_types as lsp;
use lsp_server::{ErrorCode, Notification, Request, Response};
use serde::Deserialize as _;
use serde_json::{Value, json};

use crate::document::Document;
use crate::options::InitOptions;
use crate::server::{PAUSE, READ_HERE, Server, internal, is_config_file, params, params_of};
use crate::{actions, uri};

impl Server<'_> {
    pub(crate) fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutting_down {
            self.respond_error(id, ErrorCode::InvalidRequest, "the server is shutting down");
            return;
        }
        let method = request.method.clone();
        let result = match method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => params(request).and_then(|p| {
                serde_json::to_value(actions::code_actions(self, &p)).map_err(internal)
            }),
            "textDocument/hover" => params(request)
                .and_then(|p| serde_json::to_value(actions::hover(self, &p)).map_err(internal)),
            "textDocument/diagnostic" => {
                params::<lsp::DocumentDiagnosticParams>(request).map(|p| {
                    let uri = p.text_document.uri.0;
                    let items = self.diagnostics(&uri).unwrap_or_default();
                    json!({ "kind": "full", "items": items })
                })
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("memwise does not answer `{method}`"),
            )),
        };
        match result {
            Ok(value) => self.send(Response::new_ok(id, value)),
            Err((code, message)) => self.respond_error(id, code, &message),
        }
    }

    pub(crate) fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let outcome = match method.as_str() {
            "textDocument/didOpen" => params_of::<lsp::DidOpenTextDocumentParams>(notification)
                .map(|p| {
                    let item = p.text_document;
                    let path = self.path_of(&item.uri.0);
                    self.documents.insert(
                        item.uri.0.clone(),
                        Document::new(path, item.text, item.version),
                    );
                    self.dirty.insert(item.uri.0);
                }),
            "textDocument/didChange" => params_of::<lsp::DidChangeTextDocumentParams>(notification)
                .map(|p| {
                    let uri = p.text_document.text_document_identifier.uri.0;
                    if let Some(document) = self.documents.get_mut(&uri) {
                        for change in p.content_changes {
                            document.apply(change, self.client.encoding);
                        }
                        document.version = p.text_document.version;
                        self.dirty.insert(uri);
                        self.quiet_at = Some(Instant::now() + PAUSE);
                    }
                }),
            "textDocument/didSave" => params_of::<lsp::DidSaveTextDocumentParams>(notification)
                .map(|p| {
                    let uri = p.text_document.uri.0;
                    if is_config_file(&self.path_of(&uri)) {
                        self.reload();
                    } else if self.documents.contains_key(&uri) {
                        self.dirty.insert(uri);
                    }
                    self.send_refresh();
                }),
            "textDocument/didClose" => params_of::<lsp::DidCloseTextDocumentParams>(notification)
                .map(|p| {
                    let uri = p.text_document.uri.0;
                    let closed = self.documents.remove(&uri);
                    self.dirty.remove(&uri);
                    self.stale.remove(&uri);
                    self.waiting.remove(&uri);
                    if !self.client.pull {
                        self.publish(&uri, None, Vec::new());
                    }
                    // Its edits may not have been saved: the file on disk
                    // stands for it again.
                    if let Some(closed) = closed
                        && self.refresh_from_disk(&closed.path, false)
                    {
                        self.project_changed(None);
                    }
                }),
            // The editor's settings changed: `settings.memwise` holds the
            // same keys as the initialization options, and replaces them;
            // other tools' settings are not ours.
            "workspace/didChangeConfiguration" => {
                let options = notification
                    .params
                    .pointer("/settings/memwise")
                    .filter(|o| o.is_object());
                if let Some(options) = options {
                    match InitOptions::deserialize(options) {
                        Ok(options) => {
                            self.client.options = options;
                            self.reload();
                        }
                        Err(error) => self.log(
                            lsp::MessageType::Error,
                            format!("memwise: the new settings are ignored: {error}"),
                        ),
                    }
                }
                Ok(())
            }
            // Folders added or removed: the index is built again for the
            // new set (the project is the workspace).
            "workspace/didChangeWorkspaceFolders" => {
                let folders = |key: &str| -> Vec<PathBuf> {
                    notification
                        .params
                        .pointer(&format!("/event/{key}"))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f.get("uri").and_then(Value::as_str).and_then(uri::to_path))
                        .collect()
                };
                let (added, removed) = (folders("added"), folders("removed"));
                self.client.roots.retain(|root| !removed.contains(root));
                for folder in added {
                    if !self.client.roots.contains(&folder) {
                        self.client.roots.push(folder);
                    }
                }
                self.start_index();
                Ok(())
            }
            "workspace/didChangeWatchedFiles" => {
                params_of::<lsp::DidChangeWatchedFilesParams>(notification).map(|p| {
                    let mut config_changed = false;
                    let mut project_changed = false;
                    let mut to_read = Vec::new();
                    for change in p.changes {
                        let Some(path) = uri::to_path(&change.uri.0) else {
                            continue;
                        };
                        if is_config_file(&path) {
                            config_changed = true;
                        } else if self.in_workspace(&path) {
                            if let Some(build) = &mut self.indexer.build {
                                build.changed.push(path.clone());
                            }
                            let deleted = change.kind == lsp::FileChangeType::Deleted;
                            let is_open = self.documents.values().any(|d| d.path == path);
                            if deleted || is_open || !path.exists() {
                                project_changed |= self.refresh_from_disk(&path, deleted);
                            } else {
                                to_read.push(path);
                            }
                        }
                    }
                    // Many files (a checkout) are read on another thread, so
                    // that the answers to the editor do not wait for them.
                    if let Some(resolver) = self.resolver.clone()
                        && to_read.len() > READ_HERE
                    {
                        self.indexer.read(to_read, resolver);
                    } else {
                        for path in to_read {
                            project_changed |= self.refresh_from_disk(&path, false);
                        }
                    }
                    if config_changed {
                        self.reload();
                    } else if project_changed {
                        self.project_changed(None);
                        self.send_refresh();
                    }
                })
            }
            "notebookDocument/didOpen" => self.open_notebook(&notification.params),
            "notebookDocument/didChange" => self.change_notebook(&notification.params),
            "notebookDocument/didClose" => {
                self.close_notebook(&notification.params);
                Ok(())
            }
            // Cancellation is read ahead (`is_cancelled`); tracing and the
            // rest need no answer.
            _ => Ok(()),
        };
        if let Err((_, message)) = outcome {
            self.log(lsp::MessageType::Error, message);
        }
    }
}
