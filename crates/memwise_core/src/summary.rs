//! What a file leaves behind for whole-project rules once its AST is dropped:
//! its module-level classes with the layout facts MEM401/MEM402 read, its
//! module-level imports (for re-exports), and the call sites that matter
//! across files (instantiations in loops, instances given extra attributes).

use crate::facts_slots::ClassLayout;
use ruff_text_size::{TextRange, TextSize};

use crate::diagnostic::{Diagnostic, Edit};

/// Kept among [`FileSummary::unknown_attribute_stores`] (no identifier
/// spells it) by a file whose JSON encoding falls back on an object's
/// `__dict__` (`json.dumps(vo, default=lambda o: o.__dict__)`, or a
/// `JSONEncoder.default` returning `vars(o)`): what it is handed must keep
/// its `__dict__`, and its own classes are taken to be what it encodes.
pub const SERIALIZED_BY_DICT: &str = "<encoded through __dict__>";

/// Kept among [`FileSummary::unknown_attribute_stores`] by a file with a
/// helper that tests a value with `dataclasses.is_dataclass` and works on
/// its `__dict__` (ib_insync's `dataclassUpdate(obj, ...)` doing
/// `obj.__dict__.update(...)`): the project uses any of its dataclasses
/// through the instance dictionary, which `slots=True` takes away.
pub const DATACLASSES_BY_DICT: &str = "<dataclasses used through __dict__>";

/// Facts of one file that whole-project rules need. The AST is dropped after
/// the per-file pass, so everything a cross-file rule needs is copied here,
/// compactly. Empty when no whole-project rule is enabled for the file.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    /// Module-level classes, in source order.
    pub classes: Vec<ClassFact>,
    /// Module-level imports: the bound name and what it refers to (relative
    /// imports keep their leading dots), so `__init__.py` re-exports resolve.
    pub imports: Imports,
    /// Calls of module-level classes or imported names that matter across
    /// files: in a loop or comprehension, or whose result gets attributes
    /// from outside.
    pub calls: Vec<CallSite>,
    /// Module-level functions that return a list they build (MEM306).
    pub functions: Vec<FunctionFact>,
    /// References to imported private names (`_name`), called or not.
    pub references: Vec<FunctionRef>,
    /// The module has an `if __name__ == "__main__":` block.
    pub has_main_guard: bool,
    /// Findings that stand unless the calls of a function, in every
    /// checked file, pass only bounded values (MEM202, MEM203, MEM205), or
    /// all pass the parameter whose default is mutated (MEM205).
    pub deferred: Vec<DeferredFinding>,
    /// Calls and other references of imported names (`f(x)` after `from m
    /// import f`, `m.f(x)`), one entry per name: what the project pass
    /// needs to decide the [`DeferredFinding`]s of other files. A name
    /// spelled as a class is here only when imported in a function: its
    /// calls made once per process count as calls, its other uses as
    /// references (see [`ClassUses`]).
    pub imported_calls: Vec<ImportedCall>,
    /// Where the file makes the classes it imports at module level
    /// (MEM106); `None` when it uses none.
    pub class_uses: Option<Box<ClassUses>>,
    /// Attribute names stored (`x.name = ...`, `setattr(x, "name", ...)`)
    /// on objects whose type the summary cannot tell (parameters, attribute
    /// chains, subscripts), and `__dict__` read through them: any class
    /// could receive them. Sorted, without repeats. [`SERIALIZED_BY_DICT`]
    /// among them says the file encodes objects of any class through their
    /// `__dict__`. A store through a receiver named for what it holds is
    /// also kept as `word.name` (`loop_node.ragged = ...` as `node.ragged`;
    /// see [`crate::python::last_name_word`]): the dot keeps it apart from
    /// attribute names.
    pub unknown_attribute_stores: Box<[Box<str>]>,
}

