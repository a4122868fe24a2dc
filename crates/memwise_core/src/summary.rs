//! What a file leaves behind for whole-project rules once its AST is dropped:
//! its module-level classes with the layout facts MEM401/MEM402 read, its
//! module-level imports (for re-exports), and the call sites that matter
//! across files (instantiations in loops, instances given extra attributes).

use crate::facts_slots::ClassLayout;
use ruff_text_size::{TextRange, TextSize};

use crate::diagnostic::Edit;

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
    /// Attribute names stored (`x.name = ...`, `setattr(x, "name", ...)`)
    /// on objects whose type the summary cannot tell (parameters, attribute
    /// chains, subscripts), and `__dict__` read through them: any class
    /// could receive them. Sorted, without repeats.
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
                    + c.layout.self_attributes.heap_size()
                    + c.layout.fields.heap_size()
                    + c.layout.class_assignments.heap_size()
                    + c.layout.class_definitions.heap_size()
                    + c.slots_indent.as_ref().map_or(0, |i| i.len())
                    + c.dataclass
                        .as_ref()
                        .map_or(0, |d| d.fix.as_ref().map_or(0, |f| f.content.len() + 32))
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
        std::mem::size_of::<Self>() + classes + imports + calls + functions + references + unknown
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
        self.0.lines().filter_map(|line| line.split_once(' '))
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
    /// The `@dataclass`/`@attr.s` decorator, when there is one.
    pub dataclass: Option<DataclassFact>,
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

#[cfg(test)]
mod tests {
    use super::ImportsBuilder;

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
}
