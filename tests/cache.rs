//! The cache of unchanged files (`.memwise_cache`), through the binary: a
//! run served from it says what a run without it says, whatever changed
//! in between (a file, the settings, a file another file's whole-project
//! finding depends on), and a broken or shared cache costs only time.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_memwise"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("MEMWISE_CACHE_DIR")
        .env_remove("NO_COLOR");
    command
}

fn memwise(dir: &Path, args: &[&str]) -> Run {
    command(dir, args).output().expect("memwise runs").into()
}

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise", "--quiet"];
    all.extend_from_slice(args);
    memwise(dir, &all)
}

fn write(dir: &Path, path: &str, content: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("a parent folder")).expect("mkdir");
    std::fs::write(full, content).expect("write");
}

/// A temporary folder holding `files` (path, text): the project a test
/// runs memwise in.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

/// Sets a file's modification time to a fixed moment long past, as an
/// editor's save of yesterday leaves it.
fn age(dir: &Path, path: &str) {
    let file = std::fs::File::options()
        .write(true)
        .open(dir.join(path))
        .expect("open");
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .expect("set the time");
}

const MODEL: &str = "class Point:\n    def __init__(self, x):\n        self.x = x\n";
const USE_IN_LOOP: &str =
    "from model import Point\n\npoints = [Point(i) for i in range(100_000)]\n";
const USE_ONCE: &str = "from model import Point\n\npoint = Point(1)\n";
const LISTS: &str =
    "def rows(n):\n    return [i for i in range(n)]\n\n\nfor r in rows(3):\n    print(r)\n";
const LEAKY: &str = "import functools\n\n\nclass Service:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n        return key\n";
const GRAPH: &str = "def add_edge(a, b, graph={}):\n    graph[a] = b\n    return graph\n";
const EMPTY_CALL: &str = "total = sum([x for x in range(10)])\n";

const MEM401: &str = "model.py:1:7: MEM401 `Point` has no `__slots__` and is instantiated in a loop in `use.py`, so every instance carries a `__dict__`\n";
const MEM306: &str = "lists.py:1:5: MEM306 `rows` builds and returns a whole list, but its only call iterates it once\n";
const MEM201: &str = "leaky.py:5:6: MEM201 `lookup` is cached with `functools.lru_cache`, which keeps every `Service` alive\n";
const MEM304: &str = "comp.py:1:13: MEM304 [*] list comprehension passed to `sum` is built in full only to be read once\n";

/// The cache's files (the shards, then the kept whole-project results),
/// as bytes.
fn shards(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let layout = dir.join(".memwise_cache/v3");
    let mut found = Vec::new();
    for folder in [layout.clone(), layout.join("projects")] {
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .expect("the cache folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.is_file())
            .map(|p| {
                let bytes = std::fs::read(&p).expect("read");
                (p, bytes)
            })
            .collect();
        files.sort();
        found.extend(files);
    }
    found
}

/// Whether `bytes` start as a shard, a kept whole-project result or the
/// kept folders' configuration do.
fn is_cache_file(bytes: &[u8]) -> bool {
    [b"MWCACHE3", b"MWPROJ03", b"MWDIRS02"]
        .iter()
        .any(|magic| bytes.starts_with(*magic))
}

#[test]
fn a_changed_file_is_checked_again() {
    let dir = project(&[("leaky.py", LEAKY), ("comp.py", EMPTY_CALL)]);
    let d = dir.path();
    age(d, "leaky.py");
    age(d, "comp.py");
    let expected = format!("{MEM304}{MEM201}");
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (1, expected.as_str()),
        "{}",
        run.stderr
    );
    // The folder is marked as a cache, and git ignores all of it.
    assert_eq!(
        std::fs::read_to_string(d.join(".memwise_cache/.gitignore")).expect("read"),
        "# Created by memwise.\n*\n"
    );
    assert!(d.join(".memwise_cache/CACHEDIR.TAG").is_file());
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (1, expected.as_str()),
        "{}",
        run.stderr
    );

    // Fixed by hand: its new text is checked, whatever the cache holds.
    write(d, "leaky.py", "def add(a, b):\n    return a + b\n");
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (1, MEM304),
        "{}",
        run.stderr
    );
    // The same text again, with a new time: the cache's entry for it is
    // gone, so the file is checked afresh and the finding is back.
    write(d, "leaky.py", LEAKY);
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (1, expected.as_str()),
        "{}",
        run.stderr
    );

    // An entry is trusted on its time and size (as ruff's is): the same
    // size and time with other text is not read again, unless asked.
    age(d, "comp.py");
    concise(d, &[]);
    write(d, "comp.py", &EMPTY_CALL.replace("sum", "max"));
    age(d, "comp.py");
    let run = concise(d, &[]);
    assert_eq!(run.stdout, expected, "{}", run.stderr);
    let run = concise(d, &["--no-cache"]);
    assert_eq!(
        run.stdout,
        format!("{}{MEM201}", MEM304.replace("`sum`", "`max`")),
        "{}",
        run.stderr
    );
}

