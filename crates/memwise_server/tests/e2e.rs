//! The server end to end over an in-memory connection, as an editor drives
//! it: the handshake, documents opened and changed, the actions applied,
//! configuration changes, a panicking check, and a prompt shutdown.

#![allow(clippy::needless_pass_by_value)] // the JSON values read best passed by value

use std::collections::HashMap;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use memwise_linter::Resolver;
use memwise_linter::project_index::{IndexedFile, ProjectIndex};
use memwise_linter::source::SourceCheck;
use memwise_server::{CheckFn, Ending, ServerError, serve};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<Ending, ServerError>>>,
    next_id: i32,
    /// Notifications and requests met while waiting for something else.
    seen: Vec<Message>,
}

impl Client {
    fn start(capabilities: Value, options: Value, root: &Path) -> (Self, Value) {
        Self::start_with(
            capabilities,
            options,
            root,
            memwise_linter::source::check_in_project,
        )
    }

    fn start_with(
        capabilities: Value,
        options: Value,
        root: &Path,
        check: CheckFn,
    ) -> (Self, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || serve(&server_side, check))
            .expect("a thread");
        let mut client = Self {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            seen: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "capabilities": capabilities,
                "rootUri": uri(root),
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&self, message: impl Into<Message>) {
        self.connection
            .sender
            .send(message.into())
            .expect("the server listens");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params));
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.to_owned(), params));
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                other => self.seen.push(other),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        match response.response_result {
            Ok(value) => value,
            Err(error) => panic!("{method}: {error:?}"),
        }
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(WAIT)
            .expect("the server answers in time")
    }

    /// The next notification with `method` (earlier ones seen first).
    fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self
            .seen
            .iter()
            .position(|m| matches!(m, Message::Notification(n) if n.method == method))
        {
            let Message::Notification(n) = self.seen.remove(i) else {
                unreachable!()
            };
            return n.params;
        }
        loop {
            match self.receive() {
                Message::Notification(n) if n.method == method => return n.params,
                other => self.seen.push(other),
            }
        }
    }

    fn diagnostics(&mut self) -> Value {
        self.notification("textDocument/publishDiagnostics")
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": text } }),
        );
    }

    fn replace(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    fn code_actions(&mut self, uri: &str, diagnostics: &Value, only: Option<&str>) -> Vec<Value> {
        let mut context = json!({ "diagnostics": diagnostics });
        if let Some(kind) = only {
            context["only"] = json!([kind]);
        }
        let result = self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": context,
            }),
        );
        result.as_array().cloned().unwrap_or_default()
    }

    /// Shuts the server down and checks that it ends promptly and cleanly.
    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().expect("running");
        let start = std::time::Instant::now();
        while !server.is_finished() {
            assert!(start.elapsed() < WAIT, "the server did not end after exit");
            std::thread::sleep(Duration::from_millis(5));
        }
        let ending = server.join().expect("no panic");
        assert!(matches!(ending, Ok(Ending::Clean)), "{ending:?}");
    }
}

