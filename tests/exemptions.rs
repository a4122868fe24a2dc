//! Behaviour a fixture cannot show because it depends on the file's path or
//! on the whole module: test-code exemptions, module-level `gc.disable()`.

use crate::fixtures::check_with;

fn codes_in(files: &[(&str, &str)], code: &str) -> Vec<(String, usize)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut paths = Vec::new();
    for (path, source) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(&full, source).expect("write");
        if full.extension().is_some_and(|e| e == "py" || e == "pyi") {
            paths.push(full);
        }
    }
    let result = check_with(paths, code);
    let mut found: Vec<(String, usize)> = result
        .reports
        .iter()
        .flat_map(|report| {
            let name = report
                .path
                .strip_prefix(dir.path())
                .unwrap_or(&report.path)
                .to_string_lossy()
                .replace('\\', "/");
            report
                .diagnostics
                .iter()
                .map(move |d| (name.clone(), report.location(d.range.start()).row))
        })
        .collect();
    found.sort();
    found
}

const PROFILER: &str = "import tracemalloc\n\ndef run():\n    tracemalloc.start()\n";
const SAVEALL: &str = "import gc\n\ngc.set_debug(gc.DEBUG_SAVEALL)\n";

#[test]
fn profilers_and_saveall_are_allowed_in_test_code() {
    for (code, source) in [("MEM501", PROFILER), ("MEM502", SAVEALL)] {
        let found = codes_in(
            &[
                ("app/core.py", source),
                ("app/test_core.py", source),
                ("app/core_test.py", source),
                ("app/conftest.py", source),
                ("tests/helpers.py", source),
                ("app/test/helpers.py", source),
                ("app/testing/helpers.py", source),
            ],
            code,
        );
        let expected_row = if code == "MEM501" { 4 } else { 3 };
        assert_eq!(
            found,
            vec![("app/core.py".to_owned(), expected_row)],
            "{code}"
        );
    }
}

#[test]
fn module_level_gc_disable_needs_an_enable_or_freeze_anywhere() {
    let found = codes_in(
        &[
            ("never.py", "import gc\n\ngc.disable()\n"),
            (
                "enabled.py",
                "import gc\n\ngc.disable()\n\ndef done():\n    gc.enable()\n",
            ),
            ("frozen.py", "import gc\n\ngc.disable()\ngc.freeze()\n"),
        ],
        "MEM503",
    );
    assert_eq!(found, vec![("never.py".to_owned(), 3)]);
}

/// The test-code fixture: its lines marked `# MEMxxx outside test code`.
const TEST_CODE_FIXTURE: &str = "fixtures/test-code/tests/test_leaks.py";

fn outside_test_code_markers(source: &str) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let marker = line
                .split("# ")
                .last()?
                .strip_suffix(" outside test code")?;
            Some((marker.to_owned(), i + 1))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn rules_that_stay_silent_in_test_code_do() {
    let source = std::fs::read_to_string(TEST_CODE_FIXTURE).expect("the fixture is readable");
    let marked = outside_test_code_markers(&source);
    let error_markers: Vec<(String, usize)> = source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split("# error: ").nth(1)?;
            Some((code.trim().to_owned(), i + 1))
        })
        .collect();
    // Only MEM000 reports in test code, and the fixture parses.
    assert!(error_markers.is_empty(), "{error_markers:?}");
    let project_codes: Vec<&str> = memwise_rules::project_rules()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    for rule in memwise_rules::rules() {
        let meta = rule.meta();
        if !meta.test_code && !project_codes.contains(&meta.code) {
            assert!(
                marked.iter().any(|(code, _)| code == meta.code),
                "{TEST_CODE_FIXTURE} has no case of {}, which is silent in test code",
                meta.code
            );
        }
    }
    let codes = |files: &[(&str, &str)]| -> Vec<(String, usize)> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut paths = Vec::new();
        for (path, source) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("a parent folder")).expect("mkdir");
            std::fs::write(&full, source).expect("write");
            paths.push(full);
        }
        let result = check_with(paths, "ALL");
        let mut all: Vec<(String, usize)> = result
            .reports
            .iter()
            .flat_map(|r| {
                r.diagnostics
                    .iter()
                    .map(|d| (d.rule.code.to_owned(), r.location(d.range.start()).row))
            })
            .collect();
        all.sort();
        all
    };
    // Outside test code, each marked line triggers its rule.
    let outside = codes(&[("app/leaks.py", &source)]);
    for marker in &marked {
        assert!(
            outside.contains(marker),
            "{marker:?} not found: {outside:?}"
        );
    }
    // In test code, only the rules that report there do.
    for path in [
        "tests/test_leaks.py",
        "app/testing/leaks.py",
        "app/leaks_test.py",
        "conftest.py",
        "app/tests.py",
        "app/testutils.py",
    ] {
        let inside = codes(&[(path, &source)]);
        assert_eq!(inside, error_markers, "{path}");
    }
    // The fixture itself is test code.
    let result = check_with(vec![TEST_CODE_FIXTURE.into()], "ALL");
    let found: Vec<&str> = result
        .reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.rule.code))
        .collect();
    assert_eq!(found, Vec::<&str>::new());
}