impl FileSummary {
    /// An estimate of the heap and inline bytes this summary holds, for the
    /// memory notes in `docs/project-analysis.md`.
    pub fn approximate_size(&self) -> usize {
        let strs = |v: &[Box<str>]| v.iter().map(|s| s.len() + 16).sum::<usize>();
        let classes: usize = self
            .classes
            .iter()
            .map(|c| {
                std::mem::size_of::<ClassFact>()
                    + c.name.len()
                    + c.bases.iter().map(|b| b.text().len() + 24).sum::<usize>()
                    + c.layout.names_heap_size()
                    + c.slots_indent.as_ref().map_or(0, |i| i.len())
                    + c.dataclass.as_ref().map_or(0, |d| {
                        std::mem::size_of::<DataclassFact>()
                            + d.fix.as_ref().map_or(0, |f| f.content.len() + 32)
                    })
            })
            .sum();
        let imports = self.imports.heap_size();
        let calls: usize = self
            .calls
            .iter()
            .map(|c| {
                std::mem::size_of::<CallSite>() + c.target.text().len() + strs(&c.stored_attributes)
            })
            .sum();
        let functions: usize = self
            .functions
            .iter()
            .map(|f| std::mem::size_of::<FunctionFact>() + f.name.len())
            .sum();
        let references: usize = self
            .references
            .iter()
            .map(|r| std::mem::size_of::<FunctionRef>() + r.target.text().len())
            .sum();
        let unknown = strs(&self.unknown_attribute_stores);
        let deferred: usize = self
            .deferred
            .iter()
            .map(|d| {
                std::mem::size_of::<DeferredFinding>()
                    + d.diagnostic.message.len()
                    + d.conditions
                        .iter()
                        .map(|c| {
                            std::mem::size_of::<BoundedCalls>()
                                + c.function.len()
                                + strs(&c.parameters)
                        })
                        .sum::<usize>()
            })
            .sum();
        let imported: usize = self
            .imported_calls
            .iter()
            .map(|c| {
                std::mem::size_of::<ImportedCall>()
                    + c.target.len()
                    + strs(&c.unbounded_keywords)
                    + strs(&c.keywords_in_every_call)
            })
            .sum();
        std::mem::size_of::<Self>()
            + classes
            + imports
            + calls
            + functions
            + references
            + unknown
            + deferred
            + imported
    }
}

/// A file's module-level imports as `(bound name, target)` pairs, kept in
/// one string: summaries live until the end of the run, one per file, and
/// two boxed strings per import were a third of their memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imports(Box<str>);

impl Imports {
    /// The pairs, in source order. Names and dotted targets hold no spaces
    /// or line breaks, so a line per import with a space between works.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &str)> {
        ImportPairs(&self.0)
    }

    /// How many imports there are.
    pub fn len(&self) -> usize {
        self.0.lines().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes held on the heap.
    pub fn heap_size(&self) -> usize {
        self.0.len()
    }

    /// The pairs as one text, as [`Imports::from_text`] takes it back.
    pub fn as_text(&self) -> &str {
        &self.0
    }

    /// The imports whose [`Imports::as_text`] is `text`: a cache reads a
    /// file's imports back in one piece, not pair by pair.
    pub fn from_text(text: &str) -> Self {
        Self(text.into())
    }
}

/// The pairs of an [`Imports`], as `lines()` and `split_once(' ')` would
/// give them (a line with no space skipped), found by one pass over each
/// line's bytes. The project pass reads short import lists over and over
/// (each lookup scans them); the two searchers `str` sets up for each line
/// cost more than the short lines themselves.
#[derive(Debug, Clone)]
struct ImportPairs<'a>(&'a str);

impl<'a> ImportPairs<'a> {
    /// `line` split at its first space; a line that ended in a line
    /// break drops a `\r` before it first, as `lines()` does.
    fn pair(line: &'a str, ended: bool) -> Option<(&'a str, &'a str)> {
        let line = if ended {
            line.strip_suffix('\r').unwrap_or(line)
        } else {
            line
        };
        let space = line.bytes().position(|b| b == b' ')?;
        Some((&line[..space], &line[space + 1..]))
    }
}

