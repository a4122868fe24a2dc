#!/usr/bin/env python3
"""Re-runs memwise on the corpora and says which judged sites changed.

Verdicts live in docs/corpus-findings/verdicts/<CODE>.tsv, one finding a line,
tab-separated, after a header line:

    corpus  site                                        verdict  reason
    corpus2 corpus2/dask-2026.8.0/dask/base.py:120      TRUE     builds a list per chunk ...

`corpus` is `corpus1` (../shared/bench/fetch-corpus.sh: django, sympy,
twisted, ansible-core; `corpus` is read the same) or `corpus2`
(fetch-corpus2.sh); `site` is the corpus,
the project folder, the file path inside it and the line of the finding;
`verdict` is TRUE, FALSE or BORDERLINE. The held-back corpora's verdicts
(tests/bench/fetch-corpus3.sh and later) live in
docs/corpus-findings/verdicts/corpusN/<CODE>.tsv, their sites without the
corpus folder (`numba-0.60.0/numba/core/dispatcher.py:96`); they are
compared when --corpusN names where that corpus was fetched.

For each rule with a verdict file (or those named with --rules), the script
runs `memwise check --select CODE --output-format concise` in each project
folder (each project is its own whole-project scope, as a user runs it;
docs/corpus-findings/verdicts/changed.sh runs each corpus as one) and prints:

- judged sites no longer reported (a FALSE one gone is progress, a TRUE one
  gone is lost recall),
- findings not judged yet (the next round judges them),
- per rule: findings, judged, TRUE / FALSE / BORDERLINE among the findings
  still reported, and the false-alarm share (borderline counted apart).

Usage:
    tests/bench/verdicts.py [--memwise target/release/memwise]
        [--corpus1 /tmp/memwise-corpus] [--corpus2 /tmp/memwise-corpus2]
        [--projects dask,httpx,...] [--rules MEM301,MEM401]
        [--corpus3 /tmp/corpus3 ... --corpus324 /tmp/corpus324]

By default corpus2 is limited to its tuning half; pass --projects (or
--all-projects, for the final measurement by someone who did not tune) to
choose others. Exit status 1 when a judged TRUE site is no longer reported.
"""

from __future__ import annotations

import argparse
import collections
import csv
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERDICTS = ROOT / "docs" / "corpus-findings" / "verdicts"
TUNING_HALF = [
    "dask",
    "httpx",
    "jinja2",
    "pydantic",
    "requests",
    "starlette",
    "transformers",
    "xarray",
]
# The corpora held back until judged, each fetched by its own script and
# judged one project at a time.
HELD_BACK = [f"corpus{n}" for n in range(3, 325)]
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):\d+: (?P<code>MEM\d{3}) ")


def read_verdicts(code: str) -> dict[str, tuple[str, str]]:
    """site -> (verdict, reason) for one rule, over every corpus."""
    out: dict[str, tuple[str, str]] = {}
    for prefix, path in [("", VERDICTS / f"{code}.tsv")] + [
        (f"{corpus}/", VERDICTS / corpus / f"{code}.tsv") for corpus in HELD_BACK
    ]:
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                # The header's second column is `site`; a row's first column may
                # also read `corpus` (the benchmark corpus).
                if not row or row[0].startswith("#") or row[1:2] == ["site"]:
                    continue
                _corpus, site, verdict, *reason = row
                # `corpus/...` (changed.sh's spelling) is the benchmark corpus.
                if site.startswith("corpus/"):
                    site = "corpus1/" + site[len("corpus/") :]
                if prefix and not site.startswith(prefix):
                    site = prefix + site
                out[site] = (verdict.strip().upper(), reason[0] if reason else "")
    return out


