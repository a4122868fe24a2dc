//! The cache of a walk: which Python files a walk of some folders found,
//! and what that depended on, so that a run over an unchanged tree makes
//! a `stat` of each folder instead of listing it (listing the benchmark
//! corpus's 6,185 folders was most of a pre-commit run's time).
//!
//! What a walk finds depends on the folders' entries, the ignore files it
//! read and the settings that excluded entries. A folder's entries change
//! its modification and change times, so its stamp stands for its listing;
//! an ignore file is stamped itself (and where there was none in a walked
//! folder, the folder's stamp says there still is none); the settings of
//! each folder are hashed. The kept walk is used only if every one of these
//! is as it was (times, size and identity), and kept only if each was
//! modified more than two seconds before the walk began: a change within a
//! tick of the file system's clock can keep a time, and one made during
//! the walk leaves a time after its start.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::MutexGuard;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::lock;

use super::codec::{Reader, Writer};
use super::{Cache, hash_bytes, write_atomically};

/// What a kept walk's file starts with.
const WALK_MAGIC: &[u8; 8] = b"MWWALK02";

/// Kept walks: one per set of folders walked from one working folder.
const WALKS: usize = 8;

/// How old a folder or ignore file must be for a walk that read it to be
/// kept (as the file entries' `SETTLED`).
const SETTLED: Duration = Duration::from_secs(2);

/// A folder's or file's version as `stat` tells it (links followed):
/// modification and change times, size and identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DirStamp {
    mtime: u64,
    ctime: u64,
    size: u64,
    inode: u64,
    device: u64,
}

impl DirStamp {
    /// The stamp of `path` now; `None` if it is not there (or where there
    /// are no change times, which leaves every walk unkept).
    pub(crate) fn of(path: &Path) -> Option<Self> {
        Self::from_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The stamp `stat` gave as `m`.
    pub(crate) fn from_metadata(m: &std::fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let nanos = |secs: i64, nsecs: i64| {
                u64::try_from(secs)
                    .ok()?
                    .checked_mul(1_000_000_000)?
                    .checked_add(u64::try_from(nsecs).ok()?)
            };
            Some(Self {
                mtime: nanos(m.mtime(), m.mtime_nsec())?,
                ctime: nanos(m.ctime(), m.ctime_nsec())?,
                size: m.size(),
                inode: m.ino(),
                device: m.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = m;
            None
        }
    }

    /// Whether the modification time is older than [`SETTLED`] at
    /// `start`. The change time is compared, not required settled: setting
    /// a time back (as a checkout or a test does) moves it to now, and the
    /// folder facts of the configuration ask the same of a folder.
    fn settled_before(&self, start: SystemTime) -> bool {
        let Some(start) = start
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| u64::try_from(d.saturating_sub(SETTLED).as_nanos()).ok())
        else {
            return false;
        };
        self.mtime < start
    }

    fn encode(&self, w: &mut Writer) {
        let Self {
            mtime,
            ctime,
            size,
            inode,
            device,
        } = *self;
        for value in [mtime, ctime, size, inode, device] {
            w.u64(value);
        }
    }

    fn decode(r: &mut Reader<'_>) -> Option<Self> {
        Some(Self {
            mtime: r.u64()?,
            ctime: r.u64()?,
            size: r.u64()?,
            inode: r.u64()?,
            device: r.u64()?,
        })
    }
}

/// A folder a walk went into.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct KeptFolder {
    /// As walked.
    pub path: String,
    pub stamp: DirStamp,
    /// The hash of the settings that excluded its entries
    /// ([`Cache::walk_settings_key`]).
    pub settings: u64,
    /// Whether it holds an `__init__.py` (which makes its files' module
    /// names): one of its entries, so its stamp stands for it too. `None`
    /// where that is a symbolic link, whose target can change unseen.
    pub package: Option<bool>,
}

/// A walk's result and what it depended on.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct KeptWalk {
    /// Each folder the walk went into, parents first.
    pub folders: Vec<KeptFolder>,
    /// The Python files found, as walked.
    pub files: Vec<String>,
    /// Symbolic links with a Python name: found when they lead to a file.
    pub links: Vec<String>,
    /// Ignore files the walk may have read, with their stamps, or `None`
    /// where there was none: those of the walked folders, and those of the
    /// folders above the walk and their repositories.
    pub ignore_files: Vec<(String, Option<DirStamp>)>,
}

impl KeptWalk {
    /// Whether every stamp was settled when a walk began at `start`.
    pub(crate) fn settled_before(&self, start: SystemTime) -> bool {
        self.folders.iter().all(|f| f.stamp.settled_before(start))
            && self
                .ignore_files
                .iter()
                .all(|(_, s)| s.is_none_or(|s| s.settled_before(start)))
    }

    /// The files this walk finds now, if the folders, their settings
    /// (`settings_of` a folder, given the `stat` that stamped it) and the
    /// ignore files are as they were.
    pub(crate) fn replay(
        &mut self,
        settings_of: impl Fn(&Path, &std::fs::Metadata) -> u64 + Sync,
    ) -> Option<Vec<PathBuf>> {
        let folders_hold = self.folders.par_iter().all(|folder| {
            let path = Path::new(&folder.path);
            std::fs::metadata(path).is_ok_and(|m| {
                DirStamp::from_metadata(&m) == Some(folder.stamp)
                    && settings_of(path, &m) == folder.settings
            })
        });
        let ignores_hold = || {
            self.ignore_files
                .par_iter()
                .all(|(path, stamp)| DirStamp::of(Path::new(path)) == *stamp)
        };
        if !folders_hold || !ignores_hold() {
            return None;
        }
        // Moved out, not copied: a path each for every file of the tree.
        let mut files: Vec<PathBuf> = std::mem::take(&mut self.files)
            .into_iter()
            .map(PathBuf::from)
            .collect();
        files.extend(
            self.links
                .iter()
                .map(PathBuf::from)
                .filter(|link| link.is_file()),
        );
        Some(files)
    }

