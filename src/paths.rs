//! Project-relative paths: always `/`-separated, never escaping the root.

/// Normalises a project-relative path: drops `.` and empty segments, applies
/// `..`, and strips a leading `/`. `None` when the path leaves the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut out = String::with_capacity(path.len());
    push_segments(&mut out, path)?;
    Some(out)
}

/// Appends the segments of `path` to the normalised path in `out`. Found
/// with `memchr`: a million links are joined this way, and both separators
/// are ASCII, never inside a longer character.
fn push_segments(out: &mut String, path: &str) -> Option<()> {
    let mut rest = path;
    loop {
        let end = memchr::memchr2(b'/', b'\\', rest.as_bytes()).unwrap_or(rest.len());
        match &rest[..end] {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None;
                }
                let cut = last_slash(out).unwrap_or(0);
                out.truncate(cut);
            }
            p => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(p);
            }
        }
        if end == rest.len() {
            return Some(());
        }
        rest = &rest[end + 1..];
    }
}

fn last_slash(path: &str) -> Option<usize> {
    memchr::memrchr(b'/', path.as_bytes())
}

/// Resolves `target` as written in the document at `from`: relative to the
/// document's folder, or to the project root when it starts with `/`.
pub fn join(from: &str, target: &str) -> Option<String> {
    let mut out = String::with_capacity(from.len() + target.len());
    join_into(&mut out, from, target)?;
    Some(out)
}

/// [`join`], into `out` (cleared first).
pub fn join_into(out: &mut String, from: &str, target: &str) -> Option<()> {
    out.clear();
    if !target.starts_with('/') {
        out.push_str(parent(from));
    }
    push_segments(out, target)
}

/// `%20` → ` `, `%C3%A9` → `é`; invalid sequences are kept as written.
pub fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| s.to_owned()))
}

/// The folder part of a project-relative path (empty for the root).
pub fn parent(path: &str) -> &str {
    last_slash(path).map_or("", |i| &path[..i])
}

/// A link from the folder `from` to the file `to` (both project-relative),
/// in angle brackets when it holds a space, as Markdown needs.
pub fn relative(from: &str, to: &str) -> String {
    let out = relative_path(from, to);
    if out.contains(' ') {
        format!("<{out}>")
    } else {
        out
    }
}

/// The path from the folder `from` to the file `to`, both project-relative:
/// `../` for each folder to climb.
pub fn relative_path(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("./a//b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalize("/a/b").as_deref(), Some("a/b"));
        assert_eq!(normalize("a/../.."), None);
        assert_eq!(normalize("").as_deref(), Some(""));
        assert_eq!(normalize("a\\b\\..\\c/").as_deref(), Some("a/c"));
        assert_eq!(normalize("é/./ü//x").as_deref(), Some("é/ü/x"));
    }

    #[test]
    fn joins() {
        assert_eq!(join("docs/x.md", "y.md").as_deref(), Some("docs/y.md"));
        assert_eq!(join("docs/x.md", "../y.md").as_deref(), Some("y.md"));
        assert_eq!(join("docs/x.md", "/z/y.md").as_deref(), Some("z/y.md"));
        assert_eq!(join("x.md", "../y.md"), None);
        assert_eq!(parent("a/b/c.md"), "a/b");
        assert_eq!(parent("c.md"), "");
        assert_eq!(percent_decode("a%20b%C3%A9"), "a bé");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(relative("", "a/b.md"), "a/b.md");
        assert_eq!(relative("docs", "a/b.md"), "../a/b.md");
        assert_eq!(relative("a", "a/b.md"), "b.md");
        assert_eq!(relative("a/c", "a/my b.md"), "<../my b.md>");
        assert_eq!(relative_path("a/c", "a/my b.md"), "../my b.md");
        assert_eq!(relative_path("a/c", "a/c/d/e.md"), "d/e.md");
    }
}
