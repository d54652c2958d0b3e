//! Writing files without ever leaving one half written.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The permission bits of a file, to keep them when it is rewritten.
#[cfg(unix)]
pub fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
pub fn mode_of(_: &Path) -> Option<u32> {
    None
}

/// Writes `bytes` to a new temporary file next to `path` (so that a rename
/// or link into place is atomic), with `mode` when given.
///
/// The temporary file's name is fixed per target (`.NAME.doccheck-tmp`):
/// one left behind by a run that was killed is removed by the next write
/// of the same file instead of piling up.
fn temporary(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.doccheck-tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
    ));
    if tmp.symlink_metadata().is_ok_and(|m| m.is_file()) {
        std::fs::remove_file(&tmp)?;
    }
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        Ok(())
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Writes through a temporary file in the same folder and renames it over
/// `path`, so that no reader ever sees a half-written file. The file keeps
/// its owner where doccheck may set it.
pub fn atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> Result<()> {
    let fail = |e: std::io::Error| Error::io(format!("cannot write {}", path.display()), e);
    let tmp = temporary(path, bytes, mode).map_err(fail)?;
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt as _;
        // Only root may give a file away; for anyone else this is the
        // owner the file already has, or a refusal that changes nothing.
        let _ = std::os::unix::fs::chown(&tmp, Some(meta.uid()), Some(meta.gid()));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// Rewrites `path`, a file inside the project `root` (canonical), as
/// [`atomic`] does, keeping its permissions. A symbolic link stays a link:
/// its target is rewritten, and only when that target is inside `root`.
pub fn atomic_in(root: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let target = inside(root, path)?;
    atomic(&target, bytes, mode_of(&target))
}

/// `path` made absolute with its symbolic links resolved, as far as it
/// exists (a file or folders still to be created are taken as written); an
/// error when that is outside `root` (canonical), so that nothing is
/// written through a link, a linked folder or `..` out of the project.
pub fn inside(root: &Path, path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)
        .map_err(|e| Error::io(format!("cannot resolve {}", path.display()), e))?;
    // The deepest part of the path that exists, resolved; the names below
    // it are appended as written (a `..` among them stops the walk, and
    // then resolving fails).
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while existing.symlink_metadata().is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().map_err(|e| {
        Error::Usage(format!(
            "cannot write {}: cannot resolve {} ({e})",
            path.display(),
            existing.display()
        ))
    })?;
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    if !resolved.starts_with(root) {
        return Err(Error::Usage(format!(
            "{} leads outside the project (to {}); doccheck does not write outside {}",
            path.display(),
            resolved.display(),
            root.display()
        )));
    }
    Ok(resolved)
}

/// Creates `path` with `bytes`, atomically, and fails if it exists: the
/// temporary file is hard-linked into place, which never replaces a file.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let exists = || {
        Error::Usage(format!(
            "{} already exists; doccheck does not overwrite it",
            path.display()
        ))
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let tmp = temporary(path, bytes, None)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => exists(),
        _ => Error::io(format!("cannot write {}", path.display()), e),
    })
}
