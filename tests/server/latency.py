"""Change-to-diagnostics latency of `memwise server`: a benchmark, not a test.

    python3 tests/server/latency.py target/release/memwise FILE.py [CHANGES] [ROOT]

With ROOT, the server is started on that workspace folder first, and the
time it takes to index it and its resident memory once done are printed.
Opens FILE (the first 1,000 lines), then sends CHANGES edits one at a time,
each a whole-text didChange that appends a character to a comment line, and
times each from the moment it is written to the moment the diagnostics of
that version arrive. Prints the median, the 90th percentile and the worst,
and the server's peak resident memory (VmHWM). With PAUSED=1 in the
environment, it pauses 0.5 s after each change, as typing does, and says
how many changes were answered with the project at once (the server
answers first with the document alone while its last check with the
project took over 20 ms). Standard library only.
"""

import json
import os
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main():
    binary, source = sys.argv[1], Path(sys.argv[2])
    changes = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    root = Path(sys.argv[4]).resolve() if len(sys.argv) > 4 else None
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)[:1000]
    text = "".join(lines)
    server = subprocess.Popen(
        [binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0
    )

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def receive():
        length = None
        while True:
            line = server.stdout.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(server.stdout.read(length))

    def diagnostics_of(version):
        while True:
            message = receive()
            if message.get("method") == "textDocument/publishDiagnostics":
                if message["params"]["version"] == version:
                    return message["params"]["diagnostics"]

    def memory(field):
        status = Path(f"/proc/{server.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith(field))
        return int(kib) / 1024

    uri = source.resolve().as_uri()
    params = {"capabilities": {"window": {"workDoneProgress": True}}}
    if root:
        params["rootUri"] = root.as_uri()
    started = time.perf_counter()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params})
    receive()
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    if root:
        while True:
            message = receive()
            value = message.get("params", {}).get("value", {}) if isinstance(message.get("params"), dict) else {}
            if message.get("method") == "$/progress" and value.get("kind") == "end":
                break
        took = time.perf_counter() - started
        print(f"{root}: {value.get('message')} in {took:.1f} s, "
              f"server RSS {memory('VmRSS'):.1f} MiB (peak {memory('VmHWM'):.1f} MiB)")
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}}})
    found = len(diagnostics_of(1))
    timings = []
    # With PAUSED=1, each change is followed by a pause (0.5 s), as typing
    # pauses: what the first answer is then depends on the last check.
    paused = bool(os.environ.get("PAUSED"))
    two_step = 0
    for version in range(2, changes + 2):
        text = text + f"# edit {version}\n"
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]}})
        diagnostics_of(version)
        timings.append((time.perf_counter() - start) * 1000)
        if paused:
            # Typing pauses after each change: a second answer (the check
            # with the project after a quick one) comes within the pause.
            if select.select([server.stdout], [], [], 0.5)[0]:
                diagnostics_of(version)
                two_step += 1
    if root:
        # With an index, a slow check with the project follows the quick
        # answer once the changes pause: time it too.
        version = changes + 2
        text = text + f"# edit {version}\n"
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]}})
        diagnostics_of(version)
        quick = (time.perf_counter() - start) * 1000
        # A check with the project within the server's budget (20 ms) is
        # the first answer itself: no second one comes.
        if select.select([server.stdout], [], [], 2.0)[0]:
            diagnostics_of(version)
            full = (time.perf_counter() - start) * 1000
            print(f"one change then a pause: first answer {quick:.1f} ms, "
                  f"with the project {full:.1f} ms (300 ms of it the pause)")
        else:
            print(f"one change then a pause: answered with the project at once, {quick:.1f} ms")
    peak = memory("VmHWM")
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait(timeout=10)
    timings.sort()
    print(f"{source.name}: {len(lines)} lines, {found} findings, {changes} changes")
    print(
        f"change to diagnostics: median {statistics.median(timings):.1f} ms, "
        f"p90 {timings[int(len(timings) * 0.9)]:.1f} ms, worst {timings[-1]:.1f} ms"
    )
    if paused:
        print(f"after a pause: {changes - two_step} of {changes} changes answered with the "
              f"project at once, {two_step} first by the document alone")
    print(f"server peak RSS: {peak:.1f} MiB")


if __name__ == "__main__":
    main()