impl<'a> Iterator for ImportPairs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        while !self.0.is_empty() {
            let (line, ended, rest) = match self.0.bytes().position(|b| b == b'\n') {
                Some(end) => (&self.0[..end], true, &self.0[end + 1..]),
                None => (self.0, false, ""),
            };
            self.0 = rest;
            if let Some(pair) = Self::pair(line, ended) {
                return Some(pair);
            }
        }
        None
    }
}

impl DoubleEndedIterator for ImportPairs<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while !self.0.is_empty() {
            // What is left keeps the line break of its last line.
            let body = self.0.strip_suffix('\n');
            let ended = body.is_some();
            let body = body.unwrap_or(self.0);
            let (rest, line) = match body.bytes().rposition(|b| b == b'\n') {
                Some(end) => (&self.0[..=end], &body[end + 1..]),
                None => ("", body),
            };
            self.0 = rest;
            if let Some(pair) = Self::pair(line, ended) {
                return Some(pair);
            }
        }
        None
    }
}

/// Collects [`Imports`].
#[derive(Debug, Default)]
pub struct ImportsBuilder(String);

impl ImportsBuilder {
    /// Adds `bound` referring to `target`.
    pub fn push(&mut self, bound: &str, target: &str) {
        self.0.push_str(bound);
        self.0.push(' ');
        self.0.push_str(target);
        self.0.push('\n');
    }

    /// The finished list.
    pub fn finish(self) -> Imports {
        Imports(self.0.into_boxed_str())
    }
}

/// What a name in a file refers to, before the project resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A module-level name of the same file.
    Local(Box<str>),
    /// A dotted name through an import (`app.models.Record`, `.models.Record`).
    Imported(Box<str>),
    /// Something the summary cannot follow (a call, a subscript, a builtin
    /// other than `object`, a local variable).
    Unknown,
}

impl Target {
    fn text(&self) -> &str {
        match self {
            Self::Local(s) | Self::Imported(s) => s,
            Self::Unknown => "",
        }
    }
}

/// The dataclass-like decorator of a class.
#[derive(Debug, Clone)]
pub struct DataclassFact {
    /// The decorator expression (MEM402's anchor).
    pub range: TextRange,
    /// How it reads in messages: `dataclass`, `attr.s`.
    pub name: Box<str>,
    /// `slots=...` is passed (whatever its value: an explicit `False` is a choice).
    pub has_slots_argument: bool,
    /// The edit that adds `slots=True`.
    pub fix: Option<Edit>,
    /// The class has other decorators too. `slots=True` makes a new class
    /// object, and a decorator that registered the original (such as
    /// `zope.interface.implementer` below it) would hold the wrong one.
    pub other_decorators: bool,
}

/// A module-level class and what adding `__slots__` to it would meet.
#[derive(Debug, Clone)]
pub struct ClassFact {
    /// The class name.
    pub name: Box<str>,
    /// The range of the name (MEM401's anchor).
    pub name_range: TextRange,
    /// The bases other than `object`.
    pub bases: Vec<Target>,
    /// `metaclass=` or any other class keyword, or `*bases`/`**kwargs`.
    pub has_keywords: bool,
    /// Any decorator at all.
    pub decorated: bool,
    /// The `@dataclass`/`@attr.s` decorator, when there is one. Boxed:
    /// few classes have one, and inline it took about 60 of the 216 bytes
    /// of every class (16,000 classes held at once in the benchmark
    /// corpus's project pass).
    pub dataclass: Option<Box<DataclassFact>>,
    /// `attrs.define` and friends: slotted by default.
    pub attrs_define: bool,
    /// What the class body and its methods say about the instances' layout
    /// (slots, `self` attributes, `__dict__` needs), as MEM403 reads it too.
    pub layout: ClassLayout,
    /// Where `__slots__ = ...` would go: the first body statement after
    /// the docstring, and the indentation of that line.
    pub slots_at: Option<TextSize>,
    /// The indentation of the class body.
    pub slots_indent: Option<Box<str>>,
}

