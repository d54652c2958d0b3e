//! What doccheck reads from a schema besides validating with it: the keys the
//! frontmatter may have (with `x-aliases`), whether other keys are allowed,
//! and which fields carry a doccheck `format` (commits, document references,
//! code references, run ids) that later checks verify.

use std::collections::HashMap;

use serde_json::Value;

use super::FORMATS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    Commit,
    Branch,
    DocRef,
    CodeRef,
    RunId,
    /// The document's own id, unique among documents.
    Id,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    /// Any element of a list.
    Item,
}

pub type FieldPath = Vec<Segment>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedField {
    pub path: FieldPath,
    pub marker: Marker,
    /// For document references: the kinds the target must have
    /// (`x-doc-kind`), shared by every reference the field holds.
    pub kinds: std::sync::Arc<[String]>,
    /// For document references: the relation must not loop (`x-chain`).
    pub chain: bool,
}

/// What a subschema takes over from the schema around it (a list's items
/// from the list).
#[derive(Debug, Default)]
struct Inherited {
    kinds: Vec<String>,
    chain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaInfo {
    /// Keys the schema declares at the top level.
    pub properties: Vec<Property>,
    /// True when the schema forbids keys it does not declare.
    pub closed: bool,
    pub marked: Vec<MarkedField>,
}

/// Bounds on the static walk, so recursive schemas terminate.
const MAX_HOPS: usize = 32;
const MAX_PATH: usize = 16;

impl SchemaInfo {
    pub fn collect(root: &Value, base: &str, documents: &HashMap<String, Value>) -> Self {
        let walker = Walker { documents };
        let mut info = SchemaInfo::default();
        walker.top_level(root, base, &mut info, 0);
        walker.marked(
            root,
            base,
            &mut Vec::new(),
            &Inherited::default(),
            &mut info.marked,
            0,
        );
        info.marked.dedup();
        info
    }

    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The declared property that `key` is an alias of.
    pub fn alias_of(&self, key: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|p| p.aliases.iter().any(|a| a == key))
    }
}

struct Walker<'a> {
    documents: &'a HashMap<String, Value>,
}

impl<'a> Walker<'a> {
    /// Follows `$ref` to the schema it names and the base URI to resolve the
    /// target's own references against.
    fn deref(&self, schema: &'a Value, base: &str) -> Option<(&'a Value, String)> {
        let reference = schema.get("$ref")?.as_str()?;
        let (doc, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let uri = if doc.is_empty() {
            base.to_owned()
        } else {
            resolve(base, doc)
        };
        let document = self.documents.get(&uri)?;
        let target = if fragment.is_empty() {
            document
        } else {
            document.pointer(fragment)?
        };
        Some((target, uri))
    }

    fn top_level(&self, schema: &'a Value, base: &str, info: &mut SchemaInfo, hops: usize) {
        if hops > MAX_HOPS {
            return;
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                if info.properties.iter().any(|p| &p.name == name) {
                    continue;
                }
                info.properties.push(Property {
                    name: name.clone(),
                    aliases: self.strings(sub, base, "x-aliases"),
                });
            }
        }
        for keyword in ["additionalProperties", "unevaluatedProperties"] {
            if schema.get(keyword) == Some(&Value::Bool(false)) {
                info.closed = true;
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.top_level(sub, base, info, hops + 1);
            }
        }
        if let Some((target, uri)) = self.deref(schema, base) {
            self.top_level(target, &uri, info, hops + 1);
        }
    }

    /// A list of strings under `keyword`, looking through `$ref`.
    fn strings(&self, schema: &'a Value, base: &str, keyword: &str) -> Vec<String> {
        let mut current = (schema, base.to_owned());
        for _ in 0..MAX_HOPS {
            if let Some(list) = current.0.get(keyword).and_then(Value::as_array) {
                return list
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
            }
            match self.deref(current.0, &current.1) {
                Some(next) => current = next,
                None => break,
            }
        }
        Vec::new()
    }