#[test]
fn changed_settings_are_not_served_from_the_cache() {
    let dir = project(&[("leaky.py", LEAKY), ("comp.py", EMPTY_CALL)]);
    let d = dir.path();
    let both = format!("{MEM304}{MEM201}");
    assert_eq!(concise(d, &[]).stdout, both);
    assert_eq!(concise(d, &["--ignore", "MEM304"]).stdout, MEM201);
    assert_eq!(concise(d, &[]).stdout, both);
    // A configuration appears: the cache moves beside it, and its rules apply.
    write(d, "memwise.toml", "ignore = [\"MEM201\"]\n");
    assert_eq!(concise(d, &[]).stdout, MEM304);
    write(
        d,
        "memwise.toml",
        "[per-file-ignores]\n\"comp.py\" = [\"MEM304\"]\n",
    );
    assert_eq!(concise(d, &[]).stdout, MEM201);
    write(d, "memwise.toml", "warn-unused-noqa = false\n");
    write(d, "comp.py", "total = 1  # noqa: MEM304\n");
    let loud = ["check", "--output-format", "concise"];
    let run = memwise(d, &loud);
    assert_eq!(run.stdout, MEM201);
    assert!(!run.stderr.contains("noqa"), "{}", run.stderr);
    write(d, "memwise.toml", "");
    let run = memwise(d, &loud);
    assert_eq!(run.stdout, MEM201);
    assert!(
        run.stderr
            .contains("comp.py:1: noqa code MEM304 suppresses nothing"),
        "{}",
        run.stderr
    );
}