fn uri(path: &Path) -> String {
    memwise_server::uri::from_path(path)
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let index = memwise_server::position::LineIndex::new(text);
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let at = |key: &str| {
                let position =
                    serde_json::from_value(edit["range"][key].clone()).expect("a position");
                index.offset(text, position, memwise_server::position::Encoding::Utf16)
            };
            (
                at("start"),
                at("end"),
                edit["newText"].as_str().expect("text").to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|span| std::cmp::Reverse(span.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .expect("edits for the document")
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a code").to_owned())
        .collect()
}

const SOURCE: &str = "if True:\n\ts = 'é𝒳'; total = sum([x for x in range(3)])\n";

#[test]
fn diagnostics_fixes_noqa_and_fix_all() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("a.py"));
    let (mut client, init) = Client::start(json!({}), Value::Null, dir.path());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    client.open(&file, SOURCE);
    let published = client.diagnostics();
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), ["MEM304"]);
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["source"], "memwise");
    assert_eq!(diagnostic["severity"], 2);
    assert!(
        diagnostic["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("MEM304.md")
    );
    // The comprehension starts after a tab, `é` (1 unit) and `𝒳` (2 units).
    let line = SOURCE.lines().nth(1).unwrap();
    let column = line[..line.find('[').unwrap()].encode_utf16().count();
    assert_eq!(
        diagnostic["range"]["start"],
        json!({ "line": 1, "character": column })
    );

    // The quick fix, applied, leaves nothing to report.
    let actions = client.code_actions(&file, &published["diagnostics"], None);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let fixed = apply(SOURCE, &edits_of(fix, &file));
    assert_eq!(
        fixed,
        "if True:\n\ts = 'é𝒳'; total = sum(x for x in range(3))\n"
    );
    client.replace(&file, 2, &fixed);
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert!(codes(&published).is_empty());

    // "Disable MEM304 for this line", applied, hides the finding.
    client.replace(&file, 3, SOURCE);
    let published = client.diagnostics();
    let actions = client.code_actions(&file, &published["diagnostics"], Some("quickfix"));
    let noqa = actions
        .iter()
        .find(|a| a["title"] == "Disable MEM304 for this line")
        .expect("a noqa action");
    let silenced = apply(SOURCE, &edits_of(noqa, &file));
    assert!(
        silenced.ends_with("range(3)])  # noqa: MEM304\n"),
        "{silenced}"
    );
    client.replace(&file, 4, &silenced);
    assert!(codes(&client.diagnostics()).is_empty());

    // Fix-all applies every safe fix, and only those.
    let two = "a = sum([x for x in range(3)])\nb = any([x for x in range(3)])\nc = min([x for x in range(3)])\n";
    client.replace(&file, 5, two);
    let published = client.diagnostics();
    assert_eq!(codes(&published), ["MEM304", "MEM304", "MEM304"]);
    let actions = client.code_actions(&file, &json!([]), Some("source.fixAll"));
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.memwise");
    let fixed = apply(two, &edits_of(&actions[0], &file));
    assert_eq!(
        fixed,
        "a = sum(x for x in range(3))\nb = any([x for x in range(3)])\nc = min(x for x in range(3))\n"
    );
    // The unsafe fix (`any`) is not offered without `unsafeFixes`.
    let actions = client.code_actions(&file, &published["diagnostics"], Some("quickfix"));
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().contains("unsafe"))
    );
    assert_eq!(actions.len(), 5);

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": file } }),
    );
    assert!(codes(&client.diagnostics()).is_empty());
    client.shutdown();
}

#[test]
fn utf8_positions_unsafe_fixes_and_stale_data() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("b.py"));
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (mut client, init) =
        Client::start(capabilities, json!({ "unsafeFixes": true }), dir.path());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let text = "s = 'é𝒳'; ok = any([x for x in range(3)])\n";
    client.open(&file, text);
    let published = client.diagnostics();
    let column = text.find('[').unwrap();
    assert_eq!(
        published["diagnostics"][0]["range"]["start"]["character"],
        column
    );
    let actions = client.code_actions(&file, &published["diagnostics"], None);
    assert!(actions[0]["title"].as_str().unwrap().ends_with("(unsafe)"));
    assert_eq!(actions[0]["isPreferred"], Value::Null);
    // Data from an older version is not acted on.
    client.replace(&file, 2, &format!("\n{text}"));
    let actions = client.code_actions(&file, &published["diagnostics"], Some("quickfix"));
    assert!(actions.is_empty());
    client.shutdown();
}

#[test]
fn configuration_discovery_and_change() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sub = dir.path().join("pkg");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[tool.memwise]\nignore = [\"MEM304\"]\n",
    )
    .unwrap();
    let file = uri(&sub.join("c.py"));
    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut client, _) = Client::start(capabilities, Value::Null, dir.path());
    client.open(&file, SOURCE);
    assert!(
        codes(&client.diagnostics()).is_empty(),
        "the pyproject.toml above ignores MEM304"
    );
    assert!(
        client
            .seen
            .iter()
            .any(|m| matches!(m, Message::Request(r) if r.method == "client/registerCapability")),
        "the server asks to watch configuration files"
    );
    std::fs::write(sub.join("memwise.toml"), "select = [\"MEM3\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&sub.join("memwise.toml")), "type": 1 }] }),
    );
    assert_eq!(codes(&client.diagnostics()), ["MEM304"]);
    // Saving a configuration file in the editor re-checks too.
    std::fs::write(sub.join("memwise.toml"), "ignore = [\"MEM3\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&sub.join("memwise.toml")) } }),
    );
    assert!(codes(&client.diagnostics()).is_empty());
    client.shutdown();
}

