//! Documents as other documents cite them: under a key that says so
//! (`related_research`, `supersedes`, `sources`), as a repository path in
//! a code span (`` `thoughts/shared/research/2026-02-16-invites.md` ``), or
//! by an id that names a file (`ADR-010`, `RFC-005`, `exp-042`).

use std::sync::LazyLock;

use regex::Regex;

/// What a key (lowercase, `_`-separated) says about the documents under it:
/// `None` when it names no reference; else the kind its target must have,
/// if the name says one.
pub fn reference_key(key: &str) -> Option<Option<&'static str>> {
    let kind = match key {
        "related_research" | "research" | "research_doc" | "research_document" => Some("research"),
        "related_plan" | "plan" | "plan_doc" | "plan_document" | "implementation_plan" => {
            Some("plan")
        }
        _ => None,
    };
    if kind.is_some() {
        return Some(kind);
    }
    let named = key.starts_with("related_")
        || matches!(
            key,
            "sources"
                | "source_docs"
                | "supersedes"
                | "superseded_by"
                | "depends_on"
                | "based_on"
                | "builds_on"
                | "extends"
                | "parent_doc"
        )
        || [
            "_research",
            "_plan",
            "_doc",
            "_docs",
            "_adr",
            "_adrs",
            "_reference",
            "_references",
        ]
        .iter()
        .any(|end| key.ends_with(end));
    (named && key != "git_reference").then_some(None)
}

/// Bold labels that introduce a reference (`**Research document:**`,
/// `**Related plan**:`, `**Supersedes**:`).
pub fn reference_label(key: &str) -> bool {
    !to_write(key)
        && (reference_key(key).is_some()
            || key.split('_').any(|w| {
                matches!(
                    w,
                    "document" | "documents" | "research" | "plan" | "related" | "adr" | "spec"
                )
            }))
}

/// `**Create document:**`, `**Output:**`: a label naming a file the text is
/// about to write, not one it cites.
pub fn to_write(key: &str) -> bool {
    key.split('_').any(|w| {
        matches!(
            w,
            "create" | "new" | "output" | "outputs" | "deliverable" | "deliverables" | "write"
        )
    })
}

/// A label that says only "document": the file may be one the text cites or
/// one it is about to write, so a missing one is not a broken promise.
pub fn vague_label(key: &str) -> bool {
    matches!(key, "document" | "documents" | "doc" | "file")
}

/// Whether `text` (a code span, a value) is written as a path to a Markdown
/// document: one token, a Markdown extension, no scheme. `with_folder`
/// also asks for a `/`: a bare `README.md` in prose is a name, not a
/// citation of one file.
pub fn is_doc_path(text: &str, with_folder: bool) -> bool {
    let t = text.trim();
    // The extension first: most values and code spans are no path at all.
    let path = &t[..t.bytes().position(|b| b == b'#').unwrap_or(t.len())];
    [".md", ".markdown", ".mdx"]
        .iter()
        .any(|ext| ends_with_ignore_case(path, ext))
        && !t.contains(char::is_whitespace)
        && !is_pattern(t)
        && !t.contains("://")
        && !t.starts_with('#')
        && (!with_folder || t.trim_start_matches("./").contains('/'))
}

/// Whether `text` ends with the ASCII `suffix`, in any case.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether a value under a reference key may name a document: a path, a
/// file stem (`2025-10-23-readiness-assessment`) or an id (`ADR-010`) — not
/// prose, a URL or a citation of a paper.
pub fn is_reference_value(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && !t.contains("://")
        && !is_pattern(t)
        && (t.contains('/') || is_doc_path(t, false) || id(t).is_some() || dated_stem(t))
}

/// The references in one value, with their byte offsets: the value itself,
/// or each part of `a.md, b.md` when every part is a reference.
pub fn listed(text: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut at = 0;
    for part in text.split(',') {
        let lead = part.len() - part.trim_start().len();
        parts.push((at + lead, part.trim()));
        at += part.len() + 1;
    }
    if parts.len() > 1 && parts.iter().all(|(_, p)| is_reference_value(p)) {
        parts
    } else {
        vec![(0, text)]
    }
}

/// A glob or template of paths (`plans/*.md`, `plan-{G..L}.md`,
/// `<name>.md`, `$DIR/x.md`, `templates/KIND.md`, `YYYY-MM-DD-topic.md`),
/// not one path.
fn is_pattern(t: &str) -> bool {
    let stem = t
        .rsplit('/')
        .next()
        .unwrap_or(t)
        .split('.')
        .next()
        .unwrap_or_default();
    t.bytes().any(|b| {
        matches!(
            b,
            b'*' | b'?' | b'{' | b'}' | b'[' | b']' | b'<' | b'>' | b'$' | b'|'
        )
    }) || t.contains("YYYY")
        || matches!(
            stem,
            "KIND"
                | "NAME"
                | "TOPIC"
                | "SLUG"
                | "ID"
                | "FILE"
                | "FILENAME"
                | "TITLE"
                | "PATH"
                | "DOC"
        )
}

/// `2025-10-23-enterprise-readiness`, `2025-10-23_10-30_topic`.
fn dated_stem(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() > 11
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'-' | b'_')
}

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([a-z]{2,8})-0*(\d{1,6})$").expect("a valid regex"));

