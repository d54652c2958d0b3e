//! The YAML tree as a jsonschema instance, read in place: validating a
//! frontmatter this way builds no `serde_json::Value`. It means exactly
//! what [`Node::to_json`] means with the [`RESERVED`] top-level keys
//! removed; the trees where that would take more than reading the nodes
//! (a list or mapping as a key, a key written twice, whose last value
//! serde_json keeps) are left to the `serde_json` path.

use std::borrow::Cow;

use jsonschema::JsonType;
use jsonschema::json::{self, NodeIdentity};
use serde_json::Value;

use super::RESERVED;
use crate::parse::yaml::{Entry, JsonScalar, Node, Scalar, Value as Tree};

/// The representation, for [`jsonschema::options_for`].
pub struct Yaml;

impl json::Json for Yaml {
    type Node<'a> = Instance<'a>;
    type PreparedKey = Box<str>;
    /// A lookup is a scan of the entries: one pass over them beats looking
    /// up each of several keys in any frontmatter mapping.
    const KEYS_PER_LOOKUP: usize = 16;
    type StringBuffer = ();

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>(_: &mut (), string: &str, f: impl FnOnce(Instance<'_>) -> T) -> T {
        f(Instance::Name(string))
    }
}

/// The tree `root` as an instance, or `None` when it has a key that is not
/// a scalar or a mapping with a key twice.
pub fn instance(root: &Node) -> Option<Instance<'_>> {
    plain_keys(root).then(|| Instance::top(root))
}

/// Whether every mapping key in the tree is a scalar, and none is written
/// twice in the same mapping (both parsers keep only the first; a tree
/// built otherwise could hold both, and serde_json would keep the last).
fn plain_keys(node: &Node) -> bool {
    match &node.value {
        Tree::Scalar(_) => true,
        Tree::Seq(items) => items.iter().all(plain_keys),
        Tree::Map(entries) => {
            if !entries
                .iter()
                .all(|e| e.key.as_scalar().is_some() && plain_keys(&e.value))
            {
                return false;
            }
            // Frontmatter mappings are small: comparing pairs allocates nothing.
            if entries.len() <= 16 {
                return entries
                    .iter()
                    .enumerate()
                    .all(|(i, e)| entries[..i].iter().all(|f| key(f) != key(e)));
            }
            let mut keys: Vec<&str> = entries.iter().map(key).collect();
            keys.sort_unstable();
            keys.windows(2).all(|w| w[0] != w[1])
        }
    }
}

fn key(entry: &Entry) -> &str {
    entry.key.as_scalar().map_or("", |s| s.text.as_str())
}

/// A node of the tree; scalars are resolved when read, so that a value
/// that is only looked up or counted costs nothing.
#[derive(Clone, Copy)]
pub enum Instance<'a> {
    Tree {
        node: &'a Node,
        top: bool,
    },
    /// A property name under validation.
    Name(&'a str),
}

impl<'a> Instance<'a> {
    fn top(node: &'a Node) -> Self {
        Instance::Tree { node, top: true }
    }

    fn child(node: &'a Node) -> Self {
        Instance::Tree { node, top: false }
    }

    /// The scalar's JSON, `None` for a list or mapping.
    fn leaf(&self) -> Option<JsonScalar<'a>> {
        match self {
            Instance::Name(name) => Some(JsonScalar::String(name)),
            Instance::Tree { node, .. } => node.as_scalar().map(Scalar::json),
        }
    }
}