/// A module-level function that returns a list it builds: a list
/// comprehension, or a local list it only appends to and returns.
#[derive(Debug, Clone)]
pub struct FunctionFact {
    /// The function name.
    pub name: Box<str>,
    /// The range of the name (MEM306's anchor).
    pub name_range: TextRange,
    /// How many times the file itself calls it.
    pub local_calls: u32,
    /// Every reference in the file is a call whose result is iterated once.
    pub local_uses_iterate: bool,
}

/// A reference to an imported private name, and whether it is a call whose
/// result is iterated once.
#[derive(Debug, Clone)]
pub struct FunctionRef {
    /// What is referenced.
    pub target: Target,
    /// It is called and the result is iterated once.
    pub iterated: bool,
}

/// One call of something a whole-project rule may care about.
#[derive(Debug, Clone)]
pub struct CallSite {
    /// What is called.
    pub target: Target,
    /// The call runs once per iteration of a loop or comprehension.
    pub in_loop: bool,
    /// Where the call is.
    pub range: TextRange,
    /// `x = C(...)` followed by `x.attr = ...` in the same scope: the attributes set.
    pub stored_attributes: Vec<Box<str>>,
}

/// A finding of a per-file rule whose file alone cannot decide it: the
/// function that makes the keys may be called from other checked files.
/// The project pass reports it unless every condition holds.
#[derive(Debug, Clone)]
pub struct DeferredFinding {
    /// The finding as the rule would report it.
    pub diagnostic: Diagnostic,
    /// The functions whose calls must all pass bounded keys.
    pub conditions: Vec<BoundedCalls>,
    /// MEM106: the module-level class, of the finding's file, that pins
    /// the instance. The finding is dropped when other checked files make
    /// it, and only where a process runs once
    /// ([`ClassUses::made_once`], with no other use of the
    /// name): an instance made once per process lives until exit anyway.
    pub made_once: Option<Box<str>>,
    /// MEM107: `Class.attribute`, a container of a module-level class of
    /// the finding's file. The finding is dropped when another checked
    /// file reaches it through the class (`IoMediator.listeners.remove(
    /// self)`): the container is shared on purpose, as when the class's
    /// own module reaches it so.
    pub reached: Option<Box<str>>,
}

/// The names spelled as classes that a file imports at module level, by
/// the class's own name (`Worker` for `w.Worker(...)` or an alias of it),
/// as bits of the names' hashes: the project pass resolves the file's
/// imports to the classes (MEM106). A name sharing a bit with another only
/// keeps a finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassUses {
    /// Called where a process runs the call once: at module level when
    /// the module is imported (outside a `while` loop and the `__main__`
    /// block), or outside loops in a module-level function a process runs
    /// once (any of a package's `__main__` module; `main`, or what the
    /// `__main__` block calls, elsewhere).
    pub made_once: NameBits,
    /// Used otherwise: called where it may run many times, or referred to
    /// (a subclass, the class handed to a factory).
    pub used: NameBits,
}

/// A set of names as bits of their hashes (256 bits): it may say a name is
/// in it that is not, never the other way round. A file uses a few dozen
/// imported class names at most, so a few in a hundred share a bit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameBits(pub [u64; 4]);

impl NameBits {
    /// The word and bit of `name`: FNV-1a, the same in every process, as
    /// the cache keeps the bits between runs.
    fn bit(name: &str) -> (usize, u64) {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in name.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let at = (hash % 256) as usize;
        (at / 64, 1 << (at % 64))
    }

    /// Adds `name`.
    pub fn insert(&mut self, name: &str) {
        let (word, bit) = Self::bit(name);
        self.0[word] |= bit;
    }

    /// Whether `name` may have been added.
    pub fn may_contain(&self, name: &str) -> bool {
        let (word, bit) = Self::bit(name);
        self.0[word] & bit != 0
    }
}