def project_dirs(args: argparse.Namespace) -> list[tuple[str, pathlib.Path]]:
    dirs: list[tuple[str, pathlib.Path]] = []
    c1 = pathlib.Path(args.corpus1)
    if c1.is_dir():
        dirs += [("corpus1", d) for d in sorted(c1.iterdir()) if d.is_dir()]
    c2 = pathlib.Path(args.corpus2)
    if c2.is_dir():
        wanted = None if args.all_projects else (args.projects or TUNING_HALF)
        for d in sorted(c2.iterdir()):
            if not d.is_dir():
                continue
            name = d.name.rsplit("-", 1)[0]
            if wanted is None or name in wanted:
                dirs.append(("corpus2", d))
    for corpus in HELD_BACK:
        root = getattr(args, corpus)
        if root and pathlib.Path(root).is_dir():
            # `dl` holds the downloaded wheels.
            dirs += [(corpus, d) for d in sorted(pathlib.Path(root).iterdir()) if d.is_dir() and d.name != "dl"]
    return dirs


def findings(memwise: str, corpus: str, project: pathlib.Path, codes: list[str]) -> dict[str, list[str]]:
    """code -> sites reported in one project."""
    run = subprocess.run(
        [memwise, "check", "--select", ",".join(codes), "--output-format", "concise", "-q", "--exit-zero", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    out: dict[str, list[str]] = collections.defaultdict(list)
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if m:
            out[m["code"]].append(f"{corpus}/{project.name}/{m['path']}:{m['line']}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memwise", default=str(ROOT / "target" / "release" / "memwise"))
    parser.add_argument("--corpus1", default="/tmp/memwise-corpus")
    parser.add_argument("--corpus2", default="/tmp/memwise-corpus2")
    parser.add_argument("--projects", type=lambda s: s.split(","))
    parser.add_argument("--all-projects", action="store_true")
    parser.add_argument("--rules", type=lambda s: s.split(","))
    for corpus in HELD_BACK:
        parser.add_argument(f"--{corpus}", metavar="DIR")
    args = parser.parse_args()
    # Projects are run from their own folder: the binary's path must not be relative.
    args.memwise = str(pathlib.Path(args.memwise).resolve())

    codes = args.rules or sorted({p.stem for p in VERDICTS.glob("**/MEM*.tsv")})
    if not codes:
        print("no verdict files and no --rules", file=sys.stderr)
        return 2
    dirs = project_dirs(args)
    reported: dict[str, set[str]] = collections.defaultdict(set)
    scanned: set[str] = set()
    for corpus, project in dirs:
        scanned.add(f"{corpus}/{project.name}/")
        for code, sites in findings(args.memwise, corpus, project, codes).items():
            reported[code].update(sites)

    lost_true = False
    print("rule    findings judged  TRUE FALSE BORDER  false-share  gone(T/F/B)  unjudged")
    details: list[str] = []
    for code in codes:
        verdicts = read_verdicts(code)
        # Only sites in projects that were run can be compared.
        verdicts = {s: v for s, v in verdicts.items() if any(s.startswith(p) for p in scanned)}
        now = reported.get(code, set())
        counts = collections.Counter(verdicts[s][0] for s in now if s in verdicts)
        gone = collections.Counter(v for s, (v, _) in verdicts.items() if s not in now)
        unjudged = sorted(now - verdicts.keys())
        judged = sum(counts.values())
        share = f"{100 * counts['FALSE'] / judged:.0f}%" if judged else "-"
        print(
            f"{code}  {len(now):8} {judged:6} {counts['TRUE']:5} {counts['FALSE']:5} {counts['BORDERLINE']:6}"
            f"  {share:>11}  {gone['TRUE']}/{gone['FALSE']}/{gone['BORDERLINE']:<8}  {len(unjudged)}"
        )
        for site, (verdict, reason) in sorted(verdicts.items()):
            if site not in now:
                details.append(f"{code} no longer reported ({verdict}): {site}  # {reason}")
                lost_true |= verdict == "TRUE"
        details += [f"{code} not judged: {site}" for site in unjudged]
    if details:
        print()
        print("\n".join(details))
    return 1 if lost_true else 0


if __name__ == "__main__":
    sys.exit(main())
