//! Validating frontmatter against its kind's schema and turning each
//! jsonschema error into the diagnostic of the rule that owns it, located
//! with the YAML tree's spans.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as Json;

use crate::dates;
use crate::diagnostic::{Diagnostic, Subject};
use crate::parse::yaml::{Node, Resolved};
use crate::rules::frontmatter::{
    date_without_time, field_name, invalid_enum_value, invalid_format, missing_required_key,
    misspelled_key, schema_violation, string_read_as_number, unknown_key, wrong_type,
};
use crate::schema::Schema;
use crate::source::Span;
use crate::suggest;

/// Keys doccheck itself reads and the schema never sees.
const RESERVED: &[&str] = &["$schema"];

/// Validates the frontmatter `root`; `fence` is the opening `---`, where
/// findings about the top-level mapping point. Fixes are offered only for
/// YAML (`fixable`), never for bold field lines, whose text is Markdown.
pub fn validate(
    schema: &Schema,
    root: &Node,
    fence: Span,
    fixable: bool,
    out: &mut Vec<Diagnostic>,
) {
    let first = out.len();
    let mut json = root.to_json();
    if let Some(object) = json.as_object_mut() {
        for key in RESERVED {
            object.remove(*key);
        }
    }
    let mut stand_ins: Vec<&str> = Vec::new();
    if !schema.is_valid(&json) {
        quote_numbers(schema, root, &mut json, out);
        without_values(schema, root, &mut json);
        let errors: Vec<_> = schema.errors(&json).collect();
        let mut missing = Missing::default();
        for error in &errors {
            report(
                schema,
                root,
                fence,
                error,
                &mut stand_ins,
                &mut missing,
                out,
            );
        }
        missing.report(out);
    }
    misspelled_keys(schema, root, &stand_ins, out);
    if !fixable {
        for d in &mut out[first..] {
            d.fix = None;
        }
    }
}

/// Whether `node` is a plain scalar, so that its span is exactly its text.
fn plain(node: &Node) -> bool {
    node.as_scalar()
        .is_some_and(|s| s.style == crate::parse::yaml::Style::Plain)
}

/// Reports unquoted numbers where the schema wants a string, and replaces
/// them in `json` by the text as written so that validation goes on with it.
fn quote_numbers(schema: &Schema, root: &Node, json: &mut Json, out: &mut Vec<Diagnostic>) {
    let pointers: Vec<String> = schema
        .errors(json)
        .filter(|e| matches!(e.kind(), ValidationErrorKind::Type { kind } if wants_string(kind)))
        .map(|e| e.instance_path().as_str().to_owned())
        .collect();
    for pointer in pointers {
        let Some((_, node)) = root.pointer(&pointer) else {
            continue;
        };
        let Some(scalar) = node.as_scalar().filter(|s| s.is_plain_number()) else {
            continue;
        };
        out.push(
            string_read_as_number::diagnostic(node.span, &field_name(&pointer), &scalar.text)
                .fix_with(format!("\"{}\"", scalar.text)),
        );
        if let Some(slot) = json.pointer_mut(&pointer) {
            *slot = Json::String(scalar.text.clone());
        }
    }
}

/// Whether a value says there is none: YAML's null (`~`, `null`, nothing
/// at all), an empty string, or Python's `None`.
fn no_value(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| {
        s.resolve() == Resolved::Null
            || matches!(
                s.text.trim(),
                "" | "~" | "None" | "none" | "NONE" | "null" | "Null" | "NULL"
            )
    })
}

/// Removes from `json` the mapping entries whose value says there is none
/// and that the schema rejects (a schema may allow null): such a key is read
/// as absent, so that a required one is reported once, as having no value,
/// and an optional one not at all.
fn without_values(schema: &Schema, root: &Node, json: &mut Json) {
    let pointers: Vec<String> = schema
        .errors(json)
        .map(|e| e.instance_path().as_str().to_owned())
        .filter(|p| !p.is_empty() && root.pointer(p).is_some_and(|(_, node)| no_value(node)))
        .collect();
    for pointer in pointers {
        let Some((parent, key)) = pointer.rsplit_once('/') else {
            continue;
        };
        let key = key.replace("~1", "/").replace("~0", "~");
        // List items keep their place: the pointers count on it.
        if let Some(object) = json.pointer_mut(parent).and_then(Json::as_object_mut) {
            object.remove(&key);
        }
    }
}

