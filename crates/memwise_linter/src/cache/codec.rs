//! The cache's binary encoding: what one file left behind (its findings,
//! fixes and whole-project summary) as bytes, and back.
//!
//! Written by hand rather than derived: the types live in `memwise_core`,
//! which has no serialization dependency, and every encoder destructures
//! its struct completely, so a field added to a summary or a diagnostic
//! stops the build here instead of being silently left out of the cache.
//! Decoding never panics: bytes that do not read back are a miss.

use memwise_core::facts_slots::ClassLayout;
use memwise_core::summary::{
    BoundedCalls, CallSite, ClassFact, ClassUses, DataclassFact, DeferredFinding, FunctionFact,
    FunctionRef, ImportedCall, Imports, NameBits, Target,
};
use memwise_core::{Applicability, Diagnostic, Edit, FileSummary, Fix, SecondaryLabel};
use ruff_text_size::{TextRange, TextSize};

use crate::noqa::{Problem, UnusedCode};

/// Bytes being written.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, value: u8) {
        self.0.push(value);
    }

    /// An unsigned number in 7-bit groups: most numbers here are small.
    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            // Truncation is the encoding: the low 7 bits, and a flag.
            #[allow(clippy::cast_possible_truncation)]
            self.0.push((value as u8) | 0x80);
            value >>= 7;
        }
        #[allow(clippy::cast_possible_truncation)]
        self.0.push(value as u8);
    }

    pub fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn str(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }

    /// Bytes with their length first, as [`Writer::str`] writes text.
    pub fn bytes(&mut self, value: &[u8]) {
        self.varint(value.len() as u64);
        self.0.extend_from_slice(value);
    }
}

/// Bytes being read.
pub(crate) struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, len: usize) -> Option<&'b [u8]> {
        let end = self.at.checked_add(len)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    pub fn u64(&mut self) -> Option<u64> {
        let bytes = self.take(8)?;
        Some(u64::from_le_bytes(bytes.try_into().ok()?))
    }

    pub fn str(&mut self) -> Option<&'b str> {
        let len = self.usize()?;
        std::str::from_utf8(self.take(len)?).ok()
    }
}

