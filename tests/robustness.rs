//! Robustness: the binary, run as a process, on input a repository can hold
//! (broken syntax, odd encodings, huge or deeply nested files, filesystem
//! oddities, mutations of real code) must end with one of the README's exit
//! codes and output, never a panic, a hang or a lost file. docs/robustness.md
//! lists the guarantees and which test here proves each.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any input here needs in a debug build on a busy machine;
/// a run that takes longer is treated as a hang.
const HANG_LIMIT: Duration = Duration::from_mins(4);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `memwise check --output-format concise ARGS` in `dir`, killing it
/// (and failing) if it runs past [`HANG_LIMIT`].
fn memwise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    run_raw(dir, &all)
}

/// The `long_` tests' limit: their inputs take minutes in a debug build on
/// a busy machine; a quadratic run still takes far longer.
const LONG_HANG_LIMIT: Duration = Duration::from_mins(15);

fn run_raw(dir: &Path, args: &[&str]) -> Run {
    run_limited(dir, args, HANG_LIMIT)
}

fn run_limited(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memwise"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("memwise starts");
    // Pipes are drained on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("memwise {args:?} in {} hung", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        // A signal (stack overflow, abort) has no code: -1 fails every check.
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned(),
    }
}

fn write(dir: &Path, path: &str, content: impl AsRef<[u8]>) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("a parent")).expect("mkdir");
    std::fs::write(full, content).expect("write");
}

/// What the README promises for every run of `check --output-format concise`:
/// exit 0, 1 or 2; stdout holds only `path:row:col: CODE message` lines;
/// stderr holds only `error: PATH: reason` lines and the summary; the code
/// is 2 exactly when there are error lines, else 1 exactly when there are
/// findings; nothing panicked. Returns the number of files checked plus the
/// number of files with errors, to prove no file was silently dropped.
fn assert_promised(run: &Run, what: &str) -> usize {
    let context = || {
        format!(
            "{what}: exit {}\n--- stderr\n{}\n--- stdout (first 2000 bytes)\n{}",
            run.code,
            run.stderr,
            run.stdout.chars().take(2000).collect::<String>()
        )
    };
    assert!(
        matches!(run.code, 0..=2),
        "not an exit code the README lists\n{}",
        context()
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("overflow"),
        "{}",
        context()
    );
    for line in run.stdout.lines() {
        assert!(
            is_concise_finding(line),
            "bad stdout line {line:?}\n{}",
            context()
        );
    }
    let mut errors = 0;
    let mut checked = None;
    for line in run.stderr.lines() {
        if let Some(rest) = line.strip_prefix("error: ") {
            assert!(rest.contains(": "), "error without a reason {line:?}");
            errors += 1;
        } else if line.starts_with("All checks passed (") || line.starts_with("Found ") {
            checked = Some(files_checked(line));
        } else if line.starts_with("[*] ") || line.starts_with("No fixes available (") {
            // How many findings `--fix` would fix: not an error.
        } else {
            panic!("unexpected stderr line {line:?}\n{}", context());
        }
    }
    let expected = if errors > 0 {
        2
    } else {
        i32::from(!run.stdout.is_empty())
    };
    assert_eq!(run.code, expected, "{}", context());
    // With errors and no findings the summary is left out (it would be false).
    let checked = checked.unwrap_or_else(|| {
        assert!(
            errors > 0 && run.stdout.is_empty(),
            "no summary\n{}",
            context()
        );
        0
    });
    checked + errors
}

/// `a/b.py:3:7: MEM304 message`.
fn is_concise_finding(line: &str) -> bool {
    let rest = match (line.split_once(".py:"), line.split_once(".ipynb:cell ")) {
        (Some((_, rest)), _) => rest,
        // A notebook finding is `a.ipynb:cell 3:2:13: CODE message`.
        (None, Some((_, rest))) => match rest.split_once(':') {
            Some((cell, rest)) if cell.parse::<usize>().is_ok() => rest,
            _ => return false,
        },
        (None, None) => return false,
    };
    let mut parts = rest.splitn(3, ':');
    let (Some(row), Some(col), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    row.parse::<usize>().is_ok_and(|r| r > 0)
        && col.parse::<usize>().is_ok_and(|c| c > 0)
        && tail.strip_prefix(" MEM").is_some_and(|t| {
            t.len() > 4 && t[..3].bytes().all(|b| b.is_ascii_digit()) && t.as_bytes()[3] == b' '
        })
}

/// `(N files checked)` at the end of the summary line.
fn files_checked(summary: &str) -> usize {
    let open = summary.rfind('(').expect("a count");
    summary[open + 1..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of files")
}

fn findings_of<'a>(run: &'a Run, file: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    run.stdout
        .lines()
        .filter(move |l| l.strip_prefix(file).is_some_and(|r| r.starts_with(':')))
}

/// A small deterministic generator (SplitMix64): fixed seeds give the same
/// mutations on every machine, without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).expect("fits")
        }
    }
}

const MEM304: &str = "y = sum([a for a in b])\n";