#[test]
fn incremental_changes_in_utf16() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("f.py"));
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    let text = "s = '𝒳'; total = sum(x for x in range(3))\n";
    client.open(&file, text);
    assert!(codes(&client.diagnostics()).is_empty());
    // `sum(` ends at UTF-16 column 22 (`𝒳` is two units): insert the `[`,
    // then, in the text that makes, the `]` before the closing parenthesis.
    let at = |character: usize| json!({ "line": 0, "character": character });
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": file, "version": 2 },
            "contentChanges": [
                { "range": { "start": at(22), "end": at(22) }, "text": "[" },
                { "range": { "start": at(42), "end": at(42) }, "text": "]" },
            ],
        }),
    );
    let published = client.diagnostics();
    assert_eq!(codes(&published), ["MEM304"]);
    assert_eq!(published["diagnostics"][0]["range"]["start"], at(22));
    client.shutdown();
}

#[test]
fn initialization_options_override_the_configuration() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("d.py"));
    let (mut client, _) = Client::start(json!({}), json!({ "ignore": ["MEM3"] }), dir.path());
    client.open(&file, SOURCE);
    assert!(codes(&client.diagnostics()).is_empty());
    client.shutdown();
    // A misspelt rule is reported, and the server checks with no overrides.
    let (mut client, _) = Client::start(json!({}), json!({ "select": ["NOPE1"] }), dir.path());
    let log = client.notification("window/logMessage");
    assert!(log["message"].as_str().unwrap().contains("NOPE1"), "{log}");
    client.open(&file, SOURCE);
    assert_eq!(codes(&client.diagnostics()), ["MEM304"]);
    client.shutdown();
}

#[test]
fn excluded_documents_go_unchecked_unless_the_editor_says() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let venv = dir.path().join(".venv").join("lib");
    std::fs::create_dir_all(&venv).unwrap();
    // Excludes match below the configuration's folder.
    std::fs::write(dir.path().join("memwise.toml"), "").unwrap();
    let file = uri(&venv.join("dep.py"));
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    client.open(&file, SOURCE);
    assert!(codes(&client.diagnostics()).is_empty());
    client.shutdown();
    let options = json!({ "forceExclude": false });
    let (mut client, _) = Client::start(json!({}), options, dir.path());
    client.open(&file, SOURCE);
    assert_eq!(codes(&client.diagnostics()), ["MEM304"]);
    client.shutdown();
}

#[test]
fn changed_editor_settings_replace_the_initialization_options() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("g.py"));
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    client.open(&file, SOURCE);
    assert_eq!(codes(&client.diagnostics()), ["MEM304"]);
    let settings = json!({ "settings": { "memwise": { "ignore": ["MEM304"] } } });
    client.notify("workspace/didChangeConfiguration", settings);
    assert!(codes(&client.diagnostics()).is_empty());
    // Settings for other tools, without a `memwise` key, are not ours.
    let other = json!({ "settings": { "python": { "analysis": {} } } });
    client.notify("workspace/didChangeConfiguration", other);
    client.replace(&file, 2, SOURCE);
    assert!(codes(&client.diagnostics()).is_empty());
    let bad = json!({ "settings": { "memwise": { "selct": [] } } });
    client.notify("workspace/didChangeConfiguration", bad);
    let log = client.notification("window/logMessage");
    assert!(log["message"].as_str().unwrap().contains("selct"), "{log}");
    client.shutdown();
}

