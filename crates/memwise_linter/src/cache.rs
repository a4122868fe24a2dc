//! The persistent cache: what checking each file gave (its findings with
//! their fixes, its unused-noqa warnings and its whole-project summary),
//! kept between runs so that an unchanged file is neither read nor parsed,
//! and the whole-project pass runs from the kept summaries.
//!
//! An entry is keyed by the file's absolute path and holds what it is
//! valid for: the file's modification time and size (the fast check), the
//! hash of its bytes (when the time or size moved, the file is read and
//! hashed, and an equal hash is still a hit), and the hash of the settings
//! that apply to it. Every entry of a cache folder was made by one build
//! of memwise (its version, and the size and time of its executable, so a
//! rebuilt development binary with changed rules starts afresh).
//!
//! Entries are grouped in 256 shard files by the hash of their path: a
//! whole run reads and writes a few hundred files instead of one per
//! checked file, and a run over one file reads one shard. Each shard keeps
//! its entries' heads in an index read apart from their bodies (`shard`).
//! A shard is
//! written whole to a temporary file and renamed over the old one, so a
//! concurrent run reads the old shard or the new one, never a torn one;
//! two runs that both write a shard lose one's new entries (a miss next
//! time, never a wrong answer). A shard that does not read back (another
//! format, another build, a bad checksum) is ignored and rewritten.
//!
//! Beside the shards: the whole-project pass's findings (`project`),
//! each folder's own configuration facts (`folders`) and what walks found
//! (`walk`).

pub(crate) mod codec;
mod folders;
mod hashes;
mod project;
mod shard;
mod walk;

pub(crate) use project::KeptReaders;
pub(crate) use walk::{DirStamp, KeptFolder, KeptWalk};

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::UNIX_EPOCH;

use memwise_core::{Diagnostic, FileSummary};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::config::{Settings, SettingsHash};
use crate::excerpt::ReportSource;
use crate::lock;
use crate::noqa::{NoqaWarning, UnusedCode};
use crate::per_file::{CheckedFile, Extras};
use crate::report::FileReport;
use codec::{Codec, Reader, Writer};
pub(crate) use hashes::hash_bytes;
use hashes::{build_hash, settings_hash};
use shard::{Bodies, Body, Shard, Slot, read_shard, write_shard};

/// The folder's name beside the nearest configuration.
pub const DEFAULT_DIR: &str = ".memwise_cache";

/// The subfolder of this layout: a new layout uses a new name, so old and
/// new memwise side by side do not fight over one file.
const LAYOUT: &str = "v3";

/// Shards: one per value of a byte of the path's hash.
const SHARDS: usize = 256;

/// The tag that marks a folder as a cache (bford.info/cachedir): backup
/// tools skip it, and `memwise clean` removes only a folder that has it.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by memwise.\n";

/// Which part of an entry a lookup needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// Only the summary: the file is indexed for the project, not reported.
    Summary,
    /// Findings too.
    Findings,
    /// Findings, and only if there are none: a run that fixes checks every
    /// file with findings afresh, so what it writes is never stale.
    NoFindings,
}

/// What a file is, on disk and for the check, when it is looked up.
pub(crate) struct Key {
    /// The absolute path, as text: hashing a `Path` walks its components,
    /// and a warm run looks every file up.
    path: Box<str>,
    head: Head,
}

/// What an entry is valid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    /// Modification time in nanoseconds since the epoch; [`NO_TIME`] when
    /// the platform does not tell (then the content is always hashed).
    mtime: u64,
    size: u64,
    /// [`hash_bytes`] of the file as read.
    content: u64,
    /// [`settings_hash`] of the settings that apply.
    settings: u64,
}

const NO_TIME: u64 = u64::MAX;

/// The answer of a first lookup, made without reading the file.
pub(crate) enum Probe {
    /// Usable as it is.
    Hit(Box<Cached>),
    /// The time or size moved: the entry holds if the content hashes to this.
    Rehash(u64),
    Miss,
}