#[test]
fn syntax_errors_of_every_kind_are_reported_and_recovered() {
    let dir = tempfile::tempdir().expect("tmp");
    let cases: &[(&str, &str)] = &[
        ("unclosed_paren", "x = (1,\ny = 2\n"),
        ("unclosed_at_eof", "x = [1, 2,"),
        ("stray_close", "x = 1)\n"),
        ("missing_colon", "def f()\n    pass\n"),
        ("bad_params", "def f(:\n    pass\n"),
        ("double_equals", "x = = 1\n"),
        ("unexpected_indent", "x = 1\n    y = 2\n"),
        ("unindent_mismatch", "if x:\n        a = 1\n    b = 2\n"),
        ("missing_body", "if x:\ny = 1\n"),
        ("tabs_and_spaces", "if x:\n\ta = 1\n        b = 2\n"),
        ("unterminated_string", "x = 'abc\ny = 1\n"),
        ("unterminated_triple", "x = '''abc\ny = 1\n"),
        ("unterminated_fstring", "x = f'{a\n"),
        ("bad_fstring", "x = f'{}'\n"),
        ("continuation_at_eof", "x = 1 + \\"),
        ("else_without_if", "else:\n    pass\n"),
        ("lone_decorator", "@d\n"),
        ("keyword_name", "class = 1\n"),
        ("walrus_statement", "x := 1\n"),
        ("bad_number", "x = 1_\ny = 0b2\n"),
        ("python2_print", "print 'hello'\n"),
        ("python2_exec", "exec 'code'\n"),
        ("python2_tuple_params", "def f((a, b)):\n    pass\n"),
        ("python2_backticks", "x = `y`\n"),
        ("python2_octal", "x = 0777\n"),
        ("python2_ne", "x = 1 <> 2\n"),
        ("python2_ur", "x = ur'abc'\n"),
        ("python2_raise", "raise E, 'message'\n"),
        ("garbage", "}{)(][:;@@!?$\n"),
        ("only_operators", "+ - * / %\n"),
        ("deep_unclosed", &"(".repeat(500)),
        ("invalid_char", "x = 1 \u{2013} 2\n"),
        ("match_broken", "match x:\n    case:\n        pass\n"),
        ("lambda_default", "f = lambda x=: x\n"),
        ("async_broken", "async x = 1\n"),
        ("nul_in_code", "x = \0\n"),
    ];
    for (name, source) in cases {
        write(dir.path(), &format!("{name}.py"), source);
    }
    let run = memwise(dir.path(), &[]);
    let total = assert_promised(&run, "syntax errors");
    assert_eq!(total, cases.len(), "every file is accounted for");
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (name, _) in cases {
        let file = format!("{name}.py");
        assert!(
            findings_of(&run, &file).any(|l| l.contains(" MEM000 ")),
            "{file} has no MEM000\n{}",
            run.stdout
        );
    }
    // Recovery: each broken line of one file is its own finding, and the
    // finding's row is the broken line, however many errors come before it.
    let mut many = String::new();
    for row in 0..50 {
        let _ = writeln!(many, "{}", if row % 5 == 0 { "x = = 1" } else { "y = 2" });
    }
    write(dir.path(), "many.py", &many);
    let run = memwise(dir.path(), &["many.py"]);
    assert_promised(&run, "many syntax errors");
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(':').nth(1).expect("a row"))
        .collect();
    let expected: Vec<String> = (0..10).map(|i| (i * 5 + 1).to_string()).collect();
    assert_eq!(rows, expected, "{}", run.stdout);
}

/// A bare `raise` before `;` is valid Python (CPython and ruff accept it)
/// that the pinned parser rejects: the file is checked and fixed as any
/// other, and the statements after it on its line are kept.
#[test]
fn a_bare_raise_before_a_semicolon_is_not_a_syntax_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let source = "def f(xs):\n    try:\n        return max([x for x in xs])\n    except ValueError:raise;cleanup()\n\ndef g():\n    raise;\n";
    write(d, "m.py", source);
    let run = memwise(d, &[]);
    assert_promised(&run, "bare raise before a semicolon");
    let found: Vec<&str> = findings_of(&run, "m.py").collect();
    assert!(
        found.len() == 1 && found[0].starts_with("m.py:3:20: MEM304"),
        "{}",
        run.stdout
    );
    let run = memwise(d, &["--fix"]);
    assert!(
        run.code == 0 && run.stderr.contains("Fixed 1 problem"),
        "{}",
        run.stderr
    );
    let fixed = std::fs::read_to_string(d.join("m.py")).expect("read");
    assert_eq!(
        fixed,
        source.replace("max([x for x in xs])", "max(x for x in xs)")
    );
}

/// Syntax that the parser gates by version is not a reason to skip a file:
/// each of these files is checked (its MEM205 is found), and the syntax the
/// target version lacks is its own `MEM000` naming both versions. Python 2's
/// `except E, e:` is a syntax error before 3.14 (PEP 758 made it mean "catch
/// `E` or `e`").
#[test]
fn version_gated_syntax_is_checked_not_skipped() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mutated = "def f(a=[]):\n    a.append(1)\n\n";
    let cases: &[(&str, &str, &str)] = &[
        ("type_alias", "type Alias = list[int]\n", "3.12"),
        (
            "type_params",
            "def g[T](x: T) -> T:\n    return x\n",
            "3.12",
        ),
        (
            "except_star",
            "try:\n    pass\nexcept* ValueError:\n    pass\n",
            "3.11",
        ),
        ("star_index", "x[*a]\n", "3.11"),
        ("nested_fstring", "s = f\"{f\"{x}\"}\"\n", "3.12"),
        (
            "except_tuple",
            "try:\n    pass\nexcept A, B:\n    pass\n",
            "3.14",
        ),
        (
            "python2_except",
            "try:\n    pass\nexcept E, e:\n    pass\n",
            "3.14",
        ),
    ];
    for (name, tail, _) in cases {
        write(d, &format!("{name}.py"), format!("{mutated}{tail}"));
    }
    let cells = [mutated, "type Alias = list[int]\n"];
    let cells: Vec<serde_json::Value> = cells
        .iter()
        .map(|source| serde_json::json!({"cell_type": "code", "source": source, "metadata": {}, "outputs": []}))
        .collect();
    let notebook =
        serde_json::json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5});
    write(d, "nb.ipynb", notebook.to_string());

    let run = memwise(d, &["--select", "ALL", "--target-version", "py310"]);
    assert_eq!(
        assert_promised(&run, "version-gated syntax"),
        cases.len() + 1
    );
    for (name, _, version) in cases {
        let file = format!("{name}.py");
        let found: Vec<&str> = findings_of(&run, &file).collect();
        assert!(
            found
                .iter()
                .any(|l| l.starts_with(&format!("{file}:1:9: MEM205"))),
            "{file} was not checked\n{}",
            run.stdout
        );
        assert!(
            found.iter().any(|l| l.contains(" MEM000 ")
                && l.contains("on Python 3.10")
                && l.contains(&format!("added in Python {version}"))),
            "{file}: no MEM000 for syntax newer than py310\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("nb.ipynb:cell 1:1:9: MEM205"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("nb.ipynb:cell 2:1:1: MEM000"),
        "{}",
        run.stdout
    );

    // On a target that has the syntax, only the rules' findings remain.
    let run = memwise(d, &["--select", "ALL", "--target-version", "py314"]);
    assert_promised(&run, "version-gated syntax on py314");
    assert!(!run.stdout.contains("MEM000"), "{}", run.stdout);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains(" MEM205 "))
            .count(),
        cases.len() + 1,
        "{}",
        run.stdout
    );
}