/// A value the cache can write and read back.
pub(crate) trait Codec: Sized {
    fn encode(&self, w: &mut Writer);
    fn decode(r: &mut Reader<'_>) -> Option<Self>;
}

impl Codec for bool {
    fn encode(&self, w: &mut Writer) {
        w.u8(u8::from(*self));
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Codec for u32 {
    fn encode(&self, w: &mut Writer) {
        w.varint(u64::from(*self));
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.u32()
    }
}

impl Codec for u64 {
    fn encode(&self, w: &mut Writer) {
        w.varint(*self);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.varint()
    }
}

impl Codec for usize {
    fn encode(&self, w: &mut Writer) {
        w.varint(*self as u64);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.usize()
    }
}

impl Codec for String {
    fn encode(&self, w: &mut Writer) {
        w.str(self);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(str::to_owned)
    }
}

impl Codec for Box<str> {
    fn encode(&self, w: &mut Writer) {
        w.str(self);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(Box::from)
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, w: &mut Writer) {
        match self {
            None => w.u8(0),
            Some(value) => {
                w.u8(1);
                value.encode(w);
            }
        }
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(None),
            1 => Some(Some(T::decode(r)?)),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for item in self {
            item.encode(w);
        }
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let len = r.usize()?;
        // Never trust a length for an allocation: each item takes a byte at least.
        let mut items = Vec::with_capacity(len.min(r.bytes.len() - r.at));
        for _ in 0..len {
            items.push(T::decode(r)?);
        }
        Some(items)
    }
}

impl<T: Codec> Codec for Box<[T]> {
    fn encode(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for item in self {
            item.encode(w);
        }
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        Vec::<T>::decode(r).map(Vec::into_boxed_slice)
    }
}

impl Codec for TextSize {
    fn encode(&self, w: &mut Writer) {
        w.varint(u64::from(u32::from(*self)));
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        r.u32().map(TextSize::new)
    }
}

impl Codec for TextRange {
    fn encode(&self, w: &mut Writer) {
        self.start().encode(w);
        self.len().encode(w);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let start = TextSize::decode(r)?;
        let len = TextSize::decode(r)?;
        let end = start.checked_add(len)?;
        Some(TextRange::new(start, end))
    }
}

impl Codec for Imports {
    fn encode(&self, w: &mut Writer) {
        w.str(self.as_text());
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        // In one piece: rebuilt pair by pair, the imports were a fifth of
        // decoding a summary.
        Some(Imports::from_text(r.str()?))
    }
}

impl Codec for NameBits {
    fn encode(&self, w: &mut Writer) {
        for word in self.0 {
            word.encode(w);
        }
    }

    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let mut bits = NameBits::default();
        for word in &mut bits.0 {
            *word = u64::decode(r)?;
        }
        Some(bits)
    }
}

impl Codec for Target {
    fn encode(&self, w: &mut Writer) {
        match self {
            Self::Local(name) => {
                w.u8(0);
                w.str(name);
            }
            Self::Imported(name) => {
                w.u8(1);
                w.str(name);
            }
            Self::Unknown => w.u8(2),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(Self::Local(Box::decode(r)?)),
            1 => Some(Self::Imported(Box::decode(r)?)),
            2 => Some(Self::Unknown),
            _ => None,
        }
    }
}

/// Encodes each named field in order, and decodes a struct literal from the
/// same list: one list, so the two directions cannot disagree. The
/// encoder's pattern names every field, so a new field fails to compile.
macro_rules! codec_struct {
    ($ty:path { $($field:ident),* $(,)? }) => {
        impl Codec for $ty {
            fn encode(&self, w: &mut Writer) {
                let Self { $($field),* } = self;
                $( $field.encode(w); )*
            }
            fn decode(r: &mut Reader<'_>) -> Option<Self> {
                Some(Self { $($field: Codec::decode(r)?),* })
            }
        }
    };
}

// By hand: the four lists are held in one string but written one by one,
// as the cache always wrote them, so no cache entry changes. The `..`
// below stands for that string only: a field added to the layout must be
// added here too.
impl Codec for ClassLayout {
    fn encode(&self, w: &mut Writer) {
        let ClassLayout {
            has_slots,
            needs_dict,
            zero_argument_super,
            instance_defaults,
            creates_no_instances,
            init_skips_base,
            ..
        } = self;
        has_slots.encode(w);
        w.str(self.self_attributes().as_joined());
        w.str(self.fields().as_joined());
        w.str(self.class_assignments().as_joined());
        w.str(self.class_definitions().as_joined());
        needs_dict.encode(w);
        zero_argument_super.encode(w);
        instance_defaults.encode(w);
        creates_no_instances.encode(w);
        init_skips_base.encode(w);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let mut layout = ClassLayout::default();
        layout.has_slots = Codec::decode(r)?;
        let (self_attributes, fields) = (r.str()?, r.str()?);
        let (class_assignments, class_definitions) = (r.str()?, r.str()?);
        layout.set_names(
            self_attributes,
            fields,
            class_assignments,
            class_definitions,
        )?;
        layout.needs_dict = Codec::decode(r)?;
        layout.zero_argument_super = Codec::decode(r)?;
        layout.instance_defaults = Codec::decode(r)?;
        layout.creates_no_instances = Codec::decode(r)?;
        layout.init_skips_base = Codec::decode(r)?;
        Some(layout)
    }
}

codec_struct!(DataclassFact {
    range,
    name,
    has_slots_argument,
    fix,
    other_decorators,
});

codec_struct!(ClassUses { made_once, used });

/// Written as the uses themselves, as a boxed dataclass fact is.
impl Codec for Box<ClassUses> {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        ClassUses::decode(r).map(Box::new)
    }
}

/// Written as the fact itself: boxing it in memory changes no byte of the
/// cache.
impl Codec for Box<DataclassFact> {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        DataclassFact::decode(r).map(Box::new)
    }
}

codec_struct!(ClassFact {
    name,
    name_range,
    bases,
    has_keywords,
    decorated,
    dataclass,
    attrs_define,
    layout,
    slots_at,
    slots_indent,
});

codec_struct!(FunctionFact {
    name,
    name_range,
    local_calls,
    local_uses_iterate,
});

codec_struct!(FunctionRef { target, iterated });

