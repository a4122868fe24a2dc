//! The main loop: the handshake, then one message at a time in the order
//! the client sent them. Changed documents are checked once the queue is
//! empty, so a burst of keystrokes costs one check (the debounce), and a
//! request always sees the text of every change sent before it.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crossbeam_channel::TryRecvError;
use gen_lsp_types as lsp;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use memwise_linter::Resolver;
use memwise_linter::source::{NoqaEdits, SourceCheck};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::document::Document;
use crate::options::{ClientSettings, InitOptions};
use crate::{actions, uri};
use serde::Deserialize as _;

/// How a document is checked: [`memwise_linter::source::check`], or a
/// stand-in in tests (one that panics, to prove the server survives it).
pub type CheckFn = fn(&Resolver, &Path, &str) -> SourceCheck;

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

pub(crate) struct Server<'c> {
    pub(crate) connection: &'c Connection,
    pub(crate) client: ClientSettings,
    pub(crate) resolver: Option<Resolver>,
    pub(crate) documents: HashMap<String, Document>,
    check: CheckFn,
    dirty: BTreeSet<String>,
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
        check,
        dirty: BTreeSet::new(),
        shutting_down: false,
        next_id: 0,
    };
    if let Some(warning) = warning {
        server.log(lsp::MessageType::Warning, warning);
    }
    server.load_settings();
    if server.client.watch {
        let watchers: Vec<Value> = CONFIG_FILES
            .iter()
            .map(|name| json!({ "globPattern": format!("**/{name}") }))
            .collect();
        server.request(
            "client/registerCapability",
            json!({ "registrations": [{
                "id": "memwise-config-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }]}),
        );
    }
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
    });
    if client.pull {
        capabilities["diagnosticProvider"] = json!({
            "identifier": "memwise",
            "interFileDependencies": false,
            "workspaceDiagnostics": false,
        });
    }
    capabilities
}

impl Server<'_> {
    fn run(&mut self) -> Result<Ending, String> {
        loop {
            let message = if self.dirty.is_empty() {
                self.connection.receiver.recv().ok()
            } else {
                match self.connection.receiver.try_recv() {
                    Ok(message) => Some(message),
                    Err(TryRecvError::Empty) => {
                        self.check_dirty();
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => None,
                }
            };
            let Some(message) = message else {
                return Ok(Ending::Abrupt);
            };
            match message {
                Message::Request(request) => {
                    let id = request.id.clone();
                    let method = request.method.clone();
                    if let Err(reason) = self.guarded(|server| server.on_request(request)) {
                        self.respond_error(
                            id,
                            ErrorCode::InternalError,
                            &format!("memwise panicked answering `{method}`: {reason}"),
                        );
                    }
                }
                Message::Notification(notification) if notification.method == "exit" => {
                    return Ok(if self.shutting_down {
                        Ending::Clean
                    } else {
                        Ending::Abrupt
                    });
                }
                Message::Notification(notification) => {
                    let method = notification.method.clone();
                    if let Err(reason) = self.guarded(|server| server.on_notification(notification))
                    {
                        self.log(
                            lsp::MessageType::Error,
                            format!("memwise panicked handling `{method}`: {reason}; this is a bug in memwise, please report it"),
                        );
                    }
                }
                // Answers to registrations and refreshes: nothing to do.
                Message::Response(_) => {}
            }
        }
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
                }),
            "textDocument/didClose" => params_of::<lsp::DidCloseTextDocumentParams>(notification)
                .map(|p| {
                    let uri = p.text_document.uri.0;
                    self.documents.remove(&uri);
                    self.dirty.remove(&uri);
                    if !self.client.pull {
                        self.publish(&uri, None, Vec::new());
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
            "workspace/didChangeWatchedFiles" => {
                params_of::<lsp::DidChangeWatchedFilesParams>(notification).map(|p| {
                    let config_changed = p.changes.iter().any(|change| {
                        uri::to_path(&change.uri.0).is_some_and(|path| is_config_file(&path))
                    });
                    if config_changed {
                        self.reload();
                    }
                })
            }
            // Cancellation, tracing and the rest need no answer.
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
        };
    }

    /// A configuration file changed: forget what was read, check again.
    fn reload(&mut self) {
        self.load_settings();
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

    fn check_dirty(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            if self.client.pull {
                continue;
            }
            if let Some(diagnostics) = self.diagnostics(&uri) {
                let version = self.documents.get(&uri).map(|d| d.version);
                self.publish(&uri, version, diagnostics);
            }
        }
    }

    /// A document's diagnostics, checked now if they are stale; `None` for a
    /// document that is not open.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let document = self.documents.get(uri)?;
        if let Some(diagnostics) = &document.diagnostics {
            return Some(diagnostics.clone());
        }
        // The CLI reads a notebook file's cells out of its JSON, and the
        // findings' offsets are in the joined cells: they would land in the
        // wrong place of the JSON text the editor shows.
        if document.path.extension().is_some_and(|ext| ext == "ipynb") {
            return Some(Vec::new());
        }
        let resolver = self.resolver.as_ref()?;
        let check = self.check;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(resolver, &document.path, &document.text)
        }));
        let mut logs = Vec::new();
        let diagnostics = match outcome {
            Ok(checked) => {
                logs.extend(checked.errors.iter().map(|e| format!("memwise: {e}")));
                if checked.diagnostics.is_empty() {
                    Vec::new()
                } else {
                    let noqa = NoqaEdits::new(&document.text);
                    checked
                        .diagnostics
                        .iter()
                        .map(|d| document.to_lsp(uri, d, &noqa, self.client.encoding))
                        .collect()
                }
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
        if let Some(document) = self.documents.get_mut(uri) {
            document.diagnostics = Some(diagnostics.clone());
        }
        Some(diagnostics)
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