#[test]
fn whole_project_findings_follow_the_files_they_depend_on() {
    let dir = project(&[
        ("model.py", MODEL),
        ("use.py", USE_IN_LOOP),
        ("lists.py", LISTS),
    ]);
    let d = dir.path();
    let both = format!("{MEM306}{MEM401}");
    assert_eq!(concise(d, &[]).stdout, both);
    assert_eq!(concise(d, &[]).stdout, both);
    // `model.py` is unchanged and served from the cache; its finding
    // depended on the loop in `use.py`, which is gone.
    write(d, "use.py", USE_ONCE);
    assert_eq!(concise(d, &[]).stdout, MEM306);
    write(d, "use.py", USE_IN_LOOP);
    assert_eq!(concise(d, &[]).stdout, both);
    // Another file imports `rows`: its callers are no longer all known.
    write(d, "other.py", "from lists import rows\n\nprint(rows(2))\n");
    assert_eq!(concise(d, &[]).stdout, MEM401);
    std::fs::remove_file(d.join("other.py")).expect("remove");
    assert_eq!(concise(d, &[]).stdout, both);
    // The entry of a file that no longer exists is dropped.
    let gone = shards(d)
        .iter()
        .any(|(_, bytes)| bytes.windows(8).any(|w| w == b"other.py"));
    assert!(!gone, "the cache still holds other.py");

    // The pre-commit case: one given file, the rest indexed from the cache.
    write(d, "model.py", &MODEL.replace("self.x = x", "self.y = x"));
    let run = concise(d, &["--project-root", ".", "model.py"]);
    // The loop is named by the path the project root walked.
    let in_root = MEM401.replace("`use.py`", &format!("`{}`", d.join("use.py").display()));
    assert_eq!(run.stdout, in_root, "{}", run.stderr);
    write(d, "use.py", USE_ONCE);
    let run = concise(d, &["--project-root", ".", "model.py"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // And an editor's buffer, never cached itself.
    let mut child = command(
        d,
        &[
            "check",
            "--output-format",
            "concise",
            "--quiet",
            "--project-root",
            ".",
            "--stdin-filename",
            "use.py",
        ],
    )
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .spawn()
    .expect("memwise runs");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("stdin"),
        USE_IN_LOOP.as_bytes(),
    )
    .expect("write stdin");
    let run: Run = child.wait_with_output().expect("memwise ends").into();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(concise(d, &["--project-root", ".", "model.py"]).stdout, "");
}

/// A pre-commit run over `given` (`--project-root .`), cached, twice,
/// says what a run without the cache says; how the first cached run found
/// the whole-project findings (the second reads them back).
fn precommit_as_uncached(d: &Path, given: &[&str], step: &str) -> String {
    let mut args = vec![
        "check",
        "--output-format",
        "concise",
        "--quiet",
        "--select",
        "ALL",
        "--project-root",
        ".",
    ];
    args.extend_from_slice(given);
    let uncached = memwise(d, &[&args[..], &["--no-cache"]].concat());
    let mut passes = Vec::new();
    for _ in 0..2 {
        let cached: Run = command(d, &args)
            .env("MEMWISE_TEST_SAY_PASS", "1")
            .output()
            .expect("memwise runs")
            .into();
        let (said, stderr): (Vec<&str>, Vec<&str>) = cached
            .stderr
            .lines()
            .partition(|line| line.starts_with("memwise test: "));
        assert_eq!(
            (cached.code, &cached.stdout, stderr.join("\n")),
            (
                uncached.code,
                &uncached.stdout,
                uncached.stderr.trim_end().to_owned()
            ),
            "{step}"
        );
        passes.push(said.join(" "));
    }
    assert_eq!(passes[1], "memwise test: kept pass", "{step}");
    passes.swap_remove(0)
}

#[test]
fn a_precommit_run_whose_given_summaries_moved_finds_what_a_whole_pass_finds() {
    const INIT: &str = "from .child import Child\nfrom .models import Record\n";
    const MODELS: &str = "class Record:\n    def __init__(self, x):\n        self.x = x\n\n\nclass Base:\n    pass\n";
    const CHILD: &str = "from .models import Base\n\n\nclass Child(Base):\n    def __init__(self, x):\n        self.x = x\n";
    const BATCH_ONCE: &str = "from app import Record\n\nrecord = Record(1)\n";
    let dir = project(&[
        ("app/__init__.py", INIT),
        ("app/models.py", MODELS),
        ("app/child.py", CHILD),
        ("app/batch.py", BATCH_ONCE),
        ("app/lists.py", LISTS),
        ("app/graph.py", GRAPH),
        // Not given: they reach the given files.
        (
            "app/loops.py",
            "from app import Child\n\nchildren = [Child(i) for i in range(100_000)]\n",
        ),
        (
            "app/use.py",
            "from app.graph import add_edge\nfrom app.lists import rows\n\nedges = add_edge(1, 2)\nfor r in rows(3):\n    print(r)\n",
        ),
        ("other/far.py", "class Far:\n    pass\n"),
    ]);
    let d = dir.path();
    let given = [
        "app/__init__.py",
        "app/models.py",
        "app/child.py",
        "app/batch.py",
        "app/lists.py",
        "app/graph.py",
    ];
    let step = |name: &str, path: &str, text: &str| {
        write(d, path, text);
        precommit_as_uncached(d, &given, name)
    };
    let whole = "memwise test: whole pass";
    let partial = "memwise test: partial pass";
    assert_eq!(precommit_as_uncached(d, &given, "first run"), whole);

    // A loop added in one given file: a class of another, unchanged,
    // given file is now instantiated in a loop (MEM401 appears).
    let loop_of = |class: &str| {
        format!("from app import {class}\n\nrecords = [{class}(i) for i in range(100_000)]\n")
    };
    assert_eq!(
        step("a loop added", "app/batch.py", &loop_of("Record")),
        partial
    );
    let finds = |given: &[&str], finding: &str| {
        let run = concise(
            d,
            &[&["--select", "ALL", "--project-root", "."], given].concat(),
        );
        assert!(run.stdout.contains(finding), "{}", run.stdout);
    };
    finds(&given, "app/models.py:1:7: MEM401");
    // The base a given class reaches becomes slotted: `Child`, instantiated
    // in a loop in a file not given, is now worth slotting.
    let slotted = MODELS.replace("class Base:\n    pass", "class Base:\n    __slots__ = ()");
    assert_eq!(step("a base slotted", "app/models.py", &slotted), partial);
    finds(&given, "app/child.py:4:7: MEM401");
    // The class the loop reaches is renamed, then named again.
    let renamed = slotted.replace("class Record:", "class Row:");
    assert_eq!(step("a class renamed", "app/models.py", &renamed), partial);
    assert_eq!(step("the name back", "app/models.py", &slotted), partial);
    // The re-export through which the file not given reaches `Child` goes,
    // and comes back.
    let init = "from .models import Record\n";
    assert_eq!(step("a re-export gone", "app/__init__.py", init), partial);
    assert_eq!(step("a re-export back", "app/__init__.py", INIT), partial);
    // A function's only call, in a file not given, and a default that
    // call leaves: the given files' summaries move around them.
    let lists = format!("{LISTS}\n\ndef more(n):\n    return [i for i in range(n)]\n");
    assert_eq!(step("a function added", "app/lists.py", &lists), partial);
    let graph = format!("{GRAPH}\n\nclass Other:\n    pass\n");
    assert_eq!(
        step("a function added beside a default", "app/graph.py", &graph),
        partial
    );
    // Modules added and removed: the set of files moved, the whole pass
    // runs, and after it the given files alone again.
    write(
        d,
        "app/extra.py",
        &loop_of("Child").replace("app import", "app.child import"),
    );
    assert_eq!(precommit_as_uncached(d, &given, "a module added"), whole);
    assert_eq!(step("a base unslotted", "app/models.py", MODELS), partial);
    assert_eq!(step("slotted again", "app/models.py", &slotted), partial);
    // Without it the files are those of a run before, whose readers still
    // hold: the files not given are as they were then.
    std::fs::remove_file(d.join("app/extra.py")).expect("remove");
    assert_eq!(step("a module removed", "app/models.py", MODELS), partial);
    std::fs::remove_file(d.join("app/loops.py")).expect("remove");
    assert_eq!(precommit_as_uncached(d, &given, "a reader removed"), whole);
    // A file not given changes: the whole pass.
    write(d, "other/far.py", &loop_of("Child"));
    assert_eq!(precommit_as_uncached(d, &given, "a file not given"), whole);
    assert_eq!(step("a loop gone", "app/batch.py", BATCH_ONCE), partial);

    // One given file with classes alone: the whole pass resolves the
    // classes' links only, so a list-returning function that appears in it
    // (its only call in a file not given) needs the whole pass once.
    let one = ["app/child.py"];
    write(
        d,
        "app/iterate.py",
        "from app.child import _rows\n\nfor r in _rows(3):\n    print(r)\n",
    );
    assert_eq!(precommit_as_uncached(d, &one, "one given file"), whole);
    let child = format!("{CHILD}\n\ndef _rows(n):\n    return [i for i in range(n)]\n");
    write(d, "app/child.py", &child);
    assert_eq!(precommit_as_uncached(d, &one, "a function added"), whole);
    finds(&one, "app/child.py:9:5: MEM306");
    write(
        d,
        "app/child.py",
        &child.replace("(Base)", "(Base, object)"),
    );
    assert_eq!(precommit_as_uncached(d, &one, "a base added"), partial);
}

#[test]
fn a_default_follows_the_calls_in_other_files() {
    const PASSES: &str = "from graph import add_edge\n\nedges = add_edge(1, 2, {})\n";
    const LEAVES: &str = "from graph import add_edge\n\nedges = add_edge(1, 2)\n";
    const MEM205: &str = "graph.py:1:26: MEM205 default `{}` of `graph` is shared by every call of `add_edge`, which stores into it\n";
    let dir = project(&[("graph.py", GRAPH), ("use.py", PASSES)]);
    let d = dir.path();
    let select = ["--select", "MEM205"];
    // The only call passes the dict: the default is never filled.
    assert_eq!(concise(d, &select).stdout, "");
    // `graph.py` is unchanged and served from the cache; its finding
    // depends on the call in `use.py`, which now leaves the default.
    write(d, "use.py", LEAVES);
    assert_eq!(concise(d, &select).stdout, MEM205);
    assert_eq!(concise(d, &select).stdout, MEM205);
    assert_eq!(
        concise(d, &[&select[..], &["--no-cache"]].concat()).stdout,
        MEM205
    );
    write(d, "use.py", PASSES);
    assert_eq!(concise(d, &select).stdout, "");
}

#[test]
fn the_kept_whole_project_result_follows_what_the_pass_reads() {
    let dir = project(&[
        ("pkg/model.py", MODEL),
        (
            "pkg/use.py",
            &USE_IN_LOOP.replace("from model", "from pkg.model"),
        ),
        ("lists.py", LISTS),
    ]);
    let d = dir.path();
    let files = ["pkg/model.py", "pkg/use.py", "lists.py"];
    let same_as_uncached = |step: &str| {
        let uncached = concise(d, &[&files[..], &["--no-cache"]].concat());
        for _ in 0..2 {
            let cached = concise(d, &files);
            assert_eq!(
                (cached.code, &cached.stdout, &cached.stderr),
                (uncached.code, &uncached.stdout, &uncached.stderr),
                "{step}"
            );
        }
        uncached.stdout
    };
    // `pkg` is no package: `pkg.model` names no checked file.
    assert_eq!(same_as_uncached("no package"), MEM306);
    // An `__init__.py` that is not checked still makes `pkg/model.py` the
    // module `pkg.model`: no checked file changed, the findings do.
    write(d, "pkg/__init__.py", "");
    let found = same_as_uncached("a package");
    assert!(found.contains("MEM401"), "{found}");
    std::fs::remove_file(d.join("pkg/__init__.py")).expect("remove");
    assert_eq!(same_as_uncached("no package again"), MEM306);
    // A comment of the same length moves no summary: the kept result
    // holds, and the noqa comment that silences it is read from the file.
    let noqa = |code: &str| LISTS.replace("def rows(n):", &format!("def rows(n):  # noqa: {code}"));
    write(d, "lists.py", &noqa("XYZ306"));
    assert_eq!(same_as_uncached("another tool's noqa"), MEM306);
    write(d, "lists.py", &noqa("MEM306"));
    assert_eq!(same_as_uncached("noqa"), "");
    write(d, "lists.py", LISTS);
    assert_eq!(same_as_uncached("no noqa"), MEM306);
    // Settings that drop the rule.
    write(d, "memwise.toml", "ignore = [\"MEM306\"]\n");
    assert_eq!(same_as_uncached("settings"), "");
}

/// Sets a folder's modification time long past, as a working copy's
/// folders are: their configuration facts are then kept between runs.
fn age_folder(dir: &Path) {
    let folder = std::fs::File::open(dir).expect("open the folder");
    folder
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .expect("set the time");
}

#[test]
fn kept_folder_configuration_follows_its_files() {
    let dir = project(&[
        ("pkg/leaky.py", LEAKY),
        ("pkg/comp.py", EMPTY_CALL),
        ("pkg/memwise.toml", "ignore = [\"MEM201\"]\n"),
    ]);
    let d = dir.path();
    let settle = || {
        for file in ["pkg/leaky.py", "pkg/comp.py", "pkg/memwise.toml"] {
            age(d, file);
        }
        age_folder(&d.join("pkg"));
        age_folder(d);
    };
    settle();
    let only = |line: &str| {
        line.replace("comp.py", "pkg/comp.py")
            .replace("leaky.py", "pkg/leaky.py")
    };
    assert_eq!(concise(d, &[]).stdout, only(MEM304));
    assert_eq!(concise(d, &[]).stdout, only(MEM304));
    // The same size, time and folder: only the bytes differ.
    write(d, "pkg/memwise.toml", "ignore = [\"MEM304\"]\n");
    settle();
    assert_eq!(concise(d, &[]).stdout, only(MEM201));
    // The configuration goes: the folder changes.
    std::fs::remove_file(d.join("pkg/memwise.toml")).expect("remove");
    age_folder(&d.join("pkg"));
    assert_eq!(
        concise(d, &[]).stdout,
        format!("{}{}", only(MEM304), only(MEM201))
    );
    // A configuration above it appears.
    write(d, "memwise.toml", "ignore = [\"MEM201\"]\n");
    age(d, "memwise.toml");
    age_folder(d);
    assert_eq!(concise(d, &[]).stdout, only(MEM304));
}

/// A walk is kept with the stamps of the folders it went into, of the
/// ignore files it read and the hash of the settings that excluded
/// entries, and replayed while all of these hold: a file added, an ignore
/// file or an exclude changed is seen, also when the times are set back
/// as they were (the change time still moves).
#[test]
fn a_kept_walk_follows_the_folders_and_what_filters_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    write(d, "pkg/leaky.py", LEAKY);
    write(d, "pkg/sub/lists.py", LISTS);
    write(d, "pkg/memwise.toml", "extend-exclude = [\"nothing.py\"]\n");
    write(d, "pkg/.gitignore", "nothing.py\n");
    let settle = |files: &[&str]| {
        for file in files {
            age(d, file);
        }
        age_folder(&d.join("pkg/sub"));
        age_folder(&d.join("pkg"));
    };
    settle(&[
        "pkg/leaky.py",
        "pkg/sub/lists.py",
        "pkg/memwise.toml",
        "pkg/.gitignore",
    ]);
    let leaky = MEM201.replace("leaky.py", "pkg/leaky.py");
    let lists = MEM306.replace("lists.py", "pkg/sub/lists.py");
    let comp = MEM304.replace("comp.py", "pkg/sub/comp.py");
    // The cache lies outside the walked folder, whose listing it would move.
    let cache = tempfile::tempdir().expect("a temporary folder");
    let cache = cache.path().to_str().expect("a UTF-8 path");
    let check = || concise(d, &["--cache-dir", cache, "pkg"]).stdout;
    let walks = || std::fs::read_dir(Path::new(cache).join("v3/walks")).map_or(0, Iterator::count);
    assert_eq!(check(), format!("{leaky}{lists}"));
    assert_eq!(walks(), 1, "a walk of settled folders is kept");
    assert_eq!(check(), format!("{leaky}{lists}"));
    // A file added, the folder's time set back.
    write(d, "pkg/sub/comp.py", EMPTY_CALL);
    settle(&["pkg/sub/comp.py"]);
    assert_eq!(check(), format!("{leaky}{comp}{lists}"));
    assert_eq!(check(), format!("{leaky}{comp}{lists}"));
    // An ignore file rewritten in place, to the same size and time.
    write(d, "pkg/.gitignore", "sub/lists.py\n");
    settle(&["pkg/.gitignore"]);
    assert_eq!(check(), format!("{leaky}{comp}"));
    write(d, "pkg/.gitignore", "leaky.py\n\n\n\n\n");
    settle(&["pkg/.gitignore"]);
    assert_eq!(check(), format!("{comp}{lists}"));
    // An exclude in the configuration, the folders untouched.
    write(d, "pkg/memwise.toml", "extend-exclude = [\"comp.py\"]\n");
    settle(&["pkg/memwise.toml"]);
    assert_eq!(check(), lists);
    assert_eq!(check(), lists);
    // The same output without the cache.
    assert_eq!(concise(d, &["--no-cache", "pkg"]).stdout, lists);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let dir = project(&[
        ("model.py", MODEL),
        ("use.py", USE_IN_LOOP),
        ("lists.py", LISTS),
        ("leaky.py", LEAKY),
    ]);
    let d = dir.path();
    let expected = concise(d, &[]).stdout;
    assert_eq!(expected, format!("{MEM201}{MEM306}{MEM401}"));
    // Garbage, a truncated shard and one flipped byte.
    let found = shards(d);
    assert!(found.len() >= 2, "{found:?}");
    for (i, (path, bytes)) in found.iter().enumerate() {
        let broken = match i % 3 {
            0 => b"not a cache".to_vec(),
            1 => bytes[..bytes.len() / 2].to_vec(),
            _ => {
                let mut flipped = bytes.clone();
                flipped[bytes.len() / 2] ^= 0x40;
                flipped
            }
        };
        std::fs::write(path, broken).expect("write");
    }
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (1, expected.as_str(), "")
    );
    for (_, bytes) in shards(d) {
        assert!(is_cache_file(&bytes), "the file was not rewritten");
    }
    assert_eq!(concise(d, &[]).stdout, expected);
    // A cache left by a folder of the same name that is not a cache.
    std::fs::remove_dir_all(d.join(".memwise_cache")).expect("remove");
    std::fs::write(d.join(".memwise_cache"), "a file").expect("write");
    let run = concise(d, &[]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (1, expected.as_str(), "")
    );
}