codec_struct!(CallSite {
    target,
    in_loop,
    range,
    stored_attributes,
});

codec_struct!(DeferredFinding {
    diagnostic,
    conditions,
    made_once,
    reached
});

codec_struct!(BoundedCalls {
    function,
    parameters,
    positional,
    key,
    rest_is_key,
    local_calls,
    local_bounded,
    passed,
    local_passed,
});

codec_struct!(ImportedCall {
    target,
    calls,
    unbounded_positions,
    unbounded_keywords,
    references,
    fewest_positional,
    keywords_in_every_call,
});

codec_struct!(FileSummary {
    classes,
    imports,
    calls,
    functions,
    references,
    has_main_guard,
    deferred,
    imported_calls,
    class_uses,
    unknown_attribute_stores,
});

codec_struct!(Edit { range, content });

codec_struct!(SecondaryLabel { range, message });

codec_struct!(Fix {
    applicability,
    message,
    edits
});

impl Codec for Applicability {
    fn encode(&self, w: &mut Writer) {
        w.u8(match self {
            Self::Unsafe => 0,
            Self::Safe => 1,
        });
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(Self::Unsafe),
            1 => Some(Self::Safe),
            _ => None,
        }
    }
}

impl Codec for Diagnostic {
    fn encode(&self, w: &mut Writer) {
        let Self {
            rule,
            message,
            help,
            range,
            secondary,
            fix,
        } = self;
        // The rule by its code: a code names one rule for good.
        w.str(rule.code);
        message.encode(w);
        help.encode(w);
        range.encode(w);
        secondary.encode(w);
        fix.encode(w);
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let rule = memwise_rules::find(r.str()?)?.meta();
        Some(Self {
            rule,
            message: Codec::decode(r)?,
            help: Codec::decode(r)?,
            range: Codec::decode(r)?,
            secondary: Codec::decode(r)?,
            fix: Codec::decode(r)?,
        })
    }
}

impl Codec for Problem {
    fn encode(&self, w: &mut Writer) {
        w.u8(match self {
            Self::Unknown => 0,
            Self::Unused => 1,
        });
    }
    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(Self::Unknown),
            1 => Some(Self::Unused),
            _ => None,
        }
    }
}

codec_struct!(UnusedCode {
    row,
    cell,
    code,
    file_level,
    problem,
});

#[cfg(test)]
mod tests {
    use super::*;
    use memwise_core::summary::ImportsBuilder;

    fn round_trip<T: Codec>(value: &T) -> T {
        let mut w = Writer::default();
        value.encode(&mut w);
        let mut r = Reader::new(&w.0);
        let back = T::decode(&mut r).expect("reads back");
        assert!(r.is_done());
        back
    }

    #[test]
    fn numbers_and_names_read_back() {
        for n in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(round_trip(&n), n);
        }
        let mut layout = ClassLayout::default();
        layout
            .set_names("a bc _d", "", "x", "f")
            .expect("no line breaks");
        let back = round_trip(&layout);
        assert_eq!(back.self_attributes(), layout.self_attributes());
        assert_eq!(back.fields(), layout.fields());
        assert_eq!(back.class_assignments().as_joined(), "x");
        assert_eq!(back.class_definitions().as_joined(), "f");
        let mut imports = ImportsBuilder::default();
        imports.push("Record", "..models.Record");
        imports.push("os", "os");
        let imports = imports.finish();
        assert_eq!(round_trip(&imports), imports);
        let range = TextRange::new(TextSize::new(3), TextSize::new(9));
        assert_eq!(round_trip(&range), range);
    }

    #[test]
    fn truncated_or_garbled_bytes_are_refused() {
        let summary = FileSummary {
            has_main_guard: true,
            unknown_attribute_stores: vec![Box::<str>::from("x")].into_boxed_slice(),
            ..FileSummary::default()
        };
        let mut w = Writer::default();
        summary.encode(&mut w);
        for len in 0..w.0.len() {
            assert!(FileSummary::decode(&mut Reader::new(&w.0[..len])).is_none());
        }
        // A length far past the end allocates nothing and fails.
        let mut w = Writer::default();
        w.varint(u64::MAX >> 1);
        assert!(Vec::<u64>::decode(&mut Reader::new(&w.0)).is_none());
    }
}