#[test]
fn pull_diagnostics_and_hover() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("e.py"));
    let capabilities =
        json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } });
    let (mut client, init) = Client::start(capabilities, Value::Null, dir.path());
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "memwise"
    );
    let text = "total = sum([x for x in range(3)])\ny = 1  # noqa: MEM201, mem304\n";
    client.open(&file, text);
    let report = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": file } }),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], "MEM304");
    let hover = |client: &mut Client, character: u32| {
        client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": file }, "position": { "line": 1, "character": character } }),
        )
    };
    let shown = hover(&mut client, 25);
    assert!(
        shown["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**MEM304** `list-comprehension-in-call`")
    );
    assert_eq!(
        shown["range"]["start"],
        json!({ "line": 1, "character": 23 })
    );
    assert_eq!(hover(&mut client, 2), Value::Null);
    // Nothing was pushed to a client that pulls.
    assert!(!client.seen.iter().any(
        |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
    ));
    client.shutdown();
}

fn panics_on_marker(
    resolver: &Resolver,
    path: &Path,
    source: &str,
    index: &ProjectIndex,
) -> (SourceCheck, Option<IndexedFile>) {
    assert!(!source.contains("PANIC"), "a test panic");
    memwise_linter::source::check_in_project(resolver, path, source, index)
}

#[test]
fn a_panicking_check_is_logged_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut client, _) = Client::start_with(json!({}), Value::Null, dir.path(), panics_on_marker);
    let bad = uri(&dir.path().join("bad.py"));
    client.open(&bad, "PANIC = 1\n");
    let log = client.notification("window/logMessage");
    assert_eq!(log["type"], 1);
    assert!(
        log["message"].as_str().unwrap().contains("a test panic"),
        "{log}"
    );
    assert!(codes(&client.diagnostics()).is_empty());
    let good = uri(&dir.path().join("good.py"));
    client.open(&good, SOURCE);
    assert_eq!(codes(&client.diagnostics()), ["MEM304"]);
    client.shutdown();
}

#[test]
fn protocol_errors_and_exit_without_shutdown() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    let unknown = client.request_raw("textDocument/formatting", json!({}));
    assert_eq!(
        unknown.response_result.expect_err("an error").code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    let invalid = client.request_raw("textDocument/codeAction", json!({ "textDocument": 3 }));
    assert_eq!(
        invalid.response_result.expect_err("an error").code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    client.notify("exit", Value::Null);
    let server = client.server.take().expect("running");
    let ending = server.join().expect("no panic");
    assert!(matches!(ending, Ok(Ending::Abrupt)), "{ending:?}");
}

/// The next diagnostics published for `uri` (those of other documents,
/// and a checked-alone answer to a change followed by the project's, may
/// come in between).
fn published_to(client: &mut Client, uri: &str) -> Value {
    loop {
        let published = client.diagnostics();
        if published["uri"] == uri {
            return published;
        }
    }
}

/// Waits for the end of the index build the server reports through
/// `$/progress`, and gives its message.
fn indexed(client: &mut Client) -> String {
    loop {
        let progress = client.notification("$/progress");
        if progress["value"]["kind"] == "end" {
            return progress["value"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
        }
    }
}

#[test]
fn whole_project_findings_follow_the_other_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    let models = package.join("models.py");
    let model = "class Point:\n    def __init__(self, x):\n        self.x = x\n";
    std::fs::write(&models, model).unwrap();
    let user = package.join("use.py");
    let in_loop =
        "from .models import Point\n\n\ndef build(n):\n    return [Point(i) for i in range(n)]\n";
    let once = "from .models import Point\n\npoint = Point(1)\n";
    std::fs::write(&user, in_loop).unwrap();
    let capabilities = json!({
        "window": { "workDoneProgress": true },
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
    });
    let (mut client, _) = Client::start(capabilities, Value::Null, dir.path());
    assert!(indexed(&mut client).starts_with("indexed 3 files ("));
    assert!(client.seen.iter().any(|m| matches!(m,
        Message::Request(r) if r.method == "window/workDoneProgress/create")));
    assert!(client.seen.iter().any(|m| matches!(m,
        Message::Request(r) if r.method == "client/registerCapability"
            && r.params.to_string().contains("**/*.py"))));

    // The loop is in another file, which is not open: the index has it.
    let models_uri = uri(&models);
    client.open(&models_uri, model);
    let published = client.diagnostics();
    assert_eq!(codes(&published), ["MEM401"]);

    // The other file changes on disk: the finding goes.
    std::fs::write(&user, once).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&user), "type": 2 }] }),
    );
    assert!(codes(&client.diagnostics()).is_empty());

    // Edited in the editor (unsaved), the other file counts as its buffer.
    let user_uri = uri(&user);
    client.open(&user_uri, once);
    assert!(codes(&client.diagnostics()).is_empty());
    client.replace(&user_uri, 2, in_loop);
    assert_eq!(codes(&published_to(&mut client, &models_uri)), ["MEM401"]);
    // Closed without saving: the file on disk (no loop) counts again.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": user_uri } }),
    );
    assert!(codes(&published_to(&mut client, &models_uri)).is_empty());

    // Deleted, the file leaves the index.
    std::fs::write(&user, in_loop).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&user), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics()), ["MEM401"]);
    std::fs::remove_file(&user).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&user), "type": 3 }] }),
    );
    assert!(codes(&client.diagnostics()).is_empty());
    client.shutdown();
}