    fn marked(
        &self,
        schema: &'a Value,
        base: &str,
        path: &mut FieldPath,
        inherited: &Inherited,
        out: &mut Vec<MarkedField>,
        hops: usize,
    ) {
        if hops > MAX_HOPS || path.len() > MAX_PATH {
            return;
        }
        let own_kinds = match schema.get("x-doc-kind") {
            Some(Value::String(k)) => vec![k.clone()],
            Some(Value::Array(ks)) => ks
                .iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        let here = Inherited {
            kinds: if own_kinds.is_empty() {
                inherited.kinds.clone()
            } else {
                own_kinds
            },
            chain: inherited.chain || schema.get("x-chain") == Some(&Value::Bool(true)),
        };
        if let Some(format) = schema.get("format").and_then(Value::as_str)
            && let Some((_, marker)) = FORMATS.iter().find(|(name, _)| *name == format)
        {
            // A run id names a run, whatever the schema says.
            let kinds = if *marker == Marker::RunId {
                ["run".to_owned()].into()
            } else {
                here.kinds.as_slice().into()
            };
            out.push(MarkedField {
                path: path.clone(),
                marker: *marker,
                kinds,
                chain: here.chain,
            });
        }
        if let Some((target, uri)) = self.deref(schema, base) {
            self.marked(target, &uri, path, &here, out, hops + 1);
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                path.push(Segment::Key(name.clone()));
                self.marked(sub, base, path, &Inherited::default(), out, hops);
                path.pop();
            }
        }
        let items = schema.get("items").into_iter().chain(
            schema
                .get("prefixItems")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for sub in items {
            path.push(Segment::Item);
            self.marked(sub, base, path, &here, out, hops);
            path.pop();
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for sub in schema
                .get(keyword)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.marked(sub, base, path, &here, out, hops + 1);
            }
        }
    }
}

/// Resolves a relative reference against a base URI (paths only; schemas use
/// nothing else).
fn resolve(base: &str, reference: &str) -> String {
    if reference.contains("://") {
        return reference.to_owned();
    }
    let dir = base.rfind('/').map_or("", |i| &base[..=i]);
    let (prefix, dir_path) = match dir.find("://") {
        Some(i) => {
            let after = &dir[i + 3..];
            let host_end = after.find('/').map_or(after.len(), |j| j);
            dir.split_at(i + 3 + host_end)
        }
        None => ("", dir),
    };
    let mut parts: Vec<&str> = if reference.starts_with('/') {
        Vec::new()
    } else {
        dir_path.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in reference.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("{prefix}/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{BUILTIN, builtin_id};

    fn builtins() -> HashMap<String, Value> {
        BUILTIN
            .iter()
            .map(|(name, text)| (builtin_id(name), serde_json::from_str(text).unwrap()))
            .collect()
    }

    #[test]
    fn resolves_relative_references() {
        assert_eq!(
            resolve(
                "https://doccheck.dev/schemas/plan.schema.json",
                "common.schema.json"
            ),
            "https://doccheck.dev/schemas/common.schema.json"
        );
        assert_eq!(
            resolve("file:///r/schemas/a.json", "../defs/b.json"),
            "file:///r/defs/b.json"
        );
        assert_eq!(
            resolve("file:///r/a.json", "https://x.org/y.json"),
            "https://x.org/y.json"
        );
    }

    #[test]
    fn plan_info() {
        let docs = builtins();
        let plan = &docs[&builtin_id("plan")];
        let info = SchemaInfo::collect(plan, &builtin_id("plan"), &docs);
        assert!(!info.closed);
        assert_eq!(info.alias_of("commit").unwrap().name, "git_commit");
        assert_eq!(info.alias_of("title").unwrap().name, "topic");
        assert!(info.property("status").is_some());
        let marked: Vec<_> = info
            .marked
            .iter()
            .map(|m| {
                let path: Vec<String> = m
                    .path
                    .iter()
                    .map(|s| match s {
                        Segment::Key(k) => k.clone(),
                        Segment::Item => "*".into(),
                    })
                    .collect();
                format!("{} {:?} {:?}", path.join("/"), m.marker, m.kinds)
            })
            .collect();
        assert_eq!(
            marked,
            [
                "git_commit Commit []",
                "branch Branch []",
                "related_research DocRef [\"research\"]",
                "related_research/* DocRef [\"research\"]",
            ]
        );
    }

    #[test]
    fn recursive_schema_terminates() {
        let schema: Value = serde_json::json!({
            "$defs": {"node": {"properties": {"child": {"$ref": "#/$defs/node"}, "c": {"format": "git-commit"}}}},
            "$ref": "#/$defs/node"
        });
        let mut docs = HashMap::new();
        docs.insert("file:///s.json".to_owned(), schema.clone());
        let info = SchemaInfo::collect(&schema, "file:///s.json", &docs);
        assert!(!info.marked.is_empty());
        assert!(info.marked.iter().all(|m| m.path.len() <= MAX_PATH + 1));
    }
}