#[test]
fn test_paths_setting_adds_test_code() {
    let found = codes_in(
        &[
            (
                "pyproject.toml",
                "[tool.memwise]\ntest-paths = [\"qa/**/*.py\", \"check_*.py\"]\n",
            ),
            ("qa/deep/leaks.py", SAVEALL),
            ("app/check_leaks.py", SAVEALL),
            ("app/leaks.py", SAVEALL),
        ],
        "MEM502",
    );
    assert_eq!(found, vec![("app/leaks.py".to_owned(), 3)]);
}

#[test]
fn unbounded_caches_in_scripts_live_for_one_run() {
    let cached = "import functools\n\n@functools.cache\ndef load(path):\n    return path\n";
    let script = format!("{cached}\n\nif __name__ == \"__main__\":\n    load(\"x\")\n");
    let found = codes_in(&[("lib.py", cached), ("script.py", &script)], "MEM202");
    assert_eq!(found, vec![("lib.py".to_owned(), 3)]);
}

/// A stub describes code that lives elsewhere and runs nothing: only a
/// syntax error is reported in it. The same text in a `.py` is.
#[test]
fn stubs_get_only_syntax_errors() {
    let classes = "class Tag(str): ...\n\n\nclass Point:\n    def __init__(self, x: int) -> None: ...\n\n\nPOINTS = [Point(i) for i in range(9)]\n";
    let found = codes_in(
        &[
            ("pkg/__init__.py", ""),
            ("pkg/types.pyi", classes),
            ("pkg/types_impl.py", classes),
        ],
        "ALL",
    );
    assert!(
        found.iter().all(|(path, _)| path == "pkg/types_impl.py") && !found.is_empty(),
        "{found:?}"
    );
    let broken = codes_in(&[("pkg/broken.pyi", "class (:\n")], "MEM000");
    assert!(!broken.is_empty(), "a stub's syntax error is reported");
}

/// A class-level default never assigned on `self` and stored somewhere
/// through an object of unknown type is shadowed per instance: `__slots__`
/// would break that store. (Not in the project fixture: any such store
/// also withholds the fix of every class there.)
#[test]
fn class_defaults_set_from_outside_need_a_dict() {
    let models = "\
class Flagged:
    failed = False

    def __init__(self, key):
        self.key = key


class Constant:
    limit = 10

    def __init__(self, key):
        self.key = key


def build(keys, results):
    flags = {key: Flagged(key) for key in keys}
    for key in keys:
        results[key].failed = True
    return flags, [Constant(key) for key in keys]
";
    assert_eq!(
        codes_in(&[("models.py", models)], "MEM401"),
        vec![("models.py".to_owned(), 8)]
    );
}