impl<'a> json::Node<'a, Yaml> for Instance<'a> {
    type Object = Mapping<'a>;
    type Array = Items<'a>;
    type Number = Number;

    fn as_object(&self) -> Option<Mapping<'a>> {
        match self {
            Instance::Tree {
                node:
                    Node {
                        value: Tree::Map(entries),
                        ..
                    },
                top,
            } => Some(Mapping { entries, top: *top }),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match self {
            Instance::Tree {
                node:
                    Node {
                        value: Tree::Seq(items),
                        ..
                    },
                ..
            } => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self.leaf()? {
            JsonScalar::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        match self.leaf()? {
            JsonScalar::Number(n) => Some(Number(n)),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.leaf()? {
            JsonScalar::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        self.leaf() == Some(JsonScalar::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.leaf() {
            Some(JsonScalar::Null) => JsonType::Null,
            Some(JsonScalar::Bool(_)) => JsonType::Boolean,
            Some(JsonScalar::Number(_)) => JsonType::Number,
            Some(JsonScalar::String(_)) => JsonType::String,
            None if self.as_array().is_some() => JsonType::Array,
            None => JsonType::Object,
        }
    }

    /// `enum` and `const` compare scalars here, as often as every document
    /// does: without building the value.
    fn equals_value(&self, expected: &Value) -> bool {
        match (self.leaf(), expected) {
            (Some(JsonScalar::String(s)), Value::String(e)) => s == e,
            (Some(JsonScalar::Bool(b)), Value::Bool(e)) => b == *e,
            (Some(JsonScalar::Null), Value::Null) => true,
            (Some(JsonScalar::Number(n)), Value::Number(e)) => json::cmp::equal_numbers(&n, e),
            (Some(_), _) => false,
            (None, _) => json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        let (node, top) = match self {
            Instance::Name(name) => return Cow::Owned(Value::String((*name).to_owned())),
            Instance::Tree { node, top } => (node, top),
        };
        let mut value = node.to_json();
        if let (true, Some(object)) = (top, value.as_object_mut()) {
            for key in RESERVED {
                object.remove(*key);
            }
        }
        Cow::Owned(value)
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match self {
            Instance::Tree { node, .. } => {
                Some(NodeIdentity::new(std::ptr::from_ref::<Node>(node) as usize))
            }
            Instance::Name(_) => None,
        }
    }
}

/// A mapping's entries; at the top, without the reserved keys.
#[derive(Clone, Copy)]
pub struct Mapping<'a> {
    entries: &'a [Entry],
    top: bool,
}

impl<'a> Mapping<'a> {
    fn visible(&self, key: &str) -> bool {
        !(self.top && RESERVED.contains(&key))
    }
}

impl<'a> json::Object<'a, Yaml> for Mapping<'a> {
    type Node = Instance<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        if self.top {
            self.entries.iter().filter(|e| self.visible(key(e))).count()
        } else {
            self.entries.len()
        }
    }

    fn get(&self, name: &Box<str>) -> Option<Instance<'a>> {
        if !self.visible(name) {
            return None;
        }
        self.entries
            .iter()
            .find(|e| key(e) == &**name)
            .map(|e| Instance::child(&e.value))
    }

    fn members(&self) -> Members<'a> {
        Members {
            mapping: *self,
            next: 0,
        }
    }
}

pub struct Members<'a> {
    mapping: Mapping<'a>,
    next: usize,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Instance<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        while let Some(entry) = self.mapping.entries.get(self.next) {
            self.next += 1;
            let name = key(entry);
            if self.mapping.visible(name) {
                return Some((name, Instance::child(&entry.value)));
            }
        }
        None
    }
}

#[derive(Clone, Copy)]
pub struct Items<'a>(&'a [Node]);

impl<'a> json::Array<'a, Yaml> for Items<'a> {
    type Node = Instance<'a>;
    type ElementsIter = std::iter::Map<std::slice::Iter<'a, Node>, fn(&'a Node) -> Instance<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.iter().map(Instance::child)
    }
}

/// A number as serde_json holds it, so that both paths read it alike.
pub struct Number(serde_json::Number);

