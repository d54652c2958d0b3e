//! Bold field lines in a Markdown body: `**Date:** 2024-10-19` and
//! `**Experiment ID**: exp-042`, with the colon inside or outside the bold.
//! A bold field with no value followed by a list of `- Name: value` items
//! (`**Code Version**:` then `- Commit SHA: abc123d`) is a group: the items
//! are its fields.

use crate::parse::yaml::{Entry, Node, Scalar, Style, Value};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    /// The name as written (`Git Commit`).
    pub name: &'a str,
    pub name_span: Span,
    pub value: &'a str,
    /// Where the value is in the file (empty, just after the colon, when the
    /// value is empty).
    pub span: Span,
    /// The fields of a group.
    pub children: Vec<Field<'a>>,
}

/// `Git Commit` → `git_commit`: the key a field line stands for. Characters
/// other than letters and digits (`/`, `&`, parentheses) become `_`, runs
/// of them one.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The metadata a document's field lines stand for: a mapping from keys to
/// text (field lines carry no YAML types), groups as nested mappings. The
/// first field of a name wins, as a reader of the page would see it.
pub fn tree(fields: &[Field<'_>], span: Span) -> Node {
    let mut entries: Vec<Entry> = Vec::new();
    for field in fields {
        let key = key(field.name);
        if key.is_empty() || entries.iter().any(|e| scalar_text(&e.key) == key) {
            continue;
        }
        let value = if field.value.is_empty() && !field.children.is_empty() {
            tree(&field.children, field.span)
        } else {
            Node {
                span: field.span,
                value: Value::Scalar(Scalar {
                    text: field.value.to_owned(),
                    style: Style::Plain,
                    // Empty stays null (a field with nothing after it);
                    // anything else is text, never a YAML number or bool.
                    forced_string: !field.value.is_empty(),
                }),
            }
        };
        entries.push(Entry {
            key: Node {
                span: field.name_span,
                value: Value::Scalar(Scalar {
                    text: key,
                    style: Style::Plain,
                    forced_string: true,
                }),
            },
            value,
        });
    }
    Node {
        span,
        value: Value::Map(entries),
    }
}

fn scalar_text(node: &Node) -> &str {
    node.as_scalar().map_or("", |s| s.text.as_str())
}

/// One `Name: value` line: the name's and the value's byte ranges within
/// `content`, for bold fields (`bold`) or plain list items.
fn split_line(content: &str, bold: bool) -> Option<(usize, usize, usize, usize)> {
    let trimmed = content.trim_start();
    let lead = content.len() - trimmed.len();
    let (item, marker) = match trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
    {
        Some(rest) => (rest, 2),
        None if bold => (trimmed, 0),
        None => return None,
    };
    let at = lead + marker;
    let (name, name_at, value, value_at) = if let Some(after) = item.strip_prefix("**") {
        let close = after.find("**")?;
        let inner = &after[..close];
        let rest = &after[close + 2..];
        if let Some(name) = inner.strip_suffix(':') {
            (name, at + 2, rest, at + 2 + close + 2)
        } else if let Some(value) = rest.strip_prefix(':') {
            (inner, at + 2, value, at + 2 + close + 3)
        } else {
            return None;
        }
    } else if bold {
        return None;
    } else {
        let colon = item.find(':')?;
        let name = &item[..colon];
        // A plain item is a field only when it reads like one: a short
        // name of words, not a sentence that happens to hold a colon.
        if name.len() > 40
            || name.contains(['`', '[', '(', '*'])
            || name.split_whitespace().count() > 5
        {
            return None;
        }
        (name, at, &item[colon + 1..], at + colon + 1)
    };
    let name_trimmed = name.trim();
    if name_trimmed.is_empty() || name_trimmed.len() > 60 {
        return None;
    }
    let name_start = name_at + (name.len() - name.trim_start().len());
    let value_start = value_at + (value.len() - value.trim_start().len());
    Some((
        name_start,
        name_start + name_trimmed.len(),
        value_start,
        value_start + value.trim().len(),
    ))
}

/// Field lines of the body that starts at byte `start` of `text`, outside
/// the `code_blocks` the Markdown parser found (sorted byte ranges). A
/// leading list marker (`- `) is allowed.
pub fn scan<'a>(
    text: &'a str,
    start: usize,
    code_blocks: &[std::ops::Range<usize>],
) -> Vec<Field<'a>> {
    let mut fields: Vec<Field<'a>> = Vec::new();
    // Every field line is bold, or an item of a bold group.
    if !text[start..].contains("**") {
        return fields;
    }
    let mut blocks = code_blocks.iter().peekable();
    let mut offset = start;
    // Whether the last field is a group still taking list items.
    let mut group = false;
    for line in text[start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        while blocks.next_if(|b| b.end <= line_start).is_some() {}
        // Indented blocks start after the indentation: skip lines that
        // overlap a block at all.
        if blocks.peek().is_some_and(|b| b.start < offset) {
            group = false;
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        let field = |(ns, ne, vs, ve): (usize, usize, usize, usize)| {
            let (mut vs, mut ve) = (vs, ve);
            // `**Commit**: `ce3dc9c`` quotes the value as code.
            let value = &content[vs..ve];
            if value.len() >= 2 && value.starts_with('`') && value.ends_with('`') {
                vs += 1;
                ve -= 1;
            }
            Field {
                name: &content[ns..ne],
                name_span: Span::new(line_start + ns, line_start + ne),
                value: &content[vs..ve],
                span: Span::new(line_start + vs, line_start + ve),
                children: Vec::new(),
            }
        };
        if let Some(parts) = split_line(content, true) {
            let f = field(parts);
            group = f.value.is_empty();
            fields.push(f);
            continue;
        }
        let is_item = content.trim_start().starts_with(['-', '*']);
        if group && is_item {
            if let Some(parts) = split_line(content, false)
                && let Some(parent) = fields.last_mut()
            {
                parent.children.push(field(parts));
            }
            continue;
        }
        group = false;
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
        assert_eq!(&text[fields[1].name_span.range()], "Experiment ID");
    }

    #[test]
    fn groups_and_tree() {
        let text = "**Code Version**:\n- Repository: https://x\n- Commit SHA: abc123d\n\n**Status**: completed\n**Status**: failed\n**Random Seed**: 42\n";
        let fields = scan(text, 0, &[]);
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0].children.len(), 2);
        assert_eq!(&text[fields[0].children[1].span.range()], "abc123d");
        let root = tree(&fields, Span::empty(0));
        assert_eq!(
            root.to_json(),
            serde_json::json!({
                "code_version": {"repository": "https://x", "commit_sha": "abc123d"},
                "status": "completed",
                "random_seed": "42"
            })
        );
        assert_eq!(key("Train/Val/Test Split"), "train_val_test_split");
        assert_eq!(key("Key Decisions & Rationale"), "key_decisions_rationale");
    }

    fn code_blocks(text: &str) -> Vec<std::ops::Range<usize>> {
        crate::parse::markdown::scan(text, 0, &mut crate::suppress::Builder::default()).code_blocks
    }

    #[test]
    fn indented_code_is_not_fields() {
        let text = "Example:\n\n    **Git Commit**: deadbee\n";
        assert!(scan(text, 0, &code_blocks(text)).is_empty());
    }

    #[test]
    fn not_fields() {
        let text = "**Bold** text\n```\n**Date:** in code\n```\n**Unclosed: x\n";
        assert!(scan(text, 0, &code_blocks(text)).is_empty());
    }
}
