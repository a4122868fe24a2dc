//! The main loop: the handshake, then one message at a time in the order
//! the client sent them. Changed documents are checked once the queue is
//! empty, so a burst of keystrokes costs one check (the debounce), and a
//! request always sees the text of every change sent before it. The
//! workspace index is built on other threads and merged here between
//! messages.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::TryRecvError;
use gen_lsp_types as lsp;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use memwise_core::Diagnostic;
use memwise_linter::Resolver;
use memwise_linter::noqa::UnusedCode;
use memwise_linter::notebook::Notebook;
use memwise_linter::project_index::{IndexedFile, ProjectIndex};
use memwise_linter::source::{NoqaEdits, SourceCheck};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::document::Document;
use crate::index::{Event, Indexer};
use crate::notebook::{Cell, NotebookDocument};
use crate::options::{ClientSettings, InitOptions};
use crate::{actions, uri};
use serde::Deserialize as _;

/// How a document is checked, with the workspace index standing for the
/// rest of the project: [`memwise_linter::source::check_in_project`], or a
/// stand-in in tests (one that panics, to prove the server survives it).
/// Gives the document's own summary for the index.
pub type CheckFn = fn(&Resolver, &Path, &str, &ProjectIndex) -> (SourceCheck, Option<IndexedFile>);

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: exit code 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit code 1.
    Abrupt,
}

/// The configuration files whose change re-checks every open document.
const CONFIG_FILES: [&str; 2] = ["pyproject.toml", "memwise.toml"];

/// Up to this many files changed on disk are read on the main loop; more
/// (a checkout) on another thread.
const READ_HERE: usize = 8;

/// A check of a document with its project that takes longer than this
/// answers a change in two steps: the document alone at once, then the
/// project's findings once the changes pause.
const BUDGET: Duration = Duration::from_millis(20);

/// How long the changes must pause before the slow checks run: the
/// project's check of a document over the budget, and other documents'
/// checks after a change of their project.
const PAUSE: Duration = Duration::from_millis(300);

/// A `$/progress` report is sent each time the build gets this many
/// percent further.
const PROGRESS_STEP: u32 = 5;

pub(crate) struct Server<'c> {
    pub(crate) connection: &'c Connection,
    pub(crate) client: ClientSettings,
    pub(crate) resolver: Option<Arc<Resolver>>,
    pub(crate) documents: HashMap<String, Document>,
    /// Open notebooks, by URI; their cells are in `documents`.
    notebooks: HashMap<String, NotebookDocument>,
    check: CheckFn,
    /// Documents changed since they were last checked: checked and
    /// published once no message waits.
    dirty: BTreeSet<String>,
    /// Documents whose project changed (another file's summary): checked
    /// again after the dirty ones, and published only if their findings
    /// changed.
    stale: BTreeSet<String>,
    /// Documents answered by a quick check, whose check with the project
    /// waits for a pause.
    waiting: BTreeSet<String>,
    /// When the changes will have paused long enough for the slow checks
    /// (`None`: they have).
    quiet_at: Option<Instant>,
    /// Messages read but not yet handled: read ahead so that a request
    /// cancelled before its turn is not answered.
    pending: VecDeque<Message>,
    /// The summaries of the workspace folders' files.
    index: ProjectIndex,
    indexer: Indexer,
    /// The `$/progress` token of the build under way, if the client shows
    /// progress.
    progress: Option<String>,
    /// A pulling client should pull every document again (sent at the
    /// next save or the end of a build, not on every keystroke).
    refresh_wanted: bool,
    /// Files read on another thread after they changed on disk changed the
    /// index: the open documents are checked again once all are read.
    read_changed: bool,
    shutting_down: bool,
    next_id: i32,
}

