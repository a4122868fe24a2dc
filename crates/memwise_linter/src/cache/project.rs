//! The cache of the whole-project pass's findings: one file per set of
//! files a run looks at, under a hash of everything the pass reads
//! (`project_pass::project_pass_cached`), so that a run whose summaries did
//! not change decodes none of them.

use std::path::PathBuf;

use memwise_core::Diagnostic;

use super::codec::{Codec, Reader, Writer};
use super::{Cache, hash_bytes, write_atomically};

/// What a whole-project result file starts with.
const PROJECT_MAGIC: &[u8; 8] = b"MWPROJ03";

/// Whole-project results kept: one per set of files a run looks at (a
/// whole run, a pre-commit run over one file), the least recent dropped.
const PROJECT_RESULTS: usize = 8;

impl Cache {
    fn project_path(&self, shape: u64) -> PathBuf {
        self.layout_dir()
            .join("projects")
            .join(format!("{shape:016x}"))
    }

    /// The whole-project result kept for runs over the files that hash to
    /// `shape` (which files, and which are reported), whatever inputs it
    /// was made from: its `key` says (see `project_pass::project_key`).
    pub(crate) fn project_result(&self, shape: u64) -> Option<KeptProject> {
        let bytes = std::fs::read(self.project_path(shape)).ok()?;
        let body_len = bytes.len().checked_sub(8)?;
        let (body, checksum) = bytes.split_at(body_len);
        if hash_bytes(body).to_le_bytes() != checksum {
            return None;
        }
        let mut r = Reader::new(body);
        if r.take(PROJECT_MAGIC.len())? != PROJECT_MAGIC || r.u64()? != self.build {
            return None;
        }
        let key = r.u64()?;
        let count = r.usize()?;
        let mut found = Vec::with_capacity(count.min(body.len()));
        for _ in 0..count {
            found.push((r.usize()?, Diagnostic::decode(&mut r)?));
        }
        let readers = match r.u8()? {
            0 => None,
            1 => Some(KeptReaders {
                rest: r.u64()?,
                kinds: r.u8()?,
                readers: Codec::decode(&mut r)?,
                stores: Codec::decode(&mut r)?,
            }),
            _ => return None,
        };
        r.is_done().then_some(KeptProject {
            key,
            found,
            readers,
        })
    }

    /// Keeps the whole-project findings of a run shaped `shape`, made from
    /// inputs that hash to `key`, and what a later run needs to find those
    /// of its reported files alone (`readers`), atomically as the shards
    /// are; drops the least recently written beyond [`PROJECT_RESULTS`].
    pub(crate) fn store_project_result(
        &self,
        shape: u64,
        key: u64,
        found: &[(usize, Diagnostic)],
        readers: Option<&KeptReaders>,
    ) {
        let path = self.project_path(shape);
        let Some(dir) = path.parent() else {
            return;
        };
        if !self.prepare() || std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let mut w = Writer::default();
        w.0.extend_from_slice(PROJECT_MAGIC);
        w.u64(self.build);
        w.u64(key);
        w.varint(found.len() as u64);
        for (file, diagnostic) in found {
            w.varint(*file as u64);
            diagnostic.encode(&mut w);
        }
        match readers {
            None => w.u8(0),
            Some(kept) => {
                w.u8(1);
                w.u64(kept.rest);
                w.u8(kept.kinds);
                kept.readers.encode(&mut w);
                kept.stores.encode(&mut w);
            }
        }
        let checksum = hash_bytes(&w.0);
        w.u64(checksum);
        write_atomically(&path, &w.0);
        super::prune(dir, PROJECT_RESULTS);
    }
}

/// A whole-project result read back.
pub(crate) struct KeptProject {
    /// The hash of the inputs it was made from.
    pub(crate) key: u64,
    /// The findings, by the file's place in the run.
    pub(crate) found: Vec<(usize, Diagnostic)>,
    pub(crate) readers: Option<KeptReaders>,
}

/// What a run whose files not reported are all as they were needs, besides
/// the reported files, to find the whole-project findings
/// (`project::partial::check_reported`).
pub(crate) struct KeptReaders {
    /// The hash of the inputs but the reported files' summaries.
    pub(crate) rest: u64,
    /// Which links were resolved (`project::Kinds::bits`): a run whose
    /// reported files read others cannot rely on the readers.
    pub(crate) kinds: u8,
    /// The files not reported whose resolution of those looked up a
    /// reported file's module, by place.
    pub(crate) readers: Vec<usize>,
    /// The attribute names the files not reported store on objects of
    /// unknown type, sorted, each once.
    pub(crate) stores: Vec<Box<str>>,
}