#[test]
fn encodings_line_endings_and_odd_characters() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let code = MEM304.trim_end();
    write(d, "crlf.py", format!("x = 1\r\n\r\n{code}\r\n"));
    write(d, "cr.py", format!("x = 1\r\r{code}\r"));
    write(d, "mixed.py", format!("x = 1\r\ny = 2\rz = 3\n{code}\n"));
    write(d, "tabs.py", format!("if x:\n\tif y:\n\t\t{code}\n"));
    write(
        d,
        "formfeed.py",
        format!("x = 1\n\x0c\n\x0cdef f():\n\x0c    {code}\n"),
    );
    write(d, "bom.py", format!("\u{feff}x = 1\n\n{code}\n"));
    write(
        d,
        "bom_cookie.py",
        format!("\u{feff}# coding: utf-8\nx = 1\n{code}\n"),
    );
    let mut latin = b"#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nx = '\xe9'\n".to_vec();
    latin.extend_from_slice(MEM304.as_bytes());
    write(d, "latin1_cookie.py", &latin);
    let mut cp = b"# vim: set fileencoding=cp1252 :\nx = '\x80\x93'\n".to_vec();
    cp.extend_from_slice(MEM304.as_bytes());
    write(d, "cp1252_cookie.py", &cp);
    write(d, "unicode.py", format!("ñame = '日本語 🐍'\n{code}\n"));
    write(d, "nul.py", format!("x = 1\n{code}\n\0\n"));
    let run = memwise(d, &[]);
    assert_promised(&run, "encodings");
    for (file, row) in [
        ("crlf.py", 3),
        ("cr.py", 3),
        ("mixed.py", 4),
        ("tabs.py", 3),
        ("formfeed.py", 4),
        ("bom.py", 3),
        ("bom_cookie.py", 3),
        ("latin1_cookie.py", 4),
        ("cp1252_cookie.py", 3),
        ("unicode.py", 2),
    ] {
        assert!(
            findings_of(&run, file)
                .any(|l| l.contains(&format!(":{row}:")) && l.contains("MEM304")),
            "{file}: MEM304 on line {row}\n{}",
            run.stdout
        );
    }
    assert!(findings_of(&run, "nul.py").any(|l| l.contains("MEM000")));
    assert!(!run.stdout.contains('\0'));

    // Bytes that no cookie explains are one error line each, never a crash.
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    write(d, "latin1_plain.py", b"x = '\xe9'\n");
    write(d, "unknown_cookie.py", b"# coding: klingon\nx = 1\n");
    write(d, "lying_cookie.py", b"# coding: ascii\nx = '\xe9'\n");
    write(d, "utf16.py", b"\xff\xfex\x00 \x00=\x00 \x001\x00\n\x00");
    write(
        d,
        "bom_latin_cookie.py",
        b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    );
    write(d, "truncated_char.py", b"x = '\xe6\x97'\n");
    write(d, "fine.py", MEM304);
    let run = memwise(d, &[]);
    assert_eq!(assert_promised(&run, "bad encodings"), 7);
    assert!(
        findings_of(&run, "fine.py").any(|l| l.contains("MEM304")),
        "{}",
        run.stdout
    );
    for file in ["latin1_plain.py", "utf16.py", "truncated_char.py"] {
        assert!(
            run.stderr.contains(&format!("error: {file}: ")),
            "{file}\n{}",
            run.stderr
        );
    }
}

#[test]
fn empty_and_trivial_files_pass() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    for (name, content) in [
        ("empty.py", ""),
        ("newline.py", "\n"),
        ("spaces.py", "   \n\t\n"),
        ("comment.py", "# nothing\n"),
        ("bom_only.py", "\u{feff}"),
        ("no_newline.py", "x = 1"),
        ("cr_only.py", "\r"),
        ("formfeed_only.py", "\x0c"),
        ("docstring.py", "'''doc'''\n"),
    ] {
        write(d, name, content);
    }
    let run = memwise(d, &[]);
    assert_eq!(assert_promised(&run, "trivial"), 9);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn random_bytes_named_py() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut rng = Rng(0x5EED_0001);
    let count = 200;
    for i in 0..count {
        let len = rng.below(4096);
        let bytes: Vec<u8> = match i % 4 {
            // Any byte at all: mostly "not valid UTF-8".
            0 => (0..len).map(|_| rng.next().to_le_bytes()[0]).collect(),
            // Printable ASCII and line breaks: mostly syntax errors.
            1 => {
                let alphabet = b" \t\n\r()[]{}:;,.=+-*/%@'\"#\\abcdefxyz0123456789";
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            }
            // Python tokens in random order.
            2 => {
                let tokens = [
                    "def ",
                    "class ",
                    "lambda",
                    ":",
                    "(",
                    ")",
                    "[",
                    "]",
                    "{",
                    "}",
                    "\n",
                    "    ",
                    "x",
                    "self",
                    "=",
                    "yield ",
                    "async ",
                    "await ",
                    "for ",
                    "in ",
                    "if ",
                    "else",
                    "@",
                    "f'{",
                    "'",
                    "\"\"\"",
                    "return ",
                    "with ",
                    "as ",
                    "import ",
                    "from ",
                    "global ",
                    "nonlocal ",
                    "del ",
                    "*",
                    "**",
                    ",",
                    ".",
                    ":=",
                    "match ",
                    "case ",
                    "try:",
                    "except",
                    "finally:",
                    "\\\n",
                    "#",
                ];
                let mut s = String::new();
                for _ in 0..len / 4 {
                    s.push_str(tokens[rng.below(tokens.len())]);
                }
                s.into_bytes()
            }
            // Valid UTF-8 from all planes, controls and surrogate-free.
            _ => (0..len / 4)
                .filter_map(|_| char::from_u32(u32::try_from(rng.below(0x11_0000)).expect("u32")))
                .collect::<String>()
                .into_bytes(),
        };
        write(dir.path(), &format!("r{i:03}.py"), bytes);
    }
    let run = memwise(dir.path(), &["--select", "ALL"]);
    assert_eq!(assert_promised(&run, "random bytes"), count);
}

