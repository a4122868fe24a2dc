//! The hashes that key the cache: of a file's bytes, of the settings that
//! decide its result, and of this build of memwise.

use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::config::Settings;

/// A fast 64-bit hash of bytes (not against tampering: to tell one
/// version of a file from another).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &byte in chunks.remainder() {
        hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    // Mix the last word into every bit, so the shard index (the low bits)
    // depends on the whole path.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// What decides a file's result besides its text and its path: the rules,
/// their settings, per-file-ignores, test paths, the target version and
/// the noqa warnings, as `--show-settings` spells them. The lines that only
/// decide which files are walked (excludes, the project root) are left
/// out, so that `--project-root` runs share the entries of plain ones.
pub(super) fn settings_hash(settings: &Settings) -> u64 {
    let described = settings.describe(Path::new(""));
    let mut text = String::with_capacity(described.len());
    for line in described.lines() {
        let skip = [
            "Settings for:",
            "config file:",
            "exclude:",
            "respect-gitignore:",
            "force-exclude:",
            "project-root:",
            "cache-dir:",
        ]
        .iter()
        .any(|prefix| line.starts_with(prefix));
        if !skip {
            text.push_str(line);
            text.push('\n');
        }
    }
    hash_bytes(text.as_bytes())
}

/// This build of memwise: its version, and the size and time of its
/// executable, so that a rebuilt binary never reads what another made.
pub(super) fn build_hash() -> u64 {
    let mut text = format!("memwise {}", env!("CARGO_PKG_VERSION"));
    if let Ok(metadata) = std::env::current_exe().and_then(std::fs::metadata) {
        let mtime = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        text = format!("{text} {} {mtime}", metadata.len());
    }
    hash_bytes(text.as_bytes())
}
