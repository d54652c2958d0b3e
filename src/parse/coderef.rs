//! Code references in prose and tables: `src/config.py:183-243`,
//! `path:L10`, `path#L10-L20`, `src/routes/[id]/+page.svelte:12`.
//!
//! Only what the text alone tells is decided here: a path into a virtual
//! environment, a package cache, the home folder or an absolute location,
//! and the stock examples of instructions on how to cite
//! (`path/to/file.py:123`) are not references into the repository. What
//! needs the repository (which file a bare name means) is for
//! [`crate::coderefs`].

/// A reference to lines of a file, as written in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef<'a> {
    pub path: &'a str,
    pub start: u32,
    pub end: u32,
    /// Byte offset of the reference within the scanned text, and its length.
    pub at: usize,
    pub len: usize,
}

/// Every code reference in `text` that may point into the repository.
pub fn scan(text: &str) -> Vec<CodeRef<'_>> {
    let mut refs = Vec::new();
    let bytes = text.as_bytes();
    // The lines follow a `:` or a `#`: most text holds neither, and a word
    // without one is no reference.
    if memchr::memchr2(b':', b'#', bytes).is_none() {
        return refs;
    }
    let mut i = 0;
    while i < bytes.len() {
        if !is_path_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut lines = false;
        while i < bytes.len() {
            let b = bytes[i];
            if is_path_byte(b) {
                i += 1;
            } else if b == b':' || b == b'#' {
                lines = true;
                i += 1;
            } else if let Some(close) = route_segment(bytes, i) {
                i = close + 1;
            } else {
                break;
            }
        }
        if !lines {
            continue;
        }
        let token = text[start..i].trim_end_matches([':', '.']);
        // `https://host/a.py:80`, `~/x.py:3`, `$HOME/x.py:3`, `user@host:x.py:3`.
        let preceded_ok =
            start == 0 || !matches!(bytes[start - 1], b':' | b'/' | b'@' | b'~' | b'$' | b'%');
        if preceded_ok
            && let Some(r) = parse(token, start)
            && !outside_repository(r.path)
            && !is_example(r.path)
        {
            refs.push(r);
        }
    }
    refs
}

fn is_path_byte(b: u8) -> bool {
    // `+`: SvelteKit's route files (`+page.svelte`) are one name.
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-' | b'+')
}

/// A bracketed route segment right after a `/` (`[id]`, `[...rest]`,
/// `(group)`) followed by another `/`: the index of its closing bracket.
fn route_segment(bytes: &[u8], i: usize) -> Option<usize> {
    let close = match bytes[i] {
        b'[' => b']',
        b'(' => b')',
        _ => return None,
    };
    if i == 0 || bytes[i - 1] != b'/' {
        return None;
    }
    let rest = &bytes[i + 1..bytes.len().min(i + 64)];
    let len = rest.iter().position(|&b| b == close)?;
    let inner = &rest[..len];
    (!inner.is_empty()
        && inner.iter().all(|&b| is_path_byte(b) && b != b'/')
        && bytes.get(i + 1 + len + 1) == Some(&b'/'))
    .then_some(i + 1 + len)
}

fn parse(token: &str, at: usize) -> Option<CodeRef<'_>> {
    let (path, lines) = match token.find('#') {
        Some(hash) => (&token[..hash], token[hash + 1..].strip_prefix('L')?),
        None => {
            let colon = token.find(':')?;
            let lines = &token[colon + 1..];
            (&token[..colon], lines.strip_prefix('L').unwrap_or(lines))
        }
    };
    if !looks_like_file(path) {
        return None;
    }
    let (first, last) = match lines.split_once('-') {
        Some((a, b)) => (a, b.strip_prefix('L').unwrap_or(b)),
        None => (lines, lines),
    };
    let start: u32 = first.parse().ok().filter(|&n| n > 0)?;
    let end: u32 = last.parse().ok().filter(|&n| n >= start)?;
    Some(CodeRef {
        path,
        start,
        end,
        at,
        len: token.len(),
    })
}

/// A relative path whose last segment has an extension that starts with a
/// letter (`config.py`, `README.md`), which rules out times (`15:17`), ports
/// and version numbers.
fn looks_like_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && ext.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
                && !path.contains("//")
        }
        None => false,
    }
}

/// Folders that hold installed or generated code, never the repository's
/// own: a reference into one is about a dependency.
const FOREIGN_FOLDERS: &[&str] = &[
    "venv",
    ".venv",
    "virtualenv",
    ".virtualenvs",
    "site-packages",
    "dist-packages",
    "node_modules",
    "bower_components",
    ".cargo",
    ".rustup",
    "__pycache__",
    ".tox",
    ".nox",
    ".pyenv",
    ".conda",
    "miniconda3",
    "anaconda3",
    ".git",
    ".m2",
    ".gradle",
];

