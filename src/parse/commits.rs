//! Commits as documents cite them: under any key that says so
//! (`git_commit`, `implemented_commit`, `**Commit SHA**:`), as a bare SHA
//! or a SHA followed by a note (`a1b2c3d (initial)`).

/// What a key (or a bold field's name, as [`crate::parse::fields::key`]
/// gives it) says about the value under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitKey {
    /// The commit the document was written against (`git_commit`,
    /// `commit`, `Git Commit`): a value that is no SHA is a finding.
    Primary,
    /// Some other commit (`implemented_commit`, `base_sha`, `data_version`):
    /// verified when it is a SHA, left alone when it is not.
    Other,
}

/// Whether `key` (lowercase, `_`-separated) names a commit.
pub fn commit_key(key: &str) -> Option<CommitKey> {
    match key {
        "git_commit" | "commit" | "commit_sha" | "git_sha" | "git_hash" | "commit_hash"
        | "commit_id" | "git_commit_full" => Some(CommitKey::Primary),
        "sha" | "data_version" => Some(CommitKey::Other),
        _ if key.ends_with("_commit") || key.ends_with("_sha") || key.ends_with("commit_hash") => {
            Some(CommitKey::Other)
        }
        _ => None,
    }
}

/// What a commit value holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitValue<'a> {
    /// Just a SHA (or what should be one), at this byte offset of the value.
    Sha(&'a str, usize),
    /// A SHA at the offset, then a note starting at the second offset:
    /// `a1b2c3d (initial)`, `` `511e231` (baseline) ``.
    Annotated(&'a str, usize, usize),
    /// Several SHAs (`api: a1b2c3d, web: e4f5a6b`): commits of several
    /// repositories, not one of this one.
    Several,
    /// No SHA at its start: a word, a sentence, an empty value.
    Other,
}

/// Reads a commit value as written.
pub fn read(text: &str) -> CommitValue<'_> {
    let hex_runs = hex_runs(text);
    if hex_runs.iter().filter(|r| r.len() >= 7).count() >= 2 {
        return CommitValue::Several;
    }
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (tick, rest) = match rest.strip_prefix('`') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    let len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
    let start = lead + tick;
    let after = &rest[len..];
    let boundary = after
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-');
    if len == 0 || !boundary {
        return CommitValue::Other;
    }
    let sha = &rest[..len];
    let after = after
        .strip_prefix('`')
        .filter(|_| tick == 1)
        .unwrap_or(after);
    let note = after.trim_start();
    if note.is_empty() {
        CommitValue::Sha(sha, start)
    } else {
        CommitValue::Annotated(sha, start, text.len() - note.len())
    }
}

/// Runs of hex digits bounded by non-word characters.
fn hex_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(commit_key("git_commit"), Some(CommitKey::Primary));
        assert_eq!(commit_key("commit"), Some(CommitKey::Primary));
        assert_eq!(commit_key("git_hash"), Some(CommitKey::Primary));
        assert_eq!(commit_key("implemented_commit"), Some(CommitKey::Other));
        assert_eq!(commit_key("base_sha"), Some(CommitKey::Other));
        assert_eq!(commit_key("parent_commit_hash"), Some(CommitKey::Other));
        assert_eq!(commit_key("commits"), None);
        assert_eq!(commit_key("shape"), None);
    }

    #[test]
    fn values() {
        assert_eq!(read("ea45dd2"), CommitValue::Sha("ea45dd2", 0));
        assert_eq!(read("`ea45dd2`"), CommitValue::Sha("ea45dd2", 1));
        assert_eq!(
            read("a1b2c3d (initial)"),
            CommitValue::Annotated("a1b2c3d", 0, 8)
        );
        assert_eq!(
            read("`511e231` (baseline) — phases applied on top"),
            CommitValue::Annotated("511e231", 1, 10)
        );
        assert_eq!(read("api: a1b2c3d, web: e4f5a6b"), CommitValue::Several);
        assert_eq!(read("current"), CommitValue::Other);
        assert_eq!(read("N/A (not a git repository)"), CommitValue::Other);
        assert_eq!(read(""), CommitValue::Other);
        // A word that starts with hex letters is no SHA.
        assert_eq!(read("deadbeefy"), CommitValue::Other);
        assert_eq!(read("abc-def"), CommitValue::Other);
    }
}