impl DeferredFinding {
    /// Whether what other files do can drop the finding: without a
    /// condition it stands, and no file's imported calls need be read.
    pub fn depends_on_other_files(&self) -> bool {
        !self.conditions.is_empty() || self.made_once.is_some() || self.reached.is_some()
    }
}

/// "Every call of this module-level function, in every checked file, passes
/// bounded values for the parameters that make the key, and there is at
/// least one call."
#[derive(Debug, Clone)]
pub struct BoundedCalls {
    /// The function's module-level name.
    pub function: Box<str>,
    /// Its named parameters: the first `positional` as a call binds them by
    /// position (positional-only ones first), then the keyword-only ones.
    pub parameters: Box<[Box<str>]>,
    /// How many of `parameters` take positional arguments.
    pub positional: usize,
    /// Which of `parameters` make the key (bit `i` for `parameters[i]`).
    pub key: u64,
    /// `*args`/`**kwargs` make the key too: arguments that no named
    /// parameter takes.
    pub rest_is_key: bool,
    /// Calls in the function's own file (all of them pass bounded keys,
    /// unless `local_bounded` says otherwise).
    pub local_calls: u32,
    /// The calls in the function's own file pass bounded keys. Always so
    /// for MEM202 and MEM203; MEM205 also defers a default that only
    /// [`BoundedCalls::passed`] may show unused.
    pub local_bounded: bool,
    /// MEM205: the parameter (its position in `parameters`) whose default
    /// the finding is about. The condition also holds when every call
    /// passes that parameter, by position or keyword: the default is then
    /// never the object mutated, whatever the keys.
    pub passed: Option<usize>,
    /// Every call in the function's own file passes [`BoundedCalls::passed`].
    pub local_passed: bool,
}

impl BoundedCalls {
    /// Whether an argument at `position`, or passed as `keyword`, lands in
    /// the key. A starred argument (`position` past the named parameters
    /// is [`ARGUMENTS_UNKNOWN`]) may land anywhere.
    pub fn is_key_argument(&self, position: Option<usize>, keyword: Option<&str>) -> bool {
        let named = |i: usize| i < 64 && self.key & (1 << i) != 0;
        match (position, keyword) {
            (Some(ARGUMENTS_UNKNOWN), _) | (None, Some("**")) => self.key != 0 || self.rest_is_key,
            (Some(i), _) => {
                if i < self.positional {
                    named(i)
                } else {
                    self.rest_is_key
                }
            }
            (None, Some(name)) => match self.parameters.iter().position(|p| &**p == name) {
                Some(i) => named(i),
                None => self.rest_is_key,
            },
            (None, None) => false,
        }
    }

    /// Whether the calls of other files (`elsewhere`, `None` when there are
    /// none) keep every key bounded, and some call exists at all.
    pub fn holds(&self, elsewhere: Option<&ImportedCall>) -> bool {
        let Some(usage) = elsewhere else {
            return self.local_calls > 0 && (self.local_bounded || self.passed_everywhere(None));
        };
        if usage.references > 0 || self.local_calls + usage.calls == 0 {
            return false;
        }
        let positions = (0..64)
            .filter(|i| usage.unbounded_positions & (1u64 << i) != 0)
            .any(|i| self.is_key_argument(Some(i), None));
        let keywords = usage
            .unbounded_keywords
            .iter()
            .any(|k| self.is_key_argument(None, Some(k)));
        (self.local_bounded && !positions && !keywords) || self.passed_everywhere(Some(usage))
    }

    /// Whether every call, in the function's file and in `elsewhere`,
    /// passes [`BoundedCalls::passed`]: at a position that every call
    /// reaches with plain positional arguments, or as a keyword that every
    /// call names.
    fn passed_everywhere(&self, elsewhere: Option<&ImportedCall>) -> bool {
        let Some(at) = self.passed else {
            return false;
        };
        self.local_passed
            && elsewhere.is_none_or(|usage| {
                usage.calls == 0
                    || (at < self.positional
                        && usize::try_from(usage.fewest_positional).is_ok_and(|n| n > at))
                    || self.parameters.get(at).is_some_and(|name| {
                        usage.keywords_in_every_call.iter().any(|k| **k == **name)
                    })
            })
    }
}

