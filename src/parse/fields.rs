//! Bold field lines in a Markdown body: `**Date:** 2024-10-19` and
//! `**Experiment ID**: exp-042`, with the colon inside or outside the bold.

use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    /// The name as written (`Git Commit`).
    pub name: &'a str,
    pub value: &'a str,
    /// Where the value is in the file (empty, just after the colon, when the
    /// value is empty).
    pub span: Span,
}

/// `Git Commit` → `git_commit`: the key a field line stands for.
pub fn key(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '-' {
                '_'
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Field lines of the body that starts at byte `start` of `text`, outside
/// fenced code blocks. A leading list marker (`- `) is allowed.
pub fn scan(text: &str, start: usize) -> Vec<Field<'_>> {
    let mut fields = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let item = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .unwrap_or(trimmed);
        let Some(after) = item.strip_prefix("**") else {
            continue;
        };
        let Some(close) = after.find("**") else {
            continue;
        };
        let inner = &after[..close];
        let rest = &after[close + 2..];
        let (name, value) = if let Some(name) = inner.strip_suffix(':') {
            (name, rest)
        } else if let Some(value) = rest.strip_prefix(':') {
            (inner, value)
        } else {
            continue;
        };
        if name.is_empty() || name.len() > 60 {
            continue;
        }
        let mut value_trimmed = value.trim();
        let mut value_offset =
            content.len() - value.len() + (value.len() - value.trim_start().len());
        // `**Commit**: `ce3dc9c`` quotes the value as code.
        if let Some(inner) = value_trimmed
            .strip_prefix('`')
            .and_then(|v| v.strip_suffix('`'))
        {
            value_trimmed = inner;
            value_offset += 1;
        }
        let at = line_start + value_offset;
        fields.push(Field {
            name: name.trim(),
            value: value_trimmed,
            span: Span::new(at, at + value_trimmed.len()),
        });
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_colon_placements_and_spans() {
        let text = "# T\n**Date:** 2024-10-19\n- **Experiment ID**: exp-042\r\n**Git Commit**:\n**Commit**: `ab12cd3`\n";
        let fields = scan(text, 0);
        assert_eq!(fields.len(), 4);
        assert_eq!(&text[fields[3].span.range()], "ab12cd3");
        assert_eq!((fields[0].name, fields[0].value), ("Date", "2024-10-19"));
        assert_eq!(&text[fields[0].span.range()], "2024-10-19");
        assert_eq!(&text[fields[1].span.range()], "exp-042");
        assert_eq!(key(fields[1].name), "experiment_id");
        assert!(fields[2].value.is_empty());
    }

    #[test]
    fn not_fields() {
        let text = "**Bold** text\n```\n**Date:** in code\n```\n**Unclosed: x\n";
        assert!(scan(text, 0).is_empty());
    }
}