#[test]
fn a_request_cancelled_before_its_turn_is_not_answered() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("h.py"));
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    client.open(&file, SOURCE);
    // The request and its cancellation arrive together, before the server
    // got to the request.
    let id = RequestId::from(1000);
    let hover =
        json!({ "textDocument": { "uri": file }, "position": { "line": 0, "character": 0 } });
    let cancelled = Request::new(id.clone(), "textDocument/hover".to_owned(), hover);
    client.send(cancelled);
    client.notify("$/cancelRequest", json!({ "id": 1000 }));
    loop {
        match client.receive() {
            Message::Response(response) if response.id == id => {
                assert_eq!(
                    response.response_result.expect_err("cancelled").code,
                    lsp_server::ErrorCode::RequestCanceled as i32
                );
                break;
            }
            other => client.seen.push(other),
        }
    }
    client.shutdown();
}

/// The next diagnostics published for each of `uris`, by URI.
fn published_for(client: &mut Client, uris: &[&str]) -> HashMap<String, Value> {
    let mut found = HashMap::new();
    while uris.iter().any(|uri| !found.contains_key(*uri)) {
        let published = client.diagnostics();
        let uri = published["uri"].as_str().expect("a uri").to_owned();
        found.insert(uri, published);
    }
    found
}

#[test]
fn notebook_cells_get_their_own_diagnostics() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let notebook = uri(&dir.path().join("nb.ipynb"));
    let cell = |i: usize| format!("vscode-notebook-cell:{}#W{i}", &notebook[5..]);
    let (c0, c1, c2, c3) = (cell(0), cell(1), cell(2), cell(3));
    let (mut client, init) = Client::start(json!({}), Value::Null, dir.path());
    assert_eq!(
        init["capabilities"]["notebookDocumentSync"]["notebookSelector"][0]["notebook"]["notebookType"],
        "jupyter-notebook"
    );
    let first = "import os\n%matplotlib inline\n";
    let second = "if True:\n\ts = 'é𝒳'; total = sum([x for x in range(3)])\n";
    let item = |uri: &str, text: &str| json!({ "uri": uri, "languageId": "python", "version": 1, "text": text });
    client.notify(
        "notebookDocument/didOpen",
        json!({
            "notebookDocument": {
                "uri": notebook, "notebookType": "jupyter-notebook", "version": 1,
                "cells": [
                    { "kind": 1, "document": c0 },
                    { "kind": 2, "document": c1 },
                    { "kind": 2, "document": c2 },
                ],
            },
            "cellTextDocuments": [item(&c1, first), item(&c2, second)],
        }),
    );
    let found = published_for(&mut client, &[&c1, &c2]);
    assert!(codes(&found[&c1]).is_empty());
    assert_eq!(codes(&found[&c2]), ["MEM304"]);
    // In the cell's own coordinates: its second line, after a tab, `é`
    // and `𝒳` (three UTF-16 units).
    let line = second.lines().nth(1).unwrap();
    let column = line[..line.find('[').unwrap()].encode_utf16().count();
    assert_eq!(
        found[&c2]["diagnostics"][0]["range"]["start"],
        json!({ "line": 1, "character": column })
    );
    // "Disable for this line" works on a cell.
    let actions = client.code_actions(&c2, &found[&c2]["diagnostics"], Some("quickfix"));
    let noqa = actions
        .iter()
        .find(|a| a["title"] == "Disable MEM304 for this line")
        .expect("a noqa action");
    assert!(apply(second, &edits_of(noqa, &c2)).ends_with("range(3)])  # noqa: MEM304\n"));

    // A new cell with a finding, and the old one's edited away.
    let fixed = second.replace("sum([x for x in range(3)])", "sum(x for x in range(3))");
    let third = "y = min([x for x in range(3)])\n";
    client.notify(
        "notebookDocument/didChange",
        json!({
            "notebookDocument": { "uri": notebook, "version": 2 },
            "change": { "cells": {
                "structure": {
                    "array": { "start": 3, "deleteCount": 0, "cells": [{ "kind": 2, "document": c3 }] },
                    "didOpen": [item(&c3, third)],
                },
                "textContent": [{
                    "document": { "uri": c2, "version": 2 },
                    "changes": [{ "text": fixed }],
                }],
            }},
        }),
    );
    let found = published_for(&mut client, &[&c1, &c2, &c3]);
    assert!(codes(&found[&c2]).is_empty());
    assert_eq!(codes(&found[&c3]), ["MEM304"]);
    assert_eq!(found[&c3]["diagnostics"][0]["range"]["start"]["line"], 0);

    // Closing clears every cell.
    client.notify(
        "notebookDocument/didClose",
        json!({ "notebookDocument": { "uri": notebook }, "cellTextDocuments": [{ "uri": c1 }, { "uri": c2 }, { "uri": c3 }] }),
    );
    let found = published_for(&mut client, &[&c1, &c2, &c3]);
    assert!(found.values().all(|p| codes(p).is_empty()));
    client.shutdown();
}

