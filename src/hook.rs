//! `doccheck hook install`: a Git pre-commit hook that runs
//! `doccheck check --staged`. A hook doccheck did not write is never
//! replaced without `--force`, and then it is kept as a backup.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Marks a hook as doccheck's, so that reinstalling may replace it.
const MARKER: &str = "# Installed by `doccheck hook install`.";

/// What `install` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    Created(PathBuf),
    Updated(PathBuf),
    Unchanged(PathBuf),
    /// A foreign hook was replaced (`--force`) and kept at the second path.
    Replaced(PathBuf, PathBuf),
}

impl Installed {
    pub fn message(&self) -> String {
        match self {
            Installed::Created(p) => format!("installed the pre-commit hook at {}", p.display()),
            Installed::Updated(p) => format!("updated the pre-commit hook at {}", p.display()),
            Installed::Unchanged(p) => {
                format!("the pre-commit hook at {} is up to date", p.display())
            }
            Installed::Replaced(p, backup) => format!(
                "installed the pre-commit hook at {}; the previous hook was kept as {}",
                p.display(),
                backup.display()
            ),
        }
    }
}

/// Writes the pre-commit hook of the repository holding `project_root`.
/// `exe` is the running doccheck, used when `doccheck` is not on `PATH`
/// when the hook runs.
pub fn install(project_root: &Path, exe: Option<&Path>, force: bool) -> Result<Installed> {
    let repo = gix::discover(project_root).map_err(|_| {
        Error::Usage("not inside a Git repository: there is no hook to install".into())
    })?;
    let Some(work_tree) = repo.workdir().map(Path::to_path_buf) else {
        return Err(Error::Usage(
            "a bare repository runs no pre-commit hooks".into(),
        ));
    };
    let work_tree = work_tree.canonicalize().unwrap_or(work_tree);
    let hooks = hooks_dir(&repo, &work_tree)?;
    let path = hooks.join("pre-commit");
    let prefix = project_root
        .strip_prefix(&work_tree)
        .ok()
        .map(crate::discover::to_slash)
        .unwrap_or_default();
    let script = script(&prefix, exe);
    let existing = match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    let outcome = match &existing {
        None => Installed::Created(path.clone()),
        Some(bytes) if bytes == script.as_bytes() => return Ok(Installed::Unchanged(path)),
        Some(bytes) if String::from_utf8_lossy(bytes).contains(MARKER) => {
            Installed::Updated(path.clone())
        }
        Some(_) if !force => {
            return Err(Error::Usage(format!(
                "{} exists and was not written by doccheck; pass --force to replace it (it is kept as a backup), or call `doccheck check --staged` from it",
                path.display()
            )));
        }
        Some(bytes) => Installed::Replaced(path.clone(), backup(&hooks, &path, bytes)?),
    };
    std::fs::create_dir_all(&hooks)
        .map_err(|e| Error::io(format!("cannot create {}", hooks.display()), e))?;
    crate::write::atomic(&path, script.as_bytes(), Some(0o755))?;
    Ok(outcome)
}

/// Keeps the hook being replaced as `pre-commit.doccheck-backup`, or the
/// first free `pre-commit.doccheck-backup.N`: an earlier backup is never
/// overwritten, and one with the same content is reused.
fn backup(hooks: &Path, hook: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let mut n = 0;
    loop {
        n += 1;
        let name = match n - 1 {
            0 => "pre-commit.doccheck-backup".to_owned(),
            n => format!("pre-commit.doccheck-backup.{n}"),
        };
        let path = hooks.join(name);
        match std::fs::read(&path) {
            Ok(existing) if existing == bytes => return Ok(path),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                crate::write::create_new(&path, bytes)?;
                if let Some(mode) = crate::write::mode_of(hook) {
                    set_mode(&path, mode)?;
                }
                return Ok(path);
            }
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        }
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> Result<()> {
    Ok(())
}

/// `core.hooksPath` when set (relative to the work tree, as Git reads it),
/// else the `hooks` folder of the common Git directory, which linked
/// worktrees share.
fn hooks_dir(repo: &gix::Repository, work_tree: &Path) -> Result<PathBuf> {
    let configured = repo
        .config_snapshot()
        .trusted_path("core.hooksPath")
        .map_err(|e| Error::Usage(format!("core.hooksPath cannot be read: {e}")))?;
    Ok(match configured {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => work_tree.join(dir),
        None => repo.common_dir().join("hooks"),
    })
}

/// The hook: doccheck from `PATH`, else the binary that installed it.
fn script(prefix: &str, exe: Option<&Path>) -> String {
    let target = if prefix.is_empty() {
        String::new()
    } else {
        format!(" {}", quote(prefix))
    };
    let fallback = match exe {
        Some(exe) => format!(
            "if [ -x {exe} ]; then\n    exec {exe} check --staged{target}\nfi\n",
            exe = quote(&exe.to_string_lossy())
        ),
        None => String::new(),
    };
    format!(
        "#!/bin/sh\n{MARKER}\n# Checks the staged documents; `git commit --no-verify` skips it.\n\
         if command -v doccheck >/dev/null 2>&1; then\n    exec doccheck check --staged{target}\nfi\n\
         {fallback}echo 'doccheck is not on PATH: install it, or run `doccheck hook install` again' >&2\nexit 1\n"
    )
}

/// A single-quoted shell word.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