fn wants_string(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Single(t) => t.as_str() == "string",
        TypeKind::Multiple(set) => set.iter().any(|t| t.as_str() == "string"),
    }
}

/// Required keys missing per mapping, reported as one finding each.
#[derive(Default)]
struct Missing {
    /// (where, mapping path, keys), in the order first seen.
    by_mapping: Vec<(Span, String, Vec<String>)>,
}

impl Missing {
    fn add(&mut self, at: Span, within: String, key: &str) {
        match self.by_mapping.iter_mut().find(|(_, w, _)| *w == within) {
            Some((_, _, keys)) => keys.push(key.to_owned()),
            None => self.by_mapping.push((at, within, vec![key.to_owned()])),
        }
    }

    fn report(self, out: &mut Vec<Diagnostic>) {
        for (at, within, keys) in self.by_mapping {
            let names: Vec<&str> = keys.iter().map(String::as_str).collect();
            let d = missing_required_key::diagnostic(at, &names, &within);
            out.push(if within.is_empty() {
                d.about(Subject::MissingKeys(keys))
            } else {
                d
            });
        }
    }
}

fn report<'a>(
    schema: &Schema,
    root: &'a Node,
    fence: Span,
    error: &jsonschema::ValidationError<'_>,
    stand_ins: &mut Vec<&'a str>,
    missing: &mut Missing,
    out: &mut Vec<Diagnostic>,
) {
    let pointer = error.instance_path().as_str();
    let Some((key, node)) = root.pointer(pointer) else {
        out.push(schema_violation::diagnostic(
            fence,
            &field_name(pointer),
            &error.to_string(),
        ));
        return;
    };
    let field = field_name(pointer);
    // An empty value has an empty span just after its key: point at the key.
    let value_span = match key {
        Some(k) if node.span.is_empty() => k.span,
        _ => node.span,
    };
    let diagnostic = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let at = match key {
                Some(k) => k.span,
                None if pointer.is_empty() => fence,
                None => node.span,
            };
            if let Some(entry) = node.get(property) {
                // Written, but `~`, `None` or nothing: no value.
                out.push(missing_required_key::no_value(entry.key.span, property));
                return;
            }
            match stand_in(schema, node, property, pointer.is_empty()) {
                Some(other) => {
                    let text = other_key_text(other);
                    stand_ins.push(text);
                    let d = missing_required_key::misnamed(other.span, property, text).about(
                        Subject::Misnamed {
                            key: property.to_owned(),
                            found: text.to_owned(),
                        },
                    );
                    // An alias is unambiguous; a near miss is only a guess.
                    let alias = schema
                        .info
                        .property(property)
                        .is_some_and(|p| p.aliases.iter().any(|a| a == text));
                    if alias && plain(other) {
                        d.fix_with(property)
                    } else {
                        d
                    }
                }
                None => return missing.add(at, field, property),
            }
        }
        ValidationErrorKind::Type { kind } => {
            wrong_type::diagnostic(value_span, &field, &describe(kind), node.type_name())
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(display).collect())
                .unwrap_or_default();
            let value = node
                .as_scalar()
                .map_or_else(|| display(&node.to_json()), |s| s.text.clone());
            let suggestion = suggest::closest(&value, allowed.iter().map(String::as_str));
            let d =
                invalid_enum_value::diagnostic(value_span, &field, &value, &allowed, suggestion)
                    .about(Subject::Value {
                        field: field.clone(),
                        value: value.clone(),
                        allowed: allowed.clone(),
                    });
            match suggest::unique_closest(&value, allowed.iter().map(String::as_str)) {
                Some(fix) if node.as_scalar().is_some() && value_span == node.span => {
                    d.fix_with(fix)
                }
                _ => d,
            }
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let declared: Vec<&str> = schema
                .info
                .properties
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            for name in unexpected {
                let span = node
                    .entries()
                    .iter()
                    .find(|e| e.key.as_scalar().is_some_and(|s| &s.text == name))
                    .map_or(node.span, |e| e.key.span);
                let suggestion = schema
                    .info
                    .alias_of(name)
                    .map(|p| p.name.as_str())
                    .or_else(|| suggest::closest(name, declared.iter().copied()));
                out.push(unknown_key::diagnostic(span, name, suggestion));
            }
            return;
        }
        ValidationErrorKind::Format { format } => {
            let value = node
                .as_scalar()
                .map_or_else(|| display(&node.to_json()), |s| s.text.clone());
            if format == "date-time" && dates::days(&value).is_some() {
                // A `time` beside the date completes it.
                let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
                let time = root
                    .pointer(parent)
                    .and_then(|(_, mapping)| mapping.get("time"))
                    .and_then(|e| e.value.as_scalar());
                if time.is_some_and(|t| dates::date_and_time(&value, &t.text).is_some()) {
                    return;
                }
                date_without_time::diagnostic(value_span, &field, &value)
            } else {
                invalid_format::diagnostic(value_span, &field, &value, format)
            }
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let mut reasons: Vec<String> =
                context.iter().flatten().map(ToString::to_string).collect();
            reasons.dedup();
            let message = format!("matches none of the allowed forms ({})", reasons.join("; "));
            schema_violation::diagnostic(value_span, &field, &message)
        }
        _ => schema_violation::diagnostic(value_span, &field, &error.to_string()),
    };
    out.push(diagnostic);
}