/// A path that cannot name a file of this repository: absolute, into an
/// installed-packages folder, or climbing above the folder it starts from
/// further than any project would (`../other-repo/x.py`, `../../x.py`).
pub fn outside_repository(path: &str) -> bool {
    if path.starts_with("../") {
        return true;
    }
    let mut segments = path.split('/').filter(|s| !s.is_empty() && *s != ".");
    // `/usr/lib/python3.11/…`, `/home/me/x.py`, `/tmp/…`: system locations.
    if path.starts_with('/')
        && segments.next().is_some_and(|first| {
            matches!(
                first,
                "usr"
                    | "home"
                    | "Users"
                    | "tmp"
                    | "var"
                    | "opt"
                    | "etc"
                    | "root"
                    | "private"
                    | "mnt"
            )
        })
    {
        return true;
    }
    path.split('/').any(|s| {
        FOREIGN_FOLDERS.contains(&s)
            || s == "..."
            // `python3.11/`, `lib/python3/`: an interpreter's own tree.
            || s.strip_prefix("python").is_some_and(|v| v.bytes().next().is_some_and(|b| b.is_ascii_digit()))
    })
}

/// Names that only instructions on how to cite use: `path/to/file.py:123`,
/// `file.ext:line`, `foo.py:10`.
fn is_example(path: &str) -> bool {
    if path.contains("path/to/") || path.starts_with("to/") {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = stem.to_ascii_lowercase();
    ext.eq_ignore_ascii_case("ext")
        || ext.eq_ignore_ascii_case("xxx")
        || matches!(
            stem.as_str(),
            "file"
                | "filename"
                | "file_name"
                | "some_file"
                | "somefile"
                | "your_file"
                | "yourfile"
                | "my_file"
                | "myfile"
                | "foo"
                | "bar"
                | "baz"
                | "example"
                | "xxx"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(&str, u32, u32)> {
        scan(text)
            .into_iter()
            .map(|r| (r.path, r.start, r.end))
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(
            refs("see `src/config.py:183-243`."),
            [("src/config.py", 183, 243)]
        );
        assert_eq!(
            refs("| hack/spec_metadata.sh:22-58 | x |"),
            [("hack/spec_metadata.sh", 22, 58)]
        );
        assert_eq!(
            refs("CLAUDE.md:1-50 and src/a.rs:L10"),
            [("CLAUDE.md", 1, 50), ("src/a.rs", 10, 10)]
        );
        assert_eq!(refs("src/a.rs#L10-L20"), [("src/a.rs", 10, 20)]);
        assert_eq!(refs("at src/a.rs:7:"), [("src/a.rs", 7, 7)]);
        assert_eq!(refs("`extractor.py:500`"), [("extractor.py", 500, 500)]);
    }

    #[test]
    fn route_files_are_one_name() {
        assert_eq!(
            refs("the form in `+page.svelte:12` and src/routes/[id]/+page.server.ts:30"),
            [
                ("+page.svelte", 12, 12),
                ("src/routes/[id]/+page.server.ts", 30, 30)
            ]
        );
        assert_eq!(
            refs("in web/src/routes/(app)/settings/+layout.svelte:4-9"),
            [("web/src/routes/(app)/settings/+layout.svelte", 4, 9)]
        );
        // A bracketed aside is not a route segment.
        assert_eq!(refs("(see a.py:3)"), [("a.py", 3, 3)]);
    }

    #[test]
    fn not_code_refs() {
        assert!(refs("at 15:17 on v1.2:3, see https://example.com/a.py:80").is_empty());
        assert!(refs("ratio 3:2, exp-042, host:8080, a.py:0, a.py:9-3").is_empty());
    }

    #[test]
    fn references_outside_the_repository() {
        for text in [
            "venv/lib/python3.11/site-packages/torch/nn/modules/module.py:1501",
            "`.venv/lib/x/y.py:3`",
            "node_modules/react/index.js:12",
            "~/.cargo/registry/src/index/serde-1.0/src/de.rs:40",
            "/usr/lib/python3/dist-packages/a.py:3",
            "/home/me/work/train.py:12",
            "../other-repo/src/model.py:88",
            "$HOME/notes/x.md:3",
            "src/.../deep.py:4",
        ] {
            assert!(refs(text).is_empty(), "{text}");
        }
        // A root-relative path is the repository's.
        assert_eq!(refs("/src/a.py:3"), [("/src/a.py", 3, 3)]);
    }

    #[test]
    fn citation_instructions_are_examples() {
        for text in [
            "cite as `path/to/file.py:123`",
            "`file.ext:45-67`",
            "e.g. `foo.py:10`",
            "like `src/example.ts:3`",
        ] {
            assert!(refs(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn offsets() {
        let text = "x `src/config.py:183-243`";
        let r = &scan(text)[0];
        assert_eq!(&text[r.at..r.at + r.len], "src/config.py:183-243");
    }
}