/// A file's entry, read back.
pub(crate) struct Cached {
    fingerprint: u64,
    summary: Summary,
    /// The hash of the summary's bytes: what the whole-project pass reads
    /// of this file, so it keys the pass's kept result.
    summary_hash: u64,
    findings: Option<Findings>,
}

/// A summary read back, or still as the cache holds it: a run whose
/// whole-project result is kept never needs the summaries of unchanged
/// files, and decoding them was a fifth of a warm run.
pub(crate) enum Summary {
    Decoded(FileSummary),
    Encoded(Encoded),
}

/// A summary's bytes where the cache keeps them: a range of its shard's
/// bodies, read only if the summary is decoded (a warm run whose
/// whole-project result holds reads none), or a copy of a new entry's.
pub(crate) enum Encoded {
    Kept(Arc<Bodies>, Range<usize>),
    New(Vec<u8>),
}

impl Encoded {
    /// The encoded summary, if its shard's bodies read back.
    pub(crate) fn bytes(&self) -> Option<&[u8]> {
        match self {
            Self::Kept(bodies, range) => bodies.get()?.get(range.clone()),
            Self::New(bytes) => Some(bytes),
        }
    }
}

impl Summary {
    /// The summary in `bytes`, if they read back.
    pub(crate) fn decode(bytes: &[u8]) -> Option<FileSummary> {
        let mut r = Reader::new(bytes);
        let summary = FileSummary::decode(&mut r)?;
        r.is_done().then_some(summary)
    }
}

/// What checking a reported file gave.
struct Findings {
    report: Option<(Vec<Diagnostic>, Vec<Box<str>>, ReportSource)>,
    unused_noqa: Vec<UnusedCode>,
}

/// The cache of one run.
pub(crate) struct Cache {
    dir: PathBuf,
    build: u64,
    shards: Vec<OnceLock<Mutex<Shard>>>,
    /// Whether each folder of the kept walks holds an `__init__.py`.
    packages: Mutex<HashMap<std::ffi::OsString, bool>>,
}

