#!/usr/bin/env python3
"""Compares two memwise builds on every corpus judged so far, and says what
each change did to the judged sites: the regression check a precision
change runs before it lands.

    regress.py OLD_BIN NEW_BIN [--rules MEM401,MEM402] [--jobs 2]

runs `check --no-cache --output-format concise` (with `--select` when
--rules is given) with each build in each project folder of corpus1
(/tmp/memwise-corpus), corpus2 (/tmp/memwise-corpus2, every project) and
the held-back corpora /tmp/corpus3 ... (those present), then prints every
finding one build reports and the other does not, with its verdict from
docs/corpus-findings/verdicts when it was judged, and the count of gone
and new findings per verdict. A judged TRUE site gone is lost recall:
the exit status is then 1. Folders are overridden with MEMWISE_CORPUS1,
MEMWISE_CORPUS2 and MEMWISE_CORPORA (the folder holding corpusN).
"""

from __future__ import annotations

import collections
import concurrent.futures
import csv
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERDICTS = ROOT / "docs" / "corpus-findings" / "verdicts"
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):\d+: (?P<code>MEM\d{3}) ")


def corpora() -> list[tuple[str, str, pathlib.Path]]:
    """(corpus, site prefix, project folder) for every project present."""
    out = []
    c1 = pathlib.Path(os.environ.get("MEMWISE_CORPUS1", "/tmp/memwise-corpus"))
    c2 = pathlib.Path(os.environ.get("MEMWISE_CORPUS2", "/tmp/memwise-corpus2"))
    for corpus, prefix, root in [("corpus1", "corpus/", c1), ("corpus2", "corpus2/", c2)]:
        if root.is_dir():
            out += [(corpus, prefix, d) for d in sorted(root.iterdir()) if d.is_dir()]
    held = pathlib.Path(os.environ.get("MEMWISE_CORPORA", "/tmp"))
    n = 3
    while (held / f"corpus{n}").is_dir() or n < 40:
        root = held / f"corpus{n}"
        if root.is_dir():
            out += [
                (f"corpus{n}", "", d)
                for d in sorted(root.iterdir())
                if d.is_dir() and d.name != "dl"
            ]
        n += 1
    return out


def run_one(binary: str, rules: str | None, corpus: str, prefix: str, project: pathlib.Path) -> set[tuple[str, str, str]]:
    cmd = [binary, "check", "--no-cache", "--output-format", "concise", "."]
    if rules:
        cmd[2:2] = ["--select", rules]
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    found = set()
    for line in result.stdout.splitlines():
        m = FINDING.match(line)
        if m and m["code"] != "MEM000":
            site = f"{prefix}{project.name}/{m['path'].removeprefix('./')}:{m['line']}"
            found.add((corpus, m["code"], site))
    return found


def run(binary: str, rules: str | None, jobs: int) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for part in pool.map(lambda c: run_one(binary, rules, *c), corpora()):
            found |= part
    return found


def normal(site: str) -> str:
    """The site with its project folder spelt with hyphens: the held-back
    corpora were first unpacked as `line-profiler-5.1.0`, fetch-wheels.sh
    unpacks `line_profiler-5.1.0`."""
    head, _, rest = site.partition("/")
    if head in {"corpus", "corpus2"}:
        project, _, rest = rest.partition("/")
        return f"{head}/{project.replace('_', '-')}/{rest}"
    return f"{head.replace('_', '-')}/{rest}"


def verdicts() -> dict[tuple[str, str, str], str]:
    out = {}
    for tsv in VERDICTS.rglob("MEM*.tsv"):
        held = tsv.parent.name if tsv.parent != VERDICTS else None
        with tsv.open(newline="", encoding="utf-8") as f:
            for row in list(csv.reader(f, delimiter="\t"))[1:]:
                if len(row) < 3:
                    continue
                corpus = held or ("corpus1" if row[0] in {"corpus", "corpus1"} else row[0])
                out[(corpus, tsv.stem, normal(row[1]))] = row[2]
    return out


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    old, new = args[0], args[1]
    opts = dict(zip(args[2::2], args[3::2]))
    rules = opts.get("--rules")
    jobs = int(opts.get("--jobs", 2))
    before, after = run(old, rules, jobs), run(new, rules, jobs)
    judged = verdicts()
    counts = collections.Counter()
    lost = False
    for label, sites in [("gone", before - after), ("new", after - before)]:
        for key in sorted(sites):
            verdict = judged.get((key[0], key[1], normal(key[2])), "unjudged")
            counts[(label, verdict)] += 1
            lost |= label == "gone" and verdict == "TRUE"
            print(f"{label}\t{verdict}\t{key[1]}\t{key[0]}\t{key[2]}")
    print(f"{len(before)} findings before, {len(after)} after")
    for (label, verdict), n in sorted(counts.items()):
        print(f"  {label} {verdict}: {n}")
    if lost:
        print("a judged TRUE site is no longer reported", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
