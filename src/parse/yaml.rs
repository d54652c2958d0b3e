//! A span-carrying YAML tree built from saphyr-parser events.
//!
//! saphyr-parser is used directly, rather than a loader, for three reasons:
//! every node (keys included) must carry a byte span into the original file;
//! scalars must keep their raw text and style, so that an unquoted `0123456`
//! can be reported with the text the author wrote instead of the number YAML
//! resolves it to; and hostile input (alias bombs, deep nesting, duplicate
//! keys) must end in a diagnostic rather than exhausting memory or the stack.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::source::Span;

/// Nesting deeper than this is refused: real frontmatter is a few levels deep,
/// and later passes (JSON conversion, schema validation) recurse.
pub const MAX_DEPTH: usize = 64;
/// Upper bound on nodes, aliases expanded, so that an alias bomb stays cheap.
pub const MAX_NODES: usize = 100_000;
/// The most scalar text aliases may copy: a long string aliased many times
/// is a bomb too, with few nodes.
pub const MAX_ALIAS_BYTES: usize = 16 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The scalar's content after YAML unquoting and folding.
    pub text: String,
    pub style: Style,
    /// `!!str` forces a string; other tags are resolved like untagged scalars.
    pub forced_string: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

/// What a scalar means under the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond `i64`; kept apart so nobody mistakes it for exact.
    BigInt,
    Float(f64),
    Str,
}

/// Why a YAML text could not be turned into a tree.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlError {
    Syntax { message: String, at: usize },
    TooDeep { at: usize },
    TooManyNodes { at: usize },
    MultipleDocuments { at: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub second: Span,
}

#[derive(Debug, Default)]
pub struct Parsed {
    /// `None` for an empty document.
    pub root: Option<Node>,
    pub duplicates: Vec<DuplicateKey>,
}

impl Scalar {
    pub fn resolve(&self) -> Resolved {
        if self.forced_string || self.style != Style::Plain {
            return Resolved::Str;
        }
        resolve_plain(&self.text)
    }

    /// True for a plain scalar that YAML turns into a number.
    pub fn is_plain_number(&self) -> bool {
        matches!(
            self.resolve(),
            Resolved::Int(_) | Resolved::BigInt | Resolved::Float(_)
        )
    }
}

