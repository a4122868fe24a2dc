//! A shard file: the entries of the files whose path hashes to it.
//!
//! The file holds an index, then the entries' bodies, each part with its
//! own checksum: the index says of each file what it is valid for, the
//! fingerprint of its text, its summary's hash and where its body is; a
//! body holds the summary, then the findings. A run reads the index of
//! each shard it looks into, and the bodies only of shards where it needs
//! one: a warm pre-commit run asks of every indexed file only whether it is
//! unchanged and what its summary hashes to, and the bodies were 8 of the
//! 9 MB it read.
//!
//! Bodies are read later, from the file read first: its index's checksum
//! is checked again, so that a shard a concurrent run renamed over it in
//! the meantime is not read as this one (its bodies are then missing:
//! a miss, never a wrong answer).

use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use super::codec::{Reader, Writer};
use super::{Head, hash_bytes, write_atomically};

/// What a shard file starts with.
const MAGIC: &[u8; 8] = b"MWCACHE3";

/// The magic, the build and the index's length.
const HEADER: usize = 24;

/// The entries of one shard.
#[derive(Default)]
pub(super) struct Shard {
    /// The bodies of the entries read from the file, read when first needed.
    pub bodies: Option<Arc<Bodies>>,
    pub slots: HashMap<Box<str>, Slot>,
    /// Something changed: the shard is written at the end of the run.
    pub dirty: bool,
}

/// One file's entry.
pub(super) struct Slot {
    pub head: Head,
    /// The fingerprint of the text its summary was made from.
    pub fingerprint: u64,
    /// The hash of its summary's bytes.
    pub summary_hash: u64,
    /// Its body starts with the summary, this long.
    pub summary_len: usize,
    pub body: Body,
    /// Looked up in this run: kept when the shard is written.
    pub seen: bool,
}

/// Where an entry's body is.
pub(super) enum Body {
    /// A range of the shard file's bodies.
    Old(Range<usize>),
    /// Made in this run.
    New(Vec<u8>),
}

/// The bodies of a shard file, read once, when first needed.
pub(crate) struct Bodies {
    path: PathBuf,
    /// The checksum of the file's header and index, as first read.
    index_hash: u64,
    /// Where the header and index end in the file (their checksum follows,
    /// then the bodies).
    index_end: usize,
    loaded: OnceLock<Option<Vec<u8>>>,
}

impl Bodies {
    /// The bodies, if the file is still the one whose index was read and
    /// they read back.
    pub(super) fn get(&self) -> Option<&[u8]> {
        self.loaded.get_or_init(|| self.load()).as_deref()
    }

    fn load(&self) -> Option<Vec<u8>> {
        let mut bytes = std::fs::read(&self.path).ok()?;
        if hash_bytes(bytes.get(..self.index_end)?) != self.index_hash {
            return None;
        }
        let start = self.index_end.checked_add(8)?;
        let end = bytes.len().checked_sub(8)?;
        let (bodies, checksum) = bytes.get(start..)?.split_at(end.checked_sub(start)?);
        if hash_bytes(bodies).to_le_bytes() != checksum {
            return None;
        }
        bytes.truncate(end);
        bytes.drain(..start);
        Some(bytes)
    }
}

/// The shard at `path`, its index read; empty (and to be rewritten) when
/// it is missing, from another build, or does not read back.
pub(super) fn read_shard(path: &Path, build: u64) -> Shard {
    let Ok(file) = std::fs::File::open(path) else {
        return Shard::default();
    };
    match read_index(file, build) {
        Some((slots, index_hash, index_end)) => Shard {
            bodies: Some(Arc::new(Bodies {
                path: path.to_path_buf(),
                index_hash,
                index_end,
                loaded: OnceLock::new(),
            })),
            slots,
            dirty: false,
        },
        None => Shard {
            dirty: true,
            ..Shard::default()
        },
    }
}