static ID_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    // Upper-case families (`ADR-010`, `RFC-5`) and the lower-case `exp-042`
    // of experiment logs.
    Regex::new(r"(?:[A-Z]{2,8}|exp|adr|rfc)-\d{1,6}").expect("a valid regex")
});

/// `ADR-010` → (`adr`, 10).
pub fn id(text: &str) -> Option<(String, u32)> {
    let c = ID.captures(text.trim())?;
    Some((c[1].to_ascii_lowercase(), c[2].parse().ok()?))
}

/// The id a document's file name starts with: `ADR-010-use-postgres.md` →
/// (`adr`, 10); in a decision-record folder, `0010-use-postgres.md` too.
pub fn file_id(path: &str, decision: bool) -> Option<(String, u32)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let mut parts = stem.splitn(3, ['-', '_']);
    let first = parts.next()?;
    if decision && first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit()) {
        return Some(("adr".to_owned(), first.parse().ok()?));
    }
    let number = parts.next()?;
    (first.len() >= 2
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit()))
    .then(|| Some((first.to_ascii_lowercase(), number.parse().ok()?)))
    .flatten()
}

/// Ids mentioned in prose: (byte offset, length) of each.
pub fn ids_in(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Every id holds a `-` before a digit (`\d` is any Unicode digit, so
    // any non-ASCII byte may start one): most prose has none.
    if !bytes
        .windows(2)
        .any(|w| w[0] == b'-' && (w[1].is_ascii_digit() || !w[1].is_ascii()))
    {
        return Vec::new();
    }
    // An id inside a word, a path or a longer id is not one.
    let joined = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'/' | b'.' | b'-');
    ID_IN_TEXT
        .find_iter(text)
        .filter(|m| {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            !before.is_some_and(joined)
                && !after
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'/' | b'-'))
        })
        .map(|m| (m.start(), m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(reference_key("related_research"), Some(Some("research")));
        assert_eq!(reference_key("related_docs"), Some(None));
        assert_eq!(reference_key("source_plan"), Some(None));
        assert_eq!(reference_key("supersedes"), Some(None));
        assert_eq!(reference_key("plan_reference"), Some(None));
        assert_eq!(reference_key("tags"), None);
        assert_eq!(reference_key("git_reference"), None);
        assert!(reference_label("research_document"));
        assert!(reference_label("related_plan"));
        assert!(!reference_label("status"));
    }

    #[test]
    fn lists_of_references() {
        assert_eq!(listed("a/x.md, b/y.md"), vec![(0, "a/x.md"), (8, "b/y.md")]);
        assert_eq!(listed("a/x.md"), vec![(0, "a/x.md")]);
        // Prose with a comma is one value.
        assert_eq!(
            listed("see a/x.md, then b"),
            vec![(0, "see a/x.md, then b")]
        );
    }

    #[test]
    fn labels() {
        assert!(reference_label("research_document"));
        assert!(!reference_label("create_document"));
        assert!(!reference_label("output"));
        assert!(vague_label("document"));
    }

    #[test]
    fn paths_and_values() {
        assert!(is_doc_path("thoughts/shared/research/x.md", true));
        assert!(is_doc_path("docs/a.md#usage", true));
        assert!(!is_doc_path("README.md", true));
        assert!(is_doc_path("README.md", false));
        assert!(!is_doc_path("https://x.org/a.md", false));
        assert!(!is_doc_path("src/main.rs", true));
        assert!(!is_doc_path("thoughts/shared/plans/*.md", true));
        assert!(!is_doc_path("plans/plan-{G..L}-x.md", true));
        assert!(!is_doc_path("docs/<topic>.md", true));
        assert!(!is_doc_path("templates/KIND.md", true));
        assert!(!is_doc_path("plans/YYYY-MM-DD-topic.md", true));
        assert!(is_reference_value("thoughts/plans/a.md"));
        assert!(is_reference_value("2025-10-23-enterprise-readiness"));
        assert!(is_reference_value("ADR-010"));
        assert!(!is_reference_value("Smith et al. 2020"));
        assert!(!is_reference_value("https://arxiv.org/abs/1"));
        assert!(!is_reference_value("yes"));
    }

    #[test]
    fn ids() {
        assert_eq!(id("ADR-010"), Some(("adr".into(), 10)));
        assert_eq!(id("exp-042"), Some(("exp".into(), 42)));
        assert_eq!(
            file_id("docs/adr/ADR-010-use-postgres.md", true),
            Some(("adr".into(), 10))
        );
        assert_eq!(
            file_id("docs/adr/0010-use-postgres.md", true),
            Some(("adr".into(), 10))
        );
        assert_eq!(file_id("docs/0010-x.md", false), None);
        assert_eq!(file_id("plans/2026-02-22-GAM-35-x.md", false), None);
        assert_eq!(
            file_id("exp-042-baseline.md", false),
            Some(("exp".into(), 42))
        );
        let text = "see ADR-010 and RFC-5, not src/ADR-3.md or x-ADR-4; exp-042.";
        let found: Vec<&str> = ids_in(text).iter().map(|&(a, l)| &text[a..a + l]).collect();
        assert_eq!(found, ["ADR-010", "RFC-5", "exp-042"]);
    }
}