/// Every kind of nesting, 100,000 levels deep where one line can hold it.
/// Indentation-based nesting (`def`, `class`, `if`) cannot reach that depth
/// in a file of sane size (the indentation alone is quadratic: 100,000
/// levels are 5 GB), so those go 4,000 levels deep, past the 3,000-level guard.
#[test]
fn deep_nesting_of_every_kind() {
    let n = 100_000;
    let l = 4_000;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let nest = |open: &str, inner: &str, close: &str| {
        format!("x = {}{inner}{}\n", open.repeat(n), close.repeat(n))
    };
    let join = |sep: &str| format!("x = {}\n", vec!["a"; n].join(sep));
    let indented = |head: &str| {
        let mut s = String::new();
        for i in 0..l {
            let _ = writeln!(s, "{}{}", " ".repeat(i), head.replace('N', &i.to_string()));
        }
        s.push_str(&" ".repeat(l));
        s.push_str("pass\n");
        s
    };
    let cases: Vec<(&str, String)> = vec![
        ("parens", nest("(", "1", ")")),
        ("lists", nest("[", "1", "]")),
        ("tuples", nest("(", "", ",)")),
        ("sets", nest("{", "1", "}")),
        ("dicts", nest("{1: ", "1", "}")),
        ("calls", nest("f(", "1", ")")),
        ("keyword_args", nest("f(k=", "1", ")")),
        ("subscripts", nest("a[", "1", "]")),
        ("starred", nest("[*", "a", "]")),
        ("walrus", nest("(y := ", "1", ")")),
        ("comprehension_iters", nest("[y for y in ", "z", "]")),
        ("comprehension_elements", nest("[(", "1", ") for y in z]")),
        ("generators", nest("(y for y in ", "z", ")")),
        ("lambdas", format!("x = {}1\n", "lambda: ".repeat(n))),
        ("lambda_defaults", nest("lambda a=", "1", ": a")),
        (
            "conditional",
            format!("x = {}2\n", "1 if c else ".repeat(n)),
        ),
        ("unary_minus", format!("x = {}1\n", "-".repeat(n))),
        ("not", format!("x = {}1\n", "not ".repeat(n))),
        (
            "await",
            format!("async def f():\n    x = {}y\n", "await ".repeat(n)),
        ),
        ("binary_plus", join(" + ")),
        ("binary_power", join(" ** ")),
        ("binary_mixed", join(" * 2 - ")),
        ("boolean", join(" and ")),
        ("comparison", join(" < ")),
        ("attribute_chain", format!("x = a{}\n", ".b".repeat(n))),
        ("subscript_chain", format!("x = a{}\n", "[0]".repeat(n))),
        ("call_chain", format!("x = a{}\n", "()".repeat(n))),
        ("strings", format!("x = {}\n", vec!["'a'"; n].join(" "))),
        ("decorators", format!("{}def f(): pass\n", "@d\n".repeat(n))),
        (
            "fstrings",
            format!("x = {}1{}\n", "f'{".repeat(150), "}'".repeat(150)),
        ),
        ("defs", indented("def fN():")),
        ("async_defs", indented("async def fN():")),
        ("classes", indented("class CN:")),
        ("ifs", indented("if x:")),
        ("withs", indented("with a:")),
        ("fors", indented("for x in y:")),
        ("whiles", indented("while x:")),
        ("tries", {
            // `try:` needs an `except` after each body: close them in reverse.
            let mut s = String::new();
            for i in 0..l {
                let _ = writeln!(s, "{}try:", " ".repeat(i));
            }
            let _ = writeln!(s, "{}pass", " ".repeat(l));
            for i in (0..l).rev() {
                let _ = writeln!(s, "{}except E:\n{} pass", " ".repeat(i), " ".repeat(i));
            }
            s
        }),
    ];
    for (name, source) in &cases {
        write(d, &format!("{name}.py"), source);
    }
    write(d, "leaky.py", MEM304);
    let run = memwise(d, &["--select", "ALL"]);
    assert_eq!(assert_promised(&run, "deep nesting"), cases.len() + 1);
    assert!(findings_of(&run, "leaky.py").any(|l| l.contains("MEM304")));
    for (name, _) in &cases {
        let file = format!("{name}.py");
        let found: Vec<&str> = findings_of(&run, &file).collect();
        assert!(
            found.iter().all(|l| l.contains("MEM000")),
            "{file}: only syntax findings expected, got {found:?}"
        );
    }
}

/// Nesting that made the parser quadratic in time (nested f-strings and
/// format specs: 100,000 levels took 36 s in a release build) or take about
/// 1,000 bytes of memory per source byte (10 million parentheses: 21 GB) is
/// bounded by a byte-level pre-scan before parsing, and reported as nesting
/// too deep, on the row where it passes the bound.
#[test]
fn nesting_past_the_bound_is_not_parsed() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let n = 100_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "fstrings",
            format!("x = 1\ny = {}1{}\n", "f'{".repeat(n), "}'".repeat(n)),
        ),
        (
            "format_specs",
            format!("x = 1\ny = f'{}{}'\n", "{x:".repeat(n), "}".repeat(n)),
        ),
        (
            "parens",
            format!(
                "x = 1\ny = {}1{}\n",
                "(".repeat(10_000_000),
                ")".repeat(10_000_000)
            ),
        ),
    ];
    for (name, source) in &cases {
        write(d, &format!("{name}.py"), source);
    }
    // Brackets inside strings and comments never count.
    let quoted = format!(
        "x = '{0}'\ny = \"\"\"{0}\"\"\"\n# {0}\nz = f'{{{{{0}'\n{MEM304}",
        "(".repeat(5_000)
    );
    write(d, "quoted.py", &quoted);
    let run = memwise(d, &[]);
    assert_eq!(
        assert_promised(&run, "nesting past the bound"),
        cases.len() + 1
    );
    for (name, _) in &cases {
        let file = format!("{name}.py");
        let found: Vec<&str> = findings_of(&run, &file).collect();
        assert!(
            found.len() == 1
                && found[0].starts_with(&format!("{file}:2:"))
                && found[0].contains("MEM000 code nests deeper than 3000 levels"),
            "{file}: {found:?}"
        );
    }
    let found: Vec<&str> = findings_of(&run, "quoted.py").collect();
    assert_eq!(
        found,
        [format!(
            "quoted.py:5:9: MEM304 {}",
            mem304_message().trim_end()
        )]
    );
}

/// A 10,000-branch `if`/`elif` chain is flat, not nested: every branch's
/// finding is reported on its own line.
#[test]
fn long_elif_chain_loses_no_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let branches = 10_000;
    let mut s = String::from("if x == 0:\n    pass\n");
    for i in 1..branches {
        let _ = write!(s, "elif x == {i}:\n    {MEM304}");
    }
    s.push_str("else:\n    pass\n");
    write(dir.path(), "chain.py", &s);
    let run = memwise(dir.path(), &[]);
    assert_promised(&run, "elif chain");
    let rows: Vec<usize> = findings_of(&run, "chain.py")
        .map(|l| {
            assert!(l.contains("MEM304"), "{l}");
            l.split(':')
                .nth(1)
                .and_then(|r| r.parse().ok())
                .expect("a row")
        })
        .collect();
    let expected: Vec<usize> = (1..branches).map(|i| 2 * i + 2).collect();
    assert_eq!(rows, expected);
}

/// A large file of ordinary code (`megabytes` MB): checked whole, its last
/// line included.
fn large_file_loses_no_line(megabytes: usize, limit: Duration) {
    let dir = tempfile::tempdir().expect("tmp");
    let block = "class Service:\n    def method(self, key):\n        value = {key: [k for k in range(3)]}\n        return value.get(key)\n\n\n";
    let copies = megabytes * 1024 * 1024 / block.len();
    let mut s = String::with_capacity(copies * block.len() + 64);
    for _ in 0..copies {
        s.push_str(block);
    }
    s.push_str(MEM304);
    let last_row = copies * block.matches('\n').count() + 1;
    write(dir.path(), "big.py", &s);
    drop(s);
    let run = run_limited(dir.path(), &["check", "--output-format", "concise"], limit);
    assert_promised(&run, "large file");
    assert_eq!(
        run.stdout,
        format!("big.py:{last_row}:9: MEM304 {}", mem304_message()),
    );
}