/// An attribute stored through a name that says it holds an instance of
/// the class (flaml's `search_state.training_function = f` for
/// `SearchState`), in a module that imports from the class's module or
/// in another module of its package (biopython's `atom.sasa = ...` for
/// `Atom`): `__slots__` would make the store raise. The same store in a
/// module that
/// never imports it (`trial.attempts` in `other.py`) is another program's
/// trial, and the store of a name the class defines as a property goes
/// through its setter: both classes are still reported.
#[test]
fn attributes_stored_through_a_name_for_the_class_need_a_dict() {
    let models = "\
class SearchState:
    def __init__(self, learner):
        self.learner = learner


class Trial:
    def __init__(self, seed):
        self.seed = seed


class Atom:
    def __init__(self, name):
        self.name = name


class Cell:
    def __init__(self, text):
        self._text = text

    @property
    def text(self):
        return self._text

    @text.setter
    def text(self, value):
        self._text = value


def plan(learners, seeds):
    return (
        [SearchState(x) for x in learners],
        [Trial(s) for s in seeds],
        [Atom(s) for s in seeds],
        [Cell(s) for s in seeds],
    )
";
    let tuner = "\
from app.models import plan


def prepare(search_state, first_cell, budget):
    search_state.budget = budget
    first_cell.text = str(budget)
    return plan([search_state], [])
";
    let surface = "\
def compute(atom, area):
    atom.sasa = area
";
    let other = "\
def retry(trial):
    trial.attempts = 2
    return trial
";
    assert_eq!(
        codes_in(
            &[
                ("app/__init__.py", ""),
                ("app/models.py", models),
                ("app/tuner.py", tuner),
                ("app/surface.py", surface),
                ("other.py", other),
            ],
            "MEM401"
        ),
        vec![
            ("app/models.py".to_owned(), 6),
            ("app/models.py".to_owned(), 16)
        ]
    );
}