impl Cache {
    /// The cache in `dir` for this build of memwise. Nothing is read until
    /// a file is looked up.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            build: build_hash(),
            shards: (0..SHARDS).map(|_| OnceLock::new()).collect(),
            packages: Mutex::new(HashMap::default()),
        }
    }

    fn layout_dir(&self) -> PathBuf {
        self.dir.join(LAYOUT)
    }

    fn shard_index(path: &str) -> usize {
        let hash = hash_bytes(path.as_bytes());
        usize::from(hash.to_le_bytes()[0])
    }

    fn shard(&self, index: usize) -> &Mutex<Shard> {
        self.shards[index].get_or_init(|| {
            let path = self.layout_dir().join(format!("{index:02x}"));
            Mutex::new(read_shard(&path, self.build))
        })
    }

    /// The key of `path` (absolute) as its `metadata` (or a `stat` now)
    /// says it is on disk, checked with
    /// `settings`; `None` when the file cannot be looked at (the check
    /// then reports why, uncached).
    pub(crate) fn key(
        path: PathBuf,
        metadata: Option<std::fs::Metadata>,
        settings: &Arc<Settings>,
    ) -> Option<Key> {
        let path = path.into_os_string().into_string().ok()?.into_boxed_str();
        let metadata = match metadata {
            Some(metadata) => metadata,
            None => std::fs::metadata(&*path).ok()?,
        };
        let mtime = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| u64::try_from(d.as_nanos()).ok())
            .unwrap_or(NO_TIME);
        let settings = Self::settings_key(settings);
        Some(Key {
            path,
            head: Head {
                mtime,
                size: metadata.len(),
                content: 0,
                settings,
            },
        })
    }

    /// The hash of `settings` that keys the entries checked with them.
    pub(crate) fn settings_key(settings: &Settings) -> u64 {
        settings.hash(SettingsHash::Entry, settings_hash)
    }

    /// The hash of everything in `settings`, excludes included: what
    /// decides which entries of a folder a walk leaves out.
    pub(crate) fn walk_settings_key(settings: &Settings) -> u64 {
        settings.hash(SettingsHash::Walk, |settings| {
            hash_bytes(settings.describe(Path::new("")).as_bytes())
        })
    }

    /// Looks `key` up without reading the file; with `lazy`, a hit leaves
    /// the summary encoded.
    pub(crate) fn probe(&self, key: &Key, want: Want, lazy: bool) -> Probe {
        let mut shard = lock(self.shard(Self::shard_index(&key.path)));
        let shard = &mut *shard;
        let Some(slot) = shard.slots.get_mut(&key.path) else {
            return Probe::Miss;
        };

        slot.seen = true;
        if slot.head.settings != key.head.settings {
            return Probe::Miss;
        }
        if slot.head.mtime == NO_TIME
            || slot.head.mtime != key.head.mtime
            || slot.head.size != key.head.size
        {
            return Probe::Rehash(slot.head.content);
        }
        match decode(shard.bodies.as_ref(), slot, want, lazy) {
            Some(cached) => Probe::Hit(Box::new(cached)),
            None => Probe::Miss,
        }
    }

    /// After [`Probe::Rehash`] and an equal hash: the entry, now valid for
    /// the file's new time and size.
    pub(crate) fn rehashed(&self, key: &Key, want: Want, lazy: bool) -> Option<Cached> {
        let mut shard = lock(self.shard(Self::shard_index(&key.path)));
        let shard = &mut *shard;
        let slot = shard.slots.get_mut(&key.path)?;
        let cached = decode(shard.bodies.as_ref(), slot, want, lazy)?;
        let head = Head {
            mtime: settled(key.head.mtime),
            ..slot.head
        };
        if head != slot.head {
            slot.head = head;
            shard.dirty = true;
        }
        Some(cached)
    }

    /// Keeps what checking the file under `key` gave, for the bytes that
    /// hash to `content`. A file only indexed leaves its summary alone;
    /// a reported one leaves its findings too. A run that fixes files
    /// stores nothing of the files it checks in full (their text moves).
    /// Returns the hash of the summary stored.
    pub(crate) fn store(
        &self,
        key: Key,
        content: u64,
        file: &CheckedFile,
        index_only: bool,
    ) -> Option<u64> {
        let Extras {
            fix: None,
            note: None,
            error: None,
            warning: None,
        } = &file.extras
        else {
            return None;
        };
        let mut w = Writer::default();
        file.summary.encode(&mut w);
        let summary_len = w.0.len();
        let summary_hash = hash_bytes(&w.0);
        if index_only {
            w.u8(0);
        } else {
            w.u8(1);
            match &file.report {
                Some(report) if report.notebook.is_none() => {
                    w.u8(1);
                    report.diagnostics.encode(&mut w);
                    report.scopes.encode(&mut w);
                    report.source.encode(&mut w);
                }
                Some(_) => return None,
                None => w.u8(0),
            }
            w.varint(file.unused_noqa.len() as u64);
            for warning in &file.unused_noqa {
                warning.unused.encode(&mut w);
            }
        }
        let head = Head {
            content,
            mtime: settled(key.head.mtime),
            ..key.head
        };
        let mut shard = lock(self.shard(Self::shard_index(&key.path)));
        shard.slots.insert(
            key.path,
            Slot {
                head,
                fingerprint: file.fingerprint,
                summary_hash,
                summary_len,
                body: Body::New(w.0),
                seen: true,
            },
        );
        shard.dirty = true;
        Some(summary_hash)
    }

    /// Writes the shards that changed, each whole and atomically, after
    /// dropping the entries of files that no longer exist. Failing to write
    /// a cache never fails a check: the next run is only slower.
    pub(crate) fn persist(&self) {
        let dir = self.layout_dir();
        let loaded = self.shards.iter().filter(|s| s.get().is_some()).count();
        if loaded == 0 || !self.prepare() {
            return;
        }
        // A run that read most shards reads the rest too, to drop the
        // entries of files deleted since: a file that is gone is never
        // looked up, so its shard may not be among those read.
        let on_disk: Vec<usize> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let name = entry.ok()?.file_name();
                let name = name.to_str()?;
                (name.len() == 2)
                    .then(|| usize::from_str_radix(name, 16).ok())
                    .flatten()
            })
            .filter(|&i| i < SHARDS)
            .collect();
        if loaded * 2 >= on_disk.len() {
            on_disk.par_iter().for_each(|&i| {
                self.shard(i);
            });
        }
        let loaded: Vec<(usize, &Mutex<Shard>)> = self
            .shards
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.get().map(|s| (i, s)))
            .collect();
        loaded.par_iter().for_each(|(index, shard)| {
            let mut shard = lock(shard);
            let before = shard.slots.len();
            shard
                .slots
                .retain(|path, slot| slot.seen || Path::new(&**path).is_file());
            if shard.dirty || shard.slots.len() != before {
                write_shard(&dir.join(format!("{index:02x}")), &shard, self.build);
            }
        });
    }

    /// Makes the folder, marked as a cache and ignored by git; whether it
    /// is there to write into.
    fn prepare(&self) -> bool {
        if std::fs::create_dir_all(self.layout_dir()).is_err() {
            return false;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.is_file() {
            let _ = std::fs::write(self.dir.join(".gitignore"), "# Created by memwise.\n*\n");
            let _ = std::fs::write(tag, CACHEDIR_TAG);
        }
        true
    }
}

