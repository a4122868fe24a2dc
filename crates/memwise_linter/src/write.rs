//! Writing fixed files back: only over the very text the fixes were
//! computed from, and so that no reader ever sees half a file.

use std::fs::{File, OpenOptions};
use std::io::{Seek as _, SeekFrom, Write as _};
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
///
/// A file the user could not write in place is refused, whatever its
/// folder allows: one without write permission for the user (for root,
/// one without any write bit: a read-only file is a statement, and root
/// passes every permission check).
pub(crate) fn write_fixed(path: &Path, expected: &str, fixed: &str) -> Result<(), WriteError> {
    let failed = |e: std::io::Error| WriteError::Failed(io_reason(&e));
    let target = std::fs::canonicalize(path).map_err(failed)?;
    let mut file = lock(&target)?;
    let on_disk = std::fs::read(&target).map_err(failed)?;
    let encoding = match encoding::decode_with_encoding(on_disk) {
        Ok((text, encoding)) if text == expected => encoding,
        _ => return Err(WriteError::Changed),
    };
    let bytes = encoding::encode(fixed, encoding).map_err(|e| WriteError::Failed(e.to_string()))?;
    replace(&target, &mut file, &bytes).map_err(failed)
}

/// The reason given for a file that is not writable in place.
const READ_ONLY: &str = "the file is read-only for this user";

/// The file now at `target`, opened for writing and locked exclusively
/// (released when dropped). The file may be replaced (renamed over) between
/// opening and locking: then the lock is on a file no longer there, so it
/// is taken again.
fn lock(target: &Path) -> Result<File, WriteError> {
    for _ in 0..8 {
        let file = match OpenOptions::new().read(true).write(true).open(target) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(WriteError::Failed(READ_ONLY.to_owned()));
            }
            Err(e) => return Err(WriteError::Failed(io_reason(&e))),
        };
        if has_no_write_bit(&file) {
            return Err(WriteError::Failed(READ_ONLY.to_owned()));
        }
        file.lock().map_err(|e| WriteError::Failed(io_reason(&e)))?;
        if same_file(&file, target) {
            return Ok(file);
        }
    }
    Err(WriteError::Changed)
}

/// Whether no one may write the file by its mode: root opens it for writing
/// anyway, so the bits are read.
#[cfg(unix)]
fn has_no_write_bit(file: &File) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    file.metadata()
        .is_ok_and(|m| m.permissions().mode() & 0o222 == 0)
}

#[cfg(not(unix))]
fn has_no_write_bit(file: &File) -> bool {
    file.metadata().is_ok_and(|m| m.permissions().readonly())
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

/// The prefix of the temporary files fixes are written to before they are
/// renamed over the original.
const TEMP_PREFIX: &str = ".memwise-fix-";

/// A temporary file left by a run killed before its rename is removed by
/// the next run that writes in that folder once it is this old (a live
/// run renames its file within moments).
const STALE_TEMP: std::time::Duration = std::time::Duration::from_mins(10);

/// Replaces the content of `target` (canonical, open and locked as `file`)
/// with `bytes`, keeping what makes it that file: its owner, group, mode
/// (setuid and setgid bits included) and its other hard links.
///
/// The usual way is atomic, so that no reader ever sees half a file: the
/// bytes go to a temporary file beside it, are synced to disk, get the
/// original's owner, group and mode, and are renamed over it. When the
/// rename would lose something (a file with several hard links, or an
/// owner or mode the user cannot give the new file), the bytes are written
/// into the file itself instead: not atomic, but it stays the same file.
/// So are they when the folder does not let the user create the temporary
/// file but the file itself is writable.
fn replace(target: &Path, file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    let metadata = file.metadata()?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    remove_stale_temps(dir);
    if links(&metadata) > 1 {
        return write_in_place(file, bytes);
    }
    let mut temp = match tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
    {
        Ok(temp) => temp,
        // A writable file in a folder the user cannot create files in
        // (a shared checkout, a mounted volume): the user could edit the
        // file in place, so memwise does as an editor would.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return write_in_place(file, bytes);
        }
        Err(e) => return Err(e),
    };
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if !give_identity(temp.path(), &metadata) {
        drop(temp);
        return write_in_place(file, bytes);
    }
    temp.persist(target).map_err(|e| e.error)?;
    // The rename is durable once the folder is synced; not every platform
    // lets a folder be opened for that, and the data is safe either way.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Writes `bytes` into the open file itself.
fn write_in_place(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(0))?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

#[cfg(unix)]
fn links(metadata: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    metadata.nlink()
}

#[cfg(not(unix))]
fn links(_metadata: &std::fs::Metadata) -> u64 {
    1
}

/// Gives the temporary file at `temp` the owner, group and mode of the
/// original; `false` when the result differs (the user may not give a file
/// away, or set a group it is not in). The owner comes first: changing it
/// clears the setuid and setgid bits.
#[cfg(unix)]
fn give_identity(temp: &Path, original: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let _ = std::os::unix::fs::chown(temp, Some(original.uid()), Some(original.gid()));
    let mode = original.permissions().mode() & 0o7777;
    let _ = std::fs::set_permissions(temp, std::fs::Permissions::from_mode(mode));
    std::fs::metadata(temp).is_ok_and(|m| {
        m.uid() == original.uid()
            && m.gid() == original.gid()
            && m.permissions().mode() & 0o7777 == mode
    })
}

#[cfg(not(unix))]
fn give_identity(temp: &Path, original: &std::fs::Metadata) -> bool {
    std::fs::set_permissions(temp, original.permissions()).is_ok()
}

/// Removes the temporary files a killed run left in `dir` (old enough that
/// no live run can still be writing them).
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_ours = name.to_str().is_some_and(|n| {
            n.starts_with(TEMP_PREFIX) && Path::new(n).extension().is_some_and(|e| e == "tmp")
        });
        let is_stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if is_ours && is_stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