    fn encode(&self, w: &mut Writer) {
        w.varint(self.folders.len() as u64);
        for folder in &self.folders {
            let KeptFolder {
                path,
                stamp,
                settings,
                package,
            } = folder;
            w.str(path);
            stamp.encode(w);
            w.u64(*settings);
            w.u8(match package {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            });
        }
        for list in [&self.files, &self.links] {
            w.varint(list.len() as u64);
            for path in list {
                w.str(path);
            }
        }
        w.varint(self.ignore_files.len() as u64);
        for (path, stamp) in &self.ignore_files {
            w.str(path);
            match stamp {
                Some(stamp) => {
                    w.u8(1);
                    stamp.encode(w);
                }
                None => w.u8(0),
            }
        }
    }

    fn decode(r: &mut Reader<'_>, limit: usize) -> Option<Self> {
        let mut walk = Self::default();
        for _ in 0..r.usize()? {
            walk.folders.push(KeptFolder {
                path: r.str()?.to_owned(),
                stamp: DirStamp::decode(r)?,
                settings: r.u64()?,
                package: match r.u8()? {
                    0 => None,
                    1 => Some(false),
                    2 => Some(true),
                    _ => return None,
                },
            });
        }
        for list in [&mut walk.files, &mut walk.links] {
            let count = r.usize()?;
            list.reserve(count.min(limit));
            for _ in 0..count {
                list.push(r.str()?.to_owned());
            }
        }
        for _ in 0..r.usize()? {
            let path = r.str()?.to_owned();
            let stamp = match r.u8()? {
                0 => None,
                1 => Some(DirStamp::decode(r)?),
                _ => return None,
            };
            walk.ignore_files.push((path, stamp));
        }
        Some(walk)
    }
}

impl Cache {
    /// Notes which folders (absolute) hold an `__init__.py`, as a kept walk
    /// that holds says: the module names of the run's files are made from
    /// them without a `stat` of each folder's `__init__.py`.
    pub(crate) fn know_packages(&self, folders: impl Iterator<Item = (PathBuf, bool)>) {
        let mut known = lock(&self.packages);
        // Sized once for every folder of a tree, not grown on the way.
        let (least, most) = folders.size_hint();
        known.reserve(most.unwrap_or(least));
        known.extend(folders.map(|(path, package)| (path.into_os_string(), package)));
    }

    /// The folders [`Cache::know_packages`] noted, by absolute path.
    pub(crate) fn packages(&self) -> MutexGuard<'_, HashMap<OsString, bool>> {
        lock(&self.packages)
    }

    fn walk_path(&self, key: u64) -> PathBuf {
        self.layout_dir().join("walks").join(format!("{key:016x}"))
    }

    /// The walk kept under `key` (the folders walked, from where, with
    /// which ignore rules), if it reads back.
    pub(crate) fn kept_walk(&self, key: u64) -> Option<KeptWalk> {
        let bytes = std::fs::read(self.walk_path(key)).ok()?;
        let body_len = bytes.len().checked_sub(8)?;
        let (body, checksum) = bytes.split_at(body_len);
        if hash_bytes(body).to_le_bytes() != checksum {
            return None;
        }
        let mut r = Reader::new(body);
        if r.take(WALK_MAGIC.len())? != WALK_MAGIC || r.u64()? != self.build || r.u64()? != key {
            return None;
        }
        let walk = KeptWalk::decode(&mut r, body.len())?;
        r.is_done().then_some(walk)
    }

    /// Keeps `walk` under `key`, atomically; drops the least recently
    /// written beyond [`WALKS`].
    pub(crate) fn store_walk(&self, key: u64, walk: &KeptWalk) {
        let path = self.walk_path(key);
        let Some(dir) = path.parent() else {
            return;
        };
        if !self.prepare() || std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let mut w = Writer::default();
        w.0.extend_from_slice(WALK_MAGIC);
        w.u64(self.build);
        w.u64(key);
        walk.encode(&mut w);
        let checksum = hash_bytes(&w.0);
        w.u64(checksum);
        write_atomically(&path, &w.0);
        super::prune(dir, WALKS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_walk_reads_back_as_written() {
        let stamp = DirStamp {
            mtime: 1,
            ctime: 2,
            size: 3,
            inode: 4,
            device: 5,
        };
        let walk = KeptWalk {
            folders: vec![
                KeptFolder {
                    path: "pkg".into(),
                    stamp,
                    settings: 7,
                    package: Some(true),
                },
                KeptFolder {
                    path: "pkg/sub".into(),
                    stamp,
                    settings: 7,
                    package: None,
                },
            ],
            files: vec!["pkg/a.py".into(), "pkg/b.py".into()],
            links: vec!["pkg/c.py".into()],
            ignore_files: vec![
                ("pkg/.gitignore".into(), Some(stamp)),
                ("/.git".into(), None),
            ],
        };
        let mut w = Writer::default();
        walk.encode(&mut w);
        let mut r = Reader::new(&w.0);
        assert_eq!(KeptWalk::decode(&mut r, w.0.len()), Some(walk));
        assert!(r.is_done());
    }
}