/// The position that stands for "a starred argument, or one past the 63rd".
pub const ARGUMENTS_UNKNOWN: usize = 63;

/// What one file does with one imported name: how often it calls it, which
/// arguments were not bounded in some call, and other uses.
#[derive(Debug, Clone, Default)]
pub struct ImportedCall {
    /// The dotted name through the import (`pkg.mod.f`, `.mod.f`).
    pub target: Box<str>,
    /// Calls.
    pub calls: u32,
    /// Bit `i`: some call passed an unbounded value at position `i`
    /// ([`ARGUMENTS_UNKNOWN`]: a starred argument or a later one).
    pub unbounded_positions: u64,
    /// Keywords some call passed an unbounded value for (`**` for `**kw`).
    pub unbounded_keywords: Vec<Box<str>>,
    /// References that are not calls (passed on, stored, decorated with):
    /// the arguments it will get are unknown.
    pub references: u32,
    /// The fewest plain positional arguments (those before a `*args`) any
    /// call passed: every call passes the parameters at lower positions.
    pub fewest_positional: u32,
    /// The keywords every call named (not through `**kwargs`). These two
    /// tell MEM205 whether every call passes a parameter, so that its
    /// default is never used; meaningless while `calls` is 0.
    pub keywords_in_every_call: Box<[Box<str>]>,
}

impl ImportedCall {
    /// Adds the usage of another file (or another spelling of the name).
    pub fn merge(&mut self, other: &Self) {
        if other.calls > 0 {
            self.note_passed(
                self.calls == 0,
                other.fewest_positional,
                other.keywords_in_every_call.iter().map(|k| &**k),
            );
        }
        self.calls += other.calls;
        self.unbounded_positions |= other.unbounded_positions;
        self.references += other.references;
        for keyword in &other.unbounded_keywords {
            if !self.unbounded_keywords.contains(keyword) {
                self.unbounded_keywords.push(keyword.clone());
            }
        }
    }