/// Runs the handshake and the main loop until `exit`.
pub fn serve(connection: &Connection, check: CheckFn) -> Result<Ending, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let (client, warning) = ClientSettings::from_initialize(&params);
    let result = json!({
        "capabilities": capabilities(&client),
        "serverInfo": { "name": "memwise", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        client,
        resolver: None,
        documents: HashMap::new(),
        notebooks: HashMap::new(),
        check,
        dirty: BTreeSet::new(),
        stale: BTreeSet::new(),
        waiting: BTreeSet::new(),
        quiet_at: None,
        pending: VecDeque::new(),
        index: ProjectIndex::default(),
        indexer: Indexer::new(),
        progress: None,
        refresh_wanted: false,
        read_changed: false,
        shutting_down: false,
        next_id: 0,
    };
    if let Some(warning) = warning {
        server.log(lsp::MessageType::Warning, warning);
    }
    server.load_settings();
    if server.client.watch {
        // Configuration files, and the Python files the index holds.
        let watchers: Vec<Value> = CONFIG_FILES
            .iter()
            .map(|name| format!("**/{name}"))
            .chain(
                crate::index::PYTHON_FILES
                    .iter()
                    .map(|ext| format!("**/*.{ext}")),
            )
            .map(|glob| json!({ "globPattern": glob }))
            .collect();
        server.request(
            "client/registerCapability",
            json!({ "registrations": [{
                "id": "memwise-watched-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }]}),
        );
    }
    server.start_index();
    server.run()
}

fn capabilities(client: &ClientSettings) -> Value {
    let mut capabilities = json!({
        "positionEncoding": client.encoding.kind(),
        "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
        "codeActionProvider": {
            "codeActionKinds": ["quickfix", actions::FIX_ALL],
            "resolveProvider": false,
        },
        "hoverProvider": true,
        "workspace": {
            "workspaceFolders": { "supported": true, "changeNotifications": true },
        },
        "notebookDocumentSync": {
            "notebookSelector": [{
                "notebook": { "notebookType": "jupyter-notebook" },
                "cells": [{ "language": "python" }],
            }],
        },
    });
    if client.pull {
        capabilities["diagnosticProvider"] = json!({
            "identifier": "memwise",
            "interFileDependencies": true,
            "workspaceDiagnostics": false,
        });
    }
    capabilities
}

impl Server<'_> {
    fn run(&mut self) -> Result<Ending, String> {
        let mut disconnected = false;
        loop {
            // Read every waiting message first: a request is answered in
            // turn, but not one cancelled while it waited.
            while !disconnected {
                match self.connection.receiver.try_recv() {
                    Ok(message) => self.pending.push_back(message),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => disconnected = true,
                }
            }
            while let Ok(event) = self.indexer.receiver.try_recv() {
                self.on_index_event(event);
            }
            if let Some(message) = self.pending.pop_front() {
                if let Some(ending) = self.handle(message) {
                    return Ok(ending);
                }
                continue;
            }
            if disconnected {
                return Ok(Ending::Abrupt);
            }
            if self.check_next() {
                continue;
            }
            // Checks wait for a pause in the changes: wake up for it.
            let pause = match self.quiet_at {
                Some(at) if !self.stale.is_empty() || !self.waiting.is_empty() => {
                    at.saturating_duration_since(Instant::now())
                }
                _ => Duration::from_hours(1),
            };
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => match message {
                    Ok(message) => self.pending.push_back(message),
                    Err(_) => disconnected = true,
                },
                recv(self.indexer.receiver) -> event => {
                    if let Ok(event) = event {
                        self.on_index_event(event);
                    }
                }
                default(pause) => self.quiet_at = None,
            }
        }
    }

    /// Handles one message; the session's ending after `exit`.
    fn handle(&mut self, message: Message) -> Option<Ending> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let method = request.method.clone();
                if self.is_cancelled(&id) {
                    self.respond_error(
                        id,
                        ErrorCode::RequestCanceled,
                        &format!("`{method}` was cancelled"),
                    );
                } else if let Err(reason) = self.guarded(|server| server.on_request(request)) {
                    self.respond_error(
                        id,
                        ErrorCode::InternalError,
                        &format!("memwise panicked answering `{method}`: {reason}"),
                    );
                }
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return Some(if self.shutting_down {
                    Ending::Clean
                } else {
                    Ending::Abrupt
                });
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                if let Err(reason) = self.guarded(|server| server.on_notification(notification)) {
                    self.log(
                        lsp::MessageType::Error,
                        format!("memwise panicked handling `{method}`: {reason}; this is a bug in memwise, please report it"),
                    );
                }
            }
            // Answers to registrations and refreshes: nothing to do.
            Message::Response(_) => {}
        }
        None
    }

    /// Whether a `$/cancelRequest` for `id` waits behind the request.
    fn is_cancelled(&self, id: &RequestId) -> bool {
        let Ok(id) = serde_json::to_value(id) else {
            return false;
        };
        self.pending.iter().any(|message| {
            matches!(message, Message::Notification(n)
                if n.method == "$/cancelRequest" && n.params.get("id") == Some(&id))
        })
    }

    /// Runs one message's handler, turning a panic into its reason: a bug
    /// in one handler costs that message, not the session.
    fn guarded(&mut self, handle: impl FnOnce(&mut Self)) -> Result<(), String> {
        catch_unwind(AssertUnwindSafe(|| handle(self))).map_err(|payload| panic_reason(&*payload))
    }

    fn on_request(&mut self, request: Request) {
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

    fn on_notification(&mut self, notification: Notification) {
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

    /// Builds the resolver for the editor's overrides; on an error (a
    /// misspelt rule in the options), logs it and uses no overrides.
    fn load_settings(&mut self) {
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
    fn reload(&mut self) {
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

    /// Checks one changed document (or, once none is left, one whose
    /// project changed) and publishes its findings; whether there was one.
    /// A notebook's cells are checked, and published, together.
    fn check_next(&mut self) -> bool {
        let quiet = self.quiet_at.is_none_or(|at| Instant::now() >= at);
        let (uri, always) = if let Some(uri) = self.dirty.pop_first() {
            if !self.client.pull && self.is_slow(&uri) {
                self.stale.remove(&uri);
                if let Some(diagnostics) = self.quick_diagnostics(&uri)
                    && let Some(document) = self.documents.get_mut(&uri)
                {
                    let version = Some(document.version);
                    document.published = Some(diagnostics.clone());
                    self.publish(&uri, version, diagnostics);
                }
                self.waiting.insert(uri);
                return true;
            }
            self.stale.remove(&uri);
            (uri, true)
        } else if !quiet {
            return false;
        } else if let Some(uri) = self.waiting.pop_first() {
            self.stale.remove(&uri);
            if let Some(document) = self.documents.get_mut(&uri) {
                document.diagnostics = None;
            }
            (uri, true)
        } else if let Some(uri) = self.stale.pop_first() {
            (uri, false)
        } else {
            return false;
        };
        if self.client.pull {
            return true;
        }
        let uri = self
            .documents
            .get(&uri)
            .and_then(|d| d.notebook.clone())
            .unwrap_or(uri);
        let targets: Vec<String> = if let Some(notebook) = self.notebooks.get(&uri) {
            let cells = notebook
                .cells
                .iter()
                .filter(|c| c.code)
                .map(|c| c.uri.clone())
                .collect();
            self.check_notebook(&uri);
            cells
        } else {
            self.diagnostics(&uri);
            vec![uri]
        };
        for target in targets {
            let Some(document) = self.documents.get_mut(&target) else {
                continue;
            };
            let Some(diagnostics) = document.diagnostics.clone() else {
                continue;
            };
            if always || document.published.as_ref() != Some(&diagnostics) {
                let version = Some(document.version);
                document.published = Some(diagnostics.clone());
                self.publish(&target, version, diagnostics);
            }
        }
        true
    }

    /// A document's diagnostics, checked now if they are stale; `None` for a
    /// document that is not open.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let document = self.documents.get(uri)?;
        if let Some(diagnostics) = &document.diagnostics {
            return Some(diagnostics.clone());
        }
        if let Some(notebook) = document.notebook.clone() {
            self.check_notebook(&notebook);
            return Some(
                self.documents
                    .get(uri)?
                    .diagnostics
                    .clone()
                    .unwrap_or_default(),
            );
        }
        // The CLI reads a notebook file's cells out of its JSON, and the
        // findings' offsets are in the joined cells: they would land in the
        // wrong place of the JSON text the editor shows.
        if document.path.extension().is_some_and(|ext| ext == "ipynb") {
            return Some(Vec::new());
        }
        let started = Instant::now();
        let (diagnostics, own) = self.check_document(uri, &self.index)?;
        let cost = started.elapsed();
        // Over the budget, a change is answered first by a check of the
        // document alone, and this one waits for a pause: what the project
        // adds to that check, or takes from it, is kept to be shown
        // meanwhile.
        let mut carried = (Vec::new(), Vec::new());
        if cost > BUDGET
            && self.indexes_closed_files()
            && let Some((alone, _)) = self.check_document(uri, &ProjectIndex::default())
        {
            carried = (
                diagnostics
                    .iter()
                    .filter(|d| !alone.contains(d))
                    .cloned()
                    .collect(),
                alone
                    .into_iter()
                    .filter(|d| !diagnostics.contains(d))
                    .collect(),
            );
        }
        let path = self.documents.get_mut(uri).map(|document| {
            document.diagnostics = Some(diagnostics.clone());
            document.cost = Some(cost);
            (document.carried_add, document.carried_remove) = carried;
            document.path.clone()
        });
        // The document's summary joins the index (its text stands for the
        // file on disk); other documents may then find something new.
        if let (Some(own), Some(path)) = (own, path)
            && self.in_workspace(&path)
            && self.index.insert(path, own)
        {
            self.project_changed(Some(uri));
        }
        Some(diagnostics)
    }

    /// Whether changes to `uri` are answered in two steps: its last check
    /// with the project took longer than the budget, and the project holds
    /// more than the open documents (whose checks are the cost then).
    fn is_slow(&self, uri: &str) -> bool {
        self.documents
            .get(uri)
            .is_some_and(|d| d.notebook.is_none() && d.cost.is_some_and(|cost| cost > BUDGET))
            && self.indexes_closed_files()
    }

    /// Whether the index holds files that are not open.
    fn indexes_closed_files(&self) -> bool {
        let open: std::collections::HashSet<&Path> = self
            .documents
            .values()
            .map(|d| d.path.as_path())
            .filter(|path| self.index.contains(path))
            .collect();
        self.index.len() > open.len()
    }

    /// The document checked alone, with what the last check with the
    /// project added kept and what it took away left out: the answer to a
    /// change while the project's check waits for a pause.
    fn quick_diagnostics(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let (alone, _) = self.check_document(uri, &ProjectIndex::default())?;
        let document = self.documents.get(uri)?;
        let mut diagnostics: Vec<lsp::Diagnostic> = alone
            .into_iter()
            .filter(|d| !document.carried_remove.contains(d))
            .collect();
        diagnostics.extend(document.carried_add.iter().cloned());
        diagnostics.sort_by_key(|d| (d.range.start.line, d.range.start.character));
        Some(diagnostics)
    }

    /// Checks an open text document against `index`: its diagnostics and
    /// its own summary. Logs what went wrong.
    fn check_document(
        &self,
        uri: &str,
        index: &ProjectIndex,
    ) -> Option<(Vec<lsp::Diagnostic>, Option<IndexedFile>)> {
        let document = self.documents.get(uri)?;
        let resolver = self.resolver.as_ref()?;
        let check = self.check;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(resolver, &document.path, &document.text, index)
        }));
        let mut logs = Vec::new();
        let mut own = None;
        let diagnostics = match outcome {
            Ok((checked, summary)) => {
                own = summary;
                logs.extend(checked.errors.iter().map(|e| format!("memwise: {e}")));
                let encoding = self.client.encoding;
                let mut diagnostics: Vec<lsp::Diagnostic> = if checked.diagnostics.is_empty() {
                    Vec::new()
                } else {
                    let noqa = NoqaEdits::new(&document.text);
                    checked
                        .diagnostics
                        .iter()
                        .map(|d| document.to_lsp(uri, d, &noqa, encoding))
                        .collect()
                };
                diagnostics.extend(
                    checked
                        .unused_noqa
                        .iter()
                        .map(|w| document.unused_noqa_to_lsp(&w.unused, encoding)),
                );
                diagnostics
            }
            Err(payload) => {
                let reason = panic_reason(&*payload);
                logs.push(format!(
                    "memwise panicked while checking {uri}: {reason}; this is a bug in memwise, please report it"
                ));
                Vec::new()
            }
        };
        for message in logs {
            self.log(lsp::MessageType::Error, message);
        }
        Some((diagnostics, own))
    }

    /// Checks an open notebook as the CLI checks its file (its code cells
    /// joined), and gives each code cell the findings that start in it.
    fn check_notebook(&mut self, uri: &str) {
        let Some(notebook) = self.notebooks.get(uri) else {
            return;
        };
        let Some(resolver) = self.resolver.as_ref() else {
            return;
        };
        let documents = &self.documents;
        let json = notebook.to_json(|cell| documents.get(cell).map(|d| d.text.as_str()));
        let check = self.check;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(resolver, &notebook.path, &json, &self.index)
        }));
        let mut per_cell: Vec<Vec<Diagnostic>> = vec![Vec::new(); notebook.cells.len()];
        let mut unused: Vec<Vec<UnusedCode>> = vec![Vec::new(); notebook.cells.len()];
        let mut logs = Vec::new();
        let mut own = None;
        match outcome {
            Ok((checked, summary)) => {
                own = summary;
                logs.extend(checked.errors.iter().map(|e| format!("memwise: {e}")));
                for warning in checked.unused_noqa {
                    let cell = warning.unused.cell.and_then(|c| c.checked_sub(1));
                    if let Some(found) = cell.and_then(|c| unused.get_mut(c)) {
                        found.push(warning.unused);
                    }
                }
                let parsed = (!checked.diagnostics.is_empty())
                    .then(|| Notebook::parse(&json).ok())
                    .flatten();
                if let Some(parsed) = parsed {
                    let text = |cell: usize| {
                        let cell = notebook.cells.get(cell.checked_sub(1)?)?;
                        documents.get(&cell.uri).map(|d| d.text.as_str())
                    };
                    for diagnostic in &checked.diagnostics {
                        if let Some((cell, moved)) = parsed.diagnostic_in_cell(diagnostic, &text)
                            && let Some(found) = per_cell.get_mut(cell - 1)
                        {
                            found.push(moved);
                        }
                    }
                }
            }
            Err(payload) => {
                let reason = panic_reason(&*payload);
                logs.push(format!(
                    "memwise panicked while checking {uri}: {reason}; this is a bug in memwise, please report it"
                ));
            }
        }
        let path = notebook.path.clone();
        let cells = notebook.cells.clone();
        for ((cell, found), unused) in cells.iter().zip(per_cell).zip(unused) {
            let Some(document) = self.documents.get(&cell.uri) else {
                continue;
            };
            let noqa = NoqaEdits::new(&document.text);
            let encoding = self.client.encoding;
            let diagnostics: Vec<lsp::Diagnostic> = found
                .iter()
                .map(|d| document.to_lsp(&cell.uri, d, &noqa, encoding))
                .chain(
                    unused
                        .iter()
                        .map(|u| document.unused_noqa_to_lsp(u, encoding)),
                )
                .collect();
            if let Some(document) = self.documents.get_mut(&cell.uri) {
                document.diagnostics = Some(diagnostics);
            }
        }
        for message in logs {
            self.log(lsp::MessageType::Error, message);
        }
        if let Some(own) = own
            && self.in_workspace(&path)
            && self.index.insert(path, own)
        {
            self.project_changed(Some(uri));
        }
    }

    /// `notebookDocument/didOpen`: the notebook and its cells' texts.
    fn open_notebook(&mut self, params: &Value) -> Result<(), Failure> {
        let uri = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("notebookDocument/didOpen"))?
            .to_owned();
        let cells = params
            .pointer("/notebookDocument/cells")
            .and_then(Value::as_array)
            .map(|cells| cells.iter().filter_map(Cell::from_json).collect())
            .unwrap_or_default();
        let path = uri::to_path(&uri).unwrap_or_else(|| self.path_of(&uri).with_extension("ipynb"));
        self.open_cells(&uri, &path, params.get("cellTextDocuments"));
        self.notebooks
            .insert(uri.clone(), NotebookDocument { path, cells });
        self.dirty.insert(uri);
        Ok(())
    }

    /// Opens the cells of `TextDocumentItem`s as documents of a notebook.
    fn open_cells(&mut self, notebook: &str, path: &Path, items: Option<&Value>) {
        let items = items.and_then(Value::as_array).cloned().unwrap_or_default();
        for item in items {
            let Ok(item) = serde_json::from_value::<lsp::TextDocumentItem>(item) else {
                continue;
            };
            let mut document = Document::new(path.to_path_buf(), item.text, item.version);
            document.notebook = Some(notebook.to_owned());
            self.documents.insert(item.uri.0, document);
        }
    }

    /// `notebookDocument/didChange`: cells added, removed or moved, their
    /// kinds, and their texts edited.
    fn change_notebook(&mut self, params: &Value) -> Result<(), Failure> {
        let uri = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("notebookDocument/didChange"))?
            .to_owned();
        let Some(path) = self.notebooks.get(&uri).map(|n| n.path.clone()) else {
            return Ok(());
        };
        let cells = params.pointer("/change/cells");
        if let Some(structure) = cells.and_then(|c| c.get("structure")) {
            if let Some(array) = structure.get("array") {
                let number = |key: &str| {
                    array
                        .get(key)
                        .and_then(Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                        .unwrap_or(0)
                };
                let added: Vec<Cell> = array
                    .get("cells")
                    .and_then(Value::as_array)
                    .map(|cells| cells.iter().filter_map(Cell::from_json).collect())
                    .unwrap_or_default();
                if let Some(notebook) = self.notebooks.get_mut(&uri) {
                    let start = number("start").min(notebook.cells.len());
                    let end = (start + number("deleteCount")).min(notebook.cells.len());
                    notebook.cells.splice(start..end, added);
                }
            }
            let closed = structure.get("didClose").and_then(Value::as_array);
            for cell in closed.into_iter().flatten() {
                if let Some(cell_uri) = cell.get("uri").and_then(Value::as_str) {
                    self.documents.remove(cell_uri);
                    if !self.client.pull {
                        self.publish(cell_uri, None, Vec::new());
                    }
                }
            }
            self.open_cells(&uri, &path, structure.get("didOpen"));
        }
        let data = cells.and_then(|c| c.get("data")).and_then(Value::as_array);
        for changed in data.into_iter().flatten().filter_map(Cell::from_json) {
            if let Some(notebook) = self.notebooks.get_mut(&uri)
                && let Some(cell) = notebook.cells.iter_mut().find(|c| c.uri == changed.uri)
            {
                cell.code = changed.code;
            }
        }
        let texts = cells
            .and_then(|c| c.get("textContent"))
            .and_then(Value::as_array);
        for content in texts.into_iter().flatten() {
            let Some(cell_uri) = content.pointer("/document/uri").and_then(Value::as_str) else {
                continue;
            };
            let changes: Vec<lsp::TextDocumentContentChangeEvent> = content
                .get("changes")
                .cloned()
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default();
            let version = content
                .pointer("/document/version")
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok());
            if let Some(document) = self.documents.get_mut(cell_uri) {
                for change in changes {
                    document.apply(change, self.client.encoding);
                }
                if let Some(version) = version {
                    document.version = version;
                }
            }
        }
        self.dirty.insert(uri);
        Ok(())
    }

    /// `notebookDocument/didClose`: its cells are closed, their findings
    /// cleared, and the file on disk stands for it again.
    fn close_notebook(&mut self, params: &Value) {
        let Some(uri) = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
        else {
            return;
        };
        let Some(notebook) = self.notebooks.remove(uri) else {
            return;
        };
        self.dirty.remove(uri);
        self.stale.remove(uri);
        let listed = params
            .get("cellTextDocuments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("uri").and_then(Value::as_str).map(str::to_owned));
        let cells: BTreeSet<String> = notebook
            .cells
            .iter()
            .map(|c| c.uri.clone())
            .chain(listed)
            .collect();
        for cell in cells {
            if self.documents.remove(&cell).is_some() && !self.client.pull {
                self.publish(&cell, None, Vec::new());
            }
        }
        if self.refresh_from_disk(&notebook.path, false) {
            self.project_changed(None);
        }
    }

    /// Another file's summary changed: the open documents (but `except`,
    /// the one that changed) are checked again.
    fn project_changed(&mut self, except: Option<&str>) {
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
    fn send_refresh(&mut self) {
        if self.client.pull && self.client.refresh && self.refresh_wanted {
            self.refresh_wanted = false;
            self.request("workspace/diagnostic/refresh", Value::Null);
        }
    }

    /// Whether `path` is in a workspace folder: the project the index holds.
    fn in_workspace(&self, path: &Path) -> bool {
        self.client.roots.iter().any(|root| path.starts_with(root))
    }

    /// Reads `path` from disk into the index again (or forgets it, and all
    /// under it, once deleted); an open document's summary is its buffer's
    /// and stays. Whether the index changed.
    fn refresh_from_disk(&mut self, path: &Path, deleted: bool) -> bool {
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
    fn start_index(&mut self) {
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

    fn end_progress(&mut self, message: &str) {
        if let Some(token) = self.progress.take() {
            self.notify(
                "$/progress",
                json!({ "token": token, "value": { "kind": "end", "message": message } }),
            );
        }
    }

    /// Merges what the background build reports.
    fn on_index_event(&mut self, event: Event) {
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
                    build.index.insert(path, file);
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
                    Some(Ok(file)) => self.index.insert(path, file),
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

    /// The path a document's settings are found for: its own, or for a
    /// document without one (`untitled:`), a file in the first workspace
    /// folder (or the working directory).
    fn path_of(&self, document_uri: &str) -> PathBuf {
        uri::to_path(document_uri).unwrap_or_else(|| {
            let folder = self
                .client
                .root
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            folder.join("untitled.py")
        })
    }

    fn publish(&self, uri: &str, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri: lsp::Uri(uri.to_owned()),
            version,
            diagnostics,
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    /// Logs through `window/logMessage`: the editor's output panel for the
    /// server.
    pub(crate) fn log(&self, kind: lsp::MessageType, message: String) {
        self.notify("window/logMessage", lsp::LogMessageParams { kind, message });
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_owned(), params));
    }

    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = RequestId::from(format!("memwise-{}", self.next_id));
        self.send(Request::new(id, method.to_owned(), params));
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_owned()));
    }

    fn send(&self, message: impl Into<Message>) {
        // The client is gone: the loop ends at the next receive.
        let _ = self.connection.sender.send(message.into());
    }
}

fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| CONFIG_FILES.contains(&name))
}

type Failure = (ErrorCode, String);

fn invalid(method: &str) -> Failure {
    (
        ErrorCode::InvalidParams,
        format!("memwise: invalid parameters for `{method}`"),
    )
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(internal)`
fn internal(error: serde_json::Error) -> Failure {
    (ErrorCode::InternalError, error.to_string())
}

fn params<P: DeserializeOwned>(request: Request) -> Result<P, Failure> {
    serde_json::from_value(request.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid parameters for `{}`: {error}", request.method),
        )
    })
}

fn params_of<P: DeserializeOwned>(notification: Notification) -> Result<P, Failure> {
    serde_json::from_value(notification.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!(
                "memwise: invalid parameters for `{}`: {error}",
                notification.method
            ),
        )
    })
}