fn other_key_text(node: &Node) -> &str {
    node.as_scalar().map_or("", |s| s.text.as_str())
}

/// A key in `mapping` that stands in for the missing `property`: one of its
/// `x-aliases`, or (at the top level) an undeclared near miss.
fn stand_in<'a>(schema: &Schema, mapping: &'a Node, property: &str, top: bool) -> Option<&'a Node> {
    if !top {
        return None;
    }
    let keys = || mapping.entries().iter().map(|e| &e.key);
    let aliases = schema
        .info
        .property(property)
        .map(|p| p.aliases.as_slice())
        .unwrap_or_default();
    keys()
        .find(|k| aliases.iter().any(|a| a == other_key_text(k)))
        .or_else(|| {
            let undeclared: Vec<&Node> = keys()
                .filter(|k| schema.info.property(other_key_text(k)).is_none())
                .collect();
            let best = suggest::closest(property, undeclared.iter().map(|k| other_key_text(k)))?;
            undeclared.into_iter().find(|k| other_key_text(k) == best)
        })
}

/// Top-level keys that are aliases or near misses of declared keys that are
/// absent, for schemas that allow other keys (closed schemas report them as
/// unknown keys instead).
fn misspelled_keys(schema: &Schema, root: &Node, stand_ins: &[&str], out: &mut Vec<Diagnostic>) {
    if schema.info.closed {
        return;
    }
    let present = |name: &str| root.get(name).is_some();
    let absent: Vec<&str> = schema
        .info
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| !present(n))
        .collect();
    for entry in root.entries() {
        let key = other_key_text(&entry.key);
        if schema.info.property(key).is_some()
            || RESERVED.contains(&key)
            || stand_ins.contains(&key)
        {
            continue;
        }
        if let Some(declared) = schema.info.alias_of(key).filter(|p| !present(&p.name)) {
            let d = misspelled_key::diagnostic(entry.key.span, key, &declared.name, true).about(
                Subject::Misnamed {
                    key: declared.name.clone(),
                    found: key.to_owned(),
                },
            );
            out.push(if plain(&entry.key) {
                d.fix_with(declared.name.as_str())
            } else {
                d
            });
        } else if let Some(declared) = suggest::closest(key, absent.iter().copied()) {
            out.push(misspelled_key::diagnostic(
                entry.key.span,
                key,
                declared,
                false,
            ));
        }
    }
}

fn describe(kind: &TypeKind) -> String {
    let name = |t: &str| match t {
        "string" => "a string",
        "array" => "a list",
        "object" => "a mapping",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "`true` or `false`",
        "null" => "empty",
        _ => "another type",
    };
    match kind {
        TypeKind::Single(t) => name(t.as_str()).to_owned(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| name(t.as_str()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn display(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}