/// An 8 MB file (230,000 lines, offsets past 2^23): in the warm test loop.
#[test]
fn eight_megabyte_file() {
    large_file_loses_no_line(8, HANG_LIMIT);
}

/// The 50 MB file takes minutes in a debug build on a busy machine: not in
/// the warm loop, but `.ci/run` runs every `long_` test.
#[test]
#[ignore = "long: .ci/run runs it (cargo test -- --ignored long_)"]
fn long_fifty_megabyte_file() {
    large_file_loses_no_line(50, LONG_HANG_LIMIT);
}

/// Time that grew with findings × scopes, or findings × line length: a
/// finding and a comprehension scope on each of 300,000 lines (120,000 took
/// 37 s in a release build when each finding looked through every scope), and
/// 40,000 findings on one 1 MB line in every output format (`full` needed a
/// 3 GB allocation and aborted). The hang limit fails a quadratic run.
#[test]
#[ignore = "long: .ci/run runs it (cargo test -- --ignored long_)"]
fn long_many_findings_stay_linear() {
    let dir = tempfile::tempdir().expect("tmp");
    let lines = 300_000;
    write(dir.path(), "lines.py", MEM304.repeat(lines));
    let run = run_limited(
        dir.path(),
        &["check", "--output-format", "concise", "lines.py"],
        LONG_HANG_LIMIT,
    );
    assert_promised(&run, "a finding on every line");
    assert_eq!(run.stdout.lines().count(), lines);

    let findings = 40_000;
    let one_line = format!("{}\n", vec!["sum([a for a in b])"; findings].join(";"));
    write(dir.path(), "one_line.py", &one_line);
    for format in [
        "full", "concise", "json", "sarif", "github", "junit", "gitlab",
    ] {
        let run = run_limited(
            dir.path(),
            &["check", "--output-format", format, "one_line.py"],
            LONG_HANG_LIMIT,
        );
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(
            run.stdout.len() < 2000 * findings,
            "{format}: {} bytes of output for {findings} findings",
            run.stdout.len()
        );
    }
}

fn mem304_message() -> String {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "a.py", MEM304);
    let run = memwise(dir.path(), &[]);
    let line = run.stdout.lines().next().expect("a finding").to_owned();
    line.split_once(" MEM304 ").expect("MEM304").1.to_owned() + "\n"
}

#[cfg(unix)]
#[test]
fn filesystem_oddities() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    write(d, "leaky.py", MEM304);
    std::fs::create_dir(d.join("folder.py")).expect("mkdir");
    write(d, "folder.py/inside.py", MEM304);
    symlink("loop_b.py", d.join("loop_a.py")).expect("symlink");
    symlink("loop_a.py", d.join("loop_b.py")).expect("symlink");
    symlink("self.py", d.join("self.py")).expect("symlink");
    symlink("nowhere.py", d.join("dangling.py")).expect("symlink");
    symlink(".", d.join("sub_loop")).expect("symlink");
    symlink("leaky.py", d.join("alias.py")).expect("symlink");
    let fifo = Command::new("mkfifo")
        .arg(d.join("pipe.py"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    // Reading /proc/self/mem from offset 0 fails with EIO even as root: an
    // unreadable file that chmod cannot give a root CI job.
    let proc_mem = Path::new("/proc/self/mem").exists();
    if proc_mem {
        symlink("/proc/self/mem", d.join("eio.py")).expect("symlink");
    }
    write(d, "locked.py", MEM304);
    let locked = d.join("locked.py");
    set_mode(&locked, 0o000);
    let unreadable_by_mode = std::fs::read(&locked).is_err();
    if !unreadable_by_mode {
        eprintln!(
            "NOTE filesystem_oddities: running as root, chmod 000 does not stop reading; \
             the unreadable case is covered by /proc/self/mem instead"
        );
    }

    // Walking the folder: oddities are skipped or reported, never followed.
    let run = memwise(d, &[]);
    let counted = assert_promised(&run, "walk");
    set_mode(&locked, 0o644);
    assert!(findings_of(&run, "leaky.py").any(|l| l.contains("MEM304")));
    assert!(findings_of(&run, "folder.py/inside.py").any(|l| l.contains("MEM304")));
    if unreadable_by_mode {
        assert!(
            run.stderr.contains("error: locked.py: Permission denied"),
            "{}",
            run.stderr
        );
    }
    if proc_mem {
        assert!(
            run.stderr.contains("error: eio.py: Input/output error"),
            "{}",
            run.stderr
        );
    }
    // Checked: leaky.py (alias.py is the same file, checked once under its
    // real name), folder.py/inside.py, locked.py (or its error), eio.py's
    // error. Symlinks that lead nowhere or in a circle, and the FIFO, are
    // passed over quietly: a walk only reads regular files.
    assert_eq!(counted, 3 + usize::from(proc_mem), "{}", run.stderr);
    assert_eq!(findings_of(&run, "alias.py").count(), 0, "{}", run.stdout);
    for quiet in [
        "loop_a.py",
        "loop_b.py",
        "self.py",
        "dangling.py",
        "pipe.py",
        "sub_loop",
    ] {
        assert!(!run.stderr.contains(quiet), "{quiet}: {}", run.stderr);
        assert!(!run.stdout.contains(quiet), "{quiet}: {}", run.stdout);
    }

    // Each oddity named explicitly: one error line each, the rest checked.
    set_mode(&locked, 0o000);
    let mut named = vec![
        "leaky.py",
        "loop_a.py",
        "self.py",
        "dangling.py",
        "pipe.py",
        "missing.py",
        "sub_loop/sub_loop/sub_loop/leaky.py",
        "alias.py",
    ];
    if proc_mem {
        named.push("eio.py");
    }
    if unreadable_by_mode {
        named.push("locked.py");
    }
    let run = memwise(d, &named);
    set_mode(&locked, 0o644);
    // leaky.py, sub_loop/.../leaky.py and alias.py are one file, checked
    // once under the name given first.
    assert_eq!(assert_promised(&run, "named"), named.len() - 2);
    assert_eq!(run.code, 2);
    for (file, reason) in [
        ("loop_a.py", "Too many levels of symbolic links"),
        ("self.py", "Too many levels of symbolic links"),
        ("dangling.py", "No such file or directory"),
        ("pipe.py", "not a regular file"),
        ("missing.py", "No such file or directory"),
    ] {
        assert!(
            run.stderr.contains(&format!("error: {file}: {reason}")),
            "{file}\n{}",
            run.stderr
        );
    }
    assert!(findings_of(&run, "leaky.py").any(|l| l.contains("MEM304")));
    assert_eq!(findings_of(&run, "alias.py").count(), 0, "{}", run.stdout);
    assert_eq!(
        findings_of(&run, "sub_loop/sub_loop/sub_loop/leaky.py").count(),
        0,
        "{}",
        run.stdout
    );
    // A directory named like a source file is walked, not read.
    let run = memwise(d, &["folder.py"]);
    assert_promised(&run, "folder.py");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Files deleted while the run is going are either checked or reported as
/// missing; the run still ends with a promised outcome.
#[test]
fn files_deleted_during_the_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_path_buf();
    let count = 400;
    let body = MEM304.repeat(200);
    for i in 0..count {
        write(&d, &format!("pkg{}/m{i:03}.py", i % 10), &body);
    }
    let deleter = {
        let d = d.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            for i in (0..count).step_by(2) {
                let _ = std::fs::remove_file(d.join(format!("pkg{}/m{i:03}.py", i % 10)));
            }
            let _ = std::fs::remove_dir_all(d.join("pkg9"));
        })
    };
    let run = memwise(&d, &[]);
    deleter.join().expect("deleter");
    let counted = assert_promised(&run, "deleted during the run");
    for line in run.stderr.lines().filter(|l| l.starts_with("error: ")) {
        assert!(
            line.ends_with(": No such file or directory"),
            "unexpected error {line}"
        );
    }
    // Files never seen (deleted before the walk reached them) are not lost
    // lines: they no longer exist. Every file seen is accounted for.
    assert!(counted <= count, "{counted}");
    let still_there = (0..count)
        .filter(|i| d.join(format!("pkg{}/m{i:03}.py", i % 10)).exists())
        .count();
    assert!(counted >= still_there, "{counted} < {still_there}");
}

