//! The cache of each folder's own configuration facts
//! (`config::FolderFacts`: which configuration files it holds, what they
//! say about the Python version), checked next run by a `stat` of the
//! folder and of each file read, so that an unchanged tree is not searched
//! for configuration again.

use std::ffi::OsString;
use std::path::PathBuf;

use memwise_core::PythonVersion;
use rustc_hash::FxHashMap as HashMap;

use super::codec::{Reader, Writer};
use super::{Cache, hash_bytes, write_atomically};
use crate::config::{FolderFacts, Stamp};

/// What the file of folders' configuration facts starts with.
const FOLDERS_MAGIC: &[u8; 8] = b"MWDIRS02";

impl Cache {
    /// The folders' configuration facts an earlier run kept (see
    /// [`Resolver::keep_folders`]); none if they do not read back.
    ///
    /// [`Resolver::keep_folders`]: crate::Resolver::keep_folders
    pub(crate) fn folders(&self) -> HashMap<OsString, FolderFacts> {
        self.read_folders().unwrap_or_default()
    }

    fn read_folders(&self) -> Option<HashMap<OsString, FolderFacts>> {
        let bytes = std::fs::read(self.layout_dir().join("folders")).ok()?;
        let body_len = bytes.len().checked_sub(8)?;
        let (body, checksum) = bytes.split_at(body_len);
        if hash_bytes(body).to_le_bytes() != checksum {
            return None;
        }
        let mut r = Reader::new(body);
        if r.take(FOLDERS_MAGIC.len())? != FOLDERS_MAGIC || r.u64()? != self.build {
            return None;
        }
        let stamp = |r: &mut Reader<'_>| {
            Some(Stamp {
                mtime: r.u64()?,
                size: r.u64()?,
                inode: r.u64()?,
                content: r.u64()?,
            })
        };
        let count = r.usize()?;
        let mut folders = HashMap::default();
        folders.reserve(count.min(body.len()));
        for _ in 0..count {
            let dir = OsString::from(r.str()?);
            let own = stamp(&mut r)?;
            let files = r.usize()?;
            let mut read = Vec::new();
            for _ in 0..files {
                let path = PathBuf::from(r.str()?);
                read.push((path, stamp(&mut r)?));
            }
            let config = match r.u8()? {
                0 => None,
                1 => Some(PathBuf::from(r.str()?)),
                _ => return None,
            };
            let requires_python = match r.u8()? {
                0 => None,
                1 => Some(PythonVersion {
                    major: r.u8()?,
                    minor: r.u8()?,
                }),
                _ => return None,
            };
            folders.insert(
                dir,
                FolderFacts {
                    stamp: own,
                    read,
                    config,
                    requires_python,
                },
            );
        }
        r.is_done().then_some(folders)
    }

    /// Keeps the folders' configuration facts for the next run. Folders
    /// whose path is not UTF-8 are left out (looked for again).
    pub(crate) fn store_folders(&self, folders: &HashMap<OsString, FolderFacts>) {
        if !self.prepare() {
            return;
        }
        let mut entries: Vec<(&str, &FolderFacts)> = folders
            .iter()
            .filter(|(_, facts)| {
                facts.read.iter().all(|(p, _)| p.to_str().is_some())
                    && facts.config.as_ref().is_none_or(|p| p.to_str().is_some())
            })
            .filter_map(|(dir, facts)| Some((dir.to_str()?, facts)))
            .collect();
        entries.sort_unstable_by_key(|(dir, _)| *dir);
        let mut w = Writer::default();
        w.0.extend_from_slice(FOLDERS_MAGIC);
        w.u64(self.build);
        w.varint(entries.len() as u64);
        let stamp = |w: &mut Writer, stamp: &Stamp| {
            w.u64(stamp.mtime);
            w.u64(stamp.size);
            w.u64(stamp.inode);
            w.u64(stamp.content);
        };
        for (dir, facts) in entries {
            w.str(dir);
            stamp(&mut w, &facts.stamp);
            w.varint(facts.read.len() as u64);
            for (path, read) in &facts.read {
                w.str(path.to_str().unwrap_or_default());
                stamp(&mut w, read);
            }
            match &facts.config {
                Some(path) => {
                    w.u8(1);
                    w.str(path.to_str().unwrap_or_default());
                }
                None => w.u8(0),
            }
            match facts.requires_python {
                Some(version) => {
                    w.u8(1);
                    w.u8(version.major);
                    w.u8(version.minor);
                }
                None => w.u8(0),
            }
        }
        let checksum = hash_bytes(&w.0);
        w.u64(checksum);
        write_atomically(&self.layout_dir().join("folders"), &w.0);
    }
}