/// An attribute stored through an item an instance of the class was
/// stored into in the same function (esda's `results[i, j] = Moran_BV(...)`
/// then `results[i, j].varnames = ...`), or stored by a function of the
/// module the class hands `self` to (salabim's `_set_name(name, serial,
/// self)` setting `obj._base_name`): `__slots__` would make either store
/// raise. The classes beside them are still reported: another item holds
/// the other class, and the other function stores a name the class assigns
/// itself.
#[test]
fn attributes_stored_through_an_item_or_a_helper_need_a_dict() {
    let models = "\
class Pair:
    def __init__(self, x):
        self.x = x


class Single:
    def __init__(self, x):
        self.x = x


class Named:
    def __init__(self, name):
        _set_name(name, self)


class Labelled:
    def __init__(self, name):
        self.label = None
        _set_label(name, self)


def _set_name(name, obj):
    obj.base_name = name


def _set_label(name, obj):
    obj.label = name


def build(xs):
    results = {}
    for i in xs:
        results[i, 0] = Pair(i)
        results[i, 0].varnames = {\"x\": i}
        results[i, 1] = Single(i)
    return results, [Named(x) for x in xs], [Labelled(x) for x in xs]
";
    assert_eq!(
        codes_in(&[("models.py", models)], "MEM401"),
        vec![("models.py".to_owned(), 6), ("models.py".to_owned(), 16)]
    );
}

/// A `__dict__` read or an attribute stored through a name that an
/// `isinstance(x, C)` test treats as a `C`, in another module: `__slots__`
/// would break that code (stanza's JSON encoder returns `obj.__dict__` for
/// a `CorefMention`). The classes beside it are still reported: one
/// read through a name of unknown type, one tested but read after its
/// branch has returned (pymupdf's `Point`). (Not in the project fixture: such a
/// read withholds the fix of every class there.)
#[test]
fn a_dict_read_behind_isinstance_needs_a_dict() {
    let models = "\
class Mention:
    def __init__(self, start):
        self.start = start


class Span:
    def __init__(self, start):
        self.start = start


class Point:
    def __init__(self, start):
        self.start = start


def build(starts):
    return [Mention(s) for s in starts], [Span(s) for s in starts], [Point(s) for s in starts]
";
    let encoder = "\
from models import Mention, Point


def default(obj):
    if isinstance(obj, (Mention, int)):
        return obj.__dict__
    if isinstance(obj, Point):
        return [obj.start]
    return obj.__dict__
";
    assert_eq!(
        codes_in(&[("models.py", models), ("encoder.py", encoder)], "MEM401"),
        vec![("models.py".to_owned(), 6), ("models.py".to_owned(), 11)]
    );
}

/// A name made of the last words of a class's name holds one of its
/// instances too (sinter's `worker_state` for `_ManagedWorkerState`,
/// given `asked_to_drop_errors`, which the class never assigns); and
/// reading such a name's `__dict__` (`vars(field_inspection)`, biothings'
/// `FieldInspection` dataclass) needs the instance dictionary as a store
/// does. The classes beside them stay reported: `state` alone names too
/// many things, and `task_state` stores what `_ManagedTaskState` assigns.
#[test]
fn a_store_or_dict_read_through_the_last_words_of_a_class_needs_a_dict() {
    let models = "\
from dataclasses import dataclass


class _ManagedWorkerState:
    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.asked_to_drop_shots = 0


class _ManagedTaskState:
    def __init__(self, key):
        self.key = key
        self.shots_left = 0


class _ManagedRunState:
    def __init__(self, key):
        self.key = key


@dataclass
class FieldInspection:
    field_name: str


@dataclass
class FieldSummary:
    field_name: str


def start(ids):
    workers = [_ManagedWorkerState(i) for i in ids]
    tasks = [_ManagedTaskState(i) for i in ids]
    runs = [_ManagedRunState(i) for i in ids]
    inspections = [FieldInspection(str(i)) for i in ids]
    summaries = [FieldSummary(str(i)) for i in ids]
    return workers, tasks, runs, inspections, summaries


def handle(workers, tasks, runs, key):
    worker_state = workers[key]
    worker_state.asked_to_drop_errors = 0
    task_state = tasks[key]
    task_state.shots_left = 1
    state = runs[key]
    state.finished = True


def simplify(field_inspections, field_summaries):
    rows = [vars(field_inspection) for field_inspection in field_inspections]
    return rows, [summary.field_name for summary in field_summaries]
";
    let files = [("app/__init__.py", ""), ("app/models.py", models)];
    assert_eq!(
        codes_in(&files, "MEM401"),
        vec![
            ("app/models.py".to_owned(), 10),
            ("app/models.py".to_owned(), 16)
        ]
    );
    assert_eq!(
        codes_in(&files, "MEM402"),
        vec![("app/models.py".to_owned(), 26)]
    );
}

#[test]
fn a_module_that_encodes_through_dict_keeps_its_classes_dicts() {
    // tuya's value objects: built in a loop and encoded by their
    // `__dict__` in the same module.
    let timers = "\
import json


class Timer:
    def __init__(self, start):
        self.start = start


def encode(starts):
    timers = [Timer(s) for s in starts]
    return json.dumps(timers, default=lambda o: o.__dict__)
";
    // azure-cli's feature flags: the encoder drops unset fields.
    let flags = "\
import json


class Flag:
    def __init__(self, name):
        self.name = name


def encode(names):
    flags = [Flag(n) for n in names]
    return json.dumps(flags, default=lambda o: {k: v for k, v in o.__dict__.items() if v is not None})
";
    let colours = "\
import json


class Colour:
    def __init__(self, h):
        self.h = h


class Encoder(json.JSONEncoder):
    def default(self, o):
        return vars(o) if hasattr(o, \"__dict__\") else str(o)


def encode(hues):
    return json.dumps([Colour(h) for h in hues], cls=Encoder)
";
    let points = "\
import json


class Point:
    def __init__(self, x):
        self.x = x


class Settings:
    def default(self):
        return dict(self.__dict__)


def encode(xs):
    return json.dumps([vars(p) for p in [Point(x) for x in xs]])
";
    assert_eq!(
        codes_in(
            &[
                ("timers.py", timers),
                ("flags.py", flags),
                ("colours.py", colours),
                ("points.py", points)
            ],
            "MEM401"
        ),
        vec![("points.py".to_owned(), 4)]
    );
}

#[test]
fn a_helper_that_updates_any_dataclass_through_dict_keeps_their_dicts() {
    // ib_insync's `dataclassUpdate`: the package's dataclasses, built in a
    // loop in one module, are updated through `obj.__dict__` by a helper
    // in another that accepts any dataclass.
    let objects = "\
from dataclasses import dataclass


@dataclass
class Fill:
    price: float


def fills(prices):
    return [Fill(p) for p in prices]
";
    let util = "\
import dataclasses


def update(obj, **kwargs):
    if not dataclasses.is_dataclass(obj):
        raise TypeError(obj)
    obj.__dict__.update(**kwargs)
    return obj
";
    // The near miss: an encoder that converts dataclasses with `asdict` and
    // reads the `__dict__` of other objects only, or a helper that tests one
    // value and reads another's, does not need it.
    let near = "\
from dataclasses import asdict, is_dataclass


def encode(obj):
    if is_dataclass(obj):
        return asdict(obj)
    return obj.__dict__


def dump(obj, other):
    if is_dataclass(obj):
        return asdict(obj), other.__dict__
    return None
";
    assert_eq!(
        codes_in(&[("objects.py", objects), ("util.py", util)], "MEM402"),
        vec![]
    );
    assert_eq!(
        codes_in(&[("objects.py", objects), ("near.py", near)], "MEM402"),
        vec![("objects.py".to_owned(), 4)]
    );
}

#[test]
fn a_zip_of_few_item_names_runs_a_few_times() {
    // InvokeAI's regions: one per conditioning, of an unconditioned and a
    // conditioned pair chosen by mode.
    let regions = "\
class Region:
    def __init__(self, mask):
        self.mask = mask


def regions(mode, uncond, cond, masks):
    if mode == \"both\":
        texts = [uncond, cond]
        given = [None, None]
    else:
        texts = [cond]
        given = [None]
    made = []
    for text, region in zip(texts, given):
        made.append(Region(text))
    return made


class Mask:
    def __init__(self, text):
        self.text = text


def masks(texts):
    return [Mask(t) for t, _ in zip(texts, texts)]
";
    // Only the second loop walks what the caller gives.
    assert_eq!(
        codes_in(&[("regions.py", regions)], "MEM401"),
        vec![("regions.py".to_owned(), 19)]
    );
}

#[test]
fn a_dataclass_whose_subclass_inits_itself_keeps_its_defaults() {
    // aider's `Model(ModelSettings)`: the subclass never runs the fields'
    // `__init__` and reads their defaults from the base class, which
    // `slots=True` takes out of it.
    let settings = "\
from dataclasses import dataclass


@dataclass
class Settings:
    name: str
    lazy: bool = False


def load(names):
    return [Settings(n) for n in names]
";
    let model = "\
from settings import Settings


class Model(Settings):
    def __init__(self, name):
        self.name = name
        self.ready = not self.lazy
";
    // The near misses: a subclass that is a dataclass itself runs the
    // generated `__init__`, which sets every field, and so does one whose
    // own `__init__` calls it.
    let near = "\
from dataclasses import dataclass

from settings import Settings


@dataclass
class Tuned(Settings):
    speed: int = 1


class Named(Settings):
    def __init__(self, name, **kwargs):
        super().__init__(name, **kwargs)
        self.label = name.title()
";
    assert_eq!(
        codes_in(&[("settings.py", settings), ("model.py", model)], "MEM402"),
        vec![]
    );
    assert_eq!(
        codes_in(&[("settings.py", settings), ("near.py", near)], "MEM402"),
        vec![("settings.py".to_owned(), 4)]
    );
}

#[test]
fn the_object_a_script_makes_in_main_lives_for_the_run() {
    const CLASS: &str = "import signal\n\n\nclass Proxy:\n    DEFAULT = 1\n\n    def go(self):\n        signal.signal(signal.SIGTERM, self.stop)\n\n    def stop(self, *args):\n        pass\n";
    let script = |main: &str, guard: &str| {
        format!("{CLASS}\n\n{main}\n\nif __name__ == \"__main__\":\n{guard}\n")
    };
    let once = script(
        "def main(argv=None):\n    level = Proxy.DEFAULT\n    proxy = Proxy()\n    proxy.go()",
        "    main()",
    );
    // Library demo code under the guard, a call in a loop, another
    // function making one too, and a subclass.
    let demo = script("def main():\n    pass", "    main()\n    Proxy().go()");
    let looped = script(
        "def main():\n    for _ in range(3):\n        Proxy().go()",
        "    main()",
    );
    let again = script(
        "def main():\n    Proxy().go()\n\n\ndef make():\n    return Proxy()",
        "    main()",
    );
    // A console script's `main` needs no `__main__` block; a method named
    // `main` is not the program's entry point.
    let console = format!("{CLASS}\n\ndef main():\n    Proxy().go()\n");
    let method = script(
        "class Runner:\n    def main(self):\n        Proxy().go()\n\n\ndef main():\n    pass",
        "    main()",
    );
    let subclassed = script(
        "class Child(Proxy):\n    pass\n\n\ndef main():\n    Proxy().go()",
        "    main()",
    );
    // The function the `__main__` block runs is the script's `main`,
    // whatever its name; another function beside it is not.
    let named = script(
        "def launch_new_instance():\n    proxy = Proxy()\n    proxy.go()",
        "    sys.exit(launch_new_instance())",
    );
    let beside = script(
        "def launch():\n    Proxy().go()\n\n\ndef main():\n    pass",
        "    main()",
    );
    let found = codes_in(
        &[
            ("named.py", &named),
            ("beside.py", &beside),
            ("once.py", &once),
            ("demo.py", &demo),
            ("looped.py", &looped),
            ("again.py", &again),
            ("console.py", &console),
            ("method.py", &method),
            ("subclassed.py", &subclassed),
        ],
        "MEM106",
    );
    assert_eq!(
        found,
        [
            "again.py",
            "beside.py",
            "demo.py",
            "looped.py",
            "method.py",
            "subclassed.py"
        ]
        .map(|f| (f.to_owned(), 8))
        .to_vec()
    );
}

#[test]
fn the_singleton_a_module_makes_once_lives_for_the_run() {
    const CLASS: &str = "import signal\n\n\nclass Proxy:\n    def __init__(self):\n        signal.signal(signal.SIGTERM, self.stop)\n\n    def stop(self, *args):\n        pass\n\n\n_proxy = None\n";
    let getter = |body: &str| format!("{CLASS}\n\ndef get_proxy():\n{body}\n    return _proxy\n");
    let lazy = getter("    global _proxy\n    if _proxy is None:\n        _proxy = Proxy()");
    let locked = getter(
        "    global _proxy\n    with LOCK:\n        if not _proxy:\n            _proxy = Proxy()",
    );
    // Not a global, made on every call, or tested the other way round.
    let local = getter("    _proxy = None\n    if _proxy is None:\n        _proxy = Proxy()");
    let every_call = getter("    global _proxy\n    _proxy = Proxy()");
    let inverted =
        getter("    global _proxy\n    if _proxy is not None:\n        _proxy = Proxy()");
    // A cached function without parameters runs its body once; with one,
    // once per argument.
    let cached = format!(
        "{CLASS}\n\n@functools.lru_cache(maxsize=None)\ndef get_proxy():\n    return Proxy()\n"
    );
    let per_name =
        format!("{CLASS}\n\n@functools.cache\ndef get_proxy(name):\n    return Proxy()\n");
    let found = codes_in(
        &[
            ("lazy.py", &lazy),
            ("locked.py", &locked),
            ("cached.py", &cached),
            ("per_name.py", &per_name),
            ("local.py", &local),
            ("every_call.py", &every_call),
            ("inverted.py", &inverted),
        ],
        "MEM106",
    );
    assert_eq!(
        found,
        ["every_call.py", "inverted.py", "local.py", "per_name.py"]
            .map(|f| (f.to_owned(), 6))
            .to_vec()
    );
}

#[test]
fn a_class_made_once_by_the_program_of_another_module_lives_for_the_run() {
    const CLASS: &str = "import signal\n\n\nclass Worker:\n    def __init__(self):\n        signal.signal(signal.SIGTERM, self.stop)\n\n    def stop(self, *args):\n        pass\n";
    let packages = [
        // What `python -m pkg` runs makes the one instance; so does a
        // module when imported.
        (
            "entry",
            "__main__.py",
            "from .worker import Worker\n\n\ndef run_worker(args):\n    w = Worker()\n    w.run()\n",
        ),
        (
            "imported",
            "tools.py",
            "from .worker import Worker\n\n_worker = Worker()\n",
        ),
        // A console script's `main`, or what a script's `__main__` block
        // runs, whatever its name.
        (
            "console",
            "cli.py",
            "from .worker import Worker\n\n\ndef main():\n    Worker().run()\n",
        ),
        (
            "script",
            "run.py",
            "import sys\n\nfrom .worker import Worker\n\n\ndef launch():\n    Worker().run()\n\n\nif __name__ == \"__main__\":\n    sys.exit(launch())\n",
        ),
        // A loop, a library function (beside a `main`), a factory handed
        // the class, a subclass, or no instance made anywhere: the finding
        // stands.
        (
            "looped",
            "__main__.py",
            "from .worker import Worker\n\n\ndef main(jobs):\n    for job in jobs:\n        Worker().run(job)\n",
        ),
        (
            "library",
            "serve.py",
            "from .worker import Worker\n\n\ndef main():\n    pass\n\n\ndef serve():\n    Worker().run()\n",
        ),
        (
            "factory",
            "__main__.py",
            "from .worker import Worker\n\n\ndef main():\n    start(Worker)\n",
        ),
        (
            "subclassed",
            "__main__.py",
            "from .worker import Worker\n\n\nclass Special(Worker):\n    pass\n\n\ndef main():\n    Worker()\n",
        ),
        ("unused", "__main__.py", "def main():\n    pass\n"),
    ];
    let files: Vec<(String, &str)> = packages
        .iter()
        .flat_map(|(name, file, source)| {
            [
                (format!("{name}/__init__.py"), ""),
                (format!("{name}/worker.py"), CLASS),
                (format!("{name}/{file}"), *source),
            ]
        })
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, s)| (p.as_str(), *s)).collect();
    assert_eq!(
        codes_in(&files, "MEM106"),
        [
            "factory/worker.py",
            "library/worker.py",
            "looped/worker.py",
            "subclassed/worker.py",
            "unused/worker.py"
        ]
        .map(|f| (f.to_owned(), 6))
        .to_vec()
    );
}