impl Cached {
    /// The checked file this entry stands for, as `path` in this run.
    pub(crate) fn into_checked(
        self,
        path: &Path,
        settings: Arc<Settings>,
        want: Want,
    ) -> CheckedFile {
        let (mut summary, encoded) = match self.summary {
            Summary::Decoded(summary) => (summary, None),
            Summary::Encoded(bytes) => (FileSummary::default(), Some(bytes)),
        };
        let mut report = None;
        let mut unused_noqa = Vec::new();
        if want == Want::Summary {
            // Indexing a file runs no rule, so it defers no finding (a
            // summary left encoded is cleared when it is decoded).
            summary.deferred.clear();
        } else if let Some(findings) = self.findings {
            report = findings.report.map(|(diagnostics, scopes, source)| {
                Box::new(FileReport {
                    path: path.to_path_buf(),
                    source,
                    diagnostics,
                    scopes,
                    notebook: None,
                })
            });
            // A run that fixes warns about no noqa code (a fix moves lines).
            let unused = if want == Want::Findings {
                findings.unused_noqa
            } else {
                Vec::new()
            };
            unused_noqa = unused
                .into_iter()
                .map(|unused| NoqaWarning {
                    path: path.to_path_buf(),
                    unused,
                })
                .collect();
        }
        CheckedFile {
            report,
            extras: Extras::default(),
            summary,
            encoded_summary: encoded,
            summary_hash: Some(self.summary_hash),
            settings,
            fingerprint: self.fingerprint,
            unused_noqa,
        }
    }
}

/// How long after a file's modification its time can be trusted. File
/// times move in ticks of the kernel's clock (a few milliseconds), so a file
/// written again within the tick of the version memwise read keeps its time
/// (git calls such entries racily clean): an entry of a file modified this
/// recently is stored with [`NO_TIME`], and its content is hashed when next
/// looked up.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// `mtime`, or [`NO_TIME`] when it is too recent to be trusted.
fn settled(mtime: u64) -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| u64::try_from(d.as_nanos()).ok());
    let settled = u64::try_from(SETTLED.as_nanos()).unwrap_or(u64::MAX);
    match now {
        Some(now) if mtime.saturating_add(settled) < now => mtime,
        _ => NO_TIME,
    }
}