impl Node {
    /// An empty mapping standing for an empty frontmatter block.
    pub fn empty_mapping(span: Span) -> Node {
        Node {
            span,
            value: Value::Map(Vec::new()),
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The entries of a mapping, or an empty slice.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The entry whose scalar key is `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()
            .iter()
            .find(|e| e.key.as_scalar().is_some_and(|s| s.text == key))
    }

    /// Follows a JSON pointer (as produced by jsonschema) to a node, returning
    /// the entry key that led to it when the last step was a mapping key.
    pub fn pointer(&self, pointer: &str) -> Option<(Option<&Node>, &Node)> {
        let mut key = None;
        let mut node = self;
        if pointer.is_empty() {
            return Some((None, node));
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            match &node.value {
                Value::Map(entries) => {
                    let entry = entries.iter().find(|e| key_text(&e.key) == segment)?;
                    key = Some(&entry.key);
                    node = &entry.value;
                }
                Value::Seq(items) => {
                    node = items.get(segment.parse::<usize>().ok()?)?;
                    key = None;
                }
                Value::Scalar(_) => return None,
            }
        }
        Some((key, node))
    }

    /// The node as JSON, for schema validation. Plain scalars are resolved
    /// under the YAML 1.2 core schema; non-finite floats, which JSON lacks,
    /// stay strings.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => J::Null,
                Resolved::Bool(b) => J::Bool(b),
                Resolved::Int(i) => J::from(i),
                Resolved::BigInt => s
                    .text
                    .trim_start_matches('+')
                    .parse::<u64>()
                    .map(J::from)
                    .ok()
                    .or_else(|| float_json(s.text.parse().ok()?))
                    .unwrap_or_else(|| J::String(s.text.clone())),
                Resolved::Float(f) => float_json(f).unwrap_or_else(|| J::String(s.text.clone())),
                Resolved::Str => J::String(s.text.clone()),
            },
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (key_text(&e.key), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// A short description of the node's type for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => "an empty value",
                Resolved::Bool(_) => "a boolean",
                Resolved::Int(_) | Resolved::BigInt => "an integer",
                Resolved::Float(_) => "a number",
                Resolved::Str => "a string",
            },
        }
    }

    /// The nodes in this tree and the bytes of their scalar text.
    fn size(&self) -> (usize, usize) {
        let add = |(n, b): (usize, usize), (m, c): (usize, usize)| (n + m, b + c);
        match &self.value {
            Value::Scalar(s) => (1, s.text.len()),
            Value::Seq(items) => items.iter().map(Node::size).fold((1, 0), add),
            Value::Map(entries) => entries
                .iter()
                .map(|e| add(e.key.size(), e.value.size()))
                .fold((1, 0), add),
        }
    }
}

fn float_json(f: f64) -> Option<serde_json::Value> {
    serde_json::Number::from_f64(f).map(serde_json::Value::Number)
}

/// The text a key contributes to a JSON object. A list or mapping used as
/// a key is written in flow style (`{a: b}`), nested keys included, in one
/// pass: rendering it as JSON would escape each nested key again at every
/// level, doubling the text per level.
pub fn key_text(key: &Node) -> String {
    match &key.value {
        Value::Scalar(s) => s.text.clone(),
        _ => {
            let mut out = String::new();
            flow(key, &mut out);
            out
        }
    }
}

fn flow(node: &Node, out: &mut String) {
    match &node.value {
        Value::Scalar(s) => out.push_str(&s.text),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(&e.key, out);
                out.push_str(": ");
                flow(&e.value, out);
            }
            out.push('}');
        }
    }
}

/// Resolution of a plain scalar under the YAML 1.2 core schema.
pub fn resolve_plain(s: &str) -> Resolved {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    if let Some(oct) = s.strip_prefix("0o")
        && !oct.is_empty()
        && oct.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return i64::from_str_radix(oct, 8).map_or(Resolved::BigInt, Resolved::Int);
    }
    if let Some(hex) = s.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return i64::from_str_radix(hex, 16).map_or(Resolved::BigInt, Resolved::Int);
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .trim_start_matches('+')
            .parse::<i64>()
            .map_or(Resolved::BigInt, Resolved::Int);
    }
    if is_core_float(unsigned) {
        return s.parse::<f64>().map_or(Resolved::Str, Resolved::Float);
    }
    Resolved::Str
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    let int_digits = i;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        frac_digits = digits(i + 1);
        i += 1 + frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        let exp = digits(j);
        if exp == 0 {
            return false;
        }
        i = j + exp;
    }
    i == b.len()
}

/// Maps saphyr's character offsets to byte offsets in the file.
struct Offsets<'a> {
    base: usize,
    /// Byte offset of each char, present only for non-ASCII input.
    chars: Option<Vec<u32>>,
    text: &'a str,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let chars = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i as u32)
                .chain(std::iter::once(text.len() as u32))
                .collect()
        });
        Offsets { base, chars, text }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.chars {
            None => char_index.min(self.text.len()),
            Some(map) => map.get(char_index).map_or(self.text.len(), |&b| b as usize),
        };
        self.base + local
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.byte(span.start.index()), self.byte(span.end.index()))
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

/// Parses `text`, which starts at byte `base` of its file, into a tree.
pub fn parse(text: &str, base: usize) -> Result<Parsed, YamlError> {
    if let Some(parsed) = simple(text, base) {
        return Ok(parsed);
    }
    parse_events(text, base)
}

/// Frontmatter as it is mostly written, read without the YAML parser (which
/// costs more than the rest of a document's parse): one `key: value` per
/// line at the margin, each value plain, quoted without escapes, or a flow
/// list of plain words. The tree is the one [`parse_events`] builds, spans
/// and duplicates included; anything else (nesting, comments, block or
/// multi-line scalars, anchors, tags, indicators, non-ASCII text) is `None`,
/// for the parser.
fn simple(text: &str, base: usize) -> Option<Parsed> {
    if !text.is_ascii() || !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return None;
    }
    let plain = |text: &str, at: usize| Node {
        span: Span::new(at, at + text.len()),
        value: Value::Scalar(Scalar {
            text: text.to_owned(),
            style: Style::Plain,
            forced_string: false,
        }),
    };
    let mut stack = vec![Frame::Map {
        start: base,
        anchor: 0,
        entries: Vec::new(),
        key: None,
    }];
    let mut parsed = Parsed::default();
    let mut line_start = base;
    let mut rest = text;
    while !rest.is_empty() {
        let len = rest.bytes().position(|b| b == b'\n');
        let line = &rest[..len.unwrap_or(rest.len())];
        rest = &rest[len.map_or(rest.len(), |i| i + 1)..];
        let at = line_start;
        line_start += line.len() + usize::from(len.is_some());
        if line.is_empty() {
            continue;
        }
        let b = line.as_bytes();
        let key_len = b
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-'))?;
        if key_len == 0
            || !(b[0].is_ascii_alphabetic() || b[0] == b'_')
            || !line[key_len..].starts_with(": ")
        {
            return None;
        }
        let value_at = key_len + 2 + b[key_len + 2..].iter().take_while(|&&c| c == b' ').count();
        let value = &line[value_at..];
        let node = match value.as_bytes().first()? {
            &quote @ (b'"' | b'\'') => {
                let inner = &value[1..];
                let close = inner.find(char::from(quote))?;
                let text = &inner[..close];
                if text.bytes().any(|c| c < b' ' || c == 0x7f || c == b'\\')
                    || inner[close + 1..].bytes().any(|c| c != b' ')
                {
                    return None;
                }
                Node {
                    span: Span::new(at + value_at, at + value_at + close + 2),
                    value: Value::Scalar(Scalar {
                        text: text.to_owned(),
                        style: Style::Quoted,
                        forced_string: false,
                    }),
                }
            }
            b'[' => {
                let close = value.find(']')?;
                if value[close + 1..].bytes().any(|c| c != b' ') {
                    return None;
                }
                let mut items = Vec::new();
                let mut item_at = at + value_at + 1;
                for item in value[1..close].split(',') {
                    let lead = item.len() - item.trim_start_matches(' ').len();
                    let word = item.trim_matches(' ');
                    if !word.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                        || !word.bytes().all(|c| {
                            c.is_ascii_alphanumeric()
                                || matches!(c, b'_' | b'-' | b'.' | b'/' | b'+' | b' ')
                        })
                    {
                        return None;
                    }
                    items.push(plain(word, item_at + lead));
                    item_at += item.len() + 1;
                }
                let end = items
                    .last()
                    .map_or(at + value_at, |n: &Node| n.span.end as usize);
                Node {
                    span: Span::new(at + value_at, end),
                    value: Value::Seq(items),
                }
            }
            first => {
                let word = value.trim_end_matches(' ');
                if b"-?:,[]{}#&*!|>'\"%@`".contains(first)
                    || word.ends_with(':')
                    || word.contains(": ")
                    || word.contains(" #")
                    || word
                        .bytes()
                        .any(|c| c < b' ' || c == 0x7f || matches!(c, b'[' | b']' | b'{' | b'}'))
                {
                    return None;
                }
                plain(word, at + value_at)
            }
        };
        attach(&mut stack, &mut parsed, plain(&line[..key_len], at));
        attach(&mut stack, &mut parsed, node);
    }
    let Some(Frame::Map { start, entries, .. }) = stack.pop() else {
        return None;
    };
    let end = entries
        .last()
        .map_or(start, |e| e.value.span.end.max(e.key.span.end) as usize)
        .max(start);
    attach(
        &mut stack,
        &mut parsed,
        Node {
            span: Span::new(start, end),
            value: Value::Map(entries),
        },
    );
    Some(parsed)
}

