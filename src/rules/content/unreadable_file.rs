use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document doccheck cannot read: a permission error, a broken
    /// symbolic link, a symbolic link that points outside the repository, or
    /// something that is not a regular file (a FIFO named `notes.md`).
    ///
    /// ## Why is this bad?
    /// A document nobody can read cannot be checked, and a link that leaves
    /// the repository is not part of what reviewers see. doccheck never reads
    /// outside the repository, so it reports the file instead.
    ///
    /// ## Example
    /// ```text
    /// thoughts/shared/plans/latest.md -> /home/beth/private/plan.md
    /// ```
    ///
    /// ## How to fix
    /// Fix the file's permissions, replace the link by the file itself, or
    /// exclude the path in the configuration.
    UnreadableFile, code = "DC501", name = "unreadable-file", severity = Error
}

pub fn diagnostic(reason: &str) -> Diagnostic {
    Diagnostic::new(
        &UnreadableFile::META,
        Span::empty(0),
        format!("cannot read this document: {reason}"),
    )
    .help("fix the file or its permissions, or add it to `exclude` in the configuration")
}

#[cfg(test)]
mod tests {
    use super::UnreadableFile;
    use crate::testing::read_finding;

    fn code(setup: impl FnOnce(&std::path::Path) -> std::path::PathBuf) -> Option<&'static str> {
        read_finding(setup).map(|d| d.rule.code)
    }

    #[test]
    fn unreadable_file() {
        let code_of = UnreadableFile::META.code;
        assert_eq!(
            code(|root| {
                let f = root.join("ok.md");
                std::fs::write(&f, "# Fine\n").unwrap();
                f
            }),
            None
        );
        assert_eq!(
            code(|root| {
                let f = root.join("dangling.md");
                std::os::unix::fs::symlink(root.join("missing.md"), &f).unwrap();
                f
            }),
            Some(code_of)
        );
        assert_eq!(
            code(|root| {
                let outside = root.parent().unwrap().join("secret.md");
                std::fs::write(&outside, "secret").unwrap();
                let f = root.join("link.md");
                std::os::unix::fs::symlink(&outside, &f).unwrap();
                f
            }),
            Some(code_of)
        );
        assert_eq!(
            code(|root| {
                let f = root.join("loop.md");
                std::os::unix::fs::symlink(&f, &f).unwrap();
                f
            }),
            Some(code_of)
        );
    }

    #[test]
    fn symlinks_inside_the_project_are_read() {
        assert!(
            read_finding(|root| {
                std::fs::write(root.join("real.md"), "# Real\n").unwrap();
                let f = root.join("alias.md");
                std::os::unix::fs::symlink(root.join("real.md"), &f).unwrap();
                f
            })
            .is_none()
        );
    }

    #[test]
    fn a_fifo_is_not_read() {
        let finding = read_finding(|root| {
            let f = root.join("pipe.md");
            let status = std::process::Command::new("mkfifo")
                .arg(&f)
                .status()
                .unwrap();
            assert!(status.success());
            f
        });
        assert_eq!(
            finding.map(|d| d.rule.code),
            Some(UnreadableFile::META.code)
        );
    }
}