impl json::JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_str(&self) -> Cow<'_, str> {
        json::JsonNumber::as_str(&self.0)
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Borrowed(&self.0)
    }

    fn is_integer(&self) -> bool {
        json::JsonNumber::is_integer(&self.0)
    }

    fn is_written_as_integer(&self) -> bool {
        json::JsonNumber::is_written_as_integer(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::parse::yaml;
    use crate::schema::{BUILTIN, RESERVED, SchemaSource, SchemaStore};

    /// A valid frontmatter of each built-in kind, one field a line.
    const BASES: &[(&str, &str)] = &[
        ("common", "title: x\n"),
        (
            "research",
            "date: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: ea45dd2\nbranch: main\n\
             repository: sec\ntopic: MLOps\ntags: [a, b]\nstatus: complete\n\
             last_updated: 2025-12-12\nlast_updated_by: beth\n",
        ),
        (
            "plan",
            "date: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: ea45dd2\nbranch: main\n\
             repository: sec\ntopic: MLOps\ntags: [a]\nstatus: in_progress\n\
             last_updated: 2025-12-12\nlast_updated_by: beth\nrelated_research: [docs/r.md]\n",
        ),
        (
            "pr",
            "date: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: ea45dd2\nbranch: main\n\
             repository: sec\ntopic: MLOps\ntags: []\nstatus: ready_for_review\n\
             last_updated: 2025-12-12\nlast_updated_by: beth\nrelated_plan: docs/p.md\n",
        ),
        (
            "handoff",
            "date: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: ea45dd2\nbranch: main\n\
             repository: sec\ntopic: MLOps\ntags: [a]\nstatus: complete\n",
        ),
        (
            "experiment",
            "experiment_id: exp-1\ndate: 2024-10-19\nobjective: o\nhypothesis: h\n\
             success_criteria: s\ndataset_version: 3\nstatus: running\nrandom_seed: 42\n\
             random_seeds: {numpy: 1, torch: 2}\nrelated_experiments: {parent: e/a.md, related: [e/b.md]}\n\
             code_version: {commit_sha: abcdef1, branch: main}\n",
        ),
        (
            "session",
            "date: 2024-10-19\nobjective: o\nsession_type: s\nrun_id: [20251212_151708]\n",
        ),
        (
            "decision",
            "id: adr-1\ntitle: t\ndate: 2024-10-19\nstatus: Accepted\ndeciders: [a, b]\nsupersedes: d/a.md\n",
        ),
        (
            "run",
            "name: n\nrun_id: 20251212_151708\nmodel: m\nseed: 7\ngit_commit: ea45dd2\n",
        ),
    ];

    /// Values of every JSON type and YAML spelling the resolver knows.
    const VALUES: &[&str] = &[
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "None",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "yes",
        "0",
        "7",
        "-7",
        "+7",
        "0o17",
        "0x1F",
        "0x1FFFFFFFFFFFFFFFF",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "123456789012345678901234567890",
        "1.5",
        "1.0",
        "-0.0",
        "1e3",
        ".5",
        ".inf",
        "-.Inf",
        "+.INF",
        ".nan",
        ".NaN",
        "1e400",
        "'7'",
        "\"1.5\"",
        "!!str 7",
        "!!str true",
        "!!int 7",
        "complete",
        "running",
        "Accepted",
        "''",
        "\"\"",
        "ea45dd2",
        "2024-10-19",
        "2025-12-12T15:17:08-06:00",
        "20251212_151708",
        "docs/r.md",
        "|\n  block\n",
        "[]",
        "[a, b]",
        "[1, true, ~]",
        "[20251212_151708, x]",
        "{}",
        "{a: 1}",
        "{parent: e/a.md, related: [e/b.md]}",
        "{commit_sha: abcdef1, branch: ''}",
        "{a: {b: [1, {c: d}]}}",
        "{a: 1, a: 2}",
        "{[a, b]: c}",
        "{{a: b}: c}",
        "{$schema: x}",
    ];

    /// Frontmatters beyond one changed field: whole-document shapes.
    const WHOLE: &[&str] = &[
        "",
        "~",
        "7",
        "[a]",
        "$schema: x.json\n",
        "status: a\nstatus: complete\n",
        "[a, b]: c\n",
        "? {a: b}\n: c\n",
        "'$schema': 1\n",
    ];

    fn parse(text: &str) -> Option<yaml::Node> {
        yaml::parse(text, 0).ok()?.root
    }

    /// Each base with each field's value replaced by each value, with a
    /// `$schema` key, with an extra key, and with a field repeated.
    fn frontmatters() -> Vec<String> {
        let mut docs: Vec<String> = WHOLE.iter().map(|d| (*d).to_owned()).collect();
        for (_, base) in BASES {
            docs.push((*base).to_owned());
            docs.push(format!("$schema: ../s.json\n{base}"));
            docs.push(format!("{base}extra: 1\n"));
            let lines: Vec<&str> = base.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let (key, _) = line.split_once(": ").unwrap();
                docs.push(format!("{base}{line}\n"));
                let without: Vec<&str> = [&lines[..i], &lines[i + 1..]].concat();
                docs.push(without.iter().map(|l| format!("{l}\n")).collect());
                for value in VALUES {
                    let mut doc = String::new();
                    for (j, other) in lines.iter().enumerate() {
                        if i == j {
                            let value = value.replace('\n', "\n  ");
                            doc.push_str(&format!("{key}: {value}\n"));
                        } else {
                            doc.push_str(&format!("{other}\n"));
                        }
                    }
                    docs.push(doc);
                }
            }
        }
        docs
    }

    /// Project schemas using what the built-in ones do not: closed
    /// mappings, key patterns, counts, constants and numeric bounds.
    const PROJECT: &[&str] = &[
        r#"{"type": "object", "properties": {"status": {}, "title": {}}, "additionalProperties": false}"#,
        r#"{"propertyNames": {"pattern": "^[a-z_]+$", "maxLength": 14}, "maxProperties": 11, "minProperties": 2}"#,
        r#"{"properties": {"$schema": false, "title": {"const": "x"}}}"#,
        r#"{"additionalProperties": {"enum": [7, 1.5, true, null, "complete", [], {}, [1, true, null], {"a": 1}]}}"#,
        r#"{"additionalProperties": {"type": ["integer", "boolean", "null"], "minimum": -7, "maximum": 1e20, "multipleOf": 0.5}}"#,
        r#"{"additionalProperties": {"anyOf": [{"type": "array", "uniqueItems": true, "minItems": 1, "contains": {"type": "string"}}, {"type": "object", "required": ["a"], "patternProperties": {"^c": {"type": "string"}}}, {"type": "string", "minLength": 5, "maxLength": 12}]}}"#,
        r#"{"additionalProperties": {"not": {"type": "number", "exclusiveMinimum": 0}}, "dependentRequired": {"status": ["date"]}}"#,
    ];

    #[test]
    fn the_tree_validates_as_its_json_does() {
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in PROJECT.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.json")), text).unwrap();
        }
        let store = SchemaStore::new(dir.path());
        let mut schemas: Vec<_> = BUILTIN
            .iter()
            .map(|(n, _)| store.builtin(n).unwrap())
            .collect();
        for i in 0..PROJECT.len() {
            schemas.push(store.file(&format!("{i}.json")).unwrap());
        }
        let docs = frontmatters();
        let (mut valid, mut invalid, mut unsure) = (0, 0, 0);
        for schema in &schemas {
            let name = &schema.source;
            let (before_valid, before_invalid) = (valid, invalid);
            for doc in &docs {
                let Some(root) = parse(doc) else {
                    continue;
                };
                let mut json = root.to_json();
                if let Some(object) = json.as_object_mut() {
                    for key in RESERVED {
                        object.remove(*key);
                    }
                }
                let expected = schema.is_valid(&json);
                match schema.tree_is_valid(&root) {
                    Some(got) => {
                        assert_eq!(got, expected, "{name} schema, frontmatter:\n{doc}");
                        if got {
                            valid += 1;
                        } else {
                            invalid += 1;
                        }
                    }
                    None => {
                        let complex =
                            doc.contains("]:") || doc.contains("{{") || doc.contains("? ");
                        assert!(complex, "unsure of:\n{doc}");
                        unsure += 1;
                    }
                }
                if let Some(twice) = repeated(&root) {
                    assert_eq!(schema.tree_is_valid(&twice), None, "{doc}");
                }
            }
            // `common` only holds definitions: it takes anything.
            let common = *name == SchemaSource::Builtin("common");
            assert!(
                valid > before_valid && (invalid > before_invalid || common),
                "{name}"
            );
        }
        assert!(
            valid > 500 && invalid > 500 && unsure > 20,
            "{valid} {invalid} {unsure}"
        );
    }

    /// `root` with its first key written again, last, with another value:
    /// the parser keeps the first, but a tree built otherwise may have both.
    fn repeated(root: &yaml::Node) -> Option<yaml::Node> {
        let mut root = root.clone();
        let yaml::Value::Map(entries) = &mut root.value else {
            return None;
        };
        let first = entries.first()?.clone();
        let other = entries.last()?.value.clone();
        entries.push(yaml::Entry {
            key: first.key,
            value: other,
        });
        Some(root)
    }

    #[test]
    fn a_key_written_twice_is_left_to_the_json() {
        let store = SchemaStore::new(Path::new("."));
        let schema = store.builtin("common").unwrap();
        let few = parse("a: 1\nb: 2\n").unwrap();
        let many: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        let many = parse(&many).unwrap();
        for root in [few, many] {
            assert_eq!(schema.tree_is_valid(&root), Some(true));
            assert_eq!(schema.tree_is_valid(&repeated(&root).unwrap()), None);
        }
    }
}
