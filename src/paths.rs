//! Project-relative paths: always `/`-separated, never escaping the root.

/// Normalises a project-relative path: drops `.` and empty segments, applies
/// `..`, and strips a leading `/`. `None` when the path leaves the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Resolves `target` as written in the document at `from`: relative to the
/// document's folder, or to the project root when it starts with `/`.
pub fn join(from: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return normalize(target);
    }
    let dir = from.rfind('/').map_or("", |i| &from[..i]);
    normalize(&format!("{dir}/{target}"))
}

/// The folder part of a project-relative path (empty for the root).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
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
    }

    #[test]
    fn joins() {
        assert_eq!(join("docs/x.md", "y.md").as_deref(), Some("docs/y.md"));
        assert_eq!(join("docs/x.md", "../y.md").as_deref(), Some("y.md"));
        assert_eq!(join("docs/x.md", "/z/y.md").as_deref(), Some("z/y.md"));
        assert_eq!(join("x.md", "../y.md"), None);
        assert_eq!(parent("a/b/c.md"), "a/b");
        assert_eq!(parent("c.md"), "");
    }
}