/// Reads an entry, if it holds what is wanted; with `lazy`, its summary
/// is left encoded, and an entry wanted only for its summary is read from
/// the index alone.
fn decode(bodies: Option<&Arc<Bodies>>, slot: &Slot, want: Want, lazy: bool) -> Option<Cached> {
    let Slot {
        fingerprint,
        summary_hash,
        summary_len,
        ..
    } = *slot;
    let encoded = |range: Range<usize>| match &slot.body {
        Body::Old(body) => Some(Encoded::Kept(
            Arc::clone(bodies?),
            body.start + range.start..body.start + range.end,
        )),
        Body::New(bytes) => Some(Encoded::New(bytes.get(range)?.to_vec())),
    };
    if lazy && want == Want::Summary {
        return Some(Cached {
            fingerprint,
            summary: Summary::Encoded(encoded(0..summary_len)?),
            summary_hash,
            findings: None,
        });
    }
    let bytes = match &slot.body {
        Body::Old(range) => bodies?.get()?.get(range.clone())?,
        Body::New(bytes) => bytes.as_slice(),
    };
    let mut r = Reader::new(bytes);
    let summary_bytes = r.take(summary_len)?;
    let summary = if lazy {
        Summary::Encoded(encoded(0..summary_len)?)
    } else {
        Summary::Decoded(Summary::decode(summary_bytes)?)
    };
    let findings = match r.u8()? {
        0 => None,
        1 => {
            let report = match r.u8()? {
                0 => None,
                1 => Some((
                    Codec::decode(&mut r)?,
                    Codec::decode(&mut r)?,
                    ReportSource::decode(&mut r)?,
                )),
                _ => return None,
            };
            let unused_noqa = Codec::decode(&mut r)?;
            Some(Findings {
                report,
                unused_noqa,
            })
        }
        _ => return None,
    };
    if !r.is_done() {
        return None;
    }
    match (want, &findings) {
        (Want::Summary, _) | (Want::Findings, Some(_)) => {}
        (Want::NoFindings, Some(f)) if f.report.is_none() => {}
        _ => return None,
    }
    Some(Cached {
        fingerprint,
        summary,
        summary_hash,
        findings,
    })
}

/// Removes all but the `keep` most recently written files of `dir`.
fn prune(dir: &Path, keep: usize) {
    let mut kept: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name();
            // Temporary files of a run still writing are left alone.
            if name.to_str()?.starts_with('.') {
                return None;
            }
            Some((entry.metadata().ok()?.modified().ok()?, entry.path()))
        })
        .collect();
    if kept.len() > keep {
        kept.sort();
        for (_, old) in &kept[..kept.len() - keep] {
            let _ = std::fs::remove_file(old);
        }
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it over
/// `path`: a concurrent run reads the old file or the new one.
fn write_atomically(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else {
        return;
    };
    let written = tempfile::Builder::new()
        .prefix(".tmp")
        .tempfile_in(dir)
        .and_then(|mut file| {
            std::io::Write::write_all(&mut file, bytes)?;
            file.persist(path).map_err(|e| e.error)?;
            Ok(())
        });
    // A cache that cannot be written is only a slower next run.
    drop(written);
}

/// Why `memwise clean` left the cache folder in place.
#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    /// The folder has no memwise tag: a mistyped `--cache-dir .` must not
    /// take the project with it.
    #[error("{}: not a memwise cache (no CACHEDIR.TAG); left it alone", .0.display())]
    NotACache(PathBuf),
    /// Removing the folder failed. The I/O error is not marked as the
    /// source: the message already gives its reason, and a chain would
    /// print it twice.
    #[error("{}: {}", .path.display(), crate::io_reason(.error))]
    Remove {
        /// The cache folder.
        path: PathBuf,
        /// What removing it met.
        error: std::io::Error,
    },
}

/// Removes the cache folder `dir`, if it is one (it has memwise's tag);
/// whether there was one to remove.
pub fn clean(dir: &Path) -> Result<bool, CleanError> {
    if !dir.exists() {
        return Ok(false);
    }
    if !dir.join("CACHEDIR.TAG").is_file() {
        return Err(CleanError::NotACache(dir.to_path_buf()));
    }
    std::fs::remove_dir_all(dir)
        .map(|()| true)
        .map_err(|error| CleanError::Remove {
            path: dir.to_path_buf(),
            error,
        })
}