#[test]
fn a_module_that_imports_pytest_is_test_support() {
    const BODY: &str = "\n\ndef total(xs):\n    return sum([x * 2 for x in xs])\n";
    let found = codes_in(
        &[
            ("pkg/helpers.py", &format!("import pytest{BODY}")),
            (
                "pkg/fixtures.py",
                &format!("from pytest import fixture{BODY}"),
            ),
            // Optional integration: the module imports without pytest.
            (
                "pkg/optional.py",
                &format!("try:\n    import pytest\nexcept ImportError:\n    pytest = None{BODY}"),
            ),
            (
                "pkg/lazy.py",
                &format!("def run():\n    import pytest{BODY}"),
            ),
            ("pkg/plain.py", BODY),
        ],
        "MEM304",
    );
    assert_eq!(
        found,
        vec![
            ("pkg/lazy.py".to_owned(), 5),
            ("pkg/optional.py".to_owned(), 7),
            ("pkg/plain.py".to_owned(), 4),
        ]
    );
}

/// A loop over a view of a dict display of a few entries the code only
/// reads (`for l in states.keys()`, as pretix's report does over five
/// order states) runs a few times, as one over the display itself does;
/// the same loop over a dict that grows runs any number of times.
#[test]
fn a_loop_over_a_few_entry_dict_view_makes_a_few_instances() {
    let models = "\
class Cell:
    def __init__(self, value):
        self.value = value


class Entry:
    def __init__(self, value):
        self.value = value


def report(row):
    states = {'pending': 'n', 'paid': 'p', 'expired': 'e'}
    row.cells = {}
    for state in states.keys():
        row.cells[state] = (Cell(state), 0)
    return row


def report_all(row, extra):
    states = {'pending': 'n', 'paid': 'p'}
    states.update(extra)
    row.cells = {}
    for state, value in states.items():
        row.cells[state] = Entry(value)
    return row
";
    assert_eq!(
        codes_in(&[("models.py", models)], "MEM401"),
        vec![("models.py".to_owned(), 6)]
    );
}

#[test]
fn a_base_with_a_metaclass_builds_its_subclasses_layout() {
    // Mopidy's model metaclass writes `__slots__` into every model; the
    // subclass inherits it, so its own body says nothing about slots.
    let base = "\
class ModelMeta(type):
    def __new__(cls, name, bases, attrs):
        attrs['__slots__'] = [f'_{k}' for k in attrs.get('fields', ())]
        return super().__new__(cls, name, bases, attrs)


class Model(metaclass=ModelMeta):
    __slots__ = ['_hash']


class Plain:
    __slots__ = ['_hash']
";
    let models = "\
from base import Model, Plain


class Artist(Model):
    def __init__(self, name):
        self.name = name


class Album(Plain):
    def __init__(self, name):
        self.name = name


def load(rows):
    return [Artist(r) for r in rows], [Album(r) for r in rows]
";
    assert_eq!(
        codes_in(&[("base.py", base), ("models.py", models)], "MEM401"),
        vec![("models.py".to_owned(), 9)]
    );
}
