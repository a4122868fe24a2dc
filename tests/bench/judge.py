#!/usr/bin/env python3
"""Runs memwise on a held-back corpus and prepares, gathers and tabulates
the judges' verdicts (docs/corpus-findings.md says how a corpus is judged).

    judge.py run BIN CORPUS_DIR OUT_DIR
        one `check --no-cache --output-format concise` per project folder
        (each project is its own whole-project scope, as a user runs it),
        its findings in OUT_DIR/<project>.txt, paths from the corpus root.
    judge.py sample OUT_DIR WORK_DIR [--judges 5] [--per-rule 30]
        every finding of a default rule with fewer than --per-rule findings,
        a spread of --per-rule across projects otherwise; dealt out to
        WORK_DIR/j1.txt ... jN.txt (a project's findings stay with one
        judge where they can), all of them in WORK_DIR/jall.txt.
    judge.py assemble WORK_DIR CORPUS VERDICT_DIR
        reads WORK_DIR/j*.tsv (CODE, site, verdict, reason), checks every
        sampled finding got exactly one verdict, and writes
        VERDICT_DIR/<CODE>.tsv in the layout tests/bench/verdicts.py reads.
    judge.py table CORPUS OUT_DIR [AFTER_DIR]
        the markdown table of docs/corpus-findings.md: per rule, findings,
        judged, TRUE/FALSE/BORDERLINE and the false share; with AFTER_DIR
        (the same run after the changes), findings then and which judged
        sites are still reported.

The sample is seeded by the corpus folder's name, so it is the same on a
re-run. Only default rules are sampled: opt-in rules are judged apart.
"""

from __future__ import annotations

import collections
import csv
import pathlib
import random
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERDICTS = ROOT / "docs" / "corpus-findings" / "verdicts"
LINE = re.compile(r"^(?P<site>(?P<project>[^/]+)/.+?:\d+):\d+: (?P<code>MEM\d{3}) ")
VERDICT_WORDS = {"TRUE", "FALSE", "BORDERLINE"}


def run(binary: str, corpus: str, out: str) -> None:
    out_dir = pathlib.Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for project in sorted(pathlib.Path(corpus).iterdir()):
        if not project.is_dir() or project.name == "dl":
            continue
        result = subprocess.run(
            [binary, "check", "--no-cache", "--output-format", "concise", "."],
            cwd=project,
            capture_output=True,
            text=True,
        )
        lines = [
            f"{project.name}/{line.removeprefix('./')}"
            for line in result.stdout.splitlines()
            if re.match(r"^.+?:\d+:\d+: MEM\d{3} ", line)
        ]
        (out_dir / f"{project.name}.txt").write_text("".join(x + "\n" for x in lines))
        for line in result.stderr.splitlines():
            if "error" in line.lower():
                print(f"{project.name}: {line}", file=sys.stderr)


def findings(out: str) -> list[tuple[str, str, str, str]]:
    """(code, project, site, line) for every finding of the run, MEM000 left out."""
    rows = []
    for path in sorted(pathlib.Path(out).glob("*.txt")):
        for line in path.read_text().splitlines():
            m = LINE.match(line)
            if m and m["code"] != "MEM000":
                rows.append((m["code"], m["project"], m["site"], line))
    return rows


def default_rules() -> set[str] | None:
    """Codes of the default rules, from the generated rule pages."""
    codes = set()
    for page in (ROOT / "docs" / "rules").glob("MEM*.md"):
        text = page.read_text()
        if "on by default" in text:
            codes.add(page.stem)
    return codes or None


def sample(out: str, work: str, judges: int = 5, per_rule: int = 30) -> None:
    rng = random.Random(pathlib.Path(out).name)
    defaults = default_rules()
    by_code: dict[str, list] = collections.defaultdict(list)
    for row in findings(out):
        if defaults is None or row[0] in defaults:
            by_code[row[0]].append(row)
    chosen = []
    for code, rows in sorted(by_code.items()):
        if len(rows) <= per_rule:
            chosen += rows
            continue
        # Round-robin over projects in a shuffled order, so no project
        # fills the sample.
        per_project: dict[str, list] = collections.defaultdict(list)
        for row in rows:
            per_project[row[1]].append(row)
        for rs in per_project.values():
            rng.shuffle(rs)
        order = sorted(per_project)
        rng.shuffle(order)
        picked: list = []
        while len(picked) < per_rule:
            for p in order:
                if per_project[p] and len(picked) < per_rule:
                    picked.append(per_project[p].pop())
        chosen += sorted(picked, key=lambda r: r[2])
        print(f"{code}: {per_rule} of {len(rows)} sampled")
    # Deal projects to judges, largest first, to the judge with least work.
    per_project = collections.defaultdict(list)
    for row in chosen:
        per_project[row[1]].append(row)
    loads = [[] for _ in range(judges)]
    for project in sorted(per_project, key=lambda p: -len(per_project[p])):
        min(loads, key=len).extend(per_project[project])
    work_dir = pathlib.Path(work)
    work_dir.mkdir(parents=True, exist_ok=True)
    for i, rows in enumerate(loads, 1):
        (work_dir / f"j{i}.txt").write_text("".join(r[3] + "\n" for r in sorted(rows, key=lambda r: r[2])))
    (work_dir / "jall.txt").write_text("".join(r[3] + "\n" for r in chosen))
    print(f"{len(chosen)} findings to judge, " + ", ".join(str(len(x)) for x in loads))