#[test]
fn unused_noqa_codes_are_warned_about_as_the_cli_does() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = uri(&dir.path().join("n.py"));
    let (mut client, _) = Client::start(json!({}), Value::Null, dir.path());
    // MEM999 is deliberately no rule: the hover must say so.
    let text = "x = 1  # noqa: mem304\ny = sum([v for v in range(3)])  # noqa: MEM304, MEM999\n";
    client.open(&file, text);
    let published = client.diagnostics();
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 2, "{published}");
    let unused = &diagnostics[0];
    assert_eq!(unused["code"], Value::Null);
    assert_eq!(unused["tags"], json!([1]));
    assert_eq!(
        unused["message"],
        "noqa code MEM304 suppresses nothing: no MEM304 finding starts on this line"
    );
    let start = u32::try_from(text.find("mem304").unwrap()).unwrap();
    assert_eq!(
        unused["range"],
        json!({ "start": { "line": 0, "character": start }, "end": { "line": 0, "character": start + 6 } })
    );
    let unknown = &diagnostics[1];
    assert_eq!(unknown["range"]["start"]["line"], 1);
    assert_eq!(unknown["tags"], Value::Null);
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("MEM999 is not a memwise rule")
    );
    // No action is built from them.
    assert!(
        client
            .code_actions(&file, &published["diagnostics"], Some("quickfix"))
            .is_empty()
    );
    // `warn-unused-noqa = false` turns them off, as for the CLI.
    std::fs::write(
        dir.path().join("memwise.toml"),
        "warn-unused-noqa = false\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&dir.path().join("memwise.toml")), "type": 1 }] }),
    );
    assert!(
        client.diagnostics()["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    client.shutdown();
}

#[test]
fn workspace_folders_removed_and_added_change_the_project() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    let model = "class Point:\n    def __init__(self, x):\n        self.x = x\n";
    std::fs::write(package.join("models.py"), model).unwrap();
    std::fs::write(
        package.join("use.py"),
        "from .models import Point\n\n\ndef build(n):\n    return [Point(i) for i in range(n)]\n",
    )
    .unwrap();
    let capabilities = json!({ "window": { "workDoneProgress": true } });
    let (mut client, init) = Client::start(capabilities, Value::Null, dir.path());
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"]["changeNotifications"],
        true
    );
    indexed(&mut client);
    let models = uri(&package.join("models.py"));
    client.open(&models, model);
    assert_eq!(codes(&client.diagnostics()), ["MEM401"]);
    let folder = json!([{ "uri": uri(dir.path()), "name": "w" }]);
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [], "removed": folder } }),
    );
    assert!(codes(&client.diagnostics()).is_empty());
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": folder, "removed": [] } }),
    );
    assert!(indexed(&mut client).starts_with("indexed 3 files ("));
    assert_eq!(codes(&client.diagnostics()), ["MEM401"]);
    client.shutdown();
}