/// [`parse`] with the YAML parser's events.
fn parse_events(text: &str, base: usize) -> Result<Parsed, YamlError> {
    let offsets = Offsets::new(text, base);
    let mut stack: Vec<Frame> = Vec::new();
    // Each anchored node with its node count and text bytes.
    let mut anchors: HashMap<usize, (Node, usize, usize)> = HashMap::new();
    let mut alias_bytes = 0usize;
    let mut parsed = Parsed::default();
    let mut nodes = 0usize;
    let mut documents = 0usize;

    for event in Parser::new_from_str(text) {
        let (event, raw_span) = event.map_err(|e| syntax(&offsets, &e))?;
        let span = offsets.span(raw_span);
        let complete = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::MultipleDocuments {
                        at: span.start as usize,
                    });
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let forced_string = tag.as_ref().is_some_and(|t| {
                    t.is_yaml_core_schema() && t.suffix == "str" || !t.is_yaml_core_schema()
                });
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                    _ => Style::Quoted,
                };
                let node = Node {
                    span: scalar_span(text, base, span, style),
                    value: Value::Scalar(Scalar {
                        text: value.into_owned(),
                        style,
                        forced_string,
                    }),
                };
                nodes += 1;
                Some((node, anchor))
            }
            Event::Alias(id) => {
                let Some((node, count, bytes)) = anchors.get(&id) else {
                    return Err(YamlError::Syntax {
                        message: "alias refers to an unknown anchor".into(),
                        at: span.start as usize,
                    });
                };
                nodes += count;
                alias_bytes += bytes;
                if nodes > MAX_NODES || alias_bytes > MAX_ALIAS_BYTES {
                    return Err(YamlError::TooManyNodes {
                        at: span.start as usize,
                    });
                }
                let mut node = node.clone();
                node.span = span;
                Some((node, 0))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError::TooDeep {
                        at: span.start as usize,
                    });
                }
                let start = span.start as usize;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        start,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        start,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    }
                });
                nodes += 1;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = span.end as usize;
                match stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => {
                        let end = items.last().map_or(end, |n| n.span.end as usize).max(start);
                        Some((
                            Node {
                                span: Span::new(start, end),
                                value: Value::Seq(items),
                            },
                            anchor,
                        ))
                    }
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => {
                        let end = entries
                            .last()
                            .map_or(end, |e| e.value.span.end.max(e.key.span.end) as usize)
                            .max(start);
                        Some((
                            Node {
                                span: Span::new(start, end),
                                value: Value::Map(entries),
                            },
                            anchor,
                        ))
                    }
                    None => None,
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        if nodes > MAX_NODES {
            return Err(YamlError::TooManyNodes {
                at: span.start as usize,
            });
        }
        if let Some((node, anchor)) = complete {
            if anchor > 0 {
                let (count, bytes) = node.size();
                anchors.insert(anchor, (node.clone(), count, bytes));
            }
            attach(&mut stack, &mut parsed, node);
        }
    }
    Ok(parsed)
}

