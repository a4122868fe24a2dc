"""`memwise server` driven over stdio by pytest-lsp (pygls's client), with the
capabilities real editors send: VS Code 1.65 (UTF-16, pushed diagnostics) and
Neovim 0.11 (UTF-8 offered first, pulled diagnostics). Run by run.sh."""

import json
import os
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

MEMWISE = os.environ["MEMWISE_BIN"]
SOURCE = "if True:\n\ts = 'é𝒳'; total = sum([x for x in range(3)])\n"
EDITORS = ["visual-studio-code@v1.65.2", "neovim@v0.11.0"]


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[MEMWISE, "server"]), params=EDITORS
)
async def client(lsp_client: LanguageClient, request, tmp_path):
    lsp_client.tmp_path = tmp_path
    lsp_client.registrations = []

    # pytest-lsp's client announces what the editor supports but does not
    # answer registrations itself.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=tmp_path.as_uri(),
        )
    )
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    lsp_client.pulls = result.capabilities.diagnostic_provider is not None
    yield
    await lsp_client.shutdown_session()


def units(text, encoding):
    """The length of `text` in the negotiated position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def offset(text, position, encoding):
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    column = 0
    for i, char in enumerate(line):
        if column >= position.character or char == "\n":
            return start + i
        column += units(char, encoding)
    return start + len(line)


def apply(text, edits, encoding):
    spans = [
        (offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


async def diagnostics(client, uri):
    if client.pulls:
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return report.items
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def code_actions(client, uri, found, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=list(found), only=only),
        )
    )


def change(client, uri, version, text):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest.mark.asyncio
async def test_a_finding_fixed_silenced_and_fixed_all(client: LanguageClient):
    uri = (client.tmp_path / "a.py").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=SOURCE)
        )
    )
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["MEM304"]
    if client.capabilities.workspace.did_change_watched_files.dynamic_registration:
        methods = [r.method for r in client.registrations]
        assert methods == ["workspace/didChangeWatchedFiles"]
    finding = found[0]
    assert finding.source == "memwise"
    assert finding.code_description.href.endswith("/MEM304.md")
    line = SOURCE.splitlines()[1]
    assert finding.range.start == types.Position(1, units(line[: line.index("[")], client.encoding))

    actions = await code_actions(client, uri, found)
    titles = [a.title for a in actions]
    assert titles[1] == "Disable MEM304 for this line", titles
    fixed = apply(SOURCE, actions[0].edit.changes[uri], client.encoding)
    assert fixed == SOURCE.replace("sum([x for x in range(3)])", "sum(x for x in range(3))")
    change(client, uri, 2, fixed)
    assert list(await diagnostics(client, uri)) == []

    change(client, uri, 3, SOURCE)
    found = await diagnostics(client, uri)
    silenced = apply(SOURCE, actions[1].edit.changes[uri], client.encoding)
    assert silenced.endswith("range(3)])  # noqa: MEM304\n")
    change(client, uri, 4, silenced)
    assert list(await diagnostics(client, uri)) == []
    line = silenced.splitlines()[1]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(1, units(line[: line.index("MEM304") + 2], client.encoding)),
        )
    )
    assert "`list-comprehension-in-call`" in hover.contents.value

    change(client, uri, 5, SOURCE)
    await diagnostics(client, uri)
    actions = await code_actions(client, uri, [], only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.memwise"]
    assert apply(SOURCE, actions[0].edit.changes[uri], client.encoding) == fixed


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_malformed_messages_get_errors_and_the_server_goes_on():
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    stream = (
        frame(initialize)
        + frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        + b"Content-Length: 6\r\n\r\n{oops}"
        + frame({"jsonrpc": "2.0", "id": 7, "params": {}})
        + frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        + frame({"jsonrpc": "2.0", "method": "exit"})
    )
    run = subprocess.run([MEMWISE, "server"], input=stream, capture_output=True, timeout=30)
    replies = []
    rest = run.stdout
    while rest:
        header, _, rest = rest.partition(b"\r\n\r\n")
        length = int(header.split(b":")[1])
        replies.append(json.loads(rest[:length]))
        rest = rest[length:]
    errors = [(r["id"], r["error"]["code"]) for r in replies if "error" in r]
    assert errors == [(None, -32700), (7, -32600)], replies
    assert replies[-1] == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert run.returncode == 0, run.stderr


@pytest.mark.asyncio
async def test_a_finding_that_needs_another_file(client: LanguageClient):
    package = client.tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    model = "class Point:\n    def __init__(self, x):\n        self.x = x\n"
    (package / "models.py").write_text(model)
    user = package / "use.py"
    user.write_text("from .models import Point\n\n\ndef build(n):\n    return [Point(i) for i in range(n)]\n")
    # The files appeared after the server started: an editor's file
    # watcher says so.
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=(package / name).as_uri(), type=types.FileChangeType.Created)
                for name in ["__init__.py", "models.py", "use.py"]
            ]
        )
    )
    uri = (package / "models.py").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=model)
        )
    )
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["MEM401"]
    assert "use.py" in found[0].message