#[test]
fn two_runs_at_once_share_the_cache() {
    let dir = project(&[("model.py", MODEL), ("use.py", USE_IN_LOOP)]);
    let d = dir.path();
    for i in 0..40 {
        write(
            d,
            &format!("pkg{}/m{i}.py", i % 4),
            if i % 2 == 0 { LEAKY } else { EMPTY_CALL },
        );
    }
    let expected = concise(d, &["--no-cache"]).stdout;
    assert_eq!(expected.lines().count(), 41);
    for round in 0..3 {
        if round == 1 {
            write(d, "pkg0/m0.py", EMPTY_CALL);
            write(d, "pkg0/m0.py", LEAKY);
        }
        let args = ["check", "--output-format", "concise", "--quiet"];
        let runs: Vec<_> = (0..3)
            .map(|_| command(d, &args).output().expect("memwise runs"))
            .collect();
        let children: Vec<_> = (0..3)
            .map(|_| {
                command(d, &args)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("memwise runs")
            })
            .collect();
        for output in runs.into_iter().chain(
            children
                .into_iter()
                .map(|c| c.wait_with_output().expect("memwise ends")),
        ) {
            let run = Run::from(output);
            assert_eq!(
                (run.code, run.stdout.as_str(), run.stderr.as_str()),
                (1, expected.as_str(), "")
            );
        }
    }
    // No temporary file is left behind.
    for (path, bytes) in shards(d) {
        assert!(is_cache_file(&bytes), "{}", path.display());
    }
}

