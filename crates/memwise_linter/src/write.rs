//! Writing fixed files back: only over the very text the fixes were
//! computed from, and so that no reader ever sees half a file.

use std::fs::File;
use std::path::Path;

use crate::encoding;
use crate::io_reason;

/// Why a fixed text was not written.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file no longer holds the text the fixes were computed from
    /// (another process, or another name of the same file, changed it).
    Changed,
    /// The text cannot be encoded, or the file cannot be written.
    Failed(String),
}

/// Writes `fixed` over `path`, in the file's encoding, if the file still
/// holds `expected`. Edits computed from one read are never
/// applied to another: a second `memwise --fix` on the same file, or the
/// same file reached under two names, would otherwise write its fixes twice
/// (`slots=True, slots=True`). The check and the write happen under an
/// exclusive lock on the file, which every memwise run takes before writing.
pub(crate) fn write_fixed(path: &Path, expected: &str, fixed: &str) -> Result<(), WriteError> {
    let failed = |e: std::io::Error| WriteError::Failed(io_reason(&e));
    let target = std::fs::canonicalize(path).map_err(failed)?;
    let _lock = lock(&target)?;
    let on_disk = std::fs::read(&target).map_err(failed)?;
    let encoding = match encoding::decode_with_encoding(on_disk) {
        Ok((text, encoding)) if text == expected => encoding,
        _ => return Err(WriteError::Changed),
    };
    let bytes = encoding::encode(fixed, encoding).map_err(WriteError::Failed)?;
    write_atomically(&target, &bytes).map_err(WriteError::Failed)
}

/// An exclusive lock on the file now at `target`, released when dropped.
/// The file may be replaced (renamed over) between opening and locking: then
/// the lock is on a file no longer there, so it is taken again.
fn lock(target: &Path) -> Result<File, WriteError> {
    for _ in 0..8 {
        let file = File::open(target).map_err(|e| WriteError::Failed(io_reason(&e)))?;
        file.lock().map_err(|e| WriteError::Failed(io_reason(&e)))?;
        if same_file(&file, target) {
            return Ok(file);
        }
    }
    Err(WriteError::Changed)
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    true
}

/// Replaces the file's content so that no reader ever sees half of it: the
/// new bytes go to a temporary file beside it, are synced to disk, get the
/// original's permissions, and are renamed over it. `target` is the
/// canonical path, so a symbolic link stays a link.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let metadata = std::fs::metadata(target).map_err(|e| io_reason(&e))?;
    let permissions = metadata.permissions();
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".memwise-fix-")
        .tempfile_in(dir)
        .map_err(|e| io_reason(&e))?;
    temp.write_all(bytes).map_err(|e| io_reason(&e))?;
    temp.as_file().sync_all().map_err(|e| io_reason(&e))?;
    std::fs::set_permissions(temp.path(), permissions).map_err(|e| io_reason(&e))?;
    // Keep the owner and group too where allowed (root fixing another
    // user's file); a user who may not change them owns the file anyway.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = std::os::unix::fs::chown(temp.path(), Some(metadata.uid()), Some(metadata.gid()));
    }
    temp.persist(target).map_err(|e| io_reason(&e.error))?;
    // The rename is durable once the folder is synced; not every platform
    // lets a folder be opened for that, and the data is safe either way.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.py");
        std::fs::write(&path, "x = [1]\n").expect("write");
        let written = write_fixed(&path, "x = []\n", "x = ()\n");
        assert!(matches!(written, Err(WriteError::Changed)), "{written:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "x = [1]\n");
        write_fixed(&path, "x = [1]\n", "x = (1,)\n").expect("the file is as read");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "x = (1,)\n");
    }
}
