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
/// the `code_blocks` the Markdown parser found (sorted byte ranges). A
/// leading list marker (`- `) is allowed.
pub fn scan<'a>(
    text: &'a str,
    start: usize,
    code_blocks: &[std::ops::Range<usize>],
) -> Vec<Field<'a>> {
    let mut fields = Vec::new();
    let mut blocks = code_blocks.iter().peekable();
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        while blocks.next_if(|b| b.end <= line_start).is_some() {}
        // Indented blocks start after the indentation: skip lines that
        // overlap a block at all.
        if blocks.peek().is_some_and(|b| b.start < offset) {
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
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
        let fields = scan(text, 0, &[]);
        assert_eq!(fields.len(), 4);
        assert_eq!(&text[fields[3].span.range()], "ab12cd3");
        assert_eq!((fields[0].name, fields[0].value), ("Date", "2024-10-19"));
        assert_eq!(&text[fields[0].span.range()], "2024-10-19");
        assert_eq!(&text[fields[1].span.range()], "exp-042");
        assert_eq!(key(fields[1].name), "experiment_id");
        assert!(fields[2].value.is_empty());
    }

    #[test]
    fn indented_code_is_not_fields() {
        let text = "Example:\n\n    **Git Commit**: deadbee\n";
        let blocks =
            crate::parse::markdown::scan(text, 0, &mut crate::suppress::Builder::default())
                .code_blocks;
        assert!(scan(text, 0, &blocks).is_empty());
    }

    #[test]
    fn not_fields() {
        let text = "**Bold** text\n```\n**Date:** in code\n```\n**Unclosed: x\n";
        let blocks =
            crate::parse::markdown::scan(text, 0, &mut crate::suppress::Builder::default())
                .code_blocks;
        assert!(scan(text, 0, &blocks).is_empty());
    }
}
