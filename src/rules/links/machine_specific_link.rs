use crate::diagnostic::Diagnostic;
use crate::paths;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports an absolute link that spells out the author's machine:
    /// `/workspace/app/src/main.ts` or `/home/ana/project/docs/setup.md`,
    /// where the leading folders are not in the repository and the rest of
    /// the path is a file of it.
    ///
    /// ## Why is this bad?
    /// GitHub reads a leading `/` from the repository root, so the link is
    /// broken for every other reader, though the file it means exists.
    ///
    /// ## Example
    /// ```markdown
    /// The entry point is [main.ts](/workspace/app/src/main.ts).
    /// ```
    ///
    /// ## How to fix
    /// Link the repository path, relative to the document
    /// (`../../src/main.ts`) or from the root (`/src/main.ts`).
    MachineSpecificLink, code = "DC308", name = "machine-specific-link", severity = Warning
}

/// The repository file an absolute `path` (project-relative, its leading
/// `/` dropped) names once the machine's folders in front are dropped: the
/// longest tail that exists, when the first folder is not the repository's.
pub fn in_repository(path: &str, exists: impl Fn(&str) -> bool) -> Option<&str> {
    let (first, _) = path.split_once('/')?;
    if exists(first) {
        return None;
    }
    let mut rest = path;
    while let Some((_, tail)) = rest.split_once('/') {
        if exists(tail) {
            return Some(tail);
        }
        rest = tail;
    }
    None
}

pub fn diagnostic(span: Span, from: &str, target: &str) -> Diagnostic {
    let relative = paths::relative(paths::parent(from), target);
    Diagnostic::new(
        &MachineSpecificLink::META,
        span,
        format!(
            "this link is a path on the author's machine; in the repository the file is `{target}`"
        ),
    )
    .label("machine-specific path")
    .help(format!(
        "link `{relative}` (relative to this document) or `/{target}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_machine_folders() {
        let files = ["src/main.ts", "src"];
        let exists = |p: &str| files.contains(&p);
        assert_eq!(
            in_repository("workspace/app/src/main.ts", exists),
            Some("src/main.ts")
        );
        assert_eq!(in_repository("workspace/app/lib/x.ts", exists), None);
        // A folder of the repository: the link is broken, not foreign.
        assert_eq!(in_repository("src/app/src/main.ts", exists), None);
    }

    #[test]
    fn a_link_with_the_machine_in_front() {
        let files = [
            (
                "docs/plans/p.md",
                "# P\n\nSee [main](/workspace/app/src/main.md) and [x](/workspace/app/src/gone.md).\n",
            ),
            ("src/main.md", "# Main\n"),
        ];
        let codes: Vec<_> = crate::testing::project_findings(&files)
            .into_iter()
            .map(|d| d.rule.code)
            .filter(|c| c.starts_with("DC30"))
            .collect();
        assert_eq!(codes, ["DC308", "DC301"]);
    }
}