#[test]
fn where_the_cache_is_and_how_to_do_without_it() {
    let dir = project(&[("proj/pkg/leaky.py", LEAKY)]);
    let d = dir.path();
    let proj = d.join("proj");
    let expected = MEM201.replace("leaky.py", "pkg/leaky.py");
    // No configuration: the current folder.
    assert_eq!(concise(&proj.join("pkg"), &["."]).stdout, MEM201);
    assert!(proj.join("pkg/.memwise_cache/CACHEDIR.TAG").is_file());
    // Beside the nearest configuration, from any folder below it.
    write(d, "proj/pyproject.toml", "[tool.memwise]\n");
    assert_eq!(concise(&proj.join("pkg"), &["."]).stdout, MEM201);
    assert!(proj.join(".memwise_cache/CACHEDIR.TAG").is_file());
    // `cache-dir`, relative to the configuration.
    write(
        d,
        "proj/pyproject.toml",
        "[tool.memwise]\ncache-dir = \"build/lint\"\n",
    );
    assert_eq!(concise(&proj, &[]).stdout, expected);
    assert!(proj.join("build/lint/CACHEDIR.TAG").is_file());
    let run = memwise(&proj, &["check", "--show-settings", "pkg/leaky.py"]);
    assert!(
        run.stdout.contains(&format!(
            "\ncache-dir: {}\n",
            proj.join("build/lint").display()
        )),
        "{}",
        run.stdout
    );
    // `MEMWISE_CACHE_DIR`, and `--cache-dir` over it (relative to the
    // current folder).
    let run: Run = command(&proj, &["check", "--output-format", "concise", "--quiet"])
        .env("MEMWISE_CACHE_DIR", d.join("from-env"))
        .output()
        .expect("memwise runs")
        .into();
    assert_eq!(run.stdout, expected);
    assert!(d.join("from-env/CACHEDIR.TAG").is_file());
    let run: Run = command(
        &proj,
        &[
            "check",
            "--output-format",
            "concise",
            "--quiet",
            "--cache-dir",
            "../from-flag",
        ],
    )
    .env("MEMWISE_CACHE_DIR", d.join("from-env-2"))
    .output()
    .expect("memwise runs")
    .into();
    assert_eq!(run.stdout, expected);
    assert!(d.join("from-flag/CACHEDIR.TAG").is_file());
    assert!(!d.join("from-env-2").exists());
    // `--no-cache` reads and writes none.
    std::fs::remove_dir_all(proj.join("build")).expect("remove");
    assert_eq!(concise(&proj, &["--no-cache"]).stdout, expected);
    assert!(!proj.join("build").exists());

    // `memwise clean` removes the folder a check here would use.
    assert_eq!(concise(&proj, &[]).stdout, expected);
    assert!(proj.join("build/lint").is_dir());
    let run = memwise(&proj.join("pkg"), &["clean"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    assert!(!proj.join("build/lint").exists());
    let run = memwise(&proj, &["clean"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let run = memwise(&proj, &["clean", "--cache-dir", "../from-flag"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!d.join("from-flag").exists());
    // A folder that is not a cache is left alone.
    let run = memwise(&proj, &["clean", "--cache-dir", "pkg"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a memwise cache"), "{}", run.stderr);
    assert!(proj.join("pkg/leaky.py").is_file());
}

#[test]
fn fixes_and_diffs_are_never_served_stale() {
    let dir = project(&[
        ("comp.py", EMPTY_CALL),
        ("model.py", MODEL),
        ("use.py", USE_IN_LOOP),
    ]);
    let d = dir.path();
    let both = format!("{MEM304}{MEM401}");
    assert_eq!(concise(d, &[]).stdout, both);
    let run = memwise(d, &["check", "--diff", "--unsafe-fixes"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("+total = sum(x for x in range(10))"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("+    __slots__ = (\"x\", \"__weakref__\")"),
        "{}",
        run.stdout
    );
    // `--diff` wrote nothing, and the cache still answers for the files.
    assert_eq!(concise(d, &[]).stdout, both);
    let run = concise(d, &["--fix", "--unsafe-fixes"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(d.join("comp.py")).expect("read"),
        "total = sum(x for x in range(10))\n"
    );
    let run = concise(d, &[]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // Undone by hand: found again, and fixed again.
    write(d, "comp.py", EMPTY_CALL);
    assert_eq!(concise(d, &[]).stdout, MEM304);
    let run = concise(d, &["--fix"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(concise(d, &[]).stdout, "");
}

#[test]
fn output_is_the_same_with_and_without_the_cache() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cache = tempfile::tempdir().expect("a temporary folder");
    let cache_dir = cache.path().join("c");
    let cache_dir = cache_dir.to_str().expect("a UTF-8 path");
    for format in ["full", "json", "concise"] {
        let base = [
            "check",
            "fixtures",
            "--select",
            "ALL",
            "--exit-zero",
            "--output-format",
            format,
        ];
        let uncached = memwise(repo, &[&base[..], &["--no-cache"]].concat());
        assert!(uncached.stdout.len() > 10_000, "{}", uncached.stderr);
        for _ in 0..2 {
            let cached = memwise(repo, &[&base[..], &["--cache-dir", cache_dir]].concat());
            assert_eq!(cached.code, uncached.code);
            assert!(
                cached.stdout == uncached.stdout,
                "{format}: the output differs"
            );
            assert_eq!(cached.stderr, uncached.stderr);
        }
    }
}
