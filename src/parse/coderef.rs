//! Code references in prose and tables: `src/config.py:183-243`,
//! `path:L10`, `path#L10-L20`.

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

/// Every code reference in `text`.
pub fn scan(text: &str) -> Vec<CodeRef<'_>> {
    let mut refs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_path_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (is_path_byte(bytes[i]) || bytes[i] == b':' || bytes[i] == b'#' || bytes[i] == b'L')
        {
            i += 1;
        }
        let token = text[start..i].trim_end_matches([':', '.']);
        let preceded_ok = start == 0 || !matches!(bytes[start - 1], b':' | b'/' | b'@');
        if preceded_ok && let Some(r) = parse(token, start) {
            refs.push(r);
        }
    }
    refs
}

fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-')
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
    }

    #[test]
    fn not_code_refs() {
        assert!(refs("at 15:17 on v1.2:3, see https://example.com/a.py:80").is_empty());
        assert!(refs("ratio 3:2, exp-042, host:8080, a.py:0, a.py:9-3").is_empty());
    }

    #[test]
    fn offsets() {
        let text = "x `src/config.py:183-243`";
        let r = &scan(text)[0];
        assert_eq!(&text[r.at..r.at + r.len], "src/config.py:183-243");
    }
}