def assemble(work: str, corpus: str, verdict_dir: str) -> None:
    work_dir = pathlib.Path(work)
    wanted = {}
    # Two findings of one rule on one line (two comprehensions) share a
    # site: each gets its judge's line, and the site keeps the verdict
    # that says most (TRUE over FALSE over BORDERLINE), with both reasons.
    findings_at = collections.Counter()
    for line in (work_dir / "jall.txt").read_text().splitlines():
        m = LINE.match(line)
        wanted[(m["code"], m["site"])] = line
        findings_at[(m["code"], m["site"])] += 1
    rank = {"TRUE": 0, "FALSE": 1, "BORDERLINE": 2}
    seen = collections.Counter()
    got: dict[tuple[str, str], tuple[str, str]] = {}
    problems = []
    for tsv in sorted(work_dir.glob("j*.tsv")):
        with tsv.open(newline="", encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if not row or row[0].lower() in {"code", "rule"}:
                    continue
                if len(row) < 4:
                    problems.append(f"{tsv.name}: short row {row}")
                    continue
                code, site, verdict, reason = row[0], row[1], row[2].upper(), " ".join(row[3:])
                if verdict not in VERDICT_WORDS:
                    problems.append(f"{tsv.name}: bad verdict {row}")
                elif (code, site) not in wanted:
                    problems.append(f"{tsv.name}: not sampled {code} {site}")
                elif seen[(code, site)] >= findings_at[(code, site)]:
                    problems.append(f"{tsv.name}: judged twice {code} {site}")
                elif (code, site) in got:
                    seen[(code, site)] += 1
                    first, first_reason = got[(code, site)]
                    kept = min(first, verdict, key=rank.__getitem__)
                    got[(code, site)] = (kept, f"{first_reason} / {verdict}: {reason.strip()}")
                else:
                    seen[(code, site)] += 1
                    got[(code, site)] = (verdict, reason.strip())
    for key in wanted:
        if key not in got:
            problems.append(f"no verdict: {key[0]} {key[1]}")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    out = pathlib.Path(verdict_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_code = collections.defaultdict(list)
    for (code, site), (verdict, reason) in sorted(got.items()):
        by_code[code].append((site, verdict, reason))
    for code, rows in by_code.items():
        with (out / f"{code}.tsv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(["corpus", "site", "verdict", "reason"])
            for site, verdict, reason in rows:
                w.writerow([corpus, site, verdict, reason])
    print(f"{len(got)} verdicts in {len(by_code)} files")


def table(corpus: str, out: str, after: str | None = None) -> None:
    verdicts: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for tsv in sorted((VERDICTS / corpus).glob("MEM*.tsv")):
        with tsv.open(newline="", encoding="utf-8") as f:
            for row in list(csv.reader(f, delimiter="\t"))[1:]:
                verdicts[tsv.stem][row[1]] = row[2]
    count = collections.Counter(r[0] for r in findings(out))
    now = collections.defaultdict(set)
    # Counted as `count` is, line by line: a site (path:line) may hold two
    # findings of one rule (two comprehensions on one line).
    count_after = collections.Counter()
    if after:
        for code, _, site, _ in findings(after):
            now[code].add(site)
            count_after[code] += 1
    head = "| rule | findings | judged | true | false | borderline | false share |"
    rule = "|---|---:|---:|---:|---:|---:|---:|"
    if after:
        head += " after the changes below: findings | judged sites still reported (T/F/B) |"
        rule += "---:|---|"
    print(head)
    print(rule)
    total = collections.Counter()

    def share(f: int, n: int) -> str:
        return f"{100 * f / n:.0f}%" if n >= 10 else f"{f} of {n}"

    for code in sorted(verdicts):
        v = collections.Counter(verdicts[code].values())
        n = sum(v.values())
        cells = [code, count[code], n, v["TRUE"], v["FALSE"], v["BORDERLINE"], share(v["FALSE"], n)]
        total.update(findings=count[code], judged=n, T=v["TRUE"], F=v["FALSE"], B=v["BORDERLINE"])
        if after:
            kept = collections.Counter(w for s, w in verdicts[code].items() if s in now[code])
            cells += [count_after[code], f"{kept['TRUE']}/{kept['FALSE']}/{kept['BORDERLINE']}"]
            total.update(after=count_after[code], kT=kept["TRUE"], kF=kept["FALSE"], kB=kept["BORDERLINE"])
        print("| " + " | ".join(str(c) for c in cells) + " |")
    cells = [
        "**all default rules**",
        total["findings"],
        total["judged"],
        total["T"],
        total["F"],
        total["B"],
        f"**{100 * total['F'] / max(total['judged'], 1):.1f}%**",
    ]
    if after:
        kept_n = total["kT"] + total["kF"] + total["kB"]
        cells += [
            total["after"],
            f"{total['kT']}/{total['kF']}/{total['kB']} ({100 * total['kF'] / max(kept_n, 1):.1f}%)",
        ]
    print("| " + " | ".join(str(c) for c in cells) + " |")


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    cmd, rest = args[0], args[1:]
    if cmd == "run" and len(rest) == 3:
        run(*rest)
    elif cmd == "sample" and len(rest) >= 2:
        opts = dict(zip(rest[2::2], rest[3::2]))
        sample(rest[0], rest[1], int(opts.get("--judges", 5)), int(opts.get("--per-rule", 30)))
    elif cmd == "assemble" and len(rest) == 3:
        assemble(*rest)
    elif cmd == "table" and len(rest) in (2, 3):
        table(*rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