/// The entries of a shard file's index, the checksum of its header and
/// index, and where they end.
fn read_index(
    mut file: std::fs::File,
    build: u64,
) -> Option<(HashMap<Box<str>, Slot>, u64, usize)> {
    let mut bytes = vec![0; HEADER];
    file.read_exact(&mut bytes).ok()?;
    let mut r = Reader::new(&bytes);
    if r.take(MAGIC.len())? != MAGIC || r.u64()? != build {
        return None;
    }
    let index_len = r.u64()?;
    // Read as far as the file goes: a corrupt length allocates nothing.
    file.take(index_len.checked_add(8)?)
        .read_to_end(&mut bytes)
        .ok()?;
    let start = HEADER.checked_add(usize::try_from(index_len).ok()?)?;
    if bytes.len() != start.checked_add(8)? {
        return None;
    }
    let (head, checksum) = bytes.split_at(start);
    let index_hash = hash_bytes(head);
    if index_hash.to_le_bytes() != checksum {
        return None;
    }
    let mut r = Reader::new(&head[HEADER..]);
    let mut slots = HashMap::default();
    let mut at = 0usize;
    while !r.is_done() {
        let path = Box::from(r.str()?);
        let head = Head {
            mtime: r.u64()?,
            size: r.u64()?,
            content: r.u64()?,
            settings: r.u64()?,
        };
        let fingerprint = r.u64()?;
        let summary_hash = r.u64()?;
        let summary_len = r.usize()?;
        let len = r.usize()?;
        let end = at.checked_add(len)?;
        if summary_len > len {
            return None;
        }
        slots.insert(
            path,
            Slot {
                head,
                fingerprint,
                summary_hash,
                summary_len,
                body: Body::Old(at..end),
                seen: false,
            },
        );
        at = end;
    }
    Some((slots, index_hash, start))
}

/// Writes `shard` to `path`, atomically; removes the file when the shard
/// is empty. Entries whose bodies cannot be read back any more (the file
/// was replaced meanwhile) are left out.
pub(super) fn write_shard(path: &Path, shard: &Shard, build: u64) {
    let bodies = || shard.bodies.as_ref().and_then(|b| b.get());
    // In path order, so that a shard's bytes depend only on its entries.
    let mut slots: Vec<(&Box<str>, &Slot, &[u8])> = shard
        .slots
        .iter()
        .filter_map(|(path, slot)| {
            let body = match &slot.body {
                Body::Old(range) => bodies()?.get(range.clone())?,
                Body::New(bytes) => bytes.as_slice(),
            };
            Some((path, slot, body))
        })
        .collect();
    if slots.is_empty() {
        let _ = std::fs::remove_file(path);
        return;
    }
    slots.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut index = Writer::default();
    for (path, slot, body) in &slots {
        index.str(path);
        let Head {
            mtime,
            size,
            content,
            settings,
        } = slot.head;
        for value in [
            mtime,
            size,
            content,
            settings,
            slot.fingerprint,
            slot.summary_hash,
        ] {
            index.u64(value);
        }
        index.varint(slot.summary_len as u64);
        index.varint(body.len() as u64);
    }
    let mut w = Writer::default();
    w.0.extend_from_slice(MAGIC);
    w.u64(build);
    w.u64(index.0.len() as u64);
    w.0.extend_from_slice(&index.0);
    let checksum = hash_bytes(&w.0);
    w.u64(checksum);
    let start = w.0.len();
    for (_, _, body) in &slots {
        w.0.extend_from_slice(body);
    }
    let checksum = hash_bytes(&w.0[start..]);
    w.u64(checksum);
    write_atomically(path, &w.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_reads_back_and_lends_bodies_only_from_the_file_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("00");
        let head = Head {
            mtime: 1,
            size: 2,
            content: 3,
            settings: 4,
        };
        let slot = |body: &[u8]| Slot {
            head,
            fingerprint: 5,
            summary_hash: 6,
            summary_len: 2,
            body: Body::New(body.to_vec()),
            seen: true,
        };
        let mut shard = Shard::default();
        shard.slots.insert("a.py".into(), slot(b"abXY"));
        shard.slots.insert("b.py".into(), slot(b"cdZ"));
        write_shard(&path, &shard, 9);
        let read = read_shard(&path, 9);
        assert!(!read.dirty);
        let bodies = read.bodies.clone().expect("bodies");
        for (name, body) in [("a.py", b"abXY".as_slice()), ("b.py", b"cdZ")] {
            let slot = &read.slots[name];
            assert_eq!(
                (
                    slot.head,
                    slot.fingerprint,
                    slot.summary_hash,
                    slot.summary_len
                ),
                (head, 5, 6, 2)
            );
            let Body::Old(range) = &slot.body else {
                panic!("a body read from the file");
            };
            assert_eq!(&bodies.get().expect("bodies read")[range.clone()], body);
        }
        // Another build's shard is not read; one replaced after its index
        // was read lends no bodies.
        assert!(read_shard(&path, 8).dirty);
        let again = read_shard(&path, 9);
        shard.slots.remove("b.py");
        write_shard(&path, &shard, 9);
        assert!(again.bodies.expect("bodies").get().is_none());
        assert_eq!(read_shard(&path, 9).slots.len(), 1);
    }
}
