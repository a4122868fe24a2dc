//! The main loop: the handshake, then one message at a time in the order
//! the client sent them. Changed documents are checked once the queue is
//! empty, so a burst of keystrokes costs one check (the debounce), and a
//! request always sees the text of every change sent before it. The
//! workspace index is built on other threads and merged here between
//! messages. What each message does is in `dispatch.rs`, checking in
//! `check.rs`, notebooks in `notebook.rs`, settings and the index in
//! `workspace.rs`.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::TryRecvError;
use gen_lsp_types as lsp;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use memwise_linter::Resolver;
use memwise_linter::project_index::{IndexedFile, ProjectIndex};
use memwise_linter::source::SourceCheck;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::document::Document;
use crate::error::{HandlerPanic, ServerError};
use crate::index::Indexer;
use crate::notebook::NotebookDocument;
use crate::options::ClientSettings;
use crate::{actions, uri};

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
pub(crate) const CONFIG_FILES: [&str; 2] = ["pyproject.toml", "memwise.toml"];

/// Up to this many files changed on disk are read on the main loop; more
/// (a checkout) on another thread.
pub(crate) const READ_HERE: usize = 8;

/// A check of a document with its project that takes longer than this
/// answers a change in two steps: the document alone at once, then the
/// project's findings once the changes pause.
pub(crate) const BUDGET: Duration = Duration::from_millis(20);

/// How long the changes must pause before the slow checks run: the
/// project's check of a document over the budget, and other documents'
/// checks after a change of their project.
pub(crate) const PAUSE: Duration = Duration::from_millis(300);

/// A `$/progress` report is sent each time the build gets this many
/// percent further.
pub(crate) const PROGRESS_STEP: u32 = 5;

pub(crate) struct Server<'c> {
    pub(crate) connection: &'c Connection,
    pub(crate) client: ClientSettings,
    pub(crate) resolver: Option<Arc<Resolver>>,
    pub(crate) documents: HashMap<String, Document>,
    /// Open notebooks, by URI; their cells are in `documents`.
    pub(crate) notebooks: HashMap<String, NotebookDocument>,
    pub(crate) check: CheckFn,
    /// Documents changed since they were last checked: checked and
    /// published once no message waits.
    pub(crate) dirty: BTreeSet<String>,
    /// Documents whose project changed (another file's summary): checked
    /// again after the dirty ones, and published only if their findings
    /// changed.
    pub(crate) stale: BTreeSet<String>,
    /// Documents answered by a quick check, whose check with the project
    /// waits for a pause.
    pub(crate) waiting: BTreeSet<String>,
    /// When the changes will have paused long enough for the slow checks
    /// (`None`: they have).
    pub(crate) quiet_at: Option<Instant>,
    /// Messages read but not yet handled: read ahead so that a request
    /// cancelled before its turn is not answered.
    pub(crate) pending: VecDeque<Message>,
    /// The summaries of the workspace folders' files.
    pub(crate) index: ProjectIndex,
    pub(crate) indexer: Indexer,
    /// The `$/progress` token of the build under way, if the client shows
    /// progress.
    pub(crate) progress: Option<String>,
    /// A pulling client should pull every document again (sent at the
    /// next save or the end of a build, not on every keystroke).
    pub(crate) refresh_wanted: bool,
    /// Files read on another thread after they changed on disk changed the
    /// index: the open documents are checked again once all are read.
    pub(crate) read_changed: bool,
    pub(crate) shutting_down: bool,
    pub(crate) next_id: i32,
}

/// Runs the handshake and the main loop until `exit`.
pub fn serve(connection: &Connection, check: CheckFn) -> Result<Ending, ServerError> {
    let (id, params) = connection.initialize_start()?;
    let (client, warning) = ClientSettings::from_initialize(&params);
    let result = json!({
        "capabilities": capabilities(&client),
        "serverInfo": { "name": "memwise", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result)?;
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
    Ok(server.run())
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
    pub(crate) fn run(&mut self) -> Ending {
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
                    return ending;
                }
                continue;
            }
            if disconnected {
                return Ending::Abrupt;
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
    pub(crate) fn handle(&mut self, message: Message) -> Option<Ending> {
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
    pub(crate) fn is_cancelled(&self, id: &RequestId) -> bool {
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
    pub(crate) fn guarded(&mut self, handle: impl FnOnce(&mut Self)) -> Result<(), HandlerPanic> {
        catch_unwind(AssertUnwindSafe(|| handle(self)))
            .map_err(|payload| HandlerPanic(panic_reason(&*payload)))
    }

    /// The path a document's settings are found for: its own, or for a
    /// document without one (`untitled:`), a file in the first workspace
    /// folder (or the working directory).
    pub(crate) fn path_of(&self, document_uri: &str) -> PathBuf {
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

    pub(crate) fn publish(
        &self,
        uri: &str,
        version: Option<i32>,
        diagnostics: Vec<lsp::Diagnostic>,
    ) {
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

    pub(crate) fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_owned(), params));
    }

    pub(crate) fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = RequestId::from(format!("memwise-{}", self.next_id));
        self.send(Request::new(id, method.to_owned(), params));
    }

    pub(crate) fn respond_error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_owned()));
    }

    pub(crate) fn send(&self, message: impl Into<Message>) {
        // The client is gone: the loop ends at the next receive.
        let _ = self.connection.sender.send(message.into());
    }
}

pub(crate) fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

pub(crate) fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| CONFIG_FILES.contains(&name))
}

pub(crate) type Failure = (ErrorCode, String);

pub(crate) fn invalid(method: &str) -> Failure {
    (
        ErrorCode::InvalidParams,
        format!("memwise: invalid parameters for `{method}`"),
    )
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(internal)`
pub(crate) fn internal(error: serde_json::Error) -> Failure {
    (ErrorCode::InternalError, error.to_string())
}

pub(crate) fn params<P: DeserializeOwned>(request: Request) -> Result<P, Failure> {
    serde_json::from_value(request.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid parameters for `{}`: {error}", request.method),
        )
    })
}

pub(crate) fn params_of<P: DeserializeOwned>(notification: Notification) -> Result<P, Failure> {
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