/// The span of a scalar's own text. saphyr's starts at an anchor or tag
/// (`&s completed`, `!!str x`) and runs on past a quoted scalar's closing
/// quote to a comment (`'x' # note`): a fix that replaced that span would
/// drop them.
fn scalar_span(text: &str, base: usize, span: Span, style: Style) -> Span {
    let (mut start, end) = (span.start as usize - base, span.end as usize - base);
    let b = text.as_bytes();
    while start < end && matches!(b[start], b'&' | b'!') {
        while start < end && !b[start].is_ascii_whitespace() {
            start += 1;
        }
        while start < end && b[start].is_ascii_whitespace() {
            start += 1;
        }
    }
    let end = match (style, b.get(start)) {
        (Style::Quoted, Some(&quote @ (b'\'' | b'"'))) => closing_quote(&b[..end], start, quote),
        (Style::Plain, _) => start + text[start..end].trim_end().len(),
        _ => end,
    };
    Span::new(base + start, base + end.max(start))
}

/// The offset just past the quote that closes the one at `open`, or `end`.
fn closing_quote(b: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if quote == b'"' => i += 2,
            q if q == quote && quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            q if q == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn attach(stack: &mut [Frame], parsed: &mut Parsed, node: Node) {
    match stack.last_mut() {
        None => parsed.root = Some(node),
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, .. }) => match key.take() {
            None => *key = Some(node),
            Some(k) => {
                if let Some(first) = find_duplicate(entries, &k) {
                    parsed.duplicates.push(DuplicateKey {
                        key: key_text(&k),
                        first,
                        second: k.span,
                    });
                } else {
                    entries.push(Entry {
                        key: k,
                        value: node,
                    });
                }
            }
        },
    }
}