/// Output and its order are the same with 1 and 2 threads and from run to
/// run, in every output format, over the fixtures and a generated tree.
#[test]
fn output_is_identical_across_threads_and_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    copy_tree(&fixtures, &d.join("fixtures"));
    let mut rng = Rng(0x5EED_0002);
    let snippets = [
        MEM304,
        "import functools\n\n\nclass S:\n    @functools.lru_cache(maxsize=None)\n    def m(self, k):\n        return k\n",
        "x = = 1\n",
        "def f():\n    return 1\n",
        "import re\n\n\ndef f(xs):\n    for x in xs:\n        re.compile(x)\n",
    ];
    for i in 0..300 {
        let depth = rng.below(4);
        let mut path = PathBuf::from("tree");
        for _ in 0..depth {
            path.push(format!("d{}", rng.below(5)));
        }
        path.push(format!("f{i}.py"));
        let mut source = String::new();
        for _ in 0..=rng.below(6) {
            source.push_str(snippets[rng.below(snippets.len())]);
        }
        write(d, path.to_str().expect("utf-8"), source);
    }
    write(d, "tree/latin.py", b"x = '\xe9'\n");
    for format in [
        "concise",
        "full",
        "json",
        "json-lines",
        "sarif",
        "github",
        "junit",
        "gitlab",
    ] {
        let runs: Vec<Run> = ["1", "2", "2", "1"]
            .iter()
            .map(|threads| {
                run_raw(
                    d,
                    &[
                        "check",
                        "--select",
                        "ALL",
                        "--output-format",
                        format,
                        "--color",
                        "never",
                        "--threads",
                        threads,
                    ],
                )
            })
            .collect();
        assert_eq!(runs[0].code, 2, "{format}: {}", runs[0].stderr);
        assert!(runs[0].stdout.len() > 1000, "{format}");
        for other in &runs[1..] {
            assert_eq!(runs[0].code, other.code, "{format}");
            assert!(runs[0].stdout == other.stdout, "{format}: stdout differs");
            assert_eq!(runs[0].stderr, other.stderr, "{format}");
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

// --- Mutation stress test ---------------------------------------------------

/// Environment variable naming the real corpus (`fetch-corpus.sh DEST`).
const CORPUS_VAR: &str = "MEMWISE_CORPUS";
/// Environment variable for the mutated bytes to check, in MB (default 16).
const BUDGET_VAR: &str = "MEMWISE_STRESS_MB";
/// Environment variable replacing the fixed seed, to explore other mutations.
const SEED_VAR: &str = "MEMWISE_STRESS_SEED";

fn python_files(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            python_files(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// Truncations of one file, cheap enough to give every corpus file: at an
/// eighth, a third, and a random offset (which may split a character).
fn truncations(bytes: &[u8], rng: &mut Rng) -> Vec<(&'static str, Vec<u8>)> {
    let len = bytes.len();
    vec![
        ("cut-eighth", bytes[..len / 8].to_vec()),
        ("cut-third", bytes[..len / 3].to_vec()),
        ("cut-random", bytes[..rng.below(len + 1)].to_vec()),
    ]
}

/// The other mutations of one file: cut before its last byte or inside its
/// first multi-byte character, flipped bits, bytes replaced by brackets,
/// quotes and line breaks, shuffled lines, a line duplicated and another
/// dropped, every line dedented by one space.
fn mutations(bytes: &[u8], rng: &mut Rng) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![("cut-last", bytes[..bytes.len().saturating_sub(1)].to_vec())];
    if let Some(at) = bytes.iter().position(|&b| b >= 0x80) {
        out.push(("cut-mid-char", bytes[..=at].to_vec()));
    }
    let mut flipped = bytes.to_vec();
    for _ in 0..=rng.below(8) {
        if !flipped.is_empty() {
            let at = rng.below(flipped.len());
            flipped[at] ^= 1 << rng.below(8);
        }
    }
    out.push(("flip-bits", flipped));
    let mut replaced = bytes.to_vec();
    for _ in 0..=rng.below(8) {
        if !replaced.is_empty() {
            let at = rng.below(replaced.len());
            replaced[at] = b"()[]{}:'\"\\\n\t #=,"[rng.below(16)];
        }
    }
    out.push(("replace-bytes", replaced));
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let mut shuffled = lines.clone();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    out.push(("shuffle-lines", shuffled.concat()));
    if !lines.is_empty() {
        let at = rng.below(lines.len());
        let line = lines[at];
        lines.insert(at, line);
        let drop = rng.below(lines.len());
        lines.remove(drop);
        out.push(("dup-drop-line", lines.concat()));
    }
    let dedented: Vec<u8> = bytes
        .split_inclusive(|&b| b == b'\n')
        .flat_map(|l| l.strip_prefix(b" ").unwrap_or(l).iter().copied())
        .collect();
    out.push(("dedent", dedented));
    out
}

/// Checks mutated files in runs of about 4 MB, each in a fresh folder.
struct Stress {
    dir: tempfile::TempDir,
    in_batch: usize,
    batch_bytes: usize,
    batches: usize,
    files: usize,
    bytes: usize,
}

impl Stress {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tmp"),
            in_batch: 0,
            batch_bytes: 0,
            batches: 0,
            files: 0,
            bytes: 0,
        }
    }

    fn add(&mut self, kind: &str, content: &[u8]) {
        write(
            self.dir.path(),
            &format!("f{:05}-{kind}.py", self.in_batch),
            content,
        );
        self.in_batch += 1;
        self.batch_bytes += content.len();
        if self.batch_bytes >= 4 * 1024 * 1024 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.in_batch == 0 {
            return;
        }
        let run = memwise(self.dir.path(), &["--select", "ALL"]);
        let what = format!("stress batch {}", self.batches);
        let counted = assert_promised(&run, &what);
        assert_eq!(counted, self.in_batch, "{what}: files lost");
        // A mutated file is never unreadable: the only errors allowed are
        // about its encoding. A rule panic would be an error line too.
        for line in run.stderr.lines().filter(|l| l.starts_with("error: ")) {
            assert!(
                line.contains("not valid ") || line.contains("coding cookie"),
                "{what}: {line}"
            );
        }
        self.files += self.in_batch;
        self.bytes += self.batch_bytes;
        self.batches += 1;
        self.dir = tempfile::tempdir().expect("tmp");
        self.in_batch = 0;
        self.batch_bytes = 0;
    }
}

/// The real corpus (or, without it, the fixtures) mutated with fixed seeds
/// and checked with every rule: zero panics, every file accounted for, exit
/// codes and stderr as the README promises. Every file is truncated at three
/// offsets; the other mutations go to the fixtures and a seeded sample of the
/// corpus, bounded by `MEMWISE_STRESS_MB`.
#[test]
fn corpus_mutation_stress() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sources = Vec::new();
    python_files(&fixtures, &mut sources);
    sources.sort();
    match std::env::var_os(CORPUS_VAR) {
        Some(root) if Path::new(&root).is_dir() => {
            let mut corpus = Vec::new();
            python_files(Path::new(&root), &mut corpus);
            corpus.sort();
            eprintln!(
                "corpus_mutation_stress: {} corpus files from {}",
                corpus.len(),
                Path::new(&root).display()
            );
            sources.extend(corpus);
        }
        _ => not_run!(
            "corpus_mutation_stress: {CORPUS_VAR} is not set or not a folder; \
             mutating only the built-in sample (fixtures). Run \
             `bash ../shared/bench/fetch-corpus.sh DEST` and set {CORPUS_VAR}=DEST \
             (.ci/run does) for the real-corpus stress test"
        ),
    }
    let budget_mb: usize = std::env::var(BUDGET_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let seed = std::env::var(SEED_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_0003);
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut stress = Stress::new();
    for source in &sources {
        let bytes = std::fs::read(source).expect("a corpus file");
        for (kind, mutated) in truncations(&bytes, &mut rng) {
            stress.add(kind, &mutated);
        }
    }
    stress.flush();
    let truncated = stress.files;

    // Fixtures first (they hold every rule's patterns), then a seeded
    // sample of the corpus until the budget is spent.
    let fixture_count = sources.iter().filter(|p| p.starts_with(&fixtures)).count();
    let (head, rest) = sources.split_at_mut(fixture_count);
    for i in (1..rest.len()).rev() {
        rest.swap(i, rng.below(i + 1));
    }
    let budget = budget_mb * 1024 * 1024 + stress.bytes;
    for source in head.iter().chain(rest.iter()) {
        if stress.bytes + stress.batch_bytes >= budget {
            break;
        }
        let bytes = std::fs::read(source).expect("a corpus file");
        for (kind, mutated) in mutations(&bytes, &mut rng) {
            stress.add(kind, &mutated);
        }
    }
    stress.flush();
    eprintln!(
        "corpus_mutation_stress: seed {seed}, {} files truncated 3 ways, {} more mutated \
         files, {} MB in {} runs, {:.0?}",
        sources.len(),
        stress.files - truncated,
        stress.bytes / (1024 * 1024),
        stress.batches,
        started.elapsed()
    );
}

/// Source read from stdin (`--stdin-filename`) meets the same promises.
#[test]
fn stdin_input() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("tmp");
    let deep = format!("x = {}1{}\n", "f(".repeat(100_000), ")".repeat(100_000));
    let cases: [(&[u8], i32); 5] = [
        (MEM304.as_bytes(), 1),
        (b"", 0),
        (b"x = '\xe9'\n", 2),
        (b"x = = 1\0\n", 1),
        (deep.as_bytes(), 1),
    ];
    for (input, code) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_memwise"))
            .args([
                "check",
                "--output-format",
                "concise",
                "--stdin-filename",
                "in.py",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("memwise starts");
        let mut stdin = child.stdin.take().expect("stdin");
        let owned = input.to_vec();
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&owned);
        });
        let output = child.wait_with_output().expect("memwise ends");
        feeder.join().expect("feeder");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert_eq!(run.code, code, "{}{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        if code == 2 {
            assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        } else {
            assert_promised(&run, "stdin");
        }
    }
}