/// The real check, made slow when it has a project to look at.
fn slow_with_a_project(
    resolver: &Resolver,
    path: &Path,
    source: &str,
    index: &ProjectIndex,
) -> (SourceCheck, Option<IndexedFile>) {
    if !index.is_empty() {
        std::thread::sleep(Duration::from_millis(40));
    }
    memwise_linter::source::check_in_project(resolver, path, source, index)
}

#[test]
fn a_slow_project_check_answers_a_change_in_two_steps() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    let model = "class Point:\n    def __init__(self, x):\n        self.x = x\n";
    std::fs::write(package.join("models.py"), model).unwrap();
    std::fs::write(
        package.join("use.py"),
        "from .models import Point\n\n\ndef build(n):\n    return [Point(i) for i in range(n)]\n",
    )
    .unwrap();
    let capabilities = json!({ "window": { "workDoneProgress": true } });
    let (mut client, _) =
        Client::start_with(capabilities, Value::Null, dir.path(), slow_with_a_project);
    indexed(&mut client);
    let models = uri(&package.join("models.py"));
    client.open(&models, model);
    let published = client.diagnostics();
    assert_eq!(codes(&published), ["MEM401"]);
    assert_eq!(published["diagnostics"][0]["range"]["start"]["line"], 0);
    // A line inserted above: the document alone is checked at once, and the
    // project's finding, which that check cannot see, moves down with it.
    let at = json!({ "line": 0, "character": 0 });
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": models, "version": 2 },
            "contentChanges": [{ "range": { "start": at, "end": at }, "text": "import os\n" }],
        }),
    );
    let quick = client.diagnostics();
    assert_eq!(quick["version"], 2);
    assert_eq!(codes(&quick), ["MEM401"]);
    assert_eq!(quick["diagnostics"][0]["range"]["start"]["line"], 1);
    // After the pause, the check with the project confirms it.
    let full = client.diagnostics();
    assert_eq!(full["version"], 2);
    assert_eq!(codes(&full), ["MEM401"]);
    assert_eq!(
        full["diagnostics"][0]["range"],
        quick["diagnostics"][0]["range"]
    );
    // Only the project's check carries edits for this version.
    assert_eq!(quick["diagnostics"][0]["data"]["version"], 1);
    assert_eq!(full["diagnostics"][0]["data"]["version"], 2);
    client.shutdown();
}

#[test]
fn many_files_changed_on_disk_are_read_in_the_background() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "").unwrap();
    let model = "class Point:\n    def __init__(self, x):\n        self.x = x\n";
    std::fs::write(package.join("models.py"), model).unwrap();
    let capabilities = json!({ "window": { "workDoneProgress": true } });
    let (mut client, _) = Client::start(capabilities, Value::Null, dir.path());
    indexed(&mut client);
    let models = uri(&package.join("models.py"));
    client.open(&models, model);
    assert!(codes(&client.diagnostics()).is_empty());
    // A checkout brings twelve files, one of which makes a loop of points.
    let mut changes = Vec::new();
    for i in 0..12 {
        let path = package.join(format!("use{i}.py"));
        let body = if i == 7 {
            "from .models import Point\n\n\ndef build(n):\n    return [Point(i) for i in range(n)]\n"
        } else {
            "x = 1\n"
        };
        std::fs::write(&path, body).unwrap();
        changes.push(json!({ "uri": uri(&path), "type": 1 }));
    }
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    // The server answers meanwhile.
    let hover =
        json!({ "textDocument": { "uri": models }, "position": { "line": 0, "character": 0 } });
    assert_eq!(client.request("textDocument/hover", hover), Value::Null);
    assert_eq!(codes(&published_to(&mut client, &models)), ["MEM401"]);
    client.shutdown();
}