    /// Takes in what one more call (or the calls of another file) passed:
    /// at least `positional` plain positional arguments and the named
    /// `keywords` each time. The `first` calls set them.
    pub fn note_passed<'k>(
        &mut self,
        first: bool,
        positional: u32,
        keywords: impl Iterator<Item = &'k str> + Clone,
    ) {
        if first {
            self.fewest_positional = positional;
            self.keywords_in_every_call = keywords.map(Box::from).collect();
            return;
        }
        self.fewest_positional = self.fewest_positional.min(positional);
        let named = |k: &str| keywords.clone().any(|o| o == k);
        if !self.keywords_in_every_call.iter().all(|k| named(k)) {
            self.keywords_in_every_call = self
                .keywords_in_every_call
                .iter()
                .filter(|k| named(k))
                .cloned()
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BoundedCalls, ImportedCall, ImportsBuilder};

    #[test]
    fn calls_elsewhere_decide_only_through_key_arguments() {
        // `def memo(pattern, flags=0, *, strict=False)`, keyed by `pattern`.
        let condition = BoundedCalls {
            function: "memo".into(),
            parameters: ["pattern".into(), "flags".into(), "strict".into()].into(),
            positional: 2,
            key: 0b001,
            rest_is_key: false,
            local_calls: 0,
            local_bounded: true,
            passed: None,
            local_passed: false,
        };
        let usage = |positions: u64, keywords: &[&str], references: u32| ImportedCall {
            target: "app.memo".into(),
            calls: 2,
            unbounded_positions: positions,
            unbounded_keywords: keywords.iter().map(|k| (*k).into()).collect(),
            references,
            ..ImportedCall::default()
        };
        // Never called anywhere: nothing bounds the keys.
        assert!(!condition.holds(None));
        assert!(condition.holds(Some(&usage(0b010, &["flags", "strict"], 0))));
        assert!(!condition.holds(Some(&usage(0b001, &[], 0))));
        assert!(!condition.holds(Some(&usage(0, &["pattern"], 0))));
        assert!(!condition.holds(Some(&usage(0, &["**"], 0))));
        assert!(!condition.holds(Some(&usage(1 << super::ARGUMENTS_UNKNOWN, &[], 0))));
        // Passed on as a value: its arguments are unknown.
        assert!(!condition.holds(Some(&usage(0, &[], 1))));
    }

    #[test]
    fn a_default_every_call_passes_is_never_used() {
        // `def add(master, slave, dep={}, *, log=[])` mutating `dep`, whose
        // writes are not keyed by the parameters: only calls that all pass
        // `dep` hold.
        let condition = BoundedCalls {
            function: "add".into(),
            parameters: ["master".into(), "slave".into(), "dep".into(), "log".into()].into(),
            positional: 3,
            key: 0,
            rest_is_key: false,
            local_calls: 1,
            local_bounded: false,
            passed: Some(2),
            local_passed: true,
        };
        // Only the call in its own file, which passes it.
        assert!(condition.holds(None));
        let mut usage = ImportedCall::default();
        usage.note_passed(true, 3, ["log"].into_iter());
        usage.calls = 1;
        assert!(condition.holds(Some(&usage)));
        // Another call passes it by keyword: neither form covers both.
        let mut other = ImportedCall::default();
        other.note_passed(true, 2, ["dep"].into_iter());
        other.calls = 1;
        usage.merge(&other);
        assert_eq!((usage.calls, usage.fewest_positional), (2, 2));
        assert!(usage.keywords_in_every_call.is_empty());
        assert!(!condition.holds(Some(&usage)));
        // Both by keyword.
        let mut by_keyword = other.clone();
        by_keyword.merge(&other);
        assert!(condition.holds(Some(&by_keyword)));
        // A keyword-only parameter is never passed by position.
        let log = BoundedCalls {
            passed: Some(3),
            ..condition.clone()
        };
        let mut positional = ImportedCall::default();
        positional.note_passed(true, 4, std::iter::empty());
        positional.calls = 1;
        assert!(!log.holds(Some(&positional)));
        // A call in its own file leaves it out.
        let local = BoundedCalls {
            local_passed: false,
            ..condition.clone()
        };
        assert!(!local.holds(None));
        assert!(!local.holds(Some(&by_keyword)));
        // Passed on as a value: any call may leave it out.
        let passed_on = ImportedCall {
            references: 1,
            ..by_keyword
        };
        assert!(!condition.holds(Some(&passed_on)));
    }

    #[test]
    fn imports_read_back_in_both_directions() {
        let mut builder = ImportsBuilder::default();
        builder.push("os", "os");
        builder.push("Record", "..models.Record");
        builder.push("Record", ".other.Record");
        let imports = builder.finish();
        assert_eq!(imports.len(), 3);
        assert_eq!(
            imports.iter().collect::<Vec<_>>(),
            [
                ("os", "os"),
                ("Record", "..models.Record"),
                ("Record", ".other.Record")
            ]
        );
        // The last import of a name wins, as the project reads it.
        assert_eq!(
            imports.iter().rev().find(|(bound, _)| *bound == "Record"),
            Some(("Record", ".other.Record"))
        );
        assert!(ImportsBuilder::default().finish().is_empty());
    }

    #[test]
    fn import_pairs_split_as_lines_and_split_once() {
        for text in [
            "",
            "\n",
            "os os\n",
            "os os",
            "a b c\n\nnospace\nx  y\r\n\r\n z\n",
            "é ü.ß\r\nq w\r",
            "\n\na b\n",
        ] {
            let imports = super::Imports::from_text(text);
            let old = || text.lines().filter_map(|line| line.split_once(' '));
            assert_eq!(
                imports.iter().collect::<Vec<_>>(),
                old().collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(
                imports.iter().rev().collect::<Vec<_>>(),
                old().rev().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