/// Notebooks: odd cells (CR-only and CRLF line ends, empty, broken, deeply
/// nested, no final newline) and mutated JSON meet the same promises, and a
/// finding after such cells still names its cell and row.
#[test]
fn odd_and_mutated_notebooks() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let deep = format!("x = {}1{}", "f(".repeat(5_000), ")".repeat(5_000));
    let cells = [
        "x = 1\ry = 2\rz = 3\r",
        "a = 1\r\nb = 2\r\n",
        "",
        "\n\n\n",
        "no_newline = 1",
        "%%time\nw = 1\n",
        "y = sum([a for a in b])\n",
    ];
    let notebook = |cells: &[&str]| {
        let cells: Vec<serde_json::Value> = cells
            .iter()
            .map(|source| serde_json::json!({"cell_type": "code", "source": source, "metadata": {}, "outputs": []}))
            .collect();
        serde_json::json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
            .to_string()
    };
    write(d, "odd.ipynb", notebook(&cells));
    write(
        d,
        "broken_cell.ipynb",
        notebook(&["def f(:\n", "y = sum([a for a in b])\n"]),
    );
    write(d, "deep_cell.ipynb", notebook(&[&deep, "y = 1\n"]));
    write(d, "empty.ipynb", notebook(&[]));
    let run = memwise(d, &[]);
    assert_eq!(assert_promised(&run, "notebooks"), 4);
    assert!(
        run.stdout.contains("odd.ipynb:cell 7:1:9: MEM304"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("broken_cell.ipynb:cell 1:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("deep_cell.ipynb:cell 1:"),
        "{}",
        run.stdout
    );

    let dir = tempfile::tempdir().expect("tmp");
    let text = notebook(&cells).into_bytes();
    let mut rng = Rng(0x5EED_0004);
    let mut count = 0;
    for round in 0..20 {
        for (kind, mutated) in truncations(&text, &mut rng)
            .into_iter()
            .chain(mutations(&text, &mut rng))
        {
            write(dir.path(), &format!("n{round:02}-{kind}.ipynb"), mutated);
            count += 1;
        }
    }
    let run = memwise(dir.path(), &["--select", "ALL"]);
    assert_eq!(assert_promised(&run, "mutated notebooks"), count);
}

/// File names with spaces, colons, tabs, a leading dash, non-ASCII and
/// non-UTF-8 bytes, and a newline are all checked and reported.
#[cfg(unix)]
#[test]
fn odd_file_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tmp");
    let names: [&[u8]; 7] = [
        b"sp ace.py",
        b"colon:1:2.py",
        b"tab\t.py",
        b"-dash.py",
        "日本.py".as_bytes(),
        b"\xff\xfe.py",
        b"new\nline.py",
    ];
    for name in names {
        std::fs::write(dir.path().join(OsStr::from_bytes(name)), MEM304).expect("write");
    }
    let run = run_raw(dir.path(), &["check", "--output-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(findings.as_array().map(Vec::len), Some(names.len()));
    assert_eq!(run.stderr, "");
}

/// The `--fix` properties on mutated real code (fixtures, plus a seeded
/// corpus sample when `MEMWISE_CORPUS` is set): on every mutated input,
/// `--fix --unsafe-fixes` reports no bug, leaves every file that parsed
/// parseable, leaves every file without a fixable finding byte-identical
/// with the same modification time, and a second run changes nothing.
#[test]
fn fix_properties_on_mutated_inputs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sources = Vec::new();
    python_files(&fixtures, &mut sources);
    sources.sort();
    if let Some(root) = std::env::var_os(CORPUS_VAR).filter(|r| Path::new(r).is_dir()) {
        let mut corpus = Vec::new();
        python_files(Path::new(&root), &mut corpus);
        corpus.sort();
        let mut rng = Rng(0xF1C5);
        // A seeded sample: enough for every rule's fixes to meet real code,
        // small enough for CI.
        for _ in 0..200 {
            if corpus.is_empty() {
                break;
            }
            sources.push(corpus.swap_remove(rng.below(corpus.len())));
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    let mut rng = Rng(0x5EED_F1C5);
    let mut names = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let bytes = std::fs::read(source).expect("a source file");
        let mut variants = vec![("original", bytes.clone())];
        variants.extend(mutations(&bytes, &mut rng));
        for (kind, content) in variants {
            let name = format!("f{i:04}-{kind}.py");
            write(dir.path(), &name, &content);
            names.push(name);
        }
    }
    // Before: which files parse, and which have a fix that --unsafe-fixes applies.
    let before = run_raw(
        dir.path(),
        &["check", "--select", "ALL", "--output-format", "json", "."],
    );
    assert!(matches!(before.code, 0..=2), "{}", before.stderr);
    let findings: Vec<serde_json::Value> =
        serde_json::from_str(&before.stdout).expect("JSON findings");
    let mut broken = std::collections::HashSet::new();
    let mut fixable = std::collections::HashSet::new();
    // JSON filenames are absolute; the names here are relative to `dir`.
    let root = std::fs::canonicalize(dir.path()).expect("the folder exists");
    let relative = |finding: &serde_json::Value| {
        let file = finding["filename"].as_str().unwrap_or_default();
        Path::new(file)
            .strip_prefix(&root)
            .map_or_else(|_| file.to_owned(), |p| p.to_string_lossy().into_owned())
    };
    for finding in &findings {
        let file = relative(finding);
        if finding["code"] == "MEM000" {
            broken.insert(file.clone());
        }
        if !finding["fix"].is_null() {
            fixable.insert(file);
        }
    }
    let stamp = |name: &str| {
        let path = dir.path().join(name);
        let meta = std::fs::metadata(&path).expect("the file is still there");
        (
            std::fs::read(&path).expect("readable"),
            meta.modified().expect("mtime"),
        )
    };
    let untouched: Vec<_> = names
        .iter()
        .filter(|n| !fixable.contains(n.as_str()))
        .map(|n| (n.clone(), stamp(n)))
        .collect();
    // File times are coarse on some file systems: make a rewrite visible.
    std::thread::sleep(Duration::from_millis(20));

    let fix = run_raw(
        dir.path(),
        &["check", "--select", "ALL", "--fix", "--unsafe-fixes", "."],
    );
    assert!(matches!(fix.code, 0..=2), "{}", fix.stderr);
    assert!(
        !fix.stderr.contains("bug"),
        "a fix misbehaved:\n{}",
        fix.stderr
    );
    for (name, (bytes, mtime)) in &untouched {
        assert!(
            stamp(name) == (bytes.clone(), *mtime),
            "{name} had nothing to fix but was touched"
        );
    }
    let after = run_raw(
        dir.path(),
        &[
            "check",
            "--select",
            "MEM000",
            "--output-format",
            "json",
            ".",
        ],
    );
    let now_broken: Vec<serde_json::Value> =
        serde_json::from_str(&after.stdout).expect("JSON findings");
    for finding in now_broken {
        let file = relative(&finding);
        assert!(
            broken.contains(&file),
            "{file} parsed before --fix and no longer does: {finding}"
        );
    }
    let snapshot: Vec<_> = names.iter().map(|n| stamp(n).0).collect();
    let again = run_raw(
        dir.path(),
        &["check", "--select", "ALL", "--fix", "--unsafe-fixes", "."],
    );
    assert!(!again.stderr.contains("bug"), "{}", again.stderr);
    let changed: Vec<&String> = names
        .iter()
        .zip(&snapshot)
        .filter(|(n, bytes)| stamp(n).0 != **bytes)
        .map(|(n, _)| n)
        .collect();
    assert!(
        changed.is_empty(),
        "fixing twice differs from fixing once: {changed:?}"
    );
    eprintln!(
        "fix_properties_on_mutated_inputs: {} files, {} with fixes, {} not parsing",
        names.len(),
        fixable.len(),
        broken.len()
    );
}