/// The span of an earlier key equal to `key`. Frontmatter mappings are
/// small; a linear scan beats hashing them.
fn find_duplicate(entries: &[Entry], key: &Node) -> Option<Span> {
    let Value::Scalar(k) = &key.value else {
        return None;
    };
    entries.iter().find_map(|e| match &e.key.value {
        Value::Scalar(s) if s.text == k.text => Some(e.key.span),
        _ => None,
    })
}

fn syntax(offsets: &Offsets<'_>, e: &ScanError) -> YamlError {
    YamlError::Syntax {
        message: e.info().to_owned(),
        at: offsets.byte(e.marker().index()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        parse(text, 0).unwrap().root.unwrap()
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn spans_cover_keys_and_values() {
        let text = "title: 'Quoted'\ntags: [a, b]\nnested:\n  child: x\n";
        let doc = root(text);
        let (key, value) = doc.pointer("/title").unwrap();
        assert_eq!(slice(text, key.unwrap().span), "title");
        assert_eq!(slice(text, value.span), "'Quoted'");
        let (_, tag) = doc.pointer("/tags/1").unwrap();
        assert_eq!(slice(text, tag.span), "b");
        let (key, child) = doc.pointer("/nested/child").unwrap();
        assert_eq!(slice(text, key.unwrap().span), "child");
        assert_eq!(slice(text, child.span), "x");
    }

    #[test]
    fn simple_frontmatter_reads_as_the_parser_reads_it() {
        let lines = [
            "date: 2026-11-27T23:59:59Z",
            "a:  b c  ",
            "title: 'Quoted'",
            "topic: \"Topic 1: a # b\"",
            "tags: [mlops, bench t2, 1.0]",
            "tags: [ x ,y ]",
            "x-y_2: http://a.b/c#d",
            "a: b :c",
            "a: it's ~",
            "n: ~",
            "sha: 0123456",
            "e: ''",
            "f: \"\"",
            "related_research: thoughts/shared/research/x.md",
            "",
            // What the parser reads instead.
            "a: b: c",
            "a: b # note",
            "a: [x, ]",
            "a: []",
            "a: 'it''s'",
            "a: \"\\t\"",
            "a: &x 1",
            "a: -1",
            "a:",
            "  b: 1",
            "# note",
            "- item",
            "a: x\r",
            "a: Élodie",
            "a: {b: 1}",
        ];
        let mut read = 0;
        for first in lines {
            for second in lines {
                for third in ["a: repeated", "last: x"] {
                    for end in ["", "\n"] {
                        let text = format!("{first}\n{second}\n{third}{end}");
                        if let Some(fast) = simple(&text, 7) {
                            read += 1;
                            let full = parse_events(&text, 7).unwrap();
                            assert_eq!(fast.root, full.root, "{text:?}");
                            assert_eq!(fast.duplicates, full.duplicates, "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(read > 300, "{read}");
        assert!(simple("a: b: c\n", 0).is_none() && simple("a:\n  b: 1\n", 0).is_none());
    }

    #[test]
    fn non_ascii_offsets_are_bytes() {
        let text = "auteur: Élodie Ünïcode\nsha: abc1234\n";
        let doc = parse(text, 10).unwrap().root.unwrap();
        let (_, sha) = doc.pointer("/sha").unwrap();
        assert_eq!(
            &text[sha.span.start as usize - 10..sha.span.end as usize - 10],
            "abc1234"
        );
    }

    #[test]
    fn core_schema_resolution() {
        assert_eq!(resolve_plain("1234567"), Resolved::Int(1234567));
        assert_eq!(resolve_plain("0123456"), Resolved::Int(123456));
        assert!(matches!(resolve_plain("1234e56"), Resolved::Float(_)));
        assert!(matches!(resolve_plain("1e5"), Resolved::Float(_)));
        assert_eq!(resolve_plain("ea45dd2"), Resolved::Str);
        assert_eq!(resolve_plain("12345678901234567890"), Resolved::BigInt);
        assert_eq!(resolve_plain("no"), Resolved::Str);
        assert_eq!(resolve_plain("yes"), Resolved::Str);
        assert_eq!(resolve_plain("True"), Resolved::Bool(true));
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("2025-12-12"), Resolved::Str);
        assert_eq!(resolve_plain("1."), Resolved::Float(1.0));
        assert_eq!(resolve_plain("."), Resolved::Str);
        assert_eq!(resolve_plain("1e"), Resolved::Str);
        assert_eq!(resolve_plain("0x1F"), Resolved::Int(31));
    }

    #[test]
    fn raw_text_survives_number_resolution() {
        let doc = root("sha: 0123456\nq: '0123456'\n");
        let sha = doc.get("sha").unwrap().value.as_scalar().unwrap();
        assert_eq!(sha.text, "0123456");
        assert!(sha.is_plain_number());
        let q = doc.get("q").unwrap().value.as_scalar().unwrap();
        assert!(!q.is_plain_number());
        assert_eq!(doc.to_json()["sha"], serde_json::json!(123456));
        assert_eq!(doc.to_json()["q"], serde_json::json!("0123456"));
    }

    #[test]
    fn str_tag_forces_string() {
        assert_eq!(
            root("a: !!str 123\n").to_json()["a"],
            serde_json::json!("123")
        );
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_spans() {
        let text = "a: 1\nb: 2\na: 3\n";
        let parsed = parse(text, 0).unwrap();
        let dup = &parsed.duplicates[0];
        assert_eq!(dup.key, "a");
        assert_eq!(dup.first, Span::new(0, 1));
        assert_eq!(dup.second, Span::new(10, 11));
        assert_eq!(parsed.root.unwrap().to_json()["a"], serde_json::json!(1));
    }

    #[test]
    fn syntax_errors_carry_byte_positions() {
        let text = "é: 1\n  b: 2\n";
        let Err(YamlError::Syntax { at, .. }) = parse(text, 0) else {
            panic!("expected a syntax error");
        };
        assert_eq!(at, text.find(": 2").unwrap());
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        assert!(matches!(
            parse(&text, 0),
            Err(YamlError::TooManyNodes { .. })
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn nested_complex_keys_render_in_linear_time() {
        let text = format!("{}a: b\n", "? ".repeat(30));
        let started = std::time::Instant::now();
        let json = root(&text).to_json().to_string();
        assert!(json.len() < 200, "{json}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let complex = root("? [x, {y: z}]\n: v\n");
        assert_eq!(key_text(&complex.entries()[0].key), "[x, {y: z}]");
    }

    #[test]
    fn aliases_of_long_text_are_bounded() {
        let mut text = format!("big: &a \"{}\"\nlist: [", "x".repeat(1 << 20));
        text.push_str(&vec!["*a"; 2_000].join(", "));
        text.push_str("]\n");
        assert!(matches!(
            parse(&text, 0),
            Err(YamlError::TooManyNodes { .. })
        ));
    }

    #[test]
    fn scalar_spans_leave_out_properties_and_comments() {
        for (text, value) in [
            ("s: &a completed\n", "completed"),
            ("s: !!str completed # note\n", "completed"),
            ("s: 'it''s' # note\nx: 1\n", "'it''s'"),
            ("s: \"a\\\"b\"  # c\n", "\"a\\\"b\""),
            ("s: &a !!str 'x'\n", "'x'"),
            ("s: plain   # c\n", "plain"),
        ] {
            let root = root(text);
            assert_eq!(slice(text, root.entries()[0].value.span), value, "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let block: String = (0..MAX_DEPTH + 1)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        assert!(matches!(parse(&block, 0), Err(YamlError::TooDeep { .. })));
        // saphyr-parser refuses deep flow nesting itself, before any event.
        assert!(parse(&"[".repeat(100_000), 0).is_err());
        assert!(parse(&"a: ".repeat(10_000), 0).is_err());
    }

    #[test]
    fn empty_document_has_no_root() {
        assert!(parse("", 0).unwrap().root.is_none());
        assert!(parse("# only a comment\n", 0).unwrap().root.is_none());
    }

    #[test]
    fn second_document_is_an_error() {
        assert!(matches!(
            parse("a: 1\n--- \nb: 2\n", 0),
            Err(YamlError::MultipleDocuments { .. })
        ));
    }
}
